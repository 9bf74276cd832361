package events_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/analysis/events"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
)

var karabakhSource = corpus.Source{FS: os.DirFS("../../testdata"), Path: "karabakh", Name: "sample:karabakh"}

// mapRecords runs the pipeline on src and maps every document with c,
// without adding the records anywhere; before, if any, visit each document
// first (a tone collector, whose cached scores the records keep).
func mapRecords(t testing.TB, c *events.Collector, src corpus.Source, before ...func(*segment.Processed)) []events.DocRecord {
	t.Helper()
	var mu sync.Mutex
	var recs []events.DocRecord
	if _, err := analysis.Run(src, analysis.Options{Visit: func(p *segment.Processed) {
		for _, v := range before {
			v(p)
		}
		r := c.Map(p)
		mu.Lock()
		recs = append(recs, r)
		mu.Unlock()
	}}); err != nil {
		t.Fatal(err)
	}
	return recs
}

// checkAcc checks the accumulator laws on the records of src, and that
// they give what the Visit-based collector gives.
func checkAcc(t *testing.T, newCol func() *events.Collector, src corpus.Source, minStories, minPassages int) {
	c := newCol()
	recs := mapRecords(t, c, src)
	finish := func(a *events.Acc) (string, error) {
		r, err := c.Finish(a)
		if err != nil {
			return "", err
		}
		return events.ResultString(r), nil
	}
	testkit.CheckAccumulator(t, recs, testkit.Accumulator[events.DocRecord, *events.Acc]{
		New:   c.NewAcc,
		Add:   func(a *events.Acc, r events.DocRecord) { a.Add(r) },
		Merge: func(dst, src *events.Acc) error { return dst.Merge(src) },
		Marshal: func(a *events.Acc) ([]byte, error) {
			return a.MarshalBinary()
		},
		Unmarshal: func(b []byte) (*events.Acc, error) {
			a := c.NewAcc()
			return a, a.UnmarshalBinary(b)
		},
		Finish: finish,
	})

	// The collector's own path: Visit (Map, then Add under its lock).
	v := newCol()
	if _, err := analysis.Run(src, analysis.Options{Visit: v.Visit, Workers: 3}); err != nil {
		t.Fatal(err)
	}
	want, err := v.Result()
	if err != nil {
		t.Fatal(err)
	}
	acc := c.NewAcc()
	for _, r := range recs {
		acc.Add(r)
	}
	got, err := c.Finish(acc)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := events.ResultString(want), events.ResultString(got); a != b {
		t.Errorf("Map → Add → Finish differs from Visit → Result:\n%s", firstDiff(a, b))
	}
	stories := 0
	for _, e := range got.Events {
		if e.Level == events.LevelArticle {
			stories++
		}
	}
	if stories < minStories || len(got.Passages) < minPassages {
		t.Errorf("%d stories and %d passages, want at least %d and %d: the check proves little", stories, len(got.Passages), minStories, minPassages)
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return "want …" + a[max(0, i-200):min(len(a), i+200)] + "…\n got …" + b[max(0, i-200):min(len(b), i+200)] + "…"
}

func TestAccumulatorAllSides(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole AllSides sample, several times")
	}
	frames, labels := events.CompilePack(t, "frames"), events.CompilePack(t, "karabakh-labels")
	mask := lexmatch.ToneMask(labels, frames)
	checkAcc(t, func() *events.Collector {
		c, err := events.NewCollector(events.Options{Frames: frames, Labels: labels, MaxPassages: 3, ToneMask: mask})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}, testkit.AllSidesSource(), 20, 50)
}

func TestAccumulatorKarabakh(t *testing.T) {
	lex, frames, labels := events.CompilePack(t, "karabakh-events"), events.CompilePack(t, "frames"), events.CompilePack(t, "karabakh-labels")
	mask := lexmatch.ToneMask(labels, frames) // passages' tone with and without the label words
	checkAcc(t, func() *events.Collector {
		// Two passages per event × group: which keep their text depends on
		// every record, whatever the split.
		c, err := events.NewCollector(events.Options{Lexicon: lex, Frames: frames, Labels: labels, MaxPassages: 2, ToneMask: mask})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}, karabakhSource, 0, 10)
}

