package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// runOK runs one command line in-process and returns its standard output.
func runOK(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, nil, &out, &errb); code != 0 {
		t.Fatalf("parallax %v: exit %d: %s", args, code, errb.String())
	}
	return out.Bytes()
}

func readCSV(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, col := range rows[0] {
			m[col] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestNumbersRecomputeFromDTM checks the promise of --dtm: the counts it
// writes are the ones behind the corpus table and the terms table, so
// per_1k and tfidf re-compute from it exactly (by the formulas in
// docs/measures.md, written out here independently of the analysis code).
func TestNumbersRecomputeFromDTM(t *testing.T) {
	dir := t.TempDir()
	dtmPath := filepath.Join(dir, "dtm.csv")
	terms := readCSV(t, runOK(t, "terms", "--sample", "allsides-middle-east", "--top", "0", "--format", "csv", "--dtm", dtmPath))
	corpus := readCSV(t, runOK(t, "corpus", "--sample", "allsides-middle-east", "--format", "csv"))
	b, err := os.ReadFile(dtmPath)
	if err != nil {
		t.Fatal(err)
	}
	dtm := readCSV(t, b)

	tokens := map[string]int64{}
	df := map[string]int64{}
	count := map[[2]string]int64{}
	for _, r := range dtm {
		c, _ := strconv.ParseInt(r["count"], 10, 64)
		d, _ := strconv.ParseInt(r["docs"], 10, 64)
		tokens[r["group"]] += c
		df[r["term"]] += d
		count[[2]string{r["group"], r["term"]}] = c
	}
	var D int64
	for _, r := range corpus {
		want, _ := strconv.ParseInt(r["terms"], 10, 64)
		if tokens[r["group"]] != want {
			t.Errorf("%s: DTM counts sum to %d, corpus table says %d terms", r["group"], tokens[r["group"]], want)
		}
		n, _ := strconv.ParseInt(r["docs"], 10, 64)
		D += n
	}
	if len(terms) < 10000 {
		t.Fatalf("only %d terms rows", len(terms))
	}
	for i, r := range terms {
		g, term := r["group"], r["term"]
		c := count[[2]string{g, term}]
		got, _ := strconv.ParseInt(r["count"], 10, 64)
		if got != c {
			t.Fatalf("row %d %s %q: count %d, DTM %d", i, g, term, got, c)
		}
		if c == 0 {
			continue
		}
		per1k, _ := strconv.ParseFloat(r["per_1k"], 64)
		tfidf, _ := strconv.ParseFloat(r["tfidf"], 64)
		wantPer1k := 1000 * float64(c) / float64(tokens[g])
		idf := math.Log(float64(1+D)/float64(1+df[term])) + 1 // smooth idf
		wantTFIDF := float64(c) / float64(tokens[g]) * idf
		if math.Abs(per1k-wantPer1k) > 1e-9*wantPer1k || math.Abs(tfidf-wantTFIDF) > 1e-12 {
			t.Fatalf("row %d %s %q: per_1k %v tfidf %v; from the DTM %v %v", i, g, term, per1k, tfidf, wantPer1k, wantTFIDF)
		}
	}
}
