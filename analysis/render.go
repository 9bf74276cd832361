package analysis

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"
)

// Format names an output format.
type Format string

// The output formats.
const (
	FormatTable    Format = "table"    // boxed text tables for a terminal
	FormatMarkdown Format = "markdown" // GitHub-flavoured pipe tables
	FormatCSV      Format = "csv"      // one tidy table, RFC 4180
	FormatJSON     Format = "json"     // provenance and every tidy table
	FormatLaTeX    Format = "latex"    // booktabs tables for \input (render_latex.go)
)

// formats lists the formats in the order error messages name them.
var formats = []Format{FormatTable, FormatMarkdown, FormatCSV, FormatJSON, FormatLaTeX}

// ParseFormat returns the format named s (case-insensitive).
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, f := range formats {
		if string(f) == name {
			return f, nil
		}
	}
	return "", unknownFormat(s)
}

func unknownFormat(s string) error {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return fmt.Errorf("unknown format %q: want one of %s", s, strings.Join(names, ", "))
}

// Ext is the file name extension WriteDir gives the format, with the dot.
func (f Format) Ext() string {
	switch f {
	case FormatTable:
		return ".txt"
	case FormatMarkdown:
		return ".md"
	case FormatCSV:
		return ".csv"
	case FormatJSON:
		return ".json"
	case FormatLaTeX:
		return ".tex"
	}
	return ""
}

// DefaultWidth is the widest a text table may be, in terminal columns, when
// RenderOptions.Width is zero. It is a constant rather than the terminal's
// width so that the same report always prints the same bytes.
const DefaultWidth = 160

// RenderOptions adjusts rendering.
type RenderOptions struct {
	Color bool // reserved: no colour is written yet
	// Width is the widest a text table may be, in terminal columns; 0 means
	// DefaultWidth. Wider tables have their widest string columns cut (see
	// Table.Cut) when that makes them fit; otherwise they get numbered column
	// headers with a legend and, if still too wide, are printed in blocks of
	// columns. The options line and the notes are wrapped to it too.
	Width int
}

func (o RenderOptions) width() int {
	if o.Width > 0 {
		return o.Width
	}
	return DefaultWidth
}

// Render writes the report to w. The report is checked before anything is
// written, so a malformed report produces an error and no output.
func Render(w io.Writer, r *Report, f Format, opt RenderOptions) error {
	if err := checkReport(r); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case FormatTable:
		err = renderText(bw, r, opt)
	case FormatMarkdown:
		err = renderMarkdown(bw, r)
	case FormatCSV:
		err = renderCSV(bw, r)
	case FormatJSON:
		err = renderJSON(bw, r)
	case FormatLaTeX:
		renderLaTeX(bw, r)
	default:
		err = unknownFormat(string(f))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// provenanceFile is the file WriteDir writes the provenance to.
const provenanceFile = "provenance.json"

// WriteDir writes one file per section into dir, creating it if needed:
// <name>.txt, .md, .csv, .json or .tex by format, where name is the section's tidy
// table name (its display table's when it has no tidy table). Text, Markdown,
// JSON and LaTeX files carry the provenance themselves; provenance.json holds it
// for every format. WriteDir returns the paths written, sorted; after an
// error, the paths written before it. Names are checked first: one that is
// not a plain file name, or two that collide, write nothing.
func WriteDir(dir string, r *Report, f Format, opt RenderOptions) ([]string, error) {
	if f.Ext() == "" {
		return nil, unknownFormat(string(f))
	}
	if err := checkReport(r); err != nil {
		return nil, err
	}
	names, err := sectionFileNames(r, f)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	var paths []string
	for i, s := range r.Sections {
		p := filepath.Join(dir, names[i])
		if err := renderFile(p, &Report{Provenance: r.Provenance, Sections: []Section{s}}, f, opt); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	writeProvenanceJSON(bw, &r.Provenance, "")
	bw.WriteByte('\n')
	bw.Flush()
	p := filepath.Join(dir, provenanceFile)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		return paths, fmt.Errorf("write provenance: %w", err)
	}
	paths = append(paths, p)
	sort.Strings(paths)
	return paths, nil
}

// renderFile renders the one section of r into the file at path, as it
// goes: a streamed table (terms --top 0 --zeros) is never held whole. A
// file whose rendering failed is removed.
func renderFile(path string, r *Report, f Format, opt RenderOptions) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write section %q: %w", tidyTable(r.Sections[0]).Name, err)
	}
	err = Render(out, r, f, opt)
	if cerr := out.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write section %q: %w", tidyTable(r.Sections[0]).Name, cerr)
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// sectionFileNames returns the file name of each section, refusing names
// that are not plain file names or that collide (ignoring case, for file
// systems that do).
func sectionFileNames(r *Report, f Format) ([]string, error) {
	seen := map[string]int{strings.ToLower(provenanceFile): -1}
	names := make([]string, len(r.Sections))
	for i, s := range r.Sections {
		name := tidyTable(s).Name
		if !isFileStem(name) {
			return nil, fmt.Errorf("section %d: table name %q cannot be a file name: use letters, digits, '-', '_' and '.'", i+1, name)
		}
		file := name + f.Ext()
		key := strings.ToLower(file)
		if j, ok := seen[key]; ok {
			if j < 0 {
				return nil, fmt.Errorf("section %d: table name %q would overwrite %s", i+1, name, provenanceFile)
			}
			return nil, fmt.Errorf("sections %d and %d would both be written to %q", j+1, i+1, file)
		}
		seen[key] = i
		names[i] = file
	}
	return names, nil
}

