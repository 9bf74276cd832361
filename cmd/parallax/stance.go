package main

import (
	"flag"
	"os"

	"parallax/analysis"
	"parallax/analysis/report"
	"parallax/analysis/stance"
	"parallax/lexicons"
)

func init() {
	register(&command{name: "stance", args: "[CORPUS]", run: runStance,
		summary: "Stance toward actors: each mention of an actors-lexicon actor scored in [−1, 1] with a class by a\ntarget-dependent model trained on NewsMTSC (not the sentence's tone), and per actor and group the mean\nwith a 95% interval and the class shares. --targets FILE.jsonl scores NewsMTSC-format targets. docs/stance.md.",
		example: "parallax stance --sample karabakh --format csv"})
}

func runStance(c *command, args []string, e *env) error {
	var cf corpusFlags
	var ff framingFlags
	fs := c.flagSet(e, &cf)
	targets := fs.String("targets", "", "score the targets of this NewsMTSC-format JSONL file (sentence_normalized, targets[].from/to) instead of a corpus")
	ff.add(fs, flagActors|flagSeed|flagResamples)
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	m, err := stance.Default()
	if err != nil {
		return err
	}
	if *targets != "" {
		return stanceTargets(c, fs, &cf, e, m, *targets, pos)
	}
	if *ff.resamples < 1 {
		return usagef("--resamples must be at least 1")
	}
	actors, err := lexiconFlag("actors", *ff.actors, lexicons.KindActors, &cf, pos)
	if err != nil {
		return err
	}
	if actors == nil {
		return usagef("stance needs an actors lexicon: --actors PACK or FILE (parallax lexicons lists the packs; karabakh-actors is written for the karabakh sample)")
	}
	col := stance.NewCollector(m, actors)
	res, err := cf.run(pos, e, func(o *analysis.Options) { o.Visit = col.Visit })
	if err != nil {
		return err
	}
	rows := col.Rows()
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{
		report.StanceMentionsSection(rows),
		report.StanceSummarySection(stance.Summarize(rows, *ff.resamples, *ff.seed), *ff.resamples, *ff.seed),
	}}
	onePerPipe(&cf, e, r, "the per-actor summary tables")
	return cf.write(e, r)
}

// stanceTargets scores the targets of a NewsMTSC-format file and, when
// they have polarities, compares the classes with them.
func stanceTargets(c *command, fs *flag.FlagSet, cf *corpusFlags, e *env, m *stance.Model, path string, pos []string) error {
	if len(pos) > 0 {
		return usagef("--targets reads its own file: give no CORPUS (got %q)", pos[0])
	}
	if _, err := report.ParseFormat(cf.format); err != nil {
		return usageError{err}
	}
	f, err := os.Open(path)
	if err != nil {
		return usagef("--targets: %v", err)
	}
	defer f.Close()
	ex, err := stance.ReadNewsMTSC(f, path)
	if err != nil {
		return usageError{err}
	}
	res := make([]stance.Result, len(ex))
	var labelled []stance.Example
	for i := range ex {
		res[i] = m.Score(&ex[i].Mention)
		if ex[i].Label >= 0 {
			labelled = append(labelled, ex[i])
		}
	}
	prov := provenance(c.name, fs, nil)
	prov.Corpus = path
	r := &report.Report{Provenance: prov, Sections: []report.Section{report.StanceTargetsSection(ex, res)}}
	if len(labelled) > 0 {
		r.Sections = append(r.Sections, report.StanceEvaluationSection(m.Evaluate(labelled)))
	}
	onePerPipe(cf, e, r, "the evaluation tables (confusion matrix, F1)")
	return cf.write(e, r)
}
