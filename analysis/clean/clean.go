package clean

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"parallax/analysis/corpus"
)

// Removal is one line removed by cleaning.
type Removal struct {
	Line int    // 1-based line in the original text
	Text string // the line as it was (without a trailing carriage return)
	Rule string // name of the rule that removed it
}

// Rule describes one rule for documentation and --help.
type Rule struct {
	Name, Description string
}

// Options configures a Cleaner.
type Options struct {
	Disable []string // rule names to switch off
}

// Cleaner removes page furniture from documents, line by line, with named
// rules. It never changes a line: a line (or a fragment of one cut at a
// glued label, see glue.go) is kept as it was or removed whole.
// A Cleaner is read-only after New and safe for concurrent use by many
// goroutines.
//
// # Guards
//
// Two kinds of line are protected:
//   - quoted speech: a line holding a double quotation mark (“ ” " « » „)
//     that opens with it, follows a speaker's label ("Name: “…”") or also
//     holds a reporting cue (said, says, told, wrote, according to, …). No
//     rule at all removes such a line, the off-topic tail and the
//     duplicate and repeated lines included;
//   - sentence-like lines: 30 words or more, at least half of them starting
//     with a lower-case letter, with sentence punctuation (. ! ?). Only the
//     off-topic-tail rule may remove them, on the evidence below, and three
//     line rules on structural evidence no body paragraph carries: gallery
//     (a line opening with "Photos:" or "Hide caption" that holds slide
//     controls), media-player (a line opening with the player's message, or
//     holding a video carousel's labels) and subscription (two sign-up form
//     messages, or a closing "Sign up here", with a subscription word). duplicate-line and
//     repeated-line leave them too.
//     (The threshold is 30 rather than 25 because comment-moderation and
//     cookie notices run to 24–26 words of sentence-like text.)
//
// # Line rules
//
// Every rule looks at one trimmed line, lower-cased with white space
// collapsed. Most rules first require the line to be short (a word limit
// given below; only gallery and subscription, on the structural evidence
// given under Guards, look at lines over 60 words) so that a body
// sentence that merely mentions cookies, subscriptions or "read more about"
// is never taken. The first rule in the order below that matches names the
// removal. Cheap checks (word counts, prefixes, substrings) come first; no
// rule uses a regular expression.
//
//   - citation: starts with "To cite this article", "Cite this article",
//     "How to cite", "Suggested citation", … Body text never opens so.
//   - author-box: "About the author(s)", "Author bio" headings with nothing
//     after them.
//   - copyright: opens with © (or holds it in at most 12 words), holds
//     "(c) 2020" or starts with "Copyright 2020" (at most 40 words), or says
//     "All rights reserved" in one of many languages (at most 20 words).
//   - footer-contact: telephone/fax lines (a Tel/Phone/Fax label followed by
//     digits, or a line that is mostly a 7+ digit number), e-mail lines (an
//     address after a short label, at the end of the line, or in a line of
//     at most 6 words; at most 15 words), and postal addresses (a 4–6 digit
//     post code that is not a year, a street word such as Street, Ave, No:,
//     Sok., Cad., and fewer than 30% lower-case words; at most 16 words).
//   - media-player: the lines of a video or audio player: opening with its
//     message ("Media playback is unsupported on your device", "Media
//     caption", "Your browser does not support the video"), the rest being
//     the video's caption, or a video carousel ("JUST WATCHED title Replay
//     More Videos ... MUST WATCH title 04:48": both labels); at most 60 words.
//   - gallery: photo galleries: a line opening with "Photos:" or "Hide
//     caption" that holds a slide control ("Hide Caption 3 of 20" or
//     "Previous Next"), at any length, since a gallery of 150 captions
//     stands on one line; "1 of 13 i View slideshow" and "See more of …'s
//     best photography" (at most 12 words). The captions describe pictures,
//     not the article's text.
//   - social-links: lines made only of "follow us", "share", @handles,
//     social-network links and platform names ("Follow us on social",
//     "@handle", "Read or Share this story: URL"); at most 12 words.
//   - read-more: lines made only of continuation and navigation markers
//     ("Read more", "keep readingShow less", "Continue reading", "More on
//     this...", "Click here"), optionally with a link; "To read the rest of
//     the article…", "Click here to…", "Click for more from…", "…originally
//     appeared…" openers (at most 16 words) and short lines (at most 20
//     words) ending in "click here".
//   - teaser: labels of lists of other stories ("You may also like", "More
//     articles", "Latest article", "Must read", "Related stories", "Latest")
//     and short lines that open with "See also", "Related:", "Read also:",
//     "Also on X:", "Photos:", "Watch:" followed by a headline (at most 25
//     words); broadcast promotions set wholly in square brackets and opening
//     with "Watch" ("[Watch X: guest discusses Y in the 9 a.m. ET hour]", at
//     most 45 words).
//   - advertisement: "Advertisement", "- Advertisement -spot_img",
//     "Sponsored" alone or followed by one token or by continuation markers;
//     ad-break markers ("Story continued below", "Continue reading the main
//     story", "Article continues below"); poll advertisements ("Question?
//     Vote here now"). At most 8 words (12 for polls).
//   - comment-form: comment-form labels ("Please enter your comment!", "Leave
//     a Comment", "blog comments powered by", "Your email address will not be
//     published", "12 comments") and comment notices that speak for the site
//     (mention comments, with spam/moderation/screening/policy, and our/your/
//     this site/we).
//   - subscription: newsletter and subscription appeals: a subscription word
//     (subscribe, newsletter, "delivered to your inbox", "support our work")
//     with an imperative opening (Subscribe, Sign up, Get, Join, Support) or
//     addressing the reader (you, your, our, !); at most 45 words. Longer or
//     sentence-like lines (at most 150 words) only when they are a sign-up
//     form: two form messages ("not a robot", "Invalid email address",
//     "Please re-enter", "unsubscribe at any time", "By signing up you
//     agree", …) with a word of subscribing, or a closing call ("Sign up
//     here", "Subscribe now") with a subscription word.
//   - cookie-notice: cookie and privacy banners: "cookie" with the site's
//     voice (this website, we use, you agree, accept, opt-out, consent,
//     your experience, …), and bare labels ("Privacy & Cookies Policy",
//     "Cookie settings", "Privacy Policy", "Accept all"); at most 60 words.
//   - byline: "By Name", "by admin", "Posted by …" (at most 8 words, every
//     word after "by" capitalised or a name particle; a body sentence such
//     as "By the end of the week, …" has lower-case words and stays);
//     credit lines ending "contributed to this report/story/article" or
//     opening "Contributing:", "Reporting by", "Editing by" (at most 40
//     words).
//   - photo-credit: "Photo: …", "Image by …", "Credit: …" (at most 12 words),
//     "X via example.com" (at most 6 words), slash-joined credits with no
//     lower-case word ("Agency/Photographer", at most 6 words); lines opening
//     with an image widget ("Enlarge this image", "toggle caption", "Image
//     copyright", "Image caption", "Hide caption"), the rest being the
//     picture's credit and caption; and captions closing on a parenthesised
//     credit of at most 12 words ("… (AP Photo/Name)", "… (Photo: Name,
//     Agency)", "… (Agency photo: Name)"). A caption so marked is not the
//     article's text; an unmarked caption cannot be told from a one-sentence
//     paragraph and stays.
//   - ui-label: words of the page's interface standing alone (Photo, Video,
//     Close, Updates, Print, Share), template placeholders ("[pullquote]",
//     "{articleguid}"), image counters ("Next image 1 of 2") and relative
//     time stamps ("6 years ago", "This article is more than 1 year old").
//   - timestamp: time stamps standing alone: a clock time ("9:50 p.m.",
//     "12:30", "noon") with nothing but time zones ("7:15 a.m. ET:"), or with
//     update words and nothing but dates, weekdays and a few particles
//     ("Updated at 3:05 p.m. ET", "(This post was last updated at 1:31 p.m.
//     ET.)"); at most 14 words. "Update at 1:45 p.m. ET. Heading:" keeps its
//     heading, and "At 3 p.m. on Monday" (no update word) stays.
//   - breadcrumb: navigation paths: three or more short segments joined by
//     » › > / or |, one of them "Home" or joined by » or ›, or two when the
//     first is "Home"; no segment ends a sentence.
//   - separator: non-blank lines with no letter or digit ("___", "• • •").
//   - link-only: lines made only of URLs, bare domains or e-mail addresses,
//     possibly in <>, () or [].
//
// # Document rules
//
//   - duplicate-line: an exact repeat (after trimming white space) of an
//     earlier non-blank line of the same document; the first is kept.
//   - repeated-line: with LineStats from a first pass, a line whose
//     normalised form (lower case, white space collapsed, digit runs read as
//     one digit) occurs in at least 3 documents of the document's group and
//     in at least 50% of that group's documents. Such a line is the outlet's
//     template, not its reporting.
//   - off-topic-tail: a block at the end of the page made of teasers of other
//     stories. Anchors are read-more lines, labels announcing other stories
//     ("Latest", "You may also like") and title-like lines of 3–15 words
//     repeated within the next 6 non-blank lines (the same headline twice);
//     single "See also …" links are not anchors, since pages set them
//     between paragraphs of the article itself. A candidate block starts at
//     an anchor, extended back over short lines that do not end a sentence,
//     and runs to the end of the page. It is removed only if all of these
//     hold: it holds at least two anchors; between two anchors, and after
//     the last, there are at most 3 lines of 8 words or more (a teaser is a
//     headline and a paragraph or three, not an article); the text kept
//     above it holds at least 40 content stems (first five letters of words
//     of 4+ letters, stop words aside); its lines of 8+ words together
//     share under 35% of their stems with that text; and none of its lines
//     of 12+ words shares 60% or more (a paragraph plainly on the article's
//     subject). Candidates are tried from the first anchor on; the first
//     that passes is removed, quoted speech inside it excepted. Vocabulary
//     alone is weak evidence (on the AllSides sample a tenth of articles'
//     last two paragraphs share under 23% of their stems with the rest), so
//     the anchors and the teaser shape are required.
type Cleaner struct {
	enabled [numRules]bool
	stats   *LineStats
	disp    *dispatch // which enabled line rules a line's signature admits
}

