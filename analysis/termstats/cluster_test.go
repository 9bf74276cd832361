package termstats

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// simFromDist builds a SimMatrix with similarity 1 − d from distances by
// pair of labels; the rows named in invalid are n/a.
func simFromDist(t *testing.T, labels []string, invalid []string, pairs map[[2]string]float64) *SimMatrix {
	t.Helper()
	n := len(labels)
	s := &SimMatrix{Labels: labels, Valid: make([]bool, n)}
	if n == 0 {
		return s
	}
	s.Values = mat.NewSymDense(n, nil)
	idx := map[string]int{}
	for i, l := range labels {
		idx[l] = i
		s.Valid[i] = !slices.Contains(invalid, l)
		if s.Valid[i] {
			s.Values.SetSym(i, i, 1)
		}
	}
	for p, d := range pairs {
		s.Values.SetSym(idx[p[0]], idx[p[1]], 1-d)
	}
	return s
}

func TestClusterHand(t *testing.T) {
	// Distances (labels a…e, rows in label order 0…4):
	//        a    b    c    d    e
	//   a    -   .6   .3   .8   .5
	//   b        -   .7   .2   .8
	//   c             -   .9   .1
	//   d                  -   .9
	// UPGMA:
	//   1. c+e at 0.1 (cluster 5; c left, its label is smaller).
	//      d(a,ce) = (.3+.5)/2 = .4; d(b,ce) = (.7+.8)/2 = .75; d(d,ce) = (.9+.9)/2 = .9
	//   2. b+d at 0.2 (cluster 6).
	//      d(a,bd) = (.6+.8)/2 = .7; d(ce,bd) = (.7+.9+.8+.9)/4 = .825
	//   3. a+ce at 0.4 (cluster 7; a left).
	//      d(ace,bd) = (.6+.8 + .7+.9 + .8+.9)/6 = 4.7/6
	//   4. ace+bd at 4.7/6 = 0.78333… (cluster 8).
	// Leaves: a, c, e, b, d → rows 0, 2, 4, 1, 3.
	pairs := map[[2]string]float64{
		{"a", "b"}: .6, {"a", "c"}: .3, {"a", "d"}: .8, {"a", "e"}: .5,
		{"b", "c"}: .7, {"b", "d"}: .2, {"b", "e"}: .8,
		{"c", "d"}: .9, {"c", "e"}: .1,
		{"d", "e"}: .9,
	}
	s := simFromDist(t, []string{"a", "b", "c", "d", "e"}, nil, pairs)
	d, err := Cluster(s)
	if err != nil {
		t.Fatal(err)
	}
	wantMerges := []Merge{
		{Left: 2, Right: 4, Height: 0.1, Size: 2},
		{Left: 1, Right: 3, Height: 0.2, Size: 2},
		{Left: 0, Right: 5, Height: 0.4, Size: 3},
		{Left: 7, Right: 6, Height: 4.7 / 6, Size: 5},
	}
	assertDendrogram(t, "hand", d, []int{0, 2, 4, 1, 3}, wantMerges)
	if got := ClusterOrder(s); !slices.Equal(got, d.Order) {
		t.Errorf("ClusterOrder = %v, want %v", got, d.Order)
	}

	// The same matrix with rows shuffled: the same clustering by label.
	perm := []string{"d", "a", "e", "c", "b"}
	d2, err := Cluster(simFromDist(t, perm, nil, pairs))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range d2.Order {
		order = append(order, perm[r])
	}
	if want := []string{"a", "c", "e", "b", "d"}; !slices.Equal(order, want) {
		t.Errorf("shuffled rows: order %q, want %q", order, want)
	}
	if d2.Merges[0].Left != 3 || d2.Merges[0].Right != 2 {
		t.Errorf("shuffled rows: first merge %+v, want rows 3 (c) and 2 (e)", d2.Merges[0])
	}
}

func assertDendrogram(t *testing.T, name string, d *Dendrogram, order []int, merges []Merge) {
	t.Helper()
	if !slices.Equal(d.Order, order) {
		t.Errorf("%s: order %v, want %v", name, d.Order, order)
	}
	if len(d.Merges) != len(merges) {
		t.Fatalf("%s: merges %+v, want %+v", name, d.Merges, merges)
	}
	for k, m := range merges {
		g := d.Merges[k]
		if g.Left != m.Left || g.Right != m.Right || g.Size != m.Size || math.Abs(g.Height-m.Height) > simTol {
			t.Errorf("%s: merge %d is %+v, want %+v", name, k, g, m)
		}
	}
}

