package report

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"parallax/analysis/clean"
	"parallax/analysis/corpus"
	"parallax/analysis/kwic"
	"parallax/analysis/termstats"
)

// SmallGroup is the document count below which a group is flagged "small" in
// every table: its figures rest on too few articles to generalise.
const SmallGroup = 5

// CorpusSection summarises the corpus per group: what was read (load), what
// the measures count (groups, and the number of distinct terms), what
// cleaning removed, and which groups are small.
func CorpusSection(load *corpus.LoadReport, groups []termstats.GroupSummary, distinctTerms int, cleaning clean.Summary) Section {
	t := &Table{
		Name:    "corpus",
		Title:   "Corpus",
		Columns: []string{"group", "docs", "sentences", "words", "terms", "types", "first_date", "last_date", "undated", "flag"},
	}
	var docs int
	var sents, words, terms int64
	for _, g := range groups {
		t.Rows = append(t.Rows, []Value{
			Str(g.Group), Int(int64(g.Docs)), Int(g.Sentences), Int(g.Words), Int(g.Terms), Int(int64(g.Types)),
			Str(g.MinDate), Str(g.MaxDate), Int(int64(g.Undated)), Str(smallFlag(g.Docs)),
		})
		docs += g.Docs
		sents += g.Sentences
		words += g.Words
		terms += g.Terms
	}
	t.Notes = append(t.Notes, fmt.Sprintf("%s, %s, %s, %s, %s (%d distinct).",
		Plural(len(groups), "group"), Plural(docs, "document"), Plural(int(sents), "sentence"), Plural(int(words), "word"),
		Plural(int(terms), "counted term"), distinctTerms))
	t.Notes = append(t.Notes, "words: word and number tokens; terms: words left after stop words (the denominator of per_1k); types: distinct terms; first_date, last_date: the earliest and latest date as text (ISO 8601 sorts by time); undated: documents without a date.")
	if load != nil {
		l := load
		line := fmt.Sprintf("Read %s: %d loaded, %d skipped", Plural(l.Read, "record"), l.Loaded, len(l.Skipped))
		if by := l.SkippedByReason(); len(by) > 0 {
			var parts []string
			for _, rc := range by {
				parts = append(parts, fmt.Sprintf("%s %d", rc.Reason, rc.N))
			}
			line += " (" + strings.Join(parts, ", ") + ")"
		}
		line += "."
		if len(l.Warnings) > 0 {
			line += fmt.Sprintf(" %s (parallax corpus lists them).", Plural(len(l.Warnings), "warning"))
		}
		if l.Repaired > 0 {
			line += " " + Plural(l.Repaired, "document") + " had invalid UTF-8, repaired with U+FFFD."
		}
		t.Notes = append(t.Notes, line, DateSourcesNote(l.Dates))
		t.Notes = append(t.Notes, selectionNotes(l)...)
	}
	if c := cleaning; c.Enabled {
		var parts []string
		for _, r := range slices.Sorted(maps.Keys(c.ByRule)) {
			parts = append(parts, fmt.Sprintf("%s %d", r, c.ByRule[r]))
		}
		line := fmt.Sprintf("Cleaning removed %s", Plural(int(c.Removed), "line"))
		if len(parts) > 0 {
			line += " (" + strings.Join(parts, ", ") + ")"
		}
		line += "; `parallax clean` lists them."
		if !c.RepeatedRule {
			line += " The repeated-line rule did not run (standard input cannot be read twice, or it was disabled)."
		}
		t.Notes = append(t.Notes, line)
	} else {
		t.Notes = append(t.Notes, "Cleaning was off (--no-clean).")
	}
	if hasSmall(groups) {
		t.Notes = append(t.Notes, fmt.Sprintf("flag small: fewer than %d documents; figures for such a group describe these articles, not the outlet.", SmallGroup))
	}
	return Section{Display: t}
}

// Plural writes a count with its noun: "1 document", "2 documents".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	for _, end := range []string{"s", "x", "ch", "sh"} {
		if strings.HasSuffix(noun, end) {
			return fmt.Sprintf("%d %ses", n, noun)
		}
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func smallFlag(docs int) string {
	if docs < SmallGroup {
		return "small"
	}
	return ""
}

