package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"parallax/analysis"
	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/events"
	"parallax/analysis/report"
	"parallax/analysis/termstats"
)

// Where the finishing step writes when there is no -o: the launcher's
// standard streams, which are the worker's own when the runner runs the
// pipeline in the launcher's process (prism in-process, or LOOPBACK
// workers). On a cluster, give -o.
var stdout, stderr io.Writer = os.Stdout, os.Stderr

// finishFn runs once, on one worker, after every group's Shard is
// combined: it merges them, freezes the term table and computes and
// writes the command's report with parallax's code.
type finishFn struct {
	Job    job
	Source string // corpus name for the provenance
	Runner string
}

func (f *finishFn) ProcessElement(ctx context.Context, _ []byte, shards func(*string, *[]byte) bool, reps func(*inputReport) bool, removed func(*string, *int64) bool, accs func(*groupBytes) bool,
	stories func(*[]byte) bool, stats func(*string, *int64) bool) error {
	pj, err := f.Job.parse()
	if err != nil {
		return err
	}
	opt, err := pj.cf.options()
	if err != nil {
		return failure(err)
	}
	res, err := f.result(ctx, opt, shards, reps, removed)
	if err != nil {
		return failure(err)
	}
	if res.Table.TotalDocs == 0 {
		return failure(fmt.Errorf("%s: no document left to analyse (read %d, skipped %d): see 'parallax corpus' for the reasons", res.Source, res.Load.Read, len(res.Load.Skipped)))
	}
	var r *report.Report
	switch pj.cmd {
	case "terms":
		r, err = termsReport(pj, res)
	case "similarity":
		r, err = similarityReport(pj, res)
	case "tone", "compare":
		r, err = f.collectorsReport(ctx, pj, res, accs, stories, stats)
	}
	if err == nil {
		r.Provenance = provenance(pj, res, f.Runner)
		// parallax's plainReport: the small flag and each table's lead.
		docs := make(map[string]int, len(res.Groups))
		for _, g := range res.Groups {
			docs[g.Group] = g.Docs
		}
		report.FlagSmall(r, docs)
		report.AddLeads(r)
		err = pj.cf.write(r)
	}
	return failure(err)
}

// collectorsReport merges the collectors' accumulators and makes the
// report of tone or compare.
func (f *finishFn) collectorsReport(ctx context.Context, pj *parsedJob, res *analysis.Result, accs func(*groupBytes) bool,
	stories func(*[]byte) bool, stats func(*string, *int64) bool) (*report.Report, error) {
	c, err := newCollectors(f.Job)
	if err != nil {
		return nil, err
	}
	m, err := c.mergeAll(ctx, accs)
	if err != nil {
		return nil, err
	}
	if pj.cmd == "tone" {
		return toneReport(pj, c.tone, m.tone)
	}
	var srs []events.StoryResult
	var b []byte
	for stories(&b) {
		var sr events.StoryResult
		if err := sr.UnmarshalBinary(b); err != nil {
			return nil, err
		}
		srs = append(srs, sr)
	}
	ev, err := c.ev.FinishKeyed(m.ev, linkStats(c.ev, stats, len(srs)), srs)
	if err != nil {
		return nil, err
	}
	return compareReport(pj, res, c, m, ev)
}

