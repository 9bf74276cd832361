// Package testkit holds what the tests of several stages share: the
// embedded AllSides sample, decoded with encoding/json alone (not with the
// loader under test, so that tests of other stages do not depend on it).
package testkit

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io/fs"
	"math"
	"testing"
	"testing/fstest"

	"parallax"
	"parallax/analysis/corpus"
)

// AllSides returns the documents of the AllSides sample, in file order.
func AllSides(tb testing.TB) []corpus.Document {
	tb.Helper()
	data, err := fs.ReadFile(parallax.Samples(), "testdata/allsides-middle-east/articles.jsonl.gz")
	if err != nil {
		tb.Fatal(err)
	}
	z, err := gzip.NewReader(bytes.NewReader(data))
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

// AllSidesTexts returns the text of every document of the AllSides sample.
func AllSidesTexts(tb testing.TB) []string {
	tb.Helper()
	var texts []string
	for _, d := range AllSides(tb) {
		texts = append(texts, d.Text)
	}
	return texts
}

// AllSidesSource is the embedded AllSides sample as the pipeline reads it.
func AllSidesSource() corpus.Source {
	return corpus.Source{FS: parallax.Samples(), Path: "testdata/allsides-middle-east/articles.jsonl.gz", Name: "sample:allsides-middle-east"}
}

// Within reports whether got equals want to within tol, absolute or
// relative to |want|, whichever is larger.
func Within(got, want, tol float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// SmallCorpus is three documents of two groups, small enough to count by
// hand, as JSON Lines.
const SmallCorpus = `{"id":"a1","outlet":"Alpha","date":"2023-09-19","text":"The separatist forces fired. The separatist leaders met."}
{"id":"a2","outlet":"Alpha","date":"2023-09-20","text":"Separatist leaders said the talks failed."}
{"id":"b1","outlet":"Beta","date":"2023-09-19","text":"Ethnic Armenian leaders said the talks failed. Ethnic Armenian forces fired."}
`

// SmallSource is SmallCorpus as a source the pipeline reads.
func SmallSource() corpus.Source {
	return corpus.Source{FS: fstest.MapFS{"c.jsonl": {Data: []byte(SmallCorpus)}}, Path: "c.jsonl", Name: "test"}
}
