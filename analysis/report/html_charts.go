package report

import (
	"fmt"
	"html/template"
	"math"
	"strconv"

	"parallax/analysis/termstats"
)

// heatColour maps v in [lo, hi] to a blue of falling lightness.
func heatColour(v, lo, hi float64) string {
	x := 0.5
	if hi > lo {
		x = (v - lo) / (hi - lo)
	}
	x = math.Max(0, math.Min(1, x))
	// from #f4f7fb (light) to #08306b (dark)
	c := func(a, b float64) int { return int(math.Round(a + (b-a)*x)) }
	return fmt.Sprintf("#%02x%02x%02x", c(0xf4, 0x08), c(0xf7, 0x30), c(0xfb, 0x6b))
}

func (r *HTMLPage) similarityCharts() ([]htmlChart, *htmlTable, error) {
	s := r.Sim
	var charts []htmlChart
	if len(s.Labels) <= MaxHeatmapGroups {
		charts = append(charts, heatmapChart(s))
	}
	m, err := termstats.SimilarityMDS(s)
	if err != nil {
		return nil, nil, err
	}
	if len(m.Labels) >= 2 {
		charts = append(charts, mdsChart(m, r.groupDocs()))
	}
	ht := &htmlTable{Caption: "Map coordinates (classical MDS of d = 1 − similarity)",
		Columns: []htmlCell{{Text: "group"}, {Text: "dim1", Num: true}, {Text: "dim2", Num: true}}}
	for k, name := range m.Labels {
		ht.Rows = append(ht.Rows, []htmlCell{{Text: name}, {Text: fmtNum(m.X[k], 3), Num: true}, {Text: fmtNum(m.Y[k], 3), Num: true}})
	}
	ht.Notes = []string{fmt.Sprintf("Eigenvalues of the two dimensions: %s and %s; they hold %s of the sum of the positive eigenvalues (%s). Largest difference between a distance on the map and 1 − similarity: %s. docs/report.md defines the map.",
		fmtNum(m.Eigen[0], 4), fmtNum(m.Eigen[1], 4), pct(m.Explained), fmtNum(m.Positive, 4), fmtNum(m.MaxError, 3))}
	if len(m.Labels) < len(s.Labels) {
		ht.Notes = append(ht.Notes, fmt.Sprintf("%d group(s) without counted terms are not on the map.", len(s.Labels)-len(m.Labels)))
	}
	return charts, ht, nil
}

