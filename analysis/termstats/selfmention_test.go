package termstats

import (
	"reflect"
	"testing"
)

// selfTable is a two-group table whose self-mentions are worked out by
// hand in TestSelfMentions.
func selfTable(t *testing.T, drop bool) *TermTable {
	t.Helper()
	terms := []string{"alpha", "news", "an", "blurb", "vote", "alphanews", "alpha vote"}
	// Alpha News, 25 documents: alpha in 9 (36% vs Beta's 8%: masked),
	// news in 10 (40% vs 32%: under 1.5×, kept), the initials "an" in 5
	// (Beta 0: masked), blurb in 10 (40%, Beta 0: a brand form), vote in
	// 10 (40%, but Beta 4% > 1%: kept), its domain label alphanews in 3,
	// and the bigram "alpha vote" (holds a masked word).
	count := [][]int64{{10, 12, 5, 10, 11, 3, 2}, {2, 9, 0, 0, 1, 0, 0}}
	df := [][]int64{{9, 10, 5, 10, 10, 3, 2}, {2, 8, 0, 0, 1, 0, 0}}
	if drop { // what Alpha News's counts are once its self-mentions are out
		for _, j := range []int{0, 2, 3, 5, 6} {
			count[0][j], df[0][j] = 0, 0
		}
	}
	tab, err := NewTermTableDense([]string{"Alpha News", "Beta"}, terms, count, df, []int{25, 25})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestSelfMentions(t *testing.T) {
	tab := selfTable(t, false)
	hosts := Hosts{}
	for range 20 {
		hosts.Add("Alpha News", "https://www.alphanews.com/story")
	}
	hosts.Add("Alpha News", "https://t.co/x")
	hosts.Add("Alpha News", "not a url at all %%")
	mask := SelfMentions(tab, hosts, false)
	var got []string
	for _, id := range mask[0] {
		got = append(got, tab.Terms[id])
	}
	want := []string{"alpha", "alpha vote", "alphanews", "an", "blurb"}
	if !reflect.DeepEqual(got, want) || len(mask[1]) != 0 {
		t.Fatalf("self-mentions %v and %d of Beta, want %v and none", got, len(mask[1]), want)
	}
	sums := []GroupSummary{{Group: "Alpha News"}, {Group: "Beta"}}
	masked := MaskSelfMentions(tab, sums, nil, mask)
	// Removed occurrences: 10 + 2 + 3 + 5 + 10.
	if len(masked) != 1 || masked[0].Count != 30 || !reflect.DeepEqual(masked[0].Terms, want) {
		t.Fatalf("masked = %+v", masked)
	}
	// Independent: the table built directly without those counts.
	ref := selfTable(t, true)
	ref = keepUsed(t, ref)
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"terms", tab.Terms, ref.Terms}, {"count", tab.Count, ref.Count}, {"docfreq", tab.DocFreq, ref.DocFreq},
		{"tokens", tab.Tokens, ref.Tokens}, {"corpus count", tab.CorpusCount, ref.CorpusCount},
		{"corpus df", tab.CorpusDF, ref.CorpusDF}, {"total tokens", tab.TotalTokens, ref.TotalTokens},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s: got %v, want %v", f.name, f.got, f.want)
		}
	}
	if sums[0].Terms != 23 || sums[0].Types != 2 {
		t.Errorf("summary terms %d types %d, want 23 (12+11) and 2", sums[0].Terms, sums[0].Types)
	}
}

// keepUsed rebuilds a dense table without the terms no group counts.
func keepUsed(t *testing.T, tab *TermTable) *TermTable {
	t.Helper()
	var terms []string
	var ids []int32
	for id, term := range tab.Terms {
		if tab.CorpusCount[id] > 0 {
			terms, ids = append(terms, term), append(ids, int32(id))
		}
	}
	count := make([][]int64, len(tab.Groups))
	df := make([][]int64, len(tab.Groups))
	for g := range tab.Groups {
		for _, id := range ids {
			count[g] = append(count[g], tab.Count[g].Get(id))
			df[g] = append(df[g], tab.DocFreq[g].Get(id))
		}
	}
	out, err := NewTermTableDense(tab.Groups, terms, count, df, tab.Docs)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSelfMentionsSmallGroup(t *testing.T) {
	tab, err := NewTermTableDense([]string{"Alpha", "Beta"}, []string{"alpha"}, [][]int64{{3}, {1}}, [][]int64{{1}, {1}}, []int{1, 9})
	if err != nil {
		t.Fatal(err)
	}
	if m := SelfMentions(tab, nil, false); len(m[0]) != 0 {
		t.Errorf("a one-document group got self-mentions %v", m[0])
	}
}

func TestHostsMergeOrder(t *testing.T) {
	a, b, all := Hosts{}, Hosts{}, Hosts{}
	urls := []string{"http://a.com/x", "https://www.b.org/y", "http://a.com/z", ""}
	for i, u := range urls {
		all.Add("G", u)
		if i%2 == 0 {
			a.Add("G", u)
		} else {
			b.Add("G", u)
		}
	}
	ab, ba := Hosts{}, Hosts{}
	ab.Merge(a)
	ab.Merge(b)
	ba.Merge(b)
	ba.Merge(a)
	if !reflect.DeepEqual(ab, all) || !reflect.DeepEqual(ba, all) {
		t.Errorf("merged %v / %v, want %v", ab, ba, all)
	}
	if all["G"]["a.com"] != 2 || all["G"]["www.b.org"] != 1 {
		t.Errorf("hosts %v", all)
	}
}

func TestIsCompound(t *testing.T) {
	forms := []string{"daily", "caller", "dc", "dailycaller", "breitbart"}
	for term, want := range map[string]bool{
		"dailycallernewsfoundation": true, "thedcnf": true, "dcnf": true, "thedc": true, "breitbartlondon": true,
		"dcc-area": false, "dcxyzw": false, "caller": false, "call": false, "the daily": false,
	} {
		if got := isCompound(term, forms); got != want {
			t.Errorf("isCompound(%q) = %v, want %v", term, got, want)
		}
	}
}
