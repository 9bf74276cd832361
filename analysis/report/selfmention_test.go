package report

import (
	"strings"
	"testing"

	"parallax/analysis/termstats"
)

func TestSelfMentionNote(t *testing.T) {
	if SelfMentionNote(nil) != "" {
		t.Error("a note with nothing masked")
	}
	m := []termstats.MaskedTerms{{Group: "A", Terms: []string{"a", "b"}, Count: 7}, {Group: "B", Terms: []string{"c"}, Count: 1}}
	if n := SelfMentionNote(m); !strings.Contains(n, "3 terms of 2 groups") {
		t.Errorf("note %q, want 3 terms of 2 groups", n)
	}
	s, ok := SelfMentionSection(m)
	if !ok || len(s.Display.Rows) != 2 || s.Display.Rows[0][1] != Int(7) || s.Display.Rows[0][2] != Str("a, b") {
		t.Errorf("section %+v", s.Display)
	}
	s.AddNote("x")
	if got := s.Display.Notes[len(s.Display.Notes)-1]; got != "x" {
		t.Errorf("AddNote: last note %q", got)
	}
}
