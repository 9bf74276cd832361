package events

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"unsafe"

	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
)

// storyOut is what one story gives the result.
type storyOut struct {
	arts   []StoryArticle
	built  builtEvent
	pe     []pendingEvent
	work   int64
	cands  int64
	nEdges int
}

// finishStory computes story k's figures from its documents'
// contributions, and its passage events. extra holds the keys of the
// features its documents' sentences hold and no document kept.
func (c *Collector) finishStory(k int, docs []*storyDoc, extra map[int32]string) storyOut {
	s := c.art.stories[k]
	var o storyOut
	o.arts, o.built = c.storyEvent(s, docs)
	kr := keyer{c.art, extra}
	var pes []passageEvent
	pes, o.work, o.cands, o.nEdges = c.alignStory(k, s, docs, kr)
	for _, pe := range pes {
		o.pe = append(o.pe, c.passageViews(pe, s, docs, kr))
	}
	return o
}

// storyDoc is what a story's document contributes to the figures.
type storyDoc struct {
	tones          []float64        // VADER compound of each sentence with a word, in order
	toneAllSum     float64          // Σ of their compounds with every word scored (Options.ToneMask)
	masked         int              // sentences whose two compounds differ
	frames, labels []keyCount       // hits over the whole document
	cands          []candSent       // the sentences that may be aligned, and the evidence sentence
	best           int32            // index in cands of the sentence holding most of the story's features, or -1
	bestN          int32            // how many it holds
	names          map[int32]string // keys of features of cands that the document did not keep
}

// candSent is a sentence kept with its text.
type candSent struct {
	si             int32   // 0-based sentence
	feats          []int32 // rare features, ascending ranks
	tone, toneAll  float64 // toneAll: every word scored (Options.ToneMask)
	words          bool
	frames, labels []keyCount
	text           string
}

// mergeCounts adds src to dst, key by key.
func mergeCounts(dst, src []keyCount) []keyCount {
	for _, kc := range src {
		found := false
		for i := range dst {
			if dst[i].key == kc.key {
				dst[i].n += kc.n
				found = true
				break
			}
		}
		if !found {
			dst = append(dst, kc)
		}
	}
	return dst
}

// readStoryDoc reads one story document's sentences: a sentence's features
// are its rare features. It also records the keys of the rare features of
// its candidate sentences that the document did not keep (no document may
// have: then no key is known yet); Result adds them to the article level.
//
// The sentences' features and tones come from what the map step recorded
// with the text (docText); a text without them is read from scratch
// (readStoryDocText), with the same result.
func (c *Collector) readStoryDoc(sc *eventScratch, m int32, s *story, t *docText) *storyDoc {
	spans := t.sentences()
	if !t.featsOK(len(spans)) {
		return c.readStoryDocText(sc, m, s, t.text, spans)
	}
	a := c.art
	d := a.docs[m]
	kept := a.keptRanks(c.acc, d, nil) // the document's kept features, ascending ranks
	ranks := sc.ranks[:0]              // by index in t.hashes: the rank of a rare feature, or -1
	for _, h := range t.hashes {
		r, ok := a.rankOfHash(h)
		if !ok || !a.isRare(r) {
			r = -1
		}
		ranks = append(ranks, r)
	}
	sc.ranks = ranks
	sd := &storyDoc{best: -1}
	tokenized := c.frames != nil || c.labels != nil // the frame and label counts need the tokens
	fb := t.feats
	for si, sp := range spans {
		sent := t.text[sp.Start:sp.End]
		cs := candSent{si: int32(si), text: tonestats.SentenceText(sent)}
		n, k := binary.Uvarint(fb)
		fb = fb[k:]
		idx, unkept := uint64(0), false // unkept: a rare feature whose key is unknown
		for range n {
			gap, k := binary.Uvarint(fb)
			fb = fb[k:]
			idx += gap
			if r := ranks[idx]; r >= 0 {
				cs.feats = append(cs.feats, r)
				if !unkept && unknownKey(a, kept, r) {
					unkept = true
				}
			}
		}
		slices.Sort(cs.feats)
		cs.feats = slices.Compact(cs.feats) // two keys of one hash are one feature
		cs.words = tonestats.HasWord(cs.text)
		if cs.words {
			if 2*si+1 < len(t.tones) && !math.IsNaN(t.tones[2*si]) {
				cs.tone, cs.toneAll = t.tones[2*si], t.tones[2*si+1]
			} else {
				cs.tone, cs.toneAll = c.vader(cs.text)
			}
		}
		if tokenized {
			sc.toks = segment.Tokenize(sent, sc.toks[:0])
		}
		sd.addSentence(c, sc, &cs)
		if !sd.take(cs, s, c.opt.PassageMinShared) || !unkept {
			continue
		}
		// A candidate with rare features whose keys are unknown: read them.
		if !tokenized {
			sc.toks = segment.Tokenize(sent, sc.toks[:0])
		}
		c.sentenceFeatures(sc, sent, d.date, func(key []byte) {
			r, ok := a.rankOfHash(fnv64(unsafe.String(unsafe.SliceData(key), len(key))))
			if !ok || !a.isRare(r) || !unknownKey(a, kept, r) {
				return
			}
			if sd.names == nil {
				sd.names = map[int32]string{}
			}
			sd.names[r] = string(key)
		})
	}
	return sd
}

// unknownKey reports whether the key of rare feature r is known neither
// from the document's kept features nor from any document's (a.keys):
// only such keys are read from the text, for keyer.key, which prefers
// a.keys.
func unknownKey(a *eventArticles, kept []uint32, r int32) bool {
	if _, ok := slices.BinarySearch(kept, uint32(r)); ok {
		return false
	}
	_, ok := a.keys[r]
	return !ok
}

