package report

import (
	"bytes"
	"strings"
	"testing"
)

// A passage column (CutWrap) wraps within its cell instead of being cut;
// a passage too long for maxWrapLines lines makes the table records, where
// it wraps in full. Either way every word is printed and no line is wider
// than the width.
func TestWrapKeepsTextWhole(t *testing.T) {
	short := "The peace deal brokered by Russia ended 44 days of conflict between the two armies."
	long := strings.Repeat("Every word of this sentence must be printed whole on the terminal. ", 8)
	for _, text := range []string{short, long} {
		tab := &Table{Name: "passages", Title: "Passages", Columns: []string{"group", "doc", "passage"},
			Cut:  map[string]Cut{"doc": CutNever, "passage": CutWrap},
			Rows: [][]Value{{Str("EU Reporter"), Str("001_7fe228a42ad5170a"), Str(text)}}}
		var buf bytes.Buffer
		if err := Render(&buf, &Report{Sections: []Section{{Display: tab}}}, FormatTable, Options{Width: 60}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, line := range strings.Split(out, "\n") {
			if displayWidth(line) > 60 {
				t.Errorf("line wider than 60: %q", line)
			}
		}
		if strings.Contains(out, "…") {
			t.Errorf("the passage was cut:\n%s", out)
		}
		// The cell's lines, borders and record indentation removed, hold the text.
		joined := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "passage:", " ").Replace(out)), " ")
		if !strings.Contains(joined, strings.Join(strings.Fields(text), " ")) {
			t.Errorf("the passage is not whole:\n%s", out)
		}
	}
}

func TestCountsAndWideMarks(t *testing.T) {
	v := markWide(withCount(Float(28.69, 2), 7), 28.69, 0, 71.43, 0)
	if got := textValue(v); got != "28.69 (7)~" {
		t.Errorf("rate with count, wide interval: %q, want %q", got, "28.69 (7)~")
	}
	if got := textValue(markWide(withCount(Float(37.46, 2), 23), 37.46, 21.01, 55.05, 0)); got != "37.46 (23)" {
		t.Errorf("narrow interval: %q, want no mark", got)
	}
	// nb_pos: 0.772 is 0.272 from the neutral 0.5; [0.626, 0.905] is 0.279 wide.
	if !wide(0.772, 0.626, 0.905, 0.5) || wide(0.813, 0.746, 0.879, 0.5) {
		t.Error("wide: nb_pos intervals measured against 0.5")
	}
}

func TestFlagSmall(t *testing.T) {
	tab := &Table{Name: "labels", Columns: []string{"referent", "group", "hits"},
		Rows: [][]Value{{Str("the region"), Str("A"), Int(3)}, {Str("the region"), Str("B"), Int(1)}}}
	r := &Report{Sections: []Section{{Display: tab}}}
	FlagSmall(r, map[string]int{"A": 12, "B": 2})
	d := r.Sections[0].Display
	if strings.Join(d.Columns, ",") != "referent,group,flag,hits" || d.Rows[0][2].Str != "" || d.Rows[1][2].Str != "small" {
		t.Errorf("flagged: %v %v", d.Columns, d.Rows)
	}
	if r.Sections[0].Tidy == nil || len(r.Sections[0].Tidy.Columns) != 3 {
		t.Error("the tidy form (CSV, JSON) must stay without the flag")
	}
}
