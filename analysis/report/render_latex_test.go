package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// latexTricky holds every character LaTeX treats specially, and a command
// that would be run if it were not escaped.
const latexTricky = `\textbf{x} & 100% $5 #1 _a ~ ^`

func TestLaTeXText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{latexTricky, `\textbackslash{}textbf\{x\} \& 100\% \$5 \#1 \_a \textasciitilde{} \textasciicircum{}`},
		{`a\b`, `a\textbackslash{}b`},
		{"per_1k", `per\_1k`},
		{"a < b > c | d", `a \textless{} b \textgreater{} c \textbar{} d`},
		{"x--y --- z", "x-{}-y -{}-{}- z"},
		{"``quoted''", "`{}`quoted'{}'"},
		{"¡no! `yes` ?`", "¡no! `yes` ?{}`"},
		{"a,,b", "a,{},b"},
		{"Azərbaycan — İstanbul, 東京", "Azərbaycan — İstanbul, 東京"}, // UTF-8 stays
		{"line\nbreak\tand\x1b[31mcolour", "line break and [31mcolour"},
		{"  trimmed  ", "trimmed"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := latexText(tt.in); got != tt.want {
			t.Errorf("latexText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := latexUnescape(latexText(tt.in)); got != printable(tt.in) {
			t.Errorf("latexText(%q) reads back as %q, want %q", tt.in, got, printable(tt.in))
		}
	}
}

// latexUnescape undoes latexText, as a reader of the typeset table would see
// the text: the escapes and commands latexText writes become their
// characters, ligature-breaking empty groups vanish.
func latexUnescape(s string) string {
	r := strings.NewReplacer(
		`\textbackslash{}`, `\`, `\textasciitilde{}`, "~", `\textasciicircum{}`, "^",
		`\textless{}`, "<", `\textgreater{}`, ">", `\textbar{}`, "|",
		`\&`, "&", `\%`, "%", `\$`, "$", `\#`, "#", `\_`, "_", `\{`, "{", `\}`, "}",
		"{}", "", "$-$", "-",
	)
	return r.Replace(s)
}

// latexSpecial finds a special character that is not escaped: one not
// preceded by a backslash, outside the commands latexText writes.
var latexSpecial = regexp.MustCompile(`(^|[^\\])[&%$#_~^]`)

// latexReport is a report whose cells need every kind of escaping.
func latexReport() *Report {
	r := sampleReport()
	terms := r.Sections[0].Display
	terms.Rows = append(terms.Rows, []Value{Str("tricky"), Str(latexTricky), Int(5), Float(-2.5, 2), Prob(1e-7)})
	terms.Rows = append(terms.Rows, []Value{Str("[bracket"), Str("*star"), Int(0), Float(0, 2), Prob(0)})
	terms.Title = "Terms & 100% $5 #1 _a"
	terms.Notes = append(terms.Notes, latexTricky)
	return r
}

// latexRows returns the cells of each data row of every tabular in out:
// the lines between \midrule and \bottomrule (tables) or \endfoot and
// \end{longtable}, split at the unescaped & separators.
func latexRows(t *testing.T, out string) [][][]string {
	t.Helper()
	var tables [][][]string
	var rows [][]string
	in := false
	for _, line := range strings.Split(out, "\n") {
		switch {
		case line == `\midrule` || line == `\endfoot`:
			in, rows = true, nil
		case line == `\endfirsthead` || line == `\endhead`:
			in = false
		case (line == `\bottomrule` || line == `\end{longtable}`) && in:
			tables = append(tables, rows)
			in = false
		case in:
			if !strings.HasSuffix(line, ` \\`) {
				t.Fatalf("row %q does not end with \\\\", line)
			}
			rows = append(rows, strings.Split(strings.TrimSuffix(line, ` \\`), " & "))
		}
	}
	return tables
}

