package report

import (
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
)

// DocumentToneSection documents that without tonestats.Options.Documents (or
// Sentences) "the group and doc columns are empty", and SentenceToneSection
// that it "has rows only when the collector ran with tonestats.Options.Sentences".
// The texts sit behind a *toneDocText that is nil without those options:
// neither section may dereference it, and each must print what its comment
// says: no sentence rows; a document row with empty group, doc and text and
// nb_pos, nb_class n/a.
func TestToneSectionsWithoutTextOptions(t *testing.T) {
	for _, name := range []string{"documents", "sentences"} {
		t.Run(name, func(t *testing.T) {
			c, err := tonestats.NewCollector(tonestats.Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := "The book was good. A really bad, horrible book."
			c.Visit(&segment.Processed{Doc: &corpus.Document{ID: "a1", Group: "Alpha", Text: text}, Text: text, Sentences: segment.Sentences(text, nil)})
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s section of a collector without text options panics: %v", name, r)
				}
			}()
			if name == "sentences" {
				if got := rows(SentenceToneSection(c)); len(got) != 0 {
					t.Errorf("sentences without Options.Sentences: %d rows, want none", len(got))
				}
				return
			}
			got := rows(DocumentToneSection(c))
			if len(got) != 1 {
				t.Fatalf("documents: %d rows, want 1 (one document visited)", len(got))
			}
			row, cols := got[0], DocumentToneSection(c).Display.Columns
			for j, col := range cols {
				switch col {
				case "group", "doc", "text": // empty, as documented: no text kept
					if row[j].Kind != KindString || row[j].Str != "" {
						t.Errorf("%s = %+v, want an empty string", col, row[j])
					}
				case "nb_pos", "nb_class": // n/a: the whole text was not classified
					if !isNA(row[j]) {
						t.Errorf("%s = %+v, want n/a", col, row[j])
					}
				case "sentence": // the two sentences averaged
					if row[j].Kind != KindInt || row[j].Int != 2 {
						t.Errorf("sentence = %+v, want 2", row[j])
					}
				}
			}
		})
	}
}
