package framing

import (
	"os"
	"testing"

	"parallax/analysis"
	"parallax/analysis/corpus"
	"parallax/analysis/lexmatch"
	"parallax/analysis/segment"
	"parallax/lexicons"
)

func karabakhLabels(t *testing.T) *lexmatch.Matcher {
	t.Helper()
	lx, err := lexicons.Pack("karabakh-labels")
	return compiled(t, lx, err)
}

// Sentences of the karabakh sample and of the issue, with the page's date:
// is a hit of the referent about it (the pack's context)?
func TestLabelContext(t *testing.T) {
	lc, err := newLabelContext(karabakhLabels(t).Lexicon())
	if err != nil || lc == nil {
		t.Fatalf("context: %v", err)
	}
	const op, exodus, blockade, region = "the September 2023 operation", "the population movement", "the Lachin blockade", "the region"
	for _, c := range []struct {
		ref, sentence, date string
		want                bool
	}{
		// Responsible Statecraft, 2023-09-19: a year outside the operation's dates.
		{op, "At first, the peacekeepers were generally able to protect what remained of Armenian Nagorno-Karabakh after the successful Azerbaijani 2020 assault.", "2023-09-19", false},
		// the same page, no year: its date is within them
		{op, "In the early afternoon of September 19, the Azerbaijani military launched what it called local anti-terrorist measures.", "2023-09-19", true},
		// OBC Transeuropa, March 2023: the firefight of 5 March, not the operation
		{op, "“This recent attack has definitely affected the talks,” Benyamin Poghosyan told Osservatorio Balcani Caucaso.", "2023-03", false},
		// a cue ties it whatever the date
		{op, "The attack of September 19 lasted a day.", "2023-03", true},
		// Middle East Policy Council, 2023-09-02: 1993 is no year of the exodus
		{exodus, "However, as the Soviet Union began to disintegrate, the Armenian minority pursued reunification with Armenia, leading to the ethnic cleansing of Karabakh's Azerbaijani residents in 1993.", "2023-09-02", false},
		{exodus, "More than 100,000 people fled to Armenia within a week.", "2023-10-01", true},
		// an undated page: no date to tie it
		{blockade, "The siege of the region continued.", "", false},
		// "2,000" is no year; the page's date decides
		{blockade, "Some 2,000 trucks were kept under siege.", "2023-05-07", true},
		// a referent without a context counts every hit
		{region, "Karabakh in 1993.", "", true},
	} {
		toks := segment.Tokenize(c.sentence, nil)
		f, _ := lc.facts(toks, c.sentence, nil)
		if got := lc.resolved(c.ref, &f, c.date); got != c.want {
			t.Errorf("%s, %q (%s): resolved %v, want %v", c.ref, c.sentence, c.date, got, c.want)
		}
	}
}

// On the karabakh sample, the hits the issue names are unresolved and kept
// with their passages; the others count as before.
func TestLabelsUnresolvedKarabakh(t *testing.T) {
	col, err := NewCollector(Options{Labels: karabakhLabels(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := analysis.Run(corpus.Source{FS: os.DirFS("../../testdata"), Path: "karabakh", Name: "karabakh"}, analysis.Options{Visit: col.Visit}); err != nil {
		t.Fatal(err)
	}
	unresolved := map[[3]string]int64{}
	for _, r := range col.LabelRows() {
		if r.Unresolved > 0 {
			unresolved[[3]string{r.Referent, r.Label, r.Group}] = r.Unresolved
		}
		if r.Total != r.Own+r.Scare+r.Quoted {
			t.Errorf("%+v: total is not own + scare + quoted", r)
		}
	}
	// Read off the pages: OBC's "attack" (sentence 27) and "attack",
	// "attacks" (28) are about the March 2023 firefight; Responsible
	// Statecraft's "2020 assault" is the 2020 war; the Middle East Policy
	// Council's "ethnic cleansing … in 1993" the 1990s.
	for k, n := range map[[3]string]int64{
		{"the September 2023 operation", "attack", "OBC Transeuropa"}:                 3,
		{"the September 2023 operation", "assault", "Responsible Statecraft"}:         1,
		{"the population movement", "ethnic cleansing", "Middle East Policy Council"}: 1,
	} {
		if unresolved[k] != n {
			t.Errorf("%v: %d unresolved, want %d", k, unresolved[k], n)
		}
	}
	if len(unresolved) != 3 {
		t.Errorf("unresolved %v: want the three above only", unresolved)
	}
	passages := 0
	for _, p := range col.LabelPassages(10) {
		if p.Hit.Voice == VoiceUnresolved {
			passages++
		}
	}
	var total int64
	for _, n := range unresolved {
		total += n
	}
	if int64(passages) != total {
		t.Errorf("%d unresolved passages, %d unresolved hits", passages, total)
	}
}
