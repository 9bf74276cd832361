// The compact form in which Collector keeps each document: one
// varint-encoded []byte per document (framingDoc.data), decoded when the
// tables are built. Layout (u = unsigned varint, z = zig-zag varint, ids
// are the collector's interned string ids):
//
//	u len(ID), ID bytes, u words, u quotedWords, u sentences
//	u len(quotes section),  quotes section
//	u len(sides section),   sides section
//	u len(labels section),  labels section
//	sentences section (to the end)
//
// quotes: u count, then per quote in order u kind<<2|unclosed<<1|full,
// z sentence − previous quote's sentence, u words, u speaker, u verb,
// u cue; a scare quote adds u text, u source, u mention, u span start,
// u span length. full says the quote's complete form is in
// framingExtra.full, the n-th full quote at index n.
//
// sides: u count, then per actor u actor id, u quotes.
//
// labels: u count, then per hit u referent, u label,
// u (sentence − previous hit's sentence)<<2 | voice.
//
// sentences (those mentioning an actor, or scored): u count, then per
// sentence u sentence − previous − 1, u actors<<3|all<<2|stance<<1|scored, the
// actor ids in increasing order (the first, then differences), with stance
// each actor's stance in the sentence (encoded as a tone), and when scored
// the tone, with all the tone with every word scored (Options.ToneMask
// left a word of the sentence out), u labels, their ids, u frames, their
// ids.
//
// The tone is a VADER compound, which tone.VADER rounds to 4 decimals: it
// is stored as u zigzag(round(v·10⁴))+1 when float64(k)/10⁴ gives back v
// bit for bit, else as a 0 byte followed by the 8 bytes of v.

package framing

import (
	"encoding/binary"
	"fmt"
	"math"

	"parallax/analysis/internal/spill"
	"parallax/analysis/segment"
)

type encBuf []byte

func (e *encBuf) u(x uint64)   { *e = binary.AppendUvarint(*e, x) }
func (e *encBuf) z(x int64)    { e.u(zigzag(x)) }
func (e *encBuf) str(s string) { e.u(uint64(len(s))); *e = append(*e, s...) }

// section appends sec with its length.
func (e *encBuf) section(sec []byte) { e.u(uint64(len(sec))); *e = append(*e, sec...) }

// tone appends a tone (see the file comment).
func (e *encBuf) tone(v float64) {
	if k := math.Round(v * 1e4); math.Abs(k) <= 1<<40 {
		ki := int64(k)
		if math.Float64bits(float64(ki)/1e4) == math.Float64bits(v) {
			e.u(zigzag(ki) + 1) // +1: 0 marks the 8-byte form
			return
		}
	}
	*e = append(*e, 0)
	*e = binary.LittleEndian.AppendUint64(*e, math.Float64bits(v))
}

// decBuf reads what encBuf wrote. It never panics: a malformed varint or
// a length past the end sets bad and reads zeros from then on. The
// collector's own records are well formed; Acc.UnmarshalBinary checks
// records from elsewhere (validDoc) before they are used.
type decBuf struct {
	b   []byte
	i   int
	bad bool
}

