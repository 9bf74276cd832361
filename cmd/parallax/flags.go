package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"time"

	"parallax"
	"parallax/analysis"
	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/report"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

// errHelp is returned after -h printed a command's help: exit status 0.
var errHelp = errors.New("help requested")

// env is what a command reads from and writes to; tests substitute buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// terminal says that standard error is a terminal: only then is the
	// progress line drawn (progress.go).
	terminal bool
	// progressAfter and progressEvery override when the progress line is
	// first drawn and how often it is redrawn (tests); 0 means the default,
	// and a negative progressAfter draws it as soon as reading starts.
	progressAfter, progressEvery time.Duration
	prog                         *progressLine // the progress line of this run, when drawn
	// probe, when set, receives a command's flags at parse time and stops
	// the command there (commandFlags).
	probe func(*flag.FlagSet)
	// capture, when set, receives the report a command would write, which
	// is then not written (tests render it at several widths).
	capture func(*report.Report)
}

// command is one subcommand: its help text, example, and body.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	example string
	run     func(c *command, args []string, e *env) error
	cf      *corpusFlags // the corpus flags of the current run, if any
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func commandNames() []string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// corpusFlags are the flags every corpus-reading command shares.
type corpusFlags struct {
	sample, format, output            string
	text, group, id, date, title, url string
	inputFormat                       string
	skipBad, keepDuplicates, noClean  bool
	foldGroups                        bool
	cleanOff                          string
	stopwords                         string
	stem                              bool
	ngrams, minLength, workers        int
	width                             int
	quiet                             bool
	sel                               selectFlags     // --where, --from, --to, --groups, --min-docs, --top-groups (select.go)
	set                               map[string]bool // flags given on the command line or in the config file
	env                               *env            // where the command reads and writes
	inputSize                         int64           // bytes of the corpus file when known (for the progress ETA), else 0
}

func (c *command) flagSet(e *env, cf *corpusFlags) *flag.FlagSet {
	c.cf = cf
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&configFlag{}, "config", "read flag values from the YAML `FILE` (docs/config.md); flags on the command line win")
	fs.Bool("print-config", false, "print the effective value of every flag as YAML for --config, and stop")
	if cf != nil {
		cf.env = e
		fs.StringVar(&cf.sample, "sample", "", "embedded corpus to use when no CORPUS is given: "+strings.Join(parallax.SampleNames(), ", ")+" (default karabakh)")
		fs.StringVar(&cf.format, "format", "table", "output format: table, markdown, csv, json, latex")
		fs.StringVar(&cf.output, "o", "", "write to this file instead of standard output; to a folder (existing, or ending in /) one file per section and provenance.json")
		fs.StringVar(&cf.text, "text", "text", "record field holding the article text")
		fs.StringVar(&cf.group, "group", "outlet", "record field to group by (any field: outlet, topic, bias, …)")
		fs.StringVar(&cf.id, "id", "id", "record field holding the document id")
		fs.StringVar(&cf.date, "date", "date", "record field holding the date; by default \"published\" is used when a record has no \"date\" (ISO 8601 sorts correctly)")
		fs.StringVar(&cf.title, "title", "title", "record field holding the title")
		fs.StringVar(&cf.url, "url", "url", "record field holding the URL")
		fs.StringVar(&cf.inputFormat, "input-format", "", "jsonl, json, csv or folder (default: from the file name)")
		fs.BoolVar(&cf.skipBad, "skip-bad", false, "report malformed records and go on instead of stopping")
		fs.BoolVar(&cf.keepDuplicates, "keep-duplicates", false, "count exact duplicate texts every time (default: once)")
		fs.BoolVar(&cf.foldGroups, "fold-groups", false, "merge groups whose names differ only by case (\"Reuters\", \"REUTERS\") under the spelling read first")
		fs.BoolVar(&cf.noClean, "no-clean", false, "do not remove page furniture (footers, teasers, …)")
		fs.StringVar(&cf.cleanOff, "clean-off", "", "comma-separated cleaning rules to switch off (see parallax clean -h)")
		// The term options' defaults hold for commands that count no terms
		// (addTerms registers them where they change the output).
		cf.stopwords, cf.ngrams = "en", 1
		fs.IntVar(&cf.workers, "workers", 0, "parallel workers (default: number of CPUs); results do not depend on it")
		fs.IntVar(&cf.width, "width", report.DefaultWidth, fmt.Sprintf("widest text table in columns, at least %d: longer cells are cut with …, then wider tables get numbered headers and a legend; a matrix still too wide is split into blocks of columns, any other table printed as field: value records", report.MinWidth))
		fs.BoolVar(&cf.quiet, "quiet", false, "write nothing to standard error but errors: no progress line, no notes")
		cf.sel.add(fs)
	}
	return fs
}

