package main

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"parallax/analysis/events"
)

// Story linking as keyed joins (docs/cluster.md): no worker holds every
// document's features. The count step splits each events record: the
// light part (group, sentences, lexicon passages) is combined per group
// as before; the features and the text travel on their own.
//
//	features ─ bucket parts (every hash, once) ─ CombinePerKey(bucket): dictionary ─╮
//	                        └──────────────────── CoGroupByKey(bucket): rare features per document
//	features (no hashes) ────────────────────────── CoGroupByKey(ordinal): nodes (kept rare features, norm)
//	nodes ─ postings ─ GroupByKey(feature): partners ─ CoGroupByKey(first document, with its features too
//	        frequent for undated pairs): its candidate pairs, shared features, Σ idf² in hash order; pairs
//	        with an undated document that may reach MinShared: CoGroupByKey(second document) ─ link tests
//	neighbours ─ GroupByKey(document): the MaxLinks best ─ GroupByKey(pair): edges kept by both
//	edges ─ one worker: connected components (union-find over the edges alone)
//	CoGroupByKey(component): nodes and edges ─ clusters ─ story drafts ─ numbered (their sizes and first members)
//	CoGroupByKey(ordinal): members with texts ─ CoGroupByKey(story): each story finished ─ the finishing worker

func init() {
	for _, t := range []any{(*events.FeatRecord)(nil), (*events.TextRecord)(nil), (*events.Node)(nil), (*events.StoryDraft)(nil),
		(*bucketPart)(nil), (*rarePart)(nil), (*postingE)(nil), (*partnersE)(nil), (*hashDF)(nil), (*undatedE)(nil), (*neighbourE)(nil),
		(*edgeE)(nil), (*memberE)(nil), (*draftE)(nil), (*statE)(nil),
		(*rareFn)(nil), (*nodeFn)(nil), (*pairsFn)(nil), (*pairFn)(nil), (*undatedFn)(nil),
		(*neighboursFn)(nil), (*componentsFn)(nil), (*clusterFn)(nil), (*numberFn)(nil), (*storyFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterCoder(reflect.TypeOf((*dictAcc)(nil)).Elem(), encodeDictAcc, decodeDictAcc)
	beam.RegisterType(reflect.TypeOf((*dictFn)(nil)).Elem())
	beam.RegisterFunction(sumInt)
	beam.RegisterFunction(sumStat)
	beam.RegisterFunction(featGroupSents)
	beam.RegisterFunction(featOne)
	beam.RegisterFunction(maxInt64)
	beam.RegisterFunction(maxNeighboursStat)
	beam.RegisterFunction(docsStat)
	beam.RegisterFunction(byOrdinal)
	beam.RegisterFunction(edgeVotes)
	beam.RegisterFunction(nodeOfComponent)
	beam.RegisterFunction(memberOf)
}

// dictBuckets is how many parts the feature dictionary is combined in:
// each combining worker holds about 1/dictBuckets of the corpus's
// features, and each document sends one bucket part (and gets back one
// rare part) per bucket its features fall in: few buckets, few elements
// (docs/cluster.md).
const dictBuckets = 16

// bucketPart is a document's features of one bucket: its kept ones
// first, with their keys. The hashes travel once: the count step sends
// them as bucket parts, the features keyed by ordinal carry none, and the
// node is made from the rare parts.
type bucketPart struct {
	Index  int
	Group  string
	Hashes []uint64
	Kept   int
	Keys   []string // the first Kept features' keys
}

// rarePart is the rare features of a document found in one bucket, with
// their document frequencies: the kept ones first (each part in hash
// order), with their keys.
type rarePart struct {
	Hashes []uint64
	DF     []int32
	Kept   int
	Keys   []string
}

// postingE is a document in a rare feature's postings, with the
// feature's document frequency, the document's norm and its NarrowBound.
type postingE struct {
	P     events.Posting
	DF    int32
	Norm  float64
	Bound int32
	Mask  []uint64 // the document's NarrowMask
}

// partnersE is what one rare feature adds to the candidate pairs of a
// document (keyed by its ordinal): the documents of higher ordinal it
// pairs it with, with their norms and NarrowBounds, whether the pair has
// an undated document, and then the AND of the two documents'
// NarrowMasks as its set bits (events.MaskBits: few, where a mask is 32
// bytes; none for a pair without an undated document). One element per
// document and feature, not per pair and feature: most features pair a
// document with several others.
type partnersE struct {
	Hash    uint64
	DF      int32
	Norm    float64 // the document's
	Others  []int
	Norms   []float64
	Bounds  []int32
	Undated []bool
	Bits    []byte  // the masks' common bits, pair after pair
	BitEnds []int32 // where each pair's bits end in Bits
}

// neighbourE is a passing pair from one document's side.
type neighbourE struct{ N events.Neighbour }

// edgeE is a kept link.
type edgeE struct{ E events.Edge }

// memberE is a story member with its rare features and text.
type memberE struct {
	Node    events.Node
	Rare    rarePart
	Text    events.TextRecord
	HasText bool
}

// draftE is a story draft with its id.
type draftE struct {
	ID    string
	Draft events.StoryDraft
}

// statE is one of the linking's counts.
type statE struct {
	Name string
	N    int64
}

func sumInt(a, b int) int { return a + b }

func sumStat(a, b int64) int64 { return a + b }

func featGroupSents(f events.FeatRecord) (string, int64) { return f.Group, int64(f.Sentences) }

func featOne(events.FeatRecord) int { return 1 }

func maxInt64(a, b int64) int64 { return max(a, b) }

func maxNeighboursStat(n int64) (string, int64) { return "max_neighbours", n }

func docsStat(n int) (string, int64) { return "docs", int64(n) }

// byOrdinal keys a document's features (without hashes: the bucket
// parts carry them, and the rare ones come back with the rare parts) by
// ordinal.
func byOrdinal(f events.FeatRecord) (int, events.FeatRecord) { return f.Index, f }

// pairKey packs a pair of ordinals (each below 2³²).
func pairKey(lo, hi int) uint64 { return uint64(lo)<<32 | uint64(uint32(hi)) }

// evFn is the part of the stages that needs the events collector.
type evFn struct {
	Job job
	ev  *events.Collector
}

func (f *evFn) setup() error {
	if f.ev != nil {
		return nil
	}
	c, err := newCollectors(f.Job)
	if err != nil {
		return err
	}
	if c.ev == nil {
		return fmt.Errorf("story linking without an events collector")
	}
	f.ev = c.ev
	return nil
}

// scaleOf reads the document count.
func (f *evFn) scaleOf(count func(*int) bool) events.Scale {
	D := 0
	var n int
	for count(&n) {
		D += n
	}
	return f.ev.Scale(D)
}

// buildStories adds story linking to the pipeline; it returns the
// stories' results (encoded) and the linking's counts.
func buildStories(s beam.Scope, j job, feats, parts, texts beam.PCollection) (stories, stats beam.PCollection) {
	s = s.Scope("stories")
	count := beam.Combine(s, sumInt, beam.ParDo(s, featOne, feats))
	groupSents := beam.CombinePerKey(s, sumStat, beam.ParDo(s, featGroupSents, feats))
	// The dictionary, per bucket, and each document's rare features.
	dict := beam.CombinePerKey(s, &dictFn{}, parts)
	rare, nfeat := beam.ParDo2(s, &rareFn{evFn: evFn{Job: j}}, beam.CoGroupByKey(s, dict, parts), beam.SideInput{Input: count})
	// Nodes and postings.
	byOrd := beam.ParDo(s, byOrdinal, feats)
	nodes, rareAll, postings := beam.ParDo3(s, &nodeFn{evFn: evFn{Job: j}}, beam.CoGroupByKey(s, byOrd, rare), beam.SideInput{Input: count})
	// Candidate pairs and their link tests.
	partners, nonWide, capped := beam.ParDo3(s, &pairsFn{evFn: evFn{Job: j}}, beam.GroupByKey(s, postings))
	nbDated, undatedReqs, pairStats := beam.ParDo3(s, &pairFn{evFn: evFn{Job: j}}, beam.CoGroupByKey(s, partners, nonWide), beam.SideInput{Input: count})
	nbUndated, undatedStats := beam.ParDo2(s, &undatedFn{evFn: evFn{Job: j}}, beam.CoGroupByKey(s, nonWide, undatedReqs), beam.SideInput{Input: count})
	nbrs := beam.Flatten(s, nbDated, nbUndated)
	votes, maxNb := beam.ParDo2(s, &neighboursFn{evFn: evFn{Job: j}}, beam.GroupByKey(s, nbrs))
	edges := beam.ParDo(s, edgeVotes, beam.GroupByKey(s, votes))
	// Components on one worker (the edges alone), then each clustered.
	compOf, compEdges, edgeStats := beam.ParDo3(s, &componentsFn{}, beam.Impulse(s), beam.SideInput{Input: edges})
	compNodes := beam.ParDo(s, nodeOfComponent, beam.CoGroupByKey(s, nodes, compOf))
	drafts := beam.ParDo(s, &clusterFn{evFn: evFn{Job: j}}, beam.CoGroupByKey(s, compNodes, compEdges), beam.SideInput{Input: count})
	numbered, assign := beam.ParDo2(s, &numberFn{}, drafts, beam.SideInput{Input: drafts})
	// Each story with its members' texts.
	members := beam.ParDo(s, memberOf, beam.CoGroupByKey(s, nodes, rareAll, texts, assign))
	stories = beam.ParDo(s, &storyFn{evFn: evFn{Job: j}}, beam.CoGroupByKey(s, numbered, members),
		beam.SideInput{Input: count}, beam.SideInput{Input: groupSents})
	maxStat := beam.ParDo(s, maxNeighboursStat, beam.Combine(s, maxInt64, maxNb))
	stats = beam.CombinePerKey(s, sumStat, beam.Flatten(s, nfeat, capped, pairStats, undatedStats, edgeStats, maxStat,
		beam.ParDo(s, docsStat, count)))
	return stories, stats
}

// bucketParts splits a document's features into its dictionary buckets,
// in bucket order.
func bucketParts(f *events.FeatRecord) []bucketPart {
	parts := map[int]*bucketPart{}
	for i, h := range f.Hashes {
		b := events.Bucket(h, dictBuckets)
		p := parts[b]
		if p == nil {
			p = &bucketPart{Index: f.Index, Group: f.Group}
			parts[b] = p
		}
		p.Hashes = append(p.Hashes, h)
		if i < f.Kept {
			p.Kept++
			p.Keys = append(p.Keys, f.Keys[i])
		}
	}
	out := make([]bucketPart, 0, len(parts))
	for _, b := range slices.Sorted(mapsKeys(parts)) {
		out = append(out, *parts[b])
	}
	return out
}

// bytes estimates a part's size.
func (p *bucketPart) bytes() int64 {
	n := 24 + len(p.Group) + 8*len(p.Hashes)
	for _, k := range p.Keys {
		n += len(k)
	}
	return int64(n)
}

func mapsKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// dictAcc is a bucket's dictionary being combined; its coder is
// events.DictAcc's byte encoding.
type dictAcc struct{ D *events.DictAcc }

func encodeDictAcc(a dictAcc) ([]byte, error) { return a.D.MarshalBinary() }

func decodeDictAcc(b []byte) (dictAcc, error) {
	d := events.NewDictAcc()
	return dictAcc{d}, d.UnmarshalBinary(b)
}

// dictFn combines a bucket's features into its dictionary.
type dictFn struct{}

func (dictFn) CreateAccumulator() dictAcc { return dictAcc{events.NewDictAcc()} }

func (dictFn) AddInput(a dictAcc, p bucketPart) dictAcc {
	a.D.Add(p.Group, p.Hashes)
	return a
}

func (dictFn) MergeAccumulators(a, b dictAcc) dictAcc {
	a.D.Merge(b.D)
	return a
}

func (dictFn) ExtractOutput(a dictAcc) dictAcc { return a }

// rareFn finds, per bucket, each document's rare features; it counts the
// distinct features.
type rareFn struct{ evFn }

func (f *rareFn) Setup() error { return f.setup() }

func (f *rareFn) ProcessElement(ctx context.Context, _ int, dicts func(*dictAcc) bool, parts func(*bucketPart) bool, count func(*int) bool,
	emit func(int, rarePart), stat func(string, int64)) {
	sc := f.scaleOf(count)
	var d dictAcc
	dict := events.NewDictAcc()
	for dicts(&d) {
		dict.Merge(d.D)
	}
	stat("features", int64(dict.Len()))
	linkBytes["dictionary"].Inc(ctx, int64(14*dict.Len()))
	var p bucketPart
	for parts(&p) {
		kept := map[uint64]int32{}
		sc.RareOf(dict, p.Hashes[:p.Kept], kept)
		rest := map[uint64]int32{}
		sc.RareOf(dict, p.Hashes[p.Kept:], rest)
		if len(kept)+len(rest) == 0 {
			continue
		}
		key := make(map[uint64]string, len(kept))
		for i, h := range p.Hashes[:p.Kept] {
			key[h] = p.Keys[i]
		}
		rp := rarePart{Kept: len(kept)}
		n := 16 + 12*(len(kept)+len(rest))
		for _, h := range slices.Sorted(mapsKeys(kept)) {
			rp.Hashes = append(rp.Hashes, h)
			rp.DF = append(rp.DF, kept[h])
			rp.Keys = append(rp.Keys, key[h])
			n += len(key[h])
		}
		for _, h := range slices.Sorted(mapsKeys(rest)) {
			rp.Hashes = append(rp.Hashes, h)
			rp.DF = append(rp.DF, rest[h])
		}
		linkBytes["rare_part"].Inc(ctx, int64(n))
		emit(p.Index, rp)
	}
}

// nodeFn makes each document's node and its postings.
type nodeFn struct{ evFn }

func (f *nodeFn) Setup() error { return f.setup() }

func (f *nodeFn) ProcessElement(ctx context.Context, idx int, recs func(*events.FeatRecord) bool, parts func(*rarePart) bool, count func(*int) bool,
	emitNode func(int, events.Node), emitRare func(int, rarePart), emitPost func(uint64, postingE)) error {
	sc := f.scaleOf(count)
	var rec events.FeatRecord
	n := 0
	for recs(&rec) {
		n++
	}
	if n != 1 {
		return fmt.Errorf("document %d: %d feature records", idx, n)
	}
	// The kept rare features and their keys, from the rare parts: the
	// features by ordinal carry no hashes (byOrdinal). NodeOf reads the
	// kept features that are rare, in hash order, so these are enough.
	rare := map[uint64]int32{}
	var all rarePart
	var p rarePart
	for parts(&p) {
		for i, h := range p.Hashes {
			rare[h] = p.DF[i]
		}
		rec.Hashes = append(rec.Hashes, p.Hashes[:p.Kept]...)
		rec.Keys = append(rec.Keys, p.Keys...)
	}
	rec.Kept = len(rec.Hashes)
	for _, h := range slices.Sorted(mapsKeys(rare)) {
		all.Hashes = append(all.Hashes, h)
		all.DF = append(all.DF, rare[h])
	}
	node := sc.NodeOf(&rec, rare)
	linkBytes["node"].Inc(ctx, nodeBytes(&node))
	linkBytes["rare_all"].Inc(ctx, int64(8+12*len(all.Hashes)))
	emitNode(idx, node)
	emitRare(idx, all)
	day, dated := node.Day()
	bound, mask := f.ev.NarrowBound(&node), f.ev.NarrowMask(&node)
	for i, h := range node.Rare {
		linkBytes["posting"].Inc(ctx, int64(45+8*events.MaskWords+len(node.Group)))
		emitPost(h, postingE{events.Posting{Index: idx, Group: node.Group, Dated: dated, Day: day}, node.DF[i], node.Norm, bound, mask})
	}
	return nil
}

// pairsFn lists the candidate pairs one rare feature makes, under the
// first document of each pair. A feature too frequent to find pairs with
// undated documents is also listed under each of its documents
// (nonWide), for the pairs with an undated document: they share it
// without its postings having paired them.
type pairsFn struct{ evFn }

func (f *pairsFn) Setup() error { return f.setup() }

func (f *pairsFn) ProcessElement(ctx context.Context, h uint64, posts func(*postingE) bool, emit func(int, partnersE), nonWide func(int, hashDF), stat func(string, int64)) {
	var ps []events.Posting
	of := map[int]postingE{}
	var df int32
	var p postingE
	for posts(&p) {
		ps = append(ps, p.P)
		of[p.P.Index] = p
		df = p.DF
	}
	byLo := map[int]*partnersE{}
	if f.ev.FeaturePairs(ps, func(lo, hi int, undated bool) {
		e := byLo[lo]
		if e == nil {
			e = &partnersE{Hash: h, DF: df, Norm: of[lo].Norm}
			byLo[lo] = e
		}
		e.Others = append(e.Others, hi)
		e.Norms = append(e.Norms, of[hi].Norm)
		e.Bounds = append(e.Bounds, of[hi].Bound)
		if undated {
			both := slices.Clone(of[lo].Mask)
			for i, w := range of[hi].Mask {
				both[i] &= w
			}
			e.Bits = append(e.Bits, events.MaskBits(both)...)
		}
		e.BitEnds = append(e.BitEnds, int32(len(e.Bits)))
		e.Undated = append(e.Undated, undated)
	}) {
		stat("undated_capped", 1)
	}
	for _, lo := range slices.Sorted(mapsKeys(byLo)) {
		e := byLo[lo]
		linkBytes["contribution"].Inc(ctx, int64(20+25*len(e.Others)+len(e.Bits)))
		emit(lo, *e)
	}
	if !f.ev.Wide(len(ps)) {
		for _, p := range ps {
			linkBytes["non_wide"].Inc(ctx, 20)
			nonWide(p.Index, hashDF{h, df})
		}
	}
}

// hashDF is a rare feature with its document frequency.
type hashDF struct {
	Hash uint64
	DF   int32
}

// undatedE is a pair with an undated document: its documents, the
// features its postings found, the norms, and the first document's
// features too frequent to have paired it that the second may hold.
type undatedE struct {
	Lo, Hi  int
	Found   []hashDF
	Norms   [2]float64
	NonWide []hashDF // the first document's that may be shared (in the second's NarrowMask)
}

// pairFn gathers the candidate pairs of a document with the documents of
// higher ordinal, sums each pair's shared features in hash order and
// tests the link. A pair with an undated document may share features too
// frequent to have paired it (as linkDocuments counts them): those among
// the first document's (nonWide, joined here) whose bits are in the
// second's NarrowMask. Unless these, or the second's NarrowBound, show
// that it cannot share MinShared features (events.Collector.MayReach),
// the pair is joined with the second document's list (undatedFn),
// carrying these alone.
type pairFn struct{ evFn }

func (f *pairFn) Setup() error { return f.setup() }

// candidate is a pair being gathered, from its first document's side.
type candidate struct {
	found   []hashDF
	norms   [2]float64
	bound   int32    // the second document's NarrowBound
	mask    []uint64 // the AND of the two NarrowMasks
	undated bool
}

func (f *pairFn) ProcessElement(ctx context.Context, lo int, es func(*partnersE) bool, nonWide func(*hashDF) bool, count func(*int) bool,
	emitNb func(int, neighbourE), emitUndated func(int, undatedE), stat func(string, int64)) {
	cands := map[int]*candidate{}
	var e partnersE
	for es(&e) {
		for k, hi := range e.Others {
			c := cands[hi]
			if c == nil {
				c = &candidate{norms: [2]float64{e.Norm, e.Norms[k]}, bound: e.Bounds[k]}
				cands[hi] = c
			}
			if e.Undated[k] && c.mask == nil {
				from := int32(0)
				if k > 0 {
					from = e.BitEnds[k-1]
				}
				c.undated = true
				c.mask = events.MaskOfBits(e.Bits[from:e.BitEnds[k]])
			}
			c.found = append(c.found, hashDF{e.Hash, e.DF})
		}
	}
	if len(cands) == 0 {
		return
	}
	nw := readHashes(nonWide)
	stat("candidates", int64(len(cands)))
	sc := f.scaleOf(count)
	for _, hi := range slices.Sorted(mapsKeys(cands)) {
		c := cands[hi]
		if !c.undated {
			emitLink(f.ev, sc, lo, hi, c.found, c.norms, emitNb, stat)
			continue
		}
		var maybe []hashDF
		for _, x := range nw {
			if events.MaskHas(c.mask, x.Hash) {
				maybe = append(maybe, x)
			}
		}
		if !f.ev.MayReach(len(c.found), int32(len(maybe)), c.bound) {
			undatedDropped.Inc(ctx, 1)
			continue
		}
		linkBytes["undated_pair"].Inc(ctx, int64(32+12*len(c.found)+12*len(maybe)))
		emitUndated(hi, undatedE{Lo: lo, Hi: hi, Found: c.found, Norms: c.norms, NonWide: maybe})
	}
}

// emitLink tests a pair sharing the features shared and emits it from
// both sides when it passes.
func emitLink(ev *events.Collector, sc events.Scale, lo, hi int, shared []hashDF, norms [2]float64, emitNb func(int, neighbourE), stat func(string, int64)) {
	cs := make([]events.Contrib, len(shared))
	for i, x := range shared {
		cs[i] = events.Contrib{Hash: x.Hash, IDF2: sc.IDF2(x.DF)}
	}
	n, dot := events.PairDot(cs)
	sim, ok := ev.Link(n, dot, norms[0], norms[1])
	if !ok {
		return
	}
	stat("similar", 1)
	emitNb(lo, neighbourE{events.Neighbour{Other: hi, Shared: int32(n), Sim: sim}})
	emitNb(hi, neighbourE{events.Neighbour{Other: lo, Shared: int32(n), Sim: sim}})
}

// readHashes reads a document's features, sorted by hash.
func readHashes(next func(*hashDF) bool) []hashDF {
	var out []hashDF
	var x hashDF
	for next(&x) {
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b hashDF) int { return cmp.Compare(a.Hash, b.Hash) })
	return out
}

// undatedFn adds the too-frequent features both documents of a pair hold
// to those found, and tests the link.
type undatedFn struct{ evFn }

func (f *undatedFn) Setup() error { return f.setup() }

func (f *undatedFn) ProcessElement(hi int, nonWide func(*hashDF) bool, pairs func(*undatedE) bool, count func(*int) bool,
	emitNb func(int, neighbourE), stat func(string, int64)) {
	nw := readHashes(nonWide)
	sc := f.scaleOf(count)
	var u undatedE
	for pairs(&u) {
		shared := slices.Clone(u.Found)
		for i, j := 0, 0; i < len(u.NonWide) && j < len(nw); {
			switch {
			case u.NonWide[i].Hash < nw[j].Hash:
				i++
			case u.NonWide[i].Hash > nw[j].Hash:
				j++
			default:
				shared = append(shared, nw[j])
				i++
				j++
			}
		}
		emitLink(f.ev, sc, u.Lo, hi, shared, u.Norms, emitNb, stat)
	}
}

// neighboursFn keeps a document's MaxLinks best neighbours and votes for
// each of their links.
type neighboursFn struct{ evFn }

func (f *neighboursFn) Setup() error { return f.setup() }

func (f *neighboursFn) ProcessElement(ctx context.Context, i int, nbs func(*neighbourE) bool, emit func(uint64, edgeE), most func(int64)) {
	var ns []events.Neighbour
	var nb neighbourE
	for nbs(&nb) {
		ns = append(ns, nb.N)
	}
	linkBytes["neighbour"].Inc(ctx, int64(28*len(ns)))
	most(int64(len(ns)))
	for _, n := range f.ev.KeepNeighbours(ns) {
		lo, hi := min(i, n.Other), max(i, n.Other)
		linkBytes["link_vote"].Inc(ctx, 36)
		emit(pairKey(lo, hi), edgeE{events.Edge{A: lo, B: hi, Sim: n.Sim, Shared: n.Shared}})
	}
}

// edgeVotes keeps a link both of its documents kept.
func edgeVotes(_ uint64, votes func(*edgeE) bool, emit func(edgeE)) {
	var e, first edgeE
	n := 0
	for votes(&e) {
		if n == 0 {
			first = e
		}
		n++
	}
	if n == 2 {
		emit(first)
	}
}

// componentsFn finds the connected components of the edges, on one
// worker: it holds the edges alone (two ordinals, a similarity and a
// count each).
type componentsFn struct{}

func (componentsFn) ProcessElement(_ []byte, edges func(*edgeE) bool, emitComp func(int, int), emitEdge func(int, edgeE), stat func(string, int64)) {
	var all []events.Edge
	var e edgeE
	for edges(&e) {
		all = append(all, e.E)
	}
	comp := events.Components(all)
	stat("edges", int64(len(all)))
	for _, i := range slices.Sorted(mapsKeys(comp)) {
		emitComp(i, comp[i])
	}
	for _, e := range all {
		emitEdge(comp[e.A], edgeE{e})
	}
}

// nodeOfComponent keys a linked document's node by its component.
func nodeOfComponent(_ int, nodes func(*events.Node) bool, comps func(*int) bool, emit func(int, events.Node)) {
	var n events.Node
	var c int
	if nodes(&n) && comps(&c) {
		emit(c, n)
	}
}

// clusterFn clusters one component into story drafts.
type clusterFn struct{ evFn }

func (f *clusterFn) Setup() error { return f.setup() }

func (f *clusterFn) ProcessElement(ctx context.Context, _ int, nodes func(*events.Node) bool, edges func(*edgeE) bool, count func(*int) bool, emit func(events.StoryDraft)) {
	sc := f.scaleOf(count)
	var ns []events.Node
	var n events.Node
	for nodes(&n) {
		ns = append(ns, n)
	}
	var es []events.Edge
	var e edgeE
	for edges(&e) {
		es = append(es, e.E)
	}
	componentDocs.Update(ctx, int64(len(ns)))
	for _, d := range f.ev.Cluster(sc, ns, es) {
		storyDocs.Update(ctx, int64(len(d.Members)))
		emit(d)
	}
}

// numberFn gives each story its id from every story's size and first
// member (the side input), and assigns its members to it (a story is
// keyed by its first member).
type numberFn struct {
	rank map[int]string // first member → id, once read
}

func (f *numberFn) ProcessElement(d events.StoryDraft, all func(*events.StoryDraft) bool, emit func(int, draftE), assign func(int, int)) {
	if f.rank == nil {
		var ds []events.StoryDraft
		var x events.StoryDraft
		for all(&x) {
			ds = append(ds, events.StoryDraft{Members: x.Members})
		}
		ids := events.StoryIDs(ds)
		f.rank = map[int]string{}
		for i, x := range ds {
			f.rank[x.Members[0]] = ids[i]
		}
	}
	key := d.Members[0]
	emit(key, draftE{f.rank[key], d})
	for _, m := range d.Members {
		assign(m, key)
	}
}

// memberOf joins a story member's node, rare features and text.
func memberOf(ctx context.Context, _ int, nodes func(*events.Node) bool, rares func(*rarePart) bool, texts func(*events.TextRecord) bool, stories func(*int) bool,
	emit func(int, memberE)) {
	var story int
	if !stories(&story) {
		return
	}
	var m memberE
	nodes(&m.Node)
	rares(&m.Rare)
	m.HasText = texts(&m.Text)
	linkBytes["member"].Inc(ctx, nodeBytes(&m.Node)+int64(12*len(m.Rare.Hashes)+len(m.Text.Text)+4*len(m.Text.Spans)))
	emit(story, m)
}

// storyFn finishes one story.
type storyFn struct{ evFn }

func (f *storyFn) Setup() error { return f.setup() }

func (f *storyFn) ProcessElement(ctx context.Context, _ int, drafts func(*draftE) bool, members func(*memberE) bool, count func(*int) bool,
	groupSents func(*string, *int64) bool, emit func([]byte)) error {
	var d draftE
	if !drafts(&d) {
		return fmt.Errorf("story members without their story")
	}
	sc := f.scaleOf(count)
	gs := map[string]int64{}
	var g string
	var n int64
	for groupSents(&g, &n) {
		gs[g] += n
	}
	var ms []events.Member
	var m memberE
	for members(&m) {
		rare := make(map[uint64]int32, len(m.Rare.Hashes))
		for i, h := range m.Rare.Hashes {
			rare[h] = m.Rare.DF[i]
		}
		ms = append(ms, events.Member{Node: m.Node, Rare: rare, Text: m.Text, HasText: m.HasText})
	}
	slices.SortFunc(ms, func(x, y events.Member) int { return cmp.Compare(x.Node.Index, y.Node.Index) })
	r, err := f.ev.FinishStory(sc, d.ID, d.Draft, ms, gs)
	if err != nil {
		return err
	}
	b, err := r.MarshalBinary()
	if err != nil {
		return err
	}
	storyBytesCounter.Inc(ctx, int64(len(b)))
	emit(b)
	return nil
}
