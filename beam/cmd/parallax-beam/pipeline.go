package main

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"

	"parallax"
	"parallax/analysis"
	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/events"
	"parallax/analysis/segment"
	"parallax/analysis/termstats"
)

// The pipeline (docs/cluster.md). Every input (a file, a folder, or each
// file a glob matches) is read whole by one worker with parallax's loader,
// which makes loading's decisions that depend on earlier documents (exact
// and near duplicates, shared ids, the Index, groups folded by case) as
// parallax does. With the repeated-line cleaning rule, inputs are read
// twice, as parallax reads a large corpus twice: no document text crosses
// a shuffle or is held beyond the one being processed.
//
//	inputs ─┬─ scan: each input's repeated-line statistics ─ Combine (sum) ─────────╮ side input
//	        └─ count: load, clean, segment, count: a terms record per document ──────┴─ CombinePerKey(group): Shard
//	                  └─ load report per input, removals per rule ─╮                      │
//	                    finish (one worker): merge the groups' Shards, Freeze, keyness or similarity, write

func init() {
	beam.RegisterType(reflect.TypeOf((*inputReport)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*scanFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*countFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*lineStatsFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*shardFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*finishFn)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf((*lineAcc)(nil)).Elem(), encodeLineAcc, decodeLineAcc)
	beam.RegisterCoder(reflect.TypeOf((*shardAcc)(nil)).Elem(), encodeShardAcc, decodeShardAcc)
	beam.RegisterType(reflect.TypeOf((*keysFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*docPos)(nil)).Elem())
	beam.RegisterFunction(metadataPath)
	beam.RegisterFunction(sumInt64)
	beam.RegisterFunction(statKV)
	beam.RegisterFunction(laterCopies)
	beam.RegisterFunction(toGroupBytes)
	beam.RegisterType(reflect.TypeOf((*groupBytes)(nil)).Elem())
}

// inputReport is what loading one input gave besides documents: the load
// report, the error that stopped it, and the digest of its documents.
type inputReport struct {
	Input  string
	Report []byte // corpus.LoadReport as JSON
	Err    string // the loader's error, "" when none
	Digest []byte // SHA-256 over group, id and text of each document, in order
	Hosts  []byte // termstats.Hosts of its documents as JSON, for self-mentions
}

// buildPipeline adds the command's pipeline to s.
func buildPipeline(s beam.Scope, j job, in input, runner string, repeated bool) {
	var paths beam.PCollection
	if in.Glob {
		paths = beam.ParDo(s, metadataPath, fileio.MatchFiles(s, in.Path, fileio.MatchEmptyDisallow()))
	} else {
		paths = beam.Create(s, in.Path)
	}
	// Exact duplicates in different files of a glob: every copy after the
	// first, in (file, record) order.
	dups := beam.CreateList(s, []docPos{})
	if in.Glob && !dedupOff(j) {
		dups = beam.ParDo(s, laterCopies, beam.GroupByKey(s, beam.ParDo(s, &keysFn{Job: j}, paths)))
	}
	lineStats := beam.CreateList(s, [][]byte{})
	if repeated {
		lineStats = beam.Combine(s, &lineStatsFn{}, beam.ParDo(s, &scanFn{Job: j, Sample: in.Sample}, paths, beam.SideInput{Input: dups}))
	}
	outs := beam.ParDoN(s, &countFn{Job: j, Sample: in.Sample}, paths,
		beam.SideInput{Input: lineStats}, beam.SideInput{Input: dups}, beam.SideInput{Input: paths})
	records, collRecords, removed, reports, feats, texts, parts := outs[0], outs[1], outs[2], outs[3], outs[4], outs[5], outs[6]
	shards := beam.CombinePerKey(s, &shardFn{}, records)
	accs := beam.CreateList(s, []groupBytes{})
	if hasCollectors(j.Cmd) {
		accs = beam.ParDo(s, toGroupBytes, beam.CombinePerKey(s, &collectFn{Job: j}, collRecords))
	}
	stories, linkStats := beam.CreateList(s, [][]byte{}), beam.CreateList(s, []statE{})
	if j.Cmd == "compare" {
		stories, linkStats = buildStories(s, j, feats, parts, texts)
	} else {
		linkStats = beam.ParDo(s, statKV, linkStats)
	}
	removedByRule := beam.CombinePerKey(s, sumInt64, removed)
	beam.ParDo0(s, &finishFn{Job: j, Source: in.Name, Runner: runner}, beam.Impulse(s),
		beam.SideInput{Input: shards}, beam.SideInput{Input: reports}, beam.SideInput{Input: removedByRule},
		beam.SideInput{Input: accs}, beam.SideInput{Input: stories}, beam.SideInput{Input: linkStats})
}

