package report

import (
	"math"
	"testing"

	"parallax/analysis"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{{1, "match", "1 match"}, {2, "match", "2 matches"}, {0, "document", "0 documents"}, {3, "box", "3 boxes"}} {
		if got := Plural(c.n, c.noun); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}

// TestFrequencySection checks the frequency view against hand-computed rows
// of the small corpus: Alpha has 11 counted terms in 2 documents; the corpus
// has 3 documents.
func TestFrequencySection(t *testing.T) {
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Run(testkit.SmallSource(), analysis.Options{Terms: termstats.TermOptions{StopWords: sw}})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := FrequencySection(res.Table, "count", 2, 1, termstats.IDFSmooth)
	if err != nil {
		t.Fatal(err)
	}
	rows := sec.Display.Rows
	// Alpha: separatist 3 (df 2 in Alpha, corpus df 2), leaders 2 (corpus df 3).
	//   separatist: per_1k = 1000·3/11 = 272.7272…; tf = 3/11 = 0.272727…;
	//     idf smooth = ln((1+3)/(1+2)) + 1 = 1.2876820724517808; tfidf = 0.35118601976…
	//   leaders: tf = 2/11; idf = ln(4/4) + 1 = 1; tfidf = 0.181818…
	want := []struct {
		group, term string
		rank, count int64
		per1k, tf   float64
		docs        int64
		tfidf       float64
	}{
		{"Alpha", "separatist", 1, 3, 1000 * 3.0 / 11, 3.0 / 11, 2, 3.0 / 11 * (math.Log(4.0/3) + 1)},
		{"Alpha", "leaders", 2, 2, 1000 * 2.0 / 11, 2.0 / 11, 2, 2.0 / 11},
	}
	if len(rows) != 4 { // two per group
		t.Fatalf("%d rows, want 4", len(rows))
	}
	for i, w := range want {
		r := rows[i]
		if r[0].Str != w.group || r[1].Int != w.rank || r[2].Str != w.term || r[3].Int != w.count || r[5].Int != w.docs ||
			!testkit.Within(r[4].Float, w.per1k, 1e-12) || !testkit.Within(r[6].Float, w.tf, 1e-12) || !testkit.Within(r[7].Float, w.tfidf, 1e-12) {
			t.Errorf("row %d = %v, want %+v", i, r, w)
		}
	}
	// Ranked by tf-idf, Alpha's first term is still separatist (0.351 > the rest).
	sec, _ = FrequencySection(res.Table, "tfidf", 1, 1, termstats.IDFSmooth)
	if got := sec.Display.Rows[0][2].Str; got != "separatist" {
		t.Errorf("top Alpha term by tfidf = %q, want separatist", got)
	}
}
