package corpus

import "sync/atomic"

// HashMemo carries the duplicate-detection hashes of one load of a source
// to a later load of the same source (LoadOptions.Hashes): a run whose
// first pass reads the corpus for statistics and whose second pass reads
// it again need not hash every text twice. The first load records the
// hashes of the texts it hashed, by record origin; after Seal, later loads
// take a text's hashes from the memo when its origin is there with a text
// of the same length and the same first and last bytes, and compute them
// otherwise. The hashes depend on the text alone, so a memo hit gives what
// computing would.
//
// A load records into the memo from one goroutine; once sealed the memo is
// only read, by any number of goroutines.
type HashMemo struct {
	m      map[string]memoEntry
	sealed atomic.Bool
}

type memoEntry struct {
	h      textHashes
	n      int    // len(text)
	sample uint64 // textSample(text)
}

// NewHashMemo returns an empty memo that records.
func NewHashMemo() *HashMemo { return &HashMemo{m: map[string]memoEntry{}} }

// Seal ends recording: from now on the memo is read.
func (m *HashMemo) Seal() { m.sealed.Store(true) }

// Len returns the number of texts recorded.
func (m *HashMemo) Len() int { return len(m.m) }

// record notes the hashes h of text, loaded from origin, while recording.
func (m *HashMemo) record(origin, text string, h textHashes) {
	if m == nil || m.sealed.Load() {
		return
	}
	h.sel = 0
	m.m[origin] = memoEntry{h: h, n: len(text), sample: textSample(text)}
}

// lookup returns the recorded hashes of text from origin, once sealed.
func (m *HashMemo) lookup(origin, text string) (textHashes, bool) {
	if m == nil || !m.sealed.Load() {
		return textHashes{}, false
	}
	e, ok := m.m[origin]
	if !ok || e.n != len(text) || e.sample != textSample(text) {
		return textHashes{}, false
	}
	return e.h, true
}

// textSample folds the first and last eight bytes of s (fewer when s is
// shorter) into a word: a cheap check that a memo entry is for this text.
func textSample(s string) uint64 {
	if len(s) < 8 {
		return blockHash(s)
	}
	return le64(s) ^ le64(s[len(s)-8:])*blockMul
}
