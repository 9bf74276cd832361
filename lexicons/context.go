package lexicons

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// The native format's optional top-level key "context", for labels
// lexicons, ties each referent's labels to the sentences about it. A label
// hit counts for a referent with a context only when its sentence is about
// that referent (framing, docs/lexicons.md):
//
//	kind: labels
//	labels:
//	  the September 2023 operation:
//	    attack: [attack, attacks]
//	context:
//	  the September 2023 operation:
//	    dates: [2023-09-19/2023-12-31]   # when it happened and was reported
//	    cues: [september 19, lightning offensive]
//
// A referent without a context counts every hit, as before.

// LabelContext is what ties a referent's labels to their sentences.
type LabelContext struct {
	Dates []DateRange // the referent's period; empty: no date rule
	Cues  []string    // patterns (normalised) marking a sentence about it
	Line  int
}

// context reads the "context" mapping.
func (p *nativeParser) context(n *yaml.Node) {
	if !p.mapping(n, "context") {
		return
	}
	p.lx.Context = map[string]LabelContext{}
	p.pairs(n, "context", func(ref string, k, v *yaml.Node) {
		what := fmt.Sprintf("context %q", ref)
		if !p.mapping(v, what) {
			return
		}
		lc := LabelContext{Line: k.Line}
		for i := 0; i+1 < len(v.Content); i += 2 {
			kk, vv := v.Content[i], v.Content[i+1]
			switch kk.Value {
			case "dates":
				lc.Dates = p.dates(vv, what+" dates")
			case "cues":
				items := []*yaml.Node{vv}
				if vv.Kind == yaml.SequenceNode {
					items = vv.Content
				}
				for _, it := range items {
					if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
						p.errorf(it.Line, "%s: want a cue pattern, got %s", what, nodeType(it))
						continue
					}
					pat, err := NormalizePattern(it.Value)
					if err != nil {
						p.errorf(it.Line, "%s: %v", what, err)
						continue
					}
					lc.Cues = append(lc.Cues, pat)
				}
			default:
				p.errorf(kk.Line, "%s: unknown key %q (want dates, cues)", what, kk.Value)
			}
		}
		if len(lc.Dates) == 0 && len(lc.Cues) == 0 {
			p.errorf(k.Line, "%s has neither dates nor cues", what)
			return
		}
		p.lx.Context[ref] = lc
	})
}

// checkContext reports context keys that are no referent, and a context in
// a lexicon that is not of kind labels.
func (p *nativeParser) checkContext() {
	if len(p.lx.Context) == 0 {
		return
	}
	if p.lx.Kind != KindLabels {
		for _, lc := range p.lx.Context {
			p.errorf(lc.Line, "context is for labels lexicons (this one is of kind %s)", p.lx.Kind)
			return
		}
	}
	keys := p.lx.Keys()
	for ref, lc := range p.lx.Context {
		if !slices.Contains(keys, ref) {
			p.errorf(lc.Line, "context %q: no such referent in the lexicon (want one of %s)", ref, strings.Join(keys, ", "))
		}
	}
}
