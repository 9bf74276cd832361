package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// loadResult is what one load produced.
type loadResult struct {
	docs []*Document
	rep  *LoadReport
	err  error
}

// collectLoad runs a load, keeping every document, and checks what must hold for
// every load: Read == Loaded + len(Skipped), documents numbered 0..n-1 in the
// order emitted, valid UTF-8 everywhere.
func collectLoad(t *testing.T, name string, run func(emit func(*Document) error) (*LoadReport, error)) loadResult {
	t.Helper()
	var out loadResult
	out.rep, out.err = run(func(d *Document) error {
		out.docs = append(out.docs, d)
		return nil
	})
	if out.rep == nil {
		t.Fatalf("%s: nil report (error %v)", name, out.err)
	}
	r := out.rep
	removed := 0
	if r.Selection != nil {
		removed = r.Selection.Total()
	}
	if r.Read != r.Loaded+len(r.Skipped)+removed {
		t.Errorf("%s: Read %d != Loaded %d + skipped %d + removed by the selection %d", name, r.Read, r.Loaded, len(r.Skipped), removed)
	}
	if r.Loaded != len(out.docs) {
		t.Errorf("%s: Loaded %d but %d documents emitted", name, r.Loaded, len(out.docs))
	}
	for i, d := range out.docs {
		if d.Index != i {
			t.Errorf("%s: document %d (%s) has Index %d", name, i, d.Origin, d.Index)
		}
		for _, s := range []string{d.ID, d.Group, d.Text, d.Title, d.Date, d.URL} {
			if !utf8.ValidString(s) {
				t.Errorf("%s: %s holds invalid UTF-8 %q", name, d.Origin, s)
			}
		}
	}
	return out
}

// loadFS loads path in fsys with opt.
func loadFS(t *testing.T, fsys string, path string, opt LoadOptions) loadResult {
	t.Helper()
	return collectLoad(t, fsys+"/"+path, func(emit func(*Document) error) (*LoadReport, error) {
		return Load(os.DirFS(fsys), path, opt, emit)
	})
}

// loadOS loads path with LoadPath.
func loadOS(t *testing.T, path string, opt LoadOptions) loadResult {
	t.Helper()
	return collectLoad(t, path, func(emit func(*Document) error) (*LoadReport, error) {
		return LoadPath(path, opt, emit)
	})
}

// docField lists one field of each document.
func docField(docs []*Document, get func(*Document) string) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = get(d)
	}
	return out
}

func docIDs(docs []*Document) []string {
	return docField(docs, func(d *Document) string { return d.ID })
}
func docGroups(docs []*Document) []string {
	return docField(docs, func(d *Document) string { return d.Group })
}
func docOrigins(docs []*Document) []string {
	return docField(docs, func(d *Document) string { return d.Origin })
}
func docDates(docs []*Document) []string {
	return docField(docs, func(d *Document) string { return d.Date })
}

// writeTestFiles creates files (path -> content) under dir.
func writeTestFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// gzipTestBytes compresses data.
func gzipTestBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	if _, err := z.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// loadRecordsDir holds the well-formed record fixtures.
const loadRecordsDir = "../../testdata/load/records"

