package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parallax/analysis"
)

func TestProgressStatus(t *testing.T) {
	start := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	at := func(d time.Duration) time.Time { return start.Add(d) }
	p := &analysis.Progress{}
	l := &progressLine{p: p, size: 120e6, start: start, passStart: start}
	if got := l.status(at(0)); got != "parallax: reading…" {
		t.Errorf("before reading: %q", got)
	}
	// Pass 1 of 2 reads a file of known size: rate and time left.
	p.Passes.Store(2)
	p.Pass.Store(1)
	p.Docs.Store(1200)
	p.Bytes.Store(30e6)
	if got, want := l.status(at(2*time.Second)), "parallax: pass 1/2 · 1200 documents · 30.0 of 120.0 MB · 15.0 MB/s · ETA 6s"; got != want {
		t.Errorf("pass 1:\n got %q\nwant %q", got, want)
	}
	// Pass 2 replays kept documents: counted in documents, ETA from them.
	p.Pass.Store(2)
	p.Docs.Store(0)
	p.Bytes.Store(0)
	p.Total.Store(3000)
	if got, want := l.status(at(8*time.Second)), "parallax: pass 2/2 · 0/3000 documents"; got != want {
		t.Errorf("pass 2 start:\n got %q\nwant %q", got, want)
	}
	p.Docs.Store(1000)
	if got, want := l.status(at(9*time.Second)), "parallax: pass 2/2 · 1000/3000 documents · ETA 2s"; got != want {
		t.Errorf("pass 2:\n got %q\nwant %q", got, want)
	}
	p.Done.Store(true)
	p.Docs.Store(3000)
	l.status(at(10 * time.Second))
	if got, want := l.status(at(75*time.Second)), "parallax: read 3000 documents in 10s; analysing… 1m05s"; got != want {
		t.Errorf("done:\n got %q\nwant %q", got, want)
	}
	// Standard input of unknown size: no ETA.
	q := &analysis.Progress{}
	q.Passes.Store(1)
	q.Pass.Store(1)
	q.Docs.Store(10)
	q.Bytes.Store(5e6)
	u := &progressLine{p: q, start: start, passStart: start}
	if got, want := u.status(at(time.Second)), "parallax: 10 documents · 5.0 MB · 5.0 MB/s"; got != want {
		t.Errorf("unknown size:\n got %q\nwant %q", got, want)
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 1499 * time.Millisecond: "1s", 59 * time.Second: "59s", 187 * time.Second: "3m07s", 3720 * time.Second: "1h02m",
	} {
		if got := duration(d); got != want {
			t.Errorf("duration(%v) = %q, want %q", d, got, want)
		}
	}
}

// runTerminal runs a command line as if standard error were a terminal, the
// progress line drawn at once and every millisecond.
func runTerminal(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, terminal: true,
		progressAfter: -1, progressEvery: time.Millisecond}
	code = runEnv(args, e)
	return code, out.String(), errs.String()
}

func TestProgressOnTerminal(t *testing.T) {
	args := []string{"terms", "--sample", "allsides-middle-east", "--format", "csv"}
	code, out, errs := runTerminal(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(errs, "\rparallax: ") || !strings.Contains(errs, " documents") {
		t.Errorf("standard error %q, want a progress line drawn with \\r", errs)
	}
	// The line is blanked at the end: the last thing written is \r, after
	// spaces as wide as the widest line drawn.
	last := strings.LastIndex(strings.TrimSuffix(errs, "\r"), "\r")
	if !strings.HasSuffix(errs, "\r") || last < 0 || strings.TrimLeft(errs[last+1:len(errs)-1], " ") != "" {
		t.Errorf("progress line not cleared at the end: %q", errs[max(0, len(errs)-120):])
	}
	// Standard output is the same as without a terminal.
	var plain, plainErr bytes.Buffer
	if code := run(args, strings.NewReader(""), &plain, &plainErr); code != 0 || plain.String() != out || plainErr.Len() != 0 {
		t.Errorf("without a terminal: exit %d, stderr %q, stdout equal: %v", code, plainErr.String(), plain.String() == out)
	}
	if strings.Contains(out, "\r") {
		t.Error("progress reached standard output")
	}
}

func TestProgressQuiet(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runTerminal(t, "compare", "--quiet", "--format", "csv", "-o", filepath.Join(dir, "out")+"/")
	if code != 0 || errs != "" {
		t.Errorf("--quiet: exit %d, standard error %q, want nothing", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "terms.csv")); err != nil {
		t.Error(err)
	}
	// Errors still get through.
	code, _, errs = runTerminal(t, "terms", "--quiet", "--top", "-1")
	if code != 2 || !strings.Contains(errs, "--top must be 0 or more") {
		t.Errorf("--quiet with an error: exit %d, standard error %q", code, errs)
	}
	// The notes --quiet silences are there without it.
	_, _, errs = runTerminal(t, "compare", "--format", "csv", "-o", filepath.Join(dir, "again")+"/")
	if !strings.Contains(errs, "parallax: wrote ") {
		t.Errorf("without --quiet, standard error %q, want the files written", errs)
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "file"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) || isTerminal(&bytes.Buffer{}) {
		t.Error("a file or a buffer taken for a terminal")
	}
	f.WriteString("12345")
	f.Seek(0, 0)
	if n := regularSize(f); n != 5 {
		t.Errorf("regularSize of a 5-byte file = %d", n)
	}
	if n := regularSize(strings.NewReader("abc")); n != 0 {
		t.Errorf("regularSize of a reader = %d, want 0 (unknown)", n)
	}
}

// TestProgressWithNotes: a note a command writes to standard error while the
// progress line is drawn blanks the line first, so it starts on a clean line.
func TestProgressWithNotes(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "c.jsonl")
	os.WriteFile(corpus, []byte(`{"id":"1","outlet":"A","text":"The talks failed."}
{"id":"2","outlet":"B","text":""}
`), 0o644)
	code, _, errs := runTerminal(t, "corpus", corpus, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %q", code, errs)
	}
	i := strings.Index(errs, "parallax: 1 skipped record")
	if i < 0 {
		t.Fatalf("no note in %q", errs)
	}
	if before := errs[:i]; !strings.HasSuffix(before, "\r") || strings.TrimLeft(before[strings.LastIndex(before[:len(before)-1], "\r")+1:len(before)-1], " ") != "" {
		t.Errorf("the note does not follow a blanked line: %q", errs)
	}
}
