package tone

import (
	"fmt"
	"math"
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

// vaderPhraseWords holds every word of the multi-word keys of
// vaderSpecialCases and vaderBoosters: a phrase lookup can only succeed when
// each of its words is one of them, so most lookups are skipped by a flag
// set once per token.
var vaderPhraseWords = func() map[string]bool {
	m := map[string]bool{}
	for _, keys := range []map[string]float64{vaderSpecialCases, vaderBoosters} {
		for k := range keys {
			if f := strings.Fields(k); len(f) > 1 {
				for _, w := range f {
					m[w] = true
				}
			}
		}
	}
	return m
}()

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

// vaderLexicon holds the parsed word and emoji lexicons.
type vaderLexicon struct {
	valence map[string]float64
	emoji   map[rune]string // single-code-point emoji → description
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
	return &vaderLexicon{valence: valence, emoji: em}, nil
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

// vaderScratch holds per-call buffers, reused through a pool.
type vaderScratch struct {
	words  []string  // tokens as written
	lower  []string  // tokens lower-cased
	upper  []bool    // token is ALL CAPS
	sent   []float64 // valence per token
	key    []byte    // buffer for idiom lookups
	phrase []bool    // token is a word of some multi-word idiom or booster
	text   strings.Builder
	lowbuf strings.Builder
}

var vaderScratchPool = sync.Pool{New: func() any { return new(vaderScratch) }}

func (sc *vaderScratch) score(lex *vaderLexicon, sentence string) VADERScores {
	text := sc.replaceEmoji(lex, sentence)
	text = strings.TrimFunc(text, isPySpace)
	sc.tokenize(text)
	n := len(sc.words)
	sc.phrase = sc.phrase[:0]
	for _, w := range sc.lower {
		sc.phrase = append(sc.phrase, vaderPhraseWords[w])
	}
	capDiff := sc.capDifferential()
	sc.sent = sc.sent[:0]
	for i := 0; i < n; i++ {
		lw := sc.lower[i]
		if _, ok := vaderBoosters[lw]; ok {
			sc.sent = append(sc.sent, 0)
			continue
		}
		if i < n-1 && lw == "kind" && sc.lower[i+1] == "of" {
			sc.sent = append(sc.sent, 0)
			continue
		}
		sc.sent = append(sc.sent, sc.valence(lex, i, capDiff))
	}
	sc.butCheck()
	return scoreValence(sc.sent, text)
}

// replaceEmoji returns sentence with single-code-point emoji replaced by
// their descriptions (step 1); sentence itself when it holds none.
func (sc *vaderScratch) replaceEmoji(lex *vaderLexicon, sentence string) string {
	first := -1
	for i, r := range sentence {
		if r >= utf8.RuneSelf {
			if _, ok := lex.emoji[r]; ok {
				first = i
				break
			}
		}
	}
	if first < 0 {
		return sentence
	}
	b := &sc.text
	b.Reset()
	b.WriteString(sentence[:first])
	prevSpace := first == 0 || sentence[first-1] == ' '
	for _, r := range sentence[first:] {
		desc, ok := "", false
		if r >= utf8.RuneSelf {
			desc, ok = lex.emoji[r]
		}
		if ok {
			if !prevSpace {
				b.WriteByte(' ')
			}
			b.WriteString(desc)
			prevSpace = false
			continue
		}
		b.WriteRune(r)
		prevSpace = r == ' '
	}
	return b.String()
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

// tokenize splits text on white space, strips punctuation (step 2) and
// records each token's lower-case form and ALL-CAPS flag.
func (sc *vaderScratch) tokenize(text string) {
	sc.words, sc.lower, sc.upper = sc.words[:0], sc.lower[:0], sc.upper[:0]
	start := -1
	for i, r := range text {
		if isPySpace(r) {
			if start >= 0 {
				sc.addToken(text[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		sc.addToken(text[start:])
	}
}

func (sc *vaderScratch) addToken(tok string) {
	a, b := 0, len(tok)
	for a < b && isASCIIPunct(tok[a]) {
		a++
	}
	for b > a && isASCIIPunct(tok[b-1]) {
		b--
	}
	if stripped := tok[a:b]; utf8.RuneCountInString(stripped) > 2 {
		tok = stripped
	}
	sc.words = append(sc.words, tok)
	sc.lower = append(sc.lower, sc.toLower(tok))
	sc.upper = append(sc.upper, isPyUpper(tok))
}

// toLower lower-cases like Python's str.lower (see the VADER doc comment),
// without allocating when tok is already lower case ASCII.
func (sc *vaderScratch) toLower(tok string) string {
	ascii, hasUpper := true, false
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			hasUpper = true
		}
	}
	if ascii && !hasUpper {
		return tok
	}
	b := &sc.lowbuf
	b.Reset()
	b.Grow(len(tok) + 2)
	for _, r := range tok {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case r == 'İ':
			b.WriteString("i\u0307")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	s := b.String()
	*b = strings.Builder{} // s now owns the bytes
	return s
}

// isPyUpper reports whether Python's str.isupper holds for s: at least one
// cased character and none lower or title case.
func isPyUpper(s string) bool {
	cased := false
	for _, r := range s {
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

// capDifferential reports whether some but not all tokens are ALL CAPS.
func (sc *vaderScratch) capDifferential() bool {
	caps := 0
	for _, u := range sc.upper {
		if u {
			caps++
		}
	}
	diff := len(sc.upper) - caps
	return diff > 0 && diff < len(sc.upper)
}

func (lex *vaderLexicon) has(w string) bool {
	_, ok := lex.valence[w]
	return ok
}

// valence is step 4 for the lexicon word at i.
func (sc *vaderScratch) valence(lex *vaderLexicon, i int, capDiff bool) float64 {
	lw := sc.lower
	base, ok := lex.valence[lw[i]]
	if !ok {
		return 0
	}
	v := base
	if lw[i] == "no" && i != len(lw)-1 && lex.has(lw[i+1]) {
		v = 0
	}
	if (i > 0 && lw[i-1] == "no") || (i > 1 && lw[i-2] == "no") ||
		(i > 2 && lw[i-3] == "no" && (lw[i-1] == "or" || lw[i-1] == "nor")) {
		v = base * vaderNegScalar
	}
	if sc.upper[i] && capDiff {
		v = awayFromZero(v, vaderCapsIncr)
	}
	for dist := 1; dist <= 3; dist++ {
		j := i - dist
		if j < 0 || lex.has(lw[j]) {
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
			v = sc.idioms(v, i)
		}
	}
	return sc.least(lex, v, i)
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
	s, ok := vaderBoosters[sc.lower[j]]
	if !ok {
		return 0
	}
	if v < 0 {
		s = -s
	}
	if sc.upper[j] && capDiff {
		if v > 0 {
			s += vaderCapsIncr
		} else {
			s -= vaderCapsIncr
		}
	}
	return s
}

// negated is the reference's test of one word: a negation word or any word
// containing "n't".
func negated(w string) bool {
	if _, ok := vaderNegations[w]; ok {
		return true
	}
	return strings.Contains(w, "n't")
}

func isSoThis(w string) bool { return w == "so" || w == "this" }

// negation applies the negation and "never so" rules for the preceding
// token at distance dist from i.
func (sc *vaderScratch) negation(v float64, dist, i int) float64 {
	lw := sc.lower
	switch dist {
	case 1:
		if negated(lw[i-1]) {
			return v * vaderNegScalar
		}
	case 2:
		switch {
		case lw[i-2] == "never" && isSoThis(lw[i-1]):
			return v * 1.25
		case lw[i-2] == "without" && lw[i-1] == "doubt":
			return v
		case negated(lw[i-2]):
			return v * vaderNegScalar
		}
	case 3:
		switch {
		case (lw[i-3] == "never" && isSoThis(lw[i-2])) || isSoThis(lw[i-1]):
			return v * 1.25
		case lw[i-3] == "without" && (lw[i-2] == "doubt" || lw[i-1] == "doubt"):
			return v
		case negated(lw[i-3]):
			return v * vaderNegScalar
		}
	}
	return v
}

// lookup reports the value of the lower-cased tokens idx joined by single
// spaces in m.
func (sc *vaderScratch) lookup(m map[string]float64, idx ...int) (float64, bool) {
	for _, j := range idx {
		if j < 0 || j >= len(sc.phrase) || !sc.phrase[j] {
			return 0, false // a word no multi-word key holds: no phrase can match
		}
	}
	sc.key = sc.key[:0]
	for k, j := range idx {
		if k > 0 {
			sc.key = append(sc.key, ' ')
		}
		sc.key = append(sc.key, sc.lower[j]...)
	}
	v, ok := m[string(sc.key)]
	return v, ok
}

// idioms applies the special-case idioms and two-word dampeners (i ≥ 3).
func (sc *vaderScratch) idioms(v float64, i int) float64 {
	seqs := [5][]int{{i - 1, i}, {i - 2, i - 1, i}, {i - 2, i - 1}, {i - 3, i - 2, i - 1}, {i - 3, i - 2}}
	for _, seq := range seqs {
		if sv, ok := sc.lookup(vaderSpecialCases, seq...); ok {
			v = sv
			break
		}
	}
	n := len(sc.lower)
	if n-1 > i {
		if sv, ok := sc.lookup(vaderSpecialCases, i, i+1); ok {
			v = sv
		}
	}
	if n-1 > i+1 {
		if sv, ok := sc.lookup(vaderSpecialCases, i, i+1, i+2); ok {
			v = sv
		}
	}
	for _, seq := range [3][]int{{i - 3, i - 2, i - 1}, {i - 3, i - 2}, {i - 2, i - 1}} {
		if b, ok := sc.lookup(vaderBoosters, seq...); ok {
			v += b
		}
	}
	return v
}

// least negates a word preceded by "least" unless "at least"/"very least".
func (sc *vaderScratch) least(lex *vaderLexicon, v float64, i int) float64 {
	lw := sc.lower
	if i > 1 && !lex.has(lw[i-1]) && lw[i-1] == "least" {
		if lw[i-2] != "at" && lw[i-2] != "very" {
			v *= vaderNegScalar
		}
	} else if i > 0 && !lex.has(lw[i-1]) && lw[i-1] == "least" {
		v *= vaderNegScalar
	}
	return v
}

// butCheck is step 5, including the reference's first-equal-value lookup.
func (sc *vaderScratch) butCheck() {
	bi := -1
	for k, w := range sc.lower {
		if w == "but" {
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

// punctuationEmphasis is the amplifier from "!" and "?" in text.
func punctuationEmphasis(text string) float64 {
	ep := strings.Count(text, "!")
	if ep > 4 {
		ep = 4
	}
	amp := float64(ep) * 0.292
	qm := strings.Count(text, "?")
	if qm > 1 {
		if qm <= 3 {
			amp += float64(qm) * 0.18
		} else {
			amp += 0.96
		}
	}
	return amp
}

// scoreValence is step 6.
func scoreValence(sent []float64, text string) VADERScores {
	if len(sent) == 0 {
		return VADERScores{}
	}
	sum := 0.0
	for _, s := range sent {
		sum += s
	}
	amp := punctuationEmphasis(text)
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
