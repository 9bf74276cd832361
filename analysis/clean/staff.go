package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The staff and furniture rules look at lines the line rules left, with
// what only the document knows: its group's name and where a line stands.
// Both are document rules, tried after masthead; like every rule they never
// remove quoted speech. Each first checks a byte or a prefix, so most lines
// cost a comparison or two.

// applyStaff removes the outlet's staff lines (see the rule's description).
// With stats, a name-only line also found in documents of two other groups
// or more stays: it names someone outlets write about, not their staff.
func applyStaff(d *docLines, group string, stats *LineStats) {
	nameWords := groupWords(group)
	first, last := edgeLines(d)
	for i := range d.lines {
		l := &d.lines[i]
		if d.rule[i] != ruleNone || l.orig == "" {
			continue
		}
		// At the top a name-only line must also be the group's byline in
		// three documents or more: a single one cannot be told from a
		// title-case headline ("Obama Vows Justice").
		edge := i >= last || i <= first && stats != nil && stats.inGroup(group, l) >= repeatedMinDocs
		if isStaffLine(l, nameWords, edge) && !l.quote() && !(stats != nil && isNameList(strings.TrimLeft(l.orig, "-–—•* ")) && stats.otherGroups(group, l) >= 2) {
			d.rule[i] = ruleStaff
		}
	}
}

// otherGroups counts the groups other than group with a document holding
// the line l.
func (s *LineStats) otherGroups(group string, l *lineView) int {
	if !countable(l) {
		return 0
	}
	k, n := lineKey(l.norm), 0
	for name, g := range s.groups {
		if name != group && g.lines[k] > 0 {
			n++
		}
	}
	return n
}

// edgeLines returns the index of the document's second non-blank line and
// of its third-last: lines up to the first or from the last are at the
// top or the bottom of the page, where bylines and sign-offs stand.
func edgeLines(d *docLines) (first, last int) {
	first, last = -1, len(d.lines)
	for i, seen := 0, 0; i < len(d.lines); i++ {
		if d.lines[i].orig != "" {
			if seen++; seen == 2 {
				first = i
				break
			}
		}
	}
	for i, seen := len(d.lines)-1, 0; i >= 0; i-- {
		if d.lines[i].orig != "" {
			if seen++; seen == 3 {
				last = i
				break
			}
		}
	}
	return first, last
}

// inGroup counts the documents of group holding the line l.
func (s *LineStats) inGroup(group string, l *lineView) int {
	g := s.groups[group]
	if g == nil || !countable(l) {
		return 0
	}
	return int(g.lines[lineKey(l.norm)])
}

// staffRoles are the words of a staff biography's first sentence.
var staffRoles = []string{"editor", "correspondent", "reporter", "columnist", "writer", "contributor",
	"anchor", "host of", "producer", "bureau chief"}

func isStaffLine(l *lineView, nameWords []string, edge bool) bool {
	c := l.core
	if c == "" {
		return false
	}
	switch c[0] {
	case 'f':
		// "Follow Tim Marchman on Twitter.", "Follow @gregorykorte and @fschouten on Twitter."
		return l.words <= 20 && strings.HasPrefix(c, "follow ") &&
			(strings.Contains(c, "on twitter") || strings.Contains(c, "on facebook") || strings.Contains(c, "on instagram") || strings.Contains(c, " @"))
	case 'w':
		// "Write to Jane Doe at jane.doe@example.com"
		return l.words <= 20 && strings.HasPrefix(c, "write to ") && strings.Contains(c, "@")
	case 'c':
		// "Contributing: Doug Stanglin in McLean, Va.; Donna Leinwand in Zurich; …"
		if l.words <= 80 && strings.HasPrefix(c, "contributing") && strings.HasPrefix(l.norm[len(l.norm)-len(strings.TrimLeftFunc(l.norm, notAlnum)):], "contributing:") {
			return true
		}
	}
	if l.words <= 12 {
		s := strings.TrimLeft(l.orig, "-–—•* ")
		dash := len(s) < len(l.orig)
		if (dash || edge) && isNameList(s) {
			return true
		}
	}
	return l.words <= 150 && isStaffBio(l, nameWords)
}

// isNameList reports a line made only of people's names: two to twelve
// capitalised words (initials and particles allowed) joined by commas,
// "and" or "&", with no digit and no sentence end: "Doug Stanglin",
// "Maureen Groppe, Bart Jansen and Christal Hayes". A word set wholly in
// capitals (a headline) or holding a hyphen (a tag: "Israel-Gaza Crisis")
// is not a name's.
func isNameList(s string) bool {
	if s == "" || endsSentence(s) && !endsWithInitial(s) || strings.ContainsAny(s, "0123456789:;\"“”?!()-") {
		return false
	}
	if strings.Contains(s, "'s ") || strings.Contains(s, "’s ") || strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "’s") {
		return false // a possessive: a headline ("Obama's Speech")
	}
	caps, seg := 0, 0 // seg: words of the name being read
	for _, f := range strings.Fields(s) {
		comma := strings.HasSuffix(f, ",")
		f = strings.TrimRight(f, ",")
		switch f {
		case "and":
			if seg < 2 {
				return false
			}
			seg = 0
			continue
		case "de", "van", "von", "der", "la", "le", "da", "di", "bin", "al":
			continue
		}
		r, size := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) || len(f) > 2 && !strings.HasSuffix(f, ".") && strings.ToUpper(f[size:]) == f[size:] {
			return false
		}
		caps++
		if seg++; seg > 3 {
			return false // a name has two or three words; more is a headline
		}
		if comma {
			if seg < 2 {
				return false
			}
			seg = 0
		}
	}
	return caps >= 2 && (seg == 0 || seg >= 2)
}

