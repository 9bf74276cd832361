// Package clean removes page furniture from scraped articles: footers,
// bylines, teasers of other stories, advertisements, cookie and comment
// notices, photo credits, lines repeated across an outlet's pages and
// off-topic trailing blocks. It consumes a corpus.Document (and, for the
// repeated-line rule, LineStats gathered in a first pass over the corpus)
// and produces the cleaned text with a Removal for every line removed,
// named by its rule. Rules work on whole lines and never change one; a line
// holding a glued label ("Update at 3:53 p.m. ET. Heading:", "… Photo:
// Getty") is first cut into fragments at the label (glue.go), each then a
// line for the rules, and fragments all kept join back byte for byte.
//
// Files: clean.go (the Cleaner and how rules apply), rules.go and
// rules_media.go (the line rules), glue.go (cutting glued labels off
// lines), staff.go (the staff and furniture rules), tail.go (the off-topic tail),
// clean_stats.go (LineStats), normalize.go (helpers). Every rule is listed
// in docs/cleaning.md.
package clean
