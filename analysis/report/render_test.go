package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// The -update flag rewrites the golden files:
// go test ./analysis -run TestRender -update. It is defined here unless
// another test file of the package defined it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func goldenUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const goldenDir = "../../testdata/golden"

// checkGolden compares got with the golden file name, or rewrites it.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if goldenUpdate() {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v (run go test ./analysis -run TestRender -update)", name, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file:\n%s", name, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing lines of want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 8; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

// pointThree is 0.1+0.2 computed in float64 (0.30000000000000004), not the
// exact constant 0.3 the compiler would fold it to.
var pointThree = func() float64 { a, b := 0.1, 0.2; return a + b }()

// tricky is a cell that needs escaping in every format.
const tricky = "a | b, \"c\"\nd <script>alert(1)</script>"

func sampleProvenance() Provenance {
	return Provenance{
		Tool:    "parallax",
		Version: "0.1.0",
		Command: "compare",
		Options: map[string]string{
			"min-count":  "5",
			"idf":        "smooth",
			"stop-words": "en ru",
			"label":      "",
			"group":      "outlet",
		},
		Corpus:      "sample:karabakh",
		Fingerprint: "3f2a9c01b2d4e5f60718293a4b5c6d7e",
		Documents:   5,
	}
}

// termsSection has no Tidy table: Display serves every format.
func termsSection() Section {
	return Section{Display: &Table{
		Name:    "terms",
		Title:   "Distinctive terms",
		Columns: []string{"outlet", "term", "count", "log_ratio", "p_value"},
		Rows: [][]Value{
			{Str("armenpress"), Str("Հայաստան"), Int(42), Float(1.23456, 3), Prob(1e-300)},
			{Str("daily_sabah"), Str("İstanbul"), Int(7), Float(-0.0001, 3), NA()},
			{Str("xinhua"), Str("東京 東京"), Int(1234567), Float(pointThree, 2), Prob(2.0 / 3)},
			{Str("  padded  "), Str(tricky), Int(-3), NA(), Float(math.NaN(), 2)},
		},
		Notes: []string{"log_ratio is base 2; p_value | n/a when a group is empty", "# not a heading <b>"},
	}}
}

var outlets = []string{"abc_news", "al_jazeera", "fox_news"}

// similaritySection shows a 3×3 matrix and writes it long in CSV and JSON.
func similaritySection() Section {
	m := [3][3]float64{{1, 0.25, 1.0 / 3}, {0.25, 1, pointThree}, {1.0 / 3, pointThree, 1}}
	display := &Table{
		Name:    "similarity",
		Title:   "Cosine similarity",
		Columns: append([]string{"outlet"}, outlets...),
		Notes:   []string{"diagonal is n/a"},
	}
	tidy := &Table{
		Name:    "similarity",
		Title:   "Cosine similarity",
		Columns: []string{"outlet_a", "outlet_b", "cosine"},
		Notes:   display.Notes,
	}
	for i, a := range outlets {
		row := []Value{Str(a)}
		for j, b := range outlets {
			v := Float(m[i][j], 3)
			if i == j {
				v = NA()
			}
			row = append(row, v)
			tidy.Rows = append(tidy.Rows, []Value{Str(a), Str(b), v})
		}
		display.Rows = append(display.Rows, row)
	}
	return Section{Display: display, Tidy: tidy}
}

func sampleReport() *Report {
	return &Report{Provenance: sampleProvenance(), Sections: []Section{termsSection(), similaritySection()}}
}

func render(t *testing.T, r *Report, f Format, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, f, opt); err != nil {
		t.Fatalf("Render %s: %v", f, err)
	}
	return buf.Bytes()
}

func TestRenderGolden(t *testing.T) {
	oneSection := &Report{Provenance: sampleProvenance(), Sections: []Section{similaritySection()}}
	termsOnly := &Report{Provenance: sampleProvenance(), Sections: []Section{termsSection()}}
	tests := []struct {
		golden string
		report *Report
		format Format
	}{
		{"render.txt", sampleReport(), FormatTable},
		{"render.md", sampleReport(), FormatMarkdown},
		{"render.json", sampleReport(), FormatJSON},
		{"render-similarity.csv", oneSection, FormatCSV},
		{"render-terms.csv", termsOnly, FormatCSV},
		{"render-wide.txt", wideReport(12, "The Daily Outlet Number %02d"), FormatTable},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got := render(t, tt.report, tt.format, Options{Width: testWidth})
			checkGolden(t, tt.golden, got)
			again := render(t, tt.report, tt.format, Options{Width: testWidth})
			if !bytes.Equal(got, again) {
				t.Errorf("%s: two renderings of the same report differ", tt.golden)
			}
		})
	}
}

// TestRenderDeterministic renders a report whose options map has many keys:
// map iteration order changes between runs, the output must not. Nor may
// tablewriter's East Asian width mode, which it sets from the locale
// (LANG=zh_CN.UTF-8 or RUNEWIDTH_EASTASIAN=1 turn it on).
func TestRenderDeterministic(t *testing.T) {
	r := sampleReport()
	for i := 0; i < 30; i++ {
		r.Provenance.Options[fmt.Sprintf("opt-%02d", i)] = strconv.Itoa(i)
	}
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatJSON} {
		first := render(t, r, f, Options{Width: testWidth})
		for i := 0; i < 20; i++ {
			if got := render(t, r, f, Options{Width: testWidth}); !bytes.Equal(got, first) {
				t.Fatalf("%s: rendering %d differs from the first", f, i+2)
			}
		}
		twwidth.SetEastAsian(true) // as a CJK locale would
		got := render(t, r, f, Options{Width: testWidth})
		twwidth.SetEastAsian(false)
		if !bytes.Equal(got, first) {
			t.Errorf("%s: output changes with the East Asian width setting:\n%s", f, lineDiff(string(first), string(got)))
		}
	}
}

