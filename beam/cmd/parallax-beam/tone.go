package main

import (
	"flag"
	"fmt"
	"strings"

	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
)

// Tone on Beam (collect.go): the count step scores every document's
// sentences with parallax's tonestats.Collector.Map into a
// tonestats.DocRecord; CombinePerKey adds them into one tonestats.Acc per
// group; the finishing worker merges the groups' Accs and runs Summarize
// with parallax's seeds. The Acc orders documents by their load ordinal
// and takes every sum within one document, so any split and merge order
// gives parallax's numbers.

// toneFlags are the options of tone.
type toneFlags struct {
	unit, lexicon    string
	resamples, perms int
	seed             uint64
}

func (tn *toneFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&tn.unit, "unit", "group", "group (means with intervals), sentence or document (the scores behind them)")
	fs.StringVar(&tn.lexicon, "lexicon", "", "comma-separated valence lexicons (pack names or files: CSV pattern,score, native kind valence) scored as instruments")
	fs.IntVar(&tn.resamples, "resamples", resample.DefaultResamples, "bootstrap resamples")
	fs.IntVar(&tn.perms, "permutations", resample.DefaultPermutations, "permutations per pair of groups")
	fs.Uint64Var(&tn.seed, "seed", resample.DefaultSeed, "seed of the bootstrap and permutations (same seed, same numbers)")
}

// options checks the tone flags as parallax tone does, in its order, and
// returns the collector's options.
func (tn *toneFlags) options() (tonestats.Options, error) {
	switch tn.unit {
	case "group", "sentence", "document":
	default:
		return tonestats.Options{}, usagef("--unit %q: use group, sentence or document", tn.unit)
	}
	if tn.resamples < 1 || tn.perms < 1 {
		return tonestats.Options{}, usagef("--resamples and --permutations must be at least 1")
	}
	opt := tonestats.Options{Sentences: tn.unit == "sentence", Documents: tn.unit == "document"}
	if tn.lexicon == "" {
		return opt, nil
	}
	for _, name := range strings.Split(tn.lexicon, ",") {
		lx, err := lexicons.Resolve(strings.TrimSpace(name))
		if err != nil {
			return opt, usageError{err}
		}
		if lx.Kind != lexicons.KindValence {
			return opt, usagef("--lexicon %s is of kind %s: tone needs a valence lexicon (pattern → score)", lx.Name, lx.Kind)
		}
		m, err := lexmatch.Compile(lx)
		if err != nil {
			return opt, usageError{err}
		}
		opt.Lexicons = append(opt.Lexicons, tonestats.Lexicon{Name: lx.Name, Matcher: m})
	}
	return opt, nil
}

// toneReport is parallax tone's report (runTone), from the merged
// accumulator; col is the job's tone collector, which the sentence and
// document tables read (it absorbs acc).
func toneReport(pj *parsedJob, col *tonestats.Collector, acc *tonestats.Acc) (*report.Report, error) {
	tn := &pj.tn
	switch tn.unit {
	case "sentence", "document":
		// Every sentence's (or document's) scores and text were combined
		// per group and merged here, as parallax holds them.
		if err := col.Absorb(acc); err != nil {
			return nil, err
		}
		if tn.unit == "sentence" {
			return &report.Report{Sections: []report.Section{report.SentenceToneSection(col)}}, nil
		}
		return &report.Report{Sections: []report.Section{report.DocumentToneSection(col)}}, nil
	}
	sum, err := acc.Summarize(tonestats.StatsOptions{Resamples: tn.resamples, Permutations: tn.perms, Seed: tn.seed})
	if err != nil {
		return nil, err
	}
	sections := []report.Section{report.ToneSection(sum), report.AgreementSection(sum), report.TonePairsSection(sum)}
	if pj.cf.format == "csv" && pj.cf.output == "" {
		// As parallax: on a pipe, the one table the issue names.
		fmt.Fprintln(stderr, "parallax: the agreement and pairwise tables are not in this CSV: use -o DIR/ for all three")
		sections = sections[:1]
	}
	return &report.Report{Sections: sections}, nil
}
