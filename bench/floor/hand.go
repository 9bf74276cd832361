package main

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The -hand mode replaces encoding/json by a scanner written for this one
// job: walk the record's top-level object, skip every value but the two
// strings wanted, and unescape those in place. It accepts what
// encoding/json accepts for such records (objects, arrays, strings with
// every escape, numbers by the JSON grammar, true, false, null) and rejects
// a record that is not an object or whose group or text is neither a string
// nor null. As encoding/json does into a struct, it matches keys without
// regard to case, lets the last of repeated keys win, and leaves a field
// set to null as it was. It is the lower bound of decoding with hand-tuned
// code, beside the standard library's.

var errSyntax = errors.New("invalid JSON")

// handFields returns the string values of the top-level keys group and
// "text" of the object in b, matched without regard to case. A text with escapes is unescaped into *tbuf,
// keys and the group into *kbuf; both are reused between calls.
func handFields(b []byte, group string, kbuf, tbuf *[]byte) (g string, text []byte, err error) {
	buf := *kbuf
	defer func() { *kbuf = buf }()
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return "", nil, errSyntax
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		if skipSpace(b, i+1) != len(b) {
			return "", nil, errSyntax
		}
		return "", nil, nil
	}
	var key []byte
	for {
		if i >= len(b) || b[i] != '"' {
			return "", nil, errSyntax
		}
		key, buf, i, err = handString(b, i, buf[:0])
		if err != nil {
			return "", nil, err
		}
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return "", nil, errSyntax
		}
		i = skipSpace(b, i+1)
		isGroup := strings.EqualFold(string(key), group)
		if isGroup || strings.EqualFold(string(key), "text") {
			if len(b)-i >= 4 && string(b[i:i+4]) == "null" {
				// encoding/json leaves a string set to null unchanged.
				i += 4
			} else if i >= len(b) || b[i] != '"' {
				return "", nil, errors.New("field " + strconv.Quote(string(key)) + " is not a string")
			} else if isGroup {
				var v []byte
				v, buf, i, err = handString(b, i, buf[:0])
				g = string(v)
			} else {
				text, *tbuf, i, err = handString(b, i, (*tbuf)[:0])
			}
			if err != nil {
				return "", nil, err
			}
		} else if i, err = skipValue(b, i, 0); err != nil {
			return "", nil, err
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return "", nil, errSyntax
		}
		if b[i] == '}' {
			if skipSpace(b, i+1) != len(b) {
				return "", nil, errSyntax
			}
			return g, text, nil
		}
		if b[i] != ',' {
			return "", nil, errSyntax
		}
		i = skipSpace(b, i+1)
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// handString reads the string starting at b[i] == '"'. Without escapes it
// returns a slice of b; with them, the unescaped bytes appended to buf.
func handString(b []byte, i int, buf []byte) (s, out []byte, next int, err error) {
	start := i + 1
	j := start
	for j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= 0x20 {
		j++
	}
	if j < len(b) && b[j] == '"' {
		return b[start:j], buf, j + 1, nil
	}
	buf = append(buf, b[start:j]...)
	for j < len(b) {
		c := b[j]
		switch {
		case c == '"':
			return buf, buf, j + 1, nil
		case c < 0x20:
			return nil, buf, j, errSyntax
		case c != '\\':
			buf = append(buf, c)
			j++
			continue
		}
		if j+1 >= len(b) {
			return nil, buf, j, errSyntax
		}
		switch e := b[j+1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, n, ok := hex4(b, j+2)
			if !ok {
				return nil, buf, j, errSyntax
			}
			j += n
			if utf16.IsSurrogate(r) {
				r2, n2, ok2 := rune(0), 0, false
				if j+3 < len(b) && b[j+2] == '\\' && b[j+3] == 'u' {
					r2, n2, ok2 = hex4(b, j+4)
				}
				if d := utf16.DecodeRune(r, r2); ok2 && d != utf8.RuneError {
					r = d
					j += 2 + n2
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return nil, buf, j, errSyntax
		}
		j += 2
	}
	return nil, buf, j, errSyntax
}

// hex4 reads the four hex digits at b[i:]; n is 4 when they are there.
func hex4(b []byte, i int) (r rune, n int, ok bool) {
	if i+4 > len(b) {
		return 0, 0, false
	}
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, 4, true
}

// skipValue skips the JSON value at b[i], nested at most 1,000 deep.
func skipValue(b []byte, i, depth int) (int, error) {
	if depth > 1000 || i >= len(b) {
		return i, errSyntax
	}
	switch c := b[i]; {
	case c == '"':
		_, _, j, err := handString(b, i, nil)
		return j, err
	case c == '{' || c == '[':
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == end {
			return i + 1, nil
		}
		for {
			var err error
			if c == '{' {
				if i >= len(b) || b[i] != '"' {
					return i, errSyntax
				}
				if _, _, i, err = handString(b, i, nil); err != nil {
					return i, err
				}
				if i = skipSpace(b, i); i >= len(b) || b[i] != ':' {
					return i, errSyntax
				}
				i = skipSpace(b, i+1)
			}
			if i, err = skipValue(b, i, depth+1); err != nil {
				return i, err
			}
			i = skipSpace(b, i)
			if i >= len(b) {
				return i, errSyntax
			}
			if b[i] == end {
				return i + 1, nil
			}
			if b[i] != ',' {
				return i, errSyntax
			}
			i = skipSpace(b, i+1)
		}
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range []string{"true", "false", "null"} {
			if len(b)-i >= len(w) && string(b[i:i+len(w)]) == w {
				return i + len(w), nil
			}
		}
		return i, errSyntax
	case c == '-' || '0' <= c && c <= '9':
		return skipNumber(b, i)
	}
	return i, errSyntax
}

// skipNumber skips the number at b[i] by the JSON grammar,
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, whatever its magnitude:
// encoding/json accepts 1e400 in a value it skips.
func skipNumber(b []byte, i int) (int, error) {
	j := i
	if j < len(b) && b[j] == '-' {
		j++
	}
	switch {
	case j < len(b) && b[j] == '0':
		j++
	case j < len(b) && '1' <= b[j] && b[j] <= '9':
		j = skipDigits(b, j+1)
	default:
		return j, errSyntax
	}
	if j < len(b) && b[j] == '.' {
		k := skipDigits(b, j+1)
		if k == j+1 {
			return k, errSyntax
		}
		j = k
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		j++
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		k := skipDigits(b, j)
		if k == j {
			return k, errSyntax
		}
		j = k
	}
	return j, nil
}

func skipDigits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}
