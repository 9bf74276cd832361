package analysis

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
)

// runBoth runs src without and with a Progress and checks the results are
// the same; it returns the Progress as the run left it.
func runBoth(t *testing.T, src corpus.Source, opt Options) (*Result, *Progress) {
	t.Helper()
	if opt.Load.Stdin != nil {
		t.Fatal("runBoth cannot read standard input twice")
	}
	plain, errPlain := Run(src, opt)
	p := &Progress{}
	opt.Progress = p
	counted, errCounted := Run(src, opt)
	if (errPlain == nil) != (errCounted == nil) || errPlain != nil && errPlain.Error() != errCounted.Error() {
		t.Fatalf("errors differ: %v without progress, %v with", errPlain, errCounted)
	}
	if errPlain != nil {
		t.Logf("both runs fail: %v", errPlain)
		return nil, p
	}
	if plain.Fingerprint != counted.Fingerprint || !reflect.DeepEqual(plain.Table, counted.Table) ||
		!reflect.DeepEqual(plain.Load, counted.Load) || !reflect.DeepEqual(plain.Cleaning, counted.Cleaning) {
		t.Errorf("results differ with a Progress:\n%+v\n%+v", plain.Load, counted.Load)
	}
	return counted, p
}

func TestProgressFile(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "c.jsonl")
	if err := os.WriteFile(plain, []byte(testkit.SmallCorpus), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(testkit.SmallCorpus))
	zw.Close()
	packed := filepath.Join(dir, "c.jsonl.gz")
	if err := os.WriteFile(packed, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{plain, packed} {
		info, _ := os.Stat(path)
		// One pass: the file is read once, every byte counted (compressed
		// bytes for .gz).
		_, p := runBoth(t, corpus.Source{Path: path, Name: path}, Options{Clean: clean.Options{Disable: []string{"repeated-line"}}})
		if p.Passes.Load() != 1 || p.Pass.Load() != 1 || p.Docs.Load() != 3 || p.Bytes.Load() != info.Size() || p.Total.Load() != 0 || !p.Done.Load() {
			t.Errorf("%s, one pass: passes %d pass %d docs %d bytes %d (file %d) total %d done %v",
				path, p.Passes.Load(), p.Pass.Load(), p.Docs.Load(), p.Bytes.Load(), info.Size(), p.Total.Load(), p.Done.Load())
		}
		// Two passes: the second replays the kept documents, so its size
		// is known in documents and no byte is read.
		_, p = runBoth(t, corpus.Source{Path: path, Name: path}, Options{})
		if p.Passes.Load() != 2 || p.Pass.Load() != 2 || p.Docs.Load() != 3 || p.Total.Load() != 3 || p.Bytes.Load() != 0 || !p.Done.Load() {
			t.Errorf("%s, two passes: passes %d pass %d docs %d total %d bytes %d done %v",
				path, p.Passes.Load(), p.Pass.Load(), p.Docs.Load(), p.Total.Load(), p.Bytes.Load(), p.Done.Load())
		}
	}
	// A missing file fails the same way.
	if _, p := runBoth(t, corpus.Source{Path: filepath.Join(dir, "none.jsonl"), Name: "none"}, Options{}); p.Done.Load() {
		t.Error("a failed run says it is done")
	}
}

// TestProgressFolder reads a folder with a manifest and symbolic links, one
// of which leads outside: the same documents and the same refusal with or
// without counting.
func TestProgressFolder(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "corpus")
	files := map[string]string{
		"manifest.csv": "file,outlet\na.txt,Alpha\nlink.txt,Beta\nout.txt,Beta\n",
		"a.txt":        "Separatist forces fired on the town.",
		"real/b.txt":   "Ethnic Armenian leaders said the talks failed.",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("outside the corpus"), 0o644)
	if err := os.Symlink("real/b.txt", filepath.Join(root, "link.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	os.Symlink("../secret.txt", filepath.Join(root, "out.txt"))
	opt := Options{Clean: clean.Options{Disable: []string{"repeated-line"}}}
	if res, _ := runBoth(t, corpus.Source{Path: root, Name: "corpus"}, opt); res != nil {
		t.Fatal("the link out of the folder was followed")
	}
	os.WriteFile(filepath.Join(root, "manifest.csv"), []byte("file,outlet\na.txt,Alpha\nlink.txt,Beta\n"), 0o644)
	res, p := runBoth(t, corpus.Source{Path: root, Name: "corpus"}, opt)
	if res == nil || res.Load.Loaded != 2 {
		t.Fatalf("loaded %+v, want a.txt and link.txt", res)
	}
	if p.Docs.Load() != 2 || p.Bytes.Load() < int64(len(files["a.txt"])+len(files["real/b.txt"])) {
		t.Errorf("docs %d bytes %d, want 2 documents and at least their bytes", p.Docs.Load(), p.Bytes.Load())
	}
}

func TestProgressSampleAndStdin(t *testing.T) {
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(testkit.SmallCorpus)}}
	_, p := runBoth(t, corpus.Source{FS: fsys, Path: "c.jsonl", Name: "test"}, Options{NoClean: true})
	if p.Passes.Load() != 1 || p.Docs.Load() != 3 || p.Bytes.Load() != int64(len(testkit.SmallCorpus)) {
		t.Errorf("file system: passes %d docs %d bytes %d, want 1, 3, %d", p.Passes.Load(), p.Docs.Load(), p.Bytes.Load(), len(testkit.SmallCorpus))
	}
	p = &Progress{}
	res, err := Run(corpus.Source{Path: "-", Name: "stdin"}, Options{Load: corpus.LoadOptions{Stdin: strings.NewReader(testkit.SmallCorpus)}, Progress: p})
	if err != nil {
		t.Fatal(err)
	}
	want := runSmall(t, Options{})
	if res.Fingerprint != want.Fingerprint {
		t.Errorf("standard input: fingerprint %s, want %s", res.Fingerprint, want.Fingerprint)
	}
	if p.Passes.Load() != 1 || p.Docs.Load() != 3 || p.Bytes.Load() != int64(len(testkit.SmallCorpus)) || !p.Done.Load() {
		t.Errorf("standard input: passes %d docs %d bytes %d done %v, want 1, 3, %d, true", p.Passes.Load(), p.Docs.Load(), p.Bytes.Load(), p.Done.Load(), len(testkit.SmallCorpus))
	}
}
