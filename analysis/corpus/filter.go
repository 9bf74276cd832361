package corpus

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Selection chooses the documents a load keeps (LoadOptions.Select). The
// record filters (Where, From/To, Groups) decide each record on its own, as
// it is read, before empty and duplicate texts are looked for: a removed
// record costs no hashing and no memory. The group filters (MinDocs,
// TopGroups) need every group's count: the input is read once more first,
// to count the documents each group would have (after the record filters,
// duplicates and empty texts), and the groups left out are then removed as
// their documents are read. Standard input cannot be read twice, so the
// group filters refuse it.
//
// A Selection belongs to one input: the group counts of the first reading
// are kept in it, so that later loads of the same input (the cleaning
// pass and the analysis pass) do not count again.
//
// A record is removed by the first filter, in this order, that removes it;
// LoadReport.Selection counts the records each filter removed.
type Selection struct {
	// Where keeps the records that meet every condition.
	Where []Condition
	// From and To bound the date field, inclusive, as YYYY, YYYY-MM or
	// YYYY-MM-DD ("" for no bound): From 2016 is 2016-01-01, To 2018 is
	// 2018-12-31. A record's date is read as ISO 8601 (YYYY-MM-DD, with
	// or without a time after it; YYYY-MM and YYYY stand for their whole
	// month or year, which must lie inside the bounds). With a bound set,
	// records without a date or with a date that is not ISO 8601 are
	// removed, and counted apart (SelectionReport.Undated, BadDate).
	From, To string
	// Groups keeps only these groups (trimmed names; compared as
	// strings.EqualFold does when LoadOptions.FoldGroups is set). A name
	// that no selected record has is an error.
	Groups []string
	// MinDocs leaves out the groups with fewer documents; TopGroups keeps
	// the TopGroups groups with the most documents (ties by name). 0: off.
	MinDocs, TopGroups int

	from, to string          // the bounds as YYYY-MM-DD, "" when unset
	groups   map[string]bool // Groups, by foldKey when folding
	keep     map[string]bool // with MinDocs or TopGroups: the groups kept
	leftOut  []GroupCount    // the groups the group filters left out
}

// Condition is one --where: FIELD=V1,V2 (the field has one of the values)
// or FIELD!=V1,V2 (it has none of them; a record without the field meets
// it). Values are compared exactly, after trimming white space.
type Condition struct {
	Field  string
	Values []string
	Negate bool
}

// String writes c as --where takes it.
func (c Condition) String() string {
	op := "="
	if c.Negate {
		op = "!="
	}
	return c.Field + op + strings.Join(c.Values, ",")
}

// ParseCondition reads FIELD=V1,V2 or FIELD!=V1,V2.
func ParseCondition(s string) (Condition, error) {
	i := strings.Index(s, "=")
	if i < 0 {
		return Condition{}, fmt.Errorf("--where %q: write FIELD=VALUE or FIELD!=VALUE (several values comma-separated)", s)
	}
	c := Condition{Field: strings.TrimSpace(s[:i])}
	if strings.HasSuffix(c.Field, "!") {
		c.Negate = true
		c.Field = strings.TrimSpace(strings.TrimSuffix(c.Field, "!"))
	}
	if c.Field == "" {
		return Condition{}, fmt.Errorf("--where %q: no field name before =: write FIELD=VALUE", s)
	}
	for _, v := range strings.Split(s[i+1:], ",") {
		if v = strings.TrimSpace(v); v != "" {
			c.Values = append(c.Values, v)
		}
	}
	if len(c.Values) == 0 {
		return Condition{}, fmt.Errorf("--where %q: no value after =: write FIELD=VALUE", s)
	}
	return c, nil
}

// ParseDateBound reads a --from (end false) or --to (end true) date, YYYY,
// YYYY-MM or YYYY-MM-DD, and returns the day it stands for as YYYY-MM-DD.
func ParseDateBound(flag, s string, end bool) (string, error) {
	t := strings.TrimSpace(s)
	lo, hi, ok := isoPeriod(t)
	if !ok || len(t) != 4 && len(t) != 7 && len(t) != 10 {
		return "", fmt.Errorf("--%s %q: not a date: write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2016-03-01)", flag, s)
	}
	if end {
		return hi, nil
	}
	return lo, nil
}

