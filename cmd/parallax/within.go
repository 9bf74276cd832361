package main

import (
	"fmt"

	"parallax/analysis"
	"parallax/analysis/events"
	"parallax/analysis/report"
	"parallax/analysis/termstats"
)

// runWithin runs the pipeline for terms: with within "stories" the events
// stage runs too, and the result's table becomes the pooled table of the
// documents of its stories (termstats.PooledTable; docs/measures.md,
// "Keyness within stories"); note says so.
func runWithin(cf *corpusFlags, pos []string, e *env, within string) (res *analysis.Result, note string, err error) {
	switch within {
	case "corpus":
		res, err = cf.run(pos, e, nil)
		return res, "", err
	case "stories":
	default:
		return nil, "", usagef("--within %q: use corpus or stories", within)
	}
	opt := events.Options{Window: events.DefaultWindow, MaxPassages: events.DefaultMaxPassages}
	if cf.workers > 0 {
		opt.Workers = cf.workers
	}
	col, err := events.NewCollector(opt)
	if err != nil {
		return nil, "", err
	}
	res, err = cf.run(pos, e, func(o *analysis.Options) {
		o.DocVectors = true
		o.Visit = col.Visit
	})
	if err != nil {
		return nil, "", err
	}
	r, err := col.Result()
	if err != nil {
		return nil, "", err
	}
	keep := map[int]bool{}
	stories := map[string]bool{}
	for _, a := range r.Articles {
		keep[a.DocIndex] = true
		stories[a.Event] = true
	}
	res.Table = termstats.PooledTable(res.Table, res.Docs, keep)
	res.Docs = nil // read once: let the vectors go before the tables are built
	if len(res.Table.Groups) < 2 {
		return nil, "", fmt.Errorf("--within stories: the events stage found %s covering %s: keyness needs two groups (use --within corpus)",
			storyCount(len(stories)), report.Plural(len(res.Table.Groups), "group"))
	}
	note = fmt.Sprintf("Within stories: counts pooled over the %s the events stage found (%s of %s); each group against the other groups' story documents (docs/measures.md).",
		storyCount(len(stories)), report.Plural(res.Table.TotalDocs, "document"), report.Plural(len(res.Table.Groups), "group"))
	return res, note, nil
}

// storyCount writes "1 story", "2 stories".
func storyCount(n int) string {
	if n == 1 {
		return "1 story"
	}
	return fmt.Sprintf("%d stories", n)
}
