// Command vaderlex writes the VADER lexicon parallax embeds (the reference
// vader_lexicon.txt of January 2020, read from github.com/jonreiter/govader/data)
// to standard output, so that NLTK's SentimentIntensityAnalyzer can be run on
// exactly the same word list without a network download:
//
//	go run ./bench/vaderlex > bench/out/vader_lexicon.txt
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/jonreiter/govader/data"
)

func main() {
	words, err := data.Asset("rawdata/vaderLexicon.txt")
	if err != nil {
		fmt.Fprintln(os.Stderr, "vaderlex:", err)
		os.Exit(1)
	}
	// NLTK 3.8 splits the file on "\n" and fails on the empty string after
	// a final line break: write the lines without it, as NLTK's own copy is.
	os.Stdout.Write(bytes.TrimRight(words, "\n"))
}
