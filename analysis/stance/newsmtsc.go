package stance

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"parallax/analysis/segment"
)

// newsmtscLine is one line of a NewsMTSC file.
type newsmtscLine struct {
	Sentence *string `json:"sentence_normalized"`
	Targets  []struct {
		GID      string   `json:"Input.gid"`
		From     *int     `json:"from"`
		To       *int     `json:"to"`
		Mention  string   `json:"mention"`
		Polarity *float64 `json:"polarity"`
		Further  []struct {
			From *int `json:"from"`
			To   *int `json:"to"`
		} `json:"further_mentions"`
	} `json:"targets"`
}

// ReadNewsMTSC reads targets in NewsMTSC's format (one JSON object a line:
// sentence_normalized, targets[] with Input.gid, from, to in code points,
// to exclusive, mention and optionally polarity 2/4/6). Each target gives
// one Example, in file order, with its span converted to bytes; Label is
// −1 when the target has no polarity. name is used in errors, which give
// the line.
func ReadNewsMTSC(r io.Reader, name string) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var l newsmtscLine
		if err := json.Unmarshal([]byte(text), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: not a NewsMTSC line: %v", name, line, err)
		}
		if l.Sentence == nil {
			return nil, fmt.Errorf("%s:%d: no \"sentence_normalized\"", name, line)
		}
		s := *l.Sentence
		toks := segment.Tokenize(s, nil)
		for k, t := range l.Targets {
			if t.From == nil || t.To == nil {
				return nil, fmt.Errorf("%s:%d: target %d has no \"from\"/\"to\"", name, line, k+1)
			}
			a, b, ok := runeSpan(s, *t.From, *t.To)
			if !ok {
				return nil, fmt.Errorf("%s:%d: target %d: span %d–%d is not within the sentence of %d characters",
					name, line, k+1, *t.From, *t.To, utf8.RuneCountInString(s))
			}
			label := -1
			if t.Polarity != nil {
				switch *t.Polarity {
				case 2, 1:
					label = Negative
				case 4:
					label = Neutral
				case 6, 7:
					label = Positive
				default:
					return nil, fmt.Errorf("%s:%d: target %d: polarity %v is not 2, 4 or 6", name, line, k+1, *t.Polarity)
				}
			}
			var further []segment.Span
			for j, f := range t.Further {
				if f.From == nil || f.To == nil {
					return nil, fmt.Errorf("%s:%d: target %d: further mention %d has no \"from\"/\"to\"", name, line, k+1, j+1)
				}
				fa, fb, ok := runeSpan(s, *f.From, *f.To)
				if !ok {
					return nil, fmt.Errorf("%s:%d: target %d: further mention %d: span %d–%d is not within the sentence of %d characters",
						name, line, k+1, j+1, *f.From, *f.To, utf8.RuneCountInString(s))
				}
				further = append(further, segment.Span{Start: fa, End: fb})
			}
			out = append(out, Example{ID: t.GID, Label: label, From: *t.From, To: *t.To, Further: further,
				Mention: Mention{Sentence: s, Tokens: toks, Target: segment.Span{Start: a, End: b}}})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

// runeSpan converts a span in code points to one in bytes.
func runeSpan(s string, from, to int) (a, b int, ok bool) {
	if from < 0 || to < from {
		return 0, 0, false
	}
	a, b = -1, -1
	n := 0
	for i := range s {
		if n == from {
			a = i
		}
		if n == to {
			b = i
		}
		n++
	}
	if n == from {
		a = len(s)
	}
	if n == to {
		b = len(s)
	}
	return a, b, a >= 0 && b >= 0
}
