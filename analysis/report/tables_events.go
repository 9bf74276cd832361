package report

import (
	"fmt"
	"slices"
	"strings"

	"parallax/analysis/events"
	"parallax/analysis/resample"
)

// keyCounts formats "security (12), diplomacy (7)".
func keyCounts(kc []events.KeyCount) string {
	parts := make([]string, len(kc))
	for i, k := range kc {
		parts[i] = fmt.Sprintf("%s (%d)", k.Key, k.N)
	}
	return strings.Join(parts, ", ")
}

// EventsSection is the per event × group table: coverage, share, tone with
// its interval, dominant frames, labels and quotes.
func EventsSection(r *events.Result) Section {
	tidy := &Table{Name: "events", Title: "Events by group",
		Columns: []string{"event", "level", "source", "name", "group", "docs", "sentences", "share", "tone", "tone_low", "tone_high",
			"tone_n", "unit", "frames", "labels", "quotes"},
		Cut: map[string]Cut{"event": CutNever}}
	// The display keeps the figures; the names, frames and labels are in
	// the table that follows (EventFramesSection), so that each fits a
	// 100-column terminal as a box (docs/events.md).
	display := &Table{Name: "events", Title: "Events by group: coverage and tone",
		Columns: []string{"event", "group", "docs", "share_pct", "tone", "tone_ci"},
		Cut:     map[string]Cut{"event": CutNever, "tone_ci": CutNever}}
	quotes := func(s *events.Summary) Value {
		if !s.QuotesCounted {
			return NA()
		}
		return Int(int64(s.Quotes))
	}
	counted := slices.ContainsFunc(r.Summaries, func(s events.Summary) bool { return s.QuotesCounted })
	if counted {
		display.Columns = append(display.Columns, "quotes")
	}
	tidy.RowSeq = rowsOf(len(r.Summaries), func(i int) []Value {
		s := &r.Summaries[i]
		return []Value{Str(s.Event), Str(s.Level), Str(s.Source), Str(s.Name), Str(s.Group),
			Int(int64(s.Docs)), Int(int64(s.Sentences)), Float(s.Share, 4), Float(s.Tone.Mean, 4), Float(s.Tone.Low, 4), Float(s.Tone.High, 4),
			Int(int64(s.Tone.N)), Str(s.Tone.Unit), Str(keyCounts(s.Frames)), Str(keyCounts(s.Labels)), quotes(s)}
	})
	display.RowSeq = rowsOf(len(r.Summaries), func(i int) []Value {
		s := &r.Summaries[i]
		row := []Value{Str(s.Event), Str(s.Group), Int(int64(s.Docs)),
			withCount(Float(100*s.Share, 2), int64(s.Sentences)), Float(s.Tone.Mean, 3), Str(eventCI(s.Tone))}
		if counted {
			row = append(row, quotes(s))
		}
		return row
	})
	what := "frames: the two categories of the frames lexicon with most hits in those sentences (hits); labels: the three labels with most hits (referent / label (hits)); quotes: quotations in those sentences, n/a when not counted."
	boot := fmt.Sprintf("%d resamples, seed %d, articles resampled when there are at least %d, else sentences; n/a below 2 sentences.", r.Options.Resamples, r.Options.Seed, resample.MinClusterUnits)
	display.Notes = []string{
		"docs: the group's documents with at least one of the event's sentences. share_pct = 100 × the event's sentences in the group (coverage; their count in brackets) / all sentences of the group's documents.",
		"tone: mean VADER compound (−1 to 1) of the event's sentences that contain a letter or digit; tone_ci: its 95% percentile bootstrap interval, " + boot + " ~ after it: the interval is wider than the tone's distance from 0.",
		"Events come from the events lexicon (sentences matching a cue or a date of the event), from stories (documents found to cover the same story) and from passages discovered inside stories; docs/events.md. Their names, frames and labels: the next table.",
	}
	if counted {
		display.Notes = append(display.Notes, "quotes: quotations in those sentences.")
	}
	notes := []string{
		"Events: lexicon events (passage level: sentences matching a cue or mentioning a date of the event), stories (article level: documents found to cover the same story; every sentence of those documents counts) and passage events discovered inside stories (sentences of different groups sharing rare features). docs/events.md.",
		"level: passage or article; source: lexicon, discovered or story. docs: the group's documents with at least one of the event's sentences; sentences: those sentences (coverage). share = sentences / all sentences of the group's documents (the terminal's share_pct is 100 × share).",
		"tone: mean VADER compound (−1 to 1) of the event's sentences that contain a letter or digit; tone_low, tone_high: 95% percentile bootstrap interval, " + boot + " tone_n: the sentences scored; unit: what was resampled.",
		what,
	}
	if r.NeedTexts {
		notes = append(notes, "The texts of the stories' documents were not kept (text budget): story tone, frames and labels are missing, and no passage event was discovered.")
		display.Notes = append(display.Notes, notes[len(notes)-1])
	}
	tidy.Notes = notes
	withEventToneAll(r, tidy, display)
	return Section{Display: display, Tidy: tidy}
}

