package report

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"

	"parallax"
	"parallax/analysis/corpus"
	"parallax/analysis/termstats"
)

// Helpers the commands share: parallax and parallax-beam write the same
// files from the same results.

// CombineTidy concatenates the tidy tables of sections that share their
// columns into one section.
func CombineTidy(sections []Section) Section {
	tidy := func(s Section) *Table {
		if s.Tidy != nil {
			return s.Tidy
		}
		return s.Display
	}
	first := tidy(sections[0])
	all := &Table{Name: first.Name, Title: first.Title, Columns: first.Columns}
	var parts []*Table
	for _, s := range sections {
		t := tidy(s)
		parts = append(parts, t)
		all.Notes = append(all.Notes, t.Notes[0])
	}
	all.RowSeq = func(yield func([]Value) bool) {
		for _, t := range parts {
			for row := range t.AllRows() {
				if !yield(row) {
					return
				}
			}
		}
	}
	all.Notes = append(all.Notes, first.Notes[1:]...)
	return Section{Display: all}
}

// WriteDTM writes the raw group × term counts, long format, sorted by group
// then term: what every measure is computed from. docs is the number of the
// group's documents containing the term, from which corpus document
// frequency (Σ over groups) and so idf follow.
func WriteDTM(path string, t *termstats.TermTable) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"group", "term", "count", "docs"})
	for g, name := range t.Groups {
		c, df := t.Count[g], t.DocFreq[g] // same ids, same order
		for i, id := range c.IDs {
			w.Write([]string{name, t.Terms[id], strconv.FormatInt(c.Counts[i], 10), strconv.FormatInt(df.Counts[i], 10)})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %v", path, err)
	}
	return f.Close()
}

// IsDirTarget reports whether -o names a folder: one that exists, or a path
// ending in a slash.
func IsDirTarget(path string) bool {
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator)) {
		return true
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// EffectiveOptions replaces, in the options a provenance records, the
// defaults that stand for another value by the value the run used: "auto"
// lexicons by the pack of the sample read (or none), --sample by the sample
// read (and no --sample when a corpus was read from source, the name the
// run's corpus goes by: "sample:NAME" or a path), --input-format left to
// the file name by the format read, and --date left at its default by
// "published" when every loaded record took its date from that field (it
// had no "date" field), "date,published" when some did. load is the run's
// load report, nil when nothing was read. --width shapes only text tables:
// it is recorded with --format table alone. A command that reads dates
// (it takes --date) records date-sources: how many documents each source
// dated (DateSourcesValue).
func EffectiveOptions(opts map[string]string, source string, load *corpus.LoadReport) {
	if f, ok := opts["format"]; ok && f != "table" {
		delete(opts, "width")
	}
	omitUnusedSelection(opts)
	if load == nil {
		return
	}
	if v, ok := opts["input-format"]; ok && v == "" && load.Format != "" {
		opts["input-format"] = load.Format
	}
	if opts["date"] == "date" && load.DatePublished > 0 {
		// the records without a "date" field took it from "published"
		opts["date"] = "date,published"
		if load.DatePublished == load.Loaded {
			opts["date"] = "published"
		}
	}
	if _, ok := opts["date"]; ok {
		opts["date-sources"] = DateSourcesValue(load.Dates)
	}
	sample, fromSample := strings.CutPrefix(source, "sample:")
	if _, ok := opts["sample"]; ok {
		if fromSample {
			opts["sample"] = sample
		} else {
			delete(opts, "sample")
		}
	}
	for _, kind := range []string{"labels", "actors", "events"} {
		if opts[kind] != "auto" {
			continue
		}
		opts[kind] = "none"
		if s, ok := parallax.LookupSample(sample); fromSample && ok && s.Packs[kind] != "" {
			opts[kind] = s.Packs[kind]
		}
	}
}

// MaxNGrams is the longest n-gram --ngrams may ask for
// (termstats.TermOptions.Validate), MinWidth the narrowest --width: every
// table is laid out to fit it (Options.Width).
const (
	MaxNGrams = 5
	MinWidth  = 60
)

// CheckFlagRanges refuses out-of-range values of the corpus flags
// --ngrams, --min-length and --width, naming the valid range.
func CheckFlagRanges(ngrams, minLength, width int) error {
	switch {
	case ngrams < 1 || ngrams > MaxNGrams:
		return fmt.Errorf("--ngrams must be from 1 to %d, not %d", MaxNGrams, ngrams)
	case minLength < 0:
		return fmt.Errorf("--min-length must be 0 or more, not %d", minLength)
	}
	return CheckWidth(width)
}

// CheckWidth refuses a --width below MinWidth.
func CheckWidth(width int) error {
	if width < MinWidth {
		return fmt.Errorf("--width must be at least %d columns (every table is laid out to fit %d or more), not %d", MinWidth, MinWidth, width)
	}
	return nil
}
