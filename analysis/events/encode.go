package events

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"unsafe"
)

// encodingVersion leads every encoding of a DocRecord or an Acc.
const encodingVersion = 2

// AppendBinary appends the record's encoding to b.
func (r *DocRecord) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, encodingVersion)
	b = binary.AppendVarint(b, int64(r.Index))
	b = appendString(b, r.ID)
	b = appendString(b, r.Group)
	b = appendString(b, r.Title)
	b = appendString(b, r.Date)
	b = binary.AppendUvarint(b, uint64(r.Sentences))
	b = binary.AppendUvarint(b, uint64(len(r.hashes)))
	b = binary.AppendUvarint(b, uint64(len(r.keys)))
	for _, h := range r.hashes {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	for _, k := range r.keys {
		b = appendString(b, k)
	}
	b = binary.AppendUvarint(b, uint64(len(r.passages)))
	for i := range r.passages {
		b = appendPassage(b, &r.passages[i], 0)
	}
	return appendText(b, &r.text), nil
}

// MarshalBinary encodes the record.
func (r *DocRecord) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// UnmarshalBinary decodes a record encoded by MarshalBinary; corrupt or
// truncated input is an error.
func (r *DocRecord) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != encodingVersion {
		return fmt.Errorf("events: record encoding version %d, want %d", v, encodingVersion)
	}
	var rec DocRecord
	rec.Index = d.int()
	rec.ID, rec.Group, rec.Title, rec.Date = d.string(), d.string(), d.string(), d.string()
	rec.Sentences = d.int32()
	nh, nk := d.count(8), d.count(1)
	if d.err == nil && nk > nh {
		d.fail("more kept features than features")
	}
	if d.err == nil {
		rec.hashes = make([]uint64, nh)
		for i := range rec.hashes {
			rec.hashes[i] = d.uint64()
		}
		rec.keys = make([]string, nk)
		for i := range rec.keys {
			rec.keys[i] = d.string()
		}
	}
	np := d.count(passageMinBytes)
	for i := 0; i < np && d.err == nil; i++ {
		p := d.passage(nil)
		p.doc, p.docID, p.group = rec.Index, rec.ID, rec.Group
		rec.passages = append(rec.passages, p)
	}
	rec.text = d.text()
	if err := d.end(); err != nil {
		return fmt.Errorf("events: record: %w", err)
	}
	*r = rec
	return nil
}

