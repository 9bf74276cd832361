package stance

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"parallax/analysis/segment"
)

// Vectors are word vectors: one unit-length vector of Dim numbers per word
// (a token's Norm), stored quantized to int8 (one scale per vector).
type Vectors struct {
	Dim   int
	words []string
	index map[string]int32
	q     []int8    // len(words)·Dim
	scale []float32 // per word: the vector is q·scale

	// clusters is the number of word clusters (Cluster), 0 without them;
	// cluster gives each word's.
	clusters int
	cluster  []uint16

	expandOnce sync.Once
	expanded   []float32 // expandValence, computed once
}

// expandedValence gives expandValence(v), computed on first use.
func (v *Vectors) expandedValence() []float32 {
	v.expandOnce.Do(func() { v.expanded = expandValence(v) })
	return v.expanded
}

// Len is the number of words.
func (v *Vectors) Len() int { return len(v.words) }

// lookup gives the row of word w, or −1.
func (v *Vectors) lookup(w string) int32 {
	if i, ok := v.index[w]; ok {
		return i
	}
	return -1
}

// addTo adds a·(vector of row i) to dst.
func (v *Vectors) addTo(dst []float32, i int32, a float32) {
	s := a * v.scale[i]
	row := v.q[int(i)*v.Dim : int(i+1)*v.Dim]
	dst = dst[:len(row)]
	for k, x := range row {
		dst[k] += s * float32(x)
	}
}

// Vector returns the vector of w (dequantized), or nil when w has none.
func (v *Vectors) Vector(w string) []float32 {
	i := v.lookup(w)
	if i < 0 {
		return nil
	}
	out := make([]float32, v.Dim)
	v.addTo(out, i, 1)
	return out
}

// vectorsMagic starts every vectors file.
const vectorsMagic = "PXVECTORS2\n"

func sqrt64(x float64) float64 { return math.Sqrt(x) }

// quantize builds Vectors from float vectors (len(words)·dim), normalizing
// each to unit length and rounding to int8.
func quantize(words []string, dim int, data []float32) *Vectors {
	v := &Vectors{Dim: dim, words: words, index: make(map[string]int32, len(words)),
		q: make([]int8, len(words)*dim), scale: make([]float32, len(words))}
	for i, w := range words {
		v.index[w] = int32(i)
		row := data[i*dim : (i+1)*dim]
		var n, mx float64
		for _, x := range row {
			n += float64(x) * float64(x)
		}
		n = math.Sqrt(n)
		if n == 0 {
			continue
		}
		for _, x := range row {
			mx = max(mx, math.Abs(float64(x))/n)
		}
		s := mx / 127
		v.scale[i] = float32(s)
		for k, x := range row {
			v.q[i*dim+k] = int8(math.Round(float64(x) / n / s))
		}
	}
	return v
}

// MarshalBinary encodes the vectors: magic, dim, count and number of
// clusters (uint32), then per word its length (uint8), bytes, scale
// (float32), Dim int8 values and, with clusters, its cluster (uint16),
// gzip-compressed at a fixed level (same vectors, same bytes).
func (v *Vectors) MarshalBinary() ([]byte, error) {
	var raw bytes.Buffer
	raw.WriteString(vectorsMagic)
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(v.Dim))
	raw.Write(b[:])
	binary.LittleEndian.PutUint32(b[:], uint32(len(v.words)))
	raw.Write(b[:])
	binary.LittleEndian.PutUint32(b[:], uint32(v.clusters))
	raw.Write(b[:])
	for i, w := range v.words {
		if len(w) > 255 {
			return nil, fmt.Errorf("vectors: word of %d bytes", len(w))
		}
		raw.WriteByte(byte(len(w)))
		raw.WriteString(w)
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(v.scale[i]))
		raw.Write(b[:])
		for _, x := range v.q[i*v.Dim : (i+1)*v.Dim] {
			raw.WriteByte(byte(x))
		}
		if v.clusters > 0 {
			binary.LittleEndian.PutUint16(b[:2], v.cluster[i])
			raw.Write(b[:2])
		}
	}
	return gzipBytes(raw.Bytes())
}

