package tonestats

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/lexicons"
	"parallax/tone"
)

// Names of the built-in tone instruments, as printed in the instrument
// column. User valence lexicons follow them under their own names.
const (
	InstrumentVADER = "vader"  // VADER compound score of the sentence, in [−1, 1]
	InstrumentNB    = "nb_pos" // naive Bayes P(positive) of the sentence, in [0, 1]
	// InstrumentVADERAll is VADER scoring every word, the label words
	// included: an instrument only when Options.Mask leaves words out of
	// "vader" (mask.go).
	InstrumentVADERAll = "vader_all"
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
	// Mask holds the words "vader" leaves out (the label words under
	// comparison, the words lexicon categories declare unscored); with a
	// non-empty mask the instrument "vader_all" follows the others,
	// scoring them as before. See mask.go.
	Mask *tone.Mask
}

// Collector scores the sentences of every document it visits; its Visit
// method plugs into Options.Visit. Visit is Map (the scoring, concurrent,
// without a lock) then Acc.Add under a lock, so results do not depend on the
// order of the visits (see Acc).
type Collector struct {
	opt         Options
	nb          *tone.NaiveBayes
	instruments []string
	budget      int
	scratch     sync.Pool // *toneScratch

	mu  sync.Mutex
	acc *Acc
	err error // the first record Add refused (none from Map)
}

// toneScratch holds one Map call's buffers.
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
	if opt.Mask.Len() > 0 {
		if slices.Contains(c.instruments, InstrumentVADERAll) {
			return nil, fmt.Errorf("lexicon name %q is the instrument of VADER with the label words scored: rename it", InstrumentVADERAll)
		}
		c.instruments = append(c.instruments, InstrumentVADERAll)
	}
	c.scratch.New = func() any { return new(toneScratch) }
	c.acc = c.NewAcc()
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
		p.VADER = nanSlice(nil, len(p.Sentences))
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
		// Eight ASCII bytes at a time: none below '!' but single spaces.
		if i+8 <= len(s) {
			w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			const ones, high, low7 = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
			if w&high == 0 && (w-0x20*ones)&^w&high == 0 { // ASCII, no control byte
				t := w ^ 0x20*ones
				sp := ^((t&low7 + low7) | t | low7) // 0x80 at each space
				prev := uint64(0)
				if prevSpace {
					prev = 0x80
				}
				if sp&(sp<<8|prev) == 0 {
					prevSpace = sp>>63 != 0
					i += 8
					continue
				}
			}
		}
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

// Visit scores one processed document and adds its record. Safe for
// concurrent use.
func (c *Collector) Visit(p *segment.Processed) {
	rec := c.Map(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.acc.Add(rec); err != nil && c.err == nil {
		c.err = err
	}
}

// Summarize computes the summary of every document visited (Acc.Summarize).
// Call it after the run; it does not change the collector.
func (c *Collector) Summarize(opt StatsOptions) (*Summary, error) {
	if c.err != nil {
		return nil, c.err
	}
	s, err := c.acc.Summarize(opt)
	if s != nil {
		s.Unscored = c.opt.Mask.Words()
	}
	return s, err
}

// Sentences yields every kept sentence (Acc.Sentences).
func (c *Collector) Sentences() iter.Seq[SentenceScores] { return c.acc.Sentences() }

// Documents yields every document visited in load order (Acc.Documents).
func (c *Collector) Documents() iter.Seq[DocumentScores] { return c.acc.Documents() }

// Absorb merges a, an accumulator of records combined elsewhere (on the
// workers of parallax-beam), into the collector's, as if they had been
// visited: the collector's tables then read them.
func (c *Collector) Absorb(a *Acc) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.acc.Merge(a)
}

// Acc returns the collector's accumulator, holding every document visited.
func (c *Collector) Acc() *Acc { return c.acc }

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
