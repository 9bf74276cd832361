package segment

import (
	"parallax/analysis/clean"
	"parallax/analysis/corpus"
)

// Processed is one document after cleaning and segmentation, as the
// pipeline's Visit hands it to every collector. Its slices are reused after
// Visit returns: copy what you keep.
type Processed struct {
	Doc       *corpus.Document
	Text      string // the cleaned text; Sentences index into it
	Sentences []Span
	Removed   []clean.Removal

	// VADER caches the VADER compound score of each sentence for the
	// collectors of one run that share it (tone, actors), as SentenceVADER
	// in the tone stage fills it: nil until first asked, NaN for a sentence
	// not scored yet.
	VADER []float64
	// VADERMasked caches, the same way, each sentence's VADER compound
	// with the words of a mask left out (the mask whose tone.Mask.Key is
	// VADERMaskKey), as tonestats.SentenceVADERMasked fills it for tone and
	// stance alike.
	VADERMasked  []float64
	VADERMaskKey uint64

	// Norms is the interner the ids of the tokens handed over by SetTokens
	// come from (Token.ID), so that a collector can cache facts of words
	// by id (the stance model does); nil when no tokens were handed over
	// or they have no ids. Tokens SentenceTokens makes itself have none.
	Norms *Norms

	// toks holds the tokens of every sentence, sentence s being
	// toks[sentTok[s]:sentTok[s+1]] (SentenceTokens); nil until known.
	toks    []Token
	sentTok []int32
}

// SentenceTokens returns the tokens of sentence s, with spans into the
// sentence's text (Tokenize(Text[Sentences[s]])): the tokens the pipeline
// counted, shared by the collectors of one run. They must not be changed.
// A Processed is visited by one goroutine at a time, so there is no lock.
func (p *Processed) SentenceTokens(s int) []Token {
	if p.sentTok == nil {
		p.sentTok = make([]int32, 0, len(p.Sentences)+1)
		p.sentTok = append(p.sentTok, 0)
		for _, sp := range p.Sentences {
			p.toks = Tokenize(p.Text[sp.Start:sp.End], p.toks)
			p.sentTok = append(p.sentTok, int32(len(p.toks)))
		}
	}
	return p.toks[p.sentTok[s]:p.sentTok[s+1]:p.sentTok[s+1]]
}

// SetTokens hands over the tokens the pipeline counted, sentence s's being
// toks[sentTok[s]:sentTok[s+1]], so that SentenceTokens need not tokenize
// again.
func (p *Processed) SetTokens(toks []Token, sentTok []int32) {
	p.toks, p.sentTok = toks, sentTok
}
