package main

import (
	"fmt"
	"strings"

	"parallax/analysis"
	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
)

func init() {
	register(&command{name: "tone", args: "[CORPUS]", run: runTone,
		summary: "Tone per group from sentence scores: VADER (compound), naive Bayes P(positive) (trained on movie\nreviews: rough on news) and any --lexicon valence lexicons; 95% bootstrap intervals, pairwise\npermutation tests with Benjamini–Hochberg q, and the agreement of the instruments (Spearman).\n--unit sentence or document lists the scores behind the means. See docs/tone.md.",
		example: "parallax tone --sample allsides-middle-east --format csv -o tone/"})
}

func runTone(c *command, args []string, e *env) error {
	var cf corpusFlags
	fs := c.flagSet(e, &cf)
	unit := fs.String("unit", "group", "group (means with intervals), sentence or document (the scores behind them)")
	lexNames := fs.String("lexicon", "", "comma-separated valence lexicons (pack names or files: CSV pattern,score, native kind valence) scored as instruments")
	resamples := fs.Int("resamples", resample.DefaultResamples, "bootstrap resamples")
	perms := fs.Int("permutations", resample.DefaultPermutations, "permutations per pair of groups")
	seed := fs.Uint64("seed", resample.DefaultSeed, "seed of the bootstrap and permutations (same seed, same numbers)")
	var sf strataFlags
	sf.add(fs)
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	if sf.by != "" && *unit != "group" {
		return usagef("--by gives tone means within strata: use it with --unit group")
	}
	switch *unit {
	case "group", "sentence", "document":
	default:
		return usagef("--unit %q: use group, sentence or document", *unit)
	}
	if *resamples < 1 || *perms < 1 {
		return usagef("--resamples and --permutations must be at least 1")
	}
	opt := tonestats.Options{Sentences: *unit == "sentence", Documents: *unit == "document"}
	if *lexNames != "" {
		for _, name := range strings.Split(*lexNames, ",") {
			lx, err := lexicons.Resolve(strings.TrimSpace(name))
			if err != nil {
				return usageError{err}
			}
			if lx.Kind != lexicons.KindValence {
				return usagef("--lexicon %s is of kind %s: tone needs a valence lexicon (pattern → score)", lx.Name, lx.Kind)
			}
			m, err := lexmatch.Compile(lx)
			if err != nil {
				return usageError{err}
			}
			opt.Lexicons = append(opt.Lexicons, tonestats.Lexicon{Name: lx.Name, Matcher: m})
		}
	}
	col, err := tonestats.NewCollector(opt)
	if err != nil {
		return err
	}
	res, strata, err := sf.run(&cf, pos, e, func(o *analysis.Options) { o.Visit = col.Visit })
	if err != nil {
		return err
	}
	if strata != nil {
		sum, err := col.Summarize(tonestats.StatsOptions{Resamples: *resamples, Seed: *seed, NoPairs: true})
		if err != nil {
			return err
		}
		sections := []report.Section{report.StandardisedToneSection(tonestats.Standardise(sum), sf.by), strataToneSection(sum)}
		return cf.write(e, &report.Report{Provenance: provenance(c.name, fs, res), Sections: sections})
	}
	var sections []report.Section
	switch *unit {
	case "sentence":
		sections = []report.Section{report.SentenceToneSection(col)}
	case "document":
		sections = []report.Section{report.DocumentToneSection(col)}
	default:
		sum, err := col.Summarize(tonestats.StatsOptions{Resamples: *resamples, Permutations: *perms, Seed: *seed})
		if err != nil {
			return err
		}
		sections = []report.Section{report.ToneSection(sum), report.AgreementSection(sum), report.TonePairsSection(sum)}
		if cf.format == "csv" && cf.output == "" {
			// On a pipe, the table the issue names: group, instrument, mean, ci_low, ci_high, n, unit.
			fmt.Fprintln(e.stderr, "parallax: the agreement and pairwise tables are not in this CSV: use -o DIR/ for all three")
			sections = sections[:1]
		}
	}
	return cf.write(e, &report.Report{Provenance: provenance(c.name, fs, res), Sections: sections})
}
