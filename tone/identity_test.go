package tone

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The differential tests: VADER and (*NaiveBayes).Classify must give the
// same float64 bits as the implementations they replaced (kept in
// old_vader_test.go and old_naivebayes_test.go) on every sentence of both
// samples and on thousands of generated strings made to hit the rules and
// the corner cases of tokenizing (emoji, ALL CAPS, negations, idioms, "but",
// punctuation runs, non-ASCII white space and letters, invalid UTF-8).
// TestToneSampleDigest pins a digest of the outputs on the samples, taken
// before the rewrite, so that the copies cannot drift unnoticed either.

// sameVADER reports whether a and b hold the same float64 bits.
func sameVADER(a, b VADERScores) bool {
	return math.Float64bits(a.Neg) == math.Float64bits(b.Neg) &&
		math.Float64bits(a.Neu) == math.Float64bits(b.Neu) &&
		math.Float64bits(a.Pos) == math.Float64bits(b.Pos) &&
		math.Float64bits(a.Compound) == math.Float64bits(b.Compound)
}

// sameNB reports whether a and b are equal, floats compared by their bits.
func sameNB(a, b NBResult) bool {
	return a.Positive == b.Positive && a.Words == b.Words &&
		math.Float64bits(a.PPositive) == math.Float64bits(b.PPositive) &&
		math.Float64bits(a.ScoreNeg) == math.Float64bits(b.ScoreNeg) &&
		math.Float64bits(a.ScorePos) == math.Float64bits(b.ScorePos)
}

// sampleTexts returns the sentences of both samples as the tone tests split
// them (allSidesSentences and nbTestSentences), the whole article texts of
// the first AllSides articles, and the Karabakh pages whole.
func sampleTexts(t testing.TB) []string {
	t.Helper()
	out := slices.Clone(allSidesSentences(t))
	out = append(out, nbTestSentences(t, 0)...)
	_, bodies := sampleArticles(t, 50)
	out = append(out, bodies...)
	return append(out, karabakhPages(t)...)
}

// identityCount is the number of generated strings per test.
func identityCount() int {
	if testing.Short() {
		return 3000
	}
	return 40000
}

// vaderPieces returns the words and fragments the VADER generator draws
// from, in a fixed order.
func vaderPieces() (lexWords, special, emoji []string) {
	lex := oldVaderLexiconOnce()
	for w := range lex.valence {
		lexWords = append(lexWords, w)
	}
	slices.Sort(lexWords)
	for w := range oldVaderBoosters {
		special = append(special, w)
	}
	for w := range oldVaderNegations {
		special = append(special, w)
	}
	for w := range oldVaderSpecialCases {
		special = append(special, w)
		special = append(special, strings.Fields(w)...)
	}
	special = append(special, "no", "or", "nor", "never", "so", "this", "without",
		"doubt", "least", "at", "very", "kind", "of", "but", "sort", "just", "enough",
		"not", "isn't", "ISN'T", "n't", "N'T", "don't", "no", "No", "NO", "But", "BUT",
		"heart", "hearts", "good", "bad", "great", "horrible", "love", "hate", "kill")
	slices.Sort(special)
	special = slices.Compact(special)
	for r, desc := range lex.emoji {
		emoji = append(emoji, string(r))
		_ = desc
	}
	slices.Sort(emoji)
	// Emoji of several code points (never matched by the reference), and
	// text next to emoji.
	emoji = append(emoji, "🇺🇸", "👍🏽", "👨‍👩‍👧", "❤️", "☺", "©", "®", "‼")
	return lexWords, special, emoji
}

var (
	oddPieces = []string{
		":)", ":D", ":-(", "<3", ":'(", "xD", ":(", ";)", "XD", ":P", "D:", "(:",
		"!", "!!", "!!!", "!!!!!", "?", "??", "???", "????", "?!?", "...", ",", ".",
		"'", "\"", "(", ")", "--", "-", "'s", "’", "“", "”", "—", "…", "#", "@", "$",
		"İstanbul", "İ", "ǅ", "ΣΑΣ", "σας", "K", "Å", "ß", "ﬁ", "ǈ", "ᾈ", "Ⅻ", "ⓐ", "Ⓐ",
		"\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "é", "É", "ÉTÉ", "Ж", "ж", "日本",
		"2023", "1.5", "100%", "U.S.", "a", "I", "A", "x", "\u200b", "\u180e", "\ufeff",
	}
	vaderSeps = []string{
		" ", " ", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\u00a0",
		"\u2003", "\u3000", "\u001c", "\u001f", "\u0085", "\u2028", "",
	}
	punct = []string{"!", "?", ".", ",", "'", "\"", "(", ")", "...", ":", ";", "*", "-", "!?"}
)