// isoPeriod reads the ISO 8601 date at the start of s (YYYY-MM-DD followed
// by nothing, "T" or a space and a time; or YYYY-MM; or YYYY) and returns
// its first and last day as YYYY-MM-DD.
func isoPeriod(s string) (lo, hi string, ok bool) {
	digits := func(t string) bool {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	switch {
	case len(s) == 4 && digits(s):
		return s + "-01-01", s + "-12-31", true
	case len(s) == 7 && digits(s[:4]) && s[4] == '-' && digits(s[5:]):
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return "", "", false
		}
		return s + "-01", t.AddDate(0, 1, -1).Format("2006-01-02"), true
	case len(s) >= 10 && (len(s) == 10 || s[10] == 'T' || s[10] == ' '):
		day := s[:10]
		if _, err := time.Parse("2006-01-02", day); err != nil {
			return "", "", false
		}
		return day, day, true
	}
	return "", "", false
}

// Active reports whether s selects anything.
func (s *Selection) Active() bool {
	return s != nil && (len(s.Where) > 0 || s.From != "" || s.To != "" || len(s.Groups) > 0 || s.MinDocs > 0 || s.TopGroups > 0)
}

// groupLevel reports whether the group filters are set.
func (s *Selection) groupLevel() bool { return s.MinDocs > 0 || s.TopGroups > 0 }

// prepare checks the options and fills the unexported fields.
func (s *Selection) prepare(textField string, fold bool) error {
	for _, c := range s.Where {
		if c.Field == textField {
			return &SelectionError{fmt.Sprintf("--where %s: %q is the article text: filter on another field", c, c.Field)}
		}
	}
	var err error
	if s.From != "" {
		if s.from, err = ParseDateBound("from", s.From, false); err != nil {
			return &SelectionError{err.Error()}
		}
	}
	if s.To != "" {
		if s.to, err = ParseDateBound("to", s.To, true); err != nil {
			return &SelectionError{err.Error()}
		}
	}
	if s.from != "" && s.to != "" && s.from > s.to {
		return &SelectionError{fmt.Sprintf("--from %s is after --to %s: no date can be in between", s.From, s.To)}
	}
	if s.MinDocs < 0 || s.TopGroups < 0 {
		return &SelectionError{"--min-docs and --top-groups must be 0 (off) or more"}
	}
	if len(s.Groups) > 0 {
		s.groups = map[string]bool{}
		for _, g := range s.Groups {
			s.groups[groupKey(strings.TrimSpace(g), fold)] = true
		}
	}
	return nil
}

func groupKey(g string, fold bool) string {
	if fold {
		return foldKey(g)
	}
	return g
}

// SelectionError is a selection that cannot be applied: a malformed
// option, a --where field no record has, a --groups name no record has.
// Commands treat it as a usage error.
type SelectionError struct{ msg string }

func (e *SelectionError) Error() string { return e.msg }

// Decisions of the record filters: keep, or the filter that removed it.
const (
	selKeep = iota
	selDateOut
	selUndated
	selBadDate
	selGroups
	selLeftOut
	selWhere // selWhere+i: the i-th condition
)

// decide applies the record filters to d: selKeep or the reason it is
// removed. It reads only the options: workers may call it concurrently.
func (s *Selection) decide(d *Document, fold bool) int {
	for i, c := range s.Where {
		v, ok := d.Fields[c.Field]
		in := false
		if ok {
			v = strings.TrimSpace(v)
			for _, w := range c.Values {
				if v == w {
					in = true
					break
				}
			}
		}
		if in == c.Negate {
			return selWhere + i
		}
	}
	if s.from != "" || s.to != "" {
		date, _ := effectiveDate(d) // the date field, or failing it the URL's or a dateline's
		date = strings.TrimSpace(date)
		if date == "" {
			return selUndated
		}
		lo, hi, ok := isoPeriod(date)
		switch {
		case !ok:
			return selBadDate
		case s.from != "" && lo < s.from, s.to != "" && hi > s.to:
			return selDateOut
		}
	}
	if s.groups != nil && !s.groups[groupKey(strings.TrimSpace(d.Group), fold)] {
		return selGroups
	}
	return selKeep
}