// TestLoadRecordForms reads the same small corpus as JSON Lines, a JSON array
// and CSV, plain and gzipped: trimmed groups, default ids, the "published"
// fallback for dates, a duplicate (differing in case and white space) and an
// empty text.
func TestLoadRecordForms(t *testing.T) {
	gzDir := t.TempDir()
	for _, name := range []string{"news.jsonl", "news.json", "news.csv"} {
		data, err := os.ReadFile(filepath.Join(loadRecordsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(gzDir, name+".gz"), gzipTestBytes(t, data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jsonl := func(n string) []string { return []string{n + ":1", n + ":3", n + ":6", n + ":7"} }
	jsonArr := func(n string) []string {
		return []string{n + ":record 1", n + ":record 2", n + ":record 5", n + ":record 6"}
	}
	csvOrigins := func(n string) []string { return []string{n + ":2", n + ":3", n + ":7"} }
	type want struct {
		ids, groups, dates []string
		origins            func(string) []string
		skips              func(string) []Skip
	}
	recordWant := want{
		ids:     []string{"a1", "news#2", "a5", "a6"},
		groups:  []string{"Alpha", "Beta", "Gamma", "Beta"},
		dates:   []string{"2023-09-19", "2023-05-07", "2023-09-25", ""},
		origins: jsonl,
		skips: func(n string) []Skip {
			return []Skip{
				{n + ":4", "duplicate: same text as " + n + ":1"},
				{n + ":5", "empty: the text is empty or white space only"},
			}
		},
	}
	arrayWant := recordWant
	arrayWant.origins = jsonArr
	arrayWant.skips = func(n string) []Skip {
		return []Skip{
			{n + ":record 3", "duplicate: same text as " + n + ":record 1"},
			{n + ":record 4", "empty: the text is empty or white space only"},
		}
	}
	csvWant := want{
		ids:     []string{"a1", "news#2", "a5"},
		groups:  []string{"Alpha", "Beta", "Gamma"},
		dates:   []string{"2023-09-19", "", "2023-09-25"}, // the date column exists: no fallback
		origins: csvOrigins,
		skips: func(n string) []Skip {
			return []Skip{
				{n + ":5", "duplicate: same text as " + n + ":2"},
				{n + ":6", "empty: the text is empty or white space only"},
			}
		},
	}
	cases := []struct {
		dir, file, format string
		want              want
	}{
		{loadRecordsDir, "news.jsonl", "", recordWant},
		{loadRecordsDir, "news.json", "", arrayWant},
		{loadRecordsDir, "news.csv", "", csvWant},
		{gzDir, "news.jsonl.gz", "", recordWant},
		{gzDir, "news.json.gz", "", arrayWant},
		{gzDir, "news.csv.gz", "", csvWant},
		{gzDir, "news.jsonl.gz", "ndjson", recordWant},
	}
	for _, c := range cases {
		name := c.file + "/" + c.format
		got := loadFS(t, c.dir, c.file, LoadOptions{Format: c.format})
		if got.err != nil {
			t.Errorf("%s: %v", name, got.err)
			continue
		}
		check := func(what string, got, want any) {
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s = %q, want %q", name, what, got, want)
			}
		}
		check("ids", docIDs(got.docs), c.want.ids)
		check("groups", docGroups(got.docs), c.want.groups)
		check("dates", docDates(got.docs), c.want.dates)
		check("origins", docOrigins(got.docs), c.want.origins(c.file))
		check("skipped", got.rep.Skipped, c.want.skips(c.file))
		wantWarn := []string{c.want.origins(c.file)[1] + `: group " Beta " trimmed to "Beta" (white space around a group name is ignored)`}
		check("warnings", got.rep.Warnings, wantWarn)
		if got.rep.Repaired != 0 {
			t.Errorf("%s: Repaired = %d, want 0", name, got.rep.Repaired)
		}
		first := got.docs[0]
		check("first title", first.Title, "First")
		check("first url", first.URL, "https://a.example/1")
		check("first text", first.Text, "Azerbaijan launched an operation.")
		if _, ok := first.Fields["text"]; ok {
			t.Errorf("%s: Fields holds the text", name)
		}
		check("trimmed group field", got.docs[1].Fields["outlet"], "Beta")
		if strings.HasPrefix(c.file, "news.csv") {
			check("multi-line text", got.docs[1].Text, "Talks resumed\nin Brussels.")
			check("quoted text", got.docs[2].Text, `Refugees said "we left everything".`)
			check("csv fields", first.Fields, map[string]string{"id": "a1", "outlet": "Alpha", "date": "2023-09-19", "title": "First", "url": "https://a.example/1", "topic": "war"})
			continue
		}
		check("json fields", first.Fields, map[string]string{
			"id": "a1", "outlet": "Alpha", "date": "2023-09-19", "title": "First", "url": "https://a.example/1",
			"topic": "war", "score": "7", "flag": "true", "tags": `["x","y"]`,
		})
		if _, ok := got.docs[2].Fields["topic"]; ok {
			t.Errorf("%s: a null field is in Fields: %q", name, got.docs[2].Fields)
		}
	}
}

// TestLoadKeepDuplicates counts the duplicate when asked to.
func TestLoadKeepDuplicates(t *testing.T) {
	got := loadFS(t, loadRecordsDir, "news.jsonl", LoadOptions{KeepDuplicates: true})
	if got.err != nil {
		t.Fatal(got.err)
	}
	// 6 records: 5 loaded (the duplicate on line 4 too), 1 empty skipped.
	if want := []string{"a1", "news#2", "42", "a5", "a6"}; !reflect.DeepEqual(docIDs(got.docs), want) {
		t.Errorf("ids = %q, want %q", docIDs(got.docs), want)
	}
	if got.rep.Read != 6 || len(got.rep.Skipped) != 1 {
		t.Errorf("read %d, skipped %v; want 6 read, 1 skipped", got.rep.Read, got.rep.Skipped)
	}
}

// TestLoadFieldOptions renames the fields read.
func TestLoadFieldOptions(t *testing.T) {
	got := loadFS(t, loadRecordsDir, "news.jsonl", LoadOptions{GroupField: "topic", TitleField: "url", IDField: "title", DateField: "date"})
	if got.err == nil {
		t.Fatal("a record with a null group field loaded without error")
	}
	want := `news.jsonl:6: record's "topic" is null: set --group to the field that names the outlet, or fix the record`
	if got.err.Error() != want {
		t.Errorf("error = %q, want %q", got.err, want)
	}
	got = loadFS(t, loadRecordsDir, "news.jsonl", LoadOptions{GroupField: "topic", TitleField: "url", IDField: "title", DateField: "date", SkipBad: true})
	if got.err != nil {
		t.Fatal(got.err)
	}
	if want := []string{"war", "diplomacy", "war"}; !reflect.DeepEqual(docGroups(got.docs), want) {
		t.Errorf("groups = %q, want %q", docGroups(got.docs), want)
	}
	// IDField "title": record 1 has title "First"; record 2 has none: default id.
	if want := []string{"First", "news#2", "news#6"}; !reflect.DeepEqual(docIDs(got.docs), want) {
		t.Errorf("ids = %q, want %q", docIDs(got.docs), want)
	}
	// DateField "date", given or by default: record 2, without a "date"
	// field, is dated by "published" (so that --print-config's output, which
	// names every default, reads the corpus as the run it came from did).
	if want := []string{"2023-09-19", "2023-05-07", ""}; !reflect.DeepEqual(docDates(got.docs), want) {
		t.Errorf("dates = %q, want %q", docDates(got.docs), want)
	}
	if got.docs[0].Title != "https://a.example/1" {
		t.Errorf("title = %q, want the url", got.docs[0].Title)
	}
}

// TestLoadBadRecords checks every malformed-record message, and what
// SkipBad skips instead.
func TestLoadBadRecords(t *testing.T) {
	const dir = "../../testdata/load/bad"
	cases := []struct {
		file    string
		opt     LoadOptions
		wantErr string // without SkipBad
		skips   []Skip // with SkipBad; nil: the error stays
		loaded  int    // with SkipBad
		reasons []ReasonCount
	}{
		{
			file:    "malformed.jsonl",
			wantErr: "malformed.jsonl:2: invalid JSON: the record ends before its object is closed (a cut record, or a line break inside a string, which JSON writes \\n): fix it or use --skip-bad to skip malformed records",
			skips: []Skip{
				{"malformed.jsonl:2", "malformed: invalid JSON: the record ends before its object is closed (a cut record, or a line break inside a string, which JSON writes \\n)"},
				{"malformed.jsonl:4", "malformed: invalid JSON: expected an object {…}, one per record"},
				{"malformed.jsonl:6", "malformed: invalid JSON: the record ends before its object is closed (a cut record, or a line break inside a string, which JSON writes \\n)"},
			},
			loaded:  3,
			reasons: []ReasonCount{{"malformed", 3}},
		},
		{
			file:    "missing.jsonl",
			wantErr: `missing.jsonl:2: record has no "outlet" field: set --group to the field that names the outlet, or fix the record`,
			skips: []Skip{
				{"missing.jsonl:2", `missing field: record has no "outlet" field`},
				{"missing.jsonl:3", `missing field: record has no "outlet" value`},
				{"missing.jsonl:4", `missing field: record has no "text" field`},
				{"missing.jsonl:5", `malformed: field "outlet" is a JSON object or array; it must be text, a number or true/false`},
			},
			loaded:  2,
			reasons: []ReasonCount{{"malformed", 1}, {"missing field", 3}},
		},
		{
			file:    "missing.jsonl",
			opt:     LoadOptions{TextField: "body"},
			wantErr: `missing.jsonl:1: record has no "body" field: set --text to the field that holds the article text, or fix the record`,
		},
		{
			file:    "ragged.csv",
			wantErr: "ragged.csv:3: row has 3 fields but the header has 2: quote fields that contain commas, fix the row, or use --skip-bad",
			skips:   []Skip{{"ragged.csv:3", "malformed: row has 3 fields but the header has 2"}},
			loaded:  2,
			reasons: []ReasonCount{{"malformed", 1}},
		},
		{
			file:    "quotes.csv",
			wantErr: `quotes.csv:3: unbalanced quotes: a " in an unquoted field (line 3, column 5): a field holding a quote must be quoted, its quotes doubled ("say ""no"""); fix the row or use --skip-bad`,
			// The unterminated quote on line 4 runs to the end of the file,
			// and the message says which lines it took.
			skips: []Skip{
				{"quotes.csv:3", `malformed: unbalanced quotes: a " in an unquoted field (line 3, column 5)`},
				{"quotes.csv:4", `malformed: unbalanced quotes: the quoted field opened on line 4 is still open on line 5, so lines 4 to 5 are read as one broken row`},
			},
			loaded:  1,
			reasons: []ReasonCount{{"malformed", 2}},
		},
		{
			file:    "ragged.csv",
			opt:     LoadOptions{GroupField: "source"},
			wantErr: `ragged.csv:1: no "source" column (columns: outlet, text): set --group to the column that names the outlet`,
		},
		{
			file:    "syntax.json",
			wantErr: "syntax.json:2: invalid JSON in record 2: invalid character 'o' looking for beginning of value: the rest of the array cannot be read; fix the file",
		},
		{
			file:    "syntax.json",
			opt:     LoadOptions{SkipBad: true},
			wantErr: "syntax.json:2: invalid JSON in record 2: invalid character 'o' looking for beginning of value: the rest of the array cannot be read; fix the file",
		},
		{
			file:    "elements.json",
			wantErr: "elements.json:record 2: invalid JSON: expected an object {…}, one per record: fix it or use --skip-bad to skip malformed records",
			skips:   []Skip{{"elements.json:record 2", "malformed: invalid JSON: expected an object {…}, one per record"}},
			loaded:  2,
			reasons: []ReasonCount{{"malformed", 1}},
		},
		{
			file:    "lines.json",
			wantErr: `lines.json: expected a JSON array of objects ([{…}, …]) but the file starts with "{"; for one object per line name the file .jsonl or use --input-format jsonl`,
		},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s %+v", c.file, c.opt)
		got := loadFS(t, dir, c.file, c.opt)
		if c.opt.SkipBad {
			if got.err == nil || got.err.Error() != c.wantErr {
				t.Errorf("%s: error = %v, want %q", name, got.err, c.wantErr)
			}
			continue
		}
		if got.err == nil || got.err.Error() != c.wantErr {
			t.Errorf("%s: error = %v\nwant %q", name, got.err, c.wantErr)
		}
		if c.skips == nil {
			continue
		}
		opt := c.opt
		opt.SkipBad = true
		got = loadFS(t, dir, c.file, opt)
		if got.err != nil {
			t.Errorf("%s with SkipBad: %v", name, got.err)
			continue
		}
		if !reflect.DeepEqual(got.rep.Skipped, c.skips) {
			t.Errorf("%s with SkipBad: skipped\n%q\nwant\n%q", name, got.rep.Skipped, c.skips)
		}
		if got.rep.Loaded != c.loaded {
			t.Errorf("%s with SkipBad: loaded %d, want %d", name, got.rep.Loaded, c.loaded)
		}
		if r := got.rep.SkippedByReason(); !reflect.DeepEqual(r, c.reasons) {
			t.Errorf("%s with SkipBad: by reason %v, want %v", name, r, c.reasons)
		}
	}
}

// TestLoadInvalidUTF8 repairs invalid UTF-8 in every input form and counts
// the documents repaired.
func TestLoadInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{
		"bad.jsonl":          "{\"outlet\": \"A\", \"text\": \"caf\xe9 ok\"}\n{\"outlet\": \"A\", \"text\": \"clean\"}\n",
		"bad.json":           "[{\"outlet\": \"A\", \"text\": \"caf\xe9 ok\"}, {\"outlet\": \"A\", \"text\": \"clean\"}]",
		"bad.csv":            "outlet,text\nA,caf\xe9 ok\nA,clean\n",
		"folder/A/bad.txt":   "caf\xe9 ok\n",
		"folder/A/clean.txt": "clean\n",
	})
	for _, name := range []string{"bad.jsonl", "bad.json", "bad.csv", "folder"} {
		got := loadFS(t, dir, name, LoadOptions{})
		if got.err != nil {
			t.Errorf("%s: %v", name, got.err)
			continue
		}
		if got.rep.Repaired != 1 || got.rep.Loaded != 2 {
			t.Errorf("%s: repaired %d of %d, want 1 of 2", name, got.rep.Repaired, got.rep.Loaded)
		}
		if want := "caf\uFFFD ok"; strings.TrimSpace(got.docs[0].Text) != want {
			t.Errorf("%s: text %q, want %q", name, got.docs[0].Text, want)
		}
		want := "invalid UTF-8 repaired with U+FFFD in 1 document: " + map[string]string{
			"bad.jsonl": "bad.jsonl:1", "bad.json": "bad.json:record 1", "bad.csv": "bad.csv:2", "folder": "folder/A/bad.txt",
		}[name]
		if !reflect.DeepEqual(got.rep.Warnings, []string{want}) {
			t.Errorf("%s: warnings %q, want %q", name, got.rep.Warnings, want)
		}
	}
}

// TestLoadFolderManifest reads a folder through its manifest.csv: text, Markdown
// and HTML files, a missing file, unlisted files, a duplicate and an empty
// file. README.md, LICENSE and sub/NOTICE.txt are documentation and pass
// silently; noticeboard.txt is not (a letter follows "notice").
func TestLoadFolderManifest(t *testing.T) {
	got := loadFS(t, "../../testdata/load", "folder-manifest", LoadOptions{})
	if got.err != nil {
		t.Fatal(got.err)
	}
	const m = "folder-manifest/"
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("ids", docIDs(got.docs), []string{"a", "page", "sub/c"})
	check("groups", docGroups(got.docs), []string{"Alpha", "Beta", "Alpha"})
	check("origins", docOrigins(got.docs), []string{m + "a.txt", m + "page.html", m + "sub/c.md"})
	check("dates", docDates(got.docs), []string{"2023-01-02", "2023-02-03", ""}) // from "published"
	check("titles", docField(got.docs, func(d *Document) string { return d.Title }),
		[]string{"", "Talks in Brussels & Moscow", "Markdown note"})
	check("html text", got.docs[1].Text, "Talks\nLeaders met in Brussels.\nThey agreed to meet again.")
	check("text", got.docs[0].Text, "The ceasefire held overnight.\n\nBoth sides reported no casualties.\n")
	check("fields", got.docs[0].Fields, map[string]string{
		"file": "a.txt", "outlet": "Alpha", "published": "2023-01-02", "title": "", "url": "https://a.example/a", "bias": "left",
	})
	check("skipped", got.rep.Skipped, []Skip{
		{m + "dup.txt", "duplicate: same text as " + m + "a.txt"},
		{m + "empty.txt", "empty: the text is empty or white space only"},
	})
	check("warnings", got.rep.Warnings, []string{
		m + `manifest.csv names 1 file that does not exist and was not read: ` + m + `manifest.csv:5 "gone.txt"`,
		`2 files in "folder-manifest" are not named by manifest.csv and were not read: notes.txt, noticeboard.txt`,
	})
	if got.rep.Read != 5 {
		t.Errorf("read %d files, want 5 (the missing one is not read)", got.rep.Read)
	}
	bias := loadFS(t, "../../testdata/load", "folder-manifest", LoadOptions{GroupField: "bias"})
	check("groups by bias", docGroups(bias.docs), []string{"left", "right", "left"})
}

// TestLoadFolderManifestJSON reads a manifest.json.
func TestLoadFolderManifestJSON(t *testing.T) {
	got := loadOS(t, "../../testdata/load/folder-manifest-json", LoadOptions{})
	if got.err != nil {
		t.Fatal(got.err)
	}
	const m = "../../testdata/load/folder-manifest-json/"
	if want := []string{"x-1", "y"}; !reflect.DeepEqual(docIDs(got.docs), want) {
		t.Errorf("ids = %q, want %q", docIDs(got.docs), want)
	}
	if want := []string{m + "x.txt", m + "y.txt"}; !reflect.DeepEqual(docOrigins(got.docs), want) {
		t.Errorf("origins = %q, want %q", docOrigins(got.docs), want)
	}
	// x has a "date": "published" is not used; y has neither.
	if want := []string{"2023", ""}; !reflect.DeepEqual(docDates(got.docs), want) {
		t.Errorf("dates = %q, want %q", docDates(got.docs), want)
	}
	want := map[string]string{"file": "y.txt", "outlet": "B", "rank": "3", "reviewed": "false"}
	if !reflect.DeepEqual(got.docs[1].Fields, want) {
		t.Errorf("fields = %q, want %q", got.docs[1].Fields, want)
	}
	if got.docs[1].Text != "Text of y.\n" || len(got.rep.Warnings) != 0 {
		t.Errorf("text %q, warnings %q", got.docs[1].Text, got.rep.Warnings)
	}
}

// TestLoadFolderGroups reads a folder with one subfolder per group. README.md,
// LICENCE.txt and COPYING at the top are documentation: neither loose files
// (an error) nor unread files (a warning).
func TestLoadFolderGroups(t *testing.T) {
	for _, run := range []func() loadResult{
		func() loadResult { return loadFS(t, "../../testdata/load", "folder-groups", LoadOptions{}) },
		func() loadResult {
			return loadOS(t, "../../testdata/load/folder-groups", LoadOptions{Format: "folder"})
		},
	} {
		got := run()
		if got.err != nil {
			t.Fatal(got.err)
		}
		if want := []string{"Alpha/deep/two", "Alpha/one", "Beta/three"}; !reflect.DeepEqual(docIDs(got.docs), want) {
			t.Errorf("ids = %q, want %q", docIDs(got.docs), want)
		}
		if want := []string{"Alpha", "Alpha", "Beta"}; !reflect.DeepEqual(docGroups(got.docs), want) {
			t.Errorf("groups = %q, want %q", docGroups(got.docs), want)
		}
		d := got.docs[2]
		if d.Title != "Beta three" || d.Text != "Beta three — in HTML." {
			t.Errorf("html document: title %q, text %q", d.Title, d.Text)
		}
		if want := map[string]string{"file": "Beta/three.html", "outlet": "Beta"}; !reflect.DeepEqual(d.Fields, want) {
			t.Errorf("fields = %q, want %q", d.Fields, want)
		}
		if len(got.rep.Warnings) != 1 || !strings.HasPrefix(got.rep.Warnings[0], "1 file in ") ||
			!strings.HasSuffix(got.rep.Warnings[0], "folder-groups\" was not read (only .txt, .md, .html and .htm files are): Beta/image.png") {
			t.Errorf("warnings = %q", got.rep.Warnings)
		}
	}
}

// TestLoadFolderLayoutErrors explains the two layouts. folder-loose also holds
// ReadMe.md, which is documentation and not listed as a loose file.
func TestLoadFolderLayoutErrors(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{
		"empty/README":       "not a document",
		"both/manifest.csv":  "file,outlet\n",
		"both/manifest.json": "[]",
	})
	cases := []struct{ dir, path, want string }{
		{"../../testdata/load", "folder-loose", `"folder-loose" has files at its top level (a.txt) and no manifest: parallax reads a folder in one of two layouts: (1) a manifest.csv or manifest.json naming each file with its outlet (columns file, outlet, date, title, url, …), or (2) one subfolder per outlet holding its articles (OUTLET/article.txt)`},
		{dir, "empty", `"empty" has no manifest and no subfolders: parallax reads a folder in one of two layouts`},
		{dir, "both", `"both" has both manifest.csv and manifest.json: keep one`},
	}
	for _, c := range cases {
		got := loadFS(t, c.dir, c.path, LoadOptions{})
		if got.err == nil || !strings.HasPrefix(got.err.Error(), c.want) {
			t.Errorf("%s: error = %v, want %q", c.path, got.err, c.want)
		}
	}
}

