package events

import (
	"container/heap"
	"encoding/binary"
	"fmt"
	"slices"

	"parallax/analysis/internal/spill"
)

// Acc accumulates the records of documents (Add) and other accumulators
// (Merge) for Finish. Story linking compares every document with every
// other, so the accumulator is global, not per group: it keeps each
// document's compact record, keyed by its ordinal, and a dictionary of
// every feature with its document frequency and whether documents of two
// groups hold it. Any split of the records and any order of the adds and
// merges give the same result: documents are ordered by ordinal in Finish,
// feature ids by hash, and the lexicon passages keeping their text are the
// first MaxPassages of each event × group by (document, sentence).
//
// Memory per document: its id, title and date with its entry (about 250
// bytes on the AllSides corpus), its lexicon passages; its kept features (2–3 bytes each as varints) and
// the cleaned text of a document that may belong to a story (8 bytes per
// sentence for the spans) stay in memory only up to FeatureMemory and
// TextMemory, the rest in temporary files; per feature of the corpus,
// about 40 bytes.
type Acc struct {
	maxPassages int

	groups []accGroup
	gidx   map[string]int32 // group name → index in groups

	ids   map[uint64]uint32 // feature hash → id, index in feats
	feats []accFeat
	keys  map[uint32]string // id → key, for features some document kept

	docs   []*eventDoc      // feats are ids
	fstore *spill.Store     // the documents' kept features (FeatureMemory)
	fbuf   []uint32         // Add's buffer of feature ids
	fenc   []byte           // putFeats' buffer
	texts  *textStore       // by Doc.Index
	ordset map[int]struct{} // every Doc.Index added

	passages []lexPassage
	kept     map[passageKey]*passageHeap
}

// accGroup is one group's totals.
type accGroup struct {
	name  string
	sents int64
	docs  int
}

// accFeat is a feature of the dictionary.
type accFeat struct {
	hash  uint64
	df    int32 // documents holding it
	group int32 // the group of those documents, or multiGroup
}

// multiGroup marks a feature found in documents of two groups or more.
const multiGroup = -1

// NewAcc returns an empty accumulator for the collector's records.
func (c *Collector) NewAcc() *Acc {
	return newAcc(c.opt.MaxPassages)
}

func newAcc(maxPassages int) *Acc {
	return &Acc{maxPassages: maxPassages, gidx: map[string]int32{}, ids: map[uint64]uint32{}, keys: map[uint32]string{},
		texts: newTextStore(), fstore: spill.New("events features", FeatureMemory), ordset: map[int]struct{}{}, kept: map[passageKey]*passageHeap{}}
}

// group returns the index of a group, adding it.
func (a *Acc) group(name string) int32 {
	g, ok := a.gidx[name]
	if !ok {
		g = int32(len(a.groups))
		a.groups = append(a.groups, accGroup{name: name})
		a.gidx[name] = g
	}
	return g
}

// feature counts df documents of group g (or multiGroup) holding the
// feature of this hash, and returns its id.
func (a *Acc) feature(hash uint64, df, g int32) uint32 {
	id, ok := a.ids[hash]
	if !ok {
		id = uint32(len(a.feats))
		a.ids[hash] = id
		a.feats = append(a.feats, accFeat{hash: hash, group: g})
	} else if a.feats[id].group != g {
		a.feats[id].group = multiGroup
	}
	a.feats[id].df += df
	return id
}

// Add adds one document's record. A record whose ordinal was added
// already is added again (Merge reports that case as an error).
func (a *Acc) Add(rec DocRecord) {
	g := a.group(rec.Group)
	gr := &a.groups[g]
	gr.sents += int64(rec.Sentences)
	gr.docs++
	ed := &eventDoc{index: rec.Index, id: rec.ID, group: gr.name, title: rec.Title, date: rec.Date, sentences: rec.Sentences}
	feats := slices.Grow(a.fbuf[:0], len(rec.keys))[:len(rec.keys)]
	if dd := parseDocDate(rec.Date); dd.day > 0 {
		ed.day, ed.dated = dayOf(dd.year, dd.month, dd.day), true
	}
	for i, h := range rec.hashes {
		id := a.feature(h, 1, g)
		if i < len(rec.keys) {
			feats[i] = id
			if _, ok := a.keys[id]; !ok {
				a.keys[id] = rec.keys[i]
			}
		}
	}
	ed.feats = a.putFeats(feats)
	a.fbuf = feats
	a.docs = append(a.docs, ed)
	a.ordset[rec.Index] = struct{}{}
	if rec.text.spans != nil {
		a.texts.put(rec.Index, rec.text)
	}
	for _, p := range rec.passages {
		p.group = gr.name
		a.addPassage(p)
	}
}

