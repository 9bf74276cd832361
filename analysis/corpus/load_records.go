package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// rawKind says what a record field held.
type rawKind uint8

const (
	rawText    rawKind = iota // a string (every CSV field), as text
	rawLiteral                // a JSON number or boolean, as written
	rawNull                   // JSON null: treated as absent
	rawNested                 // a JSON object or array, kept as compact JSON
)

// rawField is one value of a record.
type rawField struct {
	val  string
	kind rawKind
}

// rawRecord is one parsed record: field name -> value. Readers reuse it.
type rawRecord map[string]rawField

// textHint is the advice given when a record has no text.
const textHint = "set --text to the field that holds the article text, or fix the record"

// addRecord turns rec into a Document and adds it. origin names the record,
// pos locates it for duplicate messages, recNo numbers it from 1 for a default
// id made from idBase.
func (l *loader) addRecord(rec rawRecord, origin string, pos int64, recNo int, idBase string, repaired bool) error {
	d, explicitID, fail := l.buildRecord(rec, origin, recNo, idBase)
	if fail != nil {
		return l.bad(origin, fail.kind, fail.detail, fail.hint)
	}
	return l.add(d, pos, repaired, explicitID)
}

// badRecord is why a record cannot be loaded: the arguments of loader.bad,
// kept so that a worker can find the problem and the in-order stage report it.
type badRecord struct{ kind, detail, hint string }

// buildRecord turns rec into a Document, or says why it cannot (fail).
// explicitID says whether the id was written in the record. It only reads
// the loader's options, so workers may call it concurrently.
func (l *loader) buildRecord(rec rawRecord, origin string, recNo int, idBase string) (d *Document, explicitID bool, fail *badRecord) {
	text, ok := rec[l.opt.TextField]
	switch {
	case !ok:
		return nil, false, &badRecord{skipMissing, fmt.Sprintf("record has no %q field", l.opt.TextField), textHint}
	case text.kind == rawNull:
		return nil, false, &badRecord{skipMissing, fmt.Sprintf("record's %q is null", l.opt.TextField), textHint}
	case text.kind == rawLiteral || text.kind == rawNested:
		what := "a JSON object or array"
		if text.kind == rawLiteral {
			what = literalName(text.val)
		}
		return nil, false, &badRecord{skipMalformed, fmt.Sprintf("field %q is %s, not a string", l.opt.TextField, what),
			"the article text must be a JSON string: fix the record, set --text to the field that holds the text, or use --skip-bad"}
	}
	dateField := l.opt.DateField
	if _, ok := rec[dateField]; !ok && l.dateDefault {
		dateField = "published"
	}
	_, fromPublished := rec[dateField]
	fromPublished = fromPublished && dateField == "published" && l.dateDefault
	for _, name := range [...]string{l.opt.TextField, l.opt.GroupField, l.opt.IDField, dateField, l.opt.TitleField, l.opt.URLField} {
		if rec[name].kind == rawNested {
			return nil, false, &badRecord{skipMalformed, fmt.Sprintf("field %q is a JSON object or array; it must be text, a number or true/false", name), ""}
		}
	}
	if g, ok := rec[l.opt.GroupField]; ok && g.kind == rawNull {
		return nil, false, &badRecord{skipMissing, fmt.Sprintf("record's %q is null", l.opt.GroupField), groupHint}
	}
	d = &Document{
		ID:    rec[l.opt.IDField].val,
		Group: rec[l.opt.GroupField].val,
		Date:  rec[dateField].val,

		datePublished: fromPublished,
		Title:         rec[l.opt.TitleField].val,
		URL:           rec[l.opt.URLField].val,
		Text:          text.val,
		Origin:        origin,
		Fields:        make(map[string]string, len(rec)-1),
	}
	explicitID = d.ID != ""
	if !explicitID {
		d.ID = idBase + "#" + strconv.Itoa(recNo) // unique: no need to check it
	}
	for name, f := range rec {
		if name != l.opt.TextField && f.kind != rawNull {
			d.Fields[name] = f.val
		}
	}
	return d, explicitID, nil
}

// literalName says what a JSON number or boolean is, for messages.
func literalName(v string) string {
	if v == "true" || v == "false" {
		return v
	}
	return "the number " + v
}

