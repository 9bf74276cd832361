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
		Columns: []string{"group", "doc", "kind", "speaker", "text", "sentence", "words", "verb", "stance", "cue", "reason", "mention"}}
	t.RowSeq = func(yield func([]Value) bool) {
		row := make([]Value, len(t.Columns))
		for r := range rows {
			row = append(row[:0], Str(r.Group), Str(r.Doc), Str(r.Kind.String()), Str(r.Speaker), Str(r.Text),
				Int(int64(r.Sentence+1)), Int(int64(r.Words)), Str(r.Verb), Str(r.Stance), Str(r.Cue), Str(r.Reason), Str(r.Mention))
			if !yield(row) {
				return
			}
		}
	}
	t.Notes = quoteNotes()
	disp := &Table{Name: t.Name, Title: t.Title, Columns: []string{"group", "kind", "speaker", "verb", "text"}, Notes: quoteNotes()[:2],
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
		"speaker: resolved to the nearest full name in the document (Blinken -> Antony Blinken; he/she, the president -> the last subject of speech); empty when the text does not say. verb: the reporting verb (said, claimed…).",
		"cue: where the attribution was found (after, before, according-to, previous-sentence, continuation, paragraph, colon, unclosed); reason: how the speaker was identified (name, surname, pronoun, role, role-name, continuation); mention: the words that name the speaker in the text. Rules: docs/quotes.md.",
		"sentence: 1-based, in the cleaned document; words: word tokens quoted (for indirect speech, of the sentence); stance: the reporting verb's category in the attribution lexicon (neutral, distancing, endorsing; other when not listed).",
	}
}

// AttributionSection shows each group's use of quotation.
func AttributionSection(rows []framing.AttributionRow) Section {
	t := &Table{Name: "attribution", Title: "Attribution: quotes, sources and reporting verbs",
		Columns: []string{"group", "docs", "direct", "attributed", "indirect", "scare", "quoted_share", "quoted_words", "neutral", "distancing", "endorsing", "other_verb", "distancing_share", "sources", "top_sources"}}
	// The display shows each share with its count, "0.122 (57)"; the tidy
	// table gives the count its own column (quoted_words; distancing).
	// distancing is shown once, in distancing_share's brackets, and docs
	// is left to the corpus table (the flag says when a group is small), so
	// that the table keeps its width.
	disp := &Table{Name: t.Name, Title: t.Title,
		Columns: []string{"group", "direct", "attributed", "indirect", "scare", "quoted_share", "neutral", "endorsing", "other_verb", "distancing_share", "sources", "top_sources"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []Value{Str(r.Group), Int(int64(r.Docs)), Int(int64(r.Direct)), Int(int64(r.Attributed)),
			Int(int64(r.Indirect)), Int(int64(r.Scare)), Float(r.QuotedShare, 3), Int(r.QuotedWords), Int(int64(r.Neutral)), Int(int64(r.Distancing)),
			Int(int64(r.Endorsing)), Int(int64(r.OtherVerb)), Float(r.DistancingShare, 3), Int(int64(r.Sources)), Str(strings.Join(r.TopSources, "; "))})
		disp.Rows = append(disp.Rows, []Value{Str(r.Group), Int(int64(r.Direct)), Int(int64(r.Attributed)),
			Int(int64(r.Indirect)), Int(int64(r.Scare)), withCount(Float(r.QuotedShare, 3), r.QuotedWords), Int(int64(r.Neutral)),
			Int(int64(r.Endorsing)), Int(int64(r.OtherVerb)), withCount(Float(r.DistancingShare, 3), int64(r.Distancing)), Int(int64(r.Sources)), Str(strings.Join(r.TopSources, "; "))})
	}
	direct := "direct: quotations given as speech; attributed: of them, those with a speaker; indirect: sentences reporting speech without quotation marks; scare: 1-5 quoted words with no speaker."
	sources := "sources: distinct speakers of direct and indirect quotes; top_sources: the five most quoted, with counts."
	t.Notes = []string{direct,
		"quoted_share = quoted_words / all word tokens of the group's cleaned text; quoted_words: word tokens inside direct and scare quotes. neutral, distancing, endorsing, other_verb: attributed direct quotes and indirect speech by the stance of the reporting verb (attribution lexicon; continuations of a quote count once); distancing_share = distancing / all four.",
		sources}
	disp.Notes = []string{direct,
		"quoted_share = word tokens inside direct and scare quotes / all word tokens of the group's cleaned text, with those quoted tokens in brackets. neutral, endorsing, other_verb: attributed direct quotes and indirect speech by the stance of the reporting verb (attribution lexicon; continuations of a quote count once); distancing_share = the quotes and speech reported with a distancing verb / all of them, with their count in brackets.",
		sources}
	return Section{Display: disp, Tidy: t}
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
	notes := []string{"A scare quote is 1-5 quoted words that no speaker is given for, or that follow so-called (docs/framing.md). phrase: lower-cased, outer punctuation trimmed; labels: labels of the labels lexicon inside it, counted apart from the outlet's own use (voice scare in the labels table); count: times quoted; example_doc: a document holding it."}
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
	ci := func(iv resample.Interval) string {
		if wide(iv.Mean, iv.Low, iv.High, 0) {
			return ciText(iv) + WideMark
		}
		return ciText(iv)
	}
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
			Float(r.Tone.Mean, 3), Str(ci(r.Tone)), Str(short(slices.Clone(r.Labels))), Str(strings.Join(r.Frames, "; ")), Int(int64(r.Quotes))})
	}
	src := "actors from the actors lexicon (any alias counts)"
	if discovered {
		src = "actors discovered from proper names (no actors lexicon): the names found in the most groups, then the most documents; persons under their full name (docs/framing.md)"
	}
	mentions := src + ". mentions: sentences mentioning the actor; per_1k: mentions per 1,000 words (word tokens of the group's cleaned text)."
	boot := resample.BootstrapNote(resamples, -1, seed)
	cooc := "labels, frames: the two most frequent labels and frame categories in the same sentences, with counts. quotes_by_side: direct and indirect quotes whose speaker or speaker's description names the actor (an alias, or the discovered name)"
	t.Notes = []string{mentions,
		"tone: mean VADER compound of the sentences mentioning the actor; tone_low, tone_high: its 95% bootstrap interval (" + boot + "); n/a with fewer than 2 sentences. small: true when the group has fewer than " + fmt.Sprint(resample.MinClusterUnits) + " articles, so sentences were resampled.",
		cooc + "; quote_share: quotes_by_side / the group's attributed quotes.",
	}
	disp.Notes = []string{mentions,
		"tone: mean VADER compound (−1 to 1) of the sentences mentioning the actor, with its 95% interval (" + boot + "); n/a with fewer than 2 sentences; ~ after the interval when it is wider than the tone's distance from 0.",
		cooc + ".",
		"The table leaves out actors a group never mentions; CSV and JSON have every actor and group, and the share of quotes."}
	return Section{Display: disp, Tidy: t}
}

