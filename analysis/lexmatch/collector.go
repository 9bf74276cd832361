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
// (analysis.Options.Visit) and is safe for concurrent use. Memory: per
// article, its word count and its hits per key; sentence-level counts are
// kept only for a group's first MinClusterUnits articles (enough to
// resample sentences when the group turns out small). Keys are counted by
// their position in Keys, so an
// article costs 64 bytes plus 12 per key it hits.
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
	groups map[string]*lexGroup
}

type lexGroup struct {
	articles []lexArticle
	passages []Passage
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

// Visit counts one document's hits. Hits are found sentence by sentence, so
// phrases and negation never cross a sentence end.
func (c *Collector) Visit(p *segment.Processed) {
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
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.groups == nil {
		c.groups = map[string]*lexGroup{}
	}
	g := c.groups[p.Doc.Group]
	if g == nil {
		g = &lexGroup{}
		c.groups[p.Doc.Group] = g
	}
	if len(g.articles) >= resample.MinClusterUnits {
		a.sentences = nil // the group is not small: articles will be resampled
		if len(g.articles) == resample.MinClusterUnits {
			for i := range g.articles {
				g.articles[i].sentences = nil
			}
		}
	}
	a.counts = slices.Clip(a.counts)
	g.articles = append(g.articles, a)
	g.passages = append(g.passages, passages...)
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
	c.index()
	keys := c.keys
	names := make([]string, 0, len(c.groups))
	for name := range c.groups {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []Row
	for _, name := range names {
		g := c.groups[name]
		sort.Slice(g.articles, func(i, j int) bool { return g.articles[i].index < g.articles[j].index })
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

// Passages returns the kept passages, by group then input order.
func (c *Collector) Passages() []Passage {
	var out []Passage
	for _, g := range c.groups {
		sort.Slice(g.passages, func(i, j int) bool {
			x, y := g.passages[i], g.passages[j]
			if x.DocIndex != y.DocIndex {
				return x.DocIndex < y.DocIndex
			}
			return x.Sentence < y.Sentence
		})
		n := c.ExplainMax
		if n <= 0 {
			n = 20
		}
		out = append(out, g.passages[:min(n, len(g.passages))]...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Group < out[j].Group })
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
