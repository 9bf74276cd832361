package framing

import (
	"cmp"
	"container/heap"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"parallax/analysis/internal/spill"
	"parallax/analysis/segment"
)

// Acc is the framing accumulator (the combine step): the DocRecords added,
// each kept as a compact encoded record (store.go) of interned ids, with
// the few texts that evidence needs. Quotes lists every quote of every
// document and discovered actors need the tone of every sentence naming
// any name, so the per-document records are kept rather than totals: a
// document costs its record (tens to hundreds of bytes, in memory up to
// RecordMemory, then in a temporary file) plus the texts it keeps — every
// quote's text when Options.QuoteTexts is 0, else only the
// QuoteTexts quotes of lowest (document, quote) per group, and the
// LabelTexts label hits of lowest (document, hit) per referent, label,
// group and voice. Add and Merge in any order give the same results: the
// records are sorted by document ordinal when finished, and the texts kept
// are chosen by ordinal. Make one with Collector.NewAcc.
type Acc struct {
	opt  *Options
	docs []*framingDoc
	// names interns the strings kept across documents (speakers, verbs,
	// cues, actor names, labels, frames, groups, scare-quote texts): one
	// copy each, and none pins a document's text; documents hold their
	// ids. names[0] is "".
	names  []string
	nameID map[string]uint32
	// texts holds, per group, the quotes whose text is kept (QuoteTexts).
	texts map[uint32]*textHeap
	// labelTexts holds, per referent, label, group and voice, the label
	// hits whose text is kept (LabelTexts).
	labelTexts map[labelKey]*textHeap
	// speakers caches speakerNames for speakersDocs documents.
	speakers     []string
	speakersDocs int
	// store holds the documents' records: in memory up to RecordMemory
	// bytes, then in a spill file.
	store *spill.Store
	// keepBuf holds keep's work buffers, reused between Adds.
	keepBuf struct {
		ms     []sentMention
		recs   []sentRecord
		actors []uint32
	}
}

// Add adds one document's record.
func (a *Acc) Add(rec *DocRecord) {
	a.docs = append(a.docs, a.keep(rec))
	a.speakers = nil
}

// maxKeptSentences bounds keepBuf between documents: a buffer grown
// beyond it by one huge document is left to the garbage collector.
const maxKeptSentences = 1 << 14

// sentMention is an actor mentioned in a sentence.
type sentMention struct {
	sentence  int
	actor     uint32
	stance    float64 // the actor's mean stance in the sentence, when hasStance
	hasStance bool
}

// framingDoc is what one document contributes, encoded compactly
// (framing_store.go): a document costs its record and the few texts it
// keeps.
type framingDoc struct {
	index int
	group uint32    // interned
	rec   spill.Ref // the record: id, counts, quotes, sides, labels, sentences (Acc.record)
	extra *framingExtra
}

// framingExtra holds a document's kept texts; nil when none. The n-th
// quote flagged full in the record has its text in texts[n] ("" once
// dropped: a quote's text is never empty) and its span, mention and
// source phrase as the n-th entry of meta: u span start, u span length,
// u mention id, u len(source), source. The few fields the tables do not
// show stay in bytes: a quote kept costs its text and a few bytes more.
type framingExtra struct {
	texts     []string
	meta      []byte
	labelText []string // per label hit, its marked sentence; "" when not kept
	liveFull  int
	liveLabel int
}

// fullMeta is a full quote's fields kept in framingExtra.meta.
type fullMeta struct {
	span    segment.Span
	mention uint32
	source  string
}

func appendMeta(e *encBuf, m fullMeta) {
	e.u(uint64(m.span.Start))
	e.u(uint64(m.span.End - m.span.Start))
	e.u(uint64(m.mention))
	e.str(m.source)
}

func (d *decBuf) meta() fullMeta {
	var m fullMeta
	m.span.Start = int(d.u())
	m.span.End = m.span.Start + int(d.u())
	m.mention = d.u32()
	m.source = string(d.bytes(d.count()))
	return m
}

// fullText returns the text of the n-th full quote of d, if still kept.
func (d *framingDoc) fullText(n int) (string, bool) {
	if d.extra == nil || n >= len(d.extra.texts) || d.extra.texts[n] == "" {
		return "", false
	}
	return d.extra.texts[n], true
}

// labelText returns the text of label hit i of d, or "".
func (d *framingDoc) labelText(i int) string {
	if d.extra == nil || i >= len(d.extra.labelText) {
		return ""
	}
	return d.extra.labelText[i]
}

// labelKey is a referent, label, group and voice, interned.
type labelKey struct {
	referent, label, group uint32
	voice                  uint8
}

// id returns the interned id of s, adding a copy of it.
func (a *Acc) id(s string) uint32 {
	if id, ok := a.nameID[s]; ok {
		return id
	}
	s = strings.Clone(s)
	id := uint32(len(a.names))
	a.names = append(a.names, s)
	a.nameID[s] = id
	return id
}

// intern returns the accumulator's copy of s.
func (a *Acc) intern(s string) string { return a.names[a.id(s)] }

