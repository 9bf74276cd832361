package tonestats

import (
	"fmt"
	"math"

	"parallax/analysis/segment"
	"parallax/tone"
)

// DocRecord is one document's tone, the result of the map step
// (Collector.Map): its group, its load ordinal and the instrument scores of
// each of its scored sentences. Everything else the summaries need (the
// article's sums, the group's largest |score|) is computed from Scores in
// sentence order, so a record carries no number twice.
type DocRecord struct {
	Group   string
	Ordinal int // the document's load ordinal (corpus.Document.Index): its place in every list
	// Sentences is the number of sentences scored (those with a word).
	Sentences int
	// Scores holds the scores of the scored sentences, sentence-major:
	// Scores[s*K+k] is sentence s's score by instrument k, K being the
	// collector's number of instruments.
	Scores []float64
	// Text is nil unless Options.Sentences or Options.Documents.
	Text *DocText
}

// DocText is what the sentence and document tables print beyond the
// scores.
type DocText struct {
	ID string // the document's id
	// With Options.Sentences, per scored sentence: its text as the
	// instruments read it, its naive Bayes class and its 1-based number in
	// the cleaned document.
	Texts    []string
	Positive []bool
	Numbers  []int
	// With Options.Documents: the label (the title, or the start of the
	// text) and naive Bayes on the whole cleaned text.
	Label string
	Whole tone.NBResult
}

// Map scores one processed document: the map step, safe for concurrent
// use (it changes only p's VADER cache, which p's one visitor owns).
func (c *Collector) Map(p *segment.Processed) DocRecord {
	sc := c.scratch.Get().(*toneScratch)
	defer c.scratch.Put(sc)
	rec := DocRecord{Group: p.Doc.Group, Ordinal: p.Doc.Index}
	var dt *DocText
	if c.opt.Sentences || c.opt.Documents {
		dt = &DocText{ID: p.Doc.ID}
	}
	values := sc.values[:0]
	for si, s := range p.Sentences {
		if !HasWord(p.Text[s.Start:s.End]) {
			continue // "…", "”": no word to score; it would pull means to 0 and 0.5
		}
		rec.Sentences++
		text := SentenceText(p.Text[s.Start:s.End])
		nb := c.nb.Classify(text)
		values = append(values, SentenceVADERMasked(p, si, c.opt.Mask), nb.PPositive)
		if len(c.opt.Lexicons) > 0 {
			sc.toks = segment.Tokenize(text, sc.toks[:0])
			for _, lx := range c.opt.Lexicons {
				var score float64
				score, sc.hits = LexiconValence(lx.Matcher, sc.toks, sc.hits[:0])
				values = append(values, score)
			}
		}
		if c.opt.Mask.Len() > 0 {
			values = append(values, SentenceVADER(p, si))
		}
		if c.opt.Sentences {
			dt.Texts = append(dt.Texts, text)
			dt.Positive = append(dt.Positive, nb.Positive)
			dt.Numbers = append(dt.Numbers, si+1)
		}
	}
	sc.values = values
	if len(values) > 0 {
		rec.Scores = append(make([]float64, 0, len(values)), values...)
	}
	if c.opt.Documents {
		dt.Label = docLabel(p.Doc.Title, p.Text)
		dt.Whole = c.nb.Classify(p.Text)
	}
	rec.Text = dt
	return rec
}

// addScores adds each sentence's scores (sentence-major, k per sentence)
// to sums in sentence order, the order in which every article sum is taken.
func addScores(sums, scores []float64) {
	k := len(sums)
	for i, v := range scores {
		sums[i%k] += v
	}
}

// maxAbsScores raises each of m (one per instrument) to the largest |score|
// of its instrument.
func maxAbsScores(m, scores []float64) {
	k := len(m)
	for i, v := range scores {
		m[i%k] = max(m[i%k], math.Abs(v))
	}
}

// recordVersion is the leading byte of a DocRecord's encoding.
const recordVersion = 1

// AppendBinary appends the record's encoding to b: a version byte, the
// group, ordinal, sentence count, the scores and the optional text.
func (r *DocRecord) AppendBinary(b []byte) ([]byte, error) {
	if r.Ordinal < 0 {
		return b, fmt.Errorf("tone record of group %q: negative ordinal %d", r.Group, r.Ordinal)
	}
	b = append(b, recordVersion)
	b = appendString(b, r.Group)
	b = appendUint(b, uint64(r.Ordinal))
	b = appendUint(b, uint64(r.Sentences))
	b = appendUint(b, uint64(len(r.Scores)))
	for _, v := range r.Scores {
		b = appendFloat(b, v)
	}
	b = appendBool(b, r.Text != nil)
	if r.Text != nil {
		b = r.Text.appendBinary(b)
	}
	return b, nil
}

// MarshalBinary encodes the record (see AppendBinary).
func (r *DocRecord) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// UnmarshalBinary decodes what MarshalBinary encoded; it returns an error,
// never panics, on truncated or corrupt input.
func (r *DocRecord) UnmarshalBinary(data []byte) error {
	rd := &reader{b: data}
	if v := rd.byte(); rd.err == nil && v != recordVersion {
		return fmt.Errorf("tone record: format version %d, this build reads %d", v, recordVersion)
	}
	var out DocRecord
	out.Group = rd.string()
	out.Ordinal = rd.int("ordinal", math.MaxInt)
	out.Sentences = rd.int("sentence count", math.MaxInt32)
	if n := rd.count("score", 8); n > 0 {
		out.Scores = make([]float64, n)
		for i := range out.Scores {
			out.Scores[i] = rd.float()
		}
	}
	if rd.bool() {
		out.Text = rd.docText()
	}
	if err := rd.done(); err != nil {
		return fmt.Errorf("tone record: %v", err)
	}
	*r = out
	return nil
}

// appendBinary appends the text's encoding.
func (t *DocText) appendBinary(b []byte) []byte {
	b = appendString(b, t.ID)
	b = appendUint(b, uint64(len(t.Texts)))
	for i, s := range t.Texts {
		b = appendString(b, s)
		b = appendBool(b, t.Positive[i])
		b = appendUint(b, uint64(t.Numbers[i]))
	}
	b = appendString(b, t.Label)
	b = appendBool(b, t.Whole.Positive)
	b = appendFloat(b, t.Whole.PPositive)
	b = appendFloat(b, t.Whole.ScoreNeg)
	b = appendFloat(b, t.Whole.ScorePos)
	return appendUint(b, uint64(t.Whole.Words))
}

// docText decodes what DocText.appendBinary encoded.
func (r *reader) docText() *DocText {
	t := &DocText{ID: r.string()}
	if n := r.count("sentence text", 3); n > 0 {
		t.Texts, t.Positive, t.Numbers = make([]string, n), make([]bool, n), make([]int, n)
		for i := range n {
			t.Texts[i] = r.string()
			t.Positive[i] = r.bool()
			t.Numbers[i] = r.int("sentence number", math.MaxInt32)
		}
	}
	t.Label = r.string()
	t.Whole.Positive = r.bool()
	t.Whole.PPositive = r.float()
	t.Whole.ScoreNeg = r.float()
	t.Whole.ScorePos = r.float()
	t.Whole.Words = r.int("word count", math.MaxInt32)
	return t
}