// ruleID numbers the rules in order of precedence.
type ruleID uint8

const (
	ruleCitation ruleID = iota
	ruleAuthorBox
	ruleCopyright
	ruleFooterContact
	ruleMediaPlayer
	ruleGallery
	ruleSocialLinks
	ruleReadMore
	ruleTeaser
	ruleAdvertisement
	ruleCommentForm
	ruleSubscription
	ruleCookieNotice
	ruleByline
	rulePhotoCredit
	ruleUILabel
	ruleTimestamp
	ruleBreadcrumb
	ruleSeparator
	ruleLinkOnly
	ruleDuplicateLine
	ruleRepeatedLine
	ruleMasthead
	ruleStaff
	ruleFurniture
	ruleOffTopicTail
	numRules
)

const (
	numLineRules        = ruleDuplicateLine // rules before it look at one line, the rest at the document
	ruleNone     ruleID = 255
)

type ruleDef struct {
	name  string
	desc  string
	match func(*lineView) bool // nil for document rules
	// long rules are also tried on sentence-like lines and lines over
	// maxRuleWords words; their match must then demand structural evidence.
	long bool
}

var rules = [numRules]ruleDef{
	ruleCitation:      {"citation", "citation blocks: lines opening with \"To cite this article\", \"Cite this article\", \"How to cite\", \"Suggested citation\"", isCitation, false},
	ruleAuthorBox:     {"author-box", "\"About the author:\" and similar headings with nothing after them", isAuthorBox, false},
	ruleCopyright:     {"copyright", "copyright lines: opening ©, \"(c) 2020\", \"Copyright 2020\", \"All rights reserved\" in many languages (at most 40 words)", isCopyright, false},
	ruleFooterContact: {"footer-contact", "contact footers: telephone and fax numbers, e-mail addresses in short lines, postal addresses (post code + street word, few lower-case words)", isFooterContact, false},
	ruleMediaPlayer:   {"media-player", "video and audio player furniture: player messages (\"Media playback is unsupported on your device\") and \"Media caption …\" with the video's caption after them, video carousels (\"JUST WATCHED … Replay More Videos … MUST WATCH …\"); at most 60 words, also when sentence-like (the line opens with the player's message or holds the carousel's labels)", isMediaPlayer, true},
	ruleGallery:       {"gallery", "photo galleries: lines opening with \"Photos:\" or \"Hide caption\" that hold a slide control (\"Hide Caption 3 of 20\", \"Previous Next\"), also when sentence-like and at any length; \"1 of 13 View slideshow\" and \"See more of …'s best photography\" teasers (at most 12 words)", isGallery, true},
	ruleSocialLinks:   {"social-links", "\"Follow us\"/\"Share\" lines, @handles and social-network links standing alone (at most 12 words)", isSocialLinks, false},
	ruleReadMore:      {"read-more", "continuation and navigation markers: \"Read more\", \"keep reading\", \"Show less\", \"Continue reading\", \"To read the rest of the article…\", \"Click here to…\" (at most 20 words)", isReadMore, false},
	ruleTeaser:        {"teaser", "labels and links of other stories: \"See also …\", \"You may also like\", \"More articles\", \"Latest article\", \"Must read\", \"Related: …\" (at most 25 words); broadcast promotions wholly in square brackets (\"[Watch X: … in the 9 a.m. ET hour]\", at most 45 words)", isTeaser, false},
	ruleAdvertisement: {"advertisement", "advertisement markers (\"Advertisement\", \"- Advertisement -spot_img\", \"Sponsored\"), ad breaks (\"Story continued below\") and poll advertisements (\"…? Vote here now\"); short lines", isAdvertisement, false},
	ruleCommentForm:   {"comment-form", "comment forms and notices: \"Please enter your comment!\", \"Leave a Comment\", \"blog comments powered by\", spam and moderation notices in the site's voice", isCommentForm, false},
	ruleSubscription:  {"subscription", "newsletter and subscription appeals: a subscription word with an imperative opening or addressed to the reader (at most 45 words); sign-up forms, also when sentence-like (at most 150 words): two or more form messages (\"not a robot\", \"Invalid email address\", \"unsubscribe at any time\") with a word of subscribing, or a closing \"Sign up here\" with a subscription word", isSubscription, true},
	ruleCookieNotice:  {"cookie-notice", "cookie and privacy banners: \"cookie\" in the site's voice (this website, we use, you agree, accept, opt-out) and labels such as \"Privacy & Cookies Policy\"", isCookieNotice, false},
	ruleByline:        {"byline", "bylines (\"By Name\", \"by admin\", at most 8 words) and credit lines (\"… contributed to this report\", \"Contributing: …\", \"Reporting by …\")", isByline, false},
	rulePhotoCredit:   {"photo-credit", "photo credits: \"Photo: …\", \"X via example.com\", \"Agency/Photographer\" (short lines); picture widgets with their credit and caption (\"Enlarge this image toggle caption …\", \"Image copyright X Image caption …\") and captions closing on a credit (\"… (AP Photo/Name)\", \"… (Photo: Name, Agency)\"); at most 60 words, never a sentence-like line", isPhotoCredit, false},
	ruleUILabel:       {"ui-label", "interface words standing alone (Photo, Video, Close, Print), template placeholders (\"[pullquote]\"), image counters, relative time stamps (\"6 years ago\")", isUILabel, false},
	ruleTimestamp:     {"timestamp", "time stamps standing alone: a clock time (\"9:50 p.m.\", \"12:30 ET\") with at most a time zone, or with update words (\"Updated at 3:05 p.m. ET\", \"(This post was last updated at 1:31 p.m. ET.)\"); at most 14 words, dates and weekdays allowed, nothing else", isTimestamp, false},
	ruleBreadcrumb:    {"breadcrumb", "navigation paths: short segments joined by » › > / | with a \"Home\" segment or » › separators (\"Home » A / B\")", isBreadcrumb, false},
	ruleSeparator:     {"separator", "non-blank lines without any letter or digit (\"___\", \"• • •\")", isSeparator, false},
	ruleLinkOnly:      {"link-only", "lines made only of URLs, bare domains or e-mail addresses, possibly in <>, () or []", isLinkOnly, false},
	ruleDuplicateLine: {"duplicate-line", "exact repeat (white space trimmed) of an earlier non-blank line of the same document; the first is kept", nil, false},
	ruleRepeatedLine:  {"repeated-line", "a line (lower-cased, white space collapsed, digit runs read as one digit) found in at least 3 documents of the same group and in at least 50% of that group's documents; needs a first pass (LineStats)", nil, false},
	ruleMasthead:      {"masthead", "a short line (at most 12 words, not sentence-like) naming the document's own group — the outlet — with nothing else but dates, numbers, punctuation and byline words (\"EU Reporter (7 May 2023)\", \"Example News Correspondent\"); a line that is only the name, or a title that contains it, stays", nil, false},
	ruleStaff:         {"staff", "the outlet's staff lines: sign-offs made only of names (two or three capitalised words each, joined by commas or \"and\") in the last three lines of the page, in its first two when the line is in 3 documents of the group or more, or after a dash, unless the line is found in documents of two other groups or more (\"Doug Stanglin\", \"-Maureen Groppe, Bart Jansen and Christal Hayes\"), \"Follow X on Twitter\", \"Write to X at …@…\", \"Contributing: …\" credits (at most 80 words), and staff biographies (\"Joel B. Pollak is Senior Editor-at-Large at Breitbart News. …\": a name, \"is\", a role and a word of the group's name of three letters or more in the first sentence; in the last three lines, at most 60 words, a role with \"of\", \"at\" or \"for\" is enough: \"• Wesley Pruden is editor in chief emeritus of The Times.\")", nil, false},
	ruleFurniture:     {"furniture", "page furniture the line rules leave: picture widgets with their caption (\"Facebook Twitter Pinterest …\"), wire captions (\"FILE PHOTO: …\", \"FILE - In this … file photo, …\"), embed placeholders (\"[embedtweet …]\"), format labels (\"Story highlights …\", \"Slideshow (4 Images)\", \"Corrections & Amplifications\", \"Related Video …\"), teasers ending \"Read more\" (at most 25 words), galleries holding \"Hide caption\" twice or more (any length), live-update stamps (\"Update 2:21AM EDT\", \"UPDATE (5:05 p.m. PST):\", at most 6 words), promotion blurbs, also in the last five lines (\"The opinions expressed by columnists are their own…\", \"…use the promo code…\", \"Something to Consider If you enjoyed this article…\"), photo credit lists (\"Photo credits: …\"), video captions closing on their credit (\"CLOSE … Video provided by Newsy Newslook\"), audio players (\"… Listen · 6:13 6:13\", at most 60 words), topic-follow widgets (\"Add … as an interest to stay up to date …\", at most 30 words), the labels glue.go cuts off body lines (\"Story highlights\", \"archived recording 1\", \"ARCHIVED RECORDING (…)\", \"[VO]\", \"VO\", \"UPDATE II -\", \"quicklist: 1 title: … text:\", \"(AP Photo/…)\", \"VPC\"), licensing and promotion blurbs in the page's first two or last five non-blank lines (\"For licensing opportunities of our original content …\"), labels of the group's format (at most 3 words in capitals found in 5 documents of the group or more: \"NOTABLES:\") and the group's boilerplate (at most 40 words, not sentence-like, no quotation, found in 20 documents of the group or more: \"Urgent:\", \"Vote Now in Urgent Poll\"; needs the first pass); a caption that quotes someone is furniture too, only a line opening with a quotation mark stays", nil, false},
	ruleOffTopicTail:  {"off-topic-tail", "a block of teasers at the end of the page: at least two anchors (read-more lines, story-list labels, a headline repeated within 6 lines), at most 3 long lines between anchors, and under 35% of its content words shared with the text above", nil, false},
}

