package report

// maxWrapLines is the most lines a wrapped text cell (CutWrap) may take in
// a boxed table; a table that would need more prints as records instead,
// where text wraps in full.
const maxWrapLines = 6

// minWrapWidth is the narrowest, in terminal columns, that a wrapped text
// column is made (or its header's width, when wider).
const minWrapWidth = 20

// wrapFits reports whether every wrapped text column among floors (the
// columns cutToFit may narrow) holds its cells in at most maxWrapLines lines
// at the width cutToFit would give it under the cap limit.
func (g *textGrid) wrapFits(t *Table, floors []int, limit int) bool {
	for j, floor := range floors {
		if floor == 0 || t.Cut[t.Columns[j]] != CutWrap || g.widths[j] <= max(limit, floor) {
			continue
		}
		w := max(limit, floor)
		for i := range g.cells {
			if g.isStr(i, j) && len(wrapText(g.cells[i][j], w)) > maxWrapLines {
				return false
			}
		}
	}
	return true
}
