package events

import (
	"container/heap"
	"math"
	"slices"
)

// linkage configures averageLink.
type linkage struct {
	threshold float64 // least mean similarity of a merge
	minLinked float64 // least share of linked pairs in a merge
	group     []int32 // per item: its group
	span      []int32 // per item: its day number or noDay; nil: no window
	window    int32
}

// linkStat is what two clusters share: the sum of the similarities of the
// linked pairs between them, and how many pairs are linked.
type linkStat struct {
	sum float64
	n   int32
}

// averageLink clusters n items by average linkage (UPGMA) on the sparse
// similarity graph of edges, which join items of different groups only.
// Starting from singletons, the two clusters with the highest mean
// similarity over all pairs of their members from different groups (pairs
// without an edge counting 0) are merged, as long as
//
//   - that mean is at least l.threshold,
//   - at least l.minLinked of those pairs are linked by an edge (so that
//     one item resembling two stories cannot join them: after it has
//     joined one, the pairs between that story and the other are mostly
//     unlinked), and
//   - with l.span set, no two dated items of the union are more than
//     l.window days apart: the date window holds for every pair of a
//     cluster, not only for linked pairs, so that undated items cannot
//     chain stories weeks apart.
//
// It returns each item's cluster, named by its smallest member. Ties are
// broken by the clusters' smallest members, so the result depends only on
// the graph, not on the order of the edges. Only edges are ever touched:
// O(E log E), with small-to-large merging of the neighbour maps.
func averageLink(n int, edges []simEdge, l linkage) []int32 {
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	adj := make([]map[int32]linkStat, n) // cluster → neighbour cluster → what they share
	size := make([]int32, n)
	minm := make([]int32, n)
	ver := make([]int32, n)
	for i := range size {
		size[i], minm[i] = 1, int32(i)
	}
	var lo, hi []int32 // per cluster: earliest and latest dated item
	if l.span != nil {
		lo, hi = slices.Clone(l.span), slices.Clone(l.span)
		for i := range hi {
			if hi[i] == noDay {
				lo[i], hi[i] = math.MaxInt32, math.MinInt32
			}
		}
	}
	add := func(m map[int32]linkStat, k int32, st linkStat) {
		old := m[k]
		m[k] = linkStat{old.sum + st.sum, old.n + st.n}
	}
	for _, e := range edges {
		if adj[e.a] == nil {
			adj[e.a] = map[int32]linkStat{}
		}
		if adj[e.b] == nil {
			adj[e.b] = map[int32]linkStat{}
		}
		add(adj[e.a], e.b, linkStat{e.sim, 1})
		add(adj[e.b], e.a, linkStat{e.sim, 1})
	}
	gc := make([]map[int32]int32, n) // per cluster: members per group
	groupCount := func(x int32) map[int32]int32 {
		if gc[x] == nil {
			gc[x] = map[int32]int32{l.group[x]: 1}
		}
		return gc[x]
	}
	cross := func(x, y int32) float64 { // pairs of members from different groups
		gx, gy := groupCount(x), groupCount(y)
		if len(gx) > len(gy) {
			gx, gy = gy, gx
		}
		p := int64(size[x]) * int64(size[y])
		for g, k := range gx {
			p -= int64(k) * int64(gy[g])
		}
		return float64(p)
	}
	h := &linkHeap{}
	push := func(x, y int32, st linkStat) {
		pairs := cross(x, y)
		if pairs <= 0 {
			return
		}
		avg := st.sum / pairs
		if avg < l.threshold || float64(st.n) < l.minLinked*pairs {
			return
		}
		if l.span != nil && int64(max(hi[x], hi[y]))-int64(min(lo[x], lo[y])) > int64(l.window) {
			return
		}
		a, b := minm[x], minm[y]
		if a > b {
			a, b = b, a
		}
		heap.Push(h, linkCand{avg, x, y, ver[x], ver[y], a, b})
	}
	for x := range adj {
		for y, st := range adj[x] {
			if int32(x) < y {
				push(int32(x), y, st)
			}
		}
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for h.Len() > 0 {
		cd := heap.Pop(h).(linkCand)
		x, y := cd.x, cd.y
		if parent[x] != x || parent[y] != y || ver[x] != cd.vx || ver[y] != cd.vy {
			continue
		}
		if len(adj[x]) < len(adj[y]) {
			x, y = y, x
		}
		// Merge y into x.
		delete(adj[x], y)
		for k, st := range adj[y] {
			if k == x {
				continue
			}
			add(adj[x], k, st)
			add(adj[k], x, st)
			delete(adj[k], y)
		}
		adj[y] = nil
		gx, gy := groupCount(x), groupCount(y)
		if len(gx) < len(gy) {
			gx, gy = gy, gx
		}
		for g, k := range gy {
			gx[g] += k
		}
		gc[x], gc[y] = gx, nil
		parent[y] = x
		size[x] += size[y]
		minm[x] = min(minm[x], minm[y])
		if l.span != nil {
			lo[x], hi[x] = min(lo[x], lo[y]), max(hi[x], hi[y])
		}
		ver[x]++
		for k, st := range adj[x] {
			push(x, k, st)
		}
	}
	label := make([]int32, n)
	for i := range label {
		label[i] = minm[find(int32(i))]
	}
	return label
}

type linkCand struct {
	avg    float64
	x, y   int32
	vx, vy int32
	lo, hi int32 // the clusters' smallest members, for ties
}

type linkHeap []linkCand

func (h linkHeap) Len() int { return len(h) }
func (h linkHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].lo != h[j].lo {
		return h[i].lo < h[j].lo
	}
	return h[i].hi < h[j].hi
}
func (h linkHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *linkHeap) Push(x any)   { *h = append(*h, x.(linkCand)) }
func (h *linkHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// anchorUndated gives the date window of averageLink its days (span): a
// dated document's own day, and for an undated one the day of its nearest
// dated neighbour, so that an undated document never joins a story more
// than the window from that neighbour (docs/events.md, "Undated
// documents"):
//
//   - A document dated to a month only (YYYY-MM, as a URL such as
//     /2017/04/ gives) first loses its links to dated documents outside
//     that month widened by the window on each side (the returned edges
//     are the kept ones, in their order).
//   - An undated document's nearest dated neighbour is the dated document
//     it is most similar to: the kept link of highest similarity, ties to
//     the neighbour of lower position. Its span is that neighbour's day.
//   - An undated document with no link to a dated document has no day
//     (noDay); it can join a story only through other documents, whose
//     days then bind every merge.
//
// Because averageLink's window holds for every pair of days in a cluster,
// an undated document cannot bridge stories more than the window apart.
func anchorUndated(docs []*eventDoc, edges []simEdge, window int32) ([]simEdge, []int32) {
	span := make([]int32, len(docs))
	month := map[int32][2]int32{} // month-dated document → its first and last day
	for i, d := range docs {
		span[i] = noDay
		if d.dated {
			span[i] = d.day
		} else if dd := parseDocDate(d.date); dd.month > 0 {
			month[int32(i)] = [2]int32{dayOf(dd.year, dd.month, 1), dayOf(dd.year, dd.month, daysIn(dd.year, dd.month))}
		}
	}
	if len(month) > 0 {
		outside := func(m, o int32) bool {
			r, ok := month[m]
			return ok && docs[o].dated && (docs[o].day < r[0]-window || docs[o].day > r[1]+window)
		}
		kept := edges[:0:0]
		for _, e := range edges {
			if !outside(e.a, e.b) && !outside(e.b, e.a) {
				kept = append(kept, e)
			}
		}
		edges = kept
	}
	best := make([]simEdge, len(docs)) // per undated document: its link to the nearest dated one
	for i := range best {
		best[i].a = -1
	}
	note := func(u, d int32, sim float64) {
		b := &best[u]
		if b.a < 0 || sim > b.sim || (sim == b.sim && d < b.a) {
			b.a, b.sim = d, sim
		}
	}
	for _, e := range edges {
		da, db := docs[e.a].dated, docs[e.b].dated
		switch {
		case da && !db:
			note(e.b, e.a, e.sim)
		case db && !da:
			note(e.a, e.b, e.sim)
		}
	}
	for i, b := range best {
		if !docs[i].dated && b.a >= 0 {
			span[i] = docs[b.a].day
		}
	}
	return edges, span
}
