package main

import (
	"bytes"
	"os"
	"testing"
)

// TestReportAllSides: the AllSides sample's report stays under 2 MB (long
// lists are cut, docs/report.md) and is byte-identical across runs and
// worker counts.
func TestReportAllSides(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: two runs of the AllSides sample")
	}
	dir := t.TempDir()
	a := writeReport(t, dir, "a.html", "--sample", "allsides-middle-east", "--workers", "1")
	b := writeReport(t, dir, "b.html", "--sample", "allsides-middle-east", "--workers", "3")
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x, y) {
		t.Error("the same flags gave two different reports (--workers 1 and 3)")
	}
	const limit = 2 << 20
	if len(x) >= limit {
		t.Errorf("AllSides report: %d bytes, want under %d", len(x), limit)
	}
	t.Logf("AllSides report: %d bytes", len(x))
}
