package main

import (
	"flag"
	"fmt"
	"parallax/analysis/stance"

	"parallax"
	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/analysis/events"
	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/termstats"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
)

// compare on Beam: terms, similarity, tone, the frames lexicon, framing
// (labels, actors, attribution, sources, scare quotes) and events, each
// collector's records combined per group (collect.go) and finished on one
// worker as parallax compare finishes them. Events: the lexicon events
// from the per-group accumulators of light records; stories by keyed
// joins (stories.go), each finished on its own worker; the finishing
// worker assembles them (events.Collector.FinishKeyed).

// compareFlags are the options of compare beyond the corpus and terms
// flags (parallax's compareFlags, framingFlags and eventsFlags).
type compareFlags struct {
	measure                             string
	frames, labels, actors, attribution string
	seed                                uint64
	topActors, resamples                int
	events                              string
	window, passages                    int
}

func (x *compareFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&x.measure, "measure", "cosine-tfidf", "similarity measure: cosine-tfidf, cosine-freq, jsd")
	fs.StringVar(&x.frames, "frames", "frames", "categories lexicon for the framing section (a pack name or a file; none to leave it out)")
	fs.Uint64Var(&x.seed, "seed", resample.DefaultSeed, "seed of the bootstrap intervals (same seed, same numbers)")
	x.resamples = resample.DefaultResamples // not a flag of compare
	fs.StringVar(&x.labels, "labels", "auto", "labels lexicon (pack or file); auto: the sample's pack, if it has one; none: no label tables")
	fs.StringVar(&x.actors, "actors", "auto", "actors lexicon (pack or file); auto: the sample's pack, else discover actors from names; none: discover")
	fs.StringVar(&x.attribution, "attribution", "attribution", "categories lexicon classing reporting verbs (neutral, distancing, endorsing)")
	fs.IntVar(&x.topActors, "top-actors", 20, "discovered actors to keep (1 or more)")
	fs.StringVar(&x.events, "events", "auto", "events lexicon (pack or file); auto: the sample's pack, if it has one; none: discovered stories and passages only")
	fs.IntVar(&x.window, "window", events.DefaultWindow, "days two dated articles of one story may be apart, at least 1 (-1: no window)")
	fs.IntVar(&x.passages, "event-passages", events.DefaultMaxPassages, "passages kept with their text per event and group (-1: all)")
}

// compareQuoteTexts is how many direct and indirect quotes of each group
// keep their text in compare (parallax's compareQuoteTexts).
const compareQuoteTexts = 20

// check validates compare's flags before the pipeline runs, in parallax's
// order.
func (x *compareFlags) check(pj *parsedJob) error {
	if _, err := pj.tf.options(true, pj.cf.form()); err != nil {
		return err
	}
	if _, err := termstats.ParseSimMeasure(x.measure); err != nil {
		return usageError{err}
	}
	_, err := x.collectors(pj)
	return err
}

// samplePack returns the pack of a kind written for the embedded sample
// the command reads, or "" (parallax's samplePack).
func (pj *parsedJob) samplePack(kind string) string {
	if len(pj.pos) > 0 {
		return ""
	}
	name := pj.cf.sample
	if name == "" {
		name = "karabakh"
	}
	s, ok := parallax.LookupSample(name)
	if !ok {
		return ""
	}
	return s.Packs[kind]
}

// lexiconFlag resolves a lexicon flag value of the given kind as parallax
// does: "auto" takes the sample's pack, "none" or "" gives nil.
func (pj *parsedJob) lexiconFlag(flagName, value string, kind lexicons.Kind) (*lexmatch.Matcher, error) {
	if value == "auto" {
		value = pj.samplePack(string(kind))
	}
	if value == "" || value == "none" {
		return nil, nil
	}
	lx, err := lexicons.Resolve(value)
	if err != nil {
		return nil, usageError{fmt.Errorf("--%s: %w", flagName, err)}
	}
	if lx.Kind != kind {
		return nil, usagef("--%s %s is of kind %s: it needs a %s lexicon", flagName, lx.Name, lx.Kind, kind)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		return nil, usageError{err}
	}
	return m, nil
}

