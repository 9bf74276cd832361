package events

import (
	"fmt"

	"parallax/analysis/segment"
)

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

// VisitFromScratch is Visit with the record's text stripped of what the
// map step read from its sentences: Finish reads them from the text alone.
func (c *Collector) VisitFromScratch(p *segment.Processed) {
	rec := c.Map(p)
	rec.text.hashes, rec.text.feats, rec.text.tones = nil, nil, nil
	c.mu.Lock()
	defer c.mu.Unlock()
	c.acc.Add(rec)
}

// SentenceData counts the kept texts that carry their sentences'
// features, and those that carry cached tones.
func (c *Collector) SentenceData() (feats, tones int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range c.acc.texts.ordinals() {
		t, _ := c.acc.texts.get(k)
		if t.feats != nil {
			feats++
		}
		if t.tones != nil {
			tones++
		}
	}
	return feats, tones
}
