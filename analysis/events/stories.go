package events

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// eventArticles is the article level, computed once after the pass.
type eventArticles struct {
	docs   []*eventDoc // by Doc.Index
	pos    map[int]int32
	nfeat  int      // features in the dictionary
	rankOf []uint32 // by dictionary id: the feature's rank
	// localKept, for the article level of a few documents built without
	// an accumulator (local, keyed story linking): per document position,
	// its kept features as ranks, ascending.
	localKept [][]uint32
	hash      []uint64         // by rank: the feature's hash, ascending
	keys      map[int32]string // by rank: the key of every feature some document kept
	df        []int32          // by rank
	multi     []bool           // by rank: documents of at least two groups hold it
	idfTab    []float64        // by document frequency, up to cap: ln((1+D)/(1+df)) + 1
	cap       int
	rare      [][]int32 // per document: its rare features' ranks, ascending
	norm      []float64 // per document: ‖rare feature vector‖
	gid       []int32   // per document: its group, numbered by name
	edges     []simEdge
	stories   []*story
	inStory   []int32 // per document: its story's index, or -1
	stats     Stats
}

// story is a reported cluster of documents.
type story struct {
	id       string
	docs     []int32 // positions, ascending
	features []int32 // ranks, most characteristic first (at most 10)
	name     string
	groups   int
	score    []float64 // per document: mean similarity to the others
	links    []int
}

// simEdge links two items with their similarity and shared features.
type simEdge struct {
	a, b   int32
	sim    float64
	shared int32
}

