package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// MaxHeatmapGroups is the most groups the report draws as a heatmap and
// prints as a matrix; above it the page shows the most and least similar
// pairs and each group's nearest groups, and leaves the matrix to the CSV.
const MaxHeatmapGroups = 100

// heatmapCell is the side of a heatmap cell and the label font size for n
// groups: the cells shrink as groups are added, so that 100 groups fit in
// about 1,100 pixels, and the labels shrink with them to stay one a row.
func heatmapCell(n int) (cell, font float64) {
	switch {
	case n <= 12:
		return 56, 11
	case n <= 30:
		return 22, 11
	case n <= 60:
		return 14, 10
	}
	return 10, 8
}

// The legend under the heatmap: a bar from 0 to 1 and the range of values.
const (
	heatLegendW = 300.0
	heatLegendH = 64.0
)

// heatLegend draws the colour scale at (x, y): a bar from 0 to 1 in the
// heatmap's colours with ticks, a bracket over the part from lo to hi, and
// the range in large type.
func heatLegend(svg *svgDoc, x, y, lo, hi float64) {
	const steps, barH = 50, 12.0
	step := heatLegendW / steps
	for k := range steps {
		v := (float64(k) + 0.5) / steps
		svg.Rect(x+float64(k)*step, y+22, step+0.3, barH, heatColour(v, 0, 1), "")
	}
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		tx := x + t*heatLegendW
		svg.Line(tx, y+22+barH, tx, y+22+barH+4, "#333333", 1)
		svg.Text(tx, y+22+barH+15, "middle", strconv.FormatFloat(t, 'g', -1, 64), "font-size", "10", "font-family", "sans-serif")
	}
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		svg.Text(x, y+14, "start", "no pair of groups to compare", "font-size", "15", "font-family", "sans-serif")
		return
	}
	bx0, bx1 := x+lo*heatLegendW, x+hi*heatLegendW
	svg.Line(bx0, y+18, bx1, y+18, "#b2182b", 3)
	svg.Line(bx0, y+14, bx0, y+22, "#b2182b", 2)
	svg.Line(bx1, y+14, bx1, y+22, "#b2182b", 2)
	svg.Text(x+heatLegendW+12, y+33, "start", "values "+fmtNum(lo, 3)+" to "+fmtNum(hi, 3), "font-size", "16", "font-weight", "bold", "font-family", "sans-serif")
}

// groupDocs is each group's documents, read from the report's corpus
// table; nil when the report has none.
func (r *HTMLPage) groupDocs() map[string]int {
	if r.Report == nil {
		return nil
	}
	for _, s := range r.Report.Sections {
		t := s.Display
		if t == nil || t.Name != "corpus" || len(t.Columns) < 2 || t.Columns[1] != "docs" {
			continue
		}
		docs := map[string]int{}
		for row := range t.AllRows() {
			if len(row) > 1 && row[1].Kind == KindInt {
				docs[row[0].Str] = int(row[1].Int)
			}
		}
		return docs
	}
	return nil
}

// labelBox is the rectangle a map label or point takes.
type labelBox struct{ x0, y0, x1, y1 float64 }

func (a labelBox) overlaps(b labelBox) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// placeMapLabels writes a label beside each point (xs[k], ys[k]) of the
// map where it overlaps no label placed before, no point, nothing in avoid
// (the axis titles) and no edge of the
// w × h chart, trying eight positions around the point; the groups with
// the most documents (docs) are placed first, ties by name. It returns the
// number of points left without a label (their hover titles name them).
func placeMapLabels(svg *svgDoc, labels []string, xs, ys []float64, docs map[string]int, w, h float64, avoid ...labelBox) int {
	const font, r = 11.0, 4.0
	order := make([]int, len(labels))
	for k := range order {
		order[k] = k
	}
	sortByDocs(order, labels, docs)
	taken := append([]labelBox(nil), avoid...)
	for k := range labels {
		taken = append(taken, labelBox{xs[k] - r, ys[k] - r, xs[k] + r, ys[k] + r})
	}
	bounds := labelBox{2, 2, w - 2, h - 30} // above the scale bar
	unlabelled := 0
	for _, k := range order {
		text := shorten(labels[k], 28)
		tw, th := svgTextWidth(text, font), font+4 // the glyphs' ascent and descent
		placed := false
		for _, c := range [...]struct{ dx, dy float64 }{{6, -5}, {-6, -5}, {6, 13}, {-6, 13}, {0, -8}, {0, 18}, {8, 4}, {-8, 4}} {
			x0 := xs[k] + c.dx
			anchor := "start"
			switch {
			case c.dx < 0:
				x0, anchor = xs[k]+c.dx-tw, "end"
			case c.dx == 0:
				x0, anchor = xs[k]-tw/2, "middle"
			}
			box := labelBox{x0, ys[k] + c.dy - font, x0 + tw, ys[k] + c.dy - font + th}
			if box.x0 < bounds.x0 || box.x1 > bounds.x1 || box.y0 < bounds.y0 || box.y1 > bounds.y1 || overlapsAny(box, taken) {
				continue
			}
			taken = append(taken, box)
			svg.Text(xs[k]+c.dx, ys[k]+c.dy, anchor, text, "class", "map-label")
			placed = true
			break
		}
		if !placed {
			unlabelled++
		}
	}
	return unlabelled
}

func overlapsAny(b labelBox, boxes []labelBox) bool {
	for _, o := range boxes {
		if b.overlaps(o) {
			return true
		}
	}
	return false
}

// sortByDocs orders the indexes of labels by their documents, most first,
// then by name.
func sortByDocs(order []int, labels []string, docs map[string]int) {
	sort.SliceStable(order, func(a, b int) bool {
		da, db := docs[labels[order[a]]], docs[labels[order[b]]]
		if da != db {
			return da > db
		}
		return labels[order[a]] < labels[order[b]]
	})
}

// similarityTables is the similarity matrix t as the page shows it: the
// matrix itself up to MaxHeatmapGroups groups; above, its most and least
// similar pairs and each group's nearest groups (t.Narrow), with a note
// saying what the page leaves to the CSV.
func (r *HTMLPage) similarityTables(t *Table) []*htmlTable {
	n := len(r.Sim.Labels)
	if n <= MaxHeatmapGroups || len(t.Narrow) == 0 {
		return []*htmlTable{r.table(t, 0)}
	}
	var out []*htmlTable
	for _, nt := range t.Narrow {
		ht := r.table(nt, 0)
		ht.Caption = printable(nt.Title)
		out = append(out, ht)
	}
	out[0].Notes = append([]string{fmt.Sprintf(
		"%d groups: more than %d, so the page leaves out the heatmap and the %d × %d matrix, and shows the most and least similar pairs and each group's nearest groups; `%s` gives every pair.",
		n, MaxHeatmapGroups, n, n, r.command("similarity", append(r.selectionArgs(), "--format", "csv")...))}, out[0].Notes...)
	return out
}

// selectionArgs are the corpus-selection flags of the report's run, from
// its provenance, as command-line arguments (values quoted for the shell
// when they need it), so that a command the page suggests reads the same
// records.
func (r *HTMLPage) selectionArgs() []string {
	if r.Report == nil {
		return nil
	}
	opts := r.Report.Provenance.Options
	var args []string
	for _, name := range []string{"where", "from", "to", "groups", "min-docs", "top-groups"} {
		v, ok := opts[name]
		if !ok || v == selectionFlags[name] {
			continue
		}
		if strings.ContainsAny(v, " ;'\"$&|<>()*?!") {
			v = "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
		}
		args = append(args, "--"+name, v)
	}
	return args
}
