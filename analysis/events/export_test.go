package events

import "fmt"

// RecordFields shows a record's unexported fields to the external tests.
type RecordFields struct {
	Index                  int
	ID, Group, Title, Date string
	Sentences              int32
	Hashes                 []uint64
	Keys                   []string
	Passages               int
	PassageList            string
	Text                   string
	Spans                  []uint32
}

// RecordView returns a record's fields, exported ones and not.
func RecordView(r *DocRecord) RecordFields {
	return RecordFields{r.Index, r.ID, r.Group, r.Title, r.Date, r.Sentences, r.hashes, r.keys,
		len(r.passages), fmt.Sprintf("%+v", r.passages), r.text.text, r.text.spans}
}
