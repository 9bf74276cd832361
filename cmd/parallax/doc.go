/*
Parallax shows how news outlets frame the same events: which words each
outlet uses more than the others, how similar the outlets are, which labels
each picks, whom it quotes, and how each covers the same events.

Usage:

	parallax <command> [flags] [CORPUS]

Commands:

	compare     the main job: corpus, distinctive terms, similarity, tone, frames,
	            labels, actors, quotes, events
	report      everything compare computes as one self-contained HTML page, with
	            charts and the passages behind the numbers (-o FILE)
	corpus      what was read: documents, sentences, words per group; skips
	clean       every line cleaning removes, with its rule, and a summary
	terms       distinctive terms per group (log-odds, G², χ², log ratio)
	similarity  similarity between groups (and nearest documents with --docs)
	tone        tone per group: VADER, naive Bayes, valence lexicons, intervals
	lexicon     a lexicon's hits per group, with intervals and --explain
	lexicons    the embedded lexicon packs; lexicons check FILE validates one
	labels      which label each group uses for each referent, by voice
	quotes      direct, indirect and scare quotes with their speakers
	actors      actors per group: rate, tone, labels, frames, quotes by side
	events      stories and events across groups, passages side by side
	kwic        keyword in context: parallax kwic PATTERN [CORPUS]
	version     print the version

CORPUS is a folder (with manifest.csv or manifest.json, or one subfolder per
group), a .jsonl, .json or .csv file (optionally .gz), or - for standard
input. Without CORPUS, parallax runs on its embedded Karabakh sample;
--sample allsides-middle-east selects the other embedded corpus.

Output: --format table (default), markdown, csv, json or latex (booktabs
tables for \input); -o FILE writes a file, -o DIR/ one file per table.

Flags every command takes, and one every command reading a corpus takes:

	--config FILE   read flag values from a YAML file; the command line wins
	--print-config  print the effective flags as YAML for --config, and stop
	--quiet         nothing on standard error but errors (otherwise a long
	                run shows its progress there, on a terminal)

Run 'parallax <command> -h' for a command's flags and an example.
Every number is defined in docs/ (output.md lists every table and column;
config.md the configuration file).

Exit status: 0 on success, 1 on failure, 2 on a usage error.
*/
package main
