package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the bad-input scenarios (testdata/script/bad_*.txtar):
// inputs a txtar archive cannot hold or should not store, and exact exit
// statuses.

// genFiles writes generated inputs:
//
//	gen bytes FILE STRING...        the STRINGs with \xHH, \n, \r, \t and \\ escapes, concatenated
//	gen groups FILE N               JSON Lines of N groups, one distinct article each
//	gen bigline FILE BYTES          JSON Lines: one article of BYTES bytes on one line, and a short one
//	gen gzip SRC DST [KEEP]         DST is SRC gzipped, cut to its first KEEP bytes (negative: all but -KEEP)
func genFiles(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("gen does not fail")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: gen bytes|groups|bigline|gzip FILE ...")
	}
	file := ts.MkAbs(args[1])
	var data []byte
	switch args[0] {
	case "bytes":
		for _, a := range args[2:] {
			b, err := unescapeBytes(a)
			ts.Check(err)
			data = append(data, b...)
		}
	case "groups":
		n := genInt(ts, args, 2)
		var b bytes.Buffer
		for i := range n {
			code := letterCode(i)
			fmt.Fprintf(&b, `{"id": "d%d", "outlet": "Outlet %s", "text": "The %s correspondent reported on the %s talks."}`+"\n", i, code, code, letterCode(i*7919+13))
		}
		data = b.Bytes()
	case "bigline":
		size := genInt(ts, args, 2)
		const sentence = "Troops shelled the border villages again, officials in the capital said. "
		text := strings.Repeat(sentence, size/len(sentence)+1)[:size]
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		ts.Check(enc.Encode(map[string]string{"id": "big", "outlet": "Wire", "text": text}))
		ts.Check(enc.Encode(map[string]string{"id": "small", "outlet": "Daily", "text": "The talks in Geneva ended without an agreement."}))
		data = b.Bytes()
	case "gzip":
		if len(args) < 3 {
			ts.Fatalf("usage: gen gzip SRC DST [KEEP]")
		}
		var b bytes.Buffer
		z := gzip.NewWriter(&b)
		_, err := z.Write([]byte(ts.ReadFile(args[1])))
		ts.Check(err)
		ts.Check(z.Close())
		data = b.Bytes()
		file = ts.MkAbs(args[2])
		if len(args) > 3 {
			keep := genInt(ts, args, 3)
			if keep < 0 {
				keep += len(data)
			}
			if keep < 0 || keep > len(data) {
				ts.Fatalf("gen gzip: cannot keep %s of %d bytes", args[3], len(data))
			}
			data = data[:keep]
		}
	default:
		ts.Fatalf("gen: unknown kind %q", args[0])
	}
	ts.Check(os.WriteFile(file, data, 0o644))
}

// unescapeBytes replaces the escapes \xHH, \n, \r, \t and \\ in s by the
// bytes they stand for; every other byte stands for itself.
func unescapeBytes(s string) ([]byte, error) {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			out = append(out, s[i])
			continue
		}
		if i+1 == len(s) {
			return nil, fmt.Errorf("%q ends with a lone backslash", s)
		}
		i++
		switch s[i] {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case '\\':
			out = append(out, '\\')
		case 'x':
			if i+2 >= len(s) {
				return nil, fmt.Errorf("%q: \\x needs two hex digits", s)
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return nil, fmt.Errorf("%q: \\x needs two hex digits", s)
			}
			out = append(out, byte(v))
			i += 2
		default:
			return nil, fmt.Errorf("%q: unknown escape \\%c", s, s[i])
		}
	}
	return out, nil
}

// genInt parses args[i] as an integer.
func genInt(ts *testscript.TestScript, args []string, i int) int {
	if i >= len(args) {
		ts.Fatalf("gen %s: missing a number", args[0])
	}
	n, err := strconv.Atoi(args[i])
	ts.Check(err)
	return n
}

// letterCode writes i in base 26 with the letters a-z, at least three of
// them: distinct numbers give distinct words, so generated articles differ
// in their words, not only in digits (which would make them near duplicates).
func letterCode(i int) string {
	var b []byte
	for len(b) < 3 || i > 0 {
		b = append(b, byte('a'+i%26))
		i /= 26
	}
	return string(b)
}

// exitStatus runs "status N COMMAND ARG..." and checks that COMMAND exits
// with status N; its standard output and error are kept for the stdout and
// stderr commands that follow.
func exitStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N COMMAND [ARG...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// printGOMAXPROCS is the "gomaxprocs" command: it prints the number of
// threads a command run with the same environment may use at once.
func printGOMAXPROCS() { fmt.Println(runtime.GOMAXPROCS(0)) }
