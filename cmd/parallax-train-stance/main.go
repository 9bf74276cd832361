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
	drop := fs.String("drop", "", "feature families to leave out: window,bigrams,clause,negation,valence,sentence,structure,bag,stems")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *train == "" {
		return fmt.Errorf("-train is required")
	}
	for _, d := range strings.Split(*drop, ",") {
		f := &to.Features
		switch strings.TrimSpace(d) {
		case "":
		case "window":
			f.Window = false
		case "bigrams":
			f.Bigrams = false
		case "clause":
			f.Clause = false
		case "negation":
			f.Negation = false
		case "valence":
			f.Valence = false
		case "sentence":
			f.Sentence = false
		case "structure":
			f.Structure = false
		case "bag":
			f.Bag = false
		case "stems":
			f.Stems = false
		default:
			return fmt.Errorf("-drop: unknown family %q", d)
		}
	}
	ex, err := readLabelled(*train)
	if err != nil {
		return err
	}
	if *cv > 1 {
		e, err := crossValidate(ex, to, *cv, *seed)
		if err != nil {
			return err
		}
		fmt.Printf("cv%d %s: macro-F1 %.4f accuracy %.4f (n=%d)\n", *cv, *train, e.MacroF1, e.Accuracy, e.N)
	}
	if *out == "" && *eval == "" {
		return nil
	}
	m, err := stance.Train(ex, to)
	if err != nil {
		return err
	}
	fmt.Printf("trained on %d mentions: %d features\n", len(ex), m.Features())
	if *out != "" {
		b, err := m.MarshalBinary()
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %s (%d bytes)\n", *out, len(b))
	}
	for _, f := range strings.Split(*eval, ",") {
		if f == "" {
			continue
		}
		ev, err := readLabelled(f)
		if err != nil {
			return err
		}
		printEval(f, m.Evaluate(ev))
	}
	return nil
}

// readLabelled reads a NewsMTSC file whose targets all have a polarity.
func readLabelled(path string) ([]stance.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := stance.ReadNewsMTSC(f, path)
	if err != nil {
		return nil, err
	}
	for _, e := range ex {
		if e.Label < 0 {
			return nil, fmt.Errorf("%s: target %s has no polarity", path, e.ID)
		}
	}
	return ex, nil
}

// crossValidate trains on k−1 folds and scores the k-th, folds drawn by
// sentence (all targets of one sentence in one fold), and pools the
// predictions of the k folds into one evaluation.
func crossValidate(ex []stance.Example, to stance.TrainOptions, k int, seed uint64) (stance.Evaluation, error) {
	// Sentences in order of first appearance, shuffled with the seed.
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
	fold := make([]int, len(sents))
	for i, p := range perm {
		fold[p] = i % k
	}
	var pooled stance.Evaluation
	for f := range k {
		var tr, te []stance.Example
		for _, e := range ex {
			if fold[seen[e.Mention.Sentence]] == f {
				te = append(te, e)
			} else {
				tr = append(tr, e)
			}
		}
		m, err := stance.Train(tr, to)
		if err != nil {
			return pooled, err
		}
		e := m.Evaluate(te)
		for g := range e.Confusion {
			for p := range e.Confusion[g] {
				pooled.Confusion[g][p] += e.Confusion[g][p]
			}
		}
	}
	return stance.FromConfusion(pooled.Confusion), nil
}

func printEval(name string, e stance.Evaluation) {
	fmt.Printf("%s: macro-F1 %.4f accuracy %.4f (n=%d) F1 neg %.4f neu %.4f pos %.4f\n",
		name, e.MacroF1, e.Accuracy, e.N, e.F1[0], e.F1[1], e.F1[2])
	fmt.Printf("  confusion (rows gold neg/neu/pos, columns predicted): %v\n", e.Confusion)
}
