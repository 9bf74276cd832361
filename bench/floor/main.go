// Command floor measures the least work that "terms by group" must do, as a
// lower bound for bench/run.sh: read a JSON Lines corpus, decode each
// record's group field and its text, lower-case the text and split it into
// runs of letters and digits, and count every token per group, on every core.
// It does no cleaning, no sentence splitting, no statistics and no output
// but one line of totals, and its tokenizer is simpler than parallax's, so a
// program that does all of terms' work cannot be faster than it on the same
// machine. bench/run.sh times it beside scikit-learn: the ratio of the two is
// the most any implementation of parallax terms could reach there.
//
//	floor [-group outlet] corpus.jsonl[.gz]
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

func main() {
	group := flag.String("group", "outlet", "the JSON field that names a record's group")
	hand := flag.Bool("hand", false, "decode with a scanner written for these two fields, not encoding/json")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: floor [-group FIELD] corpus.jsonl[.gz]")
		os.Exit(2)
	}
	groups, terms, tokens, err := count(flag.Arg(0), *group, runtime.GOMAXPROCS(0), *hand)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("%d groups, %d distinct terms, %d tokens\n", groups, terms, tokens)
}

// line is one record's bytes and its 1-based line number.
type line struct {
	b []byte
	n int
}

// counts is one worker's tally: an interned vocabulary (token → id) and,
// per group, a count per id.
type counts struct {
	ids    map[string]int32
	groups map[string][]int32
	rec    reflect.Type // struct{ Group, Text string } with the group's JSON name
	err    error

	hand       bool   // decode with handFields instead of encoding/json
	field      string // the group's JSON name, for handFields
	kbuf, tbuf []byte // handFields' buffers
}

// recordType is the struct a record decodes into: its group field (named
// by the -group flag) and its text, and nothing else.
func recordType(field string) reflect.Type {
	str := reflect.TypeOf("")
	return reflect.StructOf([]reflect.StructField{
		{Name: "Group", Type: str, Tag: reflect.StructTag(fmt.Sprintf("json:%q", field))},
		{Name: "Text", Type: str, Tag: `json:"text"`},
	})
}

// count reads path with workers goroutines decoding and counting, and
// returns the number of groups, of distinct terms and of tokens.
func count(path, field string, workers int, hand bool) (groups, terms int, tokens int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("%s: %v", path, err)
		}
		r = z
	}
	lines := make(chan line, 64)
	done := make(chan struct{})
	results := make([]*counts, workers)
	var wg sync.WaitGroup
	for w := range results {
		results[w] = &counts{ids: map[string]int32{}, groups: map[string][]int32{}, rec: recordType(field), hand: hand, field: field}
		wg.Add(1)
		go func(c *counts) {
			defer wg.Done()
			for l := range lines {
				if c.err == nil {
					if err := c.add(l.b); err != nil {
						c.err = fmt.Errorf("%s:%d: %v", path, l.n, err)
						close(done)
					}
				}
			}
		}(results[w])
	}
	br := bufio.NewReaderSize(r, 1<<20)
	var readErr error
	stopped := false
	for n := 1; !stopped; n++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			select {
			case lines <- line{b, n}:
			case <-done:
				stopped = true
			}
		}
		if err != nil {
			if err != io.EOF {
				readErr = fmt.Errorf("%s: %v", path, err)
			}
			break
		}
	}
	close(lines)
	wg.Wait()
	if readErr != nil {
		return 0, 0, 0, readErr
	}
	for _, c := range results {
		if c.err != nil {
			return 0, 0, 0, c.err
		}
	}
	g, t, n := merge(results)
	return g, t, n, nil
}

// asciiWord marks the ASCII bytes that belong to a token.
var asciiWord [utf8.RuneSelf]bool

func init() {
	for c := range asciiWord {
		asciiWord[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
}

// add decodes one record and counts its tokens.
func (c *counts) add(b []byte) error {
	if c.hand {
		g, text, err := handFields(b, c.field, &c.kbuf, &c.tbuf)
		if err != nil {
			return err
		}
		c.groups[g] = tokenize(c, c.groups[g], text)
		return nil
	}
	rec := reflect.New(c.rec)
	if err := json.Unmarshal(b, rec.Interface()); err != nil {
		return err
	}
	g, text := rec.Elem().Field(0).String(), rec.Elem().Field(1).String()
	c.groups[g] = tokenize(c, c.groups[g], text)
	return nil
}

// tokenize counts text's tokens into tally, a count per id of c.ids.
func tokenize[T string | []byte](c *counts, tally []int32, text T) []int32 {
	var tok []byte
	flush := func() {
		id, ok := c.ids[string(tok)]
		if !ok {
			id = int32(len(c.ids))
			c.ids[string(tok)] = id
		}
		for int(id) >= len(tally) {
			tally = append(tally, 0)
		}
		tally[id]++
		tok = tok[:0]
	}
	for i := 0; i < len(text); {
		ch := text[i]
		if ch < utf8.RuneSelf {
			if asciiWord[ch] {
				if 'A' <= ch && ch <= 'Z' {
					ch += 'a' - 'A'
				}
				tok = append(tok, ch)
			} else if len(tok) > 0 {
				flush()
			}
			i++
			continue
		}
		var head [utf8.UTFMax]byte
		r, size := utf8.DecodeRune(head[:copy(head[:], text[i:])])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			tok = utf8.AppendRune(tok, unicode.ToLower(r))
		} else if len(tok) > 0 {
			flush()
		}
		i += size
	}
	if len(tok) > 0 {
		flush()
	}
	return tally
}

// merge adds the workers' tallies into one vocabulary and one count per
// group and term, as terms must before any statistic.
func merge(results []*counts) (groups, terms int, tokens int64) {
	ids := map[string]int32{}
	total := map[string][]int64{}
	for _, c := range results {
		remap := make([]int32, len(c.ids))
		for t, id := range c.ids {
			g, ok := ids[t]
			if !ok {
				g = int32(len(ids))
				ids[t] = g
			}
			remap[id] = g
		}
		for name, tally := range c.groups {
			sum := total[name]
			for id, n := range tally {
				to := remap[id]
				for int(to) >= len(sum) {
					sum = append(sum, 0)
				}
				sum[to] += int64(n)
				tokens += int64(n)
			}
			total[name] = sum
		}
	}
	return len(total), len(ids), tokens
}