// caseForm returns w lower-cased, upper-cased, title-cased, mixed, or as is.
func caseForm(rng *rand.Rand, w string) string {
	switch rng.IntN(8) {
	case 0:
		return strings.ToUpper(w)
	case 1:
		if w == "" {
			return w
		}
		r, n := utf8.DecodeRuneInString(w)
		return strings.ToUpper(string(r)) + w[n:]
	case 2:
		b := []byte(w)
		for i := range b {
			if rng.IntN(2) == 0 && b[i] >= 'a' && b[i] <= 'z' {
				b[i] -= 'a' - 'A'
			}
		}
		return string(b)
	default:
		return w
	}
}

// randomVADERInputs returns n strings made of lexicon words, rule words,
// emoji and odd fragments, joined by assorted white space, with assorted
// case and punctuation; some are mutated sample sentences or random bytes.
func randomVADERInputs(n int, samples []string) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	lexWords, special, emoji := vaderPieces()
	out := make([]string, 0, n)
	var b strings.Builder
	for len(out) < n {
		b.Reset()
		switch k := rng.IntN(20); {
		case k == 0: // random bytes
			for j := rng.IntN(40); j > 0; j-- {
				b.WriteByte(byte(rng.IntN(256)))
			}
		case k == 1: // random code points
			for j := rng.IntN(30); j > 0; j-- {
				r := rune(rng.IntN(0x20000))
				if rng.IntN(2) == 0 {
					r = rune(rng.IntN(0x80))
				}
				b.WriteRune(r)
			}
		case k <= 4 && len(samples) > 0: // a sample sentence, mutated
			words := strings.Fields(samples[rng.IntN(len(samples))])
			for j, w := range words {
				if j > 0 {
					b.WriteString(vaderSeps[rng.IntN(len(vaderSeps))])
				}
				switch rng.IntN(12) {
				case 0:
					w = strings.ToUpper(w)
				case 1:
					b.WriteString(special[rng.IntN(len(special))] + " ")
				case 2:
					w += emoji[rng.IntN(len(emoji))]
				}
				b.WriteString(w)
			}
		default:
			words := rng.IntN(25)
			if rng.IntN(10) == 0 {
				words = 40 + rng.IntN(80)
			}
			for j := 0; j < words; j++ {
				if j > 0 || rng.IntN(5) == 0 {
					b.WriteString(vaderSeps[rng.IntN(len(vaderSeps))])
				}
				if rng.IntN(6) == 0 {
					b.WriteString(punct[rng.IntN(len(punct))])
				}
				var w string
				switch k := rng.IntN(20); {
				case k < 7:
					w = lexWords[rng.IntN(len(lexWords))]
				case k < 14:
					w = special[rng.IntN(len(special))]
				case k < 16:
					w = emoji[rng.IntN(len(emoji))]
				default:
					w = oddPieces[rng.IntN(len(oddPieces))]
				}
				b.WriteString(caseForm(rng, w))
				if rng.IntN(5) == 0 {
					b.WriteString(punct[rng.IntN(len(punct))])
				}
				if rng.IntN(30) == 0 {
					b.WriteString(emoji[rng.IntN(len(emoji))])
				}
			}
			if rng.IntN(3) == 0 {
				b.WriteString(vaderSeps[rng.IntN(len(vaderSeps))])
			}
		}
		out = append(out, b.String())
	}
	return out
}