// heatmapChart draws the similarity matrix as coloured cells in clustering
// order, the colour running over the whole scale 0–1, with a legend that
// prints the range the values span.
func heatmapChart(s *termstats.SimMatrix) htmlChart {
	order := termstats.ClusterOrder(s)
	n := len(order)
	lo, hi := math.Inf(1), math.Inf(-1)
	for a, i := range order {
		for _, j := range order[:a] {
			if v, ok := s.At(i, j); ok {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	cell, font := heatmapCell(n)
	labelW := 0.0
	for _, i := range order {
		labelW = math.Max(labelW, svgTextWidth(shorten(s.Labels[i], 28), font))
	}
	labelW += 8
	top := labelW
	width := math.Max(labelW+cell*float64(n)+10, 10+heatLegendW+12+svgTextWidth("values 0.000 to 0.000", 16)+10)
	height := top + cell*float64(n) + 10 + heatLegendH
	svg := newSVG(width, height, "similarity heatmap")
	svg.b.WriteString(`<g font-size="` + svgNum(font) + `" font-family="sans-serif">`)
	for a, i := range order {
		name := shorten(s.Labels[i], 28)
		y := top + cell*float64(a) + cell/2 + 4
		svg.Text(labelW-6, y, "end", name)
		x := labelW + cell*float64(a) + cell/2 + 4
		svg.Text(x, top-6, "start", name, "transform", "rotate(-90 "+svgNum(x)+" "+svgNum(top-6)+")")
	}
	for a, i := range order {
		for b, j := range order {
			x, y := labelW+cell*float64(b), top+cell*float64(a)
			v, ok := s.At(i, j)
			fill, txt := "#dddddd", "n/a"
			if ok {
				txt = fmtNum(v, 3)
				fill = heatColour(v, 0, 1)
				if i == j {
					fill = "#888888"
				}
			}
			svg.Rect(x, y, cell-1, cell-1, fill, s.Labels[i]+" – "+s.Labels[j]+": "+txt)
			if cell >= 40 {
				colour := "#000000"
				if ok && (i == j || v > 0.55) {
					colour = "#ffffff"
				}
				svg.Text(x+cell/2, y+cell/2+4, "middle", txt, "fill", colour)
			}
		}
	}
	svg.b.WriteString(`</g>`)
	heatLegend(svg, 10, top+cell*float64(n)+10, lo, hi)
	return htmlChart{SVG: svg.HTML(), Caption: fmt.Sprintf(
		"Similarity (%s) between groups, rows and columns in the clustering order of the table below (average linkage on 1 − similarity). The colour runs from white (0) to dark blue (1) on the whole scale; the values between different groups span %s to %s (the bracket on the legend); the diagonal (1) is grey. Hover a cell for its value.",
		s.Measure, fmtNum(lo, 3), fmtNum(hi, 3))}
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmtNum(100*x, 1) + "%"
}

func mdsChart(m *termstats.MDSMap, docs map[string]int) htmlChart {
	w, h, pad := 640.0, 480.0, 40.0
	if len(m.Labels) > 20 { // room for many labels
		w, h = 1000, 760
	}
	span := 1e-9
	for k := range m.X {
		span = math.Max(span, math.Max(math.Abs(m.X[k]), math.Abs(m.Y[k])))
	}
	// one scale for both axes, so that distances on the page are distances
	scale := math.Min((w/2-pad-60)/span, (h/2-pad)/span)
	cx, cy := w/2, h/2
	svg := newSVG(w, h, "map of the groups")
	svg.b.WriteString(`<g font-size="11" font-family="sans-serif">`)
	svg.Rect(0, 0, w, h, "#ffffff", "")
	svg.Line(pad/2, cy, w-pad/2, cy, "#bbbbbb", 1)
	svg.Line(cx, pad/2, cx, h-pad/2, "#bbbbbb", 1)
	svg.Text(w-pad/2, cy-6, "end", "dimension 1", "fill", "#666666")
	svg.Text(cx+6, pad/2+10, "start", "dimension 2", "fill", "#666666")
	// a scale bar of 0.1 distance, and how far the map is from the distances
	svg.Line(pad/2, h-pad/2, pad/2+0.1*scale, h-pad/2, "#333333", 2)
	svg.Text(pad/2, h-pad/2-6, "start", "0.1", "fill", "#333333")
	svg.Text(pad/2+0.1*scale+10, h-pad/2+4, "start", "map distances are off by up to "+fmtNum(m.MaxError, 3), "fill", "#333333", "font-size", "13")
	xs, ys := make([]float64, len(m.Labels)), make([]float64, len(m.Labels))
	for k, name := range m.Labels {
		xs[k], ys[k] = cx+m.X[k]*scale, cy-m.Y[k]*scale
		svg.Circle(xs[k], ys[k], 4, "#2166ac", fmt.Sprintf("%s: (%s, %s)", name, fmtNum(m.X[k], 3), fmtNum(m.Y[k], 3)))
	}
	axis1, axis2 := svgTextWidth("dimension 1", 11), svgTextWidth("dimension 2", 11)
	unlabelled := placeMapLabels(svg, m.Labels, xs, ys, docs, w, h,
		labelBox{w - pad/2 - axis1, cy - 18, w - pad/2, cy - 2}, labelBox{cx + 6, pad/2 - 2, cx + 6 + axis2, pad/2 + 14})
	svg.b.WriteString(`</g>`)
	caption := fmt.Sprintf(
		"Map of the groups: classical multidimensional scaling of the distances 1 − similarity; the closer two groups, the more similar their vocabularies. Axes have no meaning of their own (any rotation or reflection fits as well); the bar is a distance of 0.1, and no distance on the map differs from 1 − similarity by more than %s. The two dimensions hold %s of the variance.", fmtNum(m.MaxError, 3), pct(m.Explained))
	if unlabelled > 0 {
		caption += fmt.Sprintf(" Labels are placed where they overlap nothing, the groups with the most documents first: %s had no room for a label; hover a point for its name.", Plural(unlabelled, "group"))
	}
	return htmlChart{SVG: svg.HTML(), Caption: caption}
}

// ---- bars with intervals ----

// intervalBars draws one row per label: a bar from the neutral point (0
// for VADER, 0.5 for nb_pos) to the value, a whisker from low to high, and
// the numbers as the table prints them; the axis names the neutral point.
func intervalBars(title string, labels []string, val, low, high []float64, text []string, scaleLo, scaleHi, neutral float64) template.HTML {
	const rowH, barW, font = 18.0, 320.0, 11.0
	labelW := 0.0
	for _, l := range labels {
		labelW = math.Max(labelW, svgTextWidth(shorten(l, 28), font))
	}
	labelW += 10
	textW := 0.0
	for _, t := range text {
		textW = math.Max(textW, svgTextWidth(t, font))
	}
	width := labelW + barW + 16 + textW
	height := rowH*float64(len(labels)) + 30
	x := func(v float64) float64 {
		if scaleHi <= scaleLo {
			return labelW
		}
		return labelW + (v-scaleLo)/(scaleHi-scaleLo)*barW
	}
	svg := newSVG(width, height, title)
	svg.b.WriteString(`<g font-size="11" font-family="sans-serif">`)
	zero := x(math.Max(scaleLo, math.Min(neutral, scaleHi)))
	svg.Line(zero, 4, zero, height-22, "#555555", 1.5)
	for i, tick := range []float64{scaleLo, scaleHi} {
		label, anchor := strconv.FormatFloat(tick, 'g', 3, 64), "middle"
		if tick == neutral {
			label += " neutral"
			anchor = [2]string{"start", "end"}[i]
		}
		svg.Text(x(tick), height-8, anchor, label, "fill", "#666666")
	}
	if zero > x(scaleLo)+40 && zero < x(scaleHi)-40 {
		svg.Text(zero, height-8, "middle", strconv.FormatFloat(neutral, 'g', 3, 64)+" neutral", "fill", "#333333")
	}
	for i, l := range labels {
		y := 4 + rowH*float64(i)
		svg.Text(labelW-6, y+rowH/2+4, "end", shorten(l, 28))
		if math.IsNaN(val[i]) {
			svg.Text(labelW+barW+8, y+rowH/2+4, "start", text[i])
			continue
		}
		x0, x1 := zero, x(val[i])
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		svg.Rect(x0, y+4, math.Max(x1-x0, 0.5), rowH-8, "#92c5de", l+": "+text[i])
		if !math.IsNaN(low[i]) && !math.IsNaN(high[i]) {
			yc := y + rowH/2
			svg.Line(x(low[i]), yc, x(high[i]), yc, "#053061", 1.5)
			svg.Line(x(low[i]), yc-4, x(low[i]), yc+4, "#053061", 1.5)
			svg.Line(x(high[i]), yc-4, x(high[i]), yc+4, "#053061", 1.5)
		}
		svg.Text(labelW+barW+8, y+rowH/2+4, "start", text[i])
	}
	svg.b.WriteString(`</g>`)
	return svg.HTML()
}

// niceRange widens [lo, hi] to include 0 and rounds it outwards to a
// tenth (or to a power of ten below 1).
func niceRange(lo, hi float64) (float64, float64) {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi-lo == 0 {
		return 0, 1
	}
	// steps of half a power of ten; dividing by the inverse keeps 0.3 exact
	inv := 2 / math.Pow(10, math.Floor(math.Log10(hi-lo)))
	return math.Floor(lo*inv) / inv, math.Ceil(hi*inv) / inv
}

func (r *HTMLPage) toneCharts() []htmlChart {
	s := r.Tone
	var out []htmlChart
	for k, in := range s.Instruments {
		n := len(s.Groups)
		val, low, high := make([]float64, n), make([]float64, n), make([]float64, n)
		text := make([]string, n)
		lo, hi := math.Inf(1), math.Inf(-1)
		for g := range s.Groups {
			iv := s.Intervals[k][g]
			val[g], low[g], high[g] = iv.Mean, iv.Low, iv.High
			text[g] = fmtNum(iv.Mean, 3) + " " + ciText(iv)
			for _, v := range []float64{iv.Mean, iv.Low, iv.High} {
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
		if math.IsInf(lo, 0) {
			lo, hi = 0, 1
		}
		neutral := 0.0
		if in == "nb_pos" {
			neutral = 0.5
		}
		a, b := niceRange(lo-neutral, hi-neutral)
		out = append(out, htmlChart{
			SVG:     intervalBars("tone: "+in, s.Groups, val, low, high, text, a+neutral, b+neutral, neutral),
			Caption: fmt.Sprintf("%s: each group's mean sentence score (bar, drawn from the neutral point %s) with its 95%% bootstrap interval (whisker), the numbers of the table below; a whisker crossing the neutral line means the tone cannot be told apart from neutral.", in, strconv.FormatFloat(neutral, 'g', 3, 64)),
		})
	}
	return out
}

// frameChart is a grid: one row per group, one column per category, each
// cell a bar of hits per 1,000 words with its interval, every column on
// the same scale (from 0 to the largest value or interval end of the
// grid), so that bars compare across categories; headers are never cut.
func (r *HTMLPage) frameChart() htmlChart {
	type cellv struct{ v, lo, hi float64 }
	var groups []string
	seen := map[string]bool{}
	cells := map[[2]string]cellv{}
	colMax := map[string]float64{}
	for _, row := range r.FrameRows {
		if !seen[row.Group] {
			seen[row.Group] = true
			groups = append(groups, row.Group)
		}
		cells[[2]string{row.Group, row.Key}] = cellv{row.Per1k, row.Low, row.High}
		for _, v := range []float64{row.Per1k, row.High} {
			if !math.IsNaN(v) {
				colMax[row.Key] = math.Max(colMax[row.Key], v)
			}
		}
	}
	keys := r.FrameKeys
	top := 0.0
	for _, m := range colMax {
		top = math.Max(top, m)
	}
	const rowH, barW, font = 18.0, 66.0, 11.0
	colW := 116.0
	for _, key := range r.FrameKeys {
		colW = math.Max(colW, svgTextWidth(key, 10)+14)
	}
	labelW := 0.0
	for _, g := range groups {
		labelW = math.Max(labelW, svgTextWidth(shorten(g, 28), font))
	}
	labelW += 10
	head := 40.0
	width := labelW + colW*float64(len(keys))
	height := head + rowH*float64(len(groups)) + 6
	svg := newSVG(width, height, "frames per group")
	svg.b.WriteString(`<g font-size="11" font-family="sans-serif">`)
	for c, key := range keys {
		x0 := labelW + colW*float64(c)
		svg.Text(x0, head-22, "start", key, "font-weight", "bold", "font-size", "10")
		svg.Text(x0, head-8, "start", "0 to "+fmtNum(top, 2), "fill", "#666666")
		if c > 0 {
			svg.Line(x0-4, head-30, x0-4, height, "#eeeeee", 1)
		}
	}
	for gi, g := range groups {
		y := head + rowH*float64(gi)
		svg.Text(labelW-6, y+rowH/2+4, "end", shorten(g, 28))
		for c, key := range keys {
			cv, ok := cells[[2]string{g, key}]
			if !ok {
				continue
			}
			x0 := labelW + colW*float64(c)
			scale := 0.0
			if top > 0 {
				scale = barW / top
			}
			title := fmt.Sprintf("%s, %s: %s per 1,000 words [%s, %s]", g, key, fmtNum(cv.v, 2), fmtNum(cv.lo, 2), fmtNum(cv.hi, 2))
			svg.Rect(x0, y+4, math.Max(cv.v*scale, 0.5), rowH-8, "#f4a582", title)
			if !math.IsNaN(cv.lo) && !math.IsNaN(cv.hi) && scale > 0 {
				yc := y + rowH/2
				svg.Line(x0+cv.lo*scale, yc, x0+cv.hi*scale, yc, "#67001f", 1.2)
			}
			svg.Text(x0+barW+4, y+rowH/2+4, "start", fmtNum(cv.v, 2), "fill", "#333333")
		}
	}
	svg.b.WriteString(`</g>`)
	return htmlChart{SVG: svg.HTML(), Caption: fmt.Sprintf(
		"Lexicon %q: hits per 1,000 words (bar and number, per_1k) with the 95%% bootstrap interval (line, ci_low to ci_high of --format csv or json); every column has the same scale, from 0 to %s.", r.Frames, fmtNum(top, 2))}
}
