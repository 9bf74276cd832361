package framing

// The annotated attribution set (testdata/attribution_gold.jsonl): quotations
// drawn with a fixed seed from the two embedded samples, with the speaker a
// reader gives each (docs/quotes.md, "The annotated set").

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/analysis/segment"
)

// goldDoc is a cleaned document of a sample with its sentences.
type goldDoc struct {
	sample, group, id, text string
	sents                   []segment.Span
}

var (
	goldDocsOnce sync.Once
	goldDocs     map[string]*goldDoc // by sample + "/" + id
	goldDocsErr  error
)

// loadGoldDocs reads both samples through the pipeline (cleaning and
// sentences as the commands do) once per test binary.
func loadGoldDocs(tb testing.TB) map[string]*goldDoc {
	tb.Helper()
	goldDocsOnce.Do(func() {
		goldDocs = map[string]*goldDoc{}
		var mu sync.Mutex
		for _, s := range []struct{ name, path string }{
			{"karabakh", "karabakh"},
			{"allsides-middle-east", "allsides-middle-east/articles.jsonl.gz"},
		} {
			visit := func(p *segment.Processed) {
				d := &goldDoc{sample: s.name, group: p.Doc.Group, id: p.Doc.ID, text: strings.Clone(p.Text),
					sents: slices.Clone(p.Sentences)}
				mu.Lock()
				goldDocs[s.name+"/"+d.id] = d
				mu.Unlock()
			}
			src := corpus.Source{FS: os.DirFS("../../testdata"), Path: s.path, Name: s.name}
			if _, err := analysis.Run(src, analysis.Options{Visit: visit}); err != nil {
				goldDocsErr = err
				return
			}
		}
	})
	if goldDocsErr != nil {
		tb.Fatal(goldDocsErr)
	}
	return goldDocs
}

// goldCandidate is a quotation of the population the set is drawn from:
// a pair of quotation marks around four words or more.
type goldCandidate struct {
	doc        *goldDoc
	start, end int
}

// goldCandidates lists a sample's quotations in document and text order.
func goldCandidates(docs map[string]*goldDoc, sample string) []goldCandidate {
	var ids []string
	for k, d := range docs {
		if d.sample == sample {
			ids = append(ids, k)
		}
	}
	slices.Sort(ids)
	var out []goldCandidate
	for _, k := range ids {
		d := docs[k]
		for _, r := range scanQuoteMarks(d.text, d.sents) {
			if len(strings.Fields(d.text[r.inStart:r.inEnd])) >= 4 {
				out = append(out, goldCandidate{d, r.inStart, r.inEnd})
			}
		}
	}
	return out
}

// goldDraw draws the set: 290 AllSides quotations and the Karabakh ones (up to 70), each
// sample's candidates shuffled with seed 16; every third item drawn is
// held out (split "test").
func goldDraw(docs map[string]*goldDoc) []goldItem {
	var items []goldItem
	for _, s := range []struct {
		name string
		n    int
	}{{"allsides-middle-east", 290}, {"karabakh", 70}} {
		c := goldCandidates(docs, s.name)
		rng := rand.New(rand.NewPCG(16, uint64(len(s.name))))
		rng.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
		for i, q := range c[:min(s.n, len(c))] {
			split := "dev"
			if i%3 == 2 {
				split = "test"
			}
			items = append(items, goldItem{ID: fmt.Sprintf("%s-%03d", s.name[:3], i), Sample: s.name, Doc: q.doc.id,
				Group: q.doc.group, Offset: q.start, Text: segment.OneLine(q.doc.text[q.start:q.end]), Split: split})
		}
	}
	return items
}

