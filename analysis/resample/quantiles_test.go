package resample

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPercentiles checks the selection against sorting then
// quantileType7, bit for bit, on samples with many ties, few values,
// zeros of both signs and NaNs, at the interval's and other levels.
func TestPercentiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		n := 1 + rng.IntN(3000)
		s := make([]float64, n)
		kinds := rng.IntN(5)
		for i := range s {
			switch kinds {
			case 0:
				s[i] = rng.NormFloat64()
			case 1:
				s[i] = float64(rng.IntN(5)) - 2.5 // ties
			case 2:
				s[i] = float64(rng.IntN(3)) - 1 // zeros
			case 3:
				s[i] = rng.Float64()
				if rng.IntN(100) == 0 {
					s[i] = math.NaN()
				}
			default:
				s[i] = math.Copysign(0, rng.NormFloat64()) + float64(rng.IntN(2))
			}
		}
		for _, p := range []float64{0.025, 0, 0.5, 0.1, 1.0 / 3} {
			sorted := slices.Clone(s)
			slices.Sort(sorted)
			wl, wh := quantileType7(sorted, p), quantileType7(sorted, 1-p)
			gl, gh := percentiles(slices.Clone(s), p)
			if math.Float64bits(gl) != math.Float64bits(wl) || math.Float64bits(gh) != math.Float64bits(wh) {
				t.Fatalf("trial %d, n %d, p %v: %v %v, want %v %v", trial, n, p, gl, gh, wl, wh)
			}
		}
	}
}
