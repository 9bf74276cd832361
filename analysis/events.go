// Events: which articles cover the same story (article level, discovered
// from shared rare terms, names, numbers and dates within a date window),
// which passages of different articles describe the same event (passage
// level, from an events lexicon's cues and dates, and discovered inside
// each story), and per event × group the coverage, tone, dominant frames,
// labels and passages side by side. Every definition, default and cost is
// in docs/events.md.

package analysis

import (
	"cmp"
	"container/heap"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/corpus"
	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
	"parallax/tone"
)

// Levels and sources of an event.
const (
	EventLevelArticle = "article" // a story: documents covering the same event
	EventLevelPassage = "passage" // sentences describing the same event

	EventSourceLexicon    = "lexicon"    // an event of the events lexicon
	EventSourceDiscovered = "discovered" // found from shared rare features
)

// Defaults of EventOptions; docs/events.md explains each choice.
const (
	DefaultEventMaxFeatures        = 128
	DefaultEventRareFraction       = 0.05
	DefaultEventMaxRareDF          = 1000
	DefaultEventMinShared          = 4
	DefaultEventMinScore           = 0.1
	DefaultEventLinkScore          = 0.06
	DefaultEventMinLinked          = 0.5
	DefaultEventWindow             = 3
	DefaultEventMaxLinks           = 32
	DefaultEventUndatedMaxDF       = 200
	DefaultPassageMinShared        = 3
	DefaultPassageMinScore         = 0.3
	DefaultPassageLinkScore        = 0.15
	DefaultPassageMaxPosting       = 200
	DefaultEventMaxPassages        = 20
	DefaultEventTextBudget   int64 = 64 << 20
)

// EventOptions configure an EventCollector. Zero values mean the defaults
// above; the effective values are in EventResult.Options.
type EventOptions struct {
	// Lexicon, optional, is an events lexicon (kind events): a sentence
	// belongs to an event when it matches one of the event's cues or
	// mentions a date that falls in the event's dates (see dateEvent).
	Lexicon *lexmatch.Matcher
	// Frames (kind categories) and Labels (kind labels), optional, give the
	// dominant frames and the labels of each event × group.
	Frames, Labels *lexmatch.Matcher
	// StopWords are left out of the features; nil means the embedded "en"
	// list.
	StopWords *lexicons.StopWords

	// MaxFeatures is how many features a document keeps (the most salient;
	// see selectFeatures). Memory is about 4 bytes per kept feature.
	MaxFeatures int
	// A feature is rare when documents of at least two groups hold it and
	// it is found in at least 2 and at most
	// min(max(2, min(⌊RareFraction·D⌋, MaxRareDF)), ⌊D/4⌋) of the D
	// documents (see rareCap). Only rare features find candidate pairs and
	// enter the scores; the cap bounds the cost (docs/events.md).
	// MaxRareDF < 0 means no ceiling.
	RareFraction float64
	MaxRareDF    int
	// Two documents are linked when they share at least MinShared rare
	// features, their cosine (binary vectors of rare features weighted by
	// idf) is at least MinScore, and, when both have a date, the dates are
	// at most Window days apart (Window < 0: no window).
	MinShared int
	MinScore  float64
	Window    int
	// MaxLinks bounds the links of a document: each document ranks the
	// documents it would be linked with by similarity (ties: the earlier
	// in the input) and keeps the first MaxLinks; a link is kept when each
	// of its documents keeps the other. No document has more than MaxLinks
	// links, so there are at most MaxLinks·D/2 links and no story has more
	// than (MaxLinks/MinLinked)·(MaxLinks+1) documents (docs/events.md).
	// Negative: no bound.
	MaxLinks int
	// UndatedMaxDF: a rare feature found in more than UndatedMaxDF
	// documents does not find candidate pairs with an undated document
	// (no date window thins its postings); it still counts in the score.
	// Negative: no ceiling.
	UndatedMaxDF int
	// LinkScore and MinLinked are the average-linkage thresholds: two
	// clusters of documents are merged while the mean similarity over all
	// their pairs of documents of different groups (0 for pairs not
	// linked) is at least LinkScore and at least MinLinked of those pairs
	// are linked. MinLinked also applies to passages.
	LinkScore float64
	MinLinked float64

	// Passage level, inside each story: two sentences of different groups
	// are aligned when they share at least PassageMinShared rare features
	// and their cosine is at least PassageMinScore; aligned sentences are
	// clustered by average linkage at PassageLinkScore. A feature found in
	// more than PassageMaxPosting sentences of a story is not used to find
	// candidates (it still counts in the score).
	PassageMinShared  int
	PassageMinScore   float64
	PassageLinkScore  float64
	PassageMaxPosting int

	// MaxPassages is how many passages per event × group are kept with
	// their text and listed (the first in input order); every passage
	// counts in the figures. Negative: all.
	MaxPassages int
	// TextBudget bounds the bytes of cleaned text kept during the pass for
	// the story-level figures and discovered passages. A corpus whose text
	// exceeds it keeps none, and EventCollector.NeedsTexts asks for a
	// second pass (VisitTexts), which reads the stories' documents only and
	// keeps the text of the sentences that may be passages. Negative: no
	// bound.
	TextBudget int64

	Resamples int    // bootstrap resamples of the tone interval; 0: DefaultResamples
	Seed      uint64 // bootstrap seed
	Workers   int    // workers for the comparisons; 0: GOMAXPROCS
}

// withDefaults fills the zero fields and checks the others.
func (o EventOptions) withDefaults() (EventOptions, error) {
	if o.MaxFeatures == 0 {
		o.MaxFeatures = DefaultEventMaxFeatures
	}
	if o.RareFraction == 0 {
		o.RareFraction = DefaultEventRareFraction
	}
	if o.MaxRareDF == 0 {
		o.MaxRareDF = DefaultEventMaxRareDF
	}
	if o.MinShared == 0 {
		o.MinShared = DefaultEventMinShared
	}
	if o.MinScore == 0 {
		o.MinScore = DefaultEventMinScore
	}
	if o.LinkScore == 0 {
		o.LinkScore = DefaultEventLinkScore
	}
	if o.MinLinked == 0 {
		o.MinLinked = DefaultEventMinLinked
	}
	if o.Window == 0 {
		o.Window = DefaultEventWindow
	}
	if o.MaxLinks == 0 {
		o.MaxLinks = DefaultEventMaxLinks
	}
	if o.UndatedMaxDF == 0 {
		o.UndatedMaxDF = DefaultEventUndatedMaxDF
	}
	if o.PassageMinShared == 0 {
		o.PassageMinShared = DefaultPassageMinShared
	}
	if o.PassageMinScore == 0 {
		o.PassageMinScore = DefaultPassageMinScore
	}
	if o.PassageLinkScore == 0 {
		o.PassageLinkScore = DefaultPassageLinkScore
	}
	if o.PassageMaxPosting == 0 {
		o.PassageMaxPosting = DefaultPassageMaxPosting
	}
	if o.MaxPassages == 0 {
		o.MaxPassages = DefaultEventMaxPassages
	}
	if o.TextBudget == 0 {
		o.TextBudget = DefaultEventTextBudget
	}
	if o.Resamples <= 0 {
		o.Resamples = resample.DefaultResamples
	}
	switch {
	case o.MaxFeatures < 0:
		return o, fmt.Errorf("events: features per document must be positive, got %d", o.MaxFeatures)
	case !(o.RareFraction > 0 && o.RareFraction <= 1):
		return o, fmt.Errorf("events: rare fraction must be in (0, 1], got %v", o.RareFraction)
	case o.MinShared < 1 || o.PassageMinShared < 1:
		return o, fmt.Errorf("events: shared features must be at least 1, got %d and %d", o.MinShared, o.PassageMinShared)
	case !unitScore(o.MinLinked):
		return o, fmt.Errorf("events: share of linked pairs must be in (0, 1], got %v", o.MinLinked)
	case !unitScore(o.MinScore) || !unitScore(o.LinkScore) || !unitScore(o.PassageMinScore) || !unitScore(o.PassageLinkScore):
		return o, fmt.Errorf("events: scores must be in (0, 1], got %v, %v, %v, %v", o.MinScore, o.LinkScore, o.PassageMinScore, o.PassageLinkScore)
	case o.PassageMaxPosting < 0:
		return o, fmt.Errorf("events: passage posting cap must be positive, got %d", o.PassageMaxPosting)
	}
	if o.Lexicon != nil && o.Lexicon.Lexicon().Kind != lexicons.KindEvents {
		return o, fmt.Errorf("lexicon %q is of kind %q: events need a lexicon of kind %q", o.Lexicon.Lexicon().Name, o.Lexicon.Lexicon().Kind, lexicons.KindEvents)
	}
	if o.Frames != nil && o.Frames.Lexicon().Kind != lexicons.KindCategories {
		return o, fmt.Errorf("lexicon %q is of kind %q: frames need a lexicon of kind %q", o.Frames.Lexicon().Name, o.Frames.Lexicon().Kind, lexicons.KindCategories)
	}
	if o.Labels != nil && o.Labels.Lexicon().Kind != lexicons.KindLabels {
		return o, fmt.Errorf("lexicon %q is of kind %q: labels need a lexicon of kind %q", o.Labels.Lexicon().Name, o.Labels.Lexicon().Kind, lexicons.KindLabels)
	}
	return o, nil
}

func unitScore(x float64) bool { return x > 0 && x <= 1 }

// EventCollector gathers what event detection needs as documents are
// processed; its Visit method plugs into Options.Visit and is safe for
// concurrent use. Once every document has been visited, call Result — or
// first NeedsTexts, and when it is true run a second pass with VisitTexts.
// The result does not depend on the order of the visits nor on the number
// of workers: documents are ordered by Doc.Index and every tie is broken by
// content.
//
// Memory during the pass: per document its kept features (4 bytes each,
// at most MaxFeatures), its title, id and date; a dictionary of every
// distinct feature with its document frequency (dropped when the pass
// ends); the passages of lexicon events (texts only for the first
// MaxPassages per event × group); and the cleaned texts while they fit
// TextBudget.
type EventCollector struct {
	opt    EventOptions
	stop   *lexicons.StopWords
	events []lexEvent       // the lexicon's events, in file order
	evKey  map[string]int32 // event id → index in events
	frames *lexKeys         // nil without Frames
	labels *lexKeys         // nil without Labels
	dict   featDict         // every feature seen, with its df
	pool   sync.Pool        // *eventScratch
	vader  func(string) float64

	gmu        sync.Mutex
	groupNames map[string]internedGroup

	mu           sync.Mutex
	docs         []*eventDoc
	groupSents   map[string]int64
	groupDocs    map[string]int
	passages     []lexPassage
	kept         map[passageKey]*passageHeap
	texts        map[int]*docText // by Doc.Index
	textBytes    int64
	textsDropped bool
	frozen       atomic.Bool         // the pass is over
	art          *eventArticles      // after the pass: the article level
	result       *EventResult        // once complete
	storyDocs    map[int32]*storyDoc // by position: what each story document contributes
	storyLeft    []int32             // per story: its documents VisitTexts has yet to read
	storyOuts    []*storyOut         // per story: its figures, once VisitTexts has read all its documents
}

// lexEvent is an event of the lexicon, with its dates as day numbers.
type lexEvent struct {
	ev     *lexicons.Event
	ranges [][2]int32 // inclusive day numbers
	days   int64      // Σ range lengths
}

// lexKeys are the keys of a categories or labels lexicon, in file order.
type lexKeys struct {
	m     *lexmatch.Matcher
	names []string
	index map[string]int32
}

func newLexKeys(m *lexmatch.Matcher) *lexKeys {
	if m == nil {
		return nil
	}
	k := &lexKeys{m: m, names: lexmatch.Keys(m.Lexicon()), index: map[string]int32{}}
	for i, n := range k.names {
		k.index[n] = int32(i)
	}
	return k
}

// keyCount is a count of one lexicon key (index into lexKeys.names).
type keyCount struct {
	key int32
	n   int32
}

// count appends the hits of the lexicon on toks, one entry per key.
func (k *lexKeys) count(toks []segment.Token, hits []lexmatch.Hit, dst []keyCount) ([]keyCount, []lexmatch.Hit) {
	if k == nil {
		return dst, hits
	}
	hits = k.m.AppendMatches(hits[:0], toks)
	for _, h := range hits {
		id := k.index[lexmatch.Key(h.Entry)]
		found := false
		for i := range dst {
			if dst[i].key == id {
				dst[i].n++
				found = true
				break
			}
		}
		if !found {
			dst = append(dst, keyCount{id, 1})
		}
	}
	return dst, hits
}

