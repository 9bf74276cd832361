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
