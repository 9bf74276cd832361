package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"parallax/analysis/framing"
	"parallax/analysis/tonestats"
	"parallax/tone"
)

// maxUnscoredListed bounds the words an unscored note lists.
const maxUnscoredListed = 40

// UnscoredNote is the note of a table whose tone leaves words out
// (tonestats.Options.Mask): how many, the ones VADER scores (the others
// change nothing), and how to put them back. "" when none were left out.
func UnscoredNote(words []string, both bool) string {
	if len(words) == 0 {
		return ""
	}
	var list []string
	for _, w := range words {
		if strings.HasSuffix(w, "*") || tone.VADER(w).Compound != 0 {
			list = append(list, w)
		}
	}
	n := len(list)
	more := ""
	if len(list) > maxUnscoredListed {
		list, more = list[:maxUnscoredListed], fmt.Sprintf(" and %d more", n-maxUnscoredListed)
	}
	shown := "none"
	if len(list) > 0 {
		shown = strings.Join(list, ", ") + more
	}
	s := fmt.Sprintf("Tone leaves out %s under comparison, the labels lexicon's words and those lexicons declare unscored: VADER scores them as neutral words. Of these, VADER would score (* for every word it begins): %s. --score-labels puts them back.",
		Plural(len(words), "word"), shown)
	if both {
		s += " vader_all: VADER scoring every word, as with --score-labels."
	}
	return s
}

// WithUnscoredNote adds UnscoredNote(words, false) to the notes of a
// section's tables (the actors' tone, which shows the masked figure only),
// and StanceUnscoredNote to those with a stance column.
func WithUnscoredNote(sec Section, words []string) Section {
	n := UnscoredNote(words, false)
	if n == "" {
		return sec
	}
	for _, t := range []*Table{sec.Display, sec.Tidy} {
		if t != nil {
			t.Notes = append(t.Notes, n)
			if slices.Contains(t.Columns, "stance") {
				t.Notes = append(t.Notes, StanceUnscoredNote(words))
			}
		}
	}
	return sec
}

// ToneUnscoredSection compares, per group whose figures differ, the mean
// VADER tone with the label words left out (vader) and scored (vader_all):
// change = vader − vader_all. ok is false when no words were left out;
// without a group that differs the table is empty and says so.
func ToneUnscoredSection(s *tonestats.Summary) (Section, bool) {
	all := slices.Index(s.Instruments, tonestats.InstrumentVADERAll)
	masked := slices.Index(s.Instruments, tonestats.InstrumentVADER)
	if len(s.Unscored) == 0 || all < 0 || masked < 0 {
		return Section{}, false
	}
	t := &Table{Name: "tone-labels", Title: "Tone with the label words left out and scored (mean VADER compound)",
		Columns: []string{"group", "sentences", "vader", "vader_all", "change"}, Cut: map[string]Cut{"group": CutNever}}
	for g, name := range s.Groups {
		m, a := s.Intervals[masked][g], s.Intervals[all][g]
		if m.Mean == a.Mean || (math.IsNaN(m.Mean) && math.IsNaN(a.Mean)) {
			continue
		}
		t.Rows = append(t.Rows, []Value{Str(name), Int(int64(m.N)), Float(m.Mean, 3), Float(a.Mean, 3), Float(m.Mean-a.Mean, 3)})
	}
	if len(t.Rows) == 0 {
		t.Notes = append(t.Notes, "No group's tone changes when the label words are scored.")
	}
	t.Notes = append(t.Notes, "vader: mean sentence score with the words below left out; vader_all: every word scored (--score-labels); change = vader − vader_all. Groups whose two figures are equal are not listed. Intervals: the tone table (CSV, JSON).",
		UnscoredNote(s.Unscored, false))
	return Section{Display: t}, true
}

// WithActorToneAll adds to an actors section whose tone left words out
// (words non-empty) the mean tone with every word scored
// (framing.ActorRow.ToneAll): the tidy table's `tone_all` after
// `tone_high`, with its note, and a display note saying which figure the
// tone column shows. Without words it returns sec unchanged.
func WithActorToneAll(sec Section, rows []framing.ActorRow, words []string) Section {
	if len(words) == 0 {
		return sec
	}
	if t := sec.Tidy; t != nil {
		if at := slices.Index(t.Columns, "tone_high"); at >= 0 {
			type key struct{ actor, group string }
			by := make(map[key]float64, len(rows))
			for _, r := range rows {
				by[key{r.Actor, r.Group}] = r.ToneAll
			}
			out := *t
			out.Columns = slices.Insert(slices.Clone(t.Columns), at+1, "tone_all")
			out.Rows = nil
			for _, row := range t.Rows {
				v, ok := by[key{row[0].Str, row[1].Str}]
				cell := NA()
				if ok {
					cell = Float(v, 3)
				}
				out.Rows = append(out.Rows, slices.Insert(slices.Clone(row), at+1, cell))
			}
			out.Notes = append(slices.Clone(t.Notes), "tone_all: the mean VADER compound over the same sentences with every word scored (as with --score-labels); tone and its interval leave the label words out.")
			sec.Tidy = &out
		}
	}
	if t := sec.Display; t != nil {
		out := *t
		out.Notes = append(slices.Clone(t.Notes), "The tone column is the mean VADER with the label words left out; the tidy table (CSV, JSON) gives tone_all, with every word scored, beside it.")
		sec.Display = &out
	}
	return sec
}
