package analysis

import (
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/kwic"
	"parallax/analysis/report"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

// smallCorpus is a JSON Lines corpus small enough to count by hand.
const smallCorpus = `{"id":"a1","outlet":"Alpha","date":"2023-09-19","text":"The separatist forces fired. The separatist leaders met."}
{"id":"a2","outlet":"Alpha","date":"2023-09-20","text":"Separatist leaders said the talks failed."}
{"id":"b1","outlet":"Beta","date":"2023-09-19","text":"Ethnic Armenian leaders said the talks failed. Ethnic Armenian forces fired."}
`

func runSmall(t *testing.T, opt Options) *Result {
	t.Helper()
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(smallCorpus)}}
	res, err := Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "test"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func stopEN(t *testing.T) *lexicons.StopWords {
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

// dense returns group → term → count for easy comparison.
func dense(t *termstats.TermTable, which []termstats.SparseCounts) map[string]map[string]int64 {
	out := map[string]map[string]int64{}
	for g, name := range t.Groups {
		out[name] = map[string]int64{}
		for i, id := range which[g].IDs {
			out[name][t.Terms[id]] = which[g].Counts[i]
		}
	}
	return out
}

func TestRunCountsByHand(t *testing.T) {
	res := runSmall(t, Options{Terms: termstats.TermOptions{StopWords: stopEN(t)}, Workers: 2})
	tab := res.Table
	// Stop words "the" removed. Alpha: a1 = separatist forces fired separatist leaders met;
	// a2 = separatist leaders said talks failed.
	wantCount := map[string]map[string]int64{
		"Alpha": {"separatist": 3, "forces": 1, "fired": 1, "leaders": 2, "met": 1, "said": 1, "talks": 1, "failed": 1},
		"Beta":  {"ethnic": 2, "armenian": 2, "leaders": 1, "said": 1, "talks": 1, "failed": 1, "forces": 1, "fired": 1},
	}
	if got := dense(tab, tab.Count); !reflect.DeepEqual(got, wantCount) {
		t.Errorf("counts:\n got %v\nwant %v", got, wantCount)
	}
	wantDF := map[string]map[string]int64{
		"Alpha": {"separatist": 2, "forces": 1, "fired": 1, "leaders": 2, "met": 1, "said": 1, "talks": 1, "failed": 1},
		"Beta":  {"ethnic": 1, "armenian": 1, "leaders": 1, "said": 1, "talks": 1, "failed": 1, "forces": 1, "fired": 1},
	}
	if got := dense(tab, tab.DocFreq); !reflect.DeepEqual(got, wantDF) {
		t.Errorf("doc freq:\n got %v\nwant %v", got, wantDF)
	}
	if !sort.StringsAreSorted(tab.Terms) || !sort.StringsAreSorted(tab.Groups) {
		t.Errorf("terms or groups not sorted: %v %v", tab.Terms, tab.Groups)
	}
	if tab.Tokens[0] != 11 || tab.Tokens[1] != 10 || tab.TotalTokens != 21 || tab.TotalDocs != 3 {
		t.Errorf("tokens %v total %d docs %d, want [11 10] 21 3", tab.Tokens, tab.TotalTokens, tab.TotalDocs)
	}
	leaders := tab.TermIndex("leaders")
	if tab.CorpusCount[leaders] != 3 || tab.CorpusDF[leaders] != 3 {
		t.Errorf("leaders corpus count %d df %d, want 3 3", tab.CorpusCount[leaders], tab.CorpusDF[leaders])
	}
	a := res.Groups[0]
	// Words include stop words: a1 has 8, a2 has 6.
	if a.Group != "Alpha" || a.Docs != 2 || a.Sentences != 3 || a.Words != 14 || a.Terms != 11 || a.Types != 8 || a.MinDate != "2023-09-19" || a.MaxDate != "2023-09-20" || a.Undated != 0 {
		t.Errorf("Alpha summary = %+v", a)
	}
	if res.Load.Read != 3 || res.Load.Loaded != 3 {
		t.Errorf("load report %+v", res.Load)
	}
}

func TestRunNGramsNeverCrossStopWordsOrSentences(t *testing.T) {
	res := runSmall(t, Options{Terms: termstats.TermOptions{StopWords: stopEN(t), NGrams: 2}})
	c := dense(res.Table, res.Table.Count)
	if c["Beta"]["ethnic armenian"] != 2 || c["Alpha"]["separatist leaders"] != 2 || c["Alpha"]["separatist forces"] != 1 {
		t.Errorf("bigrams: Beta %v Alpha %v", c["Beta"], c["Alpha"])
	}
	// "fired. The separatist": a sentence end and a stop word lie between.
	for g, terms := range c {
		for term := range terms {
			if term == "fired separatist" || term == "failed ethnic" || strings.HasPrefix(term, "the ") {
				t.Errorf("%s: bigram %q crosses a sentence or stop word", g, term)
			}
		}
	}
}

// TestRunMinLengthAfterStemming: --min-length applies to the counted term,
// so a word stemmed below the length is dropped.
func TestRunMinLengthAfterStemming(t *testing.T) {
	res := runSmall(t, Options{Terms: termstats.TermOptions{StopWords: stopEN(t), Stem: true, MinLength: 5}})
	c := dense(res.Table, res.Table.Count)
	// leaders → leader (6) stays; talks → talk (4), fired → fire (4), met (3) go.
	if c["Alpha"]["leader"] != 2 || c["Alpha"]["talk"] != 0 || c["Alpha"]["fire"] != 0 || c["Alpha"]["met"] != 0 {
		t.Errorf("stemmed, min length 5: Alpha %v", c["Alpha"])
	}
}

func TestRunStemming(t *testing.T) {
	res := runSmall(t, Options{Terms: termstats.TermOptions{StopWords: stopEN(t), Stem: true}})
	c := dense(res.Table, res.Table.Count)
	if c["Alpha"]["leader"] != 2 || c["Alpha"]["talk"] != 1 || c["Alpha"]["fire"] != 1 {
		t.Errorf("stemmed Alpha: %v", c["Alpha"])
	}
}

// TestRunIndependentOfWorkers: the frozen table and summaries are identical
// for 1 and 4 workers on the real AllSides sample.
func TestRunIndependentOfWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the AllSides sample")
	}
	src := allSidesSource(t)
	var results []*Result
	for _, w := range []int{1, 4} {
		res, err := Run(src, Options{Terms: termstats.TermOptions{StopWords: stopEN(t)}, Workers: w, DocVectors: true})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	a, b := results[0], results[1]
	if !reflect.DeepEqual(a.Table, b.Table) || !reflect.DeepEqual(a.Groups, b.Groups) || !reflect.DeepEqual(a.Docs, b.Docs) ||
		a.Fingerprint != b.Fingerprint || !reflect.DeepEqual(a.Cleaning, b.Cleaning) {
		t.Fatal("results differ between 1 and 4 workers")
	}
	if len(a.Table.Groups) != 53 || a.Table.TotalDocs == 0 {
		t.Errorf("AllSides: %d groups, %d docs", len(a.Table.Groups), a.Table.TotalDocs)
	}
	// Document vectors sum to the group tables.
	sum := map[string]int64{}
	for d, v := range a.Docs.Vecs {
		sum[a.Docs.Groups[d]] += v.Sum()
	}
	for g, name := range a.Table.Groups {
		if sum[name] != a.Table.Tokens[g] {
			t.Errorf("%s: document vectors sum to %d, table says %d", name, sum[name], a.Table.Tokens[g])
		}
	}
}

