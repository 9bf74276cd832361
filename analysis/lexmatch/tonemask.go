package lexmatch

import (
	"parallax/lexicons"
	"parallax/tone"
)

// ToneMask is the mask of the words tone and stance leave out
// (docs/tone.md): the words of the labels lexicon's patterns (not the
// built-in English stop words) and the words the labels and frames
// lexicons declare unscored; nil when there are none. Either matcher may
// be nil. parallax and parallax-beam both build their mask here.
func ToneMask(labels, frames *Matcher) *tone.Mask {
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
