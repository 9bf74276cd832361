package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"parallax/analysis/stance"
)

// stackConfig is one candidate network: hidden units and weight decay;
// the epochs are chosen by the cross-validation.
type stackConfig struct {
	Hidden int
	Decay  float64
}

// stackChoice is the network the cross-validation picked (Hidden 0: the
// linear model alone) and its pooled CV figures.
type stackChoice struct {
	stackConfig
	Epochs int
	Eval   stance.Evaluation
}

// stackLogits are the linear model's out-of-fold results that the
// network is trained and cross-validated on: Outer from the k-fold
// cross-validation of the whole file, Inner[f] from a k-fold
// cross-validation inside the folds other than f (in file order).
type stackLogits struct {
	Key   string
	Outer []stance.Result
	Inner [][]stance.Result
}

// parseGrid reads the candidate lists of -mlp-hidden and -mlp-decay.
func parseGrid(hidden, decay string) ([]stackConfig, error) {
	var hs []int
	var ds []float64
	for _, s := range strings.Split(hidden, ",") {
		h, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || h <= 0 {
			return nil, fmt.Errorf("-mlp-hidden: %q is not a positive number of units", s)
		}
		hs = append(hs, h)
	}
	for _, s := range strings.Split(decay, ",") {
		d, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("-mlp-decay: %q is not a penalty ≥ 0", s)
		}
		ds = append(ds, d)
	}
	var out []stackConfig
	for _, h := range hs {
		for _, d := range ds {
			out = append(out, stackConfig{h, d})
		}
	}
	return out, nil
}

// stackInputs computes the linear model's out-of-fold results (outer is
// crossValidate's, already made) and the inner ones, reading them from
// cache when it holds the same key and writing them there otherwise. The
// inner cross-validations run on jobs goroutines; each is deterministic.
func stackInputs(ex []stance.Example, to stance.TrainOptions, k int, seed uint64, outer []stance.Result, cache, key string, jobs int) (*stackLogits, error) {
	if cache != "" {
		if b, err := os.ReadFile(cache); err == nil {
			var sl stackLogits
			if err := json.Unmarshal(b, &sl); err == nil && sl.Key == key && sl.fits(ex, k, seed) {
				fmt.Printf("stacking: out-of-fold results read from %s\n", cache)
				sl.Outer = outer
				return &sl, nil
			}
			fmt.Printf("stacking: %s holds other out-of-fold results; computing them again\n", cache)
		}
	}
	fold := folds(ex, k, seed)
	sl := &stackLogits{Key: key, Outer: outer, Inner: make([][]stance.Result, k)}
	err := parallel(k, jobs, func(f int) (err error) {
		var inner []stance.Example
		for i, e := range ex {
			if fold[i] != f {
				inner = append(inner, e)
			}
		}
		_, sl.Inner[f], err = crossValidate(inner, to, k, seed)
		return err
	})
	if err != nil {
		return nil, err
	}
	if cache != "" {
		b, err := json.Marshal(sl)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(cache, b, 0o644); err != nil {
			return nil, err
		}
	}
	return sl, nil
}

// fits reports whether cached results have the shape of ex's
// cross-validations: one outer result per example and, for each fold f,
// one inner result per example outside f.
func (sl *stackLogits) fits(ex []stance.Example, k int, seed uint64) bool {
	if len(sl.Outer) != len(ex) || len(sl.Inner) != k {
		return false
	}
	fold := folds(ex, k, seed)
	for f := range k {
		n := 0
		for i := range ex {
			if fold[i] != f {
				n++
			}
		}
		if len(sl.Inner[f]) != n {
			return false
		}
	}
	return true
}

// stackKey names what the linear model's out-of-fold results depend on:
// the training file's bytes, the word vectors' encoding (with their
// clusters), the folds and every training option.
func stackKey(train string, to stance.TrainOptions, k int, seed uint64) (string, error) {
	h := sha256.New()
	b, err := os.ReadFile(train)
	if err != nil {
		return "", err
	}
	h.Write(b)
	if to.Vectors != nil {
		vb, err := to.Vectors.MarshalBinary()
		if err != nil {
			return "", err
		}
		h.Write(vb)
	}
	o := to
	o.Vectors = nil
	return fmt.Sprintf("sha256=%x k=%d seed=%d %+v", h.Sum(nil), k, seed, o), nil
}

// denseInputs gives every example's dense input (the same for any model
// with the options' vectors).
func denseInputs(ex []stance.Example, to stance.TrainOptions) [][]float32 {
	x := make([][]float32, len(ex))
	for i := range ex {
		x[i] = stance.DenseInput(to.Features, to.Vectors, &ex[i].Mention)
	}
	return x
}

