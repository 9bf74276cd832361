package main

import (
	"errors"
	"fmt"
	"strings"

	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/lexicons"
)

func init() {
	register(&command{name: "lexicons", args: "[check FILE...]", run: runLexicons,
		summary: "Lists the embedded lexicon packs with version, source, licence and content hash; 'check FILE…'\nvalidates lexicon files (native YAML, LIWC .dic, quanteda YAML, CSV pattern,score) and prints every\nproblem as file:line: message. Formats: docs/lexicons.md.",
		example: "parallax lexicons check my-frames.yaml"})
}

func runLexicons(c *command, args []string, e *env) error {
	fs := c.flagSet(e, nil)
	format := fs.String("format", "table", "output format: table, markdown, csv, json, latex")
	width := fs.Int("width", report.DefaultWidth, fmt.Sprintf("widest text table in columns, at least %d; longer cells are cut with …", report.MinWidth))
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		return usageError{err}
	}
	var sec report.Section
	switch {
	case len(pos) == 0:
		sec = packsSection()
	case pos[0] == "check":
		if len(pos) == 1 {
			return usagef("lexicons check needs at least one FILE")
		}
		sec, err = checkLexicons(e, pos[1:])
		if err != nil {
			return err
		}
	default:
		return usagef("lexicons takes no argument or 'check FILE…', not %q", pos[0])
	}
	if err := report.CheckWidth(*width); err != nil {
		return usageError{err}
	}
	r := &report.Report{Provenance: provenance(c.name, fs, nil), Sections: []report.Section{sec}}
	if e.capture != nil {
		e.capture(r)
		return nil
	}
	return report.Render(e.stdout, r, f, report.Options{Width: *width})
}

// checkLexicons loads and compiles each file. Every positioned problem of
// every file goes to standard error, one a line, and makes the command fail;
// when all pass, the table describes them.
func checkLexicons(e *env, files []string) (report.Section, error) {
	t := &report.Table{Name: "lexicon_check", Title: "Lexicon files",
		Columns: []string{"file", "name", "kind", "format", "keys", "patterns"}}
	bad := 0
	for _, file := range files {
		lx, err := lexicons.Load(file)
		if err == nil {
			_, err = lexmatch.Compile(lx)
		}
		if err != nil {
			bad++
			for _, line := range errorLines(err) {
				fmt.Fprintln(e.stderr, line)
			}
			continue
		}
		t.Rows = append(t.Rows, []report.Value{report.Str(file), report.Str(lx.Name), report.Str(string(lx.Kind)),
			report.Str(lx.Format), report.Int(int64(len(lx.Keys()))), report.Int(int64(len(lx.Entries)))})
	}
	if bad > 0 {
		return report.Section{}, fmt.Errorf("%s of %d failed the check (problems above)", report.Plural(bad, "lexicon file"), len(files))
	}
	t.Notes = []string{"keys: categories, valence patterns, actors, referents or events; patterns: entries, one per key and pattern."}
	return report.Section{Display: t}, nil
}

// errorLines lists every positioned error of err, one per line.
func errorLines(err error) []string {
	var list lexicons.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		var out []string
		for _, e := range list {
			out = append(out, e.Error())
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}

// packsSection lists the embedded packs.
func packsSection() report.Section {
	t := &report.Table{Name: "lexicons", Title: "Embedded lexicon packs",
		Columns: []string{"name", "kind", "version", "keys", "patterns", "sha256", "source", "license", "description"},
		Cut:     map[string]report.Cut{"name": report.CutNever, "sha256": report.CutNever}}
	for _, p := range lexicons.Packs() {
		t.Rows = append(t.Rows, []report.Value{report.Str(p.Name), report.Str(string(p.Kind)), report.Str(p.Version),
			report.Int(int64(p.Keys)), report.Int(int64(p.Entries)), report.Str(p.SHA256), report.Str(p.Source),
			report.Str(p.License), report.Str(p.Description)})
	}
	t.Notes = []string{"keys: categories, valence patterns, actors, referents or events; patterns: entries, one per key and pattern.", "Use a pack with --lexicon NAME; sha256: first 12 hex digits of the file's SHA-256. Formats and matching: docs/lexicons.md."}
	return report.Section{Display: t}
}
