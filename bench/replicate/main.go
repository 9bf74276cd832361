// Command replicate writes N copies of a JSON Lines corpus (optionally
// gzipped) to standard output, each record with a fresh id ("<id>-r<k>"), for
// benchmarks at sizes the samples do not reach.
//
//	go run ./bench/replicate -n 10 testdata/allsides-middle-east/articles.jsonl.gz > big.jsonl
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
)

func main() {
	n := flag.Int("n", 10, "copies")
	flag.Parse()
	if flag.NArg() != 1 || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: replicate -n N corpus.jsonl[.gz] > out.jsonl")
		os.Exit(2)
	}
	if err := replicate(flag.Arg(0), *n, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "replicate:", err)
		os.Exit(1)
	}
}

func replicate(path string, n int, out io.Writer) error {
	w := bufio.NewWriterSize(out, 1<<20)
	for k := 1; k <= n; k++ {
		if err := copyOnce(path, k, w); err != nil {
			return err
		}
	}
	return w.Flush()
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
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return sc.Err()
}
