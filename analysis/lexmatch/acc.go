package lexmatch

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"parallax/analysis/internal/varbin"
	"parallax/analysis/resample"
)

// Acc accumulates DocRecords per group: each article's words and hits per
// key (by the key's position in Keys), sentence-level counts only while
// the group has at most resample.MinClusterUnits articles (beyond, the
// articles are resampled and sentences are not needed), and the
// ExplainMax passages of lowest (document, sentence) per group. The
// result does not depend on the order of Add and Merge: articles are
// sorted by load ordinal when finished. Make one with Collector.NewAcc.
type Acc struct {
	explainMax int
	groups     map[string]*lexGroup
}

type lexGroup struct {
	articles []lexArticle
	passages []Passage
	// many: the group has more than resample.MinClusterUnits articles, so
	// its sentences are not kept
	many bool
}

func (a *Acc) group(name string) *lexGroup {
	if a.groups == nil {
		a.groups = map[string]*lexGroup{}
	}
	g := a.groups[name]
	if g == nil {
		g = &lexGroup{}
		a.groups[name] = g
	}
	return g
}

// Add adds one document's record.
func (a *Acc) Add(rec *DocRecord) {
	g := a.group(rec.Group)
	art := rec.article
	if g.many {
		art.sentences = nil
	}
	g.articles = append(g.articles, art)
	g.passages = append(g.passages, rec.passages...)
	a.settle(g)
}

// Merge adds the records of o, which must come from the same collector.
func (a *Acc) Merge(o *Acc) error {
	if o.explainMax != a.explainMax {
		return fmt.Errorf("lexicon accumulators keep %d and %d passages per group: they come from different collectors", a.explainMax, o.explainMax)
	}
	for name, og := range o.groups {
		g := a.group(name)
		g.articles = append(g.articles, og.articles...)
		g.passages = append(g.passages, og.passages...)
		if g.many || og.many {
			g.dropSentences()
		}
		a.settle(g)
	}
	return nil
}

// settle drops sentence counts once a group has more than
// MinClusterUnits articles, and passages beyond the explainMax first.
func (a *Acc) settle(g *lexGroup) {
	if !g.many && len(g.articles) > resample.MinClusterUnits {
		g.dropSentences()
	}
	if len(g.passages) > 2*a.explainMax {
		g.passages = firstPassages(g.passages, a.explainMax)
	}
}

// dropSentences marks the group as having many articles and forgets their
// sentences.
func (g *lexGroup) dropSentences() {
	g.many = true
	for i := range g.articles {
		g.articles[i].sentences = nil
	}
}

// firstPassages sorts passages by document and sentence and keeps the
// first n.
func firstPassages(ps []Passage, n int) []Passage {
	slices.SortFunc(ps, func(x, y Passage) int {
		return cmp.Or(cmp.Compare(x.DocIndex, y.DocIndex), cmp.Compare(x.Sentence, y.Sentence))
	})
	return slices.Clip(ps[:min(n, len(ps))])
}

// Passages returns the kept passages, by group then input order.
func (a *Acc) Passages() []Passage {
	var out []Passage
	for _, name := range slices.Sorted(maps.Keys(a.groups)) {
		g := a.groups[name]
		g.passages = firstPassages(g.passages, a.explainMax)
		out = append(out, g.passages...)
	}
	return out
}

// accVersion is the first byte of an encoded Acc.
const accVersion = 1

// MarshalBinary encodes the accumulator: version, passages per group,
// then per group (sorted by name) its name, whether it has many
// articles, its articles (ordinal, words, counts, and sentences when the
// group is small) and its passages.
func (a *Acc) MarshalBinary() ([]byte, error) {
	b := []byte{accVersion}
	b = varbin.AppendUvarint(b, uint64(a.explainMax))
	b = varbin.AppendUvarint(b, uint64(len(a.groups)))
	for _, name := range slices.Sorted(maps.Keys(a.groups)) {
		g := a.groups[name]
		b = varbin.AppendString(b, name)
		many := uint64(0)
		if g.many {
			many = 1
		}
		b = varbin.AppendUvarint(b, many)
		b = varbin.AppendUvarint(b, uint64(len(g.articles)))
		for _, art := range g.articles {
			b = varbin.AppendUvarint(b, uint64(uint32(art.index)))
			b = varbin.AppendUvarint(b, uint64(art.words))
			b = appendCounts(b, art.counts, true)
			if !g.many {
				b = varbin.AppendUvarint(b, uint64(len(art.sentences)))
				for _, s := range art.sentences {
					b = varbin.AppendUvarint(b, uint64(s.words))
					b = appendCounts(b, s.counts, false)
				}
			}
		}
		b = varbin.AppendUvarint(b, uint64(len(g.passages)))
		for _, p := range g.passages {
			b = varbin.AppendString(b, p.DocID)
			b = varbin.AppendUvarint(b, uint64(p.DocIndex))
			b = varbin.AppendUvarint(b, uint64(p.Sentence))
			b = varbin.AppendString(b, p.Text)
			b = varbin.AppendString(b, p.Key)
		}
	}
	return b, nil
}

