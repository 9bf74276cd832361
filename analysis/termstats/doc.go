// Package termstats counts terms and compares groups by them. Counter
// counts each document's terms (stop words, stemming and n-grams as
// TermOptions say) into mergeable per-group sums, which Freeze turns into a
// TermTable of counts and document frequencies per group and term, with a
// GroupSummary per group. From the table it computes the measures of
// docs/measures.md: frequencies and tf-idf, distinctive terms per group
// (log-odds with an informative Dirichlet prior, G², χ², log ratio,
// Benjamini–Hochberg q), similarity between groups and documents (cosine
// over tf-idf or frequencies, Jensen–Shannon), hierarchical clustering and
// classical multidimensional scaling of the similarity matrix.
//
// Files: aggregate.go (Counter, Shard, Freeze), denserows.go (the Counter's
// dense rows for large groups), annotate.go (terms of a sentence), types.go
// (TermTable), measures.go (frequencies, tf-idf), keyness.go,
// keyness_rank.go, keyness_radix.go and keyness_formulas.go (one
// comparison, its ranking and sorts, its statistics), distinctive.go (every group's), similarity.go
// (between groups), neighbors.go (between documents), cluster.go, mds.go.
package termstats
