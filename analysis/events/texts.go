package events

import (
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
func (c *Collector) readStoryDoc(sc *eventScratch, m int32, s *story, text string, spans []segment.Span) *storyDoc {
	a := c.art
	d := a.docs[m]
	kept := a.keptRanks(c.acc, d, nil) // the document's kept features, ascending ranks
	var pending map[int32]string
	dd := parseDocDate(d.date)
	sd := &storyDoc{best: -1}
	for si, sp := range spans {
		sent := text[sp.Start:sp.End]
		sc.toks = segment.Tokenize(sent, sc.toks[:0])
		sc.ments = findDateMentions(sent, sc.toks, dd, sc.ments[:0])
		if isDateline(sc.toks, sc.ments) {
			sc.ments = sc.ments[:0]
		}
		cs := candSent{si: int32(si), text: tonestats.SentenceText(sent)}
		cs.words = tonestats.HasWord(cs.text)
		if cs.words {
			cs.tone, cs.toneAll = c.vader(cs.text)
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
		clear(pending)
		c.features(sc, sent, func(key []byte, kind byte) {
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
		n := int32(0)
		for _, r := range s.features {
			if _, ok := slices.BinarySearch(cs.feats, r); ok {
				n++
			}
		}
		cand := len(cs.feats) >= c.opt.PassageMinShared
		if n > sd.bestN {
			// The new evidence sentence; the former one stays only if it
			// is a candidate.
			if sd.best >= 0 && len(sd.cands[sd.best].feats) < c.opt.PassageMinShared {
				sd.cands = slices.Delete(sd.cands, int(sd.best), int(sd.best)+1)
			}
			sd.best, sd.bestN = int32(len(sd.cands)), n
			cand = true
		}
		if cand {
			cs.text = strings.Clone(cs.text)
			sd.cands = append(sd.cands, cs)
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
			sd = c.readStoryDoc(sc, m, s, dt.text, dt.sentences())
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
