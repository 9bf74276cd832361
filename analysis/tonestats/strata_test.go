package tonestats

import (
	"math"
	"testing"

	"parallax/analysis/resample"
	"parallax/analysis/termstats"
)

// TestStandardise: A and B in two strata, by hand.
//
//	A: stratum 1 mean 0.2 of 10 sentences, stratum 2 −0.4 of 30
//	B: stratum 1 mean 0.1 of 90 sentences, stratum 2 −0.5 of 10
//	W₁ = 100/140, W₂ = 40/140
//	A: crude (2 − 12)/40 = −0.25, standardised (100·0.2 − 40·0.4)/140 = 4/140
//	B: crude (9 − 5)/100 = 0.04, standardised (100·0.1 − 40·0.5)/140 = −10/140
//
// The crude means put A below B because A writes mostly in the darker
// stratum; within each stratum A is above B, and so are the standardised.
// C, only in stratum 1 (mean 0, 0 sentences elsewhere), covers W₁.
func TestStandardise(t *testing.T) {
	s := &Summary{Instruments: []string{"vader"},
		Groups:    []string{termstats.CellKey("A", "1"), termstats.CellKey("A", "2"), termstats.CellKey("B", "1"), termstats.CellKey("B", "2")},
		Intervals: [][]resample.Interval{{{Mean: 0.2, N: 10}, {Mean: -0.4, N: 30}, {Mean: 0.1, N: 90}, {Mean: -0.5, N: 10}}}}
	got := Standardise(s)
	want := []Standardised{
		{Group: "A", Crude: -0.25, Std: 4.0 / 140, Coverage: 1, N: 40},
		{Group: "B", Crude: 0.04, Std: -10.0 / 140, Coverage: 1, N: 100},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Group != w.Group || g.N != w.N || math.Abs(g.Crude-w.Crude) > 1e-15 || math.Abs(g.Std-w.Std) > 1e-15 || math.Abs(g.Coverage-w.Coverage) > 1e-15 {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
		if len(g.Strata) != 2 || g.Strata[0].Stratum != "1" {
			t.Errorf("row %d strata: %+v", i, g.Strata)
		}
	}
	s.Groups = append(s.Groups, termstats.CellKey("C", "1"))
	s.Intervals[0] = append(s.Intervals[0], resample.Interval{Mean: 0, N: 10})
	got = Standardise(s)
	// W₁ = 110/150: C's standardised mean is its one stratum's, its
	// coverage W₁.
	if c := got[2]; c.Group != "C" || c.Std != 0 || math.Abs(c.Coverage-110.0/150) > 1e-15 {
		t.Errorf("C: %+v, want std 0, coverage 110/150", c)
	}
}
