// Segmentation (SPEC §4): sentences and word tokens.
//
// Both scanners are hand-written loops over bytes with a fast path for ASCII
// and the unicode tables for everything else; neither uses regular
// expressions, and both append to a caller's slice so that a worker can reuse
// its buffers from one document to the next. The rules they follow are
// documented on Sentences and Tokenize; the word lists they consult are the
// variables abbreviations, sentenceStarters and contractionS below.

package analysis

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Len is the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

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
}

// ---------------------------------------------------------------------------
// Sentences

// abbrevKind says how a period after an abbreviation is read.
type abbrevKind uint8

const (
	abbrNone   abbrevKind = iota // an ordinary word: the period ends the sentence
	abbrTitle                    // a title or rank before a name: never ends a sentence; must be capitalised in the text
	abbrInline                   // e.g., vs.: never ends a sentence, in any case
	abbrNumber                   // No., Jan.: does not end a sentence before a number
	abbrMayEnd                   // U.S., etc., Inc., initials: ends one only before a sentence starter
)

// abbreviations maps an abbreviation, lower-cased and without its final
// period, to how that period is read by Sentences.
//
// Titles (Mr., Gen., Sen., St.) are followed by a name, so their period never
// ends a sentence; they count as titles only when written with a capital, so
// "the local rep. Then" splits. (The price: "on Main St. The" does not.)
// Inline abbreviations (e.g., i.e., vs., cf.) are followed by more of the
// same sentence; "etc." is not one of them, as it often ends a sentence.
// Number abbreviations (No., Art., the months) do not end a sentence when a
// number follows ("Sept. 19", "No. 884"), and are read as ordinary words
// otherwise.
//
// The rest can end a sentence: "talks were held in the U.S. The next day …"
// is two sentences, "U.S. Secretary of State Antony Blinken" is not. A
// capitalised word after them is ambiguous, so the period ends the sentence
// only when the next word is a common sentence opener (sentenceStarters) or
// begins with a quotation mark. Any dotted acronym of single letters (U.S.,
// a.m., D.C., U.S.A.), also after a hyphen ("anti-U.S."), and any single
// capital letter (the initial in "M. Hakan Yavuz", "Onnik J. Krikorian") is
// read this way even if not listed.
var abbreviations = map[string]abbrevKind{
	// Titles and ranks.
	"mr": abbrTitle, "mrs": abbrTitle, "ms": abbrTitle, "mx": abbrTitle, "messrs": abbrTitle,
	"mme": abbrTitle, "mlle": abbrTitle, "dr": abbrTitle, "prof": abbrTitle, "rev": abbrTitle,
	"fr": abbrTitle, "hon": abbrTitle, "pres": abbrTitle, "amb": abbrTitle, "atty": abbrTitle,
	"gen": abbrTitle, "gens": abbrTitle, "maj": abbrTitle, "lt": abbrTitle, "lieut": abbrTitle,
	"col": abbrTitle, "capt": abbrTitle, "cmdr": abbrTitle, "cdr": abbrTitle, "adm": abbrTitle,
	"brig": abbrTitle, "sgt": abbrTitle, "cpl": abbrTitle, "pvt": abbrTitle, "supt": abbrTitle,
	"insp": abbrTitle, "det": abbrTitle, "sen": abbrTitle, "sens": abbrTitle, "rep": abbrTitle,
	"reps": abbrTitle, "gov": abbrTitle, "govs": abbrTitle, "st": abbrTitle, "mt": abbrTitle,
	"ft": abbrTitle,
	// Inside a sentence only.
	"e.g": abbrInline, "i.e": abbrInline, "cf": abbrInline, "viz": abbrInline, "vs": abbrInline,
	"v": abbrInline, "approx": abbrInline, "ca": abbrInline, "esp": abbrInline, "incl": abbrInline,
	"resp": abbrInline,
	// Before numbers.
	"no": abbrNumber, "nos": abbrNumber, "art": abbrNumber, "fig": abbrNumber, "figs": abbrNumber,
	"vol": abbrNumber, "vols": abbrNumber, "ch": abbrNumber, "sec": abbrNumber, "para": abbrNumber,
	"pp": abbrNumber, "jan": abbrNumber, "feb": abbrNumber, "mar": abbrNumber, "apr": abbrNumber,
	"jun": abbrNumber, "jul": abbrNumber, "aug": abbrNumber, "sep": abbrNumber, "sept": abbrNumber,
	"oct": abbrNumber, "nov": abbrNumber, "dec": abbrNumber,
	// May end a sentence.
	"etc": abbrMayEnd, "al": abbrMayEnd, "inc": abbrMayEnd, "ltd": abbrMayEnd, "co": abbrMayEnd,
	"corp": abbrMayEnd, "jr": abbrMayEnd, "sr": abbrMayEnd, "bros": abbrMayEnd, "ave": abbrMayEnd,
	"blvd": abbrMayEnd, "rd": abbrMayEnd, "dept": abbrMayEnd, "univ": abbrMayEnd, "ph.d": abbrMayEnd,
	"u.s": abbrMayEnd, "u.k": abbrMayEnd, "u.n": abbrMayEnd, "e.u": abbrMayEnd, "u.s.a": abbrMayEnd,
	"a.m": abbrMayEnd, "p.m": abbrMayEnd, "d.c": abbrMayEnd,
}

