package main

import (
	"flag"
	"fmt"
	"sort"
	"strings"
	"sync"

	"parallax/analysis"
	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/kwic"
	"parallax/analysis/report"
	"parallax/analysis/segment"
	"parallax/analysis/termstats"
	"parallax/lexicons"
)

func init() {
	register(&command{name: "compare", args: "[CORPUS]", run: runCompare,
		summary: "The main job: the corpus summary, each group's distinctive terms, the similarity between groups,\ntone with 95% intervals (no pairwise tests: parallax tone has them), the frames lexicon (--frames), labels,\nactors, attribution, sources, scare quotes, and events with their passages side by side.",
		example: "parallax compare --sample allsides-middle-east --format markdown"})
	register(&command{name: "corpus", args: "[CORPUS]", run: runCorpus,
		summary: "What was read: documents, sentences, words and terms per group, and every skipped record with its reason.",
		example: "parallax corpus articles.jsonl.gz --group topic"})
	register(&command{name: "clean", args: "[CORPUS]", run: runClean,
		summary: "Every line cleaning removes, with the rule that removed it, and a summary per document.\nRules: " + cleanRuleList(),
		example: "parallax clean --format csv > removed.csv"})
	register(&command{name: "terms", args: "[CORPUS]", run: runTerms,
		summary: "Distinctive terms of each group against the rest (or --vs one group): log-odds z with informative\nDirichlet prior, signed G² and χ² with p and Benjamini–Hochberg q, log ratio. See docs/measures.md.",
		example: "parallax terms --sample allsides-middle-east --target \"Fox News\" --vs \"CNN (Web News)\" --top 15"})
	register(&command{name: "similarity", args: "[CORPUS]", run: runSimilarity,
		summary: "Similarity between groups as a matrix ordered by hierarchical clustering; with --docs, each\ndocument's nearest documents. See docs/similarity.md.",
		example: "parallax similarity --measure jsd --format csv"})
	register(&command{name: "kwic", args: "PATTERN [CORPUS]", run: runKWIC,
		summary: "Keyword in context: every sentence where PATTERN occurs, per group. PATTERN is one or more words;\n'*' and '?' are globs within a word (quote the pattern for the shell).",
		example: "parallax kwic 'separatist*'"})
}

func cleanRuleList() string {
	var names []string
	for _, r := range clean.Rules() {
		names = append(names, r.Name)
	}
	return strings.Join(names, ", ")
}

// run checks the output format, then runs the pipeline on the corpus named
// by pos (or the sample); tweak may adjust the options first.
func (cf *corpusFlags) run(pos []string, e *env, tweak func(*analysis.Options)) (*analysis.Result, error) {
	return cf.runCorpus(pos, e, tweak, false)
}

// runCorpus is run; allowEmpty lets a corpus whose every record was skipped
// through, for the command that lists the skips.
func (cf *corpusFlags) runCorpus(pos []string, e *env, tweak func(*analysis.Options), allowEmpty bool) (*analysis.Result, error) {
	if _, err := report.ParseFormat(cf.format); err != nil {
		return nil, usageError{err}
	}
	src, err := cf.source(pos)
	if err != nil {
		return nil, err
	}
	opt, err := cf.options(e.stdin)
	if err != nil {
		return nil, err
	}
	if tweak != nil {
		tweak(&opt)
	}
	res, err := analysis.Run(src, opt)
	if err != nil {
		return nil, selectionUsage(err)
	}
	if res.Table.TotalDocs == 0 && !allowEmpty && res.Load.Selection != nil {
		return nil, usagef("%s: no document left to analyse: the selection removed %d of %d records; 'parallax corpus' with the same flags says which filter removed them and warns about --where values no record has", src.Name, res.Load.Selection.Total(), res.Load.Read)
	}
	e.groupDocs = groupDocs(res)
	if res.Table.TotalDocs == 0 && !allowEmpty {
		return nil, fmt.Errorf("%s: no document left to analyse (read %d, skipped %d): see 'parallax corpus' for the reasons", src.Name, res.Load.Read, len(res.Load.Skipped))
	}
	return res, nil
}

