package termstats

import (
	"cmp"
	"math"
	"slices"
)

// radixItem is one entry of a ranking sorted by key: a and b say what it
// ranks (sortByP and sortKeyTerms give them their meanings).
type radixItem struct {
	key  uint64
	a, b int32
}

// radixMin is the length from which radixSort sorts by radix: below it the
// 2,048-entry histograms cost more than comparisons do.
const radixMin = 2048

// radixSort orders items by key, stably (ties keep their order): below
// radixMin by comparisons, from it by a least-significant-digit radix sort
// (six passes of 11 bits, skipping a pass whose digit every item shares),
// in time linear in len(items).
func radixSort(items []radixItem) {
	if len(items) < radixMin {
		slices.SortStableFunc(items, func(x, y radixItem) int { return cmp.Compare(x.key, y.key) })
		return
	}
	src, dst := items, make([]radixItem, len(items))
	var count [1 << 11]int
	for shift := uint(0); shift < 64; shift += 11 {
		clear(count[:])
		for i := range src {
			count[src[i].key>>shift&(1<<11-1)]++
		}
		if count[src[0].key>>shift&(1<<11-1)] == len(src) {
			continue // every item has this digit: the pass would change nothing
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for i := range src {
			d := src[i].key >> shift & (1<<11 - 1)
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &items[0] {
		copy(items, src)
	}
}

// pKey is the radix key of a p-value: p is never NaN nor negative, so its
// IEEE 754 bits order as unsigned integers.
func pKey(p float64) uint64 { return math.Float64bits(p) }

// zDescKey is the radix key that orders z descending: the IEEE 754 bits
// made to order as unsigned integers (sign bit flipped for z ≥ 0, every bit
// for z < 0), complemented. -0 is read as 0, as comparisons do.
func zDescKey(z float64) uint64 {
	if z == 0 {
		z = 0
	}
	b := math.Float64bits(z)
	if b>>63 != 0 {
		b = ^b
	} else {
		b |= 1 << 63
	}
	return ^b
}