// appendCounts writes counts: their number, then per key the difference
// from the previous key, the hits and (withNegated) the negated hits.
func appendCounts(b []byte, counts []lexCount, withNegated bool) []byte {
	b = varbin.AppendUvarint(b, uint64(len(counts)))
	prev := uint32(0)
	for _, c := range counts {
		b = varbin.AppendUvarint(b, uint64(c.key-prev))
		prev = c.key
		b = varbin.AppendUvarint(b, uint64(c.hits))
		if withNegated {
			b = varbin.AppendUvarint(b, uint64(c.negated))
		}
	}
	return b
}

func readCounts(r *varbin.Reader, withNegated bool) []lexCount {
	n := r.Count()
	if n == 0 {
		return nil
	}
	counts := make([]lexCount, n)
	key := uint64(0)
	for i := range counts {
		d := r.Uvarint()
		if i > 0 && d == 0 {
			r.Fail("keys not in increasing order")
		}
		key += d
		if key > 1<<31 {
			r.Fail("key %d out of range", key)
		}
		counts[i] = lexCount{key: uint32(key), hits: int32(r.Int(1<<31 - 1))}
		if withNegated {
			counts[i].negated = int32(r.Int(1<<31 - 1))
		}
	}
	return counts
}

// UnmarshalBinary decodes what MarshalBinary wrote, replacing a's
// contents; it returns an error on truncated or corrupt data.
func (a *Acc) UnmarshalBinary(data []byte) error {
	r := varbin.NewReader(data, "lexicon accumulator")
	if v := r.Byte(); r.Err() == nil && v != accVersion {
		return fmt.Errorf("lexicon accumulator: format version %d, want %d (encoded by another version of parallax)", v, accVersion)
	}
	out := Acc{explainMax: r.Int(1 << 30), groups: map[string]*lexGroup{}}
	ng := r.Count()
	for range ng {
		name := r.String()
		if _, dup := out.groups[name]; dup {
			r.Fail("group %q twice", name)
		}
		g := out.group(name)
		g.many = r.Int(1) == 1
		na := r.Count()
		for range na {
			art := lexArticle{index: int32(r.Int(1<<31 - 1)), words: int64(r.Int(1<<62 - 1))}
			art.counts = readCounts(r, true)
			if !g.many {
				ns := r.Count()
				for range ns {
					s := lexSentence{words: int64(r.Int(1<<62 - 1))}
					s.counts = readCounts(r, false)
					art.sentences = append(art.sentences, s)
				}
			}
			g.articles = append(g.articles, art)
		}
		np := r.Count()
		for range np {
			p := Passage{Group: name, DocID: r.String(), DocIndex: r.Int(1<<31 - 1), Sentence: r.Int(1<<31 - 1), Text: r.String(), Key: r.String()}
			g.passages = append(g.passages, p)
		}
		if r.Err() != nil {
			break
		}
	}
	if err := r.Done(); err != nil {
		return err
	}
	*a = out
	return nil
}

// recordVersion is the first byte of an encoded DocRecord.
const recordVersion = 1

// AppendBinary appends the record's binary form: version, group, ordinal,
// words, key counts, sentences (words and counts each), passages.
func (r *DocRecord) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, recordVersion)
	b = varbin.AppendString(b, r.Group)
	b = varbin.AppendUvarint(b, uint64(uint32(r.Index)))
	b = varbin.AppendUvarint(b, uint64(r.article.words))
	b = appendCounts(b, r.article.counts, true)
	b = varbin.AppendUvarint(b, uint64(len(r.article.sentences)))
	for _, s := range r.article.sentences {
		b = varbin.AppendUvarint(b, uint64(s.words))
		b = appendCounts(b, s.counts, false)
	}
	b = varbin.AppendUvarint(b, uint64(len(r.passages)))
	for _, p := range r.passages {
		b = varbin.AppendString(b, p.DocID)
		b = varbin.AppendUvarint(b, uint64(p.Sentence))
		b = varbin.AppendString(b, p.Text)
		b = varbin.AppendString(b, p.Key)
	}
	return b, nil
}

// MarshalBinary returns AppendBinary(nil).
func (r *DocRecord) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// UnmarshalBinary decodes what AppendBinary wrote, replacing r; it returns
// an error on truncated or corrupt data.
func (r *DocRecord) UnmarshalBinary(data []byte) error {
	d := varbin.NewReader(data, "lexicon record")
	if v := d.Byte(); d.Err() == nil && v != recordVersion {
		return fmt.Errorf("lexicon record: format version %d, want %d (encoded by another version of parallax)", v, recordVersion)
	}
	out := DocRecord{Group: d.String(), Index: d.Int(1<<31 - 1)}
	out.article = lexArticle{index: int32(out.Index), words: int64(d.Int(1<<62 - 1))}
	out.article.counts = readCounts(d, true)
	for range d.Count() {
		s := lexSentence{words: int64(d.Int(1<<62 - 1))}
		s.counts = readCounts(d, false)
		out.article.sentences = append(out.article.sentences, s)
	}
	for range d.Count() {
		out.passages = append(out.passages, Passage{Group: out.Group, DocIndex: out.Index,
			DocID: d.String(), Sentence: d.Int(1<<31 - 1), Text: d.String(), Key: d.String()})
	}
	if err := d.Done(); err != nil {
		return err
	}
	*r = out
	return nil
}
