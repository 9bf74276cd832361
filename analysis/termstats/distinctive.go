package termstats

import (
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// DistinctiveOptions configure DistinctiveTerms.
type DistinctiveOptions struct {
	Keyness KeynessOptions
	IDF     IDFVariant
	Top     int    // terms per group; 0 lists every tested term the group uses (see Zeros)
	Vs      string // compare against this group instead of all the others
	Target  string // only this group (empty: every group)
	// Zeros, with Top 0, lists also the tested terms a group never uses
	// (count 0): a row per group and term of the vocabulary tested. They
	// are left out otherwise, though they count in every q.
	Zeros bool
	// MinDocs: a term used by fewer documents of the group is not ranked
	// (MinDocsFor; 0 means DefaultMinDocsTerm). It is still tested and
	// counts in every q.
	MinDocs int64
	// Q, when above 0, leaves out every term whose Benjamini–Hochberg q is
	// above it; 0 lists them, marked against DefaultLevel (Level).
	Q float64
}

// GroupKeyness is the ranked distinctive terms of one group.
type GroupKeyness struct {
	Group     int
	Reference string    // "rest" or the name of the --vs group
	Terms     []KeyTerm // the terms kept (see DistinctiveTerms), ranked
	// Result is the whole comparison, kept only with Top 0 and Zeros: its
	// All lists the terms the group never uses as well, row by row as the
	// output is written.
	Result *KeyTerms
	NA     string // why this comparison is not available (no counted terms), or ""
	// Passing is the number of over-represented terms (z > 0) used by
	// enough documents (MinDocsFor) whose q passes the level (Level),
	// listed or not: 0 says the group has no significant distinctive term.
	Passing int
}

// DistinctiveTerms runs Keyness for every group (or opt.Target) against the
// rest (or opt.Vs) and keeps, per group, the opt.Top terms with the highest
// log-odds z among those used by enough of its documents (MinDocsFor) and,
// with Q, passing it. With Top 0 it keeps every tested term the group uses
// (count > 0), those used by too few documents included, and with Zeros
// the whole result; Q still leaves out the terms that do not pass.
func DistinctiveTerms(t *TermTable, opt DistinctiveOptions) ([]GroupKeyness, error) {
	var ref []int
	refName := "rest"
	if opt.Vs != "" {
		vi := t.GroupIndex(opt.Vs)
		if vi < 0 {
			return nil, fmt.Errorf("--vs %q: no such group (groups: %s)", opt.Vs, GroupList(t.Groups))
		}
		ref = []int{vi}
		refName = opt.Vs
	}
	targets := make([]int, 0, len(t.Groups))
	if opt.Target != "" {
		ti := t.GroupIndex(opt.Target)
		if ti < 0 {
			return nil, fmt.Errorf("--target %q: no such group (groups: %s)", opt.Target, GroupList(t.Groups))
		}
		targets = append(targets, ti)
	} else {
		for g := range t.Groups {
			targets = append(targets, g)
		}
	}
	if len(t.Groups) < 2 {
		return nil, nil
	}
	if ref != nil {
		targets = slices.DeleteFunc(targets, func(g int) bool { return g == ref[0] })
	}
	// Groups are independent: compare them in parallel, each into its own
	// slot, so the result is the same whatever the scheduling. They share
	// the index of the table's terms.
	index := NewKeynessIndex(t)
	out := make([]GroupKeyness, len(targets))
	errs := make([]error, len(targets))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(targets)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				g := targets[i]
				out[i] = GroupKeyness{Group: g, Reference: refName}
				if na := keynessNA(t, g, ref); na != "" {
					out[i].NA = na
					continue
				}
				kt, err := index.Keyness(g, ref, opt.Keyness)
				if err != nil {
					errs[i] = fmt.Errorf("group %q: %v", t.Groups[g], err)
					continue
				}
				out[i].Terms = topTerms(kt, opt, t.Docs[g])
				out[i].Passing = passing(kt, opt, t.Docs[g])
				if opt.Top == 0 && opt.Zeros {
					out[i].Result = kt
				}
			}
		}()
	}
	for i := range targets {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// keynessNA says why group g cannot be compared with ref: one side has no
// counted terms, so every rate is undefined. "" when it can.
func keynessNA(t *TermTable, g int, ref []int) string {
	if t.Tokens[g] == 0 {
		return fmt.Sprintf("%q has no counted terms: n/a.", t.Groups[g])
	}
	var n int64
	if ref == nil {
		n = t.TotalTokens - t.Tokens[g]
	} else {
		for _, r := range ref {
			n += t.Tokens[r]
		}
	}
	if n == 0 {
		return fmt.Sprintf("The reference of %q has no counted terms: n/a.", t.Groups[g])
	}
	return ""
}

// ListedTerms yields the terms the terms table lists for gk: its Terms, or
// with Top 0 and Zeros every tested term.
func ListedTerms(gk GroupKeyness, opt DistinctiveOptions) iter.Seq[KeyTerm] {
	if opt.Top == 0 && opt.Zeros && gk.Result != nil {
		return filterKept(gk.Result.All(), opt)
	}
	return slices.Values(gk.Terms)
}

// GroupList quotes the first groups for an error message, and says how many
// more there are.
func GroupList(groups []string) string {
	const show = 8
	q := make([]string, 0, show)
	for i, g := range groups {
		if i == show {
			return strings.Join(q, ", ") + fmt.Sprintf(", … %d more (parallax corpus lists them)", len(groups)-show)
		}
		q = append(q, fmt.Sprintf("%q", g))
	}
	return strings.Join(q, ", ")
}
