package segment

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// checkSameTokens fails unless Tokenize and a Tokenizer both give exactly
// the tokens of the old tokenizer (the Tokenizer's with ids).
func checkSameTokens(t *testing.T, tk *Tokenizer, text string) {
	t.Helper()
	want := oldTokenize(text, nil)
	if got := Tokenize(text, nil); !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("%.80q: token %d is %+v, the old tokenizer gives %+v", text, i, got[i], want[i])
			}
		}
		t.Fatalf("%.80q: %d tokens, the old tokenizer gives %d", text, len(got), len(want))
	}
	got := tk.Tokenize(text, nil)
	for i := range got {
		got[i].ID = 0
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%.80q: the Tokenizer's tokens differ from the old tokenizer's:\n got %+v\nwant %+v", text, got, want)
	}
}

// TestTokenizeDifferential compares the tokenizer with the old one over the
// AllSides sample and the Karabakh pages, whole and sentence by sentence.
func TestTokenizeDifferential(t *testing.T) {
	tk := NewTokenizer(NewNorms())
	for _, text := range sampleTexts(t) {
		checkSameTokens(t, tk, text)
		for _, s := range Sentences(text, nil) {
			checkSameTokens(t, tk, text[s.Start:s.End])
		}
	}
}

// diffAlphabet is what random strings are drawn from: every character the
// tokenizer treats specially, ASCII and not, and invalid UTF-8.
var diffAlphabet = []string{
	"a", "Z", "s", "S", "h", "w", "x", "0", "9", " ", "\t", "\n", ".", ",", "-", "'", "@", "_", "%", "+", "/", ":",
	"(", ")", "[", "]", "<", "\"", "#", "!", "?", ";", "*", "`",
	"’", "ʼ", "\u2010", "\u2011", "–", "—", "\u00ad", "\u200c", "\u200d", "\u05f3", "\u05f4",
	"É", "é", "İ", "ı", "Σ", "σ", "ß", "ẞ", "K", "ǅ", "²", "½", "٣", "\u0301", "和", "ひ", "カ", "한",
	"http://", "https://", "www.", "U.S.", "it's", "'s", "6,000", "1,2345", "3.5", "co.uk/", "e@x.io",
	"\xff", "\xc3", "\xe2\x80",
}

// TestTokenizeDifferentialRandom compares the tokenizer with the old one on
// random strings over diffAlphabet.
func TestTokenizeDifferentialRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2))
	tk := NewTokenizer(NewNorms())
	n := 200000
	if testing.Short() {
		n = 20000
	}
	var b []byte
	for range n {
		b = b[:0]
		for range rng.IntN(24) {
			b = append(b, diffAlphabet[rng.IntN(len(diffAlphabet))]...)
		}
		checkSameTokens(t, tk, string(b))
	}
}

// FuzzTokenizeDifferential compares the tokenizer with the old one on
// fuzzed strings.
func FuzzTokenizeDifferential(f *testing.F) {
	for _, s := range diffAlphabet {
		f.Add("The " + s + "Word" + s + "9 " + s)
	}
	tk := NewTokenizer(NewNorms())
	f.Fuzz(func(t *testing.T, text string) { checkSameTokens(t, tk, text) })
}
