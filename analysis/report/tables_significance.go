package report

import (
	"fmt"
	"strings"

	"parallax/analysis/termstats"
)

// termFlag is the flag column of a distinctive term: "1 doc" or "N docs"
// when fewer documents of the group use it than --min-docs-term asks (so
// it is listed with --top 0 but never ranked), and "n.s." when its q is
// above the level.
func termFlag(k termstats.KeyTerm, opt TermsOptions, groupDocs int) string {
	var flags []string
	if k.Count > 0 && opt.FewDocs(k, groupDocs) {
		flags = append(flags, Plural(int(k.Docs), "doc"))
	}
	if !opt.Passes(k) {
		flags = append(flags, "n.s.")
	}
	return strings.Join(flags, ", ")
}

// compactTerm writes a term as the compact terms table lists it: "term
// (count, z)", with ", n.s." inside the brackets when it does not pass.
func compactTerm(k termstats.KeyTerm, opt TermsOptions) string {
	ns := ""
	if !opt.Passes(k) {
		ns = ", n.s."
	}
	return fmt.Sprintf("%s (%d, %s%s)", k.Term, k.Count, textValue(Float(k.LogOddsZ, 2)), ns)
}

// compactCell is the terms cell of a group in the compact table: its
// terms, or in words why there are none.
func compactCell(gk termstats.GroupKeyness, words []string, opt TermsOptions) string {
	switch {
	case gk.NA != "":
		return gk.NA
	case len(words) == 0 && opt.Q > 0:
		return fmt.Sprintf("no term passes q ≤ %s", fmtLevel(opt.Level()))
	case len(words) == 0:
		return "no distinctive term"
	}
	return strings.Join(words, ", ")
}

// fmtLevel writes a level as typed: 0.05, 0.01.
func fmtLevel(q float64) string { return fmt.Sprintf("%g", q) }

// significanceNotes say what n.s. and --q mean, and name in words the
// groups with no significant distinctive term.
func significanceNotes(t *termstats.TermTable, ks []termstats.GroupKeyness, opt TermsOptions) []string {
	if len(t.Groups) < 2 {
		return nil
	}
	level := fmtLevel(opt.Level())
	var notes []string
	if opt.Q > 0 {
		notes = append(notes, fmt.Sprintf("Only terms with q ≤ %s are listed (--q %s): a difference that holds at a false-discovery rate of %s across the terms tested for the group.", level, level, level))
	} else {
		notes = append(notes, fmt.Sprintf("n.s.: q > %s, so the difference is not significant at a false-discovery rate of %s across the terms tested for the group; --q %s leaves such terms out.", level, level, level))
	}
	var none []string
	for _, gk := range ks {
		if gk.NA == "" && gk.Passing == 0 {
			none = append(none, t.Groups[gk.Group])
		}
	}
	switch {
	case len(none) == 0:
	case len(none) == len(ks):
		notes = append(notes, fmt.Sprintf("No group has a significant distinctive term: no term used more by a group, by at least %d of its documents, has q ≤ %s.", opt.MinDocsTerm(), level))
	default:
		notes = append(notes, fmt.Sprintf("No significant distinctive term (no term used more, by enough of its documents, with q ≤ %s): %s.", level, strings.Join(none, ", ")))
	}
	return notes
}
