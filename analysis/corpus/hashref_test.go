package corpus

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// The duplicate-detection hashes as they were computed before textHash
// fused them, one pass and one function each: the reference textHash is
// checked against.

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

// checkTextHash compares textHash with the reference functions.
func checkTextHash(t *testing.T, s string) {
	t.Helper()
	got := textHash(s)
	blank := isBlankText(s)
	words, ok := wordsHash(s)
	want := textHashes{blank: blank, norm: normalizedTextHash(s), words: words, wordsOK: ok}
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
