package termstats

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// IDFVariant names a formula for inverse document frequency. The names follow
// scikit-learn and quanteda so that users can reproduce the numbers; every
// variant uses the natural logarithm. D is the number of documents in the
// corpus and df the number of documents containing the term.
type IDFVariant string

const (
	// IDFSmooth is ln((1+D)/(1+df)) + 1, scikit-learn's default
	// (TfidfTransformer(smooth_idf=True)). It is parallax's default.
	IDFSmooth IDFVariant = "smooth"
	// IDFNoSmooth is ln(D/df) + 1, scikit-learn's smooth_idf=False.
	IDFNoSmooth IDFVariant = "nosmooth"
	// IDFPlain is ln(D/df), the textbook idf: quanteda's
	// docfreq(x, scheme = "inverse", base = exp(1)) (quanteda's default base
	// is 10, which only rescales it by 1/ln 10). "inverse" is accepted as a
	// synonym by ParseIDF.
	IDFPlain IDFVariant = "plain"
)

// IDFVariants lists the accepted variants, default first.
var IDFVariants = []IDFVariant{IDFSmooth, IDFNoSmooth, IDFPlain}

// ParseIDF reads an idf variant name as given on the command line. The empty
// string means the default, IDFSmooth.
func ParseIDF(s string) (IDFVariant, error) {
	switch s {
	case "", string(IDFSmooth):
		return IDFSmooth, nil
	case string(IDFNoSmooth):
		return IDFNoSmooth, nil
	case string(IDFPlain), "inverse":
		return IDFPlain, nil
	}
	return "", fmt.Errorf("unknown idf variant %q (want smooth, nosmooth or plain)", s)
}

// known reports whether v is one of IDFVariants.
func (v IDFVariant) known() bool {
	switch v {
	case IDFSmooth, IDFNoSmooth, IDFPlain:
		return true
	}
	return false
}

// IDF is the inverse document frequency of a term found in df of docs
// documents, by variant v. A term found in no document (df ≤ 0), an empty
// corpus (docs ≤ 0) or an unknown variant give 0: such a term has no
// occurrences, so it contributes nothing to any tf-idf, and 0 keeps the
// ±Inf of ln(D/0) out of every output.
func IDF(df, docs int64, v IDFVariant) float64 {
	if df <= 0 || docs <= 0 {
		return 0
	}
	D, n := float64(docs), float64(df)
	switch v {
	case IDFSmooth:
		return math.Log((1+D)/(1+n)) + 1
	case IDFNoSmooth:
		return math.Log(D/n) + 1
	case IDFPlain:
		return math.Log(D / n)
	}
	return 0
}

// TermFreq is one row of a group's frequency list.
type TermFreq struct {
	Term  string
	ID    int32
	Count int64   // occurrences in the group
	Per1k float64 // 1000 · Count / Tokens[g]
	Docs  int64   // documents of the group containing the term (document frequency)
	TF    float64 // Count / Tokens[g], the relative frequency
	TFIDF float64 // TF · IDF(corpus document frequency, corpus documents)
}

// Frequencies lists the terms of group g with Count ≥ minCount, sorted by
// count (descending) then term. TF-IDF uses the idf of the term over the
// documents of the whole corpus (t.CorpusDF, t.TotalDocs), by variant v.
// A group with no tokens gives an empty list.
func Frequencies(t *TermTable, g int, minCount int64, v IDFVariant) ([]TermFreq, error) {
	if g < 0 || g >= len(t.Groups) {
		return nil, fmt.Errorf("frequencies: group index %d out of range (%d groups)", g, len(t.Groups))
	}
	if !v.known() {
		return nil, fmt.Errorf("frequencies: unknown idf variant %q", v)
	}
	counts, dfs := t.Count[g], t.DocFreq[g]
	tokens := float64(t.Tokens[g])
	out := make([]TermFreq, 0, countAtLeast(counts, minCount))
	docFreq := sparseCursor{v: dfs}
	for i, id := range counts.IDs {
		c := counts.Counts[i]
		if c < minCount || c <= 0 {
			continue
		}
		docs := docFreq.get(id)
		tf := float64(c) / tokens
		out = append(out, TermFreq{
			Term:  t.Terms[id],
			ID:    id,
			Count: c,
			Per1k: 1000 * float64(c) / tokens,
			Docs:  docs,
			TF:    tf,
			TFIDF: tf * IDF(t.CorpusDF[id], int64(t.TotalDocs), v),
		})
	}
	slices.SortFunc(out, func(x, y TermFreq) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID) // ids follow term order
	})
	return out, nil
}

// countAtLeast counts the entries of s with a positive count ≥ least.
func countAtLeast(s SparseCounts, least int64) int {
	n := 0
	for _, c := range s.Counts {
		if c >= least && c > 0 {
			n++
		}
	}
	return n
}
