package events

import (
	"strings"

	"parallax/analysis/segment"
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
// (start, end) pairs.
type docText struct {
	text  string
	spans []uint32
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
		c.features(sc, sent, func(key []byte, kind byte) { sc.add(key, kind, si) })
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
	}
	return rec
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
