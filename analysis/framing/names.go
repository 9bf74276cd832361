// Proper names (SPEC §7): the capitalised phrases that name people,
// organisations and places. They serve three purposes: the speaker of a quote
// is resolved to the nearest full name ("Blinken" → "Antony Blinken"); actors
// are discovered from frequent names when no actors lexicon is given; and a
// quote's speaker is assigned to an actor's side.
//
// The rules work on tokens and the capitalisation of the original text, with
// no model and no list of names:
//   - A name is a run of capitalised tokens within a sentence, adjacent but
//     for spaces, the period of an initial ("Onnik J. Krikorian") or a
//     connector between two capitalised words ("Center for Strategic Studies",
//     "Republic of Azerbaijan"). Punctuation, a possessive ("Azerbaijan’s")
//     or a lower-case word ends it.
//   - The first word of a sentence (or of a quotation) is capitalised by
//     position, so it starts a name only when it is not a stop word, a title,
//     a month or day, not a gerund or abstract plural ("Pressing Egypt",
//     "Discussions Obama"), and does not occur in lower case elsewhere in
//     the document.
//   - Titles and honorifics are not part of a person's name: "Russian
//     President Vladimir Putin" is Vladimir Putin, "U.S. Secretary of State
//     Antony Blinken" is Antony Blinken. A run's person is its last stretch of
//     two or more capitalised words that are neither titles, connectors nor
//     words of organisations ("Council", "Ministry", "Center"), nor months.
//   - A single surname ("Blinken", or the misspelt "Kirkorian") resolves to the
//     nearest full name of the document whose last word equals it, or is one
//     edit away (insertion, deletion, substitution or transposition) when
//     both are six letters or longer; an earlier mention wins over a later
//     one at the same distance.

package framing

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/segment"
	"parallax/lexicons"
)

// Name is a proper-name phrase found in a document.
type Name struct {
	Text     string // as written, single-spaced, possessive removed
	Person   string // the person it names, if any: titles stripped ("Vladimir Putin")
	Start    int    // first token (index into the document's tokens)
	End      int    // one past the last token
	Sentence int    // 0-based sentence index
	Org      bool   // holds a word of organisations (Council, Ministry, …)
}

// Key is the name as an actor is counted: the person when it names one,
// otherwise the text.
func (n Name) Key() string {
	if n.Person != "" {
		return n.Person
	}
	return n.Text
}

// quoteDoc is a document prepared for the name and quote rules: its tokens,
// the sentence of each token, and the words it uses in lower case.
type quoteDoc struct {
	text     string
	toks     []segment.Token
	tokSent  []int32 // sentence index of each token
	sents    []segment.Span
	sentTok  []int32         // first token of each sentence; len(sents)+1 entries
	lowerUse map[string]bool // without token ids (byID false)
	byID     bool            // the lower-case uses are by Norm id (usedLower)
	names    []Name
	persons  []int // indexes into names of the names that are persons, in order
	// bySurname: see surnames
	bySurname map[string][]int
	// surnameKeys: see matchingSurnames
	surnameKeys map[string][]string
	scratch     *quoteScratch // where toks, tokSent, names, persons, lowerUse and inQuote come from
}

// newQuoteDoc reads a document from its sentences' tokens, sentTokens(s)
// with spans into sentence s (Processed.SentenceTokens). Joined, with spans
// moved to the text, they are the whole text's tokens: FuzzSegment checks
// that tokenizing sentence by sentence gives what the whole text gives.
func newQuoteDoc(text string, sents []segment.Span, sentTokens func(s int) []segment.Token) *quoteDoc {
	sc := quoteScratchPool.Get().(*quoteScratch)
	d := &quoteDoc{text: text, sents: sents, scratch: sc, names: sc.names[:0], persons: sc.persons[:0]}
	d.sentTok = make([]int32, len(sents)+1)
	n := 0
	for s := range sents {
		n += len(sentTokens(s))
	}
	d.toks = slices.Grow(sc.toks[:0], n)
	for s, sp := range sents {
		from := len(d.toks)
		d.toks = append(d.toks, sentTokens(s)...)
		for i := from; i < len(d.toks); i++ {
			d.toks[i].Span.Start += sp.Start
			d.toks[i].Span.End += sp.Start
		}
		d.sentTok[s+1] = int32(len(d.toks))
	}
	d.tokSent = slices.Grow(sc.tokSent[:0], len(d.toks))[:len(d.toks)]
	for s := range sents {
		for i := d.sentTok[s]; i < d.sentTok[s+1]; i++ {
			d.tokSent[i] = int32(s)
		}
	}
	d.lowerUse = sc.lowerUse
	d.markLowerUse()
	d.findNames()
	return d
}

