package tonestats

import (
	"sync/atomic"
	"testing"
	"time"

	"parallax/analysis"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/segment"
)

// BenchmarkTone scores every sentence of the AllSides sample with VADER and
// naive Bayes through Run and Visit. It reports sentences/s over the whole
// run (loading, cleaning and term counting included, on every core) and
// tone-sentences/s/core: sentences per second of time spent inside Visit,
// summed over the workers, i.e. the throughput of tone alone on one core.
func BenchmarkTone(b *testing.B) {
	src := testkit.AllSidesSource()
	if _, err := NewCollector(Options{}); err != nil { // loads the NB model once
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	sentences := 0
	var inVisit atomic.Int64 // nanoseconds
	for range b.N {
		c, err := NewCollector(Options{})
		if err != nil {
			b.Fatal(err)
		}
		visit := func(p *segment.Processed) {
			t0 := time.Now()
			c.Visit(p)
			inVisit.Add(int64(time.Since(t0)))
		}
		if _, err := analysis.Run(src, analysis.Options{Visit: visit}); err != nil {
			b.Fatal(err)
		}
		sentences += c.acc.total
	}
	b.ReportMetric(float64(sentences)/time.Since(start).Seconds(), "sentences/s")
	b.ReportMetric(float64(sentences)/(float64(inVisit.Load())/1e9), "tone-sentences/s/core")
	b.ReportMetric(float64(sentences)/float64(b.N), "sentences/op")
}
