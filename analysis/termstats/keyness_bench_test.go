package termstats

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// zipfTable builds a sparse TermTable shaped like a real news corpus: ng
// groups of very unequal size (log-normal, the median ~1/40 of the mean, as
// among the AllSides outlets), about tokens counted terms in all, drawn
// from a Zipf–Mandelbrot law (s = 2.3, v = 2000) whose tail of rare words
// gives, at 20 M tokens, ~190,000 distinct terms of which ~45 % occur at
// least three times (AllSides: 184,000 and 45 %). A term's frequency rank
// is unrelated to its alphabetical id. Documents have about 400 counted
// terms. The table is built sparse, so that such sizes fit in memory.
func zipfTable(tb testing.TB, rng *rand.Rand, ng int, tokens int64) *TermTable {
	tb.Helper()
	zipf := rand.NewZipf(rng, 2.3, 2000, 1<<30)
	sizes := make([]float64, ng)
	var sum float64
	for g := range sizes {
		sizes[g] = math.Exp(rng.NormFloat64() * 2.7)
		sum += sizes[g]
	}
	// Count by frequency rank, then number the ranks drawn in a random
	// (alphabetical) order.
	byRank := make([]map[uint64]int64, ng)
	id := map[uint64]int32{}
	for g := range ng {
		byRank[g] = map[uint64]int64{}
		for range max(1, int64(float64(tokens)*sizes[g]/sum)) {
			r := zipf.Uint64()
			byRank[g][r]++
			id[r] = 0
		}
	}
	ranks := slices.Sorted(maps.Keys(id))
	for i, j := range rng.Perm(len(ranks)) {
		id[ranks[i]] = int32(j)
	}
	nt := len(ranks)
	t := &TermTable{
		Groups:      make([]string, ng),
		Terms:       make([]string, nt),
		CorpusCount: make([]int64, nt),
		CorpusDF:    make([]int64, nt),
	}
	for j := range t.Terms {
		t.Terms[j] = fmt.Sprintf("w%07d", j)
	}
	type cell struct {
		id int32
		y  int64
	}
	for g := range ng {
		t.Groups[g] = fmt.Sprintf("g%04d", g)
		cells := make([]cell, 0, len(byRank[g]))
		var n int64
		for r, y := range byRank[g] {
			cells = append(cells, cell{id[r], y})
			n += y
		}
		slices.SortFunc(cells, func(a, b cell) int { return cmp.Compare(a.id, b.id) })
		docs := int(1 + n/400)
		var c, df SparseCounts
		for _, x := range cells {
			d := min(x.y, int64(docs), 1+rng.Int64N(x.y))
			c.IDs, c.Counts = append(c.IDs, x.id), append(c.Counts, x.y)
			df.IDs, df.Counts = append(df.IDs, x.id), append(df.Counts, d)
			t.CorpusCount[x.id] += x.y
			t.CorpusDF[x.id] += d
		}
		t.Count = append(t.Count, c)
		t.DocFreq = append(t.DocFreq, df)
		t.Tokens = append(t.Tokens, n)
		t.Docs = append(t.Docs, docs)
		t.TotalDocs += docs
		t.TotalTokens += n
	}
	return t
}

// BenchmarkKeynessLarge is keyness for every group of a table the size of
// the AllSides corpus (491 groups, 20 M counted terms, ~190,000 distinct)
// against the rest, sharing one index as DistinctiveTerms does. "ranked"
// makes each result (as terms --top N then reads only its top); "every-row"
// also ranges over every tested term of every group (terms --top 0 --zeros).
func BenchmarkKeynessLarge(b *testing.B) {
	tab := zipfTable(b, rand.New(rand.NewPCG(11, 12)), 491, 20_000_000)
	opt := DefaultKeynessOptions()
	nnz := 0
	for _, c := range tab.Count {
		nnz += c.Len()
	}
	for _, bc := range []struct {
		name string
		all  bool
	}{{"ranked", false}, {"every-row", true}} {
		b.Run(bc.name, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				index := NewKeynessIndex(tab)
				rows = 0
				for g := range tab.Groups {
					kt, err := index.Keyness(g, nil, opt)
					if err != nil {
						b.Fatal(err)
					}
					if bc.all {
						for range kt.All() {
							rows++
						}
					}
				}
			}
			b.ReportMetric(float64(len(tab.Terms)), "terms")
			b.ReportMetric(float64(nnz), "nonzero-cells")
			if bc.all {
				b.ReportMetric(float64(rows), "rows")
			}
		})
	}
}
