package clean

import (
	"math/bits"
	"strings"
)

// Cleaning does not try every rule on every line: a line is shown only to
// the rules its signature — its word count, whether it is long (sentence-
// like or over maxRuleWords words), the first byte of its core and whether
// it closes on a parenthesis — allows. Each rule's gate below is a
// necessary condition read off the rule's own first checks, so skipping a
// rule whose gate fails never changes which rule, if any, removes a line;
// TestDispatchMatchesEveryRule checks that against trying every rule.

// ruleGate is the cheap necessary condition of one line rule.
type ruleGate struct {
	minWords, maxWords int // the rule never matches outside this range
	// anyUpTo is the most words a line that is not long may have for the
	// rule to match whatever its core opens with; a longer (or long) line
	// matches only when its core's first byte is one of first, or, with
	// closeParen, when the line closes on ")" (spaces and dots aside).
	anyUpTo    int
	first      string
	closeParen bool
	// also, when set, is a further necessary condition on a line the rest
	// of the gate admits, given the line's byte signature (sig*).
	also func(l *lineView, sig uint8) bool
}

// A line's byte signature: which kinds of trigger byte its norm holds.
const (
	sigDigit uint8 = 1 << iota // 0-9
	sigAt                      // @
	sigSep                     // a byte of a breadcrumb separator: > / | : and the last bytes of » ›
	sigCopy                    // ( or the last byte of ©
)

// sigOf marks the trigger bytes of the byte signature.
var sigOf = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = sigDigit
	}
	t['@'] = sigAt
	for _, c := range []byte{'>', '/', '|', ':', 0xBB, 0xBA} { // » is C2 BB, › E2 80 BA
		t[c] |= sigSep
	}
	t['('] |= sigCopy
	t[0xA9] |= sigCopy // © is C2 A9
	return t
}()

// signature returns the byte signature of a normalised line.
func signature(norm string) uint8 {
	var sig uint8
	for i := 0; i < len(norm); i++ {
		sig |= sigOf[norm[i]]
	}
	return sig
}

// hasFirst reports whether s is non-empty and opens with one of the bytes
// of set; hasLast whether it closes with one.
func hasFirst(s, set string) bool { return s != "" && strings.IndexByte(set, s[0]) >= 0 }
func hasLast(s, set string) bool  { return s != "" && strings.IndexByte(set, s[len(s)-1]) >= 0 }

// unbounded stands for "no limit" in a gate.
const unbounded = 1 << 30

// gates holds every line rule's gate, from its match function:
var gates = [numLineRules]ruleGate{
	// hasAnyPrefixWord(core, citationOpeners) or norm opening "citation:".
	ruleCitation: {maxWords: unbounded, anyUpTo: -1, first: "tchsr"},
	// words <= 5 and authorHeadings[core] ("about …", "author …", "more about …").
	ruleAuthorBox: {maxWords: 5, anyUpTo: -1, first: "am"},
	// © (C2 A9) in the line, "(c) 2020", a core opening "copyright " or,
	// in at most 20 words, "all rights reserved" in some language.
	ruleCopyright: {maxWords: 40, anyUpTo: unbounded, also: func(l *lineView, sig uint8) bool {
		return sig&sigCopy != 0 || hasFirst(l.core, "c") || l.words <= 20
	}},
	// A telephone number (7 digits or more), an e-mail address (@) or a
	// postal address (a post code of 4 to 6 digits).
	ruleFooterContact: {maxWords: 16, anyUpTo: unbounded, also: func(l *lineView, sig uint8) bool {
		return sig&(sigDigit|sigAt) != 0
	}},
	ruleMediaPlayer: {maxWords: maxRuleWords, anyUpTo: unbounded},
	// Lines opening "photos" or "hide caption" at any length; else not long
	// and at most 12 words.
	ruleGallery:       {maxWords: unbounded, anyUpTo: 12, first: "ph"},
	ruleSocialLinks:   {maxWords: 12, anyUpTo: unbounded},
	ruleReadMore:      {maxWords: 20, anyUpTo: unbounded},
	ruleTeaser:        {maxWords: 45, anyUpTo: unbounded},
	ruleAdvertisement: {maxWords: 12, anyUpTo: unbounded},
	ruleCommentForm:   {maxWords: 45, anyUpTo: unbounded},
	ruleSubscription:  {maxWords: 150, anyUpTo: unbounded},
	ruleCookieNotice:  {maxWords: 60, anyUpTo: unbounded},
	// A core closing on a credit ending (…report, …story, …article,
	// …reporting, …post, …content), opening with a credit opener
	// (contributing, reporting, additional, editing, writing, compiled,
	// edited: at most 20 words) or with a byline opener (by, posted,
	// written, reported, story, words, text, author:, byline: at most 8).
	ruleByline: {maxWords: 40, anyUpTo: unbounded, also: func(l *lineView, _ uint8) bool {
		return hasLast(l.core, "tyeg") || l.words <= 20 && hasFirst(l.core, "craew") || l.words <= 8 && hasFirst(l.core, "bpwrsta")
	}},
	// A picture widget opening the core (image …, enlarge …, toggle …,
	// hide …) or a closing credit "(…)" at any length; else at most 12 words.
	rulePhotoCredit: {maxWords: unbounded, anyUpTo: 12, first: "ieth", closeParen: true},
	ruleUILabel:     {maxWords: 8, anyUpTo: unbounded},
	ruleTimestamp:   {maxWords: 14, anyUpTo: unbounded},
	// One of the separators » › > / | :: between spaces.
	ruleBreadcrumb: {minWords: 2, maxWords: 40, anyUpTo: unbounded, also: func(_ *lineView, sig uint8) bool {
		return sig&sigSep != 0
	}},
	// core == "": first byte 0 stands for an empty core.
	ruleSeparator: {maxWords: unbounded, anyUpTo: -1, first: "\x00"},
	ruleLinkOnly:  {maxWords: 6, anyUpTo: unbounded},
}