// markLowerUse records the words the document uses in lower case: by
// Norm id (Token.ID, a stamp of this document's generation in an array),
// or, when a word token has no id, in the lowerUse map.
func (d *quoteDoc) markLowerUse() {
	sc := d.scratch
	d.byID = true
	for i := range d.toks {
		if t := &d.toks[i]; t.Kind == segment.TokWord && t.ID <= 0 {
			d.byID = false
			break
		}
	}
	if d.byID {
		if sc.gen++; sc.gen == 0 { // wrapped: no stamp may look current
			clear(sc.lowerGen)
			sc.gen = 1
		}
	}
	for i := range d.toks {
		t := &d.toks[i]
		if t.Kind != segment.TokWord {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(d.text[t.Span.Start:]); !unicode.IsLower(r) {
			continue
		}
		if !d.byID {
			d.lowerUse[t.Norm] = true
			continue
		}
		if int(t.ID) >= len(sc.lowerGen) {
			sc.lowerGen = append(sc.lowerGen, make([]uint32, int(t.ID)+1-len(sc.lowerGen)+len(sc.lowerGen)/2)...)
		}
		sc.lowerGen[t.ID] = sc.gen
	}
}

// usedLower reports whether the document uses token i's word in lower
// case.
func (d *quoteDoc) usedLower(i int) bool {
	t := &d.toks[i]
	if d.byID {
		return int(t.ID) < len(d.scratch.lowerGen) && d.scratch.lowerGen[t.ID] == d.scratch.gen
	}
	return d.lowerUse[t.Norm]
}

// quoteScratch holds the buffers of a quoteDoc, recycled from document to
// document instead of being allocated and grown for each: its tokens, the
// sentence of each token, the quote of each token, its names and persons,
// and the lowerUse map.
type quoteScratch struct {
	toks     []segment.Token
	tokSent  []int32
	inQuote  []int32 // see quotes
	names    []Name
	persons  []int
	lowerUse map[string]bool
	// lowerGen: by Norm id, the generation (gen) of the last document
	// that used the word in lower case. The ids of one document come from
	// one interner (segment.Norms), and a stamp is only compared within
	// its document.
	lowerGen []uint32
	gen      uint32
}

// inQuoteBuf returns a zeroed slice of one int32 per token, reused from
// document to document.
func (d *quoteDoc) inQuoteBuf() []int32 {
	n := len(d.toks)
	b := slices.Grow(d.scratch.inQuote[:0], n)[:n]
	clear(b)
	d.scratch.inQuote = b
	return b
}

var quoteScratchPool = sync.Pool{New: func() any { return &quoteScratch{lowerUse: map[string]bool{}} }}

// release hands the document's buffers back for reuse; d must not be used
// after. Nothing that outlives d (names, quotes) refers to them. Buffers
// grown by a very long document are left to the garbage collector.
func (d *quoteDoc) release() {
	sc := d.scratch
	if sc == nil {
		return
	}
	keep := cap(d.toks) <= segment.MaxKeptTokens && len(sc.lowerUse) <= 1<<14
	clear(d.toks)  // their Norms point into the document's text
	clear(d.names) // their strings
	sc.toks, sc.tokSent, sc.names, sc.persons = d.toks[:0], d.tokSent[:0], d.names[:0], d.persons[:0]
	d.scratch, d.toks, d.tokSent, d.lowerUse, d.names, d.persons = nil, nil, nil, nil, nil, nil
	if keep {
		clear(sc.lowerUse)
		quoteScratchPool.Put(sc)
	}
}

// isCap reports whether token i begins with an upper-case letter.
func (d *quoteDoc) isCap(i int) bool {
	t := d.toks[i]
	if t.Kind != segment.TokWord {
		return false
	}
	w := d.text[t.Span.Start:t.Span.End]
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	// an Arabic or European particle joined to a name: "al-Assad", "el-Mahdi"
	if h := strings.IndexByte(w, '-'); h > 0 && h <= 3 && h+1 < len(w) && nameParticles[w[:h]] {
		r, _ = utf8.DecodeRuneInString(w[h+1:])
		return unicode.IsUpper(r)
	}
	return false
}

// nameParticles are the lower-case particles joined by a hyphen to a
// capitalised name ("al-Assad", "el-Sisi", "bin-Salman").
// surnamePrefixes are the particles that open European surnames.
var surnamePrefixes = wordSet("bin", "ibn", "van", "von", "der", "de", "da", "di", "du", "del", "la", "le")

var nameParticles = wordSet("al", "el", "ad", "as", "ash", "at", "an", "ar", "az", "ul", "bin", "ibn", "abu", "ben")

// adjectiveCompound reports a capitalised compound whose last part is
// lower case: "Washington-based", "Iran-backed", "Oil-rich" describe, they
// do not name.
func adjectiveCompound(w string) bool {
	h := strings.LastIndexByte(w, '-')
	if h <= 0 || h+1 >= len(w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[h+1:])
	return unicode.IsLower(r)
}

// sentenceInitial reports whether token i opens its sentence or a quotation.
func (d *quoteDoc) sentenceInitial(i int) bool {
	s := d.tokSent[i]
	if int(d.sentTok[s]) == i {
		return true
	}
	before := strings.TrimRightFunc(d.text[:d.toks[i].Span.Start], unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(before)
	return isQuoteMark(r) || r == '(' || r == '[' || r == ':' || r == '—' || r == '–'
}

// nameStart reports whether a capitalised token can start or continue a
// name: a sentence-initial word must not be a common word capitalised by
// position.
func (d *quoteDoc) nameWord(i int) bool {
	if !d.isCap(i) {
		return false
	}
	n := d.toks[i].Norm
	if calendarWords[n] || adjectiveCompound(d.text[d.toks[i].Span.Start:d.toks[i].Span.End]) && !nameParticles[n[:max(strings.IndexByte(n, '-'), 0)]] {
		return false
	}
	if d.sentenceInitial(i) {
		if stopwordsEN.Contains(n) || titleWords[n] || d.usedLower(i) || pronouns[n] || segment.IsSentenceStarter(n) || openerWords[n] {
			return false
		}
		// "Situated at …", "Speaking to …": a participle or adverb opening
		// the sentence before a lower-case word
		if (strings.HasSuffix(n, "ed") || strings.HasSuffix(n, "ing") || strings.HasSuffix(n, "ly")) &&
			(i+1 >= len(d.toks) || !d.isCap(i+1)) {
			return false
		}
		// "Pressing Egypt …", "Discussions Obama …": a gerund or an abstract
		// plural opening the sentence before a name is not its first name
		if commonOpener(n) {
			return false
		}
	}
	return true
}

// commonOpener reports a word that is a gerund ("pressing") or an abstract
// plural ("discussions", "statements"), never a first name.
func commonOpener(n string) bool {
	if len(n) >= 7 && strings.HasSuffix(n, "ing") {
		return true
	}
	for _, suf := range []string{"ions", "ments", "nesses", "ities"} {
		if len(n) > len(suf)+2 && strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}

// gap returns the text between tokens i and i+1.
func (d *quoteDoc) gap(i int) string {
	return d.text[d.toks[i].Span.End:d.toks[i+1].Span.Start]
}

// joins reports whether tokens i and i+1 can belong to one name: only
// spaces (no line break) between them, or the period of an initial.
func (d *quoteDoc) joins(i int) bool {
	g := d.gap(i)
	if g == "" {
		return false
	}
	if strings.HasPrefix(g, ".") && (utf8.RuneCountInString(d.toks[i].Norm) == 1 || titleWords[d.toks[i].Norm]) {
		g = g[1:] // the period of an initial or of a title: "J.", "Mr.", "Gen."
	}
	for _, r := range g {
		if r != ' ' && r != '\u00a0' {
			return false
		}
	}
	return g != ""
}

func (d *quoteDoc) findNames() {
	toks := d.toks
	for i := 0; i < len(toks); {
		// a title opening the sentence starts a name when one follows:
		// "Mr. Obama said", "President Obama confirmed"
		titled := i+1 < len(toks) && toks[i].Kind == segment.TokWord && d.isCap(i) && titleWords[toks[i].Norm] && d.tokSent[i+1] == d.tokSent[i] && d.joins(i) && d.nameWord(i+1)
		if !titled && !d.nameWord(i) {
			i++
			continue
		}
		j := i + 1 // one past the run
		for j < len(toks) && d.tokSent[j] == d.tokSent[i] && d.joins(j-1) && !possessiveAfter(d.text, toks[j-1].Span.End) {
			if d.isCap(j) && !calendarWords[toks[j].Norm] {
				j++
				continue
			}
			// a connector between capitalised words: "Republic of Azerbaijan"
			if nameConnectors[toks[j].Norm] && j+1 < len(toks) && d.tokSent[j+1] == d.tokSent[i] && d.joins(j) && d.isCap(j+1) {
				j += 2
				continue
			}
			break
		}
		d.addName(i, j)
		i = j
	}
}

// possessiveAfter reports whether the text at i is a possessive ending.
func possessiveAfter(text string, i int) bool {
	s := text[i:]
	return strings.HasPrefix(s, "'s") || strings.HasPrefix(s, "’s") || strings.HasPrefix(s, "'") || strings.HasPrefix(s, "’")
}

func (d *quoteDoc) addName(i, j int) {
	n := Name{Start: i, End: j, Sentence: int(d.tokSent[i])}
	var b strings.Builder
	size := j - i - 1
	for k := i; k < j; k++ {
		size += d.toks[k].Span.End - d.toks[k].Span.Start
	}
	b.Grow(size)
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(d.text[d.toks[k].Span.Start:d.toks[k].Span.End])
		if orgWords[d.toks[k].Norm] {
			n.Org = true
		}
	}
	n.Text = b.String()
	// Strip a leading title when the whole run is one: "President" alone
	// is not a name.
	allTitles := true
	for k := i; k < j; k++ {
		if !titleWords[d.toks[k].Norm] && !nameConnectors[d.toks[k].Norm] {
			allTitles = false
		}
	}
	if allTitles {
		return
	}
	n.Person = d.personIn(i, j)
	d.names = append(d.names, n)
	if n.Person != "" {
		d.persons = append(d.persons, len(d.names)-1)
	}
}

// personIn returns the last stretch of two or more plain capitalised words
// of tokens [i, j): the person a title-laden run names.
func (d *quoteDoc) personIn(i, j int) string {
	if j-i > 2 && orgWords[d.toks[j-1].Norm] && !titleWords[d.toks[j-1].Norm] {
		return "" // "The New York Times", "Carnegie Endowment for International Peace Center"
	}
	end := -1
	for k := j - 1; k >= i; k-- {
		plain := d.plainNameWord(k) || d.innerParticle(k, i, j)
		if plain && end < 0 {
			end = k + 1
		}
		if !plain || k == i {
			start := k + 1
			if plain {
				start = k
			}
			if end >= 0 && (end-start >= 2 || end == j && start > i && titleWords[d.toks[start-1].Norm]) {
				return d.span(start, end)
			}
			end = -1
		}
	}
	return ""
}

// innerParticle reports a particle inside a person's name, between two
// plain name words of tokens [i, j): "Amr Al Azm", "Mohammed bin Salman",
// "Ursula von der Leyen".
func (d *quoteDoc) innerParticle(k, i, j int) bool {
	if k == i || k >= j-1 || !nameParticles[d.toks[k].Norm] && !surnamePrefixes[d.toks[k].Norm] || !d.plainNameWord(k-1) {
		return false
	}
	for m := k + 1; m < j; m++ {
		if d.plainNameWord(m) {
			return true
		}
		if !surnamePrefixes[d.toks[m].Norm] && !nameParticles[d.toks[m].Norm] {
			return false
		}
	}
	return false
}

// plainNameWord: capitalised, not a title, connector, organisation word,
// acronym or calendar word.
func (d *quoteDoc) plainNameWord(k int) bool {
	n := d.toks[k].Norm
	if !d.isCap(k) || titleWords[n] || nameConnectors[n] || orgWords[n] || calendarWords[n] || placeAdjective(n) || partyWords[n] {
		return false
	}
	w := d.text[d.toks[k].Span.Start:d.toks[k].Span.End]
	if strings.Contains(w, ".") && len(w) > 2 { // U.S.
		return false
	}
	if utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w { // EU, NATO
		return false
	}
	return true
}

// span returns tokens [i, j) as written, single-spaced, with the period of
// initials kept.
func (d *quoteDoc) span(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		w := d.text[d.toks[k].Span.Start:d.toks[k].Span.End]
		b.WriteString(w)
		if k+1 < j && utf8.RuneCountInString(w) == 1 && strings.HasPrefix(d.gap(k), ".") {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// placeAdjective reports nationality adjectives that precede titles
// ("Russian President", "Azerbaijani Foreign Minister"): a capitalised word
// ending in -ian, -ean, -ese, -ish, -ani, -i is too broad, so only the
// common endings of adjectives before a title count, checked by the caller
// against a following title. Here: a short closed list of frequent ones.
func placeAdjective(n string) bool {
	return nationalityWords[n] || strings.HasSuffix(n, "s") && nationalityWords[n[:len(n)-1]]
}

// resolve returns the full person name a mention refers to: itself when it
// already has two words, else the nearest person of the document whose last
// word matches (exactly, or one edit away for six letters and more). at is
// the token where the mention stands.
func (d *quoteDoc) resolve(mention string, at int) string {
	words := strings.Fields(mention)
	if len(words) == 0 {
		return ""
	}
	if len(words) >= 2 {
		return mention
	}
	w := strings.ToLower(words[0])
	best, bestDist, bestFull := "", -1, false
	sur := d.surnames()
	for _, last := range d.matchingSurnames(w) {
		idx := sur[last]
		// the persons with this surname, in token order: the nearest are
		// on either side of at
		j := sort.Search(len(idx), func(i int) bool { return d.names[idx[i]].Start >= at })
		for _, i := range []int{j - 1, j} {
			if i < 0 || i >= len(idx) {
				continue
			}
			p := d.names[idx[i]]
			dist := at - p.Start
			if dist < 0 {
				dist = -dist*2 + 1 // later mentions lose ties to earlier ones
			} else {
				dist *= 2
			}
			// a full name wins over a surname after a title ("Ms. Roe")
			full := strings.Contains(p.Person, " ")
			if bestDist < 0 || full && !bestFull || full == bestFull && (dist < bestDist || dist == bestDist && p.Person < best) {
				best, bestDist, bestFull = p.Person, dist, full
			}
		}
	}
	if best == "" {
		return mention
	}
	return best
}

// matchingSurnames returns the surnames of the document that w matches:
// itself, or one edit away when both have six letters or more. Made once
// per word and document.
func (d *quoteDoc) matchingSurnames(w string) []string {
	if keys, ok := d.surnameKeys[w]; ok {
		return keys
	}
	if d.surnameKeys == nil {
		d.surnameKeys = map[string][]string{}
	}
	var keys []string
	long := utf8.RuneCountInString(w) >= 6
	for last := range d.surnames() {
		if last == w || long && utf8.RuneCountInString(last) >= 6 && oneEdit(last, w) {
			keys = append(keys, last)
		}
	}
	d.surnameKeys[w] = keys
	return keys
}

// surnames indexes the persons by lower-cased last word, each list in
// token order. Built once per document.
func (d *quoteDoc) surnames() map[string][]int {
	if d.bySurname == nil {
		d.bySurname = map[string][]int{}
		for _, pi := range d.persons {
			ws := strings.Fields(d.names[pi].Person)
			last := strings.ToLower(ws[len(ws)-1])
			d.bySurname[last] = append(d.bySurname[last], pi)
		}
	}
	return d.bySurname
}

// namesFrom returns the index of the first name starting at or after
// token a (names are in token order).
func (d *quoteDoc) namesFrom(a int) int {
	return sort.Search(len(d.names), func(i int) bool { return d.names[i].Start >= a })
}

// personsFrom returns the index into persons of the first person starting
// at or after token a.
func (d *quoteDoc) personsFrom(a int) int {
	return sort.Search(len(d.persons), func(i int) bool { return d.names[d.persons[i]].Start >= a })
}

// oneEdit reports whether a and b are within one insertion, deletion,
// substitution or transposition of adjacent letters of each other.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	switch len(x) - len(y) {
	case 0:
		var diff []int
		for i := range x {
			if x[i] != y[i] {
				diff = append(diff, i)
				if len(diff) > 2 {
					return false
				}
			}
		}
		switch len(diff) {
		case 0, 1:
			return true
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && x[i] == y[j] && x[j] == y[i]
		}
		return false
	case 1:
		i := 0
		for i < len(y) && x[i] == y[i] {
			i++
		}
		return string(x[i+1:]) == string(y[i:])
	}
	return false
}

// Word lists of the name rules. They hold lower-case token norms.
var (
	titleWords = wordSet(
		"president", "presidents", "vice", "prime", "minister", "ministers", "secretary", "secretaries", "foreign",
		"defense", "defence", "acting", "assistant", "deputy", "chief", "spokesman", "spokeswoman",
		"spokesperson", "ambassador", "envoy", "general", "gen", "maj", "major", "col", "colonel", "lt",
		"lieutenant", "capt", "captain", "sgt", "sergeant", "admiral", "adm", "commander", "senator", "sen",
		"rep", "representative", "congressman", "congresswoman", "lawmaker", "governor", "gov", "mayor",
		"chairman", "chairwoman", "chair", "director", "head", "leader", "analyst", "journalist",
		"reporter", "correspondent", "editor", "professor", "prof", "dr", "mr", "mrs", "ms", "miss", "sir",
		"king", "queen", "prince", "princess", "crown", "sheikh", "emir", "sultan", "ayatollah", "pope",
		"cardinal", "bishop", "archbishop", "patriarch", "rabbi", "imam", "reverend", "rev", "adviser",
		"advisor", "special", "senior", "former", "supreme", "speaker", "attorney", "justice", "judge",
		"officer", "official", "officials", "ombudsman", "commissioner", "councillor", "councilor", "mp",
		"mep", "sec", "state", "researcher", "fellow", "founder", "ceo", "economist", "expert", "activist",
		"author", "writer", "columnist", "host", "anchor", "candidate", "nominee", "premier", "chancellor",
		"secretary-general", "director-general", "president-elect", "top", "national", "security",
	)
	nameConnectors = wordSet("of", "for", "de", "del", "da", "di", "du", "van", "von", "der", "al", "el", "bin", "ibn", "and", "the", "la", "le")
	orgWords       = wordSet(
		"ministry", "department", "office", "council", "committee", "commission", "union", "party",
		"center", "centre", "institute", "institution", "university", "agency", "government", "army",
		"forces", "force", "news", "times", "post", "journal", "press", "bank", "corporation", "company",
		"group", "foundation", "association", "organization", "organisation", "court", "parliament",
		"assembly", "congress", "senate", "house", "service", "network", "channel", "radio", "television",
		"tv", "daily", "magazine", "review", "nations", "states", "republic", "kingdom", "federation",
		"emirates", "church", "school", "college", "hospital", "fund", "program", "programme", "project",
		"administration", "authority", "authorities", "guard", "corps", "navy", "brigade", "front",
		"movement", "coalition", "alliance", "treaty", "club", "inc", "ltd", "llc", "co", "airlines",
		"airways", "media", "reuters", "twitter", "facebook", "cabinet", "assembly", "mission", "office",
		"board", "bureau", "police", "region", "province", "city", "street", "square", "sea", "river",
		"gulf", "mountains", "corridor", "airport", "embassy", "consulate", "palace", "kremlin", "pentagon",
		"war", "crisis", "agreement", "accord", "accords", "deal", "act", "plan", "conference", "summit",
		"caucasus", "east", "west", "north", "south", "middle", "strategic", "policy", "studies", "affairs",
		"relations", "international", "global", "world", "day", "monitor", "standard", "tribune", "herald",
		"guardian", "telegraph", "observer", "examiner", "gazette", "chronicle", "weekly", "today", "wire",
		"associated", "staff", "chiefs", "caption", "photos", "check",
	)
	// words that open sentences and are not names
	openerWords = wordSet("like", "unlike", "despite", "after", "before", "during", "since", "until", "although",
		"though", "while", "meanwhile", "instead", "still", "yet", "also", "even", "now", "then", "today",
		"yesterday", "tomorrow", "last", "next", "earlier", "later", "according", "speaking", "asked",
		"following", "amid", "among", "under", "over", "without", "within", "further", "furthermore",
		"moreover", "indeed", "perhaps", "however", "nevertheless", "nonetheless", "thus", "hence",
		"therefore", "but", "and", "or", "so", "as", "if", "when", "where", "what", "why", "how", "once")
	calendarWords = wordSet(
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
		"dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "update",
	)
	pronouns = wordSet(
		"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "this", "that",
		"these", "those", "there", "here", "who", "what", "which", "when", "where", "why", "how",
	)
	nationalityWords = wordSet(
		"american", "russian", "turkish", "iranian", "iraqi", "syrian", "israeli", "palestinian", "saudi",
		"armenian", "azerbaijani", "azeri", "georgian", "ukrainian", "french", "german", "british",
		"chinese", "european", "egyptian", "jordanian", "lebanese", "yemeni", "qatari", "emirati", "afghan",
		"pakistani", "indian", "italian", "spanish", "kurdish", "arab", "soviet", "u.s.", "us", "uk", "eu",
		"un", "nato",
	)
)

// stopwordsEN is the embedded English stop list, used to tell a word
// capitalised by its place in the sentence from a name.
var stopwordsEN = func() *lexicons.StopWords {
	s, err := lexicons.LoadStopWords("en")
	if err != nil {
		panic("embedded stop list: " + err.Error()) // the embedded file is tested
	}
	return s
}()

// wordSet makes a set of the words given.
func wordSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}