// ParseVectors decodes vectors written by MarshalBinary.
func ParseVectors(data []byte) (*Vectors, error) {
	raw, err := gunzipBytes(data, "stance vectors")
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte(vectorsMagic)) || len(raw) < len(vectorsMagic)+12 {
		return nil, errors.New("stance vectors: not a parallax vectors file")
	}
	p := raw[len(vectorsMagic):]
	dim := int(binary.LittleEndian.Uint32(p))
	n := int(binary.LittleEndian.Uint32(p[4:]))
	k := int(binary.LittleEndian.Uint32(p[8:]))
	p = p[12:]
	if dim <= 0 || dim > 4096 || n > len(p) || k > 65535 {
		return nil, errors.New("stance vectors: bad header")
	}
	cl := 0
	v := &Vectors{Dim: dim, words: make([]string, n), index: make(map[string]int32, n),
		q: make([]int8, n*dim), scale: make([]float32, n), clusters: k}
	if k > 0 {
		cl = 2
		v.cluster = make([]uint16, n)
	}
	for i := range n {
		if len(p) < 1 || len(p) < 1+int(p[0])+4+dim+cl {
			return nil, errors.New("stance vectors: truncated")
		}
		l := int(p[0])
		w := string(p[1 : 1+l])
		v.words[i] = w
		v.index[w] = int32(i)
		v.scale[i] = math.Float32frombits(binary.LittleEndian.Uint32(p[1+l:]))
		for k := range dim {
			v.q[i*dim+k] = int8(p[1+l+4+k])
		}
		if k > 0 {
			v.cluster[i] = binary.LittleEndian.Uint16(p[1+l+4+dim:])
			if int(v.cluster[i]) >= k {
				return nil, errors.New("stance vectors: bad cluster")
			}
		}
		p = p[1+l+4+dim+cl:]
	}
	if len(p) != 0 {
		return nil, errors.New("stance vectors: trailing bytes")
	}
	return v, nil
}

// VectorOptions set the training of word vectors by skip-gram with
// negative sampling (Mikolov et al. 2013).
type VectorOptions struct {
	Dim       int     // numbers per vector
	Window    int     // largest distance of a context word (drawn 1..Window per word)
	Negative  int     // negative samples per context word
	MinCount  int     // words seen fewer times get no vector
	MaxWords  int     // at most this many words, the most frequent
	Subsample float64 // frequent words are kept with probability √(t/f)+t/f
	Epochs    int
	Rate      float64 // starting learning rate, falling linearly to 1e-4 of it
	Seed      uint64
}

// DefaultVectorOptions are the options of the shipped vectors.
func DefaultVectorOptions() VectorOptions {
	return VectorOptions{Dim: 100, Window: 5, Negative: 5, MinCount: 5, MaxWords: 60000,
		Subsample: 1e-4, Epochs: 1, Rate: 0.025, Seed: 1}
}

// TokenCorpus is a corpus as word ids: Words[Docs[i][j]] is the j-th
// token norm of document i; Count gives each word's frequency.
type TokenCorpus struct {
	Words []string
	Count []int
	Docs  [][]int32
}