// EventFramesSection is the display of each event × group's name, frames
// and labels (the columns the events display leaves to it): event, name
// (on the first row of each event), group, frames (with a frames lexicon),
// labels (with a labels lexicon). The tidy events table (EventsSection)
// has the same cells; CSV and JSON write this table too, with the name on
// every row.
func EventFramesSection(r *events.Result) Section {
	t := &Table{Name: "event_frames", Title: "Events by group: names, frames, labels",
		Columns: []string{"event", "name", "group"}, Cut: map[string]Cut{"event": CutNever}}
	frames, labels := r.Options.Frames != nil, r.Options.Labels != nil
	var what []string
	if frames {
		t.Columns = append(t.Columns, "frames")
		what = append(what, "frames: the two categories of the frames lexicon with most hits in the event's sentences of the group (hits)")
	}
	if labels {
		t.Columns = append(t.Columns, "labels")
		what = append(what, "labels: the three labels with most hits (referent / label (hits))")
	}
	rows := func(firstName bool) func(yield func([]Value) bool) {
		return rowsOf(len(r.Summaries), func(i int) []Value {
			s := &r.Summaries[i]
			name := s.Name // the display: on the first row of each event only
			if firstName && i > 0 && r.Summaries[i-1].Event == s.Event {
				name = ""
			}
			row := []Value{Str(s.Event), Str(name), Str(s.Group)}
			if frames {
				row = append(row, Str(keyCounts(s.Frames)))
			}
			if labels {
				row = append(row, Str(keyCounts(s.Labels)))
			}
			return row
		})
	}
	t.Notes = []string{"A lexicon event's name is the lexicon's; a story's or a discovered passage event's, its three most shared features (docs/events.md)."}
	if len(what) > 0 {
		t.Notes = append(t.Notes, strings.Join(what, "; ")+".")
	}
	tidy := *t
	t.RowSeq, tidy.RowSeq = rows(true), rows(false)
	return Section{Display: t, Tidy: &tidy}
}

// EventSections are the tables of the events by group: the figures
// (EventsSection), the names, frames and labels (EventFramesSection) and,
// when words were left out of the tone, the tone with and without them
// (EventToneUnscoredSection). Used by events, compare and report, and by
// parallax-beam compare.
func EventSections(r *events.Result) []Section {
	secs := []Section{EventsSection(r), EventFramesSection(r)}
	if sec, ok := EventToneUnscoredSection(r); ok {
		secs = append(secs, sec)
	}
	return secs
}

