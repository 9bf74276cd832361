package analysis

import (
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/internal/testcorpus"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

func findQuotes(text string) []Quote { return FindQuotes(text, segment.Sentences(text, nil)) }

// TestQuotePatterns checks each attribution rule on a sentence written for it.
func TestQuotePatterns(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // kind|speaker|text, in order
	}{
		{"after comma", `“We will not give up,” said Ahmad Alili, director of the center.`,
			[]string{"direct|Ahmad Alili|We will not give up,"}},
		{"after name verb", `Dmitry Trenin is an analyst. “Moscow has the advantage here,” Trenin wrote on Twitter.`,
			[]string{"direct|Dmitry Trenin|Moscow has the advantage here,"}},
		{"before with colon", `Russian President Vladimir Putin said: “The agreement is being implemented.”`,
			[]string{"direct|Vladimir Putin|The agreement is being implemented."}},
		{"before with apposition", `Charles Michel, President of the European Council, said that the “military actions must be halted at once.”`,
			[]string{"direct|Charles Michel|military actions must be halted at once."}},
		{"according to", `According to Josep Borrell, “the escalation is unacceptable for everyone involved.”`,
			[]string{"direct|Josep Borrell|the escalation is unacceptable for everyone involved."}},
		{"pronoun", `Benyamin Poghosyan spoke to us. “I think this shows there is no basis for talks,” he concludes.`,
			[]string{"direct|Benyamin Poghosyan|I think this shows there is no basis for talks,"}},
		{"continuation", "“This is the first time a representative has met them,” said Ahmad Alili. “Up to this moment we only had technical meetings on water.”",
			[]string{"direct|Ahmad Alili|This is the first time a representative has met them,", "direct|Ahmad Alili|Up to this moment we only had technical meetings on water."}},
		{"scare", `The army launched a “local anti-terrorist” operation against the region.`,
			[]string{"scare||local anti-terrorist"}},
		{"so-called", `Officials said the so-called “peace plan” was dead.`,
			[]string{"scare||peace plan"}},
		{"partial quote attributed", `Putin said it was time to discuss “next steps” on the truce.`,
			[]string{"direct|Putin|next steps"}},
		{"long unattributed", `The move aims to “ultimately restore the constitutional order of the republic.”`,
			[]string{"direct||ultimately restore the constitutional order of the republic."}},
		{"straight quotes", `The ministry said "the civilian population is not targeted by the army." It added nothing.`,
			[]string{"direct|ministry|the civilian population is not targeted by the army."}},
		{"guillemets", `Le ministre a parlé d'une « opération antiterroriste » hier.`,
			[]string{"scare||opération antiterroriste"}},
		{"single quotes", `Critics called it a 'military adventure' in the region.`,
			[]string{"direct|Critics|military adventure"}},
		{"apostrophes are not quotes", `The Armenians' fate and Azerbaijan’s claims don't change the '90s story.`, nil},
		{"indirect", `A police spokesman, Micky Rosenfeld, said it fell into the sea.`,
			[]string{"indirect|Micky Rosenfeld|A police spokesman, Micky Rosenfeld, said it fell into the sea."}},
		{"surname one edit away", "Journalist Onnik J. Krikorian was in Yerevan.\n\n“This raises the question of longevity for everyone,” Kirkorian wrote.",
			[]string{"direct|Onnik J. Krikorian|This raises the question of longevity for everyone,"}},
		{"unclosed with inner attribution", `“This attack has definitely affected the talks, Benyamin Poghosyan, director of a center, told the agency. “Not only the attack, but also the ultimatum matters now”.`,
			[]string{"direct|Benyamin Poghosyan|This attack has definitely affected the talks", "direct|Benyamin Poghosyan|Not only the attack, but also the ultimatum matters now"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range findQuotes(tt.text) {
				got = append(got, q.Kind.String()+"|"+q.Speaker+"|"+q.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("quotes of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestQuotesKarabakh checks the key facts of the five pages: who is quoted
// and what is in scare quotes, read off the pages by hand.
func TestQuotesKarabakh(t *testing.T) {
	col, _ := NewFramingCollector(FramingOptions{})
	if _, err := Run(corpus.Source{FS: os.DirFS("../testdata"), Path: "karabakh", Name: "karabakh"}, Options{Visit: col.Visit}); err != nil {
		t.Fatal(err)
	}
	speakers := map[string][]string{}
	scare := map[string][]string{}
	for _, q := range col.Quotes() {
		switch q.Kind {
		case QuoteScare:
			scare[q.Group] = append(scare[q.Group], q.Text)
		default:
			if q.Speaker != "" {
				speakers[q.Group] = appendUnique(speakers[q.Group], q.Speaker)
			}
		}
	}
	want := map[string][]string{
		"Responsible Statecraft": {"Antony Blinken", "Charles Michel", "Yuri Kim"},
		"OBC Transeuropa":        {"Ahmad Alili", "Benyamin Poghosyan", "Arayik Harutyunyan"},
		"Conflict News":          {"Vladimir Putin", "Dmitry Trenin", "Onnik J. Krikorian"},
	}
	for g, names := range want {
		for _, n := range names {
			if !slices.Contains(speakers[g], n) {
				t.Errorf("%s: speaker %q missing; speakers: %q", g, n, speakers[g])
			}
		}
	}
	if !slices.Contains(scare["Responsible Statecraft"], "local anti-terrorist") {
		t.Errorf("Responsible Statecraft scare quotes %q lack “local anti-terrorist”", scare["Responsible Statecraft"])
	}
	// Read off the OBC page: Alili is quoted three times (two sentences
	// after "said Ahmad Alili", one after "Alili believes that").
	n := 0
	for _, r := range col.Sources() {
		if r.Group == "OBC Transeuropa" && r.Speaker == "Ahmad Alili" {
			n = r.Direct
		}
	}
	if n != 3 {
		t.Errorf("OBC quotes Ahmad Alili %d times, want 3", n)
	}
}

// TestFramingCounts checks labels by voice, the quoted share and actor
// rates on a corpus computed by hand.
func TestFramingCounts(t *testing.T) {
	labels := mustLexicon(t, `name: l
kind: labels
labels:
  the operation:
    anti-terrorist operation: [anti-terrorist operation, local anti-terrorist]
    offensive: [offensive]
`)
	actors := mustLexicon(t, `name: a
kind: actors
actors:
  Azerbaijan: [azerbaijan, baku]
  Armenia: [armenia]
`)
	col, err := NewFramingCollector(FramingOptions{Labels: labels, Actors: actors})
	if err != nil {
		t.Fatal(err)
	}
	// Doc A: 3 sentences. "local anti-terrorist" is a scare quote (2 of
	// the doc's words quoted); "offensive" is in the outlet's voice twice.
	// Doc B: "anti-terrorist operation" inside a direct quote by Ilham
	// Aliyev (Baku) and "offensive" in its own voice.
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(`{"id":"a","outlet":"X","text":"Azerbaijan launched a “local anti-terrorist” offensive. The offensive was brief. Armenia protested."}
{"id":"b","outlet":"Y","text":"“This is an anti-terrorist operation and nothing else,” said Ilham Aliyev, the president in Baku. Critics called it an offensive."}
`)}}
	if _, err := Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "t"}, Options{Visit: col.Visit, NoClean: true}); err != nil {
		t.Fatal(err)
	}
	got := map[string]LabelRow{}
	for _, r := range col.LabelRows() {
		got[r.Group+"/"+r.Label] = r
	}
	check := func(key string, own, scare, quoted int64, share float64) {
		t.Helper()
		r := got[key]
		if r.Own != own || r.Scare != scare || r.Quoted != quoted || math.Abs(r.Share-share) > 1e-12 {
			t.Errorf("%s: own %d scare %d quoted %d share %v, want %d %d %d %v", key, r.Own, r.Scare, r.Quoted, r.Share, own, scare, quoted, share)
		}
	}
	check("X/anti-terrorist operation", 0, 1, 0, 1.0/3)
	check("X/offensive", 2, 0, 0, 2.0/3)
	check("Y/anti-terrorist operation", 0, 0, 1, 0.5)
	check("Y/offensive", 1, 0, 0, 0.5)

	// Doc A has 12 word tokens (6 + 4 + 2), 2 of them in the scare quote.
	for _, r := range col.Attribution() {
		if r.Group == "X" && (r.Words != 12 || r.QuotedWords != 2 || r.Scare != 1) {
			t.Errorf("X: words %d quoted %d scare %d, want 12 2 1", r.Words, r.QuotedWords, r.Scare)
		}
		if r.Group == "Y" && (r.Direct != 1 || r.Attributed != 1) {
			t.Errorf("Y: direct %d attributed %d, want 1 1", r.Direct, r.Attributed)
		}
	}
	for _, r := range col.Actors(200, 1) {
		switch r.Actor + "/" + r.Group {
		case "Azerbaijan/X":
			if r.Mentions != 1 || math.Abs(r.Per1k-1000.0/12) > 1e-9 {
				t.Errorf("Azerbaijan/X: %d mentions, %v per 1k; want 1, %v", r.Mentions, r.Per1k, 1000.0/12)
			}
		case "Azerbaijan/Y":
			// Baku in the source's apposition: Aliyev speaks for Azerbaijan.
			if r.Quotes != 1 || r.QuoteShare != 1 {
				t.Errorf("Azerbaijan/Y: quotes by side %d (share %v), want 1 (1)", r.Quotes, r.QuoteShare)
			}
		}
	}
	// Quotations per sentence for the event tables: doc A (index 0) has
	// only a scare quote, which is not speech; doc B (index 1) a direct
	// quote in its first sentence.
	qc := col.QuoteCounter()
	for _, c := range []struct{ doc, sent, want int }{{0, 1, 0}, {0, 2, 0}, {1, 1, 1}, {1, 2, 0}, {2, 1, 0}} {
		if got := qc(c.doc, c.sent); got != c.want {
			t.Errorf("QuoteCounter(%d, %d) = %d, want %d", c.doc, c.sent, got, c.want)
		}
	}
}

func mustLexicon(t *testing.T, src string) *lexmatch.Matcher {
	t.Helper()
	lx, err := lexicons.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOneEdit(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"krikorian", "kirkorian", true}, {"krikorian", "krikorian", true}, {"blinken", "blinkn", true},
		{"blinken", "blinkens", true}, {"aliyev", "alilev", true}, {"aliyev", "pashinyan", false}, {"abcdef", "badcef", false},
	} {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// FuzzFindQuotes: any text gives quotes inside the text, in order, with
// words, and scare quotes without speakers.
func FuzzFindQuotes(f *testing.F) {
	for _, s := range []string{
		`“We will win,” he said.`, `a “b” c "d e" 'f' «g» „h“`, "“open\n\n“again", `"`, `“”`, `said “`,
		`According to “x”, y said: ‘z’`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !strings.ContainsAny(text, "\"“”'‘’«»„") && len(text) > 64 {
			return
		}
		qs := findQuotes(text)
		for i, q := range qs {
			if q.Span.Start < 0 || q.Span.End > len(text) || q.Span.Start > q.Span.End {
				t.Fatalf("quote %d span %v outside text of %d bytes", i, q.Span, len(text))
			}
			if i > 0 && q.Span.Start < qs[i-1].Span.Start {
				t.Fatalf("quotes out of order: %v before %v", qs[i-1].Span, q.Span)
			}
			if q.Kind == QuoteScare && (q.Speaker != "" || q.Words > 5) {
				t.Fatalf("scare quote %+v has a speaker or more than 5 words", q)
			}
			if q.Words < 1 && q.Kind != QuoteIndirect {
				t.Fatalf("quote without words: %+v", q)
			}
		}
	})
}

// BenchmarkFindQuotes: quotes, speakers and names over the AllSides sample
// (cleaned), and over 1 MB made of unclosed quotes, which once took
// quadratic time.
func BenchmarkFindQuotes(b *testing.B) {
	docs := testcorpus.AllSides(b)
	c, err := clean.New(clean.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		text  string
		sents []segment.Span
	}
	var ds []doc
	var size int64
	for i := range docs {
		text, _ := c.Clean(&docs[i])
		ds = append(ds, doc{text, segment.Sentences(text, nil)})
		size += int64(len(text))
	}
	b.Run("allsides", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, d := range ds {
				FindQuotes(d.text, d.sents)
			}
		}
	})
	adversarial := strings.Repeat("“Aa Bb said, ", 80000)
	sents := segment.Sentences(adversarial, nil)
	b.Run("unclosed-1MB", func(b *testing.B) {
		b.SetBytes(int64(len(adversarial)))
		for b.Loop() {
			FindQuotes(adversarial, sents)
		}
	})
}

// TestSourcesCanonical: a one-word speaker joins the corpus's only full
// name ending in it; a surname two full names share stays as written.
func TestSourcesCanonical(t *testing.T) {
	col, err := NewFramingCollector(FramingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(`{"id":"a","outlet":"X","text":"“We will act,” said Barack Obama on Monday."}
{"id":"b","outlet":"X","text":"“We will not wait,” Obama said on Tuesday."}
{"id":"c","outlet":"X","text":"“It was a mistake,” said George Bush in Texas."}
{"id":"d","outlet":"X","text":"“It was not,” said Jeb Bush in Florida."}
{"id":"e","outlet":"X","text":"“Nobody knows,” Bush said later."}
`)}}
	if _, err := Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "t"}, Options{Visit: col.Visit, NoClean: true}); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range col.Sources() {
		got[r.Speaker] = r.Direct*10 + r.Docs
	}
	want := map[string]int{"Barack Obama": 22, "George Bush": 11, "Jeb Bush": 11, "Bush": 11}
	if !maps.Equal(got, want) {
		t.Errorf("sources (direct×10 + docs) = %v, want %v", got, want)
	}
}

