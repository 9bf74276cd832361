package termstats

import (
	"reflect"
	"testing"
)

// TestPooledTable checks the pooled table of some documents against the
// dense table built from those documents' counts by hand.
func TestPooledTable(t *testing.T) {
	// Terms a, b, c (ids 0, 1, 2); four documents, the second left out.
	dv := &DocVectors{
		Groups:  []string{"X", "X", "Y", "X"},
		Indexes: []int{0, 1, 2, 5},
		Vecs: []SparseCounts{
			{IDs: []int32{0, 1}, Counts: []int64{2, 1}},
			{IDs: []int32{2}, Counts: []int64{9}},
			{IDs: []int32{1}, Counts: []int64{4}},
			{IDs: []int32{0}, Counts: []int64{1}},
		},
	}
	full := &TermTable{Terms: []string{"a", "b", "c"}}
	got := PooledTable(full, dv, map[int]bool{0: true, 2: true, 5: true})
	// X: a 3 (2 docs), b 1; Y: b 4. c is in no kept document: dropped.
	want, err := NewTermTableDense([]string{"X", "Y"}, []string{"a", "b"},
		[][]int64{{3, 1}, {0, 4}}, [][]int64{{2, 1}, {0, 1}}, []int{2, 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"groups", got.Groups, want.Groups}, {"terms", got.Terms, want.Terms}, {"count", got.Count, want.Count},
		{"df", got.DocFreq, want.DocFreq}, {"tokens", got.Tokens, want.Tokens}, {"docs", got.Docs, want.Docs},
		{"corpus count", got.CorpusCount, want.CorpusCount}, {"corpus df", got.CorpusDF, want.CorpusDF},
		{"total", []any{got.TotalDocs, got.TotalTokens}, []any{want.TotalDocs, want.TotalTokens}},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s: got %v, want %v", f.name, f.got, f.want)
		}
	}
}
