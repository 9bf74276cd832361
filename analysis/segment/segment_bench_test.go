package segment

import (
	"testing"

	"parallax/analysis/internal/testkit"
)

// benchTexts loads the texts of the AllSides sample (859 articles) and their
// total size in bytes.
func benchTexts(b *testing.B) ([]string, int64) {
	b.Helper()
	texts := testkit.AllSidesTexts(b)
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	return texts, n
}

func BenchmarkSentences(b *testing.B) {
	texts, size := benchTexts(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var spans []Span
	for b.Loop() {
		for _, t := range texts {
			spans = Sentences(t, spans[:0])
		}
	}
}

func BenchmarkTokenize(b *testing.B) { benchTokenize(b, Tokenize) }

// BenchmarkTokenizeOld is BenchmarkTokenize for the tokenizer before its
// ASCII fast path (tokenize_old_test.go).
func BenchmarkTokenizeOld(b *testing.B) { benchTokenize(b, oldTokenize) }

// BenchmarkTokenizer is BenchmarkTokenize with ids (a Tokenizer).
func BenchmarkTokenizer(b *testing.B) { benchTokenize(b, NewTokenizer(NewNorms()).Tokenize) }

// benchTokenize times tokenize over every text of the AllSides sample.
func benchTokenize(b *testing.B, tokenize func(string, []Token) []Token) {
	texts, size := benchTexts(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var toks []Token
	for b.Loop() {
		for _, t := range texts {
			toks = tokenize(t, toks[:0])
		}
	}
}

// BenchmarkSegment is the pipeline's use: sentences, then the tokens of
// each sentence.
func BenchmarkSegment(b *testing.B) {
	texts, size := benchTexts(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var spans []Span
	var toks []Token
	for b.Loop() {
		for _, t := range texts {
			spans = Sentences(t, spans[:0])
			for _, s := range spans {
				toks = Tokenize(t[s.Start:s.End], toks[:0])
			}
		}
	}
}
