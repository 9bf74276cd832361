// Command replicate writes N copies of a JSON Lines corpus (optionally
// gzipped) to standard output, each record with a fresh id ("<id>-r<k>"), for
// benchmarks at sizes the samples do not reach.
//
//	go run ./bench/replicate -n 10 testdata/allsides-middle-east/articles.jsonl.gz > big.jsonl
//	go run ./bench/replicate -size 225e6 testdata/allsides-middle-east/articles.jsonl.gz > big.jsonl
//
// -size writes whole copies until the output holds at least that many bytes
// (the number of copies is the size over the size of one copy, rounded up)
// and reports the copies written on standard error.
//
// -shift-days D moves the dates of copy k by (k−1)·D days (a "date" field
// starting with YYYY-MM-DD; undated records stay undated), so that each copy
// is a later news period rather than the same days again. Without it every
// story is repeated N times within the same days, and parallax's story
// discovery, which links articles of different outlets sharing rare words
// within 3 days, does N² the work of one copy (docs/performance.md).
//
// The copies repeat the texts, so parallax must run with --keep-duplicates
// (duplicates are otherwise counted once) and --clean-off repeated-line
// (every line of a replicated outlet would be "repeated").
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 10, "copies")
	flag.IntVar(&shiftDays, "shift-days", 0, "move the dates of copy k by (k-1)·`days`")
	size := flag.Float64("size", 0, "write whole copies until the output has at least this many `bytes` (overrides -n)")
	flag.Parse()
	if flag.NArg() != 1 || *n < 1 || *size < 0 {
		fmt.Fprintln(os.Stderr, "usage: replicate [-n N | -size BYTES] corpus.jsonl[.gz] > out.jsonl")
		os.Exit(2)
	}
	copies, written, err := replicate(flag.Arg(0), *n, int64(*size), os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "replicate:", err)
		os.Exit(1)
	}
	if *size > 0 {
		fmt.Fprintf(os.Stderr, "replicate: %d copies, %d bytes\n", copies, written)
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// replicate writes n copies of path to out, or, when size > 0, as many whole
// copies as reach size bytes. It returns the copies and bytes written.
func replicate(path string, n int, size int64, out io.Writer) (int, int64, error) {
	cw := &countingWriter{w: out}
	w := bufio.NewWriterSize(cw, 1<<20)
	k := 1
	for ; size > 0 || k <= n; k++ {
		if err := copyOnce(path, k, w); err != nil {
			return k - 1, cw.n, err
		}
		if size > 0 {
			if err := w.Flush(); err != nil {
				return k, cw.n, err
			}
			if cw.n >= size {
				break
			}
		}
	}
	if size > 0 {
		return k, cw.n, nil
	}
	return n, cw.n, w.Flush()
}

// shiftDays is the -shift-days flag.
var shiftDays int

// shiftDate moves an ISO 8601 date (its YYYY-MM-DD prefix) by days; other
// values are returned unchanged.
func shiftDate(v any, days int) any {
	s, ok := v.(string)
	if !ok || days == 0 || len(s) < 10 {
		return v
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return v
	}
	return t.AddDate(0, 0, days).Format("2006-01-02") + s[10:]
}

func copyOnce(path string, k int, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for line := 1; sc.Scan(); line++ {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("%s:%d: %v", path, line, err)
		}
		rec["id"] = fmt.Sprintf("%v-r%d", rec["id"], k)
		if d, ok := rec["date"]; ok {
			rec["date"] = shiftDate(d, (k-1)*shiftDays)
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return sc.Err()
}
