package analysis

import (
	"testing"

	"parallax/analysis/corpus"
)

func TestDateBucket(t *testing.T) {
	for _, c := range []struct{ date, year, quarter, month string }{
		{"2017-04-04", "2017", "2017-Q2", "2017-04"},
		{"2014-12-31T23:59:00Z", "2014", "2014-Q4", "2014-12"},
		{"2019-01", "2019", "2019-Q1", "2019-01"},
		{"2020-03-15", "2020", "2020-Q1", "2020-03"},
		{"2020-07-01", "2020", "2020-Q3", "2020-07"},
		{"2020", "2020", Undated, Undated},
		{"", Undated, Undated, Undated},
		{"April 4, 2017", Undated, Undated, Undated},
		{"2017-13-01", "2017", Undated, Undated},
	} {
		for _, b := range []struct{ bucket, want string }{{"year", c.year}, {"quarter", c.quarter}, {"month", c.month}} {
			if got := DateBucket(c.date, b.bucket); got != b.want {
				t.Errorf("DateBucket(%q, %s) = %q, want %q", c.date, b.bucket, got, b.want)
			}
		}
	}
	by, err := ParseBy("topic")
	if err != nil {
		t.Fatal(err)
	}
	if got := by(&corpus.Document{Fields: map[string]string{"topic": " immigration "}}); got != "immigration" {
		t.Errorf("--by topic: %q", got)
	}
	if got := by(&corpus.Document{}); got != "(none)" {
		t.Errorf("--by topic, no value: %q", got)
	}
	if by, _ := ParseBy(""); by != nil {
		t.Error("ParseBy(\"\") is not nil")
	}
}
