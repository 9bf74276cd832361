package lexicons

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// entryList formats entries as "line key|label|pattern|score" for compact
// comparison.
func entryList(es []Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprintf("%d %s|%s|%s|%g", e.Line, e.Key, e.Label, e.Pattern, e.Score)
	}
	return out
}

// TestLoadFormats loads a realistic fixture of every kind and format and
// checks header and entries, with the lines of the fixtures.
func TestLoadFormats(t *testing.T) {
	for _, tc := range []struct {
		file                          string
		format, name, version, licens string
		kind                          Kind
		entries                       []string
	}{
		{"frames.yaml", FormatNative, "frames-sample", "1.2", "CC0-1.0", KindCategories, []string{
			"10 economic||econom*|0", "11 economic||trade|0", "12 economic||gas pipeline|0", "13 economic||sanction*|0",
			"15 security||troops|0", "16 security||cease-fire|0", "17 security||military operation|0", "18 security||shell?ng|0",
			// A flow list is one line; "Displaced" is lower-cased and the
			// double space in "Red  Cross" collapsed.
			"19 humanitarian||refugee*|0", "19 humanitarian||humanitarian corridor|0", "19 humanitarian||displaced|0", "19 humanitarian||red cross|0",
			// The curly apostrophe of "won’t" is straightened.
			"21 diplomacy||negotiat*|0", "22 diplomacy||peace talks|0", "23 diplomacy||won't compromise|0",
		}},
		{"tone.yaml", FormatNative, "tone-sample", "2", "", KindValence, []string{
			"5 ||good|1.9", "6 ||good*|1", "7 ||terribl*|-2.5", "8 ||well done|2.1", "9 ||peace|1.5", "10 ||war|-2.9",
		}},
		{"actors.yaml", FormatNative, "actors-sample", "0.1", "CC0-1.0", KindActors, []string{
			"7 Azerbaijan||azerbaijan|0", "7 Azerbaijan||baku|0", "7 Azerbaijan||azerbaijani government|0",
			"9 Armenia||armenia|0", "10 Armenia||yerevan|0", "11 Ilham Aliyev||aliyev|0",
		}},
		{"labels.yaml", FormatNative, "labels-sample", "0.1", "", KindLabels, []string{
			"6 the region|Artsakh|artsakh|0", "6 the region|Artsakh|republic of artsakh|0",
			"7 the region|Nagorno-Karabakh|nagorno-karabakh|0", "7 the region|Nagorno-Karabakh|karabakh|0",
			"9 the 2023 operation|anti-terrorist measures|anti-terror*|0",
			"10 the 2023 operation|offensive|offensive|0", "10 the 2023 operation|offensive|military operation|0",
		}},
		{"events.yaml", FormatNative, "events-sample", "0.1", "", KindEvents, []string{
			"8 offensive-2023||offensive|0", "8 offensive-2023||lightning operation|0", "8 offensive-2023||anti-terror*|0",
			"12 exodus-2023||exodus|0", "13 exodus-2023||fled|0",
		}},
		// "friend*" and "enem*" are in two categories each; "03" is category 3.
		{"liwc.dic", FormatLIWC, "liwc", "", "", KindCategories, []string{
			"6 posemo||good|0", "7 negemo||hate*|0", "8 posemo||friend*|0", "8 social||friend*|0",
			"9 posemo||kind of|0", "10 social||talk|0", "11 negemo||enem*|0", "11 social||enem*|0",
		}},
		{"quanteda.yml", FormatQuanteda, "quanteda", "", "", KindCategories, []string{
			"3 economy||tax*|0", "4 economy||budget|0", "7 politics/domestic||election*|0", "8 politics/domestic||parliament|0",
			"9 politics/foreign||diplomat*|0", "9 politics/foreign||united nations|0", "10 conflict||war|0",
		}},
		{"valence.csv", FormatCSV, "valence", "", "", KindValence, []string{
			"3 ||good|1.9", "4 ||terribl*|-2.5", "5 ||well done|2.1", "6 ||ceasefire|0.5",
		}},
	} {
		path := filepath.Join("testdata", tc.file)
		lx, err := Load(path)
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if lx.Format != tc.format || lx.Name != tc.name || lx.Version != tc.version || lx.License != tc.licens || lx.Kind != tc.kind || lx.File != path {
			t.Errorf("%s: header %q %q %q %q %q %q, want %q %q %q %q %q %q", tc.file,
				lx.Format, lx.Name, lx.Version, lx.License, lx.Kind, lx.File,
				tc.format, tc.name, tc.version, tc.licens, tc.kind, path)
		}
		if got := entryList(lx.Entries); !reflect.DeepEqual(got, tc.entries) {
			t.Errorf("%s: entries\n got %q\nwant %q", tc.file, got, tc.entries)
		}
	}
}

