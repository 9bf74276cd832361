package report

import (
	"html/template"
	"strings"
)

// codeSpans escapes s and sets the parts between backticks (commands) as
// code.
func codeSpans(s string) template.HTML {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // an unpaired backtick: plain text
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(p) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(p))
		}
	}
	return template.HTML(b.String()) //nolint:gosec // every part escaped
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"code": codeSpans}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0 auto;max-width:1200px;padding:0 16px 40px}
h1{font-size:24px;margin:18px 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ccc;padding-bottom:3px}h3{font-size:15px;margin:16px 0 6px}
.prov{color:#555;font-size:12px}code{background:#f3f3f3;padding:1px 4px;font-size:12px}
nav ol{columns:3;font-size:13px;padding-left:20px}
table{border-collapse:collapse;font-size:12px;margin:6px 0}th,td{border-bottom:1px solid #e3e3e3;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f3f5f8;position:sticky;top:0}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
summary{cursor:pointer;color:#1a4d8f;font-size:13px;margin:6px 0}
.notes{font-size:12px;color:#555;margin:4px 0 10px;padding-left:18px}.cut{font-size:12px;color:#8a4b00}
figure{margin:10px 0 14px;overflow-x:auto}figcaption{font-size:12px;color:#555;max-width:900px}
.items{list-style:none;padding:0;font-size:13px}.items li{margin:0 0 6px;padding:4px 8px;border-left:3px solid #d0d7e2}.meta{color:#666;font-size:11px}
.event{border:1px solid #ddd;border-radius:4px;margin:10px 0;padding:6px 10px}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:10px}
.grid div{font-size:12.5px}.grid h4{margin:4px 0 2px;font-size:13px}.grid p{margin:4px 0}
.brief{background:#fff8e1;border:1px solid #e0c070;border-radius:4px;padding:2px 16px 8px;margin:12px 0}.brief h2{border:0;margin:10px 0 4px}.brief li{margin:0 0 5px}
footer{margin-top:40px;font-size:12px;color:#555}footer td{font-size:11px}
</style>
</head>
<body>
<header>
<h1>parallax report</h1>
<p class="prov">{{.Summary}}</p>
{{- if .Compare}}
<p class="prov">The same numbers as text: <code>{{.Compare}}</code>. The options are listed at the end of the page.</p>
{{- end}}
</header>
{{- with .Brief}}
<section id="summary" class="brief">
<h2>Summary</h2>
<p>{{.Compared}}</p>
<h3>The three clearest differences</h3>
<ol>
{{- range .Differences}}
<li>{{.Text}} <a href="#{{.Anchor}}">Evidence</a>{{if .Command}}; the passages: <code>{{.Command}}</code>{{end}}</li>
{{- end}}
</ol>
<h3>Before you quote a number</h3>
<ul>
{{- range .Caveats}}
<li>{{.Text}} <a href="#{{.Anchor}}">See</a>{{if .Command}}; <code>{{.Command}}</code>{{end}}</li>
{{- end}}
</ul>
</section>
{{- end}}
<nav><ol>
{{- range .Parts}}
<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{- end}}
</ol></nav>
{{- range .Parts}}
<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{- range .Charts}}
<figure>{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{- end}}
{{- range .Tables}}
{{- if .Caption}}
<h3>{{.Caption}}</h3>
{{- end}}
{{- if .Fold}}
<details><summary>{{.Fold}}</summary>
{{- end}}
<div class="scroll"><table>
<thead><tr>{{range .Columns}}<th{{if .Num}} class="n"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td{{if .Num}} class="n"{{end}}>{{.Text}}</td>{{end}}</tr>
{{- end}}
</tbody></table></div>
{{- if .Fold}}
</details>
{{- end}}
{{- if .Cut}}
<p class="cut">{{code .Cut}}</p>
{{- end}}
{{- if .Notes}}
<ul class="notes">{{range .Notes}}<li>{{code .}}</li>{{end}}</ul>
{{- end}}
{{- end}}
{{- range .Blocks}}
<h3>{{.Title}}</h3>
<p class="cut">{{code .Note}}</p>
<ul class="items">
{{- range .Items}}
<li><b>{{.Head}}</b> <span class="meta">{{.Meta}}</span><br>{{.Text}}</li>
{{- end}}
</ul>
{{- end}}
{{- if .EventNote}}
<p class="cut">{{code .EventNote}}</p>
{{- end}}
{{- range .Events}}
<div class="event"><h3>{{.Title}} <span class="meta">{{.Meta}}</span></h3>
<div class="grid">
{{- range .Groups}}
<div><h4>{{.Group}}</h4><span class="meta">{{.Stats}}</span>
{{- range .Passages}}
<p>{{.Text}} <span class="meta">({{.Meta}})</span></p>
{{- end}}
</div>
{{- end}}
</div>
{{- if .More}}
<p class="cut">{{code .More}}</p>
{{- end}}
</div>
{{- end}}
</section>
{{- end}}
<footer>
<h2>Provenance</h2>
<p>{{.Summary}}</p>
<table>
{{- range .Options}}
<tr><td>{{index . 0}}</td><td>{{index . 1}}</td></tr>
{{- end}}
</table>
<p>Made by parallax report: one file, no script, no external resource. docs/report.md says how each chart is computed.</p>
</footer>
</body>
</html>
`))
