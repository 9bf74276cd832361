// Who "he", "she" and "the Michigan Republican" are (docs/quotes.md).
//
// A pronoun or a definite role standing for a person resolves to the last
// subject of speech before it: the latest, before the attribution, of
//   - a speaker already found: of a quote, or of reported speech;
//   - the subject of a sentence: the first person named in it, outside
//     quotation marks, within its first twelve tokens, not after a
//     preposition and not in the possessive ("Trump's tweet"), or of a
//     later clause opening with ", but" or ", while".
// A person merely mentioned ("Trump met Putin", "the host, Jane Roe") is
// no subject of speech. A role resolves only to a person named with that
// title somewhere in the text ("the president" → "President Barack
// Obama"); a party label ("the South Carolina Republican") to the last
// subject of speech itself.

package framing

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Reasons say how a quote's speaker was identified (the reason column).
const (
	ReasonName         = "name"         // the attribution names the speaker: a full name, an organisation
	ReasonSurname      = "surname"      // a surname, resolved to the full name the text gives
	ReasonPronoun      = "pronoun"      // he or she: the last subject of speech
	ReasonRole         = "role"         // a noun phrase that names no one: "officials", "the ministry"
	ReasonRoleName     = "role-name"    // a definite role ("the president") resolved to the person named with it
	ReasonContinuation = "continuation" // the speaker of the quotation or reported speech just before
)

// speechEvent is a person who speaks or is the subject of a sentence at
// token pos.
type speechEvent struct {
	pos    int
	person string
	spoke  bool // a speaker, not only a subject
}

// subjectBlockers are the words after which a name is no subject.
var subjectBlockers = wordSet("by", "to", "with", "from", "of", "for", "about", "on", "at", "than", "against",
	"toward", "towards", "into", "between", "among", "via", "like", "under", "over", "after", "before", "during",
	"including", "told", "tells", "tell", "asked", "met", "called", "and", "or", "host", "in", "as", "ask", "thanked", "urged")

// buildEvents collects the subjects of sentences, then resolves the
// speakers of reported speech (ind) in order and adds them.
func (at *attributor) buildEvents(ind []Quote) {
	d := at.d
	at.events = at.events[:0]
	for s := range d.sents {
		a, b := int(d.sentTok[s]), int(d.sentTok[s+1])
		at.clauseSubject(a, min(b, a+12))
		// the subject of a later clause: "…, but Sen. Lindsey Graham
		// dismissed that argument"
		for k := a + 12; k < b-1; k++ {
			if (d.toks[k].Norm == "but" || d.toks[k].Norm == "while") && strings.ContainsRune(d.gap(k-1), ',') && at.inQuote[k] == 0 {
				at.clauseSubject(k+1, min(b, k+7))
			}
		}
	}
	for i := range ind {
		q := &ind[i]
		a, b := d.tokenRange(q.Span.Start, q.Span.End)
		at.resolveSpeaker(q, a)
		at.addEvent(max(b-1, a), q.Speaker, true) // after the sentence's subject
	}
}

// clauseSubject records the first person named in tokens [a, b) that is
// the subject of the clause starting at a.
func (at *attributor) clauseSubject(a, b int) {
	d := at.d
	for i := d.namesFrom(a); i < len(d.names) && d.names[i].Start < b; i++ {
		n := d.names[i]
		if p := at.subjectAt(n, a); p != "" {
			at.events = append(at.events, speechEvent{pos: n.Start, person: p})
			return
		}
	}
}

