// Command parallax-train-stance trains parallax's stance model on
// NewsMTSC's train.jsonl and writes it where the stance package embeds it:
//
//	go run ./cmd/parallax-train-stance -train PATH/train.jsonl \
//	    -out analysis/stance/model/stance-newsmtsc.bin.gz
//
// Training is deterministic: the same file, options and seed give the
// same bytes. -cv K reports K-fold cross-validation on the training file
// (folds drawn by sentence with -seed) for the options given, which is how
// the options were chosen; -eval FILE,… reports macro-F1, accuracy and
// the confusion matrix of the trained model on other labelled files, for
// reporting only.
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"

	"parallax/analysis/stance"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "parallax-train-stance:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("parallax-train-stance", flag.ContinueOnError)
	train := fs.String("train", "", "NewsMTSC train.jsonl (required)")
	out := fs.String("out", "", "where to write the model (omit to only cross-validate)")
	seed := fs.Uint64("seed", 1, "seed of the cross-validation folds")
	cv := fs.Int("cv", 0, "report K-fold cross-validation on the training file")
	eval := fs.String("eval", "", "comma-separated labelled files to report on")
	to := stance.DefaultTrainOptions()
	fs.Float64Var(&to.Lambda, "lambda", to.Lambda, "L2 penalty")
	fs.IntVar(&to.MinCount, "min-count", to.MinCount, "drop features seen in fewer examples")
	fs.BoolVar(&to.Balanced, "balanced", to.Balanced, "weigh classes inversely to their frequency")
	fs.IntVar(&to.MaxIter, "iter", to.MaxIter, "L-BFGS iterations at most")
	vecPath := fs.String("vectors", "", "word vectors for the dense features (written by -vectors-out)")
	fs.Float64Var(&to.DenseLambda, "dense-lambda", to.DenseLambda, "L2 penalty of the dense features' weights")
	calib := fs.Bool("calibrate", false, "with -cv: shift the classes' log odds to maximize out-of-fold macro-F1, and ship the shifts in the model")
	nested := fs.Bool("nested", false, "with -cv: measure the calibration by nested cross-validation (shifts fitted on inner folds, scored on the outer fold)")
	var calShift [3]float64
	addF := fs.String("add", "", "feature families to add: stems,dense,expand,clusters,roles,targetvec,distvec,headvec")
	drop := fs.String("drop", "", "feature families to leave out: window,bigrams,clause,negation,valence,sentence,structure,bag,dense,expand,targetvec,distvec,headvec")
	vcorpus := fs.String("vectors-corpus", "", "train word vectors on this JSON Lines corpus (fields title, text) and write them to -vectors-out")
	vout := fs.String("vectors-out", "", "where to write the word vectors trained on -vectors-corpus")
	vo := stance.DefaultVectorOptions()
	clusters := fs.Int("clusters", 0, "group the word vectors into this many clusters (k-means) before training or writing them")
	fs.IntVar(&vo.Dim, "vectors-dim", vo.Dim, "numbers per word vector")
	fs.IntVar(&vo.Epochs, "vectors-epochs", vo.Epochs, "passes over the vectors corpus")
	fs.IntVar(&vo.MaxWords, "vectors-words", vo.MaxWords, "words with a vector at most (the most frequent)")
	mlpHidden := fs.String("mlp-hidden", "", "with -cv: candidate hidden units of the stacked network, comma-separated (e.g. 32,64)")
	mlpDecay := fs.String("mlp-decay", "1e-3", "candidate weight decays of the network, comma-separated")
	mo := stance.DefaultMLPOptions()
	fs.IntVar(&mo.Epochs, "mlp-epochs", 20, "epochs at most: the CV scores the network after each")
	mlpOut := fs.String("mlp-out", "", "where to write the network the cross-validation picks")
	stackCache := fs.String("stack-cache", "", "file keeping the linear model's out-of-fold results between runs")
	jobs := fs.Int("jobs", 2, "goroutines for the stacking's cross-validations")
	further := fs.Bool("further", false, "score each target with its further mentions (the file's further_mentions) pooled: the mean of the features at each mention")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *vcorpus != "" {
		if *vout == "" {
			return fmt.Errorf("-vectors-corpus needs -vectors-out")
		}
		vo.Seed = *seed
		if err := trainVectors(*vcorpus, *vout, vo, *clusters); err != nil {
			return err
		}
		if *train == "" {
			return nil
		}
	}
	if *train == "" {
		return fmt.Errorf("-train is required")
	}
	if err := setFamilies(&to.Features, *drop, false, "-drop"); err != nil {
		return err
	}
	if err := setFamilies(&to.Features, *addF, true, "-add"); err != nil {
		return err
	}
	if *mlpHidden != "" && (*cv < 2 || *vecPath == "" || !to.Features.Dense) {
		return fmt.Errorf("-mlp-hidden needs -cv, -vectors and the dense features (not -drop dense): the network's inputs are the mean vectors")
	}
	if *mlpOut != "" && *mlpHidden == "" {
		return fmt.Errorf("-mlp-out needs -mlp-hidden: only the network search writes a network")
	}
	if *mlpHidden != "" && *further {
		return fmt.Errorf("-further and -mlp-hidden cannot be used together: the network's inputs and its stacking cache are the first mention's alone")
	}
	if *mlpHidden != "" && *calib {
		return fmt.Errorf("-calibrate and -mlp-hidden cannot be used together: the shifts are fitted for the linear model alone, and the network was trained on its unshifted log-probabilities")
	}
	if *vecPath != "" {
		b, err := os.ReadFile(*vecPath)
		if err != nil {
			return err
		}
		if to.Vectors, err = stance.ParseVectors(b); err != nil {
			return fmt.Errorf("%s: %v", *vecPath, err)
		}
		if *clusters > 0 {
			stance.Cluster(to.Vectors, *clusters, 20, *seed)
		}
		if *vout != "" && *vcorpus == "" {
			if err := writeVectors(*vout, to.Vectors); err != nil {
				return err
			}
		}
	}
	ex, err := readLabelled(*train, *further)
	if err != nil {
		return err
	}
	var net *stance.MLP
	if *cv > 1 {
		e, oof, err := crossValidate(ex, to, *cv, *seed)
		if err != nil {
			return err
		}
		fmt.Printf("cv%d %s: macro-F1 %.4f accuracy %.4f (n=%d)\n", *cv, *train, e.MacroF1, e.Accuracy, e.N)
		if *nested {
			ne, shifts, err := nestedCalibration(ex, oof, to, *cv, *seed)
			if err != nil {
				return err
			}
			fmt.Printf("nested cv%d calibration (shifts per outer fold %v): macro-F1 %.4f accuracy %.4f\n", *cv, shifts, ne.MacroF1, ne.Accuracy)
		}
		if *mlpHidden != "" {
			if net, err = stackSearch(ex, to, oof, e, *mlpHidden, *mlpDecay, mo, *cv, *seed, *stackCache, *train, *jobs); err != nil {
				return err
			}
		}
		if *calib {
			shift, ce := calibrate(ex, oof)
			fmt.Printf("calibrated class shifts %v: out-of-fold macro-F1 %.4f accuracy %.4f\n", shift, ce.MacroF1, ce.Accuracy)
			calShift = shift
		}
	}
	if *out == "" && *eval == "" && *mlpOut == "" {
		return nil
	}
	m, err := stance.Train(ex, to)
	if err != nil {
		return err
	}
	if calShift != ([3]float64{}) {
		m.ShiftClasses(calShift)
	}
	fmt.Printf("trained on %d mentions: %d features\n", len(ex), m.Features())
	if net != nil {
		if err := m.SetMLP(net); err != nil {
			return err
		}
		if *mlpOut != "" {
			if err := writeBinary(*mlpOut, net); err != nil {
				return err
			}
		}
	} else if *mlpOut != "" {
		fmt.Printf("no network written to %s: the search kept the linear model alone\n", *mlpOut)
	}
	if *out != "" {
		if err := writeBinary(*out, m); err != nil {
			return err
		}
	}
	for _, f := range strings.Split(*eval, ",") {
		if f == "" {
			continue
		}
		ev, err := readLabelled(f, *further)
		if err != nil {
			return err
		}
		printEval(f, m.Evaluate(ev))
	}
	return nil
}

