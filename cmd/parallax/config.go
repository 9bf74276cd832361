package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// A configuration file (--config FILE, docs/config.md) is a YAML mapping of
// flag names to values. Top-level keys apply to every command that has the
// flag; a key no command has is an error. Under "commands", a mapping per
// command sets that command's flags, over the top-level ones. Flags given on
// the command line win over both.

// Where a flag's effective value came from.
const (
	fromDefault     = "default"
	fromCommandLine = "command line"
	fromConfig      = "config"
)

// notInConfig are flags a configuration file cannot set.
var notInConfig = map[string]string{
	"config":       "a configuration file cannot name another: give --config on the command line",
	"print-config": "--print-config prints a configuration: give it on the command line",
}

// configFlag is the value of --config. After parsing it also holds the file
// read and where each flag's value came from, for the provenance.
type configFlag struct {
	path    string
	file    *configFile
	origins map[string]string // flag name → fromDefault, fromCommandLine or fromConfig
	lines   map[string]int    // flag name → line of the config file that set it
}

func (c *configFlag) String() string {
	if c == nil {
		return ""
	}
	return c.path
}

func (c *configFlag) Set(s string) error {
	if s == "" {
		return errors.New("give a file name")
	}
	c.path = s
	return nil
}

// configFile is a parsed configuration file.
type configFile struct {
	path    string // as given
	sha256  string // hex SHA-256 of the file's bytes
	global  []configEntry
	command map[string][]configEntry
}

// configEntry is one flag setting of the file.
type configEntry struct {
	key   string
	value *yaml.Node
	line  int
}

// yamlLine finds the line number in a yaml.v3 error message.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// readConfig reads and checks the structure of a configuration file: a
// mapping of flag names to single values, with an optional "commands"
// mapping of command names to such mappings. Flag names are checked against
// the commands later (checkConfig).
func readConfig(path string) (*configFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, usagef("--config %s: no such file", path)
		}
		return nil, usagef("--config %s: %v", path, unwrapPath(err))
	}
	sum := sha256.Sum256(data)
	cf := &configFile{path: path, sha256: hex.EncodeToString(sum[:]), command: map[string][]configEntry{}}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return cf, nil // an empty file sets nothing
		}
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, usagef("%s:%s: not valid YAML: %s", path, m[1], m[2])
		}
		return nil, usagef("%s: not valid YAML: %s", path, strings.TrimPrefix(msg, "yaml: "))
	}
	var more yaml.Node
	if err := dec.Decode(&more); err == nil {
		return nil, usagef("%s:%d: a second YAML document: a configuration file holds one mapping", path, more.Line)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return cf, nil
		}
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return cf, nil // only comments
	}
	if root.Kind != yaml.MappingNode {
		return nil, usagef("%s:%d: the configuration must be a mapping of flag names to values (format: value)", path, root.Line)
	}
	entries, err := configEntries(path, "", root)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.key != "commands" {
			cf.global = append(cf.global, e)
			continue
		}
		cmds := resolveAlias(e.value)
		if cmds.Kind != yaml.MappingNode {
			return nil, usagef("%s:%d: commands must be a mapping of command names to their flags (commands: {terms: {top: 15}})", path, e.value.Line)
		}
		sections, err := configEntries(path, "commands.", cmds)
		if err != nil {
			return nil, err
		}
		for _, s := range sections {
			if commands[s.key] == nil {
				return nil, usagef("%s:%d: commands.%s: no such command (commands: %s)", path, s.line, s.key, strings.Join(commandNames(), ", "))
			}
			body := resolveAlias(s.value)
			if body.Kind == yaml.ScalarNode && body.Tag == "!!null" {
				continue // an empty section
			}
			if body.Kind != yaml.MappingNode {
				return nil, usagef("%s:%d: commands.%s must be a mapping of flag names to values", path, s.value.Line, s.key)
			}
			flags, err := configEntries(path, "commands."+s.key+".", body)
			if err != nil {
				return nil, err
			}
			cf.command[s.key] = flags
		}
	}
	return cf, nil
}

// configEntries lists the key–value pairs of mapping m, refusing keys that
// are not plain text and keys given twice; prefix names the mapping in
// messages.
func configEntries(path, prefix string, m *yaml.Node) ([]configEntry, error) {
	var out []configEntry
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			return nil, usagef("%s:%d: %skeys must be flag names", path, k.Line, prefix)
		}
		name := strings.TrimPrefix(k.Value, "--")
		if first, ok := seen[name]; ok {
			return nil, usagef("%s:%d: %s%s is set twice (first on line %d): keep one", path, k.Line, prefix, name, first)
		}
		seen[name] = k.Line
		out = append(out, configEntry{key: name, value: v, line: k.Line})
	}
	return out, nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// unwrapPath drops the operation and path a *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// commandFlags returns the flags of the named command, by running it with
// an env that stops it as soon as its flags are defined (see parse).
func commandFlags(name string) *flag.FlagSet {
	c := commands[name]
	if c == nil {
		return nil
	}
	var got *flag.FlagSet
	saved := c.cf
	c.run(c, nil, &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		probe: func(fs *flag.FlagSet) { got = fs }})
	c.cf = saved
	return got
}

