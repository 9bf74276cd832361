package report

import (
	"bufio"
	"bytes"
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

	"github.com/olekukonko/tablewriter/pkg/twwidth"
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
// Options.Width is zero. It is a constant rather than the terminal's
// width so that the same report always prints the same bytes.
const DefaultWidth = 160

// Options adjusts rendering.
type Options struct {
	Color bool // reserved: no colour is written yet
	// Width is the widest a text table may be, in terminal columns; 0 means
	// DefaultWidth. No line is wider: wider tables have their widest string
	// columns cut (see Table.Cut) when that makes them fit; otherwise they
	// get numbered column headers with a legend and are cut again; if still
	// too wide, a matrix is printed in blocks of columns and any other table
	// as "field: value" records. The provenance, titles and notes are
	// wrapped to it too. Widths from 60 up are tested on every command.
	Width int
}

func (o Options) width() int {
	if o.Width > 0 {
		return o.Width
	}
	return DefaultWidth
}

// Render writes the report to w. The report is checked before anything is
// written, so a malformed report produces an error and no output.
func Render(w io.Writer, r *Report, f Format, opt Options) error {
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
func WriteDir(dir string, r *Report, f Format, opt Options) ([]string, error) {
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
func renderFile(path string, r *Report, f Format, opt Options) error {
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
		return strconv.FormatInt(v.Int, 10) + suffix(v)
	case KindFloat:
		if v.Sig > 0 {
			return probFloat(v.Float, v.Digits, v.Sig) + suffix(v)
		}
		return fixedFloat(v.Float, v.Digits) + suffix(v)
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
