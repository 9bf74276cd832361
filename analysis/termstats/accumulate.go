package termstats

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"parallax/analysis/internal/varbin"
)

// The term statistics in the map → combine → finish shape:
//
//   - map: a document becomes a DocTerms record (Counter builds it in place
//     while it tokenizes);
//   - combine: a Shard holds one accumulator per group; Add adds a record,
//     Merge adds another Shard, and MarshalBinary/UnmarshalBinary carry a
//     Shard between processes or machines, its terms as strings;
//   - finish: Freeze turns the merged Shard into the TermTable every
//     statistic (keyness, similarity, clustering) is computed from.
//
// Every field of an accumulator is a sum, a count, or a minimum or maximum,
// so any split of the documents merged in any order freezes to the same
// table.

// DocTerms is the terms record of one document.
type DocTerms struct {
	Group     string
	Date      string // "" when the document has no date
	Sentences int64
	Words     int64 // word and number tokens, before stop words
	// Terms are the document's counted terms: ids of the Shard's
	// vocabulary, each once, with their number of occurrences.
	Terms SparseCounts
	// Staff are the terms the document gives as its group's staff names
	// (Counter.DocumentStaff), each once.
	Staff []string
}

// NewShardIn returns an empty Shard whose term ids are those of v.
func NewShardIn(v *Vocabulary) *Shard {
	s := NewShard()
	s.vocab = v
	return s
}

// Vocabulary is the vocabulary the Shard's term ids belong to (nil for a
// Shard that never counted a term and was not given one).
func (s *Shard) Vocabulary() *Vocabulary { return s.vocab }

// Add adds one document's record to its group.
func (s *Shard) Add(r *DocTerms) {
	g := s.group(r.Group)
	g.docs++
	if r.Date == "" {
		g.undated++
	}
	g.addDate(r.Date)
	g.sentences += r.Sentences
	g.words += r.Words
	for i, id := range r.Terms.IDs {
		t := g.terms[id]
		t.count += r.Terms.Counts[i]
		t.docs++
		g.terms[id] = t
	}
	g.addStaff(r.Staff)
}

// translate returns o's groups with their term ids moved into s's
// vocabulary, when the two Shards count in different vocabularies (one of
// them decoded from bytes, or made on another machine).
func (s *Shard) translate(o *Shard) map[string]*groupAcc {
	if s.vocab == nil {
		s.vocab = o.vocab
	}
	if o.vocab == nil || o.vocab == s.vocab {
		return o.groups
	}
	o.vocab.mu.RLock()
	terms := o.vocab.terms
	o.vocab.mu.RUnlock()
	ids := make(map[int32]int32)
	out := make(map[string]*groupAcc, len(o.groups))
	for name, g := range o.groups {
		t := *g
		t.terms = make(map[int32]termCount, len(g.terms))
		for id, c := range g.terms {
			to, ok := ids[id]
			if !ok {
				to, _ = s.vocab.intern(terms[id])
				ids[id] = to
			}
			t.terms[to] = c
		}
		out[name] = &t
	}
	return out
}

// shardFormat is the first byte of an encoded Shard.
const shardFormat = 2

