package termstats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

const simTol = 1e-12

// plainIDF and smoothIDF are the two idf variants of docs/measures.md,
// written out here so that these tests do not depend on measures.go.
func plainIDF(docs int) func(int64) float64 {
	return func(df int64) float64 { return math.Log(float64(docs) / float64(df)) }
}

func smoothIDF(docs int) func(int64) float64 {
	return func(df int64) float64 { return math.Log(float64(1+docs)/float64(1+df)) + 1 }
}

func TestParseSimMeasure(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    SimMeasure
		wantErr string
	}{
		{"cosine-tfidf", SimCosineTFIDF, ""},
		{"", SimCosineTFIDF, ""},
		{" Cosine-Freq ", SimCosineFreq, ""},
		{"JSD", SimJSD, ""},
		{"cosine", "", `unknown similarity measure "cosine"`},
		{"pearson", "", `unknown similarity measure "pearson"`},
	} {
		got, err := ParseSimMeasure(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseSimMeasure(%q): error %v, want one containing %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseSimMeasure(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// handTable is the worked example of the hand-computed tests:
//
//	        x  y  z   docs
//	A       2  1  0   2   (df x 2, y 1)
//	B       1  1  1   1
//	C       0  0  2   1
//	D       0  0  0   1   (an article with no counted term)
//
// Corpus document frequency: x 3, y 2, z 2; D = 5 documents.
func handTable(t *testing.T) *TermTable {
	t.Helper()
	tab, err := NewTermTableDense(
		[]string{"A", "B", "C", "D"}, []string{"x", "y", "z"},
		[][]int64{{2, 1, 0}, {1, 1, 1}, {0, 0, 2}, {0, 0, 0}},
		[][]int64{{2, 1, 0}, {1, 1, 1}, {0, 0, 1}, {0, 0, 0}},
		[]int{2, 1, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestGroupSimilarityHand(t *testing.T) {
	// Relative frequencies: A (2/3, 1/3, 0), B (1/3, 1/3, 1/3), C (0, 0, 1).
	// A and C share no term, so every measure gives 0 for them.
	//
	// tf-idf, with a = idf(3) for x and b = idf(2) for y and z (the common
	// factor 1/3 of tf cancels): A ∝ (2a, b, 0), B ∝ (a, b, b), C ∝ (0, 0, b):
	//   cos(A,B) = (2a² + b²) / (√(4a² + b²)·√(a² + 2b²)), cos(B,C) = b/√(a² + 2b²).
	// plain, a = ln(5/3) = 0.5108256237659907, b = ln(5/2) = 0.9162907318741551:
	//   cos(A,B) = 0.7122434605009098, cos(B,C) = 0.6578380226780169.
	// smooth, a = ln(6/4)+1 = 1.4054651081081644, b = ln(6/3)+1 = 1.6931471805599454:
	//   cos(A,B) = 0.748266527083365, cos(B,C) = 0.6098184563533858.
	//
	// cosine-freq: cos(A,B) = (2/9 + 1/9) / (√(5/9)·√(3/9)) = 3/√15 = 0.7745966692414834,
	//   cos(B,C) = (1/3) / (√(1/3)·1) = 1/√3 = 0.5773502691896258.
	//
	// jsd: A,B: M = (1/2, 1/3, 1/6); KL(A‖M) = 2/3·log₂(4/3); KL(B‖M) =
	//   1/3·log₂(2/3) + 1/3·log₂ 2 = 1/3·log₂(4/3); JSD = ½·log₂(4/3),
	//   1 − JSD = 0.7924812503605781.
	//   B,C: M = (1/6, 1/6, 2/3); KL(B‖M) = 1/3 + 1/3 − 1/3 = 1/3;
	//   KL(C‖M) = log₂(3/2); JSD = 1/6 + ½·log₂(3/2); 1 − JSD = 0.5408520829727552.
	for _, tc := range []struct {
		name     string
		m        SimMeasure
		idf      func(int64) float64
		ab, bc   float64
		wantDiag bool
	}{
		{"cosine-tfidf plain", SimCosineTFIDF, plainIDF(5), 0.7122434605009098, 0.6578380226780169, true},
		{"cosine-tfidf smooth", SimCosineTFIDF, smoothIDF(5), 0.748266527083365, 0.6098184563533858, true},
		{"cosine-freq", SimCosineFreq, nil, 0.7745966692414834, 0.5773502691896258, true},
		{"jsd", SimJSD, nil, 0.7924812503605781, 0.5408520829727552, true},
	} {
		s, err := GroupSimilarity(handTable(t), tc.m, tc.idf)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if s.Measure != tc.m || !slices.Equal(s.Labels, []string{"A", "B", "C", "D"}) {
			t.Errorf("%s: measure %q labels %q", tc.name, s.Measure, s.Labels)
		}
		if want := []bool{true, true, true, false}; !slices.Equal(s.Valid, want) {
			t.Errorf("%s: valid %v, want %v", tc.name, s.Valid, want)
		}
		for _, c := range []struct {
			i, j int
			want float64
		}{{0, 1, tc.ab}, {1, 2, tc.bc}, {0, 2, 0}, {0, 0, 1}, {1, 1, 1}, {2, 2, 1}} {
			for _, ij := range [][2]int{{c.i, c.j}, {c.j, c.i}} {
				got, ok := s.At(ij[0], ij[1])
				if !ok || math.Abs(got-c.want) > simTol {
					t.Errorf("%s: At(%d,%d) = %.17g, %v; want %.17g", tc.name, ij[0], ij[1], got, ok, c.want)
				}
			}
		}
		for j := range 4 {
			if v, ok := s.At(3, j); ok || v != 0 {
				t.Errorf("%s: At(3,%d) = %v, %v; want n/a", tc.name, j, v, ok)
			}
		}
		assertNoNaN(t, tc.name, s)
	}
}

func assertNoNaN(t *testing.T, name string, s *SimMatrix) {
	t.Helper()
	n := s.Len()
	for i := range n {
		for j := range n {
			if v := s.Values.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: Values(%d,%d) = %v", name, i, j, v)
			}
		}
	}
}

// TestGroupSimilarityZeroIDF checks that a group whose terms all have idf 0
// (plain idf of a term in every document) is a zero tf-idf vector: n/a.
func TestGroupSimilarityZeroIDF(t *testing.T) {
	// x is in all 3 documents: plain idf ln(3/3) = 0. E uses x only.
	tab, err := NewTermTableDense(
		[]string{"E", "F"}, []string{"x", "y"},
		[][]int64{{4, 0}, {1, 2}},
		[][]int64{{2, 0}, {1, 1}},
		[]int{2, 1})
	if err != nil {
		t.Fatal(err)
	}
	s, err := GroupSimilarity(tab, SimCosineTFIDF, plainIDF(3))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Valid, []bool{false, true}) {
		t.Errorf("valid %v, want [false true]", s.Valid)
	}
	// With cosine-freq E is a real vector: cos((1,0),(1,2)) = 1/√5.
	s, err = GroupSimilarity(tab, SimCosineFreq, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := s.At(0, 1); !ok || math.Abs(v-1/math.Sqrt(5)) > simTol {
		t.Errorf("cosine-freq At(0,1) = %v, %v; want 1/√5", v, ok)
	}
}

func TestGroupSimilarityOneGroup(t *testing.T) {
	tab, err := NewTermTableDense([]string{"only"}, []string{"x"}, [][]int64{{3}}, [][]int64{{1}}, []int{1})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range SimMeasures() {
		s, err := GroupSimilarity(tab, m, smoothIDF(1))
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if v, ok := s.At(0, 0); s.Len() != 1 || !ok || v != 1 {
			t.Errorf("%s: 1×1 matrix: len %d, At(0,0) = %v, %v", m, s.Len(), v, ok)
		}
	}
}

func TestGroupSimilarityErrors(t *testing.T) {
	bad := handTable(t)
	bad.Count[1] = SparseCounts{IDs: []int32{2, 1}, Counts: []int64{1, 1}}
	neg := handTable(t)
	neg.Count[0].Counts[0] = -1
	short := handTable(t)
	short.CorpusDF = short.CorpusDF[:2]
	for _, tc := range []struct {
		name string
		tab  *TermTable
		m    SimMeasure
		idf  func(int64) float64
		want string
	}{
		{"nil table", nil, SimJSD, nil, "no term table"},
		{"unknown measure", handTable(t), "euclid", nil, `unknown measure "euclid"`},
		{"unparsed measure", handTable(t), "JSD", nil, `unknown measure "JSD"`},
		{"no idf", handTable(t), SimCosineTFIDF, nil, "needs an idf function"},
		{"NaN idf", handTable(t), SimCosineTFIDF, func(int64) float64 { return math.NaN() }, `term "x": idf of document frequency 3 is NaN`},
		{"negative idf", handTable(t), SimCosineTFIDF, plainIDF(1), `term "x": idf of document frequency 3 is -1.09`},
		{"ids not ascending", bad, SimCosineFreq, nil, `group "B": term ids not ascending at entry 1`},
		{"negative count", neg, SimJSD, nil, `group "A": term id 0 has negative count -1`},
		{"short df", short, SimCosineTFIDF, plainIDF(5), "3 terms but 2 document frequencies"},
	} {
		_, err := GroupSimilarity(tc.tab, tc.m, tc.idf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// randomDense makes a groups × terms count matrix with some zero rows and
// columns and a Zipf-like spread, and the matching term table.
func randomDense(t *testing.T, r *rand.Rand, ngroups, nterms int) ([][]int64, *TermTable) {
	t.Helper()
	groups := make([]string, ngroups)
	terms := make([]string, nterms)
	count := make([][]int64, ngroups)
	df := make([][]int64, ngroups)
	docs := make([]int, ngroups)
	for j := range terms {
		terms[j] = string(rune('a'+j%26)) + strings.Repeat("_", j/26)
	}
	for g := range groups {
		groups[g] = "g" + string(rune('A'+g))
		count[g] = make([]int64, nterms)
		df[g] = make([]int64, nterms)
		docs[g] = 5
		if g == ngroups-1 {
			continue // a zero row
		}
		for j := range terms {
			if r.Float64() < 1/(1+float64(j)/4) {
				count[g][j] = 1 + r.Int64N(20)
				df[g][j] = 1 + r.Int64N(min(count[g][j], 5))
			}
		}
	}
	tab, err := NewTermTableDense(groups, terms, count, df, docs)
	if err != nil {
		t.Fatal(err)
	}
	// Rows of count in the table's sorted order (terms are sorted there too).
	dense := make([][]int64, ngroups)
	for g := range tab.Groups {
		dense[g] = make([]int64, len(tab.Terms))
		for e, id := range tab.Count[g].IDs {
			dense[g][id] = tab.Count[g].Counts[e]
		}
	}
	return dense, tab
}

// denseCosine is the independent check of the cosines: the Gram matrix
// X·Xᵀ of the dense weight rows with gonum, cos = G_ij / √(G_ii·G_jj).
func denseCosine(rows [][]float64) *mat.Dense {
	n, v := len(rows), len(rows[0])
	x := mat.NewDense(n, v, nil)
	for i, r := range rows {
		x.SetRow(i, r)
	}
	var g mat.Dense
	g.Mul(x, x.T())
	out := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			out.Set(i, j, g.At(i, j)/math.Sqrt(g.At(i, i)*g.At(j, j)))
		}
	}
	return out
}

// denseJSD is 1 − JSD straight from the definition: ½KL(P‖M) + ½KL(Q‖M).
func denseJSD(p, q []float64) float64 {
	var kp, kq float64
	for t := range p {
		m := (p[t] + q[t]) / 2
		if p[t] > 0 {
			kp += p[t] * math.Log2(p[t]/m)
		}
		if q[t] > 0 {
			kq += q[t] * math.Log2(q[t]/m)
		}
	}
	return 1 - (kp/2 + kq/2)
}

func TestGroupSimilarityDense(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 20 {
		dense, tab := randomDense(t, r, 2+trial%7, 5+r.IntN(60))
		idf := smoothIDF(tab.TotalDocs)
		rel := make([][]float64, len(dense))
		tfidf := make([][]float64, len(dense))
		for g, row := range dense {
			rel[g] = make([]float64, len(row))
			tfidf[g] = make([]float64, len(row))
			for j, c := range row {
				if tab.Tokens[g] > 0 {
					rel[g][j] = float64(c) / float64(tab.Tokens[g])
					tfidf[g][j] = rel[g][j] * idf(tab.CorpusDF[j])
				}
			}
		}
		cosF, cosT := denseCosine(rel), denseCosine(tfidf)
		for _, m := range SimMeasures() {
			s, err := GroupSimilarity(tab, m, idf)
			if err != nil {
				t.Fatalf("trial %d %s: %v", trial, m, err)
			}
			for i := range dense {
				wantValid := tab.Tokens[i] > 0
				if s.Valid[i] != wantValid {
					t.Errorf("trial %d %s: Valid[%d] = %v, want %v", trial, m, i, s.Valid[i], wantValid)
				}
				for j := range dense {
					got, ok := s.At(i, j)
					if !ok {
						continue
					}
					var want float64
					switch m {
					case SimCosineFreq:
						want = cosF.At(i, j)
					case SimCosineTFIDF:
						want = cosT.At(i, j)
					case SimJSD:
						want = denseJSD(rel[i], rel[j])
					}
					if math.Abs(got-want) > simTol {
						t.Errorf("trial %d %s: At(%d,%d) = %.17g, dense %.17g", trial, m, i, j, got, want)
					}
					if got < 0 || got > 1 || got != s.Values.At(j, i) {
						t.Errorf("trial %d %s: At(%d,%d) = %v out of [0,1] or not symmetric", trial, m, i, j, got)
					}
					if i == j && got != 1 {
						t.Errorf("trial %d %s: diagonal %d is %v", trial, m, i, got)
					}
				}
			}
			assertNoNaN(t, string(m), s)
		}
	}
}

// TestGroupSimilarityRelabel renames the groups so that their sorted order
// changes: each pair of labels must keep its similarity.
func TestGroupSimilarityRelabel(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	dense, tab := randomDense(t, r, 6, 40)
	// Reverse the order by prefixing names that sort backwards.
	renamed := make([]string, len(tab.Groups))
	for g, name := range tab.Groups {
		renamed[g] = string(rune('z'-g)) + name
	}
	df := make([][]int64, len(dense))
	for g := range dense {
		df[g] = make([]int64, len(tab.Terms))
		for e, id := range tab.DocFreq[g].IDs {
			df[g][id] = tab.DocFreq[g].Counts[e]
		}
	}
	tab2, err := NewTermTableDense(renamed, tab.Terms, dense, df, tab.Docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range SimMeasures() {
		s1, err1 := GroupSimilarity(tab, m, smoothIDF(tab.TotalDocs))
		s2, err2 := GroupSimilarity(tab2, m, smoothIDF(tab2.TotalDocs))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", m, err1, err2)
		}
		for i := range renamed {
			i2 := tab2.GroupIndex(renamed[i])
			for j := range renamed {
				j2 := tab2.GroupIndex(renamed[j])
				v1, ok1 := s1.At(i, j)
				v2, ok2 := s2.At(i2, j2)
				if v1 != v2 || ok1 != ok2 {
					t.Errorf("%s: %s~%s = %v,%v before relabelling, %v,%v after", m, tab.Groups[i], tab.Groups[j], v1, ok1, v2, ok2)
				}
			}
		}
	}
}

func TestNearestDocumentsHand(t *testing.T) {
	// Term ids: 0 x, 1 y, 2 z, 3 w. Relative frequencies:
	//   d0 {x ½, y ½}, d1 {x 1}, d2 {y ½, z ½}, d3 {w 1}, d4 {} (empty),
	//   d5 {x 1} (same as d1).
	// cosine-freq: d0·d1 = ½/√½ = 1/√2; d0·d2 = ¼/(√½·√½) = ½; d1·d5 = 1;
	//   d1·d2 = 0, d3 shares nothing, d4 is a zero vector.
	// jsd: d0,d1: the shared x adds (½+1)·log₂(3/2) − ½·log₂ ½ − 0 =
	//   1.5·log₂ 1.5 + ½; 1 − JSD = ½ of that = 0.6887218755408672.
	//   d0,d2: y adds 1·log₂ 1 − 2·(½·log₂ ½) = 1; 1 − JSD = ½.
	dv := &DocVectors{
		IDs: []string{"d0", "d1", "d2", "d3", "d4", "d5"},
		Vecs: []SparseCounts{
			{IDs: []int32{0, 1}, Counts: []int64{1, 1}},
			{IDs: []int32{0}, Counts: []int64{3}},
			{IDs: []int32{1, 2}, Counts: []int64{2, 2}},
			{IDs: []int32{3}, Counts: []int64{1}},
			{},
			{IDs: []int32{0}, Counts: []int64{1}},
		},
	}
	r2 := 1 / math.Sqrt2
	j01 := 0.5 * (1.5*math.Log2(1.5) + 0.5)
	for _, tc := range []struct {
		name string
		m    SimMeasure
		k    int
		want [][]Neighbor
	}{
		{"cosine-freq k=1", SimCosineFreq, 1, [][]Neighbor{
			{{1, r2}}, {{5, 1}}, {{0, 0.5}}, nil, nil, {{1, 1}},
		}},
		{"cosine-freq k=3", SimCosineFreq, 3, [][]Neighbor{
			{{1, r2}, {5, r2}, {2, 0.5}}, {{5, 1}, {0, r2}}, {{0, 0.5}}, nil, nil, {{1, 1}, {0, r2}},
		}},
		{"jsd k=2", SimJSD, 2, [][]Neighbor{
			{{1, j01}, {5, j01}}, {{5, 1}, {0, j01}}, {{0, 0.5}}, nil, nil, {{1, 1}, {0, j01}},
		}},
	} {
		got, err := NearestDocuments(dv, NeighborOptions{Measure: tc.m, K: tc.k})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !neighborsClose(got, tc.want, simTol) {
			t.Errorf("%s:\n got %v\nwant %v", tc.name, got, tc.want)
		}
	}
}

func neighborsClose(a, b [][]Neighbor, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for x := range a[i] {
			if a[i][x].Doc != b[i][x].Doc || math.Abs(a[i][x].Sim-b[i][x].Sim) > tol {
				return false
			}
		}
	}
	return true
}

// randomDocs makes n documents over a Zipf vocabulary of v terms plus, for
// each of 8 topics, 40 terms of its own (ids v+40·topic …), so that documents
// of a topic are alike; with a few empty documents and exact duplicates (for
// ties).
func randomDocs(seed uint64, n, v int) *DocVectors {
	r := rand.New(rand.NewPCG(seed, seed+1))
	z := rand.NewZipf(r, 1.2, 2, uint64(v-1))
	zt := rand.NewZipf(r, 1.1, 1, 39)
	dv := &DocVectors{}
	for i := range n {
		counts := map[int32]int64{}
		topic := int32(r.IntN(8))
		switch {
		case i%37 == 5: // empty
		case i%23 == 7 && i > 0: // duplicate of the previous document
			prev := dv.Vecs[i-1]
			for e, id := range prev.IDs {
				counts[id] = prev.Counts[e]
			}
		default:
			for range 5 + r.IntN(60) {
				if r.IntN(3) == 0 {
					counts[int32(v)+40*topic+int32(zt.Uint64())]++
				} else {
					counts[int32(z.Uint64())]++
				}
			}
		}
		dv.IDs = append(dv.IDs, "doc"+string(rune('A'+i%26))+strings.Repeat("'", i/26))
		dv.Groups = append(dv.Groups, "outlet"+string(rune('0'+i%5)))
		dv.Vecs = append(dv.Vecs, sparseFromMap(counts))
	}
	return dv
}

// vocabSize is one more than the largest term id used.
func vocabSize(dv *DocVectors) int {
	var n int
	for _, v := range dv.Vecs {
		if l := len(v.IDs); l > 0 {
			n = max(n, int(v.IDs[l-1])+1)
		}
	}
	return n
}

func sparseFromMap(counts map[int32]int64) SparseCounts {
	var s SparseCounts
	for id := range counts {
		s.IDs = append(s.IDs, id)
	}
	slices.Sort(s.IDs)
	for _, id := range s.IDs {
		s.Counts = append(s.Counts, counts[id])
	}
	return s
}

// bruteNeighbors compares every pair with pairSim (a merge over sorted ids,
// not the inverted index) and keeps the pairs allowed by keep.
func bruteNeighbors(t *testing.T, dv *DocVectors, opts NeighborOptions, keep func(i, j int) bool) [][]Neighbor {
	t.Helper()
	ix, err := newDocIndex(dv, opts)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := ParseSimMeasure(string(opts.Measure))
	n := len(dv.Vecs)
	vecs := make([]weightedVec, n)
	for i := range n {
		vecs[i] = ix.vector(i)
	}
	out := make([][]Neighbor, n)
	for i := range n {
		var all []Neighbor
		for j := range n {
			if j == i || !keep(i, j) {
				continue
			}
			if s := pairSim(m, vecs[i], vecs[j]); s > 0 {
				all = append(all, Neighbor{j, s})
			}
		}
		slices.SortFunc(all, func(a, b Neighbor) int {
			if better(a, b) {
				return -1
			}
			return 1
		})
		if len(all) > opts.K {
			all = all[:opts.K]
		}
		out[i] = all
	}
	return out
}

func allPairs(i, j int) bool { return true }

func TestNearestDocumentsBruteForce(t *testing.T) {
	dv := randomDocs(42, 200, 400)
	df := presenceDF(dv.Vecs, vocabSize(dv))
	for _, m := range SimMeasures() {
		for _, k := range []int{1, 5, 300} {
			opts := NeighborOptions{Measure: m, K: k, CorpusDF: df, IDF: smoothIDF(len(dv.Vecs))}
			got, err := NearestDocuments(dv, opts)
			if err != nil {
				t.Fatalf("%s k=%d: %v", m, k, err)
			}
			want := bruteNeighbors(t, dv, opts, allPairs)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s k=%d: inverted index and brute force differ", m, k)
				for i := range got {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Errorf("doc %d:\n got %v\nwant %v", i, got[i], want[i])
						break
					}
				}
			}
		}
	}
}

// TestNearestDocumentsMaxDF: with the cap, the lists must equal brute force
// over the pairs that share a term found in at most MaxDF × n documents, with
// similarities still exact on the full vectors (up to rounding).
func TestNearestDocumentsMaxDF(t *testing.T) {
	dv := randomDocs(9, 200, 400)
	const maxDF = 0.2
	df := presenceDF(dv.Vecs, vocabSize(dv))
	rare := func(id int32) bool { return float64(df[id]) <= maxDF*200 }
	shareRare := func(i, j int) bool {
		a, b := dv.Vecs[i], dv.Vecs[j]
		for _, id := range a.IDs {
			if rare(id) && b.Get(id) > 0 {
				return true
			}
		}
		return false
	}
	var missed int
	for i := range dv.Vecs {
		for j := range i {
			if !shareRare(i, j) && pairShares(dv.Vecs[i], dv.Vecs[j]) {
				missed++
			}
		}
	}
	if missed == 0 {
		t.Fatal("test data has no pair sharing only common terms: the cap is not exercised")
	}
	for _, m := range SimMeasures() {
		opts := NeighborOptions{Measure: m, K: 8, IDF: smoothIDF(200), MaxDF: maxDF}
		got, err := NearestDocuments(dv, opts)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		want := bruteNeighbors(t, dv, opts, shareRare)
		ix, err := newDocIndex(dv, opts)
		if err != nil {
			t.Fatal(err)
		}
		simOf := func(i, j int) float64 { return pairSim(m, ix.vector(i), ix.vector(j)) }
		if msg := neighborsEquivalent(got, want, simOf, shareRare); msg != "" {
			t.Errorf("%s: capped index and brute force over candidate pairs differ: %s", m, msg)
		}
		full, _ := NearestDocuments(dv, NeighborOptions{Measure: m, K: 8, IDF: smoothIDF(200)})
		if neighborsClose(got, full, simTol) {
			t.Errorf("%s: the cap changed nothing although %d pairs share only common terms", m, missed)
		}
	}
}

// neighborsEquivalent compares lists whose sums were added in different
// orders: similarities must agree position by position within simTol, and a
// document may differ from the expected one only if it is allowed and its
// true similarity ties (within simTol) with the expected one, because
// rounding may order near-equal values either way. It returns "" when they
// agree.
func neighborsEquivalent(got, want [][]Neighbor, simOf func(i, j int) float64, allowed func(i, j int) bool) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d lists, want %d", len(got), len(want))
	}
	for i := range got {
		if len(got[i]) != len(want[i]) {
			return fmt.Sprintf("doc %d: got %v, want %v", i, got[i], want[i])
		}
		seen := map[int]bool{}
		for x, g := range got[i] {
			w := want[i][x]
			ok := math.Abs(g.Sim-w.Sim) <= simTol && !seen[g.Doc] && g.Doc != i &&
				(g.Doc == w.Doc || (allowed(i, g.Doc) && math.Abs(simOf(i, g.Doc)-w.Sim) <= simTol))
			if !ok {
				return fmt.Sprintf("doc %d, place %d: got %v, want %v", i, x, got[i], want[i])
			}
			seen[g.Doc] = true
		}
	}
	return ""
}

func pairShares(a, b SparseCounts) bool {
	for _, id := range a.IDs {
		if b.Get(id) > 0 {
			return true
		}
	}
	return false
}

// TestNearestDocumentsMatchesGroups puts each document in a group of its own:
// the document path (inverted index) and the group path (GroupSimilarity)
// must give the same similarities.
func TestNearestDocumentsMatchesGroups(t *testing.T) {
	dv := randomDocs(5, 40, 60)
	n, v := len(dv.Vecs), vocabSize(dv)
	groups := make([]string, n)
	terms := make([]string, v)
	count := make([][]int64, n)
	docs := make([]int, n)
	for j := range terms {
		terms[j] = string(rune('a'+j/26/26)) + string(rune('a'+j/26%26)) + string(rune('a'+j%26))
	}
	for i := range n {
		groups[i] = string(rune('A'+i/26)) + string(rune('A'+i%26))
		count[i] = make([]int64, v)
		for e, id := range dv.Vecs[i].IDs {
			count[i][id] = dv.Vecs[i].Counts[e]
		}
		docs[i] = 1
	}
	df := make([][]int64, n)
	for i := range n {
		df[i] = make([]int64, v)
		for j, c := range count[i] {
			df[i][j] = min(c, 1)
		}
	}
	tab, err := NewTermTableDense(groups, terms, count, df, docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range SimMeasures() {
		idf := plainIDF(n)
		s, err := GroupSimilarity(tab, m, idf)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		got, err := NearestDocuments(dv, NeighborOptions{Measure: m, K: n, CorpusDF: tab.CorpusDF, IDF: idf})
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		for i := range n {
			var want int
			for j := range n {
				if v, ok := s.At(i, j); ok && i != j && v > 0 {
					want++
				}
			}
			if len(got[i]) != want {
				t.Errorf("%s: doc %d has %d neighbours, group matrix has %d", m, i, len(got[i]), want)
			}
			for _, nb := range got[i] {
				if v, _ := s.At(i, nb.Doc); math.Abs(v-nb.Sim) > simTol {
					t.Errorf("%s: docs %d,%d: %.17g, group matrix %.17g", m, i, nb.Doc, nb.Sim, v)
				}
			}
		}
	}
}

func TestNearestDocumentsDeterministic(t *testing.T) {
	dv := randomDocs(77, 300, 500)
	before := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(before)
	for _, m := range SimMeasures() {
		opts := NeighborOptions{Measure: m, K: 10, IDF: smoothIDF(300), MaxDF: 0.5}
		runtime.GOMAXPROCS(1)
		one, err1 := NearestDocuments(dv, opts)
		runtime.GOMAXPROCS(2)
		two, err2 := NearestDocuments(dv, opts)
		runtime.GOMAXPROCS(7)
		seven, err3 := NearestDocuments(dv, opts)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("%s: %v %v %v", m, err1, err2, err3)
		}
		if !reflect.DeepEqual(one, two) || !reflect.DeepEqual(one, seven) {
			t.Errorf("%s: results differ between 1, 2 and 7 workers", m)
		}
	}
}

func TestNearestDocumentsInputUnchanged(t *testing.T) {
	dv := randomDocs(1, 50, 80)
	keep := &DocVectors{IDs: slices.Clone(dv.IDs), Groups: slices.Clone(dv.Groups)}
	for _, v := range dv.Vecs {
		keep.Vecs = append(keep.Vecs, SparseCounts{IDs: slices.Clone(v.IDs), Counts: slices.Clone(v.Counts)})
	}
	if _, err := NearestDocuments(dv, NeighborOptions{Measure: SimJSD, K: 3, MaxDF: 0.3}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dv, keep) {
		t.Error("NearestDocuments modified its input")
	}
}

func TestNearestDocumentsErrors(t *testing.T) {
	good := func() *DocVectors {
		return &DocVectors{IDs: []string{"a", "b"}, Vecs: []SparseCounts{
			{IDs: []int32{0, 3}, Counts: []int64{1, 2}}, {IDs: []int32{3}, Counts: []int64{1}},
		}}
	}
	unsorted := good()
	unsorted.Vecs[0].IDs = []int32{3, 0}
	mismatch := good()
	mismatch.Groups = []string{"x"}
	for _, tc := range []struct {
		name string
		dv   *DocVectors
		opts NeighborOptions
		want string
	}{
		{"nil", nil, NeighborOptions{K: 1}, "no documents"},
		{"k 0", good(), NeighborOptions{Measure: SimJSD}, "k is 0"},
		{"maxdf", good(), NeighborOptions{Measure: SimJSD, K: 1, MaxDF: 1.5}, "max document frequency 1.5"},
		{"measure", good(), NeighborOptions{Measure: "dot", K: 1}, `unknown similarity measure "dot"`},
		{"no idf", good(), NeighborOptions{K: 1}, "needs an idf function"},
		{"unsorted", unsorted, NeighborOptions{Measure: SimJSD, K: 1}, `document "a": term ids not ascending`},
		{"groups", mismatch, NeighborOptions{Measure: SimJSD, K: 1}, "1 groups for 2 documents"},
		{"df short", good(), NeighborOptions{K: 1, CorpusDF: []int64{1, 1}, IDF: plainIDF(2)}, `document "a": term id 3 out of range [0, 2)`},
		{"df zero", good(), NeighborOptions{K: 1, CorpusDF: []int64{0, 0, 0, 2}, IDF: plainIDF(2)}, "term id 0: idf of document frequency 0 is +Inf"},
	} {
		_, err := NearestDocuments(tc.dv, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// newsLikeDocs makes n documents of about distinct distinct terms each: two
// thirds of the tokens from a Zipf distribution (s = 1.07) over a
// 50,000-term vocabulary, the shape of word counts in news text after stop
// words, and one third from one of 50 topics' own 1,000-term vocabularies,
// so that stories on the same topic resemble each other.
func newsLikeDocs(n, distinct int) *DocVectors {
	r := rand.New(rand.NewPCG(2024, 1))
	z := rand.NewZipf(r, 1.07, 1, 49_999)
	zt := rand.NewZipf(r, 1.07, 1, 999)
	dv := &DocVectors{}
	for range n {
		counts := map[int32]int64{}
		topic := int32(r.IntN(50))
		for tokens := 0; len(counts) < distinct && tokens < 20*distinct; tokens++ {
			if r.IntN(3) == 0 {
				counts[50_000+1000*topic+int32(zt.Uint64())]++
			} else {
				counts[int32(z.Uint64())]++
			}
		}
		dv.Vecs = append(dv.Vecs, sparseFromMap(counts))
	}
	return dv
}

func BenchmarkNearestDocuments(b *testing.B) {
	dv := newsLikeDocs(2000, 300)
	for _, bc := range []struct {
		name  string
		m     SimMeasure
		idf   func(int) func(int64) float64
		maxDF float64
	}{
		{"cosine-tfidf/smooth", SimCosineTFIDF, smoothIDF, 0},
		{"cosine-tfidf/smooth/maxdf=0.5", SimCosineTFIDF, smoothIDF, 0.5},
		{"cosine-tfidf/smooth/maxdf=0.1", SimCosineTFIDF, smoothIDF, 0.1},
		{"cosine-tfidf/plain", SimCosineTFIDF, plainIDF, 0},
		{"cosine-tfidf/plain/maxdf=0.1", SimCosineTFIDF, plainIDF, 0.1},
		{"cosine-freq", SimCosineFreq, plainIDF, 0},
		{"jsd", SimJSD, plainIDF, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			opts := NeighborOptions{Measure: bc.m, K: 10, IDF: bc.idf(len(dv.Vecs)), MaxDF: bc.maxDF}
			for b.Loop() {
				if _, err := NearestDocuments(dv, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*len(dv.Vecs))/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
