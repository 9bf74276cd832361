package report

import (
	"html/template"
	"strconv"
	"strings"
)

// svgDoc writes one inline SVG chart. Every piece of text and every
// attribute value goes through svgEscape, so a group name or a term from an
// article can never become markup; numbers are written with a fixed number
// of decimals, so the same chart is the same bytes.
type svgDoc struct {
	b strings.Builder
}

// newSVG starts a chart of the given size in user units (pixels); label is
// its accessible name.
func newSVG(width, height float64, label string) *svgDoc {
	s := &svgDoc{}
	s.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" role="img" width="`)
	s.num(width)
	s.b.WriteString(`" height="`)
	s.num(height)
	s.b.WriteString(`" viewBox="0 0 `)
	s.num(width)
	s.b.WriteByte(' ')
	s.num(height)
	s.b.WriteString(`" aria-label="`)
	s.b.WriteString(svgEscape(label))
	s.b.WriteString(`">`)
	return s
}

// num writes a coordinate with one decimal ("-0.0" never appears).
func (s *svgDoc) num(f float64) { s.b.WriteString(svgNum(f)) }

func svgNum(f float64) string {
	v := strconv.FormatFloat(f, 'f', 1, 64)
	if v == "-0.0" {
		return "0.0"
	}
	return v
}

// attrs writes name="value" pairs; values are escaped.
func (s *svgDoc) attrs(kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		s.b.WriteByte(' ')
		s.b.WriteString(kv[i])
		s.b.WriteString(`="`)
		s.b.WriteString(svgEscape(kv[i+1]))
		s.b.WriteByte('"')
	}
}

// open writes a start tag with numeric geometry then attributes.
func (s *svgDoc) open(tag string, geom []string, nums []float64, kv ...string) {
	s.b.WriteByte('<')
	s.b.WriteString(tag)
	for i, g := range geom {
		s.b.WriteByte(' ')
		s.b.WriteString(g)
		s.b.WriteString(`="`)
		s.num(nums[i])
		s.b.WriteByte('"')
	}
	s.attrs(kv...)
}

// closeWithTitle ends an element, with a tooltip when title is not empty.
func (s *svgDoc) closeWithTitle(tag, title string) {
	if title == "" {
		s.b.WriteString("/>")
		return
	}
	s.b.WriteString("><title>")
	s.b.WriteString(svgEscape(title))
	s.b.WriteString("</title></")
	s.b.WriteString(tag)
	s.b.WriteByte('>')
}

// Rect draws a rectangle; title (may be empty) is its tooltip.
func (s *svgDoc) Rect(x, y, w, h float64, fill, title string) {
	s.open("rect", []string{"x", "y", "width", "height"}, []float64{x, y, w, h}, "fill", fill)
	s.closeWithTitle("rect", title)
}

// Line draws a line in a colour and width.
func (s *svgDoc) Line(x1, y1, x2, y2 float64, stroke string, width float64) {
	s.open("line", []string{"x1", "y1", "x2", "y2", "stroke-width"}, []float64{x1, y1, x2, y2, width}, "stroke", stroke)
	s.b.WriteString("/>")
}

// Circle draws a dot; title (may be empty) is its tooltip.
func (s *svgDoc) Circle(cx, cy, r float64, fill, title string) {
	s.open("circle", []string{"cx", "cy", "r"}, []float64{cx, cy, r}, "fill", fill)
	s.closeWithTitle("circle", title)
}

// Text writes text at (x, y); anchor is start, middle or end; extra are
// more attribute pairs (font-size, fill, transform…).
func (s *svgDoc) Text(x, y float64, anchor, text string, extra ...string) {
	s.open("text", []string{"x", "y"}, []float64{x, y}, append([]string{"text-anchor", anchor}, extra...)...)
	s.b.WriteByte('>')
	s.b.WriteString(svgEscape(text))
	s.b.WriteString("</text>")
}

// HTML ends the chart and returns it for html/template. The content is
// safe: every text and attribute value was escaped as it was written.
func (s *svgDoc) HTML() template.HTML {
	s.b.WriteString("</svg>")
	return template.HTML(s.b.String()) //nolint:gosec // built from escaped parts only
}

// svgEscape escapes text and attribute values for SVG inside HTML: the five
// XML specials, and control characters (not allowed in XML) as spaces.
func svgEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r < 0x20 || r == 0x7f || r == 0xfffe || r == 0xffff:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// svgTextWidth estimates the width of text in pixels at a font size: the
// charts use it to leave room for labels (no font metrics are at hand; the
// estimate is generous, 0.6 em a character).
func svgTextWidth(text string, size float64) float64 {
	return float64(len([]rune(text))) * size * 0.6
}

// shorten cuts a label to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
