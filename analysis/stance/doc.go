// Package stance is parallax's target-dependent stance instrument: for one
// mention of a target (an actor) in one sentence, it gives the
// probabilities that the sentence is negative, neutral or positive toward
// that target, a score P(positive) − P(negative) in [−1, 1], and the most
// probable class. Unlike sentence tone, two actors of one sentence can get
// different stances.
//
// The model is a multinomial logistic regression over hashed features
// taken relative to the target (features.go): the words left and right of
// it in distance buckets, adjacent word pairs near it, the words of its
// clause and of the other clauses, words in a negation's scope, VADER
// lexicon valences of the context by place, the sentence's VADER compound
// score and the target's place in the sentence; and over word vectors
// (vectors.go: skip-gram trained on the AllSides corpus, embedded as
// derived numbers only): the mean vectors of the context by place
// (dense.go) and a valence predicted from the vectors for the words VADER
// lacks (expand.go). It is trained by cmd/parallax-train-stance on
// NewsMTSC's train.jsonl only (MIT; model/ holds the licences and
// provenance) and embedded. docs/stance.md gives
// its figures on NewsMTSC's two test sets, its speed and failure modes.
package stance
