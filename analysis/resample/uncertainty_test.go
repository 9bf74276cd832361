package resample

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestQuantileType7(t *testing.T) {
	// Sorted: 1 1 2 3 4 5 6 9 (n = 8), h = (n−1)p = 7p, 0-based.
	x := []float64{1, 1, 2, 3, 4, 5, 6, 9}
	cases := []struct {
		name string
		p    float64
		want float64
	}{
		{"p=0.025", 0.025, 1},     // h = 0.175: 1 + 0.175·(1−1) = 1
		{"p=0.975", 0.975, 8.475}, // h = 6.825: 6 + 0.825·(9−6) = 8.475 (numpy.percentile(x, 97.5))
		{"median", 0.5, 3.5},      // h = 3.5: 3 + 0.5·(4−3) = 3.5
		{"p=0.3", 0.3, 2.1},       // h = 2.1: 2 + 0.1·(3−2) = 2.1
		{"p=0", 0, 1},             // h = 0: the minimum
		{"p=1", 1, 9},             // h = 7: the maximum
	}
	for _, c := range cases {
		if got := quantileType7(x, c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: quantileType7 = %v, want %v", c.name, got, c.want)
		}
	}
	if got := quantileType7([]float64{7}, 0.975); got != 7 {
		t.Errorf("one value: quantileType7 = %v, want 7", got)
	}
	if got := quantileType7(nil, 0.5); !math.IsNaN(got) {
		t.Errorf("no values: quantileType7 = %v, want NaN", got)
	}
}

// exactBootstrapQuantiles enumerates all n^n equally likely ordered
// resamples of the n units and returns the exact p-quantile of the resampled
// statistic for each p, Q(p) = min{x : F(x) ≥ p}. It fails the test when F
// passes within margin of p at Q, where a Monte Carlo estimate could land
// on either side.
func exactBootstrapQuantiles(t *testing.T, sums, counts []float64, ps []float64, margin float64) []float64 {
	t.Helper()
	n := len(sums)
	total := 1
	for range n {
		total *= n
	}
	stats := make([]float64, 0, total)
	idx := make([]int, n)
	for range total {
		var s, c float64
		for _, j := range idx {
			s += sums[j]
			c += counts[j]
		}
		stats = append(stats, s/c)
		for k := range idx { // next tuple, odometer order
			idx[k]++
			if idx[k] < n {
				break
			}
			idx[k] = 0
		}
	}
	slices.Sort(stats)
	out := make([]float64, len(ps))
	for i, p := range ps {
		// Walk distinct values (ties within 1e-12 merged) until F ≥ p.
		for k := 0; k < len(stats); {
			end := k
			for end < len(stats) && stats[end]-stats[k] <= 1e-12 {
				end++
			}
			below, upto := float64(k)/float64(total), float64(end)/float64(total)
			if upto >= p {
				if p-below < margin || upto-p < margin {
					t.Fatalf("test data: F jumps from %.4f to %.4f at %v, too close to p = %v", below, upto, stats[k], p)
				}
				out[i] = stats[k]
				break
			}
			k = end
		}
	}
	return out
}

func TestBootstrapApproachesExactDistribution(t *testing.T) {
	cases := []struct {
		name     string
		articles [][]float64
		unit     string
	}{
		// Four articles of one value each: sentences resampled, 4^4 = 256 resamples.
		{"sentences, 4 values", [][]float64{{1}, {2}, {4}, {8}}, UnitSentence},
		// Five articles of unequal sizes: articles resampled, 5^5 = 3125 resamples,
		// statistic Σ sums / Σ counts of the drawn articles.
		{"articles, 5 of sizes 1-3", [][]float64{{1}, {-1, 0.5}, {2, 3, -1}, {5}, {-2, 1.5}}, UnitArticle},
	}
	const resamples = 200_000 // SE of F at the 2.5% point ≈ √(.025·.975/2e5) = 3.5e-4
	for _, c := range cases {
		s, err := SampleFromArticles(c.articles)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		sums, counts, _ := s.units(s.Unit(), nil)
		exact := exactBootstrapQuantiles(t, sums, counts, []float64{0.025, 0.975}, 0.003)
		iv := Bootstrap(s, resamples, DefaultSeed, c.name)
		if iv.Unit != c.unit {
			t.Errorf("%s: unit %q, want %q", c.name, iv.Unit, c.unit)
		}
		if math.Abs(iv.Low-exact[0]) > 1e-9 || math.Abs(iv.High-exact[1]) > 1e-9 {
			t.Errorf("%s: interval [%v, %v], exact bootstrap percentiles [%v, %v]", c.name, iv.Low, iv.High, exact[0], exact[1])
		}
	}
}

