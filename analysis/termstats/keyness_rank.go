package termstats

import (
	"cmp"
	"slices"
)

// keyMerge yields the tested terms of k in rank order: the rows of k.used,
// and the terms of each absent class, merged by (z descending, id). A class
// is started — its terms listed — only when its z could rank its first term
// next, so a caller that stops at the top terms starts none or few. The
// terms of classes with different z never interleave, so the heap seldom
// holds more than one class.
type keyMerge struct {
	k       *KeyTerms
	u       int           // next row of k.used
	pending int           // next class of k.absent to start (they are ranked by z)
	heap    []classCursor // the started classes, the one ranking first at the top
	inUse   []uint64      // bit id: the target uses term id (built on first start)
	byClass [][]int32     // against groups: the candidate terms of each absent class
}

// classCursor walks the terms of one absent class, ascending: row holds the
// class's statistics and the term it is at, ids the terms after it.
type classCursor struct {
	row KeyTerm
	ids []int32
}

// rankedBefore orders rows by z descending, then id (= term) ascending.
func rankedBefore(a, b *KeyTerm) bool {
	return a.LogOddsZ > b.LogOddsZ || a.LogOddsZ == b.LogOddsZ && a.ID < b.ID
}

// next returns the next row in rank order; false after the last.
func (m *keyMerge) next() (KeyTerm, bool) {
	k := m.k
	for m.pending < len(k.absent) {
		z := k.absent[m.pending].z
		if m.u < len(k.used) && k.used[m.u].LogOddsZ > z || len(m.heap) > 0 && m.heap[0].row.LogOddsZ > z {
			break // this class, and every later one, ranks after the next candidate
		}
		m.start(m.pending)
		m.pending++
	}
	if len(m.heap) == 0 || m.u < len(k.used) && !rankedBefore(&m.heap[0].row, &k.used[m.u]) {
		if m.u == len(k.used) {
			return KeyTerm{}, false
		}
		m.u++
		return k.used[m.u-1], true
	}
	top := &m.heap[0]
	r := top.row
	if m.advance(top) {
		m.down(0)
	} else {
		last := len(m.heap) - 1
		m.heap[0] = m.heap[last]
		m.heap = m.heap[:last]
		m.down(0)
	}
	return r, true
}

// start puts absent class a on the heap, at its first term.
func (m *keyMerge) start(a int) {
	k := m.k
	t := k.x.t
	if m.inUse == nil {
		m.inUse = make([]uint64, (len(t.Terms)+63)/64)
		c := t.Count[k.target]
		for i, id := range c.IDs {
			if c.Counts[i] > 0 {
				m.inUse[id/64] |= 1 << (id % 64)
			}
		}
	}
	cl := &k.absent[a]
	var ids []int32
	if k.ref == nil {
		x := k.x
		c, _ := slices.BinarySearch(x.counts, cl.cw)
		ids = x.ids[x.start[c]:x.start[c+1]]
	} else {
		ids = m.candidates(a)
	}
	cur := classCursor{row: k.absentRow(cl), ids: ids}
	if !m.advance(&cur) {
		return
	}
	m.heap = append(m.heap, cur)
	m.up(len(m.heap) - 1)
}

// candidates returns the terms of the reference in absent class a (against
// groups), listing those of every class on first call.
func (m *keyMerge) candidates(a int) []int32 {
	k := m.k
	if m.byClass == nil {
		// The classes in (cw, yj) order, to find a term's class.
		keys := make([]absentKey, len(k.absent))
		pos := make([]int, len(k.absent))
		for i := range k.absent {
			keys[i], pos[i] = absentKey{k.absent[i].cw, k.absent[i].yj}, i
		}
		slices.SortFunc(pos, func(x, y int) int { return keys[x].compare(keys[y]) })
		slices.SortFunc(keys, absentKey.compare)
		m.byClass = make([][]int32, len(k.absent))
		t := k.x.t
		for id, yj := range absentTerms(t.Count[k.target], sumCounts(t, k.ref), k.minCount) {
			i, ok := slices.BinarySearchFunc(keys, absentKey{t.CorpusCount[id], yj}, absentKey.compare)
			if ok {
				m.byClass[pos[i]] = append(m.byClass[pos[i]], id)
			}
		}
	}
	return m.byClass[a]
}

// advance moves c to the next term of its class the target does not use;
// false when there is none.
func (m *keyMerge) advance(c *classCursor) bool {
	for len(c.ids) > 0 {
		id := c.ids[0]
		c.ids = c.ids[1:]
		if m.inUse[id/64]&(1<<(id%64)) == 0 {
			c.row.ID, c.row.Term = id, m.k.x.t.Terms[id]
			return true
		}
	}
	return false
}

func (m *keyMerge) up(i int) {
	h := m.heap
	for i > 0 {
		p := (i - 1) / 2
		if !rankedBefore(&h[i].row, &h[p].row) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (m *keyMerge) down(i int) {
	h := m.heap
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		best := l
		if r := l + 1; r < len(h) && rankedBefore(&h[r].row, &h[l].row) {
			best = r
		}
		if !rankedBefore(&h[best].row, &h[i].row) {
			return
		}
		h[i], h[best] = h[best], h[i]
		i = best
	}
}

// sortKeyTerms orders terms by LogOddsZ (descending), then term. Term ids
// follow the alphabetical order of terms (TermTable.Terms is sorted), so a
// tie compares ids. Small keys are sorted and each row then moved once, in
// place, which is several times faster than sorting the wide rows; rows
// that come in id order, as Keyness makes them, are sorted by radix.
func sortKeyTerms(terms []KeyTerm) {
	keys := make([]radixItem, len(terms))
	for i := range terms {
		keys[i] = radixItem{zDescKey(terms[i].LogOddsZ), terms[i].ID, int32(i)}
	}
	if slices.IsSortedFunc(keys, func(x, y radixItem) int { return cmp.Compare(x.a, y.a) }) {
		radixSort(keys) // stable: a tie keeps id order
	} else {
		slices.SortFunc(keys, func(x, y radixItem) int { return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.a, y.a)) })
	}
	// Position i receives the row now at keys[i].b: follow each cycle of
	// the permutation, marking filled positions with b = -1.
	for i := range keys {
		if keys[i].b < 0 {
			continue
		}
		held := terms[i]
		j := i
		for {
			from := int(keys[j].b)
			keys[j].b = -1
			if from == i {
				terms[j] = held
				break
			}
			terms[j] = terms[from]
			j = from
		}
	}
}