// Every record survives its encoding, and encodes to the same bytes again.
func TestDocRecordEncoding(t *testing.T) {
	c := events.NewKarabakhCollector(t)
	recs := mapRecords(t, c, karabakhSource)
	passages, texts := 0, 0
	for i := range recs {
		b, err := recs[i].MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back events.DocRecord
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("record %d: %v", recs[i].Index, err)
		}
		if !reflect.DeepEqual(events.RecordView(&back), events.RecordView(&recs[i])) {
			t.Fatalf("record %d changed through its encoding:\n%+v\n%+v", recs[i].Index, events.RecordView(&back), events.RecordView(&recs[i]))
		}
		b2, _ := back.AppendBinary([]byte("x"))
		if !bytes.Equal(b2[1:], b) {
			t.Fatalf("record %d: a second encoding differs", recs[i].Index)
		}
		v := events.RecordView(&recs[i])
		passages += v.Passages
		if v.Text != "" {
			texts++
		}
		// Every truncation is an error, never a panic.
		for n := range len(b) {
			if err := back.UnmarshalBinary(b[:n]); err == nil {
				t.Fatalf("record %d cut to %d of %d bytes: no error", recs[i].Index, n, len(b))
			}
		}
	}
	if passages == 0 || texts == 0 {
		t.Errorf("%d passages, %d texts in the records: the test proves little", passages, texts)
	}
}

func TestAccMergeErrors(t *testing.T) {
	c := events.NewKarabakhCollector(t)
	recs := mapRecords(t, c, karabakhSource)
	a, b := c.NewAcc(), c.NewAcc()
	a.Add(recs[0])
	b.Add(recs[1])
	b.Add(recs[0])
	if err := a.Merge(b); err == nil || !strings.Contains(err.Error(), "in both") {
		t.Errorf("merging a document twice: %v", err)
	}
	other, err := events.NewCollector(events.Options{MaxPassages: 7})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(other.NewAcc()); err == nil {
		t.Error("merging accumulators of other options: no error")
	}
	if _, err := other.Finish(a); err == nil {
		t.Error("finishing with a collector of other options: no error")
	}
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		if err := c.NewAcc().UnmarshalBinary(data[:n]); err == nil {
			t.Fatalf("accumulator cut to %d of %d bytes: no error", n, len(data))
		}
	}
}

// FuzzAccUnmarshal: no input makes UnmarshalBinary or Finish panic.
func FuzzAccUnmarshal(f *testing.F) {
	// Few resamples: the bootstrap would take most of each run.
	c, err := events.NewCollector(events.Options{Lexicon: events.CompilePack(f, "karabakh-events"),
		Frames: events.CompilePack(f, "frames"), Labels: events.CompilePack(f, "karabakh-labels"), Resamples: 2})
	if err != nil {
		f.Fatal(err)
	}
	recs := mapRecords(f, c, karabakhSource)
	for _, split := range [][2]int{{0, 3}, {3, 5}, {0, len(recs)}} {
		a := c.NewAcc()
		for _, r := range recs[split[0]:split[1]] {
			a.Add(r)
		}
		data, err := a.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, r := range recs[:3] {
		data, _ := r.MarshalBinary()
		f.Add(data)
	}
	// Those texts carry no tones (no tone collector ran before the map
	// step); these do.
	tc, err := tonestats.NewCollector(tonestats.Options{})
	if err != nil {
		f.Fatal(err)
	}
	toned, n := c.NewAcc(), 0
	for _, r := range mapRecords(f, c, karabakhSource, tc.Visit) {
		if events.RecordView(&r).Text != "" && n < 2 {
			toned.Add(r)
			n++
			data, _ := r.MarshalBinary()
			f.Add(data)
		}
	}
	data, err := toned.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		a := c.NewAcc()
		if err := a.UnmarshalBinary(data); err == nil {
			if _, err := a.MarshalBinary(); err != nil {
				t.Fatal(err)
			}
			_, _ = c.Finish(a)
		}
		var r events.DocRecord
		if err := r.UnmarshalBinary(data); err == nil {
			acc := c.NewAcc()
			acc.Add(r)
			_, _ = c.Finish(acc)
		}
	})
}
