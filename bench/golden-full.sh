#!/usr/bin/env bash
# Diffs this checkout's parallax against an earlier build on the full AllSides
# corpus (the samples are pinned by TestGolden in cmd/parallax; the full
# corpus is too large to keep its outputs in the repository).
#
#   bash bench/golden-full.sh OLD_BINARY            # e.g. a build of the last release
#   REV=e1fd1d5 bash bench/golden-full.sh           # builds OLD_BINARY from that commit
#   CORPUS=file.jsonl bash bench/golden-full.sh OLD # another corpus
#
# Each command runs with both binaries; their outputs are compared byte for
# byte after the provenance's build revision is taken out. It prints one line
# per command, IDENTICAL or DIFFERS (with the first differing lines), and
# exits 1 if any differs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/golden-full
mkdir -p "$out"
old=${1:-}
if [ -z "$old" ]; then
	[ -n "${REV:-}" ] || { echo "usage: bench/golden-full.sh OLD_BINARY (or REV=commit)" >&2; exit 2; }
	tree=$(mktemp -d)
	git worktree add -q --detach "$tree" "$REV"
	(cd "$tree" && go build -o "$OLDPWD/$out/parallax-old" ./cmd/parallax)
	git worktree remove --force "$tree"
	old=$out/parallax-old
fi
go build -o "$out/parallax-new" ./cmd/parallax
corpus=${CORPUS:-bench/out/allsides-full.jsonl}
if [ ! -s "$corpus" ]; then
	command -v xz > /dev/null || apt-get install -y xz-utils > /dev/null
	xz -dc ../shared/corpus/allsides-full/articles.jsonl.xz > "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
fi
# name|arguments after the corpus
runs=(
	"terms.csv|terms --group outlet --format csv"
	"terms-ngrams.csv|terms --group topic --format csv --ngrams 2 --stem"
	"similarity.csv|similarity --group outlet --format csv --measure cosine-tfidf,jsd"
	"compare.json|compare --group outlet --format json"
)
status=0
for r in "${runs[@]}"; do
	name=${r%%|*}
	read -r -a args <<< "${r#*|}"
	for which in old new; do
		bin=$old
		[ "$which" = old ] || bin=$out/parallax-new
		"$bin" "${args[@]}" "$corpus" 2> "$out/$which-$name.err" |
			sed -E 's/ build=[^ *]+//; /^ *"build": /d' > "$out/$which-$name"
	done
	if cmp -s "$out/old-$name" "$out/new-$name"; then
		echo "IDENTICAL $name ($(wc -c < "$out/new-$name") bytes)"
	else
		echo "DIFFERS   $name"
		diff "$out/old-$name" "$out/new-$name" | head -10
		status=1
	fi
done
exit $status
