package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestFlagsPerCommand pins which of the shared flags each command takes:
// those that change its output, and no other (issue 17). The lists are
// written out by hand from what each command's output reads.
func TestFlagsPerCommand(t *testing.T) {
	shared := []string{"stopwords", "stem", "ngrams", "min-length", "seed", "resamples", "frames", "labels", "actors", "attribution", "top-actors"}
	takes := map[string]string{
		"corpus":     "stopwords stem ngrams min-length",
		"terms":      "stopwords stem ngrams min-length",
		"similarity": "stopwords stem ngrams min-length",
		"compare":    "stopwords stem ngrams min-length seed frames labels actors attribution top-actors",
		"report":     "stopwords stem ngrams min-length seed frames labels actors attribution top-actors",
		"tone":       "seed resamples",
		"stance":     "seed resamples actors",
		"lexicon":    "seed resamples",
		"quotes":     "labels attribution",
		"labels":     "labels",
		"actors":     "seed resamples frames labels actors attribution top-actors",
		"events":     "seed resamples frames labels",
		"kwic":       "frames labels actors",
		"clean":      "",
		"lexicons":   "",
	}
	for _, name := range commandNames() {
		want, ok := takes[name]
		if !ok {
			t.Errorf("command %s: not in this test's table", name)
			continue
		}
		fs := commandFlags(name)
		for _, f := range shared {
			has := fs.Lookup(f) != nil
			if has != strings.Contains(" "+want+" ", " "+f+" ") {
				t.Errorf("%s: takes --%s = %v, want %v", name, f, has, !has)
			}
			var help bytes.Buffer
			run([]string{name, "-h"}, strings.NewReader(""), &help, &help)
			if listed := strings.Contains(help.String(), "  -"+f+" ") || strings.Contains(help.String(), "  -"+f+"\n"); listed != has {
				t.Errorf("%s -h lists --%s = %v, but the command takes it = %v", name, f, listed, has)
			}
		}
	}
}

// TestProvenanceEffective checks that the provenance records the values a
// run used: the sample read, the packs "auto" chose, and no flag the
// command does not take.
func TestProvenanceEffective(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"quotes", "--format", "json"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var doc struct {
		Provenance struct {
			Options map[string]string `json:"options"`
		} `json:"provenance"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	opts := doc.Provenance.Options
	for k, want := range map[string]string{"sample": "karabakh", "labels": "karabakh-labels", "attribution": "attribution"} {
		if opts[k] != want {
			t.Errorf("provenance %s = %q, want %q", k, opts[k], want)
		}
	}
	for _, k := range []string{"stem", "ngrams", "stopwords", "min-length", "seed", "resamples", "frames", "actors", "top-actors", "width"} {
		if v, ok := opts[k]; ok {
			t.Errorf("provenance records %s=%q: quotes does not take it (or, for width, the format is not table)", k, v)
		}
	}
}
