package stance

import (
	"errors"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"

	"parallax/analysis/segment"
)

// Example is one labelled mention for training or evaluation.
type Example struct {
	ID      string
	Mention Mention
	// From and To are the target's offsets in characters (code points)
	// as the file gives them.
	From, To int
	Label    int // Negative, Neutral or Positive
	// Further are the target's further mentions the file gives (in
	// bytes, like Mention.Target); they are scored only when copied to
	// Mention.Others.
	Further []segment.Span
}

// TrainOptions set the training of a model.
type TrainOptions struct {
	Features Options
	// Lambda is the L2 penalty, per unit of (weighted) training loss.
	Lambda float64
	// MinCount drops features seen in fewer training examples.
	MinCount int
	// Balanced weighs each class inversely to its frequency, so that
	// every class counts as much in the loss (macro-F1 is the target).
	Balanced bool
	// MaxIter bounds the L-BFGS iterations.
	MaxIter int
	// Vectors are the word vectors of the dense features (Features.Dense);
	// DenseLambda is the L2 penalty of their weights.
	Vectors     *Vectors
	DenseLambda float64
}

// DefaultTrainOptions are the options of the shipped model, chosen by
// five-fold cross-validation on train.jsonl (docs/stance.md).
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Features: DefaultOptions(), Lambda: 8e-3, MinCount: 2, Balanced: true, MaxIter: 300, DenseLambda: 2.5e-4}
}

// Train fits a multinomial logistic regression by L-BFGS from zero
// weights, summing in example order: the same examples and options give
// the same model, bit for bit.
func Train(ex []Example, to TrainOptions) (*Model, error) {
	if len(ex) == 0 {
		return nil, errors.New("stance: no training examples")
	}
	var sc scratch
	feats := make([][]feature, len(ex))
	count := map[uint64]int{}
	dense := to.Features.Dense && to.Vectors != nil
	if to.Features.needsVectors() && to.Vectors == nil {
		return nil, errors.New("stance: dense and expanded-valence features need word vectors")
	}
	var dvals []float32
	isDense := map[uint64]bool{}
	if dense {
		dvals = make([]float32, numBlocks*to.Vectors.Dim)
		for b := range numBlocks {
			if !to.Features.blockOn(b) {
				continue
			}
			for k := range to.Vectors.Dim {
				h := denseHash(b, k)
				isDense[h] = true
				count[h] = to.MinCount
			}
		}
	}
	for i := range ex {
		// A target with further mentions has the mean of the features
		// extracted at each of its mentions (Mention.Others).
		men := ex[i].Mention
		spans := append([]segment.Span{men.Target}, men.Others...)
		share := float32(1) / float32(len(spans))
		seen := map[uint64]bool{}
		if dense {
			clear(dvals)
		}
		for _, sp := range spans {
			men.Target = sp
			f := extract(to.Features, to.Vectors, &men, &sc)
			for _, x := range f {
				if len(spans) > 1 {
					x.v *= share
				}
				feats[i] = append(feats[i], x)
				if !seen[x.h] {
					seen[x.h] = true
					count[x.h]++
				}
			}
			if dense {
				denseValues(to.Vectors, &sc, dvals)
			}
		}
		if dense {
			for j, x := range dvals {
				if len(spans) > 1 {
					x *= share
				}
				if x != 0 {
					feats[i] = append(feats[i], feature{denseHash(j/to.Vectors.Dim, j%to.Vectors.Dim), x})
				}
			}
		}
	}
	keys := make([]uint64, 0, len(count))
	for h, c := range count {
		if c >= to.MinCount {
			keys = append(keys, h)
		}
	}
	slices.Sort(keys)
	index := make(map[uint64]int32, len(keys))
	for i, h := range keys {
		index[h] = int32(i)
	}
	// Examples as (row, value) lists.
	type cell struct {
		row int32
		v   float64
	}
	rows := make([][]cell, len(ex))
	for i, f := range feats {
		for _, x := range f {
			if r, ok := index[x.h]; ok {
				rows[i] = append(rows[i], cell{r, float64(x.v)})
			}
		}
	}
	var classN [numClasses]float64
	for _, e := range ex {
		classN[e.Label]++
	}
	cw := [numClasses]float64{1, 1, 1}
	total := float64(len(ex))
	if to.Balanced {
		cw = balancedWeights(classN)
	}
	dim := len(keys) * numClasses
	lambda := make([]float64, dim)
	for i, h := range keys {
		for k := range numClasses {
			lambda[i*numClasses+k] = to.Lambda
			if isDense[h] {
				lambda[i*numClasses+k] = to.DenseLambda
			}
		}
	}
	lossGrad := func(x, grad []float64) float64 {
		if grad != nil {
			for i := range grad {
				grad[i] = 0
			}
		}
		loss := 0.0
		for i, r := range rows {
			var z [numClasses]float64
			for _, c := range r {
				w := x[int(c.row)*numClasses:]
				for k := range numClasses {
					z[k] += c.v * w[k]
				}
			}
			mx := max(z[0], z[1], z[2])
			s := 0.0
			var p [numClasses]float64
			for k := range numClasses {
				p[k] = math.Exp(z[k] - mx)
				s += p[k]
			}
			y := ex[i].Label
			wt := cw[y] / total
			loss += wt * (math.Log(s) + mx - z[y])
			if grad == nil {
				continue
			}
			for k := range numClasses {
				p[k] /= s
			}
			p[y]--
			for _, c := range r {
				g := grad[int(c.row)*numClasses:]
				for k := range numClasses {
					g[k] += wt * c.v * p[k]
				}
			}
		}
		for i, v := range x {
			loss += 0.5 * lambda[i] * v * v
			if grad != nil {
				grad[i] += lambda[i] * v
			}
		}
		return loss
	}
	prob := optimize.Problem{
		Func: func(x []float64) float64 { return lossGrad(x, nil) },
		Grad: func(grad, x []float64) { lossGrad(x, grad) },
	}
	settings := &optimize.Settings{GradientThreshold: 1e-7, MajorIterations: to.MaxIter, Concurrent: 0}
	res, err := optimize.Minimize(prob, make([]float64, dim), settings, &optimize.LBFGS{Store: 15})
	if err != nil && res == nil {
		return nil, err
	}
	m := &Model{opt: to.Features, index: index, weights: make([][numClasses]float32, len(keys))}
	for i := range keys {
		for k := range numClasses {
			m.weights[i][k] = float32(res.X[i*numClasses+k])
		}
	}
	if to.Features.needsVectors() {
		m.setVectors(to.Vectors)
	}
	return m, nil
}