func hasSmall(gs []termstats.GroupSummary) bool {
	for _, g := range gs {
		if g.Docs < SmallGroup {
			return true
		}
	}
	return false
}

// TermsOptions configure the distinctive-terms section: the terms computed
// (DistinctiveOptions) and how they are shown.
type TermsOptions struct {
	termstats.DistinctiveOptions
	// Compact makes the display one row per group with its top terms, as
	// compare shows it; the tidy table is the same either way.
	Compact bool
	// Only builds just one of the two tables when the output needs only
	// one (text and Markdown show the display, CSV and JSON write the tidy
	// table): with --top 0 a table holds a row per group and term.
	Only Form
}

// Form names the two tables of a section.
type Form uint8

const (
	BothForms   Form = iota // display and tidy
	DisplayForm             // only the display (text, Markdown)
	TidyForm                // only the tidy table (CSV, JSON)
)

// TermsSection renders distinctive terms: a long tidy table, and for the
// display either the same (one row per term) or, compact, one row per group.
func TermsSection(t *termstats.TermTable, ks []termstats.GroupKeyness, opt TermsOptions) Section {
	tidy := &Table{
		Name:  "terms",
		Title: "Distinctive terms",
		Columns: []string{"group", "term", "count", "per_1k", "docs", "logodds_z", "g2", "chi2", "p", "q", "log_ratio",
			"reference", "ref_count", "ref_per_1k", "tfidf", "single_doc", "significant"},
	}
	display := &Table{Name: "terms", Title: tidy.Title,
		Columns: []string{"group", "term", "count", "per_1k", "ref_per_1k", "docs", "logodds_z", "g2", "q", "log_ratio", "flag"}}
	compact := &Table{Name: "terms", Title: tidy.Title, Columns: []string{"group", "docs", "distinctive terms, strongest first"}}
	// CSV and JSON write the tidy table only (Only is TidyForm): the
	// display, which with --top 0 would hold every row, is then not built.
	for _, gk := range ks {
		if opt.Only == TidyForm {
			break
		}
		g := gk.Group
		var words []string
		for k := range termstats.ListedTerms(gk, opt.DistinctiveOptions) {
			if opt.Compact {
				words = append(words, compactTerm(k, opt))
				continue
			}
			flag := termFlag(k, opt, t.Docs[g])
			display.Rows = append(display.Rows, []Value{
				Str(t.Groups[g]), Str(k.Term), Int(k.Count), Float(k.Per1k, 2), Float(k.RefPer1k, 2), Int(k.Docs), Float(k.LogOddsZ, 2),
				Float(k.G2, 2), Prob(k.Q), Float(k.LogRatio, 2), Str(flag),
			})
		}
		if opt.Compact {
			compact.Rows = append(compact.Rows, []Value{Str(t.Groups[g]), Int(int64(t.Docs[g])), Str(compactCell(gk, words, opt))})
		}
	}
	switch opt.Only {
	case TidyForm:
		// Written straight to CSV or JSON: with --top 0 the tidy table has
		// a row per group and tested term, so it is never held whole.
		tidy.RowSeq = tidyTermRows(t, ks, opt)
	case BothForms:
		tidy.Rows = [][]Value{}
		for row := range tidyTermRows(t, ks, opt) {
			tidy.Rows = append(tidy.Rows, append([]Value(nil), row...))
		}
	}
	notes := append(termsNotes(t, ks, opt), significanceNotes(t, ks, opt)...)
	tidy.Notes, display.Notes = notes, notes
	if opt.Compact {
		compact.Notes = notes
		if len(notes) >= 2 { // notes[1] explains columns the compact view does not show
			compact.Notes = append([]string{notes[0]}, notes[2:]...)
			compact.Notes = append(compact.Notes, "term (count, z): the term's count in the group and its log-odds z. Each term's per_1k, G², q and log ratio: parallax terms (or the terms table of --format csv/json).")
		}
		return formSection(compact, tidy, opt.Only)
	}
	return formSection(display, tidy, opt.Only)
}

