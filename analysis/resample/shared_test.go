package resample

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// sharedGroups is m measures of the groups of syntheticGroups: measure 0
// is the synthetic one, the others the same articles with other values.
// Group 2 is small, group 3 empty, and group 4's second measure has other
// articles, so that it is tested measure by measure.
func sharedGroups(t testing.TB, groups, articles, m int) ([]string, [][]Sample) {
	names, base := syntheticGroups(groups, articles)
	base[2], _ = SampleFromArticles([][]float64{{0.1, 0.3}, {-0.4}, {0.2, 0.2, 0.9}})
	base[3] = Sample{}
	out := [][]Sample{base}
	rng := rand.New(rand.NewPCG(9, 9))
	for k := 1; k < m; k++ {
		ms := make([]Sample, len(base))
		for g, s := range base {
			var arts [][]float64
			off := 0
			for _, c := range s.counts {
				art := make([]float64, int(c))
				for i := range art {
					art[i] = s.values[off+i]*float64(k+1) - rng.Float64()
				}
				off += int(c)
				arts = append(arts, art)
			}
			if g == 4 {
				arts = append(arts, []float64{0.5})
			}
			var err error
			if ms[g], err = SampleFromArticles(arts); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, ms)
	}
	return names, out
}

func TestPairwiseTestsShared(t *testing.T) {
	for _, m := range []int{1, 2, 3} {
		names, samples := sharedGroups(t, 8, 7, m)
		got, err := PairwiseTestsShared(names, samples, 499, 11)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != m {
			t.Fatalf("%d measures: %d results", m, len(got))
		}
		for k := range m {
			want, err := PairwiseTests(names, samples[k], 499, 11)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := fmt.Sprintf("%#v", got[k]), fmt.Sprintf("%#v", want); g != w {
				t.Errorf("%d measures, measure %d: shared tests differ from PairwiseTests:\n got %.400s\nwant %.400s", m, k, g, w)
			}
		}
	}
	if _, err := PairwiseTestsShared([]string{"a", "a"}, [][]Sample{{{}, {}}}, 9, 1); err == nil {
		t.Error("duplicate group names: no error")
	}
}

// BenchmarkPairwiseTestsShared: BenchmarkPairwiseTests for two measures
// at once (compare with twice BenchmarkPairwiseTests).
func BenchmarkPairwiseTestsShared(b *testing.B) {
	names, samples := sharedGroups(b, 53, 35, 2)
	b.ResetTimer()
	for b.Loop() {
		if _, err := PairwiseTestsShared(names, samples, DefaultPermutations, DefaultSeed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPairwiseTestsTwice: the two measures one after the other.
func BenchmarkPairwiseTestsTwice(b *testing.B) {
	names, samples := sharedGroups(b, 53, 35, 2)
	b.ResetTimer()
	for b.Loop() {
		for _, s := range samples {
			if _, err := PairwiseTests(names, s, DefaultPermutations, DefaultSeed); err != nil {
				b.Fatal(err)
			}
		}
	}
}
