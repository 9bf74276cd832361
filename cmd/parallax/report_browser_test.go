package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// chromiumPath finds a Chromium to render the reports with, or "".
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// chromium runs headless Chromium on a file with extra arguments and
// returns its standard output and its log (standard error), where
// --enable-logging=stderr writes every console message as a CONSOLE line.
func chromium(t *testing.T, bin, file string, args ...string) (stdout, log []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	full := append([]string{"--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
		"--disable-extensions", "--disable-background-networking", "--enable-logging=stderr", "--v=0",
		"--user-data-dir=" + t.TempDir()}, args...)
	full = append(full, "file://"+file)
	cmd := exec.CommandContext(ctx, bin, full...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.Bytes())
	}
	return out.Bytes(), errb.Bytes()
}

// consoleRE matches what Chromium logs for a console message or an
// uncaught exception.
var consoleRE = regexp.MustCompile(`(?i):CONSOLE[(:]|Uncaught`)

// consoleLines returns the log lines reporting console messages.
func consoleLines(log []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if consoleRE.MatchString(sc.Text()) {
			out = append(out, sc.Text())
		}
	}
	return out
}

// writeReport runs parallax report with args into dir and returns the path.
func writeReport(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"report", "--quiet", "-o", path}, args...), strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("parallax report %v: exit %d\n%s", args, code, stderr.String())
	}
	return path
}

// hostileCorpus is two outlets whose texts, titles and names hold markup.
const hostileCorpus = `{"id":"a1","outlet":"Alpha <i>News</i>","date":"2023-09-19","title":"Talks <b>resume</b>","text":"The minister said the talks in Geneva would resume on Monday after the ceasefire. Critics called the plan a \"<script>alert(1)</script>\" and worse. A spokesman said \"the <img src=x onerror=alert(1)> delegation will travel to Geneva on Monday\" according to officials. The ceasefire held through the night in the disputed region, officials said."}
{"id":"a2","outlet":"Alpha <i>News</i>","date":"2023-09-20","title":"Ceasefire holds","text":"The ceasefire held for a second day as the delegation arrived in Geneva for the talks. Officials said the region was calm and the talks would continue."}
{"id":"b1","outlet":"Beta & Co","date":"2023-09-19","title":"Offensive","text":"Troops launched an offensive in the disputed region on Tuesday, and the ceasefire collapsed. The talks in Geneva were postponed, officials said. <script>alert(1)</script> The offensive drew condemnation from Geneva."}
{"id":"b2","outlet":"Beta & Co","date":"2023-09-21","title":"Aftermath","text":"After the offensive, thousands left the region. Officials in Geneva said the talks were postponed until the ceasefire is restored. <img src=x onerror=alert(1)>"}
`

// TestReportInBrowser renders the reports of both samples and of a corpus
// full of markup in headless Chromium: no console message, no error, and
// the article's <script> and <img> are text in the rendered page, not
// elements. Skipped when Chromium is not installed (Debian: apt-get install
// chromium).
func TestReportInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("Chromium not found (chromium or chromium-browser on PATH, or /usr/bin/chromium): the report's browser test needs it; on Debian: apt-get install chromium")
	}
	if testing.Short() {
		t.Skip("-short: the browser test takes a while")
	}
	dir := t.TempDir()

	// The detector must see a console message when there is one.
	probe := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probe, []byte(`<!DOCTYPE html><p>x</p><script>console.error("probe-error")</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, log := chromium(t, bin, probe, "--dump-dom"); !strings.Contains(strings.Join(consoleLines(log), "\n"), "probe-error") {
		t.Fatalf("Chromium's log shows no console message for a page that writes one; the check would see nothing:\n%s", log)
	}

	corpus := filepath.Join(dir, "hostile.jsonl")
	if err := os.WriteFile(corpus, []byte(hostileCorpus), 0o644); err != nil {
		t.Fatal(err)
	}
	reports := []struct {
		name string
		args []string
		text []string // must be visible as text
	}{
		{"karabakh.html", nil, []string{"Responsible Statecraft", "Similarity between groups"}},
		{"allsides.html", []string{"--sample", "allsides-middle-east"}, []string{"Fox News"}},
		{"hostile.html", []string{corpus}, []string{"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "Alpha <i>News</i>", "Beta & Co"}},
	}
	for _, rc := range reports {
		t.Run(rc.name, func(t *testing.T) {
			path := writeReport(t, dir, rc.name, rc.args...)
			dom, log := chromium(t, bin, path, "--dump-dom")
			if lines := consoleLines(log); len(lines) > 0 {
				t.Errorf("console messages:\n%s", strings.Join(lines, "\n"))
			}
			text, err := checkDOM(dom)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range rc.text {
				if !strings.Contains(text, want) {
					t.Errorf("the rendered page's text lacks %q", want)
				}
			}
		})
	}

	// A screenshot: the page lays out and paints (docs/report-karabakh.png
	// is made the same way).
	shot := filepath.Join(dir, "karabakh.png")
	_, log := chromium(t, bin, filepath.Join(dir, "karabakh.html"), "--hide-scrollbars", "--window-size=1280,2000", "--screenshot="+shot)
	if lines := consoleLines(log); len(lines) > 0 {
		t.Errorf("console messages while taking the screenshot:\n%s", strings.Join(lines, "\n"))
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 1280 || cfg.Height != 2000 {
		t.Errorf("screenshot: %+v, %v; want a 1280×2000 PNG", cfg, err)
	}
}

// checkDOM parses the DOM Chromium dumped and checks that it holds no
// element that runs or loads anything (script, img, iframe, object, embed,
// link, and no on* attribute, no src, no external href), then returns the
// page's text.
func checkDOM(dom []byte) (string, error) {
	doc, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		return "", err
	}
	var text strings.Builder
	var bad []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			switch n.Data {
			case "script", "img", "iframe", "object", "embed", "link", "image", "foreignObject", "use":
				bad = append(bad, "<"+n.Data+">")
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(k, "on"), k == "src", k == "srcset", k == "xlink:href",
					k == "href" && !strings.HasPrefix(a.Val, "#"):
					bad = append(bad, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
				}
			}
		case html.TextNode:
			text.WriteString(n.Data)
			text.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(bad) > 0 {
		if len(bad) > 10 {
			bad = bad[:10]
		}
		return "", fmt.Errorf("the rendered page has active or loading elements: %s", strings.Join(bad, ", "))
	}
	return text.String(), nil
}
