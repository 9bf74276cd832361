package framing

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
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
		{"no verb, in a statement", `“The plan will not survive the summer,” Gov. Jane Roe, R-Texas, in a statement.`,
			[]string{"direct|Jane Roe|The plan will not survive the summer,"}},
		{"particle in a name", `“They are being made in other areas,” Amr Al Azm, an associate professor, told the Monitor.`,
			[]string{"direct|Amr Al Azm|They are being made in other areas,"}},
		{"subject after but", `Some Democrats have hinted that the criticism of the ambassador has to do with her race, but Sen. Lindsey Graham dismissed that argument. “The only color I am worried about is red,” the South Carolina Republican said.`,
			[]string{"direct|Lindsey Graham|The only color I am worried about is red,"}},
		{"gerund opener", `Jane Roe spoke first. Pressing Egypt hard, the envoy left. “The path toward violence leads only to instability,” he said.`,
			[]string{"direct|Jane Roe|The path toward violence leads only to instability,"}},
		{"with X saying", `The embassy wasted no time in reacting to the strikes, with Ambassador Anatoly Antonov saying on Twitter, “The worst apprehensions have come true.”`,
			[]string{"direct|Anatoly Antonov|The worst apprehensions have come true."}},
		{"statement from X", `The White House released this statement from national security adviser John Bolton: “I spoke to the president over the last several days.”`,
			[]string{"direct|John Bolton|I spoke to the president over the last several days."}},
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
	docs := testkit.AllSides(b)
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
		col, err := NewCollector(Options{QuoteTexts: 2})
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

func mustLexicon(t testing.TB, src string) *lexmatch.Matcher {
	t.Helper()
	lx, err := lexicons.Parse("test.yaml", []byte(src))
	return compiled(t, lx, err)
}
