package framing

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"parallax/analysis"
	"parallax/analysis/internal/testkit"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/analysis/stance"
	"parallax/lexicons"
	"parallax/tone"
)

const testLabels = `name: l
kind: labels
labels:
  hamas:
    militants: [militants, militant]
    terrorists: [terrorists, terrorist]
    fighters: [fighters]
  gaza:
    occupied: [occupied territories]
    strip: [gaza strip]
`

const testActors = `name: a
kind: actors
actors:
  Israel: [israel, israeli, israelis, netanyahu]
  Hamas: [hamas]
  Iran: [iran, iranian, tehran]
  United States: [united states, biden, washington]
`

func pack(t testing.TB, name string) *lexmatch.Matcher {
	t.Helper()
	lx, err := lexicons.Resolve(name)
	return compiled(t, lx, err)
}

// compiled compiles a lexicon read with err.
func compiled(t testing.TB, lx *lexicons.Lexicon, err error) *lexmatch.Matcher {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	m, err := lexmatch.Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// testOptions are the collector options the accumulator tests run with:
// actors discovered or from a lexicon, texts bounded or not.
func testOptions(t testing.TB, discover bool, quoteTexts, labelTexts int) Options {
	model, err := stance.Default()
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Labels: mustLexicon(t, testLabels), Frames: pack(t, "frames"), Attribution: pack(t, "attribution"),
		QuoteTexts: quoteTexts, LabelTexts: labelTexts, DiscoverActors: 8, Stance: model,
		// words of the sample with a VADER valence, so that records carry
		// both tones (sentToneAll) through the laws
		ToneMask: tone.NewMask("war", "attack*", "kill*", "peace", "support*")}
	if !discover {
		opt.Actors = mustLexicon(t, testActors)
	}
	return opt
}

