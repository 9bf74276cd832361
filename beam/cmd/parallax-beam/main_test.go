package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"parallax"
)

// The tests run parallax-beam's pipeline on prism in this process and
// compare every byte it writes with what parallax writes for the same
// flags, parallax being built from this checkout. The one difference
// allowed is the provenance's tool, which names the runner.

var (
	parallaxBin string // parallax built from the checkout
	corpora     string // the embedded samples written out as files
	toneLexicon string // a valence lexicon (pattern,score CSV) for tone --lexicon
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "parallax-beam-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		parallaxBin = filepath.Join(dir, "parallax")
		build := exec.Command("go", "build", "-buildvcs=false", "-o", parallaxBin, "./cmd/parallax")
		build.Dir = filepath.Join("..", "..", "..")
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building parallax: %v\n%s", err, out)
			return 1
		}
		corpora = filepath.Join(dir, "corpora")
		if err := writeSamples(corpora); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		toneLexicon = filepath.Join(dir, "valence.csv")
		lex := "pattern,score\npeace,1\nceasefire,0.5\nkill*,-1\nattack*,-0.8\nhope,0.7\n"
		if err := os.WriteFile(toneLexicon, []byte(lex), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}

// writeSamples copies the embedded samples to dir: dir/karabakh/ (a folder
// with a manifest) and dir/allsides/articles.jsonl.gz.
func writeSamples(dir string) error {
	for _, name := range parallax.SampleNames() {
		s, _ := parallax.LookupSample(name)
		err := fs.WalkDir(parallax.Samples(), s.Path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(parallax.Samples(), p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("testdata", p)
			to := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			return os.WriteFile(to, b, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// result is what a run wrote and its exit status.
type result struct {
	stdout, stderr string
	code           int
}

func runParallax(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	c := exec.Command(parallaxBin, args...)
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// runBeam runs parallax-beam in this process, on prism in-process.
func runBeam(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	stdout, stderr = &out, &errb
	defer func() { stdout, stderr = os.Stdout, os.Stderr }()
	code := run(args)
	return result{out.String(), errb.String(), code}
}

// sameButRunner says whether the outputs are the same once the tool named
// in the provenance ("parallax-beam/prism", or "parallax-beam/universal"
// through a job server) reads "parallax".
func sameButRunner(beam, local string) bool {
	beam = replaceTool(replaceTool(beam, "parallax-beam/prism"), "parallax-beam/universal")
	return unwrapHeader(beam) == unwrapHeader(local)
}

// unwrapHeader joins the continuation lines ("\n  ") of a text table's
// provenance header, its first paragraph: the runner's longer name moves
// where the header wraps, and nothing else.
func unwrapHeader(out string) string {
	if strings.HasPrefix(out, "{") || strings.HasPrefix(out, "[") {
		return out // JSON: the provenance is a field, never wrapped
	}
	head, rest, ok := strings.Cut(out, "\n\n")
	if !ok {
		return out
	}
	return strings.ReplaceAll(head, "\n  ", " ") + "\n\n" + rest
}

// replaceTool reads parallax for tool in out.
func replaceTool(out, tool string) string { return strings.ReplaceAll(out, tool, "parallax") }

// firstDiff describes the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\nbeam:     %q\nparallax: %q", i+1, x, y)
		}
	}
	return "no difference"
}

// TestSameOutput: on both samples, read from files and from the embedded
// copies, parallax-beam writes what parallax writes.
func TestSameOutput(t *testing.T) {
	allsides := filepath.Join(corpora, "allsides-middle-east", "articles.jsonl.gz")
	karabakh := filepath.Join(corpora, "karabakh")
	cases := [][]string{
		{"terms", "--sample", "allsides-middle-east", "--format", "csv", "--top", "50"},
		{"terms", allsides, "--format", "json", "--correction", "yates", "--prior-scale", "500"},
		{"terms", allsides, "--target", "Fox News", "--vs", "CNN (Web News)", "--format", "markdown"},
		{"terms", allsides, "--format", "csv", "--ngrams", "2", "--stem", "--correction", "williams"},
		{"terms", allsides, "--rank", "tfidf", "--format", "markdown", "--clean-off", "repeated-line"},
		{"terms", allsides, "--no-clean", "--width", "120"},
		{"similarity", allsides, "--format", "csv", "--measure", "cosine-tfidf,jsd"},
		{"similarity", "--sample", "allsides-middle-east", "--measure", "cosine-freq"},
		{"terms", "--width", "100"},
		{"terms", karabakh, "--format", "csv", "--top", "0", "--zeros"},
		{"terms", karabakh, "--rank", "count", "--top", "15", "--format", "latex"},
		{"similarity", karabakh, "--format", "json", "--measure", "cosine-tfidf,jsd"},
		{"tone", "--sample", "allsides-middle-east", "--format", "csv"},
		{"tone", allsides, "--format", "json", "--resamples", "300", "--permutations", "500", "--seed", "7"},
		{"tone", karabakh, "--format", "markdown", "--no-clean"},
		{"tone", allsides, "--lexicon", toneLexicon, "--resamples", "200", "--permutations", "200", "--width", "100"},
		{"tone", karabakh, "--unit", "sentence"},
		{"tone", allsides, "--unit", "document", "--format", "csv", "--lexicon", toneLexicon},
		{"compare", "--sample", "allsides-middle-east", "--format", "json"},
		{"compare", "--sample", "karabakh"},
		{"compare", karabakh, "--format", "markdown", "--labels", "karabakh-labels", "--events", "karabakh-events", "--window", "-1"},
		{"compare", allsides, "--format", "json", "--frames", "none", "--top", "3", "--measure", "jsd", "--seed", "9", "--ngrams", "2"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			local := runParallax(t, args...)
			if local.code != 0 {
				t.Fatalf("parallax failed (%d): %s", local.code, local.stderr)
			}
			got := runBeam(t, args...)
			if got.code != 0 {
				t.Fatalf("parallax-beam failed (%d): %s", got.code, got.stderr)
			}
			if !sameButRunner(got.stdout, local.stdout) {
				t.Fatalf("outputs differ at %s", firstDiff(got.stdout, local.stdout))
			}
			if strings.Contains(local.stdout, "parallax 0.1.0") && !strings.Contains(got.stdout, "parallax-beam/prism") {
				t.Fatal("the provenance does not name the runner")
			}
		})
	}
}

// TestSameOutputDir: with -o DIR, the same files with the same bytes.
func TestSameOutputDir(t *testing.T) {
	dir := t.TempDir()
	// The same paths for both runs (the --dtm path is in the provenance).
	out, dtm := filepath.Join(dir, "out")+"/", filepath.Join(dir, "dtm.csv")
	sameDir(t, out, dtm, "terms", "--sample", "allsides-middle-east", "--format", "csv", "--dtm", dtm, "-o", out)
	sameDir(t, out, "", "tone", "--sample", "allsides-middle-east", "--format", "csv", "--resamples", "300", "--permutations", "300", "-o", out)
	sameDir(t, out, "", "tone", "--sample", "karabakh", "--format", "json", "-o", out)
	sameDir(t, out, "", "compare", "--sample", "allsides-middle-east", "--format", "csv", "-o", out)
}

// sameDir runs parallax and parallax-beam with args writing to the folder
// out (and the file extra, unless "") and compares the files.
func sameDir(t *testing.T, out, extra string, args ...string) {
	t.Helper()
	run := func(name string, f func(*testing.T, ...string) result) map[string]string {
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		if r := f(t, args...); r.code != 0 {
			t.Fatalf("%s failed (%d): %s", name, r.code, r.stderr)
		}
		files := map[string]string{}
		entries, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(out, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = string(b)
		}
		if extra != "" {
			b, err := os.ReadFile(extra)
			if err != nil {
				t.Fatal(err)
			}
			files["EXTRA"] = string(b)
		}
		return files
	}
	local, got := run("parallax", runParallax), run("beam", runBeam)
	if len(local) < 3 || len(got) != len(local) {
		t.Fatalf("%q: parallax wrote %d files, parallax-beam %d", args, len(local), len(got))
	}
	for name, want := range local {
		if !sameButRunner(got[name], want) {
			t.Errorf("%q: %s differs at %s", args, name, firstDiff(got[name], want))
		}
	}
}

// TestBadInput: a malformed record stops parallax-beam with parallax's
// error, naming file and line, and exit status; with --skip-bad both count
// the skip and give the same output.
func TestBadInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.jsonl")
	lines := []string{
		`{"id":"a","outlet":"X","text":"The council voted on the budget on Monday."}`,
		`{"id":"b","outlet":"Y","text":"Protesters gathered outside the council building."}`,
		`{"id":"c","outlet":"X","text":"unterminated`,
		`{"id":"d","outlet":"Y","text":"The budget passed after a long debate in the council."}`,
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	local := runParallax(t, "terms", path)
	got := runBeam(t, "terms", path)
	if local.code != 1 || !strings.Contains(local.stderr, "bad.jsonl:3") {
		t.Fatalf("parallax: status %d, %q: the test expects an error naming line 3", local.code, local.stderr)
	}
	if got.code != local.code || got.stderr != local.stderr || got.stdout != "" {
		t.Fatalf("parallax-beam: status %d, stderr %q, stdout %q; parallax: status %d, %q", got.code, got.stderr, got.stdout, local.code, local.stderr)
	}
	local = runParallax(t, "terms", path, "--skip-bad", "--min-count", "1", "--format", "csv")
	got = runBeam(t, "terms", path, "--skip-bad", "--min-count", "1", "--format", "csv")
	if local.code != 0 || got.code != 0 || got.stdout != local.stdout || got.stdout == "" {
		t.Fatalf("--skip-bad: parallax %d %q, parallax-beam %d %q", local.code, local.stderr, got.code, got.stderr)
	}
}

// TestUsageErrors: mistakes in the command line are found before the
// pipeline is built, with parallax's words and exit status 2.
func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"terms", "--rank", "median"},
		{"terms", "--top", "-1"},
		{"similarity", "--measure", "euclid"},
		{"terms", "--format", "pdf"},
		{"terms", "--sample", "nowhere"},
		{"terms", "--target", "Nobody", "--sample", "allsides-middle-east"},
		{"terms", "--no-such-flag"},
		{"tone", "--unit", "paragraph"},
		{"tone", "--resamples", "0"},
		{"tone", "--lexicon", "frames"},
		{"compare", "--window", "0"},
		{"compare", "--frames", "attribution2"},
		{"compare", "--measure", "euclid"},
		{"compare", "--top-actors", "0"},
		{"compare", "--labels", "frames"},
	} {
		local := runParallax(t, args...)
		got := runBeam(t, args...)
		if local.code != 2 || got.code != 2 || strings.Replace(local.stderr, "'parallax ", "'parallax-beam ", 1) != got.stderr {
			t.Errorf("%q: parallax %d %q, parallax-beam %d %q", args, local.code, local.stderr, got.code, got.stderr)
		}
	}
}

