// Package segment splits a cleaned text into sentences (Sentences) and word
// tokens (Tokenize): spans into the text, with a normalised form and a kind
// (word, number, URL, e-mail) for each token. It consumes text and produces
// Spans and Tokens, appended to the caller's slices so that a worker reuses
// its buffers. Processed is what the later stages consume: one document
// after cleaning and segmentation, with its tokens computed once and
// shared by the collectors of a run. A Tokenizer (one per worker, over the
// run's shared Norms) also gives each token the id of its normalised form,
// so that later look-ups (stop words, terms, lexicons) can be arrays
// indexed by it.
//
// Files: segment.go (sentences and text helpers), tokenize.go (tokens),
// intern.go (Norms, Tokenizer), processed.go (Processed). The rules are in docs/segmentation.md.
package segment
