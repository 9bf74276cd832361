package main

import (
	"maps"
	"strconv"
	"strings"
	"testing"
)

// TestTermsZeros: terms --top 0 lists the tested terms each group uses
// (count > 0); with --zeros the terms it never uses come back, ranked among
// the others, and the rows with a count are the same rows in the same
// order. --zeros needs --top 0, and the provenance records it.
func TestTermsZeros(t *testing.T) {
	sparse := readCSV(t, runOK(t, "terms", "--top", "0", "--format", "csv"))
	all := readCSV(t, runOK(t, "terms", "--top", "0", "--zeros", "--format", "csv"))
	var used []map[string]string
	zeros := 0
	for i, r := range all {
		if r["count"] == "0" {
			zeros++
		} else {
			used = append(used, r)
		}
		if i > 0 && all[i-1]["group"] == r["group"] {
			prev, _ := strconv.ParseFloat(all[i-1]["logodds_z"], 64)
			z, _ := strconv.ParseFloat(r["logodds_z"], 64)
			if z > prev {
				t.Fatalf("--zeros row %d (%s %s): z %v after %v", i, r["group"], r["term"], z, prev)
			}
		}
	}
	for _, r := range sparse {
		if r["count"] == "0" {
			t.Fatalf("--top 0 lists %s %s, count 0", r["group"], r["term"])
		}
	}
	if zeros == 0 || len(used) != len(sparse) {
		t.Fatalf("--zeros: %d rows of count 0, %d of count > 0; --top 0: %d rows", zeros, len(used), len(sparse))
	}
	for i := range used {
		if !maps.Equal(used[i], sparse[i]) {
			t.Fatalf("row %d with a count differs: %v, without --zeros %v", i, used[i], sparse[i])
		}
	}
	rep := decodeReport(t, string(runOK(t, "terms", "--top", "0", "--zeros", "--format", "json")))
	if rep.Provenance.Options["zeros"] != "true" {
		t.Errorf("provenance options: zeros = %q, want true", rep.Provenance.Options["zeros"])
	}
	for _, args := range [][]string{{"terms", "--zeros"}, {"terms", "--top", "0", "--zeros", "--rank", "count"}} {
		code, _, errs := runArgs(args...)
		if code != 2 || !strings.Contains(errs, "--zeros") || !strings.Contains(errs, "--top 0") {
			t.Errorf("parallax %v: exit %d, %q; want a usage error about --zeros and --top 0", args, code, errs)
		}
	}
}
