package termstats

import "slices"

// MaskStrata masks self-mentions in a table whose groups are group ×
// stratum cells (--by): whether a term is a group's self-mention is decided
// on the groups (the cells collapsed), as without strata, and the term is
// then removed from every cell of that group. So the collapsed table is the
// one an unstratified run masks, whatever the strata. hosts may be keyed by
// cell or by group; sums are the cells' summaries, updated. It returns what
// was masked per group, in the groups' order.
func MaskStrata(cells *TermTable, sums []GroupSummary, st *Strata, hosts Hosts, stem bool) []MaskedTerms {
	byGroup := Hosts{}
	for key, m := range hosts {
		g, _ := SplitCell(key)
		byGroup.Merge(Hosts{g: m})
	}
	mask := SelfMentions(Collapse(cells, st), byGroup, stem)
	cellMask := make([][]int32, len(cells.Groups))
	for g := range st.Groups {
		for _, c := range st.Cell[g] {
			if c >= 0 {
				cellMask[c] = mask[g]
			}
		}
	}
	var out []MaskedTerms
	for g, ids := range mask {
		if len(ids) == 0 {
			continue
		}
		m := MaskedTerms{Group: st.Groups[g]}
		for _, id := range ids {
			m.Terms = append(m.Terms, cells.Terms[id])
			for _, c := range st.Cell[g] {
				if c >= 0 {
					m.Count += cells.Count[c].Get(id)
				}
			}
		}
		slices.Sort(m.Terms)
		out = append(out, m)
	}
	MaskSelfMentions(cells, sums, nil, cellMask)
	return out
}
