// Command textbytes prints the total size in bytes of the "text" fields of a
// JSON Lines corpus (optionally gzipped): the unit of parallax's MB/s figures.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: textbytes corpus.jsonl[.gz]")
		os.Exit(2)
	}
	n, err := textBytes(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "textbytes:", err)
		os.Exit(1)
	}
	fmt.Println(n)
}

func textBytes(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			return 0, err
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	var total int64
	for line := 1; sc.Scan(); line++ {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return 0, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		total += int64(len(rec.Text))
	}
	return total, sc.Err()
}
