package analysis

import (
	"strings"
	"testing"
	"testing/fstest"

	"parallax/analysis/corpus"
	"parallax/analysis/segment"
)

// annotateAll returns the terms the annotator emits for each sentence of
// text, in order, joined by "|".
func annotateAll(a *annotator, text string) string {
	var out []string
	for _, s := range segment.Sentences(text, nil) {
		sent := text[s.Start:s.End]
		a.sentence(sent, segment.Tokenize(sent, nil), func(id int32) {
			out = append(out, a.vocab.terms[id])
		})
	}
	return strings.Join(out, "|")
}

func TestAnnotatorSentence(t *testing.T) {
	sw := stopEN(t)
	for _, tc := range []struct {
		name string
		opt  TermOptions
		text string
		want string // emitted terms in order: each word, then the n-grams ending at it
	}{
		{"unigrams only", TermOptions{StopWords: sw}, "Separatist leaders met.",
			"separatist|leaders|met"},
		{"bigrams and trigrams", TermOptions{StopWords: sw, NGrams: 3}, "Separatist leaders met",
			"separatist|leaders|separatist leaders|met|leaders met|separatist leaders met"},
		{"comma breaks", TermOptions{StopWords: sw, NGrams: 3}, "Dubai, United Arab Emirates",
			"dubai|united|arab|united arab|emirates|arab emirates|united arab emirates"},
		{"abbreviation period and comma break", TermOptions{StopWords: sw, NGrams: 2}, "Jan. 16, 2019",
			"jan|16|2019"},
		{"colon breaks", TermOptions{StopWords: sw, NGrams: 2}, "Update 9/19: officials spoke",
			"update|9|update 9|19|officials|spoke|officials spoke"},
		{"semicolon breaks", TermOptions{StopWords: sw, NGrams: 2}, "talks failed; troops advanced",
			"talks|failed|talks failed|troops|advanced|troops advanced"},
		{"parentheses break", TermOptions{StopWords: sw, NGrams: 2}, "forces (Azerbaijani) fired",
			"forces|azerbaijani|fired"},
		{"dashes break", TermOptions{StopWords: sw, NGrams: 2}, "Russia—Moscow troops–Armenia - Turkey",
			"russia|moscow|troops|moscow troops|armenia|turkey"},
		{"quotes break", TermOptions{StopWords: sw, NGrams: 2}, "local “anti-terrorist” operation",
			"local|anti-terrorist|operation"},
		{"slash breaks", TermOptions{StopWords: sw, NGrams: 2}, "Armenia/Azerbaijan border",
			"armenia|azerbaijan|border|azerbaijan border"},
		{"dropped possessive breaks", TermOptions{StopWords: sw, NGrams: 2}, "Pashinyan’s government fell",
			"pashinyan|government|fell|government fell"},
		{"hyphen inside token kept", TermOptions{StopWords: sw, NGrams: 2}, "anti-terrorist operation, U.S.-led coalition",
			"anti-terrorist|operation|anti-terrorist operation|u.s.-led|coalition|u.s.-led coalition"},
		{"hyphenated acronym", TermOptions{StopWords: sw, NGrams: 2}, "anti-U.S. demonstrators",
			"anti-u.s.|demonstrators|anti-u.s. demonstrators"},
		{"thousands separator inside token", TermOptions{StopWords: sw, NGrams: 2}, "6,000 troops",
			"6000|troops|6000 troops"},
		{"line break and no-break space are white space", TermOptions{StopWords: sw, NGrams: 2}, "peace\u00a0talks resumed\nquickly",
			"peace|talks|peace talks|resumed|talks resumed|quickly|resumed quickly"},
		{"Han characters touch", TermOptions{NGrams: 2}, "和平", "和|平|和 平"},
		{"stop word breaks", TermOptions{StopWords: sw, NGrams: 2}, "fired on the village",
			"fired|village"},
		{"short term breaks", TermOptions{StopWords: sw, NGrams: 2, MinLength: 3}, "peace xy talks",
			"peace|talks"},
		{"URL breaks", TermOptions{StopWords: sw, NGrams: 2}, "see https://x.org/a villagers",
			"see|villagers"},
		{"sentence end breaks", TermOptions{StopWords: sw, NGrams: 2}, "Troops fired. Villagers fled.",
			"troops|fired|troops fired|villagers|fled|villagers fled"},
	} {
		got := annotateAll(newAnnotator(tc.opt, newVocabulary()), tc.text)
		if got != tc.want {
			t.Errorf("%s: terms of %q:\n got %s\nwant %s", tc.name, tc.text, got, tc.want)
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
	res, err := Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "test"}, Options{Terms: TermOptions{StopWords: stopEN(t), NGrams: 2}, NoClean: true})
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
	res, err := Run(allSidesSource(t), Options{Terms: TermOptions{StopWords: stopEN(t), NGrams: 2}, NoClean: true})
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
