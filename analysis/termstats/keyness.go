package termstats

import (
	"cmp"
	"fmt"
	"iter"
	"math"
	"slices"
	"sync"
)

// Correction names the continuity correction applied to the 2×2 keyness
// tests. Every formula is in docs/measures.md. The constants are untyped so
// that they also fill KeynessOptions.Correction, a plain string.
type Correction string

const (
	// CorrectionNone applies no correction to G² or χ². It is the default,
	// as in Rayson & Garside's log-likelihood calculator and quanteda's
	// correction = "none".
	CorrectionNone = "none"
	// CorrectionYates moves every observed cell towards its expected value
	// by min(0.5, |O−E|) — the unconditional Yates correction of R's
	// chisq.test(correct = TRUE) — before computing both χ² and G².
	// quanteda's "default" differs: it applies the 0.5 shift only when some
	// expected count is below 5 and |ad−bc| ≥ N/2.
	CorrectionYates = "yates"
	// CorrectionWilliams divides G² by Williams' (1976) q; χ² is left
	// uncorrected.
	CorrectionWilliams = "williams"
)

// Corrections lists the accepted corrections, default first.
var Corrections = []Correction{CorrectionNone, CorrectionYates, CorrectionWilliams}

// ParseCorrection reads a correction name; the empty string means
// CorrectionNone.
func ParseCorrection(s string) (Correction, error) {
	switch s {
	case "", string(CorrectionNone):
		return CorrectionNone, nil
	case string(CorrectionYates):
		return CorrectionYates, nil
	case string(CorrectionWilliams):
		return CorrectionWilliams, nil
	}
	return "", fmt.Errorf("unknown continuity correction %q (want none, yates or williams)", s)
}

// DefaultKeynessMinCount is the minimum count of a term in target plus
// reference for it to be tested, unless the caller says otherwise.
const DefaultKeynessMinCount = 3

// KeynessOptions controls Keyness.
type KeynessOptions struct {
	// PriorScale is s in the Dirichlet prior α_w = s·c_w/N (c_w the corpus
	// count of the term, N the corpus tokens), so α₀ = Σ α_w = s. 0 means
	// s = N, i.e. α_w = c_w, as in Monroe et al.'s own code.
	PriorScale float64
	// MinCount: a term is tested only if its count in target plus reference
	// is at least MinCount. Values below 1 mean 1.
	MinCount int64
	// Correction is the continuity correction of G² and χ², one of
	// Corrections; "" means none.
	Correction string
}

// DefaultKeynessOptions returns the defaults: s = N, MinCount 3, no
// continuity correction.
func DefaultKeynessOptions() KeynessOptions {
	return KeynessOptions{MinCount: DefaultKeynessMinCount, Correction: CorrectionNone}
}

// KeyTerm is one term of a keyness comparison between a target group and a
// reference (one or more other groups pooled).
type KeyTerm struct {
	Term            string
	ID              int32
	Count, RefCount int64   // y_i in the target, y_j in the reference
	Per1k, RefPer1k float64 // 1000·y/n in target and reference
	Docs            int64   // documents of the target containing the term
	// Monroe, Colaresi & Quinn (2008): log-odds ratio with informative
	// Dirichlet prior, its standard deviation and z = Delta/Sigma.
	Delta, Sigma, LogOddsZ float64
	// G2 (log-likelihood) and Chi2 (Pearson) of the 2×2 table, with the
	// chosen continuity correction, signed: negative when the term is
	// relatively rarer in the target than in the reference.
	G2, Chi2 float64
	// P is the p-value of G² on χ²(1) (ChiSquared1Survival); Q is its
	// Benjamini–Hochberg adjusted
	// value across all terms tested in this comparison.
	P, Q float64
	// LogRatio is log2 of the ratio of relative frequencies, target over
	// reference (Hardie 2014); NaN (n/a) when either count is zero.
	LogRatio float64
	// SingleDoc: all of the term's occurrences in the target come from one
	// document of a target with several, so it is flagged rather than read
	// as the group's word. In a one-document target every term would be
	// flagged, so none is: the flag would carry no information.
	SingleDoc bool
}

