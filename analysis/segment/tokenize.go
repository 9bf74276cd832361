package segment

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// TokenKind says what a token is.
type TokenKind uint8

const (
	TokWord   TokenKind = iota // letters, possibly with digits, hyphens, apostrophes
	TokNumber                  // digits only, with decimal points; thousands separators removed
	TokURL                     // http://…, https://…, www.…
	TokEmail                   // local@domain.tld
)

// String names the kind: "word", "number", "url", "email".
func (k TokenKind) String() string {
	switch k {
	case TokWord:
		return "word"
	case TokNumber:
		return "number"
	case TokURL:
		return "url"
	case TokEmail:
		return "email"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Token is a word-like token: Norm is the normalised form used for counting;
// Span is its place in the input.
type Token struct {
	Norm string
	Span Span
	Kind TokenKind
	// ID is the id of Norm in the Norms of the Tokenizer that made the
	// token (from 1), or 0 when it came from Tokenize.
	ID int32
}

// Character classes used by the tokenizer.
const (
	tcOther    uint8 = iota // punctuation, symbols, white space, joiners
	tcLetter                // letters and non-decimal numbers (², ½, Ⅻ)
	tcDigit                 // decimal digits of any script
	tcMark                  // combining marks: continue a word, never start one
	tcIsolated              // Han ideographs and Hiragana: one token each
)

// ASCII properties.
const (
	segLetter uint8 = 1 << iota
	segDigit
	segUpper
	segPlain // neither white space nor a sentence terminal
	segBlank // space or tab
)

var segASCII = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = segLetter
		t[c-'a'+'A'] = segLetter | segUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = segDigit
	}
	for c := 0; c < len(t); c++ {
		if !IsSpace(rune(c)) && !isSentTerminal(rune(c)) {
			t[c] |= segPlain
		}
		if c == ' ' || c == '\t' {
			t[c] |= segBlank
		}
	}
	return t
}()

// tokenClassAt returns the class of the character at text[k], tcOther past the end.
func tokenClassAt(text string, k int) uint8 {
	if k >= len(text) {
		return tcOther
	}
	if c := text[k]; c < utf8.RuneSelf {
		return tokenASCIIClass(c)
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	return tokenRuneClass(r)
}

// tokenASCIIClass classifies an ASCII byte.
func tokenASCIIClass(c byte) uint8 { return tokASCII[c&0x7f] }

var tokASCII = func() (t [128]uint8) {
	for c := range t {
		switch a := segASCII[c]; {
		case a&segLetter != 0:
			t[c] = tcLetter
		case a&segDigit != 0:
			t[c] = tcDigit
		}
	}
	return t
}()

// tokenRuneClass classifies a non-ASCII rune.
func tokenRuneClass(r rune) uint8 {
	if r == 'ʼ' { // MODIFIER LETTER APOSTROPHE is read as an apostrophe
		return tcOther
	}
	if unicode.IsLetter(r) {
		if r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r)) {
			return tcIsolated
		}
		return tcLetter
	}
	if unicode.IsDigit(r) {
		return tcDigit
	}
	if unicode.IsNumber(r) {
		return tcLetter
	}
	if unicode.IsMark(r) {
		return tcMark
	}
	return tcOther
}

func isTokenHyphen(r rune) bool     { return r == '-' || r == 0x2010 || r == 0x2011 }
func isTokenApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// contractionS lists the words after which "'s" is a contraction of is, has
// or us and stays part of the token ("it's", "let's"); after any other word
// it is read as the possessive and dropped ("Pashinyan's" → "pashinyan").
// "Trump's" may mean "Trump is", but it cannot be told apart and is dropped.
var contractionS = map[string]bool{
	"it": true, "he": true, "she": true, "that": true, "there": true, "here": true,
	"what": true, "who": true, "where": true, "when": true, "how": true, "why": true,
	"let": true, "everyone": true, "everybody": true, "someone": true, "somebody": true,
	"nobody": true,
}

