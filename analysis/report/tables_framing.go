package report

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"parallax/analysis/framing"
	"parallax/analysis/resample"
	"parallax/lexicons"
)

// QuotesSection lists quotations: group, doc, kind, speaker, text, then
// where and how the speaker was found. The rows are streamed (RowSeq):
// rows is read once per table written, and CSV and JSON never hold them
// all.
func QuotesSection(rows iter.Seq[framing.QuoteRow]) Section {
	t := &Table{Name: "quotes", Title: "Quotations",
		Columns: []string{"group", "doc", "kind", "speaker", "text", "sentence", "words", "verb", "stance", "cue", "mention"}}
	t.RowSeq = func(yield func([]Value) bool) {
		row := make([]Value, len(t.Columns))
		for r := range rows {
			row = append(row[:0], Str(r.Group), Str(r.Doc), Str(r.Kind.String()), Str(r.Speaker), Str(r.Text),
				Int(int64(r.Sentence+1)), Int(int64(r.Words)), Str(r.Verb), Str(r.Stance), Str(r.Cue), Str(r.Mention))
			if !yield(row) {
				return
			}
		}
	}
	t.Notes = quoteNotes()
	disp := &Table{Name: t.Name, Title: t.Title, Columns: []string{"group", "kind", "speaker", "verb", "text"}, Notes: t.Notes,
		Cut: map[string]Cut{"text": CutWrap}}
	disp.RowSeq = func(yield func([]Value) bool) {
		row := make([]Value, len(disp.Columns))
		for r := range rows {
			row = append(row[:0], Str(r.Group), Str(r.Kind.String()), Str(r.Speaker), Str(r.Verb), Str(r.Text))
			if !yield(row) {
				return
			}
		}
	}
	return Section{Display: disp, Tidy: t}
}

func quoteNotes() []string {
	return []string{
		"kind: direct (words in quotation marks given as speech), indirect (a sentence reporting speech without quotation marks), scare (1-5 quoted words with no speaker, or after so-called: the writer's distance from the words).",
		"speaker: resolved to the nearest full name in the document (Blinken -> Antony Blinken; he/she -> the previous speaker); empty when the text does not say. cue: how it was found (after, before, according-to, previous-sentence, continuation, unclosed). Rules: docs/framing.md.",
		"sentence: 1-based, in the cleaned document; words: word tokens quoted (for indirect speech, of the sentence); stance: the reporting verb's category in the attribution lexicon (neutral, distancing, endorsing; other when not listed).",
	}
}

// AttributionSection shows each group's use of quotation.
func AttributionSection(rows []framing.AttributionRow) Section {
	t := &Table{Name: "attribution", Title: "Attribution: quotes, sources and reporting verbs",
		Columns: []string{"group", "docs", "direct", "attributed", "indirect", "scare", "quoted_share", "neutral", "distancing", "endorsing", "other_verb", "distancing_share", "sources", "top_sources"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []Value{Str(r.Group), Int(int64(r.Docs)), Int(int64(r.Direct)), Int(int64(r.Attributed)),
			Int(int64(r.Indirect)), Int(int64(r.Scare)), Float(r.QuotedShare, 3), Int(int64(r.Neutral)), Int(int64(r.Distancing)),
			Int(int64(r.Endorsing)), Int(int64(r.OtherVerb)), Float(r.DistancingShare, 3), Int(int64(r.Sources)), Str(strings.Join(r.TopSources, "; "))})
	}
	t.Notes = []string{
		"direct: quotations given as speech, attributed: of which with a speaker; indirect: sentences reporting speech without quotation marks; scare: 1-5 quoted words with no speaker.",
		"quoted_share: word tokens inside direct and scare quotes / all word tokens of the group's cleaned text. neutral, distancing, endorsing, other_verb: attributed direct quotes and indirect speech by the stance of the reporting verb (attribution lexicon; continuations of a quote count once); distancing_share: distancing / all four.",
		"sources: distinct speakers of direct and indirect quotes; top_sources: the five most quoted, with counts.",
	}
	return Section{Display: t}
}