// GroupCount is a group and its documents.
type GroupCount struct {
	Group string
	Docs  int
}

// SelectionReport says what a Selection removed.
type SelectionReport struct {
	// Removed counts the records each filter removed, in the order the
	// filters apply, each with the filter as given ("--where topic=x",
	// "--from/--to", "--groups", "--min-docs 30", "--top-groups 10");
	// filters that removed nothing are listed with 0.
	Removed []Removal
	// Undated and BadDate are the records the date bounds removed because
	// they had no date, or one that is not ISO 8601 (part of the
	// "--from/--to" count); BadDates lists the first few, as origin "value".
	Undated, BadDate int
	BadDates         []string
	// LeftOut lists the groups --min-docs and --top-groups left out, with
	// the documents each had, most documents first.
	LeftOut []GroupCount
}

// Removal is the number of records one filter removed.
type Removal struct {
	Filter string
	N      int
}

// Total is the number of records the selection removed.
func (r *SelectionReport) Total() int {
	n := 0
	for _, x := range r.Removed {
		n += x.N
	}
	return n
}

// maxBadDatesListed bounds SelectionReport.BadDates.
const maxBadDatesListed = 3

// selState is a loader's selection: the options and what they removed.
type selState struct {
	sel       *Selection
	fold      bool
	rep       *SelectionReport
	where     []int // removed per condition
	dates     int   // out of range
	groups    int
	leftOut   int
	fieldSeen []bool           // per condition: some record has the field
	valueSeen []map[string]int // per condition: records per value of the field (at most maxValuesKept values)
	seenGroup map[string]int   // with Groups: group key -> records before the --groups filter
}

func newSelState(sel *Selection, fold bool) *selState {
	st := &selState{sel: sel, fold: fold, rep: &SelectionReport{}, where: make([]int, len(sel.Where)), fieldSeen: make([]bool, len(sel.Where))}
	for range sel.Where {
		st.valueSeen = append(st.valueSeen, map[string]int{})
	}
	if sel.groups != nil {
		st.seenGroup = map[string]int{}
	}
	return st
}

// decision is the selection's verdict on d: selKeep without a selection.
func (l *loader) decision(d *Document) int {
	if l.sel == nil {
		return selKeep
	}
	return l.sel.sel.decide(d, l.opt.FoldGroups)
}

// selected counts d under verdict dec (from decision) and reports whether
// it is kept. It runs in reading order, for every record with a group.
func (l *loader) selected(d *Document, dec int) bool {
	st := l.sel
	if st == nil {
		return true
	}
	if l.firstFields == nil {
		l.firstFields = []string{}
		for f := range d.Fields {
			l.firstFields = append(l.firstFields, f)
		}
		sort.Strings(l.firstFields)
	}
	for i, c := range st.sel.Where {
		v, ok := d.Fields[c.Field]
		if !ok {
			continue
		}
		st.fieldSeen[i] = true
		v = strings.TrimSpace(v)
		if seen := st.valueSeen[i]; seen[v] > 0 || len(seen) < maxValuesKept {
			seen[v]++
		}
	}
	if st.seenGroup != nil && (dec == selKeep || dec == selGroups) {
		st.seenGroup[groupKey(d.Group, st.fold)]++
	}
	switch {
	case dec == selKeep:
		return true
	case dec >= selWhere:
		st.where[dec-selWhere]++
	case dec == selDateOut:
		st.dates++
	case dec == selUndated:
		st.rep.Undated++
	case dec == selBadDate:
		st.rep.BadDate++
		if len(st.rep.BadDates) < maxBadDatesListed {
			st.rep.BadDates = append(st.rep.BadDates, fmt.Sprintf("%s %q", d.Origin, d.Date))
		}
	case dec == selGroups:
		st.groups++
	}
	l.rep.Read++
	return false
}