// TestEvents checks the events' names, dates and lines.
func TestEvents(t *testing.T) {
	lx, err := Load("testdata/events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range lx.Events {
		got = append(got, fmt.Sprintf("%d %s %q %v", ev.Line, ev.ID, ev.Name, ev.Dates))
	}
	want := []string{
		`5 offensive-2023 "September 2023 offensive" [2023-09-19 2023-09-19/2023-09-20]`,
		// No name: the identifier; a single interval without a list.
		`9 exodus-2023 "exodus-2023" [2023-09-24/2023-09-30]`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events\n got %q\nwant %q", got, want)
	}
	if ev := lx.Event("exodus-2023"); ev == nil || ev.Dates[0].To.Sub(ev.Dates[0].From).Hours() != 6*24 {
		t.Errorf("Event(exodus-2023) = %+v, want 2023-09-24 to 2023-09-30 (6 days apart)", ev)
	}
	if keys := lx.Keys(); !reflect.DeepEqual(keys, []string{"offensive-2023", "exodus-2023"}) {
		t.Errorf("Keys() = %q", keys)
	}
}

// TestBrokenFiles checks that every error of a broken file is reported with
// its place, sorted, and that the error's message is the first one with the
// count of the others.
func TestBrokenFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"broken.yaml", []string{
			`2: version: want a string, got a list`,
			`4: unknown key "licence" (want name, version, description, source, license, kind, unscored, context or the section named by kind)`,
			`6: category "economic" has no patterns`,
			`9: category "security": duplicate pattern "troops" (first at line 8)`,
			`10: category "security": pattern "#artsakh" can never match a token: '#' is punctuation, which no word token contains`,
			`11: category "security": pattern "**ing" holds "**": write a single '*'`,
			`12: category "security": pattern "[ab]c" uses unsupported glob syntax '[': only * and ? are supported`,
			`14: category "humanitarian": want a list of patterns, got a mapping`,
			`15: categories: duplicate "security" (first at line 7)`,
		}},
		{"broken_valence.yaml", []string{
			`4: score of "good": want a finite number, got "high"`,
			`5: valence: duplicate pattern "good" (first at line 4)`,
			`6: valence: pattern "* *": word "*" would match every token: give some letters`,
			`7: score of "bad": want a number, got a list`,
		}},
		{"broken_events.yaml", []string{
			`4: event "e1" has no cues`,
			`6: event "e1": bad date "2023-09-31": want 2006-01-02 or 2006-01-02/2006-01-05`,
			`6: event "e1": bad interval "2023-09-20/2023-09-19": ends before it begins`,
			`7: event "e1": unknown key "cue" (want name, dates, cues)`,
			`8: event "e2": want a mapping, got a list`,
		}},
		{"broken_quanteda.yml", []string{
			`3: category "economy": duplicate pattern "tax*" (first at line 2)`,
			`5: category "politics/domestic" has no patterns`,
			`6: category "politics/foreign" is empty`,
		}},
		{"broken.dic", []string{
			`4: duplicate category number 2 (first at line 3)`,
			`5: category "unused" has no words`,
			`8: word "bad": unknown category number 9`,
			`9: word "like": conditional categories "(02 134)125/464" are not supported: write plain category numbers`,
			`10: category "posemo": duplicate pattern "good" (first at line 7)`,
			`11: word "happy" has no categories`,
			`12: pattern ":)" can never match a token: no letter, digit or wildcard`,
		}},
		{"broken.csv", []string{
			`3: want 2 fields pattern,score, got 1`,
			`4: score of "nice": want a finite number, got "great"`,
			`5: duplicate pattern "good" (first at line 2)`,
			`6: unbalanced quotes: extraneous or missing " in quoted-field`,
		}},
	} {
		path := filepath.Join("testdata", tc.file)
		_, err := Load(path)
		var list ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%s: error %v (%T), want an ErrorList", tc.file, err, err)
			continue
		}
		var got []string
		for _, e := range list {
			got = append(got, strings.TrimPrefix(e.Error(), path+":"))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: errors\n got %q\nwant %q", tc.file, got, tc.want)
			continue
		}
		if msg, want := err.Error(), fmt.Sprintf("%s:%s (and %d more errors)", path, tc.want[0], len(tc.want)-1); msg != want {
			t.Errorf("%s: message %q, want %q", tc.file, msg, want)
		}
	}
}

