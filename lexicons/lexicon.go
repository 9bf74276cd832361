// Lexicons (SPEC §6): word lists whose patterns are matched on token
// sequences — categories, valence scores, actors, competing labels, events.
//
// # The native format
//
// A native lexicon is a YAML file with a header and one section named after
// its kind. The header fields are name (required), version, description,
// source, license and kind (required); every other top-level key is an error.
// Version numbers are best quoted ("1.0"), but a plain number is accepted.
//
// Kind categories maps a category to a list of patterns:
//
//	name: frames
//	version: "1.0"
//	description: news framing categories after the Policy Frames Codebook
//	source: written by the parallax team
//	license: CC0-1.0
//	kind: categories
//	categories:
//	  economic: [econom*, trade, gas pipeline, sanction*]
//	  security:
//	    - troops
//	    - cease-fire
//
// Kind valence maps a pattern to a score (any finite number):
//
//	kind: valence
//	valence:
//	  good: 1.9
//	  terribl*: -2.5
//	  well done: 2.1
//
// Kind actors maps an actor to its aliases:
//
//	kind: actors
//	actors:
//	  Azerbaijan: [azerbaijan, baku, azerbaijani government]
//	  Ilham Aliyev: [aliyev, ilham aliyev]
//
// Kind labels maps a referent to its competing labels, each with patterns:
//
//	kind: labels
//	labels:
//	  the region:
//	    Artsakh: [artsakh, republic of artsakh]
//	    Nagorno-Karabakh: [nagorno-karabakh, karabakh]
//	  the 2023 operation:
//	    anti-terrorist measures: [anti-terror*]
//	    offensive: [offensive, military operation]
//
// Kind events maps an event identifier to its name (the identifier when
// omitted), dates and cue patterns (required). A date is an ISO date
// (2023-09-19) or an ISO interval of two dates (2023-09-19/2023-09-20):
//
//	kind: events
//	events:
//	  offensive-2023:
//	    name: September 2023 offensive
//	    dates: [2023-09-19, 2023-09-19/2023-09-20]
//	    cues: [offensive, lightning operation, anti-terror*]
//
// # Patterns
//
// A pattern is one or more words separated by spaces; a phrase matches
// consecutive tokens. Patterns are case-insensitive: they are lower-cased
// and their curly apostrophes (’, ʼ) and Unicode hyphens (U+2010, U+2011)
// are straightened, as the tokenizer does with the words of a text. Within
// a word, '*' matches any run of characters (also none) and '?' exactly one
// character; no other glob syntax exists. A word holds letters, digits,
// marks, and the '-', '\” and '.' that tokens may contain: "anti-terror*",
// "don't", "u.s.". Matching (analysis/lexmatch) reads each literal word
// with the tokenizer that reads the text, so "Jr." matches the token "jr"
// and "Obama's" the token "obama", as in the text. A pattern that can
// never match a token is an error: a
// word with other punctuation ("#artsakh", "(un)", "now ,"), a hyphen or
// apostrophe at its edge or doubled, a word of wildcards only that contains
// '*' (it would match every token), or "**". In YAML, quote a pattern that
// begins with '*' (YAML reads *stan as an alias) or holds '?' inside a
// [ … ] list: ["*stan", "shell?ng"].
//
// # Imports
//
// Load also reads LIWC dictionaries (.dic), quanteda YAML dictionaries
// (.yml/.yaml without a top-level "kind: KIND" header) and CSV files of
// pattern,score rows (.csv); see Load.
//
// # Errors
//
// Every problem in a file is reported with its place, "file:line: message";
// all are collected, sorted by file and line, and returned as an ErrorList,
// whose message is the first error followed by "(and N more errors)", as in
// go/scanner.
package lexicons

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Kind is what the entries of a lexicon are.
type Kind string

// The kinds of lexicon.
const (
	KindCategories Kind = "categories" // Entry.Key is the category
	KindValence    Kind = "valence"    // Entry.Score is the score; Entry.Key is empty
	KindActors     Kind = "actors"     // Entry.Key is the actor
	KindLabels     Kind = "labels"     // Entry.Key is the referent, Entry.Label the label
	KindEvents     Kind = "events"     // Entry.Key is the event identifier; see Lexicon.Events
)

