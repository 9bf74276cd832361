package report

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"parallax/analysis/events"
	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/termstats"
	"parallax/analysis/tonestats"
)

// HTMLPage is what `parallax report` renders into one self-contained
// HTML page: compare's report (every section, with its provenance) and the
// results the charts and the evidence are drawn from. The command fills it
// from the same run that gives compare's tables, so every number in the
// page is one compare prints (docs/report.md), except the map coordinates,
// which are defined there.
type HTMLPage struct {
	Report  *Report  // compare's sections in order, and the provenance
	Groups  []string // the term table's groups: GroupKeyness.Group indexes them
	Keyness []termstats.GroupKeyness
	Sim     *termstats.SimMatrix
	Tone    *tonestats.Summary
	// Frames is the name of the frames lexicon and FrameKeys its categories
	// in order; FrameRows are compare's rows (nil with --frames none).
	Frames    string
	FrameKeys []string
	FrameRows []lexmatch.Row
	// LabelPassages are the label occurrences with their sentences.
	LabelPassages []framing.LabelPassage
	Quotes        []framing.QuoteRow
	Events        *events.Result
	// Compare is the compare command line giving the same numbers
	// ("parallax compare --sample allsides-middle-east"); Corpus is the
	// corpus part of a command line ("--sample allsides-middle-east", a
	// path), for the commands that list what the page leaves out.
	Compare, Corpus string
	// Limits: table rows, quotes per group, label passages per referent and
	// label, events with their passages (0: the defaults below).
	MaxRows, MaxQuotes, MaxLabelPassages, MaxEvents int
}

// Defaults of the report's limits (docs/report.md).
const (
	DefaultHTMLRows          = 250
	DefaultHTMLQuotes        = 5
	DefaultHTMLLabelPassages = 2
	DefaultHTMLEvents        = 25
	reportEventGroups        = 6 // groups shown side by side per event
	reportEventPassages      = 2 // passages per group and event, as compare shows
)

func (r *HTMLPage) limits() (rows, quotes, labels, events int) {
	rows, quotes, labels, events = r.MaxRows, r.MaxQuotes, r.MaxLabelPassages, r.MaxEvents
	if rows <= 0 {
		rows = DefaultHTMLRows
	}
	if quotes <= 0 {
		quotes = DefaultHTMLQuotes
	}
	if labels <= 0 {
		labels = DefaultHTMLLabelPassages
	}
	if events <= 0 {
		events = DefaultHTMLEvents
	}
	return
}

// ---- the page model ----

type htmlPage struct {
	Title   string
	Summary string
	Command string
	Options [][2]string
	Parts   []*htmlPart
	Compare string
}

type htmlPart struct {
	ID, Title string
	Intro     []string
	Charts    []htmlChart
	Tables    []*htmlTable
	Blocks    []*htmlBlock
	Events    []*htmlEvent
	EventNote string
}

type htmlChart struct {
	SVG     template.HTML
	Caption string
}

type htmlTable struct {
	Caption string
	Columns []htmlCell
	Rows    [][]htmlCell
	Notes   []string
	Cut     string // what was left out, and the command that lists it
}

type htmlCell struct {
	Text string
	Num  bool
}

// htmlBlock is a list of passages: evidence.
type htmlBlock struct {
	Title string
	Note  string
	Items []htmlItem
}

type htmlItem struct {
	Head, Meta, Text string
}

type htmlEvent struct {
	Title, Meta string
	Groups      []htmlEventGroup
	More        string
}

type htmlEventGroup struct {
	Group, Stats string
	Passages     []htmlItem
}

// WriteHTML writes the report as one HTML page with inline CSS and
// inline SVG charts: no script, no external resource. Text from the corpus
// is escaped by html/template (or by the SVG writer inside charts). The
// output depends only on r: the same run gives the same bytes.
func WriteHTML(w io.Writer, r *HTMLPage) error {
	if r == nil || r.Report == nil {
		return fmt.Errorf("html report: nothing to render")
	}
	if err := checkReport(r.Report); err != nil {
		return err
	}
	page, err := r.page()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := reportTemplate.Execute(bw, page); err != nil {
		return err
	}
	return bw.Flush()
}

