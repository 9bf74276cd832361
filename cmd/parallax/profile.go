package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// Profiling for the benchmarks (docs/performance.md): PARALLAX_CPUPROFILE
// and PARALLAX_MEMPROFILE name files for pprof (the heap profile is taken
// at the peak of live heap). Environment variables, not
// flags, so that profiling never shows in an output's provenance.
func main() {
	setMemoryLimit()
	if path := os.Getenv("PARALLAX_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "parallax: PARALLAX_CPUPROFILE: %v\n", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(os.Stderr, "parallax: PARALLAX_CPUPROFILE: %v\n", err)
			os.Exit(1)
		}
		stop := watchHeap()
		code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		pprof.StopCPUProfile()
		f.Close()
		stop()
		os.Exit(code)
	}
	stop := watchHeap()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// defaultMemoryLimit is the soft limit of the Go heap when GOMEMLIMIT is not
// set: below it the garbage collector runs as usual (GOGC); near it, more
// often, so that the heap's slack does not double the resident memory of a
// large run. It is not a cap: a run that needs more gets more.
const defaultMemoryLimit = 768 << 20

// setMemoryLimit applies defaultMemoryLimit unless GOMEMLIMIT says
// otherwise (docs/performance.md).
func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

// watchHeap writes the heap profile named by PARALLAX_MEMPROFILE at the
// peak of the live heap: every 100 ms it reads the bytes the last garbage
// collection found live, and each time they pass the largest seen by 10 %
// the profile is written again (what is in use then, as of that
// collection). Live bytes, not the heap's objects: those include garbage
// not yet swept, which peaks early and would leave the profile of a
// moment when far less was live. The returned function stops watching.
func watchHeap() (stop func()) {
	path := os.Getenv("PARALLAX_MEMPROFILE")
	if path == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak+peak/10 {
				peak = v
				writeHeapProfile(path)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// writeHeapProfile writes the heap profile to path.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parallax: PARALLAX_MEMPROFILE: %v\n", err)
		return
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "parallax: PARALLAX_MEMPROFILE: %v\n", err)
	}
}
