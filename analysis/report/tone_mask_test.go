package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"parallax/analysis/framing"
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

// TestWithActorToneAll checks that tone_all comes after tone_high in the
// tidy table, with each row's ToneAll (n/a for a row without one), and
// that nothing changes without words left out.
func TestWithActorToneAll(t *testing.T) {
	mk := func() Section {
		return Section{Display: &Table{Columns: []string{"actor", "group", "tone"}},
			Tidy: &Table{Columns: []string{"actor", "group", "tone", "tone_low", "tone_high", "stance"},
				Rows: [][]Value{{Str("A"), Str("X"), Float(0.1, 3), Float(0, 3), Float(0.2, 3), Float(0.3, 3)},
					{Str("B"), Str("X"), NA(), NA(), NA(), NA()}}}}
	}
	rows := []framing.ActorRow{{Actor: "A", Group: "X", ToneAll: -0.25}}
	sec := WithActorToneAll(mk(), rows, []string{"illegal"})
	tt := sec.Tidy
	if at := slices.Index(tt.Columns, "tone_all"); at != 5 {
		t.Fatalf("columns %q: tone_all at %d, want 5", tt.Columns, at)
	}
	if v := tt.Rows[0][5]; v.Kind != KindFloat || v.Float != -0.25 {
		t.Errorf("A/X tone_all %+v, want -0.25", v)
	}
	if v := tt.Rows[1][5]; v.Kind != KindNA {
		t.Errorf("B/X tone_all %+v, want n/a", v)
	}
	if len(tt.Notes) != 1 || !strings.HasPrefix(tt.Notes[0], "tone_all: ") || len(sec.Display.Notes) != 1 {
		t.Errorf("notes %q / %q", tt.Notes, sec.Display.Notes)
	}
	if s := WithActorToneAll(mk(), rows, nil); len(s.Tidy.Columns) != 6 || len(s.Display.Notes) != 0 {
		t.Errorf("without words: columns %q, notes %q", s.Tidy.Columns, s.Display.Notes)
	}
}
