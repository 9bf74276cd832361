package clean

import (
	"strings"
	"testing"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
)

// wantFurnitureQuotes and wantStaffQuotes are the numbers of quotations of
// the AllSides sample in lines the furniture and staff rules remove
// (TestCleanKeepsQuotations): gallery captions, "Related Video" teasers,
// AP's "FILE - In this … file photo, …" captions (each twice on its page),
// and a staff biography naming a radio programme in quotation marks. 30 of
// the 45 are in CNN galleries of more than 2,000 words ("Photos: Unrest in
// Syria …", 222 slides on one line), read by the furniture rule at any
// length since issue 18's third round; one is in a USA TODAY video's
// caption ("CLOSE … a \"huge crime.\" Video provided by AFP Newslook").
const wantFurnitureQuotes, wantStaffQuotes = 46, 1

// TestGlueCuts pins where glued labels are cut off and what cleaning then
// keeps: the body whole, the label removed by its rule.
func TestGlueCuts(t *testing.T) {
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, text, kept, rule string }{
		{"update stamp", "Update at 3:53 p.m. ET. Death Toll Rises:", "Death Toll Rises:", "timestamp"},
		{"update stamp with quote", "Update at 3:53 p.m. ET. \"We are safe,\" he said.", "\"We are safe,\" he said.", "timestamp"},
		{"story highlights", "Story highlights Obama cancels military exercises with Egypt, says U.S. might take further steps",
			"Obama cancels military exercises with Egypt, says U.S. might take further steps", "furniture"},
		{"closing photo credit", "Migrants wait at a facility in McAllen, Texas, on June 17, he said. Photo: John Moore/Getty Images",
			"Migrants wait at a facility in McAllen, Texas, on June 17, he said.", "photo-credit"},
		{"gallery after a paragraph", "The war began in 2011, officials said. Hide Caption 1 of 3 Photos: Syria – A street. Hide Caption 2 of 3 Photos: Syria – A market. Hide Caption 3 of 3",
			"The war began in 2011, officials said.", "gallery"},
		{"transcript label", "archived recording 1 Michigan has been one of the most aggressive states, she said.",
			" Michigan has been one of the most aggressive states, she said.", "furniture"},
		{"video credit", "Wilson's testimony was released on Monday. VPC", "Wilson's testimony was released on Monday.", "furniture"},
		// Real lines of the full AllSides corpus (issue 18, third round).
		{"quicklist label", "quicklist: 2 title: Gunning for Action text: President Obama will travel to the emotional core of the nation's gun debate on Monday.",
			"President Obama will travel to the emotional core of the nation's gun debate on Monday.", "furniture"},
		{"update label", "UPDATE II - It looks like Obama's convention bounce was short-lived.", "It looks like Obama's convention bounce was short-lived.", "furniture"},
		{"update label colon", "UPDATE: 10 children or adolescents among the 84 killed", "10 children or adolescents among the 84 killed", "furniture"},
		{"transcript tag", "[VO] ONE OF OBAMA’S EASIEST OPTIONS WOULD BE TO", " ONE OF OBAMA’S EASIEST OPTIONS WOULD BE TO", "ui-label"},
		{"transcript tag after a sentence", "That is what he said. [ARCHIVED RECORDING (PRESIDENT GEORGE W. BUSH)] The rite of passage.",
			"That is what he said. \n The rite of passage.", "furniture"},
		{"speaker tag mid-line", "when it comes to taking steps to combat the coronavirus. archived recording 2 Bans on all gatherings outside a household.",
			"when it comes to taking steps to combat the coronavirus. \n Bans on all gatherings outside a household.", "furniture"},
		// A caption that is not sentence-like goes whole with its credit
		// (photo-credit); a sentence-like one loses only the credit.
		{"short caption with its credit", "Chinese President Xi Jinping and President Donald Trump in Beijing, on May 9, 2019. (Photo: Andy Wong/AP)",
			"", "photo-credit"},
		{"closing (Photo: …) credit", "Iraqi supporters of the prime minister hold a giant portrait of him during a demonstration on a hot afternoon in the capital, where thousands had gathered since dawn to show their support. (Photo: Amer al-Saedi, AFP/Getty Images)",
			"Iraqi supporters of the prime minister hold a giant portrait of him during a demonstration on a hot afternoon in the capital, where thousands had gathered since dawn to show their support.", "photo-credit"},
		{"player message before a quoting caption", "Media playback is unsupported on your device Media caption Stormy Daniels: \"I was not a victim\"",
			"Stormy Daniels: \"I was not a victim\"", "media-player"},
		{"media caption with quote", "Media playback is unsupported on your device Media caption Jane Doe: \"We didn't say any goodbyes\"",
			"Jane Doe: \"We didn't say any goodbyes\"", "media-player"},
		{"voice-over cue", "VO NANCY PAREDO CAME FROM CIUDAD JUAREZ ILLEGALLY 13 YEARS AGO.", " NANCY PAREDO CAME FROM CIUDAD JUAREZ ILLEGALLY 13 YEARS AGO.", "furniture"},
		{"voice-over cue mid-line", "OBAMA This is an ambitious goal but it is an achievable goal VO THE WORLD’S NUMBER 1 AND NUMBER 2 CARBON POLLUTERS",
			"OBAMA This is an ambitious goal but it is an achievable goal \n THE WORLD’S NUMBER 1 AND NUMBER 2 CARBON POLLUTERS", "furniture"},
		{"voice-over cue with a colon", "FLYERING SCENE VO: They are the National Front — France’s far right",
			"FLYERING SCENE \n: They are the National Front — France’s far right", "furniture"},
		{"live blog stamp", "Update: 7:11PM EDT: Journalist Damien German has posted a video from the scene.",
			"Journalist Damien German has posted a video from the scene.", "furniture"},
		{"speaker tags in capitals", "It’s not a unique situation. [AUDIO PLAYBACK] ARCHIVED RECORDING (PRESIDENT GEORGE W. BUSH): Madame Speaker. ARCHIVED RECORDING (PRESIDENT BARACK OBAMA): Thank you.",
			"It’s not a unique situation. \n \n: Madame Speaker. \n: Thank you.", "furniture"},
		{"speaker tag in capitals", "Again, we are here in the sanctuary of democracy. ARCHIVED RECORDING (PRESIDENT GEORGE W. BUSH): The rite of custom brings us together at a defining hour.",
			"Again, we are here in the sanctuary of democracy. \n: The rite of custom brings us together at a defining hour.", "furniture"},
		{"closing wire credit", "Iraqi supporters of the prime minister hold a giant portrait of him during a demonstration on a hot afternoon in the capital, where thousands had gathered since dawn to show their support. (AP Photo/Charlie Neibergall)",
			"Iraqi supporters of the prime minister hold a giant portrait of him during a demonstration on a hot afternoon in the capital, where thousands had gathered since dawn to show their support.", "photo-credit"},
	}
	for _, tc := range cases {
		kept, removed := c.Clean(&corpus.Document{Text: tc.text})
		ok := kept == tc.kept && len(removed) > 0
		for _, r := range removed {
			ok = ok && r.Rule == tc.rule && r.Line == 1
		}
		if !ok {
			t.Errorf("%s: kept %q, removed %+v; want %q kept and removals by %s", tc.name, kept, removed, tc.kept, tc.rule)
		}
	}
	// Fragments that all stay join back byte for byte.
	for _, text := range []string{
		"Update at 3:53 p.m. ET.\nA line. Photo: nothing\tafter",
		"The senator spoke. Photos: the photos were taken by many people at the rally on Sunday in the rain",
		"ethnic cleansing of Karabakh's Azerbaijani residents in 1993 [REDACTED] by Armenia and Russia.",
		"He released a photo (Photo: his own) of the site to reporters.",
	} {
		if kept, removed := c.Clean(&corpus.Document{Text: text}); kept != text && len(removed) == 0 {
			t.Errorf("%q came back as %q with nothing removed", text, kept)
		}
	}
}

