// Package analysis is parallax's pipeline: load → clean → segment → annotate →
// aggregate → compare → render.
//
// Each stage lives in files named after it:
//
//   - load*.go: readers for folders, manifests, JSON Lines, JSON arrays, CSV,
//     gzip and standard input, producing a stream of Documents and a LoadReport.
//   - clean.go: named, conservative rules that remove page furniture line by line.
//   - segment.go: sentences and word tokens.
//   - annotate.go: terms per sentence (stop words, stemming, n-grams).
//   - aggregate.go: the interned vocabulary and mergeable per-group sums,
//     frozen into a TermTable.
//   - pipeline.go: the parallel run that ties the stages together.
//   - sections.go, kwic.go: the tables each command prints.
//   - measures.go, keyness.go, similarity.go, cluster.go: the numbers.
//   - render.go: tables as text, Markdown, CSV and JSON.
//
// Every number is defined in docs/measures.md.
package analysis
