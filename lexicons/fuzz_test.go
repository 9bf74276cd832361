package lexicons

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The lexicon fuzz targets parse arbitrary bytes in each format and check
// what must hold for every input: a parse either returns a lexicon or an
// ErrorList, never both; every error names the file and a line inside the
// file (0 for the file as a whole), sorted; every entry has a normalised
// pattern (NormalizePattern gives it back unchanged), a line of the file,
// a key where the kind needs one and a finite score for valence; no pattern
// repeats under one key.

// lexiconSeeds adds the files matching the globs (relative to the package).
func lexiconSeeds(f *testing.F, globs []string, extra ...string) {
	for _, g := range globs {
		names, err := filepath.Glob(g)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// checkParse checks the result of parsing data as file in format.
func checkParse(t *testing.T, file, format string, data []byte, lx *Lexicon, err error) {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := bytes.Count(data, []byte{'\n'}) + 1
	if err != nil {
		if lx != nil {
			t.Errorf("both a lexicon and an error: %v", err)
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %v is not a non-empty ErrorList", err)
		}
		for i, e := range list {
			if e.File != file || e.Line < 0 || e.Line > lines || e.Msg == "" {
				t.Errorf("error %q: want file %s, a line in 0..%d and a message", e, file, lines)
			}
			if !utf8.ValidString(e.Msg) {
				t.Errorf("error %q is invalid UTF-8", e.Msg)
			}
			if i > 0 && (list[i-1].Line > e.Line) {
				t.Errorf("errors not sorted by line: %v before %v", list[i-1], e)
			}
		}
		if !strings.HasPrefix(err.Error(), file) {
			t.Errorf("error %q does not begin with the file", err)
		}
		return
	}
	if lx == nil {
		t.Fatal("no lexicon and no error")
	}
	if lx.File != file || lx.Format != format || !isKind(lx.Kind) || strings.TrimSpace(lx.Name) == "" {
		t.Errorf("header: file %q format %q kind %q name %q", lx.File, lx.Format, lx.Kind, lx.Name)
	}
	if len(lx.Entries) == 0 && lx.Kind != KindEvents {
		t.Errorf("a %s lexicon without entries", lx.Kind)
	}
	type keyPat struct{ key, label, pattern string }
	seen := map[keyPat]int{}
	for _, e := range lx.Entries {
		norm, err := NormalizePattern(e.Pattern)
		if err != nil || norm != e.Pattern {
			t.Errorf("pattern %q (line %d) is not normalised: %q, %v", e.Pattern, e.Line, norm, err)
		}
		if strings.ToLower(e.Pattern) != e.Pattern || strings.Contains(e.Pattern, "  ") || strings.TrimSpace(e.Pattern) != e.Pattern {
			t.Errorf("pattern %q is not lower case with single spaces", e.Pattern)
		}
		if e.Line < 1 || e.Line > lines {
			t.Errorf("pattern %q on line %d of a file of %d lines", e.Pattern, e.Line, lines)
		}
		switch lx.Kind {
		case KindValence:
			if e.Key != "" || math.IsNaN(e.Score) || math.IsInf(e.Score, 0) {
				t.Errorf("valence entry %+v: want no key and a finite score", e)
			}
		default:
			if strings.TrimSpace(e.Key) == "" || e.Score != 0 {
				t.Errorf("%s entry %+v: want a key and no score", lx.Kind, e)
			}
		}
		if (lx.Kind == KindLabels) != (e.Label != "") {
			t.Errorf("%s entry %+v: a label only for kind labels", lx.Kind, e)
		}
		k := keyPat{e.Key, e.Label, e.Pattern}
		if first, dup := seen[k]; dup {
			t.Errorf("pattern %q under %q on lines %d and %d", e.Pattern, e.Key, first, e.Line)
		}
		seen[k] = e.Line
	}
	for _, ev := range lx.Events {
		if ev.ID == "" || ev.Line < 1 || ev.Line > lines {
			t.Errorf("event %+v", ev)
		}
		for _, d := range ev.Dates {
			if d.To.Before(d.From) {
				t.Errorf("event %s: interval %s ends before it begins", ev.ID, d)
			}
		}
	}
}

// FuzzParseNative parses native YAML lexicons of every kind.
func FuzzParseNative(f *testing.F) {
	lexiconSeeds(f, []string{"packs/*.yaml", "testdata/*.yaml"},
		"name: x\nkind: categories\ncategories:\n  a: [peace, talks\n  b: [war]\n",
		"name: x\nkind: categories\ncategories:\n\ta: [peace]\n",
		"name: x\nkind: valence\nvalence:\n  good: 1e400\n  \"bad\": -.5\n  ’twas: 1\n",
		"name: x\nkind: labels\nlabels:\n  r:\n    A: [\"*stan\", anti-terror*]\n",
		"name: x\nkind: events\nevents:\n  e:\n    dates: [2023-09-20/2023-09-19]\n    cues: [x]\n",
		"name: &a x\nkind: *a\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		lx, err := ParseNative("f.yaml", data)
		checkParse(t, "f.yaml", FormatNative, data, lx, err)
	})
}

// FuzzParseLIWC parses LIWC dictionaries.
func FuzzParseLIWC(f *testing.F) {
	lexiconSeeds(f, []string{"testdata/*.dic"},
		"%\n1\tposemo\n2\tnegemo\n%\ngood\t1\nbad\t2 01\nkind of\t1\n",
		"%\n01 posemo\n%\nhate*\t(02 134)125/464\n",
		"%\r\n1\tposemo\r\n%\r\ngood 1\r\n%\r\n",
		"\xef\xbb\xbf%\n1\tx\n%\ncaf\xe9\t1\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		lx, err := ParseLIWC("f.dic", data)
		checkParse(t, "f.dic", FormatLIWC, data, lx, err)
	})
}

// FuzzParseQuanteda parses quanteda YAML dictionaries.
func FuzzParseQuanteda(f *testing.F) {
	lexiconSeeds(f, []string{"testdata/*.yml"},
		"economy: [tax*, budget]\npolitics:\n  domestic: [election*]\n  foreign: diplomat*\n",
		"kind: [a, b]\n",
		"a:\n  b:\n    c: []\n",
		"? [a]\n: b\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		lx, err := ParseQuanteda("f.yml", data)
		checkParse(t, "f.yml", FormatQuanteda, data, lx, err)
	})
}

// FuzzParseCSV parses CSV valence lexicons.
func FuzzParseCSV(f *testing.F) {
	lexiconSeeds(f, []string{"testdata/*.csv"},
		"pattern,score\ngood,1.5\nterribl*,-2\n# a comment\n\"well done\",2.1\n",
		"good,NaN\nbad,\"-2\n",
		" good , 1\ngood,2\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		lx, err := ParseCSV("f.csv", data)
		checkParse(t, "f.csv", FormatCSV, data, lx, err)
	})
}
