package stance

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"parallax/analysis/segment"
	"parallax/tone"
)

func mention(s, target string) *Mention {
	i := strings.Index(s, target)
	return &Mention{Sentence: s, Tokens: segment.Tokenize(s, nil), Target: segment.Span{Start: i, End: i + len(target)}}
}

// TestPinnedPredictions pins the shipped model's class and score on fixed
// sentences; the contrast pairs are the examples, where the
// sentence's VADER score is one number for both actors.
func TestPinnedPredictions(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		s, target, class string
		score            float64
	}{
		{"The senator praised the relief package while the governor stalled it.", "senator", "positive", 0.9651},
		// A known failure (docs/stance.md): "stalled" does not outweigh
		// "praised" and "relief" (its expanded valence is slight); the
		// score is still far below the senator's. Pinned values changed
		// with the word vectors (dense and expanded-valence features), the
		// class calibration, and again with the target, distance-weighted
		// and head-word vector places and the penalties chosen with them
		// by cross-validation (λ 8e-3, λ_v 2.5e-4), the calibration dropped
		// (nested CV: no gain): the governor went from neutral +0.2175 to
		// positive +0.4195, the senator from +0.6805 to +0.9651.
		{"The senator praised the relief package while the governor stalled it.", "governor", "positive", 0.4195},
		{"Lawmakers moved to open an inquiry into the governor and to freeze his budget.", "governor", "negative", -0.1784},
		{"The president will travel to Ohio on Tuesday.", "president", "neutral", 0.0367},
		{"Critics accused Smith of lying to investigators.", "Smith", "negative", -0.9773},
		{"Supporters hailed Jones as a hero who saved the town.", "Jones", "positive", 0.9435},
	}
	for _, c := range cases {
		r := m.Score(mention(c.s, c.target))
		t.Logf("%q → %s: %s %.4f %v", c.s, c.target, r.ClassName(), r.Score, r.Prob)
		if r.ClassName() != c.class || math.Abs(r.Score-c.score) > 5e-5 {
			t.Errorf("%q toward %q: class %s score %.4f, want %s %.4f", c.s, c.target, r.ClassName(), r.Score, c.class, c.score)
		}
		if math.Abs(r.Score-(r.Prob[Positive]-r.Prob[Negative])) > 1e-12 || r.Score < -1 || r.Score > 1 {
			t.Errorf("score %v is not P(pos) − P(neg) of %v", r.Score, r.Prob)
		}
	}
}

func TestFromConfusion(t *testing.T) {
	// gold neg: 8 right, 2 as neutral; gold neu: 1 as neg, 4 right;
	// gold pos: 5 right, 0 wrong. By hand: F1 neg = 16/(10+9) = 0.8421…,
	// F1 neu = 8/(5+6) = 0.7272…, F1 pos = 10/10 = 1; accuracy 17/20.
	e := FromConfusion([3][3]int{{8, 2, 0}, {1, 4, 0}, {0, 0, 5}})
	want := (16.0/19 + 8.0/11 + 1) / 3
	if e.N != 20 || math.Abs(e.Accuracy-0.85) > 1e-12 || math.Abs(e.MacroF1-want) > 1e-12 {
		t.Errorf("got %+v, want n 20, accuracy 0.85, macro-F1 %v", e, want)
	}
}

func TestRuneSpan(t *testing.T) {
	s := "Le président Macron’s “plan”"
	a, b, ok := runeSpan(s, 13, 19)
	if !ok || s[a:b] != "Macron" {
		t.Errorf("runeSpan(13, 19) = %q, %v", s[a:b], ok)
	}
	if _, _, ok := runeSpan(s, 20, 99); ok {
		t.Error("a span past the end is accepted")
	}
	a, b, ok = runeSpan(s, 28, 28)
	if !ok || a != len(s) || b != len(s) {
		t.Errorf("empty span at the end: %d %d %v", a, b, ok)
	}
}

func TestReadNewsMTSC(t *testing.T) {
	in := `{"sentence_normalized": "Héloïse Smith won.", "targets": [{"Input.gid": "a", "from": 0, "to": 13, "mention": "Héloïse Smith", "polarity": 6.0}]}
{"sentence_normalized": "Nobody came.", "targets": [{"Input.gid": "b", "from": 0, "to": 6}]}
`
	ex, err := ReadNewsMTSC(strings.NewReader(in), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 2 || ex[0].ID != "a" || ex[0].Label != Positive || ex[1].Label != -1 {
		t.Fatalf("got %+v", ex)
	}
	if got := ex[0].Mention.Sentence[ex[0].Mention.Target.Start:ex[0].Mention.Target.End]; got != "Héloïse Smith" {
		t.Errorf("target %q", got)
	}
	for _, bad := range []struct{ in, want string }{
		{"{\"targets\": []}\n", "x.jsonl:1: no \"sentence_normalized\""},
		{"\n{\"sentence_normalized\": \"ab\", \"targets\": [{\"from\": 1, \"to\": 5}]}\n", "x.jsonl:2: target 1: span 1–5"},
		{"{\"sentence_normalized\": \"ab\", \"targets\": [{\"from\": 0, \"to\": 1, \"polarity\": 3}]}\n", "polarity 3"},
		{"not json\n", "x.jsonl:1: not a NewsMTSC line"},
	} {
		if _, err := ReadNewsMTSC(strings.NewReader(bad.in), "x.jsonl"); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.in, err, bad.want)
		}
	}
}

