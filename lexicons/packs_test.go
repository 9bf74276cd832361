package lexicons_test

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"parallax"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

// The packs are checked against the samples they are written for: the
// general packs against the AllSides articles and the Karabakh pages, the
// karabakh-* packs against the Karabakh pages alone.
var (
	generalPacks  = []string{"attribution", "frames", "hedging"}
	karabakhPacks = []string{"karabakh-actors", "karabakh-events", "karabakh-labels"}
)

// absentFromSample lists the keys of the karabakh packs that the five
// Karabakh pages never use, each with a sentence written to contain it.
// They stay in the packs because the framing comparison needs the competing
// labels of the conflict (issue 4 names them), not only the ones these five
// outlets chose. TestPackCoverage checks that each really is absent from
// the sample (so the list cannot go stale) and matches its sentence.
var absentFromSample = map[string]string{
	"karabakh-actors/Ruben Vardanyan":                                 "Ruben Vardanyan was detained at the border.",
	"karabakh-labels/the region/Artsakh":                              "The Republic of Artsakh will cease to exist.",
	"karabakh-labels/the region/Karabakh economic region":             "Baku now speaks of the Karabakh economic region.",
	"karabakh-labels/the region/Garabagh":                             "Garabagh is Azerbaijan, the president said.",
	"karabakh-labels/the de facto capital/Khankendi":                  "Azerbaijani troops entered Khankendi.",
	"karabakh-labels/the Karabakh Armenian authorities/puppet regime": "Baku called it a puppet regime.",
	"karabakh-labels/the September 2023 operation/offensive":          "The offensive lasted a day.",
	"karabakh-labels/the September 2023 operation/aggression":         "Yerevan condemned the aggression.",
	"karabakh-labels/the population movement/exodus":                  "The exodus emptied the region within a week.",
	"karabakh-labels/the population movement/flight":                  "Over 100,000 people fled to Armenia.",
	"karabakh-labels/the population movement/displacement":            "The forced displacement of the population began.",
	"karabakh-labels/the population movement/voluntary departure":     "Baku described it as a voluntary departure.",
	"karabakh-labels/the population movement/evacuation":              "The evacuation of civilians went on for days.",
	"karabakh-labels/the road through Lachin/Lachin road":             "Baku reopened the Lachin road.",
	"karabakh-labels/the road through Lachin/road of life":            "Armenians call it the road of life.",
}

// sentence is one sentence of a sample with its tokens.
type sentence struct {
	doc    string
	text   string
	tokens []segment.Token
}

var (
	samplesOnce         sync.Once
	karabakhSentences   []sentence
	allsidesSentences   []sentence
	samplesErr          error
	karabakhSampleGlob  = "testdata/karabakh/*.txt"
	allsidesSampleJSONL = "testdata/allsides-middle-east/articles.jsonl.gz"
)

// loadSamples reads the embedded samples once and splits them into
// tokenized sentences.
func loadSamples(t *testing.T) (karabakh, allsides []sentence) {
	t.Helper()
	samplesOnce.Do(func() {
		karabakhSentences, samplesErr = readKarabakh()
		if samplesErr == nil {
			allsidesSentences, samplesErr = readAllSides()
		}
	})
	if samplesErr != nil {
		t.Fatal(samplesErr)
	}
	return karabakhSentences, allsidesSentences
}

// readKarabakh splits the five Karabakh pages into sentences.
func readKarabakh() ([]sentence, error) {
	files, err := fs.Glob(parallax.Samples(), karabakhSampleGlob)
	if err != nil {
		return nil, err
	}
	var out []sentence
	for _, f := range files {
		data, err := fs.ReadFile(parallax.Samples(), f)
		if err != nil {
			return nil, err
		}
		out = appendSentences(out, filepath.Base(f), string(data))
	}
	return out, nil
}

// readAllSides splits the text of every AllSides article into sentences.
func readAllSides() ([]sentence, error) {
	f, err := parallax.Samples().Open(allsidesSampleJSONL)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var out []sentence
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec struct{ ID, Outlet, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, err
		}
		out = appendSentences(out, rec.Outlet+" "+rec.ID, rec.Text)
	}
	return out, sc.Err()
}