func TestBootstrapClusterOrSentence(t *testing.T) {
	// Every article is (0, 1): all article means are 0.5 and sizes equal, so
	// an article resample always has mean exactly 0.5; a sentence resample of
	// 0s and 1s varies.
	articles := func(k int) [][]float64 {
		a := make([][]float64, k)
		for i := range a {
			a[i] = []float64{0, 1}
		}
		return a
	}
	cases := []struct {
		name     string
		articles int
		unit     string
		small    bool
	}{
		{"4 articles", 4, UnitSentence, true},
		{"5 articles", 5, UnitArticle, false},
		{"40 articles", 40, UnitArticle, false},
	}
	for _, c := range cases {
		s, err := SampleFromArticles(articles(c.articles))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		iv := Bootstrap(s, 0, DefaultSeed, c.name)
		if iv.Unit != c.unit || iv.Small != c.small || iv.Articles != c.articles || iv.N != 2*c.articles || iv.Resamples != DefaultResamples {
			t.Errorf("%s: got %+v, want unit %q small %v articles %d n %d resamples %d", c.name, iv, c.unit, c.small, c.articles, 2*c.articles, DefaultResamples)
		}
		clustered := iv.Low == 0.5 && iv.High == 0.5
		if clustered != (c.unit == UnitArticle) || iv.Mean != 0.5 {
			t.Errorf("%s: interval [%v, %v] around %v: article resampling gives exactly [0.5, 0.5], sentence resampling a wider one",
				c.name, iv.Low, iv.High, iv.Mean)
		}
	}
}

func TestPairUnitRule(t *testing.T) {
	five, _ := SampleFromArticles([][]float64{{1}, {2}, {3}, {4}, {5}})
	six, _ := SampleFromArticles([][]float64{{1}, {2}, {3}, {4}, {5}, {6, 7}})
	four, _ := SampleFromArticles([][]float64{{1}, {2}, {3}, {4, 5}})
	cases := []struct {
		name  string
		a, b  Sample
		unit  string
		small bool
	}{
		{"5 and 6 articles", five, six, UnitArticle, false},
		{"5 and 4 articles", five, four, UnitSentence, true},
		{"4 and 6 articles", four, six, UnitSentence, true},
	}
	for _, c := range cases {
		got, err := PairwiseTests([]string{"a", "b"}, []Sample{c.a, c.b}, 99, DefaultSeed)
		if err != nil || len(got) != 1 {
			t.Fatalf("%s: %v, %d pairs", c.name, err, len(got))
		}
		if got[0].Unit != c.unit || got[0].Small != c.small {
			t.Errorf("%s: unit %q small %v, want %q %v", c.name, got[0].Unit, got[0].Small, c.unit, c.small)
		}
	}
}

// exactPermutationP enumerates every way of giving nA of the pooled units
// to the first group and returns the share of splits whose |difference of
// means| is at least the observed one.
func exactPermutationP(sums, counts []float64, nA int) float64 {
	diff := func(in []bool) float64 {
		var sa, ca, sb, cb float64
		for i, a := range in {
			if a {
				sa, ca = sa+sums[i], ca+counts[i]
			} else {
				sb, cb = sb+sums[i], cb+counts[i]
			}
		}
		return sa/ca - sb/cb
	}
	n := len(sums)
	observed := make([]bool, n)
	for i := range nA {
		observed[i] = true
	}
	d0 := math.Abs(diff(observed))
	hits, splits := 0, 0
	in := make([]bool, n)
	for mask := range 1 << n {
		k := 0
		for i := range n {
			in[i] = mask&(1<<i) != 0
			if in[i] {
				k++
			}
		}
		if k != nA {
			continue
		}
		splits++
		if math.Abs(diff(in)) >= d0-1e-12 {
			hits++
		}
	}
	return float64(hits) / float64(splits)
}

