package clean

import (
	"bytes"
	"reflect"
	"testing"

	"parallax/analysis/internal/testkit"
)

// TestLineStatsEncoding: the statistics of the AllSides sample survive the
// round trip through bytes, their encoding does not depend on how the
// documents were split and merged, and every cut or damaged encoding is
// refused without changing the receiver.
func TestLineStatsEncoding(t *testing.T) {
	docs := testkit.AllSides(t)
	all, even, odd := NewLineStats(), NewLineStats(), NewLineStats()
	for i := range docs {
		all.Add(docs[i].Group, docs[i].Text)
		if i%2 == 0 {
			even.Add(docs[i].Group, docs[i].Text)
		} else {
			odd.Add(docs[i].Group, docs[i].Text)
		}
	}
	b, err := all.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back := NewLineStats()
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.groups, all.groups) {
		t.Fatal("decoded statistics differ from the encoded ones")
	}
	// Odd half decoded from bytes, merged into the even half: the same sums.
	ob, _ := odd.MarshalBinary()
	oddBack := NewLineStats()
	if err := oddBack.UnmarshalBinary(ob); err != nil {
		t.Fatal(err)
	}
	even.Merge(oddBack)
	mb, _ := even.MarshalBinary()
	if !bytes.Equal(mb, b) {
		t.Fatal("merged halves encode differently from the whole")
	}
	// A repeated line is still found through the decoded statistics.
	found := false
	for g, gl := range all.groups {
		for k, n := range gl.lines {
			if back.groups[g].lines[k] != n {
				t.Fatalf("group %q line %x: %d documents, want %d", g, k, back.groups[g].lines[k], n)
			}
			found = found || n >= repeatedMinDocs
		}
	}
	if !found {
		t.Fatal("no line of the sample is repeated: the test checks nothing")
	}
	for cut := 0; cut < len(b); cut += 1 + len(b)/500 {
		s := NewLineStats()
		if err := s.UnmarshalBinary(b[:cut]); err == nil {
			t.Fatalf("encoding cut at %d of %d bytes accepted", cut, len(b))
		}
		if len(s.groups) != 0 {
			t.Fatal("a refused encoding changed the receiver")
		}
	}
	if err := NewLineStats().UnmarshalBinary(append(append([]byte{}, b...), 0)); err == nil {
		t.Fatal("trailing byte accepted")
	}
	if err := NewLineStats().UnmarshalBinary(append([]byte{9}, b[1:]...)); err == nil {
		t.Fatal("unknown version accepted")
	}
	empty, _ := NewLineStats().MarshalBinary()
	if err := back.UnmarshalBinary(empty); err != nil || len(back.groups) != 0 {
		t.Fatalf("empty statistics: %v, %d groups", err, len(back.groups))
	}
}