// isFileStem reports whether name is a safe file name stem: ASCII letters,
// digits, '-', '_' and '.', not starting with '.'.
func isFileStem(name string) bool {
	if name == "" || name[0] == '.' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// displayTable is the table a person reads: Display, or Tidy when there is
// no Display.
func displayTable(s Section) *Table {
	t := s.Display
	if t == nil {
		t = s.Tidy
	}
	return collected(t)
}

// collected returns t with its streamed rows (RowSeq) gathered into Rows, as
// text and Markdown need every row to size the columns.
func collected(t *Table) *Table {
	if t.Rows != nil || t.RowSeq == nil {
		return t
	}
	c := *t
	c.RowSeq = nil
	c.Rows = [][]Value{}
	for row := range t.RowSeq {
		c.Rows = append(c.Rows, append([]Value(nil), row...))
	}
	return &c
}

// checkRow reports a streamed row of the wrong length (whole tables are
// checked before anything is written; streamed rows only as they come).
func checkRow(t *Table, n int, row []Value) error {
	if len(row) != len(t.Columns) {
		return fmt.Errorf("table %q row %d has %d cells for %d columns", t.Name, n, len(row), len(t.Columns))
	}
	return nil
}

// tidyTable is the table written as data: Tidy, or Display when there is no
// Tidy.
func tidyTable(s Section) *Table {
	if s.Tidy != nil {
		return s.Tidy
	}
	return s.Display
}

// checkReport reports the first structural problem of r: a missing table, a
// table without columns, a row of the wrong length or a cell of unknown kind.
func checkReport(r *Report) error {
	if r == nil {
		return errors.New("no report to render")
	}
	for i, s := range r.Sections {
		if s.Display == nil && s.Tidy == nil {
			return fmt.Errorf("section %d has no table", i+1)
		}
		for _, t := range []*Table{s.Display, s.Tidy} {
			if t == nil {
				continue
			}
			if err := checkTable(t); err != nil {
				return fmt.Errorf("section %d: %w", i+1, err)
			}
		}
	}
	return nil
}

func checkTable(t *Table) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("table %q has no columns", t.Name)
	}
	for i, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("table %q row %d has %d cells for %d columns", t.Name, i+1, len(row), len(t.Columns))
		}
		for j, v := range row {
			if v.Kind > KindNA {
				return fmt.Errorf("table %q row %d column %q: unknown cell kind %d", t.Name, i+1, t.Columns[j], v.Kind)
			}
		}
	}
	return nil
}

// isNA reports whether v prints as not available: NA itself, or a float that
// is NaN or infinite (Float never makes one, but a literal Value can).
func isNA(v Value) bool {
	return v.Kind == KindNA || v.Kind == KindFloat && (math.IsNaN(v.Float) || math.IsInf(v.Float, 0))
}

// numericColumns reports, per column, whether it holds numbers: it has rows
// and no string cell. Numeric columns are right-aligned in text and Markdown.
func numericColumns(t *Table) []bool {
	num := make([]bool, len(t.Columns))
	for j := range num {
		num[j] = len(t.Rows) > 0
		for _, row := range t.Rows {
			if row[j].Kind == KindString {
				num[j] = false
				break
			}
		}
	}
	return num
}