// termsFlags are the distinctive-terms options shared by terms and compare.
type termsFlags struct {
	top        int
	vs, target string
	minCount   int64
	prior      float64
	idf        string
	correction string
	minDocs    int64
	q          float64
}

func (tf *termsFlags) add(fs *flag.FlagSet, top int) {
	fs.IntVar(&tf.top, "top", top, "terms per group (0: every tested term, flagged ones included)")
	fs.StringVar(&tf.vs, "vs", "", "compare against this one group instead of all the others")
	fs.StringVar(&tf.target, "target", "", "only this group (default: every group)")
	fs.Int64Var(&tf.minCount, "min-count", termstats.DefaultKeynessMinCount, "test a term only if it occurs at least this often in group + reference")
	fs.Float64Var(&tf.prior, "prior-scale", 0, "s in the Dirichlet prior α_w = s·c_w/N (0: s = N, α_w = c_w)")
	fs.StringVar(&tf.idf, "idf", "smooth", "idf for the tfidf column: smooth = ln((1+D)/(1+df))+1, nosmooth = ln(D/df)+1, plain = ln(D/df) (docs/measures.md)")
	fs.StringVar(&tf.correction, "correction", "none", "continuity correction for G² and χ²: none, yates or williams (see docs/measures.md)")
	tf.addSignificance(fs)
}

// checkGroups makes an unknown --vs or --target a usage error naming the groups.
func (tf *termsFlags) checkGroups(t *termstats.TermTable) error {
	if tf.vs != "" && tf.vs == tf.target {
		return usagef("--target and --vs both name %q: compare a group with another group", tf.vs)
	}
	for _, f := range []struct{ flag, name string }{{"vs", tf.vs}, {"target", tf.target}} {
		if f.name != "" && t.GroupIndex(f.name) < 0 {
			return usagef("--%s %q: no such group (groups: %s)", f.flag, f.name, termstats.GroupList(t.Groups))
		}
	}
	return nil
}

func (tf *termsFlags) options(compact bool, only report.Form) (report.TermsOptions, error) {
	idf, err := termstats.ParseIDF(tf.idf)
	if err != nil {
		return report.TermsOptions{}, usageError{err}
	}
	if tf.top < 0 {
		return report.TermsOptions{}, usagef("--top must be 0 or more, not %d", tf.top)
	}
	if tf.minCount < 1 {
		return report.TermsOptions{}, usagef("--min-count must be at least 1, not %d", tf.minCount)
	}
	if tf.prior < 0 {
		return report.TermsOptions{}, usagef("--prior-scale must not be negative, got %g", tf.prior)
	}
	if _, err := termstats.ParseCorrection(tf.correction); err != nil {
		return report.TermsOptions{}, usagef("--correction: %v", err)
	}
	if err := tf.checkSignificance(); err != nil {
		return report.TermsOptions{}, err
	}
	return report.TermsOptions{
		DistinctiveOptions: termstats.DistinctiveOptions{
			Keyness: termstats.KeynessOptions{PriorScale: tf.prior, MinCount: tf.minCount, Correction: tf.correction},
			IDF:     idf, Top: tf.top, Vs: tf.vs, Target: tf.target,
			MinDocs: tf.minDocs, Q: tf.q,
		},
		Compact: compact, Only: only,
	}, nil
}

func idfFunc(t *termstats.TermTable, v termstats.IDFVariant) func(int64) float64 {
	d := int64(t.TotalDocs)
	return func(df int64) float64 { return termstats.IDF(df, d, v) }
}

