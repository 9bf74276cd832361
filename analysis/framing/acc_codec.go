package framing

import (
	"cmp"
	"fmt"
	"slices"

	"parallax/analysis/internal/varbin"
	"parallax/analysis/segment"
)

// quoteHeap returns the kept quote texts of a group.
func (a *Acc) quoteHeap(group uint32) *textHeap {
	th := a.texts[group]
	if th == nil {
		th = &textHeap{}
		a.texts[group] = th
	}
	return th
}

// labelHeap returns the kept label texts of a referent, label, group and
// voice.
func (a *Acc) labelHeap(k labelKey) *textHeap {
	th := a.labelTexts[k]
	if th == nil {
		th = &textHeap{}
		a.labelTexts[k] = th
	}
	return th
}

// Merge adds the documents of o, an accumulator of the same collector's
// options: their records move to a's string ids, and their texts are kept
// as far as QuoteTexts and LabelTexts allow.
func (a *Acc) Merge(o *Acc) error {
	if err := a.sameOptions(o.opt); err != nil {
		return err
	}
	idOf := make([]uint32, len(o.names))
	for i, s := range o.names {
		idOf[i] = a.id(s)
	}
	for _, d := range o.docs {
		fd := &framingDoc{index: d.index, group: idOf[d.group], rec: a.store.Put(remapDoc(o.record(d), idOf))}
		var x *framingExtra
		if d.extra != nil {
			x = &framingExtra{texts: slices.Clone(d.extra.texts), labelText: slices.Clone(d.extra.labelText)}
			x.meta = remapMeta(d.extra.meta, len(x.texts), idOf)
		}
		a.adopt(fd, x)
	}
	return nil
}

// sameOptions checks that records kept under opt can join a's.
func (a *Acc) sameOptions(opt *Options) error {
	if opt.QuoteTexts != a.opt.QuoteTexts || opt.LabelTexts != a.opt.LabelTexts || opt.MaxQuoteText != a.opt.MaxQuoteText {
		return fmt.Errorf("framing accumulators keep texts differently (quote texts %d and %d, label texts %d and %d, quote length %d and %d): merge only those of one collector's options",
			a.opt.QuoteTexts, opt.QuoteTexts, a.opt.LabelTexts, opt.LabelTexts, a.opt.MaxQuoteText, opt.MaxQuoteText)
	}
	return nil
}

// adopt adds a document whose record uses a's ids, with the texts x it
// brings (nil: none), keeping those QuoteTexts and LabelTexts allow: the
// n-th full quote of the record has its text in x.texts[n] ("" when
// dropped), label hit i's text is x.labelText[i] ("" when dropped).
func (a *Acc) adopt(fd *framingDoc, x *framingExtra) {
	a.docs = append(a.docs, fd)
	a.speakers = nil
	if x == nil {
		return
	}
	for _, t := range x.texts {
		if t != "" {
			x.liveFull++
		}
	}
	for _, t := range x.labelText {
		if t != "" {
			x.liveLabel++
		}
	}
	if x.liveFull == 0 {
		x.texts, x.meta = nil, nil
	}
	if x.liveLabel == 0 {
		x.labelText = nil
	}
	if x.texts == nil && x.labelText == nil {
		return
	}
	fd.extra = x
	h := decodeDoc(a.record(fd), false)
	if a.opt.QuoteTexts > 0 && x.texts != nil {
		n := 0
		for i, q := range decodeQuotes(h.quotes, nil) {
			if !q.full {
				continue
			}
			slot := n
			n++
			if _, ok := fd.fullText(slot); !ok {
				continue
			}
			ref := textRef{doc: fd.index, i: i, fd: fd, slot: slot}
			if !a.quoteHeap(fd.group).admit(ref, a.opt.QuoteTexts) {
				ref.drop()
			}
		}
	}
	if a.opt.LabelTexts > 0 && fd.extra != nil && fd.extra.labelText != nil {
		for i, l := range decodeLabels(h.labels, nil) {
			if fd.labelText(i) == "" {
				continue
			}
			ref := textRef{doc: fd.index, i: i, fd: fd, slot: i, label: true}
			if !a.labelHeap(labelKey{l.referent, l.label, fd.group, l.voice}).admit(ref, a.opt.LabelTexts) {
				ref.drop()
			}
		}
	}
}

