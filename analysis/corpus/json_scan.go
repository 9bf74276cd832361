package corpus

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

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
	end, multi := stringRun(p.data, p.i)
	p.i = end
	if end >= len(p.data) {
		return "", false
	}
	switch p.data[end] {
	case '"':
		s := p.data[start:end]
		p.i++
		if multi && !utf8.Valid(s) {
			return "", false
		}
		return string(s), true
	case '\\':
		return p.escapedStr(start)
	}
	return "", false // a control character
}

// SWAR constants: one in every byte, the high bit of every byte.
const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// stringRun returns the index of the first byte at or after i in data that
// ends a plain run of a JSON string — '"', '\\' or a control character
// (below 0x20) — or len(data) if none does. multi is true when the run may
// hold a byte of 0x80 or more (it may also be true when it does not: the
// caller then checks UTF-8 it need not). It reads eight bytes at a time:
// the lowest byte flagged by the zero-byte and less-than tests is exact,
// since a borrow only spreads upwards from a true match.
func stringRun(data []byte, i int) (end int, multi bool) {
	var high uint64
	for ; i+8 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:])
		q := x ^ (swarOnes * '"')
		b := x ^ (swarOnes * '\\')
		stop := ((q - swarOnes) &^ q) | ((b - swarOnes) &^ b) | ((x - swarOnes*0x20) &^ x)
		high |= x
		if stop &= swarHigh; stop != 0 {
			return i + bits.TrailingZeros64(stop)/8, high&swarHigh != 0
		}
	}
	for ; i < len(data); i++ {
		c := data[i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		high |= uint64(c)
	}
	return i, high&swarHigh != 0
}

// escapedStr finishes reading a string begun at start whose first escape is
// at p.i.
func (p *jsonScan) escapedStr(start int) (string, bool) {
	b := append(p.buf[:0], p.data[start:p.i]...)
	for p.i < len(p.data) {
		run := p.i
		p.i, _ = stringRun(p.data, p.i)
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
