package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// runArgs runs a command line without a terminal.
func runArgs(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errs)
	return code, out.String(), errs.String()
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "parallax.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// jsonReport decodes a --format json report.
type jsonReport struct {
	Provenance struct {
		Command string            `json:"command"`
		Options map[string]string `json:"options"`
	} `json:"provenance"`
	Sections []json.RawMessage `json:"sections"`
}

func decodeReport(t *testing.T, out string) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not a JSON report: %v\n%s", err, out)
	}
	return r
}

const precedenceConfig = `# shared by every command
format: markdown
top: 7
stem: true
measure: jsd          # not a flag of terms: applies to compare and similarity
commands:
  terms:
    top: 3
    min-count: 2
  similarity:
    measure: cosine-freq
`

func TestConfigPrecedence(t *testing.T) {
	path := writeConfig(t, precedenceConfig)
	code, out, errs := runArgs("terms", "--config", path, "--format", "json", "--min-count", "4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	opts := decodeReport(t, out).Provenance.Options
	sum := sha256.Sum256([]byte(precedenceConfig))
	want := map[string]string{
		"format":            "json", // command line over the file
		"min-count":         "4",    // command line over the command's section
		"top":               "3",    // the command's section over the top level
		"stem":              "true", // top level
		"ngrams":            "1",    // default
		"config":            filepath.ToSlash(path),
		"config-sha256":     hex.EncodeToString(sum[:]),
		"from-command-line": "format,min-count",
		"from-config":       "stem,top",
	}
	for k, v := range want {
		if opts[k] != v {
			t.Errorf("provenance %s = %q, want %q", k, opts[k], v)
		}
	}
	if _, ok := opts["measure"]; ok {
		t.Error("terms records --measure, a flag it does not have")
	}
	// The command's section applies to its command only.
	code, out, errs = runArgs("similarity", "--config", path, "--format", "json")
	if code != 0 {
		t.Fatalf("similarity: exit %d: %s", code, errs)
	}
	if opts := decodeReport(t, out).Provenance.Options; opts["measure"] != "cosine-freq" || opts["from-config"] != "measure,stem" {
		t.Errorf("similarity: measure %q from-config %q, want cosine-freq and measure,stem", opts["measure"], opts["from-config"])
	}
	code, out, _ = runArgs("compare", "--config", path, "--format", "json")
	if opts := decodeReport(t, out).Provenance.Options; code != 0 || opts["measure"] != "jsd" || opts["top"] != "7" {
		t.Errorf("compare: exit %d, measure %q top %q, want jsd and 7 from the top level", code, opts["measure"], opts["top"])
	}
	// Without a config file, the provenance says what the command line set.
	_, out, _ = runArgs("terms", "--format", "json", "--top", "2")
	opts = decodeReport(t, out).Provenance.Options
	if opts["from-command-line"] != "format,top" || opts["config"] != "" || opts["from-config"] != "" {
		t.Errorf("no config: from-command-line %q config %q from-config %q", opts["from-command-line"], opts["config"], opts["from-config"])
	}
}

// TestConfigSameOutput: a flag from the file gives the same report as the
// same flag on the command line, but for the provenance saying where it
// came from.
func TestConfigSameOutput(t *testing.T) {
	path := writeConfig(t, "top: 4\nngrams: 2\n")
	_, viaFile, _ := runArgs("terms", "--format", "json", "--config", path)
	_, viaArgs, _ := runArgs("terms", "--format", "json", "--top", "4", "--ngrams", "2")
	a, b := decodeReport(t, viaFile), decodeReport(t, viaArgs)
	if !reflect.DeepEqual(a.Sections, b.Sections) {
		t.Error("the tables differ between --config and the same flags on the command line")
	}
	for _, k := range []string{"config", "config-sha256", "from-config", "from-command-line"} {
		delete(a.Provenance.Options, k)
		delete(b.Provenance.Options, k)
	}
	if !reflect.DeepEqual(a.Provenance.Options, b.Provenance.Options) {
		t.Errorf("effective options differ:\n%v\n%v", a.Provenance.Options, b.Provenance.Options)
	}
}

func TestPrintConfigRoundTrip(t *testing.T) {
	path := writeConfig(t, precedenceConfig)
	code, printed, errs := runArgs("terms", "--config", path, "--top", "5", "--format", "json", "--print-config")
	if code != 0 || errs != "" {
		t.Fatalf("--print-config: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		"# parallax terms " + version + ": the effective configuration",
		"top: 5 # command line\n",
		"min-count: 2 # config " + filepath.ToSlash(path) + ":9\n",
		"stem: true # config " + filepath.ToSlash(path) + ":4\n",
		"ngrams: 1 # default\n",
		`vs: "" # default` + "\n",
		"format: json # command line\n",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("--print-config lacks %q:\n%s", want, printed)
		}
	}
	if strings.Contains(printed, "print-config:") || strings.Contains(printed, "\nconfig:") {
		t.Errorf("--print-config lists --config or itself:\n%s", printed)
	}
	// Fed back, it gives the same effective configuration.
	again := writeConfig(t, printed)
	_, first, _ := runArgs("terms", "--config", path, "--top", "5", "--format", "json")
	_, second, errs := runArgs("terms", "--config", again)
	a, b := decodeReport(t, first), decodeReport(t, second)
	if !reflect.DeepEqual(a.Sections, b.Sections) {
		t.Errorf("the printed configuration gives other tables (%s)", errs)
	}
	for _, k := range []string{"config", "config-sha256", "from-config", "from-command-line"} {
		delete(a.Provenance.Options, k)
		delete(b.Provenance.Options, k)
	}
	if !reflect.DeepEqual(a.Provenance.Options, b.Provenance.Options) {
		t.Errorf("effective options differ:\n%v\n%v", a.Provenance.Options, b.Provenance.Options)
	}
	// Strings that would read as other YAML types stay strings.
	code, printed, _ = runArgs("kwic", "--print-config", "--sample", "true", "--text", "123", "x")
	if code != 0 || !strings.Contains(printed, `sample: "true" # command line`) || !strings.Contains(printed, `text: "123" # command line`) {
		t.Errorf("strings not quoted:\n%s", printed)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, cmd, text string
		want            []string
	}{
		{"unknown key", "terms", "format: csv\ntopp: 5\n",
			[]string{":2: unknown key \"topp\"", "did you mean top?", "flags of terms: ", "clean-off, correction", "commands:"}},
		{"unknown in section", "terms", "commands:\n  terms:\n    measure: jsd\n",
			[]string{":3: unknown key \"measure\" in commands.terms: terms has no flag --measure", "its flags: by, clean-off"}},
		{"other command's section", "terms", "commands:\n  tone:\n    unitt: group\n",
			[]string{":3: unknown key \"unitt\" in commands.tone", "did you mean unit?"}},
		{"unknown command", "terms", "commands:\n  termz:\n    top: 1\n",
			[]string{":2: commands.termz: no such command (commands: ", "terms"}},
		{"list for a string", "terms", "format: [csv, json]\n",
			[]string{":1: format: a list, but --format takes a single value (text)"}},
		{"list for a comma-separated flag", "similarity", "measure:\n  - jsd\n  - cosine-freq\n",
			[]string{":2: measure: a list, but --measure takes a single value (text) (for several, write them comma-separated: a,b)"}},
		{"mapping", "terms", "top: {a: 1}\n", []string{":1: top: a mapping, but --top takes a single value (an integer)"}},
		{"not an integer", "terms", "\n\ntop: many\n", []string{":3: top: \"many\" is not valid: --top takes an integer"}},
		{"not a bool", "terms", "stem: 3\n", []string{":1: stem: \"3\" is not valid: --stem takes true or false"}},
		{"bad value for another command", "terms", "seed: -1\n", []string{":1: seed: \"-1\" is not valid: --seed takes a non-negative integer"}},
		{"no value", "terms", "sample:\n", []string{":1: sample has no value"}},
		{"twice", "terms", "top: 1\ntop: 2\n", []string{":2: top is set twice (first on line 1)"}},
		{"config in config", "terms", "config: other.yaml\n", []string{":1: config: a configuration file cannot name another"}},
		{"not a mapping", "terms", "- top\n- 5\n", []string{":1: the configuration must be a mapping"}},
		{"commands not a mapping", "terms", "commands: [terms]\n", []string{":1: commands must be a mapping"}},
		{"bad YAML", "terms", "top: 5\nformat: [csv\n", []string{"not valid YAML"}},
	}
	for _, tt := range tests {
		path := writeConfig(t, tt.text)
		code, out, errs := runArgs(tt.cmd, "--config", path)
		if code != 2 || out != "" {
			t.Errorf("%s: exit %d, stdout %d bytes; want 2 and nothing", tt.name, code, len(out))
		}
		if !strings.HasPrefix(errs, "parallax: "+path) {
			t.Errorf("%s: %q does not start with the file name", tt.name, errs)
		}
		for _, w := range tt.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: %q lacks %q", tt.name, errs, w)
			}
		}
	}
	code, _, errs := runArgs("terms", "--config", filepath.Join(t.TempDir(), "none.yaml"))
	if code != 2 || !strings.Contains(errs, "none.yaml: no such file") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
	// Empty files and files of comments set nothing.
	for _, text := range []string{"", "# nothing yet\n", "commands:\n  terms:\n"} {
		if code, _, errs := runArgs("terms", "--config", writeConfig(t, text), "--format", "csv"); code != 0 {
			t.Errorf("config %q: exit %d: %s", text, code, errs)
		}
	}
}

// TestCommandFlags: every command's flags can be listed, and listing them
// runs nothing.
func TestCommandFlags(t *testing.T) {
	for _, name := range commandNames() {
		fs := commandFlags(name)
		if fs == nil || fs.Lookup("config") == nil || fs.Lookup("print-config") == nil {
			t.Errorf("%s: flags not found, or without --config and --print-config", name)
		}
	}
	if fs := commandFlags("terms"); fs.Lookup("top") == nil || fs.Lookup("quiet") == nil {
		t.Error("terms: no --top or --quiet")
	}
}