// TestOtherCommandsFlag: a flag of another command is refused as
// parallax refuses it, naming the commands that take it.
func TestOtherCommandsFlag(t *testing.T) {
	local := runParallax(t, "tone", "--stem")
	got := runBeam(t, "tone", "--stem")
	const want = "parallax: tone: --stem is not a flag of tone: it changes the output of compare, similarity, terms only (run 'parallax-beam tone -h' for the flags of tone)\n"
	if local.code != 2 || got.code != 2 || got.stderr != want || !strings.Contains(local.stderr, "--stem is not a flag of tone") {
		t.Fatalf("parallax %d %q, parallax-beam %d %q", local.code, local.stderr, got.code, got.stderr)
	}
}

// TestFlagsMatch: every command has parallax's flags, with
// the same defaults and help. Every flag of parallax that parallax-beam
// does not have is named in the log and must be refused with a usage error
// (status 2); those listed in notYet, with a message that says so. A flag
// other work adds to parallax therefore does not break this test: it is
// listed, and refused, until parallax-beam has it.
func TestFlagsMatch(t *testing.T) {
	for _, cmd := range commandNames {
		help := runParallax(t, cmd, "-h").stdout
		_, want, ok := strings.Cut(help, "\nflags:\n")
		if !ok {
			t.Fatalf("parallax %s -h: no flags section in %q", cmd, help)
		}
		local := flagBlocks(want)
		var pj parsedJob
		fs, err := commandFlags(cmd, &pj)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		fs.SetOutput(&got)
		fs.PrintDefaults()
		mine := flagBlocks(got.String())
		if len(mine) < 15 {
			t.Fatalf("%s: %d flags read from the help: the test reads the help wrong", cmd, len(mine))
		}
		var missing []string
		for name, block := range local {
			if b, ok := mine[name]; ok {
				if b != block {
					t.Errorf("%s --%s differs at %s", cmd, name, firstDiff(b, block))
				}
				continue
			}
			missing = append(missing, name)
			r := runBeam(t, cmd, "--"+name)
			if r.code != 2 {
				t.Errorf("%s --%s: status %d, want 2 (a usage error)", cmd, name, r.code)
			}
			if notYet[name] && !strings.Contains(r.stderr, "parallax-beam does not have yet") {
				t.Errorf("%s --%s: %q does not say that parallax-beam does not have it yet", cmd, name, r.stderr)
			}
			if !notYet[name] {
				t.Logf("%s --%s: a parallax flag parallax-beam does not have and notYet does not name", cmd, name)
			}
		}
		sort.Strings(missing)
		t.Logf("%s: parallax flags parallax-beam does not have yet: %s", cmd, strings.Join(missing, ", "))
		for name := range mine {
			if _, ok := local[name]; !ok {
				t.Errorf("parallax-beam %s has --%s, which parallax %s has not", cmd, name, cmd)
			}
		}
		if !strings.Contains(runBeamHelp(t, cmd), "-environment_type") {
			t.Errorf("%s -h does not list Beam's pipeline flags", cmd)
		}
	}
	r := runBeam(t, "tone", "--where", "topic=Iran")
	if r.code != 2 || !strings.Contains(r.stderr, "--where is a flag of parallax that parallax-beam does not have yet") {
		t.Errorf("tone --where: status %d, %q", r.code, r.stderr)
	}
}

