package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"parallax/analysis/resample"
	"parallax/analysis/tonestats"
)

// toneNotes explain the instruments, shown under every tone table.
func toneNotes(instruments []string) []string {
	notes := []string{
		"Tone is scored per sentence; an article's tone is the mean of its sentences, and a group's mean the mean over all its sentences (longer articles weigh more). " +
			"vader: VADER compound in [-1, 1], scored per sentence as the reference implementation does (it saturates on long texts, hence sentences). " +
			"nb_pos: naive Bayes P(positive) in [0, 1]; the model was trained on 25,000 IMDB movie reviews, so on news it measures tone only roughly.",
	}
	if lex := slices.DeleteFunc(slices.Clone(instruments[min(2, len(instruments)):]), func(s string) bool { return s == tonestats.InstrumentVADERAll }); len(lex) > 0 {
		notes = append(notes, fmt.Sprintf("User valence lexicons (%s): per sentence, the sum of the scores matched (sign flipped when a negator stands within three tokens before) divided by the sentence's words.",
			strings.Join(lex, ", ")))
	}
	return notes
}

// ToneSection is the group-level tone table: per group and instrument the
// mean sentence score with its 95% bootstrap interval. Tidy columns:
// group, instrument, mean, ci_low, ci_high, n (sentences), unit (what was
// resampled), articles, small. The display shows one row per group.
func ToneSection(s *tonestats.Summary) Section {
	tidy := &Table{
		Name:    "tone",
		Title:   "Tone by group",
		Columns: []string{"group", "instrument", "mean", "ci_low", "ci_high", "n", "unit", "articles", "small"},
	}
	display := &Table{Name: "tone", Title: "Tone by group (mean sentence score, 95% interval)",
		Columns: []string{"group", "articles", "sentences", "unit"}, Cut: map[string]Cut{"group": CutNever}}
	for _, in := range s.Instruments {
		if in != tonestats.InstrumentVADERAll { // shown apart: ToneUnscoredSection
			display.Columns = append(display.Columns, in, in+"_ci")
		}
	}
	display.Columns = append(display.Columns, "flag")
	anySmall := false
	for g, name := range s.Groups {
		first := s.Intervals[0][g]
		row := []Value{Str(name), Int(int64(first.Articles)), Int(int64(first.N)), Str(first.Unit)}
		for k, in := range s.Instruments {
			iv := s.Intervals[k][g]
			tidy.Rows = append(tidy.Rows, []Value{
				Str(name), Str(in), Float(iv.Mean, 4), Float(iv.Low, 4), Float(iv.High, 4),
				Int(int64(iv.N)), Str(iv.Unit), Int(int64(iv.Articles)), Str(flagSmall(iv.Small)),
			})
			if in != tonestats.InstrumentVADERAll {
				neutral := 0.0
				if in == "nb_pos" {
					neutral = 0.5
				}
				ci := ciText(iv)
				if wide(iv.Mean, iv.Low, iv.High, neutral) {
					ci += WideMark
				}
				row = append(row, Float(iv.Mean, 3), Str(ci))
			}
		}
		anySmall = anySmall || first.Small
		display.Rows = append(display.Rows, append(row, Str(flagSmall(first.Small))))
	}
	boot := resample.BootstrapNote(s.Stats.Resamples, notePerms(s.Stats), s.Stats.Seed) + "."
	unit := "unit: what the bootstrap resampled (article, or sentence for a group with fewer than 5 articles)."
	display.Notes = append(toneNotes(s.Instruments),
		"articles, sentences: what each group's mean rests on; "+strings.Join(shownInstruments(s.Instruments), "_ci, ")+"_ci: the 95% interval of the mean before it, ~ after it when the interval is wider than the mean's distance from the neutral point (0; 0.5 for nb_pos).",
		boot, unit)
	tidy.Notes = append([]string{"instrument: " + strings.Join(s.Instruments, ", ") + " (defined below); mean: the group's mean sentence score; ci_low, ci_high: its 95% interval; n: sentences scored; articles: the group's articles."},
		append(toneNotes(s.Instruments), boot, unit)...)
	if anySmall {
		display.Notes = append(display.Notes, fmt.Sprintf("flag small: fewer than %d articles; sentences were resampled, which ignores their dependence within an article, so the interval is too narrow.", resample.MinClusterUnits))
		tidy.Notes = append(tidy.Notes, fmt.Sprintf("small: true with fewer than %d articles; sentences were resampled, which ignores their dependence within an article, so the interval is too narrow.", resample.MinClusterUnits))
	}
	if n := UnscoredNote(s.Unscored, true); n != "" {
		display.Notes = append(display.Notes, UnscoredNote(s.Unscored, false))
		tidy.Notes = append(tidy.Notes, n)
	}
	if len(s.Unscored) > 0 {
		display.Notes = append(display.Notes, "vader_all is in the CSV and JSON tone table and, where it differs, in the table that follows.")
	}
	return Section{Display: display, Tidy: tidy}
}

