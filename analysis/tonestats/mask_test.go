package tonestats

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/segment"
	"parallax/tone"
)

// Sentences of the AllSides immigration articles: with "illegal" masked,
// "vader" scores each as VADER scores it with "undocumented" (a word VADER
// does not know) in its place, and "vader_all" as VADER scores it as is.
func TestCollectorMask(t *testing.T) {
	text := "The bill would give legal status to millions of illegal immigrants. " +
		"Critics say the illegal crossings have overwhelmed border agents. " +
		"Supporters of the measure praised the senators."
	same := []string{
		"The bill would give legal status to millions of undocumented immigrants.",
		"Critics say the undocumented crossings have overwhelmed border agents.",
		"Supporters of the measure praised the senators.",
	}
	c, err := NewCollector(Options{Mask: tone.NewMask("illegal"), Sentences: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Instruments(); len(got) != 3 || got[2] != InstrumentVADERAll {
		t.Fatalf("instruments %v, want vader, nb_pos, vader_all", got)
	}
	d := corpus.Document{ID: "d", Group: "g", Text: text}
	c.Visit(&segment.Processed{Doc: &d, Text: d.Text, Sentences: segment.Sentences(d.Text, nil)})
	k := 0
	for s := range c.Sentences() {
		masked, all := s.Scores[0], s.Scores[2]
		if want := tone.VADER(same[k]).Compound; math.Abs(masked-want) > 1e-12 {
			t.Errorf("sentence %d: vader %v, want %v (VADER of %q)", k+1, masked, want, same[k])
		}
		if want := tone.VADER(s.Text).Compound; all != want {
			t.Errorf("sentence %d: vader_all %v, want %v", k+1, all, want)
		}
		k++
	}
	if k != 3 {
		t.Fatalf("%d sentences, want 3", k)
	}
	sum, err := c.Summarize(StatsOptions{Resamples: 10, Permutations: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Unscored) != 1 || sum.Unscored[0] != "illegal" {
		t.Errorf("Unscored = %v", sum.Unscored)
	}
	// The first two sentences change: "illegal" is −2.6 in VADER's lexicon.
	if sum.Intervals[0][0].Mean <= sum.Intervals[2][0].Mean {
		t.Errorf("masked mean %v not above the unmasked %v", sum.Intervals[0][0].Mean, sum.Intervals[2][0].Mean)
	}
}

// TestSentenceVADERMaskedCache checks that the cached masked scores are
// those of tone.VADERBoth, asked once or twice, and that a second mask is
// not answered from the first one's cache.
func TestSentenceVADERMaskedCache(t *testing.T) {
	text := "Critics say the illegal crossings have overwhelmed border agents. Supporters praised the brave senators."
	p := &segment.Processed{Text: text, Sentences: segment.Sentences(text, nil)}
	m1, m2, m1again := tone.NewMask("illegal"), tone.NewMask("brave"), tone.NewMask("Illegal")
	for _, m := range []*tone.Mask{m1, m1, m2, m2, m1, m1again} {
		for i, s := range p.Sentences {
			all, masked, _ := tone.VADERBoth(SentenceText(text[s.Start:s.End]), m)
			if got := SentenceVADERMasked(p, i, m); got != masked.Compound {
				t.Errorf("mask %v, sentence %d: %v, want %v", m.Words(), i, got, masked.Compound)
			}
			if got := SentenceVADER(p, i); got != all.Compound {
				t.Errorf("sentence %d: unmasked %v, want %v", i, got, all.Compound)
			}
		}
	}
	if a, b := SentenceVADERMasked(p, 0, m1), SentenceVADERMasked(p, 1, m2); a == SentenceVADER(p, 0) || b == SentenceVADER(p, 1) {
		t.Errorf("the masks change nothing: %v %v", a, b)
	}
}

// TestCachedVADER: nothing before any score; after one masked score, that
// sentence's scores and NaN for the other; nothing for another mask; the
// unmasked cache for an empty mask.
func TestCachedVADER(t *testing.T) {
	text := "Critics say the illegal crossings have overwhelmed border agents. Supporters praised the brave senators."
	p := &segment.Processed{Text: text, Sentences: segment.Sentences(text, nil)}
	m, other := tone.NewMask("illegal"), tone.NewMask("brave")
	if masked, all := CachedVADER(p, m); masked != nil || all != nil {
		t.Fatalf("before any score: %v %v", masked, all)
	}
	v := SentenceVADERMasked(p, 0, m)
	masked, all := CachedVADER(p, m)
	if len(masked) != 2 || masked[0] != v || all[0] != SentenceVADER(p, 0) || !math.IsNaN(masked[1]) {
		t.Errorf("mask: masked %v all %v; want [%v NaN] and sentence 0's unmasked score", masked, all, v)
	}
	if masked, all := CachedVADER(p, other); masked != nil || all != nil {
		t.Errorf("another mask: %v %v, want none", masked, all)
	}
	if masked, all := CachedVADER(p, nil); &masked[0] != &p.VADER[0] || &all[0] != &p.VADER[0] {
		t.Error("no mask: not the unmasked cache")
	}
}

// TestIsOneLine checks isOneLine, eight bytes at a time, against its
// definition (segment.OneLine(s) == s) on random texts whose pieces meet
// every path: single and double spaces at every alignment, tabs, line
// breaks, control bytes, no-break and other Unicode spaces, other runes.
func TestIsOneLine(t *testing.T) {
	pieces := []string{"a", "Bc", "word", " ", "  ", ".", "\t", "\n", "\x01", "\u00a0", "\u2003", "é", "—", "x y"}
	rng := rand.New(rand.NewPCG(7, 7))
	for range 20000 {
		var b strings.Builder
		for n := rng.IntN(30); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := isOneLine(s), segment.OneLine(s) == s; got != want {
			t.Fatalf("isOneLine(%q) = %v, want %v", s, got, want)
		}
	}
}
