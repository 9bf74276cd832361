package analysis

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unsafe"

	"parallax/analysis/corpus"
	"parallax/analysis/segment"
	"parallax/analysis/termstats"
)

// repeatedCorpus has, in each group, a footer line in every document, which
// the repeated-line rule removes.
func repeatedCorpus() fstest.MapFS {
	var b strings.Builder
	topics := []string{"harvest", "election", "floods", "strike", "budget", "summit"}
	for g, outlet := range []string{"Alpha", "Beta"} {
		for i, topic := range topics {
			fmt.Fprintf(&b, `{"id":"%c%d","outlet":"%s","text":"The %s was the talk of the town in %s.\nFollow %s on social media\n"}`+"\n",
				'a'+g, i, outlet, topic, outlet, outlet)
		}
	}
	return fstest.MapFS{"c.jsonl": {Data: []byte(b.String())}}
}

// visited runs the pipeline and returns each visited document's cleaned
// text by id.
func visited(t *testing.T, fsys fstest.MapFS, opt Options) (*Result, map[string]string) {
	t.Helper()
	var mu sync.Mutex
	got := map[string]string{}
	opt.Visit = func(p *segment.Processed) {
		mu.Lock()
		defer mu.Unlock()
		got[p.Doc.ID] = p.Text
	}
	res, err := Run(corpus.Source{FS: fsys, Path: "c.jsonl", Name: "test"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res, got
}

// Without a Visit (terms, keyness) nothing reads a document's tokens after
// its sentence is counted: the processor holds one sentence's tokens, not
// the whole document's (a token is 40 bytes, about 9× the text).
func TestProcessorTokensWithoutVisit(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		b.WriteString("The harvest was the talk of the town number ")
		b.WriteString(strings.Repeat("x", i%7+1))
		b.WriteString(". ")
	}
	text := b.String()
	p := newProcessor(Options{}, nil, termstats.NewVocabulary(), segment.NewNorms(), &workerOut{shard: termstats.NewShard(), removed: map[string]int64{}})
	p.process(&corpus.Document{ID: "big", Group: "g", Text: text})
	perSentence := len(segment.Tokenize("The harvest was the talk of the town number xxxxxxx.", nil))
	t.Logf("token buffer: %d tokens (%d bytes) for a document of %d bytes; one sentence has %d tokens",
		cap(p.toks), cap(p.toks)*int(unsafe.Sizeof(segment.Token{})), len(text), perSentence)
	if cap(p.toks) > 4*perSentence {
		t.Errorf("with no Visit the processor holds %d tokens (the whole document), not one sentence's (%d)", cap(p.toks), perSentence)
	}
}
