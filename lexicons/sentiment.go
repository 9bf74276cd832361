package lexicons

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
)

//go:embed sentiment/*
var sentimentFiles embed.FS

// NaiveBayesModelFile is the path, inside the embedded files, of the naive
// Bayes sentiment model (gzipped JSON).
const NaiveBayesModelFile = "sentiment/sentiment-nb-en.json.gz"

// NaiveBayesSource names where the embedded naive Bayes model comes from and
// its licence, for provenance lines in reports.
const NaiveBayesSource = "github.com/cdipaolo/sentiment@c697f64e7f10 (MIT), trained on 25,000 IMDB movie reviews"

// NaiveBayesModel returns the embedded naive Bayes sentiment model as JSON
// (the gunzipped content of NaiveBayesModelFile). The format is described
// in sentiment/README.md; package tone parses it.
func NaiveBayesModel() ([]byte, error) {
	gz, err := sentimentFiles.ReadFile(NaiveBayesModelFile)
	if err != nil {
		return nil, fmt.Errorf("embedded sentiment model: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("embedded sentiment model %q: %v", NaiveBayesModelFile, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("embedded sentiment model %q: %v", NaiveBayesModelFile, err)
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("embedded sentiment model %q: %v", NaiveBayesModelFile, err)
	}
	return data, nil
}
