package main

import (
	"sync"

	"parallax/analysis/report"
	"parallax/analysis/segment"
)

// docList collects what the corpus says about each document (title, date,
// URL, the manifest's via and notes) as the pipeline visits it, for
// corpus --docs and the report's list of documents. Visit is safe for
// concurrent use.
type docList struct {
	mu   sync.Mutex
	docs []report.DocInfo
}

// Visit records p's document.
func (l *docList) Visit(p *segment.Processed) {
	d := p.Doc
	info := report.DocInfo{Index: d.Index, ID: d.ID, Group: d.Group, Date: d.Date, Title: d.Title, URL: d.URL,
		Author: d.Fields["author"], Via: d.Fields["via"], Notes: d.Fields["notes"]}
	l.mu.Lock()
	l.docs = append(l.docs, info)
	l.mu.Unlock()
}

// Section is the list as a table, in input order.
func (l *docList) Section() report.Section {
	l.mu.Lock()
	defer l.mu.Unlock()
	return report.DocumentsSection(l.docs)
}
