package report

import (
	"fmt"
	"strings"

	"parallax/analysis/corpus"
)

// maxLeftOutNamed bounds the groups a note names; LeftOutSection lists
// them all.
const maxLeftOutNamed = 10

// selectionNotes says what the selection (--where, --from/--to, --groups,
// --min-docs, --top-groups) removed: the records each filter removed, the
// records without a readable date, and the groups left out with their
// documents. Nothing without a selection.
func selectionNotes(l *corpus.LoadReport) []string {
	s := l.Selection
	if s == nil {
		return nil
	}
	var parts []string
	for _, r := range s.Removed {
		part := fmt.Sprintf("%s %d", r.Filter, r.N)
		if r.Filter == "--from/--to" {
			part += fmt.Sprintf(" (of which no date %d, a date not in ISO 8601 form %d)", s.Undated, s.BadDate)
		}
		parts = append(parts, part)
	}
	notes := []string{fmt.Sprintf("The selection removed %d of %s: %s.", s.Total(), Plural(l.Read, "record"), strings.Join(parts, "; "))}
	if len(s.BadDates) > 0 {
		more := ""
		if s.BadDate > len(s.BadDates) {
			more = ", …"
		}
		notes = append(notes, fmt.Sprintf("Dates not in ISO 8601 form (YYYY-MM-DD) cannot be placed between --from and --to, so these records were left out: %s%s.", strings.Join(s.BadDates, ", "), more))
	}
	if n := len(s.LeftOut); n > 0 {
		docs := 0
		var named []string
		for i, g := range s.LeftOut {
			docs += g.Docs
			if i < maxLeftOutNamed {
				named = append(named, fmt.Sprintf("%s (%d)", g.Group, g.Docs))
			}
		}
		list := strings.Join(named, ", ")
		if n > maxLeftOutNamed {
			list += fmt.Sprintf(", … %d more (parallax corpus lists them all)", n-maxLeftOutNamed)
		}
		notes = append(notes, fmt.Sprintf("Left out: %s with %s: %s.", Plural(n, "group"), Plural(docs, "document"), list))
	}
	return notes
}

// LeftOutSection lists every group --min-docs and --top-groups left out,
// with its documents; ok is false when none was.
func LeftOutSection(l *corpus.LoadReport) (Section, bool) {
	if l == nil || l.Selection == nil || len(l.Selection.LeftOut) == 0 {
		return Section{}, false
	}
	t := &Table{Name: "left_out", Title: "Groups left out by --min-docs or --top-groups", Columns: []string{"group", "docs"}}
	for _, g := range l.Selection.LeftOut {
		t.Rows = append(t.Rows, []Value{Str(g.Group), Int(int64(g.Docs))})
	}
	t.Notes = []string{"docs: the documents each group had after the other filters, duplicates and empty texts; most first."}
	return Section{Display: t}, true
}

// selectionFlags are the corpus-selection flags with the value that
// selects nothing.
var selectionFlags = map[string]string{"where": "", "from": "", "to": "", "groups": "", "min-docs": "0", "top-groups": "0"}

// omitUnusedSelection drops the selection flags that select nothing from
// the options: provenance lists a selection only when there is one, so a
// run on the whole corpus reads as before.
func omitUnusedSelection(opts map[string]string) {
	for name, off := range selectionFlags {
		if v, ok := opts[name]; ok && v == off {
			delete(opts, name)
		}
	}
}
