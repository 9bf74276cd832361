// Attribution (SPEC §7): direct quotes with their speakers, indirect speech,
// and scare quotes.
//
// FindQuotes works on one cleaned document and its sentences. The rules, in
// the order they apply (docs/framing.md has them with examples):
//
// Quotation marks. “…” and „…“ / „…”, «…», and straight "…" pair up within
// a paragraph (a line). A straight mark opens after a space, a line start or
// an opening bracket and closes otherwise; a curly or straight closing mark
// closes whatever double quote is open. Single quotes ‘…’ and '…' count only
// when the opening mark follows a space or line start and precedes a letter
// or digit, the closing mark follows a non-space and precedes no letter or
// digit, and they close within 40 words in the same paragraph: otherwise they
// are apostrophes. A double quote still open at the end of its paragraph ends
// there (a quotation running over paragraphs); one still open when another
// opens in the same paragraph is unclosed markup: when an attribution
// ("Name, director of X, told Y") stands inside it, the quote ends before that
// name and the name is its speaker; otherwise it ends at the end of its first
// sentence.
//
// Speakers. For each quote, in order:
//   - after: within seven words after the closing mark, in the same sentence,
//     a reporting verb with its subject ("…,” Trenin wrote) or its subject
//     after it ("…,” said Ahmad Alili, director of …);
//   - before: the first reporting verb of the quote's clause before the
//     opening mark, and its subject ("Putin said …, “creating …”"; "Charles
//     Michel, President of the European Council, said … that the “…”"), or
//     "according to X";
//   - previous sentence: a quote opening its sentence right after a sentence
//     of the same paragraph that reports speech without quoting it;
//   - continuation: an unattributed quote of more than five words after an
//     attributed quote of the same or the previous paragraph.
// A subject is read backwards from the verb to the clause start and split at
// commas; the last comma part naming a person wins, skipping appositions
// ("political analyst at the Carnegie Center"). A person mentioned by surname
// or pronoun resolves to the nearest full name (names.go); "he" and "she" to
// the previous speaker of the document, else to the person named last.
//
// Kinds. A quote of one to five words with no speaker, or right after
// "so-called", is a scare quote: the writer's distance from the words (a
// “local anti-terrorist” operation). Every other quote is direct, with or
// without a known speaker. A sentence without quotation marks whose
// reporting verb has a subject, or that says "according to X", is indirect
// speech.

package analysis

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/segment"
)

// QuoteKind says what a quotation is.
type QuoteKind uint8

const (
	QuoteDirect   QuoteKind = iota + 1 // words in quotation marks given as someone's speech
	QuoteIndirect                      // speech reported without quotation marks
	QuoteScare                         // one to five words in quotation marks given as no one's speech
)

// String names the kind as in the CSV column: direct, indirect, scare.
func (k QuoteKind) String() string {
	switch k {
	case QuoteDirect:
		return "direct"
	case QuoteIndirect:
		return "indirect"
	case QuoteScare:
		return "scare"
	}
	return "unknown"
}

// Quote is a quotation or a report of speech in one document.
type Quote struct {
	Kind     QuoteKind
	Text     string       // the quoted words (direct, scare) or the reporting sentence (indirect), single-spaced
	Span     segment.Span // bytes of Text in the cleaned document (inside the marks)
	Sentence int          // 0-based index of the sentence where it starts
	Words    int          // word tokens in the quoted words
	Speaker  string       // the resolved speaker: a full name, a name, or a short noun phrase; empty when unknown
	Mention  string       // the speaker as the attribution writes it ("Blinken", "he")
	Source   string       // the attribution's noun phrase with its apposition, as written ("Ahmad Alili, director of …")
	Verb     string       // the reporting verb or phrase, lower case ("said", "according to")
	Cue      string       // how the speaker was found: after, before, according-to, previous-sentence, continuation, unclosed; empty when not
	Unclosed bool         // the closing mark is missing
}

