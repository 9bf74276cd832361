// Package spill keeps byte records that grow with the number of documents
// out of memory: the first ones, up to a budget, stay in memory; the rest
// are appended to a temporary file that is removed from its directory as
// soon as it is created (the file goes with its descriptor, and so with
// the process) and read back when needed. An accumulator that keeps a
// record per document (framing's, events' texts) stays bounded in memory
// whatever the size of the corpus (docs/performance.md, "Memory").
//
// A Store is written by one goroutine at a time (its owner's lock) and may
// be read concurrently once writing is over: reads are positioned reads
// (ReadAt) of an append-only file.
package spill

import (
	"fmt"
	"os"
	"runtime"
	"sync"
)

// Store holds records in memory up to its budget, then in its file.
type Store struct {
	what     string // what the records are, for messages
	budget   int64
	memBytes int64 // bytes of the records kept in memory
	f        *file
	errOnce  sync.Once
	err      error
}

// file is the temporary file and its end.
type file struct {
	f   *os.File
	end int64
}

// Ref is where a record is: in memory (Mem) or in the file (Off, N).
type Ref struct {
	Mem []byte
	Off int64
	N   int32
}

// Len is the length of the record.
func (r *Ref) Len() int {
	if r.Mem != nil {
		return len(r.Mem)
	}
	return int(r.N)
}

// New returns a store keeping up to budget bytes of records in memory;
// what names the records in error messages ("framing records").
func New(what string, budget int64) *Store {
	return &Store{what: what, budget: budget}
}

// fail records the first error of the file.
func (s *Store) fail(err error) {
	s.errOnce.Do(func() { s.err = err })
}

// Err returns the first error writing or reading the file, if any.
func (s *Store) Err() error { return s.err }

// Put keeps b, which the store may retain (the caller must not change it
// afterwards), and returns where it is. A record that does not fit the
// budget goes to the file; when the file cannot be written the record stays
// in memory (nothing is lost, and Err says why memory grew).
func (s *Store) Put(b []byte) Ref {
	size := int64(len(b))
	if b == nil {
		b = []byte{}
	}
	if s.memBytes+size <= s.budget || s.err != nil {
		s.memBytes += size
		return Ref{Mem: b}
	}
	if s.f == nil {
		f, err := os.CreateTemp("", "parallax-spill-*")
		if err != nil {
			s.fail(fmt.Errorf("a temporary file for the %s past %d MB in memory: %w (set TMPDIR to a folder with room)", s.what, s.budget>>20, err))
			s.memBytes += size
			return Ref{Mem: b}
		}
		os.Remove(f.Name()) // unlinked: the file goes with its descriptor (Windows keeps it until closed)
		s.f = &file{f: f}
		runtime.AddCleanup(s, func(sf *file) { sf.f.Close() }, s.f)
	}
	if _, err := s.f.f.WriteAt(b, s.f.end); err != nil {
		s.fail(fmt.Errorf("writing the %s' temporary file: %w (set TMPDIR to a folder with room)", s.what, err))
		s.memBytes += size
		return Ref{Mem: b}
	}
	r := Ref{Off: s.f.end, N: int32(len(b))}
	s.f.end += size
	return r
}

// Get returns the record at r: the kept bytes, or a new slice read from
// the file. A record that cannot be read back is returned empty, and Err
// says why.
func (s *Store) Get(r Ref) []byte {
	if r.Mem != nil || r.N == 0 {
		return r.Mem
	}
	if s.f == nil {
		s.fail(fmt.Errorf("a %s record refers to a temporary file this store does not have", s.what))
		return nil
	}
	b := make([]byte, r.N)
	if _, err := s.f.f.ReadAt(b, r.Off); err != nil {
		s.fail(fmt.Errorf("reading back the %s from their temporary file: %w", s.what, err))
		return nil
	}
	return b
}

// Spilled reports how many bytes went to the file.
func (s *Store) Spilled() int64 {
	if s.f == nil {
		return 0
	}
	return s.f.end
}

// Close lets go of the file. The store must not be read afterwards.
func (s *Store) Close() {
	if s.f != nil {
		s.f.f.Close()
	}
}
