package testkit

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// sumAcc is a correct accumulator: a multiset of strings.
type sumAcc struct{ N map[string]int }

var sumCase = Accumulator[string, *sumAcc]{
	New: func() *sumAcc { return &sumAcc{N: map[string]int{}} },
	Add: func(a *sumAcc, r string) { a.N[r]++ },
	Merge: func(d, s *sumAcc) error {
		for k, v := range s.N {
			d.N[k] += v
		}
		return nil
	},
	Marshal: func(a *sumAcc) ([]byte, error) { return json.Marshal(a) }, // map keys sorted
	Unmarshal: func(b []byte) (*sumAcc, error) {
		a := &sumAcc{}
		err := json.Unmarshal(b, a)
		if a.N == nil {
			a.N = map[string]int{}
		}
		return a, err
	},
	Finish: func(a *sumAcc) (string, error) { return fmt.Sprint(a.N), nil },
}

// fatalRecorder turns Fatalf into a panic the test recovers, so that the
// checker's failures can be checked.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Helper() {}
func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic(f)
}

func failure(t *testing.T, check func(tb testing.TB)) (msg string) {
	t.Helper()
	rec := &fatalRecorder{TB: t}
	defer func() {
		if r := recover(); r != nil {
			if r != rec {
				panic(r)
			}
			msg = rec.msg
		}
	}()
	check(rec)
	return ""
}

var records = strings.Fields("a b c a b a d e f a b c g h i j k l m n o p a a b")

func TestCheckAccumulatorPasses(t *testing.T) {
	if msg := failure(t, func(tb testing.TB) { CheckAccumulator(tb, records, sumCase) }); msg != "" {
		t.Fatalf("a correct accumulator failed: %s", msg)
	}
}

func TestCheckAccumulatorCatchesOrder(t *testing.T) {
	// A list that keeps arrival order: its result depends on the order.
	type list struct{ L []string }
	c := Accumulator[string, *list]{
		New:     func() *list { return &list{} },
		Add:     func(a *list, r string) { a.L = append(a.L, r) },
		Merge:   func(d, s *list) error { d.L = append(d.L, s.L...); return nil },
		Marshal: func(a *list) ([]byte, error) { return json.Marshal(a) },
		Unmarshal: func(b []byte) (*list, error) {
			a := &list{}
			return a, json.Unmarshal(b, a)
		},
		Finish: func(a *list) (string, error) { return strings.Join(a.L, ","), nil },
	}
	msg := failure(t, func(tb testing.TB) { CheckAccumulator(tb, records, c) })
	if !strings.Contains(msg, "result differs") {
		t.Fatalf("an order-dependent accumulator was not caught; message %q", msg)
	}
	// Sorting in Finish makes it order-independent.
	c.Finish = func(a *list) (string, error) { return strings.Join(slices.Sorted(slices.Values(a.L)), ","), nil }
	if msg := failure(t, func(tb testing.TB) { CheckAccumulator(tb, records, c) }); msg != "" {
		t.Fatalf("a sorted list failed: %s", msg)
	}
}

func TestCheckAccumulatorCatchesLossyEncoding(t *testing.T) {
	c := sumCase
	c.Unmarshal = func(b []byte) (*sumAcc, error) { return &sumAcc{N: map[string]int{}}, nil }
	msg := failure(t, func(tb testing.TB) { CheckAccumulator(tb, records, c) })
	if !strings.Contains(msg, "Marshal/Unmarshal changed") {
		t.Fatalf("a lossy encoding was not caught; message %q", msg)
	}
}
