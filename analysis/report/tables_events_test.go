package report

import (
	"slices"
	"strings"
	"testing"

	"parallax/analysis/events"
	"parallax/analysis/framing"
	"parallax/analysis/resample"
	"parallax/tone"
)

// cells returns the text of each cell of t's rows, by column name.
func cells(t *Table) []map[string]string {
	var out []map[string]string
	for row := range t.AllRows() {
		m := map[string]string{}
		for j, v := range row {
			m[t.Columns[j]] = textValue(v)
		}
		out = append(out, m)
	}
	return out
}

// The events display shows share_pct with its count, "13.79 (4)" for 4 of
// 29 sentences (100 × 4 / 29 = 13.793); the names, frames and labels are
// in event_frames; both carry the small flag (FlagSmall); the tidy table
// gives tone_all when words were left out, and event-tone-labels lists
// the event × group whose tone they changed, change = tone − tone_all.
func TestEventTables(t *testing.T) {
	iv := func(mean float64, n int) resample.Interval {
		return resample.Interval{Mean: mean, Low: mean - 0.1, High: mean + 0.1, N: n}
	}
	r := &events.Result{
		Options: events.Options{ToneMask: tone.NewMask("attack")},
		Summaries: []events.Summary{
			{Event: "lachin-blockade", Name: "Blockade of the Lachin corridor", Group: "OBC Transeuropa", Docs: 1, Sentences: 4, GroupSentences: 29,
				Share: 4.0 / 29, Tone: iv(0.116, 4), ToneAll: 0.049, Masked: 1},
			{Event: "lachin-blockade", Name: "Blockade of the Lachin corridor", Group: "Responsible Statecraft", Docs: 1, Sentences: 1, GroupSentences: 30,
				Share: 1.0 / 30, Tone: iv(0.361, 1), ToneAll: 0.361},
		},
	}
	secs := EventSections(r)
	if len(secs) != 3 || secs[0].Display.Name != "events" || secs[1].Display.Name != "event_frames" || secs[2].Display.Name != "event-tone-labels" {
		t.Fatalf("sections %v", secs)
	}
	rep := &Report{Sections: secs}
	FlagSmall(rep, map[string]int{"OBC Transeuropa": 1, "Responsible Statecraft": 7})
	disp := cells(rep.Sections[0].Display)
	if got := disp[0]["share_pct"]; got != "13.79 (4)" {
		t.Errorf("share_pct %q, want 13.79 (4)", got)
	}
	if disp[0]["flag"] != "small" || disp[1]["flag"] != "" {
		t.Errorf("flags %q, %q", disp[0]["flag"], disp[1]["flag"])
	}
	if slices.Contains(rep.Sections[0].Display.Columns, "name") || slices.Contains(rep.Sections[0].Display.Columns, "sentences") {
		t.Errorf("display columns %v", rep.Sections[0].Display.Columns)
	}
	frames := cells(rep.Sections[1].Display)
	if frames[0]["name"] != "Blockade of the Lachin corridor" || frames[1]["name"] != "" || frames[0]["flag"] != "small" {
		t.Errorf("event_frames %v", frames)
	}
	if tidy := cells(rep.Sections[1].Tidy); tidy[1]["name"] != "Blockade of the Lachin corridor" || tidy[0]["flag"] != "" {
		t.Errorf("event_frames tidy %v", tidy)
	}
	tidy := cells(rep.Sections[0].Tidy)
	if tidy[0]["tone_all"] != "0.0490" || tidy[1]["tone_all"] != "0.3610" {
		t.Errorf("tone_all %q, %q", tidy[0]["tone_all"], tidy[1]["tone_all"])
	}
	lab := cells(rep.Sections[2].Display)
	if len(lab) != 1 || lab[0]["group"] != "OBC Transeuropa" || lab[0]["tone"] != "0.116" || lab[0]["tone_all"] != "0.049" || lab[0]["change"] != "0.067" || lab[0]["flag"] != "small" {
		t.Errorf("event-tone-labels %v", lab)
	}
	if notes := strings.Join(rep.Sections[2].Display.Notes, " "); !strings.Contains(notes, "would score (* for every word it begins): attack.") {
		t.Errorf("notes do not name the word left out: %s", notes)
	}

	// Without a mask: no tone_all, no third table.
	r.Options.ToneMask = nil
	if secs := EventSections(r); len(secs) != 2 || slices.Contains(secs[0].Tidy.Columns, "tone_all") {
		t.Errorf("without a mask: %d sections, tidy columns %v", len(secs), secs[0].Tidy.Columns)
	}
	// Nothing changed: the table says so in one line.
	r.Options.ToneMask = tone.NewMask("attack")
	r.Summaries[0].Masked, r.Summaries[0].ToneAll = 0, r.Summaries[0].Tone.Mean
	if sec, ok := EventToneUnscoredSection(r); !ok || len(sec.Display.Rows) != 0 || sec.Display.Empty == "" {
		t.Errorf("no change: %v %+v", ok, sec.Display)
	}
}

// The attribution display shows each share with its count: quoted_share
// 75 / 614 = 0.122 with its 75 quoted words, distancing_share 1 / 8 =
// 0.125 with its 1 distancing verb; the tidy table keeps the counts in
// their own columns.
func TestAttributionCounts(t *testing.T) {
	rows := []framing.AttributionRow{{Group: "Responsible Statecraft", Docs: 1, Words: 614, QuotedWords: 75, Direct: 8, Attributed: 6,
		Neutral: 4, Distancing: 1, Endorsing: 1, OtherVerb: 2, QuotedShare: 75.0 / 614, DistancingShare: 1.0 / 8}}
	sec := AttributionSection(rows)
	d := cells(sec.Display)[0]
	if d["quoted_share"] != "0.122 (75)" || d["distancing_share"] != "0.125 (1)" {
		t.Errorf("display %v", d)
	}
	td := cells(sec.Tidy)[0]
	if td["quoted_share"] != "0.122" || td["quoted_words"] != "75" || td["distancing"] != "1" {
		t.Errorf("tidy %v", td)
	}
}