// Rules lists every rule the cleaner can apply, sorted by name.
func Rules() []Rule {
	out := make([]Rule, 0, numRules)
	for _, r := range rules {
		out = append(out, Rule{Name: r.name, Description: r.desc})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// New builds a cleaner with every rule on except those named in
// opt.Disable. stats comes from a first pass over the corpus; when it is nil
// the repeated-line rule is off. An unknown rule name is an error.
func New(opt Options, stats *LineStats) (*Cleaner, error) {
	c := &Cleaner{stats: stats}
	for i := range c.enabled {
		c.enabled[i] = true
	}
	for _, name := range opt.Disable {
		id, ok := ruleByName(name)
		if !ok {
			return nil, fmt.Errorf("clean: unknown rule %q (known rules: %s)", name, ruleNames())
		}
		c.enabled[id] = false
	}
	if stats == nil {
		c.enabled[ruleRepeatedLine] = false
	}
	c.disp = newDispatch(&c.enabled)
	return c, nil
}

func ruleByName(name string) (ruleID, bool) {
	for i, r := range rules {
		if r.name == name {
			return ruleID(i), true
		}
	}
	return ruleNone, false
}

func ruleNames() string {
	rs := Rules()
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

// Clean returns the text with furniture lines removed and the removals in
// line order. Kept lines are joined by "\n" as they were (blank lines
// included, so paragraph breaks survive); removed lines leave nothing. When
// nothing is removed the text is returned unchanged.
func (c *Cleaner) Clean(doc *corpus.Document) (string, []Removal) {
	text := doc.Text
	if text == "" {
		return text, nil
	}
	d := docPool.Get().(*docLines)
	defer docPool.Put(d)
	analyseDoc(text, d)
	c.applyLineRules(d)
	c.applyDuplicates(d)
	if c.enabled[ruleRepeatedLine] {
		c.applyRepeated(d, doc.Group)
	}
	if c.enabled[ruleMasthead] {
		applyMasthead(d, doc.Group)
	}
	if c.enabled[ruleStaff] {
		applyStaff(d, doc.Group, c.stats)
	}
	if c.enabled[ruleFurniture] {
		applyFurniture(d, doc.Group, c.stats)
	}
	if c.enabled[ruleOffTopicTail] {
		applyOffTopicTail(d)
	}
	return d.result(text)
}

// docLines is a document split into analysed lines. Its buffers are reused
// from document to document (docPool): Clean allocates little beyond the
// cleaned text it returns.
type docLines struct {
	lines []lineView
	rule  []ruleID
	buf   []byte              // the normalised lines, back to back
	spans [][2]int            // each line's norm in buf
	cuts  []int               // scratch of glueCuts
	seen  map[string]struct{} // scratch of applyDuplicates
}

var docPool = sync.Pool{New: func() any { return &docLines{seen: map[string]struct{}{}} }}

// lineView is one line with the features the rules look at. Strings are
// slices of the document or of one shared normalised buffer.
type lineView struct {
	raw        string // the line as it was
	orig       string // raw with surrounding white space trimmed
	norm       string // orig lower-cased, white space runs collapsed, ’ read as '
	core       string // norm without leading and trailing non-alphanumerics
	words      int    // white-space separated fields
	lowerWords int    // fields starting with a lower-case letter
	prose      bool   // sentence-like: the off-topic-tail rule alone may remove it
	quoteState uint8  // 0 not yet known, 1 no quoted speech, 2 quoted speech
	num        int32  // 0-based line of the original text
	part       bool   // a fragment of a line cut at glued labels
	glued      bool   // a fragment after the first: continues the line before
}

// long reports whether only the long rules may look at the line: it is
// sentence-like or over maxRuleWords words.
func (l *lineView) long() bool { return l.prose || l.words > maxRuleWords }

// quote reports whether the line holds quoted speech, which is never removed.
// It is worked out on first use: most lines never need it.
func (l *lineView) quote() bool {
	if l.quoteState == 0 {
		l.quoteState = 1
		if isQuotedSpeech(l.norm) {
			l.quoteState = 2
		}
	}
	return l.quoteState == 2
}

func analyseDoc(text string, d *docLines) {
	n := strings.Count(text, "\n") + 1
	d.lines = d.lines[:0]
	buf := slices.Grow(d.buf[:0], len(text)+n)
	spans := d.spans[:0]
	rest := text
	for num := int32(0); ; num++ {
		i := strings.IndexByte(rest, '\n')
		line := rest
		if i >= 0 {
			line = rest[:i]
		}
		// Glued labels cut the line into fragments, each a line for the
		// rules (glue.go); most lines are one fragment.
		d.cuts = glueCuts(line, d.cuts)
		from := 0
		for k := 0; k <= len(d.cuts); k++ {
			to := len(line)
			if k < len(d.cuts) {
				to = d.cuts[k]
			}
			frag := line[from:to]
			orig := trimSpace(frag)
			a := len(buf)
			var words, lower int
			buf, words, lower = appendNormCount(buf, orig)
			spans = append(spans, [2]int{a, len(buf)})
			d.lines = append(d.lines, lineView{raw: frag, orig: orig, words: words, lowerWords: lower,
				num: num, part: len(d.cuts) > 0, glued: k > 0})
			from = to
		}
		if i < 0 {
			break
		}
		rest = rest[i+1:]
	}
	d.buf, d.spans = buf, spans
	d.rule = slices.Grow(d.rule[:0], len(d.lines))[:len(d.lines)]
	// The normalised lines view buf without a copy: buf is not written again
	// until the next document, and nothing derived from norm leaves Clean.
	all := unsafe.String(unsafe.SliceData(buf), len(buf))
	for i := range d.lines {
		l := &d.lines[i]
		l.norm = all[spans[i][0]:spans[i][1]]
		l.describe()
		d.rule[i] = ruleNone
	}
}

// describe fills the guards of a line whose orig, norm, words and
// lowerWords are set (appendNormCount gives all three).
func (l *lineView) describe() {
	l.core = strings.TrimFunc(l.norm, notAlnum)
	l.prose = l.words >= proseWords && 2*l.lowerWords >= l.words && strings.ContainsAny(l.orig, ".!?")
}

// proseWords is the length from which a line with sentence punctuation and
// mostly lower-case words counts as sentence-like; maxRuleWords is the
// longest line any line rule looks at.
const (
	proseWords   = 30
	maxRuleWords = 60
)

// isQuotedSpeech reports whether a normalised line holds quoted speech: a
// double quotation mark, with the line opening on it or a reporting cue.
func isQuotedSpeech(s string) bool {
	if !hasDoubleQuote(s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("\"“«„‘", first) {
		return true
	}
	// A speaker's label: "Navigator: “Yes, sir.”".
	if containsAny(s, []string{": \"", ": “", ": «", ": „"}) {
		return true
	}
	for w := range wordsOf(s) {
		if speechCues[w] {
			return true
		}
	}
	return strings.Contains(s, "according to")
}

var speechCues = setOf("said", "says", "say", "told", "tells", "wrote", "writes", "added", "adds",
	"asked", "asks", "stated", "states", "declared", "announced", "noted", "notes", "insisted",
	"argued", "argues", "explained", "claimed", "claims", "warned", "warns", "urged", "urges",
	"called", "tweeted", "posted", "concluded", "concludes", "replied", "responded", "recalled",
	"continued", "acknowledged", "admitted", "predicted", "suggested", "commented", "remarked",
	"testified", "statement", "interview", "quoted", "saying", "reported")

// hasDoubleQuote reports whether s holds one of " “ ” « » „, in one pass
// over the bytes.
func hasDoubleQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return true
		case 0xe2: // “ ” „ are E2 80 9C/9D/9E
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] >= 0x9c && s[i+2] <= 0x9e {
				return true
			}
		case 0xc2: // « » are C2 AB/BB
			if i+1 < len(s) && (s[i+1] == 0xab || s[i+1] == 0xbb) {
				return true
			}
		}
	}
	return false
}