func (r *HTMLPage) page() (*htmlPage, error) {
	p := &r.Report.Provenance
	parts, opts := provenanceParts(p, 0)
	page := &htmlPage{
		Title:   "parallax report · " + printable(p.Corpus),
		Summary: strings.Join(parts, " · "),
		Compare: r.Compare,
	}
	for _, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		page.Options = append(page.Options, [2]string{k, v})
	}
	ids := map[string]int{}
	for _, s := range r.Report.Sections {
		t := displayTable(s)
		part, err := r.part(s, t)
		if err != nil {
			return nil, err
		}
		if part == nil {
			continue
		}
		part.ID = "s-" + t.Name
		if n := ids[t.Name]; n > 0 {
			part.ID += "-" + strconv.Itoa(n+1)
		}
		ids[t.Name]++
		page.Parts = append(page.Parts, part)
	}
	return page, nil
}

// part renders one section of compare, with the charts and evidence that
// belong to it.
func (r *HTMLPage) part(s Section, t *Table) (*htmlPart, error) {
	rows, _, _, _ := r.limits()
	part := &htmlPart{Title: printable(t.Title)}
	switch t.Name {
	case "terms":
		if r.Keyness != nil {
			part.Tables = append(part.Tables, r.termsTable(t))
			return part, nil
		}
	case "similarity":
		if r.Sim != nil {
			charts, table, err := r.similarityCharts()
			if err != nil {
				return nil, err
			}
			part.Charts = append(part.Charts, charts...)
			part.Tables = append(part.Tables, r.table(t, 0))
			part.Tables = append(part.Tables, table)
			return part, nil
		}
	case "tone":
		if r.Tone != nil {
			part.Charts = append(part.Charts, r.toneCharts()...)
		}
	case "lexicon":
		if len(r.FrameRows) > 0 {
			part.Charts = append(part.Charts, r.frameChart())
		}
	case "labels":
		part.Tables = append(part.Tables, r.table(t, rows))
		if b := r.labelBlock(); b != nil {
			part.Blocks = append(part.Blocks, b)
		}
		return part, nil
	case "scare-quotes":
		part.Tables = append(part.Tables, r.table(t, rows))
		if b := r.quoteBlock(); b != nil {
			part.Blocks = append(part.Blocks, b)
		}
		return part, nil
	case "side_by_side":
		if r.Events != nil {
			r.eventGrid(part)
			part.Tables = nil
			return part, nil
		}
	}
	part.Tables = append(part.Tables, r.table(t, rows))
	return part, nil
}

// table converts a display table, keeping at most max rows (0: all).
func (r *HTMLPage) table(t *Table, max int) *htmlTable {
	num := numericColumns(collected(t))
	ht := &htmlTable{}
	for j, c := range t.Columns {
		ht.Columns = append(ht.Columns, htmlCell{Text: c, Num: num[j]})
	}
	total := 0
	for row := range t.AllRows() {
		total++
		if max > 0 && total > max {
			continue
		}
		cells := make([]htmlCell, len(row))
		for j, v := range row {
			text := textValue(v)
			// an interval "[-0.12, 0.03]" reads as one number
			cells[j] = htmlCell{Text: text, Num: num[j] || isIntervalText(text)}
		}
		ht.Rows = append(ht.Rows, cells)
	}
	for _, n := range t.Notes {
		ht.Notes = append(ht.Notes, printable(n))
	}
	if max > 0 && total > max {
		ht.Cut = fmt.Sprintf("The page shows the first %d of %d rows; `%s` prints them all (with --format csv -o DIR/, every row of the tidy tables).", max, total, r.compareCmd())
	}
	return ht
}

// isIntervalText reports a cell like "[-0.120, 0.034]".
func isIntervalText(s string) bool {
	lo, hi, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"), ", ")
	if !ok || len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	_, e1 := strconv.ParseFloat(lo, 64)
	_, e2 := strconv.ParseFloat(hi, 64)
	return e1 == nil && e2 == nil
}