// TestCanonicalSpeakers checks each merging rule on speakers as the quote
// finder writes them.
func TestCanonicalSpeakers(t *testing.T) {
	count := map[string]int{}
	add := func(sp string, n int) { count[sp] += n }
	add("Barack Obama", 3)
	add("Obama", 2)
	add("Mr. Obama", 1)
	add("President Obama", 1)
	add("But as Obama", 1)
	add("Donald Trump", 2)
	add("Donald J. Trump", 3) // the most quoted spelling names the person
	add("Mr Trump", 1)
	add("George Bush", 1)
	add("Jeb Bush", 1)
	add("Bush", 1)                // ambiguous: stays
	add("spokesman for Obama", 1) // not a name: stays
	add("Obama and Kerry", 1)     // two people: stays
	add("At the same time Obama", 1)
	add("Countering Obama", 1) // a verb, not a first name: stays
	add("official", 4)
	got := canonicalSpeakers(count)
	want := map[string]string{
		"Obama": "Barack Obama", "Mr. Obama": "Barack Obama", "President Obama": "Barack Obama", "But as Obama": "Barack Obama",
		"Donald Trump": "Donald J. Trump", "Mr Trump": "Donald J. Trump",
	}
	if !maps.Equal(got, want) {
		t.Errorf("canonicalSpeakers:\n got %v\nwant %v", got, want)
	}
}

