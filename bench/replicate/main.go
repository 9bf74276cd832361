// Command replicate writes N copies of a JSON Lines corpus (optionally
// gzipped) to standard output, each record with a fresh id ("<id>-r<k>" in
// copy k), for benchmarks at sizes the corpora do not reach.
//
//	go run ./bench/replicate -n 10 -shift-days 7 bench/out/allsides-full.jsonl > big.jsonl
//	go run ./bench/replicate -size 225e6 testdata/allsides-middle-east/articles.jsonl.gz > big.jsonl
//
// -size writes whole copies until the output holds at least that many bytes
// (the number of copies is the size over the size of one copy, rounded up)
// and reports the copies written on standard error.
//
// -shift-days D moves the dates of copy k by (k−1)·D days, so that each copy
// is a later news period rather than the same days again. Without it every
// story is repeated N times within the same days, and parallax's story
// discovery, which links articles of different outlets sharing rare words
// within 3 days, does N² the work of one copy (docs/performance.md). The
// "date" and "published" fields are shifted when they hold a date in one of
// these forms, which is kept:
//
//	2016-09-20, 2016-09-20T14:03:00Z  ISO 8601 (what follows the day is kept)
//	9/6/17, 09/06/2017                month/day/year, as US sites write it
//
// A two-digit year reads as 1969–2068 (Go's rule); a shifted date outside
// those years is written with four digits. Anything else (empty, "2016-09",
// "2016-02-30", "yesterday") is left as it is: parallax reads no date from
// it either way.
//
// Every other field is copied byte for byte (as compact JSON); the fields of
// a record come out in the order of their names. The copies repeat the
// texts, so parallax must run with --keep-duplicates (duplicates are
// otherwise counted once) and --clean-off repeated-line (every line of a
// replicated outlet would be "repeated").
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 10, "copies")
	shift := flag.Int("shift-days", 0, "move the dates of copy k by (k-1)·`days`")
	size := flag.Float64("size", 0, "write whole copies until the output has at least this many `bytes` (overrides -n)")
	flag.Parse()
	if flag.NArg() != 1 || *n < 1 || *size < 0 {
		fmt.Fprintln(os.Stderr, "usage: replicate [-n N | -size BYTES] [-shift-days D] corpus.jsonl[.gz] > out.jsonl")
		os.Exit(2)
	}
	copies, written, err := replicate(flag.Arg(0), *n, int64(*size), *shift, os.Stdout)
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
// copies as reach size bytes; copy k has its dates moved by (k−1)·shiftDays
// days. It returns the copies and bytes written.
func replicate(path string, n int, size int64, shiftDays int, out io.Writer) (int, int64, error) {
	cw := &countingWriter{w: out}
	w := bufio.NewWriterSize(cw, 1<<20)
	k := 1
	for ; size > 0 || k <= n; k++ {
		if err := copyOnce(path, k, (k-1)*shiftDays, w); err != nil {
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

func copyOnce(path string, k, days int, w io.Writer) error {
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
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		rec, err := rewrite(sc.Bytes(), k, days)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if _, err := w.Write(append(rec, '\n')); err != nil {
			return err
		}
	}
	return sc.Err()
}

// rewrite returns the record of one JSON Lines line as it is in copy k: its
// id followed by "-r<k>" (a record without an id keeps none), its "date"
// and "published" moved by days (shiftDate), every other field unchanged.
func rewrite(line []byte, k, days int) ([]byte, error) {
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, err
	}
	if raw, ok := rec["id"]; ok && string(raw) != "null" {
		id := string(raw) // a number, or a string to unquote
		var s string
		if json.Unmarshal(raw, &s) == nil {
			id = s
		}
		rec["id"] = quote(id + "-r" + strconv.Itoa(k))
	}
	for _, field := range []string{"date", "published"} {
		var s string
		if raw, ok := rec[field]; ok && json.Unmarshal(raw, &s) == nil {
			if t := shiftDate(s, days); t != s {
				rec[field] = quote(t)
			}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// quote is s as a JSON string.
func quote(s string) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// shiftDate moves a date by days, keeping its form: an ISO 8601 date
// (YYYY-MM-DD, and whatever follows it) or month/day/year with a year of two
// or four digits. Other values are returned unchanged.
func shiftDate(s string, days int) string {
	if days == 0 {
		return s
	}
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' && (len(s) == 10 || s[10] < '0' || s[10] > '9') {
		t, err := time.Parse("2006-01-02", s[:10])
		if err != nil {
			return s
		}
		return t.AddDate(0, 0, days).Format("2006-01-02") + s[10:]
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 2 && len(parts[2]) != 4) {
		return s
	}
	// The layout of this very value: zero-padded month or day, two or four
	// digits of year.
	layout := "1/"
	if len(parts[0]) == 2 && parts[0][0] == '0' {
		layout = "01/"
	}
	if len(parts[1]) == 2 && parts[1][0] == '0' {
		layout += "02/"
	} else {
		layout += "2/"
	}
	if len(parts[2]) == 2 {
		layout += "06"
	} else {
		layout += "2006"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return s
	}
	t = t.AddDate(0, 0, days)
	if y := t.Year(); len(parts[2]) == 2 && (y < 1969 || y > 2068) {
		layout = strings.TrimSuffix(layout, "06") + "2006"
	}
	return t.Format(layout)
}
