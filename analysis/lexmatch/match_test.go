package lexmatch

import (
	"errors"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"
	"testing"

	"parallax/analysis/internal/testkit"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

// mustMatcher parses a lexicon given as file content and compiles it.
func mustMatcher(tb testing.TB, file, data string) *Matcher {
	tb.Helper()
	lx, err := lexicons.Parse(file, []byte(data))
	if err != nil {
		tb.Fatal(err)
	}
	m, err := Compile(lx)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// hitList formats hits as "start-end key/label:pattern" with "!" for a
// negated hit and the score for valence.
func hitList(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		s := fmt.Sprintf("%d-%d %s", h.Start, h.End, h.Entry.Key)
		if h.Entry.Label != "" {
			s += "/" + h.Entry.Label
		}
		s += ":" + h.Entry.Pattern
		if h.Negated {
			s += "!"
		}
		if h.Entry.Score != 0 {
			s += fmt.Sprintf(" %g", h.Score())
		}
		out = append(out, s)
	}
	return out
}

// matchText tokenizes text and matches it.
func matchText(m *Matcher, text string) []string {
	return hitList(m.Match(segment.Tokenize(text, nil)))
}

const matchCategories = `name: match-test
kind: categories
categories:
  place: [united states, united*, new york, new york city]
  security: [troops, cease-fire, "shell?ng", anti-terror*, military operation]
  econ: [econom*, trade]
  misc: [don't, o'brien, u.s., armenia, "*stan", "az?r*", "?erevan", "peace talk*"]
  overlap: [a b, b c d, c]
  polity: [united*]
`

func TestMatchCategories(t *testing.T) {
	m := mustMatcher(t, "match.yaml", matchCategories)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"exact", "Troops arrived.", []string{"0-1 security:troops"}},
		{"case", "TROOPS and Armenia", []string{"0-1 security:troops", "2-3 misc:armenia"}},
		{"star", "The economy and economic ties", []string{"1-2 econ:econom*", "3-4 econ:econom*"}},
		{"star matches empty run", "Econom is not a word", []string{"0-1 econ:econom*"}},
		{"question mark", "Shelling and shellng and shellling", []string{"0-1 security:shell?ng"}},
		{"initial star", "Kazakhstan, Pakistan and stan", []string{"0-1 misc:*stan", "1-2 misc:*stan", "3-4 misc:*stan"}},
		{"question mark then star", "Azerbaijan and Azores but not Aztec", []string{"0-1 misc:az?r*", "2-3 misc:az?r*"}},
		{"initial question mark", "Yerevan and Erevan", []string{"0-1 misc:?erevan"}},
		{"multi-word", "in New York today", []string{"1-3 place:new york"}},
		{"glob in a phrase", "peace talks resumed", []string{"0-2 misc:peace talk*"}},
		{"phrase needs consecutive tokens", "new and york", nil},
		// Punctuation makes no token, so it does not break a phrase.
		{"punctuation inside a phrase", "new, york", []string{"0-2 place:new york"}},
		{"longest wins", "New York City council", []string{"0-3 place:new york city"}},
		// quanteda issue 1750: "united states" and "united*" on "united
		// states" are one hit, not two; "united*" also stands in polity,
		// whose span is the shorter one and is dropped too.
		{"no double counting", "the United States said", []string{"1-3 place:united states"}},
		{"glob alone", "the United Nations said", []string{"1-2 place:united*", "1-2 polity:united*"}},
		// Of "a b" and "b c d" the longer is kept; "c" inside it is dropped.
		{"overlapping phrases", "a b c d", []string{"1-4 overlap:b c d"}},
		{"overlap, equal length: earlier first", "a b c", []string{"0-2 overlap:a b", "2-3 overlap:c"}},
		{"phrase at the end of the tokens", "x a", nil},
		{"negation within 3", "no more foreign troops", []string{"3-4 security:troops!"}},
		{"negation not at 4", "not one of the troops", []string{"4-5 security:troops"}},
		{"negation right before", "never trade", []string{"1-2 econ:trade!"}},
		{"n't contraction", "they don’t want troops", []string{"1-2 misc:don't", "3-4 security:troops!"}},
		{"isn't", "it isn't the economy", []string{"3-4 econ:econom*!"}},
		{"without, hardly, nor", "without trade; hardly troops; nor economy", []string{"1-2 econ:trade!", "3-4 security:troops!", "5-6 econ:econom*!"}},
		{"negator inside the window of a phrase", "neither New York", []string{"1-3 place:new york!"}},
		{"hyphenated token", "an anti-terrorist operation", []string{"1-2 security:anti-terror*"}},
		{"hyphenated literal", "a cease-fire, then a ceasefire", []string{"1-2 security:cease-fire"}},
		{"hyphenated token is one word", "terrorist anti-terror", []string{"1-2 security:anti-terror*"}},
		{"apostrophe", "O’Brien said", []string{"0-1 misc:o'brien"}},
		{"acronym", "U.S. troops", []string{"0-1 misc:u.s.", "1-2 security:troops"}},
		{"possessive dropped", "Armenia's troops", []string{"0-1 misc:armenia", "1-2 security:troops"}},
		{"no hit", "nothing here", nil},
		{"empty", "", nil},
	} {
		got := matchText(m, tc.text)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Match(%q)\n got %q\nwant %q", tc.name, tc.text, got, tc.want)
		}
	}
}

