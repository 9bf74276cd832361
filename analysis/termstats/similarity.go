package termstats

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
		if !s.Valid[i] {
			continue
		}
		s.Values.SetSym(i, i, 1)
		for j := range i {
			if s.Valid[j] {
				s.Values.SetSym(i, j, pairSim(m, vecs[i], vecs[j]))
			}
		}
	}
	return s, nil
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

// weightedVec is a sparse vector ready for pairSim: ids ascending, weights
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

// pairSim is the similarity of two weighted vectors, by a merge over their
// sorted ids. Shared terms are visited in ascending id order, the order the
// document index accumulates them in, so both give identical bits.
func pairSim(m SimMeasure, a, b weightedVec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			if m == SimJSD {
				s += jsdTerm(a.w[i], a.h[i], b.w[j], b.h[j])
			} else {
				s += float64(a.w[i] * b.w[j])
			}
			i++
			j++
		}
	}
	return finishSim(m, s)
}

// DocVectors are per-document sparse term counts over the ids of a
// TermTable, with each document's id and group for output. IDs and Groups
// are either nil or as long as Vecs.
type DocVectors struct {
	IDs, Groups []string
	Vecs        []SparseCounts
}

// name is how messages refer to document i.
func (dv *DocVectors) name(i int) string {
	if i < len(dv.IDs) && dv.IDs[i] != "" {
		return fmt.Sprintf("document %q", dv.IDs[i])
	}
	return fmt.Sprintf("document #%d", i+1)
}

// Neighbor is one similar document: its index in DocVectors and the
// similarity.
type Neighbor struct {
	Doc int
	Sim float64
}

// NeighborOptions configures NearestDocuments.
type NeighborOptions struct {
	Measure SimMeasure // "" means SimCosineTFIDF
	K       int        // neighbours kept per document, ≥ 1
	// CorpusDF is the corpus document frequency of each term id (TermTable.
	// CorpusDF), the argument of IDF. Nil counts it over the documents given.
	CorpusDF []int64
	// IDF maps a document frequency to an inverse document frequency, the
	// variant and D bound by the caller. Required for SimCosineTFIDF only.
	IDF func(df int64) float64
	// MaxDF, in (0, 1], skips terms found in more than MaxDF × len(Vecs)
	// documents when looking for candidates; 0 turns the cap off. The
	// similarity of a candidate pair is still exact on the full vectors, but
	// two documents sharing only such common terms are never compared.
	MaxDF float64
}

// NearestDocuments returns, for each document, its opts.K most similar other
// documents, by similarity descending and then index ascending. Only
// documents with a similarity above 0 are listed, so a list may be shorter
// than K, and empty for a document whose vector is zero.
//
// The documents are never compared all against all: an inverted index (term
// → documents, with their weights) accumulates, for document i, the
// contribution of every term it shares with each other document, which costs
// O(Σ_t df_t²) over the terms t used for candidates. Both cosines and 1 − JSD
// are sums over shared terms only, so the accumulated sums are exact. The
// work is split across runtime.GOMAXPROCS workers; each document's list
// depends only on the input, so the output is identical for any number of
// workers.
func NearestDocuments(dv *DocVectors, opts NeighborOptions) ([][]Neighbor, error) {
	ix, err := newDocIndex(dv, opts)
	if err != nil {
		return nil, err
	}
	out := make([][]Neighbor, len(dv.Vecs))
	ix.run(out)
	return out, nil
}

// docIndex is the inverted index (every term) plus, per document, the
// entries of its capped terms.
type docIndex struct {
	dv     *DocVectors
	m      SimMeasure
	k      int
	w      *weigher
	scale  []float64 // per document; 0 for a zero vector
	capped []bool    // per term id: skipped for candidates

	// Postings, CSR by term id: start[t]..start[t+1], documents ascending.
	// Those of capped terms are read only to finish known candidates.
	start []int64
	pdoc  []int32
	pw    []float64
	ph    []float64 // JSD only

	// Entries of capped terms, CSR by document: cstart[i]..cstart[i+1].
	cstart []int64
	cid    []int32
	cw     []float64
	ch     []float64 // JSD only
	// cbound[i] bounds what document i's capped terms can add to a sum:
	// their Euclidean norm (cosines, by Cauchy–Schwarz) or their mass × ln 2
	// (JSD, as jsdTerm(p, q) ≤ (p+q)·ln 2).
	cbound []float64
}