func (r *HTMLPage) compareCmd() string {
	if r.Compare != "" {
		return r.Compare
	}
	return "parallax compare"
}

// command is a parallax command line on the report's corpus.
func (r *HTMLPage) command(name string, args ...string) string {
	parts := []string{"parallax", name}
	if r.Corpus != "" {
		parts = append(parts, r.Corpus)
	}
	return strings.Join(append(parts, args...), " ")
}

// fmtNum formats a float as the tables do.
func fmtNum(x float64, digits int) string { return textValue(Float(x, digits)) }

// ---- distinctive terms ----

func (r *HTMLPage) termsTable(t *Table) *htmlTable {
	ht := &htmlTable{Columns: []htmlCell{{Text: "group"}, {Text: "docs", Num: true}, {Text: "distinctive terms, strongest first: term (count, log-odds z)"}}}
	docs := map[string]string{}
	if j := colIndex(t, "docs"); j >= 0 {
		if g := colIndex(t, "group"); g >= 0 {
			for row := range t.AllRows() {
				docs[row[g].Str] = textValue(row[j])
			}
		}
	}
	for _, k := range r.Keyness {
		if k.Group < 0 || k.Group >= len(r.Groups) {
			continue
		}
		name := r.Groups[k.Group]
		var terms []string
		for _, kt := range k.Terms {
			if kt.SingleDoc {
				continue
			}
			terms = append(terms, fmt.Sprintf("%s (%d, %s)", kt.Term, kt.Count, fmtNum(kt.LogOddsZ, 2)))
		}
		text := strings.Join(terms, ", ")
		if k.NA != "" {
			text = k.NA
		}
		ht.Rows = append(ht.Rows, []htmlCell{{Text: name}, {Text: docs[name], Num: true}, {Text: text}})
	}
	for _, n := range t.Notes {
		ht.Notes = append(ht.Notes, printable(n))
	}
	ht.Notes = append(ht.Notes, "count: the term's occurrences in the group; log-odds z: logodds_z of the terms table (--format csv or json), two decimals.")
	return ht
}

func colIndex(t *Table, name string) int {
	for j, c := range t.Columns {
		if c == name {
			return j
		}
	}
	return -1
}

