package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// renderText writes the provenance (a summary line, then the options wrapped
// to the width) and each section's display table with its title and notes.
func renderText(w *bufio.Writer, r *Report, opt Options) error {
	parts, opts := provenanceParts(&r.Provenance, 12)
	for i := range parts[:max(len(parts)-1, 0)] {
		parts[i] += " ·" // joined by writeWrapped's spaces: "a · b"
	}
	writeWrapped(w, parts, opt.width())
	if len(opts) > 0 {
		opts[0] = "options: " + opts[0]
		writeWrapped(w, opts, opt.width())
	}
	for _, s := range r.Sections {
		w.WriteByte('\n')
		t := s.Display // its streamed rows are read once, into the grid's cells
		if t == nil {
			t = s.Tidy
		}
		if err := writeTextSection(w, t, opt.width()); err != nil {
			return err
		}
	}
	return nil
}

// textGrid is a table's cells formatted for a terminal.
type textGrid struct {
	header []string
	cells  [][]string
	str    []bool // per cell, row by row: a string cell (KindString)
	right  []bool // per column: right-aligned (numbers)
	widths []int  // per column: widest cell or header
}

// isStr reports whether cell (i, j) holds a string.
func (g *textGrid) isStr(i, j int) bool { return g.str[i*len(g.header)+j] }

// newTextGrid formats the cells of t, reading its rows once (AllRows), so
// that a streamed table's rows are held only as text.
func newTextGrid(t *Table) (*textGrid, error) {
	g := &textGrid{
		header: make([]string, len(t.Columns)),
		cells:  make([][]string, 0, len(t.Rows)),
		right:  make([]bool, len(t.Columns)),
		widths: make([]int, len(t.Columns)),
	}
	for j, c := range t.Columns {
		g.header[j] = printable(c)
		g.widths[j] = displayWidth(g.header[j])
	}
	for j := range g.right {
		g.right[j] = true // numeric until a string cell shows, when there are rows
	}
	for row := range t.AllRows() {
		if err := checkRow(t, len(g.cells)+1, row); err != nil {
			return nil, err
		}
		line := make([]string, len(row))
		for j, v := range row {
			line[j] = textValue(v)
			g.widths[j] = max(g.widths[j], displayWidth(line[j]))
			g.str = append(g.str, v.Kind == KindString)
			if v.Kind == KindString {
				g.right[j] = false
			}
		}
		g.cells = append(g.cells, line)
	}
	if len(g.cells) == 0 {
		clear(g.right)
	}
	return g, nil
}

// boxWidth is the width of a boxed table of the given columns: each column
// has a space either side and a border after it, plus the first border.
func (g *textGrid) boxWidth(cols []int) int {
	w := 1
	for _, j := range cols {
		w += g.widths[j] + 3
	}
	return w
}

// keyColumns is the number of leading text columns — the row labels repeated
// in every block of a split table — leaving at least one column to split.
func (g *textGrid) keyColumns() int {
	k := 0
	for k < len(g.right)-1 && !g.right[k] {
		k++
	}
	return k
}

// numeric reports whether every column from the k-th on is right-aligned
// (numbers).
func (g *textGrid) numeric(k int) bool {
	for _, r := range g.right[k:] {
		if !r {
			return false
		}
	}
	return true
}

