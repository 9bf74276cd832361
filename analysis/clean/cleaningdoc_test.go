package clean

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs generated from code (docs/cleaning.md)")

// cleaningDoc renders the cleaning rules as the Markdown page docs/cleaning.md.
func cleaningDoc() []byte {
	var b bytes.Buffer
	b.WriteString("# Cleaning rules\n\n")
	b.WriteString("<!-- Generated from clean.Rules by `go test ./analysis/clean -run TestCleaningDoc -update-docs`; do not edit. -->\n\n")
	b.WriteString("Scraped pages carry furniture: footers, teasers of unrelated stories, citation blocks,\n")
	b.WriteString("advertisement and comment-form lines, cookie notices. parallax removes them line by line\n")
	b.WriteString("with the named rules below, before segmentation. Cleaning is conservative: a line holding\n")
	b.WriteString("quoted speech is never removed, and a long sentence-like line only by `off-topic-tail`.\n\n")
	b.WriteString("`parallax clean` lists every removed line with its rule; `--clean-off rule,rule` switches\n")
	b.WriteString("rules off; `--no-clean` switches cleaning off. The `repeated-line` rule needs a first pass\n")
	b.WriteString("over the corpus, so it does not run on standard input.\n\n")
	b.WriteString("| rule | removes |\n|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", r.Name, escapeMarkdownCell(r.Description))
	}
	return b.Bytes()
}

func escapeMarkdownCell(s string) string {
	return string(bytes.ReplaceAll([]byte(s), []byte("|"), []byte(`\|`)))
}

// handWritten marks where the generated part of docs/cleaning.md ends: what
// follows it (self-mentions, the measured before/after table) is written by
// hand and kept as it is by -update-docs.
const handWritten = "\n<!-- End of the generated part; what follows is written by hand. -->\n"

// TestCleaningDoc keeps docs/cleaning.md in step with the rules in code.
func TestCleaningDoc(t *testing.T) {
	const path = "../../docs/cleaning.md"
	want := cleaningDoc()
	got, err := os.ReadFile(path)
	if err != nil && !*updateDocs {
		t.Fatalf("%v (run go test ./analysis/clean -run TestCleaningDoc -update-docs)", err)
	}
	var rest []byte
	if i := bytes.Index(got, []byte(handWritten)); i >= 0 {
		got, rest = got[:i], got[i:]
	}
	if *updateDocs {
		if err := os.WriteFile(path, append(append([]byte(nil), want...), rest...), 0o644); err != nil {
			t.Fatal(err)
		}
		got = want
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with Rules: run go test ./analysis/clean -run TestCleaningDoc -update-docs", path)
	}
}
