package stance

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// TestMLPGradient checks the network's gradient against central finite
// differences of its loss, on random weights and examples.
func TestMLPGradient(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	const nx, h = 5, 4
	tr := &mlpTrainer{h: h, in: nx + numClasses}
	tr.w1 = make([]float64, h*tr.in)
	tr.b1 = make([]float64, h)
	tr.w2 = make([]float64, numClasses*h)
	tr.b2 = make([]float64, numClasses)
	params := [][]float64{tr.w1, tr.b1, tr.w2, tr.b2}
	for _, p := range params {
		for i := range p {
			p[i] = r.Float64()*2 - 1
		}
	}
	var ex []StackExample
	for i := range 6 {
		x := make([]float32, nx)
		for k := range x {
			if r.IntN(3) > 0 { // some inputs zero, as in the dense places
				x[k] = float32(r.Float64()*2 - 1)
			}
		}
		var z [numClasses]float64
		for c := range z {
			z[c] = r.Float64()*4 - 2
		}
		ex = append(ex, StackExample{X: x, Linear: resultOf(z), Label: i % numClasses})
	}
	batch := []int{0, 1, 2, 3, 4, 5}
	cw := [numClasses]float64{0.8, 1.3, 1.1}
	grads := make([][]float64, len(params))
	for i, p := range params {
		grads[i] = make([]float64, len(p))
	}
	hid, dh := make([]float64, h), make([]float64, h)
	tr.batchGrad(ex, batch, cw, grads, hid, dh)
	loss := func() float64 {
		scratch := make([][]float64, len(params))
		for i, p := range params {
			scratch[i] = make([]float64, len(p))
		}
		return tr.batchGrad(ex, batch, cw, scratch, make([]float64, h), make([]float64, h))
	}
	const eps = 1e-6
	for pi, p := range params {
		for i := range p {
			old := p[i]
			p[i] = old + eps
			up := loss()
			p[i] = old - eps
			down := loss()
			p[i] = old
			num := (up - down) / (2 * eps)
			if math.Abs(num-grads[pi][i]) > 1e-6 {
				t.Errorf("parameter block %d, %d: gradient %.8f, finite difference %.8f", pi, i, grads[pi][i], num)
			}
		}
	}
}

// TestMLPPredictByHand checks Predict on a network of one hidden unit
// against the formula computed by hand.
func TestMLPPredictByHand(t *testing.T) {
	n := &MLP{H: 1, In: 2 + numClasses,
		W1: []float32{0.5, -1, 0.25, 0, 0}, B1: []float32{0.1},
		W2: []float32{-2, 0, 1}, B2: [numClasses]float32{0, 0.5, 0}}
	lin := Result{Prob: [numClasses]float64{0.5, 0.25, 0.25}}
	got := n.Predict([]float32{1, 0.5}, lin)
	// a = 0.1 + 0.5·1 − 1·0.5 + 0.25·ln 0.5 = 0.1 − 0.1732868 = −0.0732868
	a := 0.1 + 0.25*math.Log(0.5)
	h := math.Tanh(a)
	z := [numClasses]float64{math.Log(0.5) - 2*h, math.Log(0.25) + 0.5, math.Log(0.25) + h}
	want := resultOf(z)
	for c := range numClasses {
		if math.Abs(got.Prob[c]-want.Prob[c]) > 1e-7 {
			t.Fatalf("Predict %v, by hand %v", got.Prob, want.Prob)
		}
	}
	if math.Abs(h-(-0.073156)) > 1e-6 {
		t.Errorf("tanh(a) = %.6f, want −0.073156", h)
	}
}

