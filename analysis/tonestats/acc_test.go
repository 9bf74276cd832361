package tonestats

import (
	"fmt"
	"parallax/tone"
	"strings"
	"sync"
	"testing"

	"parallax/analysis"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/segment"
)

// testStats keeps the resampling of the tests cheap.
var testStats = StatsOptions{Resamples: 50, Permutations: 19, Seed: 5}

// sampleRecords maps every document of the AllSides sample (cleaned and
// segmented as the pipeline does) with a collector of opt, in visit order.
func sampleRecords(t testing.TB, opt Options) (*Collector, []DocRecord) {
	t.Helper()
	c, err := NewCollector(opt)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var recs []DocRecord
	visit := func(p *segment.Processed) {
		rec := c.Map(p)
		mu.Lock()
		recs = append(recs, rec)
		mu.Unlock()
	}
	if _, err := analysis.Run(testkit.AllSidesSource(), analysis.Options{Visit: visit, Workers: 3}); err != nil {
		t.Fatal(err)
	}
	if len(recs) < 800 {
		t.Fatalf("%d records from the AllSides sample", len(recs))
	}
	return c, recs
}

// render is every result of an accumulator as text: the summary, the
// sentences and the documents, with every float in full.
func render(a *Acc) (string, error) {
	s, err := a.Summarize(testStats)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%#v\n", *s)
	for snt := range a.Sentences() {
		fmt.Fprintf(&b, "%#v\n", snt)
	}
	for d := range a.Documents() {
		fmt.Fprintf(&b, "%#v\n", d)
	}
	return b.String(), nil
}

// accumulator describes c's accumulator to testkit.CheckAccumulator.
func accumulator(t testing.TB, c *Collector) testkit.Accumulator[DocRecord, *Acc] {
	return testkit.Accumulator[DocRecord, *Acc]{
		New: c.NewAcc,
		Add: func(a *Acc, rec DocRecord) {
			if err := a.Add(rec); err != nil {
				t.Fatal(err)
			}
		},
		Merge:   (*Acc).Merge,
		Marshal: (*Acc).MarshalBinary,
		Unmarshal: func(data []byte) (*Acc, error) {
			a := new(Acc)
			return a, a.UnmarshalBinary(data)
		},
		Finish: render,
	}
}

// optionSets are the collector options the accumulator tests cover: the
// defaults (compare, tone), every text and a lexicon (--unit sentence),
// and budgets small enough that large groups are released part way.
func optionSets(t testing.TB) map[string]Options {
	return map[string]Options{
		"default":            {},
		"texts and lexicon":  {Lexicons: []Lexicon{moodLexicon(t)}, Sentences: true, Documents: true},
		"released":           {MaxKeptSentences: 3000},
		"documents released": {Documents: true, MaxKeptSentences: 5000},
		"label words masked": {Mask: tone.NewMask("war", "attack*", "illegal"), Sentences: true},
	}
}

func TestAccumulatorLaws(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the whole AllSides sample")
	}
	for name, opt := range optionSets(t) {
		t.Run(name, func(t *testing.T) {
			c, recs := sampleRecords(t, opt)
			testkit.CheckAccumulator(t, recs, accumulator(t, c))
			a := c.NewAcc()
			for _, r := range recs {
				if err := a.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			if want := opt.MaxKeptSentences > 0; a.released != want {
				t.Fatalf("released %v with a budget of %d and %d sentences: the test does not cover what it should",
					a.released, opt.MaxKeptSentences, a.total)
			}
		})
	}
}

// TestVisitMatchesMapAddMerge: the collector fed by Visit on several
// workers gives what records mapped, added to three accumulators, carried
// as bytes and merged give.
func TestVisitMatchesMapAddMerge(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the whole AllSides sample")
	}
	opt := Options{Lexicons: []Lexicon{moodLexicon(t)}, Sentences: true, Documents: true}
	c, recs := sampleRecords(t, opt)
	visited, err := NewCollector(opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := analysis.Run(testkit.AllSidesSource(), analysis.Options{Visit: visited.Visit, Workers: 4}); err != nil {
		t.Fatal(err)
	}
	want, err := render(visited.Acc())
	if err != nil {
		t.Fatal(err)
	}
	parts := []*Acc{c.NewAcc(), c.NewAcc(), c.NewAcc()}
	for i, r := range recs {
		if err := parts[(i*7)%3].Add(r); err != nil {
			t.Fatal(err)
		}
	}
	merged := c.NewAcc()
	for _, p := range parts {
		b, err := p.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Acc
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if err := merged.Merge(&back); err != nil {
			t.Fatal(err)
		}
	}
	got, err := render(merged)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("Visit and Map→Add→Merge differ: want %d bytes, got %d", len(want), len(got))
	}
	// The summary the collector gives is the accumulator's.
	s, err := visited.Summarize(testStats)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(want, fmt.Sprintf("%#v\n", *s)) {
		t.Fatal("Collector.Summarize differs from Acc.Summarize")
	}
}

