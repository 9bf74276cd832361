// Segmentation (SPEC §4): sentences and word tokens.
//
// Both scanners are hand-written loops over bytes with a fast path for ASCII
// and the unicode tables for everything else; neither uses regular
// expressions, and both append to a caller's slice so that a worker can reuse
// its buffers from one document to the next. The rules they follow are
// documented on Sentences and Tokenize; the word lists they consult are the
// variables abbreviations, sentenceStarters and contractionS below.

package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Len is the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

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
		if IsSpace(r) {
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

// IsSpace reports white space, including the invisible zero-width space,
// word joiner and byte-order mark, which are trimmed like spaces.
func IsSpace(r rune) bool {
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
		if !IsSpace(r) {
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
	if r, _ := utf8.DecodeRuneInString(text[j:]); !IsSpace(r) {
		return j, cjk || gluedSentence(text, start, i, j)
	}
	k := j
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !IsSpace(r) {
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
		if IsSpace(r) {
			break
		}
		ws -= size
	}
	we := j
	for we < len(text) {
		r, size := utf8.DecodeRuneInString(text[we:])
		if IsSpace(r) {
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
		if IsSpace(r) {
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

// OneLine collapses runs of white space (including newlines) to one space
// and trims it at both ends. The result is always a new string: callers
// keep it, and a slice of s would keep the whole document alive.
func OneLine(s string) string {
	if !singleSpaced(s) {
		return strings.Join(strings.Fields(s), " ")
	}
	return strings.Clone(s)
}

// singleSpaced reports whether s is already what OneLine makes of it: no
// white space but single ASCII spaces between other characters.
func singleSpaced(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\t', '\n', '\v', '\f', '\r':
				return false
			case ' ':
				if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
					return false
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// MaxKeptTokens is the largest token buffer a worker keeps between
// documents (about 10 MB of tokens).
const MaxKeptTokens = 1 << 18

// CountNonWords counts URL and e-mail tokens, which are not words.
func CountNonWords(toks []Token) int {
	n := 0
	for i := range toks {
		if toks[i].Kind == TokURL || toks[i].Kind == TokEmail {
			n++
		}
	}
	return n
}

// IsSentenceStarter reports whether w is one of the capitalised words ("The",
// "He", …) that commonly open a sentence, which Sentences reads as the start
// of a new sentence after an abbreviation.
func IsSentenceStarter(w string) bool { return sentenceStarters[w] }

// SpaceBetween reports whether the text between the spans prev and next of
// consecutive tokens is white space only (possibly none, as between two Han
// characters). Spans that do not fit text report false.
func SpaceBetween(text string, prev, next Span) bool {
	if prev.End > next.Start || next.Start > len(text) || prev.End < 0 {
		return false
	}
	gap := text[prev.End:next.Start]
	for k := 0; k < len(gap); {
		c := gap[k]
		if c < utf8.RuneSelf {
			if !IsSpace(rune(c)) {
				return false
			}
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(gap[k:])
		if !IsSpace(r) {
			return false
		}
		k += size
	}
	return true
}