// remapMeta returns the n entries of a framingExtra.meta with each
// mention id i replaced by idOf[i].
func remapMeta(meta []byte, n int, idOf []uint32) []byte {
	if meta == nil {
		return nil
	}
	d := decBuf{b: meta}
	var e encBuf
	for range n {
		m := d.meta()
		m.mention = idOf[m.mention]
		appendMeta(&e, m)
	}
	return e
}

// validMeta reports whether meta holds exactly n entries, in their
// canonical encoding, with mention ids below names.
func validMeta(meta []byte, n, names int) bool {
	d := decBuf{b: meta}
	var e encBuf
	for range n {
		m := d.meta()
		if d.bad || int(m.mention) >= names {
			return false
		}
		appendMeta(&e, m)
	}
	return string(e) == string(meta)
}

// remapDoc returns a document's record with every string id i replaced by
// idOf[i].
func remapDoc(data []byte, idOf []uint32) []byte {
	h := decodeDoc(data, true)
	qs := decodeQuotes(h.quotes, nil)
	for i := range qs {
		q := &qs[i]
		q.speaker, q.verb, q.cue, q.reason = idOf[q.speaker], idOf[q.verb], idOf[q.cue], idOf[q.reason]
		q.text, q.source, q.mention = idOf[q.text], idOf[q.source], idOf[q.mention]
	}
	h.quotes = encodeQuotes(qs)
	sides := decodeSides(h.sides, nil)
	for i := range sides {
		sides[i].actor = idOf[sides[i].actor]
	}
	h.sides = encodeSides(sides)
	ls := decodeLabels(h.labels, nil)
	for i := range ls {
		ls[i].referent, ls[i].label = idOf[ls[i].referent], idOf[ls[i].label]
	}
	h.labels = encodeLabels(ls)
	var recs []sentRecord
	eachSentence(h.sentRecords, func(r *sentRecord) {
		c := sentRecord{sentence: r.sentence, scored: r.scored, tone: r.tone, hasStance: r.hasStance, hasAll: r.hasAll, toneAll: r.toneAll}
		order := make([]int, len(r.actors))
		for k := range order {
			order[k] = k
		}
		// the record holds the actors in increasing order, each stance with its actor
		slices.SortFunc(order, func(x, y int) int { return cmp.Compare(idOf[r.actors[x]], idOf[r.actors[y]]) })
		for _, k := range order {
			c.actors = append(c.actors, idOf[r.actors[k]])
			if r.hasStance {
				c.stance = append(c.stance, r.stance[k])
			}
		}
		for _, id := range r.labels {
			c.labels = append(c.labels, idOf[id])
		}
		for _, id := range r.frames {
			c.frames = append(c.frames, idOf[id])
		}
		recs = append(recs, c)
	})
	h.sentRecords = encodeSentences(recs)
	return encodeDoc(&h)
}

