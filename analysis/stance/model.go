package stance

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the shipped model
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// Classes, in the order of the model's outputs.
const (
	Negative = iota
	Neutral
	Positive
	numClasses
)

// ClassNames names the classes in the order of the constants.
var ClassNames = [numClasses]string{"negative", "neutral", "positive"}

// Result is the stance toward one target: the class probabilities, the
// score P(positive) − P(negative) in [−1, 1], and the most probable class.
type Result struct {
	Prob  [numClasses]float64
	Score float64
	Class int
}

// ClassName names the result's class.
func (r Result) ClassName() string { return ClassNames[r.Class] }

// Model is a multinomial logistic regression over hashed target-relative
// features. It is safe for concurrent use.
type Model struct {
	opt     Options
	index   map[uint64]int32 // feature hash → row of weights
	weights [][numClasses]float32
	pool    sync.Pool
	// slots is index and weights in one open-addressing table (slotTable),
	// built on the first Score: a feature's look-up reads one slot.
	slotsOnce sync.Once
	slots     []weightSlot
	// vec are the word vectors of the dense features (nil without them);
	// proj the words' vectors projected on the blocks' weights (dense.go).
	vec  *Vectors
	proj []float32
	// net is the network stacked on the linear model (mlp.go), nil
	// without one.
	net *netState
}

// weightSlot is a feature hash and its weights; used marks a filled slot.
type weightSlot struct {
	h    uint64
	w    [numClasses]float32
	used bool
}

// slotTable builds the look-up table of index and weights: linear
// probing in a power-of-two table at most half full, starting at the
// hash's top bits (the hashes are FNV-1a: every bit depends on every byte).
func (m *Model) slotTable() []weightSlot {
	m.slotsOnce.Do(func() {
		n := 16
		for n < 2*len(m.index) {
			n *= 2
		}
		slots := make([]weightSlot, n)
		for h, i := range m.index {
			k := slotStart(h, n)
			for slots[k].used {
				k = (k + 1) & (n - 1)
			}
			slots[k] = weightSlot{h: h, w: m.weights[i], used: true}
		}
		m.slots = slots
	})
	return m.slots
}

// slotStart is where the probe for hash h begins in a table of n slots.
func slotStart(h uint64, n int) int { return int((h * 0x9e3779b97f4a7c15) >> 32 & uint64(n-1)) }

// weightsOf returns the weights of the feature hash h, if the model has it.
func weightsOf(slots []weightSlot, h uint64) (*[numClasses]float32, bool) {
	n := len(slots)
	for k := slotStart(h, n); slots[k].used; k = (k + 1) & (n - 1) {
		if slots[k].h == h {
			return &slots[k].w, true
		}
	}
	return nil, false
}

// modelMagic starts every model file.
const modelMagic = "PXSTANCE1\n"

// MarshalBinary encodes the model: magic, feature set (uint16), row count,
// then per row (in increasing hash order) the hash and three float32
// weights, little-endian, all gzip-compressed at a fixed level so that the
// same model gives the same bytes.
func (m *Model) MarshalBinary() ([]byte, error) {
	keys := make([]uint64, 0, len(m.index))
	for h := range m.index {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	var raw bytes.Buffer
	raw.WriteString(modelMagic)
	var b [8]byte
	binary.LittleEndian.PutUint16(b[:2], m.opt.code())
	raw.Write(b[:2])
	binary.LittleEndian.PutUint64(b[:], uint64(len(keys)))
	raw.Write(b[:])
	for _, h := range keys {
		binary.LittleEndian.PutUint64(b[:], h)
		raw.Write(b[:])
		for _, w := range m.weights[m.index[h]] {
			binary.LittleEndian.PutUint32(b[:4], math.Float32bits(w))
			raw.Write(b[:4])
		}
	}
	return gzipBytes(raw.Bytes())
}

// gzipBytes compresses raw at a fixed level, so that the same bytes give
// the same file.
func gzipBytes(raw []byte) ([]byte, error) {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// gunzipBytes decompresses data; what names the file in errors.
func gunzipBytes(data []byte, what string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	return raw, nil
}

// ParseModel decodes a model written by MarshalBinary. A model with dense
// features needs the word vectors it was trained with: vec.
func ParseModel(data []byte, vec *Vectors) (*Model, error) {
	return parseModel(data, func() (*Vectors, error) { return vec, nil })
}

// parseModel decodes a model, calling vectors for the word vectors only
// when its features need them.
func parseModel(data []byte, vectors func() (*Vectors, error)) (*Model, error) {
	raw, err := gunzipBytes(data, "stance model")
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte(modelMagic)) || len(raw) < len(modelMagic)+10 {
		return nil, errors.New("stance model: not a parallax stance model")
	}
	p := raw[len(modelMagic):]
	opt := optionsFromCode(binary.LittleEndian.Uint16(p))
	n := binary.LittleEndian.Uint64(p[2:10])
	p = p[10:]
	const row = 8 + 4*numClasses
	if uint64(len(p)) != n*row {
		return nil, fmt.Errorf("stance model: %d bytes of rows, want %d × %d", len(p), n, row)
	}
	m := &Model{opt: opt, index: make(map[uint64]int32, n), weights: make([][numClasses]float32, n)}
	for i := range int(n) {
		r := p[i*row:]
		m.index[binary.LittleEndian.Uint64(r)] = int32(i)
		for c := range numClasses {
			m.weights[i][c] = math.Float32frombits(binary.LittleEndian.Uint32(r[8+4*c:]))
		}
	}
	if opt.needsVectors() {
		vec, err := vectors()
		if err != nil {
			return nil, err
		}
		if vec == nil {
			return nil, errors.New("stance model: the model needs word vectors")
		}
		m.setVectors(vec)
	}
	return m, nil
}

// setVectors attaches the word vectors of the dense features and projects
// them on the dense weights.
func (m *Model) setVectors(vec *Vectors) {
	m.vec = vec
	if !m.opt.Dense {
		return
	}
	dw := make([][numClasses]float32, numBlocks*vec.Dim)
	for b := range numBlocks {
		for k := range vec.Dim {
			if i, ok := m.index[denseHash(b, k)]; ok {
				dw[b*vec.Dim+k] = m.weights[i]
			}
		}
	}
	m.proj = project(vec, dw, m.opt)
}

//go:embed model/stance-newsmtsc.bin.gz
var embeddedModel []byte

//go:embed model/vectors-allsides.bin.gz
var embeddedVectors []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the shipped model, trained on NewsMTSC's train.jsonl
// (model/PROVENANCE.md), parsed once.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = parseModel(embeddedModel, func() (*Vectors, error) { return ParseVectors(embeddedVectors) })
	})
	return defaultModel, defaultErr
}

