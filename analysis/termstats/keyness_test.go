package termstats

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"gonum.org/v1/gonum/stat/distuv"

	"parallax/analysis/internal/testkit"
)

// keyWant is the expected row of a keyness comparison.
type keyWant struct {
	term                  string
	count, refCount, docs int64
	delta, sigma, z       float64
	g2, chi2, p, q, lr    float64
	single                bool
}

// TestKeynessHand checks every statistic on measuresTable against values
// worked by hand (and re-checked with an independent Python script using
// the O/E definitions and math.erfc for p). Key arithmetic:
//
// A (20 tokens) vs rest = B+C (30 tokens), N = 50, "peace": a=10, b=2,
// c=10, d=28; margins 12, 38, 20, 30.
//
//	E = 12·20/50 = 4.8, 12·30/50 = 7.2, 38·20/50 = 15.2, 38·30/50 = 22.8
//	G² = 2[10 ln(10/4.8) + 2 ln(2/7.2) + 10 ln(10/15.2) + 28 ln(28/22.8)] = 12.686303978621353
//	χ² = 50·(10·28 − 2·10)²/(12·38·20·30) = 50·67600/273600 = 12.353801169590643
//	p = P(χ²₁ > 12.6863) = erfc(√(12.6863/2)) = 0.00036834362866499385
//	prior s = N = 50: α_w = c_w = 12, α₀ = 50
//	δ = ln(22/(20+50−10−12)) − ln(14/(30+50−2−12)) = ln(22/48) − ln(14/66) = 0.7704388548615919
//	σ = √(1/22 + 1/14) = 0.34188172937891387, z = δ/σ = 2.253524504691212
//	log ratio = log2((10/20)/(2/30)) = log2 7.5 = 2.9068905956085187
//	BH, m = 3: p peace 0.000368, war 0.000441, talks 0.812 →
//	  3·0.000368/1 = 0.001105, 3·0.000441/2 = 0.000662, 0.812/1 → cumulative
//	  minimum from the top gives peace = war = 1.5·p_war = 0.0006617675485457051.
//
// C (10) vs A (20), pair, N = 30, "peace": a=0, b=10, c=10, d=10.
//
//	E = 10/3, 20/3, 20/3, 40/3; G² = 2[0 + 10 ln 1.5 + 10 ln 1.5 + 10 ln 0.75]
//	   = 40 ln 1.5 + 20 ln 0.75 = 10.46496287529096, negative: −10.46496…
//	χ² = 30·(0·10 − 10·10)²/(10·20·10·20) = 300000/40000 = 7.5 → −7.5
//	Yates: 30·(|−100| − 30/2)²/40000 = 30·85²/40000 = 5.41875 → −5.41875
//	prior from the whole corpus: α_w = 12, α₀ = 50
//	δ = ln(12/(10+50−0−12)) − ln(22/(20+50−10−12)) = ln(12/48) − ln(22/48) = ln(6/11)
//	σ = √(1/12 + 1/22); log ratio: a = 0, so the ratio is 0 and log_ratio NaN (n/a)
//
// Williams, A vs rest "peace": q = 1 + (50/12 + 50/38 − 1)(50/20 + 50/30 − 1)/(6·50)
// = 1.0473 → G² = 12.686303978621353/q = 12.11317151172404.
func TestKeynessHand(t *testing.T) {
	tab := measuresTable(t)
	A, C := tab.GroupIndex("A"), tab.GroupIndex("C")
	tests := []struct {
		name   string
		target int
		ref    []int
		opt    KeynessOptions
		want   []keyWant
	}{
		{"A vs rest", A, nil, KeynessOptions{MinCount: 1}, []keyWant{
			{"peace", 10, 2, 3, 0.7704388548615919, 0.34188172937891387, 2.253524504691212,
				12.686303978621353, 12.353801169590643, 0.00036834362866499385, 0.0006617675485457051, 2.9068905956085187, false},
			{"talks", 8, 11, 2, 0.045462374076757406, 0.2652741419180738, 0.17137883756042013,
				0.05648028620010692, 0.056593095642331656, 0.8121480566843698, 0.8121480566843698, 0.12553088208385912, false},
			// war: one of A's four documents has both occurrences → flagged.
			{"war", 2, 17, 1, -0.6466271649250526, 0.274584823682638, -2.354926817340848,
				-12.349187812934845, -11.092246745897, 0.00044117836569713677, 0.0006617675485457051, -2.502500340529183, true},
		}},
		{"A vs rest, yates", A, nil, KeynessOptions{MinCount: 1, Correction: CorrectionYates}, []keyWant{
			{"peace", 10, 2, 3, 0.7704388548615919, 0.34188172937891387, 2.253524504691212,
				10.221967457124435, 10.092288011695908, 0.0013877773209128857, 0.0022885989981062172, 2.9068905956085187, false},
			// talks: |O−E| = |8 − 19·20/50| = 0.4 < 0.5, so every cell moves onto E.
			{"talks", 8, 11, 2, 0.045462374076757406, 0.2652741419180738, 0.17137883756042013,
				0, 0, 1, 1, 0.12553088208385912, false},
			{"war", 2, 17, 1, -0.6466271649250526, 0.274584823682638, -2.354926817340848,
				-10.047277383338013, -9.199915110356535, 0.0015257326654041449, 0.0022885989981062172, -2.502500340529183, true},
		}},
		{"A vs rest, williams", A, nil, KeynessOptions{MinCount: 1, Correction: CorrectionWilliams}, []keyWant{
			{"peace", 10, 2, 3, 0.7704388548615919, 0.34188172937891387, 2.253524504691212,
				12.11317151172404, 12.353801169590643, 0.0005006690816636511, 0.0008240046262968823, 2.9068905956085187, false},
			{"talks", 8, 11, 2, 0.045462374076757406, 0.2652741419180738, 0.17137883756042013,
				0.05461003916005556, 0.056593095642331656, 0.8152272745318103, 0.8152272745318103, 0.12553088208385912, false},
			{"war", 2, 17, 1, -0.6466271649250526, 0.274584823682638, -2.354926817340848,
				-11.940265806549261, -11.092246745897, 0.0005493364175312549, 0.0008240046262968823, -2.502500340529183, true},
		}},
		// s = 10: α_w = 10·c_w/50, α₀ = 10. peace: α_w = 2.4,
		// δ = ln(12.4/(20+10−10−2.4)) − ln(4.4/(30+10−2−2.4)) = ln(12.4/17.6) − ln(4.4/35.6).
		{"A vs rest, s = 10", A, nil, KeynessOptions{MinCount: 1, PriorScale: 10}, []keyWant{
			{"peace", 10, 2, 3, 1.7405386675006544, 0.5549034948196396, 3.13665111816674,
				12.686303978621353, 12.353801169590643, 0.00036834362866499385, 0.0006617675485457051, 2.9068905956085187, false},
			{"talks", 8, 11, 2, 0.09889475113617768, 0.39027340452486886, 0.25339864307837034,
				0.05648028620010692, 0.056593095642331656, 0.8121480566843698, 0.8121480566843698, 0.12553088208385912, false},
			{"war", 2, 17, 1, -1.5085374232838036, 0.46956438981291093, -3.212631656086297,
				-12.349187812934845, -11.092246745897, 0.00044117836569713677, 0.0006617675485457051, -2.502500340529183, true},
		}},
		{"C vs A", C, []int{A}, KeynessOptions{MinCount: 1}, []keyWant{
			// war: C has two documents, both occurrences in one → flagged.
			{"war", 5, 2, 1, 0.44183275227903923, 0.2988071523335984, 1.4786552089816185,
				5.73010433335721, 5.962732919254658, 0.01667649181821859, 0.025014737727327888, 2.321928094887362, true},
			{"talks", 5, 8, 2, 0.059898141581068876, 0.28054180384339106, 0.21350879177531154,
				0.27049561624885876, 0.27149321266968324, 0.6029995023915842, 0.6029995023915842, 0.32192809488736235, false},
			{"peace", 0, 10, 0, -0.6061358035703155, 0.3588702812826367, -1.689010863211989,
				-10.46496287529096, -7.5, 0.0012165999233774917, 0.003649799770132475, math.NaN(), false},
		}},
		{"C vs A, yates", C, []int{A}, KeynessOptions{MinCount: 1, Correction: CorrectionYates}, []keyWant{
			{"war", 5, 2, 1, 0.44183275227903923, 0.2988071523335984, 1.4786552089816185,
				3.7627841556848067, 3.9363354037267078, 0.05240525056029798, 0.07860787584044697, 2.321928094887362, true},
			{"talks", 5, 8, 2, 0.059898141581068876, 0.28054180384339106, 0.21350879177531154,
				0.016945284314915987, 0.016968325791855206, 0.8964287218602363, 0.8964287218602363, 0.32192809488736235, false},
			{"peace", 0, 10, 0, -0.6061358035703155, 0.3588702812826367, -1.689010863211989,
				-6.5446788625681185, -5.41875, 0.010519831513639251, 0.031559494540917755, math.NaN(), false},
		}},
	}
	for _, tc := range tests {
		got, err := keynessRows(tab, tc.target, tc.ref, tc.opt)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d terms, want %d", tc.name, len(got), len(tc.want))
			continue
		}
		for i, w := range tc.want {
			checkKeyTerm(t, tc.name, tab, tc.target, tc.ref, got[i], w)
		}
	}
}