// ---- similarity: heatmap and map ----

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
	cell := 56.0
	switch {
	case n > 30:
		cell = 12
	case n > 12:
		cell = 22
	}
	font := 11.0
	labelW := 0.0
	for _, i := range order {
		labelW = math.Max(labelW, svgTextWidth(shorten(s.Labels[i], 28), font))
	}
	labelW += 8
	top := labelW
	width, height := labelW+cell*float64(n)+10, top+cell*float64(n)+10
	svg := newSVG(width, height, "similarity heatmap")
	svg.b.WriteString(`<g font-size="11" font-family="sans-serif">`)
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
				fill = heatColour(v, lo, hi)
				if i == j {
					fill = "#888888"
				}
			}
			svg.Rect(x, y, cell-1, cell-1, fill, s.Labels[i]+" – "+s.Labels[j]+": "+txt)
			if cell >= 40 {
				colour := "#000000"
				if ok && (i == j || hi > lo && (v-lo)/(hi-lo) > 0.55) {
					colour = "#ffffff"
				}
				svg.Text(x+cell/2, y+cell/2+4, "middle", txt, "fill", colour)
			}
		}
	}
	svg.b.WriteString(`</g>`)
	charts := []htmlChart{{SVG: svg.HTML(), Caption: fmt.Sprintf(
		"Similarity (%s) between groups, rows and columns in the clustering order of the table below (average linkage on 1 − similarity). Darker is more similar, from the lowest off-diagonal value (%s) to the highest (%s); the diagonal (1) is grey. Hover a cell for its value.",
		s.Measure, fmtNum(lo, 3), fmtNum(hi, 3))}}
	m, err := termstats.SimilarityMDS(s)
	if err != nil {
		return nil, nil, err
	}
	if len(m.Labels) >= 2 {
		charts = append(charts, mdsChart(m))
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

func pct(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmtNum(100*x, 1) + "%"
}

func mdsChart(m *termstats.MDSMap) htmlChart {
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
	// a scale bar of 0.1 distance
	svg.Line(pad/2, h-pad/2, pad/2+0.1*scale, h-pad/2, "#333333", 2)
	svg.Text(pad/2, h-pad/2-6, "start", "0.1", "fill", "#333333")
	for k, name := range m.Labels {
		x, y := cx+m.X[k]*scale, cy-m.Y[k]*scale
		svg.Circle(x, y, 4, "#2166ac", fmt.Sprintf("%s: (%s, %s)", name, fmtNum(m.X[k], 3), fmtNum(m.Y[k], 3)))
		anchor, dx := "start", 6.0
		if x > w*0.7 {
			anchor, dx = "end", -6
		}
		svg.Text(x+dx, y-5, anchor, shorten(name, 28))
	}
	svg.b.WriteString(`</g>`)
	return htmlChart{SVG: svg.HTML(), Caption: fmt.Sprintf(
		"Map of the groups: classical multidimensional scaling of the distances 1 − similarity; the closer two groups, the more similar their vocabularies. Axes have no meaning of their own (any rotation or reflection fits as well); the bar is a distance of 0.1. The two dimensions hold %s of the variance.", pct(m.Explained))}
}

// ---- bars with intervals ----

// intervalBars draws one row per label: a bar from 0 to the value, a
// whisker from low to high, and the numbers as the table prints them.
func intervalBars(title string, labels []string, val, low, high []float64, text []string, scaleLo, scaleHi float64) template.HTML {
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
	zero := x(math.Max(scaleLo, math.Min(0, scaleHi)))
	svg.Line(zero, 4, zero, height-22, "#999999", 1)
	for _, tick := range []float64{scaleLo, scaleHi} {
		svg.Text(x(tick), height-8, "middle", strconv.FormatFloat(tick, 'g', 3, 64), "fill", "#666666")
	}
	if zero > x(scaleLo)+20 && zero < x(scaleHi)-20 {
		svg.Text(zero, height-8, "middle", "0", "fill", "#666666")
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
		a, b := niceRange(lo, hi)
		out = append(out, htmlChart{
			SVG:     intervalBars("tone: "+in, s.Groups, val, low, high, text, a, b),
			Caption: fmt.Sprintf("%s: each group's mean sentence score (bar) with its 95%% bootstrap interval (whisker), the numbers of the table below.", in),
		})
	}
	return out
}

// frameChart is a grid: one row per group, one column per category, each
// cell a bar of hits per 1,000 words with its interval, scaled per column.
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
	const rowH, colW, barW, font = 18.0, 116.0, 66.0, 11.0
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
		svg.Text(x0, head-22, "start", shorten(key, 18), "font-weight", "bold", "font-size", "10")
		svg.Text(x0, head-8, "start", "0 to "+fmtNum(colMax[key], 2), "fill", "#666666")
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
			if colMax[key] > 0 {
				scale = barW / colMax[key]
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
		"Lexicon %q: hits per 1,000 words (bar and number, per_1k) with the 95%% bootstrap interval (line, ci_low to ci_high of --format csv or json); each column has its own scale, from 0 to its largest value.", r.Frames)}
}

// ---- evidence ----

func (r *HTMLPage) labelBlock() *htmlBlock {
	if len(r.LabelPassages) == 0 {
		return nil
	}
	_, _, max, _ := r.limits()
	b := &htmlBlock{Title: "Labels in context"}
	seen := map[[4]string]int{}
	total := 0
	for _, p := range r.LabelPassages {
		k := [4]string{p.Hit.Referent, p.Hit.Label, p.Group, p.Hit.Voice}
		total++
		if seen[k] >= max {
			continue
		}
		seen[k]++
		b.Items = append(b.Items, htmlItem{
			Head: p.Hit.Referent + " / " + p.Hit.Label,
			Meta: fmt.Sprintf("%s · %s #%d · %s", p.Group, p.Doc, p.Hit.Sentence+1, p.Hit.Voice),
			Text: p.Hit.Text,
		})
	}
	b.Note = fmt.Sprintf("At most %d passages per referent, label, group and voice, in input order; the label's words are in [brackets]. `%s` lists more.",
		max, r.command("labels", "--passages", "5"))
	if len(b.Items) < total {
		b.Note = fmt.Sprintf("%d of %d passages shown. ", len(b.Items), total) + b.Note
	}
	return b
}

