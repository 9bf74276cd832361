package termstats

import (
	"slices"
	"testing"
)

// significanceTable: group "a" (3 documents) uses "one" in 1 document,
// "two" in 2, "three" in 3, all far more than "b" does; "weak" is used a
// little more by "a" than by "b" (q well above 0.05); "solo" is the only
// group of one document.
func significanceTable(t *testing.T) *TermTable {
	t.Helper()
	terms := []string{"one", "two", "three", "weak", "common"}
	count := [][]int64{
		{30, 30, 30, 12, 100}, // a
		{1, 1, 1, 5, 100},     // b
		{1, 1, 1, 5, 100},     // solo
	}
	df := [][]int64{
		{1, 2, 3, 3, 3},
		{1, 1, 1, 2, 3},
		{1, 1, 1, 1, 1},
	}
	tab, err := NewTermTableDense([]string{"a", "b", "solo"}, terms, count, df, []int{3, 3, 1})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func listed(t *testing.T, tab *TermTable, opt DistinctiveOptions, group string) ([]string, int) {
	t.Helper()
	opt.Target = group
	ks, err := DistinctiveTerms(tab, opt)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for k := range ListedTerms(ks[0], opt) {
		out = append(out, k.Term)
	}
	return out, ks[0].Passing
}

func TestMinDocsTerm(t *testing.T) {
	tab := significanceTable(t)
	for _, c := range []struct {
		minDocs int64
		want    []string
	}{
		{1, []string{"one", "three", "two", "weak"}}, // one, two, three tie on z: by term
		{0, []string{"three", "two", "weak"}},        // the default, 2
		{2, []string{"three", "two", "weak"}},
		{3, []string{"three", "weak"}},
		{4, []string{"three", "weak"}}, // capped at the group's 3 documents
	} {
		got, _ := listed(t, tab, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 10, MinDocs: c.minDocs}, "a")
		if !slices.Equal(got, c.want) {
			t.Errorf("--min-docs-term %d: listed %q, want %q", c.minDocs, got, c.want)
		}
	}
	// A group of one document: every term it uses is in its one document.
	o := DistinctiveOptions{MinDocs: 5}
	if n := o.MinDocsFor(1); n != 1 {
		t.Errorf("MinDocsFor(1) with MinDocs 5 = %d, want 1", n)
	}
	// --top 0 lists every term the group uses, the few-document ones too.
	got, _ := listed(t, tab, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 0, MinDocs: 3}, "a")
	if len(got) != 5 {
		t.Errorf("--top 0 listed %q, want all 5 terms", got)
	}
}

func TestSignificanceFilter(t *testing.T) {
	tab := significanceTable(t)
	opt := DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 10}
	opt.Target = "a"
	ks, err := DistinctiveTerms(tab, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The q of every listed term, and which pass 0.05, read off the rows.
	var pass []string
	var weakQ float64
	for _, k := range ks[0].Terms {
		if k.Q <= 0.05 {
			pass = append(pass, k.Term)
		}
		if k.Term == "weak" {
			weakQ = k.Q
		}
	}
	if weakQ <= 0.05 {
		t.Fatalf("the case is wrong: weak has q %g, meant to be above 0.05", weakQ)
	}
	if ks[0].Passing != len(pass) || len(pass) != 2 {
		t.Errorf("Passing %d, terms with q ≤ 0.05 listed %q (want two, three)", ks[0].Passing, pass)
	}
	got, n := listed(t, tab, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 10, Q: 0.05}, "a")
	if !slices.Equal(got, []string{"three", "two"}) || n != 2 {
		t.Errorf("--q 0.05: listed %q (passing %d), want three, two (2)", got, n)
	}
	// q = weak's own q keeps it: the test is q ≤ Q.
	got, _ = listed(t, tab, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 10, Q: weakQ}, "a")
	if !slices.Contains(got, "weak") {
		t.Errorf("--q %g (weak's q): listed %q, want weak in it", weakQ, got)
	}
	// --top 0 with --q: only the passing terms, negative z included.
	got, _ = listed(t, tab, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 0, Q: 0.05}, "a")
	for _, term := range got {
		if term == "weak" {
			t.Errorf("--top 0 --q 0.05 listed weak (q %g)", weakQ)
		}
	}
	// Two groups that use their terms about as often: neither has a
	// significant term (G² of 6 vs 4 in 100 tokens each is 0.41).
	flat, err := NewTermTableDense([]string{"c", "d"}, []string{"u", "v", "w"},
		[][]int64{{6, 4, 90}, {4, 6, 90}}, [][]int64{{2, 2, 2}, {2, 2, 2}}, []int{2, 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"c", "d"} {
		if terms, n := listed(t, flat, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 10}, g); n != 0 || len(terms) == 0 {
			t.Errorf("group %s: Passing %d with %q listed, want 0 with terms listed", g, n, terms)
		}
		if terms, _ := listed(t, flat, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 10, Q: 0.05}, g); len(terms) != 0 {
			t.Errorf("group %s with --q 0.05: listed %q, want none", g, terms)
		}
	}
	if o := (DistinctiveOptions{}); o.Level() != 0.05 || !o.Passes(KeyTerm{Q: 0.05}) || o.Passes(KeyTerm{Q: 0.0501}) {
		t.Errorf("default level %g: q 0.05 must pass, 0.0501 not", o.Level())
	}
}
