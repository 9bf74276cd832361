package corpus

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

// selectionInput is a JSON Lines corpus of 12 records: outlets A (5), B
// (4), C (2), D (1); topics, dates of every kind, one duplicate text.
const selectionInput = `{"outlet":"A","topic":"immigration","date":"2016-01-05","text":"a one"}
{"outlet":"A","topic":"immigration","date":"2017-06-30T12:00:00Z","text":"a two"}
{"outlet":"A","topic":"economy","date":"2018-12-31","text":"a three"}
{"outlet":"A","topic":"immigration","date":"2019-01-01","text":"a four"}
{"outlet":"A","topic":"immigration","date":"2016","text":"a five"}
{"outlet":"B","topic":"immigration","date":"1/21/2017","text":"b one"}
{"outlet":"B","topic":"immigration","text":"b two"}
{"outlet":"B","topic":"immigration","date":"2016-02","text":"b three"}
{"outlet":"B","topic":"immigration","date":"2015-12-31","text":"b four"}
{"outlet":"C","topic":"immigration","date":"2017-03-03","text":"c one"}
{"outlet":"C","topic":"economy","date":"2017-03-04","text":"a one"}
{"outlet":"D","topic":"immigration","date":"2017-03-05","text":"d one"}
`

func loadSelected(t *testing.T, sel *Selection, opt LoadOptions) loadResult {
	t.Helper()
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(selectionInput)}}
	opt.Select = sel
	return collectLoad(t, "c.jsonl", func(emit func(*Document) error) (*LoadReport, error) {
		return Load(fsys, "c.jsonl", opt, emit)
	})
}

func texts(docs []*Document) string {
	return strings.Join(docField(docs, func(d *Document) string { return d.Text }), "|")
}

func TestSelectionWhereAndDates(t *testing.T) {
	where, err := ParseCondition("topic=immigration")
	if err != nil {
		t.Fatal(err)
	}
	r := loadSelected(t, &Selection{Where: []Condition{where}, From: "2016", To: "2017-06"}, LoadOptions{})
	if r.err != nil {
		t.Fatal(r.err)
	}
	// kept by hand: a one (2016-01-05), a two (2017-06-30 with a time),
	// a five (the year 2016 lies inside), b three (2016-02), c one, d one.
	if got, want := texts(r.docs), "a one|a two|a five|b three|c one|d one"; got != want {
		t.Errorf("kept %s, want %s", got, want)
	}
	s := r.rep.Selection
	want := []Removal{{"--where topic=immigration", 2}, {"--from/--to", 4}}
	if !reflect.DeepEqual(s.Removed, want) {
		t.Errorf("removed %v, want %v", s.Removed, want)
	}
	if s.Undated != 1 || s.BadDate != 1 || len(s.BadDates) != 1 || s.BadDates[0] != `c.jsonl:6 "1/21/2017"` {
		t.Errorf("undated %d, bad %d %q; want 1, 1 [c.jsonl:6 \"1/21/2017\"]", s.Undated, s.BadDate, s.BadDates)
	}
	// "c.jsonl:11" (economy) repeats the text of line 1 but was removed by
	// --where before duplicates were looked for: not a skip.
	if len(r.rep.Skipped) != 0 {
		t.Errorf("skipped %v, want none", r.rep.Skipped)
	}
	// A value no record has draws a warning naming the common values.
	misspelt, _ := ParseCondition("topic=immigration,imigration")
	r = loadSelected(t, &Selection{Where: []Condition{misspelt}}, LoadOptions{})
	if w := strings.Join(r.rep.Warnings, "\n"); !strings.Contains(w, `--where topic=immigration,imigration: no record has topic "imigration": check the spelling (its most common values: "immigration" (10), "economy" (2))`) {
		t.Errorf("warnings: %s", w)
	}
	// The negated form keeps records without the field.
	neg, _ := ParseCondition("topic != economy, sports")
	r = loadSelected(t, &Selection{Where: []Condition{neg}}, LoadOptions{})
	if r.rep.Loaded != 10 || r.rep.Selection.Removed[0].N != 2 {
		t.Errorf("topic!=economy: loaded %d, removed %v; want 10, 2", r.rep.Loaded, r.rep.Selection.Removed)
	}
}

func TestSelectionGroups(t *testing.T) {
	r := loadSelected(t, &Selection{Groups: []string{"C", " B "}}, LoadOptions{})
	if got, want := texts(r.docs), "b one|b two|b three|b four|c one|a one"; got != want || r.err != nil {
		t.Errorf("kept %s (%v), want %s", got, r.err, want)
	}
	r = loadSelected(t, &Selection{Groups: []string{"c"}}, LoadOptions{FoldGroups: true})
	if r.rep.Loaded != 2 {
		t.Errorf("--groups c with folding: loaded %d, want 2", r.rep.Loaded)
	}
	r = loadSelected(t, &Selection{Groups: []string{"A", "Fox"}}, LoadOptions{})
	var se *SelectionError
	if !errors.As(r.err, &se) || !strings.Contains(r.err.Error(), `no selected record has group "Fox"`) || !strings.Contains(r.err.Error(), `"A", "B", "C", "D"`) {
		t.Errorf("unknown group: %v", r.err)
	}
	r = loadSelected(t, &Selection{Where: []Condition{{Field: "topc", Values: []string{"x"}}}}, LoadOptions{})
	if !errors.As(r.err, &se) || !strings.Contains(r.err.Error(), `no record has a field "topc"`) || !strings.Contains(r.err.Error(), "date, outlet, topic") {
		t.Errorf("unknown field: %v", r.err)
	}
	r = loadSelected(t, &Selection{Where: []Condition{{Field: "text", Values: []string{"x"}}}}, LoadOptions{})
	if !errors.As(r.err, &se) {
		t.Errorf("--where on the text: %v", r.err)
	}
}

