package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"parallax"
	"parallax/analysis"
	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/report"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

// The flags of parallax's terms and similarity, declared again: parallax's
// own are in its package main, which cannot be imported. flags_test.go
// checks that the two sets have the same names, defaults and help.

// version is the parallax version this pipeline computes the output of; it
// is recorded in the provenance, as parallax records its own.
const version = "0.1.0"

// usageError marks errors in how the command was called: exit status 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errHelp is returned after -h printed a command's help: exit status 0.
var errHelp = errors.New("help requested")

// notYet are parallax flags parallax-beam does not have yet: given, they
// are refused with a usage error that says so (parseError). Besides
// --config and --print-config, the flags other work adds to parallax
// (selection, strata, queries, stance, …): TestFlagsMatch lists every
// parallax flag missing here and checks that it is refused.
var notYet = map[string]bool{
	"config": true, "print-config": true,
	"where": true, "from": true, "to": true, "groups": true, "min-docs": true, "top-groups": true,
	"by": true, "q": true, "min-docs-term": true, "stance": true, "keep-self-mentions": true, "within": true,
	"score-labels": true,
}

// notYetDefaults are the values parallax records in its provenance for the
// notYet flags of each command when they are not given: parallax-beam
// computes what parallax does with those defaults, so it records them too.
var notYetDefaults = map[string]map[string]string{
	"terms":      {"by": "", "keep-self-mentions": "false", "min-docs-term": fmt.Sprint(termstats.DefaultMinDocsTerm), "q": "0", "within": "corpus"},
	"similarity": {"keep-self-mentions": "false"},
	"tone":       {"by": ""},
	"compare":    {"by": "", "keep-self-mentions": "false", "min-docs-term": fmt.Sprint(termstats.DefaultMinDocsTerm), "q": "0", "score-labels": "false"},
}

// parseError words a command-line parsing error as parallax does; a
// parallax flag parallax-beam does not have yet (notYet) says so.
func parseError(cmd string, err error) error {
	const undefined = "flag provided but not defined: -"
	if name, ok := strings.CutPrefix(err.Error(), undefined); ok && notYet[name] {
		return usagef("%s: --%s is a flag of parallax that parallax-beam does not have yet (docs/cluster.md, What remains): run 'parallax %s' for it", cmd, name, cmd)
	} else if ok {
		var takers []string
		for _, other := range commandNames {
			var pj parsedJob
			if fs, _ := commandFlags(other, &pj); other != cmd && fs.Lookup(name) != nil {
				takers = append(takers, other)
			}
		}
		if len(takers) > 0 {
			return usagef("%s: --%s is not a flag of %s: it changes the output of %s only (run 'parallax-beam %s -h' for the flags of %s)",
				cmd, name, cmd, strings.Join(takers, ", "), cmd, cmd)
		}
	}
	return usagef("%s: %v (run 'parallax-beam %s -h')", cmd, err, cmd)
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
	set                               map[string]bool // flags given on the command line
}

func (cf *corpusFlags) add(fs *flag.FlagSet) {
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
	// (addTerms registers them where they change the output), as in parallax.
	cf.stopwords, cf.ngrams = "en", 1
	fs.IntVar(&cf.workers, "workers", 0, "parallel workers (default: number of CPUs); results do not depend on it")
	fs.IntVar(&cf.width, "width", report.DefaultWidth, fmt.Sprintf("widest text table in columns, at least %d: longer cells are cut with …, then wider tables get numbered headers and a legend; a matrix still too wide is split into blocks of columns, any other table printed as field: value records", report.MinWidth))
	fs.BoolVar(&cf.quiet, "quiet", false, "write nothing to standard error but errors: no progress line, no notes")
}

// addTerms registers the term options on fs: only the commands whose
// output counts terms (terms, similarity, compare) take them.
func (cf *corpusFlags) addTerms(fs *flag.FlagSet) {
	fs.StringVar(&cf.stopwords, "stopwords", "en", "stop words: en, none, a file with one word a line (replaces en), or +FILE (adds its words to en)")
	fs.BoolVar(&cf.stem, "stem", false, "reduce words to their Snowball (Porter2) English stem")
	fs.IntVar(&cf.ngrams, "ngrams", 1, fmt.Sprintf("count n-grams of 1..N adjacent terms within a sentence (N from 1 to %d)", report.MaxNGrams))
	fs.IntVar(&cf.minLength, "min-length", 0, "ignore terms shorter than this many bytes (0 or more)")
}

// termsFlags are the distinctive-terms options of terms.
type termsFlags struct {
	top        int
	vs, target string
	minCount   int64
	prior      float64
	idf        string
	correction string
	dtm, rank  string
	zeros      bool
}

