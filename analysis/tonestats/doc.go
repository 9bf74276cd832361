// Package tonestats aggregates tone (SPEC §5 "Tone"): every sentence is
// scored by independent instruments (VADER and naive Bayes from the tone
// package, and valence lexicons matched with lexmatch), and the scores are
// aggregated to articles and groups as means of sentence scores, with
// bootstrap intervals, pairwise permutation tests and the rank agreement of
// the instruments. Collector consumes processed documents as the pipeline
// visits them; Summarize produces a Summary (intervals per group and
// instrument, pair tests, agreement), and Sentences and Documents yield the
// scores behind it. Formulas and caveats are in docs/tone.md.
package tonestats