// TestLoadFolderBinary skips binary files, with the reason.
func TestLoadFolderBinary(t *testing.T) {
	dir := t.TempDir()
	control := strings.Repeat("\x01\x02\x03ab", 100) // 60% control bytes
	writeTestFiles(t, dir, map[string]string{
		"A/1.txt": "fine text\n",
		"A/2.txt": "PK\x03\x04\x00\x00 zip data",
		"A/3.txt": control,
		"A/4.txt": "\xff\xfeh\x00i\x00",
	})
	got := loadFS(t, dir, "A/..", LoadOptions{})
	if got.err == nil {
		t.Errorf("a path with \"..\" was accepted")
	}
	got = loadFS(t, dir, ".", LoadOptions{})
	if got.err != nil {
		t.Fatal(got.err)
	}
	want := []Skip{
		{"A/2.txt", "binary: NUL bytes in the first 8 KiB"},
		{"A/3.txt", "binary: 60% of the first 500 bytes are control codes or invalid UTF-8"},
		{"A/4.txt", "binary: UTF-16 text (byte order mark): convert it to UTF-8"},
	}
	if !reflect.DeepEqual(got.rep.Skipped, want) {
		t.Errorf("skipped %q, want %q", got.rep.Skipped, want)
	}
	if want := []string{"A/1"}; !reflect.DeepEqual(docIDs(got.docs), want) {
		t.Errorf("ids = %q, want %q", docIDs(got.docs), want)
	}
}

// TestBinaryReason checks the binary test on its edges.
func TestBinaryReason(t *testing.T) {
	latin1 := strings.Repeat("caf\xe9 au lait, cr\xe8me br\xfbl\xe9e. ", 50) // 4 invalid bytes in 28: 14%
	cut := strings.Repeat("a", binarySample-1) + "é" + "rest"                // "é" cut by the 8 KiB sample
	cases := []struct{ name, data, want string }{
		{"ascii", "Plain text.\r\n\tIndented.\f", ""},
		{"utf8", "Ереван, Բաքու, Bakı", ""},
		{"latin1", latin1, ""},
		{"cut rune", cut, ""},
		{"nul", "text\x00more", "NUL bytes in the first 8 KiB"},
		{"control", "\x1b\x1b\x1bab", "60% of the first 5 bytes are control codes or invalid UTF-8"},
		{"invalid", "\xfd\xfc\xfb\xfaab", "66% of the first 6 bytes are control codes or invalid UTF-8"},
		{"30% exactly", "\x01\x02\x03abcdefg", ""}, // 3 of 10: not more than 30%
		{"utf16be", "\xfe\xff\x00h", "UTF-16 text (byte order mark): convert it to UTF-8"},
	}
	for _, c := range cases {
		if got := binaryReason([]byte(c.data)); got != c.want {
			t.Errorf("%s: binaryReason = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestLoadManifestEscapes refuses manifest paths leaving the folder, directly
// or through symbolic links, and symbolic link loops, with Load on os.DirFS
// and with LoadPath.
func TestLoadManifestEscapes(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		links map[string]string // link -> target, inside the folder
		want  string            // after "manifest.csv:2: file \"FILE\""
	}{
		{"dotdot", "../outside.txt", nil, ` goes up with "..": manifest paths must be relative and stay inside the folder`},
		{"dotdot inside", "sub/../a.txt", nil, ` goes up with "..": manifest paths must be relative and stay inside the folder`},
		{"absolute", "/etc/passwd", nil, ` is absolute: manifest paths must be relative and stay inside the folder`},
		{"drive", `C:\x.txt`, nil, ` is absolute: manifest paths must be relative and stay inside the folder`},
		{"link out", "link.txt", map[string]string{"link.txt": "../outside.txt"}, `: a symbolic link leads outside the folder: manifest paths must stay inside the folder`},
		{"link dir out", "sub/x.txt", map[string]string{"sub": "../elsewhere"}, `: a symbolic link leads outside the folder: manifest paths must stay inside the folder`},
		{"link chain out", "l1.txt", map[string]string{"l1.txt": "sub2/l2.txt", "sub2/l2.txt": "../../outside.txt"}, `: a symbolic link leads outside the folder: manifest paths must stay inside the folder`},
		{"link absolute", "abs.txt", map[string]string{"abs.txt": "/etc/hostname"}, `: a symbolic link leads outside the folder (to "/etc/hostname"): manifest paths must stay inside the folder`},
		{"link loop", "loop1.txt", map[string]string{"loop1.txt": "loop2.txt", "loop2.txt": "loop1.txt"}, `: symbolic link loop: remove the link, or point it at a file`},
	}
	for _, c := range cases {
		base := t.TempDir()
		dir := filepath.Join(base, "corpus")
		writeTestFiles(t, base, map[string]string{
			"outside.txt":         "secret outside the corpus\n",
			"elsewhere/x.txt":     "secret too\n",
			"corpus/a.txt":        "inside\n",
			"corpus/sub2/.keep":   "",
			"corpus/manifest.csv": "file,outlet\n\"" + c.file + "\",A\n",
		})
		for link, target := range c.links {
			if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
				t.Skipf("symbolic links: %v", err)
			}
		}
		wantFS := fmt.Sprintf("manifest.csv:2: file %q", c.file) + c.want
		got := loadFS(t, dir, ".", LoadOptions{SkipBad: true})
		if got.err == nil || got.err.Error() != wantFS {
			t.Errorf("%s: Load error = %v\nwant %q", c.name, got.err, wantFS)
		}
		got = loadOS(t, dir, LoadOptions{})
		if want := dir + "/" + wantFS; got.err == nil || got.err.Error() != want {
			t.Errorf("%s: LoadPath error = %v\nwant %q", c.name, got.err, want)
		}
		for _, d := range got.docs {
			if strings.Contains(d.Text, "secret") {
				t.Errorf("%s: read %s outside the folder", c.name, d.Origin)
			}
		}
	}
}

// TestLoadSymlinksInside follows symbolic links that stay inside the folder.
func TestLoadSymlinksInside(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{
		"real/a.txt":   "linked text\n",
		"manifest.csv": "file,outlet\nlink.txt,A\ndirlink/a.txt,B\n",
	})
	if err := os.Symlink("real/a.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	if err := os.Symlink("./real/../real", filepath.Join(dir, "dirlink")); err != nil {
		t.Fatal(err)
	}
	for _, got := range []loadResult{loadFS(t, dir, ".", LoadOptions{KeepDuplicates: true}), loadOS(t, dir, LoadOptions{KeepDuplicates: true})} {
		if got.err != nil {
			t.Errorf("%v", got.err)
			continue
		}
		if got.rep.Loaded != 2 || got.docs[0].Text != "linked text\n" || got.docs[1].Group != "B" {
			t.Errorf("loaded %d documents: %+v", got.rep.Loaded, got.docs)
		}
	}
}

// TestLoadFolderWalkLinks walks a folder without manifest holding a link
// outside, a file link loop and a folder link loop, which is not followed.
func TestLoadFolderWalkLinks(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "corpus")
	writeTestFiles(t, base, map[string]string{
		"outside.txt":    "secret\n",
		"corpus/A/a.txt": "inside\n",
	})
	links := map[string]string{"A/again": "..", "A/out.txt": "../../outside.txt", "A/l1.txt": "l2.txt", "A/l2.txt": "l1.txt"}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	wantSkips := []Skip{
		{"A/l1.txt", "link: symbolic link loop"},
		{"A/l2.txt", "link: symbolic link loop"},
		{"A/out.txt", "link: a symbolic link leads outside the folder"},
	}
	got := loadFS(t, dir, ".", LoadOptions{})
	if want := "A/l1.txt: symbolic link loop: remove the link or use --skip-bad"; got.err == nil || got.err.Error() != want {
		t.Errorf("error = %v, want %q", got.err, want)
	}
	for _, got := range []loadResult{loadFS(t, dir, ".", LoadOptions{SkipBad: true}), loadOS(t, dir, LoadOptions{SkipBad: true})} {
		if got.err != nil {
			t.Errorf("%v", got.err)
			continue
		}
		var skips []Skip
		for _, s := range got.rep.Skipped {
			s.Origin = strings.TrimPrefix(s.Origin, dir+"/")
			skips = append(skips, s)
		}
		if !reflect.DeepEqual(skips, wantSkips) {
			t.Errorf("skipped %q, want %q", skips, wantSkips)
		}
		if len(got.docs) != 1 || got.docs[0].Text != "inside\n" {
			t.Errorf("documents %+v, want A/a.txt only", got.docs)
		}
		if len(got.rep.Warnings) != 1 || !strings.HasPrefix(got.rep.Warnings[0], "1 symbolic link to folders in ") ||
			!strings.HasSuffix(got.rep.Warnings[0], " was not followed: A/again") {
			t.Errorf("warnings %q", got.rep.Warnings)
		}
	}
}

