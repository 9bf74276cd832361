package report

import (
	"math"
	"slices"
	"strconv"
)

// WideMark follows, in the terminal, Markdown, LaTeX and HTML tables, a
// figure whose 95% interval is wider than the figure itself (its distance
// from the neutral point): the data cannot tell its size, or its sign,
// apart from chance. wideNote explains it under the table.
const (
	WideMark = "~"
	wideNote = "~: the 95% interval is wider than the value itself (its distance from 0, or from 0.5 for nb_pos): too uncertain to read alone."
)

// suffix is v.Suffix made printable, after a space: "28.69 (7)~".
func suffix(v Value) string {
	if v.Suffix == "" {
		return ""
	}
	return " " + printable(v.Suffix)
}

// withCount is a rate cell showing its count after it: "28.69 (7)". CSV
// and JSON write the rate alone (the count has its own column there).
func withCount(v Value, n int64) Value {
	if v.Kind == KindFloat {
		v.Suffix += "(" + strconv.FormatInt(n, 10) + ")"
	}
	return v
}

// wide reports whether the interval [lo, hi] is wider than the value's
// distance from neutral; never for an undefined interval.
func wide(value, lo, hi, neutral float64) bool {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsNaN(value) {
		return false
	}
	return hi-lo > math.Abs(value-neutral)
}

// markWide adds WideMark to v when the interval is wide (see wide).
func markWide(v Value, value, lo, hi, neutral float64) Value {
	if wide(value, lo, hi, neutral) && v.Kind != KindNA {
		v.Suffix += WideMark
	}
	return v
}

// smallFlagTables are the display tables of per-group figures that
// FlagSmall gives a flag column (the corpus and tone tables have theirs).
var smallFlagTables = []string{"lexicon", "labels", "actors", "attribution", "sources", "scare-quotes", "terms",
	"events", "event_frames", "event-tone-labels", "tone-labels"}

// FlagSmall adds a "flag" column, "small" for a group of fewer than
// SmallGroup documents (docs: documents per group), to every display table
// of per-group figures that has a group column and no flag of its own, when
// at least one group is small; its note says what the flag means. Text,
// Markdown, LaTeX and HTML show it; the tidy tables of CSV and JSON are
// left as they are.
func FlagSmall(r *Report, docs map[string]int) {
	anySmall := false
	for _, n := range docs {
		anySmall = anySmall || n < SmallGroup
	}
	if !anySmall {
		return
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		t := s.Display
		if t == nil || !slices.Contains(smallFlagTables, t.Name) || slices.Contains(t.Columns, "flag") || slices.Contains(t.Columns, "small") {
			continue
		}
		g := slices.Index(t.Columns, "group")
		if g < 0 {
			continue
		}
		if s.Tidy == nil {
			// The table was both forms: CSV and JSON keep it unflagged.
			tidy := *t
			s.Tidy = &tidy
		}
		flagged := *t
		// After the group: a key column, so that a matrix (lexicon) still
		// splits into blocks of numbers on a narrow terminal.
		flagged.Columns = slices.Insert(slices.Clone(t.Columns), g+1, "flag")
		flagged.Notes = append(slices.Clone(t.Notes), smallNote)
		rows := t.AllRows()
		add := func(row []Value) []Value {
			return slices.Insert(slices.Clone(row), g+1, Str(smallFlag(docs[row[g].Str])))
		}
		flagged.Rows, flagged.RowSeq = nil, nil
		if t.Rows != nil {
			for _, row := range t.Rows {
				flagged.Rows = append(flagged.Rows, add(row))
			}
			if flagged.Rows == nil {
				flagged.Rows = [][]Value{}
			}
		} else {
			flagged.RowSeq = func(yield func([]Value) bool) {
				for row := range rows {
					if !yield(add(row)) {
						return
					}
				}
			}
		}
		s.Display = &flagged
	}
}

// smallNote says what the small flag means.
const smallNote = "flag small: the group has fewer than 5 documents, so its figures describe those articles, not the outlet."

// leads are the plain sentence each table's notes begin with: what to read
// from it and how far to trust it. The formulas follow, or are in docs/.
var leads = map[string]string{
	"corpus":         "What was read: how many documents, sentences and words each group has; every rate below divides by these, so a short text moves a lot with one word.",
	"documents":      "",
	"terms":          "The words each group uses more than the others, strongest first: they hint at what each text is about, not at its opinion.",
	"frequencies":    "The words each group uses most, whether or not others use them too.",
	"similarity":     "How alike the groups' vocabularies are, from 0 (no shared weighted words) to 1 (the same): a topic measure, not a measure of stance.",
	"neighbors":      "For each document, the documents whose vocabulary is closest to it.",
	"tone":           "How positive or negative each group's sentences sound to two crude instruments; an interval that contains the neutral point (0 for vader, 0.5 for nb_pos) says the tone cannot be told apart from neutral.",
	"tone_agreement": "Whether the tone instruments rank the groups in the same order: if they disagree, trust neither ranking.",
	"tone_pairs":     "Whether two groups' tone differs by more than chance would give; a q above 0.05 means no clear difference.",
	"tone_sentences": "The tone score of every sentence, to check the instruments against your own reading.",
	"tone_documents": "The tone score of every document, to check the instruments against your own reading.",
	"lexicon":        "How often each group uses the words of each category, per 1,000 words, with the number of hits in brackets: a rate built on a handful of hits can swing with one sentence.",
	"passages":       "The sentences behind a number: read them to see whether each hit means what the category says.",
	"lexicons":       "The word lists parallax ships with, and where they come from.",
	"labels":         "Which name each group uses for the same thing: a choice of words can carry a position, but check the passages, since a label counts wherever its words occur.",
	"label-passages": "The sentences where each label occurs, to check that the hit is about the referent.",
	"quotes":         "Every quotation found, with its speaker: whose words each text lets speak.",
	"attribution":    "How much each group quotes, how often it names the speaker, and which verbs it uses to report speech.",
	"sources":        "Who is quoted, per group: the voices each text relies on.",
	"scare-quotes":   "Words a text puts in quotation marks without a speaker, often to keep its distance from them.",
	"actors":         "How often each group mentions each actor, and the tone of those sentences: a tone from one or two sentences says little.",
	"events":         "Which events each group covers, and how much of its text it gives them: leaving an event out can be a choice, or just a matter of date.",
	"article_events": "Articles of different groups that cover the same story.",
	"passage_events": "Sentences of different groups that describe the same event.",
	"side_by_side":   "The same event in each group's words, side by side: compare who is the subject and which words describe it.",
	"kwic":           "Every sentence where the pattern occurs, with the words around it: read whose voice it is in before drawing a conclusion.",
	"removed":        "The lines cleaning removed (menus, footers, adverts) before any counting: check that no real text was lost.",
	"clean_summary":  "How many lines of each document cleaning kept.",
	"skipped":        "Records that could not be read, and why.",
}

// AddLeads puts each table's plain lead sentence (leads) before its notes,
// in the display and the tidy form, once.
func AddLeads(r *Report) {
	seen := map[*Table]bool{}
	for _, s := range r.Sections {
		for _, t := range []*Table{s.Display, s.Tidy} {
			if t == nil || seen[t] {
				continue
			}
			seen[t] = true
			lead := leads[t.Name]
			if lead == "" || len(t.Notes) > 0 && t.Notes[0] == lead {
				continue
			}
			t.Notes = append([]string{lead}, t.Notes...)
		}
	}
}
