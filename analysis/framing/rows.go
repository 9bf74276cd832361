package framing

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"parallax/analysis/resample"
	"parallax/analysis/segment"
)

// QuoteRow is a quotation with its document.
type QuoteRow struct {
	Group, Doc string
	Quote
	Stance string // neutral, distancing, endorsing (from the attribution lexicon), other, or empty without a verb
}

// Quotes returns every quotation in input order, kind filter optional
// (nil: all kinds).
func (a *Acc) Quotes(kinds ...QuoteKind) []QuoteRow {
	return slices.Collect(a.QuoteRows(kinds...))
}

// QuoteRows yields what Quotes returns, one row at a time, decoding each
// document's record as it goes: the rows are never all held at once.
func (a *Acc) QuoteRows(kinds ...QuoteKind) iter.Seq[QuoteRow] {
	return func(yield func(QuoteRow) bool) {
		stances := map[string]string{} // by verb: few verbs, many quotes
		for _, d := range a.sortedDocs() {
			h := decodeDoc(a.record(d), true)
			g := a.names[d.group]
			for _, q := range a.quotesOf(d, &h) {
				if len(kinds) > 0 && !slices.Contains(kinds, q.Kind) {
					continue
				}
				st, ok := stances[q.Verb]
				if !ok {
					st = a.stance(q.Verb)
					stances[q.Verb] = st
				}
				if !yield(QuoteRow{Group: g, Doc: h.id, Quote: q, Stance: st}) {
					return
				}
			}
		}
	}
}

// stance classifies a reporting verb with the attribution lexicon.
func (a *Acc) stance(verb string) string {
	if verb == "" {
		return ""
	}
	if a.opt.Attribution == nil {
		return "other"
	}
	hits := a.opt.Attribution.Match(segment.Tokenize(verb, nil))
	if len(hits) == 0 {
		return "other"
	}
	return hits[0].Entry.Key
}

// AttributionRow summarises a group's attribution.
type AttributionRow struct {
	Group                     string
	Docs                      int
	Words, QuotedWords        int64
	Direct, Attributed        int // direct quotes, of which with a speaker
	Indirect, Scare           int
	Neutral, Distancing       int // attributed quotes and reported speech by stance of the verb
	Endorsing, OtherVerb      int
	Sources                   int      // distinct speakers
	TopSources                []string // "name (n)", most quoted first
	QuotedShare, AttribShare  float64
	DistancingShare, EndShare float64
}

// Attribution returns one row per group.
func (a *Acc) Attribution() []AttributionRow {
	docs := a.sortedDocs()
	speakers := a.speakerNames(docs)
	stances := map[uint32]string{} // by verb id: few verbs, many quotes
	byGroup := map[string]*AttributionRow{}
	quoted := map[string]map[string]int{}
	var buf []cquote
	for _, d := range docs {
		g := a.names[d.group]
		r := byGroup[g]
		if r == nil {
			r = &AttributionRow{Group: g}
			byGroup[g] = r
			quoted[g] = map[string]int{}
		}
		h := decodeDoc(a.record(d), false)
		r.Docs++
		r.Words += h.words
		r.QuotedWords += h.quotedWords
		buf = decodeQuotes(h.quotes, buf[:0])
		for _, q := range buf {
			switch q.kind {
			case QuoteDirect:
				r.Direct++
				if q.speaker != 0 {
					r.Attributed++
				}
			case QuoteIndirect:
				r.Indirect++
			case QuoteScare:
				r.Scare++
				continue
			}
			if q.speaker != 0 {
				quoted[g][speakers[q.speaker]]++
			}
			if q.verb == 0 || a.names[q.cue] == "continuation" {
				continue
			}
			st, ok := stances[q.verb]
			if !ok {
				st = a.stance(a.names[q.verb])
				stances[q.verb] = st
			}
			switch st {
			case "neutral":
				r.Neutral++
			case "distancing":
				r.Distancing++
			case "endorsing":
				r.Endorsing++
			default:
				r.OtherVerb++
			}
		}
	}
	var rows []AttributionRow
	for _, g := range a.groupsOf(docs) {
		r := byGroup[g]
		r.QuotedShare = ratio(float64(r.QuotedWords), float64(r.Words))
		r.AttribShare = ratio(float64(r.Attributed), float64(r.Direct))
		verbs := float64(r.Neutral + r.Distancing + r.Endorsing + r.OtherVerb)
		r.DistancingShare = ratio(float64(r.Distancing), verbs)
		r.EndShare = ratio(float64(r.Endorsing), verbs)
		r.Sources = len(quoted[g])
		r.TopSources = topCounts(quoted[g], 5)
		rows = append(rows, *r)
	}
	return rows
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// topCounts returns the n most frequent keys as "key (count)", ties by key.
func topCounts(m map[string]int, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var out []string
	for i, k := range keys {
		if i == n {
			break
		}
		out = append(out, fmt.Sprintf("%s (%d)", k, m[k]))
	}
	return out
}

// SourceRow counts one speaker's quotations in one group.
type SourceRow struct {
	Group, Speaker   string
	Direct, Indirect int
	Docs             int
}

// Sources returns speakers per group, most quoted first.
func (a *Acc) Sources() []SourceRow {
	type key struct{ g, s string }
	m := map[key]*SourceRow{}
	lastDoc := map[key]int{}
	docs := a.sortedDocs()
	speakers := a.speakerNames(docs)
	var buf []cquote
	for _, d := range docs {
		g := a.names[d.group]
		buf = decodeQuotes(decodeDoc(a.record(d), false).quotes, buf[:0])
		for _, q := range buf {
			if q.speaker == 0 || q.kind == QuoteScare {
				continue
			}
			k := key{g, speakers[q.speaker]}
			r := m[k]
			if r == nil {
				r = &SourceRow{Group: g, Speaker: k.s}
				m[k] = r
			}
			if q.kind == QuoteDirect {
				r.Direct++
			} else {
				r.Indirect++
			}
			if lastDoc[k] != d.index+1 {
				lastDoc[k] = d.index + 1
				r.Docs++
			}
		}
	}
	rows := make([]SourceRow, 0, len(m))
	for _, r := range m {
		rows = append(rows, *r)
	}
	slices.SortFunc(rows, func(a, b SourceRow) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(b.Direct+b.Indirect, a.Direct+a.Indirect), cmp.Compare(a.Speaker, b.Speaker))
	})
	return rows
}