// Keyness compares group target with the union of the groups in ref (nil
// means every other group) over every term whose count in target plus
// reference is at least opt.MinCount: the tested terms. The result ranks
// them by LogOddsZ (descending), then Term. The prior always comes from the
// whole corpus, also when ref is a subset of the other groups.
//
// Comparing against the rest needs the table's terms grouped by corpus
// count, a sort of the whole vocabulary: to compare many groups of one
// table, make a KeynessIndex once and call its Keyness method for each.
func Keyness(t *TermTable, target int, ref []int, opt KeynessOptions) (*KeyTerms, error) {
	return NewKeynessIndex(t).Keyness(target, ref, opt)
}

// KeynessIndex runs keyness comparisons on one TermTable and holds what
// they share: the table's terms grouped by corpus count, built on first
// need. With it, a comparison costs time and memory in proportion to the
// terms its target and its reference use, not to the vocabulary. It is safe
// for concurrent use; the table must not change while it is in use.
type KeynessIndex struct {
	t    *TermTable
	once sync.Once
	// The terms of corpus count counts[c] are ids[start[c]:start[c+1]],
	// ascending; counts ascend, all ≥ 1. class[id] is the c of term id
	// (-1 for a count of 0).
	counts []int64
	start  []int32
	ids    []int32
	class  []int32
}

// NewKeynessIndex prepares keyness comparisons on t.
func NewKeynessIndex(t *TermTable) *KeynessIndex { return &KeynessIndex{t: t} }

// byCorpusCount groups the terms by corpus count, once.
func (x *KeynessIndex) byCorpusCount() *KeynessIndex {
	x.once.Do(func() {
		cw := x.t.CorpusCount
		x.ids = make([]int32, 0, len(cw))
		for id, c := range cw {
			if c > 0 {
				x.ids = append(x.ids, int32(id))
			}
		}
		slices.SortStableFunc(x.ids, func(a, b int32) int { return cmp.Compare(cw[a], cw[b]) })
		x.class = make([]int32, len(cw))
		for id := range x.class {
			x.class[id] = -1
		}
		for i, id := range x.ids {
			if i == 0 || cw[id] != cw[x.ids[i-1]] {
				x.counts = append(x.counts, cw[id])
				x.start = append(x.start, int32(i))
			}
			x.class[id] = int32(len(x.counts) - 1)
		}
		x.start = append(x.start, int32(len(x.ids)))
	})
	return x
}

// Keyness compares group target with the union of the groups in ref, as the
// function Keyness does.
func (x *KeynessIndex) Keyness(target int, ref []int, opt KeynessOptions) (*KeyTerms, error) {
	t := x.t
	refSet, err := keynessReference(t, target, ref)
	if err != nil {
		return nil, err
	}
	corr, err := ParseCorrection(opt.Correction)
	if err != nil {
		return nil, fmt.Errorf("keyness: %v", err)
	}
	s := opt.PriorScale
	if math.IsNaN(s) || math.IsInf(s, 0) || s < 0 {
		return nil, fmt.Errorf("keyness: prior scale %v must be a finite number ≥ 0", s)
	}
	if s == 0 {
		s = float64(t.TotalTokens)
	}
	ni := t.Tokens[target]
	nj := referenceTokens(t, target, ref, refSet)
	if ni <= 0 {
		return nil, fmt.Errorf("keyness: target group %q has no tokens", t.Groups[target])
	}
	if nj <= 0 {
		if ref == nil {
			return nil, fmt.Errorf("keyness: the groups other than %q have no tokens", t.Groups[target])
		}
		return nil, fmt.Errorf("keyness: reference %s has no tokens", refGroupNames(t, refSet))
	}
	k := &KeyTerms{x: x, target: target, minCount: max(opt.MinCount, 1), calc: keynessCalc{
		ni: ni, nj: nj, prior: dirichletPrior{s: s, n: t.TotalTokens}, corr: corr, flagSingle: t.Docs[target] > 1,
	}}
	if ref == nil {
		err = k.againstRest()
	} else {
		k.ref = slices.Clone(refSet)
		err = k.againstGroups()
	}
	if err != nil {
		return nil, err
	}
	sortKeyTerms(k.used)
	slices.SortFunc(k.absent, func(a, b absentClass) int {
		if c := cmp.Compare(b.z, a.z); c != 0 { // z is never NaN
			return c
		}
		return cmp.Or(cmp.Compare(a.cw, b.cw), cmp.Compare(a.yj, b.yj))
	})
	k.adjust()
	return k, nil
}

