package events

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/lexicons"
	"sync/atomic"
)

// ---------------------------------------------------------------------------
// Dates

func TestParseDocDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want docDate
	}{
		{"2020-01-03", docDate{2020, 1, 3}},
		{"2020-01-03T10:00:00Z", docDate{2020, 1, 3}},
		{"2023-03", docDate{2023, 3, 0}},
		{"2023", docDate{2023, 0, 0}},
		{"", docDate{}},
		{"2023-02-30", docDate{2023, 2, 0}}, // no such day: the month is still known
		{"March 3, 2020", docDate{}},
		{"20230303", docDate{}},
		{"2020-13-01", docDate{2020, 0, 0}},
	} {
		if got := parseDocDate(tc.in); got != tc.want {
			t.Errorf("parseDocDate(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestDayNumbers(t *testing.T) {
	if d := dayOf(1970, 1, 1); d != 0 {
		t.Errorf("1970-01-01 = %d", d)
	}
	if d := dayOf(2020, 3, 1) - dayOf(2020, 2, 28); d != 2 {
		t.Errorf("leap year: %d days from 2020-02-28 to 2020-03-01", d)
	}
	// Hinnant's days_from_civil, which the time package replaced, gave
	// these day numbers; year 0001 dates occur in real corpora.
	for _, c := range []struct {
		y, m, d int
		z       int32
	}{{1, 1, 1, -719162}, {1, 11, 30, -718829}, {1969, 12, 31, -1}, {2000, 2, 29, 11016}, {2023, 9, 19, 19619}, {9999, 12, 31, 2932896}} {
		if z := dayOf(c.y, c.m, c.d); z != c.z {
			t.Errorf("dayOf(%d, %d, %d) = %d, want %d", c.y, c.m, c.d, z, c.z)
		}
	}
	for _, z := range []int32{-800000, -719162, -1, 0, 1, 18000, 19622, 2000000} {
		y, m, d := dateOf(z).Date()
		if back := dayOf(y, int(m), d); back != z {
			t.Errorf("dateOf(%d) = %d-%d-%d, back %d", z, y, m, d, back)
		}
	}
	if s := isoDay(dayOf(2023, 9, 19)); s != "2023-09-19" {
		t.Errorf("isoDay = %s", s)
	}
	if s := isoDay(dayOf(1, 11, 30)); s != "0001-11-30" {
		t.Errorf("isoDay = %s", s)
	}
}

func TestDateMentions(t *testing.T) {
	doc := docDate{2023, 3, 0} // "2023-03", as the OBC page
	for _, tc := range []struct {
		text string
		dd   docDate
		want []string // ISO periods, in order
	}{
		{"Hostilities broke out again on September 27, 2020.", doc, []string{"2020-09-27"}},
		{"In the early afternoon of September 19, the military moved.", docDate{2023, 9, 19}, []string{"2023-09-19"}},
		{"On 5 March, two soldiers were killed.", doc, []string{"2023-03-05"}},
		{"In a March 7 statement, the ministry threatened.", doc, []string{"2023-03-07"}},
		{"The talks of Sept. 19 2023 failed.", doc, []string{"2023-09-19"}},
		{"It began on 19 September 2023 and on 2023-09-20 it ended.", doc, []string{"2023-09-19", "2023-09-20"}},
		{"On 19th September, 2023 and on 1st October 2023.", doc, []string{"2023-09-19", "2023-10-01"}},
		{"The war of 2020, fought in 2020, ended in November 2020.", doc, []string{"2020", "2020", "2020-11"}},
		{"A war in 1993 and a ceasefire since 1994.", doc, []string{"1993"}},
		{"In September 2023 the road closed.", doc, []string{"2023-09"}},
		// No year in the text and none for the document: not a date.
		{"On March 7 they met.", docDate{}, nil},
		// A January article on "December 28" means the year before.
		{"On December 28 the strike hit.", docDate{2020, 1, 3}, []string{"2019-12-28"}},
		// Months must be capitalised; "may" and "march" are also verbs.
		{"Troops may 5 times march 3 miles.", doc, nil},
		// Thousands are not years, and days must exist.
		{"On March 7, 2,000 people marched; February 30 never came.", doc, []string{"2023-03-07"}},
		// A number that is no day.
		{"March 45 and 3 Marches.", doc, nil},
		{"Since 2022, and in 2,023 ways, and in 1850.", doc, nil},
	} {
		toks := segment.Tokenize(tc.text, nil)
		var got []string
		for _, m := range findDateMentions(tc.text, toks, tc.dd, nil) {
			got = append(got, m.String())
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestDateline(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Friday, September 22, 2023", true},
		{"September 22, 2023", true},
		{"On Friday, September 22, 2023, talks began.", false},
		{"Friday", false}, // no date at all
	} {
		toks := segment.Tokenize(tc.text, nil)
		ms := findDateMentions(tc.text, toks, docDate{}, nil)
		if got := isDateline(toks, ms); got != tc.want {
			t.Errorf("isDateline(%q) = %v", tc.text, got)
		}
	}
}

// TestDateEvent checks the rule that places a mentioned period in an event
// of the karabakh-events pack: the event must overlap the period by at
// least half of the shorter of the two; the most specific event wins; a
// tie is no event.
func TestDateEvent(t *testing.T) {
	c := NewKarabakhCollector(t)
	ev := func(y1, m1, d1, y2, m2, d2 int) string {
		e := c.dateEvent(dayOf(y1, m1, d1), dayOf(y2, m2, d2), false)
		if e < 0 {
			return ""
		}
		return c.events[e].ev.ID
	}
	inferred := func(y, m, d int) string {
		e := c.dateEvent(dayOf(y, m, d), dayOf(y, m, d), true)
		if e < 0 {
			return ""
		}
		return c.events[e].ev.ID
	}
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"in 2020", ev(2020, 1, 1, 2020, 12, 31), "war-2020"},
		{"in 1993", ev(1993, 1, 1, 1993, 12, 31), "war-1990s"},
		{"in 1994: 132 days of the war, less than half the year and of the war", ev(1994, 1, 1, 1994, 12, 31), ""},
		{"in 2022: 20 days of the blockade", ev(2022, 1, 1, 2022, 12, 31), ""},
		{"in 2023: four events, two of one day", ev(2023, 1, 1, 2023, 12, 31), ""},
		{"September 2023: offensive within the blockade", ev(2023, 9, 1, 2023, 9, 30), "offensive-2023"},
		{"March 2023: meeting and firefight, one day each", ev(2023, 3, 1, 2023, 3, 31), ""},
		{"5 March 2023", ev(2023, 3, 5, 2023, 3, 5), "firefight-2023-03"},
		{"1 March 2023", ev(2023, 3, 1, 2023, 3, 1), "meeting-2023-03"},
		{"7 March 2023 (year written): a day of the blockade", ev(2023, 3, 7, 2023, 3, 7), "lachin-blockade"},
		// The OBC Transeuropa page of March 2023: "Also, on March 7, the
		// leadership in fact of Karabakh even said that Baku would threaten
		// 'more drastic steps'": the year is the page's, and a day without
		// its year does not place a sentence in the nine-month blockade.
		{"March 7 (year from the page): not the blockade", inferred(2023, 3, 7), ""},
		{"5 March (year from the page): the one-day firefight", inferred(2023, 3, 5), "firefight-2023-03"},
		{"September 19 (year from the page): the two-day offensive", inferred(2023, 9, 19), "offensive-2023"},
		{"March 2023 within the blockade, with two one-day events", ev(2023, 3, 1, 2023, 3, 31), ""},
		{"2023-09-19: the offensive (2 days)", ev(2023, 9, 19, 2023, 9, 19), "offensive-2023"},
		{"11 January 2021", ev(2021, 1, 11, 2021, 1, 11), "kremlin-meeting-2021"},
		{"12 January 2021", ev(2021, 1, 12, 2021, 1, 12), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func CompilePack(t testing.TB, name string) *lexmatch.Matcher {
	t.Helper()
	lx, err := lexicons.Pack(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func NewKarabakhCollector(t testing.TB) *Collector {
	t.Helper()
	c, err := NewCollector(Options{Lexicon: CompilePack(t, "karabakh-events"),
		Frames: CompilePack(t, "frames"), Labels: CompilePack(t, "karabakh-labels")})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEventOptionsErrors(t *testing.T) {
	for _, opt := range []Options{
		{Lexicon: CompilePack(t, "frames")},
		{Frames: CompilePack(t, "karabakh-events")},
		{Labels: CompilePack(t, "frames")},
		{RareFraction: 1.5},
		{MinScore: -0.1},
		{MinLinked: 2},
		{MinShared: -1},
	} {
		if _, err := NewCollector(opt); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
}

// ---------------------------------------------------------------------------
// Average linkage

// TestAverageLinkChaining: one item resembling two stories joins one of
// them, and the two stories stay apart, although single linkage (and the
// mean similarity alone) would join them through it.
func TestAverageLinkChaining(t *testing.T) {
	// Story A: 0, 1, 2; story B: 3, 4, 5; 6 resembles both. Groups: every
	// item its own, except 0 and 3 (group 0).
	group := []int32{0, 1, 2, 0, 4, 5, 6}
	var edges []simEdge
	for _, st := range [][]int32{{0, 1, 2}, {3, 4, 5}} {
		for i := range st {
			for j := i + 1; j < len(st); j++ {
				edges = append(edges, simEdge{st[i], st[j], 0.9, 5})
			}
			edges = append(edges, simEdge{st[i], 6, 0.6, 4})
		}
	}
	label := averageLink(7, edges, linkage{threshold: 0.06, minLinked: 0.5, group: group})
	if label[0] != label[1] || label[1] != label[2] || label[3] != label[4] || label[4] != label[5] || label[0] == label[3] {
		t.Fatalf("labels %v: want {0,1,2} and {3,4,5} apart", label)
	}
	if label[6] != label[0] {
		t.Errorf("item 6 joined %d; ties go to the cluster with the smallest member, 0", label[6])
	}
	// Without the share of linked pairs, the mean alone chains them.
	label = averageLink(7, edges, linkage{threshold: 0.06, minLinked: 1e-9, group: group})
	if label[0] != label[3] {
		t.Errorf("labels %v: the mean similarity alone should chain the stories", label)
	}
	// The same graph with the edges in another order gives the same labels.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		e2 := slices.Clone(edges)
		rng.Shuffle(len(e2), func(i, j int) { e2[i], e2[j] = e2[j], e2[i] })
		for i := range e2 {
			if rng.IntN(2) == 0 {
				e2[i].a, e2[i].b = e2[i].b, e2[i].a
			}
		}
		got := averageLink(7, e2, linkage{threshold: 0.06, minLinked: 0.5, group: group})
		want := averageLink(7, edges, linkage{threshold: 0.06, minLinked: 0.5, group: group})
		if !slices.Equal(got, want) {
			t.Fatalf("edge order changed the labels: %v vs %v", got, want)
		}
	}
}

// TestAverageLinkWindow: undated items cannot chain dated ones that lie
// further apart than the window.
func TestAverageLinkWindow(t *testing.T) {
	// 0 dated day 0, 1 dated day 30, 2 undated, linked to both.
	edges := []simEdge{{0, 2, 0.9, 5}, {1, 2, 0.9, 5}}
	span := []int32{0, 30, noDay}
	label := averageLink(3, edges, linkage{threshold: 0.01, minLinked: 0.01, group: []int32{0, 1, 2}, span: span, window: 3})
	if label[0] == label[1] {
		t.Errorf("labels %v: 0 and 1 lie 30 days apart", label)
	}
	if label[2] != label[0] && label[2] != label[1] {
		t.Errorf("labels %v: 2 should join one of them", label)
	}
}

// ---------------------------------------------------------------------------
// Links: the neighbour bound and the undated ceiling

// linkArticles builds an article level from documents given by their rare
// features (ranks; every feature weighs 1, so a cosine is shared/√(|a|·|b|)),
// groups and days (noDay: undated), and links them.
func linkArticles(t *testing.T, opt Options, feats [][]int32, groups, days []int32) *eventArticles {
	t.Helper()
	o, err := opt.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	c := &Collector{opt: o}
	a := &eventArticles{gid: groups, idfTab: []float64{1}}
	for i, f := range feats {
		a.docs = append(a.docs, &eventDoc{index: i, dated: days[i] != noDay, day: days[i]})
		for _, r := range f {
			a.nfeat = max(a.nfeat, int(r)+1)
		}
		a.rare = append(a.rare, f)
		a.norm = append(a.norm, math.Sqrt(float64(len(f))))
	}
	a.df = make([]int32, a.nfeat) // idfTab[0] = 1
	a.edges = c.linkDocuments(a)
	return a
}

func edgePairs(es []simEdge) [][2]int32 {
	var ps [][2]int32
	for _, e := range es {
		ps = append(ps, [2]int32{e.a, e.b})
	}
	return ps
}

// TestLinkNeighbours: a hub document passes the link tests with five
// others; with MaxLinks = 3 it keeps its three most similar, and a link
// survives only when each document keeps the other.
func TestLinkNeighbours(t *testing.T) {
	feats := [][]int32{
		{1, 2, 3, 4, 5, 6, 7, 8}, // 0, group 0: the hub
		{1, 2, 3, 4, 5, 6},       // 1, group 1: hub 6/√48 = 0.866
		{1, 2, 3, 4, 5, 20},      // 2, group 1: hub 5/√48 = 0.722
		{1, 2, 3, 4, 21, 22},     // 3, group 1: hub 4/√48 = 0.577
		{5, 6, 7, 8, 23, 24},     // 4, group 1: hub 4/√48 = 0.577 (tie with 3: 3 is earlier)
		{1, 2, 3, 4, 5, 6, 30},   // 5, group 2: hub 0.802, 1: 0.926, 2: 0.772, 3: 0.617, 4: 2 shared only
	}
	groups := []int32{0, 1, 1, 1, 1, 2}
	days := []int32{noDay, noDay, noDay, noDay, noDay, noDay}
	all := [][2]int32{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {1, 5}, {2, 5}, {3, 5}}
	a := linkArticles(t, Options{MaxLinks: -1}, feats, groups, days)
	if got := edgePairs(a.edges); !slices.Equal(got, all) {
		t.Fatalf("without a bound: links %v, want %v", got, all)
	}
	// Neighbours kept with MaxLinks = 3: 0 → 1, 5, 2 (3 and 4 lose);
	// 1 → 5, 0; 2 → 5, 0; 3 → 5, 0; 4 → 0; 5 → 1, 0, 2 (3 loses).
	// Mutual: (0,1), (0,2), (0,5), (1,5), (2,5).
	want := [][2]int32{{0, 1}, {0, 2}, {0, 5}, {1, 5}, {2, 5}}
	for _, workers := range []int{1, 3} {
		a := linkArticles(t, Options{MaxLinks: 3, Workers: workers}, feats, groups, days)
		if got := edgePairs(a.edges); !slices.Equal(got, want) {
			t.Errorf("%d workers: links %v, want %v", workers, got, want)
		}
		if st := a.stats; st.Similar != 8 || st.MaxNeighbours != 5 || st.Candidates != 9 {
			t.Errorf("stats: %d similar (want 8), %d most neighbours (want 5), %d candidates (want 9)", st.Similar, st.MaxNeighbours, st.Candidates)
		}
		if e := a.edges[0]; math.Abs(e.sim-6/math.Sqrt(48)) > 1e-12 || e.shared != 6 {
			t.Errorf("link (0,1): %+v", e)
		}
	}
	// MaxLinks = 1: 0 → 1; 1 → 5; 5 → 1: only (1,5).
	a = linkArticles(t, Options{MaxLinks: 1}, feats, groups, days)
	if got := edgePairs(a.edges); !slices.Equal(got, [][2]int32{{1, 5}}) {
		t.Errorf("MaxLinks 1: links %v, want [[1 5]]", got)
	}
}

// TestLinkNeighboursBound: on random graphs no document has more than
// MaxLinks links, and the links do not depend on the number of workers.
func TestLinkNeighboursBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const D, K = 300, 4
	var feats [][]int32
	var groups, days []int32
	for range D {
		var f []int32
		for r := range int32(40) {
			if rng.IntN(4) == 0 {
				f = append(f, r)
			}
		}
		feats = append(feats, f)
		groups = append(groups, int32(rng.IntN(5)))
		d := int32(rng.IntN(10))
		if rng.IntN(5) == 0 {
			d = noDay
		}
		days = append(days, d)
	}
	one := linkArticles(t, Options{MaxLinks: K, Workers: 1}, feats, groups, days)
	three := linkArticles(t, Options{MaxLinks: K, Workers: 3}, feats, groups, days)
	if !slices.Equal(one.edges, three.edges) {
		t.Fatal("the links depend on the number of workers")
	}
	deg := make([]int, D)
	for _, e := range one.edges {
		deg[e.a]++
		deg[e.b]++
	}
	if m := slices.Max(deg); m > K || len(one.edges) == 0 || one.stats.MaxNeighbours <= K {
		t.Errorf("most links of a document %d (bound %d), %d links, most neighbours before the bound %d", m, K, len(one.edges), one.stats.MaxNeighbours)
	}
}

// TestLinkUndatedCeiling: features found in more than UndatedMaxDF
// documents find no pairs with an undated document, but count in the score
// of a pair found through another feature.
func TestLinkUndatedCeiling(t *testing.T) {
	feats := [][]int32{
		{1, 2, 3, 4, 10}, // 0, undated
		{1, 2, 3, 4, 11}, // 1, day 0
		{1, 2, 3, 4, 12}, // 2, day 0
		{1, 2, 3, 4, 10}, // 3, undated
	}
	groups := []int32{0, 1, 2, 3}
	days := []int32{noDay, 0, 0, noDay}
	a := linkArticles(t, Options{UndatedMaxDF: -1}, feats, groups, days)
	if got := edgePairs(a.edges); len(got) != 6 || a.stats.Postings != 70 || a.stats.Candidates != 6 || a.stats.UndatedCapped != 0 {
		t.Errorf("no ceiling: links %v, %d postings (want 70), %d candidates (want 6)", got, a.stats.Postings, a.stats.Candidates)
	}
	// Ceiling 3: features 1-4 (4 documents) find only the dated pair
	// (1,2) through the window; feature 10 (2 documents) finds (0,3),
	// whose score counts all 5 shared features.
	a = linkArticles(t, Options{UndatedMaxDF: 3}, feats, groups, days)
	if got := edgePairs(a.edges); !slices.Equal(got, [][2]int32{{0, 3}, {1, 2}}) {
		t.Errorf("ceiling 3: links %v, want [[0 3] [1 2]]", got)
	}
	// Postings: 0 and 3 read feature 10 (2 each); 1 and 2 read the dated
	// postings of 1-4 (2 each) and their own feature (1).
	if st := a.stats; st.Postings != 22 || st.Candidates != 2 || st.UndatedCapped != 4 {
		t.Errorf("ceiling 3: %d postings (want 22), %d candidates (want 2), %d capped features (want 4)", st.Postings, st.Candidates, st.UndatedCapped)
	}
	if e := a.edges[0]; e.shared != 5 || math.Abs(e.sim-1) > 1e-12 {
		t.Errorf("link (0,3): %+v, want 5 shared, similarity 1", e)
	}
}

// ---------------------------------------------------------------------------
// A hand-made corpus

// handDoc is a document of the hand-made corpus.
type handDoc struct {
	id, group, date, text string
}

// The hand-made corpus. Every document shares a common paragraph (so that
// its words are found everywhere and are not rare). Story A (a volcano in
// Tarvania) and story B (a bridge in Velmora) are covered by three outlets
// each; X mentions both (the chaining trap); S1 and S2 are one outlet's
// story (never reported); W1 and W2 share a story 19 days apart (outside
// the window); N1 and N2 share one without dates; F1-F5 are filler.
var HandCorpus = []handDoc{
	{"A1", "g1", "2021-05-10", "Mount Kelvaro erupted on May 10,\nforcing 4,213 residents of Tarvania to flee. Governor Lena Odrik said the ash cloud reached Brevik. Kelvaro had been quiet since 1911."},
	{"A2", "g2", "2021-05-10", "In Tarvania, Mount Kelvaro erupted and 4,213 residents fled the ash cloud. Governor Lena Odrik promised shelters in Brevik. Geologists watched the crater."},
	{"A3", "g3", "2021-05-11", "Governor Lena Odrik toured Brevik a day after Mount Kelvaro erupted. The ash cloud drove 4,213 residents of Tarvania from their homes. Farmers counted losses."},
	{"B1", "g1", "2021-05-10", "The Dranov Bridge collapsed in Velmora, killing 37 commuters. Mayor Pavel Sorin ordered an inquiry into the contractor Strovik. Divers searched the river."},
	{"B2", "g2", "2021-05-10", "Mayor Pavel Sorin of Velmora blamed the contractor Strovik after the Dranov Bridge collapsed. At least 37 commuters died. Engineers had warned of cracks."},
	{"B3", "g4", "2021-05-10", "Velmora mourns 37 commuters killed when the Dranov Bridge collapsed. Strovik, the contractor, denied fault, and Mayor Pavel Sorin demanded answers. Flags flew at half mast."},
	{"X", "g5", "2021-05-11", "Governor Lena Odrik visited Tarvania after the Kelvaro eruption and its ash cloud, while Mayor Pavel Sorin of Velmora mourned the Dranov Bridge victims."},
	{"S1", "g6", "2021-05-10", "The Quorvan Orchestra cancelled its Halvik tour after conductor Imre Taszlo fell ill. Tickets for the 12 concerts will be refunded by Quorvan."},
	{"S2", "g6", "2021-05-10", "Conductor Imre Taszlo is recovering, the Quorvan Orchestra said, but the Halvik tour of 12 concerts stays cancelled."},
	{"W1", "g1", "2021-01-01", "The Zelmar Dam flooded Ostrik, and engineer Maren Voss blamed the 1,870 tonnes of silt. Ostrik residents sued Zelmar."},
	{"W2", "g2", "2021-01-20", "Engineer Maren Voss testified that 1,870 tonnes of silt broke the Zelmar Dam above Ostrik. The Ostrik suit continues."},
	{"N1", "g7", "", "Chess champion Ilona Farkas beat Petr Novak in 64 moves at the Sorvel Open. Farkas now leads the Sorvel standings."},
	{"N2", "g8", "", "At the Sorvel Open, Ilona Farkas needed 64 moves to defeat Petr Novak and took the lead in the Sorvel standings."},
	{"F1", "g1", "2021-05-10", "Markets were calm and traders waited for the central bank."},
	{"F2", "g2", "2021-05-10", "Rain is expected across the region later in the week."},
	{"F3", "g3", "2021-05-10", "A new library opened downtown with a large children's section."},
	{"F4", "g4", "2021-05-10", "The football season ended with a draw in the final match."},
	{"F5", "g5", "2021-05-10", "Schools will reopen after the spring holiday next month."},
}

// common is appended to every document of the hand-made corpus.
const handCommon = " Officials said the government would publish a statement later. Reporters asked questions and officials answered them."

func handDocuments() []corpus.Document {
	var docs []corpus.Document
	for i, h := range HandCorpus {
		docs = append(docs, corpus.Document{Index: i, ID: h.id, Group: h.group, Date: h.date, Title: "", Text: h.text + handCommon})
	}
	return docs
}

// HandOptions make features of 2 to 4 of the 18 documents rare.
func HandOptions() Options {
	return Options{RareFraction: 0.25, Resamples: 200}
}

// visitAll visits documents in the given order from workers goroutines.
func visitAll(c *Collector, docs []corpus.Document, workers int) {
	ch := make(chan *corpus.Document)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range ch {
				c.Visit(&segment.Processed{Doc: d, Text: d.Text, Sentences: segment.Sentences(d.Text, nil)})
			}
		}()
	}
	for i := range docs {
		ch <- &docs[i]
	}
	close(ch)
	wg.Wait()
}

func HandResult(t *testing.T, opt Options, order []int, workers int) *Result {
	t.Helper()
	c, err := NewCollector(opt)
	if err != nil {
		t.Fatal(err)
	}
	docs := handDocuments()
	var in []corpus.Document
	for _, i := range order {
		in = append(in, docs[i])
	}
	visitAll(c, in, workers)
	r, err := c.Result()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// ResultString prints a result for comparison, without the number of
// workers it was computed with.
func ResultString(r *Result) string {
	c := *r
	c.Options.Workers = 0
	return fmt.Sprintf("%+v", c)
}

func Identity(n int) []int {
	o := make([]int, n)
	for i := range o {
		o[i] = i
	}
	return o
}

// storiesOf maps each story to its documents' ids.
func storiesOf(r *Result) map[string][]string {
	out := map[string][]string{}
	for _, a := range r.Articles {
		out[a.Event] = append(out[a.Event], a.DocID)
	}
	return out
}

func TestEventsHandMade(t *testing.T) {
	r := HandResult(t, HandOptions(), Identity(len(HandCorpus)), 1)
	stories := storiesOf(r)
	t.Logf("stories %v; stats %+v", stories, r.Stats)
	storyOf := map[string]string{}
	for s, ids := range stories {
		for _, id := range ids {
			storyOf[id] = s
		}
	}
	if r.Stats.RareCap != 4 {
		t.Errorf("rare cap %d, want ⌊0.25·18⌋ = 4", r.Stats.RareCap)
	}
	// Stories A and B, each whole, apart.
	for _, st := range [][]string{{"A1", "A2", "A3"}, {"B1", "B2", "B3"}} {
		for _, id := range st {
			if storyOf[id] == "" || storyOf[id] != storyOf[st[0]] {
				t.Errorf("%s in story %q, %s in %q", id, storyOf[id], st[0], storyOf[st[0]])
			}
		}
	}
	if storyOf["A1"] == storyOf["B1"] {
		t.Errorf("the chaining document joined stories A and B: %v", stories)
	}
	// X joins one of them, the one it resembles most: B, whose features it
	// holds more of.
	if storyOf["X"] != storyOf["B1"] {
		t.Errorf("X in %q, want B's story %q", storyOf["X"], storyOf["B1"])
	}
	// One outlet's story, and a story outside the window: not reported.
	for _, id := range []string{"S1", "S2", "W1", "W2", "F1", "F2", "F3", "F4", "F5"} {
		if storyOf[id] != "" {
			t.Errorf("%s is in story %s", id, storyOf[id])
		}
	}
	// Without dates the window does not apply.
	if storyOf["N1"] == "" || storyOf["N1"] != storyOf["N2"] {
		t.Errorf("N1, N2 in %q, %q: want one story", storyOf["N1"], storyOf["N2"])
	}
	// Ids: by size, then first document.
	if storyOf["B1"] != "story-1" || storyOf["A1"] != "story-2" || storyOf["N1"] != "story-3" {
		t.Errorf("story ids %v", storyOf)
	}
	if e := r.Event("story-2"); e == nil || !strings.Contains(e.Name, "kelvaro") {
		t.Errorf("story-2 named %+v", e)
	}
	// With a window of 30 days W1 and W2 make a story.
	opt := HandOptions()
	opt.Window = 30
	r30 := HandResult(t, opt, Identity(len(HandCorpus)), 1)
	if s := storiesOf(r30); !slices.ContainsFunc(r30.Articles, func(a StoryArticle) bool { return a.DocID == "W1" }) {
		t.Errorf("window 30: W1 in no story: %v", s)
	}
	// Scores: A's documents are all linked to each other.
	found := false
	for _, a := range r.Articles {
		if a.Event == "story-2" && a.DocID == "A1" {
			if a.Links != 2 || a.Score <= 0 || a.Score > 1 || a.StoryDocs != 3 || a.Groups != 3 {
				t.Errorf("A1: %+v", a)
			}
			if !slices.Contains(a.Shared, "lena odrik") || !slices.Contains(a.Shared, "4213") {
				t.Errorf("A1 shares %v", a.Shared)
			}
			found = true
		}
	}
	if !found {
		t.Error("A1 is not in story-2")
	}
	// The eruption is a discovered passage event of story A with a sentence
	// of each of A's outlets; the line break inside A1's sentence is gone.
	var pe *Info
	for i := range r.Events {
		e := &r.Events[i]
		if e.Story == "story-2" && e.Level == LevelPassage {
			if slices.Contains(e.Features, "4213") {
				pe = e
			}
		}
	}
	if pe == nil {
		t.Fatalf("no passage event with 4213 in story-2: %+v", r.Events)
	}
	groups := map[string]bool{}
	for _, p := range r.Passages {
		if p.Event == pe.ID {
			groups[p.Group] = true
			if strings.ContainsAny(p.Text, "\n\t") || strings.Contains(p.Text, "  ") {
				t.Errorf("passage text %q keeps white space", p.Text)
			}
			if p.DocID == "A1" && (p.Sentence != 1 || !strings.HasPrefix(p.Text, "Mount Kelvaro erupted on May 10, forcing 4,213")) {
				t.Errorf("A1 passage: %+v", p)
			}
		}
	}
	if len(groups) < 3 {
		t.Errorf("passage event %s has groups %v", pe.ID, groups)
	}
}

// TestEventsDeterministic: the result does not depend on the order of the
// visits, on how many goroutines visit, nor on the workers of Result.
func TestEventsDeterministic(t *testing.T) {
	lx, err := lexicons.Parse("hand-events.yaml", []byte(handEventsYAML))
	if err != nil {
		t.Fatal(err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	opt := HandOptions()
	opt.Lexicon = m
	opt.Frames = CompilePack(t, "frames")
	opt.Workers = 1
	want := ResultString(HandResult(t, opt, Identity(len(HandCorpus)), 1))
	rng := rand.New(rand.NewPCG(7, 7))
	for k := range 8 {
		order := Identity(len(HandCorpus))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		opt.Workers = 1 + k%3
		if got := ResultString(HandResult(t, opt, order, 1+k%4)); got != want {
			t.Fatalf("order %v, %d workers: the result changed\n got %s\nwant %s", order, 1+k%4, got, want)
		}
	}
}

const handEventsYAML = `name: hand-events
kind: events
events:
  eruption:
    name: Eruption of Mount Kelvaro
    dates: [2021-05-10/2021-05-11]
    cues: [ash cloud, kelvaro eruption]
  quake-1911:
    name: The 1911 quake
    dates: [1911-01-01/1911-12-31]
    cues: [great quake]
`

// TestEventsLexiconHand checks lexicon passages on the hand-made corpus,
// and MaxPassages.
func TestEventsLexiconHand(t *testing.T) {
	lx, err := lexicons.Parse("hand-events.yaml", []byte(handEventsYAML))
	if err != nil {
		t.Fatal(err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	opt := HandOptions()
	opt.Lexicon = m
	opt.MaxPassages = 1
	r := HandResult(t, opt, Identity(len(HandCorpus)), 3)
	// Eruption: A1 #1 (date "May 10" with the document's year), A1 #2, A2
	// #1, A3 #2 (cue "ash cloud"), X #1 (cues). A1 #3 "since 1911" is no
	// mention; the quake has no passage.
	s := r.Summary("eruption", "g1")
	if s == nil || s.Sentences != 2 || s.Docs != 1 || len(s.Passages) != 1 || s.Passages[0].Sentence != 1 {
		t.Fatalf("eruption × g1: %+v", s)
	}
	if !strings.Contains(s.Passages[0].Cue, `date "May 10" = 2021-05-10`) {
		t.Errorf("cue %q", s.Passages[0].Cue)
	}
	if !slices.Equal(s.Units(), []SentenceRef{{0, 1}, {0, 2}}) {
		t.Errorf("units %v", s.Units())
	}
	// share: 2 of the sentences of g1's documents (A1, B1, W1, F1).
	var g1 int64
	for _, d := range handDocuments() {
		if d.Group == "g1" {
			g1 += int64(len(segment.Sentences(d.Text, nil)))
		}
	}
	if s.GroupSentences != g1 || math.Abs(s.Share-2/float64(g1)) > 1e-15 {
		t.Errorf("share %v of %d sentences, want 2/%d", s.Share, s.GroupSentences, g1)
	}
	if x := r.Summary("eruption", "g5"); x == nil || x.Sentences != 1 || !strings.Contains(x.Passages[0].Cue, `cue "Kelvaro eruption"`) {
		t.Errorf("eruption × g5: %+v", x)
	}
	if e := r.Event("quake-1911"); e == nil || e.Units != 0 {
		t.Errorf("quake: %+v", e)
	}
	// CountQuotes sums over every sentence of the summary.
	s.CountQuotes(func(doc, sent int) int { return 10*doc + sent })
	if !s.QuotesCounted || s.Quotes != 1+2 {
		t.Errorf("quotes %d", s.Quotes)
	}
}

// ---------------------------------------------------------------------------
// The Karabakh sample

// ---------------------------------------------------------------------------
// The AllSides sample

// TestPostingSums: the shared features and Σ idf² that linkDocuments adds
// up while reading the postings (plus, for an undated pair, the skipped
// features the other document holds) are, for every pair it takes them
// for, bit for bit what sharedRanks computes from the two documents'
// lists. The AllSides sample with every fifth date removed and a low
// undated ceiling exercises both.
func TestPostingSums(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole AllSides sample")
	}
	var checked, counted, differ atomic.Int64
	checkPostingSums = func(a *eventArticles, i, j int32, n int, dot float64) {
		checked.Add(1)
		n2, d2 := sharedRanks(a.rare[i], a.rare[j], a)
		if math.IsNaN(dot) {
			counted.Add(1)
			if n2 != n || n >= DefaultMinShared {
				if differ.Add(1) <= 5 {
					t.Errorf("pair (%d, %d) rejected with %d shared; the lists give %d", i, j, n, n2)
				}
			}
			return
		}
		if n2 != n || math.Float64bits(d2) != math.Float64bits(dot) {
			if differ.Add(1) <= 5 {
				t.Errorf("pair (%d, %d): postings give %d shared, Σ %v; the lists give %d, %v", i, j, n, dot, n2, d2)
			}
		}
	}
	defer func() { checkPostingSums = nil }()
	docs := testkit.AllSides(t)
	for i := range docs {
		if i%5 == 0 {
			docs[i].Date = ""
		}
	}
	for _, opt := range []Options{{Workers: 2}, {Workers: 2, UndatedMaxDF: 5, Window: -1}} {
		c, err := NewCollector(opt)
		if err != nil {
			t.Fatal(err)
		}
		visitAll(c, docs, 2)
		r, err := c.Result()
		if err != nil {
			t.Fatal(err)
		}
		if r.Stats.UndatedCapped == 0 && opt.UndatedMaxDF > 0 {
			t.Errorf("options %+v: no feature over the undated ceiling", opt)
		}
	}
	if checked.Load() < 1000 || counted.Load() < 100 {
		t.Errorf("%d pairs checked, %d rejected by their count: the test proves little", checked.Load(), counted.Load())
	}
}
