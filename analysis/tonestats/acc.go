package tonestats

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"parallax/analysis/resample"
)

// Acc accumulates DocRecords per group: the combine step. Build one with
// Collector.NewAcc (or decode one with UnmarshalBinary), feed it with Add,
// combine partial accumulators with Merge, and finish with Summarize,
// Sentences and Documents. Whatever the split of the records and the order
// of the adds and merges, the finished results are the same: documents are
// ordered by their ordinal in Finish, and every sum is taken within one
// document, in sentence order.
//
// It keeps, per document, its ordinal and sentence count (12 bytes) and
// either its sentences' scores (8 bytes per sentence and instrument) or,
// once its group is released (see Options.MaxKeptSentences), only its
// per-instrument sums; plus the texts of Options.Sentences and Documents.
type Acc struct {
	instruments []string
	budget      int  // Options.MaxKeptSentences, DefaultValueBudget for 0
	sentences   bool // Options.Sentences: texts kept, scores never released
	documents   bool // Options.Documents

	groups   map[string]*groupAcc
	total    int  // sentences added
	released bool // total > budget: large groups keep only article sums
}

// groupAcc is what an Acc keeps for one group, documents in the order they
// were added.
type groupAcc struct {
	ordinals []int
	counts   []int32 // sentences scored, per document
	// scores holds, per document in order, its sentence scores
	// (counts[i]·K) or, once released, its K sums (none for a document
	// without sentences).
	scores   []float64
	texts    []*DocText // per document; empty without text options
	maxAbs   []float64  // per instrument: the largest |score| of any sentence
	articles int        // documents with at least one sentence
	released bool
}

// NewAcc returns an empty accumulator for c's records.
func (c *Collector) NewAcc() *Acc {
	return &Acc{instruments: c.Instruments(), budget: c.budget, sentences: c.opt.Sentences,
		documents: c.opt.Documents, groups: map[string]*groupAcc{}}
}

// Instruments names the instruments of the accumulated records.
func (a *Acc) Instruments() []string { return slices.Clone(a.instruments) }

// keepsText reports whether records carry a DocText.
func (a *Acc) keepsText() bool { return a.sentences || a.documents }

// group returns the group's accumulator, creating it.
func (a *Acc) group(name string) *groupAcc {
	g := a.groups[name]
	if g == nil {
		g = &groupAcc{maxAbs: make([]float64, len(a.instruments))}
		if a.groups == nil {
			a.groups = map[string]*groupAcc{}
		}
		a.groups[name] = g
	}
	return g
}

// check says what is wrong with a record for this accumulator, if
// anything, its scores aside.
func (a *Acc) check(rec *DocRecord) error {
	switch {
	case rec.Ordinal < 0:
		return fmt.Errorf("negative ordinal %d", rec.Ordinal)
	case rec.Sentences < 0 || rec.Sentences > math.MaxInt32:
		return fmt.Errorf("sentence count %d out of range", rec.Sentences)
	case a.keepsText() != (rec.Text != nil):
		return fmt.Errorf("text present %v, but this accumulator keeps texts: %v (records and accumulator from different options)",
			rec.Text != nil, a.keepsText())
	}
	if t := rec.Text; t != nil {
		n := 0
		if a.sentences {
			n = rec.Sentences
		}
		if len(t.Texts) != n || len(t.Positive) != n || len(t.Numbers) != n {
			return fmt.Errorf("%d sentence texts, %d classes, %d numbers: want %d of each", len(t.Texts), len(t.Positive), len(t.Numbers), n)
		}
	}
	return nil
}

// Add adds one document's record. It returns an error, adding nothing, when
// the record does not fit the accumulator (another number of instruments,
// other text options).
func (a *Acc) Add(rec DocRecord) error {
	k := len(a.instruments)
	err := a.check(&rec)
	if err == nil && len(rec.Scores) != rec.Sentences*k {
		err = fmt.Errorf("%d scores for %d sentences and %d instruments", len(rec.Scores), rec.Sentences, k)
	}
	if err != nil {
		return fmt.Errorf("tone record %d of group %q: %v", rec.Ordinal, rec.Group, err)
	}
	g := a.group(rec.Group)
	g.ordinals = append(g.ordinals, rec.Ordinal)
	g.counts = append(g.counts, int32(rec.Sentences))
	if a.keepsText() {
		g.texts = append(g.texts, rec.Text)
	}
	maxAbsScores(g.maxAbs, rec.Scores)
	if g.released {
		g.scores = appendSums(g.scores, rec.Scores, k)
	} else {
		g.scores = append(g.scores, rec.Scores...)
	}
	if rec.Sentences > 0 {
		g.articles++
	}
	a.total += rec.Sentences
	if a.sentences {
		return nil // every score is kept
	}
	if !a.released && a.total > a.budget {
		a.releaseLarge()
	} else if a.released && g.articles >= resample.MinClusterUnits {
		g.release(k) // the group just became large, or was already
	}
	return nil
}

