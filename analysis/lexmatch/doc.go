// Package lexmatch finds a lexicon's patterns in tokenized sentences and
// counts them. Compile turns a lexicons.Lexicon (categories, labels,
// actors, events, valence) into a Matcher, which consumes the tokens of one
// sentence and produces Hits: the entry, the token range and whether a
// negator precedes it, the longest match winning where patterns overlap.
// Collector counts one lexicon's hits per group, article and key as the
// pipeline visits documents, and produces Rows of hits per 1,000 words with
// bootstrap intervals, and the Passages behind one key. The tone, framing
// and events stages match their lexicons with it. Matching rules are in
// docs/lexicons.md.
package lexmatch
