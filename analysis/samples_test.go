package analysis

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"parallax/analysis/corpus"
)

// loadAllSidesDocs reads the AllSides sample with encoding/json alone, not
// with the loader under test, so tests of other stages do not depend on it.
func loadAllSidesDocs(tb testing.TB) []corpus.Document {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "allsides-middle-east", "articles.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(z)
	sc.Buffer(nil, 1<<24)
	var docs []corpus.Document
	for n := 1; sc.Scan(); n++ {
		var r struct{ ID, Outlet, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("articles.jsonl.gz:%d: %v", n, err)
		}
		docs = append(docs, corpus.Document{Index: n - 1, ID: r.ID, Group: r.Outlet, Text: r.Text})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return docs
}