// result gathers what the pipeline computed into parallax's Result.
func (f *finishFn) result(ctx context.Context, opt analysis.Options, shards func(*string, *[]byte) bool, reps func(*inputReport) bool, removed func(*string, *int64) bool) (*analysis.Result, error) {
	res := &analysis.Result{Source: f.Source, Load: &corpus.LoadReport{}, Cleaning: clean.Summary{ByRule: map[string]int64{}}}
	inputs := sortedReports(reps)
	for _, in := range inputs {
		if in.Err != "" {
			return nil, fmt.Errorf("%s", in.Err) // the first failing input's error, as parallax words it
		}
	}
	h := sha256.New()
	hosts := termstats.Hosts{}
	for _, in := range inputs {
		if len(in.Hosts) > 0 {
			var ih termstats.Hosts
			if err := json.Unmarshal(in.Hosts, &ih); err != nil {
				return nil, fmt.Errorf("hosts of %s: %v", in.Input, err)
			}
			hosts.Merge(ih)
		}
		var l corpus.LoadReport
		if err := json.Unmarshal(in.Report, &l); err != nil {
			return nil, fmt.Errorf("load report of %s: %v", in.Input, err)
		}
		res.Load.Read += l.Read
		res.Load.Loaded += l.Loaded
		res.Load.Skipped = append(res.Load.Skipped, l.Skipped...)
		res.Load.Repaired += l.Repaired
		res.Load.DatePublished += l.DatePublished
		res.Load.Dates.Add(l.Dates)
		if res.Load.Format == "" {
			res.Load.Format = l.Format
		} else if l.Format != res.Load.Format {
			res.Load.Format = "mixed" // a glob of files of several formats
		}
		res.Load.Warnings = append(res.Load.Warnings, l.Warnings...)
		h.Write(in.Digest)
	}
	switch len(inputs) {
	case 1:
		// One input: parallax's fingerprint, the SHA-256 of its documents.
		res.Fingerprint = hex.EncodeToString(inputs[0].Digest)[:16]
	default:
		// Several inputs (a glob): the SHA-256 of their documents' SHA-256s,
		// in input order.
		res.Fingerprint = hex.EncodeToString(h.Sum(nil))[:16]
	}
	if !opt.NoClean {
		res.Cleaning.Enabled = true
		res.Cleaning.RepeatedRule = repeatedRule(opt)
		var rule string
		var n int64
		for removed(&rule, &n) {
			res.Cleaning.ByRule[rule] += n
			res.Cleaning.Removed += n
		}
	}
	all := termstats.NewShard()
	var group string
	var b []byte
	for shards(&group, &b) {
		shardBytesCounter.Inc(ctx, int64(len(b)))
		groupsCounter.Inc(ctx, 1)
		s := termstats.NewShard()
		if err := s.UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("group %q: %v", group, err)
		}
		all.Merge(s)
	}
	v := all.Vocabulary()
	if v == nil {
		v = termstats.NewVocabulary()
		all = termstats.NewShardIn(v)
	}
	res.Table, res.Groups, _ = termstats.Freeze(all, v)
	// Self-mentions are masked at finish time, as parallax's pipeline does
	// (analysis.Run): --keep-self-mentions and --by are not flags of
	// parallax-beam yet, so always.
	res.Hosts = hosts
	if !opt.KeepSelfMentions && opt.Stratum == nil {
		mask := termstats.SelfMentions(res.Table, hosts, opt.Terms.Stem)
		res.Masked = termstats.MaskSelfMentions(res.Table, res.Groups, nil, mask)
	}
	return res, nil
}

// failure wraps a command's error so that the launcher can tell it from a
// failure of the runner and print it as parallax does (exit status 2 for a
// usage error, 1 otherwise).
func failure(err error) error {
	if err == nil {
		return nil
	}
	code := 1
	if _, ok := err.(usageError); ok {
		code = 2
	}
	return fmt.Errorf("%s%d:%s%s", failBegin, code, err.Error(), failEnd)
}

const failBegin, failEnd = "<<parallax-error:", ":parallax-error>>"

// commandFailure finds the command's error in the runner's error.
func commandFailure(err error) (msg string, code int, ok bool) {
	s := err.Error()
	i := strings.Index(s, failBegin)
	if i < 0 {
		return "", 0, false
	}
	s = s[i+len(failBegin):]
	j := strings.Index(s, failEnd)
	if j < 2 {
		return "", 0, false
	}
	code, _ = strconv.Atoi(s[:1])
	return s[2:j], code, true
}

// termsReport is parallax terms' report (runTerms), from the result.
func termsReport(pj *parsedJob, res *analysis.Result) (*report.Report, error) {
	tf := &pj.tf
	topt, err := tf.options(false, pj.cf.form())
	if err != nil {
		return nil, err
	}
	topt.Zeros = tf.zeros
	if tf.rank != "logodds" {
		if tf.dtm != "" {
			if err := writeDTM(tf.dtm, func(p string) error { return report.WriteDTM(p, res.Table) }); err != nil {
				return nil, err
			}
		}
		sec, err := report.FrequencySection(res.Table, tf.rank, tf.top, tf.minCount, topt.IDF)
		if err != nil {
			return nil, err
		}
		return &report.Report{Sections: []report.Section{sec}}, nil
	}
	if err := tf.checkGroups(res.Table); err != nil {
		return nil, err
	}
	ks, err := termstats.DistinctiveTerms(res.Table, topt.DistinctiveOptions)
	if err != nil {
		return nil, err
	}
	if tf.dtm != "" {
		if err := writeDTM(tf.dtm, func(p string) error { return report.WriteDTM(p, res.Table) }); err != nil {
			return nil, err
		}
	}
	sec := report.TermsSection(res.Table, ks, topt)
	sec.AddNote(report.SelfMentionNote(res.Masked))
	return &report.Report{Sections: []report.Section{sec}}, nil
}

