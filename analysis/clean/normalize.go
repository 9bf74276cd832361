package clean

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u200b' || r == '\ufeff' || unicode.IsSpace(r)
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func trimSpace(s string) string { return strings.TrimFunc(s, isSpace) }

// appendNorm appends s lower-cased, with runs of white space as one space and
// the typographic apostrophe read as '.
func appendNorm(dst []byte, s string) []byte {
	dst, _, _ = appendNormCount(dst, s)
	return dst
}

// normASCII describes each byte for appendNormCount: bit normBlank for ' '
// and '\t' (white space between fields), normLowerStart for a-z (a field
// starting with it is lower-case), normSlow for the bytes the fast loop
// leaves to the general one: '\r', '\v', '\f' (white space inside a
// field) and every byte of a non-ASCII rune. normOut is the byte written
// for an ASCII byte: letters lower-cased, blanks as ' '.
var normASCII, normOut = func() (class [256]uint8, out [256]byte) {
	for c := 0; c < 256; c++ {
		out[c] = byte(c)
		switch {
		case c >= utf8.RuneSelf || c == '\r' || c == '\v' || c == '\f':
			class[c] = normSlow
		case c == ' ' || c == '\t':
			class[c] = normBlank
			out[c] = ' '
		case 'A' <= c && c <= 'Z':
			out[c] = byte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z':
			class[c] = normLowerStart
		}
	}
	return class, out
}()

// Bits of normASCII.
const (
	normBlank      = 1
	normLowerStart = 2
	normSlow       = 4
)

// appendNormCount is appendNorm that also counts, in the same pass, the
// white-space separated fields of s (separated by ' ', '\t' and non-ASCII
// white space: '\r', '\v' and '\f' belong to a field, though the
// normalised text reads them as spaces) and the fields starting with a
// lower-case letter: the words and lowerWords of a lineView.
//
// A run of white space becomes one space where it is followed by more text,
// nothing at the end. ASCII bytes other than '\r', '\v' and '\f' take a
// loop without branches: every byte is written, and the write position
// moves on unless the byte is a blank following a blank; a space written
// last is taken back at the end. Other bytes are decoded as runes.
func appendNormCount(dst []byte, s string) (_ []byte, words, lowerWords int) {
	// The bytes written never outnumber the bytes read but where a rune's
	// lower case is longer: the general loop makes room then.
	dst = slices.Grow(dst, len(s))
	n := len(dst)
	buf := dst[:cap(dst)]
	var inWord, lastBlank uint // 0 or 1
	for i := 0; i < len(s); {
		c := s[i]
		k := uint(normASCII[c])
		if k&normSlow == 0 {
			blank := k & normBlank
			start := (blank ^ 1) &^ inWord
			words += int(start)
			lowerWords += int(start & (k >> 1))
			inWord = blank ^ 1
			buf[n] = normOut[c]
			n += int(1 - blank&lastBlank)
			lastBlank = blank
			i++
			continue
		}
		if c < utf8.RuneSelf { // '\r', '\v', '\f': a space inside a field
			words += int(inWord ^ 1)
			inWord = 1
			if lastBlank == 0 {
				buf[n] = ' '
				n++
				lastBlank = 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isSpace(r) {
			inWord = 0
			if lastBlank == 0 {
				buf[n] = ' ' // the rune had at least two bytes: there is room
				n++
				lastBlank = 1
			}
			continue
		}
		if inWord == 0 {
			inWord = 1
			words++
			if unicode.IsLower(r) {
				lowerWords++
			}
		}
		switch r {
		case '’', 'ʼ', '′':
			r = '\''
		default:
			r = unicode.ToLower(r)
		}
		dst = slices.Grow(utf8.AppendRune(buf[:n], r), len(s)-i)
		n, buf = len(dst), dst[:cap(dst)]
		lastBlank = 0
	}
	if lastBlank == 1 {
		n-- // white space at the end
	}
	return buf[:n], words, lowerWords
}

// wordsOf yields the words of a normalised line: runs of letters, digits and
// apostrophes.
func wordsOf(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\''
			if in && start < 0 {
				start = i
			} else if !in && start >= 0 {
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// hasPrefixWord reports whether s starts with p ending at a word boundary.
func hasPrefixWord(s, p string) bool {
	if !strings.HasPrefix(s, p) {
		return false
	}
	if len(s) == len(p) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[len(p):])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func hasAnyPrefixWord(s string, ps []string) bool {
	for _, p := range ps {
		if hasPrefixWord(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, p := range subs {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// hasWord reports whether the normalised line s holds w as a whole word.
func hasWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[j:])
		if (i == 0 || notAlnum(before)) && (j == len(s) || notAlnum(after)) {
			return true
		}
		from = i + 1
	}
}

func hasAnyWord(s string, ws []string) bool {
	for _, w := range ws {
		if hasWord(s, w) {
			return true
		}
	}
	return false
}

// endsSentence reports whether s ends with . ! or ? (closing quotes and
// brackets aside).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’)]»")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// onlyMarkers reports whether s is made only of markers (in any order,
// separated by punctuation or nothing), optionally ending in one link.
// markers must list longer markers before their prefixes.
func onlyMarkers(s string, markers []string) bool {
	found := false
	for {
		s = strings.TrimLeftFunc(s, func(r rune) bool { return notAlnum(r) && r != '<' && r != '@' })
		if s == "" {
			return found
		}
		if found && isLinkToken(strings.TrimRight(s, ".)>]")) {
			return true
		}
		matched := false
		for _, m := range markers {
			if strings.HasPrefix(s, m) {
				s = s[len(m):]
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
		found = true
	}
}

// isLinkToken reports whether a single token (no spaces) is a URL, a bare
// domain or an e-mail address.
func isLinkToken(t string) bool {
	t = strings.Trim(t, "<>()[]{},;")
	if t == "" || strings.ContainsAny(t, " \t") {
		return false
	}
	if strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") || strings.HasPrefix(t, "www.") {
		return len(t) > 8
	}
	return isEmail(t) || isDomain(t)
}

// isDomain reports whether t looks like host.tld[/path]: letters, digits and
// hyphens in dot-separated labels, a final label of 2–24 letters.
func isDomain(t string) bool {
	if i := strings.IndexByte(t, '/'); i >= 0 {
		t = t[:i]
	}
	dot := strings.LastIndexByte(t, '.')
	if dot <= 0 || dot == len(t)-1 {
		return false
	}
	tld := t[dot+1:]
	if len(tld) < 2 || len(tld) > 24 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	for _, r := range t[:dot] {
		if !(r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

func isEmail(t string) bool {
	at := strings.IndexByte(t, '@')
	return at > 0 && strings.Count(t, "@") == 1 && isDomain(t[at+1:]) && !strings.Contains(t[at+1:], "/")
}

// containsEmail reports whether a normalised line holds an e-mail address,
// and whether it is the last token.
func containsEmail(s string) (found, last bool) {
	if !strings.Contains(s, "@") {
		return false, false
	}
	toks := strings.Fields(s)
	for i, t := range toks {
		if isEmail(strings.Trim(t, "<>()[]{},;:.!?\"'")) {
			found = true
			last = i == len(toks)-1
		}
	}
	return found, last
}
