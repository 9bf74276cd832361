package stance

import (
	"math"
	"strings"
	"testing"

	"parallax/analysis/segment"
)

// TestReadFurtherMentions reads further_mentions into byte spans and
// rejects the ones outside the sentence.
func TestReadFurtherMentions(t *testing.T) {
	in := `{"sentence_normalized": "Héloïse said she won, and her team cheered.", "targets": [{"Input.gid": "a", "from": 0, "to": 7, "mention": "Héloïse", "polarity": 6.0, "further_mentions": [{"from": 13, "to": 16, "mention": "she"}, {"from": 26, "to": 29, "mention": "her"}]}]}
`
	ex, err := ReadNewsMTSC(strings.NewReader(in), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 1 || len(ex[0].Further) != 2 {
		t.Fatalf("got %+v", ex)
	}
	s := ex[0].Mention.Sentence
	for i, want := range []string{"she", "her"} {
		sp := ex[0].Further[i]
		if got := s[sp.Start:sp.End]; got != want {
			t.Errorf("further mention %d: %q, want %q", i+1, got, want)
		}
	}
	if ex[0].Mention.Others != nil {
		t.Error("further mentions are scored only when the caller asks")
	}
	for _, bad := range []struct{ in, want string }{
		{`{"sentence_normalized": "ab", "targets": [{"from": 0, "to": 1, "further_mentions": [{"from": 1, "to": 9}]}]}` + "\n", "x.jsonl:1: target 1: further mention 1: span 1–9"},
		{`{"sentence_normalized": "ab", "targets": [{"from": 0, "to": 1, "further_mentions": [{"from": 1}]}]}` + "\n", "further mention 1 has no"},
	} {
		if _, err := ReadNewsMTSC(strings.NewReader(bad.in), "x.jsonl"); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.in, err, bad.want)
		}
	}
}

// TestOthersPooled checks a mention with further mentions against its
// mentions scored one by one: the pooled class probabilities are the
// softmax of the mean of the per-mention log-probabilities (the mean of
// the log-odds; a per-mention constant cancels in the softmax).
func TestOthersPooled(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s := "Clinton blamed the committee for her defeat, and she pointed at eighteen guilty parties."
	toks := segment.Tokenize(s, nil)
	span := func(w string, from int) segment.Span {
		i := strings.Index(s[from:], w) + from
		return segment.Span{Start: i, End: i + len(w)}
	}
	spans := []segment.Span{span("Clinton", 0), span("her", 0), span("she", 40)}
	var sum [numClasses]float64
	for _, sp := range spans {
		r := m.Score(&Mention{Sentence: s, Tokens: toks, Target: sp})
		for c := range numClasses {
			sum[c] += math.Log(r.Prob[c]) / float64(len(spans))
		}
	}
	mx := max(sum[0], sum[1], sum[2])
	var want [numClasses]float64
	tot := 0.0
	for c := range numClasses {
		want[c] = math.Exp(sum[c] - mx)
		tot += want[c]
	}
	got := m.Score(&Mention{Sentence: s, Tokens: toks, Target: spans[0], Others: spans[1:]})
	for c := range numClasses {
		if math.Abs(got.Prob[c]-want[c]/tot) > 1e-12 {
			t.Fatalf("pooled %v, want %v", got.Prob, want)
		}
	}
	alone := m.Score(&Mention{Sentence: s, Tokens: toks, Target: spans[0]})
	if alone == got {
		t.Error("the further mentions changed nothing")
	}
}

// TestTrainOthersSameSpan trains with every target's further mention
// equal to the target itself: the mean of two equal feature vectors is
// the vector, so the model must score as the one trained without (with
// the word vectors, whose means are pooled apart from the sparse
// features). A further mention elsewhere in the sentence must change the
// model: Train reads Others.
func TestTrainOthersSameSpan(t *testing.T) {
	ex := headExamples(t)
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	to := DefaultTrainOptions()
	to.MinCount = 1
	to.Vectors = def.vec
	m1, err := Train(ex, to)
	if err != nil {
		t.Fatal(err)
	}
	dup := make([]Example, len(ex))
	copy(dup, ex)
	for i := range dup {
		dup[i].Mention.Others = []segment.Span{dup[i].Mention.Target}
	}
	m2, err := Train(dup, to)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ex {
		r1, r2 := m1.Score(&ex[i].Mention), m2.Score(&ex[i].Mention)
		for c := range numClasses {
			if math.Abs(r1.Prob[c]-r2.Prob[c]) > 1e-5 {
				t.Fatalf("example %d: %v without, %v with the target as its own further mention", i, r1.Prob, r2.Prob)
			}
		}
	}
	// The first word of each sentence as a further mention.
	other := make([]Example, len(ex))
	copy(other, ex)
	moved := 0
	for i := range other {
		men := &other[i].Mention
		if first := men.Tokens[0].Span; first != men.Target {
			men.Others = []segment.Span{first}
			moved++
		}
	}
	m3, err := Train(other, to)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for i := range ex {
		if m1.Score(&ex[i].Mention) != m3.Score(&ex[i].Mention) {
			changed++
		}
	}
	if moved == 0 || changed == 0 {
		t.Errorf("%d examples were given a further mention and no score moved: Train ignores Others", moved)
	}
}
