package framing

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"parallax/analysis/internal/varbin"
)

// DocRecord is what Map gathers of one document, before Acc.Add encodes
// it compactly: its group and load ordinal, id, word counts, label hits,
// quotes, and per sentence mentioning an actor its tone, labels and frames.
type DocRecord struct {
	index              int
	group, id          string
	words, quotedWords int64
	sentences          int
	labels             []LabelHit
	qs                 []Quote
	actors             map[string][]int // actor → sentences (0-based) mentioning it
	sentTone           map[int]float64  // per sentence mentioning an actor, its VADER compound
	sentLabels         map[int][]string // its labels ("referent / label")
	sentFrames         map[int][]string // its frames
	sideQuotes         map[string]int   // direct and indirect quotes whose speaker or source names the actor
	// stance holds, per sentence and actor mentioned in it, the mean
	// stance of the actor's mentions there (Options.Stance; nil without).
	stance map[sentActor]float64
	// sentToneAll holds, per scored sentence whose VADER compound with
	// every word scored differs from sentTone (Options.ToneMask left a
	// word of it out), that compound; nil without.
	sentToneAll map[int]float64
}

// sentActor is an actor mentioned in a sentence.
type sentActor struct {
	sentence int
	actor    string
}

// Group returns the document's group.
func (r *DocRecord) Group() string { return r.group }

// Index returns the document's load ordinal.
func (r *DocRecord) Index() int { return r.index }

// recordVersion is the first byte of an encoded DocRecord.
const recordVersion = 3

// AppendBinary appends the record's binary form: version, ordinal, group,
// id, counts, label hits, quotes (appendQuote), then the sentence maps,
// side counts and stances with their keys in increasing order.
func (r *DocRecord) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, recordVersion)
	b = varbin.AppendUvarint(b, uint64(r.index))
	b = varbin.AppendString(b, r.group)
	b = varbin.AppendString(b, r.id)
	for _, n := range []int64{r.words, r.quotedWords, int64(r.sentences)} {
		b = varbin.AppendUvarint(b, uint64(n))
	}
	b = varbin.AppendUvarint(b, uint64(len(r.labels)))
	for _, l := range r.labels {
		b = varbin.AppendString(b, l.Referent)
		b = varbin.AppendString(b, l.Label)
		b = varbin.AppendUvarint(b, uint64(voiceCode(l.Voice)))
		b = varbin.AppendUvarint(b, uint64(l.Sentence))
		b = varbin.AppendString(b, l.Text)
	}
	b = varbin.AppendUvarint(b, uint64(len(r.qs)))
	for i := range r.qs {
		b = appendQuote(b, &r.qs[i])
	}
	b = varbin.AppendUvarint(b, uint64(len(r.actors)))
	for _, k := range slices.Sorted(maps.Keys(r.actors)) {
		b = varbin.AppendString(b, k)
		b = appendInts(b, r.actors[k])
	}
	b = varbin.AppendUvarint(b, uint64(len(r.sentTone)))
	for _, s := range slices.Sorted(maps.Keys(r.sentTone)) {
		b = varbin.AppendUvarint(b, uint64(s))
		b = varbin.AppendFloat64(b, r.sentTone[s])
	}
	for _, m := range []map[int][]string{r.sentLabels, r.sentFrames} {
		b = varbin.AppendUvarint(b, uint64(len(m)))
		for _, s := range slices.Sorted(maps.Keys(m)) {
			b = varbin.AppendUvarint(b, uint64(s))
			b = varbin.AppendUvarint(b, uint64(len(m[s])))
			for _, x := range m[s] {
				b = varbin.AppendString(b, x)
			}
		}
	}
	b = varbin.AppendUvarint(b, uint64(len(r.sideQuotes)))
	for _, k := range slices.Sorted(maps.Keys(r.sideQuotes)) {
		b = varbin.AppendString(b, k)
		b = varbin.AppendUvarint(b, uint64(r.sideQuotes[k]))
	}
	keys := slices.SortedFunc(maps.Keys(r.stance), func(a, b sentActor) int {
		return cmp.Or(cmp.Compare(a.sentence, b.sentence), cmp.Compare(a.actor, b.actor))
	})
	b = varbin.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = varbin.AppendUvarint(b, uint64(k.sentence))
		b = varbin.AppendString(b, k.actor)
		b = varbin.AppendFloat64(b, r.stance[k])
	}
	b = varbin.AppendUvarint(b, uint64(len(r.sentToneAll)))
	for _, s := range slices.Sorted(maps.Keys(r.sentToneAll)) {
		b = varbin.AppendUvarint(b, uint64(s))
		b = varbin.AppendFloat64(b, r.sentToneAll[s])
	}
	return b, nil
}

func appendInts(b []byte, xs []int) []byte {
	b = varbin.AppendUvarint(b, uint64(len(xs)))
	for _, x := range xs {
		b = varbin.AppendUvarint(b, uint64(x))
	}
	return b
}

// MarshalBinary returns AppendBinary(nil).
func (r *DocRecord) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// UnmarshalBinary decodes what AppendBinary wrote, replacing r; it returns
// an error on truncated or corrupt data.
func (r *DocRecord) UnmarshalBinary(data []byte) error {
	const maxInt = 1<<62 - 1
	d := varbin.NewReader(data, "framing record")
	if v := d.Byte(); d.Err() == nil && v != recordVersion {
		return fmt.Errorf("framing record: format version %d, want %d (encoded by another version of parallax)", v, recordVersion)
	}
	out := DocRecord{index: d.Int(1<<31 - 1), group: d.String(), id: d.String(),
		words: int64(d.Int(maxInt)), quotedWords: int64(d.Int(maxInt)), sentences: d.Int(maxInt),
		actors: map[string][]int{}, sentTone: map[int]float64{}, sentLabels: map[int][]string{},
		sentFrames: map[int][]string{}, sideQuotes: map[string]int{}}
	for range d.Count() {
		out.labels = append(out.labels, LabelHit{Referent: d.String(), Label: d.String(),
			Voice: labelVoices[d.Int(len(labelVoices)-1)], Sentence: d.Int(maxInt), Text: d.String()})
	}
	for range d.Count() {
		q := readQuote(d)
		if q.Kind == 0 {
			d.Fail("a quote of kind 0")
		}
		out.qs = append(out.qs, q)
	}
	for range d.Count() {
		k := d.String()
		var ss []int
		for range d.Count() {
			ss = append(ss, d.Int(maxInt))
		}
		out.actors[k] = ss
	}
	for range d.Count() {
		s := d.Int(maxInt)
		out.sentTone[s] = d.Float64()
	}
	for _, m := range []map[int][]string{out.sentLabels, out.sentFrames} {
		for range d.Count() {
			s := d.Int(maxInt)
			var xs []string
			for range d.Count() {
				xs = append(xs, d.String())
			}
			m[s] = xs
		}
	}
	for range d.Count() {
		k := d.String()
		out.sideQuotes[k] = d.Int(maxInt)
	}
	if n := d.Count(); n > 0 {
		out.stance = make(map[sentActor]float64, n)
		for range n {
			k := sentActor{sentence: d.Int(maxInt), actor: d.String()}
			out.stance[k] = d.Float64()
		}
	}
	if n := d.Count(); n > 0 {
		out.sentToneAll = make(map[int]float64, n)
		for range n {
			s := d.Int(maxInt)
			out.sentToneAll[s] = d.Float64()
		}
	}
	if err := d.Done(); err != nil {
		return err
	}
	*r = out
	return nil
}