// appendSentences appends the sentences of text, tokenized.
func appendSentences(dst []sentence, doc, text string) []sentence {
	for _, sp := range segment.Sentences(text, nil) {
		s := text[sp.Start:sp.End]
		dst = append(dst, sentence{doc: doc, text: s, tokens: segment.Tokenize(s, nil)})
	}
	return dst
}

// compilePack loads and compiles an embedded pack.
func compilePack(t *testing.T, name string) *lexmatch.Matcher {
	t.Helper()
	lx, err := lexicons.Pack(name)
	if err != nil {
		t.Fatalf("Pack(%q): %v", name, err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatalf("lexmatch.Compile(%q): %v", name, err)
	}
	return m
}

// hitKey names what a hit counts for: the key, and for labels the referent
// and label ("the region/Artsakh").
func hitKey(e *lexicons.Entry) string {
	if e.Label != "" {
		return e.Key + "/" + e.Label
	}
	return e.Key
}

// packKeys lists every key a pack can count, in file order.
func packKeys(lx *lexicons.Lexicon) []string {
	var keys []string
	for i := range lx.Entries {
		if k := hitKey(&lx.Entries[i]); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// firstMatches returns, per key, the first sentence of sents that it
// matches.
func firstMatches(m *lexmatch.Matcher, sents []sentence) map[string]sentence {
	first := map[string]sentence{}
	for _, s := range sents {
		for _, h := range m.Match(s.tokens) {
			if k := hitKey(h.Entry); first[k].text == "" {
				first[k] = s
			}
		}
	}
	return first
}

func TestPacksLoadAndCompile(t *testing.T) {
	infos := lexicons.Packs()
	var names []string
	for _, p := range infos {
		names = append(names, p.Name)
	}
	want := append(append([]string{}, generalPacks...), karabakhPacks...)
	sort.Strings(want)
	if !slices.Equal(names, want) {
		t.Fatalf("Packs() names = %v, want %v", names, want)
	}
	wantKind := map[string]lexicons.Kind{
		"attribution": lexicons.KindCategories, "frames": lexicons.KindCategories,
		"hedging": lexicons.KindCategories, "karabakh-actors": lexicons.KindActors,
		"karabakh-events": lexicons.KindEvents, "karabakh-labels": lexicons.KindLabels,
	}
	for _, p := range infos {
		lx, err := lexicons.Pack(p.Name)
		if err != nil {
			t.Errorf("Pack(%q): %v", p.Name, err)
			continue
		}
		if _, err := lexmatch.Compile(lx); err != nil {
			t.Errorf("lexmatch.Compile(%q): %v", p.Name, err)
		}
		if lx.Name != p.Name || lx.Kind != wantKind[p.Name] || p.Kind != lx.Kind {
			t.Errorf("%s: name %q kind %q (listed %q), want name %q kind %q", p.Name, lx.Name, lx.Kind, p.Kind, p.Name, wantKind[p.Name])
		}
		if lx.Version != "1" || lx.License != "MIT" || lx.Source != "written by the parallax team, 2026" || lx.Description == "" {
			t.Errorf("%s: header version %q license %q source %q description %q", p.Name, lx.Version, lx.License, lx.Source, lx.Description)
		}
		if p.Version != lx.Version || p.Description != lx.Description || p.Source != lx.Source || p.License != lx.License {
			t.Errorf("%s: Packs() header %+v differs from the parsed pack", p.Name, p)
		}
		if p.Entries != len(lx.Entries) || p.Keys != len(lx.Keys()) {
			t.Errorf("%s: Packs() says %d keys, %d entries; pack has %d, %d", p.Name, p.Keys, p.Entries, len(lx.Keys()), len(lx.Entries))
		}
		// The hash is of the file on disk, computed here independently.
		data, err := os.ReadFile(filepath.Join("packs", p.Name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if h := hex.EncodeToString(sum[:])[:12]; p.SHA256 != h {
			t.Errorf("%s: SHA256 %q, want %q", p.Name, p.SHA256, h)
		}
		t.Logf("%-16s %-10s v%s %3d keys %4d patterns %s", p.Name, p.Kind, p.Version, p.Keys, p.Entries, p.SHA256)
	}
}

func TestFramesSizes(t *testing.T) {
	lx, err := lexicons.Pack("frames")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range lx.Entries {
		counts[e.Key]++
	}
	for _, k := range []string{"economic", "legality_sovereignty", "security_military", "humanitarian_rights",
		"diplomacy_negotiation", "history_identity", "political", "public_opinion"} {
		if n := counts[k]; n < 25 || n > 60 {
			t.Errorf("frames %s has %d patterns, want 25-60", k, n)
		}
	}
}

// TestPackCoverage shows every key of every pack matching in a real
// sentence of the samples; under -v it prints the first one per key.
func TestPackCoverage(t *testing.T) {
	karabakh, allsides := loadSamples(t)
	general := append(append([]sentence{}, allsides...), karabakh...)
	for _, name := range append(append([]string{}, generalPacks...), karabakhPacks...) {
		t.Run(name, func(t *testing.T) {
			m := compilePack(t, name)
			sents := general
			if strings.HasPrefix(name, "karabakh-") {
				sents = karabakh
			}
			first := firstMatches(m, sents)
			var missing []string
			for _, k := range packKeys(m.Lexicon()) {
				s, found := first[k]
				synthetic, absent := absentFromSample[name+"/"+k]
				switch {
				case absent && found:
					t.Errorf("%s %q is listed as absent from the sample but matches in %s: %q", name, k, s.doc, s.text)
				case absent:
					got := firstMatches(m, []sentence{{text: synthetic, tokens: segment.Tokenize(synthetic, nil)}})
					if _, ok := got[k]; !ok {
						t.Errorf("%s %q matches neither the sample nor its sentence %q", name, k, synthetic)
					}
				case !found:
					missing = append(missing, k)
				default:
					t.Logf("%-45s %s: %s", k, s.doc, clip(s.text, 160))
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s: %d keys never match the sample: %q", name, len(missing), missing)
			}
		})
	}
	if t.Failed() {
		return
	}
	// The events pack declares an event for every cue key.
	lx, _ := lexicons.Pack("karabakh-events")
	for _, k := range lx.Keys() {
		if ev := lx.Event(k); ev == nil || len(ev.Dates) == 0 {
			t.Errorf("karabakh-events %q has no dates", k)
		}
	}
}

// TestFramesPrecisionSample draws three matches per frame (seeded) from
// the samples for a reader to judge; run with -v to see them.
func TestFramesPrecisionSample(t *testing.T) {
	karabakh, allsides := loadSamples(t)
	m := compilePack(t, "frames")
	type match struct {
		s    sentence
		span string
	}
	byKey := map[string][]match{}
	for _, s := range append(append([]sentence{}, allsides...), karabakh...) {
		for _, h := range m.Match(s.tokens) {
			span := s.text[s.tokens[h.Start].Span.Start:s.tokens[h.End-1].Span.End]
			byKey[h.Entry.Key] = append(byKey[h.Entry.Key], match{s, span})
		}
	}
	rng := rand.New(rand.NewPCG(2026, 6))
	for _, k := range m.Lexicon().Keys() {
		ms := byKey[k]
		if len(ms) < 3 {
			t.Errorf("frame %s has %d matches in the samples, want at least 3", k, len(ms))
			continue
		}
		t.Logf("%s: %d matches", k, len(ms))
		for _, i := range rng.Perm(len(ms))[:3] {
			t.Logf("  [%s] %s", ms[i].span, clip(ms[i].s.text, 200))
		}
	}
}

// TestPackDecisions pins the choices documented in the packs: which words
// count and which frame or stance a phrase goes to when its words would go
// elsewhere.
func TestPackDecisions(t *testing.T) {
	cases := []struct {
		name, pack, text string
		want             []string // hit keys in order
	}{
		{"security council is diplomacy, not security", "frames", "The Security Council met.", []string{"diplomacy_negotiation"}},
		{"trade war is economic, not security", "frames", "A trade war began.", []string{"economic"}},
		{"important is not an import", "frames", "An important day.", nil},
		{"lawmakers are political, not legal", "frames", "Lawmakers voted.", []string{"political", "political"}},
		{"according to is neutral attribution", "attribution", "According to officials, it ended.", []string{"neutral"}},
		{"claims the noun is no stance", "attribution", "Territorial claims remain.", nil},
		{"claims that is distancing", "attribution", "Baku claims that mines were planted.", []string{"distancing"}},
		{"United States is no reporting verb", "attribution", "The United States stated its view.", []string{"neutral"}},
		{"pointed out is endorsing", "attribution", "She pointed out the error.", []string{"endorsing"}},
		{"hedge and booster", "hedging", "It may indeed be over.", []string{"hedges", "boosters"}},
		{"it is clear that is one booster", "hedging", "It is clear that they left.", []string{"boosters"}},
		{"russian peacekeepers are not russia", "karabakh-actors", "Russian peacekeepers left.", []string{"Russian peacekeepers"}},
		{"us the pronoun is no actor", "karabakh-actors", "They told us about US officials.", []string{"United States"}},
		{"moscow-brokered names russia", "karabakh-actors", "The Moscow-brokered ceasefire held.", []string{"Russia"}},
		{"de facto capital is no authorities label", "karabakh-labels", "Stepanakert, the de facto capital.", []string{"the de facto capital/Stepanakert"}},
		{"nagorno karabakh spelled apart is one label", "karabakh-labels", "The breakaway Nagorno Karabakh region.",
			[]string{"the Karabakh Armenian authorities/breakaway", "the region/Nagorno-Karabakh"}},
		{"a blockade of Armenia is not Lachin", "karabakh-labels", "A blockade that has weakened the economy.", nil},
		{"blockade of the corridor beats the corridor", "karabakh-labels", "The blockade of the Lachin Corridor.", []string{"the Lachin blockade/blockade"}},
		{"1990s war cue", "karabakh-events", "A ceasefire in 1994 ended it.", []string{"war-1990s"}},
		{"a bare ceasefire is no event", "karabakh-events", "The ceasefire held.", nil},
	}
	matchers := map[string]*lexmatch.Matcher{}
	for _, c := range cases {
		m := matchers[c.pack]
		if m == nil {
			m = compilePack(t, c.pack)
			matchers[c.pack] = m
		}
		var got []string
		for _, h := range m.Match(segment.Tokenize(c.text, nil)) {
			got = append(got, hitKey(h.Entry))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %s on %q: hits %q, want %q", c.name, c.pack, c.text, got, c.want)
		}
	}
}

func TestResolve(t *testing.T) {
	lx, err := lexicons.Resolve("frames")
	if err != nil || lx.Name != "frames" || lx.Kind != lexicons.KindCategories || lx.File != "packs/frames.yaml" {
		t.Fatalf("Resolve(frames) = %+v, %v", lx, err)
	}
	// A path: the test lexicon of lexicon_test.go, whose name differs.
	lx, err = lexicons.Resolve(filepath.Join("testdata", "frames.yaml"))
	if err != nil || lx.File != filepath.Join("testdata", "frames.yaml") || lx.Name == "frames" {
		t.Fatalf("Resolve(testdata/frames.yaml) = %+v, %v", lx, err)
	}
	errCases := []struct{ arg, want string }{
		{"framez", `lexicon "framez": not an embedded pack (attribution, frames, hedging, karabakh-actors, karabakh-events, karabakh-labels) and not a readable file`},
		{"karabakh", `lexicon "karabakh": not an embedded pack (did you mean karabakh-actors, karabakh-events, karabakh-labels?) and not a readable file`},
		{"testdata/none.yaml", `lexicon "testdata/none.yaml": not an embedded pack`},
		{"../lexicons/packs/frames", `lexicon "../lexicons/packs/frames": not an embedded pack`},
	}
	for _, c := range errCases {
		_, err := lexicons.Resolve(c.arg)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Resolve(%q) error = %v, want prefix %q", c.arg, err, c.want)
		}
	}
	if _, err := lexicons.Pack("testdata/frames"); err == nil {
		t.Errorf("Pack(testdata/frames) reads outside the packs")
	}
	// A broken user file reports its positioned errors.
	if _, err := lexicons.Resolve(filepath.Join("testdata", "broken.yaml")); err == nil || !strings.Contains(err.Error(), "broken.yaml:") {
		t.Errorf("Resolve(broken.yaml) error = %v, want a positioned error", err)
	}
}

// clip shortens s to at most n bytes on a rune boundary, for log lines.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// utf8RuneStart reports whether b begins a UTF-8 sequence.
func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
