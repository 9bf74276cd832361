package termstats

import (
	"encoding/json"
	"fmt"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

// sampleRecords maps every document of the AllSides sample to its terms
// record, with ids of v, and also counts them straight into direct through
// the Counter, the path the pipeline takes.
func sampleRecords(t testing.TB, docs []corpus.Document, opt TermOptions, v *Vocabulary, direct *Shard) []*DocTerms {
	t.Helper()
	scratch := NewShardIn(v)
	tk := segment.NewTokenizer(segment.NewNorms())
	c := NewCounter(opt, v, scratch, tk)
	d2 := NewCounter(opt, v, direct, tk)
	defer d2.Flush() // its dense rows into direct's maps
	var recs []*DocTerms
	var toks []segment.Token
	for i := range docs {
		d := &docs[i]
		sents := segment.Sentences(d.Text, nil)
		r := &DocTerms{Group: d.Group, Date: d.Date, Sentences: int64(len(sents))}
		c.Document(d.Group, d.Date, len(sents))
		d2.Document(d.Group, d.Date, len(sents))
		for _, s := range sents {
			text := d.Text[s.Start:s.End]
			toks = tk.Tokenize(text, toks[:0])
			r.Words += int64(len(toks) - segment.CountNonWords(toks))
			c.Sentence(text, toks)
			d2.Sentence(text, toks)
		}
		r.Terms = c.DocumentVector()
		r.Staff = c.DocumentStaff()
		c.EndDocument()
		d2.EndDocument()
		recs = append(recs, r)
	}
	return recs
}

func stopEN(t testing.TB) *lexicons.StopWords {
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

// frozen renders everything Freeze makes of s, so that any difference shows.
func frozen(s *Shard) (string, error) {
	if s.Vocabulary() == nil {
		s = NewShardIn(NewVocabulary())
	}
	table, groups, _ := Freeze(s, s.Vocabulary())
	b, err := json.Marshal(struct {
		T *TermTable
		G []GroupSummary
	}{table, groups})
	return string(b), err
}

func shardCase(v *Vocabulary) testkit.Accumulator[*DocTerms, *Shard] {
	return testkit.Accumulator[*DocTerms, *Shard]{
		New:     func() *Shard { return NewShardIn(v) },
		Add:     func(s *Shard, r *DocTerms) { s.Add(r) },
		Merge:   func(d, s *Shard) error { d.Merge(s); return nil },
		Marshal: func(s *Shard) ([]byte, error) { return s.MarshalBinary() },
		Unmarshal: func(b []byte) (*Shard, error) {
			s := NewShard()
			return s, s.UnmarshalBinary(b)
		},
		Finish: frozen,
	}
}

func TestShardAccumulator(t *testing.T) {
	docs := testkit.AllSides(t)
	for _, tc := range []struct {
		opt  TermOptions
		docs int
	}{
		{TermOptions{StopWords: stopEN(t)}, len(docs)},
		// n-grams multiply the terms: a part of the sample keeps it quick.
		{TermOptions{StopWords: stopEN(t), Stem: true, NGrams: 3, MinLength: 3}, 150},
	} {
		opt, docs := tc.opt, docs[:tc.docs]
		t.Run(fmt.Sprintf("stem=%v,ngrams=%d", opt.Stem, opt.NGrams), func(t *testing.T) {
			v := NewVocabulary()
			direct := NewShardIn(v)
			recs := sampleRecords(t, docs, opt, v, direct)
			testkit.CheckAccumulator(t, recs, shardCase(v))

			// Adding the records gives what the Counter counts directly.
			viaAdd := NewShardIn(v)
			for _, r := range recs {
				viaAdd.Add(r)
			}
			want, _ := frozen(direct)
			if got, _ := frozen(viaAdd); got != want {
				t.Fatal("the records added to a Shard do not give what the Counter counted")
			}
		})
	}
}

// Two machines intern terms in different orders: their Shards, carried as
// bytes, still merge to the table one machine would make.
func TestShardMergeAcrossVocabularies(t *testing.T) {
	docs := testkit.AllSides(t)
	opt := TermOptions{StopWords: stopEN(t), NGrams: 2}
	whole := NewShardIn(NewVocabulary())
	sampleRecords(t, docs, opt, whole.Vocabulary(), whole)

	half := len(docs) / 2
	a, b := NewShardIn(NewVocabulary()), NewShardIn(NewVocabulary())
	sampleRecords(t, docs[half:], opt, b.Vocabulary(), b) // b interns the second half first
	sampleRecords(t, docs[:half], opt, a.Vocabulary(), a)
	bb, err := b.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var decoded Shard
	if err := decoded.UnmarshalBinary(bb); err != nil {
		t.Fatal(err)
	}
	a.Merge(&decoded)
	want, _ := frozen(whole)
	if got, _ := frozen(a); got != want {
		t.Fatal("shards of two vocabularies merged to a different table")
	}
	// And the other way round: into the decoded one.
	b2 := NewShard()
	if err := b2.UnmarshalBinary(bb); err != nil {
		t.Fatal(err)
	}
	a2 := NewShardIn(NewVocabulary())
	sampleRecords(t, docs[:half], opt, a2.Vocabulary(), a2)
	b2.Merge(a2)
	if got, _ := frozen(b2); got != want {
		t.Fatal("merging into a decoded shard gave a different table")
	}
}

// A hand-made encoding: the exact bytes of a small shard.
func TestShardEncodingByHand(t *testing.T) {
	v := NewVocabulary()
	s := NewShardIn(v)
	zeta, _ := v.intern("zeta")
	alpha, _ := v.intern("alpha")
	s.Add(&DocTerms{Group: "G", Date: "2020-01-02", Sentences: 2, Words: 5,
		Terms: SparseCounts{IDs: []int32{zeta, alpha}, Counts: []int64{3, 1}}, Staff: []string{"doe"}})
	got, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{2, // format
		2, 5, 'a', 'l', 'p', 'h', 'a', 4, 'z', 'e', 't', 'a', // terms in byte order
		1, 1, 'G', // one group "G"
		1, 2, 5, 0, // docs, sentences, words, undated
		10, '2', '0', '2', '0', '-', '0', '1', '-', '0', '2', // min date
		10, '2', '0', '2', '0', '-', '0', '1', '-', '0', '2', // max date
		2,       // two terms
		0, 1, 1, // alpha: gap 0, count 1, docs 1
		1, 3, 1, // zeta: gap 1, count 3, docs 1
		1, 3, 'd', 'o', 'e', 1, // one staff term, "doe", in 1 document
	}
	if string(got) != string(want) {
		t.Fatalf("encoding\n got %v\nwant %v", got, want)
	}
}

func TestShardUnmarshalErrors(t *testing.T) {
	v := NewVocabulary()
	s := NewShardIn(v)
	id, _ := v.intern("term")
	s.Add(&DocTerms{Group: "G", Terms: SparseCounts{IDs: []int32{id}, Counts: []int64{2}}})
	good, _ := s.MarshalBinary()
	for name, data := range map[string][]byte{
		"empty":          nil,
		"version":        append([]byte{9}, good[1:]...),
		"truncated":      good[:len(good)-1],
		"trailing":       append(append([]byte{}, good...), 0),
		"huge list":      {2, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"unsorted terms": {2, 2, 1, 'b', 1, 'a', 0},
		"term index":     {2, 1, 1, 'a', 1, 1, 'G', 1, 0, 0, 0, 0, 0, 1, 5, 1, 1, 0},
		"unsorted staff": {2, 0, 1, 1, 'G', 1, 0, 0, 0, 0, 0, 0, 2, 1, 'b', 1, 1, 'a', 1},
	} {
		var d Shard
		if err := d.UnmarshalBinary(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzShardUnmarshal(f *testing.F) {
	v := NewVocabulary()
	s := NewShardIn(v)
	a, _ := v.intern("a")
	b, _ := v.intern("b c")
	s.Add(&DocTerms{Group: "G", Date: "2021", Sentences: 1, Words: 2, Terms: SparseCounts{IDs: []int32{a, b}, Counts: []int64{1, 2}}})
	s.Add(&DocTerms{Group: "H", Terms: SparseCounts{IDs: []int32{b}, Counts: []int64{7}}})
	good, _ := s.MarshalBinary()
	f.Add(good)
	f.Add([]byte{2, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Shard
		if err := d.UnmarshalBinary(data); err != nil {
			return
		}
		// What decodes encodes back to the same bytes.
		again, err := d.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var e Shard
		if err := e.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if x, _ := frozen(&d); x != func() string { y, _ := frozen(&e); return y }() {
			t.Fatal("decode → encode → decode changed the shard")
		}
	})
}
