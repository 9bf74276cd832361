package termstats

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"parallax/analysis/resample"
)

// StratumSep joins a group and its stratum into the key of a (group,
// stratum) cell: with --by, documents are counted per cell, and the
// cells are pooled at finish (Collapse, StratifiedTerms).
const StratumSep = "\x1f"

// CellKey is the key of the cell of group in stratum.
func CellKey(group, stratum string) string { return group + StratumSep + stratum }

// SplitCell returns the group and stratum of a cell key; a key without a
// stratum is its own group, stratum "".
func SplitCell(key string) (group, stratum string) {
	group, stratum, _ = strings.Cut(key, StratumSep)
	return group, stratum
}

// Strata is the design of a stratified table: the groups and strata, both
// sorted, and the cell (an index of the cell table) of each group in each
// stratum, -1 when the group has no document there.
type Strata struct {
	Groups, Strata []string
	Cell           [][]int // [group][stratum]
}

// NewStrata reads the design from a table whose groups are cell keys.
func NewStrata(cells *TermTable) *Strata {
	gi, si := map[string]int{}, map[string]int{}
	var gs, ss []string
	for _, key := range cells.Groups {
		g, s := SplitCell(key)
		if _, ok := gi[g]; !ok {
			gi[g] = 0
			gs = append(gs, g)
		}
		if _, ok := si[s]; !ok {
			si[s] = 0
			ss = append(ss, s)
		}
	}
	slices.Sort(gs)
	slices.Sort(ss)
	for i, g := range gs {
		gi[g] = i
	}
	for i, s := range ss {
		si[s] = i
	}
	st := &Strata{Groups: gs, Strata: ss, Cell: make([][]int, len(gs))}
	for g := range st.Cell {
		st.Cell[g] = make([]int, len(ss))
		for s := range st.Cell[g] {
			st.Cell[g][s] = -1
		}
	}
	for c, key := range cells.Groups {
		g, s := SplitCell(key)
		st.Cell[gi[g]][si[s]] = c
	}
	return st
}

// Collapse pools the cells of each group into one row: the table of the
// groups every unstratified measure uses, with the same terms and corpus
// totals. Counts, document frequencies, tokens and documents are sums
// (a document is in one cell).
func Collapse(cells *TermTable, st *Strata) *TermTable {
	t := &TermTable{Groups: st.Groups, Terms: cells.Terms, CorpusCount: cells.CorpusCount, CorpusDF: cells.CorpusDF,
		TotalDocs: cells.TotalDocs, TotalTokens: cells.TotalTokens}
	for g := range st.Groups {
		var cs []int
		for _, c := range st.Cell[g] {
			if c >= 0 {
				cs = append(cs, c)
			}
		}
		var docs int
		var tokens int64
		count, df := make([]SparseCounts, 0, len(cs)), make([]SparseCounts, 0, len(cs))
		for _, c := range cs {
			docs += cells.Docs[c]
			tokens += cells.Tokens[c]
			count = append(count, cells.Count[c])
			df = append(df, cells.DocFreq[c])
		}
		t.Count = append(t.Count, addSparse(count))
		t.DocFreq = append(t.DocFreq, addSparse(df))
		t.Tokens = append(t.Tokens, tokens)
		t.Docs = append(t.Docs, docs)
		t.Staff = append(t.Staff, collapseStaff(cells, cs))
	}
	return t
}

// addSparse adds sparse vectors.
func addSparse(vs []SparseCounts) SparseCounts {
	if len(vs) == 1 {
		return vs[0]
	}
	sum := map[int32]int64{}
	for _, v := range vs {
		for i, id := range v.IDs {
			sum[id] += v.Counts[i]
		}
	}
	var out SparseCounts
	for _, id := range slices.Sorted(mapsKeys(sum)) {
		out.IDs = append(out.IDs, id)
		out.Counts = append(out.Counts, sum[id])
	}
	return out
}

