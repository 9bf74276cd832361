package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"parallax":   func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
		"gomaxprocs": printGOMAXPROCS,
	})
}

// TestScripts runs the command-line scenarios in testdata/script: each is a
// txtar archive of commands, expected output and input files.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"csvcheck":  csvCheck,
			"jsoncheck": jsonCheck,
			"gen":       genFiles,
			"status":    exitStatus,
			"whole":     wholeText,
		},
	})
}

// csvCheck FILE COLUMNS... checks that FILE is RFC 4180 CSV with a rectangular
// body whose header starts with the given columns.
func csvCheck(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: csvcheck FILE COLUMN...")
	}
	r := csv.NewReader(strings.NewReader(ts.ReadFile(args[0])))
	rows, err := r.ReadAll()
	if err == nil && len(rows) < 2 {
		err = fmt.Errorf("%d rows, want a header and data", len(rows))
	}
	if err == nil {
		for i, col := range args[1:] {
			if i >= len(rows[0]) || rows[0][i] != col {
				err = fmt.Errorf("header %v does not start with %v", rows[0], args[1:])
				break
			}
		}
	}
	if (err != nil) != neg {
		ts.Fatalf("csvcheck %s: %v", args[0], err)
	}
}

// jsonCheck FILE checks that FILE is one JSON object with provenance and sections.
func jsonCheck(ts *testscript.TestScript, neg bool, args []string) {
	var v struct {
		Provenance map[string]any   `json:"provenance"`
		Sections   []map[string]any `json:"sections"`
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(ts.ReadFile(args[0]))))
	err := dec.Decode(&v)
	if err == nil && (v.Provenance["tool"] != "parallax" || len(v.Sections) == 0) {
		err = fmt.Errorf("no provenance or no sections")
	}
	if (err != nil) != neg {
		ts.Fatalf("jsoncheck %s: %v", args[0], err)
	}
}
