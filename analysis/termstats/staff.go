package termstats

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/segment"
)

// Staff names are the names of a group's own reporters, hosts and
// columnists: "NPR's Steve Inskeep asked", "ABC's MICHAEL FALCONE:", a
// "Contributing: Doug Stanglin in McLean" credit, the "@guypbenson" of an
// embedded tweet. Cleaning removes the lines that only credit them; a name
// inside a body sentence stays in the text (KWIC and quotes need it) and is
// masked out of the group's term statistics at finish time, like a
// self-mention. Whether a name is staff is learnt from the corpus, never
// from a list of people:
//
//   - evidence, counted per group and document as the documents are
//     counted: the two or three capitalised words of a person's name that
//     follow the group's own name in the possessive ("NPR's Steve Inskeep",
//     "The Wall Street Journal's Gerald F. Seib", "NPR's national political
//     correspondent Mara Liasson"), and the names and @handles of the
//     credit lines cleaning removed as bylines or staff lines;
//   - at finish, a name word is the group's staff when it has evidence in
//     at least staffMinDocs documents of the group (and in at least
//     staffEvidenceShare of the group's documents holding the word), and
//     the share of the group's documents holding it is at least
//     staffOverRate times the share of the other groups' documents: a
//     politician named after "Fox News'" is named by every outlet, and
//     stays;
//   - a handle that opens or closes with a staff name of five letters or
//     more ("guypbenson", "michaelpfalcone") is staff too, when it is as
//     over-represented ("kingsalman", which only holds "salma", is not).

// Thresholds of the staff rule (docs/cleaning.md).
const (
	staffMinDocs       = 2
	staffEvidenceShare = 0.05
	staffOverRate      = 4.0
	// staffCompoundMin is the shortest staff word a handle is matched on.
	staffCompoundMin = 5
)

// staffRoles may stand, lower-case, between the possessive and the name:
// "NPR's national political correspondent Mara Liasson".
var staffRoles = map[string]bool{
	"correspondent": true, "reporter": true, "host": true, "co-host": true, "anchor": true,
	"editor": true, "columnist": true, "contributor": true, "producer": true, "analyst": true,
	"writer": true, "commentator": true, "chief": true, "reporters": true, "correspondents": true,
}

// genericNameWords name no outlet alone: a possessive of one of them
// ("the Times'", "News'") is evidence only after a distinctive word of the
// name ("Fox News'").
var genericNameWords = map[string]bool{
	"the": true, "news": true, "online": true, "daily": true, "times": true, "post": true,
	"media": true, "magazine": true, "journal": true, "web": true, "network": true, "press": true,
	"world": true, "report": true, "guest": true, "writer": true, "left": true, "right": true,
	"center": true, "lean": true, "new": true,
}

// staffScan is a Counter's staff evidence state.
type staffScan struct {
	forms   map[string]map[string]bool // per group: its name forms
	cur     map[string]bool            // the current document's group's
	gen     map[string][]string        // per group: the generic words of its name
	generic []string                   // the current document's group's
	words   []string                   // evidence terms of the current document
	toks    []segment.Token
}

// begin starts a document of group.
func (s *staffScan) begin(group string) {
	f, ok := s.forms[group]
	if !ok {
		if s.forms == nil {
			s.forms = map[string]map[string]bool{}
		}
		f = map[string]bool{}
		for _, w := range groupNameForms(group) {
			f[w] = true
		}
		s.forms[group] = f
		if s.gen == nil {
			s.gen = map[string][]string{}
		}
		var g []string
		for w := range f {
			if genericNameWords[w] {
				g = append(g, w)
			}
		}
		s.gen[group] = g
	}
	s.cur = f
	s.generic = s.gen[group]
	s.words = s.words[:0]
}

// groupNameForms are the word tokens of a group's name and their initials
// (of the name before any "-" or "(", "the" aside): "Wall Street Journal -
// News" → wall, street, journal, news, wsj.
func groupNameForms(name string) []string {
	forms := nameWords(name)
	main := name
	if i := strings.IndexAny(main, "(-–—"); i > 0 {
		main = main[:i]
	}
	var initials []byte
	for _, w := range nameWords(main) {
		if w != "the" && w[0] < 0x80 {
			initials = append(initials, w[0])
		}
	}
	if len(initials) >= 2 {
		forms = append(forms, string(initials))
	}
	return forms
}

