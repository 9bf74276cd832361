package report

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"iter"
	"strconv"
	"strings"

	"parallax/analysis/events"
	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/termstats"
	"parallax/analysis/tonestats"
)

// HTMLPage is what `parallax report` renders into one self-contained
// HTML page: compare's report (every section, with its provenance) and the
// results the charts and the evidence are drawn from. The command fills it
// from the same run that gives compare's tables, so every number in the
// page is one compare prints (docs/report.md), except the map coordinates,
// which are defined there.
type HTMLPage struct {
	Report  *Report  // compare's sections in order, and the provenance
	Groups  []string // the term table's groups: GroupKeyness.Group indexes them
	Keyness []termstats.GroupKeyness
	// TermsOpt are compare's distinctive-terms options: the page marks
	// the terms that do not pass their q level "n.s.", as the table does.
	TermsOpt TermsOptions
	Sim      *termstats.SimMatrix
	Tone     *tonestats.Summary
	// Frames is the name of the frames lexicon and FrameKeys its categories
	// in order; FrameRows are compare's rows (nil with --frames none).
	Frames    string
	FrameKeys []string
	FrameRows []lexmatch.Row
	// LabelPassages are the label occurrences with their sentences.
	LabelPassages []framing.LabelPassage
	Quotes        iter.Seq[framing.QuoteRow]
	Events        *events.Result
	// Compare is the compare command line giving the same numbers
	// ("parallax compare --sample allsides-middle-east"); Corpus is the
	// corpus part of a command line ("--sample allsides-middle-east", a
	// path), for the commands that list what the page leaves out.
	Compare, Corpus string
	// Limits: table rows, quotes per group, label passages per referent and
	// label, events with their passages (0: the defaults below).
	MaxRows, MaxQuotes, MaxLabelPassages, MaxEvents int
}

// Defaults of the report's limits (docs/report.md).
const (
	DefaultHTMLRows          = 250
	DefaultHTMLQuotes        = 5
	DefaultHTMLLabelPassages = 2
	DefaultHTMLEvents        = 25
	reportEventGroups        = 6 // groups shown side by side per event
	reportEventPassages      = 2 // passages per group and event, as compare shows
)

func (r *HTMLPage) limits() (rows, quotes, labels, events int) {
	rows, quotes, labels, events = r.MaxRows, r.MaxQuotes, r.MaxLabelPassages, r.MaxEvents
	if rows <= 0 {
		rows = DefaultHTMLRows
	}
	if quotes <= 0 {
		quotes = DefaultHTMLQuotes
	}
	if labels <= 0 {
		labels = DefaultHTMLLabelPassages
	}
	if events <= 0 {
		events = DefaultHTMLEvents
	}
	return
}

// ---- the page model ----

type htmlPage struct {
	Title   string
	Summary string
	Command string
	Options [][2]string
	Parts   []*htmlPart
	Compare string
	Brief   *htmlBrief
}

type htmlPart struct {
	ID, Title string
	Intro     []string
	Charts    []htmlChart
	Tables    []*htmlTable
	Blocks    []*htmlBlock
	Events    []*htmlEvent
	EventNote string
}

type htmlChart struct {
	SVG     template.HTML
	Caption string
}

type htmlTable struct {
	Caption string
	Columns []htmlCell
	Rows    [][]htmlCell
	Notes   []string
	Cut     string // what was left out, and the command that lists it
}

// htmlFoldRows is the most rows a table shows open: a longer one is folded
// under a line that says how many rows it has (HTML details, no script),
// so that the page reads as its charts and notes first.
const htmlFoldRows = 15

// Fold is the line a folded table shows closed: "" for a table of at most
// htmlFoldRows rows, which is shown open.
func (t *htmlTable) Fold() string {
	if len(t.Rows) <= htmlFoldRows {
		return ""
	}
	return fmt.Sprintf("Show the table (%d rows)", len(t.Rows))
}

type htmlCell struct {
	Text string
	Num  bool
}

// htmlBlock is a list of passages: evidence.
type htmlBlock struct {
	Title string
	Note  string
	Items []htmlItem
}

type htmlItem struct {
	Head, Meta, Text string
}

type htmlEvent struct {
	Title, Meta string
	Groups      []htmlEventGroup
	More        string
}

type htmlEventGroup struct {
	Group, Stats string
	Passages     []htmlItem
}

// WriteHTML writes the report as one HTML page with inline CSS and
// inline SVG charts: no script, no external resource. Text from the corpus
// is escaped by html/template (or by the SVG writer inside charts). The
// output depends only on r: the same run gives the same bytes.
func WriteHTML(w io.Writer, r *HTMLPage) error {
	if r == nil || r.Report == nil {
		return fmt.Errorf("html report: nothing to render")
	}
	if err := checkReport(r.Report); err != nil {
		return err
	}
	page, err := r.page()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := reportTemplate.Execute(bw, page); err != nil {
		return err
	}
	return bw.Flush()
}

func (r *HTMLPage) page() (*htmlPage, error) {
	p := &r.Report.Provenance
	parts, opts := provenanceParts(p, 0)
	page := &htmlPage{
		Title:   "parallax report · " + printable(p.Corpus),
		Summary: strings.Join(parts, " · "),
		Compare: r.Compare,
	}
	for _, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		page.Options = append(page.Options, [2]string{k, v})
	}
	ids := map[string]int{}
	for _, s := range r.Report.Sections {
		t := displayTable(s)
		part, err := r.part(s, t)
		if err != nil {
			return nil, err
		}
		if part == nil {
			continue
		}
		part.ID = "s-" + t.Name
		if n := ids[t.Name]; n > 0 {
			part.ID += "-" + strconv.Itoa(n+1)
		}
		ids[t.Name]++
		page.Parts = append(page.Parts, part)
	}
	page.Brief = r.brief()
	return page, nil
}

