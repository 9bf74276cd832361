package main

import (
	"context"
	"flag"
	"fmt"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/analysis/tonestats"
	"parallax/lexicons"
)

// Tone on Beam: the count step scores every document's sentences with
// parallax's tonestats.Collector.Map into a tonestats.DocRecord (sent in
// its byte encoding, keyed by group); CombinePerKey adds them into one
// tonestats.Acc per group (coder: the Acc's byte encoding); the finishing
// worker merges the groups' Accs and runs Summarize with parallax's seeds.
// The Acc orders documents by their load ordinal and takes every sum
// within one document, so any split and merge order gives parallax's
// numbers.

func init() {
	beam.RegisterType(reflect.TypeOf((*toneFn)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf((*toneAcc)(nil)).Elem(), encodeToneAcc, decodeToneAcc)
}

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
	case "group":
	case "sentence", "document":
		return tonestats.Options{}, usagef("--unit %s is not available in parallax-beam yet (its table needs every %s's scores and text on one worker): use parallax tone --unit %s", tn.unit, tn.unit, tn.unit)
	default:
		return tonestats.Options{}, usagef("--unit %q: use group, sentence or document", tn.unit)
	}
	if tn.resamples < 1 || tn.perms < 1 {
		return tonestats.Options{}, usagef("--resamples and --permutations must be at least 1")
	}
	var opt tonestats.Options
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

// needsTone says whether the job's command reports tone.
func needsTone(cmd string) bool { return cmd == "tone" }

// toneCollector builds the job's tone collector: its Map scores documents
// on the workers, its NewAcc makes the combiner's accumulators.
func toneCollector(j job) (*tonestats.Collector, error) {
	pj, err := j.parse()
	if err != nil {
		return nil, err
	}
	opt, err := pj.tn.options()
	if err != nil {
		return nil, err
	}
	return tonestats.NewCollector(opt)
}

// toneAcc is a group's tone records being combined; nil until the first
// record. Its coder is the Acc's byte encoding (empty for nil).
type toneAcc struct{ A *tonestats.Acc }

func encodeToneAcc(a toneAcc) ([]byte, error) {
	if a.A == nil {
		return nil, nil
	}
	return a.A.MarshalBinary()
}

func decodeToneAcc(b []byte) (toneAcc, error) {
	if len(b) == 0 {
		return toneAcc{}, nil
	}
	a := new(tonestats.Acc)
	return toneAcc{a}, a.UnmarshalBinary(b)
}

// toneFn combines tone records (tonestats.DocRecord's encoding) into a
// tonestats.Acc per group.
type toneFn struct {
	Job job
	col *tonestats.Collector
}

func (f *toneFn) Setup() error {
	var err error
	f.col, err = toneCollector(f.Job)
	return err
}

func (f *toneFn) CreateAccumulator() toneAcc { return toneAcc{f.col.NewAcc()} }

func (f *toneFn) AddInput(a toneAcc, rec []byte) (toneAcc, error) {
	var r tonestats.DocRecord
	if err := r.UnmarshalBinary(rec); err != nil {
		return a, err
	}
	if a.A == nil {
		a.A = f.col.NewAcc()
	}
	return a, a.A.Add(r)
}

func (f *toneFn) MergeAccumulators(a, b toneAcc) (toneAcc, error) {
	switch {
	case b.A == nil:
		return a, nil
	case a.A == nil:
		return b, nil
	}
	return a, a.A.Merge(b.A)
}

func (f *toneFn) ExtractOutput(a toneAcc) ([]byte, error) { return encodeToneAcc(a) }

// mergeTone merges the groups' tone accumulators (side input: each
// group's Acc bytes) into one.
func mergeTone(ctx context.Context, col *tonestats.Collector, groups func(*groupBytes) bool) (*tonestats.Acc, error) {
	all := col.NewAcc()
	var g groupBytes
	for groups(&g) {
		toneBytesCounter.Inc(ctx, int64(len(g.Bytes)))
		a, err := decodeToneAcc(g.Bytes)
		if err != nil {
			return nil, fmt.Errorf("tone of group %q: %v", g.Group, err)
		}
		if a.A == nil {
			continue
		}
		if err := all.Merge(a.A); err != nil {
			return nil, fmt.Errorf("tone of group %q: %v", g.Group, err)
		}
	}
	return all, nil
}

// toneReport merges the groups' tone and makes parallax tone's report.
func (f *finishFn) toneReport(ctx context.Context, pj *parsedJob, groups func(*groupBytes) bool) (*report.Report, error) {
	col, err := toneCollector(f.Job)
	if err != nil {
		return nil, err
	}
	acc, err := mergeTone(ctx, col, groups)
	if err != nil {
		return nil, err
	}
	return toneReport(pj, acc)
}

// toneReport is parallax tone's report (runTone) with --unit group, from
// the merged accumulator.
func toneReport(pj *parsedJob, acc *tonestats.Acc) (*report.Report, error) {
	tn := &pj.tn
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