func flagSmall(small bool) string {
	if small {
		return "small"
	}
	return ""
}

// ciText formats an interval for the display: "[-0.120, 0.034]".
func ciText(iv resample.Interval) string {
	if math.IsNaN(iv.Low) || math.IsNaN(iv.High) {
		return "n/a"
	}
	return fmt.Sprintf("[%.3f, %.3f]", iv.Low, iv.High)
}

// TonePairsSection lists the permutation test of every pair of groups for
// every instrument: group_a, group_b, instrument, diff (mean a − mean b), p,
// q (Benjamini–Hochberg over the pairs of that instrument), unit, small.
func TonePairsSection(s *tonestats.Summary) Section {
	t := &Table{
		Name:    "tone_pairs",
		Title:   "Tone differences between groups",
		Columns: []string{"group_a", "group_b", "instrument", "diff", "p", "q", "unit", "small"},
		Cut:     map[string]Cut{"group_a": CutNever, "group_b": CutNever},
	}
	for k, in := range s.Instruments {
		for _, pt := range s.Pairs[k] {
			t.Rows = append(t.Rows, []Value{
				Str(pt.A), Str(pt.B), Str(in), Float(pt.Diff, 4), Prob(pt.P), Prob(pt.Q), Str(pt.Unit), Str(flagSmall(pt.Small)),
			})
		}
	}
	t.Notes = append(toneNotes(s.Instruments),
		resample.BootstrapNote(s.Stats.Resamples, s.Stats.Permutations, s.Stats.Seed)+"; q is adjusted over the pairs of one instrument.",
		"diff: mean of group_a − mean of group_b; p: permutation p-value of that difference; q: p adjusted for the number of pairs (Benjamini–Hochberg); unit: what was permuted (article, or sentence when either group has fewer than 5 articles); small: true when either group has fewer than 5 articles.")
	if s.Released {
		t.Notes = append(t.Notes, "The corpus has more sentences than parallax keeps single scores for: a test between a small group (resampled by sentence) and a large one is not available (n/a).")
	}
	return Section{Display: t}
}

// AgreementSection is the instrument-agreement table: for each pair of
// instruments, the Spearman rank correlation of their group means.
func AgreementSection(s *tonestats.Summary) Section {
	t := &Table{
		Name:    "tone_agreement",
		Title:   "Agreement of tone instruments (rank correlation of group means)",
		Columns: []string{"instrument_a", "instrument_b", "spearman", "groups"},
	}
	for _, a := range s.Agreement {
		t.Rows = append(t.Rows, []Value{Str(a.A), Str(a.B), Float(a.Spearman, 3), Int(int64(a.Groups))})
	}
	t.Notes = []string{
		"groups: the groups compared. spearman: Pearson correlation of the ranks of the groups' mean sentence scores (ties get their mean rank); n/a with fewer than 3 groups or when an instrument gives every group the same mean. " +
			"1 means the instruments order the outlets alike; it says nothing about whether either measures tone well.",
		"nb_pos comes from a model trained on movie reviews; on news it measures tone only roughly.",
	}
	return Section{Display: t}
}

