package lexicons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmbeddedStopWords(t *testing.T) {
	s, err := LoadStopWords("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		words []string
		want  bool
	}{
		{"function words", []string{"the", "and", "don't", "it's", "of"}, true},
		// Version 2: initials ("Onnik J. Krikorian") must not rank as terms.
		{"single letters", strings.Split("abcdefghijklmnopqrstuvwxyz", ""), true},
		// Framing-bearing content words must never be stop words.
		{"content words", []string{"said", "war", "government", "people", "separatist", "terrorist"}, false},
		{"acronyms and pairs of letters", []string{"u.s.", "u.n.", "eu", "uk"}, false},
	} {
		for _, w := range tc.words {
			if s.Contains(w) != tc.want {
				t.Errorf("%s: en stop words contain %q: %v, want %v", tc.name, w, !tc.want, tc.want)
			}
		}
	}
	if got := StopWordLists(); len(got) != 1 || got[0] != "en" {
		t.Errorf("StopWordLists() = %v, want [en]", got)
	}
	none, err := LoadStopWords("none")
	if err != nil || none.Len() != 0 || none.Contains("the") {
		t.Errorf("none: %v, len %d", err, none.Len())
	}
}

func TestUserStopWords(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("# mine\nThe\nDon’t\n\n  azerbaijan  \n"), 0o644)
	s, err := LoadStopWords(good)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Words(), ","); got != "azerbaijan,don't,the" {
		t.Errorf("words = %s", got)
	}
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("ok\ntwo words\n\xff\n"), 0o644)
	_, err = LoadStopWords(bad)
	if err == nil || !strings.Contains(err.Error(), "bad.txt:2:") || !strings.Contains(err.Error(), "and 1 more errors") {
		t.Errorf("bad file error = %v, want bad.txt:2: … (and 1 more errors)", err)
	}
	_, err = LoadStopWords(filepath.Join(dir, "missing.txt"))
	if err == nil || !strings.Contains(err.Error(), "not an embedded list") {
		t.Errorf("missing file error = %v", err)
	}
}

func TestStopWordsHash(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("the\nof\n"), 0o644)
	os.WriteFile(b, []byte("# same words, other order and case\nOF\nthe\n"), 0o644)
	sa, _ := LoadStopWords(a)
	sb, _ := LoadStopWords(b)
	// sha256("of\nthe\n") = dc1ab8e70aca…: checked with sha256sum.
	if sa.Hash() != sb.Hash() || sa.Hash() != "dc1ab8e70aca" {
		t.Errorf("hashes %s %s, want both dc1ab8e70aca", sa.Hash(), sb.Hash())
	}
	none, _ := LoadStopWords("none")
	if none.Hash() == sa.Hash() {
		t.Error("empty list hashes like a non-empty one")
	}
}