func (r *HTMLPage) quoteBlock() *htmlBlock {
	if len(r.Quotes) == 0 {
		return nil
	}
	_, max, _, _ := r.limits()
	b := &htmlBlock{Title: "Quotations"}
	per := map[string]int{}
	left := 0
	for _, q := range r.Quotes {
		if per[q.Group] >= max {
			left++
			continue
		}
		per[q.Group]++
		speaker := q.Speaker
		if speaker == "" {
			speaker = "no speaker"
		}
		meta := fmt.Sprintf("%s · %s #%d", q.Group, q.Doc, q.Sentence+1)
		if q.Kind != framing.QuoteScare {
			meta += " · " + speaker
			if q.Verb != "" {
				meta += " (" + q.Verb + ")"
			}
		}
		b.Items = append(b.Items, htmlItem{Head: q.Kind.String(), Meta: meta, Text: q.Text})
	}
	b.Note = fmt.Sprintf("The first %d quotations (direct, indirect and scare) of each group, in input order", max)
	if left > 0 {
		b.Note += fmt.Sprintf("; %d more not shown", left)
	}
	b.Note += fmt.Sprintf(". `%s` lists every one (--kind scare: the scare quotes only).", r.command("quotes"))
	return b
}

func (r *HTMLPage) eventGrid(part *htmlPart) {
	_, _, _, maxEvents := r.limits()
	ev := r.Events
	byEvent := map[string][]*events.Summary{}
	for i := range ev.Summaries {
		s := &ev.Summaries[i]
		byEvent[s.Event] = append(byEvent[s.Event], s)
	}
	shown := 0
	for _, info := range ev.Events {
		sums := byEvent[info.ID]
		withText := 0
		for _, s := range sums {
			if len(s.Passages) > 0 {
				withText++
			}
		}
		if withText == 0 {
			continue
		}
		if shown >= maxEvents {
			shown++
			continue
		}
		shown++
		he := &htmlEvent{Title: info.ID, Meta: strings.TrimSpace(info.Name + " · " + info.Level + ", " + info.Source)}
		for _, s := range sums {
			if len(s.Passages) == 0 {
				continue
			}
			if len(he.Groups) >= reportEventGroups {
				continue
			}
			g := htmlEventGroup{Group: s.Group, Stats: fmt.Sprintf("docs %d · sentences %d · share_pct %s · tone %s %s",
				s.Docs, s.Sentences, fmtNum(100*s.Share, 2), fmtNum(s.Tone.Mean, 3), ciText(s.Tone))}
			for k, p := range s.Passages {
				if k >= reportEventPassages {
					break
				}
				g.Passages = append(g.Passages, htmlItem{Meta: fmt.Sprintf("%s #%d", p.DocID, p.Sentence), Text: p.Text})
			}
			he.Groups = append(he.Groups, g)
		}
		if withText > len(he.Groups) {
			he.More = fmt.Sprintf("%d more groups with passages: `%s`.", withText-len(he.Groups), r.command("events", "--level passage"))
		}
		part.Events = append(part.Events, he)
	}
	part.EventNote = fmt.Sprintf("Each group's first %d passages of the event, in input order, under its numbers from the events table (docs, sentences, share_pct, tone and its interval); at most %d groups per event.",
		reportEventPassages, reportEventGroups)
	if shown > maxEvents {
		part.EventNote += fmt.Sprintf(" The page shows the first %d of %d events with passages; `%s` lists every passage of every event.", maxEvents, shown, r.command("events", "--level passage"))
	}
}

// ---- the template ----

