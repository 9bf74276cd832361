package clean

import "strings"

// playerMessages open the line of a video or audio player: the rest of the
// line is the player's caption.
var playerMessages = []string{"media playback is unsupported", "media playback is not supported", "media caption",
	"your browser does not support the video", "your browser does not support the audio",
	"your browser does not support html5 video", "please enable javascript to watch this video"}

func isMediaPlayer(l *lineView) bool {
	c := l.core
	if l.words > maxRuleWords || c == "" || c[0] != 'm' && c[0] != 'y' && c[0] != 'p' && c[0] != 'j' && !strings.Contains(c, "replay") {
		return false
	}
	if hasAnyPrefixWord(c, playerMessages) {
		return true
	}
	// A video carousel: "JUST WATCHED title Replay More Videos ... MUST
	// WATCH title 04:48".
	return strings.Contains(c, "replay more videos") && strings.Contains(c, "must watch")
}

func isGallery(l *lineView) bool {
	c := l.core
	if hasPrefixWord(c, "photos") || hasPrefixWord(c, "hide caption") {
		return hasSlideControl(c)
	}
	if l.long() || l.words > 12 {
		return false
	}
	// "1 of 13 i View slideshow", "View slideshow".
	if strings.HasSuffix(c, "view slideshow") {
		return true
	}
	// "See more of <outlet>'s best photography".
	return strings.HasPrefix(c, "see more ") && hasAnySuffix(c, []string{"photography", "photos", "pictures", "images", "galleries"})
}

// hasSlideControl reports a gallery's slide controls in a normalised line:
// "previous next" or a counter "hide caption 3 of 20".
func hasSlideControl(s string) bool {
	if strings.Contains(s, "previous next") {
		return true
	}
	for from := 0; ; {
		i := strings.Index(s[from:], "hide caption ")
		if i < 0 {
			return false
		}
		from += i + len("hide caption ")
		if isCounter(s[from:]) {
			return true
		}
	}
}

// isCounter reports whether s opens with "N of M".
func isCounter(s string) bool {
	n := skipDigits(s)
	if n == 0 || !strings.HasPrefix(s[n:], " of ") {
		return false
	}
	return skipDigits(s[n+4:]) > 0
}

func skipDigits(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// clockWords may follow a number in a clock time or name a time zone.
var clockWords = setOf("a", "m", "p", "am", "pm", "noon", "midnight", "et", "est", "edt", "ct", "cst", "cdt",
	"mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "local", "time")

// updateWords make a line with a clock time an update stamp.
var updateWords = setOf("update", "updated", "updates", "posted", "published", "last", "recently", "originally")

// stampWords may stand in an update stamp besides the clock and the update
// words: "(This post was last updated at 1:31 p.m. ET, Monday, Jan. 6.)".
var stampWords = setOf("at", "on", "this", "post", "story", "article", "was", "we", "most", "our", "original",
	"from", "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
	"july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thurs", "thursday", "fri", "friday",
	"sat", "saturday", "sun", "sunday")

// isTimestamp reports a time stamp standing alone: a clock time with at most
// a time zone ("9:50 p.m.", "7:15 a.m. ET:"), or a clock time with update
// words ("Updated at 3:05 p.m. ET"), dates and weekdays allowed.
func isTimestamp(l *lineView) bool {
	if l.words > 14 || countDigits(l.core) == 0 && !strings.Contains(l.core, "noon") && !strings.Contains(l.core, "midnight") {
		return false
	}
	clock, update, other := hasClockColon(l.core), false, false
	prevNum := false
	for w := range wordsOf(l.core) {
		num := skipDigits(w) == len(w)
		switch {
		case num:
			if len(w) > 4 {
				return false
			}
		case clockWords[w]:
			if w == "noon" || w == "midnight" || prevNum && (w == "a" || w == "p" || w == "am" || w == "pm") {
				clock = true
			}
		case updateWords[w]:
			update = true
		case stampWords[w]:
			other = true
		default:
			return false
		}
		prevNum = num
	}
	return clock && (update || !other)
}

// hasClockColon reports a clock time "9:50" or "12:30": one or two digits, a
// colon and two digits, then no further digit or comma.
func hasClockColon(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != ':' || !isDigit(s[i-1]) || !isDigit(s[i+1]) || !isDigit(s[i+2]) {
			continue
		}
		if i >= 3 && isDigit(s[i-3]) && isDigit(s[i-2]) {
			continue
		}
		if j := i + 3; j < len(s) && (isDigit(s[j]) || s[j] == ',') {
			continue
		}
		return true
	}
	return false
}

var breadcrumbSeps = []string{" » ", " › ", " > ", " / ", " | ", " :: "}

func isBreadcrumb(l *lineView) bool {
	if l.words > 40 || l.words < 2 {
		return false
	}
	s := " " + l.norm + " "
	for _, sep := range breadcrumbSeps {
		if !strings.Contains(s, sep) {
			continue
		}
		segs := 0
		home, firstHome := false, false
		ok := true
		for seg := range strings.SplitSeq(strings.TrimSpace(s), strings.TrimSpace(sep)) {
			seg = strings.TrimSpace(seg)
			if seg == "" {
				continue
			}
			if strings.Count(seg, " ") >= 12 || endsSentence(seg) {
				ok = false
				break
			}
			if seg == "home" || seg == "homepage" || seg == "start" {
				home = true
				if segs == 0 {
					firstHome = true
				}
			}
			segs++
		}
		if !ok {
			continue
		}
		fancy := sep == " » " || sep == " › "
		if (segs >= 3 && (home || fancy)) || (segs >= 2 && firstHome) {
			return true
		}
	}
	return false
}

func isSeparator(l *lineView) bool {
	return l.core == "" && l.orig != ""
}

func isLinkOnly(l *lineView) bool {
	if l.words > 6 {
		return false
	}
	n := 0
	for _, t := range strings.Fields(l.norm) {
		t = strings.Trim(t, ".,;:!?()[]<>|•*-–—")
		if t == "" {
			continue
		}
		if !isLinkToken(t) {
			return false
		}
		n++
	}
	return n > 0
}
