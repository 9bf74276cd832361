package events

import (
	"fmt"
	"strings"

	"parallax/analysis/corpus"
	"parallax/analysis/tonestats"
)

// lexiconPassages appends the passages of one sentence: one per event whose
// cue it matches or whose dates contain a day it mentions.
func (c *Collector) lexiconPassages(dst []lexPassage, sc *eventScratch, d *corpus.Document, sent string, si int) []lexPassage {
	sc.hits = c.opt.Lexicon.AppendMatches(sc.hits[:0], sc.toks)
	sc.evs = sc.evs[:0]
	var cues []string
	for _, h := range sc.hits {
		ev := c.evKey[h.Entry.Key]
		cue := fmt.Sprintf("%s: cue %q", h.Entry.Key, sent[sc.toks[h.Start].Span.Start:sc.toks[h.End-1].Span.End])
		sc.evs, cues = addEventCue(sc.evs, cues, ev, cue)
	}
	for _, m := range sc.ments {
		ev := c.dateEvent(m.from, m.to, m.inferred)
		if ev < 0 {
			continue
		}
		cue := fmt.Sprintf("%s: date %q = %s", c.events[ev].ev.ID, sent[sc.toks[m.start].Span.Start:sc.toks[m.end-1].Span.End], m.String())
		sc.evs, cues = addEventCue(sc.evs, cues, ev, cue)
	}
	if len(sc.evs) == 0 {
		return dst
	}
	text := tonestats.SentenceText(sent)
	base := lexPassage{doc: d.Index, sentence: int32(si + 1), text: strings.Clone(text), words: tonestats.HasWord(text)}
	if base.words {
		base.tone, base.toneAll = c.vader(text)
	}
	base.frames, sc.hits = c.frames.count(sc.toks, sc.hits, nil)
	base.labels, sc.hits = c.labels.count(sc.toks, sc.hits, nil)
	for i, ev := range sc.evs {
		p := base
		p.event = ev
		p.cue = cues[i]
		dst = append(dst, p)
	}
	return dst
}

// addEventCue adds ev to the sentence's events, or its cue to the event's
// cues when it is there already.
func addEventCue(evs []int32, cues []string, ev int32, cue string) ([]int32, []string) {
	for i, e := range evs {
		if e == ev {
			cues[i] += "; " + cue[strings.IndexByte(cue, ':')+2:]
			return evs, cues
		}
	}
	return append(evs, ev), append(cues, cue)
}

// dateEvent returns the event a mentioned period [from, to] (inclusive day
// numbers) places a sentence in, or -1. An event qualifies when its days
// overlapping the period are at least half of the shorter of the two (the
// period lies mostly inside the event, or the event mostly inside the
// period); of the qualifying events the most specific (fewest days) wins,
// and a tie between several is ambiguous: no event. A day written
// without its year (inferred: the document's date gave it) places a
// sentence only in an event of at most DayCueMaxDays days: "March 7" in a
// page of March 2023 does not say the sentence is about the blockade of
// nine months around it ("On March 7, the leadership … said"), a day of a
// one-day meeting does; "September 27, 2020" still places a sentence in
// the 45 days of the 2020 war.
func (c *Collector) dateEvent(from, to int32, inferred bool) int32 {
	period := int64(to-from) + 1
	best, bestDays, tie := int32(-1), int64(0), false
	for i := range c.events {
		e := &c.events[i]
		if e.days == 0 {
			continue
		}
		var overlap int64
		for _, r := range e.ranges {
			lo, hi := max(r[0], from), min(r[1], to)
			if lo <= hi {
				overlap += int64(hi-lo) + 1
			}
		}
		if overlap == 0 || 2*overlap < min(e.days, period) || (inferred && e.days > DayCueMaxDays) {
			continue
		}
		switch {
		case best < 0 || e.days < bestDays:
			best, bestDays, tie = int32(i), e.days, false
		case e.days == bestDays:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}

// DayCueMaxDays is the longest event a day mentioned without its year can
// place a sentence in (dateEvent): a month.
const DayCueMaxDays = 31

// passageHeap is a max-heap of passages by (document, sentence): the last
// in input order on top, to be dropped first.
type passageHeap struct {
	ps  *[]lexPassage
	idx []int32
}

func (h *passageHeap) Len() int { return len(h.idx) }
func (h *passageHeap) Less(i, j int) bool {
	a, b := &(*h.ps)[h.idx[i]], &(*h.ps)[h.idx[j]]
	if a.doc != b.doc {
		return a.doc > b.doc
	}
	return a.sentence > b.sentence
}
func (h *passageHeap) Swap(i, j int) { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *passageHeap) Push(x any)    { h.idx = append(h.idx, x.(int32)) }
func (h *passageHeap) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}
