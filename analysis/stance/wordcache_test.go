package stance

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/jonreiter/govader/data"

	"parallax/analysis/segment"
	"parallax/tone"
)

// cacheSentences are sentences for the cache tests: the training head's
// and some with negations ("n't", "without"), clause words, quotes, stop
// words around the target and words without vectors or valence.
func cacheSentences(t *testing.T) []string {
	out := []string{
		"The senator praised the relief package while the governor stalled it.",
		"Lawmakers moved to open an inquiry into the governor and to freeze his budget.",
		"Critics accused Smith of lying to investigators, but Smith didn't respond.",
		"Supporters hailed Jones as a hero who saved the town; nobody thanked the mayor.",
		"The governor welcomed illegal immigrants to the state without consulting anyone.",
		"“It is not a failure,” said Ms. Qwxyzt, although the council refused to fund it.",
		"Hamas and Israel exchanged fire, killing 12 people near Gaza's border on Tuesday.",
		"While the president travelled, the minister denied that the talks had failed.",
	}
	seen := map[string]bool{}
	for _, s := range out {
		seen[s] = true
	}
	for _, ex := range headExamples(t) {
		if s := ex.Mention.Sentence; !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// cacheMentions gives, for every sentence, a mention of every word token
// as the target (and of the first three tokens together), with tokens
// carrying ids of the Norms of tk; the mentions name n as their
// interner (nil: leave it unnamed).
func cacheMentions(sents []string, tk *segment.Tokenizer, n *segment.Norms, mask *tone.Mask) []Mention {
	var out []Mention
	for _, s := range sents {
		toks := tk.Tokenize(s, nil)
		for i, tok := range toks {
			if tok.Kind != segment.TokWord {
				continue
			}
			out = append(out, Mention{Sentence: s, Tokens: toks, Target: tok.Span, Mask: mask, Norms: n})
			if i == 0 && len(toks) > 3 {
				out = append(out, Mention{Sentence: s, Tokens: toks, Target: segment.Span{Start: 0, End: toks[2].Span.End}, Mask: mask, Norms: n})
			}
		}
	}
	return out
}

// sameResult reports whether two results are equal to the bit.
func sameResult(a, b Result) bool {
	if a.Class != b.Class || math.Float64bits(a.Score) != math.Float64bits(b.Score) {
		return false
	}
	for c := range numClasses {
		if math.Float64bits(a.Prob[c]) != math.Float64bits(b.Prob[c]) {
			return false
		}
	}
	return true
}

// TestWordCacheSameScores scores many mentions through the cache by id
// and by Norm and wants the same bits: with and without a mask, and with
// the mentions of two interners (which give the same words other ids)
// interleaved on one model and on one scratch.
func TestWordCacheSameScores(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := cacheSentences(t)
	// Interner b meets the words in another order than a: the same id
	// names different words in the two.
	na, nb := segment.NewNorms(), segment.NewNorms()
	ta, tb := segment.NewTokenizer(na), segment.NewTokenizer(nb)
	for i := len(sents) - 1; i >= 0; i-- {
		tb.Tokenize(strings.ToUpper(sents[i][len(sents[i])/2:])+" "+sents[i], nil)
	}
	differ := 0
	for _, s := range sents {
		for i, tok := range ta.Tokenize(s, nil) {
			if tok.ID != tb.Tokenize(s, nil)[i].ID {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Fatal("the two interners give the same ids: the test cannot tell them apart")
	}
	masks := []*tone.Mask{nil, tone.NewMask("governor", "illegal", "immig*", "not")}
	var sc scratch // one scratch for both interners, as a pooled one may be
	scored := 0
	for _, mask := range masks {
		plain := cacheMentions(sents, ta, nil, mask)
		byA := cacheMentions(sents, ta, na, mask)
		byB := cacheMentions(sents, tb, nb, mask)
		if len(plain) != len(byA) || len(plain) != len(byB) {
			t.Fatalf("%d, %d and %d mentions", len(plain), len(byA), len(byB))
		}
		for i := range plain {
			want := m.Score(&plain[i])
			for _, men := range []*Mention{&byA[i], &byB[i]} {
				if got := m.Score(men); !sameResult(got, want) {
					t.Fatalf("mask %v, %q toward %q (ids of interner %p): cached %+v, by Norm %+v",
						mask.Words(), men.Sentence, men.Sentence[men.Target.Start:men.Target.End], men.Norms, got, want)
				}
				if got := resultOf(m.linear(men, &sc)); !sameResult(got, m.LinearResult(&plain[i])) {
					t.Fatalf("mask %v, %q toward %q on one scratch (interner %p): %+v, want %+v",
						mask.Words(), men.Sentence, men.Sentence[men.Target.Start:men.Target.End], men.Norms, got, m.LinearResult(&plain[i]))
				}
				checkFacts(t, m.vec, men, sc.tf)
				scored++
			}
		}
	}
	t.Logf("%d sentences, %d mentions scored", len(sents), scored)
	if scored < 1000 {
		t.Errorf("only %d mentions scored", scored)
	}
	if len(sc.words[0].cells) == 0 || sc.words[0].norms == nil || len(sc.words[1].cells) == 0 || sc.words[1].norms == nil {
		t.Error("the scratch's cache was never filled: the test does not test it")
	}
}

// checkFacts compares the facts extract used for each token of men (tf)
// with what the string look-ups give for the token's Norm.
func checkFacts(t *testing.T, vec *Vectors, men *Mention, tf []wordFacts) {
	t.Helper()
	if len(tf) != len(men.Tokens) {
		t.Fatalf("%q: %d facts for %d tokens", men.Sentence, len(tf), len(men.Tokens))
	}
	for i, tok := range men.Tokens {
		w, f := tok.Norm, tf[i]
		v, ok := tone.WordValence(w)
		gv, gok := f.valence(w)
		stop := f.flags&fStop != 0 || f.flags&fNotStop == 0 && stopEN.Contains(w)
		if f.row != vec.lookup(w) || gok != ok || math.Float64bits(gv) != math.Float64bits(v) ||
			f.flags&fNegator != 0 != isNegator(w) || f.flags&fClause != 0 != isClauseWord(w) || stop != stopEN.Contains(w) {
			t.Fatalf("%q, token %q (id %d of %p): facts %+v, valence %v %v; want row %d, valence %v %v, negator %v, clause word %v, stop word %v",
				men.Sentence, w, tok.ID, men.Norms, f, gv, gok, vec.lookup(w), v, ok, isNegator(w), isClauseWord(w), stopEN.Contains(w))
		}
	}
}

// TestFactsOfValence checks that every word of VADER's lexicon keeps the
// very valence tone.WordValence gives, on the fast path (one decimal).
func TestFactsOfValence(t *testing.T) {
	raw, err := data.Asset("rawdata/vaderLexicon.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for line := range strings.Lines(string(raw)) {
		w, _, _ := strings.Cut(line, "\t")
		want, ok := tone.WordValence(w)
		if !ok {
			continue
		}
		n++
		f := factsOf(nil, w, true)
		got, gok := f.valence(w)
		if !gok || math.Float64bits(got) != math.Float64bits(want) || f.flags&fValence == 0 {
			t.Errorf("%q: valence %v (%v, flags %b), want %v", w, got, gok, f.flags, want)
		}
	}
	if n < 7000 {
		t.Fatalf("only %d lexicon words have a valence", n)
	}
	// The slow path asks tone by name.
	if v, ok := (wordFacts{flags: fKnown | fValenceSlow}).valence("good"); !ok || v != 1.9 {
		t.Errorf("slow path: %v %v", v, ok)
	}
	if _, ok := factsOf(nil, "qwxyzt", true).valence("qwxyzt"); ok {
		t.Error("a word outside the lexicon has a valence")
	}
}

// BenchmarkScoreCached scores the sentence of BenchmarkScore with its
// VADER score given, as compare gives it: "norm" with tokens without ids,
// "id" with tokens carrying ids of an interner the mention names (the
// word facts come from the cache).
func BenchmarkScoreCached(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	men := mention("The senator praised the relief package while the governor stalled it, aides said on Tuesday.", "governor")
	men.Compound, men.HasCompound = tone.VADER(men.Sentence).Compound, true
	b.Run("norm", func(b *testing.B) {
		for b.Loop() {
			m.Score(men)
		}
	})
	n := segment.NewNorms()
	ids := *men
	ids.Tokens, ids.Norms = segment.NewTokenizer(n).Tokenize(men.Sentence, nil), n
	b.Run("id", func(b *testing.B) {
		for b.Loop() {
			m.Score(&ids)
		}
	})
}

// TestPrecomputedHashes checks the feature hashes extract takes from
// tables against featureHash of their names.
func TestPrecomputedHashes(t *testing.T) {
	for d := 1; d <= 40; d++ {
		if got, want := hClauses[bucketIndex(d)], featureHash("S", "clauses"+distBucket(d)); got != want {
			t.Errorf("clauses at %d: %x, want %x", d, got, want)
		}
	}
	for k, name := range []string{"vC", "vO", "vL", "vR", "vD", "vCp", "vCn", "eC", "eO", "eL", "eR", "eD"} {
		if got, want := hValence[k], featureHash(name, ""); got != want {
			t.Errorf("valence %s: %x, want %x", name, got, want)
		}
	}
}

// TestWordCacheForeignIDs gives mentions whose tokens carry ids of a
// larger interner than the one they name: ids the named interner never
// gave are looked up by Norm and never grow the cache past its Len, and
// the scores are still the string path's. It also checks that a third
// interner takes the place of the one used less recently.
func TestWordCacheForeignIDs(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := cacheSentences(t)
	big := segment.NewNorms()
	bigTk := segment.NewTokenizer(big)
	for i := range 5000 {
		bigTk.Tokenize(fmt.Sprintf("filler%d word%d", i, i), nil)
	}
	small := segment.NewNorms()
	segment.NewTokenizer(small).Tokenize("a few words", nil)
	foreign := cacheMentions(sents[:3], bigTk, small, nil)
	plain := cacheMentions(sents[:3], segment.NewTokenizer(segment.NewNorms()), nil, nil)
	var sc scratch
	for i := range foreign {
		if got, want := resultOf(m.linear(&foreign[i], &sc)), m.LinearResult(&plain[i]); !sameResult(got, want) {
			t.Fatalf("mention %d: %+v with foreign ids, want %+v", i, got, want)
		}
	}
	if n := len(sc.words[sc.wordsLast].cells); n > small.Len() {
		t.Errorf("foreign ids grew the cache to %d cells; the interner has %d ids", n, small.Len())
	}
	// Three interners in turn: the third replaces the least recently used.
	var ns [3]*segment.Norms
	for k := range ns {
		ns[k] = segment.NewNorms()
		men := cacheMentions(sents[:1], segment.NewTokenizer(ns[k]), ns[k], nil)
		m.linear(&men[0], &sc)
	}
	if a, b := sc.words[0].norms, sc.words[1].norms; !(a == ns[2] && b == ns[1] || a == ns[1] && b == ns[2]) {
		t.Errorf("after three interners the caches hold %p and %p, want the last two %p and %p", a, b, ns[1], ns[2])
	}
}