// keptGroup reports whether the group filters keep d's group (after
// folding), counting d when they do not.
func (l *loader) keptGroup(d *Document) bool {
	if l.sel == nil || l.sel.sel.keep == nil || l.sel.sel.keep[d.Group] {
		return true
	}
	l.sel.leftOut++
	l.rep.Read++
	return false
}

// finishSelection fills the report's Selection and checks that every
// --where field and --groups name was found; err is the load's error,
// returned first.
func (l *loader) finishSelection(err error) error {
	st := l.sel
	if st == nil {
		return err
	}
	s := st.sel
	r := st.rep
	for i, c := range s.Where {
		r.Removed = append(r.Removed, Removal{"--where " + c.String(), st.where[i]})
	}
	if s.From != "" || s.To != "" {
		r.Removed = append(r.Removed, Removal{"--from/--to", st.dates + r.Undated + r.BadDate})
	}
	if len(s.Groups) > 0 {
		r.Removed = append(r.Removed, Removal{"--groups", st.groups})
	}
	if s.groupLevel() {
		name := "--min-docs " + strconv.Itoa(s.MinDocs)
		switch {
		case s.MinDocs > 0 && s.TopGroups > 0:
			name += " --top-groups " + strconv.Itoa(s.TopGroups)
		case s.TopGroups > 0:
			name = "--top-groups " + strconv.Itoa(s.TopGroups)
		}
		r.Removed = append(r.Removed, Removal{name, st.leftOut})
		r.LeftOut = s.leftOut
	}
	l.rep.Selection = r
	if err != nil || l.rep.Read == 0 {
		return err
	}
	for i, c := range s.Where {
		if !st.fieldSeen[i] {
			return &SelectionError{fmt.Sprintf("--where %s: no record has a field %q: check the name (fields of the records: %s)", c, c.Field, l.fieldNames())}
		}
	}
	l.warnAbsentValues()
	var missing []string
	for _, g := range s.Groups {
		if g = strings.TrimSpace(g); st.seenGroup[groupKey(g, st.fold)] == 0 {
			missing = append(missing, strconv.Quote(g))
		}
	}
	if len(missing) > 0 {
		return &SelectionError{fmt.Sprintf("--groups: no selected record has group %s: check the spelling (groups: %s)", strings.Join(missing, ", "), l.seenGroupList())}
	}
	return nil
}

// fieldNames lists the fields of the first record seen, for messages.
func (l *loader) fieldNames() string {
	if len(l.firstFields) == 0 {
		return "none read"
	}
	return strings.Join(l.firstFields, ", ")
}

// maxGroupsListed bounds the groups named in a message.
const maxGroupsListed = 20

