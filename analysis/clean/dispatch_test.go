package clean

import (
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"parallax/analysis/internal/testkit"
)

// everyRuleLineRules is applyLineRules as it was before dispatch: every
// enabled rule tried on every line, in order. It is the reference the
// dispatch is checked against.
func (c *Cleaner) everyRuleLineRules(d *docLines) {
	for i := range d.lines {
		l := &d.lines[i]
		if l.orig == "" {
			continue
		}
		long := l.long()
		for id := ruleID(0); id < numLineRules; id++ {
			if !c.enabled[id] || long && !rules[id].long {
				continue
			}
			if rules[id].match(l) {
				if !l.quote() {
					d.rule[i] = id
				}
				break
			}
		}
	}
}

// checkDispatch compares the rules applyLineRules names for every line of
// text with everyRuleLineRules.
func checkDispatch(t *testing.T, c *Cleaner, text string) {
	t.Helper()
	var a, b docLines
	analyseDoc(text, &a)
	analyseDoc(text, &b)
	c.applyLineRules(&a)
	c.everyRuleLineRules(&b)
	for i := range a.lines {
		if a.rule[i] != b.rule[i] {
			name := func(r ruleID) string {
				if r == ruleNone {
					return "none"
				}
				return rules[r].name
			}
			t.Fatalf("line %q: dispatch names %s, every rule tried names %s", a.lines[i].raw, name(a.rule[i]), name(b.rule[i]))
		}
	}
}

// ruleTestLines builds lines that many rules match, at every length: the
// rules' own phrase lists, alone and with words before and after them, in
// several cases, with punctuation, parentheses, brackets and digits.
func ruleTestLines(r *rand.Rand, n int) []string {
	var phrases []string
	for _, list := range [][]string{citationOpeners, rightsReserved, phoneLabels, navMarkers, readMoreOpeners,
		teaserOpeners, adWords, adBreaks, pollVotes, commentOpeners, commentNoticeWords, siteVoice, subscriptionWords,
		imperativeOpeners, formMessages, signUpCalls, cookieVoice, bylineOpeners, creditEndings, creditOpeners,
		photoOpeners, pictureWidgets, playerMessages, breadcrumbSeps, socialHosts, readerVoice} {
		phrases = append(phrases, list...)
	}
	for _, set := range []map[string]bool{authorHeadings, streetWords, socialWords, teaserLabels, commentLabels,
		cookieLabels, bylineLower, uiLabels, timeUnits, clockWords, updateWords, stampWords} {
		phrases = append(phrases, slices.Sorted(maps.Keys(set))...)
	}
	filler := []string{"the", "Minister", "said", "on", "Tuesday", "that", "talks", "in", "Geneva", "ended", "12", "2021",
		"9:50", "p.m.", "ET", "©", "(c)", "Copyright", "AP", "Photo/Jane", "Doe", "@handle", "www.example.com",
		"news@example.org", "Home", "»", "|", "/", "replay more videos", "must watch", "hide caption 3 of 20",
		"previous next", "view slideshow", "see more", "photography", "!", "?", ".", ":", "“quoted”", "\"", "(", ")",
		"[Watch", "]", "Reuters", "Jr.", "+90 (312) 438 50 23", "ago", "years", "comments", "cookie", "bscri", "–", "—", "•"}
	out := make([]string, 0, n)
	for range n {
		var words []string
		for k := r.IntN(4); k > 0; k-- {
			words = append(words, filler[r.IntN(len(filler))])
		}
		words = append(words, phrases[r.IntN(len(phrases))])
		for k := r.IntN(6); k > 0; k-- {
			words = append(words, filler[r.IntN(len(filler))])
		}
		if r.IntN(4) == 0 { // long lines: sentence-like or over the word limits
			for k := 10 + r.IntN(150); k > 0; k-- {
				words = append(words, filler[r.IntN(9)])
			}
			if r.IntN(2) == 0 {
				words = append(words, phrases[r.IntN(len(phrases))])
			}
		}
		line := strings.Join(words, " ")
		switch r.IntN(5) {
		case 0:
			line = strings.ToUpper(line)
		case 1:
			line = strings.Title(line) //nolint:staticcheck // any capitalisation will do
		case 2:
			line = "(" + line + ")"
		}
		out = append(out, line)
	}
	return out
}

// TestDispatchMatchesEveryRule checks that dispatching lines by signature
// names the same rule for every line as trying every rule: on the AllSides
// sample, the Karabakh pages and lines built from the rules' own phrases,
// with all rules on and with each line rule disabled in turn (so that the
// rules after a skipped one are reached).
func TestDispatchMatchesEveryRule(t *testing.T) {
	texts := testkit.AllSidesTexts(t)
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "karabakh", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	lines := ruleTestLines(rand.New(rand.NewPCG(11, 12)), 20000)
	for i := 0; i < len(lines); i += 50 {
		texts = append(texts, strings.Join(lines[i:min(i+50, len(lines))], "\n"))
	}
	disables := [][]string{nil}
	for id := ruleID(0); id < numLineRules; id++ {
		disables = append(disables, []string{rules[id].name})
	}
	for _, off := range disables {
		c, err := New(Options{Disable: off}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range texts {
			checkDispatch(t, c, text)
		}
		if testing.Short() {
			break
		}
	}
}

// FuzzDispatch checks dispatch against trying every rule on any text.
func FuzzDispatch(f *testing.F) {
	for _, l := range ruleTestLines(rand.New(rand.NewPCG(1, 2)), 40) {
		f.Add(l)
	}
	c, err := New(Options{}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkDispatch(t, c, text)
	})
}

// TestDispatchSkipsRules checks that dispatch does spare lines most rules:
// a long body paragraph is shown only to the long rules that can take it,
// and a short line to fewer rules than all.
func TestDispatchSkipsRules(t *testing.T) {
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var d docLines
	body := strings.Repeat("the ministers met in geneva on tuesday and agreed ", 10) + "to meet again."
	analyseDoc(body+"\nGood news", &d)
	if got, want := c.disp.candidates(&d.lines[0]), ruleSet(1)<<ruleSubscription; got != want {
		t.Errorf("long paragraph: candidates %b, want only subscription %b", got, want)
	}
	if got := c.disp.candidates(&d.lines[1]); got&(1<<ruleCitation|1<<ruleAuthorBox|1<<ruleSeparator) != 0 || got == 0 {
		t.Errorf("\"Good news\": candidates %b: want some rules, not citation, author-box or separator", got)
	}
}