// tokenScratch holds the normalised forms of one Tokenize call: buf collects
// them and fix says which token gets which part, so that all of them share
// one string allocation.
type tokenScratch struct {
	buf []byte
	fix []tokenNormFix
}

type tokenNormFix struct{ tok, start, end int }

var tokenScratchPool = sync.Pool{New: func() any { return new(tokenScratch) }}

// tokenScanner is the state of one Tokenize call.
type tokenScanner struct {
	text    string
	dst     []Token
	slashAt int        // index of the next '/' at or after the current token, or len(text)
	cache   *normCache // with a Tokenizer: gives ids and the Norms' copies
	*tokenScratch
}

// Tokenize appends to dst the tokens of text (punctuation and symbols produce
// no token). Tokens never contain white space and never cross a sentence
// boundary found by Sentences: tokenizing each sentence alone gives the same
// tokens as tokenizing the whole text. The rules:
//
//   - A word is a run of letters and digits of any script, with combining
//     marks; it is lower-cased with Unicode simple case mapping, except that
//     Turkish 'İ' becomes "i" (dotless 'ı' stays "ı") and a capital sigma at
//     the end of a word becomes 'ς'. Diacritics are kept and no Unicode
//     normalisation (NFC, NFKC) is applied: that belongs to cleaning.
//   - Han ideographs and Hiragana are one token per character, as in Lucene's
//     StandardTokenizer, since no spaces separate words there; Katakana,
//     Hangul, Thai and other scripts form runs like Latin.
//   - A hyphen (-, U+2010, U+2011) between two word characters joins them
//     ("Nagorno-Karabakh" → "nagorno-karabakh", "second-most-significant",
//     "COVID-19", "9-year-old"), except between two numbers ("1994-2020",
//     scores, phone numbers: separate tokens). A leading, trailing or
//     doubled hyphen separates, and so does every dash (–, —).
//   - An apostrophe (', ’, ʼ; normalised to ') followed by a letter joins:
//     contractions stay whole ("don't", "we'll", "o'brien"). A final "'s" is
//     the possessive and is dropped, except after the words in contractionS
//     ("it's"); a trailing apostrophe is dropped ("Armenians'" → "armenians").
//     The dropped part is outside the token's Span.
//   - Numbers: a comma followed by exactly three digits inside a number is a
//     thousands separator and is removed ("6,000" → "6000"); a period between
//     digits is kept ("3.5", "02.09.2023"); "%" and currency signs are
//     punctuation ("40%" → "40"). A token of digits and decimal points is a
//     TokNumber; "44th" is a word.
//   - Dotted acronyms of single letters keep their periods: "U.S." →
//     "u.s.", "a.m." → "a.m."; other periods separate ("Mr." → "mr").
//     A hyphen joins an acronym to a word on either side, as it joins
//     words: "anti-U.S." → "anti-u.s.", "U.S.-led" → "u.s.-led",
//     "U.S.-Russia" → "u.s.-russia". An acronym ends the token unless a
//     hyphen follows it, so "U.S.A" gives "u.s." and "a" wherever it stands.
//   - URLs beginning with http://, https:// or www., and bare links of two
//     or more host labels with a path (pic.twitter.com/abc), are one TokURL token up
//     to white space, quotes or angle brackets, without trailing punctuation
//     or an unbalanced closing bracket; e-mail addresses (ASCII local part,
//     a dotted domain) are one TokEmail token. Both are lower-cased whole.
//   - Hashtags and @handles are not special: '#' and '@' are punctuation and
//     the word after them is an ordinary word, so "#Artsakh" counts with
//     "Artsakh" in prose.
//   - A soft hyphen inside a word is removed; zero-width (non-)joiners and
//     Hebrew geresh/gershayim inside a word are kept.
//
// Norm is a substring of text when the token needs no change (lower-case
// words, numbers without separators); the other tokens of one call share a
// single allocated string, so lower-case text is tokenized without
// allocating beyond the growth of dst.
func Tokenize(text string, dst []Token) []Token { return tokenize(text, dst, nil) }