// balancedWeights gives each class the weight total/(3·n_class), total
// being the examples counted in classN, so that every class counts as much
// in the loss; a class without examples keeps weight 1 (it is never used).
func balancedWeights(classN [numClasses]float64) [numClasses]float64 {
	total := classN[0] + classN[1] + classN[2]
	cw := [numClasses]float64{1, 1, 1}
	for c := range numClasses {
		if classN[c] > 0 {
			cw[c] = total / (numClasses * classN[c])
		}
	}
	return cw
}

// Evaluation holds a model's figures on labelled examples.
type Evaluation struct {
	N         int
	Accuracy  float64
	MacroF1   float64
	F1        [numClasses]float64
	Confusion [numClasses][numClasses]int // [gold][predicted]
}

// Evaluate scores every example and compares the class with its label.
func (m *Model) Evaluate(ex []Example) Evaluation {
	var conf [numClasses][numClasses]int
	for i := range ex {
		r := m.Score(&ex[i].Mention)
		conf[ex[i].Label][r.Class]++
	}
	return FromConfusion(conf)
}

// FromConfusion computes the figures of a confusion matrix
// ([gold][predicted]): accuracy, per-class F1 = 2·TP/(gold+predicted), and
// their unweighted mean, macro-F1.
func FromConfusion(conf [numClasses][numClasses]int) Evaluation {
	e := Evaluation{Confusion: conf}
	correct := 0
	for c := range numClasses {
		correct += conf[c][c]
		tp := float64(conf[c][c])
		var gold, pred float64
		for k := range numClasses {
			gold += float64(conf[c][k])
			pred += float64(conf[k][c])
			e.N += conf[c][k]
		}
		if gold+pred > 0 {
			e.F1[c] = 2 * tp / (gold + pred)
		}
		e.MacroF1 += e.F1[c] / numClasses
	}
	if e.N > 0 {
		e.Accuracy = float64(correct) / float64(e.N)
	}
	return e
}
