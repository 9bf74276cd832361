package events

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"parallax/analysis/resample"
)

// sentView is one sentence of a passage-level event, as the summaries
// read it.
type sentView struct {
	doc          int // Doc.Index
	docID, group string
	sent         int // 1-based
	tone         float64
	toneAll      float64
	words        bool
	frames       []keyCount
	labels       []keyCount
	text, cue    string
}

// builtEvent is an event with its summaries.
type builtEvent struct {
	info Info
	sums []Summary
}

// Result computes the events and their figures from every document
// visited: Finish of the collector's accumulator. Visit must not be called
// afterwards; later calls return the same result, and the collector lets
// go of the accumulator.
func (c *Collector) Result() (*Result, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.result != nil {
		return c.result, nil
	}
	res, err := c.Finish(c.acc)
	if err != nil {
		return nil, err
	}
	c.acc.texts.close()
	c.acc.fstore.Close()
	c.result, c.acc = res, nil
	return res, nil
}

// Finish computes the events and their figures from an accumulator of
// records mapped by this collector (or one of the same options), which it
// leaves as it was. The result depends only on the set of records added.
func (c *Collector) Finish(acc *Acc) (*Result, error) {
	if acc == nil {
		return nil, fmt.Errorf("events: Finish of a nil accumulator (the collector's result was computed already)")
	}
	if err := c.checkAcc(acc); err != nil {
		return nil, err
	}
	if err := acc.err(); err != nil {
		return nil, err
	}
	res := c.view(acc).finish()
	if err := acc.err(); err != nil {
		return nil, err
	}
	return res, nil
}

// checkAcc checks that acc was made with c's options and lexicons.
func (c *Collector) checkAcc(acc *Acc) error {
	if acc.maxPassages != c.opt.MaxPassages {
		return fmt.Errorf("events: the accumulator keeps %d passages per event × group, the collector %d: it was made with other options", acc.maxPassages, c.opt.MaxPassages)
	}
	for i := range acc.passages {
		p := &acc.passages[i]
		if int(p.event) >= len(c.events) || !c.frames.valid(p.frames) || !c.labels.valid(p.labels) {
			return fmt.Errorf("events: passage %d of document %d names an event or a lexicon key the collector does not have: the accumulator was made with other lexicons", p.sentence, p.doc)
		}
	}
	return nil
}

// view returns a collector with c's configuration that finishes acc.
func (c *Collector) view(acc *Acc) *Collector {
	v := c.configured()
	v.acc, v.groupSents = acc, map[string]int64{}
	for _, g := range acc.groups {
		v.groupSents[g.name] = g.sents
	}
	return v
}

// finish computes the result on a view.
func (c *Collector) finish() *Result {
	c.freeze()
	a := c.art
	res := &Result{Options: c.opt, Stats: a.stats}
	res.Groups = slices.Sorted(maps.Keys(c.groupSents))

	pending := c.lexiconPending()

	// Stories, and the passage events discovered in each, in parallel: one
	// story's documents are read, summed up and aligned at a time, and only
	// the sentences of passages keep their text.
	outs := make([]storyOut, len(a.stories))
	var pool sync.Pool
	pool.New = func() any { return &eventScratch{feats: map[string]int32{}} }
	parallelFor(len(a.stories), c.workers(), func(k int) {
		sc := pool.Get().(*eventScratch)
		defer pool.Put(sc)
		extra := map[int32]string{}
		docs := c.storyDocsOf(sc, a.stories[k], extra)
		outs[k] = c.finishStory(k, docs, extra)
	})
	var stories []builtEvent
	nLexicon := len(pending)
	for k := range outs {
		o := &outs[k]
		res.Articles = append(res.Articles, o.arts...)
		stories = append(stories, o.built)
		res.Stats.PassageWork += o.work
		res.Stats.PassageCandidates += o.cands
		res.Stats.PassageEdges += o.nEdges
		pending = append(pending, o.pe...)
	}
	outs = nil

	built := c.buildPending(pending)

	// Lexicon events, stories, discovered passage events.
	all := append(append(append([]builtEvent(nil), built[:nLexicon]...), stories...), built[nLexicon:]...)
	res.add(all)
	return res
}