func TestKWIC(t *testing.T) {
	pat, err := kwic.Compile("separatist* leaders")
	if err != nil {
		t.Fatal(err)
	}
	kw := &kwic.Collector{Pattern: pat, Window: 2}
	runSmall(t, Options{Visit: kw.Visit, Workers: 3})
	got := kw.Hits()
	want := []kwic.Hit{
		{Group: "Alpha", DocID: "a1", Date: "2023-09-19", DocIndex: 0, Sentence: 2, Token: 1, Left: "The", Match: "separatist leaders", Right: "met"},
		{Group: "Alpha", DocID: "a2", Date: "2023-09-20", DocIndex: 1, Sentence: 1, Token: 0, Left: "", Match: "Separatist leaders", Right: "said the"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hits:\n got %+v\nwant %+v", got, want)
	}
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{{1, "match", "1 match"}, {2, "match", "2 matches"}, {0, "document", "0 documents"}, {3, "box", "3 boxes"}} {
		if got := report.Plural(c.n, c.noun); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
	// Max keeps the first matches in input order, whatever the scheduling,
	// and still counts them all.
	for _, workers := range []int{1, 3} {
		kw1 := &kwic.Collector{Pattern: pat, Window: 2, Max: 1}
		runSmall(t, Options{Visit: kw1.Visit, Workers: workers})
		if got := kw1.Hits(); len(got) != 1 || got[0].DocID != "a1" || kw1.Counts()["Alpha"] != 2 {
			t.Errorf("Max 1, %d workers: hits %+v, counts %v; want a1 only, Alpha 2", workers, got, kw1.Counts())
		}
	}
	if _, err := kwic.Compile(" ... "); err == nil {
		t.Error("a pattern without words must be an error")
	}
}

// TestFrequencySection checks the frequency view against hand-computed rows
// of the small corpus: Alpha has 11 counted terms in 2 documents; the corpus
// has 3 documents.
func TestFrequencySection(t *testing.T) {
	res := runSmall(t, Options{Terms: termstats.TermOptions{StopWords: stopEN(t)}})
	sec, err := report.FrequencySection(res.Table, "count", 2, 1, termstats.IDFSmooth)
	if err != nil {
		t.Fatal(err)
	}
	rows := sec.Display.Rows
	// Alpha: separatist 3 (df 2 in Alpha, corpus df 2), leaders 2 (corpus df 3).
	//   separatist: per_1k = 1000·3/11 = 272.7272…; tf = 3/11 = 0.272727…;
	//     idf smooth = ln((1+3)/(1+2)) + 1 = 1.2876820724517808; tfidf = 0.35118601976…
	//   leaders: tf = 2/11; idf = ln(4/4) + 1 = 1; tfidf = 0.181818…
	want := []struct {
		group, term string
		rank, count int64
		per1k, tf   float64
		docs        int64
		tfidf       float64
	}{
		{"Alpha", "separatist", 1, 3, 1000 * 3.0 / 11, 3.0 / 11, 2, 3.0 / 11 * (math.Log(4.0/3) + 1)},
		{"Alpha", "leaders", 2, 2, 1000 * 2.0 / 11, 2.0 / 11, 2, 2.0 / 11},
	}
	if len(rows) != 4 { // two per group
		t.Fatalf("%d rows, want 4", len(rows))
	}
	for i, w := range want {
		r := rows[i]
		if r[0].Str != w.group || r[1].Int != w.rank || r[2].Str != w.term || r[3].Int != w.count || r[5].Int != w.docs ||
			!testkit.Within(r[4].Float, w.per1k, 1e-12) || !testkit.Within(r[6].Float, w.tf, 1e-12) || !testkit.Within(r[7].Float, w.tfidf, 1e-12) {
			t.Errorf("row %d = %v, want %+v", i, r, w)
		}
	}
	// Ranked by tf-idf, Alpha's first term is still separatist (0.351 > the rest).
	sec, _ = report.FrequencySection(res.Table, "tfidf", 1, 1, termstats.IDFSmooth)
	if got := sec.Display.Rows[0][2].Str; got != "separatist" {
		t.Errorf("top Alpha term by tfidf = %q, want separatist", got)
	}
}

// TestRunNGramsNeverCrossPunctuation counts bigrams through Run on a corpus
// small enough to count by hand.
func TestRunNGramsNeverCrossPunctuation(t *testing.T) {
	const input = `{"id":"a1","outlet":"Alpha","text":"Talks in Dubai, United Arab Emirates ended on Jan. 16, 2019."}
{"id":"a2","outlet":"Alpha","text":"The United Arab Emirates (UAE) hosted: Armenian–Azerbaijani talks/meetings."}
`
	fsys := fstest.MapFS{"c.jsonl": {Data: []byte(input)}}
	res, err := Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "test"}, Options{Terms: termstats.TermOptions{StopWords: stopEN(t), NGrams: 2}, NoClean: true})
	if err != nil {
		t.Fatal(err)
	}
	got := dense(res.Table, res.Table.Count)["Alpha"]
	// Terms ("the", "in", "on" are stop words), with the text between them:
	// a1: talks [in] dubai [, ] united [ ] arab [ ] emirates [ ] ended [on] jan [. ] 16 [, ] 2019
	//   → bigrams united arab, arab emirates, emirates ended.
	// a2: [the] united [ ] arab [ ] emirates [ (] uae [) ] hosted [: ] armenian [–]
	//   azerbaijani [ ] talks [/] meetings
	//   → bigrams united arab, arab emirates, azerbaijani talks.
	want := map[string]int64{"united arab": 2, "arab emirates": 2, "emirates ended": 1, "azerbaijani talks": 1}
	for term, n := range got {
		if !strings.Contains(term, " ") {
			continue
		}
		if want[term] != n {
			t.Errorf("bigram %q counted %d times, want %d", term, n, want[term])
		}
	}
	for term, n := range want {
		if got[term] != n {
			t.Errorf("bigram %q counted %d times, want %d", term, got[term], n)
		}
	}
}

