package corpus

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
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
	text, ok := rec[l.opt.TextField]
	switch {
	case !ok:
		return l.bad(origin, skipMissing, fmt.Sprintf("record has no %q field", l.opt.TextField), textHint)
	case text.kind == rawNull:
		return l.bad(origin, skipMissing, fmt.Sprintf("record's %q is null", l.opt.TextField), textHint)
	case text.kind == rawLiteral || text.kind == rawNested:
		what := "a JSON object or array"
		if text.kind == rawLiteral {
			what = literalName(text.val)
		}
		return l.bad(origin, skipMalformed, fmt.Sprintf("field %q is %s, not a string", l.opt.TextField, what),
			"the article text must be a JSON string: fix the record, set --text to the field that holds the text, or use --skip-bad")
	}
	dateField := l.opt.DateField
	if _, ok := rec[dateField]; !ok && l.dateDefault {
		dateField = "published"
	}
	for _, name := range [...]string{l.opt.TextField, l.opt.GroupField, l.opt.IDField, dateField, l.opt.TitleField, l.opt.URLField} {
		if rec[name].kind == rawNested {
			return l.bad(origin, skipMalformed, fmt.Sprintf("field %q is a JSON object or array; it must be text, a number or true/false", name), "")
		}
	}
	if g, ok := rec[l.opt.GroupField]; ok && g.kind == rawNull {
		return l.bad(origin, skipMissing, fmt.Sprintf("record's %q is null", l.opt.GroupField), groupHint)
	}
	d := &Document{
		ID:     rec[l.opt.IDField].val,
		Group:  rec[l.opt.GroupField].val,
		Date:   rec[dateField].val,
		Title:  rec[l.opt.TitleField].val,
		URL:    rec[l.opt.URLField].val,
		Text:   text.val,
		Origin: origin,
		Fields: make(map[string]string, len(rec)-1),
	}
	explicitID := d.ID != ""
	if !explicitID {
		d.ID = idBase + "#" + strconv.Itoa(recNo) // unique: no need to check it
	}
	for name, f := range rec {
		if name != l.opt.TextField && f.kind != rawNull {
			d.Fields[name] = f.val
		}
	}
	return l.add(d, pos, repaired, explicitID)
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

// readJSONLines reads one JSON object per line. Blank lines are ignored; lines
// may be of any length up to maxRecordBytes.
func (l *loader) readJSONLines(br *bufio.Reader, name string) error {
	l.posOrigin = prefixOrigin(name + ":")
	base := idBase(name)
	raw := map[string]json.RawMessage{}
	rec := rawRecord{}
	var buf []byte
	lineNo, recNo := 0, 0
	for {
		line, tooLong, err := readJSONLine(br, &buf)
		if err != nil && err != io.EOF {
			return inputReadError(name, err)
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			return l.noRecords(name, recNo)
		}
		lineNo++
		if lineNo == 1 {
			line = stripUTF8BOM(line)
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			recNo++
			origin := name + ":" + strconv.Itoa(lineNo)
			if e := l.jsonLine(line, tooLong, origin, int64(lineNo), recNo, base, raw, rec); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return l.noRecords(name, recNo)
		}
	}
}

// noRecords is the error for JSON Lines input name that held no record
// (records is 0): an empty file, or standard input that got nothing.
func (l *loader) noRecords(name string, records int) error {
	switch {
	case records > 0:
		return nil
	case name == "stdin":
		return errors.New("standard input is empty: pipe JSON Lines into parallax (one object per line, {\"text\": …, \"outlet\": …}), or name a file; did the command before the pipe fail?")
	}
	return fmt.Errorf("%s is empty: JSON Lines hold one object per line ({\"text\": …, \"outlet\": …})", name)
}

// jsonLine parses and adds one line of JSON Lines.
func (l *loader) jsonLine(line []byte, tooLong bool, origin string, pos int64, recNo int, base string, raw map[string]json.RawMessage, rec rawRecord) error {
	if tooLong {
		return l.bad(origin, skipTooLarge, fmt.Sprintf("line longer than %d MiB", maxRecordBytes>>20), "split the record, or use --skip-bad to skip it")
	}
	if err := parseJSONObject(line, raw, rec); err != nil {
		hint := ""
		if t := bytes.TrimLeft(line, " \t\r"); recNo == 1 && len(t) > 0 && t[0] == '[' {
			hint = "JSON Lines hold one object per line; for a JSON array of objects name the file .json or use --input-format json"
		}
		return l.bad(origin, skipMalformed, err.Error(), hint)
	}
	return l.addRecord(rec, origin, pos, recNo, base, !utf8.Valid(line))
}

