package events

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/internal/spill"
	"parallax/analysis/lexmatch"
	"parallax/analysis/resample"
	"parallax/analysis/segment"
	"parallax/lexicons"
	"parallax/tone"
)

// Levels and sources of an event.
const (
	LevelArticle = "article" // a story: documents covering the same event
	LevelPassage = "passage" // sentences describing the same event

	SourceLexicon    = "lexicon"    // an event of the events lexicon
	SourceDiscovered = "discovered" // found from shared rare features
)

// Defaults of Options; docs/events.md explains each choice.
const (
	DefaultMaxFeatures       = 128
	DefaultRareFraction      = 0.05
	DefaultMaxRareDF         = 1000
	DefaultMinShared         = 4
	DefaultMinScore          = 0.1
	DefaultLinkScore         = 0.06
	DefaultMinLinked         = 0.5
	DefaultWindow            = 3
	DefaultMaxLinks          = 32
	DefaultUndatedMaxDF      = 200
	DefaultPassageMinShared  = 3
	DefaultPassageMinScore   = 0.3
	DefaultPassageLinkScore  = 0.15
	DefaultPassageMaxPosting = 200
	DefaultMaxPassages       = 20
)

// Options configure an Collector. Zero values mean the defaults
// above; the effective values are in Result.Options.
type Options struct {
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

	// ToneMask holds the words the tone leaves out (the label words under
	// comparison and the words lexicons declare unscored: tone.Mask,
	// lexmatch.ToneMask): VADER scores them as neutral words. Nil or empty:
	// every word is scored. With a non-empty mask each summary and passage
	// also gives the tone with every word scored (ToneAll).
	ToneMask *tone.Mask

	Resamples int    // bootstrap resamples of the tone interval; 0: DefaultResamples
	Seed      uint64 // bootstrap seed
	Workers   int    // workers for the comparisons; 0: GOMAXPROCS
}