// TestAccMatchesOldAggregation checks the accumulator against the
// collector it replaced (oldSummarize, kept in this package's tests), on
// the records of the sample in visit order, with every score kept and with
// large groups released part way.
func TestAccMatchesOldAggregation(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the whole AllSides sample")
	}
	c, recs := sampleRecords(t, Options{Lexicons: []Lexicon{moodLexicon(t)}})
	for _, budget := range []int{0, 1, 3000, 20000} {
		c.budget = budget
		if budget == 0 {
			c.budget = DefaultValueBudget
		}
		a := c.NewAcc()
		for _, r := range recs {
			if err := a.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		got, err := a.Summarize(testStats)
		if err != nil {
			t.Fatal(err)
		}
		want, err := oldSummarize(recs, c.Instruments(), c.budget, testStats)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := fmt.Sprintf("%#v", *got), fmt.Sprintf("%#v", *want); g != w {
			t.Errorf("budget %d: summary differs from the old collector's:\n got %.300s…\nwant %.300s…", budget, g, w)
		}
		var sums []string
		for d := range a.Documents() {
			sums = append(sums, fmt.Sprint(d.Sentences, d.Sums))
		}
		if w := oldDocumentSums(recs, len(c.instruments)); strings.Join(sums, "\n") != strings.Join(w, "\n") {
			t.Errorf("budget %d: document sums differ from the old collector's", budget)
		}
	}
}

func TestAccErrors(t *testing.T) {
	c, err := NewCollector(Options{})
	if err != nil {
		t.Fatal(err)
	}
	withText, err := NewCollector(Options{Sentences: true})
	if err != nil {
		t.Fatal(err)
	}
	good := DocRecord{Group: "A", Ordinal: 3, Sentences: 1, Scores: []float64{0.5, 0.25}}
	bad := map[string]DocRecord{
		"three scores":     {Group: "A", Sentences: 1, Scores: []float64{0.5, 0.25, 1}},
		"negative ordinal": {Group: "A", Ordinal: -1},
		"negative count":   {Group: "A", Sentences: -1},
		"unexpected text":  {Group: "A", Text: &DocText{ID: "x"}},
	}
	for name, rec := range bad {
		a := c.NewAcc()
		if err := a.Add(rec); err == nil {
			t.Errorf("%s: Add accepted %+v", name, rec)
		}
		if len(a.groups) != 0 {
			t.Errorf("%s: Add refused the record but kept something", name)
		}
	}
	if err := withText.NewAcc().Add(good); err == nil {
		t.Error("a record without texts added to an accumulator of sentence texts")
	}
	if err := c.NewAcc().Merge(withText.NewAcc()); err == nil {
		t.Error("accumulators of different options merged")
	}
	a := c.NewAcc()
	if err := a.Merge(a); err == nil {
		t.Error("an accumulator merged with itself")
	}
	if err := a.Add(good); err != nil {
		t.Fatal(err)
	}
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for i := range b {
		var back Acc
		if err := back.UnmarshalBinary(b[:i]); err == nil {
			t.Errorf("the first %d of %d bytes decoded", i, len(b))
		}
	}
	if err := new(Acc).UnmarshalBinary(append(b, 0)); err == nil {
		t.Error("a trailing byte decoded")
	}
	rb, err := good.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back DocRecord
	if err := back.UnmarshalBinary(rb); err != nil || fmt.Sprintf("%#v", back) != fmt.Sprintf("%#v", good) {
		t.Errorf("record round trip: %v, %#v", err, back)
	}
	for i := range rb {
		if err := back.UnmarshalBinary(rb[:i]); err == nil {
			t.Errorf("the first %d of %d record bytes decoded", i, len(rb))
		}
	}
}

// fuzzSeeds are real encodings: accumulators of the first documents of
// the sample (segmented, not cleaned) under each option set, and their
// records.
func fuzzSeeds(f *testing.F) (accs, recs [][]byte) {
	for _, opt := range optionSets(f) {
		if opt.MaxKeptSentences > 0 {
			opt.MaxKeptSentences = 20
		}
		c, err := NewCollector(opt)
		if err != nil {
			f.Fatal(err)
		}
		a := c.NewAcc()
		for _, d := range testkit.AllSides(f)[:40] {
			r := c.Map(&segment.Processed{Doc: &d, Text: d.Text, Sentences: segment.Sentences(d.Text, nil)})
			if err := a.Add(r); err != nil {
				f.Fatal(err)
			}
			b, err := r.MarshalBinary()
			if err != nil {
				f.Fatal(err)
			}
			recs = append(recs, b)
		}
		b, err := a.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		accs = append(accs, b)
	}
	return accs, recs
}

// FuzzAccUnmarshal: any bytes either fail to decode or decode to an
// accumulator that encodes to the same bytes and can be finished. The
// seeds are some kilobytes long: run it with -fuzzminimizetime 50x, or the
// engine spends its time minimizing each new input (execs stall at 0/s).
func FuzzAccUnmarshal(f *testing.F) {
	accs, _ := fuzzSeeds(f)
	for _, b := range accs {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Acc
		if err := a.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := a.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(data) {
			t.Fatalf("decoded and encoded again: %d bytes became %d", len(data), len(b))
		}
		if a.total > 1<<16 {
			return // a claimed count of sentences that Summarize would allocate for
		}
		if _, err := a.Summarize(StatsOptions{Resamples: 3, Permutations: 3}); err != nil {
			return // for instance a NaN score
		}
		for range a.Sentences() {
		}
		for range a.Documents() {
		}
	})
}

// FuzzRecordUnmarshal: any bytes either fail to decode as a record or
// decode to one that encodes to the same bytes.
func FuzzRecordUnmarshal(f *testing.F) {
	_, recs := fuzzSeeds(f)
	for _, b := range recs[:20] {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r DocRecord
		if err := r.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(data) {
			t.Fatalf("decoded and encoded again: %d bytes became %d", len(data), len(b))
		}
	})
}
