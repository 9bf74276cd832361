package termstats

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/floats"
)

// DocVectors are per-document sparse term counts over the ids of a
// TermTable, with each document's id and group for output. IDs and Groups
// are either nil or as long as Vecs.
type DocVectors struct {
	IDs, Groups []string
	Vecs        []SparseCounts
	Indexes     []int // each document's position in the input (corpus.Document.Index)
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

// vector is document i's weighted vector (all terms), as the similarity sums want it.
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
