package framing

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
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
	Total                  int64 // Own + Scare + Quoted
	// Unresolved counts the hits whose sentence is not about the referent
	// by the lexicon's context (VoiceUnresolved): in no other figure.
	Unresolved int64
	Share      float64 // Total / the group's hits for the referent; NaN when none
	Docs       int     // documents using the label
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
		h := decodeDoc(a.record(d), false)
		for _, h := range a.labelsOf(d, &h) {
			k := key{h.Referent, h.Label, g}
			r := counts[k]
			if r == nil {
				r = &LabelRow{Referent: h.Referent, Label: h.Label, Group: g}
				counts[k] = r
			}
			switch h.Voice {
			case VoiceUnresolved:
				r.Unresolved++
				continue
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
		dh := decodeDoc(a.record(d), true)
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
			buf = decodeQuotes(decodeDoc(a.record(d), false).quotes, buf[:0])
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

// ---------------------------------------------------------------------------
// Labels tied to their referent

// VoiceUnresolved marks a label hit whose sentence is not about its
// referent by the lexicon's context rules: it is not counted for the
// referent (LabelRow.Unresolved counts it) and its passage is kept.
const VoiceUnresolved = "unresolved"

// labelContext decides, for the referents of a labels lexicon with a
// "context" (lexicons.LabelContext), whether a hit's sentence is about
// its referent. Rules, in order (docs/lexicons.md, "context"):
//
//  1. A referent without a context: every hit counts.
//  2. The sentence holds one of the referent's cues: it counts.
//  3. The sentence names years (four digits from 1900 to 2100, written as
//     such): it counts when one of them overlaps the referent's dates, and
//     not otherwise ("the successful Azerbaijani 2020 assault" is no label
//     of the 2023 offensive, whatever the page's date).
//  4. Otherwise the document's date (YYYY-MM-DD, YYYY-MM or YYYY) must
//     overlap the referent's dates; an undated document's hit does not
//     count.
//
// A referent whose context has cues but no dates counts only rule 2.
type labelContext struct {
	ctx  map[string]lexicons.LabelContext
	cues *lexmatch.Matcher // categories: key = referent
}

// newLabelContext compiles the context of a labels lexicon; nil when it
// has none.
func newLabelContext(lx *lexicons.Lexicon) (*labelContext, error) {
	if lx == nil || len(lx.Context) == 0 {
		return nil, nil
	}
	lc := &labelContext{ctx: lx.Context}
	cl := &lexicons.Lexicon{Name: lx.Name + " context", Kind: lexicons.KindCategories, File: lx.File, Format: lexicons.FormatNative}
	for _, ref := range slices.Sorted(maps.Keys(lx.Context)) {
		for _, c := range lx.Context[ref].Cues {
			cl.Entries = append(cl.Entries, lexicons.Entry{Key: ref, Pattern: c, Line: lx.Context[ref].Line})
		}
	}
	if len(cl.Entries) > 0 {
		m, err := lexmatch.Compile(cl)
		if err != nil {
			return nil, fmt.Errorf("%s: context cues: %v", lx.File, err)
		}
		lc.cues = m
	}
	return lc, nil
}

// sentenceFacts is what the rules read of one sentence, found once.
type sentenceFacts struct {
	cued  map[string]bool // referents whose cues the sentence holds
	years []int
}

// facts reads a sentence: toks are its tokens, text the document's text
// (token spans index it).
func (lc *labelContext) facts(toks []segment.Token, text string, hits []lexmatch.Hit) (sentenceFacts, []lexmatch.Hit) {
	var f sentenceFacts
	if lc.cues != nil {
		hits = lc.cues.AppendMatches(hits[:0], toks)
		for _, h := range hits {
			if f.cued == nil {
				f.cued = map[string]bool{}
			}
			f.cued[h.Entry.Key] = true
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.Kind != segment.TokNumber || len(t.Norm) != 4 || text[t.Span.Start:t.Span.End] != t.Norm {
			continue
		}
		if y, err := strconv.Atoi(t.Norm); err == nil && y >= 1900 && y <= 2100 {
			f.years = append(f.years, y)
		}
	}
	return f, hits
}

// resolved applies the rules to a hit of ref in a sentence of a document
// dated docDate.
func (lc *labelContext) resolved(ref string, f *sentenceFacts, docDate string) bool {
	c, ok := lc.ctx[ref]
	if !ok || f.cued[ref] {
		return true
	}
	if len(c.Dates) == 0 {
		return false
	}
	if len(f.years) > 0 {
		for _, y := range f.years {
			if overlapsAny(c.Dates, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)) {
				return true
			}
		}
		return false
	}
	from, to, ok := datePeriod(docDate)
	return ok && overlapsAny(c.Dates, from, to)
}

// datePeriod reads the ISO 8601 prefix of a document's date as the days
// it covers: YYYY-MM-DD one day, YYYY-MM its month, YYYY its year.
func datePeriod(s string) (from, to time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		layout string
		n      int
		add    func(time.Time) time.Time
	}{
		{time.DateOnly, 10, func(t time.Time) time.Time { return t }},
		{"2006-01", 7, func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", 4, func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if len(s) < f.n {
			continue
		}
		if len(s) > f.n && s[f.n] >= '0' && s[f.n] <= '9' {
			continue
		}
		if t, err := time.Parse(f.layout, s[:f.n]); err == nil {
			return t, f.add(t), true
		}
	}
	return time.Time{}, time.Time{}, false
}

func overlapsAny(rs []lexicons.DateRange, from, to time.Time) bool {
	for _, r := range rs {
		if !r.To.Before(from) && !to.Before(r.From) {
			return true
		}
	}
	return false
}
