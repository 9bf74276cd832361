package lexmatch

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"parallax/analysis/resample"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

// Key is what a hit counts for: the entry's key (category, actor,
// referent, event), with the label for a labels lexicon ("the region /
// Artsakh"), or "valence" for a valence lexicon.
func Key(e *lexicons.Entry) string {
	switch {
	case e.Label != "":
		return e.Key + " / " + e.Label
	case e.Key == "":
		return "valence"
	}
	return e.Key
}

// Collector counts a lexicon's hits per group, article and key as
// documents are processed; its Visit method plugs into the pipeline
// (analysis.Options.Visit) and is safe for concurrent use. Visit is Map
// (no lock) then Add to the collector's Acc (under a lock); Rows and
// Passages finish that Acc. Memory: see Acc.
type Collector struct {
	Matcher *Matcher
	// Explain, when set, keeps the passages behind one key (in one group,
	// or all groups when ExplainGroup is empty): the first ExplainMax
	// (default 20) per group in input order.
	Explain, ExplainGroup string
	ExplainMax            int

	once   sync.Once
	keys   []string                   // Keys of the matcher's lexicon
	keyOf  map[*lexicons.Entry]uint32 // each entry's position in keys
	keyPos map[string]uint32          // each key's position in keys
	mu     sync.Mutex
	acc    *Acc
}

// lexArticle is one article's counts: hits and negated hits per key, only
// the keys it hits, in ascending key order.
type lexArticle struct {
	index     int32
	words     int64
	counts    []lexCount
	sentences []lexSentence // only while the group has few articles
}

type lexSentence struct {
	words  int64
	counts []lexCount
}

// lexCount is the hits of one key (its position in Keys).
type lexCount struct {
	key           uint32
	hits, negated int32
}

// addCount adds one hit of key to counts, kept in ascending key order.
func addCount(counts []lexCount, key uint32, negated bool) []lexCount {
	i, found := slices.BinarySearchFunc(counts, key, func(c lexCount, k uint32) int { return cmp.Compare(c.key, k) })
	if !found {
		counts = slices.Insert(counts, i, lexCount{key: key})
	}
	counts[i].hits++
	if negated {
		counts[i].negated++
	}
	return counts
}

// countOf returns the hits and negated hits of key in counts.
func countOf(counts []lexCount, key uint32) (hits, negated int64) {
	if i, ok := slices.BinarySearchFunc(counts, key, func(c lexCount, k uint32) int { return cmp.Compare(c.key, k) }); ok {
		return int64(counts[i].hits), int64(counts[i].negated)
	}
	return 0, 0
}

// index lists the lexicon's keys and each entry's key, once.
func (c *Collector) index() {
	c.once.Do(func() {
		lx := c.Matcher.Lexicon()
		c.keys = Keys(lx)
		c.keyPos = make(map[string]uint32, len(c.keys))
		for i, k := range c.keys {
			c.keyPos[k] = uint32(i)
		}
		c.keyOf = make(map[*lexicons.Entry]uint32, len(lx.Entries))
		for i := range lx.Entries {
			c.keyOf[&lx.Entries[i]] = c.keyPos[Key(&lx.Entries[i])]
		}
	})
}

// Passage is a sentence behind a number, with the matched words marked.
type Passage struct {
	Group, DocID string
	DocIndex     int
	Sentence     int    // 1-based, in the cleaned document
	Text         string // the sentence, white space collapsed, matches in [brackets]
	Key          string
}

// DocRecord is what one document contributes (the map step): its group
// and load ordinal, its words and hits per key, the same per sentence, and
// the passages behind the explained key.
type DocRecord struct {
	Group    string
	Index    int
	article  lexArticle
	passages []Passage
}

// Map counts one document's hits. Hits are found sentence by sentence, so
// phrases and negation never cross a sentence end. It is safe for
// concurrent use.
func (c *Collector) Map(p *segment.Processed) DocRecord {
	c.index()
	a := lexArticle{index: int32(p.Doc.Index)}
	var hits []Hit
	var passages []Passage
	for si, s := range p.Sentences {
		sent := p.Text[s.Start:s.End]
		toks := p.SentenceTokens(si)
		words := int64(len(toks) - segment.CountNonWords(toks))
		hits = c.Matcher.AppendMatches(hits[:0], toks)
		ls := lexSentence{words: words}
		var marked []Hit
		for _, h := range hits {
			key, ok := c.keyOf[h.Entry]
			if !ok { // an entry the matcher's lexicon does not hold by address
				key = c.keyPos[Key(h.Entry)]
			}
			a.counts = addCount(a.counts, key, h.Negated)
			ls.counts = addCount(ls.counts, key, false)
			if c.Explain != "" && c.keys[key] == c.Explain && (c.ExplainGroup == "" || c.ExplainGroup == p.Doc.Group) {
				marked = append(marked, h)
			}
		}
		a.words += words
		a.sentences = append(a.sentences, ls)
		if len(marked) > 0 {
			passages = append(passages, Passage{Group: p.Doc.Group, DocID: p.Doc.ID, DocIndex: p.Doc.Index,
				Sentence: si + 1, Text: MarkHits(sent, toks, marked), Key: c.Explain})
		}
	}
	a.counts = slices.Clip(a.counts)
	return DocRecord{Group: p.Doc.Group, Index: p.Doc.Index, article: a, passages: passages}
}

