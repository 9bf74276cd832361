package report

import (
	"bufio"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ---- LaTeX ----
//
// A LaTeX report is a fragment for \input: the provenance as comment lines,
// then one booktabs table per section (its display table, as in Markdown).
// It needs \usepackage{booktabs}, and \usepackage{longtable} when a table has
// more than latexFloatRows rows. Text keeps its UTF-8 characters; the
// characters special to LaTeX are escaped.

// latexFloatRows is the most rows a table may have to be set as a float
// (table + tabular, which cannot break across pages); longer ones are set as
// a longtable, whose header repeats on every page.
const latexFloatRows = 40

// latexWrapAt is the longest text, in characters, a text column may hold and
// still be set on one line ("l"); a column with a longer cell is set as a
// paragraph column ("p{…}") whose lines wrap.
const latexWrapAt = 50

// latexLineChars is about how many characters of text fill a line
// (\linewidth) of a standard 10pt article.
const latexLineChars = 70

// renderLaTeX writes the provenance as comments, then each section.
func renderLaTeX(w *bufio.Writer, r *Report) {
	parts, opts := provenanceParts(&r.Provenance, 0)
	w.WriteString("% ")
	w.WriteString(strings.Join(parts, " · "))
	w.WriteByte('\n')
	if len(opts) > 0 {
		w.WriteString("% options:\n")
		for _, o := range opts {
			w.WriteString("%   ")
			w.WriteString(o)
			w.WriteByte('\n')
		}
	}
	tables := make([]*Table, len(r.Sections))
	long := false // a table is set as a longtable
	for i, s := range r.Sections {
		tables[i] = displayTable(s) // streamed rows collected once
		long = long || len(tables[i].Rows) > latexFloatRows
	}
	w.WriteString("% For \\input: needs \\usepackage{booktabs}")
	if long {
		w.WriteString(" and \\usepackage{longtable}")
	}
	w.WriteString("; UTF-8 text (see docs/output.md).\n")
	labels := map[string]int{}
	for _, t := range tables {
		w.WriteByte('\n')
		writeLaTeXSection(w, t, latexLabel(labels, t.Name))
	}
}

// latexLabel returns "tab:NAME" for a table name, characters other than
// ASCII letters, digits, '-', '_', '.' and ':' replaced by '-', numbered ("-2",
// "-3", …) when the report already used it, so every label is unique.
func latexLabel(used map[string]int, name string) string {
	var b strings.Builder
	b.WriteString("tab:")
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == ':' || c == '_' {
			b.WriteByte(c)
		} else {
			b.WriteByte('-')
		}
	}
	label := b.String()
	used[label]++
	if n := used[label]; n > 1 {
		label += "-" + strconv.Itoa(n)
	}
	return label
}

// latexColumn is how one column is set.
type latexColumn struct {
	right bool // numbers: right-aligned
	wrap  bool // long text: a paragraph column
}

// latexColumns decides each column's alignment from the kinds of its cells:
// numbers right, text left, text longer than latexWrapAt in a paragraph
// column. The paragraph columns share what the others leave of the line,
// estimated at latexLineChars characters, each at least 15% of it.
func latexColumns(t *Table) ([]latexColumn, string) {
	num := numericColumns(t)
	cols := make([]latexColumn, len(t.Columns))
	widest := make([]int, len(t.Columns)) // characters, header included
	wrapped := 0
	for j, c := range t.Columns {
		cols[j].right = num[j]
		widest[j] = utf8.RuneCountInString(printable(c))
		for _, row := range t.Rows {
			widest[j] = max(widest[j], utf8.RuneCountInString(textValue(row[j])))
		}
		if !num[j] && widest[j] > latexWrapAt {
			cols[j].wrap = true
			wrapped++
		}
	}
	share := 0.0
	if wrapped > 0 {
		// Each column also takes 2\tabcolsep (12pt), about 3.5% of a line.
		const sep = 0.035
		left := 0.95
		for j, c := range cols {
			if !c.wrap {
				left -= float64(widest[j])/latexLineChars + sep
			}
		}
		share = min(max(left/float64(wrapped)-sep, 0.15), 0.9)
	}
	var spec strings.Builder
	for _, c := range cols {
		switch {
		case c.right:
			spec.WriteByte('r')
		case c.wrap:
			spec.WriteString("p{")
			spec.WriteString(strconv.FormatFloat(share, 'f', 2, 64))
			spec.WriteString("\\linewidth}")
		default:
			spec.WriteByte('l')
		}
	}
	return cols, spec.String()
}

