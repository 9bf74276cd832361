#!/usr/bin/env bash
# Measures parallax on real text: the stage benchmarks (go test -bench) on the
# AllSides sample, then the built command on the sample and on replicated
# copies of it, with wall time, MB/s of article text and peak RSS.
#
#   bash bench/run.sh            # copies ×10 and ×40 (≈ 51 MB and 203 MB of text)
#   COPIES="10" bash bench/run.sh
#
# Figures from this machine are in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

echo "== stage benchmarks (AllSides sample, 859 articles)"
go test -run '^$' -bench 'BenchmarkTermsPipeline|BenchmarkRun$|BenchmarkDistinctiveTerms|BenchmarkSentences|BenchmarkTokenize|BenchmarkCleanAllSides|BenchmarkLoadAllSides' \
	-benchtime 10x -benchmem ./analysis | grep -E '^Benchmark'

go build -o "$out/parallax" ./cmd/parallax
sample=testdata/allsides-middle-east/articles.jsonl.gz

# run LABEL TEXTBYTES ARGS...: time one command, print wall, MB/s and peak RSS.
run() {
	local label=$1 bytes=$2
	shift 2
	/usr/bin/time -f '%e %M' -o "$out/time.txt" "$out/parallax" "$@" > /dev/null
	read -r wall rss < "$out/time.txt"
	awk -v l="$label" -v b="$bytes" -v w="$wall" -v r="$rss" \
		'BEGIN { printf "%-34s %8.1f MB text %7.2f s %8.1f MB/s %8.0f MB peak RSS\n", l, b/1e6, w, b/1e6/w, r/1024 }'
}


echo "== the command"
base=$(go run ./bench/textbytes "$sample")
run "terms, sample" "$base" terms "$sample"
run "compare, sample" "$base" compare "$sample"
for n in ${COPIES:-10 40}; do
	f="$out/allsides-x$n.jsonl"
	[ -f "$f" ] || go run ./bench/replicate -n "$n" "$sample" > "$f"
	run "terms, sample ×$n" "$((base * n))" terms "$f" --keep-duplicates --clean-off repeated-line
	run "compare, sample ×$n" "$((base * n))" compare "$f" --keep-duplicates --clean-off repeated-line
done
