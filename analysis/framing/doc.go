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
// Files: framing.go (Collector), store.go (the compact per-document
// record), rows.go (the results), quotes.go and attribution.go (the quote
// finder), names.go (proper names and their resolution).
package framing