// writeBinary writes v's encoding to path and says so.
func writeBinary(path string, v interface{ MarshalBinary() ([]byte, error) }) error {
	b, err := v.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes)\n", path, len(b))
	return nil
}

// setFamilies sets the feature families named in the comma-separated
// list to on; flag names the option in errors.
func setFamilies(f *stance.Options, list string, on bool, flag string) error {
	fam := map[string]*bool{
		"window": &f.Window, "bigrams": &f.Bigrams, "clause": &f.Clause, "negation": &f.Negation,
		"valence": &f.Valence, "sentence": &f.Sentence, "structure": &f.Structure, "bag": &f.Bag,
		"stems": &f.Stems, "dense": &f.Dense, "expand": &f.Expand, "clusters": &f.Clusters,
		"roles": &f.Roles, "targetvec": &f.TargetVec, "distvec": &f.DistVec, "headvec": &f.HeadVec,
	}
	for _, d := range strings.Split(list, ",") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		p, ok := fam[d]
		if !ok {
			return fmt.Errorf("%s: unknown family %q", flag, d)
		}
		*p = on
	}
	return nil
}

// readLabelled reads a NewsMTSC file whose targets all have a polarity;
// with further, each target's further mentions become its Mention.Others.
func readLabelled(path string, further bool) ([]stance.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := stance.ReadNewsMTSC(f, path)
	if err != nil {
		return nil, err
	}
	for i, e := range ex {
		if e.Label < 0 {
			return nil, fmt.Errorf("%s: target %s has no polarity", path, e.ID)
		}
		if further {
			ex[i].Mention.Others = e.Further
		}
	}
	return ex, nil
}

