package main

import (
	"flag"

	"parallax/analysis"
	"parallax/analysis/events"
	"parallax/analysis/report"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

func init() {
	register(&command{name: "events", args: "[CORPUS]", run: runEvents,
		summary: "Events: which articles of different groups cover the same story (discovered from shared rare terms,\nnames, numbers and dates) and which passages describe the same event (an events lexicon, and discovered\ninside stories); per event × group coverage, tone with its interval, frames, labels, quotes, and the passages\nside by side. --level article lists each story's articles, --level passage each event's passages.",
		example: "parallax events --sample allsides-middle-east --level article --format csv"})
}

// eventsFlags are the event-detection choices shared by events, compare
// and report.
type eventsFlags struct {
	events   *string
	window   *int
	passages *int
}

func (ef *eventsFlags) add(fs *flag.FlagSet) {
	ef.events = fs.String("events", "auto", "events lexicon (pack or file); auto: the sample's pack, if it has one; none: discovered stories and passages only")
	ef.window = fs.Int("window", events.DefaultWindow, "days two dated articles of one story may be apart, at least 1 (-1: no window)")
	ef.passages = fs.Int("event-passages", events.DefaultMaxPassages, "passages kept with their text per event and group (-1: all)")
}

// collector builds the event collector; ff's frames and labels name the
// lexicons whose hits each event × group reports, and give the words the
// tone leaves out (framingFlags.toneMask: none with --score-labels).
func (ef *eventsFlags) collector(cf *corpusFlags, pos []string, ff *framingFlags) (*events.Collector, error) {
	frames, labels, seed, resamples := *ff.frames, *ff.labels, *ff.seed, *ff.resamples
	if *ef.window < -1 || *ef.window == 0 {
		return nil, usagef("--window must be -1 (no window) or at least 1 day, got %d", *ef.window)
	}
	if *ef.passages < -1 || *ef.passages == 0 {
		return nil, usagef("--event-passages must be -1 (all) or at least 1, got %d", *ef.passages)
	}
	opt := events.Options{Window: *ef.window, MaxPassages: *ef.passages, Seed: seed, Resamples: resamples}
	var err error
	if opt.Lexicon, err = lexiconFlag("events", *ef.events, lexicons.KindEvents, cf, pos); err != nil {
		return nil, err
	}
	if opt.Frames, err = lexiconFlag("frames", frames, lexicons.KindCategories, cf, pos); err != nil {
		return nil, err
	}
	if opt.Labels, err = lexiconFlag("labels", labels, lexicons.KindLabels, cf, pos); err != nil {
		return nil, err
	}
	if cf.workers > 0 {
		opt.Workers = cf.workers
	}
	opt.ToneMask = ff.toneMask(opt.Labels, opt.Frames)
	return events.NewCollector(opt)
}

// finishEvents computes the events of the pass (the collector's records
// keep every text the stories need: the corpus is read once) and counts
// each event's quotations with quotes (nil: not counted).
func finishEvents(col *events.Collector, quotes func(doc, sent int) int) (*events.Result, error) {
	r, err := col.Result()
	if err != nil {
		return nil, err
	}
	if quotes != nil {
		r.CountQuotes(quotes)
	}
	return r, nil
}

func runEvents(c *command, args []string, e *env) error {
	var cf corpusFlags
	var ff framingFlags
	var ef eventsFlags
	fs := c.flagSet(e, &cf)
	ff.add(fs, flagLabels|flagFrames|flagSeed|flagResamples|flagScoreLabels) // actors and attribution shape no event figure
	ef.add(fs)
	level := fs.String("level", "summary", "summary: per event × group figures and the passages side by side; article: each story's articles; passage: each event's passages")
	perGroup := fs.Int("side-by-side", 2, "passages per group in the side-by-side table")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	switch *level {
	case "summary", "article", "passage":
	default:
		return usagef("--level %q: want summary, article or passage", *level)
	}
	if *perGroup < 1 {
		return usagef("--side-by-side must be at least 1")
	}
	framing, err := ff.collector(&cf, pos, 1, 1) // quotes are only counted
	if err != nil {
		return err
	}
	col, err := ef.collector(&cf, pos, &ff)
	if err != nil {
		return err
	}
	res, err := cf.run(pos, e, func(o *analysis.Options) {
		o.Visit = func(p *segment.Processed) {
			framing.Visit(p)
			col.Visit(p)
		}
	})
	if err != nil {
		return err
	}
	r, err := finishEvents(col, framing.QuoteCounter())
	if err != nil {
		return err
	}
	rep := &report.Report{Provenance: provenance(c.name, fs, res)}
	switch *level {
	case "article":
		rep.Sections = []report.Section{report.ArticleEventsSection(r)}
	case "passage":
		rep.Sections = []report.Section{report.PassageEventsSection(r)}
	default:
		rep.Sections = append(report.EventSections(r), report.SideBySideSection(r, *perGroup))
		onePerPipe(&cf, e, rep, "the passages side by side")
	}
	return cf.write(e, rep)
}