// subjectAt returns the person name n stands for when it is the subject
// of the sentence starting at token a, or "": outside quotation marks, not
// after a preposition or a possessive, not in the possessive itself, and
// with only titles, capitalised words and a few modifiers before it in its
// clause (an opening phrase of up to eight tokens ends at a comma: "On
// Tuesday, Trump said").
func (at *attributor) subjectAt(n Name, a int) string {
	d := at.d
	if at.inQuote[n.Start] != 0 || possessiveAfter(d.text, d.toks[n.End-1].Span.End) {
		return ""
	}
	if n.Start > a && (subjectBlockers[d.toks[n.Start-1].Norm] || possessiveAfter(d.text, d.toks[n.Start-1].Span.End)) {
		return ""
	}
	from := a
	for j := a + 1; j <= n.Start; j++ {
		if j-a <= 8 && strings.ContainsRune(d.gap(j-1), ',') {
			from = j
		}
	}
	if !at.leadsPart(n.Start, from) {
		return ""
	}
	p := n.Person
	if p == "" && !n.Org && !strings.Contains(n.Text, " ") {
		// only a surname of the document (no near spellings: most single
		// names opening a sentence are places)
		if _, ok := d.surnames()[strings.ToLower(n.Text)]; ok {
			p = d.resolve(n.Text, n.Start)
		}
	}
	if !at.isPerson(p) {
		return ""
	}
	return p
}

// addEvent records a speaker at token pos.
func (at *attributor) addEvent(pos int, speaker string, spoke bool) {
	if speaker == "" || !at.isPerson(speaker) {
		return
	}
	i := sort.Search(len(at.events), func(i int) bool { return at.events[i].pos > pos })
	at.events = slices.Insert(at.events, i, speechEvent{pos, speaker, spoke})
}

// resolveSpeaker gives a pronoun or a definite role its person.
func (at *attributor) resolveSpeaker(q *Quote, a int) {
	if q.Cue == "" {
		return
	}
	if q.Mention == "he" || q.Mention == "she" {
		q.Speaker, q.Reason = at.resolvePronoun(q.Mention, a), ReasonPronoun
		return
	}
	if q.Reason == ReasonRole {
		if p := at.resolveRole(q.Source, q.Mention, a); p != "" {
			q.Speaker, q.Reason = p, ReasonRoleName
		}
	}
}

// continueQuote gives q the speaker of the quote p before it: a quote of
// more than five words within a paragraph of p with no other person named
// after p's sentence, or any quote opening the sentence right after p's
// in the same paragraph ("…," Obama said. "We should seize it.").
func (at *attributor) continueQuote(q, p *Quote, a int) {
	d := at.d
	if p.Speaker == "" || p.Kind == QuoteScare {
		return
	}
	pa, pb := d.tokenRange(p.Span.Start, p.Span.End)
	apart := d.paragraphsApart(p.Span.End, q.Span.Start)
	long := q.Words > 5 && apart <= 1 && !d.personBetween(d.nextSentenceTok(pa), a, p.Speaker)
	short := apart == 0 && a < len(d.toks) && int(d.sentTok[d.tokSent[a]]) == a && pb > 0 &&
		int(d.tokSent[a]) == int(d.tokSent[pb-1])+1 && !d.personBetween(pb, a, p.Speaker)
	if long || short {
		q.Speaker, q.Mention, q.Source, q.Verb, q.Cue, q.Reason = p.Speaker, p.Mention, p.Source, p.Verb, "continuation", ReasonContinuation
	}
}

// continueParagraph gives a quote that opens its paragraph the speaker of
// the paragraph before: the subject of its last sentence when that ends
// with a colon ("However, he adds:"; cue colon), else its last speaker of
// reported speech when no other person is named after it (cue paragraph).
func (at *attributor) continueParagraph(q *Quote, a int) {
	d := at.d
	ls := strings.LastIndexByte(d.text[:q.Span.Start], '\n')
	if ls < 0 || strings.TrimFunc(d.text[ls+1:q.Span.Start], func(r rune) bool { return unicode.IsSpace(r) || isQuoteMark(r) }) != "" {
		return
	}
	prev := strings.TrimRightFunc(d.text[:ls], unicode.IsSpace)
	if prev == "" {
		return
	}
	s := d.sentenceAt(len(prev) - 1)
	ps, pe := int(d.sentTok[s]), int(d.sentTok[s+1])
	if pe > a || ps >= pe {
		return
	}
	if strings.HasSuffix(prev, ":") {
		for k := ps + 1; k < pe; k++ {
			v, _ := at.verbAt(k)
			if v == "" && nounlikeVerbs[d.toks[k].Norm] && at.inQuote[k] == 0 {
				v = d.toks[k].Norm // "X reports for our Newscast unit:"
			}
			if v != "" && v != "according to" {
				if at.setSpeaker(q, at.clauseStart(k), k, v, "colon", false) {
					at.resolveSpeaker(q, a)
				}
				return
			}
		}
		for _, e := range at.events {
			if e.pos >= ps && e.pos < pe {
				q.Speaker, q.Mention, q.Cue, q.Reason = e.person, e.person, "colon", ReasonName
				return
			}
		}
		return
	}
	paraStart := searchTok(d.toks, strings.LastIndexByte(prev, '\n')+1)
	i := sort.Search(len(at.events), func(i int) bool { return at.events[i].pos >= a })
	for i--; i >= 0 && at.events[i].pos >= paraStart; i-- {
		e := at.events[i]
		if !e.spoke {
			continue
		}
		if !d.personBetween(d.nextSentenceTok(e.pos), a, e.person) {
			q.Speaker, q.Mention, q.Cue, q.Reason = e.person, e.person, "paragraph", ReasonContinuation
		}
		return
	}
}

