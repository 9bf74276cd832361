package tone

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jonreiter/govader/data"
)

// VADERScores are the four numbers VADER gives a sentence: the proportions
// of negative, neutral and positive lexical items (Neg+Neu+Pos ≈ 1 unless
// the sentence is empty) and the normalized, weighted Compound score in
// [-1, 1]. Like the reference, Neg, Neu and Pos are rounded to 3 decimals
// and Compound to 4.
type VADERScores struct{ Neg, Neu, Pos, Compound float64 }

// VADER scores one sentence exactly as the reference Python implementation
// does (cjhutto/vaderSentiment 3.3.2, SentimentIntensityAnalyzer.
// polarity_scores, MIT licence). It is safe for concurrent use; the lexicons
// are parsed once, on first use.
//
// The algorithm, step by step:
//
//  1. Emoji. Every code point found as a key of the emoji lexicon is
//     replaced by its textual description ("😁" → "beaming face with
//     smiling eyes"), preceded by a space unless the previous output
//     character was an ASCII space. Nothing is inserted after a description,
//     so "💘and" gives "heart with arrowand", as in the reference. Keys of
//     several code points (flags, skin tones) never match, as in the
//     reference, which looks up one character at a time.
//  2. Tokens. The text is trimmed and split on runs of white space (Python's
//     definition: Unicode white space plus U+001C–U+001F), so tabs, newlines
//     and repeated spaces separate words. Leading and trailing ASCII
//     punctuation is stripped from each token unless what remains has two
//     code points or fewer (then the token is kept whole, which preserves
//     emoticons such as ":)" and short words with their punctuation).
//  3. Emphasis by capitals. The sentence has a "capital differential" when
//     some but not all tokens are ALL CAPS (Python's str.isupper: at least
//     one cased letter and no lower-case or title-case letter).
//  4. Valence of each token i, in order (tokens are compared lower-cased):
//     - a booster/dampener word ("very", "kinda", ...) and "kind" followed by
//     "of" get 0;
//     - a word not in the VADER lexicon gets 0;
//     - otherwise start from its lexicon valence v. "no" followed by a
//     lexicon word gets 0; a word with "no" one or two tokens before, or
//     three before with "or"/"nor" just before, gets v × −0.74;
//     - an ALL-CAPS word in a sentence with a capital differential moves
//     0.733 away from zero (down when the valence is 0);
//     - for each of the three preceding tokens j = i−1, i−2, i−3 that is not
//     itself a lexicon word: add its booster scalar (±0.293 with the sign of
//     the current valence, ±0.733 more if it is ALL CAPS in a sentence with a
//     capital differential), damped by 0.95 at distance 2 and 0.9 at
//     distance 3; then apply the negation rule for that distance — at
//     distance 1 a negation word (the reference list, or any word containing
//     "n't") multiplies by −0.74; at distance 2 "never so/this" multiplies
//     by 1.25, "without doubt" leaves it, else a negation at i−2 multiplies
//     by −0.74; at distance 3 "never so/this" at i−3,i−2 or "so"/"this" at
//     i−1 multiplies by 1.25 (this is the reference's ×1.25 boost of "so
//     good"), "without … doubt" leaves it, else a negation at i−3 multiplies
//     by −0.74; and at distance 3 only, the idiom rules: the first of the
//     word sequences (i−1,i), (i−2,i−1,i), (i−2,i−1), (i−3,i−2,i−1),
//     (i−3,i−2) found among the special cases ("the shit" 3, "the bomb" 3,
//     "bad ass" 1.5, "badass" 1.5, "bus stop" 0, "yeah right" −2, "kiss of
//     death" −1.5, "to die for" 3, "beating heart" 3.1, "broken heart" −2.9)
//     replaces the valence, then (i,i+1) and (i,i+2) sequences override it,
//     then the two-word dampeners "kind of", "sort of", "just enough" found
//     at (i−3,i−2) or (i−2,i−1) add −0.293 each;
//     - finally "least" just before the word (not a lexicon word) multiplies
//     by −0.74 unless preceded by "at" or "very".
//  5. "but". If a token is "but", every valence before the first "but" is
//     halved and every one after it multiplied by 1.5. The reference finds
//     the position to change with list.index(value), i.e. the first token
//     holding an equal value; that quirk is reproduced exactly.
//  6. Scores. With s the sum of valences, punctuation emphasis
//     p = 0.292 × min(count("!"), 4) plus, for two or more "?", 0.18 per "?"
//     (0.96 from four on) is added away from zero. Compound is
//     s/√(s²+15) clamped to [−1, 1]. Positive items count v+1, negative
//     items |v−1|, zero-valence tokens 1; p is added to the larger of the
//     positive and negative sums; Pos, Neg, Neu are the three shares of the
//     total. An empty sentence scores all zeros. Results are rounded like
//     Python's round (half-even on the exact binary value).
//
// Deliberate choices:
//   - The lexicons are not copied into parallax: the VADER and emoji
//     lexicons are read from github.com/jonreiter/govader/data (MIT), whose
//     VADER lexicon is the reference file of January 2020. The reference
//     3.3.2 lexicon adds two entries, "heart" 3.2 and "hearts" 3.3 (added
//     with the "beating heart"/"broken heart" idioms, which cannot fire
//     without them); VADER adds them after parsing. govader's own analyzer
//     is not used: it deviates from the reference (see the tests).
//   - Lower-casing follows Python's str.lower for everything that can
//     change a lexicon match: ASCII, U+0130 (İ → "i̇"), and simple Unicode
//     case mapping for the rest. Python's final-sigma rule is not applied;
//     it only changes Greek words, which never match the lexicons.
//   - Invalid UTF-8 bytes (which Python text cannot hold) are kept as they
//     are inside tokens.
func VADER(sentence string) VADERScores {
	lex := vaderLexiconOnce()
	sc := vaderScratchPool.Get().(*vaderScratch)
	defer vaderScratchPool.Put(sc)
	return sc.score(lex, sentence)
}

