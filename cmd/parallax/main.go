package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
)

// version is parallax's version, recorded in every output's provenance.
const version = "0.1.0"

//go:embed doc.go
var docSource string

// usageError marks errors in how parallax was called: exit status 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// run executes one command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(args, &env{stdin: stdin, stdout: stdout, stderr: stderr, terminal: isTerminal(stderr)})
}

// runEnv is run with the streams, and whether standard error is a terminal,
// in e.
func runEnv(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
		return 2
	}
	name, rest := args[0], args[1:]
	var err error
	switch name {
	case "-h", "-help", "--help", "help":
		if len(rest) == 1 && commands[rest[0]] != nil {
			// "parallax help terms" is "parallax terms -h".
			return runEnv([]string{rest[0], "-h"}, e)
		}
		fmt.Fprint(stdout, overview())
		return 0
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "parallax %s\n", version)
		return 0
	default:
		cmd, ok := commands[name]
		if !ok {
			err = usagef("unknown command %q (commands: %s)", name, strings.Join(commandNames(), ", "))
			break
		}
		// Each run gets its own copy: a command records its run's corpus
		// flags (command.cf), and runs in one process (the tests) may
		// overlap.
		c := *cmd
		err = c.run(&c, rest, e)
		e.stopProgress() // cleared before an error is printed
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		return 0
	default:
		fmt.Fprintf(stderr, "parallax: %v\n", err)
		var u usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
}

// overview is the package documentation of doc.go, as plain text.
func overview() string {
	s := docSource
	if i := strings.Index(s, "/*\n"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.Index(s, "*/"); i >= 0 {
		s = s[:i]
	}
	s = strings.Replace(s, "Parallax shows", "parallax shows", 1)
	return s
}
