package main

import (
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestReportSummaryAndAxes renders the Karabakh report in headless
// Chromium and checks what a reader sees first and how the charts are
// drawn (issue 21):
//   - the screenshot of the first 1280×900 pixels is mostly the summary box
//     (its background colour), and the rendered page holds the summary
//     before the table of contents, with three differences each linking to
//     its evidence, and the caveats naming the small groups and the
//     sources of the texts (the AVIM teasers, the machine translation);
//   - the tone bars start at the neutral point: 0 for vader, 0.5 for
//     nb_pos, named on the axis;
//   - the frame bars share one scale ("0 to X" the same in every column)
//     and every category's header is whole.
func TestReportSummaryAndAxes(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("Chromium not found: the report's screenshot test needs it; on Debian: apt-get install chromium")
	}
	if testing.Short() {
		t.Skip("-short: the browser test takes a while")
	}
	dir := t.TempDir()
	path := writeReport(t, dir, "karabakh.html")

	shot := filepath.Join(dir, "top.png")
	chromium(t, bin, path, "--hide-scrollbars", "--window-size=1280,900", "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	brief := 0 // pixels of the summary's background, #fff8e1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 == 0xff && g>>8 == 0xf8 && bl>>8 == 0xe1 {
				brief++
			}
		}
	}
	if share := float64(brief) / float64(b.Dx()*b.Dy()); share < 0.25 {
		t.Errorf("the summary box covers %.0f%% of the first screen; want at least 25%%: the page must open with it", 100*share)
	}

	dom, _ := chromium(t, bin, path, "--dump-dom")
	page := string(dom)
	sum := strings.Index(page, `<section id="summary"`)
	nav := strings.Index(page, "<nav>")
	if sum < 0 || nav < 0 || sum > nav {
		t.Fatalf("the summary (at %d) must come before the table of contents (at %d)", sum, nav)
	}
	summary := page[sum : sum+strings.Index(page[sum:], "</section>")]
	for _, want := range []string{"compares 5 groups", "three clearest differences", `href="#s-lexicon"`, `href="#s-terms"`, `href="#s-tone"`,
		"security_military", "putin", "5 of 5 groups have fewer than 5 documents", "think tank in Ankara", "~250-word teaser", "machine translation"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	if n := strings.Count(summary[:strings.Index(summary, "</ol>")], "<li>"); n != 3 {
		t.Errorf("the summary lists %d differences, want 3", n)
	}

	for _, c := range []struct{ chart, neutral string }{{"tone: vader", "0 neutral"}, {"tone: nb_pos", "0.5 neutral"}} {
		svg := svgNamed(t, page, c.chart)
		if !strings.Contains(svg, ">"+c.neutral+"<") {
			t.Errorf("%s: the axis does not name the neutral point %q", c.chart, c.neutral)
		}
		// The first line is the neutral line; every bar starts or ends there.
		m := regexp.MustCompile(`<line x1="([0-9.]+)"`).FindStringSubmatch(svg)
		if m == nil {
			t.Fatalf("%s: no axis line", c.chart)
		}
		axis, _ := strconv.ParseFloat(m[1], 64)
		bars := regexp.MustCompile(`<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"`).FindAllStringSubmatch(svg, -1)
		if len(bars) != 5 {
			t.Fatalf("%s: %d bars, want 5", c.chart, len(bars))
		}
		for _, bar := range bars {
			x, _ := strconv.ParseFloat(bar[1], 64)
			w, _ := strconv.ParseFloat(bar[2], 64)
			if d := min(abs(x-axis), abs(x+w-axis)); d > 0.2 {
				t.Errorf("%s: a bar from %.1f to %.1f does not start at the neutral line %.1f", c.chart, x, x+w, axis)
			}
		}
	}

	frames := svgNamed(t, page, "frames per group")
	scales := regexp.MustCompile(`>0 to ([0-9.]+)<`).FindAllStringSubmatch(frames, -1)
	if len(scales) != 8 {
		t.Fatalf("frame chart: %d column scales, want 8", len(scales))
	}
	for _, s := range scales {
		if s[1] != scales[0][1] {
			t.Errorf("frame chart: columns scaled 0 to %s and 0 to %s; want one scale", scales[0][1], s[1])
		}
	}
	for _, key := range []string{"economic", "legality_sovereignty", "security_military", "humanitarian_rights", "diplomacy_negotiation", "history_identity", "political", "public_opinion"} {
		if !strings.Contains(frames, ">"+key+"<") {
			t.Errorf("frame chart: the header %q is not whole", key)
		}
	}
}

// svgNamed returns the SVG element whose aria-label is name.
func svgNamed(t *testing.T, page, name string) string {
	t.Helper()
	i := strings.Index(page, `aria-label="`+name+`"`)
	if i < 0 {
		t.Fatalf("no chart %q in the page", name)
	}
	start := strings.LastIndex(page[:i], "<svg")
	end := strings.Index(page[i:], "</svg>")
	return page[start : i+end]
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
