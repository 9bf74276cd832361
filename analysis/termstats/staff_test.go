package termstats

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"parallax/analysis/segment"
)

// TestStaffEvidence reads real lines of the corpus with the evidence they
// give, worked out by hand (testdata/staff_lines.txt).
func TestStaffEvidence(t *testing.T) {
	b, err := os.ReadFile("testdata/staff_lines.txt")
	if err != nil {
		t.Fatal(err)
	}
	tk := segment.NewTokenizer(segment.NewNorms())
	c := NewCounter(TermOptions{StopWords: stopEN(t)}, NewVocabulary(), NewShard(), tk)
	for n, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("line %d: %d fields", n+1, len(f))
		}
		c.Document(f[0], "", 1)
		if f[1] == "credit" {
			c.Credit(f[2])
		} else {
			c.Sentence(f[2], tk.Tokenize(f[2], nil))
		}
		got := c.DocumentStaff()
		var want []string
		if f[3] != "-" {
			want = strings.Split(f[3], ",")
			slices.Sort(want)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q\n got %v\nwant %v", f[0], f[2], got, want)
		}
		c.EndDocument()
	}
}

// TestStaffMentions masks staff names worked out by hand: evidence in
// enough documents, over-represented in the group; a handle built on a
// staff surname goes with it; a politician with evidence stays.
func TestStaffMentions(t *testing.T) {
	terms := []string{"guypbenson", "inskeep", "obama", "steve", "rarename", "voters"}
	// Group A (40 documents): inskeep in 10 (25%) and 1 of B's 40 (2.5%):
	// ×10, evidence 4: staff. steve in 12 (30%) against B's 10 (25%):
	// evidence but not over-represented. obama in 30 (75%) against 20:
	// evidence 3 but not over-represented. rarename in 4, B none, but
	// evidence in 1 document only: kept. guypbenson holds no word of
	// five letters or more that is staff… until "benson" is: see below.
	count := [][]int64{{3, 20, 60, 12, 4, 9}, {0, 1, 40, 10, 0, 9}}
	df := [][]int64{{3, 10, 30, 12, 4, 9}, {0, 1, 20, 10, 0, 9}}
	tab, err := NewTermTableDense([]string{"A", "B"}, terms, count, df, []int{40, 40})
	if err != nil {
		t.Fatal(err)
	}
	tab.Staff = []map[string]int64{{"inskeep": 4, "steve": 4, "obama": 3, "rarename": 1}, nil}
	got := maskedTerms(tab, SelfMentions(tab, nil, false)[0])
	if want := []string{"inskeep"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("staff of A = %v, want %v", got, want)
	}
	// A handle on a staff surname: "benson" is staff (evidence 2, in 3 of
	// A's documents, none of B's), and guypbenson holds it.
	// "kingsalman" holds the staff name "salma" but neither opens nor
	// closes with it: kept.
	terms = []string{"benson", "guypbenson", "kingsalman", "salma", "voters"}
	count = [][]int64{{5, 3, 4, 3, 9}, {0, 0, 0, 0, 9}}
	df = [][]int64{{3, 3, 4, 3, 9}, {0, 0, 0, 0, 9}}
	if tab, err = NewTermTableDense([]string{"A", "B"}, terms, count, df, []int{40, 40}); err != nil {
		t.Fatal(err)
	}
	tab.Staff = []map[string]int64{{"benson": 2, "salma": 2}, nil}
	got = maskedTerms(tab, SelfMentions(tab, nil, false)[0])
	if want := []string{"benson", "guypbenson", "salma"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("staff of A = %v, want %v", got, want)
	}
}

// TestNameMentions: a generic word of the group's name is masked when at
// least half of the group's documents holding it hold it as part of the
// name ("Fox News"), not when fewer do.
func TestNameMentions(t *testing.T) {
	for _, tc := range []struct {
		evidence int64
		want     []string
	}{{10, []string{"news"}}, {9, nil}} {
		tab, err := NewTermTableDense([]string{"A", "B"}, []string{"news", "voters"},
			[][]int64{{30, 9}, {30, 9}}, [][]int64{{20, 9}, {20, 9}}, []int{40, 40})
		if err != nil {
			t.Fatal(err)
		}
		tab.Staff = []map[string]int64{{"=news": tc.evidence}, nil}
		if got := maskedTerms(tab, SelfMentions(tab, nil, false)[0]); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("evidence in %d of 20 documents: masked %v, want %v", tc.evidence, got, tc.want)
		}
	}
}

func maskedTerms(t *TermTable, ids []int32) []string {
	var out []string
	for _, id := range ids {
		out = append(out, t.Terms[id])
	}
	return out
}
