// Command parallax-beam runs parallax's compare, terms, similarity and tone as an Apache
// Beam pipeline: on prism in this process by default, or on any runner
// Beam's Go SDK submits to (Dataflow, Flink and Spark job servers, a prism
// job server), with parallax's flags and output. See docs/cluster.md.
//
//	parallax-beam terms --sample allsides-middle-east
//	parallax-beam similarity 'shards/*.jsonl.gz' --format csv -o sim.csv \
//	    --runner universal --endpoint localhost:8073 --environment_type LOOPBACK
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"parallax/analysis/report"
)

func main() {
	if len(os.Args) > 1 && strings.HasPrefix(os.Args[1], "-") && !isHelp(os.Args[1]) {
		// Started by a runner as its worker (--worker and the harness's
		// flags): beam.Init serves the pipeline and does not return.
		flag.Parse()
		beam.Init()
		fmt.Fprintln(os.Stderr, "parallax-beam: give a command first: parallax-beam compare|terms|similarity|tone [flags] [CORPUS]")
		os.Exit(2)
	}
	os.Exit(run(os.Args[1:]))
}

func isHelp(a string) bool {
	switch a {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

const overview = `parallax-beam runs parallax's commands as an Apache Beam pipeline.

usage: parallax-beam COMMAND [flags] [CORPUS]

commands:
  terms       distinctive terms of each group (as parallax terms)
  similarity  similarity between groups (as parallax similarity)
  tone        tone per group, sentence or document (as parallax tone)
  compare     terms, similarity, tone, frames, framing and events (as parallax compare)

CORPUS is a file, a folder, or a glob of files (quote it for the shell);
without one, --sample names an embedded corpus. Beam's pipeline flags
(--runner, default prism in this process; --endpoint, --environment_type,
--project, --region, --staging_location, --temp_location, …) go with the
command's flags. See docs/cluster.md.
`

// run executes one command line and returns the exit status.
func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, overview)
		return 2
	}
	if isHelp(args[0]) {
		fmt.Fprint(stdout, overview)
		return 0
	}
	err := runCommand(args[0], args[1:])
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	}
	if msg, code, ok := commandFailure(err); ok {
		fmt.Fprintf(stderr, "parallax: %s\n", msg)
		return code
	}
	fmt.Fprintf(stderr, "parallax: %v\n", err)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// beamFlags adds Beam's pipeline flags (flag.CommandLine) to a command's
// flag set.
func beamFlags(fs *flag.FlagSet) {
	flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) != nil {
			return // a parallax flag of the same name wins
		}
		fs.Var(f.Value, f.Name, f.Usage)
	})
}

// runCommand parses the command line (parallax's flags and Beam's, mixed
// with positional arguments), checks it as parallax would, then builds and
// runs the pipeline.
func runCommand(cmd string, args []string) error {
	pj := &parsedJob{cmd: cmd}
	fs, err := commandFlags(cmd, pj)
	if err != nil {
		return err
	}
	own := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) { own[f.Name] = true })
	beamFlags(fs)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(cmd, fs, own, stdout)
				return errHelp
			}
			return parseError(cmd, err)
		}
		if fs.NArg() == 0 {
			break
		}
		pj.pos = append(pj.pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	// The job the workers parse again: the parallax flags given, and the
	// positional arguments.
	j := job{Cmd: cmd}
	fs.Visit(func(f *flag.Flag) {
		if own[f.Name] {
			j.Args = append(j.Args, "--"+f.Name+"="+f.Value.String())
		}
	})
	j.Args = append(j.Args, pj.pos...)
	pj, err = j.parse()
	if err != nil {
		return err
	}
	if err := pj.check(); err != nil {
		return err
	}
	if _, err := report.ParseFormat(pj.cf.format); err != nil {
		return usageError{err}
	}
	in, err := pj.cf.source(pj.pos)
	if err != nil {
		return err
	}
	if in.Glob && cmd == "compare" {
		return usagef("compare: parallax-beam reads one file or folder for compare yet, not a glob (its collectors number documents up to 2³¹ across inputs: docs/cluster.md)")
	}
	opt, err := pj.cf.options()
	if err != nil {
		return err
	}
	if err := flag.CommandLine.Parse(nil); err != nil { // Beam's flags are set: mark them parsed
		return err
	}
	beam.Init()
	switch os.Getenv("PARALLAX_BEAM_LOG") {
	case "":
		// parallax writes nothing to standard error but errors: so does
		// the runner, unless asked (PARALLAX_BEAM_LOG=1). Its failures come
		// back from Run and are printed then.
		slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	case "debug":
		// prism's stages and each bundle's start and size, timed: where
		// the memory goes (docs/cluster.md).
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))
	}
	p, s := beam.NewPipelineWithRoot()
	buildPipeline(s, j, in, runnerName(), repeatedRule(opt))
	if path := os.Getenv("PARALLAX_BEAM_CPUPROF"); path != "" {
		defer cpuProfile(path)()
	}
	if path := os.Getenv("PARALLAX_BEAM_HEAPPROF"); path != "" {
		stop := make(chan struct{})
		defer close(stop)
		go watchHeap(path, stop)
	}
	pr, err := beamx.RunWithMetrics(context.Background(), p)
	if err == nil && os.Getenv("PARALLAX_BEAM_METRICS") != "" && pr != nil {
		printMetrics(pr)
	}
	return err
}

// printMetrics writes the pipeline's counters to standard error
// (PARALLAX_BEAM_METRICS=1): the bytes that cross the shuffles.
func printMetrics(pr beam.PipelineResult) {
	for _, c := range pr.Metrics().AllMetrics().Counters() {
		if c.Namespace() == "parallax" {
			fmt.Fprintf(stderr, "parallax-beam: %s %d\n", c.Name(), c.Result())
		}
	}
	for _, d := range pr.Metrics().AllMetrics().Distributions() {
		if d.Namespace() == "parallax" {
			r := d.Result()
			fmt.Fprintf(stderr, "parallax-beam: %s count %d sum %d min %d max %d\n", d.Name(), r.Count, r.Sum, r.Min, r.Max)
		}
	}
}

// runnerName is the runner the pipeline runs on, for the provenance.
func runnerName() string {
	if r := *runners.Runner; r != "" {
		return r
	}
	return "prism"
}

// printHelp prints the command's flags as parallax does, then Beam's.
func printHelp(cmd string, fs *flag.FlagSet, own map[string]bool, w io.Writer) {
	fmt.Fprintf(w, "usage: parallax-beam %s [flags] [CORPUS]\n\nparallax %s as an Apache Beam pipeline; CORPUS may be a glob of files.\n\nflags:\n", cmd, cmd)
	mine := flag.NewFlagSet(cmd, flag.ContinueOnError)
	theirs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		to := theirs
		if own[f.Name] {
			to = mine
		}
		to.Var(f.Value, f.Name, f.Usage)
		to.Lookup(f.Name).DefValue = f.DefValue
	})
	mine.SetOutput(w)
	mine.PrintDefaults()
	fmt.Fprintf(w, "\nBeam pipeline flags:\n")
	theirs.SetOutput(w)
	theirs.PrintDefaults()
}
