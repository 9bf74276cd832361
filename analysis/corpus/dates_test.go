package corpus

import (
	"strings"
	"testing"
)

// URLs of the AllSides corpus (Article-Bias-Prediction, Apache-2.0), with
// the dates checked by hand: against the record's date field where it has
// one, and otherwise against the event the article reports (the WSJ's Unix
// times: Beto O'Rourke announced on 14 March 2019, Paul Ryan his
// retirement on 11 April 2018).
func TestDateFromURLPath(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"http://www.nytimes.com/2016/09/20/nyregion/ahmad-khan-rahami-bombing-suspect.html?&hp&action=click", "2016-09-20"},
		{"http://blogs.wsj.com/washwire/2012/10/01/political-wisdom-obama-keeps-edge-in-polls-ahead-of-first-debate/", "2012-10-01"},
		{"https://www.theguardian.com/us-news/2017/apr/04/trump-extreme-vetting", "2017-04-04"},
		{"https://www.allsides.com/news/2012-09-28-1214/op-ed-president-obama-we-must-seek-agreement-gun-reforms", "2012-09-28"},
		{"https://example.org/news/20170404/travel-ban", "2017-04-04"},
		{"https://www.wsj.com/articles/trump-administration-considers-far-reaching-steps-for-extreme-vetting-1491303602", "2017-04-04"},
		{"https://www.wsj.com/articles/democrat-beto-orourke-announces-candidacy-for-president-11552557796", "2019-03-14"},
		{"https://www.wsj.com/articles/house-speaker-paul-ryan-plans-to-retire-1523451274?mod=hp_lead_pos1", "2018-04-11"},
		{"http://www.vanityfair.com/news/2017/04/alt-right-donald-trump-syria", "2017-04"},
		{"https://www.aljazeera.com/news/2020/05/pompeo-declares-hong-kong-longer-autonomous-china-200527160446550.html", "2020-05"},
		// no date: ids, a timestamp-like id off wsj.com, a year alone, a query
		{"http://www.bbc.com/news/world-us-canada-28764278", ""},
		{"https://vitals.lifehacker.com/how-to-spot-a-misleading-crowd-photo-1843679750", ""},
		{"http://time.com/4775368/south-korea-north-moon-jae-in-sunshine-policy-kim-jong-un/", ""},
		{"http://online.wsj.com/article/SB10001424052702303933404577500810740985338.html", ""},
		{"https://spectator.org/popular-vote-realities-2016-trump-ascendant/", ""},
		{"https://example.org/story?date=2017/04/04/", ""},
		{"https://example.org/2017/13/40/", ""}, // no such month: nor does /2017/13/ give one
		{"https://example.org/2017/02/30/x", "2017-02"},
		{"", ""},
	} {
		got, ok := DateFromURLPath(c.url)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("DateFromURLPath(%q) = %q, %v; want %q", c.url, got, ok, c.want)
		}
	}
}

// Tops of texts of the AllSides corpus whose records have no date, and of
// dated ones whose first lines tell of another day.
func TestDateFromText(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Introduction\n\nUpdated Dec. 21, 2019\n\nThe Center for Public Integrity is a nonprofit newsroom", "2019-12-21"},
		{"PDF\n\n2 pages, 94 KB\n\n2 pages, 94 KB\n\n\n\nRevised: April 12, 2017\n\nThe national debt may be", "2017-04-12"},
		{"by Michael Cornfield , Op-Ed Contributor, September 17, 2015\n\nAs depicted on data graphs, political", "2015-09-17"},
		{"Obama Elevates 'Low-Key' Lew to Treasury Post\n\nWASHINGTON, Jan. 10, 2013 -- Facing a brewing fight over the debt ceiling", "2013-01-10"},
		{"© Getty Images Senator Richard Russell\nIn 1959.\nUpdated at 8:44 a.m. ET on July 20, 2020.\n\nThe", "2020-07-20"},
		{"Friday, September 22, 2023\n\nBaku said", "2023-09-22"},
		// dates the story tells of, not the page's
		{"On April 15, 2019, just before 18:20 CEST, a structure fire broke out beneath the roof of Notre-Dame", ""},
		{"Image copyright Getty Images\n\nOn 23 September 1952, vice presidential candidate Richard Nixon gave a", ""},
		{"President Obama's 2009 inaugural address, like many before it.\n\nWith the president delivering his second\n\nJan. 20, 2009\n\nObama:", ""},
		{"Members of the public relax on the beach at Botany Bay on May 26, 2020 in Margate, England.", ""},
		{"Washington, April 4, 2017 - lower-case place", ""},
		{strings.Repeat("x", 700) + "\nUpdated Dec. 21, 2019", ""},
	} {
		got, ok := DateFromText(c.text)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("DateFromText(%.50q) = %q, %v; want %q", c.text, got, ok, c.want)
		}
	}
}

// Load records where each date came from, and counts each kind.
func TestLoadDateSource(t *testing.T) {
	in := `{"id":"a","outlet":"A","date":"2017-03-06","url":"https://www.wsj.com/articles/x-1491303602","text":"one"}
{"id":"b","outlet":"A","url":"https://www.wsj.com/articles/x-1491303602","text":"two"}
{"id":"c","outlet":"B","url":"http://www.bbc.com/news/world-us-canada-28764278","text":"WASHINGTON, April 4, 2017 — three"}
{"id":"d","outlet":"B","url":"http://www.bbc.com/news/world-us-canada-1","text":"four"}
{"id":"e","outlet":"B","date":"  ","text":"five"}
`
	res := loadOS(t, "-", LoadOptions{Format: "jsonl", Stdin: strings.NewReader(in)})
	if res.err != nil {
		t.Fatal(res.err)
	}
	docs, rep := res.docs, res.rep
	want := map[string][2]string{"a": {"2017-03-06", "field"}, "b": {"2017-04-04", "url"}, "c": {"2017-04-04", "dateline"},
		"d": {"", "none"}, "e": {"  ", "none"}}
	for _, d := range docs {
		if w := want[d.ID]; d.Date != w[0] || d.DateSource != w[1] {
			t.Errorf("%s: date %q from %q, want %q from %q", d.ID, d.Date, d.DateSource, w[0], w[1])
		}
	}
	if got := rep.Dates; got != (DateSources{Field: 1, URL: 1, Dateline: 1, None: 2}) {
		t.Errorf("Dates = %+v", got)
	}
}
