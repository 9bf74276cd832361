// Package parallax holds the sample corpora that ship inside the parallax binary.
//
// The command and the tests read them through Samples, never from disk, so the
// samples work the same on a fresh clone and in an installed binary.
package parallax

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed testdata/karabakh testdata/allsides-middle-east
var samples embed.FS

// Sample describes one embedded corpus.
type Sample struct {
	Name  string // name for --sample
	Path  string // path inside Samples: a folder or a file
	About string
	// Packs names the embedded lexicon packs written for this corpus, by
	// kind (labels, actors, events): the framing commands use them unless
	// told otherwise.
	Packs map[string]string
}

var sampleList = []Sample{
	{Name: "karabakh", Path: "testdata/karabakh", About: "five web pages on the Nagorno-Karabakh conflict (2021-2023), five outlets, as scraped",
		Packs: map[string]string{"labels": "karabakh-labels", "actors": "karabakh-actors", "events": "karabakh-events"}},
	{Name: "allsides-middle-east", Path: "testdata/allsides-middle-east/articles.jsonl.gz", About: "859 AllSides articles on the Middle East from 53 outlets (Baly et al. 2020, Apache-2.0)"},
}

// Samples is the file system holding the embedded corpora.
func Samples() fs.FS { return samples }

// SampleNames lists the embedded samples, sorted by name.
func SampleNames() []string {
	var names []string
	for _, s := range sampleList {
		names = append(names, s.Name)
	}
	sort.Strings(names)
	return names
}

// LookupSample returns the sample called name.
func LookupSample(name string) (Sample, bool) {
	for _, s := range sampleList {
		if s.Name == name {
			return s, true
		}
	}
	return Sample{}, false
}
