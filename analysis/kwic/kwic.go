package kwic

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
)

// Pattern is a compiled keyword-in-context pattern: one or more words,
// matched case-insensitively against consecutive tokens of one sentence. Each
// word may use the globs '*' (any run of characters) and '?' (one character),
// as lexicon patterns do: "separatist*", "anti-terror* operation".
type Pattern struct {
	Source string
	words  []string // normalised as the tokenizer normalises
	glob   []bool
}

// Compile parses a pattern.
func Compile(pattern string) (*Pattern, error) {
	p := &Pattern{Source: pattern}
	// Tokenize the pattern as text would be tokenized, but keep glob
	// characters, which the tokenizer would drop: split on spaces first.
	for _, field := range strings.Fields(pattern) {
		if strings.ContainsAny(field, "*?") {
			w := strings.ToLower(strings.ReplaceAll(field, "’", "'"))
			if _, err := path.Match(w, ""); err != nil {
				return nil, fmt.Errorf("pattern %q: bad glob %q", pattern, field)
			}
			p.words = append(p.words, w)
			p.glob = append(p.glob, true)
			continue
		}
		toks := segment.Tokenize(field, nil)
		for _, t := range toks {
			p.words = append(p.words, t.Norm)
			p.glob = append(p.glob, false)
		}
	}
	if len(p.words) == 0 {
		return nil, fmt.Errorf("pattern %q has no word to search for", pattern)
	}
	return p, nil
}

func (p *Pattern) matchAt(toks []segment.Token, i int) bool {
	if i+len(p.words) > len(toks) {
		return false
	}
	for k, w := range p.words {
		norm := toks[i+k].Norm
		if p.glob[k] {
			if ok, _ := path.Match(w, norm); !ok {
				return false
			}
		} else if norm != w {
			return false
		}
	}
	return true
}

// Hit is one match with its context, cut from the cleaned text.
type Hit struct {
	Group, DocID string
	Title, Date  string
	URL          string
	DocIndex     int
	Sentence     int // 1-based sentence number in the cleaned document
	Token        int // 0-based position of the match's first token in the sentence
	Left, Match  string
	Right        string
	Voice        string // own, scare or quoted (inside a direct quote), when Attribution is set
	Speaker      string // the speaker of the quote (or reported speech) holding the match
	Hits         string // the Lexicons' hits in the sentence: "referent / label", categories, actors; "; "-separated
}

// Collector collects matches of a pattern; its Visit method plugs into the
// pipeline (analysis.Options.Visit). Window is the context width in tokens on each side; the
// context never crosses the sentence. Max bounds the matches kept per group
// (0: all): the first Max in input order, whatever the scheduling; every
// match is still counted.
type Collector struct {
	Pattern *Pattern
	Window  int
	Max     int
	// Attribution marks each match with its voice and the speaker of the
	// quote holding it (docs/framing.md).
	Attribution bool
	// Lexicons list their hits in each match's sentence.
	Lexicons []*lexmatch.Matcher
	mu       sync.Mutex
	kept     map[string][]Hit
	counts   map[string]int
}

// Visit scans one processed document. Safe for concurrent use.
func (k *Collector) Visit(p *segment.Processed) {
	var local []Hit
	var toks []segment.Token
	for si, s := range p.Sentences {
		sent := p.Text[s.Start:s.End]
		toks = segment.Tokenize(sent, toks[:0])
		for i := range toks {
			if !k.Pattern.matchAt(toks, i) {
				continue
			}
			last := i + len(k.Pattern.words) - 1
			lo := max(0, i-k.Window)
			hi := min(len(toks)-1, last+k.Window)
			local = append(local, Hit{
				Group: p.Doc.Group, DocID: p.Doc.ID, Title: p.Doc.Title, Date: p.Doc.Date, URL: p.Doc.URL,
				DocIndex: p.Doc.Index, Sentence: si + 1, Token: i,
				Left:  segment.OneLine(sent[toks[lo].Span.Start:toks[i].Span.Start]),
				Match: segment.OneLine(sent[toks[i].Span.Start:toks[last].Span.End]),
				Right: segment.OneLine(sent[toks[last].Span.End:toks[hi].Span.End]),
			})
		}
	}
	if len(local) == 0 {
		return
	}
	k.annotate(p, local)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.kept == nil {
		k.kept, k.counts = map[string][]Hit{}, map[string]int{}
	}
	for _, h := range local {
		k.counts[h.Group]++
		kept := k.kept[h.Group]
		if k.Max <= 0 || len(kept) < k.Max {
			k.kept[h.Group] = append(kept, h)
			continue
		}
		// Full: the new hit replaces the latest kept one if it comes earlier.
		last := 0
		for i := range kept {
			if hitBefore(kept[last], kept[i]) {
				last = i
			}
		}
		if hitBefore(h, kept[last]) {
			kept[last] = h
		}
	}
}

// hitBefore orders hits by input position.
func hitBefore(x, y Hit) bool {
	if x.DocIndex != y.DocIndex {
		return x.DocIndex < y.DocIndex
	}
	if x.Sentence != y.Sentence {
		return x.Sentence < y.Sentence
	}
	return x.Token < y.Token
}

// Counts returns the number of matches per group, kept or not.
func (k *Collector) Counts() map[string]int {
	out := make(map[string]int, len(k.counts))
	for g, n := range k.counts {
		out[g] = n
	}
	return out
}

// Hits returns the kept matches sorted by group, then input order, sentence
// and token position — the same whatever the number of workers.
func (k *Collector) Hits() []Hit {
	var h []Hit
	for _, kept := range k.kept {
		h = append(h, kept...)
	}
	sort.Slice(h, func(a, b int) bool {
		if h[a].Group != h[b].Group {
			return h[a].Group < h[b].Group
		}
		return hitBefore(h[a], h[b])
	})
	return h
}

// annotate adds voice, speaker and lexicon hits to a document's matches.
func (k *Collector) annotate(p *segment.Processed, hits []Hit) {
	var quoted []framing.Quote   // direct and scare quotes, in text order
	reported := map[int]string{} // sentence (0-based) → speaker of its reported speech
	if k.Attribution {
		for _, q := range framing.FindQuotes(p.Text, p.Sentences) {
			if q.Kind == framing.QuoteIndirect {
				reported[q.Sentence] = q.Speaker
			} else {
				quoted = append(quoted, q)
			}
		}
	}
	var toks []segment.Token
	var lh []lexmatch.Hit
	for i := range hits {
		h := &hits[i]
		s := p.Sentences[h.Sentence-1]
		sent := p.Text[s.Start:s.End]
		toks = segment.Tokenize(sent, toks[:0])
		if k.Attribution {
			at := s.Start + toks[h.Token].Span.Start
			h.Voice, h.Speaker = framing.VoiceOwn, reported[h.Sentence-1]
			// the last quote starting at or before the match (quotes do not nest)
			j := sort.Search(len(quoted), func(i int) bool { return quoted[i].Span.Start > at }) - 1
			if j >= 0 && at < quoted[j].Span.End {
				h.Voice, h.Speaker = framing.VoiceQuoted, quoted[j].Speaker
				if quoted[j].Kind == framing.QuoteScare {
					h.Voice = framing.VoiceScare
				}
			}
		}
		var names []string
		for _, m := range k.Lexicons {
			lh = m.AppendMatches(lh[:0], toks)
			for _, x := range lh {
				if key := lexmatch.Key(x.Entry); !slices.Contains(names, key) {
					names = append(names, key)
				}
			}
		}
		h.Hits = strings.Join(names, "; ")
	}
}
