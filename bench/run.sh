#!/usr/bin/env bash
# Measures parallax on real text: the stage benchmarks (go test -bench) on the
# AllSides sample, then the built command on the sample and on replicated
# copies of it, with wall time, MB/s of article text and peak RSS; then, at
# about 225 MB and 2.2 GB of JSON Lines, parallax beside the programs a user
# would pick instead (scikit-learn, NLTK's VADER) on the same file.
#
#   bash bench/run.sh                       # everything (the 2.2 GB part takes about an hour)
#   COPIES="10" SIZES=225e6 bash bench/run.sh
#   STAGES=0 COPIES= SIZES=225e6 bash bench/run.sh     # only the 225 MB comparison
#   VADER_PREFIX=225e6 bash bench/run.sh    # NLTK VADER timed on the first 225 MB, extrapolated
#   PEERS=0 bash bench/run.sh               # parallax only
#   PARALLAX_MEMCAP_MB=6144 bash bench/run.sh   # stop a parallax run at 6 GiB of address space
#
# The machine is shared and has 2 cores: wall times vary with the load, so
# the tables also give CPU seconds (user + system).
#
# Figures from this machine are in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
[ -x /usr/bin/time ] || $sudo apt-get install -y time > /dev/null

if [ "${STAGES:-1}" != 0 ]; then
	echo "== stage benchmarks (AllSides sample, 859 articles)"
	go test -run '^$' -bench 'BenchmarkTermsPipeline|BenchmarkRun$|BenchmarkDistinctiveTerms|BenchmarkSentences|BenchmarkTokenize|BenchmarkCleanAllSides|BenchmarkLoadAllSides' \
		-benchtime 10x -benchmem ./analysis | grep -E '^Benchmark'
fi

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
for n in ${COPIES-10 40}; do
	f="$out/allsides-x$n.jsonl"
	[ -f "$f" ] || go run ./bench/replicate -n "$n" "$sample" > "$f"
	run "terms, sample ×$n" "$((base * n))" terms "$f" --keep-duplicates --clean-off repeated-line
	run "compare, sample ×$n" "$((base * n))" compare "$f" --keep-duplicates --clean-off repeated-line
done