func mapsKeys(m map[int32]int64) func(func(int32) bool) {
	return func(yield func(int32) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// CollapseSummaries pools the per-cell summaries into per-group ones, in
// the order of st.Groups. Types (distinct terms) is taken from the
// collapsed table t.
func CollapseSummaries(cells []GroupSummary, st *Strata, t *TermTable) []GroupSummary {
	out := make([]GroupSummary, len(st.Groups))
	for g, name := range st.Groups {
		out[g] = GroupSummary{Group: name, Types: t.Count[g].Len()}
	}
	for _, c := range cells {
		name, _ := SplitCell(c.Group)
		g, _ := slices.BinarySearch(st.Groups, name)
		o := &out[g]
		o.Docs += c.Docs
		o.Sentences += c.Sentences
		o.Words += c.Words
		o.Terms += c.Terms
		o.Undated += c.Undated
		if c.MinDate != "" && (o.MinDate == "" || c.MinDate < o.MinDate) {
			o.MinDate = c.MinDate
		}
		if c.MaxDate > o.MaxDate {
			o.MaxDate = c.MaxDate
		}
	}
	return out
}

// stratumSums are one target group's per-term sums over the strata, the
// pooled statistics' ingredients (docs/measures.md, Strata).
type stratumSums struct {
	a, c       []int64   // counts in target and reference, contributing strata
	docs       []int64   // documents of the target containing the term
	e, v       []float64 // Σ E[a_k], Σ Var(a_k) (Mantel–Haenszel)
	w, wd      []float64 // Σ 1/σ_k², Σ δ_k/σ_k² (inverse-variance log-odds)
	rrN, rrD   []float64 // Σ a_k·n2_k/T_k, Σ c_k·n1_k/T_k (Mantel–Haenszel rate ratio)
	touched    []int32
	seen       []bool
	n1, n2     int64 // tokens of target and reference over the contributing strata
	contribute int   // strata where both sides have counted terms
}

func newStratumSums(v int) *stratumSums {
	return &stratumSums{a: make([]int64, v), c: make([]int64, v), docs: make([]int64, v), e: make([]float64, v),
		v: make([]float64, v), w: make([]float64, v), wd: make([]float64, v), rrN: make([]float64, v),
		rrD: make([]float64, v), seen: make([]bool, v)}
}

func (s *stratumSums) reset() {
	for _, id := range s.touched {
		s.a[id], s.c[id], s.docs[id] = 0, 0, 0
		s.e[id], s.v[id], s.w[id], s.wd[id], s.rrN[id], s.rrD[id] = 0, 0, 0, 0, 0, 0
		s.seen[id] = false
	}
	s.touched = s.touched[:0]
	s.n1, s.n2, s.contribute = 0, 0, 0
}

// addStratum adds one stratum's 2×2 tables, one per term of the stratum:
// target counts tc (documents tdf) of n1 tokens, reference counts rc of n2
// tokens, stratum corpus counts sc of N tokens (the prior's c_w and N).
func (s *stratumSums) addStratum(tc, tdf, rc, sc SparseCounts, n1, n2, n int64) {
	s.n1 += n1
	s.n2 += n2
	s.contribute++
	prior := dirichletPrior{s: float64(n), n: n}
	tcur, dcur, rcur := sparseCursor{v: tc}, sparseCursor{v: tdf}, sparseCursor{v: rc}
	t := float64(n1 + n2)
	for i, id := range sc.IDs {
		cw := sc.Counts[i]
		a, c := tcur.get(id), rcur.get(id)
		if a+c == 0 || cw >= n {
			continue // the term is not in this comparison, or is the whole stratum
		}
		if !s.seen[id] {
			s.seen[id] = true
			s.touched = append(s.touched, id)
		}
		s.a[id] += a
		s.c[id] += c
		s.docs[id] += dcur.get(id)
		m := float64(a + c)
		s.e[id] += float64(n1) * m / t
		if t > 1 {
			s.v[id] += float64(n1) * float64(n2) * m * (t - m) / (t * t * (t - 1))
		}
		delta, sigma := prior.logOdds(a, c, n1, n2, cw)
		w := 1 / (sigma * sigma)
		s.w[id] += w
		s.wd[id] += w * delta
		s.rrN[id] += float64(a) * float64(n2) / t
		s.rrD[id] += float64(c) * float64(n1) / t
	}
}

// row is the pooled row of term id.
func (s *stratumSums) row(t *TermTable, id int32, groupDocs int) KeyTerm {
	a, c := s.a[id], s.c[id]
	cmh := 0.0
	if s.v[id] > 0 {
		d := float64(a) - s.e[id]
		cmh = d * d / s.v[id]
		if d < 0 {
			cmh = -cmh
		}
	}
	delta := s.wd[id] / s.w[id]
	sigma := 1 / math.Sqrt(s.w[id])
	lr := math.NaN()
	if s.rrN[id] > 0 && s.rrD[id] > 0 {
		lr = math.Log2(s.rrN[id] / s.rrD[id])
	}
	return KeyTerm{
		Term: t.Terms[id], ID: id, Count: a, RefCount: c,
		Per1k: 1000 * float64(a) / float64(s.n1), RefPer1k: 1000 * float64(c) / float64(s.n2),
		Docs: s.docs[id], Delta: delta, Sigma: sigma, LogOddsZ: delta / sigma,
		G2: cmh, Chi2: cmh, P: ChiSquared1Survival(math.Abs(cmh)), LogRatio: lr,
		SingleDoc: groupDocs > 1 && s.docs[id] == 1,
	}
}

// StratifiedTerms is DistinctiveTerms within strata: each group is
// compared with the rest (or opt.Vs) inside each stratum, and the strata
// are pooled per term — Cochran–Mantel–Haenszel χ² for the test (in G2
// and Chi2, signed; P and Q from it), the inverse-variance weighted mean
// of the strata's log-odds δ (Monroe et al., each stratum its own prior)
// for LogOddsZ, and log2 of the Mantel–Haenszel rate ratio for LogRatio.
// Count, RefCount and the rates are over the strata where both sides have
// counted terms. gt is the collapsed table (Collapse): GroupKeyness.Group
// indexes its groups. opt.Zeros is not supported.
func StratifiedTerms(cells, gt *TermTable, st *Strata, opt DistinctiveOptions) ([]GroupKeyness, error) {
	if opt.Zeros {
		return nil, fmt.Errorf("--zeros lists the terms a group never uses, which strata do not pool: leave out --by or --zeros")
	}
	vs := -1
	refName := "rest"
	if opt.Vs != "" {
		if vs = gt.GroupIndex(opt.Vs); vs < 0 {
			return nil, fmt.Errorf("--vs %q: no such group (groups: %s)", opt.Vs, GroupList(gt.Groups))
		}
		refName = opt.Vs
	}
	var targets []int
	for g := range gt.Groups {
		if g != vs && (opt.Target == "" || gt.Groups[g] == opt.Target) {
			targets = append(targets, g)
		}
	}
	if opt.Target != "" && len(targets) == 0 {
		return nil, fmt.Errorf("--target %q: no such group (groups: %s)", opt.Target, GroupList(gt.Groups))
	}
	if len(gt.Groups) < 2 {
		return nil, nil
	}
	if _, err := ParseCorrection(opt.Keyness.Correction); err != nil {
		return nil, err
	}
	// Per stratum: its corpus counts and tokens.
	sc := make([]SparseCounts, len(st.Strata))
	sn := make([]int64, len(st.Strata))
	for k := range st.Strata {
		var vs []SparseCounts
		for g := range st.Groups {
			if c := st.Cell[g][k]; c >= 0 {
				vs = append(vs, cells.Count[c])
				sn[k] += cells.Tokens[c]
			}
		}
		sc[k] = addSparse(vs)
	}
	out := make([]GroupKeyness, len(targets))
	// Groups are independent: each worker pools into its own sums, each
	// group into its own slot.
	parallelEach(len(targets), func() *stratumSums { return newStratumSums(len(cells.Terms)) }, func(s *stratumSums, i int) {
		out[i] = stratifiedGroup(cells, gt, st, sc, sn, targets[i], vs, refName, opt, s)
	})
	return out, nil
}

// stratifiedGroup pools the strata for target g.
func stratifiedGroup(cells, gt *TermTable, st *Strata, sc []SparseCounts, sn []int64, g, vs int, refName string, opt DistinctiveOptions, s *stratumSums) GroupKeyness {
	s.reset()
	gk := GroupKeyness{Group: g, Reference: refName}
	for k := range st.Strata {
		c := st.Cell[g][k]
		if c < 0 || cells.Tokens[c] == 0 {
			continue
		}
		n1 := cells.Tokens[c]
		var rc SparseCounts
		var n2 int64
		if vs >= 0 {
			r := st.Cell[vs][k]
			if r < 0 {
				continue
			}
			rc, n2 = cells.Count[r], cells.Tokens[r]
		} else {
			rc = subtractSparse(sc[k], cells.Count[c])
			n2 = sn[k] - n1
		}
		if n2 == 0 {
			continue
		}
		s.addStratum(cells.Count[c], cells.DocFreq[c], rc, sc[k], n1, n2, sn[k])
	}
	if s.contribute == 0 {
		gk.NA = fmt.Sprintf("%q shares no stratum with its reference: n/a.", gt.Groups[g])
		return gk
	}
	minCount := max(opt.Keyness.MinCount, 1)
	var rows []KeyTerm
	for _, id := range s.touched {
		if s.a[id]+s.c[id] >= minCount && s.w[id] > 0 {
			rows = append(rows, s.row(gt, id, gt.Docs[g]))
		}
	}
	ps := make([]float64, len(rows))
	for i := range rows {
		ps[i] = rows[i].P
	}
	for i, q := range resample.BenjaminiHochberg(ps) {
		rows[i].Q = q
	}
	slices.SortFunc(rows, func(x, y KeyTerm) int {
		return cmp.Or(cmp.Compare(y.LogOddsZ, x.LogOddsZ), strings.Compare(x.Term, y.Term))
	})
	for _, k := range rows {
		if k.LogOddsZ > 0 && k.Count > 0 && k.Docs >= opt.MinDocsFor(gt.Docs[g]) && opt.Passes(k) {
			gk.Passing++
		}
	}
	for _, k := range rows {
		if opt.Top == 0 {
			if k.Count > 0 && opt.kept(k) {
				gk.Terms = append(gk.Terms, k)
			}
			continue
		}
		if len(gk.Terms) == opt.Top || k.LogOddsZ <= 0 {
			break
		}
		if k.Count > 0 && opt.rankable(k, gt.Docs[g]) {
			gk.Terms = append(gk.Terms, k)
		}
	}
	return gk
}

// subtractSparse returns a − b, where b ≤ a entry by entry; zero entries
// are dropped.
func subtractSparse(a, b SparseCounts) SparseCounts {
	var out SparseCounts
	cur := sparseCursor{v: b}
	for i, id := range a.IDs {
		if d := a.Counts[i] - cur.get(id); d > 0 {
			out.IDs = append(out.IDs, id)
			out.Counts = append(out.Counts, d)
		}
	}
	return out
}

// parallelEach calls f(state, i) for i in [0, n) on GOMAXPROCS workers,
// each with a state of its own made by newState.
func parallelEach[S any](n int, newState func() S, f func(S, int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newState()
			for i := range next {
				f(s, i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
