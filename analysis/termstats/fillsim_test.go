package termstats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// fillSim gives every pair pairSim's bits (the merge over sorted ids), for
// every measure, also with idfs of 0 (whose terms the vectors drop) and
// rows of 0.
func TestFillSimBitsOfPairSim(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for trial := range 40 {
		_, tab := randomDense(t, r, 2+trial%9, 5+r.IntN(80))
		idfs := []func(int64) float64{smoothIDF(tab.TotalDocs), func(df int64) float64 {
			if df%3 == 0 {
				return 0
			}
			return math.Log(1 + float64(df))
		}}
		for _, idf := range idfs {
			for _, m := range SimMeasures() {
				s, err := GroupSimilarity(tab, m, idf)
				if err != nil {
					t.Fatal(err)
				}
				w, err := newGroupWeigher(tab, m, idf)
				if err != nil {
					t.Fatal(err)
				}
				vecs := make([]weightedVec, len(tab.Groups))
				for g := range vecs {
					if vecs[g], err = w.vector(tab.Count[g]); err != nil {
						t.Fatal(err)
					}
				}
				for i := range vecs {
					for j := range i {
						got, ok := s.At(i, j)
						if ok != (len(vecs[i].ids) > 0 && len(vecs[j].ids) > 0) {
							t.Fatalf("trial %d %s: At(%d,%d) valid %v", trial, m, i, j, ok)
						}
						if want := pairSim(m, vecs[i], vecs[j]); ok && math.Float64bits(got) != math.Float64bits(want) {
							t.Errorf("trial %d %s: At(%d,%d) = %.17g, pairSim %.17g", trial, m, i, j, got, want)
						}
					}
				}
			}
		}
	}
}

// BenchmarkGroupSimilarity: 300 groups over 20,000 terms, each group using
// a Zipf-like share of them.
func BenchmarkGroupSimilarity(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const ng, nt = 300, 20000
	groups, terms := make([]string, ng), make([]string, nt)
	count, df := make([][]int64, ng), make([][]int64, ng)
	docs := make([]int, ng)
	for j := range terms {
		terms[j] = "t" + string(rune('a'+j%26)) + string(rune('a'+j/26%26)) + string(rune('a'+j/676))
	}
	for g := range groups {
		groups[g] = "g" + string(rune('A'+g%26)) + string(rune('A'+g/26))
		count[g], df[g], docs[g] = make([]int64, nt), make([]int64, nt), 50
		for j := range terms {
			if r.Float64() < 30/(30+float64(j)) {
				count[g][j] = 1 + r.Int64N(20)
				df[g][j] = 1 + r.Int64N(min(count[g][j], 5))
			}
		}
	}
	tab, err := NewTermTableDense(groups, terms, count, df, docs)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range SimMeasures() {
		b.Run(string(m), func(b *testing.B) {
			for b.Loop() {
				if _, err := GroupSimilarity(tab, m, smoothIDF(tab.TotalDocs)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// pairSim is the similarity of two weighted vectors, by a merge over their
// sorted ids: how GroupSimilarity computed every pair before fillSim, kept
// here as the reference the tests hold fillSim and the document index to. Shared terms are visited in ascending id order, the order the
// document index accumulates them in, so both give identical bits.
func pairSim(m SimMeasure, a, b weightedVec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			if m == SimJSD {
				s += jsdTerm(a.w[i], a.h[i], b.w[j], b.h[j])
			} else {
				s += float64(a.w[i] * b.w[j])
			}
			i++
			j++
		}
	}
	return finishSim(m, s)
}
