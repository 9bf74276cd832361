package stance

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
)

// MLP is a network with one hidden layer stacked on the linear model.
// Its input x is the nine mean-vector places (numBlocks·Dim numbers, as
// DenseInput gives them) followed by the linear model's three
// log-probabilities lp; its class scores are
//
//	z = lp + W2·tanh(W1·x + B1) + B2
//
// so that with W2 = 0 it is the linear model.
type MLP struct {
	H, In int       // hidden units; inputs (numBlocks·Dim + numClasses)
	W1    []float32 // H × In, row-major
	B1    []float32 // H
	W2    []float32 // numClasses × H, row-major
	B2    [numClasses]float32
}

// MLPOptions set the training of an MLP.
type MLPOptions struct {
	Hidden int     // hidden units
	Epochs int     // passes over the examples
	Batch  int     // examples per Adam step
	LR     float64 // Adam's learning rate
	Decay  float64 // L2 penalty of W1 and W2, per unit of mean loss
	Seed   uint64  // initial weights and the order of the examples
}

// DefaultMLPOptions are the search's fixed options (docs/stance.md): the
// trainer sets Hidden, Decay and Epochs from its candidates. No network
// is shipped.
func DefaultMLPOptions() MLPOptions {
	return MLPOptions{Hidden: 32, Epochs: 10, Batch: 32, LR: 1e-3, Decay: 1e-3, Seed: 1}
}

// logProbInput is the linear model's log-probabilities as the network's
// input (each at least −690, so that a vanishing probability stays finite).
func logProbInput(r Result) [numClasses]float64 {
	var lp [numClasses]float64
	for c := range numClasses {
		lp[c] = math.Log(max(r.Prob[c], 1e-300))
	}
	return lp
}

// StackExample is one training or test example of the network: its
// dense input, the linear model's result on it, and its label.
type StackExample struct {
	X      []float32
	Linear Result
	Label  int
}

// DenseInput gives the nine mean-vector places of the mention under the
// feature options o (as a linear model's vector features see them),
// numBlocks·Dim numbers: the network's input.
func DenseInput(o Options, v *Vectors, men *Mention) []float32 {
	var sc scratch
	extract(o, v, men, &sc)
	out := make([]float32, numBlocks*v.Dim)
	denseValues(v, &sc, out)
	return out
}

// LinearResult scores the mention with the linear model alone (without
// the network, if the model has one).
func (m *Model) LinearResult(men *Mention) Result {
	sc := new(scratch)
	return resultOf(m.linear(men, sc))
}

// mlpTrainer holds the network in float64 while it trains.
type mlpTrainer struct {
	h, in          int
	w1, b1, w2, b2 []float64
}

// forward computes the hidden activations into hid and returns the class
// scores of input x with log-probabilities lp.
func (t *mlpTrainer) forward(x []float32, lp [numClasses]float64, hid []float64) [numClasses]float64 {
	for j := range t.h {
		w := t.w1[j*t.in : (j+1)*t.in]
		a := t.b1[j]
		for i, v := range x {
			if v != 0 {
				a += w[i] * float64(v)
			}
		}
		nx := len(x)
		for c := range numClasses {
			a += w[nx+c] * lp[c]
		}
		hid[j] = math.Tanh(a)
	}
	z := lp
	for c := range numClasses {
		s := t.b2[c]
		for j, h := range hid {
			s += t.w2[c*t.h+j] * h
		}
		z[c] += s
	}
	return z
}

