package termstats

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// SimMeasure names a similarity between two term distributions. Every
// measure gives values in [0, 1] for count vectors; docs/similarity.md has the
// formulas.
type SimMeasure string

const (
	// SimCosineTFIDF is the cosine of tf-idf vectors, tf = count/tokens and
	// idf from corpus document frequency. It is the default.
	SimCosineTFIDF SimMeasure = "cosine-tfidf"
	// SimCosineFreq is the cosine of relative-frequency vectors.
	SimCosineFreq SimMeasure = "cosine-freq"
	// SimJSD is 1 − the Jensen–Shannon divergence (base-2 logarithms) of the
	// two relative-frequency distributions.
	SimJSD SimMeasure = "jsd"
)

// SimMeasures lists every measure, the default first.
func SimMeasures() []SimMeasure {
	return []SimMeasure{SimCosineTFIDF, SimCosineFreq, SimJSD}
}

// ParseSimMeasure checks a measure name given by a user. The empty string
// means the default, SimCosineTFIDF; case and surrounding space are ignored.
func ParseSimMeasure(s string) (SimMeasure, error) {
	m := SimMeasure(strings.ToLower(strings.TrimSpace(s)))
	switch m {
	case "":
		return SimCosineTFIDF, nil
	case SimCosineTFIDF, SimCosineFreq, SimJSD:
		return m, nil
	}
	return "", fmt.Errorf("unknown similarity measure %q (want cosine-tfidf, cosine-freq or jsd)", s)
}

// SimMatrix is a symmetric similarity matrix with labels. Valid[i] is false
// when row i is a zero vector (no counted term, or only terms of weight 0):
// its similarities are not available, and Values holds 0 there, never NaN.
type SimMatrix struct {
	Measure SimMeasure
	Labels  []string
	Values  *mat.SymDense
	Valid   []bool
}

// Len is the number of rows.
func (s *SimMatrix) Len() int { return len(s.Labels) }

// At returns the similarity of rows i and j; ok is false when either row is
// not valid, and the value must then be shown as "n/a".
func (s *SimMatrix) At(i, j int) (v float64, ok bool) {
	if !s.Valid[i] || !s.Valid[j] {
		return 0, false
	}
	return s.Values.At(i, j), true
}

// GroupSimilarity compares the term distributions of the groups of t with
// measure m. idf maps a corpus document frequency to an inverse document
// frequency (the caller binds the variant and t.TotalDocs); it is used by
// SimCosineTFIDF only and may be nil for the other measures. The diagonal is
// 1 for valid rows. A group whose vector is zero is marked not valid.
func GroupSimilarity(t *TermTable, m SimMeasure, idf func(df int64) float64) (*SimMatrix, error) {
	if t == nil {
		return nil, fmt.Errorf("group similarity: no term table")
	}
	w, err := newGroupWeigher(t, m, idf)
	if err != nil {
		return nil, err
	}
	n := len(t.Groups)
	vecs := make([]weightedVec, n)
	for g := range n {
		v, err := w.vector(t.Count[g])
		if err != nil {
			return nil, fmt.Errorf("group similarity: group %q: %w", t.Groups[g], err)
		}
		vecs[g] = v
	}
	s := &SimMatrix{
		Measure: m,
		Labels:  append([]string(nil), t.Groups...),
		Valid:   make([]bool, n),
	}
	if n > 0 {
		s.Values = mat.NewSymDense(n, nil)
	}
	for i := range n {
		s.Valid[i] = len(vecs[i].ids) > 0
	}
	fillSim(s, m, vecs)
	return s, nil
}