# ---------------------------------------------------------------------------
# At scale, beside the peers a user would pick instead.
#
# SIZES (file sizes, default "225e6 2.2e9"): the AllSides sample replicated
# with fresh ids to about that many bytes of JSON Lines, the dates of copy k
# moved by 7·(k−1) days (bench/replicate -shift-days; docs/performance.md
# says why). Each file is read by
#   parallax terms, parallax compare           --keep-duplicates --clean-off repeated-line
#   scikit-learn: bench/peers/sklearn_terms.py CountVectorizer, TF-IDF per outlet, cosine
#   NLTK VADER:   bench/peers/nltk_vader.py    one polarity_scores call per sentence
# The table compares `terms` with scikit-learn, `compare` with scikit-learn
# plus NLTK VADER (their times added, their peak RSS the larger one).
# VADER_PREFIX=BYTES times NLTK VADER only on the whole lines within the
# first BYTES of a larger file and scales its times linearly to the whole
# file; the row then says "extrapolated". Default: real runs.
sizes=${SIZES-225e6 2.2e9}
if [ -n "$sizes" ]; then
	py=/usr/bin/python3 # Debian's, where python3-sklearn and python3-nltk install
	if [ "${PEERS:-1}" != 0 ] && ! $py -c 'import sklearn, nltk' 2> /dev/null; then
		$sudo apt-get install -y python3-sklearn python3-nltk > /dev/null
	fi
	# NLTK reads the VADER lexicon parallax embeds: nothing is downloaded.
	go run ./bench/vaderlex > "$out/vader_lexicon.txt"
	results=$out/scale.tsv
	: > "$results"
	# measure LABEL BYTES RUN LOG CMD...: run CMD under /usr/bin/time, its
	# output in LOG; append LABEL BYTES RUN wall CPU(user+sys) peak-RSS-MB.
	measure() {
		local label=$1 bytes=$2 name=$3 log=$4
		shift 4
		local note=""
		# parallax may use at most PARALLAX_MEMCAP_MB of address space
		# (default 12 GiB): on a machine without swap, more would call the
		# OOM killer on other people's processes. A run that hits the cap is
		# a row that says so.
		local cap=unlimited
		[[ $name != parallax* ]] || cap=$((${PARALLAX_MEMCAP_MB:-12288} * 1024))
		if ! (ulimit -v $cap && exec /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@") > "$log" 2> "$log.err"; then
			note="FAILED: $(grep -m1 -E 'out of memory|fatal|Error|error' "$log.err" | cut -c1-80)"
			echo "   $name failed: $note" >&2
		fi
		read -r wall user sys rss < <(tail -1 "$out/time.txt")
		awk -v OFS='\t' -v l="$label" -v b="$bytes" -v n="$name" -v w="$wall" -v c="$user $sys" -v r="$rss" -v x="$note" \
			'BEGIN { split(c, t, " "); print l, b, n, w, t[1] + t[2], r / 1024, x }' >> "$results"
		printf '   %-24s %8.1f s wall %8.1f s CPU %7.0f MB peak RSS\n' "$name" "$(cut -f4 <<< "$(tail -1 "$results")")" \
			"$(cut -f5 <<< "$(tail -1 "$results")")" "$(cut -f6 <<< "$(tail -1 "$results")")"
	}
	flags=(--keep-duplicates --clean-off repeated-line)
	for size in $sizes; do
		label=$(awk -v s="$size" 'BEGIN { printf "%dMB", s / 1e6 }')
		f=$out/allsides-$label-s7.jsonl
		[ -s "$f" ] || go run ./bench/replicate -size "$size" -shift-days 7 "$sample" > "$f"
		bytes=$(stat -c %s "$f")
		docs=$(wc -l < "$f")
		echo "== $label: $f, $bytes bytes, $docs articles ($((docs / 859)) copies of the sample)"
		measure "$label" "$bytes" "parallax terms" "$out/terms-$label.txt" "$out/parallax" terms "$f" "${flags[@]}"
		measure "$label" "$bytes" "parallax compare" "$out/compare-$label.md" "$out/parallax" compare "$f" "${flags[@]}" --format markdown
		# Story discovery is the part of compare that compares documents
		# with each other: `parallax events` alone, and its cost as it reports it.
		measure "$label" "$bytes" "parallax events" "$out/events-$label.md" "$out/parallax" events "$f" "${flags[@]}" --format markdown
		grep -hE '^- [0-9]+ stories, ' "$out/events-$label.md" "$out/compare-$label.md" | head -1 | sed 's/^- /   story discovery: /' || true
		[ "${PEERS:-1}" != 0 ] || continue
		measure "$label" "$bytes" "scikit-learn" "$out/sklearn-$label.txt" $py bench/peers/sklearn_terms.py "$f"
		prefix=()
		if [ -n "${VADER_PREFIX:-}" ] && awk -v b="$bytes" -v p="$VADER_PREFIX" 'BEGIN { exit !(b > p) }'; then
			prefix=(--prefix-bytes "$(awk -v p="$VADER_PREFIX" 'BEGIN { printf "%d", p }')")
		fi
		measure "$label" "$bytes" "NLTK VADER" "$out/vader-$label.txt" \
			$py bench/peers/nltk_vader.py "$f" --lexicon "$out/vader_lexicon.txt" "${prefix[@]}"
		sed 's/^/   /' "$out/vader-$label.txt.err"
		if [ ${#prefix[@]} -gt 0 ]; then
			# "vader: … N of M bytes read": scale wall and CPU by M/N, say so.
			read -r got total < <(sed -nE 's/.* ([0-9]+) of ([0-9]+) bytes read.*/\1 \2/p' "$out/vader-$label.txt.err")
			awk -F'\t' -v OFS='\t' -v g="$got" -v t="$total" -v l="$label" \
				'$1 == l && $3 == "NLTK VADER" { $4 *= t / g; $5 *= t / g; $7 = sprintf("EXTRAPOLATED: timed on the first %.0f MB, times ×%.2f", g / 1e6, t / g) } { print }' \
				"$results" > "$results.tmp" && mv "$results.tmp" "$results"
			echo "   NLTK VADER timed on the first $got of $total bytes; its times are extrapolated linearly"
		fi
	done
	echo "== at scale (MB = 10^6 bytes of the JSON Lines file; CPU = user + system seconds)"
	awk -f bench/table.awk "$results"
fi