func runCorpus(c *command, args []string, e *env) error {
	var cf corpusFlags
	var sf strataFlags
	fs := c.flagSet(e, &cf)
	cf.addTerms(fs)
	sf.add(fs)
	docs := fs.Bool("docs", false, "also list each document: title, date, source note (the manifest's via and notes) and URL")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	var list *docList
	var tweak func(*analysis.Options)
	if *docs {
		list = &docList{}
		tweak = func(o *analysis.Options) { o.Visit = list.Visit }
	}
	res, strata, err := sf.runCorpus(&cf, pos, e, tweak)
	if err != nil {
		return err
	}
	sections := []report.Section{report.CorpusSection(res.Load, res.Groups, len(res.Table.Terms), res.Cleaning)}
	if strata != nil {
		sections = append(sections, report.StrataSection(strata.cells, strata.st, sf.by))
	}
	if list != nil {
		sections = append(sections, list.Section())
	}
	if s, ok := report.LeftOutSection(res.Load); ok && (cf.format != "csv" || cf.output != "") {
		sections = append(sections, s) // one table on a CSV pipe: the corpus note names them
	}
	sections[0].AddNote(report.SelfMentionNote(res.Masked))
	if s, ok := report.SelfMentionSection(res.Masked); ok && !(cf.format == "csv" && cf.output == "") {
		sections = append(sections, s)
	}
	if s, ok := loadSection(res.Load); ok {
		if cf.format == "csv" && cf.output == "" {
			// One table on a pipe: the corpus table; say where the rest is.
			fmt.Fprintf(e.stderr, "parallax: %s and %s are not in this CSV: use -o DIR for skipped.csv\n",
				report.Plural(len(res.Load.Skipped), "skipped record"), report.Plural(len(res.Load.Warnings), "warning"))
		} else {
			sections = append(sections, s)
		}
	}
	return cf.write(e, &report.Report{Provenance: provenance(c.name, fs, res), Sections: sections})
}

// loadSection lists every skipped record and every warning of loading; ok is
// false when there is neither.
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

func runClean(c *command, args []string, e *env) error {
	var cf corpusFlags
	fs := c.flagSet(e, &cf)
	type docClean struct {
		index          int
		group, id      string
		lines, removed int
		removals       []clean.Removal
	}
	var mu sync.Mutex
	var docs []docClean
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	if cf.noClean {
		return usagef("clean shows what cleaning removes: drop --no-clean")
	}
	res, err := cf.run(pos, e, func(o *analysis.Options) {
		o.Visit = func(p *segment.Processed) {
			d := docClean{index: p.Doc.Index, group: p.Doc.Group, id: p.Doc.ID,
				lines: countLines(p.Doc.Text), removed: len(p.Removed),
				removals: append([]clean.Removal(nil), p.Removed...)}
			mu.Lock()
			docs = append(docs, d)
			mu.Unlock()
		}
	})
	if err != nil {
		return err
	}
	sort.Slice(docs, func(a, b int) bool { return docs[a].index < docs[b].index })
	// On a terminal the text is cut to fit; CSV and JSON keep every line whole.
	removed := &report.Table{Name: "removed", Title: "Removed lines", Columns: []string{"group", "doc", "line", "rule", "text"},
		Cut: map[string]report.Cut{"group": report.CutNever, "doc": report.CutNever, "rule": report.CutNever}}
	summary := &report.Table{Name: "clean_summary", Title: "Cleaning per document", Columns: []string{"group", "doc", "lines", "removed", "kept"}}
	for _, d := range docs {
		for _, r := range d.removals {
			removed.Rows = append(removed.Rows, []report.Value{report.Str(d.group), report.Str(d.id), report.Int(int64(r.Line)), report.Str(r.Rule), report.Str(r.Text)})
		}
		summary.Rows = append(summary.Rows, []report.Value{report.Str(d.group), report.Str(d.id), report.Int(int64(d.lines)), report.Int(int64(d.removed)), report.Int(int64(d.lines - d.removed))})
	}
	removed.Notes = []string{
		fmt.Sprintf("%s removed from %s.", report.Plural(int(res.Cleaning.Removed), "line"), report.Plural(len(docs), "document")),
		"line: 1-based line number in the document as read. Long lines are cut with … on a terminal; --format csv or json gives them whole. The rules: parallax clean -h, docs/cleaning.md.",
	}
	if !res.Cleaning.RepeatedRule {
		removed.Notes = append(removed.Notes, "The repeated-line rule did not run (standard input cannot be read twice, or it was switched off).")
	}
	summary.Notes = []string{"lines: lines of the document as read (a final newline ends the last line); removed: lines cleaning removed; kept: the rest, blank lines included."}
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{{Display: removed}, {Display: summary}}}
	if cf.format == "csv" && cf.output == "" {
		// The removed lines are the table people want from a pipe.
		r.Sections = r.Sections[:1]
	}
	return cf.write(e, r)
}

