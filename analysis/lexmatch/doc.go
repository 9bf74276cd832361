// Package lexmatch finds a lexicon's patterns in tokenized sentences and
// counts them. Compile turns a lexicons.Lexicon (categories, labels,
// actors, events, valence) into a Matcher, which consumes the tokens of one
// sentence and produces Hits: the entry, the token range and whether a
// negator precedes it, the longest match winning where patterns overlap.
// Collector counts one lexicon's hits per group, article and key as the
// pipeline visits documents, and produces Rows of hits per 1,000 words with
// bootstrap intervals, and the Passages behind one key. It has the map →
// combine → finish shape: Map makes a DocRecord of one document (its group
// and ordinal, words and hits per key, the same per sentence, the passages
// of the explained key); Acc adds records and merges in any order, keeping
// per article its ordinal, words and key counts (64 bytes plus 12 per key
// hit), sentence counts only while its group has at most
// resample.MinClusterUnits articles, and the ExplainMax passages of lowest
// (document, sentence) per group; RowsOf and Acc.Passages finish it, with
// the articles in ordinal order. Acc has a binary form. The tone, framing
// and events stages match their lexicons with it. Matching rules are in
// docs/lexicons.md.
package lexmatch
