package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
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

// TestStackCacheKeyAndShape: the cache key changes with the training
// file's bytes even when its path and size stay, and results whose inner
// folds do not have the examples' shape are refused.
func TestStackCacheKeyAndShape(t *testing.T) {
	dir := t.TempDir()
	p := dir + "/train.jsonl"
	if err := os.WriteFile(p, []byte(`{"a":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	to := stance.DefaultTrainOptions()
	k1, err := stackKey(p, to, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`{"a":2}`), 0o644); err != nil {
		t.Fatal(err)
	}
	k2, _ := stackKey(p, to, 5, 1)
	k3, _ := stackKey(p, to, 5, 2)
	if k1 == k2 || k2 == k3 {
		t.Errorf("keys do not follow the file's bytes or the seed: %q %q %q", k1, k2, k3)
	}
	if _, err := stackKey(dir+"/missing.jsonl", to, 5, 1); err == nil {
		t.Error("a missing training file gives a key")
	}

	var ex []stance.Example
	for i := range 20 {
		ex = append(ex, stance.Example{Mention: stance.Mention{Sentence: fmt.Sprint("s", i)}})
	}
	fold := folds(ex, 4, 1)
	sl := &stackLogits{Outer: make([]stance.Result, len(ex)), Inner: make([][]stance.Result, 4)}
	for f := range 4 {
		for i := range ex {
			if fold[i] != f {
				sl.Inner[f] = append(sl.Inner[f], stance.Result{})
			}
		}
	}
	if !sl.fits(ex, 4, 1) {
		t.Fatal("results of the right shape refused")
	}
	sl.Inner[2] = sl.Inner[2][1:]
	if sl.fits(ex, 4, 1) {
		t.Error("an inner fold one result short is accepted")
	}
}

// TestFlagConflicts: options that cannot work together are refused before
// any training.
func TestFlagConflicts(t *testing.T) {
	p := t.TempDir() + "/train.jsonl"
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-train", p, "-mlp-out", "net.bin"},
		{"-train", p, "-cv", "5", "-mlp-hidden", "32"},
	} {
		err := run(args)
		if err == nil || !strings.Contains(err.Error(), "-mlp-") {
			t.Errorf("%v: error %v, want one naming the -mlp- flag", args, err)
		}
	}
	args := []string{"-train", p, "-cv", "5", "-vectors", "v.bin", "-mlp-hidden", "32", "-further"}
	if err := run(args); err == nil || !strings.Contains(err.Error(), "-further and -mlp-hidden") {
		t.Errorf("%v: error %v, want the -further conflict", args, err)
	}
}
