package tone

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"parallax/lexicons"
)

// NaiveBayes is the naive Bayes sentiment classifier of the Go package
// github.com/cdipaolo/sentiment (MIT), run on its pre-trained English model,
// which is embedded in parallax (package lexicons). The model was trained on
// 25,000 IMDB movie reviews: on news it measures tone only roughly, and
// every report that shows its numbers must say so.
//
// Classify reproduces the original's prediction on any text:
//
//  1. Sanitize: delete every rune that is neither a Unicode letter nor the
//     space ' ' (digits, punctuation, apostrophes, newlines and tabs go, so
//     "don't" becomes "dont" and "line\nbreak" becomes "linebreak").
//  2. Lower-case and split on single spaces; words not in the vocabulary
//     (including the empty words between repeated spaces) are skipped.
//  3. For each class c (0 negative, 1 positive):
//     score_c = log(prior_c) + Σ_words log((Count_c(w)+1) / (Seen(w)+V)),
//     where V is the vocabulary size (117,448).
//  4. The class is the argmax; a tie goes to class 0 (negative).
//
// P(positive) is the softmax of the two scores, computed by log-sum-exp so
// that it stays finite on long texts (the original's own probability
// underflows there). A NaiveBayes is immutable and safe for concurrent use.
type NaiveBayes struct {
	// logLik holds log((Count[c]+1)/(Seen+V)) per word and class, computed
	// once at load with the same float operations as the original.
	logLik   *wordTable[[2]float64]
	logPrior [2]float64
	info     NBInfo
}

// NBInfo describes a loaded naive Bayes model, for provenance lines.
type NBInfo struct {
	Classes        int        // number of classes (2: negative, positive)
	VocabularySize uint64     // V in the formula ("vocabulary_size")
	DocumentCount  uint64     // training reviews ("document_count")
	ClassCounts    [2]uint64  // training reviews per class ("count")
	Priors         [2]float64 // class priors ("probabilities")
	Words          int        // entries in the word table
	Source         string     // where the model comes from, with its licence
}

// NBResult is the naive Bayes verdict on one text. Its numbers come from a
// model trained on movie reviews: on news they measure tone only roughly.
type NBResult struct {
	Positive  bool    // the original's class: true when ScorePos > ScoreNeg
	PPositive float64 // softmax of the two scores, in [0, 1]
	ScoreNeg  float64 // log score of the negative class
	ScorePos  float64 // log score of the positive class
	Words     int     // in-vocabulary words used (with repetitions)
}

var loadNaiveBayes = sync.OnceValues(func() (*NaiveBayes, error) {
	data, err := lexicons.NaiveBayesModel()
	if err != nil {
		return nil, err
	}
	m, err := parseNaiveBayes(data)
	if err != nil {
		return nil, fmt.Errorf("embedded %s: %v", lexicons.NaiveBayesModelFile, err)
	}
	m.info.Source = lexicons.NaiveBayesSource
	return m, nil
})

// LoadNaiveBayes returns the classifier with the embedded IMDB model. The
// model (about 117,000 words) is parsed on the first call only; later calls
// return the same classifier.
func LoadNaiveBayes() (*NaiveBayes, error) {
	return loadNaiveBayes()
}

// Info describes the model.
func (m *NaiveBayes) Info() NBInfo { return m.info }

// nbModelFile is the JSON layout of the model file.
type nbModelFile struct {
	En *nbModelJSON `json:"en"`
}

type nbModelJSON struct {
	Words          map[string]nbWordJSON `json:"words"`
	Count          []uint64              `json:"count"`
	Probabilities  []float64             `json:"probabilities"`
	DocumentCount  uint64                `json:"document_count"`
	VocabularySize uint64                `json:"vocabulary_size"`
}

type nbWordJSON struct {
	Count []uint64
	Seen  uint64
}

// nbEntry is one word of the model with its counts.
type nbEntry struct {
	word  string
	count [2]uint64
	seen  uint64
}

// parseNaiveBayes reads a model in the JSON layout of cdipaolo/sentiment.
// The compact layout of the embedded file is read by a dedicated scanner
// (loading takes about 0.1 s instead of 0.5 s); anything else, including
// every malformed input, goes through encoding/json.
func parseNaiveBayes(data []byte) (*NaiveBayes, error) {
	hdr, entries, ok := scanNBCompact(data)
	if !ok {
		var err error
		if hdr, entries, err = decodeNBJSON(data); err != nil {
			return nil, err
		}
	}
	if err := checkNBHeader(hdr, len(entries)); err != nil {
		return nil, err
	}
	return buildNaiveBayes(hdr, entries), nil
}