func (tf *termsFlags) add(fs *flag.FlagSet, top int) {
	fs.IntVar(&tf.top, "top", top, "terms per group (0: every tested term, flagged ones included)")
	fs.StringVar(&tf.vs, "vs", "", "compare against this one group instead of all the others")
	fs.StringVar(&tf.target, "target", "", "only this group (default: every group)")
	fs.Int64Var(&tf.minCount, "min-count", termstats.DefaultKeynessMinCount, "test a term only if it occurs at least this often in group + reference")
	fs.Float64Var(&tf.prior, "prior-scale", 0, "s in the Dirichlet prior α_w = s·c_w/N (0: s = N, α_w = c_w)")
	fs.StringVar(&tf.idf, "idf", "smooth", "idf for the tfidf column: smooth = ln((1+D)/(1+df))+1, nosmooth = ln(D/df)+1, plain = ln(D/df) (docs/measures.md)")
	fs.StringVar(&tf.correction, "correction", "none", "continuity correction for G² and χ²: none, yates or williams (see docs/measures.md)")
}

func (tf *termsFlags) addTermsOnly(fs *flag.FlagSet) {
	fs.StringVar(&tf.dtm, "dtm", "", "also write the group × term counts behind every measure to this CSV file (group,term,count,docs)")
	fs.StringVar(&tf.rank, "rank", "logodds", "logodds: distinctive terms (keyness); count or tfidf: each group's most frequent terms")
	fs.BoolVar(&tf.zeros, "zeros", false, "with --top 0, list also the tested terms a group never uses (count 0): a row per group and tested term")
}

// simFlags are the options of similarity.
type simFlags struct {
	measures, idf string
	docs          bool
	k             int
	maxDF         float64
}

func (sf *simFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&sf.measures, "measure", "cosine-tfidf", "comma-separated: cosine-tfidf, cosine-freq, jsd")
	fs.StringVar(&sf.idf, "idf", "smooth", "idf for cosine-tfidf: smooth, nosmooth or plain (docs/measures.md)")
	fs.BoolVar(&sf.docs, "docs", false, "list each document's nearest documents instead of the group matrix")
	fs.IntVar(&sf.k, "k", 5, "with --docs: neighbours per document")
	fs.Float64Var(&sf.maxDF, "max-df", 0, "with --docs: skip terms in more than this share of documents when finding candidates (0: none; docs/similarity.md)")
}

// job is one command line of parallax-beam: the command and its parallax
// flags and arguments (Beam's pipeline flags removed). Every worker parses
// it again into the same options, so one code path turns flags into
// options on the launcher and on the workers.
type job struct {
	Cmd  string
	Args []string
}

// parsedJob is a job with its flags parsed.
type parsedJob struct {
	cmd string
	fs  *flag.FlagSet
	cf  corpusFlags
	tf  termsFlags
	sf  simFlags
	tn  toneFlags
	cp  compareFlags
	pos []string
}

// commandNames are parallax-beam's commands, in alphabetical order.
var commandNames = []string{"compare", "similarity", "terms", "tone"}

// commandFlags returns the flag set of command cmd, its values in pj.
func commandFlags(cmd string, pj *parsedJob) (*flag.FlagSet, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pj.cf.add(fs)
	switch cmd {
	case "terms":
		pj.cf.addTerms(fs)
		pj.tf.add(fs, 20)
		pj.tf.addTermsOnly(fs)
	case "similarity":
		pj.cf.addTerms(fs)
		pj.sf.add(fs)
	case "tone":
		pj.tn.add(fs)
	case "compare":
		pj.cf.addTerms(fs)
		pj.tf.add(fs, 10)
		pj.cp.add(fs)
	default:
		return nil, usagef("unknown command %q (commands: %s)", cmd, strings.Join(commandNames, ", "))
	}
	return fs, nil
}