// flagBlocks splits flag.PrintDefaults' text into each flag's lines, by
// name.
func flagBlocks(help string) map[string]string {
	blocks := map[string]string{}
	name := ""
	for _, line := range strings.SplitAfter(help, "\n") {
		if strings.HasPrefix(line, "  -") {
			name, _, _ = strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "  -")), " ")
		}
		if name != "" {
			blocks[name] += line
		}
	}
	return blocks
}

func runBeamHelp(t *testing.T, cmd string) string {
	r := runBeam(t, cmd, "-h")
	if r.code != 0 {
		t.Fatalf("%s -h: status %d", cmd, r.code)
	}
	return r.stdout
}

// TestGlob: a corpus split into files (one of them gzipped) and read
// through a glob, each file by its own worker, gives the tables parallax
// gives for the whole (the sample has no duplicate across the parts,
// which a glob does not remove yet: docs/cluster.md).
func TestGlob(t *testing.T) {
	_, text := allSidesSample(t)
	lines := strings.SplitAfter(strings.TrimSuffix(string(text), "\n"), "\n")
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.jsonl")
	if err := os.WriteFile(whole, text, 0o644); err != nil {
		t.Fatal(err)
	}
	parts := filepath.Join(dir, "parts")
	os.Mkdir(parts, 0o755)
	third := len(lines) / 3
	chunks := [][]string{lines[:third], lines[third : 2*third], lines[2*third:]}
	for i, c := range chunks {
		body := []byte(strings.Join(c, ""))
		name := filepath.Join(parts, fmt.Sprintf("part-%d.jsonl", i))
		if i == 1 {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(body)
			zw.Close()
			body, name = b.Bytes(), name+".gz"
		}
		if err := os.WriteFile(name, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"terms", "--format", "csv", "--top", "0"},
		{"similarity", "--format", "csv", "--measure", "cosine-tfidf,jsd"},
		{"tone", "--format", "csv", "--resamples", "200", "--permutations", "200"},
	} {
		local := runParallax(t, append([]string{args[0], whole}, args[1:]...)...)
		got := runBeam(t, append([]string{args[0], filepath.Join(parts, "part-*.jsonl*")}, args[1:]...)...)
		if local.code != 0 || got.code != 0 {
			t.Fatalf("%q: parallax %d %q, parallax-beam %d %q", args, local.code, local.stderr, got.code, got.stderr)
		}
		if got.stdout != local.stdout {
			t.Fatalf("%q: outputs differ at %s", args, firstDiff(got.stdout, local.stdout))
		}
	}
	// The provenance names the glob, and the fingerprint is the digest of
	// the parts' digests: not the whole file's.
	local := runParallax(t, "terms", whole, "--format", "json", "--top", "1")
	got := runBeam(t, "terms", filepath.Join(parts, "part-*.jsonl*"), "--format", "json", "--top", "1")
	if !strings.Contains(got.stdout, `"corpus": "`+filepath.ToSlash(filepath.Join(parts, "part-*.jsonl*"))+`"`) || !strings.Contains(got.stdout, `"documents": 859`) {
		t.Fatalf("provenance of the glob run:\n%.600s", got.stdout)
	}
	if fingerprintOf(got.stdout) == fingerprintOf(local.stdout) || fingerprintOf(got.stdout) == "" {
		t.Fatal("the glob run has the whole file's fingerprint, or none")
	}
}