func runTerms(c *command, args []string, e *env) error {
	var cf corpusFlags
	var tf termsFlags
	var sf strataFlags
	fs := c.flagSet(e, &cf)
	cf.addTerms(fs)
	tf.add(fs, 20)
	sf.add(fs)
	dtm := fs.String("dtm", "", "also write the group × term counts behind every measure to this CSV file (group,term,count,docs)")
	rank := fs.String("rank", "logodds", "logodds: distinctive terms (keyness); count or tfidf: each group's most frequent terms")
	zeros := fs.Bool("zeros", false, "with --top 0, list also the tested terms a group never uses (count 0): a row per group and tested term")
	within := fs.String("within", "corpus", "corpus: every document; stories: only the documents of the stories the events stage finds, counts pooled over stories (docs/measures.md)")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	topt, err := tf.options(false, cf.form())
	if err != nil {
		return err
	}
	switch *rank {
	case "logodds", "count", "tfidf":
	default:
		return usagef("--rank %q: use logodds, count or tfidf", *rank)
	}
	if *zeros && (tf.top != 0 || *rank != "logodds") {
		return usagef("--zeros adds the terms a group never uses to the list of every tested term: use it with --top 0 (and --rank logodds)")
	}
	topt.Zeros = *zeros
	if sf.by != "" && (*zeros || *rank != "logodds") {
		return usagef("--by pools distinctive terms over strata: it does not go with --zeros or --rank %s", *rank)
	}
	if sf.by != "" && *within != "corpus" {
		return usagef("--by and --within stories do not go together: pool over strata or over stories, not both")
	}
	var (
		res        *analysis.Result
		strata     *stratified
		withinNote string
	)
	if sf.by != "" {
		res, strata, err = sf.run(&cf, pos, e, nil)
	} else {
		res, withinNote, err = runWithin(&cf, pos, e, *within)
	}
	if err != nil {
		return err
	}
	if *rank != "logodds" {
		if *dtm != "" {
			if err := report.WriteDTM(*dtm, res.Table); err != nil {
				return err
			}
		}
		sec, err := report.FrequencySection(res.Table, *rank, tf.top, tf.minCount, topt.IDF)
		if err != nil {
			return err
		}
		sec.AddNote(withinNote)
		return cf.write(e, &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{sec}})
	}
	if err := tf.checkGroups(res.Table); err != nil {
		return err
	}
	ks, err := strata.distinctive(res.Table, topt.DistinctiveOptions)
	if err != nil {
		return err
	}
	if *dtm != "" {
		if err := report.WriteDTM(*dtm, res.Table); err != nil {
			return err
		}
	}
	sec := strata.termsSection(res.Table, ks, topt, sf.by)
	sec.AddNote(report.SelfMentionNote(res.Masked))
	sec.AddNote(withinNote)
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{sec}}
	return cf.write(e, r)
}

// countLines counts the lines of text as cleaning numbers them: a final
// newline ends the last line rather than starting an empty one.
func countLines(text string) int {
	if text == "" {
		return 0
	}
	n := strings.Count(text, "\n")
	if !strings.HasSuffix(text, "\n") {
		n++
	}
	return n
}

