package report

import (
	"bufio"
	"fmt"
	"sort"
	"strconv"

	"parallax/analysis/termstats"
)

// pairsShown is how many most and least similar pairs the terminal lists
// in place of a matrix too wide for it.
const pairsShown = 10

// neighborsShown is how many nearest groups the terminal lists per group
// in place of a matrix too wide for it.
const neighborsShown = 3

// writeNarrowOrMatrix writes t, or, when t has Narrow tables and would not
// fit width in one block of columns, those tables in its place, under t's
// title. It reports whether it wrote the narrow form.
func writeNarrow(w *bufio.Writer, t *Table, width int) (bool, error) {
	if len(t.Narrow) == 0 {
		return false, nil
	}
	wide, err := tooWideForOneBlock(t, width)
	if err != nil || !wide {
		return false, err
	}
	for i, n := range t.Narrow {
		if i > 0 {
			w.WriteByte('\n')
		}
		if err := writeTextSection(w, n, width); err != nil {
			return true, err
		}
	}
	return true, nil
}

// tooWideForOneBlock reports whether the text table t is wider than width
// even with its string cells cut and its value columns numbered: the text
// renderer would split it into blocks of columns or records.
func tooWideForOneBlock(t *Table, width int) (bool, error) {
	g, err := newTextGrid(t)
	if err != nil {
		return false, err
	}
	all := seq(0, len(g.header))
	if g.cutToFit(t, width, all) {
		return false, nil
	}
	numberColumns(g, g.keyColumns())
	return !g.cutToFit(t, width, all), nil
}

// numberColumns replaces the headers of g's columns from the k-th on by
// their numbers from 1, and returns the legend: "1 name", "2 name", ….
func numberColumns(g *textGrid, k int) []string {
	legend := make([]string, 0, len(g.header)-k)
	for j := k; j < len(g.header); j++ {
		n := strconv.Itoa(j - k + 1)
		legend = append(legend, n+" "+g.header[j])
		g.header[j] = n
		g.widths[j] = displayWidth(n)
		for _, line := range g.cells {
			g.widths[j] = max(g.widths[j], displayWidth(line[j]))
		}
	}
	return legend
}

// simPair is two distinct groups and their similarity.
type simPair struct {
	a, b string
	v    float64
}

// sortedPairs lists every pair of distinct groups with a similarity, most
// similar first, ties by the groups' names (a before b by name).
func sortedPairs(s *termstats.SimMatrix) []simPair {
	var ps []simPair
	for i := range s.Labels {
		for j := i + 1; j < len(s.Labels); j++ {
			if v, ok := s.At(i, j); ok {
				a, b := s.Labels[i], s.Labels[j]
				if b < a {
					a, b = b, a
				}
				ps = append(ps, simPair{a, b, v})
			}
		}
	}
	sort.Slice(ps, func(x, y int) bool {
		if ps[x].v != ps[y].v {
			return ps[x].v > ps[y].v
		}
		if ps[x].a != ps[y].a {
			return ps[x].a < ps[y].a
		}
		return ps[x].b < ps[y].b
	})
	return ps
}

// similarityNarrow is what the terminal shows of a similarity matrix too
// wide for it: the most and least similar pairs, and each group's nearest
// groups, each table noting that the full matrix is in CSV and JSON.
func similarityNarrow(s *termstats.SimMatrix, order []int) []*Table {
	ps := sortedPairs(s)
	pairs := &Table{Name: "similarity_pairs", Title: fmt.Sprintf("Most and least similar pairs of groups (%s)", s.Measure),
		Columns: []string{"pair", "group_a", "group_b", "value"}}
	most := min(pairsShown, len(ps))
	for _, p := range ps[:most] {
		pairs.Rows = append(pairs.Rows, []Value{Str("most"), Str(p.a), Str(p.b), Float(p.v, 3)})
	}
	least := min(pairsShown, len(ps)-most) // no pair listed twice
	for k := len(ps) - 1; k >= len(ps)-least; k-- {
		p := ps[k]
		pairs.Rows = append(pairs.Rows, []Value{Str("least"), Str(p.a), Str(p.b), Float(p.v, 3)})
	}
	n := len(s.Labels)
	pairs.Notes = []string{
		fmt.Sprintf("The %d × %d matrix is wider than --width: the terminal shows its %d most and %d least similar pairs (of %d) and each group's nearest groups; --format csv or json, or a wider --width, give the whole matrix.", n, n, most, least, len(ps)),
		simNote(s.Measure),
	}
	near := &Table{Name: "similarity_neighbors", Title: fmt.Sprintf("Each group's nearest groups (%s)", s.Measure),
		Columns: []string{"group", "nearest", "second", "third"}}
	for _, i := range order {
		row := []Value{Str(s.Labels[i])}
		for _, nb := range nearestGroups(s, i, neighborsShown) {
			row = append(row, Str(nb))
		}
		for len(row) < len(near.Columns) {
			row = append(row, Str(""))
		}
		near.Rows = append(near.Rows, row)
	}
	near.Notes = []string{"nearest, second, third: the most similar other groups, each after its similarity; rows in the order of average-linkage clustering on 1 − similarity (docs/similarity.md)."}
	return []*Table{pairs, near}
}

// nearestGroups names the k groups most similar to group i, each with its
// similarity first ("0.812 Fox News": a cell cut to fit keeps the
// number), ties by name.
func nearestGroups(s *termstats.SimMatrix, i, k int) []string {
	type nb struct {
		name string
		v    float64
	}
	var nbs []nb
	for j := range s.Labels {
		if v, ok := s.At(i, j); ok && j != i {
			nbs = append(nbs, nb{s.Labels[j], v})
		}
	}
	sort.Slice(nbs, func(x, y int) bool {
		if nbs[x].v != nbs[y].v {
			return nbs[x].v > nbs[y].v
		}
		return nbs[x].name < nbs[y].name
	})
	var out []string
	for _, n := range nbs[:min(k, len(nbs))] {
		out = append(out, fmt.Sprintf("%.3f %s", n.v, n.name))
	}
	return out
}
