package main

import (
	"flag"
	"fmt"
	"parallax/tone"

	"parallax"
	"parallax/analysis"
	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/stance"
	"parallax/lexicons"
)

func init() {
	register(&command{name: "quotes", args: "[CORPUS]", run: runQuotes,
		summary: "Attribution: every direct quote, indirect speech and scare quote with its speaker; per group the\nshare of text in quotes, the reporting-verb mix and the sources quoted (--kind to filter the list).",
		example: "parallax quotes --kind scare --format csv"})
	register(&command{name: "labels", args: "[CORPUS]", run: runLabels,
		summary: "Term choice: for each referent of a labels lexicon, which label each group uses, counted apart in the\noutlet's own words, in scare quotes and inside quotations, with the passages (--passages N).",
		example: "parallax labels --labels karabakh-labels --passages 2"})
	register(&command{name: "actors", args: "[CORPUS]", run: runActors,
		summary: "Actors per group: mentions per 1,000 words, tone of the sentences mentioning them (95% interval),\nco-occurring labels and frames, quotes by their side. Without --actors, actors are discovered from names.",
		example: "parallax actors --sample allsides-middle-east --top-actors 10"})
}

// framingFlags are the lexicon choices of the framing commands.
type framingFlags struct {
	labels, actors, frames, attribution *string
	topActors                           *int
	seed                                *uint64
	resamples                           *int
	scoreLabels                         *bool
	mask                                *tone.Mask // set by collector: the words the actors' tone leaves out
	stance                              bool       // score the stance toward each actor mention (actors, compare)
}

// framingFlag names one flag of framingFlags, for add.
type framingFlag uint

// The framing flags. Each command registers those that change its output.
const (
	flagLabels framingFlag = 1 << iota
	flagActors
	flagFrames
	flagAttribution
	flagTopActors
	flagSeed
	flagResamples
	flagScoreLabels
)

// add registers the framing flags in which. Every flag not registered
// (and not set before by the caller, as compare sets --frames and --seed)
// keeps its default value. The default "auto" takes the packs written for
// the embedded sample being read, and none otherwise.
func (ff *framingFlags) add(fs *flag.FlagSet, which framingFlag) {
	str := func(p **string, bit framingFlag, name, value, usage string) {
		if *p == nil {
			*p = new(string)
			*(*p) = value
			if which&bit != 0 {
				fs.StringVar(*p, name, value, usage)
			}
		}
	}
	num := func(p **int, bit framingFlag, name string, value int, usage string) {
		if *p == nil {
			*p = new(int)
			*(*p) = value
			if which&bit != 0 {
				fs.IntVar(*p, name, value, usage)
			}
		}
	}
	str(&ff.frames, flagFrames, "frames", "frames", "categories lexicon for frames co-occurring with actors and events (none to leave out)")
	if ff.seed == nil {
		ff.seed = new(uint64)
		*ff.seed = resample.DefaultSeed
		if which&flagSeed != 0 {
			fs.Uint64Var(ff.seed, "seed", resample.DefaultSeed, "seed of the bootstrap intervals (same seed, same numbers)")
		}
	}
	num(&ff.resamples, flagResamples, "resamples", resample.DefaultResamples, "bootstrap resamples (1 or more)")
	str(&ff.labels, flagLabels, "labels", "auto", "labels lexicon (pack or file); auto: the sample's pack, if it has one; none: no label tables")
	str(&ff.actors, flagActors, "actors", "auto", "actors lexicon (pack or file); auto: the sample's pack, else discover actors from names; none: discover")
	str(&ff.attribution, flagAttribution, "attribution", "attribution", "categories lexicon classing reporting verbs (neutral, distancing, endorsing)")
	num(&ff.topActors, flagTopActors, "top-actors", 20, "discovered actors to keep (1 or more)")
	if ff.scoreLabels == nil {
		ff.scoreLabels = new(bool)
		if which&flagScoreLabels != 0 {
			fs.BoolVar(ff.scoreLabels, "score-labels", false, "let tone and stance score the label words too (by default, with a labels lexicon, the words of its patterns and the words lexicons declare unscored are left out; docs/tone.md)")
		}
	}
}

// samplePack returns the pack of a kind written for the embedded sample
// the command reads, or "".
func samplePack(cf *corpusFlags, pos []string, kind string) string {
	if len(pos) > 0 {
		return ""
	}
	name := cf.sample
	if name == "" {
		name = "karabakh"
	}
	s, ok := parallax.LookupSample(name)
	if !ok {
		return ""
	}
	return s.Packs[kind]
}