func checkKeyTerm(t *testing.T, name string, tab *TermTable, target int, ref []int, g KeyTerm, w keyWant) {
	t.Helper()
	ni := tab.Tokens[target]
	nj := tab.TotalTokens - ni
	if ref != nil {
		nj = 0
		for _, r := range ref {
			nj += tab.Tokens[r]
		}
	}
	if g.Term != w.term || tab.Terms[g.ID] != g.Term || g.Count != w.count || g.RefCount != w.refCount ||
		g.Docs != w.docs || g.SingleDoc != w.single {
		t.Errorf("%s: got %s count %d/%d docs %d single %v; want %s %d/%d docs %d single %v",
			name, g.Term, g.Count, g.RefCount, g.Docs, g.SingleDoc, w.term, w.count, w.refCount, w.docs, w.single)
		return
	}
	nums := []struct {
		field     string
		got, want float64
	}{
		{"per1k", g.Per1k, 1000 * float64(w.count) / float64(ni)},
		{"ref per1k", g.RefPer1k, 1000 * float64(w.refCount) / float64(nj)},
		{"delta", g.Delta, w.delta}, {"sigma", g.Sigma, w.sigma}, {"z", g.LogOddsZ, w.z},
		{"G2", g.G2, w.g2}, {"chi2", g.Chi2, w.chi2}, {"p", g.P, w.p}, {"q", g.Q, w.q},
		{"log ratio", g.LogRatio, w.lr},
	}
	for _, n := range nums {
		if math.IsNaN(n.want) && math.IsNaN(n.got) {
			continue // not available, as wanted
		}
		if !testkit.Within(n.got, n.want, 1e-9) {
			t.Errorf("%s, term %q: %s = %.17g, want %.17g", name, g.Term, n.field, n.got, n.want)
		}
	}
}

