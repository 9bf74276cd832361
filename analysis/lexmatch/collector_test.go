package lexmatch

import (
	"fmt"
	"math"
	"testing"
	"testing/fstest"

	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/resample"
	"parallax/lexicons"
)

func TestLexiconCollectorByHand(t *testing.T) {
	lx, err := lexicons.Parse("test.yaml", []byte("name: test\nversion: \"1\"\nkind: categories\ncategories:\n  conflict: [fired, separatist*]\n  talks: [talks, met]\n"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	c := &Collector{Matcher: m, Explain: "conflict", ExplainGroup: "Alpha"}
	if _, err := analysis.Run(testkit.SmallSource(), analysis.Options{Visit: c.Visit, Workers: 3}); err != nil {
		t.Fatal(err)
	}
	rows := c.Rows(1000, 1)
	// Alpha: a1 "The separatist forces fired. The separatist leaders met." (8 words),
	// a2 "Separatist leaders said the talks failed." (6): conflict 2+1+1 = 4,
	// talks 1+1 = 2 of 14 words. Beta (11 words): conflict 1 (fired), talks 1.
	want := []struct {
		group, key  string
		hits, words int64
	}{{"Alpha", "conflict", 4, 14}, {"Alpha", "talks", 2, 14}, {"Beta", "conflict", 1, 11}, {"Beta", "talks", 1, 11}}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		r := rows[i]
		if r.Group != w.group || r.Key != w.key || r.Hits != w.hits || r.Words != w.words ||
			math.Abs(r.Per1k-1000*float64(w.hits)/float64(w.words)) > 1e-9 || r.Unit != resample.UnitSentence || !r.Small {
			t.Errorf("row %d = %+v, want %+v", i, r, w)
		}
	}
	// Alpha has two articles, so sentences are resampled: per sentence,
	// conflict hits 2, 1, 1 over 4, 4, 6 words.
	_, lo, hi := resample.BootstrapRatio([]float64{2, 1, 1}, []float64{4, 4, 6}, 1000, 1, "Alpha\x00conflict")
	if rows[0].Low != 1000*lo || rows[0].High != 1000*hi || !(rows[0].Low <= rows[0].Per1k && rows[0].Per1k <= rows[0].High) {
		t.Errorf("Alpha conflict interval [%v, %v], want [%v, %v] around %v", rows[0].Low, rows[0].High, 1000*lo, 1000*hi, rows[0].Per1k)
	}
	ps := c.Passages()
	if len(ps) != 3 || ps[0].Text != "The [separatist] forces [fired]." || ps[2].Text != "[Separatist] leaders said the talks failed." {
		t.Errorf("passages = %+v", ps)
	}
}

func TestBootstrapRatioExact(t *testing.T) {
	// One unit: every resample is that unit, so the interval is the ratio.
	r, lo, hi := resample.BootstrapRatio([]float64{3}, []float64{12}, 100, 1, "k")
	if r != 0.25 || lo != 0.25 || hi != 0.25 {
		t.Errorf("one unit: %v [%v, %v], want 0.25 [0.25, 0.25]", r, lo, hi)
	}
	// Units with no words carry nothing; none left gives NaN.
	r, _, _ = resample.BootstrapRatio([]float64{0}, []float64{0}, 100, 1, "k")
	if !math.IsNaN(r) {
		t.Errorf("no words: ratio %v, want NaN", r)
	}
	// Equal ratios in every unit: every resample has the same ratio.
	r, lo, hi = resample.BootstrapRatio([]float64{1, 2, 3}, []float64{10, 20, 30}, 500, 7, "k")
	if math.Abs(r-0.1) > 1e-15 || math.Abs(lo-0.1) > 1e-15 || math.Abs(hi-0.1) > 1e-15 {
		t.Errorf("constant ratio: %v [%v, %v], want 0.1", r, lo, hi)
	}
}

// TestLexiconArticlesWithoutWords: a document left without words carries
// nothing, so it does not count toward the five articles that switch the
// bootstrap from sentences to articles (as in tone).
func TestLexiconArticlesWithoutWords(t *testing.T) {
	lines := ""
	for i, text := range []string{"Peace talks.", "More talks.", "Talks failed.", "Troops moved.", "?!"} {
		lines += fmt.Sprintf(`{"id":"%d","outlet":"A","text":%q}`+"\n", i, text)
	}
	lx, err := lexicons.Parse("t.yaml", []byte("name: t\nkind: categories\ncategories:\n  talks: [talks]\n"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	c := &Collector{Matcher: m}
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(lines)}}
	if _, err := analysis.Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "t"}, analysis.Options{Visit: c.Visit, NoClean: true}); err != nil {
		t.Fatal(err)
	}
	r := c.Rows(100, 1)[0]
	if r.Articles != 4 || !r.Small || r.Unit != resample.UnitSentence || r.Hits != 3 || r.Words != 8 {
		t.Errorf("row %+v: want 4 articles with words, small, sentences resampled, 3 hits in 8 words", r)
	}
}