func fingerprintOf(out string) string {
	_, after, _ := strings.Cut(out, `"fingerprint": "`)
	fp, _, _ := strings.Cut(after, `"`)
	return fp
}

// TestGlobDuplicates: a text found again in a later file of a glob (case
// and white space changed) is dropped, as parallax drops it from the whole
// corpus; with --keep-duplicates both count it.
func TestGlobDuplicates(t *testing.T) {
	dir := t.TempDir()
	docs := []string{
		`{"id":"a","outlet":"X","text":"The council voted on the budget on Monday. The mayor said the vote was close."}`,
		`{"id":"b","outlet":"Y","text":"Protesters gathered outside the council building on Monday evening."}`,
		`{"id":"c","outlet":"X","text":"The budget passed after a long debate in the council chamber."}`,
		`{"id":"d","outlet":"Y","text":"THE COUNCIL voted  on the budget on Monday.\nThe mayor said the vote was close."}`,
		`{"id":"e","outlet":"Y","text":"The mayor said the budget vote was close, and the council agreed."}`,
	}
	whole := filepath.Join(dir, "whole.jsonl")
	os.WriteFile(whole, []byte(strings.Join(docs, "\n")+"\n"), 0o644)
	parts := filepath.Join(dir, "parts")
	os.Mkdir(parts, 0o755)
	os.WriteFile(filepath.Join(parts, "p1.jsonl"), []byte(strings.Join(docs[:2], "\n")+"\n"), 0o644)
	os.WriteFile(filepath.Join(parts, "p2.jsonl"), []byte(strings.Join(docs[2:], "\n")+"\n"), 0o644)
	glob := filepath.Join(parts, "p*.jsonl")
	for _, extra := range [][]string{nil, {"--keep-duplicates"}} {
		args := append([]string{"--format", "csv", "--top", "0", "--min-count", "1"}, extra...)
		local := runParallax(t, append([]string{"terms", whole}, args...)...)
		got := runBeam(t, append([]string{"terms", glob}, args...)...)
		if local.code != 0 || got.code != 0 {
			t.Fatalf("%q: parallax %d %q, parallax-beam %d %q", extra, local.code, local.stderr, got.code, got.stderr)
		}
		if got.stdout != local.stdout {
			t.Fatalf("%q: outputs differ at %s", extra, firstDiff(got.stdout, local.stdout))
		}
		n := strings.Count(local.stdout, "\nY,voted,")
		if want := map[bool]int{true: 1, false: 0}[extra != nil]; n != want {
			t.Fatalf("%q: Y uses 'voted' in %d rows, want %d: the test does not test duplicates", extra, n, want)
		}
	}
}