func sumInt64(a, b int64) int64 { return a + b }

// statKV makes a count a keyed element (no story linking: none).
func statKV(s statE) (string, int64) { return s.Name, s.N }

// groupBytes is one group's accumulator in its byte encoding, as the
// finishing step reads it.
type groupBytes struct {
	Group string
	Bytes []byte
}

func toGroupBytes(group string, b []byte) groupBytes { return groupBytes{group, b} }

func metadataPath(md fileio.FileMetadata) string { return md.Path }

// load reads one input with parallax's loader, the sample's or the file
// system's.
func load(sample, path string, opt corpus.LoadOptions, each func(*corpus.Document) error) (*corpus.LoadReport, error) {
	if sample != "" {
		return corpus.Load(parallax.Samples(), path, opt, each)
	}
	if isBucket(path) {
		b := newBucketFile(path)
		return corpus.LoadAs(b, b.base, path, opt, each)
	}
	return corpus.LoadPath(path, opt, each)
}

// jobOptions parses the job into the pipeline options, as parallax makes
// them from its flags.
func jobOptions(j job) (analysis.Options, error) {
	pj, err := j.parse()
	if err != nil {
		return analysis.Options{}, err
	}
	return pj.cf.options()
}

// dedupOff says whether --keep-duplicates was given.
func dedupOff(j job) bool {
	opt, err := jobOptions(j)
	return err == nil && opt.Load.KeepDuplicates
}

// docPos is where a document was read: its input and its position there.
// For a dropped copy, First is where its text was first read.
type docPos struct {
	Input, Origin, First string
	Index                int
}

// keysFn reads one input of a glob and keys each document by its text
// (corpus.TextKey), for the duplicates across inputs. A loading error is
// left to countFn, which reports it.
type keysFn struct{ Job job }

func (f *keysFn) ProcessElement(path string, emit func(uint64, docPos)) error {
	opt, err := jobOptions(f.Job)
	if err != nil {
		return err
	}
	load("", path, opt.Load, func(d *corpus.Document) error {
		emit(corpus.TextKey(d.Text), docPos{Input: path, Index: d.Index, Origin: d.Origin})
		return nil
	})
	return nil
}

// laterCopies emits every document holding the same text as an earlier
// one, earlier meaning in a file of smaller path, or earlier in the same
// file (which the loader has already dropped, so never here).
func laterCopies(_ uint64, copies func(*docPos) bool, emit func(docPos)) {
	var all []docPos
	var p docPos
	for copies(&p) {
		all = append(all, p)
	}
	if len(all) < 2 {
		return
	}
	sort.Slice(all, func(a, b int) bool {
		if all[a].Input != all[b].Input {
			return all[a].Input < all[b].Input
		}
		return all[a].Index < all[b].Index
	})
	for _, c := range all[1:] {
		c.First = all[0].Origin
		emit(c)
	}
}

// droppedSet reads the dropped copies of one input: index → where the text
// was first read.
func droppedSet(path string, dups func(*docPos) bool) map[int]string {
	m := map[int]string{}
	var p docPos
	for dups(&p) {
		if p.Input == path {
			m[p.Index] = p.First
		}
	}
	return m
}

// scanFn is the repeated-line rule's first pass over one input: how many
// documents of each group hold each line, in clean.LineStats' encoding. A
// loading error is left to countFn, which reports it.
type scanFn struct {
	Job    job
	Sample string // the sample's name when the input is an embedded sample
}

func (f *scanFn) ProcessElement(ctx context.Context, path string, dups func(*docPos) bool, emit func([]byte)) error {
	opt, err := jobOptions(f.Job)
	if err != nil {
		return err
	}
	dropped := droppedSet(path, dups)
	stats := clean.NewLineStats()
	load(f.Sample, path, opt.Load, func(d *corpus.Document) error {
		if _, ok := dropped[d.Index]; ok {
			return nil
		}
		stats.Add(d.Group, d.Text)
		return nil
	})
	b, err := stats.MarshalBinary()
	if err != nil {
		return err
	}
	lineBytesCounter.Inc(ctx, int64(len(b)))
	emit(b)
	return nil
}

// lineAcc accumulates the repeated-line rule's statistics; its coder is
// clean.LineStats' byte encoding.
type lineAcc struct{ S *clean.LineStats }

func encodeLineAcc(a lineAcc) ([]byte, error) { return a.S.MarshalBinary() }

