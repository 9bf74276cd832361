// Imports of foreign lexicon formats: LIWC dictionaries, quanteda YAML
// dictionaries and CSV files of pattern,score rows. Each becomes a Lexicon
// named after its file, with the same pattern rules and positioned errors as
// the native format.

package lexicons

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// baseName is the file name without folder and extension: the name of an
// imported lexicon.
func baseName(file string) string {
	b := filepath.Base(file)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// ---------------------------------------------------------------------------
// LIWC

// liwcCategory is a category declared in a LIWC header.
type liwcCategory struct {
	name  string
	line  int
	words int
}

// ParseLIWC reads a LIWC dictionary: a header between two lines holding
// '%' that declares categories as "number<TAB>name" lines, then one line a
// word (or phrase) followed by the numbers of its categories:
//
//	%
//	1	posemo
//	2	negemo
//	%
//	good	1
//	hate*	2
//	kind of	1
//
// A phrase is separated from its numbers by a tab; on a line without tabs
// the numbers are the fields from the first number on. Lines may be blank.
// The result is a categories lexicon with one entry per (word, category),
// categories in header order of first use. Conditional LIWC2007 entries
// such as "(02 134)125/464" are reported as errors: rewrite them as plain
// numbers.
func ParseLIWC(file string, data []byte) (*Lexicon, error) {
	lx := &Lexicon{Name: baseName(file), Kind: KindCategories, File: file, Format: FormatLIWC}
	var errs ErrorList
	if !utf8.Valid(data) {
		errs.Add(file, invalidUTF8Line(data), "invalid UTF-8")
		return nil, errs.Err()
	}
	cats := map[string]*liwcCategory{} // by number as written, without leading zeros
	var order []string                 // numbers in header order
	names := map[string]int{}          // name → line
	seen := map[[2]string]int{}        // (pattern, number) → line
	state := 0                         // 0 before the header, 1 inside it, 2 after it
	headerEnd := 0                     // the line of the last '%' read
	lines := strings.Split(string(data), "\n")
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimRight(raw, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.TrimSpace(line) == "%" {
			if state < 2 {
				state++
				headerEnd = n
			} else {
				errs.Add(file, n, "a third '%%' line: the header is already closed")
			}
			continue
		}
		switch state {
		case 0:
			errs.Add(file, n, "want '%%' to open the category header, got %q", line)
			return nil, errs.Err()
		case 1:
			num, name, ok := liwcHeaderLine(line)
			switch {
			case !ok:
				errs.Add(file, n, "want number<TAB>category in the header, got %q", line)
			case cats[num] != nil:
				errs.Add(file, n, "duplicate category number %s (first at line %d)", num, cats[num].line)
			case names[name] != 0:
				errs.Add(file, n, "duplicate category %q (first at line %d)", name, names[name])
			default:
				cats[num] = &liwcCategory{name: name, line: n}
				names[name] = n
				order = append(order, num)
			}
		case 2:
			word, nums, err := liwcEntryLine(line)
			if err != nil {
				errs.Add(file, n, "%v", err)
				continue
			}
			pat, err := NormalizePattern(word)
			if err != nil {
				errs.Add(file, n, "%v", err)
				continue
			}
			for _, num := range nums {
				c := cats[num]
				if c == nil {
					errs.Add(file, n, "word %q: unknown category number %s", word, num)
					continue
				}
				if first, dup := seen[[2]string{pat, num}]; dup {
					errs.Add(file, n, "category %q: duplicate pattern %q (first at line %d)", c.name, pat, first)
					continue
				}
				seen[[2]string{pat, num}] = n
				c.words++
				lx.Entries = append(lx.Entries, Entry{Key: c.name, Pattern: pat, Line: n})
			}
		}
	}
	switch {
	case state == 0:
		errs.Add(file, 0, "empty dictionary: want a '%%' header of categories and words")
	case state == 1:
		errs.Add(file, len(lines), "the category header is not closed by a '%%' line")
	case len(order) == 0 && len(errs) == 0:
		errs.Add(file, headerEnd, "the category header names no category: want number<TAB>category lines between the '%%' lines")
	}
	for _, num := range order {
		if c := cats[num]; c.words == 0 && state == 2 {
			errs.Add(file, c.line, "category %q has no words", c.name)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return lx, nil
}

// liwcHeaderLine splits "number<TAB>name"; the number loses leading zeros.
func liwcHeaderLine(line string) (num, name string, ok bool) {
	f := strings.Fields(line)
	if len(f) < 2 || !isDigits(f[0]) {
		return "", "", false
	}
	rest := strings.TrimSpace(line[strings.Index(line, f[0])+len(f[0]):])
	if tab := strings.IndexByte(rest, '\t'); tab >= 0 {
		rest = strings.TrimSpace(rest[:tab]) // a description may follow
	}
	return canonNumber(f[0]), rest, true
}

// liwcEntryLine splits a word line into the word and its category numbers.
func liwcEntryLine(line string) (word string, nums []string, err error) {
	var fields []string
	if tab := strings.IndexByte(line, '\t'); tab >= 0 {
		word = strings.TrimSpace(line[:tab])
		fields = strings.Fields(line[tab+1:])
	} else {
		f := strings.Fields(line)
		k := 0
		for k < len(f) && !isDigits(f[k]) && !strings.ContainsAny(f[k], "()/") {
			k++
		}
		word, fields = strings.Join(f[:k], " "), f[k:]
	}
	if word == "" {
		return "", nil, fmt.Errorf("want word<TAB>category numbers, got %q", line)
	}
	if strings.ContainsAny(strings.Join(fields, " "), "()/") {
		return "", nil, fmt.Errorf("word %q: conditional categories %q are not supported: write plain category numbers", word, strings.Join(fields, " "))
	}
	for _, f := range fields {
		if !isDigits(f) {
			return "", nil, fmt.Errorf("word %q: want category numbers, got %q", word, f)
		}
		nums = append(nums, canonNumber(f))
	}
	if len(nums) == 0 {
		return "", nil, fmt.Errorf("word %q has no categories", word)
	}
	return word, nums, nil
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// canonNumber drops leading zeros, so that "02" and "2" are one category.
func canonNumber(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// ---------------------------------------------------------------------------
// quanteda

// ParseQuanteda reads a quanteda YAML dictionary: nested mappings of
// categories whose leaves are lists of patterns (or a single pattern),
// written in quanteda's glob syntax, which is parallax's:
//
//	economy:
//	  - tax*
//	  - budget
//	politics:
//	  domestic: [election*, parliament]
//	  foreign: [diplomat*, united nations]
//
// Nested keys are joined with "/" into the category ("politics/domestic").
// The result is a categories lexicon named after the file.
func ParseQuanteda(file string, data []byte) (*Lexicon, error) {
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	return parseQuanteda(file, root)
}

// parseQuanteda reads the categories under root.
func parseQuanteda(file string, root *yaml.Node) (*Lexicon, error) {
	p := &nativeParser{file: file, lx: &Lexicon{Name: baseName(file), Kind: KindCategories, File: file, Format: FormatQuanteda}}
	p.quantedaKeys(root, "")
	if len(p.lx.Entries) == 0 && len(p.errs) == 0 {
		p.errorf(root.Line, "dictionary has no patterns")
	}
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return p.lx, nil
}

// quantedaKeys reads the keys of one level of a quanteda dictionary.
func (p *nativeParser) quantedaKeys(n *yaml.Node, prefix string) {
	what := "dictionary"
	if prefix != "" {
		what = fmt.Sprintf("category %q", prefix)
	}
	if !p.mapping(n, what) {
		return
	}
	p.pairs(n, what, func(key string, _, v *yaml.Node) {
		cat := key
		if prefix != "" {
			cat = prefix + "/" + key
		}
		if v.Kind == yaml.MappingNode {
			p.quantedaKeys(v, cat)
			return
		}
		p.patterns(v, "category", cat, "")
	})
}

// ---------------------------------------------------------------------------
// CSV

// ParseCSV reads a valence lexicon from CSV rows of pattern,score. A first
// row "pattern,score" is a header and skipped; lines beginning with '#' are
// comments. The result is a valence lexicon named after the file.
func ParseCSV(file string, data []byte) (*Lexicon, error) {
	lx := &Lexicon{Name: baseName(file), Kind: KindValence, File: file, Format: FormatCSV}
	var errs ErrorList
	if !utf8.Valid(data) {
		errs.Add(file, invalidUTF8Line(data), "invalid UTF-8")
		return nil, errs.Err()
	}
	r := csv.NewReader(strings.NewReader(string(data)))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	r.TrimLeadingSpace = true
	seen := map[string]int{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if pe.Line > pe.StartLine {
				errs.Add(file, pe.StartLine, "unbalanced quotes: the quoted field opened here is still open on line %d: close it; a quote inside it is written twice (\"\")", pe.Line)
			} else {
				errs.Add(file, pe.StartLine, "unbalanced quotes: %v", pe.Err)
			}
			break
		} else if err != nil {
			errs.Add(file, 0, "%v", err)
			break
		}
		line, _ := r.FieldPos(0)
		if first && len(rec) == 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "pattern") && strings.EqualFold(strings.TrimSpace(rec[1]), "score") {
			continue
		}
		if len(rec) != 2 {
			errs.Add(file, line, "want 2 fields pattern,score, got %d", len(rec))
			continue
		}
		pat, err := NormalizePattern(rec[0])
		if err != nil {
			errs.Add(file, line, "%v", err)
			continue
		}
		score, err := parseScore(rec[1])
		if err != nil {
			errs.Add(file, line, "score of %q: %v", pat, err)
			continue
		}
		if first, dup := seen[pat]; dup {
			errs.Add(file, line, "duplicate pattern %q (first at line %d)", pat, first)
			continue
		}
		seen[pat] = line
		lx.Entries = append(lx.Entries, Entry{Pattern: pat, Score: score, Line: line})
	}
	if len(lx.Entries) == 0 && len(errs) == 0 {
		errs.Add(file, 0, "no pattern,score rows")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return lx, nil
}
