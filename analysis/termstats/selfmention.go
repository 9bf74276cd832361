package termstats

import (
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"

	"parallax/analysis/segment"
)

// Self-mentions are the terms by which a group names itself: an outlet's
// name ("npr", "reuters"), its initials ("ap", "wsj"), its web domain
// ("foxnews", "dailycaller") and the brand forms its pages carry in most
// documents and other groups' pages almost never (a licensing blurb's
// "dailycallernewsfoundation.org", Reuters' "slideshow"). They are found
// from the corpus itself, never from a list of outlets, and masked at
// finish time: whether a term is a group's self-mention depends on
// corpus-wide document frequencies, which only the merged accumulators
// know. Masking removes a group's self-mentions from that group's counts
// only (Fox's "cnn" stays a term of Fox); the text is not changed, so KWIC
// and quotes still show them. docs/cleaning.md gives the rules.

// Hosts counts, per group, the documents whose URL has each host name: the
// small side input from which self-mentions learn a group's web domains.
// It is a sum, so Merge of any split in any order gives the same Hosts.
type Hosts map[string]map[string]int

// Add counts one document of group with the URL rawURL (nothing when the
// URL has no host).
func (h Hosts) Add(group, rawURL string) {
	if rawURL == "" {
		return
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Hostname() == "" {
		return
	}
	m := h[group]
	if m == nil {
		m = map[string]int{}
		h[group] = m
	}
	m[strings.ToLower(u.Hostname())]++
}

// Merge adds o's counts to h.
func (h Hosts) Merge(o Hosts) {
	for g, m := range o {
		for host, n := range m {
			if h[g] == nil {
				h[g] = map[string]int{}
			}
			h[g][host] += n
		}
	}
}

// Thresholds of the self-mention rules (docs/cleaning.md).
const (
	// A candidate form (a name token, the initials, a domain label) is a
	// self-mention when the share of the group's documents holding it is
	// at least selfOverRate times the share of the other groups' documents.
	selfOverRate = 1.5
	// A host names the group when at least selfHostShare of the group's
	// documents with a URL are on it.
	selfHostShare = 0.10
	// A brand form: in at least brandGroupShare of the group's documents
	// and at most brandRestShare of the other groups' documents.
	brandGroupShare = 0.40
	brandRestShare  = 0.01
	// Groups with fewer documents get no brand forms: "nearly all" of two
	// documents is no evidence.
	brandMinDocs = 20
	// Groups with fewer documents get no self-mentions at all: in one
	// document every word of the name is "over-represented".
	selfMinDocs = 3
)

// MaskedTerms are the terms masked as one group's self-mentions.
type MaskedTerms struct {
	Group string
	Terms []string // alphabetical
	Count int64    // occurrences removed from the group's counts
}

// SelfMentions returns, per group of t (in t's order), the ids of its
// self-mentions, ascending. stem says the table's terms are Porter2 stems
// (--stem), so that name and domain forms are stemmed to match.
func SelfMentions(t *TermTable, hosts Hosts, stem bool) [][]int32 {
	out := make([][]int32, len(t.Groups))
	for g, name := range t.Groups {
		rest := t.TotalDocs - t.Docs[g]
		if t.Docs[g] < selfMinDocs || rest <= 0 {
			continue
		}
		share := func(id int32) (in, other float64) {
			d := t.DocFreq[g].Get(id)
			return float64(d) / float64(t.Docs[g]), float64(t.CorpusDF[id]-d) / float64(rest)
		}
		masked := map[int32]bool{}
		forms := candidateForms(name, hosts[name], stem)
		for _, form := range forms {
			id := t.TermIndex(form)
			if id < 0 {
				continue
			}
			if in, other := share(id); in > 0 && in >= selfOverRate*other {
				masked[id] = true
			}
		}
		// Compounds: handles and brand words built on a form
		// ("breitbartlondon", "dailycallernewsfoundation", "thedcnf").
		for _, id := range t.Count[g].IDs {
			if !masked[id] && isCompound(t.Terms[id], forms) {
				if in, other := share(id); in >= selfOverRate*other {
					masked[id] = true
				}
			}
		}
		if t.Docs[g] >= brandMinDocs {
			df := t.DocFreq[g]
			for i, id := range df.IDs {
				if float64(df.Counts[i]) < brandGroupShare*float64(t.Docs[g]) {
					continue
				}
				if _, other := share(id); other <= brandRestShare {
					masked[id] = true
				}
			}
		}
		staffMentions(t, g, masked)
		if len(masked) > 0 {
			masked = withNGrams(t, g, masked)
		}
		for id := range masked {
			out[g] = append(out[g], id)
		}
		slices.Sort(out[g])
	}
	return out
}

// isCompound reports whether term is one word built on a form: a form of
// five letters or more inside it, or a form of two to four letters (the
// initials) opening it, after "the", with at most two letters more.
func isCompound(term string, forms []string) bool {
	if strings.ContainsAny(term, " .'") {
		return false
	}
	for _, f := range forms {
		if len(f) >= len(term) {
			continue
		}
		if len(f) >= 5 && strings.Contains(term, f) {
			return true
		}
		if len(f) <= 4 && !strings.Contains(f, ".") {
			rest := strings.TrimPrefix(term, "the")
			if strings.HasPrefix(rest, f) && len(rest) <= len(f)+2 {
				return true
			}
		}
	}
	return false
}

// withNGrams adds to masked the group's n-grams (terms of several words)
// one of whose words is masked.
func withNGrams(t *TermTable, g int, masked map[int32]bool) map[int32]bool {
	words := map[string]bool{}
	for id := range masked {
		words[t.Terms[id]] = true
	}
	for _, id := range t.Count[g].IDs {
		term := t.Terms[id]
		if !strings.Contains(term, " ") {
			continue
		}
		for w := range strings.FieldsSeq(term) {
			if words[w] {
				masked[id] = true
				break
			}
		}
	}
	return masked
}

// candidateForms are the forms by which a group may name itself: the
// tokens of its name, their initials (of the name before any " - " or
// "(": "Associated Press" → "ap"), and the labels of the hosts holding at
// least selfHostShare of its documents with a URL, with those hosts
// themselves ("www." aside) and their registrable names ("foxnews.com").
func candidateForms(name string, hosts map[string]int, stem bool) []string {
	var forms []string
	add := func(f string) {
		if len(f) < 2 {
			return
		}
		forms = append(forms, f)
		if stem {
			forms = append(forms, english.Stem(f, true))
		}
	}
	for _, w := range groupNameForms(name) { // its words, then their initials
		add(w)
	}
	total := 0
	for _, n := range hosts {
		total += n
	}
	for _, host := range slices.Sorted(maps.Keys(hosts)) {
		if float64(hosts[host]) < selfHostShare*float64(total) {
			continue
		}
		host = strings.TrimPrefix(host, "www.")
		labels := strings.Split(host, ".")
		add(host)
		if len(labels) >= 2 {
			add(strings.Join(labels[len(labels)-2:], "."))
		}
		// Every label, the top-level domain too: a domain in running text
		// ("FoxNews.com") is read as the words "foxnews" and "com".
		for _, l := range labels {
			if !genericHostLabels[l] {
				add(l)
			}
		}
	}
	return forms
}

// genericHostLabels are host labels that name no outlet.
var genericHostLabels = map[string]bool{
	"www": true, "m": true, "amp": true, "mobile": true, "blogs": true, "blog": true, "online": true,
	"co": true, "com": true, "org": true, "net": true, "go": true, "news": true, "edition": true,
	"us": true, "uk": true, "en": true, "beta": true, "web": true,
}

// nameWords are the lower-cased word tokens of a group's name.
func nameWords(name string) []string {
	var out []string
	for _, tok := range segment.Tokenize(name, nil) {
		if tok.Kind == segment.TokWord {
			out = append(out, tok.Norm)
		}
	}
	return out
}

// MaskSelfMentions removes mask[g] (ids of t, as SelfMentions returns)
// from group g's counts and document frequencies, and from the corpus
// totals; terms left with no occurrence anywhere are dropped from the
// table and the ids renumbered. It updates the group summaries (Terms,
// Types) and the document vectors (nil allowed) to match, and returns what
// was masked per group, groups without a mask left out.
func MaskSelfMentions(t *TermTable, sums []GroupSummary, docs *DocVectors, mask [][]int32) []MaskedTerms {
	var out []MaskedTerms
	for g := range t.Groups {
		if len(mask[g]) == 0 {
			continue
		}
		m := MaskedTerms{Group: t.Groups[g]}
		drop := map[int32]bool{}
		for _, id := range mask[g] {
			drop[id] = true
			m.Terms = append(m.Terms, t.Terms[id])
			c, d := t.Count[g].Get(id), t.DocFreq[g].Get(id)
			m.Count += c
			t.Tokens[g] -= c
			t.TotalTokens -= c
			t.CorpusCount[id] -= c
			t.CorpusDF[id] -= d
		}
		t.Count[g] = dropIDs(t.Count[g], drop)
		t.DocFreq[g] = dropIDs(t.DocFreq[g], drop)
		if g < len(sums) {
			sums[g].Terms = t.Tokens[g]
			sums[g].Types = t.Count[g].Len()
		}
		if docs != nil {
			for i, grp := range docs.Groups {
				if grp == t.Groups[g] {
					docs.Vecs[i] = dropIDsInPlace(docs.Vecs[i], drop)
				}
			}
		}
		out = append(out, m)
	}
	compactTerms(t, docs)
	return out
}

// dropIDs returns s without the ids in drop (a new slice when any is).
func dropIDs(s SparseCounts, drop map[int32]bool) SparseCounts {
	var out SparseCounts
	for i, id := range s.IDs {
		if !drop[id] {
			out.IDs = append(out.IDs, id)
			out.Counts = append(out.Counts, s.Counts[i])
		}
	}
	return out
}

// dropIDsInPlace is dropIDs reusing s's arrays, for the document vectors,
// which nothing else holds: they are not copied while all are live
// (docs/performance.md, "Memory").
func dropIDsInPlace(s SparseCounts, drop map[int32]bool) SparseCounts {
	n := 0
	for i, id := range s.IDs {
		if !drop[id] {
			s.IDs[n], s.Counts[n] = id, s.Counts[i]
			n++
		}
	}
	return SparseCounts{IDs: s.IDs[:n], Counts: s.Counts[:n]}
}

// compactTerms drops the terms no group counts any more and renumbers the
// rest, keeping their alphabetical order.
func compactTerms(t *TermTable, docs *DocVectors) {
	remap := make([]int32, len(t.Terms))
	n := int32(0)
	for id := range t.Terms {
		if t.CorpusCount[id] == 0 {
			remap[id] = -1
			continue
		}
		remap[id] = n
		t.Terms[n], t.CorpusCount[n], t.CorpusDF[n] = t.Terms[id], t.CorpusCount[id], t.CorpusDF[id]
		n++
	}
	if int(n) == len(t.Terms) {
		return
	}
	t.Terms, t.CorpusCount, t.CorpusDF = t.Terms[:n], t.CorpusCount[:n], t.CorpusDF[:n]
	renumber := func(s SparseCounts) {
		for i, id := range s.IDs {
			s.IDs[i] = remap[id]
		}
	}
	for g := range t.Groups {
		renumber(t.Count[g])
		renumber(t.DocFreq[g])
	}
	if docs != nil {
		for _, v := range docs.Vecs {
			renumber(v)
		}
	}
}
