package clean

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
)

// lineStatsFormat is the first byte of encoded LineStats.
const lineStatsFormat = 1

// MarshalBinary encodes the statistics so that they can cross processes or
// machines (a distributed first pass sums them by group): each group in name
// order with its document count and its line hashes in ascending order,
// each with the number of documents holding it. The bytes depend only on
// the sums, not on the order in which documents were added.
func (s *LineStats) MarshalBinary() ([]byte, error) {
	names := make([]string, 0, len(s.groups))
	for name := range s.groups {
		names = append(names, name)
	}
	sort.Strings(names)
	b := []byte{lineStatsFormat}
	b = binary.AppendUvarint(b, uint64(len(names)))
	var keys []uint64
	for _, name := range names {
		g := s.groups[name]
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		b = binary.AppendUvarint(b, uint64(g.docs))
		keys = keys[:0]
		for k := range g.lines {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		prev := uint64(0)
		for _, k := range keys {
			b = binary.AppendUvarint(b, k-prev)
			prev = k
			b = binary.AppendUvarint(b, uint64(g.lines[k]))
		}
	}
	return b, nil
}

// UnmarshalBinary replaces s with the statistics encoded in data. Corrupt or
// truncated data is an error naming the byte where it went wrong, and s is
// left unchanged.
func (s *LineStats) UnmarshalBinary(data []byte) error {
	off := 0
	fail := func(why string) error {
		return fmt.Errorf("clean: corrupt line statistics at byte %d: %s", off, why)
	}
	uv := func() (uint64, error) {
		v, n := binary.Uvarint(data[off:])
		if n <= 0 {
			return 0, fail("truncated or overlong number")
		}
		off += n
		return v, nil
	}
	if len(data) == 0 {
		return fail("empty")
	}
	if data[0] != lineStatsFormat {
		return fmt.Errorf("clean: line statistics encoding version %d, want %d", data[0], lineStatsFormat)
	}
	off = 1
	nGroups, err := uv()
	if err != nil {
		return err
	}
	if nGroups > uint64(len(data)-off)/3 {
		return fail("more groups than the data could hold")
	}
	groups := make(map[string]*groupLines, nGroups)
	for range nGroups {
		n, err := uv()
		if err != nil {
			return err
		}
		if n > uint64(len(data)-off) {
			return fail("truncated group name")
		}
		name := string(data[off : off+int(n)])
		off += int(n)
		if _, dup := groups[name]; dup {
			return fail(fmt.Sprintf("group %q twice", name))
		}
		docs, err := uv()
		if err != nil {
			return err
		}
		nLines, err := uv()
		if err != nil {
			return err
		}
		if nLines > uint64(len(data)-off)/2 {
			return fail("more lines than the data could hold")
		}
		if docs > 1<<40 {
			return fail("document count out of range")
		}
		g := &groupLines{docs: int(docs), lines: make(map[uint64]int32, nLines)}
		key := uint64(0)
		for i := range nLines {
			gap, err := uv()
			if err != nil {
				return err
			}
			if i > 0 && gap == 0 {
				return fail("a line twice in one group")
			}
			key += gap
			c, err := uv()
			if err != nil {
				return err
			}
			if c == 0 || c > docs {
				return fail("line count out of range")
			}
			g.lines[key] = int32(c)
		}
		groups[name] = g
	}
	if off != len(data) {
		return fail(fmt.Sprintf("%d bytes after the end", len(data)-off))
	}
	s.groups = groups
	return nil
}