// vaderEdgeCases are hand-picked inputs for the tokenizer and the rules.
var vaderEdgeCases = []string{
	"", " ", "\t\n", "\u00a0", "\u3000good\u3000", "!", "!!!!", "???", "?!", ":)", ":",
	"GOOD", "GOOD bad", "good BAD", "Good", "VERY good", "very GOOD", "VERY GOOD", "very good",
	"not good", "NOT good", "isn't good", "ISN'T good", "no good", "no no no", "no", "No good at all",
	"never so good", "never this good", "so good", "this good", "without doubt good",
	"without a doubt good", "at least good", "very least good", "least good", "the least good",
	"kind of good", "Kind of good", "KIND OF good", "kind of", "kind", "sort of good", "just enough good",
	"good but bad", "but", "but but", "bad but good but bad", "good good but good good",
	"the shit", "THE SHIT", "the bomb", "bad ass", "badass", "bus stop", "yeah right",
	"kiss of death", "to die for", "beating heart", "broken heart", "a broken heart to die for",
	"kiss of death to die for", "no or good", "no nor good", "no x or good",
	"💘", "💘💘", "good💘", "💘good", "good 💘 bad", "a\u00a0💘", "🇺🇸 good", "good👍🏽",
	"İYİ good", "İİİ", "ΣΑΣ good", "K good", "bad\xffgood", "\xff\xfe", "good\xff", "n't",
	"(good)", "((good))", "'good'", "'ok'", ":-)", "good!!!!!!", "good??", "good????",
	"A B C", "A good", "I LOVE it", "I love IT", "123 GOOD", "GOOD 123",
	"extremely EXTREMELY good", "kinda good", "KINDA GOOD", "kind-of good", "sort-of bad",
	"hardly good", "Hardly Good", "barely bad", "uber good", "friggin good",
	"good . . . bad", "good...bad", "good,bad", "good-bad", "good/bad",
	strings.Repeat("good ", 200), strings.Repeat("very ", 50) + "good", strings.Repeat("but ", 30),
	strings.Repeat("no ", 20) + "good", strings.Repeat("💘", 40), strings.Repeat("GOOD ", 30) + "bad",
}

// randomNBInputs returns n strings made of vocabulary words and odd pieces.
func randomNBInputs(t testing.TB, n int, samples []string) []string {
	ref, err := nbRef()
	if err != nil {
		t.Fatal(err)
	}
	vocab := make([]string, 0, len(ref.Words))
	for w := range ref.Words {
		vocab = append(vocab, w)
	}
	slices.Sort(vocab)
	rng := rand.New(rand.NewPCG(3, 4))
	seps := []string{" ", " ", " ", " ", "  ", "   ", "\t", "\n", "\u00a0", "", "-", "'", ", ", ". ", " 1 "}
	odd := []string{"É", "é", "ß", "İ", "Σ", "ς", "ǅ", "Ж", "日本語", "café", "naïve", "ÉLAN",
		"\xff", "\xc3", "2023", "100%", "don't", "DON'T", "U.S.", "’", "“", "—", "K", "Å", "ﬁ"}
	out := make([]string, 0, n)
	var b strings.Builder
	for len(out) < n {
		b.Reset()
		switch k := rng.IntN(20); {
		case k == 0:
			for j := rng.IntN(40); j > 0; j-- {
				b.WriteByte(byte(rng.IntN(256)))
			}
		case k == 1:
			for j := rng.IntN(30); j > 0; j-- {
				b.WriteRune(rune(rng.IntN(0x20000)))
			}
		case k <= 4 && len(samples) > 0:
			for j, w := range strings.Fields(samples[rng.IntN(len(samples))]) {
				if j > 0 {
					b.WriteString(seps[rng.IntN(len(seps))])
				}
				if rng.IntN(10) == 0 {
					w = strings.ToUpper(w)
				}
				b.WriteString(w)
			}
		default:
			words := rng.IntN(30)
			if rng.IntN(20) == 0 {
				words = 100 + rng.IntN(400)
			}
			for j := 0; j < words; j++ {
				if j > 0 || rng.IntN(5) == 0 {
					b.WriteString(seps[rng.IntN(len(seps))])
				}
				switch k := rng.IntN(20); {
				case k < 14:
					b.WriteString(caseForm(rng, vocab[rng.IntN(len(vocab))]))
				case k < 16: // long words: several vocabulary words glued
					for m := 2 + rng.IntN(4); m > 0; m-- {
						b.WriteString(vocab[rng.IntN(len(vocab))])
					}
				default:
					b.WriteString(odd[rng.IntN(len(odd))])
				}
			}
		}
		out = append(out, b.String())
	}
	return out
}