// newDocIndex validates the input and builds the index.
func newDocIndex(dv *DocVectors, opts NeighborOptions) (*docIndex, error) {
	if dv == nil {
		return nil, fmt.Errorf("nearest documents: no documents")
	}
	m, err := ParseSimMeasure(string(opts.Measure))
	if err != nil {
		return nil, fmt.Errorf("nearest documents: %w", err)
	}
	n := len(dv.Vecs)
	switch {
	case opts.K < 1:
		return nil, fmt.Errorf("nearest documents: k is %d, want at least 1", opts.K)
	case opts.MaxDF < 0 || opts.MaxDF > 1 || math.IsNaN(opts.MaxDF):
		return nil, fmt.Errorf("nearest documents: max document frequency %v is not in (0, 1] (0 turns it off)", opts.MaxDF)
	case dv.IDs != nil && len(dv.IDs) != n:
		return nil, fmt.Errorf("nearest documents: %d ids for %d documents", len(dv.IDs), n)
	case dv.Groups != nil && len(dv.Groups) != n:
		return nil, fmt.Errorf("nearest documents: %d groups for %d documents", len(dv.Groups), n)
	case n > math.MaxInt32-1:
		return nil, fmt.Errorf("nearest documents: %d documents, at most %d supported", n, math.MaxInt32-1)
	}
	ix := &docIndex{dv: dv, m: m, k: opts.K, w: &weigher{m: m, nterms: -1}}
	if opts.CorpusDF != nil {
		ix.w.nterms = len(opts.CorpusDF)
	}
	nterms := 0
	for i, v := range dv.Vecs {
		if err := ix.w.check(v); err != nil {
			return nil, fmt.Errorf("nearest documents: %s: %w", dv.name(i), err)
		}
		if l := len(v.IDs); l > 0 {
			nterms = max(nterms, int(v.IDs[l-1])+1)
		}
	}
	nterms = max(nterms, len(opts.CorpusDF))
	df := presenceDF(dv.Vecs, nterms)
	if m == SimCosineTFIDF {
		corpusDF := opts.CorpusDF
		if corpusDF == nil {
			corpusDF = df
		}
		used := make([]bool, nterms)
		for id, d := range df {
			used[id] = d > 0
		}
		idfs, err := idfTable(corpusDF, used, opts.IDF, func(id int) string { return fmt.Sprintf("term id %d", id) })
		if err != nil {
			return nil, fmt.Errorf("nearest documents: %w", err)
		}
		ix.w.idf = idfs
	}
	ix.scale = make([]float64, n)
	for i, v := range dv.Vecs {
		ix.scale[i] = ix.w.scale(v)
	}
	ix.capped = make([]bool, nterms)
	if opts.MaxDF > 0 {
		limit := opts.MaxDF * float64(n)
		for id, d := range df {
			ix.capped[id] = float64(d) > limit
		}
	}
	ix.buildPostings(nterms)
	return ix, nil
}

// presenceDF counts, per term id, the documents with a positive count.
func presenceDF(vecs []SparseCounts, nterms int) []int64 {
	df := make([]int64, nterms)
	for _, v := range vecs {
		for e, id := range v.IDs {
			if v.Counts[e] > 0 {
				df[id]++
			}
		}
	}
	return df
}

// entries calls f for every positive-weight entry of document i, in id order.
func (ix *docIndex) entries(i int, f func(id int32, w float64)) {
	s := ix.scale[i]
	if s == 0 {
		return
	}
	v := ix.dv.Vecs[i]
	for e, id := range v.IDs {
		if x := ix.w.weight(v.Counts[e], id, s); x > 0 {
			f(id, x)
		}
	}
}