// isStaffBio reports a staff biography: a name of two to five capitalised
// words, then "is", and in that first sentence a role (editor,
// correspondent, …) and a word of the group's name: "Joel B. Pollak is
// Senior Editor-at-Large at Breitbart News."
func isStaffBio(l *lineView, nameWords []string) bool {
	if len(nameWords) == 0 {
		return false
	}
	i := strings.Index(l.orig[:min(len(l.orig), 64)], " is ")
	if i < 0 || i > 60 {
		return false
	}
	name := strings.Fields(l.orig[:i])
	if len(name) < 2 || len(name) > 5 {
		return false
	}
	for _, w := range name {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	sentence := l.norm[min(i, len(l.norm)):]
	if j := strings.Index(sentence, ". "); j > 0 {
		sentence = sentence[:j]
	}
	if !containsAny(sentence, staffRoles) {
		return false
	}
	for _, w := range nameWords {
		if hasWord(sentence, w) {
			return true
		}
	}
	return false
}

// groupWords are the words of a group's name of four letters or more that
// may name it in a biography ("breitbart", "times"); "news" and "online"
// are too common.
func groupWords(group string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(group), notAlnum) {
		if len(w) >= 4 && w != "news" && w != "online" && w != "writer" && w != "guest" {
			out = append(out, w)
		}
	}
	return out
}

// furnitureOpeners open a line that is page furniture whole: a gallery
// widget with its caption, a wire photo's caption, an embed placeholder, a
// label of the page's format.
var furnitureOpeners = []string{"facebook twitter pinterest", "file photo:", "[embedtweet", "[embed",
	"quicklist:", "story highlights", "slideshow (", "corrections & amplifications", "related video",
	"photo credits:", "archived recording", "something to consider if you enjoyed this article"}

// licensingSet finds any of licensingBlurbs in one pass over a line.
var licensingSet = newPhraseSet(licensingBlurbs)

// updateZones are the time zones of live-update stamps.
var updateZones = []string{" et", "edt", "est", "pst", "pdt", "bst", "gmt", "cst", "cdt"}

// licensingBlurbs are phrases of syndication and licensing notices.
var licensingBlurbs = []string{"for licensing opportunities", "available without charge to any eligible news publisher",
	"click here for reprint permission", "permission to reprint", "republish this article",
	"opinions expressed by columnists are their own", "use the promo code"}

// applyFurniture removes furniture lines the line rules leave (see the
// rule's description).
func applyFurniture(d *docLines) {
	tail := tailLines(d, 5)
	for i := range d.lines {
		l := &d.lines[i]
		if d.rule[i] != ruleNone || l.orig == "" {
			continue
		}
		if isFurniture(l, i >= tail) && !furnitureQuote(l) {
			d.rule[i] = ruleFurniture
		}
	}
}

// furnitureQuote is the quotation guard for furniture: a caption or list
// label is furniture even when the caption quotes someone, so only a line
// that opens with a quotation mark is kept.
func furnitureQuote(l *lineView) bool {
	r, _ := utf8.DecodeRuneInString(l.norm)
	return strings.ContainsRune("\"“«„", r)
}

// tailLines returns the index of the document's n-th non-blank line from
// the end.
func tailLines(d *docLines, n int) int {
	for i, seen := len(d.lines)-1, 0; i >= 0; i-- {
		if d.lines[i].orig != "" {
			if seen++; seen == n {
				return i
			}
		}
	}
	return 0
}

// isFurniture reports a furniture line; atEnd says it is among the page's
// last five non-blank lines, where licensing and promotion blurbs stand.
func isFurniture(l *lineView, atEnd bool) bool {
	n := l.norm
	if n == "" || l.words > 2000 {
		return false
	}
	for _, p := range furnitureOpeners {
		if strings.HasPrefix(n, p) {
			// A quicklist item carries the article's text after "text:";
			// only a bare label line is furniture.
			switch p {
			case "quicklist:":
				return !strings.Contains(n, " text:")
			case "story highlights", "archived recording":
				return l.words <= 6 // the label, cut off its text (glue.go)
			}
			return l.words <= 150
		}
	}
	// A gallery of several slides ("… Hide Caption 1 of 19 Photos: …"),
	// which the gallery rule leaves when a caption quotes someone.
	if strings.Count(n, "hide caption ") >= 2 {
		return true
	}
	// A live update's stamp: "Update 2:21AM EDT (07:21 BST)", "UPDATE (5:05 p.m. PST):".
	if l.words <= 6 && strings.HasPrefix(l.core, "update") && strings.ContainsAny(n, "0123456789") && containsAny(n, updateZones) {
		return true
	}
	if n == "vpc" { // USA TODAY's video credit, cut off its caption (glue.go)
		return true
	}
	// AP's caption: "FILE - In this Tuesday, March 3, 2020 file photo, …"
	if strings.HasPrefix(n, "file - ") && strings.Contains(n, " file photo") {
		return true
	}
	if l.words <= 25 && (strings.HasSuffix(n, " read more") || strings.HasSuffix(n, " read more »")) {
		return true // a teaser: "Can the US break its cycle of gun control failure? Read more"
	}
	return atEnd && l.words <= 80 && licensingSet.in(n)
}