// eventDoc is what the collector keeps of one document.
type eventDoc struct {
	index                  int
	id, group, title, date string
	day                    int32 // days since 1970-01-01, when dated
	dated                  bool
	sentences              int32
	feats                  []uint32 // dictionary ids; ranks once frozen
}

// docText is a document's cleaned text and sentences.
type docText struct {
	text  string
	spans []segment.Span
}

// lexPassage is a sentence placed in an event of the lexicon.
type lexPassage struct {
	event        int32
	doc          int
	docID, group string
	sentence     int32 // 1-based
	tone         float64
	words        bool // the sentence has a letter or digit (tone counts it)
	frames       []keyCount
	labels       []keyCount
	text, cue    string // text is "" unless among the first MaxPassages
}

type passageKey struct {
	event int32
	group string
}

// NewEventCollector checks the options and the lexicons.
func NewEventCollector(opt EventOptions) (*EventCollector, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &EventCollector{
		opt:        opt,
		stop:       opt.StopWords,
		evKey:      map[string]int32{},
		frames:     newLexKeys(opt.Frames),
		labels:     newLexKeys(opt.Labels),
		groupSents: map[string]int64{},
		groupDocs:  map[string]int{},
		groupNames: map[string]internedGroup{},
		kept:       map[passageKey]*passageHeap{},
		texts:      map[int]*docText{},
		storyDocs:  map[int32]*storyDoc{},
		vader:      func(s string) float64 { return tone.VADER(s).Compound },
	}
	if c.stop == nil {
		if c.stop, err = lexicons.LoadStopWords("en"); err != nil {
			return nil, err
		}
	}
	if opt.Lexicon != nil {
		lx := opt.Lexicon.Lexicon()
		for i := range lx.Events {
			e := &lx.Events[i]
			le := lexEvent{ev: e}
			for _, r := range e.Dates {
				from, to := dayOf(r.From.Year(), int(r.From.Month()), r.From.Day()), dayOf(r.To.Year(), int(r.To.Month()), r.To.Day())
				le.ranges = append(le.ranges, [2]int32{from, to})
				le.days += int64(to-from) + 1
			}
			c.evKey[e.ID] = int32(len(c.events))
			c.events = append(c.events, le)
		}
		for i := range lx.Entries {
			if _, ok := c.evKey[lx.Entries[i].Key]; !ok {
				return nil, fmt.Errorf("events lexicon %q: entry %q names event %q, which has no definition", lx.Name, lx.Entries[i].Pattern, lx.Entries[i].Key)
			}
		}
	}
	c.dict.init()
	c.pool.New = func() any { return &eventScratch{feats: map[string]int32{}} }
	return c, nil
}

// eventScratch holds one Visit call's buffers.
type eventScratch struct {
	toks    []segment.Token
	ments   []dateMention
	covered []bool
	feats   map[string]int32 // feature key → index in stats
	stats   []featStat
	key     []byte
	hits    []lexmatch.Hit
	evs     []int32
	order   []int32
}

// featStat is a feature of the current document.
type featStat struct {
	key   string
	count int32
	title bool // found in the title
	lede  bool // found in the first three sentences
	kind  byte
	kept  bool // among the document's MaxFeatures
	hash  uint64
	id    uint32
}

// Visit reads one processed document. Safe for concurrent use.
func (c *EventCollector) Visit(p *segment.Processed) {
	if c.frozen.Load() {
		panic("events: Visit after Result, NeedsTexts or VisitTexts")
	}
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
	var passages []lexPassage
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
			passages = c.lexiconPassages(passages, sc, d, sent, si)
		}
	}
	sc.toks = own
	kept := c.selectFeatures(sc)
	for _, k := range kept {
		sc.stats[k].kept = true
	}
	_, gid := c.internGroup(d.Group)
	c.dict.add(sc.stats, gid)
	ids := make([]uint32, len(kept))
	for i, k := range kept {
		ids[i] = sc.stats[k].id
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	group, _ := c.internGroup(d.Group)
	ed := &eventDoc{index: d.Index, id: strings.Clone(d.ID), group: group, title: strings.Clone(segment.OneLine(d.Title)),
		date: strings.Clone(d.Date), sentences: int32(len(p.Sentences)), feats: ids}
	if dd.day > 0 {
		ed.day, ed.dated = dayOf(dd.year, dd.month, dd.day), true
	}
	c.docs = append(c.docs, ed)
	c.groupSents[group] += int64(len(p.Sentences))
	c.groupDocs[group]++
	for i := range passages {
		passages[i].group, passages[i].docID = group, ed.id
		c.addPassage(passages[i])
	}
	if !c.textsDropped {
		c.textBytes += int64(len(p.Text))
		if c.opt.TextBudget >= 0 && c.textBytes > c.opt.TextBudget {
			c.textsDropped = true
			c.texts = map[int]*docText{}
		} else {
			c.texts[d.Index] = &docText{text: strings.Clone(p.Text), spans: slices.Clone(p.Sentences)}
		}
	}
}

// internGroup returns the collector's copy of a group name and its number
// (in order of first visit: only compared for equality).
func (c *EventCollector) internGroup(g string) (string, int32) {
	c.gmu.Lock()
	defer c.gmu.Unlock()
	gr, ok := c.groupNames[g]
	if !ok {
		gr = internedGroup{strings.Clone(g), int32(len(c.groupNames))}
		c.groupNames[gr.name] = gr
	}
	return gr.name, gr.id
}

type internedGroup struct {
	name string
	id   int32
}

// add counts one occurrence of a feature; si is the sentence (-1: title).
func (sc *eventScratch) add(key []byte, kind byte, si int) {
	i, ok := sc.feats[string(key)]
	if !ok {
		k := string(key)
		i = int32(len(sc.stats))
		sc.feats[k] = i
		sc.stats = append(sc.stats, featStat{key: k, kind: kind, hash: fnv64(k)})
	}
	f := &sc.stats[i]
	f.count++
	if si < 0 {
		f.title = true
	} else if si < 3 {
		f.lede = true
	}
}

// Feature kinds: the first byte of a feature's key.
const (
	featWord   = 'w' // a content word
	featName   = 'n' // the last two words of a run of capitalised words
	featNumber = '#' // a number of two or more digits, not a year
	featDate   = 'd' // a day mentioned in the text, as YYYY-MM-DD
)

// features calls emit with the key of every feature of one sentence (see
// docs/events.md): content words, names, numbers and mentioned days. The
// date mentions of the sentence are in sc.ments.
func (c *EventCollector) features(sc *eventScratch, text string, emit func(key []byte, kind byte)) {
	toks := sc.toks
	if cap(sc.covered) < len(toks) {
		sc.covered = make([]bool, len(toks))
	}
	covered := sc.covered[:len(toks)]
	clear(covered)
	for _, m := range sc.ments {
		for k := m.start; k < m.end; k++ {
			covered[k] = true
		}
		if m.prec == precDay {
			sc.key = append(append(sc.key[:0], featDate), isoDay(m.from)...)
			emit(sc.key, featDate)
		}
	}
	run := 0                // capitalised words in a row, ending at the previous token
	endRun := func(i int) { // the run ends before token i
		if run >= 2 {
			a, b := &toks[i-2], &toks[i-1]
			sc.key = append(append(append(append(sc.key[:0], featName), a.Norm...), ' '), b.Norm...)
			emit(sc.key, featName)
		}
		run = 0
	}
	for i := range toks {
		t := &toks[i]
		nameOK := false
		if !covered[i] {
			switch t.Kind {
			case segment.TokWord:
				if !c.stop.Contains(t.Norm) && !isCalendarWord(t.Norm) {
					if len(t.Norm) >= 3 {
						sc.key = append(append(sc.key[:0], featWord), t.Norm...)
						emit(sc.key, featWord)
					}
					nameOK = startsUpper(text, t.Span.Start)
				}
			case segment.TokNumber:
				if isFeatureNumber(t.Norm) {
					sc.key = append(append(sc.key[:0], featNumber), t.Norm...)
					emit(sc.key, featNumber)
				}
			}
		}
		if run > 0 && (!nameOK || !spaceBetween(text, toks[i-1].Span, t.Span)) {
			endRun(i)
		}
		if nameOK {
			run++
		}
	}
	endRun(len(toks))
}

// startsUpper reports whether the character at text[i] is an upper-case
// letter.
func startsUpper(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}

// isFeatureNumber reports whether a number token is a feature: two or more
// digits, not a year (four digits from 1900 to 2099).
func isFeatureNumber(norm string) bool {
	digits := 0
	for i := 0; i < len(norm); i++ {
		if norm[i] >= '0' && norm[i] <= '9' {
			digits++
		}
	}
	if digits < 2 {
		return false
	}
	if len(norm) == 4 && digits == 4 {
		y, _ := strconv.Atoi(norm)
		return y < 1900 || y > 2099
	}
	return true
}

// selectFeatures returns the indices (into sc.stats) of the features the
// document keeps: the MaxFeatures most salient, salience being the count in
// the document + 3 if in the title + 2 if in the first three sentences + 2
// for a name, number or date; ties by a hash of the key.
func (c *EventCollector) selectFeatures(sc *eventScratch) []int32 {
	sc.order = sc.order[:0]
	for i := range sc.stats {
		sc.order = append(sc.order, int32(i))
	}
	if len(sc.order) <= c.opt.MaxFeatures {
		return sc.order
	}
	sal := func(f *featStat) int32 {
		s := f.count
		if f.title {
			s += 3
		}
		if f.lede {
			s += 2
		}
		if f.kind != featWord {
			s += 2
		}
		return s
	}
	slices.SortFunc(sc.order, func(a, b int32) int {
		fa, fb := &sc.stats[a], &sc.stats[b]
		if c := cmp.Compare(sal(fb), sal(fa)); c != 0 {
			return c
		}
		if c := cmp.Compare(fa.hash, fb.hash); c != 0 {
			return c
		}
		return strings.Compare(fa.key, fb.key)
	})
	return sc.order[:c.opt.MaxFeatures]
}

// fnv64 is the 64-bit FNV-1a hash of s.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// ---------------------------------------------------------------------------
// The feature dictionary

const dictShardBits = 5
const dictShards = 1 << dictShardBits

// featDict counts, for every feature seen, the documents holding it and
// whether they belong to one group or more. Features are known by the
// 64-bit FNV-1a hash of their key (two keys with one hash would count as
// one feature: with a million features the chance that any two collide is
// about 3·10⁻⁸); the key itself is kept only for features some document
// keeps, which are the ones ever shown. The dictionary is sharded by hash so
// that workers rarely wait for each other. An id is local<<dictShardBits |
// shard and depends on the order of the visits; ranks (assigned by freeze,
// in hash order) do not. Memory: about 40 bytes per feature, plus the keys
// kept.
type featDict struct {
	shards [dictShards]dictShard
}

type dictShard struct {
	mu    sync.Mutex
	ids   map[uint64]uint32 // hash → local index
	hash  []uint64
	df    []int32
	group []int32           // the group of the documents, or multiGroup
	keys  map[uint32]string // local index → key, for features some document kept
}

// multiGroup marks a feature found in documents of two groups or more.
const multiGroup = -1

func (d *featDict) init() {
	for i := range d.shards {
		d.shards[i].ids = map[uint64]uint32{}
		d.shards[i].keys = map[uint32]string{}
	}
}

// add counts one document of group gid for each of its distinct features,
// keeps the keys of its kept features and sets their ids.
func (d *featDict) add(stats []featStat, gid int32) {
	var byShard [dictShards][]int32
	for i := range stats {
		s := stats[i].hash & (dictShards - 1)
		byShard[s] = append(byShard[s], int32(i))
	}
	for s := range byShard {
		if len(byShard[s]) == 0 {
			continue
		}
		sh := &d.shards[s]
		sh.mu.Lock()
		for _, i := range byShard[s] {
			f := &stats[i]
			local, ok := sh.ids[f.hash]
			if !ok {
				local = uint32(len(sh.hash))
				sh.ids[f.hash] = local
				sh.hash = append(sh.hash, f.hash)
				sh.df = append(sh.df, 0)
				sh.group = append(sh.group, gid)
			} else if sh.group[local] != gid {
				sh.group[local] = multiGroup
			}
			sh.df[local]++
			if f.kept {
				if _, ok := sh.keys[local]; !ok {
					sh.keys[local] = f.key
				}
			}
			f.id = local<<dictShardBits | uint32(s)
		}
		sh.mu.Unlock()
	}
}