// isPerson reports whether s is a person of the document: a name of two
// words or more that is no organisation's, or a surname after a title
// ("Mr. Obama").
func (at *attributor) isPerson(s string) bool {
	if s == "" {
		return false
	}
	if at.personSet == nil {
		at.personSet = map[string]bool{}
		for _, pi := range at.d.persons {
			at.personSet[at.d.names[pi].Person] = true
		}
	}
	return at.personSet[s]
}

// lastSubject returns the latest subject of speech before token a that
// ok accepts, or "". It looks back at most 400 tokens.
func (at *attributor) lastSubject(a int, ok func(string) bool) string {
	i := sort.Search(len(at.events), func(i int) bool { return at.events[i].pos >= a })
	for i--; i >= 0 && at.events[i].pos >= a-400; i-- {
		if ok == nil || ok(at.events[i].person) {
			return at.events[i].person
		}
	}
	return ""
}

// resolvePronoun resolves "he" or "she" at token a.
func (at *attributor) resolvePronoun(p string, a int) string {
	if p != "he" && p != "she" {
		return ""
	}
	return at.lastSubject(a, nil)
}

// partyWords are roles that stand for the last subject of speech
// whatever title it was named with.
var partyWords = wordSet("republican", "democrat", "independent", "republicans", "democrats")

// resolveRole resolves a definite role subject ("the president", "the
// Arizona Republican") at token a to a person, or returns "".
func (at *attributor) resolveRole(source, mention string, a int) string {
	src := strings.ToLower(strings.TrimSpace(source))
	if i := strings.LastIndexByte(src, ','); i >= 0 {
		src = strings.TrimSpace(src[i+1:]) // "Asked …, the Arizona Republican"
	}
	m := strings.ToLower(mention)
	if !strings.HasPrefix(src, "the "+m) && !strings.HasPrefix(src, "a "+m) || strings.ContainsAny(m, ",(") {
		return ""
	}
	words := strings.Fields(m)
	head := words[len(words)-1]
	if len(words) > 5 {
		return ""
	}
	if partyWords[head] {
		return at.lastSubject(a, nil)
	}
	if documentWords[head] {
		// "the statement continued": its author, a speaker of the last
		// 150 tokens
		return at.lastSpeaker(a, 150)
	}
	if !titleWords[head] || head == "official" || head == "officials" || head == "officer" || head == "source" {
		return ""
	}
	return at.lastSubject(a, func(p string) bool { return at.namedWithTitle(p, head) })
}

// namedWithTitle reports whether person p is named somewhere in the text
// with title t in the name or among the three words before it.
func (at *attributor) namedWithTitle(p, t string) bool {
	d := at.d
	for _, pi := range d.persons {
		n := d.names[pi]
		if n.Person != p {
			continue
		}
		for k := max(n.Start-3, int(d.sentTok[n.Sentence])); k < n.End; k++ {
			if d.toks[k].Norm == t {
				return true
			}
		}
	}
	return false
}