// buildNaiveBayes computes the per-word log-likelihoods. Later entries of
// the same word replace earlier ones, as in encoding/json.
func buildNaiveBayes(hdr *nbModelJSON, entries []nbEntry) *NaiveBayes {
	m := &NaiveBayes{
		info: NBInfo{
			Classes:        len(hdr.Count),
			VocabularySize: hdr.VocabularySize,
			DocumentCount:  hdr.DocumentCount,
			ClassCounts:    [2]uint64{hdr.Count[0], hdr.Count[1]},
			Priors:         [2]float64{hdr.Probabilities[0], hdr.Probabilities[1]},
		},
	}
	for c := range m.logPrior {
		m.logPrior[c] = math.Log(hdr.Probabilities[c])
	}
	v := hdr.VocabularySize
	// The words seen most often in training first; a quarter of the
	// words of news are not in the vocabulary: filter them.
	m.logLik = newWordTable(entries, func(e nbEntry) string { return e.word }, func(e nbEntry) [2]float64 {
		var lp [2]float64
		for c := range lp {
			lp[c] = math.Log(float64(e.count[c]+1) / float64(e.seen+v))
		}
		return lp
	}, wordTableOptions[nbEntry]{filter: true, weight: func(e nbEntry) uint64 { return e.seen }})
	m.info.Words = m.logLik.len()
	return m
}

// decodeNBJSON reads the model with encoding/json.
func decodeNBJSON(data []byte) (*nbModelJSON, []nbEntry, error) {
	var f nbModelFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("sentiment model: %v", err)
	}
	if f.En == nil {
		return nil, nil, fmt.Errorf("sentiment model: no %q model", "en")
	}
	if err := checkNBWords(f.En.Words); err != nil {
		return nil, nil, err
	}
	entries := make([]nbEntry, 0, len(f.En.Words))
	for w, wd := range f.En.Words {
		entries = append(entries, nbEntry{word: w, count: [2]uint64{wd.Count[0], wd.Count[1]}, seen: wd.Seen})
	}
	return f.En, entries, nil
}

// scanNBCompact reads the model when it is laid out exactly as the embedded
// file: {"en":{"words":{"w":{"Count":[n,n],"Seen":n},...},HEADER}} with no
// white space and ASCII words without escapes. It reports false on any
// other input, which is then left to encoding/json.
func scanNBCompact(data []byte) (*nbModelJSON, []nbEntry, bool) {
	const prefix = `{"en":{"words":{`
	if !bytes.HasPrefix(data, []byte(prefix)) {
		return nil, nil, false
	}
	p := len(prefix)
	entries := make([]nbEntry, 0, 1<<17)
	for p < len(data) && data[p] != '}' {
		e, next, ok := scanNBWord(data, p)
		if !ok {
			return nil, nil, false
		}
		entries = append(entries, e)
		p = next
		if p < len(data) && data[p] == ',' {
			p++
		} else if p >= len(data) || data[p] != '}' {
			return nil, nil, false
		}
	}
	// p is at the '}' closing "words"; the header follows it.
	rest := data[min(p+1, len(data)):]
	if len(rest) < 3 || rest[0] != ',' || !bytes.HasSuffix(rest, []byte("}}")) {
		return nil, nil, false
	}
	hdrJSON := append([]byte{'{'}, rest[1:len(rest)-1]...)
	var hdr nbModelJSON
	if err := json.Unmarshal(hdrJSON, &hdr); err != nil || hdr.Words != nil {
		return nil, nil, false
	}
	return &hdr, entries, true
}

// scanNBWord reads `"w":{"Count":[n,n],"Seen":n}` at data[p:].
func scanNBWord(data []byte, p int) (e nbEntry, next int, ok bool) {
	if p >= len(data) || data[p] != '"' {
		return e, 0, false
	}
	q := p + 1
	for q < len(data) && data[q] != '"' {
		if c := data[q]; c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return e, 0, false
		}
		q++
	}
	if q >= len(data) {
		return e, 0, false
	}
	e.word = string(data[p+1 : q])
	p = q + 1
	steps := []struct {
		lit string
		dst *uint64
	}{{`:{"Count":[`, &e.count[0]}, {`,`, &e.count[1]}, {`],"Seen":`, &e.seen}}
	for _, st := range steps {
		if !bytes.HasPrefix(data[p:], []byte(st.lit)) {
			return e, 0, false
		}
		if *st.dst, p, ok = scanNBUint(data, p+len(st.lit)); !ok {
			return e, 0, false
		}
	}
	if p >= len(data) || data[p] != '}' {
		return e, 0, false
	}
	return e, p + 1, true
}

// scanNBUint reads a JSON unsigned integer at data[p:], rejecting leading
// zeros and overflow as encoding/json does.
func scanNBUint(data []byte, p int) (v uint64, next int, ok bool) {
	start := p
	for p < len(data) && '0' <= data[p] && data[p] <= '9' {
		d := uint64(data[p] - '0')
		if v > (math.MaxUint64-d)/10 {
			return 0, 0, false
		}
		v = v*10 + d
		p++
	}
	if p == start || (data[start] == '0' && p-start > 1) {
		return 0, 0, false
	}
	return v, p, true
}