// fillSim sets the similarity of every pair of valid groups, and 1 on the
// diagonal. Group i's weights are scattered into arrays by term id, and
// each earlier group's entries are looked up there: |j| steps per pair
// instead of a merge of |i|+|j| (pairSim, the reference in
// fillsim_test.go). The shared terms are still added in ascending id
// order with the same operations, so the bits are the merge's. Weights are
// above 0 (vectorScaled drops the others), so 0 in the array marks a term
// group i does not use.
func fillSim(s *SimMatrix, m SimMeasure, vecs []weightedVec) {
	size := 0
	for _, v := range vecs {
		if k := len(v.ids); k > 0 {
			size = max(size, int(v.ids[k-1])+1)
		}
	}
	dw := make([]float64, size)
	var dh []float64
	if m == SimJSD {
		dh = make([]float64, size)
	}
	for i, a := range vecs {
		if !s.Valid[i] {
			continue
		}
		s.Values.SetSym(i, i, 1)
		for k, id := range a.ids {
			dw[id] = a.w[k]
			if dh != nil {
				dh[id] = a.h[k]
			}
		}
		for j, b := range vecs[:i] {
			if !s.Valid[j] {
				continue
			}
			var sum float64
			if m == SimJSD {
				for k, id := range b.ids {
					if p := dw[id]; p != 0 {
						sum += jsdTerm(p, dh[id], b.w[k], b.h[k])
					}
				}
			} else {
				for k, id := range b.ids {
					if p := dw[id]; p != 0 {
						sum += float64(p * b.w[k])
					}
				}
			}
			s.Values.SetSym(i, j, finishSim(m, sum))
		}
		for _, id := range a.ids {
			dw[id] = 0
		}
	}
}

// newGroupWeigher checks the table's shape and prepares the idf of every term
// some group uses.
func newGroupWeigher(t *TermTable, m SimMeasure, idf func(df int64) float64) (*weigher, error) {
	if !slices.Contains(SimMeasures(), m) {
		return nil, fmt.Errorf("group similarity: unknown measure %q", m)
	}
	if len(t.Count) != len(t.Groups) {
		return nil, fmt.Errorf("group similarity: %d groups but %d count vectors", len(t.Groups), len(t.Count))
	}
	w := &weigher{m: m, nterms: len(t.Terms)}
	if m != SimCosineTFIDF {
		return w, nil
	}
	if len(t.CorpusDF) != len(t.Terms) {
		return nil, fmt.Errorf("group similarity: %d terms but %d document frequencies", len(t.Terms), len(t.CorpusDF))
	}
	used := make([]bool, len(t.Terms))
	for g, c := range t.Count {
		for _, id := range c.IDs {
			if id < 0 || int(id) >= len(t.Terms) {
				return nil, fmt.Errorf("group similarity: group %q: term id %d out of range [0, %d)", t.Groups[g], id, len(t.Terms))
			}
			used[id] = true
		}
	}
	idfs, err := idfTable(t.CorpusDF, used, idf, func(id int) string { return fmt.Sprintf("term %q", t.Terms[id]) })
	if err != nil {
		return nil, fmt.Errorf("group similarity: %w", err)
	}
	w.idf = idfs
	return w, nil
}

// idfTable evaluates idf once for every used term id. The result must be a
// finite non-negative number so that similarities stay in [0, 1].
func idfTable(df []int64, used []bool, idf func(df int64) float64, name func(id int) string) ([]float64, error) {
	if idf == nil {
		return nil, fmt.Errorf("measure %q needs an idf function", SimCosineTFIDF)
	}
	out := make([]float64, len(df))
	for id, u := range used {
		if !u {
			continue
		}
		v := idf(df[id])
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, fmt.Errorf("%s: idf of document frequency %d is %v, want a finite number ≥ 0", name(id), df[id], v)
		}
		out[id] = v
	}
	return out, nil
}

// weightedVec is a sparse vector ready for fillSim: ids ascending, weights
// strictly positive. For the cosines w has unit Euclidean length; for JSD w
// is a probability distribution and h[i] = w[i]·ln w[i].
type weightedVec struct {
	ids []int32
	w   []float64
	h   []float64
}

// weigher turns count vectors into weighted vectors for one measure. The
// weight of an entry is raw(count, id)·scale, where scale makes the vector
// unit length (cosines) or sum to 1 (JSD). Every path that needs a weight —
// group vectors, the document index, documents' own entries — computes it
// with the same operations, so equal inputs give bit-identical weights.
type weigher struct {
	m      SimMeasure
	idf    []float64 // per term id; nil unless SimCosineTFIDF
	nterms int       // ids must lie in [0, nterms); < 0 means unchecked
	buf    []float64
}