// ArticleEventsSection lists the documents of every story: event, group,
// doc, title, date, score, links, shared features.
func ArticleEventsSection(r *events.Result) Section {
	t := &Table{Name: "article_events", Title: "Stories: articles covering the same event",
		Columns: []string{"event", "name", "group", "doc", "title", "date", "score", "links", "shared"},
		Cut:     map[string]Cut{"event": CutNever, "doc": CutNever, "text": CutWrap}}
	display := &Table{Name: "article_events", Title: t.Title,
		Columns: []string{"event", "name", "group", "date", "title", "score", "links"},
		Cut:     map[string]Cut{"event": CutNever, "date": CutNever}}
	t.RowSeq = rowsOf(len(r.Articles), func(i int) []Value {
		a := &r.Articles[i]
		return []Value{Str(a.Event), Str(a.Name), Str(a.Group), Str(a.DocID), Str(a.Title), Str(a.Date),
			Float(a.Score, 3), Int(int64(a.Links)), Str(strings.Join(a.Shared, ", "))}
	})
	display.RowSeq = rowsOf(len(r.Articles), func(i int) []Value {
		a := &r.Articles[i]
		name := a.Name // on the first row of each story only
		if i > 0 && r.Articles[i-1].Event == a.Event {
			name = ""
		}
		title := a.Title
		if title == "" {
			title = a.DocID
		}
		return []Value{Str(a.Event), Str(name), Str(a.Group), Str(a.Date), Str(title),
			Float(a.Score, 3), Int(int64(a.Links))}
	})
	o, st := r.Options, r.Stats
	window := fmt.Sprintf("dates at most %d days apart when both documents are dated", o.Window)
	if o.Window < 0 {
		window = "no date window"
	}
	t.Notes = []string{
		fmt.Sprintf("Features of a document (title and text): content words (not stop words, 3+ characters), names (the last two words of a run of capitalised words), numbers (2+ digits, not years) and days mentioned; at most %d per document, the most salient. %s", o.MaxFeatures, rareNote(st.RareCap, st.Docs)),
		fmt.Sprintf("Two documents of different groups are linked when they share at least %d rare features, the cosine of their rare-feature vectors (each feature weighted by its idf, docs/events.md) is at least %.2f, and %s. Stories: average linkage — clusters merge while the mean similarity over their pairs of documents of different groups (0 for pairs not linked) is at least %.2f, at least %.0f%% of those pairs are linked and no two dated documents are further apart than the window (an undated document counting on the day of its most similar dated one) — keeping clusters with documents of at least 2 groups.", o.MinShared, o.MinScore, window, o.LinkScore, 100*o.MinLinked),
		"name: the three features most shared in the story (documents holding it × idf); score: the document's mean similarity to the story's other documents (0 for those not linked); links: those linked to it.",
		fmt.Sprintf("%d stories, %s between %s with %s; %s compared.",
			st.Stories, Plural(st.Edges, "link"), Plural(st.Docs, "document"), Plural(st.Features, "distinct feature"),
			Plural(int(st.Candidates), "candidate pair")),
	}
	if st.Similar > int64(st.Edges) {
		t.Notes = append(t.Notes, fmt.Sprintf("Links per document are bounded: each document keeps the %d documents most similar to it (up to %d passed the tests for one document), and a link is kept when each of its documents keeps the other; %s passed the tests, %d were kept.",
			o.MaxLinks, st.MaxNeighbours, Plural(int(st.Similar), "pair"), st.Edges))
	}
	if st.UndatedCapped > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("%s held by undated documents are found in more than %d documents: without a date window they find no pairs with undated documents (they still count in the scores).",
			Plural(st.UndatedCapped, "rare feature"), o.UndatedMaxDF))
	}
	if len(r.Articles) == 0 {
		t.Notes = append(t.Notes, "No story: no two documents of different groups were linked.")
	}
	display.Notes = append([]string{"The document ids and each document's shared features are in --format csv or json."}, t.Notes...)
	t.Notes = append(slices.Clone(t.Notes), "shared: the story's ten most shared features that the document holds.")
	display.Empty = "No story: no two documents of different groups share enough rare features to be linked (docs/events.md)."
	return Section{Display: display, Tidy: t}
}

