package report

import (
	"math"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/lexmatch"
	"parallax/analysis/resample"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
	"parallax/tone"
)

// toneCorpus holds sentences whose VADER compound scores are printed in the
// reference implementation's README: "The book was good." 0.4404, "A really
// bad, horrible book." −0.8211, "VADER is smart, handsome, and funny."
// 0.8316, "Today sux!" −0.4199, "Not bad at all" 0.431.
const toneCorpus = `{"id":"a1","outlet":"Alpha","text":"The book was good. A really bad, horrible book."}
{"id":"b1","outlet":"Beta","text":"VADER is smart, handsome, and funny."}
{"id":"a2","outlet":"Alpha","text":"Today sux! Not bad at all."}
`

// moodCSV is a user valence lexicon.
const moodCSV = "pattern,score\ngood,2\nbad,-1.5\nhorrible,-2\n"

func moodLexicon(t testing.TB) tonestats.Lexicon {
	t.Helper()
	lx, err := lexicons.Parse("mood.csv", []byte(moodCSV))
	if err != nil {
		t.Fatal(err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	return tonestats.Lexicon{Name: "mood", Matcher: m}
}

// runTone runs the pipeline over src with a tone collector.
func runTone(t testing.TB, src corpus.Source, opt analysis.Options, topt tonestats.Options) *tonestats.Collector {
	t.Helper()
	c, err := tonestats.NewCollector(topt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Visit = c.Visit
	if _, err := analysis.Run(src, opt); err != nil {
		t.Fatal(err)
	}
	return c
}

func smallToneCollector(t *testing.T) *tonestats.Collector {
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(toneCorpus)}}
	return runTone(t, corpus.Source{FS: fsys, Path: "c.jsonl", Name: "test"}, analysis.Options{NoClean: true, Workers: 3},
		tonestats.Options{Lexicons: []tonestats.Lexicon{moodLexicon(t)}, Sentences: true, Documents: true})
}

// rows collects a section's rows (the tidy table when there is one).
func rows(s Section) [][]Value {
	t := s.Tidy
	if t == nil {
		t = s.Display
	}
	var out [][]Value
	for r := range t.AllRows() {
		out = append(out, slices.Clone(r))
	}
	return out
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestToneSentences(t *testing.T) {
	c := smallToneCollector(t)
	nb, err := tone.LoadNaiveBayes()
	if err != nil {
		t.Fatal(err)
	}
	// mood = Σ hit scores / words: "The book was good." 2/4; "A really bad,
	// horrible book." (−1.5−2)/5; "Not bad at all." bad negated: +1.5/4.
	want := []struct {
		group, doc string
		sentence   int64
		text       string
		vader      float64
		mood       float64
	}{
		{"Alpha", "a1", 1, "The book was good.", 0.4404, 0.5},
		{"Alpha", "a1", 2, "A really bad, horrible book.", -0.8211, -0.7},
		{"Beta", "b1", 1, "VADER is smart, handsome, and funny.", 0.8316, 0},
		{"Alpha", "a2", 1, "Today sux!", -0.4199, 0},
		{"Alpha", "a2", 2, "Not bad at all.", 0.431, 0.375},
	}
	sec := SentenceToneSection(c)
	if got := sec.Display.Columns; !reflect.DeepEqual(got, []string{"group", "doc", "sentence", "text", "vader", "nb_pos", "nb_class", "mood"}) {
		t.Fatalf("columns %q", got)
	}
	got := rows(sec)
	if len(got) != len(want) {
		t.Fatalf("%d sentence rows, want %d", len(got), len(want))
	}
	for i, w := range want {
		r := got[i]
		if r[0].Str != w.group || r[1].Str != w.doc || r[2].Int != w.sentence || r[3].Str != w.text {
			t.Errorf("row %d: %v %v %v %q, want %s %s %d %q", i, r[0].Str, r[1].Str, r[2].Int, r[3].Str, w.group, w.doc, w.sentence, w.text)
			continue
		}
		res := nb.Classify(w.text)
		checks := []struct {
			name      string
			got, want float64
		}{
			{"vader (README)", r[4].Float, w.vader},
			{"vader (tone.VADER)", r[4].Float, tone.VADER(w.text).Compound},
			{"nb_pos (Classify)", r[5].Float, res.PPositive},
			{"mood (by hand)", r[7].Float, w.mood},
		}
		for _, ck := range checks {
			if !near(ck.got, ck.want, 1e-12) {
				t.Errorf("%q: %s = %v, want %v", w.text, ck.name, ck.got, ck.want)
			}
		}
		if wantClass := nbClass(res.Positive); r[6].Str != wantClass {
			t.Errorf("%q: nb_class %q, want %q", w.text, r[6].Str, wantClass)
		}
	}
}

func TestToneMeans(t *testing.T) {
	c := smallToneCollector(t)
	nb, _ := tone.LoadNaiveBayes()
	p := func(s string) float64 { return nb.Classify(s).PPositive }
	const seed = 7
	s, err := c.Summarize(tonestats.StatsOptions{Resamples: 500, Permutations: 999, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Groups, []string{"Alpha", "Beta"}) || !reflect.DeepEqual(s.Instruments, []string{"vader", "nb_pos", "mood"}) {
		t.Fatalf("groups %q, instruments %q", s.Groups, s.Instruments)
	}
	// Group means are means over all sentences:
	// Alpha vader (0.4404 − 0.8211 − 0.4199 + 0.431)/4 = −0.3696/4 = −0.0924;
	// Alpha mood (0.5 − 0.7 + 0 + 0.375)/4 = 0.175/4 = 0.04375.
	alpha := []string{"The book was good.", "A really bad, horrible book.", "Today sux!", "Not bad at all."}
	beta := "VADER is smart, handsome, and funny."
	wantMean := map[[2]string]float64{
		{"vader", "Alpha"}:  -0.0924,
		{"vader", "Beta"}:   0.8316,
		{"nb_pos", "Alpha"}: (p(alpha[0]) + p(alpha[1]) + p(alpha[2]) + p(alpha[3])) / 4,
		{"nb_pos", "Beta"}:  p(beta),
		{"mood", "Alpha"}:   0.04375,
		{"mood", "Beta"}:    0,
	}
	for k, in := range s.Instruments {
		for g, name := range s.Groups {
			iv := s.Intervals[k][g]
			if w := wantMean[[2]string{in, name}]; !near(iv.Mean, w, 1e-12) {
				t.Errorf("%s %s: mean %v, want %v", in, name, iv.Mean, w)
			}
			if iv.Unit != resample.UnitSentence || !iv.Small {
				t.Errorf("%s %s: unit %q small %v; want sentence, small (fewer than 5 articles)", in, name, iv.Unit, iv.Small)
			}
		}
	}
	// The interval is Bootstrap's on the same values, articles as units.
	var vals []float64
	for _, snt := range alpha {
		vals = append(vals, tone.VADER(snt).Compound)
	}
	smp, err := resample.NewSample(vals, []int32{0, 0, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := resample.Bootstrap(smp, 500, seed, "Alpha"); s.Intervals[0][0] != want {
		t.Errorf("Alpha vader interval %+v, want Bootstrap's %+v", s.Intervals[0][0], want)
	}
	// Alpha − Beta = −0.0924 − 0.8316 = −0.924, tested on sentences.
	if pt := s.Pairs[0][0]; pt.A != "Alpha" || pt.B != "Beta" || !near(pt.Diff, -0.924, 1e-12) || pt.Unit != resample.UnitSentence || !pt.Small {
		t.Errorf("vader pair %+v", pt)
	}

	// Documents: article tone is the mean of its sentences; naive Bayes
	// classifies the whole text. a1 vader (0.4404 − 0.8211)/2 = −0.19035,
	// mood (0.5 − 0.7)/2 = −0.1; a2 vader (−0.4199 + 0.431)/2 = 0.00555,
	// mood 0.375/2 = 0.1875.
	docs := rows(DocumentToneSection(c))
	wantDocs := []struct {
		doc, text   string
		n           int64
		vader, mood float64
	}{
		{"a1", "The book was good. A really bad, horrible book.", 2, -0.19035, -0.1},
		{"b1", beta, 1, 0.8316, 0},
		{"a2", "Today sux! Not bad at all.", 2, 0.00555, 0.1875},
	}
	if len(docs) != len(wantDocs) {
		t.Fatalf("%d document rows, want %d", len(docs), len(wantDocs))
	}
	for i, w := range wantDocs {
		r := docs[i]
		whole := nb.Classify(w.text)
		if r[1].Str != w.doc || r[2].Int != w.n || r[3].Str != w.text || !near(r[4].Float, w.vader, 1e-12) ||
			r[5].Float != whole.PPositive || r[6].Str != nbClass(whole.Positive) || !near(r[7].Float, w.mood, 1e-12) {
			t.Errorf("document %s: row %v, want %+v with whole-text NB %v", w.doc, r, w, whole.PPositive)
		}
	}
}

// allSidesTone runs the tone collector over the AllSides sample.
func allSidesTone(t *testing.T, workers int, topt tonestats.Options) (*tonestats.Collector, *tonestats.Summary) {
	t.Helper()
	c := runTone(t, testkit.AllSidesSource(), analysis.Options{Workers: workers}, topt)
	s, err := c.Summarize(tonestats.StatsOptions{Resamples: 200, Permutations: 199, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

func TestToneAllSides(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the whole AllSides sample")
	}
	full := tonestats.Options{Lexicons: []tonestats.Lexicon{moodLexicon(t)}, Sentences: true, Documents: true}
	c1, s1 := allSidesTone(t, 1, full)
	c4, s4 := allSidesTone(t, 4, full)
	sections := func(c *tonestats.Collector, s *tonestats.Summary) map[string][][]Value {
		return map[string][][]Value{
			"tone": rows(ToneSection(s)), "pairs": rows(TonePairsSection(s)), "agreement": rows(AgreementSection(s)),
			"sentences": rows(SentenceToneSection(c)), "documents": rows(DocumentToneSection(c)),
		}
	}
	r1, r4 := sections(c1, s1), sections(c4, s4)
	for name := range r1 {
		if !reflect.DeepEqual(r1[name], r4[name]) {
			t.Errorf("%s: 1 worker and 4 workers differ", name)
		}
	}

	// Every interval is Bootstrap's on the group's sentence values with
	// articles as units, rebuilt here from the sentence table.
	type acc struct {
		vals  [][]float64 // per instrument
		units []int32
		last  string
	}
	byGroup := map[string]*acc{}
	for _, r := range r1["sentences"] {
		a := byGroup[r[0].Str]
		if a == nil {
			a = &acc{vals: make([][]float64, 3), units: []int32{}, last: r[1].Str}
			byGroup[r[0].Str] = a
		}
		u := int32(0)
		if len(a.units) > 0 {
			u = a.units[len(a.units)-1]
			if r[1].Str != a.last {
				u++
			}
		}
		a.units, a.last = append(a.units, u), r[1].Str
		for k, col := range []int{4, 5, 7} {
			a.vals[k] = append(a.vals[k], r[col].Float)
		}
	}
	large := 0
	for g, name := range s1.Groups {
		a := byGroup[name]
		for k := range s1.Instruments {
			smp, err := resample.NewSample(a.vals[k], a.units)
			if err != nil {
				t.Fatal(err)
			}
			if want := resample.Bootstrap(smp, 200, 3, name); s1.Intervals[k][g] != want {
				t.Errorf("%s %s: interval %+v, want %+v", s1.Instruments[k], name, s1.Intervals[k][g], want)
			}
		}
		if !s1.Intervals[0][g].Small {
			large++
		}
	}
	if large < 5 || large == len(s1.Groups) {
		t.Fatalf("%d of %d groups large: the sample should have both kinds", large, len(s1.Groups))
	}

	// With a budget of one sentence, large groups keep only article sums:
	// their intervals are the same (the mean up to rounding, the total being
	// summed by article), and a small group cannot be tested against them.
	_, sb := allSidesTone(t, 2, tonestats.Options{Lexicons: []tonestats.Lexicon{moodLexicon(t)}, MaxKeptSentences: 1})
	if !sb.Released || s1.Released {
		t.Fatalf("released: budget run %v, full run %v", sb.Released, s1.Released)
	}
	for k, in := range sb.Instruments {
		for g, name := range sb.Groups {
			got, want := sb.Intervals[k][g], s1.Intervals[k][g]
			if !near(got.Mean, want.Mean, 1e-12) {
				t.Errorf("budget %s %s: mean %v, want %v", in, name, got.Mean, want.Mean)
			}
			got.Mean = want.Mean
			if got != want {
				t.Errorf("budget %s %s: interval %+v, want %+v", in, name, got, want)
			}
		}
		for i, pt := range sb.Pairs[k] {
			full := s1.Pairs[k][i]
			mixed := full.Small && full.Unit == resample.UnitSentence && (smallGroup(s1, pt.A) != smallGroup(s1, pt.B))
			switch {
			case mixed && !math.IsNaN(pt.P):
				t.Errorf("budget %s %s–%s: p %v, want NaN (small against large)", in, pt.A, pt.B, pt.P)
			case !mixed && pt.P != full.P:
				t.Errorf("budget %s %s–%s: p %v, want %v", in, pt.A, pt.B, pt.P, full.P)
			}
		}
	}
}

func smallGroup(s *tonestats.Summary, name string) bool {
	i := slices.Index(s.Groups, name)
	return s.Intervals[0][i].Small
}

// TestToneSkipsSentencesWithoutWords: "…" is a sentence without a word; it
// is not scored (it would pull means to 0 and 0.5), and the sentences after
// it keep their numbers in the document.
func TestToneSkipsSentencesWithoutWords(t *testing.T) {
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(`{"id":"a","outlet":"A","text":"Peace is good.\n…\nWar is terrible."}
{"id":"b","outlet":"B","text":"?!"}
`)}}
	c, err := tonestats.NewCollector(tonestats.Options{Sentences: true})
	if err != nil {
		t.Fatal(err)
	}
	// Without cleaning: its separator rule would remove the "…" line first.
	if _, err := analysis.Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "t"}, analysis.Options{Visit: c.Visit, NoClean: true}); err != nil {
		t.Fatal(err)
	}
	var nums []int64
	for row := range SentenceToneSection(c).Display.AllRows() {
		nums = append(nums, row[2].Int)
	}
	if len(nums) != 2 || nums[0] != 1 || nums[1] != 3 {
		t.Errorf("scored sentence numbers %v, want [1 3]", nums)
	}
	s, err := c.Summarize(tonestats.StatsOptions{Resamples: 10, Permutations: 9})
	if err != nil {
		t.Fatal(err)
	}
	if s.Intervals[0][0].N != 2 || s.Intervals[0][1].N != 0 {
		t.Errorf("sentences scored: A %d, B %d; want 2 and 0", s.Intervals[0][0].N, s.Intervals[0][1].N)
	}
}
