package clean

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"parallax/analysis/corpus"
	"parallax/analysis/internal/testkit"
)

// karabakhLabel is one hand-labelled non-blank line of a Karabakh page: its
// 1-based number, the start of its trimmed text (so a mislabel fails
// loudly), and the rule that must remove it, or "" if it must stay.
type karabakhLabel struct {
	line   int
	prefix string
	rule   string
}

// karabakhLabels labels EVERY non-blank line of the five Karabakh pages.
//
// Decisions on header lines, taken here and tested: titles, subtitles, tag
// lines, dates, "Blog No: 52", author names standing alone, the kicker
// "Analysis | QiOSK" and subheadings stay — they are short, describe the
// article, and no general rule can tell them from a title. Bylines
// introduced by "By"/"by" ("By EU Reporter Correspondent", "by admin"), the
// masthead lines naming the page's own outlet with only a date or a byline
// word ("Middle East Policy Council (2 September 2023)", "EU Reporter
// Correspondent"), the "Follow us on social" bar and the "Home » …"
// breadcrumb paths (004 lines 1, 3, 6) go. The photo
// caption of 003 (line 39, "Protesters gather near the government
// building…") stays: it describes the event the article is about; the
// teasers of three unrelated articles after it go. The "Editor's Note"
// disclosure of 003 (line 37) stays: it is prose about the article.
var karabakhLabels = map[string][]karabakhLabel{
	"000_29fd891e874d70e7.txt": {
		{5, "MIATSUM AND THE BEWILDERING RUSS", ""},
		{6, "KARABAKH - MEPC - 02.09.2023", ""},
		{8, "M. Hakan YAVUZ", ""},
		{10, "Blog No: 52", ""},
		{11, "06.09.2023", ""},
		{13, "Middle East Policy Council (2 Se", "masthead"},
		{15, "M. Hakan YAVUZ*", ""},
		{17, "Armenian nationalists rejecting ", ""},
		{19, "The Karabakh conflict in the Nor", ""},
		{21, "Following the initial Karabakh W", ""},
		{23, "hints at advancing toward the Az", ""},
		{25, "To read the rest of the article,", "read-more"},
		{26, "<https://mepc.org/commentary/opi", "link-only"},
		{28, "About the author:", "author-box"},
		{31, "To cite this article: M. Hakan Y", "citation"},
		{35, "Süleyman Nazif Sok. No: 12/B Dai", "footer-contact"},
		{37, "Tel: +90 (312) 438 50 23-24 • **", "footer-contact"},
		{39, "@avimorgtr", "social-links"},
		{41, "<https://www.facebook.com/avrasy", "social-links"},
		{43, "E-Posta: info@avim.org.tr", "footer-contact"},
		{45, "<http://avim.org.tr>", "link-only"},
		{47, "© 2009-2024 Avrasya İncelemeleri", "copyright"},
	},
	"001_7fe228a42ad5170a.txt": {
		{5, "MOSCOW'S PLAYBOOK IN KARABAKH - ", ""},
		{7, "EU Reporter Correspondent", "masthead"},
		{9, "Blog No: 26", ""},
		{10, "08.05.2023", ""},
		{12, "EU Reporter (7 May 2023)", "masthead"},
		{14, "By EU Reporter Correspondent", "byline"},
		{16, "Situated at the crossroads betwe", ""},
		{18, "The US Secretary of State Antony", ""},
		{20, "A focal point in the dispute bet", ""},
		{22, "the ones stated in their officia", ""},
		{24, "To read the rest of the article,", "read-more"},
		{25, "<https://www.eureporter.co/world", "link-only"},
		{27, "About the author:", "author-box"},
		{29, "To cite this article: EU Reporte", "citation"},
		{33, "Süleyman Nazif Sok. No: 12/B Dai", "footer-contact"},
		{35, "Tel: +90 (312) 438 50 23-24 • **", "footer-contact"},
		{37, "@avimorgtr", "social-links"},
		{39, "<https://www.facebook.com/avrasy", "social-links"},
		{41, "E-Posta: info@avim.org.tr", "footer-contact"},
		{43, "<http://avim.org.tr>", "link-only"},
		{45, "© 2009-2025 Avrasya İncelemeleri", "copyright"},
	},
	"002_f0b4da0ac9dd122e.txt": {
		{1, "Friday, September 22, 2023", ""},
		{3, "Nagorno-Karabakh: Putin welcomes", ""},
		{5, "Must read", "teaser"},
		{8, "Russian President Vladimir Putin", ""},
		{10, "His comments came as he sat for ", ""},
		{12, "Pashinyan and Aliyev did not sha", ""},
		{14, "Putin said the peace agreement h", ""},
		{16, "The peace deal brokered by Russi", ""},
		{18, "But tensions persist, with spora", ""},
		{20, "The region lies within the borde", ""},
		{22, "But it has been under the contro", ""},
		{24, "Peace agreement", ""},
		{26, "Hostilities over Nagorno-Karabak", ""},
		{28, "The Azerbaijani army has penetra", ""},
		{30, "As part of the peace agreement, ", ""},
		{32, "The truce was celebrated in Azer", ""},
		{34, "On Monday, many protesters tried", ""},
		{36, "The Armenian prime minister defe", ""},
		{38, "Aliyev, for his part, presented ", ""},
		{40, "Azerbaijan and its ally Turkey h", ""},
		{42, "Putin extends Russia’s military ", ""},
		{44, "For Russia, the conflict has hig", ""},
		{46, "But by negotiating the deal and ", ""},
		{48, "Dmitry Trenin, political analyst", ""},
		{50, "“(The) peacekeeping function is ", ""},
		{52, "Journalist Onnik J. Krikorian, m", ""},
		{54, "“This then raises the question o", ""},
		{56, "“And there are few, especially i", ""},
		{59, "- Advertisement -spot_img", "advertisement"},
		{61, "More articles", "teaser"},
		{64, "Please enter your comment!", "comment-form"},
		{65, "Please enter your name here", "comment-form"},
		{67, "- Advertisement -spot_img", "advertisement"},
		{69, "Latest article", "teaser"},
	},
	"003_9067fb0cbeea3594.txt": {
		{1, "Follow us on social", "social-links"},
		{3, "Armenia Azerbaijan Nagorno-Karab", ""},
		{5, "Armenians' fate in Nagorno-Karab", ""},
		{7, "Azerbaijan launches military ass", ""},
		{9, "Analysis | QiOSK", ""},
		{11, "Update 9/19, 2 p.m.: A United St", ""},
		{15, "It appears that Azerbaijan has d", ""},
		{17, "In the early afternoon of Septem", ""},
		{19, "This development comes after wee", ""},
		{21, "The Azerbaijani Ministry of Defe", ""},
		{23, "Since the Moscow-brokered ceasef", ""},
		{25, "Azerbaijan for its part had repe", ""},
		{27, "Armenian Prime Minister Pashinya", ""},
		{29, "Charles Michel, President of the", ""},
		{31, "Russia has urged the conflicting", ""},
		{33, "The U.S. still has yet to make a", ""},
		{35, "What the fate of the Armenians o", ""},
		{37, "Editor's Note: Artin Dersimonian", ""},
		{39, "Protesters gather near the gover", ""},
		{41, "Analysis | QiOSK", "duplicate-line"},
		{42, "Diplomacy Watch: Is new Ukraine ", "off-topic-tail"},
		{44, "Diplomacy Watch: Is new Ukraine ", "duplicate-line"},
		{46, "QiOSK", "off-topic-tail"},
		{48, "When the Ukraine aid bill hit Pr", "off-topic-tail"},
		{50, "For Ukraine, the new aid package", "off-topic-tail"},
		{52, "keep readingShow less", "read-more"},
		{53, "Macron’s strategy: A 'Gaullist' ", "off-topic-tail"},
		{55, "France's President Emmanuel Macr", "off-topic-tail"},
		{57, "Macron’s strategy: A 'Gaullist' ", "duplicate-line"},
		{59, "Europe", "off-topic-tail"},
		{61, "President Emmanuel Macron is pur", "off-topic-tail"},
		{63, "The present strategy by which Ma", "off-topic-tail"},
		{65, "keep readingShow less", "read-more"},
		{66, "What are Americans' biggest fore", "off-topic-tail"},
		{67, "gopixa via shutterstock.com", "photo-credit"},
		{68, "gopixa via shutterstock.com", "photo-credit"},
		{70, "What are Americans' biggest fore", "duplicate-line"},
		{72, "Global Crises", "off-topic-tail"},
		{74, "Americans give higher priority t", "off-topic-tail"},
		{76, "Conversely, policies aimed at pr", "off-topic-tail"},
		{78, "keep readingShow less", "read-more"},
		{80, "Israel-Gaza Crisis", "off-topic-tail"},
		{82, "Latest", "teaser"},
	},
	"004_c27a428282c94457.txt": {
		{1, "Home » Azerbaijan and Armenians ", "breadcrumb"},
		{3, "Azerbaijan and Armenians of Kara", "breadcrumb"},
		{5, "by admin", "byline"},
		{6, "Azerbaijan and Armenians of Kara", "breadcrumb"},
		{8, "The meeting of the two delegatio", ""},
		{11, "The historic dialogue recently s", ""},
		{13, "In a rare public occasion, offic", ""},
		{15, "Furthermore, for the first time,", ""},
		{17, "“This is the first time a politi", ""},
		{19, "Accompanying Mammadov were membe", ""},
		{21, "See also\u00a0 44,588 police officers", "teaser"},
		{23, "At the moment, the transport of ", ""},
		{25, "Among the issues discussed at th", ""},
		{27, "The authorities in fact of Karab", ""},
		{29, "“I want to state once again that", ""},
		{31, "Neither the international commun", ""},
		{33, "See also\u00a0 Baltic Dry Index rises", "teaser"},
		{35, "However, any hopes that some tan", ""},
		{37, "Azerbaijan claims that Karabakh ", ""},
		{39, "Against this backdrop, many are ", ""},
		{41, "“This recent attack has definite", ""},
		{43, "“I think this shows that we curr", ""},
		{45, "Have you thought about a subscri", "subscription"},
		{47, "Comments, as far as possible, ar", "comment-form"},
		{49, "See also\u00a0 Call of Duty Modern Wa", "teaser"},
		{51, "blog comments powered by", "comment-form"},
		{53, "You may also like", "teaser"},
		{55, "Leave a Comment", "comment-form"},
		{57, "This site uses Akismet to reduce", "comment-form"},
		{59, "This website uses cookies to imp", "cookie-notice"},
		{61, "Privacy & Cookies Policy", "cookie-notice"},
	},
}

