package lexicons

// This file holds the stop-word lists. The embedded files live under this
// folder and are compiled into the binary; a user file given on the command
// line is read with the same parser, so an embedded list and a user list
// behave identically.

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"unicode/utf8"
)

//go:embed stopwords/*.txt
var embedded embed.FS

// StopWords is a set of words excluded from term counts.
type StopWords struct {
	Name  string // "en" for the embedded list, or the file's path
	words map[string]struct{}
}

// Contains reports whether w is a stop word. w must already be normalised
// (lower case, straight apostrophe), as the tokenizer produces it.
func (s *StopWords) Contains(w string) bool {
	if s == nil {
		return false
	}
	_, ok := s.words[w]
	return ok
}

// Len is the number of stop words.
func (s *StopWords) Len() int {
	if s == nil {
		return 0
	}
	return len(s.words)
}

// Words returns the stop words, sorted.
func (s *StopWords) Words() []string {
	out := make([]string, 0, s.Len())
	for w := range s.words {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// Hash identifies the list's content: the first 12 hex digits of the
// SHA-256 of its sorted words, one a line. Provenance records it so that a
// run can be repeated with the same list.
func (s *StopWords) Hash() string {
	h := sha256.New()
	for _, w := range s.Words() {
		h.Write([]byte(w))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// StopWordLists names the embedded stop-word lists.
func StopWordLists() []string {
	entries, _ := fs.ReadDir(embedded, "stopwords")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".txt"))
	}
	sort.Strings(names)
	return names
}

// LoadStopWords returns the stop words named by spec: "none" for an empty
// list, the name of an embedded list ("en"), the path of a user file with
// one word a line ('#' starts a comment line) that replaces the built-in
// list, or "+FILE": the built-in list ("en") with FILE's words added.
func LoadStopWords(spec string) (*StopWords, error) {
	if extra, ok := strings.CutPrefix(spec, "+"); ok {
		return extendStopWords(extra)
	}
	switch spec {
	case "none":
		return &StopWords{Name: "none", words: map[string]struct{}{}}, nil
	case "":
		spec = "en"
	}
	if f, err := embedded.Open("stopwords/" + spec + ".txt"); err == nil {
		defer f.Close()
		return parseStopWords(spec, "stopwords/"+spec+".txt", f)
	}
	f, err := os.Open(spec)
	if err != nil {
		return nil, fmt.Errorf("stop words %q: not an embedded list (%s) and not a readable file: %v", spec, strings.Join(StopWordLists(), ", "), err)
	}
	defer f.Close()
	return parseStopWords(spec, spec, f)
}

// parseStopWords reads one word a line. Words are lower-cased; a line with
// white space inside or invalid UTF-8 is an error naming file and line.
func parseStopWords(name, file string, r io.Reader) (*StopWords, error) {
	s := &StopWords{Name: name, words: map[string]struct{}{}}
	sc := bufio.NewScanner(r)
	line := 0
	var errs []string
	for sc.Scan() {
		line++
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		switch {
		case !utf8.ValidString(w):
			errs = append(errs, fmt.Sprintf("%s:%d: invalid UTF-8", file, line))
		case strings.ContainsAny(w, " \t"):
			errs = append(errs, fmt.Sprintf("%s:%d: %q holds white space: give one word a line", file, line, w))
		default:
			w = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
			s.words[w] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if len(errs) > 0 {
		if len(errs) > 1 {
			return nil, fmt.Errorf("%s (and %d more errors)", errs[0], len(errs)-1)
		}
		return nil, fmt.Errorf("%s", errs[0])
	}
	return s, nil
}