// writeLaTeXSection writes one table: a table float holding a booktabs
// tabular, or a longtable when it has more than latexFloatRows rows, then
// its notes in small type.
func writeLaTeXSection(w *bufio.Writer, t *Table, label string) {
	title := t.Title
	if strings.TrimSpace(title) == "" {
		title = t.Name
	}
	cols, spec := latexColumns(t)
	header := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		header[j] = latexText(c)
	}
	long := len(t.Rows) > latexFloatRows
	caption := "\\caption{" + latexText(title) + "}\n\\label{" + label + "}"
	if long {
		w.WriteString("\\begin{longtable}{" + spec + "}\n")
		w.WriteString(caption + "\\\\\n")
		w.WriteString("\\toprule\n")
		writeLaTeXRow(w, header, nil)
		w.WriteString("\\midrule\n\\endfirsthead\n")
		w.WriteString("\\toprule\n")
		writeLaTeXRow(w, header, nil)
		w.WriteString("\\midrule\n\\endhead\n")
		w.WriteString("\\bottomrule\n\\endfoot\n")
	} else {
		w.WriteString("\\begin{table}[htbp]\n\\centering\n")
		w.WriteString(caption + "\n")
		w.WriteString("\\begin{tabular}{" + spec + "}\n")
		w.WriteString("\\toprule\n")
		writeLaTeXRow(w, header, nil)
		w.WriteString("\\midrule\n")
	}
	cells := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for j, v := range row {
			cells[j] = latexValue(v)
		}
		writeLaTeXRow(w, cells, cols)
	}
	if long {
		w.WriteString("\\end{longtable}\n")
		if len(t.Notes) > 0 {
			w.WriteString("{\\footnotesize\n")
			writeLaTeXNotes(w, t.Notes)
			w.WriteString("}\n")
		}
		return
	}
	w.WriteString("\\bottomrule\n\\end{tabular}\n")
	if len(t.Notes) > 0 {
		w.WriteString("\\par\\smallskip\n{\\footnotesize\\raggedright\n")
		writeLaTeXNotes(w, t.Notes)
		w.WriteString("}\n")
	}
	w.WriteString("\\end{table}\n")
}

// writeLaTeXNotes writes each note as a paragraph.
func writeLaTeXNotes(w *bufio.Writer, notes []string) {
	for _, n := range notes {
		w.WriteString(latexText(n))
		w.WriteString("\\par\n")
	}
}

// writeLaTeXRow writes one row. A cell of a paragraph column is set ragged
// right, in a group so that \\ still ends the row. A row starting with '['
// or '*' gets an empty group first: \\ would take either as its argument.
func writeLaTeXRow(w *bufio.Writer, cells []string, cols []latexColumn) {
	for j, c := range cells {
		if j > 0 {
			w.WriteString(" & ")
		}
		if j == 0 && (strings.HasPrefix(c, "[") || strings.HasPrefix(c, "*")) {
			w.WriteString("{}")
		}
		if cols != nil && cols[j].wrap && c != "" {
			w.WriteString("{\\raggedright ")
			w.WriteString(c)
			w.WriteString("\\par}")
			continue
		}
		w.WriteString(c)
	}
	w.WriteString(" \\\\\n")
}

// latexValue formats a cell as text and Markdown do (n/a for NA, floats
// rounded), escaped for LaTeX, with a number's leading minus set as a minus
// sign rather than a hyphen.
func latexValue(v Value) string {
	s := textValue(v)
	if (v.Kind == KindInt || v.Kind == KindFloat) && !isNA(v) && strings.HasPrefix(s, "-") {
		return "$-$" + latexText(s[1:])
	}
	return latexText(s)
}

// latexText makes s safe LaTeX text: on one line (see printable), with the
// ten special characters \ & % $ # _ { } ~ ^ written as commands or escaped,
// < > | written as commands (in the default OT1 encoding they would print as
// other glyphs), and the ligatures TeX makes of a doubled hyphen, backquote,
// apostrophe or comma, or of a backquote after ! or ?, broken with an empty
// group so the text prints as written. Other characters, non-ASCII ones
// included, stay as they are (UTF-8).
func latexText(s string) string {
	s = printable(s)
	if !strings.ContainsAny(s, "\\&%$#_{}~^<>|-`',") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	var prev rune
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '&', '%', '$', '#', '_', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '<':
			b.WriteString(`\textless{}`)
		case '>':
			b.WriteString(`\textgreater{}`)
		case '|':
			b.WriteString(`\textbar{}`)
		case '-', '\'', ',':
			if prev == r {
				b.WriteString("{}")
			}
			b.WriteRune(r)
		case '`':
			if prev == r || prev == '!' || prev == '?' {
				b.WriteString("{}")
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
