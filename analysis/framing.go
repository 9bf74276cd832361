// Framing comparison (SPEC §7): labels per referent, actors, attribution and
// scare quotes, per group. FramingCollector gathers everything in the same
// pass as the terms (Options.Visit); the sections are built from it after the
// pass. Definitions of every number: docs/framing.md.

package analysis

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

	"parallax/lexicons"
)

// FramingOptions says what FramingCollector looks for.
type FramingOptions struct {
	Labels      *Matcher // a labels lexicon; nil: no label tables
	Actors      *Matcher // an actors lexicon; nil: actors are discovered from names
	Frames      *Matcher // a categories lexicon co-occurring with actors; may be nil
	Attribution *Matcher // categories lexicon for the stance of reporting verbs; may be nil
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
}

// FramingCollector collects framing evidence document by document; Visit
// is safe for concurrent use. Results do not depend on visit order: they
// are sorted by document index when read.
type FramingCollector struct {
	opt  FramingOptions
	mu   sync.Mutex
	docs []*framingDoc
	// names interns the strings kept across documents (speakers, verbs,
	// cues, actor names, labels, frames): one copy each, and none pins a
	// document's text; documents hold their ids. names[0] is "".
	names  []string
	nameID map[string]uint32
	// texts holds, per group, the quotes whose text is kept (QuoteTexts).
	texts map[string]*quoteTextHeap
	// speakers caches speakerNames for speakersDocs documents.
	speakers     []string
	speakersDocs int
}

// framingDoc is what one document contributes. During Visit the evidence
// is gathered in maps (the fields marked "during Visit"); keep then stores
// it compactly, with interned ids, and drops the maps.
type framingDoc struct {
	index       int
	group, id   string
	words       int64 // word and number tokens of the cleaned text
	quotedWords int64 // of which inside direct or scare quotes
	sentences   int
	labels      []LabelHit

	quotes   []cquote   // every quote, in order
	full     []Quote    // the quotes that keep their text (cquote.full)
	mentions []mention  // actor mentions, by actor id then sentence
	sents    []sentInfo // sentences mentioning an actor, by sentence
	keys     []uint32   // the labels and frames of sents (frames | frameBit)
	sides    []sideCount

	// during Visit: actor → sentences (0-based) mentioning it; per
	// sentence mentioning an actor its VADER compound, labels and frames;
	// quotes per actor side (direct and indirect quotes whose speaker or
	// source names the actor)
	qs         []Quote
	actors     map[string][]int
	sentTone   map[int]float64
	sentLabels map[int][]string
	sentFrames map[int][]string
	sideQuotes map[string]int
}

// cquote is a quote as the tables need it; full ≥ 0 indexes the complete
// quote in framingDoc.full.
type cquote struct {
	kind               QuoteKind
	unclosed           bool
	sentence, words    int32
	speaker, verb, cue uint32
	full               int32
}

// mention is an actor mentioned in a sentence (0-based).
type mention struct {
	actor    uint32
	sentence int32
}

// sentInfo is a sentence mentioning an actor: its tone, and its labels and
// frames as keys[lo:hi].
type sentInfo struct {
	sentence int32
	lo, hi   uint32
	tone     float64
}

// sideCount is the quotes by speakers of an actor's side.
type sideCount struct {
	actor uint32
	n     int32
}

// frameBit marks a frame among a sentence's keys.
const frameBit = 1 << 31

// LabelHit is one occurrence of a label.
type LabelHit struct {
	Referent, Label string
	Voice           string // own, scare or quoted
	Sentence        int    // 0-based
	Text            string // the sentence, matched words in [brackets]
}

// Voices of a label occurrence.
const (
	VoiceOwn    = "own"    // in the outlet's own words
	VoiceScare  = "scare"  // inside a scare quote
	VoiceQuoted = "quoted" // inside a direct quote
)

