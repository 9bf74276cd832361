package termstats

import (
	"math"
	"testing"

	"parallax/analysis/internal/testkit"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

// naiveCounts counts the terms of docs per group by term string, a map
// update per occurrence: the reference for the Counter.
func naiveCounts(t *testing.T, opt TermOptions, docs []testDoc) map[string]map[string]termCount {
	t.Helper()
	a := newAnnotator(opt, NewVocabulary(), segment.NewTokenizer(segment.NewNorms()))
	want := map[string]map[string]termCount{}
	for _, d := range docs {
		if want[d.group] == nil {
			want[d.group] = map[string]termCount{}
		}
		inDoc := map[string]bool{}
		for _, s := range segment.Sentences(d.text, nil) {
			sent := d.text[s.Start:s.End]
			a.sentence(sent, segment.Tokenize(sent, nil), func(id int32) {
				term := a.vocab.terms[id]
				c := want[d.group][term]
				c.count++
				if !inDoc[term] {
					inDoc[term] = true
					c.docs++
				}
				want[d.group][term] = c
			})
		}
	}
	return want
}

type testDoc struct{ group, text string }

// TestCounterDense counts the AllSides sample with dense rows of several
// shapes (none, small rows beside the maps, rows for every group, rows
// flushed for overflow every few documents), in two Counters merged as
// the pipeline's workers are, and compares every count and document
// frequency with naiveCounts.
func TestCounterDense(t *testing.T) {
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		t.Fatal(err)
	}
	var docs []testDoc
	for _, d := range testkit.AllSides(t) {
		docs = append(docs, testDoc{d.Group, d.Text})
	}
	for _, opt := range []TermOptions{{StopWords: sw}, {StopWords: sw, NGrams: 2, Stem: true}} {
		want := naiveCounts(t, opt, docs)
		for k, tc := range []struct {
			name     string
			lim      denseLimits
			overflow bool
		}{
			{"maps only", denseLimits{rows: 0}, false},
			{"default", defaultDense, false},
			{"small rows, few", denseLimits{terms: 200, after: 2, rows: 3}, false},
			{"rows for all", denseLimits{terms: 1 << 20, after: 1, rows: 1000}, false},
			{"overflow flushes", denseLimits{terms: 500, after: 1, rows: 1000}, true},
		} {
			if opt.NGrams > 1 && (k == 0 || k == 3) {
				continue // the map-only and all-rows paths once are enough
			}
			v := NewVocabulary()
			norms := segment.NewNorms()
			shards := []*Shard{NewShard(), NewShard()}
			var counters []*Counter
			for _, s := range shards {
				c := NewCounter(opt, v, s, segment.NewTokenizer(norms))
				c.dense = tc.lim
				counters = append(counters, c)
			}
			var toks []segment.Token
			for i, d := range docs {
				c := counters[i%3%2] // uneven shares
				if tc.overflow && i%7 == 6 {
					for _, r := range c.rows {
						r.total = math.MaxUint32 - 3
					}
				}
				sents := segment.Sentences(d.text, nil)
				c.Document(d.group, "", len(sents))
				for _, s := range sents {
					sent := d.text[s.Start:s.End]
					toks = c.ann.tk.Tokenize(sent, toks[:0])
					c.Sentence(sent, toks)
				}
				c.EndDocument()
			}
			for _, c := range counters {
				c.Flush()
			}
			shards[1].Merge(shards[0])
			table, _, _ := Freeze(shards[1], v)
			checkTable(t, tc.name, table, want)
		}
	}
}

// checkTable compares the counts and document frequencies of table with want.
func checkTable(t *testing.T, name string, table *TermTable, want map[string]map[string]termCount) {
	t.Helper()
	if len(table.Groups) != len(want) {
		t.Fatalf("%s: %d groups, want %d", name, len(table.Groups), len(want))
	}
	for g, group := range table.Groups {
		w := want[group]
		cnt, df := table.Count[g], table.DocFreq[g]
		if cnt.Len() != len(w) || df.Len() != len(w) {
			t.Fatalf("%s: group %q has %d terms (%d with df), want %d", name, group, cnt.Len(), df.Len(), len(w))
		}
		for i, id := range cnt.IDs {
			term := table.Terms[id]
			if got := (termCount{cnt.Counts[i], df.Get(id)}); got != w[term] {
				t.Fatalf("%s: group %q term %q: count, docs %v, want %v", name, group, term, got, w[term])
			}
		}
	}
}