// Constants of the reference implementation.
const (
	vaderBoostIncr = 0.293 // booster word
	vaderBoostDecr = -0.293
	vaderCapsIncr  = 0.733 // ALL-CAPS emphasis
	vaderNegScalar = -0.74 // negation
	vaderAlpha     = 15.0  // normalization constant of the compound score
)

// vaderNegations are the reference's negation words.
var vaderNegations = toSet(
	"aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
	"ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
	"dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
	"don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
	"neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
	"oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
	"oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
	"without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite")

// vaderBoosters are the reference's degree adverbs: boosters and dampeners.
var vaderBoosters = func() map[string]float64 {
	m := make(map[string]float64)
	for _, w := range strings.Fields(`absolutely amazingly awfully completely
		considerable considerably decidedly deeply effing enormous enormously
		entirely especially exceptional exceptionally extreme extremely
		fabulously flipping flippin frackin fracking fricking frickin frigging
		friggin fully fuckin fucking fuggin fugging greatly hella highly hugely
		incredible incredibly intensely major majorly more most particularly
		purely quite really remarkably so substantially thoroughly total totally
		tremendous tremendously uber unbelievably unusually utter utterly very`) {
		m[w] = vaderBoostIncr
	}
	for _, w := range []string{"almost", "barely", "hardly", "just enough",
		"kind of", "kinda", "kindof", "kind-of", "less", "little", "marginal",
		"marginally", "occasional", "occasionally", "partly", "scarce",
		"scarcely", "slight", "slightly", "somewhat", "sort of", "sorta",
		"sortof", "sort-of"} {
		m[w] = vaderBoostDecr
	}
	return m
}()

// vaderSpecialCases are the reference's idioms that contain lexicon words.
var vaderSpecialCases = map[string]float64{
	"the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
	"yeah right": -2, "kiss of death": -1.5, "to die for": 3,
	"beating heart": 3.1, "broken heart": -2.9,
}

// vaderLexiconPatch holds the reference 3.3.2 lexicon entries missing from
// govader's copy of the lexicon.
var vaderLexiconPatch = map[string]float64{"heart": 3.2, "hearts": 3.3}