// goldItem is one annotated quotation.
type goldItem struct {
	ID     string `json:"id"`
	Sample string `json:"sample"`
	Doc    string `json:"doc"`
	Group  string `json:"group"`
	Offset int    `json:"offset"` // byte offset of the quoted words in the cleaned text (a hint: the text is searched for)
	Text   string `json:"text"`   // the quoted words, single-spaced
	Split  string `json:"split"`  // dev (rules were tuned on it) or test (held out)
	// Class: named (the speaker is named in the article: a person or an
	// organisation), role (a speaker the article does not name: "officials",
	// "a source"), none (no one's speech: a title, a term, a slogan, scare
	// quotes), unknown (speech whose speaker the article does not give).
	Class   string   `json:"class"`
	Speaker string   `json:"speaker,omitempty"` // the gold speaker as the article writes it (full name)
	Alts    []string `json:"alts,omitempty"`    // other acceptable forms
	Note    string   `json:"note,omitempty"`    // the hard case it is
}

// TestDumpGoldCandidates writes the drawn quotations with their context for
// annotation when PARALLAX_GOLD_DUMP names a file. The speakers the finder
// gives are not written.
func TestDumpGoldCandidates(t *testing.T) {
	out := os.Getenv("PARALLAX_GOLD_DUMP")
	if out == "" {
		t.Skip("set PARALLAX_GOLD_DUMP=file to write the candidates for annotation")
	}
	docs := loadGoldDocs(t)
	var b strings.Builder
	for _, it := range goldDraw(docs) {
		d := docs[it.Sample+"/"+it.Doc]
		end := it.Offset + len(d.text[it.Offset:]) // the quote's end
		if i := strings.Index(d.text[it.Offset:], strings.Fields(it.Text)[len(strings.Fields(it.Text))-1]); i >= 0 {
			end = it.Offset + i
		}
		from := max(0, it.Offset-450)
		to := min(len(d.text), end+180)
		fmt.Fprintf(&b, "=== %s %s [%s] %s\n%s⟦%s⟧%s\n\n", it.ID, it.Split, it.Group, it.Doc,
			d.text[from:it.Offset], it.Text, d.text[it.Offset+len(it.Text):to])
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var j strings.Builder
	for _, it := range goldDraw(docs) {
		line, _ := json.Marshal(it)
		j.Write(line)
		j.WriteByte('\n')
	}
	if err := os.WriteFile(out+".jsonl", []byte(j.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readGold reads the annotated set.
func readGold(tb testing.TB) []goldItem {
	tb.Helper()
	data, err := os.ReadFile("testdata/attribution_gold.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	var items []goldItem
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var it goldItem
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			tb.Fatalf("attribution_gold.jsonl:%d: %v", i+1, err)
		}
		items = append(items, it)
	}
	return items
}

// goldSpan finds an item's quoted words in its document: at its offset, or
// else the occurrence nearest to it (the cleaning may have moved it).
func goldSpan(d *goldDoc, it goldItem) (int, int, bool) {
	n := len(it.Text)
	if it.Offset+n <= len(d.text) && segment.OneLine(d.text[it.Offset:it.Offset+n]) == it.Text {
		return it.Offset, it.Offset + n, true
	}
	head := it.Text[:min(len(it.Text), 40)]
	best := -1
	for i := 0; ; {
		j := strings.Index(d.text[i:], head)
		if j < 0 {
			break
		}
		if best < 0 || abs(i+j-it.Offset) < abs(best-it.Offset) {
			best = i + j
		}
		i += j + 1
	}
	if best < 0 {
		return 0, 0, false
	}
	return best, best + n, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// normSpeaker is a speaker compared: lower case, straight apostrophes,
// no leading article, single-spaced.
func normSpeaker(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimPrefix(s, "the ")
	return strings.Trim(s, " .,;:")
}

// goldCorrect reports whether the speaker given is the item's: the gold
// name or one of its alternatives; a name of one word (a surname) matches
// the last word of the other; for a role, one contains the other.
func goldCorrect(given string, it goldItem) bool {
	g := normSpeaker(given)
	if g == "" || it.Class != "named" && it.Class != "role" {
		return false
	}
	for _, c := range append([]string{it.Speaker}, it.Alts...) {
		c = normSpeaker(c)
		if c == "" {
			continue
		}
		if g == c || strings.HasSuffix(g, " "+c) || strings.HasSuffix(c, " "+g) && !strings.Contains(g, " ") {
			return true
		}
		if it.Class == "role" && (strings.Contains(g, c) || strings.Contains(c, g)) {
			return true
		}
	}
	return false
}

// goldScore is precision and recall on a part of the set.
type goldScore struct {
	items, named, given, correct, correctNamed int
}

func (s goldScore) precision() float64 { return float64(s.correct) / float64(max(s.given, 1)) }
func (s goldScore) recall() float64    { return float64(s.correctNamed) / float64(max(s.named, 1)) }

// goldRun runs the finder on the set's documents and scores each split;
// show, when not nil, receives every item the finder gets wrong.
func goldRun(tb testing.TB, show func(it goldItem, given, cue, mention string)) map[string]goldScore {
	docs := loadGoldDocs(tb)
	found := map[string][]Quote{}
	scores := map[string]goldScore{}
	var missing []string
	defer func() {
		if len(missing) > 0 {
			tb.Fatalf("%d gold items are not in the cleaned samples (did cleaning change?):\n%s", len(missing), strings.Join(missing, "\n"))
		}
	}()
	for _, it := range readGold(tb) {
		key := it.Sample + "/" + it.Doc
		d := docs[key]
		if d == nil {
			tb.Fatalf("gold item %s: document %s not in the samples", it.ID, key)
		}
		qs, ok := found[key]
		if !ok {
			qs = FindQuotes(d.text, d.sents)
			found[key] = qs
		}
		start, end, ok := goldSpan(d, it)
		if !ok {
			missing = append(missing, fmt.Sprintf("%s: quotation %q not found in %s", it.ID, it.Text, key))
			continue
		}
		var q *Quote
		bestOverlap := 0
		for i := range qs {
			if qs[i].Kind == QuoteIndirect {
				continue
			}
			if o := min(end, qs[i].Span.End) - max(start, qs[i].Span.Start); o > bestOverlap {
				q, bestOverlap = &qs[i], o
			}
		}
		given, cue, mention := "", "", ""
		if q != nil {
			given, cue, mention = q.Speaker, q.Cue, q.Mention
		}
		ok = goldCorrect(given, it)
		for _, split := range []string{it.Split, "all"} {
			s := scores[split]
			s.items++
			if it.Class == "named" {
				s.named++
				if ok {
					s.correctNamed++
				}
			}
			if given != "" {
				s.given++
				if ok {
					s.correct++
				}
			}
			scores[split] = s
		}
		if show != nil && !ok && (given != "" || it.Class == "named") {
			show(it, given, cue, mention)
		}
	}
	return scores
}

// TestAttributionGold prints the finder's precision and recall of speakers
// on the annotated set, for the part the rules were tuned on (dev), the
// held-out part (test) and all, and fails below the targets of issue 16.
// PARALLAX_GOLD_SHOW=dev (or test, all) lists the items it gets wrong.
func TestAttributionGold(t *testing.T) {
	showSplit := os.Getenv("PARALLAX_GOLD_SHOW")
	var show func(goldItem, string, string, string)
	if showSplit != "" {
		show = func(it goldItem, given, cue, mention string) {
			if showSplit == "all" || showSplit == it.Split {
				t.Logf("%s [%s] gold %q (%s), given %q (cue %s, mention %q): %.60q", it.ID, it.Note, it.Speaker, it.Class, given, cue, mention, it.Text)
			}
		}
	}
	scores := goldRun(t, show)
	for _, split := range []string{"dev", "test", "all"} {
		s := scores[split]
		t.Logf("%-4s %3d quotations, %3d with a named speaker: precision %.3f (%d/%d speakers given), recall %.3f (%d/%d)",
			split, s.items, s.named, s.precision(), s.correct, s.given, s.recall(), s.correctNamed, s.named)
	}
	// issue 16's targets, reached on the whole set (dev and held out)
	const minPrecision, minRecall = 0.90, 0.85
	if s := scores["all"]; s.precision() < minPrecision || s.recall() < minRecall {
		t.Errorf("precision %.3f, recall %.3f: below the targets %.2f and %.2f", s.precision(), s.recall(), minPrecision, minRecall)
	}
}
