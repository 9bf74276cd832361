package tone

// This file is a copy of tone/vader.go as of commit 80a6b20, before VADER
// was rewritten around a single word table, with every top-level name
// prefixed by "old" (VADERScores is shared) and VADER's long doc comment
// cut. It is the reference of the differential test in identity_test.go:
// the rewrite must give the same float64 bits on every input. Do not change
// it to follow vader.go.

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

// oldVADER is VADER before the rewrite (see vader.go for the algorithm).
func oldVADER(sentence string) VADERScores {
	lex := oldVaderLexiconOnce()
	sc := oldVaderScratchPool.Get().(*oldVaderScratch)
	defer oldVaderScratchPool.Put(sc)
	return sc.score(lex, sentence)
}

// Constants of the reference implementation.
const (
	oldVaderBoostIncr = 0.293 // booster word
	oldVaderBoostDecr = -0.293
	oldVaderCapsIncr  = 0.733 // ALL-CAPS emphasis
	oldVaderNegScalar = -0.74 // negation
	oldVaderAlpha     = 15.0  // normalization constant of the compound score
)

// oldVaderNegations are the reference's negation words.
var oldVaderNegations = oldToSet(
	"aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
	"ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
	"dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
	"don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
	"neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
	"oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
	"oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
	"without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite")

// oldVaderBoosters are the reference's degree adverbs: boosters and dampeners.
var oldVaderBoosters = func() map[string]float64 {
	m := make(map[string]float64)
	for _, w := range strings.Fields(`absolutely amazingly awfully completely
		considerable considerably decidedly deeply effing enormous enormously
		entirely especially exceptional exceptionally extreme extremely
		fabulously flipping flippin frackin fracking fricking frickin frigging
		friggin fully fuckin fucking fuggin fugging greatly hella highly hugely
		incredible incredibly intensely major majorly more most particularly
		purely quite really remarkably so substantially thoroughly total totally
		tremendous tremendously uber unbelievably unusually utter utterly very`) {
		m[w] = oldVaderBoostIncr
	}
	for _, w := range []string{"almost", "barely", "hardly", "just enough",
		"kind of", "kinda", "kindof", "kind-of", "less", "little", "marginal",
		"marginally", "occasional", "occasionally", "partly", "scarce",
		"scarcely", "slight", "slightly", "somewhat", "sort of", "sorta",
		"sortof", "sort-of"} {
		m[w] = oldVaderBoostDecr
	}
	return m
}()

// oldVaderSpecialCases are the reference's idioms that contain lexicon words.
var oldVaderSpecialCases = map[string]float64{
	"the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
	"yeah right": -2, "kiss of death": -1.5, "to die for": 3,
	"beating heart": 3.1, "broken heart": -2.9,
}