func toSet(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// vaderWord is everything the rules need to know about one lower-cased
// word. The words of the lexicon, the boosters, the negations and the words
// that rules compare with are held in one table (vaderLexicon.words), so
// that scoring looks each token up once; a word absent from it is a
// vaderWord with no flags but, maybe, wNegated (it contains "n't").
type vaderWord struct {
	valence float64 // lexicon valence, when flags has wLex
	booster float64 // booster scalar, when flags has wBooster
	flags   uint16
	phrase  uint8 // 1 + index among the words of multi-word keys; 0 if none
}

// Flags of vaderWord.
const (
	wLex     uint16 = 1 << iota // a key of the VADER lexicon
	wBooster                    // a key of vaderBoosters
	wNegated                    // a negation word, or a word containing "n't"
	wNo                         // "no"
	wOrNor                      // "or" or "nor"
	wNever                      // "never"
	wSoThis                     // "so" or "this"
	wWithout                    // "without"
	wDoubt                      // "doubt"
	wLeast                      // "least"
	wAtVery                     // "at" or "very"
	wKind                       // "kind"
	wOf                         // "of"
	wBut                        // "but"
)

// vaderRuleWords are the words the rules compare tokens with.
var vaderRuleWords = map[string]uint16{
	"no": wNo, "or": wOrNor, "nor": wOrNor, "never": wNever, "so": wSoThis,
	"this": wSoThis, "without": wWithout, "doubt": wDoubt, "least": wLeast,
	"at": wAtVery, "very": wAtVery, "kind": wKind, "of": wOf, "but": wBut,
}

// vaderLexicon holds the parsed word and emoji lexicons and the tables
// derived from them.
type vaderLexicon struct {
	valence map[string]float64
	emoji   map[rune]string // single-code-point emoji → description
	// emojiBits has bit r set for each key r of emoji: a cheap first test
	// of non-ASCII code points.
	emojiBits []uint64
	words     *wordTable[vaderWord]
	// special and boosters hold the multi-word keys of vaderSpecialCases
	// and vaderBoosters, keyed by phraseKey of their words' phrase ids.
	special, boosters map[uint32]float64
}

// isEmoji reports whether r is a key of the emoji lexicon.
func (lex *vaderLexicon) isEmoji(r rune) bool {
	k := uint(r) >> 6
	return k < uint(len(lex.emojiBits)) && lex.emojiBits[k]&(1<<(uint(r)&63)) != 0
}

// phraseKey packs the phrase ids of two or three words (each 1…255) into
// one number; keys of two words are below 1<<16, keys of three above.
func phraseKey(ids ...uint8) uint32 {
	k := uint32(0)
	for _, id := range ids {
		k = k<<8 | uint32(id)
	}
	return k
}

// buildVADERWords fills lex.words, lex.special and lex.boosters from the
// lexicon and the reference's word lists.
func (lex *vaderLexicon) buildVADERWords() error {
	words := make(map[string]vaderWord, len(lex.valence)+len(vaderBoosters)+len(vaderNegations)+len(vaderRuleWords))
	for w, v := range lex.valence {
		e := words[w]
		e.valence, e.flags = v, e.flags|wLex
		words[w] = e
	}
	for w, b := range vaderBoosters {
		e := words[w]
		e.booster, e.flags = b, e.flags|wBooster
		words[w] = e
	}
	for w := range vaderNegations {
		e := words[w]
		e.flags |= wNegated
		words[w] = e
	}
	for w, f := range vaderRuleWords {
		e := words[w]
		e.flags |= f
		words[w] = e
	}
	// Phrase ids, in sorted order so that they do not depend on map order.
	var phraseWords []string
	for _, keys := range []map[string]float64{vaderSpecialCases, vaderBoosters} {
		for k := range keys {
			if f := strings.Fields(k); len(f) > 1 {
				phraseWords = append(phraseWords, f...)
			}
		}
	}
	slices.Sort(phraseWords)
	phraseWords = slices.Compact(phraseWords)
	if len(phraseWords) > 255 {
		return fmt.Errorf("vader: %d words in multi-word phrases, at most 255", len(phraseWords))
	}
	for k, w := range phraseWords {
		e := words[w]
		e.phrase = uint8(k + 1)
		words[w] = e
	}
	for w, e := range words {
		if strings.Contains(w, "n't") {
			e.flags |= wNegated
			words[w] = e
		}
	}
	type entry struct {
		w string
		e vaderWord
	}
	var list []entry
	for w, e := range words {
		list = append(list, entry{w, e})
	}
	// Most tokens are in no list: filter them out.
	lex.words = newWordTable(list, func(e entry) string { return e.w }, func(e entry) vaderWord { return e.e },
		wordTableOptions[entry]{filter: true})
	phrases := func(m map[string]float64) (map[uint32]float64, error) {
		out := map[uint32]float64{}
		for k, v := range m {
			f := strings.Fields(k)
			if len(f) < 2 {
				continue
			}
			if len(f) > 3 || strings.Join(f, " ") != k {
				return nil, fmt.Errorf("vader: phrase %q: want two or three words, single spaces", k)
			}
			ids := make([]uint8, len(f))
			for i, w := range f {
				ids[i] = words[w].phrase
			}
			out[phraseKey(ids...)] = v
		}
		return out, nil
	}
	var err error
	if lex.special, err = phrases(vaderSpecialCases); err != nil {
		return err
	}
	lex.boosters, err = phrases(vaderBoosters)
	return err
}

var (
	vaderOnce sync.Once
	vaderLex  *vaderLexicon
)

// vaderLexiconOnce parses the lexicons on first use. The data are compiled
// into the binary, so a failure is a build defect, not an input error.
func vaderLexiconOnce() *vaderLexicon {
	vaderOnce.Do(func() {
		lex, err := loadVADERLexicon()
		if err != nil {
			panic("tone: " + err.Error())
		}
		vaderLex = lex
	})
	return vaderLex
}

func loadVADERLexicon() (*vaderLexicon, error) {
	words, err := data.Asset("rawdata/vaderLexicon.txt")
	if err != nil {
		return nil, fmt.Errorf("vader lexicon: %v", err)
	}
	emoji, err := data.Asset("rawdata/emojiUTF8Lexicon.txt")
	if err != nil {
		return nil, fmt.Errorf("vader emoji lexicon: %v", err)
	}
	valence, err := parseVADERWords(string(words))
	if err != nil {
		return nil, err
	}
	for w, v := range vaderLexiconPatch {
		valence[w] = v
	}
	em, err := parseVADEREmoji(string(emoji))
	if err != nil {
		return nil, err
	}
	lex := &vaderLexicon{valence: valence, emoji: em}
	for r := range em {
		k := int(r >> 6)
		if k >= len(lex.emojiBits) {
			lex.emojiBits = append(lex.emojiBits, make([]uint64, k+1-len(lex.emojiBits))...)
		}
		lex.emojiBits[k] |= 1 << (uint(r) & 63)
	}
	if err := lex.buildVADERWords(); err != nil {
		return nil, err
	}
	return lex, nil
}

// parseVADERWords reads "token<TAB>mean<TAB>…" lines; later duplicates win,
// as in the reference's dict.
func parseVADERWords(text string) (map[string]float64, error) {
	m := make(map[string]float64, 7600)
	for n, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if line == "" {
			continue
		}
		fields := strings.Split(strings.TrimSpace(line), "\t")
		if len(fields) < 2 {
			return nil, fmt.Errorf("vader lexicon:%d: want token and valence, got %q", n+1, line)
		}
		v, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			return nil, fmt.Errorf("vader lexicon:%d: valence %q: %v", n+1, fields[1], err)
		}
		m[fields[0]] = v
	}
	return m, nil
}

