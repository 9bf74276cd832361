package tonestats

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/gonum/stat"

	"parallax/analysis/lexmatch"
	"parallax/analysis/resample"
	"parallax/analysis/segment"
	"parallax/lexicons"
	"parallax/tone"
)

// Names of the built-in tone instruments, as printed in the instrument
// column. User valence lexicons follow them under their own names.
const (
	InstrumentVADER = "vader"  // VADER compound score of the sentence, in [−1, 1]
	InstrumentNB    = "nb_pos" // naive Bayes P(positive) of the sentence, in [0, 1]
)

// DefaultValueBudget is the number of sentences whose scores a
// Collector keeps for every group before it keeps them only for groups
// with fewer than MinClusterUnits articles (see Options.MaxKeptSentences).
const DefaultValueBudget = 1 << 21

// Lexicon is a user valence lexicon used as a tone instrument.
type Lexicon struct {
	Name    string            // the instrument's name in every table
	Matcher *lexmatch.Matcher // compiled from a lexicon of kind valence
}

// Options configure a Collector.
type Options struct {
	// Lexicons are user valence lexicons, scored after VADER and naive
	// Bayes, in this order.
	Lexicons []Lexicon
	// Sentences keeps every sentence's text and scores, for
	// SentenceToneSection (--unit sentence); memory grows with the corpus.
	Sentences bool
	// Documents keeps each document's label, mean scores and whole-text
	// naive Bayes verdict, for DocumentToneSection (--unit document). It
	// classifies each whole text once more.
	Documents bool
	// MaxKeptSentences bounds memory: group means and article-level
	// intervals need only each article's sum and count per instrument, but a
	// group with fewer than MinClusterUnits articles is resampled by
	// sentence, and its permutation test with any other group permutes the
	// sentences of both. Scores of single sentences are therefore kept for
	// every group while the corpus has at most this many sentences (0 means
	// DefaultValueBudget); beyond it, only for small groups, and a test
	// between a small group and a large one is reported as not available.
	// With Sentences set every score is kept anyway and there is no bound.
	MaxKeptSentences int
}

// Collector scores the sentences of every document it visits; its Visit
// method plugs into Options.Visit. Results do not depend on the order of the
// visits: documents are sorted by Doc.Index and every sum is taken within one
// document, in sentence order.
type Collector struct {
	opt         Options
	nb          *tone.NaiveBayes
	instruments []string
	budget      int
	scratch     sync.Pool // *toneScratch

	mu        sync.Mutex
	groups    map[string]*toneGroup
	sentences int  // sentences visited
	released  bool // the budget was exceeded: large groups keep no single scores
}

// toneGroup is what the collector keeps for one group.
type toneGroup struct {
	docs     []*toneDoc
	articles int  // documents with at least one sentence
	released bool // its documents keep no sentence scores
}

// toneDoc is what the collector keeps for one document: about 120 bytes
// with the two default instruments, plus the sentence scores while kept.
type toneDoc struct {
	index  int32
	n      int32     // sentences
	sums   []float64 // per instrument: Σ sentence scores, in sentence order
	maxAbs []float64 // per instrument: max |sentence score|
	// values holds the sentence scores, sentence-major (values[s*K+k]),
	// unless released (see Options.MaxKeptSentences).
	values       []float64
	*toneDocText // nil unless ToneOptions.Sentences or Documents
}

// text returns what the sentence and document tables read: empty for a
// collector without Options.Sentences or Documents.
func (d *toneDoc) text() *toneDocText {
	if d.toneDocText != nil {
		return d.toneDocText
	}
	return &noDocText
}

// noDocText is the empty toneDocText that text returns; never written.
var noDocText toneDocText

// toneDocText is what the sentence and document tables add.
type toneDocText struct {
	// With Options.Sentences: each sentence's text and NB class.
	texts   []string
	classes []bool
	numbers []int // each kept sentence's 1-based number in the cleaned document
	// With Options.Documents: identity and the whole-text NB verdict.
	id, group, label string
	docNB            tone.NBResult
}

// toneScratch holds one Visit call's buffers.
type toneScratch struct {
	values []float64
	toks   []segment.Token
	hits   []lexmatch.Hit
}

