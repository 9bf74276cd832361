package clean

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"parallax/analysis/internal/testkit"
)

// refAdd is LineStats.Add as it was before it passed over long lines
// unnormalised: every line analysed, the countable ones counted. It is the
// reference Add is checked against.
func (s *LineStats) refAdd(group, text string) {
	g := s.group(group)
	g.docs++
	if text == "" {
		return
	}
	var d docLines
	analyseDoc(text, &d)
	keys := make([]uint64, 0, len(d.lines))
	for i := range d.lines {
		if countable(&d.lines[i]) {
			keys = append(keys, lineKey(d.lines[i].norm))
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, k := range keys {
		g.lines[k]++
	}
}

// equalStats reports whether two LineStats hold the same counts.
func equalStats(a, b *LineStats) bool {
	return maps.EqualFunc(a.groups, b.groups, func(x, y *groupLines) bool {
		return x.docs == y.docs && maps.Equal(x.lines, y.lines)
	})
}

// TestLineStatsAddReference checks Add against refAdd on the AllSides
// sample and on documents of lines around the 400-byte limit made of
// ASCII, white space of every kind, quotation marks and letters whose
// lower case is shorter or longer in UTF-8.
func TestLineStatsAddReference(t *testing.T) {
	got, want := NewLineStats(), NewLineStats()
	for i, text := range testkit.AllSidesTexts(t) {
		group := []string{"a", "b", "c"}[i%3]
		got.Add(group, text)
		want.refAdd(group, text)
	}
	parts := []string{"word ", "Word", "  ", "\t", "\r", "\u00a0", "\u2003", "K", "Ⱥ", "İ", "é", "“", "\"", "said", ".", "1"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var lines []string
		for n := 1 + r.IntN(4); n > 0; n-- {
			var b strings.Builder
			target := 380 + r.IntN(60)
			if r.IntN(3) == 0 {
				target = r.IntN(40)
			}
			for b.Len() < target {
				b.WriteString(parts[r.IntN(len(parts))])
			}
			lines = append(lines, b.String())
		}
		text := strings.Join(lines, "\n")
		got.Add("r", text)
		want.refAdd("r", text)
		got.Add("r", text) // counted again, so that lines reach the counts
		want.refAdd("r", text)
	}
	if !equalStats(got, want) {
		t.Errorf("LineStats.Add differs from the reference")
	}
	if len(want.groups["r"].lines) == 0 {
		t.Errorf("the random documents hold no countable line: the test checks nothing")
	}
}

// TestSurelyLongerNorm checks the early judgement of long lines against
// normalising them.
func TestSurelyLongerNorm(t *testing.T) {
	parts := []string{"a", "B", " ", "  ", "\t", "\r", "\v", "\f", "K", "Ⱥ", "\u00a0", "\x00", "~"}
	r := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var b strings.Builder
		for n := r.IntN(30); n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		limit := r.IntN(20)
		norm, _, _ := appendNormCount(nil, s)
		if surelyLongerNorm(s, limit) && len(norm) <= limit {
			t.Fatalf("surelyLongerNorm(%q, %d) but the norm %q is not longer", s, limit, norm)
		}
	}
	if !surelyLongerNorm(strings.Repeat("abc ", 200), 400) || surelyLongerNorm(strings.Repeat("K ", 300), 400) {
		t.Errorf("surelyLongerNorm: want true for 600 ASCII letters and false for Kelvin signs")
	}
}
