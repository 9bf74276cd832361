package main

import (
	"parallax/analysis"
	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

func init() {
	register(&command{name: "lexicon", args: "[CORPUS]", run: runLexicon,
		summary: "Scores each group with one lexicon: hits per 1,000 words per category with 95% bootstrap intervals;\n--explain CATEGORY lists the passages behind a number. --lexicon takes an embedded pack\n(parallax lexicons) or a file: native YAML, LIWC .dic, quanteda YAML, CSV pattern,score.",
		example: "parallax lexicon --lexicon frames --explain security_military --explain-group \"EU Reporter\""})
}

func runLexicon(c *command, args []string, e *env) error {
	var cf corpusFlags
	fs := c.flagSet(e, &cf)
	name := fs.String("lexicon", "", "an embedded pack name or a lexicon file (required)")
	explain := fs.String("explain", "", "list the passages behind this category")
	explainGroup := fs.String("explain-group", "", "with --explain: only passages of this group")
	maxPassages := fs.Int("max", 20, "with --explain: passages per group")
	resamples := fs.Int("resamples", resample.DefaultResamples, "bootstrap resamples")
	seed := fs.Uint64("seed", resample.DefaultSeed, "seed of the bootstrap (same seed, same intervals)")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	if *name == "" {
		return usagef("lexicon needs --lexicon NAME or FILE (parallax lexicons lists the packs)")
	}
	if *resamples < 1 || *maxPassages < 1 {
		return usagef("--resamples and --max must be at least 1")
	}
	lx, err := lexicons.Resolve(*name)
	if err != nil {
		return usageError{err}
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		return usageError{err}
	}
	if *explain != "" && !hasKey(lx, *explain) {
		return usagef("--explain %q: lexicon %s has no such category (%s)", *explain, lx.Name, termstats.GroupList(lexmatch.Keys(lx)))
	}
	if *explainGroup != "" && *explain == "" {
		return usagef("--explain-group needs --explain CATEGORY")
	}
	col := &lexmatch.Collector{Matcher: m, Explain: *explain, ExplainGroup: *explainGroup, ExplainMax: *maxPassages}
	res, err := cf.run(pos, e, func(o *analysis.Options) { o.Visit = col.Visit })
	if err != nil {
		return err
	}
	if *explainGroup != "" && res.Table.GroupIndex(*explainGroup) < 0 {
		return usagef("--explain-group %q: no such group (groups: %s)", *explainGroup, termstats.GroupList(res.Table.Groups))
	}
	sections := []report.Section{report.LexiconSection(lx, col.Rows(*resamples, *seed), *resamples, *seed)}
	if *explain != "" {
		sections = append(sections, report.PassagesSection(*explain, col.Passages(), *maxPassages))
	}
	p := provenance(c.name, fs, res)
	p.Options["lexicon-version"] = lx.Version
	return cf.write(e, &report.Report{Provenance: p, Sections: sections})
}

func hasKey(lx *lexicons.Lexicon, key string) bool {
	for _, k := range lexmatch.Keys(lx) {
		if k == key {
			return true
		}
	}
	return false
}
