package framing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/segment"
)

// attributor finds the speakers of one document's quotes and its reported
// speech.
type attributor struct {
	d         *quoteDoc
	inQuote   []int32
	raws      []rawQuote
	events    []speechEvent   // subjects of speech, in token order (speakers.go)
	personSet map[string]bool // the document's persons, made on first use
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

// statementNouns are the media of a statement that can stand for its verb
// ("…,” Doe, in a statement.).
var statementNouns = wordSet("statement", "interview", "tweet", "email", "letter", "post", "release", "message", "remarks")

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

// statementFrom reads "a statement from X: “…”" (or "by X"): a statement
// noun, then "from" or "by" and the speaker's phrase up to a colon right
// before the opening mark at token a.
func (at *attributor) statementFrom(q *Quote, cs, a int) bool {
	d := at.d
	if a == 0 || a <= cs || !strings.ContainsRune(d.gap(a-1), ':') {
		return false
	}
	for k := a - 1; k > max(cs, a-12); k-- {
		n := d.toks[k].Norm
		if (n == "from" || n == "by") && statementNouns[d.toks[k-1].Norm] && d.toks[k-1].Norm != "interview" {
			return at.setSpeaker(q, k+1, a, d.toks[k-1].Norm+" "+n, "before", true)
		}
	}
	return false
}

// withSubject returns the token after "with" when a participle verb v at
// token k has the subject of an absolute construction ("with Ambassador
// Anatoly Antonov saying"): "with" within six tokens before k, followed
// only by capitalised words and titles up to k; else 0.
func (at *attributor) withSubject(cs, k int, v string) int {
	if !strings.HasSuffix(v, "ing") {
		return 0
	}
	d := at.d
	for w := k - 1; w >= max(cs, k-7); w-- {
		if d.toks[w].Norm == "with" {
			if w+1 < k && at.allCap(w+1, k) {
				return w + 1
			}
			return 0
		}
	}
	return 0
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
	// after the closing mark, in the same sentence (or in a short one
	// right after it: "…?” Obama said.")
	if b < len(d.toks) && at.inQuote[b] == 0 && at.attributionFollows(b) {
		end := b
		for end < len(d.toks) && end < b+25 && d.tokSent[end] == d.tokSent[b] && at.inQuote[end] == 0 && !strings.ContainsAny(d.gap(end-1), ";") {
			end++
		}
		// the verb within seven words, or twenty after a person's name
		// ("…,” Ali Abedzadeh, head of …, told a press conference"), or
		// ending the sentence ("…,” when …, Mr. Kerry added.")
		limit := b + 7
		if at.personNear(b) {
			limit = b + 20
		}
		for k := b; k < end; k++ {
			v, vl := at.verbAt(k)
			if v == "" || v == "according to" && k > b {
				continue
			}
			if k >= limit && !(end == int(d.sentTok[d.tokSent[b]+1]) && k >= end-3) {
				break
			}
			if k == b || v == "according to" { // "…,” said Ahmad Alili, director of …"
				if at.setSpeaker(q, k+vl, at.phraseEnd(k+vl), v, "after", true) {
					return
				}
				break
			}
			from := b
			if k >= limit {
				from = at.lastComma(b, k)
			}
			if at.setSpeaker(q, from, k, v, "after", false) {
				return
			}
			break
		}
		// no verb: "…,” Gov. Rick Perry, R-Texas, in a statement.
		if at.personNear(b) {
			for k := b + 2; k+2 < end && k < b+12; k++ {
				if d.toks[k].Norm == "in" && (d.toks[k+1].Norm == "a" || d.toks[k+1].Norm == "an") && statementNouns[d.toks[k+2].Norm] &&
					k+3 == end && at.setSpeaker(q, b, k, "in a "+d.toks[k+2].Norm, "after", true) {
					return
				}
			}
		}
	}
	// before the opening mark, in the quote's clause
	cs := at.clauseStart(a)
	if at.statementFrom(q, cs, a) {
		return
	}
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
		if k == cs && v == "asked" {
			continue // "Asked by the host, Jane Roe, about the vote, Doe said"
		}
		if w := at.withSubject(cs, k, v); w > 0 && at.setSpeaker(q, w, k, v, "before", false) {
			return // "…, with Ambassador Anatoly Antonov saying on Twitter, “…”"
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

// attributionFollows reports whether the tokens from b on can attribute
// the quote ending before b: the same sentence, or a sentence of at most
// ten tokens starting right after the closing mark on the same line.
func (at *attributor) attributionFollows(b int) bool {
	d := at.d
	if b == 0 || d.tokSent[b] == d.tokSent[b-1] {
		return true
	}
	s := d.tokSent[b]
	return s == d.tokSent[b-1]+1 && int(d.sentTok[s]) == b && int(d.sentTok[s+1])-b <= 10 && !strings.ContainsRune(d.gap(b-1), '\n')
}

// personNear reports a person's name within three tokens after b, with
// only titles and capitalised words before it.
func (at *attributor) personNear(b int) bool {
	d := at.d
	for i := d.namesFrom(b); i < len(d.names) && d.names[i].Start <= b+3; i++ {
		if d.names[i].Person != "" && at.leadsPart(d.names[i].Start, b) {
			return true
		}
	}
	return false
}

// lastComma returns the token after the last comma between tokens a and
// k, or a.
func (at *attributor) lastComma(a, k int) int {
	for j := k; j > a; j-- {
		if strings.ContainsRune(at.d.gap(j-1), ',') {
			return j
		}
	}
	return a
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
	mention, speaker, role := "", "", false
	// pick reads the speaker of a comma part: a pronoun, else the first
	// person named in it, else a single name heading it; strict asks that
	// the person lead the part (only titles and capitalised words before).
	pick := func(p part, strict bool) bool {
		if p.b-p.a <= 2 {
			if n := d.toks[p.b-1].Norm; n == "he" || n == "she" {
				mention = n
				return true
			}
		}
		usable := func(n Name) bool {
			return n.End <= p.b && !partyTag(n.Text) && !(n.Person == "" && placeAdjective(strings.ToLower(n.Text))) &&
				(!strict || at.leadsPart(n.Start, p.a))
		}
		for i := d.namesFrom(p.a); i < len(d.names) && d.names[i].Start < p.b; i++ {
			if n := d.names[i]; n.Person != "" && usable(n) {
				mention, speaker = n.Person, d.resolve(n.Person, n.Start)
				return true
			}
		}
		for i := d.namesFrom(p.a); i < len(d.names) && d.names[i].Start < p.b; i++ {
			n := d.names[i]
			if usable(n) && !n.Org && !strings.Contains(n.Text, " ") && at.headOf(n.Start, p.a) && !(n.End < p.b && possessiveAfter(d.text, d.toks[n.End-1].Span.End)) {
				mention, speaker = n.Text, d.resolve(n.Text, n.Start)
				return true
			}
		}
		return false
	}
	if after {
		// "said Ahmad Alili, director of …"; "said Curtis' mother, Nancy Curtis"
		if !pick(parts[0], false) && len(parts) > 1 && parts[1].b-parts[1].a <= 4 && at.allCap(parts[1].a, parts[1].b) {
			pick(parts[1], true)
		}
	} else {
		// the last part that is no apposition nor relative clause
		// ("Jane Roe, the spokeswoman for Sen. John Doe, wrote";
		// "Obama, who credited … Ronald Reagan, said")
		for i := len(parts) - 1; i >= 0; i-- {
			if pn := d.toks[parts[i].b-1].Norm; i > 0 && at.apposition(parts[i]) && !(parts[i].b-parts[i].a <= 2 && (pn == "he" || pn == "she")) {
				continue
			}
			if pick(parts[i], i < len(parts)-1) || i < len(parts)-1 {
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
		mention, speaker, role = np, np, true
		// a surname that is also a title or a common word: "King said"
		// with Rep. Peter King named before
		if r := d.resolve(np, p.a); !strings.Contains(np, " ") && d.isCap(p.b-1) && strings.Contains(r, " ") {
			speaker, role = r, false
		}
	}
	q.Mention, q.Speaker, q.Verb, q.Cue = mention, speaker, verb, cue
	q.Reason = speakerReason(mention, speaker, role)
	q.Source = segment.OneLine(strings.Trim(d.text[d.toks[a].Span.Start:d.toks[b-1].Span.End], " ,"))
	return true
}

// allCap reports whether tokens [a, b) are all capitalised.
func (at *attributor) allCap(a, b int) bool {
	for j := a; j < b; j++ {
		if !at.d.isCap(j) {
			return false
		}
	}
	return true
}

// leadsPart reports whether only titles, articles and capitalised words
// stand between token a and the name at token k.
func (at *attributor) leadsPart(k, a int) bool {
	d := at.d
	for j := a; j < k; j++ {
		n := d.toks[j].Norm
		if !d.isCap(j) && !titleWords[n] && n != "the" && n != "a" && n != "an" && !placeAdjective(n) && n != "veteran" {
			return false
		}
	}
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
	return at.leadsPart(k, a)
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
	for k := a + 1; k < b; k++ {
		if n := d.toks[k].Norm; n == "who" || n == "which" || n == "whose" {
			b = k // "a resident who didn't want his name used"
			break
		}
	}
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
			if at.byline(k, vl, b) {
				break
			}
			q := Quote{Kind: QuoteIndirect, Span: d.sents[s], Sentence: s, Words: countWords(d.toks[a:b])}
			ok := false
			if v == "according to" {
				ok = at.setSpeaker(&q, k+vl, at.phraseEnd(k+vl), v, "according-to", true)
			} else if cs := at.clauseStart(k); k > cs && k+vl < b && invertingVerbs[v] && strings.ContainsRune(d.gap(k-1), ',') && at.speakerFollows(k+vl) {
				// inverted: "Umanos was connected …, said Dr. Bruce Rowell, …"
				ok = at.setSpeaker(&q, k+vl, at.phraseEnd(k+vl), v, "after", true)
			} else if k > cs && k+vl < b {
				ok = at.setSpeaker(&q, cs, k, v, "before", false)
			} else if k == cs && k+vl < b {
				ok = at.setSpeaker(&q, k+vl, at.phraseEnd(k+vl), v, "after", true)
			}
			if !ok {
				continue
			}
			q.Text = segment.OneLine(d.text[q.Span.Start:q.Span.End])
			out = append(out, q)
			break
		}
	}
	return out
}
