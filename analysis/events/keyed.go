package events

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// Story linking as keyed parts, for a distributed run (parallax-beam,
// docs/cluster.md): the steps of Finish's article level (freeze,
// linkDocuments, buildStories, the stories' figures) as functions over
// the parts a keyed join brings together, so that no worker needs every
// document's features. Each step gives Finish's numbers bit for bit:
//
//  1. Split a record: the light record (group, sentences, lexicon
//     passages) goes to the per-group Acc; the features (FeatRecord) and
//     the text (TextRecord) travel on their own.
//  2. The feature dictionary: a DictAcc per bucket of hashes (Bucket),
//     combined per key; with the document count D, Scale says which
//     features are rare and gives their idf.
//  3. Each document's Node: its kept rare features (hash order = rank
//     order), their df and keys, its norm (Scale.NodeOf).
//  4. Candidate pairs from each rare feature's postings (FeaturePairs);
//     a pair's shared features and Σ idf² summed in hash order (PairDot;
//     a pair with an undated document adds the features too frequent to
//     have paired it (Wide) that both hold); Link tests them; KeepNeighbours
//     bounds each document's links; a link is an edge when both keep it.
//  5. Connected components of the edges (Components); each clusters
//     alone (Cluster: anchorUndated, averageLink, the stories' features,
//     scores and links). Stories are numbered over the whole corpus
//     (StoryIDs).
//  6. Each story's members with their texts: FinishStory aligns its
//     passages and computes its figures; FinishKeyed assembles the result
//     with the lexicon events of the per-group accumulators.

// FeatRecord is the part of a DocRecord story linking reads: the
// document's features.
type FeatRecord struct {
	Index                  int
	ID, Group, Title, Date string
	Sentences              int32
	Hashes                 []uint64 // every distinct feature; the first Kept are the kept ones
	Kept                   int
	Keys                   []string // the kept features' keys
}

// TextRecord is a document's cleaned text with its sentences' spans, as
// (start, end) pairs: kept for a document that may belong to a story.
// Hashes, Feats and Tones are what the map step read from its sentences
// (the document's features, each sentence's as indices into Hashes, and
// the cached tones): the story's figures need not find them again.
type TextRecord struct {
	Index  int
	Text   string
	Spans  []uint32
	Hashes []uint64
	Feats  []byte
	Tones  []float64
}

// docText is the record's text as the collector keeps it.
func (r *TextRecord) docText() docText {
	return docText{text: r.Text, spans: r.Spans, hashes: r.Hashes, feats: r.Feats, tones: r.Tones}
}

// Split separates a record into the light record the per-group Acc
// needs (group, sentences and lexicon passages; no features, no text),
// its features and its text (ok false when the record kept none).
func (r *DocRecord) Split() (lex DocRecord, f FeatRecord, t TextRecord, ok bool) {
	lex = *r
	lex.hashes, lex.keys, lex.text = nil, nil, docText{}
	f = FeatRecord{Index: r.Index, ID: r.ID, Group: r.Group, Title: r.Title, Date: r.Date, Sentences: r.Sentences,
		Hashes: r.hashes, Kept: len(r.keys), Keys: r.keys}
	if r.text.spans != nil {
		t, ok = TextRecord{Index: r.Index, Text: r.text.text, Spans: r.text.spans,
			Hashes: r.text.hashes, Feats: r.text.feats, Tones: r.text.tones}, true
	}
	return lex, f, t, ok
}

// Bucket is the bucket of a feature hash among n: the dictionary is
// combined per bucket.
func Bucket(h uint64, n int) int { return int((h >> 24) % uint64(n)) }

// DictAcc is a part of the feature dictionary: per feature hash, how many
// documents hold it and whether they belong to two groups or more.
type DictAcc struct {
	ents   map[uint64]dictEnt
	groups []string
	gidx   map[string]int32
}

type dictEnt struct {
	df    int32
	group int32 // index in groups, or multiGroup
}

// NewDictAcc returns an empty dictionary.
func NewDictAcc() *DictAcc {
	return &DictAcc{ents: map[uint64]dictEnt{}, gidx: map[string]int32{}}
}

func (d *DictAcc) group(name string) int32 {
	g, ok := d.gidx[name]
	if !ok {
		g = int32(len(d.groups))
		d.groups = append(d.groups, name)
		d.gidx[name] = g
	}
	return g
}

func (d *DictAcc) add(h uint64, df, g int32) {
	e, ok := d.ents[h]
	if !ok {
		e.group = g
	} else if e.group != g {
		e.group = multiGroup
	}
	e.df += df
	d.ents[h] = e
}