func decodeLineAcc(b []byte) (lineAcc, error) {
	s := clean.NewLineStats()
	return lineAcc{s}, s.UnmarshalBinary(b)
}

// lineStatsFn sums the inputs' line statistics (a sum: any order, any
// split gives the same bytes).
type lineStatsFn struct{}

func (lineStatsFn) CreateAccumulator() lineAcc { return lineAcc{clean.NewLineStats()} }

func (lineStatsFn) AddInput(a lineAcc, b []byte) (lineAcc, error) {
	s := clean.NewLineStats()
	if err := s.UnmarshalBinary(b); err != nil {
		return a, err
	}
	a.S.Merge(s)
	return a, nil
}

func (lineStatsFn) MergeAccumulators(a, b lineAcc) lineAcc {
	a.S.Merge(b.S)
	return a
}

func (lineStatsFn) ExtractOutput(a lineAcc) ([]byte, error) { return a.S.MarshalBinary() }

// countFn reads one input with parallax's loader and cleans, segments and
// counts each document with parallax's code, emitting its terms record
// keyed by group: the record is a one-document Shard in its byte encoding
// (terms as strings), so it means the same on every worker. It also emits
// the lines each cleaning rule removed, and the input's load report. A
// loading error (a malformed record without --skip-bad, an unreadable
// file) is not a failed bundle a runner would retry: it is reported as
// data, and the finishing step stops the run with it, as parallax would.
type countFn struct {
	Job    job
	Sample string

	opt     analysis.Options
	ready   bool
	col     *collectors // the collectors beyond the terms
	cleaner *clean.Cleaner
	vocab   *termstats.Vocabulary
	tk      *segment.Tokenizer // interns token norms for the counter, renewed with vocab
	counter *termstats.Counter
	docs    int // documents counted with vocab
	sents   []segment.Span
	toks    []segment.Token
}

// vocabDocs is how many documents a countFn counts with one vocabulary
// before starting a fresh one: records carry their terms as strings, so
// ids never leave the worker, and the worker's memory stays bounded.
const vocabDocs = 20000

func (f *countFn) Setup() error {
	var err error
	if f.opt, err = jobOptions(f.Job); err != nil {
		return err
	}
	f.col, err = newCollectors(f.Job)
	return err
}

// Counters of what crosses the shuffles, for docs/cluster.md.
var (
	recordsCounter     = beam.NewCounter("parallax", "records")
	recordBytesCounter = beam.NewCounter("parallax", "record_bytes")
	lineBytesCounter   = beam.NewCounter("parallax", "line_stats_bytes")
	shardBytesCounter  = beam.NewCounter("parallax", "group_shard_bytes")
	groupsCounter      = beam.NewCounter("parallax", "groups")
)

// init builds the cleaner once, from the summed line statistics.
func (f *countFn) init(stats func(*[]byte) bool) error {
	f.ready = true
	if f.opt.NoClean {
		return nil
	}
	var merged *clean.LineStats
	if repeatedRule(f.opt) {
		merged = clean.NewLineStats()
		var b []byte
		for stats(&b) {
			if err := merged.UnmarshalBinary(b); err != nil {
				return err
			}
		}
	}
	var err error
	f.cleaner, err = clean.New(f.opt.Clean, merged)
	return err
}

func (f *countFn) ProcessElement(ctx context.Context, path string, stats func(*[]byte) bool, dups func(*docPos) bool, paths func(*string) bool,
	emit func(string, []byte), emitColl func(string, []byte), removed func(string, int64), report func(inputReport),
	emitFeat func(events.FeatRecord), emitText func(int, events.TextRecord), emitPart func(int, bucketPart)) error {
	if !f.ready {
		if err := f.init(stats); err != nil {
			return err
		}
	}
	dropped := droppedSet(path, dups)
	base := inputRank(path, paths) << 32 // ordinals: inputs in path order, then load order
	var skips []corpus.Skip
	fp := analysis.NewFingerprint()
	rules := map[string]int64{}
	hosts := termstats.Hosts{}
	rep, err := load(f.Sample, path, f.opt.Load, func(d *corpus.Document) error {
		if first, ok := dropped[d.Index]; ok {
			// The loader's words for a duplicate it finds itself.
			skips = append(skips, corpus.Skip{Origin: d.Origin, Reason: "duplicate: same text as " + first})
			return nil
		}
		fp.Add(d)
		hosts.Add(d.Group, d.URL)
		b, p, err := f.process(d, rules)
		if err != nil {
			return err
		}
		recordsCounter.Inc(ctx, 1)
		recordBytesCounter.Inc(ctx, int64(len(b)))
		emit(d.Group, b)
		if f.col.any() {
			// The ordinal every collector records: inputs in path order,
			// then load order.
			d.Index += base
			return f.col.mapDoc(ctx, p, emitColl, storyOut{emitFeat, emitText, emitPart})
		}
		return nil
	})
	for rule, n := range rules {
		removed(rule, n)
	}
	r := inputReport{Input: path, Digest: fp.Digest()}
	var herr error
	if r.Hosts, herr = json.Marshal(hosts); herr != nil {
		return herr
	}
	if err != nil {
		r.Err = err.Error()
	}
	if rep != nil {
		rep.Loaded -= len(skips)
		rep.Skipped = append(rep.Skipped, skips...)
		var jerr error
		if r.Report, jerr = json.Marshal(rep); jerr != nil {
			return jerr
		}
	}
	report(r)
	return nil
}

