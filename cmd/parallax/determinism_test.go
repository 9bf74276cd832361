package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDeterminism runs the command in child processes (the test binary
// under the name "parallax", which TestMain registers) with GOMAXPROCS=1
// and 2, and once more with 2, on both embedded samples, and requires
// byte-identical output: workers, goroutine scheduling and map order must
// not show in any output. The provenance is compared too: no field of it
// may differ between runs (it leaves out --workers; the build revision is
// the same binary's).
func TestDeterminism(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command 24 times (about 30 s of CPU); skipped with -short")
	}
	parallaxBin, err := exec.LookPath("parallax")
	if err != nil {
		t.Fatalf("the test binary is not on PATH as parallax (TestMain registers it): %v", err)
	}
	gomaxprocsBin, err := exec.LookPath("gomaxprocs")
	if err != nil {
		t.Fatalf("gomaxprocs is not on PATH (TestMain registers it): %v", err)
	}
	// The children must really run with the GOMAXPROCS asked for, or the
	// comparison proves nothing.
	for _, procs := range []string{"1", "2"} {
		out, err := childCommand(gomaxprocsBin, procs).Output()
		if err != nil || strings.TrimSpace(string(out)) != procs {
			t.Fatalf("GOMAXPROCS=%s: a child runs with %q (error %v)", procs, out, err)
		}
	}

	cases := []struct {
		name string
		args []string
		// procs lists the GOMAXPROCS of each run; the first run is the
		// reference. The costly runs on the larger sample skip the repeat.
		procs []string
	}{
		{"karabakh-compare-json", []string{"compare", "--format", "json"}, []string{"1", "2", "2"}},
		{"karabakh-terms-csv", []string{"terms", "--format", "csv"}, []string{"1", "2", "2"}},
		{"karabakh-tone-csv", []string{"tone", "--format", "csv"}, []string{"1", "2", "2"}},
		{"allsides-compare-json", []string{"compare", "--sample", "allsides-middle-east", "--format", "json"}, []string{"1", "2"}},
		{"allsides-terms-csv", []string{"terms", "--sample", "allsides-middle-east", "--format", "csv"}, []string{"1", "2", "2"}},
		// Fewer permutations and resamples than the defaults keep the run
		// short; the parallel bootstrap and permutation code is the same.
		{"allsides-tone-csv", []string{"tone", "--sample", "allsides-middle-east", "--format", "csv", "--permutations", "999", "--resamples", "200"}, []string{"1", "2", "2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var ref []byte
			for i, procs := range c.procs {
				cmd := childCommand(parallaxBin, procs, c.args...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("GOMAXPROCS=%s parallax %s: %v\n%s", procs, strings.Join(c.args, " "), err, stderr.Bytes())
				}
				if len(out) == 0 {
					t.Fatalf("GOMAXPROCS=%s parallax %s: no output", procs, strings.Join(c.args, " "))
				}
				if i == 0 {
					ref = out
					continue
				}
				if !bytes.Equal(out, ref) {
					t.Errorf("run %d (GOMAXPROCS=%s) differs from run 1 (GOMAXPROCS=%s): %s", i+1, procs, c.procs[0], firstDifference(ref, out))
				}
			}
		})
	}
}

// childCommand runs bin with args, in the test's environment but for
// GOMAXPROCS.
func childCommand(bin, procs string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOMAXPROCS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "GOMAXPROCS="+procs)
	return cmd
}

// firstDifference shows the first line where a and b differ.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d\n  was %q\n  now %q", i+1, x, y)
		}
	}
	return "same lines, different bytes"
}