// parseVADEREmoji reads "emoji<TAB>description" lines and keeps the emoji of
// one code point, the only ones the reference can match.
func parseVADEREmoji(text string) (map[rune]string, error) {
	m := make(map[rune]string, 1300)
	for n, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		fields := strings.Split(strings.TrimSpace(line), "\t")
		if len(fields) < 2 {
			return nil, fmt.Errorf("vader emoji lexicon:%d: want emoji and description, got %q", n+1, line)
		}
		r, size := utf8.DecodeRuneInString(fields[0])
		if size == len(fields[0]) && r != utf8.RuneError {
			m[r] = fields[1]
		}
	}
	return m, nil
}

// vaderTok is one token: what the table says of its lower-cased form, and
// whether it is ALL CAPS.
type vaderTok struct {
	vaderWord
	upper bool
}

func (t *vaderTok) is(f uint16) bool { return t.flags&f != 0 }

// vaderScratch holds per-call buffers, reused through a pool.
type vaderScratch struct {
	toks []vaderTok
	sent []float64 // valence per token
	buf  []byte    // the sentence, then wordPad zero bytes
	alt  []byte    // the sentence with emoji replaced, then wordPad zero bytes
	low  []byte    // a token lower-cased, then wordPad zero bytes
	mask *Mask     // words scored as neutral (VADERMasked); nil: none
	// masked lists the tokens of the mask, with what the table says of
	// them, in token order
	masked []maskedTok
}

var vaderScratchPool = sync.Pool{New: func() any { return new(vaderScratch) }}

// maxPooledVADER is the largest sentence whose buffers go back to the pool.
const maxPooledVADER = 1 << 16

func (sc *vaderScratch) score(lex *vaderLexicon, sentence string) VADERScores {
	p, n, caps := sc.prepare(lex, sentence)
	r := sc.rate(lex, p, n, caps)
	sc.release()
	return r
}

// prepare tokenizes a sentence into sc.toks (steps 1–3) and returns the
// bytes read, their length and the number of ALL-CAPS tokens.
func (sc *vaderScratch) prepare(lex *vaderLexicon, sentence string) (p []byte, n, caps int) {
	p = append(sc.buf[:0], sentence...)
	p = append(p, make([]byte, wordPad)...)
	sc.buf = p
	n = len(sentence)
	caps, ok := sc.tokenize(lex, p, n)
	if !ok {
		// Emoji: tokenize the text with their descriptions, which holds
		// none.
		p = sc.replaceEmoji(lex, sentence)
		n = len(p) - wordPad
		caps, _ = sc.tokenize(lex, p, n)
	}
	return p, n, caps
}