// TestLoadKarabakh reads the bundled sample through its manifest.
func TestLoadKarabakh(t *testing.T) {
	wantIDs := []string{"000_29fd891e874d70e7", "001_7fe228a42ad5170a", "002_f0b4da0ac9dd122e", "003_9067fb0cbeea3594", "004_c27a428282c94457"}
	wantGroups := []string{"Middle East Policy Council", "EU Reporter", "Conflict News", "Responsible Statecraft", "OBC Transeuropa"}
	wantDates := []string{"2023-09-02", "2023-05-07", "2023-09-22", "2023-09-19", "2023-03"}
	for _, got := range []loadResult{
		loadFS(t, "../../testdata", "karabakh", LoadOptions{}),
		loadOS(t, "../../testdata/karabakh", LoadOptions{}),
	} {
		if got.err != nil {
			t.Fatal(got.err)
		}
		if !reflect.DeepEqual(docIDs(got.docs), wantIDs) || !reflect.DeepEqual(docGroups(got.docs), wantGroups) || !reflect.DeepEqual(docDates(got.docs), wantDates) {
			t.Errorf("ids %q\ngroups %q\ndates %q", docIDs(got.docs), docGroups(got.docs), docDates(got.docs))
		}
		d := got.docs[0]
		if d.Title != "Miatsum and the Bewildering Russian Role in Karabakh" || d.Fields["via"] != "AVIM (Center for Eurasian Studies, a think tank in Ankara) blog" {
			t.Errorf("first document: title %q, via %q", d.Title, d.Fields["via"])
		}
		data, err := os.ReadFile("../../testdata/karabakh/000_29fd891e874d70e7.txt")
		if err != nil || d.Text != string(data) {
			t.Errorf("first text differs from the file (%v)", err)
		}
		// README.md beside manifest.csv is documentation: no warning.
		if len(got.rep.Skipped) != 0 || len(got.rep.Warnings) != 0 {
			t.Errorf("skipped %q, warnings %q", got.rep.Skipped, got.rep.Warnings)
		}
	}
}

// allSidesPath is the bundled AllSides sample.
const allSidesPath = "../../testdata/allsides-middle-east/articles.jsonl.gz"

