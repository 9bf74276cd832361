// Lexicon matching (SPEC §6): the patterns of a lexicon found in a sequence
// of tokens, longest match first, with negation.

package lexmatch

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"parallax/analysis/segment"
	"parallax/lexicons"
)

// Hit is one match of a lexicon entry on tokens[Start:End].
type Hit struct {
	Start, End int             // token indices; End is exclusive
	Entry      *lexicons.Entry // the entry matched: key, label, pattern, score, line
	Negated    bool            // a negator stands among the three tokens before Start
}

// Score is the valence of the hit: the entry's score, with its sign flipped
// when the hit is negated ("not good" scores −1.9 where "good" is 1.9). It
// is 0 for entries of other kinds.
func (h Hit) Score() float64 {
	if h.Negated {
		return -h.Entry.Score
	}
	return h.Entry.Score
}

// Matcher finds the entries of one lexicon in token sequences. It is
// immutable once compiled and safe for concurrent use; the lexicon must not
// be modified after Compile.
//
// Patterns are indexed by their first word: a literal word in a map (one
// lookup a token); "prefix*" in a map of prefixes and "*suffix" in a map of
// suffixes (one lookup per distinct prefix or suffix length no longer than
// the token); any other glob in a list by the first byte of its literal
// prefix, or, when it begins with a wildcard, in a list tried on every
// token. Globs are checked against their literal prefix, suffix and least
// length before they are matched.
type Matcher struct {
	lx         *lexicons.Lexicon
	phrases    []phrase           // one per entry, same index
	exact      map[string][]int32 // literal first word → phrases
	prefix     map[string][]int32 // first word "p*" → phrases, keyed by p
	prefixLens []int              // distinct prefix lengths in bytes, ascending
	suffix     map[string][]int32 // first word "*s" → phrases, keyed by s
	suffixLens []int              // distinct suffix lengths in bytes, ascending
	byByte     [256][]globRef     // other globs with a literal prefix, by its first byte
	globs      []globRef          // other globs beginning with a wildcard
	// filter rules out, for one bit test each, most tokens that no exact
	// word, prefix or suffix can match: a map look-up costs far more.
	filter wordFilter
}

// wordFilter holds three bit sets: exact, a one-hash Bloom filter of the
// exact first words (wordHash); pre and suf, the first and last two bytes
// of every prefix and suffix of at least two bytes. A clear bit proves the
// map would find nothing; a set bit sends the token on to the maps.
type wordFilter struct {
	exact, pre, suf [1 << 16 / 64]uint64
	short           bool // a prefix or suffix of one byte: pre and suf cannot rule out
}

func setBit(b *[1 << 16 / 64]uint64, i uint32) { b[i>>6] |= 1 << (i & 63) }

func hasBit(b *[1 << 16 / 64]uint64, i uint32) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// wordHash hashes the length and first eight bytes of w into 16 bits.
func wordHash(w string) uint32 {
	var x uint64
	n := min(len(w), 8)
	for i := 0; i < n; i++ {
		x |= uint64(w[i]) << (8 * i)
	}
	x ^= uint64(len(w)) * 0x9e3779b97f4a7c15
	return uint32((x * 0xff51afd7ed558ccd) >> 48)
}

// head2 and tail2 index the first and last two bytes of w (len(w) >= 2).
func head2(w string) uint32 { return uint32(w[0])<<8 | uint32(w[1]) }
func tail2(w string) uint32 { return uint32(w[len(w)-2])<<8 | uint32(w[len(w)-1]) }

// globRef is a phrase whose first word is a glob, with that word.
type globRef struct {
	phrase int32
	first  patWord
}

// phrase is a compiled pattern.
type phrase struct {
	words []patWord
	key   int32 // dense id of (Key, Label), in order of first appearance
	// literal and wild rank the patterns of one key that match the same
	// span: more literal characters first, then fewer wildcards.
	literal, wild int32
}

// patWord is one word of a pattern: a literal or a glob. A glob keeps the
// literal text before its first and after its last wildcard, and the least
// length of a match in bytes, to reject most tokens before globMatch.
type patWord struct {
	text           string
	glob           bool
	litPre, litSuf string
	minLen         int
}

// newPatWord makes a pattern word of normalised text.
func newPatWord(text string) patWord {
	i := strings.IndexAny(text, "*?")
	if i < 0 {
		return patWord{text: text}
	}
	j := strings.LastIndexAny(text, "*?")
	return patWord{
		text:   text,
		glob:   true,
		litPre: text[:i],
		litSuf: text[j+1:],
		minLen: len(text) - strings.Count(text, "*"), // '?' takes at least a byte
	}
}

