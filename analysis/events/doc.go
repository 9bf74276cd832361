// Package events aligns coverage of the same events across groups: which
// articles cover the same story (article level, discovered from shared rare
// terms, names, numbers and dates within a date window), which passages of
// different articles describe the same event (passage level, from an events
// lexicon's cues and dates, and discovered inside each story), and per
// event × group the coverage, tone, dominant frames, labels and passages
// side by side. Every definition, default and cost is in docs/events.md.
//
// The shape is map → combine → finish. Map (Collector.Map) turns one
// processed document into a DocRecord: its ordinal, group, id, title,
// date and sentence count; the hashes of its distinct features and the
// keys of the (at most MaxFeatures) it keeps; the sentences the events
// lexicon places in an event, with their tone, frames, labels and text;
// and, when it keeps at least MinShared features (fewer can link it to no
// document, so it can belong to no story), its cleaned text with its
// sentences' spans, from which Finish reads the stories' tone, frames,
// labels and passages — so the corpus is read once. Story linking needs
// every document, so the accumulator (Acc) is global: the records keyed
// by ordinal (merge is a union), a dictionary of every feature with its
// document frequency and whether two groups hold it (merge adds), each
// group's sentences and documents, and the lexicon passages, whose texts
// are kept for the first MaxPassages of each event × group by (document,
// sentence). Memory per document: id, title, date, about 4 bytes per kept
// feature and, for a document that may belong to a story, its text plus 8
// bytes per sentence; per feature of the corpus about 40 bytes. Finish
// (Collector.Finish) links the documents into stories, aligns the stories'
// sentences into passage events and computes every event × group's
// figures with their bootstrap intervals. Visit = Map, then Add under a
// lock; Result = Finish of the collector's accumulator. Acc and DocRecord
// encode to bytes (a leading version byte, varints, length-prefixed
// strings), so that records and accumulators can cross machines.
//
// Files: events.go (options, the collector and its features), record.go
// (the record and Map), acc.go (the accumulator), encode.go (their
// encodings), dates.go (document dates and date mentions), passages.go
// (lexicon passages), stories.go and linkage.go (the article level:
// linking documents and average linkage), texts.go (reading the stories'
// documents), discovered.go (passage events found inside stories),
// result.go and summary.go (the result, Finish, and the per event × group
// figures).
package events
