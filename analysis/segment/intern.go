package segment

import (
	"hash/maphash"
	"strings"
	"sync"
	"unsafe"
)

// Norms interns the normalised forms of the tokens of one run: each distinct
// Norm is stored once and given a dense id, from 1 in first-seen order (which
// depends on scheduling: nothing may be ordered by id). It is shared by the
// run's workers, each reading it through its own Tokenizer, so that a token's
// Norm is hashed once and every later look-up (stop words, terms, lexicons)
// can be an array indexed by id.
type Norms struct {
	mu    sync.RWMutex
	ids   map[string]int32
	norms []string // id → Norm; norms[0] is unused
	seed  maphash.Seed
}

// NewNorms returns an empty interner.
func NewNorms() *Norms {
	return &Norms{ids: map[string]int32{}, norms: []string{""}, seed: maphash.MakeSeed()}
}

// Len returns one more than the largest id given so far: arrays indexed by id
// need this length.
func (n *Norms) Len() int {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return len(n.norms)
}

// Norm returns the normalised form with the given id, "" for an id not given.
func (n *Norms) Norm(id int32) string {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if id <= 0 || int(id) >= len(n.norms) {
		return ""
	}
	return n.norms[id]
}

// intern returns the id of norm and the interner's own copy of it, inserting
// a copy if it is new.
func (n *Norms) intern(norm string) (int32, string) {
	n.mu.RLock()
	id, ok := n.ids[norm]
	var canonical string
	if ok {
		canonical = n.norms[id]
	}
	n.mu.RUnlock()
	if ok {
		return id, canonical
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if id, ok := n.ids[norm]; ok {
		return id, n.norms[id]
	}
	norm = strings.Clone(norm)
	id = int32(len(n.norms))
	n.ids[norm] = id
	n.norms = append(n.norms, norm)
	return id, norm
}

// normCache is one worker's private table in front of a Norms: open
// addressing over 32-byte slots, each holding the interner's copy of its
// Norm. A Norm of at most 16 bytes (nearly every word) is matched by its
// slot's two keys, which hold its bytes, so the common look-up touches one
// slot and no string; a longer one by its hash, then by comparing the
// strings.
type normCache struct {
	norms *Norms
	slots []normSlot // power of two in length, at most half full
	used  int
}

type normSlot struct {
	k0, k1 uint64 // the Norm's bytes (inlineKeys) when ≤ 16 bytes; else its hash, and 0
	ptr    *byte  // the interner's copy of the Norm: unsafe.String(ptr, n)
	n      uint32 // len(Norm)
	id     int32  // 0: empty slot
}

func (sl *normSlot) norm() string { return unsafe.String(sl.ptr, sl.n) }

func newNormCache(n *Norms) *normCache {
	return &normCache{norms: n, slots: make([]normSlot, 1<<12)}
}

// inlineLen is the longest Norm a slot holds in its keys.
const inlineLen = 16

// inlineKeys packs s (at most 16 bytes) into two integers, little-endian:
// injective for a given length, since the overlapping loads together cover
// every byte of s.
func inlineKeys(s string) (k0, k1 uint64) {
	switch n := len(s); {
	case n >= 8:
		return le64(s), le64(s[n-8:])
	case n >= 4:
		return uint64(le32(s)) | uint64(le32(s[n-4:]))<<32, 0
	case n >= 2:
		return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[n-2])<<16 | uint64(s[n-1])<<24, 0
	case n == 1:
		return uint64(s[0]), 0
	}
	return 0, 0
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// slotHash places a slot of the given keys and Norm length.
func slotHash(k0, k1 uint64, n uint32) uint64 {
	if n <= inlineLen {
		return (k0 ^ (k1 * 0xBF58476D1CE4E5B9) ^ uint64(n)<<59) * 0x9E3779B97F4A7C15
	}
	return k0
}

// keys returns the slot keys of s.
func (c *normCache) keys(s string) (k0, k1 uint64) {
	if len(s) <= inlineLen {
		return inlineKeys(s)
	}
	return maphash.String(c.norms.seed, s), 0
}

// lookup returns the id of s and the interner's copy of it, asking the
// shared Norms only the first time this worker meets s.
func (c *normCache) lookup(s string) (int32, string) {
	k0, k1 := c.keys(s)
	h := slotHash(k0, k1, uint32(len(s)))
	mask := uint64(len(c.slots) - 1)
	for i := (h >> 32) & mask; ; i = (i + 1) & mask {
		sl := &c.slots[i]
		if sl.id == 0 {
			break
		}
		if sl.k0 == k0 && sl.k1 == k1 && sl.n == uint32(len(s)) && (len(s) <= inlineLen || sl.norm() == s) {
			return sl.id, sl.norm()
		}
	}
	id, canonical := c.norms.intern(s)
	c.insert(normSlot{k0: k0, k1: k1, ptr: unsafe.StringData(canonical), n: uint32(len(s)), id: id})
	return id, canonical
}

func (c *normCache) insert(sl normSlot) {
	if 2*(c.used+1) > len(c.slots) {
		old := c.slots
		c.slots = make([]normSlot, 2*len(old))
		c.used = 0
		for _, o := range old {
			if o.id != 0 {
				c.place(o)
			}
		}
	}
	c.place(sl)
}

func (c *normCache) place(sl normSlot) {
	mask := uint64(len(c.slots) - 1)
	i := (slotHash(sl.k0, sl.k1, sl.n) >> 32) & mask
	for c.slots[i].id != 0 {
		i = (i + 1) & mask
	}
	c.slots[i] = sl
	c.used++
}

// Tokenizer tokenizes as Tokenize does and gives every token the id of its
// Norm in a shared Norms (Token.ID), looking each Norm up once, in a private
// cache; a Norm that needed changing (upper case, a thousands separator…)
// is then the interner's copy, so no string is allocated for it. A Tokenizer
// is used by one goroutine; make one per worker over one shared Norms.
type Tokenizer struct {
	cache *normCache
}

// NewTokenizer returns a Tokenizer interning into n.
func NewTokenizer(n *Norms) *Tokenizer { return &Tokenizer{cache: newNormCache(n)} }

// Norms returns the interner the Tokenizer gives ids from.
func (t *Tokenizer) Norms() *Norms { return t.cache.norms }

// ID returns the id of norm, interning it if it is new: for tokens that did
// not come from this Tokenizer.
func (t *Tokenizer) ID(norm string) int32 {
	id, _ := t.cache.lookup(norm)
	return id
}

// Tokenize appends the tokens of text to dst as Tokenize does, each with
// its ID.
func (t *Tokenizer) Tokenize(text string, dst []Token) []Token {
	return tokenize(text, dst, t.cache)
}