// validDoc checks a record read from elsewhere: every section decodes and
// encodes back to the same bytes, and every id is below names. It returns
// the record's full quotes and label hits.
func validDoc(data []byte, names int) (full, labels int, err error) {
	bad := func(what string) error { return fmt.Errorf("corrupt %s", what) }
	h := decodeDoc(data, true)
	if string(encodeDoc(&h)) != string(data) {
		return 0, 0, bad("document record")
	}
	ok := func(ids ...uint32) bool {
		for _, id := range ids {
			if int(id) >= names {
				return false
			}
		}
		return true
	}
	qs := decodeQuotes(h.quotes, nil)
	if string(encodeQuotes(qs)) != string(h.quotes) {
		return 0, 0, bad("quotes")
	}
	for _, q := range qs {
		if !ok(q.speaker, q.verb, q.cue, q.reason, q.text, q.source, q.mention) {
			return 0, 0, bad("quote")
		}
		if q.full {
			full++
		}
	}
	sides := decodeSides(h.sides, nil)
	if string(encodeSides(sides)) != string(h.sides) {
		return 0, 0, bad("sides")
	}
	for _, s := range sides {
		if !ok(s.actor) {
			return 0, 0, bad("side")
		}
	}
	ls := decodeLabels(h.labels, nil)
	if string(encodeLabels(ls)) != string(h.labels) {
		return 0, 0, bad("labels")
	}
	for _, l := range ls {
		if !ok(l.referent, l.label) || int(l.voice) >= len(labelVoices) {
			return 0, 0, bad("label")
		}
	}
	var recs []sentRecord
	idsOK := true
	eachSentence(h.sentRecords, func(r *sentRecord) {
		c := *r
		c.actors, c.labels, c.frames = slices.Clone(r.actors), slices.Clone(r.labels), slices.Clone(r.frames)
		c.stance = slices.Clone(r.stance)
		idsOK = idsOK && ok(c.actors...) && ok(c.labels...) && ok(c.frames...)
		recs = append(recs, c)
	})
	if !idsOK || string(encodeSentences(recs)) != string(h.sentRecords) {
		return 0, 0, bad("sentences")
	}
	return full, len(ls), nil
}

// accVersion is the first byte of an encoded Acc.
const accVersion = 3

// MarshalBinary encodes the accumulator: version; the options that shape
// what is kept (QuoteTexts, LabelTexts, MaxQuoteText); the string table
// (without names[0], ""); then per document, by ordinal, its ordinal,
// group id, record (store.go) and kept texts: the texts of its full quotes
// ("" when dropped) with their other fields (framingExtra.meta), and its
// label texts ("" when dropped).
func (a *Acc) MarshalBinary() ([]byte, error) {
	b := []byte{accVersion}
	for _, n := range []int{a.opt.QuoteTexts, a.opt.LabelTexts, a.opt.MaxQuoteText} {
		b = varbin.AppendUvarint(b, uint64(max(n, 0)))
	}
	b = varbin.AppendUvarint(b, uint64(len(a.names)-1))
	for _, s := range a.names[1:] {
		b = varbin.AppendString(b, s)
	}
	docs := slices.SortedFunc(slices.Values(a.docs), func(x, y *framingDoc) int { return cmp.Compare(x.index, y.index) })
	b = varbin.AppendUvarint(b, uint64(len(docs)))
	for _, d := range docs {
		b = varbin.AppendUvarint(b, uint64(d.index))
		b = varbin.AppendUvarint(b, uint64(d.group))
		b = varbin.AppendString(b, string(a.record(d)))
		var texts, labels []string
		var meta []byte
		if d.extra != nil {
			texts, meta, labels = d.extra.texts, d.extra.meta, d.extra.labelText
		}
		b = varbin.AppendUvarint(b, uint64(len(texts)))
		for _, t := range texts {
			b = varbin.AppendString(b, t)
		}
		if len(texts) > 0 {
			b = varbin.AppendString(b, string(meta))
		}
		b = varbin.AppendUvarint(b, uint64(len(labels)))
		for _, t := range labels {
			b = varbin.AppendString(b, t)
		}
	}
	return b, nil
}

// appendQuote writes a quote: its kind, and unless 0 its fields.
func appendQuote(b []byte, q *Quote) []byte {
	b = varbin.AppendUvarint(b, uint64(q.Kind))
	if q.Kind == 0 {
		return b
	}
	unclosed := uint64(0)
	if q.Unclosed {
		unclosed = 1
	}
	for _, n := range []uint64{unclosed, uint64(q.Span.Start), uint64(q.Span.End), uint64(q.Sentence), uint64(q.Words)} {
		b = varbin.AppendUvarint(b, n)
	}
	for _, s := range []string{q.Text, q.Speaker, q.Mention, q.Source, q.Verb, q.Cue, q.Reason} {
		b = varbin.AppendString(b, s)
	}
	return b
}

