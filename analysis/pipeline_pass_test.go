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

// A second pass that selects documents, counts no terms and reuses the
// first pass's line statistics visits the selected documents with exactly
// the text the first pass gave them.
func TestSecondPassOptions(t *testing.T) {
	fsys := repeatedCorpus()
	first, all := visited(t, fsys, Options{})
	if !first.Cleaning.RepeatedRule || first.LineStats == nil {
		t.Fatalf("the repeated-line rule did not run: %+v", first.Cleaning)
	}
	if first.Cleaning.Removed != 12 {
		t.Fatalf("removed %d lines, want the 12 footers", first.Cleaning.Removed)
	}
	for id, text := range all {
		if strings.Contains(text, "Follow") {
			t.Fatalf("%s kept its footer: %q", id, text)
		}
	}
	want := map[string]bool{"a1": true, "b4": true, "b5": true}
	prog := &Progress{}
	second, got := visited(t, fsys, Options{
		Select:    func(d *corpus.Document) bool { return want[d.ID] },
		VisitOnly: true,
		LineStats: first.LineStats,
		Progress:  prog,
	})
	if n := prog.Passes.Load(); n != 1 {
		t.Errorf("the second pass read the corpus %d times, want once (its line statistics are given)", n)
	}
	if len(got) != len(want) {
		t.Fatalf("visited %v, want %v", got, want)
	}
	for id := range want {
		if got[id] != all[id] {
			t.Errorf("%s: second pass text %q, first pass %q", id, got[id], all[id])
		}
	}
	if n := len(second.Table.Terms); n != 0 {
		t.Errorf("VisitOnly counted %d terms", n)
	}
	if second.Cleaning.Removed != 3 || !second.Cleaning.RepeatedRule {
		t.Errorf("second pass cleaning %+v, want 3 footers removed by the reused statistics", second.Cleaning)
	}
	if second.Load.Read != first.Load.Read {
		t.Errorf("second pass read %d records, first %d", second.Load.Read, first.Load.Read)
	}
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
