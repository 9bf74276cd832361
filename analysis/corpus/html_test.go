package corpus

import (
	"strings"
	"testing"
)

// htmlNewsPage is a small but realistic news page: navigation, a header, an
// article with a byline, a figure and a quote, an aside, a comment form, a
// footer and scripts.
const htmlNewsPage = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Karabakh talks resume | The Daily Example</title>
  <style>body { font-family: serif; }</style>
  <script>window.dataLayer = [];</script>
</head>
<body>
  <header class="site"><a href="/">The Daily Example</a> <button>Subscribe</button></header>
  <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
  <main>
    <article>
      <h1>Karabakh   talks
          resume</h1>
      <p class="byline">By A.&nbsp;Reporter &middot; 19 September 2023</p>
      <p>Leaders of Armenia &amp; Azerbaijan met in <a href="/brussels">Brussels</a> on Tuesday.
         The talks lasted <b>four</b> hours.</p>
      <figure><img src="x.jpg" alt="Leaders"><figcaption>The leaders before the talks.</figcaption></figure>
      <blockquote>&ldquo;We agreed to meet again,&rdquo; one official said.</blockquote>
      <ul><li>First point</li><li>Second<br>point</li></ul>
      <table><tr><td>Armenia</td><td>2.8m</td></tr><tr><th>Azerbaijan</th><td>10m</td></tr></table>
      <script>trackArticle(42);</script>
      <noscript>Enable JavaScript to comment.</noscript>
    </article>
    <aside><h2>Most read</h2><p>Unrelated story about football.</p></aside>
    <form><label>Comment</label><textarea>Write here</textarea><button>Send</button></form>
  </main>
  <footer><p>&copy; 2023 The Daily Example, 1 Main St. Call 555-0100.</p></footer>
  <script src="/app.js"></script>
</body>
</html>`

// TestExtractHTML checks extraction on a realistic page and on small cases.
func TestExtractHTML(t *testing.T) {
	cases := []struct {
		name, page, title, text string
	}{
		{
			name:  "news page",
			page:  htmlNewsPage,
			title: "Karabakh talks resume | The Daily Example",
			text: strings.Join([]string{
				"Karabakh talks resume",
				"By A. Reporter · 19 September 2023",
				"Leaders of Armenia & Azerbaijan met in Brussels on Tuesday. The talks lasted four hours.",
				"The leaders before the talks.",
				"“We agreed to meet again,” one official said.",
				"First point",
				"Second",
				"point",
				"Armenia 2.8m",
				"Azerbaijan 10m",
			}, "\n"),
		},
		{
			name:  "body without article",
			page:  `<html><body><nav>Menu</nav><div>One <i>line</i></div><div><div>Two</div>three</div></body></html>`,
			title: "",
			text:  "One line\nTwo\nthree",
		},
		{
			name:  "h1 when no title",
			page:  `<body><h1> Big &amp; bold </h1><p>Text.</p></body>`,
			title: "Big & bold",
			text:  "Big & bold\nText.",
		},
		{
			name:  "largest article wins",
			page:  `<body><article><p>Short teaser.</p></article><article><p>The long main story, with more words.</p></article></body>`,
			title: "",
			text:  "The long main story, with more words.",
		},
		{
			name:  "empty article falls back to body",
			page:  `<body><article><script>x()</script></article><p>Body text.</p></body>`,
			title: "",
			text:  "Body text.",
		},
		{
			name:  "pre keeps its lines",
			page:  "<body><pre>line one\n  line   two\n</pre><p>after</p></body>",
			title: "",
			text:  "line one\nline two\nafter",
		},
		{
			name:  "hidden and comments",
			page:  `<body><p hidden>secret</p><!-- a comment --><p>shown</p><template><p>tmpl</p></template></body>`,
			title: "",
			text:  "shown",
		},
		{
			name:  "plain text",
			page:  "Just text, no tags &lt;b&gt;.",
			title: "",
			text:  "Just text, no tags <b>.",
		},
	}
	for _, c := range cases {
		title, text, err := ExtractHTML(strings.NewReader(c.page))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if title != c.title {
			t.Errorf("%s: title %q, want %q", c.name, title, c.title)
		}
		if text != c.text {
			t.Errorf("%s: text\n%s\nwant\n%s", c.name, text, c.text)
		}
	}
}

// BenchmarkExtractHTML measures extraction of the news page.
func BenchmarkExtractHTML(b *testing.B) {
	b.SetBytes(int64(len(htmlNewsPage)))
	for b.Loop() {
		if _, _, err := ExtractHTML(strings.NewReader(htmlNewsPage)); err != nil {
			b.Fatal(err)
		}
	}
}
