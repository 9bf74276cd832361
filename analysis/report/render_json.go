package report

import (
	"bufio"
	"sort"
	"strconv"
	"unicode/utf8"
)

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
