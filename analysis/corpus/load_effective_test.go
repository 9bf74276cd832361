package corpus

import (
	"testing"
	"testing/fstest"
)

// The load report says which format was read and how many documents took
// their date from "published" for want of a "date" field.
func TestLoadReportFormatAndDateFallback(t *testing.T) {
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(
		`{"outlet":"A","text":"one text here","date":"2020-01-01"}` + "\n" +
			`{"outlet":"A","text":"another text","published":"2020-02-02"}` + "\n" +
			`{"outlet":"B","text":"a third text"}` + "\n")}}
	var dates []string
	rep, err := Load(fsys, "c.jsonl", LoadOptions{}, func(d *Document) error { dates = append(dates, d.Date); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != "jsonl" || rep.DatePublished != 1 {
		t.Errorf("format %q, %d dates from published; want jsonl, 1", rep.Format, rep.DatePublished)
	}
	if len(dates) != 3 || dates[1] != "2020-02-02" {
		t.Errorf("dates %q", dates)
	}
	// --date published names the field: no fallback is counted.
	rep, err = Load(fsys, "c.jsonl", LoadOptions{DateField: "published"}, func(*Document) error { return nil })
	if err != nil || rep.DatePublished != 0 {
		t.Errorf("explicit --date published: %d fallbacks, err %v", rep.DatePublished, err)
	}
}