func readKarabakh(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "karabakh", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// karabakhOutlet is each page's outlet, as testdata/karabakh/manifest.csv
// gives it: the group the pipeline cleans the page under.
var karabakhOutlet = map[string]string{
	"000_29fd891e874d70e7.txt": "Middle East Policy Council",
	"001_7fe228a42ad5170a.txt": "EU Reporter",
	"002_f0b4da0ac9dd122e.txt": "Conflict News",
	"003_9067fb0cbeea3594.txt": "Responsible Statecraft",
	"004_c27a428282c94457.txt": "OBC Transeuropa",
}

func TestMasthead(t *testing.T) {
	tests := []struct {
		name, group, line string
		want              bool
	}{
		{"name and date", "EU Reporter", "EU Reporter (7 May 2023)", true},
		{"name and byline word", "EU Reporter", "EU Reporter Correspondent", true},
		{"name, time and zone", "Example News", "Example News — Updated 3:05 p.m. ET", true},
		{"name alone may be a heading", "Example News", "Example News", false},
		{"title containing the name", "EU Reporter", "MOSCOW'S PLAYBOOK IN KARABAKH - EU REPORTER - 07.05.2023", false},
		{"name inside a longer word", "Vox", "Voxel art (2023)", false},
		{"author beside the name", "National Review", "Kyle Smith, National Review", false},
		{"other outlet", "Example News", "Other Times (7 May 2023)", false},
		{"sentence naming the outlet", "Example News", "Example News reported on 7 May that the talks failed.", false},
		{"one-letter group", "A", "A (7 May 2023)", false},
	}
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		_, removed := c.Clean(&corpus.Document{Group: tt.group, Text: "A first body paragraph that is long enough to be prose, as articles are.\n" + tt.line})
		got := len(removed) == 1 && removed[0].Rule == "masthead"
		if got != tt.want {
			t.Errorf("%s: group %q, line %q: removed as masthead = %v, want %v (removals %v)", tt.name, tt.group, tt.line, got, tt.want, removed)
		}
	}
}

