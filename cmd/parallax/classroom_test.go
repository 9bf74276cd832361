package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// wholeText is the testscript command "whole TEXT": standard output, its
// white space collapsed (so that the lines of a wrapped cell or record
// join), holds TEXT, its white space collapsed too. A passage cut with …
// or broken off fails.
func wholeText(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: whole TEXT")
	}
	out := strings.Join(strings.Fields(ts.ReadFile("stdout")), " ")
	want := strings.Join(strings.Fields(args[0]), " ")
	if found := strings.Contains(out, want); found == neg {
		if neg {
			ts.Fatalf("standard output holds %q", want)
		}
		ts.Fatalf("standard output lacks, whole, %q", want)
	}
}

// TestClassroomCommands checks that testdata/script/classroom.txtar runs
// every command docs/classroom.md gives (its fenced parallax lines) as
// written, and that each one that prints tables runs at --width 100, the
// width the guide's questions are checked at.
func TestClassroomCommands(t *testing.T) {
	root := repoRoot(t)
	guide, err := os.ReadFile(filepath.Join(root, "docs", "classroom.md"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join("testdata", "script", "classroom.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	run := map[string]bool{}
	for _, line := range strings.Split(string(script), "\n") {
		if rest, ok := strings.CutPrefix(line, "exec "); ok {
			run[strings.Join(strings.Fields(rest), " ")] = true
		}
	}
	n := 0
	for _, block := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(guide), -1) {
		for _, line := range strings.Split(block[1], "\n") {
			cmd, _, _ := strings.Cut(line, "#")
			cmd = strings.Join(strings.Fields(cmd), " ")
			if !strings.HasPrefix(cmd, "parallax ") {
				continue
			}
			n++
			if !run[cmd] {
				t.Errorf("docs/classroom.md gives %q, which classroom.txtar does not run", cmd)
			}
			if !strings.HasPrefix(cmd, "parallax report") && !strings.Contains(cmd, "--width 100") {
				t.Errorf("docs/classroom.md: %q should run at --width 100, the width its questions are checked at", cmd)
			}
		}
	}
	if n < 8 {
		t.Errorf("found %d parallax commands in docs/classroom.md; the guide has at least 8", n)
	}
}
