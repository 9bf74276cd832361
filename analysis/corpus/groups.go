package corpus

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// group returns the trimmed group value raw of the record at origin. When it
// is empty the record is bad: group returns the error, or "" and nil when the
// record was skipped. present says whether the record has the group field.
func (l *loader) group(raw string, present bool, origin string) (string, error) {
	g := strings.TrimSpace(raw)
	if g == "" {
		detail := fmt.Sprintf("record has no %q value", l.opt.GroupField)
		if !present {
			detail = fmt.Sprintf("record has no %q field", l.opt.GroupField)
		}
		return "", l.bad(origin, skipMissing, detail, groupHint)
	}
	if g != raw && !l.trimWarned[raw] {
		switch {
		case len(l.trimWarned) < maxTrimWarnings:
			l.trimWarned[raw] = true
			l.warn("%s: group %q trimmed to %q (white space around a group name is ignored)", origin, raw, g)
		case !l.tooManyTrims:
			l.tooManyTrims = true
			l.warn("more group names had white space trimmed; only the first %d are listed", maxTrimWarnings)
		}
	}
	return g, nil
}

// foldGroup renames d's group to the name of its case-folded set: the
// spelling of the first document loaded with it.
func (l *loader) foldGroup(d *Document) {
	k := foldKey(d.Group)
	name, ok := l.folded[k]
	if !ok {
		name = d.Group
		l.folded[k] = name
	}
	l.spellDocs[d.Group]++
	d.Group = name
	if _, ok := d.Fields[l.opt.GroupField]; ok {
		d.Fields[l.opt.GroupField] = name
	}
}

// maxCaseWarnings bounds the warnings about groups differing only by case.
const maxCaseWarnings = 20

// finish adds the warnings that need the whole corpus: shared ids, groups
// differing only by case, repaired UTF-8. It runs after every load, also one
// stopped by an error, and words each warning in a fixed order.
func (l *loader) finish() {
	if c := &l.ids; c.shared > 0 {
		l.warn("%d %s an id with an earlier one (first: %q at %s and %s); ids name documents in every output: give each document its own id",
			c.shared, pluralWord(c.shared, "document shares", "documents share"), c.id, c.later, c.earlier)
	}
	if c := &l.near; c.n > 0 {
		list := strings.Join(c.pairs, ", ")
		if c.n > len(c.pairs) {
			list += ", …"
		}
		l.warn("%s kept: %s; same words as an earlier document but for digits or punctuation: if they are copies of one article, keep one",
			pluralWord(c.n, "1 near duplicate", fmt.Sprintf("%d near duplicates", c.n)), list)
	}
	if l.opt.FoldGroups {
		l.warnFoldedGroups()
	} else {
		l.warnCaseGroups()
	}
	if n := l.rep.Repaired; n > 0 {
		list := strings.Join(l.repaired, ", ")
		if n > len(l.repaired) {
			list += ", …"
		}
		l.warn("invalid UTF-8 repaired with U+FFFD in %d %s: %s", n, pluralWord(n, "document", "documents"), list)
	}
}

// warnCaseGroups warns once per set of groups whose names differ only by
// case (as strings.EqualFold compares), sets ordered by their first name and
// names in byte order.
func (l *loader) warnCaseGroups() {
	byFold := map[string][]string{}
	for g := range l.groupDocs {
		k := foldKey(g)
		byFold[k] = append(byFold[k], g)
	}
	var sets [][]string
	for _, names := range byFold {
		if len(names) > 1 {
			sort.Strings(names)
			sets = append(sets, names)
		}
	}
	sort.Slice(sets, func(i, j int) bool { return sets[i][0] < sets[j][0] })
	for i, names := range sets {
		if i == maxCaseWarnings {
			l.warn("%d more sets of groups differ only by case; only the first %d are listed", len(sets)-i, maxCaseWarnings)
			return
		}
		l.warn("groups %s differ only by case: fix the group field, or use --fold-groups to merge them", l.groupCounts(names))
	}
}

// warnFoldedGroups warns once per set of group spellings that FoldGroups
// merged, sets ordered by the name kept, the other spellings in byte order.
func (l *loader) warnFoldedGroups() {
	bySet := map[string][]string{}
	for g := range l.spellDocs {
		name := l.folded[foldKey(g)]
		if g != name {
			bySet[name] = append(bySet[name], g)
		}
	}
	names := make([]string, 0, len(bySet))
	for name := range bySet {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		if i == maxCaseWarnings {
			l.warn("%d more sets of groups differing only by case were merged; only the first %d are listed", len(names)-i, maxCaseWarnings)
			return
		}
		others := bySet[name]
		sort.Strings(others)
		l.warn("groups %s merged into %q by --fold-groups",
			countNames(append([]string{name}, others...), l.spellDocs), name)
	}
}

// groupCounts lists names with their documents: "Wire" (3 documents), "wire" (1)
// and "WIRE" (2).
func (l *loader) groupCounts(names []string) string { return countNames(names, l.groupDocs) }

// countNames lists names with their documents in docs: "Wire" (3
// documents), "wire" (1) and "WIRE" (2).
func countNames(names []string, docs map[string]int) string {
	parts := make([]string, len(names))
	for i, g := range names {
		n := docs[g]
		if i == 0 {
			parts[i] = fmt.Sprintf("%q (%d %s)", g, n, pluralWord(n, "document", "documents"))
		} else {
			parts[i] = fmt.Sprintf("%q (%d)", g, n)
		}
	}
	last := len(parts) - 1
	return strings.Join(parts[:last], ", ") + " and " + parts[last]
}

// foldKey maps s to a key shared by exactly the strings equal to it under
// simple Unicode case folding (strings.EqualFold): each rune becomes the
// smallest rune of its folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}
