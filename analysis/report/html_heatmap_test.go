package report

import (
	"bytes"
	"fmt"
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

func TestPlaceMapLabels(t *testing.T) {
	// Twelve groups on one point: at most the eight positions around it
	// take a label, and the groups with the most documents get them.
	var labels []string
	var xs, ys []float64
	docs := map[string]int{}
	for k := range 12 {
		name := fmt.Sprintf("group %02d", k)
		labels = append(labels, name)
		xs, ys = append(xs, 300), append(ys, 200)
		docs[name] = k // group 11 has the most
	}
	svg := newSVG(600, 400, "map of the groups")
	unlabelled := placeMapLabels(svg, labels, xs, ys, docs, 600, 400)
	out := svg.HTML()
	placed := strings.Count(string(out), `class="map-label"`)
	if placed+unlabelled != 12 || placed == 0 || placed > 8 {
		t.Fatalf("%d placed, %d unlabelled; want 1 to 8 placed, the rest unlabelled", placed, unlabelled)
	}
	for k := 11; k > 11-placed; k-- {
		if !strings.Contains(string(out), fmt.Sprintf(">group %02d<", k)) {
			t.Errorf("group %02d (%d documents) has no label, but a smaller group has", k, k)
		}
	}
	// Two points far apart: both labelled.
	svg = newSVG(600, 400, "map of the groups")
	if n := placeMapLabels(svg, []string{"a", "b"}, []float64{100, 500}, []float64{100, 300}, nil, 600, 400); n != 0 {
		t.Errorf("two points far apart: %d unlabelled", n)
	}
}
