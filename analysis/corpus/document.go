package corpus

// Document is one article as read from the input, before cleaning.
type Document struct {
	Index int    // position in the input stream, 0-based, in reading order
	ID    string // from the id field, or derived from the file name / record number
	Group string // the grouping value (outlet by default)
	Date  string // as given; may be empty
	// DateSource says where Date came from: DateFromField, DateFromURL,
	// DateFromDateline or DateFromNone (set by Load).
	DateSource string
	Title      string
	URL        string
	Text       string // body text, valid UTF-8 (repaired if needed)
	Origin     string // where it came from, for messages: "file.jsonl:12", "corpus/a.txt"
	// Fields holds every other field of the record (JSON, CSV or manifest
	// columns) as text, so that --group can name any of them.
	Fields map[string]string

	datePublished bool // Date came from the "published" field (no "date" field)
}
