package lexicons

import (
	"fmt"
	"os"
)

// DefaultStopWords is the embedded list used when none is named, and the
// one "+FILE" adds to.
const DefaultStopWords = "en"

// extendStopWords reads the user file path (a "+FILE" spec without its
// "+") and returns the built-in list with its words added, named
// "en+FILE". A missing or unreadable file is an error naming it.
func extendStopWords(path string) (*StopWords, error) {
	if path == "" {
		return nil, fmt.Errorf("stop words \"+\": name the file whose words are added to the built-in list, as +FILE")
	}
	base, err := LoadStopWords(DefaultStopWords)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("stop words \"+%s\": cannot read the file of words to add to the built-in list: %v", path, err)
	}
	defer f.Close()
	extra, err := parseStopWords(path, path, f)
	if err != nil {
		return nil, err
	}
	for w := range extra.words {
		base.words[w] = struct{}{}
	}
	base.Name = DefaultStopWords + "+" + path
	return base, nil
}
