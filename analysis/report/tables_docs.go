package report

import (
	"cmp"
	"slices"
)

// DocInfo is what a corpus says about one of its documents: where it sits
// in the input, its group, date, title and URL, and, from a manifest, who
// passed the text on (via) and what is known about it (notes).
type DocInfo struct {
	Index                       int
	ID, Group, Date, Title, URL string
	Author, Via, Notes          string
}

// DocumentsSection lists every document in input order with its title,
// date, source note and URL: who selected the text matters as much as
// what it says (a teaser, a translation, a republication).
func DocumentsSection(docs []DocInfo) Section {
	docs = slices.Clone(docs)
	slices.SortFunc(docs, func(a, b DocInfo) int { return cmp.Compare(a.Index, b.Index) })
	t := &Table{Name: "documents", Title: "Documents: what each text is and where it came from",
		Columns: []string{"group", "doc", "date", "title", "via", "notes", "url"},
		Cut:     map[string]Cut{"doc": CutNever, "title": CutWrap, "notes": CutWrap, "via": CutWrap, "url": CutWrap},
		Empty:   "No document was read."}
	t.RowSeq = rowsOf(len(docs), func(i int) []Value {
		d := &docs[i]
		return []Value{Str(d.Group), Str(d.ID), Str(d.Date), Str(d.Title), Str(d.Via), Str(d.Notes), Str(d.URL)}
	})
	t.Notes = []string{
		"Read this before any number: a teaser, a republished page or a machine translation is not the outlet's article as published.",
		"via: who republished or passed on the text, and notes: what the corpus's manifest says about it (its via and notes columns; empty when the corpus gives none); date as given.",
	}
	return Section{Display: t}
}