// PassageEventsSection lists the kept passages of every passage-level
// event: event, name, source, group, doc, sentence, text, cue.
func PassageEventsSection(r *events.Result) Section {
	t := &Table{Name: "passage_events", Title: "Passages describing the same event",
		Columns: []string{"event", "name", "source", "group", "doc", "sentence", "text", "cue"},
		Cut:     map[string]Cut{"event": CutNever, "doc": CutNever}}
	info := map[string]*events.Info{}
	for i := range r.Events {
		info[r.Events[i].ID] = &r.Events[i]
	}
	t.RowSeq = rowsOf(len(r.Passages), func(i int) []Value {
		p := &r.Passages[i]
		e := info[p.Event]
		return []Value{Str(p.Event), Str(e.Name), Str(e.Source), Str(p.Group), Str(p.DocID),
			Int(int64(p.Sentence)), Str(p.Text), Str(p.Cue)}
	})
	o := r.Options
	max := fmt.Sprintf("at most %d per event and group, the first in input order", o.MaxPassages)
	if o.MaxPassages < 0 {
		max = "all of them"
	}
	t.Notes = []string{
		"Lexicon events: a sentence belongs to an event when it matches one of the event's cues, or mentions a day, month or year that places it in the event's dates (docs/events.md); cue: the cue or date that matched.",
		fmt.Sprintf("Discovered events: sentences of different groups inside one story sharing at least %d rare features with a cosine of at least %.2f, clustered by average linkage (at least %.2f).", o.PassageMinShared, o.PassageMinScore, o.PassageLinkScore),
		"sentence: 1-based number of the sentence in the cleaned document; text: the sentence, white space collapsed; " + max + ".",
	}
	if len(r.Passages) == 0 {
		t.Notes = append(t.Notes, "No passage.")
	}
	return Section{Display: t}
}

// SideBySideSection shows, for each event, each group's first perGroup
// passages next to each other (the display: a row per event and group, a
// column per passage); the tidy form has a row per passage: event, group,
// rank, doc, sentence, text. perGroup ≤ 0 means 2.
func SideBySideSection(r *events.Result, perGroup int) Section {
	if perGroup <= 0 {
		perGroup = 2
	}
	display := &Table{Name: "side_by_side", Title: "Events side by side: each group's first passages",
		Columns: []string{"event", "group"}, Cut: map[string]Cut{"event": CutNever}}
	for k := range perGroup {
		display.Columns = append(display.Columns, fmt.Sprintf("passage_%d", k+1))
		display.Cut[display.Columns[len(display.Columns)-1]] = CutWrap
	}
	tidy := &Table{Name: "side_by_side", Title: display.Title,
		Columns: []string{"event", "group", "rank", "doc", "sentence", "text"}, Cut: map[string]Cut{"doc": CutNever, "text": CutWrap}}
	display.RowSeq = rowsOf(len(r.Summaries), func(i int) []Value {
		s := &r.Summaries[i]
		if len(s.Passages) == 0 {
			return nil
		}
		row := []Value{Str(s.Event), Str(s.Group)}
		for k := range perGroup {
			if k < len(s.Passages) {
				p := s.Passages[k]
				row = append(row, Str(fmt.Sprintf("%s (%s #%d)", p.Text, p.DocID, p.Sentence)))
			} else {
				row = append(row, Str(""))
			}
		}
		return row
	})
	tidy.RowSeq = func(yield func([]Value) bool) {
		for i := range r.Summaries {
			s := &r.Summaries[i]
			for k := range min(perGroup, len(s.Passages)) {
				p := s.Passages[k]
				if !yield([]Value{Str(s.Event), Str(s.Group), Int(int64(k + 1)), Str(p.DocID), Int(int64(p.Sentence)), Str(p.Text)}) {
					return
				}
			}
		}
	}
	notes := []string{"Each group's passages in input order: for a lexicon or discovered passage event its sentences, for a story the sentence of each document holding most of the story's features; (doc #sentence) after each."}
	display.Notes, tidy.Notes = notes, notes
	return Section{Display: display, Tidy: tidy}
}

// eventCI is an event's tone interval for the terminal, marked when wider
// than the tone's distance from 0.
func eventCI(iv resample.Interval) string {
	if wide(iv.Mean, iv.Low, iv.High, 0) {
		return ciText(iv) + WideMark
	}
	return ciText(iv)
}

// rareNote says which features count as rare: found in 2 to rareCap of
// the docs documents.
func rareNote(rareCap, docs int) string {
	if rareCap < 2 {
		return fmt.Sprintf("A feature is rare when found in at least 2 documents but only a few of them; with %s no feature can be rare, so no story can be found.", Plural(docs, "document"))
	}
	return fmt.Sprintf("A feature is rare when found in 2 to %d of the %d documents, of at least two groups.", rareCap, docs)
}
