package tonestats

import (
	"math"
	"slices"

	"parallax/analysis/termstats"
)

// StratumMean is a group's mean tone in one stratum: the mean of its N
// sentence scores there.
type StratumMean struct {
	Stratum string
	Mean    float64
	N       int
}

// Standardised is one group's tone by one instrument over the strata of
// --by: the crude mean (over all its sentences, as without --by), the
// directly standardised mean, and the means it is made from.
//
// Direct standardisation: with W_k the share of stratum k among the
// sentences of the whole corpus (the pooled stratum distribution, the
// standard population), the standardised mean of group g is
// Σ_k W_k·m_gk / Σ_k W_k over the strata k where g has sentences; the
// denominator is Coverage. When every group covers every stratum, the
// standardised means are what each group would show with the corpus's mix
// of strata, so differences of mix no longer enter their differences.
type Standardised struct {
	Group, Instrument string
	Crude, Std        float64
	Coverage          float64 // Σ W_k over the group's strata, 0–1
	N                 int     // sentences
	Strata            []StratumMean
}

// Standardise computes the standardised tone of every group and
// instrument from a Summary whose groups are (group, stratum) cells
// (termstats.CellKey), ordered by group, then instrument.
func Standardise(s *Summary) []Standardised {
	type cell struct {
		group, stratum string
		i              int
	}
	var cells []cell
	for i, key := range s.Groups {
		g, st := termstats.SplitCell(key)
		cells = append(cells, cell{g, st, i})
	}
	slices.SortStableFunc(cells, func(a, b cell) int {
		if a.group != b.group {
			if a.group < b.group {
				return -1
			}
			return 1
		}
		if a.stratum < b.stratum {
			return -1
		}
		if a.stratum > b.stratum {
			return 1
		}
		return 0
	})
	var out []Standardised
	for k, inst := range s.Instruments {
		weight := map[string]float64{}
		total := 0.0
		for _, c := range cells {
			n := float64(s.Intervals[k][c.i].N)
			weight[c.stratum] += n
			total += n
		}
		for i := 0; i < len(cells); {
			j := i
			r := Standardised{Group: cells[i].group, Instrument: inst}
			var sum, crude, cover float64
			for ; j < len(cells) && cells[j].group == cells[i].group; j++ {
				iv := s.Intervals[k][cells[j].i]
				if iv.N == 0 || math.IsNaN(iv.Mean) {
					continue
				}
				w := weight[cells[j].stratum] / total
				sum += w * iv.Mean
				cover += w
				crude += float64(iv.N) * iv.Mean
				r.N += iv.N
				r.Strata = append(r.Strata, StratumMean{Stratum: cells[j].stratum, Mean: iv.Mean, N: iv.N})
			}
			r.Std, r.Crude, r.Coverage = math.NaN(), math.NaN(), cover
			if cover > 0 {
				r.Std = sum / cover
				r.Crude = crude / float64(r.N)
			}
			out = append(out, r)
			i = j
		}
	}
	slices.SortStableFunc(out, func(a, b Standardised) int {
		if a.Group < b.Group {
			return -1
		}
		if a.Group > b.Group {
			return 1
		}
		return 0
	})
	return out
}
