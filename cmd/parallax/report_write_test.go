package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A page that fails half-way leaves the earlier file as it was and no
// temporary file behind; one that succeeds replaces it whole.
func TestWriteFileVia(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte("earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	_, err := writeFileVia(path, func(w io.Writer) error {
		io.WriteString(w, "half a page")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "earlier" {
		t.Fatalf("a failed write changed the file to %q", b)
	}
	n, err := writeFileVia(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "<html>new</html>")
		return err
	})
	if err != nil || n != 16 {
		t.Fatalf("wrote %d bytes, err %v; want 16, nil", n, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "<html>new</html>" {
		t.Fatalf("file holds %q", b)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v, err %v; want 0644", fi.Mode().Perm(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("the folder holds %d entries, want only report.html", len(entries))
	}
}