// sentence adds the evidence of one sentence: names after the group's own
// name in the possessive.
func (s *staffScan) sentence(text string, toks []segment.Token, a *annotator) {
	if len(s.cur) == 0 {
		return
	}
	for i := 0; i+2 < len(toks); i++ {
		t := &toks[i]
		if i > 0 && len(s.generic) > 0 && capitalised(text, t.Span) && slices.Contains(s.generic, t.Norm) {
			s.nameEvidence(text, toks, i, a)
		}
		if e := t.Span.End; e >= len(text) || text[e] != '\'' && text[e] != 0xE2 { // ' or ’
			continue
		}
		if t.Kind != segment.TokWord || !s.cur[t.Norm] || !possessiveGap(text[t.Span.End:toks[i+1].Span.Start]) || !capitalised(text, t.Span) {
			continue
		}
		if !s.ownPossessor(text, toks, i) {
			continue
		}
		// Lower-case words of a role may come first: "national political
		// correspondent Mara Liasson".
		k := i + 1
		j := k
		for j < len(toks) && j < k+4 && !capitalised(text, toks[j].Span) {
			j++
		}
		if j == len(toks) || j == k+4 || j > k && !staffRoles[toks[j-1].Norm] {
			continue
		}
		s.addName(text, toks, j, a)
	}
}

// ownPossessor reports whether the possessive at token i closes the
// group's own name: the run of name forms ending at i holds a word that is
// not generic, and no other capitalised word stands right before the run
// ("CBS News'" is not ABC News'; "New York Times'" is not the Washington
// Times').
func (s *staffScan) ownPossessor(text string, toks []segment.Token, i int) bool {
	j, distinct := i, false
	for ; j >= 0; j-- {
		t := &toks[j]
		if !s.cur[t.Norm] || j < i && !segment.SpaceBetween(text, t.Span, toks[j+1].Span) {
			break
		}
		if !genericNameWords[t.Norm] {
			distinct = true
		}
	}
	if !distinct {
		return false
	}
	if j >= 0 && segment.SpaceBetween(text, toks[j].Span, toks[j+1].Span) && capitalised(text, toks[j].Span) && j > 0 {
		return false
	}
	return true
}

// addName adds the words of a person's name starting at token k: two or
// three capitalised words, initials ("F.") aside, not followed by a
// further capitalised word, none of them a stop word.
func (s *staffScan) addName(text string, toks []segment.Token, k int, a *annotator) {
	var ids [4]int32
	n := 0
	j := k
	for ; j < len(toks) && j < k+5; j++ {
		t := &toks[j]
		if t.Kind != segment.TokWord || !capitalised(text, t.Span) {
			break
		}
		if j > k {
			gap := text[toks[j-1].Span.End:t.Span.Start]
			if gap != " " && !(gap == ". " && len(toks[j-1].Norm) == 1) {
				break
			}
		}
		if len(t.Norm) == 1 {
			continue // an initial
		}
		id := a.lookup(t)
		if id < 0 || n == len(ids) {
			return
		}
		ids[n] = id
		n++
	}
	if n < 2 || n > 3 || j < len(toks) && j == k+5 {
		return
	}
	if j < len(toks) && toks[j].Kind == segment.TokWord && capitalised(text, toks[j].Span) && text[toks[j-1].Span.End:toks[j].Span.Start] == " " {
		return // a longer title: "ABC's Good Morning America Weekend"
	}
	for _, id := range ids[:n] {
		s.words = append(s.words, a.terms[id])
	}
}

// credit adds the evidence of a line cleaning removed as a byline or a
// staff line: the names of people in its first 30 words, and its @handles.
// Names after "in", "at", "of", "from" are places and employers, after
// "the" titles.
func (s *staffScan) credit(line string, a *annotator) {
	if s.cur == nil {
		return
	}
	s.toks = segment.Tokenize(line, s.toks[:0])
	toks := s.toks[:min(len(s.toks), 30)]
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind != segment.TokWord {
			continue
		}
		if t.Span.Start > 0 && line[t.Span.Start-1] == '@' {
			if id := a.lookup(t); id >= 0 {
				s.words = append(s.words, a.terms[id])
			}
			continue
		}
		if !capitalised(line, t.Span) || s.cur[t.Norm] {
			continue
		}
		if p := &toks[i-min(i, 1)]; i > 0 && capitalised(line, p.Span) && segment.SpaceBetween(line, p.Span, t.Span) && a.lookup(p) >= 0 {
			continue // inside a run of capitalised words ("By" aside)
		}
		if i > 0 {
			switch toks[i-1].Norm {
			case "in", "at", "of", "from", "for", "on", "the":
				continue // a place, an employer, a title ("The American Conservative")
			}
		}
		before := len(s.words)
		s.addName(line, toks, i, a)
		for _, w := range s.words[before:] {
			if s.cur[w] {
				s.words = s.words[:before] // the outlet's own name
				break
			}
		}
	}
}