func TestCleanKarabakhLabels(t *testing.T) {
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "karabakh", "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("want 5 Karabakh pages, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		labels, ok := karabakhLabels[name]
		if !ok {
			t.Errorf("%s: no labels", name)
			continue
		}
		text := readKarabakh(t, name)
		lines := strings.Split(text, "\n")
		cleaned, removed := c.Clean(&corpus.Document{Text: text, Group: karabakhOutlet[name]})
		got := map[int]string{}
		for _, r := range removed {
			got[r.Line] = r.Rule
			if r.Text != strings.TrimSuffix(lines[r.Line-1], "\r") {
				t.Errorf("%s:%d: removal text %q, line is %q", name, r.Line, r.Text, lines[r.Line-1])
			}
		}
		labelled := map[int]bool{}
		for _, l := range labels {
			labelled[l.line] = true
			if l.line > len(lines) {
				t.Errorf("%s:%d: label beyond the last line %d", name, l.line, len(lines))
				continue
			}
			text := strings.TrimSpace(lines[l.line-1])
			if !strings.HasPrefix(text, l.prefix) {
				t.Errorf("%s:%d: label expects a line starting %q, line is %q", name, l.line, l.prefix, text)
			}
			if got[l.line] != l.rule {
				if l.rule == "" {
					t.Errorf("%s:%d: must stay, removed by %s: %q", name, l.line, got[l.line], text)
				} else {
					t.Errorf("%s:%d: must go by %s, got %q: %q", name, l.line, l.rule, got[l.line], text)
				}
			}
			if l.rule == "" && !strings.Contains(cleaned, lines[l.line-1]) {
				t.Errorf("%s:%d: kept line missing from the cleaned text", name, l.line)
			}
		}
		// Every non-blank line is labelled, so nothing is removed or kept
		// without a hand decision.
		for i, line := range lines {
			if strings.TrimSpace(line) != "" && !labelled[i+1] {
				t.Errorf("%s:%d: line not labelled: %q", name, i+1, line)
			}
		}
	}
}

// TestCleanKarabakhQuotesKept checks every quotation of the pages by its
// distinctive words: each survives cleaning.
func TestCleanKarabakhQuotesKept(t *testing.T) {
	quotes := map[string][]string{
		"000_29fd891e874d70e7.txt": nil,
		"001_7fe228a42ad5170a.txt": nil,
		"002_f0b4da0ac9dd122e.txt": {"“next steps”", "“creating the necessary basis", "“(The) peacekeeping function",
			"“agreement”", "“there will be one.”", "“This then raises the question", "“And there are few"},
		"003_9067fb0cbeea3594.txt": {"“egregious”", "\"for an immediate end to hostilities", "“local anti-terrorist”",
			"“...ultimately restore the constitutional order", "“planted by the reconnaissance-subversion groups",
			"“the civilian population and civilian infrastructure", "“Military actions of Azerbaijan",
			"“stop the bloodshed", "“to ethnically cleanse"},
		"004_c27a428282c94457.txt": {"“This is the first time a political representative", "“more drastic steps”",
			"“I want to state once again", "“And that means that in the near future", "“Azerbaijan wants to cooperate",
			"“terrorism”", "“decisive and necessary measures", "“This recent attack has definitely",
			"“Not only the attack", "“I think this shows"},
	}
	c, _ := New(Options{}, nil)
	for name, qs := range quotes {
		text := readKarabakh(t, name)
		cleaned, _ := c.Clean(&corpus.Document{Text: text})
		for _, q := range qs {
			if !strings.Contains(text, q) {
				t.Errorf("%s: quotation %q not in the page (bad label)", name, q)
			} else if !strings.Contains(cleaned, q) {
				t.Errorf("%s: quotation %q removed", name, q)
			}
		}
	}
}