// textValue formats a cell for people: floats with Digits decimals, "n/a"
// for NA, strings made printable on one line.
func textValue(v Value) string {
	if isNA(v) {
		return "n/a"
	}
	switch v.Kind {
	case KindInt:
		return strconv.FormatInt(v.Int, 10)
	case KindFloat:
		if v.Sig > 0 {
			return probFloat(v.Float, v.Digits, v.Sig)
		}
		return fixedFloat(v.Float, v.Digits)
	}
	return printable(v.Str)
}

// probFloat formats a probability-like f: "0" when exactly 0, digits
// decimals when |f| ≥ 0.001, otherwise scientific notation with sig
// significant digits ("1.23e-05"), so a small value never reads as 0.0000.
func probFloat(f float64, digits, sig int) string {
	switch {
	case f == 0:
		return "0"
	case math.Abs(f) >= 0.001:
		return fixedFloat(f, digits)
	}
	return strconv.FormatFloat(f, 'e', sig-1, 64)
}

// fixedFloat formats f with digits decimals (the shortest exact form when
// digits is negative), never as "-0.00".
func fixedFloat(f float64, digits int) string {
	if digits < 0 {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', digits, 64)
	if s[0] == '-' && strings.Trim(s[1:], "0.") == "" {
		return s[1:]
	}
	return s
}

// dataFloat formats f for CSV and JSON: the shortest form that parses back
// to the same float64.
func dataFloat(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// printable returns s on one line with no control characters (each becomes a
// space, so text cannot move the cursor or inject terminal escapes), invalid
// UTF-8 replaced by U+FFFD, and surrounding spaces trimmed.
func printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' {
			r = ' '
		}
		b.WriteRune(r) // an invalid byte arrives as utf8.RuneError
	}
	return strings.TrimSpace(b.String())
}

// displayWidth is the width tablewriter gives s, East Asian ambiguous
// characters counted narrow whatever the locale, so output does not depend on
// the environment.
func displayWidth(s string) int {
	return twwidth.WidthWithOptions(s, twwidth.Options{})
}

// provenanceParts returns the pieces of the one-line provenance summary and
// the options as name=value, sorted by name. The fingerprint is cut to short
// characters (0: whole).
func provenanceParts(p *Provenance, short int) (parts, opts []string) {
	head := strings.TrimSpace(p.Tool + " " + p.Version)
	for _, s := range []string{head, p.Command} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if p.Corpus != "" {
		parts = append(parts, "corpus "+p.Corpus)
	}
	if p.Documents == 1 {
		parts = append(parts, "1 document")
	} else {
		parts = append(parts, strconv.Itoa(p.Documents)+" documents")
	}
	if fp := p.Fingerprint; fp != "" {
		if short > 0 && utf8.RuneCountInString(fp) > short+4 {
			fp = string([]rune(fp)[:short]) + "…"
		}
		parts = append(parts, "fingerprint "+fp)
	}
	for i, part := range parts {
		parts[i] = printable(part)
	}
	keys := make([]string, 0, len(p.Options))
	for k := range p.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		opts = append(opts, optionWord(k)+"="+optionWord(p.Options[k]))
	}
	return parts, opts
}

// optionWord quotes s (Go syntax) when it is empty or would not read as one
// word of a name=value list.
func optionWord(s string) string {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return r == '=' || r == '"' || r == ',' || unicode.IsSpace(r) || !unicode.IsPrint(r)
	}) {
		return strconv.Quote(s)
	}
	return s
}

// ---- text tables ----

// renderText writes the provenance (a summary line, then the options wrapped
// to the width) and each section's display table with its title and notes.
func renderText(w *bufio.Writer, r *Report, opt RenderOptions) error {
	parts, opts := provenanceParts(&r.Provenance, 12)
	w.WriteString(strings.Join(parts, " · "))
	w.WriteByte('\n')
	if len(opts) > 0 {
		opts[0] = "options: " + opts[0]
		writeWrapped(w, opts, opt.width())
	}
	for _, s := range r.Sections {
		w.WriteByte('\n')
		if err := writeTextSection(w, displayTable(s), opt.width()); err != nil {
			return err
		}
	}
	return nil
}

// textGrid is a table's cells formatted for a terminal.
type textGrid struct {
	header []string
	cells  [][]string
	right  []bool // per column: right-aligned (numbers)
	widths []int  // per column: widest cell or header
}

