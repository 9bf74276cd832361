// Package kwic lists keywords in context: every match of a Pattern (words
// with '*' and '?' globs, matched against consecutive tokens of a
// sentence) with the words around it, the speaker and voice when it stands
// in a quotation, and the lexicon keys of its sentence. Collector consumes
// processed documents as the pipeline visits them and produces Hits (all,
// or the first Max per group in input order) and the count of matches per
// group.
package kwic