// writeTextSection writes the title, the table and the notes, no line
// wider than width. A table wider than width that would fit with its string
// cells shortened gets them cut (see cutToFit). Otherwise its non-key
// columns are numbered, with a legend below, and cut again if that makes it
// fit. Failing that — the columns that cannot be cut are wider than width
// by themselves — a matrix (numbers after the key columns) is printed in
// blocks of columns, each repeating the key columns and each cut to fit,
// and any other table as records: one "field: value" line per cell (see
// writeRecords).
func writeTextSection(w *bufio.Writer, t *Table, width int) error {
	title := printable(t.Title)
	if title == "" {
		title = printable(t.Name)
	}
	if title != "" {
		writeWrapped(w, strings.Fields(title), width)
		w.WriteString("\n")
	}
	g, err := newTextGrid(t)
	if err != nil {
		return err
	}
	if len(g.cells) == 0 && t.Empty != "" {
		writeWrapped(w, strings.Fields(printable(t.Empty)), width)
		return nil
	}
	all := seq(0, len(g.header))
	if g.cutToFit(t, width, all) {
		if err := writeBox(w, g, all); err != nil {
			return err
		}
		writeTextNotes(w, t.Notes, nil, width)
		return nil
	}
	names := append([]string(nil), g.header...)
	k := g.keyColumns()
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
	var blocks [][]int
	if g.cutToFit(t, width, all) {
		blocks = [][]int{all}
	} else {
		// A matrix (numbers after the key columns) splits into blocks of
		// columns; a row of text split across blocks would not read.
		blocks = splitColumns(g, k, width)
		// cutToFit cuts the cells of a block that fits: the records, if
		// a later block does not, show the cells as they were.
		uncut := make([][]string, len(g.cells))
		for i, line := range g.cells {
			uncut[i] = slices.Clone(line)
		}
		for _, cols := range blocks {
			if !g.numeric(k) || !g.cutToFit(t, width, cols) {
				writeRecords(w, t, g, uncut, names, width)
				writeTextNotes(w, t.Notes, nil, width)
				return nil
			}
		}
	}
	for b, cols := range blocks {
		if len(blocks) > 1 {
			if b > 0 {
				w.WriteByte('\n')
			}
			first, last := cols[k]-k+1, cols[len(cols)-1]-k+1
			fmt.Fprintf(w, "columns %d–%d of %d\n", first, last, len(g.header)-k)
		}
		if err := writeBox(w, g, cols); err != nil {
			return err
		}
	}
	writeTextNotes(w, t.Notes, legend, width)
	return nil
}

// writeRecords writes each row of t (its cells as the grid g formatted
// them, before any cut) as a record, like psql's expanded
// display: a "-[ RECORD n ]" line, then one "field: value" line per column,
// the names padded to line up. A value too long for its line is cut as the
// table would cut it (Table.Cut), or, when the column must not be cut or is
// not text, wrapped onto lines indented under it.
func writeRecords(w *bufio.Writer, t *Table, g *textGrid, cells [][]string, names []string, width int) {
	nameW := 0
	for _, n := range names {
		nameW = max(nameW, displayWidth(n))
	}
	nameW = min(nameW, width/3) // a long name wraps rather than leave no room
	valueW := width - nameW - 2
	for i, row := range cells {
		head := fmt.Sprintf("-[ RECORD %d ]", i+1)
		w.WriteString(head)
		w.WriteString(strings.Repeat("-", max(0, min(width, 24)-displayWidth(head))))
		w.WriteByte('\n')
		for j, cell := range row {
			label := names[j]
			if displayWidth(label) > nameW {
				label = cutText(label, nameW, false)
			}
			field := label + strings.Repeat(" ", nameW-displayWidth(label)) + ":"
			text := printable(cell)
			lines := []string{text}
			if cut := t.Cut[t.Columns[j]]; g.isStr(i, j) && cut != CutNever && cut != CutWrap {
				lines[0] = cutText(text, valueW, cut == CutLeft)
			} else {
				lines = wrapText(text, valueW)
			}
			for n, line := range lines {
				if n > 0 {
					field = strings.Repeat(" ", nameW+1)
				}
				if line != "" {
					field += " " + line
				}
				w.WriteString(field)
				w.WriteByte('\n')
			}
		}
	}
}

// wrapText breaks s into lines at most width columns wide, at spaces, and
// inside a word only when the word alone is wider than width.
func wrapText(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for _, part := range breakWord(word, width) {
			switch {
			case line == "":
				line = part
			case displayWidth(line)+1+displayWidth(part) <= width:
				line += " " + part
			default:
				lines = append(lines, line)
				line = part
			}
		}
	}
	return append(lines, line)
}