// end returns the current document's evidence terms, each once, sorted.
func (s *staffScan) end() []string {
	if len(s.words) == 0 {
		return nil
	}
	slices.Sort(s.words)
	return slices.Compact(s.words)
}

// possessiveGap reports whether the text between two tokens is a
// possessive: "'s " or "' " (straight or curly apostrophe).
func possessiveGap(gap string) bool {
	switch gap {
	case "'s ", "’s ", "' ", "’ ", "'S ", "’S ":
		return true
	}
	return false
}

// capitalised reports whether the token at span opens with an upper-case
// letter.
func capitalised(text string, sp segment.Span) bool {
	if sp.Start >= len(text) {
		return false
	}
	c := text[sp.Start]
	if c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(text[sp.Start:])
	return unicode.IsUpper(r)
}

// addStaff adds one document's evidence terms to the group.
func (g *groupAcc) addStaff(words []string) {
	for _, w := range words {
		if g.staff == nil {
			g.staff = map[string]int64{}
		}
		g.staff[w]++
	}
}

// staffMentions adds to masked the group g's staff names (see above).
func staffMentions(t *TermTable, g int, masked map[int32]bool) {
	if g >= len(t.Staff) || len(t.Staff[g]) == 0 {
		return
	}
	rest := t.TotalDocs - t.Docs[g]
	overRep := func(id int32) bool {
		d := t.DocFreq[g].Get(id)
		in := float64(d) / float64(t.Docs[g])
		other := float64(t.CorpusDF[id]-d) / float64(rest)
		return d > 0 && in >= staffOverRate*other
	}
	var staff []string
	for _, w := range slices.Sorted(maps.Keys(t.Staff[g])) {
		e := t.Staff[g][w]
		if name, ok := strings.CutPrefix(w, namePrefix); ok {
			// A generic word of the name said mostly as part of it: a
			// self-mention ("news" in "Fox News").
			if id := t.TermIndex(name); id >= 0 && e >= staffMinDocs && float64(e) >= nameShare*float64(t.DocFreq[g].Get(id)) {
				masked[id] = true
			}
			continue
		}
		id := t.TermIndex(w)
		if id < 0 || e < staffMinDocs || float64(e) < staffEvidenceShare*float64(t.DocFreq[g].Get(id)) || !overRep(id) {
			continue
		}
		masked[id] = true
		if len(w) >= staffCompoundMin {
			staff = append(staff, w)
		}
	}
	if len(staff) == 0 {
		return
	}
	for _, id := range t.Count[g].IDs {
		term := t.Terms[id]
		if masked[id] || strings.ContainsAny(term, " .'-") {
			continue
		}
		for _, w := range staff {
			if len(term) > len(w)+1 && (strings.HasSuffix(term, w) || strings.HasPrefix(term, w)) && overRep(id) {
				masked[id] = true
				break
			}
		}
	}
}

// collapseStaff adds the staff evidence of the cells cs of a stratified
// table (Collapse).
func collapseStaff(cells *TermTable, cs []int) map[string]int64 {
	var out map[string]int64
	for _, c := range cs {
		if c >= len(cells.Staff) {
			continue
		}
		for w, n := range cells.Staff[c] {
			if out == nil {
				out = map[string]int64{}
			}
			out[w] += n
		}
	}
	return out
}

// nameEvidence adds the evidence that the generic word of the group's
// name at token i ("news") is said as part of that name: it follows a
// distinctive word of the name ("Fox News", "told Fox News"). It is kept
// under the word with namePrefix.
func (s *staffScan) nameEvidence(text string, toks []segment.Token, i int, a *annotator) {
	p := &toks[i-1]
	if genericNameWords[p.Norm] || !s.cur[p.Norm] || !capitalised(text, p.Span) || !segment.SpaceBetween(text, p.Span, toks[i].Span) {
		return
	}
	if id := a.lookup(&toks[i]); id >= 0 {
		s.words = append(s.words, namePrefix+a.terms[id])
	}
}

// namePrefix marks, among a group's staff evidence, the evidence that a
// generic word of its name is said as part of the name (nameEvidence).
const namePrefix = "="

// nameShare is the share of the group's documents holding a generic word
// of its name that must hold it as part of the name for it to be masked.
const nameShare = 0.5