// match reports whether the word matches a token's normalised form.
func (w *patWord) match(norm string) bool {
	if !w.glob {
		return w.text == norm
	}
	return len(norm) >= w.minLen && strings.HasPrefix(norm, w.litPre) &&
		strings.HasSuffix(norm, w.litSuf) && globMatch(w.text, norm)
}

// Compile compiles a lexicon for matching. Each literal word of a
// pattern is read by Tokenize, as the words of a text are, so that a
// pattern matches what a person writes: "Donald Trump Jr." matches the
// tokens "donald" "trump" "jr" (the tokenizer drops the period),
// "Obama's administration" the tokens "obama" "administration" (it drops
// the possessive), "1994-2020" the tokens "1994" "2020", "U.S. Congress"
// "u.s." "congress". A literal word in which the tokenizer reads no word
// at all (a lone combining mark) can never match: Compile returns every
// such pattern as a positioned lexicons.ErrorList. Glob words are
// matched against one token each, as written.
func Compile(lx *lexicons.Lexicon) (*Matcher, error) {
	m := &Matcher{
		lx:      lx,
		phrases: make([]phrase, len(lx.Entries)),
		exact:   map[string][]int32{},
		prefix:  map[string][]int32{},
		suffix:  map[string][]int32{},
	}
	keys := map[[2]string]int32{}
	var errs lexicons.ErrorList
	var buf []segment.Token
	prefixLens, suffixLens := map[int]bool{}, map[int]bool{}
	for i := range lx.Entries {
		e := &lx.Entries[i]
		k, ok := keys[[2]string{e.Key, e.Label}]
		if !ok {
			k = int32(len(keys))
			keys[[2]string{e.Key, e.Label}] = k
		}
		p, ok := compilePhrase(lx.File, e, &errs, &buf)
		if !ok {
			continue
		}
		p.key = k
		m.phrases[i] = p
		m.index(int32(i), p.words[0], prefixLens, suffixLens)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	m.prefixLens = sortedLens(prefixLens)
	m.suffixLens = sortedLens(suffixLens)
	return m, nil
}

// sortedLens returns the lengths of a set, ascending.
func sortedLens(set map[int]bool) []int {
	var out []int
	for n := range set {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// compilePhrase compiles the words of an entry's pattern. A literal word
// becomes the tokens the tokenizer reads in it (one or more); if it reads
// none, the error is added to errs and ok is false.
func compilePhrase(file string, e *lexicons.Entry, errs *lexicons.ErrorList, buf *[]segment.Token) (p phrase, ok bool) {
	ok = true
	for _, w := range strings.Fields(e.Pattern) {
		pw := newPatWord(w)
		if pw.glob {
			wild := int32(strings.Count(w, "*") + strings.Count(w, "?"))
			p.wild += wild
			p.literal += int32(utf8.RuneCountInString(w)) - wild
			p.words = append(p.words, pw)
			continue
		}
		// A literal word is read as the text is: "jr." as "jr",
		// "obama's" as "obama", "1994-2020" as "1994" "2020".
		*buf = segment.Tokenize(w, (*buf)[:0])
		toks := *buf
		if len(toks) == 0 {
			errs.Add(file, e.Line, "pattern %q: word %q can never match a token: the tokenizer reads no word in it", e.Pattern, w)
			ok = false
			continue
		}
		p.literal += int32(utf8.RuneCountInString(w))
		for _, t := range toks {
			p.words = append(p.words, patWord{text: t.Norm})
		}
	}
	return p, ok && len(p.words) > 0
}

// index files phrase i under its first word (see Matcher), noting the
// lengths of prefixes and suffixes.
func (m *Matcher) index(i int32, first patWord, prefixLens, suffixLens map[int]bool) {
	switch {
	case !first.glob:
		m.exact[first.text] = append(m.exact[first.text], i)
		setBit(&m.filter.exact, wordHash(first.text))
	case len(first.litPre) == len(first.text)-1 && first.text[len(first.text)-1] == '*':
		m.prefix[first.litPre] = append(m.prefix[first.litPre], i)
		prefixLens[len(first.litPre)] = true
		if p := first.litPre; len(p) >= 2 {
			setBit(&m.filter.pre, head2(p))
		} else {
			m.filter.short = true
		}
	case len(first.litSuf) == len(first.text)-1 && first.text[0] == '*':
		m.suffix[first.litSuf] = append(m.suffix[first.litSuf], i)
		suffixLens[len(first.litSuf)] = true
		if p := first.litSuf; len(p) >= 2 {
			setBit(&m.filter.suf, tail2(p))
		} else {
			m.filter.short = true
		}
	case first.litPre != "":
		b := first.litPre[0]
		m.byByte[b] = append(m.byByte[b], globRef{i, first})
	default:
		m.globs = append(m.globs, globRef{i, first})
	}
}

// tokenList formats tokens for a message: `"mr"` or `"1994" "2020"` or
// "no token".
func tokenList(toks []segment.Token) string {
	if len(toks) == 0 {
		return "no token"
	}
	s := make([]string, len(toks))
	for i, t := range toks {
		s[i] = fmt.Sprintf("%q", t.Norm)
	}
	return strings.Join(s, " ")
}

// Lexicon returns the lexicon the matcher was compiled from.
func (m *Matcher) Lexicon() *lexicons.Lexicon { return m.lx }

// candidate is a pattern found on tokens[start:end], before overlaps are
// resolved.
type candidate struct {
	start, end int32
	phrase     int32
}

// matchScratch holds the buffers of one Match call.
type matchScratch struct {
	cands   []candidate // every pattern found
	sel     []candidate // the candidates kept
	covered []bool      // tokens covered by a kept span
}

var matchScratchPool = sync.Pool{New: func() any { return new(matchScratch) }}

// Match returns the hits of the lexicon in tokens, ordered by Start and then
// by key in lexicon order. Call it on one sentence at a time, so that
// neither phrases nor negation cross a sentence boundary. A phrase matches
// consecutive tokens; as punctuation makes no token, "new york" also
// matches "New, York".
//
// No token is counted twice. Every place where a pattern matches is a
// candidate span; spans are taken longest first (in tokens; the earlier
// one first among equals), and a span that overlaps one already taken is
// dropped, so "united states" and "united*" on "united states" give the one
// hit "united states", and of "a b" and "b c d" on "a b c d" only "b c d"
// is kept (a pattern "a" would then still match "a"). On a span taken,
// every key (category, actor, referent and label, or event) with a pattern
// matching exactly that span gets one hit — a LIWC word listed in three
// categories counts once in each — and among the patterns of one key the
// most literal wins: "good" before "good*" before "go?d", then file order.
//
// A hit is Negated when one of the three tokens before it is a negator:
// "not", "no", "never", "without", "nor", "neither", "hardly", "cannot", or
// a contraction ending in "n't" ("isn't", "don't", "won't"). Hit.Score
// flips the sign of a negated valence.
func (m *Matcher) Match(tokens []segment.Token) []Hit {
	return m.AppendMatches(nil, tokens)
}

// AppendMatches appends the hits of Match to dst and returns it.
func (m *Matcher) AppendMatches(dst []Hit, tokens []segment.Token) []Hit {
	sc := matchScratchPool.Get().(*matchScratch)
	defer matchScratchPool.Put(sc)
	cands := sc.cands[:0]
	for i := range tokens {
		w := tokens[i].Norm
		if hasBit(&m.filter.exact, wordHash(w)) {
			for _, p := range m.exact[w] {
				cands = m.try(cands, p, tokens, i)
			}
		}
		// A word of two bytes or more whose first (last) two bytes begin
		// (end) no prefix (suffix) of two bytes or more matches none:
		// with no shorter prefix or suffix in the lexicon, skip the maps.
		affixes := m.filter.short || len(w) < 2
		if affixes || hasBit(&m.filter.pre, head2(w)) {
			for _, n := range m.prefixLens {
				if n > len(w) {
					break
				}
				for _, p := range m.prefix[w[:n]] {
					cands = m.try(cands, p, tokens, i)
				}
			}
		}
		if affixes || hasBit(&m.filter.suf, tail2(w)) {
			for _, n := range m.suffixLens {
				if n > len(w) {
					break
				}
				for _, p := range m.suffix[w[len(w)-n:]] {
					cands = m.try(cands, p, tokens, i)
				}
			}
		}
		if w != "" {
			for k := range m.byByte[w[0]] {
				if g := &m.byByte[w[0]][k]; g.first.match(w) {
					cands = m.try(cands, g.phrase, tokens, i)
				}
			}
		}
		for k := range m.globs {
			if g := &m.globs[k]; g.first.match(w) {
				cands = m.try(cands, g.phrase, tokens, i)
			}
		}
	}
	sc.cands = cands
	if len(cands) == 0 {
		return dst
	}
	if len(cands) == 1 {
		c := cands[0]
		return append(dst, m.hit(tokens, c))
	}
	return m.resolve(dst, tokens, sc)
}

// try appends a candidate if phrase p matches at tokens[i:]; its first word
// is known to match.
func (m *Matcher) try(cands []candidate, p int32, tokens []segment.Token, i int) []candidate {
	words := m.phrases[p].words
	if i+len(words) > len(tokens) {
		return cands
	}
	for j := 1; j < len(words); j++ {
		if !words[j].match(tokens[i+j].Norm) {
			return cands
		}
	}
	return append(cands, candidate{int32(i), int32(i + len(words)), p})
}

// resolve keeps the longest non-overlapping candidate spans and appends a
// hit per key on each (see Match).
func (m *Matcher) resolve(dst []Hit, tokens []segment.Token, sc *matchScratch) []Hit {
	cands := sc.cands
	slices.SortFunc(cands, m.compareCandidates)
	if cap(sc.covered) < len(tokens) {
		sc.covered = make([]bool, len(tokens))
	}
	covered := sc.covered[:len(tokens)]
	clear(covered)
	sel := sc.sel[:0]
	last := candidate{-1, -1, -1}
	for _, c := range cands {
		if c.start == last.start && c.end == last.end {
			if m.phrases[c.phrase].key != m.phrases[last.phrase].key {
				sel = append(sel, c)
				last = c
			}
			continue
		}
		if overlaps(covered[c.start:c.end]) {
			continue
		}
		for k := c.start; k < c.end; k++ {
			covered[k] = true
		}
		sel = append(sel, c)
		last = c
	}
	slices.SortFunc(sel, func(a, b candidate) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return cmp.Compare(m.phrases[a.phrase].key, m.phrases[b.phrase].key)
	})
	for _, c := range sel {
		dst = append(dst, m.hit(tokens, c))
	}
	sc.sel = sel
	return dst
}

// compareCandidates orders candidates longest first, then earlier first;
// the candidates of one span by key, and those of one key by how literal
// their pattern is, then by file order.
func (m *Matcher) compareCandidates(a, b candidate) int {
	if c := cmp.Compare(b.end-b.start, a.end-a.start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	pa, pb := &m.phrases[a.phrase], &m.phrases[b.phrase]
	if c := cmp.Compare(pa.key, pb.key); c != 0 {
		return c
	}
	if c := cmp.Compare(pb.literal, pa.literal); c != 0 {
		return c
	}
	if c := cmp.Compare(pa.wild, pb.wild); c != 0 {
		return c
	}
	return cmp.Compare(a.phrase, b.phrase)
}

// overlaps reports whether any token of the span is already covered.
func overlaps(covered []bool) bool {
	for _, c := range covered {
		if c {
			return true
		}
	}
	return false
}

// hit makes the hit of a candidate, with its negation.
func (m *Matcher) hit(tokens []segment.Token, c candidate) Hit {
	return Hit{
		Start:   int(c.start),
		End:     int(c.end),
		Entry:   &m.lx.Entries[c.phrase],
		Negated: negatedAt(tokens, int(c.start)),
	}
}

// negationWindow is how many tokens before a hit are searched for a negator.
const negationWindow = 3

// negatedAt reports whether a negator stands among the negationWindow
// tokens before tokens[start].
func negatedAt(tokens []segment.Token, start int) bool {
	for k := start - 1; k >= 0 && k >= start-negationWindow; k-- {
		if isNegator(tokens[k].Norm) {
			return true
		}
	}
	return false
}

// isNegator reports whether a normalised token negates what follows.
func isNegator(w string) bool {
	switch w {
	case "not", "no", "never", "without", "nor", "neither", "hardly", "cannot":
		return true
	}
	return strings.HasSuffix(w, "n't")
}

// globMatch reports whether name matches pattern, where '*' matches any run
// of characters and '?' exactly one character (rune). It backtracks to the
// last '*' only, so it runs in O(len(pattern)·len(name)) at worst.
func globMatch(pattern, name string) bool {
	px, nx := 0, 0
	nextPx, nextNx := 0, 0
	for px < len(pattern) || nx < len(name) {
		if px < len(pattern) {
			switch c := pattern[px]; c {
			case '?':
				if nx < len(name) {
					_, n := utf8.DecodeRuneInString(name[nx:])
					px++
					nx += n
					continue
				}
			case '*':
				nextPx = px
				nextNx = nx + 1
				if nx < len(name) {
					_, n := utf8.DecodeRuneInString(name[nx:])
					nextNx = nx + n
				}
				px++
				continue
			default:
				if nx < len(name) && name[nx] == c {
					px++
					nx++
					continue
				}
			}
		}
		if 0 < nextNx && nextNx <= len(name) {
			px, nx = nextPx, nextNx
			continue
		}
		return false
	}
	return true
}
