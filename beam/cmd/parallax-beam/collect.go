package main

import (
	"context"
	"fmt"
	"parallax/tone"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"parallax/analysis/events"
	"parallax/analysis/framing"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
)

// The collectors beyond the terms (tone, lexicon frames, framing, events)
// share one path through the pipeline. The count step runs each
// collector's Map on the processed document and emits its DocRecord's
// encoding, led by a byte naming the collector, keyed by that byte and the
// group; one CombinePerKey adds the records into the collector's
// accumulator per (collector, group), its coder the accumulator's byte
// encoding led by the same byte; the finishing worker merges each
// collector's accumulators and finishes them with parallax's code. Every
// accumulator's finished result is independent of how the records were
// split and merged (analysis/internal/testkit.CheckAccumulator).

func init() {
	beam.RegisterType(reflect.TypeOf((*collectFn)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf((*collAcc)(nil)).Elem(), encodeCollAcc, decodeCollAcc)
}

// The collector kinds: the leading byte of records, keys and accumulators.
const (
	kindTone    byte = 't'
	kindLex     byte = 'l'
	kindFraming byte = 'f'
	kindEvents  byte = 'e'
)

// Counters of the bytes each collector's records and per-group
// accumulators take (PARALLAX_BEAM_METRICS=1; docs/cluster.md).
var recordCounters, accCounters = map[byte]beam.Counter{}, map[byte]beam.Counter{}

func init() {
	for kind, name := range map[byte]string{kindTone: "tone", kindLex: "lexicon", kindFraming: "framing", kindEvents: "events"} {
		recordCounters[kind] = beam.NewCounter("parallax", name+"_record_bytes")
		accCounters[kind] = beam.NewCounter("parallax", name+"_group_acc_bytes")
	}
}

// collectors are a job's collectors beyond the terms; nil when the command
// does not report them.
type collectors struct {
	tone *tonestats.Collector
	lex  *lexmatch.Collector
	frm  *framing.Collector
	ev   *events.Collector
	mask *tone.Mask // compare: the words tone and the actors' tone leave out
}

// newCollectors builds the job's collectors from its flags, as parallax's
// command builds them.
func newCollectors(j job) (*collectors, error) {
	pj, err := j.parse()
	if err != nil {
		return nil, err
	}
	c := &collectors{}
	switch pj.cmd {
	case "tone":
		opt, err := pj.tn.options()
		if err != nil {
			return nil, err
		}
		c.tone, err = tonestats.NewCollector(opt)
		return c, err
	case "compare":
		return pj.cp.collectors(pj)
	}
	return c, nil
}

// any says whether the job has a collector beyond the terms.
func (c *collectors) any() bool { return c.tone != nil || c.lex != nil || c.frm != nil || c.ev != nil }

// mapDoc runs every collector's Map on p, in parallax's order (tone,
// lexicon, framing, events), and emits each record's bytes.
func (c *collectors) mapDoc(ctx context.Context, p *segment.Processed, emit func(string, []byte), out storyOut) error {
	send := func(kind byte, b []byte, err error) error {
		if err != nil {
			return err
		}
		recordCounters[kind].Inc(ctx, int64(len(b)))
		emit(string(kind)+p.Doc.Group, b)
		return nil
	}
	if c.tone != nil {
		rec := c.tone.Map(p)
		b, err := rec.AppendBinary([]byte{kindTone})
		if err := send(kindTone, b, err); err != nil {
			return err
		}
	}
	if c.lex != nil {
		rec := c.lex.Map(p)
		b, err := rec.AppendBinary([]byte{kindLex})
		if err := send(kindLex, b, err); err != nil {
			return err
		}
	}
	if c.frm != nil {
		rec := c.frm.Map(p)
		b, err := rec.AppendBinary([]byte{kindFraming})
		if err := send(kindFraming, b, err); err != nil {
			return err
		}
	}
	if c.ev != nil {
		// Story linking is a keyed join (stories.go): the features and
		// the text leave the record, which keeps the group's sentences
		// and the lexicon passages.
		rec := c.ev.Map(p)
		lex, feat, text, ok := rec.Split()
		b, err := lex.AppendBinary([]byte{kindEvents})
		if err := send(kindEvents, b, err); err != nil {
			return err
		}
		// The hashes leave once, split into the dictionary's buckets;
		// the features keyed by ordinal carry none (stories.go).
		for _, bp := range bucketParts(&feat) {
			linkBytes["bucket_part"].Inc(ctx, bp.bytes())
			out.part(events.Bucket(bp.Hashes[0], dictBuckets), bp)
		}
		feat.Hashes, feat.Keys, feat.Kept = nil, nil, 0
		linkBytes["features"].Inc(ctx, int64(40+len(feat.ID)+len(feat.Group)+len(feat.Title)+len(feat.Date)))
		out.feat(feat)
		if ok {
			linkBytes["text"].Inc(ctx, int64(8+len(text.Text)+4*len(text.Spans)))
			out.text(text.Index, text)
		}
	}
	return nil
}

// storyOut receives what story linking reads of each document.
type storyOut struct {
	feat func(events.FeatRecord)
	text func(int, events.TextRecord)
	part func(int, bucketPart)
}

// collAcc is one collector's accumulator for one group: Kind names the
// collector (0 before the first record), Raw holds its encoding until the
// combining worker decodes it with its collector (framing's decoding needs
// the collector's options), then the live accumulator is in one of Tone,
// Lex, Frm, Ev.
type collAcc struct {
	Kind byte
	Raw  []byte
	Tone *tonestats.Acc
	Lex  *lexmatch.Acc
	Frm  *framing.Acc
	Ev   *events.Acc
}

func encodeCollAcc(a collAcc) ([]byte, error) {
	if a.Kind == 0 {
		return nil, nil
	}
	if a.Raw != nil {
		return append([]byte{a.Kind}, a.Raw...), nil
	}
	var b []byte
	var err error
	switch a.Kind {
	case kindTone:
		b, err = a.Tone.MarshalBinary()
	case kindLex:
		b, err = a.Lex.MarshalBinary()
	case kindFraming:
		b, err = a.Frm.MarshalBinary()
	case kindEvents:
		b, err = a.Ev.MarshalBinary()
	default:
		return nil, fmt.Errorf("accumulator of unknown kind %q", a.Kind)
	}
	if err != nil {
		return nil, err
	}
	return append([]byte{a.Kind}, b...), nil
}

func decodeCollAcc(b []byte) (collAcc, error) {
	if len(b) == 0 {
		return collAcc{}, nil
	}
	return collAcc{Kind: b[0], Raw: b[1:]}, nil
}

// live decodes a's encoding, if it is still encoded, with c's collectors.
func (c *collectors) live(a *collAcc) error {
	if a.Raw == nil {
		return nil
	}
	raw := a.Raw
	a.Raw = nil
	switch a.Kind {
	case kindTone:
		a.Tone = new(tonestats.Acc)
		return a.Tone.UnmarshalBinary(raw)
	case kindLex:
		a.Lex = new(lexmatch.Acc)
		return a.Lex.UnmarshalBinary(raw)
	case kindFraming:
		if c.frm == nil {
			return fmt.Errorf("a framing accumulator, but the job has no framing collector")
		}
		a.Frm = c.frm.NewAcc()
		return a.Frm.UnmarshalBinary(raw)
	case kindEvents:
		a.Ev = new(events.Acc)
		return a.Ev.UnmarshalBinary(raw)
	}
	return fmt.Errorf("accumulator of unknown kind %q", a.Kind)
}

// empty returns an empty accumulator of kind.
func (c *collectors) empty(kind byte) (collAcc, error) {
	a := collAcc{Kind: kind}
	switch {
	case kind == kindTone && c.tone != nil:
		a.Tone = c.tone.NewAcc()
	case kind == kindLex && c.lex != nil:
		a.Lex = c.lex.NewAcc()
	case kind == kindFraming && c.frm != nil:
		a.Frm = c.frm.NewAcc()
	case kind == kindEvents && c.ev != nil:
		a.Ev = c.ev.NewAcc()
	default:
		return a, fmt.Errorf("a record of kind %q, but the job has no such collector", kind)
	}
	return a, nil
}

// add adds one record (led by its kind byte) to a.
func (c *collectors) add(a collAcc, rec []byte) (collAcc, error) {
	if len(rec) == 0 {
		return a, fmt.Errorf("empty collector record")
	}
	kind, body := rec[0], rec[1:]
	if a.Kind == 0 {
		var err error
		if a, err = c.empty(kind); err != nil {
			return a, err
		}
	}
	if a.Kind != kind {
		return a, fmt.Errorf("a record of kind %q added to an accumulator of kind %q", kind, a.Kind)
	}
	if err := c.live(&a); err != nil {
		return a, err
	}
	switch kind {
	case kindTone:
		var r tonestats.DocRecord
		if err := r.UnmarshalBinary(body); err != nil {
			return a, err
		}
		return a, a.Tone.Add(r)
	case kindLex:
		var r lexmatch.DocRecord
		if err := r.UnmarshalBinary(body); err != nil {
			return a, err
		}
		a.Lex.Add(&r)
	case kindFraming:
		var r framing.DocRecord
		if err := r.UnmarshalBinary(body); err != nil {
			return a, err
		}
		a.Frm.Add(&r)
	case kindEvents:
		var r events.DocRecord
		if err := r.UnmarshalBinary(body); err != nil {
			return a, err
		}
		a.Ev.Add(r)
	}
	return a, nil
}

// merge adds b's records to a.
func (c *collectors) merge(a, b collAcc) (collAcc, error) {
	switch {
	case b.Kind == 0:
		return a, nil
	case a.Kind == 0:
		return b, nil
	case a.Kind != b.Kind:
		return a, fmt.Errorf("accumulators of kinds %q and %q merged", a.Kind, b.Kind)
	}
	if err := c.live(&a); err != nil {
		return a, err
	}
	if err := c.live(&b); err != nil {
		return a, err
	}
	switch a.Kind {
	case kindTone:
		return a, a.Tone.Merge(b.Tone)
	case kindLex:
		return a, a.Lex.Merge(b.Lex)
	case kindFraming:
		return a, a.Frm.Merge(b.Frm)
	case kindEvents:
		return a, a.Ev.Merge(b.Ev)
	}
	return a, nil
}

// collectFn combines collector records into one accumulator per
// (collector, group).
type collectFn struct {
	Job job
	c   *collectors
}

func (f *collectFn) Setup() error {
	var err error
	f.c, err = newCollectors(f.Job)
	return err
}

func (f *collectFn) CreateAccumulator() collAcc { return collAcc{} }

func (f *collectFn) AddInput(a collAcc, rec []byte) (collAcc, error) { return f.c.add(a, rec) }

func (f *collectFn) MergeAccumulators(a, b collAcc) (collAcc, error) { return f.c.merge(a, b) }

func (f *collectFn) ExtractOutput(a collAcc) ([]byte, error) { return encodeCollAcc(a) }

// merged is every collector's accumulator over the whole corpus.
type merged struct {
	tone *tonestats.Acc
	lex  *lexmatch.Acc
	frm  *framing.Acc
	ev   *events.Acc
}

// mergeAll merges the (collector, group) accumulators of the side input
// into one accumulator per collector.
func (c *collectors) mergeAll(ctx context.Context, accs func(*groupBytes) bool) (*merged, error) {
	all := map[byte]collAcc{}
	for _, k := range []byte{kindTone, kindLex, kindFraming, kindEvents} {
		if a, err := c.empty(k); err == nil {
			all[k] = a
		}
	}
	var g groupBytes
	for accs(&g) {
		if len(g.Bytes) > 0 {
			accCounters[g.Bytes[0]].Inc(ctx, int64(len(g.Bytes)))
		}
		a, err := decodeCollAcc(g.Bytes)
		if err == nil {
			err = c.live(&a)
		}
		if err == nil {
			all[a.Kind], err = c.merge(all[a.Kind], a)
		}
		if err != nil {
			return nil, fmt.Errorf("accumulator %q: %v", g.Group, err)
		}
	}
	return &merged{tone: all[kindTone].Tone, lex: all[kindLex].Lex, frm: all[kindFraming].Frm, ev: all[kindEvents].Ev}, nil
}
