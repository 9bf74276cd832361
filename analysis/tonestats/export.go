package tonestats

import (
	"iter"

	"parallax/tone"
)

// SentenceScores is one sentence's scores, as Sentences yields them.
type SentenceScores struct {
	Group, Doc string
	Sentence   int       // 1-based, in the cleaned document
	Text       string    // as the instruments read it (SentenceText)
	Scores     []float64 // one per instrument, in Instruments order
	Positive   bool      // the naive Bayes class
}

// Sentences yields every kept sentence (Options.Sentences): documents
// in load order, then sentences in order. It yields nothing without
// Options.Sentences.
func (a *Acc) Sentences() iter.Seq[SentenceScores] {
	if !a.sentences {
		return func(func(SentenceScores) bool) {}
	}
	docs := a.allDocs()
	k := len(a.instruments)
	return func(yield func(SentenceScores) bool) {
		for _, d := range docs {
			dt := d.text
			for s := range dt.Texts {
				if !yield(SentenceScores{Group: d.group, Doc: dt.ID, Sentence: dt.Numbers[s], Text: dt.Texts[s],
					Scores: d.scores[s*k : (s+1)*k], Positive: dt.Positive[s]}) {
					return
				}
			}
		}
	}
}

// DocumentScores is one document's scores, as Documents yields them.
type DocumentScores struct {
	Group, Doc string    // empty without ToneOptions.Documents (or Sentences)
	Sentences  int       // sentences scored
	Label      string    // the title, or the start of the text
	Sums       []float64 // per instrument: the sum of the sentence scores
	// Whole is naive Bayes on the whole cleaned text, as the original
	// package classifies it; Classified says whether it was computed
	// (Options.Documents).
	Whole      tone.NBResult
	Classified bool
}

// Documents yields every document in load order.
func (a *Acc) Documents() iter.Seq[DocumentScores] {
	docs := a.allDocs()
	k := len(a.instruments)
	return func(yield func(DocumentScores) bool) {
		for _, d := range docs {
			ds := DocumentScores{Sentences: d.n, Sums: make([]float64, k), Classified: a.documents}
			if a.groups[d.group].released {
				if d.n > 0 {
					copy(ds.Sums, d.scores)
				}
			} else {
				addScores(ds.Sums, d.scores)
			}
			if dt := d.text; dt != nil {
				ds.Group, ds.Doc, ds.Label, ds.Whole = d.group, dt.ID, dt.Label, dt.Whole
			}
			if !yield(ds) {
				return
			}
		}
	}
}
