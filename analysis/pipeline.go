package analysis

import (
	"runtime"
	"sort"
	"sync"

	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/segment"
	"parallax/analysis/termstats"
)

// Options configure a pipeline run.
type Options struct {
	Load    corpus.LoadOptions
	Clean   clean.Options
	NoClean bool // skip cleaning entirely
	Terms   termstats.TermOptions
	Workers int // parallel workers; 0 means GOMAXPROCS
	// DocVectors keeps each document's sparse term counts (for document
	// similarity); memory grows with the corpus, so it is off by default.
	DocVectors bool
	// KeepSelfMentions keeps each group's self-mentions (its name, initials,
	// web domain and brand forms) in the term statistics; by default they
	// are masked at finish time (termstats.SelfMentions).
	KeepSelfMentions bool
	// Visit, when set, is called once for every processed document, from
	// several goroutines at once; it must be safe for concurrent use.
	Visit func(p *segment.Processed)
	// Stratum, when set, names each document's stratum (ParseBy): the
	// document is then counted, and visited, under the key of its (group,
	// stratum) cell (termstats.CellKey), once cleaning is done.
	Stratum func(*corpus.Document) string
	// Progress, when set, counts documents and input bytes as they are read,
	// for a progress display (see Progress); it does not change the result.
	Progress *Progress
}

// Result is everything one pass over the corpus produces.
type Result struct {
	Source   string
	Load     *corpus.LoadReport
	Table    *termstats.TermTable
	Groups   []termstats.GroupSummary // same order as Table.Groups
	Docs     *termstats.DocVectors    // nil unless Options.DocVectors
	Cleaning clean.Summary
	// Masked lists each group's self-mentions kept out of Table (none with
	// Options.KeepSelfMentions).
	Masked []termstats.MaskedTerms
	// Hosts counts the documents per group (or group × stratum cell) and
	// URL host: what self-mentions learn a group's web domains from.
	Hosts       termstats.Hosts
	Fingerprint string // SHA-256 over group, id and text of every loaded document, in order
}

// Run reads the corpus once (twice when the repeated-line cleaning rule needs
// its first pass), processes documents in parallel and returns the frozen
// aggregates. The result does not depend on the number of workers.
func Run(src corpus.Source, opt Options) (*Result, error) {
	if err := opt.Terms.Validate(); err != nil {
		return nil, err
	}
	res := &Result{Source: src.Name, Cleaning: clean.Summary{ByRule: map[string]int64{}}}
	prog := opt.Progress
	repeated := !opt.NoClean && src.Rereadable() && !disabled(opt.Clean.Disable, "repeated-line")
	// The rule counts lines in a first pass of its own.
	pass := int32(1)
	if repeated {
		pass = 2
	}
	if prog != nil {
		prog.Passes.Store(pass)
	}
	var cleaner *clean.Cleaner
	var kept *keptCorpus // the first pass's documents, when they fit the budget
	if !opt.NoClean {
		var stats *clean.LineStats
		if repeated {
			// The second pass takes the texts' duplicate hashes from the
			// first when it reads the corpus again.
			if opt.Load.Hashes == nil && !opt.Load.KeepDuplicates {
				opt.Load.Hashes = corpus.NewHashMemo()
			}
			var err error
			if stats, kept, err = lineStatsPass(src, opt); err != nil {
				return nil, err
			}
			if kept != nil {
				opt.Load.Hashes = nil // not read again
			} else if opt.Load.Hashes != nil {
				opt.Load.Hashes.Seal()
			}
		}
		res.Cleaning.RepeatedRule = repeated
		var err error
		if cleaner, err = clean.New(opt.Clean, stats); err != nil {
			return nil, err
		}
		res.Cleaning.Enabled = true
	}

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	vocab := termstats.NewVocabulary()
	norms := segment.NewNorms()
	docs := make(chan *corpus.Document, 4*workers)
	outs := make([]*workerOut, workers)
	var wg sync.WaitGroup
	for i := range outs {
		outs[i] = &workerOut{shard: termstats.NewShard(), removed: map[string]int64{}, hosts: termstats.Hosts{}}
		wg.Add(1)
		go func(w *workerOut) {
			defer wg.Done()
			p := newProcessor(opt, cleaner, vocab, norms, w)
			for d := range docs {
				p.process(d)
			}
			p.counter.Flush()
		}(outs[i])
	}

	fp := NewFingerprint()
	emit := func(d *corpus.Document) error {
		fp.Add(d)
		prog.doc()
		docs <- d
		return nil
	}
	var rep *corpus.LoadReport
	var err error
	if kept != nil {
		prog.begin(pass, int64(len(kept.docs)))
		// The first pass kept every document: no second read. Each is
		// released once handed on, so processed texts can be collected.
		for i, d := range kept.docs {
			kept.docs[i] = nil
			emit(d)
		}
		rep = kept.report
	} else {
		prog.begin(pass, 0)
		rep, err = src.Load(opt.Load, emit, prog.bytes())
	}
	close(docs)
	wg.Wait()
	if prog != nil {
		prog.Done.Store(true)
	}
	if err != nil {
		return nil, err
	}
	res.Load = rep
	res.Fingerprint = fp.String()

	all := outs[0]
	for _, o := range outs[1:] {
		all.shard.Merge(o.shard)
		for r, n := range o.removed {
			all.removed[r] += n
		}
		all.vecs = append(all.vecs, o.vecs...)
		all.hosts.Merge(o.hosts)
	}
	for r, n := range all.removed {
		res.Cleaning.ByRule[r] = n
		res.Cleaning.Removed += n
	}
	var remap []int32
	res.Table, res.Groups, remap = termstats.Freeze(all.shard, vocab)
	if opt.DocVectors {
		res.Docs = buildDocVectors(all.vecs, remap)
	}
	res.Hosts = all.hosts
	if !opt.KeepSelfMentions && opt.Stratum == nil {
		// Finish-time: self-mentions are decided from corpus-wide document
		// frequencies, which only the merged accumulators hold. With a
		// stratum the groups are cells: termstats.MaskStrata decides on the
		// groups instead, after the run.
		mask := termstats.SelfMentions(res.Table, all.hosts, opt.Terms.Stem)
		res.Masked = termstats.MaskSelfMentions(res.Table, res.Groups, res.Docs, mask)
	}
	return res, nil
}