// maxAbbrevLen bounds the words looked up in abbreviations.
const maxAbbrevLen = 8

// sentenceStarters are capitalised words that commonly open a sentence and
// rarely follow "U.S." or an initial inside a name. After an abbreviation that
// may end a sentence (abbrMayEnd), the period ends the sentence only if one
// of these follows: "in the U.S. The next day" splits, "the U.S. Embassy"
// does not. The price is that "the U.S. In" style continuations split too.
var sentenceStarters = map[string]bool{
	"A": true, "An": true, "The": true, "This": true, "That": true, "These": true, "Those": true,
	"There": true, "Their": true, "They": true, "It": true, "Its": true, "He": true, "She": true,
	"His": true, "Her": true, "We": true, "Our": true, "I": true, "You": true, "My": true,
	"But": true, "And": true, "Or": true, "So": true, "Yet": true, "If": true, "When": true,
	"While": true, "After": true, "Before": true, "As": true, "At": true, "In": true, "On": true,
	"For": true, "From": true, "By": true, "With": true, "Since": true, "Although": true,
	"Though": true, "However": true, "Meanwhile": true, "Still": true, "Now": true, "Then": true,
	"Also": true, "Later": true, "Earlier": true, "Next": true, "Last": true, "Some": true,
	"Many": true, "Most": true, "All": true, "Both": true, "Each": true, "Every": true, "No": true,
	"Not": true, "Another": true, "Such": true, "What": true, "Which": true, "Who": true,
	"Why": true, "How": true, "Where": true, "Here": true, "According": true, "Despite": true,
	"During": true, "Under": true, "Over": true, "Among": true, "Until": true, "Because": true,
	"Instead": true, "Moreover": true, "Furthermore": true, "Nevertheless": true, "Today": true,
	"Yesterday": true, "One": true, "Two": true, "Three": true,
}