// buildPostings fills the posting lists and the per-document capped
// entries, two passes each: count, then fill.
func (ix *docIndex) buildPostings(nterms int) {
	jsd := ix.m == SimJSD
	ix.start = make([]int64, nterms+1)
	ix.cstart = make([]int64, len(ix.dv.Vecs)+1)
	for i := range ix.dv.Vecs {
		ix.entries(i, func(id int32, _ float64) {
			if ix.capped[id] {
				ix.cstart[i+1]++
			}
			ix.start[id+1]++
		})
	}
	for t := range nterms {
		ix.start[t+1] += ix.start[t]
	}
	for i := range ix.dv.Vecs {
		ix.cstart[i+1] += ix.cstart[i]
	}
	np, nc := ix.start[nterms], ix.cstart[len(ix.dv.Vecs)]
	ix.pdoc, ix.pw = make([]int32, np), make([]float64, np)
	ix.cid, ix.cw = make([]int32, nc), make([]float64, nc)
	if jsd {
		ix.ph, ix.ch = make([]float64, np), make([]float64, nc)
	}
	next := append([]int64(nil), ix.start[:nterms]...)
	for i := range ix.dv.Vecs {
		c := ix.cstart[i]
		ix.entries(i, func(id int32, x float64) {
			var h float64
			if jsd {
				h = xlnx(x)
			}
			if ix.capped[id] {
				ix.cid[c], ix.cw[c] = id, x
				if jsd {
					ix.ch[c] = h
				}
				c++
			}
			p := next[id]
			next[id]++
			ix.pdoc[p], ix.pw[p] = int32(i), x
			if jsd {
				ix.ph[p] = h
			}
		})
	}
	if nc == 0 {
		return
	}
	ix.cbound = make([]float64, len(ix.dv.Vecs))
	for i := range ix.dv.Vecs {
		cw := ix.cw[ix.cstart[i]:ix.cstart[i+1]]
		if jsd {
			ix.cbound[i] = floats.Sum(cw) * math.Ln2
		} else {
			ix.cbound[i] = floats.Norm(cw, 2)
		}
	}
}

// vector is document i's weighted vector (all terms), as pairSim wants it.
func (ix *docIndex) vector(i int) weightedVec {
	return ix.w.vectorScaled(ix.dv.Vecs[i], ix.scale[i])
}

// neighborWork is one worker's scratch space, reused across documents.
type neighborWork struct {
	seen    []int32   // per document: stamp of the last document that touched it
	acc     []float64 // per document: accumulated sum over shared terms
	touched []int32
	own     weightedVec
	dense   []float64 // per term id: the current document's capped weights
	denseH  []float64
	heap    []Neighbor
	bounds  []float64 // heap of lower bounds, for topCapped
	surv    []int32   // candidates that may reach the k best
}

// run fills out, one document at a time, on runtime.GOMAXPROCS workers.
func (ix *docIndex) run(out [][]Neighbor) {
	n := len(out)
	workers := min(runtime.GOMAXPROCS(0), n)
	const chunk = 16
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws := ix.newWork()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					out[i] = ix.neighbors(i, ws)
				}
			}
		}()
	}
	wg.Wait()
}

func (ix *docIndex) newWork() *neighborWork {
	n := len(ix.dv.Vecs)
	ws := &neighborWork{
		seen: make([]int32, n),
		acc:  make([]float64, n),
		heap: make([]Neighbor, 0, min(ix.k, n)),
	}
	if len(ix.cid) > 0 {
		ws.dense = make([]float64, len(ix.capped))
		if ix.m == SimJSD {
			ws.denseH = make([]float64, len(ix.capped))
		}
	}
	return ws
}

// ownEntries loads document i's positive-weight entries into ws.own.
func (ix *docIndex) ownEntries(i int, ws *neighborWork) {
	o := &ws.own
	o.ids, o.w, o.h = o.ids[:0], o.w[:0], o.h[:0]
	s := ix.scale[i]
	if s == 0 {
		return
	}
	v := ix.dv.Vecs[i]
	for e, id := range v.IDs {
		x := ix.w.weight(v.Counts[e], id, s)
		if x <= 0 {
			continue
		}
		o.ids = append(o.ids, id)
		o.w = append(o.w, x)
		if ix.m == SimJSD {
			o.h = append(o.h, xlnx(x))
		}
	}
}