// crossValidate trains on k−1 folds and scores the k-th, folds drawn by
// sentence (all targets of one sentence in one fold), and pools the
// predictions of the k folds into one evaluation.
func crossValidate(ex []stance.Example, to stance.TrainOptions, k int, seed uint64) (stance.Evaluation, []stance.Result, error) {
	fold := folds(ex, k, seed)
	var pooled stance.Evaluation
	oof := make([]stance.Result, len(ex))
	for f := range k {
		var tr, te []stance.Example
		var teIdx []int
		for i, e := range ex {
			if fold[i] == f {
				te = append(te, e)
				teIdx = append(teIdx, i)
			} else {
				tr = append(tr, e)
			}
		}
		m, err := stance.Train(tr, to)
		if err != nil {
			return pooled, nil, err
		}
		for j := range te {
			oof[teIdx[j]] = m.Score(&te[j].Mention)
		}
		e := m.Evaluate(te)
		for g := range e.Confusion {
			for p := range e.Confusion[g] {
				pooled.Confusion[g][p] += e.Confusion[g][p]
			}
		}
	}
	return stance.FromConfusion(pooled.Confusion), oof, nil
}

// folds gives each example its fold in 0..k−1: the sentences, in order
// of first appearance, are shuffled with the seed and dealt in turn, so
// all targets of one sentence share a fold.
func folds(ex []stance.Example, k int, seed uint64) []int {
	var sents []string
	seen := map[string]int{}
	for _, e := range ex {
		if _, ok := seen[e.Mention.Sentence]; !ok {
			seen[e.Mention.Sentence] = len(sents)
			sents = append(sents, e.Mention.Sentence)
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	perm := r.Perm(len(sents))
	sf := make([]int, len(sents))
	for i, p := range perm {
		sf[p] = i % k
	}
	fold := make([]int, len(ex))
	for i, e := range ex {
		fold[i] = sf[seen[e.Mention.Sentence]]
	}
	return fold
}

// nestedCalibration measures the calibration honestly: for each outer
// fold, the class shifts are fitted (calibrate) on the out-of-fold
// predictions of a k-fold cross-validation inside the other folds only,
// then applied to the outer fold's predictions oof (from crossValidate
// with the same k and seed). It returns the pooled evaluation of the
// shifted outer predictions and each outer fold's shifts.
func nestedCalibration(ex []stance.Example, oof []stance.Result, to stance.TrainOptions, k int, seed uint64) (stance.Evaluation, [][3]float64, error) {
	fold := folds(ex, k, seed)
	var conf [3][3]int
	var shifts [][3]float64
	for f := range k {
		var inner []stance.Example
		for i, e := range ex {
			if fold[i] != f {
				inner = append(inner, e)
			}
		}
		_, ioof, err := crossValidate(inner, to, k, seed)
		if err != nil {
			return stance.Evaluation{}, nil, err
		}
		shift, _ := calibrate(inner, ioof)
		shifts = append(shifts, shift)
		for i := range ex {
			if fold[i] == f {
				conf[ex[i].Label][stance.ShiftedClass(oof[i], shift)]++
			}
		}
	}
	return stance.FromConfusion(conf), shifts, nil
}

// calibrate finds the shifts of the negative and positive classes' log
// odds (the neutral one's stays 0), on a grid of step 0.05 in [−1, 1],
// that maximize the macro-F1 of the out-of-fold predictions; ties go to
// the smallest shifts in absolute value, then the first in grid order.
func calibrate(ex []stance.Example, oof []stance.Result) (shift [3]float64, e stance.Evaluation) {
	best := -1.0
	bestAbs := 0.0
	for i := -20; i <= 20; i++ {
		for j := -20; j <= 20; j++ {
			s := [3]float64{float64(i) / 20, 0, float64(j) / 20}
			var conf [3][3]int
			for k, r := range oof {
				conf[ex[k].Label][stance.ShiftedClass(r, s)]++
			}
			ev := stance.FromConfusion(conf)
			abs := math.Abs(s[0]) + math.Abs(s[2])
			if ev.MacroF1 > best+1e-12 || math.Abs(ev.MacroF1-best) <= 1e-12 && abs < bestAbs {
				best, bestAbs, shift, e = ev.MacroF1, abs, s, ev
			}
		}
	}
	return shift, e
}

func printEval(name string, e stance.Evaluation) {
	fmt.Printf("%s: macro-F1 %.4f accuracy %.4f (n=%d) F1 neg %.4f neu %.4f pos %.4f\n",
		name, e.MacroF1, e.Accuracy, e.N, e.F1[0], e.F1[1], e.F1[2])
	fmt.Printf("  confusion (rows gold neg/neu/pos, columns predicted): %v\n", e.Confusion)
}

// trainVectors trains word vectors on a JSON Lines corpus and writes them.
func trainVectors(corpus, out string, vo stance.VectorOptions, k int) error {
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	tc, err := stance.ReadCorpusTokens(f, corpus)
	if err != nil {
		return err
	}
	logf := func(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }
	logf("vectors: %d documents, %d distinct words", len(tc.Docs), len(tc.Words))
	v, err := stance.TrainVectors(tc, vo, logf)
	if err != nil {
		return err
	}
	if k > 0 {
		stance.Cluster(v, k, 20, vo.Seed)
	}
	return writeVectors(out, v)
}

// writeVectors writes word vectors to out.
func writeVectors(out string, v *stance.Vectors) error {
	b, err := v.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d words × %d (%d bytes)\n", out, v.Len(), v.Dim, len(b))
	return nil
}