// Sentences appends to dst the spans of the sentences of text, trimmed of
// surrounding white space, in order.
//
// Every character of text that is not white space lies in exactly one span,
// so the gaps between spans are white space only. The rules:
//
//   - A sentence ends at '.', '?', '!', an ellipsis ("…" or "..."), or the
//     Armenian, Arabic, Urdu and Devanagari full stops and question marks,
//     together with any closing quotes and brackets that follow, when white
//     space follows and what comes next is neither a word beginning with a
//     lower-case letter nor ',', ';' or ':'. So `“Stop it!” she said.` is
//     one sentence and `…he said.” Next` splits after the closing quote.
//     A period inside a word (3.5, U.S.A, www.example.com) never ends one.
//     The CJK full stops 。！？ end a sentence even without a space.
//   - Scraped pages often glue paragraphs together ("was known.But that",
//     "exist.“In all", "he wrote.After"). Without white space, the sentence
//     still ends when the terminal follows a lower-case letter that ends a
//     word of two or more letters which is not an abbreviation (read as
//     after a space: "Mr.Smith" stays whole, "etc.The" splits), and is
//     followed (after closing and opening quotes) by a capital and a
//     lower-case letter, unless the run of text around it contains '/', '@'
//     or "www." (URLs and e-mail addresses stay whole).
//   - After a single '.', the word before it is looked up in abbreviations
//     (see there): titles and inline abbreviations never end a sentence,
//     "No." and month names do not before a number, and U.S., a.m., Inc.,
//     etc. and initials end one only before a common sentence opener. A
//     number of up to three digits opening a sentence ("1. The first point")
//     is a list marker, not a sentence.
//   - A blank line always ends a sentence. A single line break ends one too,
//     unless the next line begins with a lower-case letter: scraped lines are
//     paragraphs, and a headline without a final period is its own sentence.
//     A text hard-wrapped in mid-sentence before a capitalised word is
//     therefore split there.
func Sentences(text string, dst []Span) []Span {
	start := -1 // start of the current sentence; -1 between sentences
	last := 0   // end of the last non-space character of the current sentence
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && segASCII[c]&(segPlain|segBlank) != 0 {
			// Fast path: a run of ASCII characters that are neither line
			// breaks nor terminals.
			j := i + 1
			for j < len(text) && text[j] < utf8.RuneSelf && segASCII[text[j]]&(segPlain|segBlank) != 0 {
				j++
			}
			e := j
			for e > i && segASCII[text[e-1]]&segBlank != 0 {
				e--
			}
			if e > i { // the run holds more than blanks
				if start < 0 {
					start = i
					for segASCII[text[start]]&segBlank != 0 {
						start++
					}
				}
				last = e
			}
			i = j
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isSegSpace(r) {
			if start >= 0 && isSegLineBreak(text, i, r) && lineBreakEnds(text, i) {
				dst = append(dst, Span{start, last})
				start = -1
			}
			i += size
			continue
		}
		if start < 0 {
			start = i
		}
		if isSentTerminal(r) {
			end, split := terminalEnds(text, start, i)
			last = end
			i = end
			if split {
				dst = append(dst, Span{start, end})
				start = -1
			}
			continue
		}
		i += size
		last = i
	}
	if start >= 0 {
		dst = append(dst, Span{start, last})
	}
	return dst
}

// isSegSpace reports white space, including the invisible zero-width space,
// word joiner and byte-order mark, which are trimmed like spaces.
func isSegSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r) || r == 0x200B || r == 0x2060 || r == 0xFEFF
}

// isSegLineBreak reports whether r at text[i] breaks a line; "\r\n" counts once,
// at its '\n'.
func isSegLineBreak(text string, i int, r rune) bool {
	switch r {
	case '\n', 0x85, 0x2028, 0x2029:
		return true
	case '\r':
		return i+1 >= len(text) || text[i+1] != '\n'
	}
	return false
}

// lineBreakEnds decides whether the line break at text[i] ends the current
// sentence: always at a blank line or the end of the text, otherwise unless
// the next line begins with a lower-case letter.
func lineBreakEnds(text string, i int) bool {
	breaks := 0
	k := i
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !isSegSpace(r) {
			break
		}
		if r == 0x2029 {
			breaks += 2
		} else if isSegLineBreak(text, k, r) {
			breaks++
		}
		k += size
	}
	if breaks >= 2 || k >= len(text) {
		return true
	}
	return !readNextWord(text, k).lower
}

// isSentTerminal reports characters that may end a sentence.
func isSentTerminal(r rune) bool {
	switch r {
	case '.', '?', '!', '…', // Latin, Greek, Cyrillic
		'։',      // Armenian full stop
		'؟', '۔', // Arabic question mark, Urdu full stop
		'।', '॥', // Devanagari danda and double danda
		'。', '｡', '！', '？': // CJK full stops, fullwidth ! and ?
		return true
	}
	return false
}

