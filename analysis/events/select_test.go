package events

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// refSelect is selectFeatures as it was: every feature sorted by
// (salience desc, hash, key), the first MaxFeatures kept.
func refSelect(stats []featStat, k int) []int32 {
	order := make([]int32, len(stats))
	for i := range order {
		order[i] = int32(i)
	}
	if len(order) <= k {
		return order // all kept, as met
	}
	sal := func(f *featStat) int32 {
		s := f.count
		if f.title {
			s += 3
		}
		if f.lede {
			s += 2
		}
		if f.kind != featWord {
			s += 2
		}
		return s
	}
	slices.SortFunc(order, func(a, b int32) int {
		fa, fb := &stats[a], &stats[b]
		if c := cmp.Compare(sal(fb), sal(fa)); c != 0 {
			return c
		}
		if c := cmp.Compare(fa.hash, fb.hash); c != 0 {
			return c
		}
		return strings.Compare(fa.key, fb.key)
	})
	return order[:k]
}

func randomStats(r *rand.Rand, n int) []featStat {
	kinds := []byte{featWord, featWord, featWord, featName, featNumber, featDate}
	stats := make([]featStat, n)
	for i := range stats {
		stats[i] = featStat{key: fmt.Sprintf("k%d", i), count: 1 + int32(r.IntN(4)), title: r.IntN(8) == 0,
			lede: r.IntN(5) == 0, kind: kinds[r.IntN(len(kinds))], hash: uint64(r.IntN(n))} // colliding hashes: ties by key
	}
	return stats
}

// The kept features and their order are those of a full sort, whatever the
// ties at the lowest salience kept.
func TestSelectFeaturesTopK(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n, k := 1+r.IntN(600), 1+r.IntN(200)
		stats := randomStats(r, n)
		c := &Collector{opt: Options{MaxFeatures: k}}
		sc := &eventScratch{stats: stats}
		got := c.selectFeatures(sc)
		if want := refSelect(stats, k); !slices.Equal(got, want) {
			t.Fatalf("trial %d (%d features, keep %d): got %v, want %v", trial, n, k, got, want)
		}
	}
}

func BenchmarkSelectFeatures(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	stats := randomStats(r, 400)
	c := &Collector{opt: Options{MaxFeatures: 128}}
	sc := &eventScratch{stats: stats}
	b.Run("topK", func(b *testing.B) {
		for b.Loop() {
			c.selectFeatures(sc)
		}
	})
	b.Run("fullSort", func(b *testing.B) {
		for b.Loop() {
			refSelect(stats, 128)
		}
	})
}