// speakerNames returns, by interned id, the name under which the tables
// count a speaker: the id's own string, or its merged spelling
// (canonicalSpeakers over the speakers of direct and indirect quotes).
// Computed once per set of documents and kept.
func (a *Acc) speakerNames(docs []*framingDoc) []string {
	if a.speakers != nil && a.speakersDocs == len(docs) {
		return a.speakers
	}
	count := map[string]int{}
	var buf []cquote
	for _, d := range docs {
		buf = decodeQuotes(decodeDoc(a.record(d), false).quotes, buf[:0])
		for _, q := range buf {
			if q.speaker != 0 && q.kind != QuoteScare {
				count[a.names[q.speaker]]++
			}
		}
	}
	canon := canonicalSpeakers(count)
	names := slices.Clone(a.names)
	for i, n := range names {
		if full, ok := canon[n]; ok {
			names[i] = full
		}
	}
	a.speakers, a.speakersDocs = names, len(docs)
	return names
}

// canonicalSpeakers merges the spellings of one person across the corpus.
// Within a document a speaker is already resolved to the nearest full name
// mentioned (names.go); across documents the same person still appears as
// "Obama", "Mr. Obama", "President Obama", "But Obama" and "Barack Obama".
// The rules, applied to the speakers of direct and indirect quotes:
//
//  1. The core of a speaker is what remains after leading titles ("Mr.",
//     "President", "Sen.") and sentence-opening words ("But", "And",
//     "While") are removed, provided every remaining word is a name word
//     (upper case then lower case, "McCain") or an initial ("J."), and the
//     first is not a verb in -ing ("Countering Obama"); otherwise the
//     speaker is kept as written ("spokesman for Netanyahu").
//  2. Full names (cores of two or more words) with the same first and last
//     word are one person ("Donald Trump", "Donald J. Trump"), named by the
//     most quoted spelling (ties: the first in byte order).
//  3. A one-word core joins the person whose last word it is when there is
//     exactly one such person; a surname two people share ("George Bush",
//     "Jeb Bush") is ambiguous and the core stays as it is.
//
// count holds the quotes of each speaker; the map returned holds only the
// speakers whose name changes.
func canonicalSpeakers(count map[string]int) map[string]string {
	speakers := slices.Sorted(maps.Keys(count))
	core := map[string][]string{}
	type person struct{ first, last string }
	best := map[person]string{} // person → the most quoted full spelling
	quoted := map[string]int{}  // full spelling → quotes, over its speakers
	for _, sp := range speakers {
		words := speakerCore(sp)
		if words == nil {
			continue
		}
		core[sp] = words
		if len(words) >= 2 {
			quoted[strings.Join(words, " ")] += count[sp]
		}
	}
	for _, full := range slices.Sorted(maps.Keys(quoted)) {
		w := strings.Fields(full)
		p := person{w[0], w[len(w)-1]}
		if b, ok := best[p]; !ok || quoted[full] > quoted[b] {
			best[p] = full
		}
	}
	bySurname := map[string]string{} // last word → the one person's name; "" when several
	for _, p := range slices.SortedFunc(maps.Keys(best), func(a, b person) int { return cmp.Or(cmp.Compare(a.last, b.last), cmp.Compare(a.first, b.first)) }) {
		if _, ok := bySurname[p.last]; ok {
			bySurname[p.last] = ""
		} else {
			bySurname[p.last] = best[p]
		}
	}
	canon := map[string]string{}
	for sp, words := range core {
		name := strings.Join(words, " ")
		if len(words) >= 2 {
			name = best[person{words[0], words[len(words)-1]}]
		} else if full := bySurname[words[0]]; full != "" {
			name = full
		}
		if name != sp {
			canon[sp] = name
		}
	}
	return canon
}

