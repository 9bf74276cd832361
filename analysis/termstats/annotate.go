package termstats

import (
	"fmt"

	"github.com/kljensen/snowball/english"

	"parallax/analysis/segment"
	"parallax/lexicons"
)

// TermOptions say which tokens become counted terms.
//
// A term is a word or number token (URLs and e-mail addresses are never terms)
// that is not a stop word, optionally Snowball-stemmed. With NGrams = n > 1,
// the n-grams of 2..n adjacent terms of one sentence are counted too, joined by
// a space. The chain of adjacent terms breaks at a stop word, a URL, a term
// dropped for its length, the end of a sentence, and any punctuation between
// two tokens (comma, colon, parenthesis, dash, quote, slash, the apostrophe of
// a dropped possessive "'s"…): only white space may separate the words of an
// n-gram. A hyphen inside a token is part of it ("anti-terrorist
// operation"). So an n-gram always stands in the text exactly as its words
// do, never across a removed word or a punctuation mark: "Dubai, United Arab
// Emirates" yields "united arab" but no "dubai united".
type TermOptions struct {
	StopWords *lexicons.StopWords // nil: no stop words
	Stem      bool                // Snowball (Porter2) English stemmer
	NGrams    int                 // 1 (default): single words; n: 1..n-grams
	MinLength int                 // drop terms shorter than this many bytes (0: keep all)
}

// Validate reports option errors a user can fix.
func (o TermOptions) Validate() error {
	if o.NGrams < 0 || o.NGrams > 5 {
		return fmt.Errorf("n-grams must be between 1 and 5, not %d", o.NGrams)
	}
	if o.MinLength < 0 {
		return fmt.Errorf("minimum term length must not be negative, got %d", o.MinLength)
	}
	return nil
}

// annotator turns the tokens of a sentence into term ids. It is not safe
// for concurrent use: each worker owns one. A token's Norm is interned once
// (segment.Tokenizer); what it counts as — stop word, too short, or which
// term after stemming — is worked out the first time the worker meets that
// id and kept in arrays indexed by it, so a token costs no string hashing.
type annotator struct {
	opt    TermOptions
	vocab  *Vocabulary
	tk     *segment.Tokenizer      // ids for tokens that come without one
	byNorm *segment.IDTable[int32] // by Norm id: the term id, or -1 when not a term
	terms  []string                // by term id: the vocabulary's copy, for the terms met
	ngrams map[string]int32        // by n-gram: its id
	chain  []int32                 // the current run of adjacent term ids, for n-grams
	buf    []byte
}

func newAnnotator(opt TermOptions, v *Vocabulary, tk *segment.Tokenizer) *annotator {
	if opt.NGrams == 0 {
		opt.NGrams = 1
	}
	a := &annotator{opt: opt, vocab: v, tk: tk, ngrams: map[string]int32{}}
	a.byNorm = segment.NewIDTable(a.termID)
	return a
}

// term maps a token to its counted form, or "" when it is not counted.
func (a *annotator) term(tok *segment.Token) string {
	if tok.Kind == segment.TokURL || tok.Kind == segment.TokEmail {
		return ""
	}
	w := tok.Norm
	if a.opt.StopWords.Contains(w) {
		return ""
	}
	if a.opt.Stem && tok.Kind == segment.TokWord {
		w = english.Stem(w, true)
	}
	if len(w) < a.opt.MinLength { // the term's length, after stemming
		return ""
	}
	return w
}

// lookup returns the term id tok counts as, or -1, working it out (termID)
// the first time a worker meets its Norm's id.
func (a *annotator) lookup(tok *segment.Token) int32 {
	if tok.Kind == segment.TokURL || tok.Kind == segment.TokEmail {
		return -1
	}
	if tok.ID == 0 {
		with := *tok
		with.ID = a.tk.ID(tok.Norm)
		return a.byNorm.Get(&with)
	}
	return a.byNorm.Get(tok)
}

// termID works out what tok counts as: stop words, length, stemming,
// vocabulary. A Norm is always the same kind of token, so the result may
// be kept by Norm.
func (a *annotator) termID(tok *segment.Token) int32 {
	w := a.term(tok)
	if w == "" {
		return -1
	}
	id, term := a.vocab.intern(w)
	if int(id) >= len(a.terms) {
		a.terms = growTo(a.terms, int(id)+1)
	}
	a.terms[id] = term
	return id
}

// sentence calls emit with the id of every term of one sentence, in order:
// each word, then (with n-grams) each n-gram ending at that word. tokens are
// the tokens of text, with spans into it.
//
// A chain of adjacent terms, from which the n-grams are drawn, breaks at a
// token that is not a term and wherever the text between two consecutive
// tokens holds anything but white space (see TermOptions).
func (a *annotator) sentence(text string, tokens []segment.Token, emit func(id int32)) {
	a.chain = a.chain[:0]
	for i := range tokens {
		t := a.lookup(&tokens[i])
		if t < 0 {
			a.chain = a.chain[:0]
			continue
		}
		emit(t)
		if a.opt.NGrams < 2 {
			continue
		}
		if len(a.chain) > 0 && !segment.SpaceBetween(text, tokens[i-1].Span, tokens[i].Span) {
			a.chain = a.chain[:0]
		}
		a.chain = append(a.chain, t)
		if len(a.chain) > a.opt.NGrams {
			a.chain = a.chain[1:]
		}
		for n := 2; n <= len(a.chain); n++ {
			a.buf = a.buf[:0]
			for _, part := range a.chain[len(a.chain)-n:] {
				if len(a.buf) > 0 {
					a.buf = append(a.buf, ' ')
				}
				a.buf = append(a.buf, a.terms[part]...)
			}
			emit(a.ngramID(a.buf))
		}
	}
}

// ngramID returns the id of the n-gram in b, interning it if new.
func (a *annotator) ngramID(b []byte) int32 {
	if id, ok := a.ngrams[unsafeString(b)]; ok {
		return id
	}
	id, term := a.vocab.intern(unsafeString(b))
	a.ngrams[term] = id // the vocabulary's copy: b is reused
	return id
}

// growTo returns s, with zero values appended, at least n long and by at
// least half its length, so that tables indexed by a growing id grow in
// amortised constant time.
func growTo[T any](s []T, n int) []T {
	return append(s, make([]T, max(n-len(s), len(s)/2))...)
}