// tidyTermRows yields the tidy rows of distinctive terms, reusing one row.
func tidyTermRows(t *termstats.TermTable, ks []termstats.GroupKeyness, opt TermsOptions) iter.Seq[[]Value] {
	return func(yield func([]Value) bool) {
		row := make([]Value, 17)
		for _, gk := range ks {
			g := gk.Group
			for k := range termstats.ListedTerms(gk, opt.DistinctiveOptions) {
				tfidf := 0.0
				if t.Tokens[g] > 0 {
					tfidf = float64(k.Count) / float64(t.Tokens[g]) * termstats.IDF(t.CorpusDF[k.ID], int64(t.TotalDocs), opt.IDF)
				}
				row[0], row[1], row[2], row[3] = Str(t.Groups[g]), Str(k.Term), Int(k.Count), Float(k.Per1k, 2)
				row[4], row[5], row[6], row[7] = Int(k.Docs), Float(k.LogOddsZ, 2), Float(k.G2, 2), Float(k.Chi2, 2)
				row[8], row[9], row[10], row[11] = Prob(k.P), Prob(k.Q), Float(k.LogRatio, 2), Str(gk.Reference)
				row[12], row[13], row[14], row[15] = Int(k.RefCount), Float(k.RefPer1k, 2), Float(tfidf, 6), Str(strconv.FormatBool(k.SingleDoc))
				row[16] = Str(strconv.FormatBool(opt.Passes(k)))
				if !yield(row) {
					return
				}
			}
		}
	}
}

// formSection pairs the tables that were built: with one form only, that
// table serves both roles.
func formSection(display, tidy *Table, only Form) Section {
	switch only {
	case DisplayForm:
		return Section{Display: display}
	case TidyForm:
		return Section{Display: tidy, Tidy: tidy}
	}
	return Section{Display: display, Tidy: tidy}
}

func termsNotes(t *termstats.TermTable, ks []termstats.GroupKeyness, opt TermsOptions) []string {
	if len(t.Groups) < 2 {
		return []string{"One group only: distinctive terms need at least two groups to compare (n/a)."}
	}
	ref := "all other groups together"
	if opt.Vs != "" {
		ref = fmt.Sprintf("%q", opt.Vs)
	}
	scale := "s = N (α_w = corpus count of w)"
	if opt.Keyness.PriorScale > 0 {
		scale = fmt.Sprintf("s = %g", opt.Keyness.PriorScale)
	}
	notes := []string{
		fmt.Sprintf("Each group against %s. Ranked by log-odds z with an informative Dirichlet prior (Monroe et al. 2008; %s); terms with count ≥ %d in group + reference; z > 1.96 ≈ p < 0.05 for one term.", ref, scale, opt.Keyness.MinCount),
		"per_1k, ref_per_1k: per 1,000 counted terms in the group and in its reference; g2: signed log-likelihood G²; q: Benjamini–Hochberg adjusted p of G² across the terms tested for that group; log_ratio: log2 of the ratio of relative frequencies, n/a when the term is absent from one side. Definitions: docs/measures.md.",
	}
	switch {
	case opt.Top > 0:
		notes = append(notes, fmt.Sprintf("Top %d per group with z > 0; terms used by fewer than %d documents of a group (all of them, if it has fewer) are not ranked (--min-docs-term; --top 0 lists every tested term the group uses).", opt.Top, opt.MinDocsTerm()))
	case opt.Zeros:
		notes = append(notes, "Every tested term of each group, flagged ones included, and those the group never uses (count 0).")
	default:
		notes = append(notes, "Every tested term each group uses (count > 0), flagged ones included. The tested terms a group never uses count in its q but are not listed: parallax terms --top 0 --zeros lists them.")
	}
	for _, gk := range ks {
		if gk.NA != "" {
			notes = append(notes, gk.NA)
		}
	}
	for _, gk := range ks {
		if t.Docs[gk.Group] < 2 {
			notes = append(notes, "Groups with one document cannot show whether a term is the outlet's habit or that article's topic.")
			break
		}
	}
	return notes
}

