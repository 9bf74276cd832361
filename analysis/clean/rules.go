package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