// NewCollector checks the lexicons and loads the naive Bayes model once.
func NewCollector(opt Options) (*Collector, error) {
	nb, err := tone.LoadNaiveBayes()
	if err != nil {
		return nil, err
	}
	c := &Collector{
		opt:         opt,
		nb:          nb,
		instruments: []string{InstrumentVADER, InstrumentNB},
		budget:      opt.MaxKeptSentences,
		groups:      map[string]*toneGroup{},
	}
	if c.budget <= 0 {
		c.budget = DefaultValueBudget
	}
	for i, lx := range opt.Lexicons {
		switch {
		case lx.Matcher == nil:
			return nil, fmt.Errorf("tone lexicon %d (%q) has no matcher", i+1, lx.Name)
		case lx.Name == "":
			return nil, fmt.Errorf("tone lexicon %d from %q has no name", i+1, lx.Matcher.Lexicon().File)
		case lx.Matcher.Lexicon().Kind != lexicons.KindValence:
			return nil, fmt.Errorf("lexicon %q is of kind %q: tone needs a lexicon of kind %q",
				lx.Name, lx.Matcher.Lexicon().Kind, lexicons.KindValence)
		case slices.Contains(c.instruments, lx.Name):
			return nil, fmt.Errorf("lexicon name %q is already an instrument (%s): rename it",
				lx.Name, strings.Join(c.instruments, ", "))
		}
		c.instruments = append(c.instruments, lx.Name)
	}
	c.scratch.New = func() any { return new(toneScratch) }
	return c, nil
}

// Instruments names the instruments in table order: "vader", "nb_pos", then
// the lexicons.
func (c *Collector) Instruments() []string { return slices.Clone(c.instruments) }

// SentenceVADER returns the VADER compound score of sentence i of p as every
// instrument reads it (SentenceText), computed once per document and kept in
// p.VADER: the collectors of one run (tone, actors) share it. A Processed
// is visited by one goroutine at a time, so there is no lock.
func SentenceVADER(p *segment.Processed, i int) float64 {
	if p.VADER == nil {
		p.VADER = make([]float64, len(p.Sentences))
		for k := range p.VADER {
			p.VADER[k] = math.NaN()
		}
	}
	if v := p.VADER[i]; !math.IsNaN(v) {
		return v
	}
	s := p.Sentences[i]
	v := tone.VADER(SentenceText(p.Text[s.Start:s.End])).Compound
	p.VADER[i] = v
	return v
}

// SentenceText is the text of a sentence as every instrument reads it and as
// the sentence table prints it: runs of white space (line breaks, tabs,
// no-break spaces) collapsed to one space, ends trimmed. Naive Bayes deletes
// every non-letter, so a line break inside a sentence would otherwise glue
// the words around it together.
func SentenceText(sentence string) string {
	if isOneLine(sentence) {
		return sentence
	}
	return segment.OneLine(sentence)
}

// isOneLine reports whether s has no white space other than single ASCII
// spaces between non-space characters, i.e. whether segment.OneLine(s) == s.
func isOneLine(s string) bool {
	prevSpace := true // a leading space is not one line
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case '\t', '\n', '\v', '\f', '\r':
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		prevSpace = false
		i += size
	}
	return !prevSpace || s == ""
}

// Visit scores one processed document. Safe for concurrent use.
func (c *Collector) Visit(p *segment.Processed) {
	sc := c.scratch.Get().(*toneScratch)
	defer c.scratch.Put(sc)
	k := len(c.instruments)
	stats := make([]float64, 2*k)
	d := &toneDoc{
		index:  int32(p.Doc.Index),
		sums:   stats[:k:k],
		maxAbs: stats[k:],
	}
	if c.opt.Sentences || c.opt.Documents {
		d.toneDocText = &toneDocText{}
	}
	sc.values = sc.values[:0]
	for si, s := range p.Sentences {
		if !HasWord(p.Text[s.Start:s.End]) {
			continue // "…", "”": no word to score; it would pull means to 0 and 0.5
		}
		d.n++
		text := SentenceText(p.Text[s.Start:s.End])
		start := len(sc.values)
		nb := c.nb.Classify(text)
		sc.values = append(sc.values, SentenceVADER(p, si), nb.PPositive)
		if len(c.opt.Lexicons) > 0 {
			sc.toks = segment.Tokenize(text, sc.toks[:0])
			for _, lx := range c.opt.Lexicons {
				var score float64
				score, sc.hits = LexiconValence(lx.Matcher, sc.toks, sc.hits[:0])
				sc.values = append(sc.values, score)
			}
		}
		for j, v := range sc.values[start:] {
			d.sums[j] += v
			d.maxAbs[j] = max(d.maxAbs[j], math.Abs(v))
		}
		if c.opt.Sentences {
			d.texts = append(d.texts, text)
			d.classes = append(d.classes, nb.Positive)
			d.numbers = append(d.numbers, si+1)
		}
	}
	if c.opt.Sentences || c.opt.Documents {
		d.id, d.group = p.Doc.ID, p.Doc.Group
	}
	if c.opt.Documents {
		d.label = docLabel(p.Doc.Title, p.Text)
		d.docNB = c.nb.Classify(p.Text)
	}
	c.add(p.Doc.Group, d, sc.values)
}