func TestRenderTextUnicodeAlignment(t *testing.T) {
	out := string(render(t, sampleReport(), FormatTable, Options{Width: testWidth}))
	// Every line of one box has the same display width, whatever the script.
	boxes := 0
	width := -1
	for _, line := range strings.Split(out, "\n") {
		if !strings.ContainsAny(line[:min(len(line), 3)], "┌│├└") {
			width = -1
			continue
		}
		if strings.HasPrefix(line, "┌") {
			boxes++
			width = displayWidth(line)
		}
		if got := displayWidth(line); got != width {
			t.Errorf("line %q is %d columns wide, its box %d", line, got, width)
		}
	}
	if boxes != 2 {
		t.Errorf("found %d boxes, want 2", boxes)
	}
	for _, want := range []string{
		"│ log_ratio │",             // header not upper-cased or re-spaced
		"│ Հայաստան ",               // Armenian
		"İstanbul",                  // Turkish dotted capital I kept
		"│ 東京 東京 ",                  // CJK, two columns per ideograph
		"│ a | b, \"c\" d <script>", // newline made a space; text not escaped
		"│ padded ",                 // surrounding spaces trimmed
		"│ 1234567 │",               // ints without separators
		"│     0.000 │",             // -0.0001 with 3 digits, no "-0.000"
		"│      0.30 │",             // 0.1+0.2 with 2 digits
		"│       n/a │",             // NA and NaN right-aligned in number columns
		"options: group=outlet idf=smooth label=\"\" min-count=5 stop-words=\"en ru\"\n",
		"fingerprint 3f2a9c01b2d4…\n",
		// Column widths: outlet 11 ("daily_sabah"); term 38 (the tricky cell:
		// "a | b, "c" d " 13 + "<script>" 8 + "alert(1)" 8 + "</script>" 9);
		// count 7; log_ratio 9; p_value 9 ("1.00e-300"); each plus two spaces
		// of padding. The notes follow the bottom border.
		"└" + dashes("─", 13) + "┴" + dashes("─", 40) + "┴" + dashes("─", 9) + "┴" + dashes("─", 11) + "┴" + dashes("─", 11) + "┘\nlog_ratio is base 2",
		"│ 1.00e-300 │", // Prob: scientific below 0.001
		"│    0.6667 │", // Prob: four decimals
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
}

func dashes(s string, n int) string { return strings.Repeat(s, n) }

// wideReport is an n×n similarity matrix whose outlet names are made by
// format; cell (i, j) is (i·n+j)/10000, shown with 4 decimals, so every
// cell is distinct; the diagonal is NA.
func wideReport(n int, format string) *Report {
	tab := &Table{Name: "similarity", Title: "Similarity", Columns: []string{"outlet"}}
	for i := 0; i < n; i++ {
		tab.Columns = append(tab.Columns, fmt.Sprintf(format, i+1))
	}
	for i := 0; i < n; i++ {
		row := []Value{Str(tab.Columns[i+1])}
		for j := 0; j < n; j++ {
			v := Float(float64(i*n+j)/10000, 4)
			if i == j {
				v = NA()
			}
			row = append(row, v)
		}
		tab.Rows = append(tab.Rows, row)
	}
	return &Report{Provenance: Provenance{Tool: "parallax", Documents: n}, Sections: []Section{{Display: tab}}}
}

// parseBoxes reads the blocks of a split text table back: per row label, per
// column number, the cell text.
func parseBoxes(t *testing.T, out string) map[string]map[int]string {
	t.Helper()
	cells := map[string]map[int]string{}
	var header []string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "│") {
			continue
		}
		fields := strings.Split(strings.Trim(line, "│"), "│")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if fields[0] == "outlet" {
			header = fields
			continue
		}
		if cells[fields[0]] == nil {
			cells[fields[0]] = map[int]string{}
		}
		for i := 1; i < len(fields); i++ {
			n, err := strconv.Atoi(header[i])
			if err != nil {
				t.Fatalf("header %q is not a column number", header[i])
			}
			if _, dup := cells[fields[0]][n]; dup {
				t.Errorf("row %q column %d printed twice", fields[0], n)
			}
			cells[fields[0]][n] = fields[i]
		}
	}
	return cells
}

func TestRenderWideTable(t *testing.T) {
	const n = 53
	r := wideReport(n, "outlet_name_%02d")
	out := string(render(t, r, FormatTable, Options{Width: testWidth}))
	for _, line := range strings.Split(out, "\n") {
		if w := displayWidth(line); w > testWidth {
			t.Errorf("line is %d columns wide, more than %d: %q", w, testWidth, line)
		}
	}
	// The key column is 14 wide ("outlet_name_53"): 1 + 14 + 3 = 18. Each
	// value column is 6 wide ("0.2808", headers "1".."53"): 6 + 3 = 9.
	// 18 + 9·9 = 99 ≤ 100 < 108, so 9 columns a block: 5 blocks of 9 and one of 8.
	for _, want := range []string{"columns 1–9 of 53\n", "columns 10–18 of 53\n", "columns 46–53 of 53\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("wide output lacks %q", want)
		}
	}
	if got := strings.Count(out, "\ncolumns "); got != 6 {
		t.Errorf("found %d blocks, want 6", got)
	}
	legend := out[strings.Index(out, "columns: "):]
	for j := 1; j <= n; j++ {
		if !strings.Contains(legend, fmt.Sprintf(" %d outlet_name_%02d", j, j)) {
			t.Errorf("legend lacks column %d", j)
		}
	}
	cells := parseBoxes(t, out)
	if len(cells) != n {
		t.Fatalf("found %d row labels, want %d", len(cells), n)
	}
	for i := 0; i < n; i++ {
		label := fmt.Sprintf("outlet_name_%02d", i+1)
		for j := 0; j < n; j++ {
			want := strconv.FormatFloat(float64(i*n+j)/10000, 'f', 4, 64)
			if i == j {
				want = "n/a"
			}
			if got := cells[label][j+1]; got != want {
				t.Errorf("row %s column %d = %q, want %q", label, j+1, got, want)
			}
		}
	}
}

