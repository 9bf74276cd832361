package segment

import (
	"slices"
	"strings"
	"testing"
)

// FuzzTokenize fuzzes the tokenizer on its own: besides the invariants
// checkTokens states (ordered, non-empty spans on rune boundaries, lower-case
// valid Norms, every letter and digit in a token), the tokens must not depend
// on what dst held before (Tokenize appends to it). FuzzSegment fuzzes the
// sentence splitter together with the tokenizer.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"",
		"Pashinyan’s “anti-terrorist” operation: 6,000 dead, 3.5% in the U.S. Don't see https://Example.org/A.",
		"ÇAĞRI İstanbul ΣΟΦΟΣ ǅemal ﬁnal Straße ß ẞ K (Kelvin) \u0130\u0307",
		"info@avim.org.tr <https://mepc.org/a_(b)>. pic.twitter.com/AbC123 usat.ly/2xYz. U.S./Iran and/or",
		"co\u00adop\u00ad zero\u200cwidth \u05d0\u05f3\u05d1 1,2345 1,234.5 -3 +4 ’s 's- Armenians' rock'n'roll",
		"\xff\xfe\xc3 a\xe2\x80 b \U0001F600x y\u0301z \u2028\u2029",
		strings.Repeat("a.", 40) + " " + strings.Repeat("9", 50),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text, nil)
		checkTokens(t, "fuzz", text, toks)
		// A dst with old tokens in it is appended to, never read.
		junk := []Token{{Norm: "junk", Span: Span{Start: 1, End: 2}, Kind: TokNumber}}
		again := Tokenize(text, junk)
		if len(again) != len(toks)+1 || again[0] != junk[0] || !slices.Equal(again[1:], toks) {
			t.Errorf("tokens depend on dst: %v, then %v", toks, again)
		}
	})
}