// gateWords is the word count from which every gate answers alike: counts
// above it are looked up as gateWords.
const gateWords = 151

// ruleSet is a set of line rules, bit i for ruleID i.
type ruleSet uint32

// dispatch is a Cleaner's gates as tables of the enabled rules.
type dispatch struct {
	inRange [2][gateWords + 1]ruleSet // [long][words]: rules whose word range and length admit the line
	anyOpen [2][gateWords + 1]ruleSet // … of those, the rules that admit any first byte
	byFirst [256]ruleSet              // rules admitting a core that opens with the byte
	paren   ruleSet                   // rules admitting a line closing on ")"
	also    ruleSet                   // rules whose gate has a further condition
}

func newDispatch(enabled *[numRules]bool) *dispatch {
	d := &dispatch{}
	for id := ruleID(0); id < numLineRules; id++ {
		if !enabled[id] {
			continue
		}
		g, bit := gates[id], ruleSet(1)<<id
		for long := range 2 {
			if long == 1 && !rules[id].long {
				continue
			}
			for w := 0; w <= gateWords; w++ {
				if w < g.minWords || w > g.maxWords {
					continue
				}
				d.inRange[long][w] |= bit
				if long == 0 && w <= g.anyUpTo || long == 1 && g.anyUpTo == unbounded {
					d.anyOpen[long][w] |= bit
				}
			}
		}
		for i := 0; i < len(g.first); i++ {
			d.byFirst[g.first[i]] |= bit
		}
		if g.closeParen {
			d.paren |= bit
		}
		if g.also != nil {
			d.also |= bit
		}
	}
	return d
}

// candidates returns the enabled line rules that may match l.
func (d *dispatch) candidates(l *lineView) ruleSet {
	long := 0
	if l.long() {
		long = 1
	}
	w := min(l.words, gateWords)
	in := d.inRange[long][w]
	if in == 0 {
		return 0
	}
	first := byte(0)
	if l.core != "" {
		first = l.core[0]
	}
	set := d.anyOpen[long][w] | d.byFirst[first]
	if in&d.paren&^set != 0 && closesOnParen(l.orig) {
		set |= d.paren
	}
	set &= in
	if more := set & d.also; more != 0 {
		sig := signature(l.norm)
		for more != 0 {
			id := more.next()
			if !gates[id].also(l, sig) {
				set &^= 1 << id
			}
		}
	}
	return set
}

// closesOnParen reports whether s ends with ")" once trailing spaces and
// dots are set aside, as endsWithCredit requires.
func closesOnParen(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, " ."), ")")
}

// next removes and returns the first rule of *s in order of precedence.
func (s *ruleSet) next() ruleID {
	id := ruleID(bits.TrailingZeros32(uint32(*s)))
	*s &= *s - 1
	return id
}
