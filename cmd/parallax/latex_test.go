package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLaTeXReportCompiles typesets every table of parallax compare on the
// embedded sample, \input into a document with the preamble docs/output.md
// recommends, when pdflatex is installed (Debian: texlive-latex-base and
// texlive-latex-recommended). It catches a title or note using a character
// the documented preamble does not declare.
func TestLaTeXReportCompiles(t *testing.T) {
	pdflatex, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Skip("pdflatex not found: install texlive-latex-base and texlive-latex-recommended (booktabs) to typeset the LaTeX output")
	}
	if testing.Short() {
		t.Skip("typesetting with pdflatex is skipped in -short mode")
	}
	docs, err := os.ReadFile("../../docs/output.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(docs)
	i := strings.Index(text, "```latex\n\\documentclass")
	j := strings.Index(text[max(i, 0):], "\\begin{document}")
	if i < 0 || j < 0 {
		t.Fatal("docs/output.md has no latex example from \\documentclass to \\begin{document}")
	}
	preamble := text[i+len("```latex\n") : i+j]

	dir := t.TempDir()
	code, out, errs := runArgs("compare", "--format", "latex", "-o", filepath.Join(dir, "report.tex"))
	if code != 0 {
		t.Fatalf("compare: exit %d: %s (%s)", code, errs, out)
	}
	doc := preamble + "\\begin{document}\n\\input{report}\n\\end{document}\n"
	if err := os.WriteFile(filepath.Join(dir, "doc.tex"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex")
	cmd.Dir = dir
	if msg, err := cmd.CombinedOutput(); err != nil {
		lines := strings.Split(string(msg), "\n")
		t.Fatalf("pdflatex failed: %v\n%s", err, strings.Join(lines[max(0, len(lines)-30):], "\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "doc.pdf")); err != nil {
		t.Fatalf("no PDF: %v", err)
	}
}
