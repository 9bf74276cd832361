package events_test

import (
	"testing"

	"parallax/analysis"
	"parallax/analysis/events"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
)

// The stories' figures read each sentence's features and tones from what
// the map step recorded with the text (and from the tone collector's cache,
// when one ran first); read from the text alone, as before, they are the
// same, byte for byte.
func TestSentenceDataSameResult(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole AllSides sample, twice")
	}
	frames, labels := events.CompilePack(t, "frames"), events.CompilePack(t, "karabakh-labels")
	mask := lexmatch.ToneMask(labels, frames)
	run := func(fromScratch bool) (string, int64, int, int) {
		c, err := events.NewCollector(events.Options{Frames: frames, Labels: labels, MaxPassages: 3, ToneMask: mask})
		if err != nil {
			t.Fatal(err)
		}
		tc, err := tonestats.NewCollector(tonestats.Options{Mask: mask})
		if err != nil {
			t.Fatal(err)
		}
		visit := func(p *segment.Processed) {
			tc.Visit(p)
			if fromScratch {
				c.VisitFromScratch(p)
			} else {
				c.Visit(p)
			}
		}
		if _, err := analysis.Run(testkit.AllSidesSource(), analysis.Options{Visit: visit, Workers: 2}); err != nil {
			t.Fatal(err)
		}
		feats, tones := c.SentenceData()
		r, err := c.Result()
		if err != nil {
			t.Fatal(err)
		}
		if r.Stats.Stories < 20 || len(r.Passages) < 50 {
			t.Fatalf("%d stories, %d passages: too few to compare", r.Stats.Stories, len(r.Passages))
		}
		// The kept bytes differ: the sentences' data is kept too.
		bytes := r.Stats.TextBytes
		r.Stats.TextBytes = 0
		return events.ResultString(r), bytes, feats, tones
	}
	want, b0, f0, t0 := run(true)
	got, b1, feats, tones := run(false)
	if b1 <= b0 {
		t.Errorf("texts with their sentences' data hold %d bytes, without %d", b1, b0)
	}
	if f0 != 0 || t0 != 0 {
		t.Fatalf("stripped records kept sentence data: %d, %d", f0, t0)
	}
	if feats < 500 || tones != feats {
		t.Errorf("%d texts carry their sentences' features and %d their tones; want the same number, at least 500", feats, tones)
	}
	if got != want {
		t.Errorf("the sentences' recorded features and tones give another result than the text alone:\n%s", firstDiff(want, got))
	}
}