func TestRenderWideHeadersOnly(t *testing.T) {
	// Five value columns with 30-character names: 1+6+3 + 5·33 = 175 > 100.
	// Numbered, the first is 3 wide ("n/a") and the others 6 ("0.0001"):
	// 10 + 6 + 4·9 = 52, one block.
	r := wideReport(5, "a_rather_long_outlet_name_%05d")
	r.Sections[0].Display.Rows = r.Sections[0].Display.Rows[:1]
	r.Sections[0].Display.Rows[0][0] = Str("x")
	out := string(render(t, r, FormatTable, Options{Width: testWidth}))
	if strings.Contains(out, "columns 1–") {
		t.Errorf("table was split into blocks, want one:\n%s", out)
	}
	if !strings.Contains(out, "│ outlet │   1 │      2 │") {
		t.Errorf("headers not numbered:\n%s", out)
	}
	if !strings.Contains(out, "columns: 1 a_rather_long_outlet_name_00001, 2 a_rather_long_outlet_name_00002,") {
		t.Errorf("legend missing or wrong:\n%s", out)
	}
	// Width 30 splits it: 10 + 6 + 9 = 25 ≤ 30 < 34, then 10 + 2·9 = 28 ≤ 30 < 37.
	out = string(render(t, r, FormatTable, Options{Width: 30}))
	for _, want := range []string{"columns 1–2 of 5", "columns 3–4 of 5", "columns 5–5 of 5"} {
		if !strings.Contains(out, want) {
			t.Errorf("width 30: output lacks %q:\n%s", want, out)
		}
	}
}

// markdownCells splits a pipe-table row at unescaped pipes.
func markdownCells(line string) []string {
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			cur.WriteByte(line[i])
			if i+1 < len(line) {
				i++
				cur.WriteByte(line[i])
			}
		case '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	cells = append(cells, cur.String())
	return cells[1 : len(cells)-1] // outside the first and last pipe
}

func TestRenderMarkdownTables(t *testing.T) {
	out := string(render(t, sampleReport(), FormatMarkdown, Options{Width: testWidth}))
	var tables [][]string
	inTable := false
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			inTable = false
			continue
		}
		if !inTable {
			tables = append(tables, nil)
			inTable = true
		}
		tables[len(tables)-1] = append(tables[len(tables)-1], line)
	}
	wantCols := []int{5, 4}
	wantRows := []int{4, 3}
	if len(tables) != len(wantCols) {
		t.Fatalf("found %d tables, want %d", len(tables), len(wantCols))
	}
	for i, lines := range tables {
		if got := len(lines) - 2; got != wantRows[i] {
			t.Errorf("table %d has %d body rows, want %d", i+1, got, wantRows[i])
		}
		for _, line := range lines {
			if got := len(markdownCells(line)); got != wantCols[i] {
				t.Errorf("table %d row %q has %d cells, want %d", i+1, line, got, wantCols[i])
			}
		}
	}
	// Widths: outlet 11; term 43, the tricky cell escaped ("a \| b, "c" d "
	// 14 + "\<script\>" 10 + "alert(1)" 8 + "\</script\>" 11); count 7;
	// log_ratio 9; p_value 9 ("1.00e-300").
	want := "| " + dashes("-", 11) + " | " + dashes("-", 43) + " | " + dashes("-", 6) + ": | " + dashes("-", 8) + ": | " + dashes("-", 8) + ": |"
	if got := tables[0][1]; got != want {
		t.Errorf("alignment row = %q, want %q", got, want)
	}
	for _, want := range []string{
		`a \| b, "c" d \<script\>alert(1)\</script\>`,
		"*parallax 0.1.0 · compare · corpus sample:karabakh · 5 documents · fingerprint 3f2a9c01b2d4e5f60718293a4b5c6d7e · options: group=outlet idf=smooth label=\"\" min-count=5 stop-words=\"en ru\"*\n",
		"\n## Distinctive terms\n\n",
		"- log_ratio is base 2; p_value \\| n/a when a group is empty\n",
		"- \\# not a heading \\<b\\>\n",
		"| daily_sabah |", // snake_case left unescaped
		"| 1.00e-300 |",   // Prob: scientific below 0.001
		"|    0.6667 |",   // Prob: four decimals
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown output lacks %q", want)
		}
	}
}

