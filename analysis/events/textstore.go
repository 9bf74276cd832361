package events

import (
	"fmt"
	"slices"
	"sync"

	"parallax/analysis/internal/spill"
)

// TextMemory is how many bytes of kept document texts an accumulator holds
// in memory; the texts past it go to a temporary file (os.TempDir, or
// $TMPDIR), removed from the directory as soon as it is created and closed
// when the accumulator is finished or dropped. The texts are what the
// stories' figures and passages are read from in Finish: most documents of
// a large corpus keep theirs (about 90 % of the bytes of the corpus), so
// without the file the memory would grow with the corpus
// (docs/performance.md). The file's contents are the texts' byte encoding,
// read back in Finish; results do not depend on where a text was kept.
var TextMemory int64 = 48 << 20

// textStore keeps the texts of an accumulator's documents by ordinal: in
// memory up to TextMemory bytes, then, encoded, in a spill.Store's file.
// Writes happen under the accumulator's owner's lock (Add, Merge,
// decoding); reads (get) may run concurrently once writing is over.
type textStore struct {
	mem      map[int]*docText
	memBytes int64
	spilled  map[int]spill.Ref
	file     *spill.Store // budget 0: every text put there goes to its file
	docs     int          // texts kept
	bytes    int64        // their bytes: text, 4 per span boundary, 8 per hash and per tone, and the sentences' features
	errOnce  sync.Once
	err      error // the first error of the spill file, or of a text read back
}

func newTextStore() *textStore {
	return &textStore{mem: map[int]*docText{}, spilled: map[int]spill.Ref{}, file: spill.New("texts", 0)}
}

// fail records the first error of the spill file.
func (s *textStore) fail(err error) {
	s.errOnce.Do(func() { s.err = err })
}

// put keeps the text of document idx (which must not be kept already).
func (s *textStore) put(idx int, t docText) {
	size := int64(len(t.text)) + 4*int64(len(t.spans)) + 8*int64(len(t.hashes)+len(t.tones)) + int64(len(t.feats))
	s.docs++
	s.bytes += size
	if s.memBytes+size <= TextMemory || s.err != nil {
		// Within the budget, or no file: keep it in memory rather than lose it.
		s.mem[idx] = &t
		s.memBytes += size
		return
	}
	r := s.file.Put(appendText(nil, &t))
	if err := s.file.Err(); err != nil {
		s.fail(fmt.Errorf("events: %w", err))
	}
	s.spilled[idx] = r // in memory, encoded, when the file failed
}

// get returns document idx's text, and whether it is kept. A text that
// cannot be read back is reported by err, and is then not kept.
func (s *textStore) get(idx int) (docText, bool) {
	if t, ok := s.mem[idx]; ok {
		return *t, true
	}
	r, ok := s.spilled[idx]
	if !ok {
		return docText{}, false
	}
	b := s.file.Get(r)
	if err := s.file.Err(); err != nil {
		s.fail(fmt.Errorf("events: the text of document %d: %w", idx, err))
		return docText{}, false
	}
	d := decoder{b: b}
	t := d.text()
	if err := d.end(); err != nil {
		s.fail(fmt.Errorf("events: the text of document %d in the temporary file: %w", idx, err))
		return docText{}, false
	}
	return t, true
}

// has reports whether document idx's text is kept.
func (s *textStore) has(idx int) bool {
	if _, ok := s.mem[idx]; ok {
		return true
	}
	_, ok := s.spilled[idx]
	return ok
}

// ordinals returns the ordinals of the kept texts, ascending.
func (s *textStore) ordinals() []int {
	out := make([]int, 0, s.docs)
	for k := range s.mem {
		out = append(out, k)
	}
	for k := range s.spilled {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// close lets go of the spill file. The store must not be read afterwards.
func (s *textStore) close() { s.file.Close() }