// refG2Chi2 is the textbook computation over the four cells, used as an
// independent check of SignedG2Chi2: O and E listed cell by cell, Yates
// applied by moving each O towards E, χ² as Σ(O−E)²/E and G² as
// 2·Σ O·ln(O/E).
func refG2Chi2(a, b, ni, nj int64, yates bool) (g2, chi2 float64) {
	c, d := ni-a, nj-b
	N := float64(ni + nj)
	O := []float64{float64(a), float64(b), float64(c), float64(d)}
	E := []float64{float64(a+b) * float64(ni) / N, float64(a+b) * float64(nj) / N,
		float64(c+d) * float64(ni) / N, float64(c+d) * float64(nj) / N}
	for k := range O {
		if yates {
			shift := math.Min(0.5, math.Abs(E[k]-O[k]))
			if O[k] > E[k] {
				O[k] -= shift
			} else {
				O[k] += shift
			}
		}
		chi2 += (O[k] - E[k]) * (O[k] - E[k]) / E[k]
		if O[k] > 0 {
			g2 += 2 * O[k] * math.Log(O[k]/E[k])
		}
	}
	if float64(a)*float64(d) < float64(b)*float64(c) {
		return -g2, -chi2
	}
	return g2, chi2
}

// TestSignedG2Chi2Independent compares SignedG2Chi2 on random tables with
// the cell-by-cell definition and with the shortcut
// χ² = N·(|ad−bc| − N/2·[yates])²/((a+b)(c+d)(a+c)(b+d)).
func TestSignedG2Chi2Independent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		ni := 1 + rng.Int64N(5000)
		nj := 1 + rng.Int64N(5000)
		a, b := rng.Int64N(ni+1), rng.Int64N(nj+1)
		if a+b == 0 || a+b == ni+nj {
			continue
		}
		for _, corr := range []Correction{CorrectionNone, CorrectionYates} {
			yates := corr == CorrectionYates
			g2, chi2 := SignedG2Chi2(a, b, ni, nj, corr)
			rg2, rchi2 := refG2Chi2(a, b, ni, nj, yates)
			c, d := ni-a, nj-b
			N := float64(ni + nj)
			ad, bc := float64(a)*float64(d), float64(b)*float64(c)
			dev := math.Abs(ad - bc)
			if yates {
				dev = math.Max(0, dev-N/2)
			}
			short := N * dev * dev / (float64(a+b) * float64(c+d) * float64(ni) * float64(nj))
			if ad < bc {
				short = -short
			}
			name := fmt.Sprintf("case %d a=%d b=%d ni=%d nj=%d %s", i, a, b, ni, nj, corr)
			if !testkit.Within(chi2, rchi2, 1e-9) || !testkit.Within(chi2, short, 1e-9) {
				t.Fatalf("%s: χ² = %v, cell sum %v, shortcut %v", name, chi2, rchi2, short)
			}
			if !testkit.Within(g2, rg2, 1e-9) {
				t.Fatalf("%s: G² = %v, cell sum %v", name, g2, rg2)
			}
			if math.Signbit(g2) != math.Signbit(chi2) && g2 != 0 && chi2 != 0 {
				t.Fatalf("%s: G² %v and χ² %v have different signs", name, g2, chi2)
			}
		}
	}
}

