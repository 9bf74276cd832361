package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"hash"
	"reflect"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"

	"parallax"
	"parallax/analysis"
	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/segment"
	"parallax/analysis/termstats"
)

// The pipeline (docs/cluster.md):
//
//	inputs ─ load (parallax's loader, one input per element) ─┬─ docs ─┬─ line statistics per group (CombinePerKey) ─╮ side input
//	                                                          │        └─ clean, segment, count: a terms record per document
//	                                                          │             └─ Shard per group (CombinePerKey) ─╮
//	                                                          └─ load report per input ──────────────────────────┤ side inputs
//	                                                                                removals per rule (Sum) ────┤
//	                                                   finish (one worker): merge, Freeze, keyness or similarity, write
//
// Loading's decisions that depend on every earlier document (exact and
// near duplicates, shared ids, the dense Index, groups folded by case)
// are made by parallax's loader within one input; an input is read whole
// by one worker. Across inputs of a glob, see docs/cluster.md.

func init() {
	beam.RegisterType(reflect.TypeOf((*docRow)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*inputReport)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*loadFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*mapFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*lineStatsFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*shardFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*finishFn)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf((*lineAcc)(nil)).Elem(), encodeLineAcc, decodeLineAcc)
	beam.RegisterCoder(reflect.TypeOf((*shardAcc)(nil)).Elem(), encodeShardAcc, decodeShardAcc)
	beam.RegisterFunction(metadataPath)
	beam.RegisterFunction(keyByGroup)
}

// docRow is one loaded document crossing from the loader to the stages
// that use it: its input and position there, and the fields cleaning and
// counting read.
type docRow struct {
	Input                    string // the input (file or folder) it was read from
	Index                    int    // its position in that input, as the loader numbered it
	Group, ID, Date          string
	Title, URL, Text, Origin string
}

func (d *docRow) document() *corpus.Document {
	return &corpus.Document{Index: d.Index, ID: d.ID, Group: d.Group, Date: d.Date, Title: d.Title, URL: d.URL, Text: d.Text, Origin: d.Origin}
}

// inputReport is what loading one input gave besides documents: the load
// report, the error that stopped it, and the digest of its documents.
type inputReport struct {
	Input  string
	Report []byte // corpus.LoadReport as JSON
	Err    string // the loader's error, "" when none
	Digest []byte // SHA-256 state summed over group, id and text of each document, in order
}

// buildPipeline adds the command's pipeline to s.
func buildPipeline(s beam.Scope, j job, in input, runner string) error {
	var paths beam.PCollection
	if in.Glob {
		paths = beam.ParDo(s, metadataPath, fileio.MatchFiles(s, in.Path, fileio.MatchEmptyDisallow()))
	} else {
		paths = beam.Create(s, in.Path)
	}
	docs, reports := beam.ParDo2(s, &loadFn{Job: j, Sample: in.Sample}, paths)
	byGroup := beam.ParDo(s, keyByGroup, docs)
	lineStats := beam.CombinePerKey(s, &lineStatsFn{}, byGroup)
	records, removed := beam.ParDo2(s, &mapFn{Job: j}, docs, beam.SideInput{Input: lineStats})
	shards := beam.CombinePerKey(s, &shardFn{}, records)
	removedByRule := beam.CombinePerKey(s, sumInt64, removed)
	beam.ParDo0(s, &finishFn{Job: j, Source: in.Name, Runner: runner}, beam.Impulse(s),
		beam.SideInput{Input: shards}, beam.SideInput{Input: reports}, beam.SideInput{Input: removedByRule})
	return nil
}

func sumInt64(a, b int64) int64 { return a + b }

func init() { beam.RegisterFunction(sumInt64) }

func metadataPath(md fileio.FileMetadata) string { return md.Path }

func keyByGroup(d docRow) (string, docRow) { return d.Group, d }

// loadFn reads one input with parallax's loader. A loading error (a
// malformed record without --skip-bad, an unreadable file) is not a failed
// bundle that a runner would retry: it is reported as data, and the finish
// step stops the run with it, as parallax would.
type loadFn struct {
	Job    job
	Sample string // the sample's name when the input is an embedded sample
}

func (f *loadFn) ProcessElement(ctx context.Context, path string, emit func(docRow), report func(inputReport)) error {
	pj, err := f.Job.parse()
	if err != nil {
		return err
	}
	opt, err := pj.cf.options()
	if err != nil {
		return err
	}
	fp := newFingerprint()
	each := func(d *corpus.Document) error {
		fp.add(d)
		emit(docRow{Input: path, Index: d.Index, Group: d.Group, ID: d.ID, Date: d.Date,
			Title: d.Title, URL: d.URL, Text: d.Text, Origin: d.Origin})
		return nil
	}
	var rep *corpus.LoadReport
	if f.Sample != "" {
		rep, err = corpus.Load(parallax.Samples(), path, opt.Load, each)
	} else {
		rep, err = corpus.LoadPath(path, opt.Load, each)
	}
	r := inputReport{Input: path, Digest: fp.h.Sum(nil)}
	if err != nil {
		r.Err = err.Error()
	}
	if rep != nil {
		if r.Report, err = json.Marshal(rep); err != nil {
			return err
		}
	}
	report(r)
	return nil
}

