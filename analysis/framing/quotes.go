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
// Speakers. For each quote, in order (docs/framing.md has every rule):
//   - after: after the closing mark, in the same sentence or a short one
//     right after it, a reporting verb with its subject ("…,” Trenin
//     wrote) or its subject after it ("…,” said Ahmad Alili, director of
//     …"); the verb within seven words, twenty after a person's name, or
//     ending the sentence; without a verb, a name then "in a statement"
//     ending the sentence;
//   - before: the first reporting verb of the quote's clause before the
//     opening mark, and its subject ("with X saying": X), or "according
//     to X", or "a statement from X:" right before the mark;
//   - previous sentence: a quote opening its sentence right after a
//     sentence of the same paragraph that reports speech without quoting;
//   - continuation: the speaker of the last direct quote, for a quote of
//     more than five words within a paragraph of it with no other person
//     named between, or any quote opening the sentence right after it;
//   - colon, paragraph: a quote opening its paragraph takes the subject of
//     a previous paragraph ending with a colon, or that paragraph's last
//     speaker of reported speech (speakers.go).
// A subject is read backwards from the verb to the clause start and split
// at commas; the last comma part that is no apposition nor relative clause
// gives it, a person's name first. A surname resolves to the nearest full
// name (names.go); "he", "she" and definite roles ("the Michigan
// Republican") to the last subject of speech (speakers.go). Quote.Reason
// says which.
//
// Kinds. A quote of one to five words with no speaker, or right after
// "so-called", is a scare quote: the writer's distance from the words (a
// “local anti-terrorist” operation). Every other quote is direct, with or
// without a known speaker. A sentence without quotation marks whose
// reporting verb has a subject, or that says "according to X", is indirect
// speech.

package framing

import (
	"cmp"
	"slices"
	"sort"
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
	Cue      string       // where the attribution was found: after, before, according-to, previous-sentence, continuation, paragraph, colon, unclosed; empty when not
	Reason   string       // how the speaker was identified: name, surname, pronoun, role, role-name, continuation (speakers.go); empty without a speaker
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
	ind := at.indirect()
	at.buildEvents(ind)
	lastDirect := -1 // the last direct quote: scare quotes and titles between do not stop a continuation
	for i := range qs {
		q := &qs[i]
		a, b := d.tokenRange(q.Span.Start, q.Span.End)
		q.Text = segment.OneLine(d.text[q.Span.Start:q.Span.End])
		if q.Cue == "" {
			at.attribute(q, i, a, b)
		}
		at.resolveSpeaker(q, a)
		if q.Cue == "" && lastDirect >= 0 {
			at.continueQuote(q, &qs[lastDirect], a)
		}
		if q.Cue == "" {
			at.continueParagraph(q, a)
		}
		if at.titleQuote(a, b) {
			q.Speaker, q.Mention, q.Source, q.Verb, q.Cue, q.Reason = "", "", "", "", "", ""
		}
		switch {
		case q.Words <= 5 && (q.Cue == "" || d.soCalledBefore(a)):
			q.Kind = QuoteScare
			q.Speaker, q.Mention, q.Source, q.Verb, q.Cue, q.Reason = "", "", "", "", "", ""
		default:
			q.Kind = QuoteDirect
		}
		if q.Speaker == "" {
			q.Reason = ""
		}
		if q.Kind == QuoteDirect {
			lastDirect = i
			at.addEvent(a, q.Speaker, true)
		}
	}
	qs = append(qs, ind...)
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

func countWords(toks []segment.Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind == segment.TokWord || t.Kind == segment.TokNumber {
			n++
		}
	}
	return n
}
