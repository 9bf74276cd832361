package stance

import "strconv"

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
	numBlocks
)

var blockNames = [numBlocks]string{"L", "R", "C", "S", "N"}

// denseRef is one word's contribution to a block: its row in the vectors
// and its weight, 1/(number of words of the block).
type denseRef struct {
	block uint8
	row   int32
	w     float32
}

// denseHash gives the hash of number k of block b.
func denseHash(b, k int) uint64 { return featureHash("D"+blockNames[b], strconv.Itoa(k)) }

// addDense records the context word at token i (row in the vectors) in
// the blocks it belongs to.
func addDense(sc *scratch, row int32, side, d int, same, neg bool) {
	add := func(b int) {
		sc.dref = append(sc.dref, denseRef{block: uint8(b), row: row})
		sc.dn[b]++
	}
	if d <= 3 {
		if side == 0 {
			add(dLeft)
		} else {
			add(dRight)
		}
	}
	if same {
		add(dClause)
		if neg {
			add(dNegated)
		}
	}
	add(dSentence)
}

// finishDense sets each reference's weight to 1/(count of its block).
func finishDense(sc *scratch) {
	for i := range sc.dref {
		sc.dref[i].w = 1 / float32(sc.dn[sc.dref[i].block])
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
func project(v *Vectors, w [][numClasses]float32) []float32 {
	out := make([]float32, v.Len()*numBlocks*numClasses)
	vec := make([]float32, v.Dim)
	for row := range v.Len() {
		clear(vec)
		v.addTo(vec, int32(row), 1)
		for b := range numBlocks {
			o := out[(row*numBlocks+b)*numClasses:]
			for k, x := range vec {
				wk := &w[b*v.Dim+k]
				for c := range numClasses {
					o[c] += x * wk[c]
				}
			}
		}
	}
	return out
}
