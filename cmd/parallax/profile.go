package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// Profiling for the benchmarks (docs/performance.md): PARALLAX_CPUPROFILE
// and PARALLAX_MEMPROFILE name files for pprof. Environment variables, not
// flags, so that profiling never shows in an output's provenance.
func main() {
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
		code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		pprof.StopCPUProfile()
		f.Close()
		writeHeapProfile()
		os.Exit(code)
	}
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	writeHeapProfile()
	os.Exit(code)
}

// writeHeapProfile writes the heap profile named by PARALLAX_MEMPROFILE.
func writeHeapProfile() {
	path := os.Getenv("PARALLAX_MEMPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parallax: PARALLAX_MEMPROFILE: %v\n", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "parallax: PARALLAX_MEMPROFILE: %v\n", err)
	}
}
