package report

import (
	"strings"
	"testing"
)

func TestSVGEscapes(t *testing.T) {
	s := newSVG(100, 50, `a "chart" <x>`)
	s.Text(10, 20, "start", `<script>alert(1)</script> & 'q'`, "fill", `red" onload="x`)
	s.Rect(0, 0, 10, 10, "#fff", "</title><script>")
	s.Circle(-0.04, 1.25, 2, "#000", "")
	got := string(s.HTML())
	for _, bad := range []string{"<script", "<x>", `onload="`, "</title><script"} {
		if strings.Contains(got, bad) {
			t.Errorf("SVG contains %q: %s", bad, got)
		}
	}
	for _, want := range []string{`aria-label="a &#34;chart&#34; &lt;x&gt;"`, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;q&#39;", `fill="red&#34; onload=&#34;x"`, `cx="0.0" cy="1.2"`, "</svg>"} {
		if !strings.Contains(got, want) {
			t.Errorf("SVG lacks %q: %s", want, got)
		}
	}
	if got := svgEscape("a\x00b\x1bc"); got != "a b c" {
		t.Errorf("control characters: %q", got)
	}
}

func TestNiceRange(t *testing.T) {
	for _, c := range []struct{ lo, hi, a, b float64 }{
		{-0.246, 0.289, -0.25, 0.3},
		{0.553, 0.905, 0, 0.95},
		{-12, 130, -50, 150},
		{0, 0, 0, 1},
	} {
		if a, b := niceRange(c.lo, c.hi); a != c.a || b != c.b {
			t.Errorf("niceRange(%v, %v) = %v, %v; want %v, %v", c.lo, c.hi, a, b, c.a, c.b)
		}
	}
}