// quotations returns the spans of text between double quotation marks
// (“…” or "…") in s.
func quotations(s string) []string {
	var out []string
	for _, pair := range [][2]string{{"“", "”"}, {"\"", "\""}} {
		rest := s
		for {
			i := strings.Index(rest, pair[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(pair[0]):]
			j := strings.Index(rest, pair[1])
			if j < 0 {
				break
			}
			if q := strings.TrimSpace(rest[:j]); len(q) > 0 {
				out = append(out, q)
			}
			rest = rest[j+len(pair[1]):]
		}
	}
	return out
}

// TestCleanKeepsQuotations checks that nothing of what a page quotes is
// lost by the rules of this change: every quotation of the Karabakh pages'
// lines labelled to stay is in the cleaned text; on the AllSides sample the
// quotations in the lines the staff and furniture rules remove (captions,
// galleries and biographies, which may quote) are counted and pinned, so
// that a change of what is lost shows.
func TestCleanKeepsQuotations(t *testing.T) {
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for name, outlet := range karabakhOutlet {
		text := readKarabakh(t, name)
		cleaned, _ := c.Clean(&corpus.Document{Text: text, Group: outlet})
		lines := strings.Split(text, "\n")
		for _, l := range karabakhLabels[name] {
			if l.rule != "" {
				continue
			}
			for _, q := range quotations(lines[l.line-1]) {
				checked++
				if !strings.Contains(cleaned, q) {
					t.Errorf("%s:%d: quotation %q lost", name, l.line, q)
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d Karabakh quotations checked", checked)
	}
	lost := map[string]int{}
	for _, d := range testkit.AllSides(t) {
		_, removed := c.Clean(&d)
		for _, r := range removed {
			lost[r.Rule] += len(quotations(r.Text))
		}
	}
	if lost["furniture"] != wantFurnitureQuotes || lost["staff"] != wantStaffQuotes {
		t.Errorf("quotations in lines removed by furniture %d, by staff %d; want %d and %d",
			lost["furniture"], lost["staff"], wantFurnitureQuotes, wantStaffQuotes)
	}
}
