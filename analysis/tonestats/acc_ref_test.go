package tonestats

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"

	"parallax/analysis/resample"
)

// This file keeps the aggregation of the collector the accumulator
// replaced, as it was: documents filed under their group as they come,
// sums and largest |score| per document, single scores dropped for large
// groups once the budget is exceeded, samples built from the documents in
// input order. The accumulator must give the same summary, bit for bit.

type oldDoc struct {
	index  int32
	n      int32
	sums   []float64
	maxAbs []float64
	values []float64
}

type oldGroup struct {
	docs     []*oldDoc
	articles int
	released bool
}

func (g *oldGroup) release() {
	if g.released {
		return
	}
	g.released = true
	for _, d := range g.docs {
		d.values = nil
	}
}

// oldCollect files recs, in this order, as the old collector's Visit did.
func oldCollect(recs []DocRecord, k, budget int) (map[string]*oldGroup, bool) {
	groups := map[string]*oldGroup{}
	sentences, released := 0, false
	for _, r := range recs {
		d := &oldDoc{index: int32(r.Ordinal), n: int32(r.Sentences), sums: make([]float64, k), maxAbs: make([]float64, k)}
		for s := range r.Sentences {
			for j, v := range r.Scores[s*k : (s+1)*k] {
				d.sums[j] += v
				d.maxAbs[j] = max(d.maxAbs[j], math.Abs(v))
			}
		}
		g := groups[r.Group]
		if g == nil {
			g = &oldGroup{}
			groups[r.Group] = g
		}
		g.docs = append(g.docs, d)
		if d.n > 0 {
			g.articles++
		}
		sentences += int(d.n)
		if !released && sentences > budget {
			released = true
			for _, other := range groups {
				if other.articles >= resample.MinClusterUnits {
					other.release()
				}
			}
		}
		if released && g.articles >= resample.MinClusterUnits {
			g.release()
			continue
		}
		d.values = slices.Clone(r.Scores)
	}
	return groups, released
}

// oldSummarize is the old Summarize.
func oldSummarize(recs []DocRecord, instruments []string, budget int, opt StatsOptions) (*Summary, error) {
	k := len(instruments)
	groups, released := oldCollect(recs, k, budget)
	names := slices.Sorted(maps.Keys(groups))
	s := &Summary{Instruments: instruments, Groups: names, Stats: opt, Released: released}
	samples := make([][]resample.Sample, k)
	for i := range samples {
		samples[i] = make([]resample.Sample, len(names))
	}
	var zeros []float64
	for gi, name := range names {
		docs := slices.Clone(groups[name].docs)
		slices.SortFunc(docs, func(a, b *oldDoc) int { return cmp.Compare(a.index, b.index) })
		for i := range k {
			smp, err := oldSample(docs, i, k, &zeros)
			if err != nil {
				return nil, fmt.Errorf("group %q: %v", name, err)
			}
			samples[i][gi] = smp
		}
	}
	for i := range k {
		iv, err := resample.BootstrapGroups(names, samples[i], opt.Resamples, opt.Seed)
		if err != nil {
			return nil, err
		}
		s.Intervals = append(s.Intervals, iv)
		pairs, err := resample.PairwiseTests(names, samples[i], opt.Permutations, opt.Seed)
		if err != nil {
			return nil, err
		}
		if released {
			dropUntestable(pairs, names, samples[i])
		}
		s.Pairs = append(s.Pairs, pairs)
	}
	s.Agreement = toneAgreement(s)
	return s, nil
}

func oldSample(docs []*oldDoc, i, k int, zeros *[]float64) (resample.Sample, error) {
	for _, d := range docs {
		if d.n > 0 && d.values == nil {
			var sums, counts []float64
			maxAbs, n := 0.0, 0
			for _, d := range docs {
				if d.n == 0 {
					continue
				}
				sums = append(sums, d.sums[i])
				counts = append(counts, float64(d.n))
				maxAbs = max(maxAbs, d.maxAbs[i])
				n += int(d.n)
			}
			if len(*zeros) < n {
				*zeros = make([]float64, n)
			}
			return resample.SampleFromSums(sums, counts, maxAbs, *zeros), nil
		}
	}
	var values []float64
	var units []int32
	for u, d := range docs {
		for s := range int(d.n) {
			values = append(values, d.values[s*k+i])
			units = append(units, int32(u))
		}
	}
	return resample.NewSample(values, units)
}

// oldDocumentSums is each document's sentence count and sums, in input
// order, as the old Documents yielded them.
func oldDocumentSums(recs []DocRecord, k int) []string {
	groups, _ := oldCollect(recs, k, math.MaxInt)
	var docs []*oldDoc
	for _, g := range groups {
		docs = append(docs, g.docs...)
	}
	slices.SortFunc(docs, func(a, b *oldDoc) int { return cmp.Compare(a.index, b.index) })
	var out []string
	for _, d := range docs {
		out = append(out, fmt.Sprint(d.n, d.sums))
	}
	return out
}
