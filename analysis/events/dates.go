package events

import (
	"math"
	"strconv"
	"strings"
	"time"

	"parallax/analysis/segment"
)

// docDate is a document's date as far as it is known; 0 means unknown.
type docDate struct{ year, month, day int }

// parseDocDate reads the ISO 8601 prefix of a document's date: YYYY-MM-DD,
// YYYY-MM or YYYY. Anything else is unknown.
func parseDocDate(s string) docDate {
	s = strings.TrimSpace(s)
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = 10*n + int(s[i]-'0')
		}
		return n, len(s) > 0
	}
	var d docDate
	if len(s) < 4 || (len(s) > 4 && s[4] != '-') {
		return d
	}
	y, ok := num(s[:4])
	if !ok {
		return d
	}
	d.year = y
	if len(s) < 7 || (len(s) > 7 && s[7] != '-') {
		return d
	}
	m, ok := num(s[5:7])
	if !ok || m < 1 || m > 12 {
		return d
	}
	d.month = m
	if len(s) < 10 || (len(s) > 10 && s[10] >= '0' && s[10] <= '9') {
		return d
	}
	day, ok := num(s[8:10])
	if !ok || !validDay(y, m, day) {
		return d
	}
	d.day = day
	return d
}

// noDay marks an undated item for averageLink.
const noDay = math.MinInt32

// dayOf is the number of days from 1970-01-01 to the given date (proleptic
// Gregorian, as the time package counts; the date must be valid).
func dayOf(y, m, d int) int32 {
	return int32(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

const secondsPerDay = 24 * 60 * 60

// dateOf is the date of a day number, the inverse of dayOf.
func dateOf(z int32) time.Time { return time.Unix(int64(z)*secondsPerDay, 0).UTC() }

// isoDay formats a day number as YYYY-MM-DD.
func isoDay(z int32) string { return dateOf(z).Format(time.DateOnly) }

// daysIn is the number of days in month m of year y.
func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

func validDay(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) }

// Precision of a date mention.
const (
	precDay   = 1
	precMonth = 2
	precYear  = 3
)

// dateMention is a date found in a sentence: the period it names, as
// inclusive day numbers, and its tokens.
type dateMention struct {
	from, to   int32
	prec       uint8
	start, end int  // tokens [start, end)
	inferred   bool // a day written without its year, which the document's date gave (inferYear)
}

// String is the period in ISO form: 2023-09-19, 2023-09 or 2023.
func (m dateMention) String() string {
	s := isoDay(m.from)
	switch m.prec {
	case precMonth:
		return s[:7]
	case precYear:
		return s[:4]
	}
	return s
}

var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdayNames = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

// yearOnlyWords are the words before a year that make it a mention of that
// year: "in 2020", "during 1993", "throughout 2022", "of 1994".
var yearOnlyWords = map[string]bool{"in": true, "during": true, "throughout": true, "of": true}

// findDateMentions appends the date mentions of one sentence (see
// docs/events.md for the forms read). A day or month given without a year
// takes the document's year (see inferYear); without a document year it is
// skipped.
func findDateMentions(text string, toks []segment.Token, dd docDate, dst []dateMention) []dateMention {
	for i := 0; i < len(toks); {
		if m, ok := mentionAt(text, toks, i, dd); ok {
			dst = append(dst, m)
			i = m.end
			continue
		}
		i++
	}
	return dst
}

// gapOK reports whether the text between two tokens is one of the allowed
// separators: white space alone (" "), or the given punctuation followed
// by white space or directly by the next token ("-"), with "." also for
// "Sept. 19".
func gapOK(text string, a, b *segment.Token, punct string) bool {
	g := text[a.Span.End:b.Span.Start]
	if punct != "" && strings.HasPrefix(g, punct) {
		g = g[len(punct):]
		if punct == "-" {
			return g == ""
		}
	} else if g == "" {
		return false
	}
	return strings.TrimSpace(g) == ""
}

// yearTok reads a token as a year: four digits from 1900 to 2100, written
// as such (not "2,000").
func yearTok(text string, t *segment.Token) (int, bool) {
	if t.Kind != segment.TokNumber || len(t.Norm) != 4 || text[t.Span.Start:t.Span.End] != t.Norm {
		return 0, false
	}
	y, err := strconv.Atoi(t.Norm)
	if err != nil || y < 1900 || y > 2100 {
		return 0, false
	}
	return y, true
}

// dayTok reads a token as a day of the month: 1 to 31, also "19th", "1st".
func dayTok(t *segment.Token) int {
	s := t.Norm
	if t.Kind == segment.TokWord {
		switch {
		case strings.HasSuffix(s, "st"), strings.HasSuffix(s, "nd"), strings.HasSuffix(s, "rd"), strings.HasSuffix(s, "th"):
			s = s[:len(s)-2]
		default:
			return 0
		}
	} else if t.Kind != segment.TokNumber {
		return 0
	}
	if len(s) == 0 || len(s) > 2 {
		return 0
	}
	d := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
		d = 10*d + int(s[i]-'0')
	}
	if d < 1 || d > 31 {
		return 0
	}
	return d
}