// MarshalBinary encodes the accumulator: the same accumulator always
// gives the same bytes (features by hash, documents by ordinal, passages
// by document, sentence and event).
func (a *Acc) MarshalBinary() ([]byte, error) {
	b := []byte{encodingVersion}
	b = binary.AppendVarint(b, int64(a.maxPassages))
	b = binary.AppendUvarint(b, uint64(len(a.groups)))
	for _, g := range a.groups {
		b = appendString(b, g.name)
		b = binary.AppendUvarint(b, uint64(g.sents))
		b = binary.AppendUvarint(b, uint64(g.docs))
	}
	// Features by hash; documents name them by position.
	order := make([]uint32, len(a.feats))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return cmp.Compare(a.feats[x].hash, a.feats[y].hash) })
	pos := make([]uint32, len(a.feats))
	b = binary.AppendUvarint(b, uint64(len(order)))
	for p, id := range order {
		pos[id] = uint32(p)
		f := &a.feats[id]
		b = binary.LittleEndian.AppendUint64(b, f.hash)
		b = binary.AppendUvarint(b, uint64(f.df))
		b = binary.AppendVarint(b, int64(f.group))
		if k, ok := a.keys[id]; ok {
			b = append(b, 1)
			b = appendString(b, k)
		} else {
			b = append(b, 0)
		}
	}
	docs := slices.Clone(a.docs)
	slices.SortFunc(docs, func(x, y *eventDoc) int { return cmp.Compare(x.index, y.index) })
	b = binary.AppendUvarint(b, uint64(len(docs)))
	feats, ids := []uint32{}, []uint32{}
	for _, d := range docs {
		b = binary.AppendVarint(b, int64(d.index))
		b = appendString(b, d.id)
		b = binary.AppendUvarint(b, uint64(a.gidx[d.group]))
		b = appendString(b, d.title)
		b = appendString(b, d.date)
		b = binary.AppendUvarint(b, uint64(d.sentences))
		feats = feats[:0]
		ids = a.featsOf(d, ids[:0])
		for _, id := range ids {
			feats = append(feats, pos[id])
		}
		slices.Sort(feats)
		b = binary.AppendUvarint(b, uint64(len(feats)))
		prev := uint32(0)
		for _, p := range feats {
			b = binary.AppendUvarint(b, uint64(p-prev))
			prev = p
		}
		t, _ := a.texts.get(d.index)
		b = appendText(b, &t)
	}
	ps := make([]*lexPassage, len(a.passages))
	for i := range a.passages {
		ps[i] = &a.passages[i]
	}
	slices.SortFunc(ps, func(x, y *lexPassage) int {
		if c := cmp.Compare(x.doc, y.doc); c != 0 {
			return c
		}
		if c := cmp.Compare(x.sentence, y.sentence); c != 0 {
			return c
		}
		return cmp.Compare(x.event, y.event)
	})
	b = binary.AppendUvarint(b, uint64(len(ps)))
	for _, p := range ps {
		b = binary.AppendVarint(b, int64(p.doc))
		b = appendString(b, p.docID)
		b = appendPassage(b, p, a.gidx[p.group])
	}
	if a.texts.err != nil {
		return nil, a.texts.err
	}
	if err := a.fstore.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return b, nil
}

// UnmarshalBinary replaces the accumulator with one encoded by
// MarshalBinary; corrupt or truncated input is an error.
func (a *Acc) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); d.err == nil && v != encodingVersion {
		return fmt.Errorf("events: accumulator encoding version %d, want %d", v, encodingVersion)
	}
	n := newAcc(d.int())
	ng := d.count(3)
	for i := 0; i < ng && d.err == nil; i++ {
		name := d.string()
		if _, dup := n.gidx[name]; dup && d.err == nil {
			d.fail(fmt.Sprintf("group %q twice", name))
		}
		g := n.group(name)
		n.groups[g].sents = d.int64()
		n.groups[g].docs = int(d.int32())
	}
	nf := d.count(11)
	for i := 0; i < nf && d.err == nil; i++ {
		h := d.uint64()
		df := d.int32()
		g := int32(d.int())
		if d.err == nil && (g < multiGroup || int(g) >= ng) {
			d.fail(fmt.Sprintf("feature of group %d, of %d groups", g, ng))
		}
		if _, dup := n.ids[h]; dup && d.err == nil {
			d.fail("a feature twice")
		}
		id := n.feature(h, df, g)
		if d.byte() == 1 {
			n.keys[id] = d.string()
		}
	}
	nd := d.count(8)
	for i := 0; i < nd && d.err == nil; i++ {
		ed := &eventDoc{index: d.int(), id: d.string()}
		if _, dup := n.ordset[ed.index]; dup && d.err == nil {
			d.fail(fmt.Sprintf("document %d twice", ed.index))
		}
		if g := d.index(ng); d.err == nil {
			ed.group = n.groups[g].name
		}
		ed.title, ed.date = d.string(), d.string()
		ed.sentences = d.int32()
		if dd := parseDocDate(ed.date); dd.day > 0 {
			ed.day, ed.dated = dayOf(dd.year, dd.month, dd.day), true
		}
		k := d.count(1)
		feats := make([]uint32, 0, k)
		p := uint64(0)
		for j := 0; j < k && d.err == nil; j++ {
			p += d.uvarint()
			if p >= uint64(nf) && d.err == nil {
				d.fail(fmt.Sprintf("document %d names feature %d of %d", ed.index, p, nf))
			}
			feats = append(feats, uint32(p))
		}
		ed.feats = n.putFeats(feats)
		if t := d.text(); t.spans != nil {
			n.texts.put(ed.index, t)
		}
		n.docs = append(n.docs, ed)
		n.ordset[ed.index] = struct{}{}
	}
	np := d.count(passageMinBytes)
	for i := 0; i < np && d.err == nil; i++ {
		doc, docID := d.int(), d.string()
		var g int32
		p := d.passage(&g)
		if d.err == nil && (g < 0 || int(g) >= ng) {
			d.fail(fmt.Sprintf("passage of group %d, of %d groups", g, ng))
		}
		if d.err != nil {
			break
		}
		p.doc, p.docID, p.group = doc, docID, n.groups[g].name
		n.addPassage(p)
	}
	if err := d.end(); err != nil {
		return fmt.Errorf("events: accumulator: %w", err)
	}
	*a = *n
	return nil
}