// KeepBudget is how many bytes of document text the first pass (for the
// repeated-line cleaning rule) may keep in memory so that the corpus is not
// read twice. A larger corpus is read again instead: memory stays bounded
// whatever the corpus size.
const KeepBudget = 128 << 20

// keptCorpus is what the first pass kept: every document and the load report.
type keptCorpus struct {
	docs   []*corpus.Document
	report *corpus.LoadReport
}

// lineStatsPass is the first pass the repeated-line rule needs: per group,
// how many documents hold each line. Workers fill their own LineStats, merged
// at the end (a sum, so the order does not matter). When the corpus text fits
// KeepBudget the documents are returned too, so the second pass need not
// read the corpus again.
func lineStatsPass(src corpus.Source, opt Options) (*clean.LineStats, *keptCorpus, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	docs := make(chan *corpus.Document, 4*workers)
	shards := make([]*clean.LineStats, workers)
	var wg sync.WaitGroup
	for i := range shards {
		shards[i] = clean.NewLineStats()
		wg.Add(1)
		go func(s *clean.LineStats) {
			defer wg.Done()
			for d := range docs {
				s.Add(d.Group, d.Text)
			}
		}(shards[i])
	}
	kept := &keptCorpus{}
	var keptBytes int
	opt.Progress.begin(1, 0)
	rep, err := src.Load(opt.Load, func(d *corpus.Document) error {
		opt.Progress.doc()
		if kept != nil {
			keptBytes += len(d.Text)
			if keptBytes > KeepBudget {
				kept = nil // too large: the second pass reads again
			} else {
				kept.docs = append(kept.docs, d)
			}
		}
		docs <- d
		return nil
	}, opt.Progress.bytes())
	close(docs)
	wg.Wait()
	if err != nil {
		return nil, nil, err
	}
	for _, s := range shards[1:] {
		shards[0].Merge(s)
	}
	if kept != nil {
		kept.report = rep
	}
	return shards[0], kept, nil
}

func disabled(list []string, rule string) bool {
	for _, r := range list {
		if r == rule {
			return true
		}
	}
	return false
}

// workerOut is what one worker accumulates; merged after all workers end.
type workerOut struct {
	shard   *termstats.Shard
	removed map[string]int64
	vecs    []docVec
	hosts   termstats.Hosts // documents per group and URL host, for self-mentions
}

type docVec struct {
	index     int
	id, group string
	vec       termstats.SparseCounts // old (first-seen) term ids until buildDocVectors
}

