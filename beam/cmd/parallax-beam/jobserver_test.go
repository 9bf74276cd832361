package main

import (
	"flag"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestJobServer submits the pipeline through Beam's portable job API, as to
// a cluster: prism started as a job server, the job submitted with
// --runner universal --environment_type LOOPBACK (the workers run in this
// process), the output compared with parallax's. The server is stopped at
// the end. -short leaves it out (it builds prism).
func TestJobServer(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no job server")
	}
	dir := t.TempDir()
	prism := filepath.Join(dir, "prism")
	build := exec.Command("go", "build", "-o", prism, "github.com/apache/beam/sdks/v2/go/cmd/prism")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building prism: %v\n%s", err, out)
	}
	port, web := freePort(t), freePort(t)
	server := exec.Command(prism, "--job_port", strconv.Itoa(port), "--web_port", strconv.Itoa(web), "--serve_http=false")
	server.Stdout, server.Stderr = os.Stderr, os.Stderr
	if os.Getenv("PARALLAX_BEAM_LOG") == "" {
		server.Stdout, server.Stderr = nil, nil
	}
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		server.Process.Kill()
		server.Wait()
	}()
	endpoint := "localhost:" + strconv.Itoa(port)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		c, err := net.Dial("tcp", endpoint)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("prism job server did not listen on %s: %v", endpoint, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Beam's flags are process-wide: set for this test, then put back.
	for name, value := range map[string]string{"runner": "universal", "endpoint": endpoint, "environment_type": "LOOPBACK"} {
		old := flag.Lookup(name).Value.String()
		if err := flag.Set(name, value); err != nil {
			t.Fatal(err)
		}
		defer flag.Set(name, old)
	}
	for _, args := range [][]string{
		{"terms", "--sample", "allsides-middle-east", "--format", "json", "--top", "10"},
		{"similarity", filepath.Join(corpora, "karabakh"), "--format", "csv", "--measure", "cosine-tfidf,jsd"},
		{"tone", "--sample", "allsides-middle-east", "--format", "json", "--resamples", "300", "--permutations", "300"},
		{"compare", "--sample", "karabakh", "--format", "json"},
	} {
		local := runParallax(t, args...)
		got := runBeam(t, args...)
		if local.code != 0 || got.code != 0 {
			t.Fatalf("%q: parallax %d %q, parallax-beam %d %q", args, local.code, local.stderr, got.code, got.stderr)
		}
		if b := replaceTool(got.stdout, "parallax-beam/universal"); b != local.stdout {
			t.Fatalf("%q: outputs differ at %s", args, firstDiff(b, local.stdout))
		}
	}
	out := filepath.Join(dir, "tone") + "/"
	sameDir(t, out, "", "tone", filepath.Join(corpora, "karabakh"), "--format", "csv", "-o", out)
	out = filepath.Join(dir, "compare") + "/"
	sameDir(t, out, "", "compare", "--sample", "allsides-middle-east", "--format", "csv", "-o", out)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
