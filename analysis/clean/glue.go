package clean

import "strings"

// Labels glued to body text: a page often sets a label and a paragraph on
// one line ("Update at 3:53 p.m. ET. Death Toll Rises:", "… before the
// vote. Photo: Getty", "… a civil war: Hide Caption 1 of 222 Photos: …").
// Rules work on whole lines, and the quotation guard keeps a line whole,
// so such a label would stay with its paragraph. Before the rules run, a
// line is therefore cut into fragments at these labels (glueCuts); each
// fragment is then a line for the rules, and fragments of one line that
// are all kept are joined back byte for byte.

// gluedPrefixes open a line with a label that ends at the first of its
// closers: the fragment up to and including the closer is cut off.
var gluedPrefixes = []struct{ open, close string }{
	{"update at ", " et. "}, {"update at ", " et: "}, {"updated at ", " et "}, {"updated at ", " et. "},
	{"update (", "): "},
	{"story highlights ", ""},
	{"archived recording ", ""},
	// ABC's list item: "quicklist: 1 title: Gang's All Here text: The Senate's …"
	{"quicklist: ", " text: "},
	// BBC's player message before the video's caption.
	{mediaMessage, ""},
}

// mediaMessage opens a line of BBC's video player: it is cut off the
// caption when the caption quotes someone (the quotation guard keeps the
// caption, the media-player rule removes the message).
const mediaMessage = "media playback is unsupported on your device "

// closerWindow is how far into a line a prefix's closer is looked for
// (an item's title may be long).
const closerWindow = 240

// gluedSuffixes close a line with a label of a few words: the fragment
// from the label on is cut off when it holds at most maxSuffixWords words.
var gluedSuffixes = []string{" Photo: ", " Photos: ", " Photograph: ", " PHOTO: ", " (Photo: "}

// creditLabelAt returns where one of gluedSuffixes starts in s when it
// holds its colon at colon, else -1.
func creditLabelAt(s string, colon int) int {
	for _, suf := range gluedSuffixes {
		at := colon + 2 - len(suf)
		if at >= 0 && colon+2 <= len(s) && s[at:colon+2] == suf {
			return at
		}
	}
	return -1
}

const maxSuffixWords = 10

// glueCuts returns the byte offsets in line at which it is cut into
// fragments, ascending, or nil (most lines).
func glueCuts(line string, buf []int) []int {
	cuts := buf[:0]
	if len(line) < 8 {
		return cuts
	}
	if c := line[0] | 0x20; c == 'u' || c == 's' || c == 'f' || c == 'a' || c == 'q' || c == 'm' {
		for _, p := range gluedPrefixes {
			if len(line) <= len(p.open) || !strings.EqualFold(line[:len(p.open)], p.open) {
				continue
			}
			if p.open == mediaMessage && !strings.ContainsAny(line, "\"“”") {
				continue // the player's line whole: the media-player rule's
			}
			at := len(p.open)
			if p.close != "" {
				k := strings.Index(strings.ToLower(line[:min(len(line), closerWindow)]), p.close)
				if k < 0 {
					continue
				}
				at = k + len(p.close) // the body starts after the closer's space
			} else if p.open == "archived recording " {
				// "archived recording 1 …", "archived recording (donald trump) …"
				at = skipSpeakerTag(line, at)
			}
			cuts = append(cuts, at)
			if p.open == mediaMessage && strings.HasPrefix(line[at:], "Media caption ") {
				cuts = append(cuts, at+len("Media caption "))
			}
			break
		}
	}
	if at := updateLabelEnd(line); at > 0 {
		cuts = append(cuts, at)
	}
	cuts = transcriptTags(line, cuts)
	// CNN's gallery glued after a paragraph (a line opening with the
	// gallery is the gallery rule's, whole).
	// (Looked for without the leading space, which would stop the search
	// at every word.)
	if k := strings.Index(line, "Hide Caption "); k > 1 && line[k-1] == ' ' && !strings.HasPrefix(line, "Photos:") {
		cuts = append(cuts, k-1)
	}
	// A closing credit: the last colons of the line's last 160 bytes,
	// read backwards (LastIndex of each label would scan the tail four
	// times).
	tail := line[max(0, len(line)-160):]
	for k, tries := strings.LastIndexByte(tail, ':'), 0; k > 0 && tries < 3; k, tries = strings.LastIndexByte(tail[:k], ':'), tries+1 {
		if at := creditLabelAt(tail, k); at >= 0 && strings.Count(tail[at:], " ") <= maxSuffixWords && (tail[at+1] != '(' || closesOnParen(tail) && captionStays(line)) {
			cuts = append(cuts, len(line)-len(tail)+at)
			break
		}
	}
	if at := closingPhotoCredit(line); at > 0 && captionStays(line) {
		cuts = append(cuts, at)
	}
	if strings.HasSuffix(line, " VPC") { // USA TODAY's video credit
		cuts = append(cuts, len(line)-4)
	}
	if len(cuts) > 1 {
		// Keep them ascending and apart.
		for i := 1; i < len(cuts); i++ {
			for j := i; j > 0 && cuts[j] < cuts[j-1]; j-- {
				cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
			}
		}
		out := cuts[:1]
		for _, c := range cuts[1:] {
			if c > out[len(out)-1] {
				out = append(out, c)
			}
		}
		cuts = out
	}
	if len(cuts) > 0 && (cuts[0] <= 0 || cuts[len(cuts)-1] >= len(line)) {
		return cuts[:0]
	}
	return cuts
}