// allSidesRecords decodes the AllSides sample the simple way: all at once,
// for an independent count.
func allSidesRecords(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open(allSidesPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	sc := bufio.NewScanner(z)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]string
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLoadAllSides reads the bundled AllSides sample with several field
// choices and checks the counts against a simple independent reading.
func TestLoadAllSides(t *testing.T) {
	got := loadOS(t, allSidesPath, LoadOptions{})
	if got.err != nil {
		t.Fatal(got.err)
	}
	distinct := map[string]bool{}
	for _, d := range got.docs {
		distinct[d.Group] = true
	}
	if got.rep.Loaded != 859 || len(distinct) != 53 || len(got.rep.Skipped) != 0 {
		t.Errorf("loaded %d documents in %d groups, skipped %d; want 859 in 53, none skipped", got.rep.Loaded, len(distinct), len(got.rep.Skipped))
	}
	if first, last := got.docs[0], got.docs[len(got.docs)-1]; first.ID != "12QICml1YeZCsdBJ" || last.ID != "MXi9oiSr9aHNwjlr" || first.Group != "The Flip Side" {
		t.Errorf("first %q (%q), last %q", first.ID, first.Group, last.ID)
	}
	if o := got.docs[858].Origin; o != allSidesPath+":859" {
		t.Errorf("last origin %q", o)
	}

	records := allSidesRecords(t)
	// --group topic: one topic in this sample.
	byTopic := loadOS(t, allSidesPath, LoadOptions{GroupField: "topic"})
	topics := map[string]int{}
	for _, d := range byTopic.docs {
		topics[d.Group]++
	}
	if want := map[string]int{"middle_east": 859}; byTopic.err != nil || !reflect.DeepEqual(topics, want) {
		t.Errorf("by topic: %v, %v", byTopic.err, topics)
	}
	// --group date: records without a date are an error, or skipped.
	emptyDates, firstEmpty := 0, 0
	for i, r := range records {
		if strings.TrimSpace(r["date"]) == "" {
			emptyDates++
			if firstEmpty == 0 {
				firstEmpty = i + 1
			}
		}
	}
	byDate := loadOS(t, allSidesPath, LoadOptions{GroupField: "date"})
	want := fmt.Sprintf(`%s:%d: record has no "date" value: set --group`, allSidesPath, firstEmpty)
	if byDate.err == nil || !strings.HasPrefix(byDate.err.Error(), want) {
		t.Errorf("by date: error %v, want %q", byDate.err, want)
	}
	byDate = loadOS(t, allSidesPath, LoadOptions{GroupField: "date", SkipBad: true})
	if byDate.err != nil || len(byDate.rep.Skipped) != emptyDates || byDate.rep.Loaded != 859-emptyDates {
		t.Errorf("by date with SkipBad: %v, skipped %d, loaded %d; want %d skipped", byDate.err, len(byDate.rep.Skipped), byDate.rep.Loaded, emptyDates)
	}
	// --text title: duplicates counted the simple way.
	titles := map[string]bool{}
	for _, r := range records {
		titles[strings.Join(strings.Fields(strings.ToLower(r["title"])), " ")] = true
	}
	byTitle := loadOS(t, allSidesPath, LoadOptions{TextField: "title"})
	if byTitle.err != nil || byTitle.rep.Loaded != len(titles) {
		t.Errorf("text from titles: %v, loaded %d, want %d distinct titles", byTitle.err, byTitle.rep.Loaded, len(titles))
	}
}

// TestLoadStdin reads "-" plain and gzipped, and as CSV.
func TestLoadStdin(t *testing.T) {
	jsonl, err := os.ReadFile(filepath.Join(loadRecordsDir, "news.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	csvData, err := os.ReadFile(filepath.Join(loadRecordsDir, "news.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		data   []byte
		format string
		ids    []string
	}{
		{"plain", jsonl, "", []string{"a1", "stdin#2", "a5", "a6"}},
		{"gzip", gzipTestBytes(t, jsonl), "", []string{"a1", "stdin#2", "a5", "a6"}},
		{"csv", csvData, "csv", []string{"a1", "stdin#2", "a5"}},
		{"csv gzip", gzipTestBytes(t, csvData), "csv", []string{"a1", "stdin#2", "a5"}},
	}
	for _, c := range cases {
		got := loadOS(t, "-", LoadOptions{Stdin: bytes.NewReader(c.data), Format: c.format})
		if got.err != nil {
			t.Errorf("%s: %v", c.name, got.err)
			continue
		}
		if !reflect.DeepEqual(docIDs(got.docs), c.ids) {
			t.Errorf("%s: ids %q, want %q", c.name, docIDs(got.docs), c.ids)
		}
		if got.docs[0].Origin != "stdin:"+map[string]string{"": "1", "csv": "2"}[c.format] {
			t.Errorf("%s: origin %q", c.name, got.docs[0].Origin)
		}
	}
	got := loadOS(t, "-", LoadOptions{})
	if got.err == nil || got.err.Error() != `standard input ("-") is not available here` {
		t.Errorf("no stdin: error %v", got.err)
	}
	got = loadOS(t, "-", LoadOptions{Stdin: bytes.NewReader(jsonl), Format: "folder"})
	if got.err == nil || got.err.Error() != `standard input ("-") holds records, not a folder: use --input-format jsonl, json or csv` {
		t.Errorf("folder on stdin: error %v", got.err)
	}
}

// TestLoadTruncatedGzip never takes a damaged gzip file for the end of input.
func TestLoadTruncatedGzip(t *testing.T) {
	var plain bytes.Buffer
	plain.WriteString("[\n")
	for i := range 3000 {
		if i > 0 {
			plain.WriteString(",\n")
		}
		fmt.Fprintf(&plain, `{"id": "r%d", "outlet": "O%d", "text": "article %d says %x"}`, i, i%7, i, i*7919)
	}
	plain.WriteString("\n]\n")
	array := plain.Bytes()
	lines := bytes.ReplaceAll(bytes.TrimSuffix(bytes.TrimPrefix(array, []byte("[\n")), []byte("\n]\n")), []byte(",\n"), []byte("\n"))
	var csvBuf bytes.Buffer
	csvBuf.WriteString("id,outlet,text\n")
	for i := range 3000 {
		fmt.Fprintf(&csvBuf, "r%d,O%d,\"article %d says \"\"%x\"\"\"\n", i, i%7, i, i*7919)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"t.jsonl.gz": lines, "t.json.gz": array, "t.csv.gz": csvBuf.Bytes()} {
		full := gzipTestBytes(t, data)
		cuts := []int{len(full) - 9, len(full) - 1}
		for k := 1; k < 40; k++ {
			cuts = append(cuts, len(full)*k/40)
		}
		for _, cut := range cuts {
			if err := os.WriteFile(filepath.Join(dir, name), full[:cut], 0o644); err != nil {
				t.Fatal(err)
			}
			got := loadFS(t, dir, name, LoadOptions{SkipBad: true})
			if got.err == nil {
				t.Errorf("%s cut at %d of %d: no error after %d documents", name, cut, len(full), got.rep.Loaded)
				continue
			}
			msg := got.err.Error()
			var after int
			if _, err := fmt.Sscanf(strings.TrimPrefix(msg, name+": unexpected EOF in gzip data after "), "%d", &after); err != nil ||
				!strings.HasSuffix(msg, ": the file is damaged or truncated; copy or download it again") || after != got.rep.Read {
				t.Errorf("%s cut at %d: error %q", name, cut, got.err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "not.jsonl.gz"), lines, 0o644); err != nil {
		t.Fatal(err)
	}
	got := loadFS(t, dir, "not.jsonl.gz", LoadOptions{})
	if want := "not.jsonl.gz: not readable as gzip (gzip: invalid header): decompress it first or fix the name"; got.err == nil || got.err.Error() != want {
		t.Errorf("not gzip: error %v, want %q", got.err, want)
	}
}

// TestLoadPathErrors names the path in errors about the input itself.
func TestLoadPathErrors(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{"notes.txt": "text", "empty.csv": "", "empty.json": "", "trail.json": `[{"outlet":"A","text":"t"}] {}`})
	p := func(name string) string { return filepath.Join(dir, name) }
	cases := []struct {
		path   string
		format string
		want   string
	}{
		{p("nope.jsonl"), "", `"` + p("nope.jsonl") + `" does not exist: check the path`},
		{p("notes.txt"), "", `"` + p("notes.txt") + `": unknown input format: parallax reads a folder, .jsonl or .ndjson (JSON Lines), .json (a JSON array of objects) or .csv, each optionally .gz; set --input-format (jsonl, json or csv) to read another name`},
		{p("notes.txt"), "xml", `unknown input format "xml": set --input-format to jsonl, json, csv or folder`},
		{dir, "json", `"` + dir + `" is a folder, but --input-format json needs a file: leave --input-format unset or use folder`},
		{p("notes.txt"), "folder", `"` + p("notes.txt") + `" is a file, but --input-format folder needs a folder`},
		{p("empty.csv"), "", p("empty.csv") + ` is empty: a CSV file needs a header row naming the columns (text, outlet, …)`},
		{p("empty.json"), "", p("empty.json") + ` is empty: expected a JSON array of objects ([{…}, …])`},
		{p("trail.json"), "", p("trail.json") + `:1: unexpected "{" after the closing ]: a .json file holds one array`},
	}
	for _, c := range cases {
		got := loadOS(t, c.path, LoadOptions{Format: c.format})
		if got.err == nil || got.err.Error() != c.want {
			t.Errorf("%s (format %q): error %v\nwant %q", c.path, c.format, got.err, c.want)
		}
	}
	got := loadOS(t, p("notes.txt"), LoadOptions{Format: "jsonl"})
	if got.err == nil || !strings.HasPrefix(got.err.Error(), p("notes.txt")+":1: invalid JSON") {
		t.Errorf("text read as jsonl: error %v", got.err)
	}
}

// TestLoadEmitError stops at the first error of emit and returns it.
func TestLoadEmitError(t *testing.T) {
	stop := errors.New("stop here")
	for _, name := range []string{"news.jsonl", "news.json", "news.csv"} {
		calls := 0
		rep, err := Load(os.DirFS(loadRecordsDir), name, LoadOptions{}, func(d *Document) error {
			calls++
			if calls == 2 {
				return stop
			}
			return nil
		})
		if err != stop || calls != 2 || rep.Loaded != 2 {
			t.Errorf("%s: error %v, %d calls, %d loaded; want the emit error after 2", name, err, calls, rep.Loaded)
		}
	}
	calls := 0
	_, err := Load(os.DirFS("../../testdata"), "karabakh", LoadOptions{}, func(d *Document) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("folder: error %v after %d calls", err, calls)
	}
}

// TestLoadLongLines reads a 1 MB single-line document and refuses lines over
// the limit.
func TestLoadLongLines(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("word ", 1<<18) // 1.25 MiB
	data := fmt.Sprintf("{\"outlet\": \"A\", \"text\": %q}\n{\"outlet\": \"B\", \"text\": \"short\"}\n", long)
	writeTestFiles(t, dir, map[string]string{"long.jsonl": data})
	got := loadFS(t, dir, "long.jsonl", LoadOptions{})
	if got.err != nil || got.rep.Loaded != 2 || got.docs[0].Text != long {
		t.Fatalf("long line: %v, loaded %d", got.err, got.rep.Loaded)
	}
	defer func(m int) { maxRecordBytes = m }(maxRecordBytes)
	maxRecordBytes = 1 << 20
	got = loadFS(t, dir, "long.jsonl", LoadOptions{})
	if want := "long.jsonl:1: line longer than 1 MiB: split the record, or use --skip-bad to skip it"; got.err == nil || got.err.Error() != want {
		t.Errorf("over the limit: error %v, want %q", got.err, want)
	}
	got = loadFS(t, dir, "long.jsonl", LoadOptions{SkipBad: true})
	want := []Skip{{"long.jsonl:1", "too large: line longer than 1 MiB"}}
	if got.err != nil || !reflect.DeepEqual(got.rep.Skipped, want) || len(got.docs) != 1 || got.docs[0].Text != "short" {
		t.Errorf("over the limit with SkipBad: %v, skipped %q, %d documents", got.err, got.rep.Skipped, len(got.docs))
	}
}

// TestNormalizedTextHash compares the reference hash and textHash with
// blockHash over the normalised text built the simple way.
func TestNormalizedTextHash(t *testing.T) {
	cases := []string{
		"", "   ", "Hello", "  Hello\n\tWORLD  ", "ÉCOLE  Ünïcode\u00a0space", "İstanbul", "a\u2003b", "caf\xe9",
	}
	for _, s := range cases {
		if got, want := normalizedTextHash(s), simpleNormalizedTextHash(s); got != want {
			t.Errorf("normalizedTextHash(%q) = %x, want %x", s, got, want)
		}
		if got, want := textHash(s).norm, simpleNormalizedTextHash(s); got != want {
			t.Errorf("textHash(%q).norm = %x, want %x", s, got, want)
		}
	}
	if normalizedTextHash("Hello  world") != normalizedTextHash("hello world") || normalizedTextHash("hello world") == normalizedTextHash("helloworld") {
		t.Errorf("normalisation: case and space runs must not matter; word breaks must")
	}
}

// simpleNormalizedTextHash is normalizedTextHash the obvious way.
func simpleNormalizedTextHash(s string) uint64 {
	return blockHash(strings.Join(strings.Fields(strings.ToLower(s)), " "))
}

// FuzzNormalizedTextHash checks normalizedTextHash against simpleNormalizedTextHash.
func FuzzNormalizedTextHash(f *testing.F) {
	f.Add("  Hello\n\tWORLD  ")
	f.Add("ÉCOLE\u00a0x")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // texts are repaired before hashing
		}
		if got, want := normalizedTextHash(s), simpleNormalizedTextHash(s); got != want {
			t.Errorf("normalizedTextHash(%q) = %x, want %x", s, got, want)
		}
	})
}

// TestManifestPath checks the cleaning of manifest paths.
func TestManifestPath(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"a.txt", "a.txt", ""},
		{" sub/a.txt ", "sub/a.txt", ""},
		{"./sub//a.txt", "sub/a.txt", ""},
		{`sub\a.txt`, "sub/a.txt", ""},
		{"../a.txt", "", `goes up with ".."`},
		{"/a.txt", "", "is absolute"},
		{`\\server\a.txt`, "", "is absolute"},
		{".", "", "is not a file path"},
	}
	for _, c := range cases {
		got, err := manifestPath(c.in)
		if got != c.want || (err == nil) != (c.err == "") || (err != nil && err.Error() != c.err) {
			t.Errorf("manifestPath(%q) = %q, %v; want %q, %q", c.in, got, err, c.want, c.err)
		}
	}
}

// TestSkippedByReason counts by the text before the first colon, sorted.
func TestSkippedByReason(t *testing.T) {
	r := &LoadReport{Skipped: []Skip{
		{"a", "empty: x"}, {"b", "duplicate: same text as a:1"}, {"c", "empty: y"}, {"d", "binary: NUL"},
	}}
	want := []ReasonCount{{"binary", 1}, {"duplicate", 1}, {"empty", 2}}
	if got := r.SkippedByReason(); !reflect.DeepEqual(got, want) {
		t.Errorf("SkippedByReason = %v, want %v", got, want)
	}
}

