// Package analysis is parallax's pipeline: load → clean → segment → annotate →
// aggregate → compare → render. This package only wires the stages
// together: Run reads a corpus once (twice for the repeated-line cleaning
// rule), cleans, segments and counts every document in parallel, hands each
// to the collectors' Visit, and merges the per-worker sums; Progress counts
// what it has read. Every analysis has one shape, map → combine → finish
// (docs/architecture.md): a document becomes a compact record per
// collector (Map); per-group accumulators add records and merge in any
// order, and encode to bytes so that a shuffle can carry them (Add, Merge,
// MarshalBinary); the statistics come from merged accumulators (Freeze,
// Summarize, Finish). Each stage is a package of its own, listed in the
// order the data flows:
//
//   - corpus: reads folders, manifests, JSON Lines, JSON arrays, CSV, gzip
//     and standard input into Documents and a LoadReport.
//   - clean: named, conservative rules that remove page furniture line by line.
//   - segment: sentences and word tokens; Processed, the document every
//     collector visits.
//   - termstats: terms per sentence, the per-group term counts (TermTable),
//     frequencies, keyness, distinctive terms, similarity, clustering, MDS.
//   - lexmatch: lexicon matching, and a lexicon's hits per group.
//   - tonestats: sentence tone by every instrument, aggregated per group.
//   - framing: labels, quotes and their speakers, actors.
//   - kwic: keyword in context.
//   - events: stories and events across groups, passages side by side.
//   - resample: bootstrap intervals, permutation tests, Benjamini–Hochberg.
//   - report: every table (text, Markdown, CSV, JSON, LaTeX) and the HTML
//     page with its charts, drawn from the stages' results. No stage imports it.
//
// The instruments of tone are in the top-level package tone, the lexicons
// in lexicons. Every number is defined in docs/measures.md and the pages
// next to it.
package analysis
