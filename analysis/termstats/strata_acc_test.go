package termstats

import (
	"encoding/json"
	"testing"

	"parallax/analysis/internal/testkit"
)

// With the stratum in the key, the terms accumulator keeps its laws, and
// the cells it freezes to add back (Collapse, CollapseSummaries) to the
// table of the groups counted without strata.
func TestStrataAccumulator(t *testing.T) {
	docs := testkit.AllSides(t)
	opt := TermOptions{StopWords: stopEN(t)}
	v := NewVocabulary()
	plain := NewShardIn(v)
	sampleRecords(t, docs, opt, v, plain)
	cellDocs := append(docs[:0:0], docs...)
	for i := range cellDocs {
		stratum := []string{"a", "b", "c"}[i%3] // the sample's records carry no date
		cellDocs[i].Group = CellKey(cellDocs[i].Group, stratum)
	}
	cells := NewShardIn(v)
	recs := sampleRecords(t, cellDocs, opt, v, cells)
	testkit.CheckAccumulator(t, recs, shardCase(v))

	want, wantG, _ := Freeze(plain, v)
	ct, cg, _ := Freeze(cells, v)
	st := NewStrata(ct)
	if len(st.Strata) < 3 {
		t.Fatalf("only %d strata: %v", len(st.Strata), st.Strata)
	}
	got := Collapse(ct, st)
	gotG := CollapseSummaries(cg, st, got)
	for _, c := range []struct {
		name      string
		got, want any
	}{{"table", got, want}, {"summaries", gotG, wantG}} {
		a, _ := json.Marshal(c.got)
		b, _ := json.Marshal(c.want)
		if string(a) != string(b) {
			t.Errorf("collapsed %s differ from the unstratified ones", c.name)
		}
	}
}
