package spill

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// Records past the budget go to the file and come back byte for byte,
// also when read concurrently; those within it stay in memory.
func TestPutGet(t *testing.T) {
	s := New("test records", 100)
	defer s.Close()
	var want [][]byte
	var refs []Ref
	for i := range 200 {
		b := []byte(fmt.Sprintf("record %d %s", i, bytes.Repeat([]byte{byte(i)}, i%7)))
		if i == 50 {
			b = nil // an empty record
		}
		want = append(want, b)
		refs = append(refs, s.Put(bytes.Clone(b)))
	}
	if refs[0].Mem == nil || refs[199].Mem != nil {
		t.Fatalf("the first record should be in memory and the last in the file: %+v, %+v", refs[0], refs[199])
	}
	var mem int
	for _, r := range refs {
		if r.Mem != nil {
			mem += len(r.Mem)
		}
	}
	if mem > 100 {
		t.Errorf("%d bytes in memory, over the budget of 100", mem)
	}
	if s.Spilled() == 0 {
		t.Fatal("nothing spilled")
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(refs); i += 4 {
				if got := s.Get(refs[i]); !bytes.Equal(got, want[i]) || refs[i].Len() != len(want[i]) {
					t.Errorf("record %d: got %q (len %d), want %q", i, got, refs[i].Len(), want[i])
				}
			}
		})
	}
	wg.Wait()
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
}

// A read that fails (the file closed under the store) gives an empty
// record and an error that names the records.
func TestReadError(t *testing.T) {
	s := New("test records", 0)
	r := s.Put([]byte("abc"))
	s.Close()
	if got := s.Get(r); got != nil {
		t.Errorf("got %q from a closed file", got)
	}
	if err := s.Err(); err == nil || !bytes.Contains([]byte(err.Error()), []byte("test records")) {
		t.Errorf("error %v, want one naming the records", err)
	}
}
