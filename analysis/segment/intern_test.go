package segment

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// checkIDs checks that toks, made by a Tokenizer over n, are want (made by
// Tokenize) with ids that name their Norms one to one, as the map ids
// (Norm → id, filled as it goes) has seen them so far.
func checkIDs(t *testing.T, n *Norms, ids map[string]int32, text string, want, toks []Token) {
	t.Helper()
	if len(toks) != len(want) {
		t.Fatalf("%.60q: Tokenizer gave %d tokens, Tokenize %d", text, len(toks), len(want))
	}
	for i, tok := range toks {
		id := tok.ID
		tok.ID = 0
		if tok != want[i] {
			t.Fatalf("%.60q: token %d is %+v, Tokenize says %+v", text, i, tok, want[i])
		}
		if id <= 0 {
			t.Fatalf("%.60q: token %q has no id", text, tok.Norm)
		}
		if got := n.Norm(id); got != tok.Norm {
			t.Fatalf("%.60q: token %q has id %d, which names %q", text, tok.Norm, id, got)
		}
		if old, ok := ids[tok.Norm]; ok && old != id {
			t.Fatalf("%.60q: token %q has id %d, before %d", text, tok.Norm, id, old)
		}
		ids[tok.Norm] = id
	}
}

// TestTokenizerIDs checks the Tokenizer against Tokenize on the samples:
// the same tokens, each with an id that names its Norm, one id per Norm.
func TestTokenizerIDs(t *testing.T) {
	n := NewNorms()
	tk := NewTokenizer(n)
	ids := map[string]int32{}
	var toks, want []Token
	for _, text := range sampleTexts(t) { // map order: ids must not care
		for _, s := range Sentences(text, nil) {
			sent := text[s.Start:s.End]
			want = Tokenize(sent, want[:0])
			toks = tk.Tokenize(sent, toks[:0])
			checkIDs(t, n, ids, sent, want, toks)
		}
	}
	if n.Len() != len(ids)+1 {
		t.Errorf("Norms holds %d ids for %d distinct Norms", n.Len()-1, len(ids))
	}
	if got := tk.ID("armenia"); got != ids["armenia"] || got == 0 {
		t.Errorf(`ID("armenia") = %d, the tokens had %d`, got, ids["armenia"])
	}
}

// TestNormCacheKeys interns strings that differ only in length, in trailing
// zero bytes or in one byte of the part two inline keys share, short and
// long (over 16 bytes, hashed), past the
// cache's first growth, from two Tokenizers over one Norms at once.
func TestNormCacheKeys(t *testing.T) {
	var words []string
	for i := range 3000 {
		w := fmt.Sprintf("%x", i*7919)
		words = append(words, w, w+"\x00", "\x00"+w, strings.Repeat(w, 3), w[:len(w)/2+1]+"-"+w,
			"0123456"+w, w+"-abcdefgh") // 8 to 16 bytes: both keys

	}
	for l := range 25 {
		words = append(words, strings.Repeat("a", l), strings.Repeat("\x00", l))
	}
	n := NewNorms()
	got := make([][]int32, 2)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			tk := NewTokenizer(n)
			for round := range 2 { // the second round finds every word cached
				for i := range words {
					w := words[(i*(g+1))%len(words)] // two different orders
					if round == 1 {
						got[g] = append(got[g], tk.ID(w))
					} else {
						tk.ID(w)
					}
				}
			}
		})
	}
	wg.Wait()
	seen := map[int32]string{}
	for g, ids := range got {
		for i, id := range ids {
			w := words[(i*(g+1))%len(words)]
			if n.Norm(id) != w {
				t.Fatalf("tokenizer %d: %q got id %d, which names %q", g, w, id, n.Norm(id))
			}
			if o, ok := seen[id]; ok && o != w {
				t.Fatalf("id %d given to %q and %q", id, o, w)
			}
			seen[id] = w
		}
	}
}