// kinds lists the valid kinds, in the order documented.
var kinds = []Kind{KindCategories, KindValence, KindActors, KindLabels, KindEvents}

// Formats of a lexicon file, as recorded in Lexicon.Format.
const (
	FormatNative   = "native"
	FormatLIWC     = "liwc"
	FormatQuanteda = "quanteda"
	FormatCSV      = "csv"
)

// Lexicon is a parsed lexicon: a header and entries in the order of the file.
type Lexicon struct {
	Name        string
	Version     string
	Description string
	Source      string
	License     string
	Kind        Kind
	File        string // the file's path or name, as used in error messages
	Format      string // FormatNative, FormatLIWC, FormatQuanteda or FormatCSV

	// Entries holds one entry per (key, label, pattern), in file order. A
	// pattern may occur under several keys (a LIWC word in several
	// categories) but only once under one key.
	Entries []Entry

	// Events holds the events of an events lexicon, in file order.
	Events []Event

	// Unscored holds, per key (category, actor or referent), the words
	// tone and stance must not score in its sentences ("unscored:" in the
	// native format; see unscored.go). Nil when the file declares none.
	Unscored map[string][]string

	// Context ties, per referent of a labels lexicon, its labels to the
	// sentences about it ("context:" in the native format; context.go).
	Context map[string]LabelContext
}

// Entry is one pattern of a lexicon and what it stands for.
type Entry struct {
	Key     string  // category, actor, referent or event identifier; empty for valence
	Label   string  // the competing label, for kind labels; otherwise empty
	Pattern string  // normalised: lower case, words separated by single spaces
	Score   float64 // the score, for kind valence; otherwise 0
	Line    int     // the line of the pattern in File
}

// Event is an event of an events lexicon.
type Event struct {
	ID    string
	Name  string
	Dates []DateRange
	Line  int
}

// DateRange is a closed interval of days; a single date has From == To.
type DateRange struct {
	From, To time.Time // midnight UTC
}

// String formats the range as an ISO date or interval.
func (d DateRange) String() string {
	if d.From.Equal(d.To) {
		return d.From.Format(time.DateOnly)
	}
	return d.From.Format(time.DateOnly) + "/" + d.To.Format(time.DateOnly)
}

// Keys returns the distinct keys of the entries in order of first
// appearance: the categories, actors, referents or events of the lexicon.
func (lx *Lexicon) Keys() []string {
	seen := map[string]bool{}
	var keys []string
	for _, e := range lx.Entries {
		if !seen[e.Key] {
			seen[e.Key] = true
			keys = append(keys, e.Key)
		}
	}
	return keys
}