// flagNames lists the flags of fs a configuration file may set, sorted.
func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if _, no := notInConfig[f.Name]; !no {
			names = append(names, f.Name)
		}
	})
	return names
}

// checkConfig checks every key of the file against the flags of the
// commands: top-level keys must be a flag of some command, keys of a
// command's section a flag of that command. current is the running
// command and fs its flags (already known; the others are looked up).
func (f *configFile) checkConfig(current string, fs *flag.FlagSet) error {
	flagsOf := map[string]*flag.FlagSet{current: fs}
	lookup := func(cmd string) *flag.FlagSet {
		if s, ok := flagsOf[cmd]; ok {
			return s
		}
		s := commandFlags(cmd)
		flagsOf[cmd] = s
		return s
	}
	for _, e := range f.global {
		if why, ok := notInConfig[e.key]; ok {
			return usagef("%s:%d: %s: %s", f.path, e.line, e.key, why)
		}
		found := fs.Lookup(e.key)
		for _, name := range commandNames() {
			if found != nil {
				break
			}
			if s := lookup(name); s != nil {
				found = s.Lookup(e.key)
			}
		}
		if found != nil {
			if err := checkValue(f.path, "", e, found); err != nil {
				return err
			}
		} else {
			return usagef("%s:%d: unknown key %q: no command has a flag --%s%s (flags of %s: %s; per-command settings go under commands: {%s: {…}})",
				f.path, e.line, e.key, e.key, didYouMean(e.key, flagNames(fs)), current, strings.Join(flagNames(fs), ", "), current)
		}
	}
	cmds := make([]string, 0, len(f.command))
	for name := range f.command {
		cmds = append(cmds, name)
	}
	sort.Strings(cmds)
	for _, name := range cmds {
		s := lookup(name)
		for _, e := range f.command[name] {
			if why, ok := notInConfig[e.key]; ok {
				return usagef("%s:%d: commands.%s.%s: %s", f.path, e.line, name, e.key, why)
			}
			if s == nil || s.Lookup(e.key) == nil {
				var valid []string
				if s != nil {
					valid = flagNames(s)
				}
				return usagef("%s:%d: unknown key %q in commands.%s: %s has no flag --%s%s (its flags: %s)",
					f.path, e.line, e.key, name, name, e.key, didYouMean(e.key, valid), strings.Join(valid, ", "))
			}
			if err := checkValue(f.path, "commands."+name+".", e, s.Lookup(e.key)); err != nil {
				return err
			}
		}
	}
	return nil
}

// didYouMean suggests the name closest to key, if one is close.
func didYouMean(key string, names []string) string {
	best, dist := "", 3
	for _, n := range names {
		if d := editDistance(key, n); d < dist {
			best, dist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return ": did you mean " + best + "?"
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// flagKind names what a flag's value must be, for messages.
func flagKind(f *flag.Flag) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return "text"
	}
	switch g.Get().(type) {
	case bool:
		return "true or false"
	case int, int64:
		return "an integer"
	case uint, uint64:
		return "a non-negative integer"
	case float64:
		return "a number"
	}
	return "text"
}

// scalarValue returns the text of a single value, or an error naming the
// file and line when the node is a list, a mapping or empty.
func scalarValue(path, prefix string, e configEntry, f *flag.Flag) (string, error) {
	v := resolveAlias(e.value)
	switch {
	case v.Kind == yaml.SequenceNode:
		hint := ""
		if strings.Contains(f.Usage, "comma-separated") {
			hint = " (for several, write them comma-separated: a,b)"
		}
		return "", usagef("%s:%d: %s%s: a list, but --%s takes a single value (%s)%s", path, v.Line, prefix, e.key, e.key, flagKind(f), hint)
	case v.Kind == yaml.MappingNode:
		return "", usagef("%s:%d: %s%s: a mapping, but --%s takes a single value (%s)", path, v.Line, prefix, e.key, e.key, flagKind(f))
	case v.Kind != yaml.ScalarNode:
		return "", usagef("%s:%d: %s%s: not a single value: --%s takes %s", path, v.Line, prefix, e.key, e.key, flagKind(f))
	case v.Tag == "!!null":
		return "", usagef("%s:%d: %s%s has no value: give one (--%s takes %s) or remove the line", path, v.Line, prefix, e.key, e.key, flagKind(f))
	}
	return v.Value, nil
}

// checkValue checks that e's value is one value the flag accepts, on a
// scratch copy of the flag so nothing is set.
func checkValue(path, prefix string, e configEntry, f *flag.Flag) error {
	s, err := scalarValue(path, prefix, e, f)
	if err != nil {
		return err
	}
	scratch := flag.NewFlagSet("check", flag.ContinueOnError)
	scratch.SetOutput(io.Discard)
	scratch.Var(copyValue(f), f.Name, "")
	if err := scratch.Set(f.Name, s); err != nil {
		return usagef("%s:%d: %s%s: %q is not valid: --%s takes %s", path, e.line, prefix, e.key, s, e.key, flagKind(f))
	}
	return nil
}

// copyValue returns a fresh flag.Value of the same type as f's, for
// checking a value without setting f.
func copyValue(f *flag.Flag) flag.Value {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return new(stringValue)
	}
	switch g.Get().(type) {
	case bool:
		return new(boolValue)
	case int:
		return new(intValue)
	case int64:
		return new(intValue)
	case uint, uint64:
		return new(uintValue)
	case float64:
		return new(floatValue)
	}
	return new(stringValue)
}

