package stance

import (
	"strconv"

	"parallax/analysis/segment"
	"parallax/lexicons"
)

// Dense features: averages of the word vectors of the context by place.
// Each block is Dim numbers, the mean vector of its words; block b's
// number k is the feature named "D"+blockName[b] + "\x00" + k. The model
// is linear, so scoring never builds the averages: at load each word's
// vector is projected on each block's weights once (Model.proj), and a
// mention adds the projections of its words divided by the block's count.
const (
	dLeft     = iota // context words 1–3 to the left of the target
	dRight           // context words 1–3 to the right
	dClause          // context words of the target's clause
	dSentence        // every context word of the sentence
	dNegated         // words of the target's clause in a negation scope
	dTarget          // the target's own words (Options.TargetVec)
	dLeftD           // every context word left of the target, weighted 1/distance (Options.DistVec)
	dRightD          // every context word right of the target, weighted 1/distance (Options.DistVec)
	dHead            // the word likely to govern the target (Options.HeadVec, headWord)
	numBlocks
)

var blockNames = [numBlocks]string{"L", "R", "C", "S", "N", "T", "LD", "RD", "H"}

// blockOn reports whether the options use block b.
func (o Options) blockOn(b int) bool {
	switch b {
	case dTarget:
		return o.TargetVec
	case dLeftD, dRightD:
		return o.DistVec
	case dHead:
		return o.HeadVec
	}
	return true
}

// denseRef is one word's contribution to a block: its row in the vectors
// and its weight, its raw weight (1, or 1/distance in the distance
// blocks) divided by the sum of the block's raw weights.
type denseRef struct {
	block uint8
	row   int32
	w     float32
}

// denseHash gives the hash of number k of block b.
func denseHash(b, k int) uint64 { return featureHash("D"+blockNames[b], strconv.Itoa(k)) }

// addRef records word row in block b with raw weight a.
func addRef(sc *scratch, b int, row int32, a float32) {
	sc.dref = append(sc.dref, denseRef{block: uint8(b), row: row, w: a})
	sc.dn[b] += a
}

// addDense records the context word at token i (row in the vectors) in
// the blocks it belongs to.
func addDense(o Options, sc *scratch, row int32, side, d int, same, neg bool) {
	if d <= 3 {
		if side == 0 {
			addRef(sc, dLeft, row, 1)
		} else {
			addRef(sc, dRight, row, 1)
		}
	}
	if same {
		addRef(sc, dClause, row, 1)
		if neg {
			addRef(sc, dNegated, row, 1)
		}
	}
	addRef(sc, dSentence, row, 1)
	if o.DistVec {
		if side == 0 {
			addRef(sc, dLeftD, row, 1/float32(d))
		} else {
			addRef(sc, dRightD, row, 1/float32(d))
		}
	}
}

// finishDense divides each reference's raw weight by its block's sum, so
// that each block is a (weighted) mean.
func finishDense(sc *scratch) {
	for i := range sc.dref {
		sc.dref[i].w /= sc.dn[sc.dref[i].block]
	}
}

// denseValues adds the block averages of sc's references to dst
// (numBlocks·Dim numbers, block-major).
func denseValues(v *Vectors, sc *scratch, dst []float32) {
	for _, r := range sc.dref {
		v.addTo(dst[int(r.block)*v.Dim:], r.row, r.w)
	}
}

// project computes, for every word of the vectors and every block, the
// word's vector times the block's weights: proj[(row·numBlocks+b)·3+c].
// Blocks the options o leave out stay zero.
func project(v *Vectors, w [][numClasses]float32, o Options) []float32 {
	out := make([]float32, v.Len()*numBlocks*numClasses)
	vec := make([]float32, v.Dim)
	for row := range v.Len() {
		clear(vec)
		v.addTo(vec, int32(row), 1)
		for b := range numBlocks {
			if !o.blockOn(b) {
				continue
			}
			dst := out[(row*numBlocks+b)*numClasses:]
			for k, x := range vec {
				wk := &w[b*v.Dim+k]
				for c := range numClasses {
					dst[c] += x * wk[c]
				}
			}
		}
	}
	return out
}

// stopEN is the embedded English stop list: words that cannot be a head.
var stopEN = func() *lexicons.StopWords {
	s, err := lexicons.LoadStopWords("en")
	if err != nil {
		panic("embedded stop list: " + err.Error()) // the embedded file is tested
	}
	return s
}()

// headWord guesses, without a parser, the token that governs the target
// (tokens t0..t1) in its clause: when the target opens its clause (only
// stop words, at most three, before it: "while the governor") and words
// of the clause follow it, the first word
// after it that is not a stop word, within 4 words (its verb: "the
// governor stalled it"); otherwise the first such word before it, within
// 4 words ("accused Smith"). Masked tokens (masked[i]) are skipped. It
// returns −1 when there is none. tf are the tokens' facts (tokenFacts).
func headWord(toks []segment.Token, tf []wordFacts, t0, t1 int, clause []int, tClause int, masked []bool) int {
	n := len(toks)
	ok := func(i int) bool {
		return clause[i] == tClause && (masked == nil || !masked[i]) && !stopAt(toks, tf, i)
	}
	start := t0
	for start > 0 && start-1 < n && clause[start-1] == tClause {
		start--
	}
	subj := t0-start <= 3 && t1 < n && clause[t1] == tClause
	for i := start; i < t0 && subj; i++ {
		subj = stopAt(toks, tf, i) || tf[i].flags&fClause != 0
	}
	if subj {
		for i := t1; i < min(n, t1+4) && clause[i] == tClause; i++ {
			if ok(i) {
				return i
			}
		}
	}
	for i := min(t0, n) - 1; i >= max(start, t0-4); i-- {
		if ok(i) {
			return i
		}
	}
	return -1
}
