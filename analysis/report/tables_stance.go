package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"parallax/analysis/framing"
	"parallax/analysis/resample"
	"parallax/analysis/stance"
	"parallax/analysis/tonestats"
)

// stanceTrainedNote says what the stance instrument is and was trained on.
const stanceTrainedNote = "stance: P(positive) − P(negative) toward the target, in [−1, 1], by parallax's stance model (a logistic regression over target-relative words and word vectors of the AllSides corpus, trained on NewsMTSC train.jsonl, 8,739 targets in English political news; macro-F1 0.685 on NewsMTSC devtest_rw: docs/stance.md)."

// stanceClassNote explains the class column.
const stanceClassNote = "class: the most probable of negative, neutral, positive."

// StanceTargetsSection lists the stance toward each target of a NewsMTSC
// file: its id (Input.gid), mention, character offsets, score, class, the
// three probabilities and, when the file has polarities, the gold class.
func StanceTargetsSection(ex []stance.Example, res []stance.Result) Section {
	t := &Table{Name: "stance_targets", Title: "Stance toward each target",
		Columns: []string{"id", "mention", "start", "end", "stance", "class", "p_negative", "p_neutral", "p_positive", "gold"},
		Cut:     map[string]Cut{"id": CutLeft}}
	for i, e := range ex {
		r := res[i]
		gold := NA()
		if e.Label >= 0 {
			gold = Str(stance.ClassNames[e.Label])
		}
		m := e.Mention
		t.Rows = append(t.Rows, []Value{Str(e.ID), Str(m.Sentence[m.Target.Start:m.Target.End]), Int(int64(e.From)), Int(int64(e.To)),
			Float(r.Score, 3), Str(r.ClassName()), Float(r.Prob[0], 3), Float(r.Prob[1], 3), Float(r.Prob[2], 3), gold})
	}
	t.Notes = []string{stanceTrainedNote, stanceClassNote,
		"id: the target's Input.gid in the file; mention: the target's words; start, end: the target's offsets in characters of sentence_normalized, end exclusive, as in the file; gold: the file's polarity (2 negative, 4 neutral, 6 positive), n/a when it has none.",
		"p_negative, p_neutral, p_positive: the model's probability of each class."}
	return Section{Display: t}
}

// StanceEvaluationSection compares the classes with the file's
// polarities: per gold class its count, the predicted classes (the
// confusion matrix), F1; and overall accuracy and macro-F1.
func StanceEvaluationSection(e stance.Evaluation) Section {
	t := &Table{Name: "stance_evaluation", Title: "Stance against the file's polarities",
		Columns: []string{"gold", "n", "pred_negative", "pred_neutral", "pred_positive", "f1"}}
	for g, name := range stance.ClassNames {
		n := 0
		for _, c := range e.Confusion[g] {
			n += c
		}
		t.Rows = append(t.Rows, []Value{Str(name), Int(int64(n)), Int(int64(e.Confusion[g][0])), Int(int64(e.Confusion[g][1])),
			Int(int64(e.Confusion[g][2])), Float(e.F1[g], 4)})
	}
	t.Notes = []string{
		fmt.Sprintf("accuracy %.4f, macro-F1 %.4f over %d targets with a polarity.", e.Accuracy, e.MacroF1, e.N),
		"gold: the file's class; n: targets of that class; pred_negative, pred_neutral, pred_positive: how many of them the model put in each class (the confusion matrix).",
		"f1 = 2·TP / (gold + predicted) of the class; macro-F1 is the unweighted mean of the three f1.",
	}
	return Section{Display: t}
}

// StanceMentionsSection lists every scored actor mention of a corpus.
func StanceMentionsSection(rows []stance.MentionRow) Section {
	t := &Table{Name: "stance_mentions", Title: "Stance toward each actor mention",
		Columns: []string{"group", "doc", "sentence", "actor", "mention", "start", "end", "stance", "class"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []Value{Str(r.Group), Str(r.Doc), Int(int64(r.Sentence + 1)), Str(r.Actor), Str(r.Mention),
			Int(int64(r.Start)), Int(int64(r.End)), Float(r.Score, 3), Str(r.ClassName())})
	}
	t.Notes = []string{stanceTrainedNote, stanceClassNote, "sentence: the sentence's number in the cleaned document, from 1; mention: the words that name the actor; start, end: the mention's offsets in characters of that sentence, end exclusive."}
	return Section{Display: t}
}

