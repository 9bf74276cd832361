package tonestats

import (
	"math"

	"parallax/analysis/segment"
	"parallax/tone"
)

// Tone that does not score the labels under comparison. A label choice is
// one finding, tone another: "covers illegal immigrants" scores −0.56 by
// VADER and "covers undocumented immigrants" 0, so without a mask an
// outlet's tone toward immigrants would partly restate its labels. With a
// labels lexicon in use, commands pass the words of its patterns (and the
// words lexicon categories declare unscored, lexicons.UnscoredWords) as
// Options.Mask: "vader" then scores each sentence with those words neutral
// (tone.VADERMasked), and "vader_all" keeps the score with them; the
// actors' tone (framing) uses the masked score too. --score-labels turns
// the mask off. docs/tone.md.

// SentenceVADERMasked returns the VADER compound of sentence i of p with
// the words of m scored as neutral (tone.VADERBoth). Both scores are
// cached on p (SentenceVADER's cache, and p.VADERMasked under m.Key), so the
// collectors of one run (tone, stance, actors) score a sentence once. An
// empty or nil m gives SentenceVADER.
func SentenceVADERMasked(p *segment.Processed, i int, m *tone.Mask) float64 {
	if m.Len() == 0 {
		return SentenceVADER(p, i)
	}
	if key := m.Key(); !maskedCacheFor(p, key) {
		p.VADERMaskKey, p.VADERMasked = key, nanSlice(p.VADERMasked, len(p.Sentences))
	} else if v := p.VADERMasked[i]; !math.IsNaN(v) {
		return v
	}
	s := p.Sentences[i]
	all, masked, _ := tone.VADERBoth(SentenceText(p.Text[s.Start:s.End]), m)
	if p.VADER == nil {
		p.VADER = nanSlice(nil, len(p.Sentences))
	}
	p.VADER[i] = all.Compound
	p.VADERMasked[i] = masked.Compound
	return masked.Compound
}

// CachedVADER returns the sentences' VADER compounds that SentenceVADER
// and SentenceVADERMasked have cached on p, read only: masked holds them
// with the words of m neutral (all's own slice when m is empty), NaN for a
// sentence not scored yet; both nil when p holds no cache valid for m.
func CachedVADER(p *segment.Processed, m *tone.Mask) (masked, all []float64) {
	n := len(p.Sentences)
	if len(p.VADER) != n {
		return nil, nil
	}
	if m.Len() == 0 {
		return p.VADER, p.VADER
	}
	if !maskedCacheFor(p, m.Key()) {
		return nil, nil
	}
	return p.VADERMasked, p.VADER
}

// maskedCacheFor reports whether p.VADERMasked is the masked scores'
// cache of the mask whose Key is key: made under that key, one score (or
// NaN) per sentence.
func maskedCacheFor(p *segment.Processed, key uint64) bool {
	return p.VADERMaskKey == key && len(p.VADERMasked) == len(p.Sentences)
}

// nanSlice returns s resized to n, every element NaN.
func nanSlice(s []float64, n int) []float64 {
	s = append(s[:0], make([]float64, n)...)
	for k := range s {
		s[k] = math.NaN()
	}
	return s
}