// readJSONLine reads one line without its "\n" into *buf (reused). A line longer
// than maxRecordBytes is consumed and reported by tooLong. At the end of input the
// last line comes with io.EOF.
func readJSONLine(br *bufio.Reader, buf *[]byte) (line []byte, tooLong bool, err error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(*buf)+len(chunk) > maxRecordBytes+1 {
				tooLong = true
				*buf = (*buf)[:0]
			} else {
				*buf = append(*buf, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return bytes.TrimSuffix(*buf, []byte{'\n'}), tooLong, nil
		default:
			return *buf, tooLong, err
		}
	}
}

// parseJSONObject parses one JSON object into rec (cleared first), using raw
// as scratch space. Well-formed records take a single-pass fast path;
// anything else goes through encoding/json, which also words the errors.
func parseJSONObject(data []byte, raw map[string]json.RawMessage, rec rawRecord) error {
	clear(rec)
	if fastJSONObject(data, rec) {
		return nil
	}
	return slowJSONObject(data, raw, rec)
}

// slowJSONObject is parseJSONObject with encoding/json: the reference the
// fast path is tested against.
func slowJSONObject(data []byte, raw map[string]json.RawMessage, rec rawRecord) error {
	clear(raw)
	clear(rec)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return errors.New("invalid JSON: expected an object {…}, one per record")
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		if err.Error() == "unexpected end of JSON input" {
			return errors.New("invalid JSON: the record ends before its object is closed (a cut record, or a line break inside a string, which JSON writes \\n)")
		}
		return fmt.Errorf("invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	for name, v := range raw {
		f, err := jsonField(v)
		if err != nil {
			return fmt.Errorf("invalid JSON in field %q: %v", name, err)
		}
		rec[name] = f
	}
	return nil
}

var jsonScratch = sync.Pool{New: func() any { return new([]byte) }}

// fastJSONObject parses a JSON object of a record in one pass into rec and
// reports whether it could: it gives up (false) on anything unusual —
// malformed JSON, invalid UTF-8, lone surrogates — which slowJSONObject then
// handles. Nested objects and arrays are checked and compacted with
// encoding/json.
func fastJSONObject(data []byte, rec rawRecord) bool {
	// The unescape scratch outlives the record: a fresh one per record would
	// grow by doubling for every long text.
	sp := jsonScratch.Get().(*[]byte)
	p := jsonScan{data: data, buf: (*sp)[:0]}
	defer func() { *sp = p.buf[:0]; jsonScratch.Put(sp) }()
	if p.skipSpace(); !p.eat('{') {
		return false
	}
	if p.skipSpace(); p.eat('}') {
		p.skipSpace()
		return p.i == len(data)
	}
	for {
		p.skipSpace()
		key, ok := p.str()
		if !ok {
			return false
		}
		if p.skipSpace(); !p.eat(':') {
			return false
		}
		p.skipSpace()
		f, ok := p.value()
		if !ok {
			return false
		}
		rec[key] = f
		p.skipSpace()
		if p.eat(',') {
			continue
		}
		if !p.eat('}') {
			return false
		}
		p.skipSpace()
		return p.i == len(data)
	}
}

// jsonScan is a position in JSON text.
type jsonScan struct {
	data []byte
	i    int
	buf  []byte // unescaped string scratch
}

