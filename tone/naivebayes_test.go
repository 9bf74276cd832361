package tone

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"parallax/lexicons"
)

// nbRefModel is the model file parsed by the test itself, independently of
// parseNaiveBayes, from the copy in the repository.
type nbRefModel struct {
	Words map[string]struct {
		Count []uint64
		Seen  uint64
	} `json:"words"`
	Count          []uint64  `json:"count"`
	Probabilities  []float64 `json:"probabilities"`
	DocumentCount  uint64    `json:"document_count"`
	VocabularySize uint64    `json:"vocabulary_size"`
}

var nbRef = sync.OnceValues(func() (*nbRefModel, error) {
	f, err := os.Open("../lexicons/sentiment/sentiment-nb-en.json.gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var file struct {
		En nbRefModel `json:"en"`
	}
	if err := json.NewDecoder(zr).Decode(&file); err != nil {
		return nil, err
	}
	return &file.En, nil
})

func loadNBForTest(t testing.TB) (*NaiveBayes, *nbRefModel) {
	t.Helper()
	m, err := LoadNaiveBayes()
	if err != nil {
		t.Fatalf("LoadNaiveBayes: %v", err)
	}
	ref, err := nbRef()
	if err != nil {
		t.Fatalf("reading the model file: %v", err)
	}
	return m, ref
}

// nbRefClassify follows the README of the model word for word, as slowly
// and plainly as possible: sanitize, lower-case, split on " ", skip unknown
// words, score_c = log(prior_c) + Σ log((Count[c]+1)/(Seen+V)), argmax with
// ties to class 0.
func nbRefClassify(ref *nbRefModel, text string) (class int, scores [2]float64) {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || r == ' ' {
			return r
		}
		return -1
	}, text)
	words := strings.Split(strings.ToLower(clean), " ")
	for c := 0; c < 2; c++ {
		score := math.Log(ref.Probabilities[c])
		for _, w := range words {
			wd, ok := ref.Words[w]
			if !ok {
				continue
			}
			score += math.Log(float64(wd.Count[c]+1) / float64(wd.Seen+ref.VocabularySize))
		}
		scores[c] = score
	}
	if scores[1] > scores[0] {
		class = 1
	}
	return class, scores
}

func TestNaiveBayesModelLoads(t *testing.T) {
	m, ref := loadNBForTest(t)
	info := m.Info()
	if info.Classes != 2 || info.VocabularySize != 117448 || info.DocumentCount != 25000 ||
		info.ClassCounts != [2]uint64{12500, 12500} || info.Priors != [2]float64{0.5, 0.5} {
		t.Errorf("model info = %+v, want 2 classes, vocabulary 117448, 25000 documents, counts [12500 12500], priors [0.5 0.5]", info)
	}
	if info.Words != len(ref.Words) || info.Words != 117448 {
		t.Errorf("model has %d words, file has %d, want 117448", info.Words, len(ref.Words))
	}
	if !strings.Contains(info.Source, "IMDB") || !strings.Contains(info.Source, "MIT") {
		t.Errorf("source %q does not name the training data and licence", info.Source)
	}
	again, err := LoadNaiveBayes()
	if err != nil || again != m {
		t.Errorf("second LoadNaiveBayes = %p, %v; want the same classifier %p", again, err, m)
	}
	// The embedded model is byte for byte the file in the repository.
	embedded, err := lexicons.NaiveBayesModel()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../lexicons/sentiment/sentiment-nb-en.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(embedded, onDisk) {
		t.Errorf("embedded model (%d bytes) differs from the repository file (%d bytes)", len(embedded), len(onDisk))
	}
}

