package corpus

import (
	"reflect"
	"testing"
)

// TestHashMemo loads a file twice through one memo: the second load gives
// what a load without the memo gives, takes the recorded hashes, and
// recomputes those of a text that changed under the same origin.
func TestHashMemo(t *testing.T) {
	dir := t.TempDir()
	first := `{"outlet":"A","text":"Talks in Geneva ended without a deal on Tuesday."}
{"outlet":"B","text":"Xalks in Geneva ended without a deal on Tuesday!"}
{"outlet":"B","text":"Talks  in GENEVA ended without a deal on Tuesday."}
`
	writeTestFiles(t, dir, map[string]string{"a.jsonl": first})
	memo := NewHashMemo()
	got := loadFS(t, dir, "a.jsonl", LoadOptions{Hashes: memo})
	if got.err != nil || got.rep.Loaded != 2 || memo.Len() != 3 {
		t.Fatalf("recording load: %v, %d loaded, %d recorded", got.err, got.rep.Loaded, memo.Len())
	}
	memo.Seal()
	again := loadFS(t, dir, "a.jsonl", LoadOptions{Hashes: memo})
	if again.err != nil || !reflect.DeepEqual(docIDs(again.docs), docIDs(got.docs)) || !reflect.DeepEqual(again.rep.Skipped, got.rep.Skipped) {
		t.Errorf("memo load: %v, ids %q skipped %q; want %q %q", again.err, docIDs(again.docs), again.rep.Skipped, docIDs(got.docs), got.rep.Skipped)
	}
	// Line 2 now has line 1's text (same length, other first bytes): its
	// recorded hashes must not be used, or the duplicate goes unseen.
	changed := `{"outlet":"A","text":"Talks in Geneva ended without a deal on Tuesday."}
{"outlet":"B","text":"Talks in Geneva ended without a deal on Tuesday."}
`
	writeTestFiles(t, dir, map[string]string{"a.jsonl": changed})
	got = loadFS(t, dir, "a.jsonl", LoadOptions{Hashes: memo})
	if got.err != nil || got.rep.Loaded != 1 || len(got.rep.Skipped) != 1 {
		t.Errorf("changed text: %v, %d loaded, skipped %q; want 1 loaded, 1 duplicate", got.err, got.rep.Loaded, got.rep.Skipped)
	}
	if h, ok := memo.lookup("a.jsonl:1", "Talks in Geneva ended without a deal on Tuesday."); !ok || h != textHash("Talks in Geneva ended without a deal on Tuesday.") {
		t.Errorf("lookup of a recorded text: %+v %v", h, ok)
	}
}