// StanceSummarySection gives per actor and group the mean stance with its
// bootstrap interval and the class shares.
func StanceSummarySection(rows []stance.SummaryRow, resamples int, seed uint64) Section {
	t := &Table{Name: "stance", Title: "Stance toward actors per group",
		Columns: []string{"actor", "group", "mentions", "stance", "stance_low", "stance_high", "small", "negative", "neutral", "positive"}}
	disp := &Table{Name: t.Name, Title: t.Title,
		Columns: []string{"actor", "group", "mentions", "stance", "95% interval", "negative", "neutral", "positive"}}
	for _, r := range rows {
		iv := r.Stance
		t.Rows = append(t.Rows, []Value{Str(r.Actor), Str(r.Group), Int(int64(iv.N)), Float(iv.Mean, 3), Float(iv.Low, 3), Float(iv.High, 3),
			Str(flagSmall(iv.Small && iv.N > 0)), Float(r.Shares[0], 3), Float(r.Shares[1], 3), Float(r.Shares[2], 3)})
		disp.Rows = append(disp.Rows, []Value{Str(r.Actor), Str(r.Group), Int(int64(iv.N)), Float(iv.Mean, 3), Str(ciText(iv)),
			Float(r.Shares[0], 3), Float(r.Shares[1], 3), Float(r.Shares[2], 3)})
	}
	t.Notes = []string{stanceTrainedNote,
		"mentions: the actor's scored mentions in the group; stance: their mean, with a 95% bootstrap interval (stance_low, stance_high: " + resample.BootstrapNote(resamples, -1, seed) + "); small: fewer than " + fmt.Sprint(resample.MinClusterUnits) + " articles, so mentions were resampled. negative, neutral, positive: shares of the mentions in each class."}
	disp.Notes = []string{stanceTrainedNote,
		"mentions: the actor's scored mentions in the group; stance: their mean, with its 95% bootstrap interval (" + resample.BootstrapNote(resamples, -1, seed) + "; mentions were resampled for a group with fewer than " + fmt.Sprint(resample.MinClusterUnits) + " articles). negative, neutral, positive: shares of the mentions in each class."}
	return Section{Display: disp, Tidy: t}
}

// WithActorStance adds the stance toward each actor (framing.ActorRow.
// Stance) to an ActorsSection: in the tidy table `stance, stance_low,
// stance_high` after the tone columns, in the display `stance` and its
// interval after the tone's; and a note with the agreement of the two
// instruments: the Spearman correlation of the tone and stance means over
// the actor × group rows where both are defined.
func WithActorStance(sec Section, rows []framing.ActorRow) Section {
	type key struct{ actor, group string }
	by := make(map[key]*framing.ActorRow, len(rows))
	var tones, stances []float64
	for i := range rows {
		r := &rows[i]
		by[key{r.Actor, r.Group}] = r
		if !math.IsNaN(r.Tone.Mean) && !math.IsNaN(r.Stance.Mean) && r.Stance.N > 0 {
			tones, stances = append(tones, r.Tone.Mean), append(stances, r.Stance.Mean)
		}
	}
	rho := math.NaN()
	if len(tones) >= 3 {
		rho = tonestats.Spearman(tones, stances)
	}
	agree := fmt.Sprintf("stance: mean stance toward the actor over the sentences mentioning it (each the mean of its mentions there, rounded to 4 decimals), with a 95%% bootstrap interval drawn as tone's (stance_low, stance_high: its bounds); n/a with fewer than 2 sentences. %s Agreement of tone and stance: Spearman rank correlation %s over the %d actor × group rows where both are defined.",
		strings.TrimSuffix(stanceTrainedNote, "."), fmtRho(rho), len(tones))
	insert := func(t *Table, after string, cols []string, cells func(r *framing.ActorRow) []Value) *Table {
		at := slices.Index(t.Columns, after)
		if at < 0 {
			return t
		}
		out := *t
		out.Columns = slices.Insert(slices.Clone(t.Columns), at+1, cols...)
		out.Rows = nil
		for _, row := range t.Rows {
			r := by[key{row[0].Str, row[1].Str}]
			var add []Value
			if r == nil {
				add = slices.Repeat([]Value{NA()}, len(cols))
			} else {
				add = cells(r)
			}
			out.Rows = append(out.Rows, slices.Insert(slices.Clone(row), at+1, add...))
		}
		note := agree
		if !slices.Contains(out.Columns, "stance_low") {
			note = strings.Replace(agree, " (stance_low, stance_high: its bounds)", "", 1)
		}
		out.Notes = append(slices.Clone(t.Notes), note)
		return &out
	}
	if sec.Tidy != nil {
		sec.Tidy = insert(sec.Tidy, "tone_high", []string{"stance", "stance_low", "stance_high"}, func(r *framing.ActorRow) []Value {
			return []Value{Float(r.Stance.Mean, 3), Float(r.Stance.Low, 3), Float(r.Stance.High, 3)}
		})
	}
	if sec.Display != nil {
		sec.Display = insert(sec.Display, "95% interval", []string{"stance", "stance 95% interval"}, func(r *framing.ActorRow) []Value {
			return []Value{Float(r.Stance.Mean, 3), Str(ciText(r.Stance))}
		})
	}
	return sec
}

// StanceUnscoredNote is the note of a table whose stance leaves out the
// same words as its tone (framing.Options.ToneMask): "" when none were
// left out.
func StanceUnscoredNote(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return fmt.Sprintf("Stance leaves out the same %s: the model takes no feature from them (no word, pair or VADER valence; the sentence score is the masked VADER), but a mention that is itself a label word is still scored as the target. --score-labels puts them back.",
		Plural(len(words), "word"))
}

// fmtRho prints a correlation with 3 decimals, n/a when undefined.
func fmtRho(r float64) string {
	if math.IsNaN(r) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", r)
}