// ---------------------------------------------------------------------------
// Lexicon passages

// lexiconPassages appends the passages of one sentence: one per event whose
// cue it matches or whose dates contain a day it mentions.
func (c *EventCollector) lexiconPassages(dst []lexPassage, sc *eventScratch, d *corpus.Document, sent string, si int) []lexPassage {
	sc.hits = c.opt.Lexicon.AppendMatches(sc.hits[:0], sc.toks)
	sc.evs = sc.evs[:0]
	var cues []string
	for _, h := range sc.hits {
		ev := c.evKey[h.Entry.Key]
		cue := fmt.Sprintf("%s: cue %q", h.Entry.Key, sent[sc.toks[h.Start].Span.Start:sc.toks[h.End-1].Span.End])
		sc.evs, cues = addEventCue(sc.evs, cues, ev, cue)
	}
	for _, m := range sc.ments {
		ev := c.dateEvent(m.from, m.to)
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
		base.tone = c.vader(text)
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
// and a tie between several is ambiguous: no event.
func (c *EventCollector) dateEvent(from, to int32) int32 {
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
		if overlap == 0 || 2*overlap < min(e.days, period) {
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

// addPassage files a lexicon passage, keeping its text only while it is
// among the first MaxPassages of its event × group. Called under c.mu.
func (c *EventCollector) addPassage(p lexPassage) {
	idx := int32(len(c.passages))
	c.passages = append(c.passages, p)
	if c.opt.MaxPassages < 0 {
		return
	}
	k := passageKey{p.event, p.group}
	h := c.kept[k]
	if h == nil {
		h = &passageHeap{ps: &c.passages}
		c.kept[k] = h
	}
	heap.Push(h, idx)
	if h.Len() > c.opt.MaxPassages {
		drop := heap.Pop(h).(int32)
		c.passages[drop].text, c.passages[drop].cue = "", ""
	}
}

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

// ---------------------------------------------------------------------------
// Dates

// docDate is a document's date as far as it is known; 0 means unknown.
type docDate struct{ year, month, day int }

// parseDocDate reads the ISO 8601 prefix of a document's date: YYYY-MM-DD,
// YYYY-MM or YYYY. Anything else is unknown.
func parseDocDate(s string) docDate {
	s = strings.TrimSpace(s)
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = 10*n + int(s[i]-'0')
		}
		return n, len(s) > 0
	}
	var d docDate
	if len(s) < 4 || (len(s) > 4 && s[4] != '-') {
		return d
	}
	y, ok := num(s[:4])
	if !ok {
		return d
	}
	d.year = y
	if len(s) < 7 || (len(s) > 7 && s[7] != '-') {
		return d
	}
	m, ok := num(s[5:7])
	if !ok || m < 1 || m > 12 {
		return d
	}
	d.month = m
	if len(s) < 10 || (len(s) > 10 && s[10] >= '0' && s[10] <= '9') {
		return d
	}
	day, ok := num(s[8:10])
	if !ok || !validDay(y, m, day) {
		return d
	}
	d.day = day
	return d
}

// noDay marks an undated item for averageLink.
const noDay = math.MinInt32

// dayOf is the number of days from 1970-01-01 to the given date (proleptic
// Gregorian, as the time package counts; the date must be valid).
func dayOf(y, m, d int) int32 {
	return int32(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

const secondsPerDay = 24 * 60 * 60

// dateOf is the date of a day number, the inverse of dayOf.
func dateOf(z int32) time.Time { return time.Unix(int64(z)*secondsPerDay, 0).UTC() }

// isoDay formats a day number as YYYY-MM-DD.
func isoDay(z int32) string { return dateOf(z).Format(time.DateOnly) }

// daysIn is the number of days in month m of year y.
func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

func validDay(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) }

// Precision of a date mention.
const (
	precDay   = 1
	precMonth = 2
	precYear  = 3
)

// dateMention is a date found in a sentence: the period it names, as
// inclusive day numbers, and its tokens.
type dateMention struct {
	from, to   int32
	prec       uint8
	start, end int // tokens [start, end)
}

// String is the period in ISO form: 2023-09-19, 2023-09 or 2023.
func (m dateMention) String() string {
	s := isoDay(m.from)
	switch m.prec {
	case precMonth:
		return s[:7]
	case precYear:
		return s[:4]
	}
	return s
}

var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdayNames = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

// yearOnlyWords are the words before a year that make it a mention of that
// year: "in 2020", "during 1993", "throughout 2022", "of 1994".
var yearOnlyWords = map[string]bool{"in": true, "during": true, "throughout": true, "of": true}

// isCalendarWord reports whether a word names a month or a weekday: such
// words are no features (dates are, once read as dates).
func isCalendarWord(w string) bool {
	_, month := monthNames[w]
	return month || weekdayNames[w]
}

// findDateMentions appends the date mentions of one sentence (see
// docs/events.md for the forms read). A day or month given without a year
// takes the document's year (see inferYear); without a document year it is
// skipped.
func findDateMentions(text string, toks []segment.Token, dd docDate, dst []dateMention) []dateMention {
	for i := 0; i < len(toks); {
		if m, ok := mentionAt(text, toks, i, dd); ok {
			dst = append(dst, m)
			i = m.end
			continue
		}
		i++
	}
	return dst
}

// gapOK reports whether the text between two tokens is one of the allowed
// separators: white space alone (" "), or the given punctuation followed
// by white space or directly by the next token ("-"), with "." also for
// "Sept. 19".
func gapOK(text string, a, b *segment.Token, punct string) bool {
	g := text[a.Span.End:b.Span.Start]
	if punct != "" && strings.HasPrefix(g, punct) {
		g = g[len(punct):]
		if punct == "-" {
			return g == ""
		}
	} else if g == "" {
		return false
	}
	return strings.TrimSpace(g) == ""
}

// yearTok reads a token as a year: four digits from 1900 to 2100, written
// as such (not "2,000").
func yearTok(text string, t *segment.Token) (int, bool) {
	if t.Kind != segment.TokNumber || len(t.Norm) != 4 || text[t.Span.Start:t.Span.End] != t.Norm {
		return 0, false
	}
	y, err := strconv.Atoi(t.Norm)
	if err != nil || y < 1900 || y > 2100 {
		return 0, false
	}
	return y, true
}

// dayTok reads a token as a day of the month: 1 to 31, also "19th", "1st".
func dayTok(t *segment.Token) int {
	s := t.Norm
	if t.Kind == segment.TokWord {
		switch {
		case strings.HasSuffix(s, "st"), strings.HasSuffix(s, "nd"), strings.HasSuffix(s, "rd"), strings.HasSuffix(s, "th"):
			s = s[:len(s)-2]
		default:
			return 0
		}
	} else if t.Kind != segment.TokNumber {
		return 0
	}
	if len(s) == 0 || len(s) > 2 {
		return 0
	}
	d := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
		d = 10*d + int(s[i]-'0')
	}
	if d < 1 || d > 31 {
		return 0
	}
	return d
}

// monthTok reads a token as a month name, which must be capitalised in the
// text ("may" and "march" are also verbs).
func monthTok(text string, t *segment.Token) int {
	if t.Kind != segment.TokWord {
		return 0
	}
	m := monthNames[t.Norm]
	if m == 0 || text[t.Span.Start] < 'A' || text[t.Span.Start] > 'Z' {
		return 0
	}
	return m
}

// inferYear gives a day without a year the document's year; when the
// document's month is known and the day would fall more than 60 days after
// the end of that month, the year before (a January article on "December
// 28"). 0 when the document has no year.
func inferYear(dd docDate, m, d int) int {
	if dd.year == 0 {
		return 0
	}
	y := dd.year
	if dd.month > 0 && validDay(y, m, d) {
		end := dayOf(y, dd.month, daysIn(y, dd.month))
		if dayOf(y, m, d) > end+60 {
			y--
		}
	}
	return y
}

// mentionAt reads a date mention beginning at token i.
func mentionAt(text string, toks []segment.Token, i int, dd docDate) (dateMention, bool) {
	t := &toks[i]
	day := func(y, m, d, end int) (dateMention, bool) {
		if y == 0 || !validDay(y, m, d) {
			return dateMention{}, false
		}
		z := dayOf(y, m, d)
		return dateMention{from: z, to: z, prec: precDay, start: i, end: end}, true
	}
	next := func(k int) *segment.Token {
		if i+k < len(toks) {
			return &toks[i+k]
		}
		return nil
	}
	if y, ok := yearTok(text, t); ok {
		// 2023-09-19
		if a, b := next(1), next(2); b != nil && gapOK(text, t, a, "-") && gapOK(text, a, b, "-") &&
			a.Kind == segment.TokNumber && len(a.Norm) == 2 && b.Kind == segment.TokNumber && len(b.Norm) == 2 {
			m, _ := strconv.Atoi(a.Norm)
			d, _ := strconv.Atoi(b.Norm)
			return day(y, m, d, i+3)
		}
		// in 2020
		if i > 0 && yearOnlyWords[toks[i-1].Norm] && gapOK(text, &toks[i-1], t, "") {
			from, to := dayOf(y, 1, 1), dayOf(y, 12, 31)
			return dateMention{from: from, to: to, prec: precYear, start: i, end: i + 1}, true
		}
		return dateMention{}, false
	}
	if m := monthTok(text, t); m > 0 {
		n := next(1)
		if n == nil {
			return dateMention{}, false
		}
		if d := dayTok(n); d > 0 && (gapOK(text, t, n, "") || gapOK(text, t, n, ".")) {
			// September 19, 2023 · Sept. 19 2023 · September 19
			if yt := next(2); yt != nil && (gapOK(text, n, yt, "") || gapOK(text, n, yt, ",")) {
				if y, ok := yearTok(text, yt); ok {
					return day(y, m, d, i+3)
				}
			}
			return day(inferYear(dd, m, d), m, d, i+2)
		}
		// September 2023
		if y, ok := yearTok(text, n); ok && (gapOK(text, t, n, "") || gapOK(text, t, n, ",")) {
			from, to := dayOf(y, m, 1), dayOf(y, m, daysIn(y, m))
			return dateMention{from: from, to: to, prec: precMonth, start: i, end: i + 2}, true
		}
		return dateMention{}, false
	}
	if d := dayTok(t); d > 0 {
		// 19 September 2023 · 5 March
		n := next(1)
		if n == nil || !gapOK(text, t, n, "") {
			return dateMention{}, false
		}
		m := monthTok(text, n)
		if m == 0 {
			return dateMention{}, false
		}
		if yt := next(2); yt != nil && (gapOK(text, n, yt, "") || gapOK(text, n, yt, ",")) {
			if y, ok := yearTok(text, yt); ok {
				return day(y, m, d, i+3)
			}
		}
		return day(inferYear(dd, m, d), m, d, i+2)
	}
	return dateMention{}, false
}

// isDateline reports whether a sentence is nothing but a date, with
// perhaps a weekday ("Friday, September 22, 2023"): a page's dateline,
// which says when the page was printed, not what it is about.
func isDateline(toks []segment.Token, ments []dateMention) bool {
	if len(ments) == 0 {
		return false
	}
	k := 0
	for i := range toks {
		for k < len(ments) && ments[k].end <= i {
			k++
		}
		if k < len(ments) && ments[k].start <= i {
			continue
		}
		if !weekdayNames[toks[i].Norm] {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// Results

// EventInfo describes one event.
type EventInfo struct {
	ID     string
	Name   string
	Level  string // EventLevelArticle or EventLevelPassage
	Source string // EventSourceLexicon or EventSourceDiscovered
	// Story is the story a discovered passage event was found in.
	Story string
	// Features are a discovered event's most shared features, most
	// characteristic first (see docs/events.md); its Name is the first three.
	Features []string
	Dates    []lexicons.DateRange // a lexicon event's dates
	Docs     int                  // documents with at least one passage (article level: in the story)
	Groups   int
	Units    int // sentences (passages; article level: sentences of its documents)
}

// StoryArticle is one document of a story.
type StoryArticle struct {
	Event, Name       string
	Group, DocID      string
	DocIndex          int
	Title, Date       string
	Score             float64  // mean similarity to the story's other documents (0 for pairs not linked)
	Links             int      // the story's other documents linked to it
	Shared            []string // the story's features this document holds
	Sentences         int
	StoryDocs, Groups int
}

// EventPassage is one sentence of an event.
type EventPassage struct {
	Event        string
	Group, DocID string
	DocIndex     int
	Sentence     int    // 1-based, in the cleaned document
	Text         string // white space collapsed; "" when not kept
	Cue          string // what placed it in the event
	Tone         float64
	Words        bool // the sentence has a letter or digit and counts in the tone
}

// SentenceRef names a sentence: a document (Doc.Index) and its 1-based
// sentence number.
type SentenceRef struct{ DocIndex, Sentence int }

// KeyCount is a lexicon key with its hits.
type KeyCount struct {
	Key string
	N   int64
}

// EventSummary is one event's figures for one group.
type EventSummary struct {
	Event, Name, Level, Source string
	Group                      string
	Docs                       int     // the group's documents with at least one of the event's sentences
	Sentences                  int     // the event's sentences in the group: coverage
	GroupSentences             int64   // every sentence of the group's documents
	Share                      float64 // Sentences / GroupSentences
	// Tone is the mean VADER compound of the sentences with a word, with
	// its 95% bootstrap interval (n/a below 2 sentences).
	Tone   resample.Interval
	Frames []KeyCount // the two categories of the frames lexicon with most hits
	Labels []KeyCount // the three labels with most hits
	// Quotes is filled by CountQuotes; QuotesCounted says it was.
	Quotes        int
	QuotesCounted bool
	// Passages are the first MaxPassages passages with their text.
	Passages []EventPassage

	units  []SentenceRef // the sentences counted (passage level)
	ranges []docRange    // the documents counted whole (article level)
}

// docRange is a document counted whole: sentences 1 to n.
type docRange struct{ doc, n int }

// Units lists every sentence the summary's figures count, by document
// (Doc.Index) and 1-based sentence: join other per-sentence measures on
// them. For a story, every sentence of its documents.
func (s *EventSummary) Units() []SentenceRef {
	var out []SentenceRef
	s.eachUnit(func(doc, sent int) { out = append(out, SentenceRef{doc, sent}) })
	return out
}

func (s *EventSummary) eachUnit(fn func(doc, sent int)) {
	for _, u := range s.units {
		fn(u.DocIndex, u.Sentence)
	}
	for _, r := range s.ranges {
		for k := 1; k <= r.n; k++ {
			fn(r.doc, k)
		}
	}
}

// CountQuotes sets Quotes to Σ inQuote(docIndex, sentence) over the
// summary's sentences (see Units): e.g. the quotations each holds.
func (s *EventSummary) CountQuotes(inQuote func(docIndex, sentence int) int) {
	s.Quotes = 0
	s.eachUnit(func(doc, sent int) { s.Quotes += inQuote(doc, sent) })
	s.QuotesCounted = true
}

// EventStats records the work done, for the notes and docs/events.md.
type EventStats struct {
	Docs, Dated       int
	Features          int   // distinct features in the corpus
	KeptFeatures      int64 // Σ features kept per document
	RareCap           int   // the largest df of a rare feature
	RareFeatures      int   // distinct kept features with 2 ≤ df ≤ RareCap
	SumDF2            int64 // Σ df² over rare features: the bound of Postings
	Postings          int64 // posting entries visited to find candidate pairs
	Candidates        int64 // pairs of documents sharing a rare feature (within the window)
	Similar           int64 // pairs passing the link tests, before the MaxLinks bound
	MaxNeighbours     int   // the most documents one document passed the link tests with
	UndatedCapped     int   // rare features of undated documents found in more than UndatedMaxDF documents
	Edges             int   // pairs linked: Similar less those the MaxLinks bound dropped
	Stories           int
	PassageWork       int64 // sentence posting entries visited, over all stories
	PassageCandidates int64
	PassageEdges      int
	TextsDropped      bool // the texts exceeded TextBudget during the pass
}

// EventResult is everything event detection found.
type EventResult struct {
	Events    []EventInfo    // lexicon events, then stories, then discovered passage events
	Articles  []StoryArticle // the documents of every story, by story then document
	Passages  []EventPassage // passage-level events' kept passages, by event, document, sentence
	Summaries []EventSummary // per event × group, events in Events order, groups by name
	Groups    []string       // every group, sorted
	Stats     EventStats
	Options   EventOptions // the effective options
	// NeedTexts says that the texts of the stories' documents were not
	// kept (TextBudget): story tone, frames, labels, passages and the
	// discovered passage events are missing. Run a second pass with
	// VisitTexts, then call Result again.
	NeedTexts bool
}

// CountQuotes fills every summary's Quotes (see EventSummary.CountQuotes).
func (r *EventResult) CountQuotes(inQuote func(docIndex, sentence int) int) {
	for i := range r.Summaries {
		r.Summaries[i].CountQuotes(inQuote)
	}
}

// Summary returns the summary of an event × group, or nil.
func (r *EventResult) Summary(event, group string) *EventSummary {
	for i := range r.Summaries {
		if r.Summaries[i].Event == event && r.Summaries[i].Group == group {
			return &r.Summaries[i]
		}
	}
	return nil
}

// Event returns the event with the given id, or nil.
func (r *EventResult) Event(id string) *EventInfo {
	for i := range r.Events {
		if r.Events[i].ID == id {
			return &r.Events[i]
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// The article level

// eventArticles is the article level, computed once after the pass.
type eventArticles struct {
	docs    []*eventDoc // by Doc.Index
	pos     map[int]int32
	nfeat   int              // features in the dictionary
	hash    []uint64         // by rank: the feature's hash, ascending
	keys    map[int32]string // by rank: the key of every feature some document kept
	df      []int32          // by rank
	multi   []bool           // by rank: documents of at least two groups hold it
	idfTab  []float64        // by document frequency, up to cap: ln((1+D)/(1+df)) + 1
	rankOf  [dictShards][]uint32
	cap     int
	rare    [][]int32 // per document: its rare features' ranks, ascending
	norm    []float64 // per document: ‖rare feature vector‖
	gid     []int32   // per document: its group, numbered by name
	edges   []simEdge
	stories []*story
	inStory []int32 // per document: its story's index, or -1
	stats   EventStats
}

// story is a reported cluster of documents.
type story struct {
	id       string
	docs     []int32 // positions, ascending
	features []int32 // ranks, most characteristic first (at most 10)
	name     string
	groups   int
	score    []float64 // per document: mean similarity to the others
	links    []int
}

// simEdge links two items with their similarity and shared features.
type simEdge struct {
	a, b   int32
	sim    float64
	shared int32
}

func (c *EventCollector) workers() int {
	if c.opt.Workers > 0 {
		return c.opt.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// rankOfID converts a dictionary id to its rank.
func (a *eventArticles) rankOfID(id uint32) int32 {
	return int32(a.rankOf[id&(dictShards-1)][id>>dictShardBits])
}

// isRare reports whether a feature finds candidates and enters scores:
// found in 2 to cap documents, of at least two groups (a feature of one
// group only is the outlet's style — "Mr Trump", a reporter's sign-off —
// and could only link an outlet's articles with each other).
func (a *eventArticles) isRare(r int32) bool {
	return a.df[r] >= 2 && int(a.df[r]) <= a.cap && a.multi[r]
}

// rankOfHash finds the rank of a feature's hash by interpolation search:
// the hashes are uniform, so a few probes suffice.
func (a *eventArticles) rankOfHash(h uint64) (int32, bool) {
	lo, hi := 0, len(a.hash)-1
	for probes := 0; lo <= hi; probes++ {
		if h < a.hash[lo] || h > a.hash[hi] {
			return 0, false
		}
		mid := lo + (hi-lo)/2
		if probes < 4 && a.hash[hi] > a.hash[lo] {
			f := float64(h-a.hash[lo]) / float64(a.hash[hi]-a.hash[lo])
			mid = lo + min(int(f*float64(hi-lo)), hi-lo)
		}
		switch {
		case a.hash[mid] < h:
			lo = mid + 1
		case a.hash[mid] > h:
			hi = mid - 1
		default:
			return int32(mid), true
		}
	}
	return 0, false
}

// idf is a rare feature's weight.
func (a *eventArticles) idf(r int32) float64 { return a.idfTab[a.df[r]] }

// freeze computes the article level. Called under c.mu, once.
func (c *EventCollector) freeze() {
	a := &eventArticles{pos: map[int]int32{}}
	c.art = a
	c.frozen.Store(true)
	a.docs = c.docs
	sort.Slice(a.docs, func(i, j int) bool { return a.docs[i].index < a.docs[j].index })
	for i, d := range a.docs {
		a.pos[d.index] = int32(i)
	}
	D := len(a.docs)
	gids := map[string]int32{}
	for _, g := range slices.Sorted(maps.Keys(c.groupDocs)) {
		gids[g] = int32(len(gids))
	}
	a.gid = make([]int32, D)
	for i, d := range a.docs {
		a.gid[i] = gids[d.group]
	}
	st := &a.stats
	st.Docs = D
	st.TextsDropped = c.textsDropped

	// Ranks: every feature in hash order.
	type ref struct {
		hash  uint64
		shard int
		local uint32
	}
	var all []ref
	for sh := range c.dict.shards {
		d := &c.dict.shards[sh]
		a.rankOf[sh] = make([]uint32, len(d.hash))
		for l, h := range d.hash {
			all = append(all, ref{h, sh, uint32(l)})
		}
	}
	slices.SortFunc(all, func(x, y ref) int { return cmp.Compare(x.hash, y.hash) })
	a.nfeat = len(all)
	a.hash = make([]uint64, len(all))
	a.keys = map[int32]string{}
	a.df = make([]int32, len(all))
	a.multi = make([]bool, len(all))
	for r, f := range all {
		d := &c.dict.shards[f.shard]
		a.rankOf[f.shard][f.local] = uint32(r)
		a.hash[r] = f.hash
		a.df[r] = d.df[f.local]
		a.multi[r] = d.group[f.local] == multiGroup
		if k, ok := d.keys[f.local]; ok {
			a.keys[int32(r)] = k
		}
	}
	st.Features = len(all)
	a.cap = rareCap(D, c.opt.RareFraction, c.opt.MaxRareDF)
	a.idfTab = make([]float64, max(a.cap, 0)+1)
	for df := range a.idfTab {
		a.idfTab[df] = math.Log(float64(1+D)/float64(1+df)) + 1
	}
	st.RareCap = a.cap

	// Each document's rare features, as ranks.
	a.rare = make([][]int32, D)
	a.norm = make([]float64, D)
	rareSeen := map[int32]bool{}
	for i, d := range a.docs {
		for k, id := range d.feats {
			d.feats[k] = uint32(a.rankOfID(id))
		}
		slices.Sort(d.feats)
		st.KeptFeatures += int64(len(d.feats))
		var rare []int32
		var n2 float64
		for _, r := range d.feats {
			if a.isRare(int32(r)) {
				rare = append(rare, int32(r))
				n2 += a.idf(int32(r)) * a.idf(int32(r))
				rareSeen[int32(r)] = true
			}
		}
		a.rare[i], a.norm[i] = rare, math.Sqrt(n2)
		if d.dated {
			st.Dated++
		}
	}
	st.RareFeatures = len(rareSeen)
	// The dictionary has served: ranks, hashes and keys are all that is
	// needed from now on.
	c.dict = featDict{}
	a.rankOf = [dictShards][]uint32{}
	a.edges = c.linkDocuments(a)
	st.Edges = len(a.edges)
	c.buildStories(a)
	st.Stories = len(a.stories)
}

// rareCap is the largest document frequency of a rare feature:
// max(2, ⌊fraction·D⌋), at most maxDF (when positive), and never more than
// a quarter of the documents — in a corpus of fewer than 8 documents no
// feature is rare and no story is found, since two documents of five
// sharing a word says nothing.
func rareCap(D int, fraction float64, maxDF int) int {
	c := max(2, int(math.Floor(fraction*float64(D))))
	if maxDF > 0 {
		c = max(2, min(c, maxDF))
	}
	return min(c, D/4)
}

// linkDocuments finds the linked pairs of documents through an inverted
// index of rare features: document i meets document j only if they share
// one, and, when both are dated, only if their dates are within the
// window. The work is Σ over documents and their rare features of the
// postings read, at most Σ_f df_f² (docs/events.md).
func (c *EventCollector) linkDocuments(a *eventArticles) []simEdge {
	D := len(a.docs)
	nr := a.nfeat
	// Postings, CSR by rank; dated documents first by (day, position), then
	// undated ones by position.
	start := make([]int64, nr+1)
	for _, rare := range a.rare {
		for _, r := range rare {
			start[r+1]++
		}
	}
	for r := 0; r < nr; r++ {
		start[r+1] += start[r]
	}
	for r := 0; r < nr; r++ {
		if n := start[r+1] - start[r]; n > 0 {
			a.stats.SumDF2 += n * n
		}
	}
	order := make([]int32, D)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		dx, dy := a.docs[x], a.docs[y]
		if dx.dated != dy.dated {
			if dx.dated {
				return -1
			}
			return 1
		}
		if dx.dated && dx.day != dy.day {
			return cmp.Compare(dx.day, dy.day)
		}
		return cmp.Compare(x, y)
	})
	pdoc := make([]int32, start[nr])
	fill := slices.Clone(start[:nr])
	dated := make([]int64, nr) // per rank: dated entries
	for _, i := range order {
		for _, r := range a.rare[i] {
			pdoc[fill[r]] = i
			fill[r]++
			if a.docs[i].dated {
				dated[r]++
			}
		}
	}
	window := int32(c.opt.Window)
	K, U := c.opt.MaxLinks, int64(c.opt.UndatedMaxDF)
	if U >= 0 {
		for r := range nr {
			if start[r+1]-start[r] > U && start[r+1]-start[r] > dated[r] {
				a.stats.UndatedCapped++
			}
		}
	}

	// Each document's neighbours: its K most similar linked documents, by
	// position.
	nbrs := make([][]neighbour, D)
	var mu sync.Mutex
	var work, cands, similar int64
	maxNbrs := 0
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for range c.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared := make([]int32, D)
			var touched []int32
			var es []neighbour
			var myWork, myCands, mySimilar int64
			myMax := 0
			for i := range next {
				di := a.docs[i]
				touched = touched[:0]
				visit := func(lo, hi int64) {
					myWork += hi - lo
					for _, j := range pdoc[lo:hi] {
						if int(j) == i || a.gid[j] == a.gid[i] {
							continue
						}
						if shared[j] == 0 {
							touched = append(touched, j)
						}
						shared[j]++
					}
				}
				// skipped: i's rare features too frequent to find a pair
				// with an undated document.
				skipped := int32(0)
				for _, r := range a.rare[i] {
					lo, hi := start[r], start[r+1]
					mid := lo + dated[r]
					wide := U < 0 || hi-lo <= U
					if !wide {
						skipped++
					}
					switch {
					case di.dated && window >= 0:
						from := lo + int64(sort.Search(int(mid-lo), func(k int) bool { return a.docs[pdoc[lo+int64(k)]].day >= di.day-window }))
						to := lo + int64(sort.Search(int(mid-lo), func(k int) bool { return a.docs[pdoc[lo+int64(k)]].day > di.day+window }))
						visit(from, to)
					case di.dated:
						visit(lo, mid)
					}
					if wide {
						if di.dated {
							visit(mid, hi)
						} else {
							visit(lo, hi)
						}
					}
				}
				slices.Sort(touched)
				es = es[:0]
				for _, j := range touched {
					if int(j) > i {
						myCands++
					}
					need := int32(c.opt.MinShared)
					if !di.dated || !a.docs[j].dated {
						need -= skipped // those may be shared too
					}
					if shared[j] >= need {
						n, d := sharedRanks(a.rare[i], a.rare[j], a)
						if sim := d / (a.norm[i] * a.norm[j]); n >= c.opt.MinShared && sim >= c.opt.MinScore {
							es = append(es, neighbour{j, int32(n), min(sim, 1)})
							if int(j) > i {
								mySimilar++
							}
						}
					}
					shared[j] = 0
				}
				myMax = max(myMax, len(es))
				if K >= 0 && len(es) > K {
					slices.SortFunc(es, func(x, y neighbour) int {
						if x.sim != y.sim {
							return cmp.Compare(y.sim, x.sim)
						}
						return cmp.Compare(x.j, y.j)
					})
					es = es[:K]
					slices.SortFunc(es, func(x, y neighbour) int { return cmp.Compare(x.j, y.j) })
				}
				nbrs[i] = slices.Clone(es)
			}
			mu.Lock()
			work += myWork
			cands += myCands
			similar += mySimilar
			maxNbrs = max(maxNbrs, myMax)
			mu.Unlock()
		}()
	}
	for i := range D {
		next <- i
	}
	close(next)
	wg.Wait()
	a.stats.Postings, a.stats.Candidates, a.stats.Similar, a.stats.MaxNeighbours = work, cands, similar, maxNbrs
	// A link is kept when each document is among the other's neighbours.
	var edges []simEdge
	for i, es := range nbrs {
		for _, e := range es {
			if int(e.j) <= i {
				continue
			}
			if _, ok := slices.BinarySearchFunc(nbrs[e.j], int32(i), func(x neighbour, t int32) int { return cmp.Compare(x.j, t) }); ok {
				edges = append(edges, simEdge{int32(i), e.j, e.sim, e.shared})
			}
		}
	}
	return edges
}

// neighbour is a document linked to another, with their similarity and
// shared rare features.
type neighbour struct {
	j      int32
	shared int32
	sim    float64
}

// sharedRanks returns how many ranks two ascending lists share and Σ idf²
// over them, summed in rank order (so the result does not depend on which
// list comes first).
func sharedRanks(x, y []int32, a *eventArticles) (n int, dot float64) {
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			w := a.idf(x[i])
			dot += w * w
			n++
			i++
			j++
		}
	}
	return n, dot
}

// buildStories clusters the linked documents and keeps the clusters of at
// least two documents from at least two groups, largest first.
func (c *EventCollector) buildStories(a *eventArticles) {
	D := len(a.docs)
	var span []int32
	if c.opt.Window >= 0 {
		span = make([]int32, D)
		for i, d := range a.docs {
			span[i] = noDay
			if d.dated {
				span[i] = d.day
			}
		}
	}
	label := averageLink(D, a.edges, linkage{c.opt.LinkScore, c.opt.MinLinked, a.gid, span, int32(c.opt.Window)})
	members := map[int32][]int32{}
	for i, l := range label {
		members[l] = append(members[l], int32(i))
	}
	var stories []*story
	for _, ms := range members {
		if len(ms) < 2 {
			continue
		}
		groups := map[string]bool{}
		for _, m := range ms {
			groups[a.docs[m].group] = true
		}
		if len(groups) < 2 {
			continue
		}
		stories = append(stories, &story{docs: ms, groups: len(groups)})
	}
	slices.SortFunc(stories, func(x, y *story) int {
		if c := cmp.Compare(len(y.docs), len(x.docs)); c != 0 {
			return c
		}
		return cmp.Compare(x.docs[0], y.docs[0])
	})
	a.inStory = make([]int32, D)
	for i := range a.inStory {
		a.inStory[i] = -1
	}
	for k, s := range stories {
		s.id = fmt.Sprintf("story-%d", k+1)
		for _, m := range s.docs {
			a.inStory[m] = int32(k)
		}
		s.features = topShared(len(s.docs), func(yield func([]int32)) {
			for _, m := range s.docs {
				yield(a.rare[m])
			}
		}, keyer{a: a}, 10)
		s.name = featureName(keyer{a: a}, s.features, 3)
		s.score = make([]float64, len(s.docs))
		s.links = make([]int, len(s.docs))
	}
	for _, e := range a.edges {
		ka, kb := a.inStory[e.a], a.inStory[e.b]
		if ka < 0 || ka != kb {
			continue
		}
		s := stories[ka]
		ia, _ := slices.BinarySearch(s.docs, e.a)
		ib, _ := slices.BinarySearch(s.docs, e.b)
		s.score[ia] += e.sim
		s.score[ib] += e.sim
		s.links[ia]++
		s.links[ib]++
	}
	for _, s := range stories {
		for i := range s.score {
			s.score[i] /= float64(len(s.docs) - 1)
		}
	}
	a.stories = stories
}

// keyer gives the keys of features: the article level's, and those found
// in the sentences of one story (extra), which no document kept.
type keyer struct {
	a     *eventArticles
	extra map[int32]string
}

func (k keyer) key(r int32) string {
	if s, ok := k.a.keys[r]; ok {
		return s
	}
	return k.extra[r]
}

// show is a feature as printed: its key without the kind byte.
func (k keyer) show(r int32) string { return k.key(r)[1:] }

// topShared returns the features most characteristic of a set of n items
// (documents or sentences), given their rare feature lists: features held
// by at least two items, by (items holding it × idf) descending, then key.
func topShared(n int, lists func(func([]int32)), kr keyer, k int) []int32 {
	a := kr.a
	count := map[int32]int{}
	lists(func(l []int32) {
		for _, r := range l {
			count[r]++
		}
	})
	var out []int32
	for r, n := range count {
		if n >= 2 {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(x, y int32) int {
		sx, sy := float64(count[x])*a.idf(x), float64(count[y])*a.idf(y)
		if sx != sy {
			return cmp.Compare(sy, sx)
		}
		return strings.Compare(kr.key(x), kr.key(y))
	})
	return out[:min(k, len(out))]
}

// featureName joins the display forms of the first n features that add a
// word: a feature whose words all belong to features already taken
// ("khashoggi" after "jamal khashoggi") is passed over.
func featureName(kr keyer, fs []int32, n int) string {
	var parts []string
	taken := map[string]bool{}
	for _, r := range fs {
		if len(parts) == n {
			break
		}
		words := strings.Fields(kr.show(r))
		fresh := false
		for _, w := range words {
			fresh = fresh || !taken[w]
		}
		if !fresh {
			continue
		}
		for _, w := range words {
			taken[w] = true
		}
		parts = append(parts, kr.show(r))
	}
	return strings.Join(parts, ", ")
}

func featureList(kr keyer, fs []int32) []string {
	out := make([]string, len(fs))
	for i, r := range fs {
		out[i] = kr.show(r)
	}
	return out
}

// ---------------------------------------------------------------------------
// Average linkage on a sparse graph

// linkage configures averageLink.
type linkage struct {
	threshold float64 // least mean similarity of a merge
	minLinked float64 // least share of linked pairs in a merge
	group     []int32 // per item: its group
	span      []int32 // per item: its day number or noDay; nil: no window
	window    int32
}

// linkStat is what two clusters share: the sum of the similarities of the
// linked pairs between them, and how many pairs are linked.
type linkStat struct {
	sum float64
	n   int32
}

// averageLink clusters n items by average linkage (UPGMA) on the sparse
// similarity graph of edges, which join items of different groups only.
// Starting from singletons, the two clusters with the highest mean
// similarity over all pairs of their members from different groups (pairs
// without an edge counting 0) are merged, as long as
//
//   - that mean is at least l.threshold,
//   - at least l.minLinked of those pairs are linked by an edge (so that
//     one item resembling two stories cannot join them: after it has
//     joined one, the pairs between that story and the other are mostly
//     unlinked), and
//   - with l.span set, no two dated items of the union are more than
//     l.window days apart: the date window holds for every pair of a
//     cluster, not only for linked pairs, so that undated items cannot
//     chain stories weeks apart.
//
// It returns each item's cluster, named by its smallest member. Ties are
// broken by the clusters' smallest members, so the result depends only on
// the graph, not on the order of the edges. Only edges are ever touched:
// O(E log E), with small-to-large merging of the neighbour maps.
func averageLink(n int, edges []simEdge, l linkage) []int32 {
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	adj := make([]map[int32]linkStat, n) // cluster → neighbour cluster → what they share
	size := make([]int32, n)
	minm := make([]int32, n)
	ver := make([]int32, n)
	for i := range size {
		size[i], minm[i] = 1, int32(i)
	}
	var lo, hi []int32 // per cluster: earliest and latest dated item
	if l.span != nil {
		lo, hi = slices.Clone(l.span), slices.Clone(l.span)
		for i := range hi {
			if hi[i] == noDay {
				lo[i], hi[i] = math.MaxInt32, math.MinInt32
			}
		}
	}
	add := func(m map[int32]linkStat, k int32, st linkStat) {
		old := m[k]
		m[k] = linkStat{old.sum + st.sum, old.n + st.n}
	}
	for _, e := range edges {
		if adj[e.a] == nil {
			adj[e.a] = map[int32]linkStat{}
		}
		if adj[e.b] == nil {
			adj[e.b] = map[int32]linkStat{}
		}
		add(adj[e.a], e.b, linkStat{e.sim, 1})
		add(adj[e.b], e.a, linkStat{e.sim, 1})
	}
	gc := make([]map[int32]int32, n) // per cluster: members per group
	groupCount := func(x int32) map[int32]int32 {
		if gc[x] == nil {
			gc[x] = map[int32]int32{l.group[x]: 1}
		}
		return gc[x]
	}
	cross := func(x, y int32) float64 { // pairs of members from different groups
		gx, gy := groupCount(x), groupCount(y)
		if len(gx) > len(gy) {
			gx, gy = gy, gx
		}
		p := int64(size[x]) * int64(size[y])
		for g, k := range gx {
			p -= int64(k) * int64(gy[g])
		}
		return float64(p)
	}
	h := &linkHeap{}
	push := func(x, y int32, st linkStat) {
		pairs := cross(x, y)
		if pairs <= 0 {
			return
		}
		avg := st.sum / pairs
		if avg < l.threshold || float64(st.n) < l.minLinked*pairs {
			return
		}
		if l.span != nil && int64(max(hi[x], hi[y]))-int64(min(lo[x], lo[y])) > int64(l.window) {
			return
		}
		a, b := minm[x], minm[y]
		if a > b {
			a, b = b, a
		}
		heap.Push(h, linkCand{avg, x, y, ver[x], ver[y], a, b})
	}
	for x := range adj {
		for y, st := range adj[x] {
			if int32(x) < y {
				push(int32(x), y, st)
			}
		}
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for h.Len() > 0 {
		cd := heap.Pop(h).(linkCand)
		x, y := cd.x, cd.y
		if parent[x] != x || parent[y] != y || ver[x] != cd.vx || ver[y] != cd.vy {
			continue
		}
		if len(adj[x]) < len(adj[y]) {
			x, y = y, x
		}
		// Merge y into x.
		delete(adj[x], y)
		for k, st := range adj[y] {
			if k == x {
				continue
			}
			add(adj[x], k, st)
			add(adj[k], x, st)
			delete(adj[k], y)
		}
		adj[y] = nil
		gx, gy := groupCount(x), groupCount(y)
		if len(gx) < len(gy) {
			gx, gy = gy, gx
		}
		for g, k := range gy {
			gx[g] += k
		}
		gc[x], gc[y] = gx, nil
		parent[y] = x
		size[x] += size[y]
		minm[x] = min(minm[x], minm[y])
		if l.span != nil {
			lo[x], hi[x] = min(lo[x], lo[y]), max(hi[x], hi[y])
		}
		ver[x]++
		for k, st := range adj[x] {
			push(x, k, st)
		}
	}
	label := make([]int32, n)
	for i := range label {
		label[i] = minm[find(int32(i))]
	}
	return label
}

type linkCand struct {
	avg    float64
	x, y   int32
	vx, vy int32
	lo, hi int32 // the clusters' smallest members, for ties
}

type linkHeap []linkCand

func (h linkHeap) Len() int { return len(h) }
func (h linkHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].lo != h[j].lo {
		return h[i].lo < h[j].lo
	}
	return h[i].hi < h[j].hi
}
func (h linkHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *linkHeap) Push(x any)   { *h = append(*h, x.(linkCand)) }
func (h *linkHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// ---------------------------------------------------------------------------
// Second pass and sentences of the stories

// NeedsTexts reports whether the texts of some story documents are
// missing (the corpus exceeded TextBudget): run the pipeline again with
// VisitTexts, then call Result. It ends the pass: Visit must not be called
// afterwards.
func (c *EventCollector) NeedsTexts() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.result != nil {
		return false
	}
	if c.art == nil {
		c.freeze()
	}
	return c.missingTexts()
}

func (c *EventCollector) missingTexts() bool {
	for _, s := range c.art.stories {
		for _, m := range s.docs {
			if c.textMissing(m) {
				return true
			}
		}
	}
	return false
}

// textMissing reports whether story document m (a position) has been read
// neither in the first pass (its text kept) nor in the second. c.mu is held.
func (c *EventCollector) textMissing(m int32) bool {
	return c.storyDocs[m] == nil && c.texts[c.art.docs[m].index] == nil
}

// neededDoc returns the position of the document of input index docIndex
// and whether VisitTexts still needs it: a story document whose text is
// missing. It ends the first pass. c.mu is held.
func (c *EventCollector) neededDoc(docIndex int) (int32, bool) {
	if c.result != nil {
		return 0, false
	}
	if c.art == nil {
		c.freeze()
	}
	m, ok := c.art.pos[docIndex]
	return m, ok && c.art.inStory[m] >= 0 && c.textMissing(m)
}

// WantsText reports whether VisitTexts needs the document of this input
// index, so that a second pass may skip the others before cleaning them
// (Options.Select). Safe for concurrent use.
func (c *EventCollector) WantsText(docIndex int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, need := c.neededDoc(docIndex)
	return need
}

// VisitTexts is the second pass when NeedsTexts: it reads each story
// document whose text was not kept and keeps what the story figures need
// (each sentence's tone, the frames and labels of the document, and the
// sentences that may be aligned with other documents' — those with at
// least PassageMinShared rare features — with their text). Other documents
// are skipped. Safe for concurrent use.
func (c *EventCollector) VisitTexts(p *segment.Processed) {
	c.mu.Lock()
	m, need := c.neededDoc(p.Doc.Index)
	a := c.art
	c.mu.Unlock()
	if !need {
		return
	}
	sc := c.pool.Get().(*eventScratch)
	defer c.pool.Put(sc)
	k := a.inStory[m]
	s := a.stories[k]
	sd := c.readStoryDoc(sc, m, s, p.Text, p.Sentences)
	var docs []*storyDoc
	var extra map[int32]string
	c.mu.Lock()
	if c.storyDocs[m] == nil {
		c.storyDocs[m] = sd
		if c.storyLeft == nil {
			c.storyLeft = make([]int32, len(a.stories))
			c.storyOuts = make([]*storyOut, len(a.stories))
			for k, s := range a.stories {
				for _, m := range s.docs {
					if c.textMissing(m) {
						c.storyLeft[k]++
					}
				}
			}
			c.storyLeft[k]++ // m was counted as read already
		}
		if c.storyLeft[k]--; c.storyLeft[k] == 0 {
			extra = map[int32]string{}
			docs = c.storyDocsOf(sc, s, extra)
		}
	}
	c.mu.Unlock()
	if docs == nil {
		return
	}
	// The story's last document: compute its figures now and let go of
	// what its documents contributed (their candidate sentences' texts),
	// so that the second pass holds only the documents of stories not yet
	// complete.
	o := c.finishStory(int(k), docs, extra, true)
	c.mu.Lock()
	c.storyOuts[k] = &o
	for _, m := range s.docs {
		c.storyDocs[m] = finishedDoc
	}
	c.mu.Unlock()
}

// finishedDoc stands for the contribution of a document whose story's
// figures are computed.
var finishedDoc = &storyDoc{best: -1}

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
// contributions and, when align, its passage events. extra holds the keys
// of the features its documents' sentences hold and no document kept.
func (c *EventCollector) finishStory(k int, docs []*storyDoc, extra map[int32]string, align bool) storyOut {
	s := c.art.stories[k]
	var o storyOut
	o.arts, o.built = c.storyEvent(s, docs)
	if !align {
		return o
	}
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
	tone           float64
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
func (c *EventCollector) readStoryDoc(sc *eventScratch, m int32, s *story, text string, spans []segment.Span) *storyDoc {
	a := c.art
	d := a.docs[m]
	kept := d.feats // the document's kept features, ascending ranks
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
			cs.tone = c.vader(cs.text)
			sd.tones = append(sd.tones, cs.tone)
		}
		cs.frames, sc.hits = c.frames.count(sc.toks, sc.hits, nil)
		cs.labels, sc.hits = c.labels.count(sc.toks, sc.hits, nil)
		sd.frames = mergeCounts(sd.frames, cs.frames)
		sd.labels = mergeCounts(sd.labels, cs.labels)
		clear(pending)
		c.features(sc, sent, func(key []byte, kind byte) {
			r, ok := a.rankOfHash(fnv64(unsafeString(key)))
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

// storyDocsOf returns what each of a story's documents contributes: read by
// VisitTexts, or read now from the text kept during the pass, or nil when
// neither is there. The keys of features no document kept are added to
// extra.
func (c *EventCollector) storyDocsOf(sc *eventScratch, s *story, extra map[int32]string) []*storyDoc {
	a := c.art
	docs := make([]*storyDoc, len(s.docs))
	for i, m := range s.docs {
		sd := c.storyDocs[m]
		if sd == nil {
			if dt := c.texts[a.docs[m].index]; dt != nil {
				sd = c.readStoryDoc(sc, m, s, dt.text, dt.spans)
			}
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

// ---------------------------------------------------------------------------
// Discovered passage events

// passageEvent is a cluster of aligned sentences inside a story.
type passageEvent struct {
	story    int
	id, name string
	features []int32
	units    []sentRef
	groups   int
}

// sentRef is a candidate sentence of a story document: the document's
// index in the story and the sentence's index in its storyDoc.cands.
type sentRef struct {
	doc  int32
	cand int32
}

// alignStory finds the passage events of one story: sentences of
// different groups sharing at least PassageMinShared rare features with a
// cosine of at least PassageMinScore, clustered by average linkage. Only
// the story's sentences are compared, through an index of their rare
// features; a feature in more than PassageMaxPosting of them finds no
// candidates. Work: at most PassageMaxPosting × the story's (sentence,
// feature) pairs.
func (c *EventCollector) alignStory(k int, s *story, docs []*storyDoc, kr keyer) (events []passageEvent, work, cands int64, nEdges int) {
	a := c.art
	var refs []sentRef
	var feats [][]int32
	var norms []float64
	var groups []int32
	for di, m := range s.docs {
		sd := docs[di]
		if sd == nil {
			continue
		}
		for ci := range sd.cands {
			f := sd.cands[ci].feats
			if len(f) < c.opt.PassageMinShared {
				continue
			}
			var n2 float64
			for _, r := range f {
				n2 += a.idf(r) * a.idf(r)
			}
			refs = append(refs, sentRef{int32(di), int32(ci)})
			feats = append(feats, f)
			norms = append(norms, math.Sqrt(n2))
			groups = append(groups, a.gid[m])
		}
	}
	n := len(refs)
	post := map[int32][]int32{}
	for i, f := range feats {
		for _, r := range f {
			post[r] = append(post[r], int32(i))
		}
	}
	seen := make([]bool, n)
	var touched []int32
	var edges []simEdge
	for i := range n {
		touched = touched[:0]
		for _, r := range feats[i] {
			p := post[r]
			if len(p) > c.opt.PassageMaxPosting {
				continue
			}
			work += int64(len(p))
			for _, j := range p {
				if int(j) <= i || seen[j] || groups[j] == groups[i] {
					continue
				}
				seen[j] = true
				touched = append(touched, j)
			}
		}
		cands += int64(len(touched))
		slices.Sort(touched)
		for _, j := range touched {
			seen[j] = false
			sh, dot := sharedRanks(feats[i], feats[j], a)
			if sh < c.opt.PassageMinShared {
				continue
			}
			sim := dot / (norms[i] * norms[j])
			if sim >= c.opt.PassageMinScore {
				edges = append(edges, simEdge{int32(i), j, min(sim, 1), int32(sh)})
			}
		}
	}
	label := averageLink(n, edges, linkage{c.opt.PassageLinkScore, c.opt.MinLinked, groups, nil, 0})
	members := map[int32][]int32{}
	for i, l := range label {
		members[l] = append(members[l], int32(i))
	}
	for _, ms := range members {
		gs := map[int32]bool{}
		for _, m := range ms {
			gs[groups[m]] = true
		}
		if len(ms) < 2 || len(gs) < 2 {
			continue
		}
		pe := passageEvent{story: k, groups: len(gs)}
		for _, m := range ms {
			pe.units = append(pe.units, refs[m])
		}
		pe.features = topShared(len(ms), func(yield func([]int32)) {
			for _, m := range ms {
				yield(feats[m])
			}
		}, kr, 10)
		pe.name = featureName(kr, pe.features, 3)
		events = append(events, pe)
	}
	slices.SortFunc(events, func(x, y passageEvent) int {
		if c := cmp.Compare(len(y.units), len(x.units)); c != 0 {
			return c
		}
		if c := cmp.Compare(x.units[0].doc, y.units[0].doc); c != 0 {
			return c
		}
		return cmp.Compare(x.units[0].cand, y.units[0].cand)
	})
	for i := range events {
		events[i].id = fmt.Sprintf("%s-p%d", s.id, i+1)
	}
	return events, work, cands, len(edges)
}

// ---------------------------------------------------------------------------
// Result

// sentView is one sentence of a passage-level event, as the summaries
// read it.
type sentView struct {
	doc          int // Doc.Index
	docID, group string
	sent         int // 1-based
	tone         float64
	words        bool
	frames       []keyCount
	labels       []keyCount
	text, cue    string
}

// builtEvent is an event with its summaries.
type builtEvent struct {
	info EventInfo
	sums []EventSummary
}

// Result computes the events and their figures. Call it after the pass
// (and after VisitTexts when NeedsTexts); Visit must not be called
// afterwards. Once a result is complete (NeedTexts false), later calls
// return the same result, and the collector lets go of everything else.
func (c *EventCollector) Result() (*EventResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.result != nil {
		return c.result, nil
	}
	if c.art == nil {
		c.freeze()
	}
	a := c.art
	res := &EventResult{Options: c.opt, Stats: a.stats}
	res.Groups = slices.Sorted(maps.Keys(c.groupSents))
	res.NeedTexts = c.missingTexts()

	// Lexicon events.
	byEvent := make([][]sentView, len(c.events))
	for i := range c.passages {
		p := &c.passages[i]
		byEvent[p.event] = append(byEvent[p.event], sentView{doc: p.doc, docID: p.docID, group: p.group, sent: int(p.sentence),
			tone: p.tone, words: p.words, frames: p.frames, labels: p.labels, text: p.text, cue: p.cue})
	}
	var pending []pendingEvent
	for k := range c.events {
		e := c.events[k].ev
		info := EventInfo{ID: e.ID, Name: e.Name, Level: EventLevelPassage, Source: EventSourceLexicon, Dates: e.Dates}
		pending = append(pending, pendingEvent{info, byEvent[k]})
	}

	// Stories, and the passage events discovered in each, in parallel: one
	// story's documents are read, summed up and aligned at a time, and only
	// the sentences of passages keep their text.
	// Stories whose documents the second pass has all read are computed
	// already; a partial result (NeedTexts) has no passage events.
	outs := make([]storyOut, len(a.stories))
	var pool sync.Pool
	pool.New = func() any { return &eventScratch{feats: map[string]int32{}} }
	parallelFor(len(a.stories), c.workers(), func(k int) {
		if c.storyOuts != nil && c.storyOuts[k] != nil {
			outs[k] = *c.storyOuts[k]
			if res.NeedTexts {
				outs[k].pe, outs[k].work, outs[k].cands, outs[k].nEdges = nil, 0, 0, 0
			}
			return
		}
		sc := pool.Get().(*eventScratch)
		defer pool.Put(sc)
		extra := map[int32]string{}
		docs := c.storyDocsOf(sc, a.stories[k], extra)
		outs[k] = c.finishStory(k, docs, extra, !res.NeedTexts)
	})
	var stories []builtEvent
	nLexicon := len(pending)
	for k := range outs {
		o := &outs[k]
		res.Articles = append(res.Articles, o.arts...)
		stories = append(stories, o.built)
		res.Stats.PassageWork += o.work
		res.Stats.PassageCandidates += o.cands
		res.Stats.PassageEdges += o.nEdges
		pending = append(pending, o.pe...)
	}
	outs = nil

	// The summaries of passage-level events, in parallel.
	type job struct {
		event int
		group string
		views []sentView
	}
	var jobs []job
	built := make([]builtEvent, len(pending))
	for k := range pending {
		e := &pending[k]
		slices.SortFunc(e.views, func(x, y sentView) int {
			if x.doc != y.doc {
				return cmp.Compare(x.doc, y.doc)
			}
			return cmp.Compare(x.sent, y.sent)
		})
		byGroup := map[string][]sentView{}
		docs := map[int]bool{}
		for _, v := range e.views {
			byGroup[v.group] = append(byGroup[v.group], v)
			docs[v.doc] = true
		}
		e.info.Docs, e.info.Groups, e.info.Units = len(docs), len(byGroup), len(e.views)
		built[k].info = e.info
		groups := slices.Sorted(maps.Keys(byGroup))
		built[k].sums = make([]EventSummary, len(groups))
		for _, g := range groups {
			jobs = append(jobs, job{k, g, byGroup[g]})
		}
	}
	// Each job's slot: the groups of each event come sorted.
	next := make([]int, len(built))
	slots := make([]int, len(jobs))
	for i, j := range jobs {
		slots[i] = next[j.event]
		next[j.event]++
	}
	parallelFor(len(jobs), c.workers(), func(i int) {
		j := jobs[i]
		built[j.event].sums[slots[i]] = c.summarize(&built[j.event].info, j.group, j.views)
	})

	// Lexicon events, stories, discovered passage events.
	all := append(append(append([]builtEvent(nil), built[:nLexicon]...), stories...), built[nLexicon:]...)
	for _, b := range all {
		res.Events = append(res.Events, b.info)
		res.Summaries = append(res.Summaries, b.sums...)
		if b.info.Level == EventLevelPassage {
			for _, s := range b.sums {
				res.Passages = append(res.Passages, s.Passages...)
			}
		}
	}
	if !res.NeedTexts {
		// Complete: keep the result, let go of the rest.
		c.result = res
		c.texts, c.storyDocs, c.passages, c.kept = nil, nil, nil, nil
		c.storyLeft, c.storyOuts = nil, nil
		c.art = &eventArticles{stats: a.stats, stories: a.stories, pos: a.pos, inStory: a.inStory}
		for _, d := range c.docs {
			d.feats = nil
		}
	}
	return res, nil
}

// pendingEvent is an event with its sentences, before its summaries.
type pendingEvent struct {
	info  EventInfo
	views []sentView
}

// passageViews lists the sentences of a discovered passage event.
func (c *EventCollector) passageViews(pe passageEvent, s *story, docs []*storyDoc, kr keyer) pendingEvent {
	a := c.art
	info := EventInfo{ID: pe.id, Name: pe.name, Level: EventLevelPassage, Source: EventSourceDiscovered, Story: s.id,
		Features: featureList(kr, pe.features)}
	var views []sentView
	for _, u := range pe.units {
		d := a.docs[s.docs[u.doc]]
		cs := &docs[u.doc].cands[u.cand]
		var shared []string
		for _, r := range pe.features {
			if _, ok := slices.BinarySearch(cs.feats, r); ok {
				shared = append(shared, kr.show(r))
			}
		}
		views = append(views, sentView{doc: d.index, docID: d.id, group: d.group, sent: int(cs.si) + 1, tone: cs.tone, words: cs.words,
			frames: cs.frames, labels: cs.labels, text: cs.text, cue: "shares " + strings.Join(shared, ", ")})
	}
	// Only the first MaxPassages of each group, in input order, are listed
	// (summarize): the others need no text.
	slices.SortFunc(views, func(x, y sentView) int {
		if x.doc != y.doc {
			return cmp.Compare(x.doc, y.doc)
		}
		return cmp.Compare(x.sent, y.sent)
	})
	if c.opt.MaxPassages >= 0 {
		shown := map[string]int{}
		for i := range views {
			v := &views[i]
			if v.text == "" {
				continue
			}
			if shown[v.group] < c.opt.MaxPassages {
				shown[v.group]++
			} else {
				v.text, v.cue = "", ""
			}
		}
	}
	return pendingEvent{info, views}
}

// storyEvent lists a story's documents and computes its summaries: every
// sentence of the story's documents counts; each document's passage is the
// sentence holding most of the story's features.
func (c *EventCollector) storyEvent(s *story, docs []*storyDoc) ([]StoryArticle, builtEvent) {
	a := c.art
	info := EventInfo{ID: s.id, Name: s.name, Level: EventLevelArticle, Source: EventSourceDiscovered, Features: featureList(keyer{a: a}, s.features),
		Docs: len(s.docs), Groups: s.groups}
	var arts []StoryArticle
	byGroup := map[string][]int{} // the documents' indices in the story
	for di, m := range s.docs {
		d := a.docs[m]
		art := StoryArticle{Event: s.id, Name: s.name, Group: d.group, DocID: d.id, DocIndex: d.index, Title: d.title, Date: d.date,
			Score: s.score[di], Links: s.links[di], Sentences: int(d.sentences), StoryDocs: len(s.docs), Groups: s.groups}
		for _, r := range s.features {
			if _, ok := slices.BinarySearch(a.rare[m], r); ok {
				art.Shared = append(art.Shared, a.keys[r][1:]) // a document's kept feature: its key is known
			}
		}
		arts = append(arts, art)
		byGroup[d.group] = append(byGroup[d.group], di)
		info.Units += int(d.sentences)
	}
	var sums []EventSummary
	for _, g := range slices.Sorted(maps.Keys(byGroup)) {
		sum := EventSummary{Event: s.id, Name: s.name, Level: EventLevelArticle, Source: EventSourceDiscovered, Group: g,
			Docs: len(byGroup[g]), GroupSentences: c.groupSents[g]}
		var values []float64
		var units []int32
		var frames, labels []keyCount
		for k, di := range byGroup[g] {
			d := a.docs[s.docs[di]]
			sum.Sentences += int(d.sentences)
			sum.ranges = append(sum.ranges, docRange{d.index, int(d.sentences)})
			sd := docs[di]
			if sd == nil {
				continue // no text (NeedTexts): nothing to score
			}
			for _, v := range sd.tones {
				values = append(values, v)
				units = append(units, int32(k))
			}
			frames = mergeCounts(frames, sd.frames)
			labels = mergeCounts(labels, sd.labels)
			if sd.best >= 0 && (c.opt.MaxPassages < 0 || len(sum.Passages) < c.opt.MaxPassages) {
				cs := &sd.cands[sd.best]
				sum.Passages = append(sum.Passages, EventPassage{Event: s.id, Group: g, DocID: d.id, DocIndex: d.index,
					Sentence: int(cs.si) + 1, Text: cs.text, Cue: fmt.Sprintf("holds %d of the story's features", sd.bestN), Tone: cs.tone, Words: cs.words})
			}
		}
		if sum.GroupSentences > 0 {
			sum.Share = float64(sum.Sentences) / float64(sum.GroupSentences)
		}
		sum.Tone = c.tone(values, units, s.id, g)
		sum.Frames = topKeys(c.frames, countMap(frames), 2)
		sum.Labels = topKeys(c.labels, countMap(labels), 3)
		sums = append(sums, sum)
	}
	return arts, builtEvent{info, sums}
}

func countMap(kc []keyCount) map[int32]int64 {
	m := make(map[int32]int64, len(kc))
	for _, k := range kc {
		m[k.key] += int64(k.n)
	}
	return m
}

// tone is the mean tone of an event × group with its bootstrap interval;
// units[i] numbers the document of values[i] (ascending).
func (c *EventCollector) tone(values []float64, units []int32, event, group string) resample.Interval {
	sample, err := resample.NewSample(values, units)
	if err != nil {
		sample = resample.Sample{}
	}
	resamples := c.opt.Resamples
	if sample.Len() < 2 {
		resamples = 1 // no interval below 2 sentences: spare the resampling
	}
	iv := resample.Bootstrap(sample, resamples, c.opt.Seed, "events\x00"+event+"\x00"+group)
	if iv.N < 2 {
		iv.Resamples = 0
		iv.Low, iv.High = math.NaN(), math.NaN()
	}
	return iv
}

// parallelFor calls fn(i) for i in [0, n) on workers goroutines.
func parallelFor(n, workers int, fn func(i int)) {
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// summarize computes one passage-level event × group.
func (c *EventCollector) summarize(info *EventInfo, group string, views []sentView) EventSummary {
	s := EventSummary{Event: info.ID, Name: info.Name, Level: info.Level, Source: info.Source, Group: group,
		Sentences: len(views), GroupSentences: c.groupSents[group]}
	if s.GroupSentences > 0 {
		s.Share = float64(s.Sentences) / float64(s.GroupSentences)
	}
	var values []float64
	var units []int32
	frames, labels := map[int32]int64{}, map[int32]int64{}
	last := -1
	for _, v := range views {
		if v.doc != last {
			s.Docs++
			last = v.doc
		}
		s.units = append(s.units, SentenceRef{v.doc, v.sent})
		if v.words {
			values = append(values, v.tone)
			units = append(units, int32(s.Docs-1))
		}
		for _, kc := range v.frames {
			frames[kc.key] += int64(kc.n)
		}
		for _, kc := range v.labels {
			labels[kc.key] += int64(kc.n)
		}
		if v.text != "" && (c.opt.MaxPassages < 0 || len(s.Passages) < c.opt.MaxPassages) {
			s.Passages = append(s.Passages, EventPassage{Event: info.ID, Group: group, DocID: v.docID, DocIndex: v.doc,
				Sentence: v.sent, Text: v.text, Cue: v.cue, Tone: v.tone, Words: v.words})
		}
	}
	s.Tone = c.tone(values, units, info.ID, group)
	s.Frames = topKeys(c.frames, frames, 2)
	s.Labels = topKeys(c.labels, labels, 3)
	return s
}

// topKeys returns the n keys with most hits (ties in lexicon order).
func topKeys(k *lexKeys, counts map[int32]int64, n int) []KeyCount {
	if k == nil {
		return nil
	}
	ids := make([]int32, 0, len(counts))
	for id, c := range counts {
		if c > 0 {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(x, y int32) int {
		if c := cmp.Compare(counts[y], counts[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	var out []KeyCount
	for _, id := range ids[:min(n, len(ids))] {
		out = append(out, KeyCount{k.names[id], counts[id]})
	}
	return out
}

// ---------------------------------------------------------------------------
// Sections

// keyCounts formats "security (12), diplomacy (7)".
func keyCounts(kc []KeyCount) string {
	parts := make([]string, len(kc))
	for i, k := range kc {
		parts[i] = fmt.Sprintf("%s (%d)", k.Key, k.N)
	}
	return strings.Join(parts, ", ")
}

// EventsSection is the per event × group table: coverage, share, tone with
// its interval, dominant frames, labels and quotes.
func EventsSection(r *EventResult) report.Section {
	tidy := &report.Table{Name: "events", Title: "Events by group",
		Columns: []string{"event", "level", "source", "name", "group", "docs", "sentences", "share", "tone", "tone_low", "tone_high",
			"tone_n", "unit", "frames", "labels", "quotes"},
		Cut: map[string]report.Cut{"event": report.CutNever}}
	display := &report.Table{Name: "events", Title: "Events by group: coverage, tone, frames, labels",
		Columns: []string{"event", "name", "group", "docs", "sentences", "share_pct", "tone", "tone_ci", "frames", "labels"},
		Cut:     map[string]report.Cut{"event": report.CutNever, "tone_ci": report.CutNever}}
	quotes := func(s *EventSummary) report.Value {
		if !s.QuotesCounted {
			return report.NA()
		}
		return report.Int(int64(s.Quotes))
	}
	counted := slices.ContainsFunc(r.Summaries, func(s EventSummary) bool { return s.QuotesCounted })
	if counted {
		display.Columns = append(display.Columns, "quotes")
	}
	for i := range r.Summaries {
		s := &r.Summaries[i]
		tidy.Rows = append(tidy.Rows, []report.Value{report.Str(s.Event), report.Str(s.Level), report.Str(s.Source), report.Str(s.Name), report.Str(s.Group),
			report.Int(int64(s.Docs)), report.Int(int64(s.Sentences)), report.Float(s.Share, 4), report.Float(s.Tone.Mean, 4), report.Float(s.Tone.Low, 4), report.Float(s.Tone.High, 4),
			report.Int(int64(s.Tone.N)), report.Str(s.Tone.Unit), report.Str(keyCounts(s.Frames)), report.Str(keyCounts(s.Labels)), quotes(s)})
		name := s.Name // on the first row of each event only
		if i > 0 && r.Summaries[i-1].Event == s.Event {
			name = ""
		}
		row := []report.Value{report.Str(s.Event), report.Str(name), report.Str(s.Group), report.Int(int64(s.Docs)), report.Int(int64(s.Sentences)),
			report.Float(100*s.Share, 2), report.Float(s.Tone.Mean, 3), report.Str(ciText(s.Tone)), report.Str(keyCounts(s.Frames)), report.Str(keyCounts(s.Labels))}
		if counted {
			row = append(row, quotes(s))
		}
		display.Rows = append(display.Rows, row)
	}
	notes := []string{
		"Events: lexicon events (passage level: sentences matching a cue or mentioning a date of the event), stories (article level: documents found to cover the same story; every sentence of those documents counts) and passage events discovered inside stories (sentences of different groups sharing rare features). docs/events.md.",
		"docs: the group's documents with at least one of the event's sentences; sentences: those sentences (coverage); share = sentences / all sentences of the group's documents (share_pct × 100).",
		"tone: mean VADER compound (−1 to 1) of the event's sentences that contain a letter or digit; tone_low, tone_high: 95% percentile bootstrap interval, " +
			fmt.Sprintf("%d resamples, seed %d, articles resampled when there are at least %d, else sentences (unit); n/a below 2 sentences.", r.Options.Resamples, r.Options.Seed, resample.MinClusterUnits),
		"frames: the two categories of the frames lexicon with most hits in those sentences (hits); labels: the three labels with most hits (referent / label (hits)); quotes: quotations in those sentences, n/a when not counted.",
	}
	if r.NeedTexts {
		notes = append(notes, "The texts of the stories' documents were not kept (text budget): story tone, frames and labels are missing, and no passage event was discovered.")
	}
	tidy.Notes, display.Notes = notes, notes
	return report.Section{Display: display, Tidy: tidy}
}

// ArticleEventsSection lists the documents of every story: event, group,
// doc, title, date, score, links, shared features.
func ArticleEventsSection(r *EventResult) report.Section {
	t := &report.Table{Name: "article_events", Title: "Stories: articles covering the same event",
		Columns: []string{"event", "name", "group", "doc", "title", "date", "score", "links", "shared"},
		Cut:     map[string]report.Cut{"event": report.CutNever, "doc": report.CutNever}}
	display := &report.Table{Name: "article_events", Title: t.Title,
		Columns: []string{"event", "name", "group", "date", "title", "score", "links"},
		Cut:     map[string]report.Cut{"event": report.CutNever, "date": report.CutNever}}
	for i, a := range r.Articles {
		t.Rows = append(t.Rows, []report.Value{report.Str(a.Event), report.Str(a.Name), report.Str(a.Group), report.Str(a.DocID), report.Str(a.Title), report.Str(a.Date),
			report.Float(a.Score, 3), report.Int(int64(a.Links)), report.Str(strings.Join(a.Shared, ", "))})
		name := a.Name // on the first row of each story only
		if i > 0 && r.Articles[i-1].Event == a.Event {
			name = ""
		}
		title := a.Title
		if title == "" {
			title = a.DocID
		}
		display.Rows = append(display.Rows, []report.Value{report.Str(a.Event), report.Str(name), report.Str(a.Group), report.Str(a.Date), report.Str(title),
			report.Float(a.Score, 3), report.Int(int64(a.Links))})
	}
	o, st := r.Options, r.Stats
	window := fmt.Sprintf("dates at most %d days apart when both documents are dated", o.Window)
	if o.Window < 0 {
		window = "no date window"
	}
	t.Notes = []string{
		fmt.Sprintf("Features of a document (title and text): content words (not stop words, 3+ characters), names (the last two words of a run of capitalised words), numbers (2+ digits, not years) and days mentioned; at most %d per document, the most salient. A feature is rare when found in 2 to %d of the %d documents, of at least two groups.", o.MaxFeatures, st.RareCap, st.Docs),
		fmt.Sprintf("Two documents of different groups are linked when they share at least %d rare features, the cosine of their rare-feature vectors (weight: idf = ln((1+D)/(1+df)) + 1) is at least %.2f, and %s. Stories: average linkage — clusters merge while the mean similarity over their pairs of documents of different groups (0 for pairs not linked) is at least %.2f, at least %.0f%% of those pairs are linked and no two dated documents are further apart than the window — keeping clusters with documents of at least 2 groups.", o.MinShared, o.MinScore, window, o.LinkScore, 100*o.MinLinked),
		"name: the three features most shared in the story (documents holding it × idf); score: the document's mean similarity to the story's other documents (0 for those not linked); links: those linked to it; shared: the story's ten most shared features that the document holds.",
		fmt.Sprintf("%d stories, %s between %s with %s; %s read to find them (at most Σ df² over rare features = %d), %s scored.",
			st.Stories, Plural(st.Edges, "link"), Plural(st.Docs, "document"), Plural(st.Features, "distinct feature"),
			Plural(int(st.Postings), "posting"), st.SumDF2, Plural(int(st.Candidates), "candidate pair")),
	}
	if st.Similar > int64(st.Edges) {
		t.Notes = append(t.Notes, fmt.Sprintf("Links per document are bounded: each document keeps the %d documents most similar to it (up to %d passed the tests for one document), and a link is kept when each of its documents keeps the other; %s passed the tests, %d were kept.",
			o.MaxLinks, st.MaxNeighbours, Plural(int(st.Similar), "pair"), st.Edges))
	}
	if st.UndatedCapped > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("%s held by undated documents are found in more than %d documents: without a date window they find no pairs with undated documents (they still count in the scores).",
			Plural(st.UndatedCapped, "rare feature"), o.UndatedMaxDF))
	}
	if len(r.Articles) == 0 {
		t.Notes = append(t.Notes, "No story: no two documents of different groups were linked.")
	}
	display.Notes = append([]string{"The document ids and each document's shared features are in --format csv or json."}, t.Notes...)
	return report.Section{Display: display, Tidy: t}
}

// PassageEventsSection lists the kept passages of every passage-level
// event: event, name, source, group, doc, sentence, text, cue.
func PassageEventsSection(r *EventResult) report.Section {
	t := &report.Table{Name: "passage_events", Title: "Passages describing the same event",
		Columns: []string{"event", "name", "source", "group", "doc", "sentence", "text", "cue"},
		Cut:     map[string]report.Cut{"event": report.CutNever, "doc": report.CutNever}}
	info := map[string]*EventInfo{}
	for i := range r.Events {
		info[r.Events[i].ID] = &r.Events[i]
	}
	for _, p := range r.Passages {
		e := info[p.Event]
		t.Rows = append(t.Rows, []report.Value{report.Str(p.Event), report.Str(e.Name), report.Str(e.Source), report.Str(p.Group), report.Str(p.DocID),
			report.Int(int64(p.Sentence)), report.Str(p.Text), report.Str(p.Cue)})
	}
	o := r.Options
	max := fmt.Sprintf("at most %d per event and group, the first in input order", o.MaxPassages)
	if o.MaxPassages < 0 {
		max = "all of them"
	}
	t.Notes = []string{
		"Lexicon events: a sentence belongs to an event when it matches one of the event's cues, or mentions a day, month or year that places it in the event's dates (docs/events.md); cue says which.",
		fmt.Sprintf("Discovered events: sentences of different groups inside one story sharing at least %d rare features with a cosine of at least %.2f, clustered by average linkage (at least %.2f).", o.PassageMinShared, o.PassageMinScore, o.PassageLinkScore),
		"sentence: 1-based number of the sentence in the cleaned document; text: the sentence, white space collapsed; " + max + ".",
	}
	if len(r.Passages) == 0 {
		t.Notes = append(t.Notes, "No passage.")
	}
	return report.Section{Display: t}
}

// SideBySideSection shows, for each event, each group's first perGroup
// passages next to each other (the display: a row per event and group, a
// column per passage); the tidy form has a row per passage: event, group,
// rank, doc, sentence, text. perGroup ≤ 0 means 2.
func SideBySideSection(r *EventResult, perGroup int) report.Section {
	if perGroup <= 0 {
		perGroup = 2
	}
	display := &report.Table{Name: "side_by_side", Title: "Events side by side: each group's first passages",
		Columns: []string{"event", "group"}, Cut: map[string]report.Cut{"event": report.CutNever}}
	for k := range perGroup {
		display.Columns = append(display.Columns, fmt.Sprintf("passage_%d", k+1))
	}
	tidy := &report.Table{Name: "side_by_side", Title: display.Title,
		Columns: []string{"event", "group", "rank", "doc", "sentence", "text"}, Cut: map[string]report.Cut{"doc": report.CutNever}}
	for i := range r.Summaries {
		s := &r.Summaries[i]
		if len(s.Passages) == 0 {
			continue
		}
		row := []report.Value{report.Str(s.Event), report.Str(s.Group)}
		for k := range perGroup {
			if k < len(s.Passages) {
				p := s.Passages[k]
				row = append(row, report.Str(fmt.Sprintf("%s (%s #%d)", p.Text, p.DocID, p.Sentence)))
				tidy.Rows = append(tidy.Rows, []report.Value{report.Str(s.Event), report.Str(s.Group), report.Int(int64(k + 1)), report.Str(p.DocID), report.Int(int64(p.Sentence)), report.Str(p.Text)})
			} else {
				row = append(row, report.Str(""))
			}
		}
		display.Rows = append(display.Rows, row)
	}
	notes := []string{"Each group's passages in input order: for a lexicon or discovered passage event its sentences, for a story the sentence of each document holding most of the story's features; (doc #sentence) after each."}
	display.Notes, tidy.Notes = notes, notes
	return report.Section{Display: display, Tidy: tidy}
}