func (c *Collector) workers() int {
	if c.opt.Workers > 0 {
		return c.opt.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// isRare reports whether a feature finds candidates and enters scores:
// found in 2 to cap documents, of at least two groups (a feature of one
// group only is the outlet's style — "Mr Trump", a reporter's sign-off —
// and could only link an outlet's articles with each other).
func (a *eventArticles) isRare(r int32) bool {
	return a.df[r] >= 2 && int(a.df[r]) <= a.cap && a.multi[r]
}

// rankOfHash finds the rank of a feature's hash by interpolation search:
// the hashes are uniform, so a few probes suffice.
func (a *eventArticles) rankOfHash(h uint64) (int32, bool) {
	lo, hi := 0, len(a.hash)-1
	for probes := 0; lo <= hi; probes++ {
		if h < a.hash[lo] || h > a.hash[hi] {
			return 0, false
		}
		mid := lo + (hi-lo)/2
		if probes < 4 && a.hash[hi] > a.hash[lo] {
			f := float64(h-a.hash[lo]) / float64(a.hash[hi]-a.hash[lo])
			mid = lo + min(int(f*float64(hi-lo)), hi-lo)
		}
		switch {
		case a.hash[mid] < h:
			lo = mid + 1
		case a.hash[mid] > h:
			hi = mid - 1
		default:
			return int32(mid), true
		}
	}
	return 0, false
}

// idf is a rare feature's weight.
func (a *eventArticles) idf(r int32) float64 { return a.idfTab[a.df[r]] }

// idf2 is idf(r)², rounded as a float64 (never fused into a later
// addition), so that every sum of them adds the same numbers.
func (a *eventArticles) idf2(r int32) float64 {
	w := a.idf(r)
	return float64(w * w)
}

// freeze computes the article level from c.acc, which it leaves as it
// was. Called once, by Finish.
func (c *Collector) freeze() {
	acc := c.acc
	a := &eventArticles{pos: map[int]int32{}}
	c.art = a
	// The documents in input order, each with its kept features as ranks
	// (below): copies, so that the accumulator stays as it was.
	a.docs = make([]*eventDoc, len(acc.docs))
	for i, d := range acc.docs {
		nd := *d
		a.docs[i] = &nd
	}
	sort.Slice(a.docs, func(i, j int) bool { return a.docs[i].index < a.docs[j].index })
	for i, d := range a.docs {
		a.pos[d.index] = int32(i)
	}
	D := len(a.docs)
	gids := map[string]int32{}
	for _, g := range slices.Sorted(maps.Keys(c.groupSents)) {
		gids[g] = int32(len(gids))
	}
	a.gid = make([]int32, D)
	for i, d := range a.docs {
		a.gid[i] = gids[d.group]
	}
	st := &a.stats
	st.Docs = D
	st.TextDocs, st.TextBytes = acc.texts.docs, acc.texts.bytes

	// Ranks: every feature in hash order.
	all := make([]uint32, len(acc.feats)) // ids by rank
	for i := range all {
		all[i] = uint32(i)
	}
	slices.SortFunc(all, func(x, y uint32) int { return cmp.Compare(acc.feats[x].hash, acc.feats[y].hash) })
	rankOf := make([]uint32, len(all)) // by id
	a.rankOf = rankOf
	a.nfeat = len(all)
	a.hash = make([]uint64, len(all))
	a.keys = map[int32]string{}
	a.df = make([]int32, len(all))
	a.multi = make([]bool, len(all))
	for r, id := range all {
		f := &acc.feats[id]
		rankOf[id] = uint32(r)
		a.hash[r] = f.hash
		a.df[r] = f.df
		a.multi[r] = f.group == multiGroup
		if k, ok := acc.keys[id]; ok {
			a.keys[int32(r)] = k
		}
	}
	all = nil
	st.Features = len(acc.feats)
	a.cap = rareCap(D, c.opt.RareFraction, c.opt.MaxRareDF)
	a.idfTab = make([]float64, max(a.cap, 0)+1)
	for df := range a.idfTab {
		a.idfTab[df] = math.Log(float64(1+D)/float64(1+df)) + 1
	}
	st.RareCap = a.cap

	// Each document's rare features, as ranks: its kept features are read
	// back (from the spill file past FeatureMemory) one document at a time,
	// and only the rare ones stay in memory.
	a.rare = make([][]int32, D)
	a.norm = make([]float64, D)
	rareSeen := map[int32]bool{}
	var ranks []uint32
	for i, d := range a.docs {
		ranks = a.keptRanks(acc, d, ranks[:0])
		st.KeptFeatures += int64(len(ranks))
		var rare []int32
		var n2 float64
		for _, r := range ranks {
			if a.isRare(int32(r)) {
				rare = append(rare, int32(r))
				n2 += a.idf(int32(r)) * a.idf(int32(r))
				rareSeen[int32(r)] = true
			}
		}
		a.rare[i], a.norm[i] = rare, math.Sqrt(n2)
		if d.dated {
			st.Dated++
		}
	}
	st.RareFeatures = len(rareSeen)
	a.edges = c.linkDocuments(a)
	st.Edges = len(a.edges)
	c.buildStories(a)
	st.Stories = len(a.stories)
}

// keptRanks appends a document's kept features to buf as ranks,
// ascending.
func (a *eventArticles) keptRanks(acc *Acc, d *eventDoc, buf []uint32) []uint32 {
	if a.localKept != nil {
		return append(buf, a.localKept[a.pos[d.index]]...)
	}
	n := len(buf)
	buf = acc.featsOf(d, buf)
	for k := n; k < len(buf); k++ {
		buf[k] = a.rankOf[buf[k]]
	}
	slices.Sort(buf[n:])
	return buf
}

// rareCap is the largest document frequency of a rare feature:
// max(2, ⌊fraction·D⌋), at most maxDF (when positive), and never more than
// a quarter of the documents — in a corpus of fewer than 8 documents no
// feature is rare and no story is found, since two documents of five
// sharing a word says nothing.
func rareCap(D int, fraction float64, maxDF int) int {
	c := max(2, int(math.Floor(fraction*float64(D))))
	if maxDF > 0 {
		c = max(2, min(c, maxDF))
	}
	return min(c, D/4)
}

// linkDocuments finds the linked pairs of documents through an inverted
// index of rare features: document i meets document j only if they share
// one, and, when both are dated, only if their dates are within the
// window. The work is Σ over documents and their rare features of the
// postings read, at most Σ_f df_f² (docs/events.md).
func (c *Collector) linkDocuments(a *eventArticles) []simEdge {
	D := len(a.docs)
	nr := a.nfeat
	// Postings, CSR by rank; dated documents first by (day, position), then
	// undated ones by position.
	start := make([]int64, nr+1)
	for _, rare := range a.rare {
		for _, r := range rare {
			start[r+1]++
		}
	}
	for r := 0; r < nr; r++ {
		start[r+1] += start[r]
	}
	for r := 0; r < nr; r++ {
		if n := start[r+1] - start[r]; n > 0 {
			a.stats.SumDF2 += n * n
		}
	}
	order := make([]int32, D)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		dx, dy := a.docs[x], a.docs[y]
		if dx.dated != dy.dated {
			if dx.dated {
				return -1
			}
			return 1
		}
		if dx.dated && dx.day != dy.day {
			return cmp.Compare(dx.day, dy.day)
		}
		return cmp.Compare(x, y)
	})
	pdoc := make([]int32, start[nr])
	fill := slices.Clone(start[:nr])
	dated := make([]int64, nr) // per rank: dated entries
	for _, i := range order {
		for _, r := range a.rare[i] {
			pdoc[fill[r]] = i
			fill[r]++
			if a.docs[i].dated {
				dated[r]++
			}
		}
	}
	window := int32(c.opt.Window)
	K, U := c.opt.MaxLinks, int64(c.opt.UndatedMaxDF)
	if U >= 0 {
		for r := range nr {
			if start[r+1]-start[r] > U && start[r+1]-start[r] > dated[r] {
				a.stats.UndatedCapped++
			}
		}
	}

	// Each document's neighbours: its K most similar linked documents, by
	// position.
	nbrs := make([][]neighbour, D)
	var mu sync.Mutex
	var work, cands, similar int64
	maxNbrs := 0
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for range c.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared := make([]int32, D)
			// dot[j]: Σ idf² over the features shared[j] counts, added in
			// rank order (a.rare[i] ascends) like sharedRanks adds them.
			dot := make([]float64, D)
			var touched, skippedRanks []int32
			skippedMark := make([]bool, nr) // by rank: in skippedRanks
			var es []neighbour
			var myWork, myCands, mySimilar int64
			myMax := 0
			for i := range next {
				di := a.docs[i]
				touched = touched[:0]
				var w2 float64 // idf² of the feature whose postings are read
				visit := func(lo, hi int64) {
					myWork += hi - lo
					for _, j := range pdoc[lo:hi] {
						if int(j) == i || a.gid[j] == a.gid[i] {
							continue
						}
						if shared[j] == 0 {
							touched = append(touched, j)
						}
						shared[j]++
						dot[j] += w2
					}
				}
				// skippedRanks: i's rare features too frequent to find a
				// pair with an undated document (ascending).
				skippedRanks = skippedRanks[:0]
				for _, r := range a.rare[i] {
					w2 = a.idf2(r)
					lo, hi := start[r], start[r+1]
					mid := lo + dated[r]
					wide := U < 0 || hi-lo <= U
					if !wide {
						skippedRanks = append(skippedRanks, r)
						skippedMark[r] = true
					}
					switch {
					case di.dated && window >= 0:
						from := lo + int64(sort.Search(int(mid-lo), func(k int) bool { return a.docs[pdoc[lo+int64(k)]].day >= di.day-window }))
						to := lo + int64(sort.Search(int(mid-lo), func(k int) bool { return a.docs[pdoc[lo+int64(k)]].day > di.day+window }))
						visit(from, to)
					case di.dated:
						visit(lo, mid)
					}
					if wide {
						if di.dated {
							visit(mid, hi)
						} else {
							visit(lo, hi)
						}
					}
				}
				slices.Sort(touched)
				skipped := int32(len(skippedRanks))
				es = es[:0]
				for _, j := range touched {
					if int(j) > i {
						myCands++
					}
					undated := !di.dated || !a.docs[j].dated
					need := int32(c.opt.MinShared)
					if undated {
						need -= skipped // those may be shared too
					}
					if shared[j] >= need {
						// The postings read found every shared feature
						// but those skipped for an undated pair: count
						// these, and merge the lists for Σ idf² (in rank
						// order) only when some are shared and the pair
						// shares enough.
						n, d := int(shared[j]), dot[j]
						extra := 0
						if undated && skipped > 0 {
							// Through the marks or by binary searches,
							// whichever reads less.
							rj := a.rare[j]
							if len(skippedRanks)*bits.Len(uint(len(rj))) > len(rj) {
								for _, r := range rj {
									if skippedMark[r] {
										extra++
									}
								}
							} else {
								for _, r := range skippedRanks {
									if _, ok := slices.BinarySearch(rj, r); ok {
										extra++
									}
								}
							}
						}
						if n+extra < c.opt.MinShared {
							if checkPostingSums != nil {
								checkPostingSums(a, int32(i), j, n+extra, math.NaN())
							}
							shared[j], dot[j] = 0, 0
							continue
						}
						if extra > 0 {
							n, d = sharedRanks(a.rare[i], a.rare[j], a)
						} else if checkPostingSums != nil {
							checkPostingSums(a, int32(i), j, n, d)
						}
						if sim, ok := c.Link(n, d, a.norm[i], a.norm[j]); ok {
							es = append(es, neighbour{j, int32(n), sim})
							if int(j) > i {
								mySimilar++
							}
						}
					}
					shared[j], dot[j] = 0, 0
				}
				for _, r := range skippedRanks {
					skippedMark[r] = false
				}
				myMax = max(myMax, len(es))
				if K >= 0 && len(es) > K {
					slices.SortFunc(es, func(x, y neighbour) int {
						if x.sim != y.sim {
							return cmp.Compare(y.sim, x.sim)
						}
						return cmp.Compare(x.j, y.j)
					})
					es = es[:K]
					slices.SortFunc(es, func(x, y neighbour) int { return cmp.Compare(x.j, y.j) })
				}
				nbrs[i] = slices.Clone(es)
			}
			mu.Lock()
			work += myWork
			cands += myCands
			similar += mySimilar
			maxNbrs = max(maxNbrs, myMax)
			mu.Unlock()
		}()
	}
	for i := range D {
		next <- i
	}
	close(next)
	wg.Wait()
	a.stats.Postings, a.stats.Candidates, a.stats.Similar, a.stats.MaxNeighbours = work, cands, similar, maxNbrs
	// A link is kept when each document is among the other's neighbours.
	var edges []simEdge
	for i, es := range nbrs {
		for _, e := range es {
			if int(e.j) <= i {
				continue
			}
			if _, ok := slices.BinarySearchFunc(nbrs[e.j], int32(i), func(x neighbour, t int32) int { return cmp.Compare(x.j, t) }); ok {
				edges = append(edges, simEdge{int32(i), e.j, e.sim, e.shared})
			}
		}
	}
	return edges
}

