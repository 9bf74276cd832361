package main

import (
	"flag"

	"parallax/analysis"
	"parallax/analysis/events"
	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/segment"
	"parallax/analysis/termstats"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
)

// compareFlags are the flags of compare and report, which compute the same
// results.
type compareFlags struct {
	cf      corpusFlags
	tf      termsFlags
	ff      framingFlags
	ef      eventsFlags
	sf      strataFlags
	measure *string
	// docs, when set (by report), collects each document's title, date,
	// source note and URL in the same pass.
	docs *docList
}

// flagSet registers the flags of compare (report adds its own).
func (x *compareFlags) flagSet(c *command, e *env) *flag.FlagSet {
	fs := c.flagSet(e, &x.cf)
	x.cf.addTerms(fs)
	x.tf.add(fs, 10)
	x.measure = fs.String("measure", "cosine-tfidf", "similarity measure: cosine-tfidf, cosine-freq, jsd")
	x.ff.frames = fs.String("frames", "frames", "categories lexicon for the framing section (a pack name or a file; none to leave it out)")
	x.ff.seed = fs.Uint64("seed", resample.DefaultSeed, "seed of the bootstrap intervals (same seed, same numbers)")
	x.ff.add(fs, flagLabels|flagActors|flagAttribution|flagTopActors|flagScoreLabels) // --resamples keeps its default
	x.ef.add(fs)
	x.sf.add(fs)
	return fs
}

// compareQuoteTexts is how many direct and indirect quotes of each group
// keep their text in compare and report: enough for the report's
// quotations, few enough that memory does not grow with the corpus's quotes.
const compareQuoteTexts = 20

// comparison is what compare computes that the report draws beyond the
// tables: the results behind its charts, and the framing collector for the
// quotations and label passages it lists (compare prints neither).
type comparison struct {
	Res       *analysis.Result
	Keyness   []termstats.GroupKeyness
	TermsOpt  report.TermsOptions // the options Keyness was computed with
	Sim       *termstats.SimMatrix
	Tone      *tonestats.Summary
	Frames    *lexicons.Lexicon // nil with --frames none
	FrameRows []lexmatch.Row
	Framing   *framing.Collector
	Events    *events.Result
	// Report holds compare's tables in order, with the provenance.
	Report *report.Report
}

// build runs the pipeline once and computes every result.
func (x *compareFlags) build(c *command, fs *flag.FlagSet, pos []string, e *env) (*comparison, error) {
	cf, tf, ff := &x.cf, &x.tf, &x.ff
	topt, err := tf.options(true, cf.form())
	if err != nil {
		return nil, err
	}
	m, err := termstats.ParseSimMeasure(*x.measure)
	if err != nil {
		return nil, usageError{err}
	}
	// Tone, frames, framing and events are gathered in the same pass as the terms.
	mask, err := ff.toneMaskFor(cf, pos)
	if err != nil {
		return nil, err
	}
	toneCol, err := tonestats.NewCollector(tonestats.Options{Mask: mask})
	if err != nil {
		return nil, err
	}
	var lexCol *lexmatch.Collector
	if *ff.frames != "none" {
		lx, err := lexicons.Resolve(*ff.frames)
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
		lexCol = &lexmatch.Collector{Matcher: m}
	}
	// The report shows the first few quotations of each group
	// (report.DefaultHTMLQuotes) and label passages (reportLabelPassages);
	// the tables need no text.
	ff.stance = true
	framing, err := ff.collector(cf, pos, compareQuoteTexts, reportLabelPassages)
	if err != nil {
		return nil, err
	}
	events, err := x.ef.collector(cf, pos, ff)
	if err != nil {
		return nil, err
	}
	// Under --by only tone sees the (group, stratum) cell: the others count groups.
	byGroup := groupKeys(func(p *segment.Processed) {
		if lexCol != nil {
			lexCol.Visit(p)
		}
		framing.Visit(p)
		events.Visit(p)
		if x.docs != nil {
			x.docs.Visit(p)
		}
	})
	visit := func(p *segment.Processed) {
		toneCol.Visit(p)
		byGroup(p)
	}
	res, strata, err := x.sf.run(cf, pos, e, func(o *analysis.Options) { o.Visit = visit })
	if err != nil {
		return nil, err
	}
	if err := tf.checkGroups(res.Table); err != nil {
		return nil, err
	}
	out := &comparison{Res: res, Framing: framing, TermsOpt: topt}
	resamples, seed := *ff.resamples, *ff.seed
	if out.Keyness, err = strata.distinctive(res.Table, topt.DistinctiveOptions); err != nil {
		return nil, err
	}
	if out.Sim, err = termstats.GroupSimilarity(res.Table, m, idfFunc(res.Table, topt.IDF)); err != nil {
		return nil, err
	}
	if out.Tone, err = toneCol.Summarize(tonestats.StatsOptions{Seed: seed, NoPairs: true}); err != nil {
		return nil, err
	}
	if out.Events, err = finishEvents(events, framing.QuoteCounter()); err != nil {
		return nil, err
	}
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{
		corpusSectionNoted(res),
		strata.termsSection(res.Table, out.Keyness, topt, x.sf.by),
		report.SimilaritySection(out.Sim),
	}}
	r.Sections = append(r.Sections, strata.toneSections(out.Tone, x.sf.by)...)
	stratified := len(r.Sections)
	if sec, ok := report.ToneUnscoredSection(out.Tone); ok {
		r.Sections = append(r.Sections, sec)
	}
	if lexCol != nil {
		out.Frames = lexCol.Matcher.Lexicon()
		out.FrameRows = lexCol.Rows(resamples, seed)
		r.Sections = append(r.Sections, report.LexiconSection(out.Frames, out.FrameRows, resamples, seed))
	}
	if lx := framing.LabelsLexicon(); lx != nil {
		r.Sections = append(r.Sections, report.LabelsSection(lx, framing.LabelRows()))
	}
	actorRows := framing.Actors(resamples, seed)
	r.Sections = append(r.Sections,
		report.WithActorToneAll(report.WithUnscoredNote(report.WithActorStance(report.ActorsSection(actorRows, framing.ActorsDiscovered(), resamples, seed), actorRows), x.ff.mask.Words()), actorRows, x.ff.mask.Words()),
		report.AttributionSection(framing.Attribution()),
		report.SourcesSection(framing.Sources(), 5),
		report.ScareSection(framing.ScareQuotes(), 5))
	r.Sections = append(r.Sections, report.EventSections(out.Events)...)
	r.Sections = append(r.Sections,
		report.ArticleEventsSection(out.Events),
		report.SideBySideSection(out.Events, 2))
	strata.notStratified(r.Sections[2:3], x.sf.by) // similarity
	strata.notStratified(r.Sections[stratified:], x.sf.by)
	if s, ok := loadSection(res.Load); ok {
		r.Sections = append(r.Sections, s)
	}
	out.Report = r
	return out, nil
}

func runCompare(c *command, args []string, e *env) error {
	var x compareFlags
	fs := x.flagSet(c, e)
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	cmp, err := x.build(c, fs, pos, e)
	if err != nil {
		return err
	}
	return x.cf.write(e, cmp.Report)
}

// corpusSectionNoted is the corpus summary with the note on self-mentions.
func corpusSectionNoted(res *analysis.Result) report.Section {
	s := report.CorpusSection(res.Load, res.Groups, len(res.Table.Terms), res.Cleaning)
	s.AddNote(report.SelfMentionNote(res.Masked))
	return s
}