// SimilaritySection renders a group similarity matrix: displayed as a matrix
// in clustering order, tidy as one row per ordered pair.
func SimilaritySection(s *termstats.SimMatrix) Section {
	order := termstats.ClusterOrder(s)
	display := &Table{Name: "similarity", Title: fmt.Sprintf("Similarity between groups (%s)", s.Measure)}
	display.Columns = append(display.Columns, "group")
	for _, j := range order {
		display.Columns = append(display.Columns, s.Labels[j])
	}
	display.RowSeq = rowsOf(len(order), func(k int) []Value {
		i := order[k]
		row := []Value{Str(s.Labels[i])}
		for _, j := range order {
			row = append(row, simValue(s, i, j))
		}
		return row
	})
	tidy := &Table{Name: "similarity", Title: display.Title, Columns: []string{"group_a", "group_b", "measure", "value"}}
	idx := make([]int, len(s.Labels))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return s.Labels[idx[a]] < s.Labels[idx[b]] })
	n := len(idx)
	tidy.RowSeq = rowsOf(n*n, func(k int) []Value {
		i, j := idx[k/n], idx[k%n]
		return []Value{Str(s.Labels[i]), Str(s.Labels[j]), Str(string(s.Measure)), simValue(s, i, j)}
	})
	notes := []string{simNote(s.Measure), "Rows and columns in the order of average-linkage clustering on 1 − similarity (docs/similarity.md)."}
	if pairs := closestPairs(s, 5); pairs != "" {
		notes = append(notes, "Most similar pairs: "+pairs+".")
	}
	if len(s.Labels) < 2 {
		notes = append(notes, "One group only: there is no other group to compare with (n/a).")
	}
	for i, ok := range s.Valid {
		if !ok {
			notes = append(notes, fmt.Sprintf("%q has no counted terms: its similarities are n/a.", s.Labels[i]))
		}
	}
	display.Notes, tidy.Notes = notes, notes
	return Section{Display: display, Tidy: tidy}
}

// closestPairs lists the n most similar pairs of distinct, valid groups,
// highest first, ties by the groups' names.
func closestPairs(s *termstats.SimMatrix, n int) string {
	type pair struct {
		a, b string
		v    float64
	}
	var ps []pair
	for i := range s.Labels {
		for j := i + 1; j < len(s.Labels); j++ {
			if v, ok := s.At(i, j); ok {
				a, b := s.Labels[i], s.Labels[j]
				if b < a {
					a, b = b, a
				}
				ps = append(ps, pair{a, b, v})
			}
		}
	}
	sort.Slice(ps, func(x, y int) bool {
		if ps[x].v != ps[y].v {
			return ps[x].v > ps[y].v
		}
		if ps[x].a != ps[y].a {
			return ps[x].a < ps[y].a
		}
		return ps[x].b < ps[y].b
	})
	var out []string
	for _, p := range ps[:min(n, len(ps))] {
		out = append(out, fmt.Sprintf("%s – %s %.3f", p.a, p.b, p.v))
	}
	return strings.Join(out, "; ")
}

func simValue(s *termstats.SimMatrix, i, j int) Value {
	v, ok := s.At(i, j)
	if !ok {
		return NA()
	}
	return Float(v, 3)
}

func simNote(m termstats.SimMeasure) string {
	switch m {
	case "cosine-freq":
		return "cosine-freq: cosine of the groups' relative term frequencies; 1 = same proportions."
	case "jsd":
		return "jsd: 1 − Jensen–Shannon divergence (base 2) of the groups' term distributions; 1 = identical, 0 = no term shared."
	default:
		return "cosine-tfidf: cosine of tf-idf vectors (tf = relative frequency in the group, idf over documents); 1 = same weighted vocabulary."
	}
}

// NeighborsSection lists each document's nearest documents.
func NeighborsSection(dv *termstats.DocVectors, nn [][]termstats.Neighbor, m termstats.SimMeasure) Section {
	t := &Table{Name: "neighbors", Title: fmt.Sprintf("Nearest documents (%s)", m),
		Columns: []string{"group", "doc", "rank", "neighbor_group", "neighbor_doc", "measure", "value"}}
	for d, list := range nn {
		for r, n := range list {
			t.Rows = append(t.Rows, []Value{Str(dv.Groups[d]), Str(dv.IDs[d]), Int(int64(r + 1)),
				Str(dv.Groups[n.Doc]), Str(dv.IDs[n.Doc]), Str(string(m)), Float(n.Sim, 3)})
		}
	}
	t.Notes = []string{simNote(m), "Documents sharing no counted term with any other have no neighbours listed."}
	return Section{Display: t}
}