// Event returns the event with the given identifier, or nil.
func (lx *Lexicon) Event(id string) *Event {
	for i := range lx.Events {
		if lx.Events[i].ID == id {
			return &lx.Events[i]
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Errors

// Error is a problem at a place in a lexicon file. Line 0 means the file as
// a whole.
type Error struct {
	File string
	Line int
	Msg  string
}

// Error formats the error as "file:line: msg".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// ErrorList is a list of positioned errors.
type ErrorList []*Error

// Add appends an error at file:line.
func (l *ErrorList) Add(file string, line int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Sort sorts the list by file, line and message.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
}

// Error is the first error, followed by "(and N more errors)" when there
// are more.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns the sorted list as an error, or nil if it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// ---------------------------------------------------------------------------
// Loading

// Load reads the lexicon file at path; the format is chosen by the
// extension (see Parse).
func Load(path string) (*Lexicon, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon %q: %v", path, err)
	}
	return Parse(path, data)
}

// Parse reads a lexicon from data; file names it in errors and chooses the
// format by its extension:
//
//   - .yaml, .yml: a native lexicon when the top-level mapping has a "kind"
//     key, otherwise a quanteda dictionary (ParseQuanteda);
//   - .dic: a LIWC dictionary (ParseLIWC);
//   - .csv: pattern,score rows, a valence lexicon (ParseCSV).
//
// The error, if any, is an ErrorList.
func Parse(file string, data []byte) (*Lexicon, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark, as Excel and LIWC files may start
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".yaml", ".yml":
		root, err := parseYAML(file, data)
		if err != nil {
			return nil, err
		}
		if isNative(root) {
			return parseNative(file, root)
		}
		return parseQuanteda(file, root)
	case ".dic":
		return ParseLIWC(file, data)
	case ".csv":
		return ParseCSV(file, data)
	default:
		return nil, ErrorList{{File: file, Msg: fmt.Sprintf("unknown lexicon format %q: want .yaml, .yml, .dic or .csv", ext)}}
	}
}

// ParseNative reads a native YAML lexicon.
func ParseNative(file string, data []byte) (*Lexicon, error) {
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	return parseNative(file, root)
}

// yamlLine finds the line number in yaml.v3's error messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses data and returns the top-level mapping node.
func parseYAML(file string, data []byte) (*yaml.Node, error) {
	if !utf8.Valid(data) {
		return nil, ErrorList{{File: file, Line: invalidUTF8Line(data), Msg: "invalid UTF-8"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, ErrorList{yamlError(file, data, err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, ErrorList{{File: file, Msg: "empty lexicon"}}
	}
	clipLines(&doc, bytes.Count(data, []byte{'\n'})+1)
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, ErrorList{{File: file, Line: root.Line, Msg: "want a mapping of keys at the top level, got " + nodeType(root)}}
	}
	return root, nil
}

// clipLines puts every node after the last line of the file on the last
// line: yaml.v3 places an empty value at the end of the input ("? key",
// "key:" on the last line) on the line after it, and messages about that
// value must name a line of the file.
func clipLines(n *yaml.Node, last int) {
	n.Line = min(n.Line, last)
	for _, c := range n.Content {
		clipLines(c, last)
	}
}

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to
// its scanner). yaml.v3 reports their line 0-based, and omits it on the
// first line, while it reports the scanner's 1-based.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError converts a syntax error of yaml.v3 to a positioned error.
func yamlError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if yamlParserProblems[msg] {
		line++
	}
	// A problem found at the end of the input ("[" alone) is reported on
	// the line after the last one: it belongs to the last line.
	line = min(line, bytes.Count(data, []byte{'\n'})+1)
	switch {
	case strings.HasPrefix(msg, "did not find expected ',' or"):
		// yaml.v3 reads "?" in a flow list as a key indicator; otherwise
		// the list was left open.
		if strings.Contains(sourceLines(data, line-1, line), "?") {
			msg += ` (a pattern holding '?' inside [ ] needs quotes: "shell?ng")`
		} else {
			msg += " (is a [ list or { mapping left open?)"
		}
	case msg == "found character that cannot start any token" && strings.Contains(sourceLines(data, line, line), "\t"):
		msg += " (YAML indents with spaces, not tabs)"
	case strings.HasPrefix(msg, "unknown anchor '"):
		// "*stan" is an alias in YAML.
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 && line == 0 {
			line = bytes.Count(data[:i], []byte{'\n'}) + 1
		}
		msg = fmt.Sprintf("%s: a pattern beginning with '*' needs quotes (\"*%s\")", msg, name)
	}
	return &Error{File: file, Line: line, Msg: msg}
}

// sourceLines returns lines from to to (1-based, clipped to the data) of data.
func sourceLines(data []byte, from, to int) string {
	lines := strings.Split(string(data), "\n")
	from, to = max(from, 1), min(to, len(lines))
	if from > to {
		return ""
	}
	return strings.Join(lines[from-1:to], "\n")
}

// invalidUTF8Line returns the line of the first invalid UTF-8 sequence.
func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

// isNative reports whether the top-level mapping is a native header: a
// "kind" key that is a scalar or stands beside a "name" key. A quanteda
// dictionary may have a category called "kind", but its value is a list or
// mapping and it has no "name" header.
func isNative(root *yaml.Node) bool {
	var kind *yaml.Node
	name := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "kind":
			kind = root.Content[i+1]
		case "name":
			name = true
		}
	}
	return kind != nil && (name || kind.Kind == yaml.ScalarNode)
}

// nodeType names the type of a node for messages.
func nodeType(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "a document"
}

// headerKeys are the header fields of a native lexicon, in documented order.
var headerKeys = []string{"name", "version", "description", "source", "license", "kind"}

// nativeParser holds the state of one native parse.
type nativeParser struct {
	unscoredLines map[string]int // key of unscored → its line, checked once the section is read
	file          string
	lx            *Lexicon
	errs          ErrorList
}

// errorf records an error at line.
func (p *nativeParser) errorf(line int, format string, args ...any) {
	p.errs.Add(p.file, line, format, args...)
}

// parseNative reads the header and the section of a native lexicon.
func parseNative(file string, root *yaml.Node) (*Lexicon, error) {
	p := &nativeParser{file: file, lx: &Lexicon{File: file, Format: FormatNative}}
	var section, sectionKey *yaml.Node
	seen := map[string]int{}
	kindLine, kindOK := 0, false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			p.errorf(k.Line, "duplicate key %q (first at line %d)", k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		switch k.Value {
		case "name", "version", "description", "source", "license", "kind":
			if k.Value == "kind" {
				kindLine = k.Line
			}
			s, ok := p.scalar(v, k.Value)
			if !ok {
				continue
			}
			switch k.Value {
			case "name":
				p.lx.Name = s
				if strings.TrimSpace(s) == "" {
					p.errorf(v.Line, "name is empty")
				}
			case "version":
				p.lx.Version = s
			case "description":
				p.lx.Description = s
			case "source":
				p.lx.Source = s
			case "license":
				p.lx.License = s
			case "kind":
				p.lx.Kind, kindOK = Kind(s), true
			}
		case "unscored":
			p.unscored(v)
		case "context":
			p.context(v)
		default:
			if isKind(Kind(k.Value)) {
				section, sectionKey = v, k
				continue
			}
			p.errorf(k.Line, "unknown key %q (want %s, unscored, context or the section named by kind)", k.Value, strings.Join(headerKeys, ", "))
		}
	}
	if _, ok := seen["name"]; !ok {
		p.errorf(0, "missing name")
	}
	switch {
	case kindLine == 0:
		p.errorf(0, "missing kind (want %s)", kindList())
	case !kindOK:
		// kind is not a string: reported above.
	case !isKind(p.lx.Kind):
		p.errorf(kindLine, "unknown kind %q (want %s)", p.lx.Kind, kindList())
	case section == nil:
		p.errorf(kindLine, "missing section %q for kind %s", p.lx.Kind, p.lx.Kind)
	case Kind(sectionKey.Value) != p.lx.Kind:
		p.errorf(sectionKey.Line, "section %q does not match kind %s (want %q)", sectionKey.Value, p.lx.Kind, p.lx.Kind)
	default:
		p.section(section)
		p.checkUnscored()
		p.checkContext()
	}
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return p.lx, nil
}

// isKind reports whether k is a valid kind.
func isKind(k Kind) bool {
	for _, x := range kinds {
		if k == x {
			return true
		}
	}
	return false
}

// kindList names the kinds for messages.
func kindList() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// scalar returns the value of a scalar node, or records an error naming
// what was wanted.
func (p *nativeParser) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n.Line, "%s: want a string, got %s", what, nodeType(n))
		return "", false
	}
	return n.Value, true
}