type stringValue string

func (s *stringValue) Set(v string) error { *s = stringValue(v); return nil }
func (s *stringValue) String() string     { return string(*s) }

type boolValue bool

func (b *boolValue) Set(v string) error {
	x, err := strconv.ParseBool(v)
	*b = boolValue(x)
	return err
}
func (b *boolValue) String() string   { return strconv.FormatBool(bool(*b)) }
func (b *boolValue) IsBoolFlag() bool { return true }

type intValue int64

func (n *intValue) Set(v string) error {
	x, err := strconv.ParseInt(v, 0, 64)
	*n = intValue(x)
	return err
}
func (n *intValue) String() string { return strconv.FormatInt(int64(*n), 10) }

type uintValue uint64

func (n *uintValue) Set(v string) error {
	x, err := strconv.ParseUint(v, 0, 64)
	*n = uintValue(x)
	return err
}
func (n *uintValue) String() string { return strconv.FormatUint(uint64(*n), 10) }

type floatValue float64

func (x *floatValue) Set(v string) error {
	f, err := strconv.ParseFloat(v, 64)
	*x = floatValue(f)
	return err
}
func (x *floatValue) String() string { return strconv.FormatFloat(float64(*x), 'g', -1, 64) }

// applyConfig reads --config, if given, checks it, and sets every flag it
// names that the command line did not, command sections over top-level
// keys. It records where every flag's value came from.
func (c *command) applyConfig(fs *flag.FlagSet) error {
	cfg, _ := fs.Lookup("config").Value.(*configFlag)
	if cfg == nil {
		return nil
	}
	cfg.origins = map[string]string{}
	cfg.lines = map[string]int{}
	fs.VisitAll(func(f *flag.Flag) { cfg.origins[f.Name] = fromDefault })
	fs.Visit(func(f *flag.Flag) { cfg.origins[f.Name] = fromCommandLine })
	if cfg.path == "" {
		return nil
	}
	file, err := readConfig(cfg.path)
	if err != nil {
		return err
	}
	if err := file.checkConfig(c.name, fs); err != nil {
		return err
	}
	cfg.file = file
	// Top-level keys first, then the command's section over them.
	type setting struct {
		prefix string
		e      configEntry
	}
	var settings []setting
	for _, e := range file.global {
		if fs.Lookup(e.key) != nil {
			settings = append(settings, setting{"", e})
		}
	}
	for _, e := range file.command[c.name] {
		settings = append(settings, setting{"commands." + c.name + ".", e})
	}
	for _, s := range settings {
		f := fs.Lookup(s.e.key)
		if cfg.origins[f.Name] == fromCommandLine {
			continue
		}
		v, err := scalarValue(file.path, s.prefix, s.e, f)
		if err != nil {
			return err
		}
		if err := fs.Set(f.Name, v); err != nil {
			return usagef("%s:%d: %s%s: %q is not valid: --%s takes %s", file.path, s.e.line, s.prefix, s.e.key, v, s.e.key, flagKind(f))
		}
		cfg.origins[f.Name] = fromConfig
		cfg.lines[f.Name] = s.e.line
	}
	return nil
}

// printConfig writes the effective value of every flag of fs as a YAML
// configuration file that --config reads back, each with a comment saying
// where it came from.
func (c *command) printConfig(w io.Writer, fs *flag.FlagSet, pos []string) error {
	cfg, _ := fs.Lookup("config").Value.(*configFlag)
	head := fmt.Sprintf("parallax %s %s: the effective configuration, each flag with where its value came from.\nRun it again with: parallax %s --config FILE", c.name, version, c.name)
	if len(pos) > 0 {
		head += " " + strings.Join(pos, " ")
	}
	if cfg != nil && cfg.file != nil {
		head += fmt.Sprintf("\nRead from %s (sha256 %s).", filepath.ToSlash(cfg.file.path), cfg.file.sha256)
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, name := range flagNames(fs) {
		f := fs.Lookup(name)
		origin := fromDefault
		if cfg != nil {
			origin = cfg.origins[name]
			if origin == fromConfig {
				origin = fmt.Sprintf("%s %s:%d", fromConfig, filepath.ToSlash(cfg.file.path), cfg.lines[name])
			}
		}
		v := &yaml.Node{Kind: yaml.ScalarNode, Value: f.Value.String(), LineComment: origin}
		if flagKind(f) == "text" {
			v.Tag = "!!str" // quoted when it would read as another type
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: name}, v)
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, HeadComment: head, Content: []*yaml.Node{m}}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}
