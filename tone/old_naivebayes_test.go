package tone

// This file keeps (*NaiveBayes).Classify as of commit 80a6b20, before it was
// rewritten around its own hash table, with its top-level names prefixed by
// "old". Its vocabulary map is built from the test's own parse of the model
// file (nbRef) with the same float operations as buildNaiveBayes had. It is
// the reference of the differential test in identity_test.go: the rewrite
// must give the same float64 bits on every input. Do not change it to follow
// naivebayes.go.

import (
	"bytes"
	"math"
	"sync"
	"unicode"
	"unicode/utf8"
)

// oldNaiveBayes holds what Classify used before the rewrite.
type oldNaiveBayes struct {
	logLik   map[string][2]float64
	logPrior [2]float64
}

var oldNB = sync.OnceValues(func() (*oldNaiveBayes, error) {
	ref, err := nbRef()
	if err != nil {
		return nil, err
	}
	return newOldNB(ref), nil
})

// newOldNB builds the classifier of a model as buildNaiveBayes did.
func newOldNB(ref *nbRefModel) *oldNaiveBayes {
	m := &oldNaiveBayes{logLik: make(map[string][2]float64, len(ref.Words))}
	for c := range m.logPrior {
		m.logPrior[c] = math.Log(ref.Probabilities[c])
	}
	v := ref.VocabularySize
	for w, e := range ref.Words {
		var lp [2]float64
		for c := range lp {
			lp[c] = math.Log(float64(e.Count[c]+1) / float64(e.Seen+v))
		}
		m.logLik[w] = lp
	}
	return m
}

var oldNBBufPool = sync.Pool{New: func() any {
	b := make([]byte, 0, 1024)
	return &b
}}

const oldMaxPooledNB = 1 << 16

func (m *oldNaiveBayes) Classify(text string) NBResult {
	bp := oldNBBufPool.Get().(*[]byte)
	buf := oldSanitizeNB((*bp)[:0], text)
	sum, words := m.sumWords(buf)
	if cap(buf) <= oldMaxPooledNB {
		*bp = buf
		oldNBBufPool.Put(bp)
	}
	r := NBResult{
		ScoreNeg: sum[0] + m.logPrior[0],
		ScorePos: sum[1] + m.logPrior[1],
		Words:    words,
	}
	r.Positive = r.ScorePos > r.ScoreNeg
	r.PPositive = oldSoftmaxSecond(r.ScoreNeg, r.ScorePos)
	return r
}

func (m *oldNaiveBayes) sumWords(buf []byte) (sum [2]float64, words int) {
	for start := 0; start <= len(buf); {
		end := bytes.IndexByte(buf[start:], ' ')
		if end < 0 {
			end = len(buf)
		} else {
			end += start
		}
		if lp, ok := m.logLik[string(buf[start:end])]; ok {
			sum[0] += lp[0]
			sum[1] += lp[1]
			words++
		}
		start = end + 1
	}
	return sum, words
}

func oldSanitizeNB(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', c == ' ':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+('a'-'A'))
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

func oldSoftmaxSecond(a, b float64) float64 {
	hi := math.Max(a, b)
	ea, eb := math.Exp(a-hi), math.Exp(b-hi)
	return eb / (ea + eb)
}