func TestClusterTiesAndNA(t *testing.T) {
	all := func(d float64, labels ...string) map[[2]string]float64 {
		p := map[[2]string]float64{}
		for i, a := range labels {
			for _, b := range labels[i+1:] {
				p[[2]string{a, b}] = d
			}
		}
		return p
	}
	for _, tc := range []struct {
		name    string
		labels  []string
		invalid []string
		pairs   map[[2]string]float64
		order   []int
		merges  []Merge
	}{
		{
			// All four at distance 0.5: every step is a tie, won by the
			// pair with the first labels: w+x, then wx+y, then wxy+z.
			// Rows are given backwards: z 0, y 1, x 2, w 3.
			name:   "all tied",
			labels: []string{"z", "y", "x", "w"},
			pairs:  all(0.5, "w", "x", "y", "z"),
			order:  []int{3, 2, 1, 0},
			merges: []Merge{{3, 2, 0.5, 2}, {4, 1, 0.5, 3}, {5, 0, 0.5, 4}},
		},
		{
			// Two tied closest pairs, (b,d) and (a,c) at 0.2: a+c goes
			// first. Then b+d at 0.2, then ac+bd at the mean of
			// .6 .7 .8 .9 = .75.
			name:   "tied pairs",
			labels: []string{"a", "b", "c", "d"},
			pairs: map[[2]string]float64{
				{"a", "b"}: .6, {"a", "c"}: .2, {"a", "d"}: .7,
				{"b", "c"}: .8, {"b", "d"}: .2, {"c", "d"}: .9,
			},
			order:  []int{0, 2, 1, 3},
			merges: []Merge{{0, 2, 0.2, 2}, {1, 3, 0.2, 2}, {4, 5, 0.75, 4}},
		},
		{
			// n/a rows b and d take no part and come last, in label order.
			name:    "n/a rows",
			labels:  []string{"d", "c", "b", "a"},
			invalid: []string{"d", "b"},
			pairs:   map[[2]string]float64{{"a", "c"}: 0.25},
			order:   []int{3, 1, 2, 0},
			merges:  []Merge{{3, 1, 0.25, 2}},
		},
		{
			name:    "all n/a",
			labels:  []string{"b", "a"},
			invalid: []string{"a", "b"},
			order:   []int{1, 0},
		},
		{name: "one row", labels: []string{"solo"}, order: []int{0}},
		{name: "empty", order: nil},
	} {
		d, err := Cluster(simFromDist(t, tc.labels, tc.invalid, tc.pairs))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		assertDendrogram(t, tc.name, d, tc.order, tc.merges)
	}
}

// TestClusterInvariant clusters random group similarities twice, rows in
// two orders: the labelled result must be the same, and heights must not
// decrease (UPGMA is monotone).
func TestClusterInvariant(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 10 {
		_, tab := randomDense(t, r, 3+trial, 30)
		s, err := GroupSimilarity(tab, SimCosineFreq, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := s.Len()
		perm := r.Perm(n)
		ps := &SimMatrix{Labels: make([]string, n), Values: mat.NewSymDense(n, nil), Valid: make([]bool, n)}
		for a, i := range perm {
			ps.Labels[a], ps.Valid[a] = s.Labels[i], s.Valid[i]
			for b, j := range perm {
				ps.Values.SetSym(a, b, s.Values.At(i, j))
			}
		}
		d1, err1 := Cluster(s)
		d2, err2 := Cluster(ps)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		var o1, o2 []string
		for k := range d1.Order {
			o1 = append(o1, s.Labels[d1.Order[k]])
			o2 = append(o2, ps.Labels[d2.Order[k]])
		}
		if !slices.Equal(o1, o2) {
			t.Errorf("trial %d: order %q, after shuffling rows %q", trial, o1, o2)
		}
		for k := range d1.Merges {
			if d1.Merges[k].Height != d2.Merges[k].Height || d1.Merges[k].Size != d2.Merges[k].Size {
				t.Errorf("trial %d: merge %d: %+v vs %+v", trial, k, d1.Merges[k], d2.Merges[k])
			}
			if k > 0 && d1.Merges[k].Height < d1.Merges[k-1].Height-simTol {
				t.Errorf("trial %d: heights decrease at merge %d: %+v", trial, k, d1.Merges)
			}
		}
		if len(d1.Order) != n {
			t.Errorf("trial %d: order has %d rows, want %d", trial, len(d1.Order), n)
		}
	}
}

func TestClusterErrors(t *testing.T) {
	nan := simFromDist(t, []string{"a", "b"}, nil, nil)
	nan.Values.SetSym(0, 1, math.NaN())
	if got := ClusterOrder(nan); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("ClusterOrder of a matrix with NaN = %v, want label order [0 1]", got)
	}
	for _, tc := range []struct {
		name string
		s    *SimMatrix
		want string
	}{
		{"nil", nil, "no similarity matrix"},
		{"valid length", &SimMatrix{Labels: []string{"a"}, Values: mat.NewSymDense(1, nil)}, "1 labels but 0 validity flags"},
		{"size", &SimMatrix{Labels: []string{"a", "b"}, Valid: []bool{true, true}, Values: mat.NewSymDense(1, nil)}, "not 2×2"},
		{"NaN", nan, `similarity of "b" and "a" is NaN`},
	} {
		_, err := Cluster(tc.s)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
