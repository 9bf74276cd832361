package main

import (
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// cpuProfile starts a CPU profile into path (PARALLAX_BEAM_CPUPROF=FILE);
// the returned function stops it.
func cpuProfile(path string) (stop func()) {
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// watchHeap writes a heap profile to path each time the live heap (as
// the last collection found it) passes its largest so far by 5 %
// (checked every 2 seconds), so that the file ends holding the profile
// nearest the run's peak: what prism and the pipeline's steps held then
// (PARALLAX_BEAM_HEAPPROF=FILE, docs/cluster.md). It stops when stop is
// closed.
func watchHeap(path string, stop <-chan struct{}) {
	var most uint64
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		metrics.Read(live)
		if v := live[0].Value.Uint64(); v <= most+most/20 {
			continue
		} else {
			most = v
		}
		f, err := os.Create(path)
		if err != nil {
			return
		}
		pprof.WriteHeapProfile(f)
		f.Close()
	}
}