// applyLineRules names the first enabled line rule matching each line.
// Sentence-like lines and lines over maxRuleWords words are shown only to
// the long rules, and every line only to the rules its signature admits
// (see dispatch).
func (c *Cleaner) applyLineRules(d *docLines) {
	for i := range d.lines {
		l := &d.lines[i]
		if l.orig == "" {
			continue
		}
		for set := c.disp.candidates(l); set != 0; {
			id := set.next()
			if rules[id].match(l) {
				if !l.quote() {
					d.rule[i] = id
				}
				break
			}
		}
	}
}

// applyDuplicates removes exact repeats of earlier non-blank lines.
func (c *Cleaner) applyDuplicates(d *docLines) {
	if !c.enabled[ruleDuplicateLine] {
		return
	}
	seen := d.seen
	clear(seen)
	for i := range d.lines {
		l := &d.lines[i]
		if l.orig == "" {
			continue
		}
		if _, dup := seen[l.orig]; !dup {
			seen[l.orig] = struct{}{}
			continue
		}
		if d.rule[i] == ruleNone && !l.prose && !l.quote() {
			d.rule[i] = ruleDuplicateLine
		}
	}
}

// mastheadWords may stand beside the outlet's name in a masthead line:
// byline words, months and weekdays, time words.
var mastheadWords = setOf(
	"by", "for", "from", "the", "staff", "correspondent", "correspondents", "reporter", "reporters",
	"writer", "writers", "editor", "editors", "desk", "team", "agency", "wire", "wires", "services",
	"news", "report", "updated", "published", "posted", "on", "at", "am", "pm", "a.m", "p.m", "et", "gmt", "utc",
	"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
	"aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
	"mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
)

