package termstats

import "math"

// A Counter adds each document's terms to its group's map (groupAcc.terms),
// one map update per distinct term of the document. For the groups that
// hold most documents it adds them to a dense row instead: an array
// indexed by term id, for the first denseTerms ids (first-seen order puts
// the frequent terms there), folded into the map by Flush. The sums are the
// same integers either way; only the work differs.
const (
	denseTerms   = 1 << 16 // term ids a row covers
	denseAfter   = 16      // documents a group has in a worker before it gets a row
	maxDenseRows = 64      // rows per worker: at most 64 × 65536 × 8 bytes = 32 MB
)

// denseRow is one group's counts of terms 0..denseTerms-1 in one worker,
// not yet in the group's map.
type denseRow struct {
	g     *groupAcc
	cells []denseCell
	total uint64 // Σ count over cells: the row is flushed before it could overflow
}

type denseCell struct{ count, docs uint32 }

// denseLimits are the constants above, as a Counter uses them (tests vary
// them to reach every path).
type denseLimits struct{ terms, after, rows int }

var defaultDense = denseLimits{terms: denseTerms, after: denseAfter, rows: maxDenseRows}

// groupState is what a Counter knows of one group it has counted into.
type groupState struct {
	docs int       // documents of the group this Counter has seen
	row  *denseRow // nil until the group has denseAfter documents, if rows are left
}

// state returns the Counter's state for g, giving g a dense row when it has
// earned one.
func (c *Counter) state(g *groupAcc) *groupState {
	st := c.groups[g]
	if st == nil {
		st = &groupState{}
		if c.groups == nil {
			c.groups = map[*groupAcc]*groupState{}
		}
		c.groups[g] = st
	}
	st.docs++
	if st.row == nil && st.docs >= c.dense.after && len(c.rows) < c.dense.rows {
		st.row = &denseRow{g: g, cells: make([]denseCell, c.dense.terms)}
		c.rows = append(c.rows, st.row)
	}
	return st
}

// fits makes room in the row for a document of n counted terms, flushing
// the row first if its counts could overflow, and reports whether the
// document fits at all (when not, it goes to the group's map).
func (r *denseRow) fits(n uint64) bool {
	if r.total+n > math.MaxUint32 {
		r.flush()
	}
	return n <= math.MaxUint32
}

// flush adds the row's counts to its group's map and empties it.
func (r *denseRow) flush() {
	for id := range r.cells {
		if e := &r.cells[id]; e.docs > 0 {
			t := r.g.terms[int32(id)]
			t.count += int64(e.count)
			t.docs += int64(e.docs)
			r.g.terms[int32(id)] = t
			*e = denseCell{}
		}
	}
	r.total = 0
}
