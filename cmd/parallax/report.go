package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"parallax/analysis/lexmatch"
	"parallax/analysis/report"
)

func init() {
	register(&command{name: "report", args: "[CORPUS]", run: runReport,
		summary: "Everything compare computes as one self-contained HTML page (no script, no external resource): a similarity\nheatmap and a map of the groups, tone and frame bars with their intervals, distinctive terms, labels, actors,\nquotes and scare quotes, and the events side by side with their passages. Takes every compare flag; -o names\nthe file (default " + defaultReportFile + "; - for standard output). docs/report.md.",
		example: "parallax report --sample allsides-middle-east -o allsides.html"})
}

// defaultReportFile is where report writes without -o.
const defaultReportFile = "parallax-report.html"

// reportLabelPassages is how many passages per referent, label, group and
// voice the report shows under the labels table.
const reportLabelPassages = report.DefaultHTMLLabelPassages

func runReport(c *command, args []string, e *env) error {
	var x compareFlags
	fs := x.flagSet(c, e)
	// report writes HTML, to a file by default.
	x.cf.format, x.cf.output = "html", defaultReportFile
	if fl := fs.Lookup("format"); fl != nil {
		fl.DefValue, fl.Usage = "html", "output format: html (the only one; compare writes the others)"
	}
	if fl := fs.Lookup("o"); fl != nil {
		fl.DefValue, fl.Usage = defaultReportFile, "write the page to this file (- for standard output)"
	}
	pos, err := c.parse(fs, args, e)
	if err != nil {
		return err
	}
	if x.cf.format != "html" {
		return usagef("report: --format %q: the report is HTML; parallax compare --format %s writes that format", x.cf.format, x.cf.format)
	}
	out := x.cf.output
	if out == "" {
		return usagef("report: -o needs a file name (or - for standard output)")
	}
	if out != "-" && report.IsDirTarget(out) {
		return usagef("report: -o %q is a folder: the report is one file, name it (e.g. -o %s)", out, defaultReportFile)
	}
	// The pipeline computes the tables compare prints on a terminal; the
	// provenance then records the format actually written.
	x.cf.format = "table"
	x.docs = &docList{}
	cmp, err := x.build(c, fs, pos, e)
	if err != nil {
		return err
	}
	// The documents, with their source notes, right after the corpus table.
	secs := cmp.Report.Sections
	at := min(1, len(secs))
	cmp.Report.Sections = append(secs[:at:at], append([]report.Section{x.docs.Section()}, secs[at:]...)...)
	x.cf.format = "html"
	cmp.Report.Provenance.Options["format"] = "html"
	delete(cmp.Report.Provenance.Options, "width") // the page has no text tables
	r := &report.HTMLPage{
		Report:    cmp.Report,
		Groups:    cmp.Res.Table.Groups,
		Keyness:   cmp.Keyness,
		TermsOpt:  cmp.TermsOpt,
		Sim:       cmp.Sim,
		Tone:      cmp.Tone,
		FrameRows: cmp.FrameRows,
		Quotes:    cmp.Framing.QuoteRows(), // streamed: the page keeps the first few per group
		Events:    cmp.Events,
		Corpus:    corpusArgs(&x.cf, pos),
		Compare:   compareCommand(fs, pos),
	}
	if cmp.Framing.LabelsLexicon() != nil {
		r.LabelPassages = cmp.Framing.LabelPassages(reportLabelPassages)
	}
	if cmp.Frames != nil {
		r.Frames, r.FrameKeys = cmp.Frames.Name, lexmatch.Keys(cmp.Frames)
	}
	e.stopProgress()
	plainReport(e, r.Report)
	if out == "-" {
		return report.WriteHTML(e.stdout, r)
	}
	n, err := writeFileVia(out, func(w io.Writer) error { return report.WriteHTML(w, r) })
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "parallax: wrote %s (%d bytes)\n", out, n)
	return nil
}

// writeFileVia streams write's output into a new file beside path and
// renames it to path once complete, so that the page is never held in
// memory whole and a failed run leaves no half-written file (nor destroys
// an earlier one). It returns the bytes written.
func writeFileVia(path string, write func(io.Writer) error) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	cw := &countingWriter{w: f}
	err = write(cw)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, err
	}
	return cw.n, nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// corpusArgs is the corpus part of a command line repeating this run: the
// path, --sample NAME, or nothing for the default sample.
func corpusArgs(cf *corpusFlags, pos []string) string {
	switch {
	case len(pos) == 1:
		return shellWord(pos[0])
	case cf.sample != "":
		return "--sample " + shellWord(cf.sample)
	}
	return ""
}

// compareCommand is the compare command line giving the report's numbers:
// the corpus and every flag set (on the command line or by --config) that
// changes them.
func compareCommand(fs *flag.FlagSet, pos []string) string {
	parts := []string{"parallax", "compare"}
	for _, p := range pos {
		parts = append(parts, shellWord(p))
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "o", "format", "workers", "quiet", "width", "config", "print-config":
			return
		}
		parts = append(parts, "--"+f.Name+"="+shellWord(f.Value.String()))
	})
	return strings.Join(parts, " ")
}

// shellWord quotes s for a POSIX shell when it is not a plain word.
func shellWord(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,+@%", r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
