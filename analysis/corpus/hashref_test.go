package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The duplicate-detection streams built one function each, byte by byte,
// as the hashes were computed before textHash fused them: the reference
// textHash is checked against (blockHash of each stream).

// normalizedTextHash is the blockHash of s lower-cased with every run of
// white space replaced by one space and leading and trailing space removed.
func normalizedTextHash(s string) uint64 {
	var h []byte
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
				h = append(h, ' ')
				pendingSpace = false
			}
			h = append(h, c)
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
			h = append(h, ' ')
			pendingSpace = false
		}
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		h = append(h, buf[:n]...)
		started = true
	}
	return blockHash(string(h))
}

// hashASCIISpace marks the ASCII white space bytes, as unicode.IsSpace does.
var hashASCIISpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// wordsHash is the blockHash of the words of s: its runs of letters
// (and marks), lower-cased, one space between them; digits, punctuation and
// white space only separate words. ok is false when s has fewer than
// nearMinWords words. Two texts with the same hash but different
// normalizedTextHash are near duplicates: they differ only in digits or
// punctuation.
func wordsHash(s string) (uint64, bool) {
	var h []byte
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
					h = append(h, ' ')
				}
			}
			h = append(h, c)
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
				h = append(h, ' ')
			}
		}
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		h = append(h, buf[:n]...)
		inWord = true
	}
	return blockHash(string(h)), words >= nearMinWords
}

// checkTextHash compares textHash with the reference functions.
func checkTextHash(t *testing.T, s string) {
	t.Helper()
	got := textHash(s)
	blank := isBlankText(s)
	words, ok := wordsHash(s)
	want := textHashes{blank: blank, norm: normalizedTextHash(s), words: words, wordsOK: ok}
	if blank {
		// A blank text's hashes are never used.
		got.norm, got.words, want.norm, want.words = 0, 0, 0, 0
	}
	if got != want {
		t.Errorf("textHash(%q) = %+v, want %+v", s, got, want)
	}
}

// TestTextHash checks textHash against the separate reference hashes on
// white space of every kind, case, marks, digits, punctuation and invalid
// UTF-8.
func TestTextHash(t *testing.T) {
	for _, s := range []string{
		"", " ", "\t\n\v\f\r ", "\u00a0\u2003", "Hello", "  Hello\n\tWORLD  ", "ÉCOLE  Ünïcode\u00a0space",
		"İstanbul", "a\u2003b", "caf\xe9", "\xff\xfe", "one two three four five six seven eight nine ten",
		"One, two; three (four) five-six seven 8 eight nine ten!", "e\u0301cole \u0301x a\u0301\u0301b",
		"Ереван Bakı Ереван Bakı Ереван Bakı Ереван Bakı Ереван Bakı", "x1y2z3 A-B_C", "\x00\x7f~",
		"ΣΊΣΥΦΟΣ ǅemal ﬁnd", "日本語 テキスト。中文！",
	} {
		checkTextHash(t, s)
	}
	// Texts longer than textHash's buffers, cut at every offset near their
	// ends, so that a chunk boundary falls on every kind of byte.
	long := strings.Repeat("Ab, cd  EF\n\tgh — “ij” e\u0301 12 ", 400)
	for cut := len(long) - 40; cut <= len(long); cut++ {
		checkTextHash(t, long[:cut])
		checkTextHash(t, long[len(long)-cut:])
	}
}

// TestTextHashRandom checks textHash against the reference hashes on
// random texts made of pieces that each meet a different path of its loop
// (eight ASCII bytes at a time, one byte, one rune), at every alignment.
func TestTextHashRandom(t *testing.T) {
	pieces := []string{"a", "B", "xyz", "Word", " ", "  ", ",", ". ", "\n", "\t ", "é", "—", "1", "\u0301", "\u00a0", "\x01", "\xff"}
	rng := rand.New(rand.NewPCG(13, 13))
	for range 3000 {
		var b strings.Builder
		for n := rng.IntN(60); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkTextHash(t, b.String())
	}
}

// TestTextHashTellsApart checks that texts which are not duplicates get
// different hashes, and that texts which are get the same.
func TestTextHashTellsApart(t *testing.T) {
	a, b := textHash("One two three four five six seven eight nine ten."), textHash("one   two three four five six seven eight nine ten!")
	if a.norm == b.norm || a.words != b.words || !a.wordsOK {
		t.Errorf("near duplicates: %+v %+v", a, b)
	}
	if c := textHash("\n ONE two three four five six seven eight nine ten. "); c.norm != a.norm {
		t.Errorf("exact duplicates: %+v %+v", a, c)
	}
	seen := map[uint64]string{}
	for i := range 20000 {
		s := strings.Repeat("x", i%50) + strconv.Itoa(i)
		h := textHash(s).norm
		if prev, ok := seen[h]; ok {
			t.Fatalf("%q and %q share the hash %x", prev, s, h)
		}
		seen[h] = s
	}
}

// FuzzTextHash checks textHash against the reference hashes.
func FuzzTextHash(f *testing.F) {
	f.Add("  Hello\n\tWORLD  ")
	f.Add("ÉCOLE\u00a0x e\u0301 1,2 caf\xe9")
	f.Fuzz(func(t *testing.T, s string) {
		checkTextHash(t, s)
	})
}

// benchText is article-like text for the hash benchmarks.
var benchText = func() string {
	s := ""
	for len(s) < 64<<10 {
		s += "The Minister said on Tuesday that 12 talks in Geneva — “the last round” — ended without a deal.\n\nOfficials were not available for comment. "
	}
	return s
}()

// BenchmarkTextHash is the fused hash; BenchmarkTextHashSeparate the two
// reference hashes and the blank check it replaces.
func BenchmarkTextHash(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		textHash(benchText)
	}
}

func BenchmarkTextHashSeparate(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		isBlankText(benchText)
		normalizedTextHash(benchText)
		wordsHash(benchText)
	}
}
