package report

import (
	"strings"
	"testing"

	"parallax/analysis/termstats"
)

func TestTermFlagAndCompactTerm(t *testing.T) {
	opt := TermsOptions{}
	for _, c := range []struct {
		k         termstats.KeyTerm
		groupDocs int
		flag      string
		compact   string
	}{
		{termstats.KeyTerm{Term: "putin", Count: 7, Docs: 3, LogOddsZ: 2.274, Q: 0.0007}, 5, "", "putin (7, 2.27)"},
		{termstats.KeyTerm{Term: "much", Count: 2, Docs: 2, LogOddsZ: 1.17, Q: 0.524}, 5, "n.s.", "much (2, 1.17, n.s.)"},
		{termstats.KeyTerm{Term: "hanen", Count: 9, Docs: 1, LogOddsZ: 3, Q: 0.01}, 5, "1 doc", "hanen (9, 3.00)"},
		{termstats.KeyTerm{Term: "eloy", Count: 9, Docs: 1, LogOddsZ: 3, Q: 0.2}, 5, "1 doc, n.s.", "eloy (9, 3.00, n.s.)"},
		{termstats.KeyTerm{Term: "solo", Count: 9, Docs: 1, LogOddsZ: 3, Q: 0.01}, 1, "", "solo (9, 3.00)"},
		{termstats.KeyTerm{Term: "edge", Count: 1, Docs: 1, LogOddsZ: 0.5, Q: 0.05}, 1, "", "edge (1, 0.50)"}, // q = level passes
	} {
		if got := termFlag(c.k, opt, c.groupDocs); got != c.flag {
			t.Errorf("%s: flag %q, want %q", c.k.Term, got, c.flag)
		}
		if got := compactTerm(c.k, opt); got != c.compact {
			t.Errorf("%s: compact %q, want %q", c.k.Term, got, c.compact)
		}
	}
	three := TermsOptions{DistinctiveOptions: termstats.DistinctiveOptions{MinDocs: 3}}
	if got := termFlag(termstats.KeyTerm{Count: 4, Docs: 2, Q: 0.01}, three, 10); got != "2 docs" {
		t.Errorf("--min-docs-term 3, 2 docs: flag %q, want \"2 docs\"", got)
	}
	q := TermsOptions{DistinctiveOptions: termstats.DistinctiveOptions{Q: 0.01}}
	if got := compactCell(termstats.GroupKeyness{}, nil, q); got != "no term passes q ≤ 0.01" {
		t.Errorf("empty list with --q 0.01: %q", got)
	}
}

func TestSignificanceNotesNameGroups(t *testing.T) {
	tab, err := termstats.NewTermTableDense([]string{"c", "d"}, []string{"u", "v", "w"},
		[][]int64{{6, 4, 90}, {4, 6, 90}}, [][]int64{{2, 2, 2}, {2, 2, 2}}, []int{2, 2})
	if err != nil {
		t.Fatal(err)
	}
	opt := TermsOptions{DistinctiveOptions: termstats.DistinctiveOptions{Keyness: termstats.DefaultKeynessOptions(), Top: 5}}
	ks, err := termstats.DistinctiveTerms(tab, opt.DistinctiveOptions)
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(significanceNotes(tab, ks, opt), "\n")
	if !strings.Contains(notes, "No group has a significant distinctive term") {
		t.Errorf("notes do not say that no group has a significant term:\n%s", notes)
	}
}
