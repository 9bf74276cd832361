package lexicons

import (
	"strings"
	"testing"
)

func TestLabelContextFormat(t *testing.T) {
	lx, err := Pack("karabakh-labels")
	if err != nil {
		t.Fatal(err)
	}
	c, ok := lx.Context["the September 2023 operation"]
	if !ok || len(c.Dates) != 1 || c.Dates[0].String() != "2023-09-19/2023-12-31" || len(c.Cues) == 0 || c.Cues[0] != "september 19" {
		t.Errorf("context %+v", c)
	}
	head := "name: l\nkind: labels\nlabels:\n  the region:\n    Karabakh: [karabakh]\n"
	for _, c := range []struct{ body, want string }{
		{"context:\n  the city: {dates: [2023-01-01]}\n", `7: context "the city": no such referent`},
		{"context:\n  the region: {}\n", `7: context "the region" is empty`},
		{"context:\n  the region:\n    cues: []\n", `7: context "the region" has neither dates nor cues`},
		{"context:\n  the region: {dates: [2023-13-01]}\n", `bad date "2023-13-01"`},
		{"context:\n  the region:\n    dates: [2023-01-01]\n    when: x\n", `9: context "the region": unknown key "when" (want dates, cues)`},
		{"context:\n  the region: {cues: [\"\"]}\n", `context "the region"`},
	} {
		_, err := Parse("l.yaml", []byte(head+c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.body, err, c.want)
		}
	}
	_, err = Parse("f.yaml", []byte("name: f\nkind: categories\ncategories:\n  a: [x]\ncontext:\n  a: {dates: [2023-01-01]}\n"))
	if err == nil || !strings.Contains(err.Error(), "context is for labels lexicons") {
		t.Errorf("context in a categories lexicon: %v", err)
	}
}
