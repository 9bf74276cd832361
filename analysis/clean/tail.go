package clean

import (
	"slices"
	"strings"
	"unicode"
)

const (
	tailRepeatWindow = 6    // a headline repeated within this many non-blank lines is an anchor
	tailMinAnchors   = 2    // anchors a tail must hold
	tailCheckWords   = 8    // lines of this many words or more must be off-topic
	tailUnitLines    = 3    // such lines allowed between two anchors and after the last
	tailMaxOverlap   = 0.35 // share of the tail's content stems found above it
	tailClearWords   = 12   // a line this long …
	tailClearOverlap = 0.6  // … sharing this much is on topic
	tailMinBodyStems = 40   // content stems the text above must hold to judge
)

// applyOffTopicTail removes a trailing block of teasers of other stories (see
// the off-topic-tail rule in the Cleaner documentation).
func applyOffTopicTail(d *docLines) {
	anchors := tailAnchors(d)
	if len(anchors) < tailMinAnchors {
		return
	}
	body := map[string]struct{}{}
	added := 0 // lines before added have their stems in body
	for k, a := range anchors {
		if len(anchors)-k < tailMinAnchors {
			return
		}
		start := tailStart(d, a)
		for ; added < start; added++ {
			if d.rule[added] == ruleNone {
				addStems(body, d.lines[added].norm)
			}
		}
		if len(body) < tailMinBodyStems {
			continue
		}
		if tailShaped(d, anchors[k:]) && tailOffTopic(d, start, body) {
			for i := start; i < len(d.lines); i++ {
				if d.rule[i] == ruleNone && d.lines[i].orig != "" && !d.lines[i].quote() {
					d.rule[i] = ruleOffTopicTail
				}
			}
			return
		}
	}
}

// tailAnchors lists, in order, the lines that mark teasers: read-more lines,
// labels announcing other stories, and short title-like lines repeated
// within a few lines. Single teaser links ("See also …") are not anchors:
// pages set them between paragraphs of the article itself.
func tailAnchors(d *docLines) []int {
	var anchors []int
	for i := range d.lines {
		l := &d.lines[i]
		if l.orig == "" || l.prose || l.words > maxRuleWords || l.quote() {
			continue
		}
		if isReadMore(l) || isTeaserLabel(l) || repeatedHeadline(d, i) {
			anchors = append(anchors, i)
		}
	}
	return anchors
}

// repeatedHeadline reports whether line i is title-like (3 to 15 words, not
// ending with a full stop, not removed by a line rule) and repeated within the next
// tailRepeatWindow non-blank lines.
func repeatedHeadline(d *docLines, i int) bool {
	l := &d.lines[i]
	if l.words < 3 || l.words > 15 || d.rule[i] != ruleNone || strings.HasSuffix(l.orig, ".") {
		return false
	}
	seen := 0
	for j := i + 1; j < len(d.lines) && seen < tailRepeatWindow; j++ {
		if d.lines[j].orig == "" {
			continue
		}
		seen++
		if d.lines[j].orig == l.orig {
			return true
		}
	}
	return false
}

// tailStart extends a tail starting at anchor a back over blank lines, lines
// already removed, and short lines that do not end a sentence.
func tailStart(d *docLines, a int) int {
	start := a
	for j := a - 1; j >= 0; j-- {
		l := &d.lines[j]
		if l.orig == "" {
			continue
		}
		if d.rule[j] == ruleNone && (l.words > 10 || endsSentence(l.orig) || l.quote()) {
			break
		}
		start = j
	}
	return start
}

// tailShaped reports whether the stretch from the first of anchors to the
// end of the page looks like a list of teasers: between two anchors, and
// after the last, at most tailUnitLines lines of tailCheckWords words or more
// (a teaser shows a headline and one to three paragraphs, not an article).
func tailShaped(d *docLines, anchors []int) bool {
	next := 1
	long := 0
	for i := anchors[0] + 1; i < len(d.lines); i++ {
		if next < len(anchors) && i == anchors[next] {
			next++
			long = 0
			continue
		}
		if d.rule[i] == ruleNone && d.lines[i].words >= tailCheckWords {
			long++
			if long > tailUnitLines {
				return false
			}
		}
	}
	return true
}

// tailOffTopic reports whether the lines of tailCheckWords words or more from
// start on, taken together, share less than tailMaxOverlap of their content
// stems with body, and none of tailClearWords words or more shares
// tailClearOverlap or more (a paragraph plainly on the article's subject).
func tailOffTopic(d *docLines, start int, body map[string]struct{}) bool {
	var stems []string
	shared, total := 0, 0
	for i := start; i < len(d.lines); i++ {
		l := &d.lines[i]
		if d.rule[i] != ruleNone || l.words < tailCheckWords {
			continue
		}
		stems = lineStems(stems[:0], l.norm)
		n := 0
		for _, s := range stems {
			if _, ok := body[s]; ok {
				n++
			}
		}
		if l.words >= tailClearWords && float64(n) >= tailClearOverlap*float64(len(stems)) {
			return false
		}
		shared += n
		total += len(stems)
	}
	return float64(shared) < tailMaxOverlap*float64(total) || total == 0
}

// lineStems appends the distinct content stems of a normalised line: the
// first five letters of each word of four letters or more that is not a
// stop word.
func lineStems(dst []string, norm string) []string {
	for w := range wordsOf(norm) {
		st, ok := contentStem(w)
		if ok && !slices.Contains(dst, st) {
			dst = append(dst, st)
		}
	}
	return dst
}

func addStems(set map[string]struct{}, norm string) {
	for w := range wordsOf(norm) {
		if st, ok := contentStem(w); ok {
			set[st] = struct{}{}
		}
	}
}

func contentStem(w string) (string, bool) {
	n := 0
	end := len(w)
	for i, r := range w {
		if !unicode.IsLetter(r) {
			return "", false
		}
		if n == 5 {
			end = i
		}
		n++
	}
	if n < 4 || tailStopWords[w] {
		return "", false
	}
	if n <= 5 {
		return w, true
	}
	return w[:end], true
}

var tailStopWords = setOf("that", "this", "with", "from", "have", "been", "were", "which", "their", "there",
	"they", "them", "than", "then", "when", "what", "will", "would", "could", "should", "about", "after",
	"before", "into", "over", "also", "more", "most", "some", "such", "only", "other", "these", "those",
	"while", "where", "being", "does", "said", "says", "very", "just", "like", "because", "between",
	"under", "upon", "each", "even", "many", "much", "both", "still", "here", "your", "ours", "yours",
	"year", "years", "time", "first", "last", "since", "during", "against", "without", "within", "through",
	"already", "well", "made", "make", "according", "including", "whether", "among", "across", "whose",
	"they're", "it's", "don't", "can't", "isn't")