// KeyTerms is the result of a keyness comparison: every tested term with
// its statistics, ranked by LogOddsZ (descending), then term. Used returns
// the terms the target uses; All yields every tested term.
//
// A group uses a small part of a large vocabulary, and the statistics of a
// term it never uses (count 0 in the target) depend only on the term's
// corpus count c_w and reference count y_j (c_w itself when the reference
// is every other group). So such terms are not stored one by one: each
// (c_w, y_j) is one class sharing one row of statistics, whose terms All
// merges in among the others as it goes. A comparison costs memory for the
// terms the target uses and one row per class, whatever the vocabulary.
type KeyTerms struct {
	x        *KeynessIndex
	target   int
	ref      []int // nil: every other group
	minCount int64
	calc     keynessCalc
	used     []KeyTerm     // tested terms with a count > 0 in the target, ranked
	absent   []absentClass // tested terms with count 0, by class, ranked by z
	n        int           // tested terms: len(used) + Σ absent[c].n
}

// absentClass is the n tested terms the target never uses whose corpus
// count is cw and reference count yj: they share every statistic.
type absentClass struct {
	cw, yj  int64
	n       int
	z, p, q float64
}

// Len is the number of tested terms: those the target uses and those it
// does not. It is the m of the Benjamini–Hochberg adjustment.
func (k *KeyTerms) Len() int {
	if k == nil {
		return 0
	}
	return k.n
}

// Used returns the tested terms the target uses (Count > 0), ranked as in
// All. The slice belongs to k: do not modify it.
func (k *KeyTerms) Used() []KeyTerm {
	if k == nil {
		return nil
	}
	return k.used
}

// All yields every tested term, ranked: those of Used with, merged in, the
// terms the target never uses (Count 0). The rows of the latter are made
// as they are yielded: ranging over All holds, beyond k, one bit per term
// of the vocabulary (and, against a subset of groups, the list of the
// reference's terms), never the rows. A class of such terms is started
// only when its z could rank its first term next, so stopping after the
// top terms costs little.
func (k *KeyTerms) All() iter.Seq[KeyTerm] {
	return func(yield func(KeyTerm) bool) {
		if k == nil {
			return
		}
		m := keyMerge{k: k}
		for {
			r, ok := m.next()
			if !ok || !yield(r) {
				return
			}
		}
	}
}

// keynessCalc computes the statistics of one term in one comparison.
type keynessCalc struct {
	ni, nj     int64 // tokens of target and reference
	prior      dirichletPrior
	corr       Correction
	flagSingle bool // the target has several documents
}

// keyTerm is the row of a term with counts yi, yj in target and reference,
// corpus count cw, in docs documents of the target; Q is left for adjust,
// Term for the caller. The caller ensures cw < N.
func (c *keynessCalc) keyTerm(id int32, yi, yj, cw, docs int64) KeyTerm {
	delta, sigma := c.prior.logOdds(yi, yj, c.ni, c.nj, cw)
	g2, chi2 := SignedG2Chi2(yi, yj, c.ni, c.nj, c.corr)
	return KeyTerm{
		ID:        id,
		Count:     yi,
		RefCount:  yj,
		Per1k:     1000 * float64(yi) / float64(c.ni),
		RefPer1k:  1000 * float64(yj) / float64(c.nj),
		Docs:      docs,
		Delta:     delta,
		Sigma:     sigma,
		LogOddsZ:  delta / sigma,
		G2:        g2,
		Chi2:      chi2,
		P:         ChiSquared1Survival(math.Abs(g2)),
		LogRatio:  LogRatio(yi, yj, c.ni, c.nj),
		SingleDoc: c.flagSingle && docs == 1,
	}
}

// absentRow is the row shared by the terms of class a, ID and Term unset.
func (k *KeyTerms) absentRow(a *absentClass) KeyTerm {
	r := k.calc.keyTerm(-1, 0, a.yj, a.cw, 0)
	r.Q = a.q
	return r
}

// addAbsent adds the class of n tested terms the target never uses, of
// corpus count cw and reference count yj.
func (k *KeyTerms) addAbsent(cw, yj int64, n int) {
	r := k.calc.keyTerm(-1, 0, yj, cw, 0)
	k.absent = append(k.absent, absentClass{cw: cw, yj: yj, n: n, z: r.LogOddsZ, p: r.P})
	k.n += n
}

// addUsed adds the row of term id, which the target uses.
func (k *KeyTerms) addUsed(id int32, yi, yj, cw, docs int64) {
	r := k.calc.keyTerm(id, yi, yj, cw, docs)
	r.Term = k.x.t.Terms[id]
	k.used = append(k.used, r)
	k.n++
}