// TestCleanRulesOneLine runs each rule on single lines: the line must be
// removed by the named rule, or kept when want is "".
func TestCleanRulesOneLine(t *testing.T) {
	long := "The ministers met in Geneva on Tuesday and agreed that the ceasefire would hold through the winter, " +
		"while the two delegations would meet again in the spring to discuss the return of displaced families."
	cases := []struct {
		name, line, want string
	}{
		// citation
		{"cite opener", "To cite this article: A. Writer. 2024. \"TITLE OF THE PIECE.\" Centre, No. 5. <https://example.org/x>", "citation"},
		{"suggested citation", "Suggested citation: Smith, J. (2020). Report.", "citation"},
		{"cite in body", "Courts often cite this article of the constitution.", ""},
		// author-box
		{"about the author", "About the author:", "author-box"},
		{"about the author with bio", "About the author: She teaches history at a university in Ankara.", ""},
		// copyright
		{"copyright sign", "© 2009-2024 Example Centre Tüm Hakları Saklıdır", "copyright"},
		{"copyright year", "Copyright 2013 The Agency. All rights reserved. This material may not be published.", "copyright"},
		{"rights reserved french", "Tous droits réservés - Le Journal", "copyright"},
		{"copyright in body", "The band sued over copyright infringement last year.", ""},
		{"copyright long embed", "Photos of damage done by bombing of the hospital and staff treating patients in parts still standing ©Group pic.example.com/abc — October 3", ""},
		// footer-contact
		{"street address", "Example Sok. No: 12/B Daire 3-4 06550 Çankaya-ANKARA / TÜRKİYE", "footer-contact"},
		{"us address", "1600 Pennsylvania Ave NW, Washington DC 20500", "footer-contact"},
		{"tel fax", "Tel: +90 (312) 438 50 23-24 • **Fax:** +90 (312) 438 50 26", "footer-contact"},
		{"bare phone", "+1 (202) 555 0143", "footer-contact"},
		{"email label", "E-Posta: info@example.org", "footer-contact"},
		{"write to", "Write to Jane Doe at jane.doe@example.com", "footer-contact"},
		{"date not phone", "06.09.2023", ""},
		{"email mid sentence", "The hackers sent emails from admin@example.gov to staff across the ministry.", ""},
		{"address words in body", "He lived at 221 Baker Street for 12 years before moving.", ""},
		{"year and street", "Blog No: 52", ""},
		// social-links
		{"follow us", "Follow us on social", "social-links"},
		{"handle", " @examplehandle", "social-links"},
		{"social url", " <https://www.facebook.com/examplepage>", "social-links"},
		{"follow twitter", "Follow us on Twitter @ExampleOpinion.", "social-links"},
		{"read or share", "Read or Share this story: http://ex.am/1abc", "social-links"},
		{"follow in body", "Follow the money, the investigators said.", ""},
		// read-more
		{"rest of article", "To read the rest of the article, please click:", "read-more"},
		{"keep reading show less", "keep readingShow less", "read-more"},
		{"read more", "Read more", "read-more"},
		{"read more link", "Read more: https://example.com/story", "read-more"},
		{"read more headline", "READ MORE: Leaders respond to the new strategy", "read-more"},
		{"continue reading", "Continue reading…", "read-more"},
		{"click for more", "Click for more from The Agency.", "read-more"},
		{"ends click here", "Watch the show weeknights 8pm ET. For the latest from the show click here.", "read-more"},
		{"read more about in body", "Voters can read more about the candidates on the commission's website.", ""},
		{"read more about opening", "Read more about the treaty and its history in our archive of the negotiations from 1994 to 2020.", ""},
		// teaser
		{"see also", "See also\u00a0 Index rises for third week in a row", "teaser"},
		{"you may also like", "You may also like", "teaser"},
		{"more articles", "More articles", "teaser"},
		{"latest article", "Latest article", "teaser"},
		{"must read", "Must read", "teaser"},
		{"related colon", "RELATED: Leader offers a defining 'moment'", "teaser"},
		{"also on", "( Also on EXAMPLE: No perfect choice)", "teaser"},
		{"photos", "( PHOTOS: Scenes from the capital)", "teaser"},
		{"related in body", "Related talks were held in Vienna the same week.", ""},
		{"latest in body", "Latest figures show a rise in exports.", ""},
		// advertisement
		{"ad spot", "- Advertisement -spot_img", "advertisement"},
		{"ad", "ADVERTISEMENT", "advertisement"},
		{"ad continue", "Advertisement Continue reading the main story", "advertisement"},
		{"ad break", "Story Continued Below", "advertisement"},
		{"poll ad", "Should The Law Be Repealed? Vote in Urgent National Poll", "advertisement"},
		{"advertising in body", "Advertising revenue fell by half.", ""},
		{"vote in body", "Will the Senate pass it? Vote counts are due Friday.", ""},
		// comment-form
		{"enter comment", "Please enter your comment!", "comment-form"},
		{"enter name", "Please enter your name here", "comment-form"},
		{"leave a comment", "Leave a Comment", "comment-form"},
		{"powered by", "blog comments powered by", "comment-form"},
		{"spam notice", "This site uses Akismet to reduce spam. Learn how your comment data is processed.", "comment-form"},
		{"screening notice", "Comments, as far as possible, are screened by our staff before being made public. The time required for this operation can vary. Go to our policy", "comment-form"},
		{"n comments", "12 Comments", "comment-form"},
		{"declined to comment", "The ministry declined to comment on the policy.", ""},
		// subscription
		{"appeal", "Have you thought about a subscription to Example? You will support our work and receive preview articles and more content. Subscribe to EX!", "subscription"},
		{"sign up", "Sign up for Daily Newsletters", "subscription"},
		{"inbox", "Get the Stories you care about delivered to your inbox. By signing up, you agree to our Privacy Policy", "subscription"},
		{"subscribers in body", "The magazine's subscribers fell by half, the company said.", ""},
		{"sign up in body", "Iran said it would sign up to the agreement if sanctions were lifted.", ""},
		// cookie-notice
		{"cookie banner", "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. Accept Read More", "cookie-notice"},
		{"cookie label", "Privacy & Cookies Policy", "cookie-notice"},
		{"cookies in body", "Browsers let sites use cookies to track you, the report said.", ""},
		{"bakery", "The bakery sold cookies to soldiers at the checkpoint.", ""},
		{"regulator", "The regulator said the firm's cookie rules broke privacy law.", ""},
		// byline
		{"by admin", "by admin", "byline"},
		{"by name", "By EU Reporter Correspondent", "byline"},
		{"by two names", "By Jill Doe and Elise Roe", "byline"},
		{"contributed", "The Agency contributed to this report.", "byline"},
		{"contributing", "Contributing: Associated Writers", "byline"},
		{"by the end", "By the end of the week, troops had withdrawn.", ""},
		{"by monday", "By Monday, the talks had collapsed.", ""},
		{"contributed in body", "Smith contributed to this report, officials said, and then left.", ""},
		// photo-credit
		{"via domain", "gopixa via shutterstock.com", "photo-credit"},
		{"slash credit", "AFP/Getty Images", "photo-credit"},
		{"photo colon", "Photo: Daniel Doe/Agency", "photo-credit"},
		{"enlarge", "Enlarge this image toggle caption Jane Doe/AP Jane Doe/AP", "photo-credit"},
		{"aircraft", "U.S. F/A-18 E/F Super Hornet", ""},
		{"label colon", "ANALYSIS/OPINION:", ""},
		{"widget with caption", "Image copyright Agency Image caption Protesters demanded the closure of the embassy", "photo-credit"},
		{"enlarge long credit", "Enlarge this image toggle caption Jane Doe /AFP/Getty Images Jane Doe /AFP/Getty Images", "photo-credit"},
		{"caption closing on credit", "Smoke rises from a vehicle destroyed by a strike on Saturday, July 26. (Photo: Jane Doe, AP)", "photo-credit"},
		{"agency photo credit", "Soldiers patrol the border. (AP Photo/ Jane Doe)", "photo-credit"},
		{"agency photo colon", "Leaders meet at the resort, April 7, 2017. (Agency photo: Jane Doe)", "photo-credit"},
		{"caption in body", "The caption under the image was changed after complaints from the family.", ""},
		{"photo in brackets", "The agency later released the image (see photo below).", ""},
		{"photo parenthesis mid-line", "He released a photo (Photo: his own) of the site to reporters.", ""},
		// Only the closing credit, cut off (glue.go); the caption stays.
		{"sentence-like caption with credit", "Iraqi supporters of the prime minister hold a giant portrait of him during a demonstration on a hot afternoon in the capital, where thousands had gathered since dawn to show their support. (Photo: Jane Doe, AP)", "photo-credit"},
		{"widget caption with quote", "Image copyright Agency Image caption A banner in the capital says: \"We are all in pain.\"", ""},
		// media-player
		{"playback message", "Media playback is unsupported on your device Media caption Footage appears to show a missile strike on a plane", "media-player"},
		{"media caption", "Media caption Why the ancient city matters", "media-player"},
		{"video carousel", "JUST WATCHED Clashes turn deadly Replay More Videos ... MUST WATCH Clashes turn deadly 02:58", "media-player"},
		{"sentence-like carousel", "JUST WATCHED Senator: No one has a firm grasp on the framework deal Replay More Videos ... MUST WATCH Senator: No one has a firm grasp on the framework deal 05:35", "media-player"},
		{"playback in body", "The broadcaster said playback of the video was unsupported on older devices.", ""},
		{"replay in body", "Officials watched a replay of the strike and said more videos would be released.", ""},
		{"must watch in body", "Just watched the debate? Analysts say voters must watch the economy.", ""},
		{"media caption in body", "Media coverage of the caption contest drew criticism.", ""},
		// "media caption with quote": two labels cut off, TestGlueCuts.
		// gallery
		{"gallery counters", "Photos: Unrest in the capital Photos: Unrest in the capital – Protesters march on Friday. Hide Caption 1 of 12 Photos: Unrest in the capital – Police block the road. Hide Caption 2 of 12", "gallery"},
		{"gallery long", "Photos: Unrest in the capital Photos: Unrest in the capital – Protesters march through the old town on Friday, as shops close early and police watch from the roofs of the ministries. Hide Caption 1 of 3 Photos: Unrest in the capital – Riot police block the road to the parliament building with armoured vans and water cannon. Hide Caption 2 of 3 Photos: Unrest in the capital – A man waves a flag. See more of Example News's best photography Hide Caption 3 of 3", "gallery"},
		{"slideshow caption", "Hide caption Fireworks light the sky as crowds celebrate in the square. Previous Next Jane Doe/AP", "gallery"},
		{"best photography", "See more of Example News's best photography", "gallery"},
		{"view slideshow", "1 of 13 i View slideshow", "gallery"},
		{"photos in body", "Photos of the damage were shared widely, and officials said they would hide nothing.", ""},
		{"counter in body", "The ministry published photos of 1 of 12 sites, and a caption said others were hidden.", ""},
		{"see more in body", "See more of the president's speech below.", ""},
		{"slideshow with quote", "Hide caption Protesters fill the square. \"It looks like a war zone,\" a correspondent reported. Previous Next Jane Doe/AP", ""},
		// timestamp
		{"bare clock", "9:50 p.m.", "timestamp"},
		{"clock with zone", "7:15 a.m. ET:", "timestamp"},
		{"updated at", "Updated at 3:05 p.m. ET", "timestamp"},
		{"update caps", "UPDATE at 12:30 ET:", "timestamp"},
		{"post last updated", "(This post was last updated at 1:31 p.m. ET.)", "timestamp"},
		{"dashed update", "--Updated at 11:12 a.m.", "timestamp"},
		// The stamp is cut off its heading (glue.go): the stamp goes, the heading stays.
		{"update with heading", "Update at 1:45 p.m. ET. Heavy Shelling From The Coast:", "timestamp"},
		{"time phrase", "At 3 p.m. on Monday", ""},
		{"date alone", "June 3, 2013", ""},
		{"clock in body", "The vote is set for 9:30 a.m. on Tuesday.", ""},
		{"map scale", "Scale 1:50,000", ""},
		// subscription forms
		{"sign-up form", "Newsletter Sign Up Continue reading the main story Please verify you're not a robot by clicking the box. Invalid email address. Please re-enter. You must select a newsletter to subscribe to. Sign Up You will receive emails containing news content, updates and promotions from Example. You may opt-out at any time. Thank you for subscribing. An error has occurred. Please try again later.", "subscription"},
		{"appeal closing on call", "Always wanted our political must-reads? Now you can have them. Each weekday morning, our team, led by Jane Doe, delivers the morning political newsletter straight to readers everywhere in the country. Sign up here", "subscription"},
		{"newsletter in long body", "The newsletter, which told its readers they could unsubscribe at any time, reached 40,000 people in the region before the authorities shut it down last year, according to the ministry in the capital.", ""},
		// teaser (broadcast promotions)
		{"bracketed watch promo", "[Watch EXAMPLE: Jane Doe, a former ambassador, discusses the talks in the 10 a.m. ET hour]", "teaser"},
		{"watch in body", "Watch the skies, the general told the pilots.", ""},
		{"bracketed note", "[Editor's note: watch for updates]", ""},
		// ui-label
		{"photo label", "Photo", "ui-label"},
		{"placeholder", "[pullquote]", "ui-label"},
		{"image counter", "next Image 1 of 2", "ui-label"},
		{"years ago", "6 years ago", "ui-label"},
		{"old article", "This article is more than 1 year old", "ui-label"},
		{"ago in body", "Two years ago the border was closed.", ""},
		// breadcrumb
		{"home path", "Home » World » Europe", "breadcrumb"},
		{"path ending home", "Talks at risk / Nagorno Karabakh / Areas / Home", "breadcrumb"},
		{"title with outlet", "Putin welcomes leaders | Conflict News", ""},
		{"kicker", "Analysis | QiOSK", ""},
		{"fraction", "Sales rose 5% / year", ""},
		// separator
		{"underscores", "___", "separator"},
		{"bullets", "• • •", "separator"},
		// link-only
		{"bracketed url", "<https://example.org/commentary/opinion-piece>", "link-only"},
		{"domain", "<http://example.org.tr>", "link-only"},
		{"abbreviation", "U.S.", ""},
		// guards
		{"quote with said", "“Read more about it,” he said.", ""},
		{"quote opening", "“Subscribe to our newsletter!”", ""},
		{"speaker label", "Navigator: “Yes, sir.”", ""},
		{"long sentence", long + " Subscribe to our newsletter.", ""},
		{"blank", "   ", ""},
	}
	c, err := New(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		_, removed := c.Clean(&corpus.Document{Text: tc.line})
		got := ""
		if len(removed) > 1 {
			t.Errorf("%s: %d removals from one line", tc.name, len(removed))
		}
		if len(removed) == 1 {
			got = removed[0].Rule
		}
		if got != tc.want {
			t.Errorf("%s: %q removed by %q, want %q", tc.name, tc.line, got, tc.want)
		}
	}
}

