package framing

import (
	"maps"
	"math"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/tone"
)

// TestQuotesKarabakh checks the key facts of the five pages: who is quoted
// and what is in scare quotes, read off the pages by hand.
func TestQuotesKarabakh(t *testing.T) {
	col, _ := NewCollector(Options{})
	if _, err := analysis.Run(corpus.Source{FS: os.DirFS("../../testdata"), Path: "karabakh", Name: "karabakh"}, analysis.Options{Visit: col.Visit}); err != nil {
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
				if !slices.Contains(speakers[q.Group], q.Speaker) {
					speakers[q.Group] = append(speakers[q.Group], q.Speaker)
				}
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
	col, err := NewCollector(Options{Labels: labels, Actors: actors})
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
	if _, err := analysis.Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "t"}, analysis.Options{Visit: col.Visit, NoClean: true}); err != nil {
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

// TestSourcesCanonical: a one-word speaker joins the corpus's only full
// name ending in it; a surname two full names share stays as written.
func TestSourcesCanonical(t *testing.T) {
	col, err := NewCollector(Options{})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(`{"id":"a","outlet":"X","text":"“We will act,” said Barack Obama on Monday."}
{"id":"b","outlet":"X","text":"“We will not wait,” Obama said on Tuesday."}
{"id":"c","outlet":"X","text":"“It was a mistake,” said George Bush in Texas."}
{"id":"d","outlet":"X","text":"“It was not,” said Jeb Bush in Florida."}
{"id":"e","outlet":"X","text":"“Nobody knows,” Bush said later."}
`)}}
	if _, err := analysis.Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "t"}, analysis.Options{Visit: col.Visit, NoClean: true}); err != nil {
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

// TestActorToneAll: with a mask, the actors' tone scores the masked
// sentence, ToneAll every word; without a word of the mask both agree.
func TestActorToneAll(t *testing.T) {
	actors := mustLexicon(t, `name: a
kind: actors
actors:
  Azerbaijan: [azerbaijan]
`)
	const s1, s2 = "Azerbaijan made an illegal move.", "Azerbaijan is a great friend."
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(`{"id":"a","outlet":"X","text":"` + s1 + ` ` + s2 + `"}
`)}}
	for _, mask := range []*tone.Mask{nil, tone.NewMask("illegal")} {
		col, err := NewCollector(Options{Actors: actors, ToneMask: mask})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := analysis.Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "t"}, analysis.Options{Visit: col.Visit, NoClean: true}); err != nil {
			t.Fatal(err)
		}
		all := (tone.VADER(s1).Compound + tone.VADER(s2).Compound) / 2
		masked := (tone.VADERMasked(s1, mask).Compound + tone.VADER(s2).Compound) / 2
		if mask != nil && masked == all {
			t.Fatalf("the mask does not change %q", s1)
		}
		rows := col.Actors(50, 1)
		if len(rows) != 1 {
			t.Fatalf("%d rows, want 1", len(rows))
		}
		r := rows[0]
		if math.Abs(r.Tone.Mean-masked) > 1e-12 || math.Abs(r.ToneAll-all) > 1e-12 {
			t.Errorf("mask %v: tone %v, tone_all %v; want %v, %v", mask.Words(), r.Tone.Mean, r.ToneAll, masked, all)
		}
	}
}