// stackCV cross-validates each candidate network: for outer fold f, the
// network trains on the other folds' examples with their inner
// out-of-fold results and is scored, after every epoch, on fold f with
// the outer results. It returns the pooled evaluation per candidate and
// epoch (index epoch−1). Candidates run on jobs goroutines.
func stackCV(ex []stance.Example, x [][]float32, sl *stackLogits, grid []stackConfig, mo stance.MLPOptions, k int, seed uint64, jobs int) ([][]stance.Evaluation, error) {
	fold := folds(ex, k, seed)
	out := make([][]stance.Evaluation, len(grid))
	err := parallel(len(grid), jobs, func(gi int) error {
		conf := make([][3][3]int, mo.Epochs)
		o := mo
		o.Hidden, o.Decay = grid[gi].Hidden, grid[gi].Decay
		for f := range k {
			var tr []stance.StackExample
			for i := range ex {
				if fold[i] != f {
					tr = append(tr, stance.StackExample{X: x[i], Linear: sl.Inner[f][len(tr)], Label: ex[i].Label})
				}
			}
			_, err := stance.TrainMLP(tr, o, func(epoch int, net *stance.MLP) {
				for i := range ex {
					if fold[i] == f {
						conf[epoch-1][ex[i].Label][net.Predict(x[i], sl.Outer[i]).Class]++
					}
				}
			})
			if err != nil {
				return err
			}
		}
		out[gi] = make([]stance.Evaluation, mo.Epochs)
		for e := range conf {
			out[gi][e] = stance.FromConfusion(conf[e])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// parallel runs fn(0), …, fn(n−1) on at most jobs goroutines (at least
// one) and returns the error of the lowest index that failed.
func parallel(n, jobs int, fn func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(jobs, 1))
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = fn(i)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// pickStack applies the rule written in docs/stance.md: the highest
// pooled CV macro-F1 (compared at four decimals), ties to the smaller H,
// then the larger decay, then fewer epochs; the network only if it beats
// the linear model's figure lin.
func pickStack(grid []stackConfig, res [][]stance.Evaluation, lin stance.Evaluation) stackChoice {
	round := func(v float64) int64 { return int64(v*1e4 + 0.5) }
	best := stackChoice{Eval: lin}
	for gi, g := range grid {
		for e, ev := range res[gi] {
			c := stackChoice{stackConfig: g, Epochs: e + 1, Eval: ev}
			if better(c, best, round) {
				best = c
			}
		}
	}
	return best
}

// better reports whether candidate c beats b under pickStack's rule.
func better(c, b stackChoice, round func(float64) int64) bool {
	rc, rb := round(c.Eval.MacroF1), round(b.Eval.MacroF1)
	if rc != rb {
		return rc > rb
	}
	if b.Hidden == 0 {
		return false // the linear model is the simplest
	}
	if c.Hidden != b.Hidden {
		return c.Hidden < b.Hidden
	}
	if c.Decay != b.Decay {
		return c.Decay > b.Decay
	}
	return c.Epochs < b.Epochs
}

// stackSearch cross-validates the candidate networks (docs/stance.md),
// prints every candidate's figure per epoch, and returns the network the
// rule picks trained on the whole file with the outer out-of-fold results
// (nil when the linear model stays).
func stackSearch(ex []stance.Example, to stance.TrainOptions, outer []stance.Result, lin stance.Evaluation, hidden, decay string, mo stance.MLPOptions, k int, seed uint64, cache, train string, jobs int) (*stance.MLP, error) {
	grid, err := parseGrid(hidden, decay)
	if err != nil {
		return nil, err
	}
	key, err := stackKey(train, to, k, seed)
	if err != nil {
		return nil, err
	}
	sl, err := stackInputs(ex, to, k, seed, outer, cache, key, jobs)
	if err != nil {
		return nil, err
	}
	x := denseInputs(ex, to)
	res, err := stackCV(ex, x, sl, grid, mo, k, seed, jobs)
	if err != nil {
		return nil, err
	}
	for gi, g := range grid {
		var b strings.Builder
		for e, ev := range res[gi] {
			fmt.Fprintf(&b, " %d:%.4f", e+1, ev.MacroF1)
		}
		fmt.Printf("cv%d network H=%d decay=%g, macro-F1 by epoch:%s\n", k, g.Hidden, g.Decay, b.String())
	}
	c := pickStack(grid, res, lin)
	if c.Hidden == 0 {
		fmt.Printf("picked: the linear model alone (cv macro-F1 %.4f); no network\n", lin.MacroF1)
		return nil, nil
	}
	fmt.Printf("picked: network H=%d decay=%g epochs=%d, cv macro-F1 %.4f accuracy %.4f (linear alone %.4f)\n",
		c.Hidden, c.Decay, c.Epochs, c.Eval.MacroF1, c.Eval.Accuracy, lin.MacroF1)
	fo := mo
	fo.Hidden, fo.Decay, fo.Epochs = c.Hidden, c.Decay, c.Epochs
	all := make([]stance.StackExample, len(ex))
	for i := range ex {
		all[i] = stance.StackExample{X: x[i], Linear: outer[i], Label: ex[i].Label}
	}
	return stance.TrainMLP(all, fo, nil)
}