// mapping checks that n is a non-empty mapping, recording an error if not.
func (p *nativeParser) mapping(n *yaml.Node, what string) bool {
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "%s: want a mapping, got %s", what, nodeType(n))
		return false
	}
	if len(n.Content) == 0 {
		p.errorf(n.Line, "%s is empty", what)
		return false
	}
	return true
}

// pairs calls f for each key and value of a mapping, reporting duplicate
// and empty keys.
func (p *nativeParser) pairs(n *yaml.Node, what string, f func(key string, k, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, "%s: want a name as key, got %s", what, nodeType(k))
			continue
		}
		key := strings.TrimSpace(k.Value)
		if key == "" {
			p.errorf(k.Line, "%s: empty name", what)
			continue
		}
		if first, dup := seen[key]; dup {
			p.errorf(k.Line, "%s: duplicate %q (first at line %d)", what, key, first)
			continue
		}
		seen[key] = k.Line
		f(key, k, v)
	}
}

// section reads the entries of the lexicon's kind.
func (p *nativeParser) section(n *yaml.Node) {
	kind := p.lx.Kind
	if !p.mapping(n, string(kind)) {
		return
	}
	switch kind {
	case KindCategories:
		p.pairs(n, "categories", func(cat string, _, v *yaml.Node) {
			p.patterns(v, "category", cat, "")
		})
	case KindActors:
		p.pairs(n, "actors", func(actor string, _, v *yaml.Node) {
			p.patterns(v, "actor", actor, "")
		})
	case KindValence:
		p.valence(n)
	case KindLabels:
		p.pairs(n, "labels", func(ref string, _, v *yaml.Node) {
			what := fmt.Sprintf("referent %q", ref)
			if !p.mapping(v, what) {
				return
			}
			p.pairs(v, what, func(label string, _, pats *yaml.Node) {
				p.patterns(pats, "label", ref, label)
			})
		})
	case KindEvents:
		p.pairs(n, "events", func(id string, k, v *yaml.Node) {
			p.event(id, k, v)
		})
	}
}

