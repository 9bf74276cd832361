package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gonum.org/v1/gonum/mat"

	"parallax/analysis/events"
	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/resample"
	"parallax/analysis/termstats"
	"parallax/analysis/tonestats"
)

const (
	evilScript = `<script>alert(1)</script>`
	evilImg    = `<img src=x onerror=alert(1)>`
)

// testHTMLReport is a small report whose every text field carries markup.
func testHTMLReport() *HTMLPage {
	groups := []string{"Alpha", "Beta " + evilImg, "Gamma & Sons"}
	sim := &termstats.SimMatrix{Measure: termstats.SimCosineTFIDF, Labels: groups, Valid: []bool{true, true, true},
		Values: mat.NewSymDense(3, []float64{1, 0.3, 0.2, 0.3, 1, 0.25, 0.2, 0.25, 1})}
	tone := &tonestats.Summary{Instruments: []string{"vader"}, Groups: groups, Stats: tonestats.StatsOptions{Resamples: 1000, Permutations: 1000, Seed: 1}}
	var ivs []resample.Interval
	for g := range groups {
		ivs = append(ivs, resample.Interval{Mean: 0.1 * float64(g-1), Low: 0.1*float64(g-1) - 0.05, High: 0.1*float64(g-1) + 0.05, N: 10, Articles: 5, Unit: resample.UnitArticle})
	}
	tone.Intervals = [][]resample.Interval{ivs}
	frames := []lexmatch.Row{
		{Group: "Alpha", Key: "security", Hits: 3, Words: 100, Per1k: 30, Low: 10, High: 50},
		{Group: "Alpha", Key: "econ" + evilScript, Hits: 1, Words: 100, Per1k: 10, Low: 0, High: 20},
	}
	table := &Table{Name: "custom", Title: "Custom " + evilScript, Columns: []string{"group", "n"}, Notes: []string{"note " + evilImg, "run `" + evilScript + "` or `x"}}
	for i := range 10 {
		table.Rows = append(table.Rows, []Value{Str(fmt.Sprintf("%s %d", evilScript, i)), Int(int64(i))})
	}
	events := &events.Result{
		Events: []events.Info{{ID: "ev1", Name: "Event " + evilScript, Level: events.LevelPassage, Source: events.SourceLexicon}},
		Summaries: []events.Summary{{Event: "ev1", Group: groups[1], Docs: 1, Sentences: 2, Share: 0.5, Tone: ivs[0],
			Passages: []events.Passage{{Event: "ev1", Group: groups[1], DocID: "d1", Sentence: 3, Text: "passage " + evilScript}}}},
	}
	return &HTMLPage{
		Report: &Report{
			Provenance: Provenance{Tool: "parallax", Version: "0.1.0", Command: "report", Corpus: "x.jsonl",
				Fingerprint: "0123456789abcdef", Documents: 3, Options: map[string]string{"labels": evilScript}},
			Sections: []Section{SimilaritySection(sim), ToneSection(tone), {Display: table},
				{Display: &Table{Name: "labels", Title: "Labels", Columns: []string{"referent"}}},
				{Display: &Table{Name: "scare-quotes", Title: "Scare quotes", Columns: []string{"phrase"}}},
				SideBySideSection(events, 2)},
		},
		Groups:        groups,
		Sim:           sim,
		Tone:          tone,
		Frames:        "frames",
		FrameKeys:     []string{"security", "econ" + evilScript},
		FrameRows:     frames,
		LabelPassages: []framing.LabelPassage{{Group: "Alpha", Doc: "d1", Hit: framing.LabelHit{Referent: "r", Label: "l", Voice: framing.VoiceOwn, Text: "label " + evilImg}}},
		Quotes:        slices.Values([]framing.QuoteRow{{Group: "Alpha", Doc: "d1", Quote: framing.Quote{Kind: framing.QuoteDirect, Text: "quote " + evilScript, Speaker: evilImg}}}),
		Events:        events,
		Compare:       "parallax compare x.jsonl",
		Corpus:        "x.jsonl",
		MaxRows:       4,
	}
}

func renderTestReport(t *testing.T, r *HTMLPage) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHTMLReportEscapes: markup in group names, titles, notes, options,
// passages and quotes is text in the page and in its charts.
func TestHTMLReportEscapes(t *testing.T) {
	page := renderTestReport(t, testHTMLReport())
	for _, bad := range []string{"<script", "<img", "onerror=alert(1)>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "img", "iframe", "link", "object", "embed":
				t.Errorf("element <%s> in the page", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "src" {
					t.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, want := range []string{"passage " + evilScript, "quote " + evilScript, "label " + evilImg, "Beta " + evilImg, "Gamma & Sons", "Custom " + evilScript, "note " + evilImg} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("page text lacks %q", want)
		}
	}
}

func TestHTMLReportContent(t *testing.T) {
	r := testHTMLReport()
	page := renderTestReport(t, r)
	for _, want := range []string{"<!DOCTYPE html>", "<svg", "<code>parallax quotes x.jsonl</code>", "<code>parallax compare x.jsonl</code> prints them all", "<h3>Quotations</h3>", "<h3>Labels in context</h3>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, want := range []string{
		"parallax 0.1.0 · report · corpus x.jsonl · 3 documents · fingerprint 0123456789abcdef",
		"Map coordinates", "0.300", "[-0.150, -0.050]",
		"docs 1 · sentences 2 · share_pct 50.00 · tone -0.100 [-0.150, -0.050]",
	} {
		if !strings.Contains(page, template_escape(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(page, "&lt;script&gt;alert(1)&lt;/script&gt; 3") != 1 || strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; 4") {
		t.Errorf("the custom table is not cut after 4 rows")
	}
	// Deterministic: the same report, the same bytes.
	if again := renderTestReport(t, testHTMLReport()); again != page {
		t.Error("two renderings of the same report differ")
	}
}

// template_escape is what html/template makes of plain text.
func template_escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func TestHTMLReportNil(t *testing.T) {
	if err := WriteHTML(&bytes.Buffer{}, nil); err == nil {
		t.Error("no error for a nil report")
	}
	// Only the report: every section as a table, no chart.
	r := testHTMLReport()
	page := renderTestReport(t, &HTMLPage{Report: r.Report})
	if strings.Contains(page, "<svg") || !strings.Contains(page, "Similarity between groups") {
		t.Error("a report without results should have its tables and no chart")
	}
}
