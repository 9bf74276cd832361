package framing

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"

	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/analysis/stance"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
	"parallax/tone"
)

// Options says what Collector looks for.
type Options struct {
	Labels      *lexmatch.Matcher // a labels lexicon; nil: no label tables
	Actors      *lexmatch.Matcher // an actors lexicon; nil: actors are discovered from names
	Stance      *stance.Model     // scores the stance toward each actor mention (docs/stance.md); nil: none
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
	// ToneMask holds the words the actors' tone leaves out (the label
	// words, tonestats.SentenceVADERMasked); nil scores every word.
	ToneMask *tone.Mask
}

// Collector collects framing evidence document by document; Visit is
// safe for concurrent use: it is Map (no lock), then Add to the
// collector's accumulator under a lock. Results do not depend on visit
// order: they are sorted by document index when read. The result methods
// finish the accumulator (Acc has the same methods).
type Collector struct {
	opt      Options
	labelCtx *labelContext // the labels lexicon's context rules (labels.go); nil: none
	mu       sync.Mutex
	acc      *Acc
}

// NewAcc returns an empty accumulator for this collector's records.
func (c *Collector) NewAcc() *Acc {
	return &Acc{opt: &c.opt, names: []string{""}, nameID: map[string]uint32{"": 0},
		texts: map[uint32]*textHeap{}, labelTexts: map[labelKey]*textHeap{}, store: newRecordStore()}
}

// Visit collects one document: Map, then Add.
func (c *Collector) Visit(p *segment.Processed) {
	rec := c.Map(p)
	c.mu.Lock()
	c.acc.Add(&rec)
	c.mu.Unlock()
}

// Err returns the first error of the accumulator's temporary file of
// records (Acc.Err).
func (c *Collector) Err() error { return c.Acc().Err() }

// Acc returns the collector's accumulator: what Visit added so far.
func (c *Collector) Acc() *Acc {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.acc
}

// LabelRows: see Acc.LabelRows.
func (c *Collector) LabelRows() []LabelRow { return c.Acc().LabelRows() }

// LabelPassages: see Acc.LabelPassages.
func (c *Collector) LabelPassages(max int) []LabelPassage { return c.Acc().LabelPassages(max) }

// Quotes: see Acc.Quotes.
func (c *Collector) Quotes(kinds ...QuoteKind) []QuoteRow { return c.Acc().Quotes(kinds...) }

// QuoteRows: see Acc.QuoteRows.
func (c *Collector) QuoteRows(kinds ...QuoteKind) iter.Seq[QuoteRow] {
	return c.Acc().QuoteRows(kinds...)
}

// Attribution: see Acc.Attribution.
func (c *Collector) Attribution() []AttributionRow { return c.Acc().Attribution() }

// Sources: see Acc.Sources.
func (c *Collector) Sources() []SourceRow { return c.Acc().Sources() }

// ScareQuotes: see Acc.ScareQuotes.
func (c *Collector) ScareQuotes() []ScareRow { return c.Acc().ScareQuotes() }

// Actors: see Acc.Actors.
func (c *Collector) Actors(resamples int, seed uint64) []ActorRow {
	return c.Acc().Actors(resamples, seed)
}

// QuoteCounter: see Acc.QuoteCounter.
func (c *Collector) QuoteCounter() func(docIndex, sentence int) int { return c.Acc().QuoteCounter() }

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
	c := &Collector{opt: opt}
	if opt.Labels != nil {
		var err error
		if c.labelCtx, err = newLabelContext(opt.Labels.Lexicon()); err != nil {
			return nil, err
		}
	}
	c.acc = c.NewAcc()
	return c, nil
}

// Map gathers what one document contributes (the map step): its quotes,
// label hits, actor mentions with the tone, labels and frames of their
// sentences, and the quotes of each actor's side. It reads only the
// collector's options, so it is safe for concurrent use.
func (c *Collector) Map(p *segment.Processed) DocRecord {
	d := newQuoteDoc(p.Text, p.Sentences, p.SentenceTokens)
	defer d.release()
	// The maps are filled here and encoded, compact, at the end: maps do
	// not shrink when entries are deleted, and most sentences are dropped.
	fd := &DocRecord{index: p.Doc.Index, group: p.Doc.Group, id: p.Doc.ID, sentences: len(p.Sentences),
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
	var hits, ctxHits []lexmatch.Hit
	st := c.newStancer(p, d)
	for s := range d.sents {
		a, b := int(d.sentTok[s]), int(d.sentTok[s+1])
		toks := d.toks[a:b]
		sent := d.text[d.sents[s].Start:d.sents[s].End]
		var labels, frames []string
		if c.opt.Labels != nil {
			hits = c.opt.Labels.AppendMatches(hits[:0], toks)
			var facts sentenceFacts
			if c.labelCtx != nil && len(hits) > 0 {
				facts, ctxHits = c.labelCtx.facts(toks, d.text, ctxHits)
			}
			for _, h := range hits {
				v := labelVoices[voice[a+h.Start]]
				if c.labelCtx != nil && !c.labelCtx.resolved(h.Entry.Key, &facts, p.Doc.Date) {
					v = VoiceUnresolved
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
				st.add(s, h.Entry.Key, a+h.Start, a+h.End)
			}
		}
		for _, m := range mentioned {
			fd.actors[m] = append(fd.actors[m], s)
		}
		if len(mentioned) > 0 {
			c.keepSentence(p, fd, s, labels, frames, st)
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
			st.add(n.Sentence, key, n.Start, n.End)
		}
		for _, ss := range fd.actors {
			for _, s := range ss {
				if _, ok := fd.sentTone[s]; !ok {
					c.keepSentence(p, fd, s, fd.sentLabels[s], fd.sentFrames[s], st)
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
	fd.stance = st.means()
	return *fd
}

// keepSentence scores a sentence mentioning an actor.
func (c *Collector) keepSentence(p *segment.Processed, fd *DocRecord, s int, labels, frames []string, st *stancer) {
	span := p.Sentences[s]
	if !tonestats.HasWord(tonestats.SentenceText(p.Text[span.Start:span.End])) {
		return
	}
	fd.sentTone[s] = st.tone(s)
	if c.opt.ToneMask.Len() > 0 { // the plain score is cached by now
		if all := tonestats.SentenceVADER(p, s); all != fd.sentTone[s] {
			if fd.sentToneAll == nil {
				fd.sentToneAll = map[int]float64{}
			}
			fd.sentToneAll[s] = all
		}
	}
	if labels != nil || frames != nil { // a missing sentence reads as none
		fd.sentLabels[s], fd.sentFrames[s] = labels, frames
	}
}

// quoteSides returns the actors a quote's speaker belongs to: with an
// actors lexicon, the actors matched in its speaker and source phrase
// ("Hikmet Hajiyev, adviser to Azerbaijan's president" → Azerbaijan);
// without one, the names the speaker is (resolved later against the
// discovered actors, by exact name).
func (c *Collector) quoteSides(q *Quote, fd *DocRecord) []string {
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
