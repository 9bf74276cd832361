package resample

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Uncertainty: percentile bootstrap intervals for a group's mean and
// permutation tests for the difference between two groups' means. Every
// definition, default and formula is in docs/uncertainty.md.

const (
	// UnitArticle says that whole articles were resampled or permuted.
	UnitArticle = "article"
	// UnitSentence says that single values (sentences) were resampled or
	// permuted.
	UnitSentence = "sentence"

	// MinClusterUnits is the number of articles a group needs for its
	// articles to be resampled; a group with fewer is resampled by sentence
	// and flagged Small.
	MinClusterUnits = 5
	// DefaultResamples is the number of bootstrap resamples.
	DefaultResamples = 1000
	// DefaultPermutations is the number of random permutations of a
	// pairwise test; the smallest attainable p is 1/(1+9999) = 0.0001.
	DefaultPermutations = 9999
	// DefaultSeed is the seed used when the user gives none (--seed).
	DefaultSeed uint64 = 1
	// ConfidenceLevel is the coverage of every bootstrap interval.
	ConfidenceLevel = 0.95
)

// Sample is one group's observations: values (sentence scores) grouped into
// units (articles). The statistic of a sample is the mean of all its values,
// the sentence-level mean. The zero Sample is empty. Build one with
// NewSample or SampleFromArticles.
type Sample struct {
	values []float64 // every value, in input order
	sums   []float64 // per article: sum of its values
	counts []float64 // per article: number of its values (≥ 1)
	total  float64   // Σ values
	maxAbs float64   // max |value|, the scale of tie tolerances
}

// NewSample builds a sample from values and, per value, the article it
// belongs to. A unit's values must be contiguous, with units in ascending
// order (0,0,0,1,1,4,…; gaps are allowed). Nil units make every value its
// own article. Values must be finite.
func NewSample(values []float64, units []int32) (Sample, error) {
	if units != nil && len(units) != len(values) {
		return Sample{}, fmt.Errorf("sample has %d values but %d unit labels", len(values), len(units))
	}
	s := Sample{values: slices.Clone(values)}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Sample{}, fmt.Errorf("value %d is %v: not a finite number", i, v)
		}
		if units != nil && i > 0 && units[i] < units[i-1] {
			return Sample{}, fmt.Errorf("unit label %d of value %d follows %d: labels must ascend, each unit's values contiguous", units[i], i, units[i-1])
		}
		if units == nil || i == 0 || units[i] != units[i-1] {
			s.sums = append(s.sums, 0)
			s.counts = append(s.counts, 0)
		}
		s.add(v)
	}
	return s, nil
}

// SampleFromArticles builds a sample from the values of each article (one
// inner slice per article, e.g. its sentences' tone scores). Articles without
// values carry no observation and are not units. Values must be finite.
func SampleFromArticles(articles [][]float64) (Sample, error) {
	var s Sample
	for a, vals := range articles {
		if len(vals) == 0 {
			continue
		}
		s.sums = append(s.sums, 0)
		s.counts = append(s.counts, 0)
		for i, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Sample{}, fmt.Errorf("article %d, value %d is %v: not a finite number", a, i, v)
			}
			s.values = append(s.values, v)
			s.add(v)
		}
	}
	return s, nil
}

// SampleFromSums builds a sample from per-article sums and value counts
// (each ≥ 1) and the largest |value|, for a caller that did not keep the
// values themselves. zeros stands in for the values: at least Σ counts
// zeros, which the caller may share between samples. Only a sentence-level
// bootstrap reads values, so use it only for samples of at least
// MinClusterUnits articles.
func SampleFromSums(sums, counts []float64, maxAbs float64, zeros []float64) Sample {
	s := Sample{sums: sums, counts: counts, maxAbs: maxAbs}
	n := 0
	for i, sum := range sums {
		s.total += sum
		n += int(counts[i])
	}
	s.values = zeros[:n]
	return s
}

// add adds v to the sample's last article and to the totals; v is already
// in s.values.
func (s *Sample) add(v float64) {
	k := len(s.sums) - 1
	s.sums[k] += v
	s.counts[k]++
	s.total += v
	s.maxAbs = max(s.maxAbs, math.Abs(v))
}

// Len is the number of values (sentences).
func (s Sample) Len() int { return len(s.values) }

// Articles is the number of articles with at least one value.
func (s Sample) Articles() int { return len(s.sums) }

// Mean is the mean of all values, NaN for an empty sample.
func (s Sample) Mean() float64 {
	if len(s.values) == 0 {
		return math.NaN()
	}
	return s.total / float64(len(s.values))
}

// Small reports whether the sample has fewer than MinClusterUnits articles.
func (s Sample) Small() bool { return s.Articles() < MinClusterUnits }

