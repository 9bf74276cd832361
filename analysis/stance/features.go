package stance

import (
	"math"
	"strings"

	"github.com/kljensen/snowball/english"

	"parallax/analysis/segment"
	"parallax/tone"
)

// feature is one input of the model: the hash of its name and its value.
type feature struct {
	h uint64
	v float32
}

// Options choose the feature families; the zero value is not useful, use
// DefaultOptions. The training command compares families by
// cross-validation on the training data.
type Options struct {
	Window    bool // words left and right of the target in distance buckets
	Bigrams   bool // pairs of adjacent context words near the target
	Clause    bool // words in the target's clause versus the other clauses
	Negation  bool // words in the scope of a negation marked as such
	Valence   bool // VADER lexicon valences of context words, by place
	Sentence  bool // the sentence's VADER compound score
	Structure bool // the target's place: first, inside quotes, after "by"
	Bag       bool // every word of the sentence, wherever it stands
	Stems     bool // Snowball stems of the words near the target
	Dense     bool // mean word vectors of the context by place (dense.go)
	Expand    bool // valences predicted from word vectors for words VADER lacks (expand.go)
	Clusters  bool // the word-vector clusters of context words by place (cluster.go)
	Roles     bool // the target as subject, object, speaker or possessor (roles.go)
	TargetVec bool // the mean word vector of the target's own words (dense.go)
	DistVec   bool // the context left and right of the target, vectors weighted by 1/distance (dense.go)
	HeadVec   bool // the vector of the word likely to govern the target (dense.go, headWord)
}

// DefaultOptions are the feature families of the shipped model.
func DefaultOptions() Options {
	return Options{Window: true, Bigrams: true, Clause: true, Negation: true,
		Valence: true, Sentence: true, Structure: true, Bag: true, Dense: true, Expand: true,
		TargetVec: true, DistVec: true, HeadVec: true}
}

// code packs Options into the model file's feature-set byte.
func (o Options) code() uint16 {
	var c uint16
	for i, b := range []bool{o.Window, o.Bigrams, o.Clause, o.Negation, o.Valence, o.Sentence, o.Structure, o.Bag, o.Stems, o.Dense, o.Expand, o.Clusters, o.Roles, o.TargetVec, o.DistVec, o.HeadVec} {
		if b {
			c |= 1 << i
		}
	}
	return c
}

