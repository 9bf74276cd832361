// Package varbin writes and reads the binary form of accumulators
// (analysis/lexmatch, analysis/framing): unsigned and zig-zag varints,
// length-prefixed strings and float64 bits, with encoding/binary. Reader
// never panics: the first malformed or truncated field sets a sticky error
// that names the field's offset, and every later read returns zero.
package varbin

import (
	"encoding/binary"
	"fmt"
	"math"
)

// AppendUvarint appends x as an unsigned varint.
func AppendUvarint(b []byte, x uint64) []byte { return binary.AppendUvarint(b, x) }

// AppendVarint appends x as a zig-zag varint.
func AppendVarint(b []byte, x int64) []byte { return binary.AppendVarint(b, x) }

// AppendString appends s with its length.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendFloat64 appends the 8 bytes of x (little endian).
func AppendFloat64(b []byte, x float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
}

// Reader reads what the Append functions wrote.
type Reader struct {
	b    []byte
	i    int
	what string
	err  error
}

// NewReader reads b; what names the data in errors ("lexicon accumulator").
func NewReader(b []byte, what string) *Reader { return &Reader{b: b, what: what} }

// Err returns the first error met, or nil.
func (r *Reader) Err() error { return r.err }

// Fail records an error found by the caller (a value out of range), unless
// one is already recorded.
func (r *Reader) Fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: byte %d: %s (the data is truncated or corrupt: encode it again)", r.what, r.i, fmt.Sprintf(format, args...))
	}
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 {
		r.Fail("bad varint")
		return 0
	}
	r.i += n
	return x
}

// Varint reads a zig-zag varint.
func (r *Reader) Varint() int64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Varint(r.b[r.i:])
	if n <= 0 {
		r.Fail("bad varint")
		return 0
	}
	r.i += n
	return x
}

// Int reads an unsigned varint that must fit in [0, max].
func (r *Reader) Int(max int) int {
	x := r.Uvarint()
	if x > uint64(max) {
		r.Fail("value %d above %d", x, max)
		return 0
	}
	return int(x)
}

// Count reads a number of items that follow, each at least one byte
// long: a count larger than the bytes left is an error, so that corrupt
// input never makes a huge allocation.
func (r *Reader) Count() int { return r.Int(r.Left()) }

// Left returns the number of bytes not read yet.
func (r *Reader) Left() int { return len(r.b) - r.i }

// Bytes reads n raw bytes; the result aliases the input.
func (r *Reader) Bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > r.Left() {
		r.Fail("%d bytes wanted, %d left", n, r.Left())
		return nil
	}
	b := r.b[r.i : r.i+n]
	r.i += n
	return b
}

// String reads a length-prefixed string.
func (r *Reader) String() string { return string(r.Bytes(r.Count())) }

// Float64 reads 8 bytes of float64 bits.
func (r *Reader) Float64() float64 {
	b := r.Bytes(8)
	if b == nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	b := r.Bytes(1)
	if b == nil {
		return 0
	}
	return b[0]
}

// Done returns the first error, or an error when bytes are left over.
func (r *Reader) Done() error {
	if r.err == nil && r.i != len(r.b) {
		r.Fail("%d bytes left over", len(r.b)-r.i)
	}
	return r.err
}