// Unit is the unit resampled for this sample: UnitArticle when it has at
// least MinClusterUnits articles, else UnitSentence.
func (s Sample) Unit() string {
	if s.Small() {
		return UnitSentence
	}
	return UnitArticle
}

// units returns the resampling units as parallel slices of sums and counts:
// the articles, or every value as a unit of count 1. ones is a scratch slice
// of 1s reused for the sentence case.
func (s Sample) units(unit string, ones []float64) (sums, counts, scratch []float64) {
	if unit == UnitArticle {
		return s.sums, s.counts, ones
	}
	for len(ones) < len(s.values) {
		ones = append(ones, 1)
	}
	return s.values, ones[:len(s.values)], ones
}

// Interval is a 95% percentile bootstrap interval for a group's mean.
// For an empty sample Mean, Low and High are NaN, which Float and Prob
// render as n/a; N is 0 and Small is true.
type Interval struct {
	Mean      float64 // mean of all values (sentence-level mean)
	Low, High float64 // 2.5% and 97.5% percentiles (type 7) of the resampled means
	N         int     // values (sentences)
	Articles  int     // articles with at least one value
	Unit      string  // UnitArticle or UnitSentence: what was resampled
	Resamples int     // bootstrap resamples drawn (0 for an empty sample)
	Small     bool    // fewer than MinClusterUnits articles
}

// Bootstrap computes the percentile interval of s's mean from resamples
// resamples (DefaultResamples when resamples ≤ 0). Articles are resampled
// with replacement when s has at least MinClusterUnits of them, the
// statistic of a resample being the mean over all values of the drawn
// articles; otherwise values are resampled. The random stream depends only
// on seed and key (the group's name), so a group's interval does not change
// when other groups are added, removed or reordered.
func Bootstrap(s Sample, resamples int, seed uint64, key string) Interval {
	return bootstrap(s, resamples, seed, key, &bootScratch{})
}

// bootScratch holds one worker's reusable buffers.
type bootScratch struct {
	stats, ones []float64
}

func bootstrap(s Sample, resamples int, seed uint64, key string, sc *bootScratch) Interval {
	if resamples <= 0 {
		resamples = DefaultResamples
	}
	iv := Interval{Mean: s.Mean(), N: s.Len(), Articles: s.Articles(), Unit: s.Unit(), Small: s.Small()}
	if iv.N == 0 {
		iv.Low, iv.High = math.NaN(), math.NaN()
		return iv
	}
	iv.Resamples = resamples
	sums, counts := s.values, []float64(nil)
	if iv.Unit == UnitArticle {
		sums, counts = s.sums, s.counts
	}
	sc.stats = bootstrapMeans(sc.stats[:0], sums, counts, resamples, streamFor(seed, "bootstrap", key))
	iv.Low, iv.High = percentiles(sc.stats, (1-ConfidenceLevel)/2)
	return iv
}

// bootstrapMeans appends the statistic of each of resamples resamples: n
// units drawn uniformly with replacement out of the n given, statistic
// Σ sums / Σ counts of the drawn units. Nil counts mean every unit counts 1
// (sentences), so the statistic is Σ sums / n.
func bootstrapMeans(dst, sums, counts []float64, resamples int, rng *rand.PCG) []float64 {
	n := uint64(len(sums))
	dst = slices.Grow(dst, resamples)
	for range resamples {
		var sum, count float64
		for range n {
			j, lo := bits.Mul64(rng.Uint64(), n) // uniform in [0, n), see uniformNReject
			if lo < n {
				j = uniformNReject(rng, n, j, lo)
			}
			sum += sums[j]
			if counts != nil {
				count += counts[j]
			}
		}
		if counts == nil {
			count = float64(n)
		}
		dst = append(dst, sum/count)
	}
	return dst
}