// TestSignedG2Chi2Large checks counts in the billions, where a·d and b·c
// no longer fit in float64 exactly: χ² against exact rational arithmetic,
// G² against χ² (they agree to second order near independence), and an
// exact tie giving exactly 0.
func TestSignedG2Chi2Large(t *testing.T) {
	tests := []struct {
		name           string
		a, b, ni, nj   int64
		wantZero       bool
		maxG2Chi2Ratio float64
	}{
		{"near tie", 1_000_050_000, 1_000_000_000, 500_000_000_000, 500_000_000_000, false, 1e-4},
		{"uneven groups", 3_000_000_007, 1_000_000_000, 900_000_000_000, 300_000_000_000, false, 1e-4},
		{"exact tie", 3_000_000_000, 1_000_000_000, 900_000_000_000, 300_000_000_000, true, 0},
		{"exact tie, huge", 1 << 40, 1 << 39, 1 << 61, 1 << 60, true, 0},
	}
	for _, tc := range tests {
		g2, chi2 := SignedG2Chi2(tc.a, tc.b, tc.ni, tc.nj, CorrectionNone)
		if tc.wantZero {
			if g2 != 0 || chi2 != 0 || math.Signbit(g2) || math.Signbit(chi2) {
				t.Errorf("%s: G² %v, χ² %v; want exactly 0", tc.name, g2, chi2)
			}
			continue
		}
		exact := exactChi2(tc.a, tc.b, tc.ni, tc.nj)
		if !testkit.Within(chi2, exact, 1e-12) {
			t.Errorf("%s: χ² = %.17g, exact %.17g", tc.name, chi2, exact)
		}
		if r := math.Abs(g2/chi2 - 1); r > tc.maxG2Chi2Ratio {
			t.Errorf("%s: G² %v vs χ² %v differ by %v relative", tc.name, g2, chi2, r)
		}
	}
}

// exactChi2 is N·(ad−bc)²/((a+b)(c+d)(a+c)(b+d)) in exact rationals.
func exactChi2(a, b, ni, nj int64) float64 {
	c, d := ni-a, nj-b
	bi := func(x int64) *big.Int { return big.NewInt(x) }
	diff := new(big.Int).Sub(new(big.Int).Mul(bi(a), bi(d)), new(big.Int).Mul(bi(b), bi(c)))
	num := new(big.Int).Mul(bi(ni+nj), new(big.Int).Mul(diff, diff))
	den := new(big.Int).Mul(new(big.Int).Mul(bi(a+b), bi(c+d)), new(big.Int).Mul(bi(ni), bi(nj)))
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return f
}

// TestKeynessLogOddsDirect evaluates Monroe et al.'s formula literally,
// with α_w = s·c_w/N and α₀ = s, on random tables of four groups.
func TestKeynessLogOddsDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		tab := randomTable(t, rng, 4, 30)
		for _, s := range []float64{0, 1, 250} {
			target := rng.IntN(4)
			ref := []int{(target + 1) % 4, (target + 3) % 4}
			got, err := keynessRows(tab, target, ref, KeynessOptions{PriorScale: s, MinCount: 1})
			if err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
			N := float64(tab.TotalTokens)
			a0 := s
			if s == 0 {
				a0 = N
			}
			ni := float64(tab.Tokens[target])
			nj := float64(tab.Tokens[ref[0]] + tab.Tokens[ref[1]])
			for _, k := range got {
				aw := a0 * float64(tab.CorpusCount[k.ID]) / N
				yi := float64(tab.Count[target].Get(k.ID))
				yj := float64(tab.Count[ref[0]].Get(k.ID) + tab.Count[ref[1]].Get(k.ID))
				delta := math.Log((yi+aw)/(ni+a0-yi-aw)) - math.Log((yj+aw)/(nj+a0-yj-aw))
				sigma := math.Sqrt(1/(yi+aw) + 1/(yj+aw))
				if !testkit.Within(k.Delta, delta, 1e-9) || !testkit.Within(k.Sigma, sigma, 1e-9) || !testkit.Within(k.LogOddsZ, delta/sigma, 1e-9) {
					t.Fatalf("trial %d s=%v term %q: δ %v σ %v z %v; direct %v %v %v",
						trial, s, k.Term, k.Delta, k.Sigma, k.LogOddsZ, delta, sigma, delta/sigma)
				}
			}
		}
	}
}