// SourcesSection lists who is quoted, per group; the display keeps the top
// entries of each group.
func SourcesSection(rows []framing.SourceRow, top int) Section {
	tidy := &Table{Name: "sources", Title: "Sources quoted per group", Columns: []string{"group", "speaker", "direct", "indirect", "docs"}}
	disp := &Table{Name: "sources", Title: tidy.Title, Columns: tidy.Columns}
	row := func(i int) []Value {
		r := &rows[i]
		return []Value{Str(r.Group), Str(r.Speaker), Int(int64(r.Direct)), Int(int64(r.Indirect)), Int(int64(r.Docs))}
	}
	tidy.RowSeq = rowsOf(len(rows), row)
	disp.RowSeq = topPerGroup(len(rows), top, func(i int) string { return rows[i].Group }, row)
	notes := []string{"direct: quotations attributed to the speaker; indirect: sentences reporting the speaker's words; docs: documents quoting the speaker. Speakers are resolved within each document, then merged across the corpus: titles and clause openers dropped (Mr. Obama → Obama), spellings of one full name joined (Donald J. Trump → Donald Trump), a surname joined to the only full name ending in it (Obama → Barack Obama; docs/framing.md)."}
	if top > 0 {
		notes = append(notes, fmt.Sprintf("The table shows the %d most quoted speakers of each group; CSV and JSON have all.", top))
	}
	disp.Notes, tidy.Notes = notes, notes[:1]
	return Section{Display: disp, Tidy: tidy}
}

// topPerGroup streams the rows of the first top items of each group (all
// of them when top ≤ 0), in order.
func topPerGroup(n, top int, group func(i int) string, row func(i int) []Value) iter.Seq[[]Value] {
	return func(yield func([]Value) bool) {
		shown := map[string]int{}
		for i := range n {
			g := group(i)
			if top > 0 && shown[g] >= top {
				continue
			}
			shown[g]++
			if !yield(row(i)) {
				return
			}
		}
	}
}

// ScareSection lists scare quotes per group.
func ScareSection(rows []framing.ScareRow, top int) Section {
	tidy := &Table{Name: "scare-quotes", Title: "Scare quotes", Columns: []string{"group", "phrase", "count", "docs", "labels", "example_doc"}}
	disp := &Table{Name: "scare-quotes", Title: tidy.Title, Columns: tidy.Columns}
	row := func(i int) []Value {
		r := &rows[i]
		return []Value{Str(r.Group), Str(r.Phrase), Int(int64(r.Count)), Int(int64(r.Docs)), Str(r.Labels), Str(r.Example)}
	}
	tidy.RowSeq = rowsOf(len(rows), row)
	disp.RowSeq = topPerGroup(len(rows), top, func(i int) string { return rows[i].Group }, row)
	notes := []string{"A scare quote is 1-5 quoted words that no speaker is given for, or that follow so-called (docs/framing.md). phrase: lower-cased, outer punctuation trimmed; labels: labels of the labels lexicon inside it, counted apart from the outlet's own use (voice scare in the labels table)."}
	if top > 0 {
		notes = append(notes, fmt.Sprintf("The table shows the %d most frequent phrases of each group; CSV and JSON have all.", top))
	}
	disp.Notes, tidy.Notes = notes, notes[:1]
	return Section{Display: disp, Tidy: tidy}
}

// ActorsSection shows actors per group.
func ActorsSection(rows []framing.ActorRow, discovered bool, resamples int, seed uint64) Section {
	t := &Table{Name: "actors", Title: "Actors",
		Columns: []string{"actor", "group", "mentions", "docs", "per_1k", "tone", "tone_low", "tone_high", "small", "labels", "frames", "quotes_by_side", "quote_share"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []Value{Str(r.Actor), Str(r.Group), Int(int64(r.Mentions)), Int(int64(r.Docs)), Float(r.Per1k, 2),
			Float(r.Tone.Mean, 3), Float(r.Tone.Low, 3), Float(r.Tone.High, 3), Str(flagSmall(r.Tone.Small && r.Tone.N > 0)),
			Str(strings.Join(r.Labels, "; ")), Str(strings.Join(r.Frames, "; ")), Int(int64(r.Quotes)), Float(r.QuoteShare, 3)})
	}
	disp := &Table{Name: t.Name, Title: t.Title, Columns: []string{"actor", "group", "mentions", "per_1k", "tone", "95% interval", "labels", "frames", "quotes_by_side"}}
	short := func(xs []string) string {
		for i, x := range xs {
			if j := strings.LastIndex(x, " / "); j >= 0 {
				xs[i] = x[j+3:]
			}
		}
		return strings.Join(xs, "; ")
	}
	for _, r := range rows {
		if r.Mentions == 0 && r.Quotes == 0 {
			continue
		}
		disp.Rows = append(disp.Rows, []Value{Str(r.Actor), Str(r.Group), Int(int64(r.Mentions)), Float(r.Per1k, 2),
			Float(r.Tone.Mean, 3), Str(ciText(r.Tone)), Str(short(slices.Clone(r.Labels))), Str(strings.Join(r.Frames, "; ")), Int(int64(r.Quotes))})
	}
	src := "actors from the actors lexicon (any alias counts)"
	if discovered {
		src = "actors discovered from proper names (no actors lexicon): the names found in the most groups, then the most documents; persons under their full name (docs/framing.md)"
	}
	t.Notes = []string{
		src + ". mentions: sentences mentioning the actor; per_1k: mentions per 1,000 word tokens of the group's cleaned text.",
		"tone: mean VADER compound of the sentences mentioning the actor, with a 95% bootstrap interval (tone_low, tone_high; " + resample.BootstrapNote(resamples, -1, seed) + "); n/a with fewer than 2 sentences; small: fewer than " + fmt.Sprint(resample.MinClusterUnits) + " articles, so sentences were resampled.",
		"labels, frames: the two most frequent labels and frame categories in the same sentences, with counts. quotes_by_side: direct and indirect quotes whose speaker or speaker's description names the actor (an alias, or the discovered name); quote_share: of the group's attributed quotes.",
	}
	disp.Notes = append(slices.Clone(t.Notes), "The table leaves out actors a group never mentions; CSV and JSON have every actor and group.")
	return Section{Display: disp, Tidy: t}
}

