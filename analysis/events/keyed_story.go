package events

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"maps"
	"math"
	"slices"
)

// local builds the article level of a few documents (a component's, a
// story's): their nodes sorted by ordinal, a dictionary of the rare
// features they hold (their kept ones, and extra: hash → df) in hash
// order, so that local ranks order as global ones do. Every feature in
// it is rare.
func (c *Collector) local(s Scale, nodes []Node, extra map[uint64]int32) *eventArticles {
	slices.SortFunc(nodes, func(x, y Node) int { return cmp.Compare(x.Index, y.Index) })
	dfs := map[uint64]int32{}
	maps.Copy(dfs, extra)
	for _, n := range nodes {
		for i, h := range n.Rare {
			dfs[h] = n.DF[i]
		}
	}
	a := &eventArticles{pos: map[int]int32{}, keys: map[int32]string{}, idfTab: s.idf, cap: s.Cap}
	a.hash = slices.Sorted(maps.Keys(dfs))
	a.nfeat = len(a.hash)
	a.df = make([]int32, len(a.hash))
	a.multi = make([]bool, len(a.hash))
	rank := make(map[uint64]int32, len(a.hash))
	for r, h := range a.hash {
		a.df[r], a.multi[r], rank[h] = dfs[h], true, int32(r)
	}
	gids := map[string]int32{}
	for _, n := range nodes {
		if _, ok := gids[n.Group]; !ok {
			gids[n.Group] = int32(len(gids))
		}
	}
	for i, n := range nodes {
		d := &eventDoc{index: n.Index, id: n.ID, group: n.Group, title: n.Title, date: n.Date, sentences: n.Sentences}
		d.day, d.dated = n.Day()
		rare := make([]int32, len(n.Rare))
		kept := make([]uint32, len(n.Rare))
		for k, h := range n.Rare {
			rare[k] = rank[h]
			kept[k] = uint32(rank[h])
			a.keys[rank[h]] = n.Keys[k]
		}
		slices.Sort(kept)
		a.localKept = append(a.localKept, kept)
		a.docs = append(a.docs, d)
		a.pos[n.Index] = int32(i)
		a.rare = append(a.rare, rare)
		a.norm = append(a.norm, n.Norm)
		a.gid = append(a.gid, gids[n.Group])
	}
	return a
}

// localRank returns the local rank of a hash in a.
func (a *eventArticles) localRank(h uint64) int32 {
	r, _ := slices.BinarySearch(a.hash, h)
	return int32(r)
}

// StoryDraft is a story found in a component, before it is numbered.
type StoryDraft struct {
	Members  []int    // ordinals, ascending
	Features []uint64 // most characteristic first
	Name     string
	Groups   int
	Score    []float64 // per member
	Links    []int
}

// Cluster finds the stories of one connected component of the link
// graph, from its documents' nodes and its edges (buildStories: the date
// window's anchors, average linkage, the stories' features, names,
// scores and links). Average linkage merges only along edges, so a
// component clusters as it does among every document.
func (c *Collector) Cluster(s Scale, nodes []Node, edges []Edge) []StoryDraft {
	a := c.local(s, nodes, nil)
	for _, e := range edges {
		a.edges = append(a.edges, simEdge{a.pos[e.A], a.pos[e.B], e.Sim, e.Shared})
	}
	slices.SortFunc(a.edges, func(x, y simEdge) int {
		if x.a != y.a {
			return cmp.Compare(x.a, y.a)
		}
		return cmp.Compare(x.b, y.b)
	})
	c.buildStories(a)
	out := make([]StoryDraft, len(a.stories))
	for k, st := range a.stories {
		d := &out[k]
		for _, m := range st.docs {
			d.Members = append(d.Members, a.docs[m].index)
		}
		for _, r := range st.features {
			d.Features = append(d.Features, a.hash[r])
		}
		d.Name, d.Groups, d.Score, d.Links = st.name, st.groups, st.score, st.links
	}
	return out
}

// StoryIDs numbers the stories of the whole corpus as buildStories does:
// largest first, then by first member. It returns each draft's id,
// indexed as drafts.
func StoryIDs(drafts []StoryDraft) []string {
	order := make([]int, len(drafts))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		if c := cmp.Compare(len(drafts[y].Members), len(drafts[x].Members)); c != 0 {
			return c
		}
		return cmp.Compare(drafts[x].Members[0], drafts[y].Members[0])
	})
	ids := make([]string, len(drafts))
	for k, i := range order {
		ids[i] = fmt.Sprintf("story-%d", k+1)
	}
	return ids
}