// buildPending computes the summaries of passage-level events, in
// parallel: each event's groups sorted, each event × group summarized.
func (c *Collector) buildPending(pending []pendingEvent) []builtEvent {
	type job struct {
		event int
		group string
		views []sentView
	}
	var jobs []job
	built := make([]builtEvent, len(pending))
	for k := range pending {
		e := &pending[k]
		slices.SortFunc(e.views, func(x, y sentView) int {
			if x.doc != y.doc {
				return cmp.Compare(x.doc, y.doc)
			}
			return cmp.Compare(x.sent, y.sent)
		})
		byGroup := map[string][]sentView{}
		docs := map[int]bool{}
		for _, v := range e.views {
			byGroup[v.group] = append(byGroup[v.group], v)
			docs[v.doc] = true
		}
		e.info.Docs, e.info.Groups, e.info.Units = len(docs), len(byGroup), len(e.views)
		built[k].info = e.info
		groups := slices.Sorted(maps.Keys(byGroup))
		built[k].sums = make([]Summary, len(groups))
		for _, g := range groups {
			jobs = append(jobs, job{k, g, byGroup[g]})
		}
	}
	// Each job's slot: the groups of each event come sorted.
	next := make([]int, len(built))
	slots := make([]int, len(jobs))
	for i, j := range jobs {
		slots[i] = next[j.event]
		next[j.event]++
	}
	parallelFor(len(jobs), c.workers(), func(i int) {
		j := jobs[i]
		built[j.event].sums[slots[i]] = c.summarize(&built[j.event].info, j.group, j.views)
	})
	return built
}

// lexiconPending lists the lexicon's events with their passages.
func (c *Collector) lexiconPending() []pendingEvent {
	byEvent := make([][]sentView, len(c.events))
	for i := range c.acc.passages {
		p := &c.acc.passages[i]
		byEvent[p.event] = append(byEvent[p.event], sentView{doc: p.doc, docID: p.docID, group: p.group, sent: int(p.sentence),
			tone: p.tone, toneAll: p.toneAll, words: p.words, frames: p.frames, labels: p.labels, text: p.text, cue: p.cue})
	}
	var pending []pendingEvent
	for k := range c.events {
		e := c.events[k].ev
		info := Info{ID: e.ID, Name: e.Name, Level: LevelPassage, Source: SourceLexicon, Dates: e.Dates}
		pending = append(pending, pendingEvent{info, byEvent[k]})
	}
	return pending
}

// pendingEvent is an event with its sentences, before its summaries.
type pendingEvent struct {
	info  Info
	views []sentView
}

// passageViews lists the sentences of a discovered passage event.
func (c *Collector) passageViews(pe passageEvent, s *story, docs []*storyDoc, kr keyer) pendingEvent {
	a := c.art
	info := Info{ID: pe.id, Name: pe.name, Level: LevelPassage, Source: SourceDiscovered, Story: s.id,
		Features: featureList(kr, pe.features)}
	var views []sentView
	for _, u := range pe.units {
		d := a.docs[s.docs[u.doc]]
		cs := &docs[u.doc].cands[u.cand]
		var shared []string
		for _, r := range pe.features {
			if _, ok := slices.BinarySearch(cs.feats, r); ok {
				shared = append(shared, kr.show(r))
			}
		}
		views = append(views, sentView{doc: d.index, docID: d.id, group: d.group, sent: int(cs.si) + 1, tone: cs.tone, toneAll: cs.toneAll, words: cs.words,
			frames: cs.frames, labels: cs.labels, text: cs.text, cue: "shares " + strings.Join(shared, ", ")})
	}
	// Only the first MaxPassages of each group, in input order, are listed
	// (summarize): the others need no text.
	slices.SortFunc(views, func(x, y sentView) int {
		if x.doc != y.doc {
			return cmp.Compare(x.doc, y.doc)
		}
		return cmp.Compare(x.sent, y.sent)
	})
	if c.opt.MaxPassages >= 0 {
		shown := map[string]int{}
		for i := range views {
			v := &views[i]
			if v.text == "" {
				continue
			}
			if shown[v.group] < c.opt.MaxPassages {
				shown[v.group]++
			} else {
				v.text, v.cue = "", ""
			}
		}
	}
	return pendingEvent{info, views}
}

