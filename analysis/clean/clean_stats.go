package clean

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// repeatedMinDocs is the least number of documents of a group a line must be
// found in before the repeated-line rule removes it.
const repeatedMinDocs = 3

// LineStats is the result of an optional first pass over the corpus: how many
// documents of each group contain each normalised line (lower-cased, white
// space collapsed, each run of digits read as one digit, so "© 2019" and
// "© 2020" count as one line). Lines are kept as 64-bit FNV-1a hashes, so
// memory grows with the number of distinct short lines, not with the text.
// Only lines the repeated-line rule could remove are counted: non-blank, at
// most 400 bytes, neither quoted speech nor sentence-like.
//
// It is a mergeable sum: Add documents to one LineStats per shard or
// goroutine and Merge them, in any order, with the same result. A LineStats
// is not safe for concurrent Add; a Cleaner only reads it.
type LineStats struct {
	groups map[string]*groupLines
}

type groupLines struct {
	docs  int
	lines map[uint64]int32 // line hash -> documents containing it
}

// NewLineStats returns empty statistics.
func NewLineStats() *LineStats {
	return &LineStats{groups: map[string]*groupLines{}}
}

func (s *LineStats) group(name string) *groupLines {
	g := s.groups[name]
	if g == nil {
		g = &groupLines{lines: map[uint64]int32{}}
		s.groups[name] = g
	}
	return g
}

// Add counts one document of group: every distinct countable line once.
func (s *LineStats) Add(group, text string) {
	g := s.group(group)
	g.docs++
	if text == "" {
		return
	}
	sp := statsScratch.Get().(*[]byte)
	defer statsScratch.Put(sp)
	var keys []uint64
	var cuts []int
	for whole := range strings.SplitSeq(text, "\n") {
		// Lines are cut at glued labels as Clean cuts them (glue.go).
		cuts = glueCuts(whole, cuts)
		from := 0
		for k := 0; k <= len(cuts); k++ {
			to := len(whole)
			if k < len(cuts) {
				to = cuts[k]
			}
			line := whole[from:to]
			from = to
			// Only the lines that can be counted are normalised: a body
			// paragraph is passed over after reading maxCountedNorm+1 of
			// its bytes.
			l := lineView{orig: trimSpace(line)}
			if l.orig == "" || surelyLongerNorm(l.orig, maxCountedNorm) {
				continue
			}
			var norm []byte
			norm, l.words, l.lowerWords = appendNormCount((*sp)[:0], l.orig)
			*sp = norm
			l.norm = unsafe.String(unsafe.SliceData(norm), len(norm)) // read before norm is written again
			l.describe()
			if countable(&l) {
				keys = append(keys, lineKey(l.norm))
			}
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, k := range keys {
		g.lines[k]++
	}
}

// Merge adds the counts of o to s. o is not changed.
func (s *LineStats) Merge(o *LineStats) {
	names := make([]string, 0, len(o.groups))
	for name := range o.groups {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		og := o.groups[name]
		g := s.group(name)
		g.docs += og.docs
		for k, n := range og.lines {
			g.lines[k] += n
		}
	}
}

// Docs returns the number of documents added for group.
func (s *LineStats) Docs(group string) int {
	if g := s.groups[group]; g != nil {
		return g.docs
	}
	return 0
}

// Count returns the number of documents of group that contain line (compared
// after normalisation), 0 for a line that is not countable.
func (s *LineStats) Count(group, line string) int {
	g := s.groups[group]
	if g == nil {
		return 0
	}
	l := lineView{orig: trimSpace(line)}
	var norm []byte
	norm, l.words, l.lowerWords = appendNormCount(nil, l.orig)
	l.norm = string(norm)
	l.describe()
	if !countable(&l) {
		return 0
	}
	return int(g.lines[lineKey(l.norm)])
}

// maxCountedNorm is the longest normalised line LineStats counts.
const maxCountedNorm = 400

// countable reports whether the repeated-line rule may ever remove l.
func countable(l *lineView) bool {
	return l.orig != "" && !l.prose && len(l.norm) <= maxCountedNorm && !l.quote()
}

// statsScratch holds the normalised line of LineStats.Add.
var statsScratch = sync.Pool{New: func() any { return new([]byte) }}

// surelyLongerNorm reports, reading at most n+1 bytes of s, whether the
// normalised form of s is longer than n bytes: whether s has more than n
// ASCII bytes that are not white space, each of which is one byte of it
// (other bytes may shrink when lower-cased, or be white space).
func surelyLongerNorm(s string, n int) bool {
	if len(s) <= n {
		return false
	}
	for i := 0; i < len(s) && n >= 0; i++ {
		c := s[i]
		if c < utf8.RuneSelf && normASCII[c]&normBlank == 0 && c != '\r' && c != '\v' && c != '\f' {
			n--
		}
	}
	return n < 0
}

// lineKey hashes a normalised line with FNV-1a (64 bit), reading each run of
// digits as the single digit 0.
func lineKey(norm string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	inDigits := false
	for i := 0; i < len(norm); i++ {
		c := norm[i]
		if isDigit(c) {
			if inDigits {
				continue
			}
			inDigits = true
			c = '0'
		} else {
			inDigits = false
		}
		h ^= uint64(c)
		h *= prime
	}
	return h
}