// speakerReason says how setSpeaker identified a speaker: role for a noun
// phrase with a lower-case word, else pronoun, surname or name.
func speakerReason(mention, speaker string, phrase bool) string {
	switch {
	case mention == "he" || mention == "she":
		return ReasonPronoun
	case phrase:
		ws := strings.Fields(mention)
		if last := strings.ToLower(ws[len(ws)-1]); titleWords[last] || partyWords[last] || documentWords[last] {
			return ReasonRole
		}
		for _, w := range ws {
			if r := []rune(w)[0]; !unicode.IsUpper(r) {
				return ReasonRole
			}
		}
		return ReasonName
	case !strings.Contains(mention, " ") && strings.Contains(speaker, " "):
		return ReasonSurname
	}
	return ReasonName
}

// documentWords are texts that speak for their author: "the statement
// said", "a tweet posted on his account said".
var documentWords = wordSet("statement", "tweet", "letter", "message", "op-ed")

// lastSpeaker returns the latest speaker (not a mere subject) within n
// tokens before a, or "".
func (at *attributor) lastSpeaker(a, n int) string {
	i := sort.Search(len(at.events), func(i int) bool { return at.events[i].pos >= a })
	for i--; i >= 0 && at.events[i].pos >= a-n; i-- {
		if at.events[i].spoke {
			return at.events[i].person
		}
	}
	return ""
}

// bylineVerbs sign an article: "… - writes James Wilson."
var bylineVerbs = wordSet("writes", "wrote", "reports")

// byline reports whether the verb at token k (vl tokens) signs the text
// rather than reports speech: it opens the sentence or follows a dash, and
// only a name of at most four words follows it to the sentence end (e,
// one past the sentence's last token). A byline is never a quoted source
// (issue 21).
func (at *attributor) byline(k, vl, e int) bool {
	d := at.d
	if !bylineVerbs[d.toks[k].Norm] || e-(k+vl) > 4 || e <= k+vl {
		return false
	}
	if k > int(d.sentTok[d.tokSent[k]]) && !strings.ContainsAny(d.gap(k-1), "-—–") {
		return false
	}
	for j := k + vl; j < e; j++ {
		if !d.isCap(j) {
			return false
		}
	}
	return true
}

// titleWordsBefore introduce the title of a work or program: on "State of
// the Union", in "The Restless Wave", headlined "Spinning Benghazi".
var titleWordsBefore = wordSet("on", "in", "titled", "entitled", "headlined", "called", "dubbed", "program", "show", "book", "film", "column", "headline")

// titleQuote reports quoted words (tokens [a, b)) that are a title, not
// speech: at most six words, every one capitalised but for short function
// words, right after a word that introduces a title.
func (at *attributor) titleQuote(a, b int) bool {
	d := at.d
	if a == 0 || b-a > 6 || b <= a || !titleWordsBefore[d.toks[a-1].Norm] {
		return false
	}
	for k := a; k < b; k++ {
		if !d.isCap(k) && !nameConnectors[d.toks[k].Norm] && d.toks[k].Norm != "a" && d.toks[k].Norm != "an" && d.toks[k].Norm != "to" {
			return false
		}
	}
	return true
}

// speakerFollows reports whether a speaker's phrase starts at token k: a
// person's name (after titles), or "the" and a title or speaking noun
// ("…, said the official"). It tells inverted attribution ("Umanos was
// there 25 years, said Dr. Bruce Rowell") from a subject before its verb
// ("Trenin, analyst at …, said the Kremlin hoped").
func (at *attributor) speakerFollows(k int) bool {
	d := at.d
	if k >= len(d.toks) {
		return false
	}
	if at.personNear(k) {
		return true
	}
	if d.toks[k].Norm != "the" || k+1 >= len(d.toks) {
		return false
	}
	for j := k + 1; j < min(k+4, len(d.toks)); j++ {
		if n := d.toks[j].Norm; titleWords[n] || speakerNouns[n] {
			return true
		}
	}
	return false
}

// invertingVerbs may stand before their subject after a comma ("…, said
// Dr. Bruce Rowell"); "told" and "tells" take an object there ("…, tells
// Kelemen that").
var invertingVerbs = wordSet("said", "says", "added", "adds", "wrote", "writes", "noted", "explained", "explains",
	"asked", "continued", "recalled", "insisted", "insists", "warned", "warns", "argued", "argues", "concluded", "concludes")
