package main

import (
	"flag"
	"fmt"

	"parallax/analysis"
	"parallax/analysis/report"
	"parallax/analysis/segment"
	"parallax/analysis/termstats"
	"parallax/analysis/tonestats"
)

// strataFlags hold --by, which compares groups within strata.
type strataFlags struct{ by string }

func (sf *strataFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&sf.by, "by", "", "compare groups within strata: a record field, or a date bucket year, quarter or month (undated documents: their own stratum); see docs/measures.md, Strata")
}

// stratified is a run with --by: the table of (group, stratum) cells and
// its design; the Result then holds the groups' pooled table.
type stratified struct {
	cells *termstats.TermTable
	st    *termstats.Strata
}

// run is cf.run with the stratum key, when --by is given: the pipeline
// counts cells, which are pooled back into groups in res.Table and
// res.Groups for every unstratified measure.
func (sf *strataFlags) run(cf *corpusFlags, pos []string, e *env, tweak func(*analysis.Options)) (*analysis.Result, *stratified, error) {
	by, err := analysis.ParseBy(sf.by)
	if err != nil {
		return nil, nil, usageError{err}
	}
	var keep, stem bool
	res, err := cf.run(pos, e, func(o *analysis.Options) {
		if tweak != nil {
			tweak(o)
		}
		o.Stratum = by
		keep, stem = o.KeepSelfMentions, o.Terms.Stem
	})
	if err != nil || by == nil {
		return res, nil, err
	}
	s := &stratified{cells: res.Table, st: termstats.NewStrata(res.Table)}
	if !keep {
		// Self-mentions are decided on the groups, as without --by, and
		// removed from every cell of the group.
		res.Masked = termstats.MaskStrata(s.cells, res.Groups, s.st, res.Hosts, stem)
	}
	res.Table = termstats.Collapse(s.cells, s.st)
	res.Groups = termstats.CollapseSummaries(res.Groups, s.st, res.Table)
	return res, s, nil
}

// runCorpus is run for the corpus command, which lists the skips of a
// corpus whose every record was skipped.
func (sf *strataFlags) runCorpus(cf *corpusFlags, pos []string, e *env, tweak func(*analysis.Options)) (*analysis.Result, *stratified, error) {
	if sf.by == "" {
		res, err := cf.runCorpus(pos, e, tweak, true)
		return res, nil, err
	}
	return sf.run(cf, pos, e, tweak)
}

// distinctive is DistinctiveTerms, or StratifiedTerms with --by (s not nil).
func (s *stratified) distinctive(t *termstats.TermTable, opt termstats.DistinctiveOptions) ([]termstats.GroupKeyness, error) {
	if s == nil {
		return termstats.DistinctiveTerms(t, opt)
	}
	return termstats.StratifiedTerms(s.cells, t, s.st, opt)
}

// termsSection is report.TermsSection with, under --by, the notes that
// say how the strata were pooled.
func (s *stratified) termsSection(t *termstats.TermTable, ks []termstats.GroupKeyness, opt report.TermsOptions, by string) report.Section {
	sec := report.TermsSection(t, ks, opt)
	if s == nil {
		return sec
	}
	notes := append(report.StrataTermsNotes(by, len(s.st.Strata)), sec.Display.Notes...)
	sec.Display.Notes = notes
	if sec.Tidy != nil {
		sec.Tidy.Notes = notes
	}
	return sec
}

// strataToneSection is the tone table of the (group, stratum) cells: each
// group's mean and interval in each stratum, named "group · stratum".
func strataToneSection(sum *tonestats.Summary) report.Section {
	for i, key := range sum.Groups {
		g, s := termstats.SplitCell(key)
		sum.Groups[i] = g + " · " + s
	}
	sec := report.ToneSection(sum)
	sec.Display.Title += " per stratum"
	return sec
}

// groupKeys wraps a Visit so that it sees each document's group, not its
// (group, stratum) cell: under --by the framing, frames and events
// collectors count groups. Without --by the key has no stratum and is
// passed unchanged.
func groupKeys(visit func(*segment.Processed)) func(*segment.Processed) {
	return func(p *segment.Processed) {
		cell := p.Doc.Group
		p.Doc.Group, _ = termstats.SplitCell(cell)
		visit(p)
		p.Doc.Group = cell
	}
}

// toneSections is compare's tone: the groups' means with intervals, or
// under --by the standardised means and the means per stratum (as tone
// --by prints them).
func (s *stratified) toneSections(sum *tonestats.Summary, by string) []report.Section {
	if s == nil {
		return []report.Section{report.ToneSection(sum)}
	}
	std := report.StandardisedToneSection(tonestats.Standardise(sum), by)
	return []report.Section{std, strataToneSection(sum)}
}

// notStratified adds to each section, under --by, a note that it counts
// each group over all its strata.
func (s *stratified) notStratified(secs []report.Section, by string) {
	if s == nil {
		return
	}
	note := fmt.Sprintf("Not stratified: --by %s applies to the terms and tone sections; this table counts each group over all its documents, whatever their stratum.", by)
	for _, sec := range secs {
		if sec.Display != nil {
			sec.Display.Notes = append(sec.Display.Notes, note)
		}
		if sec.Tidy != nil && sec.Tidy != sec.Display {
			sec.Tidy.Notes = append(sec.Tidy.Notes, note)
		}
	}
}