func TestNaiveBayesHandComputed(t *testing.T) {
	m, ref := loadNBForTest(t)
	// Counts read from the model file: word → {Count[neg], Count[pos], Seen}.
	counts := map[string][3]uint64{
		"good":     {7159, 7397, 14556},
		"movie":    {23669, 18141, 41810},
		"terrible": {1345, 240, 1585},
		"war":      {664, 1177, 1841},
		"peace":    {70, 122, 192},
		"talks":    {120, 96, 216},
		"dont":     {5174, 3322, 8496},
		"panic":    {24, 88, 112},
	}
	for w, c := range counts {
		got := ref.Words[w]
		if len(got.Count) != 2 || got.Count[0] != c[0] || got.Count[1] != c[1] || got.Seen != c[2] {
			t.Fatalf("model counts of %q = %+v, test assumes %v", w, got, c)
		}
	}
	// V = 117448, so Seen+V is 132004 (good), 159258 (movie), 119033
	// (terrible), 119289 (war), 117640 (peace), 117664 (talks), 125944
	// (dont), 117560 (panic). log(0.5) = -0.6931471806.
	lg := math.Log
	cases := []struct {
		name, text       string
		wantNeg, wantPos float64
		wantWords        int
		wantPositive     bool
	}{
		// neg: -0.6931 + log(7160/132004) + log(23670/159258) = -0.6931 - 2.9143 - 1.9063 = -5.5138
		// pos: -0.6931 + log(7398/132004) + log(18142/159258) = -0.6931 - 2.8816 - 2.1723 = -5.7471
		{"good movie", "Good movie!", lg(0.5) + lg(7160.0/132004) + lg(23670.0/159258),
			lg(0.5) + lg(7398.0/132004) + lg(18142.0/159258), 2, false},
		// "A" is not in the vocabulary; "terrible" counts twice.
		// neg: -0.6931 + 2·log(1346/119033) + log(665/119289) = -0.6931 - 2·4.4823 - 5.1895 = -14.8472
		// pos: -0.6931 + 2·log(241/119033) + log(1178/119289) = -0.6931 - 2·6.2025 - 4.6177 = -17.7156
		{"terrible war", "A terrible, terrible war.", lg(0.5) + 2*lg(1346.0/119033) + lg(665.0/119289),
			lg(0.5) + 2*lg(241.0/119033) + lg(1178.0/119289), 3, false},
		// The double space yields an empty word, which is skipped.
		// neg: -0.6931 + log(71/117640) + log(121/117664) = -14.9856
		// pos: -0.6931 + log(123/117640) + log(97/117664) = -14.6572
		{"peace talks", "Peace  talks", lg(0.5) + lg(71.0/117640) + lg(121.0/117664),
			lg(0.5) + lg(123.0/117640) + lg(97.0/117664), 2, true},
		// "Don't" becomes "dont".
		// neg: -0.6931 + log(5175/125944) + log(25/117560) = -12.3410
		// pos: -0.6931 + log(3323/125944) + log(89/117560) = -11.5142
		{"dont panic", "Don't panic", lg(0.5) + lg(5175.0/125944) + lg(25.0/117560),
			lg(0.5) + lg(3323.0/125944) + lg(89.0/117560), 2, true},
	}
	for _, tc := range cases {
		got := m.Classify(tc.text)
		if math.Abs(got.ScoreNeg-tc.wantNeg) > 1e-9 || math.Abs(got.ScorePos-tc.wantPos) > 1e-9 ||
			got.Words != tc.wantWords || got.Positive != tc.wantPositive {
			t.Errorf("%s: Classify(%q) = %+v, want neg %.10f pos %.10f words %d positive %v",
				tc.name, tc.text, got, tc.wantNeg, tc.wantPos, tc.wantWords, tc.wantPositive)
		}
	}
}