// TestQuoteTexts: with QuoteTexts = 2, only the first two direct quotes of
// each group in input order keep their text, whatever the visiting order;
// scare quotes keep theirs; the counts do not change.
func TestQuoteTexts(t *testing.T) {
	texts := []string{
		"“First,” said Ann Lee.",
		"“Second,” said Ann Lee. A “so-called” plan.",
		"“Third,” said Ann Lee.",
		"“Fourth,” said Ann Lee.",
	}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		col, err := NewFramingCollector(FramingOptions{QuoteTexts: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range order {
			col.Visit(&segment.Processed{Doc: &corpus.Document{Index: i, Group: "X", ID: string(rune('a' + i))}, Text: texts[i], Sentences: segment.Sentences(texts[i], nil)})
		}
		var got []string
		for _, q := range col.Quotes() {
			got = append(got, q.Kind.String()+":"+q.Text+":"+q.Speaker)
		}
		want := []string{"direct:First,:Ann Lee", "direct:Second,:Ann Lee", "scare:so-called:", "direct::Ann Lee", "direct::Ann Lee"}
		if !slices.Equal(got, want) {
			t.Errorf("order %v: quotes %q, want %q", order, got, want)
		}
		if s := col.Sources(); len(s) != 1 || s[0].Direct != 4 {
			t.Errorf("order %v: sources %+v, want Ann Lee with 4 direct quotes", order, s)
		}
	}
}

// TestQuoteScratchReleasePinsNothing checks that a released quoteDoc's
// pooled buffers hold no string of the document: the pool outlives it, and
// a token's Norm or a name's text would keep the whole text alive.
func TestQuoteScratchReleasePinsNothing(t *testing.T) {
	text := strings.Repeat("Foreign Minister Ruben Vardanyan said \"the talks\" went well. ", 200)
	p := &segment.Processed{Text: text, Sentences: segment.Sentences(text, nil)}
	d := newQuoteDoc(text, p.Sentences, p.SentenceTokens)
	d.quotes()
	sc := d.scratch
	if len(d.toks) == 0 || len(d.names) == 0 {
		t.Fatalf("%d tokens, %d names: the check is empty", len(d.toks), len(d.names))
	}
	d.release()
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	inText := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && p >= lo && p < lo+uintptr(len(text))
	}
	for i, tk := range sc.toks[:cap(sc.toks)] {
		if inText(tk.Norm) {
			t.Fatalf("pooled token %d still points into the released document (%q)", i, tk.Norm)
		}
	}
	for i, n := range sc.names[:cap(sc.names)] {
		if n.Text != "" || n.Person != "" {
			t.Fatalf("pooled name %d still holds %q / %q", i, n.Text, n.Person)
		}
	}
}
