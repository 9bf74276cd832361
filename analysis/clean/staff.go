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
		if isStaffLine(l, nameWords, edge, i >= last) && !l.quote() && !(stats != nil && isNameList(strings.TrimLeft(l.orig, "-–—•* ")) && stats.otherGroups(group, l) >= 2) {
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

func isStaffLine(l *lineView, nameWords []string, edge, end bool) bool {
	c := l.core
	if c == "" {
		return false
	}
	switch c[0] {
	case 'f':
		// "Follow Tim Marchman on Twitter.", "Follow @gregorykorte and @fschouten on Twitter."
		if l.words <= 20 && strings.HasPrefix(c, "follow ") &&
			(strings.Contains(c, "on twitter") || strings.Contains(c, "on facebook") || strings.Contains(c, "on instagram") || strings.Contains(c, " @")) {
			return true
		}
	case 'w':
		// "Write to Jane Doe at jane.doe@example.com"
		if l.words <= 20 && strings.HasPrefix(c, "write to ") && strings.Contains(c, "@") {
			return true
		}
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
	return l.words <= 150 && isStaffBio(l, nameWords, end && l.words <= 60)
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
// Senior Editor-at-Large at Breitbart News.". At the page's end (anyEmployer)
// a role with "of", "at" or "for" is enough: a column syndicated under
// another group's name ("• Wesley Pruden is editor in chief emeritus of
// The Times.").
func isStaffBio(l *lineView, nameWords []string, anyEmployer bool) bool {
	if len(nameWords) == 0 && !anyEmployer {
		return false
	}
	orig := strings.TrimLeft(l.orig, "•*-–— ")
	i := strings.Index(orig[:min(len(orig), 64)], " is ")
	if i < 0 || i > 60 {
		return false
	}
	name := strings.Fields(orig[:i])
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
	if anyEmployer && (strings.Contains(sentence, " of ") || strings.Contains(sentence, " at ") || strings.Contains(sentence, " for ")) {
		return true
	}
	for _, w := range nameWords {
		if hasWord(sentence, w) {
			return true
		}
	}
	return false
}

// groupWords are the words of a group's name of three letters or more
// that may name it in a biography ("breitbart", "times", "fox"); "news",
// "online" and a few others are too common.
func groupWords(group string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(group), notAlnum) {
		if len(w) >= 3 && !commonNameWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// commonNameWords are words of groups' names that name no outlet alone.
var commonNameWords = map[string]bool{"the": true, "new": true, "and": true, "news": true, "online": true,
	"writer": true, "guest": true, "left": true, "right": true, "center": true, "lean": true, "web": true}

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
func applyFurniture(d *docLines, group string, stats *LineStats) {
	tail := tailLines(d, 5)
	top, _ := edgeLines(d)
	for i := range d.lines {
		l := &d.lines[i]
		if d.rule[i] != ruleNone || l.orig == "" {
			continue
		}
		if (isFurniture(l, i >= tail || i <= top) || isFormatLabel(l, group, stats)) && !furnitureQuote(l) {
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
// last five non-blank lines or its first two, where licensing and
// promotion blurbs stand.
func isFurniture(l *lineView, atEnd bool) bool {
	n := l.norm
	if n == "" {
		return false
	}
	// A gallery of several slides ("… Hide Caption 1 of 19 Photos: …"),
	// which the gallery rule leaves when a caption quotes someone; at any
	// length (a gallery of 222 slides is one line of 6,000 words).
	if strings.Count(n, "hide caption ") >= 2 {
		return true
	}
	if l.words > 2000 {
		return false
	}
	for _, p := range furnitureOpeners {
		if strings.HasPrefix(n, p) {
			// A quicklist item carries the article's text after "text:";
			// only a bare label line is furniture.
			switch p {
			case "quicklist:":
				// …or the label cut off its text (glue.go).
				return !strings.Contains(n, " text:") || strings.HasSuffix(n, " text:")
			case "story highlights", "archived recording":
				return l.words <= 6 // the label, cut off its text (glue.go)
			}
			return l.words <= 150
		}
	}
	// A live update's stamp: "Update 2:21AM EDT (07:21 BST)", "UPDATE (5:05 p.m. PST):".
	if l.words <= 6 && strings.HasPrefix(l.core, "update") && strings.ContainsAny(n, "0123456789") && containsAny(n, updateZones) {
		return true
	}
	if n == "vpc" { // USA TODAY's video credit, cut off its caption (glue.go)
		return true
	}
	if isLabelFragment(l) {
		return true
	}
	// A video's caption closing on its credit: "CLOSE … Video provided by Newsy Newslook".
	if tail := n[max(0, len(n)-64):]; l.words <= 150 && strings.Contains(tail, "video provided by ") {
		k := strings.LastIndex(tail, " video provided by ")
		return k >= 0 && strings.Count(tail[k+len(" video provided by "):], " ") <= 3
	}
	// An audio player's title and control: "… The Evolution Of Rudy Giuliani Listen · 6:13 6:13"
	if c := n[len(n)-1]; '0' <= c && c <= '9' && l.words <= 60 {
		if k := strings.LastIndex(n, " listen · "); k >= 0 && strings.Trim(n[k+len(" listen · "):], "0123456789: ") == "" {
			return true
		}
	}
	// A topic-follow widget: "Add Joe Biden as an interest to stay up to date …"
	if l.words <= 30 && (n == "add interest" || strings.Contains(n, "interest to stay up to date")) {
		return true
	}
	// AP's caption: "FILE - In this Tuesday, March 3, 2020 file photo, …"
	if strings.HasPrefix(n, "file") && len(n) > 5 && strings.IndexByte(" -", n[4]) >= 0 && strings.Contains(n[:min(len(n), 80)], " file photo") {
		return true
	}
	if l.words <= 25 && (strings.HasSuffix(n, " read more") || strings.HasSuffix(n, " read more »")) {
		return true // a teaser: "Can the US break its cycle of gun control failure? Read more"
	}
	return atEnd && l.words <= 80 && licensingSet.in(n)
}

// isLabelFragment reports a label that glue.go cuts off a body line: a
// transcript's bracketed tag in capitals ("[VO]"), a live-update label
// ("UPDATE:", "UPDATE II -"), a closing "(Photo: …)" credit.
func isLabelFragment(l *lineView) bool {
	n := l.norm
	switch {
	case l.words <= 12 && n[0] == '[' && n[len(n)-1] == ']':
		return capitalsTag(l.orig[1 : len(l.orig)-1])
	case l.words <= 3 && strings.HasPrefix(l.core, "update") && capitalsTag(l.orig):
		return true // "UPDATE:", "UPDATE II -", "***UPDATE***"
	case l.words <= 12 && n[0] == '(' && n[len(n)-1] == ')' && (strings.HasPrefix(n, "(photo: ") || strings.Contains(n, " photo/")):
		return true // "(Photo: Andy Wong/AP)", "(AP Photo/LM Otero)"
	case n == "vo" || n == "media caption":
		return true // a script's voice-over cue, a player's caption label
	}
	return false
}

// labelMinDocs is in how many documents of its group a line set in
// capitals must stand to be a label of the group's format.
const labelMinDocs = 5

// boilerMinDocs is in how many documents of its group a line must stand
// to be the group's boilerplate.
const boilerMinDocs = 20

// isFormatLabel reports a label of a group's format: a line of at most
// three words set in capitals ("NOTABLES:") found in at least labelMinDocs
// documents of the group; or the group's boilerplate: a line of at most 40
// words, not sentence-like and quoting no one, found in at least
// boilerMinDocs documents of the group ("Urgent:", "Vote Now in Urgent
// Poll"). The repeated-line rule takes what stands in half the group's
// documents; these stand in fewer.
func isFormatLabel(l *lineView, group string, stats *LineStats) bool {
	if stats == nil || l.words > 40 || l.prose {
		return false
	}
	n := stats.inGroup(group, l)
	return n >= boilerMinDocs || n >= labelMinDocs && l.words <= 3 && capitalsTag(l.orig)
}