// storyEvent lists a story's documents and computes its summaries: every
// sentence of the story's documents counts; each document's passage is the
// sentence holding most of the story's features.
func (c *Collector) storyEvent(s *story, docs []*storyDoc) ([]StoryArticle, builtEvent) {
	a := c.art
	info := Info{ID: s.id, Name: s.name, Level: LevelArticle, Source: SourceDiscovered, Features: featureList(keyer{a: a}, s.features),
		Docs: len(s.docs), Groups: s.groups}
	var arts []StoryArticle
	byGroup := map[string][]int{} // the documents' indices in the story
	for di, m := range s.docs {
		d := a.docs[m]
		art := StoryArticle{Event: s.id, Name: s.name, Group: d.group, DocID: d.id, DocIndex: d.index, Title: d.title, Date: d.date,
			Score: s.score[di], Links: s.links[di], Sentences: int(d.sentences), StoryDocs: len(s.docs), Groups: s.groups}
		for _, r := range s.features {
			if _, ok := slices.BinarySearch(a.rare[m], r); ok {
				art.Shared = append(art.Shared, a.keys[r][1:]) // a document's kept feature: its key is known
			}
		}
		arts = append(arts, art)
		byGroup[d.group] = append(byGroup[d.group], di)
		info.Units += int(d.sentences)
	}
	var sums []Summary
	for _, g := range slices.Sorted(maps.Keys(byGroup)) {
		sum := Summary{Event: s.id, Name: s.name, Level: LevelArticle, Source: SourceDiscovered, Group: g,
			Docs: len(byGroup[g]), GroupSentences: c.groupSents[g]}
		var values []float64
		var units []int32
		var frames, labels []keyCount
		sumAll := 0.0
		for k, di := range byGroup[g] {
			d := a.docs[s.docs[di]]
			sum.Sentences += int(d.sentences)
			sum.ranges = append(sum.ranges, docRange{d.index, int(d.sentences)})
			sd := docs[di]
			if sd == nil {
				continue // no text (NeedTexts): nothing to score
			}
			for _, v := range sd.tones {
				values = append(values, v)
				units = append(units, int32(k))
			}
			sumAll += sd.toneAllSum
			sum.Masked += sd.masked
			frames = mergeCounts(frames, sd.frames)
			labels = mergeCounts(labels, sd.labels)
			if sd.best >= 0 && (c.opt.MaxPassages < 0 || len(sum.Passages) < c.opt.MaxPassages) {
				cs := &sd.cands[sd.best]
				sum.Passages = append(sum.Passages, Passage{Event: s.id, Group: g, DocID: d.id, DocIndex: d.index,
					Sentence: int(cs.si) + 1, Text: cs.text, Cue: fmt.Sprintf("holds %d of the story's features", sd.bestN), Tone: cs.tone, ToneAll: cs.toneAll, Words: cs.words})
			}
		}
		if sum.GroupSentences > 0 {
			sum.Share = float64(sum.Sentences) / float64(sum.GroupSentences)
		}
		sum.Tone = c.tone(values, units, s.id, g)
		sum.ToneAll = toneAll(sum.Tone.Mean, sumAll, len(values), sum.Masked)
		sum.Frames = topKeys(c.frames, countMap(frames), 2)
		sum.Labels = topKeys(c.labels, countMap(labels), 3)
		sums = append(sums, sum)
	}
	return arts, builtEvent{info, sums}
}

func countMap(kc []keyCount) map[int32]int64 {
	m := make(map[int32]int64, len(kc))
	for _, k := range kc {
		m[k.key] += int64(k.n)
	}
	return m
}