// collectors builds compare's collectors as parallax compare does.
func (x *compareFlags) collectors(pj *parsedJob) (*collectors, error) {
	c := &collectors{}
	// The tone mask first, as parallax's toneMaskFor: the labels and frames
	// flags' errors name their flag.
	lb, err := pj.lexiconFlag("labels", x.labels, lexicons.KindLabels)
	if err != nil {
		return nil, err
	}
	fr, err := pj.lexiconFlag("frames", x.frames, lexicons.KindCategories)
	if err != nil {
		return nil, err
	}
	c.mask = lexmatch.ToneMask(lb, fr) // as parallax without --score-labels (a flag parallax-beam does not have yet)
	if c.tone, err = tonestats.NewCollector(tonestats.Options{Mask: c.mask}); err != nil {
		return nil, err
	}
	if x.frames != "none" {
		lx, err := lexicons.Resolve(x.frames)
		if err != nil {
			return nil, usageError{err}
		}
		if lx.Kind != lexicons.KindCategories {
			return nil, usagef("--frames %s is of kind %s: the framing section needs a categories lexicon", lx.Name, lx.Kind)
		}
		m, err := lexmatch.Compile(lx)
		if err != nil {
			return nil, usageError{err}
		}
		c.lex = &lexmatch.Collector{Matcher: m}
	}
	if x.topActors < 1 || x.resamples < 1 {
		return nil, usagef("--top-actors and --resamples must be at least 1")
	}
	var fo framing.Options
	if fo.Labels, err = pj.lexiconFlag("labels", x.labels, lexicons.KindLabels); err != nil {
		return nil, err
	}
	if fo.Actors, err = pj.lexiconFlag("actors", x.actors, lexicons.KindActors); err != nil {
		return nil, err
	}
	if fo.Frames, err = pj.lexiconFlag("frames", x.frames, lexicons.KindCategories); err != nil {
		return nil, err
	}
	if fo.Attribution, err = pj.lexiconFlag("attribution", x.attribution, lexicons.KindCategories); err != nil {
		return nil, err
	}
	if fo.Stance, err = stance.Default(); err != nil {
		return nil, err
	}
	fo.DiscoverActors = x.topActors
	fo.ToneMask = c.mask
	fo.QuoteTexts, fo.LabelTexts = compareQuoteTexts, report.DefaultHTMLLabelPassages
	if c.frm, err = framing.NewCollector(fo); err != nil {
		return nil, err
	}
	if x.window < -1 || x.window == 0 {
		return nil, usagef("--window must be -1 (no window) or at least 1 day, got %d", x.window)
	}
	if x.passages < -1 || x.passages == 0 {
		return nil, usagef("--event-passages must be -1 (all) or at least 1, got %d", x.passages)
	}
	eo := events.Options{Window: x.window, MaxPassages: x.passages, Seed: x.seed, Resamples: x.resamples}
	if eo.Lexicon, err = pj.lexiconFlag("events", x.events, lexicons.KindEvents); err != nil {
		return nil, err
	}
	if eo.Frames, err = pj.lexiconFlag("frames", x.frames, lexicons.KindCategories); err != nil {
		return nil, err
	}
	if eo.Labels, err = pj.lexiconFlag("labels", x.labels, lexicons.KindLabels); err != nil {
		return nil, err
	}
	if pj.cf.workers > 0 {
		eo.Workers = pj.cf.workers
	}
	eo.ToneMask = c.mask // the events' tone leaves the same words out, as parallax's
	if c.ev, err = events.NewCollector(eo); err != nil {
		return nil, err
	}
	return c, nil
}

// compareReport is parallax compare's report, from the merged
// accumulators.
func compareReport(pj *parsedJob, res *analysis.Result, c *collectors, m *merged, ev *events.Result) (*report.Report, error) {
	x, tf := &pj.cp, &pj.tf
	topt, err := tf.options(true, pj.cf.form())
	if err != nil {
		return nil, err
	}
	ms, err := termstats.ParseSimMeasure(x.measure)
	if err != nil {
		return nil, usageError{err}
	}
	if err := tf.checkGroups(res.Table); err != nil {
		return nil, err
	}
	keyness, err := termstats.DistinctiveTerms(res.Table, topt.DistinctiveOptions)
	if err != nil {
		return nil, err
	}
	sim, err := termstats.GroupSimilarity(res.Table, ms, idfFunc(res.Table, topt.IDF))
	if err != nil {
		return nil, err
	}
	tone, err := m.tone.Summarize(tonestats.StatsOptions{Seed: x.seed, NoPairs: true})
	if err != nil {
		return nil, err
	}
	tone.Unscored = c.mask.Words() // as tonestats.Collector.Summarize
	ev.CountQuotes(m.frm.QuoteCounter())
	corpusSec := report.CorpusSection(res.Load, res.Groups, len(res.Table.Terms), res.Cleaning)
	corpusSec.AddNote(report.SelfMentionNote(res.Masked))
	r := &report.Report{Sections: []report.Section{
		corpusSec,
		report.TermsSection(res.Table, keyness, topt),
		report.SimilaritySection(sim),
		report.ToneSection(tone),
	}}
	if sec, ok := report.ToneUnscoredSection(tone); ok {
		r.Sections = append(r.Sections, sec)
	}
	resamples, seed := x.resamples, x.seed
	if c.lex != nil {
		lx := c.lex.Matcher.Lexicon()
		r.Sections = append(r.Sections, report.LexiconSection(lx, c.lex.RowsOf(m.lex, resamples, seed), resamples, seed))
	}
	if lx := c.frm.LabelsLexicon(); lx != nil {
		r.Sections = append(r.Sections, report.LabelsSection(lx, m.frm.LabelRows()))
	}
	actorRows := m.frm.Actors(resamples, seed)
	r.Sections = append(r.Sections,
		report.WithActorToneAll(report.WithUnscoredNote(report.WithActorStance(report.ActorsSection(actorRows, c.frm.ActorsDiscovered(), resamples, seed), actorRows), c.mask.Words()), actorRows, c.mask.Words()),
		report.AttributionSection(m.frm.Attribution()),
		report.SourcesSection(m.frm.Sources(), 5),
		report.ScareSection(m.frm.ScareQuotes(), 5))
	r.Sections = append(r.Sections, report.EventSections(ev)...)
	r.Sections = append(r.Sections,
		report.ArticleEventsSection(ev),
		report.SideBySideSection(ev, 2))
	if s, ok := loadSection(res.Load); ok {
		r.Sections = append(r.Sections, s)
	}
	return r, nil
}

// loadSection lists every skipped record and every warning of loading; ok
// is false when there is neither (parallax's loadSection).
func loadSection(l *corpus.LoadReport) (report.Section, bool) {
	if len(l.Skipped) == 0 && len(l.Warnings) == 0 {
		return report.Section{}, false
	}
	t := &report.Table{Name: "skipped", Title: "Skipped records and warnings", Columns: []string{"origin", "what", "reason"}}
	for _, s := range l.Skipped {
		t.Rows = append(t.Rows, []report.Value{report.Str(s.Origin), report.Str("skipped"), report.Str(s.Reason)})
	}
	for _, w := range l.Warnings {
		t.Rows = append(t.Rows, []report.Value{report.Str(""), report.Str("warning"), report.Str(w)})
	}
	return report.Section{Display: t}, true
}