func (d *decBuf) u() uint64 {
	if d.bad {
		return 0
	}
	x, n := binary.Uvarint(d.b[d.i:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.i += n
	return x
}

// count reads a number of items that follow, each at least one byte: a
// larger number than the bytes left is corrupt.
func (d *decBuf) count() int {
	n := d.u()
	if n > uint64(len(d.b)-d.i) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *decBuf) z() int64 { return unzigzag(d.u()) }

func zigzag(x int64) uint64   { return uint64(x<<1 ^ x>>63) }
func unzigzag(x uint64) int64 { return int64(x>>1) ^ -int64(x&1) }

func (d *decBuf) u32() uint32 {
	x := d.u()
	if x > math.MaxUint32 {
		d.bad = true
		return 0
	}
	return uint32(x)
}

func (d *decBuf) bytes(n int) []byte {
	if d.bad || n < 0 || n > len(d.b)-d.i {
		d.bad = true
		return nil
	}
	b := d.b[d.i : d.i+n]
	d.i += n
	return b
}

func (d *decBuf) section() []byte { return d.bytes(d.count()) }

func (d *decBuf) tone() float64 {
	x := d.u()
	if x == 0 {
		b := d.bytes(8)
		if b == nil {
			return 0
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(b))
	}
	return float64(unzigzag(x-1)) / 1e4
}

func (d *decBuf) done() bool { return d.i >= len(d.b) }

// docHeader is a document's record split into its parts.
type docHeader struct {
	id                                 string
	words, quotedWords                 int64
	sentences                          int
	quotes, sides, labels, sentRecords []byte
}

// encodeDoc returns a document's record, allocated to its exact size: it
// is kept for the whole run.
func encodeDoc(h *docHeader) []byte {
	size := 0
	for _, n := range []int{len(h.id), int(h.words), int(h.quotedWords), h.sentences, len(h.quotes), len(h.sides), len(h.labels)} {
		size += uvarintLen(uint64(n))
	}
	size += len(h.id) + len(h.quotes) + len(h.sides) + len(h.labels) + len(h.sentRecords)
	e := make(encBuf, 0, size)
	e.str(h.id)
	e.u(uint64(h.words))
	e.u(uint64(h.quotedWords))
	e.u(uint64(h.sentences))
	e.section(h.quotes)
	e.section(h.sides)
	e.section(h.labels)
	e = append(e, h.sentRecords...)
	return e
}

func uvarintLen(x uint64) int {
	n := 1
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// decodeDoc splits a document's record; withID says whether to allocate its id.
func decodeDoc(data []byte, withID bool) docHeader {
	d := decBuf{b: data}
	var h docHeader
	id := d.bytes(d.count())
	if withID {
		h.id = string(id)
	}
	h.words, h.quotedWords, h.sentences = int64(d.u()), int64(d.u()), int(d.u())
	h.quotes, h.sides, h.labels = d.section(), d.section(), d.section()
	h.sentRecords = d.b[d.i:]
	return h
}

// cquote is a quote as kept: what the tables need, with interned ids; a
// scare quote keeps its text, source, mention and span; full says the
// complete quote is in framingExtra.full.
type cquote struct {
	kind                  QuoteKind
	unclosed, full        bool
	sentence, words       int
	speaker, verb, cue    uint32
	reason                uint32       // how the speaker was identified (Quote.Reason)
	text, source, mention uint32       // scare quotes only
	span                  segment.Span // scare quotes only
}

func encodeQuotes(qs []cquote) []byte {
	var e encBuf
	e.u(uint64(len(qs)))
	prev := 0
	for _, q := range qs {
		f := uint64(q.kind) << 2
		if q.unclosed {
			f |= 2
		}
		if q.full {
			f |= 1
		}
		e.u(f)
		e.z(int64(q.sentence - prev))
		prev = q.sentence
		e.u(uint64(q.words))
		e.u(uint64(q.speaker))
		e.u(uint64(q.verb))
		e.u(uint64(q.cue))
		e.u(uint64(q.reason))
		if q.kind == QuoteScare {
			e.u(uint64(q.text))
			e.u(uint64(q.source))
			e.u(uint64(q.mention))
			e.u(uint64(q.span.Start))
			e.u(uint64(q.span.End - q.span.Start))
		}
	}
	return e
}

// decodeQuotes appends the quotes of a quotes section to buf.
func decodeQuotes(sec []byte, buf []cquote) []cquote {
	d := decBuf{b: sec}
	n := d.count()
	prev := 0
	for range n {
		f := d.u()
		q := cquote{kind: QuoteKind(f >> 2), unclosed: f&2 != 0, full: f&1 != 0}
		q.sentence = prev + int(d.z())
		prev = q.sentence
		q.words = int(d.u())
		q.speaker, q.verb, q.cue, q.reason = d.u32(), d.u32(), d.u32(), d.u32()
		if q.kind == QuoteScare {
			q.text, q.source, q.mention = d.u32(), d.u32(), d.u32()
			q.span.Start = int(d.u())
			q.span.End = q.span.Start + int(d.u())
		}
		buf = append(buf, q)
	}
	return buf
}

// sideCount is the quotes by speakers of an actor's side.
type sideCount struct {
	actor uint32
	n     int
}

func encodeSides(xs []sideCount) []byte {
	var e encBuf
	e.u(uint64(len(xs)))
	for _, x := range xs {
		e.u(uint64(x.actor))
		e.u(uint64(x.n))
	}
	return e
}

func decodeSides(sec []byte, buf []sideCount) []sideCount {
	d := decBuf{b: sec}
	n := d.count()
	for range n {
		buf = append(buf, sideCount{d.u32(), int(d.u())})
	}
	return buf
}

// clabel is a label hit as kept.
type clabel struct {
	referent, label uint32
	voice           uint8 // index in labelVoices
	sentence        int
}

var labelVoices = [...]string{VoiceOwn, VoiceScare, VoiceQuoted, VoiceUnresolved}

func voiceCode(v string) uint8 {
	switch v {
	case VoiceScare:
		return 1
	case VoiceQuoted:
		return 2
	case VoiceUnresolved:
		return 3
	}
	return 0
}

// encodeLabels needs the hits in sentence order.
func encodeLabels(ls []clabel) []byte {
	var e encBuf
	e.u(uint64(len(ls)))
	prev := 0
	for _, l := range ls {
		e.u(uint64(l.referent))
		e.u(uint64(l.label))
		e.u(uint64(l.sentence-prev)<<2 | uint64(l.voice))
		prev = l.sentence
	}
	return e
}

func decodeLabels(sec []byte, buf []clabel) []clabel {
	d := decBuf{b: sec}
	n := d.count()
	prev := 0
	for range n {
		l := clabel{referent: d.u32(), label: d.u32()}
		x := d.u()
		l.voice = uint8(x & 3)
		l.sentence = prev + int(x>>2)
		prev = l.sentence
		buf = append(buf, l)
	}
	return buf
}

// sentRecord is a sentence mentioning an actor or scored: the actors it
// mentions (increasing ids), and when scored its tone, labels and frames.
type sentRecord struct {
	sentence       int
	actors         []uint32
	hasStance      bool
	stance         []float64 // per actor, when hasStance
	scored         bool
	tone           float64
	hasAll         bool    // when scored: toneAll differs from tone
	toneAll        float64 // the tone with every word scored, when hasAll
	labels, frames []uint32
}

// encodeSentences needs the records in sentence order.
func encodeSentences(rs []sentRecord) []byte {
	var e encBuf
	e.u(uint64(len(rs)))
	prev := -1
	for _, r := range rs {
		e.u(uint64(r.sentence - prev - 1))
		prev = r.sentence
		f := uint64(len(r.actors)) << 3
		if r.scored {
			f |= 1
		}
		if r.scored && r.hasAll {
			f |= 4
		}
		if r.hasStance {
			f |= 2
		}
		e.u(f)
		var last uint32
		for _, a := range r.actors {
			e.u(uint64(a - last))
			last = a
		}
		if r.hasStance {
			for _, v := range r.stance {
				e.tone(v)
			}
		}
		if !r.scored {
			continue
		}
		e.tone(r.tone)
		if r.hasAll {
			e.tone(r.toneAll)
		}
		for _, ids := range [][]uint32{r.labels, r.frames} {
			e.u(uint64(len(ids)))
			for _, id := range ids {
				e.u(uint64(id))
			}
		}
	}
	return e
}

// eachSentence calls fn with every record of a sentences section; the
// record's slices are reused between calls.
func eachSentence(sec []byte, fn func(r *sentRecord)) {
	d := decBuf{b: sec}
	n := d.count()
	prev := -1
	var r sentRecord
	for range n {
		r.sentence = prev + 1 + int(d.u())
		prev = r.sentence
		f := d.u()
		r.scored = f&1 != 0
		r.hasStance = f&2 != 0
		r.hasAll = f&4 != 0
		r.actors = r.actors[:0]
		var last uint32
		for range min(f>>3, uint64(len(d.b)-d.i)) {
			last += d.u32()
			r.actors = append(r.actors, last)
		}
		r.stance = r.stance[:0]
		if r.hasStance {
			for range r.actors {
				r.stance = append(r.stance, d.tone())
			}
		}
		r.labels, r.frames, r.tone, r.toneAll = r.labels[:0], r.frames[:0], 0, 0
		if r.scored {
			r.tone = d.tone()
			if r.hasAll {
				r.toneAll = d.tone()
			}
			for range d.count() {
				r.labels = append(r.labels, d.u32())
			}
			for range d.count() {
				r.frames = append(r.frames, d.u32())
			}
		}
		fn(&r)
	}
}

// RecordMemory is how many bytes of documents' records an accumulator
// holds in memory; the records past it go to a temporary file (os.TempDir,
// or $TMPDIR), removed from the directory as soon as it is created and
// closed with the accumulator, and are read back when the tables are
// built. A record costs tens to hundreds of bytes per document: without
// the file the memory would grow with the corpus (docs/performance.md,
// "Memory"). Results do not depend on where a record is kept.
var RecordMemory int64 = 8 << 20

func newRecordStore() *spill.Store { return spill.New("framing records", RecordMemory) }

// record returns a document's record (store.go's layout), from memory or
// read back from the spill file. A record that cannot be read back is
// empty; Err says why.
func (a *Acc) record(d *framingDoc) []byte { return a.store.Get(d.rec) }

// Err returns the first error of the accumulator's spill file (writing or
// reading back records): the tables built since may miss documents. Nil
// when every record was kept and read back.
func (a *Acc) Err() error {
	if err := a.store.Err(); err != nil {
		return fmt.Errorf("framing: %w", err)
	}
	return nil
}