// TestKeynessSymmetry: A vs B is B vs A with every signed statistic negated.
func TestKeynessSymmetry(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 30 {
		tab := randomTable(t, rng, 3, 40)
		for _, corr := range Corrections {
			opt := KeynessOptions{MinCount: 3, Correction: string(corr)}
			ab, err1 := keynessRows(tab, 0, []int{2}, opt)
			ba, err2 := keynessRows(tab, 2, []int{0}, opt)
			if err1 != nil || err2 != nil {
				t.Fatalf("trial %d: %v, %v", trial, err1, err2)
			}
			if len(ab) != len(ba) {
				t.Fatalf("trial %d %s: %d terms one way, %d the other", trial, corr, len(ab), len(ba))
			}
			byTerm := make(map[string]KeyTerm, len(ba))
			for _, k := range ba {
				byTerm[k.Term] = k
			}
			for _, k := range ab {
				r := byTerm[k.Term]
				pairs := [][2]float64{{k.LogOddsZ, -r.LogOddsZ}, {k.Delta, -r.Delta}, {k.Sigma, r.Sigma},
					{k.G2, -r.G2}, {k.Chi2, -r.Chi2}, {k.LogRatio, -r.LogRatio}, {k.P, r.P}, {k.Q, r.Q}}
				for i, p := range pairs {
					if i == 5 && math.IsNaN(p[0]) && math.IsNaN(p[1]) && (k.Count == 0 || k.RefCount == 0) {
						continue // log ratio undefined both ways: a zero count
					}
					if !testkit.Within(p[0], p[1], 1e-12) {
						t.Fatalf("trial %d %s term %q: statistic %d is %v one way and %v the other (after sign)", trial, corr, k.Term, i, p[0], p[1])
					}
				}
				if k.Count != r.RefCount || k.RefCount != r.Count {
					t.Fatalf("trial %d term %q: counts %d/%d vs %d/%d", trial, k.Term, k.Count, k.RefCount, r.Count, r.RefCount)
				}
			}
		}
	}
}

