package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGolden pins what the command prints on both embedded samples: every
// command, each output format, the one-file-per-section directory (-o DIR)
// and the HTML report. A change to any number, row order or rendering fails
// here with the first differing line; a change made on purpose is recorded
// by rewriting the files and committing them with the reason:
//
//	go test ./cmd/parallax -run TestGolden -update-golden
//
// The files are under testdata/golden/commands/, one per case (or a folder
// for -o DIR). The full corpus, too large for the repository, is checked
// against an earlier build by bench/golden-full.sh.
var updateGolden = flag.Bool("update-golden", false, "rewrite the golden outputs of TestGolden")

const goldenCommands = "../../testdata/golden/commands"

// goldenCases are the runs TestGolden pins. OUT in an argument is replaced
// by a fresh path whose files are compared one by one.
var goldenCases = []struct {
	name string
	args []string
}{
	// The Karabakh sample: small, every command and format.
	{"karabakh-compare.txt", []string{"compare"}},
	{"karabakh-compare.md", []string{"compare", "--format", "markdown"}},
	{"karabakh-compare.json", []string{"compare", "--format", "json"}},
	{"karabakh-compare.tex", []string{"compare", "--format", "latex"}},
	{"karabakh-compare-csv", []string{"compare", "--format", "csv", "-o", "OUT"}},
	{"karabakh-report", []string{"report", "-o", "OUT/report.html"}},
	{"karabakh-terms.txt", []string{"terms", "--width", "100"}},
	{"karabakh-terms-all.csv", []string{"terms", "--format", "csv", "--top", "0"}},
	{"karabakh-terms-zeros.csv", []string{"terms", "--format", "csv", "--top", "0", "--zeros"}},
	{"karabakh-terms-ngrams.csv", []string{"terms", "--format", "csv", "--ngrams", "3", "--stem"}},
	{"karabakh-terms-yates.json", []string{"terms", "--format", "json", "--correction", "yates", "--prior-scale", "500"}},
	{"karabakh-terms-count.md", []string{"terms", "--rank", "count", "--top", "15", "--format", "markdown"}},
	{"karabakh-terms-tfidf.md", []string{"terms", "--rank", "tfidf", "--format", "markdown"}},
	{"karabakh-similarity.csv", []string{"similarity", "--format", "csv", "--measure", "cosine-tfidf,jsd"}},
	{"karabakh-similarity-docs.txt", []string{"similarity", "--docs", "--k", "5"}},
	{"karabakh-tone.csv", []string{"tone", "--format", "csv"}},
	{"karabakh-lexicon.md", []string{"lexicon", "--lexicon", "frames", "--explain", "security_military", "--format", "markdown"}},
	{"karabakh-labels.md", []string{"labels", "--passages", "2", "--format", "markdown"}},
	{"karabakh-quotes.csv", []string{"quotes", "--format", "csv"}},
	{"karabakh-quotes-scare.md", []string{"quotes", "--kind", "scare", "--format", "markdown"}},
	{"karabakh-actors.json", []string{"actors", "--format", "json"}},
	{"karabakh-stance.json", []string{"stance", "--format", "json"}},
	{"newsmtsc-stance-targets.md", []string{"stance", "--targets", "testdata/newsmtsc-train-head.jsonl", "--format", "markdown"}},
	{"karabakh-events.md", []string{"events", "--format", "markdown"}},
	{"karabakh-events-article.md", []string{"events", "--level", "article", "--format", "markdown"}},
	{"karabakh-events-passage.md", []string{"events", "--level", "passage", "--format", "markdown"}},
	{"karabakh-kwic.md", []string{"kwic", "separatist*", "--format", "markdown"}},
	{"karabakh-clean.csv", []string{"clean", "--format", "csv"}},
	{"karabakh-corpus-docs.txt", []string{"corpus", "--docs", "--width", "100"}},
	{"karabakh-corpus.md", []string{"corpus", "--format", "markdown"}},

	// The AllSides sample: 859 articles, 53 outlets.
	{"allsides-compare.json", []string{"compare", "--sample", "allsides-middle-east", "--format", "json"}},
	{"allsides-compare.txt", []string{"compare", "--sample", "allsides-middle-east", "--width", "120"}},
	{"allsides-report", []string{"report", "--sample", "allsides-middle-east", "-o", "OUT/report.html"}},
	// compare within years: terms and tone stratified, the rest noted as not.
	{"allsides-compare-by-year.txt", []string{"compare", "--sample", "allsides-middle-east", "--by", "year", "--top-groups", "6", "--width", "120"}},
	{"allsides-terms.csv", []string{"terms", "--sample", "allsides-middle-east", "--format", "csv", "--top", "50"}},
	{"allsides-terms-pair.md", []string{"terms", "--sample", "allsides-middle-east", "--target", "Fox News", "--vs", "CNN (Web News)", "--format", "markdown"}},
	{"allsides-terms-ngrams.csv", []string{"terms", "--sample", "allsides-middle-east", "--format", "csv", "--ngrams", "2", "--stem", "--correction", "williams"}},
	{"allsides-similarity.csv", []string{"similarity", "--sample", "allsides-middle-east", "--format", "csv", "--measure", "cosine-tfidf,jsd"}},
	{"allsides-tone.csv", []string{"tone", "--sample", "allsides-middle-east", "--format", "csv", "--permutations", "999", "--resamples", "200"}},
	{"allsides-lexicon.csv", []string{"lexicon", "--sample", "allsides-middle-east", "--lexicon", "frames", "--format", "csv"}},
	{"allsides-quotes.csv", []string{"quotes", "--sample", "allsides-middle-east", "--kind", "scare", "--format", "csv"}},
	{"allsides-actors.json", []string{"actors", "--sample", "allsides-middle-east", "--format", "json"}},
	{"allsides-events-article.md", []string{"events", "--sample", "allsides-middle-east", "--level", "article", "--format", "markdown"}},
	{"allsides-kwic.md", []string{"kwic", "israel*", "--sample", "allsides-middle-east", "--format", "markdown"}},
	{"allsides-clean.csv", []string{"clean", "--sample", "allsides-middle-east", "--format", "csv"}},
	{"allsides-corpus.md", []string{"corpus", "--sample", "allsides-middle-east", "--format", "markdown"}},
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && strings.HasPrefix(c.name, "allsides-") {
				t.Skip("the AllSides sample's runs take seconds each; skipped with -short")
			}
			t.Parallel()
			dir := ""
			args := append([]string(nil), c.args...)
			for i, a := range args {
				if a == "OUT" || strings.HasPrefix(a, "OUT/") {
					if dir == "" {
						dir = t.TempDir()
					}
					args[i] = filepath.Join(dir, strings.TrimPrefix(strings.TrimPrefix(a, "OUT"), "/"))
				}
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Fatalf("parallax %s: exit %d\n%s", strings.Join(c.args, " "), code, stderr.Bytes())
			}
			got := map[string][]byte{}
			if dir == "" {
				got[c.name] = stdout.Bytes()
			} else {
				err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					rel, _ := filepath.Rel(dir, path)
					b, err := os.ReadFile(path)
					got[filepath.Join(c.name, filepath.ToSlash(rel))] = b
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			compareGolden(t, c.name, dir != "", got)
		})
	}
}

// compareGolden checks got (golden file name → bytes) against the files
// under goldenCommands, or rewrites them with -update-golden. For a folder
// case, a golden file with no output of the same name fails too.
func compareGolden(t *testing.T, name string, folder bool, got map[string][]byte) {
	t.Helper()
	if *updateGolden {
		if folder {
			os.RemoveAll(filepath.Join(goldenCommands, name))
		}
		for f, b := range got {
			path := filepath.Join(goldenCommands, f)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if folder {
		entries, err := os.ReadDir(filepath.Join(goldenCommands, name))
		if err != nil {
			t.Fatalf("%v (record the golden outputs with -update-golden)", err)
		}
		for _, e := range entries {
			if _, ok := got[filepath.Join(name, e.Name())]; !ok {
				t.Errorf("%s/%s: golden file, but the run wrote no such file", name, e.Name())
			}
		}
	}
	for f, b := range got {
		want, err := os.ReadFile(filepath.Join(goldenCommands, f))
		if err != nil {
			t.Errorf("%v (record the golden outputs with -update-golden)", err)
			continue
		}
		if !bytes.Equal(want, b) {
			t.Errorf("%s differs from its golden output at %s", f, firstDifference(want, b))
		}
	}
}