// rawQuote is a pair of quotation marks.
type rawQuote struct {
	open, close     int // byte offsets: the opening mark and the closing mark (close = end of content when unclosed)
	inStart, inEnd  int // the content
	unclosed, split bool
}

// isQuoteMark reports quotation marks of any style.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '’', '\'', '‹', '›':
		return true
	}
	return false
}

// FindQuotes returns the quotations of a cleaned text with sentences
// (from Sentences), ordered by position: direct and scare quotes, and
// indirect speech.
func FindQuotes(text string, sents []segment.Span) []Quote {
	p := &segment.Processed{Text: text, Sentences: sents}
	d := newQuoteDoc(text, sents, p.SentenceTokens)
	defer d.release()
	return d.quotes()
}

func (d *quoteDoc) quotes() []Quote {
	raws := scanQuoteMarks(d.text, d.sents)
	inQuote := d.inQuoteBuf() // quote index + 1, 0 outside
	var qs []Quote
	for qi := range raws {
		r := &raws[qi]
		a, b := d.tokenRange(r.inStart, r.inEnd)
		words := 0
		for k := a; k < b; k++ {
			if d.toks[k].Kind == segment.TokWord || d.toks[k].Kind == segment.TokNumber {
				words++
			}
		}
		if words == 0 {
			continue
		}
		for k := a; k < b; k++ {
			inQuote[k] = int32(len(qs) + 1)
		}
		qs = append(qs, Quote{Span: segment.Span{Start: r.inStart, End: r.inEnd}, Words: words, Unclosed: r.unclosed,
			Sentence: d.sentenceAt(r.inStart)})
	}
	at := &attributor{d: d, inQuote: inQuote, raws: raws}
	// Unclosed quotes may hold their own attribution; cut them first.
	for i := range qs {
		if qs[i].Unclosed {
			at.splitUnclosed(&qs[i], i)
		}
	}
	lastSpeaker, lastSpeakerTok := "", -1
	for i := range qs {
		q := &qs[i]
		a, b := d.tokenRange(q.Span.Start, q.Span.End)
		q.Text = segment.OneLine(d.text[q.Span.Start:q.Span.End])
		if q.Cue == "" {
			at.attribute(q, i, a, b)
		}
		if q.Mention != "" && q.Speaker == "" {
			q.Speaker = at.resolvePronoun(q.Mention, a, lastSpeaker, lastSpeakerTok)
		}
		if q.Cue == "" && q.Words > 5 && i > 0 {
			p := &qs[i-1]
			pa, _ := d.tokenRange(p.Span.Start, p.Span.End)
			if p.Speaker != "" && d.paragraphsApart(p.Span.End, q.Span.Start) <= 1 && !d.personBetween(d.nextSentenceTok(pa), a, p.Speaker) {
				q.Speaker, q.Mention, q.Source, q.Verb, q.Cue = p.Speaker, p.Mention, p.Source, p.Verb, "continuation"
			}
		}
		switch {
		case q.Words <= 5 && (q.Cue == "" || d.soCalledBefore(a)):
			q.Kind = QuoteScare
			q.Speaker, q.Mention, q.Source, q.Verb, q.Cue = "", "", "", "", ""
		default:
			q.Kind = QuoteDirect
		}
		if q.Speaker != "" && q.Kind == QuoteDirect {
			lastSpeaker, lastSpeakerTok = q.Speaker, a
		}
	}
	qs = append(qs, at.indirect()...)
	sortQuotes(qs)
	return qs
}