// sampleArticles returns the title and text of the first max articles of
// the AllSides sample (every article when max ≤ 0), in file order.
func sampleArticles(t testing.TB, max int) (titles, texts []string) {
	t.Helper()
	f, err := os.Open("../testdata/allsides-middle-east/articles.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for line := 1; sc.Scan() && (max <= 0 || line <= max); line++ {
		var a struct {
			Title, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("articles.jsonl.gz:%d: %v", line, err)
		}
		titles = append(titles, a.Title)
		texts = append(texts, a.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return titles, texts
}

// karabakhPages returns the five Karabakh pages, whole.
func karabakhPages(t testing.TB) []string {
	t.Helper()
	pages, err := filepath.Glob("../testdata/karabakh/*.txt")
	if err != nil || len(pages) != 5 {
		t.Fatalf("karabakh pages: %v, %v", pages, err)
	}
	var out []string
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// nbTestSentences returns sentences of the two sample corpora: the first
// articles of AllSides and all Karabakh pages, split on ". " and lines.
func nbTestSentences(t testing.TB, maxArticles int) []string {
	t.Helper()
	titles, bodies := sampleArticles(t, maxArticles)
	var texts []string
	for i := range titles {
		texts = append(texts, titles[i], bodies[i])
	}
	texts = append(texts, karabakhPages(t)...)
	var out []string
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			for _, s := range strings.Split(line, ". ") {
				if strings.TrimSpace(s) != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func TestNaiveBayesMatchesReference(t *testing.T) {
	m, ref := loadNBForTest(t)
	sentences := nbTestSentences(t, 20)
	if len(sentences) < 300 {
		t.Fatalf("only %d sentences", len(sentences))
	}
	// Whole texts too, with their newlines and tabs, and a few odd inputs.
	extra := []string{"", " ", "\t\n", "War\tand\npeace", "ÉLAN vital — naïve", "bad\xffgood", "Ереван и Баку"}
	var classes [2]int
	for _, s := range append(sentences, extra...) {
		wantClass, want := nbRefClassify(ref, s)
		got := m.Classify(s)
		gotClass := 0
		if got.Positive {
			gotClass = 1
		}
		classes[gotClass]++
		if gotClass != wantClass || math.Abs(got.ScoreNeg-want[0]) > 1e-9 || math.Abs(got.ScorePos-want[1]) > 1e-9 {
			t.Errorf("Classify(%q) = class %d scores (%.12f, %.12f), reference class %d scores (%.12f, %.12f)",
				s, gotClass, got.ScoreNeg, got.ScorePos, wantClass, want[0], want[1])
		}
	}
	// Both classes occur, so the comparison covers both branches.
	if classes[0] == 0 || classes[1] == 0 {
		t.Errorf("classes over %d sentences = %v, want both", len(sentences), classes)
	}
	t.Logf("%d sentences: %d negative, %d positive", len(sentences)+len(extra), classes[0], classes[1])
}

func TestNaiveBayesSanitize(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"apostrophe", "don't", "dont"},
		{"hyphen", "well-known", "wellknown"},
		{"case", "The WAR", "the war"},
		{"digits and punctuation", "In 2023, 100,000 fled!", "in   fled"},
		{"newline joins", "line\nbreak", "linebreak"},
		{"tab joins", "a\tb", "ab"},
		{"spaces kept", "a  b ", "a  b "},
		{"curly quote", "Azerbaijan’s “victory”", "azerbaijans victory"},
		{"non-Latin letters kept", "Ереван İstanbul ŞUŞA café", "ереван istanbul şuşa café"},
		{"non-breaking space removed", "a\u00a0b", "ab"},
		{"invalid utf-8 removed", "bad\xffgood", "badgood"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		got := string(sanitizeNB(nil, tc.in))
		// The reference: strings.Map then strings.ToLower, as the original.
		ref := strings.ToLower(strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || r == ' ' {
				return r
			}
			return -1
		}, tc.in))
		if got != tc.want || got != ref {
			t.Errorf("%s: sanitizeNB(%q) = %q, want %q (reference %q)", tc.name, tc.in, got, tc.want, ref)
		}
	}
}

func TestNaiveBayesTokens(t *testing.T) {
	m, _ := loadNBForTest(t)
	cases := []struct {
		name, a, b string // a and b must score identically
		words      int
	}{
		{"apostrophe", "don't", "dont", 1},
		{"hyphen", "well-known", "wellknown", 1},
		{"repeated spaces are empty words", "good   movie ", "good movie", 2},
		{"punctuation and digits", "Good, 100% movie!!", "good movie", 2},
		{"newline joins words", "good\nmovie", "goodmovie", 0},
	}
	for _, tc := range cases {
		a, b := m.Classify(tc.a), m.Classify(tc.b)
		if a != b || a.Words != tc.words {
			t.Errorf("%s: Classify(%q) = %+v, Classify(%q) = %+v, want equal with %d words",
				tc.name, tc.a, a, tc.b, b, tc.words)
		}
	}
	// The vocabulary was built with an ASCII-only sanitizer: "caf" is a
	// word, while the original's Unicode sanitizer keeps "café" whole.
	if r := m.Classify("café"); r.Words != 0 {
		t.Errorf("Classify(%q).Words = %d, want 0 (out of vocabulary)", "café", r.Words)
	}
	if r := m.Classify("caf"); r.Words != 1 {
		t.Errorf("Classify(%q).Words = %d, want 1", "caf", r.Words)
	}
}

func TestNaiveBayesTies(t *testing.T) {
	m, ref := loadNBForTest(t)
	// A word with equal counts in both classes: find one in the model.
	var balanced string
	for w, wd := range ref.Words {
		if wd.Count[0] == wd.Count[1] && (balanced == "" || w < balanced) {
			balanced = w
		}
	}
	if balanced == "" {
		t.Fatal("no word with equal class counts in the model")
	}
	cases := []struct {
		name, text string
		words      int
	}{
		{"empty", "", 0},
		{"out of vocabulary only", "Xqzvv, Blorptastic! 2023 Ааа", 0},
		{"balanced word " + balanced, balanced + " " + strings.ToUpper(balanced), 2},
	}
	for _, tc := range cases {
		r := m.Classify(tc.text)
		// Equal priors (0.5, 0.5) and equal word terms: the scores tie.
		if r.ScoreNeg != r.ScorePos || r.Positive || r.PPositive != 0.5 || r.Words != tc.words {
			t.Errorf("%s: Classify(%q) = %+v, want a tie, negative, PPositive 0.5, %d words",
				tc.name, tc.text, r, tc.words)
		}
	}
	if r := m.Classify(""); r.ScoreNeg != math.Log(0.5) {
		t.Errorf("empty text scores %v, want log(0.5) = %v", r.ScoreNeg, math.Log(0.5))
	}
}

func TestNaiveBayesProbability(t *testing.T) {
	m, _ := loadNBForTest(t)
	// On short texts P(positive) is the plain softmax exp(pos)/(exp(neg)+exp(pos)).
	for _, s := range nbTestSentences(t, 5)[:200] {
		r := m.Classify(s)
		plain := math.Exp(r.ScorePos) / (math.Exp(r.ScoreNeg) + math.Exp(r.ScorePos))
		if math.Abs(r.PPositive-plain) > 1e-12 || (r.PPositive > 0.5) != r.Positive && r.ScoreNeg != r.ScorePos {
			t.Errorf("Classify(%q).PPositive = %v, softmax %v, positive %v", s, r.PPositive, plain, r.Positive)
		}
	}
	// On a 100,000-word text the exponentials underflow to 0 (the plain
	// softmax gives 0/0 = NaN) but log-sum-exp stays finite.
	long := func(words ...string) string {
		var b strings.Builder
		for i := 0; i < 100000; i++ {
			b.WriteString(words[i%len(words)])
			b.WriteByte(' ')
		}
		return b.String()
	}
	// Per "good movie" pair, pos-neg = log(7398/7160) + log(18142/23670)
	// = 0.0327 - 0.2660 < 0, so that text is negative with P ≈ 0.
	cases := []struct {
		name, text string
		positive   bool
	}{
		{"great", long("great"), true},
		{"terrible", long("terrible"), false},
		{"good movie", long("good", "movie"), false},
	}
	for _, tc := range cases {
		r := m.Classify(tc.text)
		if math.Exp(r.ScoreNeg) != 0 || math.Exp(r.ScorePos) != 0 {
			t.Fatalf("%s: scores (%v, %v) do not underflow; the case tests nothing", tc.name, r.ScoreNeg, r.ScorePos)
		}
		want := 1 / (1 + math.Exp(r.ScoreNeg-r.ScorePos))
		if math.IsNaN(r.PPositive) || math.IsInf(r.PPositive, 0) || r.PPositive < 0 || r.PPositive > 1 ||
			math.Abs(r.PPositive-want) > 1e-12 {
			t.Errorf("%s: PPositive = %v (scores %v, %v), want %v", tc.name, r.PPositive, r.ScoreNeg, r.ScorePos, want)
		}
		if r.Positive != tc.positive {
			t.Errorf("%s: Positive = %v, want %v", tc.name, r.Positive, tc.positive)
		}
		if r.Words != 100000 {
			t.Errorf("%s: %d words, want 100000", tc.name, r.Words)
		}
	}
	// Scores of long texts that nearly balance: the probability depends on
	// the difference only, 1/(1+exp(-d)), however large the scores.
	for _, d := range []float64{0, 1e-3, 1, 30, 700, 1e6} {
		a, b := -1e7, -1e7+d
		want := 1 / (1 + math.Exp(-(b - a))) // b-a, not d: -1e7+d is rounded
		if got := softmaxSecond(a, b); math.Abs(got-want) > 1e-12 {
			t.Errorf("softmaxSecond(%v, %v) = %v, want %v", a, b, got, want)
		}
	}
}

func TestNaiveBayesConcurrent(t *testing.T) {
	m, _ := loadNBForTest(t)
	sentences := nbTestSentences(t, 10)
	want := make([]NBResult, len(sentences))
	for i, s := range sentences {
		want[i] = m.Classify(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := g; i < len(sentences); i += 3 {
				if got := m.Classify(sentences[i]); got != want[i] {
					errs <- sentences[i]
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("concurrent Classify(%q) differs from the serial result", s)
	}
}

func TestNaiveBayesNoAllocs(t *testing.T) {
	m, _ := loadNBForTest(t)
	s := "Azerbaijan’s forces entered Khankendi; the ceasefire, brokered by Russia, did not hold."
	m.Classify(s)
	if n := testing.AllocsPerRun(200, func() { m.Classify(s) }); n > 0 {
		t.Errorf("Classify allocates %v times per call, want 0", n)
	}
}

func TestParseNaiveBayesErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"not json", "{", "unexpected end"},
		{"no en model", `{"fr": {}}`, `no "en" model`},
		{"three classes", `{"en": {"words": {"abc": {"Count": [1,1,1], "Seen": 3}}, "count": [1,1,1], "probabilities": [0.3,0.3,0.4], "vocabulary_size": 1}}`, "3 class counts"},
		{"zero prior", `{"en": {"words": {"abc": {"Count": [1,1], "Seen": 2}}, "count": [0,1], "probabilities": [0,1], "vocabulary_size": 1}}`, "prior of class 0"},
		{"no vocabulary size", `{"en": {"words": {"abc": {"Count": [1,1], "Seen": 2}}, "count": [1,1], "probabilities": [0.5,0.5]}}`, "vocabulary_size is 0"},
		{"no words", `{"en": {"words": {}, "count": [1,1], "probabilities": [0.5,0.5], "vocabulary_size": 1}}`, "no words"},
		{"bad word", `{"en": {"words": {"zzz": {"Count": [1], "Seen": 1}, "abc": {"Count": [], "Seen": 0}}, "count": [1,1], "probabilities": [0.5,0.5], "vocabulary_size": 2}}`, `word "abc" has 0 class counts, want 2 (and 1 more words)`},
	}
	for _, tc := range cases {
		m, err := parseNaiveBayes([]byte(tc.in))
		if err == nil || m != nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: parseNaiveBayes = %v, %v; want error containing %q", tc.name, m, err, tc.want)
		}
	}
}

func BenchmarkNaiveBayes(b *testing.B) {
	m, err := LoadNaiveBayes()
	if err != nil {
		b.Fatal(err)
	}
	var sentences []string
	_, texts := sampleArticles(b, 0)
	for _, text := range texts {
		sentences = append(sentences, strings.Split(text, ". ")...)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, s := range sentences {
			m.Classify(s)
		}
		n += len(sentences)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

func TestParseNaiveBayesPaths(t *testing.T) {
	data, err := lexicons.NaiveBayesModel()
	if err != nil {
		t.Fatal(err)
	}
	// The embedded file takes the fast path; encoding/json reads it the same.
	hdr, entries, ok := scanNBCompact(data)
	if !ok {
		t.Fatal("the embedded model does not take the compact scanner")
	}
	jhdr, jentries, err := decodeNBJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	fast, slow := buildNaiveBayes(hdr, entries), buildNaiveBayes(jhdr, jentries)
	if fast.info != slow.info || fast.logPrior != slow.logPrior || fast.logLik.len() != slow.logLik.len() ||
		fast.logLik.len() != len(jentries) {
		t.Fatalf("compact scanner %+v, encoding/json %+v", fast.info, slow.info)
	}
	for _, e := range jentries {
		f, fok := fast.logLik.get(e.word)
		s, sok := slow.logLik.get(e.word)
		if !fok || !sok || f != s {
			t.Fatalf("word %q: compact scanner %v, encoding/json %v", e.word, f, s)
		}
	}

	// Inputs off the compact layout go through encoding/json and agree.
	small := `{"en":{"words":{"abc":{"Count":[1,2],"Seen":3},"xyz":{"Count":[4,0],"Seen":4},"abc":{"Count":[5,6],"Seen":11}},"count":[2,3],"probabilities":[0.4,0.6],"document_count":5,"vocabulary_size":2}}`
	var indented bytes.Buffer
	if err := json.Indent(&indented, []byte(small), "", "  "); err != nil {
		t.Fatal(err)
	}
	variants := map[string]string{
		"compact":  small,
		"indented": indented.String(),
		"escaped":  strings.Replace(small, `"xyz"`, `"x\u0079z"`, 1),
		"extra":    strings.Replace(small, `"en":{`, `"fr":{},"en":{`, 1),
	}
	want, err := parseNaiveBayes([]byte(small))
	if err != nil {
		t.Fatal(err)
	}
	// The repeated "abc" keeps its last counts: log((5+1)/(11+2)), log((6+1)/(11+2)).
	if got, _ := want.logLik.get("abc"); got != [2]float64{math.Log(6.0 / 13), math.Log(7.0 / 13)} || want.info.Words != 2 {
		t.Errorf("small model: abc = %v, %d words", got, want.info.Words)
	}
	for name, in := range variants {
		_, _, compact := scanNBCompact([]byte(in))
		if compact != (name == "compact") {
			t.Errorf("%s: compact scanner taken = %v", name, compact)
		}
		got, err := parseNaiveBayes([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		ga, _ := got.logLik.get("abc")
		gx, _ := got.logLik.get("xyz")
		wa, _ := want.logLik.get("abc")
		wx, _ := want.logLik.get("xyz")
		if got.info != want.info || got.logPrior != want.logPrior || got.logLik.len() != want.logLik.len() ||
			ga != wa || gx != wx {
			t.Errorf("%s: parsed %+v abc %v xyz %v, want %+v abc %v xyz %v", name, got.info, ga, gx, want.info, wa, wx)
		}
	}
	// Every truncation is an error, never a panic.
	for n := 0; n < len(small); n++ {
		if m, err := parseNaiveBayes([]byte(small[:n])); err == nil || m != nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
}

func TestSoftmaxSecondExact(t *testing.T) {
	// softmaxSecond skips math.Exp(0); that must change no bit.
	if math.Exp(0) != 1 || math.Exp(math.Copysign(0, -1)) != 1 {
		t.Fatal("math.Exp(±0) != 1")
	}
	plain := func(a, b float64) float64 {
		hi := math.Max(a, b)
		ea, eb := math.Exp(a-hi), math.Exp(b-hi)
		return eb / (ea + eb)
	}
	inf := math.Inf(1)
	vals := []float64{0, -1, -1e-300, -5.5, -700, -746, -1e7, -1e7 + 1, math.Log(0.5), -inf, inf, math.NaN()}
	for _, a := range vals {
		for _, b := range vals {
			got, want := softmaxSecond(a, b), plain(a, b)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("softmaxSecond(%v, %v) = %v, want %v", a, b, got, want)
			}
		}
	}
}
