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
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// ParseModel decodes a model written by MarshalBinary.
func ParseModel(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("stance model: %v", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("stance model: %v", err)
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
	return m, nil
}

//go:embed model/stance-newsmtsc.bin.gz
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the shipped model, trained on NewsMTSC's train.jsonl
// (model/PROVENANCE.md), parsed once.
func Default() (*Model, error) {
	defaultOnce.Do(func() { defaultModel, defaultErr = ParseModel(embeddedModel) })
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
	var z [numClasses]float64
	slots := m.slotTable()
	for _, f := range extract(m.opt, men, sc) {
		if w, ok := weightsOf(slots, f.h); ok {
			for c := range numClasses {
				z[c] += float64(f.v) * float64(w[c])
			}
		}
	}
	return resultOf(z)
}

// resultOf turns the class scores into probabilities, score and class.
func resultOf(z [numClasses]float64) Result {
	mx := max(z[0], z[1], z[2])
	var r Result
	sum := 0.0
	for c := range numClasses {
		r.Prob[c] = math.Exp(z[c] - mx)
		sum += r.Prob[c]
	}
	for c := range numClasses {
		r.Prob[c] /= sum
		if r.Prob[c] > r.Prob[r.Class] {
			r.Class = c
		}
	}
	r.Score = r.Prob[Positive] - r.Prob[Negative]
	return r
}
