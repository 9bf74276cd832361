package events_test

import (
	"fmt"
	"slices"
	"testing"

	"parallax/analysis/events"
	"parallax/analysis/internal/testkit"
)

// keyedFinish runs story linking as parallax-beam's keyed joins do, each
// shuffle a map, with buckets dictionary parts: the reference the
// pipeline follows.
// dropped counts the pairs with an undated document the nodes' bounds
// drop before the joins.
func keyedFinish(t *testing.T, c *events.Collector, recs []events.DocRecord, buckets int, dropped *int) *events.Result {
	t.Helper()
	acc := c.NewAcc()
	dict := make([]*events.DictAcc, buckets)
	for i := range dict {
		dict[i] = events.NewDictAcc()
	}
	var feats []events.FeatRecord
	texts := map[int]events.TextRecord{}
	groupSents := map[string]int64{}
	for i := range recs {
		lex, f, tx, ok := recs[i].Split()
		acc.Add(lex)
		feats = append(feats, f)
		if ok {
			texts[f.Index] = tx
		}
		groupSents[f.Group] += int64(f.Sentences)
		// Step 2: the dictionary, per bucket (through the encoding, as it
		// crosses a shuffle).
		parts := map[int][]uint64{}
		for _, h := range f.Hashes {
			b := events.Bucket(h, buckets)
			parts[b] = append(parts[b], h)
		}
		for b, hs := range parts {
			one := events.NewDictAcc()
			one.Add(f.Group, hs)
			enc, err := one.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var dec events.DictAcc
			if err := dec.UnmarshalBinary(enc); err != nil {
				t.Fatal(err)
			}
			dict[b].Merge(&dec)
		}
	}
	var st events.Stats
	st.Docs = len(feats)
	for _, d := range dict {
		st.Features += d.Len()
	}
	s := c.Scale(len(feats))
	st.RareCap = s.Cap
	// Step 3: nodes.
	nodes := map[int]events.Node{}
	rareAll := map[int]map[uint64]int32{}
	postings := map[uint64][]events.Posting{}
	for i := range feats {
		f := &feats[i]
		rare := map[uint64]int32{}
		for _, h := range f.Hashes {
			s.RareOf(dict[events.Bucket(h, buckets)], []uint64{h}, rare)
		}
		n := s.NodeOf(f, rare)
		nodes[f.Index], rareAll[f.Index] = n, rare
		day, dated := n.Day()
		for _, h := range n.Rare {
			postings[h] = append(postings[h], events.Posting{Index: n.Index, Group: n.Group, Dated: dated, Day: day})
		}
	}
	// Step 4: pairs.
	type pair struct{ lo, hi int }
	contribs := map[pair][]events.Contrib{}
	undated := map[pair]bool{}
	nonWide := map[int]map[uint64]float64{} // per document: its rare features too frequent to pair undated documents
	for h, ps := range postings {
		df := nodes[ps[0].Index].DF[slices.Index(nodes[ps[0].Index].Rare, h)]
		if c.FeaturePairs(ps, func(lo, hi int, und bool) {
			k := pair{lo, hi}
			contribs[k] = append(contribs[k], events.Contrib{Hash: h, IDF2: s.IDF2(df)})
			undated[k] = undated[k] || und
		}) {
			st.UndatedCapped++
		}
		if !c.Wide(len(ps)) {
			for _, p := range ps {
				if nonWide[p.Index] == nil {
					nonWide[p.Index] = map[uint64]float64{}
				}
				nonWide[p.Index][h] = s.IDF2(df)
			}
		}
	}
	st.Candidates = int64(len(contribs))
	nbrs := map[int][]events.Neighbour{}
	for k, cs := range contribs {
		x, y := nodes[k.lo], nodes[k.hi]
		if undated[k] {
			// The features too frequent to have paired them, which both hold.
			extra := 0
			for h := range nonWide[k.lo] {
				if _, ok := nonWide[k.hi][h]; ok {
					extra++
				}
			}
			// The first document's such features that the second's mask
			// holds: the pair is joined with these alone, and dropped
			// before the join when these, or the second's bound, cannot
			// make MinShared. Both must be safe: no pair they drop could
			// have been linked, no shared feature is left out.
			// The pair carries the AND of the two masks, as its set
			// bits: the first document's such features all have their
			// bits in its own mask.
			var cand []uint64
			mx, my := c.NarrowMask(&x), c.NarrowMask(&y)
			for i := range mx {
				mx[i] &= my[i]
			}
			mask := events.MaskOfBits(events.MaskBits(mx))
			for h := range nonWide[k.lo] {
				if events.MaskHas(mask, h) {
					cand = append(cand, h)
				}
			}
			if !c.MayReach(len(cs), int32(len(cand)), c.NarrowBound(&y)) {
				*dropped++
				if len(cs)+extra >= c.MinShared() {
					t.Errorf("pair %d–%d dropped (%d candidates, bound %d) but shares %d+%d features", k.lo, k.hi,
						len(cand), c.NarrowBound(&y), len(cs), extra)
				}
				continue
			}
			for _, h := range cand {
				if _, ok := nonWide[k.hi][h]; ok {
					cs = append(cs, events.Contrib{Hash: h, IDF2: nonWide[k.lo][h]})
				}
			}
			if len(cs) != len(contribs[k])+extra {
				t.Errorf("pair %d–%d: %d features after the mask, want %d", k.lo, k.hi, len(cs)-len(contribs[k]), extra)
			}
		}
		n, dot := events.PairDot(cs)
		if sim, ok := c.Link(n, dot, x.Norm, y.Norm); ok {
			st.Similar++
			nbrs[k.lo] = append(nbrs[k.lo], events.Neighbour{Other: k.hi, Shared: int32(n), Sim: sim})
			nbrs[k.hi] = append(nbrs[k.hi], events.Neighbour{Other: k.lo, Shared: int32(n), Sim: sim})
		}
	}
	votes := map[pair]int{}
	edgeOf := map[pair]events.Edge{}
	for i, ns := range nbrs {
		st.MaxNeighbours = max(st.MaxNeighbours, len(ns))
		for _, nb := range c.KeepNeighbours(ns) {
			k := pair{min(i, nb.Other), max(i, nb.Other)}
			votes[k]++
			edgeOf[k] = events.Edge{A: k.lo, B: k.hi, Sim: nb.Sim, Shared: nb.Shared}
		}
	}
	var edges []events.Edge
	for k, v := range votes {
		if v == 2 {
			edges = append(edges, edgeOf[k])
		}
	}
	st.Edges = len(edges)
	// Step 5: components, clusters, numbering.
	comp := events.Components(edges)
	compNodes := map[int][]events.Node{}
	for i, k := range comp {
		compNodes[k] = append(compNodes[k], nodes[i])
	}
	compEdges := map[int][]events.Edge{}
	for _, e := range edges {
		compEdges[comp[e.A]] = append(compEdges[comp[e.A]], e)
	}
	var drafts []events.StoryDraft
	for k, ns := range compNodes {
		drafts = append(drafts, c.Cluster(s, ns, compEdges[k])...)
	}
	ids := events.StoryIDs(drafts)
	st.Stories = len(drafts)
	// Step 6: each story with its members' texts.
	var results []events.StoryResult
	for i, d := range drafts {
		var ms []events.Member
		for _, m := range d.Members {
			tx, ok := texts[m]
			ms = append(ms, events.Member{Node: nodes[m], Rare: rareAll[m], Text: tx, HasText: ok})
		}
		r, err := c.FinishStory(s, ids[i], d, ms, groupSents)
		if err != nil {
			t.Fatal(err)
		}
		enc, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var dec events.StoryResult
		if err := dec.UnmarshalBinary(enc); err != nil {
			t.Fatal(err)
		}
		results = append(results, dec)
	}
	res, err := c.FinishKeyed(acc, st, results)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestKeyedFinish checks that story linking as keyed parts gives Finish's
// result, on the AllSides sample, with and without the date window and
// the undated cap.
func TestKeyedFinish(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole AllSides sample")
	}
	allDropped := 0
	for _, opt := range []events.Options{{}, {Window: -1, UndatedMaxDF: 5, MaxLinks: 3}, {UndatedMaxDF: 3}, {UndatedMaxDF: 40}} {
		c, err := events.NewCollector(opt)
		if err != nil {
			t.Fatal(err)
		}
		recs := mapRecords(t, c, testkit.AllSidesSource())
		acc := c.NewAcc()
		for _, r := range recs {
			acc.Add(r)
		}
		want, err := c.Finish(acc)
		if err != nil {
			t.Fatal(err)
		}
		dropped := 0
		got := keyedFinish(t, c, recs, 7, &dropped)
		allDropped += dropped
		if len(want.Articles) == 0 {
			t.Fatalf("options %+v: no story: the test checks nothing", opt)
		}
		w, g := want.Stats, got.Stats
		w.Dated, w.KeptFeatures, w.RareFeatures, w.SumDF2, w.Postings, w.TextDocs, w.TextBytes = 0, 0, 0, 0, 0, 0, 0
		if w != g {
			t.Errorf("options %+v: stats\n got %+v\nwant %+v", opt, g, w)
		}
		if opt.UndatedMaxDF > 0 && g.UndatedCapped == 0 {
			t.Errorf("options %+v: no feature too frequent for undated pairs: the test does not reach that path", opt)
		}
		t.Logf("window %d, undated cap %d: %d stories, %d edges, %d candidates (%d undated dropped by the bounds), %d capped",
			opt.Window, opt.UndatedMaxDF, g.Stories, g.Edges, g.Candidates, dropped, g.UndatedCapped)
		want.Stats, got.Stats = events.Stats{}, events.Stats{}
		for i := range max(len(want.Summaries), len(got.Summaries)) {
			if i >= len(want.Summaries) || i >= len(got.Summaries) || !same(want.Summaries[i], got.Summaries[i]) {
				t.Fatalf("options %+v: summary %d differs (of %d, %d)\n got %+v\nwant %+v", opt, i, len(got.Summaries), len(want.Summaries), got.Summaries[min(i, len(got.Summaries)-1)], want.Summaries[min(i, len(want.Summaries)-1)])
			}
		}
		if !same(want, got) {
			t.Errorf("options %+v: the keyed result differs from Finish's", opt)
		}
	}
	if allDropped == 0 {
		t.Error("no pair with an undated document dropped by the nodes' bounds: the test does not reach that path")
	}
}

// same compares two values by their printed form, unexported fields
// included, NaN equal to NaN (reflect.DeepEqual says NaN ≠ NaN), every
// float printed in its shortest exact form.
func same(x, y any) bool { return fmt.Sprintf("%+v", x) == fmt.Sprintf("%+v", y) }
