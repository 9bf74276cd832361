package tonestats

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"parallax/analysis/resample"
)

// accVersion is the leading byte of an Acc's encoding.
const accVersion = 1

// Flags of an Acc's encoding: which texts its records carry.
const (
	flagSentences = 1 << iota
	flagDocuments
)

// MarshalBinary encodes the accumulator: a version byte; the instruments,
// budget and text options; then each group in name order with its released
// flag, its largest |score| per instrument and its documents (ordinal,
// sentence count, the scores it keeps, the texts). The same accumulator
// always gives the same bytes.
func (a *Acc) MarshalBinary() ([]byte, error) {
	b := []byte{accVersion}
	b = appendUint(b, uint64(len(a.instruments)))
	for _, name := range a.instruments {
		b = appendString(b, name)
	}
	b = appendUint(b, uint64(a.budget))
	var flags byte
	if a.sentences {
		flags |= flagSentences
	}
	if a.documents {
		flags |= flagDocuments
	}
	b = append(b, flags)
	k := len(a.instruments)
	names := slices.Sorted(maps.Keys(a.groups))
	b = appendUint(b, uint64(len(names)))
	for _, name := range names {
		g := a.groups[name]
		b = appendString(b, name)
		b = appendBool(b, g.released)
		for _, m := range g.maxAbs {
			b = appendFloat(b, m)
		}
		b = appendUint(b, uint64(len(g.ordinals)))
		off := 0
		for i, n := range g.counts {
			b = appendUint(b, uint64(g.ordinals[i]))
			b = appendUint(b, uint64(n))
			l := g.docScores(n, k)
			for _, v := range g.scores[off : off+l] {
				b = appendFloat(b, v)
			}
			off += l
			if a.keepsText() {
				b = g.texts[i].appendBinary(b)
			}
		}
	}
	return b, nil
}

// UnmarshalBinary replaces a with the accumulator data encodes. It returns
// an error, never panics, on truncated, corrupt or inconsistent input (a
// group released or not against the rule of Options.MaxKeptSentences,
// texts that do not match the sentence counts).
func (a *Acc) UnmarshalBinary(data []byte) error {
	out, err := decodeAcc(data)
	if err != nil {
		return fmt.Errorf("tone accumulator: %v", err)
	}
	*a = *out
	return nil
}

func decodeAcc(data []byte) (*Acc, error) {
	r := &reader{b: data}
	if v := r.byte(); r.err == nil && v != accVersion {
		return nil, fmt.Errorf("format version %d, this build reads %d", v, accVersion)
	}
	a := &Acc{groups: map[string]*groupAcc{}}
	k := r.count("instrument", 1)
	if r.err == nil && k == 0 {
		return nil, fmt.Errorf("no instruments")
	}
	for range k {
		a.instruments = append(a.instruments, r.string())
	}
	a.budget = r.int("budget", math.MaxInt)
	flags := r.byte()
	if flags&^(flagSentences|flagDocuments) != 0 {
		r.fail("unknown flags %#x", flags)
	}
	a.sentences, a.documents = flags&flagSentences != 0, flags&flagDocuments != 0
	groups := r.count("group", 3+8*k)
	prev := ""
	for i := range groups {
		name := r.string()
		if r.err != nil {
			break
		}
		if i > 0 && name <= prev {
			return nil, fmt.Errorf("group %q follows %q: names must be unique and ascending", name, prev)
		}
		prev = name
		g := &groupAcc{released: r.bool(), maxAbs: make([]float64, k)}
		for j := range g.maxAbs {
			g.maxAbs[j] = r.float()
		}
		docs := r.count("document", 2)
		for range docs {
			if r.err != nil {
				break
			}
			rec := DocRecord{Group: name, Ordinal: r.int("ordinal", math.MaxInt), Sentences: r.int("sentence count", math.MaxInt32)}
			l := g.docScores(int32(rec.Sentences), k)
			if l > (len(r.b)-r.off)/8 {
				r.fail("%d scores do not fit in the %d bytes left", l, len(r.b)-r.off)
				break
			}
			scores := make([]float64, l)
			for j := range scores {
				scores[j] = r.float()
			}
			if a.keepsText() {
				rec.Text = r.docText()
			}
			if r.err != nil {
				break
			}
			if err := a.check(&rec); err != nil {
				return nil, fmt.Errorf("group %q, document %d: %v", name, rec.Ordinal, err)
			}
			g.ordinals = append(g.ordinals, rec.Ordinal)
			g.counts = append(g.counts, int32(rec.Sentences))
			g.scores = append(g.scores, scores...)
			if a.keepsText() {
				g.texts = append(g.texts, rec.Text)
			}
			if rec.Sentences > 0 {
				g.articles++
			}
			a.total += rec.Sentences
		}
		a.groups[name] = g
	}
	if err := r.done(); err != nil {
		return nil, err
	}
	a.released = !a.sentences && a.total > a.budget
	for name, g := range a.groups {
		if want := a.released && g.articles >= resample.MinClusterUnits; g.released != want {
			return nil, fmt.Errorf("group %q: released %v, but %d sentences against a budget of %d and %d articles make it %v",
				name, g.released, a.total, a.budget, g.articles, want)
		}
	}
	return a, nil
}
