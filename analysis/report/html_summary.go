package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// htmlBrief is the summary the page opens with: what was compared, the
// three clearest differences with links to their evidence, and the caveats
// a reader must know before quoting a number (docs/report.md).
type htmlBrief struct {
	Compared    string
	Differences []htmlDifference
	Caveats     []htmlDifference
}

// htmlDifference is one line of the summary: its text, the part of the page
// holding the evidence (an anchor), and a command that prints the passages.
type htmlDifference struct {
	Text, Anchor, Command string
}

// brief builds the summary from the results the charts use and from
// compare's corpus and documents tables.
func (r *HTMLPage) brief() *htmlBrief {
	p := &r.Report.Provenance
	by := p.Options["group"]
	if by == "" {
		by = "outlet"
	}
	b := &htmlBrief{}
	groups := r.Groups
	list := ""
	if len(groups) <= 8 {
		list = ": " + strings.Join(groups, ", ")
	}
	b.Compared = fmt.Sprintf("This page compares %s (grouped by %s%s), %s of %s.", Plural(len(groups), "group"), by, list, Plural(p.Documents, "document"), p.Corpus)
	if d, ok := r.frameDifference(); ok {
		b.Differences = append(b.Differences, d)
	}
	if d, ok := r.termDifference(); ok {
		b.Differences = append(b.Differences, d)
	}
	if d, ok := r.toneDifference(); ok {
		b.Differences = append(b.Differences, d)
	}
	small, total := 0, 0
	var sources []string
	for _, s := range r.Report.Sections {
		t := displayTable(s)
		switch t.Name {
		case "corpus":
			f := colIndex(t, "flag")
			for row := range t.AllRows() {
				total++
				if f >= 0 && row[f].Str == "small" {
					small++
				}
			}
		case "documents":
			g, v, n := colIndex(t, "group"), colIndex(t, "via"), colIndex(t, "notes")
			for row := range t.AllRows() {
				if g < 0 || v < 0 || n < 0 || row[v].Str == "" && row[n].Str == "" || len(sources) >= 6 {
					continue
				}
				text := row[g].Str + ": " + row[n].Str
				if row[v].Str != "" {
					text += " (via " + row[v].Str + ")"
				}
				sources = append(sources, text)
			}
		}
	}
	if small > 0 {
		b.Caveats = append(b.Caveats, htmlDifference{Anchor: "s-corpus", Text: fmt.Sprintf(
			"%d of %s have fewer than %d documents (flag small): their figures describe those articles, not the outlets, and a rate can swing with one sentence.", small, Plural(total, "group"), SmallGroup)})
	}
	if len(sources) > 0 {
		b.Caveats = append(b.Caveats, htmlDifference{Anchor: "s-documents", Command: r.command("corpus", "--docs"),
			Text: "Where the texts come from — " + strings.Join(sources, "; ") + "."})
	}
	b.Caveats = append(b.Caveats, htmlDifference{Anchor: "s-tone",
		Text: "Tone and frames are counted by instruments and word lists, not read: check the passages before quoting a number."})
	return b
}

// frameDifference is the frame category a group uses most clearly more
// than the others: the row whose interval's lower end is highest.
func (r *HTMLPage) frameDifference() (htmlDifference, bool) {
	best := -1
	for i, row := range r.FrameRows {
		if row.Hits > 0 && !math.IsNaN(row.Low) && (best < 0 || row.Low > r.FrameRows[best].Low) {
			best = i
		}
	}
	if best < 0 {
		return htmlDifference{}, false
	}
	top := r.FrameRows[best]
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range r.FrameRows {
		if row.Key == top.Key && row.Group != top.Group {
			lo, hi = math.Min(lo, row.Per1k), math.Max(hi, row.Per1k)
		}
	}
	others := ""
	if !math.IsInf(lo, 0) {
		others = fmt.Sprintf("; the other groups: %s to %s", fmtNum(lo, 2), fmtNum(hi, 2))
	}
	return htmlDifference{Anchor: "s-lexicon", Command: r.command("lexicon", "--lexicon", r.Frames, "--explain", top.Key),
		Text: fmt.Sprintf("%s uses the most words of the %s category: %s per 1,000 words (%s; 95%% interval [%s, %s])%s.",
			top.Group, top.Key, fmtNum(top.Per1k, 2), Plural(int(top.Hits), "hit"), fmtNum(top.Low, 2), fmtNum(top.High, 2), others)}, true
}

// termDifference is the most distinctive term of any group (highest
// log-odds z, used by more than one document or in a group of one).
func (r *HTMLPage) termDifference() (htmlDifference, bool) {
	group, term, z, count := "", "", math.Inf(-1), int64(0)
	for _, k := range r.Keyness {
		if k.Group < 0 || k.Group >= len(r.Groups) {
			continue
		}
		for _, kt := range k.Terms {
			if !kt.SingleDoc && kt.LogOddsZ > z {
				group, term, z, count = r.Groups[k.Group], kt.Term, kt.LogOddsZ, kt.Count
			}
		}
	}
	if term == "" {
		return htmlDifference{}, false
	}
	return htmlDifference{Anchor: "s-terms", Command: r.command("kwic", shellQuote(term)),
		Text: fmt.Sprintf("%s's most distinctive word is “%s”: %s, log-odds z %s against the other groups — a sign of what the text is about, not of its opinion.",
			group, term, Plural(int(count), "use"), fmtNum(z, 2))}, true
}

// toneDifference compares the groups with the highest and the lowest mean
// sentence tone of the first instrument (VADER), saying whether their
// intervals overlap.
func (r *HTMLPage) toneDifference() (htmlDifference, bool) {
	s := r.Tone
	if s == nil || len(s.Instruments) == 0 || len(s.Groups) < 2 {
		return htmlDifference{}, false
	}
	ivs := s.Intervals[0]
	order := make([]int, 0, len(ivs))
	for g := range ivs {
		if !math.IsNaN(ivs[g].Mean) {
			order = append(order, g)
		}
	}
	if len(order) < 2 {
		return htmlDifference{}, false
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmpFloat(ivs[b].Mean, ivs[a].Mean)
	})
	hi, lo := ivs[order[0]], ivs[order[len(order)-1]]
	verdict := "their intervals overlap, so the data cannot tell the two apart"
	if hi.Low > lo.High {
		verdict = "their intervals do not overlap"
	}
	return htmlDifference{Anchor: "s-tone",
		Text: fmt.Sprintf("Tone (%s, −1 to 1, 0 neutral) is highest for %s, %s %s, and lowest for %s, %s %s: %s.",
			s.Instruments[0], s.Groups[order[0]], fmtNum(hi.Mean, 3), ciText(hi), s.Groups[order[len(order)-1]], fmtNum(lo.Mean, 3), ciText(lo), verdict)}, true
}

// cmpFloat orders a before b when a < b.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// shellQuote quotes a word for a POSIX shell when it holds anything but
// letters, digits and - _ .
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.", c))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