// TestKeynessOrderInvariance: the result does not depend on the order of
// the reference groups, on the order groups and terms were given when the
// table was built, or on naming every other group instead of passing nil.
func TestKeynessOrderInvariance(t *testing.T) {
	tab := measuresTable(t)
	shuffled, err := NewTermTableDense(
		[]string{"B", "C", "A"},
		[]string{"talks", "war", "peace"},
		[][]int64{{6, 12, 2}, {5, 5, 0}, {8, 2, 10}},
		[][]int64{{2, 3, 1}, {2, 1, 0}, {2, 1, 3}},
		[]int{3, 2, 4},
	)
	if err != nil {
		t.Fatal(err)
	}
	opt := KeynessOptions{MinCount: 1}
	A, B, C := tab.GroupIndex("A"), tab.GroupIndex("B"), tab.GroupIndex("C")
	base, err := keynessRows(tab, A, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	variants := []struct {
		name string
		tab  *TermTable
		ref  []int
	}{
		{"explicit rest", tab, []int{B, C}},
		{"explicit rest reversed", tab, []int{C, B}},
		{"table built in another order", shuffled, nil},
		{"other table, reversed rest", shuffled, []int{C, B}},
	}
	for _, v := range variants {
		got, err := keynessRows(v.tab, v.tab.GroupIndex("A"), v.ref, opt)
		if err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		if !reflect.DeepEqual(got, base) {
			t.Errorf("%s: result differs\n got %+v\nwant %+v", v.name, got, base)
		}
	}
}

// TestSortKeyTerms compares the in-place permutation sort with a plain
// sort of the rows, on random rows with many tied z.
func TestSortKeyTerms(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 106 {
		n := rng.IntN(300)
		ids := rng.Perm(n)
		if trial >= 100 { // rows in id order, as Keyness makes them: sorted by radix
			n = radixMin + rng.IntN(3*radixMin)
			ids = rng.Perm(4 * n)[:n]
			slices.Sort(ids)
		}
		terms := make([]KeyTerm, n)
		for i := range terms {
			terms[i] = KeyTerm{ID: int32(ids[i]), Term: fmt.Sprintf("t%05d", ids[i]), LogOddsZ: float64(rng.IntN(7) - 3), Count: int64(i)}
		}
		want := slices.Clone(terms)
		slices.SortFunc(want, func(x, y KeyTerm) int {
			if c := cmp.Compare(y.LogOddsZ, x.LogOddsZ); c != 0 {
				return c
			}
			return strings.Compare(x.Term, y.Term)
		})
		sortKeyTerms(terms)
		if !reflect.DeepEqual(terms, want) {
			t.Fatalf("trial %d (n = %d): rows differ from a plain sort", trial, n)
		}
	}
}

func TestKeynessMinCount(t *testing.T) {
	tab := measuresTable(t)
	A, B, C := tab.GroupIndex("A"), tab.GroupIndex("B"), tab.GroupIndex("C")
	tests := []struct {
		name   string
		target int
		ref    []int
		min    int64
		want   []string // in output order
	}{
		// A + rest counts: peace 12, talks 19, war 19.
		{"min 12 keeps all", A, nil, 12, []string{"peace", "talks", "war"}},
		{"min 13 drops peace", A, nil, 13, []string{"talks", "war"}},
		{"min 20 drops all", A, nil, 20, nil},
		// C + B counts: peace 2, talks 11, war 17.
		{"pair, min 3", C, []int{B}, 3, []string{"talks", "war"}},
		{"pair, min 0 means 1", C, []int{B}, 0, []string{"talks", "peace", "war"}},
	}
	for _, tc := range tests {
		got, err := keynessRows(tab, tc.target, tc.ref, KeynessOptions{MinCount: tc.min})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var terms []string
		for _, k := range got {
			terms = append(terms, k.Term)
			if k.Count+k.RefCount < max(tc.min, 1) {
				t.Errorf("%s: %q has %d+%d < %d", tc.name, k.Term, k.Count, k.RefCount, tc.min)
			}
		}
		if !reflect.DeepEqual(terms, tc.want) {
			t.Errorf("%s: terms %q, want %q", tc.name, terms, tc.want)
		}
	}
}

// TestKeynessAbsentTerm: a term found only outside target and reference is
// not tested, and does not enter the BH count m.
func TestKeynessAbsentTerm(t *testing.T) {
	tab, err := NewTermTableDense([]string{"a", "b", "c"}, []string{"x", "y", "z"},
		[][]int64{{5, 1, 0}, {1, 5, 0}, {0, 0, 9}}, [][]int64{{2, 1, 0}, {1, 2, 0}, {0, 0, 3}}, []int{2, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	got, err := keynessRows(tab, 0, []int{1}, KeynessOptions{MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Term != "x" || got[1].Term != "y" {
		t.Fatalf("got %+v, want x then y", got)
	}
	// m = 2 and the two p are equal (the table is symmetric), so q = p.
	if got[0].P != got[1].P || !testkit.Within(got[0].Q, got[0].P, 1e-15) {
		t.Errorf("p %v, %v; q %v; want equal p and q = p", got[0].P, got[1].P, got[0].Q)
	}
}

func TestKeynessSingleDocOneDocumentGroup(t *testing.T) {
	// Group "solo" has one document: every term comes from it, so nothing is
	// flagged. Group "many" has 3 documents and "x" only in one.
	tab, err := NewTermTableDense([]string{"solo", "many"}, []string{"x", "y"},
		[][]int64{{4, 6}, {7, 3}}, [][]int64{{1, 1}, {1, 3}}, []int{1, 3})
	if err != nil {
		t.Fatal(err)
	}
	solo, err := keynessRows(tab, tab.GroupIndex("solo"), nil, KeynessOptions{MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range solo {
		if k.SingleDoc || k.Docs != 1 {
			t.Errorf("one-document group, term %q: SingleDoc %v, Docs %d; want false, 1", k.Term, k.SingleDoc, k.Docs)
		}
	}
	many, err := keynessRows(tab, tab.GroupIndex("many"), nil, KeynessOptions{MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range many {
		if want := k.Term == "x"; k.SingleDoc != want {
			t.Errorf("three-document group, term %q: SingleDoc %v, want %v", k.Term, k.SingleDoc, want)
		}
	}
}

func TestKeynessErrors(t *testing.T) {
	tab := measuresTable(t)
	oneGroup, _ := NewTermTableDense([]string{"g"}, []string{"x", "y"}, [][]int64{{1, 2}}, [][]int64{{1, 1}}, []int{1})
	emptyGroup, _ := NewTermTableDense([]string{"e", "f"}, []string{"x", "y"}, [][]int64{{0, 0}, {1, 2}}, [][]int64{{0, 0}, {1, 1}}, []int{1, 1})
	oneTerm, _ := NewTermTableDense([]string{"e", "f"}, []string{"x"}, [][]int64{{3}, {4}}, [][]int64{{1}, {1}}, []int{1, 1})
	tests := []struct {
		name    string
		tab     *TermTable
		target  int
		ref     []int
		opt     KeynessOptions
		wantErr string
	}{
		{"target out of range", tab, 3, nil, KeynessOptions{}, "target group index 3 out of range (3 groups)"},
		{"negative target", tab, -1, nil, KeynessOptions{}, "target group index -1 out of range"},
		{"reference out of range", tab, 0, []int{7}, KeynessOptions{}, "reference group index 7 out of range"},
		{"target in reference", tab, 0, []int{1, 0}, KeynessOptions{}, `group "A" is both target and reference`},
		{"duplicate reference", tab, 0, []int{1, 1}, KeynessOptions{}, `reference group "B" given twice`},
		{"empty reference", tab, 0, []int{}, KeynessOptions{}, `empty reference for group "A"`},
		{"negative prior", tab, 0, nil, KeynessOptions{PriorScale: -1}, "prior scale -1 must be a finite number"},
		{"NaN prior", tab, 0, nil, KeynessOptions{PriorScale: math.NaN()}, "prior scale NaN must be a finite number"},
		{"bad correction", tab, 0, nil, KeynessOptions{Correction: "Yates"}, `unknown continuity correction "Yates"`},
		{"one group", oneGroup, 0, nil, KeynessOptions{}, `group "g" has no other group`},
		{"target without tokens", emptyGroup, 0, nil, KeynessOptions{}, `target group "e" has no tokens`},
		{"rest without tokens", emptyGroup, 1, nil, KeynessOptions{}, `the groups other than "f" have no tokens`},
		{"reference without tokens", emptyGroup, 1, []int{0}, KeynessOptions{}, `reference group "e" has no tokens`},
		{"one distinct term", oneTerm, 0, nil, KeynessOptions{}, `the corpus has one distinct term, "x"`},
	}
	for _, tc := range tests {
		if tc.tab == nil {
			t.Fatalf("%s: test table did not build", tc.name)
		}
		_, err := Keyness(tc.tab, tc.target, tc.ref, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestParseCorrection(t *testing.T) {
	for _, c := range Corrections {
		if got, err := ParseCorrection(string(c)); err != nil || got != c {
			t.Errorf("ParseCorrection(%q) = %q, %v", c, got, err)
		}
	}
	if got, err := ParseCorrection(""); err != nil || got != CorrectionNone {
		t.Errorf(`ParseCorrection("") = %q, %v; want none`, got, err)
	}
	if _, err := ParseCorrection("quanteda"); err == nil || !strings.Contains(err.Error(), `"quanteda"`) {
		t.Errorf(`ParseCorrection("quanteda"): error %v, want one naming the value`, err)
	}
}

// TestKeynessExtremes: huge counts, p that underflows, and zero cells give
// finite numbers, never NaN or ±Inf.
func TestKeynessExtremes(t *testing.T) {
	tab, err := NewTermTableDense([]string{"big", "small"}, []string{"common", "only-big", "only-small", "rare"},
		[][]int64{{4_000_000_000_000, 900_000_000_000, 0, 1}, {3_000_000_000, 0, 2_000_000_000, 1}},
		[][]int64{{9_000_000, 5_000_000, 0, 1}, {8_000, 0, 7_000, 1}},
		[]int{10_000_000, 10_000})
	if err != nil {
		t.Fatal(err)
	}
	for _, corr := range Corrections {
		for g := range tab.Groups {
			got, err := keynessRows(tab, g, nil, KeynessOptions{MinCount: 1, Correction: string(corr)})
			if err != nil {
				t.Fatalf("%s group %d: %v", corr, g, err)
			}
			for _, k := range got {
				for i, f := range []float64{k.Per1k, k.RefPer1k, k.Delta, k.Sigma, k.LogOddsZ, k.G2, k.Chi2, k.P, k.Q} {
					if math.IsNaN(f) || math.IsInf(f, 0) {
						t.Errorf("%s group %q term %q: field %d is %v", corr, tab.Groups[g], k.Term, i, f)
					}
				}
				if k.P < 0 || k.P > 1 || k.Q < k.P || k.Q > 1 {
					t.Errorf("%s group %q term %q: p %v, q %v out of order or range", corr, tab.Groups[g], k.Term, k.P, k.Q)
				}
				if k.Term == "only-big" && (k.P != 0 || k.Q != 0) {
					t.Errorf("%s term only-big: p %v q %v; want underflow to 0", corr, k.P, k.Q)
				}
			}
		}
	}
}

// TestChiSquared1Survival checks the erfc identity against gonum's
// chi-squared distribution, including far tails and the underflow to 0.
func TestChiSquared1Survival(t *testing.T) {
	ref := distuv.ChiSquared{K: 1}
	for _, x := range []float64{1e-300, 1e-8, 0.01, 0.5, 1, 3.841458820694124, 6.6, 10, 50, 100, 500, 700, 1000, 1400} {
		got, want := ChiSquared1Survival(x), ref.Survival(x)
		if !testkit.Within(got, want, 1e-12) || got <= 0 {
			t.Errorf("x = %v: %v, gonum %v", x, got, want)
		}
	}
	// 3.841458820694124 is the 95% quantile of χ²₁.
	if got := ChiSquared1Survival(3.841458820694124); !testkit.Within(got, 0.05, 1e-12) {
		t.Errorf("p at the 5%% critical value = %v", got)
	}
	for _, x := range []float64{0, -3, 1500, 1e300, math.Inf(1)} {
		got := ChiSquared1Survival(x)
		want := 0.0
		if x <= 0 {
			want = 1
		}
		if got != want {
			t.Errorf("x = %v: %v, want %v", x, got, want)
		}
	}
}

// TestKeynessAllsides runs every outlet of the AllSides sample against the
// rest and checks properties that must hold on real data.
func TestKeynessAllsides(t *testing.T) {
	tab := allsidesTable(t)
	for g, name := range tab.Groups {
		got, err := keynessRows(tab, g, nil, DefaultKeynessOptions())
		if err != nil {
			t.Fatalf("group %q: %v", name, err)
		}
		for i, k := range got {
			if k.Count+k.RefCount < DefaultKeynessMinCount {
				t.Fatalf("group %q term %q: below the minimum count", name, k.Term)
			}
			for j, f := range []float64{k.Per1k, k.RefPer1k, k.Delta, k.Sigma, k.LogOddsZ, k.G2, k.Chi2, k.P, k.Q} {
				if math.IsNaN(f) || math.IsInf(f, 0) {
					t.Fatalf("group %q term %q: field %d is %v", name, k.Term, j, f)
				}
			}
			if math.IsNaN(k.LogRatio) != (k.Count == 0 || k.RefCount == 0) || math.IsInf(k.LogRatio, 0) {
				t.Fatalf("group %q term %q: counts %d/%d, log ratio %v: NaN exactly when a count is zero", name, k.Term, k.Count, k.RefCount, k.LogRatio)
			}
			if k.Q < k.P || k.Q > 1 {
				t.Fatalf("group %q term %q: p %v q %v", name, k.Term, k.P, k.Q)
			}
			if k.Count > 0 && k.RefCount > 0 && k.G2 != 0 && (k.G2 > 0) != (k.LogRatio > 0) {
				t.Fatalf("group %q term %q: G² %v and log ratio %v disagree in sign", name, k.Term, k.G2, k.LogRatio)
			}
			if i > 0 && (got[i-1].LogOddsZ < k.LogOddsZ || got[i-1].LogOddsZ == k.LogOddsZ && got[i-1].Term > k.Term) {
				t.Fatalf("group %q: not sorted at %d (%q %v after %q %v)", name, i, k.Term, k.LogOddsZ, got[i-1].Term, got[i-1].LogOddsZ)
			}
		}
	}
}

// BenchmarkKeyness is keyness for every outlet of the AllSides sample
// against the rest, sharing one index as DistinctiveTerms does.
func BenchmarkKeyness(b *testing.B) {
	tab := allsidesTable(b)
	opt := DefaultKeynessOptions()
	b.ResetTimer()
	for b.Loop() {
		index := NewKeynessIndex(tab)
		for g := range tab.Groups {
			if _, err := index.Keyness(g, nil, opt); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// randomTable builds a table of ng groups over nt terms with random counts,
// some zero, and consistent document frequencies.
func randomTable(t testing.TB, rng *rand.Rand, ng, nt int) *TermTable {
	t.Helper()
	groups := make([]string, ng)
	terms := make([]string, nt)
	count := make([][]int64, ng)
	df := make([][]int64, ng)
	docs := make([]int, ng)
	for j := range terms {
		terms[j] = fmt.Sprintf("t%02d", j)
	}
	for g := range groups {
		groups[g] = fmt.Sprintf("g%d", g)
		docs[g] = 1 + rng.IntN(20)
		count[g] = make([]int64, nt)
		df[g] = make([]int64, nt)
		for j := range terms {
			if rng.IntN(4) == 0 {
				continue
			}
			count[g][j] = 1 + rng.Int64N(200)
			df[g][j] = 1 + rng.Int64N(min(count[g][j], int64(docs[g])))
		}
	}
	tab, err := NewTermTableDense(groups, terms, count, df, docs)
	if err != nil {
		t.Fatalf("random table: %v", err)
	}
	return tab
}

// allsidesTable builds a TermTable from the AllSides sample with a plain
// tokenizer (lower-cased runs of letters), independent of segment.go, so
// that these tests measure the measures only.
func allsidesTable(t testing.TB) *TermTable {
	t.Helper()
	type key struct{ group, term string }
	counts, dfs := map[key]int64{}, map[key]int64{}
	docs := map[string]int{}
	terms := map[string]bool{}
	for _, d := range testkit.AllSides(t) {
		docs[d.Group]++
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(d.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			counts[key{d.Group, w}]++
			terms[w] = true
			if !seen[w] {
				seen[w] = true
				dfs[key{d.Group, w}]++
			}
		}
	}
	groupNames := measuresKeys(docs)
	termNames := measuresKeys(terms)
	count := make([][]int64, len(groupNames))
	df := make([][]int64, len(groupNames))
	nd := make([]int, len(groupNames))
	for g, gn := range groupNames {
		count[g] = make([]int64, len(termNames))
		df[g] = make([]int64, len(termNames))
		nd[g] = docs[gn]
		for j, tn := range termNames {
			count[g][j] = counts[key{gn, tn}]
			df[g][j] = dfs[key{gn, tn}]
		}
	}
	tab, err := NewTermTableDense(groupNames, termNames, count, df, nd)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func measuresKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// keynessRows is Keyness with every tested term collected, ranked.
func keynessRows(t *TermTable, target int, ref []int, opt KeynessOptions) ([]KeyTerm, error) {
	kt, err := Keyness(t, target, ref, opt)
	if err != nil {
		return nil, err
	}
	return slices.Collect(kt.All()), nil
}
