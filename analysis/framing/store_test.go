package framing

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/segment"
)

// TestToneEncoding checks that every tone comes back bit for bit: VADER
// compounds (4 decimals) take the short form, anything else the 8 bytes.
func TestToneEncoding(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 0.1234, -0.1234, 0.0001, -0.9999, 1, -1, 0.5, -0.4404,
		0.12345, 1.0 / 3, 1e300, -1e-300, math.Inf(1), math.Inf(-1), math.NaN(), 123456.7891, 1 << 50}
	for k := -10000; k <= 10000; k++ {
		vals = append(vals, pyRoundTest(float64(k)/1e4))
	}
	var e encBuf
	for _, v := range vals {
		e.tone(v)
	}
	d := decBuf{b: e}
	for _, v := range vals {
		if got := d.tone(); math.Float64bits(got) != math.Float64bits(v) {
			t.Fatalf("tone %v (%x) came back as %v (%x)", v, math.Float64bits(v), got, math.Float64bits(got))
		}
	}
	if !d.done() {
		t.Fatalf("%d bytes left", len(e)-d.i)
	}
	// the short form: at most 3 bytes for a compound
	var s encBuf
	s.tone(-0.9999)
	if len(s) > 3 {
		t.Errorf("compound -0.9999 takes %d bytes", len(s))
	}
}