func TestSelectionGroupCounts(t *testing.T) {
	// After duplicates: A 5, B 4, C 1 (its "a one" repeats line 1), D 1.
	r := loadSelected(t, &Selection{MinDocs: 2}, LoadOptions{})
	if r.err != nil {
		t.Fatal(r.err)
	}
	s := r.rep.Selection
	if want := []GroupCount{{"C", 1}, {"D", 1}}; !reflect.DeepEqual(s.LeftOut, want) {
		t.Errorf("left out %v, want %v", s.LeftOut, want)
	}
	if want := []Removal{{"--min-docs 2", 2}}; !reflect.DeepEqual(s.Removed, want) || r.rep.Loaded != 9 {
		t.Errorf("removed %v, loaded %d; want %v, 9", s.Removed, r.rep.Loaded, want)
	}
	// Skips are those of the whole input: the duplicate is still one.
	if len(r.rep.Skipped) != 1 {
		t.Errorf("skipped %v, want the duplicate", r.rep.Skipped)
	}
	r = loadSelected(t, &Selection{TopGroups: 1, Where: []Condition{{Field: "topic", Values: []string{"immigration"}}}}, LoadOptions{})
	// Ties broken by name: A kept.
	if got := fmt.Sprint(r.rep.Selection.LeftOut); got != "[{B 4} {C 1} {D 1}]" {
		t.Errorf("--top-groups 1: left out %s, want [{B 4} {C 1} {D 1}]", got)
	}
	_, err := LoadPath("-", LoadOptions{Stdin: strings.NewReader(selectionInput), Select: &Selection{MinDocs: 2}}, func(*Document) error { return nil })
	var se *SelectionError
	if !errors.As(err, &se) {
		t.Errorf("--min-docs on standard input: %v", err)
	}
}

func TestParseDateBound(t *testing.T) {
	for _, c := range []struct {
		in   string
		end  bool
		want string
	}{{"2016", false, "2016-01-01"}, {"2016", true, "2016-12-31"}, {"2016-02", true, "2016-02-29"}, {"2017-02", true, "2017-02-28"}, {"2016-03-04", true, "2016-03-04"}} {
		if got, err := ParseDateBound("to", c.in, c.end); got != c.want || err != nil {
			t.Errorf("%s (end %v): %s, %v; want %s", c.in, c.end, got, err, c.want)
		}
	}
	for _, bad := range []string{"16", "2016-13", "2016-02-30", "1/2/2016", "2016-01-01T10:00", ""} {
		if _, err := ParseDateBound("from", bad, false); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestSelectionCountNotInProgress: the first reading of --min-docs is not
// counted in the bytes a progress display shows, and happens once for two
// loads of the same input with the same Selection.
func TestSelectionCountNotInProgress(t *testing.T) {
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(selectionInput)}}
	src := Source{FS: fsys, Path: "c.jsonl", Name: "c.jsonl"}
	sel := &Selection{MinDocs: 2}
	var n atomic.Int64
	rep, err := src.Load(LoadOptions{Select: sel}, func(*Document) error { return nil }, &n)
	if err != nil || rep.Loaded != 9 {
		t.Fatalf("loaded %v, %v; want 9", rep, err)
	}
	if got := n.Load(); got != int64(len(selectionInput)) {
		t.Errorf("bytes counted %d, want the input once (%d)", got, len(selectionInput))
	}
	n.Store(0)
	if _, err := src.Load(LoadOptions{Select: sel}, func(*Document) error { return nil }, &n); err != nil || n.Load() != int64(len(selectionInput)) {
		t.Errorf("second load: %d bytes, %v", n.Load(), err)
	}
}

// --from and --to read the date a record is given when its date field is
// empty: from its URL (or a dateline), as the loaded document's Date is.
func TestSelectionDatesFromURL(t *testing.T) {
	input := `{"outlet":"W","url":"https://www.wsj.com/2017/04/04/extreme-vetting","text":"w one"}
{"outlet":"W","url":"https://www.wsj.com/2018/01/02/other","text":"w two"}
{"outlet":"W","url":"https://www.wsj.com/articles/no-date","text":"w three"}
{"outlet":"W","date":"2017-05-01","url":"https://www.wsj.com/2019/01/01/field-wins","text":"w four"}
`
	fsys := fstest.MapFS{"u.jsonl": {Data: []byte(input)}}
	r := collectLoad(t, "u.jsonl", func(emit func(*Document) error) (*LoadReport, error) {
		return Load(fsys, "u.jsonl", LoadOptions{Select: &Selection{From: "2017", To: "2017"}}, emit)
	})
	if r.err != nil {
		t.Fatal(r.err)
	}
	// By hand: w one (URL 2017-04-04) and w four (field 2017-05-01, the
	// field before the URL) are inside 2017; w two (URL 2018) is outside;
	// w three has no date anywhere.
	if got, want := texts(r.docs), "w one|w four"; got != want {
		t.Errorf("kept %s, want %s", got, want)
	}
	if got := docField(r.docs, func(d *Document) string { return d.Date + " " + d.DateSource }); got[0] != "2017-04-04 url" || got[1] != "2017-05-01 field" {
		t.Errorf("dates %q", got)
	}
	if s := r.rep.Selection; s.Undated != 1 || s.Removed[0].N != 2 {
		t.Errorf("undated %d, removed %v; want 1 undated of 2 removed", s.Undated, s.Removed)
	}
}
