package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"parallax/analysis/termstats"
)

// chainMatrix is n groups g00…g(n-1) whose similarity is 1 − |i−j|/n: each
// group's nearest groups are its neighbours in the chain.
func chainMatrix(n int) *termstats.SimMatrix {
	s := &termstats.SimMatrix{Measure: termstats.SimCosineTFIDF, Values: mat.NewSymDense(n, nil)}
	for i := range n {
		s.Labels = append(s.Labels, fmt.Sprintf("g%02d", i))
		s.Valid = append(s.Valid, true)
		for j := i; j < n; j++ {
			s.Values.SetSym(i, j, 1-float64(j-i)/float64(n))
		}
	}
	return s
}

func TestSimilarityNarrow(t *testing.T) {
	render := func(n, width int, f Format) string {
		var b bytes.Buffer
		r := &Report{Sections: []Section{SimilaritySection(chainMatrix(n))}}
		if err := Render(&b, r, f, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	// 40 groups: 40 columns of "0.975" cannot fit 100 columns.
	out := render(40, 100, FormatTable)
	// By hand: the 39 adjacent pairs have 1 − 1/40 = 0.975, ties by name;
	// the least similar pair is g00 – g39, 1 − 39/40 = 0.025, then g00 –
	// g38 and g01 – g39 at 0.050.
	for _, want := range []string{
		"│ most  │ g00     │ g01     │ 0.975 │",
		"│ most  │ g09     │ g10     │ 0.975 │",
		"│ least │ g00     │ g39     │ 0.025 │",
		"│ least │ g00     │ g38     │ 0.050 │",
		"│ least │ g01     │ g39     │ 0.050 │",
		"The 40 × 40 matrix is wider than --width",
		"(of 780)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("narrow form lacks %q:\n%s", want, out)
		}
	}
	// g00's nearest: g01 (0.975), g02 (0.950), g03 (0.925); g05's: g04 and
	// g06 tie at 0.975 (by name), then g03 at 0.950.
	for _, want := range []string{"│ g00   │ 0.975 g01 │ 0.950 g02 │ 0.925 g03 │", "│ g05   │ 0.975 g04 │ 0.975 g06 │ 0.950 g03 │"} {
		if !strings.Contains(out, want) {
			t.Errorf("neighbours lack %q", want)
		}
	}
	if strings.Contains(out, "columns 1–") {
		t.Errorf("the matrix was printed in blocks")
	}
	// Few groups, or Markdown: the matrix itself.
	if out := render(5, 100, FormatTable); strings.Contains(out, "most") || !strings.Contains(out, "0.800") {
		t.Errorf("5 groups: not the matrix:\n%s", out)
	}
	if out := render(40, 100, FormatMarkdown); strings.Contains(out, "│ most") || !strings.Contains(out, "| g39 ") {
		t.Errorf("markdown: not the matrix")
	}
}
