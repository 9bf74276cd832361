package framing

import (
	"fmt"
	"testing"
)

// TestSpeakerPatterns checks each pattern of issue 16 on text written for
// it: the speaker (and how it was found) of every direct quote, in order.
func TestSpeakerPatterns(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // speaker|cue|reason of each direct quote, "scare" for a scare quote
	}{
		{"apposition", `Jane Roe, the spokeswoman for Sen. John Doe, wrote that the plan "will not survive the summer."`,
			[]string{"Jane Roe|before|name"}},
		{"relative clause", `Barack Obama, who credited the line to predecessor Ronald Reagan, said: "That has been the experience of American presidents."`,
			[]string{"Barack Obama|before|name"}},
		{"participle", `Mr. John Doe did not back down, saying, "The record speaks for itself."`,
			[]string{"John Doe|before|name"}},
		{"inverted", `"We will see what happens next week," said John Doe in an interview on Monday.`,
			[]string{"John Doe|after|name"}},
		{"inline with adding", `"We are not done with this at all," John Doe told reporters, adding that talks go on.`,
			[]string{"John Doe|after|name"}},
		{"long apposition after", `"It was obvious to all of us from the start," Ali Abedzadeh, head of Iran's national aviation department, told a press conference.`,
			[]string{"Ali Abedzadeh|after|name"}},
		{"verb ending the sentence", `Jane Roe spoke. "We can all imagine how this might have played out," when trust was far lower, Ms. Roe added.`,
			[]string{"Jane Roe|after|surname"}},
		{"pronoun: last subject of speech", "John Doe met Richard Roe in Paris on Monday.\n\nDoe said the meeting was useful. Later Richard Roe left.\n\n\"We will meet again very soon,\" he said.",
			[]string{"Richard Roe|after|pronoun"}},
		{"pronoun after inverted speech", "Umanos worked there for 25 years, said Dr. Bruce Rowell, the chief officer.\n\n\"He was a loving, caring physician to all of us,\" he said.",
			[]string{"Bruce Rowell|after|pronoun"}},
		{"asked by the host", `Asked by the host, Jane Roe, about the vote, John Doe said: "We have the numbers and we will win."`,
			[]string{"John Doe|before|name"}},
		{"role for a name", "Rep. Mike Rogers backed the plan.\n\n\"Congress will rise to its responsibilities on this,\" the Michigan Republican said.",
			[]string{"Mike Rogers|after|role-name"}},
		{"role with its title", "President Barack Obama spoke to John Kerry.\n\n\"The world set a red line on this,\" the president said.",
			[]string{"Barack Obama|after|role-name"}},
		{"role without a title match", "John Kerry spoke on Monday.\n\n\"The world set a red line on this,\" the president said.",
			[]string{"president|after|role"}},
		{"paragraph after reported speech", "Charles Lister says that the arms quickly wound up in the wrong hands.\n\n\"The conflict is so interdependent that no one can control where the weapons go.\"",
			[]string{"Charles Lister|paragraph|continuation"}},
		{"paragraph after reported speech, someone else named", "Charles Lister says that the arms quickly wound up in the wrong hands. John Doe disagrees.\n\n\"The conflict is so interdependent that no one can control where the weapons go.\"",
			[]string{"||"}},
		{"paragraph after a colon", "Ralf Trapp, a consultant, says moving the material has been discussed. However, he adds:\n\n\"It's a big, big logistical operation, and not an easy job.\"",
			[]string{"Ralf Trapp|colon|pronoun"}},
		{"short continuation", `"This deal offers an opportunity to move in a new direction," Obama said. "We should seize it."`,
			[]string{"Obama|after|name", "Obama|continuation|continuation"}},
		{"not a speaker: a program title", `"We need more intelligence," she told John Doe on "State of the Union."`,
			[]string{"|after|", "scare"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, q := range findQuotes(tc.text) {
				switch q.Kind {
				case QuoteDirect:
					got = append(got, fmt.Sprintf("%s|%s|%s", q.Speaker, q.Cue, q.Reason))
				case QuoteScare:
					got = append(got, "scare")
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBylineNotASource: "… - writes James Wilson." signs the article
// (issue 21); "Trenin wrote on Twitter" still reports speech.
func TestBylineNotASource(t *testing.T) {
	for _, q := range findQuotes("The region is influenced by two superpowers - writes James Wilson.\n\nBy Jane Roe\n\nDmitry Trenin wrote that the talks had failed.") {
		if q.Speaker == "James Wilson" || q.Speaker == "Jane Roe" {
			t.Errorf("byline taken for a source: %+v", q)
		}
	}
	qs := findQuotes("Dmitry Trenin wrote that the talks had failed.")
	if len(qs) != 1 || qs[0].Speaker != "Dmitry Trenin" {
		t.Errorf("reported speech lost: %+v", qs)
	}
}
