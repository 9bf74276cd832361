package stance

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

// headExamples reads the examples of testdata/train-head.jsonl.
func headExamples(t *testing.T) []Example {
	t.Helper()
	f, err := os.Open("testdata/train-head.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadNewsMTSC(f, "train-head.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// smallVectors trains word vectors of 16 numbers on the sentences of
// testdata/train-head.jsonl, and clusters them.
func smallVectors(t *testing.T) (*Vectors, []Example) {
	t.Helper()
	ex := headExamples(t)
	var corpus strings.Builder
	for i, e := range ex {
		if i > 0 && e.Mention.Sentence == ex[i-1].Mention.Sentence {
			continue
		}
		b, _ := json.Marshal(map[string]string{"title": "", "text": e.Mention.Sentence})
		corpus.Write(b)
		corpus.WriteByte('\n')
	}
	tc, err := ReadCorpusTokens(strings.NewReader(corpus.String()), "head")
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultVectorOptions()
	o.Dim, o.MinCount, o.Epochs = 16, 1, 3
	v, err := TrainVectors(tc, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	Cluster(v, 8, 10, 1)
	return v, ex
}

// TestVectorsDeterministic trains vectors and clusters twice and wants the
// same bytes, and a file that parses back to the same bytes.
func TestVectorsDeterministic(t *testing.T) {
	v1, _ := smallVectors(t)
	v2, _ := smallVectors(t)
	b1, err := v1.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := v2.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Fatal("two trainings of the vectors differ")
	}
	back, err := ParseVectors(b1)
	if err != nil {
		t.Fatal(err)
	}
	b3, _ := back.MarshalBinary()
	if !bytes.Equal(b1, b3) {
		t.Fatal("vectors change through encoding")
	}
	if back.clusters != 8 || len(back.cluster) != back.Len() {
		t.Errorf("clusters %d for %d words", back.clusters, back.Len())
	}
	// Every vector has unit length, to the int8 rounding.
	for i := range back.Len() {
		var n float64
		for _, x := range back.Vector(back.words[i]) {
			n += float64(x) * float64(x)
		}
		if math.Abs(math.Sqrt(n)-1) > 0.02 {
			t.Fatalf("%q: length %.4f", back.words[i], math.Sqrt(n))
		}
	}
	if _, err := ParseVectors([]byte("junk")); err == nil {
		t.Error("junk parses as vectors")
	}
}

// TestDenseScore trains a model with the vector features and checks that
// Score, which adds each word's projection on the blocks' weights, gives
// the logits computed directly: the block averages (denseValues) times the
// dense weights, plus the sparse features. It also checks that training is
// deterministic with vectors and that the model parses back.
func TestDenseScore(t *testing.T) {
	v, ex := smallVectors(t)
	to := DefaultTrainOptions()
	to.MinCount = 1
	to.Features.Dense, to.Features.Expand, to.Features.Clusters = true, true, true
	to.Features.TargetVec, to.Features.DistVec = true, true
	to.Vectors = v
	m, err := Train(ex, to)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := Train(ex, to)
	b1, _ := m.MarshalBinary()
	b2, _ := m2.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Fatal("two trainings with vectors differ")
	}
	back, err := ParseModel(b1, v)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseModel(b1, nil); err == nil {
		t.Error("a model with vector features parses without vectors")
	}
	for i := range ex {
		men := &ex[i].Mention
		var sc scratch
		var z [numClasses]float64
		for _, f := range extract(m.opt, v, men, &sc) {
			if r, ok := m.index[f.h]; ok {
				for c := range numClasses {
					z[c] += float64(f.v) * float64(m.weights[r][c])
				}
			}
		}
		vals := make([]float32, numBlocks*v.Dim)
		denseValues(v, &sc, vals)
		for j, x := range vals {
			if r, ok := m.index[denseHash(j/v.Dim, j%v.Dim)]; ok {
				for c := range numClasses {
					z[c] += float64(x) * float64(m.weights[r][c])
				}
			}
		}
		want := resultOf(z)
		got := m.Score(men)
		if math.Abs(got.Score-want.Score) > 1e-5 || got.Class != want.Class {
			t.Fatalf("example %d: Score %+v, direct %+v", i, got, want)
		}
		if r := back.Score(men); r != got {
			t.Fatalf("example %d: %+v before encoding, %+v after", i, got, r)
		}
	}
	if e := m.Evaluate(ex); e.Accuracy < 0.9 {
		t.Errorf("training accuracy %.3f on %d examples", e.Accuracy, e.N)
	}
}

// TestShiftClasses checks that the calibration shifts move the log odds
// as ShiftedClass predicts.
func TestShiftClasses(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.MarshalBinary()
	c, err := ParseModel(b, m.vec)
	if err != nil {
		t.Fatal(err)
	}
	shift := [numClasses]float64{0.5, 0, -0.5}
	c.ShiftClasses(shift)
	men := mention("The senator praised the relief package while the governor stalled it.", "governor")
	r0, r1 := m.Score(men), c.Score(men)
	for k := range numClasses {
		got := math.Log(r1.Prob[k]/r1.Prob[Neutral]) - math.Log(r0.Prob[k]/r0.Prob[Neutral])
		if math.Abs(got-shift[k]) > 1e-5 {
			t.Errorf("class %d: log odds moved by %.6f, want %.2f", k, got, shift[k])
		}
	}
	if r1.Class != ShiftedClass(r0, shift) {
		t.Errorf("class %d, ShiftedClass says %d", r1.Class, ShiftedClass(r0, shift))
	}
}

// TestTargetAndDistanceBlocks computes the target block and the
// distance-weighted blocks of one sentence by hand from the words'
// vectors: "the senator praised the package" toward "senator" has the
// target block v(senator), the left block v(the) (distance 1, alone) and
// the right block (v(praised)/1 + v(the)/2 + v(package)/3)/(1 + 1/2 + 1/3).
func TestTargetAndDistanceBlocks(t *testing.T) {
	words := []string{"the", "senator", "praised", "package"}
	dim := 4
	data := []float32{
		1, 0, 0, 0,
		0, 1, 0, 0,
		0, 0, 1, 0,
		0, 0, 0, 1,
	}
	v := quantize(words, dim, data)
	o := DefaultOptions()
	o.TargetVec, o.DistVec = true, true
	var sc scratch
	extract(o, v, mention("The senator praised the package", "senator"), &sc)
	vals := make([]float32, numBlocks*dim)
	denseValues(v, &sc, vals)
	sum := 1 + 1.0/2 + 1.0/3
	// The right block: "praised" at 1, "the" at 2, "package" at 3.
	want := map[int][]float64{
		dTarget: {0, 1, 0, 0},
		dLeftD:  {1, 0, 0, 0},
		dRightD: {(1.0 / 2) / sum, 0, 1 / sum, (1.0 / 3) / sum},
	}
	for b, w := range want {
		for k := range dim {
			if got := float64(vals[b*dim+k]); math.Abs(got-w[k]) > 1e-6 {
				t.Errorf("block %s number %d: %.6f, want %.6f", blockNames[b], k, got, w[k])
			}
		}
	}
	// Without the options, the blocks stay empty.
	o.TargetVec, o.DistVec = false, false
	extract(o, v, mention("The senator praised the package", "senator"), &sc)
	clear(vals)
	denseValues(v, &sc, vals)
	for _, b := range []int{dTarget, dLeftD, dRightD} {
		for k := range dim {
			if vals[b*dim+k] != 0 {
				t.Errorf("block %s filled without its option", blockNames[b])
			}
		}
	}
}

// TestHeadWord checks the guessed head of the pinned sentences' targets.
func TestHeadWord(t *testing.T) {
	for _, c := range []struct{ s, target, head string }{
		{"The senator praised the relief package while the governor stalled it.", "senator", "praised"},
		{"The senator praised the relief package while the governor stalled it.", "governor", "stalled"},
		{"Critics accused Smith of lying to investigators.", "Smith", "accused"},
		{"Supporters hailed Jones as a hero who saved the town.", "Jones", "hailed"},
		{"Lawmakers moved to open an inquiry into the governor and to freeze his budget.", "governor", "inquiry"},
		{"The president will travel to Ohio on Tuesday.", "president", "travel"},
	} {
		var sc scratch
		o := DefaultOptions()
		extract(o, nil, mention(c.s, c.target), &sc)
		m := mention(c.s, c.target)
		t0 := 0
		for i, tk := range m.Tokens {
			if tk.Span.Start == m.Target.Start {
				t0 = i
			}
		}
		h := headWord(m.Tokens, sc.tf, t0, t0+1, sc.clause, sc.clause[t0], nil)
		got := ""
		if h >= 0 {
			got = m.Tokens[h].Norm
		}
		if got != c.head {
			t.Errorf("%q toward %q: head %q, want %q", c.s, c.target, got, c.head)
		}
	}
}