// isSentCloser reports closing quotes and brackets that belong to the sentence
// they follow.
func isSentCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』', '）':
		return true
	}
	return false
}

// isSentOpener reports opening quotes and brackets that may precede a sentence's
// first word.
func isSentOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '„', '‚', '«', '‹', '(', '[', '{', '¿', '¡', '「', '『', '（':
		return true
	}
	return false
}

// isSentQuote reports quotation marks among the openers.
func isSentQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '„', '‚', '«', '‹', '「', '『':
		return true
	}
	return false
}

// terminalEnds reads the cluster of terminal punctuation starting at
// text[i] and the closers after it, in the sentence that began at start. It
// returns the end of the cluster and whether the sentence ends there.
func terminalEnds(text string, start, i int) (end int, split bool) {
	j := i
	dots, strong, cjk := 0, false, false
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isSentTerminal(r) {
			break
		}
		switch r {
		case '.':
			dots++
		case '…':
			dots += 3
		case '。', '｡', '！', '？':
			cjk = true
		default:
			strong = true
		}
		j += size
	}
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isSentCloser(r) {
			break
		}
		j += size
	}
	if j >= len(text) {
		return j, true
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); !isSegSpace(r) {
		return j, cjk || gluedSentence(text, start, i, j)
	}
	k := j
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !isSegSpace(r) {
			break
		}
		k += size
	}
	if k >= len(text) {
		return j, true
	}
	next := readNextWord(text, k)
	if next.lower || next.continues {
		return j, false
	}
	if strong || cjk || dots != 1 {
		return j, true
	}
	return j, periodEnds(text, start, i, next)
}

// nextWordInfo describes the start of the text after a sentence break candidate.
type nextWordInfo struct {
	lower     bool   // first letter (after opening quotes/brackets) is lower case
	continues bool   // starts with ',', ';' or ':'
	quoted    bool   // starts with a quotation mark
	digit     bool   // first character after openers is a digit
	word      string // the leading run of ASCII letters after openers
}

// gluedSentence reports whether the terminal cluster text[i:j], followed
// by a non-space character, ends the sentence that began at start because
// two paragraphs were glued together (see Sentences).
func gluedSentence(text string, start, i, j int) bool {
	if i-start < 2 {
		return false
	}
	r1, s1 := utf8.DecodeLastRuneInString(text[start:i])
	r0, _ := utf8.DecodeLastRuneInString(text[start : i-s1])
	if !unicode.IsLower(r1) || !unicode.IsLetter(r0) {
		return false
	}
	k := j
	r, size := utf8.DecodeRuneInString(text[k:])
	for r == '“' || r == '‘' || r == '«' || r == '„' {
		k += size
		r, size = utf8.DecodeRuneInString(text[k:])
	}
	if !unicode.IsUpper(r) {
		return false
	}
	if r2, _ := utf8.DecodeRuneInString(text[k+size:]); !unicode.IsLower(r2) {
		return false
	}
	ws := i
	for ws > start {
		r, size := utf8.DecodeLastRuneInString(text[:ws])
		if isSegSpace(r) {
			break
		}
		ws -= size
	}
	we := j
	for we < len(text) {
		r, size := utf8.DecodeRuneInString(text[we:])
		if isSegSpace(r) {
			break
		}
		we += size
	}
	run := text[ws:we]
	for k := 0; k < len(run); k++ {
		switch c := run[k]; {
		case c == '/', c == '@':
			return false
		case c|0x20 == 'w' && hasPrefixFoldASCII(run[k:], "www."):
			return false
		}
	}
	if r, _ := utf8.DecodeRuneInString(text[i+1:]); text[i] == '.' && !isSentTerminal(r) {
		return periodEnds(text, start, i, readNextWord(text, j))
	}
	return true
}

