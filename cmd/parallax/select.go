package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"parallax/analysis/corpus"
)

// selectFlags are the corpus-selection flags, registered with the corpus
// flags for every command that reads a corpus: they choose which records
// and groups are compared (corpus.Selection).
type selectFlags struct {
	where            whereFlag
	from, to, groups string
	minDocs, top     int
}

// add registers the selection flags on fs.
func (sf *selectFlags) add(fs *flag.FlagSet) {
	fs.Var(&sf.where, "where", "keep records whose FIELD is one of the values: FIELD=V1,V2, or FIELD!=V1,V2 for none of them (repeatable; several conditions must all hold; ';' separates conditions in one value)")
	fs.StringVar(&sf.from, "from", "", "keep records dated on or after this day: YYYY-MM-DD, YYYY-MM or YYYY (its first day); records without an ISO 8601 date are left out and counted")
	fs.StringVar(&sf.to, "to", "", "keep records dated on or before this day: YYYY-MM-DD, YYYY-MM or YYYY (its last day); records without an ISO 8601 date are left out and counted")
	fs.StringVar(&sf.groups, "groups", "", "comma-separated groups to compare (names as the corpus table shows them); the others are left out")
	fs.IntVar(&sf.minDocs, "min-docs", 0, "leave out groups with fewer documents than this, listed with their counts in the corpus summary (0: keep all)")
	fs.IntVar(&sf.top, "top-groups", 0, "keep only the N groups with the most documents, ties by name (0: all)")
}

// selection turns the flags into a corpus.Selection, nil when none is set.
func (sf *selectFlags) selection() (*corpus.Selection, error) {
	s := &corpus.Selection{Where: sf.where, From: sf.from, To: sf.to, MinDocs: sf.minDocs, TopGroups: sf.top}
	if sf.minDocs < 0 {
		return nil, usagef("--min-docs must be 0 (off) or more, not %d", sf.minDocs)
	}
	if sf.top < 0 {
		return nil, usagef("--top-groups must be 0 (off) or more, not %d", sf.top)
	}
	for _, g := range strings.Split(sf.groups, ",") {
		if g = strings.TrimSpace(g); g != "" {
			s.Groups = append(s.Groups, g)
		}
	}
	if strings.TrimSpace(sf.groups) != "" && len(s.Groups) == 0 {
		return nil, usagef("--groups %q names no group: give comma-separated group names", sf.groups)
	}
	for _, b := range []struct {
		name, value string
		end         bool
	}{{"from", sf.from, false}, {"to", sf.to, true}} {
		if b.value != "" {
			if _, err := corpus.ParseDateBound(b.name, b.value, b.end); err != nil {
				return nil, usageError{err}
			}
		}
	}
	if !s.Active() {
		return nil, nil
	}
	return s, nil
}

// selectionUsage makes a selection that cannot be applied (an unknown
// field or group, found while reading) a usage error: exit status 2.
func selectionUsage(err error) error {
	var se *corpus.SelectionError
	if errors.As(err, &se) {
		return usageError{err}
	}
	return err
}

// whereFlag is the repeatable --where.
type whereFlag []corpus.Condition

func (w *whereFlag) String() string {
	if w == nil {
		return ""
	}
	parts := make([]string, len(*w))
	for i, c := range *w {
		parts[i] = c.String()
	}
	return strings.Join(parts, "; ")
}

func (w *whereFlag) Set(s string) error {
	for _, part := range strings.Split(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		c, err := corpus.ParseCondition(part)
		if err != nil {
			return fmt.Errorf("%v", strings.TrimPrefix(err.Error(), "--where "))
		}
		*w = append(*w, c)
	}
	return nil
}