// quantileType7 is the p-quantile of sorted by linear interpolation between
// order statistics, Hyndman & Fan's type 7 (R's quantile default, NumPy's
// "linear"): h = (n−1)p, x[⌊h⌋] + (h−⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), 0-based.
func quantileType7(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// BootstrapGroups computes Bootstrap for every group, in parallel on
// GOMAXPROCS workers; out[i] is the interval of samples[i], keyed by
// names[i]. The result does not depend on the number of workers.
func BootstrapGroups(names []string, samples []Sample, resamples int, seed uint64) ([]Interval, error) {
	if err := checkGroups(names, samples); err != nil {
		return nil, err
	}
	out := make([]Interval, len(samples))
	parallelJobs(len(samples), func(sc *bootScratch, i int) {
		out[i] = bootstrap(samples[i], resamples, seed, names[i], sc)
	})
	return out, nil
}

// PairTest is a two-sided permutation test of the difference between two
// groups' means. A sorts before B (byte order). For a pair with an empty
// group Diff, P and Q are NaN (rendered n/a).
type PairTest struct {
	A, B         string
	Diff         float64 // mean(A) − mean(B), sentence-level means
	P            float64 // (1 + #{|diff*| ≥ |diff|}) / (1 + Permutations)
	Q            float64 // Benjamini–Hochberg adjusted over all pairs
	Unit         string  // UnitArticle when both groups have ≥ MinClusterUnits articles, else UnitSentence
	Permutations int     // random permutations drawn (0 with an empty group)
	Small        bool    // either group has fewer than MinClusterUnits articles
}

// PairwiseTests runs a permutation test for every pair of groups, with
// perms random permutations (DefaultPermutations when perms ≤ 0), and adds
// Benjamini–Hochberg q-values over all pairs. Each pair's random stream
// depends only on seed and the two names, and pairs are returned sorted by
// (A, B), so the result does not depend on the order of the groups or on
// the number of workers.
func PairwiseTests(names []string, samples []Sample, perms int, seed uint64) ([]PairTest, error) {
	out, err := PairwiseTestsShared(names, [][]Sample{samples}, perms, seed)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// permutationTest tests mean(a) − mean(b) by randomly reassigning the pooled
// units: as many units go to a as a has, the rest to b.
func permutationTest(nameA string, a Sample, nameB string, b Sample, perms int, seed uint64, sc *bootScratch) PairTest {
	t := PairTest{A: nameA, B: nameB, Diff: a.Mean() - b.Mean(), Unit: UnitArticle, Small: a.Small() || b.Small()}
	if t.Small {
		t.Unit = UnitSentence
	}
	if a.Len() == 0 || b.Len() == 0 {
		t.P, t.Q = math.NaN(), math.NaN()
		return t
	}
	t.Permutations = perms
	sumsA, countsA, ones := a.units(t.Unit, sc.ones)
	sumsB, countsB, ones := b.units(t.Unit, ones)
	sc.ones = ones
	// Pool the units in sc.stats: sums then counts, a's units first.
	nA, n := len(sumsA), len(sumsA)+len(sumsB)
	pool := slices.Grow(sc.stats[:0], 2*n)
	pool = append(append(append(append(pool, sumsA...), sumsB...), countsA...), countsB...)
	sc.stats = pool
	sums, counts := pool[:n], pool[n:]
	total, size := a.total+b.total, float64(a.Len()+b.Len())
	tol := 1e-9 * max(a.maxAbs, b.maxAbs)
	observed := math.Abs(splitDiff(sums[:nA], counts[:nA], total, size))
	rng := streamFor(seed, "permutation", nameA+"\x00"+nameB)
	k := min(nA, n-nA) // draw the smaller side; the other is its complement
	hits := 0
	for range perms {
		s, c := drawSide(sums, counts, k, rng)
		if math.Abs(s/c-(total-s)/(size-c)) >= observed-tol {
			hits++
		}
	}
	t.P = float64(1+hits) / float64(1+perms)
	return t
}

// splitDiff is the difference of means between the units given (one side)
// and the complement in a pool of Σ values total over size values. |·| does
// not depend on which side is given.
func splitDiff(sums, counts []float64, total, size float64) float64 {
	var s, c float64
	for i := range sums {
		s += sums[i]
		c += counts[i]
	}
	return s/c - (total-s)/(size-c)
}

// drawSide moves a uniform random k-subset of the units to the front (the
// first k steps of a Fisher–Yates shuffle, which from any arrangement leaves
// a uniform subset in front), keeping sums and counts aligned, and returns
// the subset's Σ sums and Σ counts: one side of a random split.
func drawSide(sums, counts []float64, k int, rng *rand.PCG) (sum, count float64) {
	n := uint64(len(sums))
	for i := range uint64(k) {
		m := n - i
		j, lo := bits.Mul64(rng.Uint64(), m) // uniform in [0, m), see uniformNReject
		if lo < m {
			j = uniformNReject(rng, m, j, lo)
		}
		j += i
		sums[i], sums[j] = sums[j], sums[i]
		counts[i], counts[j] = counts[j], counts[i]
		sum += sums[i]
		count += counts[i]
	}
	return sum, count
}

// streamFor is the random stream for one task: PCG-DXSM seeded with
// (seed, FNV-1a 64 of purpose + "\x00" + key).
func streamFor(seed uint64, purpose, key string) *rand.PCG {
	h := fnv.New64a()
	h.Write([]byte(purpose))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return rand.NewPCG(seed, h.Sum64())
}

// uniformNReject completes the draw of a uniform integer in [0, n), n > 0,
// by Lemire's multiply-and-reject method (the one math/rand/v2 uses): hi,
// lo = 128-bit product of a PCG output and n; hi is the result unless lo <
// 2^64 mod n, in which case the draw is repeated. The resampling loops do
// the first step inline (the common case, lo ≥ n) and call this only when lo
// < n, so that the stream is fixed by this file alone.
func uniformNReject(rng *rand.PCG, n, hi, lo uint64) uint64 {
	thresh := -n % n
	for lo < thresh {
		hi, lo = bits.Mul64(rng.Uint64(), n)
	}
	return hi
}

// checkGroups checks that names and samples are parallel and names unique.
func checkGroups(names []string, samples []Sample) error {
	if len(names) != len(samples) {
		return fmt.Errorf("%d group names but %d samples", len(names), len(samples))
	}
	seen := make(map[string]struct{}, len(names))
	for _, name := range names {
		if _, dup := seen[name]; dup {
			return fmt.Errorf("group %q appears twice", name)
		}
		seen[name] = struct{}{}
	}
	return nil
}

// parallelJobs runs job(sc, i) for i in [0, n) on up to GOMAXPROCS workers,
// each with its own scratch buffers.
func parallelJobs(n int, job func(sc *bootScratch, i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			sc := &bootScratch{}
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				job(sc, i)
			}
		})
	}
	wg.Wait()
}

