package clean

import (
	"fmt"
	"strings"
	"testing"

	"parallax/analysis/corpus"
)

// TestStaffAndFurnitureInPage runs the staff and furniture rules on pages
// made of real lines of the full AllSides corpus (issue 18, third round),
// each line standing where it stood on its page.
func TestStaffAndFurnitureInPage(t *testing.T) {
	n := 0
	para := func() string { // a distinct paragraph of body text
		n++
		return fmt.Sprintf("The president met the senators on Tuesday to discuss bill number %d, aides said.\n", n)
	}
	cases := []struct {
		name, group, text, line, rule string
	}{
		{"bio naming a three-letter outlet", "Fox News", para() + para() +
			"Chris Stirewalt is digital politics editor for Fox News, and his POWER PLAY column appears Monday-Friday on FoxNews.com. Catch Chris Live online daily at 11:30amET at http:live.foxnews.com.",
			"Chris Stirewalt is digital politics editor for Fox News, and his POWER PLAY column appears Monday-Friday on FoxNews.com. Catch Chris Live online daily at 11:30amET at http:live.foxnews.com.", "staff"},
		{"bio of another employer at the end", "Guest Writer - Right", para() + para() + "• Wesley Pruden is editor-in-chief emeritus of The Times.",
			"• Wesley Pruden is editor-in-chief emeritus of The Times.", "staff"},
		{"promotion blurb at the top", "Townhall",
			"The opinions expressed by columnists are their own and do not represent the views of Townhall.com.\n\n" + para() + para() + para() + para(),
			"The opinions expressed by columnists are their own and do not represent the views of Townhall.com.", "furniture"},
		{"topic-follow widget", "ABC News", para() + "Add Joe Biden as an interest to stay up to date on the latest Joe Biden news, video, and analysis from ABC News.\n" + para() + para(),
			"Add Joe Biden as an interest to stay up to date on the latest Joe Biden news, video, and analysis from ABC News.", "furniture"},
		{"video caption with its credit", "USA TODAY", para() + "CLOSE Northam is currently the lieutenant governor and ran to continue incumbent Gov. Terry McAuliffe's policies. Video provided by Newsy Newslook\n" + para() + para(),
			"CLOSE Northam is currently the lieutenant governor and ran to continue incumbent Gov. Terry McAuliffe's policies. Video provided by Newsy Newslook", "furniture"},
		{"audio player", "NPR Online News", para() + "Politics The Evolution Of Rudy Giuliani The Evolution Of Rudy Giuliani Listen · 6:13 6:13\n" + para() + para(),
			"Politics The Evolution Of Rudy Giuliani The Evolution Of Rudy Giuliani Listen · 6:13 6:13", "furniture"},
		{"gallery of more than 2,000 words", "CNN (Web News)", para() + longGallery(300) + "\n" + para() + para(), longGallery(300), "furniture"},
	}
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		kept, removed := c.Clean(&corpus.Document{Text: tc.text, Group: tc.group})
		found := false
		for _, r := range removed {
			found = found || r.Text == tc.line && r.Rule == tc.rule
		}
		if !found || strings.Count(kept, "aides said") != strings.Count(tc.text, "aides said") {
			t.Errorf("%s: %d removals, want %.80q by %s and the body kept", tc.name, len(removed), tc.line, tc.rule)
		}
	}
	// Not a biography: a closing sentence about someone, not a role.
	kept, _ := c.Clean(&corpus.Document{Text: para() + para() + "Smith is expected to testify before the committee next week.", Group: "Guest Writer - Right"})
	if !strings.Contains(kept, "Smith is expected") {
		t.Error("a closing sentence was removed as a biography")
	}
}

// longGallery is a CNN gallery of n slides on one line, captions quoting.
func longGallery(n int) string {
	var b strings.Builder
	b.WriteString("Photos: Unrest in Syria")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, " Syrian civil war in photos – \"We will rebuild,\" a resident of Aleppo said on February %d. Hide Caption %d of %d Photos: Unrest in Syria", i%28+1, i, n)
	}
	b.WriteString(" Syrian civil war in photos – A man stands next to debris in the road following a reported airstrike.")
	return b.String()
}

// TestFormatLabel: a label set in capitals ("NOTABLES:") is furniture when
// it stands in 5 documents of its group or more, not in fewer.
func TestFormatLabel(t *testing.T) {
	page := "NOTABLES:\nSen. Lindsey Graham, R-S.C., was aboard a flight from Greenville, S.C. to Washington, D.C. yesterday that was forced to make an emergency landing.\n"
	for _, n := range []int{4, 5} {
		stats := NewLineStats()
		for range n {
			stats.Add("ABC News", page)
		}
		for i := range 20 { // the group's other pages: the label is in under half
			stats.Add("ABC News", fmt.Sprintf("Page %d of the group.", i))
		}
		c, err := New(Options{}, stats)
		if err != nil {
			t.Fatal(err)
		}
		_, removed := c.Clean(&corpus.Document{Text: page, Group: "ABC News"})
		got := len(removed) == 1 && removed[0].Text == "NOTABLES:" && removed[0].Rule == "furniture"
		if got != (n >= labelMinDocs) {
			t.Errorf("in %d documents: removed %+v", n, removed)
		}
		if _, removed := c.Clean(&corpus.Document{Text: "Notables:\nA page of another kind.", Group: "ABC News"}); len(removed) != 0 {
			t.Errorf("a label not in capitals was removed: %+v", removed)
		}
	}
}

// TestBoilerplate: a line in 20 documents of its group is the group's
// boilerplate; in 19 it stays, whatever other groups hold.
func TestBoilerplate(t *testing.T) {
	line := "Do You Approve Or Disapprove of President Obama's Job Performance? Vote Now in Urgent Poll"
	page := func(i int) string {
		// Distinct words (digit runs count as one in a line's key).
		return fmt.Sprintf("Republicans said measure %c%c would pass the House on Thursday.\n%s\n", 'a'+(i+26)%26, 'a'+(i+26)/26, line)
	}
	for _, tc := range []struct {
		docs  int
		other bool
		want  bool
	}{{19, false, false}, {20, false, true}, {20, true, true}, {19, true, false}} {
		stats := NewLineStats()
		for i := range tc.docs {
			stats.Add("Newsmax", page(i))
		}
		for i := range 30 {
			stats.Add("Newsmax", fmt.Sprintf("Page %d of the group.", i))
		}
		if tc.other {
			stats.Add("Townhall", page(-1))
		}
		c, err := New(Options{}, stats)
		if err != nil {
			t.Fatal(err)
		}
		_, removed := c.Clean(&corpus.Document{Text: page(0), Group: "Newsmax"})
		got := len(removed) == 1 && removed[0].Text == line && removed[0].Rule == "furniture"
		if got != tc.want || !tc.want && len(removed) != 0 {
			t.Errorf("%d documents, in another group %v: removed %+v", tc.docs, tc.other, removed)
		}
	}
}