// passageMinBytes is the least size of an encoded passage.
const passageMinBytes = 16

// passageToneAll, in a passage's flag byte (bit 0: words), says that the
// tone with every word scored follows (lexPassage.toneAll ≠ tone).
const passageToneAll = 2

func bool2byte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// appendPassage encodes a passage's event, group (an index) and sentence
// figures; the document is the caller's.
func appendPassage(b []byte, p *lexPassage, group int32) []byte {
	b = binary.AppendUvarint(b, uint64(p.event))
	b = binary.AppendUvarint(b, uint64(group))
	b = binary.AppendUvarint(b, uint64(p.sentence))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.tone))
	switch {
	case p.toneAll != p.tone: // a masked word: the score with every word follows
		b = append(b, passageToneAll|bool2byte(p.words))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.toneAll))
	case p.words:
		b = append(b, 1)
	default:
		b = append(b, 0)
	}
	for _, kc := range [2][]keyCount{p.frames, p.labels} {
		b = binary.AppendUvarint(b, uint64(len(kc)))
		for _, k := range kc {
			b = binary.AppendUvarint(b, uint64(k.key))
			b = binary.AppendUvarint(b, uint64(k.n))
		}
	}
	b = appendString(b, p.text)
	return appendString(b, p.cue)
}

// appendText encodes a text and its spans (deltas: each start from the
// previous end, each end from its start), then its features' hashes, the
// sentences' features and the cached tones.
func appendText(b []byte, t *docText) []byte {
	if t.spans == nil {
		return append(b, 0)
	}
	b = append(b, 1)
	b = appendString(b, t.text)
	b = binary.AppendUvarint(b, uint64(len(t.spans)/2))
	prev := uint32(0)
	for i := 0; i+1 < len(t.spans); i += 2 {
		b = binary.AppendUvarint(b, uint64(t.spans[i]-prev))
		b = binary.AppendUvarint(b, uint64(t.spans[i+1]-t.spans[i]))
		prev = t.spans[i+1]
	}
	b = binary.AppendUvarint(b, uint64(len(t.hashes)))
	for _, h := range t.hashes {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	if t.feats == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = appendString(b, unsafe.String(unsafe.SliceData(t.feats), len(t.feats)))
	}
	b = binary.AppendUvarint(b, uint64(len(t.tones)))
	for _, v := range t.tones {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads an encoding; the first error sticks, and every read after
// it returns a zero value.
type decoder struct {
	b   []byte
	err error
}

var errTruncated = errors.New("truncated or corrupt encoding")

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("corrupt encoding: %s", what)
	}
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.err = cmp.Or(d.err, errTruncated)
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

// varint reads what binary.AppendVarint wrote: a zig-zag uvarint.
func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// int reads a varint that fits an int32 (ordinals, options).
func (d *decoder) int() int {
	v := d.varint()
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.fail("number out of range")
		return 0
	}
	return int(v)
}

// int32 reads a uvarint that fits an int32.
func (d *decoder) int32() int32 { return int32(d.upTo(math.MaxInt32)) }

