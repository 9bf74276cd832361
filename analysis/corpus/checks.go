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