// checkPostingSums, set by tests, is given every pair whose shared
// features and Σ idf² linkDocuments took from the postings it read (dot
// NaN: only the count, which rejected the pair).
var checkPostingSums func(a *eventArticles, i, j int32, n int, dot float64)

// neighbour is a document linked to another, with their similarity and
// shared rare features.
type neighbour struct {
	j      int32
	shared int32
	sim    float64
}

// sharedRanks returns how many ranks two ascending lists share and Σ idf²
// over them, summed in rank order (so the result does not depend on which
// list comes first).
func sharedRanks(x, y []int32, a *eventArticles) (n int, dot float64) {
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			dot += a.idf2(x[i])
			n++
			i++
			j++
		}
	}
	return n, dot
}

// buildStories clusters the linked documents and keeps the clusters of at
// least two documents from at least two groups, largest first.
func (c *Collector) buildStories(a *eventArticles) {
	D := len(a.docs)
	var span []int32
	if c.opt.Window >= 0 {
		a.edges, span = anchorUndated(a.docs, a.edges, int32(c.opt.Window))
	}
	label := averageLink(D, a.edges, linkage{c.opt.LinkScore, c.opt.MinLinked, a.gid, span, int32(c.opt.Window)})
	members := map[int32][]int32{}
	for i, l := range label {
		members[l] = append(members[l], int32(i))
	}
	var stories []*story
	for _, ms := range members {
		if len(ms) < 2 {
			continue
		}
		groups := map[string]bool{}
		for _, m := range ms {
			groups[a.docs[m].group] = true
		}
		if len(groups) < 2 {
			continue
		}
		stories = append(stories, &story{docs: ms, groups: len(groups)})
	}
	slices.SortFunc(stories, func(x, y *story) int {
		if c := cmp.Compare(len(y.docs), len(x.docs)); c != 0 {
			return c
		}
		return cmp.Compare(x.docs[0], y.docs[0])
	})
	a.inStory = make([]int32, D)
	for i := range a.inStory {
		a.inStory[i] = -1
	}
	for k, s := range stories {
		s.id = fmt.Sprintf("story-%d", k+1)
		for _, m := range s.docs {
			a.inStory[m] = int32(k)
		}
		s.features = topShared(len(s.docs), func(yield func([]int32)) {
			for _, m := range s.docs {
				yield(a.rare[m])
			}
		}, keyer{a: a}, 10)
		s.name = featureName(keyer{a: a}, s.features, 3)
		s.score = make([]float64, len(s.docs))
		s.links = make([]int, len(s.docs))
	}
	for _, e := range a.edges {
		ka, kb := a.inStory[e.a], a.inStory[e.b]
		if ka < 0 || ka != kb {
			continue
		}
		s := stories[ka]
		ia, _ := slices.BinarySearch(s.docs, e.a)
		ib, _ := slices.BinarySearch(s.docs, e.b)
		s.score[ia] += e.sim
		s.score[ib] += e.sim
		s.links[ia]++
		s.links[ib]++
	}
	for _, s := range stories {
		for i := range s.score {
			s.score[i] /= float64(len(s.docs) - 1)
		}
	}
	a.stories = stories
}