// neighbors computes document i's list.
func (ix *docIndex) neighbors(i int, ws *neighborWork) []Neighbor {
	ix.ownEntries(i, ws)
	ws.touched = ws.touched[:0]
	ix.accumulate(int32(i), ws)
	ws.heap = ws.heap[:0]
	if ix.cbound != nil && ix.cbound[i] > 0 {
		ix.topCapped(i, ws)
	} else {
		for _, j := range ws.touched {
			if s := finishSim(ix.m, ws.acc[j]); s > 0 {
				ws.pushTop(Neighbor{Doc: int(j), Sim: s}, ix.k)
			}
		}
	}
	if len(ws.heap) == 0 {
		return nil
	}
	res := append([]Neighbor(nil), ws.heap...)
	slices.SortFunc(res, func(a, b Neighbor) int {
		switch {
		case better(a, b):
			return -1
		case better(b, a):
			return 1
		}
		return 0
	})
	return res
}

// accumulate adds, for every document sharing a non-capped term with
// document i, that term's contribution, terms in ascending id order.
func (ix *docIndex) accumulate(i int32, ws *neighborWork) {
	seen, acc := ws.seen, ws.acc
	stamp := i + 1
	jsd := ix.m == SimJSD
	for e, id := range ws.own.ids {
		if ix.capped[id] {
			continue
		}
		lo, hi := ix.start[id], ix.start[id+1]
		docs, pw := ix.pdoc[lo:hi], ix.pw[lo:hi]
		wi := ws.own.w[e]
		if jsd {
			hw, ph := ws.own.h[e], ix.ph[lo:hi]
			for p, j := range docs {
				if j == i {
					continue
				}
				if seen[j] != stamp {
					seen[j], acc[j] = stamp, 0
					ws.touched = append(ws.touched, j)
				}
				acc[j] += jsdTerm(wi, hw, pw[p], ph[p])
			}
			continue
		}
		for p, j := range docs {
			if j == i {
				continue
			}
			if seen[j] != stamp {
				seen[j], acc[j] = stamp, 0
				ws.touched = append(ws.touched, j)
			}
			acc[j] += float64(wi * pw[p])
		}
	}
}

// topCapped finishes document i's candidates when it has capped terms,
// which accumulate skipped. For candidate j, acc[j] (the non-capped part) is
// a lower bound of the full sum and acc[j] + cbound[i]·cbound[j] (cosines) or
// acc[j] + cbound[i] + cbound[j] (JSD) an upper bound. Let τ be the k-th
// largest lower bound: a candidate whose upper bound gives a similarity
// below τ's cannot be among the k best, so only the others (survivors) get
// their capped terms added, exactly, before ranking.
//
// The capped terms are added by whichever way reads less: a lookup of each
// survivor's capped entries in i's, or a walk down the posting lists of i's
// capped terms. Both add the same terms in the same (ascending id) order, so
// the choice never changes a bit of the result.
func (ix *docIndex) topCapped(i int, ws *neighborWork) {
	tau := math.Inf(-1)
	if len(ws.touched) > ix.k {
		tau = ws.kthLargest(ix.k)
	}
	floor := finishSim(ix.m, tau)
	bi := ix.cbound[i]
	ws.surv = ws.surv[:0]
	var lookups int64
	for _, j := range ws.touched {
		var ub float64
		if ix.m == SimJSD {
			ub = ws.acc[j] + (bi + ix.cbound[j])
		} else {
			ub = ws.acc[j] + bi*ix.cbound[j]
		}
		// The slack covers the rounding of the bound itself.
		if finishSim(ix.m, ub*(1+1e-9)) >= floor {
			ws.surv = append(ws.surv, j)
			lookups += ix.cstart[j+1] - ix.cstart[j]
		}
	}
	var walk int64
	for _, id := range ws.own.ids {
		if ix.capped[id] {
			walk += ix.start[id+1] - ix.start[id]
		}
	}
	if walk < lookups {
		ix.walkCapped(int32(i), ws)
	} else {
		ix.lookupCapped(i, ws)
	}
	for _, j := range ws.surv {
		if s := finishSim(ix.m, ws.acc[j]); s > 0 {
			ws.pushTop(Neighbor{Doc: int(j), Sim: s}, ix.k)
		}
	}
}