// checkCorpusCount refuses a term that is the whole corpus (cw = N): the
// log-odds are then undefined.
func (k *KeyTerms) checkCorpusCount(id int32, cw int64) error {
	if t := k.x.t; cw >= t.TotalTokens {
		return fmt.Errorf("keyness: the corpus has one distinct term, %q; log-odds are undefined", t.Terms[id])
	}
	return nil
}

// againstRest fills k against every other group: y_j = c_w − y_i, so a
// term the target never uses is tested when c_w ≥ MinCount and its class is
// its corpus count. Only the target's own terms are visited one by one.
func (k *KeyTerms) againstRest() error {
	x := k.x.byCorpusCount()
	t := x.t
	c := t.Count[k.target]
	dfs := sparseCursor{v: t.DocFreq[k.target]}
	usedIn := make([]int32, len(x.counts)) // per corpus count: the terms of that count the target uses
	k.used = make([]KeyTerm, 0, len(c.IDs))
	for i, id := range c.IDs {
		yi := c.Counts[i]
		if yi <= 0 {
			continue
		}
		cw := t.CorpusCount[id]
		usedIn[x.class[id]]++
		if cw < k.minCount { // y_i + y_j = c_w
			continue
		}
		if err := k.checkCorpusCount(id, cw); err != nil {
			return err
		}
		k.addUsed(id, yi, cw-yi, cw, dfs.get(id))
	}
	first, _ := slices.BinarySearch(x.counts, k.minCount)
	for cl := first; cl < len(x.counts); cl++ {
		n := int(x.start[cl+1]-x.start[cl]) - int(usedIn[cl])
		if n == 0 {
			continue
		}
		cw := x.counts[cl]
		if err := k.checkCorpusCount(x.ids[x.start[cl]], cw); err != nil {
			return err
		}
		k.addAbsent(cw, cw, n)
	}
	return nil
}

// againstGroups fills k against the groups k.ref: a term the target never
// uses is tested when its reference count y_j ≥ MinCount, so only the terms
// of target and reference are visited.
func (k *KeyTerms) againstGroups() error {
	t := k.x.t
	c := t.Count[k.target]
	rc := sumCounts(t, k.ref)
	dfs := sparseCursor{v: t.DocFreq[k.target]}
	refs := sparseCursor{v: rc}
	k.used = make([]KeyTerm, 0, len(c.IDs))
	for i, id := range c.IDs {
		yi := c.Counts[i]
		if yi <= 0 {
			continue
		}
		yj := refs.get(id)
		if yi+yj < k.minCount {
			continue
		}
		cw := t.CorpusCount[id]
		if err := k.checkCorpusCount(id, cw); err != nil {
			return err
		}
		k.addUsed(id, yi, yj, cw, dfs.get(id))
	}
	var keys []absentKey
	for id, yj := range absentTerms(c, rc, k.minCount) {
		cw := t.CorpusCount[id]
		if err := k.checkCorpusCount(id, cw); err != nil {
			return err
		}
		keys = append(keys, absentKey{cw, yj})
	}
	slices.SortFunc(keys, absentKey.compare)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		k.addAbsent(keys[i].cw, keys[i].yj, j-i)
		i = j
	}
	return nil
}

// absentKey is the class of a term the target never uses.
type absentKey struct{ cw, yj int64 }

func (a absentKey) compare(b absentKey) int {
	return cmp.Or(cmp.Compare(a.cw, b.cw), cmp.Compare(a.yj, b.yj))
}

// absentTerms yields, ascending, the ids and reference counts of the terms
// of the reference counts rc with a count ≥ minCount there and none in the
// target counts c.
func absentTerms(c, rc SparseCounts, minCount int64) iter.Seq2[int32, int64] {
	return func(yield func(int32, int64) bool) {
		in := sparseCursor{v: c}
		for i, id := range rc.IDs {
			if yj := rc.Counts[i]; yj >= minCount && in.get(id) <= 0 {
				if !yield(id, yj) {
					return
				}
			}
		}
	}
}

