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
// the words of m scored as neutral (tone.VADERBoth). The plain score fills
// p's cache (SentenceVADER) on the way; a sentence without a word of m
// reads the cache. An empty or nil m gives SentenceVADER.
func SentenceVADERMasked(p *segment.Processed, i int, m *tone.Mask) float64 {
	if m.Len() == 0 {
		return SentenceVADER(p, i)
	}
	s := p.Sentences[i]
	all, masked, _ := tone.VADERBoth(SentenceText(p.Text[s.Start:s.End]), m)
	if p.VADER == nil {
		p.VADER = make([]float64, len(p.Sentences))
		for k := range p.VADER {
			p.VADER[k] = math.NaN()
		}
	}
	p.VADER[i] = all.Compound
	return masked.Compound
}
