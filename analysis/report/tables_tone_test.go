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
// neither section may dereference it.
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
			if name == "documents" {
				_ = rows(DocumentToneSection(c))
			} else {
				_ = rows(SentenceToneSection(c))
			}
		})
	}
}