// TrainMLP trains a network on ex by Adam with the class-balanced
// cross-entropy, from seeded random weights (W2 zero), in example order
// within each seeded shuffle: the same examples and options give the same
// network, bit for bit. After each epoch e (1-based), each (when not nil)
// gets the network as it stands.
func TrainMLP(ex []StackExample, o MLPOptions, each func(epoch int, net *MLP)) (*MLP, error) {
	if len(ex) == 0 || o.Hidden <= 0 || o.Batch <= 0 {
		return nil, errors.New("stance: TrainMLP needs examples, hidden units and a batch size")
	}
	nx := len(ex[0].X)
	for i, e := range ex {
		if len(e.X) != nx {
			return nil, fmt.Errorf("stance: TrainMLP: example %d has %d inputs, example 0 has %d", i, len(e.X), nx)
		}
		if e.Label < 0 || e.Label >= numClasses {
			return nil, fmt.Errorf("stance: TrainMLP: example %d has label %d, want 0 (negative), 1 (neutral) or 2 (positive)", i, e.Label)
		}
	}
	t := &mlpTrainer{h: o.Hidden, in: nx + numClasses}
	t.w1 = make([]float64, t.h*t.in)
	t.b1 = make([]float64, t.h)
	t.w2 = make([]float64, numClasses*t.h)
	t.b2 = make([]float64, numClasses)
	r := rand.New(rand.NewPCG(o.Seed, 0x31a7))
	bound := math.Sqrt(6 / float64(t.in+t.h))
	for i := range t.w1 {
		t.w1[i] = (2*r.Float64() - 1) * bound
	}
	var classN [numClasses]float64
	for _, e := range ex {
		classN[e.Label]++
	}
	cw := balancedWeights(classN)
	params := [][]float64{t.w1, t.b1, t.w2, t.b2}
	decays := []float64{o.Decay, 0, o.Decay, 0}
	grads := make([][]float64, len(params))
	m1 := make([][]float64, len(params))
	m2 := make([][]float64, len(params))
	for i, p := range params {
		grads[i] = make([]float64, len(p))
		m1[i] = make([]float64, len(p))
		m2[i] = make([]float64, len(p))
	}
	const beta1, beta2, eps = 0.9, 0.999, 1e-8
	step := 0
	hid := make([]float64, t.h)
	dh := make([]float64, t.h)
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for b0 := 0; b0 < len(order); b0 += o.Batch {
			batch := order[b0:min(b0+o.Batch, len(order))]
			t.batchGrad(ex, batch, cw, grads, hid, dh)
			step++
			c1 := 1 - math.Pow(beta1, float64(step))
			c2 := 1 - math.Pow(beta2, float64(step))
			for pi, p := range params {
				g, a, v := grads[pi], m1[pi], m2[pi]
				for i := range p {
					gi := g[i] + decays[pi]*p[i]
					a[i] = beta1*a[i] + (1-beta1)*gi
					v[i] = beta2*v[i] + (1-beta2)*gi*gi
					p[i] -= o.LR * (a[i] / c1) / (math.Sqrt(v[i]/c2) + eps)
				}
			}
		}
		if each != nil {
			each(epoch, t.export())
		}
	}
	return t.export(), nil
}

// batchGrad sets grads (W1, B1, W2, B2) to the gradient of the batch's
// class-weighted mean cross-entropy (weights cw) and returns that loss;
// hid and dh are scratch of H numbers. The penalty is not included.
func (t *mlpTrainer) batchGrad(ex []StackExample, batch []int, cw [numClasses]float64, grads [][]float64, hid, dh []float64) float64 {
	for _, g := range grads {
		clear(g)
	}
	nx := t.in - numClasses
	loss := 0.0
	gw1, gb1, gw2, gb2 := grads[0], grads[1], grads[2], grads[3]
	for _, k := range batch {
		e := &ex[k]
		lp := logProbInput(e.Linear)
		z := t.forward(e.X, lp, hid)
		p := softmax(z)
		wt := cw[e.Label] / float64(len(batch))
		loss -= wt * math.Log(p[e.Label])
		p[e.Label]--
		for c := range numClasses {
			d := wt * p[c]
			gb2[c] += d
			for j, h := range hid {
				gw2[c*t.h+j] += d * h
			}
		}
		for j := range t.h {
			s := 0.0
			for c := range numClasses {
				s += t.w2[c*t.h+j] * wt * p[c]
			}
			dh[j] = s * (1 - hid[j]*hid[j])
		}
		for j, d := range dh {
			if d == 0 {
				continue
			}
			g := gw1[j*t.in : (j+1)*t.in]
			for i, v := range e.X {
				if v != 0 {
					g[i] += d * float64(v)
				}
			}
			for c := range numClasses {
				g[nx+c] += d * lp[c]
			}
			gb1[j] += d
		}
	}
	return loss
}

// export rounds the trainer's weights to the network's float32.
func (t *mlpTrainer) export() *MLP {
	f32 := func(x []float64) []float32 {
		out := make([]float32, len(x))
		for i, v := range x {
			out[i] = float32(v)
		}
		return out
	}
	n := &MLP{H: t.h, In: t.in, W1: f32(t.w1), B1: f32(t.b1), W2: f32(t.w2)}
	for c := range numClasses {
		n.B2[c] = float32(t.b2[c])
	}
	return n
}

// Predict scores a stacked example with the network alone, from its dense
// input and the linear model's result (float32 weights, float64 sums).
// x must hold the network's In − 3 inputs, as DenseInput gives them for
// the options the network was trained with.
func (n *MLP) Predict(x []float32, lin Result) Result {
	lp := logProbInput(lin)
	nx := n.In - numClasses
	z := lp
	var hsum [numClasses]float64
	for j := range n.H {
		w := n.W1[j*n.In : (j+1)*n.In]
		a := float64(n.B1[j])
		for i, v := range x[:nx] {
			if v != 0 {
				a += float64(w[i]) * float64(v)
			}
		}
		for c := range numClasses {
			a += float64(w[nx+c]) * lp[c]
		}
		h := math.Tanh(a)
		for c := range numClasses {
			hsum[c] += float64(n.W2[c*n.H+j]) * h
		}
	}
	for c := range numClasses {
		z[c] += hsum[c] + float64(n.B2[c])
	}
	return resultOf(z)
}

