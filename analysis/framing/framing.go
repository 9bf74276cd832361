package framing

import (
	"cmp"
	"container/heap"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
)

// Options says what Collector looks for.
type Options struct {
	Labels      *lexmatch.Matcher // a labels lexicon; nil: no label tables
	Actors      *lexmatch.Matcher // an actors lexicon; nil: actors are discovered from names
	Frames      *lexmatch.Matcher // a categories lexicon co-occurring with actors; may be nil
	Attribution *lexmatch.Matcher // categories lexicon for the stance of reporting verbs; may be nil
	// DiscoverActors is how many actors to keep when they are discovered
	// (default 20).
	DiscoverActors int
	// MaxQuoteText cuts quoted text kept for the tables (default 400 bytes).
	MaxQuoteText int
	// QuoteTexts, when positive, keeps the text, mention and source phrase
	// of only the first QuoteTexts direct quotes and indirect speech of each
	// group in input order (scare quotes keep theirs: the scare-quote table
	// counts them); the other quotes keep their kind, speaker, verb and
	// sentence, which is all the tables need. 0 keeps every text, for
	// 'parallax quotes'. It bounds memory on large corpora.
	QuoteTexts int
	// LabelTexts, when positive, keeps the marked sentence of only the
	// first LabelTexts hits of each referent, label, group and voice in
	// input order: enough for LabelPassages(max) with max ≤ LabelTexts;
	// the other hits keep their referent, label, voice and sentence, which
	// is all the tables need. 0 keeps every text.
	LabelTexts int
}

// Collector collects framing evidence document by document; Visit
// is safe for concurrent use. Results do not depend on visit order: they
// are sorted by document index when read.
type Collector struct {
	opt  Options
	mu   sync.Mutex
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
	// keepBuf holds keep's work buffers, reused under mu.
	keepBuf struct {
		ms     []sentMention
		recs   []sentRecord
		actors []uint32
	}
}

// maxKeptSentences bounds keepBuf between documents: a buffer grown
// beyond it by one huge document is left to the garbage collector.
const maxKeptSentences = 1 << 14

// sentMention is an actor mentioned in a sentence.
type sentMention struct {
	sentence int
	actor    uint32
}

// framingDoc is what one document contributes, encoded compactly
// (framing_store.go): a document costs its record and the few texts it
// keeps.
type framingDoc struct {
	index int
	group uint32 // interned
	data  []byte // the record: id, counts, quotes, sides, labels, sentences
	extra *framingExtra
}

// framingExtra holds a document's kept texts; nil when none.
type framingExtra struct {
	full      []Quote  // the n-th quote flagged full; Kind 0 once its text is dropped
	labelText []string // per label hit, its marked sentence; "" when not kept
	liveFull  int
	liveLabel int
}

// fullQuote returns the n-th full quote of d, if its text is still kept.
func (d *framingDoc) fullQuote(n int) (*Quote, bool) {
	if d.extra == nil || n >= len(d.extra.full) || d.extra.full[n].Kind == 0 {
		return nil, false
	}
	return &d.extra.full[n], true
}

// labelText returns the text of label hit i of d, or "".
func (d *framingDoc) labelText(i int) string {
	if d.extra == nil || i >= len(d.extra.labelText) {
		return ""
	}
	return d.extra.labelText[i]
}

// framingVisit is what Visit gathers of one document before keep
// encodes it.
type framingVisit struct {
	index              int
	group, id          string
	words, quotedWords int64
	sentences          int
	labels             []LabelHit
	qs                 []Quote
	actors             map[string][]int // actor → sentences (0-based) mentioning it
	sentTone           map[int]float64  // per sentence mentioning an actor, its VADER compound
	sentLabels         map[int][]string // its labels ("referent / label")
	sentFrames         map[int][]string // its frames
	sideQuotes         map[string]int   // direct and indirect quotes whose speaker or source names the actor
}

// labelKey is a referent, label, group and voice, interned.
type labelKey struct {
	referent, label, group uint32
	voice                  uint8
}

// LabelHit is one occurrence of a label.
type LabelHit struct {
	Referent, Label string
	Voice           string // own, scare or quoted
	Sentence        int    // 0-based
	Text            string // the sentence, matched words in [brackets]; empty beyond LabelTexts
}

