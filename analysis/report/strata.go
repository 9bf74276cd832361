package report

import (
	"fmt"
	"strings"

	"parallax/analysis/termstats"
	"parallax/analysis/tonestats"
)

// StrataSection shows each group's spread over the strata of --by, so that
// an unbalanced design is visible: displayed as one row per group with its
// documents per stratum and their share of the group, tidy as one row per
// group and stratum where it has documents.
func StrataSection(cells *termstats.TermTable, st *termstats.Strata, by string) Section {
	display := &Table{Name: "strata", Title: fmt.Sprintf("Groups by stratum (--by %s)", by),
		Columns: []string{"group", "docs", "strata", "spread (docs, share of the group)"}}
	tidy := &Table{Name: "strata", Title: display.Title, Columns: []string{"group", "stratum", "docs", "share_pct"}}
	perStratum := make([]int, len(st.Strata))
	var unbalanced int
	for g, name := range st.Groups {
		total, n, top := 0, 0, 0
		for _, c := range st.Cell[g] {
			if c >= 0 {
				total += cells.Docs[c]
			}
		}
		var parts []string
		for k, c := range st.Cell[g] {
			if c < 0 || cells.Docs[c] == 0 {
				continue
			}
			d := cells.Docs[c]
			n++
			top = max(top, d)
			perStratum[k] += d
			share := 100 * float64(d) / float64(total)
			parts = append(parts, fmt.Sprintf("%s: %d (%.0f%%)", st.Strata[k], d, share))
			tidy.Rows = append(tidy.Rows, []Value{Str(name), Str(st.Strata[k]), Int(int64(d)), Float(share, 1)})
		}
		if total > 0 && 2*top > total && len(st.Strata) > 1 {
			unbalanced++
		}
		display.Rows = append(display.Rows, []Value{Str(name), Int(int64(total)), Int(int64(n)), Str(strings.Join(parts, ", "))})
	}
	var all []string
	for k, s := range st.Strata {
		all = append(all, fmt.Sprintf("%s %d", s, perStratum[k]))
	}
	notes := []string{
		fmt.Sprintf("%s: %s documents.", strataCount(len(st.Strata)), strings.Join(all, ", ")),
		"strata: the strata where the group has documents; spread: its documents in each and their share of its documents (share_pct, in %). Keyness and tone compare groups within each stratum and pool the strata (docs/measures.md, Strata).",
		fmt.Sprintf("%d of %d groups have more than half of their documents in one stratum: compared without --by, their differences would mix group and stratum.", unbalanced, len(st.Groups)),
	}
	display.Notes, tidy.Notes = notes, notes
	return Section{Display: display, Tidy: tidy}
}

// StrataTermsNotes explain the terms table of a stratified comparison.
func StrataTermsNotes(by string, strata int) []string {
	return []string{fmt.Sprintf("Within strata (--by %s, %s): each group is compared with its reference inside each stratum and the strata pooled. logodds_z: the inverse-variance weighted mean of the strata's log-odds (each stratum its own prior) over its standard error; g2 and chi2 both hold the signed Cochran–Mantel–Haenszel χ² (1 df), p and q come from it; log_ratio: log2 of the Mantel–Haenszel rate ratio; count, per_1k and the reference's over the strata where both sides have documents (docs/measures.md, Strata).", by, strataCount(strata))}
}

// strataCount writes "1 stratum", "N strata".
func strataCount(n int) string {
	if n == 1 {
		return "1 stratum"
	}
	return fmt.Sprintf("%d strata", n)
}

// StandardisedToneSection shows tone within strata: each group's crude
// mean, its mean directly standardised to the corpus's mix of strata, the
// share of that mix its strata cover, and its mean in each stratum.
func StandardisedToneSection(rows []tonestats.Standardised, by string) Section {
	t := &Table{Name: "tone_strata", Title: fmt.Sprintf("Tone within strata (--by %s)", by),
		Columns: []string{"group", "instrument", "crude", "standardised", "coverage_pct", "sentences", "by stratum (mean, sentences)"}}
	for _, r := range rows {
		var parts []string
		for _, m := range r.Strata {
			parts = append(parts, fmt.Sprintf("%s: %s (%d)", m.Stratum, textValue(Float(m.Mean, 3)), m.N))
		}
		t.Rows = append(t.Rows, []Value{Str(r.Group), Str(r.Instrument), Float(r.Crude, 3), Float(r.Std, 3),
			Float(100*r.Coverage, 1), Int(int64(r.N)), Str(strings.Join(parts, ", "))})
	}
	t.Notes = []string{
		"crude: the mean sentence score over all the group's sentences, as without --by; standardised: direct standardisation to the pooled stratum distribution — Σ W_k·m_k / Σ W_k over the group's strata, W_k the share of stratum k among all the corpus's sentences, m_k the group's mean there (docs/measures.md, Strata).",
		"coverage_pct: Σ W_k over the strata where the group has sentences, in %: below 100 the group is standardised to the part of the corpus it covers, and its figure compares with another group's only over the strata both cover.",
	}
	return Section{Display: t}
}
