package events

import (
	"testing"

	"parallax/analysis/corpus"
)

// eventDocOn is a document of the collector dated as a record's date field
// says (YYYY-MM-DD, YYYY-MM or empty).
func eventDocOn(date string) *eventDoc {
	d := &eventDoc{date: date}
	if dd := parseDocDate(date); dd.day > 0 {
		d.day, d.dated = dayOf(dd.year, dd.month, dd.day), true
	}
	return d
}

// storyOf clusters docs linked by edges as buildStories does (window 3
// days) and returns each document's cluster.
func storyOf(docs []*eventDoc, edges []simEdge) []int32 {
	kept, span := anchorUndated(docs, edges, DefaultWindow)
	group := make([]int32, len(docs))
	for i := range group {
		group[i] = int32(i)
	}
	return averageLink(len(docs), kept, linkage{threshold: 0.01, minLinked: 0.01, group: group, span: span, window: DefaultWindow})
}

// The travel-ban story of the AllSides immigration articles (NPR, CNN and
// the Christian Science Monitor on 6 March 2017, the Guardian on 7 March)
// was joined, before dates were read from URLs, by the Wall Street
// Journal's undated "Trump Administration Considers Far-Reaching Steps for
// 'Extreme Vetting'" (https://www.wsj.com/articles/trump-administration-
// considers-far-reaching-steps-for-extreme-vetting-1491303602), published
// on 4 April 2017. The links and their cosines are those of that run
// (parallax events on the immigration subset: the WSJ article linked to
// the Guardian and the Monitor).
func TestUndatedTravelBan(t *testing.T) {
	const wsjURL = "https://www.wsj.com/articles/trump-administration-considers-far-reaching-steps-for-extreme-vetting-1491303602"
	story := []string{"2017-03-06", "2017-03-06", "2017-03-06", "2017-03-07"} // NPR, CNN, CSM, Guardian
	edges := []simEdge{{0, 1, 0.14, 5}, {0, 2, 0.13, 5}, {1, 2, 0.15, 5}, {2, 3, 0.08, 4}, {1, 3, 0.07, 4},
		{2, 4, 0.07, 3}, {3, 4, 0.07, 3}} // 4 is the WSJ article
	joined := func(wsjDate string, more ...simEdge) bool {
		docs := []*eventDoc{}
		for _, d := range story {
			docs = append(docs, eventDocOn(d))
		}
		docs = append(docs, eventDocOn(wsjDate))
		for range len(more) {
			docs = append(docs, eventDocOn("2017-04-03")) // the WSJ article's April neighbour
		}
		label := storyOf(docs, append(append([]simEdge{}, edges...), more...))
		return label[4] == label[0]
	}
	if !joined("") {
		t.Fatal("undated and linked to nothing else, the WSJ article should join the story (as before)")
	}
	urlDate, ok := corpus.DateFromURLPath(wsjURL)
	if !ok || urlDate != "2017-04-04" {
		t.Fatalf("the WSJ URL gives %q, want 2017-04-04", urlDate)
	}
	if joined(urlDate) {
		t.Error("dated 2017-04-04 from its URL, the WSJ article joined the story of 6 March")
	}
	if joined("2017-04") {
		t.Error("dated April 2017 by a /2017/04/ URL, the WSJ article joined the story of 6 March")
	}
	// Undated, but most similar to an article of 3 April: its nearest dated
	// neighbour is a month from the story.
	if joined("", simEdge{4, 5, 0.3, 6}) {
		t.Error("undated, with its nearest dated neighbour on 2017-04-03, the WSJ article joined the story of 6 March")
	}
	// Most similar to the story itself: it may join.
	if !joined("", simEdge{4, 5, 0.01, 2}) {
		t.Error("undated, nearest to the story's Monitor article, the WSJ article should join the story")
	}
}

// An undated document linked to two stories three years apart joins at
// most the one of its nearest dated neighbour, however the links weigh.
func TestUndatedNoBridge(t *testing.T) {
	docs := []*eventDoc{eventDocOn("2014-06-01"), eventDocOn("2014-06-02"), eventDocOn("2017-03-06"), eventDocOn("2017-03-06"), eventDocOn("")}
	edges := []simEdge{{0, 1, 0.9, 5}, {2, 3, 0.9, 5}, {0, 4, 0.5, 5}, {1, 4, 0.5, 5}, {2, 4, 0.55, 5}, {3, 4, 0.1, 5}}
	label := storyOf(docs, edges)
	if label[0] == label[2] {
		t.Fatalf("labels %v: stories of 2014 and 2017 joined", label)
	}
	// Nearest dated neighbour: document 2 (0.55) — the 2017 story, though
	// the mean link to the 2014 one is higher (0.5 against 0.325).
	if label[4] != label[2] {
		t.Errorf("labels %v: the undated document should join the 2017 story of its nearest neighbour", label)
	}
	// Without its neighbour's day, it would join the 2014 story: the
	// stories merge first (0.9), and then its mean link to 2014 is higher.
	old := averageLink(len(docs), edges, linkage{threshold: 0.01, minLinked: 0.01, group: []int32{0, 1, 2, 3, 4},
		span: []int32{docs[0].day, docs[1].day, docs[2].day, docs[3].day, noDay}, window: DefaultWindow})
	if old[4] != old[0] {
		t.Errorf("labels %v without anchoring: the test no longer tells the rules apart", old)
	}
	kept, span := anchorUndated(docs, edges, DefaultWindow)
	if len(kept) != len(edges) || span[4] != docs[2].day {
		t.Errorf("span %v, %d edges kept: want document 4 on document 2's day %d, every edge kept", span, len(kept), docs[2].day)
	}
}
