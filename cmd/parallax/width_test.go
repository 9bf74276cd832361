package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"parallax/analysis/report"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// widthsChecked are the --width values TestWidths renders every command at.
var widthsChecked = []int{60, 80, 100, 160}

// TestWidths runs every command that prints tables on both samples and
// renders its report at each of widthsChecked, the narrowest --width
// allows included: no line may be wider than the width asked for
// (issue 17). It logs, per width, how many tables were boxes, blocks of
// columns or records (go test -v -run TestWidths).
func TestWidths(t *testing.T) {
	samples := []struct{ name, pattern string }{{"karabakh", "separatist*"}, {"allsides-middle-east", "israel*"}}
	var mu sync.Mutex
	shapes := map[int]map[string]int{}
	for _, s := range samples {
		cases := [][]string{
			{"corpus"}, {"clean"}, {"terms"}, {"terms", "--rank", "tfidf"}, {"similarity"}, {"similarity", "--docs"},
			{"tone"}, {"tone", "--unit", "document"}, {"lexicon", "--lexicon", "frames"}, {"labels", "--labels", "karabakh-labels"},
			{"quotes"}, {"actors"}, {"events"}, {"events", "--level", "article"}, {"events", "--level", "passage"},
			{"kwic", s.pattern}, {"compare"}, {"lexicons"},
		}
		for _, args := range cases {
			name := s.name + "/" + strings.Join(args, "_")
			if args[0] != "lexicons" {
				args = append(args, "--sample", s.name)
			} else if s.name != "karabakh" {
				continue
			}
			t.Run(name, func(t *testing.T) {
				if testing.Short() && s.name != "karabakh" {
					t.Skip("the AllSides sample's runs take seconds each; skipped with -short")
				}
				t.Parallel()
				var r *report.Report
				var stderr bytes.Buffer
				e := &env{stdin: strings.NewReader(""), stdout: &stderr, stderr: &stderr, capture: func(rep *report.Report) { r = rep }}
				if code := runEnv(args, e); code != 0 || r == nil {
					t.Fatalf("parallax %s: exit %d\n%s", strings.Join(args, " "), code, stderr.Bytes())
				}
				for _, width := range widthsChecked {
					var out bytes.Buffer
					if err := report.Render(&out, r, report.FormatTable, report.Options{Width: width}); err != nil {
						t.Fatalf("width %d: %v", width, err)
					}
					for i, line := range strings.Split(out.String(), "\n") {
						if w := twwidth.WidthWithOptions(line, twwidth.Options{}); w > width {
							t.Errorf("--width %d: line %d is %d wide: %q", width, i+1, w, line)
						}
					}
					mu.Lock()
					if shapes[width] == nil {
						shapes[width] = map[string]int{}
					}
					text := out.String()
					shapes[width]["tables"] += len(r.Sections)
					shapes[width]["records"] += strings.Count(text, "\n-[ RECORD 1 ]")
					shapes[width]["blocks"] += strings.Count(text, "\ncolumns 1–")
					shapes[width]["numbered"] += strings.Count(text, "\ncolumns: ")
					mu.Unlock()
				}
			})
		}
	}
	t.Cleanup(func() {
		for _, width := range widthsChecked {
			sh := shapes[width]
			t.Log(fmt.Sprintf("--width %d: %d tables, none wider; %d with numbered headers, %d split into blocks of columns, %d printed as records",
				width, sh["tables"], sh["numbered"], sh["blocks"], sh["records"]))
		}
	})
}
