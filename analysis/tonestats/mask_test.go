package tonestats

import (
	"math"
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
