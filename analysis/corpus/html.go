package corpus

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ExtractHTML returns the title and main text of an HTML page. Scripts,
// styles, navigation, headers, footers, asides, forms and buttons are
// dropped; the text comes from the largest <article> or <main> element when
// there is one, else from <body>. Block elements (paragraphs, headings, list
// items, table rows, line breaks, …) end lines, so each paragraph is one
// line; white space inside a line is collapsed and entities are decoded. The
// title is the page's <title>, else its first <h1>.
func ExtractHTML(r io.Reader) (title, text string, err error) {
	doc, err := html.Parse(r)
	if err != nil {
		return "", "", fmt.Errorf("html: %v", err)
	}
	content := htmlMainContent(doc)
	var w htmlText
	w.node(content)
	text = w.finish()
	if t := htmlFind(doc, atom.Title); t != nil {
		title = htmlInlineText(t)
	}
	if title == "" {
		if h := htmlFind(content, atom.H1); h != nil {
			title = htmlInlineText(h)
		}
	}
	return title, text, nil
}

// htmlDropped lists the elements whose content is never text of the article.
var htmlDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Form: true, atom.Button: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Select: true,
	atom.Textarea: true, atom.Head: true,
}

// htmlBlocks lists the elements that begin and end a line.
var htmlBlocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true,
	atom.Br: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Hgroup: true, atom.Hr: true, atom.Legend: true, atom.Li: true, atom.Main: true,
	atom.Menu: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Title: true,
}

// htmlSkipped reports whether n and its content are left out of the text.
func htmlSkipped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.CommentNode || n.Type == html.DoctypeNode
	}
	if htmlDropped[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "hidden" {
			return true
		}
	}
	return false
}

// htmlMainContent returns the largest <article> or <main> element of doc, else
// its <body>, else doc itself.
func htmlMainContent(doc *html.Node) *html.Node {
	var best *html.Node
	bestLen := -1
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if htmlSkipped(n) {
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main) {
			if size := htmlTextSize(n); size > bestLen {
				best, bestLen = n, size
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	if best != nil && bestLen > 0 {
		return best
	}
	if body := htmlFind(doc, atom.Body); body != nil {
		return body
	}
	return doc
}

// htmlTextSize counts the bytes of text under n that are not white space,
// leaving out dropped elements.
func htmlTextSize(n *html.Node) int {
	if htmlSkipped(n) {
		return 0
	}
	if n.Type == html.TextNode {
		size := 0
		for _, r := range n.Data {
			if !unicode.IsSpace(r) {
				size += utf8.RuneLen(r)
			}
		}
		return size
	}
	size := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		size += htmlTextSize(c)
	}
	return size
}

// htmlFind returns the first element a under n (n included) in document
// order, or nil.
func htmlFind(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := htmlFind(c, a); found != nil {
			return found
		}
	}
	return nil
}

// htmlInlineText is the text under n on one line, white space collapsed.
func htmlInlineText(n *html.Node) string {
	var w htmlText
	w.inline = true
	w.node(n)
	return w.finish()
}

// htmlText writes the text of HTML nodes line by line.
type htmlText struct {
	out     strings.Builder
	line    strings.Builder
	pending bool // a space is due before the next character of the line
	pre     int  // depth inside <pre>, where line breaks are kept
	inline  bool // write everything on one line
}

// node writes the text under n.
func (w *htmlText) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if htmlSkipped(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && htmlBlocks[n.DataAtom]
	cell := n.DataAtom == atom.Td || n.DataAtom == atom.Th
	if block {
		w.breakLine()
	}
	if cell {
		w.space()
	}
	if n.DataAtom == atom.Pre {
		w.pre++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if n.DataAtom == atom.Pre {
		w.pre--
	}
	if cell {
		w.space()
	}
	if block {
		w.breakLine()
	}
}

// text writes s with white space collapsed (line breaks kept inside <pre>).
func (w *htmlText) text(s string) {
	for _, r := range s {
		switch {
		case r == '\n' && w.pre > 0:
			w.breakLine()
		case unicode.IsSpace(r):
			w.space()
		default:
			if w.pending {
				w.line.WriteByte(' ')
				w.pending = false
			}
			w.line.WriteRune(r)
		}
	}
}

// space asks for one space before the next character of the line.
func (w *htmlText) space() { w.pending = w.line.Len() > 0 }

// breakLine ends the current line, if it has text.
func (w *htmlText) breakLine() {
	if w.inline {
		w.space()
		return
	}
	w.pending = false
	if w.line.Len() == 0 {
		return
	}
	w.out.WriteString(w.line.String())
	w.out.WriteByte('\n')
	w.line.Reset()
}

// finish returns the text written, lines separated by "\n".
func (w *htmlText) finish() string {
	if w.inline {
		return w.line.String()
	}
	w.breakLine()
	return strings.TrimSuffix(w.out.String(), "\n")
}
