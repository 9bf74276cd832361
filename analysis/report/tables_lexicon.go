package report

import (
	"fmt"

	"parallax/analysis/lexmatch"
	"parallax/analysis/resample"
	"parallax/lexicons"
)

// LexiconSection renders the rows: tidy, one row per group and key; on a
// terminal, groups × keys with per_1k.
func LexiconSection(lx *lexicons.Lexicon, rows []lexmatch.Row, resamples int, seed uint64) Section {
	tidy := &Table{Name: "lexicon", Title: fmt.Sprintf("Lexicon %q per group", lx.Name),
		Columns: []string{"group", "lexicon", "category", "hits", "per_1k", "ci_low", "ci_high", "negated", "words", "unit", "small"}}
	keys := lexmatch.Keys(lx)
	display := &Table{Name: "lexicon", Title: tidy.Title + ": hits per 1,000 words", Columns: append([]string{"group"}, keys...)}
	var row []Value
	for i, r := range rows {
		tidy.Rows = append(tidy.Rows, []Value{Str(r.Group), Str(lx.Name), Str(r.Key), Int(r.Hits), Float(r.Per1k, 2),
			Float(r.Low, 2), Float(r.High, 2), Int(r.Negated), Int(r.Words), Str(r.Unit), Str(fmt.Sprint(r.Small))})
		if i%len(keys) == 0 {
			row = []Value{Str(r.Group)}
		}
		row = append(row, Float(r.Per1k, 2))
		if len(row) == len(keys)+1 {
			display.Rows = append(display.Rows, row)
		}
	}
	notes := []string{
		fmt.Sprintf("per_1k: hits per 1,000 words (word and number tokens after cleaning, stop words included); ci_low, ci_high: 95%% percentile bootstrap interval of that ratio, %d resamples, seed %d — articles resampled when a group has at least %d, else sentences (unit; such groups are small). docs/uncertainty.md.", orDefault(resamples, resample.DefaultResamples), seed, resample.MinClusterUnits),
		"Overlapping matches: the longest span wins, also over other categories (docs/lexicons.md); negated: hits with a negator among the three words before.",
		lexiconAbout(lx) + "; --explain CATEGORY shows the passages behind a number.",
	}
	tidy.Notes = notes
	display.Notes = append([]string{"per_1k: hits per 1,000 words (word and number tokens after cleaning, stop words included); the intervals, negated hits and words are in --format csv or json."}, notes[1:]...)
	return Section{Display: display, Tidy: tidy}
}

// PassagesSection lists the passages behind one key.
func PassagesSection(key string, ps []lexmatch.Passage, max int) Section {
	t := &Table{Name: "passages", Title: fmt.Sprintf("Passages behind %q", key),
		Columns: []string{"group", "doc", "sentence", "passage"}, Cut: map[string]Cut{"doc": CutNever, "passage": CutWrap}}
	for _, p := range ps {
		t.Rows = append(t.Rows, []Value{Str(p.Group), Str(p.DocID), Int(int64(p.Sentence)), Str(p.Text)})
	}
	t.Notes = []string{fmt.Sprintf("Matches in [brackets]; at most %d per group, the first in input order.", max)}
	if len(ps) == 0 {
		t.Notes = append(t.Notes, "No passage.")
	}
	return Section{Display: t}
}

// orDefault is n, or def when n is not positive.
func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// lexiconAbout names a lexicon with the header fields it has.
func lexiconAbout(lx *lexicons.Lexicon) string {
	s := "Lexicon " + lx.Name
	if lx.Version != "" {
		s += ", version " + lx.Version
	}
	if lx.Source != "" {
		s += " (" + lx.Source + ")"
	}
	return s
}
