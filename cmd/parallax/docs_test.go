package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"parallax/analysis/report"
	"parallax/lexicons"
)

// repoRoot is the repository's folder, as an absolute path (the examples
// run in another folder).
func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// docFiles are the documents whose examples TestDocExamples runs.
func docFiles(t *testing.T, root string) []string {
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no docs: %v", err)
	}
	return append([]string{filepath.Join(root, "README.md")}, files...)
}

// docExample is one "parallax …" line of a fenced block.
type docExample struct {
	where string   // file:line
	args  []string // after "parallax"
	out   string   // a file standard output is redirected to ("> FILE"), or ""
}

// docExamples returns every line of a fenced code block of the file that
// runs parallax ("parallax …" or "$ parallax …"), with the shell comment
// after it dropped.
func docExamples(t *testing.T, root, path string) []docExample {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []docExample
	fenced := false
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		line = strings.TrimPrefix(strings.TrimSpace(line), "$ ")
		if !fenced || !strings.HasPrefix(line, "parallax ") {
			continue
		}
		ex, err := parseExample(fmt.Sprintf("%s:%d", strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(path, root)), "/"), i+1), line)
		if err != nil {
			t.Error(err)
			continue
		}
		out = append(out, ex)
	}
	return out
}

// parseExample splits a "parallax …" command line, with a "> FILE"
// redirection of its standard output, if any.
func parseExample(where, line string) (docExample, error) {
	words, err := shellWords(line)
	if err != nil {
		return docExample{}, fmt.Errorf("%s: %v", where, err)
	}
	if len(words) < 2 || words[0] != "parallax" {
		return docExample{}, fmt.Errorf("%s: %q is not a parallax command line", where, line)
	}
	ex := docExample{where: where, args: words[1:]}
	for j, w := range ex.args {
		if w == ">" && j+1 < len(ex.args) {
			ex.out = ex.args[j+1]
			ex.args = ex.args[:j]
			break
		}
	}
	return ex, nil
}

