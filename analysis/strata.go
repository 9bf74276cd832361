package analysis

import (
	"fmt"
	"strings"

	"parallax/analysis/corpus"
	"parallax/analysis/termstats"
)

// Undated is the stratum of a document without a usable date when the
// strata are date buckets.
const Undated = "undated"

// DateBuckets are the --by values that cut the calendar rather than read
// a record field.
var DateBuckets = []string{"year", "quarter", "month"}

// ParseBy returns the stratum of a document for --by spec: a date bucket
// (year "2017", quarter "2017-Q2", month "2017-04", from the date's
// leading YYYY or YYYY-MM; Undated when there is none), or else the value
// of the record field spec ("(none)" when the record has no value).
func ParseBy(spec string) (func(*corpus.Document) string, error) {
	if spec == "" {
		return nil, nil
	}
	if strings.Contains(spec, termstats.StratumSep) {
		return nil, fmt.Errorf("--by %q: a field name cannot hold the control character U+001F", spec)
	}
	switch spec {
	case "year", "quarter", "month":
		return func(d *corpus.Document) string { return DateBucket(d.Date, spec) }, nil
	}
	return func(d *corpus.Document) string {
		if v := strings.TrimSpace(d.Fields[spec]); v != "" {
			return strings.ReplaceAll(v, termstats.StratumSep, " ")
		}
		return "(none)"
	}, nil
}

// DateBucket cuts an ISO 8601 date ("2017-04-04", "2017-04-04T10:00Z",
// "2017") into its year, quarter or month; Undated when the date does
// not start with a year (and, for quarter and month, a month 01–12).
func DateBucket(date, bucket string) string {
	date = strings.TrimSpace(date)
	if len(date) < 4 || !digits(date[:4]) {
		return Undated
	}
	year := date[:4]
	if bucket == "year" {
		return year
	}
	if len(date) < 7 || date[4] != '-' || !digits(date[5:7]) || date[5:7] < "01" || date[5:7] > "12" {
		return Undated
	}
	if bucket == "month" {
		return date[:7]
	}
	m := int(date[5]-'0')*10 + int(date[6]-'0')
	return fmt.Sprintf("%s-Q%d", year, (m+2)/3)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
