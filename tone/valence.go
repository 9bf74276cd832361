package tone

// WordValence returns the VADER lexicon valence of one lower-cased word
// (−4…+4) and whether the word is in the lexicon. It is the mean valence
// of the lexicon file, before any of VADER's rules; instruments that weigh
// words by their own rules (the stance model's features) read it here.
func WordValence(lower string) (float64, bool) {
	v, ok := vaderLexiconOnce().valence[lower]
	return v, ok
}
