package corpus

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readCSV reads a CSV file whose first row names the columns. Quotes must
// balance and every row must have as many fields as the header.
func (l *loader) readCSV(br *bufio.Reader, name string) error {
	l.posOrigin = prefixOrigin(name + ":")
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s is empty: a CSV file needs a header row naming the columns (%s, %s, …)", name, l.opt.TextField, l.opt.GroupField)
	}
	if err != nil {
		return csvError(name, err, "the header row")
	}
	hline, _ := cr.FieldPos(0)
	header, err = l.csvHeader(name, hline, header)
	if err != nil {
		return err
	}
	base := idBase(name)
	rec := rawRecord{}
	for n := 1; ; n++ {
		start := cr.InputOffset()
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return inputReadError(name, err)
			}
			if gzErr := l.damaged(); gzErr != nil {
				return inputReadError(name, gzErr) // the row was cut by the damage
			}
			origin := name + ":" + strconv.Itoa(pe.StartLine)
			detail, hint := csvRowProblem(pe, len(row), len(header), cr.InputOffset()-start)
			if e := l.bad(origin, skipMalformed, detail, hint); e != nil {
				return e
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		repaired := false
		clear(rec)
		for i, col := range header {
			v, fixed := repairUTF8(row[i])
			repaired = repaired || fixed
			rec[col] = rawField{val: v}
		}
		if err := l.addRecord(rec, name+":"+strconv.Itoa(line), int64(line), n, base, repaired); err != nil {
			return err
		}
	}
}

// csvRowProblem words the parse error pe of a CSV row that has fields
// fields (the header has want) and took read bytes of the input, and says
// what to do.
func csvRowProblem(pe *csv.ParseError, fields, want int, read int64) (detail, hint string) {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line == pe.StartLine && int64(pe.Column) >= read:
		// encoding/csv reports a quoted field still open when the input
		// ends at the column after the last byte read; a stray quote
		// inside the line is reported at that quote, before the line's end.
		return fmt.Sprintf("unbalanced quotes: the quoted field opened on line %d is still open at the end of the input", pe.StartLine),
			"the input was cut short, or the field lacks its closing quote: close the quote, or use --skip-bad"
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return fmt.Sprintf("row has %d fields but the header has %d", fields, want),
			"quote fields that contain commas, fix the row, or use --skip-bad"
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("unbalanced quotes: a \" in an unquoted field (line %d, column %d)", pe.Line, pe.Column),
			"a field holding a quote must be quoted, its quotes doubled (\"say \"\"no\"\"\"); fix the row or use --skip-bad"
	case pe.Line > pe.StartLine:
		return fmt.Sprintf("unbalanced quotes: the quoted field opened on line %d is still open on line %d, so lines %d to %d are read as one broken row",
				pe.StartLine, pe.Line, pe.StartLine, pe.Line),
			"close the quote, write a quote inside a quoted field twice (\"\"), or use --skip-bad"
	}
	return fmt.Sprintf("unbalanced quotes: %v (column %d)", pe.Err, pe.Column),
		"a quote inside a quoted field is written twice (\"\"); fix the row or use --skip-bad"
}

// csvHeader checks a CSV header and returns a copy of its names, trimmed.
func (l *loader) csvHeader(name string, line int, row []string) ([]string, error) {
	header, seen, err := headerNames(name, line, row)
	if err != nil {
		return nil, err
	}
	cols := strings.Join(header, ", ")
	if !seen[l.opt.TextField] {
		return nil, fmt.Errorf("%s:%d: no %q column (columns: %s): set --text to the column that holds the article text", name, line, l.opt.TextField, cols)
	}
	if !seen[l.opt.GroupField] {
		return nil, fmt.Errorf("%s:%d: no %q column (columns: %s): set --group to the column that names the outlet", name, line, l.opt.GroupField, cols)
	}
	return header, nil
}

// csvError explains a CSV parse error in where.
func csvError(name string, err error, where string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: invalid CSV in %s: %v", name, pe.StartLine, where, pe.Err)
	}
	return inputReadError(name, err)
}