// readQuote reads what appendQuote wrote.
func readQuote(r *varbin.Reader) Quote {
	const maxInt = 1<<62 - 1
	q := Quote{Kind: QuoteKind(r.Int(int(QuoteScare)))}
	if q.Kind == 0 {
		return q
	}
	q.Unclosed = r.Int(1) == 1
	q.Span = segment.Span{Start: r.Int(maxInt), End: r.Int(maxInt)}
	q.Sentence, q.Words = r.Int(maxInt), r.Int(maxInt)
	q.Text, q.Speaker, q.Mention, q.Source, q.Verb, q.Cue, q.Reason = r.String(), r.String(), r.String(), r.String(), r.String(), r.String(), r.String()
	return q
}

// UnmarshalBinary decodes what MarshalBinary wrote into a, which must be
// empty and made by the NewAcc of a collector with the same options. It
// returns an error on truncated or corrupt data.
func (a *Acc) UnmarshalBinary(data []byte) error {
	if len(a.docs) > 0 || len(a.names) > 1 {
		return fmt.Errorf("framing accumulator: UnmarshalBinary needs an empty accumulator (from NewAcc)")
	}
	r := varbin.NewReader(data, "framing accumulator")
	if v := r.Byte(); r.Err() == nil && v != accVersion {
		return fmt.Errorf("framing accumulator: format version %d, want %d (encoded by another version of parallax)", v, accVersion)
	}
	opt := Options{QuoteTexts: r.Int(1 << 30), LabelTexts: r.Int(1 << 30), MaxQuoteText: r.Int(1 << 30)}
	if r.Err() == nil {
		if err := a.sameOptions(&opt); err != nil {
			return err
		}
	}
	out := &Acc{opt: a.opt, names: []string{""}, nameID: map[string]uint32{"": 0},
		texts: map[uint32]*textHeap{}, labelTexts: map[labelKey]*textHeap{}, store: newRecordStore()}
	for range r.Count() {
		s := r.String()
		if _, dup := out.nameID[s]; dup && r.Err() == nil {
			r.Fail("string %q twice in the table", s)
		}
		out.id(s)
	}
	nNames := len(out.names) // the ids records may use
	seen := map[int]bool{}
	for range r.Count() {
		fd := &framingDoc{index: r.Int(1<<31 - 1), group: uint32(r.Int(nNames - 1))}
		data := []byte(r.String())
		if r.Err() != nil {
			break
		}
		if seen[fd.index] {
			r.Fail("document %d twice", fd.index)
			break
		}
		seen[fd.index] = true
		full, labels, err := validDoc(data, nNames)
		if err != nil {
			r.Fail("document %d: %v", fd.index, err)
			break
		}
		x := &framingExtra{}
		if n := r.Count(); n > 0 {
			if n != full {
				r.Fail("document %d: %d full quotes, its record has %d", fd.index, n, full)
				break
			}
			x.texts = readStrings(r, n)
			x.meta = []byte(r.String())
			if r.Err() == nil && !validMeta(x.meta, n, nNames) {
				r.Fail("document %d: corrupt quote fields", fd.index)
				break
			}
		}
		if n := r.Count(); n > 0 {
			if n != labels {
				r.Fail("document %d: %d label texts, its record has %d hits", fd.index, n, labels)
				break
			}
			x.labelText = readStrings(r, n)
		}
		if r.Err() != nil {
			break
		}
		fd.rec = out.store.Put(data)
		out.adopt(fd, x)
	}
	if err := r.Done(); err != nil {
		return err
	}
	*a = *out
	return nil
}

// readStrings reads n length-prefixed strings.
func readStrings(r *varbin.Reader, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = r.String()
	}
	return out
}