func TestMatchValence(t *testing.T) {
	m := mustMatcher(t, "tone.csv", "pattern,score\ngood,1.9\ngood*,1\ngo?d,0.5\nterribl*,-2.5\nwar,-2.9\nwell done,2.1\n")
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		// "good", "good*" and "go?d" match the same token: the most literal
		// pattern wins.
		{"most literal wins", "good", []string{"0-1 :good 1.9"}},
		{"star before question mark", "goodness", []string{"0-1 :good* 1"}},
		{"question mark", "gold", []string{"0-1 :go?d 0.5"}},
		{"negated flips the sign", "not good", []string{"1-2 :good! -1.9"}},
		// The rule is blunt: "not" negates every hit within three tokens.
		{"negation reaches three tokens", "this is not a terrible war",
			[]string{"4-5 :terribl*! 2.5", "5-6 :war! 2.9"}},
		{"phrase", "well done", []string{"0-2 :well done 2.1"}},
	} {
		got := matchText(m, tc.text)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Match(%q)\n got %q\nwant %q", tc.name, tc.text, got, tc.want)
		}
	}
}

// TestMatchKinds checks that a word listed in several categories
// counts once in each, and that labels and events keep their keys.
func TestMatchKinds(t *testing.T) {
	for _, tc := range []struct {
		name, file, data, text string
		want                   []string
	}{
		{"LIWC word in two categories", "x.dic", "%\n1\tposemo\n3\tsocial\n%\nfriend*\t1 3\ntalk\t3\n",
			"Friends talk", []string{"0-1 posemo:friend*", "0-1 social:friend*", "1-2 social:talk"}},
		{"labels", "x.yaml", "name: l\nkind: labels\nlabels:\n  region:\n    Artsakh: [artsakh, republic of artsakh]\n    NK: [nagorno-karabakh, karabakh]\n",
			"The Republic of Artsakh, or Nagorno-Karabakh", []string{"1-4 region/Artsakh:republic of artsakh", "5-6 region/NK:nagorno-karabakh"}},
		{"events", "x.yaml", "name: e\nkind: events\nevents:\n  sept:\n    dates: [2023-09-19]\n    cues: [lightning operation, anti-terror*]\n",
			"a lightning operation", []string{"1-3 sept:lightning operation"}},
	} {
		m := mustMatcher(t, tc.file, tc.data)
		if got := matchText(m, tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Match(%q)\n got %q\nwant %q", tc.name, tc.text, got, tc.want)
		}
	}
}

