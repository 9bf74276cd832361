package termstats

import (
	"strings"
	"testing"

	"parallax/analysis/segment"
	"parallax/lexicons"
)

// annotateAll returns the terms the annotator emits for each sentence of
// text, in order, joined by "|": with tk, for tokens carrying ids from it;
// with nil, for tokens without (which the annotator's Tokenizer then gives).
func annotateAll(a *annotator, tk *segment.Tokenizer, text string) string {
	var out []string
	for _, s := range segment.Sentences(text, nil) {
		sent := text[s.Start:s.End]
		toks := segment.Tokenize(sent, nil)
		if tk != nil {
			toks = tk.Tokenize(sent, nil)
		}
		a.sentence(sent, toks, func(id int32) {
			out = append(out, a.vocab.terms[id])
		})
	}
	return strings.Join(out, "|")
}

func TestAnnotatorSentence(t *testing.T) {
	sw, err := lexicons.LoadStopWords("en")
	if err != nil {
		t.Fatal(err)
	}
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
		tk := segment.NewTokenizer(segment.NewNorms())
		a := newAnnotator(tc.opt, NewVocabulary(), tk)
		for _, with := range []*segment.Tokenizer{nil, tk, nil} { // ids given, found, then cached
			if got := annotateAll(a, with, tc.text); got != tc.want {
				t.Errorf("%s: terms of %q (tokenizer %v):\n got %s\nwant %s", tc.name, tc.text, with != nil, got, tc.want)
			}
		}
	}
}
