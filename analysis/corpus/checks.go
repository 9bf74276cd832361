package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isBlankText reports whether s holds only white space.
func isBlankText(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// FNV-1a 64 parameters.
const (
	dupFNVOffset = 14695981039346656037
	dupFNVPrime  = 1099511628211
)

// normalizedTextHash is the FNV-1a 64 hash of s lower-cased with every run of white
// space replaced by one space and leading and trailing space removed. It does
// not allocate.
func normalizedTextHash(s string) uint64 {
	h := uint64(dupFNVOffset)
	pendingSpace := false
	started := false
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if hashASCIISpace[c] {
				pendingSpace = started
				continue
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if pendingSpace {
				h = (h ^ ' ') * dupFNVPrime
				pendingSpace = false
			}
			h = (h ^ uint64(c)) * dupFNVPrime
			started = true
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			pendingSpace = started
			continue
		}
		if pendingSpace {
			h = (h ^ ' ') * dupFNVPrime
			pendingSpace = false
		}
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * dupFNVPrime
		}
		started = true
	}
	return h
}

// hashASCIISpace marks the ASCII white space bytes, as unicode.IsSpace does.
var hashASCIISpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// repairUTF8 returns s with invalid UTF-8 replaced by U+FFFD, and whether it had to.
func repairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

// stripUTF8BOM removes a leading UTF-8 byte order mark.
func stripUTF8BOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// prefixOrigin returns a posOrigin for record positions: prefix + number.
func prefixOrigin(prefix string) func(int64) string {
	return func(p int64) string { return prefix + strconv.FormatInt(p, 10) }
}

// idCheck finds loaded documents whose id an earlier document has.
type idCheck struct {
	first  map[string]int64 // id -> position of the first document with it
	shared int              // documents whose id an earlier one has
	// The first such case: the id, the later document and the earlier one.
	id, later, earlier string
}

// note records the id of the document at pos (shown as origin); posOrigin
// names positions.
func (c *idCheck) note(id string, pos int64, origin string, posOrigin func(int64) string) {
	firstPos, ok := c.first[id]
	if !ok {
		c.first[id] = pos
		return
	}
	if c.shared == 0 {
		c.id, c.later, c.earlier = id, origin, posOrigin(firstPos)
	}
	c.shared++
}

// maxRepairedListed is how many repaired documents the warning names.
const maxRepairedListed = 5

// nearMinWords is the fewest words a text needs to be checked for near
// duplicates: shorter texts ("Photo: AP", "Story 2") coincide by chance.
const nearMinWords = 10

// wordsHash is the FNV-1a 64 hash of the words of s: its runs of letters
// (and marks), lower-cased, one space between them; digits, punctuation and
// white space only separate words. ok is false when s has fewer than
// nearMinWords words. Two texts with the same hash but different
// normalizedTextHash are near duplicates: they differ only in digits or
// punctuation.
func wordsHash(s string) (h uint64, ok bool) {
	h = dupFNVOffset
	inWord, words := false, 0
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				inWord = false
				continue
			}
			if !inWord {
				if words++; words > 1 {
					h = (h ^ ' ') * dupFNVPrime
				}
			}
			h = (h ^ uint64(c)) * dupFNVPrime
			inWord = true
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !(inWord && unicode.IsMark(r)) {
			inWord = false
			continue
		}
		if !inWord {
			if words++; words > 1 {
				h = (h ^ ' ') * dupFNVPrime
			}
		}
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * dupFNVPrime
		}
		inWord = true
	}
	return h, words >= nearMinWords
}

// nearCheck finds loaded documents with the same words as an earlier one
// (see wordsHash) but not the same text: near duplicates, kept.
type nearCheck struct {
	first map[uint64]int64 // words hash -> position of the first document
	n     int              // near duplicates found
	pairs []string         // the first maxListed: "later (earlier)"
}

// note records the words hash w of the document at pos (shown as origin).
func (c *nearCheck) note(w uint64, pos int64, origin string, posOrigin func(int64) string) {
	firstPos, ok := c.first[w]
	if !ok {
		c.first[w] = pos
		return
	}
	c.n++
	if len(c.pairs) < maxListed {
		c.pairs = append(c.pairs, fmt.Sprintf("%s (like %s)", origin, posOrigin(firstPos)))
	}
}