// patterns reads a list of patterns (or a single one) of key (and label).
func (p *nativeParser) patterns(n *yaml.Node, role, key, label string) {
	what := fmt.Sprintf("%s %q", role, key)
	if label != "" {
		what = fmt.Sprintf("label %q of %q", label, key)
	}
	items := []*yaml.Node{n}
	switch {
	case n.Kind == yaml.SequenceNode:
		items = n.Content
	case n.Kind != yaml.ScalarNode || n.Tag == "!!null":
		p.errorf(n.Line, "%s: want a list of patterns, got %s", what, nodeType(n))
		return
	}
	if len(items) == 0 {
		p.errorf(n.Line, "%s has no patterns", what)
		return
	}
	seen := map[string]int{}
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
			p.errorf(it.Line, "%s: want a pattern, got %s", what, nodeType(it))
			continue
		}
		pat, err := NormalizePattern(it.Value)
		if err != nil {
			p.errorf(it.Line, "%s: %v", what, err)
			continue
		}
		if first, dup := seen[pat]; dup {
			p.errorf(it.Line, "%s: duplicate pattern %q (first at line %d)", what, pat, first)
			continue
		}
		seen[pat] = it.Line
		p.lx.Entries = append(p.lx.Entries, Entry{Key: key, Label: label, Pattern: pat, Line: it.Line})
	}
}

// valence reads pattern: score pairs.
func (p *nativeParser) valence(n *yaml.Node) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" {
			p.errorf(k.Line, "valence: want a pattern as key, got %s", nodeType(k))
			continue
		}
		pat, err := NormalizePattern(k.Value)
		if err != nil {
			p.errorf(k.Line, "valence: %v", err)
			continue
		}
		score, ok := p.score(v, pat)
		if first, dup := seen[pat]; dup {
			p.errorf(k.Line, "valence: duplicate pattern %q (first at line %d)", pat, first)
			continue
		}
		seen[pat] = k.Line
		if ok {
			p.lx.Entries = append(p.lx.Entries, Entry{Pattern: pat, Score: score, Line: k.Line})
		}
	}
}

// score reads a finite number.
func (p *nativeParser) score(v *yaml.Node, pat string) (float64, bool) {
	if v.Kind != yaml.ScalarNode {
		p.errorf(v.Line, "score of %q: want a number, got %s", pat, nodeType(v))
		return 0, false
	}
	x, err := parseScore(v.Value)
	if err != nil {
		p.errorf(v.Line, "score of %q: %v", pat, err)
		return 0, false
	}
	return x, true
}

// parseScore parses a finite number.
func parseScore(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("want a finite number, got %q", s)
	}
	return x, nil
}

// eventKeys are the fields of an event.
var eventKeys = []string{"name", "dates", "cues"}

// event reads one event.
func (p *nativeParser) event(id string, k, v *yaml.Node) {
	what := fmt.Sprintf("event %q", id)
	if !p.mapping(v, what) {
		return
	}
	ev := Event{ID: id, Name: id, Line: k.Line}
	var cues *yaml.Node
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		fk, fv := v.Content[i], v.Content[i+1]
		if first, dup := seen[fk.Value]; dup {
			p.errorf(fk.Line, "%s: duplicate key %q (first at line %d)", what, fk.Value, first)
			continue
		}
		seen[fk.Value] = fk.Line
		switch fk.Value {
		case "name":
			if s, ok := p.scalar(fv, what+" name"); ok {
				ev.Name = s
			}
		case "dates":
			ev.Dates = p.dates(fv, what)
		case "cues":
			cues = fv
		default:
			p.errorf(fk.Line, "%s: unknown key %q (want %s)", what, fk.Value, strings.Join(eventKeys, ", "))
		}
	}
	if cues == nil {
		p.errorf(k.Line, "%s has no cues", what)
	} else {
		p.patterns(cues, "event", id, "")
	}
	p.lx.Events = append(p.lx.Events, ev)
}

