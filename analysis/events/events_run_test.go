package events_test

import (
	"bytes"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/analysis/events"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/report"
	"parallax/analysis/resample"
	"parallax/tone"
)

func TestEventsAllSides(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole AllSides sample")
	}
	texts := map[string]string{}
	for _, d := range testkit.AllSides(t) {
		texts[d.ID] = d.Text
	}
	run := func(workers int) *events.Result {
		c, err := events.NewCollector(events.Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := analysis.Run(testkit.AllSidesSource(), analysis.Options{Visit: c.Visit, Workers: workers}); err != nil {
			t.Fatal(err)
		}
		r, err := c.Result()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := run(3)
	t.Logf("stats %+v", r.Stats)
	for k, e := range r.Events {
		if e.Level != events.LevelArticle || k > 60 {
			continue
		}
		t.Logf("%s [%s]: %d documents, %d outlets", e.ID, e.Name, e.Docs, e.Groups)
		for _, a := range r.Articles {
			if a.Event == e.ID {
				t.Logf("    %-10s %-28s %s", a.Date, a.Group, a.Title)
			}
		}
	}
	byStory := map[string][]events.StoryArticle{}
	for _, a := range r.Articles {
		byStory[a.Event] = append(byStory[a.Event], a)
	}
	for _, ck := range []allSidesStoryCheck{
		{"the downing of flight PS752 (January 2020)", "Ukrainian", regexp.MustCompile(`(?i)plane|jet|flight`), 5},
		{"the murder of Jamal Khashoggi (2018)", "Khashoggi", nil, 4},
		{"Trump's threats after the killing of Soleimani (January 2020)", "Soleimani", nil, 3},
	} {
		found := false
		for id, arts := range byStory {
			groups := map[string]bool{}
			ok := true
			for _, a := range arts {
				groups[a.Group] = true
				ok = ok && strings.Contains(texts[a.DocID], ck.word) && (ck.title == nil || ck.title.MatchString(a.Title))
			}
			if ok && len(groups) >= ck.groups {
				found = true
				t.Logf("%s: %s, %d documents from %d outlets", ck.what, id, len(arts), len(groups))
				break
			}
		}
		if !found {
			t.Errorf("no story for %s", ck.what)
		}
	}
	// Every story: at least two documents of two outlets, dated documents
	// within the window of each other.
	for id, arts := range byStory {
		groups := map[string]bool{}
		var days []int32
		for _, a := range arts {
			groups[a.Group] = true
			if day, err := time.Parse(time.DateOnly, a.Date[:min(10, len(a.Date))]); err == nil {
				days = append(days, int32(day.Unix()/(24*60*60)))
			}
		}
		if len(arts) < 2 || len(groups) < 2 {
			t.Errorf("%s: %d documents of %d outlets", id, len(arts), len(groups))
		}
		if len(days) > 0 && slices.Max(days)-slices.Min(days) > events.DefaultWindow {
			t.Errorf("%s: dates %v further apart than the window", id, days)
		}
	}
	// The same with one worker everywhere.
	if a, b := events.ResultString(r), events.ResultString(run(1)); a != b {
		t.Error("the AllSides result depends on the number of workers")
	}
}

func karabakhEvents(t *testing.T) (*events.Result, *analysis.Result) {
	t.Helper()
	c := events.NewKarabakhCollector(t)
	res, err := analysis.Run(corpus.Source{FS: os.DirFS("../../testdata"), Path: "karabakh", Name: "sample:karabakh"}, analysis.Options{Visit: c.Visit})
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Result()
	if err != nil {
		t.Fatal(err)
	}
	return r, res
}

func TestEventsKarabakh(t *testing.T) {
	r, res := karabakhEvents(t)
	has := func(event, group, prefix string) *events.Passage {
		for i := range r.Passages {
			p := &r.Passages[i]
			if p.Event == event && p.Group == group && strings.HasPrefix(p.Text, prefix) {
				return p
			}
		}
		t.Errorf("no passage of %s × %s beginning %q", event, group, prefix)
		return nil
	}
	// Conflict News (002) reports the Kremlin meeting of 11 January 2021.
	has("kremlin-meeting-2021", "Conflict News", "His comments came as he sat for talks in the Kremlin on Monday")
	has("kremlin-meeting-2021", "Conflict News", "Nagorno-Karabakh: Putin welcomes Azeri and Armenian leaders")
	// ... and the 2020 war by its date and by its cues.
	if p := has("war-2020", "Conflict News", "Hostilities over Nagorno-Karabakh broke out again on September 27, 2020."); p != nil &&
		!strings.Contains(p.Cue, `date "September 27, 2020" = 2020-09-27`) {
		t.Errorf("cue %q", p.Cue)
	}
	// Responsible Statecraft (003): the September 2023 offensive, by cue
	// and by the date "September 19" with the page's year.
	if p := has("offensive-2023", "Responsible Statecraft", "In the early afternoon of September 19, the Azerbaijani military launched"); p != nil &&
		!strings.Contains(p.Cue, `date "September 19" = 2023-09-19`) {
		t.Errorf("cue %q", p.Cue)
	}
	has("offensive-2023", "Responsible Statecraft", "Azerbaijan launches military assault while Russia is distracted in Ukraine")
	// "in 2020" is a year-only mention of the 2020 war.
	if p := has("war-2020", "Responsible Statecraft", "Since the Moscow-brokered ceasefire"); p != nil && !strings.Contains(p.Cue, `date "2020" = 2020`) {
		t.Errorf("cue %q", p.Cue)
	}
	// OBC (004, dated 2023-03): the March 1 meeting and the March 5
	// firefight.
	has("meeting-2023-03", "OBC Transeuropa", "In a rare public occasion, officials from Azerbaijan")
	has("meeting-2023-03", "OBC Transeuropa", "Among the issues discussed at the March 1 meeting")
	has("firefight-2023-03", "OBC Transeuropa", "On 5 March, two Azerbaijani soldiers and three Armenian policemen were killed")
	// The 1990s war at the Middle East Policy Council (000): "in 1993".
	has("war-1990s", "Middle East Policy Council", "However, as the Soviet Union began to disintegrate")
	// "March 7" takes the page's year (2023-03) but a day without its year
	// does not place a sentence in the nine-month blockade (DayCueMaxDays).
	for _, p := range r.Passages {
		if p.Event == "lachin-blockade" && (strings.HasPrefix(p.Text, "Also, on March 7") || strings.HasPrefix(p.Text, "In a March 7 statement")) {
			t.Errorf("a March 7 sentence in the blockade: %+v", p)
		}
	}
	// No dateline is a passage.
	for _, p := range r.Passages {
		if strings.HasPrefix(p.Text, "Friday, September 22, 2023") {
			t.Errorf("dateline passage %+v", p)
		}
	}
	// Five documents: no feature is rare, no story.
	if len(r.Articles) != 0 || r.Stats.RareCap != 1 {
		t.Errorf("stories on five documents: %+v (rare cap %d)", r.Articles, r.Stats.RareCap)
	}

	// The firefight at OBC, by hand. Its sentences (1-based, in the cleaned
	// page): 2 (cue "firefight"), 22 (cues "5 March", "two Azerbaijani
	// soldiers", "three Armenian policemen", "firefight"; date 5 March with
	// the page's year), 24 (cue "Karabakh policemen").
	s := r.Summary("firefight-2023-03", "OBC Transeuropa")
	if s == nil {
		t.Fatal("no firefight × OBC")
	}
	if !slices.Equal(s.Units(), []events.SentenceRef{{4, 2}, {4, 22}, {4, 24}}) || s.Docs != 1 || s.Sentences != 3 {
		t.Errorf("units %v, docs %d", s.Units(), s.Docs)
	}
	var obcSentences int64
	for _, g := range res.Groups {
		if g.Group == "OBC Transeuropa" {
			obcSentences = g.Sentences
		}
	}
	if obcSentences != 29 || s.GroupSentences != 29 || s.Share != 3.0/29 {
		t.Errorf("share %v of %d (corpus: %d), want 3/29", s.Share, s.GroupSentences, obcSentences)
	}
	// Frames by hand from frames.yaml: sentence 2 "dialogue", "negotiations"
	// (diplomacy_negotiation), "firefight" (security_military), "victims"
	// (humanitarian_rights); 22 "soldiers", "firefight"; 24 "weapons",
	// "terrorism" (security_military): security 5, diplomacy 2.
	if want := []events.KeyCount{{"security_military", 5}, {"diplomacy_negotiation", 2}}; !slices.Equal(s.Frames, want) {
		t.Errorf("frames %v, want %v", s.Frames, want)
	}
	// Labels: "Armenians of Karabakh" (2), "separatist region" (22),
	// "Karabakh policemen" (24).
	if want := []events.KeyCount{{"the region / Karabakh", 2}, {"the Karabakh Armenian authorities / separatist", 1}}; !slices.Equal(s.Labels, want) {
		t.Errorf("labels %v, want %v", s.Labels, want)
	}
	// Tone: the mean VADER compound of the three sentences as printed.
	texts := []string{
		"The historic dialogue recently started between the Azerbaijani government and the Armenians of Karabakh seemed to open some cracks, but the firefight of recent days and the related victims are putting a strain on the ongoing negotiations",
		"On 5 March, two Azerbaijani soldiers and three Armenian policemen were killed in a firefight that erupted in the separatist region.",
		"Azerbaijan claims that Karabakh policemen were carrying weapons, while the Armenian side accuses Baku of having orchestrated the incident, even going so far as to define it as “terrorism”.",
	}
	var vals []float64
	for i, text := range texts {
		if s.Passages[i].Text != text {
			t.Errorf("passage %d: %q\nwant %q", i, s.Passages[i].Text, text)
		}
		vals = append(vals, tone.VADER(text).Compound)
	}
	mean := (vals[0] + vals[1] + vals[2]) / 3
	if math.Abs(s.Tone.Mean-mean) > 1e-12 || s.Tone.N != 3 || s.Tone.Unit != resample.UnitSentence {
		t.Errorf("tone %+v, want mean %v of %v", s.Tone, mean, vals)
	}
	sample, _ := resample.NewSample(vals, nil)
	iv := resample.Bootstrap(sample, resample.DefaultResamples, 0, "events\x00firefight-2023-03\x00OBC Transeuropa")
	if s.Tone.Low != iv.Low || s.Tone.High != iv.High || !(iv.Low >= slices.Min(vals) && iv.High <= slices.Max(vals)) {
		t.Errorf("interval [%v, %v], want [%v, %v] within %v", s.Tone.Low, s.Tone.High, iv.Low, iv.High, vals)
	}
	t.Logf("firefight × OBC: VADER %v, mean %.4f, interval [%.4f, %.4f]", vals, mean, iv.Low, iv.High)
	// A single sentence has no interval.
	if s := r.Summary("kremlin-meeting-2021", "Conflict News"); s == nil || s.Sentences != 2 {
		t.Errorf("kremlin × Conflict News: %+v", s)
	}
	if s := r.Summary("lachin-blockade", "Responsible Statecraft"); s == nil || s.Sentences != 1 || !math.IsNaN(s.Tone.Low) || math.IsNaN(s.Tone.Mean) {
		t.Errorf("lachin × RS: %+v", s)
	}
}

// TestEventSections renders every section in CSV and checks the columns
// the command promises.
func TestEventSections(t *testing.T) {
	r, _ := karabakhEvents(t)
	hand := events.HandResult(t, events.HandOptions(), events.Identity(len(events.HandCorpus)), 2)
	for _, tc := range []struct {
		sec  report.Section
		cols []string
	}{
		{report.EventsSection(r), []string{"event", "level", "source", "name", "group", "docs", "sentences", "share", "tone", "tone_low", "tone_high"}},
		{report.ArticleEventsSection(hand), []string{"event", "name", "group", "doc", "title", "date", "score"}},
		{report.PassageEventsSection(r), []string{"event", "name", "source", "group", "doc", "sentence", "text"}},
		{report.SideBySideSection(r, 2), []string{"event", "group", "rank", "doc", "sentence", "text"}},
	} {
		tab := tc.sec.Tidy
		if tab == nil {
			tab = tc.sec.Display
		}
		if !slices.Equal(tab.Columns[:len(tc.cols)], tc.cols) {
			t.Errorf("%s: columns %v, want %v first", tab.Name, tab.Columns, tc.cols)
		}
		if len(slices.Collect(tab.AllRows())) == 0 {
			t.Errorf("%s: no rows", tab.Name)
		}
		for _, tb := range []*report.Table{tc.sec.Display, tc.sec.Tidy} {
			if tb == nil {
				continue
			}
			for row := range tb.AllRows() {
				if len(row) != len(tb.Columns) {
					t.Fatalf("%s: row %v for columns %v", tb.Name, row, tb.Columns)
				}
			}
		}
		var buf bytes.Buffer
		rep := &report.Report{Provenance: report.Provenance{Tool: "parallax", Command: "events"}, Sections: []report.Section{tc.sec}}
		if err := report.Render(&buf, rep, report.FormatCSV, report.Options{}); err != nil {
			t.Errorf("%s: %v", tab.Name, err)
		}
		if err := report.Render(&buf, rep, report.FormatTable, report.Options{}); err != nil {
			t.Errorf("%s: %v", tab.Name, err)
		}
	}
	// The article table of the hand corpus: story-1 holds B1..B3 and X.
	var ids []string
	for row := range report.ArticleEventsSection(hand).Tidy.AllRows() {
		if row[0].Str == "story-1" {
			ids = append(ids, row[3].Str)
		}
	}
	if !slices.Equal(ids, []string{"B1", "B2", "B3", "X"}) {
		t.Errorf("story-1 rows %v", ids)
	}
}

// allSidesStoryCheck is a story the AllSides sample must contain: one
// whose every document's text holds word, with at least groups outlets,
// whose titles match title (when given).
type allSidesStoryCheck struct {
	what   string
	word   string
	title  *regexp.Regexp
	groups int
}
