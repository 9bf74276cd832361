package lexicons

import (
	"slices"
	"strings"
	"testing"
)

func TestUnscored(t *testing.T) {
	src := `name: imm
kind: labels
labels:
  immigrants:
    illegal immigrants: [illegal immigrant*, illegal aliens, illegals]
    undocumented immigrants: [undocumented immigrant*]
    not guilty: [not guilty]
unscored:
  immigrants: [Criminal, alien*]
`
	lx, err := Parse("imm.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := lx.Unscored["immigrants"]; !slices.Equal(got, []string{"criminal", "alien*"}) {
		t.Errorf("Unscored = %v", got)
	}
	stop := func(w string) bool { return w == "not" }
	frames, err := Parse("f.yaml", []byte("name: f\nkind: categories\ncategories:\n  legality: [illegal*, law]\nunscored:\n  legality: [illegal*]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := UnscoredWords(lx, stop, frames, nil)
	want := []string{"alien*", "aliens", "criminal", "guilty", "illegal", "illegal*", "illegals", "immigrant*", "undocumented"}
	if !slices.Equal(got, want) {
		t.Errorf("UnscoredWords = %v, want %v", got, want)
	}
	if got := UnscoredWords(nil, nil, frames); !slices.Equal(got, []string{"illegal*"}) {
		t.Errorf("frames only: %v", got)
	}
	// The frames pack declares the legality words.
	fr, err := Resolve("frames")
	if err != nil {
		t.Fatal(err)
	}
	if got := UnscoredWords(nil, nil, fr); !slices.Contains(got, "illegal*") {
		t.Errorf("frames pack: unscored %v lacks illegal*", got)
	}
}

func TestUnscoredErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"unscored:\n  nope: [x]\n", `8: unscored "nope": no such category in the lexicon (want one of legality)`},
		{"unscored:\n  legality: [two words]\n", `8: unscored "legality": "two words": want one word`},
		{"unscored:\n  legality: [\"*\"]\n", `8: unscored "legality": "*": empty word`},
		{"unscored: [x]\n", `7: unscored: want a mapping`},
		{"unscored:\n  legality: {a: b}\n", `8: unscored "legality": want a list of words, got a mapping`},
	} {
		src := "name: f\nkind: categories\ncategories:\n  legality: [illegal*, law]\n\n\n" + c.body
		_, err := Parse("f.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.body, err, c.want)
		}
	}
}