func TestRenderLaTeX(t *testing.T) {
	r := latexReport()
	out := string(render(t, r, FormatLaTeX, Options{}))
	if again := string(render(t, r, FormatLaTeX, Options{})); again != out {
		t.Fatal("two renderings of the same report differ")
	}
	if strings.Contains(out, `\documentclass`) || strings.Contains(out, `\begin{document}`) {
		t.Error("output is a document, want a fragment for \\input")
	}
	// The provenance: comment lines at the top, every option on a line.
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "% parallax 0.1.0 · compare · corpus sample:karabakh · 5 documents · fingerprint 3f2a9c01b2d4e5f60718293a4b5c6d7e") {
		t.Errorf("first line %q, want the provenance summary as a comment", lines[0])
	}
	for _, opt := range []string{"%   group=outlet", "%   min-count=5", `%   stop-words="en ru"`, `%   label=""`} {
		if !strings.Contains(out, "\n"+opt+"\n") {
			t.Errorf("no option line %q", opt)
		}
	}
	for _, line := range lines {
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		if !strings.HasPrefix(line, `\begin{table}`) {
			t.Errorf("first line after the comments is %q, want \\begin{table}", line)
		}
		break
	}

	// One table float per section, in the booktabs order.
	structure := regexp.MustCompile(`(?s)\\begin\{table\}\[htbp\]\n\\centering\n\\caption\{([^\n]*)\}\n\\label\{([^}]*)\}\n\\begin\{tabular\}\{([^\n]*)\}\n\\toprule\n[^\n]*\\\\\n\\midrule\n.*?\\bottomrule\n\\end\{tabular\}\n(?:\\par\\smallskip\n\{\\footnotesize\\raggedright\n.*?\}\n)?\\end\{table\}\n`)
	m := structure.FindAllStringSubmatch(out, -1)
	if len(m) != 2 {
		t.Fatalf("%d booktabs tables, want 2:\n%s", len(m), out)
	}
	want := [][3]string{
		{`Terms \& 100\% \$5 \#1 \_a`, "tab:terms", "llrrr"},
		{"Cosine similarity", "tab:similarity", "lrrr"},
	}
	for i, w := range want {
		if got := [3]string{m[i][1], m[i][2], m[i][3]}; got != w {
			t.Errorf("table %d: caption, label, columns = %q, want %q", i+1, got, w)
		}
	}

	// Every cell reads back as the text renderer shows it; specials are
	// escaped; numbers are right-aligned with a minus sign.
	tables := latexRows(t, out)
	if len(tables) != 2 {
		t.Fatalf("found the rows of %d tables, want 2", len(tables))
	}
	for k, s := range r.Sections {
		tab := displayTable(s)
		if len(tables[k]) != len(tab.Rows) {
			t.Fatalf("table %d: %d rows, want %d", k+1, len(tables[k]), len(tab.Rows))
		}
		for i, row := range tab.Rows {
			for j, v := range row {
				got := tables[k][i][j]
				if latexSpecial.MatchString(strings.NewReplacer(`\&`, "", `\%`, "", `\$`, "", `\#`, "", `\_`, "", "$-$", "").Replace(got)) {
					t.Errorf("table %d row %d column %d: %q has an unescaped special character", k+1, i+1, j+1, got)
				}
				if dec, want := latexUnescape(got), textValue(v); dec != want {
					t.Errorf("table %d row %d column %d: %q reads back as %q, want %q", k+1, i+1, j+1, got, dec, want)
				}
			}
		}
	}
	for _, cell := range []string{
		`tricky & \textbackslash{}textbf\{x\} \& 100\% \$5 \#1 \_a \textasciitilde{} \textasciicircum{} & 5 & $-$2.50 & 1.00e-07 \\`,
		`{}[bracket & *star & 0 & 0.00 & 0 \\`,
		`daily\_sabah & İstanbul & 7 & 0.000 & n/a \\`,
		`xinhua & 東京 東京 & 1234567 & 0.30 & 0.6667 \\`,
	} {
		if !strings.Contains(out, "\n"+cell+"\n") {
			t.Errorf("no row %q", cell)
		}
	}
	// Notes: a small paragraph each, after the tabular, escaped too.
	if !strings.Contains(out, "\\end{tabular}\n\\par\\smallskip\n{\\footnotesize\\raggedright\nlog\\_ratio is base 2; p\\_value \\textbar{} n/a when a group is empty\\par\n\\# not a heading \\textless{}b\\textgreater{}\\par\n"+latexText(latexTricky)+"\\par\n}\n\\end{table}\n") {
		t.Errorf("notes not set as a footnotesize block after the tabular:\n%s", out)
	}
	// Braces balance once escaped ones are removed.
	depth := 0
	for _, c := range strings.NewReplacer(`\{`, "", `\}`, "").Replace(out) {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth < 0 {
			t.Fatal("a } closes no group")
		}
	}
	if depth != 0 {
		t.Errorf("%d groups left open", depth)
	}
}