// speakerLead are the words removed from the start of a speaker: titles
// and words that open a sentence or clause (lower case).
var speakerLead = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "dr": true, "dr.": true,
	"president": true, "sen.": true, "sen": true, "senator": true, "rep.": true, "rep": true,
	"gov.": true, "gov": true, "governor": true, "secretary": true, "prime": true, "minister": true,
	"gen.": true, "general": true, "king": true, "queen": true, "prince": true, "sheikh": true,
	"ayatollah": true, "pope": true, "chancellor": true, "ambassador": true, "vice": true,
	"but": true, "and": true, "yet": true, "so": true, "since": true, "while": true, "though": true,
	"although": true, "before": true, "after": true, "as": true, "then": true, "also": true,
	"still": true, "now": true, "meanwhile": true, "however": true, "when": true, "if": true,
	"even": true, "later": true, "earlier": true,
}

// speakerCore returns a speaker's name words without leading titles and
// clause openers, or nil when what remains is not a name.
func speakerCore(sp string) []string {
	words := strings.Fields(sp)
	i := 0
	for i < len(words)-1 && speakerLead[strings.ToLower(words[i])] {
		i++
	}
	words = words[i:]
	for _, w := range words {
		if !isNameWord(w) && !isInitial(w) {
			return nil
		}
	}
	if !isNameWord(words[0]) || !isNameWord(words[len(words)-1]) {
		return nil
	}
	// A capitalised verb opening the sentence ("Countering Obama") is not
	// a first name.
	if len(words) > 1 && len(words[0]) > 5 && strings.HasSuffix(words[0], "ing") {
		return nil
	}
	return words
}

// isNameWord reports a word that begins with an upper-case letter followed
// by a lower-case one ("Obama", "McCain"; not "US" nor "official").
func isNameWord(w string) bool {
	rs := []rune(w)
	return len(rs) >= 2 && unicode.IsUpper(rs[0]) && unicode.IsLower(rs[1])
}

// isInitial reports an initial such as "J.".
func isInitial(w string) bool {
	rs := []rune(w)
	return len(rs) == 2 && unicode.IsUpper(rs[0]) && rs[1] == '.'
}

// ScareRow is a phrase a group puts in scare quotes.
type ScareRow struct {
	Group, Phrase string
	Count, Docs   int
	Labels        string // labels inside it, "referent / label"
	Example       string // doc id of the first occurrence
}

