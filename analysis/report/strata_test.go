package report

import (
	"strings"
	"testing"

	"parallax/analysis/termstats"
)

// TestStrataSection: CNN 3 documents in 2013 and 1 in 2018, Reuters 1
// undated and 4 in 2018, by hand.
func TestStrataSection(t *testing.T) {
	keys := []string{termstats.CellKey("CNN", "2013"), termstats.CellKey("CNN", "2018"),
		termstats.CellKey("Reuters", "2018"), termstats.CellKey("Reuters", "undated")}
	cells, err := termstats.NewTermTableDense(keys, []string{"x"}, [][]int64{{3}, {1}, {4}, {1}}, [][]int64{{3}, {1}, {4}, {1}}, []int{3, 1, 4, 1})
	if err != nil {
		t.Fatal(err)
	}
	sec := StrataSection(cells, termstats.NewStrata(cells), "year")
	var got []string
	for _, r := range sec.Display.Rows {
		got = append(got, textValue(r[0])+"|"+textValue(r[1])+"|"+textValue(r[2])+"|"+textValue(r[3]))
	}
	want := []string{"CNN|4|2|2013: 3 (75%), 2018: 1 (25%)", "Reuters|5|2|2018: 4 (80%), undated: 1 (20%)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("display rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(sec.Tidy.Rows) != 4 || textValue(sec.Tidy.Rows[3][3]) != "20.0" {
		t.Errorf("tidy rows %v", sec.Tidy.Rows)
	}
	notes := strings.Join(sec.Display.Notes, "\n")
	for _, w := range []string{"3 strata: 2013 3, 2018 5, undated 1 documents.", "2 of 2 groups have more than half"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
}