// runExample runs ex in the current folder, writing its redirected output.
func runExample(t *testing.T, ex docExample) {
	t.Helper()
	if testing.Short() && strings.Contains(strings.Join(ex.args, " "), "allsides") {
		return // the AllSides sample's runs take seconds each
	}
	var stdout, stderr bytes.Buffer
	if code := run(ex.args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Errorf("%s: parallax %s: exit %d\n%s", ex.where, strings.Join(ex.args, " "), code, stderr.String())
		return
	}
	if ex.out != "" {
		if err := os.WriteFile(ex.out, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// shellWords splits a command line as a POSIX shell would for the forms the
// docs use: words, '…' and "…" quoting, and a # comment after a space.
func shellWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			return words, nil
		case c == '\'' || c == '"':
			end := strings.IndexByte(line[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("unclosed %c in %q", c, line)
			}
			cur.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// writeDocFixtures writes the files the docs' examples name into dir: a
// small JSONL corpus with two topics (plain and gzipped), a LIWC
// dictionary, a native lexicon (the frames pack), and the configuration
// file shown in docs/config.md.
func writeDocFixtures(t *testing.T, root, dir string) {
	zr, err := os.Open(filepath.Join(root, "testdata/allsides-middle-east/articles.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	gz, err := gzip.NewReader(zr)
	if err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	var small bytes.Buffer
	for i, line := range strings.SplitN(string(all), "\n", 61)[:60] {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		rec["topic"] = []string{"diplomacy", "conflict"}[i%2]
		b, _ := json.Marshal(rec)
		small.Write(b)
		small.WriteByte('\n')
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("articles.jsonl", small.Bytes())
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(small.Bytes())
	zw.Close()
	write("articles.jsonl.gz", z.Bytes())
	frames, err := os.ReadFile(filepath.Join(root, "lexicons/packs/frames.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write("my-frames.yaml", frames)
	write("my-dictionary.dic", []byte("%\n1\tconflict\n2\tpeace\n%\nwar\t1\nattack*\t1\ntalks\t2\n"))
	cfg, err := os.ReadFile(filepath.Join(root, "docs/config.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n(# parallax.yaml.*?)```").FindSubmatch(cfg)
	if m == nil {
		t.Fatal("docs/config.md: no ```yaml block starting # parallax.yaml")
	}
	write("parallax.yaml", m[1])
}

// TestDocExamples runs every parallax command line of the fenced blocks of
// README.md and docs/*.md, in order per file, and the example of every
// command's -h, in a folder holding the
// files they name: each must succeed, so a renamed flag, command or pack
// fails here (issue 17). With -short the AllSides sample's runs are left out.
func TestDocExamples(t *testing.T) {
	root, dir := repoRoot(t), t.TempDir()
	writeDocFixtures(t, root, dir)
	t.Chdir(dir)
	n := 0
	for _, file := range docFiles(t, root) {
		for _, ex := range docExamples(t, root, file) {
			n++
			runExample(t, ex)
		}
	}
	// The example of each command's -h.
	for _, name := range commandNames() {
		ex, err := parseExample("parallax "+name+" -h", commands[name].example)
		if err != nil {
			t.Error(err)
			continue
		}
		n++
		runExample(t, ex)
	}
	if n < 40 {
		t.Errorf("found %d examples in the docs: the extraction is broken", n)
	}
	t.Logf("ran %d documented command lines", n)
}

// TestShellWords checks the splitting the examples rely on.
func TestShellWords(t *testing.T) {
	got, err := shellWords(`parallax terms --target "Fox News" --vs 'CNN (Web News)' x  # a comment`)
	want := []string{"parallax", "terms", "--target", "Fox News", "--vs", "CNN (Web News)", "x"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	if _, err := shellWords(`parallax kwic 'open`); err == nil {
		t.Error("an unclosed quote: no error")
	}
}

// columnCases are runs that, together, print every table parallax has
// (options that add tables or columns included), on the Karabakh sample.
var columnCases = [][]string{
	{"corpus"}, {"corpus", "--docs"}, {"clean"}, {"terms"}, {"terms", "--rank", "count"}, {"terms", "--rank", "tfidf"}, {"terms", "--top", "0", "--zeros"},
	{"similarity"}, {"similarity", "--docs"}, {"tone"}, {"tone", "--unit", "sentence"}, {"tone", "--unit", "document"},
	{"lexicon", "--lexicon", "frames", "--explain", "security_military"}, {"lexicons"}, {"labels"}, {"quotes"}, {"actors"},
	{"events"}, {"events", "--level", "article"}, {"events", "--level", "passage"}, {"kwic", "separatist*"}, {"compare"},
}

// TestColumnsDocumented checks that every column of every table the
// commands print — display and tidy forms — is named in docs/output.md or
// in the page it sends that table's columns to (measures.md, framing.md,
// events.md, lexicons.md): in a code span (`column`, or a list `a, b`) or
// as the first cell of a table row (issue 17). Matrix
// columns named after the groups or a lexicon's categories are data, not
// columns to define, and are left out.
func TestColumnsDocumented(t *testing.T) {
	root := repoRoot(t)
	defined := map[string]bool{}
	for _, page := range []string{"output.md", "measures.md", "framing.md", "events.md", "lexicons.md"} {
		data, err := os.ReadFile(filepath.Join(root, "docs", page))
		if err != nil {
			t.Fatal(err)
		}
		text := regexp.MustCompile("(?s)```.*?```").ReplaceAllString(string(data), "")
		var names []string
		for _, span := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(text, -1) {
			names = append(names, span[1])
			names = append(names, strings.Split(span[1], ",")...)
		}
		// A table row's first cell defines what it names: "| mentions | …".
		for _, cell := range regexp.MustCompile(`(?m)^\| *([^|]+?) *\|`).FindAllStringSubmatch(text, -1) {
			names = append(names, strings.Split(strings.ReplaceAll(cell[1], "`", ""), ",")...)
		}
		for _, name := range names {
			defined[strings.TrimSpace(name)] = true
		}
	}
	data := map[string]bool{} // every cell's text: group names among them
	categories := map[string]bool{}
	for _, p := range lexicons.Packs() {
		lx, err := lexicons.Resolve(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range lx.Keys() {
			categories[k] = true
		}
	}
	missing := map[string][]string{}
	for _, args := range columnCases {
		var captured *report.Report
		var stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stderr, stderr: &stderr, capture: func(r *report.Report) { captured = r }}
		if code := runEnv(args, e); code != 0 || captured == nil {
			t.Fatalf("parallax %s: exit %d\n%s", strings.Join(args, " "), code, stderr.Bytes())
		}
		for _, s := range captured.Sections {
			for _, tab := range []*report.Table{s.Display, s.Tidy} {
				if tab == nil {
					continue
				}
				for row := range tab.AllRows() {
					for _, v := range row {
						data[v.Str] = true
					}
				}
				for _, c := range tab.Columns {
					if !defined[c] {
						missing[c] = append(missing[c], args[0]+"/"+tab.Name)
					}
				}
			}
		}
	}
	var names []string
	for c, where := range missing {
		if !data[c] && !categories[c] {
			slices.Sort(where)
			names = append(names, fmt.Sprintf("%q (%s)", c, strings.Join(slices.Compact(where), ", ")))
		}
	}
	sort.Strings(names)
	for _, n := range names {
		t.Errorf("column %s is not defined in docs/output.md (or the page it points to for that table)", n)
	}
}