// Merge adds every document of o, which must hold none of a's (an error
// names the first ordinal found in both). o is left as it was.
func (a *Acc) Merge(o *Acc) error {
	if a.maxPassages != o.maxPassages {
		return fmt.Errorf("events: cannot merge accumulators keeping %d and %d passages per event × group", a.maxPassages, o.maxPassages)
	}
	for _, d := range o.docs {
		if _, ok := a.ordset[d.index]; ok {
			return fmt.Errorf("events: document %d (id %q) is in both accumulators: records must be added once", d.index, d.id)
		}
	}
	gmap := make([]int32, len(o.groups))
	for i, g := range o.groups {
		gmap[i] = a.group(g.name)
		ag := &a.groups[gmap[i]]
		ag.sents += g.sents
		ag.docs += g.docs
	}
	idmap := make([]uint32, len(o.feats))
	for i, f := range o.feats {
		g := int32(multiGroup)
		if f.group != multiGroup {
			g = gmap[f.group]
		}
		idmap[i] = a.feature(f.hash, f.df, g)
	}
	for id, k := range o.keys {
		if _, ok := a.keys[idmap[id]]; !ok {
			a.keys[idmap[id]] = k
		}
	}
	for _, d := range o.docs {
		nd := *d
		nd.group = a.groups[a.gidx[d.group]].name
		feats := o.featsOf(d, nil)
		for i, id := range feats {
			feats[i] = idmap[id]
		}
		nd.feats = a.putFeats(feats)
		a.docs = append(a.docs, &nd)
		a.ordset[d.index] = struct{}{}
	}
	for _, k := range o.texts.ordinals() {
		if t, ok := o.texts.get(k); ok {
			a.texts.put(k, t)
		}
	}
	if o.texts.err != nil {
		return o.texts.err
	}
	if err := o.fstore.Err(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	for _, p := range o.passages {
		p.group = a.groups[a.gidx[p.group]].name
		a.addPassage(p)
	}
	return nil
}

// addPassage files a lexicon passage, keeping its text only while it is
// among the first maxPassages of its event × group: whatever the order of
// the adds, the texts kept are those of the first maxPassages by
// (document, sentence).
func (a *Acc) addPassage(p lexPassage) {
	idx := int32(len(a.passages))
	a.passages = append(a.passages, p)
	if a.maxPassages < 0 {
		return
	}
	k := passageKey{p.event, p.group}
	h := a.kept[k]
	if h == nil {
		h = &passageHeap{ps: &a.passages}
		a.kept[k] = h
	}
	heap.Push(h, idx)
	if h.Len() > a.maxPassages {
		drop := heap.Pop(h).(int32)
		a.passages[drop].text, a.passages[drop].cue = "", ""
	}
}

// FeatureMemory is how many bytes of documents' kept features (their
// dictionary ids, as varints) an accumulator holds in memory; the rest go
// to a temporary file, as the texts do past TextMemory, and are read back
// once each in Finish (and for the documents of stories). Only the rare
// ones stay in memory for story linking (docs/performance.md, "Memory").
var FeatureMemory int64 = 8 << 20

// putFeats keeps a document's kept features (dictionary ids).
func (a *Acc) putFeats(ids []uint32) spill.Ref {
	b := a.fenc[:0]
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id))
	}
	a.fenc = b
	return a.fstore.Put(slices.Clone(b)) // the exact size: it is kept
}

// featsOf appends a document's kept features (dictionary ids, in the
// order kept) to buf. Features that cannot be read back are missing, and
// the store's Err says why.
func (a *Acc) featsOf(d *eventDoc, buf []uint32) []uint32 {
	b := a.fstore.Get(d.feats)
	for len(b) > 0 {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			break
		}
		buf = append(buf, uint32(x))
		b = b[n:]
	}
	return buf
}

// err returns the first error of the accumulator's temporary files.
func (a *Acc) err() error {
	if a.texts.err != nil {
		return a.texts.err
	}
	if err := a.fstore.Err(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return nil
}
