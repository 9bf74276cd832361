package main

import (
	"parallax/analysis/lexmatch"
	"parallax/lexicons"
	"parallax/tone"
)

// toneMask is the mask of the words tone leaves out (lexmatch.ToneMask),
// nil with --score-labels.
func (ff *framingFlags) toneMask(labels, frames *lexmatch.Matcher) *tone.Mask {
	if ff.scoreLabels != nil && *ff.scoreLabels {
		return nil
	}
	return lexmatch.ToneMask(labels, frames)
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
