package termstats

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomP draws p-values shaped like keyness's: many ties at 1 and 0, tiny
// and subnormal values, neighbours that differ in one radix digit only.
func randomP(rng *rand.Rand) float64 {
	switch rng.IntN(8) {
	case 0:
		return 1
	case 1:
		return 0
	case 2:
		return math.Float64frombits(rng.Uint64N(1 << 40)) // subnormal
	case 3:
		return math.Pow(10, -300*rng.Float64())
	case 4:
		return float64(rng.IntN(5)) / 4 // ties
	case 5: // neighbours, differing in the lowest digits only
		return math.Float64frombits(math.Float64bits(0.3) + rng.Uint64N(1<<13))
	case 6: // differing in the middle digits
		return math.Float64frombits(math.Float64bits(0.003) + rng.Uint64N(1<<35))
	}
	return rng.Float64()
}

// TestRadixSort compares radixSort with a stable comparison sort, below and
// above radixMin, on the keys of p-values and of z (both signs, ±0, ties).
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	for _, n := range []int{0, 1, 2, 100, radixMin - 1, radixMin, 3 * radixMin, 50000} {
		for _, zs := range []bool{false, true} {
			items := make([]radixItem, n)
			vals := make([]float64, n)
			for i := range items {
				v := randomP(rng)
				if zs {
					v = (v - 0.5) * math.Pow(10, float64(rng.IntN(7)-3))
					if rng.IntN(9) == 0 {
						v = math.Copysign(0, -1)
					}
				}
				vals[i] = v
				key := pKey(v)
				if zs {
					key = zDescKey(v)
				}
				items[i] = radixItem{key: key, a: int32(rng.IntN(1000)), b: int32(i)}
			}
			got := slices.Clone(items)
			radixSort(got)
			want := slices.Clone(items)
			slices.SortStableFunc(want, func(x, y radixItem) int {
				vx, vy := vals[x.b], vals[y.b]
				if zs {
					return cmp.Compare(vy, vx) // descending; -0 == 0
				}
				return cmp.Compare(vx, vy)
			})
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("n=%d z=%v: position %d holds %+v (value %g), want %+v (value %g)",
						n, zs, i, got[i], vals[got[i].b], want[i], vals[want[i].b])
				}
			}
		}
	}
}
