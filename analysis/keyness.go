package analysis

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"parallax/analysis/resample"
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
// reference is at least opt.MinCount. The result is sorted by LogOddsZ
// (descending), then Term. The prior always comes from the whole corpus,
// also when ref is a subset of the other groups.
func Keyness(t *TermTable, target int, ref []int, opt KeynessOptions) ([]KeyTerm, error) {
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
	minCount := max(opt.MinCount, 1)

	ni := t.Tokens[target]
	refCounts, nj := referenceCounts(t, target, ref, refSet)
	if ni <= 0 {
		return nil, fmt.Errorf("keyness: target group %q has no tokens", t.Groups[target])
	}
	if nj <= 0 {
		if ref == nil {
			return nil, fmt.Errorf("keyness: the groups other than %q have no tokens", t.Groups[target])
		}
		return nil, fmt.Errorf("keyness: reference %s has no tokens", refGroupNames(t, refSet))
	}

	prior := dirichletPrior{s: s, n: t.TotalTokens}
	flagSingle := t.Docs[target] > 1
	out := make([]KeyTerm, 0, countAtLeast(SparseCounts{Counts: t.CorpusCount}, minCount)) // y_i + y_j ≤ c_w
	counts := sparseCursor{v: t.Count[target]}
	dfs := sparseCursor{v: t.DocFreq[target]}
	for id := range t.Terms {
		id32 := int32(id)
		yi := counts.get(id32)
		var yj int64
		if refCounts == nil {
			yj = t.CorpusCount[id] - yi
		} else {
			yj = refCounts[id]
		}
		if yi+yj < minCount {
			continue
		}
		cw := t.CorpusCount[id]
		if cw >= t.TotalTokens {
			return nil, fmt.Errorf("keyness: the corpus has one distinct term, %q; log-odds are undefined", t.Terms[id])
		}
		docs := dfs.get(id32)
		delta, sigma := prior.logOdds(yi, yj, ni, nj, cw)
		g2, chi2 := SignedG2Chi2(yi, yj, ni, nj, corr)
		out = append(out, KeyTerm{
			Term:      t.Terms[id],
			ID:        id32,
			Count:     yi,
			RefCount:  yj,
			Per1k:     1000 * float64(yi) / float64(ni),
			RefPer1k:  1000 * float64(yj) / float64(nj),
			Docs:      docs,
			Delta:     delta,
			Sigma:     sigma,
			LogOddsZ:  delta / sigma,
			G2:        g2,
			Chi2:      chi2,
			P:         ChiSquared1Survival(math.Abs(g2)),
			LogRatio:  LogRatio(yi, yj, ni, nj),
			SingleDoc: flagSingle && docs == 1,
		})
	}
	fillQ(out)
	sortKeyTerms(out)
	return out, nil
}

// sortKeyTerms orders terms by LogOddsZ (descending), then term. Term ids
// follow the alphabetical order of terms (TermTable.Terms is sorted), so a
// tie compares ids. Small keys are sorted and each row then moved once, in
// place, which is several times faster than sorting the wide rows.
func sortKeyTerms(terms []KeyTerm) {
	type key struct {
		z   float64
		id  int32
		pos int32
	}
	keys := make([]key, len(terms))
	for i := range terms {
		keys[i] = key{terms[i].LogOddsZ, terms[i].ID, int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		switch { // z is never NaN, so plain comparisons suffice
		case a.z > b.z:
			return -1
		case a.z < b.z:
			return 1
		}
		return int(a.id - b.id)
	})
	// Position i receives the row now at keys[i].pos: follow each cycle of
	// the permutation, marking filled positions with pos = -1.
	for i := range keys {
		if keys[i].pos < 0 {
			continue
		}
		held := terms[i]
		j := i
		for {
			from := int(keys[j].pos)
			keys[j].pos = -1
			if from == i {
				terms[j] = held
				break
			}
			terms[j] = terms[from]
			j = from
		}
	}
}

// ChiSquared1Survival is P(X > x) for X ~ χ² with 1 degree of freedom, the
// p-value of a 2×2 G² or χ² statistic x. It uses the identity
// P(χ²₁ > x) = P(|Z| > √x) = erfc(√(x/2)), which equals gonum's
// distuv.ChiSquared{K: 1}.Survival but is several times faster; it
// underflows to 0 (never NaN) beyond x ≈ 1410. Negative x give 1.
func ChiSquared1Survival(x float64) float64 {
	if !(x > 0) {
		return 1
	}
	return math.Erfc(math.Sqrt(x / 2))
}