// featsOK reports whether t.feats lists the features of n sentences, each
// an index into t.hashes (see Collector.sentFeats).
func (t *docText) featsOK(n int) bool {
	if t.feats == nil {
		return false
	}
	b := t.feats
	for range n {
		c, k := binary.Uvarint(b)
		if k <= 0 || c > uint64(len(t.hashes)) {
			return false
		}
		b = b[k:]
		idx := uint64(0)
		for range c {
			gap, k := binary.Uvarint(b)
			if k <= 0 || gap > uint64(len(t.hashes)) {
				return false
			}
			b = b[k:]
			if idx += gap; idx >= uint64(len(t.hashes)) {
				return false
			}
		}
	}
	return len(b) == 0
}

// sentenceFeatures calls emit with the key of every feature of one
// sentence, whose tokens are in sc.toks, in a document of the given date.
func (c *Collector) sentenceFeatures(sc *eventScratch, sent, date string, emit func(key []byte)) {
	sc.ments = findDateMentions(sent, sc.toks, parseDocDate(date), sc.ments[:0])
	if isDateline(sc.toks, sc.ments) {
		sc.ments = sc.ments[:0]
	}
	c.features(sc, sent, func(key []byte, kind byte) { emit(key) })
}

// addSentence adds a sentence's tone and its frame and label hits (counted
// on sc.toks) to the document's.
func (sd *storyDoc) addSentence(c *Collector, sc *eventScratch, cs *candSent) {
	if cs.words {
		sd.tones = append(sd.tones, cs.tone)
		sd.toneAllSum += cs.toneAll
		if cs.toneAll != cs.tone {
			sd.masked++
		}
	}
	cs.frames, sc.hits = c.frames.count(sc.toks, sc.hits, nil)
	cs.labels, sc.hits = c.labels.count(sc.toks, sc.hits, nil)
	sd.frames = mergeCounts(sd.frames, cs.frames)
	sd.labels = mergeCounts(sd.labels, cs.labels)
}

// take keeps a sentence (cs.feats ascending, distinct) among the
// document's candidates when it holds at least minShared rare features,
// or more of the story's features than any sentence before it (the
// evidence sentence), and reports whether it did.
func (sd *storyDoc) take(cs candSent, s *story, minShared int) bool {
	n := int32(0)
	for _, r := range s.features {
		if _, ok := slices.BinarySearch(cs.feats, r); ok {
			n++
		}
	}
	cand := len(cs.feats) >= minShared
	if n > sd.bestN {
		// The new evidence sentence; the former one stays only if it
		// is a candidate.
		if sd.best >= 0 && len(sd.cands[sd.best].feats) < minShared {
			sd.cands = slices.Delete(sd.cands, int(sd.best), int(sd.best)+1)
		}
		sd.best, sd.bestN = int32(len(sd.cands)), n
		cand = true
	}
	if cand {
		cs.text = strings.Clone(cs.text)
		sd.cands = append(sd.cands, cs)
	}
	return cand
}

// readStoryDocText is readStoryDoc from the text alone: each sentence is
// tokenized, scored and its features found again.
func (c *Collector) readStoryDocText(sc *eventScratch, m int32, s *story, text string, spans []segment.Span) *storyDoc {
	a := c.art
	d := a.docs[m]
	kept := a.keptRanks(c.acc, d, nil) // the document's kept features, ascending ranks
	var pending map[int32]string
	sd := &storyDoc{best: -1}
	for si, sp := range spans {
		sent := text[sp.Start:sp.End]
		sc.toks = segment.Tokenize(sent, sc.toks[:0])
		cs := candSent{si: int32(si), text: tonestats.SentenceText(sent)}
		cs.words = tonestats.HasWord(cs.text)
		if cs.words {
			cs.tone, cs.toneAll = c.vader(cs.text)
		}
		sd.addSentence(c, sc, &cs)
		clear(pending)
		c.sentenceFeatures(sc, sent, d.date, func(key []byte) {
			r, ok := a.rankOfHash(fnv64(unsafe.String(unsafe.SliceData(key), len(key))))
			if !ok || !a.isRare(r) {
				return
			}
			cs.feats = append(cs.feats, r)
			if _, ok := slices.BinarySearch(kept, uint32(r)); !ok {
				if pending == nil {
					pending = map[int32]string{}
				}
				pending[r] = string(key)
			}
		})
		slices.Sort(cs.feats)
		cs.feats = slices.Compact(cs.feats)
		if sd.take(cs, s, c.opt.PassageMinShared) {
			for r, key := range pending {
				if sd.names == nil {
					sd.names = map[int32]string{}
				}
				sd.names[r] = key
			}
		}
	}
	return sd
}

// storyDocsOf returns what each of a story's documents contributes, read
// from the text its record kept. The keys of features no document kept are
// added to extra.
func (c *Collector) storyDocsOf(sc *eventScratch, s *story, extra map[int32]string) []*storyDoc {
	a := c.art
	docs := make([]*storyDoc, len(s.docs))
	for i, m := range s.docs {
		var sd *storyDoc
		if dt, ok := c.acc.texts.get(a.docs[m].index); ok {
			sd = c.readStoryDoc(sc, m, s, &dt)
		}
		if sd != nil {
			for r, key := range sd.names {
				extra[r] = key
			}
		}
		docs[i] = sd
	}
	return docs
}