// checkNBHeader checks the class counts, priors and vocabulary size.
func checkNBHeader(raw *nbModelJSON, words int) error {
	if len(raw.Count) != 2 || len(raw.Probabilities) != 2 {
		return fmt.Errorf("sentiment model: %d class counts and %d priors, want 2 and 2",
			len(raw.Count), len(raw.Probabilities))
	}
	for c, p := range raw.Probabilities {
		if !(p > 0 && p <= 1) {
			return fmt.Errorf("sentiment model: prior of class %d is %v, want a value in (0, 1]", c, p)
		}
	}
	if raw.VocabularySize == 0 {
		return fmt.Errorf("sentiment model: vocabulary_size is 0")
	}
	if words == 0 {
		return fmt.Errorf("sentiment model: no words")
	}
	return nil
}

// checkNBWords checks that every word has two class counts, reporting the
// first bad word in sorted order so that the message is deterministic.
func checkNBWords(words map[string]nbWordJSON) error {
	var bad []string
	for w, wd := range words {
		if len(wd.Count) != 2 {
			bad = append(bad, w)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	msg := fmt.Sprintf("sentiment model: word %q has %d class counts, want 2",
		bad[0], len(words[bad[0]].Count))
	if len(bad) > 1 {
		msg += fmt.Sprintf(" (and %d more words)", len(bad)-1)
	}
	return fmt.Errorf("%s", msg)
}

// Classify scores text as the original package does (see NaiveBayes).
func (m *NaiveBayes) Classify(text string) NBResult {
	sum, words := m.sumWords(text)
	// The original adds the log prior after the word terms; so does this,
	// which keeps the scores bit-identical to it.
	r := NBResult{
		ScoreNeg: sum[0] + m.logPrior[0],
		ScorePos: sum[1] + m.logPrior[1],
		Words:    words,
	}
	r.Positive = r.ScorePos > r.ScoreNeg
	r.PPositive = softmaxSecond(r.ScoreNeg, r.ScorePos)
	return r
}

// nbASCII is what the sanitizer makes of each ASCII byte: the letter
// lower-cased, the space kept, anything else deleted (0).
var nbASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', c == ' ':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + ('a' - 'A')
		}
	}
	return t
}()