// tokenize is Tokenize, giving each token its id in cache when cache is not
// nil.
func tokenize(text string, dst []Token, cache *normCache) []Token {
	sc := tokenScratchPool.Get().(*tokenScratch)
	sc.buf, sc.fix = sc.buf[:0], sc.fix[:0]
	t := tokenScanner{text: text, dst: dst, tokenScratch: sc, slashAt: -1, cache: cache}
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
func (t *tokenScanner) token(i, size int, cls uint8) int {
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
func (t *tokenScanner) word(start, j int, letters bool) int {
	text := t.text
	if j == start {
		if end := t.asciiWord(start); end > start {
			return end
		}
	}
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

// asciiWord is the fast path of word for the common token: a run of ASCII
// letters and digits followed by a byte that cannot continue it (white
// space, most punctuation, the end). It emits the token and returns its end,
// or returns -1, having emitted nothing, for word's general path. A period
// or comma after a letter ends the token as word would; after a digit it
// may join (3.5, 6,000), so the general path decides.
func (t *tokenScanner) asciiWord(start int) int {
	text := t.text
	k := start
	var seen uint8 // segLetter, segDigit, segUpper of the run's bytes
	for ; k < len(text) && text[k] < utf8.RuneSelf; k++ {
		f := segASCII[text[k]]
		if f&(segLetter|segDigit) == 0 {
			break
		}
		seen |= f
	}
	if k < len(text) {
		switch c := text[k]; {
		case c >= utf8.RuneSelf || tokJoins[c]:
			return -1
		case c == '.' || c == ',':
			if segASCII[text[k-1]]&segDigit != 0 {
				return -1
			}
			if c == '.' { // an e-mail address: local.part@domain
				if end := emailEnd(text, start); end > 0 {
					t.emit(start, end, TokEmail, true)
					return end
				}
			}
		}
	}
	kind := TokWord
	if seen&segLetter == 0 {
		kind = TokNumber
	}
	t.emitNorm(start, k, kind, seen&segUpper != 0, true)
	return k
}

// tokJoins marks the ASCII bytes after which an ASCII run of letters and
// digits may go on as one token, or become an e-mail address: the hyphen,
// the apostrophe and the e-mail triggers; the period and comma are decided
// by what precedes them (asciiWord).
var tokJoins = func() (t [128]bool) {
	for _, c := range []byte("-'@_%+") {
		t[c] = true
	}
	return t
}()

// thousandsGroup reports exactly three ASCII digits at text[k:], not followed
// by another digit.
func thousandsGroup(text string, k int) bool {
	if k+3 > len(text) {
		return false
	}
	for _, c := range []byte(text[k : k+3]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return k+3 == len(text) || tokenClassAt(text, k+3) != tcDigit
}

func isContractionS(w string) bool {
	if len(w) > 9 {
		return false
	}
	var buf [9]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return contractionS[string(buf[:len(w)])]
}

// acronymEnd returns the end of a dotted acronym of at least two single
// letters, each followed by a period ("U.S.", "a.m.", "U.S.A."), starting at
// text[i], or -1.
func acronymEnd(text string, i int) int {
	j, n := i, 0
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r < utf8.RuneSelf {
			if segASCII[r]&segLetter == 0 {
				break
			}
		} else if tokenRuneClass(r) != tcLetter {
			break
		}
		if j+size >= len(text) || text[j+size] != '.' {
			break
		}
		j += size + 1
		n++
	}
	if n < 2 {
		return -1
	}
	return j
}

// bareURLEnd returns the end of a URL without scheme starting at text[i]
// ("pic.twitter.com/abc", "usat.ly/2x"), or -1: two or more ASCII host
// labels, the last of 2 to 24 letters, then '/' and a path. The slash is
// required, so a domain named in prose ("twitter.com") stays a word and
// "U.S." an acronym.
func bareURLEnd(text string, i int) int {
	j := i
	labels := 0
	for {
		start := j
		for j < len(text) && text[j] < utf8.RuneSelf && segASCII[text[j]]&(segLetter|segDigit) != 0 || j > start && j < len(text) && text[j] == '-' {
			j++
		}
		if j == start {
			return -1
		}
		labels++
		if j >= len(text) || text[j] != '.' {
			break
		}
		j++
	}
	if labels < 2 || j >= len(text) || text[j] != '/' {
		return -1
	}
	tld := text[strings.LastIndexByte(text[i:j], '.')+i+1 : j]
	if len(tld) < 2 || len(tld) > 24 {
		return -1
	}
	for k := 0; k < len(tld); k++ {
		if segASCII[tld[k]]&segLetter == 0 {
			return -1
		}
	}
	return urlPathEnd(text, i, j+1)
}

// urlEnd returns the end of a URL starting at text[i], or -1.
func urlEnd(text string, i int) int {
	rest := text[i:]
	var n int
	switch {
	case hasPrefixFoldASCII(rest, "https://"):
		n = len("https://")
	case hasPrefixFoldASCII(rest, "http://"):
		n = len("http://")
	case hasPrefixFoldASCII(rest, "www."):
		n = len("www.")
		if len(rest) == n || segASCII[rest[n]&0x7f]&(segLetter|segDigit) == 0 || rest[n] >= utf8.RuneSelf {
			return -1
		}
	default:
		return -1
	}
	return urlPathEnd(text, i, i+n)
}

// urlPathEnd scans the rest of a URL that starts at text[i] and whose scheme
// or host ends at text[from]; it returns the end without trailing
// punctuation, or -1 when nothing follows from.
func urlPathEnd(text string, i, from int) int {
	n := from - i
	j := from
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '`' ||
				c == '{' || c == '}' || c == '|' || c == '\\' || c == '^' {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) {
			break
		}
		j += size
	}
	for j > i+n {
		switch text[j-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			j--
			continue
		case ')':
			if unbalancedBrackets(text[i:j], '(', ')') {
				j--
				continue
			}
		case ']':
			if unbalancedBrackets(text[i:j], '[', ']') {
				j--
				continue
			}
		}
		break
	}
	if j == i+n {
		return -1
	}
	return j
}

// unbalancedBrackets reports more closing than opening brackets in s.
func unbalancedBrackets(s string, open, close byte) bool {
	d := 0
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case open:
			d++
		case close:
			d--
		}
	}
	return d < 0
}