// TestParseErrors checks single errors of the header, the kind and the
// YAML syntax, and the choice of format.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, data, want string
	}{
		{"missing name", "x.yaml", "kind: actors\nactors:\n  a: [b]\n", "x.yaml: missing name"},
		{"empty name", "x.yaml", "name: ''\nkind: actors\nactors:\n  a: [b]\n", "x.yaml:1: name is empty"},
		{"unknown kind", "x.yaml", "name: x\nkind: frames\nframes:\n  a: [b]\n",
			`x.yaml:2: unknown kind "frames" (want categories, valence, actors, labels, events) (and 1 more errors)`},
		{"missing section", "x.yaml", "name: x\nkind: actors\n", `x.yaml:2: missing section "actors" for kind actors`},
		{"section of another kind", "x.yaml", "name: x\nkind: actors\ncategories:\n  a: [b]\n",
			`x.yaml:3: section "categories" does not match kind actors (want "actors")`},
		{"kind not a string", "x.yaml", "name: x\nkind: [actors]\nactors:\n  a: [b]\n",
			`x.yaml:2: kind: want a string, got a list`},
		{"empty kind", "x.yaml", "name: x\nkind: ''\nactors:\n  a: [b]\n",
			`x.yaml:2: unknown kind "" (want categories, valence, actors, labels, events)`},
		{"quanteda dictionary in a .yaml file", "x.yaml", "name: [x]\nactors: [y]\n", ""},
		{"syntax error", "x.yaml", "name: x\nkind: actors\nactors:\n  a: [b\n",
			`x.yaml:4: did not find expected ',' or ']' (is a [ list or { mapping left open?)`},
		{"tab indentation", "x.yaml", "name: x\nkind: actors\nactors:\n\ta: [b]\n",
			`x.yaml:4: found character that cannot start any token (YAML indents with spaces, not tabs)`},
		{"question mark in a flow list", "x.yaml", "name: x\nkind: actors\nactors:\n  a: [b, shell?ng]\n",
			`x.yaml:4: did not find expected ',' or ']' (a pattern holding '?' inside [ ] needs quotes: "shell?ng")`},
		{"initial star unquoted", "x.yaml", "name: x\nkind: actors\nactors:\n  a:\n    - b\n    - *stan\n",
			`x.yaml:6: unknown anchor 'stan' referenced: a pattern beginning with '*' needs quotes ("*stan")`},
		{"scanner error", "x.yaml", "name: x\nkind: actors\nactors:\n  a: b: c\n", "x.yaml:4: mapping values are not allowed in this context"},
		// The parser finds the sequence unclosed at the end of the file.
		{"parser error at the end", "x.yaml", "[a, b\n", `x.yaml:2: did not find expected ',' or ']' (is a [ list or { mapping left open?)`},
		{"empty section", "x.yaml", "name: x\nkind: labels\nlabels: {}\n", "x.yaml:3: labels is empty"},
		{"labels not nested", "x.yaml", "name: x\nkind: labels\nlabels:\n  region: [karabakh]\n",
			`x.yaml:4: referent "region": want a mapping, got a list`},
		{"not a mapping", "x.yaml", "- a\n- b\n", "x.yaml:1: want a mapping of keys at the top level, got a list"},
		{"empty file", "x.yml", "# nothing\n", "x.yml: empty lexicon"},
		{"invalid UTF-8", "x.yaml", "name: x\nkind: actors\nactors:\n  a: [\xff]\n", "x.yaml:4: invalid UTF-8"},
		{"unknown extension", "x.txt", "good,1\n", `x.txt: unknown lexicon format ".txt": want .yaml, .yml, .dic or .csv`},
		{"dic without header", "x.dic", "good\t1\n", `x.dic:1: want '%' to open the category header, got "good\t1"`},
		{"dic header not closed", "x.dic", "%\n1\tposemo\n", `x.dic:3: the category header is not closed by a '%' line`},
		{"csv empty", "x.csv", "pattern,score\n", "x.csv: no pattern,score rows"},
		{"csv infinite score", "x.csv", "good,Inf\n", `x.csv:1: score of "good": want a finite number, got "Inf"`},
		{"phrase with punctuation", "x.csv", "now ,,1\n", `x.csv:1: want 2 fields pattern,score, got 3`},
		{"phrase word with punctuation", "x.csv", "\"right now !\",1\n", `x.csv:1: pattern "right now !": word "!" can never match a token: no letter, digit or wildcard`},
		{"hyphen at the edge", "x.csv", "anti-,1\n", `x.csv:1: pattern "anti-" can never match a token: '-' at the edge of a word`},
		{"doubled hyphen", "x.csv", "cease--fire,1\n", `x.csv:1: pattern "cease--fire" can never match a token: '-' next to '-'`},
	} {
		lx, err := Parse(tc.file, []byte(tc.data))
		if tc.want == "" {
			// Without a kind key, a YAML file is a quanteda dictionary.
			if err != nil || lx.Format != FormatQuanteda || len(lx.Entries) != 2 {
				t.Errorf("%s: %+v, %v; want a quanteda dictionary of 2 entries", tc.name, lx, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error, want %q", tc.name, tc.want)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%s: error\n got %q\nwant %q", tc.name, err, tc.want)
		}
	}
}

