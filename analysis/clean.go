package analysis

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

// CleanRule describes one rule for documentation and --help.
type CleanRule struct {
	Name, Description string
}

// CleanOptions configures a Cleaner.
type CleanOptions struct {
	Disable []string // rule names to switch off
}

// Cleaner removes page furniture from documents, line by line, with named
// rules. It never changes a line: a line is kept as it was or removed whole.
// A Cleaner is read-only after NewCleaner and safe for concurrent use by many
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
	ruleOffTopicTail:  {"off-topic-tail", "a block of teasers at the end of the page: at least two anchors (read-more lines, story-list labels, a headline repeated within 6 lines), at most 3 long lines between anchors, and under 35% of its content words shared with the text above", nil, false},
}

// CleanRules lists every rule the cleaner can apply, sorted by name.
func CleanRules() []CleanRule {
	out := make([]CleanRule, 0, numRules)
	for _, r := range rules {
		out = append(out, CleanRule{Name: r.name, Description: r.desc})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// NewCleaner builds a cleaner with every rule on except those named in
// opt.Disable. stats comes from a first pass over the corpus; when it is nil
// the repeated-line rule is off. An unknown rule name is an error.
func NewCleaner(opt CleanOptions, stats *LineStats) (*Cleaner, error) {
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
	rs := CleanRules()
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
	d.rule = slices.Grow(d.rule[:0], n)[:n]
	buf := slices.Grow(d.buf[:0], len(text)+n)
	spans := d.spans[:0]
	rest := text
	for {
		i := strings.IndexByte(rest, '\n')
		line := rest
		if i >= 0 {
			line = rest[:i]
		}
		orig := trimSpace(line)
		a := len(buf)
		var words, lower int
		buf, words, lower = appendNormCount(buf, orig)
		spans = append(spans, [2]int{a, len(buf)})
		d.lines = append(d.lines, lineView{raw: line, orig: orig, words: words, lowerWords: lower})
		if i < 0 {
			break
		}
		rest = rest[i+1:]
	}
	d.buf, d.spans = buf, spans
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
// the long rules.
func (c *Cleaner) applyLineRules(d *docLines) {
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
	first := true
	for i, r := range d.rule {
		l := &d.lines[i]
		if r != ruleNone {
			out = append(out, Removal{Line: i + 1, Text: strings.TrimSuffix(l.raw, "\r"), Rule: rules[r].name})
			continue
		}
		if !first {
			b.WriteByte('\n')
		}
		first = false
		b.WriteString(l.raw)
	}
	return b.String(), out
}

// ---- normalisation helpers ----

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u200b' || r == '\ufeff' || unicode.IsSpace(r)
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func trimSpace(s string) string { return strings.TrimFunc(s, isSpace) }

// appendNorm appends s lower-cased, with runs of white space as one space and
// the typographic apostrophe read as '.
func appendNorm(dst []byte, s string) []byte {
	dst, _, _ = appendNormCount(dst, s)
	return dst
}

// plainASCII marks the ASCII bytes that are not white space to
// appendNormCount; lowerASCII lower-cases ASCII letters and keeps every
// other byte.
var plainASCII, lowerASCII = func() (plain [256]bool, lower [256]byte) {
	for c := 0; c < 256; c++ {
		plain[c] = c < utf8.RuneSelf && !strings.ContainsRune(" \t\r\v\f", rune(c))
		lower[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			lower[c] = byte(c + 'a' - 'A')
		}
	}
	return plain, lower
}()

// appendNormCount is appendNorm that also counts, in the same pass, the
// white-space separated fields of s (separated by ' ', '\t' and non-ASCII
// white space: '\r', '\v' and '\f' belong to a field, though the
// normalised text reads them as spaces) and the fields starting with a
// lower-case letter: the words and lowerWords of a lineView.
func appendNormCount(dst []byte, s string) (_ []byte, words, lowerWords int) {
	space, inWord := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' {
				space, inWord = true, false
				i++
				continue
			}
			if !inWord {
				inWord = true
				words++
				if 'a' <= c && c <= 'z' {
					lowerWords++
				}
			}
			if c == '\r' || c == '\v' || c == '\f' {
				space = true
				i++
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			// The run of plain ASCII bytes from here stays in one field:
			// copy it, then lower-case it in place.
			j := i + 1
			for j < len(s) && plainASCII[s[j]] {
				j++
			}
			n := len(dst)
			dst = append(dst, s[i:j]...)
			for k := n; k < len(dst); k++ {
				dst[k] = lowerASCII[dst[k]]
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isSpace(r) {
			space, inWord = true, false
			continue
		}
		if !inWord {
			inWord = true
			words++
			if unicode.IsLower(r) {
				lowerWords++
			}
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		switch r {
		case '’', 'ʼ', '′':
			r = '\''
		default:
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, words, lowerWords
}

// wordsOf yields the words of a normalised line: runs of letters, digits and
// apostrophes.
func wordsOf(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\''
			if in && start < 0 {
				start = i
			} else if !in && start >= 0 {
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// hasPrefixWord reports whether s starts with p ending at a word boundary.
func hasPrefixWord(s, p string) bool {
	if !strings.HasPrefix(s, p) {
		return false
	}
	if len(s) == len(p) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[len(p):])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func hasAnyPrefixWord(s string, ps []string) bool {
	for _, p := range ps {
		if hasPrefixWord(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, p := range subs {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// hasWord reports whether the normalised line s holds w as a whole word.
func hasWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[j:])
		if (i == 0 || notAlnum(before)) && (j == len(s) || notAlnum(after)) {
			return true
		}
		from = i + 1
	}
}

func hasAnyWord(s string, ws []string) bool {
	for _, w := range ws {
		if hasWord(s, w) {
			return true
		}
	}
	return false
}

// endsSentence reports whether s ends with . ! or ? (closing quotes and
// brackets aside).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’)]»")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// onlyMarkers reports whether s is made only of markers (in any order,
// separated by punctuation or nothing), optionally ending in one link.
// markers must list longer markers before their prefixes.
func onlyMarkers(s string, markers []string) bool {
	found := false
	for {
		s = strings.TrimLeftFunc(s, func(r rune) bool { return notAlnum(r) && r != '<' && r != '@' })
		if s == "" {
			return found
		}
		if found && isLinkToken(strings.TrimRight(s, ".)>]")) {
			return true
		}
		matched := false
		for _, m := range markers {
			if strings.HasPrefix(s, m) {
				s = s[len(m):]
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
		found = true
	}
}

// isLinkToken reports whether a single token (no spaces) is a URL, a bare
// domain or an e-mail address.
func isLinkToken(t string) bool {
	t = strings.Trim(t, "<>()[]{},;")
	if t == "" || strings.ContainsAny(t, " \t") {
		return false
	}
	if strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") || strings.HasPrefix(t, "www.") {
		return len(t) > 8
	}
	return isEmail(t) || isDomain(t)
}

// isDomain reports whether t looks like host.tld[/path]: letters, digits and
// hyphens in dot-separated labels, a final label of 2–24 letters.
func isDomain(t string) bool {
	if i := strings.IndexByte(t, '/'); i >= 0 {
		t = t[:i]
	}
	dot := strings.LastIndexByte(t, '.')
	if dot <= 0 || dot == len(t)-1 {
		return false
	}
	tld := t[dot+1:]
	if len(tld) < 2 || len(tld) > 24 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	for _, r := range t[:dot] {
		if !(r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

func isEmail(t string) bool {
	at := strings.IndexByte(t, '@')
	return at > 0 && strings.Count(t, "@") == 1 && isDomain(t[at+1:]) && !strings.Contains(t[at+1:], "/")
}

// containsEmail reports whether a normalised line holds an e-mail address,
// and whether it is the last token.
func containsEmail(s string) (found, last bool) {
	if !strings.Contains(s, "@") {
		return false, false
	}
	toks := strings.Fields(s)
	for i, t := range toks {
		if isEmail(strings.Trim(t, "<>()[]{},;:.!?\"'")) {
			found = true
			last = i == len(toks)-1
		}
	}
	return found, last
}

// ---- line rules ----

var citationOpeners = []string{"to cite this article", "to cite this", "cite this article", "cite this page",
	"cite this", "cite as", "how to cite", "suggested citation", "recommended citation", "citation:"}

func isCitation(l *lineView) bool {
	return hasAnyPrefixWord(l.core, citationOpeners) || strings.HasPrefix(l.norm, "citation:")
}

var authorHeadings = setOf("about the author", "about the authors", "about the writer", "about the writers",
	"author bio", "author biography", "author information", "author details", "more about the author")

func isAuthorBox(l *lineView) bool {
	return l.words <= 5 && authorHeadings[l.core]
}

var rightsReserved = []string{"all rights reserved", "tüm hakları saklıdır", "tum haklari saklidir",
	"tüm haklari saklidir", "todos los derechos reservados", "tous droits réservés", "alle rechte vorbehalten",
	"tutti i diritti riservati", "todos os direitos reservados", "alle rechten voorbehouden",
	"wszelkie prawa zastrzeżone", "все права защищены", "усі права захищені", "جميع الحقوق محفوظة",
	"كل الحقوق محفوظة", "כל הזכויות שמורות", "版权所有", "著作権所有", "kaikki oikeudet pidätetään",
	"alla rättigheter förbehållna", "alle rettigheter reservert", "minden jog fenntartva",
	"všechna práva vyhrazena", "toate drepturile rezervate", "όλα τα δικαιώματα διατηρούνται"}

func isCopyright(l *lineView) bool {
	if l.words > 40 {
		return false
	}
	// © opening the line, or anywhere in a short one ("Photo © Agency"); a
	// long line with © inside is an embedded post, not a notice.
	if strings.HasPrefix(l.norm, "©") || (l.words <= 12 && strings.Contains(l.norm, "©")) {
		return true
	}
	if i := strings.Index(l.norm, "(c) "); i >= 0 && i+4 < len(l.norm) && isDigit(l.norm[i+4]) {
		return true
	}
	if strings.HasPrefix(l.core, "copyright ") {
		rest := l.core[len("copyright "):]
		if rest != "" && (isDigit(rest[0]) || strings.HasPrefix(rest, "(c)")) {
			return true
		}
	}
	return l.words <= 20 && rightsReservedSet.in(l.norm)
}

// rightsReservedSet finds any of rightsReserved in one pass over a line,
// where containsAny would scan it once per language.
var rightsReservedSet = newPhraseSet(rightsReserved)

// phraseSet answers containsAny(s, phrases) in one pass over s: at each
// byte it tries only the phrases that begin with that byte.
type phraseSet struct{ byFirst [256][]string }

func newPhraseSet(phrases []string) *phraseSet {
	p := &phraseSet{}
	for _, ph := range phrases {
		if ph == "" {
			panic("phraseSet: empty phrase") // a programming error in a fixed list
		}
		p.byFirst[ph[0]] = append(p.byFirst[ph[0]], ph)
	}
	return p
}

// in reports whether s contains any of the phrases.
func (p *phraseSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		for _, ph := range p.byFirst[s[i]] {
			if strings.HasPrefix(s[i:], ph) {
				return true
			}
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

var phoneLabels = []string{"tel", "tel.", "telephone", "phone", "fax", "mobile", "mob", "gsm", "cell", "call us", "telefon", "téléphone", "teléfono", "telefono", "t", "f", "p"}

var streetWords = setOf("street", "st", "str", "strasse", "straße", "avenue", "ave", "road", "rd", "blvd",
	"boulevard", "lane", "drive", "suite", "floor", "no", "nr", "box", "sok", "sokak", "sokağı", "cad",
	"cd", "caddesi", "mah", "mahallesi", "bulvarı", "via", "viale", "piazza", "rue", "calle", "avenida",
	"plaza", "square", "apt", "apartment", "daire", "kat", "piso", "ulica", "ul", "building", "bldg")

func isFooterContact(l *lineView) bool {
	if l.words > 16 {
		return false
	}
	return isPhoneLine(l) || isEmailLine(l) || isAddressLine(l)
}

func isPhoneLine(l *lineView) bool {
	s := l.core
	for _, p := range phoneLabels {
		if strings.HasPrefix(s, p) {
			rest := strings.TrimLeft(s[len(p):], " .:*")
			if rest != "" && len(rest) < len(s)-len(p) && (isDigit(rest[0]) || rest[0] == '+' || rest[0] == '(') {
				return countDigits(rest) >= 7
			}
		}
	}
	// A line that is one international number: +90 (312) 438 50 23.
	if !strings.HasPrefix(s, "+") && !strings.HasPrefix(l.norm, "+") {
		return false
	}
	other := 0
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ' ' || r == '(' || r == ')' || r == '-' || r == '.' || r == '/') {
			other++
		}
	}
	return countDigits(s) >= 9 && other == 0
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

func isEmailLine(l *lineView) bool {
	if l.words > 15 {
		return false
	}
	found, last := containsEmail(l.norm)
	if !found {
		return false
	}
	if last || l.words <= 6 {
		return true
	}
	// "E-mail: x@y.z …": a label of at most two words before a colon.
	if i := strings.IndexByte(l.norm, ':'); i > 0 && strings.Count(l.norm[:i], " ") <= 1 {
		return true
	}
	return false
}

func isAddressLine(l *lineView) bool {
	if l.words < 3 || 10*l.lowerWords >= 3*l.words {
		return false
	}
	postcode, street := false, false
	for w := range wordsOf(l.norm) {
		if streetWords[w] {
			street = true
		}
		if n := len(w); n >= 4 && n <= 6 && countDigits(w) == n && !looksLikeYear(w) {
			postcode = true
		}
	}
	return postcode && street
}

func looksLikeYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
}

var socialWords = setOf("follow", "us", "on", "at", "and", "or", "join", "like", "share", "this", "story",
	"article", "page", "read", "social", "media", "networks", "twitter", "x", "facebook", "instagram",
	"linkedin", "youtube", "telegram", "tiktok", "pinterest", "whatsapp", "reddit", "threads", "mastodon",
	"bluesky", "tweet", "email", "e-mail", "print", "copy", "link", "the", "our", "me", "find", "connect",
	"with", "via", "subscribe", "channel")

var socialTriggers = setOf("follow", "share", "tweet", "twitter", "facebook", "instagram", "linkedin",
	"youtube", "telegram", "tiktok", "pinterest", "whatsapp", "reddit", "mastodon", "bluesky")

var socialHosts = []string{"facebook.com", "twitter.com", "x.com/", "instagram.com", "linkedin.com",
	"youtube.com", "youtu.be", "t.me/", "tiktok.com", "pinterest.com", "wa.me/", "reddit.com", "threads.net",
	"bsky.app", "vk.com"}

func isSocialLinks(l *lineView) bool {
	if l.words > 12 {
		return false
	}
	trigger := false
	for _, t := range strings.Fields(l.norm) {
		t = strings.Trim(t, ".,:;!?()[]<>|•-–—*")
		switch {
		case t == "":
		case strings.HasPrefix(t, "@") && len(t) > 1:
			trigger = true
		case isLinkToken(t):
			if containsAny(t, socialHosts) {
				trigger = true
			}
		case socialWords[t]:
			if socialTriggers[t] {
				trigger = true
			}
		default:
			return false
		}
	}
	return trigger
}

// navMarkers are continuation and navigation markers; longer first.
var navMarkers = []string{"continue reading",
	"continue to article", "keep reading", "read more", "read less", "read full article", "read full story",
	"read the full article", "read the full story here", "read the full story", "read the rest", "read on",
	"show less", "show more", "see more", "load more", "view more", "more on this", "click here",
	"click to expand", "return to the top of this post", "back to top", "skip to main content", "skip to content"}

var readMoreOpeners = []string{"to read the rest", "to read the full", "to continue reading", "to read more",
	"read the rest of", "read the full", "read more:", "read more at", "read more here", "continue reading at",
	"continue reading on", "click here to", "click here for", "click for more", "for more from",
	"for the full story", "read the original", "this article was originally published",
	"this article originally appeared", "this story originally appeared", "this article first appeared",
	"this post originally appeared", "originally published at", "originally published on"}

func isReadMore(l *lineView) bool {
	if l.words > 20 {
		return false
	}
	if onlyMarkers(l.norm, navMarkers) {
		return true
	}
	if l.words <= 16 {
		for _, p := range readMoreOpeners {
			if strings.HasPrefix(l.core, p) || (strings.HasSuffix(p, ":") && strings.HasPrefix(l.norm, p)) {
				return true
			}
		}
	}
	return strings.HasSuffix(l.core, "click here")
}

var teaserLabels = setOf("you may also like", "you might also like", "you may be interested in",
	"you might be interested in", "more articles", "more stories", "more news", "latest article",
	"latest articles", "latest stories", "latest news", "latest", "latest posts", "must read", "must-read",
	"must reads", "related", "related articles", "related stories", "related posts", "related news",
	"related content", "related coverage", "related topics", "recommended", "recommended for you",
	"recommended stories", "recommended articles", "most popular", "most read", "most viewed", "popular",
	"popular posts", "popular stories", "trending", "trending now", "top stories", "don't miss", "editor's picks",
	"editors' picks", "what to read next", "up next", "further reading", "more from this author",
	"more in this section", "see also", "also read", "read also", "read next", "in other news",
	"next article", "previous article", "next post", "previous post", "more like this", "sponsored stories",
	"around the web", "from the web", "more from our network", "other news", "news feed")

var teaserOpeners = []string{"see also", "related:", "related stories:", "related articles:", "related coverage:",
	"read also", "also read", "read next:", "more:", "recommended:", "must read:", "watch:", "video:",
	"photos:", "photo gallery:", "gallery:", "listen:", "also on", "also see", "more coverage:", "previously:"}

// isTeaserLabel reports a line that only announces a list of other stories
// ("You may also like", "Latest").
func isTeaserLabel(l *lineView) bool {
	return l.words <= 6 && teaserLabels[strings.TrimSuffix(l.core, ":")]
}

func isTeaser(l *lineView) bool {
	if isBracketedPromo(l) {
		return true
	}
	if l.words > 25 {
		return false
	}
	if isTeaserLabel(l) {
		return true
	}
	for _, p := range teaserOpeners {
		if !strings.HasPrefix(l.core, p) {
			continue
		}
		rest := l.core[len(p):]
		switch {
		case strings.HasSuffix(p, ":"):
			return strings.TrimSpace(rest) != ""
		case p == "also on":
			// "Also on <outlet>: headline".
			if i := strings.IndexByte(rest, ':'); i > 0 && strings.Count(rest[:i], " ") <= 4 {
				return true
			}
		case rest == "" || rest[0] == ':' || rest[0] == ' ':
			return strings.TrimLeft(rest, ": ") != ""
		}
	}
	return false
}

// isBracketedPromo reports a broadcast promotion set wholly in square
// brackets: "[Watch X: guest discusses Y in the 9 a.m. ET hour]".
func isBracketedPromo(l *lineView) bool {
	return l.words <= 45 && strings.HasPrefix(l.orig, "[") && strings.HasSuffix(l.orig, "]") &&
		strings.Count(l.orig, "[") == 1 && hasPrefixWord(l.core, "watch")
}

var adWords = []string{"advertisements", "advertisement", "advertising", "advertorial", "sponsored content",
	"sponsored", "paid content", "paid post", "promoted content", "promoted", "ads", "ad"}

// adBreaks mark where an advertisement interrupted the article.
var adBreaks = []string{"continue reading the main story", "continue reading below", "story continued below",
	"story continues below", "article continues below", "article continues after advertisement",
	"story continues after advertisement", "our original post continues"}

var pollVotes = []string{"vote now", "vote here", "vote here now", "vote in", "vote today", "vote on"}

func isAdvertisement(l *lineView) bool {
	if l.words > 12 {
		return false
	}
	if l.words <= 8 {
		for _, w := range adWords {
			if !hasPrefixWord(l.core, w) {
				continue
			}
			rest := strings.TrimFunc(l.core[len(w):], notAlnum)
			if rest == "" || !strings.Contains(rest, " ") || onlyMarkers(rest, adBreaks) || onlyMarkers(rest, navMarkers) {
				return true
			}
		}
		if l.core == "vote now" || l.core == "vote here now" || onlyMarkers(l.norm, adBreaks) {
			return true
		}
	}
	// Poll advertisements: "Should X be repealed? Vote in urgent national poll".
	if i := strings.LastIndexByte(l.core, '?'); i > 0 {
		rest := strings.TrimSpace(l.core[i+1:])
		if strings.Count(rest, " ") <= 5 && hasAnyPrefixWord(rest, pollVotes) && !endsSentence(l.orig) {
			return true
		}
	}
	return false
}

var commentLabels = setOf("please enter your comment", "please enter your name here",
	"you have entered an incorrect email address", "leave a comment", "leave a reply", "leave a reply cancel reply",
	"cancel reply", "post a comment", "post comment", "add a comment", "add comment", "comments", "comment",
	"show comments", "view comments", "hide comments", "comments are closed", "comments closed",
	"join the conversation", "join the discussion", "comment policy", "log in to comment", "login to comment",
	"sign in to comment", "be the first to comment", "no comments yet", "submit a comment", "write a comment",
	"reply", "discussion", "view discussion")

var commentOpeners = []string{"blog comments powered by", "comments powered by", "your email address will not be published",
	"save my name, email", "notify me of follow-up comments", "notify me of new posts", "notify me of new comments",
	"required fields are marked", "you must be logged in to post a comment"}

var commentNoticeWords = []string{"spam", "moderat", "screened", "approved", "policy", "guidelines",
	"data is processed", "published", "civil", "respectful"}

var siteVoice = []string{"our ", "your ", "this site", "this website", "we "}

func isCommentForm(l *lineView) bool {
	if l.words > 45 {
		return false
	}
	if commentLabels[l.core] || hasAnyPrefixWord(l.core, commentOpeners) {
		return true
	}
	// "12 comments", "3 Comments".
	if w := strings.IndexByte(l.core, ' '); w > 0 && countDigits(l.core[:w]) == w && (l.core[w+1:] == "comments" || l.core[w+1:] == "comment") {
		return true
	}
	if !strings.Contains(l.norm, "comment") {
		return false
	}
	return containsAny(l.norm, commentNoticeWords) && containsAny(l.norm+" ", siteVoice)
}

var subscriptionWords = []string{"subscri", "newsletter", "to your inbox", "in your inbox", "support our work",
	"support our journalism", "support independent journalism", "become a member", "become a patron",
	"donate", "sign up for", "signing up", "get our app", "download our app", "premium membership"}

var imperativeOpeners = []string{"subscribe", "sign up", "get", "join", "support", "donate", "become", "download",
	"register", "have you thought", "don't miss", "never miss", "stay informed", "stay up to date", "want more", "like this"}

var readerVoice = []string{"you", "your", "our", "we"}

// formMessages are messages of a sign-up form; reporting does not use them.
var formMessages = []string{"not a robot", "invalid email address", "please re-enter", "thank you for subscribing",
	"you must select a newsletter", "by signing up you agree", "by signing up, you agree", "unsubscribe at any time",
	"opt-out at any time", "opt out at any time", "sign up you will receive"}

// signUpCalls close a subscription appeal.
var signUpCalls = []string{"sign up here", "sign up now", "sign up today", "subscribe here", "subscribe now",
	"subscribe today"}

func isSubscription(l *lineView) bool {
	if l.long() || l.words > 45 {
		return l.words <= 150 && isSignUpForm(l)
	}
	// "subscribers fell": a report about subscriptions, not an appeal, unless
	// it speaks to the reader or opens with an imperative. The voice is
	// checked first: it is cheaper than the list of subscription words.
	voice := hasAnyPrefixWord(l.core, imperativeOpeners) || strings.IndexByte(l.orig, '!') >= 0 ||
		hasAnyWord(l.norm, readerVoice)
	return voice && containsAny(l.norm, subscriptionWords)
}

// isSignUpForm reports a sign-up form or appeal strong enough to take a
// sentence-like line: a closing call to sign up with a subscription word, or
// two form messages with a word of subscribing (subscribe, unsubscribe).
func isSignUpForm(l *lineView) bool {
	for _, c := range signUpCalls {
		if strings.HasSuffix(l.core, c) {
			return containsAny(l.norm, subscriptionWords)
		}
	}
	// Two form messages come with a word of subscribing; "bscri" is searched
	// for its rare first byte, the cheapest scan of a long line.
	if !strings.Contains(l.norm, "bscri") {
		return false
	}
	n := 0
	for _, m := range formMessages {
		if strings.Contains(l.norm, m) {
			n++
		}
	}
	return n >= 2
}

var cookieLabels = setOf("privacy & cookies policy", "privacy and cookies policy", "privacy & cookie policy",
	"privacy and cookie policy", "cookie policy", "cookies policy", "privacy policy", "cookie settings",
	"cookies settings", "cookie preferences", "manage cookies", "manage cookie preferences", "accept cookies",
	"accept all cookies", "accept all", "reject all", "accept", "decline", "privacy notice", "privacy settings",
	"do not sell my personal information", "do not sell or share my personal information", "terms of use",
	"terms of service", "terms and conditions", "privacy policy and terms of use", "cookie consent",
	"we value your privacy", "your privacy choices", "got it", "i agree", "ok, i agree")

var cookieVoice = []string{"this website", "this site", "our site", "our website", "we use", "you agree",
	"you consent", "your consent", "your experience", "by continuing", "by using", "opt-out", "opt out",
	"accept", "consent", "browsing experience", "cookie settings", "cookie policy", "you're ok", "you are ok"}

func isCookieNotice(l *lineView) bool {
	if l.words > 60 {
		return false
	}
	if cookieLabels[l.core] {
		return true
	}
	return strings.Contains(l.norm, "cookie") && containsAny(l.norm, cookieVoice)
}

var bylineOpeners = []string{"by", "posted by", "written by", "reported by", "story by", "words by", "text by", "author:", "byline:"}

var bylineLower = setOf("and", "&", "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la",
	"le", "al", "el", "bin", "ibn", "admin", "staff", "editor", "editors", "reporter", "reporters",
	"correspondent", "writer", "team", "desk", "in", "for", "of", "with", "y", "e")

var creditEndings = []string{"contributed to this report", "contributed to this story", "contributed to this article",
	"contributed reporting", "contributed to this post", "contributed to this content"}

var creditOpeners = []string{"contributing:", "contributing to this report", "reporting by", "additional reporting by",
	"additional reporting", "editing by", "writing by", "compiled by", "edited by", "reporting from"}

func isByline(l *lineView) bool {
	if l.words > 40 {
		return false
	}
	if containsAny(l.core, creditEndings) {
		for _, e := range creditEndings {
			if strings.HasSuffix(l.core, e) {
				return true
			}
		}
	}
	if l.words <= 20 {
		for _, p := range creditOpeners {
			if strings.HasPrefix(l.core, p) && (strings.HasSuffix(p, ":") || hasPrefixWord(l.core, p)) {
				return true
			}
		}
	}
	if l.words > 8 || endsSentence(l.orig) && !endsWithInitial(l.orig) {
		return false
	}
	for _, p := range bylineOpeners {
		if !hasPrefixWord(l.core, p) {
			continue
		}
		rest := strings.TrimSpace(l.orig[len(l.orig)-len(strings.TrimLeftFunc(l.orig, notAlnum)):])
		rest = strings.TrimSpace(rest[min(len(p), len(rest)):])
		return rest != "" && allNameWords(rest)
	}
	return false
}

// endsWithInitial reports whether s ends with an initial or abbreviation such
// as "Jr." or "J.".
func endsWithInitial(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	last := s[i+1:]
	return len(last) <= 4 && strings.HasSuffix(last, ".")
}

// allNameWords reports whether every word of s starts with a capital letter
// or is a name particle or a staff word ("admin", "staff").
func allNameWords(s string) bool {
	for _, f := range strings.Fields(s) {
		f = strings.Trim(f, ",;:()|-–—*")
		if f == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || bylineLower[strings.ToLower(f)] {
			continue
		}
		return false
	}
	return true
}

var photoOpeners = []string{"photo:", "photos:", "photo by", "photos by", "photograph:", "photograph by",
	"photographs by", "image:", "image by", "images:", "picture:", "pictures:", "credit:", "photo credit",
	"image credit", "image source", "image copyright", "image caption", "enlarge this image", "toggle caption",
	"hide caption", "caption:", "source image", "cover photo", "featured image", "illustration by", "illustration:"}

// pictureWidgets open the line of an image widget: the rest of the line is
// the picture's credit and caption.
var pictureWidgets = []string{"image copyright", "image caption", "enlarge this image", "toggle caption",
	"hide caption", "image source"}

func isPhotoCredit(l *lineView) bool {
	if hasAnyPrefixWord(l.core, pictureWidgets) || endsWithCredit(l.orig) {
		return true
	}
	if l.words > 12 {
		return false
	}
	for _, p := range photoOpeners {
		if strings.HasPrefix(l.core, p) || strings.HasPrefix(l.norm, "("+p) {
			return true
		}
	}
	if l.words > 6 || endsSentence(l.orig) {
		return false
	}
	// "name via example.com": a credit to a picture library.
	if i := strings.LastIndex(l.norm, " via "); i > 0 && isLinkToken(strings.TrimSpace(l.norm[i+5:])) {
		return true
	}
	// "Agency/Photographer": slash-joined capitalised words, no link.
	return allCapitalised(l.orig) && hasSlashBetweenWords(l.orig) && !strings.Contains(l.orig, "://") &&
		!strings.HasSuffix(l.orig, ":")
}

// endsWithCredit reports a caption closing on a parenthesised photo credit
// of at most 12 words: "… (AP Photo/Name)", "… (Photo: Name, Agency)",
// "… (Reuters photo: Name)".
func endsWithCredit(s string) bool {
	s = strings.TrimRight(s, " .")
	if !strings.HasSuffix(s, ")") {
		return false
	}
	i := strings.LastIndexByte(s, '(')
	if i < 0 {
		return false
	}
	inner := s[i+1 : len(s)-1]
	if strings.Count(inner, " ") > 12 {
		return false
	}
	return isCreditLabel(strings.ToLower(strings.TrimSpace(inner)))
}

var creditLabelWords = []string{"photo credit", "photograph", "photos", "photo", "image", "picture", "credit"}

// isCreditLabel reports a lower-case credit opening, after at most one word
// (the agency), with a label word followed by ':', '/' or "by" and a name.
func isCreditLabel(s string) bool {
	for skip := 0; skip < 2; skip++ {
		for _, w := range creditLabelWords {
			if !strings.HasPrefix(s, w) {
				continue
			}
			rest := strings.TrimLeft(s[len(w):], " ")
			if len(rest) > 1 && (rest[0] == ':' || rest[0] == '/') || strings.HasPrefix(rest, "by ") {
				return true
			}
		}
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			return false
		}
		s = s[i+1:]
	}
	return false
}

// allCapitalised reports whether every word of s starts with a capital
// letter.
func allCapitalised(s string) bool {
	for _, f := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

// hasSlashBetweenWords reports a slash with two letters or more on each side
// ("Agency/Staff", not "F/A-18").
func hasSlashBetweenWords(s string) bool {
	for i := 2; i+2 < len(s); i++ {
		if s[i] == '/' && isASCIILetter(s[i-1]) && isASCIILetter(s[i-2]) && isASCIILetter(s[i+1]) && isASCIILetter(s[i+2]) {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

var uiLabels = setOf("photo", "photos", "video", "videos", "image", "images", "audio", "close", "open",
	"menu", "search", "play", "pause", "listen", "watch", "gallery", "slideshow", "print", "email", "share",
	"tweet", "updates", "loading", "skip ad", "view gallery", "next", "previous", "prev", "toggle navigation",
	"fullscreen", "expand", "zoom", "enlarge", "play video", "watch video", "watch live", "live", "replay",
	"mute", "unmute", "share this", "share this article", "print this article", "email this", "copy link",
	"link copied", "sign in", "log in", "login", "register", "my account", "subscribe", "more", "less")

var timeUnits = setOf("second", "seconds", "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs",
	"day", "days", "week", "weeks", "month", "months", "year", "years")

func isUILabel(l *lineView) bool {
	if l.words > 8 {
		return false
	}
	if uiLabels[l.core] && l.words <= 3 {
		return true
	}
	if isPlaceholder(l.norm) {
		return true
	}
	// "Next image 1 of 2", "Image 3 of 12".
	if hasAnyPrefixWord(l.core, []string{"next image", "prev image", "previous image", "image", "slide", "photo"}) &&
		strings.Contains(l.core, " of ") && countDigits(l.core) > 0 && l.words <= 5 {
		return true
	}
	return isRelativeTime(l)
}

// isPlaceholder reports "[pullquote]", "{articleguid}": one bracketed word.
func isPlaceholder(s string) bool {
	if len(s) < 3 || strings.ContainsAny(s, " ") {
		return false
	}
	open, close := s[0], s[len(s)-1]
	if !((open == '[' && close == ']') || (open == '{' && close == '}')) {
		return false
	}
	for _, r := range s[1 : len(s)-1] {
		if !(r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// isRelativeTime reports "6 years ago", "Updated 3 hours ago", "This article
// is more than 1 year old".
func isRelativeTime(l *lineView) bool {
	s := l.core
	if strings.HasPrefix(s, "this article is more than ") || strings.HasPrefix(s, "this article is over ") {
		return strings.HasSuffix(s, " old")
	}
	if !strings.HasSuffix(s, " ago") || l.words > 5 {
		return false
	}
	var prev string
	for w := range wordsOf(s[:len(s)-4]) {
		prev = w
	}
	return timeUnits[prev] && countDigits(s) > 0 || timeUnits[prev] && hasAnyWord(s, []string{"a", "an", "one"})
}

// ---- media players, galleries, time stamps ----

// playerMessages open the line of a video or audio player: the rest of the
// line is the player's caption.
var playerMessages = []string{"media playback is unsupported", "media playback is not supported", "media caption",
	"your browser does not support the video", "your browser does not support the audio",
	"your browser does not support html5 video", "please enable javascript to watch this video"}

func isMediaPlayer(l *lineView) bool {
	c := l.core
	if l.words > maxRuleWords || c == "" || c[0] != 'm' && c[0] != 'y' && c[0] != 'p' && c[0] != 'j' && !strings.Contains(c, "replay") {
		return false
	}
	if hasAnyPrefixWord(c, playerMessages) {
		return true
	}
	// A video carousel: "JUST WATCHED title Replay More Videos ... MUST
	// WATCH title 04:48".
	return strings.Contains(c, "replay more videos") && strings.Contains(c, "must watch")
}

func isGallery(l *lineView) bool {
	c := l.core
	if hasPrefixWord(c, "photos") || hasPrefixWord(c, "hide caption") {
		return hasSlideControl(c)
	}
	if l.long() || l.words > 12 {
		return false
	}
	// "1 of 13 i View slideshow", "View slideshow".
	if strings.HasSuffix(c, "view slideshow") {
		return true
	}
	// "See more of <outlet>'s best photography".
	return strings.HasPrefix(c, "see more ") && hasAnySuffix(c, []string{"photography", "photos", "pictures", "images", "galleries"})
}

// hasSlideControl reports a gallery's slide controls in a normalised line:
// "previous next" or a counter "hide caption 3 of 20".
func hasSlideControl(s string) bool {
	if strings.Contains(s, "previous next") {
		return true
	}
	for from := 0; ; {
		i := strings.Index(s[from:], "hide caption ")
		if i < 0 {
			return false
		}
		from += i + len("hide caption ")
		if isCounter(s[from:]) {
			return true
		}
	}
}

// isCounter reports whether s opens with "N of M".
func isCounter(s string) bool {
	n := skipDigits(s)
	if n == 0 || !strings.HasPrefix(s[n:], " of ") {
		return false
	}
	return skipDigits(s[n+4:]) > 0
}

func skipDigits(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// clockWords may follow a number in a clock time or name a time zone.
var clockWords = setOf("a", "m", "p", "am", "pm", "noon", "midnight", "et", "est", "edt", "ct", "cst", "cdt",
	"mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "local", "time")

// updateWords make a line with a clock time an update stamp.
var updateWords = setOf("update", "updated", "updates", "posted", "published", "last", "recently", "originally")

// stampWords may stand in an update stamp besides the clock and the update
// words: "(This post was last updated at 1:31 p.m. ET, Monday, Jan. 6.)".
var stampWords = setOf("at", "on", "this", "post", "story", "article", "was", "we", "most", "our", "original",
	"from", "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
	"july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thurs", "thursday", "fri", "friday",
	"sat", "saturday", "sun", "sunday")

// isTimestamp reports a time stamp standing alone: a clock time with at most
// a time zone ("9:50 p.m.", "7:15 a.m. ET:"), or a clock time with update
// words ("Updated at 3:05 p.m. ET"), dates and weekdays allowed.
func isTimestamp(l *lineView) bool {
	if l.words > 14 || countDigits(l.core) == 0 && !strings.Contains(l.core, "noon") && !strings.Contains(l.core, "midnight") {
		return false
	}
	clock, update, other := hasClockColon(l.core), false, false
	prevNum := false
	for w := range wordsOf(l.core) {
		num := skipDigits(w) == len(w)
		switch {
		case num:
			if len(w) > 4 {
				return false
			}
		case clockWords[w]:
			if w == "noon" || w == "midnight" || prevNum && (w == "a" || w == "p" || w == "am" || w == "pm") {
				clock = true
			}
		case updateWords[w]:
			update = true
		case stampWords[w]:
			other = true
		default:
			return false
		}
		prevNum = num
	}
	return clock && (update || !other)
}

// hasClockColon reports a clock time "9:50" or "12:30": one or two digits, a
// colon and two digits, then no further digit or comma.
func hasClockColon(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != ':' || !isDigit(s[i-1]) || !isDigit(s[i+1]) || !isDigit(s[i+2]) {
			continue
		}
		if i >= 3 && isDigit(s[i-3]) && isDigit(s[i-2]) {
			continue
		}
		if j := i + 3; j < len(s) && (isDigit(s[j]) || s[j] == ',') {
			continue
		}
		return true
	}
	return false
}

var breadcrumbSeps = []string{" » ", " › ", " > ", " / ", " | ", " :: "}

func isBreadcrumb(l *lineView) bool {
	if l.words > 40 || l.words < 2 {
		return false
	}
	s := " " + l.norm + " "
	for _, sep := range breadcrumbSeps {
		if !strings.Contains(s, sep) {
			continue
		}
		segs := 0
		home, firstHome := false, false
		ok := true
		for seg := range strings.SplitSeq(strings.TrimSpace(s), strings.TrimSpace(sep)) {
			seg = strings.TrimSpace(seg)
			if seg == "" {
				continue
			}
			if strings.Count(seg, " ") >= 12 || endsSentence(seg) {
				ok = false
				break
			}
			if seg == "home" || seg == "homepage" || seg == "start" {
				home = true
				if segs == 0 {
					firstHome = true
				}
			}
			segs++
		}
		if !ok {
			continue
		}
		fancy := sep == " » " || sep == " › "
		if (segs >= 3 && (home || fancy)) || (segs >= 2 && firstHome) {
			return true
		}
	}
	return false
}

func isSeparator(l *lineView) bool {
	return l.core == "" && l.orig != ""
}

func isLinkOnly(l *lineView) bool {
	if l.words > 6 {
		return false
	}
	n := 0
	for _, t := range strings.Fields(l.norm) {
		t = strings.Trim(t, ".,;:!?()[]<>|•*-–—")
		if t == "" {
			continue
		}
		if !isLinkToken(t) {
			return false
		}
		n++
	}
	return n > 0
}

// ---- off-topic tail ----

const (
	tailRepeatWindow = 6    // a headline repeated within this many non-blank lines is an anchor
	tailMinAnchors   = 2    // anchors a tail must hold
	tailCheckWords   = 8    // lines of this many words or more must be off-topic
	tailUnitLines    = 3    // such lines allowed between two anchors and after the last
	tailMaxOverlap   = 0.35 // share of the tail's content stems found above it
	tailClearWords   = 12   // a line this long …
	tailClearOverlap = 0.6  // … sharing this much is on topic
	tailMinBodyStems = 40   // content stems the text above must hold to judge
)

// applyOffTopicTail removes a trailing block of teasers of other stories (see
// the off-topic-tail rule in the Cleaner documentation).
func applyOffTopicTail(d *docLines) {
	anchors := tailAnchors(d)
	if len(anchors) < tailMinAnchors {
		return
	}
	body := map[string]struct{}{}
	added := 0 // lines before added have their stems in body
	for k, a := range anchors {
		if len(anchors)-k < tailMinAnchors {
			return
		}
		start := tailStart(d, a)
		for ; added < start; added++ {
			if d.rule[added] == ruleNone {
				addStems(body, d.lines[added].norm)
			}
		}
		if len(body) < tailMinBodyStems {
			continue
		}
		if tailShaped(d, anchors[k:]) && tailOffTopic(d, start, body) {
			for i := start; i < len(d.lines); i++ {
				if d.rule[i] == ruleNone && d.lines[i].orig != "" && !d.lines[i].quote() {
					d.rule[i] = ruleOffTopicTail
				}
			}
			return
		}
	}
}

// tailAnchors lists, in order, the lines that mark teasers: read-more lines,
// labels announcing other stories, and short title-like lines repeated
// within a few lines. Single teaser links ("See also …") are not anchors:
// pages set them between paragraphs of the article itself.
func tailAnchors(d *docLines) []int {
	var anchors []int
	for i := range d.lines {
		l := &d.lines[i]
		if l.orig == "" || l.prose || l.words > maxRuleWords || l.quote() {
			continue
		}
		if isReadMore(l) || isTeaserLabel(l) || repeatedHeadline(d, i) {
			anchors = append(anchors, i)
		}
	}
	return anchors
}

// repeatedHeadline reports whether line i is title-like (3 to 15 words, not
// ending with a full stop, not removed by a line rule) and repeated within the next
// tailRepeatWindow non-blank lines.
func repeatedHeadline(d *docLines, i int) bool {
	l := &d.lines[i]
	if l.words < 3 || l.words > 15 || d.rule[i] != ruleNone || strings.HasSuffix(l.orig, ".") {
		return false
	}
	seen := 0
	for j := i + 1; j < len(d.lines) && seen < tailRepeatWindow; j++ {
		if d.lines[j].orig == "" {
			continue
		}
		seen++
		if d.lines[j].orig == l.orig {
			return true
		}
	}
	return false
}

// tailStart extends a tail starting at anchor a back over blank lines, lines
// already removed, and short lines that do not end a sentence.
func tailStart(d *docLines, a int) int {
	start := a
	for j := a - 1; j >= 0; j-- {
		l := &d.lines[j]
		if l.orig == "" {
			continue
		}
		if d.rule[j] == ruleNone && (l.words > 10 || endsSentence(l.orig) || l.quote()) {
			break
		}
		start = j
	}
	return start
}

// tailShaped reports whether the stretch from the first of anchors to the
// end of the page looks like a list of teasers: between two anchors, and
// after the last, at most tailUnitLines lines of tailCheckWords words or more
// (a teaser shows a headline and one to three paragraphs, not an article).
func tailShaped(d *docLines, anchors []int) bool {
	next := 1
	long := 0
	for i := anchors[0] + 1; i < len(d.lines); i++ {
		if next < len(anchors) && i == anchors[next] {
			next++
			long = 0
			continue
		}
		if d.rule[i] == ruleNone && d.lines[i].words >= tailCheckWords {
			long++
			if long > tailUnitLines {
				return false
			}
		}
	}
	return true
}

// tailOffTopic reports whether the lines of tailCheckWords words or more from
// start on, taken together, share less than tailMaxOverlap of their content
// stems with body, and none of tailClearWords words or more shares
// tailClearOverlap or more (a paragraph plainly on the article's subject).
func tailOffTopic(d *docLines, start int, body map[string]struct{}) bool {
	var stems []string
	shared, total := 0, 0
	for i := start; i < len(d.lines); i++ {
		l := &d.lines[i]
		if d.rule[i] != ruleNone || l.words < tailCheckWords {
			continue
		}
		stems = lineStems(stems[:0], l.norm)
		n := 0
		for _, s := range stems {
			if _, ok := body[s]; ok {
				n++
			}
		}
		if l.words >= tailClearWords && float64(n) >= tailClearOverlap*float64(len(stems)) {
			return false
		}
		shared += n
		total += len(stems)
	}
	return float64(shared) < tailMaxOverlap*float64(total) || total == 0
}

// lineStems appends the distinct content stems of a normalised line: the
// first five letters of each word of four letters or more that is not a
// stop word.
func lineStems(dst []string, norm string) []string {
	for w := range wordsOf(norm) {
		st, ok := contentStem(w)
		if ok && !slices.Contains(dst, st) {
			dst = append(dst, st)
		}
	}
	return dst
}

func addStems(set map[string]struct{}, norm string) {
	for w := range wordsOf(norm) {
		if st, ok := contentStem(w); ok {
			set[st] = struct{}{}
		}
	}
}

func contentStem(w string) (string, bool) {
	n := 0
	end := len(w)
	for i, r := range w {
		if !unicode.IsLetter(r) {
			return "", false
		}
		if n == 5 {
			end = i
		}
		n++
	}
	if n < 4 || tailStopWords[w] {
		return "", false
	}
	if n <= 5 {
		return w, true
	}
	return w[:end], true
}

var tailStopWords = setOf("that", "this", "with", "from", "have", "been", "were", "which", "their", "there",
	"they", "them", "than", "then", "when", "what", "will", "would", "could", "should", "about", "after",
	"before", "into", "over", "also", "more", "most", "some", "such", "only", "other", "these", "those",
	"while", "where", "being", "does", "said", "says", "very", "just", "like", "because", "between",
	"under", "upon", "each", "even", "many", "much", "both", "still", "here", "your", "ours", "yours",
	"year", "years", "time", "first", "last", "since", "during", "against", "without", "within", "through",
	"already", "well", "made", "make", "according", "including", "whether", "among", "across", "whose",
	"they're", "it's", "don't", "can't", "isn't")