func hasPrefixFoldASCII(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

func isEmailTrigger(c byte) bool {
	switch c {
	case '@', '.', '_', '%', '+', '-':
		return true
	}
	return false
}

func isEmailLocalByte(c byte) bool {
	return c < utf8.RuneSelf && (segASCII[c]&(segLetter|segDigit) != 0 ||
		c == '.' || c == '_' || c == '%' || c == '+' || c == '-')
}

func isASCIIAlnumByte(c byte) bool {
	return c < utf8.RuneSelf && segASCII[c]&(segLetter|segDigit) != 0
}

// emailEnd returns the end of an e-mail address starting at text[i], or -1:
// an ASCII local part, '@', and at least two dot-separated domain labels,
// the last of at least two letters.
func emailEnd(text string, i int) int {
	j := i
	for j < len(text) && isEmailLocalByte(text[j]) {
		j++
	}
	if j == i || j >= len(text) || text[j] != '@' || text[j-1] == '.' {
		return -1
	}
	k := j + 1
	labels, lastStart, lastEnd := 0, 0, 0
	for {
		ls := k
		for k < len(text) && (isASCIIAlnumByte(text[k]) || text[k] == '-') {
			k++
		}
		if k == ls {
			break
		}
		labels++
		lastStart, lastEnd = ls, k
		if k+1 < len(text) && text[k] == '.' && isASCIIAlnumByte(text[k+1]) {
			k++
			continue
		}
		break
	}
	if labels < 2 || lastEnd-lastStart < 2 {
		return -1
	}
	for _, c := range []byte(text[lastStart:lastEnd]) {
		if segASCII[c]&segLetter == 0 {
			return -1
		}
	}
	return lastEnd
}

// emit appends the token text[start:end], normalising it if needed; when
// maybe is false the caller has seen that the token needs no change.
func (t *tokenScanner) emit(start, end int, kind TokenKind, maybe bool) {
	whole := kind == TokURL || kind == TokEmail
	t.emitNorm(start, end, kind, maybe && tokenNeedsNorm(t.text[start:end], whole), whole)
}

// emitNorm appends the token text[start:end]; need says that it differs from
// its normalised form, lower that normalising it is lower-casing only (URLs,
// e-mail addresses, runs of ASCII letters and digits).
func (t *tokenScanner) emitNorm(start, end int, kind TokenKind, need, lower bool) {
	s := t.text[start:end]
	tok := Token{Span: Span{start, end}, Kind: kind}
	if !need {
		tok.Norm = s
		if t.cache != nil {
			tok.ID, _ = t.cache.lookup(s)
		}
		t.dst = append(t.dst, tok)
		return
	}
	b := len(t.buf)
	if lower {
		t.buf = appendTokenLower(t.buf, s)
	} else {
		t.buf = appendTokenNorm(t.buf, s)
	}
	if t.cache != nil { // the interner's copy: nothing to allocate
		tok.ID, tok.Norm = t.cache.lookup(unsafe.String(unsafe.SliceData(t.buf[b:]), len(t.buf)-b))
		t.buf = t.buf[:b]
		t.dst = append(t.dst, tok)
		return
	}
	t.fix = append(t.fix, tokenNormFix{len(t.dst), b, len(t.buf)})
	t.dst = append(t.dst, tok)
}

// tokenNeedsNorm reports whether s differs from its normalised form; with
// lowerOnly, normalisation is lower-casing only (URLs, e-mail addresses).
func tokenNeedsNorm(s string, lowerOnly bool) bool {
	for k := 0; k < len(s); {
		c := s[k]
		if c < utf8.RuneSelf {
			if segASCII[c]&segUpper != 0 || (c == ',' && !lowerOnly) {
				return true
			}
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		if !lowerOnly && (r == '’' || r == 'ʼ' || r == 0x2010 || r == 0x2011 || r == 0xAD) {
			return true
		}
		if tokenLowerRune(r) != r {
			return true
		}
		k += size
	}
	return false
}

func tokenLowerRune(r rune) rune {
	if r == 'İ' {
		return 'i'
	}
	return unicode.ToLower(r)
}

// appendTokenLower appends s lower-cased.
func appendTokenLower(b []byte, s string) []byte {
	for k := 0; k < len(s); {
		c := s[k]
		if c < utf8.RuneSelf {
			if segASCII[c]&segUpper != 0 {
				c += 'a' - 'A'
			}
			b = append(b, c)
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		b = utf8.AppendRune(b, tokenLowerRune(r))
		k += size
	}
	return b
}

// appendTokenNorm appends the normalised form of the word or number s: lower
// case, final sigma, apostrophes and hyphens unified, thousands separators
// and soft hyphens removed.
func appendTokenNorm(b []byte, s string) []byte {
	prevLetter := false
	for k := 0; k < len(s); {
		c := s[k]
		if c < utf8.RuneSelf {
			switch {
			case c == ',':
			case segASCII[c]&segUpper != 0:
				b = append(b, c+'a'-'A')
			default:
				b = append(b, c)
			}
			prevLetter = segASCII[c]&segLetter != 0
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		k += size
		switch r {
		case 0xAD:
			continue
		case '’', 'ʼ':
			b = append(b, '\'')
		case 0x2010, 0x2011:
			b = append(b, '-')
		case 'Σ':
			if prevLetter && !tokenLetterAt(s, k) {
				b = utf8.AppendRune(b, 'ς')
			} else {
				b = utf8.AppendRune(b, 'σ')
			}
		default:
			b = utf8.AppendRune(b, tokenLowerRune(r))
		}
		prevLetter = unicode.IsLetter(r)
	}
	return b
}

// tokenLetterAt reports a letter at s[k].
func tokenLetterAt(s string, k int) bool {
	if k >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	return unicode.IsLetter(r)
}