// TestBucketOutput: -o to a path of Beam's file systems (memfs://, as
// gs:// and s3:// on a cluster) writes parallax's files byte for byte: a
// folder of sections, and one file.
func TestBucketOutput(t *testing.T) {
	dir := t.TempDir()
	local := filepath.Join(dir, "local") + "/"
	args := []string{"compare", "--sample", "karabakh", "--format", "csv", "--quiet", "-o"}
	if r := runParallax(t, append(args, local)...); r.code != 0 {
		t.Fatalf("parallax: %d %s", r.code, r.stderr)
	}
	if r := runBeam(t, append(args, "memfs://cmp/")...); r.code != 0 {
		t.Fatalf("parallax-beam: %d %s", r.code, r.stderr)
	}
	entries, err := os.ReadDir(local)
	if err != nil || len(entries) < 10 {
		t.Fatalf("parallax wrote %d files (%v)", len(entries), err)
	}
	for _, e := range entries {
		want, _ := os.ReadFile(filepath.Join(local, e.Name()))
		got := readBucket(t, "memfs://cmp/"+e.Name())
		if !sameButRunner(got, string(want)) {
			t.Errorf("%s differs at %s", e.Name(), firstDiff(got, string(want)))
		}
	}
	one := filepath.Join(dir, "terms.json")
	localDTM := filepath.Join(dir, "dtm.csv")
	if r := runParallax(t, "terms", "--format", "json", "-o", one, "--dtm", localDTM); r.code != 0 {
		t.Fatal(r.stderr)
	}
	dtm := "memfs://terms/dtm.csv"
	if r := runBeam(t, "terms", "--format", "json", "-o", "memfs://terms/terms.json", "--dtm", dtm); r.code != 0 {
		t.Fatal(r.stderr)
	}
	want, _ := os.ReadFile(one)
	got := readBucket(t, "memfs://terms/terms.json")
	got = replaceTool(strings.Replace(got, dtm, localDTM, 1), "parallax-beam/prism")
	if got != string(want) {
		t.Errorf("terms.json differs at %s", firstDiff(got, string(want)))
	}
	wantDTM, _ := os.ReadFile(localDTM)
	if d := readBucket(t, dtm); d != string(wantDTM) || !strings.HasPrefix(d, "group,term,count,docs\n") {
		t.Errorf("dtm.csv: %.80q, want %.80q", d, wantDTM)
	}
}

