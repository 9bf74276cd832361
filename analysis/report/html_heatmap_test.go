package report

import (
	"bytes"
	"strings"
	"testing"
)

// writeSimPage renders a page holding only the similarity section of s.
func writeSimPage(t *testing.T, n int) string {
	t.Helper()
	sim := chainMatrix(n)
	page := &HTMLPage{Report: &Report{Sections: []Section{SimilaritySection(sim)}}, Sim: sim, Groups: sim.Labels}
	var b bytes.Buffer
	if err := WriteHTML(&b, page); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHeatmapScaleAndSize(t *testing.T) {
	// 40 groups: the values run from 1 − 39/40 = 0.025 to 0.975, the
	// colour over 0–1: 0.975 is nearly the darkest blue (#08306b), 0.5
	// half way (#7e94b3, by hand: 0xf4 + (0x08 − 0xf4)/2 rounded, …).
	out := writeSimPage(t, 40)
	if got := heatColour(0.5, 0, 1); got != "#7e94b3" {
		t.Errorf("heatColour(0.5) = %s, want #7e94b3", got)
	}
	for _, want := range []string{"values 0.025 to 0.975", `fill="` + heatColour(0.975, 0, 1) + `"`, "g00 – g01: 0.975", "span 0.025 to 0.975"} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The map says how well it fits beside its scale bar.
	if !strings.Contains(out, "map distances are off by up to ") {
		t.Errorf("the map does not show its largest distortion")
	}
	if strings.Contains(out, "leaves out the heatmap") {
		t.Errorf("40 groups: the heatmap was left out")
	}
}

func TestSimilarityAboveMaxHeatmapGroups(t *testing.T) {
	out := writeSimPage(t, MaxHeatmapGroups+1)
	if strings.Contains(out, `aria-label="similarity heatmap"`) {
		t.Errorf("%d groups: the heatmap is drawn", MaxHeatmapGroups+1)
	}
	for _, want := range []string{"101 groups: more than 100, so the page leaves out the heatmap and the 101 × 101 matrix", "parallax similarity --format csv", "Most and least similar pairs", "Each group’s nearest groups"} {
		if !strings.Contains(strings.ReplaceAll(out, "&#39;", "’"), want) && !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The command named reads the same selection.
	sim := chainMatrix(3)
	page := &HTMLPage{Report: &Report{Provenance: Provenance{Options: map[string]string{"where": "topic=immigration; outlet!=Fox News", "min-docs": "30", "to": ""}}}, Sim: sim}
	if got, want := strings.Join(page.selectionArgs(), " "), "--where 'topic=immigration; outlet!=Fox News' --min-docs 30"; got != want {
		t.Errorf("selectionArgs: %s, want %s", got, want)
	}
	// The matrix table is not on the page: its header would name g100 in
	// a column after g099.
	if strings.Contains(out, "<th class=\"n\">g100</th>") {
		t.Errorf("the matrix is on the page")
	}
}