// sumWords sanitizes text (see sanitizeNB), splits it on single spaces
// like strings.Split, and sums the log-likelihoods of the words found in
// the vocabulary, in order, in one pass. The word being read is kept in
// registers as the slot words of the table (wordKey): its letters are read
// eight bytes at a time; a word of more than 16 bytes is sanitized again
// from the text for its look-up. lookup returns zeros for a word it does
// not find: adding +0 to the sums, which are +0 or negative, changes no
// bit.
func (m *NaiveBayes) sumWords(text string) (sum [2]float64, words int) {
	t := m.logLik
	var w0, w1 uint64
	n, start := 0, 0
	for i := 0; ; {
		// The letters, eight bytes at a time; k may be 0.
		for i+8 <= len(text) {
			x := le64(text, i)
			k := asciiLetterRun(x)
			letters := (x | swarOnes*0x20) & keyMask0[k&31] // lower-cased
			w0, w1 = appendKey(w0, w1, n, letters)
			n += k
			i += k
			if k < 8 {
				break
			}
		}
		if i >= len(text) {
			break
		}
		c := text[i]
		if c == ' ' {
			i++
			lp0, lp1, found := m.lookup(t, w0, w1, n, text[start:i-1])
			sum[0] += lp0
			sum[1] += lp1
			words += found
			w0, w1, n, start = 0, 0, 0, i
			continue
		}
		if c < utf8.RuneSelf {
			// Deleted, or a letter of the last seven bytes.
			i++
			if l := nbASCII[c]; l != 0 {
				w0, w1 = appendKey(w0, w1, n, uint64(l))
				n++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) {
			var enc [utf8.UTFMax]byte
			for _, b := range utf8.AppendRune(enc[:0], unicode.ToLower(r)) {
				w0, w1 = appendKey(w0, w1, n, uint64(b))
				n++
			}
		}
	}
	// The end of the text ends the last word.
	lp0, lp1, found := m.lookup(t, w0, w1, n, text[start:])
	sum[0] += lp0
	sum[1] += lp1
	return sum, words + found
}

const swarOnes = 0x0101010101010101

// appendKey returns the slot words w0, w1 of a key of n bytes with the
// bytes of c (at most eight, the rest 0) appended; bytes past the 16th are
// dropped.
func appendKey(w0, w1 uint64, n int, c uint64) (uint64, uint64) {
	switch {
	case n == 0:
		w0 = c
	case n < 8:
		w0 |= c << (8 * n)
		w1 |= c >> (64 - 8*n)
	case n < 16:
		w1 |= c << (8 * (n - 8))
	}
	return w0, w1
}

// lookup returns the log-likelihoods of the word of n bytes, with slot
// words w0, w1, that the sanitizer makes of seg, and 1, if it is in the
// vocabulary; else 0, 0, 0. Whether a word is in the vocabulary is as good
// as random to the branch predictor: in the common cases (the word in its
// first slot, or shown absent by the filter or an empty first slot) the
// outcome selects the result instead of a branch.
func (m *NaiveBayes) lookup(t *wordTable[[2]float64], w0, w1 uint64, n int, seg string) (lp0, lp1 float64, found int) {
	if n > 16 || n == 0 {
		return m.lookupRare(t, n, seg)
	}
	h := wordHash(w0, w1, n)
	f := h >> ((64 - t.filterBits) & 63)
	maybe := t.filter[f/64] >> (f % 64) & 1
	s := &t.slots[h>>(t.shift&63)]
	diff := s.w0 ^ w0 | s.w1 ^ w1 | uint64(s.n^uint32(n))
	if nonZero(diff)&maybe&nonZero(uint64(s.n)) != 0 {
		// Not in its first slot, which holds another key: probe on.
		if s := t.find(h, w0, w1, n); s.n != 0 {
			return s.val[0], s.val[1], 1
		}
		return 0, 0, 0
	}
	eq := 1 - nonZero(diff)
	mask := -eq // all ones when the key is in the slot
	lp0 = math.Float64frombits(math.Float64bits(s.val[0]) & mask)
	lp1 = math.Float64frombits(math.Float64bits(s.val[1]) & mask)
	return lp0, lp1, int(eq)
}

// lookupRare is lookup for the empty word and words of more than 16
// bytes.
func (m *NaiveBayes) lookupRare(t *wordTable[[2]float64], n int, seg string) (lp0, lp1 float64, found int) {
	var lp [2]float64
	var ok bool
	if n == 0 {
		lp, ok = t.empty, t.hasEmpty
	} else {
		lp, ok = m.lookupLong(seg, n)
	}
	if !ok {
		return 0, 0, 0
	}
	return lp[0], lp[1], 1
}

// nonZero is 1 when x is not 0, else 0.
func nonZero(x uint64) uint64 { return (x | -x) >> 63 }

// le64 returns the eight bytes of s from i on as a little-endian word.
func le64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// asciiLetterRun returns how many of the bytes of the little-endian word x,
// from the low end, are ASCII letters before the first that is not.
func asciiLetterRun(x uint64) int {
	const high = swarOnes * 0x80
	y := (x | swarOnes*0x20) &^ high // letters lower-cased, 7 bits a byte
	ge := y + swarOnes*(0x80-'a')    // high bit set where y ≥ 'a'
	gt := y + swarOnes*(0x80-'z'-1)  // high bit set where y > 'z'
	letters := ge &^ gt &^ x & high  // and x below 0x80
	return bits.TrailingZeros64(^letters&high) / 8
}

// lookupLong returns the log-likelihoods of the word of n > 16 bytes that
// the sanitizer makes of seg, if it is in the vocabulary.
func (m *NaiveBayes) lookupLong(seg string, n int) ([2]float64, bool) {
	if n > m.logLik.maxLen {
		return [2]float64{}, false
	}
	var buf [64]byte
	lp, ok := m.logLik.long[string(sanitizeNB(buf[:0], seg))]
	return lp, ok
}

// sanitizeNB appends to dst the text with every rune that is neither a
// Unicode letter nor ' ' deleted and the letters lower-cased: the original's
// sanitizer followed by strings.ToLower. Invalid UTF-8 bytes are deleted,
// as the original's transform.RemoveFunc turns them into U+FFFD, which is
// not a letter. Classify does the same as it reads the text (sumWords),
// and calls this for the rare words of more than 16 bytes.
func sanitizeNB(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if l := nbASCII[c]; l != 0 {
				dst = append(dst, l)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// softmaxSecond returns exp(b) / (exp(a) + exp(b)), shifted by the larger
// score as in log-sum-exp so that it is finite for any finite a and b and
// depends only on b-a (exactly 0.5 on a tie).
func softmaxSecond(a, b float64) float64 {
	hi := math.Max(a, b)
	return expShifted(b-hi) / (expShifted(a-hi) + expShifted(b-hi))
}

// expShifted is math.Exp(d) for d = x − max(x, y), which is often exactly
// 0: then it skips the call, as math.Exp(0) = 1.
func expShifted(d float64) float64 {
	if d == 0 {
		return 1
	}
	return math.Exp(d)
}
