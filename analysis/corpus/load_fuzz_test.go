package corpus

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The loader fuzz targets read arbitrary bytes as one record file and check
// what must hold for every input: each record read is loaded or skipped
// (Read = Loaded + skipped), every loaded document has a non-blank valid
// UTF-8 text, a trimmed non-empty group and an id, no two loaded texts are
// duplicates, skips and errors name the file and a line or record, and with
// SkipBad only problems of the whole file stop the load. The same bytes
// gzipped load the same way.

// fuzzSeeds adds the files of the record fixtures with extension ext, each
// with and without SkipBad.
func fuzzSeeds(f *testing.F, ext string, extra ...string) {
	for _, dir := range []string{"../../testdata/load/records", "../../testdata/load/bad"} {
		names, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data, false)
			f.Add(data, true)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
}

// fuzzLoad loads data as the file name and checks the invariants; it
// returns the result for further checks.
func fuzzLoad(t *testing.T, name string, data []byte, skipBad bool) loadResult {
	t.Helper()
	opt := LoadOptions{SkipBad: skipBad}
	fsys := fstest.MapFS{name: {Data: data}}
	got := collectLoad(t, name, func(emit func(*Document) error) (*LoadReport, error) {
		return Load(fsys, name, opt, emit)
	})
	checkFuzzLoad(t, name, got, skipBad)
	return got
}

// fuzzErrorForm is the form of every load error: the file name, then a
// line, a record, or nothing for a problem of the whole file.
var fuzzErrorForm = regexp.MustCompile(`^(?s)(\S+?)(:\d+: |:record \d+: |: | is empty| cannot be read as UTF-8 text)`)

// skipKinds are the known kinds of Skip.Reason.
var skipKinds = map[string]bool{skipBinary: true, skipEmpty: true, skipDuplicate: true, skipMalformed: true,
	skipMissing: true, skipLink: true, skipTooLarge: true, skipUnread: true}

func checkFuzzLoad(t *testing.T, name string, got loadResult, skipBad bool) {
	t.Helper()
	seen := map[uint64]string{}
	for _, d := range got.docs {
		if isBlankText(d.Text) {
			t.Errorf("%s: loaded a blank text %q", d.Origin, d.Text)
		}
		if d.Group == "" || strings.TrimSpace(d.Group) != d.Group || !utf8.ValidString(d.Group) {
			t.Errorf("%s: group %q is empty, untrimmed or invalid UTF-8", d.Origin, d.Group)
		}
		if d.ID == "" {
			t.Errorf("%s: no id", d.Origin)
		}
		if !strings.HasPrefix(d.Origin, name+":") {
			t.Errorf("origin %q does not name %s", d.Origin, name)
		}
		for k, v := range d.Fields {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Errorf("%s: field %q = %q is invalid UTF-8", d.Origin, k, v)
			}
		}
		h := normalizedTextHash(d.Text)
		if first, dup := seen[h]; dup {
			t.Errorf("%s: the same text as %s was loaded twice", d.Origin, first)
		}
		seen[h] = d.Origin
	}
	for _, s := range got.rep.Skipped {
		kind, detail, ok := strings.Cut(s.Reason, ": ")
		if !ok || !skipKinds[kind] || detail == "" {
			t.Errorf("skip %q: reason %q is not \"kind: detail\" of a known kind", s.Origin, s.Reason)
		}
		if !strings.HasPrefix(s.Origin, name+":") {
			t.Errorf("skip origin %q does not name %s and a line or record", s.Origin, name)
		}
		if !skipBad && (kind == skipMalformed || kind == skipMissing || kind == skipTooLarge) {
			t.Errorf("skip %q (%s) without SkipBad: it should have stopped the load", s.Origin, s.Reason)
		}
	}
	if got.err == nil {
		return
	}
	msg := got.err.Error()
	m := fuzzErrorForm.FindStringSubmatch(msg)
	if m == nil || m[1] != name {
		t.Errorf("error %q does not begin with %s and a place", msg, name)
	}
	if !utf8.ValidString(msg) {
		t.Errorf("error %q is invalid UTF-8", msg)
	}
}

// checkSameLoad requires two loads to agree: documents, report and error.
func checkSameLoad(t *testing.T, what string, a, b loadResult) {
	t.Helper()
	if (a.err == nil) != (b.err == nil) || a.err != nil && a.err.Error() != b.err.Error() {
		t.Errorf("%s: error %v, plain %v", what, b.err, a.err)
	}
	if !reflect.DeepEqual(a.rep, b.rep) {
		t.Errorf("%s: report %+v, plain %+v", what, b.rep, a.rep)
	}
	if len(a.docs) != len(b.docs) {
		t.Fatalf("%s: %d documents, plain %d", what, len(b.docs), len(a.docs))
	}
	for i := range a.docs {
		if !reflect.DeepEqual(a.docs[i], b.docs[i]) {
			t.Errorf("%s: document %d is %+v, plain %+v", what, i, b.docs[i], a.docs[i])
		}
	}
}

// checkGzipSame loads data gzipped under the same name: gzip is recognised
// by its magic bytes and must change nothing.
func checkGzipSame(t *testing.T, name string, data []byte, skipBad bool, plain loadResult) {
	t.Helper()
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return // already gzip magic: the plain load decompressed it
	}
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write(data)
	z.Close()
	zipped := fuzzLoad(t, name, b.Bytes(), skipBad)
	checkSameLoad(t, "gzipped", plain, zipped)
}

