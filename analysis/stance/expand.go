package stance

import (
	"gonum.org/v1/gonum/mat"

	"parallax/tone"
)

// expandWords is how many of the most frequent words of the vectors train
// the valence expansion: those of the VADER lexicon with their valence,
// the others with 0.
const expandWords = 20000

// expandValence predicts a VADER-like valence (/4, so in about [−1, 1])
// for every word of the vectors from its vector, by ridge regression
// (penalty 1) fitted on the expandWords most frequent words: a word of
// the VADER lexicon has its valence, any other 0. The words are in the
// vectors' order (most frequent first), so the fit is deterministic.
// Words of the VADER lexicon keep their own valence at use; the
// prediction serves words the lexicon lacks ("stalled", "thwarted").
func expandValence(v *Vectors) []float32 {
	n := min(v.Len(), expandWords)
	d := v.Dim
	// XᵀX + I and Xᵀy, summed in word order (upper triangle)
	a := make([]float64, d*d)
	b := make([]float64, d)
	vec := make([]float32, d)
	row := make([]float64, d)
	for i := range n {
		clear(vec)
		v.addTo(vec, int32(i), 1)
		for k, x := range vec {
			row[k] = float64(x)
		}
		y, _ := tone.WordValence(v.words[i])
		y /= 4
		for k, xk := range row {
			ak := a[k*d:]
			for l := k; l < d; l++ {
				ak[l] += xk * row[l]
			}
			b[k] += xk * y
		}
	}
	xtx := mat.NewSymDense(d, a)
	for k := range d {
		xtx.SetSym(k, k, xtx.At(k, k)+1)
	}
	xty := mat.NewVecDense(d, b)
	var w mat.VecDense
	var ch mat.Cholesky
	out := make([]float32, v.Len())
	if !ch.Factorize(xtx) {
		return out
	}
	if err := ch.SolveVecTo(&w, xty); err != nil {
		return out
	}
	for i := range v.Len() {
		clear(vec)
		v.addTo(vec, int32(i), 1)
		var s float64
		for k, x := range vec {
			s += float64(x) * w.AtVec(k)
		}
		out[i] = float32(s)
	}
	return out
}
