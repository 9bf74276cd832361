// Package events aligns coverage of the same events across groups: which
// articles cover the same story (article level, discovered from shared rare
// terms, names, numbers and dates within a date window), which passages of
// different articles describe the same event (passage level, from an events
// lexicon's cues and dates, and discovered inside each story), and per
// event × group the coverage, tone, dominant frames, labels and passages
// side by side. Collector consumes processed documents as the pipeline
// visits them (and, when the texts did not fit its budget, once more in a
// second pass, VisitTexts); Result produces a Result of Infos, Summaries,
// StoryArticles and Passages. Every definition, default and cost is in
// docs/events.md.
//
// Files: events.go (options, the collector and its features), dates.go
// (document dates and date mentions), passages.go (lexicon passages),
// stories.go and linkage.go (the article level: linking documents and
// average linkage), texts.go (the sentences of the stories, second pass),
// discovered.go (passage events found inside stories), result.go and
// summary.go (the result and its per event × group figures).
package events
