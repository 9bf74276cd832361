package analysis

import (
	"io/fs"
	"os"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

const benchAllSidesPath = "../testdata/allsides-middle-east/articles.jsonl.gz"

func allSidesSource(tb testing.TB) corpus.Source {
	tb.Helper()
	if _, err := os.Stat(benchAllSidesPath); err != nil {
		tb.Fatalf("AllSides sample missing: %v", err)
	}
	return corpus.Source{FS: os.DirFS("../testdata"), Path: "allsides-middle-east/articles.jsonl.gz", Name: "sample:allsides-middle-east"}
}

// allSidesTextBytes is the total size of the article texts, the unit of MB/s.
func allSidesTextBytes(tb testing.TB, src corpus.Source) int64 {
	var n int64
	if _, err := corpus.Load(src.FS.(fs.FS), src.Path, corpus.LoadOptions{}, func(d *corpus.Document) error {
		n += int64(len(d.Text))
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkTermsPipeline runs what `parallax terms` does on the AllSides
// sample: load (gunzip, JSON), the cleaning first pass, clean, segment,
// count, freeze, and distinctive terms for every group. MB/s is over the
// article text bytes.
func BenchmarkTermsPipeline(b *testing.B) {
	src := allSidesSource(b)
	b.SetBytes(allSidesTextBytes(b, src))
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		res, err := Run(src, Options{Terms: termstats.TermOptions{StopWords: sw}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := termstats.DistinctiveTerms(res.Table, termstats.DistinctiveOptions{Keyness: termstats.KeynessOptions{MinCount: 3}, IDF: "smooth", Top: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun is the per-document part alone (load, clean, segment,
// count, freeze), without the comparisons.
func BenchmarkRun(b *testing.B) {
	src := allSidesSource(b)
	b.SetBytes(allSidesTextBytes(b, src))
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Run(src, Options{Terms: termstats.TermOptions{StopWords: sw}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDistinctiveTerms is keyness for all 53 outlets against the rest:
// its cost grows with groups × vocabulary, not with the corpus.
func BenchmarkDistinctiveTerms(b *testing.B) {
	src := allSidesSource(b)
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		b.Fatal(err)
	}
	res, err := Run(src, Options{Terms: termstats.TermOptions{StopWords: sw}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := termstats.DistinctiveTerms(res.Table, termstats.DistinctiveOptions{Keyness: termstats.KeynessOptions{MinCount: 3}, IDF: "smooth", Top: 20}); err != nil {
			b.Fatal(err)
		}
	}
}