// inputRank is the place of path among the inputs, in path order.
func inputRank(path string, paths func(*string) bool) int {
	n := 0
	var p string
	for paths(&p) {
		if p < path {
			n++
		}
	}
	return n
}

// process cleans and counts one document into its terms record's bytes,
// adding the lines cleaning removed to rules; it returns the processed
// document too, for the other collectors' Map.
func (f *countFn) process(d *corpus.Document, rules map[string]int64) ([]byte, *segment.Processed, error) {
	if f.counter == nil || f.docs == vocabDocs {
		f.vocab = termstats.NewVocabulary()
		f.tk = segment.NewTokenizer(segment.NewNorms())
		f.counter = termstats.NewCounter(f.opt.Terms, f.vocab, termstats.NewShardIn(f.vocab), f.tk)
		f.docs = 0
	}
	f.docs++
	text := d.Text
	var rs []clean.Removal
	if f.cleaner != nil {
		text, rs = f.cleaner.Clean(d)
		for _, r := range rs {
			rules[r.Rule]++
		}
	}
	one := termstats.NewShardIn(f.vocab)
	one.Add(f.record(d, text, rs))
	b, err := one.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	return b, &segment.Processed{Doc: d, Text: text, Sentences: f.sents, Removed: rs}, nil
}

// record is the terms record of one document of cleaned text, made as
// parallax's pipeline makes it (analysis.Run's processor).
func (f *countFn) record(d *corpus.Document, text string, rs []clean.Removal) *termstats.DocTerms {
	f.sents = segment.Sentences(text, f.sents[:0])
	r := &termstats.DocTerms{Group: d.Group, Date: d.Date, Sentences: int64(len(f.sents))}
	f.counter.Document(d.Group, d.Date, len(f.sents))
	analysis.CreditLines(f.counter, rs)
	for _, s := range f.sents {
		f.toks = f.tk.Tokenize(text[s.Start:s.End], f.toks[:0])
		r.Words += int64(len(f.toks) - segment.CountNonWords(f.toks))
		f.counter.Sentence(text[s.Start:s.End], f.toks)
	}
	r.Terms = f.counter.DocumentVector()
	r.Staff = f.counter.DocumentStaff()
	f.counter.EndDocument()
	if cap(f.toks) > segment.MaxKeptTokens {
		f.toks = nil
	}
	return r
}

// shardAcc is a group's term statistics being combined; its coder is the
// Shard's byte encoding.
type shardAcc struct{ S *termstats.Shard }

func encodeShardAcc(a shardAcc) ([]byte, error) { return a.S.MarshalBinary() }

func decodeShardAcc(b []byte) (shardAcc, error) {
	s := termstats.NewShard()
	return shardAcc{s}, s.UnmarshalBinary(b)
}

// shardFn combines terms records into a Shard per group.
type shardFn struct{}

func (shardFn) CreateAccumulator() shardAcc { return shardAcc{termstats.NewShard()} }

func (shardFn) AddInput(a shardAcc, rec []byte) (shardAcc, error) {
	one := termstats.NewShard()
	if err := one.UnmarshalBinary(rec); err != nil {
		return a, err
	}
	a.S.Merge(one)
	return a, nil
}

func (shardFn) MergeAccumulators(a, b shardAcc) shardAcc {
	a.S.Merge(b.S)
	return a
}

func (shardFn) ExtractOutput(a shardAcc) ([]byte, error) { return a.S.MarshalBinary() }

// sortedReports returns the input reports in input order (by path).
func sortedReports(reps func(*inputReport) bool) []inputReport {
	var all []inputReport
	var r inputReport
	for reps(&r) {
		all = append(all, r)
	}
	sort.Slice(all, func(a, b int) bool { return all[a].Input < all[b].Input })
	return all
}
