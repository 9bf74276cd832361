package stance

import (
	"math"

	"parallax/analysis/segment"
	"parallax/tone"
)

// wordFacts are what extract asks of one word (a token's Norm), whatever
// the mention it stands in: its row in the word vectors, its VADER
// valence, and whether it opens a negation, starts a clause or is a stop
// word. They depend on the Norm (and the vectors) alone. extract works
// them out once per token of a mention (tokenFacts): from the Norm, or,
// for a token carrying an id of the mention's interner (Mention.Norms),
// from the scratch's cache by id, filled the first time the id is met, so
// that the mentions of a run pay the string look-ups once per word
// instead of once per token per mention.
type wordFacts struct {
	row   int32 // row in the vectors, −1 without one or without vectors
	val10 int16 // the VADER valence × 10, when flags has fValence
	flags uint8
}

// The flags of wordFacts.
const (
	fKnown       uint8 = 1 << iota // a filled cache cell
	fValence                       // a VADER valence, exactly val10/10
	fValenceSlow                   // a VADER valence val10 cannot hold exactly: ask tone.WordValence
	fNegator                       // isNegator
	fClause                        // isClauseWord
	fStop                          // in stopEN
	fNotStop                       // not in stopEN (neither flag: not asked yet)
)

// factsOf works out the facts of word w with the vectors vec (nil: no
// rows); the stop-word fact only when stop is set (the cache's cells hold
// every fact; a mention without ids asks stopEN only of the few tokens
// headWord looks at).
func factsOf(vec *Vectors, w string, stop bool) wordFacts {
	f := wordFacts{row: -1, flags: fKnown}
	if vec != nil {
		f.row = vec.lookup(w)
	}
	if v, ok := tone.WordValence(w); ok {
		// VADER's valences have one decimal: k/10 gives back the very
		// float64 the lexicon holds; any other is asked again by name.
		if k := math.Round(v * 10); math.Abs(k) <= math.MaxInt16 && float64(int16(k))/10 == v {
			f.val10, f.flags = int16(k), f.flags|fValence
		} else {
			f.flags |= fValenceSlow
		}
	}
	if isNegator(w) {
		f.flags |= fNegator
	}
	if isClauseWord(w) {
		f.flags |= fClause
	}
	if stop {
		if stopEN.Contains(w) {
			f.flags |= fStop
		} else {
			f.flags |= fNotStop
		}
	}
	return f
}

// valence is tone.WordValence(w), w being the word of f.
func (f wordFacts) valence(w string) (float64, bool) {
	switch {
	case f.flags&fValence != 0:
		return float64(f.val10) / 10, true
	case f.flags&fValenceSlow != 0:
		return tone.WordValence(w)
	}
	return 0, false
}

// stopAt reports whether token i (of toks, with facts tf) is a stop word.
func stopAt(toks []segment.Token, tf []wordFacts, i int) bool {
	switch f := tf[i].flags; {
	case f&fStop != 0:
		return true
	case f&fNotStop != 0:
		return false
	}
	return stopEN.Contains(toks[i].Norm)
}

// wordCache holds the facts of words by Norm id for the mentions of one
// interner and one set of vectors. A scratch holds two (the interners
// met last), so each of a model's pooled scratches fills its own: 8 bytes
// per id, up to half as many again as the largest id met and never more
// than the interner's Len (2.3 MB for the full AllSides corpus's 192,166
// norms).
type wordCache struct {
	// norms is the interner the ids belong to. Holding it keeps it alive,
	// so another interner can never come to have its address while the
	// cache remembers it: ids of two interners are never confused.
	norms *segment.Norms
	vec   *Vectors
	cells []wordFacts // by id; a zero cell is not filled yet
}

// facts gives the facts of token t, whose id (> 0) is one of c.norms.
// An id the interner never gave (a token made elsewhere) is looked up by
// its Norm and not cached, so that it cannot grow the cache beyond the
// interner's size.
func (c *wordCache) facts(t *segment.Token) wordFacts {
	id := int(t.ID)
	if id < len(c.cells) {
		if f := c.cells[id]; f.flags&fKnown != 0 {
			return f
		}
	} else {
		n := c.norms.Len()
		if id >= n {
			return factsOf(c.vec, t.Norm, true)
		}
		c.cells = append(c.cells, make([]wordFacts, min(id+1+len(c.cells)/2, n)-len(c.cells))...)
	}
	f := factsOf(c.vec, t.Norm, true)
	c.cells[id] = f
	return f
}

// tokenFacts gives the facts of each token of m in sc.tf: from a cache
// when m names the interner of its tokens' ids and the token has one,
// from its Norm otherwise. The scratch keeps the caches of the two
// interners (with their vectors) met last: a mention of a third empties
// the one used less recently (its cells are zeroed again as they are
// grown back), so that two runs sharing a model in one process do not
// empty each other's cache at every mention.
func tokenFacts(vec *Vectors, m *Mention, sc *scratch) []wordFacts {
	tf := sc.tf[:0]
	var c *wordCache
	if m.Norms != nil {
		k := sc.wordsLast
		if w := &sc.words[k]; w.norms != m.Norms || w.vec != vec {
			k = 1 - k
			if w := &sc.words[k]; w.norms != m.Norms || w.vec != vec {
				w.norms, w.vec, w.cells = m.Norms, vec, w.cells[:0]
			}
		}
		sc.wordsLast = k
		c = &sc.words[k]
	}
	for i := range m.Tokens {
		t := &m.Tokens[i]
		if m.Norms != nil && t.ID > 0 {
			tf = append(tf, c.facts(t))
		} else {
			tf = append(tf, factsOf(vec, t.Norm, false))
		}
	}
	sc.tf = tf
	return tf
}