// NewFramingCollector checks the lexicons' kinds.
func NewFramingCollector(opt FramingOptions) (*FramingCollector, error) {
	check := func(m *Matcher, kind lexicons.Kind, what string) error {
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
	return &FramingCollector{opt: opt, names: []string{""}, nameID: map[string]uint32{"": 0}, texts: map[string]*quoteTextHeap{}}, nil
}

// id returns the interned id of s, adding a copy of it; c.mu is held.
func (c *FramingCollector) id(s string) uint32 {
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
func (c *FramingCollector) intern(s string) string { return c.names[c.id(s)] }

// quotesOf returns a document's quotes; those beyond QuoteTexts have no
// text, mention, source nor span.
func (c *FramingCollector) quotesOf(d *framingDoc) []Quote {
	out := make([]Quote, len(d.quotes))
	for i, q := range d.quotes {
		if q.full >= 0 {
			out[i] = d.full[q.full]
			continue
		}
		out[i] = Quote{Kind: q.kind, Unclosed: q.unclosed, Sentence: int(q.sentence), Words: int(q.words),
			Speaker: c.names[q.speaker], Verb: c.names[q.verb], Cue: c.names[q.cue]}
	}
	return out
}

// actorSentences returns the sentences of d mentioning actor a.
func (c *FramingCollector) actorSentences(d *framingDoc, a string) []mention {
	id, ok := c.nameID[a]
	if !ok {
		return nil
	}
	lo, _ := slices.BinarySearchFunc(d.mentions, id, func(m mention, id uint32) int { return cmp.Compare(m.actor, id) })
	hi := lo
	for hi < len(d.mentions) && d.mentions[hi].actor == id {
		hi++
	}
	return d.mentions[lo:hi]
}

// sentence returns what d keeps of sentence s, or nil.
func (d *framingDoc) sentence(s int32) *sentInfo {
	i, ok := slices.BinarySearchFunc(d.sents, s, func(x sentInfo, s int32) int { return cmp.Compare(x.sentence, s) })
	if !ok {
		return nil
	}
	return &d.sents[i]
}

// sideQuotesOf returns the quotes of d by speakers of actor a's side.
func (c *FramingCollector) sideQuotesOf(d *framingDoc, a string) int {
	id, ok := c.nameID[a]
	if !ok {
		return 0
	}
	for _, x := range d.sides {
		if x.actor == id {
			return int(x.n)
		}
	}
	return 0
}

// quoteTextRef is a quote whose text is kept, by its place in the input.
type quoteTextRef struct {
	doc, i int
	fd     *framingDoc
}

// quoteTextHeap is a max-heap on (doc, i): the root is the latest kept.
type quoteTextHeap []quoteTextRef

func (h quoteTextHeap) Len() int { return len(h) }
func (h quoteTextHeap) Less(a, b int) bool {
	return h[a].doc > h[b].doc || (h[a].doc == h[b].doc && h[a].i > h[b].i)
}
func (h quoteTextHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *quoteTextHeap) Push(x any)   { *h = append(*h, x.(quoteTextRef)) }
func (h *quoteTextHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// drop forgets the text of a quote kept until now.
func (r quoteTextRef) drop() {
	q := &r.fd.quotes[r.i]
	r.fd.full[q.full] = Quote{}
	q.full = -1
}

// Visit collects one document.
func (c *FramingCollector) Visit(p *Processed) {
	d := newQuoteDoc(p.Text, p.Sentences)
	// The maps are filled here and copied, compact, at the end: maps do
	// not shrink when entries are deleted, and most sentences are dropped.
	fd := &framingDoc{index: p.Doc.Index, group: p.Doc.Group, id: p.Doc.ID, sentences: len(p.Sentences),
		actors: map[string][]int{}, sentTone: map[int]float64{}, sentLabels: map[int][]string{},
		sentFrames: map[int][]string{}, sideQuotes: map[string]int{}}
	fd.words = int64(countWords(d.toks))
	qs := d.quotes()
	// the voice of each token
	voice := make([]string, len(d.toks))
	for _, q := range qs {
		if q.Kind == QuoteIndirect {
			continue
		}
		a, b := d.tokenRange(q.Span.Start, q.Span.End)
		v := VoiceQuoted
		if q.Kind == QuoteScare {
			v = VoiceScare
		}
		for k := a; k < b; k++ {
			voice[k] = v
			if d.toks[k].Kind == TokWord || d.toks[k].Kind == TokNumber {
				fd.quotedWords++
			}
		}
	}
	var hits []Hit
	for s := range d.sents {
		a, b := int(d.sentTok[s]), int(d.sentTok[s+1])
		toks := d.toks[a:b]
		sent := d.text[d.sents[s].Start:d.sents[s].End]
		var labels, frames []string
		if c.opt.Labels != nil {
			hits = c.opt.Labels.AppendMatches(hits[:0], toks)
			for _, h := range hits {
				v := voice[a+h.Start]
				if v == "" {
					v = VoiceOwn
				}
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
		} else if c.opt.Actors == nil {
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
	c.keep(fd)
	c.docs = append(c.docs, fd)
	c.mu.Unlock()
}

// keep makes what fd holds independent of the document's text and as
// small as the tables allow: strings interned, the maps of Visit turned into
// sorted slices of ids, quote texts beyond QuoteTexts per group dropped.
// c.mu is held.
func (c *FramingCollector) keep(fd *framingDoc) {
	fd.group, fd.id = c.intern(fd.group), strings.Clone(fd.id)
	for k, ss := range fd.actors {
		id := c.id(k)
		for _, s := range ss {
			fd.mentions = append(fd.mentions, mention{id, int32(s)})
		}
	}
	slices.SortFunc(fd.mentions, func(a, b mention) int {
		return cmp.Or(cmp.Compare(a.actor, b.actor), cmp.Compare(a.sentence, b.sentence))
	})
	fd.mentions = slices.Clip(slices.Compact(fd.mentions))
	for _, s := range slices.Sorted(maps.Keys(fd.sentTone)) {
		si := sentInfo{sentence: int32(s), lo: uint32(len(fd.keys)), tone: fd.sentTone[s]}
		for _, l := range fd.sentLabels[s] {
			fd.keys = append(fd.keys, c.id(l))
		}
		for _, f := range fd.sentFrames[s] {
			fd.keys = append(fd.keys, c.id(f)|frameBit)
		}
		si.hi = uint32(len(fd.keys))
		fd.sents = append(fd.sents, si)
	}
	fd.sents, fd.keys = slices.Clip(fd.sents), slices.Clip(fd.keys)
	for _, k := range slices.Sorted(maps.Keys(fd.sideQuotes)) {
		fd.sides = append(fd.sides, sideCount{c.id(k), int32(fd.sideQuotes[k])})
	}
	fd.actors, fd.sentTone, fd.sentLabels, fd.sentFrames, fd.sideQuotes = nil, nil, nil, nil, nil
	for i := range fd.labels {
		fd.labels[i].Text = strings.Clone(fd.labels[i].Text)
	}
	qs := fd.qs
	fd.qs = nil
	fd.quotes = make([]cquote, len(qs))
	for i := range qs {
		q := &qs[i]
		fd.quotes[i] = cquote{kind: q.Kind, unclosed: q.Unclosed, sentence: int32(q.Sentence), words: int32(q.Words),
			speaker: c.id(q.Speaker), verb: c.id(q.Verb), cue: c.id(q.Cue), full: -1}
		if q.Kind != QuoteScare && c.opt.QuoteTexts > 0 {
			h := c.texts[fd.group]
			if h == nil {
				h = &quoteTextHeap{}
				c.texts[fd.group] = h
			}
			ref := quoteTextRef{fd.index, i, fd}
			switch {
			case h.Len() < c.opt.QuoteTexts:
				heap.Push(h, ref)
			case ref.doc < (*h)[0].doc || (ref.doc == (*h)[0].doc && ref.i < (*h)[0].i):
				(*h)[0].drop()
				(*h)[0] = ref
				heap.Fix(h, 0)
			default:
				continue // no text kept
			}
		}
		q.Speaker, q.Verb, q.Cue = c.intern(q.Speaker), c.intern(q.Verb), c.intern(q.Cue)
		q.Mention = c.intern(q.Mention)
		if q.Kind == QuoteScare {
			q.Text, q.Source = c.intern(q.Text), c.intern(q.Source)
		} else {
			q.Text, q.Source = strings.Clone(q.Text), strings.Clone(q.Source)
		}
		fd.quotes[i].full = int32(len(fd.full))
		fd.full = append(fd.full, *q)
	}
	fd.full = slices.Clip(fd.full)
}

// keepSentence scores a sentence mentioning an actor.
func (c *FramingCollector) keepSentence(p *Processed, fd *framingDoc, s int, labels, frames []string) {
	span := p.Sentences[s]
	if !hasWordRune(ToneText(p.Text[span.Start:span.End])) {
		return
	}
	fd.sentTone[s] = p.SentenceVADER(s)
	fd.sentLabels[s], fd.sentFrames[s] = labels, frames
}

// quoteSides returns the actors a quote's speaker belongs to: with an
// actors lexicon, the actors matched in its speaker and source phrase
// ("Hikmet Hajiyev, adviser to Azerbaijan's president" → Azerbaijan);
// without one, the names the speaker is (resolved later against the
// discovered actors, by exact name).
func (c *FramingCollector) quoteSides(q *Quote, fd *framingDoc) []string {
	if c.opt.Actors == nil {
		return []string{q.Speaker}
	}
	var out []string
	for _, h := range c.opt.Actors.Match(Tokenize(q.Speaker+" ; "+q.Source, nil)) {
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
func markHitsAt(sent string, base int, toks []Token, h Hit) string {
	local := make([]Token, len(toks))
	for i, t := range toks {
		local[i] = t
		local[i].Span = Span{t.Span.Start - base, t.Span.End - base}
	}
	return markHits(sent, local, []Hit{h})
}

// sortedDocs returns the documents in input order.
func (c *FramingCollector) sortedDocs() []*framingDoc {
	c.mu.Lock()
	defer c.mu.Unlock()
	slices.SortFunc(c.docs, func(a, b *framingDoc) int { return cmp.Compare(a.index, b.index) })
	return c.docs
}

// groupsOf returns the groups in sorted order.
func groupsOf(docs []*framingDoc) []string {
	seen := map[string]bool{}
	var gs []string
	for _, d := range docs {
		if !seen[d.group] {
			seen[d.group] = true
			gs = append(gs, d.group)
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
func (c *FramingCollector) LabelRows() []LabelRow {
	if c.opt.Labels == nil {
		return nil
	}
	docs := c.sortedDocs()
	groups := groupsOf(docs)
	type key struct{ ref, label, group string }
	counts := map[key]*LabelRow{}
	docSeen := map[key]int{}
	refTotal := map[[2]string]int64{}
	for _, d := range docs {
		for _, h := range d.labels {
			k := key{h.Referent, h.Label, d.group}
			r := counts[k]
			if r == nil {
				r = &LabelRow{Referent: h.Referent, Label: h.Label, Group: d.group}
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
			refTotal[[2]string{h.Referent, d.group}]++
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

// LabelsSection shows, per referent and group, which labels the group uses
// and how often; the tidy form has one row per referent, label and group.
func LabelsSection(lx *lexicons.Lexicon, rows []LabelRow) Section {
	tidy := &Table{Name: "labels", Title: "Labels per referent (" + lx.Name + ")",
		Columns: []string{"referent", "label", "group", "own", "scare", "quoted", "total", "share", "docs"}}
	for _, r := range rows {
		tidy.Rows = append(tidy.Rows, []Value{Str(r.Referent), Str(r.Label), Str(r.Group), Int(r.Own), Int(r.Scare),
			Int(r.Quoted), Int(r.Total), Float(r.Share, 3), Int(int64(r.Docs))})
	}
	disp := &Table{Name: "labels", Title: tidy.Title, Columns: []string{"referent", "group", "hits", "labels used (share; scare = in scare quotes, quoted = inside quotations)"}}
	type cell struct {
		hits  int64
		parts []string
	}
	var order [][2]string
	cells := map[[2]string]*cell{}
	for _, r := range rows {
		k := [2]string{r.Referent, r.Group}
		cl := cells[k]
		if cl == nil {
			cl = &cell{}
			cells[k] = cl
			order = append(order, k)
		}
		if r.Total == 0 {
			continue
		}
		cl.hits += r.Total
		s := fmt.Sprintf("%s %d (%.0f%%", r.Label, r.Total, 100*r.Share)
		if r.Scare > 0 {
			s += fmt.Sprintf("; %d scare", r.Scare)
		}
		if r.Quoted > 0 {
			s += fmt.Sprintf("; %d quoted", r.Quoted)
		}
		cl.parts = append(cl.parts, s+")")
	}
	for _, k := range order {
		cl := cells[k]
		used := strings.Join(cl.parts, ", ")
		if cl.hits == 0 {
			used = "none of the labels"
		}
		disp.Rows = append(disp.Rows, []Value{Str(k[0]), Str(k[1]), Int(cl.hits), Str(used)})
	}
	notes := []string{
		"hits: occurrences of any label of the referent in the group's cleaned text; share: a label's occurrences / the referent's hits in the group (n/a when the group uses none).",
		"own: in the outlet's own words; scare: inside a scare quote (1-5 quoted words not attributed to a speaker); quoted: inside a direct quotation. A label counts wherever its pattern occurs, whatever the sentence is about (see the lexicon's notes).",
		lexiconAbout(lx),
	}
	disp.Notes, tidy.Notes = notes, notes
	return Section{Display: disp, Tidy: tidy}
}

// LabelPassages returns up to max passages per referent, label, group and
// voice, in input order.
func (c *FramingCollector) LabelPassages(max int) []LabelPassage {
	docs := c.sortedDocs()
	seen := map[[4]string]int{}
	var out []LabelPassage
	for _, d := range docs {
		for _, h := range d.labels {
			k := [4]string{h.Referent, h.Label, d.group, h.Voice}
			if seen[k] >= max {
				continue
			}
			seen[k]++
			out = append(out, LabelPassage{Group: d.group, Doc: d.id, Hit: h})
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

// LabelPassagesSection lists label occurrences with their sentences.
func LabelPassagesSection(ps []LabelPassage, max int) Section {
	t := &Table{Name: "label-passages", Title: "Labels in context",
		Columns: []string{"referent", "label", "group", "doc", "sentence", "voice", "text"},
		Notes:   []string{fmt.Sprintf("At most %d passages per referent, label, group and voice, in input order; sentence is 1-based in the cleaned document; the label's words are in [brackets].", max)}}
	for _, p := range ps {
		t.Rows = append(t.Rows, []Value{Str(p.Hit.Referent), Str(p.Hit.Label), Str(p.Group), Str(p.Doc),
			Int(int64(p.Hit.Sentence + 1)), Str(p.Hit.Voice), Str(p.Hit.Text)})
	}
	return Section{Display: t}
}

// LabelsLexicon returns the labels lexicon, or nil.
func (c *FramingCollector) LabelsLexicon() *lexicons.Lexicon {
	if c.opt.Labels == nil {
		return nil
	}
	return c.opt.Labels.Lexicon()
}

// ActorsDiscovered reports whether actors come from names rather than a
// lexicon.
func (c *FramingCollector) ActorsDiscovered() bool { return c.opt.Actors == nil }

// QuoteCounter returns, for EventResult.CountQuotes, the number of direct
// quotes and indirect speech starting in a sentence, by document
// (Doc.Index) and 1-based sentence. Scare quotes are not speech and do not
// count.
func (c *FramingCollector) QuoteCounter() func(docIndex, sentence int) int {
	type key struct{ doc, sent int }
	n := map[key]int{}
	for _, d := range c.sortedDocs() {
		for _, q := range d.quotes {
			if q.kind == QuoteDirect || q.kind == QuoteIndirect {
				n[key{d.index, int(q.sentence) + 1}]++
			}
		}
	}
	return func(doc, sent int) int { return n[key{doc, sent}] }
}