// Features returns the number of weighted features of the model.
func (m *Model) Features() int { return len(m.index) }

// Score gives the stance of m's sentence toward its target.
func (m *Model) Score(men *Mention) Result {
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer m.pool.Put(sc)
	z := m.spanScores(men, sc)
	if len(men.Others) == 0 {
		return resultOf(z)
	}
	one := *men
	for _, sp := range men.Others {
		one.Target = sp
		zo := m.spanScores(&one, sc)
		for c := range numClasses {
			z[c] += zo[c]
		}
	}
	k := float64(1 + len(men.Others))
	for c := range numClasses {
		z[c] /= k
	}
	return resultOf(z)
}

// spanScores gives the class scores for the mention's Target alone.
func (m *Model) spanScores(men *Mention, sc *scratch) [numClasses]float64 {
	z := m.linear(men, sc)
	if m.net != nil {
		z = m.netScores(z, sc)
	}
	return z
}

// linear gives the linear model's class scores for the mention, leaving
// its features and dense references in sc.
func (m *Model) linear(men *Mention, sc *scratch) [numClasses]float64 {
	var z [numClasses]float64
	slots := m.slotTable()
	for _, f := range extract(m.opt, m.vec, men, sc) {
		if w, ok := weightsOf(slots, f.h); ok {
			for c := range numClasses {
				z[c] += float64(f.v) * float64(w[c])
			}
		}
	}
	for _, r := range sc.dref {
		p := m.proj[(int(r.row)*numBlocks+int(r.block))*numClasses:]
		for c := range numClasses {
			z[c] += float64(r.w * p[c])
		}
	}
	return z
}

// ShiftClasses adds shift[c] to the log odds of class c of every mention
// (through the bias feature's weights): the training command's
// calibration of the classes for macro-F1.
func (m *Model) ShiftClasses(shift [numClasses]float64) {
	h := featureHash("bias", "")
	i, ok := m.index[h]
	if !ok {
		i = int32(len(m.weights))
		m.index[h] = i
		m.weights = append(m.weights, [numClasses]float32{})
	}
	for c := range numClasses {
		m.weights[i][c] += float32(shift[c])
	}
	// The look-up table holds copies of the weights: build it again.
	m.slotsOnce, m.slots = sync.Once{}, nil
}

// ShiftedClass is the class of r once shift[c] is added to the log odds
// of class c (the first of equal ones, as Score chooses).
func ShiftedClass(r Result, shift [numClasses]float64) int {
	best, bv := 0, math.Inf(-1)
	for c := range numClasses {
		v := math.Log(r.Prob[c]) + shift[c]
		if v > bv {
			best, bv = c, v
		}
	}
	return best
}

// resultOf turns the class scores into probabilities, score and class.
func resultOf(z [numClasses]float64) Result {
	r := Result{Prob: softmax(z)}
	for c := range numClasses {
		if r.Prob[c] > r.Prob[r.Class] {
			r.Class = c
		}
	}
	r.Score = r.Prob[Positive] - r.Prob[Negative]
	return r
}

// softmax gives the probabilities of class scores z.
func softmax(z [numClasses]float64) [numClasses]float64 {
	mx := max(z[0], z[1], z[2])
	var p [numClasses]float64
	s := 0.0
	for c := range numClasses {
		p[c] = math.Exp(z[c] - mx)
		s += p[c]
	}
	for c := range numClasses {
		p[c] /= s
	}
	return p
}