// TestRunNGramsAllSides checks the bigrams of the AllSides sample that used
// to cross punctuation. Counts from the raw file:
// zcat articles.jsonl.gz | grep -oiE 'united[[:space:]]+arab' | wc -l → 37,
// six of them after "Dubai, " (which used to give "dubai united");
// grep -oE '[0-9]+, 2019' → 24 (which gave "16 2019" and the like).
func TestRunNGramsAllSides(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the AllSides sample")
	}
	res, err := Run(allSidesSource(t), Options{Terms: termstats.TermOptions{StopWords: stopEN(t), NGrams: 2}, NoClean: true})
	if err != nil {
		t.Fatal(err)
	}
	tab := res.Table
	count := func(term string) int64 {
		i := tab.TermIndex(term)
		if i < 0 {
			return 0
		}
		return tab.CorpusCount[i]
	}
	for _, tc := range []struct {
		term string
		want int64
	}{
		{"united arab", 37},
		{"dubai united", 0},
		{"16 2019", 0},
	} {
		if got := count(tc.term); got != tc.want {
			t.Errorf("%s: counted %d times, want %d", tc.term, got, tc.want)
		}
	}
	for _, term := range tab.Terms {
		if strings.HasSuffix(term, " 2019") && strings.Trim(strings.TrimSuffix(term, " 2019"), "0123456789") == "" {
			t.Errorf("bigram %q joins a day and a year across a comma", term)
		}
	}
}
