package stance

import (
	"cmp"
	"slices"
	"sync"
	"unicode/utf8"

	"parallax/analysis/lexmatch"
	"parallax/analysis/resample"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
)

// MentionRow is one scored mention of an actor in a corpus.
type MentionRow struct {
	DocIndex   int    // the document's load ordinal
	Group, Doc string // its group and id
	Sentence   int    // 0-based sentence of the document
	Actor      string // the actors lexicon's key
	Mention    string // the words matched
	// Start and End are the mention's offsets in characters (code points)
	// within the sentence, End exclusive, as in NewsMTSC.
	Start, End int
	Result
}

// Collector scores every mention of an actors lexicon's entries in the
// documents it visits. Visit is safe for concurrent use.
type Collector struct {
	model  *Model
	actors *lexmatch.Matcher
	mu     sync.Mutex
	rows   []MentionRow
}

// NewCollector returns a collector scoring the mentions actors finds with m.
func NewCollector(m *Model, actors *lexmatch.Matcher) *Collector {
	return &Collector{model: m, actors: actors}
}

// Visit scores the actor mentions of one processed document.
func (c *Collector) Visit(p *segment.Processed) {
	var rows []MentionRow
	var hits []lexmatch.Hit
	for s, sp := range p.Sentences {
		toks := p.SentenceTokens(s)
		hits = c.actors.AppendMatches(hits[:0], toks)
		if len(hits) == 0 {
			continue
		}
		sent := p.Text[sp.Start:sp.End]
		// the sentence's VADER compound as the tone stage computes it
		men := Mention{Sentence: sent, Tokens: toks, HasCompound: true, Compound: tonestats.SentenceVADER(p, s), Norms: p.Norms}
		for _, h := range hits {
			a, b := toks[h.Start].Span.Start, toks[h.End-1].Span.End
			men.Target = segment.Span{Start: a, End: b}
			r := c.model.Score(&men)
			start := utf8.RuneCountInString(sent[:a])
			rows = append(rows, MentionRow{DocIndex: p.Doc.Index, Group: p.Doc.Group, Doc: p.Doc.ID, Sentence: s,
				Actor: h.Entry.Key, Mention: sent[a:b], Start: start, End: start + utf8.RuneCountInString(sent[a:b]), Result: r})
		}
	}
	if len(rows) == 0 {
		return
	}
	c.mu.Lock()
	c.rows = append(c.rows, rows...)
	c.mu.Unlock()
}

// Rows returns the scored mentions in corpus order: by document, sentence
// and start.
func (c *Collector) Rows() []MentionRow {
	slices.SortFunc(c.rows, func(a, b MentionRow) int {
		return cmp.Or(cmp.Compare(a.DocIndex, b.DocIndex), cmp.Compare(a.Sentence, b.Sentence),
			cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Actor, b.Actor))
	})
	return c.rows
}

// SummaryRow is the stance toward one actor in one group.
type SummaryRow struct {
	Actor, Group string
	// Stance is the mean score of the actor's mentions with its 95%
	// bootstrap interval (articles resampled, as for tone).
	Stance resample.Interval
	// Shares are the shares of mentions of each class.
	Shares [numClasses]float64
}

// Summarize gives, per actor and group (sorted by actor, then group), the
// mean stance of the mentions with a bootstrap interval and the class
// shares.
func Summarize(rows []MentionRow, resamples int, seed uint64) []SummaryRow {
	type key struct{ actor, group string }
	by := map[key][]int{}
	for i, r := range rows {
		k := key{r.Actor, r.Group}
		by[k] = append(by[k], i)
	}
	keys := make([]key, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.actor, b.actor), cmp.Compare(a.group, b.group)) })
	out := make([]SummaryRow, 0, len(keys))
	for _, k := range keys {
		idx := by[k]
		// rows are in document order, so each document's values are contiguous
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(rows[a].DocIndex, rows[b].DocIndex) })
		vals := make([]float64, len(idx))
		units := make([]int32, len(idx))
		sr := SummaryRow{Actor: k.actor, Group: k.group}
		for j, i := range idx {
			vals[j], units[j] = rows[i].Score, int32(rows[i].DocIndex)
			sr.Shares[rows[i].Class]++
		}
		for c := range sr.Shares {
			sr.Shares[c] /= float64(len(idx))
		}
		s, err := resample.NewSample(vals, units)
		if err == nil {
			sr.Stance = resample.Bootstrap(s, resamples, seed, k.actor+"\x00"+k.group)
		}
		out = append(out, sr)
	}
	return out
}