var nbEdgeCases = []string{
	"", " ", "  ", "a", "A", " a", "a ", "a  a", "\t", "\n", "good", "GOOD", "Good movie",
	"good\nmovie", "don't", "DON'T", "well-known", "café", "caf", "CAFÉ", "İstanbul", "ǅ",
	"bad\xffgood", "\xff", "good\xff", "\xffgood", "ΣΑΣ", "日本語", "a1b", "1 2 3",
	strings.Repeat("good ", 1000), strings.Repeat("a", 100), strings.Repeat("ab ", 100),
	"abcdefghijklmnop", "abcdefghijklmnopq", "abcdefgh", "abcdefghi", "abcdefg",
	"incomprehensibilities", "antidisestablishmentarianism",
}

func TestVADERIdentity(t *testing.T) {
	samples := sampleTexts(t)
	inputs := append(slices.Clone(samples), vaderEdgeCases...)
	inputs = append(inputs, randomVADERInputs(identityCount(), samples)...)
	bad := 0
	for _, s := range inputs {
		got, want := VADER(s), oldVADER(s)
		if !sameVADER(got, want) {
			t.Errorf("VADER(%q)\n got %+v\nwant %+v (before the rewrite)", s, got, want)
			if bad++; bad == 20 {
				t.Fatal("too many differences")
			}
		}
	}
	t.Logf("%d inputs identical", len(inputs))
}

func TestNaiveBayesIdentity(t *testing.T) {
	m, _ := loadNBForTest(t)
	old, err := oldNB()
	if err != nil {
		t.Fatal(err)
	}
	samples := sampleTexts(t)
	inputs := append(slices.Clone(samples), nbEdgeCases...)
	inputs = append(inputs, randomNBInputs(t, identityCount(), samples)...)
	bad := 0
	for _, s := range inputs {
		got, want := m.Classify(s), old.Classify(s)
		if !sameNB(got, want) {
			t.Errorf("Classify(%q)\n got %+v\nwant %+v (before the rewrite)", s, got, want)
			if bad++; bad == 20 {
				t.Fatal("too many differences")
			}
		}
	}
	t.Logf("%d inputs identical", len(inputs))
}

func FuzzVADERIdentity(f *testing.F) {
	for _, s := range vaderEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := VADER(s), oldVADER(s); !sameVADER(got, want) {
			t.Errorf("VADER(%q)\n got %+v\nwant %+v (before the rewrite)", s, got, want)
		}
	})
}

func FuzzNaiveBayesIdentity(f *testing.F) {
	m, _ := loadNBForTest(f)
	old, err := oldNB()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range nbEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := m.Classify(s), old.Classify(s); !sameNB(got, want) {
			t.Errorf("Classify(%q)\n got %+v\nwant %+v (before the rewrite)", s, got, want)
		}
	})
}

// toneSampleDigest is the SHA-256 of the outputs of VADER and Classify on
// sampleTexts, computed by TestToneSampleDigest with the code of commit
// 80a6b20, before the rewrite.
const toneSampleDigest = "35a6e1eae9b4fc190a1998a85af6405e9eba3fd85c91814f2f4ec39c54089f61"

func TestToneSampleDigest(t *testing.T) {
	m, _ := loadNBForTest(t)
	var h hash.Hash = sha256.New()
	var buf [8]byte
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(buf[:], x)
		h.Write(buf[:])
	}
	texts := sampleTexts(t)
	for _, s := range texts {
		v := VADER(s)
		for _, x := range []float64{v.Neg, v.Neu, v.Pos, v.Compound} {
			put(math.Float64bits(x))
		}
		r := m.Classify(s)
		for _, x := range []float64{r.PPositive, r.ScoreNeg, r.ScorePos} {
			put(math.Float64bits(x))
		}
		put(uint64(r.Words))
		if r.Positive {
			put(1)
		} else {
			put(0)
		}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != toneSampleDigest {
		t.Errorf("digest of the tone of %d sample texts = %s, want %s", len(texts), got, toneSampleDigest)
	}
}