// part renders one section of compare, with the charts and evidence that
// belong to it.
func (r *HTMLPage) part(s Section, t *Table) (*htmlPart, error) {
	rows, _, _, _ := r.limits()
	part := &htmlPart{Title: printable(t.Title)}
	switch t.Name {
	case "terms":
		if r.Keyness != nil {
			part.Tables = append(part.Tables, r.termsTable(t))
			return part, nil
		}
	case "similarity":
		if r.Sim != nil {
			charts, table, err := r.similarityCharts()
			if err != nil {
				return nil, err
			}
			part.Charts = append(part.Charts, charts...)
			part.Tables = append(part.Tables, r.similarityTables(t)...)
			part.Tables = append(part.Tables, table)
			return part, nil
		}
	case "tone":
		if r.Tone != nil {
			part.Charts = append(part.Charts, r.toneCharts()...)
		}
	case "lexicon":
		if len(r.FrameRows) > 0 {
			part.Charts = append(part.Charts, r.frameChart())
		}
	case "labels":
		part.Tables = append(part.Tables, r.table(t, rows))
		if b := r.labelBlock(); b != nil {
			part.Blocks = append(part.Blocks, b)
		}
		return part, nil
	case "scare-quotes":
		part.Tables = append(part.Tables, r.table(t, rows))
		if b := r.quoteBlock(); b != nil {
			part.Blocks = append(part.Blocks, b)
		}
		return part, nil
	case "side_by_side":
		if r.Events != nil {
			r.eventGrid(part)
			part.Tables = nil
			return part, nil
		}
	}
	part.Tables = append(part.Tables, r.table(t, rows))
	return part, nil
}

// table converts a display table, keeping at most max rows (0: all).
func (r *HTMLPage) table(t *Table, max int) *htmlTable {
	num := numericColumns(collected(t))
	ht := &htmlTable{}
	for j, c := range t.Columns {
		ht.Columns = append(ht.Columns, htmlCell{Text: c, Num: num[j]})
	}
	total := 0
	for row := range t.AllRows() {
		total++
		if max > 0 && total > max {
			continue
		}
		cells := make([]htmlCell, len(row))
		for j, v := range row {
			text := textValue(v)
			// an interval "[-0.12, 0.03]" reads as one number
			cells[j] = htmlCell{Text: text, Num: num[j] || isIntervalText(text)}
		}
		ht.Rows = append(ht.Rows, cells)
	}
	for _, n := range t.Notes {
		ht.Notes = append(ht.Notes, printable(n))
	}
	if max > 0 && total > max {
		ht.Cut = fmt.Sprintf("The page shows the first %d of %d rows; `%s` prints them all (with --format csv -o DIR/, every row of the tidy tables).", max, total, r.compareCmd())
	}
	return ht
}

// isIntervalText reports a cell like "[-0.120, 0.034]".
func isIntervalText(s string) bool {
	lo, hi, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"), ", ")
	if !ok || len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	_, e1 := strconv.ParseFloat(lo, 64)
	_, e2 := strconv.ParseFloat(hi, 64)
	return e1 == nil && e2 == nil
}

func (r *HTMLPage) compareCmd() string {
	if r.Compare != "" {
		return r.Compare
	}
	return "parallax compare"
}

// command is a parallax command line on the report's corpus.
func (r *HTMLPage) command(name string, args ...string) string {
	parts := []string{"parallax", name}
	if r.Corpus != "" {
		parts = append(parts, r.Corpus)
	}
	return strings.Join(append(parts, args...), " ")
}

// fmtNum formats a float as the tables do.
func fmtNum(x float64, digits int) string { return textValue(Float(x, digits)) }

// ---- distinctive terms ----

func (r *HTMLPage) termsTable(t *Table) *htmlTable {
	ht := &htmlTable{Columns: []htmlCell{{Text: "group"}, {Text: "docs", Num: true}, {Text: "distinctive terms, strongest first: term (count, log-odds z)"}}}
	docs := map[string]string{}
	if j := colIndex(t, "docs"); j >= 0 {
		if g := colIndex(t, "group"); g >= 0 {
			for row := range t.AllRows() {
				docs[row[g].Str] = textValue(row[j])
			}
		}
	}
	for _, k := range r.Keyness {
		if k.Group < 0 || k.Group >= len(r.Groups) {
			continue
		}
		name := r.Groups[k.Group]
		var terms []string
		for _, kt := range k.Terms {
			if kt.SingleDoc {
				continue
			}
			terms = append(terms, compactTerm(kt, r.TermsOpt))
		}
		text := compactCell(k, terms, r.TermsOpt)
		ht.Rows = append(ht.Rows, []htmlCell{{Text: name}, {Text: docs[name], Num: true}, {Text: text}})
	}
	for _, n := range t.Notes {
		ht.Notes = append(ht.Notes, printable(n))
	}
	ht.Notes = append(ht.Notes, "count: the term's occurrences in the group; log-odds z: logodds_z of the terms table (--format csv or json), two decimals; n.s.: the term's q is above the level (the notes above).")
	return ht
}

func colIndex(t *Table, name string) int {
	for j, c := range t.Columns {
		if c == name {
			return j
		}
	}
	return -1
}
