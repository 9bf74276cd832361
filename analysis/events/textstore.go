package events

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
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
// memory up to TextMemory bytes, then in a spill file. Writes happen under
// the accumulator's owner's lock (Add, Merge, decoding); reads (get) may
// run concurrently once writing is over.
type textStore struct {
	mem      map[int]*docText
	memBytes int64
	spilled  map[int]spillRef
	f        *spillFile
	docs     int   // texts kept
	bytes    int64 // their bytes, text and 4 per span boundary
	errOnce  sync.Once
	err      error // the first error of the spill file
}

// spillRef is where a text's encoding lies in the spill file.
type spillRef struct {
	off int64
	n   int32
}

// spillFile is the temporary file and its end.
type spillFile struct {
	f   *os.File
	end int64
}

func newTextStore() *textStore {
	return &textStore{mem: map[int]*docText{}, spilled: map[int]spillRef{}}
}

// fail records the first error of the spill file.
func (s *textStore) fail(err error) {
	s.errOnce.Do(func() { s.err = err })
}

// put keeps the text of document idx (which must not be kept already).
func (s *textStore) put(idx int, t docText) {
	size := int64(len(t.text)) + 4*int64(len(t.spans))
	s.docs++
	s.bytes += size
	if s.memBytes+size <= TextMemory {
		s.mem[idx] = &t
		s.memBytes += size
		return
	}
	if s.f == nil && s.err == nil {
		f, err := os.CreateTemp("", "parallax-texts-*")
		if err != nil {
			s.fail(fmt.Errorf("events: a temporary file for the texts of %d documents (over %d MB in memory): %w (set TMPDIR to a folder with room)", s.docs, TextMemory>>20, err))
		} else {
			os.Remove(f.Name()) // unlinked: the file goes with its descriptor (Windows keeps it until closed)
			s.f = &spillFile{f: f}
			runtime.AddCleanup(s, func(sf *spillFile) { sf.f.Close() }, s.f)
		}
	}
	if s.err != nil {
		s.mem[idx] = &t // no file: keep it in memory rather than lose it
		s.memBytes += size
		return
	}
	b := appendText(nil, &t)
	if _, err := s.f.f.WriteAt(b, s.f.end); err != nil {
		s.fail(fmt.Errorf("events: writing the texts' temporary file: %w (set TMPDIR to a folder with room)", err))
		s.mem[idx] = &t
		s.memBytes += size
		return
	}
	s.spilled[idx] = spillRef{off: s.f.end, n: int32(len(b))}
	s.f.end += int64(len(b))
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
	b := make([]byte, r.n)
	if _, err := s.f.f.ReadAt(b, r.off); err != nil {
		s.fail(fmt.Errorf("events: reading back the text of document %d from the temporary file: %w", idx, err))
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
func (s *textStore) close() {
	if s.f != nil {
		s.f.f.Close()
	}
}
