package report

import (
	"maps"
	"testing"

	"parallax/analysis/corpus"
)

func TestEffectiveOptions(t *testing.T) {
	base := func() map[string]string {
		return map[string]string{"format": "csv", "width": "160", "sample": "", "input-format": "", "date": "date", "labels": "auto"}
	}
	for _, tc := range []struct {
		name   string
		source string
		load   *corpus.LoadReport
		want   map[string]string
	}{
		{"nothing read", "", nil,
			map[string]string{"format": "csv", "sample": "", "input-format": "", "date": "date", "labels": "auto"}},
		{"a file, dates from date", "a.jsonl", &corpus.LoadReport{Loaded: 3, Format: "jsonl", Dates: corpus.DateSources{Field: 1, URL: 1, None: 1}},
			map[string]string{"format": "csv", "input-format": "jsonl", "date": "date", "labels": "none", "date-sources": "field 1, url 1, dateline 0, none 1"}},
		{"every date from published", "sample:karabakh", &corpus.LoadReport{Loaded: 5, Format: "folder", DatePublished: 5},
			map[string]string{"format": "csv", "sample": "karabakh", "input-format": "folder", "date": "published", "labels": "karabakh-labels", "date-sources": "field 0, url 0, dateline 0, none 0"}},
		{"some dates from published", "dir", &corpus.LoadReport{Loaded: 5, Format: "folder", DatePublished: 2},
			map[string]string{"format": "csv", "input-format": "folder", "date": "date,published", "labels": "none", "date-sources": "field 0, url 0, dateline 0, none 0"}},
	} {
		opts := base()
		EffectiveOptions(opts, tc.source, tc.load)
		if !maps.Equal(opts, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, opts, tc.want)
		}
	}
	// Values the user set stay as given.
	opts := map[string]string{"format": "table", "width": "80", "input-format": "csv", "date": "published"}
	EffectiveOptions(opts, "a.txt", &corpus.LoadReport{Loaded: 1, Format: "csv", DatePublished: 0})
	if want := map[string]string{"format": "table", "width": "80", "input-format": "csv", "date": "published", "date-sources": "field 0, url 0, dateline 0, none 0"}; !maps.Equal(opts, want) {
		t.Errorf("explicit values: %v, want %v", opts, want)
	}
}
