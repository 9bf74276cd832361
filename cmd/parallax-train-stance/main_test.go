package main

import (
	"fmt"
	"slices"
	"testing"

	"parallax/analysis/stance"
)

// TestFolds checks that the folds keep every target of a sentence
// together, fill every fold, and depend only on the data and the seed.
func TestFolds(t *testing.T) {
	var ex []stance.Example
	for i := range 50 {
		s := fmt.Sprintf("sentence %d", i)
		for range 1 + i%3 {
			ex = append(ex, stance.Example{Mention: stance.Mention{Sentence: s}})
		}
	}
	f := folds(ex, 5, 1)
	if !slices.Equal(f, folds(ex, 5, 1)) {
		t.Fatal("the same seed gives other folds")
	}
	if slices.Equal(f, folds(ex, 5, 2)) {
		t.Error("another seed gives the same folds")
	}
	bySent := map[string]int{}
	var n [5]int
	for i, e := range ex {
		if k, ok := bySent[e.Mention.Sentence]; ok && k != f[i] {
			t.Fatalf("%q is in folds %d and %d", e.Mention.Sentence, k, f[i])
		}
		bySent[e.Mention.Sentence] = f[i]
		n[f[i]]++
	}
	for k, c := range n {
		if c == 0 {
			t.Errorf("fold %d is empty", k)
		}
	}
}

// TestCalibrate builds out-of-fold predictions whose negatives are all
// predicted neutral by a margin of log 2 (P neutral 0.5, P negative 0.25):
// a shift of the negative class's log odds above log 2 ≈ 0.69 makes every
// prediction right, and the smallest such shift on the grid is 0.70.
func TestCalibrate(t *testing.T) {
	var ex []stance.Example
	var oof []stance.Result
	for range 10 {
		ex = append(ex, stance.Example{Label: stance.Negative}, stance.Example{Label: stance.Neutral}, stance.Example{Label: stance.Positive})
		oof = append(oof,
			stance.Result{Prob: [3]float64{0.25, 0.5, 0.25}},
			stance.Result{Prob: [3]float64{0.1, 0.8, 0.1}},
			stance.Result{Prob: [3]float64{0.1, 0.1, 0.8}})
	}
	shift, e := calibrate(ex, oof)
	if shift != [3]float64{0.70, 0, 0} || e.MacroF1 != 1 {
		t.Errorf("shift %v, macro-F1 %v; want [0.7 0 0] and 1", shift, e.MacroF1)
	}
}

// TestPickStack checks the rule of docs/stance.md: the highest CV
// macro-F1 at four decimals, ties to the smaller network, the larger
// decay, fewer epochs, and the linear model before any network.
func TestPickStack(t *testing.T) {
	ev := func(f float64) stance.Evaluation { return stance.Evaluation{MacroF1: f} }
	grid := []stackConfig{{64, 1e-3}, {32, 1e-4}, {32, 1e-3}}
	res := [][]stance.Evaluation{
		{ev(0.70), ev(0.71204), ev(0.7)},
		{ev(0.71196), ev(0.7), ev(0.7)},
		{ev(0.69), ev(0.7), ev(0.71203)},
	}
	c := pickStack(grid, res, ev(0.70))
	if c.Hidden != 32 || c.Decay != 1e-3 || c.Epochs != 3 {
		t.Errorf("picked %+v, want H 32, decay 1e-3, epoch 3 (0.7120 ties at four decimals)", c)
	}
	if c := pickStack(grid, res, ev(0.71201)); c.Hidden != 0 {
		t.Errorf("picked %+v over the linear model it ties", c)
	}
	if c := pickStack(grid, res, ev(0.7125)); c.Hidden != 0 || c.Eval.MacroF1 != 0.7125 {
		t.Errorf("picked %+v over a better linear model", c)
	}
	if _, err := parseGrid("32,x", "1e-3"); err == nil {
		t.Error("-mlp-hidden 32,x accepted")
	}
	if _, err := parseGrid("32", "-1"); err == nil {
		t.Error("-mlp-decay -1 accepted")
	}
	if g, err := parseGrid("8, 16", "0,1e-3"); err != nil || len(g) != 4 || g[3] != (stackConfig{16, 1e-3}) {
		t.Errorf("parseGrid: %v %v", g, err)
	}
}