// BootstrapNote is the sentence printed under a table with intervals and
// pairwise tests, naming the method, the defaults in force and the seed;
// perms < 0 means no pairwise tests were run (0 means the default).
func BootstrapNote(resamples, perms int, seed uint64) string {
	if resamples <= 0 {
		resamples = DefaultResamples
	}
	if perms == 0 {
		perms = DefaultPermutations
	}
	intervals := fmt.Sprintf("95%% percentile bootstrap intervals of sentence-level means, %d resamples of articles "+
		"(of sentences for groups with fewer than %d articles, marked small)", resamples, MinClusterUnits)
	if perms < 0 { // no pairwise tests were run
		return fmt.Sprintf("%s; seed %d", intervals, seed)
	}
	return fmt.Sprintf("%s; pairwise permutation tests with %d permutations, Benjamini–Hochberg q over all pairs; seed %d", intervals, perms, seed)
}

// BootstrapRatio is the percentile interval of a ratio Σ num / Σ den over
// units (articles, or sentences for a small group), such as lexicon hits
// per word: each resample draws as many units as there are, with
// replacement, and takes Σ num / Σ den over the drawn ones — the same
// cluster bootstrap as Bootstrap, whose mean is the special case den = 1 per
// value. Units with den 0 carry nothing and are dropped. The random stream
// depends only on seed and key. With no unit left, every field is NaN.
func BootstrapRatio(num, den []float64, resamples int, seed uint64, key string) (ratio, low, high float64) {
	if resamples <= 0 {
		resamples = DefaultResamples
	}
	var ns, ds []float64
	var sn, sd float64
	for i := range num {
		if den[i] > 0 {
			ns, ds = append(ns, num[i]), append(ds, den[i])
			sn += num[i]
			sd += den[i]
		}
	}
	if len(ns) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	stats := bootstrapMeans(nil, ns, ds, resamples, streamFor(seed, "ratio", key))
	low, high = percentiles(stats, (1-ConfidenceLevel)/2)
	return sn / sd, low, high
}

// BenjaminiHochberg returns the Benjamini–Hochberg (1995) adjusted p-values
// (q-values) of p, in input order: with the m p-values ranked ascending,
// q_(k) = min over j ≥ k of min(1, m·p_(j)/j). It matches R's
// p.adjust(p, "BH"): NaN entries stay NaN and are not counted in m. The
// input is not modified.
func BenjaminiHochberg(p []float64) []float64 {
	type ranked struct {
		p float64
		i int
	}
	q := make([]float64, len(p))
	order := make([]ranked, 0, len(p))
	for i, v := range p {
		if math.IsNaN(v) {
			q[i] = math.NaN()
			continue
		}
		order = append(order, ranked{v, i})
	}
	slices.SortFunc(order, func(a, b ranked) int {
		switch { // NaN was set aside above
		case a.p < b.p:
			return -1
		case a.p > b.p:
			return 1
		}
		return a.i - b.i
	})
	m := float64(len(order))
	running := 1.0
	for k := len(order) - 1; k >= 0; k-- {
		r := order[k]
		running = min(running, r.p*(m/float64(k+1))) // m/k ≥ 1 exactly, so q ≥ p
		q[r.i] = running
	}
	return q
}