func TestCleanOutput(t *testing.T) {
	c, _ := New(Options{}, nil)
	cases := []struct {
		name, text, want string
		lines            []int
	}{
		{"nothing removed", "One.\n\nTwo.\n", "One.\n\nTwo.\n", nil},
		{"blank lines survive", "Body one.\n\nRead more\n\nBody two.", "Body one.\n\n\nBody two.", []int{3}},
		{"first and last", "Must read\nBody.\nLatest article", "Body.", []int{1, 3}},
		{"crlf", "Body.\r\nRead more\r\nMore body.\r\n", "Body.\r\nMore body.\r\n", []int{2}},
		{"empty", "", "", nil},
	}
	for _, tc := range cases {
		got, removed := c.Clean(&corpus.Document{Text: tc.text})
		if got != tc.want {
			t.Errorf("%s: cleaned %q, want %q", tc.name, got, tc.want)
		}
		var lines []int
		for _, r := range removed {
			lines = append(lines, r.Line)
		}
		if !slices.Equal(lines, tc.lines) {
			t.Errorf("%s: removed lines %v, want %v", tc.name, lines, tc.lines)
		}
	}
}

func TestCleanDuplicateLine(t *testing.T) {
	text := "Headline here\nBody sentence one.\nHeadline here\n  Headline here  \n" +
		"“Quoted words repeated,” she said.\n“Quoted words repeated,” she said.\n\n\n"
	c, _ := New(Options{}, nil)
	_, removed := c.Clean(&corpus.Document{Text: text})
	want := []Removal{
		{Line: 3, Text: "Headline here", Rule: "duplicate-line"},
		{Line: 4, Text: "  Headline here  ", Rule: "duplicate-line"},
	}
	if !slices.Equal(removed, want) {
		t.Errorf("removals %+v, want %+v (first kept, quotes and blank lines never)", removed, want)
	}
}

