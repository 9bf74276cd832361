package report

import (
	"bytes"
	"os"
	"path/filepath"
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
		{Str("Gamma, a group with a rather long name"), Int(7), Float(1.5, 2), Prob(0.01)},
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
	// a narrow terminal: string cells are cut, numbers never (the text
	// renderer reads streamed rows straight into its cells)
	for _, width := range []int{40, 60, 20} {
		var a, b bytes.Buffer
		if err := Render(&a, &Report{Provenance: prov, Sections: []Section{{Display: held}}}, FormatTable, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		if err := Render(&b, &Report{Provenance: prov, Sections: []Section{{Display: streamed}}}, FormatTable, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("width %d: streamed rows render differently:\n%s\nheld:\n%s", width, b.String(), a.String())
		}
		if width == 40 && !strings.Contains(a.String(), "…") {
			t.Errorf("width %d: nothing cut:\n%s", width, a.String())
		}
	}
	bad := &Table{Name: "bad", Columns: []string{"a", "b"}, RowSeq: func(yield func([]Value) bool) { yield([]Value{Int(1)}) }}
	for _, f := range []Format{FormatCSV, FormatJSON, FormatTable} {
		var out bytes.Buffer
		err := Render(&out, &Report{Provenance: prov, Sections: []Section{{Display: bad}}}, f, Options{})
		if err == nil || !strings.Contains(err.Error(), `table "bad" row 1 has 1 cells for 2 columns`) {
			t.Errorf("%s: short streamed row: err = %v", f, err)
		}
	}
}

// TestWriteDirStreamed: WriteDir writes a streamed table as Render does, and
// a streamed row of the wrong length leaves no partial file behind.
func TestWriteDirStreamed(t *testing.T) {
	prov := Provenance{Tool: "parallax", Version: "test", Command: "t"}
	rows := func(bad bool) func(func([]Value) bool) {
		return func(yield func([]Value) bool) {
			for i := range 1000 {
				row := []Value{Str("g"), Int(int64(i))}
				if bad && i == 999 {
					row = row[:1]
				}
				if !yield(row) {
					return
				}
			}
		}
	}
	good := &Report{Provenance: prov, Sections: []Section{{Display: &Table{Name: "t", Columns: []string{"a", "b"}, RowSeq: rows(false)}}}}
	var want bytes.Buffer
	if err := Render(&want, good, FormatCSV, Options{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := WriteDir(dir, good, FormatCSV, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "t.csv")); err != nil || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("t.csv (%v) differs from Render's output", err)
	}
	bad := &Report{Provenance: prov, Sections: []Section{{Display: &Table{Name: "u", Columns: []string{"a", "b"}, RowSeq: rows(true)}}}}
	if _, err := WriteDir(dir, bad, FormatCSV, Options{}); err == nil || !strings.Contains(err.Error(), "row 1000 has 1 cells") {
		t.Errorf("bad streamed row: err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "u.csv")); !os.IsNotExist(err) {
		t.Errorf("u.csv left behind after the error (stat: %v)", err)
	}
}