// BenchmarkLoadAllSides measures reading the gzipped AllSides sample.
func BenchmarkLoadAllSides(b *testing.B) {
	info, err := os.Stat(allSidesPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	for b.Loop() {
		if _, err := LoadPath(allSidesPath, LoadOptions{}, func(*Document) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFastJSONObject compares the single-pass record parser with the
// encoding/json reference: where the fast path answers, both agree; where it
// gives up, the reference decides.
func TestFastJSONObject(t *testing.T) {
	cases := []struct {
		in   string
		fast bool // the fast path must answer
	}{
		{`{}`, true},
		{` { "a" : "b" , "n": -12.5e+3, "t": true, "f": false, "z": null } `, true},
		{`{"esc": "q\" b\\ s\/ \b\f\n\r\t u\u00e9\u20AC pair\ud83d\ude00"}`, true},
		{`{"nested": {"a": [1, 2, {"b": "c"}], "s": "}]\""}, "after": "x"}`, true},
		{`{"dup": "first", "dup": "second"}`, true},
		{`{"num": 0, "neg": -0.5, "exp": 1E9}`, true},
		{"{\"utf8\": \"Ереван Bakı\"}", true},
		{"{\"bad\": \"caf\xe9\"}", false},
		{`{"lone": "\ud83d x"}`, false},
		{`{"low": "\ude00"}`, false},
		{`{"a": 01}`, false},
		{`{"a": 1.}`, false},
		{`{"a": -}`, false},
		{`{"a": "b",}`, false},
		{`{"a": "b"} x`, false},
		{`{"a": tru}`, false},
		{"{\"a\": \"line\nbreak\"}", false},
		{`{"a": "\x"}`, false},
		{`{"a": "\u12"}`, false},
		{`{"a": [1, 2}`, false},
		{`{"a" "b"}`, false},
		{`["a"]`, false},
		{`{"a": "unterminated`, false},
	}
	for _, c := range cases {
		fast := rawRecord{}
		ok := fastJSONObject([]byte(c.in), fast)
		if ok != c.fast {
			t.Errorf("%q: fast path answered %v, want %v", c.in, ok, c.fast)
		}
		checkAgainstReference(t, []byte(c.in), fast, ok)
	}
	// Every record of the AllSides sample takes the fast path.
	f, err := os.Open(allSidesPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(z)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		rec := rawRecord{}
		if !fastJSONObject(sc.Bytes(), rec) {
			t.Errorf("allsides line %d: the fast path gave up", n)
			continue
		}
		checkAgainstReference(t, sc.Bytes(), rec, true)
	}
}

// checkAgainstReference checks a fast-path result against slowJSONObject.
func checkAgainstReference(t *testing.T, in []byte, fast rawRecord, ok bool) {
	t.Helper()
	slow := rawRecord{}
	err := slowJSONObject(in, map[string]json.RawMessage{}, slow)
	if !ok {
		return
	}
	if err != nil {
		t.Errorf("%q: fast path accepted what encoding/json rejects: %v", in, err)
	} else if !reflect.DeepEqual(fast, slow) {
		t.Errorf("%q: fast %q, reference %q", in, fast, slow)
	}
}

// FuzzFastJSONObject checks the fast record parser against encoding/json.
func FuzzFastJSONObject(f *testing.F) {
	f.Add(`{"id": "a1", "outlet": "Alpha", "text": "x\ny \u00e9\ud83d\ude00", "n": 7, "tags": ["x", {"y": null}]}`)
	f.Add(`{"a": -1.5E-3, "b": true, "c": false, "d": null}`)
	f.Add(`{"a": "\"\\\/"}`)
	f.Fuzz(func(t *testing.T, s string) {
		rec := rawRecord{}
		checkAgainstReference(t, []byte(s), rec, fastJSONObject([]byte(s), rec))
	})
}

// TestIsDocumentationName tells documentation files from documents.
func TestIsDocumentationName(t *testing.T) {
	cases := []struct {
		name string
		want bool
	}{
		{"README", true},
		{"README.md", true},
		{"readme.txt", true},
		{"ReadMe_fr.md", true},
		{"README2.md", true},
		{"LICENSE", true},
		{"LICENSE-MIT", true},
		{"licence.txt", true},
		{"COPYING.LESSER", true},
		{"NOTICE", true},
		{"notice.html", true},
		{"noticeboard.txt", false}, // a letter follows the word
		{"licensed-tech.txt", false},
		{"readmes.txt", false},
		{"my-readme.txt", false}, // the word must start the name
		{"notic.txt", false},
		{"manifest.csv", false},
		{"a.txt", false},
		{"", false},
	}
	for _, c := range cases {
		if got := isDocumentationName(c.name); got != c.want {
			t.Errorf("isDocumentationName(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestLoadDocumentationInGroup reads a README inside an outlet's folder as a
// document: only the top level holds documentation.
func TestLoadDocumentationInGroup(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{
		"README.md":        "About the corpus.\n",
		"Alpha/README.md":  "An article about a readme.\n",
		"Alpha/story.txt":  "A story.\n",
		"LICENSE":          "CC BY 4.0\n",
		"NOTICE.dat":       "binary-ish notice",
		"Beta/article.txt": "Another story.\n",
	})
	got := loadFS(t, dir, ".", LoadOptions{})
	if got.err != nil {
		t.Fatal(got.err)
	}
	if want := []string{"Alpha/README", "Alpha/story", "Beta/article"}; !reflect.DeepEqual(docIDs(got.docs), want) {
		t.Errorf("ids = %q, want %q", docIDs(got.docs), want)
	}
	if len(got.rep.Warnings) != 0 || len(got.rep.Skipped) != 0 {
		t.Errorf("warnings %q, skipped %q; want none", got.rep.Warnings, got.rep.Skipped)
	}
}

// TestLoadSharedIDs loads documents whose id an earlier one has, with one
// warning per corpus naming the first case, in every input form.
func TestLoadSharedIDs(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{
		// Line 1 and 3 share "a1", line 4 shares "a1" too, line 5 shares "b".
		// Line 6 repeats "a1" with the text of line 2: a duplicate, skipped,
		// so its id does not count. Line 7 has no id ("ids#6"): never checked.
		"ids.jsonl": `{"id": "a1", "outlet": "A", "text": "one"}
{"id": "b", "outlet": "A", "text": "two"}
{"id": "a1", "outlet": "B", "text": "three"}
{"id": "a1", "outlet": "B", "text": "four"}
{"id": "b", "outlet": "B", "text": "five"}
{"id": "a1", "outlet": "B", "text": "two"}
{"outlet": "B", "text": "six"}
`,
		"ids.json":                  `[{"id": 7, "outlet": "A", "text": "one"}, {"id": "7", "outlet": "A", "text": "two"}]`,
		"ids.csv":                   "id,outlet,text\nx,A,one\ny,A,two\nx,B,three\n",
		"unique.jsonl":              `{"id": "a", "outlet": "A", "text": "one"}` + "\n" + `{"outlet": "A", "text": "two"}` + "\n" + `{"id": "unique#2", "outlet": "A", "text": "three"}` + "\n",
		"manifest/manifest.csv":     "file,outlet,id\na.txt,A,k\nb.txt,A,\nc.txt,B,k\n",
		"manifest/a.txt":            "one",
		"manifest/b.txt":            "two",
		"manifest/c.txt":            "three",
		"groups/Alpha/story.txt":    "one",
		"groups/Alpha/story.md":     "two",
		"groups/Beta/story.txt":     "three",
		"groups/Beta/deep/x.txt":    "four",
		"groups/Beta/deep/x.html":   "<p>five</p>",
		"groups/Beta/deep/x.htm":    "<p>six</p>",
		"groups/Gamma/other.txt":    "seven",
		"groups/Gamma/other.md":     "seven", // a duplicate text: skipped, its id not counted
		"groups/Gamma/unrelated.md": "eight",
	})
	cases := []struct {
		path   string
		loaded int
		want   []string
	}{
		{"ids.jsonl", 6, []string{`3 documents share an id with an earlier one (first: "a1" at ids.jsonl:3 and ids.jsonl:1); ids name documents in every output: give each document its own id`}},
		// 7 and "7" are the same id: ids are text.
		{"ids.json", 2, []string{`1 document shares an id with an earlier one (first: "7" at ids.json:record 2 and ids.json:record 1); ids name documents in every output: give each document its own id`}},
		{"ids.csv", 3, []string{`1 document shares an id with an earlier one (first: "x" at ids.csv:4 and ids.csv:2); ids name documents in every output: give each document its own id`}},
		// An explicit id equal to a made-up one ("unique#2") is not checked.
		{"unique.jsonl", 3, nil},
		{"manifest", 3, []string{`1 document shares an id with an earlier one (first: "k" at manifest/c.txt and manifest/a.txt); ids name documents in every output: give each document its own id`}},
		// Ids made from file names repeat when only the extension differs:
		// Alpha/story (.md after .txt in name order) and Beta/deep/x twice.
		{"groups", 8, []string{`3 documents share an id with an earlier one (first: "Alpha/story" at groups/Alpha/story.txt and groups/Alpha/story.md); ids name documents in every output: give each document its own id`}},
	}
	for _, c := range cases {
		got := loadFS(t, dir, c.path, LoadOptions{})
		if got.err != nil {
			t.Errorf("%s: %v", c.path, got.err)
			continue
		}
		if got.rep.Loaded != c.loaded {
			t.Errorf("%s: loaded %d, want %d (documents sharing an id are loaded)", c.path, got.rep.Loaded, c.loaded)
		}
		if !reflect.DeepEqual(got.rep.Warnings, c.want) {
			t.Errorf("%s: warnings\n%q\nwant\n%q", c.path, got.rep.Warnings, c.want)
		}
	}
}

// TestLoadCaseGroups warns once per set of groups differing only by case,
// with each group's documents, sets in order of their first name.
func TestLoadCaseGroups(t *testing.T) {
	var b strings.Builder
	n := 0
	add := func(group string, docs int) {
		for range docs {
			n++
			fmt.Fprintf(&b, "{\"outlet\": %q, \"text\": \"story %d\"}\n", group, n)
		}
	}
	add("wire", 1)
	add("Wire", 3)
	add("Reuters", 2)
	add("WIRE", 2)
	add("reuters", 1)
	add("AP", 4)
	add("Σίγμα", 1)
	add("ΣΊΓΜΑ", 1) // Greek capitals of the same word: EqualFold folds them together
	add(" Wire", 1) // trimmed to "Wire": a trim warning, and a 4th Wire document
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{"case.jsonl": b.String()})
	got := loadFS(t, dir, "case.jsonl", LoadOptions{})
	if got.err != nil {
		t.Fatal(got.err)
	}
	want := []string{
		`case.jsonl:16: group " Wire" trimmed to "Wire" (white space around a group name is ignored)`,
		`groups "Reuters" (2 documents) and "reuters" (1) differ only by case: fix the group field, or use --fold-groups to merge them`,
		`groups "WIRE" (2 documents), "Wire" (4) and "wire" (1) differ only by case: fix the group field, or use --fold-groups to merge them`,
		`groups "ΣΊΓΜΑ" (1 document) and "Σίγμα" (1) differ only by case: fix the group field, or use --fold-groups to merge them`,
	}
	if !reflect.DeepEqual(got.rep.Warnings, want) {
		t.Errorf("warnings\n%q\nwant\n%q", got.rep.Warnings, want)
	}
	if got.rep.Loaded != n {
		t.Errorf("loaded %d, want %d", got.rep.Loaded, n)
	}
}

// TestFoldKey agrees with strings.EqualFold.
func TestFoldKey(t *testing.T) {
	words := []string{"wire", "Wire", "WIRE", "wirE", "wir", "K", "k", "\u212a", "ſ", "s", "S", "σ", "ς", "Σ", "ß", "SS", "Ǆ", "ǅ", "ǆ", ""}
	for _, a := range words {
		for _, b := range words {
			if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("%q, %q: same key %v, EqualFold %v", a, b, got, want)
			}
		}
	}
}

// TestLoadRepairedWarning names the documents whose invalid UTF-8 was
// repaired: all of them up to 5, then "…".
func TestLoadRepairedWarning(t *testing.T) {
	var few, many strings.Builder
	for i := 1; i <= 8; i++ {
		text := fmt.Sprintf("story %d", i)
		if i%2 == 0 || i > 3 {
			text += " caf\xe9" // invalid: lines 2, 4, 5, 6, 7, 8
		}
		line := fmt.Sprintf("{\"outlet\": \"A\", \"text\": \"%s\"}\n", text)
		many.WriteString(line)
		if i <= 3 {
			few.WriteString(line) // line 2 only
		}
	}
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{"few.jsonl": few.String(), "many.jsonl": many.String()})
	cases := []struct {
		file     string
		repaired int
		want     string
	}{
		{"few.jsonl", 1, "invalid UTF-8 repaired with U+FFFD in 1 document: few.jsonl:2"},
		{"many.jsonl", 6, "invalid UTF-8 repaired with U+FFFD in 6 documents: many.jsonl:2, many.jsonl:4, many.jsonl:5, many.jsonl:6, many.jsonl:7, …"},
	}
	for _, c := range cases {
		got := loadFS(t, dir, c.file, LoadOptions{})
		if got.err != nil {
			t.Errorf("%s: %v", c.file, got.err)
			continue
		}
		if got.rep.Repaired != c.repaired || !reflect.DeepEqual(got.rep.Warnings, []string{c.want}) {
			t.Errorf("%s: repaired %d, warnings %q\nwant %d, %q", c.file, got.rep.Repaired, got.rep.Warnings, c.repaired, c.want)
		}
	}
}

// TestLoadFoldGroups merges groups differing only by case under the
// spelling of the first loaded document (trimmed), in every field that
// names the group, with one warning per merged set; without FoldGroups they
// stay apart with a warning.
func TestLoadFoldGroups(t *testing.T) {
	lines := []string{
		`{"outlet": "REUTERS", "text": "   "}`, // skipped (empty): not the spelling kept
		`{"outlet": " Reuters ", "text": "story one"}`,
		`{"outlet": "reuters", "text": "story two"}`,
		`{"outlet": "AP", "text": "story three"}`,
		`{"outlet": "REUTERS", "text": "story four"}`,
		`{"outlet": "ap", "text": "story five"}`,
		`{"outlet": "Σίγμα", "text": "story six"}`,
		`{"outlet": "ΣΊΓΜΑ", "text": "story seven"}`,
	}
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{
		"case.jsonl":         strings.Join(lines, "\n") + "\n",
		"groups/Wire/a.txt":  "wire story one",
		"groups/WIRE/b.txt":  "wire story two",
		"groups/Other/c.txt": "other story",
	})
	got := loadFS(t, dir, "case.jsonl", LoadOptions{FoldGroups: true})
	if got.err != nil {
		t.Fatal(got.err)
	}
	if want := []string{"Reuters", "Reuters", "AP", "Reuters", "AP", "Σίγμα", "Σίγμα"}; !reflect.DeepEqual(docGroups(got.docs), want) {
		t.Errorf("groups %q, want %q", docGroups(got.docs), want)
	}
	for _, d := range got.docs {
		if d.Fields["outlet"] != d.Group {
			t.Errorf("%s: field outlet %q, group %q", d.Origin, d.Fields["outlet"], d.Group)
		}
	}
	want := []string{
		`case.jsonl:2: group " Reuters " trimmed to "Reuters" (white space around a group name is ignored)`,
		`groups "AP" (1 document) and "ap" (1) merged into "AP" by --fold-groups`,
		`groups "Reuters" (1 document), "REUTERS" (1) and "reuters" (1) merged into "Reuters" by --fold-groups`,
		`groups "Σίγμα" (1 document) and "ΣΊΓΜΑ" (1) merged into "Σίγμα" by --fold-groups`,
	}
	if !reflect.DeepEqual(got.rep.Warnings, want) {
		t.Errorf("warnings\n%q\nwant\n%q", got.rep.Warnings, want)
	}

	// Without FoldGroups: four groups of Reuters and AP spellings, warned.
	got = loadFS(t, dir, "case.jsonl", LoadOptions{})
	if want := []string{"Reuters", "reuters", "AP", "REUTERS", "ap", "Σίγμα", "ΣΊΓΜΑ"}; !reflect.DeepEqual(docGroups(got.docs), want) {
		t.Errorf("without folding: groups %q, want %q", docGroups(got.docs), want)
	}
	if n := len(got.rep.Warnings); n != 4 || !strings.Contains(got.rep.Warnings[2], "use --fold-groups to merge them") {
		t.Errorf("without folding: warnings %q", got.rep.Warnings)
	}

	// A folder of subfolders: the subfolder read first (name order) names the group.
	got = loadFS(t, dir, "groups", LoadOptions{FoldGroups: true})
	if got.err != nil {
		t.Fatal(got.err)
	}
	if want := []string{"Other", "WIRE", "WIRE"}; !reflect.DeepEqual(docGroups(got.docs), want) {
		t.Errorf("folder: groups %q, want %q", docGroups(got.docs), want)
	}
	if want := []string{`groups "WIRE" (1 document) and "Wire" (1) merged into "WIRE" by --fold-groups`}; !reflect.DeepEqual(got.rep.Warnings, want) {
		t.Errorf("folder: warnings %q, want %q", got.rep.Warnings, want)
	}
}

// TestLoadNearDuplicates keeps texts with the same words as an earlier one
// (differing in digits or punctuation only) and warns about them; short
// texts and KeepDuplicates are not checked.
func TestLoadNearDuplicates(t *testing.T) {
	const story = "Troops fired on the village of %s at dawn, officials said; %d people were hurt in the shelling."
	rec := func(outlet, text string) string {
		b, _ := json.Marshal(map[string]string{"outlet": outlet, "text": text})
		return string(b)
	}
	lines := []string{
		rec("A", fmt.Sprintf(story, "Stepanakert", 12)),
		rec("B", fmt.Sprintf(story, "Stepanakert", 14)),                                // digits differ: near
		rec("C", strings.ReplaceAll(fmt.Sprintf(story, "Stepanakert", 12), ",", " —")), // punctuation differs: near
		rec("D", strings.ToUpper(fmt.Sprintf(story, "Stepanakert", 12))),               // case only: an exact duplicate
		rec("E", fmt.Sprintf(story, "Martakert", 12)),                                  // a word differs: not near
		rec("F", "Story 1."), // short texts coincide by chance
		rec("G", "Story 2!"),
	}
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{"near.jsonl": strings.Join(lines, "\n")})
	got := loadFS(t, dir, "near.jsonl", LoadOptions{})
	if got.err != nil {
		t.Fatal(got.err)
	}
	if got.rep.Loaded != 6 || len(got.rep.Skipped) != 1 || got.rep.Skipped[0].Origin != "near.jsonl:4" {
		t.Errorf("loaded %d, skipped %v; want 6 and near.jsonl:4", got.rep.Loaded, got.rep.Skipped)
	}
	want := []string{"2 near duplicates kept: near.jsonl:2 (like near.jsonl:1), near.jsonl:3 (like near.jsonl:1); same words as an earlier document but for digits or punctuation: if they are copies of one article, keep one"}
	if !reflect.DeepEqual(got.rep.Warnings, want) {
		t.Errorf("warnings\n%q\nwant\n%q", got.rep.Warnings, want)
	}
	got = loadFS(t, dir, "near.jsonl", LoadOptions{KeepDuplicates: true})
	if got.rep.Loaded != 7 || len(got.rep.Warnings) != 0 {
		t.Errorf("KeepDuplicates: loaded %d, warnings %q; want 7, none", got.rep.Loaded, got.rep.Warnings)
	}
}

// TestWordsHash hashes the letter words of a text, lower-cased, and nothing
// else; texts under nearMinWords words are not checked.
func TestWordsHash(t *testing.T) {
	base := "one two three four five six seven eight nine ten"
	same := []string{
		base,
		"One, two; three (four) five-six seven 8 eight nine ten!",
		"  one\ttwo\nthree four five six seven eight nine ten 2023",
		"ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN",
	}
	h0, ok := wordsHash(base)
	if !ok {
		t.Fatalf("%q: not checked", base)
	}
	for _, s := range same {
		if h, ok := wordsHash(s); !ok || h != h0 {
			t.Errorf("%q: hash %x ok %v, want %x", s, h, ok, h0)
		}
	}
	for _, s := range []string{base + " eleven", "onetwo three four five six seven eight nine ten x", strings.Replace(base, "one", "uno", 1)} {
		if h, _ := wordsHash(s); h == h0 {
			t.Errorf("%q: same hash as %q", s, base)
		}
	}
	// Non-ASCII words are lower-cased and joined as ASCII ones are.
	a, _ := wordsHash("Ереван Bakı Ереван Bakı Ереван Bakı Ереван Bakı Ереван Bakı")
	b, _ := wordsHash("ереван, bakı! ереван bakı ереван bakı ереван bakı ереван bakı")
	if a != b {
		t.Errorf("Cyrillic and Turkish words: %x != %x", a, b)
	}
	for _, s := range []string{"", "!!! ... ???", "1 2 3 4 5 6 7 8 9 10 11", "one two three four five six seven eight nine"} {
		if _, ok := wordsHash(s); ok {
			t.Errorf("%q: checked, want too few words", s)
		}
	}
}

// TestLoadTextTypes refuses a text that is not a JSON string, and words a
// null text or group as null.
func TestLoadTextTypes(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{"types.jsonl": strings.Join([]string{
		`{"outlet": "A", "text": "a real text"}`,
		`{"outlet": "A", "text": 12}`,
		`{"outlet": "A", "text": true}`,
		`{"outlet": "A", "text": {"body": "x"}}`,
		`{"outlet": "A", "text": null}`,
		`{"outlet": null, "text": "no group"}`,
		`{"outlet": 3, "text": "a number is a fine group (a bias rating)"}`,
	}, "\n")})
	got := loadFS(t, dir, "types.jsonl", LoadOptions{})
	want := `types.jsonl:2: field "text" is the number 12, not a string: the article text must be a JSON string: fix the record, set --text to the field that holds the text, or use --skip-bad`
	if got.err == nil || got.err.Error() != want {
		t.Errorf("error %v\nwant %q", got.err, want)
	}
	got = loadFS(t, dir, "types.jsonl", LoadOptions{SkipBad: true})
	if got.err != nil {
		t.Fatal(got.err)
	}
	wantSkips := []Skip{
		{"types.jsonl:2", `malformed: field "text" is the number 12, not a string`},
		{"types.jsonl:3", `malformed: field "text" is true, not a string`},
		{"types.jsonl:4", `malformed: field "text" is a JSON object or array, not a string`},
		{"types.jsonl:5", `missing field: record's "text" is null`},
		{"types.jsonl:6", `missing field: record's "outlet" is null`},
	}
	if !reflect.DeepEqual(got.rep.Skipped, wantSkips) {
		t.Errorf("skipped\n%q\nwant\n%q", got.rep.Skipped, wantSkips)
	}
	if want := []string{"A", "3"}; !reflect.DeepEqual(docGroups(got.docs), want) {
		t.Errorf("groups %q, want %q", docGroups(got.docs), want)
	}
}