// breakWord cuts word into pieces at most width columns wide, between runes.
func breakWord(word string, width int) []string {
	if displayWidth(word) <= width || width < 1 {
		return []string{word}
	}
	var parts []string
	start, used := 0, 0
	for i, r := range word {
		rw := displayWidth(string(r))
		if used+rw > width && i > start {
			parts = append(parts, word[start:i])
			start, used = i, 0
		}
		used += rw
	}
	return append(parts, word[start:])
}

// minCutWidth is the narrowest, in terminal columns, that cutToFit leaves a
// string column (or its header's width, when wider).
const minCutWidth = 12

// cutToFit reports whether the columns cols of the table fit width, shortening string
// cells first if it must and can:
// it finds the largest cap such that cutting every cuttable column wider than
// the cap down to it makes the table fit, so the widest columns are cut first
// and one long column (a context, a list of terms) takes all the cut. A
// column is cuttable when it holds text (is not right-aligned) and t.Cut does
// not say CutNever; none is cut below its header, its widest non-string cell
// or minCutWidth. When even that is too wide, nothing is cut.
func (g *textGrid) cutToFit(t *Table, width int, cols []int) bool {
	over := g.boxWidth(cols) - width
	if over <= 0 {
		return true
	}
	floors := make([]int, len(g.header)) // per column: narrowest it may be cut to; 0: not cuttable
	top := 0
	for _, j := range cols {
		if g.right[j] || t.Cut[t.Columns[j]] == CutNever {
			continue
		}
		floor := max(minCutWidth, displayWidth(g.header[j]))
		if t.Cut[t.Columns[j]] == CutWrap {
			floor = max(minWrapWidth, displayWidth(g.header[j]))
		}
		for i := range g.cells {
			if !g.isStr(i, j) {
				floor = max(floor, displayWidth(g.cells[i][j]))
			}
		}
		if floor < g.widths[j] {
			floors[j] = floor
			top = max(top, g.widths[j])
		}
	}
	saving := func(limit int) int {
		n := 0
		for j, floor := range floors {
			if floor > 0 {
				n += max(0, g.widths[j]-max(limit, floor))
			}
		}
		return n
	}
	if top == 0 || saving(0) < over {
		return false
	}
	limit := top - 1
	for saving(limit) < over {
		limit--
	}
	if !g.wrapFits(t, floors, limit) {
		return false
	}
	for j, floor := range floors {
		if floor == 0 || g.widths[j] <= max(limit, floor) {
			continue
		}
		g.widths[j] = max(limit, floor)
		cut := t.Cut[t.Columns[j]]
		for i := range g.cells {
			switch {
			case !g.isStr(i, j):
			case cut == CutWrap:
				g.cells[i][j] = strings.Join(wrapText(g.cells[i][j], g.widths[j]), "\n")
			default:
				g.cells[i][j] = cutText(g.cells[i][j], g.widths[j], cut == CutLeft)
			}
		}
	}
	return true
}

// cutText shortens s to at most width terminal columns, marking the cut
// with "…": it keeps the start, or the end when left is true. It cuts between
// runes, never inside one, drops the spaces next to the cut, and keeps a
// zero-width rune (a combining mark) with the character it follows.
func cutText(s string, width int, left bool) string {
	if displayWidth(s) <= width {
		return s
	}
	budget := width - 1 // the ellipsis is one column wide
	used := 0
	if !left {
		end := 0
		for end < len(s) {
			_, size := utf8.DecodeRuneInString(s[end:])
			rw := displayWidth(s[end : end+size])
			if used+rw > budget {
				break
			}
			used += rw
			end += size
		}
		return strings.TrimRight(s[:end], " ") + "…"
	}
	start := len(s)
	for start > 0 {
		_, size := utf8.DecodeLastRuneInString(s[:start])
		rw := displayWidth(s[start-size : start])
		if used+rw > budget {
			break
		}
		used += rw
		start -= size
	}
	for start < len(s) { // marks whose base character was cut off
		r, size := utf8.DecodeRuneInString(s[start:])
		if r != ' ' && displayWidth(s[start:start+size]) > 0 {
			break
		}
		start += size
	}
	return "…" + s[start:]
}