// walkCapped adds document i's capped terms to every candidate by walking
// their posting lists.
func (ix *docIndex) walkCapped(i int32, ws *neighborWork) {
	seen, acc := ws.seen, ws.acc
	stamp := i + 1
	jsd := ix.m == SimJSD
	for e, id := range ws.own.ids {
		if !ix.capped[id] {
			continue
		}
		lo, hi := ix.start[id], ix.start[id+1]
		docs, pw := ix.pdoc[lo:hi], ix.pw[lo:hi]
		wi := ws.own.w[e]
		if jsd {
			hw, ph := ws.own.h[e], ix.ph[lo:hi]
			for p, j := range docs {
				if j != i && seen[j] == stamp {
					acc[j] += jsdTerm(wi, hw, pw[p], ph[p])
				}
			}
			continue
		}
		for p, j := range docs {
			if j != i && seen[j] == stamp {
				acc[j] += float64(wi * pw[p])
			}
		}
	}
}

// lookupCapped adds to each survivor the capped terms it shares with
// document i, looking its capped entries up in a dense copy of i's.
func (ix *docIndex) lookupCapped(i int, ws *neighborWork) {
	jsd := ix.m == SimJSD
	own, ownEnd := ix.cstart[i], ix.cstart[i+1]
	for c := own; c < ownEnd; c++ {
		ws.dense[ix.cid[c]] = ix.cw[c]
		if jsd {
			ws.denseH[ix.cid[c]] = ix.ch[c]
		}
	}
	for _, j := range ws.surv {
		for c := ix.cstart[j]; c < ix.cstart[j+1]; c++ {
			id := ix.cid[c]
			x := ws.dense[id]
			if x == 0 {
				continue
			}
			if jsd {
				ws.acc[j] += jsdTerm(x, ws.denseH[id], ix.cw[c], ix.ch[c])
			} else {
				ws.acc[j] += float64(x * ix.cw[c])
			}
		}
	}
	for c := own; c < ownEnd; c++ {
		ws.dense[ix.cid[c]] = 0
	}
}

// kthLargest is the k-th largest of acc over the touched documents
// (1 ≤ k < len(touched)), kept in a min-heap of k values.
func (ws *neighborWork) kthLargest(k int) float64 {
	h := ws.bounds[:0]
	for _, j := range ws.touched {
		v := ws.acc[j]
		if len(h) < k {
			h = append(h, v)
			for c := len(h) - 1; c > 0 && h[(c-1)/2] > h[c]; c = (c - 1) / 2 {
				h[(c-1)/2], h[c] = h[c], h[(c-1)/2]
			}
			continue
		}
		if v <= h[0] {
			continue
		}
		h[0] = v
		for p := 0; ; {
			m, l, r := p, 2*p+1, 2*p+2
			if l < len(h) && h[l] < h[m] {
				m = l
			}
			if r < len(h) && h[r] < h[m] {
				m = r
			}
			if m == p {
				break
			}
			h[p], h[m] = h[m], h[p]
			p = m
		}
	}
	ws.bounds = h
	return h[0]
}

// better orders neighbours: higher similarity first, then lower index.
func better(a, b Neighbor) bool {
	return a.Sim > b.Sim || (a.Sim == b.Sim && a.Doc < b.Doc)
}

// pushTop keeps the k best neighbours in ws.heap, a heap whose root is the
// worst of them.
func (ws *neighborWork) pushTop(nb Neighbor, k int) {
	h := ws.heap
	if len(h) < k {
		h = append(h, nb)
		for c := len(h) - 1; c > 0; {
			p := (c - 1) / 2
			if !better(h[p], h[c]) {
				break
			}
			h[p], h[c] = h[c], h[p]
			c = p
		}
		ws.heap = h
		return
	}
	if !better(nb, h[0]) {
		return
	}
	h[0] = nb
	for p := 0; ; {
		worst, l, r := p, 2*p+1, 2*p+2
		if l < len(h) && better(h[worst], h[l]) {
			worst = l
		}
		if r < len(h) && better(h[worst], h[r]) {
			worst = r
		}
		if worst == p {
			return
		}
		h[p], h[worst] = h[worst], h[p]
		p = worst
	}
}