// FuzzLoadCSV reads arbitrary bytes as a CSV file.
func FuzzLoadCSV(f *testing.F) {
	fuzzSeeds(f, ".csv",
		"id,outlet,text\n1,A,\"a \"\"quoted\"\" text\"\n2,B,\"two\nlines\"\n",
		"outlet,text\nA,\"never closed\nB,text\n",
		"\ufeffoutlet , text\r\nA,x\r\n",
		"outlet,text,text\nA,x,y\n",
		"outlet,text\nA,caf\xe9\n\"B\",   \n ,z\n")
	f.Fuzz(func(t *testing.T, data []byte, skipBad bool) {
		got := fuzzLoad(t, "x.csv", data, skipBad)
		// With SkipBad only the header or the file as a whole stops a CSV
		// load. The header is the first row that is not blank, so its
		// problems are told by their message, not by line 1.
		if skipBad && got.err != nil {
			msg := got.err.Error()
			header := strings.Contains(msg, ": invalid CSV in the header row: ") ||
				strings.Contains(msg, " column (columns: ") || strings.Contains(msg, " is named twice: rename one")
			if strings.HasPrefix(msg, "x.csv:") && !header {
				t.Errorf("SkipBad: a row stopped the load: %v", got.err)
			}
		}
		checkGzipSame(t, "x.csv", data, skipBad, got)
	})
}

// FuzzLoadJSONLines reads arbitrary bytes as JSON Lines, from a file and
// from standard input.
func FuzzLoadJSONLines(f *testing.F) {
	fuzzSeeds(f, ".jsonl",
		`{"outlet": "A", "text": "x\ny \u00e9\ud83d\ude00", "n": 7, "tags": ["x", {"y": null}]}`+"\n"+`{"outlet": 3, "text": 12}`,
		`{"outlet": "A", "text": "cut`,
		"\ufeff{\"outlet\": \" A \", \"text\": \"caf\xe9\"}\n\n   \n{\"outlet\": null, \"text\": \"n\"}\n[1]\n",
		`[{"outlet": "A", "text": "an array"}]`)
	f.Fuzz(func(t *testing.T, data []byte, skipBad bool) {
		got := fuzzLoad(t, "x.jsonl", data, skipBad)
		// A record is one line: with SkipBad only a file that is not text
		// or holds no record stops the load.
		if skipBad && got.err != nil && !strings.HasPrefix(got.err.Error(), "x.jsonl cannot be read") && !strings.HasPrefix(got.err.Error(), "x.jsonl is empty") {
			t.Errorf("SkipBad: a line stopped the load: %v", got.err)
		}
		checkGzipSame(t, "x.jsonl", data, skipBad, got)
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			return
		}
		// Standard input reads the same records, named "stdin".
		in := collectLoad(t, "stdin", func(emit func(*Document) error) (*LoadReport, error) {
			return LoadPath("-", LoadOptions{SkipBad: skipBad, Stdin: bytes.NewReader(data)}, emit)
		})
		if len(in.docs) != len(got.docs) || in.rep.Read != got.rep.Read || (in.err == nil) != (got.err == nil) {
			t.Errorf("stdin: %d documents, %d read, error %v; file: %d, %d, %v", len(in.docs), in.rep.Read, in.err, len(got.docs), got.rep.Read, got.err)
		}
		for i := range min(len(in.docs), len(got.docs)) {
			if in.docs[i].Text != got.docs[i].Text || in.docs[i].Group != got.docs[i].Group {
				t.Errorf("stdin document %d differs from the file's", i)
			}
		}
	})
}

// FuzzLoadJSONArray reads arbitrary bytes as a JSON array of objects.
func FuzzLoadJSONArray(f *testing.F) {
	fuzzSeeds(f, ".json",
		"[\n  {\"outlet\": \"A\", \"text\": \"one\"},\n  {\"outlet\": \"B\",\n   \"text\": \"two\" \"x\": 1}\n]\n",
		"[{\"outlet\": \"A\", \"text\": \"one\"},]",
		"[{\"outlet\": \"A\", \"text\": \"one\"}] [",
		"[{\"outlet\": \"A\", \"text\": \"caf\xe9\"}, 3, null, {\"outlet\": \"B\", \"text\": {\"a\": 1}}]",
		"\ufeff[]")
	f.Fuzz(func(t *testing.T, data []byte, skipBad bool) {
		got := fuzzLoad(t, "x.json", data, skipBad)
		// A syntax error names its line; a bad element its record.
		if got.err != nil {
			msg := got.err.Error()
			if strings.Contains(msg, "invalid JSON in record") || strings.Contains(msg, "after the closing ]") {
				if !regexp.MustCompile(`^x\.json:[1-9]\d*: `).MatchString(msg) {
					t.Errorf("syntax error without a line: %v", msg)
				} else if line := lineOf(msg); line > bytes.Count(data, []byte{'\n'})+1 {
					t.Errorf("error on line %d of a file of %d lines: %v", line, bytes.Count(data, []byte{'\n'})+1, msg)
				}
			}
		}
		checkGzipSame(t, "x.json", data, skipBad, got)
	})
}

// lineOf returns N of an error "name:N: …".
func lineOf(msg string) int {
	_, rest, _ := strings.Cut(msg, ":")
	n := 0
	for _, c := range rest {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