// lexiconFlag resolves a lexicon flag value of the given kind: "auto" takes
// the sample's pack, "none" or "" gives nil.
func lexiconFlag(flagName, value string, kind lexicons.Kind, cf *corpusFlags, pos []string) (*lexmatch.Matcher, error) {
	if value == "auto" {
		value = samplePack(cf, pos, string(kind))
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

// collector builds the framing collector from the flags; quoteTexts is
// framing.Options.QuoteTexts (0: keep every quote's text).
func (ff *framingFlags) collector(cf *corpusFlags, pos []string, quoteTexts, labelTexts int) (*framing.Collector, error) {
	if *ff.topActors < 1 || *ff.resamples < 1 {
		return nil, usagef("--top-actors and --resamples must be at least 1")
	}
	var opt framing.Options
	var err error
	if opt.Labels, err = lexiconFlag("labels", *ff.labels, lexicons.KindLabels, cf, pos); err != nil {
		return nil, err
	}
	if opt.Actors, err = lexiconFlag("actors", *ff.actors, lexicons.KindActors, cf, pos); err != nil {
		return nil, err
	}
	if opt.Frames, err = lexiconFlag("frames", *ff.frames, lexicons.KindCategories, cf, pos); err != nil {
		return nil, err
	}
	if opt.Attribution, err = lexiconFlag("attribution", *ff.attribution, lexicons.KindCategories, cf, pos); err != nil {
		return nil, err
	}
	if ff.stance {
		if opt.Stance, err = stance.Default(); err != nil {
			return nil, err
		}
	}
	opt.DiscoverActors = *ff.topActors
	opt.QuoteTexts, opt.LabelTexts = quoteTexts, labelTexts
	opt.ToneMask = ff.toneMask(opt.Labels, opt.Frames)
	ff.mask = opt.ToneMask
	return framing.NewCollector(opt)
}

func runQuotes(c *command, args []string, e *env) error {
	var cf corpusFlags
	var ff framingFlags
	fs := c.flagSet(e, &cf)
	ff.add(fs, flagLabels|flagAttribution) // the rest shape only actors and events
	kind := fs.String("kind", "", "list only quotes of this kind: direct, indirect, scare")
	top := fs.Int("top", 10, "sources and scare quotes shown per group in text tables (CSV and JSON have all)")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	var kinds []framing.QuoteKind
	switch *kind {
	case "":
	case "direct":
		kinds = append(kinds, framing.QuoteDirect)
	case "indirect":
		kinds = append(kinds, framing.QuoteIndirect)
	case "scare":
		kinds = append(kinds, framing.QuoteScare)
	default:
		return usagef("--kind %q: want direct, indirect or scare", *kind)
	}
	col, err := ff.collector(&cf, pos, 0, 1) // label passages are not shown
	if err != nil {
		return err
	}
	res, err := cf.run(pos, e, func(o *analysis.Options) { o.Visit = col.Visit })
	if err != nil {
		return err
	}
	// The list comes first: CSV on standard output is the quotes table.
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{
		report.QuotesSection(col.QuoteRows(kinds...)),
		report.AttributionSection(col.Attribution()),
		report.SourcesSection(col.Sources(), *top),
		report.ScareSection(col.ScareQuotes(), *top),
	}}
	onePerPipe(&cf, e, r, "the attribution, sources and scare-quote tables")
	return spillErr(cf.write(e, r), col)
}

func runLabels(c *command, args []string, e *env) error {
	var cf corpusFlags
	var ff framingFlags
	fs := c.flagSet(e, &cf)
	ff.add(fs, flagLabels) // the labels table reads only the labels lexicon
	passages := fs.Int("passages", 3, "passages shown per referent, label, group and voice (0: none)")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	if *passages < 0 {
		return usagef("--passages must be 0 or more")
	}
	col, err := ff.collector(&cf, pos, 1, max(*passages, 1))
	if err != nil {
		return err
	}
	if col.LabelsLexicon() == nil {
		return usagef("labels needs a labels lexicon: --labels PACK or FILE (parallax lexicons lists the packs; karabakh-labels is written for the karabakh sample)")
	}
	res, err := cf.run(pos, e, func(o *analysis.Options) { o.Visit = col.Visit })
	if err != nil {
		return err
	}
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{
		report.LabelsSection(col.LabelsLexicon(), col.LabelRows()),
	}}
	if *passages > 0 {
		r.Sections = append(r.Sections, report.LabelPassagesSection(col.LabelPassages(*passages), *passages))
	}
	onePerPipe(&cf, e, r, "the passages")
	return spillErr(cf.write(e, r), col)
}

func runActors(c *command, args []string, e *env) error {
	var cf corpusFlags
	var ff framingFlags
	fs := c.flagSet(e, &cf)
	ff.add(fs, flagLabels|flagActors|flagFrames|flagAttribution|flagTopActors|flagSeed|flagResamples|flagScoreLabels)
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	ff.stance = true
	col, err := ff.collector(&cf, pos, 1, 1)
	if err != nil {
		return err
	}
	res, err := cf.run(pos, e, func(o *analysis.Options) { o.Visit = col.Visit })
	if err != nil {
		return err
	}
	rows := col.Actors(*ff.resamples, *ff.seed)
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{
		report.WithActorToneAll(report.WithUnscoredNote(report.WithActorStance(report.ActorsSection(rows, col.ActorsDiscovered(), *ff.resamples, *ff.seed), rows), ff.mask.Words()), rows, ff.mask.Words()),
	}}
	return spillErr(cf.write(e, r), col)
}

// spillErr returns err or, when there is none, the error of the framing
// collector's temporary file of records (a record that could not be read
// back: the tables written may miss documents).
func spillErr(err error, col *framing.Collector) error {
	if err != nil {
		return err
	}
	return col.Err()
}

// onePerPipe keeps only the first table when CSV goes to standard output,
// which holds one table, and says what was left out.
func onePerPipe(cf *corpusFlags, e *env, r *report.Report, rest string) {
	if cf.format == "csv" && cf.output == "" && len(r.Sections) > 1 {
		fmt.Fprintf(e.stderr, "parallax: %s are not in this CSV: use -o DIR/ for every table\n", rest)
		r.Sections = r.Sections[:1]
	}
}
