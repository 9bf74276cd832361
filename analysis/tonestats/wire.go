package tonestats

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// The byte encodings of DocRecord and Acc share these primitives:
// unsigned and signed varints, float64 as its 8 IEEE 754 bits (little
// endian), strings and byte lengths as a uvarint length then the bytes.

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendUint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendFloat(b []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// errTruncated is what a reader reports when the bytes end early.
var errTruncated = errors.New("truncated")

// reader decodes the primitives from a byte slice; the first failure sticks
// in err and every later read returns a zero value.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("at byte %d: "+format, append([]any{r.off}, args...)...)
	}
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.fail("%v", errTruncated)
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *reader) bool() bool {
	switch c := r.byte(); c {
	case 0:
		return false
	case 1:
		return true
	default:
		r.fail("boolean byte %d: want 0 or 1", c)
		return false
	}
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 || n != varintLen(v) {
		r.fail("bad, truncated or overlong uvarint")
		return 0
	}
	r.off += n
	return v
}

// varintLen is the length of v's shortest uvarint encoding, the only one
// a reader accepts, so that every value has one encoding.
func varintLen(v uint64) int { return max(1, (bits.Len64(v)+6)/7) }

// count reads a uvarint length of things each taking at least minBytes
// bytes in what follows, and checks that they can fit, so that a corrupt
// length cannot make the decoder allocate more than the input's size.
func (r *reader) count(what string, minBytes int) int {
	n := r.uvarint()
	if r.err != nil {
		return 0
	}
	if left := uint64(len(r.b) - r.off); n > left/uint64(max(minBytes, 1)) {
		r.fail("%s count %d does not fit in the %d bytes left", what, n, left)
		return 0
	}
	return int(n)
}

// int reads a uvarint that must be at most limit.
func (r *reader) int(what string, limit int) int {
	n := r.uvarint()
	if r.err == nil && n > uint64(limit) {
		r.fail("%s %d is over %d", what, n, limit)
		return 0
	}
	return int(n)
}

func (r *reader) float() float64 {
	if r.err != nil {
		return 0
	}
	if len(r.b)-r.off < 8 {
		r.fail("%v float", errTruncated)
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b[r.off:]))
	r.off += 8
	return v
}

func (r *reader) string() string {
	n := r.count("string byte", 1)
	if r.err != nil {
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

// done checks that every byte was read.
func (r *reader) done() error {
	if r.err == nil && r.off != len(r.b) {
		r.fail("%d bytes left over", len(r.b)-r.off)
	}
	return r.err
}