// ReadCorpusTokens reads a JSON Lines corpus (fields title and text) and
// returns its documents as token norms, the title first. name is used in
// errors, which give the line.
func ReadCorpusTokens(r io.Reader, name string) (*TokenCorpus, error) {
	tc := &TokenCorpus{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	index := map[string]int32{}
	var toks []segment.Token
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		var doc []int32
		for _, s := range []string{rec.Title, rec.Text} {
			toks = segment.Tokenize(s, toks[:0])
			for _, t := range toks {
				k, ok := index[t.Norm]
				if !ok {
					k = int32(len(tc.Words))
					w := strings.Clone(t.Norm)
					index[w] = k
					tc.Words = append(tc.Words, w)
					tc.Count = append(tc.Count, 0)
				}
				tc.Count[k]++
				doc = append(doc, k)
			}
		}
		tc.Docs = append(tc.Docs, doc)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return tc, nil
}

// rng is word2vec's linear congruential generator: fast and the same on
// every platform.
type rng uint64

func (r *rng) next() uint64 {
	*r = *r*25214903917 + 11
	return uint64(*r)
}

// TrainVectors trains word vectors on docs by skip-gram with negative
// sampling, on one goroutine, so that the same documents and options give
// the same vectors bit for bit.
func TrainVectors(tc *TokenCorpus, o VectorOptions, logf func(string, ...any)) (*Vectors, error) {
	var order []int32
	for i, w := range tc.Words {
		if tc.Count[i] >= o.MinCount && len(w) <= 255 {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if tc.Count[a] != tc.Count[b] {
			return tc.Count[b] - tc.Count[a]
		}
		return strings.Compare(tc.Words[a], tc.Words[b])
	})
	if len(order) > o.MaxWords {
		order = order[:o.MaxWords]
	}
	if len(order) == 0 {
		return nil, errors.New("vectors: no word seen often enough")
	}
	words := make([]string, len(order))
	counts := make([]int, len(order))
	remap := make([]int32, len(tc.Words))
	for i := range remap {
		remap[i] = -1
	}
	for i, k := range order {
		words[i], counts[i] = tc.Words[k], tc.Count[k]
		remap[k] = int32(i)
	}
	// The documents as word ids (words without a vector dropped).
	var total float64
	ids := make([][]int32, len(tc.Docs))
	for i, d := range tc.Docs {
		for _, k := range d {
			if w := remap[k]; w >= 0 {
				ids[i] = append(ids[i], w)
			}
		}
		total += float64(len(ids[i]))
	}
	// Negative-sampling table: words in proportion to count^0.75.
	const tableSize = 1 << 24
	table := make([]int32, tableSize)
	var z float64
	for i := range words {
		z += math.Pow(float64(counts[i]), 0.75)
	}
	{
		k, acc := 0, math.Pow(float64(counts[0]), 0.75)/z
		for i := range table {
			table[i] = int32(k)
			if float64(i+1)/tableSize > acc && k < len(words)-1 {
				k++
				acc += math.Pow(float64(counts[k]), 0.75) / z
			}
		}
	}
	keep := make([]float64, len(words))
	for i := range words {
		f := float64(counts[i]) / total
		keep[i] = 1
		if o.Subsample > 0 {
			keep[i] = math.Min(1, math.Sqrt(o.Subsample/f)+o.Subsample/f)
		}
	}
	dim := o.Dim
	r := rng(o.Seed)
	in := make([]float32, len(words)*dim)
	for i := range in {
		in[i] = (float32(r.next()&0xFFFF)/65536 - 0.5) / float32(dim)
	}
	out := make([]float32, len(words)*dim)
	grad := make([]float32, dim)
	var sent []int32
	steps := total * float64(o.Epochs)
	done := 0.0
	for ep := range o.Epochs {
		for di, d := range ids {
			sent = sent[:0]
			for _, w := range d {
				if keep[w] < 1 && float64(r.next()&0xFFFF)/65536 >= keep[w] {
					continue
				}
				sent = append(sent, w)
			}
			lr := float32(o.Rate * max(1e-4, 1-done/steps))
			done += float64(len(d))
			for i, w := range sent {
				b := int(r.next() % uint64(o.Window))
				for j := i - o.Window + b; j <= i+o.Window-b; j++ {
					if j < 0 || j >= len(sent) || j == i {
						continue
					}
					c := sent[j]
					vin := in[int(c)*dim : int(c+1)*dim]
					clear(grad)
					for n := 0; n <= o.Negative; n++ {
						target, label := w, float32(1)
						if n > 0 {
							target = table[(r.next()>>16)%tableSize]
							if target == w {
								continue
							}
							label = 0
						}
						vout := out[int(target)*dim : int(target+1)*dim]
						var f float32
						for k, x := range vin {
							f += x * vout[k]
						}
						var g float32
						switch {
						case f > 6:
							g = (label - 1) * lr
						case f < -6:
							g = label * lr
						default:
							g = (label - float32(1/(1+math.Exp(-float64(f))))) * lr
						}
						for k := range grad {
							grad[k] += g * vout[k]
						}
						for k, x := range vin {
							vout[k] += g * x
						}
					}
					for k := range vin {
						vin[k] += grad[k]
					}
				}
			}
			if logf != nil && di%5000 == 0 {
				logf("vectors: epoch %d, document %d of %d, rate %.5f", ep+1, di, len(ids), lr)
			}
		}
	}
	return quantize(words, dim, in), nil
}