// TestNormalizePattern checks the normal form of valid patterns.
func TestNormalizePattern(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Nagorno‐Karabakh", "nagorno-karabakh"}, // U+2010 hyphen
		{"  UNITED\tStates ", "united states"},
		{"DON’T", "don't"},
		{"Aliyevʼs*", "aliyev's*"},
		{"U.S.", "u.s."},
		{"shell?ng", "shell?ng"},
		{"İSTANBUL", strings.ToLower("İSTANBUL")},
		{"anti-*", "anti-*"},
		{"?", "?"},
	} {
		got, err := NormalizePattern(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NormalizePattern(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestParseEdgeFormats: a byte order mark does not break a LIWC or CSV file,
// and a quanteda dictionary with a category called "kind" stays quanteda.
func TestParseEdgeFormats(t *testing.T) {
	bom := "\xef\xbb\xbf"
	dic, err := Parse("bom.dic", []byte(bom+"%\n1\tpeace\n%\ntalks\t1\n"))
	if err != nil || len(dic.Entries) != 1 || dic.Entries[0].Key != "peace" {
		t.Errorf("LIWC with BOM: %v, %+v", err, dic)
	}
	csv, err := Parse("bom.csv", []byte(bom+"pattern,score\ngood,2\n"))
	if err != nil || len(csv.Entries) != 1 || csv.Entries[0].Score != 2 {
		t.Errorf("CSV with BOM: %v, %+v", err, csv)
	}
	q, err := Parse("q.yml", []byte("kind:\n  - gentle\nharsh:\n  - cruel*\n"))
	if err != nil || q.Format != FormatQuanteda || len(q.Entries) != 2 {
		t.Errorf("quanteda with a category named kind: %v, %+v", err, q)
	}
}