func TestRenderLaTeXLongAndWrapped(t *testing.T) {
	long := &Table{Name: "passages", Title: "Passages", Columns: []string{"group", "n", "passage"}}
	for i := 0; i < latexFloatRows+1; i++ {
		text := "short"
		if i == 3 {
			text = strings.Repeat("a long passage of text ", 4)
		}
		long.Rows = append(long.Rows, []Value{Str(fmt.Sprintf("g%02d", i)), Int(int64(i)), Str(text)})
	}
	long.Notes = []string{"one note"}
	short := &Table{Name: "passages", Title: "Again", Columns: []string{"a"}, Rows: [][]Value{{Str("x")}}}
	r := &Report{Provenance: sampleProvenance(), Sections: []Section{{Display: long}, {Display: short}}}
	out := string(render(t, r, FormatLaTeX, Options{}))
	for _, want := range []string{
		"needs \\usepackage{booktabs} and \\usepackage{longtable}",
		"\\begin{longtable}{lrp{0.74\\linewidth}}\n\\caption{Passages}\n\\label{tab:passages}\\\\\n\\toprule\ngroup & n & passage \\\\\n\\midrule\n\\endfirsthead\n\\toprule\ngroup & n & passage \\\\\n\\midrule\n\\endhead\n\\bottomrule\n\\endfoot\n",
		"g03 & 3 & {\\raggedright a long passage of text a long passage of text a long passage of text a long passage of text\\par} \\\\\n",
		"g40 & 40 & {\\raggedright short\\par} \\\\\n\\end{longtable}\n{\\footnotesize\none note\\par\n}\n",
		"\\label{tab:passages-2}", // labels stay unique
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if strings.Count(out, "\\begin{longtable}") != 1 || strings.Count(out, "\\begin{table}") != 1 {
		t.Errorf("want one longtable (41 rows) and one table float (1 row):\n%s", out)
	}
}

func TestWriteDirLaTeX(t *testing.T) {
	r := sampleReport()
	dir := t.TempDir()
	paths, err := WriteDir(dir, r, FormatLaTeX, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "provenance.json"), filepath.Join(dir, "similarity.tex"), filepath.Join(dir, "terms.tex")}
	if !reflect.DeepEqual(paths, want) {
		t.Fatalf("wrote %q, want %q", paths, want)
	}
	got, err := os.ReadFile(filepath.Join(dir, "terms.tex"))
	if err != nil {
		t.Fatal(err)
	}
	one := &Report{Provenance: r.Provenance, Sections: r.Sections[:1]}
	if !bytes.Equal(got, render(t, one, FormatLaTeX, Options{})) {
		t.Error("terms.tex is not the section rendered alone")
	}
	if !bytes.HasPrefix(got, []byte("% parallax")) {
		t.Error("terms.tex does not start with the provenance")
	}
}

func TestParseFormatLaTeX(t *testing.T) {
	f, err := ParseFormat("LaTeX")
	if err != nil || f != FormatLaTeX || f.Ext() != ".tex" {
		t.Errorf("ParseFormat(LaTeX) = %q (%q), %v; want latex, .tex", f, f.Ext(), err)
	}
	if _, err := ParseFormat("tex"); err == nil || !strings.Contains(err.Error(), "latex") {
		t.Errorf("ParseFormat(tex): error %v, want one listing latex", err)
	}
}

