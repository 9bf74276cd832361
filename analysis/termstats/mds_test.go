package termstats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// distanceMatrix is the Euclidean distance matrix of points.
func distanceMatrix(pts [][]float64) *mat.SymDense {
	d := mat.NewSymDense(len(pts), nil)
	for i := range pts {
		for j := range i {
			var s float64
			for k := range pts[i] {
				s += (pts[i][k] - pts[j][k]) * (pts[i][k] - pts[j][k])
			}
			d.SetSym(i, j, math.Sqrt(s))
		}
	}
	return d
}

// TestClassicalMDSRecoversPlanarPoints builds the distances of five points
// on a plane (an irregular pentagon, so no symmetry hides an error) and
// checks that MDS gives back the same configuration up to rotation,
// reflection and translation: every pairwise distance is the same.
func TestClassicalMDSRecoversPlanarPoints(t *testing.T) {
	pts := [][]float64{{0, 0}, {3, 0}, {3, 1}, {1, 2.5}, {-0.5, 1}}
	d := distanceMatrix(pts)
	x, eig, pos, err := ClassicalMDS(d)
	if err != nil {
		t.Fatal(err)
	}
	for i := range pts {
		for j := range i {
			got := math.Hypot(x[0][i]-x[0][j], x[1][i]-x[1][j])
			if want := d.At(i, j); math.Abs(got-want) > 1e-9 {
				t.Errorf("distance %d–%d: got %.12f, want %.12f", i, j, got, want)
			}
		}
	}
	// Planar points: the two eigenvalues carry all the variance.
	if math.Abs(eig[0]+eig[1]-pos) > 1e-9 || eig[0] < eig[1] || eig[1] <= 0 {
		t.Errorf("eigenvalues %v, positive sum %v", eig, pos)
	}
	// The map is centred: each dimension sums to 0.
	for k := range 2 {
		var s float64
		for _, v := range x[k] {
			s += v
		}
		if math.Abs(s) > 1e-9 {
			t.Errorf("dimension %d sums to %v", k+1, s)
		}
	}
}

// TestClassicalMDSHandComputed checks a case small enough to do by hand:
// three points on a line at 0, 1 and 3. Centred, they sit at −4/3, −1/3
// and 5/3, so B = x xᵀ has one positive eigenvalue, Σ x² = 42/9 = 14/3, and
// the second dimension is 0.
func TestClassicalMDSHandComputed(t *testing.T) {
	d := distanceMatrix([][]float64{{0}, {1}, {3}})
	x, eig, pos, err := ClassicalMDS(d)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(eig[0]-14.0/3) > 1e-12 || eig[1] != 0 || math.Abs(pos-14.0/3) > 1e-12 {
		t.Fatalf("eigenvalues %v, positive %v; want [14/3 0], 14/3", eig, pos)
	}
	// The largest component (5/3) is made positive.
	want := []float64{-4.0 / 3, -1.0 / 3, 5.0 / 3}
	for i, w := range want {
		if math.Abs(x[0][i]-w) > 1e-12 || x[1][i] != 0 {
			t.Errorf("point %d: (%v, %v), want (%v, 0)", i, x[0][i], x[1][i], w)
		}
	}
}

// TestClassicalMDSNonEuclidean: distances of four points in three
// dimensions (a regular tetrahedron) cannot all be kept on a plane; the
// map keeps two of three equal eigenvalues and says so.
func TestClassicalMDSNonEuclidean(t *testing.T) {
	s := 1 / math.Sqrt2
	d := distanceMatrix([][]float64{{1, 0, -s}, {-1, 0, -s}, {0, 1, s}, {0, -1, s}})
	_, eig, pos, err := ClassicalMDS(d)
	if err != nil {
		t.Fatal(err)
	}
	if share := (eig[0] + eig[1]) / pos; math.Abs(share-2.0/3) > 1e-9 {
		t.Errorf("explained share %v, want 2/3", share)
	}
}

func TestSimilarityMDS(t *testing.T) {
	// Similarities 1 − distance of four points on a plane, one group invalid.
	pts := [][]float64{{0, 0}, {0.3, 0}, {0, 0.4}, {0.2, 0.5}}
	d := distanceMatrix(pts)
	labels := []string{"A", "B", "Z", "C", "D"}
	rows := []int{0, 1, 3, 4} // Z (row 2) has no terms
	sym := mat.NewSymDense(5, nil)
	for a, i := range rows {
		for b, j := range rows {
			sym.SetSym(i, j, 1-d.At(a, b))
		}
	}
	s := &SimMatrix{Measure: SimCosineTFIDF, Labels: labels, Values: sym, Valid: []bool{true, true, false, true, true}}
	m, err := SimilarityMDS(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Labels; len(got) != 4 || got[2] != "C" {
		t.Fatalf("labels %v", got)
	}
	if m.MaxError > 1e-9 || math.Abs(m.Explained-1) > 1e-9 {
		t.Errorf("max error %v, explained %v; want 0 and 1", m.MaxError, m.Explained)
	}
	again, _ := SimilarityMDS(s)
	for i := range m.X {
		if m.X[i] != again.X[i] || m.Y[i] != again.Y[i] {
			t.Fatalf("not deterministic at %d", i)
		}
	}
	if one, err := SimilarityMDS(&SimMatrix{Labels: []string{"A"}, Values: mat.NewSymDense(1, []float64{1}), Valid: []bool{true}}); err != nil || one.X[0] != 0 || one.Y[0] != 0 {
		t.Errorf("one group: %+v, %v", one, err)
	}
}