// readBucket reads a file through Beam's file systems.
func readBucket(t *testing.T, path string) string {
	t.Helper()
	ctx := context.Background()
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBucketInput: a corpus on a bucket (memfs://, as gs:// and s3:// on a
// cluster), one file or a glob of parts, is read through Beam's file
// systems with parallax's loader: the same tables as parallax on the
// whole file, and a bad record's error names the bucket path and line.
func TestBucketInput(t *testing.T) {
	raw, text := allSidesSample(t)
	whole := filepath.Join(t.TempDir(), "whole.jsonl.gz")
	if err := os.WriteFile(whole, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	writeBucket(t, "memfs://in/whole.jsonl.gz", raw)
	lines := strings.SplitAfter(strings.TrimSuffix(string(text), "\n"), "\n")
	half := len(lines) / 2
	writeBucket(t, "memfs://in/parts/part-0.jsonl", []byte(strings.Join(lines[:half], "")))
	writeBucket(t, "memfs://in/parts/part-1.jsonl", []byte(strings.Join(lines[half:], "")))
	for _, c := range []struct{ in, cmd string }{
		{"memfs://in/whole.jsonl.gz", "terms"},
		{"memfs://in/parts/part-*.jsonl", "terms"},
		{"memfs://in/parts/part-*.jsonl", "tone"},
		{"memfs://in/whole.jsonl.gz", "compare"},
	} {
		args := []string{"--format", "csv", "--quiet"}
		switch c.cmd {
		case "tone":
			args = append(args, "--resamples", "100", "--permutations", "100")
		case "compare":
			args = []string{"--format", "json"} // the provenance names the corpus
		}
		local := runParallax(t, append([]string{c.cmd, whole}, args...)...)
		got := runBeam(t, append([]string{c.cmd, c.in}, args...)...)
		if local.code != 0 || got.code != 0 {
			t.Fatalf("%s %s: parallax %d %q, parallax-beam %d %q", c.cmd, c.in, local.code, local.stderr, got.code, got.stderr)
		}
		if !sameButRunner(strings.ReplaceAll(got.stdout, c.in, whole), local.stdout) || len(got.stdout) < 1000 {
			t.Fatalf("%s %s: outputs differ at %s", c.cmd, c.in, firstDiff(got.stdout, local.stdout))
		}
	}
	writeBucket(t, "memfs://in/bad.jsonl", []byte(`{"id":"a","outlet":"X","text":"The council voted."}`+"\n"+`{"id":"b","outlet":"Y","text":"unterminated`+"\n"))
	got := runBeam(t, "terms", "memfs://in/bad.jsonl")
	if got.code != 1 || !strings.Contains(got.stderr, "memfs://in/bad.jsonl:2") {
		t.Fatalf("bad record: status %d, %q: want 1 and an error naming memfs://in/bad.jsonl:2", got.code, got.stderr)
	}
}

// writeBucket writes a file through Beam's file systems.
func writeBucket(t *testing.T, path string, data []byte) {
	t.Helper()
	ctx := context.Background()
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	w, err := fsys.OpenWrite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// allSidesSample returns the embedded AllSides sample, gzipped as embedded
// and as JSON Lines.
func allSidesSample(t *testing.T) (raw, text []byte) {
	t.Helper()
	raw, err := fs.ReadFile(parallax.Samples(), "testdata/allsides-middle-east/articles.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if text, err = io.ReadAll(zr); err != nil {
		t.Fatal(err)
	}
	return raw, text
}