// monthTok reads a token as a month name, which must be capitalised in the
// text ("may" and "march" are also verbs).
func monthTok(text string, t *segment.Token) int {
	if t.Kind != segment.TokWord {
		return 0
	}
	if text[t.Span.Start] < 'A' || text[t.Span.Start] > 'Z' {
		return 0
	}
	return monthNames[t.Norm]
}

// inferYear gives a day without a year the document's year; when the
// document's month is known and the day would fall more than 60 days after
// the end of that month, the year before (a January article on "December
// 28"). 0 when the document has no year.
func inferYear(dd docDate, m, d int) int {
	if dd.year == 0 {
		return 0
	}
	y := dd.year
	if dd.month > 0 && validDay(y, m, d) {
		end := dayOf(y, dd.month, daysIn(y, dd.month))
		if dayOf(y, m, d) > end+60 {
			y--
		}
	}
	return y
}

// mentionAt reads a date mention beginning at token i.
func mentionAt(text string, toks []segment.Token, i int, dd docDate) (dateMention, bool) {
	t := &toks[i]
	day := func(y, m, d, end int) (dateMention, bool) {
		if y == 0 || !validDay(y, m, d) {
			return dateMention{}, false
		}
		z := dayOf(y, m, d)
		return dateMention{from: z, to: z, prec: precDay, start: i, end: end}, true
	}
	next := func(k int) *segment.Token {
		if i+k < len(toks) {
			return &toks[i+k]
		}
		return nil
	}
	if y, ok := yearTok(text, t); ok {
		// 2023-09-19
		if a, b := next(1), next(2); b != nil && gapOK(text, t, a, "-") && gapOK(text, a, b, "-") &&
			a.Kind == segment.TokNumber && len(a.Norm) == 2 && b.Kind == segment.TokNumber && len(b.Norm) == 2 {
			m, _ := strconv.Atoi(a.Norm)
			d, _ := strconv.Atoi(b.Norm)
			return day(y, m, d, i+3)
		}
		// in 2020
		if i > 0 && yearOnlyWords[toks[i-1].Norm] && gapOK(text, &toks[i-1], t, "") {
			from, to := dayOf(y, 1, 1), dayOf(y, 12, 31)
			return dateMention{from: from, to: to, prec: precYear, start: i, end: i + 1}, true
		}
		return dateMention{}, false
	}
	if m := monthTok(text, t); m > 0 {
		n := next(1)
		if n == nil {
			return dateMention{}, false
		}
		if d := dayTok(n); d > 0 && (gapOK(text, t, n, "") || gapOK(text, t, n, ".")) {
			// September 19, 2023 · Sept. 19 2023 · September 19
			if yt := next(2); yt != nil && (gapOK(text, n, yt, "") || gapOK(text, n, yt, ",")) {
				if y, ok := yearTok(text, yt); ok {
					return day(y, m, d, i+3)
				}
			}
			return inferredDay(day(inferYear(dd, m, d), m, d, i+2))
		}
		// September 2023
		if y, ok := yearTok(text, n); ok && (gapOK(text, t, n, "") || gapOK(text, t, n, ",")) {
			from, to := dayOf(y, m, 1), dayOf(y, m, daysIn(y, m))
			return dateMention{from: from, to: to, prec: precMonth, start: i, end: i + 2}, true
		}
		return dateMention{}, false
	}
	if d := dayTok(t); d > 0 {
		// 19 September 2023 · 5 March
		n := next(1)
		if n == nil || !gapOK(text, t, n, "") {
			return dateMention{}, false
		}
		m := monthTok(text, n)
		if m == 0 {
			return dateMention{}, false
		}
		if yt := next(2); yt != nil && (gapOK(text, n, yt, "") || gapOK(text, n, yt, ",")) {
			if y, ok := yearTok(text, yt); ok {
				return day(y, m, d, i+3)
			}
		}
		return inferredDay(day(inferYear(dd, m, d), m, d, i+2))
	}
	return dateMention{}, false
}

// inferredDay marks a day mention whose year the document's date gave.
func inferredDay(m dateMention, ok bool) (dateMention, bool) {
	m.inferred = true
	return m, ok
}

// isDateline reports whether a sentence is nothing but a date, with
// perhaps a weekday ("Friday, September 22, 2023"): a page's dateline,
// which says when the page was printed, not what it is about.
func isDateline(toks []segment.Token, ments []dateMention) bool {
	if len(ments) == 0 {
		return false
	}
	k := 0
	for i := range toks {
		for k < len(ments) && ments[k].end <= i {
			k++
		}
		if k < len(ments) && ments[k].start <= i {
			continue
		}
		if !weekdayNames[toks[i].Norm] {
			return false
		}
	}
	return true
}