func newTextGrid(t *Table) *textGrid {
	g := &textGrid{
		header: make([]string, len(t.Columns)),
		cells:  make([][]string, len(t.Rows)),
		right:  numericColumns(t),
		widths: make([]int, len(t.Columns)),
	}
	for j, c := range t.Columns {
		g.header[j] = printable(c)
		g.widths[j] = displayWidth(g.header[j])
	}
	for i, row := range t.Rows {
		line := make([]string, len(row))
		for j, v := range row {
			line[j] = textValue(v)
			g.widths[j] = max(g.widths[j], displayWidth(line[j]))
		}
		g.cells[i] = line
	}
	return g
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

// writeTextSection writes the title, the table and the notes. A table wider
// than width that would fit with its string cells shortened gets them cut
// (see cutToFit). Otherwise its non-key columns are numbered, with a legend
// below; if it is still too wide, cutting is tried again, and failing that it
// is printed in blocks of columns that fit, each repeating the key columns.
func writeTextSection(w *bufio.Writer, t *Table, width int) error {
	title := printable(t.Title)
	if title == "" {
		title = printable(t.Name)
	}
	if title != "" {
		w.WriteString(title)
		w.WriteString("\n\n")
	}
	g := newTextGrid(t)
	all := seq(0, len(g.header))
	if g.cutToFit(t, width) {
		if err := writeBox(w, g, all); err != nil {
			return err
		}
		writeTextNotes(w, t.Notes, nil, width)
		return nil
	}
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
	g.cutToFit(t, width) // when it fails, splitColumns makes blocks
	blocks := splitColumns(g, k, width)
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

// minCutWidth is the narrowest, in terminal columns, that cutToFit leaves a
// string column (or its header's width, when wider).
const minCutWidth = 12

// cutToFit reports whether the whole table fits width, shortening string
// cells first if it must and can:
// it finds the largest cap such that cutting every cuttable column wider than
// the cap down to it makes the table fit, so the widest columns are cut first
// and one long column (a context, a list of terms) takes all the cut. A
// column is cuttable when it holds text (is not right-aligned) and t.Cut does
// not say CutNever; none is cut below its header, its widest non-string cell
// or minCutWidth. When even that is too wide, nothing is cut.
func (g *textGrid) cutToFit(t *Table, width int) bool {
	over := g.boxWidth(seq(0, len(g.header))) - width
	if over <= 0 {
		return true
	}
	floors := make([]int, len(g.header)) // per column: narrowest it may be cut to; 0: not cuttable
	top := 0
	for j := range g.header {
		if g.right[j] || t.Cut[t.Columns[j]] == CutNever {
			continue
		}
		floor := max(minCutWidth, displayWidth(g.header[j]))
		for i, row := range t.Rows {
			if row[j].Kind != KindString {
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
	for j, floor := range floors {
		if floor == 0 || g.widths[j] <= max(limit, floor) {
			continue
		}
		g.widths[j] = max(limit, floor)
		left := t.Cut[t.Columns[j]] == CutLeft
		for i, row := range t.Rows {
			if row[j].Kind == KindString {
				g.cells[i][j] = cutText(g.cells[i][j], g.widths[j], left)
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
	table := tablewriter.NewTable(w,
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
// indented by two spaces, before an item that would pass width. An item is
// never broken: one wider than width gets a line of its own.
func writeWrapped(w *bufio.Writer, items []string, width int) {
	const indent = "  "
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

// ---- Markdown ----

// renderMarkdown writes the provenance as an italic line, then each
// section's display table as a level-2 heading, a pipe table and a list of
// notes.
func renderMarkdown(w *bufio.Writer, r *Report) error {
	parts, opts := provenanceParts(&r.Provenance, 0)
	if len(opts) > 0 {
		parts = append(parts, "options: "+strings.Join(opts, " "))
	}
	w.WriteByte('*')
	w.WriteString(markdownText(strings.Join(parts, " · ")))
	w.WriteString("*\n")
	for _, s := range r.Sections {
		writeMarkdownSection(w, displayTable(s))
	}
	return nil
}

func writeMarkdownSection(w *bufio.Writer, t *Table) {
	title := t.Title
	if strings.TrimSpace(title) == "" {
		title = t.Name
	}
	w.WriteString("\n## ")
	w.WriteString(markdownText(title))
	w.WriteString("\n\n")

	right := numericColumns(t)
	header := make([]string, len(t.Columns))
	widths := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		header[j] = markdownText(c)
		widths[j] = max(displayWidth(header[j]), 3)
		if right[j] {
			widths[j] = max(widths[j], 4) // room for "---:"
		}
	}
	cells := make([][]string, len(t.Rows))
	for i, row := range t.Rows {
		line := make([]string, len(row))
		for j, v := range row {
			line[j] = markdownText(textValue(v))
			widths[j] = max(widths[j], displayWidth(line[j]))
		}
		cells[i] = line
	}
	writeMarkdownRow(w, header, widths, right)
	w.WriteByte('|')
	for j, n := range widths {
		w.WriteByte(' ')
		if right[j] {
			w.WriteString(strings.Repeat("-", n-1))
			w.WriteByte(':')
		} else {
			w.WriteString(strings.Repeat("-", n))
		}
		w.WriteString(" |")
	}
	w.WriteByte('\n')
	for _, line := range cells {
		writeMarkdownRow(w, line, widths, right)
	}
	if len(t.Notes) > 0 {
		w.WriteByte('\n')
		for _, n := range t.Notes {
			w.WriteString("- ")
			w.WriteString(markdownBlockStart(markdownText(n)))
			w.WriteByte('\n')
		}
	}
}

// writeMarkdownRow writes one pipe-table row, cells padded to widths so the
// source lines up too.
func writeMarkdownRow(w *bufio.Writer, cells []string, widths []int, right []bool) {
	w.WriteByte('|')
	for j, c := range cells {
		pad := strings.Repeat(" ", widths[j]-displayWidth(c))
		w.WriteByte(' ')
		if right[j] {
			w.WriteString(pad)
			w.WriteString(c)
		} else {
			w.WriteString(c)
			w.WriteString(pad)
		}
		w.WriteString(" |")
	}
	w.WriteByte('\n')
}

// markdownText makes s safe inline Markdown: on one line, trimmed, with the
// characters that start emphasis, code, links, HTML, strikethrough or a
// table cell backslash-escaped. An underscore between two letters or digits
// cannot start emphasis and is left alone, so snake_case names read as they
// are.
func markdownText(s string) string {
	s = printable(s)
	if !strings.ContainsAny(s, "\\`*_[]<>|~&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	var prev rune
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>', '|', '~', '&':
			b.WriteByte('\\')
		case '_':
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isWordRune(prev) || !isWordRune(next) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// markdownBlockStart escapes a character at the start of s that would make
// a list item's text a heading, a quote, a rule or a nested list.
func markdownBlockStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+', '=', '>':
		return "\\" + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// ---- CSV ----

// renderCSV writes the one section's tidy table: a header row of column
// names, then one record per row; NA is written as NA, which readr and
// pandas read as missing by default.
func renderCSV(w *bufio.Writer, r *Report) error {
	if n := len(r.Sections); n != 1 {
		if n == 0 {
			return errors.New("csv holds one table; this report has no sections")
		}
		return fmt.Errorf("csv holds one table; this report has %d sections: use -o DIR to write one file per section", n)
	}
	t := tidyTable(r.Sections[0])
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	record := make([]string, len(t.Columns))
	n := 0
	for row := range t.AllRows() {
		if n++; checkRow(t, n, row) != nil {
			return checkRow(t, n, row)
		}
		for j, v := range row {
			record[j] = csvValue(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvValue(v Value) string {
	if isNA(v) {
		return "NA"
	}
	switch v.Kind {
	case KindInt:
		return strconv.FormatInt(v.Int, 10)
	case KindFloat:
		return dataFloat(v.Float)
	}
	return v.Str
}

// ---- JSON ----

// renderJSON writes one indented object: the provenance and, per section,
// its tidy table with each row an object whose keys follow the column order.
// Rows are one per line to keep large tables readable. Strings are escaped
// as JSON requires but not for HTML ("<" stays "<"): this is data, not a
// web page. NA is null; floats are the shortest form that round-trips.
func renderJSON(w *bufio.Writer, r *Report) error {
	w.WriteString("{\n  \"provenance\": ")
	writeProvenanceJSON(w, &r.Provenance, "  ")
	w.WriteString(",\n  \"sections\": [")
	for i, s := range r.Sections {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    ")
		if err := writeTableJSON(w, tidyTable(s), "    "); err != nil {
			return err
		}
	}
	if len(r.Sections) > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("]\n}\n")
	return nil
}

// writeProvenanceJSON writes p as an object whose inner lines are indented
// by indent plus two spaces, fields in declaration order, options sorted.
func writeProvenanceJSON(w *bufio.Writer, p *Provenance, indent string) {
	in := indent + "  "
	buf := make([]byte, 0, 256)
	field := func(name string) {
		buf = append(buf, in...)
		buf = appendJSONString(buf, name)
		buf = append(buf, ": "...)
	}
	buf = append(buf, "{\n"...)
	for _, f := range [][2]string{{"tool", p.Tool}, {"version", p.Version}, {"command", p.Command}} {
		field(f[0])
		buf = appendJSONString(buf, f[1])
		buf = append(buf, ",\n"...)
	}
	field("options")
	keys := make([]string, 0, len(p.Options))
	for k := range p.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf = append(buf, '{')
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		buf = append(buf, in...)
		buf = append(buf, "  "...)
		buf = appendJSONString(buf, k)
		buf = append(buf, ": "...)
		buf = appendJSONString(buf, p.Options[k])
	}
	if len(keys) > 0 {
		buf = append(buf, '\n')
		buf = append(buf, in...)
	}
	buf = append(buf, "},\n"...)
	field("corpus")
	buf = appendJSONString(buf, p.Corpus)
	buf = append(buf, ",\n"...)
	field("fingerprint")
	buf = appendJSONString(buf, p.Fingerprint)
	buf = append(buf, ",\n"...)
	field("documents")
	buf = strconv.AppendInt(buf, int64(p.Documents), 10)
	buf = append(buf, '\n')
	buf = append(buf, indent...)
	buf = append(buf, '}')
	w.Write(buf)
}

// writeTableJSON writes t as {"name", "title", "columns", "rows", "notes"}.
func writeTableJSON(w *bufio.Writer, t *Table, indent string) error {
	in := indent + "  "
	buf := make([]byte, 0, 1024)
	buf = append(buf, "{\n"...)
	buf = append(buf, in...)
	buf = append(buf, `"name": `...)
	buf = appendJSONString(buf, t.Name)
	buf = append(buf, ",\n"...)
	buf = append(buf, in...)
	buf = append(buf, `"title": `...)
	buf = appendJSONString(buf, t.Title)
	buf = append(buf, ",\n"...)
	buf = append(buf, in...)
	buf = append(buf, `"columns": `...)
	buf = appendJSONStrings(buf, t.Columns)
	buf = append(buf, ",\n"...)
	buf = append(buf, in...)
	buf = append(buf, `"rows": [`...)
	keys := make([][]byte, len(t.Columns)) // each column's `"name": `, made once
	for j, c := range t.Columns {
		keys[j] = append(appendJSONString(nil, c), ": "...)
	}
	i := 0
	for row := range t.AllRows() {
		if err := checkRow(t, i+1, row); err != nil {
			return err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		i++
		buf = append(buf, '\n')
		buf = append(buf, in...)
		buf = append(buf, "  {"...)
		for j, v := range row {
			if j > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, keys[j]...)
			buf = appendJSONValue(buf, v)
		}
		buf = append(buf, '}')
		if len(buf) > 32<<10 {
			w.Write(buf)
			buf = buf[:0]
		}
	}
	if i > 0 {
		buf = append(buf, '\n')
		buf = append(buf, in...)
	}
	buf = append(buf, "],\n"...)
	buf = append(buf, in...)
	buf = append(buf, `"notes": `...)
	buf = appendJSONStrings(buf, t.Notes)
	buf = append(buf, '\n')
	buf = append(buf, indent...)
	buf = append(buf, '}')
	w.Write(buf)
	return nil
}

// appendJSONStrings appends ss as a JSON array on one line.
func appendJSONStrings(buf []byte, ss []string) []byte {
	buf = append(buf, '[')
	for i, s := range ss {
		if i > 0 {
			buf = append(buf, ", "...)
		}
		buf = appendJSONString(buf, s)
	}
	return append(buf, ']')
}

// appendJSONValue appends v: a string, an integer, the shortest round-trip
// float, or null for NA (so NaN and infinities never reach the output).
func appendJSONValue(buf []byte, v Value) []byte {
	if isNA(v) {
		return append(buf, "null"...)
	}
	switch v.Kind {
	case KindInt:
		return strconv.AppendInt(buf, v.Int, 10)
	case KindFloat:
		return strconv.AppendFloat(buf, v.Float, 'g', -1, 64)
	}
	return appendJSONString(buf, v.Str)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaped as encoding/json does
// with HTML escaping off: quote, backslash and control characters escaped,
// U+2028 and U+2029 escaped (JavaScript treats them as line ends), invalid
// UTF-8 replaced by U+FFFD.
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