// KWICSection lists keyword-in-context hits per group, as kept by a KWIC
// with Max perGroup (0: all), with every group's count of matches in the notes.
func KWICSection(hits []kwic.Hit, counts map[string]int, pattern string, perGroup int) Section {
	t := &Table{Name: "kwic", Title: fmt.Sprintf("Keyword in context: %q", pattern),
		Columns: []string{"group", "doc", "sentence", "left", "match", "right", "voice", "speaker", "hits"},
		// The contexts are what a reader reads: they wrap, never cut.
		Cut: map[string]Cut{"left": CutWrap, "right": CutWrap, "doc": CutNever, "match": CutNever}}
	tidy := &Table{Name: "kwic", Title: t.Title,
		Columns: []string{"group", "doc", "sentence", "left", "match", "right", "voice", "speaker", "hits", "title", "date", "url"}}
	total := 0
	for _, n := range counts {
		total += n
	}
	for _, h := range hits {
		row := []Value{Str(h.Group), Str(h.DocID), Int(int64(h.Sentence)), Str(h.Left), Str(h.Match), Str(h.Right), Str(h.Voice), Str(h.Speaker), Str(h.Hits)}
		t.Rows = append(t.Rows, row)
		tidy.Rows = append(tidy.Rows, append(row[:len(row):len(row)], Str(h.Title), Str(h.Date), Str(h.URL)))
	}
	var parts []string
	for _, g := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%s %d", g, counts[g]))
	}
	if total == 0 {
		t.Notes = append(t.Notes, "No match.")
	} else {
		t.Notes = append(t.Notes, fmt.Sprintf("%s: %s.", Plural(total, "match"), strings.Join(parts, ", ")))
	}
	if perGroup > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("At most %d shown per group (--max 0 shows all).", perGroup))
	}
	t.Notes = append(t.Notes, "voice: own (the outlet's words), quoted (inside a direct quote) or scare (inside a scare quote); speaker: of the quote, or of the sentence's reported speech (docs/framing.md); hits: labels, frames and actors of the lexicons in the match's sentence.")
	tidy.Notes = t.Notes
	return Section{Display: t, Tidy: tidy}
}

// FrequencySection lists, per group, its terms ranked by count or by tf-idf
// (rank "count" or "tfidf"), at most top each (0: all) among those with a
// count of at least minCount: the plain frequency view, next to keyness.
func FrequencySection(t *termstats.TermTable, rank string, top int, minCount int64, v termstats.IDFVariant) (Section, error) {
	tab := &Table{Name: "frequencies", Title: "Term frequencies (ranked by " + rank + ")",
		Columns: []string{"group", "rank", "term", "count", "per_1k", "docs", "tf", "tfidf"}}
	for g, name := range t.Groups {
		fs, err := termstats.Frequencies(t, g, minCount, v)
		if err != nil {
			return Section{}, err
		}
		if rank == "tfidf" {
			slices.SortStableFunc(fs, func(x, y termstats.TermFreq) int { return cmp.Compare(y.TFIDF, x.TFIDF) })
		}
		if top > 0 && len(fs) > top {
			fs = fs[:top]
		}
		for i, f := range fs {
			tab.Rows = append(tab.Rows, []Value{Str(name), Int(int64(i + 1)), Str(f.Term), Int(f.Count), Float(f.Per1k, 2),
				Int(f.Docs), Float(f.TF, 6), Float(f.TFIDF, 6)})
		}
	}
	tab.Notes = []string{
		fmt.Sprintf("Ranked by %s within each group (ties by term); terms with count ≥ %d.", rank, minCount),
		fmt.Sprintf("per_1k: per 1,000 counted terms of the group; docs: the group's documents containing the term; tf: count / counted terms; tfidf: tf · idf, idf %q over the %s of the corpus (docs/measures.md).", v, Plural(t.TotalDocs, "document")),
		"Frequent is not distinctive: a word every outlet uses ranks high here; parallax terms (log-odds) shows what sets a group apart.",
	}
	return Section{Display: tab}, nil
}
