//go:build unix

package events

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"parallax/analysis/corpus"
	"parallax/analysis/segment"
)

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// CPUTime is the CPU time (user + system) the process has used: on a
// shared machine a steadier measure than wall time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// syntheticNews makes n news-like documents: 50 outlets, dates over 1,000
// days, half of the documents in stories of 2 to 6 documents from
// different outlets on the same day or the next, each story with its own
// names, rare words and numbers; every document has 8 sentences of 15
// words drawn from a Zipf distribution (s = 1.07) over 50,000 words, with
// a name now and then.
func syntheticNews(n int, seed uint64) []corpus.Document {
	rng := rand.New(rand.NewPCG(seed, 99))
	syll := []string{"ka", "lo", "mi", "ra", "ten", "vo", "zu", "pe", "sha", "dri", "no", "ul", "bes", "tor", "ani", "que"}
	word := func(k int) string {
		var b strings.Builder
		for k > 0 || b.Len() == 0 {
			b.WriteString(syll[k%len(syll)])
			k /= len(syll)
		}
		return b.String()
	}
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	zipf := rand.NewZipf(rng, 1.07, 1, 49999)
	sentence := func(b *strings.Builder, extra []string) {
		k := 0
		for i := range 15 {
			if k < len(extra) && i%4 == 2 {
				b.WriteString(extra[k])
				k++
			} else if i == 0 {
				b.WriteString(title(word(int(zipf.Uint64()) + 1000)))
			} else {
				b.WriteString(word(int(zipf.Uint64()) + 1000))
			}
			b.WriteByte(' ')
		}
		b.WriteString("end.\n")
	}
	name := func() string {
		return title(word(100000+rng.IntN(20000))) + " " + title(word(200000+rng.IntN(50000)))
	}
	type storyT struct {
		day   int
		feats []string
	}
	var docs []corpus.Document
	base := dayOf(2015, 1, 1)
	for len(docs) < n {
		inStory := rng.IntN(2) == 0
		size := 1
		var st storyT
		if inStory {
			size = 2 + rng.IntN(5)
			st.day = rng.IntN(1000)
			for range 3 {
				st.feats = append(st.feats, name())
			}
			for range 6 {
				st.feats = append(st.feats, word(300000+rng.IntN(400000)))
			}
			for range 2 {
				st.feats = append(st.feats, strconv.Itoa(10+rng.IntN(100000)))
			}
		}
		groups := rng.Perm(50)
		for k := 0; k < size && len(docs) < n; k++ {
			day := rng.IntN(1000)
			if inStory {
				day = st.day + rng.IntN(2)
			}
			var b strings.Builder
			for s := range 8 {
				var extra []string
				if inStory && s < 4 {
					for range 3 {
						extra = append(extra, st.feats[rng.IntN(len(st.feats))])
					}
				} else if rng.IntN(3) == 0 {
					extra = append(extra, name())
				}
				sentence(&b, extra)
			}
			docs = append(docs, corpus.Document{Index: len(docs), ID: fmt.Sprintf("d%d", len(docs)), Group: fmt.Sprintf("outlet-%02d", groups[k]),
				Date: isoDay(base + int32(day)), Text: b.String()})
		}
	}
	return docs
}

// BenchmarkEventsSynthetic measures the event collector alone (Visit from
// GOMAXPROCS goroutines, then Result) on synthetic corpora: wall and CPU
// time of the pass and of Result, and the live heap of the collector after
// the pass (pass-heap-MB, the texts it keeps included) and of the
// collector and its result after Result (result-heap-MB).
func BenchmarkEventsSynthetic(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			docs := syntheticNews(n, 1)
			procs := make([]segment.Processed, len(docs))
			for i := range docs {
				procs[i] = segment.Processed{Doc: &docs[i], Text: docs[i].Text, Sentences: segment.Sentences(docs[i].Text, nil)}
			}
			var visit, result, visitCPU, resultCPU time.Duration
			var passMB, heapMB float64
			var st Stats
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				base := liveHeap()
				b.StartTimer()
				c, err := NewCollector(Options{})
				if err != nil {
					b.Fatal(err)
				}
				t0, c0 := time.Now(), CPUTime()
				parallelFor(len(procs), runtime.GOMAXPROCS(0), func(i int) { c.Visit(&procs[i]) })
				visit += time.Since(t0)
				visitCPU += CPUTime() - c0
				b.StopTimer()
				passMB = float64(liveHeap()-base) / 1e6
				b.StartTimer()
				t1, c1 := time.Now(), CPUTime()
				r, err := c.Result()
				if err != nil {
					b.Fatal(err)
				}
				result += time.Since(t1)
				resultCPU += CPUTime() - c1
				st = r.Stats
				b.StopTimer()
				heapMB = float64(liveHeap()-base) / 1e6
				runtime.KeepAlive(c)
				runtime.KeepAlive(r)
				b.StartTimer()
			}
			b.ReportMetric(visitCPU.Seconds()/float64(b.N), "visit-cpu-s")
			b.ReportMetric(resultCPU.Seconds()/float64(b.N), "result-cpu-s")
			b.ReportMetric(float64(n)*float64(b.N)/visit.Seconds(), "visit-docs/s")
			b.ReportMetric(result.Seconds()/float64(b.N), "result-s")
			b.ReportMetric(passMB, "pass-heap-MB")
			b.ReportMetric(heapMB, "result-heap-MB")
			b.ReportMetric(float64(st.Stories), "stories")
			b.ReportMetric(float64(st.Postings), "postings")
			b.ReportMetric(float64(st.Edges), "links")
			b.ReportMetric(float64(st.Similar-int64(st.Edges)), "links-dropped")
			b.ReportMetric(float64(st.SumDF2), "sum-df2")
		})
	}
}
