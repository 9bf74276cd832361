package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Where a document's date came from (Document.DateSource, the date_source
// of docs/output.md).
const (
	// DateFromField: the date field (or "published") of the record.
	DateFromField = "field"
	// DateFromURL: the date field was empty; the date was read from the
	// URL's path (DateFromURLPath).
	DateFromURL = "url"
	// DateFromDateline: the date field was empty and the URL has none;
	// the date was read from a dateline at the top of the text
	// (DateFromText).
	DateFromDateline = "dateline"
	// DateFromNone: no date anywhere.
	DateFromNone = "none"
)

// DateSources counts the loaded documents by where their date came from.
type DateSources struct {
	Field, URL, Dateline, None int
}

// add counts one document of source src.
func (s *DateSources) add(src string) {
	switch src {
	case DateFromField:
		s.Field++
	case DateFromURL:
		s.URL++
	case DateFromDateline:
		s.Dateline++
	default:
		s.None++
	}
}

// Add adds the counts of o, for runs that load several inputs.
func (s *DateSources) Add(o DateSources) {
	s.Field += o.Field
	s.URL += o.URL
	s.Dateline += o.Dateline
	s.None += o.None
}

// fillDate dates a document whose date field is empty from its URL, and
// failing that from a dateline in its text, and records where the date
// came from.
func fillDate(d *Document) {
	d.Date, d.DateSource = effectiveDate(d)
}

// effectiveDate is the date fillDate gives d, and where it comes from,
// without changing d: the date filters (--from, --to) read it, so that a
// record dated from its URL is selected by that date.
func effectiveDate(d *Document) (date, source string) {
	if strings.TrimSpace(d.Date) != "" {
		return d.Date, DateFromField
	}
	if s, ok := DateFromURLPath(d.URL); ok {
		return s, DateFromURL
	}
	if s, ok := DateFromText(d.Text); ok {
		return s, DateFromDateline
	}
	return d.Date, DateFromNone
}

// Dates read from URLs: a year from minURLYear to maxURLYear only (a
// number outside is an identifier, not a year).
const (
	minURLYear = 1990
	maxURLYear = 2039
)