// TestCompileErrors checks that a literal word in which the tokenizer
// reads no word is a positioned error, every one of them.
func TestCompileErrors(t *testing.T) {
	lx, err := lexicons.Parse("bad.yaml", []byte("name: bad\nkind: categories\ncategories:\n  a:\n    - ok\n    - \"\u0301\"\n    - ok \u0300 now\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(lx)
	var list lexicons.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Compile: %v, want an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	want := []string{
		"bad.yaml:6: pattern \"\u0301\": word \"\u0301\" can never match a token: the tokenizer reads no word in it",
		"bad.yaml:7: pattern \"ok \u0300 now\": word \"\u0300\" can never match a token: the tokenizer reads no word in it",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors\n got %q\nwant %q", got, want)
	}
	if !strings.HasSuffix(err.Error(), "(and 1 more errors)") {
		t.Errorf("message %q lacks the count", err)
	}
}

// TestPatternsAsWritten checks that patterns go through the tokenizer as
// text does: names written with periods, possessives, acronyms and
// hyphenated numbers match the text they name (issue 15).
func TestPatternsAsWritten(t *testing.T) {
	lx, err := lexicons.Parse("names.yaml", []byte(`name: names
kind: categories
categories:
  jr: ["Donald Trump Jr."]
  admin: ["Obama's administration"]
  congress: ["U.S. Congress"]
  mr: ["Mr. Smith"]
  years: ["1994-2020"]
  china: ["中国"]
`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"Donald Trump Jr. spoke.", "jr"},
		{"The Obama administration said no.", "admin"},
		{"Obama’s administration said no.", "admin"},
		{"The U.S. Congress voted.", "congress"},
		{"Mr Smith left.", "mr"},
		{"From 1994 to 2020, then 1994-2020.", "years"},
		{"中国外交部", "china"},
	} {
		hits := m.Match(segment.Tokenize(tc.text, nil))
		var keys []string
		for _, h := range hits {
			keys = append(keys, h.Entry.Key)
		}
		if len(keys) != 1 || keys[0] != tc.want {
			t.Errorf("%q: hits %q, want one of %q", tc.text, keys, tc.want)
		}
	}
	if hits := m.Match(segment.Tokenize("Donald Trump spoke.", nil)); len(hits) != 0 {
		t.Errorf("\"Donald Trump\" matches the pattern of Jr.: %v", hits)
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
	}{
		{"abc", "abc"}, {"abc", "abd"}, {"a*", "a"}, {"a*", "abc"}, {"*c", "abc"}, {"*c", "ab"},
		{"a*b*c", "axxbyyc"}, {"a*b*c", "axxbyy"}, {"a?c", "abc"}, {"a?c", "ac"}, {"a?c", "abbc"},
		{"?", "é"}, {"?", "ab"}, {"caf?", "café"}, {"*é", "café"}, {"?*?", "a"}, {"?*?", "ab"},
		{"*a*a*a*", "aaaa"}, {"*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, {"ř?*", "řeka"},
	} {
		want, _ := path.Match(tc.pattern, tc.name) // no '/' or '[': the same language
		if got := globMatch(tc.pattern, tc.name); got != want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.pattern, tc.name, got, want)
		}
	}
}

// allSidesSentenceTokens returns the tokens of every sentence of the
// AllSides sample.
func allSidesSentenceTokens(tb testing.TB) (sents [][]segment.Token, n int) {
	tb.Helper()
	var spans []segment.Span
	for _, text := range testkit.AllSidesTexts(tb) {
		spans = segment.Sentences(text, spans[:0])
		for _, s := range spans {
			toks := segment.Tokenize(text[s.Start:s.End], nil)
			if len(toks) > 0 {
				sents = append(sents, toks)
				n += len(toks)
			}
		}
	}
	return sents, n
}

// benchLexicon builds a 500-pattern categories lexicon from the AllSides
// vocabulary: 380 frequent words, 60 prefix globs ("negotia*"), 20 '?'
// globs, 10 suffix globs ("*ation") and 30 frequent two-word phrases, over
// ten categories. Stop words and words of fewer than four letters are left
// out; ties in frequency are broken by the word, so the lexicon is fixed.
func benchLexicon(tb testing.TB, sents [][]segment.Token) *lexicons.Lexicon {
	tb.Helper()
	stop, err := lexicons.LoadStopWords("en")
	if err != nil {
		tb.Fatal(err)
	}
	content := func(t segment.Token) bool {
		return t.Kind == segment.TokWord && len(t.Norm) >= 4 && !stop.Contains(t.Norm) && !strings.ContainsAny(t.Norm, "*?")
	}
	words, pairs := map[string]int{}, map[string]int{}
	for _, toks := range sents {
		for i, t := range toks {
			if !content(t) {
				continue
			}
			words[t.Norm]++
			if i+1 < len(toks) && content(toks[i+1]) {
				pairs[t.Norm+" "+toks[i+1].Norm]++
			}
		}
	}
	ranked := func(m map[string]int) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(i, j int) bool {
			if m[ks[i]] != m[ks[j]] {
				return m[ks[i]] > m[ks[j]]
			}
			return ks[i] < ks[j]
		})
		return ks
	}
	seen := map[string]bool{}
	var pats []string
	add := func(p string, limit int) bool {
		if seen[p] || len(pats) >= limit {
			return len(pats) < limit
		}
		seen[p] = true
		pats = append(pats, p)
		return true
	}
	w := ranked(words)
	for _, x := range w {
		if !add(x, 380) {
			break
		}
	}
	for _, x := range w[380:] {
		if len(x) >= 7 && !add(x[:len(x)-2]+"*", 440) {
			break
		}
	}
	for _, x := range w[600:] {
		if !add(x[:1]+"?"+x[2:], 460) {
			break
		}
	}
	for _, x := range w[800:] {
		if len(x) >= 8 && !add("*"+x[len(x)-5:], 470) {
			break
		}
	}
	for _, x := range ranked(pairs) {
		if !add(x, 500) {
			break
		}
	}
	if len(pats) != 500 {
		tb.Fatalf("bench lexicon has %d patterns, want 500", len(pats))
	}
	lx := &lexicons.Lexicon{Name: "bench500", Kind: lexicons.KindCategories, File: "bench500", Format: lexicons.FormatNative}
	for i, p := range pats {
		lx.Entries = append(lx.Entries, lexicons.Entry{Key: fmt.Sprintf("cat%d", i%10), Pattern: p, Line: i + 1})
	}
	return lx
}

