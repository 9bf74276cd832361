// Package framing compares how groups frame what they report (SPEC §7):
// which label each uses for a referent (labels lexicon), whom it quotes and
// how (direct, indirect and scare quotes, speakers resolved to full names,
// reporting verbs by stance), and which actors it mentions, with what tone,
// labels and frames. Collector consumes processed documents in the same
// pass as the terms (the pipeline's Visit) and keeps a compact record of
// each; after the pass it produces rows: LabelRows, LabelPassages, Quotes,
// Attribution, Sources, ScareQuotes and Actors. FindQuotes finds the
// quotations of one text. Definitions of every number: docs/framing.md.
//
// Map → combine → finish. Collector.Map turns one processed document into
// a DocRecord: its group and load ordinal, id, word counts, label hits
// with their marked sentences, quotes (text cut to MaxQuoteText), the
// sentences naming an actor with their VADER tone, labels and frames, and
// the quotes of each actor's side. Acc (Collector.NewAcc) adds records and
// merges with other accumulators in any order; it keeps each document as
// a compact varint record of interned string ids (store.go; tens to
// hundreds of bytes a document) plus bounded texts: QuoteTexts quote texts
// of lowest (document, quote) per group and LabelTexts label texts of
// lowest (document, hit) per referent, label, group and voice (every text
// when 0). Per-document records rather than totals, because Quotes lists
// every quote and discovered actors are only known once every document is
// in (their tone intervals resample per-document tone values). Finish is
// the result methods of Acc — LabelRows, LabelPassages, Quotes and
// QuoteRows (streamed), Attribution, Sources (speakers merged across the
// corpus), ScareQuotes, Actors, QuoteCounter — computed over the records
// in ordinal order. Acc and DocRecord have a binary form (MarshalBinary,
// UnmarshalBinary) that validates its input. Collector.Visit is Map, then
// Add under a lock.
//
// Files: framing.go (Collector, Map), acc.go (Acc, Add), acc_codec.go
// (Merge and the binary form), record.go (DocRecord), store.go (the
// compact per-document record), labels.go and rows.go (the results),
// quotes.go and attribution.go (the quote finder), names.go (proper names
// and their resolution).
package framing
