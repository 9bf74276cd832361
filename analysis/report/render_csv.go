package report

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
)

// renderCSV writes the one section's tidy table: a header row of column
// names, then one record per row; NA is written as NA, which readr and
// pandas read as missing by default.
func renderCSV(w *bufio.Writer, r *Report) error {
	if n := len(r.Sections); n != 1 {
		if n == 0 {
			return errors.New("csv holds one table; this report has no sections")
		}
		return fmt.Errorf("csv holds one table; this report has %d sections: use -o DIR to write one file per section", n)
	}
	t := tidyTable(r.Sections[0])
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	record := make([]string, len(t.Columns))
	n := 0
	for row := range t.AllRows() {
		if n++; checkRow(t, n, row) != nil {
			return checkRow(t, n, row)
		}
		for j, v := range row {
			record[j] = csvValue(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvValue(v Value) string {
	if isNA(v) {
		return "NA"
	}
	switch v.Kind {
	case KindInt:
		return strconv.FormatInt(v.Int, 10)
	case KindFloat:
		return dataFloat(v.Float)
	}
	return v.Str
}