// termFlags are the flags that choose which terms are counted: only the
// commands whose output counts terms (terms, similarity, corpus, compare,
// report) take them.
var termFlags = []string{"stopwords", "stem", "ngrams", "min-length"}

// addTerms registers the term options (termFlags) on fs.
func (cf *corpusFlags) addTerms(fs *flag.FlagSet) {
	fs.StringVar(&cf.stopwords, "stopwords", "en", "stop words: en, none, a file with one word a line (replaces en), or +FILE (adds its words to en)")
	fs.BoolVar(&cf.stem, "stem", false, "reduce words to their Snowball (Porter2) English stem")
	fs.IntVar(&cf.ngrams, "ngrams", 1, fmt.Sprintf("count n-grams of 1..N adjacent terms within a sentence (N from 1 to %d)", report.MaxNGrams))
	fs.IntVar(&cf.minLength, "min-length", 0, "ignore terms shorter than this many bytes (0 or more)")
}

// checkRanges refuses out-of-range values of the corpus flags, naming the
// valid range.
func (cf *corpusFlags) checkRanges() error {
	if err := report.CheckFlagRanges(cf.ngrams, cf.minLength, cf.width); err != nil {
		return usageError{err}
	}
	return nil
}

// otherCommandsFlag says which commands take the flag that the flag
// package reports as not defined in err, when another command does: ""
// otherwise.
func otherCommandsFlag(current string, err error) string {
	const prefix = "flag provided but not defined: -"
	msg := err.Error()
	if !strings.HasPrefix(msg, prefix) {
		return ""
	}
	name := strings.TrimPrefix(msg[len(prefix):], "-")
	var takers []string
	for _, n := range commandNames() {
		if n == current {
			continue
		}
		if fs := commandFlags(n); fs != nil && fs.Lookup(name) != nil {
			takers = append(takers, n)
		}
	}
	if len(takers) == 0 {
		return ""
	}
	return fmt.Sprintf("%s: --%s is not a flag of %s: it changes the output of %s only (run 'parallax %s -h' for the flags of %s)",
		current, name, current, strings.Join(takers, ", "), current, current)
}

// parse parses flags and positional arguments in any order, as users type
// them ("parallax terms corpus.jsonl --top 5"), then applies --config.
// With --print-config it prints the configuration and returns errHelp, so
// the command stops with exit status 0; with --quiet, standard error is
// discarded from here on (errors are printed by run, not through e).
func (c *command) parse(fs *flag.FlagSet, args []string, e *env) ([]string, error) {
	if e.probe != nil {
		e.probe(fs)
		return nil, errHelp
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.printHelp(fs, e.stdout)
				return nil, errHelp
			}
			if msg := otherCommandsFlag(c.name, err); msg != "" {
				return nil, usagef("%s", msg)
			}
			return nil, usagef("%s: %v (run 'parallax %s -h')", c.name, err, c.name)
		}
		if fs.NArg() == 0 {
			if err := c.applyConfig(fs); err != nil {
				return nil, err
			}
			c.recordSet(fs)
			if c.cf != nil {
				if err := c.cf.checkRanges(); err != nil {
					return nil, err
				}
			}
			if f := fs.Lookup("print-config"); f != nil && f.Value.String() == "true" {
				if err := c.printConfig(e.stdout, fs, pos); err != nil {
					return nil, err
				}
				return nil, errHelp
			}
			if c.cf != nil && c.cf.quiet {
				e.stderr = io.Discard
			}
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// recordSet remembers which corpus flags were given explicitly, on the
// command line or in the config file.
func (c *command) recordSet(fs *flag.FlagSet) {
	if c.cf == nil {
		return
	}
	c.cf.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.cf.set[f.Name] = true })
}