// skipSpeakerTag returns the offset after a transcript's speaker tag that
// follows "archived recording ": a number or a parenthesis.
func skipSpeakerTag(line string, at int) int {
	rest := line[at:]
	switch {
	case strings.HasPrefix(rest, "("):
		if k := strings.IndexByte(rest, ')'); k > 0 {
			return at + k + 1
		}
	case rest != "" && rest[0] >= '0' && rest[0] <= '9':
		k := 0
		for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
			k++
		}
		return at + k
	}
	return at - 1
}

// updateLabelEnd returns where the body starts after an opening live-update
// label set in capitals ("UPDATE: 10 children …", "UPDATE II - It looks
// like …"), or 0.
func updateLabelEnd(line string) int {
	if len(line) > 10 && strings.EqualFold(line[:8], "update: ") && '0' <= line[8] && line[8] <= '9' {
		// A live blog's stamp: "Update: 7:11PM EDT: Journalist Damien …"
		if k := strings.Index(line[8:min(len(line), 40)], ": "); k > 0 {
			return 8 + k + 2
		}
	}
	if !strings.HasPrefix(line, "UPDATE") {
		return 0
	}
	i := len("UPDATE")
	if i < len(line) && line[i] == ' ' { // a numeral: "UPDATE II", "UPDATE 2"
		j := i + 1
		for j < len(line) && strings.IndexByte("IVX0123456789", line[j]) >= 0 {
			j++
		}
		if j > i+1 && j-i <= 5 {
			i = j
		}
	}
	rest := line[i:]
	for _, sep := range []string{": ", " - ", " – ", " — "} {
		if strings.HasPrefix(rest, sep) && len(rest) > len(sep) {
			return i + len(sep)
		}
	}
	return 0
}