// applyMasthead removes lines that name the document's own group with only
// dates, numbers and byline words beside it (see the rule's description).
func applyMasthead(d *docLines, group string) {
	name := string(appendNorm(nil, trimSpace(group)))
	if len(name) < 2 {
		return
	}
	for i := range d.lines {
		l := &d.lines[i]
		if d.rule[i] != ruleNone || l.orig == "" || l.long() || l.words > 12 {
			continue
		}
		if isMasthead(l.norm, name) && !l.quote() {
			d.rule[i] = ruleMasthead
		}
	}
}

// isMasthead reports whether norm holds name as whole words and, beside it,
// at least one word, every one of them a number or in mastheadWords.
func isMasthead(norm, name string) bool {
	k := strings.Index(norm, name)
	if k < 0 {
		return false
	}
	before, after := norm[:k], norm[k+len(name):]
	if before != "" && isWordByte(before[len(before)-1]) || after != "" && isWordByte(after[0]) {
		return false // part of a longer word
	}
	rest := 0
	for _, part := range [2]string{before, after} {
		for _, w := range strings.FieldsFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' }) {
			w = strings.Trim(w, ".")
			if w == "" {
				continue
			}
			if !mastheadWords[w] && !isDigits(w) {
				return false
			}
			rest++
		}
	}
	return rest > 0
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != '.' {
			return false
		}
	}
	return w != ""
}