// MarshalBinary encodes the Shard: its terms once each, as strings in
// byte order, then each group (in name order) with its sums and its terms'
// counts by position in that list. The bytes depend only on the sums, not
// on the order in which documents were added or on the vocabulary's ids.
func (s *Shard) MarshalBinary() ([]byte, error) {
	names := make([]string, 0, len(s.groups))
	var ids []int32
	seen := map[int32]bool{}
	for name, g := range s.groups {
		names = append(names, name)
		for id := range g.terms {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(names)
	if len(ids) > 0 && s.vocab == nil {
		return nil, errors.New("termstats: a shard with terms but no vocabulary cannot be encoded")
	}
	var terms []string
	if s.vocab != nil {
		s.vocab.mu.RLock()
		terms = s.vocab.terms
		s.vocab.mu.RUnlock()
	}
	slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(terms[a], terms[b]) })
	pos := make(map[int32]uint64, len(ids))
	b := []byte{shardFormat}
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for i, id := range ids {
		pos[id] = uint64(i)
		b = varbin.AppendString(b, terms[id])
	}
	b = binary.AppendUvarint(b, uint64(len(names)))
	type cell struct {
		at uint64
		termCount
	}
	var cells []cell
	for _, name := range names {
		g := s.groups[name]
		b = varbin.AppendString(b, name)
		b = binary.AppendUvarint(b, uint64(g.docs))
		b = binary.AppendUvarint(b, uint64(g.sentences))
		b = binary.AppendUvarint(b, uint64(g.words))
		b = binary.AppendUvarint(b, uint64(g.undated))
		b = varbin.AppendString(b, g.minDate)
		b = varbin.AppendString(b, g.maxDate)
		cells = cells[:0]
		for id, c := range g.terms {
			cells = append(cells, cell{pos[id], c})
		}
		slices.SortFunc(cells, func(x, y cell) int { return int(x.at) - int(y.at) })
		b = binary.AppendUvarint(b, uint64(len(cells)))
		prev := uint64(0)
		for _, c := range cells {
			b = binary.AppendUvarint(b, c.at-prev) // ascending: gaps are small
			prev = c.at
			b = binary.AppendUvarint(b, uint64(c.count))
			b = binary.AppendUvarint(b, uint64(c.docs))
		}
		b = binary.AppendUvarint(b, uint64(len(g.staff)))
		for _, w := range slices.Sorted(maps.Keys(g.staff)) {
			b = varbin.AppendString(b, w)
			b = binary.AppendUvarint(b, uint64(g.staff[w]))
		}
	}
	return b, nil
}

// UnmarshalBinary replaces the Shard with the one encoded in data, its terms
// in a vocabulary of its own (Merge translates them into another). Corrupt
// or truncated data is an error, and the Shard is left unchanged.
func (s *Shard) UnmarshalBinary(data []byte) error {
	r := varbin.NewReader(data, "termstats shard")
	if v := r.Bytes(1); r.Err() == nil && v[0] != shardFormat {
		return fmt.Errorf("termstats: shard encoding version %d, want %d", v[0], shardFormat)
	}
	v := NewVocabulary()
	nTerms := r.Count()
	for i := 0; i < nTerms && r.Err() == nil; i++ {
		t := r.String()
		if r.Err() != nil {
			break
		}
		if i > 0 && t <= v.terms[i-1] {
			r.Fail("terms not in strictly increasing order")
			break
		}
		v.intern(t)
	}
	groups := map[string]*groupAcc{}
	nGroups := r.Count()
	for i := 0; i < nGroups && r.Err() == nil; i++ {
		name := r.String()
		if _, dup := groups[name]; dup && r.Err() == nil {
			r.Fail("group %q twice", name)
		}
		g := newGroupAcc()
		g.docs = r.Int(math.MaxInt32)
		g.sentences = int64(r.Int(math.MaxInt64))
		g.words = int64(r.Int(math.MaxInt64))
		g.undated = r.Int(math.MaxInt32)
		g.minDate = r.String()
		g.maxDate = r.String()
		n := r.Count()
		at := uint64(0)
		for j := 0; j < n && r.Err() == nil; j++ {
			gap := r.Uvarint()
			if j > 0 && gap == 0 {
				r.Fail("a term twice in one group")
			}
			at += gap
			if at >= uint64(nTerms) {
				r.Fail("term index out of range")
			}
			c := termCount{count: int64(r.Int(math.MaxInt64)), docs: int64(r.Int(math.MaxInt64))}
			if r.Err() == nil {
				g.terms[int32(at)] = c
			}
		}
		prev := ""
		for j, n := 0, r.Count(); j < n && r.Err() == nil; j++ {
			w := r.String()
			if j > 0 && w <= prev && r.Err() == nil {
				r.Fail("staff terms not in strictly increasing order")
			}
			prev = w
			if d := int64(r.Int(math.MaxInt64)); r.Err() == nil {
				if g.staff == nil {
					g.staff = map[string]int64{}
				}
				g.staff[w] = d
			}
		}
		groups[name] = g
	}
	if r.Err() == nil && r.Left() != 0 {
		r.Fail("%d bytes after the end", r.Left())
	}
	if r.Err() != nil {
		return r.Err()
	}
	s.vocab, s.groups = v, groups
	return nil
}