// transcriptTags adds to cuts the edges of a video transcript's tags inside
// a line: bracketed labels set in capitals ("[VO]", "[ARCHIVED RECORDING
// (PRESIDENT GEORGE W. BUSH)]") and a speaker tag after a sentence ("…
// coronavirus. archived recording 2 Bans on …").
func transcriptTags(line string, cuts []int) []int {
	for from := 0; from < len(line); {
		k := strings.IndexByte(line[from:], '[')
		if k < 0 {
			break
		}
		k += from
		e := strings.IndexByte(line[k:min(len(line), k+80)], ']')
		if e < 0 {
			break
		}
		e += k + 1
		if capitalsTag(line[k+1:e-1]) && tagStart(line[:k]) {
			if k > 0 {
				cuts = append(cuts, k)
			}
			if e < len(line) {
				cuts = append(cuts, e)
			}
		}
		from = e
	}
	// The tags are looked for without their leading space: a pattern
	// opening with a space would stop the search at every word. Lines of
	// a transcript in lower case open in lower case ("michael barbaro …").
	for _, tag := range []string{"archived recording ", "ARCHIVED RECORDING "} {
		if tag[0] == 'a' && !('a' <= line[0] && line[0] <= 'z') {
			continue
		}
		for from := 1; from < len(line); {
			k := strings.Index(line[from:], tag)
			if k < 0 {
				break
			}
			k += from
			from = k + len(tag)
			if line[k-1] != ' ' {
				continue
			}
			at := skipSpeakerTag(line, k+len(tag))
			cuts = append(cuts, k)
			if at < len(line) {
				cuts = append(cuts, at)
			}
			from = max(at, from)
		}
	}
	return scriptCues(line, cuts)
}

// scriptCues adds to cuts the edges of a video script's voice-over cue
// ("VO NANCY PAREDO CAME FROM …", "… an achievable goal VO THE WORLD’S …",
// "FLYERING SCENE VO: They are …", "VO (FR): Ils sont …"): "VO" standing
// alone, before a colon, a word in capitals, a dash or a parenthesis.
func scriptCues(line string, cuts []int) []int {
	for from := 0; from+3 < len(line); {
		k := strings.Index(line[from:], "VO")
		if k < 0 || k+from+3 >= len(line) {
			break
		}
		k += from
		from = k + 2
		if k > 0 && line[k-1] != ' ' {
			continue
		}
		next := line[k+3]
		if line[k+2] == ':' {
			next = ':'
		} else if line[k+2] != ' ' || !('A' <= next && next <= 'Z' || next == '-' || next == '(') {
			continue
		}
		if k > 0 {
			cuts = append(cuts, k)
		}
		cuts = append(cuts, k+2)
	}
	return cuts
}

// capitalsTag reports a tag of capitals: a letter, no lower-case letter.
func capitalsTag(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			return false
		case 'A' <= c && c <= 'Z':
			letter = true
		}
	}
	return letter
}

// tagStart reports whether a bracketed tag after before opens an utterance
// of a transcript: at the line's start, or after a sentence's end, another
// tag or a "//" cue. A tag inside a sentence ("in 1993 [REDACTED] by
// Armenia") is the sentence's.
func tagStart(before string) bool {
	before = strings.TrimRight(before, " ")
	return before == "" || strings.IndexByte(".?!]/:\"”", before[len(before)-1]) >= 0
}

// closingPhotoCredit returns where a closing wire credit in parentheses
// starts ("… in Des Moines. (AP Photo/Charlie Neibergall)", "(Reuters
// Photo/Name)"), or 0.
func closingPhotoCredit(line string) int {
	if len(line) < 20 || line[len(line)-1] != ')' {
		return 0
	}
	k := strings.LastIndex(line[max(0, len(line)-80):], " (")
	if k < 0 {
		return 0
	}
	k += max(0, len(line)-80)
	inner := line[k+2:]
	if sp := strings.IndexByte(inner, ' '); sp > 0 && sp <= 10 && strings.HasPrefix(inner[sp:], " Photo/") {
		return k
	}
	return 0
}

// captionStays reports whether a line closing on a credit in parentheses
// is one the photo-credit rule keeps whole: sentence-like (as lineView's
// prose) or over 60 words. Only then is the credit cut off; a short
// caption ("Samantha Power (Photo: Andrew Burton, Getty Images)") is left
// whole to the photo-credit rule, which removes it with its credit.
func captionStays(line string) bool {
	words, lower := 0, 0
	for f := range strings.FieldsSeq(line) {
		words++
		if c := f[0]; 'a' <= c && c <= 'z' {
			lower++
		}
	}
	return words > 60 || words >= proseWords && 2*lower >= words && strings.ContainsAny(line, ".!?")
}