// NewAcc returns an empty accumulator keeping ExplainMax passages per
// group.
func (c *Collector) NewAcc() *Acc {
	n := c.ExplainMax
	if n <= 0 {
		n = 20
	}
	return &Acc{explainMax: n}
}

// Visit counts one document: Map, then Add under the collector's lock.
func (c *Collector) Visit(p *segment.Processed) {
	rec := c.Map(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.acc == nil {
		c.acc = c.NewAcc()
	}
	c.acc.Add(&rec)
}

// Acc returns the collector's accumulator (what Visit added so far).
func (c *Collector) Acc() *Acc {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.acc == nil {
		c.acc = c.NewAcc()
	}
	return c.acc
}

// MarkHits returns the sentence with white space collapsed and each hit's
// words in [brackets].
func MarkHits(sent string, toks []segment.Token, hits []Hit) string {
	var b strings.Builder
	pos := 0
	for _, h := range hits {
		start, end := toks[h.Start].Span.Start, toks[h.End-1].Span.End
		b.WriteString(sent[pos:start])
		b.WriteString("[")
		b.WriteString(sent[start:end])
		b.WriteString("]")
		pos = end
	}
	b.WriteString(sent[pos:])
	return segment.OneLine(b.String())
}

// Row is one group's figures for one key.
type Row struct {
	Group, Key       string
	Hits, Negated    int64
	Words            int64
	Per1k, Low, High float64 // hits per 1,000 words, with its 95% bootstrap interval
	Unit             string  // what was resampled: UnitArticle or UnitSentence
	Articles         int
	Small            bool
}

// Rows returns every group × key (keys of the lexicon in its order, groups
// sorted), with intervals from resamples resamples seeded by seed.
func (c *Collector) Rows(resamples int, seed uint64) []Row {
	return c.RowsOf(c.Acc(), resamples, seed)
}

// Passages returns the kept passages, by group then input order.
func (c *Collector) Passages() []Passage { return c.Acc().Passages() }

// RowsOf finishes an accumulator of this collector's records: every group
// × key (keys of the lexicon in its order, groups sorted), with intervals
// from resamples resamples seeded by seed.
func (c *Collector) RowsOf(acc *Acc, resamples int, seed uint64) []Row {
	c.index()
	keys := c.keys
	names := make([]string, 0, len(acc.groups))
	for name := range acc.groups {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []Row
	for _, name := range names {
		g := acc.groups[name]
		slices.SortFunc(g.articles, func(a, b lexArticle) int { return cmp.Compare(a.index, b.index) })
		articles := 0 // with at least one word: the others carry nothing
		for _, a := range g.articles {
			if a.words > 0 {
				articles++
			}
		}
		small := articles < resample.MinClusterUnits
		for ki, k := range keys {
			r := Row{Group: name, Key: k, Articles: articles, Small: small, Unit: resample.UnitArticle}
			var num, den []float64
			for _, a := range g.articles {
				hits, negated := countOf(a.counts, uint32(ki))
				r.Hits += hits
				r.Negated += negated
				r.Words += a.words
				if small {
					for _, s := range a.sentences {
						h, _ := countOf(s.counts, uint32(ki))
						num, den = append(num, float64(h)), append(den, float64(s.words))
					}
				} else {
					num, den = append(num, float64(hits)), append(den, float64(a.words))
				}
			}
			if small {
				r.Unit = resample.UnitSentence
			}
			ratio, lo, hi := resample.BootstrapRatio(num, den, resamples, seed, name+"\x00"+k)
			r.Per1k, r.Low, r.High = 1000*ratio, 1000*lo, 1000*hi
			out = append(out, r)
		}
	}
	return out
}

// Keys lists the keys a lexicon counts, in file order.
func Keys(lx *lexicons.Lexicon) []string {
	seen := map[string]bool{}
	var keys []string
	for i := range lx.Entries {
		k := Key(&lx.Entries[i])
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}