func TestPermutationApproachesExactTest(t *testing.T) {
	cases := []struct {
		name string
		a, b [][]float64
		unit string
	}{
		// 3 + 4 values: C(7,3) = 35 splits of sentences.
		{"sentences", [][]float64{{1}, {2.5}, {4}}, [][]float64{{0}, {0.5}, {3}, {7}}, UnitSentence},
		// 5 + 5 articles of unequal sizes: C(10,5) = 252 splits of articles.
		{"articles",
			[][]float64{{0.9, 0.7}, {0.4}, {1.2, 0.3, 0.8}, {0.6}, {1.5, 0.1}},
			[][]float64{{0.2}, {-0.3, 0.5}, {0.1, 0.0}, {0.7, -0.2, 0.4}, {-0.6}},
			UnitArticle},
		// Equal groups: every split ties with the observed 0, p = 1.
		{"no difference", [][]float64{{1}, {2}}, [][]float64{{1}, {2}}, UnitSentence},
	}
	const perms = 199_999
	for _, c := range cases {
		a, errA := SampleFromArticles(c.a)
		b, errB := SampleFromArticles(c.b)
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v %v", c.name, errA, errB)
		}
		got, err := PairwiseTests([]string{"a", "b"}, []Sample{a, b}, perms, DefaultSeed)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		tst := got[0]
		sa, ca, _ := a.units(c.unit, nil)
		sb, cb, _ := b.units(c.unit, nil)
		exact := exactPermutationP(slices.Concat(sa, sb), slices.Concat(ca, cb), len(sa))
		se := math.Sqrt(exact * (1 - exact) / perms)
		if tst.Unit != c.unit || math.Abs(tst.P-exact) > 5*se+1.0/perms {
			t.Errorf("%s: p = %.5f (unit %q), exact p = %.5f (unit %q), 5 SE = %.5f", c.name, tst.P, tst.Unit, exact, c.unit, 5*se)
		}
		if want := a.Mean() - b.Mean(); tst.Diff != want || tst.A != "a" || tst.B != "b" {
			t.Errorf("%s: %s−%s diff %v, want a−b %v", c.name, tst.A, tst.B, tst.Diff, want)
		}
	}
}

// syntheticGroups makes k groups of articles of 20 sentences with group
// means spread over [−0.2, 0.2], from a fixed seed.
func syntheticGroups(k, articles int) ([]string, []Sample) {
	rng := rand.New(rand.NewPCG(7, 7))
	names := make([]string, k)
	samples := make([]Sample, k)
	for g := range k {
		names[g] = fmt.Sprintf("outlet %02d", g)
		shift := -0.2 + 0.4*float64(g)/float64(max(k-1, 1))
		arts := make([][]float64, articles)
		for a := range arts {
			arts[a] = make([]float64, 20)
			for i := range arts[a] {
				arts[a][i] = max(-1, min(1, shift+0.5*rng.NormFloat64()))
			}
		}
		samples[g], _ = SampleFromArticles(arts)
	}
	return names, samples
}