// tone is the mean tone of an event × group with its bootstrap interval;
// units[i] numbers the document of values[i] (ascending).
func (c *Collector) tone(values []float64, units []int32, event, group string) resample.Interval {
	sample, err := resample.NewSample(values, units)
	if err != nil {
		sample = resample.Sample{}
	}
	resamples := c.opt.Resamples
	if sample.Len() < 2 {
		resamples = 1 // no interval below 2 sentences: spare the resampling
	}
	iv := resample.Bootstrap(sample, resamples, c.opt.Seed, "events\x00"+event+"\x00"+group)
	if iv.N < 2 {
		iv.Resamples = 0
		iv.Low, iv.High = math.NaN(), math.NaN()
	}
	return iv
}

// toneAll is the mean tone with every word scored: sumAll / n, or the
// masked mean itself when no sentence's score was changed by the mask (so
// that the two are equal to the bit, whatever the order of the sums).
func toneAll(mean, sumAll float64, n, masked int) float64 {
	if masked == 0 {
		return mean
	}
	return sumAll / float64(n)
}

// parallelFor calls fn(i) for i in [0, n) on workers goroutines.
func parallelFor(n, workers int, fn func(i int)) {
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// summarize computes one passage-level event × group.
func (c *Collector) summarize(info *Info, group string, views []sentView) Summary {
	s := Summary{Event: info.ID, Name: info.Name, Level: info.Level, Source: info.Source, Group: group,
		Sentences: len(views), GroupSentences: c.groupSents[group]}
	if s.GroupSentences > 0 {
		s.Share = float64(s.Sentences) / float64(s.GroupSentences)
	}
	var values []float64
	var units []int32
	sumAll := 0.0
	frames, labels := map[int32]int64{}, map[int32]int64{}
	last := -1
	for _, v := range views {
		if v.doc != last {
			s.Docs++
			last = v.doc
		}
		s.units = append(s.units, SentenceRef{v.doc, v.sent})
		if v.words {
			values = append(values, v.tone)
			units = append(units, int32(s.Docs-1))
			sumAll += v.toneAll
			if v.toneAll != v.tone {
				s.Masked++
			}
		}
		for _, kc := range v.frames {
			frames[kc.key] += int64(kc.n)
		}
		for _, kc := range v.labels {
			labels[kc.key] += int64(kc.n)
		}
		if v.text != "" && (c.opt.MaxPassages < 0 || len(s.Passages) < c.opt.MaxPassages) {
			s.Passages = append(s.Passages, Passage{Event: info.ID, Group: group, DocID: v.docID, DocIndex: v.doc,
				Sentence: v.sent, Text: v.text, Cue: v.cue, Tone: v.tone, ToneAll: v.toneAll, Words: v.words})
		}
	}
	s.Tone = c.tone(values, units, info.ID, group)
	s.ToneAll = toneAll(s.Tone.Mean, sumAll, len(values), s.Masked)
	s.Frames = topKeys(c.frames, frames, 2)
	s.Labels = topKeys(c.labels, labels, 3)
	return s
}

// topKeys returns the n keys with most hits (ties in lexicon order).
func topKeys(k *lexKeys, counts map[int32]int64, n int) []KeyCount {
	if k == nil {
		return nil
	}
	ids := make([]int32, 0, len(counts))
	for id, c := range counts {
		if c > 0 {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(x, y int32) int {
		if c := cmp.Compare(counts[y], counts[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	var out []KeyCount
	for _, id := range ids[:min(n, len(ids))] {
		out = append(out, KeyCount{k.names[id], counts[id]})
	}
	return out
}

// add appends built events to the result, in order: their infos, their
// summaries, and the passages of the passage-level ones.
func (res *Result) add(all []builtEvent) {
	for _, b := range all {
		res.Events = append(res.Events, b.info)
		res.Summaries = append(res.Summaries, b.sums...)
		if b.info.Level == LevelPassage {
			for _, s := range b.sums {
				res.Passages = append(res.Passages, s.Passages...)
			}
		}
	}
}