// releaseLarge marks the accumulator released and releases every group
// with at least MinClusterUnits articles. The outcome depends only on the
// totals (sentences, and each group's articles), which only grow, so every
// split and order of adds and merges ends in the same state.
func (a *Acc) releaseLarge() {
	a.released = true
	for _, g := range a.groups {
		if g.articles >= resample.MinClusterUnits {
			g.release(len(a.instruments))
		}
	}
}

// appendSums appends the k per-instrument sums of one document's scores
// (sentence-major), nothing for a document without sentences.
func appendSums(dst, scores []float64, k int) []float64 {
	if len(scores) == 0 {
		return dst
	}
	dst = append(dst, make([]float64, k)...)
	addScores(dst[len(dst)-k:], scores)
	return dst
}

// release replaces the sentence scores of the group's documents by their
// sums, once.
func (g *groupAcc) release(k int) {
	if g.released {
		return
	}
	g.released = true
	sums := make([]float64, 0, g.articles*k)
	off := 0
	for _, n := range g.counts {
		sums = appendSums(sums, g.scores[off:off+int(n)*k], k)
		off += int(n) * k
	}
	g.scores = sums
}

// docScores is the length of a document's run in groupAcc.scores.
func (g *groupAcc) docScores(n int32, k int) int {
	switch {
	case !g.released:
		return int(n) * k
	case n > 0:
		return k
	}
	return 0
}

// Merge adds other's records to a; other is not changed. Both must come
// from collectors with the same instruments and options.
func (a *Acc) Merge(other *Acc) error {
	if other == a {
		return fmt.Errorf("tone accumulator merged with itself")
	}
	if !slices.Equal(a.instruments, other.instruments) || a.budget != other.budget ||
		a.sentences != other.sentences || a.documents != other.documents {
		return fmt.Errorf("tone accumulators of different options: instruments %q and %q, budget %d and %d, sentences %v and %v, documents %v and %v",
			a.instruments, other.instruments, a.budget, other.budget, a.sentences, other.sentences, a.documents, other.documents)
	}
	k := len(a.instruments)
	for _, name := range slices.Sorted(maps.Keys(other.groups)) {
		og := other.groups[name]
		g := a.group(name)
		if og.released {
			g.release(k)
		}
		g.ordinals = append(g.ordinals, og.ordinals...)
		g.counts = append(g.counts, og.counts...)
		g.texts = append(g.texts, og.texts...)
		if g.released && !og.released {
			off := 0
			for _, n := range og.counts {
				g.scores = appendSums(g.scores, og.scores[off:off+int(n)*k], k)
				off += int(n) * k
			}
		} else {
			g.scores = append(g.scores, og.scores...)
		}
		for i, m := range og.maxAbs {
			g.maxAbs[i] = max(g.maxAbs[i], m)
		}
		g.articles += og.articles
	}
	a.total += other.total
	if !a.sentences && (a.released || other.released || a.total > a.budget) {
		a.releaseLarge()
	}
	return nil
}

// docView is one document as the finish step reads it.
type docView struct {
	group   string
	ordinal int
	n       int
	scores  []float64 // sentence scores, or the K sums when released
	text    *DocText
}

// docs returns the group's documents in load order.
func (g *groupAcc) docs(name string, k int) []docView {
	out := make([]docView, len(g.ordinals))
	off := 0
	for i, n := range g.counts {
		l := g.docScores(n, k)
		out[i] = docView{group: name, ordinal: g.ordinals[i], n: int(n), scores: g.scores[off : off+l : off+l]}
		if len(g.texts) > 0 {
			out[i].text = g.texts[i]
		}
		off += l
	}
	sortDocs(out)
	return out
}

// sortDocs puts documents in load order.
func sortDocs(docs []docView) {
	slices.SortFunc(docs, func(a, b docView) int {
		return cmp.Or(cmp.Compare(a.ordinal, b.ordinal), strings.Compare(a.group, b.group))
	})
}

// allDocs returns every document of every group in load order.
func (a *Acc) allDocs() []docView {
	var docs []docView
	for name, g := range a.groups {
		docs = append(docs, g.docs(name, len(a.instruments))...)
	}
	sortDocs(docs)
	return docs
}
