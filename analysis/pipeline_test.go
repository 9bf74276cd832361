package analysis

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

// runSmall runs the pipeline on testkit.SmallCorpus.
func runSmall(t *testing.T, opt Options) *Result {
	t.Helper()
	res, err := Run(testkit.SmallSource(), opt)
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