// adjust sets the Benjamini–Hochberg q of every tested term. Terms with
// equal p share their q — that of the last rank of their tie, as in
// BenjaminiHochberg — so q depends only on the multiset of p-values and a
// class of absent terms enters the ranking once, with its size: its last
// rank is the rank before it plus its size.
func (k *KeyTerms) adjust() {
	// By p (pKey), ascending; a is k.used[a], or k.absent[^a] when
	// negative, b the number of terms. The order within a tie of p does
	// not matter: the tie shares the q of its last rank whatever it is.
	order := make([]radixItem, 0, len(k.used)+len(k.absent))
	for i := range k.absent {
		order = append(order, radixItem{pKey(k.absent[i].p), ^int32(i), int32(k.absent[i].n)})
	}
	for i := range k.used {
		order = append(order, radixItem{pKey(k.used[i].P), int32(i), 1})
	}
	radixSort(order)
	m := float64(k.n)
	running := 1.0
	last := k.n // the rank of the last term of order[i]
	for i := len(order) - 1; i >= 0; i-- {
		r := order[i]
		p := math.Float64frombits(r.key)
		running = min(running, p*(m/float64(last))) // m/last ≥ 1 exactly, so q ≥ p
		if r.a >= 0 {
			k.used[r.a].Q = running
		} else {
			k.absent[^r.a].q = running
		}
		last -= int(r.b)
	}
}

// referenceTokens is the reference's total of counted terms: N − n_i when
// ref is nil (every other group), else the sum over refSet.
func referenceTokens(t *TermTable, target int, ref, refSet []int) int64 {
	if ref == nil {
		return t.TotalTokens - t.Tokens[target]
	}
	var total int64
	for _, g := range refSet {
		total += t.Tokens[g]
	}
	return total
}

// sumCounts returns the counts of the groups gs added up, as one sparse
// vector (the group's own when there is one).
func sumCounts(t *TermTable, gs []int) SparseCounts {
	if len(gs) == 1 {
		return t.Count[gs[0]]
	}
	type cell struct {
		id int32
		y  int64
	}
	var cells []cell
	for _, g := range gs {
		c := t.Count[g]
		for i, id := range c.IDs {
			cells = append(cells, cell{id, c.Counts[i]})
		}
	}
	slices.SortFunc(cells, func(a, b cell) int { return cmp.Compare(a.id, b.id) })
	var sum SparseCounts
	for _, c := range cells {
		if n := len(sum.IDs); n > 0 && sum.IDs[n-1] == c.id {
			sum.Counts[n-1] += c.y
			continue
		}
		sum.IDs, sum.Counts = append(sum.IDs, c.id), append(sum.Counts, c.y)
	}
	return sum
}

// sparseCursor reads a SparseCounts at ascending ids in one forward pass.
type sparseCursor struct {
	v SparseCounts
	k int
}

// get returns the count at id; ids must not decrease between calls.
func (c *sparseCursor) get(id int32) int64 {
	for c.k < len(c.v.IDs) && c.v.IDs[c.k] < id {
		c.k++
	}
	if c.k < len(c.v.IDs) && c.v.IDs[c.k] == id {
		return c.v.Counts[c.k]
	}
	return 0
}

// keynessReference checks target and ref and returns the reference groups:
// ref itself, or every group but target when ref is nil.
func keynessReference(t *TermTable, target int, ref []int) ([]int, error) {
	ng := len(t.Groups)
	if target < 0 || target >= ng {
		return nil, fmt.Errorf("keyness: target group index %d out of range (%d groups)", target, ng)
	}
	if ref == nil {
		if ng < 2 {
			return nil, fmt.Errorf("keyness: group %q has no other group to compare with", t.Groups[target])
		}
		all := make([]int, 0, ng-1)
		for g := range ng {
			if g != target {
				all = append(all, g)
			}
		}
		return all, nil
	}
	if len(ref) == 0 {
		return nil, fmt.Errorf("keyness: empty reference for group %q", t.Groups[target])
	}
	seen := make(map[int]bool, len(ref))
	for _, g := range ref {
		switch {
		case g < 0 || g >= ng:
			return nil, fmt.Errorf("keyness: reference group index %d out of range (%d groups)", g, ng)
		case g == target:
			return nil, fmt.Errorf("keyness: group %q is both target and reference", t.Groups[g])
		case seen[g]:
			return nil, fmt.Errorf("keyness: reference group %q given twice", t.Groups[g])
		}
		seen[g] = true
	}
	return ref, nil
}

// refGroupNames names groups for messages: "group "a"" or "groups "a", "b"".
func refGroupNames(t *TermTable, gs []int) string {
	if len(gs) == 1 {
		return fmt.Sprintf("group %q", t.Groups[gs[0]])
	}
	s := "groups "
	for k, g := range gs {
		if k > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", t.Groups[g])
	}
	return s
}
