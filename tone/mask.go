package tone

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// asciiLower lower-cases an ASCII letter, leaves any other byte.
func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

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
	// starts has a bit for each pair (first byte, second byte or
	// maskEnd) an entry of the mask begins with, lower-cased (every second
	// byte for a one-byte prefix): Has rejects most words by it without
	// lower-casing or hashing them.
	starts [256 * 257 / 64]uint64
	key    uint64 // Key
}

// maskEnd stands for the second byte of a one-byte word in Mask.starts.
const maskEnd = 256

func (m *Mask) setStart(c0, c1 int) { i := c0*257 + c1; m.starts[i/64] |= 1 << (i % 64) }

func (m *Mask) hasStart(c0, c1 int) bool {
	i := c0*257 + c1
	return m.starts[i/64]&(1<<(i%64)) != 0
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
			p := strings.TrimSuffix(w, "*")
			if !slices.Contains(m.prefixes, p) {
				m.prefixes = append(m.prefixes, p)
			}
			if len(p) == 1 {
				for c1 := range 257 {
					m.setStart(int(p[0]), c1)
				}
			} else {
				m.setStart(int(p[0]), int(p[1]))
			}
		default:
			m.words[w] = struct{}{}
			if len(w) == 1 {
				m.setStart(int(w[0]), maskEnd)
			} else {
				m.setStart(int(w[0]), int(w[1]))
			}
		}
	}
	slices.Sort(m.prefixes)
	for _, w := range m.Words() { // FNV-1a of the sorted entries, 0-separated
		for i := 0; i <= len(w); i++ {
			c := byte(0)
			if i < len(w) {
				c = w[i]
			}
			m.key = (m.key ^ uint64(c)) * 1099511628211
		}
	}
	return m
}

// Key identifies the mask by its entries: two masks with the same entries
// have the same key (a 64-bit hash of them), whatever object holds them,
// so that a cache of masked scores can be shared by the instruments of a
// run that each built their mask; 0 for an empty or nil mask.
func (m *Mask) Key() uint64 {
	if m.Len() == 0 {
		return 0
	}
	return m.key | 1
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
	if m.Len() == 0 || word == "" {
		return false
	}
	// A word whose first two bytes are ASCII begins, lower-cased, with
	// those bytes lower-cased: no entry begins so, no match.
	if c0 := word[0]; c0 < utf8.RuneSelf {
		c1 := maskEnd
		if len(word) > 1 {
			c1 = -1 // not ASCII: no shortcut
			if b := word[1]; b < utf8.RuneSelf {
				c1 = int(asciiLower(b))
			}
		}
		if c1 >= 0 && !m.hasStart(int(asciiLower(c0)), c1) {
			return false
		}
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