// SentenceToneSection lists every sentence with its scores: group, doc,
// sentence (1-based), text (as the instruments read it), vader, nb_pos,
// nb_class, then one column per user lexicon. Rows come in input order of
// the documents, then sentence order, streamed through RowSeq. It has rows
// only when the collector ran with tonestats.Options.Sentences.
func SentenceToneSection(c *tonestats.Collector) Section {
	instruments := c.Instruments()
	t := &Table{
		Name:    "tone_sentences",
		Title:   "Tone by sentence",
		Columns: append([]string{"group", "doc", "sentence", "text", "vader", "nb_pos", "nb_class"}, instruments[2:]...),
		Cut:     map[string]Cut{"doc": CutNever},
		Notes:   append(toneNotes(instruments), nbClassNote),
	}
	sentences := c.Sentences()
	t.RowSeq = func(yield func([]Value) bool) {
		row := make([]Value, len(t.Columns))
		for s := range sentences {
			v := s.Scores
			row = append(row[:0], Str(s.Group), Str(s.Doc), Int(int64(s.Sentence)), Str(s.Text),
				Float(v[0], 4), Float(v[1], 4), Str(nbClass(s.Positive)))
			for _, x := range v[2:] {
				row = append(row, Float(x, 4))
			}
			if !yield(row) {
				return
			}
		}
	}
	return Section{Display: t}
}

// DocumentToneSection lists every document: group, doc, sentence (the
// number of sentences averaged), text (the title, or the first 80
// characters), vader (mean of the sentences), nb_pos and nb_class (naive
// Bayes on the whole cleaned text, as the original package classifies it),
// then the mean sentence score of each user lexicon. Without
// tonestats.Options.Documents (or Sentences) the group and doc columns are empty,
// and without Documents nb_pos and nb_class are n/a.
func DocumentToneSection(c *tonestats.Collector) Section {
	instruments := c.Instruments()
	t := &Table{
		Name:    "tone_documents",
		Title:   "Tone by document",
		Columns: append([]string{"group", "doc", "sentence", "text", "vader", "nb_pos", "nb_class"}, instruments[2:]...),
		Cut:     map[string]Cut{"doc": CutNever},
		Notes: append(toneNotes(instruments), nbClassNote,
			"Per document: sentence is the number of sentences averaged; vader and the lexicons are means of sentence scores; nb_pos and nb_class classify the whole cleaned text at once, as the original naive Bayes package would (it deletes line breaks and punctuation)."),
	}
	docs := c.Documents()
	t.RowSeq = func(yield func([]Value) bool) {
		row := make([]Value, len(t.Columns))
		for d := range docs {
			n := float64(d.Sentences)
			row = append(row[:0], Str(d.Group), Str(d.Doc), Int(int64(d.Sentences)), Str(d.Label), Float(d.Sums[0]/n, 4))
			if d.Classified {
				row = append(row, Float(d.Whole.PPositive, 4), Str(nbClass(d.Whole.Positive)))
			} else { // the whole texts were not classified
				row = append(row, NA(), NA())
			}
			for _, sum := range d.Sums[2:] {
				row = append(row, Float(sum/n, 4))
			}
			if !yield(row) {
				return
			}
		}
	}
	return Section{Display: t}
}

// nbClassNote explains the nb_class column.
const nbClassNote = "nb_class: the naive Bayes model's class, positive when nb_pos is above 0.5."

func nbClass(positive bool) string {
	if positive {
		return "positive"
	}
	return "negative"
}

// notePerms is the permutation count to mention under the tone table: -1
// (none) when the pairwise tests were skipped.
func notePerms(st tonestats.StatsOptions) int {
	if st.NoPairs {
		return -1
	}
	return st.Permutations
}

// shownInstruments are the instruments of the display table: all but
// vader_all, which ToneUnscoredSection shows apart.
func shownInstruments(ins []string) []string {
	return slices.DeleteFunc(slices.Clone(ins), func(s string) bool { return s == tonestats.InstrumentVADERAll })
}
