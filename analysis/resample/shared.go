package resample

import (
	"math"
	"math/bits"
	"slices"
	"strings"
)

// PairwiseTestsShared is PairwiseTests for several measures of the same
// observations (tone instruments scoring the same sentences):
// samples[m][g] is measure m of group g, and out[m] is exactly what
// PairwiseTests(names, samples[m], perms, seed) returns. A pair's random
// stream depends only on the seed and the two names, and the units drawn
// only on the stream and the number of units, so when every measure of a
// group has the same units (values per article) the measures of a pair
// share one sequence of random splits: the draws, the swaps and the sums of
// the counts are made once per pair instead of once per measure. Groups
// whose measures differ in their units are tested measure by measure.
func PairwiseTestsShared(names []string, samples [][]Sample, perms int, seed uint64) ([][]PairTest, error) {
	for _, s := range samples {
		if err := checkGroups(names, s); err != nil {
			return nil, err
		}
	}
	if perms <= 0 {
		perms = DefaultPermutations
	}
	m := len(samples)
	if m == 0 {
		return nil, nil
	}
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(names[a], names[b]) })
	type pair struct{ a, b int }
	pairs := make([]pair, 0, len(order)*(len(order)-1)/2)
	for x := range order {
		for y := x + 1; y < len(order); y++ {
			pairs = append(pairs, pair{order[x], order[y]})
		}
	}
	// byGroup[g] holds the measures of group g; same[g] says whether they
	// share their units.
	byGroup := make([][]Sample, len(names))
	same := make([]bool, len(names))
	for g := range names {
		byGroup[g] = make([]Sample, m)
		for k := range m {
			byGroup[g][k] = samples[k][g]
		}
		same[g] = sameUnits(byGroup[g])
	}
	out := make([][]PairTest, m)
	for k := range out {
		out[k] = make([]PairTest, len(pairs))
	}
	parallelJobs(len(pairs), func(sc *bootScratch, i int) {
		a, b := pairs[i].a, pairs[i].b
		if m > 1 && same[a] && same[b] {
			for k, t := range sharedPermutationTests(names[a], byGroup[a], names[b], byGroup[b], perms, seed, sc) {
				out[k][i] = t
			}
			return
		}
		for k := range m {
			out[k][i] = permutationTest(names[a], byGroup[a][k], names[b], byGroup[b][k], perms, seed, sc)
		}
	})
	for k := range out {
		p := make([]float64, len(pairs))
		for i := range out[k] {
			p[i] = out[k][i].P
		}
		for i, q := range BenjaminiHochberg(p) {
			out[k][i].Q = q
		}
	}
	return out, nil
}

// sameUnits reports whether the measures of one group have the same
// number of values and the same articles (counts), so that the unit
// chosen, the pool's counts and every split are the same for all.
func sameUnits(ms []Sample) bool {
	for _, s := range ms[1:] {
		if s.Len() != ms[0].Len() || !slices.Equal(s.counts, ms[0].counts) {
			return false
		}
	}
	return true
}