// ScareQuotes returns the scare-quoted phrases per group (lower-cased,
// counted), most frequent first.
func (a *Acc) ScareQuotes() []ScareRow {
	type key struct{ g, p string }
	m := map[key]*ScareRow{}
	last := map[key]int{}
	var buf []cquote
	for _, d := range a.sortedDocs() {
		g := a.names[d.group]
		h := decodeDoc(a.record(d), false)
		var hits []clabel
		hitsRead := false
		buf = decodeQuotes(h.quotes, buf[:0])
		for _, cq := range buf {
			if cq.kind != QuoteScare {
				continue
			}
			// scare quotes keep their text
			p := strings.ToLower(strings.Trim(a.names[cq.text], " .,;:!?…"))
			k := key{g, p}
			r := m[k]
			if r == nil {
				r = &ScareRow{Group: g, Phrase: p, Example: decodeDoc(a.record(d), true).id}
				if !hitsRead {
					hits, hitsRead = decodeLabels(h.labels, nil), true
				}
				var labels []string
				for _, h := range hits {
					if labelVoices[h.voice] == VoiceScare && h.sentence == cq.sentence {
						labels = appendUnique(labels, a.names[h.referent]+" / "+a.names[h.label])
					}
				}
				r.Labels = strings.Join(labels, "; ")
				m[k] = r
			}
			r.Count++
			if last[k] != d.index+1 {
				last[k] = d.index + 1
				r.Docs++
			}
		}
	}
	rows := make([]ScareRow, 0, len(m))
	for _, r := range m {
		rows = append(rows, *r)
	}
	slices.SortFunc(rows, func(a, b ScareRow) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(b.Count, a.Count), cmp.Compare(a.Phrase, b.Phrase))
	})
	return rows
}

// ---------------------------------------------------------------------------
// Actors

// ActorRow is one actor in one group.
type ActorRow struct {
	Actor, Group string
	Mentions     int     // sentences mentioning the actor
	Docs         int     // documents mentioning it
	Per1k        float64 // mentions per 1,000 word tokens of the group
	Tone         resample.Interval
	// Stance is the mean stance toward the actor (Options.Stance) over
	// the sentences mentioning it, each the mean of its mentions there,
	// with its bootstrap interval; N is 0 without a stance model.
	Stance resample.Interval
	// ToneAll is the mean tone with every word scored (Options.ToneMask
	// left out): Tone's mean when the mask is empty; NaN without a
	// scored sentence, as Tone's.
	ToneAll    float64
	Labels     []string // most frequent co-occurring labels, "label (n)"
	Frames     []string // most frequent co-occurring frames
	Quotes     int      // direct and indirect quotes by speakers of the actor's side
	QuoteShare float64  // Quotes / the group's attributed quotes
}

// Actors returns, per actor and group, mentions, tone and what co-occurs.
// Without an actors lexicon the actors are the most widespread names: those
// in the most groups, then the most documents, at least two documents, and
// never a group's own name.
func (fa *Acc) Actors(resamples int, seed uint64) []ActorRow {
	docs := fa.sortedDocs()
	groups := fa.groupsOf(docs)
	var actors []string
	if fa.opt.Actors != nil {
		actors = fa.opt.Actors.Lexicon().Keys()
	} else {
		actors = fa.discoverActors(docs, groups)
	}
	// One pass over the documents in input order fills every actor and
	// group at once: acc[a][g].
	gi := make(map[string]int, len(groups))
	for i, g := range groups {
		gi[g] = i
	}
	byID := map[uint32][]int{} // interned id → indexes in actors
	for i, a := range actors {
		if id, ok := fa.nameID[a]; ok {
			byID[id] = append(byID[id], i)
		}
	}
	type acc struct {
		mentions, docs, quotes int
		articles, stances      [][]float64
		labels, frames         map[uint32]int
		sumAll                 float64 // sum of the tones with every word scored
		nAll                   int
	}
	accs := make([][]acc, len(actors))
	for i := range accs {
		accs[i] = make([]acc, len(groups))
	}
	words := make([]int64, len(groups))
	attributed := make([]int, len(groups))
	type inDoc struct {
		mentions    int
		vals, svals []float64
	}
	cur := map[uint32]*inDoc{} // the current document's actors
	var order []uint32         // cur's keys in first-mention order
	var qbuf []cquote
	var sbuf []sideCount
	for _, d := range docs {
		g := gi[fa.names[d.group]]
		h := decodeDoc(fa.record(d), false)
		words[g] += h.words
		qbuf = decodeQuotes(h.quotes, qbuf[:0])
		for _, q := range qbuf {
			if q.kind != QuoteScare && q.speaker != 0 {
				attributed[g]++
			}
		}
		sbuf = decodeSides(h.sides, sbuf[:0])
		for _, s := range sbuf {
			for _, a := range byID[s.actor] {
				accs[a][g].quotes += s.n
			}
		}
		clear(cur)
		order = order[:0]
		eachSentence(h.sentRecords, func(r *sentRecord) {
			for k, id := range r.actors {
				as := byID[id]
				if len(as) == 0 {
					continue
				}
				x := cur[id]
				if x == nil {
					x = &inDoc{}
					cur[id] = x
					order = append(order, id)
				}
				x.mentions++
				if r.hasStance && !math.IsNaN(r.stance[k]) {
					x.svals = append(x.svals, r.stance[k])
				}
				if !r.scored {
					continue
				}
				x.vals = append(x.vals, r.tone)
				all := r.tone
				if r.hasAll {
					all = r.toneAll
				}
				for _, a := range as {
					ac := &accs[a][g]
					ac.sumAll += all
					ac.nAll++
					if ac.labels == nil {
						ac.labels, ac.frames = map[uint32]int{}, map[uint32]int{}
					}
					for _, k := range r.labels {
						ac.labels[k]++
					}
					for _, k := range r.frames {
						ac.frames[k]++
					}
				}
			}
		})
		for _, id := range order {
			x := cur[id]
			for _, a := range byID[id] {
				ac := &accs[a][g]
				ac.docs++
				ac.mentions += x.mentions
				ac.articles = append(ac.articles, x.vals)
				ac.stances = append(ac.stances, x.svals)
			}
		}
	}
	names := func(m map[uint32]int) map[string]int {
		out := make(map[string]int, len(m))
		for k, n := range m {
			out[fa.names[k]] += n
		}
		return out
	}
	var rows []ActorRow
	for ai, a := range actors {
		for g, gname := range groups {
			ac := &accs[ai][g]
			r := ActorRow{Actor: a, Group: gname, Mentions: ac.mentions, Docs: ac.docs, Quotes: ac.quotes}
			r.Per1k = ratio(1000*float64(r.Mentions), float64(words[g]))
			r.Tone = actorInterval(ac.articles, resamples, seed, "actor\x00"+a+"\x00"+gname)
			r.Stance = actorInterval(ac.stances, resamples, seed, "stance\x00"+a+"\x00"+gname)
			r.ToneAll = math.NaN()
			if ac.nAll > 0 {
				r.ToneAll = ac.sumAll / float64(ac.nAll)
			}
			r.Labels = topCounts(names(ac.labels), 2)
			r.Frames = topCounts(names(ac.frames), 2)
			r.QuoteShare = ratio(float64(r.Quotes), float64(attributed[g]))
			rows = append(rows, r)
		}
	}
	return rows
}

