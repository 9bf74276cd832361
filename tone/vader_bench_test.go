package tone

import (
	"testing"
	"time"
)

// BenchmarkVADER scores every sentence of the AllSides sample once per
// iteration and reports sentences per second on one goroutine.
func BenchmarkVADER(b *testing.B) {
	sentences := allSidesSentences(b)
	VADER("warm up the lexicon")
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	var sink float64
	for i := 0; i < b.N; i++ {
		for _, s := range sentences {
			sink += VADER(s).Compound
		}
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(b.N*len(sentences))/elapsed.Seconds(), "sentences/s")
	b.ReportMetric(float64(len(sentences)), "sentences/op")
	if sink != sink {
		b.Fatal("NaN compound")
	}
}