func TestCleanDisable(t *testing.T) {
	text := "© 2020 Example\nRead more"
	c, err := New(Options{Disable: []string{"copyright"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, removed := c.Clean(&corpus.Document{Text: text})
	if len(removed) != 1 || removed[0].Rule != "read-more" {
		t.Errorf("with copyright disabled: removals %+v, want only read-more", removed)
	}
	if _, err := New(Options{Disable: []string{"copyright", "no-such-rule"}}, nil); err == nil ||
		!strings.Contains(err.Error(), `"no-such-rule"`) {
		t.Errorf("unknown rule: error %v, want one naming \"no-such-rule\"", err)
	}
}

func TestCleanRulesList(t *testing.T) {
	rs := Rules()
	if !sort.SliceIsSorted(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name }) {
		t.Errorf("rules not sorted by name")
	}
	seen := map[string]bool{}
	for _, r := range rs {
		if seen[r.Name] {
			t.Errorf("rule %q listed twice", r.Name)
		}
		seen[r.Name] = true
		if r.Description == "" {
			t.Errorf("rule %q has no description", r.Name)
		}
		if _, err := New(Options{Disable: []string{r.Name}}, nil); err != nil {
			t.Errorf("rule %q cannot be disabled: %v", r.Name, err)
		}
	}
	for _, name := range []string{"citation", "copyright", "footer-contact", "read-more", "teaser", "advertisement",
		"comment-form", "cookie-notice", "subscription", "link-only", "breadcrumb", "duplicate-line",
		"repeated-line", "off-topic-tail"} {
		if !seen[name] {
			t.Errorf("rule %q missing", name)
		}
	}
}

// TestCleanRepeatedLine checks the two thresholds: at least 3 documents of
// the group and at least 50% of them.
func TestCleanRepeatedLine(t *testing.T) {
	const furniture = "Sign in to read the daily digest of the region"
	stats := NewLineStats()
	add := func(group string, docs, with int) {
		for i := range docs {
			text := fmt.Sprintf("Body of article %d in %s.", i, group)
			if i < with {
				text += "\n" + furniture
			}
			stats.Add(group, text)
		}
	}
	add("six", 6, 3)   // 3 of 6: 3 ≥ 3 and 2·3 ≥ 6 → removed
	add("seven", 7, 3) // 3 of 7: 2·3 = 6 < 7 → kept
	add("four", 4, 2)  // 2 of 4: 50% but 2 < 3 → kept
	add("three", 3, 3) // 3 of 3 → removed
	c, err := New(Options{}, stats)
	if err != nil {
		t.Fatal(err)
	}
	for group, want := range map[string]bool{"six": true, "seven": false, "four": false, "three": true, "unknown": false} {
		_, removed := c.Clean(&corpus.Document{Group: group, Text: "Another body.\n" + furniture})
		got := len(removed) == 1 && removed[0].Rule == "repeated-line" && removed[0].Line == 2
		if got != want {
			t.Errorf("group %s: removals %+v, want removed=%v", group, removed, want)
		}
	}
	// Without statistics the rule is off.
	c, _ = New(Options{}, nil)
	if _, removed := c.Clean(&corpus.Document{Group: "six", Text: furniture}); len(removed) != 0 {
		t.Errorf("no stats: removals %+v", removed)
	}
}

func TestLineStatsNormalisedAndMerged(t *testing.T) {
	docs := []struct{ group, text string }{
		{"a", "Copyright 2019 Example LLC\nbody one"},
		{"a", "COPYRIGHT  2020 Example LLC\nbody two\nbody two"},
		{"a", "copyright 2021 example llc"},
		{"b", "Copyright 2019 Example LLC"},
		{"a", "“Quoted,” he said.\n“Quoted,” he said."},
	}
	whole := NewLineStats()
	s1, s2 := NewLineStats(), NewLineStats()
	for i, d := range docs {
		whole.Add(d.group, d.text)
		if i%2 == 0 {
			s1.Add(d.group, d.text)
		} else {
			s2.Add(d.group, d.text)
		}
	}
	merged := NewLineStats()
	merged.Merge(s2)
	merged.Merge(s1)
	checks := []struct {
		group, line string
		want        int
	}{
		{"a", "Copyright 1999 Example LLC", 3}, // case, spacing and digit runs normalised
		{"a", "body two", 1},                   // counted once per document
		{"b", "copyright 7 example llc", 1},
		{"a", "“Quoted,” he said.", 0}, // quoted speech is never counted
		{"c", "anything", 0},
	}
	for _, s := range []struct {
		name  string
		stats *LineStats
	}{{"one pass", whole}, {"merged shards", merged}} {
		for _, ch := range checks {
			if got := s.stats.Count(ch.group, ch.line); got != ch.want {
				t.Errorf("%s: Count(%q, %q) = %d, want %d", s.name, ch.group, ch.line, got, ch.want)
			}
		}
		if s.stats.Docs("a") != 4 || s.stats.Docs("b") != 1 {
			t.Errorf("%s: docs a=%d b=%d, want 4 and 1", s.name, s.stats.Docs("a"), s.stats.Docs("b"))
		}
	}
}

// offTopicBody is an article about river flooding, long enough to judge a
// tail against.
const offTopicBody = `Heavy rain swelled the river overnight and flooded the lower town, forcing hundreds of families to leave their homes.

Rescue teams used boats to reach villages cut off by the water, and the regional governor declared a state of emergency.

Engineers warned that the old dam upstream could fail if the rain continued, and the army sent trucks with sandbags to reinforce the banks.

Farmers said the flood had destroyed the harvest in the valley, and the government promised compensation for lost crops and livestock.
`

func TestCleanOffTopicTail(t *testing.T) {
	offTopic := `
Chess champion wins tournament in Madrid
Chess champion wins tournament in Madrid
The grandmaster defeated her opponent in a tense final game decided by a clever endgame sacrifice with the bishop.
keep readingShow less
Orchestra announces autumn season of concerts
Orchestra announces autumn season of concerts
The conductor will present symphonies by composers rarely heard, with tickets on sale next month at the concert hall.
keep readingShow less`
	onTopic := `
Flood defences questioned after the disaster
Flood defences questioned after the disaster
Engineers said the river banks and the old dam upstream were not reinforced before the rain, and families in the lower town were not warned.
keep readingShow less
Villages cut off by the flood water
Villages cut off by the flood water
Rescue teams used boats to reach the families, and the governor said the army would send more trucks with sandbags to the valley.
keep readingShow less`
	quoted := `
Chess champion wins tournament in Madrid
Chess champion wins tournament in Madrid
“It was the hardest game of my life,” the grandmaster said after the final in the capital.
keep readingShow less`
	cases := []struct {
		name     string
		tail     string
		tailKept []string // lines of the tail that must stay
		tailGone int      // lines removed as off-topic-tail
	}{
		{"unrelated teasers", offTopic, nil, 4},
		{"teasers on the same story", onTopic, []string{"Flood defences questioned", "Engineers said the river banks", "Villages cut off", "Rescue teams used boats"}, 0},
		{"quoted speech in tail", quoted, []string{"“It was the hardest game"}, 1},
	}
	c, _ := New(Options{}, nil)
	for _, tc := range cases {
		cleaned, removed := c.Clean(&corpus.Document{Text: offTopicBody + tc.tail})
		gone := 0
		for _, r := range removed {
			if r.Rule == "off-topic-tail" {
				gone++
			}
		}
		if gone != tc.tailGone {
			t.Errorf("%s: %d lines removed as off-topic-tail, want %d: %+v", tc.name, gone, tc.tailGone, removed)
		}
		for _, k := range tc.tailKept {
			if !strings.Contains(cleaned, k) {
				t.Errorf("%s: %q removed", tc.name, k)
			}
		}
		if !strings.HasPrefix(cleaned, offTopicBody) {
			t.Errorf("%s: body changed", tc.name)
		}
	}
	// One anchor is not enough evidence.
	single := offTopicBody + "\nChess champion wins tournament in Madrid\nThe grandmaster defeated her opponent in a tense final game decided by a clever endgame sacrifice.\nkeep readingShow less\n"
	_, removed := c.Clean(&corpus.Document{Text: single})
	for _, r := range removed {
		if r.Rule == "off-topic-tail" {
			t.Errorf("single anchor: removed %q as off-topic-tail", r.Text)
		}
	}
}

// TestCleanConcurrent runs one Cleaner from many goroutines on the Karabakh
// pages: every result equals the sequential one.
func TestCleanConcurrent(t *testing.T) {
	c, _ := New(Options{}, nil)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range karabakhLabels {
			if !yield(n) {
				return
			}
		}
	})
	want := make([]string, len(names))
	texts := make([]string, len(names))
	for i, n := range names {
		texts[i] = readKarabakh(t, n)
		want[i], _ = c.Clean(&corpus.Document{Text: texts[i]})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				i := (g + k) % len(names)
				if got, _ := c.Clean(&corpus.Document{Text: texts[i]}); got != want[i] {
					errs <- names[i]
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for n := range errs {
		t.Errorf("%s: concurrent result differs", n)
	}
}

// TestCleanAllSidesReport prints what cleaning removes from the AllSides
// sample: lines by rule and 20 removals drawn with a fixed seed, for a person
// to judge. Run with PARALLAX_CLEAN_REPORT=1.
func TestCleanAllSidesReport(t *testing.T) {
	if os.Getenv("PARALLAX_CLEAN_REPORT") == "" {
		t.Skip("set PARALLAX_CLEAN_REPORT=1 to print the AllSides cleaning report")
	}
	docs := testkit.AllSides(t)
	stats := NewLineStats()
	for i := range docs {
		stats.Add(docs[i].Group, docs[i].Text)
	}
	c, err := New(Options{}, stats)
	if err != nil {
		t.Fatal(err)
	}
	type hit struct {
		doc *corpus.Document
		r   Removal
	}
	var all []hit
	byRule := map[string]int{}
	lines := 0
	for i := range docs {
		lines += strings.Count(docs[i].Text, "\n") + 1
		_, removed := c.Clean(&docs[i])
		for _, r := range removed {
			byRule[r.Rule]++
			all = append(all, hit{&docs[i], r})
		}
	}
	fmt.Printf("documents %d, lines %d, removed %d\n", len(docs), lines, len(all))
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range byRule {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Printf("  %-15s %5d\n", name, byRule[name])
	}
	rng := rand.New(rand.NewPCG(1, 0))
	for _, i := range rng.Perm(len(all))[:min(20, len(all))] {
		h := all[i]
		fmt.Printf("%-26s %s:%d %-15s %.110q\n", h.doc.Group, h.doc.ID, h.r.Line, h.r.Rule, h.r.Text)
	}
}

func BenchmarkCleanAllSides(b *testing.B) {
	docs := testkit.AllSides(b)
	stats := NewLineStats()
	size := 0
	for i := range docs {
		stats.Add(docs[i].Group, docs[i].Text)
		size += len(docs[i].Text)
	}
	c, _ := New(Options{}, stats)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range docs {
			c.Clean(&docs[i])
		}
	}
}

func BenchmarkLineStatsAllSides(b *testing.B) {
	docs := testkit.AllSides(b)
	size := 0
	for i := range docs {
		size += len(docs[i].Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		s := NewLineStats()
		for i := range docs {
			s.Add(docs[i].Group, docs[i].Text)
		}
	}
}

// TestAppendNormCount checks the words and lower-case words counted while
// normalising against a separate scan written for the purpose: fields
// separated by ' ', '\t' and non-ASCII white space, a field lower-case when
// its first rune is. Inputs: every line of the AllSides sample, and random
// strings of ASCII and Unicode letters, every kind of white space, and
// invalid UTF-8.
func TestAppendNormCount(t *testing.T) {
	ref := func(s string) (words, lower int) {
		in := false
		for _, r := range s { // invalid bytes read as U+FFFD, as DecodeRune does
			sep := r == ' ' || r == '\t' || r >= utf8.RuneSelf && isSpace(r)
			if !sep && !in {
				words++
				if unicode.IsLower(r) {
					lower++
				}
			}
			in = !sep
		}
		return words, lower
	}
	var lines []string
	for _, text := range testkit.AllSidesTexts(t) {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	parts := []string{"a", "Z", "x", " ", "\t", "\r", "\v", "\f", "\u00a0", "\u2003", "\u200b", "é", "É", "ß", "İ", "’", "\xff", "\xe2\x80", ".", "7"}
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(12); n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		lines = append(lines, b.String())
	}
	for _, line := range lines {
		norm, w, lw := appendNormCount(nil, line)
		ww, wl := ref(line)
		if w != ww || lw != wl {
			t.Fatalf("%q: %d words, %d lower; want %d, %d", line, w, lw, ww, wl)
		}
		if string(norm) != string(appendNorm(nil, line)) {
			t.Fatalf("%q: appendNormCount and appendNorm disagree", line)
		}
	}
}

// TestPhraseSet checks phraseSet.in against containsAny on every AllSides
// line (lower-cased, as the rules see it), with rightsReserved and lists
// made to hit often (frequent words, prefixes of one another, multi-byte
// first bytes).
func TestPhraseSet(t *testing.T) {
	lists := [][]string{rightsReserved, {"the", "th", "t", "e the"}, {"é", "ç", "—", " a ", "news"}, subscriptionWords}
	hits := 0
	for _, text := range testkit.AllSidesTexts(t) {
		for _, line := range strings.Split(strings.ToLower(text), "\n") {
			for _, list := range lists {
				got, want := newPhraseSet(list).in(line), containsAny(line, list)
				if got != want {
					t.Fatalf("%q in %q: %v, want %v", list, line, got, want)
				}
				if got {
					hits++
				}
			}
		}
	}
	if hits < 1000 {
		t.Errorf("only %d hits: the check is weak", hits)
	}
	if !rightsReservedSet.in("© 2020 acme. tous droits réservés.") || rightsReservedSet.in("all rights are reserved") {
		t.Error("rightsReservedSet: wrong answer on a hand-made line")
	}
}