// add files a scored document under its group, keeping a copy of its
// sentence scores unless the budget says otherwise.
func (c *Collector) add(group string, d *toneDoc, values []float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.groups[group]
	if g == nil {
		g = &toneGroup{}
		c.groups[group] = g
	}
	g.docs = append(g.docs, d)
	if d.n > 0 {
		g.articles++
	}
	c.sentences += int(d.n)
	if c.opt.Sentences {
		d.values = slices.Clone(values)
		return
	}
	if !c.released && c.sentences > c.budget {
		c.released = true
		for _, other := range c.groups {
			if other.articles >= resample.MinClusterUnits {
				other.release()
			}
		}
	}
	if c.released && g.articles >= resample.MinClusterUnits {
		g.release() // the group just became large, or was already: d too
		return
	}
	d.values = slices.Clone(values)
}

// release drops the single sentence scores of a group's documents, once.
func (g *toneGroup) release() {
	if g.released {
		return
	}
	g.released = true
	for _, d := range g.docs {
		d.values = nil
	}
}

// docLabel is the title, or else the first 80 characters of the text on one
// line, copied so that the document's text can be freed.
func docLabel(title, text string) string {
	if t := strings.TrimSpace(title); t != "" {
		return segment.OneLine(t)
	}
	// 1 KiB of text holds 80 characters unless it is mostly white space.
	cut := min(len(text), 1024)
	for cut < len(text) && cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	s := segment.OneLine(text[:cut])
	for i, n := 0, 0; i < len(s); n++ {
		if n == 80 {
			return strings.Clone(s[:i])
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return strings.Clone(s)
}

// LexiconValence scores one sentence's tokens with a valence lexicon: the sum
// of its hits' scores (Hit.Score: a hit negated within three tokens counts
// with its sign flipped) divided by the sentence's words (tokens other than
// URLs and e-mail addresses, as the corpus table counts them), so that long
// sentences do not score higher for their length. A sentence without words
// scores 0. hits is a reusable buffer, returned grown.
func LexiconValence(m *lexmatch.Matcher, toks []segment.Token, hits []lexmatch.Hit) (float64, []lexmatch.Hit) {
	words := len(toks) - segment.CountNonWords(toks)
	hits = m.AppendMatches(hits[:0], toks)
	if words <= 0 {
		return 0, hits
	}
	var sum float64
	for _, h := range hits {
		sum += h.Score()
	}
	return sum / float64(words), hits
}

// ---------------------------------------------------------------------------
// Summaries

// StatsOptions configure the uncertainty of a tone summary.
type StatsOptions struct {
	Resamples    int    // bootstrap resamples; ≤ 0 means DefaultResamples
	Permutations int    // permutations per pair; ≤ 0 means DefaultPermutations
	Seed         uint64 // --seed
	NoPairs      bool   // skip the pairwise tests (compare shows only the intervals)
}

// Summary is the group-level result of a tone run.
type Summary struct {
	Instruments []string
	Groups      []string              // sorted
	Intervals   [][]resample.Interval // [instrument][group]: the group mean with its interval
	Pairs       [][]resample.PairTest // [instrument]: every pair of groups, sorted by (A, B)
	Agreement   []Agreement
	Stats       StatsOptions // with defaults filled in
	// Released is true when the corpus had more sentences than
	// Options.MaxKeptSentences: tests between a small and a large group
	// are then not available (P and Q NaN).
	Released bool
}

// Agreement is the Spearman rank correlation between two instruments'
// group means, over the groups where both are defined.
type Agreement struct {
	A, B     string
	Spearman float64 // NaN with fewer than 3 groups or constant means
	Groups   int
}

// Summarize computes, per instrument, each group's mean sentence score with
// its bootstrap interval, the pairwise permutation tests (Benjamini–Hochberg
// over the pairs of one instrument) and the agreement of the instruments.
// Call it after the run; it does not change the collector.
func (c *Collector) Summarize(opt StatsOptions) (*Summary, error) {
	if opt.Resamples <= 0 {
		opt.Resamples = resample.DefaultResamples
	}
	if opt.Permutations <= 0 {
		opt.Permutations = resample.DefaultPermutations
	}
	names := slices.Sorted(maps.Keys(c.groups))
	s := &Summary{Instruments: c.Instruments(), Groups: names, Stats: opt, Released: c.released}
	samples := make([][]resample.Sample, len(c.instruments)) // [instrument][group]
	for k := range samples {
		samples[k] = make([]resample.Sample, len(names))
	}
	var zeros []float64 // shared stand-in values of released groups, see articleSample
	for gi, name := range names {
		docs := c.sortedDocs(c.groups[name])
		for k := range c.instruments {
			smp, err := c.sample(docs, k, &zeros)
			if err != nil {
				return nil, fmt.Errorf("group %q, instrument %q: %v", name, c.instruments[k], err)
			}
			samples[k][gi] = smp
		}
	}
	for k := range c.instruments {
		iv, err := resample.BootstrapGroups(names, samples[k], opt.Resamples, opt.Seed)
		if err != nil {
			return nil, err
		}
		s.Intervals = append(s.Intervals, iv)
		if opt.NoPairs {
			continue
		}
		pairs, err := resample.PairwiseTests(names, samples[k], opt.Permutations, opt.Seed)
		if err != nil {
			return nil, err
		}
		if c.released {
			dropUntestable(pairs, names, samples[k])
		}
		s.Pairs = append(s.Pairs, pairs)
	}
	s.Agreement = toneAgreement(s)
	return s, nil
}

// sortedDocs returns a group's documents in input order.
func (c *Collector) sortedDocs(g *toneGroup) []*toneDoc {
	docs := slices.Clone(g.docs)
	slices.SortFunc(docs, func(a, b *toneDoc) int { return cmp.Compare(a.index, b.index) })
	return docs
}

// sample builds instrument k's sample of a group from its documents in
// input order: from the sentence scores when kept, else from the articles'
// sums (see articleSample).
func (c *Collector) sample(docs []*toneDoc, k int, zeros *[]float64) (resample.Sample, error) {
	kept := true
	for _, d := range docs {
		if d.n > 0 && d.values == nil {
			kept = false
			break
		}
	}
	if !kept {
		return articleSample(docs, k, zeros), nil
	}
	K := len(c.instruments)
	var values []float64
	var units []int32
	for i, d := range docs {
		for s := range int(d.n) {
			values = append(values, d.values[s*K+k])
			units = append(units, int32(i))
		}
	}
	return resample.NewSample(values, units)
}

// articleSample builds the sample of a group whose sentence scores were
// released from its articles' sums and counts; only article resampling and
// article permutation may use it. The values are a stand-in
// (SampleFromSums): a prefix of one shared slice of zeros, never read when
// articles are the unit. The total is the sum of the article sums in input
// order.
func articleSample(docs []*toneDoc, k int, zeros *[]float64) resample.Sample {
	var sums, counts []float64
	maxAbs := 0.0
	n := 0
	for _, d := range docs {
		if d.n == 0 {
			continue
		}
		sums = append(sums, d.sums[k])
		counts = append(counts, float64(d.n))
		maxAbs = max(maxAbs, d.maxAbs[k])
		n += int(d.n)
	}
	if len(*zeros) < n {
		*zeros = make([]float64, n)
	}
	return resample.SampleFromSums(sums, counts, maxAbs, *zeros)
}

// dropUntestable sets P and Q to NaN for each pair that would permute the
// sentences of a group whose sentence scores were released (a small group
// against a large one), and recomputes Q over the remaining pairs.
func dropUntestable(pairs []resample.PairTest, names []string, samples []resample.Sample) {
	small := map[string]bool{}
	for i, name := range names {
		small[name] = samples[i].Small()
	}
	p := make([]float64, len(pairs))
	for i := range pairs {
		if small[pairs[i].A] != small[pairs[i].B] {
			pairs[i].P, pairs[i].Permutations = math.NaN(), 0
		}
		p[i] = pairs[i].P
	}
	for i, q := range resample.BenjaminiHochberg(p) {
		pairs[i].Q = q
	}
}

// toneAgreement correlates the group means of every pair of instruments.
func toneAgreement(s *Summary) []Agreement {
	var out []Agreement
	for a := range s.Instruments {
		for b := a + 1; b < len(s.Instruments); b++ {
			var x, y []float64
			for g := range s.Groups {
				ma, mb := s.Intervals[a][g].Mean, s.Intervals[b][g].Mean
				if !math.IsNaN(ma) && !math.IsNaN(mb) {
					x = append(x, ma)
					y = append(y, mb)
				}
			}
			r := math.NaN()
			if len(x) >= 3 {
				r = Spearman(x, y)
			}
			out = append(out, Agreement{A: s.Instruments[a], B: s.Instruments[b], Spearman: r, Groups: len(x)})
		}
	}
	return out
}

// Spearman is the rank correlation of x and y: the Pearson correlation of
// their ranks, tied values sharing the mean of the ranks they span. It is
// NaN when either has fewer than two distinct values. x and y must have the
// same length.
func Spearman(x, y []float64) float64 {
	return stat.Correlation(AverageRanks(x), AverageRanks(y), nil)
}

// AverageRanks returns the 1-based ranks of x, ties getting the mean of the
// ranks they span: [10, 20, 20, 5] ranks as [2, 3.5, 3.5, 1].
func AverageRanks(x []float64) []float64 {
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return x[order[a]] < x[order[b]] })
	ranks := make([]float64, len(x))
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && x[order[j]] == x[order[i]] {
			j++
		}
		r := float64(i+1+j) / 2 // mean of ranks i+1 … j
		for _, o := range order[i:j] {
			ranks[o] = r
		}
		i = j
	}
	return ranks
}