// codeSpans escapes s and sets the parts between backticks (commands) as
// code.
func codeSpans(s string) template.HTML {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // an unpaired backtick: plain text
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(p) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(p))
		}
	}
	return template.HTML(b.String()) //nolint:gosec // every part escaped
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"code": codeSpans}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0 auto;max-width:1200px;padding:0 16px 40px}
h1{font-size:24px;margin:18px 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ccc;padding-bottom:3px}h3{font-size:15px;margin:16px 0 6px}
.prov{color:#555;font-size:12px}code{background:#f3f3f3;padding:1px 4px;font-size:12px}
nav ol{columns:3;font-size:13px;padding-left:20px}
table{border-collapse:collapse;font-size:12px;margin:6px 0}th,td{border-bottom:1px solid #e3e3e3;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f3f5f8;position:sticky;top:0}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
.notes{font-size:12px;color:#555;margin:4px 0 10px;padding-left:18px}.cut{font-size:12px;color:#8a4b00}
figure{margin:10px 0 14px;overflow-x:auto}figcaption{font-size:12px;color:#555;max-width:900px}
.items{list-style:none;padding:0;font-size:13px}.items li{margin:0 0 6px;padding:4px 8px;border-left:3px solid #d0d7e2}.meta{color:#666;font-size:11px}
.event{border:1px solid #ddd;border-radius:4px;margin:10px 0;padding:6px 10px}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:10px}
.grid div{font-size:12.5px}.grid h4{margin:4px 0 2px;font-size:13px}.grid p{margin:4px 0}
footer{margin-top:40px;font-size:12px;color:#555}footer td{font-size:11px}
</style>
</head>
<body>
<header>
<h1>parallax report</h1>
<p class="prov">{{.Summary}}</p>
{{- if .Compare}}
<p class="prov">The same numbers as text: <code>{{.Compare}}</code>. The options are listed at the end of the page.</p>
{{- end}}
</header>
<nav><ol>
{{- range .Parts}}
<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{- end}}
</ol></nav>
{{- range .Parts}}
<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{- range .Charts}}
<figure>{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{- end}}
{{- range .Tables}}
{{- if .Caption}}
<h3>{{.Caption}}</h3>
{{- end}}
<div class="scroll"><table>
<thead><tr>{{range .Columns}}<th{{if .Num}} class="n"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td{{if .Num}} class="n"{{end}}>{{.Text}}</td>{{end}}</tr>
{{- end}}
</tbody></table></div>
{{- if .Cut}}
<p class="cut">{{code .Cut}}</p>
{{- end}}
{{- if .Notes}}
<ul class="notes">{{range .Notes}}<li>{{code .}}</li>{{end}}</ul>
{{- end}}
{{- end}}
{{- range .Blocks}}
<h3>{{.Title}}</h3>
<p class="cut">{{code .Note}}</p>
<ul class="items">
{{- range .Items}}
<li><b>{{.Head}}</b> <span class="meta">{{.Meta}}</span><br>{{.Text}}</li>
{{- end}}
</ul>
{{- end}}
{{- if .EventNote}}
<p class="cut">{{code .EventNote}}</p>
{{- end}}
{{- range .Events}}
<div class="event"><h3>{{.Title}} <span class="meta">{{.Meta}}</span></h3>
<div class="grid">
{{- range .Groups}}
<div><h4>{{.Group}}</h4><span class="meta">{{.Stats}}</span>
{{- range .Passages}}
<p>{{.Text}} <span class="meta">({{.Meta}})</span></p>
{{- end}}
</div>
{{- end}}
</div>
{{- if .More}}
<p class="cut">{{code .More}}</p>
{{- end}}
</div>
{{- end}}
</section>
{{- end}}
<footer>
<h2>Provenance</h2>
<p>{{.Summary}}</p>
<table>
{{- range .Options}}
<tr><td>{{index . 0}}</td><td>{{index . 1}}</td></tr>
{{- end}}
</table>
<p>Made by parallax report: one file, no script, no external resource. docs/report.md says how each chart is computed.</p>
</footer>
</body>
</html>
`))