func runSimilarity(c *command, args []string, e *env) error {
	var cf corpusFlags
	fs := c.flagSet(e, &cf)
	cf.addTerms(fs)
	measures := fs.String("measure", "cosine-tfidf", "comma-separated: cosine-tfidf, cosine-freq, jsd")
	idfName := fs.String("idf", "smooth", "idf for cosine-tfidf: smooth, nosmooth or plain (docs/measures.md)")
	docs := fs.Bool("docs", false, "list each document's nearest documents instead of the group matrix")
	k := fs.Int("k", 5, "with --docs: neighbours per document")
	maxDF := fs.Float64("max-df", 0, "with --docs: skip terms in more than this share of documents when finding candidates (0: none; docs/similarity.md)")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	var ms []termstats.SimMeasure
	for _, name := range strings.Split(*measures, ",") {
		m, err := termstats.ParseSimMeasure(strings.TrimSpace(name))
		if err != nil {
			return usageError{err}
		}
		ms = append(ms, m)
	}
	idf, err := termstats.ParseIDF(*idfName)
	if err != nil {
		return usageError{err}
	}
	if *maxDF < 0 || *maxDF > 1 {
		return usagef("--max-df must be between 0 and 1, not %g", *maxDF)
	}
	if *k < 1 {
		return usagef("--k must be at least 1, not %d", *k)
	}
	res, err := cf.run(pos, e, func(o *analysis.Options) { o.DocVectors = *docs })
	if err != nil {
		return err
	}
	var sections []report.Section
	for _, m := range ms {
		if *docs {
			nn, err := termstats.NearestDocuments(res.Docs, termstats.NeighborOptions{
				Measure: m, K: *k, CorpusDF: res.Table.CorpusDF, IDF: idfFunc(res.Table, idf), MaxDF: *maxDF})
			if err != nil {
				return err
			}
			sections = append(sections, report.NeighborsSection(res.Docs, nn, m))
			continue
		}
		sim, err := termstats.GroupSimilarity(res.Table, m, idfFunc(res.Table, idf))
		if err != nil {
			return err
		}
		sections = append(sections, report.SimilaritySection(sim))
	}
	if len(sections) > 1 && (cf.format == "csv" || cf.format == "json") {
		// The tidy tables share their columns, measure among them: one long
		// table holds every measure.
		sections = []report.Section{report.CombineTidy(sections)}
	}
	return cf.write(e, &report.Report{Provenance: provenance(c.name, fs, res), Sections: sections})
}

func runKWIC(c *command, args []string, e *env) error {
	var cf corpusFlags
	fs := c.flagSet(e, &cf)
	window := fs.Int("window", 8, "context words on each side")
	perGroup := fs.Int("max", 20, "matches shown per group (0: all)")
	labels := fs.String("labels", "auto", "labels lexicon whose hits are shown (auto: the sample's pack; none)")
	frames := fs.String("frames", "frames", "categories lexicon whose hits are shown (none to leave out)")
	actors := fs.String("actors", "auto", "actors lexicon whose hits are shown (auto: the sample's pack; none)")
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("kwic needs a PATTERN (run 'parallax kwic -h')")
	}
	if *window < 0 || *perGroup < 0 {
		return usagef("--window and --max must not be negative")
	}
	pat, err := kwic.Compile(pos[0])
	if err != nil {
		return usageError{err}
	}
	kw := &kwic.Collector{Pattern: pat, Window: *window, Max: *perGroup, Attribution: true}
	for _, l := range []struct {
		flag, value string
		kind        lexicons.Kind
	}{{"labels", *labels, lexicons.KindLabels}, {"frames", *frames, lexicons.KindCategories}, {"actors", *actors, lexicons.KindActors}} {
		m, err := lexiconFlag(l.flag, l.value, l.kind, &cf, pos[1:])
		if err != nil {
			return err
		}
		if m != nil {
			kw.Lexicons = append(kw.Lexicons, m)
		}
	}
	res, err := cf.run(pos[1:], e, func(o *analysis.Options) { o.Visit = kw.Visit })
	if err != nil {
		return err
	}
	r := &report.Report{Provenance: provenance(c.name, fs, res), Sections: []report.Section{report.KWICSection(kw.Hits(), kw.Counts(), pos[0], *perGroup)}}
	r.Provenance.Options["pattern"] = pos[0]
	return cf.write(e, r)
}
