package termstats

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Merge is one step of agglomerative clustering. A cluster id below the
// number of rows n is a single row; id n+k is the cluster formed by Merges[k].
type Merge struct {
	Left, Right int     // the two clusters joined; Left holds the smaller label
	Height      float64 // average distance between them, distance = 1 − similarity
	Size        int     // rows in the new cluster
}

// Dendrogram is the result of clustering the rows of a SimMatrix.
type Dendrogram struct {
	// Order lists every row: the valid rows as the dendrogram's leaves, left
	// to right, then the rows that are not valid in label order.
	Order []int
	// Merges joins the valid rows, lowest first; len is (valid rows − 1).
	Merges []Merge
}

// tieTolerance is how close two distances must be to count as a tie, broken
// by label; it absorbs the rounding of averaged distances.
const tieTolerance = 1e-12

// Cluster orders the rows of s by hierarchical agglomerative clustering with
// average linkage (UPGMA) on the distance 1 − similarity: at each step the
// two clusters with the smallest mean pairwise distance between their rows
// are joined. Every cluster is known by its smallest label (byte order); a tie
// between pairs (within 1e-12) goes to the pair whose two labels come first,
// and of two joined clusters the one with the smaller label is placed left.
// The result therefore depends on the labels, not on the order of the rows.
// Rows that are not valid take no part and come last in label order.
//
// The naive algorithm is used: O(n³) time and O(n²) memory for n valid rows,
// a fraction of a second for a few hundred groups.
func Cluster(s *SimMatrix) (*Dendrogram, error) {
	if s == nil {
		return nil, fmt.Errorf("cluster: no similarity matrix")
	}
	n := len(s.Labels)
	if len(s.Valid) != n {
		return nil, fmt.Errorf("cluster: %d labels but %d validity flags", n, len(s.Valid))
	}
	if n > 0 && (s.Values == nil || s.Values.SymmetricDim() != n) {
		return nil, fmt.Errorf("cluster: %d labels but the matrix is not %d×%d", n, n, n)
	}
	byLabel := func(a, b int) int {
		if c := cmp.Compare(s.Labels[a], s.Labels[b]); c != 0 {
			return c
		}
		return a - b
	}
	var valid, invalid []int
	for i, ok := range s.Valid {
		if ok {
			valid = append(valid, i)
		} else {
			invalid = append(invalid, i)
		}
	}
	slices.SortFunc(valid, byLabel)
	slices.SortFunc(invalid, byLabel)
	dist, err := distances(s, valid)
	if err != nil {
		return nil, err
	}
	d := &Dendrogram{}
	d.Order, d.Merges = upgma(dist, valid, n)
	d.Order = append(d.Order, invalid...)
	return d, nil
}

// ClusterOrder is the row order of Cluster(s). A malformed matrix (which
// GroupSimilarity never returns) cannot be clustered; its rows are then
// given in label order, so that a display still shows every row.
func ClusterOrder(s *SimMatrix) []int {
	if d, err := Cluster(s); err == nil {
		return d.Order
	}
	if s == nil {
		return nil
	}
	order := make([]int, len(s.Labels))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.Labels[a], s.Labels[b]) })
	return order
}

// distances is 1 − similarity between the rows listed, in that order.
func distances(s *SimMatrix, rows []int) (*mat.SymDense, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	dist := mat.NewSymDense(len(rows), nil)
	for a, i := range rows {
		for b, j := range rows[:a] {
			v := s.Values.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("cluster: similarity of %q and %q is %v", s.Labels[i], s.Labels[j], v)
			}
			dist.SetSym(a, b, 1-v)
		}
	}
	return dist, nil
}

// upgma clusters the rows whose distances are in dist; rows[a] is the row of
// slot a, slots sorted by label. It returns the leaf order and the merges.
func upgma(dist *mat.SymDense, rows []int, n int) ([]int, []Merge) {
	m := len(rows)
	if m == 0 {
		return nil, nil
	}
	// Slot a holds a live cluster: its id, size and leaves. A merged cluster
	// keeps the slot of its left part, which has the smaller label, so the
	// live slots, in ascending order, stay sorted by label.
	id := make([]int, m)
	size := make([]int, m)
	leaves := make([][]int, m)
	live := make([]int, m)
	for a := range m {
		id[a], size[a], leaves[a], live[a] = rows[a], 1, []int{rows[a]}, a
	}
	merges := make([]Merge, 0, m-1)
	for len(live) > 1 {
		x, y, h := closestPair(dist, live)
		a, b := live[x], live[y]
		merges = append(merges, Merge{Left: id[a], Right: id[b], Height: h, Size: size[a] + size[b]})
		for _, c := range live {
			if c != a && c != b {
				sa, sb := float64(size[a]), float64(size[b])
				dist.SetSym(a, c, (sa*dist.At(a, c)+sb*dist.At(b, c))/(sa+sb))
			}
		}
		id[a] = n + len(merges) - 1
		size[a] += size[b]
		leaves[a] = append(leaves[a], leaves[b]...)
		live = slices.Delete(live, y, y+1)
	}
	return leaves[live[0]], merges
}

// closestPair finds the live slots x < y at the smallest distance, scanning
// pairs in label order so that a tie goes to the pair with the first labels.
func closestPair(dist *mat.SymDense, live []int) (x, y int, h float64) {
	h = math.Inf(1)
	for i, a := range live {
		for j := i + 1; j < len(live); j++ {
			if v := dist.At(a, live[j]); v < h-tieTolerance {
				x, y, h = i, j, v
			}
		}
	}
	return x, y, h
}
