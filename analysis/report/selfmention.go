package report

import (
	"fmt"
	"strings"

	"parallax/analysis/termstats"
)

// SelfMentionNote is the run summary's line on self-mentions: how many
// terms of how many groups were kept out of the term statistics, or "" when
// none was.
func SelfMentionNote(masked []termstats.MaskedTerms) string {
	if len(masked) == 0 {
		return ""
	}
	terms := 0
	for _, m := range masked {
		terms += len(m.Terms)
	}
	return fmt.Sprintf("Self-mentions (a group's own name, initials, web domain and brand forms, and its staff's names) were kept out of the term statistics: %s of %s; parallax corpus lists them, --keep-self-mentions keeps them.",
		Plural(terms, "term"), Plural(len(masked), "group"))
}

// SelfMentionSection lists each group's masked self-mentions; ok is false
// when there is none.
func SelfMentionSection(masked []termstats.MaskedTerms) (Section, bool) {
	if len(masked) == 0 {
		return Section{}, false
	}
	t := &Table{Name: "self_mentions", Title: "Self-mentions kept out of the term statistics", Columns: []string{"group", "occurrences", "self-mentions"}}
	for _, m := range masked {
		t.Rows = append(t.Rows, []Value{Str(m.Group), Int(m.Count), Str(strings.Join(m.Terms, ", "))})
	}
	t.Notes = []string{"See docs/cleaning.md (Self-mentions, Staff names) for how they are found; --keep-self-mentions keeps them."}
	return Section{Display: t}, true
}

// AddNote appends note to the notes of the section's tables ("" adds
// nothing).
func (s Section) AddNote(note string) {
	if note == "" {
		return
	}
	if s.Display != nil {
		s.Display.Notes = append(s.Display.Notes, note)
	}
	if s.Tidy != nil && s.Tidy != s.Display {
		s.Tidy.Notes = append(s.Tidy.Notes, note)
	}
}
