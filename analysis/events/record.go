package events

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
)

// DocRecord is what one document gives event detection: the map step's
// result (see Collector.Map), added to an Acc. It holds the document's
// ordinal (Doc.Index), group, id, title, date and sentence count; the
// hashes of its distinct features (for their document frequencies), the
// keys of the features it keeps (at most MaxFeatures); its lexicon
// passages; and, when it may belong to a story, its cleaned text with the
// sentences' spans, from which Finish reads the stories' tone, frames,
// labels and passages.
type DocRecord struct {
	Index     int    // Doc.Index: the load ordinal
	ID, Group string // the document's id and group
	Title     string // on one line
	Date      string
	Sentences int32

	hashes   []uint64 // every distinct feature; the first len(keys) are the kept ones
	keys     []string // the kept features' keys
	passages []lexPassage
	text     docText // empty unless the document may belong to a story
}

// docText is a document's cleaned text and its sentences' spans, as
// (start, end) pairs, with what the map step already read from each
// sentence, so that Finish need not find it again (readStoryDoc):
// hashes are the document's distinct features (DocRecord.hashes), feats
// lists each sentence's features as indices into hashes (sentFeats), and
// tones holds each sentence's (masked, all) VADER compounds as the run's
// tone collector cached them (NaN where it had not; nil when it had none).
// A text without feats is read from scratch.
type docText struct {
	text   string
	spans  []uint32
	hashes []uint64
	feats  []byte
	tones  []float64
}

// sentences returns the spans as the segment package writes them.
func (t *docText) sentences() []segment.Span {
	out := make([]segment.Span, len(t.spans)/2)
	for i := range out {
		out[i] = segment.Span{Start: int(t.spans[2*i]), End: int(t.spans[2*i+1])}
	}
	return out
}

// Map computes one document's record. It reads only the collector's
// configuration: safe for concurrent use, with no lock.
//
// The record keeps the text of a document holding at least MinShared
// features: a document with fewer can share MinShared rare features with
// no other, so it is linked to none and belongs to no story.
func (c *Collector) Map(p *segment.Processed) DocRecord {
	sc := c.pool.Get().(*eventScratch)
	defer c.pool.Put(sc)
	d := p.Doc
	dd := parseDocDate(d.Date)
	clear(sc.feats)
	sc.stats = sc.stats[:0]
	if t := strings.TrimSpace(d.Title); t != "" {
		sc.toks = segment.Tokenize(t, sc.toks[:0])
		sc.ments = findDateMentions(t, sc.toks, dd, sc.ments[:0])
		if isDateline(sc.toks, sc.ments) {
			sc.ments = sc.ments[:0]
		}
		c.features(sc, t, func(key []byte, kind byte) { sc.add(key, kind, -1) })
	}
	sc.sfeats, sc.sstart = sc.sfeats[:0], append(sc.sstart[:0], 0)
	rec := DocRecord{Index: d.Index, ID: strings.Clone(d.ID), Group: strings.Clone(d.Group),
		Title: strings.Clone(segment.OneLine(d.Title)), Date: strings.Clone(d.Date), Sentences: int32(len(p.Sentences))}
	own := sc.toks[:0] // the scratch's buffer; the sentences' tokens are the pipeline's, read only
	for si, s := range p.Sentences {
		sent := p.Text[s.Start:s.End]
		sc.toks = p.SentenceTokens(si)
		sc.ments = findDateMentions(sent, sc.toks, dd, sc.ments[:0])
		if isDateline(sc.toks, sc.ments) {
			sc.ments = sc.ments[:0]
		}
		c.features(sc, sent, func(key []byte, kind byte) { sc.sfeats = append(sc.sfeats, sc.add(key, kind, si)) })
		sc.sstart = append(sc.sstart, int32(len(sc.sfeats)))
		if c.opt.Lexicon != nil {
			rec.passages = c.lexiconPassages(rec.passages, sc, d, sent, si)
		}
	}
	sc.toks = own
	for i := range rec.passages {
		rec.passages[i].group, rec.passages[i].docID = rec.Group, rec.ID
	}
	kept := c.selectFeatures(sc)
	rec.hashes = make([]uint64, 0, len(sc.stats))
	rec.keys = make([]string, len(kept))
	for i, k := range kept {
		sc.stats[k].kept = true
		rec.hashes = append(rec.hashes, sc.stats[k].hash)
		rec.keys[i] = sc.stats[k].key
	}
	for i := range sc.stats {
		if !sc.stats[i].kept {
			rec.hashes = append(rec.hashes, sc.stats[i].hash)
		}
	}
	if len(kept) >= c.opt.MinShared {
		rec.text.text = strings.Clone(p.Text)
		rec.text.spans = make([]uint32, 0, 2*len(p.Sentences))
		for _, s := range p.Sentences {
			rec.text.spans = append(rec.text.spans, uint32(s.Start), uint32(s.End))
		}
		rec.text.hashes = rec.hashes
		rec.text.feats = c.sentFeats(sc, kept)
		rec.text.tones = c.cachedTones(p)
	}
	return rec
}

// sentFeats encodes each sentence's distinct features as indices into the
// record's hashes (the kept features first, then the others in the order
// met): per sentence a uvarint count, then the ascending indices as
// uvarint gaps (the first from 0).
func (c *Collector) sentFeats(sc *eventScratch, kept []int32) []byte {
	pos := slices.Grow(sc.pos[:0], len(sc.stats))[:len(sc.stats)]
	for i := range pos {
		pos[i] = -1
	}
	for i, k := range kept {
		pos[k] = int32(i)
	}
	n := int32(len(kept))
	for i := range pos {
		if pos[i] < 0 {
			pos[i] = n
			n++
		}
	}
	sc.pos = pos
	out := make([]byte, 0, len(sc.sfeats)+len(sc.sstart))
	for s := 0; s+1 < len(sc.sstart); s++ {
		ids := sc.sfeats[sc.sstart[s]:sc.sstart[s+1]]
		for k, i := range ids {
			ids[k] = pos[i]
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		out = binary.AppendUvarint(out, uint64(len(ids)))
		prev := int32(0)
		for _, i := range ids {
			out = binary.AppendUvarint(out, uint64(i-prev))
			prev = i
		}
	}
	return out
}

// cachedTones returns each sentence's (masked, all) VADER compounds as the
// tone collector of the run cached them in p (tonestats.SentenceVADER,
// SentenceVADERMasked with the collector's ToneMask), NaN for a sentence
// it did not score; nil when it scored none. Finish scores the rest.
func (c *Collector) cachedTones(p *segment.Processed) []float64 {
	masked, all := tonestats.CachedVADER(p, c.opt.ToneMask)
	if masked == nil {
		return nil
	}
	out := make([]float64, 2*len(all))
	cached := false
	for i := range all {
		out[2*i], out[2*i+1] = math.NaN(), math.NaN()
		if !math.IsNaN(masked[i]) && !math.IsNaN(all[i]) {
			out[2*i], out[2*i+1] = masked[i], all[i]
			cached = true
		}
	}
	if !cached {
		return nil
	}
	return out
}

// Visit reads one processed document: Map, then Add to the collector's
// accumulator. Safe for concurrent use; not after Result.
func (c *Collector) Visit(p *segment.Processed) {
	rec := c.Map(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.acc == nil {
		panic("events: Visit after Result")
	}
	c.acc.Add(rec)
}
