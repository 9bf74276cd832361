package tone

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
)

// wordTable maps byte strings to values of type V. It is an open-addressing
// hash table with linear probing whose keys of up to 16 bytes sit in the
// slots themselves, as two little-endian words, beside their values: a
// look-up hashes and compares two machine words and reads the value from
// the same slot, with no pointer to follow and no allocation. Longer keys
// are kept in a Go map, the empty key in a field of its own. A wordTable is
// not changed after it is built, so it is safe for concurrent look-ups.
//
// The tables are built for look-ups of the words of a text one by one, a
// cache miss each when the table is large: the slots hold the values so
// that a word found costs one miss, entries given a weight are inserted
// heaviest first so that frequent words sit in their first slot, and an
// optional filter stops most look-ups of absent words in a small array.
type wordTable[V any] struct {
	slots []wordSlot[V]
	shift uint // 64 − log2(len(slots))
	// filter, when not nil, has a bit set for the top filterBits bits of
	// the hash of each key of slots, 8 bits per slot.
	filter     []uint64
	filterBits uint
	n          int          // keys in slots
	maxLen     int          // length of the longest key
	long       map[string]V // keys longer than 16 bytes
	empty      V            // the value of "", when hasEmpty
	hasEmpty   bool         // whether "" is a key
}

type wordSlot[V any] struct {
	w0, w1 uint64 // the key's bytes, little-endian, zero-padded (wordKey)
	n      uint32 // key length, 1…16; 0 for an empty slot
	entry  uint32 // index of the entry the slot holds, to resolve duplicates
	val    V
}

// wordPad is the number of readable bytes a look-up needs after the start
// of a key of up to 16 bytes (see getPadded).
const wordPad = 16

// wordTableOptions tune a wordTable for its look-ups.
type wordTableOptions[E any] struct {
	// filter adds the filter of absent words: for tables where many
	// look-ups fail.
	filter bool
	// weight, when not nil, orders the insertion, heaviest first.
	weight func(E) uint64
}

// newWordTable builds the table of the given entries: the key of each is
// key(e) and its value val(e). Of entries with the same key, the last one
// counts.
func newWordTable[E, V any](entries []E, key func(E) string, val func(E) V, opt wordTableOptions[E]) *wordTable[V] {
	size := 16
	for size < 2*len(entries) {
		size *= 2
	}
	t := &wordTable[V]{
		slots: make([]wordSlot[V], size),
		shift: uint(64 - bits.TrailingZeros(uint(size))),
		long:  map[string]V{},
	}
	if opt.filter {
		t.filterBits = 64 - t.shift + 3
		t.filter = make([]uint64, size*8/64)
	}
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	if opt.weight != nil {
		weights := make([]uint64, len(entries))
		for i, e := range entries {
			weights[i] = opt.weight(e)
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(weights[b], weights[a]) })
	}
	longEntry := map[string]int{}
	emptyEntry := -1
	for _, i := range order {
		k := key(entries[i])
		t.maxLen = max(t.maxLen, len(k))
		switch {
		case len(k) == 0:
			if i > emptyEntry {
				t.empty, t.hasEmpty, emptyEntry = val(entries[i]), true, i
			}
			continue
		case len(k) > 16:
			if j, ok := longEntry[k]; !ok || i > j {
				t.long[k], longEntry[k] = val(entries[i]), i
			}
			continue
		}
		w0, w1 := t.encode(k)
		h := wordHash(w0, w1, len(k))
		if t.filter != nil {
			f := h >> (64 - t.filterBits)
			t.filter[f/64] |= 1 << (f % 64)
		}
		s := t.find(h, w0, w1, len(k))
		if s.n == 0 {
			*s = wordSlot[V]{w0: w0, w1: w1, n: uint32(len(k)), entry: uint32(i), val: val(entries[i])}
			t.n++
		} else if uint32(i) > s.entry {
			s.entry, s.val = uint32(i), val(entries[i])
		}
	}
	return t
}

// lowBytes is the mask of the low k bytes of a word (k clamped to 0…8).
func lowBytes(k int) uint64 {
	return ^uint64(0) >> (64 - 8*uint(min(max(k, 0), 8)))
}

// keyMask0[n] and keyMask1[n] mask the first n bytes (n ≤ 16) of a key
// in its two slot words; the arrays are larger so that n&31 needs no
// bounds check.
var keyMask0, keyMask1 = func() (m0, m1 [32]uint64) {
	for n := range 17 {
		m0[n], m1[n] = lowBytes(n), lowBytes(n-8)
	}
	return m0, m1
}()

// wordKey returns the slot words of p[a:a+n] (n ≤ 16); p must have wordPad
// readable bytes from a on.
func wordKey(p []byte, a, n int) (w0, w1 uint64) {
	q := p[a : a+wordPad]
	w0 = binary.LittleEndian.Uint64(q[:8]) & keyMask0[n&31]
	w1 = binary.LittleEndian.Uint64(q[8:]) & keyMask1[n&31]
	return w0, w1
}

// encode returns the slot words of k (≤ 16 bytes).
func (t *wordTable[V]) encode(k string) (w0, w1 uint64) {
	var buf [wordPad]byte
	copy(buf[:], k)
	return wordKey(buf[:], 0, len(k))
}

// wordHash is the hash of the key of n bytes whose slot words are w0, w1.
func wordHash(w0, w1 uint64, n int) uint64 {
	// The slots are picked by the top bits, which mix all the bits of the
	// factors.
	return (w0+uint64(n))*0x9e3779b97f4a7c15 ^ w1*0xc2b2ae3d27d4eb4f
}

// find returns the slot of the key of hash h, or the empty slot where it
// would go.
func (t *wordTable[V]) find(h, w0, w1 uint64, n int) *wordSlot[V] {
	mask := uint64(len(t.slots) - 1)
	for i := h >> (t.shift & 63); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.n == 0 || (s.w0 == w0 && s.w1 == w1 && s.n == uint32(n)) {
			return s
		}
	}
}

// getWords looks up the key of n bytes, 0…16, whose slot words are w0, w1
// (both 0 when n is 0).
func (t *wordTable[V]) getWords(w0, w1 uint64, n int) (v V, ok bool) {
	if n == 0 {
		return t.empty, t.hasEmpty
	}
	h := wordHash(w0, w1, n)
	if t.filter != nil {
		if f := h >> ((64 - t.filterBits) & 63); t.filter[f/64]&(1<<(f%64)) == 0 {
			return v, false
		}
	}
	if s := t.find(h, w0, w1, n); s.n != 0 {
		return s.val, true
	}
	return v, false
}

// getPadded looks up p[a:a+n]; p must have wordPad readable bytes from a
// on when n ≤ 16.
func (t *wordTable[V]) getPadded(p []byte, a, n int) (V, bool) {
	if n > 16 {
		v, ok := t.long[string(p[a:a+n])]
		return v, ok
	}
	w0, w1 := wordKey(p, a, n)
	return t.getWords(w0, w1, n)
}

// get looks up key, of any length.
func (t *wordTable[V]) get(key string) (V, bool) {
	if len(key) > 16 {
		v, ok := t.long[key]
		return v, ok
	}
	w0, w1 := t.encode(key)
	return t.getWords(w0, w1, len(key))
}

// len returns the number of keys.
func (t *wordTable[V]) len() int {
	n := t.n + len(t.long)
	if t.hasEmpty {
		n++
	}
	return n
}