// quotesOf returns a document's quotes; direct quotes and indirect speech
// beyond QuoteTexts have no text, mention, source nor span.
func (a *Acc) quotesOf(d *framingDoc, h *docHeader) []Quote {
	cqs := decodeQuotes(h.quotes, nil)
	out := make([]Quote, len(cqs))
	nfull := 0
	var meta decBuf
	if d.extra != nil {
		meta.b = d.extra.meta
	}
	for i, q := range cqs {
		out[i] = Quote{Kind: q.kind, Unclosed: q.unclosed, Sentence: q.sentence, Words: q.words,
			Speaker: a.names[q.speaker], Verb: a.names[q.verb], Cue: a.names[q.cue], Reason: a.names[q.reason]}
		if q.full {
			nfull++
			if t, ok := d.fullText(nfull - 1); ok {
				m := meta.meta()
				out[i].Text, out[i].Span, out[i].Mention, out[i].Source = t, m.span, a.names[m.mention], m.source
				continue
			} else if d.extra != nil && d.extra.meta != nil {
				meta.meta() // a dropped text's entry
			}
		}
		if q.kind == QuoteScare {
			out[i].Text, out[i].Source, out[i].Mention, out[i].Span = a.names[q.text], a.names[q.source], a.names[q.mention], q.span
		}
	}
	return out
}

// labelsOf returns a document's label hits, with the texts kept.
func (a *Acc) labelsOf(d *framingDoc, h *docHeader) []LabelHit {
	ls := decodeLabels(h.labels, nil)
	out := make([]LabelHit, len(ls))
	for i, l := range ls {
		out[i] = LabelHit{Referent: a.names[l.referent], Label: a.names[l.label], Voice: labelVoices[l.voice],
			Sentence: l.sentence, Text: d.labelText(i)}
	}
	return out
}

// textRef is a kept text (a quote's or a label hit's) by its place in the
// input: document, then quote or hit i; slot indexes framingExtra.full or
// labelText.
type textRef struct {
	doc, i int
	fd     *framingDoc
	slot   int
	label  bool
}

// textHeap is a max-heap on (doc, i): the root is the latest kept.
type textHeap []textRef