// TestLoadNotText refuses record files that are not UTF-8 text before
// parsing them, whatever their name says.
func TestLoadNotText(t *testing.T) {
	zip := "PK\x03\x04\x14\x00\x00\x00\x08\x00" + strings.Repeat("\x00\x01", 40)
	utf16 := "\xff\xfeo\x00u\x00t\x00l\x00e\x00t\x00"
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{"sheet.csv": zip, "u16.csv": utf16, "nul.jsonl": "{\"outlet\": \"A\", \"text\": \"x\x00y\"}\n"})
	if err := os.WriteFile(filepath.Join(dir, "sheet.json.gz"), gzipTestBytes(t, []byte(zip)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"sheet.csv":     "sheet.csv cannot be read as UTF-8 text (NUL bytes in the first 8 KiB): parallax reads JSON Lines, a JSON array or CSV; it is a ZIP archive: save a spreadsheet (.xlsx, .ods) as CSV first",
		"sheet.json.gz": "sheet.json.gz cannot be read as UTF-8 text (NUL bytes in the first 8 KiB): parallax reads JSON Lines, a JSON array or CSV; it is a ZIP archive: save a spreadsheet (.xlsx, .ods) as CSV first",
		"u16.csv":       "u16.csv cannot be read as UTF-8 text (UTF-16 text (byte order mark): convert it to UTF-8): parallax reads JSON Lines, a JSON array or CSV",
		"nul.jsonl":     "nul.jsonl cannot be read as UTF-8 text (NUL bytes in the first 8 KiB): parallax reads JSON Lines, a JSON array or CSV",
	}
	for name, want := range cases {
		for _, skip := range []bool{false, true} {
			got := loadFS(t, dir, name, LoadOptions{SkipBad: skip})
			if got.err == nil || got.err.Error() != want {
				t.Errorf("%s (SkipBad %v): error %v\nwant %q", name, skip, got.err, want)
			}
		}
	}
}