// splitColumns groups the non-key columns, in order, into blocks that fit
// width together with the k key columns; each block has at least one.
func splitColumns(g *textGrid, k, width int) [][]int {
	keys := seq(0, k)
	var blocks [][]int
	cols := append([]int(nil), keys...)
	for j := k; j < len(g.header); j++ {
		if len(cols) > k && g.boxWidth(cols)+g.widths[j]+3 > width {
			blocks = append(blocks, cols)
			cols = append([]int(nil), keys...)
		}
		cols = append(cols, j)
	}
	return append(blocks, cols)
}

// seq returns lo, lo+1, …, hi-1.
func seq(lo, hi int) []int {
	s := make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		s = append(s, i)
	}
	return s
}

// writeBox writes the given columns of g as a tablewriter table. Header
// auto-formatting (upper case, underscores to spaces) is off so the header
// shows the column names users search the CSV for; wrapping is off; widths
// ignore the locale's East Asian setting.
func writeBox(w io.Writer, g *textGrid, cols []int) error {
	aligns := make([]tw.Align, len(cols))
	header := make([]string, len(cols))
	for i, j := range cols {
		aligns[i] = tw.AlignLeft
		if g.right[j] {
			aligns[i] = tw.AlignRight
		}
		header[i] = g.header[j]
	}
	between := tw.Off // a line between rows when a wrapped cell spans several
	for _, line := range g.cells {
		for _, j := range cols {
			if strings.Contains(line[j], "\n") {
				between = tw.On
			}
		}
	}
	table := tablewriter.NewTable(w,
		tablewriter.WithRendition(tw.Rendition{Settings: tw.Settings{Separators: tw.Separators{BetweenRows: between}}}),
		tablewriter.WithEastAsian(tw.Off),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns}),
	)
	table.Header(header)
	for _, line := range g.cells {
		row := make([]string, len(cols))
		for i, j := range cols {
			row[i] = line[j]
		}
		if err := table.Append(row); err != nil {
			return fmt.Errorf("render table: %w", err)
		}
	}
	if err := table.Render(); err != nil {
		return fmt.Errorf("render table: %w", err)
	}
	return nil
}

// writeTextNotes writes each note, then the column legend of a wide table,
// wrapped to width at spaces.
func writeTextNotes(w *bufio.Writer, notes, legend []string, width int) {
	for _, n := range notes {
		n = printable(n)
		if displayWidth(n) <= width {
			w.WriteString(n) // as written, spaces and all
			w.WriteByte('\n')
			continue
		}
		writeWrapped(w, strings.Fields(n), width)
	}
	if len(legend) == 0 {
		return
	}
	items := make([]string, len(legend))
	for i, item := range legend {
		if i < len(legend)-1 {
			item += ","
		}
		items[i] = item
	}
	items[0] = "columns: " + items[0]
	writeWrapped(w, items, width)
}

// writeWrapped writes items separated by spaces, starting a new line,
// indented by two spaces, before an item that would pass width. An item
// wider than a line is broken into pieces that fit.
func writeWrapped(w *bufio.Writer, items []string, width int) {
	const indent = "  "
	if width > 2*len(indent) {
		var fit []string
		for _, item := range items {
			fit = append(fit, breakWord(item, width-len(indent))...)
		}
		items = fit
	}
	used := 0
	for i, item := range items {
		iw := displayWidth(item)
		switch {
		case i == 0:
		case used+1+iw > width:
			w.WriteByte('\n')
			w.WriteString(indent)
			used = len(indent)
		default:
			w.WriteByte(' ')
			used++
		}
		w.WriteString(item)
		used += iw
	}
	w.WriteByte('\n')
}