// TestMLPStacked trains a linear model and a network on it on the small
// examples, twice (same bytes), and checks that Score with the network
// (projections per word and place) gives what Predict gives from the
// dense input (the mean vectors built directly), that the encoded network
// scores the same, and that the network fits the training examples.
func TestMLPStacked(t *testing.T) {
	v, ex := smallVectors(t)
	to := DefaultTrainOptions()
	to.MinCount = 1
	to.Vectors = v
	m, err := Train(ex, to)
	if err != nil {
		t.Fatal(err)
	}
	var st []StackExample
	for i := range ex {
		st = append(st, StackExample{X: DenseInput(to.Features, v, &ex[i].Mention), Linear: m.LinearResult(&ex[i].Mention), Label: ex[i].Label})
	}
	o := MLPOptions{Hidden: 6, Epochs: 30, Batch: 8, LR: 1e-2, Decay: 1e-4, Seed: 3}
	epochs := 0
	n1, err := TrainMLP(st, o, func(int, *MLP) { epochs++ })
	if err != nil {
		t.Fatal(err)
	}
	if epochs != o.Epochs {
		t.Errorf("%d epoch callbacks, want %d", epochs, o.Epochs)
	}
	n2, _ := TrainMLP(st, o, nil)
	b1, _ := n1.MarshalBinary()
	b2, _ := n2.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Fatal("two trainings of the network differ")
	}
	o.Seed = 4
	n3, _ := TrainMLP(st, o, nil)
	if b3, _ := n3.MarshalBinary(); bytes.Equal(b1, b3) {
		t.Error("another seed gives the same network")
	}
	back, err := ParseMLP(b1)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SetMLP(back); err != nil {
		t.Fatal(err)
	}
	right := 0
	for i := range ex {
		got := m.Score(&ex[i].Mention)
		want := n1.Predict(st[i].X, st[i].Linear)
		if got.Class != want.Class || math.Abs(got.Score-want.Score) > 1e-5 {
			t.Fatalf("example %d: Score %+v, Predict %+v", i, got, want)
		}
		if got.Class == ex[i].Label {
			right++
		}
	}
	if lin := m.Evaluate(ex); float64(right) < 0.9*float64(len(ex)) {
		t.Errorf("network fits %d of %d training examples (linear %.3f)", right, len(ex), lin.Accuracy)
	}
	// W2 = 0: the network is the linear model.
	zero := *n1
	zero.W2 = make([]float32, len(n1.W2))
	zero.B2 = [numClasses]float32{}
	for i := range ex {
		got, want := zero.Predict(st[i].X, st[i].Linear), st[i].Linear
		if math.Abs(got.Score-want.Score) > 1e-12 || got.Class != want.Class {
			t.Fatalf("example %d: zero network %+v, linear %+v", i, got, want)
		}
	}
}

// TestParseMLPErrors wants errors, not panics, on damaged network files.
func TestParseMLPErrors(t *testing.T) {
	n := &MLP{H: 2, In: 5, W1: make([]float32, 10), B1: make([]float32, 2), W2: make([]float32, 6)}
	b, err := n.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseMLP(b); err != nil {
		t.Fatal(err)
	}
	raw, _ := gunzipBytes(b, "")
	for _, bad := range [][]byte{[]byte("junk"), raw[:len(raw)-4], append(raw[:len(mlpMagic):len(mlpMagic)], 0, 0, 0, 0, 5, 0, 0, 0)} {
		g, _ := gzipBytes(bad)
		if _, err := ParseMLP(g); err == nil {
			t.Errorf("%d bytes parse as a network", len(bad))
		}
	}
	if _, err := ParseMLP([]byte("junk")); err == nil {
		t.Error("junk parses as a network")
	}
	m := &Model{}
	if err := m.SetMLP(n); err == nil {
		t.Error("a model without vectors takes a network")
	}
}

// TestTrainMLPRejectsBadExamples: inputs of different lengths and labels
// outside the three classes are errors, not a wrong network or a panic.
func TestTrainMLPRejectsBadExamples(t *testing.T) {
	o := DefaultMLPOptions()
	o.Epochs = 1
	good := StackExample{X: []float32{1, 2}, Label: Neutral}
	for name, ex := range map[string][]StackExample{
		"short input": {good, {X: []float32{1}, Label: Positive}},
		"label 3":     {good, {X: []float32{1, 2}, Label: 3}},
		"label -1":    {good, {X: []float32{1, 2}, Label: -1}},
	} {
		if _, err := TrainMLP(ex, o, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := TrainMLP([]StackExample{good, good}, o, nil); err != nil {
		t.Errorf("good examples: %v", err)
	}
}