func TestMarkdownText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Հայաստան 東京", "Հայաստան 東京"},
		{"snake case", "log_ratio_2", "log_ratio_2"},
		{"emphasis underscores", "_x_ a_ _b", `\_x\_ a\_ \_b`},
		{"pipe", "a|b", `a\|b`},
		{"html", "<script>&amp;", `\<script\>\&amp;`},
		{"code and links", "`x` [y](z) *w* ~v~", "\\`x\\` \\[y\\](z) \\*w\\* \\~v\\~"},
		{"backslash", `a\|`, `a\\\|`},
		{"newlines and spaces", "  a\nb\r\nc\t ", "a b  c"},
		{"escape sequence", "\x1b[31mred", `\[31mred`},
	}
	for _, tt := range tests {
		if got := markdownText(tt.in); got != tt.want {
			t.Errorf("%s: markdownText(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestTextValue(t *testing.T) {
	tests := []struct {
		name string
		in   Value
		want string
	}{
		{"int", Int(-1234567), "-1234567"},
		{"float digits", Float(2.0/3, 3), "0.667"},
		{"float zero digits", Float(41.6, 0), "42"},
		{"negative zero", Float(-0.0004, 3), "0.000"},
		{"negative kept", Float(-0.0006, 3), "-0.001"},
		{"negative digits", Value{Kind: KindFloat, Float: 1e-7, Digits: -1}, "1e-07"},
		{"NA", NA(), "n/a"},
		{"prob four decimals", Prob(0.0415), "0.0415"},
		{"prob at the threshold", Prob(0.001), "0.0010"},
		{"prob just below", Prob(0.00099949), "9.99e-04"},
		{"prob scientific", Prob(1.2345e-5), "1.23e-05"},
		{"prob rounds up", Prob(9.9996e-7), "1.00e-06"},
		{"prob tiny", Prob(1e-300), "1.00e-300"},
		{"prob zero", Prob(0), "0"},
		{"prob one", Prob(1), "1.0000"},
		{"prob NaN", Prob(math.NaN()), "n/a"},
		{"prob Inf", Prob(math.Inf(1)), "n/a"},
		{"NaN literal", Value{Kind: KindFloat, Float: math.NaN(), Digits: 2}, "n/a"},
		{"Inf literal", Value{Kind: KindFloat, Float: math.Inf(-1), Digits: 2}, "n/a"},
		{"control characters", Str("a\tb\x00c\u2028d\u0085e"), "a b c d e"},
		{"invalid utf-8", Str("a\xffb"), "a\ufffdb"},
	}
	for _, tt := range tests {
		if got := textValue(tt.in); got != tt.want {
			t.Errorf("%s: textValue = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRenderCSVRoundTrip(t *testing.T) {
	for _, s := range []Section{termsSection(), similaritySection()} {
		tab := tidyTable(s)
		out := render(t, &Report{Provenance: sampleProvenance(), Sections: []Section{s}}, FormatCSV, Options{Width: testWidth})
		records, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%s: csv does not parse: %v", tab.Name, err)
		}
		if !reflect.DeepEqual(records[0], tab.Columns) {
			t.Errorf("%s: header %q, want %q", tab.Name, records[0], tab.Columns)
		}
		if len(records)-1 != len(tab.Rows) {
			t.Fatalf("%s: %d records, want %d", tab.Name, len(records)-1, len(tab.Rows))
		}
		for i, row := range tab.Rows {
			for j, v := range row {
				if err := sameAsCSV(v, records[i+1][j]); err != nil {
					t.Errorf("%s row %d column %s: %v", tab.Name, i+1, tab.Columns[j], err)
				}
			}
		}
	}
}

// sameAsCSV checks that field reads back as v: strings unchanged, numbers
// parsing to exactly the same value, NA as "NA".
func sameAsCSV(v Value, field string) error {
	switch {
	case isNA(v):
		if field != "NA" {
			return fmt.Errorf("NA written as %q", field)
		}
	case v.Kind == KindInt:
		n, err := strconv.ParseInt(field, 10, 64)
		if err != nil || n != v.Int {
			return fmt.Errorf("int %d written as %q", v.Int, field)
		}
	case v.Kind == KindFloat:
		f, err := strconv.ParseFloat(field, 64)
		if err != nil || f != v.Float {
			return fmt.Errorf("float %v written as %q, reads back as %v", v.Float, field, f)
		}
	default:
		if field != v.Str {
			return fmt.Errorf("string %q read back as %q", v.Str, field)
		}
	}
	return nil
}

func TestRenderJSONTypes(t *testing.T) {
	r := sampleReport()
	out := render(t, r, FormatJSON, Options{Width: testWidth})
	if !json.Valid(out) || !bytes.HasSuffix(out, []byte("}\n")) {
		t.Fatalf("output is not one JSON object ending in a newline:\n%s", out)
	}
	if !bytes.Contains(out, []byte(`<script>alert(1)</script>`)) {
		t.Errorf("HTML-escaped strings in JSON; want < and > as they are")
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var prov Provenance
	provJSON, _ := json.Marshal(doc["provenance"])
	if err := json.Unmarshal(provJSON, &prov); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(prov, r.Provenance) {
		t.Errorf("provenance = %+v, want %+v", prov, r.Provenance)
	}
	sections := doc["sections"].([]any)
	if len(sections) != len(r.Sections) {
		t.Fatalf("%d sections, want %d", len(sections), len(r.Sections))
	}
	for k, s := range sections {
		sec := s.(map[string]any)
		tab := tidyTable(r.Sections[k])
		if sec["name"] != tab.Name || sec["title"] != tab.Title {
			t.Errorf("section %d: name %v title %v, want %q %q", k+1, sec["name"], sec["title"], tab.Name, tab.Title)
		}
		if got := fmt.Sprint(sec["columns"]); got != fmt.Sprint(tab.Columns) {
			t.Errorf("section %d: columns %s, want %v", k+1, got, tab.Columns)
		}
		if got := fmt.Sprint(sec["notes"]); got != fmt.Sprint(tab.Notes) {
			t.Errorf("section %d: notes %s, want %v", k+1, got, tab.Notes)
		}
		rows := sec["rows"].([]any)
		if len(rows) != len(tab.Rows) {
			t.Fatalf("section %d: %d rows, want %d", k+1, len(rows), len(tab.Rows))
		}
		for i, row := range rows {
			obj := row.(map[string]any)
			if len(obj) != len(tab.Columns) {
				t.Errorf("section %d row %d: %d keys, want %d", k+1, i+1, len(obj), len(tab.Columns))
			}
			for j, c := range tab.Columns {
				if err := sameAsJSON(tab.Rows[i][j], obj[c]); err != nil {
					t.Errorf("section %d row %d column %s: %v", k+1, i+1, c, err)
				}
			}
		}
	}
	// Keys of each row object come in column order.
	first := `{"outlet": "armenpress", "term": "Հայաստան", "count": 42, "log_ratio": 1.23456, "p_value": 1e-300}`
	if !bytes.Contains(out, []byte(first)) {
		t.Errorf("first row not written as %s", first)
	}
}

// sameAsJSON checks that decoded (a value from encoding/json into any) is v.
func sameAsJSON(v Value, decoded any) error {
	switch {
	case isNA(v):
		if decoded != nil {
			return fmt.Errorf("NA decoded as %#v, want nil", decoded)
		}
	case v.Kind == KindInt:
		if f, ok := decoded.(float64); !ok || f != float64(v.Int) {
			return fmt.Errorf("int %d decoded as %#v", v.Int, decoded)
		}
	case v.Kind == KindFloat:
		if f, ok := decoded.(float64); !ok || f != v.Float {
			return fmt.Errorf("float %v decoded as %#v", v.Float, decoded)
		}
	default:
		if s, ok := decoded.(string); !ok || s != v.Str {
			return fmt.Errorf("string %q decoded as %#v", v.Str, decoded)
		}
	}
	return nil
}

// referenceJSONString is encoding/json's escaping with HTML escaping off.
func referenceJSONString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", tricky, "tab\there", "\x00\x01\x1f\x7f", "\b\f", "a\xffb\xc3", "\u2028\u2029", "Հայաստան İ 東京 😀", `back\slash "q"`} {
		if got, want := string(appendJSONString(nil, s)), referenceJSONString(s); got != want {
			t.Errorf("appendJSONString(%q) = %s, encoding/json gives %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", tricky, "a\xffb", "\u2028", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), referenceJSONString(s); got != want {
			t.Errorf("appendJSONString(%q) = %s, encoding/json gives %s", s, got, want)
		}
	})
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"table", FormatTable, false},
		{"Markdown", FormatMarkdown, false},
		{" csv ", FormatCSV, false},
		{"json", FormatJSON, false},
		{"xml", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if tt.err {
			if err == nil || !strings.Contains(err.Error(), "want one of table, markdown, csv, json") || !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
				t.Errorf("ParseFormat(%q): error %v, want one quoting the input and listing the formats", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	bad := sampleReport()
	bad.Sections[1].Tidy.Rows[4] = bad.Sections[1].Tidy.Rows[4][:2]
	tests := []struct {
		name   string
		report *Report
		format Format
		want   string
	}{
		{"csv with two sections", sampleReport(), FormatCSV, "csv holds one table; this report has 2 sections: use -o DIR to write one file per section"},
		{"csv with none", &Report{}, FormatCSV, "csv holds one table; this report has no sections"},
		{"nil report", nil, FormatJSON, "no report to render"},
		{"section without table", &Report{Sections: []Section{{}}}, FormatTable, "section 1 has no table"},
		{"short row", bad, FormatMarkdown, `section 2: table "similarity" row 5 has 2 cells for 3 columns`},
		{"no columns", &Report{Sections: []Section{{Display: &Table{Name: "x"}}}}, FormatTable, `section 1: table "x" has no columns`},
		{"unknown format", sampleReport(), Format("xml"), `unknown format "xml": want one of table, markdown, csv, json, latex`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := Render(&buf, tt.report, tt.format, Options{Width: testWidth})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes before failing", tt.name, buf.Len())
		}
	}
}

func TestWriteDir(t *testing.T) {
	r := sampleReport()
	tests := []struct {
		format Format
		files  []string
	}{
		{FormatCSV, []string{"provenance.json", "similarity.csv", "terms.csv"}},
		{FormatJSON, []string{"provenance.json", "similarity.json", "terms.json"}},
		{FormatMarkdown, []string{"provenance.json", "similarity.md", "terms.md"}},
		{FormatTable, []string{"provenance.json", "similarity.txt", "terms.txt"}},
	}
	for _, tt := range tests {
		dir := filepath.Join(t.TempDir(), "out", "sub")
		paths, err := WriteDir(dir, r, tt.format, Options{Width: testWidth})
		if err != nil {
			t.Fatalf("%s: %v", tt.format, err)
		}
		var want []string
		for _, f := range tt.files {
			want = append(want, filepath.Join(dir, f))
		}
		if !reflect.DeepEqual(paths, want) {
			t.Errorf("%s: wrote %q, want %q", tt.format, paths, want)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != len(tt.files) {
			t.Errorf("%s: directory holds %d files, want %d", tt.format, len(entries), len(tt.files))
		}
		for _, s := range r.Sections {
			name := tidyTable(s).Name + tt.format.Ext()
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			one := &Report{Provenance: r.Provenance, Sections: []Section{s}}
			if want := render(t, one, tt.format, Options{Width: testWidth}); !bytes.Equal(got, want) {
				t.Errorf("%s: %s is not the section rendered alone", tt.format, name)
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, "provenance.json"))
		if err != nil {
			t.Fatal(err)
		}
		var prov Provenance
		if err := json.Unmarshal(data, &prov); err != nil || !reflect.DeepEqual(prov, r.Provenance) {
			t.Errorf("%s: provenance.json = %+v (%v), want %+v", tt.format, prov, err, r.Provenance)
		}
	}
}

func TestWriteDirErrors(t *testing.T) {
	named := func(names ...string) *Report {
		r := &Report{}
		for _, n := range names {
			r.Sections = append(r.Sections, Section{Display: &Table{Name: n, Columns: []string{"a"}}})
		}
		return r
	}
	tests := []struct {
		name   string
		report *Report
		format Format
		want   string
	}{
		{"path in name", named("../evil"), FormatCSV, `section 1: table name "../evil" cannot be a file name`},
		{"empty name", named("ok", ""), FormatCSV, `section 2: table name "" cannot be a file name`},
		{"hidden", named(".x"), FormatCSV, `section 1: table name ".x" cannot be a file name`},
		{"duplicate", named("terms", "x", "Terms"), FormatMarkdown, `sections 1 and 3 would both be written to "Terms.md"`},
		{"provenance clash", named("provenance"), FormatJSON, `section 1: table name "provenance" would overwrite provenance.json`},
		{"unknown format", named("x"), Format("xml"), `unknown format "xml"`},
	}
	for _, tt := range tests {
		dir := filepath.Join(t.TempDir(), "out")
		_, err := WriteDir(dir, tt.report, tt.format, Options{Width: testWidth})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if _, statErr := os.Stat(dir); statErr == nil {
			t.Errorf("%s: created %s despite the error", tt.name, dir)
		}
	}
}

// benchReport is a terms-like table of n rows.
func benchReport(n int) *Report {
	tab := &Table{Name: "terms", Title: "Terms", Columns: []string{"outlet", "term", "count", "log_ratio", "p_value"}}
	for i := 0; i < n; i++ {
		tab.Rows = append(tab.Rows, []Value{
			Str(outlets[i%len(outlets)]), Str("term" + strconv.Itoa(i)), Int(int64(i)),
			Float(float64(i)/7, 3), Float(1/float64(i+1), 4),
		})
	}
	return &Report{Provenance: sampleProvenance(), Sections: []Section{{Display: tab}}}
}

func BenchmarkRender(b *testing.B) {
	r := benchReport(10000)
	for _, f := range formats {
		b.Run(string(f), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := Render(&buf, r, f, Options{Width: testWidth}); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

// testWidth is the table width the golden files and the hand arithmetic of
// the wide-table tests assume, independent of DefaultWidth.
const testWidth = 100

func TestProbData(t *testing.T) {
	// CSV and JSON ignore Sig: the shortest float that round-trips.
	r := &Report{Sections: []Section{{Display: &Table{Name: "p", Columns: []string{"p"},
		Rows: [][]Value{{Prob(1.2345e-5)}, {Prob(0.0415)}, {Prob(0)}}}}}}
	if got, want := string(render(t, r, FormatCSV, Options{})), "p\n1.2345e-05\n0.0415\n0\n"; got != want {
		t.Errorf("csv = %q, want %q", got, want)
	}
	if got := string(render(t, r, FormatJSON, Options{})); !strings.Contains(got, `{"p": 1.2345e-05},`) {
		t.Errorf("json lacks the full p:\n%s", got)
	}
}

func TestWriteWrapped(t *testing.T) {
	tests := []struct {
		name  string
		items []string
		width int
		want  string
	}{
		// "options: group=outlet" is 21; + " idf=smooth" would be 32 > 30.
		// "  idf=smooth label=\"\"" is 21; + " min-count=5" would be 33.
		// "  min-count=5" is 13; + ` stop-words="en ru"` would be 32.
		{"options", []string{"options: group=outlet", "idf=smooth", `label=""`, "min-count=5", `stop-words="en ru"`}, 30,
			"options: group=outlet\n  idf=smooth label=\"\"\n  min-count=5\n  stop-words=\"en ru\"\n"},
		// An item wider than a line is broken into pieces of 10 − 2 (the
		// indent) columns, laid out like items: "a xxxxxxxx" is 10.
		{"item wider than the width", []string{"a", strings.Repeat("x", 12), "b"}, 10,
			"a xxxxxxxx\n  xxxx b\n"},
		// Each "東京" is 4 columns: "東京 東京" is 9 ≤ 10; "  東京 東京" would be 11.
		{"wide characters", strings.Fields("東京 東京 東京 東京"), 10, "東京 東京\n  東京\n  東京\n"},
		{"fits exactly", []string{"abcd", "efgh"}, 9, "abcd efgh\n"},
		{"one over", []string{"abcd", "efgh"}, 8, "abcd\n  efgh\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		writeWrapped(w, tt.items, tt.width)
		w.Flush()
		if got := buf.String(); got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// longOptions has so many options that their line is far wider than 160.
func longOptions() map[string]string {
	opts := sampleProvenance().Options
	for i := 0; i < 25; i++ {
		opts[fmt.Sprintf("option-%02d", i)] = fmt.Sprintf("value number %d", i)
	}
	return opts
}

func TestRenderTextWraps(t *testing.T) {
	const note = "log_ratio is base 2; p_value | n/a when a group is empty"
	for _, width := range []int{0, 30, 60, testWidth} {
		r := sampleReport()
		r.Provenance.Options = longOptions()
		r.Sections[0].Display.Notes = []string{note, "short  note,  spaces kept"}
		out := string(render(t, r, FormatTable, Options{Width: width}))
		limit := Options{Width: width}.width()
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		// The options: every line within the width, continuation lines
		// indented by two spaces, and joined back they are the one-line form.
		_, opts := provenanceParts(&r.Provenance, 12)
		start := slicesIndexPrefix(lines, "options: ")
		if start < 0 {
			t.Fatalf("width %d: no options line:\n%s", width, out)
		}
		joined := strings.TrimPrefix(lines[start], "options: ")
		n := 1
		for ; strings.HasPrefix(lines[start+n], "  "); n++ {
			joined += " " + strings.TrimPrefix(lines[start+n], "  ")
		}
		if want := strings.Join(opts, " "); joined != want {
			t.Errorf("width %d: options rejoined as\n%s\nwant\n%s", width, joined, want)
		}
		wantLines := 1
		if limit < displayWidth("options: "+strings.Join(opts, " ")) {
			wantLines = 2 // at least
		}
		if n < wantLines {
			t.Errorf("width %d: options on %d lines, want at least %d", width, n, wantLines)
		}
		// No pair is broken: each line is a run of whole pairs.
		k := 0
		for i := 0; i < n; i++ {
			line := strings.TrimPrefix(strings.TrimPrefix(lines[start+i], "options: "), "  ")
			for line != "" {
				if k >= len(opts) || !strings.HasPrefix(line, opts[k]) {
					t.Fatalf("width %d: options line %d breaks a pair: %q", width, i+1, lines[start+i])
				}
				line = strings.TrimPrefix(line[len(opts[k]):], " ")
				k++
			}
		}
		for _, line := range lines {
			if strings.HasPrefix(line, "parallax ") || strings.ContainsAny(line, "┌│├└") {
				continue // the summary line and the boxes are not wrapped
			}
			if w := displayWidth(line); w > limit {
				t.Errorf("width %d: line %q is %d wide", width, line, w)
			}
		}
		if !strings.Contains(out, "\nshort  note,  spaces kept\n") {
			t.Errorf("width %d: a note that fits was changed:\n%s", width, out)
		}
	}
	// Hand-wrapped at 30: "log_ratio is base 2; p_value |" is exactly 30.
	r := sampleReport()
	r.Sections = r.Sections[:1]
	r.Sections[0].Display.Notes = []string{note}
	out := string(render(t, r, FormatTable, Options{Width: 30}))
	if want := "\nlog_ratio is base 2; p_value |\n  n/a when a group is empty\n"; !strings.Contains(out, want) {
		t.Errorf("note at width 30 not wrapped as %q:\n%s", want, out)
	}
	// Markdown keeps the provenance and each note on one line.
	r.Provenance.Options = longOptions()
	md := string(render(t, r, FormatMarkdown, Options{Width: 30}))
	_, opts := provenanceParts(&r.Provenance, 0)
	if !strings.Contains(md, " · options: "+markdownText(strings.Join(opts, " "))+"*\n") {
		t.Errorf("markdown provenance not on one line:\n%s", md)
	}
	if !strings.Contains(md, "\n- log_ratio is base 2; p_value \\| n/a when a group is empty\n") {
		t.Errorf("markdown note not on one line:\n%s", md)
	}
}

// slicesIndexPrefix is the index of the first line starting with prefix, or -1.
func slicesIndexPrefix(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

func TestCutText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		left  bool
		want  string
	}{
		{"fits", "abcdef", 6, false, "abcdef"},
		{"fits left", "abcdef", 6, true, "abcdef"},
		{"right", "abcdefgh", 6, false, "abcde…"},
		{"left", "abcdefgh", 6, true, "…defgh"},
		{"space before the cut", "abc defgh", 5, false, "abc…"},
		{"space after the cut", "abcde fgh", 5, true, "…fgh"},
		// Each ideograph is 2 wide: after "東京" (4) the next would make 6 > 5.
		{"wide right", "東京東京", 6, false, "東京…"},
		{"wide left", "東京大阪", 6, true, "…大阪"},
		{"wide odd", "東京大阪", 4, false, "東…"},
		// "é" as e + U+0301 (width 0): the mark stays with its e.
		{"combining right", "cafe\u0301 au lait", 6, false, "cafe\u0301…"},
		// Cutting from the left at a mark drops the orphaned mark.
		{"combining left", "xe\u0301abc", 4, true, "…abc"},
		{"armenian", "Հայաստանի Հանրապետություն", 10, false, "Հայաստանի…"},
		{"one column", "abc", 1, false, "…"},
	}
	for _, tt := range tests {
		got := cutText(tt.in, tt.width, tt.left)
		if got != tt.want {
			t.Errorf("%s: cutText(%q, %d, %v) = %q, want %q", tt.name, tt.in, tt.width, tt.left, got, tt.want)
		}
		if w := displayWidth(got); w > tt.width {
			t.Errorf("%s: %q is %d wide, more than %d", tt.name, got, w, tt.width)
		}
	}
}

func FuzzCutText(f *testing.F) {
	for _, s := range []string{"abcdefgh", "東京東京", "cafe\u0301 au lait", "a b c d e", "😀😀😀"} {
		f.Add(s, 5, false)
	}
	f.Fuzz(func(t *testing.T, s string, width int, left bool) {
		s = printable(s)
		if width < 2 || width > 200 {
			return
		}
		got := cutText(s, width, left)
		if displayWidth(got) > width {
			t.Errorf("cutText(%q, %d, %v) = %q, %d wide", s, width, left, got, displayWidth(got))
		}
		if got == s {
			return
		}
		if left {
			if !strings.HasPrefix(got, "…") || !strings.HasSuffix(s, strings.TrimPrefix(got, "…")) {
				t.Errorf("cutText(%q, %d, left) = %q, not … and an end of it", s, width, got)
			}
		} else if !strings.HasSuffix(got, "…") || !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
			t.Errorf("cutText(%q, %d) = %q, not a start of it and …", s, width, got)
		}
	})
}

// kwicTable is a keyword-in-context table whose contexts are 40 columns
// wide: doc 10 ("doc-000001"), n 1, left 40, match 7, right (rightWidth)
// wide, so the box is 1 + 13 + 4 + 43 + 10 + rightWidth+3.
func kwicTable(leftHeader, rightHeader string, rightWidth int) *Table {
	left := strings.Repeat("0123456789", 4)
	right := strings.Repeat("abcdefghij", 4)[:rightWidth]
	return &Table{
		Name: "kwic", Title: "Keyword in context",
		Columns: []string{"doc", "n", leftHeader, "match", rightHeader},
		Rows: [][]Value{
			{Str("doc-000001"), Int(1), Str(left), Str("Armenia"), Str(right)},
			{Str("doc-000002"), Int(2), Str("short"), Str("Armenia"), Str("end")},
		},
		Cut: map[string]Cut{leftHeader: CutLeft, "doc": CutNever},
	}
}

// boxCells returns the cells of the box rows of out (header included).
func boxCells(out string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "│") {
			continue
		}
		fields := strings.Split(strings.Trim(line, "│"), "│")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		rows = append(rows, fields)
	}
	return rows
}

func TestRenderTextCuts(t *testing.T) {
	const left, right = "0123456789012345678901234567890123456789", "abcdefghijabcdefghijabcdefghijabcdefghij"
	tests := []struct {
		name     string
		table    *Table
		width    int
		boxWidth int      // width of the box's lines
		first    []string // first body row as printed
		numbered bool     // headers numbered, with a legend
		split    bool     // printed in blocks of columns
		records  bool     // printed as field: value records
	}{
		// Box 1+13+4+43+10+43 = 114, 34 over 80. Only left and right may be
		// cut (match's 7 is under minCutWidth, doc is CutNever): cutting both
		// to c saves 2(40−c) ≥ 34 for c ≤ 23. Left keeps its last 22
		// characters, right its first 22.
		{"both contexts", kwicTable("left", "right", 40), 80, 80,
			[]string{"doc-000001", "1", "…" + left[18:], "Armenia", right[:22] + "…"}, false, false, false},
		// Box 1+13+4+43+10+33 = 104, 5 over 99: cutting the widest column to
		// 35 saves 5, and the 30-wide right stays whole.
		{"widest first", kwicTable("left", "right", 30), 99, 99,
			[]string{"doc-000001", "1", "…" + left[6:], "Armenia", right[:30]}, false, false, false},
		// 25-wide headers are the floor: 114 − 2·15 = 84 > 70, no cut as
		// named. Numbered (headers 1..4), the floor is 12: cutting to c saves
		// 2(40−c) ≥ 44 for c ≤ 18, and the box is 70.
		{"cut after numbering", kwicTable("left_context_words_before", "right_context_words_after", 40), 70, 70,
			[]string{"doc-000001", "1", "…" + left[23:], "Armenia", right[:17] + "…"}, true, false, false},
		// Even at the floor, numbered, 1+13+4+15+10+15 = 58 > 40: the
		// columns that cannot be cut are too wide, so the rows are printed
		// as records, each line within 40, the contexts cut as in the box.
		{"cannot fit", kwicTable("left", "right", 40), 40, -1, nil, false, false, true},
	}
	for _, tt := range tests {
		r := &Report{Provenance: Provenance{Tool: "parallax"}, Sections: []Section{{Display: tt.table}}}
		out := string(render(t, r, FormatTable, Options{Width: tt.width}))
		if got := strings.Contains(out, "\ncolumns: "); got != tt.numbered {
			t.Errorf("%s: numbered %v, want %v:\n%s", tt.name, got, tt.numbered, out)
		}
		if got := strings.Contains(out, "columns 1–"); got != tt.split {
			t.Errorf("%s: split %v, want %v:\n%s", tt.name, got, tt.split, out)
		}
		if got := strings.Contains(out, "-[ RECORD 1 ]"); got != tt.records {
			t.Errorf("%s: records %v, want %v:\n%s", tt.name, got, tt.records, out)
		}
		if tt.records {
			for _, line := range strings.Split(out, "\n") {
				if displayWidth(line) > tt.width {
					t.Errorf("%s: line %q is %d wide, over %d", tt.name, line, displayWidth(line), tt.width)
				}
			}
			// Names padded to 5 ("right"), then ": ": 33 columns are left
			// for a value, so a context keeps 32 and the ellipsis.
			for _, want := range []string{"doc  : doc-000001\n", "left : …" + left[8:] + "\n", "right: " + right[:32] + "…\n", "-[ RECORD 2 ]"} {
				if !strings.Contains(out, want) {
					t.Errorf("%s: no %q in\n%s", tt.name, want, out)
				}
			}
			continue
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.ContainsAny(line, "┌│├└") && displayWidth(line) != tt.boxWidth {
				t.Errorf("%s: box line %q is %d wide, want %d", tt.name, line, displayWidth(line), tt.boxWidth)
			}
		}
		rows := boxCells(out)
		if len(rows) != 3 {
			t.Fatalf("%s: %d box rows, want 3:\n%s", tt.name, len(rows), out)
		}
		if !reflect.DeepEqual(rows[1], tt.first) {
			t.Errorf("%s: first row %q, want %q", tt.name, rows[1], tt.first)
		}
		if want := []string{"doc-000002", "2", "short", "Armenia", "end"}; !reflect.DeepEqual(rows[2], want) {
			t.Errorf("%s: short row %q, want %q", tt.name, rows[2], want)
		}
		// Markdown, CSV and JSON never cut.
		for _, f := range []Format{FormatMarkdown, FormatCSV, FormatJSON} {
			data := string(render(t, r, f, Options{Width: tt.width}))
			if !strings.Contains(data, left) || !strings.Contains(data, tt.table.Rows[0][4].Str) || strings.Contains(data, "…") {
				t.Errorf("%s: %s cut a cell:\n%s", tt.name, f, data)
			}
		}
	}
}

func TestRenderCutGolden(t *testing.T) {
	r := &Report{Provenance: sampleProvenance(), Sections: []Section{{Display: kwicTable("left", "right", 40)}}}
	r.Provenance.Options = longOptions()
	tab := r.Sections[0].Display
	tab.Rows = append(tab.Rows, []Value{Str("doc-000003"), Int(3), Str("Հայաստանի Հանրապետություն 東京 東京 東京 東京 東京 東京"), Str("Armenia"), Str("東京 東京 東京 東京 東京 東京 Հայաստանի Հանրապետություն")})
	tab.Notes = []string{"A note long enough to wrap: " + strings.Repeat("the same few words again, ", 6) + "until it ends."}
	checkGolden(t, "render-cut.txt", render(t, r, FormatTable, Options{Width: 80}))
}
