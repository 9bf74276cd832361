package termstats

import (
	"fmt"
	"sort"
)

// SparseCounts is a sparse vector of counts over term ids, IDs ascending.
type SparseCounts struct {
	IDs    []int32
	Counts []int64
}

// Len is the number of non-zero entries.
func (s SparseCounts) Len() int { return len(s.IDs) }

// Get returns the count for term id, 0 if absent (binary search).
func (s SparseCounts) Get(id int32) int64 {
	i := sort.Search(len(s.IDs), func(i int) bool { return s.IDs[i] >= id })
	if i < len(s.IDs) && s.IDs[i] == id {
		return s.Counts[i]
	}
	return 0
}

// Sum is the total of all counts.
func (s SparseCounts) Sum() int64 {
	var t int64
	for _, c := range s.Counts {
		t += c
	}
	return t
}

// TermTable is the frozen aggregate the measures work on: per group, the count
// of each term and the number of documents containing it. Groups are sorted by
// name and terms alphabetically (byte order), so ids — and every output built
// from them — do not depend on the order documents were processed in.
type TermTable struct {
	Groups  []string       // sorted
	Terms   []string       // term id -> term, sorted
	Count   []SparseCounts // per group: occurrences of each term
	DocFreq []SparseCounts // per group: documents of the group containing the term
	Tokens  []int64        // per group: Σ Count — the denominator of every rate
	Docs    []int          // per group: documents
	// Corpus-wide, per term id.
	CorpusCount []int64 // Σ over groups of Count
	CorpusDF    []int64 // documents of the corpus containing the term
	TotalDocs   int     // documents in the corpus (the D of idf)
	TotalTokens int64   // Σ Tokens
	// Staff is, per group, the documents giving evidence that a term is
	// one of the group's staff names (staff.go); nil when not counted.
	Staff []map[string]int64 `json:",omitempty"`
}

// GroupIndex returns the index of group name, or -1.
func (t *TermTable) GroupIndex(name string) int {
	i := sort.SearchStrings(t.Groups, name)
	if i < len(t.Groups) && t.Groups[i] == name {
		return i
	}
	return -1
}

// TermIndex returns the id of term, or -1.
func (t *TermTable) TermIndex(term string) int32 {
	i := sort.SearchStrings(t.Terms, term)
	if i < len(t.Terms) && t.Terms[i] == term {
		return int32(i)
	}
	return -1
}

// NewTermTableDense builds a TermTable from dense matrices, for tests and
// small inputs: count[g][t] and docFreq[g][t] for groups × terms, docs[g]
// documents per group. Corpus document frequency is taken as Σ_g docFreq[g][t]
// (documents belong to exactly one group). Groups and terms are re-sorted.
func NewTermTableDense(groups, terms []string, count, docFreq [][]int64, docs []int) (*TermTable, error) {
	if len(count) != len(groups) || len(docFreq) != len(groups) || len(docs) != len(groups) {
		return nil, fmt.Errorf("dense term table: %d groups but %d count rows, %d df rows, %d doc counts", len(groups), len(count), len(docFreq), len(docs))
	}
	gorder := sortedOrder(groups)
	torder := sortedOrder(terms)
	t := &TermTable{}
	for _, g := range gorder {
		t.Groups = append(t.Groups, groups[g])
	}
	for _, j := range torder {
		t.Terms = append(t.Terms, terms[j])
	}
	for i := 1; i < len(t.Groups); i++ {
		if t.Groups[i] == t.Groups[i-1] {
			return nil, fmt.Errorf("dense term table: group %q given twice", t.Groups[i])
		}
	}
	for i := 1; i < len(t.Terms); i++ {
		if t.Terms[i] == t.Terms[i-1] {
			return nil, fmt.Errorf("dense term table: term %q given twice", t.Terms[i])
		}
	}
	t.CorpusCount = make([]int64, len(terms))
	t.CorpusDF = make([]int64, len(terms))
	for _, g := range gorder {
		if len(count[g]) != len(terms) || len(docFreq[g]) != len(terms) {
			return nil, fmt.Errorf("dense term table: group %q row has %d counts, %d dfs for %d terms", groups[g], len(count[g]), len(docFreq[g]), len(terms))
		}
		var c, d SparseCounts
		var tokens int64
		for newID, j := range torder {
			if count[g][j] < 0 || docFreq[g][j] < 0 || docFreq[g][j] > count[g][j] || docFreq[g][j] > int64(docs[g]) {
				return nil, fmt.Errorf("dense term table: group %q term %q: count %d, df %d, docs %d are inconsistent", groups[g], terms[j], count[g][j], docFreq[g][j], docs[g])
			}
			if count[g][j] > 0 {
				c.IDs = append(c.IDs, int32(newID))
				c.Counts = append(c.Counts, count[g][j])
				tokens += count[g][j]
				t.CorpusCount[newID] += count[g][j]
			}
			if docFreq[g][j] > 0 {
				d.IDs = append(d.IDs, int32(newID))
				d.Counts = append(d.Counts, docFreq[g][j])
				t.CorpusDF[newID] += docFreq[g][j]
			}
		}
		t.Count = append(t.Count, c)
		t.DocFreq = append(t.DocFreq, d)
		t.Tokens = append(t.Tokens, tokens)
		t.Docs = append(t.Docs, docs[g])
		t.TotalDocs += docs[g]
		t.TotalTokens += tokens
	}
	return t, nil
}

func sortedOrder(names []string) []int {
	idx := make([]int, len(names))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return names[idx[a]] < names[idx[b]] })
	return idx
}
