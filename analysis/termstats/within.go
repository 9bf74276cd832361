package termstats

import "sort"

// PooledTable is the term table of the documents keep admits (by
// corpus.Document.Index, from dv.Indexes), each group's counts and
// document frequencies summed over them: for `terms --within stories`,
// the documents of the stories the events stage finds, pooled over
// stories. Groups with no admitted document and terms no admitted
// document holds are left out; term ids are renumbered, alphabetical as
// in t.
func PooledTable(t *TermTable, dv *DocVectors, keep map[int]bool) *TermTable {
	type acc struct {
		count, df map[int32]int64
		docs      int
	}
	groups := map[string]*acc{}
	for i, v := range dv.Vecs {
		if i >= len(dv.Indexes) || !keep[dv.Indexes[i]] {
			continue
		}
		g := groups[dv.Groups[i]]
		if g == nil {
			g = &acc{count: map[int32]int64{}, df: map[int32]int64{}}
			groups[dv.Groups[i]] = g
		}
		g.docs++
		for k, id := range v.IDs {
			g.count[id] += v.Counts[k]
			g.df[id]++
		}
	}
	out := &TermTable{Terms: append([]string(nil), t.Terms...)}
	out.CorpusCount = make([]int64, len(t.Terms))
	out.CorpusDF = make([]int64, len(t.Terms))
	for name := range groups {
		out.Groups = append(out.Groups, name)
	}
	sort.Strings(out.Groups)
	for _, name := range out.Groups {
		g := groups[name]
		ids := make([]int32, 0, len(g.count))
		for id := range g.count {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
		var c, d SparseCounts
		var tokens int64
		for _, id := range ids {
			c.IDs, c.Counts = append(c.IDs, id), append(c.Counts, g.count[id])
			d.IDs, d.Counts = append(d.IDs, id), append(d.Counts, g.df[id])
			tokens += g.count[id]
			out.CorpusCount[id] += g.count[id]
			out.CorpusDF[id] += g.df[id]
		}
		out.Count = append(out.Count, c)
		out.DocFreq = append(out.DocFreq, d)
		out.Tokens = append(out.Tokens, tokens)
		out.Docs = append(out.Docs, g.docs)
		out.TotalDocs += g.docs
		out.TotalTokens += tokens
	}
	compactTerms(out, nil)
	return out
}
