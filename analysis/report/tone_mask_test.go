package report

import (
	"fmt"
	"strings"
	"testing"

	"parallax/analysis/resample"
	"parallax/analysis/tonestats"
)

func TestToneUnscoredSection(t *testing.T) {
	iv := func(m float64) resample.Interval { return resample.Interval{Mean: m, N: 10} }
	s := &tonestats.Summary{
		Instruments: []string{"vader", "nb_pos", "vader_all"},
		Groups:      []string{"Fox News", "Vox"},
		// Fox: −0.175 scored, +0.045 with "illegal" left out; Vox equal.
		Intervals: [][]resample.Interval{{iv(0.045), iv(0.051)}, {iv(0.6), iv(0.6)}, {iv(-0.175), iv(0.051)}},
		Unscored:  []string{"illegal"},
	}
	sec, ok := ToneUnscoredSection(s)
	if !ok {
		t.Fatal("no section")
	}
	tb := sec.Display
	if len(tb.Rows) != 1 || tb.Rows[0][0].Str != "Fox News" {
		t.Fatalf("rows %v: want Fox News only", tb.Rows)
	}
	// change = 0.045 − (−0.175) = 0.220
	if got := tb.Rows[0][4].Float; got < 0.22-1e-12 || got > 0.22+1e-12 {
		t.Errorf("change %v, want 0.220", got)
	}
	if !strings.Contains(strings.Join(tb.Notes, " "), "1 word under comparison") || !strings.Contains(strings.Join(tb.Notes, " "), "would score (* for every word it begins): illegal.") {
		t.Errorf("notes %q do not name the word left out", tb.Notes)
	}
	s.Unscored = nil
	if _, ok := ToneUnscoredSection(s); ok {
		t.Error("a section without words left out")
	}
	if UnscoredNote(nil, true) != "" {
		t.Error("a note without words")
	}
	many := []string{"undocumented", "immigrants"}
	for i := range 45 {
		many = append(many, fmt.Sprintf("w%d*", i))
	}
	if n := UnscoredNote(many, false); !strings.Contains(n, "47 words") || !strings.Contains(n, "and 5 more") || strings.Contains(n, "undocumented") {
		t.Errorf("long note %q", n)
	}
}

// TestWithUnscoredNoteStance checks that a table with a stance column gets
// the stance note beside the tone's, and one without does not.
func TestWithUnscoredNoteStance(t *testing.T) {
	words := []string{"illegal", "immigrants"}
	sec := WithUnscoredNote(Section{Display: &Table{Columns: []string{"actor", "tone", "stance"}},
		Tidy: &Table{Columns: []string{"actor", "tone"}}}, words)
	if n := sec.Display.Notes; len(n) != 2 || !strings.HasPrefix(n[1], "Stance leaves out the same 2 words") {
		t.Errorf("display notes %q, want the tone note then the stance note", n)
	}
	if n := sec.Tidy.Notes; len(n) != 1 || strings.Contains(n[0], "Stance") {
		t.Errorf("tidy notes %q, want the tone note only", n)
	}
	if s := WithUnscoredNote(Section{Display: &Table{Columns: []string{"stance"}}}, nil); len(s.Display.Notes) != 0 {
		t.Errorf("no words: notes %q", s.Display.Notes)
	}
}
