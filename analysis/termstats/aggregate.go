package termstats

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"parallax/analysis/segment"
)

// unsafeString views b as a string without copying. The result must not be
// kept after b changes; vocabulary inserts copy it.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Vocabulary interns terms: each distinct term string is stored once and
// given a dense id. Ids are assigned in first-seen order, which depends on
// scheduling; Freeze renumbers them alphabetically so no output depends on it.
type Vocabulary struct {
	mu    sync.RWMutex
	ids   map[string]int32
	terms []string
}

// NewVocabulary returns an empty Vocabulary.
func NewVocabulary() *Vocabulary { return &Vocabulary{ids: map[string]int32{}} }

// intern returns the id of term and the vocabulary's own copy of it,
// inserting a copy if the term is new. The copy is safe to keep; term may
// point into a document or a reused buffer.
func (v *Vocabulary) intern(term string) (int32, string) {
	v.mu.RLock()
	id, ok := v.ids[term]
	var canonical string
	if ok {
		canonical = v.terms[id]
	}
	v.mu.RUnlock()
	if ok {
		return id, canonical
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if id, ok := v.ids[term]; ok {
		return id, v.terms[id]
	}
	term = strings.Clone(term)
	id = int32(len(v.terms))
	v.ids[term] = id
	v.terms = append(v.terms, term)
	return id, term
}

// termCount is one term's sums within a group.
type termCount struct{ count, docs int64 }

// groupAcc is the mergeable aggregate of one group: sums only, so shards can
// be combined in any order with identical results.
type groupAcc struct {
	docs      int
	sentences int64
	words     int64 // word and number tokens, before stop words
	undated   int   // documents without a date
	terms     map[int32]termCount
	minDate   string
	maxDate   string
	staff     map[string]int64 // staff-name evidence: documents per term (staff.go)
}

func newGroupAcc() *groupAcc { return &groupAcc{terms: map[int32]termCount{}} }

func (g *groupAcc) merge(o *groupAcc) {
	g.docs += o.docs
	g.sentences += o.sentences
	g.words += o.words
	g.undated += o.undated
	for id, c := range o.terms {
		t := g.terms[id]
		t.count += c.count
		t.docs += c.docs
		g.terms[id] = t
	}
	g.addDate(o.minDate)
	g.addDate(o.maxDate)
	for w, n := range o.staff {
		if g.staff == nil {
			g.staff = map[string]int64{}
		}
		g.staff[w] += n
	}
}

// addDate widens the group's date range. Dates compare as strings, which is
// chronological for ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD…); other forms still
// give a deterministic, if not chronological, range.
func (g *groupAcc) addDate(d string) {
	if d == "" {
		return
	}
	if g.minDate == "" || d < g.minDate {
		g.minDate = d
	}
	if g.maxDate == "" || d > g.maxDate {
		g.maxDate = d
	}
}

// Shard is one worker's private aggregate over the documents it processed.
type Shard struct {
	vocab  *Vocabulary // what its term ids index; set by NewShardIn or NewCounter
	groups map[string]*groupAcc
}

// NewShard returns an empty Shard.
func NewShard() *Shard { return &Shard{groups: map[string]*groupAcc{}} }

func (s *Shard) group(name string) *groupAcc {
	g, ok := s.groups[name]
	if !ok {
		g = newGroupAcc()
		s.groups[name] = g
	}
	return g
}

// Merge adds o to s: sums, so shards merge in any order with one result.
// When the two count in different vocabularies, o's terms are moved into
// s's by their strings.
func (s *Shard) Merge(o *Shard) {
	for name, g := range s.translate(o) {
		s.group(name).merge(g)
	}
}

// GroupSummary describes one group of the corpus after processing.
type GroupSummary struct {
	Group     string
	Docs      int
	Sentences int64
	Words     int64 // word and number tokens before stop words
	Terms     int64 // counted terms (the rate denominator)
	Types     int   // distinct counted terms
	Undated   int   // documents without a date
	MinDate   string
	MaxDate   string
}

// Freeze turns the merged shard and vocabulary into a TermTable with groups
// sorted by name and terms alphabetically, plus the per-group summaries.
// remap (old id → new id) is returned for document vectors.
func Freeze(s *Shard, v *Vocabulary) (*TermTable, []GroupSummary, []int32) {
	// Only terms that were counted somewhere get a place.
	used := make([]bool, len(v.terms))
	for _, g := range s.groups {
		for id := range g.terms {
			used[id] = true
		}
	}
	order := make([]int32, 0, len(v.terms))
	for id, u := range used {
		if u {
			order = append(order, int32(id))
		}
	}
	// Terms are distinct, ids within a group too: both orders are total.
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(v.terms[a], v.terms[b]) })
	remap := make([]int32, len(v.terms))
	for i := range remap {
		remap[i] = -1
	}
	t := &TermTable{Terms: make([]string, len(order))}
	for newID, old := range order {
		remap[old] = int32(newID)
		t.Terms[newID] = v.terms[old]
	}
	t.CorpusCount = make([]int64, len(order))
	t.CorpusDF = make([]int64, len(order))

	for name := range s.groups {
		t.Groups = append(t.Groups, name)
	}
	sort.Strings(t.Groups)
	summaries := make([]GroupSummary, len(t.Groups))
	type entry struct {
		id int32
		termCount
	}
	for gi, name := range t.Groups {
		g := s.groups[name]
		entries := make([]entry, 0, len(g.terms))
		for id, c := range g.terms {
			entries = append(entries, entry{remap[id], c})
		}
		slices.SortFunc(entries, func(a, b entry) int { return cmp.Compare(a.id, b.id) })
		var cnt, df SparseCounts
		cnt.IDs = make([]int32, len(entries))
		cnt.Counts = make([]int64, len(entries))
		df.IDs = make([]int32, len(entries))
		df.Counts = make([]int64, len(entries))
		var tokens int64
		for i, e := range entries {
			cnt.IDs[i], cnt.Counts[i] = e.id, e.count
			df.IDs[i], df.Counts[i] = e.id, e.docs
			tokens += e.count
			t.CorpusCount[e.id] += e.count
			t.CorpusDF[e.id] += e.docs
		}
		t.Count = append(t.Count, cnt)
		t.DocFreq = append(t.DocFreq, df)
		t.Tokens = append(t.Tokens, tokens)
		t.Docs = append(t.Docs, g.docs)
		t.Staff = append(t.Staff, maps.Clone(g.staff))
		t.TotalDocs += g.docs
		t.TotalTokens += tokens
		summaries[gi] = GroupSummary{
			Group: name, Docs: g.docs, Sentences: g.sentences, Words: g.words,
			Terms: tokens, Types: len(entries), Undated: g.undated, MinDate: g.minDate, MaxDate: g.maxDate,
		}
	}
	return t, summaries, remap
}

