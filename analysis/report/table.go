package report

import (
	"iter"
	"math"
)

// Kind says how a Value is stored and printed.
type Kind uint8

const (
	KindString Kind = iota
	KindInt
	KindFloat
	KindNA // not available: a zero vector, a group of one, an undefined ratio
)

// Value is one cell. Floats keep full precision; Digits is the number of
// decimals shown in text and Markdown tables (CSV and JSON print the shortest
// representation that round-trips, so nothing is lost there).
type Value struct {
	Kind   Kind
	Str    string
	Int    int64
	Float  float64
	Digits int
	// Sig, when positive, switches a float's text and Markdown form to the
	// one for probabilities: values of at least 0.001 in absolute value with
	// Digits decimals, smaller ones in scientific notation with Sig
	// significant digits, exactly 0 as "0". Zero keeps the plain Digits form.
	Sig int
}

// Str makes a string cell.
func Str(s string) Value { return Value{Kind: KindString, Str: s} }

// Int makes an integer cell.
func Int(n int64) Value { return Value{Kind: KindInt, Int: n} }

// Float makes a float cell shown with digits decimals; NaN and ±Inf become NA.
func Float(f float64, digits int) Value {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return NA()
	}
	return Value{Kind: KindFloat, Float: f, Digits: digits}
}

// Prob makes a probability cell (a p-value, a q-value): 0.0415 with four
// decimals when p ≥ 0.001, 1.23e-05 with three significant digits below,
// "0" when exactly 0, so that a small p never prints as 0.0000. NaN and ±Inf
// become NA. CSV and JSON write the full float like any other.
func Prob(p float64) Value {
	v := Float(p, 4)
	if v.Kind == KindFloat {
		v.Sig = 3
	}
	return v
}

// NA makes a not-available cell: "n/a" in tables, NA in CSV, null in JSON.
func NA() Value { return Value{Kind: KindNA} }

// Table is one block of output. Column names are snake_case: they are the CSV
// header and the JSON keys.
type Table struct {
	Name    string   // machine name, e.g. "terms"; file name stem with -o DIR
	Title   string   // human title shown above text and Markdown tables
	Columns []string // header
	Rows    [][]Value
	Notes   []string // shown under text/Markdown tables; in JSON as "notes"
	// Cut says, by column name, how a text table too wide for the terminal
	// may shorten that column's string cells; a column not listed (and every
	// column when Cut is nil) is cut from the right. Markdown, CSV and JSON
	// never cut.
	Cut map[string]Cut
	// RowSeq, when Rows is nil, yields the rows one at a time, for tables
	// too large to hold at once (every term of every group): CSV and JSON
	// write each row as it comes, text and Markdown collect them first. A
	// yielded row may be reused once the yield returns.
	RowSeq iter.Seq[[]Value]
	// Empty, when set, is the one line a text table with no rows prints
	// under its title instead of an empty box and its notes: why it is
	// empty.
	Empty string
}

// rowsOf streams the rows row(0) … row(n−1), skipping those row returns as
// nil: a table built this way is made again by every renderer that reads
// it, so that the largest tables of compare and report (events, stories,
// sources, the similarity matrix) are never all in memory at once.
func rowsOf(n int, row func(i int) []Value) iter.Seq[[]Value] {
	return func(yield func([]Value) bool) {
		for i := range n {
			if r := row(i); r != nil && !yield(r) {
				return
			}
		}
	}
}

// AllRows yields the table's rows, from Rows or RowSeq.
func (t *Table) AllRows() iter.Seq[[]Value] {
	if t.Rows == nil && t.RowSeq != nil {
		return t.RowSeq
	}
	return func(yield func([]Value) bool) {
		for _, r := range t.Rows {
			if !yield(r) {
				return
			}
		}
	}
}

// Cut is how the text renderer may shorten a column's string cells when a
// table would otherwise be too wide: it cuts the widest string columns
// first, down to no less than their header, and marks each cut with "…".
type Cut uint8

const (
	CutRight Cut = iota // keep the start: "the dispute betw…" (the default)
	CutLeft             // keep the end: "…dispute between" (a left context next to its match)
	CutNever            // never shorten (identifiers)
	// CutWrap never shortens: the text wraps onto up to maxWrapLines lines
	// within the cell (a passage, a context, a quotation: text a reader is
	// meant to read whole); when it would need more, the table is printed
	// as records, where it wraps in full.
	CutWrap
)

// Section is one part of a report. Display is what a person reads on a
// terminal or in Markdown (may be wide, e.g. a matrix); Tidy is the long form
// written as CSV and JSON. When Tidy is nil, Display is used for every format.
type Section struct {
	Display *Table
	Tidy    *Table
}

// Provenance records what produced an output, so a run can be repeated.
type Provenance struct {
	Tool        string            `json:"tool"`    // "parallax"
	Version     string            `json:"version"` // module version
	Command     string            `json:"command"` // e.g. "terms"
	Options     map[string]string `json:"options"` // effective flag values, by flag name
	Corpus      string            `json:"corpus"`  // what was read: path or "sample:karabakh"
	Fingerprint string            `json:"fingerprint"`
	Documents   int               `json:"documents"`
}

// Report is everything a command prints.
type Report struct {
	Provenance Provenance
	Sections   []Section
}