// SentenceScores is one sentence's scores, as Sentences yields them.
type SentenceScores struct {
	Group, Doc string
	Sentence   int       // 1-based, in the cleaned document
	Text       string    // as the instruments read it (SentenceText)
	Scores     []float64 // one per instrument, in Instruments order
	Positive   bool      // the naive Bayes class
}

// Sentences yields every kept sentence (Options.Sentences): documents
// in input order, then sentences in order. It yields nothing without
// Options.Sentences.
func (c *Collector) Sentences() iter.Seq[SentenceScores] {
	docs := c.allDocs()
	k := len(c.instruments)
	return func(yield func(SentenceScores) bool) {
		for _, d := range docs {
			dt := d.text()
			for s := range dt.texts {
				if !yield(SentenceScores{Group: dt.group, Doc: dt.id, Sentence: dt.numbers[s], Text: dt.texts[s],
					Scores: d.values[s*k : (s+1)*k], Positive: dt.classes[s]}) {
					return
				}
			}
		}
	}
}

// DocumentScores is one document's scores, as Documents yields them.
type DocumentScores struct {
	Group, Doc string    // empty without ToneOptions.Documents (or Sentences)
	Sentences  int       // sentences scored
	Label      string    // the title, or the start of the text
	Sums       []float64 // per instrument: the sum of the sentence scores
	// Whole is naive Bayes on the whole cleaned text, as the original
	// package classifies it; Classified says whether it was computed
	// (Options.Documents).
	Whole      tone.NBResult
	Classified bool
}

// Documents yields every document in input order.
func (c *Collector) Documents() iter.Seq[DocumentScores] {
	docs := c.allDocs()
	return func(yield func(DocumentScores) bool) {
		for _, d := range docs {
			dt := d.text()
			if !yield(DocumentScores{Group: dt.group, Doc: dt.id, Sentences: int(d.n), Label: dt.label, Sums: d.sums,
				Whole: dt.docNB, Classified: c.opt.Documents}) {
				return
			}
		}
	}
}

// allDocs returns every document in input order.
func (c *Collector) allDocs() []*toneDoc {
	var docs []*toneDoc
	for _, g := range c.groups {
		docs = append(docs, g.docs...)
	}
	slices.SortFunc(docs, func(a, b *toneDoc) int { return cmp.Compare(a.index, b.index) })
	return docs
}

// HasWord reports whether s holds a letter or digit, that is, a word
// token: sentences without one are not scored.
func HasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
