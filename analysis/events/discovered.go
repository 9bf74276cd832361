package events

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// passageEvent is a cluster of aligned sentences inside a story.
type passageEvent struct {
	story    int
	id, name string
	features []int32
	units    []sentRef
	groups   int
}

// sentRef is a candidate sentence of a story document: the document's
// index in the story and the sentence's index in its storyDoc.cands.
type sentRef struct {
	doc  int32
	cand int32
}

// alignStory finds the passage events of one story: sentences of
// different groups sharing at least PassageMinShared rare features with a
// cosine of at least PassageMinScore, clustered by average linkage. Only
// the story's sentences are compared, through an index of their rare
// features; a feature in more than PassageMaxPosting of them finds no
// candidates. Work: at most PassageMaxPosting × the story's (sentence,
// feature) pairs.
func (c *Collector) alignStory(k int, s *story, docs []*storyDoc, kr keyer) (events []passageEvent, work, cands int64, nEdges int) {
	a := c.art
	var refs []sentRef
	var feats [][]int32
	var norms []float64
	var groups []int32
	for di, m := range s.docs {
		sd := docs[di]
		if sd == nil {
			continue
		}
		for ci := range sd.cands {
			f := sd.cands[ci].feats
			if len(f) < c.opt.PassageMinShared {
				continue
			}
			var n2 float64
			for _, r := range f {
				n2 += a.idf(r) * a.idf(r)
			}
			refs = append(refs, sentRef{int32(di), int32(ci)})
			feats = append(feats, f)
			norms = append(norms, math.Sqrt(n2))
			groups = append(groups, a.gid[m])
		}
	}
	n := len(refs)
	post := map[int32][]int32{}
	for i, f := range feats {
		for _, r := range f {
			post[r] = append(post[r], int32(i))
		}
	}
	seen := make([]bool, n)
	var touched []int32
	var edges []simEdge
	for i := range n {
		touched = touched[:0]
		for _, r := range feats[i] {
			p := post[r]
			if len(p) > c.opt.PassageMaxPosting {
				continue
			}
			work += int64(len(p))
			for _, j := range p {
				if int(j) <= i || seen[j] || groups[j] == groups[i] {
					continue
				}
				seen[j] = true
				touched = append(touched, j)
			}
		}
		cands += int64(len(touched))
		slices.Sort(touched)
		for _, j := range touched {
			seen[j] = false
			sh, dot := sharedRanks(feats[i], feats[j], a)
			if sh < c.opt.PassageMinShared {
				continue
			}
			sim := dot / (norms[i] * norms[j])
			if sim >= c.opt.PassageMinScore {
				edges = append(edges, simEdge{int32(i), j, min(sim, 1), int32(sh)})
			}
		}
	}
	label := averageLink(n, edges, linkage{c.opt.PassageLinkScore, c.opt.MinLinked, groups, nil, 0})
	members := map[int32][]int32{}
	for i, l := range label {
		members[l] = append(members[l], int32(i))
	}
	for _, ms := range members {
		gs := map[int32]bool{}
		for _, m := range ms {
			gs[groups[m]] = true
		}
		if len(ms) < 2 || len(gs) < 2 {
			continue
		}
		pe := passageEvent{story: k, groups: len(gs)}
		for _, m := range ms {
			pe.units = append(pe.units, refs[m])
		}
		pe.features = topShared(len(ms), func(yield func([]int32)) {
			for _, m := range ms {
				yield(feats[m])
			}
		}, kr, 10)
		pe.name = featureName(kr, pe.features, 3)
		events = append(events, pe)
	}
	slices.SortFunc(events, func(x, y passageEvent) int {
		if c := cmp.Compare(len(y.units), len(x.units)); c != 0 {
			return c
		}
		if c := cmp.Compare(x.units[0].doc, y.units[0].doc); c != 0 {
			return c
		}
		return cmp.Compare(x.units[0].cand, y.units[0].cand)
	})
	for i := range events {
		events[i].id = fmt.Sprintf("%s-p%d", s.id, i+1)
	}
	return events, work, cands, len(edges)
}
