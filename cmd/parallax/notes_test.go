package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"parallax/analysis/report"
	"parallax/lexicons"
)

// A note explains a column when it names it, in snake_case, at the start
// of the note, of a sentence ("…. name: …"), of a clause ("…; name: …") or
// of a bracket ("(name: …"), followed by a colon ("name: what it is"; a
// list "a, b: what they are"), or at the start of the note, a sentence or
// a clause followed by an equals sign ("name = formula").
// "flag small: …" explains the flag column.
var (
	noteColon  = regexp.MustCompile(`(?:^|[.;] |\()([a-z][a-z0-9_]*(?:, [a-z][a-z0-9_]*)*): `)
	noteEquals = regexp.MustCompile(`(?:^|[.;] )([a-z][a-z0-9_]*) = `)
)

// explained returns the columns the notes explain.
func explained(notes []string) map[string]bool {
	names := map[string]bool{}
	for _, n := range notes {
		for _, m := range noteColon.FindAllStringSubmatch(n, -1) {
			for _, name := range strings.Split(m[1], ", ") {
				names[name] = true
			}
		}
		for _, m := range noteEquals.FindAllStringSubmatch(n, -1) {
			names[m[1]] = true
		}
		if strings.Contains(n, "flag small: ") {
			names["flag"] = true
		}
	}
	return names
}

// selfExplained are columns whose name says what they hold: identifiers,
// the text itself, the row's key.
var selfExplained = []string{"group", "doc", "sentence", "event", "name", "referent", "label", "actor", "speaker",
	"title", "date", "url", "rank", "term", "text", "passage", "left", "match", "right", "instrument",
	"instrument_a", "instrument_b", "group_a", "group_b", "origin", "what", "reason", "file", "line", "rule", "category", "phrase",
	"docs", "count", "sentences", "articles", "kind", "version", "source", "license", "description", "format",
	"95% interval", "stance 95% interval", "distinctive terms, strongest first", "labels used (share; scare = in scare quotes, quoted = inside quotations)"}

// TestNotesExplainColumns checks, for every table every command prints
// (display and tidy form), that each column a note explains is a column of
// that table — a note must not explain what the reader cannot see — and
// that each column is explained by a note, unless its name says what it
// holds (selfExplained) or it is data (a group or category of a matrix, a
// passage_N of the side-by-side table). Notes are shown under the display
// table in the terminal and in JSON beside the tidy table.
func TestNotesExplainColumns(t *testing.T) {
	data := map[string]bool{}
	for _, p := range lexicons.Packs() {
		lx, err := lexicons.Resolve(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range lx.Keys() {
			data[k] = true
		}
	}
	for _, args := range columnCases {
		var captured *report.Report
		var out strings.Builder
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, capture: func(r *report.Report) { captured = r }}
		if code := runEnv(args, e); code != 0 || captured == nil {
			t.Fatalf("parallax %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
		}
		for _, s := range captured.Sections {
			for _, tb := range []*report.Table{s.Display, s.Tidy} {
				if tb == nil {
					continue
				}
				// The values of the table's text cells: group names (columns
				// of a matrix), instruments a note explains ("vader: …").
				values := map[string]bool{}
				for row := range tb.AllRows() {
					for _, v := range row {
						if v.Kind == report.KindString {
							values[v.Str] = true
						}
					}
				}
				ex := explained(tb.Notes)
				for name := range ex {
					if !slices.Contains(tb.Columns, name) && !values[name] {
						t.Errorf("parallax %s, table %s %v: a note explains %q, which is not a column", strings.Join(args, " "), tb.Name, tb.Columns, name)
					}
				}
				for _, c := range tb.Columns {
					if ex[c] || slices.Contains(selfExplained, c) || data[c] || values[c] || strings.HasPrefix(c, "passage_") || tb.Name == "similarity" {
						continue
					}
					t.Errorf("parallax %s, table %s: no note explains column %q", strings.Join(args, " "), tb.Name, c)
				}
			}
		}
	}
}

func TestExplained(t *testing.T) {
	got := explained([]string{"words: word tokens; terms: the rest. tone_low, tone_high: bounds (unit: what). share = a / b; flag small: few. Of the note: not a column"})
	want := []string{"flag", "share", "terms", "tone_high", "tone_low", "unit", "words"}
	var names []string
	for n := range got {
		names = append(names, n)
	}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("explained = %v, want %v", names, want)
	}
}