// Voices of a label occurrence.
const (
	VoiceOwn    = "own"    // in the outlet's own words
	VoiceScare  = "scare"  // inside a scare quote
	VoiceQuoted = "quoted" // inside a direct quote
)

// NewCollector checks the lexicons' kinds.
func NewCollector(opt Options) (*Collector, error) {
	check := func(m *lexmatch.Matcher, kind lexicons.Kind, what string) error {
		if m != nil && m.Lexicon().Kind != kind {
			return fmt.Errorf("%s lexicon %s is of kind %s, want %s", what, m.Lexicon().Name, m.Lexicon().Kind, kind)
		}
		return nil
	}
	for _, err := range []error{
		check(opt.Labels, lexicons.KindLabels, "labels"),
		check(opt.Actors, lexicons.KindActors, "actors"),
		check(opt.Frames, lexicons.KindCategories, "frames"),
		check(opt.Attribution, lexicons.KindCategories, "attribution"),
	} {
		if err != nil {
			return nil, err
		}
	}
	if opt.DiscoverActors <= 0 {
		opt.DiscoverActors = 20
	}
	if opt.MaxQuoteText <= 0 {
		opt.MaxQuoteText = 400
	}
	return &Collector{opt: opt, names: []string{""}, nameID: map[string]uint32{"": 0},
		texts: map[uint32]*textHeap{}, labelTexts: map[labelKey]*textHeap{}}, nil
}

// id returns the interned id of s, adding a copy of it; c.mu is held.
func (c *Collector) id(s string) uint32 {
	if id, ok := c.nameID[s]; ok {
		return id
	}
	s = strings.Clone(s)
	id := uint32(len(c.names))
	c.names = append(c.names, s)
	c.nameID[s] = id
	return id
}

// intern returns the collector's copy of s; c.mu is held.
func (c *Collector) intern(s string) string { return c.names[c.id(s)] }

// quotesOf returns a document's quotes; direct quotes and indirect speech
// beyond QuoteTexts have no text, mention, source nor span.
func (c *Collector) quotesOf(d *framingDoc, h *docHeader) []Quote {
	cqs := decodeQuotes(h.quotes, nil)
	out := make([]Quote, len(cqs))
	nfull := 0
	for i, q := range cqs {
		if q.full {
			nfull++
			if fq, ok := d.fullQuote(nfull - 1); ok {
				out[i] = *fq
				continue
			}
		}
		out[i] = Quote{Kind: q.kind, Unclosed: q.unclosed, Sentence: q.sentence, Words: q.words,
			Speaker: c.names[q.speaker], Verb: c.names[q.verb], Cue: c.names[q.cue]}
		if q.kind == QuoteScare {
			out[i].Text, out[i].Source, out[i].Mention, out[i].Span = c.names[q.text], c.names[q.source], c.names[q.mention], q.span
		}
	}
	return out
}

