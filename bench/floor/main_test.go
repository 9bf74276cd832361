package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The counts of a three-record corpus, by hand: groups a and b; a has
// 2 + 4 tokens ("the" twice: "The" is lower-cased, "the-mat" splits), b has
// 4; the distinct terms are the, cat, sat, on, mat, café, über and 2024.
func TestCount(t *testing.T) {
	p := write(t, `{"outlet":"a","text":"The cat"}
{"outlet":"a","text":"sat on: the-mat"}
{"outlet":"b","title":"x","text":"Café ÜBER 2024 the"}
`)
	for _, workers := range []int{1, 2, 3} {
		g, terms, tokens, err := count(p, "outlet", workers)
		if err != nil {
			t.Fatal(err)
		}
		if g != 2 || terms != 8 || tokens != 10 {
			t.Errorf("workers %d: %d groups, %d terms, %d tokens; want 2, 8, 10", workers, g, terms, tokens)
		}
	}
}

func TestBadRecord(t *testing.T) {
	p := write(t, "{\"outlet\":\"a\",\"text\":\"ok\"}\n{\"outlet\": 3}\n")
	_, _, _, err := count(p, "outlet", 2)
	if err == nil || !strings.Contains(err.Error(), "c.jsonl:2:") {
		t.Fatalf("error %v, want one naming line 2", err)
	}
}