func TestUncertaintyDeterminism(t *testing.T) {
	names, samples := syntheticGroups(6, 8)
	samples[2], _ = SampleFromArticles([][]float64{{0.1, 0.3}, {-0.4}, {0.2, 0.2, 0.9}}) // a small group
	run := func(names []string, samples []Sample, seed uint64) ([]Interval, []PairTest) {
		iv, err := BootstrapGroups(names, samples, 500, seed)
		if err != nil {
			t.Fatal(err)
		}
		pt, err := PairwiseTests(names, samples, 499, seed)
		if err != nil {
			t.Fatal(err)
		}
		return iv, pt
	}
	iv1, pt1 := run(names, samples, DefaultSeed)

	iv2, pt2 := run(names, samples, DefaultSeed)
	if !slices.Equal(iv1, iv2) || !slices.Equal(pt1, pt2) {
		t.Errorf("same seed: results differ between runs")
	}

	prev := runtime.GOMAXPROCS(1)
	ivOne, ptOne := run(names, samples, DefaultSeed)
	runtime.GOMAXPROCS(2)
	ivTwo, ptTwo := run(names, samples, DefaultSeed)
	runtime.GOMAXPROCS(prev)
	if !slices.Equal(ivOne, iv1) || !slices.Equal(ivTwo, iv1) || !slices.Equal(ptOne, pt1) || !slices.Equal(ptTwo, pt1) {
		t.Errorf("GOMAXPROCS 1 vs 2: results differ")
	}

	// Reversed order, one group dropped: every remaining group's interval and
	// every remaining pair's p are unchanged.
	rn, rs := slices.Clone(names[1:]), slices.Clone(samples[1:])
	slices.Reverse(rn)
	slices.Reverse(rs)
	ivR, ptR := run(rn, rs, DefaultSeed)
	for i, name := range rn {
		j := slices.Index(names, name)
		if ivR[i] != iv1[j] {
			t.Errorf("group %q: interval %+v after reordering, %+v before", name, ivR[i], iv1[j])
		}
		if single := Bootstrap(samples[j], 500, DefaultSeed, name); single != iv1[j] {
			t.Errorf("group %q: Bootstrap alone %+v, in BootstrapGroups %+v", name, single, iv1[j])
		}
	}
	for _, p := range ptR {
		k := slices.IndexFunc(pt1, func(q PairTest) bool { return q.A == p.A && q.B == p.B })
		if k < 0 || pt1[k].P != p.P || pt1[k].Diff != p.Diff {
			t.Errorf("pair %q–%q: p %v after reordering, not found or different before", p.A, p.B, p.P)
		}
	}

	iv3, pt3 := run(names, samples, 2)
	if slices.Equal(iv1, iv3) || slices.Equal(pt1, pt3) {
		t.Errorf("seeds 1 and 2 give identical results: the seed is not used")
	}
}