// sharedPermutationTests is permutationTest for every measure of a pair at
// once; a and b hold the measures (same units within each group). The
// pool is kept row by row: a unit's count, then its sum under each
// measure, so that one swap moves a unit for every measure. Each measure's
// sums are added in the same order as permutationTest adds them, so the
// results are the same to the bit.
func sharedPermutationTests(nameA string, a []Sample, nameB string, b []Sample, perms int, seed uint64, sc *bootScratch) []PairTest {
	m := len(a)
	out := make([]PairTest, m)
	small := a[0].Small() || b[0].Small()
	unit := UnitArticle
	if small {
		unit = UnitSentence
	}
	for k := range out {
		out[k] = PairTest{A: nameA, B: nameB, Diff: a[k].Mean() - b[k].Mean(), Unit: unit, Small: small}
	}
	if a[0].Len() == 0 || b[0].Len() == 0 {
		for k := range out {
			out[k].P, out[k].Q = math.NaN(), math.NaN()
		}
		return out
	}
	// Rows of width m+1 in sc.stats: count, then the sum under each
	// measure; a's units first.
	_, countsA, ones := a[0].units(unit, sc.ones)
	_, countsB, ones := b[0].units(unit, ones)
	sc.ones = ones
	nA, n := len(countsA), len(countsA)+len(countsB)
	w := m + 1
	pool := slices.Grow(sc.stats[:0], w*n)[:w*n]
	sc.stats = pool
	for k := range m {
		sumsA, _, _ := a[k].units(unit, ones)
		sumsB, _, _ := b[k].units(unit, ones)
		for i, v := range sumsA {
			pool[i*w+1+k] = v
		}
		for i, v := range sumsB {
			pool[(nA+i)*w+1+k] = v
		}
	}
	for i, c := range countsA {
		pool[i*w] = c
	}
	for i, c := range countsB {
		pool[(nA+i)*w] = c
	}
	size := float64(a[0].Len() + b[0].Len())
	total := make([]float64, m)
	observed := make([]float64, m)
	tol := make([]float64, m)
	for k := range m {
		total[k] = a[k].total + b[k].total
		tol[k] = 1e-9 * max(a[k].maxAbs, b[k].maxAbs)
		// splitDiff over a's units, in their order.
		var s, c float64
		for i := range nA {
			s += pool[i*w+1+k]
			c += pool[i*w]
		}
		observed[k] = math.Abs(s/c - (total[k]-s)/(size-c))
	}
	rng := streamFor(seed, "permutation", nameA+"\x00"+nameB)
	draw := min(nA, n-nA) // draw the smaller side; the other is its complement
	hits := make([]int, m)
	sums := make([]float64, m)
	un := uint64(n)
	rest := perms // permutations left for the general loop
	if m == 2 {   // the two built-in tone instruments: the loop unrolled
		rest = 0
		for range perms {
			var s0, s1, count float64
			for i := range uint64(draw) {
				// The draw of drawSide, inline: a call here costs more than the swaps.
				left := un - i
				j, lo := bits.Mul64(rng.Uint64(), left) // uniform in [0, left), see uniformNReject
				if lo < left {
					j = uniformNReject(rng, left, j, lo)
				}
				j += i
				r, q := pool[3*i:3*i+3:3*i+3], pool[3*j:3*j+3:3*j+3]
				r[0], q[0] = q[0], r[0]
				r[1], q[1] = q[1], r[1]
				r[2], q[2] = q[2], r[2]
				count += r[0]
				s0 += r[1]
				s1 += r[2]
			}
			if math.Abs(s0/count-(total[0]-s0)/(size-count)) >= observed[0]-tol[0] {
				hits[0]++
			}
			if math.Abs(s1/count-(total[1]-s1)/(size-count)) >= observed[1]-tol[1] {
				hits[1]++
			}
		}
	}
	for range rest {
		clear(sums)
		var count float64
		// drawSide on rows: the first draw steps of a Fisher–Yates shuffle.
		for i := range uint64(draw) {
			left := un - i
			j, lo := bits.Mul64(rng.Uint64(), left) // uniform in [0, left), see uniformNReject
			if lo < left {
				j = uniformNReject(rng, left, j, lo)
			}
			j += i
			ri, rj := pool[i*uint64(w):(i+1)*uint64(w)], pool[j*uint64(w):(j+1)*uint64(w)]
			for x := range ri {
				ri[x], rj[x] = rj[x], ri[x]
			}
			count += ri[0]
			for k, v := range ri[1:] {
				sums[k] += v
			}
		}
		for k, s := range sums {
			if math.Abs(s/count-(total[k]-s)/(size-count)) >= observed[k]-tol[k] {
				hits[k]++
			}
		}
	}
	for k := range out {
		out[k].Permutations = perms
		out[k].P = float64(1+hits[k]) / float64(1+perms)
	}
	return out
}
