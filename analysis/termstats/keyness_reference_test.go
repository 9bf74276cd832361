package termstats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"parallax/analysis/resample"
)

// denseKeyness is the straightforward computation Keyness must reproduce
// exactly: every term of the vocabulary visited one by one, a row for each
// tested term, Benjamini–Hochberg over all their p-values (sorted in full),
// then all rows sorted by z (descending) and term. It is how Keyness was
// computed before terms the target never uses were grouped into classes,
// and it shares nothing with it but the formulas of one cell.
func denseKeyness(t *TermTable, target int, ref []int, opt KeynessOptions) ([]KeyTerm, error) {
	refSet, err := keynessReference(t, target, ref)
	if err != nil {
		return nil, err
	}
	corr, err := ParseCorrection(opt.Correction)
	if err != nil {
		return nil, err
	}
	s := opt.PriorScale
	if s == 0 {
		s = float64(t.TotalTokens)
	}
	minCount := max(opt.MinCount, 1)
	ni := t.Tokens[target]
	var refCounts []int64
	nj := t.TotalTokens - ni
	if ref != nil {
		refCounts = make([]int64, len(t.Terms))
		nj = 0
		for _, g := range refSet {
			nj += t.Tokens[g]
			for id := range t.Terms {
				refCounts[id] += t.Count[g].Get(int32(id))
			}
		}
	}
	if ni <= 0 || nj <= 0 {
		return nil, fmt.Errorf("empty target or reference")
	}
	prior := dirichletPrior{s: s, n: t.TotalTokens}
	var out []KeyTerm
	for id := range t.Terms {
		yi := t.Count[target].Get(int32(id))
		yj := t.CorpusCount[id] - yi
		if ref != nil {
			yj = refCounts[id]
		}
		if yi+yj < minCount {
			continue
		}
		cw := t.CorpusCount[id]
		if cw >= t.TotalTokens {
			return nil, fmt.Errorf("one distinct term")
		}
		docs := t.DocFreq[target].Get(int32(id))
		delta, sigma := prior.logOdds(yi, yj, ni, nj, cw)
		g2, chi2 := SignedG2Chi2(yi, yj, ni, nj, corr)
		out = append(out, KeyTerm{
			Term: t.Terms[id], ID: int32(id), Count: yi, RefCount: yj,
			Per1k: 1000 * float64(yi) / float64(ni), RefPer1k: 1000 * float64(yj) / float64(nj),
			Docs: docs, Delta: delta, Sigma: sigma, LogOddsZ: delta / sigma, G2: g2, Chi2: chi2,
			P: ChiSquared1Survival(math.Abs(g2)), LogRatio: LogRatio(yi, yj, ni, nj),
			SingleDoc: t.Docs[target] > 1 && docs == 1,
		})
	}
	p := make([]float64, len(out))
	for i := range out {
		p[i] = out[i].P
	}
	for i, q := range resample.BenjaminiHochberg(p) {
		out[i].Q = q
	}
	slices.SortFunc(out, func(a, b KeyTerm) int {
		if a.LogOddsZ != b.LogOddsZ {
			if a.LogOddsZ > b.LogOddsZ {
				return -1
			}
			return 1
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// sameKeyTerm says how a and b differ, "" when every field is the same,
// floats bit for bit.
func sameKeyTerm(a, b KeyTerm) string {
	if a.Term != b.Term || a.ID != b.ID || a.Count != b.Count || a.RefCount != b.RefCount || a.Docs != b.Docs || a.SingleDoc != b.SingleDoc {
		return fmt.Sprintf("term %q id %d counts %d/%d docs %d single %v, want %q id %d counts %d/%d docs %d single %v",
			a.Term, a.ID, a.Count, a.RefCount, a.Docs, a.SingleDoc, b.Term, b.ID, b.Count, b.RefCount, b.Docs, b.SingleDoc)
	}
	fa := []float64{a.Per1k, a.RefPer1k, a.Delta, a.Sigma, a.LogOddsZ, a.G2, a.Chi2, a.P, a.Q, a.LogRatio}
	fb := []float64{b.Per1k, b.RefPer1k, b.Delta, b.Sigma, b.LogOddsZ, b.G2, b.Chi2, b.P, b.Q, b.LogRatio}
	names := []string{"per1k", "ref per1k", "delta", "sigma", "z", "G2", "chi2", "p", "q", "log ratio"}
	for i := range fa {
		if math.Float64bits(fa[i]) != math.Float64bits(fb[i]) {
			return fmt.Sprintf("term %q: %s = %.17g, want %.17g", a.Term, names[i], fa[i], fb[i])
		}
	}
	return ""
}

// keynessCoverage counts what a comparison exercised, so that a test can
// check its cases reach every path.
type keynessCoverage struct {
	rows, absent       int // rows; rows with count 0
	sharedClasses      int // absent classes of more than one term
	mixedTies, zTies   int // p tied between a used and an absent term; equal z across rows
	singleDoc, notUsed int // flagged rows; comparisons with no row
}

// checkAgainstDense compares index.Keyness with denseKeyness on one case,
// row by row and exactly, together with Len, Used and the top terms, and
// adds what the case exercised to cov.
func checkAgainstDense(t *testing.T, name string, index *KeynessIndex, target int, ref []int, opt KeynessOptions, cov *keynessCoverage) {
	t.Helper()
	tab := index.t
	want, werr := denseKeyness(tab, target, ref, opt)
	kt, err := index.Keyness(target, ref, opt)
	if (err != nil) != (werr != nil) {
		t.Fatalf("%s: error %v, dense %v", name, err, werr)
	}
	if err != nil {
		return
	}
	got := slices.Collect(kt.All())
	if len(got) != len(want) || kt.Len() != len(want) {
		t.Fatalf("%s: %d rows (Len %d), dense %d", name, len(got), kt.Len(), len(want))
	}
	for i := range want {
		if d := sameKeyTerm(got[i], want[i]); d != "" {
			t.Fatalf("%s: row %d: %s", name, i, d)
		}
	}
	var used []KeyTerm
	for _, k := range want {
		if k.Count > 0 {
			used = append(used, k)
		}
	}
	if u := kt.Used(); len(u) != len(used) {
		t.Fatalf("%s: Used has %d rows, want %d", name, len(u), len(used))
	} else {
		for i := range used {
			if d := sameKeyTerm(u[i], used[i]); d != "" {
				t.Fatalf("%s: Used row %d: %s", name, i, d)
			}
		}
	}
	// The top terms as DistinctiveTerms keeps them, against the old rule:
	// scan every row, keep z > 0, used by the group and not
	// single-document (--min-docs-term 2, its default).
	for _, n := range []int{1, 5, 20} {
		var top []KeyTerm
		for _, k := range want {
			if len(top) < n && k.LogOddsZ > 0 && k.Docs > 0 && !k.SingleDoc {
				top = append(top, k)
			}
		}
		gotTop := topTerms(kt, DistinctiveOptions{Top: n}, tab.Docs[target])
		if len(gotTop) != len(top) {
			t.Fatalf("%s: top %d has %d terms, want %d", name, n, len(gotTop), len(top))
		}
		for i := range top {
			if d := sameKeyTerm(gotTop[i], top[i]); d != "" {
				t.Fatalf("%s: top %d, row %d: %s", name, n, i, d)
			}
		}
	}
	// Coverage.
	if len(want) == 0 {
		cov.notUsed++
	}
	cov.rows += len(want)
	byP := map[float64][2]int{}
	classes := map[[2]int64]int{}
	for i, k := range want {
		if k.SingleDoc {
			cov.singleDoc++
		}
		c := byP[k.P]
		if k.Count == 0 {
			cov.absent++
			c[1]++
			classes[[2]int64{tab.CorpusCount[k.ID], k.RefCount}]++
		} else {
			c[0]++
		}
		byP[k.P] = c
		if i > 0 && want[i-1].LogOddsZ == k.LogOddsZ {
			cov.zTies++
		}
	}
	for _, c := range byP {
		if c[0] > 0 && c[1] > 0 {
			cov.mixedTies++
		}
	}
	for _, n := range classes {
		if n > 1 {
			cov.sharedClasses++
		}
	}
}

// sparseRandomTable builds a table of ng groups over nt terms in which most
// cells are 0 and the others small, so that many terms share their counts:
// ties in p and z between terms a group uses and terms it does not. Group 0
// has a single document.
func sparseRandomTable(t *testing.T, rng *rand.Rand, ng, nt int) *TermTable {
	t.Helper()
	groups := make([]string, ng)
	terms := make([]string, nt)
	count := make([][]int64, ng)
	df := make([][]int64, ng)
	docs := make([]int, ng)
	for j := range terms {
		terms[j] = fmt.Sprintf("t%04d", j)
	}
	for g := range groups {
		groups[g] = fmt.Sprintf("g%d", g)
		docs[g] = 1 + rng.IntN(6)
		if g == 0 {
			docs[g] = 1
		}
		count[g] = make([]int64, nt)
		df[g] = make([]int64, nt)
		density := 0.1 + 0.5*rng.Float64()
		for j := range terms {
			if rng.Float64() > density {
				continue
			}
			y := 1 + rng.Int64N(4)
			if rng.IntN(20) == 0 {
				y = 1 + rng.Int64N(300)
			}
			count[g][j] = y
			df[g][j] = 1 + rng.Int64N(min(y, int64(docs[g])))
		}
	}
	tab, err := NewTermTableDense(groups, terms, count, df, docs)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// TestKeynessMatchesDense: on random sparse tables — several seeds, every
// correction, prior scales, minimum counts from 1 to beyond every count,
// the rest as reference and explicit subsets of one, two and all other
// groups, a one-document target — Keyness gives exactly the rows of the
// dense computation, in the same order, with the same q.
func TestKeynessMatchesDense(t *testing.T) {
	var cov keynessCoverage
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 99))
		ng := 2 + rng.IntN(6)
		tab := sparseRandomTable(t, rng, ng, 50+rng.IntN(400))
		index := NewKeynessIndex(tab)
		for target := range ng {
			others := []int{}
			for g := range ng {
				if g != target {
					others = append(others, g)
				}
			}
			refs := [][]int{nil, {others[rng.IntN(len(others))]}, others}
			if len(others) > 2 {
				rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
				refs = append(refs, others[:2])
			}
			for _, ref := range refs {
				for _, corr := range Corrections {
					for _, minCount := range []int64{0, 1, 2, 3, 7, 1 << 40} {
						for _, s := range []float64{0, 1, 37.5} {
							opt := KeynessOptions{MinCount: minCount, Correction: string(corr), PriorScale: s}
							name := fmt.Sprintf("seed %d target %d ref %v %s min %d s %g", seed, target, ref, corr, minCount, s)
							checkAgainstDense(t, name, index, target, ref, opt, &cov)
						}
					}
				}
			}
		}
	}
	t.Logf("coverage: %+v", cov)
	if cov.absent == 0 || cov.sharedClasses == 0 || cov.mixedTies == 0 || cov.zTies == 0 || cov.singleDoc == 0 || cov.notUsed == 0 {
		t.Errorf("the cases miss a path: %+v", cov)
	}
}

// TestKeynessMatchesDenseAllSides: every outlet of the AllSides sample
// against the rest, and against one other outlet, gives exactly the dense
// computation's rows.
func TestKeynessMatchesDenseAllSides(t *testing.T) {
	tab := allsidesTable(t)
	index := NewKeynessIndex(tab)
	var cov keynessCoverage
	for g := range tab.Groups {
		opt := DefaultKeynessOptions()
		if g%3 == 1 {
			opt.Correction = CorrectionYates
		}
		checkAgainstDense(t, tab.Groups[g], index, g, nil, opt, &cov)
		if g%8 == 0 {
			vs := (g + 5) % len(tab.Groups)
			checkAgainstDense(t, tab.Groups[g]+" vs "+tab.Groups[vs], index, g, []int{vs}, opt, &cov)
		}
	}
	t.Logf("coverage: %+v", cov)
	if cov.absent == 0 || cov.sharedClasses == 0 || cov.mixedTies == 0 {
		t.Errorf("the sample misses a path: %+v", cov)
	}
}

// TestKeyTermsAllStops: stopping All early, and ranging over it twice,
// gives the prefix and the same rows again.
func TestKeyTermsAllStops(t *testing.T) {
	tab := sparseRandomTable(t, rand.New(rand.NewPCG(3, 3)), 4, 300)
	kt, err := Keyness(tab, 1, nil, KeynessOptions{MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	all := slices.Collect(kt.All())
	for _, n := range []int{0, 1, 17, len(all) / 2, len(all)} {
		var got []KeyTerm
		for k := range kt.All() {
			if len(got) == n {
				break
			}
			got = append(got, k)
		}
		for i := range got {
			if d := sameKeyTerm(got[i], all[i]); d != "" {
				t.Fatalf("prefix %d, row %d: %s", n, i, d)
			}
		}
	}
	var nilKT *KeyTerms
	if nilKT.Len() != 0 || nilKT.Used() != nil || len(slices.Collect(nilKT.All())) != 0 {
		t.Error("a nil result is not empty")
	}
}
