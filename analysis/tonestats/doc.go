// Package tonestats aggregates tone (SPEC §5 "Tone"): every sentence is
// scored by independent instruments (VADER and naive Bayes from the tone
// package, and valence lexicons matched with lexmatch), and the scores are
// aggregated to articles and groups as means of sentence scores, with
// bootstrap intervals, pairwise permutation tests and the rank agreement of
// the instruments. Collector consumes processed documents as the pipeline
// visits them; Summarize produces a Summary (intervals per group and
// instrument, pair tests, agreement), and Sentences and Documents yield the
// scores behind it. Formulas and caveats are in docs/tone.md.
//
// The work has the map → combine → finish shape. Map (Collector.Map)
// scores one document into a DocRecord: its group, its load ordinal, its
// number of scored sentences and their scores, float64, sentence-major (K
// instruments per sentence), plus, only with Options.Sentences or
// Documents, the texts those tables print. Combine: an Acc keeps per group,
// per document, the ordinal and sentence count (12 bytes) and the scores
// (8·K bytes per sentence), or, once the group is released, only the K
// article sums (Options.MaxKeptSentences: when the corpus has more
// sentences than the budget, groups of at least resample.MinClusterUnits
// articles are resampled and permuted by article and need no single
// scores); per group also the largest |score| per instrument. Whether a
// group is released depends only on the totals (sentences, the group's
// articles), so any split and merge order ends in the same state; Add,
// Merge, MarshalBinary and UnmarshalBinary make it a combiner that can
// cross machines. Finish (Acc.Summarize, Sentences, Documents) orders each
// group's documents by ordinal and computes the intervals, the pairwise
// tests and the agreement exactly as the collector did before the split,
// sums taken within a document in sentence order. Collector.Visit is Map
// then, under a lock, Add.
package tonestats