// StoryRank is the place of a story id in the stories' order.
func StoryRank(id string) int {
	var k int
	fmt.Sscanf(id, "story-%d", &k)
	return k
}

// Member is a story's document with what its figures read: its node, the
// rare features of its whole text (hash → df) and its text, if kept.
type Member struct {
	Node    Node
	Rare    map[uint64]int32
	Text    TextRecord
	HasText bool
}

// StoryResult is one story's part of the result: its articles, its
// summaries, its passage events with theirs, and the passage work.
type StoryResult struct {
	Rank     int
	arts     []StoryArticle
	story    builtEvent
	passages []builtEvent
	work     int64
	cands    int64
	edges    int
}

// FinishStory computes one story's figures and passage events from its
// members (finishStory), with the sentences of every group (groupSents,
// for the shares).
func (c *Collector) FinishStory(s Scale, id string, d StoryDraft, ms []Member, groupSents map[string]int64) (StoryResult, error) {
	slices.SortFunc(ms, func(x, y Member) int { return cmp.Compare(x.Node.Index, y.Node.Index) })
	nodes := make([]Node, len(ms))
	extra := map[uint64]int32{}
	for i := range ms {
		nodes[i] = ms[i].Node
		maps.Copy(extra, ms[i].Rare)
	}
	a := c.local(s, nodes, extra)
	if len(a.docs) != len(d.Members) {
		return StoryResult{}, fmt.Errorf("events: story %s has %d members, %d given", id, len(d.Members), len(a.docs))
	}
	st := &story{id: id, name: d.Name, groups: d.Groups, score: d.Score, links: d.Links}
	for i, m := range d.Members {
		if a.docs[i].index != m {
			return StoryResult{}, fmt.Errorf("events: story %s: member %d missing", id, m)
		}
		st.docs = append(st.docs, int32(i))
	}
	for _, h := range d.Features {
		st.features = append(st.features, a.localRank(h))
	}
	a.stories = []*story{st}
	v := c.configured()
	v.art, v.groupSents = a, groupSents
	sc := &eventScratch{feats: map[string]int32{}}
	names := map[int32]string{}
	docs := make([]*storyDoc, len(ms))
	for i := range ms {
		if !ms[i].HasText {
			continue
		}
		t := ms[i].Text.docText()
		docs[i] = v.readStoryDoc(sc, int32(i), st, &t)
		maps.Copy(names, docs[i].names)
	}
	o := v.finishStory(0, docs, names)
	return StoryResult{Rank: StoryRank(id), arts: o.arts, story: o.built, passages: v.buildPending(o.pe),
		work: o.work, cands: o.cands, edges: o.nEdges}, nil
}

// FinishKeyed computes the result from the per-group accumulators of
// light records (merged into acc), the linking's statistics and every
// story's result (in any order), as Finish computes it from every record.
func (c *Collector) FinishKeyed(acc *Acc, st Stats, stories []StoryResult) (*Result, error) {
	if acc == nil {
		return nil, fmt.Errorf("events: FinishKeyed of a nil accumulator")
	}
	if err := c.checkAcc(acc); err != nil {
		return nil, err
	}
	v := c.view(acc)
	res := &Result{Options: c.opt, Stats: st}
	res.Groups = slices.Sorted(maps.Keys(v.groupSents))
	all := v.buildPending(v.lexiconPending())
	slices.SortFunc(stories, func(x, y StoryResult) int { return cmp.Compare(x.Rank, y.Rank) })
	for _, s := range stories {
		res.Articles = append(res.Articles, s.arts...)
		all = append(all, s.story)
		res.Stats.PassageWork += s.work
		res.Stats.PassageCandidates += s.cands
		res.Stats.PassageEdges += s.edges
	}
	for _, s := range stories {
		all = append(all, s.passages...)
	}
	res.add(all)
	return res, nil
}

// The encoding of a StoryResult: gob of its fields, unexported ones
// included.
type wireStory struct {
	Rank               int
	Arts               []StoryArticle
	Events             []wireEvent
	Work, Cands        int64
	Edges              int
	StoryEventsLeading int      // 1: Events[0] is the story's own event
	Scores             []uint64 // the articles' scores as bits (see wireSum)
}

