package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestShiftDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		days int
		want string
	}{
		{"2016-09-20", 0, "2016-09-20"},
		{"2016-09-20", 7, "2016-09-27"},
		{"2016-12-28", 7, "2017-01-04"},
		{"2016-02-27", 2, "2016-02-29"}, // leap year
		{"2016-09-20T14:03:00Z", 14, "2016-10-04T14:03:00Z"},
		{"2016-09-20 14:03", 1, "2016-09-21 14:03"},
		{"0001-11-30", 7, "0001-12-07"},
		{"2016-09-20", -21, "2016-08-30"},
		{"9/6/17", 7, "9/13/17"},
		{"12/22/16", 10, "1/1/17"},
		{"7/23/17", 63, "9/24/17"},
		{"4/4/17", 0, "4/4/17"},
		{"09/06/17", 30, "10/06/17"}, // padded month and day stay padded
		{"09/06/2017", 1, "09/07/2017"},
		{"12/1/16", 31, "1/1/17"},
		{"12/1/68", 31, "1/1/2069"},  // beyond what two digits name
		{"1/1/69", -1, "12/31/1968"}, // before it
		{"", 7, ""},
		{"2016-09", 7, "2016-09"},
		{"2016", 7, "2016"},
		{"2016-02-30", 7, "2016-02-30"},
		{"20160920", 7, "20160920"},
		{"2016-09-201", 7, "2016-09-201"},
		{"13/6/17", 7, "13/6/17"},
		{"9/6/7", 7, "9/6/7"},
		{"9/6/017", 7, "9/6/017"},
		{"a/b/cd", 7, "a/b/cd"},
		{"yesterday", 7, "yesterday"},
	} {
		if got := shiftDate(c.in, c.days); got != c.want {
			t.Errorf("shiftDate(%q, %d) = %q, want %q", c.in, c.days, got, c.want)
		}
	}
}

func TestRewrite(t *testing.T) {
	for _, c := range []struct {
		in   string
		k    int
		days int
		want string
	}{
		{`{"id": "a1", "outlet": "NPR Editorial ", "date": "2016-09-20", "text": "x"}`, 1, 0,
			`{"date":"2016-09-20","id":"a1-r1","outlet":"NPR Editorial ","text":"x"}`},
		{`{"id": "a1", "outlet": "NPR", "date": "2016-09-20", "text": "x"}`, 3, 14,
			`{"date":"2016-10-04","id":"a1-r3","outlet":"NPR","text":"x"}`},
		{`{"id": 17, "date": "9/6/17"}`, 2, 7, `{"date":"9/13/17","id":"17-r2"}`},
		{`{"id": "b", "date": ""}`, 2, 7, `{"date":"","id":"b-r2"}`},
		{`{"id": "b", "date": null}`, 2, 7, `{"date":null,"id":"b-r2"}`},
		{`{"id": "b", "date": 20160920}`, 2, 7, `{"date":20160920,"id":"b-r2"}`},
		{`{"id": "b", "date": "0001-11-30"}`, 2, 7, `{"date":"0001-12-07","id":"b-r2"}`},
		{`{"id": "b", "published": "2016-09-20"}`, 2, 1, `{"id":"b-r2","published":"2016-09-21"}`},
		{`{"text": "no id"}`, 2, 7, `{"text":"no id"}`},
		{`{"id": null}`, 2, 7, `{"id":null}`},
		{`{"id": "<&>", "text": "<b>\u2028 \"q\" é"}`, 4, 7,
			`{"id":"<&>-r4","text":"<b>\u2028 \"q\" é"}`},
	} {
		got, err := rewrite([]byte(c.in), c.k, c.days)
		if err != nil {
			t.Errorf("rewrite(%s): %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("rewrite(%s, %d, %d)\n got %s\nwant %s", c.in, c.k, c.days, got, c.want)
		}
	}
	if _, err := rewrite([]byte(`{"id": `), 1, 0); err == nil {
		t.Error("rewrite of a broken line: no error")
	}
}

// TestReplicate checks the copies: n of them, ids fresh in each, dates of
// copy k moved by (k−1)·days, texts unchanged.
func TestReplicate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	in := `{"id":"x","date":"2020-01-30","text":"one"}` + "\n\n" + `{"id":"y","date":"1/30/20","text":"two"}` + "\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	copies, n, err := replicate(path, 3, 0, 7, &out)
	if err != nil || copies != 3 || n != int64(out.Len()) {
		t.Fatalf("replicate: %d copies, %d bytes (%d written), %v", copies, n, out.Len(), err)
	}
	want := []string{
		`{"date":"2020-01-30","id":"x-r1","text":"one"}`,
		`{"date":"1/30/20","id":"y-r1","text":"two"}`,
		`{"date":"2020-02-06","id":"x-r2","text":"one"}`,
		`{"date":"2/6/20","id":"y-r2","text":"two"}`,
		`{"date":"2020-02-13","id":"x-r3","text":"one"}`,
		`{"date":"2/13/20","id":"y-r3","text":"two"}`,
	}
	lines := bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out.Bytes())
	}
	for i, l := range lines {
		if string(l) != want[i] || !json.Valid(l) {
			t.Errorf("line %d: %s, want %s", i+1, l, want[i])
		}
	}
	// -size: whole copies until the size is reached.
	out.Reset()
	copies, _, err = replicate(path, 1, 100, 7, &out)
	if err != nil || copies != 2 {
		t.Errorf("replicate -size 100: %d copies, %v; want 2", copies, err)
	}
}
