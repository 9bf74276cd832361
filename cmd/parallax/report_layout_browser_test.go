package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// layoutProbe, added to a copy of a report, measures the laid-out page
// and appends what it found as text (with every folded table opened): how
// far the page overflows the window
// to the right, how many map labels there are, and the pairs of map labels
// whose boxes overlap (by more than half a pixel).
const layoutProbe = `<script>
(function () {
  var d = document.documentElement;
  // Folded tables are measured open.
  document.querySelectorAll("details").forEach(function (e) { e.open = true; });
  var labels = document.querySelectorAll('svg[aria-label="map of the groups"] text.map-label');
  var boxes = [], pairs = [];
  for (var i = 0; i < labels.length; i++) boxes.push(labels[i].getBoundingClientRect());
  for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
    var a = boxes[i], b = boxes[j];
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      pairs.push(labels[i].textContent + " / " + labels[j].textContent);
  }
  var pre = document.createElement("pre");
  pre.textContent = "layout-probe overflow=" + (d.scrollWidth - d.clientWidth) + " labels=" + labels.length + " overlaps=" + pairs.length + " [" + pairs.join("; ") + "]";
  document.body.appendChild(pre);
})();
</script>`

var probeRE = regexp.MustCompile(`layout-probe overflow=(-?\d+) labels=(\d+) overlaps=(\d+) \[([^\]]*)\]`)

// probeLayout renders a copy of the page at path with layoutProbe in a
// 1280-pixel-wide window and returns the overflow, the map labels and the
// overlapping pairs.
func probeLayout(t *testing.T, bin, path string) (overflow, labels int, overlaps string) {
	t.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	probe := strings.Replace(string(page), "</body>", layoutProbe+"</body>", 1)
	if probe == string(page) {
		probe += layoutProbe
	}
	copyPath := filepath.Join(t.TempDir(), "probe-"+filepath.Base(path))
	if err := os.WriteFile(copyPath, []byte(probe), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, _ := chromium(t, bin, copyPath, "--window-size=1280,2000", "--dump-dom")
	m := probeRE.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the layout probe wrote nothing into %s", path)
	}
	overflow, _ = strconv.Atoi(string(m[1]))
	labels, _ = strconv.Atoi(string(m[2]))
	return overflow, labels, string(m[4])
}

// TestReportLayoutInBrowser lays out the 53-group report of the
// allsides-middle-east sample in headless Chromium, 1280 pixels wide: the
// page does not overflow to the right (wide tables and charts scroll in
// their own box), and no two labels of the outlet map overlap. A page
// made to fail both checks shows that they can.
func TestReportLayoutInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("Chromium not found (chromium or chromium-browser on PATH, or /usr/bin/chromium): the layout test needs it; on Debian: apt-get install chromium")
	}
	if testing.Short() {
		t.Skip("-short: the browser test takes a while")
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.html")
	if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><html><body><div style="width:3000px">wide</div>
<svg aria-label="map of the groups" width="200" height="100"><text class="map-label" x="10" y="50">Fox News</text><text class="map-label" x="14" y="52">Fox Online News</text></svg></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if overflow, _, overlaps := probeLayout(t, bin, bad); overflow <= 0 || overlaps == "" {
		t.Fatalf("the probe sees no overflow (%d) or no overlap (%q) on a page made to have both", overflow, overlaps)
	}

	path := writeReport(t, dir, "allsides.html", "--sample", "allsides-middle-east")
	overflow, labels, overlaps := probeLayout(t, bin, path)
	if overflow > 0 {
		t.Errorf("the page is %d pixels wider than the 1280-pixel window: a table or chart is not in its own scroll box", overflow)
	}
	if overlaps != "" {
		t.Errorf("map labels overlap: %s", overlaps)
	}
	// Most of the 53 groups are labelled; the rest have hover titles.
	if labels < 40 {
		t.Errorf("only %d of 53 groups have a label on the map", labels)
	}
}
