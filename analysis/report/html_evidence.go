package report

import (
	"fmt"
	"strings"

	"parallax/analysis/events"
	"parallax/analysis/framing"
)

func (r *HTMLPage) labelBlock() *htmlBlock {
	if len(r.LabelPassages) == 0 {
		return nil
	}
	_, _, max, _ := r.limits()
	b := &htmlBlock{Title: "Labels in context"}
	seen := map[[4]string]int{}
	total := 0
	for _, p := range r.LabelPassages {
		k := [4]string{p.Hit.Referent, p.Hit.Label, p.Group, p.Hit.Voice}
		total++
		if seen[k] >= max {
			continue
		}
		seen[k]++
		b.Items = append(b.Items, htmlItem{
			Head: p.Hit.Referent + " / " + p.Hit.Label,
			Meta: fmt.Sprintf("%s · %s #%d · %s", p.Group, p.Doc, p.Hit.Sentence+1, p.Hit.Voice),
			Text: p.Hit.Text,
		})
	}
	b.Note = fmt.Sprintf("At most %d passages per referent, label, group and voice, in input order; the label's words are in [brackets]. `%s` lists more.",
		max, r.command("labels", "--passages", "5"))
	if len(b.Items) < total {
		b.Note = fmt.Sprintf("%d of %d passages shown. ", len(b.Items), total) + b.Note
	}
	return b
}

func (r *HTMLPage) quoteBlock() *htmlBlock {
	if r.Quotes == nil {
		return nil
	}
	_, max, _, _ := r.limits()
	b := &htmlBlock{Title: "Quotations"}
	per := map[string]int{}
	left := 0
	for q := range r.Quotes {
		if per[q.Group] >= max {
			left++
			continue
		}
		per[q.Group]++
		speaker := q.Speaker
		if speaker == "" {
			speaker = "no speaker"
		}
		meta := fmt.Sprintf("%s · %s #%d", q.Group, q.Doc, q.Sentence+1)
		if q.Kind != framing.QuoteScare {
			meta += " · " + speaker
			if q.Verb != "" {
				meta += " (" + q.Verb + ")"
			}
		}
		b.Items = append(b.Items, htmlItem{Head: q.Kind.String(), Meta: meta, Text: q.Text})
	}
	if len(b.Items) == 0 {
		return nil
	}
	b.Note = fmt.Sprintf("The first %d quotations (direct, indirect and scare) of each group, in input order", max)
	if left > 0 {
		b.Note += fmt.Sprintf("; %d more not shown", left)
	}
	b.Note += fmt.Sprintf(". `%s` lists every one (--kind scare: the scare quotes only).", r.command("quotes"))
	return b
}

func (r *HTMLPage) eventGrid(part *htmlPart) {
	_, _, _, maxEvents := r.limits()
	ev := r.Events
	byEvent := map[string][]*events.Summary{}
	for i := range ev.Summaries {
		s := &ev.Summaries[i]
		byEvent[s.Event] = append(byEvent[s.Event], s)
	}
	shown := 0
	for _, info := range ev.Events {
		sums := byEvent[info.ID]
		withText := 0
		for _, s := range sums {
			if len(s.Passages) > 0 {
				withText++
			}
		}
		if withText == 0 {
			continue
		}
		if shown >= maxEvents {
			shown++
			continue
		}
		shown++
		he := &htmlEvent{Title: info.ID, Meta: strings.TrimSpace(info.Name + " · " + info.Level + ", " + info.Source)}
		for _, s := range sums {
			if len(s.Passages) == 0 {
				continue
			}
			if len(he.Groups) >= reportEventGroups {
				continue
			}
			g := htmlEventGroup{Group: s.Group, Stats: fmt.Sprintf("docs %d · sentences %d · share_pct %s · tone %s %s",
				s.Docs, s.Sentences, fmtNum(100*s.Share, 2), fmtNum(s.Tone.Mean, 3), ciText(s.Tone))}
			if s.Masked > 0 {
				g.Stats += " · tone_all " + fmtNum(s.ToneAll, 3)
			}
			for k, p := range s.Passages {
				if k >= reportEventPassages {
					break
				}
				g.Passages = append(g.Passages, htmlItem{Meta: fmt.Sprintf("%s #%d", p.DocID, p.Sentence), Text: p.Text})
			}
			he.Groups = append(he.Groups, g)
		}
		if withText > len(he.Groups) {
			he.More = fmt.Sprintf("%d more groups with passages: `%s`.", withText-len(he.Groups), r.command("events", "--level passage"))
		}
		part.Events = append(part.Events, he)
	}
	part.EventNote = fmt.Sprintf("Each group's first %d passages of the event, in input order, under its numbers from the events table (docs, sentences, share_pct, tone and its interval); at most %d groups per event.",
		reportEventPassages, reportEventGroups)
	if shown > maxEvents {
		part.EventNote += fmt.Sprintf(" The page shows the first %d of %d events with passages; `%s` lists every passage of every event.", maxEvents, shown, r.command("events", "--level passage"))
	}
}
