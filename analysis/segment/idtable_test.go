package segment

import (
	"strings"
	"testing"
)

// TestIDTable checks that an IDTable gives f's value for every token of the
// samples, calling f once per id (and every time for tokens without one).
func TestIDTable(t *testing.T) {
	calls := map[string]int{}
	f := func(tok *Token) int {
		calls[tok.Norm]++
		return strings.Count(tok.Norm, "e")*100 + len(tok.Norm)
	}
	tab := NewIDTable(f)
	tk := NewTokenizer(NewNorms())
	var toks []Token
	met := map[string]int{}
	for _, text := range sampleTexts(t) {
		toks = tk.Tokenize(text, toks[:0])
		for i := range toks {
			tok := &toks[i]
			if got, want := tab.Get(tok), strings.Count(tok.Norm, "e")*100+len(tok.Norm); got != want {
				t.Fatalf("%q: Get = %d, want %d", tok.Norm, got, want)
			}
			met[tok.Norm]++
		}
	}
	for norm, n := range calls {
		if n != 1 {
			t.Fatalf("f called %d times for %q, met %d times", n, norm, met[norm])
		}
	}
	if len(calls) != len(met) {
		t.Fatalf("f called for %d Norms, %d met", len(calls), len(met))
	}
	plain := Tokenize("Zyzzogeton, zyzzogeton.", nil)
	for i := range plain {
		tab.Get(&plain[i])
	}
	if calls["zyzzogeton"] != 2 {
		t.Errorf("tokens without id: f called %d times for zyzzogeton, want 2", calls["zyzzogeton"])
	}
}
