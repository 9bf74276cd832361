package termstats

import (
	"math"
	"testing"
)

// cellTable builds a table of (group, stratum) cells from dense counts:
// rows are cells, named by CellKey.
func cellTable(t *testing.T, cells [][2]string, terms []string, count, df [][]int64, docs []int) *TermTable {
	t.Helper()
	keys := make([]string, len(cells))
	for i, c := range cells {
		keys[i] = CellKey(c[0], c[1])
	}
	tab, err := NewTermTableDense(keys, terms, count, df, docs)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// TestStratifiedByHand: two groups, two strata, the term x. The figures
// were computed by hand (docs/measures.md, Strata):
//
//	stratum 1: A 10 of 100, B 2 of 100; stratum 2: A 1 of 50, B 4 of 200.
//	E = 100·12/200 + 50·5/250 = 6 + 1; Var = 100·100·12·188/(200²·199) +
//	50·200·5·245/(250²·249); CMH = (11 − 7)² / ΣVar = 4.418279090503789.
//	MH rate ratio = (10·100/200 + 1·200/250) / (2·100/200 + 4·50/250) =
//	5.8/1.8: log2 = 1.6880559936852595.
//	δ₁ = ln(22/278) − ln(14/286), σ₁² = 1/22 + 1/14; δ₂ = 0 (equal rates),
//	σ₂² = 1/6 + 1/9; pooled z = Σwδ/√Σw = 1.1787558666621882.
func TestStratifiedByHand(t *testing.T) {
	cells := cellTable(t, [][2]string{{"A", "1"}, {"B", "1"}, {"A", "2"}, {"B", "2"}}, []string{"x", "o"},
		[][]int64{{10, 90}, {2, 98}, {1, 49}, {4, 196}},
		[][]int64{{3, 3}, {2, 3}, {1, 2}, {3, 5}}, []int{3, 3, 2, 5})
	st := NewStrata(cells)
	if len(st.Groups) != 2 || len(st.Strata) != 2 {
		t.Fatalf("design %v × %v", st.Groups, st.Strata)
	}
	gt := Collapse(cells, st)
	if gt.Tokens[0] != 150 || gt.Docs[0] != 5 || gt.Count[0].Get(gt.TermIndex("x")) != 11 || gt.DocFreq[1].Get(gt.TermIndex("o")) != 8 {
		t.Fatalf("collapsed A: tokens %d docs %d; B's df of o %d", gt.Tokens[0], gt.Docs[0], gt.DocFreq[1].Get(gt.TermIndex("o")))
	}
	ks, err := StratifiedTerms(cells, gt, st, DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 0, MinDocs: 1})
	if err != nil {
		t.Fatal(err)
	}
	var x KeyTerm
	for _, k := range ks[0].Terms {
		if k.Term == "x" {
			x = k
		}
	}
	if x.Term == "" {
		t.Fatalf("x not listed for A: %+v", ks[0].Terms)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"CMH", x.G2, 4.418279090503789},
		{"log2 MH rate ratio", x.LogRatio, 1.6880559936852595},
		{"pooled z", x.LogOddsZ, 1.1787558666621882},
		{"p", x.P, ChiSquared1Survival(4.418279090503789)},
		{"per_1k", x.Per1k, 1000 * 11.0 / 150},
		{"ref_per_1k", x.RefPer1k, 1000 * 6.0 / 300},
	} {
		if !near(c.got, c.want, 1e-12) {
			t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
	if x.Count != 11 || x.RefCount != 6 || x.Docs != 4 {
		t.Errorf("x: count %d ref %d docs %d, want 11, 6, 4", x.Count, x.RefCount, x.Docs)
	}
	// B's x is the mirror image: the same CMH, negative.
	for _, k := range ks[1].Terms {
		if k.Term == "x" && !near(k.G2, -4.418279090503789, 1e-12) {
			t.Errorf("B's x: CMH %g, want −4.418…", k.G2)
		}
	}
}

// TestStratifiedOneStratum cross-checks the pooling with the unstratified
// keyness: with a single stratum the pooled log-odds z and log ratio are
// Keyness's, and CMH is Pearson's χ² times (T−1)/T.
func TestStratifiedOneStratum(t *testing.T) {
	terms := []string{"p", "q", "r", "s"}
	count := [][]int64{{12, 3, 40, 7}, {2, 9, 35, 1}, {5, 5, 60, 0}}
	df := [][]int64{{3, 2, 4, 2}, {1, 3, 4, 1}, {2, 2, 5, 0}}
	docs := []int{4, 4, 5}
	plain, err := NewTermTableDense([]string{"A", "B", "C"}, terms, count, df, docs)
	if err != nil {
		t.Fatal(err)
	}
	cells := cellTable(t, [][2]string{{"A", "all"}, {"B", "all"}, {"C", "all"}}, terms, count, df, docs)
	st := NewStrata(cells)
	gt := Collapse(cells, st)
	opt := DistinctiveOptions{Keyness: DefaultKeynessOptions(), Top: 0, MinDocs: 1}
	want, err := DistinctiveTerms(plain, opt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := StratifiedTerms(cells, gt, st, opt)
	if err != nil {
		t.Fatal(err)
	}
	for g := range want {
		if len(got[g].Terms) != len(want[g].Terms) {
			t.Fatalf("group %d: %d terms, want %d", g, len(got[g].Terms), len(want[g].Terms))
		}
		for i, w := range want[g].Terms {
			k := got[g].Terms[i]
			tt := float64(plain.TotalTokens)
			if k.Term != w.Term || !near(k.LogOddsZ, w.LogOddsZ, 1e-12) || !near(k.Chi2, w.Chi2*(tt-1)/tt, 1e-12) ||
				(!math.IsNaN(w.LogRatio) && !near(k.LogRatio, w.LogRatio, 1e-12)) || k.Count != w.Count || k.RefCount != w.RefCount || k.Docs != w.Docs {
				t.Errorf("group %d row %d: %s z %g χ² %g lr %g, want %s z %g χ²·(T−1)/T %g lr %g",
					g, i, k.Term, k.LogOddsZ, k.Chi2, k.LogRatio, w.Term, w.LogOddsZ, w.Chi2*(tt-1)/tt, w.LogRatio)
			}
		}
	}
	if _, err := StratifiedTerms(cells, gt, st, DistinctiveOptions{Zeros: true}); err == nil {
		t.Error("--zeros with strata: no error")
	}
}