// referenceCounts returns the reference's count of every term id and its
// total. When ref is nil (every other group) the counts are not built: the
// caller takes c_w − y_i, and the total is N − n_i.
func referenceCounts(t *TermTable, target int, ref, refSet []int) (counts []int64, total int64) {
	if ref == nil {
		return nil, t.TotalTokens - t.Tokens[target]
	}
	counts = make([]int64, len(t.Terms))
	for _, g := range refSet {
		total += t.Tokens[g]
		c := t.Count[g]
		for k, id := range c.IDs {
			counts[id] += c.Counts[k]
		}
	}
	return counts, total
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

// dirichletPrior is the informative prior α_w = s·c_w/n, α₀ = s.
type dirichletPrior struct {
	s float64 // α₀
	n int64   // corpus tokens
}

// logOdds returns Monroe et al.'s δ and σ for a term with counts yi, yj in
// groups of ni, nj tokens and corpus count cw:
//
//	δ = ln[(yi+α_w)/(ni+α₀−yi−α_w)] − ln[(yj+α_w)/(nj+α₀−yj−α_w)]
//	σ = sqrt(1/(yi+α_w) + 1/(yj+α_w))
//
// α₀−α_w is computed as s·(n−cw)/n so that it does not lose digits when the
// term is most of the corpus. The caller ensures cw < n.
func (p dirichletPrior) logOdds(yi, yj, ni, nj, cw int64) (delta, sigma float64) {
	n := float64(p.n)
	aw := p.s * float64(cw) / n
	rest := p.s * float64(p.n-cw) / n // α₀ − α_w > 0
	fi := float64(yi) + aw
	fj := float64(yj) + aw
	delta = math.Log(fi) - math.Log(float64(ni-yi)+rest) - math.Log(fj) + math.Log(float64(nj-yj)+rest)
	sigma = math.Sqrt(1/fi + 1/fj)
	return delta, sigma
}

// LogRatio is log2 of (y1/n1)/(y2/n2), the ratio of relative frequencies
// (Hardie 2014). It is NaN — not available — when a count is zero (the
// ratio is then 0 or infinite) or n1 or n2 is not positive. Hardie's
// replacement of a zero count by 0.5 is deliberately not used: between
// groups of unequal size it can reverse the sign, making a term that a small
// group never uses look over-used by it.
func LogRatio(y1, y2, n1, n2 int64) float64 {
	if n1 <= 0 || n2 <= 0 || y1 <= 0 || y2 <= 0 {
		return math.NaN()
	}
	return math.Log2(float64(y1)) - math.Log2(float64(y2)) + math.Log2(float64(n2)) - math.Log2(float64(n1))
}

// SignedG2Chi2 returns the log-likelihood G² and Pearson χ² of the 2×2 table
//
//	            group 1   group 2
//	term        a = y1    b = y2
//	other       c = n1−y1 d = n2−y2
//
// with continuity correction corr, both signed positive when the term is
// relatively more frequent in group 1 (a·d > b·c) and negative when it is
// rarer. A table with an empty margin, or exact independence, gives 0, 0.
// Counts must satisfy 0 ≤ y ≤ n; an unknown correction counts as none.
func SignedG2Chi2(y1, y2, n1, n2 int64, corr Correction) (g2, chi2 float64) {
	if y1 < 0 || y2 < 0 || y1 > n1 || y2 > n2 {
		return 0, 0
	}
	termTotal, otherTotal := y1+y2, (n1-y1)+(n2-y2)
	if termTotal == 0 || otherTotal == 0 || n1 == 0 || n2 == 0 {
		return 0, 0
	}
	// O−E is ±D/N in every cell, with D = a·d − b·c = y1·n2 − y2·n1,
	// computed exactly in 128 bits so that near-ties keep their digits.
	diff, sign := exactDiff(y1, n2, y2, n1)
	if sign == 0 {
		return 0, 0
	}
	N := float64(n1) + float64(n2)
	dev := diff / N // |O−E|, the same in every cell
	ea := float64(termTotal) * float64(n1) / N
	eb := float64(termTotal) * float64(n2) / N
	ec := float64(otherTotal) * float64(n1) / N
	ed := float64(otherTotal) * float64(n2) / N
	if corr == CorrectionYates {
		dev -= min(0.5, dev)
		if dev == 0 {
			return 0, 0
		}
	}
	chi2 = dev * dev * (1/ea + 1/eb + 1/ec + 1/ed)
	// O−E is +dev in cells a and d and −dev in b and c when a·d > b·c;
	// the other way round when a·d < b·c.
	sdev := float64(sign) * dev
	g2 = 2 * (xlogRatio(ea, sdev) + xlogRatio(eb, -sdev) + xlogRatio(ec, -sdev) + xlogRatio(ed, sdev))
	if g2 < 0 { // rounding near independence
		g2 = 0
	}
	if corr == CorrectionWilliams {
		q := 1 + (N/float64(termTotal)+N/float64(otherTotal)-1)*(N/float64(n1)+N/float64(n2)-1)/(6*N)
		g2 /= q
	}
	s := float64(sign)
	return s * g2, s * chi2
}

// xlogRatio is O·ln(O/E) for O = E + dev, written with log1p for accuracy
// when O is close to E; 0·ln 0 = 0.
func xlogRatio(e, dev float64) float64 {
	o := e + dev
	if o <= 0 {
		return 0
	}
	return o * math.Log1p(dev/e)
}

// exactDiff returns |x1·y1 − x2·y2| as a float64 and its sign, computing the
// products exactly in 128 bits. All arguments are non-negative.
func exactDiff(x1, y1, x2, y2 int64) (float64, int) {
	h1, l1 := bits.Mul64(uint64(x1), uint64(y1))
	h2, l2 := bits.Mul64(uint64(x2), uint64(y2))
	switch {
	case h1 == h2 && l1 == l2:
		return 0, 0
	case h1 > h2 || (h1 == h2 && l1 > l2):
		lo, borrow := bits.Sub64(l1, l2, 0)
		hi, _ := bits.Sub64(h1, h2, borrow)
		return float64(hi)*0x1p64 + float64(lo), 1
	default:
		lo, borrow := bits.Sub64(l2, l1, 0)
		hi, _ := bits.Sub64(h2, h1, borrow)
		return float64(hi)*0x1p64 + float64(lo), -1
	}
}

// fillQ sets the Benjamini–Hochberg q-value of every term from its P.
func fillQ(terms []KeyTerm) {
	p := make([]float64, len(terms))
	for k := range terms {
		p[k] = terms[k].P
	}
	for k, q := range resample.BenjaminiHochberg(p) {
		terms[k].Q = q
	}
}
