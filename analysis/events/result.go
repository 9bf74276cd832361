package events

import (
	"parallax/analysis/resample"
	"parallax/lexicons"
)

// Info describes one event.
type Info struct {
	ID     string
	Name   string
	Level  string // LevelArticle or LevelPassage
	Source string // SourceLexicon or SourceDiscovered
	// Story is the story a discovered passage event was found in.
	Story string
	// Features are a discovered event's most shared features, most
	// characteristic first (see docs/events.md); its Name is the first three.
	Features []string
	Dates    []lexicons.DateRange // a lexicon event's dates
	Docs     int                  // documents with at least one passage (article level: in the story)
	Groups   int
	Units    int // sentences (passages; article level: sentences of its documents)
}

// StoryArticle is one document of a story.
type StoryArticle struct {
	Event, Name       string
	Group, DocID      string
	DocIndex          int
	Title, Date       string
	Score             float64  // mean similarity to the story's other documents (0 for pairs not linked)
	Links             int      // the story's other documents linked to it
	Shared            []string // the story's features this document holds
	Sentences         int
	StoryDocs, Groups int
}

// Passage is one sentence of an event.
type Passage struct {
	Event        string
	Group, DocID string
	DocIndex     int
	Sentence     int    // 1-based, in the cleaned document
	Text         string // white space collapsed; "" when not kept
	Cue          string // what placed it in the event
	Tone         float64
	// ToneAll is the sentence's VADER compound with every word scored: it
	// differs from Tone only when Options.ToneMask left a word of it out.
	ToneAll float64
	Words   bool // the sentence has a letter or digit and counts in the tone
}

// SentenceRef names a sentence: a document (Doc.Index) and its 1-based
// sentence number.
type SentenceRef struct{ DocIndex, Sentence int }

// KeyCount is a lexicon key with its hits.
type KeyCount struct {
	Key string
	N   int64
}

// Summary is one event's figures for one group.
type Summary struct {
	Event, Name, Level, Source string
	Group                      string
	Docs                       int     // the group's documents with at least one of the event's sentences
	Sentences                  int     // the event's sentences in the group: coverage
	GroupSentences             int64   // every sentence of the group's documents
	Share                      float64 // Sentences / GroupSentences
	// Tone is the mean VADER compound of the sentences with a word, with
	// its 95% bootstrap interval (n/a below 2 sentences).
	// Options.ToneMask's words are left out (scored as neutral words).
	Tone resample.Interval
	// ToneAll is the mean over the same sentences with every word scored
	// (NaN without one); Masked counts those whose score the mask changed.
	// With Masked = 0, ToneAll is Tone.Mean.
	ToneAll float64
	Masked  int
	Frames  []KeyCount // the two categories of the frames lexicon with most hits
	Labels  []KeyCount // the three labels with most hits
	// Quotes is filled by CountQuotes; QuotesCounted says it was.
	Quotes        int
	QuotesCounted bool
	// Passages are the first MaxPassages passages with their text.
	Passages []Passage

	units  []SentenceRef // the sentences counted (passage level)
	ranges []docRange    // the documents counted whole (article level)
}

// docRange is a document counted whole: sentences 1 to n.
type docRange struct{ doc, n int }

// Units lists every sentence the summary's figures count, by document
// (Doc.Index) and 1-based sentence: join other per-sentence measures on
// them. For a story, every sentence of its documents.
func (s *Summary) Units() []SentenceRef {
	var out []SentenceRef
	s.eachUnit(func(doc, sent int) { out = append(out, SentenceRef{doc, sent}) })
	return out
}

func (s *Summary) eachUnit(fn func(doc, sent int)) {
	for _, u := range s.units {
		fn(u.DocIndex, u.Sentence)
	}
	for _, r := range s.ranges {
		for k := 1; k <= r.n; k++ {
			fn(r.doc, k)
		}
	}
}

// CountQuotes sets Quotes to Σ inQuote(docIndex, sentence) over the
// summary's sentences (see Units): e.g. the quotations each holds.
func (s *Summary) CountQuotes(inQuote func(docIndex, sentence int) int) {
	s.Quotes = 0
	s.eachUnit(func(doc, sent int) { s.Quotes += inQuote(doc, sent) })
	s.QuotesCounted = true
}

// Stats records the work done, for the notes and docs/events.md.
type Stats struct {
	Docs, Dated       int
	Features          int   // distinct features in the corpus
	KeptFeatures      int64 // Σ features kept per document
	RareCap           int   // the largest df of a rare feature
	RareFeatures      int   // distinct kept features with 2 ≤ df ≤ RareCap
	SumDF2            int64 // Σ df² over rare features: the bound of Postings
	Postings          int64 // posting entries visited to find candidate pairs
	Candidates        int64 // pairs of documents sharing a rare feature (within the window)
	Similar           int64 // pairs passing the link tests, before the MaxLinks bound
	MaxNeighbours     int   // the most documents one document passed the link tests with
	UndatedCapped     int   // rare features of undated documents found in more than UndatedMaxDF documents
	Edges             int   // pairs linked: Similar less those the MaxLinks bound dropped
	Stories           int
	PassageWork       int64 // sentence posting entries visited, over all stories
	PassageCandidates int64
	PassageEdges      int
	TextDocs          int   // documents whose record kept its text (those that may belong to a story)
	TextBytes         int64 // the bytes kept with those texts: text, 4 per span boundary, 8 per feature hash and per cached tone, and the sentences' features
}

// Result is everything event detection found.
type Result struct {
	Events    []Info         // lexicon events, then stories, then discovered passage events
	Articles  []StoryArticle // the documents of every story, by story then document
	Passages  []Passage      // passage-level events' kept passages, by event, document, sentence
	Summaries []Summary      // per event × group, events in Events order, groups by name
	Groups    []string       // every group, sorted
	Stats     Stats
	Options   Options // the effective options
	// NeedTexts is always false: the records keep the text of every
	// document that may belong to a story, so no figure is ever missing.
	// (It said that a second pass over the corpus was needed, before the
	// records kept those texts.)
	NeedTexts bool
}

// CountQuotes fills every summary's Quotes (see Summary.CountQuotes).
func (r *Result) CountQuotes(inQuote func(docIndex, sentence int) int) {
	for i := range r.Summaries {
		r.Summaries[i].CountQuotes(inQuote)
	}
}

// Summary returns the summary of an event × group, or nil.
func (r *Result) Summary(event, group string) *Summary {
	for i := range r.Summaries {
		if r.Summaries[i].Event == event && r.Summaries[i].Group == group {
			return &r.Summaries[i]
		}
	}
	return nil
}

// Event returns the event with the given id, or nil.
func (r *Result) Event(id string) *Info {
	for i := range r.Events {
		if r.Events[i].ID == id {
			return &r.Events[i]
		}
	}
	return nil
}