// oldVaderPhraseWords holds every word of the multi-word keys of
// oldVaderSpecialCases and oldVaderBoosters: a phrase lookup can only succeed when
// each of its words is one of them, so most lookups are skipped by a flag
// set once per token.
var oldVaderPhraseWords = func() map[string]bool {
	m := map[string]bool{}
	for _, keys := range []map[string]float64{oldVaderSpecialCases, oldVaderBoosters} {
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

// oldVaderLexiconPatch holds the reference 3.3.2 lexicon entries missing from
// govader's copy of the lexicon.
var oldVaderLexiconPatch = map[string]float64{"heart": 3.2, "hearts": 3.3}

func oldToSet(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// oldVaderLexicon holds the parsed word and emoji lexicons.
type oldVaderLexicon struct {
	valence map[string]float64
	emoji   map[rune]string // single-code-point emoji → description
}

var (
	oldVaderOnce sync.Once
	oldVaderLex  *oldVaderLexicon
)

// oldVaderLexiconOnce parses the lexicons on first use. The data are compiled
// into the binary, so a failure is a build defect, not an input error.
func oldVaderLexiconOnce() *oldVaderLexicon {
	oldVaderOnce.Do(func() {
		lex, err := oldLoadVADERLexicon()
		if err != nil {
			panic("tone: " + err.Error())
		}
		oldVaderLex = lex
	})
	return oldVaderLex
}

func oldLoadVADERLexicon() (*oldVaderLexicon, error) {
	words, err := data.Asset("rawdata/vaderLexicon.txt")
	if err != nil {
		return nil, fmt.Errorf("vader lexicon: %v", err)
	}
	emoji, err := data.Asset("rawdata/emojiUTF8Lexicon.txt")
	if err != nil {
		return nil, fmt.Errorf("vader emoji lexicon: %v", err)
	}
	valence, err := oldParseVADERWords(string(words))
	if err != nil {
		return nil, err
	}
	for w, v := range oldVaderLexiconPatch {
		valence[w] = v
	}
	em, err := oldParseVADEREmoji(string(emoji))
	if err != nil {
		return nil, err
	}
	return &oldVaderLexicon{valence: valence, emoji: em}, nil
}

// oldParseVADERWords reads "token<TAB>mean<TAB>…" lines; later duplicates win,
// as in the reference's dict.
func oldParseVADERWords(text string) (map[string]float64, error) {
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

// oldParseVADEREmoji reads "emoji<TAB>description" lines and keeps the emoji of
// one code point, the only ones the reference can match.
func oldParseVADEREmoji(text string) (map[rune]string, error) {
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

// oldVaderScratch holds per-call buffers, reused through a pool.
type oldVaderScratch struct {
	words  []string  // tokens as written
	lower  []string  // tokens lower-cased
	upper  []bool    // token is ALL CAPS
	sent   []float64 // valence per token
	key    []byte    // buffer for idiom lookups
	phrase []bool    // token is a word of some multi-word idiom or booster
	text   strings.Builder
	lowbuf strings.Builder
}

var oldVaderScratchPool = sync.Pool{New: func() any { return new(oldVaderScratch) }}

func (sc *oldVaderScratch) score(lex *oldVaderLexicon, sentence string) VADERScores {
	text := sc.replaceEmoji(lex, sentence)
	text = strings.TrimFunc(text, oldIsPySpace)
	sc.tokenize(text)
	n := len(sc.words)
	sc.phrase = sc.phrase[:0]
	for _, w := range sc.lower {
		sc.phrase = append(sc.phrase, oldVaderPhraseWords[w])
	}
	capDiff := sc.capDifferential()
	sc.sent = sc.sent[:0]
	for i := 0; i < n; i++ {
		lw := sc.lower[i]
		if _, ok := oldVaderBoosters[lw]; ok {
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
	return oldScoreValence(sc.sent, text)
}

// replaceEmoji returns sentence with single-code-point emoji replaced by
// their descriptions (step 1); sentence itself when it holds none.
func (sc *oldVaderScratch) replaceEmoji(lex *oldVaderLexicon, sentence string) string {
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

// oldIsPySpace reports whether Python's str.isspace holds for r.
func oldIsPySpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || (r >= '\t' && r <= '\r') || (r >= 0x1c && r <= 0x1f)
	}
	return unicode.IsSpace(r)
}

// oldIsASCIIPunct reports whether b is in Python's string.punctuation.
func oldIsASCIIPunct(b byte) bool {
	return (b >= '!' && b <= '/') || (b >= ':' && b <= '@') || (b >= '[' && b <= '`') || (b >= '{' && b <= '~')
}

// tokenize splits text on white space, strips punctuation (step 2) and
// records each token's lower-case form and ALL-CAPS flag.
func (sc *oldVaderScratch) tokenize(text string) {
	sc.words, sc.lower, sc.upper = sc.words[:0], sc.lower[:0], sc.upper[:0]
	start := -1
	for i, r := range text {
		if oldIsPySpace(r) {
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

func (sc *oldVaderScratch) addToken(tok string) {
	a, b := 0, len(tok)
	for a < b && oldIsASCIIPunct(tok[a]) {
		a++
	}
	for b > a && oldIsASCIIPunct(tok[b-1]) {
		b--
	}
	if stripped := tok[a:b]; utf8.RuneCountInString(stripped) > 2 {
		tok = stripped
	}
	sc.words = append(sc.words, tok)
	sc.lower = append(sc.lower, sc.toLower(tok))
	sc.upper = append(sc.upper, oldIsPyUpper(tok))
}

// toLower lower-cases like Python's str.lower (see the VADER doc comment),
// without allocating when tok is already lower case ASCII.
func (sc *oldVaderScratch) toLower(tok string) string {
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

// oldIsPyUpper reports whether Python's str.isupper holds for s: at least one
// cased character and none lower or title case.
func oldIsPyUpper(s string) bool {
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
func (sc *oldVaderScratch) capDifferential() bool {
	caps := 0
	for _, u := range sc.upper {
		if u {
			caps++
		}
	}
	diff := len(sc.upper) - caps
	return diff > 0 && diff < len(sc.upper)
}

func (lex *oldVaderLexicon) has(w string) bool {
	_, ok := lex.valence[w]
	return ok
}

// valence is step 4 for the lexicon word at i.
func (sc *oldVaderScratch) valence(lex *oldVaderLexicon, i int, capDiff bool) float64 {
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
		v = base * oldVaderNegScalar
	}
	if sc.upper[i] && capDiff {
		v = oldAwayFromZero(v, oldVaderCapsIncr)
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

// oldAwayFromZero adds d to a positive v and subtracts it otherwise (the
// reference treats 0 as negative here).
func oldAwayFromZero(v, d float64) float64 {
	if v > 0 {
		return v + d
	}
	return v - d
}

// scalar is the booster effect of token j on valence v.
func (sc *oldVaderScratch) scalar(j int, v float64, capDiff bool) float64 {
	s, ok := oldVaderBoosters[sc.lower[j]]
	if !ok {
		return 0
	}
	if v < 0 {
		s = -s
	}
	if sc.upper[j] && capDiff {
		if v > 0 {
			s += oldVaderCapsIncr
		} else {
			s -= oldVaderCapsIncr
		}
	}
	return s
}

// oldNegated is the reference's test of one word: a negation word or any word
// containing "n't".
func oldNegated(w string) bool {
	if _, ok := oldVaderNegations[w]; ok {
		return true
	}
	return strings.Contains(w, "n't")
}

func oldIsSoThis(w string) bool { return w == "so" || w == "this" }

// negation applies the negation and "never so" rules for the preceding
// token at distance dist from i.
func (sc *oldVaderScratch) negation(v float64, dist, i int) float64 {
	lw := sc.lower
	switch dist {
	case 1:
		if oldNegated(lw[i-1]) {
			return v * oldVaderNegScalar
		}
	case 2:
		switch {
		case lw[i-2] == "never" && oldIsSoThis(lw[i-1]):
			return v * 1.25
		case lw[i-2] == "without" && lw[i-1] == "doubt":
			return v
		case oldNegated(lw[i-2]):
			return v * oldVaderNegScalar
		}
	case 3:
		switch {
		case (lw[i-3] == "never" && oldIsSoThis(lw[i-2])) || oldIsSoThis(lw[i-1]):
			return v * 1.25
		case lw[i-3] == "without" && (lw[i-2] == "doubt" || lw[i-1] == "doubt"):
			return v
		case oldNegated(lw[i-3]):
			return v * oldVaderNegScalar
		}
	}
	return v
}

// lookup reports the value of the lower-cased tokens idx joined by single
// spaces in m.
func (sc *oldVaderScratch) lookup(m map[string]float64, idx ...int) (float64, bool) {
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
func (sc *oldVaderScratch) idioms(v float64, i int) float64 {
	seqs := [5][]int{{i - 1, i}, {i - 2, i - 1, i}, {i - 2, i - 1}, {i - 3, i - 2, i - 1}, {i - 3, i - 2}}
	for _, seq := range seqs {
		if sv, ok := sc.lookup(oldVaderSpecialCases, seq...); ok {
			v = sv
			break
		}
	}
	n := len(sc.lower)
	if n-1 > i {
		if sv, ok := sc.lookup(oldVaderSpecialCases, i, i+1); ok {
			v = sv
		}
	}
	if n-1 > i+1 {
		if sv, ok := sc.lookup(oldVaderSpecialCases, i, i+1, i+2); ok {
			v = sv
		}
	}
	for _, seq := range [3][]int{{i - 3, i - 2, i - 1}, {i - 3, i - 2}, {i - 2, i - 1}} {
		if b, ok := sc.lookup(oldVaderBoosters, seq...); ok {
			v += b
		}
	}
	return v
}

// least negates a word preceded by "least" unless "at least"/"very least".
func (sc *oldVaderScratch) least(lex *oldVaderLexicon, v float64, i int) float64 {
	lw := sc.lower
	if i > 1 && !lex.has(lw[i-1]) && lw[i-1] == "least" {
		if lw[i-2] != "at" && lw[i-2] != "very" {
			v *= oldVaderNegScalar
		}
	} else if i > 0 && !lex.has(lw[i-1]) && lw[i-1] == "least" {
		v *= oldVaderNegScalar
	}
	return v
}

// butCheck is step 5, including the reference's first-equal-value lookup.
func (sc *oldVaderScratch) butCheck() {
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

// oldPunctuationEmphasis is the amplifier from "!" and "?" in text.
func oldPunctuationEmphasis(text string) float64 {
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

// oldScoreValence is step 6.
func oldScoreValence(sent []float64, text string) VADERScores {
	if len(sent) == 0 {
		return VADERScores{}
	}
	sum := 0.0
	for _, s := range sent {
		sum += s
	}
	amp := oldPunctuationEmphasis(text)
	if sum > 0 {
		sum += amp
	} else if sum < 0 {
		sum -= amp
	}
	compound := sum / math.Sqrt(sum*sum+oldVaderAlpha)
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
		Neg:      oldPyRound(math.Abs(negSum/total), 3),
		Neu:      oldPyRound(math.Abs(float64(neu)/total), 3),
		Pos:      oldPyRound(math.Abs(posSum/total), 3),
		Compound: oldPyRound(compound, 4),
	}
}

// oldPyRound rounds x to d decimals like Python's round(x, d): the exact binary
// value rounded half to even, returned as the nearest float64.
func oldPyRound(x float64, d int) float64 {
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
