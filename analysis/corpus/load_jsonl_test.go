package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bigJSONLines writes n lines of JSON Lines spanning many batches of the
// parallel reader: blank lines, malformed lines, records without a group,
// exact duplicates of line 2 (differing in case and spacing) far from it,
// and ordinary records. It returns the file's directory and, computed line
// by line the plain way, the origins loaded and the skips expected with
// SkipBad.
func bigJSONLines(t *testing.T, n int) (dir string, loaded []string, skipped []Skip) {
	t.Helper()
	var b strings.Builder
	for k := 1; k <= n; k++ {
		origin := "big.jsonl:" + strconv.Itoa(k)
		switch {
		case k%7 == 0:
			b.WriteString("  \t\n")
			continue
		case k%500 == 0:
			b.WriteString("{\"text\": \"cut\n")
			skipped = append(skipped, Skip{Origin: origin, Reason: "malformed"})
			continue
		case k%450 == 0:
			fmt.Fprintf(&b, "{\"text\": \"no group %d\"}\n", k)
			skipped = append(skipped, Skip{Origin: origin, Reason: "missing field: record has no \"outlet\" field"})
			continue
		case k%300 == 0:
			b.WriteString("{\"text\": \"  ARTICLE number\\n 2 about   the talks\", \"outlet\": \"o2\"}\n")
			skipped = append(skipped, Skip{Origin: origin, Reason: "duplicate: same text as big.jsonl:2"})
			continue
		}
		fmt.Fprintf(&b, "{\"text\": \"Article number %d about the talks\", \"outlet\": \"o%d\", \"id\": \"a%d\"}\n", k, k%5, k)
		loaded = append(loaded, origin)
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, loaded, skipped
}

// TestLoadJSONLinesInOrder checks that the parallel reader decides as a
// serial one would over many batches: documents in input order with their
// indexes, every skip in reading order naming its line, the first
// occurrence of a duplicate kept however far apart the two are.
func TestLoadJSONLinesInOrder(t *testing.T) {
	const n = 6000 // several batches of jsonlBatchLines
	dir, loaded, skipped := bigJSONLines(t, n)
	got := loadBigOrigins(t, dir, LoadOptions{SkipBad: true}, loaded)
	if len(got.rep.Skipped) != len(skipped) {
		t.Fatalf("%d skipped, want %d", len(got.rep.Skipped), len(skipped))
	}
	for i, s := range got.rep.Skipped {
		if s.Origin != skipped[i].Origin || !strings.HasPrefix(s.Reason, skipped[i].Reason) {
			t.Errorf("skip %d: %+v, want %+v", i, s, skipped[i])
		}
	}
	if got.rep.Read != len(loaded)+len(skipped) {
		t.Errorf("Read %d, want %d", got.rep.Read, len(loaded)+len(skipped))
	}
}

// TestLoadJSONLinesStops checks that loading stops at the first bad record
// (without SkipBad) or at the first error of emit, after emitting exactly
// the documents before it, and leaves no goroutine behind.
func TestLoadJSONLinesStops(t *testing.T) {
	const n = 6000
	dir, loaded, _ := bigJSONLines(t, n)
	before := runtime.NumGoroutine()

	got := loadFS(t, dir, "big.jsonl", LoadOptions{})
	if got.err == nil || !strings.HasPrefix(got.err.Error(), "big.jsonl:450: record has no \"outlet\" field") {
		t.Errorf("error %v, want one naming big.jsonl:450", got.err)
	}
	want := 0
	for _, o := range loaded {
		if k, _ := strconv.Atoi(strings.TrimPrefix(o, "big.jsonl:")); k < 450 {
			want++ // the duplicate at line 300 is skipped without SkipBad too
		}
	}
	if len(got.docs) != want {
		t.Errorf("%d documents emitted before the error, want %d", len(got.docs), want)
	}

	stop := errors.New("enough")
	emitted := 0
	_, err := Load(os.DirFS(dir), "big.jsonl", LoadOptions{SkipBad: true}, func(d *Document) error {
		if emitted == 1234 {
			return stop
		}
		emitted++
		return nil
	})
	if err != stop || emitted != 1234 {
		t.Errorf("emit error: Load returned %v after %d documents, want %v after 1234", err, emitted, stop)
	}
	for try := 0; runtime.NumGoroutine() > before && try < 100; try++ {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after loading, %d before", g, before)
	}
}

// TestStringRun checks the eight-bytes-at-a-time scan of JSON string runs
// against a byte-by-byte one, with the stop byte at every position of
// every alignment, and that it never misses a byte of 0x80 or more.
func TestStringRun(t *testing.T) {
	naive := func(data []byte, i int) (int, bool) {
		multi := false
		for ; i < len(data); i++ {
			c := data[i]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			multi = multi || c >= 0x80
		}
		return i, multi
	}
	fill := []byte("abcdefgh ijklmnopé!~\x7f\x80\xffzz")
	for n := 0; n <= 40; n++ {
		for _, stop := range []byte{'"', '\\', 0, '\n', 0x1f, 'x'} {
			for pos := 0; pos <= n; pos++ {
				data := make([]byte, n)
				for k := range data {
					data[k] = fill[(k+pos+n)%len(fill)]
				}
				if pos < n {
					data[pos] = stop
				}
				for from := 0; from <= min(n, 9); from++ {
					end, multi := stringRun(data, from)
					wantEnd, wantMulti := naive(data, from)
					if end != wantEnd || wantMulti && !multi {
						t.Fatalf("stringRun(%q, %d) = %d, %v; want %d, %v", data, from, end, multi, wantEnd, wantMulti)
					}
				}
			}
		}
	}
}

// TestLoadJSONLinesHugeLines loads lines longer than a batch keeps, one
// after another and between short ones: each waits for the batches before
// it, and all load, in order.
func TestLoadJSONLinesHugeLines(t *testing.T) {
	var b strings.Builder
	var want []string
	for k := 1; k <= 6; k++ {
		text := fmt.Sprintf("short %d", k)
		if k%3 != 0 {
			text = fmt.Sprintf("huge %d %s", k, strings.Repeat("word ", jsonlKeepBytes/5+1))
		}
		fmt.Fprintf(&b, "{\"text\": %q, \"outlet\": \"o\"}\n", text)
		want = append(want, "big.jsonl:"+strconv.Itoa(k))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	loadBigOrigins(t, dir, LoadOptions{}, want)
}

// loadBigOrigins loads big.jsonl in dir with opt and checks that it loads
// without error the documents of the origins want, in order.
func loadBigOrigins(t *testing.T, dir string, opt LoadOptions, want []string) loadResult {
	t.Helper()
	got := loadFS(t, dir, "big.jsonl", opt)
	if got.err != nil {
		t.Fatal(got.err)
	}
	if len(got.docs) != len(want) {
		t.Fatalf("%d documents, want %d", len(got.docs), len(want))
	}
	for i, d := range got.docs {
		if d.Origin != want[i] {
			t.Fatalf("document %d is %s, want %s", i, d.Origin, want[i])
		}
	}
	return got
}
