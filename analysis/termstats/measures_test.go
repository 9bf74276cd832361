package termstats

import (
	"strings"
	"testing"

	"parallax/analysis/internal/testkit"
)

// measuresTable is the hand-worked table of the measures tests:
//
//	        peace talks war | tokens docs
//	A          10     8   2 |     20    4   df: peace 3, talks 2, war 1
//	B           2     6  12 |     20    3   df: peace 1, talks 2, war 3
//	C           0     5   5 |     10    2   df: peace 0, talks 2, war 1
//	corpus     12    19  19 |     50    9   df: peace 4, talks 6, war 5
//
// Groups and terms are given out of order on purpose: the table sorts them.
func measuresTable(t testing.TB) *TermTable {
	t.Helper()
	tab, err := NewTermTableDense(
		[]string{"C", "A", "B"},
		[]string{"war", "peace", "talks"},
		[][]int64{{5, 0, 5}, {2, 10, 8}, {12, 2, 6}},
		[][]int64{{1, 0, 2}, {1, 3, 2}, {3, 1, 2}},
		[]int{2, 4, 3},
	)
	if err != nil {
		t.Fatalf("building the hand table: %v", err)
	}
	return tab
}

func TestIDF(t *testing.T) {
	tests := []struct {
		name     string
		df, docs int64
		v        IDFVariant
		want     float64
	}{
		// D = 9 documents.
		{"smooth df 4", 4, 9, IDFSmooth, 1.6931471805599454},     // ln(10/5) + 1 = ln 2 + 1
		{"nosmooth df 4", 4, 9, IDFNoSmooth, 1.8109302162163288}, // ln(9/4) + 1
		{"plain df 4", 4, 9, IDFPlain, 0.8109302162163288},       // ln(9/4) = ln 2.25
		{"smooth df 6", 6, 9, IDFSmooth, 1.3566749439387324},     // ln(10/7) + 1
		{"plain df 5", 5, 9, IDFPlain, 0.5877866649021191},       // ln(9/5) = ln 1.8
		{"plain every doc", 9, 9, IDFPlain, 0},                   // ln 1
		{"smooth every doc", 9, 9, IDFSmooth, 1},                 // ln(10/10) + 1
		{"plain df 0", 0, 9, IDFPlain, 0},                        // absent term: 0, not +Inf
		{"smooth df 0", 0, 9, IDFSmooth, 0},                      // absent term: 0 for every variant
		{"empty corpus", 1, 0, IDFSmooth, 0},
		{"unknown variant", 4, 9, IDFVariant("bm25"), 0},
	}
	for _, tc := range tests {
		if got := IDF(tc.df, tc.docs, tc.v); !testkit.Within(got, tc.want, 1e-12) {
			t.Errorf("%s: IDF(%d, %d, %q) = %v, want %v", tc.name, tc.df, tc.docs, tc.v, got, tc.want)
		}
	}
}