// withDefaults fills the zero fields and checks the others.
func (o Options) withDefaults() (Options, error) {
	if o.MaxFeatures == 0 {
		o.MaxFeatures = DefaultMaxFeatures
	}
	if o.RareFraction == 0 {
		o.RareFraction = DefaultRareFraction
	}
	if o.MaxRareDF == 0 {
		o.MaxRareDF = DefaultMaxRareDF
	}
	if o.MinShared == 0 {
		o.MinShared = DefaultMinShared
	}
	if o.MinScore == 0 {
		o.MinScore = DefaultMinScore
	}
	if o.LinkScore == 0 {
		o.LinkScore = DefaultLinkScore
	}
	if o.MinLinked == 0 {
		o.MinLinked = DefaultMinLinked
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.MaxLinks == 0 {
		o.MaxLinks = DefaultMaxLinks
	}
	if o.UndatedMaxDF == 0 {
		o.UndatedMaxDF = DefaultUndatedMaxDF
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
		o.MaxPassages = DefaultMaxPassages
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

// Collector gathers what event detection needs as documents are
// processed; its Visit method plugs into Options.Visit and is safe for
// concurrent use. Once every document has been visited, call Result.
// Visit is Map (the heavy work, concurrently, with no lock) then Add of
// the record to the collector's accumulator (cheap, under a lock);
// Finish computes a result from any accumulator, so that records may be
// mapped and accumulators merged elsewhere (see Acc). The result does not
// depend on the order of the visits nor on the number of workers:
// documents are ordered by Doc.Index and every tie is broken by content.
//
// Memory: see Acc.
type Collector struct {
	opt  Options
	stop *lexicons.StopWords
	// notFeature holds the stop words and the calendar words (month and
	// weekday names): the words that are no features (dates are, once
	// read as dates), found in one look-up.
	notFeature map[string]struct{}
	events     []lexEvent       // the lexicon's events, in file order
	evKey      map[string]int32 // event id → index in events
	frames     *lexKeys         // nil without Frames
	labels     *lexKeys         // nil without Labels
	pool       sync.Pool        // *eventScratch
	// vader scores a sentence without (masked) and with (all) the words
	// of Options.ToneMask.
	vader func(string) (masked, all float64)

	mu     sync.Mutex
	acc    *Acc    // the visits' accumulator; nil once the result is computed
	result *Result // once computed

	// Set on the view Finish computes with (see view).
	art        *eventArticles   // the article level
	groupSents map[string]int64 // sentences per group
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

// valid reports whether every key of kc is one of k's.
func (k *lexKeys) valid(kc []keyCount) bool {
	n := 0
	if k != nil {
		n = len(k.names)
	}
	for _, c := range kc {
		if c.key < 0 || int(c.key) >= n {
			return false
		}
	}
	return true
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
	feats                  spill.Ref // kept features' dictionary ids (Acc.featsOf)
}

// lexPassage is a sentence placed in an event of the lexicon.
type lexPassage struct {
	event        int32
	doc          int
	docID, group string
	sentence     int32 // 1-based
	tone         float64
	toneAll      float64 // tone with every word scored (Options.ToneMask)
	words        bool    // the sentence has a letter or digit (tone counts it)
	frames       []keyCount
	labels       []keyCount
	text, cue    string // text is "" unless among the first MaxPassages
}

type passageKey struct {
	event int32
	group string
}

// NewCollector checks the options and the lexicons.
func NewCollector(opt Options) (*Collector, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &Collector{
		opt:    opt,
		stop:   opt.StopWords,
		evKey:  map[string]int32{},
		frames: newLexKeys(opt.Frames),
		labels: newLexKeys(opt.Labels),
		vader:  vaderScorer(opt.ToneMask),
	}
	if c.stop == nil {
		if c.stop, err = lexicons.LoadStopWords("en"); err != nil {
			return nil, err
		}
	}
	c.notFeature = map[string]struct{}{}
	for _, w := range c.stop.Words() {
		c.notFeature[w] = struct{}{}
	}
	for w := range monthNames {
		c.notFeature[w] = struct{}{}
	}
	for w := range weekdayNames {
		c.notFeature[w] = struct{}{}
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
	c.acc = c.NewAcc()
	c.pool.New = func() any { return &eventScratch{feats: map[string]int32{}} }
	return c, nil
}

// vaderScorer returns the VADER compound of a sentence with the words of
// mask left out (masked) and with every word scored (all); without a mask
// the two are the same score.
func vaderScorer(mask *tone.Mask) func(string) (masked, all float64) {
	if mask.Len() == 0 {
		return func(s string) (float64, float64) {
			v := tone.VADER(s).Compound
			return v, v
		}
	}
	return func(s string) (float64, float64) {
		a, m, _ := tone.VADERBoth(s, mask)
		return m.Compound, a.Compound
	}
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
	sfeats  []int32 // Map: the features (indices into stats) of each sentence, sentence s's from sstart[s] to sstart[s+1]
	sstart  []int32
	pos     []int32 // Map: index in stats → index in the record's hashes
	sal     []int32 // selectFeatures: by index in stats, the salience
	tmp     []int32
	ranks   []int32 // readStoryDoc: by index in the text's hashes, the rare feature's rank or -1
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
}

// add counts one occurrence of a feature; si is the sentence (-1: title).
// It returns the feature's index in stats.
func (sc *eventScratch) add(key []byte, kind byte, si int) int32 {
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
	return i
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
func (c *Collector) features(sc *eventScratch, text string, emit func(key []byte, kind byte)) {
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
				if c.featureWord(t.Norm) {
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
		if run > 0 && (!nameOK || !segment.SpaceBetween(text, toks[i-1].Span, t.Span)) {
			endRun(i)
		}
		if nameOK {
			run++
		}
	}
	endRun(len(toks))
}

// featureWord reports whether a word may be a feature (or part of a
// name): neither a stop word nor a calendar word.
func (c *Collector) featureWord(norm string) bool {
	_, no := c.notFeature[norm]
	return !no
}

// configured returns a collector with c's configuration (options, word
// sets, lexicons, scorer) and none of its state: the views that finish an
// accumulator or one story start from it.
func (c *Collector) configured() *Collector {
	return &Collector{opt: c.opt, stop: c.stop, notFeature: c.notFeature, events: c.events, evKey: c.evKey,
		frames: c.frames, labels: c.labels, vader: c.vader}
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
//
// The order is total (keys are distinct), so the kept features are found
// by their salience alone except at the lowest salience kept, and only
// they are sorted.
func (c *Collector) selectFeatures(sc *eventScratch) []int32 {
	sc.order = sc.order[:0]
	for i := range sc.stats {
		sc.order = append(sc.order, int32(i))
	}
	K := c.opt.MaxFeatures
	if len(sc.order) <= K {
		return sc.order
	}
	sal := slices.Grow(sc.sal[:0], len(sc.stats))[:len(sc.stats)]
	for i := range sc.stats {
		f := &sc.stats[i]
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
		sal[i] = s
	}
	sc.sal = sal
	less := func(a, b int32) int {
		if c := cmp.Compare(sal[b], sal[a]); c != 0 {
			return c
		}
		fa, fb := &sc.stats[a], &sc.stats[b]
		if c := cmp.Compare(fa.hash, fb.hash); c != 0 {
			return c
		}
		return strings.Compare(fa.key, fb.key)
	}
	// The K-th largest salience: features above it are kept, those at it
	// compete by hash and key.
	sc.tmp = append(sc.tmp[:0], sal...)
	th := kthLargest(sc.tmp, K)
	kept := sc.order[:0]
	ties := sc.tmp[:0] // the sorted saliences are no longer needed
	for i := range sc.stats {
		switch s := sal[i]; {
		case s > th:
			kept = append(kept, int32(i))
		case s == th:
			ties = append(ties, int32(i))
		}
	}
	slices.SortFunc(ties, less)
	kept = append(kept, ties[:K-len(kept)]...)
	slices.SortFunc(kept, less)
	sc.tmp = ties
	return kept
}

// kthLargest returns the k-th largest of xs (1-based), reordering xs.
func kthLargest(xs []int32, k int) int32 {
	slices.Sort(xs)
	return xs[len(xs)-k]
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