func TestPairwiseBenjaminiHochberg(t *testing.T) {
	names, samples := syntheticGroups(7, 6)
	got, err := PairwiseTests(names, samples, 999, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 21 {
		t.Fatalf("%d pairs of 7 groups, want 21", len(got))
	}
	for i, p := range got {
		if p.Q < p.P || p.Q > 1 {
			t.Errorf("pair %q–%q: q %v outside [p, 1], p = %v", p.A, p.B, p.Q, p.P)
		}
		if p.A >= p.B || i > 0 && (got[i-1].A > p.A || got[i-1].A == p.A && got[i-1].B >= p.B) {
			t.Errorf("pair %d %q–%q: pairs not sorted by (A, B)", i, p.A, p.B)
		}
	}
	byP := slices.Clone(got)
	slices.SortStableFunc(byP, func(a, b PairTest) int {
		return cmp.Compare(a.P, b.P)
	})
	for i := 1; i < len(byP); i++ {
		if byP[i].Q < byP[i-1].Q {
			t.Errorf("q not monotone in p: p %v → q %v, then p %v → q %v", byP[i-1].P, byP[i-1].Q, byP[i].P, byP[i].Q)
		}
	}
	// The smallest p times 21/1 bounds the smallest q from above.
	if q, p := byP[0].Q, byP[0].P; q > p*21+1e-15 {
		t.Errorf("smallest q %v exceeds 21 × smallest p %v", q, p)
	}
	// Groups 0 and 6 differ by about 0.4 in mean, 6 articles each: only the
	// observed split and its mirror are as extreme, exact p = 2/C(12,6) =
	// 2/924 ≈ 0.0022, so p is well below 0.01.
	first := got[slices.IndexFunc(got, func(p PairTest) bool { return p.A == names[0] && p.B == names[6] })]
	if first.P > 0.01 || first.Unit != UnitArticle {
		t.Errorf("pair %q–%q with means %.3f, %.3f: p = %v (unit %q), want < 0.01 by article", first.A, first.B, samples[0].Mean(), samples[6].Mean(), first.P, first.Unit)
	}
}

func TestUncertaintyEmptyAndInvalid(t *testing.T) {
	var empty Sample
	iv := Bootstrap(empty, 0, DefaultSeed, "empty")
	if !math.IsNaN(iv.Mean) || !math.IsNaN(iv.Low) || !math.IsNaN(iv.High) || iv.N != 0 || !iv.Small || iv.Resamples != 0 {
		t.Errorf("empty sample: %+v, want NaN mean and bounds, N 0, small, no resamples", iv)
	}
	one, _ := NewSample([]float64{0.25}, nil)
	if iv := Bootstrap(one, 0, DefaultSeed, "one"); iv.Low != 0.25 || iv.High != 0.25 || iv.Mean != 0.25 {
		t.Errorf("one value: %+v, want [0.25, 0.25]", iv)
	}
	pt, err := PairwiseTests([]string{"x", "e"}, []Sample{one, empty}, 0, DefaultSeed)
	if err != nil || len(pt) != 1 || pt[0].A != "e" || !math.IsNaN(pt[0].P) || !math.IsNaN(pt[0].Q) || !math.IsNaN(pt[0].Diff) {
		t.Errorf("pair with an empty group: %+v, %v; want A = \"e\", NaN diff, p and q", pt, err)
	}
	if pt, err := PairwiseTests(nil, nil, 0, DefaultSeed); err != nil || len(pt) != 0 {
		t.Errorf("no groups: %v, %v", pt, err)
	}

	errCases := []struct {
		name string
		err  error
		want string
	}{
		{"length mismatch", second(NewSample([]float64{1, 2}, []int32{0})), "2 values but 1 unit labels"},
		{"NaN value", second(NewSample([]float64{1, math.NaN()}, nil)), "value 1 is NaN"},
		{"descending labels", second(NewSample([]float64{1, 2, 3}, []int32{0, 2, 1})), "unit label 1 of value 2 follows 2"},
		{"infinite in article", second(SampleFromArticles([][]float64{{1}, {math.Inf(1)}})), "article 1, value 0 is +Inf"},
		{"duplicate group", second(PairwiseTests([]string{"a", "a"}, []Sample{one, one}, 0, 1)), `group "a" appears twice`},
		{"names vs samples", second(BootstrapGroups([]string{"a"}, nil, 0, 1)), "1 group names but 0 samples"},
	}
	for _, c := range errCases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, c.err, c.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestNewSampleUnits(t *testing.T) {
	values := []float64{1, 2, 3, 4, 5, 6}
	cases := []struct {
		name     string
		units    []int32
		articles int
		sums     []float64
	}{
		{"nil units: one article per value", nil, 6, []float64{1, 2, 3, 4, 5, 6}},
		{"contiguous with gaps", []int32{0, 0, 3, 3, 3, 9}, 3, []float64{3, 12, 6}},
		{"one article", []int32{4, 4, 4, 4, 4, 4}, 1, []float64{21}},
	}
	for _, c := range cases {
		before := slices.Clone(values)
		s, err := NewSample(values, c.units)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if s.Articles() != c.articles || !slices.Equal(s.sums, c.sums) || s.Len() != 6 || s.Mean() != 3.5 {
			t.Errorf("%s: %d articles, sums %v, n %d, mean %v; want %d, %v, 6, 3.5", c.name, s.Articles(), s.sums, s.Len(), s.Mean(), c.articles, c.sums)
		}
		if !slices.Equal(values, before) {
			t.Errorf("%s: input modified", c.name)
		}
	}
	s, _ := SampleFromArticles([][]float64{{1, 2}, nil, {3}})
	if s.Articles() != 2 || !slices.Equal(s.counts, []float64{2, 1}) {
		t.Errorf("article without values: %d articles, counts %v; want 2, [2 1]", s.Articles(), s.counts)
	}
}

func TestBootstrapNote(t *testing.T) {
	got := BootstrapNote(0, 0, DefaultSeed)
	for _, want := range []string{"1000 resamples of articles", "fewer than 5 articles", "9999 permutations", "seed 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("BootstrapNote = %q, missing %q", got, want)
		}
	}
}

// BenchmarkBootstrapGroups: 53 groups of 35 articles × 20 sentences (700
// sentences), 1,000 resamples each.
func BenchmarkBootstrapGroups(b *testing.B) {
	names, samples := syntheticGroups(53, 35)
	b.ResetTimer()
	for b.Loop() {
		if _, err := BootstrapGroups(names, samples, DefaultResamples, DefaultSeed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBootstrapGroupsSentences: the same 53 × 700 sentences resampled
// by sentence (each value its own unit, the cost of small groups).
func BenchmarkBootstrapGroupsSentences(b *testing.B) {
	names, samples := syntheticGroups(53, 35)
	for i := range samples {
		samples[i], _ = NewSample(samples[i].values, nil)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := BootstrapGroups(names, samples, DefaultResamples, DefaultSeed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPairwiseTests: the 1,378 pairs of the 53 groups, 9,999
// permutations of articles each.
func BenchmarkPairwiseTests(b *testing.B) {
	names, samples := syntheticGroups(53, 35)
	b.ResetTimer()
	for b.Loop() {
		if _, err := PairwiseTests(names, samples, DefaultPermutations, DefaultSeed); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		p    []float64
		want []float64
	}{
		// m = 4, ranks 0.005(1) 0.01(2) 0.03(3) 0.04(4):
		// 4·0.005/1 = 0.02, 4·0.01/2 = 0.02, 4·0.03/3 = 0.04, 4·0.04/4 = 0.04.
		{"hand example", []float64{0.01, 0.04, 0.03, 0.005}, []float64{0.02, 0.04, 0.04, 0.02}},
		// 4·0.01/1 = 0.04, 4·0.02/2 = 0.04, 4·0.025/3 = 0.0333…, 4·0.5/4 = 0.5:
		// monotone from the top, so the first two take 0.0333….
		{"monotone", []float64{0.01, 0.02, 0.025, 0.5}, []float64{0.1 / 3, 0.1 / 3, 0.1 / 3, 0.5}},
		// ties share a q: 2·0.01/1 = 0.02, 2·0.01/2 = 0.01 → both 0.01.
		{"ties", []float64{0.01, 0.01}, []float64{0.01, 0.01}},
		// 2·0.8/1 = 1.6 is capped by the running minimum 0.9.
		{"large p", []float64{0.9, 0.8}, []float64{0.9, 0.9}},
		// p.adjust: NaN stays NaN and m = 2 counts the others: 2·0.02/1, 2·0.03/2.
		{"NaN kept", []float64{0.02, nan, 0.03}, []float64{0.03, nan, 0.03}},
		{"single", []float64{0.3}, []float64{0.3}},
		{"zeros", []float64{0, 0.5}, []float64{0, 0.5}},
		{"empty", nil, []float64{}},
	}
	for _, tc := range tests {
		in := append([]float64(nil), tc.p...)
		got := BenjaminiHochberg(tc.p)
		if !reflect.DeepEqual(fmt.Sprint(in), fmt.Sprint(tc.p)) {
			t.Errorf("%s: input modified: %v, was %v", tc.name, tc.p, in)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d values, want %d", tc.name, len(got), len(tc.want))
			continue
		}
		for i := range got {
			if math.IsNaN(tc.want[i]) {
				if !math.IsNaN(got[i]) {
					t.Errorf("%s: q[%d] = %v, want NaN", tc.name, i, got[i])
				}
				continue
			}
			if math.IsNaN(got[i]) || math.Abs(got[i]-tc.want[i]) > 1e-12 {
				t.Errorf("%s: q[%d] = %v, want %v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
}

// TestBenjaminiHochbergProperties on random p: q ≥ p, q ≤ 1, and q is
// monotone in p.
func TestBenjaminiHochbergProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 200 {
		p := make([]float64, 1+rng.IntN(60))
		for i := range p {
			p[i] = math.Pow(rng.Float64(), 4)
		}
		q := BenjaminiHochberg(p)
		for i := range p {
			if q[i] < p[i] || q[i] > 1 {
				t.Fatalf("trial %d: p %v → q %v", trial, p[i], q[i])
			}
			for j := range p {
				if p[i] < p[j] && q[i] > q[j] {
					t.Fatalf("trial %d: p %v < %v but q %v > %v", trial, p[i], p[j], q[i], q[j])
				}
			}
		}
	}
}

func ExampleBenjaminiHochberg() {
	q := BenjaminiHochberg([]float64{0.01, 0.04, 0.03, 0.005})
	fmt.Printf("%.3f\n", q)
	// Output: [0.020 0.040 0.040 0.020]
}