func (c *command) printHelp(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "usage: parallax %s [flags] %s\n\n%s\n\nexample:\n  %s\n\nflags:\n", c.name, c.args, c.summary, c.example)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// source resolves the corpus argument (or --sample) to an analysis.Source.
func (cf *corpusFlags) source(pos []string) (corpus.Source, error) {
	switch {
	case len(pos) > 1:
		return corpus.Source{}, usagef("one corpus at a time, got %d: %q", len(pos), pos)
	case len(pos) == 1 && cf.sample != "":
		return corpus.Source{}, usagef("give a corpus or --sample, not both")
	case len(pos) == 1:
		name := pos[0]
		if name == "-" {
			if cf.env != nil {
				cf.inputSize = regularSize(cf.env.stdin) // redirected from a file
			}
			return corpus.Source{Path: "-", Name: "stdin"}, nil
		}
		fi, err := os.Stat(name)
		switch {
		case errors.Is(err, syscall.ELOOP):
			return corpus.Source{}, fmt.Errorf("corpus %q: symbolic link loop: the link leads back to itself; give the path of the real file or folder", name)
		case errors.Is(err, os.ErrNotExist):
			return corpus.Source{}, fmt.Errorf("corpus %q: no such file or folder", name)
		case err != nil:
			return corpus.Source{}, fmt.Errorf("corpus %q: %v", name, err)
		}
		if fi.Mode().IsRegular() {
			cf.inputSize = fi.Size()
		}
		return corpus.Source{Path: name, Name: filepath.ToSlash(name)}, nil
	}
	name := cf.sample
	if name == "" {
		name = "karabakh"
	}
	s, ok := parallax.LookupSample(name)
	if !ok {
		return corpus.Source{}, usagef("no sample %q (samples: %s)", name, strings.Join(parallax.SampleNames(), ", "))
	}
	return corpus.Source{FS: parallax.Samples(), Path: s.Path, Name: "sample:" + s.Name}, nil
}

// explicit returns value when flag name was given, else "": the loader then
// applies its documented default (for the date, "date" falling back to
// "published").
func (cf *corpusFlags) explicit(name, value string) string {
	if cf.set[name] {
		return value
	}
	return ""
}

// options turns the flags into pipeline options.
func (cf *corpusFlags) options(stdin io.Reader) (analysis.Options, error) {
	sw, err := lexicons.LoadStopWords(cf.stopwords)
	if err != nil {
		return analysis.Options{}, usageError{err}
	}
	opt := analysis.Options{
		Load: corpus.LoadOptions{
			TextField: cf.text, GroupField: cf.group, IDField: cf.id, DateField: cf.explicit("date", cf.date),
			TitleField: cf.title, URLField: cf.url, Format: cf.inputFormat,
			SkipBad: cf.skipBad, KeepDuplicates: cf.keepDuplicates, FoldGroups: cf.foldGroups, Stdin: stdin,
		},
		NoClean: cf.noClean,
		Terms:   termstats.TermOptions{StopWords: sw, Stem: cf.stem, NGrams: cf.ngrams, MinLength: cf.minLength},
		Workers: cf.workers,
	}
	if opt.Load.Select, err = cf.sel.selection(); err != nil {
		return opt, err
	}
	if cf.cleanOff != "" {
		known := map[string]bool{}
		var names []string
		for _, r := range clean.Rules() {
			known[r.Name] = true
			names = append(names, r.Name)
		}
		for _, r := range strings.Split(cf.cleanOff, ",") {
			r = strings.TrimSpace(r)
			if !known[r] {
				return opt, usagef("--clean-off: no cleaning rule %q (rules: %s)", r, strings.Join(names, ", "))
			}
			opt.Clean.Disable = append(opt.Clean.Disable, r)
		}
	}
	if err := opt.Terms.Validate(); err != nil {
		return opt, usageError{err}
	}
	// Reading starts next: show progress on a terminal, unless --quiet.
	if e := cf.env; e != nil && e.terminal && !cf.quiet {
		opt.Progress = &analysis.Progress{}
		e.startProgress(opt.Progress, cf.inputSize)
	}
	return opt, nil
}

