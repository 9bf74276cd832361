package analysis

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
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
	opt.Visit = func(p *Processed) {
		mu.Lock()
		defer mu.Unlock()
		got[p.Doc.ID] = p.Text
	}
	res, err := Run(Source{FS: fsys, Path: "c.jsonl", Name: "test"}, opt)
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
		Select:    func(d *Document) bool { return want[d.ID] },
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
