package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/internal/testkit"
)

// refPlainASCII marks the ASCII bytes that are not white space to
// appendNormCount; lowerASCII lower-cases ASCII letters and keeps every
// other byte.
var refPlainASCII, refLowerASCII = func() (plain [256]bool, lower [256]byte) {
	for c := 0; c < 256; c++ {
		plain[c] = c < utf8.RuneSelf && !strings.ContainsRune(" \t\r\v\f", rune(c))
		lower[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			lower[c] = byte(c + 'a' - 'A')
		}
	}
	return plain, lower
}()

// refAppendNormCount is appendNorm as it was before its table-driven
// rewrite, the reference appendNormCount is checked against: appendNorm that also counts, in the same pass, the
// white-space separated fields of s (separated by ' ', '\t' and non-ASCII
// white space: '\r', '\v' and '\f' belong to a field, though the
// normalised text reads them as spaces) and the fields starting with a
// lower-case letter: the words and lowerWords of a lineView.
func refAppendNormCount(dst []byte, s string) (_ []byte, words, lowerWords int) {
	space, inWord := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' {
				space, inWord = true, false
				i++
				continue
			}
			if !inWord {
				inWord = true
				words++
				if 'a' <= c && c <= 'z' {
					lowerWords++
				}
			}
			if c == '\r' || c == '\v' || c == '\f' {
				space = true
				i++
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			// The run of plain ASCII bytes from here stays in one field:
			// copy it, then lower-case it in place.
			j := i + 1
			for j < len(s) && refPlainASCII[s[j]] {
				j++
			}
			n := len(dst)
			dst = append(dst, s[i:j]...)
			for k := n; k < len(dst); k++ {
				dst[k] = refLowerASCII[dst[k]]
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isSpace(r) {
			space, inWord = true, false
			continue
		}
		if !inWord {
			inWord = true
			words++
			if unicode.IsLower(r) {
				lowerWords++
			}
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		switch r {
		case '’', 'ʼ', '′':
			r = '\''
		default:
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, words, lowerWords
}

// checkNormCount compares appendNormCount with refAppendNormCount, also when
// appending to a non-empty buffer.
func checkNormCount(t *testing.T, line string) {
	t.Helper()
	want, ww, wl := refAppendNormCount([]byte("x"), line)
	got, w, lw := appendNormCount([]byte("x"), line)
	if string(got) != string(want) || w != ww || lw != wl {
		t.Fatalf("appendNormCount(%q) = %q, %d, %d; want %q, %d, %d", line, got, w, lw, want, ww, wl)
	}
}

// TestAppendNormCountReference checks appendNormCount against the code it
// replaced on every AllSides line and on random mixes of ASCII, white space
// of every kind, letters whose lower case is longer or shorter in UTF-8,
// apostrophes and invalid UTF-8.
func TestAppendNormCountReference(t *testing.T) {
	for _, text := range testkit.AllSidesTexts(t) {
		for _, line := range strings.Split(text, "\n") {
			checkNormCount(t, line)
			checkNormCount(t, trimSpace(line))
		}
	}
	parts := []string{"a", "Z", "x", " ", "  ", "\t", "\r", "\v", "\f", "\u00a0", "\u2003", "\u200b", "\ufeff", "é", "É",
		"ß", "İ", "Ⱥ", "ẞ", "K", "’", "ʼ", "′", "\xff", "\xe2\x80", ".", "7", "\x00"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 50000 {
		var b strings.Builder
		for n := r.IntN(16); n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		checkNormCount(t, b.String())
	}
}

// FuzzAppendNormCount checks appendNormCount against refAppendNormCount.
func FuzzAppendNormCount(f *testing.F) {
	f.Add(" Hello\tWORLD  Ⱥ\u00a0İ’s\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		checkNormCount(t, s)
	})
}

// benchLines are the lines of the AllSides sample, for the normalisation
// benchmarks.
func benchLines(b *testing.B) ([]string, int64) {
	var lines []string
	var size int64
	for _, text := range testkit.AllSidesTexts(b) {
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, trimSpace(l))
			size += int64(len(l))
		}
	}
	return lines, size
}

// BenchmarkAppendNormCount is the normalisation of every AllSides line;
// BenchmarkRefAppendNormCount the code it replaced.
func BenchmarkAppendNormCount(b *testing.B)    { benchNorm(b, appendNormCount) }
func BenchmarkRefAppendNormCount(b *testing.B) { benchNorm(b, refAppendNormCount) }

func benchNorm(b *testing.B, norm func([]byte, string) ([]byte, int, int)) {
	lines, size := benchLines(b)
	b.SetBytes(size)
	var buf []byte
	for b.Loop() {
		for _, l := range lines {
			buf, _, _ = norm(buf[:0], l)
		}
	}
}
