package lexmatch

import (
	"fmt"
	"sync"
	"testing"

	"parallax/analysis"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

// sampleCollector returns a collector of the frames lexicon explaining
// its first key with few passages, so that passages are cut.
func sampleCollector(t testing.TB) *Collector {
	t.Helper()
	lx, err := lexicons.Resolve("frames")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	return &Collector{Matcher: m, Explain: Keys(lx)[0], ExplainMax: 3}
}

// sampleRecords maps every document of the AllSides sample, and also
// visits them with the collector given.
func sampleRecords(t testing.TB, c *Collector, visit func(*segment.Processed)) []DocRecord {
	t.Helper()
	var mu sync.Mutex
	var recs []DocRecord
	_, err := analysis.Run(testkit.AllSidesSource(), analysis.Options{Visit: func(p *segment.Processed) {
		r := c.Map(p)
		if visit != nil {
			visit(p)
		}
		mu.Lock()
		recs = append(recs, r)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// renderAcc is every result of an accumulator, canonically.
func renderAcc(c *Collector, acc *Acc) string {
	return fmt.Sprintf("%#v\n%#v", c.RowsOf(acc, 50, 7), acc.Passages())
}

func TestAccLaws(t *testing.T) {
	c := sampleCollector(t)
	recs := sampleRecords(t, c, nil)
	small := 0
	groups := map[string]int{}
	for _, r := range recs {
		groups[r.Group]++
	}
	for _, n := range groups {
		if n <= 5 {
			small++
		}
	}
	if small == 0 || len(groups) == small {
		t.Fatalf("the sample should have small and large groups: %v", groups)
	}
	testkit.CheckAccumulator(t, recs, testkit.Accumulator[DocRecord, *Acc]{
		New:     c.NewAcc,
		Add:     func(a *Acc, r DocRecord) { a.Add(&r) },
		Merge:   func(dst, src *Acc) error { return dst.Merge(src) },
		Marshal: func(a *Acc) ([]byte, error) { return a.MarshalBinary() },
		Unmarshal: func(b []byte) (*Acc, error) {
			a := &Acc{}
			return a, a.UnmarshalBinary(b)
		},
		Finish: func(a *Acc) (string, error) { return renderAcc(c, a), nil },
	})
}

// TestVisitMatchesMap: the collector fed by Visit and an accumulator fed
// by Map, Add and Merge of two halves finish alike, and agree with a
// naive count of the hits.
func TestVisitMatchesMap(t *testing.T) {
	c := sampleCollector(t)
	visited := sampleCollector(t)
	recs := sampleRecords(t, c, visited.Visit)
	a, b := c.NewAcc(), c.NewAcc()
	for i := range recs {
		// through the record's binary form
		data, err := recs[i].MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var r DocRecord
		if err := r.UnmarshalBinary(data); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if i%2 == 0 {
			a.Add(&r)
		} else {
			b.Add(&r)
		}
	}
	if err := b.Merge(a); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%#v\n%#v", visited.Rows(50, 7), visited.Passages())
	if got := renderAcc(c, b); got != want {
		t.Fatalf("Map/Add/Merge differs from Visit")
	}
	// naive: total hits per group and key from the records
	hits := map[[2]string]int64{}
	for _, r := range recs {
		for _, k := range r.article.counts {
			hits[[2]string{r.Group, c.keys[k.key]}] += int64(k.hits)
		}
	}
	rows := visited.Rows(50, 7)
	for _, r := range rows {
		if r.Hits != hits[[2]string{r.Group, r.Key}] {
			t.Errorf("%s %s: %d hits, want %d", r.Group, r.Key, r.Hits, hits[[2]string{r.Group, r.Key}])
		}
	}
	if ps := visited.Passages(); len(ps) == 0 {
		t.Errorf("no passages of %q", c.Explain)
	}
}

func FuzzAccUnmarshal(f *testing.F) {
	c := sampleCollector(f)
	recs := sampleRecords(f, c, nil)
	acc := c.NewAcc()
	for i := range recs[:40] {
		acc.Add(&recs[i])
		if i%10 == 0 {
			b, _ := acc.MarshalBinary()
			f.Add(b)
			b, _ = recs[i].MarshalBinary()
			f.Add(b)
		}
	}
	b, _ := acc.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var r DocRecord
		if err := r.UnmarshalBinary(data); err == nil {
			x := c.NewAcc()
			x.Add(&r)
			_ = c.RowsOf(x, 5, 1)
		}
		var a Acc
		if err := a.UnmarshalBinary(data); err != nil {
			return
		}
		// what decodes encodes again, and finishes without panicking
		b, err := a.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var a2 Acc
		if err := a2.UnmarshalBinary(b); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		_ = c.RowsOf(&a, 5, 1)
	})
}