// TestLoadEmptyJSONLines refuses JSON Lines without a record: an empty or
// blank file, or empty standard input; an empty JSON array is no error.
func TestLoadEmptyJSONLines(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{"empty.jsonl": "", "blank.jsonl": "\n  \n\t\n", "none.json": "[]"})
	for name, want := range map[string]string{
		"empty.jsonl": `empty.jsonl is empty: JSON Lines hold one object per line ({"text": …, "outlet": …})`,
		"blank.jsonl": `blank.jsonl is empty: JSON Lines hold one object per line ({"text": …, "outlet": …})`,
	} {
		if got := loadFS(t, dir, name, LoadOptions{}); got.err == nil || got.err.Error() != want {
			t.Errorf("%s: error %v\nwant %q", name, got.err, want)
		}
	}
	if got := loadFS(t, dir, "none.json", LoadOptions{}); got.err != nil || got.rep.Read != 0 {
		t.Errorf("[]: error %v, read %d", got.err, got.rep.Read)
	}
	got := collectLoad(t, "stdin", func(emit func(*Document) error) (*LoadReport, error) {
		return LoadPath("-", LoadOptions{Stdin: strings.NewReader("")}, emit)
	})
	if got.err == nil || !strings.HasPrefix(got.err.Error(), "standard input is empty: ") {
		t.Errorf("empty stdin: error %v", got.err)
	}
	// Standard input closed inside a record: the cut line is named.
	got = collectLoad(t, "stdin", func(emit func(*Document) error) (*LoadReport, error) {
		return LoadPath("-", LoadOptions{Stdin: strings.NewReader("{\"outlet\": \"A\", \"text\": \"one\"}\n{\"outlet\": \"B\", \"te")}, emit)
	})
	if got.err == nil || !strings.HasPrefix(got.err.Error(), "stdin:2: invalid JSON: the record ends before its object is closed") || got.rep.Loaded != 1 {
		t.Errorf("cut stdin: error %v, loaded %d", got.err, got.rep.Loaded)
	}
}

// TestLoadJSONArrayErrorLines names the line of a syntax error in a JSON
// array, and the record it is in, for records and JSON manifests.
func TestLoadJSONArrayErrorLines(t *testing.T) {
	dir := t.TempDir()
	writeTestFiles(t, dir, map[string]string{
		"pair.json":       "[\n  {\"outlet\": \"A\", \"text\": \"one\"},\n  {\"outlet\": \"B\",\n   \"text\": \"two\" \"x\": 1},\n  {\"outlet\": \"C\", \"text\": \"three\"}\n]\n",
		"comma.json":      "[\n  {\"outlet\": \"A\", \"text\": \"one\"},\n  {\"outlet\": \"B\",\n   \"text\": \"two\"}\n  {\"outlet\": \"C\", \"text\": \"three\"}\n]\n",
		"cut.json":        "[\n  {\"outlet\": \"A\", \"text\": \"one\"},\n  {\"outlet\": \"B\",\n   \"text\": \"two\"},\n\n",
		"trailing.json":   "[\n  {\"outlet\": \"A\", \"text\": \"one\"},\n]\n",
		"after.json":      "[{\"outlet\": \"A\", \"text\": \"one\"}]\n\n[]\n",
		"m/manifest.json": "[\n {\"file\": \"a.txt\", \"outlet\": \"A\"},\n {\"file\": \"b.txt\" \"outlet\": \"B\"}\n]\n",
		"m/a.txt":         "one",
		"m/b.txt":         "two",
	})
	cases := map[string]string{
		"pair.json":     `pair.json:4: invalid JSON in record 2: invalid character '"' after object key:value pair: the rest of the array cannot be read; fix the file`,
		"comma.json":    `comma.json:5: invalid JSON in record 3: expected comma after array element: the rest of the array cannot be read; fix the file`,
		"cut.json":      `cut.json:4: invalid JSON in record 3: the array ends too early (is the file truncated?): the rest of the array cannot be read; fix the file`,
		"trailing.json": `trailing.json:3: invalid JSON in record 2: invalid character ']' looking for beginning of value (JSON allows no comma before the closing ]): the rest of the array cannot be read; fix the file`,
		"after.json":    `after.json:3: unexpected "[" after the closing ]: a .json file holds one array`,
		"m":             `m/manifest.json:3: invalid JSON in record 2: invalid character '"' after object key:value pair: the rest of the array cannot be read; fix the file`,
	}
	for name, want := range cases {
		got := loadFS(t, dir, name, LoadOptions{SkipBad: true})
		if got.err == nil || got.err.Error() != want {
			t.Errorf("%s: error %v\nwant %q", name, got.err, want)
		}
	}
}

// TestLineCounter names the line of input offsets, asked in increasing
// order, however the input arrives.
func TestLineCounter(t *testing.T) {
	text := "a\nbb\n\nccc\nd"
	lc := &lineCounter{r: iotestOneByte(strings.NewReader(text)), line: 1}
	if _, err := io.ReadAll(lc); err != nil {
		t.Fatal(err)
	}
	for off, want := range []int{1, 1, 2, 2, 2, 3, 4, 4, 4, 4, 5, 5} {
		if got := lc.lineAt(int64(off)); got != want {
			t.Errorf("offset %d: line %d, want %d", off, got, want)
		}
	}
}

// iotestOneByte reads one byte at a time.
func iotestOneByte(r io.Reader) io.Reader { return oneByteReader{r} }

type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}