var (
	// /2017/04/04/ · /2017/4/4/ · /2017/apr/04/ (segments of the path)
	urlYMD = regexp.MustCompile(`(?i)/((?:19|20)\d\d)/(\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)/(\d{1,2})(?:/|$|[-_.])`)
	// 2017-04-04 · 2017_04_04, not inside a longer number
	urlISO = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)[-_](\d\d)[-_](\d\d)(?:\D|$)`)
	// /20170404/ · -20170404- : eight digits alone between separators
	urlCompact = regexp.MustCompile(`(?:^|[/_.-])((?:19|20)\d\d)(\d\d)(\d\d)(?:$|[/_.-])`)
	// /2017/04/ : a year and a month, the day unknown
	urlYM = regexp.MustCompile(`(?i)/((?:19|20)\d\d)/(\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:/|$)`)
	// the Wall Street Journal's /articles/slug-1491332706 or -11559122205:
	// the article's creation time in Unix seconds, after a "1" in the
	// newer eleven-digit form
	urlWSJ = regexp.MustCompile(`^/articles/[^/]*-1?(1\d{9})$`)
)

// newYork is the Wall Street Journal's clock for its URL timestamps: US
// Eastern Standard Time as a fixed offset (an article stamped between
// 23:00 and midnight daylight time is dated a day early by an hour's
// difference; no time zone database is needed).
var newYork = time.FixedZone("EST", -5*60*60)

// DateFromURLPath reads a date from the path of a URL (not its host, query
// or fragment), in the first form that matches, in this order:
//
//   - /YYYY/MM/DD/ or /YYYY/mon/DD/ (path segments; the day may end the
//     path or be followed by "-", "_" or "."),
//   - YYYY-MM-DD or YYYY_MM_DD, not inside a longer number,
//   - YYYYMMDD as eight digits between separators ("/", "-", "_", "."),
//   - on wsj.com, /articles/slug-NNNNNNNNNN (or -1NNNNNNNNNN): the Unix
//     time of the article, taken in New York (UTC−5),
//   - /YYYY/MM/ alone: a month, written YYYY-MM.
//
// The year must be from 1990 to 2039 and the date valid; the result is
// YYYY-MM-DD, or YYYY-MM for the last form.
func DateFromURLPath(raw string) (string, bool) {
	host, path := splitURL(raw)
	if path == "" {
		return "", false
	}
	if m := urlYMD.FindStringSubmatch(path); m != nil {
		if s, ok := ymd(m[1], m[2], m[3]); ok {
			return s, true
		}
	}
	for _, re := range []*regexp.Regexp{urlISO, urlCompact} {
		if m := re.FindStringSubmatch(path); m != nil {
			if s, ok := ymd(m[1], m[2], m[3]); ok {
				return s, true
			}
		}
	}
	if host == "wsj.com" || strings.HasSuffix(host, ".wsj.com") {
		if m := urlWSJ.FindStringSubmatch(strings.TrimSuffix(path, "/")); m != nil {
			sec, _ := strconv.ParseInt(m[1], 10, 64)
			t := time.Unix(sec, 0).In(newYork)
			if t.Year() >= minURLYear && t.Year() <= maxURLYear {
				return t.Format(time.DateOnly), true
			}
		}
	}
	if m := urlYM.FindStringSubmatch(path); m != nil {
		y, _ := strconv.Atoi(m[1])
		if mo := monthNum(m[2]); y >= minURLYear && y <= maxURLYear && mo > 0 {
			return m[1] + "-" + twoDigits(mo), true
		}
	}
	return "", false
}

// splitURL returns the lower-cased host (without "www.") and the path of
// a URL, without scheme, query and fragment. A URL without a scheme is
// read as host/path when its first segment has a dot.
func splitURL(raw string) (host, path string) {
	s := strings.TrimSpace(raw)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	} else if !strings.Contains(strings.SplitN(s, "/", 2)[0], ".") {
		return "", s
	}
	host, path, _ = strings.Cut(s, "/")
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	return host, "/" + path
}

// monthNum reads a month as a number (1–12) or an English abbreviation.
func monthNum(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= 12 {
			return n
		}
		return 0
	}
	return monthNumbers[strings.ToLower(s)]
}

var monthNumbers = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

// ymd checks a year, month and day and writes them as YYYY-MM-DD.
func ymd(ys, ms, ds string) (string, bool) {
	y, err1 := strconv.Atoi(ys)
	d, err2 := strconv.Atoi(ds)
	m := monthNum(ms)
	if err1 != nil || err2 != nil || m == 0 || y < minURLYear || y > maxURLYear || d < 1 {
		return "", false
	}
	if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() != d {
		return "", false
	}
	return ys + "-" + twoDigits(m) + "-" + twoDigits(d), true
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// A dateline: a date the page prints about itself, not a date its story
// tells of ("On April 15, 2019, a fire broke out" is no dateline).
var (
	dlDate = `((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d` +
		`|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (?:19|20)\d\d)`
	dlWeekday = `(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?`
	datelines = []*regexp.Regexp{
		// "Updated Dec. 21, 2019" · "Revised: April 12, 2017" · "Published at 2:30 p.m. ET on February 10, 2020."
		regexp.MustCompile(`(?i)^(?:last )?(?:updated|published|posted|revised)\b[^\n]{0,30}?\b` + dlWeekday + dlDate + `\.?$`),
		// "Friday, September 22, 2023" alone on the first line
		regexp.MustCompile(`(?i)^` + dlWeekday + dlDate + `\.?$`),
		// "WASHINGTON, April 4, 2017 — " · "LONDON (Reuters) 4 April 2017 -"
		regexp.MustCompile(`(?i)^[A-Z][A-Z .'-]{1,30}(?: \([^)\n]{1,30}\))?,? ` + dlWeekday + dlDate + ` ?[—–-]`),
		// "By Jane Doe, Op-Ed Contributor, September 17, 2015"
		regexp.MustCompile(`(?i)^by [^\n]{1,80}, ` + dlWeekday + dlDate + `\.?$`),
	}
)

// dlLines and dlBytes bound the top of a text searched for a dateline:
// its first non-empty lines, within its first bytes.
const (
	dlLines = 6
	dlBytes = 600
)

// DateFromText reads a dateline from the top of a text (its first six
// non-empty lines, within 600 bytes): a line "Updated|Published|Posted|
// Revised … DATE", a first line that is only a date (perhaps with a
// weekday), a
// place in capitals followed by a date and a dash ("WASHINGTON, April 4,
// 2017 —"), or a byline ending with a date ("By …, September 17, 2015").
// DATE is "Month D, YYYY" or "D Month YYYY" (months in full or abbreviated).
// The result is YYYY-MM-DD.
func DateFromText(text string) (string, bool) {
	top := text
	if len(top) > dlBytes {
		top = top[:dlBytes]
	}
	n := 0
	for line := range strings.SplitSeq(top, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if n++; n > dlLines {
			break
		}
		for i, re := range datelines {
			m := re.FindStringSubmatch(line)
			if m == nil || (i == 1 && n > 1) {
				continue // a date alone on a later line may be a quoted letter's or a timeline's
			}
			if i == 2 && strings.ToUpper(line[:strings.IndexAny(line, ",(")+1]) != line[:strings.IndexAny(line, ",(")+1] {
				continue // the place must be in capitals (the pattern is case-blind)
			}
			if s, ok := parseDatelineDate(m[1]); ok {
				return s, true
			}
		}
	}
	return "", false
}

// parseDatelineDate reads "Month D, YYYY" or "D Month YYYY".
func parseDatelineDate(s string) (string, bool) {
	f := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(s))
	if len(f) != 3 {
		return "", false
	}
	if _, err := strconv.Atoi(f[0]); err == nil {
		f[0], f[1] = f[1], f[0]
	}
	name := strings.ToLower(f[0])
	m := monthNumbers[name]
	if m == 0 && len(name) >= 3 {
		if full := monthNumbers[name[:3]]; full > 0 && strings.HasPrefix(monthFull[full-1], name) {
			m = full
		}
	}
	if m == 0 {
		return "", false
	}
	return ymd(f[2], strconv.Itoa(m), f[1])
}

var monthFull = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}