// pyRoundTest is what tone.VADER returns for a compound of 4 decimals.
func pyRoundTest(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func TestSentenceRecordsRoundTrip(t *testing.T) {
	many := make([]uint32, 5000)
	for i := range many {
		many[i] = uint32(i * 7)
	}
	cases := map[string][]sentRecord{
		"none":                  nil,
		"one unscored":          {{sentence: 0, actors: []uint32{1}}},
		"scored without actors": {{sentence: 3, scored: true, tone: -0.25}},
		"with stance": {
			{sentence: 1, actors: []uint32{2, 9}, hasStance: true, stance: []float64{-0.1234, math.NaN()}, scored: true, tone: 0.1},
			{sentence: 4, actors: []uint32{7}, hasStance: true, stance: []float64{0.987654321}},
		},
		"huge ids and sentences": {
			{sentence: 0, actors: []uint32{0, math.MaxUint32 - 1, math.MaxUint32}, scored: true, tone: 0.5,
				labels: []uint32{math.MaxUint32}, frames: []uint32{math.MaxUint32 >> 1, 7}},
			{sentence: 1 << 40, actors: []uint32{math.MaxUint32}},
		},
		"many mentions": {
			{sentence: 2, actors: many, scored: true, tone: math.NaN(), labels: many[:100], frames: many[:3]},
			{sentence: 3, actors: many[4000:], scored: true, tone: 0.9999},
			{sentence: 1000, actors: []uint32{5}, scored: true, tone: 0},
		},
	}
	for name, recs := range cases {
		sec := encodeSentences(recs)
		var got []sentRecord
		eachSentence(sec, func(r *sentRecord) {
			c := *r
			c.actors, c.labels, c.frames, c.stance = slices.Clone(r.actors), slices.Clone(r.labels), slices.Clone(r.frames), slices.Clone(r.stance)
			got = append(got, c)
		})
		if len(got) != len(recs) {
			t.Fatalf("%s: %d records, want %d", name, len(got), len(recs))
		}
		for i := range recs {
			w, g := recs[i], got[i]
			same := w.sentence == g.sentence && w.scored == g.scored && slices.Equal(w.actors, g.actors) &&
				slices.Equal(w.labels, g.labels) && slices.Equal(w.frames, g.frames) &&
				math.Float64bits(w.tone) == math.Float64bits(g.tone) && w.hasStance == g.hasStance &&
				slices.EqualFunc(w.stance, g.stance, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
			if !same {
				t.Errorf("%s: record %d is %+v, want %+v", name, i, g, w)
			}
		}
	}
}

func TestQuoteLabelSideRoundTrip(t *testing.T) {
	qs := []cquote{
		{kind: QuoteDirect, sentence: 5, words: 12, speaker: math.MaxUint32, verb: 3, cue: 2, full: true},
		{kind: QuoteIndirect, unclosed: true, sentence: 2, words: 0, speaker: 0}, // sentence goes back
		{kind: QuoteScare, sentence: 1 << 33, words: 2, text: 99, source: math.MaxUint32, mention: 1, span: segment.Span{Start: 1 << 35, End: 1<<35 + 17}},
		{kind: QuoteScare, sentence: 0, span: segment.Span{}},
	}
	for _, in := range [][]cquote{nil, qs} {
		got := decodeQuotes(encodeQuotes(in), nil)
		if len(in) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, in) {
			t.Errorf("quotes: got %+v, want %+v", got, in)
		}
	}
	ls := []clabel{{referent: 1, label: 2, voice: 0, sentence: 0}, {referent: math.MaxUint32, label: 0, voice: 2, sentence: 0},
		{referent: 3, label: 4, voice: 1, sentence: 1 << 40}}
	if got := decodeLabels(encodeLabels(ls), nil); !reflect.DeepEqual(got, ls) {
		t.Errorf("labels: got %+v, want %+v", got, ls)
	}
	if got := decodeLabels(encodeLabels(nil), nil); len(got) != 0 {
		t.Errorf("no labels: got %+v", got)
	}
	sides := []sideCount{{0, 0}, {math.MaxUint32, 1 << 40}, {7, 3}}
	if got := decodeSides(encodeSides(sides), nil); !reflect.DeepEqual(got, sides) {
		t.Errorf("sides: got %+v, want %+v", got, sides)
	}
	for _, h := range []docHeader{
		{},
		{id: "doc-ü-1", words: 1 << 40, quotedWords: 3, sentences: 9, quotes: encodeQuotes(qs), sides: encodeSides(sides),
			labels: encodeLabels(ls), sentRecords: encodeSentences([]sentRecord{{sentence: 4, actors: []uint32{1}}})},
	} {
		got := decodeDoc(encodeDoc(&h), true)
		if got.id != h.id || got.words != h.words || got.quotedWords != h.quotedWords || got.sentences != h.sentences ||
			string(got.quotes) != string(h.quotes) || string(got.sides) != string(h.sides) ||
			string(got.labels) != string(h.labels) || string(got.sentRecords) != string(h.sentRecords) {
			t.Errorf("header %+v came back as %+v", h, got)
		}
		if noID := decodeDoc(encodeDoc(&h), false); noID.id != "" || noID.words != h.words {
			t.Errorf("header without id: %+v", noID)
		}
	}
}

// TestLabelTexts checks that keeping the first n texts per referent,
// label, group and voice gives the passages of keeping them all, whatever
// the visit order.
func TestLabelTexts(t *testing.T) {
	labels := mustLexicon(t, `name: l
kind: labels
labels:
  the operation:
    offensive: [offensive]
    operation: [operation]
`)
	var texts []string
	for i := range 7 {
		texts = append(texts, fmt.Sprintf("The offensive %d began. An offensive and an operation. A “offensive” now.", i))
	}
	// collect visits the texts in order, keeping keep texts, and returns
	// LabelPassages(max)
	collect := func(keep, max int, order []int) []LabelPassage {
		col, err := NewCollector(Options{Labels: labels, LabelTexts: keep})
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range order {
			g := "X"
			if i%3 == 0 {
				g = "Y"
			}
			col.Visit(&segment.Processed{Doc: &corpus.Document{Index: i, Group: g, ID: fmt.Sprint("d", i)}, Text: texts[i], Sentences: segment.Sentences(texts[i], nil)})
		}
		return col.LabelPassages(max)
	}
	for _, n := range []int{1, 2, 3} {
		want := collect(0, n, []int{0, 1, 2, 3, 4, 5, 6})
		if len(want) < 4 {
			t.Fatalf("only %d passages: %+v", len(want), want)
		}
		for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1, 0}, {3, 6, 0, 2, 5, 1, 4}} {
			got := collect(n, n, order)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("LabelTexts %d, order %v:\n got %+v\nwant %+v", n, order, got, want)
			}
			for _, p := range got {
				if p.Hit.Text == "" {
					t.Errorf("LabelTexts %d: passage without text %+v", n, p)
				}
			}
		}
	}
}
