package termstats

import (
	"iter"
	"slices"
)

// DefaultMinDocsTerm is the default of DistinctiveOptions.MinDocs: a term
// must be used by at least this many documents of a group to be ranked
// among its distinctive terms (--min-docs-term).
const DefaultMinDocsTerm = 2

// DefaultLevel is the false-discovery level at which distinctive terms are
// marked as passing or not when no --q filter is given.
const DefaultLevel = 0.05

// MinDocsFor is the number of documents of a group of groupDocs documents
// that must use a term for it to be ranked: MinDocs (DefaultMinDocsTerm
// when 0), but never more than the group has, so that a group of one
// document still has a list (its terms are all its one article's).
func (o DistinctiveOptions) MinDocsFor(groupDocs int) int64 {
	return max(min(o.MinDocsTerm(), int64(groupDocs)), 1)
}

// MinDocsTerm is MinDocs, or DefaultMinDocsTerm when it is 0.
func (o DistinctiveOptions) MinDocsTerm() int64 {
	if o.MinDocs <= 0 {
		return DefaultMinDocsTerm
	}
	return o.MinDocs
}

// Level is the Benjamini–Hochberg q at or below which a term passes: Q
// when it is set (terms above it are then left out), else DefaultLevel
// (terms above it are marked).
func (o DistinctiveOptions) Level() float64 {
	if o.Q > 0 {
		return o.Q
	}
	return DefaultLevel
}

// Passes says whether term k passes the chosen threshold: q ≤ Level.
func (o DistinctiveOptions) Passes(k KeyTerm) bool { return k.Q <= o.Level() }

// kept says whether a listed term stays in the list: with Q set, only
// the terms that pass.
func (o DistinctiveOptions) kept(k KeyTerm) bool { return o.Q <= 0 || o.Passes(k) }

// rankable says whether term k of a group of groupDocs documents may be
// ranked: used by at least MinDocsFor documents, and kept.
func (o DistinctiveOptions) rankable(k KeyTerm, groupDocs int) bool {
	return k.Docs >= o.MinDocsFor(groupDocs) && o.kept(k)
}

// FewDocs says whether term k is used by fewer documents of its group (of
// groupDocs documents) than MinDocsFor: such a term is listed with --top
// 0, flagged, but never ranked.
func (o DistinctiveOptions) FewDocs(k KeyTerm, groupDocs int) bool {
	return k.Docs < o.MinDocsFor(groupDocs)
}

// topTerms keeps the opt.Top best over-represented terms (z > 0) that may
// be ranked (rankable); Top 0 keeps every term the group uses, terms used
// by too few documents included (flagged by the tables), but with Q set
// only those that pass.
func topTerms(kt *KeyTerms, opt DistinctiveOptions, groupDocs int) []KeyTerm {
	n := opt.Top
	if n == 0 {
		if opt.Q <= 0 {
			return kt.Used()
		}
		return slices.DeleteFunc(slices.Clone(kt.Used()), func(k KeyTerm) bool { return !opt.kept(k) })
	}
	var out []KeyTerm
	for k := range kt.All() {
		if len(out) == n || k.LogOddsZ <= 0 { // ranked: no z > 0 follows
			break
		}
		if opt.rankable(k, groupDocs) {
			out = append(out, k)
		}
	}
	return out
}

// passing counts the over-represented terms (z > 0) of a comparison that
// may be ranked and pass the threshold: 0 means the group has no
// significant distinctive term at the chosen level.
func passing(kt *KeyTerms, opt DistinctiveOptions, groupDocs int) int {
	n := 0
	for _, k := range kt.Used() {
		if k.LogOddsZ > 0 && k.Docs >= opt.MinDocsFor(groupDocs) && opt.Passes(k) {
			n++
		}
	}
	return n
}

// filterKept yields the terms of seq that opt keeps (all of them without
// Q).
func filterKept(seq iter.Seq[KeyTerm], opt DistinctiveOptions) iter.Seq[KeyTerm] {
	if opt.Q <= 0 {
		return seq
	}
	return func(yield func(KeyTerm) bool) {
		for k := range seq {
			if opt.kept(k) && !yield(k) {
				return
			}
		}
	}
}
