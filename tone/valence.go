package tone

// WordValence returns the VADER lexicon valence of one lower-cased word
// (−4…+4) and whether the word is in the lexicon. It is the mean valence
// of the lexicon file, before any of VADER's rules; instruments that weigh
// words by their own rules (the stance model's features) read it here,
// from the table VADER itself reads (one probe, most absent words stopped
// by its filter), which holds the same valences as the lexicon's map.
func WordValence(lower string) (float64, bool) {
	w, ok := vaderLexiconOnce().words.get(lower)
	if !ok || w.flags&wLex == 0 {
		return 0, false
	}
	return w.valence, true
}