// fingerprint hashes what was loaded, in order, with lengths so that field
// boundaries cannot be confused: parallax's definition (analysis.Run).
type fingerprint struct{ h hash.Hash }

func newFingerprint() *fingerprint { return &fingerprint{h: sha256.New()} }

func (f *fingerprint) add(d *corpus.Document) {
	var n [8]byte
	for _, s := range []string{d.Group, d.ID, d.Text} {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		f.h.Write(n[:])
		f.h.Write([]byte(s))
	}
}

// lineAcc accumulates the repeated-line rule's statistics; its coder is
// clean.LineStats' byte encoding.
type lineAcc struct{ S *clean.LineStats }

func encodeLineAcc(a lineAcc) ([]byte, error) { return a.S.MarshalBinary() }

func decodeLineAcc(b []byte) (lineAcc, error) {
	s := clean.NewLineStats()
	return lineAcc{s}, s.UnmarshalBinary(b)
}

// lineStatsFn sums, per group, how many documents hold each line: the first
// pass the repeated-line cleaning rule needs.
type lineStatsFn struct{}

func (lineStatsFn) CreateAccumulator() lineAcc { return lineAcc{clean.NewLineStats()} }

func (lineStatsFn) AddInput(a lineAcc, d docRow) lineAcc {
	a.S.Add(d.Group, d.Text)
	return a
}

func (lineStatsFn) MergeAccumulators(a, b lineAcc) lineAcc {
	a.S.Merge(b.S)
	return a
}

func (lineStatsFn) ExtractOutput(a lineAcc) ([]byte, error) { return a.S.MarshalBinary() }

// mapFn cleans, segments and counts each document with parallax's code and
// emits its terms record, keyed by group: the record is a one-document
// Shard in its byte encoding (terms as strings), so it means the same on
// every worker. It also emits, per cleaning rule, the lines removed.
type mapFn struct {
	Job job

	opt     analysis.Options
	ready   bool
	cleaner *clean.Cleaner
	vocab   *termstats.Vocabulary
	counter *termstats.Counter
	docs    int // documents counted with vocab
	sents   []segment.Span
	toks    []segment.Token
}

func (f *mapFn) Setup() error {
	pj, err := f.Job.parse()
	if err != nil {
		return err
	}
	f.opt, err = pj.cf.options()
	return err
}

// vocabDocs is how many documents a mapFn counts with one vocabulary
// before starting a fresh one: the records carry their terms as strings, so
// ids never leave the worker, and the worker's memory stays bounded.
const vocabDocs = 20000

func (f *mapFn) freshCounter() {
	f.vocab = termstats.NewVocabulary()
	f.counter = termstats.NewCounter(f.opt.Terms, f.vocab, termstats.NewShardIn(f.vocab))
	f.docs = 0
}

// init builds the cleaner once, from the merged line statistics.
func (f *mapFn) init(ctx context.Context, stats func(*string, *[]byte) bool) error {
	f.ready = true
	if f.opt.NoClean {
		return nil
	}
	var merged *clean.LineStats
	if repeatedRule(f.opt) {
		merged = clean.NewLineStats()
		var group string
		var b []byte
		for stats(&group, &b) {
			lineBytesCounter.Inc(ctx, int64(len(b)))
			s := clean.NewLineStats()
			if err := s.UnmarshalBinary(b); err != nil {
				return err
			}
			merged.Merge(s)
		}
	}
	var err error
	f.cleaner, err = clean.New(f.opt.Clean, merged)
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

func (f *mapFn) ProcessElement(ctx context.Context, d docRow, stats func(*string, *[]byte) bool, emit func(string, []byte), removed func(string, int64)) error {
	if !f.ready {
		if err := f.init(ctx, stats); err != nil {
			return err
		}
	}
	if f.counter == nil || f.docs == vocabDocs {
		f.freshCounter()
	}
	f.docs++
	doc := d.document()
	text := doc.Text
	if f.cleaner != nil {
		var rs []clean.Removal
		text, rs = f.cleaner.Clean(doc)
		for _, r := range rs {
			removed(r.Rule, 1)
		}
	}
	rec := f.record(doc, text)
	one := termstats.NewShardIn(f.vocab)
	one.Add(rec)
	b, err := one.MarshalBinary()
	if err != nil {
		return err
	}
	recordsCounter.Inc(ctx, 1)
	recordBytesCounter.Inc(ctx, int64(len(b)))
	emit(d.Group, b)
	return nil
}

// record is the terms record of one document of cleaned text, made as
// parallax's pipeline makes it (analysis.Run's processor).
func (f *mapFn) record(d *corpus.Document, text string) *termstats.DocTerms {
	f.sents = segment.Sentences(text, f.sents[:0])
	r := &termstats.DocTerms{Group: d.Group, Date: d.Date, Sentences: int64(len(f.sents))}
	f.counter.Document(d.Group, d.Date, len(f.sents))
	for _, s := range f.sents {
		f.toks = segment.Tokenize(text[s.Start:s.End], f.toks[:0])
		r.Words += int64(len(f.toks) - segment.CountNonWords(f.toks))
		f.counter.Sentence(text[s.Start:s.End], f.toks)
	}
	r.Terms = f.counter.DocumentVector()
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
