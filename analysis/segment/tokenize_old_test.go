package segment

import (
	"strings"
	"unicode/utf8"
)

// The tokenizer's scanner as it was before the ASCII fast path and the
// Tokenizer's ids (commit 2b96bf4), with its names prefixed "old"; the helpers
// it calls, which did not change, are shared. It is the reference the
// differential tests (tokenize_diff_test.go) compare Tokenize to.

// oldTokenScanner is the state of one oldTokenize call.
type oldTokenScanner struct {
	text    string
	dst     []Token
	slashAt int // index of the next '/' at or after the current token, or len(text)
	*tokenScratch
}

// oldTokenize is Tokenize as it was.
func oldTokenize(text string, dst []Token) []Token {
	sc := tokenScratchPool.Get().(*tokenScratch)
	sc.buf, sc.fix = sc.buf[:0], sc.fix[:0]
	t := oldTokenScanner{text: text, dst: dst, tokenScratch: sc, slashAt: -1}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if segASCII[c]&(segLetter|segDigit) == 0 {
				i++
				continue
			}
			i = t.token(i, 1, tokenASCIIClass(c))
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		cls := tokenRuneClass(r)
		if cls == tcOther || cls == tcMark {
			i += size
			continue
		}
		i = t.token(i, size, cls)
	}
	if len(sc.fix) > 0 {
		norms := string(sc.buf)
		for _, f := range sc.fix {
			t.dst[f.tok].Norm = norms[f.start:f.end]
		}
	}
	dst = t.dst
	if cap(sc.buf) <= 1<<16 && cap(sc.fix) <= 1<<12 {
		tokenScratchPool.Put(sc)
	}
	return dst
}

// token reads the token starting at text[i], whose first character has the
// given size and class, and returns where scanning resumes.
func (t *oldTokenScanner) token(i, size int, cls uint8) int {
	text := t.text
	if cls == tcIsolated {
		j := i + size
		for j < len(text) && tokenClassAt(text, j) == tcMark {
			_, s := utf8.DecodeRuneInString(text[j:])
			j += s
		}
		t.emit(i, j, TokWord, true)
		return j
	}
	if c := text[i] | 0x20; c == 'h' || c == 'w' {
		if end := urlEnd(text, i); end > i {
			t.emit(i, end, TokURL, true)
			return end
		}
	}
	// A URL without scheme needs a '/': look for one only when the next
	// '/' of the text lies within a host's reach, so prose pays nothing.
	if t.slashAt < i {
		if k := strings.IndexByte(text[i:], '/'); k >= 0 {
			t.slashAt = i + k
		} else {
			t.slashAt = len(text)
		}
	}
	if t.slashAt < len(text) && t.slashAt-i <= 255 {
		if end := bareURLEnd(text, i); end > i {
			t.emit(i, end, TokURL, true)
			return end
		}
	}
	if cls == tcLetter && i+size < len(text) && text[i+size] == '.' {
		if end := acronymEnd(text, i); end > i {
			if end+1 < len(text) && text[end] == '-' {
				if nc := tokenClassAt(text, end+1); nc == tcLetter || nc == tcDigit {
					return t.word(i, end+1, true)
				}
			}
			t.emit(i, end, TokWord, true)
			return end
		}
	}
	return t.word(i, i, false)
}

// word scans a word or number that starts at text[start], resuming at
// text[j] (j > start when an acronym and a hyphen have been read already),
// emits it and returns where scanning resumes.
func (t *oldTokenScanner) word(start, j int, letters bool) int {
	text := t.text
	prevDigit, decimal := false, false
	dirty := j > start // an acronym was read: check the token for upper case
	group := 0         // digits since the start or the last thousands separator
	apos := -1         // offset of the last apostrophe joined into the word
	aposLen := 0
scan:
	for j < len(text) {
		c := text[j]
		r, size, cls := rune(c), 1, uint8(0)
		if c < utf8.RuneSelf {
			cls = tokASCII[c]
			dirty = dirty || segASCII[c]&segUpper != 0
		} else {
			r, size = utf8.DecodeRuneInString(text[j:])
			cls = tokenRuneClass(r)
			dirty = dirty || cls != tcOther
		}
		switch cls {
		case tcLetter:
			letters, prevDigit = true, false
			// Fast path: the rest of a run of ASCII lower-case letters.
			for j += size; j < len(text) && 'a' <= text[j] && text[j] <= 'z'; j++ {
			}
			continue
		case tcDigit:
			prevDigit = true
			group++
			j += size
			continue
		case tcMark:
			j += size
			continue
		case tcIsolated:
			break scan
		}
		next := j + size
		switch {
		case isTokenHyphen(r):
			if nc := tokenClassAt(text, next); nc == tcLetter || (nc == tcDigit && !prevDigit) {
				dirty = dirty || r != '-'
				j = next
				if nc == tcLetter {
					if end := acronymEnd(text, next); end > 0 {
						// "anti-U.S.": the acronym keeps its periods and,
						// as when it stands alone, ends the token unless
						// a hyphen follows ("anti-U.S.-backed").
						letters, prevDigit, dirty = true, false, true
						j = end
						if tokenClassAt(text, j) != tcOther {
							break scan
						}
					}
				}
				continue
			}
		case isTokenApostrophe(r):
			if tokenClassAt(text, next) == tcLetter {
				dirty = dirty || r != '\''
				apos, aposLen = j, size
				j = next
				continue
			}
		case r == '.':
			if prevDigit && next < len(text) && segASCII[text[next]&0x7f]&segDigit != 0 && text[next] < utf8.RuneSelf {
				decimal = true
				j = next
				continue
			}
		case r == ',':
			if prevDigit && !letters && !decimal && group <= 3 && thousandsGroup(text, next) {
				group = 0
				dirty = true
				j = next
				continue
			}
		case r == 0xAD, r == 0x200C, r == 0x200D, r == 0x5F3, r == 0x5F4:
			if nc := tokenClassAt(text, next); nc == tcLetter || nc == tcDigit {
				dirty = true
				j = next
				continue
			}
		}
		break
	}
	if j < len(text) && isEmailTrigger(text[j]) && text[start] < utf8.RuneSelf {
		if end := emailEnd(text, start); end > 0 {
			t.emit(start, end, TokEmail, true)
			return end
		}
	}
	end := j
	if apos >= 0 && apos+aposLen == end-1 && text[end-1]|0x20 == 's' && !isContractionS(text[start:apos]) {
		end = apos
	}
	kind := TokWord
	if !letters {
		kind = TokNumber
	}
	t.emit(start, end, kind, dirty)
	return j
}

// emit appends the token text[start:end], normalising it if needed; when
// maybe is false the caller has seen that the token needs no change.
func (t *oldTokenScanner) emit(start, end int, kind TokenKind, maybe bool) {
	s := t.text[start:end]
	tok := Token{Span: Span{start, end}, Kind: kind}
	whole := kind == TokURL || kind == TokEmail
	if !maybe || !tokenNeedsNorm(s, whole) {
		tok.Norm = s
		t.dst = append(t.dst, tok)
		return
	}
	b := len(t.buf)
	if whole {
		t.buf = appendTokenLower(t.buf, s)
	} else {
		t.buf = appendTokenNorm(t.buf, s)
	}
	t.fix = append(t.fix, tokenNormFix{len(t.dst), b, len(t.buf)})
	t.dst = append(t.dst, tok)
}
