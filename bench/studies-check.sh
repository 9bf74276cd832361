#!/usr/bin/env bash
# Checks that the outputs docs/studies.md shows are still verbatim: runs the
# page's commands on the full AllSides corpus and diffs each output block of
# the page against what the command prints now.
#
#   bash bench/studies-check.sh                     # CORPUS=/work/data/full.jsonl, parallax built from this checkout
#   CORPUS=full.jsonl PARALLAX=./parallax bash bench/studies-check.sh
#   bash bench/studies-check.sh --update            # rewrite the page's output blocks with the new outputs
#
# Not part of CI: CI has no full corpus (it is not in the repository). When
# CORPUS is not set and the default path does not exist, the script says it
# skipped and exits 0; a CORPUS that is set but missing is an error (exit 2).
#
# The commands are read from the page itself, not listed here: every fenced
# block whose first line starts with `/usr/bin/time` is a command (its lines
# ending in `\` continue it). Its expected output is the rest of that block
# when the block has more lines (step 1, a pipeline through grep), else the
# next fenced block. The `/usr/bin/time` part is dropped; what is left must
# start with `parallax `, which runs PARALLAX. Each command runs in a temporary
# folder where `full.jsonl` is a link to CORPUS, so the outputs (a warning
# names the file) do not depend on where the corpus lives. The provenance
# header (the `parallax 0.1.0 · …` line and its `options:` lines, up to the
# first empty line) is stripped from standard output, as the page says;
# standard error is not compared.
#
# Exit status: 0 when every block matches (or the corpus is missing), 1 when
# any differs (a unified diff per block is printed), 2 when the page cannot be
# parsed or a command fails.
set -euo pipefail
# Paths given by the caller are relative to the caller's folder: make
# them absolute before moving to the repository's root.
abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
corpus_set=${CORPUS+set}
corpus=$(abspath "${CORPUS:-/work/data/full.jsonl}")
if [ -n "${PAGE:-}" ]; then PAGE=$(abspath "$PAGE"); fi
case "${PARALLAX:-}" in
"") ;;
*/*) PARALLAX=$(abspath "$PARALLAX") ;;                           # a path
*) PARALLAX=$(command -v "$PARALLAX" || abspath "$PARALLAX") ;; # a command on PATH
esac
cd "$(dirname "$0")/.."
page=${PAGE:-docs/studies.md}
update=false
case "${1:-}" in
--update) update=true ;;
"") ;;
*) echo "usage: bash bench/studies-check.sh [--update]  (env: CORPUS, PARALLAX, PAGE)" >&2; exit 2 ;;
esac

if [ ! -f "$corpus" ]; then
	if [ -n "$corpus_set" ]; then
		echo "studies-check: CORPUS=$corpus: no such file" >&2
		exit 2
	fi
	echo "studies-check: skipped: no corpus at $corpus (set CORPUS=path/to/full.jsonl)"
	exit 0
fi
[ -f "$page" ] || { echo "studies-check: no page at $page (PAGE)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/run" "$tmp/blocks"

parallax=${PARALLAX:-}
if [ -z "$parallax" ]; then
	go build -o "$tmp/bin/parallax" ./cmd/parallax
else
	[ -x "$parallax" ] || { echo "studies-check: PARALLAX=$parallax is not an executable file" >&2; exit 2; }
	ln -s "$(cd "$(dirname "$parallax")" && pwd)/$(basename "$parallax")" "$tmp/bin/parallax"
fi
ln -s "$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")" "$tmp/run/full.jsonl"

# The page's blocks, one state machine for reading and for rewriting: it
# writes N.cmd and N.want for the Nth command; with out= set it prints the
# page with each expected block replaced by the file out/N.out.
# shellcheck disable=SC2016
blocks_awk='
function flush_want() { if (wantfile != "") close(wantfile); wantfile = "" }
function emit_out(   line) {
	while ((getline line < (out "/" n ".out")) > 0) print line
	close(out "/" n ".out")
}
/^```/ {
	if (!infence) {
		infence = 1; first = 1
		if (pending) { role = "want"; wantfile = dir "/" n ".want"; printf "" > wantfile; pending = 0 }
		else role = ""
		if (out != "") print
		next
	}
	infence = 0
	if (role == "cmd" && !hasinline) pending = 1
	if (role == "want" || role == "inline") { if (out != "") emit_out(); flush_want() }
	role = ""
	if (out != "") print
	next
}
infence && first {
	first = 0
	if ($0 ~ /^\/usr\/bin\/time /) {
		n++; role = "cmd"; cont = 1; hasinline = 0
		c = $0
		sub(/^\/usr\/bin\/time( -f "[^"]*")? /, "", c)
		print c > (dir "/" n ".cmd")
		cont = ($0 ~ /\\$/)
		if (out != "") print
		next
	}
}
infence && role == "cmd" {
	if (cont) {
		print > (dir "/" n ".cmd"); cont = ($0 ~ /\\$/)
		if (out != "") print
		next
	}
	close(dir "/" n ".cmd")
	role = "inline"; hasinline = 1; wantfile = dir "/" n ".want"; printf "" > wantfile
}
infence && (role == "want" || role == "inline") {
	print > wantfile
	next
}
out != "" { print }
END {
	if (infence) { print "unclosed fenced block in the page" > "/dev/stderr"; exit 2 }
	if (pending) { print "command " n " has no output block after it" > "/dev/stderr"; exit 2 }
	print n > (dir "/count")
}'
awk -v dir="$tmp/blocks" -v out="" "$blocks_awk" "$page"
count=$(cat "$tmp/blocks/count")
[ "$count" -gt 0 ] || { echo "studies-check: no /usr/bin/time command in $page" >&2; exit 2; }

status=0
for ((i = 1; i <= count; i++)); do
	cmd=$(cat "$tmp/blocks/$i.cmd")
	case "$cmd" in
	"parallax "*) ;;
	*) echo "studies-check: command $i of $page does not start with 'parallax ': $cmd" >&2; exit 2 ;;
	esac
	rc=0
	(cd "$tmp/run" && PATH="$tmp/bin:$PATH" bash -o pipefail -c "$cmd") \
		> "$tmp/blocks/$i.raw" 2> "$tmp/blocks/$i.err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "studies-check: command $i failed (exit $rc; a pipeline fails when its grep finds nothing): $cmd" >&2
		cat "$tmp/blocks/$i.err" >&2
		exit 2
	fi
	# Drop the provenance header: from a first line `parallax …` to the first empty line.
	awk 'NR == 1 && /^parallax / { skip = 1 } skip { if ($0 == "") skip = 0; next } { print }' \
		"$tmp/blocks/$i.raw" > "$tmp/blocks/$i.out"
	label=$(sed 's/\\$//' "$tmp/blocks/$i.cmd" | tr -s ' \n' '  ' | sed 's/ $//')
	if cmp -s "$tmp/blocks/$i.want" "$tmp/blocks/$i.out"; then
		echo "SAME    $label"
	else
		echo "DIFFERS $label"
		diff -u --label "$page (block of command $i)" --label "output now" \
			"$tmp/blocks/$i.want" "$tmp/blocks/$i.out" || true
		status=1
	fi
done

if $update && [ "$status" -ne 0 ]; then
	mkdir "$tmp/again"
	awk -v dir="$tmp/again" -v out="$tmp/blocks" "$blocks_awk" "$page" > "$tmp/page.md"
	cp "$tmp/page.md" "$page"
	echo "studies-check: wrote the new outputs into $page; read the prose around them"
	status=0
fi
exit $status
