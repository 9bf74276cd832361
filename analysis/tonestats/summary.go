package tonestats

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"

	"parallax/analysis/resample"
)

// StatsOptions configure the uncertainty of a tone summary.
type StatsOptions struct {
	Resamples    int    // bootstrap resamples; ≤ 0 means DefaultResamples
	Permutations int    // permutations per pair; ≤ 0 means DefaultPermutations
	Seed         uint64 // --seed
	NoPairs      bool   // skip the pairwise tests (compare shows only the intervals)
}

// Summary is the group-level result of a tone run.
type Summary struct {
	Instruments []string
	Groups      []string              // sorted
	Intervals   [][]resample.Interval // [instrument][group]: the group mean with its interval
	Pairs       [][]resample.PairTest // [instrument]: every pair of groups, sorted by (A, B)
	Agreement   []Agreement
	Stats       StatsOptions // with defaults filled in
	// Released is true when the corpus had more sentences than
	// Options.MaxKeptSentences: tests between a small and a large group
	// are then not available (P and Q NaN).
	Released bool
	// Unscored lists the words "vader" left out (Options.Mask), sorted;
	// "vader_all" is then the last instrument. Set by Collector.Summarize.
	Unscored []string
}

// Agreement is the Spearman rank correlation between two instruments'
// group means, over the groups where both are defined.
type Agreement struct {
	A, B     string
	Spearman float64 // NaN with fewer than 3 groups or constant means
	Groups   int
}

// Summarize computes, per instrument, each group's mean sentence score with
// its bootstrap interval, the pairwise permutation tests (Benjamini–Hochberg
// over the pairs of one instrument) and the agreement of the instruments:
// the finish step. It does not change the accumulator.
func (a *Acc) Summarize(opt StatsOptions) (*Summary, error) {
	if opt.Resamples <= 0 {
		opt.Resamples = resample.DefaultResamples
	}
	if opt.Permutations <= 0 {
		opt.Permutations = resample.DefaultPermutations
	}
	names := slices.Sorted(maps.Keys(a.groups))
	s := &Summary{Instruments: a.Instruments(), Groups: names, Stats: opt, Released: a.released}
	samples := make([][]resample.Sample, len(a.instruments)) // [instrument][group]
	for k := range samples {
		samples[k] = make([]resample.Sample, len(names))
	}
	var zeros []float64 // shared stand-in values of released groups, see articleSample
	for gi, name := range names {
		g := a.groups[name]
		docs := g.docs(name, len(a.instruments))
		for k := range a.instruments {
			var smp resample.Sample
			var err error
			if g.released {
				smp = articleSample(docs, k, g.maxAbs[k], &zeros)
			} else {
				smp, err = keptSample(docs, k, len(a.instruments))
			}
			if err != nil {
				return nil, fmt.Errorf("group %q, instrument %q: %v", name, a.instruments[k], err)
			}
			samples[k][gi] = smp
		}
	}
	for k := range a.instruments {
		iv, err := resample.BootstrapGroups(names, samples[k], opt.Resamples, opt.Seed)
		if err != nil {
			return nil, err
		}
		s.Intervals = append(s.Intervals, iv)
	}
	if !opt.NoPairs {
		// The instruments score the same sentences: their tests share each
		// pair's random splits (the same as testing them one by one).
		pairs, err := resample.PairwiseTestsShared(names, samples, opt.Permutations, opt.Seed)
		if err != nil {
			return nil, err
		}
		for k := range a.instruments {
			if a.released {
				dropUntestable(pairs[k], names, samples[k])
			}
			s.Pairs = append(s.Pairs, pairs[k])
		}
	}
	s.Agreement = toneAgreement(s)
	return s, nil
}

// keptSample builds instrument k (of K) of a group's sample from its
// documents' sentence scores, documents in load order.
func keptSample(docs []docView, k, K int) (resample.Sample, error) {
	var values []float64
	var units []int32
	for i, d := range docs {
		for s := range d.n {
			values = append(values, d.scores[s*K+k])
			units = append(units, int32(i))
		}
	}
	return resample.NewSample(values, units)
}

// articleSample builds the sample of a group whose sentence scores were
// released from its articles' sums and counts; only article resampling and
// article permutation may use it. The values are a stand-in
// (SampleFromSums): a prefix of one shared slice of zeros, never read when
// articles are the unit. The total is the sum of the article sums in load
// order; maxAbs is the group's largest |score| of instrument k.
func articleSample(docs []docView, k int, maxAbs float64, zeros *[]float64) resample.Sample {
	var sums, counts []float64
	n := 0
	for _, d := range docs {
		if d.n == 0 {
			continue
		}
		sums = append(sums, d.scores[k])
		counts = append(counts, float64(d.n))
		n += d.n
	}
	if len(*zeros) < n {
		*zeros = make([]float64, n)
	}
	return resample.SampleFromSums(sums, counts, maxAbs, *zeros)
}

// dropUntestable sets P and Q to NaN for each pair that would permute the
// sentences of a group whose sentence scores were released (a small group
// against a large one), and recomputes Q over the remaining pairs.
func dropUntestable(pairs []resample.PairTest, names []string, samples []resample.Sample) {
	small := map[string]bool{}
	for i, name := range names {
		small[name] = samples[i].Small()
	}
	p := make([]float64, len(pairs))
	for i := range pairs {
		if small[pairs[i].A] != small[pairs[i].B] {
			pairs[i].P, pairs[i].Permutations = math.NaN(), 0
		}
		p[i] = pairs[i].P
	}
	for i, q := range resample.BenjaminiHochberg(p) {
		pairs[i].Q = q
	}
}

// toneAgreement correlates the group means of every pair of instruments.
func toneAgreement(s *Summary) []Agreement {
	var out []Agreement
	for a := range s.Instruments {
		for b := a + 1; b < len(s.Instruments); b++ {
			var x, y []float64
			for g := range s.Groups {
				ma, mb := s.Intervals[a][g].Mean, s.Intervals[b][g].Mean
				if !math.IsNaN(ma) && !math.IsNaN(mb) {
					x = append(x, ma)
					y = append(y, mb)
				}
			}
			r := math.NaN()
			if len(x) >= 3 {
				r = Spearman(x, y)
			}
			out = append(out, Agreement{A: s.Instruments[a], B: s.Instruments[b], Spearman: r, Groups: len(x)})
		}
	}
	return out
}

// Spearman is the rank correlation of x and y: the Pearson correlation of
// their ranks, tied values sharing the mean of the ranks they span. It is
// NaN when either has fewer than two distinct values. x and y must have the
// same length.
func Spearman(x, y []float64) float64 {
	return stat.Correlation(AverageRanks(x), AverageRanks(y), nil)
}

// AverageRanks returns the 1-based ranks of x, ties getting the mean of the
// ranks they span: [10, 20, 20, 5] ranks as [2, 3.5, 3.5, 1].
func AverageRanks(x []float64) []float64 {
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return x[order[a]] < x[order[b]] })
	ranks := make([]float64, len(x))
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && x[order[j]] == x[order[i]] {
			j++
		}
		r := float64(i+1+j) / 2 // mean of ranks i+1 … j
		for _, o := range order[i:j] {
			ranks[o] = r
		}
		i = j
	}
	return ranks
}
