package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestTextKey: two texts share a key exactly when Load takes the second for
// a duplicate of the first.
func TestTextKey(t *testing.T) {
	pairs := [][2]string{
		{"The council voted.", "the  COUNCIL\nvoted."},
		{"The council voted.", "  The council voted.  "},
		{"The council voted.", "The council voted!"},
		{"The council voted.", "The council voted 2."},
		{"Ünïcode Text here", "ünïcode\u00a0text HERE"},
	}
	for _, p := range pairs {
		recs := `{"id":"1","outlet":"X","text":` + quote(p[0]) + "}\n" + `{"id":"2","outlet":"X","text":` + quote(p[1]) + "}\n"
		fsys := fstest.MapFS{"c.jsonl": {Data: []byte(recs)}}
		rep, err := Load(fsys, "c.jsonl", LoadOptions{}, func(*Document) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		dup := len(rep.Skipped) == 1 && strings.HasPrefix(rep.Skipped[0].Reason, "duplicate: ")
		if same := TextKey(p[0]) == TextKey(p[1]); same != dup {
			t.Errorf("%q, %q: same key %v, but Load took the second for a duplicate: %v", p[0], p[1], same, dup)
		}
	}
	if TextKey("a b") != TextKey("A\tB") || TextKey("a b") == TextKey("ab") {
		t.Error("white space is collapsed, not removed; case is folded")
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}