// Add counts one document of group holding the features hashes (as
// Acc.Add counts them).
func (d *DictAcc) Add(group string, hashes []uint64) {
	g := d.group(group)
	for _, h := range hashes {
		d.add(h, 1, g)
	}
}

// Merge adds o's counts.
func (d *DictAcc) Merge(o *DictAcc) {
	for h, e := range o.ents {
		g := int32(multiGroup)
		if e.group != multiGroup {
			g = d.group(o.groups[e.group])
		}
		d.add(h, e.df, g)
	}
}

// Len is the number of distinct features.
func (d *DictAcc) Len() int { return len(d.ents) }

// Lookup returns a feature's document frequency and whether documents of
// two groups hold it; ok is false for a feature no document holds.
func (d *DictAcc) Lookup(h uint64) (df int32, multi, ok bool) {
	e, ok := d.ents[h]
	return e.df, e.group == multiGroup, ok
}

// MarshalBinary encodes the dictionary (features by hash).
func (d *DictAcc) MarshalBinary() ([]byte, error) {
	b := []byte{encodingVersion}
	b = binary.AppendUvarint(b, uint64(len(d.groups)))
	for _, g := range d.groups {
		b = appendString(b, g)
	}
	hs := make([]uint64, 0, len(d.ents))
	for h := range d.ents {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	b = binary.AppendUvarint(b, uint64(len(hs)))
	for _, h := range hs {
		e := d.ents[h]
		b = binary.LittleEndian.AppendUint64(b, h)
		b = binary.AppendUvarint(b, uint64(e.df))
		b = binary.AppendVarint(b, int64(e.group))
	}
	return b, nil
}

// UnmarshalBinary replaces the dictionary with one MarshalBinary encoded.
func (d *DictAcc) UnmarshalBinary(data []byte) error {
	dec := decoder{b: data}
	if v := dec.byte(); dec.err == nil && v != encodingVersion {
		return fmt.Errorf("events: dictionary encoding version %d, want %d", v, encodingVersion)
	}
	nd := NewDictAcc()
	ng := dec.count(1)
	for i := 0; i < ng && dec.err == nil; i++ {
		nd.group(dec.string())
	}
	nh := dec.count(10)
	for i := 0; i < nh && dec.err == nil; i++ {
		h := dec.uint64()
		df := dec.int32()
		g := int32(dec.varint())
		if dec.err == nil && (g < multiGroup || int(g) >= len(nd.groups)) {
			dec.fail("dictionary group")
		}
		nd.ents[h] = dictEnt{df, g}
	}
	if err := dec.end(); err != nil {
		return fmt.Errorf("events: dictionary: %w", err)
	}
	*d = *nd
	return nil
}

// Scale is what the document count D fixes: the rare cap and the idf of
// every rare document frequency.
type Scale struct {
	D, Cap int
	idf    []float64 // by document frequency, up to Cap
}

// Scale returns the scale of a corpus of D documents (as freeze makes it).
func (c *Collector) Scale(D int) Scale {
	s := Scale{D: D, Cap: rareCap(D, c.opt.RareFraction, c.opt.MaxRareDF)}
	s.idf = make([]float64, max(s.Cap, 0)+1)
	for df := range s.idf {
		s.idf[df] = math.Log(float64(1+D)/float64(1+df)) + 1
	}
	return s
}

// Rare reports whether a feature of document frequency df, held by
// documents of two groups or more (multi) or not, is rare.
func (s Scale) Rare(df int32, multi bool) bool { return df >= 2 && int(df) <= s.Cap && multi }

// IDF2 is idf², rounded as a float64, as eventArticles.idf2.
func (s Scale) IDF2(df int32) float64 {
	w := s.idf[df]
	return float64(w * w)
}

// Node is a document as story linking sees it: its kept rare features
// (ascending hashes: the ranks' order) with their document frequencies
// and keys, and the norm of its rare-feature vector.
type Node struct {
	Index                  int
	ID, Group, Title, Date string
	Sentences              int32
	Rare                   []uint64
	DF                     []int32
	Keys                   []string
	Norm                   float64
}

// NodeOf makes a document's node from its features and the document
// frequencies of its rare features (rare: hash → df, holding at least
// the rare ones among its kept features).
func (s Scale) NodeOf(f *FeatRecord, rare map[uint64]int32) Node {
	n := Node{Index: f.Index, ID: f.ID, Group: f.Group, Title: f.Title, Date: f.Date, Sentences: f.Sentences}
	kept := make([]int, 0, f.Kept)
	for i := range f.Kept {
		if _, ok := rare[f.Hashes[i]]; ok {
			kept = append(kept, i)
		}
	}
	slices.SortFunc(kept, func(x, y int) int { return cmp.Compare(f.Hashes[x], f.Hashes[y]) })
	var n2 float64
	for _, i := range kept {
		df := rare[f.Hashes[i]]
		n.Rare = append(n.Rare, f.Hashes[i])
		n.DF = append(n.DF, df)
		n.Keys = append(n.Keys, f.Keys[i])
		n2 += s.idf[df] * s.idf[df]
	}
	n.Norm = math.Sqrt(n2)
	return n
}

// Day returns the document's day number and whether it is dated.
func (n *Node) Day() (int32, bool) {
	if dd := parseDocDate(n.Date); dd.day > 0 {
		return dayOf(dd.year, dd.month, dd.day), true
	}
	return 0, false
}

// Posting is a document in a rare feature's postings.
type Posting struct {
	Index int
	Group string
	Dated bool
	Day   int32
}

// FeaturePairs calls emit with every pair of documents (ordinals lo < hi)
// of different groups that one rare feature, held by the documents ps,
// makes candidates, as linkDocuments reads its postings: two dated
// documents when their days are within the window; a pair with an undated
// document only when the feature is held by at most UndatedMaxDF
// documents (undated: one of the two is undated). capped says whether
// the feature counts in Stats.UndatedCapped.
func (c *Collector) FeaturePairs(ps []Posting, emit func(lo, hi int, undated bool)) (capped bool) {
	n := int64(len(ps))
	U, window := int64(c.opt.UndatedMaxDF), c.opt.Window
	var dated, undated []Posting
	for _, p := range ps {
		if p.Dated {
			dated = append(dated, p)
		} else {
			undated = append(undated, p)
		}
	}
	capped = U >= 0 && n > U && n > int64(len(dated))
	pair := func(x, y *Posting, und bool) {
		if x.Group == y.Group || x.Index == y.Index {
			return
		}
		emit(min(x.Index, y.Index), max(x.Index, y.Index), und)
	}
	slices.SortFunc(dated, func(x, y Posting) int {
		if x.Day != y.Day {
			return cmp.Compare(x.Day, y.Day)
		}
		return cmp.Compare(x.Index, y.Index)
	})
	for i := range dated {
		for j := i + 1; j < len(dated) && (window < 0 || int64(dated[j].Day)-int64(dated[i].Day) <= int64(window)); j++ {
			pair(&dated[i], &dated[j], false)
		}
	}
	if c.Wide(len(ps)) {
		for i := range undated {
			for j := range dated {
				pair(&undated[i], &dated[j], true)
			}
			for j := i + 1; j < len(undated); j++ {
				pair(&undated[i], &undated[j], true)
			}
		}
	}
	return capped
}

// Wide reports whether a rare feature kept by n documents finds pairs
// with undated documents (at most UndatedMaxDF).
func (c *Collector) Wide(n int) bool { return c.opt.UndatedMaxDF < 0 || n <= c.opt.UndatedMaxDF }

// NarrowBound is an upper bound of how many of a node's rare features
// are too frequent to pair it with an undated document (not Wide): its
// rare features of document frequency above UndatedMaxDF. It is known
// when the node is made, before any postings are grouped. It is safe: a
// feature is Wide when at most UndatedMaxDF documents keep it, and every
// document keeping it holds it, so the documents keeping it are at most
// its document frequency; a feature that is not Wide has a document
// frequency above UndatedMaxDF. With no cap (UndatedMaxDF < 0) every
// feature is Wide and the bound is 0.
func (c *Collector) NarrowBound(n *Node) int32 {
	U := c.opt.UndatedMaxDF
	if U < 0 {
		return 0
	}
	var b int32
	for _, df := range n.DF {
		if int(df) > U {
			b++
		}
	}
	return b
}

// MayReach reports whether a pair with an undated document, which its
// postings paired through found shared features, can still share
// MinShared: besides those, it can share only features that are not
// Wide (a Wide feature kept by both pairs them), kept by both documents,
// so at most the smaller of two upper bounds of those, bx and by (each
// document's NarrowBound; or the count of one document's such features
// whose bits are in the other's NarrowMask). A pair for which MayReach
// is false fails linkDocuments' test n+extra < MinShared whatever its
// other features, so it can be dropped before it is joined with its
// documents' lists of those features.
func (c *Collector) MayReach(found int, bx, by int32) bool {
	return found+int(min(bx, by)) >= c.opt.MinShared
}

// MaskWords is the length of a NarrowMask, in 64-bit words.
const MaskWords = 4

// NarrowMask is a sketch of the features NarrowBound counts (a node's
// rare features of document frequency above UndatedMaxDF): the bit
// MaskHas reads is set for each of them. The features that are not Wide
// and that two documents share are among those of the first whose bit is
// set in the second's mask, so a pair's worker holding one document's
// exact list of such features and the other's mask can bound, and
// shorten, what the pair must be joined with.
func (c *Collector) NarrowMask(n *Node) []uint64 {
	m := make([]uint64, MaskWords)
	U := c.opt.UndatedMaxDF
	if U < 0 {
		return m
	}
	for i, df := range n.DF {
		if int(df) > U {
			w, b := maskBit(n.Rare[i])
			m[w] |= b
		}
	}
	return m
}

func maskBit(h uint64) (int, uint64) {
	b := (h >> 40) % (64 * MaskWords)
	return int(b / 64), 1 << (b % 64)
}

// MaskHas reports whether the bit of the feature h is set in the mask m
// (a NarrowMask).
func MaskHas(m []uint64, h uint64) bool {
	w, b := maskBit(h)
	return m[w]&b != 0
}

// MaskBits lists the set bits of a NarrowMask (ascending): a sparse
// mask, short when few bits are set (as in the AND of two masks).
func MaskBits(m []uint64) []uint8 {
	var out []uint8
	for w, x := range m {
		for b := 0; b < 64; b++ {
			if x&(1<<b) != 0 {
				out = append(out, uint8(64*w+b))
			}
		}
	}
	return out
}

// MaskOfBits is the mask whose set bits MaskBits listed.
func MaskOfBits(bits []uint8) []uint64 {
	m := make([]uint64, MaskWords)
	for _, b := range bits {
		m[b/64] |= 1 << (b % 64)
	}
	return m
}

// MinShared is the least number of rare features a linked pair shares.
func (c *Collector) MinShared() int { return c.opt.MinShared }

// Contrib is what one shared rare feature adds to a pair.
type Contrib struct {
	Hash uint64
	IDF2 float64
}

// PairDot returns how many features a pair shares and Σ idf² over them,
// summed in hash (rank) order, from every shared feature's contribution
// (in any order; cs is sorted).
func PairDot(cs []Contrib) (n int, dot float64) {
	slices.SortFunc(cs, func(x, y Contrib) int { return cmp.Compare(x.Hash, y.Hash) })
	for _, c := range cs {
		dot += c.IDF2
	}
	return len(cs), dot
}

// Link tests a candidate pair sharing n rare features with Σ idf² dot, of
// norms nx and ny: its similarity, and whether it passes the link tests.
func (c *Collector) Link(n int, dot, nx, ny float64) (sim float64, ok bool) {
	sim = dot / (nx * ny)
	return min(sim, 1), n >= c.opt.MinShared && sim >= c.opt.MinScore
}

// Neighbour is a document a document passed the link tests with.
type Neighbour struct {
	Other  int // its ordinal
	Shared int32
	Sim    float64
}

// KeepNeighbours keeps a document's MaxLinks most similar neighbours
// (ties: the earlier in the input), by ordinal.
func (c *Collector) KeepNeighbours(ns []Neighbour) []Neighbour {
	K := c.opt.MaxLinks
	if K >= 0 && len(ns) > K {
		slices.SortFunc(ns, func(x, y Neighbour) int {
			if x.Sim != y.Sim {
				return cmp.Compare(y.Sim, x.Sim)
			}
			return cmp.Compare(x.Other, y.Other)
		})
		ns = ns[:K]
	}
	slices.SortFunc(ns, func(x, y Neighbour) int { return cmp.Compare(x.Other, y.Other) })
	return ns
}

// Edge is a link both of its documents kept (A < B, ordinals).
type Edge struct {
	A, B   int
	Sim    float64
	Shared int32
}

// Components returns each linked document's connected component, named
// by its smallest ordinal.
func Components(edges []Edge) map[int]int {
	parent := map[int]int{}
	var find func(x int) int
	find = func(x int) int {
		p, ok := parent[x]
		if !ok {
			parent[x] = x
			return x
		}
		if p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for _, e := range edges {
		ra, rb := find(e.A), find(e.B)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	out := make(map[int]int, len(parent))
	for x := range parent {
		out[x] = find(x)
	}
	return out
}