// processor is one worker's state: reusable buffers, and a term counter
// whose caches sit in front of the shared vocabulary.
type processor struct {
	opt     Options
	cleaner *clean.Cleaner
	out     *workerOut
	counter *termstats.Counter
	tok     *segment.Tokenizer // gives each token its Norm's id, shared by the workers
	sents   []segment.Span
	toks    []segment.Token // the document's tokens, sentence by sentence
	sentTok []int32         // where each sentence's tokens start in toks, and the end
}

func newProcessor(opt Options, c *clean.Cleaner, v *termstats.Vocabulary, n *segment.Norms, out *workerOut) *processor {
	tok := segment.NewTokenizer(n)
	return &processor{opt: opt, cleaner: c, out: out, tok: tok, counter: termstats.NewCounter(opt.Terms, v, out.shard, tok)}
}

func (p *processor) process(d *corpus.Document) {
	text := d.Text
	var removed []clean.Removal
	if p.cleaner != nil {
		text, removed = p.cleaner.Clean(d)
		for _, r := range removed {
			p.out.removed[r.Rule]++
		}
	}
	if p.opt.Stratum != nil {
		d.Group = termstats.CellKey(d.Group, p.opt.Stratum(d))
	}
	p.sents = segment.Sentences(text, p.sents[:0])
	p.counter.Document(d.Group, d.Date, len(p.sents))
	CreditLines(p.counter, removed)
	p.out.hosts.Add(d.Group, d.URL)
	// With a Visit the document's tokens are kept for it (SentenceTokens);
	// without, one sentence's at a time.
	keep := p.opt.Visit != nil
	p.toks, p.sentTok = p.toks[:0], append(p.sentTok[:0], 0)
	for _, s := range p.sents {
		if !keep {
			p.toks = p.toks[:0]
		}
		from := len(p.toks)
		p.toks = p.tok.Tokenize(text[s.Start:s.End], p.toks)
		p.counter.Sentence(text[s.Start:s.End], p.toks[from:])
		p.sentTok = append(p.sentTok, int32(len(p.toks)))
	}
	if p.opt.DocVectors {
		p.out.vecs = append(p.out.vecs, docVec{index: d.Index, id: d.ID, group: d.Group, vec: p.counter.DocumentVector()})
	}
	p.counter.EndDocument()
	if keep {
		pr := &segment.Processed{Doc: d, Text: text, Sentences: p.sents, Removed: removed, Norms: p.tok.Norms()}
		pr.SetTokens(p.toks, p.sentTok)
		p.opt.Visit(pr)
	}
	if cap(p.toks) > segment.MaxKeptTokens {
		p.toks, p.sentTok = nil, nil // one huge document: not held for the next
	}
}

// buildDocVectors orders document vectors by input position and renumbers
// their term ids to the frozen (alphabetical) ids. The vectors are renumbered
// and sorted in place, and vecs is cleared as it goes: the vectors are not
// held twice (docs/performance.md, "Memory").
func buildDocVectors(vecs []docVec, remap []int32) *termstats.DocVectors {
	sort.Slice(vecs, func(a, b int) bool { return vecs[a].index < vecs[b].index })
	dv := &termstats.DocVectors{
		IDs:     make([]string, len(vecs)),
		Groups:  make([]string, len(vecs)),
		Vecs:    make([]termstats.SparseCounts, len(vecs)),
		Indexes: make([]int, len(vecs)),
	}
	for i := range vecs {
		v := &vecs[i]
		for k, id := range v.vec.IDs {
			v.vec.IDs[k] = remap[id]
		}
		sort.Sort(byTermID(v.vec))
		dv.IDs[i], dv.Groups[i], dv.Vecs[i], dv.Indexes[i] = v.id, v.group, v.vec, v.index
		*v = docVec{}
	}
	return dv
}

// byTermID sorts a vector's (id, count) pairs by id.
type byTermID termstats.SparseCounts

func (s byTermID) Len() int           { return len(s.IDs) }
func (s byTermID) Less(a, b int) bool { return s.IDs[a] < s.IDs[b] }
func (s byTermID) Swap(a, b int) {
	s.IDs[a], s.IDs[b] = s.IDs[b], s.IDs[a]
	s.Counts[a], s.Counts[b] = s.Counts[b], s.Counts[a]
}

// CreditLines gives the counter the lines cleaning removed as bylines and
// staff lines: their names are evidence of the group's staff
// (termstats.Counter.Credit).
func CreditLines(c *termstats.Counter, removed []clean.Removal) {
	for _, r := range removed {
		if r.Rule == "byline" || r.Rule == "staff" {
			c.Credit(r.Text)
		}
	}
}
