package lexicons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtendStopWords(t *testing.T) {
	dir := t.TempDir()
	extra := filepath.Join(dir, "outlets.txt")
	os.WriteFile(extra, []byte("# outlet names\nReuters\ncnn\nthe\n"), 0o644)
	s, err := LoadStopWords("+" + extra)
	if err != nil {
		t.Fatal(err)
	}
	en, err := LoadStopWords("en")
	if err != nil {
		t.Fatal(err)
	}
	// Independently: the built-in list written out with the two new words,
	// read as a replacing file, must be the same list.
	whole := filepath.Join(dir, "whole.txt")
	os.WriteFile(whole, []byte(strings.Join(en.Words(), "\n")+"\nreuters\ncnn\n"), 0o644)
	want, err := LoadStopWords(whole)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != en.Len()+2 || s.Hash() != want.Hash() {
		t.Errorf("+FILE: %d words (hash %s), want %d (hash %s)", s.Len(), s.Hash(), en.Len()+2, want.Hash())
	}
	for _, w := range []string{"the", "and", "reuters", "cnn"} {
		if !s.Contains(w) {
			t.Errorf("+FILE does not contain %q", w)
		}
	}
	if s.Name != "en+"+extra {
		t.Errorf("name %q", s.Name)
	}
	// FILE alone still replaces the list.
	r, err := LoadStopWords(extra)
	if err != nil || r.Len() != 3 || r.Contains("and") {
		t.Errorf("FILE replaces: %v, %d words", err, r.Len())
	}
	// The built-in list is not changed by the addition.
	if again, _ := LoadStopWords("en"); again.Contains("reuters") {
		t.Error("+FILE changed the built-in list")
	}
	for _, c := range []struct{ spec, want string }{
		{"+" + filepath.Join(dir, "missing.txt"), "missing.txt\": cannot read the file of words to add"},
		{"+", "name the file"},
	} {
		if _, err := LoadStopWords(c.spec); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to say %q", c.spec, err, c.want)
		}
	}
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("ok\ntwo words\n"), 0o644)
	if _, err := LoadStopWords("+" + bad); err == nil || !strings.Contains(err.Error(), "bad.txt:2:") {
		t.Errorf("+bad file: error %v, want bad.txt:2:", err)
	}
}
