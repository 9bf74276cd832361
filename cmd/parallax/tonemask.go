package main

import (
	"parallax/analysis/lexmatch"
	"parallax/lexicons"
	"parallax/tone"
)

// toneMask is the mask of the words tone leaves out (docs/tone.md): unless
// --score-labels, the words of the labels lexicon's patterns (not the
// built-in English stop words) and the words the labels and frames
// lexicons declare unscored; nil when there are none.
func (ff *framingFlags) toneMask(labels, frames *lexmatch.Matcher) *tone.Mask {
	if ff.scoreLabels != nil && *ff.scoreLabels {
		return nil
	}
	var stop func(string) bool
	if sw, err := lexicons.LoadStopWords("en"); err == nil {
		stop = sw.Contains
	}
	var lb, fr *lexicons.Lexicon
	if labels != nil {
		lb = labels.Lexicon()
	}
	if frames != nil {
		fr = frames.Lexicon()
	}
	words := lexicons.UnscoredWords(lb, stop, fr)
	if len(words) == 0 {
		return nil
	}
	return tone.NewMask(words...)
}

// toneMaskFor resolves the labels and frames flags and returns toneMask of
// them, for the tone collector of compare and report.
func (ff *framingFlags) toneMaskFor(cf *corpusFlags, pos []string) (*tone.Mask, error) {
	labels, err := lexiconFlag("labels", *ff.labels, lexicons.KindLabels, cf, pos)
	if err != nil {
		return nil, err
	}
	frames, err := lexiconFlag("frames", *ff.frames, lexicons.KindCategories, cf, pos)
	if err != nil {
		return nil, err
	}
	return ff.toneMask(labels, frames), nil
}