func sortQuotes(qs []Quote) {
	slices.SortStableFunc(qs, func(a, b Quote) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
}

// tokenRange returns the tokens inside bytes [start, end).
func (d *quoteDoc) tokenRange(start, end int) (int, int) {
	a := searchTok(d.toks, start)
	b := a
	for b < len(d.toks) && d.toks[b].Span.End <= end {
		b++
	}
	return a, b
}

// searchTok returns the first token starting at or after byte i.
func searchTok(toks []segment.Token, i int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].Span.Start < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// sentenceAt returns the sentence holding byte i (the next one when i is
// between sentences).
func (d *quoteDoc) sentenceAt(i int) int {
	lo, hi := 0, len(d.sents)
	for lo < hi {
		m := (lo + hi) / 2
		if d.sents[m].End <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return min(lo, max(len(d.sents)-1, 0))
}

// paragraphsApart counts the line breaks between bytes i and j.
func (d *quoteDoc) paragraphsApart(i, j int) int {
	if j < i {
		i, j = j, i
	}
	n := 0
	inBreak := false
	for _, r := range d.text[i:j] {
		switch {
		case r == '\n':
			if !inBreak {
				n++
			}
			inBreak = true
		case !unicode.IsSpace(r):
			inBreak = false
		}
	}
	return n
}

// nextSentenceTok returns the first token of the sentence after token k's.
func (d *quoteDoc) nextSentenceTok(k int) int {
	if k >= len(d.toks) {
		return len(d.toks)
	}
	return int(d.sentTok[d.tokSent[k]+1])
}

// personBetween reports whether a person other than speaker is named
// between tokens a and b.
func (d *quoteDoc) personBetween(a, b int, speaker string) bool {
	for i := d.personsFrom(a); i < len(d.persons); i++ {
		n := d.names[d.persons[i]]
		if n.Start >= b {
			break
		}
		if n.End <= b && n.Person != speaker {
			return true
		}
	}
	return false
}

// soCalledBefore reports "so-called" (or "so called") right before token a.
func (d *quoteDoc) soCalledBefore(a int) bool {
	if a == 0 {
		return false
	}
	n := d.toks[a-1].Norm
	if n == "so-called" {
		return true
	}
	return n == "called" && a >= 2 && d.toks[a-2].Norm == "so"
}

// scanQuoteMarks pairs quotation marks; see the package comment above.
func scanQuoteMarks(text string, sents []segment.Span) []rawQuote {
	var out []rawQuote
	open := -1   // byte offset of the open double mark, -1 when none
	openLen := 0 // its length
	single, singleLen := -1, 0
	singleWords := 0
	endOfFirstSentence := func(from int) int {
		i := sort.Search(len(sents), func(i int) bool { return sents[i].End > from })
		if i < len(sents) && sents[i].Start <= from {
			return sents[i].End
		}
		return -1
	}
	closeUnclosed := func(at int) {
		end := at
		if e := endOfFirstSentence(open + openLen); e > 0 && e < end {
			end = e
		}
		out = append(out, rawQuote{open: open, close: end, inStart: open + openLen, inEnd: end, unclosed: true})
		open = -1
	}
	for i := 0; i < len(text); {
		// fast path: ASCII bytes that are no quotation mark, line break or
		// (inside a single quote) space
		if c := text[i]; c < utf8.RuneSelf && c != '"' && c != '\'' && c != '\n' && (single < 0 || c != ' ' && c != '\t') {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		if i == 0 {
			prev = '\n'
		}
		if i+size >= len(text) {
			next = '\n'
		}
		switch {
		case r == '\n':
			if open >= 0 {
				// a quotation running over paragraphs ends with its paragraph
				out = append(out, rawQuote{open: open, close: i, inStart: open + openLen, inEnd: i, unclosed: true})
				open = -1
			}
			single = -1
		case r == '“' || r == '„' || r == '«' || (r == '"' && open < 0 && opensQuote(prev, next)):
			if open >= 0 {
				closeUnclosed(i)
			}
			open, openLen = i, size
			single = -1
		case open >= 0 && (r == '”' || r == '»' || r == '"' || (r == '“' && text[open:open+openLen] == "„")):
			out = append(out, rawQuote{open: open, close: i, inStart: open + openLen, inEnd: i})
			open = -1
		case open < 0 && single < 0 && (r == '‘' || r == '\'') && (segment.IsSpace(prev) || prev == '\n' || prev == '(' || prev == '[') && (unicode.IsLetter(next) || unicode.IsDigit(next)):
			single, singleLen, singleWords = i, size, 0
		case open < 0 && single >= 0 && (r == '’' || r == '\'') && !segment.IsSpace(prev) && !unicode.IsLetter(next) && !unicode.IsDigit(next):
			out = append(out, rawQuote{open: single, close: i, inStart: single + singleLen, inEnd: i})
			single = -1
		case single >= 0 && segment.IsSpace(r):
			singleWords++
			if singleWords > 40 {
				single = -1
			}
		}
		i += size
	}
	if open >= 0 {
		out = append(out, rawQuote{open: open, close: len(text), inStart: open + openLen, inEnd: len(text), unclosed: true})
	}
	// trim white space inside the marks
	for k := range out {
		q := &out[k]
		for q.inStart < q.inEnd {
			r, size := utf8.DecodeRuneInString(text[q.inStart:])
			if !unicode.IsSpace(r) {
				break
			}
			q.inStart += size
		}
		for q.inEnd > q.inStart {
			r, size := utf8.DecodeLastRuneInString(text[:q.inEnd])
			if !unicode.IsSpace(r) {
				break
			}
			q.inEnd -= size
		}
	}
	// single quotes were appended when they closed, possibly out of order
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].open < out[j-1].open; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// opensQuote decides whether a straight double quote opens: after white
// space, a line start or an opening bracket, before a non-space.
func opensQuote(prev, next rune) bool {
	if segment.IsSpace(next) || next == '\n' {
		return false
	}
	return segment.IsSpace(prev) || prev == '\n' || prev == '(' || prev == '[' || prev == '—' || prev == '–' || prev == '-' || prev == '/'
}

// ---------------------------------------------------------------------------
// Attribution

type attributor struct {
	d       *quoteDoc
	inQuote []int32
	raws    []rawQuote
}

// speech verbs: forms that report speech or stated opinion. Ambiguous
// forms that are also nouns count only before "that".
var (
	speechVerbs = wordSet(
		"said", "says", "say", "saying", "told", "tells", "tell", "stated", "added", "adds", "noted",
		"wrote", "writes", "tweeted", "posted", "explained", "explains", "argued", "argues", "claimed",
		"alleged", "alleges", "insisted", "insists", "warned", "warns", "stressed", "stresses",
		"emphasised", "emphasized", "emphasises", "emphasizes", "announced", "announces", "declared",
		"declares", "asserted", "asserts", "acknowledged", "acknowledges", "admitted", "admits",
		"confirmed", "confirms", "denied", "denies", "urged", "urges", "called", "asked", "replied",
		"responded", "concluded", "concludes", "continued", "believes", "believed", "thinks", "thought",
		"suggested", "suggests", "accused", "accuses", "threatened", "threatens", "vowed", "vows",
		"promised", "demanded", "conceded", "concedes", "observed", "remarked", "recalled", "boasted",
		"complained", "complains", "predicted", "predicts", "maintained", "maintains", "contended",
		"contends", "countered", "counters", "charged", "described", "describes", "condemned", "condemns",
		"reiterated", "reiterates", "told", "testified", "revealed", "reveals", "pointed", "made",
		"wrote", "cautioned", "cautions", "estimated", "estimates", "reported", "defined", "labelled",
		"labeled", "dubbed", "termed",
	)
	// words between a subject and its reporting verb ("Pashinyan has said",
	// "the leadership … even said")
	auxiliaries = wordSet("has", "have", "had", "also", "reportedly", "previously", "later", "then", "again",
		"earlier", "repeatedly", "recently", "would", "will", "was", "is", "were", "are", "did", "does", "once",
		"publicly", "openly", "further", "already", "even", "allegedly", "however", "since", "often", "never",
		"only", "just", "still", "first", "last", "been", "being", "not", "immediately")
	nounlikeVerbs = wordSet("claims", "notes", "states", "reports", "calls", "demands", "promises", "charges", "counters")
	// verbs that report speech only with a particle: "pointed out", "made clear"
	verbParticles = map[string]string{"pointed": "out", "made": "clear", "called": ""}
	// nouns that can speak, for a subject without a name ("sources said")
	speakerNouns = wordSet("source", "sources", "statement", "spokesman", "spokeswoman", "spokesperson",
		"officials", "official", "ministry", "government", "authorities", "leadership", "media", "report",
		"reports", "experts", "analysts", "witnesses", "residents", "observers", "critics", "diplomats",
		"lawmakers", "activists", "police", "military", "army", "side", "officer", "officers", "aide", "aides",
		"prosecutors", "investigators", "spokespeople", "administration", "embassy", "office", "agency")
	// verbs that make a sentence reported speech
	indirectVerbs = wordSet("said", "says", "told", "tells", "stated", "added", "adds", "noted", "wrote", "writes",
		"tweeted", "argued", "argues", "claimed", "claims", "alleged", "alleges", "insisted", "insists", "warned",
		"warns", "stressed", "stresses", "announced", "announces", "declared", "declares", "asserted", "asserts",
		"acknowledged", "acknowledges", "admitted", "admits", "confirmed", "confirms", "denied", "denies",
		"explained", "explains", "believes", "thinks", "suggested", "suggests", "according to", "reported",
		"concluded", "concludes", "maintained", "maintains", "predicted", "predicts", "emphasized", "emphasised",
		"reiterated", "testified", "accused", "accuses", "urged", "urges", "made clear", "pointed out")
)

// verbAt returns the reporting verb starting at token k (and its length
// in tokens), or "".
func (at *attributor) verbAt(k int) (string, int) {
	d := at.d
	t := d.toks[k]
	if t.Kind != segment.TokWord || at.inQuote[k] != 0 {
		return "", 0
	}
	n := t.Norm
	if n == "according" && k+1 < len(d.toks) && d.toks[k+1].Norm == "to" && d.joins(k) {
		return "according to", 2
	}
	if nounlikeVerbs[n] {
		if k+1 < len(d.toks) && d.toks[k+1].Norm == "that" {
			return n, 1
		}
		return "", 0
	}
	if !speechVerbs[n] {
		return "", 0
	}
	if p, ok := verbParticles[n]; ok && p != "" {
		if k+1 < len(d.toks) && d.toks[k+1].Norm == p {
			return n + " " + p, 2
		}
		return "", 0
	}
	// a verb capitalised inside a name ("Said") is not one
	if d.isCap(k) && !d.sentenceInitial(k) {
		return "", 0
	}
	return n, 1
}

// clauseStart returns the first token of the clause holding token k: after
// the last semicolon, colon-free clause boundary (", while", ", but") or
// the previous quotation, within the sentence.
func (at *attributor) clauseStart(k int) int {
	d := at.d
	s := int(d.sentTok[d.tokSent[min(k, len(d.toks)-1)]])
	s = max(s, k-60) // a clause longer than 60 words is read from its last 60
	for j := min(k, len(d.toks)-1); j > s; j-- {
		g := d.gap(j - 1)
		if strings.ContainsRune(g, ';') || strings.Contains(g, " - ") || strings.ContainsAny(g, "—–") {
			return j
		}
		switch d.toks[j].Norm {
		case "while", "whereas", "but", "although", "though":
			if strings.ContainsRune(g, ',') && (j+1 >= len(d.toks) || !strings.ContainsRune(d.gap(j), ',')) {
				return j
			}
		}
	}
	return s
}

// attribute finds the speaker of quote q (tokens [a, b)).
func (at *attributor) attribute(q *Quote, qi, a, b int) {
	d := at.d
	if len(d.toks) == 0 || a >= len(d.toks) {
		return
	}
	sent := int(d.tokSent[a])
	// after the closing mark, in the same sentence
	if b < len(d.toks) && int(d.tokSent[b]) == int(d.tokSent[max(b-1, 0)]) && at.inQuote[b] == 0 {
		end := b
		for end < len(d.toks) && end < b+12 && d.tokSent[end] == d.tokSent[b] && at.inQuote[end] == 0 && !strings.ContainsAny(d.gap(end-1), ";") {
			end++
		}
		for k := b; k < end && k < b+7; k++ {
			v, vl := at.verbAt(k)
			if v == "" || v == "according to" && k > b {
				continue
			}
			if k == b || v == "according to" { // "…,” said Ahmad Alili, director of …"
				if at.setSpeaker(q, k+vl, at.phraseEnd(k+vl), v, "after", true) {
					return
				}
				break
			}
			if at.setSpeaker(q, b, k, v, "after", false) {
				return
			}
			break
		}
	}
	// before the opening mark, in the quote's clause
	cs := at.clauseStart(a)
	for k := cs; k < a; k++ {
		v, vl := at.verbAt(k)
		if v == "" {
			continue
		}
		if v == "according to" {
			if at.setSpeaker(q, k+2, min(at.phraseEnd(k+2), a), v, "according-to", true) {
				return
			}
			continue
		}
		if k > cs && at.setSpeaker(q, cs, k, v, "before", false) {
			return
		}
		if k == cs && at.setSpeaker(q, k+vl, min(at.phraseEnd(k+vl), a), v, "before", true) {
			return
		}
		break
	}
	// a quote opening its sentence after a reporting sentence
	if sent > 0 && int(d.sentTok[sent]) == a && d.paragraphsApart(d.sents[sent-1].End, d.sents[sent].Start) == 0 {
		ps, pe := int(d.sentTok[sent-1]), int(d.sentTok[sent])
		quoted := false
		for k := ps; k < pe; k++ {
			if at.inQuote[k] != 0 {
				quoted = true
			}
		}
		if !quoted {
			for k := ps; k < pe; k++ {
				if v, _ := at.verbAt(k); v != "" && v != "according to" && k > ps {
					if at.setSpeaker(q, ps, k, v, "previous-sentence", false) {
						return
					}
					break
				}
			}
		}
	}
}

// phraseEnd returns the end of the noun phrase starting at token k: the
// next quotation, semicolon or sentence end, at most 25 tokens on.
func (at *attributor) phraseEnd(k int) int {
	d := at.d
	if k >= len(d.toks) {
		return k
	}
	s := d.tokSent[k]
	e := k
	for e < len(d.toks) && e < k+25 && d.tokSent[e] == s && at.inQuote[e] == 0 {
		if e > k && strings.ContainsAny(d.gap(e-1), ";:") {
			break
		}
		e++
	}
	return e
}

// setSpeaker reads the speaker from the noun phrase of tokens [a, b) and
// records it with verb and cue. after says the phrase follows its verb
// ("said X, director of Y"), so its first comma part is the speaker.
func (at *attributor) setSpeaker(q *Quote, a, b int, verb, cue string, after bool) bool {
	d := at.d
	if a >= b {
		return false
	}
	if b-a > 25 {
		a = b - 25
	}
	if !after {
		for b > a && auxiliaries[d.toks[b-1].Norm] {
			b--
		}
		if a >= b {
			return false
		}
	}
	// comma parts of the phrase
	type part struct{ a, b int }
	var parts []part
	start := a
	for k := a + 1; k < b; k++ {
		if strings.ContainsAny(d.gap(k-1), ",(:") {
			parts = append(parts, part{start, k})
			start = k
		}
	}
	parts = append(parts, part{start, b})
	mention, speaker := "", ""
	pick := func(p part) bool {
		// a pronoun subject
		if p.b-p.a <= 2 {
			if n := d.toks[p.b-1].Norm; n == "he" || n == "she" {
				mention = n
				return true
			}
		}
		for i := d.namesFrom(p.a); i < len(d.names) && d.names[i].Start < p.b; i++ {
			n := d.names[i]
			if n.End <= p.b && !partyTag(n.Text) && !(n.Person == "" && placeAdjective(strings.ToLower(n.Text))) {
				if n.Person != "" {
					mention, speaker = n.Person, d.resolve(n.Person, n.Start)
					return true
				}
				if !n.Org && !strings.Contains(n.Text, " ") && at.headOf(n.Start, p.a) && !(n.End < p.b && possessiveAfter(d.text, d.toks[n.End-1].Span.End)) {
					mention, speaker = n.Text, d.resolve(n.Text, n.Start)
					return true
				}
			}
		}
		return false
	}
	if after {
		pick(parts[0])
	} else {
		for i := len(parts) - 1; i >= 0; i-- {
			if pick(parts[i]) {
				break
			}
			if !at.apposition(parts[i]) && i < len(parts)-1 {
				break
			}
		}
	}
	if mention == "" {
		// no person: a short noun phrase, or a single name
		p := parts[len(parts)-1]
		if after {
			p = parts[0]
		}
		np := at.nounPhrase(p.a, p.b)
		if np == "" {
			return false
		}
		mention, speaker = np, np
	}
	q.Mention, q.Speaker, q.Verb, q.Cue = mention, speaker, verb, cue
	q.Source = segment.OneLine(strings.Trim(d.text[d.toks[a].Span.Start:d.toks[b-1].Span.End], " ,"))
	return true
}

// headOf reports whether the name at token k heads the phrase starting at
// token a: only articles stand before it, or it follows "by" ("a statement
// by Blinken").
func (at *attributor) headOf(k, a int) bool {
	d := at.d
	if k > 1 && d.toks[k-1].Norm == "by" && speakerNouns[d.toks[k-2].Norm] {
		return true
	}
	for j := a; j < k; j++ {
		if n := d.toks[j].Norm; n != "the" && n != "a" && n != "an" {
			return false
		}
	}
	return true
}

// apposition reports whether a comma part describes rather than names:
// it opens with a lower-case word, an article or a title ("political
// analyst at …", "the president of …", "President of the European Council").
func (at *attributor) apposition(p struct{ a, b int }) bool {
	d := at.d
	if p.a >= p.b {
		return true
	}
	n := d.toks[p.a].Norm
	w := d.text[d.toks[p.a].Span.Start:d.toks[p.a].Span.End]
	if partyTag(w) {
		return true
	}
	return !d.isCap(p.a) || titleWords[n] || n == "the" || n == "a" || n == "an" || placeAdjective(n)
}

// partyTag reports a US party-and-state tag: "D-Mass", "R-S.C.", "I-Vt".
func partyTag(w string) bool {
	return len(w) >= 3 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z'
}

// nounPhrase returns tokens [a, b) as a speaker when they make a short
// noun phrase (at most six words, no verb-like clause): "a United States
// official" → "United States official"; "Azerbaijan’s defense ministry".
func (at *attributor) nounPhrase(a, b int) string {
	d := at.d
	for a < b && (d.toks[a].Norm == "the" || d.toks[a].Norm == "a" || d.toks[a].Norm == "an" ||
		!d.isCap(a) && (stopwordsEN.Contains(d.toks[a].Norm) || auxiliaries[d.toks[a].Norm] || openerWords[d.toks[a].Norm]) && a+1 < b) {
		a++
	}
	if a >= b || b-a > 6 {
		return ""
	}
	for k := a; k < b; k++ {
		n := d.toks[k].Norm
		if pronouns[n] || d.toks[k].Kind != segment.TokWord || speechVerbs[n] {
			if n == "they" && b-a == 1 {
				return "" // unresolved plural pronoun
			}
			return ""
		}
	}
	named := false
	for k := a; k < b; k++ {
		if d.nameWord(k) || titleWords[d.toks[k].Norm] || orgWords[d.toks[k].Norm] || speakerNouns[d.toks[k].Norm] {
			named = true
		}
	}
	if !named {
		return ""
	}
	s := d.text[d.toks[a].Span.Start:d.toks[b-1].Span.End]
	if possessiveAfter(d.text, d.toks[b-1].Span.End) {
		return ""
	}
	if strings.ContainsAny(s, ",;:()[]") {
		return ""
	}
	return segment.OneLine(s)
}

// resolvePronoun resolves "he" or "she" at token a: the previous direct
// speaker of the document, else the person named last before a.
func (at *attributor) resolvePronoun(p string, a int, lastSpeaker string, lastTok int) string {
	if p != "he" && p != "she" {
		return ""
	}
	d := at.d
	lastPerson, lastPersonTok := "", -1
	if i := d.personsFrom(a) - 1; i >= 0 {
		n := d.names[d.persons[i]]
		lastPerson, lastPersonTok = n.Person, n.Start
	}
	if lastSpeaker != "" && lastTok >= lastPersonTok-50 {
		return lastSpeaker
	}
	return lastPerson
}

// splitUnclosed looks inside an unclosed quote for its own attribution
// ("…affected Benyamin Poghosyan, director of …, told Osservatorio") and,
// when found, ends the quote before the name.
func (at *attributor) splitUnclosed(q *Quote, qi int) {
	d := at.d
	a, b := d.tokenRange(q.Span.Start, q.Span.End)
	for k := a + 3; k < b; k++ {
		v := d.toks[k].Norm
		if !speechVerbs[v] || d.isCap(k) {
			continue
		}
		// the nearest person before the verb, after the quote's start
		var who *Name
		for i := d.namesFrom(max(a+2, k-40)); i < len(d.names) && d.names[i].Start < k; i++ {
			n := &d.names[i]
			if n.Person != "" && n.End <= k && k-n.End <= 20 {
				who = n
			}
		}
		if who == nil {
			continue
		}
		// the quote ends before the name
		end := d.toks[who.Start].Span.Start
		for end > q.Span.Start {
			r, size := utf8.DecodeLastRuneInString(d.text[:end])
			if !unicode.IsSpace(r) && r != ',' {
				break
			}
			end -= size
		}
		for j := who.Start; j < b; j++ {
			at.inQuote[j] = 0
		}
		aa, bb := d.tokenRange(q.Span.Start, end)
		words := 0
		for j := aa; j < bb; j++ {
			if d.toks[j].Kind == segment.TokWord || d.toks[j].Kind == segment.TokNumber {
				words++
			}
		}
		q.Span.End, q.Words = end, words
		if at.setSpeaker(q, who.Start, min(at.phraseEnd(who.Start), k), v, "unclosed", true) {
			q.Speaker = d.resolve(who.Person, who.Start)
		}
		return
	}
}

// indirect finds reported speech in sentences without quotation marks.
func (at *attributor) indirect() []Quote {
	d := at.d
	var out []Quote
	for s := range d.sents {
		a, b := int(d.sentTok[s]), int(d.sentTok[s+1])
		quoted := false
		for k := a; k < b; k++ {
			if at.inQuote[k] != 0 {
				quoted = true
				break
			}
		}
		if quoted || b-a < 4 {
			continue
		}
		for k := a; k < b; k++ {
			v, vl := at.verbAt(k)
			if v == "" || !indirectVerbs[v] {
				continue
			}
			q := Quote{Kind: QuoteIndirect, Span: d.sents[s], Sentence: s, Words: countWords(d.toks[a:b])}
			ok := false
			if v == "according to" {
				ok = at.setSpeaker(&q, k+vl, at.phraseEnd(k+vl), v, "according-to", true)
			} else if cs := at.clauseStart(k); k > cs && k+vl < b {
				ok = at.setSpeaker(&q, cs, k, v, "before", false)
			} else if k == cs && k+vl < b {
				ok = at.setSpeaker(&q, k+vl, at.phraseEnd(k+vl), v, "after", true)
			}
			if !ok {
				continue
			}
			if q.Speaker == "" {
				q.Speaker = at.resolvePronoun(q.Mention, k, "", -1)
			}
			q.Text = segment.OneLine(d.text[q.Span.Start:q.Span.End])
			out = append(out, q)
			break
		}
	}
	return out
}

func countWords(toks []segment.Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind == segment.TokWord || t.Kind == segment.TokNumber {
			n++
		}
	}
	return n
}
