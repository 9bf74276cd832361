package tone

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordTable checks wordTable against a Go map on random keys of 0 to
// 40 bytes, zero bytes included, with duplicates (the last one counts),
// with and without a filter and weights.
func TestWordTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("ab\x00\xffZ ")
	key := func() string {
		n := rng.IntN(41)
		if rng.IntN(3) == 0 {
			n = rng.IntN(5)
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	type entry struct {
		k string
		v int
		w uint64
	}
	for _, opt := range []wordTableOptions[entry]{
		{},
		{filter: true},
		{weight: func(e entry) uint64 { return e.w }},
		{filter: true, weight: func(e entry) uint64 { return e.w }},
	} {
		for _, size := range []int{0, 1, 5, 100, 3000} {
			var entries []entry
			want := map[string]int{}
			for i := 0; i < size; i++ {
				k := key()
				if i > 0 && rng.IntN(5) == 0 {
					k = entries[rng.IntN(i)].k // a duplicate
				}
				entries = append(entries, entry{k, i, uint64(rng.IntN(4))})
				want[k] = i
			}
			tab := newWordTable(entries, func(e entry) string { return e.k }, func(e entry) int { return e.v }, opt)
			name := fmt.Sprintf("filter %v, weights %v, %d entries", opt.filter, opt.weight != nil, size)
			if tab.len() != len(want) {
				t.Errorf("%s: len %d, want %d", name, tab.len(), len(want))
			}
			probes := make([]string, 0, 2*len(entries)+1000)
			for _, e := range entries {
				probes = append(probes, e.k)
			}
			for range 1000 {
				probes = append(probes, key())
			}
			for _, k := range probes {
				wv, wok := want[k]
				if v, ok := tab.get(k); v != wv || ok != wok {
					t.Fatalf("%s: get(%q) = %d, %v; want %d, %v", name, k, v, ok, wv, wok)
				}
				p := []byte("··" + k + strings.Repeat("\xee", wordPad))
				if v, ok := tab.getPadded(p, len("··"), len(k)); v != wv || ok != wok {
					t.Fatalf("%s: getPadded(%q) = %d, %v; want %d, %v", name, k, v, ok, wv, wok)
				}
			}
		}
	}
}

// TestNaiveBayesOddModel checks Classify with a model whose words the
// embedded one lacks: the empty word, words of 16, 17 and 70 bytes, and
// non-ASCII words, against the classifier as it was.
func TestNaiveBayesOddModel(t *testing.T) {
	long := strings.Repeat("ab", 35)
	words := []string{"", "a", "good", "abcdefghijklmnop", "abcdefghijklmnopq", long, "café", "ереван", "i̇stanbul"}
	ref := &nbRefModel{
		Words: map[string]struct {
			Count []uint64
			Seen  uint64
		}{},
		Count: []uint64{3, 5}, Probabilities: []float64{0.375, 0.625}, DocumentCount: 8, VocabularySize: 9,
	}
	var b strings.Builder
	b.WriteString(`{"en":{"words":{`)
	for i, w := range words {
		c0, c1 := uint64(i+1), uint64(2*i+3)
		ref.Words[w] = struct {
			Count []uint64
			Seen  uint64
		}{[]uint64{c0, c1}, c0 + c1}
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%q:{"Count":[%d,%d],"Seen":%d}`, w, c0, c1, c0+c1)
	}
	b.WriteString(`},"count":[3,5],"probabilities":[0.375,0.625],"document_count":8,"vocabulary_size":9}}`)
	m, err := parseNaiveBayes([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	old := newOldNB(ref)
	texts := []string{"", " ", "  a  ", "good", "GOOD good  ", "Abcdefghijklmnop abcdefghijklmnopq",
		"x " + long + " " + strings.ToUpper(long) + " " + long + "b", "Café CAFÉ café-au-lait", "Ереван İstanbul",
		"a,b a1 good.", "\xffa \xff"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		var tb strings.Builder
		for j := rng.IntN(12); j > 0; j-- {
			tb.WriteString(words[rng.IntN(len(words))])
			tb.WriteString([]string{" ", "  ", "", ",", " 2 ", "-"}[rng.IntN(6)])
		}
		texts = append(texts, tb.String())
	}
	for _, s := range texts {
		if got, want := m.Classify(s), old.Classify(s); !sameNB(got, want) {
			t.Errorf("Classify(%q)\n got %+v\nwant %+v (before the rewrite)", s, got, want)
		}
	}
	if r := m.Classify("x " + long); r.Words != 1 {
		t.Errorf("a word of 70 bytes is not found: %+v", r)
	}
}
