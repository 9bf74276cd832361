package report

import (
	"slices"

	"parallax/analysis/events"
)

func init() {
	leads["event-tone-labels"] = "How much the label words under comparison move each event's tone: the choice of label is one finding, the tone another."
}

// eventToneWords lists the words the events' tone left out
// (events.Options.ToneMask): nil when every word was scored.
func eventToneWords(r *events.Result) []string {
	return r.Options.ToneMask.Words()
}

// withEventToneAll adds to the tidy events table, when the tone left words
// out, the tone with every word scored (`tone_all`, after `tone_high`) and
// the notes naming the words; the display gets the notes. Without words
// it changes nothing.
func withEventToneAll(r *events.Result, tidy, display *Table) {
	words := eventToneWords(r)
	if len(words) == 0 {
		return
	}
	at := slices.Index(tidy.Columns, "tone_high") + 1
	tidy.Columns = slices.Insert(tidy.Columns, at, "tone_all")
	rows := tidy.RowSeq
	tidy.RowSeq = func(yield func([]Value) bool) {
		i := 0
		for row := range rows {
			row = slices.Insert(row, at, Float(r.Summaries[i].ToneAll, 4))
			i++
			if !yield(row) {
				return
			}
		}
	}
	unscored := UnscoredNote(words, false)
	tidy.Notes = append(tidy.Notes, "tone_all: the mean VADER compound of the same sentences with every word scored (as with --score-labels); tone and its interval leave the words below out.", unscored)
	display.Notes = append(display.Notes, "The tone and its interval leave the words below out; where that changes a figure, the table that follows gives both.", unscored)
}

// EventToneUnscoredSection compares, per event × group whose figures
// differ, the events' tone with the label words left out (tone) and scored
// (tone_all): change = tone − tone_all. ok is false when no words were left
// out; without an event × group that differs the table is empty and says
// so.
func EventToneUnscoredSection(r *events.Result) (Section, bool) {
	words := eventToneWords(r)
	if len(words) == 0 {
		return Section{}, false
	}
	t := &Table{Name: "event-tone-labels", Title: "Events' tone with the label words left out and scored (mean VADER compound)",
		Columns: []string{"event", "group", "sentences", "tone", "tone_all", "change"}, Cut: map[string]Cut{"event": CutNever}}
	for i := range r.Summaries {
		s := &r.Summaries[i]
		if s.Masked == 0 {
			continue
		}
		t.Rows = append(t.Rows, []Value{Str(s.Event), Str(s.Group), Int(int64(s.Tone.N)), Float(s.Tone.Mean, 3), Float(s.ToneAll, 3), Float(s.Tone.Mean-s.ToneAll, 3)})
	}
	if len(t.Rows) == 0 {
		t.Rows = [][]Value{}
		t.Empty = "No event's tone changes when the label words are scored: none of its sentences holds one VADER scores."
	}
	t.Notes = append(t.Notes, "sentences: the event's sentences of the group that were scored; tone: their mean VADER compound with the words below left out (as in the events table); tone_all: every word scored (--score-labels); change = tone − tone_all. Events and groups with no sentence the left-out words change are not listed.",
		UnscoredNote(words, false))
	return Section{Display: t}, true
}
