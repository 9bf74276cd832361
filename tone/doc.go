// Package tone scores the tone of sentences with independent instruments:
// VADER (a rule-based valence model, matched to its reference Python
// implementation) and a naive Bayes classifier trained on movie reviews.
// Outlet and article tone are means of sentence scores, never one score of
// a long text; the analysis package aggregates them.
package tone