// applyRepeated removes lines that are the group's template (see LineStats).
func (c *Cleaner) applyRepeated(d *docLines, group string) {
	g := c.stats.groups[group]
	if g == nil || g.docs < repeatedMinDocs {
		return
	}
	for i := range d.lines {
		l := &d.lines[i]
		if d.rule[i] != ruleNone || !countable(l) {
			continue
		}
		n := int(g.lines[lineKey(l.norm)])
		if n >= repeatedMinDocs && 2*n >= g.docs {
			d.rule[i] = ruleRepeatedLine
		}
	}
}

// result joins the kept lines and lists the removals.
func (d *docLines) result(text string) (string, []Removal) {
	removed := 0
	for _, r := range d.rule {
		if r != ruleNone {
			removed++
		}
	}
	if removed == 0 {
		return text, nil
	}
	out := make([]Removal, 0, removed)
	var b strings.Builder
	b.Grow(len(text))
	first, prevKept := true, false
	for i, r := range d.rule {
		l := &d.lines[i]
		if r != ruleNone {
			t := strings.TrimSuffix(l.raw, "\r")
			if l.part {
				t = strings.TrimSuffix(l.orig, "\r")
			}
			out = append(out, Removal{Line: int(l.num) + 1, Text: t, Rule: rules[r].name})
			prevKept = false
			continue
		}
		// Kept fragments of one line join back as they were.
		if !first && !(l.glued && prevKept) {
			b.WriteByte('\n')
		}
		first, prevKept = false, true
		b.WriteString(l.raw)
	}
	return b.String(), out
}