// raw is the unscaled weight: the count, times idf for tf-idf. The factor
// 1/tokens of tf is left out: it cancels when the vector is normalised.
func (w *weigher) raw(c int64, id int32) float64 {
	if w.idf != nil {
		return float64(float64(c) * w.idf[id])
	}
	return float64(c)
}

// check validates a count vector: ids ascending and in range, counts ≥ 0.
func (w *weigher) check(v SparseCounts) error {
	if len(v.IDs) != len(v.Counts) {
		return fmt.Errorf("%d term ids but %d counts", len(v.IDs), len(v.Counts))
	}
	for e, id := range v.IDs {
		if id < 0 || (w.nterms >= 0 && int(id) >= w.nterms) {
			return fmt.Errorf("term id %d out of range [0, %d)", id, w.nterms)
		}
		if e > 0 && id <= v.IDs[e-1] {
			return fmt.Errorf("term ids not ascending at entry %d (%d after %d)", e, id, v.IDs[e-1])
		}
		if v.Counts[e] < 0 {
			return fmt.Errorf("term id %d has negative count %d", id, v.Counts[e])
		}
	}
	return nil
}

// scale returns the factor applied to raw weights: 1/‖raw‖₂ for the cosines
// (gonum floats.Norm), 1/Σ raw for JSD (floats.Sum); 0 for a zero vector.
// v must have passed check.
func (w *weigher) scale(v SparseCounts) float64 {
	w.buf = w.buf[:0]
	for e, id := range v.IDs {
		w.buf = append(w.buf, w.raw(v.Counts[e], id))
	}
	var d float64
	if w.m == SimJSD {
		d = floats.Sum(w.buf)
	} else {
		d = floats.Norm(w.buf, 2)
	}
	if d == 0 || math.IsInf(d, 0) {
		return 0
	}
	return 1 / d
}

// weight is the weight of one entry given the vector's scale.
func (w *weigher) weight(c int64, id int32, scale float64) float64 {
	return float64(w.raw(c, id) * scale)
}

// vector checks v and builds its weighted form, dropping zero weights.
func (w *weigher) vector(v SparseCounts) (weightedVec, error) {
	if err := w.check(v); err != nil {
		return weightedVec{}, err
	}
	return w.vectorScaled(v, w.scale(v)), nil
}

// vectorScaled builds the weighted form of a checked v with a known scale.
func (w *weigher) vectorScaled(v SparseCounts, scale float64) weightedVec {
	var out weightedVec
	if scale == 0 {
		return out
	}
	for e, id := range v.IDs {
		x := w.weight(v.Counts[e], id, scale)
		if x <= 0 {
			continue
		}
		out.ids = append(out.ids, id)
		out.w = append(out.w, x)
		if w.m == SimJSD {
			out.h = append(out.h, xlnx(x))
		}
	}
	return out
}

// xlnx is x·ln x, rounded on its own (never fused into a later addition).
// Natural logarithms are used inside and converted to bits once, in
// finishSim: math.Log is cheaper than math.Log2.
func xlnx(x float64) float64 { return float64(x * math.Log(x)) }

// jsdTerm is what a term shared by two distributions adds to
// 2·ln 2·(1 − JSD): (p+q)·ln(p+q) − p·ln p − q·ln q, given hp = p·ln p and
// hq = q·ln q. It is symmetric in (p, hp) and (q, hq) to the last bit, ≥ 0,
// and at most (p+q)·ln 2.
//
// Why: with m = (p+q)/2, a term only in P adds ½p to the JSD (in bits), and
// a shared term adds ½(p+q) − ½[(p+q)·log₂(p+q) − p·log₂ p − q·log₂ q]. As
// Σp = Σq = 1, JSD = 1 − ½ Σ_shared jsdTerm/ln 2: 1 − JSD needs the shared
// terms only, which is what lets the document index accumulate it.
func jsdTerm(p, hp, q, hq float64) float64 {
	return xlnx(p+q) - (hp + hq)
}

// finishSim turns an accumulated sum over shared terms into the similarity:
// the dot product for the cosines, ½ Σ jsdTerm / ln 2 for JSD; clamped to
// [0, 1] against rounding. It is monotone in s.
func finishSim(m SimMeasure, s float64) float64 {
	if m == SimJSD {
		s *= 0.5 / math.Ln2
	}
	return min(max(s, 0), 1)
}