// dates reads a list of ISO dates and intervals.
func (p *nativeParser) dates(n *yaml.Node, what string) []DateRange {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []DateRange
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
			p.errorf(it.Line, "%s: want a date (2006-01-02) or interval (2006-01-02/2006-01-05), got %s", what, nodeType(it))
			continue
		}
		d, err := parseDateRange(it.Value)
		if err != nil {
			p.errorf(it.Line, "%s: %v", what, err)
			continue
		}
		out = append(out, d)
	}
	return out
}

// parseDateRange parses "2006-01-02" or "2006-01-02/2006-01-05".
func parseDateRange(s string) (DateRange, error) {
	from, to, isRange := strings.Cut(strings.TrimSpace(s), "/")
	a, err := time.Parse(time.DateOnly, strings.TrimSpace(from))
	if err != nil {
		return DateRange{}, fmt.Errorf("bad date %q: want 2006-01-02 or 2006-01-02/2006-01-05", s)
	}
	if !isRange {
		return DateRange{a, a}, nil
	}
	b, err := time.Parse(time.DateOnly, strings.TrimSpace(to))
	if err != nil {
		return DateRange{}, fmt.Errorf("bad date %q: want 2006-01-02 or 2006-01-02/2006-01-05", s)
	}
	if b.Before(a) {
		return DateRange{}, fmt.Errorf("bad interval %q: ends before it begins", s)
	}
	return DateRange{a, b}, nil
}

// ---------------------------------------------------------------------------
// Patterns

// NormalizePattern returns pattern lower-cased, with curly apostrophes and
// Unicode hyphens straightened and words separated by single spaces, or an
// error saying why it can never match a token (see the package comment).
func NormalizePattern(pattern string) (string, error) {
	words := strings.Fields(pattern)
	if len(words) == 0 {
		return "", fmt.Errorf("empty pattern")
	}
	for i, w := range words {
		w = straighten.Replace(strings.ToLower(w))
		if err := checkWord(w); err != nil {
			if len(words) > 1 {
				return "", fmt.Errorf("pattern %q: word %q %v", pattern, w, err)
			}
			return "", fmt.Errorf("pattern %q %v", pattern, err)
		}
		words[i] = w
	}
	return strings.Join(words, " "), nil
}

// straighten replaces the apostrophes and hyphens the tokenizer normalises.
var straighten = strings.NewReplacer("’", "'", "ʼ", "'", "\u2010", "-", "\u2011", "-")

// checkWord says why a normalised pattern word can never match a token.
func checkWord(w string) error {
	if !utf8.ValidString(w) {
		return fmt.Errorf("is not valid UTF-8")
	}
	if strings.Contains(w, "**") {
		return fmt.Errorf("holds \"**\": write a single '*'")
	}
	if strings.Trim(w, "*?") == "" && strings.Contains(w, "*") {
		return fmt.Errorf("would match every token: give some letters")
	}
	if strings.IndexFunc(w, isWordRune) < 0 {
		return fmt.Errorf("can never match a token: no letter, digit or wildcard")
	}
	var prev rune = -1
	for i, r := range w {
		switch {
		case isWordRune(r):
		case r == '.':
		case r == '-' || r == '\'':
			next, _ := utf8.DecodeRuneInString(w[i+1:])
			if prev == -1 || i+1 == len(w) {
				return fmt.Errorf("can never match a token: %q at the edge of a word", r)
			}
			if prev == '-' || prev == '\'' || next == '-' || next == '\'' {
				return fmt.Errorf("can never match a token: %q next to %q", r, next)
			}
		case r == '[' || r == ']' || r == '{' || r == '}' || r == '\\':
			return fmt.Errorf("uses unsupported glob syntax %q: only * and ? are supported", r)
		default:
			return fmt.Errorf("can never match a token: %q is punctuation, which no word token contains", r)
		}
		prev = r
	}
	return nil
}

// isWordRune reports whether r is a letter, digit, mark or wildcard.
func isWordRune(r rune) bool {
	return r == '*' || r == '?' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