// docsPreamble returns the pdfLaTeX preamble docs/output.md recommends:
// the lines of its latex example from \documentclass up to \begin{document}.
func docsPreamble(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "```latex\n\\documentclass")
	if i < 0 {
		t.Fatalf("%s has no latex example starting with \\documentclass", path)
	}
	doc = doc[i+len("```latex\n"):]
	j := strings.Index(doc, "\\begin{document}")
	if j < 0 {
		t.Fatalf("%s: the latex example has no \\begin{document}", path)
	}
	return doc[:j]
}

// TestLaTeXCompiles typesets a document that \inputs parallax's output with
// pdflatex, when it is installed (Debian: texlive-latex-base and
// texlive-latex-recommended, for booktabs), with the preamble the
// documentation recommends.
func TestLaTeXCompiles(t *testing.T) {
	pdflatex, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Skip("pdflatex not found: install texlive-latex-base and texlive-latex-recommended (booktabs) to typeset the LaTeX output")
	}
	if testing.Short() {
		t.Skip("typesetting with pdflatex is skipped in -short mode")
	}
	// pdflatex covers Latin scripts; the Armenian and CJK cells of the
	// sample report need LuaLaTeX or XeLaTeX, so they are replaced here.
	r := latexReport()
	rows := r.Sections[0].Display.Rows
	rows[0][1] = Str("Hayastan")
	rows[2][1] = Str("Tōkyō · G² ≥ 3.84, χ², α − Σ × 2")
	long := &Table{Name: "long", Title: "A long table", Columns: []string{"group", "n", "text"}}
	for i := 0; i < 3*latexFloatRows; i++ {
		long.Rows = append(long.Rows, []Value{Str(fmt.Sprintf("outlet_%03d", i)), Int(int64(-i)),
			Str(strings.Repeat("Ünïcödé & words, ", 1+i%5) + latexTricky)})
	}
	long.Notes = []string{"A note with " + latexTricky}
	r.Sections = append(r.Sections, Section{Display: long})

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "report.tex"), render(t, r, FormatLaTeX, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := docsPreamble(t, "../../docs/output.md") + "\\begin{document}\n\\input{report}\n\\end{document}\n"
	if err := os.WriteFile(filepath.Join(dir, "doc.tex"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "doc.log"))
		t.Fatalf("pdflatex failed: %v\n%s", err, lastLines(string(log)+string(out), 40))
	}
	if _, err := os.Stat(filepath.Join(dir, "doc.pdf")); err != nil {
		t.Fatalf("no PDF: %v", err)
	}
	log, _ := os.ReadFile(filepath.Join(dir, "doc.log"))
	for _, bad := range []string{"Undefined control sequence", "Missing $ inserted", "Float too large"} {
		if bytes.Contains(log, []byte(bad)) {
			t.Errorf("pdflatex log says %q:\n%s", bad, lastLines(string(log), 40))
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestRenderLaTeXStreamed: a table whose rows are streamed (RowSeq) is
// written whole, its rows read once.
func TestRenderLaTeXStreamed(t *testing.T) {
	reads := 0
	tab := &Table{Name: "terms", Title: "Streamed", Columns: []string{"term", "count"},
		RowSeq: func(yield func([]Value) bool) {
			reads++
			for i := 0; i < 3; i++ {
				if !yield([]Value{Str(fmt.Sprintf("t_%d", i)), Int(int64(i))}) {
					return
				}
			}
		}}
	out := string(render(t, &Report{Provenance: sampleProvenance(), Sections: []Section{{Display: tab}}}, FormatLaTeX, Options{}))
	if !strings.Contains(out, "\\begin{tabular}{lr}\n\\toprule\nterm & count \\\\\n\\midrule\nt\\_0 & 0 \\\\\nt\\_1 & 1 \\\\\nt\\_2 & 2 \\\\\n\\bottomrule\n") {
		t.Errorf("streamed rows not written:\n%s", out)
	}
	if reads != 1 {
		t.Errorf("rows read %d times, want once", reads)
	}
}