// provenance records the effective value of every flag that shapes output,
// which of them came from the command line and which from the config file,
// and the config file's path and SHA-256.
func provenance(cmd string, fs *flag.FlagSet, res *analysis.Result) report.Provenance {
	p := report.Provenance{Tool: "parallax", Version: version, Command: cmd, Options: map[string]string{}}
	cfg, _ := fs.Lookup("config").Value.(*configFlag)
	var fromCLI, fromFile []string
	fs.VisitAll(func(f *flag.Flag) {
		switch f.Name {
		case "o", "workers", "quiet": // where output goes, how fast, what stderr says: not what it says
			return
		case "config", "print-config":
			return
		}
		p.Options[f.Name] = f.Value.String()
		if cfg != nil {
			switch cfg.origins[f.Name] {
			case fromCommandLine:
				fromCLI = append(fromCLI, f.Name)
			case fromConfig:
				fromFile = append(fromFile, f.Name)
			}
		}
	})
	if len(fromCLI) > 0 {
		p.Options["from-command-line"] = strings.Join(fromCLI, ",")
	}
	if len(fromFile) > 0 {
		p.Options["from-config"] = strings.Join(fromFile, ",")
	}
	if cfg != nil && cfg.file != nil {
		p.Options["config"] = filepath.ToSlash(cfg.file.path)
		p.Options["config-sha256"] = cfg.file.sha256
	}
	if sw := fs.Lookup("stopwords"); sw != nil {
		if list, err := lexicons.LoadStopWords(sw.Value.String()); err == nil {
			p.Options["stopwords-sha256"] = list.Hash()
		}
	}
	if res != nil {
		report.EffectiveOptions(p.Options, res.Source, res.Load)
	} else {
		report.EffectiveOptions(p.Options, "", nil)
	}
	if res != nil {
		p.Corpus = res.Source
		p.Fingerprint = res.Fingerprint
		p.Documents = res.Table.TotalDocs
		// The same texts cleaned without the repeated-line rule (standard
		// input cannot be read twice) give other numbers: say so.
		switch c := res.Cleaning; {
		case !c.Enabled:
			p.Options["cleaning"] = "off"
		case c.RepeatedRule:
			p.Options["cleaning"] = "all rules"
		default:
			p.Options["cleaning"] = "without repeated-line (one pass)"
		}
	}
	if rev := buildRevision(); rev != "" {
		p.Options["build"] = rev
	}
	return p
}

// buildRevision is the version-control revision the binary was built from,
// when the Go toolchain recorded one ("go build" in a git checkout), with
// "+modified" for a dirty tree; "" otherwise ("go run", tests).
func buildRevision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return ""
	}
	return rev + modified
}

// form says which table of a section the output format shows. With -o DIR
// every section is written whole, so both are kept.
func (cf *corpusFlags) form() report.Form {
	switch {
	case cf.output != "" && cf.format == "csv":
		return report.BothForms
	case cf.format == "csv" || cf.format == "json":
		return report.TidyForm
	case cf.format == "table" || cf.format == "markdown" || cf.format == "latex":
		return report.DisplayForm
	}
	return report.BothForms
}

// write renders the report to -o or standard output, once the progress
// line, if any, is cleared.
func (cf *corpusFlags) write(e *env, r *report.Report) error {
	e.stopProgress()
	if e.capture != nil {
		e.capture(r)
		return nil
	}
	f, err := report.ParseFormat(cf.format)
	if err != nil {
		return usageError{err}
	}
	if cf.output != "" && report.IsDirTarget(cf.output) || f == "csv" && len(r.Sections) > 1 {
		if cf.output != "" && !report.IsDirTarget(cf.output) {
			return usagef("-o %q: csv holds one table and this report has %d sections: name a folder (ending in /) for one file per section", cf.output, len(r.Sections))
		}
		if cf.output == "" {
			return usagef("csv holds one table and this report has %d sections: use -o DIR to write one file per section, or a command that prints one table (terms, similarity)", len(r.Sections))
		}
		paths, err := report.WriteDir(cf.output, r, f, report.Options{Width: cf.width})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "parallax: wrote %s\n", strings.Join(paths, ", "))
		return nil
	}
	if cf.output == "" {
		return report.Render(e.stdout, r, f, report.Options{Width: cf.width})
	}
	out, err := os.Create(cf.output)
	if err != nil {
		return err
	}
	if err := report.Render(out, r, f, report.Options{Width: cf.width}); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