// optionsFromCode is the inverse of Options.code.
func optionsFromCode(c uint16) Options {
	bit := func(i int) bool { return c&(1<<i) != 0 }
	return Options{bit(0), bit(1), bit(2), bit(3), bit(4), bit(5), bit(6), bit(7), bit(8), bit(9), bit(10), bit(11), bit(12), bit(13), bit(14), bit(15)}
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashU16 continues hash state h with the two bytes of c.
func hashU16(h uint64, c uint16) uint64 {
	h ^= uint64(c & 0xff)
	h *= fnvPrime
	h ^= uint64(c >> 8)
	h *= fnvPrime
	return h
}

// prefixState is the hash state after prefix + "\x00".
func prefixState(prefix string) uint64 {
	h := hashString(fnvOffset, prefix)
	h ^= 0
	h *= fnvPrime
	return h
}

// featureHash is the hash of the feature named prefix + "\x00" + word.
func featureHash(prefix, word string) uint64 { return hashString(prefixState(prefix), word) }

// The states of the prefixes used for every context word, computed once:
// hashString(hX, w) is featureHash("X", w).
var (
	hW, hC, hO, hN, hT, hST = prefixState("W"), prefixState("C"), prefixState("O"), prefixState("N"), prefixState("T"), prefixState("ST")
	hBigram                 = [2]uint64{prefixState("LB"), prefixState("RB")}
	hKC, hKO                = prefixState("KC"), prefixState("KO")
	hKWindow                = func() (t [2][len(bucketDists)]uint64) {
		for s, side := range []string{"KL", "KR"} {
			for b, d := range bucketDists {
				t[s][b] = prefixState(side + distBucket(d))
			}
		}
		return t
	}()
	// hValence[k] is featureHash(valenceNames[k], ""); hClauses[b] is
	// featureHash("S", "clauses"+distBucket(d)) for bucketIndex(d) = b.
	hValence = func() (t [len(valenceNames)]uint64) {
		for k, name := range valenceNames {
			t[k] = featureHash(name, "")
		}
		return t
	}()
	hClauses = func() (t [len(bucketDists)]uint64) {
		for b, d := range bucketDists {
			t[b] = featureHash("S", "clauses"+distBucket(d))
		}
		return t
	}()
	hWindow = func() (t [2][len(bucketDists)]uint64) {
		for s, side := range []string{"L", "R"} {
			for b, d := range bucketDists {
				t[s][b] = prefixState(side + distBucket(d))
			}
		}
		return t
	}()
)

// valenceNames name the sums of valences (extract): in the target's
// clause, in the others, 1–3 words left and right, weighted by 1/distance,
// the clause's positive and negative parts; then the same of the
// expanded valences.
var valenceNames = [...]string{"vC", "vO", "vL", "vR", "vD", "vCp", "vCn", "eC", "eO", "eL", "eR", "eD"}

// bucketDists holds a distance of each bucket, in bucketIndex's order.
var bucketDists = [...]int{1, 2, 3, 4, 7, 11}

// bucketIndex is the index of distBucket(d) among the buckets.
func bucketIndex(d int) int {
	switch {
	case d <= 3:
		return d - 1
	case d <= 6:
		return 3
	case d <= 10:
		return 4
	}
	return 5
}

// isNegator reports whether a token norm opens a negation scope of three
// words: a negator ("not", "never", "without", "refused"…) or a word
// ending in "n't". A switch, not a map: it is asked of every token.
func isNegator(w string) bool {
	switch w {
	case "not", "no", "never", "nor", "neither",
		"nothing", "none", "nobody", "without",
		"cannot", "hardly", "barely", "fail", "failed",
		"fails", "refused", "refuses", "denied", "denies":
		return true
	}
	return strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t")
}

// isClauseWord reports whether a token norm starts a new clause.
func isClauseWord(w string) bool {
	switch w {
	case "but", "while", "although", "though", "whereas",
		"however", "yet", "because", "which", "who":
		return true
	}
	return false
}

// gapBreaks reports whether the text between two tokens ends a clause,
// and whether it holds a quotation mark.
func gapBreaks(gap string) (brk, quote bool) {
	for _, r := range gap {
		switch r {
		case ',', ';', ':', '(', ')', '—', '–':
			brk = true
		case '"', '“', '”':
			quote, brk = true, true
		}
	}
	return brk, quote
}

// distBucket maps a distance in tokens (≥ 1) to a bucket name.
func distBucket(d int) string {
	switch {
	case d == 1:
		return "1"
	case d == 2:
		return "2"
	case d == 3:
		return "3"
	case d <= 6:
		return "4-6"
	case d <= 10:
		return "7-10"
	}
	return "11+"
}

// Mention is one target in one sentence: the sentence, its tokens (spans
// into Sentence, as segment.Tokenize gives them) and the target's span in
// bytes of Sentence.
type Mention struct {
	Sentence string
	Tokens   []segment.Token
	Target   segment.Span
	// From is where the sentence begins in Sentence: 0 when Sentence is
	// the sentence; a document's offset when Sentence is the whole text
	// and Tokens carry document offsets.
	From int
	// Compound is the sentence's VADER compound score when HasCompound;
	// otherwise it is computed.
	Compound    float64
	HasCompound bool
	// Mask holds words the model must not score (the label words under
	// comparison, as tone leaves them out: tone.Mask). A context token of
	// the mask keeps its place (distances and clauses do not change) but
	// gives no feature: no word, window, clause, negation, stem or vector feature,
	// no pair it is part of, no valence. The target's own tokens are
	// scored as the target even when they are words of the mask. Compound,
	// when given, should be the masked sentence score
	// (tonestats.SentenceVADERMasked); when computed it is tone.VADERMasked.
	// A nil or empty Mask leaves nothing out.
	Mask *tone.Mask
	// Norms, when set, is the interner the ids of Tokens come from
	// (segment.Token.ID, as a segment.Tokenizer over Norms gives them):
	// the model then looks up what it needs of a word once per id, in a
	// cache, instead of once per token (wordcache.go). Tokens without an
	// id (0) are looked up by their Norm. Scores are the same either way,
	// provided every token with an id has the Norm Norms gives that id
	// (what a Tokenizer over Norms makes); a wrong Norms gives wrong facts.
	Norms *segment.Norms
	// Others are further mentions of the same target in the sentence
	// (coreferent words, as NewsMTSC's further_mentions give them), in
	// the coordinates of Target. With Others, the stance is computed from
	// the mean of the class log-odds with Target and with each of Others
	// as the target (for the linear model, the mean of their features):
	// in Score, Evaluate and Train. DenseInput and LinearResult, the
	// stacked network's training inputs, use Target alone.
	Others []segment.Span
}

// scratch holds the buffers of one extraction.
type scratch struct {
	feats     []feature
	clause    []int
	neg       []bool
	val       []float64
	masked    []bool
	dref      []denseRef
	dn        [numBlocks]float32
	hid       []float32    // the network's hidden units (mlp.go)
	tf        []wordFacts  // the facts of each token of the mention (tokenFacts)
	words     [2]wordCache // the facts of words by id, of the two interners met last (wordcache.go)
	wordsLast int          // the one of words used last
}

// maskedTokens marks the tokens of m that are words of m.Mask; nil when
// the mask is empty or no token is in it.
func maskedTokens(m *Mention, sc *scratch) []bool {
	if m.Mask.Len() == 0 {
		return nil
	}
	sc.masked = sc.masked[:0]
	any := false
	for _, t := range m.Tokens {
		h := m.Mask.Has(t.Norm)
		any = any || h
		sc.masked = append(sc.masked, h)
	}
	if !any {
		return nil
	}
	return sc.masked
}

// extract appends the features of m to sc.feats and, when o.Dense and vec
// is not nil, the words of the dense blocks to sc.dref.
func extract(o Options, vec *Vectors, m *Mention, sc *scratch) []feature {
	sc.feats = sc.feats[:0]
	sc.dref = sc.dref[:0]
	sc.dn = [numBlocks]float32{}
	dense := o.Dense && vec != nil
	clusters := o.Clusters && vec != nil && vec.clusters > 0
	var expanded []float32
	if o.Expand && o.Valence && vec != nil {
		expanded = vec.expandedValence()
	}
	toks := m.Tokens
	n := len(toks)
	tf := tokenFacts(vec, m, sc)
	add := func(h uint64, v float32) { sc.feats = append(sc.feats, feature{h, v}) }
	add(featureHash("bias", ""), 1)
	// The target's tokens: those overlapping its span; an empty overlap
	// puts it before the first token starting at or after its end.
	t0, t1 := -1, -1
	for i, t := range toks {
		if t.Span.End > m.Target.Start && t.Span.Start < m.Target.End {
			if t0 < 0 {
				t0 = i
			}
			t1 = i + 1
		}
	}
	if t0 < 0 {
		t0 = n
		for i, t := range toks {
			if t.Span.Start >= m.Target.End {
				t0 = i
				break
			}
		}
		t1 = t0
	}
	// Clauses, quotes and negation scopes.
	sc.clause = sc.clause[:0]
	sc.neg = sc.neg[:0]
	clause, quotes, negLeft := 0, 0, 0
	quoteBefore := 0
	hasQuote := false
	for i, t := range toks {
		gapStart := m.From
		if i > 0 {
			gapStart = toks[i-1].Span.End
		}
		brk, q := gapBreaks(m.Sentence[gapStart:t.Span.Start])
		if q {
			hasQuote = true
			if gapStart <= m.Target.Start && t.Span.Start <= m.Target.Start {
				quoteBefore += strings.Count(m.Sentence[gapStart:t.Span.Start], "\"") +
					strings.Count(m.Sentence[gapStart:t.Span.Start], "“") - strings.Count(m.Sentence[gapStart:t.Span.Start], "”")
			}
			quotes++
		}
		if (brk || tf[i].flags&fClause != 0) && i > 0 {
			clause++
			negLeft = 0
		}
		sc.clause = append(sc.clause, clause)
		sc.neg = append(sc.neg, negLeft > 0 && (i < t0 || i >= t1))
		if negLeft > 0 {
			negLeft--
		}
		if tf[i].flags&fNegator != 0 {
			negLeft = 3
		}
	}
	tClause := -1
	if t0 < n {
		tClause = sc.clause[t0]
	} else if n > 0 {
		tClause = sc.clause[n-1]
	}
	for i := t0; i < t1; i++ {
		add(hashString(hT, toks[i].Norm), 1)
		if dense && o.TargetVec {
			if row := tf[i].row; row >= 0 {
				addRef(sc, dTarget, row, 1)
			}
		}
	}
	var vC, vO, vL, vR, vD, vCp, vCn float64
	var eC, eO, eL, eR, eD float64
	var vCL, vCR float64
	masked := maskedTokens(m, sc)
	if dense && o.HeadVec {
		if h := headWord(toks, tf, t0, t1, sc.clause, tClause, masked); h >= 0 {
			if row := tf[h].row; row >= 0 {
				addRef(sc, dHead, row, 1)
			}
		}
	}
	for i, t := range toks {
		if i >= t0 && i < t1 || masked != nil && masked[i] {
			continue
		}
		w := t.Norm
		side, d := 0, t0-i
		if i >= t1 {
			side, d = 1, i-t1+1
		}
		same := sc.clause[i] == tClause
		if o.Bag {
			add(hashString(hW, w), 1)
		}
		if o.Window && d <= 10 {
			add(hashString(hWindow[side][bucketIndex(d)], w), 1)
		}
		if o.Clause {
			if same {
				add(hashString(hC, w), 1)
			} else {
				add(hashString(hO, w), 1)
			}
		}
		if o.Stems && same && d <= 8 {
			add(hashString(hST, english.Stem(w, false)), 1)
		}
		if o.Negation && sc.neg[i] && same {
			add(hashString(hN, w), 1)
		}
		row := int32(-1)
		if dense || expanded != nil || clusters {
			row = tf[i].row
		}
		if dense && row >= 0 {
			addDense(o, sc, row, side, d, same, sc.neg[i])
		}
		if clusters && row >= 0 {
			c := vec.cluster[row]
			if d <= 10 {
				add(hashU16(hKWindow[side][bucketIndex(d)], c), 1)
			}
			if same {
				add(hashU16(hKC, c), 1)
			} else {
				add(hashU16(hKO, c), 1)
			}
		}
		if o.Bigrams && d <= 6 && i+1 < n && (i+1 < t0 || i >= t1) && (masked == nil || !masked[i+1]) {
			add(hashString(hashString(hBigram[side], w)*fnvPrime, toks[i+1].Norm), 1)
		}
		if o.Valence {
			v, ok := tf[i].valence(w)
			if !ok {
				if row < 0 || expanded == nil {
					continue
				}
				e := float64(expanded[row])
				if sc.neg[i] {
					e *= -0.74
				}
				if same {
					eC += e
				} else {
					eO += e
				}
				if d <= 3 {
					if side == 0 {
						eL += e
					} else {
						eR += e
					}
				}
				eD += e / float64(d)
				continue
			}
			v /= 4
			if sc.neg[i] {
				v *= -0.74
			}
			if same {
				vC += v
				if side == 0 {
					vCL += v
				} else {
					vCR += v
				}
				if v > 0 {
					vCp += v
				} else {
					vCn += v
				}
			} else {
				vO += v
			}
			if d <= 3 {
				if side == 0 {
					vL += v
				} else {
					vR += v
				}
			}
			vD += v / float64(d)
		}
	}
	if o.Valence {
		for k, v := range [len(valenceNames)]float64{vC, vO, vL, vR, vD, vCp, vCn, eC, eO, eL, eR, eD} {
			if v != 0 {
				add(hValence[k], float32(math.Tanh(v)))
			}
		}
	}
	if o.Roles {
		roleFeatures(toks, t0, t1, sc.clause, tClause, [3]float64{vCL, vCR, vO}, add)
	}
	if o.Sentence {
		c := m.Compound
		if !m.HasCompound {
			c = tone.VADERMasked(m.Sentence, m.Mask).Compound
		}
		add(featureHash("sv", ""), float32(c))
		if clause > 0 {
			add(featureHash("svm", ""), float32(c))
		}
	}
	if dense {
		finishDense(sc)
	}
	if o.Structure {
		if t0 == 0 {
			add(featureHash("S", "first"), 1)
		}
		if t1 >= n {
			add(featureHash("S", "last"), 1)
		}
		if quoteBefore > 0 {
			add(featureHash("S", "inquote"), 1)
		}
		if hasQuote {
			add(featureHash("S", "quote"), 1)
		}
		if tClause == 0 {
			add(featureHash("S", "clause0"), 1)
		}
		add(hClauses[bucketIndex(clause+1)], 1)
	}
	return sc.feats
}

// needsVectors reports whether the feature set uses word vectors.
func (o Options) needsVectors() bool { return o.Dense || o.Expand || o.Clusters }
