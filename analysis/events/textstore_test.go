package events_test

import (
	"testing"

	"parallax/analysis"
	"parallax/analysis/events"
	"parallax/analysis/internal/testkit"
)

// The texts past events.TextMemory and the kept features past
// events.FeatureMemory go to temporary files and come back in Finish: the result is the same, byte for byte, as with every text in
// memory, and the accumulator laws (splits, merges, encodings, whose
// stores spill at different points) still hold.
func TestTextsSpilled(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole AllSides sample, several times")
	}
	frames, labels := events.CompilePack(t, "frames"), events.CompilePack(t, "karabakh-labels")
	newCol := func() *events.Collector {
		c, err := events.NewCollector(events.Options{Frames: frames, Labels: labels, MaxPassages: 3})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	run := func() (string, events.Stats) {
		c := newCol()
		if _, err := analysis.Run(testkit.AllSidesSource(), analysis.Options{Visit: c.Visit, Workers: 2}); err != nil {
			t.Fatal(err)
		}
		r, err := c.Result()
		if err != nil {
			t.Fatal(err)
		}
		return events.ResultString(r), r.Stats
	}
	want, wantStats := run()
	old, oldF := events.TextMemory, events.FeatureMemory
	defer func() { events.TextMemory, events.FeatureMemory = old, oldF }()
	events.TextMemory = 64 << 10    // a few dozen texts in memory, the rest in the file
	events.FeatureMemory = 16 << 10 // and the kept features of a few dozen documents
	got, gotStats := run()
	if got != want {
		t.Errorf("texts read back from the temporary file give another result:\n%s", firstDiff(want, got))
	}
	if gotStats.TextDocs != wantStats.TextDocs || gotStats.TextBytes != wantStats.TextBytes {
		t.Errorf("kept texts: %d docs, %d bytes; in memory %d, %d", gotStats.TextDocs, gotStats.TextBytes, wantStats.TextDocs, wantStats.TextBytes)
	}
	if wantStats.TextBytes < 4*events.TextMemory {
		t.Errorf("the sample keeps %d bytes of text: too few to spill most of them past %d", wantStats.TextBytes, events.TextMemory)
	}
	checkAcc(t, newCol, testkit.AllSidesSource(), 20, 50)
}
