package report

import (
	"fmt"

	"parallax/analysis/corpus"
)

// DateSourcesNote is the corpus table's line on where the loaded
// documents' dates came from (corpus.DateSources).
func DateSourcesNote(s corpus.DateSources) string {
	return fmt.Sprintf("Dates (date_source): %d from the date field, %d from the URL, %d from a dateline in the text, %d none; the URL and the dateline are read only when the date field is empty (docs/output.md).",
		s.Field, s.URL, s.Dateline, s.None)
}

// DateSourcesValue is the provenance's date-sources option: the number of
// documents dated by each source, "field N, url N, dateline N, none N".
func DateSourcesValue(s corpus.DateSources) string {
	return fmt.Sprintf("field %d, url %d, dateline %d, none %d", s.Field, s.URL, s.Dateline, s.None)
}