func TestParseIDF(t *testing.T) {
	tests := []struct {
		in      string
		want    IDFVariant
		wantErr string
	}{
		{"", IDFSmooth, ""},
		{"smooth", IDFSmooth, ""},
		{"nosmooth", IDFNoSmooth, ""},
		{"plain", IDFPlain, ""},
		{"inverse", IDFPlain, ""},
		{"Smooth", "", `unknown idf variant "Smooth"`},
		{"log10", "", `unknown idf variant "log10"`},
	}
	for _, tc := range tests {
		got, err := ParseIDF(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseIDF(%q): error %v, want one containing %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseIDF(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, v := range IDFVariants {
		if got, err := ParseIDF(string(v)); err != nil || got != v {
			t.Errorf("ParseIDF(%q) does not round-trip: %q, %v", v, got, err)
		}
	}
}

func TestFrequencies(t *testing.T) {
	tab := measuresTable(t)
	type row struct {
		term  string
		count int64
		per1k float64
		docs  int64
		tf    float64
		tfidf float64
	}
	tests := []struct {
		name  string
		group string
		min   int64
		v     IDFVariant
		want  []row
	}{
		{"A smooth", "A", 1, IDFSmooth, []row{
			// tf = count/20; idf = ln(10/(1+df)) + 1 with D = 9.
			{"peace", 10, 500, 3, 0.5, 0.8465735902799727}, // 0.5 · (ln(10/5) + 1)
			{"talks", 8, 400, 2, 0.4, 0.542669977575493},   // 0.4 · (ln(10/7) + 1)
			{"war", 2, 100, 1, 0.1, 0.1510825623765991},    // 0.1 · (ln(10/6) + 1)
		}},
		{"A plain, min 5", "A", 5, IDFPlain, []row{
			{"peace", 10, 500, 3, 0.5, 0.4054651081081644}, // 0.5 · ln(9/4)
			{"talks", 8, 400, 2, 0.4, 0.16218604324326577}, // 0.4 · ln(9/6) = 0.4 · 0.4054651081081644
		}},
		{"A nosmooth, min 9", "A", 9, IDFNoSmooth, []row{
			{"peace", 10, 500, 3, 0.5, 0.9054651081081644}, // 0.5 · (ln(9/4) + 1)
		}},
		{"C ties by term, zero count left out", "C", 0, IDFSmooth, []row{
			// tf = 5/10; talks df 6, war df 5.
			{"talks", 5, 500, 2, 0.5, 0.6783374719693662}, // 0.5 · (ln(10/7) + 1)
			{"war", 5, 500, 1, 0.5, 0.7554128118829954},   // 0.5 · (ln(10/6) + 1)
		}},
		{"min above every count", "B", 13, IDFSmooth, nil},
	}
	for _, tc := range tests {
		got, err := Frequencies(tab, tab.GroupIndex(tc.group), tc.min, tc.v)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d rows, want %d: %+v", tc.name, len(got), len(tc.want), got)
			continue
		}
		for i, w := range tc.want {
			g := got[i]
			if g.Term != w.term || g.Count != w.count || g.Docs != w.docs || tab.Terms[g.ID] != g.Term ||
				!testkit.Within(g.Per1k, w.per1k, 1e-12) || !testkit.Within(g.TF, w.tf, 1e-12) || !testkit.Within(g.TFIDF, w.tfidf, 1e-12) {
				t.Errorf("%s: row %d = %+v, want %+v", tc.name, i, g, w)
			}
		}
	}
}

// TestFrequenciesPer1kFromDTM recomputes per_1k from the raw counts, as a
// user does from the --dtm CSV: 1000 · count / Σ counts of the group.
func TestFrequenciesPer1kFromDTM(t *testing.T) {
	tab := measuresTable(t)
	for g, name := range tab.Groups {
		rows, err := Frequencies(tab, g, 0, IDFSmooth)
		if err != nil {
			t.Fatalf("group %q: %v", name, err)
		}
		var total int64
		for _, r := range rows {
			total += r.Count
		}
		if total != tab.Tokens[g] {
			t.Errorf("group %q: counts add up to %d, Tokens = %d", name, total, tab.Tokens[g])
		}
		sum := 0.0
		for _, r := range rows {
			if want := 1000 * float64(r.Count) / float64(total); !testkit.Within(r.Per1k, want, 1e-12) {
				t.Errorf("group %q term %q: per_1k %v, want %v", name, r.Term, r.Per1k, want)
			}
			sum += r.Per1k
		}
		if !testkit.Within(sum, 1000, 1e-9) {
			t.Errorf("group %q: per_1k adds up to %v, want 1000", name, sum)
		}
	}
}

func TestFrequenciesErrors(t *testing.T) {
	tab := measuresTable(t)
	tests := []struct {
		name    string
		g       int
		v       IDFVariant
		wantErr string
	}{
		{"negative group", -1, IDFSmooth, "group index -1 out of range"},
		{"group past the end", 3, IDFSmooth, "group index 3 out of range (3 groups)"},
		{"unknown variant", 0, "bm25", `unknown idf variant "bm25"`},
		{"empty variant", 0, "", `unknown idf variant ""`},
	}
	for _, tc := range tests {
		_, err := Frequencies(tab, tc.g, 1, tc.v)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestFrequenciesEmptyGroup(t *testing.T) {
	tab, err := NewTermTableDense([]string{"a", "b"}, []string{"x"}, [][]int64{{0}, {3}}, [][]int64{{0}, {1}}, []int{1, 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Frequencies(tab, 0, 0, IDFSmooth)
	if err != nil || len(got) != 0 {
		t.Errorf("group without tokens: %+v, %v; want no rows and no error", got, err)
	}
}

func BenchmarkFrequencies(b *testing.B) {
	tab := allsidesTable(b)
	b.ResetTimer()
	for b.Loop() {
		for g := range tab.Groups {
			if _, err := Frequencies(tab, g, 1, IDFSmooth); err != nil {
				b.Fatal(err)
			}
		}
	}
}
