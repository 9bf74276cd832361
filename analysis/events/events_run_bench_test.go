//go:build unix

package events_test

import (
	"testing"
	"time"

	"parallax/analysis"
	"parallax/analysis/events"
	"parallax/analysis/internal/testkit"
)

// BenchmarkEvents runs what `parallax events` does on the AllSides sample
// (859 articles, 53 outlets): the pipeline with the event collector's
// Visit, then Result (stories, passage alignment, tone, bootstrap). It
// reports the time of Result alone as result-ms and documents per second
// of the whole run, and the CPU time of a run (on a shared machine a
// steadier figure than wall time).
func BenchmarkEvents(b *testing.B) {
	src := testkit.AllSidesSource()
	b.ReportAllocs()
	var docs int
	var result time.Duration
	c0 := events.CPUTime()
	for range b.N {
		c, err := events.NewCollector(events.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := analysis.Run(src, analysis.Options{Visit: c.Visit}); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		r, err := c.Result()
		if err != nil {
			b.Fatal(err)
		}
		result += time.Since(t0)
		docs = r.Stats.Docs
	}
	b.ReportMetric((events.CPUTime()-c0).Seconds()/float64(b.N), "cpu-s")
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(result.Milliseconds())/float64(b.N), "result-ms")
}
