package framing

import (
	"fmt"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/segment"
)

// The words a document uses in lower case are looked up by Norm id when its
// tokens have ids (the pipeline's), by Norm otherwise: the names found are
// the same either way, on every document of the AllSides sample.
func TestLowerUseByID(t *testing.T) {
	tk := segment.NewTokenizer(segment.NewNorms())
	docs, names, blocked := 0, 0, 0
	_, err := testkit.AllSidesSource().Load(corpus.LoadOptions{}, func(doc *corpus.Document) error {
		sents := segment.Sentences(doc.Text, nil)
		plain := &segment.Processed{Text: doc.Text, Sentences: sents} // Tokenize: no ids
		var toks []segment.Token
		sentTok := []int32{0}
		for _, s := range sents {
			toks = tk.Tokenize(doc.Text[s.Start:s.End], toks)
			sentTok = append(sentTok, int32(len(toks)))
		}
		withIDs := &segment.Processed{Text: doc.Text, Sentences: sents}
		withIDs.SetTokens(toks, sentTok)
		a := newQuoteDoc(doc.Text, sents, plain.SentenceTokens)
		want, byID := fmt.Sprint(a.names), a.byID
		for i := range a.toks {
			if a.toks[i].Kind == segment.TokWord && a.sentenceInitial(i) && a.isCap(i) && a.usedLower(i) {
				blocked++
			}
		}
		a.release()
		b := newQuoteDoc(doc.Text, sents, withIDs.SentenceTokens)
		got := fmt.Sprint(b.names)
		if byID || !b.byID && len(b.toks) > 0 {
			t.Fatalf("%s: by id without ids %v, with ids %v", doc.ID, byID, b.byID)
		}
		names += len(b.names)
		b.release()
		if got != want {
			t.Errorf("%s: names by id\n%s\nby Norm\n%s", doc.ID, got, want)
		}
		docs++
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if docs < 800 || names < 10000 || blocked < 100 {
		t.Errorf("%d documents, %d names, %d sentence-initial words used in lower case: too few for the check", docs, names, blocked)
	}
}