// Counter counts one worker's documents into its Shard: per group the
// documents, dates, sentences and words, and per term its count and
// document frequency, through an annotator whose caches sit in front of
// the shared vocabulary. A document is Document, then Sentence for each
// of its sentences, then EndDocument; after the last, Flush. A Counter is
// used by one goroutine.
type Counter struct {
	ann     *annotator
	shard   *Shard
	g       *groupAcc // the current document's group
	row     *denseRow // its dense row, or nil
	groups  map[*groupAcc]*groupState
	rows    []*denseRow
	dense   denseLimits
	scratch []int32 // per-document count by term id
	touched []int32 // ids with scratch > 0
	n       uint64  // Σ scratch: the document's counted terms
	staff   staffScan
}

// NewCounter returns a Counter adding to s, interning terms in v. tk must
// not be nil: tokens from tk.Tokenize carry their Norm's id, and tokens
// without one (segment.Tokenize) are looked up through tk.
func NewCounter(opt TermOptions, v *Vocabulary, s *Shard, tk *segment.Tokenizer) *Counter {
	if s.vocab == nil {
		s.vocab = v
	}
	return &Counter{ann: newAnnotator(opt, v, tk), shard: s, dense: defaultDense}
}

// Document starts a document of group, dated date ("" when undated), with
// the given number of sentences.
func (c *Counter) Document(group, date string, sentences int) {
	g := c.shard.group(group)
	g.docs++
	if date == "" {
		g.undated++
	}
	g.addDate(date)
	g.sentences += int64(sentences)
	c.g = g
	c.row = c.state(g).row
	c.staff.begin(group)
}

// Sentence counts the words and terms of one sentence: text and its tokens.
func (c *Counter) Sentence(text string, toks []segment.Token) {
	c.g.words += int64(len(toks) - segment.CountNonWords(toks))
	c.ann.sentence(text, toks, c.count)
	c.staff.sentence(text, toks, c.ann)
}

// Credit adds a line cleaning removed from the current document as a
// byline or a staff line: the names and handles it holds are evidence of
// the group's staff (staff.go).
func (c *Counter) Credit(line string) { c.staff.credit(line, c.ann) }

// DocumentStaff returns the current document's staff-name evidence, each
// term once, sorted: DocTerms.Staff.
func (c *Counter) DocumentStaff() []string { return slices.Clone(c.staff.end()) }

// count adds one occurrence of term id to the current document.
func (c *Counter) count(id int32) {
	if int(id) >= len(c.scratch) {
		grown := make([]int32, max(int(id)+1, 2*len(c.scratch)))
		copy(grown, c.scratch)
		c.scratch = grown
	}
	if c.scratch[id] == 0 {
		c.touched = append(c.touched, id)
	}
	c.scratch[id]++
	c.n++
}

// DocumentVector returns the current document's term counts by (first-seen)
// term id, ids ascending; Freeze's remap renumbers them.
func (c *Counter) DocumentVector() SparseCounts {
	ids := append([]int32(nil), c.touched...)
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	counts := make([]int64, len(ids))
	for i, id := range ids {
		counts[i] = int64(c.scratch[id])
	}
	return SparseCounts{IDs: ids, Counts: counts}
}

// EndDocument adds the current document's terms to its group: to the
// group's dense row for the ids it covers, to the group's map otherwise.
func (c *Counter) EndDocument() {
	row := c.row
	if row != nil && !row.fits(c.n) {
		row = nil
	}
	for _, id := range c.touched {
		n := c.scratch[id]
		c.scratch[id] = 0
		if row != nil && int(id) < len(row.cells) {
			e := &row.cells[id]
			e.count += uint32(n)
			e.docs++
			continue
		}
		t := c.g.terms[id]
		t.count += int64(n)
		t.docs++
		c.g.terms[id] = t
	}
	if row != nil {
		row.total += c.n
	}
	c.touched = c.touched[:0]
	c.n = 0
	c.g.addStaff(c.staff.end())
	c.staff.words = c.staff.words[:0]
}

// Flush adds what the Counter holds back (its dense rows) to the Shard. It
// must be called after the last document, before the Shard is merged or
// frozen; counting may go on after it.
func (c *Counter) Flush() {
	for _, r := range c.rows {
		r.flush()
	}
}