// seenGroupList names the groups the selected records have, most
// documents first, for messages.
func (l *loader) seenGroupList() string {
	var gs []GroupCount
	for g, n := range l.sel.seenGroup {
		gs = append(gs, GroupCount{g, n})
	}
	sortGroupCounts(gs)
	var names []string
	for i, g := range gs {
		if i == maxGroupsListed {
			names = append(names, fmt.Sprintf("… %d more", len(gs)-i))
			break
		}
		names = append(names, strconv.Quote(g.Group))
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// sortGroupCounts orders gs by documents, most first, then by name.
func sortGroupCounts(gs []GroupCount) {
	sort.Slice(gs, func(i, j int) bool {
		if gs[i].Docs != gs[j].Docs {
			return gs[i].Docs > gs[j].Docs
		}
		return gs[i].Group < gs[j].Group
	})
}

// errStdinGroups refuses the group filters on standard input.
var errStdinGroups = &SelectionError{"--min-docs and --top-groups count each group's documents in a first reading, and standard input cannot be read twice: save the input to a file and name it"}

// countGroups runs the first reading the group filters need, through
// read (a load of the same input with the options given), and fills
// s.keep and s.leftOut. Errors of that reading are returned as they are.
func (s *Selection) countGroups(opt LoadOptions, read func(LoadOptions, func(*Document) error) error) error {
	if s.keep != nil {
		return nil // counted by an earlier load of the same input
	}
	first := *s
	first.MinDocs, first.TopGroups = 0, 0
	opt.Select = &first
	counts := map[string]int{}
	if err := read(opt, func(d *Document) error { counts[d.Group]++; return nil }); err != nil {
		return err
	}
	gs := make([]GroupCount, 0, len(counts))
	for g, n := range counts {
		gs = append(gs, GroupCount{g, n})
	}
	sortGroupCounts(gs)
	keep := map[string]bool{}
	var left []GroupCount
	for _, g := range gs {
		if g.Docs >= s.MinDocs && (s.TopGroups == 0 || len(keep) < s.TopGroups) {
			keep[g.Group] = true
		} else {
			left = append(left, g)
		}
	}
	s.keep, s.leftOut = keep, left
	return nil
}

// runLoad makes a loader for opt and reads the input with read, after the
// first reading the group filters need (fromStdin: the input is standard
// input, which cannot be read twice).
func runLoad(opt LoadOptions, emit func(*Document) error, fromStdin bool, read func(*loader) error) (*LoadReport, error) {
	if s := opt.Select; s.Active() {
		if err := s.prepare(opt.TextField, opt.FoldGroups); err != nil {
			return &LoadReport{}, err
		}
		if s.groupLevel() {
			if fromStdin {
				return &LoadReport{}, errStdinGroups
			}
			err := s.countGroups(opt, func(o LoadOptions, emit func(*Document) error) error {
				l := newLoader(o, emit)
				err := read(l)
				l.finish()
				return l.finishSelection(err)
			})
			if err != nil {
				return &LoadReport{}, err
			}
		}
	}
	l := newLoader(opt, emit)
	err := read(l)
	l.finish()
	return l.rep, l.finishSelection(err)
}

// countGroupsFirst runs the first reading of the group filters (--min-docs,
// --top-groups) before a load whose input bytes are counted into n, without
// counting them: n measures the pass the caller shows progress for, and the
// load that follows finds the groups already counted.
func (s Source) countGroupsFirst(opt LoadOptions, n *atomic.Int64) error {
	sel := opt.Select
	if n == nil || !sel.Active() || !sel.groupLevel() || sel.keep != nil || (s.FS == nil && s.Path == "-") {
		return nil
	}
	if err := sel.prepare(opt.TextField, opt.FoldGroups); err != nil {
		return err
	}
	return sel.countGroups(opt, func(o LoadOptions, emit func(*Document) error) error {
		_, err := s.Load(o, emit, nil)
		return err
	})
}

// maxValuesKept bounds the distinct values of a --where field counted for
// the warning about values no record has (a field such as the id has one
// per record).
const maxValuesKept = 1000

// warnAbsentValues warns about each --where value no record has (most
// likely misspelt), naming the field's most common values. Past
// maxValuesKept distinct values it cannot tell, and says nothing.
func (l *loader) warnAbsentValues() {
	for i, c := range l.sel.sel.Where {
		seen := l.sel.valueSeen[i]
		if len(seen) >= maxValuesKept {
			continue
		}
		var absent []string
		for _, v := range c.Values {
			if seen[v] == 0 {
				absent = append(absent, strconv.Quote(v))
			}
		}
		if len(absent) == 0 {
			continue
		}
		var gs []GroupCount
		for v, n := range seen {
			gs = append(gs, GroupCount{v, n})
		}
		sortGroupCounts(gs)
		var common []string
		for _, g := range gs[:min(len(gs), 10)] {
			common = append(common, fmt.Sprintf("%q (%d)", g.Group, g.Docs))
		}
		l.warn("--where %s: no record has %s %s: check the spelling (its most common values: %s)", c, c.Field, strings.Join(absent, " or "), strings.Join(common, ", "))
	}
}
