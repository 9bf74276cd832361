package termstats

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// MDSMap is a two-dimensional map of the groups of a similarity matrix by
// classical (Torgerson) multidimensional scaling of the distances
// d = 1 − similarity (docs/report.md).
type MDSMap struct {
	Labels []string  // the groups placed, in the matrix's row order (valid rows only)
	Rows   []int     // their rows in the SimMatrix
	X, Y   []float64 // coordinates: dimension 1 and 2
	// Eigen holds the two largest eigenvalues of B (0 for a dimension with
	// no positive eigenvalue); Positive is the sum of all positive ones.
	Eigen    [2]float64
	Positive float64
	// Explained is (Eigen[0] + Eigen[1]) / Positive: the share of the
	// configuration's variance the map shows; NaN when Positive is 0.
	Explained float64
	// MaxError is the largest absolute difference between a distance in the
	// map and the distance 1 − similarity it stands for.
	MaxError float64
}

// SimilarityMDS places the valid rows of s on a plane so that the Euclidean
// distance between two groups approximates 1 − their similarity. Rows that
// are not valid (a group with no counted term) are left out.
func SimilarityMDS(s *SimMatrix) (*MDSMap, error) {
	if s == nil {
		return nil, fmt.Errorf("mds: no similarity matrix")
	}
	var rows []int
	for i, ok := range s.Valid {
		if ok {
			rows = append(rows, i)
		}
	}
	m := &MDSMap{Rows: rows}
	for _, i := range rows {
		m.Labels = append(m.Labels, s.Labels[i])
	}
	if len(rows) == 0 {
		m.Explained = math.NaN()
		return m, nil
	}
	d, err := distances(s, rows) // 1 − similarity, as the clustering uses
	if err != nil {
		return nil, fmt.Errorf("mds: %w", err)
	}
	x, eig, pos, err := ClassicalMDS(d)
	if err != nil {
		return nil, err
	}
	m.X, m.Y = x[0], x[1]
	m.Eigen, m.Positive = eig, pos
	m.Explained = math.NaN()
	if pos > 0 {
		m.Explained = (eig[0] + eig[1]) / pos
	}
	for a := range rows {
		for b := range a {
			got := math.Hypot(m.X[a]-m.X[b], m.Y[a]-m.Y[b])
			m.MaxError = math.Max(m.MaxError, math.Abs(got-d.At(a, b)))
		}
	}
	return m, nil
}

// ClassicalMDS embeds n points with the distance matrix d in two
// dimensions: B = −½ J D⁽²⁾ J with J = I − 11ᵀ/n (D⁽²⁾ the squared
// distances), eigen-decomposed; dimension k is the eigenvector of the k-th
// largest eigenvalue λ_k scaled by √λ_k, or 0 when λ_k ≤ 0. It returns the
// coordinates ([dimension][point]), the two eigenvalues used (0 when not
// positive) and the sum of all positive eigenvalues. Each eigenvector's sign
// is fixed so that its largest component (the first, on a tie) is positive,
// so the result is deterministic; any rotation or reflection of it fits the
// distances equally well.
func ClassicalMDS(d *mat.SymDense) (coords [2][]float64, eig [2]float64, positive float64, err error) {
	n := d.SymmetricDim()
	coords = [2][]float64{make([]float64, n), make([]float64, n)}
	if n == 0 {
		return coords, eig, 0, nil
	}
	// Double centring of the squared distances.
	sq := mat.NewDense(n, n, nil)
	rowMean := make([]float64, n)
	var all float64
	for i := range n {
		for j := range n {
			v := d.At(i, j)
			if i == j {
				v = 0
			}
			v *= v
			sq.Set(i, j, v)
			rowMean[i] += v / float64(n)
		}
		all += rowMean[i] / float64(n)
	}
	b := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			b.SetSym(i, j, -0.5*(sq.At(i, j)-rowMean[i]-rowMean[j]+all))
		}
	}
	var es mat.EigenSym
	if !es.Factorize(b, true) {
		return coords, eig, 0, fmt.Errorf("mds: the eigendecomposition did not converge")
	}
	vals := es.Values(nil)
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// Largest first; equal eigenvalues keep gonum's (ascending) order reversed.
	slices.SortStableFunc(order, func(a, c int) int { return cmp.Compare(vals[c], vals[a]) })
	// Eigenvalues this close to 0, relative to the largest, are rounding.
	tol := 1e-10 * math.Max(math.Abs(vals[order[0]]), 1e-300)
	for _, v := range vals {
		if v > tol {
			positive += v
		}
	}
	for k := 0; k < 2 && k < n; k++ {
		lambda := vals[order[k]]
		if lambda <= tol {
			continue
		}
		eig[k] = lambda
		col := order[k]
		big, sign := 0.0, 1.0
		for i := range n {
			if v := vecs.At(i, col); math.Abs(v) > big+1e-12 {
				big = math.Abs(v)
				sign = math.Copysign(1, v)
			}
		}
		scale := sign * math.Sqrt(lambda)
		for i := range n {
			coords[k][i] = scale * vecs.At(i, col)
		}
	}
	return coords, eig, positive, nil
}