// readNextWord describes the text starting at text[k], a non-space character.
func readNextWord(text string, k int) nextWordInfo {
	var f nextWordInfo
	r, size := utf8.DecodeRuneInString(text[k:])
	if r == ',' || r == ';' || r == ':' {
		f.continues = true
		return f
	}
	for isSentOpener(r) {
		f.quoted = f.quoted || isSentQuote(r)
		k += size
		if k >= len(text) {
			return f
		}
		r, size = utf8.DecodeRuneInString(text[k:])
	}
	f.lower = unicode.IsLower(r)
	f.digit = unicode.IsDigit(r)
	e := k
	for e < len(text) && segASCII[text[e]&0x7f]&segLetter != 0 && text[e] < utf8.RuneSelf {
		e++
	}
	f.word = text[k:e]
	return f
}

// periodEnds decides whether the single period at text[i], followed by a
// word that is not lower case, ends the sentence that began at start.
func periodEnds(text string, start, i int, next nextWordInfo) bool {
	ws := i
	for ws > start {
		r, size := utf8.DecodeLastRuneInString(text[:ws])
		if isSegSpace(r) {
			break
		}
		ws -= size
	}
	if ws == start && i-ws <= 3 && isListNumber(text[ws:i]) {
		return false // "1. The first point": a list marker
	}
	for ws < i {
		r, size := utf8.DecodeRuneInString(text[ws:])
		if !isSentOpener(r) {
			break
		}
		ws += size
	}
	switch classifyAbbrev(text[ws:i]) {
	case abbrTitle, abbrInline:
		return false
	case abbrNumber:
		return !next.digit
	case abbrMayEnd:
		return next.quoted || sentenceStarters[next.word]
	}
	return true
}

// classifyAbbrev says how a period after word is read (see abbreviations).
func classifyAbbrev(word string) abbrevKind {
	if word == "" {
		return abbrNone
	}
	if r, size := utf8.DecodeRuneInString(word); size == len(word) {
		if unicode.IsUpper(r) {
			return abbrMayEnd // an initial
		}
	}
	if len(word) <= maxAbbrevLen {
		var buf [maxAbbrevLen]byte
		ascii := true
		for k := 0; k < len(word); k++ {
			c := word[k]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[k] = c
		}
		if ascii {
			kind := abbreviations[string(buf[:len(word)])]
			if kind == abbrTitle && !('A' <= word[0] && word[0] <= 'Z') {
				return abbrNone
			}
			if kind != abbrNone {
				return kind
			}
		}
	}
	if isDottedAcronym(word) || isDottedAcronym(afterLastHyphen(word)) {
		return abbrMayEnd
	}
	return abbrNone
}

// afterLastHyphen returns the part of word after its last hyphen (see
// isTokenHyphen), or "" when it has none: "anti-U.S" → "U.S".
func afterLastHyphen(word string) string {
	for k := len(word); k > 0; {
		r, size := utf8.DecodeLastRuneInString(word[:k])
		k -= size
		if isTokenHyphen(r) {
			return word[k+size:]
		}
	}
	return ""
}

// isDottedAcronym reports single letters joined by periods: "U.S", "a.m",
// "U.S.A" (the final period has been cut off already).
func isDottedAcronym(word string) bool {
	letters := 0
	for k := 0; k < len(word); {
		r, size := utf8.DecodeRuneInString(word[k:])
		if !unicode.IsLetter(r) {
			return false
		}
		letters++
		k += size
		if k == len(word) {
			break
		}
		if word[k] != '.' {
			return false
		}
		k++
	}
	return letters >= 2
}

func isListNumber(s string) bool {
	if s == "" {
		return false
	}
	for k := 0; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// Tokens

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
		if !isSegSpace(rune(c)) && !isSentTerminal(rune(c)) {
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
	slashAt int // index of the next '/' at or after the current token, or len(text)
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
func Tokenize(text string, dst []Token) []Token {
	sc := tokenScratchPool.Get().(*tokenScratch)
	sc.buf, sc.fix = sc.buf[:0], sc.fix[:0]
	t := tokenScanner{text: text, dst: dst, tokenScratch: sc, slashAt: -1}
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