// rate scores the tokens of sc.toks (steps 4–6); p[:n] is the text read.
func (sc *vaderScratch) rate(lex *vaderLexicon, p []byte, n, caps int) VADERScores {
	t := sc.toks
	capDiff := caps > 0 && caps < len(t)
	sc.sent = sc.sent[:0]
	for i := range t {
		if t[i].is(wBooster) || (i < len(t)-1 && t[i].is(wKind) && t[i+1].is(wOf)) {
			sc.sent = append(sc.sent, 0)
			continue
		}
		sc.sent = append(sc.sent, sc.valence(lex, i, capDiff))
	}
	sc.butCheck()
	// Leading and trailing white space, which the reference trims before
	// counting, holds no "!" or "?".
	return scoreValence(sc.sent, bytes.Count(p[:n], []byte{'!'}), bytes.Count(p[:n], []byte{'?'}))
}

// release drops buffers too large to go back to the pool.
func (sc *vaderScratch) release() {
	if cap(sc.buf) > maxPooledVADER+wordPad {
		sc.buf = nil
	}
	if cap(sc.alt) > maxPooledVADER+wordPad {
		sc.alt = nil
	}
}

// replaceEmoji returns sentence with single-code-point emoji replaced by
// their descriptions (step 1) and wordPad zero bytes after it. Like the
// reference's loop over characters, it writes U+FFFD for each invalid byte
// after the first emoji.
func (sc *vaderScratch) replaceEmoji(lex *vaderLexicon, sentence string) []byte {
	first := len(sentence)
	for i, r := range sentence {
		if r >= utf8.RuneSelf && lex.isEmoji(r) {
			first = i
			break
		}
	}
	b := append(sc.alt[:0], sentence[:first]...)
	prevSpace := first == 0 || sentence[first-1] == ' '
	for _, r := range sentence[first:] {
		if r >= utf8.RuneSelf && lex.isEmoji(r) {
			if !prevSpace {
				b = append(b, ' ')
			}
			b = append(b, lex.emoji[r]...)
			prevSpace = false
			continue
		}
		b = utf8.AppendRune(b, r)
		prevSpace = r == ' '
	}
	b = append(b, make([]byte, wordPad)...)
	sc.alt = b
	return b
}

// isPySpace reports whether Python's str.isspace holds for r.
func isPySpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || (r >= '\t' && r <= '\r') || (r >= 0x1c && r <= 0x1f)
	}
	return unicode.IsSpace(r)
}

// isASCIIPunct reports whether b is in Python's string.punctuation.
func isASCIIPunct(b byte) bool {
	return (b >= '!' && b <= '/') || (b >= ':' && b <= '@') || (b >= '[' && b <= '`') || (b >= '{' && b <= '~')
}

// Classes of ASCII bytes for tokenizing, in vaderByteClass (0 for the
// bytes ≥ 0x80).
const (
	bSpace = 1 << iota // white space (isPySpace)
	bPunct             // in Python's string.punctuation
)

var vaderByteClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case isPySpace(rune(c)):
			t[c] = bSpace
		case isASCIIPunct(byte(c)):
			t[c] = bPunct
		}
	}
	return t
}()

