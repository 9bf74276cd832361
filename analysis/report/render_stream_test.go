package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestRenderStreamedRows: a table whose rows come from RowSeq (reusing one
// row slice, as tidyTermRows does) renders byte for byte like the same table
// held in Rows, in every format; a streamed row of the wrong length is an
// error.
func TestRenderStreamedRows(t *testing.T) {
	rows := [][]Value{
		{Str("Alpha"), Int(3), Float(0.25, 2), Prob(1e-7)},
		{Str("Beta, \"quoted\""), Int(0), NA(), Prob(0.5)},
	}
	held := &Table{Name: "t", Title: "T", Columns: []string{"group", "n", "x", "p"}, Rows: rows, Notes: []string{"a note"}}
	streamed := &Table{Name: "t", Title: "T", Columns: held.Columns, Notes: held.Notes,
		RowSeq: func(yield func([]Value) bool) {
			buf := make([]Value, 4)
			for _, r := range rows {
				copy(buf, r)
				if !yield(buf) {
					return
				}
			}
		}}
	prov := Provenance{Tool: "parallax", Version: "test", Command: "t"}
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatCSV, FormatJSON} {
		var a, b bytes.Buffer
		if err := Render(&a, &Report{Provenance: prov, Sections: []Section{{Display: held}}}, f, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := Render(&b, &Report{Provenance: prov, Sections: []Section{{Display: streamed}}}, f, Options{}); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s: streamed rows render differently:\n%s\nheld:\n%s", f, b.String(), a.String())
		}
	}
	bad := &Table{Name: "bad", Columns: []string{"a", "b"}, RowSeq: func(yield func([]Value) bool) { yield([]Value{Int(1)}) }}
	for _, f := range []Format{FormatCSV, FormatJSON} {
		var out bytes.Buffer
		err := Render(&out, &Report{Provenance: prov, Sections: []Section{{Display: bad}}}, f, Options{})
		if err == nil || !strings.Contains(err.Error(), `table "bad" row 1 has 1 cells for 2 columns`) {
			t.Errorf("%s: short streamed row: err = %v", f, err)
		}
	}
}