// mlpMagic starts every network file.
const mlpMagic = "PXSTANCEMLP1\n"

// MarshalBinary encodes the network: magic, H and In (uint32), then W1,
// B1, W2, B2 as little-endian float32, gzip-compressed at a fixed level.
func (n *MLP) MarshalBinary() ([]byte, error) {
	var raw bytes.Buffer
	raw.WriteString(mlpMagic)
	var b [4]byte
	put := func(u uint32) {
		binary.LittleEndian.PutUint32(b[:], u)
		raw.Write(b[:])
	}
	put(uint32(n.H))
	put(uint32(n.In))
	for _, xs := range [][]float32{n.W1, n.B1, n.W2, n.B2[:]} {
		for _, x := range xs {
			put(math.Float32bits(x))
		}
	}
	return gzipBytes(raw.Bytes())
}

// ParseMLP decodes a network written by MarshalBinary.
func ParseMLP(data []byte) (*MLP, error) {
	raw, err := gunzipBytes(data, "stance network")
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte(mlpMagic)) || len(raw) < len(mlpMagic)+8 {
		return nil, errors.New("stance network: not a parallax stance network")
	}
	p := raw[len(mlpMagic):]
	h, in := int(binary.LittleEndian.Uint32(p)), int(binary.LittleEndian.Uint32(p[4:]))
	p = p[8:]
	if h <= 0 || h > 4096 || in <= numClasses || in > 1<<16 {
		return nil, fmt.Errorf("stance network: %d hidden units, %d inputs", h, in)
	}
	want := h*in + h + numClasses*h + numClasses
	if len(p) != 4*want {
		return nil, fmt.Errorf("stance network: %d bytes of weights, want %d", len(p), 4*want)
	}
	next := func(k int) []float32 {
		out := make([]float32, k)
		for i := range out {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(p[4*i:]))
		}
		p = p[4*k:]
		return out
	}
	n := &MLP{H: h, In: in, W1: next(h * in), B1: next(h), W2: next(numClasses * h)}
	copy(n.B2[:], next(numClasses))
	return n, nil
}

// netState is a model's network and, per word of the vectors, the word's
// vector projected on each place's first-layer weights (rows filled on
// first use): hproj[(row·numBlocks+b)·H+j].
type netState struct {
	net   *MLP
	hproj []float32
	once  []sync.Once
}

// SetMLP attaches a network to the model: Score then gives the network's
// result. The network's inputs must match the model's vectors.
func (m *Model) SetMLP(n *MLP) error {
	if m.vec == nil || !m.opt.Dense {
		return errors.New("stance: a network needs a model with vector features")
	}
	if n.In != numBlocks*m.vec.Dim+numClasses {
		return fmt.Errorf("stance network: %d inputs, the model's vectors give %d", n.In, numBlocks*m.vec.Dim+numClasses)
	}
	m.net = &netState{net: n, hproj: make([]float32, m.vec.Len()*numBlocks*n.H), once: make([]sync.Once, m.vec.Len())}
	return nil
}

// hiddenRow gives word row's projections on the first layer, place by
// place (numBlocks·H numbers), computing them on first use.
func (m *Model) hiddenRow(row int32) []float32 {
	s := m.net
	n := s.net
	out := s.hproj[int(row)*numBlocks*n.H : int(row+1)*numBlocks*n.H]
	s.once[row].Do(func() {
		d := m.vec.Dim
		vec := make([]float32, d)
		m.vec.addTo(vec, row, 1)
		for b := range numBlocks {
			if !m.opt.blockOn(b) {
				continue
			}
			for j := range n.H {
				w := n.W1[j*n.In+b*d : j*n.In+(b+1)*d]
				var a float32
				for k, x := range vec {
					a += x * w[k]
				}
				out[b*n.H+j] = a
			}
		}
	})
	return out
}

// netScores gives the network's class scores for the mention whose
// linear scores are z and whose dense references are in sc.
func (m *Model) netScores(z [numClasses]float64, sc *scratch) [numClasses]float64 {
	n := m.net.net
	if cap(sc.hid) < n.H {
		sc.hid = make([]float32, n.H)
	}
	a := sc.hid[:n.H]
	copy(a, n.B1)
	for _, r := range sc.dref {
		p := m.hiddenRow(r.row)[int(r.block)*n.H:][:n.H]
		for j := range a {
			a[j] += r.w * p[j]
		}
	}
	lp := logProbInput(resultOf(z))
	nx := n.In - numClasses
	out := lp
	for j, x := range a {
		w := n.W1[j*n.In+nx:]
		v := float64(x)
		for c := range numClasses {
			v += float64(w[c]) * lp[c]
		}
		h := math.Tanh(v)
		for c := range numClasses {
			out[c] += float64(n.W2[c*n.H+j]) * h
		}
	}
	for c := range numClasses {
		out[c] += float64(n.B2[c])
	}
	return out
}
