package testkit

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"
)

// Accumulator describes one collector's map → combine → finish shape to
// CheckAccumulator: how to make an empty accumulator, add one document's
// record, merge another accumulator into it, carry it as bytes, and finish
// it into a canonical rendering of its results (for instance their JSON, or
// the text of the tables drawn from them).
type Accumulator[R, A any] struct {
	New       func() A
	Add       func(acc A, rec R)
	Merge     func(dst, src A) error
	Marshal   func(acc A) ([]byte, error)
	Unmarshal func(data []byte) (A, error)
	Finish    func(acc A) (string, error)
}

// CheckAccumulator checks the laws every accumulator must keep, on recs:
//
//   - adding every record to one accumulator and finishing gives the
//     reference result;
//   - the records shuffled, split into 1..8 parts, each part added to its
//     own accumulator, every accumulator carried through Marshal and
//     Unmarshal and then merged in a random order, give the same result
//     (order independence, associativity, commutativity, a faithful
//     encoding);
//   - merging an empty accumulator changes nothing;
//   - Marshal is deterministic: the same accumulator gives the same bytes.
//
// The shuffles use fixed seeds, so a failure reproduces.
func CheckAccumulator[R, A any](t testing.TB, recs []R, c Accumulator[R, A]) {
	t.Helper()
	build := func(rs []R) A {
		acc := c.New()
		for _, r := range rs {
			c.Add(acc, r)
		}
		return acc
	}
	finish := func(acc A, what string) string {
		t.Helper()
		s, err := c.Finish(acc)
		if err != nil {
			t.Fatalf("%s: Finish: %v", what, err)
		}
		return s
	}
	roundTrip := func(acc A, what string) A {
		t.Helper()
		b1, err := c.Marshal(acc)
		if err != nil {
			t.Fatalf("%s: Marshal: %v", what, err)
		}
		b2, err := c.Marshal(acc)
		if err != nil {
			t.Fatalf("%s: Marshal (again): %v", what, err)
		}
		if !bytes.Equal(b1, b2) {
			t.Fatalf("%s: Marshal is not deterministic: two calls gave different bytes", what)
		}
		out, err := c.Unmarshal(b1)
		if err != nil {
			t.Fatalf("%s: Unmarshal: %v", what, err)
		}
		return out
	}

	want := finish(build(recs), "all records in order")
	if got := finish(roundTrip(build(recs), "all records"), "all records after Marshal/Unmarshal"); got != want {
		t.Fatalf("Marshal/Unmarshal changed the result:\n%s", firstDiff(want, got))
	}
	withEmpty := build(recs)
	if err := c.Merge(withEmpty, c.New()); err != nil {
		t.Fatalf("merging an empty accumulator: %v", err)
	}
	if got := finish(withEmpty, "merged with an empty one"); got != want {
		t.Fatalf("merging an empty accumulator changed the result:\n%s", firstDiff(want, got))
	}
	empty := c.New()
	if err := c.Merge(empty, build(recs)); err != nil {
		t.Fatalf("merging into an empty accumulator: %v", err)
	}
	if got := finish(empty, "merged into an empty one"); got != want {
		t.Fatalf("merging into an empty accumulator changed the result:\n%s", firstDiff(want, got))
	}

	for seed := uint64(1); seed <= 6; seed++ {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		order := rng.Perm(len(recs))
		parts := 1 + rng.IntN(8)
		accs := make([]A, parts)
		for i := range accs {
			accs[i] = c.New()
		}
		for _, i := range order {
			c.Add(accs[rng.IntN(parts)], recs[i])
		}
		for i := range accs {
			accs[i] = roundTrip(accs[i], "a part")
		}
		// Merge pairs chosen at random until one is left: a random tree.
		for len(accs) > 1 {
			i := rng.IntN(len(accs))
			j := rng.IntN(len(accs) - 1)
			if j >= i {
				j++
			}
			if err := c.Merge(accs[i], accs[j]); err != nil {
				t.Fatalf("seed %d: Merge: %v", seed, err)
			}
			accs = append(accs[:j], accs[j+1:]...)
		}
		if got := finish(accs[0], "merged parts"); got != want {
			t.Fatalf("seed %d (%d parts, shuffled, merged in random order): result differs from adding every record to one accumulator:\n%s",
				seed, parts, firstDiff(want, got))
		}
	}
}

// firstDiff shows where two renderings first differ.
func firstDiff(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	lo := max(0, i-120)
	cut := func(s string) string {
		hi := min(len(s), i+120)
		if lo > len(s) {
			return ""
		}
		return s[lo:hi]
	}
	return "first difference at byte " + strconv.Itoa(i) + "\nwant …" + cut(want) + "…\n got …" + cut(got) + "…"
}