// labelsOf returns a document's label hits, with the texts kept.
func (c *Collector) labelsOf(d *framingDoc, h *docHeader) []LabelHit {
	ls := decodeLabels(h.labels, nil)
	out := make([]LabelHit, len(ls))
	for i, l := range ls {
		out[i] = LabelHit{Referent: c.names[l.referent], Label: c.names[l.label], Voice: labelVoices[l.voice],
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
		x.full[r.slot] = Quote{}
		if x.liveFull--; x.liveFull == 0 {
			x.full = nil
		}
	}
	if x.full == nil && x.labelText == nil {
		r.fd.extra = nil
	}
}

// Visit collects one document.
func (c *Collector) Visit(p *segment.Processed) {
	d := newQuoteDoc(p.Text, p.Sentences, p.SentenceTokens)
	defer d.release()
	// The maps are filled here and encoded, compact, at the end: maps do
	// not shrink when entries are deleted, and most sentences are dropped.
	fd := &framingVisit{index: p.Doc.Index, group: p.Doc.Group, id: p.Doc.ID, sentences: len(p.Sentences),
		actors: map[string][]int{}, sentTone: map[int]float64{}, sentLabels: map[int][]string{},
		sentFrames: map[int][]string{}, sideQuotes: map[string]int{}}
	fd.words = int64(countWords(d.toks))
	qs := d.quotes()
	// the voice of each token, as a code of labelVoices (0: own words)
	voice := make([]uint8, len(d.toks))
	for _, q := range qs {
		if q.Kind == QuoteIndirect {
			continue
		}
		a, b := d.tokenRange(q.Span.Start, q.Span.End)
		v := voiceCode(VoiceQuoted)
		if q.Kind == QuoteScare {
			v = voiceCode(VoiceScare)
		}
		for k := a; k < b; k++ {
			voice[k] = v
			if d.toks[k].Kind == segment.TokWord || d.toks[k].Kind == segment.TokNumber {
				fd.quotedWords++
			}
		}
	}
	var hits []lexmatch.Hit
	for s := range d.sents {
		a, b := int(d.sentTok[s]), int(d.sentTok[s+1])
		toks := d.toks[a:b]
		sent := d.text[d.sents[s].Start:d.sents[s].End]
		var labels, frames []string
		if c.opt.Labels != nil {
			hits = c.opt.Labels.AppendMatches(hits[:0], toks)
			for _, h := range hits {
				v := labelVoices[voice[a+h.Start]]
				fd.labels = append(fd.labels, LabelHit{Referent: h.Entry.Key, Label: h.Entry.Label, Voice: v, Sentence: s,
					Text: markHitsAt(sent, d.sents[s].Start, toks, h)})
				labels = append(labels, h.Entry.Key+" / "+h.Entry.Label)
			}
		}
		if c.opt.Frames != nil {
			hits = c.opt.Frames.AppendMatches(hits[:0], toks)
			for _, h := range hits {
				frames = append(frames, h.Entry.Key)
			}
		}
		var mentioned []string
		if c.opt.Actors != nil {
			hits = c.opt.Actors.AppendMatches(hits[:0], toks)
			for _, h := range hits {
				mentioned = appendUnique(mentioned, h.Entry.Key)
			}
		}
		for _, m := range mentioned {
			fd.actors[m] = append(fd.actors[m], s)
		}
		if len(mentioned) > 0 {
			c.keepSentence(p, fd, s, labels, frames)
		} else if c.opt.Actors == nil && (labels != nil || frames != nil) {
			fd.sentLabels[s], fd.sentFrames[s] = labels, frames // kept until actors are known
		}
	}
	if c.opt.Actors == nil {
		// discovered actors: every name, persons under their full name
		for _, n := range d.names {
			key := n.Key()
			if !strings.Contains(key, " ") && placeAdjective(strings.ToLower(key)) {
				continue // "American", "Israelis": a people, not an actor
			}
			if n.Person == "" && !strings.Contains(key, " ") {
				key = d.resolve(key, n.Start)
			}
			if ss := fd.actors[key]; len(ss) == 0 || ss[len(ss)-1] != n.Sentence {
				fd.actors[key] = append(fd.actors[key], n.Sentence)
			}
		}
		for _, ss := range fd.actors {
			for _, s := range ss {
				if _, ok := fd.sentTone[s]; !ok {
					c.keepSentence(p, fd, s, fd.sentLabels[s], fd.sentFrames[s])
				}
			}
		}
		for s := range fd.sentLabels {
			if _, ok := fd.sentTone[s]; !ok {
				delete(fd.sentLabels, s)
				delete(fd.sentFrames, s)
			}
		}
	}
	// quotes: cut long text, and count sides
	for i := range qs {
		q := &qs[i]
		if len(q.Text) > c.opt.MaxQuoteText {
			q.Text = cutUTF8(q.Text, c.opt.MaxQuoteText) + "…"
		}
		if q.Kind == QuoteScare || q.Speaker == "" {
			continue
		}
		for _, a := range c.quoteSides(q, fd) {
			fd.sideQuotes[a]++
		}
	}
	fd.qs = qs
	c.mu.Lock()
	c.docs = append(c.docs, c.keep(fd))
	c.mu.Unlock()
}

// keep encodes what v gathered, independent of the document's text and as
// small as the tables allow: strings interned, the maps of Visit turned
// into sorted records of ids, quote and label texts beyond QuoteTexts and
// LabelTexts dropped. c.mu is held.
func (c *Collector) keep(v *framingVisit) *framingDoc {
	fd := &framingDoc{index: v.index, group: c.id(v.group)}
	x := &framingExtra{}
	h := docHeader{id: v.id, words: v.words, quotedWords: v.quotedWords, sentences: v.sentences}

	// sentences: those mentioning an actor, and those scored; the
	// buffers are reused (c.mu is held) as encodeSentences keeps nothing
	ms := c.keepBuf.ms[:0]
	for k, ss := range v.actors {
		id := c.id(k)
		for _, s := range ss {
			ms = append(ms, sentMention{s, id})
		}
	}
	slices.SortFunc(ms, func(a, b sentMention) int {
		return cmp.Or(cmp.Compare(a.sentence, b.sentence), cmp.Compare(a.actor, b.actor))
	})
	ms = slices.Compact(ms)
	scored := slices.Sorted(maps.Keys(v.sentTone))
	recs, actors := c.keepBuf.recs[:0], c.keepBuf.actors[:0]
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
		for ; i < len(ms) && ms[i].sentence == s; i++ {
			actors = append(actors, ms[i].actor)
		}
		r.actors = actors[a0:len(actors):len(actors)]
		if j < len(scored) && scored[j] == s {
			r.scored, r.tone = true, v.sentTone[s]
			for _, l := range v.sentLabels[s] {
				r.labels = append(r.labels, c.id(l))
			}
			for _, f := range v.sentFrames[s] {
				r.frames = append(r.frames, c.id(f))
			}
			j++
		}
		recs = append(recs, r)
	}
	h.sentRecords = encodeSentences(recs)
	clear(recs) // drop the label and frame slices
	c.keepBuf.ms, c.keepBuf.recs, c.keepBuf.actors = ms[:0], recs[:0], actors[:0]
	if cap(recs) > maxKeptSentences || cap(ms) > maxKeptSentences || cap(actors) > maxKeptSentences {
		c.keepBuf.ms, c.keepBuf.recs, c.keepBuf.actors = nil, nil, nil // one huge document: not held
	}

	var sides []sideCount
	for _, k := range slices.Sorted(maps.Keys(v.sideQuotes)) {
		sides = append(sides, sideCount{c.id(k), v.sideQuotes[k]})
	}
	h.sides = encodeSides(sides)

	ls := make([]clabel, len(v.labels))
	for i, l := range v.labels {
		ls[i] = clabel{referent: c.id(l.Referent), label: c.id(l.Label), voice: voiceCode(l.Voice), sentence: l.Sentence}
		if c.opt.LabelTexts > 0 {
			k := labelKey{ls[i].referent, ls[i].label, fd.group, ls[i].voice}
			th := c.labelTexts[k]
			if th == nil {
				th = &textHeap{}
				c.labelTexts[k] = th
			}
			if !th.admit(textRef{doc: fd.index, i: i, fd: fd, slot: i, label: true}, c.opt.LabelTexts) {
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
	for i := range v.qs {
		q := &v.qs[i]
		cq := &cqs[i]
		*cq = cquote{kind: q.Kind, unclosed: q.Unclosed, sentence: q.Sentence, words: q.Words,
			speaker: c.id(q.Speaker), verb: c.id(q.Verb), cue: c.id(q.Cue)}
		if q.Kind == QuoteScare {
			// scare quotes keep their text: the scare-quote table counts them
			cq.text, cq.source, cq.mention, cq.span = c.id(q.Text), c.id(q.Source), c.id(q.Mention), q.Span
			continue
		}
		if c.opt.QuoteTexts > 0 {
			th := c.texts[fd.group]
			if th == nil {
				th = &textHeap{}
				c.texts[fd.group] = th
			}
			if !th.admit(textRef{doc: fd.index, i: i, fd: fd, slot: len(x.full)}, c.opt.QuoteTexts) {
				continue // no text kept
			}
		}
		q.Speaker, q.Verb, q.Cue = c.intern(q.Speaker), c.intern(q.Verb), c.intern(q.Cue)
		q.Mention = c.intern(q.Mention)
		q.Text, q.Source = strings.Clone(q.Text), strings.Clone(q.Source)
		cq.full = true
		x.full = append(x.full, *q)
		x.liveFull++
	}
	h.quotes = encodeQuotes(cqs)
	fd.data = encodeDoc(&h)
	if x.liveFull > 0 || x.liveLabel > 0 {
		x.full = slices.Clip(x.full)
		fd.extra = x
	}
	return fd
}

// keepSentence scores a sentence mentioning an actor.
func (c *Collector) keepSentence(p *segment.Processed, fd *framingVisit, s int, labels, frames []string) {
	span := p.Sentences[s]
	if !tonestats.HasWord(tonestats.SentenceText(p.Text[span.Start:span.End])) {
		return
	}
	fd.sentTone[s] = tonestats.SentenceVADER(p, s)
	if labels != nil || frames != nil { // a missing sentence reads as none
		fd.sentLabels[s], fd.sentFrames[s] = labels, frames
	}
}

// quoteSides returns the actors a quote's speaker belongs to: with an
// actors lexicon, the actors matched in its speaker and source phrase
// ("Hikmet Hajiyev, adviser to Azerbaijan's president" → Azerbaijan);
// without one, the names the speaker is (resolved later against the
// discovered actors, by exact name).
func (c *Collector) quoteSides(q *Quote, fd *framingVisit) []string {
	if c.opt.Actors == nil {
		return []string{q.Speaker}
	}
	var out []string
	for _, h := range c.opt.Actors.Match(segment.Tokenize(q.Speaker+" ; "+q.Source, nil)) {
		out = appendUnique(out, h.Entry.Key)
	}
	return out
}

func appendUnique(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

// cutUTF8 cuts s to at most n bytes at a rune boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// markHitsAt marks one hit of a sentence whose tokens carry document
// offsets (base is the sentence's start).
func markHitsAt(sent string, base int, toks []segment.Token, h lexmatch.Hit) string {
	local := make([]segment.Token, len(toks))
	for i, t := range toks {
		local[i] = t
		local[i].Span = segment.Span{Start: t.Span.Start - base, End: t.Span.End - base}
	}
	return lexmatch.MarkHits(sent, local, []lexmatch.Hit{h})
}

// sortedDocs returns the documents in input order.
func (c *Collector) sortedDocs() []*framingDoc {
	c.mu.Lock()
	defer c.mu.Unlock()
	slices.SortFunc(c.docs, func(a, b *framingDoc) int { return cmp.Compare(a.index, b.index) })
	return c.docs
}

// groupsOf returns the groups in sorted order.
func (c *Collector) groupsOf(docs []*framingDoc) []string {
	seen := map[uint32]bool{}
	var gs []string
	for _, d := range docs {
		if !seen[d.group] {
			seen[d.group] = true
			gs = append(gs, c.names[d.group])
		}
	}
	sort.Strings(gs)
	return gs
}

// ---------------------------------------------------------------------------
// Labels

// LabelRow is one label's use by one group.
type LabelRow struct {
	Referent, Label, Group string
	Own, Scare, Quoted     int64
	Total                  int64
	Share                  float64 // Total / the group's hits for the referent; NaN when none
	Docs                   int     // documents using the label
}

// LabelRows returns, for every referent and label of the labels lexicon and
// every group, the label's counts by voice and its share of the referent's
// hits in the group. Rows follow the lexicon's order, then the groups'.
func (c *Collector) LabelRows() []LabelRow {
	if c.opt.Labels == nil {
		return nil
	}
	docs := c.sortedDocs()
	groups := c.groupsOf(docs)
	type key struct{ ref, label, group string }
	counts := map[key]*LabelRow{}
	docSeen := map[key]int{}
	refTotal := map[[2]string]int64{}
	for _, d := range docs {
		g := c.names[d.group]
		h := decodeDoc(d.data, false)
		for _, h := range c.labelsOf(d, &h) {
			k := key{h.Referent, h.Label, g}
			r := counts[k]
			if r == nil {
				r = &LabelRow{Referent: h.Referent, Label: h.Label, Group: g}
				counts[k] = r
			}
			switch h.Voice {
			case VoiceScare:
				r.Scare++
			case VoiceQuoted:
				r.Quoted++
			default:
				r.Own++
			}
			r.Total++
			refTotal[[2]string{h.Referent, g}]++
			if docSeen[k] != d.index+1 {
				docSeen[k] = d.index + 1
				r.Docs++
			}
		}
	}
	var rows []LabelRow
	for _, rl := range labelOrder(c.opt.Labels.Lexicon()) {
		for _, g := range groups {
			r := counts[key{rl[0], rl[1], g}]
			if r == nil {
				r = &LabelRow{Referent: rl[0], Label: rl[1], Group: g}
			}
			r.Share = math.NaN()
			if t := refTotal[[2]string{rl[0], g}]; t > 0 {
				r.Share = float64(r.Total) / float64(t)
			}
			rows = append(rows, *r)
		}
	}
	return rows
}

// labelOrder lists (referent, label) pairs in the lexicon's order.
func labelOrder(lx *lexicons.Lexicon) [][2]string {
	seen := map[[2]string]bool{}
	var out [][2]string
	for _, e := range lx.Entries {
		k := [2]string{e.Key, e.Label}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// LabelPassages returns up to max passages per referent, label, group and
// voice, in input order.
func (c *Collector) LabelPassages(max int) []LabelPassage {
	docs := c.sortedDocs()
	seen := map[[4]string]int{}
	var out []LabelPassage
	for _, d := range docs {
		g := c.names[d.group]
		dh := decodeDoc(d.data, true)
		for _, h := range c.labelsOf(d, &dh) {
			k := [4]string{h.Referent, h.Label, g, h.Voice}
			if seen[k] >= max {
				continue
			}
			seen[k]++
			out = append(out, LabelPassage{Group: g, Doc: dh.id, Hit: h})
		}
	}
	slices.SortStableFunc(out, func(a, b LabelPassage) int {
		return cmp.Or(cmp.Compare(a.Hit.Referent, b.Hit.Referent), cmp.Compare(a.Hit.Label, b.Hit.Label), cmp.Compare(a.Group, b.Group))
	})
	return out
}

// LabelPassage is a label occurrence with its document.
type LabelPassage struct {
	Group, Doc string
	Hit        LabelHit
}

// LabelsLexicon returns the labels lexicon, or nil.
func (c *Collector) LabelsLexicon() *lexicons.Lexicon {
	if c.opt.Labels == nil {
		return nil
	}
	return c.opt.Labels.Lexicon()
}

// ActorsDiscovered reports whether actors come from names rather than a
// lexicon.
func (c *Collector) ActorsDiscovered() bool { return c.opt.Actors == nil }

// QuoteCounter returns, for EventResult.CountQuotes, the number of direct
// quotes and indirect speech starting in a sentence, by document
// (Doc.Index) and 1-based sentence. Scare quotes are not speech and do not
// count.
func (c *Collector) QuoteCounter() func(docIndex, sentence int) int {
	// one sorted key per quote, document in the high half: the count is
	// the length of a key's run
	var buf []cquote
	docs := c.sortedDocs()
	each := func(fn func(k uint64)) {
		for _, d := range docs {
			buf = decodeQuotes(decodeDoc(d.data, false).quotes, buf[:0])
			for _, q := range buf {
				if q.kind == QuoteDirect || q.kind == QuoteIndirect {
					fn(quoteKey(d.index, q.sentence+1))
				}
			}
		}
	}
	n := 0
	each(func(uint64) { n++ })
	keys := make([]uint64, 0, n) // the exact size: kept while events are summed
	each(func(k uint64) { keys = append(keys, k) })
	slices.Sort(keys)
	return func(doc, sent int) int {
		if doc < 0 || sent < 0 || uint64(doc) > math.MaxUint32 || uint64(sent) > math.MaxUint32 {
			return 0
		}
		k := quoteKey(doc, sent)
		lo, ok := slices.BinarySearch(keys, k)
		if !ok {
			return 0
		}
		hi := lo
		for hi < len(keys) && keys[hi] == k {
			hi++
		}
		return hi - lo
	}
}

func quoteKey(doc, sent int) uint64 { return uint64(doc)<<32 | uint64(uint32(sent)) }