// int64 reads a uvarint that fits an int64.
func (d *decoder) int64() int64 { return int64(d.upTo(math.MaxInt64)) }

// upTo reads a uvarint of at most max.
func (d *decoder) upTo(max uint64) uint64 {
	v := d.uvarint()
	if v > max {
		d.fail("count out of range")
		return 0
	}
	return v
}

func (d *decoder) uint64() uint64 {
	if d.err != nil || len(d.b) < 8 {
		d.err = cmp.Or(d.err, errTruncated)
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

// count reads a number of items of at least min bytes each, which the
// rest of the input must be able to hold.
func (d *decoder) count(min int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.b)/min) {
		d.fail(fmt.Sprintf("%d items in %d bytes", v, len(d.b)))
		return 0
	}
	return int(v)
}

// index reads an index below n.
func (d *decoder) index(n int) int {
	v := d.uvarint()
	if d.err == nil && v >= uint64(n) {
		d.fail(fmt.Sprintf("index %d of %d", v, n))
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errTruncated
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// passage reads what appendPassage wrote; group receives the group index
// (nil: no group expected, it must be 0).
func (d *decoder) passage(group *int32) lexPassage {
	var p lexPassage
	p.event = d.int32()
	g := d.int32()
	if group != nil {
		*group = g
	} else if g != 0 && d.err == nil {
		d.fail("a record's passage of another group")
	}
	p.sentence = d.int32()
	p.tone = math.Float64frombits(d.uint64())
	p.toneAll = p.tone
	switch f := d.byte(); f {
	case 0:
	case 1:
		p.words = true
	case passageToneAll, passageToneAll | 1:
		p.words = f&1 != 0
		p.toneAll = math.Float64frombits(d.uint64())
	default:
		d.fail("words flag")
	}
	for k := range 2 {
		n := d.count(2)
		var kc []keyCount
		for i := 0; i < n && d.err == nil; i++ {
			kc = append(kc, keyCount{d.int32(), d.int32()})
		}
		if k == 0 {
			p.frames = kc
		} else {
			p.labels = kc
		}
	}
	p.text, p.cue = d.string(), d.string()
	return p
}

// text reads what appendText wrote, checking that every span lies in the
// text, in order.
func (d *decoder) text() docText {
	switch d.byte() {
	case 0:
		return docText{}
	case 1:
	default:
		d.fail("text flag")
		return docText{}
	}
	t := docText{text: d.string()}
	n := d.count(2)
	t.spans = make([]uint32, 0, 2*n)
	prev := uint64(0)
	for i := 0; i < n && d.err == nil; i++ {
		start := prev + d.uvarint()
		end := start + d.uvarint()
		if d.err == nil && (end > uint64(len(t.text)) || start > end) {
			d.fail(fmt.Sprintf("sentence %d at %d–%d of a text of %d bytes", i, start, end, len(t.text)))
		}
		t.spans = append(t.spans, uint32(start), uint32(end))
		prev = end
	}
	if nh := d.count(8); nh > 0 {
		t.hashes = make([]uint64, nh)
		for i := range t.hashes {
			t.hashes[i] = d.uint64()
		}
	}
	switch d.byte() {
	case 0:
	case 1:
		t.feats = []byte(d.string())
		if d.err == nil && !t.featsOK(n) {
			d.fail("sentence features")
		}
	default:
		d.fail("sentence features flag")
	}
	if nt := d.count(8); nt > 0 {
		if nt != 2*n {
			d.fail(fmt.Sprintf("%d tones for %d sentences", nt, n))
			return t
		}
		t.tones = make([]float64, nt)
		for i := range t.tones {
			t.tones[i] = math.Float64frombits(d.uint64())
		}
	}
	return t
}

// end reports the first error, or bytes left over.
func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.err = fmt.Errorf("corrupt encoding: %d bytes left over", len(d.b))
	}
	return d.err
}