// idBase is the file name of name without directory and extensions, the
// stem of default document ids.
func idBase(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if strings.HasSuffix(strings.ToLower(base), ".gz") {
		base = base[:len(base)-3]
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// readJSONArray reads a JSON array of objects, one element at a time. A syntax
// error ends reading even with SkipBad: the rest of an array cannot be found
// past it.
func (l *loader) readJSONArray(br *bufio.Reader, name string) error {
	l.posOrigin = prefixOrigin(name + ":record ")
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	lc := &lineCounter{r: br, line: 1}
	dec := json.NewDecoder(lc)
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return fmt.Errorf("%s is empty: expected a JSON array of objects ([{…}, …])", name)
		}
		return jsonArrayError(name, lc.errorLine(0, false, err), 0, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%s: expected a JSON array of objects ([{…}, …]) but the file starts with %v; for one object per line name the file .jsonl or use --input-format jsonl", name, jsonTokenText(tok))
	}
	base := idBase(name)
	err = l.eachArrayObject(dec, lc, name, "", func(origin string, n int, elem []byte, rec rawRecord) error {
		return l.addRecord(rec, origin, int64(n), n, base, !utf8.Valid(elem))
	})
	if err != nil {
		return err
	}
	from := dec.InputOffset()
	if tok, err := dec.Token(); err != io.EOF {
		if err != nil {
			return jsonArrayError(name, lc.errorLine(from, false, err), 0, err)
		}
		return fmt.Errorf("%s:%d: unexpected %v after the closing ]: a .json file holds one array", name, lc.valueLine(from), jsonTokenText(tok))
	}
	return nil
}

// jsonArrayError explains a failure to read a JSON array at line (0:
// unknown), in record (0: none).
func jsonArrayError(name string, line, record int, err error) error {
	var gz *gzipDataError
	if errors.As(err, &gz) {
		return inputReadError(name, err)
	}
	where := name
	if line > 0 {
		where += ":" + strconv.Itoa(line)
	}
	in := ""
	if record > 0 {
		in = " in record " + strconv.Itoa(record)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF:
		msg = "the array ends too early (is the file truncated?)"
	case strings.HasPrefix(msg, "invalid character ']' looking for beginning of value"):
		msg += " (JSON allows no comma before the closing ])"
	}
	return fmt.Errorf("%s: invalid JSON%s: %s: the rest of the array cannot be read; fix the file", where, in, msg)
}

// lineCounter passes on what a json.Decoder reads and counts its lines, so
// that positions in the input can be named by line. It keeps what was read
// past the last position asked about: the decoder's look-ahead.
type lineCounter struct {
	r       io.Reader
	base    int64  // input offset of pending[0]
	line    int    // the line at base, from 1
	pending []byte // read, past base
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if len(c.pending) == 0 {
		c.pending = c.pending[:0:0] // let the consumed buffer go
	}
	c.pending = append(c.pending, p[:n]...)
	return n, err
}

// lineAt returns the line of input offset off, which must not be below an
// offset asked about before (a smaller one gives the line of that one).
func (c *lineCounter) lineAt(off int64) int {
	k := int(min(max(off-c.base, 0), int64(len(c.pending))))
	c.line += bytes.Count(c.pending[:k], []byte{'\n'})
	c.pending = c.pending[k:]
	c.base += int64(k)
	return c.line
}

// valueLine returns the line of the first byte at or after input offset
// from that is not white space.
func (c *lineCounter) valueLine(from int64) int {
	line := c.lineAt(from)
	return line + bytes.Count(c.pending[:skipJSONSpace(c.pending, 0)], []byte{'\n'})
}

// errorLine returns the line of the decoding error err of the value that
// starts at input offset from (after white space, and a comma when
// wantComma): the line of a syntax error, or the last line holding more
// than white space for a truncated input.
func (c *lineCounter) errorLine(from int64, wantComma bool, err error) int {
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		line := c.lineAt(from)
		b := bytes.TrimRight(c.pending, " \t\r\n")
		return line + bytes.Count(b, []byte{'\n'})
	}
	line := c.lineAt(from)
	b := c.pending
	i := skipJSONSpace(b, 0)
	if wantComma {
		if i >= len(b) || b[i] != ',' {
			return line + bytes.Count(b[:i], []byte{'\n'}) // the comma is missing
		}
		i = skipJSONSpace(b, i+1)
	}
	// encoding/json's scanner finds the same first error in the value,
	// with its offset in b.
	var se *json.SyntaxError
	if e := json.Unmarshal(b[i:], new(json.RawMessage)); errors.As(e, &se) && se.Offset > 0 {
		i += int(min(se.Offset-1, int64(len(b)-i)))
	}
	return line + bytes.Count(b[:i], []byte{'\n'})
}

// skipJSONSpace returns the index of the first byte at or after i in b that
// is not JSON white space.
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// jsonTokenText shows a JSON token in a message.
func jsonTokenText(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return strconv.Quote(t.String())
	case string:
		return "the string " + strconv.Quote(t)
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}

// eachArrayObject reads the elements of a JSON array whose opening '[' dec
// has consumed, through its closing ']': each object is parsed and passed to
// fn with its origin ("name:record N"), number and raw bytes; an element
// that is not a well-formed object is a bad record (hint says how to fix
// it), and a broken array is an error naming the line (lc counts the lines
// dec reads) and the record.
func (l *loader) eachArrayObject(dec *json.Decoder, lc *lineCounter, name, hint string, fn func(origin string, n int, elem []byte, rec rawRecord) error) error {
	raw := map[string]json.RawMessage{}
	rec := rawRecord{}
	var elem json.RawMessage
	for n := 1; ; n++ {
		from := dec.InputOffset()
		lc.lineAt(from)
		if !dec.More() {
			break
		}
		origin := name + ":record " + strconv.Itoa(n)
		elem = elem[:0]
		if err := dec.Decode(&elem); err != nil {
			return jsonArrayError(name, lc.errorLine(from, n > 1, err), n, err)
		}
		if err := parseJSONObject(elem, raw, rec); err != nil {
			if e := l.bad(origin, skipMalformed, err.Error(), hint); e != nil {
				return e
			}
			continue
		}
		if err := fn(origin, n, elem, rec); err != nil {
			return err
		}
	}
	from := dec.InputOffset()
	if _, err := dec.Token(); err != nil {
		return jsonArrayError(name, lc.errorLine(from, false, err), 0, err)
	}
	return nil
}

// headerNames trims the names of a CSV header row (and a byte order mark)
// and refuses a name given twice; seen holds the names.
func headerNames(name string, line int, row []string) (header []string, seen map[string]bool, err error) {
	header = make([]string, len(row))
	seen = map[string]bool{}
	for i, h := range row {
		// A header in another encoding is repaired like the fields, so that
		// the messages naming the columns are valid UTF-8.
		h, _ = repairUTF8(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if seen[h] {
			return nil, nil, fmt.Errorf("%s:%d: column %q is named twice: rename one", name, line, h)
		}
		seen[h] = true
		header[i] = h
	}
	return header, seen, nil
}
