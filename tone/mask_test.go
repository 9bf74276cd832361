package tone

import (
	"math"
	"strings"
	"testing"
)

// Sentences of the AllSides immigration articles and the example.
// The reference values come from VADER itself on the sentence with the
// masked word deleted or replaced by a neutral word where that changes no
// distance (an independent route: no mask code involved).
func TestVADERMasked(t *testing.T) {
	illegal := NewMask("illegal")
	for _, c := range []struct {
		sentence, same string // same: a sentence VADER scores as the masked one should be
	}{
		{"The law covers illegal immigrants.", "The law covers undocumented immigrants."},
		{"The law covers ILLEGAL immigrants.", "The law covers UNDOCUMENTED immigrants."},
		{"Trump vowed to deport millions of illegal immigrants and build a wall.", "Trump vowed to deport millions of unauthorized immigrants and build a wall."},
		// a booster two words before a negative word: the distances stay
		{"They are very illegal and dangerous immigrants.", "They are very undocumented and dangerous immigrants."},
		{"Not illegal, but unwelcome.", "Not undocumented, but unwelcome."},
	} {
		got := VADERMasked(c.sentence, illegal).Compound
		want := VADER(c.same).Compound
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("VADERMasked(%q) = %v, want %v (VADER of %q)", c.sentence, got, want, c.same)
		}
		if plain := VADER(c.sentence).Compound; plain == got && c.sentence != c.same {
			t.Errorf("%q: masking changed nothing (%v)", c.sentence, plain)
		}
	}
	// The figures: "covers illegal immigrants" −0.5574 (reported
	// as −0.56), and 0 with "illegal" masked.
	if v := VADER("covers illegal immigrants").Compound; math.Abs(v-(-0.5574)) > 1e-4 {
		t.Errorf("VADER(covers illegal immigrants) = %v, want -0.5574", v)
	}
	if v := VADERMasked("covers illegal immigrants", illegal).Compound; v != 0 {
		t.Errorf("masked: %v, want 0", v)
	}
	// No mask, nil mask: VADER.
	s := "The illegal crossing was a disaster."
	if VADERMasked(s, nil) != VADER(s) || VADERMasked(s, NewMask()) != VADER(s) {
		t.Error("an empty mask changed the score")
	}
}

func TestMask(t *testing.T) {
	m := NewMask(" Illegal ", "alien*", "", "*")
	for w, want := range map[string]bool{"illegal": true, "ILLEGAL": true, "illegals": false, "aliens": true, "alien": true, "immigrant": false} {
		if m.Has(w) != want {
			t.Errorf("Has(%q) = %v", w, !want)
		}
	}
	if got := m.Words(); len(got) != 2 || got[0] != "alien*" || got[1] != "illegal" || m.Len() != 2 {
		t.Errorf("Words() = %v, Len %d", got, m.Len())
	}
	var nilMask *Mask
	if nilMask.Has("x") || nilMask.Len() != 0 || nilMask.Words() != nil {
		t.Error("nil mask")
	}
}

// TestMaskHasReference checks Has, with its shortcut on the first two
// bytes, against the plain definition (lower-case, then a whole entry or a
// prefix) on words of every shape: one byte, upper case, non-ASCII first
// or second bytes, a Kelvin sign that lower-cases to ASCII.
func TestMaskHasReference(t *testing.T) {
	entries := []string{"a", "Illegal", "alien*", "x*", "ém*", "éte", "ob", "kelvin", "İstanbul", "i̇z"}
	m := NewMask(entries...)
	ref := func(w string) bool {
		w = strings.ToLower(w)
		for _, e := range entries {
			e = strings.ToLower(e)
			if p, ok := strings.CutSuffix(e, "*"); ok && strings.HasPrefix(w, p) || e == w {
				return true
			}
		}
		return false
	}
	words := []string{"", "a", "A", "b", "ab", "illegal", "ILLEGAL", "Illegals", "aliens", "ALIENS", "alie", "x", "X", "xylophone",
		"ém", "Émile", "émile", "éte", "ÉTE", "ob", "OB", "o", "obama", "\u212aelvin", "kelvin", "KELVIN", "istanbul", "İstanbul", "i̇stanbul", "i̇z", "İz", "iz", "-a", "1x"}
	for _, w := range words {
		if got, want := m.Has(w), ref(w); got != want {
			t.Errorf("Has(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestWordValenceTable checks WordValence, read from VADER's word table,
// against the lexicon's map: every key with its valence, and words the
// table holds for other reasons (boosters, negations) or not at all absent.
func TestWordValenceTable(t *testing.T) {
	lex := vaderLexiconOnce()
	for w, want := range lex.valence {
		if got, ok := WordValence(w); !ok || got != want {
			t.Fatalf("WordValence(%q) = %v, %v; want %v", w, got, ok, want)
		}
	}
	for _, w := range []string{"very", "extremely", "not", "isn't", "the", "", "unknownword", "a-very-long-word-beyond-sixteen-bytes"} {
		_, want := lex.valence[w]
		if _, ok := WordValence(w); ok != want {
			t.Errorf("WordValence(%q): found %v, want %v", w, ok, want)
		}
	}
}

// TestMaskKey checks that masks with the same entries share a key and
// masks with others do not.
func TestMaskKey(t *testing.T) {
	a, b := NewMask("illegal", "alien*"), NewMask(" Alien* ", "ILLEGAL")
	if a.Key() != b.Key() || a.Key() == 0 {
		t.Errorf("same entries: keys %x %x", a.Key(), b.Key())
	}
	for _, o := range []*Mask{NewMask("illegal"), NewMask("illegal", "alien"), NewMask("illegal", "aliens*"), NewMask("illegalalien*")} {
		if o.Key() == a.Key() {
			t.Errorf("mask %v shares the key of %v", o.Words(), a.Words())
		}
	}
	var nilMask *Mask
	if nilMask.Key() != 0 || NewMask().Key() != 0 {
		t.Error("empty masks: key not 0")
	}
}
