package tone

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Mask is a set of words an instrument must not score: the label words
// under comparison (a label choice is one finding, tone another), or the
// words a lexicon category declares unscored. A word is matched whole and
// without regard to case (as Unicode lower-cases it); an entry ending in
// "*" matches every word it begins ("illegal*": "illegals"). The zero Mask
// and a nil *Mask leave nothing out. Other instruments (stance) call Has
// on their own tokens.
type Mask struct {
	words    map[string]struct{}
	prefixes []string
}

// NewMask returns the mask of words (entries as Mask describes; empty
// entries and surrounding white space are ignored).
func NewMask(words ...string) *Mask {
	m := &Mask{words: map[string]struct{}{}}
	for _, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		switch {
		case w == "", w == "*":
		case strings.HasSuffix(w, "*"):
			if p := strings.TrimSuffix(w, "*"); !slices.Contains(m.prefixes, p) {
				m.prefixes = append(m.prefixes, p)
			}
		default:
			m.words[w] = struct{}{}
		}
	}
	slices.Sort(m.prefixes)
	return m
}

// Len is the number of entries of the mask.
func (m *Mask) Len() int {
	if m == nil {
		return 0
	}
	return len(m.words) + len(m.prefixes)
}

// Words lists the entries, sorted, prefixes with their "*".
func (m *Mask) Words() []string {
	if m == nil {
		return nil
	}
	out := make([]string, 0, m.Len())
	for w := range m.words {
		out = append(out, w)
	}
	for _, p := range m.prefixes {
		out = append(out, p+"*")
	}
	slices.Sort(out)
	return out
}

// Has reports whether the word is left out.
func (m *Mask) Has(word string) bool {
	if m.Len() == 0 {
		return false
	}
	w := strings.ToLower(word)
	if _, ok := m.words[w]; ok {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// hasBytes is Has of a token, without allocating for an ASCII token of
// up to 64 bytes (VADER asks it of every token of every sentence).
func (m *Mask) hasBytes(tok []byte) bool {
	if m.Len() == 0 {
		return false
	}
	var buf [64]byte
	if len(tok) > len(buf) {
		return m.Has(string(tok))
	}
	w := buf[:len(tok)]
	for i, c := range tok {
		switch {
		case c >= utf8.RuneSelf:
			return m.Has(string(tok))
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		w[i] = c
	}
	if _, ok := m.words[string(w)]; ok {
		return true
	}
	for _, p := range m.prefixes {
		if len(w) >= len(p) && string(w[:len(p)]) == p {
			return true
		}
	}
	return false
}

// maskedTok is a token of the mask and what the table says of its word.
type maskedTok struct {
	i int
	w vaderWord
}

// VADERMasked is VADER with the words of m scored as neutral words: such a
// token keeps its place (so the distances of boosters and negations to the
// other words do not change) and its capitals, but has no valence and is no
// booster or negation. With an empty mask it is VADER.
func VADERMasked(sentence string, m *Mask) VADERScores {
	_, masked, _ := VADERBoth(sentence, m)
	return masked
}

// VADERBoth scores a sentence as VADER does (all) and with the words of m
// masked (VADERMasked), tokenizing it once; hit says whether a word of m
// occurs in it (otherwise the two are equal).
func VADERBoth(sentence string, m *Mask) (all, masked VADERScores, hit bool) {
	lex := vaderLexiconOnce()
	sc := vaderScratchPool.Get().(*vaderScratch)
	defer vaderScratchPool.Put(sc)
	if m.Len() > 0 {
		sc.mask = m
	}
	p, n, caps := sc.prepare(lex, sentence)
	sc.mask = nil
	all = sc.rate(lex, p, n, caps)
	if len(sc.masked) == 0 {
		sc.release()
		return all, all, false
	}
	for _, t := range sc.masked {
		sc.toks[t.i].vaderWord = vaderWord{} // no valence, no booster, no negation
	}
	masked = sc.rate(lex, p, n, caps)
	sc.release()
	return all, masked, true
}
