package lexicons

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// The native format's optional top-level key "unscored" declares, per key
// of the section (a category, actor or referent), the words that tone and
// stance must not score, because they are what the key measures: a frames
// category "legality" holding "illegal" would otherwise make its own
// sentences negative. Each entry is one word, or a word ending in "*" for
// every word it begins:
//
//	kind: categories
//	categories:
//	  legality_sovereignty: [illegal*, unlawful, sovereignty]
//	unscored:
//	  legality_sovereignty: [illegal*, unlawful]
//
// Every key named must be a key of the section. See docs/lexicons.md.

// unscored reads the "unscored" mapping.
func (p *nativeParser) unscored(n *yaml.Node) {
	if !p.mapping(n, "unscored") {
		return
	}
	p.lx.Unscored = map[string][]string{}
	p.unscoredLines = map[string]int{}
	p.pairs(n, "unscored", func(key string, k, v *yaml.Node) {
		what := fmt.Sprintf("unscored %q", key)
		items := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			items = v.Content
		} else if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			p.errorf(v.Line, "%s: want a list of words, got %s", what, nodeType(v))
			return
		}
		p.unscoredLines[key] = k.Line
		for _, it := range items {
			if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
				p.errorf(it.Line, "%s: want a word, got %s", what, nodeType(it))
				continue
			}
			w := strings.ToLower(strings.TrimSpace(it.Value))
			if err := checkUnscoredWord(w); err != nil {
				p.errorf(it.Line, "%s: %q: %v", what, it.Value, err)
				continue
			}
			if !slices.Contains(p.lx.Unscored[key], w) {
				p.lx.Unscored[key] = append(p.lx.Unscored[key], w)
			}
		}
	})
}

// checkUnscoredWord accepts one word, perhaps ending in "*".
func checkUnscoredWord(w string) error {
	base := strings.TrimSuffix(w, "*")
	switch {
	case base == "":
		return fmt.Errorf("empty word")
	case strings.ContainsAny(base, " \t*?"):
		return fmt.Errorf("want one word (a trailing * for every word it begins), not a phrase or pattern")
	}
	return nil
}

// checkUnscored reports the keys of "unscored" that the section lacks.
func (p *nativeParser) checkUnscored() {
	if len(p.unscoredLines) == 0 {
		return
	}
	keys := p.lx.Keys()
	for key, line := range p.unscoredLines {
		if !slices.Contains(keys, key) {
			p.errorf(line, "unscored %q: no such %s in the lexicon (want one of %s)", key, keyRole(p.lx.Kind), strings.Join(keys, ", "))
		}
	}
}

func keyRole(k Kind) string {
	switch k {
	case KindCategories:
		return "category"
	case KindActors:
		return "actor"
	case KindLabels:
		return "referent"
	case KindEvents:
		return "event"
	}
	return "key"
}

// UnscoredWords lists the words a run's tone and stance leave out (see
// tone.Mask): every word of every pattern of the labels lexicon, except
// the words stop says are stop words (function words such as "of" and
// "not" stay scored: "not" is a negation), with "*" kept on words that end
// in it; and the words every lexicon declares unscored. Sorted, without
// duplicates. Nil lexicons are skipped.
func UnscoredWords(labels *Lexicon, stop func(word string) bool, others ...*Lexicon) []string {
	var out []string
	if labels != nil {
		for _, e := range labels.Entries {
			for _, w := range strings.Fields(e.Pattern) {
				if strings.ContainsAny(w, "?") || (stop != nil && stop(strings.TrimSuffix(w, "*"))) {
					continue
				}
				out = append(out, w)
			}
		}
	}
	for _, lx := range append([]*Lexicon{labels}, others...) {
		if lx == nil {
			continue
		}
		for _, ws := range lx.Unscored {
			out = append(out, ws...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
