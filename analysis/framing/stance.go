package framing

import (
	"math"

	"parallax/analysis/segment"
	"parallax/analysis/stance"
	"parallax/analysis/tonestats"
	"parallax/tone"
)

// stancer scores the actor mentions of one document with Options.Stance
// and keeps, per sentence and actor, the sum and count of the scores; it
// does nothing when the collector has no stance model.
type stancer struct {
	model *stance.Model
	p     *segment.Processed
	d     *quoteDoc
	sums  map[sentActor][2]float64
	mask  *tone.Mask      // Options.ToneMask: words the stance leaves out too
	tones map[int]float64 // the masked VADER compound per sentence, once computed
}

func (c *Collector) newStancer(p *segment.Processed, d *quoteDoc) *stancer {
	return &stancer{model: c.opt.Stance, p: p, d: d, mask: c.opt.ToneMask}
}

// tone is sentence s's VADER compound with the mask's words left out
// (tonestats.SentenceVADERMasked), computed once per sentence for the
// stance and the actors' tone alike.
func (st *stancer) tone(s int) float64 {
	if v, ok := st.tones[s]; ok {
		return v
	}
	if st.tones == nil {
		st.tones = map[int]float64{}
	}
	v := tonestats.SentenceVADERMasked(st.p, s, st.mask)
	st.tones[s] = v
	return v
}

// add scores the mention of actor on the document's tokens [a, b) in
// sentence s.
func (st *stancer) add(s int, actor string, a, b int) {
	if st.model == nil || a >= b {
		return
	}
	d := st.d
	men := stance.Mention{Sentence: d.text, Tokens: d.toks[d.sentTok[s]:d.sentTok[s+1]], From: d.sents[s].Start,
		Target:   segment.Span{Start: d.toks[a].Span.Start, End: d.toks[b-1].Span.End},
		Compound: st.tone(s), HasCompound: true, Mask: st.mask, Norms: st.p.Norms}
	if st.sums == nil {
		st.sums = map[sentActor][2]float64{}
	}
	k := sentActor{s, actor}
	v := st.sums[k]
	v[0] += st.model.Score(&men).Score
	v[1]++
	st.sums[k] = v
}

// means returns the mean stance per sentence and actor, rounded to 4
// decimals (as VADER's compound is, so that the record stores it in a few
// bytes); nil when nothing was scored.
func (st *stancer) means() map[sentActor]float64 {
	if len(st.sums) == 0 {
		return nil
	}
	out := make(map[sentActor]float64, len(st.sums))
	for k, v := range st.sums {
		out[k] = math.Round(v[0]/v[1]*1e4) / 1e4
	}
	return out
}