// LabelsSection shows, per referent and group, which labels the group uses
// and how often; the tidy form has one row per referent, label and group.
func LabelsSection(lx *lexicons.Lexicon, rows []framing.LabelRow) Section {
	tidy := &Table{Name: "labels", Title: "Labels per referent (" + lx.Name + ")",
		Columns: []string{"referent", "label", "group", "own", "scare", "quoted", "total", "share", "docs"}}
	for _, r := range rows {
		tidy.Rows = append(tidy.Rows, []Value{Str(r.Referent), Str(r.Label), Str(r.Group), Int(r.Own), Int(r.Scare),
			Int(r.Quoted), Int(r.Total), Float(r.Share, 3), Int(int64(r.Docs))})
	}
	disp := &Table{Name: "labels", Title: tidy.Title, Columns: []string{"referent", "group", "hits", "labels used (share; scare = in scare quotes, quoted = inside quotations)"}}
	type cell struct {
		hits  int64
		parts []string
	}
	var order [][2]string
	cells := map[[2]string]*cell{}
	for _, r := range rows {
		k := [2]string{r.Referent, r.Group}
		cl := cells[k]
		if cl == nil {
			cl = &cell{}
			cells[k] = cl
			order = append(order, k)
		}
		if r.Total == 0 {
			continue
		}
		cl.hits += r.Total
		s := fmt.Sprintf("%s %d (%.0f%%", r.Label, r.Total, 100*r.Share)
		if r.Scare > 0 {
			s += fmt.Sprintf("; %d scare", r.Scare)
		}
		if r.Quoted > 0 {
			s += fmt.Sprintf("; %d quoted", r.Quoted)
		}
		cl.parts = append(cl.parts, s+")")
	}
	for _, k := range order {
		cl := cells[k]
		used := strings.Join(cl.parts, ", ")
		if cl.hits == 0 {
			used = "none of the labels"
		}
		disp.Rows = append(disp.Rows, []Value{Str(k[0]), Str(k[1]), Int(cl.hits), Str(used)})
	}
	notes := []string{
		"hits: occurrences of any label of the referent in the group's cleaned text; share: a label's occurrences / the referent's hits in the group (n/a when the group uses none).",
		"own: in the outlet's own words; scare: inside a scare quote (1-5 quoted words not attributed to a speaker); quoted: inside a direct quotation. A label counts wherever its pattern occurs, whatever the sentence is about (see the lexicon's notes).",
		lexiconAbout(lx),
	}
	disp.Notes, tidy.Notes = notes, notes
	return Section{Display: disp, Tidy: tidy}
}

// LabelPassagesSection lists label occurrences with their sentences.
func LabelPassagesSection(ps []framing.LabelPassage, max int) Section {
	t := &Table{Name: "label-passages", Title: "Labels in context",
		Columns: []string{"referent", "label", "group", "doc", "sentence", "voice", "text"},
		Cut:     map[string]Cut{"text": CutWrap},
		Notes:   []string{fmt.Sprintf("At most %d passages per referent, label, group and voice, in input order; sentence is 1-based in the cleaned document; the label's words are in [brackets].", max)}}
	for _, p := range ps {
		t.Rows = append(t.Rows, []Value{Str(p.Hit.Referent), Str(p.Hit.Label), Str(p.Group), Str(p.Doc),
			Int(int64(p.Hit.Sentence + 1)), Str(p.Hit.Voice), Str(p.Hit.Text)})
	}
	return Section{Display: t}
}
