package main

import (
	"flag"
	"math"

	"parallax/analysis/termstats"
)

// addSignificance registers the flags that say which distinctive terms
// are ranked and shown: --min-docs-term and --q.
func (tf *termsFlags) addSignificance(fs *flag.FlagSet) {
	fs.Int64Var(&tf.minDocs, "min-docs-term", termstats.DefaultMinDocsTerm, "rank a term only if at least this many documents of the group use it (at most the group's documents)")
	fs.Float64Var(&tf.q, "q", 0, "leave out terms whose Benjamini–Hochberg q is above this (e.g. 0.05); 0 lists them, marked n.s. at q > 0.05")
}

// checkSignificance refuses out-of-range --min-docs-term and --q.
func (tf *termsFlags) checkSignificance() error {
	if tf.minDocs < 1 {
		return usagef("--min-docs-term must be at least 1, not %d", tf.minDocs)
	}
	if math.IsNaN(tf.q) || tf.q < 0 || tf.q > 1 {
		return usagef("--q must be between 0 and 1 (0: list every term, marking those above q 0.05), not %g", tf.q)
	}
	return nil
}
