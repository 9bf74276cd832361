package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"parallax/lexicons"
)

// LabelContextNote says which referents of a labels lexicon count only the
// hits whose sentence is about them (lexicons.LabelContext), and how many
// hits did not: "unresolved", listed with their passages by parallax
// labels --passages N (voice unresolved).
func LabelContextNote(lx *lexicons.Lexicon, unresolved int64) string {
	var refs []string
	for _, ref := range slices.Sorted(maps.Keys(lx.Context)) {
		c := lx.Context[ref]
		var parts []string
		if len(c.Dates) > 0 {
			var ds []string
			for _, d := range c.Dates {
				ds = append(ds, d.String())
			}
			parts = append(parts, "dates "+strings.Join(ds, ", "))
		}
		if len(c.Cues) > 0 {
			parts = append(parts, Plural(len(c.Cues), "cue"))
		}
		refs = append(refs, fmt.Sprintf("%s (%s)", ref, strings.Join(parts, "; ")))
	}
	return fmt.Sprintf("Labels tied to their referent: a hit of %s counts only when its sentence holds a cue of the referent, names a year within its dates, or names no year and the page's date is within them (docs/lexicons.md, context); %s did not: unresolved (the passages with voice unresolved). A label of any other referent counts wherever its pattern occurs.",
		strings.Join(refs, ", "), Plural(int(unresolved), "hit"))
}