// TestTrainDeterministic trains twice on the same sentences and wants the
// same bytes, and a model that parses back to the same scores.
func TestTrainDeterministic(t *testing.T) {
	ex := headExamples(t)
	to := DefaultTrainOptions()
	to.MinCount = 1
	// the sparse features only; TestDenseScore trains with word vectors
	to.Features.Dense, to.Features.Expand = false, false
	m1, err := Train(ex, to)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := Train(ex, to)
	b1, _ := m1.MarshalBinary()
	b2, _ := m2.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Fatal("two trainings on the same data differ")
	}
	back, err := ParseModel(b1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ex {
		r1, r2 := m1.Score(&ex[i].Mention), back.Score(&ex[i].Mention)
		if r1 != r2 {
			t.Fatalf("example %d: %+v before encoding, %+v after", i, r1, r2)
		}
	}
	// A model fits its own small training set.
	if e := m1.Evaluate(ex); e.Accuracy < 0.9 {
		t.Errorf("training accuracy %.3f on %d examples", e.Accuracy, e.N)
	}
	if _, err := ParseModel([]byte("junk"), nil); err == nil {
		t.Error("junk parses as a model")
	}
}

// BenchmarkScore measures mentions per second on one core.
func BenchmarkScore(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	men := mention("The senator praised the relief package while the governor stalled it, aides said on Tuesday.", "governor")
	b.ReportAllocs()
	for b.Loop() {
		m.Score(men)
	}
}

// TestMaskLeavesLabelWordsOut checks that a mask removes the label words'
// features (and so changes the score), that an empty or nil mask changes
// nothing, and that the target is scored as the target even when it is a
// word of the mask.
func TestMaskLeavesLabelWordsOut(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const s = "The governor welcomed illegal immigrants to the state."
	plain := m.Score(mention(s, "governor"))
	for _, mask := range []*tone.Mask{nil, tone.NewMask()} {
		men := mention(s, "governor")
		men.Mask = mask
		if r := m.Score(men); r != plain {
			t.Errorf("mask %v: %+v, want the unmasked %+v", mask.Words(), r, plain)
		}
	}
	men := mention(s, "governor")
	men.Mask = tone.NewMask("illegal")
	masked := m.Score(men)
	t.Logf("unmasked %.4f, masked %.4f", plain.Score, masked.Score)
	if masked.Score == plain.Score {
		t.Errorf("masking %q left the score at %.4f", "illegal", plain.Score)
	}
	// No feature of the masked word remains: neither its bag word, its
	// clause word, nor the pair it starts or ends; the pair "welcomed
	// illegal" is gone, the word "welcomed" stays.
	var sc scratch
	feats := map[uint64]bool{}
	for _, f := range extract(m.opt, m.vec, men, &sc) {
		feats[f.h] = true
	}
	for _, h := range []uint64{featureHash("W", "illegal"), featureHash("C", "illegal"),
		hashString(hashString(hBigram[1], "welcomed")*fnvPrime, "illegal"),
		hashString(hashString(hBigram[1], "illegal")*fnvPrime, "immigrants")} {
		if feats[h] {
			t.Errorf("feature %x of the masked word is still there", h)
		}
	}
	if !feats[featureHash("W", "welcomed")] {
		t.Error("the unmasked word welcomed lost its feature")
	}
	// The target "immigrants" masked: its T: feature stays, so a mask of
	// the target alone changes nothing (immigrants has no VADER valence).
	tm := mention(s, "immigrants")
	want := m.Score(tm)
	tm.Mask = tone.NewMask("immigrants")
	if r := m.Score(tm); r != want {
		t.Errorf("masked target: %+v, want %+v", r, want)
	}
}

// TestSlotTable checks the look-up table of the shipped model against its
// map: every feature found with its weights, hashes it lacks not found.
func TestSlotTable(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	slots := m.slotTable()
	for h, i := range m.index {
		if w, ok := weightsOf(slots, h); !ok || *w != m.weights[i] {
			t.Fatalf("feature %x: %v %v, want %v", h, w, ok, m.weights[i])
		}
	}
	for k := range uint64(100000) {
		h := k * 0x9e3779b97f4a7c15
		_, want := m.index[h]
		if _, ok := weightsOf(slots, h); ok != want {
			t.Fatalf("hash %x: found %v, want %v", h, ok, want)
		}
	}
}