// tokenize splits p[:n] on white space into sc.toks (step 2) and returns
// the number of ALL-CAPS tokens; p has wordPad zero bytes after n. It
// stops and reports false at the first emoji of the lexicon, which must be
// replaced first.
func (sc *vaderScratch) tokenize(lex *vaderLexicon, p []byte, n int) (caps int, ok bool) {
	sc.toks = sc.toks[:0]
	sc.masked = sc.masked[:0]
	text := p[:n]
	for i := 0; i < n; {
		// White space between tokens.
		if c := text[i]; c < utf8.RuneSelf {
			if vaderByteClass[c]&bSpace != 0 {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRune(text[i:])
			if lex.isEmoji(r) {
				return 0, false
			}
			if unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		// A token: eight bytes at a time up to a byte that may end it,
		// below '!' or not ASCII; the zero bytes after n end the last.
		start, nonASCII := i, false
		for {
			if s := stopBytes(le64b(p, i)); s != 0 {
				i += bits.TrailingZeros64(s) >> 3
			} else {
				i += 8
				continue
			}
			if i >= n {
				i = n
				break
			}
			if c := text[i]; c < utf8.RuneSelf {
				if vaderByteClass[c]&bSpace != 0 {
					break
				}
				i++ // a control character
				continue
			}
			r, size := utf8.DecodeRune(text[i:])
			if lex.isEmoji(r) {
				return 0, false
			}
			if unicode.IsSpace(r) {
				break
			}
			nonASCII = true
			i += size
		}
		caps += sc.addToken(lex, p, start, i, nonASCII)
	}
	return caps, true
}

// le64b returns the eight bytes of p from i on as a little-endian word.
func le64b(p []byte, i int) uint64 { return binary.LittleEndian.Uint64(p[i : i+8]) }

// stopBytes returns the high bit of each byte of x below '!' (ASCII white
// space among them) or not ASCII; only the lowest bit set is sure.
func stopBytes(x uint64) uint64 {
	return ((x-swarOnes*'!')&^x | x) & (swarOnes * 0x80)
}

// asciiIn returns the high bit of each byte of x, all below 0x80, that is
// in lo…hi.
func asciiIn(x uint64, lo, hi byte) uint64 {
	return (x + swarOnes*uint64(0x80-lo)) &^ (x + swarOnes*uint64(0x7f-hi)) & (swarOnes * 0x80)
}

// asciiToLower lower-cases the ASCII letters of the eight bytes of w, all
// below 0x80.
func asciiToLower(w uint64) uint64 {
	return w | asciiIn(w, 'A', 'Z')>>2
}

// containsNT reports whether the ASCII b, lower-cased, contains "n't".
func containsNT(b []byte) bool {
	for i := 0; i+2 < len(b); i++ {
		if b[i]|0x20 == 'n' && b[i+1] == '\'' && b[i+2]|0x20 == 't' {
			return true
		}
	}
	return false
}

// addToken strips the punctuation around the token p[a:b], looks its
// lower-cased form up and appends it to sc.toks; p has wordPad bytes after
// b, and nonASCII tells whether the token has a byte ≥ 0x80. It returns 1
// when the token is ALL CAPS, else 0.
func (sc *vaderScratch) addToken(lex *vaderLexicon, p []byte, a, b int, nonASCII bool) int {
	if vaderByteClass[p[a]]&bPunct != 0 || vaderByteClass[p[b-1]]&bPunct != 0 {
		sa, sb := a, b
		for sa < sb && vaderByteClass[p[sa]]&bPunct != 0 {
			sa++
		}
		for sb > sa && vaderByteClass[p[sb-1]]&bPunct != 0 {
			sb--
		}
		// A token is kept whole when what remains has two code points
		// or fewer, which is at most 8 bytes.
		if n := sb - sa; n > 2 && (!nonASCII || n > 8 || utf8.RuneCount(p[sa:sb]) > 2) {
			a, b = sa, sb
		}
	}
	var (
		w     vaderWord
		found bool
		upper bool
		n     = b - a
	)
	switch {
	case !nonASCII && n <= 16:
		w0, w1 := wordKey(p, a, n)
		if up := asciiIn(w0, 'A', 'Z') | asciiIn(w1, 'A', 'Z'); up != 0 {
			upper = asciiIn(w0, 'a', 'z')|asciiIn(w1, 'a', 'z') == 0
			w0, w1 = asciiToLower(w0), asciiToLower(w1)
		}
		w, found = lex.words.getWords(w0, w1, n)
		if !found && asciiIn(w0, '\'', '\'')|asciiIn(w1, '\'', '\'') != 0 && containsNT(p[a:b]) {
			w.flags = wNegated
		}
	case !nonASCII:
		low := append(sc.low[:0], p[a:b]...)
		hasUpper, hasLower := false, false
		for i, c := range low {
			switch {
			case 'A' <= c && c <= 'Z':
				low[i] = c + ('a' - 'A')
				hasUpper = true
			case 'a' <= c && c <= 'z':
				hasLower = true
			}
		}
		sc.low = low
		w, found = lex.words.getPadded(low, 0, len(low))
		upper = hasUpper && !hasLower
		if !found && containsNT(low) {
			w.flags = wNegated
		}
	default:
		low := appendLowerPy(sc.low[:0], p[a:b])
		low = append(low, make([]byte, wordPad)...)
		sc.low = low
		low = low[:len(low)-wordPad]
		w, found = lex.words.getPadded(sc.low, 0, len(low))
		upper = isPyUpper(p[a:b])
		if !found && bytes.Contains(low, []byte("n't")) {
			w.flags = wNegated
		}
	}
	if sc.mask != nil && sc.mask.hasBytes(p[a:b]) {
		sc.masked = append(sc.masked, maskedTok{len(sc.toks), w})
	}
	sc.toks = append(sc.toks, vaderTok{vaderWord: w, upper: upper})
	if upper {
		return 1
	}
	return 0
}

// appendLowerPy appends tok lower-cased like Python's str.lower (see the
// VADER doc comment) to dst.
func appendLowerPy(dst []byte, tok []byte) []byte {
	for i := 0; i < len(tok); {
		r, size := utf8.DecodeRune(tok[i:])
		i += size
		switch {
		case r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
		case r == 'İ':
			dst = append(dst, "i\u0307"...)
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// isPyUpper reports whether Python's str.isupper holds for s: at least one
// cased character and none lower or title case.
func isPyUpper(s []byte) bool {
	cased := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		i += size
		if r < utf8.RuneSelf {
			if r >= 'a' && r <= 'z' {
				return false
			}
			if r >= 'A' && r <= 'Z' {
				cased = true
			}
			continue
		}
		if unicode.IsLower(r) || unicode.IsTitle(r) || unicode.Is(unicode.Other_Lowercase, r) {
			return false
		}
		if unicode.IsUpper(r) || unicode.Is(unicode.Other_Uppercase, r) {
			cased = true
		}
	}
	return cased
}

// valence is step 4 for the token at i.
func (sc *vaderScratch) valence(lex *vaderLexicon, i int, capDiff bool) float64 {
	t := sc.toks
	if !t[i].is(wLex) {
		return 0
	}
	base := t[i].valence
	v := base
	if t[i].is(wNo) && i != len(t)-1 && t[i+1].is(wLex) {
		v = 0
	}
	if (i > 0 && t[i-1].is(wNo)) || (i > 1 && t[i-2].is(wNo)) ||
		(i > 2 && t[i-3].is(wNo) && t[i-1].is(wOrNor)) {
		v = base * vaderNegScalar
	}
	if t[i].upper && capDiff {
		v = awayFromZero(v, vaderCapsIncr)
	}
	for dist := 1; dist <= 3; dist++ {
		j := i - dist
		if j < 0 || t[j].is(wLex) {
			continue
		}
		s := sc.scalar(j, v, capDiff)
		if dist == 2 && s != 0 {
			s *= 0.95
		}
		if dist == 3 && s != 0 {
			s *= 0.9
		}
		v += s
		v = sc.negation(v, dist, i)
		if dist == 3 {
			v = sc.idioms(lex, v, i)
		}
	}
	return sc.least(v, i)
}

// awayFromZero adds d to a positive v and subtracts it otherwise (the
// reference treats 0 as negative here).
func awayFromZero(v, d float64) float64 {
	if v > 0 {
		return v + d
	}
	return v - d
}

// scalar is the booster effect of token j on valence v.
func (sc *vaderScratch) scalar(j int, v float64, capDiff bool) float64 {
	t := &sc.toks[j]
	if !t.is(wBooster) {
		return 0
	}
	s := t.booster
	if v < 0 {
		s = -s
	}
	if t.upper && capDiff {
		if v > 0 {
			s += vaderCapsIncr
		} else {
			s -= vaderCapsIncr
		}
	}
	return s
}

// negation applies the negation and "never so" rules for the preceding
// token at distance dist from i.
func (sc *vaderScratch) negation(v float64, dist, i int) float64 {
	t := sc.toks
	switch dist {
	case 1:
		if t[i-1].is(wNegated) {
			return v * vaderNegScalar
		}
	case 2:
		switch {
		case t[i-2].is(wNever) && t[i-1].is(wSoThis):
			return v * 1.25
		case t[i-2].is(wWithout) && t[i-1].is(wDoubt):
			return v
		case t[i-2].is(wNegated):
			return v * vaderNegScalar
		}
	case 3:
		switch {
		case (t[i-3].is(wNever) && t[i-2].is(wSoThis)) || t[i-1].is(wSoThis):
			return v * 1.25
		case t[i-3].is(wWithout) && (t[i-2].is(wDoubt) || t[i-1].is(wDoubt)):
			return v
		case t[i-3].is(wNegated):
			return v * vaderNegScalar
		}
	}
	return v
}

// phrase2 and phrase3 report the value in m of the lower-cased tokens at
// a, b (and c) joined by single spaces; m is lex.special or lex.boosters.
// Only the words of multi-word keys have a phrase id, so a token without
// one ends the search.
func (sc *vaderScratch) phrase2(m map[uint32]float64, a, b int) (float64, bool) {
	t := sc.toks
	if b >= len(t) || t[a].phrase == 0 || t[b].phrase == 0 {
		return 0, false
	}
	v, ok := m[phraseKey(t[a].phrase, t[b].phrase)]
	return v, ok
}

func (sc *vaderScratch) phrase3(m map[uint32]float64, a, b, c int) (float64, bool) {
	t := sc.toks
	if c >= len(t) || t[a].phrase == 0 || t[b].phrase == 0 || t[c].phrase == 0 {
		return 0, false
	}
	v, ok := m[phraseKey(t[a].phrase, t[b].phrase, t[c].phrase)]
	return v, ok
}

// idioms applies the special-case idioms and two-word dampeners (i ≥ 3).
func (sc *vaderScratch) idioms(lex *vaderLexicon, v float64, i int) float64 {
	t := sc.toks
	if t[i].phrase == 0 && t[i-1].phrase == 0 && t[i-2].phrase == 0 {
		return v // every sequence below holds i, i−1 or i−2
	}
	sp := lex.special
	if sv, ok := sc.phrase2(sp, i-1, i); ok {
		v = sv
	} else if sv, ok := sc.phrase3(sp, i-2, i-1, i); ok {
		v = sv
	} else if sv, ok := sc.phrase2(sp, i-2, i-1); ok {
		v = sv
	} else if sv, ok := sc.phrase3(sp, i-3, i-2, i-1); ok {
		v = sv
	} else if sv, ok := sc.phrase2(sp, i-3, i-2); ok {
		v = sv
	}
	n := len(t)
	if n-1 > i {
		if sv, ok := sc.phrase2(sp, i, i+1); ok {
			v = sv
		}
	}
	if n-1 > i+1 {
		if sv, ok := sc.phrase3(sp, i, i+1, i+2); ok {
			v = sv
		}
	}
	bo := lex.boosters
	if b, ok := sc.phrase3(bo, i-3, i-2, i-1); ok {
		v += b
	}
	if b, ok := sc.phrase2(bo, i-3, i-2); ok {
		v += b
	}
	if b, ok := sc.phrase2(bo, i-2, i-1); ok {
		v += b
	}
	return v
}

// least negates a word preceded by "least" unless "at least"/"very least".
func (sc *vaderScratch) least(v float64, i int) float64 {
	t := sc.toks
	if i > 1 && !t[i-1].is(wLex) && t[i-1].is(wLeast) {
		if !t[i-2].is(wAtVery) {
			v *= vaderNegScalar
		}
	} else if i > 0 && !t[i-1].is(wLex) && t[i-1].is(wLeast) {
		v *= vaderNegScalar
	}
	return v
}

// butCheck is step 5, including the reference's first-equal-value lookup.
func (sc *vaderScratch) butCheck() {
	bi := -1
	for k := range sc.toks {
		if sc.toks[k].is(wBut) {
			bi = k
			break
		}
	}
	if bi < 0 {
		return
	}
	s := sc.sent
	for k := range s {
		v := s[k]
		si := 0
		for s[si] != v {
			si++
		}
		switch {
		case si < bi:
			s[si] = v * 0.5
		case si > bi:
			s[si] = v * 1.5
		}
	}
}

// punctuationEmphasis is the amplifier from ep "!" and qm "?".
func punctuationEmphasis(ep, qm int) float64 {
	if ep > 4 {
		ep = 4
	}
	amp := float64(ep) * 0.292
	if qm > 1 {
		if qm <= 3 {
			amp += float64(qm) * 0.18
		} else {
			amp += 0.96
		}
	}
	return amp
}

// scoreValence is step 6, for a text of ep "!" and qm "?".
func scoreValence(sent []float64, ep, qm int) VADERScores {
	if len(sent) == 0 {
		return VADERScores{}
	}
	sum := 0.0
	for _, s := range sent {
		sum += s
	}
	amp := punctuationEmphasis(ep, qm)
	if sum > 0 {
		sum += amp
	} else if sum < 0 {
		sum -= amp
	}
	compound := sum / math.Sqrt(sum*sum+vaderAlpha)
	compound = math.Max(-1, math.Min(1, compound))

	posSum, negSum, neu := 0.0, 0.0, 0
	for _, s := range sent {
		switch {
		case s > 0:
			posSum += s + 1
		case s < 0:
			negSum += s - 1
		default:
			neu++
		}
	}
	if posSum > math.Abs(negSum) {
		posSum += amp
	} else if posSum < math.Abs(negSum) {
		negSum -= amp
	}
	total := posSum + math.Abs(negSum) + float64(neu)
	return VADERScores{
		Neg:      pyRound(math.Abs(negSum/total), 3),
		Neu:      pyRound(math.Abs(float64(neu)/total), 3),
		Pos:      pyRound(math.Abs(posSum/total), 3),
		Compound: pyRound(compound, 4),
	}
}

// pyRound rounds x to d decimals like Python's round(x, d): the exact binary
// value rounded half to even, returned as the nearest float64.
func pyRound(x float64, d int) float64 {
	p := math.Pow10(d)
	y := x * p
	if f := y - math.Floor(y); math.Abs(f-0.5) > 1e-6 {
		// Far from a tie: the product's rounding error cannot change the
		// result, and an integer divided by 10^d is correctly rounded.
		return math.Round(y) / p
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', d, 64), 64)
	if err != nil {
		return math.Round(y) / p
	}
	return r
}
