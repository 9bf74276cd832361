package termstats

import (
	"math"
	"math/bits"
)

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