// similarityReport is parallax similarity's group matrix (runSimilarity).
func similarityReport(pj *parsedJob, res *analysis.Result) (*report.Report, error) {
	ms, idf, err := pj.sf.parse()
	if err != nil {
		return nil, err
	}
	var sections []report.Section
	for _, m := range ms {
		sim, err := termstats.GroupSimilarity(res.Table, m, idfFunc(res.Table, idf))
		if err != nil {
			return nil, err
		}
		sections = append(sections, report.SimilaritySection(sim))
	}
	if len(sections) > 1 && (pj.cf.format == "csv" || pj.cf.format == "json") {
		sections = []report.Section{report.CombineTidy(sections)}
	}
	return &report.Report{Sections: sections}, nil
}

// parse checks the similarity flags as parallax does.
func (sf *simFlags) parse() ([]termstats.SimMeasure, termstats.IDFVariant, error) {
	var ms []termstats.SimMeasure
	for _, name := range strings.Split(sf.measures, ",") {
		m, err := termstats.ParseSimMeasure(strings.TrimSpace(name))
		if err != nil {
			return nil, "", usageError{err}
		}
		ms = append(ms, m)
	}
	idf, err := termstats.ParseIDF(sf.idf)
	if err != nil {
		return nil, "", usageError{err}
	}
	if sf.maxDF < 0 || sf.maxDF > 1 {
		return nil, "", usagef("--max-df must be between 0 and 1, not %g", sf.maxDF)
	}
	if sf.k < 1 {
		return nil, "", usagef("--k must be at least 1, not %d", sf.k)
	}
	if sf.docs {
		return nil, "", usagef("--docs is not available in parallax-beam yet (it needs every document's vector on one worker): use parallax similarity --docs")
	}
	return ms, idf, nil
}

func idfFunc(t *termstats.TermTable, v termstats.IDFVariant) func(int64) float64 {
	d := int64(t.TotalDocs)
	return func(df int64) float64 { return termstats.IDF(df, d, v) }
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
	return report.TermsOptions{
		DistinctiveOptions: termstats.DistinctiveOptions{
			Keyness: termstats.KeynessOptions{PriorScale: tf.prior, MinCount: tf.minCount, Correction: tf.correction},
			IDF:     idf, Top: tf.top, Vs: tf.vs, Target: tf.target,
		},
		Compact: compact, Only: only,
	}, nil
}

// check validates the terms flags before the pipeline runs, as parallax
// does before reading the corpus.
func (tf *termsFlags) check(only report.Form) error {
	if _, err := tf.options(false, only); err != nil {
		return err
	}
	switch tf.rank {
	case "logodds", "count", "tfidf":
	default:
		return usagef("--rank %q: use logodds, count or tfidf", tf.rank)
	}
	if tf.zeros && (tf.top != 0 || tf.rank != "logodds") {
		return usagef("--zeros adds the terms a group never uses to the list of every tested term: use it with --top 0 (and --rank logodds)")
	}
	return nil
}

// form says which table of a section the output format shows.
func (cf *corpusFlags) form() report.Form {
	switch {
	case cf.output != "" && cf.format == "csv":
		return report.BothForms
	case cf.format == "csv" || cf.format == "json":
		return report.TidyForm
	case cf.format == "table" || cf.format == "markdown" || cf.format == "latex":
		return report.DisplayForm
	}
	return report.BothForms
}

// write renders the report to -o or standard output (parallax's write).
func (cf *corpusFlags) write(r *report.Report) error {
	f, err := report.ParseFormat(cf.format)
	if err != nil {
		return usageError{err}
	}
	if isBucket(cf.output) {
		if !report.IsDirTarget(cf.output) && f == "csv" && len(r.Sections) > 1 {
			return usagef("-o %q: csv holds one table and this report has %d sections: name a folder (ending in /) for one file per section", cf.output, len(r.Sections))
		}
		return cf.writeBucket(r, f)
	}
	if cf.output != "" && report.IsDirTarget(cf.output) || f == "csv" && len(r.Sections) > 1 {
		if cf.output != "" && !report.IsDirTarget(cf.output) {
			return usagef("-o %q: csv holds one table and this report has %d sections: name a folder (ending in /) for one file per section", cf.output, len(r.Sections))
		}
		if cf.output == "" {
			return usagef("csv holds one table and this report has %d sections: use -o DIR to write one file per section, or a command that prints one table (terms, similarity)", len(r.Sections))
		}
		paths, err := report.WriteDir(cf.output, r, f, report.Options{Width: cf.width})
		if err != nil {
			return err
		}
		if !cf.quiet {
			fmt.Fprintf(stderr, "parallax: wrote %s\n", strings.Join(paths, ", "))
		}
		return nil
	}
	if cf.output == "" {
		return report.Render(stdout, r, f, report.Options{Width: cf.width})
	}
	out, err := os.Create(cf.output)
	if err != nil {
		return err
	}
	if err := report.Render(out, r, f, report.Options{Width: cf.width}); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