// sampleRecords maps every document of the AllSides sample with c (the
// first n, n > 0), and hands each to visit too when it is not nil.
func sampleRecords(t testing.TB, c *Collector, n int, visit func(*segment.Processed)) []DocRecord {
	t.Helper()
	var mu sync.Mutex
	var recs []DocRecord
	src := testkit.AllSidesSource()
	_, err := analysis.Run(src, analysis.Options{Visit: func(p *segment.Processed) {
		if n > 0 && p.Doc.Index >= n {
			return
		}
		r := c.Map(p)
		if visit != nil {
			visit(p)
		}
		mu.Lock()
		recs = append(recs, r)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// render is every result of an accumulator, canonically.
func render(a *Acc, recs []DocRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "labels %#v\n", a.LabelRows())
	fmt.Fprintf(&b, "passages %#v\n", a.LabelPassages(2))
	fmt.Fprintf(&b, "quotes %#v\n", a.Quotes())
	fmt.Fprintf(&b, "scare only %#v\n", a.Quotes(QuoteScare))
	fmt.Fprintf(&b, "attribution %#v\n", a.Attribution())
	fmt.Fprintf(&b, "sources %#v\n", a.Sources())
	fmt.Fprintf(&b, "scare %#v\n", a.ScareQuotes())
	fmt.Fprintf(&b, "actors %#v\n", a.Actors(30, 3))
	qc := a.QuoteCounter()
	for _, r := range recs {
		for s := 0; s <= r.sentences+1; s++ {
			if n := qc(r.index, s); n > 0 {
				fmt.Fprintf(&b, "qc %d %d %d\n", r.index, s, n)
			}
		}
	}
	return b.String()
}

func checkLaws(t *testing.T, discover bool, quoteTexts, labelTexts int) {
	c, err := NewCollector(testOptions(t, discover, quoteTexts, labelTexts))
	if err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords(t, c, 0, nil)
	withAll := 0
	for i := range recs {
		withAll += len(recs[i].sentToneAll)
	}
	if withAll == 0 {
		t.Fatal("no sentence's tone changes with the mask: the laws do not see both tones")
	}
	testkit.CheckAccumulator(t, recs, testkit.Accumulator[DocRecord, *Acc]{
		New:     c.NewAcc,
		Add:     func(a *Acc, r DocRecord) { a.Add(&r) },
		Merge:   func(dst, src *Acc) error { return dst.Merge(src) },
		Marshal: func(a *Acc) ([]byte, error) { return a.MarshalBinary() },
		Unmarshal: func(b []byte) (*Acc, error) {
			a := c.NewAcc()
			return a, a.UnmarshalBinary(b)
		},
		Finish: func(a *Acc) (string, error) { return render(a, recs), nil },
	})
}

func TestAccLawsDiscovered(t *testing.T) { checkLaws(t, true, 3, 2) }
func TestAccLawsLexicon(t *testing.T)    { checkLaws(t, false, 0, 0) }

// TestVisitMatchesMap: a collector fed by Visit, and an accumulator fed
// by Map, the records' binary form, Add and Merge, finish alike; and the
// quote texts kept under QuoteTexts are those of the first quotes of each
// group, as keeping every text shows.
func TestVisitMatchesMap(t *testing.T) {
	opt := testOptions(t, true, 4, 2)
	c, _ := NewCollector(opt)
	visited, _ := NewCollector(opt)
	recs := sampleRecords(t, c, 0, visited.Visit)
	parts := []*Acc{c.NewAcc(), c.NewAcc(), c.NewAcc()}
	for i := range recs {
		b, err := recs[i].MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var r DocRecord
		if err := r.UnmarshalBinary(b); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if b2, _ := r.MarshalBinary(); !bytes.Equal(b, b2) {
			t.Fatalf("record %d changes through its binary form", i)
		}
		parts[i%3].Add(&r)
	}
	if err := parts[2].Merge(parts[0]); err != nil {
		t.Fatal(err)
	}
	if err := parts[2].Merge(parts[1]); err != nil {
		t.Fatal(err)
	}
	want := render(visited.Acc(), recs)
	if got := render(parts[2], recs); got != want {
		t.Fatalf("Map/Add/Merge differs from Visit")
	}

	// naive reference: every text kept, then the first 4 direct and
	// indirect quotes of each group in input order
	optAll := opt
	optAll.QuoteTexts = 0
	all, _ := NewCollector(optAll)
	for i := range recs {
		all.Acc().Add(&recs[i])
	}
	firsts := map[string]int{}
	var wantTexts, gotTexts []string
	for _, q := range all.Quotes() {
		if q.Kind != QuoteScare && firsts[q.Group] < 4 {
			firsts[q.Group]++
			wantTexts = append(wantTexts, q.Group+": "+q.Text)
		}
	}
	for _, q := range visited.Quotes() {
		if q.Kind != QuoteScare && q.Text != "" {
			gotTexts = append(gotTexts, q.Group+": "+q.Text)
		}
	}
	if fmt.Sprint(gotTexts) != fmt.Sprint(wantTexts) || len(wantTexts) < 20 {
		t.Errorf("quote texts kept:\n%q\nwant (%d)\n%q", gotTexts, len(wantTexts), wantTexts)
	}
}

func TestUnmarshalRejects(t *testing.T) {
	c, _ := NewCollector(testOptions(t, true, 2, 1))
	recs := sampleRecords(t, c, 30, nil)
	a := c.NewAcc()
	for i := range recs {
		a.Add(&recs[i])
	}
	b, _ := a.MarshalBinary()
	for n := 0; n < len(b); n += 1 + n/50 {
		if err := c.NewAcc().UnmarshalBinary(b[:n]); err == nil {
			t.Fatalf("%d of %d bytes decode without error", n, len(b))
		}
	}
	other, _ := NewCollector(testOptions(t, true, 5, 1))
	if err := other.NewAcc().UnmarshalBinary(b); err == nil {
		t.Errorf("an accumulator of other options decodes")
	}
	if err := other.NewAcc().Merge(a); err == nil {
		t.Errorf("an accumulator of other options merges")
	}
}

func FuzzAccUnmarshal(f *testing.F) {
	c, _ := NewCollector(testOptions(f, true, 2, 1))
	recs := sampleRecords(f, c, 12, nil)
	a := c.NewAcc()
	for i := range recs {
		a.Add(&recs[i])
		if i%4 == 0 {
			b, _ := a.MarshalBinary()
			f.Add(b)
		}
		b, _ := recs[i].MarshalBinary()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r DocRecord
		if err := r.UnmarshalBinary(data); err == nil {
			x := c.NewAcc()
			x.Add(&r)
			_ = render(x, nil)
		}
		x := c.NewAcc()
		if err := x.UnmarshalBinary(data); err != nil {
			return
		}
		_ = render(x, recs)
		b, err := x.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.NewAcc().UnmarshalBinary(b); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
	})
}

// TestActorStance checks the actors' stance against the stance
// package's own collector, an independent path: its mentions, averaged per
// sentence (rounded to 4 decimals as the record keeps them), then over the
// sentences of each actor and group.
func TestActorStance(t *testing.T) {
	opt := testOptions(t, false, 0, 0)
	opt.ToneMask = nil // the stance collector scores every word
	c, err := NewCollector(opt)
	if err != nil {
		t.Fatal(err)
	}
	sc := stance.NewCollector(opt.Stance, opt.Actors)
	recs := sampleRecords(t, c, 0, sc.Visit)
	a := c.NewAcc()
	for i := range recs {
		a.Add(&recs[i])
	}
	type key struct {
		actor, group string
		doc, sent    int
	}
	sums := map[key][2]float64{}
	for _, r := range sc.Rows() {
		k := key{r.Actor, r.Group, r.DocIndex, r.Sentence}
		v := sums[k]
		sums[k] = [2]float64{v[0] + r.Score, v[1] + 1}
	}
	want := map[[2]string][2]float64{}
	for k, v := range sums {
		g := [2]string{k.actor, k.group}
		w := want[g]
		want[g] = [2]float64{w[0] + math.Round(v[0]/v[1]*1e4)/1e4, w[1] + 1}
	}
	checked := 0
	for _, r := range a.Actors(20, 1) {
		w := want[[2]string{r.Actor, r.Group}]
		if r.Stance.N != int(w[1]) {
			t.Errorf("%s in %s: stance over %d sentences, want %d", r.Actor, r.Group, r.Stance.N, int(w[1]))
			continue
		}
		if w[1] > 0 && math.Abs(r.Stance.Mean-w[0]/w[1]) > 1e-12 {
			t.Errorf("%s in %s: stance %v, want %v", r.Actor, r.Group, r.Stance.Mean, w[0]/w[1])
		}
		if w[1] > 0 {
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d actor × group rows with a stance", checked)
	}
}
