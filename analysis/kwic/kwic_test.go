package kwic

import (
	"reflect"
	"testing"

	"parallax/analysis"
	"parallax/analysis/internal/testkit"
)

func TestKWIC(t *testing.T) {
	pat, err := Compile("separatist* leaders")
	if err != nil {
		t.Fatal(err)
	}
	kw := &Collector{Pattern: pat, Window: 2}
	if _, err := analysis.Run(testkit.SmallSource(), analysis.Options{Visit: kw.Visit, Workers: 3}); err != nil {
		t.Fatal(err)
	}
	got := kw.Hits()
	want := []Hit{
		{Group: "Alpha", DocID: "a1", Date: "2023-09-19", DocIndex: 0, Sentence: 2, Token: 1, Left: "The", Match: "separatist leaders", Right: "met"},
		{Group: "Alpha", DocID: "a2", Date: "2023-09-20", DocIndex: 1, Sentence: 1, Token: 0, Left: "", Match: "Separatist leaders", Right: "said the"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hits:\n got %+v\nwant %+v", got, want)
	}
	// Max keeps the first matches in input order, whatever the scheduling,
	// and still counts them all.
	for _, workers := range []int{1, 3} {
		kw1 := &Collector{Pattern: pat, Window: 2, Max: 1}
		if _, err := analysis.Run(testkit.SmallSource(), analysis.Options{Visit: kw1.Visit, Workers: workers}); err != nil {
			t.Fatal(err)
		}
		if got := kw1.Hits(); len(got) != 1 || got[0].DocID != "a1" || kw1.Counts()["Alpha"] != 2 {
			t.Errorf("Max 1, %d workers: hits %+v, counts %v; want a1 only, Alpha 2", workers, got, kw1.Counts())
		}
	}
	if _, err := Compile(" ... "); err == nil {
		t.Error("a pattern without words must be an error")
	}
}
