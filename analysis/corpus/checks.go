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

// textHash computes the duplicate-detection hashes of s in one pass over
// its bytes (both FNV-1a chains advance side by side; ASCII bytes go by a
// table, only other bytes are decoded as runes):
//
//   - norm is the FNV-1a 64 hash of s lower-cased, with every run of white
//     space replaced by one space and leading and trailing space removed:
//     two texts with the same norm are exact duplicates;
//   - words is the FNV-1a 64 hash of the words of s: its runs of letters
//     (and marks), lower-cased, one space between them; digits,
//     punctuation and white space only separate words. wordsOK is false
//     when s has fewer than nearMinWords words. Two texts with the same
//     words hash but different norm are near duplicates: they differ only
//     in digits or punctuation;
//   - blank says whether s holds only white space (then norm is the FNV
//     offset and words too).
//
// The values are those of the separate reference functions in the tests
// (normalizedTextHash, wordsHash, isBlankText). It does not allocate.
func textHash(s string) textHashes {
	hn, hw := uint64(dupFNVOffset), uint64(dupFNVOffset)
	pendingSpace, started, inWord := false, false, false
	words := 0
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		c := s[i]
		switch hashClass[c] {
		case hashSpace:
			i++
			pendingSpace, inWord = started, false
			continue
		case hashLetter:
			if pendingSpace {
				hn = (hn ^ ' ') * dupFNVPrime
				pendingSpace = false
			}
			if !inWord {
				if words++; words > 1 {
					hw = (hw ^ ' ') * dupFNVPrime
				}
				inWord = true
			}
			started = true
			// A run of ASCII letters goes into both hashes alike.
			for {
				c = hashLower[c]
				hn = (hn ^ uint64(c)) * dupFNVPrime
				hw = (hw ^ uint64(c)) * dupFNVPrime
				if i++; i == len(s) {
					break
				}
				if c = s[i]; hashClass[c] != hashLetter {
					break
				}
			}
			continue
		case hashOther:
			i++
			if pendingSpace {
				hn = (hn ^ ' ') * dupFNVPrime
				pendingSpace = false
			}
			hn = (hn ^ uint64(c)) * dupFNVPrime
			started, inWord = true, false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			pendingSpace, inWord = started, false
			continue
		}
		if pendingSpace {
			hn = (hn ^ ' ') * dupFNVPrime
			pendingSpace = false
		}
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:n] {
			hn = (hn ^ uint64(b)) * dupFNVPrime
		}
		started = true
		if !unicode.IsLetter(r) && !(inWord && unicode.IsMark(r)) {
			inWord = false
			continue
		}
		if !inWord {
			if words++; words > 1 {
				hw = (hw ^ ' ') * dupFNVPrime
			}
			inWord = true
		}
		for _, b := range buf[:n] {
			hw = (hw ^ uint64(b)) * dupFNVPrime
		}
	}
	return textHashes{blank: !started, norm: hn, words: hw, wordsOK: words >= nearMinWords}
}

// Byte classes of textHash.
const (
	hashMulti  = iota // not ASCII: decoded as a rune
	hashSpace         // ASCII white space, as unicode.IsSpace has it
	hashLetter        // A-Z, a-z
	hashOther         // any other ASCII byte: part of the text, not of a word
)

// hashClass is the class of every byte for textHash; hashLower lower-cases
// ASCII letters.
var hashClass, hashLower = func() (t [256]uint8, lower [256]byte) {
	for c := range 256 {
		lower[c] = byte(c)
		switch {
		case c >= utf8.RuneSelf:
			t[c] = hashMulti
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ':
			t[c] = hashSpace
		case 'A' <= c && c <= 'Z':
			t[c] = hashLetter
			lower[c] = byte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z':
			t[c] = hashLetter
		default:
			t[c] = hashOther
		}
	}
	return t, lower
}()

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
