package stance

import "math/rand/v2"

// Cluster groups the words of v into k clusters of similar vectors by
// spherical k-means (cosine similarity; Lloyd's iterations from k words
// drawn with seed among the 20,000 most frequent), and records each word's
// cluster in v: the cluster features generalize a word the training data
// rarely has to the words like it. The same vectors, k, iterations and seed
// give the same clusters.
func Cluster(v *Vectors, k, iters int, seed uint64) {
	n, d := v.Len(), v.Dim
	if k <= 0 || n == 0 {
		v.clusters, v.cluster = 0, nil
		return
	}
	k = min(k, n, 65535)
	x := make([]float32, n*d)
	for i := range n {
		v.addTo(x[i*d:], int32(i), 1)
	}
	r := rand.New(rand.NewPCG(seed, 0xc1a5))
	pick := r.Perm(min(n, 20000))[:k]
	cent := make([]float32, k*d)
	for c, i := range pick {
		copy(cent[c*d:(c+1)*d], x[i*d:(i+1)*d])
	}
	assign := make([]uint16, n)
	for it := 0; it < iters; it++ {
		changed := 0
		for i := range n {
			xi := x[i*d : (i+1)*d]
			best, bs := 0, float32(-2)
			for c := range k {
				cc := cent[c*d : (c+1)*d]
				var s float32
				for j, a := range xi {
					s += a * cc[j]
				}
				if s > bs {
					best, bs = c, s
				}
			}
			if it == 0 || assign[i] != uint16(best) {
				changed++
			}
			assign[i] = uint16(best)
		}
		clear(cent)
		for i := range n {
			cc := cent[int(assign[i])*d:]
			for j, a := range x[i*d : (i+1)*d] {
				cc[j] += a
			}
		}
		for c := range k {
			cc := cent[c*d : (c+1)*d]
			var s float32
			for _, a := range cc {
				s += a * a
			}
			if s > 0 {
				inv := 1 / float32(sqrt64(float64(s)))
				for j := range cc {
					cc[j] *= inv
				}
			}
		}
		if changed == 0 {
			break
		}
	}
	v.clusters, v.cluster = k, assign
}