// actorInterval is the mean of the values of the articles with its
// bootstrap interval (key names the random stream), n/a under 2 values.
func actorInterval(articles [][]float64, resamples int, seed uint64, key string) resample.Interval {
	s, err := resample.SampleFromArticles(articles)
	if err == nil && s.Len() >= 2 {
		return resample.Bootstrap(s, resamples, seed, key)
	}
	iv := resample.Interval{Mean: math.NaN(), Low: math.NaN(), High: math.NaN(), N: s.Len(), Small: true}
	if s.Len() == 1 {
		iv.Mean = s.Mean()
	}
	return iv
}

// discoverActors picks the most widespread names.
func (a *Acc) discoverActors(docs []*framingDoc, groups []string) []string {
	type stat struct {
		groups  map[uint32]bool
		docs    int
		lastDoc int // 1 + the index in docs of the last document counted
		skip    bool
	}
	st := map[uint32]*stat{}
	isGroup := map[string]bool{}
	for _, g := range groups {
		isGroup[strings.ToLower(g)] = true
	}
	for i, d := range docs {
		eachSentence(decodeDoc(a.record(d), false).sentRecords, func(r *sentRecord) {
			for _, id := range r.actors {
				s := st[id]
				if s == nil {
					name := a.names[id]
					s = &stat{groups: map[uint32]bool{}, skip: isGroup[strings.ToLower(name)] || len(name) < 2}
					st[id] = s
				}
				if s.skip || s.lastDoc == i+1 {
					continue
				}
				s.lastDoc = i + 1
				s.groups[d.group] = true
				s.docs++
			}
		})
	}
	var names []string
	stByName := map[string]*stat{}
	for id, s := range st {
		if !s.skip && s.docs >= 2 && (len(groups) < 2 || len(s.groups) >= 2) {
			n := a.names[id]
			names = append(names, n)
			stByName[n] = s
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := stByName[names[i]], stByName[names[j]]
		if len(a.groups) != len(b.groups) {
			return len(a.groups) > len(b.groups)
		}
		if a.docs != b.docs {
			return a.docs > b.docs
		}
		return names[i] < names[j]
	})
	if len(names) > a.opt.DiscoverActors {
		names = names[:a.opt.DiscoverActors]
	}
	return names
}
