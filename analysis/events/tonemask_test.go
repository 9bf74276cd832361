package events_test

import (
	"math"
	"strings"
	"testing"

	"parallax/analysis"
	"parallax/analysis/events"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/analysis/tonestats"
	"parallax/tone"
)

// vaderOf is VADER's compound of a sentence whose valences sum to s and
// that no other rule touches: s / √(s² + 15).
func vaderOf(s float64) float64 { return s / math.Sqrt(s*s+15) }

// The label words are left out of the events' tone (Options.ToneMask), and
// ToneAll gives it with every word scored. Real sentences of the Karabakh
// sample, computed by hand from VADER's lexicon (anticipation 0.4, attack
// −2.1, increased 1.1, assault −2.8, distracted −1.4; "attack" and
// "assault" are labels of the September 2023 operation).
func TestEventsToneMaskKarabakh(t *testing.T) {
	lab, fr := events.CompilePack(t, "karabakh-labels"), events.CompilePack(t, "frames")
	run := func(mask *tone.Mask) *events.Result {
		c, err := events.NewCollector(events.Options{Lexicon: events.CompilePack(t, "karabakh-events"), Frames: fr, Labels: lab, ToneMask: mask})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := analysis.Run(karabakhSource, analysis.Options{Visit: c.Visit}); err != nil {
			t.Fatal(err)
		}
		r, err := c.Result()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	masked, all := run(lexmatch.ToneMask(lab, fr)), run(nil)
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 5e-5 { // VADER rounds its compound to 4 decimals
			t.Errorf("%s = %.6f, want %.6f", what, got, want)
		}
	}
	// Responsible Statecraft's one sentence of the Lachin blockade: "This
	// development comes after weeks of anticipation of such an attack given
	// … the increased airborne deliveries …".
	s := masked.Summary("lachin-blockade", "Responsible Statecraft")
	if s == nil || s.Tone.N != 1 || len(s.Passages) != 1 || !strings.Contains(s.Passages[0].Text, "anticipation of such an attack") {
		t.Fatalf("lachin-blockade × Responsible Statecraft: %+v", s)
	}
	if s.Masked != 1 {
		t.Errorf("lachin-blockade × Responsible Statecraft: %d sentences changed by the mask, want 1", s.Masked)
	}
	near("tone (attack left out)", s.Tone.Mean, vaderOf(0.4+1.1))
	near("tone_all", s.ToneAll, vaderOf(0.4-2.1+1.1))
	near("passage tone", s.Passages[0].Tone, vaderOf(0.4+1.1))
	near("passage tone_all", s.Passages[0].ToneAll, vaderOf(0.4-2.1+1.1))
	// Without a mask both figures are the plain score, as before.
	u := all.Summary("lachin-blockade", "Responsible Statecraft")
	near("unmasked tone", u.Tone.Mean, vaderOf(0.4-2.1+1.1))
	if u.ToneAll != u.Tone.Mean || u.Masked != 0 {
		t.Errorf("without a mask ToneAll %v ≠ tone %v", u.ToneAll, u.Tone.Mean)
	}

	// Its four sentences of the September 2023 offensive: the headline
	// "Azerbaijan launches military assault while Russia is distracted in
	// Ukraine" is one; the means are over the same four sentences.
	s = masked.Summary("offensive-2023", "Responsible Statecraft")
	if s == nil || s.Tone.N != 4 || len(s.Passages) != 4 {
		t.Fatalf("offensive-2023 × Responsible Statecraft: %+v", s)
	}
	var sumMasked, sumAll float64
	head := false
	for _, p := range s.Passages {
		sumMasked += p.Tone
		sumAll += p.ToneAll
		if strings.HasPrefix(p.Text, "Azerbaijan launches military assault") {
			head = true
			near("headline tone", p.Tone, vaderOf(-1.4))
			near("headline tone_all", p.ToneAll, vaderOf(-2.8-1.4))
		}
	}
	if !head {
		t.Error("the headline is not among the offensive's passages")
	}
	// Two of them change: the headline, and "Protesters gather near the
	// government building, after Azerbaijan launched a military operation
	// …", whose "Protesters" is a word of a label's pattern
	// ("environmental protesters") and left out too.
	if s.Masked != 2 {
		t.Errorf("offensive-2023 × Responsible Statecraft: %d sentences changed by the mask, want 2", s.Masked)
	}
	near("offensive tone", s.Tone.Mean, sumMasked/4)
	near("offensive tone_all", s.ToneAll, sumAll/4)
	if u := all.Summary("offensive-2023", "Responsible Statecraft"); math.Abs(u.Tone.Mean-s.ToneAll) > 1e-12 {
		t.Errorf("tone_all %v ≠ the unmasked run's tone %v", s.ToneAll, u.Tone.Mean)
	}
	// Every summary: tone_all is the unmasked run's tone.
	for i := range masked.Summaries {
		m, a := &masked.Summaries[i], &all.Summaries[i]
		if m.Event != a.Event || m.Group != a.Group || math.Abs(m.ToneAll-a.Tone.Mean) > 1e-12 {
			t.Errorf("%s × %s: tone_all %v, unmasked tone %v", m.Event, m.Group, m.ToneAll, a.Tone.Mean)
		}
	}
}

// A story's tone leaves the masked words out of every sentence of its
// documents (the hand-made stories of a volcano and a bridge: "fled",
// "losses", "killed", "died" and "mourns" are in VADER's lexicon): its
// tone_all is the mean of VADER over the sentences of the group's
// documents in the story, its tone the mean with those words scored as
// neutral words, sentence by sentence.
func TestEventsToneMaskStory(t *testing.T) {
	mask := tone.NewMask("flee", "fled", "losses", "mourns", "killed", "died")
	opt := events.HandOptions()
	opt.ToneMask = mask
	r := events.HandResult(t, opt, events.Identity(len(events.HandCorpus)), 2)
	checked := 0
	for _, s := range r.Summaries {
		if s.Level != events.LevelArticle {
			continue
		}
		var sumMasked, sumAll float64
		n := 0
		for _, a := range r.Articles {
			if a.Event != s.Event || a.Group != s.Group {
				continue
			}
			text := events.HandText(a.DocIndex)
			for _, sp := range segment.Sentences(text, nil) {
				sent := tonestats.SentenceText(text[sp.Start:sp.End])
				if !tonestats.HasWord(sent) {
					continue
				}
				sumMasked += tone.VADERMasked(sent, mask).Compound
				sumAll += tone.VADER(sent).Compound
				n++
			}
		}
		if n != s.Tone.N {
			t.Fatalf("%s × %s: %d sentences, tone over %d", s.Event, s.Group, n, s.Tone.N)
		}
		if math.Abs(s.Tone.Mean-sumMasked/float64(n)) > 1e-12 || math.Abs(s.ToneAll-sumAll/float64(n)) > 1e-12 {
			t.Errorf("%s × %s: tone %v, tone_all %v; want %v, %v", s.Event, s.Group, s.Tone.Mean, s.ToneAll, sumMasked/float64(n), sumAll/float64(n))
		}
		if s.Tone.Mean != s.ToneAll {
			checked++
		}
	}
	if checked < 2 {
		t.Errorf("%d story summaries where the mask changes the tone, want at least 2: the check proves little", checked)
	}
}
