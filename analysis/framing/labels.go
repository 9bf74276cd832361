package framing

import (
	"cmp"
	"math"
	"slices"

	"parallax/lexicons"
)

// LabelHit is one occurrence of a label.
type LabelHit struct {
	Referent, Label string
	Voice           string // own, scare or quoted
	Sentence        int    // 0-based
	Text            string // the sentence, matched words in [brackets]; empty beyond LabelTexts
}

// Voices of a label occurrence.
const (
	VoiceOwn    = "own"    // in the outlet's own words
	VoiceScare  = "scare"  // inside a scare quote
	VoiceQuoted = "quoted" // inside a direct quote
)

// ---------------------------------------------------------------------------
// Labels

// LabelRow is one label's use by one group.
type LabelRow struct {
	Referent, Label, Group string
	Own, Scare, Quoted     int64
	Total                  int64
	Share                  float64 // Total / the group's hits for the referent; NaN when none
	Docs                   int     // documents using the label
}

// LabelRows returns, for every referent and label of the labels lexicon and
// every group, the label's counts by voice and its share of the referent's
// hits in the group. Rows follow the lexicon's order, then the groups'.
func (a *Acc) LabelRows() []LabelRow {
	if a.opt.Labels == nil {
		return nil
	}
	docs := a.sortedDocs()
	groups := a.groupsOf(docs)
	type key struct{ ref, label, group string }
	counts := map[key]*LabelRow{}
	docSeen := map[key]int{}
	refTotal := map[[2]string]int64{}
	for _, d := range docs {
		g := a.names[d.group]
		h := decodeDoc(d.data, false)
		for _, h := range a.labelsOf(d, &h) {
			k := key{h.Referent, h.Label, g}
			r := counts[k]
			if r == nil {
				r = &LabelRow{Referent: h.Referent, Label: h.Label, Group: g}
				counts[k] = r
			}
			switch h.Voice {
			case VoiceScare:
				r.Scare++
			case VoiceQuoted:
				r.Quoted++
			default:
				r.Own++
			}
			r.Total++
			refTotal[[2]string{h.Referent, g}]++
			if docSeen[k] != d.index+1 {
				docSeen[k] = d.index + 1
				r.Docs++
			}
		}
	}
	var rows []LabelRow
	for _, rl := range labelOrder(a.opt.Labels.Lexicon()) {
		for _, g := range groups {
			r := counts[key{rl[0], rl[1], g}]
			if r == nil {
				r = &LabelRow{Referent: rl[0], Label: rl[1], Group: g}
			}
			r.Share = math.NaN()
			if t := refTotal[[2]string{rl[0], g}]; t > 0 {
				r.Share = float64(r.Total) / float64(t)
			}
			rows = append(rows, *r)
		}
	}
	return rows
}

// labelOrder lists (referent, label) pairs in the lexicon's order.
func labelOrder(lx *lexicons.Lexicon) [][2]string {
	seen := map[[2]string]bool{}
	var out [][2]string
	for _, e := range lx.Entries {
		k := [2]string{e.Key, e.Label}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// LabelPassages returns up to max passages per referent, label, group and
// voice, in input order.
func (a *Acc) LabelPassages(max int) []LabelPassage {
	docs := a.sortedDocs()
	seen := map[[4]string]int{}
	var out []LabelPassage
	for _, d := range docs {
		g := a.names[d.group]
		dh := decodeDoc(d.data, true)
		for _, h := range a.labelsOf(d, &dh) {
			k := [4]string{h.Referent, h.Label, g, h.Voice}
			if seen[k] >= max {
				continue
			}
			seen[k]++
			out = append(out, LabelPassage{Group: g, Doc: dh.id, Hit: h})
		}
	}
	slices.SortStableFunc(out, func(a, b LabelPassage) int {
		return cmp.Or(cmp.Compare(a.Hit.Referent, b.Hit.Referent), cmp.Compare(a.Hit.Label, b.Hit.Label), cmp.Compare(a.Group, b.Group))
	})
	return out
}

// LabelPassage is a label occurrence with its document.
type LabelPassage struct {
	Group, Doc string
	Hit        LabelHit
}

// QuoteCounter returns, for EventResult.CountQuotes, the number of direct
// quotes and indirect speech starting in a sentence, by document
// (Doc.Index) and 1-based sentence. Scare quotes are not speech and do not
// count.
func (a *Acc) QuoteCounter() func(docIndex, sentence int) int {
	// one sorted key per quote, document in the high half: the count is
	// the length of a key's run
	var buf []cquote
	docs := a.sortedDocs()
	each := func(fn func(k uint64)) {
		for _, d := range docs {
			buf = decodeQuotes(decodeDoc(d.data, false).quotes, buf[:0])
			for _, q := range buf {
				if q.kind == QuoteDirect || q.kind == QuoteIndirect {
					fn(quoteKey(d.index, q.sentence+1))
				}
			}
		}
	}
	n := 0
	each(func(uint64) { n++ })
	keys := make([]uint64, 0, n) // the exact size: kept while events are summed
	each(func(k uint64) { keys = append(keys, k) })
	slices.Sort(keys)
	return func(doc, sent int) int {
		if doc < 0 || sent < 0 || uint64(doc) > math.MaxUint32 || uint64(sent) > math.MaxUint32 {
			return 0
		}
		k := quoteKey(doc, sent)
		lo, ok := slices.BinarySearch(keys, k)
		if !ok {
			return 0
		}
		hi := lo
		for hi < len(keys) && keys[hi] == k {
			hi++
		}
		return hi - lo
	}
}

func quoteKey(doc, sent int) uint64 { return uint64(doc)<<32 | uint64(uint32(sent)) }
