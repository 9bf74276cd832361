package tonestats

import (
	"math"
	"reflect"
	"testing"

	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

// moodCSV is a user valence lexicon.
const moodCSV = "pattern,score\ngood,2\nbad,-1.5\nhorrible,-2\n"

func moodLexicon(t testing.TB) Lexicon {
	t.Helper()
	lx, err := lexicons.Parse("mood.csv", []byte(moodCSV))
	if err != nil {
		t.Fatal(err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	return Lexicon{Name: "mood", Matcher: m}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestSpearman(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		// Ranks of x: [1, 2.5, 2.5, 4]; of y: [1, 3, 2, 4]. Deviations from
		// 2.5: dx [−1.5, 0, 0, 1.5], dy [−1.5, 0.5, −0.5, 1.5];
		// Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5: r = 4.5/√22.5 = √0.9.
		{"ties", []float64{1, 2, 2, 3}, []float64{10, 30, 20, 40}, math.Sqrt(0.9)},
		// No ties: 1 − 6Σd²/(n(n²−1)) with d = [1, −1, 1, −1, 0]:
		// 1 − 6·4/120 = 0.8.
		{"no ties", []float64{1, 2, 3, 4, 5}, []float64{2, 1, 4, 3, 5}, 0.8},
		{"monotone", []float64{0.1, 0.5, 0.2}, []float64{1, 100, 3}, 1},
		{"reversed", []float64{3, 2, 1}, []float64{-5, 0, 7}, -1},
	}
	for _, tc := range tests {
		if got := Spearman(tc.x, tc.y); !near(got, tc.want, 1e-12) {
			t.Errorf("%s: Spearman = %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := Spearman([]float64{1, 1, 1}, []float64{1, 2, 3}); !math.IsNaN(got) {
		t.Errorf("constant: Spearman = %v, want NaN", got)
	}
	if got := AverageRanks([]float64{10, 20, 20, 5}); !reflect.DeepEqual(got, []float64{2, 3.5, 3.5, 1}) {
		t.Errorf("AverageRanks = %v", got)
	}
}

func TestLexiconValence(t *testing.T) {
	m := moodLexicon(t).Matcher
	tests := []struct {
		sentence string
		want     float64
	}{
		{"This is not a good idea.", -2.0 / 6},           // "not" two tokens before good
		{"Good, not bad.", (2 + 1.5) / 3},                // bad negated
		{"Not one two three good.", 2.0 / 5},             // "not" four tokens before: too far
		{"A really bad, horrible book.", -3.5 / 5},       // two hits
		{"Nothing to see at https://x.org here", 0},      // no hit
		{"Bad bad bad https://x.org", -4.5 / 3},          // the URL is not a word
		{"—", 0},                                         // no word
		{"It isn't horrible, it is good", (2 + 2) / 6.0}, // "isn't" negates
	}
	for _, tc := range tests {
		got, _ := LexiconValence(m, segment.Tokenize(tc.sentence, nil), nil)
		if !near(got, tc.want, 1e-12) {
			t.Errorf("%q: %v, want %v", tc.sentence, got, tc.want)
		}
	}
}

func TestToneText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a b", "a b"},
		{"a\nb", "a b"},
		{"a  b", "a b"},
		{" a", "a"},
		{"a ", "a"},
		{"a\u00a0b\tc", "a b c"},
		{"", ""},
		{"héllo wörld", "héllo wörld"},
	}
	for _, tc := range tests {
		if got := SentenceText(tc.in); got != tc.want {
			t.Errorf("SentenceText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNewToneCollectorErrors(t *testing.T) {
	cats, err := lexicons.Parse("frames.yml", []byte("name: frames\nkind: categories\ncategories:\n  eco: [trade]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cm, err := lexmatch.Compile(cats)
	if err != nil {
		t.Fatal(err)
	}
	mood := moodLexicon(t).Matcher
	tests := []struct {
		name string
		lx   Lexicon
	}{
		{"no matcher", Lexicon{Name: "x"}},
		{"no name", Lexicon{Matcher: mood}},
		{"wrong kind", Lexicon{Name: "frames", Matcher: cm}},
		{"name taken", Lexicon{Name: "vader", Matcher: mood}},
	}
	for _, tc := range tests {
		if _, err := NewCollector(Options{Lexicons: []Lexicon{tc.lx}}); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	twice := []Lexicon{{Name: "m", Matcher: mood}, {Name: "m", Matcher: mood}}
	if _, err := NewCollector(Options{Lexicons: twice}); err == nil {
		t.Error("duplicate lexicon name: no error")
	}
}