type wireEvent struct {
	Info Info
	Sums []wireSum
}

// wireSum carries a summary's floats as bits: gob leaves out a field
// equal to 0, and so turns -0 into 0.
type wireSum struct {
	S           Summary
	Units       []SentenceRef
	Ranges      [][2]int
	Floats      [5]uint64 // Share, Tone.Mean, Tone.Low, Tone.High, ToneAll
	PassageTone []uint64  // per passage: Tone, ToneAll
}

func toWire(b builtEvent) wireEvent {
	w := wireEvent{Info: b.info}
	for _, s := range b.sums {
		ws := wireSum{S: s, Units: s.units}
		ws.Floats = [5]uint64{math.Float64bits(s.Share), math.Float64bits(s.Tone.Mean), math.Float64bits(s.Tone.Low), math.Float64bits(s.Tone.High), math.Float64bits(s.ToneAll)}
		for _, p := range s.Passages {
			ws.PassageTone = append(ws.PassageTone, math.Float64bits(p.Tone), math.Float64bits(p.ToneAll))
		}
		for _, r := range s.ranges {
			ws.Ranges = append(ws.Ranges, [2]int{r.doc, r.n})
		}
		w.Sums = append(w.Sums, ws)
	}
	return w
}

func fromWire(w wireEvent) (builtEvent, error) {
	b := builtEvent{info: w.Info}
	for _, ws := range w.Sums {
		s := ws.S
		if len(ws.PassageTone) != 2*len(s.Passages) {
			return b, fmt.Errorf("events: story result: %d passages, %d tones", len(s.Passages), len(ws.PassageTone))
		}
		s.units = ws.Units
		f := ws.Floats
		s.Share, s.Tone.Mean, s.Tone.Low, s.Tone.High = math.Float64frombits(f[0]), math.Float64frombits(f[1]), math.Float64frombits(f[2]), math.Float64frombits(f[3])
		s.ToneAll = math.Float64frombits(f[4])
		for i := range s.Passages {
			s.Passages[i].Tone = math.Float64frombits(ws.PassageTone[2*i])
			s.Passages[i].ToneAll = math.Float64frombits(ws.PassageTone[2*i+1])
		}
		for _, r := range ws.Ranges {
			s.ranges = append(s.ranges, docRange{r[0], r[1]})
		}
		b.sums = append(b.sums, s)
	}
	return b, nil
}

// MarshalBinary encodes the story's result.
func (r *StoryResult) MarshalBinary() ([]byte, error) {
	w := wireStory{Rank: r.Rank, Arts: r.arts, Work: r.work, Cands: r.cands, Edges: r.edges, StoryEventsLeading: 1}
	w.Events = append(w.Events, toWire(r.story))
	for _, a := range r.arts {
		w.Scores = append(w.Scores, math.Float64bits(a.Score))
	}
	for _, p := range r.passages {
		w.Events = append(w.Events, toWire(p))
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&w); err != nil {
		return nil, fmt.Errorf("events: story result: %w", err)
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (r *StoryResult) UnmarshalBinary(data []byte) error {
	var w wireStory
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&w); err != nil {
		return fmt.Errorf("events: story result: %w", err)
	}
	if w.StoryEventsLeading != 1 || len(w.Events) == 0 || len(w.Scores) != len(w.Arts) {
		return fmt.Errorf("events: story result without its story")
	}
	for i := range w.Arts {
		w.Arts[i].Score = math.Float64frombits(w.Scores[i])
	}
	out := StoryResult{Rank: w.Rank, arts: w.Arts, work: w.Work, cands: w.Cands, edges: w.Edges}
	for i, e := range w.Events {
		b, err := fromWire(e)
		if err != nil {
			return err
		}
		if i == 0 {
			out.story = b
		} else {
			out.passages = append(out.passages, b)
		}
	}
	*r = out
	return nil
}

// RareOf returns the rare features among a document's (hashes), with
// their document frequencies, from the dictionary parts holding them.
func (s Scale) RareOf(d *DictAcc, hashes []uint64, into map[uint64]int32) {
	for _, h := range hashes {
		if df, multi, ok := d.Lookup(h); ok && s.Rare(df, multi) {
			into[h] = df
		}
	}
}