// keyer gives the keys of features: the article level's, and those found
// in the sentences of one story (extra), which no document kept.
type keyer struct {
	a     *eventArticles
	extra map[int32]string
}

func (k keyer) key(r int32) string {
	if s, ok := k.a.keys[r]; ok {
		return s
	}
	return k.extra[r]
}

// show is a feature as printed: its key without the kind byte.
func (k keyer) show(r int32) string { return k.key(r)[1:] }

// topShared returns the features most characteristic of a set of n items
// (documents or sentences), given their rare feature lists: features held
// by at least two items, by (items holding it × idf) descending, then key.
func topShared(n int, lists func(func([]int32)), kr keyer, k int) []int32 {
	a := kr.a
	count := map[int32]int{}
	lists(func(l []int32) {
		for _, r := range l {
			count[r]++
		}
	})
	var out []int32
	for r, n := range count {
		if n >= 2 {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(x, y int32) int {
		sx, sy := float64(count[x])*a.idf(x), float64(count[y])*a.idf(y)
		if sx != sy {
			return cmp.Compare(sy, sx)
		}
		return strings.Compare(kr.key(x), kr.key(y))
	})
	return out[:min(k, len(out))]
}

// featureName joins the display forms of the first n features that add a
// word: a feature whose words all belong to features already taken
// ("khashoggi" after "jamal khashoggi") is passed over.
func featureName(kr keyer, fs []int32, n int) string {
	var parts []string
	taken := map[string]bool{}
	for _, r := range fs {
		if len(parts) == n {
			break
		}
		words := strings.Fields(kr.show(r))
		fresh := false
		for _, w := range words {
			fresh = fresh || !taken[w]
		}
		if !fresh {
			continue
		}
		for _, w := range words {
			taken[w] = true
		}
		parts = append(parts, kr.show(r))
	}
	return strings.Join(parts, ", ")
}

func featureList(kr keyer, fs []int32) []string {
	out := make([]string, len(fs))
	for i, r := range fs {
		out[i] = kr.show(r)
	}
	return out
}
