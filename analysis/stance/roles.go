package stance

import (
	"math"
	"strings"

	"parallax/analysis/segment"
)

// speechVerbs mark the target as a speaker when they stand next to it.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "tell": true,
	"asked": true, "added": true, "wrote": true, "writes": true, "tweeted": true,
	"stated": true, "argued": true, "claimed": true, "insisted": true, "noted": true,
	"explained": true, "declared": true, "announced": true, "warned": true,
	"responded": true, "replied": true, "according": true, "argues": true, "claims": true,
}

// roleFeatures adds the target's role in its clause: subject (it opens
// the clause, at most two words in, and words follow it), object (words
// of its clause precede it), speaker (a speech verb within two words,
// "according to" before it) and possessor ("Trump's"); and the clause's
// valence after a subject, before an object, and outside a speaker's
// clause, each through tanh. val holds the valence of the target's
// clause left and right of it and of the other clauses.
func roleFeatures(toks []segment.Token, t0, t1 int, clause []int, tClause int, val [3]float64, add func(uint64, float32)) {
	n := len(toks)
	start := t0
	for start > 0 && start-1 < n && clause[start-1] == tClause {
		start--
	}
	after := t1 < n && clause[t1] == tClause
	subj := t0-start <= 2 && after
	spk := false
	for i := max(0, t0-3); i < min(n, t1+2); i++ {
		if i >= t0 && i < t1 {
			continue
		}
		if speechVerbs[toks[i].Norm] && clause[i] == tClause {
			spk = true
		}
	}
	poss := false
	if t1 > t0 && t1 <= n {
		w := toks[t1-1].Norm
		poss = strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'")
	}
	f := func(name string, v float64) {
		if v != 0 {
			add(featureHash("R", name), float32(math.Tanh(v)))
		}
	}
	switch {
	case spk:
		add(featureHash("R", "speaker"), 1)
		f("spk-other", val[2])
		f("spk-clause", val[0]+val[1])
	case subj:
		add(featureHash("R", "subject"), 1)
		f("subj-right", val[1])
	case t0 > start:
		add(featureHash("R", "object"), 1)
		f("obj-left", val[0])
	}
	if poss {
		add(featureHash("R", "possessor"), 1)
		f("poss-right", val[1])
	}
}
