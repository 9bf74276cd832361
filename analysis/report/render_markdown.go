package report

import (
	"bufio"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
