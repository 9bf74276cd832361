package clean

import (
	"strings"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
)

// wantFurnitureQuotes and wantStaffQuotes are the numbers of quotations of
// the AllSides sample in lines the furniture and staff rules remove
// (TestCleanKeepsQuotations): gallery captions, "Related Video" teasers,
// AP's "FILE - In this … file photo, …" captions (each twice on its page),
// and a staff biography naming a radio programme in quotation marks.
const wantFurnitureQuotes, wantStaffQuotes = 15, 1

// TestGlueCuts pins where glued labels are cut off and what cleaning then
// keeps: the body whole, the label removed by its rule.
func TestGlueCuts(t *testing.T) {
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, text, kept, rule string }{
		{"update stamp", "Update at 3:53 p.m. ET. Death Toll Rises:", "Death Toll Rises:", "timestamp"},
		{"update stamp with quote", "Update at 3:53 p.m. ET. \"We are safe,\" he said.", "\"We are safe,\" he said.", "timestamp"},
		{"story highlights", "Story highlights Obama cancels military exercises with Egypt, says U.S. might take further steps",
			"Obama cancels military exercises with Egypt, says U.S. might take further steps", "furniture"},
		{"closing photo credit", "Migrants wait at a facility in McAllen, Texas, on June 17, he said. Photo: John Moore/Getty Images",
			"Migrants wait at a facility in McAllen, Texas, on June 17, he said.", "photo-credit"},
		{"gallery after a paragraph", "The war began in 2011, officials said. Hide Caption 1 of 3 Photos: Syria – A street. Hide Caption 2 of 3 Photos: Syria – A market. Hide Caption 3 of 3",
			"The war began in 2011, officials said.", "gallery"},
		{"transcript label", "archived recording 1 Michigan has been one of the most aggressive states, she said.",
			" Michigan has been one of the most aggressive states, she said.", "furniture"},
		{"video credit", "Wilson's testimony was released on Monday. VPC", "Wilson's testimony was released on Monday.", "furniture"},
	}
	for _, tc := range cases {
		kept, removed := c.Clean(&corpus.Document{Text: tc.text})
		ok := kept == tc.kept && len(removed) > 0
		for _, r := range removed {
			ok = ok && r.Rule == tc.rule && r.Line == 1
		}
		if !ok {
			t.Errorf("%s: kept %q, removed %+v; want %q kept and removals by %s", tc.name, kept, removed, tc.kept, tc.rule)
		}
	}
	// Fragments that all stay join back byte for byte.
	for _, text := range []string{
		"Update at 3:53 p.m. ET.\nA line. Photo: nothing\tafter",
		"The senator spoke. Photos: the photos were taken by many people at the rally on Sunday in the rain",
	} {
		if kept, removed := c.Clean(&corpus.Document{Text: text}); kept != text && len(removed) == 0 {
			t.Errorf("%q came back as %q with nothing removed", text, kept)
		}
	}
}

// quotations returns the spans of text between double quotation marks
// (“…” or "…") in s.
func quotations(s string) []string {
	var out []string
	for _, pair := range [][2]string{{"“", "”"}, {"\"", "\""}} {
		rest := s
		for {
			i := strings.Index(rest, pair[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(pair[0]):]
			j := strings.Index(rest, pair[1])
			if j < 0 {
				break
			}
			if q := strings.TrimSpace(rest[:j]); len(q) > 0 {
				out = append(out, q)
			}
			rest = rest[j+len(pair[1]):]
		}
	}
	return out
}

// TestCleanKeepsQuotations checks that nothing of what a page quotes is
// lost by the rules of this change: every quotation of the Karabakh pages'
// lines labelled to stay is in the cleaned text; on the AllSides sample the
// quotations in the lines the staff and furniture rules remove (captions,
// galleries and biographies, which may quote) are counted and pinned, so
// that a change of what is lost shows.
func TestCleanKeepsQuotations(t *testing.T) {
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for name, outlet := range karabakhOutlet {
		text := readKarabakh(t, name)
		cleaned, _ := c.Clean(&corpus.Document{Text: text, Group: outlet})
		lines := strings.Split(text, "\n")
		for _, l := range karabakhLabels[name] {
			if l.rule != "" {
				continue
			}
			for _, q := range quotations(lines[l.line-1]) {
				checked++
				if !strings.Contains(cleaned, q) {
					t.Errorf("%s:%d: quotation %q lost", name, l.line, q)
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d Karabakh quotations checked", checked)
	}
	lost := map[string]int{}
	for _, d := range testkit.AllSides(t) {
		_, removed := c.Clean(&d)
		for _, r := range removed {
			lost[r.Rule] += len(quotations(r.Text))
		}
	}
	if lost["furniture"] != wantFurnitureQuotes || lost["staff"] != wantStaffQuotes {
		t.Errorf("quotations in lines removed by furniture %d, by staff %d; want %d and %d",
			lost["furniture"], lost["staff"], wantFurnitureQuotes, wantStaffQuotes)
	}
}