// referenceMatch is a slow, obviously correct Match: every entry is tried
// at every position with path.Match; the spans are then taken longest
// first, earlier first, and every key whose patterns match a taken span
// gets one hit, from its most literal pattern.
func referenceMatch(lx *lexicons.Lexicon, toks []segment.Token) []string {
	type cand struct{ start, end, entry int }
	var cands []cand
	for e, en := range lx.Entries {
		words := strings.Fields(en.Pattern)
		for i := 0; i+len(words) <= len(toks); i++ {
			ok := true
			for j, w := range words {
				// path.Match's '*' and '?' stop at '/', which URL tokens hold.
				if m, _ := path.Match(w, strings.ReplaceAll(toks[i+j].Norm, "/", "\x01")); !m {
					ok = false
					break
				}
			}
			if ok {
				cands = append(cands, cand{i, i + len(words), e})
			}
		}
	}
	wild := func(p string) int { return strings.Count(p, "*") + strings.Count(p, "?") }
	literal := func(p string) int { return len([]rune(strings.ReplaceAll(p, " ", ""))) - wild(p) }
	better := func(a, b int) bool { // entry a is more literal than entry b
		pa, pb := lx.Entries[a].Pattern, lx.Entries[b].Pattern
		if literal(pa) != literal(pb) {
			return literal(pa) > literal(pb)
		}
		if wild(pa) != wild(pb) {
			return wild(pa) < wild(pb)
		}
		return a < b
	}
	keyOrder := map[string]int{}
	for e, en := range lx.Entries {
		k := en.Key + "/" + en.Label
		if _, ok := keyOrder[k]; !ok {
			keyOrder[k] = e
		}
	}
	taken := make([]bool, len(toks))
	var spans [][2]int
	for n := len(toks); n > 0; n-- {
		for s := 0; s+n <= len(toks); s++ {
			has := false
			for _, c := range cands {
				if c.start == s && c.end == s+n {
					has = true
				}
			}
			free := true
			for k := s; k < s+n; k++ {
				free = free && !taken[k]
			}
			if has && free {
				for k := s; k < s+n; k++ {
					taken[k] = true
				}
				spans = append(spans, [2]int{s, s + n})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var out []string
	for _, sp := range spans {
		best := map[string]int{} // key → entry
		var keys []string
		for _, c := range cands {
			if c.start != sp[0] || c.end != sp[1] {
				continue
			}
			k := lx.Entries[c.entry].Key + "/" + lx.Entries[c.entry].Label
			b, ok := best[k]
			if !ok {
				keys = append(keys, k)
			}
			if !ok || better(c.entry, b) {
				best[k] = c.entry
			}
		}
		sort.Slice(keys, func(i, j int) bool { return keyOrder[keys[i]] < keyOrder[keys[j]] })
		for _, k := range keys {
			out = append(out, fmt.Sprintf("%d-%d %s:%s", sp[0], sp[1], lx.Entries[best[k]].Key, lx.Entries[best[k]].Pattern))
		}
	}
	return out
}

// TestMatchAgainstReference runs the bench lexicon over a sample of the
// AllSides sentences and compares every hit with referenceMatch.
func TestMatchAgainstReference(t *testing.T) {
	sents, _ := allSidesSentenceTokens(t)
	lx := benchLexicon(t, sents)
	m, err := Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	hits, checked := 0, 0
	for i := 0; i < len(sents); i += 37 {
		got := hitList(m.Match(sents[i]))
		for k := range got {
			got[k] = strings.TrimSuffix(got[k], "!")
		}
		want := referenceMatch(lx, sents[i])
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		checked++
		hits += len(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sentence %d: hits\n got %q\nwant %q", i, got, want)
		}
	}
	t.Logf("%d hits in %d sentences", hits, checked)
	if hits < 1000 {
		t.Errorf("only %d hits in %d sentences: the check is too weak", hits, checked)
	}
}

// BenchmarkMatch matches a 500-pattern lexicon on every sentence of the
// AllSides sample.
func BenchmarkMatch(b *testing.B) {
	sents, n := allSidesSentenceTokens(b)
	m, err := Compile(benchLexicon(b, sents))
	if err != nil {
		b.Fatal(err)
	}
	var hits []Hit
	total := 0
	b.ResetTimer()
	for b.Loop() {
		total = 0
		for _, toks := range sents {
			hits = m.AppendMatches(hits[:0], toks)
			total += len(hits)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(total), "hits")
}

// TestMatchFilterChangesNothing matches every sentence of the AllSides
// sample with each embedded pack and the bench lexicon twice: with the
// matcher's word filter, and with a filter that lets every token through to
// the maps. The filter may only skip look-ups that find nothing, so the hits
// must be the same. A pack with one-byte prefixes checks the short path.
func TestMatchFilterChangesNothing(t *testing.T) {
	sents, _ := allSidesSentenceTokens(t)
	var lxs []*lexicons.Lexicon
	for _, p := range lexicons.Packs() {
		lx, err := lexicons.Pack(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		lxs = append(lxs, lx)
	}
	lxs = append(lxs, benchLexicon(t, sents))
	short, err := lexicons.Parse("short.yaml", []byte("name: short\nkind: categories\ncategories:\n  a: [\"s*\", \"*d\", the, \"wa*\", \"*ed\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	lxs = append(lxs, short)
	for _, lx := range lxs {
		m, err := Compile(lx)
		if err != nil {
			t.Fatal(err)
		}
		open := *m
		for i := range open.filter.exact {
			open.filter.exact[i] = ^uint64(0)
		}
		open.filter.short = true
		hits := 0
		for i, toks := range sents {
			got, want := m.Match(toks), open.Match(toks)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, sentence %d: filtered hits %q, unfiltered %q", lx.Name, i, hitList(got), hitList(want))
			}
			hits += len(got)
		}
		if hits == 0 {
			t.Errorf("%s: no hit on the AllSides sample: the check is empty", lx.Name)
		}
		t.Logf("%s: %d hits, all equal", lx.Name, hits)
	}
}

// BenchmarkMatchFrames matches the embedded frames pack, as compare does,
// on every sentence of the AllSides sample.
func BenchmarkMatchFrames(b *testing.B) {
	sents, n := allSidesSentenceTokens(b)
	lx, err := lexicons.Pack("frames")
	if err != nil {
		b.Fatal(err)
	}
	m, err := Compile(lx)
	if err != nil {
		b.Fatal(err)
	}
	var hits []Hit
	for b.Loop() {
		for _, toks := range sents {
			hits = m.AppendMatches(hits[:0], toks)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