// parse parses the job's flags and positional arguments, in any order.
func (j job) parse() (*parsedJob, error) {
	pj := &parsedJob{cmd: j.Cmd}
	fs, err := commandFlags(j.Cmd, pj)
	if err != nil {
		return nil, err
	}
	pj.fs = fs
	args := j.Args
	for {
		if err := fs.Parse(args); err != nil {
			return nil, parseError(j.Cmd, err)
		}
		if fs.NArg() == 0 {
			break
		}
		pj.pos = append(pj.pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	pj.cf.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { pj.cf.set[f.Name] = true })
	return pj, nil
}

// check validates the command's own flags before the pipeline runs, as
// parallax does before reading the corpus.
func (pj *parsedJob) check() error {
	switch pj.cmd {
	case "terms":
		return pj.tf.check(pj.cf.form())
	case "similarity":
		_, _, err := pj.sf.parse()
		return err
	case "tone":
		_, err := pj.tn.options()
		return err
	case "compare":
		return pj.cp.check(pj)
	}
	return nil
}

// hasCollectors says whether the command reports more than terms: its
// documents go through the collectors of collect.go too.
func hasCollectors(cmd string) bool { return cmd == "tone" || cmd == "compare" }

// input is what the pipeline reads: an embedded sample, or a path or glob
// on a file system the runner reads (a folder is one input).
type input struct {
	Sample string // sample name, or ""
	Path   string // path inside the samples, or the path or glob
	Name   string // shown in provenance: "sample:karabakh", or the path
	Glob   bool   // Path is a glob to expand (fileio.MatchFiles)
}

// source resolves the corpus argument (or --sample).
func (cf *corpusFlags) source(pos []string) (input, error) {
	switch {
	case len(pos) > 1:
		return input{}, usagef("one corpus at a time, got %d: %q", len(pos), pos)
	case len(pos) == 1 && cf.sample != "":
		return input{}, usagef("give a corpus or --sample, not both")
	case len(pos) == 1:
		name := pos[0]
		if name == "-" {
			return input{}, usagef("parallax-beam cannot read standard input: workers read the input themselves; give a file, a glob or a folder")
		}
		if strings.ContainsAny(name, "*?[") {
			return input{Path: name, Name: filepath.ToSlash(name), Glob: true}, nil
		}
		if isBucket(name) {
			return input{Path: name, Name: name}, nil // the workers read it; a missing file is their error
		}
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return input{}, fmt.Errorf("corpus %q: no such file or folder", name)
		} else if err != nil {
			return input{}, fmt.Errorf("corpus %q: %v", name, err)
		}
		return input{Path: name, Name: filepath.ToSlash(name)}, nil
	}
	name := cf.sample
	if name == "" {
		name = "karabakh"
	}
	s, ok := parallax.LookupSample(name)
	if !ok {
		return input{}, usagef("no sample %q (samples: %s)", name, strings.Join(parallax.SampleNames(), ", "))
	}
	return input{Sample: s.Name, Path: s.Path, Name: "sample:" + s.Name}, nil
}

// explicit returns value when flag name was given, else "".
func (cf *corpusFlags) explicit(name, value string) string {
	if cf.set[name] {
		return value
	}
	return ""
}

// checkRanges refuses out-of-range values with parallax's messages.
func (cf *corpusFlags) checkRanges() error {
	if err := report.CheckFlagRanges(cf.ngrams, cf.minLength, cf.width); err != nil {
		return usageError{err}
	}
	return nil
}

// options turns the flags into the options of parallax's pipeline, as
// parallax does.
func (cf *corpusFlags) options() (analysis.Options, error) {
	if err := cf.checkRanges(); err != nil {
		return analysis.Options{}, err
	}
	sw, err := lexicons.LoadStopWords(cf.stopwords)
	if err != nil {
		return analysis.Options{}, usageError{err}
	}
	opt := analysis.Options{
		Load: corpus.LoadOptions{
			TextField: cf.text, GroupField: cf.group, IDField: cf.id, DateField: cf.explicit("date", cf.date),
			TitleField: cf.title, URLField: cf.url, Format: cf.inputFormat,
			SkipBad: cf.skipBad, KeepDuplicates: cf.keepDuplicates, FoldGroups: cf.foldGroups,
		},
		NoClean: cf.noClean,
		Terms:   termstats.TermOptions{StopWords: sw, Stem: cf.stem, NGrams: cf.ngrams, MinLength: cf.minLength},
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
	return opt, nil
}

// repeatedRule says whether the repeated-line rule runs (every input of
// parallax-beam can be read twice).
func repeatedRule(opt analysis.Options) bool {
	if opt.NoClean {
		return false
	}
	for _, r := range opt.Clean.Disable {
		if r == "repeated-line" {
			return false
		}
	}
	return true
}

// provenance records the effective value of every flag that shapes output,
// as parallax does; the tool names the runner that computed it
// ("parallax-beam/prism"), the one field that differs from parallax's.
func provenance(pj *parsedJob, res *analysis.Result, runner string) report.Provenance {
	p := report.Provenance{Tool: "parallax-beam/" + runner, Version: version, Command: pj.cmd, Options: map[string]string{}}
	var fromCLI []string
	pj.fs.VisitAll(func(f *flag.Flag) {
		switch f.Name {
		case "o", "workers", "quiet":
			return
		}
		p.Options[f.Name] = f.Value.String()
		if pj.cf.set[f.Name] {
			fromCLI = append(fromCLI, f.Name)
		}
	})
	for name, v := range notYetDefaults[pj.cmd] {
		if pj.fs.Lookup(name) == nil {
			p.Options[name] = v
		}
	}
	if len(fromCLI) > 0 {
		p.Options["from-command-line"] = strings.Join(fromCLI, ",")
	}
	if pj.fs.Lookup("stopwords") != nil {
		if list, err := lexicons.LoadStopWords(pj.cf.stopwords); err == nil {
			p.Options["stopwords-sha256"] = list.Hash()
		}
	}
	report.EffectiveOptions(p.Options, res.Source, res.Load)
	p.Corpus = res.Source
	p.Fingerprint = res.Fingerprint
	p.Documents = res.Table.TotalDocs
	switch c := res.Cleaning; {
	case !c.Enabled:
		p.Options["cleaning"] = "off"
	case c.RepeatedRule:
		p.Options["cleaning"] = "all rules"
	default:
		p.Options["cleaning"] = "without repeated-line (one pass)"
	}
	return p
}