func (h textHeap) Len() int { return len(h) }
func (h textHeap) Less(a, b int) bool {
	return h[a].doc > h[b].doc || (h[a].doc == h[b].doc && h[a].i > h[b].i)
}
func (h textHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *textHeap) Push(x any)   { *h = append(*h, x.(textRef)) }
func (h *textHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// admit reports whether ref is among the first n of h in input order,
// adding it and dropping the text of the one it displaces.
func (h *textHeap) admit(ref textRef, n int) bool {
	switch {
	case h.Len() < n:
		heap.Push(h, ref)
	case ref.doc < (*h)[0].doc || (ref.doc == (*h)[0].doc && ref.i < (*h)[0].i):
		(*h)[0].drop()
		(*h)[0] = ref
		heap.Fix(h, 0)
	default:
		return false
	}
	return true
}

// drop forgets a text kept until now, and the document's kept texts when
// none is left.
func (r textRef) drop() {
	x := r.fd.extra
	if r.label {
		x.labelText[r.slot] = ""
		if x.liveLabel--; x.liveLabel == 0 {
			x.labelText = nil
		}
	} else {
		x.texts[r.slot] = ""
		if x.liveFull--; x.liveFull == 0 {
			x.texts, x.meta = nil, nil
		}
	}
	if x.texts == nil && x.labelText == nil {
		r.fd.extra = nil
	}
}

// keep encodes what v gathered, independent of the document's text and as
// small as the tables allow: strings interned, the maps of Visit turned
// into sorted records of ids, quote and label texts beyond QuoteTexts and
// LabelTexts dropped.
func (a *Acc) keep(v *DocRecord) *framingDoc {
	fd := &framingDoc{index: v.index, group: a.id(v.group)}
	x := &framingExtra{}
	h := docHeader{id: v.id, words: v.words, quotedWords: v.quotedWords, sentences: v.sentences}

	// sentences: those mentioning an actor, and those scored; the
	// buffers are reused as encodeSentences keeps nothing
	ms := a.keepBuf.ms[:0]
	for k, ss := range v.actors {
		id := a.id(k)
		for _, s := range ss {
			st, has := v.stance[sentActor{s, k}]
			ms = append(ms, sentMention{s, id, st, has})
		}
	}
	slices.SortFunc(ms, func(a, b sentMention) int {
		return cmp.Or(cmp.Compare(a.sentence, b.sentence), cmp.Compare(a.actor, b.actor))
	})
	ms = slices.CompactFunc(ms, func(a, b sentMention) bool { return a.sentence == b.sentence && a.actor == b.actor })
	scored := slices.Sorted(maps.Keys(v.sentTone))
	recs, actors := a.keepBuf.recs[:0], a.keepBuf.actors[:0]
	for i, j := 0, 0; i < len(ms) || j < len(scored); {
		s := math.MaxInt
		if i < len(ms) {
			s = ms[i].sentence
		}
		if j < len(scored) {
			s = min(s, scored[j])
		}
		r := sentRecord{sentence: s}
		a0 := len(actors)
		i0 := i
		for ; i < len(ms) && ms[i].sentence == s; i++ {
			actors = append(actors, ms[i].actor)
			r.hasStance = r.hasStance || ms[i].hasStance
		}
		r.actors = actors[a0:len(actors):len(actors)]
		if r.hasStance {
			r.stance = make([]float64, len(r.actors))
			for k, m := range ms[i0:i] {
				r.stance[k] = math.NaN()
				if m.hasStance {
					r.stance[k] = m.stance
				}
			}
		}
		if j < len(scored) && scored[j] == s {
			r.scored, r.tone = true, v.sentTone[s]
			r.toneAll, r.hasAll = v.sentToneAll[s]
			for _, l := range v.sentLabels[s] {
				r.labels = append(r.labels, a.id(l))
			}
			for _, f := range v.sentFrames[s] {
				r.frames = append(r.frames, a.id(f))
			}
			j++
		}
		recs = append(recs, r)
	}
	h.sentRecords = encodeSentences(recs)
	clear(recs) // drop the label and frame slices
	a.keepBuf.ms, a.keepBuf.recs, a.keepBuf.actors = ms[:0], recs[:0], actors[:0]
	if cap(recs) > maxKeptSentences || cap(ms) > maxKeptSentences || cap(actors) > maxKeptSentences {
		a.keepBuf.ms, a.keepBuf.recs, a.keepBuf.actors = nil, nil, nil // one huge document: not held
	}

	var sides []sideCount
	for _, k := range slices.Sorted(maps.Keys(v.sideQuotes)) {
		sides = append(sides, sideCount{a.id(k), v.sideQuotes[k]})
	}
	h.sides = encodeSides(sides)

	ls := make([]clabel, len(v.labels))
	for i, l := range v.labels {
		ls[i] = clabel{referent: a.id(l.Referent), label: a.id(l.Label), voice: voiceCode(l.Voice), sentence: l.Sentence}
		if a.opt.LabelTexts > 0 {
			th := a.labelHeap(labelKey{ls[i].referent, ls[i].label, fd.group, ls[i].voice})
			if !th.admit(textRef{doc: fd.index, i: i, fd: fd, slot: i, label: true}, a.opt.LabelTexts) {
				continue
			}
		}
		if x.labelText == nil {
			x.labelText = make([]string, len(v.labels))
		}
		x.labelText[i] = strings.Clone(l.Text)
		x.liveLabel++
	}
	h.labels = encodeLabels(ls)

	cqs := make([]cquote, len(v.qs))
	if a.opt.QuoteTexts == 0 {
		n := 0
		for i := range v.qs {
			if v.qs[i].Kind != QuoteScare {
				n++
			}
		}
		x.texts = make([]string, 0, n) // every text is kept: the exact size
	}
	var meta encBuf
	for i := range v.qs {
		q := &v.qs[i]
		cq := &cqs[i]
		*cq = cquote{kind: q.Kind, unclosed: q.Unclosed, sentence: q.Sentence, words: q.Words,
			speaker: a.id(q.Speaker), verb: a.id(q.Verb), cue: a.id(q.Cue), reason: a.id(q.Reason)}
		if q.Kind == QuoteScare {
			// scare quotes keep their text: the scare-quote table counts them
			cq.text, cq.source, cq.mention, cq.span = a.id(q.Text), a.id(q.Source), a.id(q.Mention), q.Span
			continue
		}
		if a.opt.QuoteTexts > 0 {
			if !a.quoteHeap(fd.group).admit(textRef{doc: fd.index, i: i, fd: fd, slot: len(x.texts)}, a.opt.QuoteTexts) {
				continue // no text kept
			}
		}
		cq.full = true
		x.texts = append(x.texts, strings.Clone(q.Text))
		appendMeta(&meta, fullMeta{span: q.Span, mention: a.id(q.Mention), source: q.Source})
		x.liveFull++
	}
	h.quotes = encodeQuotes(cqs)
	fd.rec = a.store.Put(encodeDoc(&h))
	if x.liveFull == 0 {
		x.texts = nil
	} else {
		x.meta = slices.Clone(meta)
	}
	if x.liveFull > 0 || x.liveLabel > 0 {
		fd.extra = x
	}
	return fd
}

// sortedDocs returns the documents in input order.
func (a *Acc) sortedDocs() []*framingDoc {
	slices.SortFunc(a.docs, func(x, y *framingDoc) int { return cmp.Compare(x.index, y.index) })
	return a.docs
}

// groupsOf returns the groups in sorted order.
func (a *Acc) groupsOf(docs []*framingDoc) []string {
	seen := map[uint32]bool{}
	var gs []string
	for _, d := range docs {
		if !seen[d.group] {
			seen[d.group] = true
			gs = append(gs, a.names[d.group])
		}
	}
	sort.Strings(gs)
	return gs
}