// LabelsSection shows, per referent and group, which labels the group uses
// and how often; the tidy form has one row per referent, label and group.
func LabelsSection(lx *lexicons.Lexicon, rows []framing.LabelRow) Section {
	tidy := &Table{Name: "labels", Title: "Labels per referent (" + lx.Name + ")",
		Columns: []string{"referent", "label", "group", "own", "scare", "quoted", "total", "share", "docs"}}
	ctx := len(lx.Context) > 0
	if ctx {
		tidy.Columns = append(tidy.Columns, "unresolved")
	}
	var unresolved int64
	for _, r := range rows {
		tidy.Rows = append(tidy.Rows, []Value{Str(r.Referent), Str(r.Label), Str(r.Group), Int(r.Own), Int(r.Scare),
			Int(r.Quoted), Int(r.Total), Float(r.Share, 3), Int(int64(r.Docs))})
		if ctx {
			tidy.Rows[len(tidy.Rows)-1] = append(tidy.Rows[len(tidy.Rows)-1], Int(r.Unresolved))
			unresolved += r.Unresolved
		}
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
	disp.Notes = []string{
		"hits: occurrences of any label of the referent in the group's cleaned text. After each label used: its count, its share of the referent's hits in the group, and how many of its uses are inside scare quotes (1-5 quoted words with no speaker) or inside quotations; the rest are in the outlet's own words.",
	}
	tidy.Notes = []string{
		"own: uses in the outlet's own words; scare: inside a scare quote (1-5 quoted words not attributed to a speaker); quoted: inside a direct quotation; total: all three; share: total / all uses of the referent's labels in the group (n/a when the group uses none); docs: the group's documents using the label.",
	}
	where := "A label counts wherever its pattern occurs, whatever the sentence is about (see the lexicon's notes)."
	if ctx {
		where = LabelContextNote(lx, unresolved)
		tidy.Notes[0] += " unresolved: the referent's label hits in the group whose sentence is not about it (see below); they are not in the other counts."
	}
	disp.Notes = append(disp.Notes, where, lexiconAbout(lx))
	tidy.Notes = append(tidy.Notes, where, lexiconAbout(lx))
	return Section{Display: disp, Tidy: tidy}
}

// LabelPassagesSection lists label occurrences with their sentences.
func LabelPassagesSection(ps []framing.LabelPassage, max int) Section {
	t := &Table{Name: "label-passages", Title: "Labels in context",
		Columns: []string{"referent", "label", "group", "doc", "sentence", "voice", "text"},
		Cut:     map[string]Cut{"text": CutWrap},
		Notes: []string{fmt.Sprintf("At most %d passages per referent, label, group and voice, in input order; sentence is 1-based in the cleaned document; the label's words are in [brackets].", max),
			"voice: own (the outlet's words), quoted (inside a direct quotation) or scare (inside a scare quote)."}}
	for _, p := range ps {
		t.Rows = append(t.Rows, []Value{Str(p.Hit.Referent), Str(p.Hit.Label), Str(p.Group), Str(p.Doc),
			Int(int64(p.Hit.Sentence + 1)), Str(p.Hit.Voice), Str(p.Hit.Text)})
	}
	return Section{Display: t}
}