func (p *jsonScan) skipSpace() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// eat consumes c if it comes next.
func (p *jsonScan) eat(c byte) bool {
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// value reads one JSON value as a field.
func (p *jsonScan) value() (rawField, bool) {
	if p.i >= len(p.data) {
		return rawField{}, false
	}
	switch c := p.data[p.i]; {
	case c == '"':
		s, ok := p.str()
		return rawField{val: s}, ok
	case c == '{' || c == '[':
		return p.nested()
	case c == 't':
		return p.literal("true", rawField{val: "true", kind: rawLiteral})
	case c == 'f':
		return p.literal("false", rawField{val: "false", kind: rawLiteral})
	case c == 'n':
		return p.literal("null", rawField{kind: rawNull})
	case c == '-' || ('0' <= c && c <= '9'):
		start := p.i
		if !p.number() {
			return rawField{}, false
		}
		return rawField{val: string(p.data[start:p.i]), kind: rawLiteral}, true
	}
	return rawField{}, false
}

// literal reads the word w.
func (p *jsonScan) literal(w string, f rawField) (rawField, bool) {
	if !bytes.HasPrefix(p.data[p.i:], []byte(w)) {
		return rawField{}, false
	}
	p.i += len(w)
	return f, true
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonScan) number() bool {
	p.eat('-')
	if p.eat('0') {
	} else if !p.digits() {
		return false
	}
	if p.eat('.') && !p.digits() {
		return false
	}
	if p.eat('e') || p.eat('E') {
		if !p.eat('+') {
			p.eat('-')
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

// digits reads one or more decimal digits.
func (p *jsonScan) digits() bool {
	start := p.i
	for p.i < len(p.data) && '0' <= p.data[p.i] && p.data[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// nested reads an object or array, checked and compacted by encoding/json.
func (p *jsonScan) nested() (rawField, bool) {
	start, depth, inString := p.i, 0, false
	for ; p.i < len(p.data); p.i++ {
		c := p.data[p.i]
		switch {
		case inString && c == '\\':
			p.i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth == 0 {
				p.i++
				var b bytes.Buffer
				if json.Compact(&b, p.data[start:p.i]) != nil || !utf8.Valid(b.Bytes()) {
					return rawField{}, false
				}
				return rawField{val: b.String(), kind: rawNested}, true
			}
		}
	}
	return rawField{}, false
}

// str reads a JSON string. It gives up on invalid UTF-8 and lone surrogates.
func (p *jsonScan) str() (string, bool) {
	if !p.eat('"') {
		return "", false
	}
	start := p.i
	ascii := true
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			s := p.data[start:p.i]
			p.i++
			if !ascii && !utf8.Valid(s) {
				return "", false
			}
			return string(s), true
		case c == '\\':
			return p.escapedStr(start)
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return "", false
}

// escapedStr finishes reading a string begun at start whose first escape is
// at p.i.
func (p *jsonScan) escapedStr(start int) (string, bool) {
	b := append(p.buf[:0], p.data[start:p.i]...)
	for p.i < len(p.data) {
		run := p.i
		for p.i < len(p.data) && p.data[p.i] != '"' && p.data[p.i] != '\\' && p.data[p.i] >= 0x20 {
			p.i++
		}
		b = append(b, p.data[run:p.i]...)
		if p.i >= len(p.data) {
			return "", false
		}
		if p.data[p.i] == '"' {
			p.i++
			p.buf = b
			if !utf8.Valid(b) {
				return "", false
			}
			return string(b), true
		}
		if p.data[p.i] != '\\' || p.i+1 >= len(p.data) {
			return "", false // a control character, or the end
		}
		e := p.data[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				if !bytes.HasPrefix(p.data[p.i:], []byte(`\u`)) {
					return "", false
				}
				p.i += 2
				r2, ok := p.hex4()
				if r = utf16.DecodeRune(r, r2); !ok || r == utf8.RuneError {
					return "", false
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
	}
	return "", false
}

// hex4 reads four hex digits.
func (p *jsonScan) hex4() (rune, bool) {
	if p.i+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.i : p.i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.i += 4
	return r, true
}

// jsonField converts one JSON value to a field: strings as they are,
// numbers and booleans as written (rawLiteral), objects and arrays as
// compact JSON.
func jsonField(v json.RawMessage) (rawField, error) {
	if len(v) == 0 {
		return rawField{kind: rawNull}, nil
	}
	switch v[0] {
	case '"':
		s, err := jsonString(v)
		return rawField{val: s}, err
	case 'n':
		return rawField{kind: rawNull}, nil
	case '{', '[':
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			return rawField{}, err
		}
		compact, _ := repairUTF8(b.String())
		return rawField{val: compact, kind: rawNested}, nil
	}
	return rawField{val: string(v), kind: rawLiteral}, nil
}

// jsonString decodes a JSON string literal, without reflection when it holds
// no escapes. Invalid UTF-8 becomes U+FFFD, byte by byte as encoding/json does.
func jsonString(v json.RawMessage) (string, error) {
	inner := v[1 : len(v)-1]
	simple := true
	for _, c := range inner {
		if c == '\\' || c < 0x20 {
			simple = false
			break
		}
	}
	if simple && utf8.Valid(inner) {
		return string(inner), nil
	}
	var s string
	err := json.Unmarshal(v, &s)
	return s, err
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

// readCSV reads a CSV file whose first row names the columns. Quotes must
// balance and every row must have as many fields as the header.
func (l *loader) readCSV(br *bufio.Reader, name string) error {
	l.posOrigin = prefixOrigin(name + ":")
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s is empty: a CSV file needs a header row naming the columns (%s, %s, …)", name, l.opt.TextField, l.opt.GroupField)
	}
	if err != nil {
		return csvError(name, err, "the header row")
	}
	hline, _ := cr.FieldPos(0)
	header, err = l.csvHeader(name, hline, header)
	if err != nil {
		return err
	}
	base := idBase(name)
	rec := rawRecord{}
	for n := 1; ; n++ {
		start := cr.InputOffset()
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return inputReadError(name, err)
			}
			if gzErr := l.damaged(); gzErr != nil {
				return inputReadError(name, gzErr) // the row was cut by the damage
			}
			origin := name + ":" + strconv.Itoa(pe.StartLine)
			detail, hint := csvRowProblem(pe, len(row), len(header), cr.InputOffset()-start)
			if e := l.bad(origin, skipMalformed, detail, hint); e != nil {
				return e
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		repaired := false
		clear(rec)
		for i, col := range header {
			v, fixed := repairUTF8(row[i])
			repaired = repaired || fixed
			rec[col] = rawField{val: v}
		}
		if err := l.addRecord(rec, name+":"+strconv.Itoa(line), int64(line), n, base, repaired); err != nil {
			return err
		}
	}
}

// csvRowProblem words the parse error pe of a CSV row that has fields
// fields (the header has want) and took read bytes of the input, and says
// what to do.
func csvRowProblem(pe *csv.ParseError, fields, want int, read int64) (detail, hint string) {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line == pe.StartLine && int64(pe.Column) >= read:
		// encoding/csv reports a quoted field still open when the input
		// ends at the column after the last byte read; a stray quote
		// inside the line is reported at that quote, before the line's end.
		return fmt.Sprintf("unbalanced quotes: the quoted field opened on line %d is still open at the end of the input", pe.StartLine),
			"the input was cut short, or the field lacks its closing quote: close the quote, or use --skip-bad"
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return fmt.Sprintf("row has %d fields but the header has %d", fields, want),
			"quote fields that contain commas, fix the row, or use --skip-bad"
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("unbalanced quotes: a \" in an unquoted field (line %d, column %d)", pe.Line, pe.Column),
			"a field holding a quote must be quoted, its quotes doubled (\"say \"\"no\"\"\"); fix the row or use --skip-bad"
	case pe.Line > pe.StartLine:
		return fmt.Sprintf("unbalanced quotes: the quoted field opened on line %d is still open on line %d, so lines %d to %d are read as one broken row",
				pe.StartLine, pe.Line, pe.StartLine, pe.Line),
			"close the quote, write a quote inside a quoted field twice (\"\"), or use --skip-bad"
	}
	return fmt.Sprintf("unbalanced quotes: %v (column %d)", pe.Err, pe.Column),
		"a quote inside a quoted field is written twice (\"\"); fix the row or use --skip-bad"
}

// csvHeader checks a CSV header and returns a copy of its names, trimmed.
func (l *loader) csvHeader(name string, line int, row []string) ([]string, error) {
	header, seen, err := headerNames(name, line, row)
	if err != nil {
		return nil, err
	}
	cols := strings.Join(header, ", ")
	if !seen[l.opt.TextField] {
		return nil, fmt.Errorf("%s:%d: no %q column (columns: %s): set --text to the column that holds the article text", name, line, l.opt.TextField, cols)
	}
	if !seen[l.opt.GroupField] {
		return nil, fmt.Errorf("%s:%d: no %q column (columns: %s): set --group to the column that names the outlet", name, line, l.opt.GroupField, cols)
	}
	return header, nil
}

// csvError explains a CSV parse error in where.
func csvError(name string, err error, where string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: invalid CSV in %s: %v", name, pe.StartLine, where, pe.Err)
	}
	return inputReadError(name, err)
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
