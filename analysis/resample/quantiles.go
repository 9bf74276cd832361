package resample

import (
	"math"
	"slices"
)

// percentiles returns quantileType7 of stats at p and 1−p (p ≤ ½) as
// slices.Sort then quantileType7 would, without sorting all of stats: it
// selects the (at most four) order statistics the two quantiles read, in
// linear expected time. stats is reordered. With a NaN or a zero among
// stats it sorts instead: the order slices.Sort gives NaNs and the two
// signed zeros is then kept exactly.
func percentiles(stats []float64, p float64) (low, high float64) {
	n := len(stats)
	if n < 64 || slices.ContainsFunc(stats, func(v float64) bool { return v == 0 || math.IsNaN(v) }) {
		slices.Sort(stats)
		return quantileType7(stats, p), quantileType7(stats, 1-p)
	}
	return selectQuantile(stats, p), selectQuantile(stats, 1-p)
}

// selectQuantile is quantileType7(sorted stats, p): it moves the order
// statistics it needs into place by selection.
func selectQuantile(stats []float64, p float64) float64 {
	n := len(stats)
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		selectNth(stats, n-1)
		return stats[n-1]
	}
	selectNth(stats, lo)
	// The next order statistic is the least of what follows.
	next := stats[lo+1]
	for _, v := range stats[lo+2:] {
		next = min(next, v)
	}
	return stats[lo] + (h-float64(lo))*(next-stats[lo])
}

// selectNth reorders s so that s[k] is the value sorting would put there,
// with no greater value before it and no smaller one after (quickselect,
// median-of-three pivots, no NaN in s).
func selectNth(s []float64, k int) {
	lo, hi := 0, len(s)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		// Median of three to s[mid].
		if s[mid] < s[lo] {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if s[hi] < s[lo] {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if s[hi] < s[mid] {
			s[hi], s[mid] = s[mid], s[hi]
		}
		pivot := s[mid]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for s[j] > pivot {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // s[j+1 : i] all equal the pivot
		}
	}
}
