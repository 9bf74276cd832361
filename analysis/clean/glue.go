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
}

// gluedSuffixes close a line with a label of a few words: the fragment
// from the label on is cut off when it holds at most maxSuffixWords words.
var gluedSuffixes = []string{" Photo: ", " Photos: ", " Photograph: ", " PHOTO: "}

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
	if c := line[0] | 0x20; c == 'u' || c == 's' || c == 'f' || c == 'a' {
		for _, p := range gluedPrefixes {
			if len(line) <= len(p.open) || !strings.EqualFold(line[:len(p.open)], p.open) {
				continue
			}
			at := len(p.open)
			if p.close != "" {
				k := strings.Index(strings.ToLower(line[:min(len(line), 80)]), p.close)
				if k < 0 {
					continue
				}
				at = k + len(p.close) // the body starts after the closer's space
			} else if p.open == "archived recording " {
				// "archived recording 1 …", "archived recording (donald trump) …"
				at = skipSpeakerTag(line, at)
			}
			cuts = append(cuts, at)
			break
		}
	}
	// CNN's gallery glued after a paragraph (a line opening with the
	// gallery is the gallery rule's, whole).
	if k := strings.Index(line, " Hide Caption "); k > 0 && !strings.HasPrefix(line, "Photos:") && !strings.HasPrefix(line, "Hide Caption") {
		cuts = append(cuts, k)
	}
	// A closing credit: the last colons of the line's last 160 bytes,
	// read backwards (LastIndex of each label would scan the tail four
	// times).
	tail := line[max(0, len(line)-160):]
	for k, tries := strings.LastIndexByte(tail, ':'), 0; k > 0 && tries < 3; k, tries = strings.LastIndexByte(tail[:k], ':'), tries+1 {
		if at := creditLabelAt(tail, k); at >= 0 && strings.Count(tail[at:], " ") <= maxSuffixWords {
			cuts = append(cuts, len(line)-len(tail)+at)
			break
		}
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
