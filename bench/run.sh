#!/usr/bin/env bash
# Measures parallax on the full AllSides corpus (37,554 articles from 491
# outlets, 239 MB of JSON Lines; ../shared/corpus/allsides-full), with the
# programs a user would pick instead (scikit-learn, NLTK's VADER) timed in
# the same run on the same file, then on that corpus copied ×10 (2.4 GB).
# It prints the machine, one table (wall s, CPU s, peak RSS per command and
# size) and the four targets of the issue, each "met" or "MISSED":
#   1. parallax terms ≥10× faster (wall) than the scikit-learn pipeline;
#   2. parallax compare ≥20× faster (wall) than scikit-learn + NLTK VADER
#      (the two peers' times added);
#   3. peak RSS ≤1 GiB for every parallax command at 239 MB, and
#      terms --top 0 --format csv within 60 s;
#   4. the corpus ×10: terms and compare in ≤10.5× their time at ×1 (same
#      flags on both sizes), peak RSS ≤1.5 GiB.
# The table and the targets are also written to bench/out/summary.txt.
#
#   bash bench/run.sh                        # everything (about 2 hours on 2 cores)
#   SCALE=0 bash bench/run.sh                # only the 239 MB part (about 1 hour)
#   PEERS=0 bash bench/run.sh                # parallax only (targets 1 and 2 not measured)
#   VADER_PREFIX=50e6 bash bench/run.sh      # NLTK VADER timed on the first 50 MB, extrapolated
#   CORPUS=/tmp/p20.jsonl bash bench/run.sh  # the same bench on another file (to try the script)
#
# Environment (defaults in brackets):
#   CORPUS=FILE       the ×1 corpus: JSON Lines, .jsonl, .jsonl.gz or .jsonl.xz
#                     (.xz is unpacked into bench/out/) [the full AllSides corpus,
#                     unpacked to bench/out/allsides-full.jsonl]
#   PEERS=0           do not run scikit-learn and NLTK VADER [1]
#   VADER_PREFIX=B    time NLTK VADER on the whole lines within the first B bytes
#                     of the ×1 corpus and scale its times linearly to the whole
#                     file; the row says EXTRAPOLATED [unset: the whole file, 5–7 min]
#   SCALE=0           skip the ×COPIES part (target 4 not measured) [1]
#   COPIES=N          copies of the corpus for the scaling part [10]
#   SHIFT_DAYS=D      copy k has its dates moved by (k−1)·D days (bench/replicate) [7]
#   SCALE_PEERS=0     no peers on the ×COPIES corpus [1: scikit-learn timed,
#                     NLTK VADER extrapolated from its ×1 run]
#   SCALE_VADER=1     time NLTK VADER on the ×COPIES corpus too, instead of
#                     extrapolating (about 45 min at ×10) [0]
#   SAMPLE_COPIES="1 10 40"  extra rows, outside the targets: terms and compare on
#                     the 859-article sample replicated that many times [none]
#   ONLY="terms compare top0 …"  run only these ×1 rows (their keys: terms compare
#                     top0 report events tone similarity labels quotes actors
#                     lexicon corpus clean kwic); target 3 then says which ran [all]
#   STAGES=1          first the stage benchmarks (go test -bench) on the sample [0]
#   PARALLAX_MEMCAP_MB=M  address-space cap of each parallax run; a run that hits
#                     it is a FAILED row (no swap here: the OOM killer would hit
#                     other people's processes) [12288]
#
# Every parallax run is `parallax COMMAND FILE --group outlet` plus the flags
# in its row (kwic: `parallax kwic 'immigra*' FILE …`); the outputs (but that
# of terms --top 0, gigabytes of CSV, which goes to /dev/null) and each run's
# standard error stay in bench/out/ (git-ignored). On the 239 MB corpus most
# of the time is parallax tone (pairwise permutation tests between 491
# outlets, about 13 CPU minutes), terms --top 0 and NLTK VADER; at ×10,
# compare. The corpus copies repeat every text, so the runs compared
# across sizes (target 4) use --keep-duplicates --clean-off repeated-line at
# both sizes ("+copy flags" in the table): without them the copies are
# counted once and every line of a copied outlet is "repeated".
#
# bench/floor does only what any terms program must (decode the JSON, split
# the text into words, count them per outlet) with a tokenizer simpler than
# parallax's: a program doing all of terms' work with the same standard
# library is not faster on this machine, so target 1 is followed by the
# ratio this floor reaches against scikit-learn. floor -hand decodes with a
# scanner written for the two fields instead of encoding/json: the same
# bound for hand-tuned decoding (its counting still uses Go maps).
#
# The peers are single-threaded and parallax uses every core, so the table
# gives CPU seconds (user + system) beside wall time; the targets are on wall
# time. Wall times vary with the load of a shared machine: record figures
# from a run on an idle one. docs/performance.md has past figures.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

# apt_need PACKAGE...: install the Debian packages given (a fresh machine
# has Go and apt only); refresh the package lists once if that fails.
apt_need() {
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -q "$@" > /dev/null ||
		{ $sudo apt-get update -q > /dev/null && $sudo apt-get install -y -q "$@" > /dev/null; }
}
[ -x /usr/bin/time ] || apt_need time
py=/usr/bin/python3 # Debian's, where python3-sklearn and python3-nltk install
peers=${PEERS:-1}
if [ "$peers" != 0 ] && ! { [ -x $py ] && $py -c 'import sklearn, nltk' 2> /dev/null; }; then
	apt_need python3-sklearn python3-nltk
fi

{
	echo "== machine"
	echo "cpu:     $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
	echo "cores:   $(nproc) online; memory $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 2^20 } /^SwapTotal/ { printf ", swap %.1f GiB", $2 / 2^20 }' /proc/meminfo)"
	echo "go:      $(go version)"
	echo "commit:  $(git rev-parse --short HEAD) on $(git rev-parse --abbrev-ref HEAD)$([ -z "$(git status --porcelain --untracked-files=no)" ] || echo ', with uncommitted changes')"
	[ "$peers" = 0 ] || echo "peers:   $($py --version), scikit-learn $($py -c 'import sklearn; print(sklearn.__version__)'), NLTK $($py -c 'import nltk; print(nltk.__version__)')"
	echo "started: $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

# The ×1 corpus.
corpus=${CORPUS:-../shared/corpus/allsides-full/articles.jsonl.xz}
[ -s "$corpus" ] || { echo "run.sh: no corpus at $corpus" >&2; exit 1; }
if [[ $corpus == *.xz ]]; then
	name=$(basename "$corpus" .xz)
	[ -n "${CORPUS:-}" ] || name=allsides-full.jsonl
	if ! [ -s "$out/$name" ] || [ "$corpus" -nt "$out/$name" ]; then
		command -v xz > /dev/null || apt_need xz-utils
		echo "== unpacking $corpus into $out/$name"
		xz -dc "$corpus" > "$out/$name.tmp" && mv "$out/$name.tmp" "$out/$name"
	fi
	corpus=$out/$name
fi
bytes1=$(stat -L -c %s "$corpus")
echo "corpus:  $corpus, $bytes1 bytes, $(zcat -f "$corpus" | wc -l) articles" | tee -a "$out/machine.txt"

go build -o "$out/parallax" ./cmd/parallax
go build -o "$out/replicate" ./bench/replicate
go build -o "$out/floor" ./bench/floor

if [ "${STAGES:-0}" != 0 ]; then
	echo "== stage benchmarks (AllSides sample, 859 articles)"
	go test -run '^$' -bench 'BenchmarkTermsPipeline|BenchmarkRun$|BenchmarkDistinctiveTerms|BenchmarkSentences|BenchmarkTokenize|BenchmarkCleanAllSides|BenchmarkLoadAllSides' \
		-benchtime 10x -benchmem ./analysis/... | grep -E '^Benchmark'
fi

results=$out/results.tsv
: > "$results"

# measure SIZE BYTES KEY NAME LOG CMD...: run CMD under /usr/bin/time, its
# standard output in LOG, its standard error in $out/KEY-SIZE.err; append
# to $results the line
#   SIZE BYTES KEY NAME wall-s CPU-s(user+sys) peak-RSS-MiB note
# KEY names the run for bench/table.awk, which finds the targets' runs by it;
# NAME is what the table shows.
measure() {
	local size=$1 bytes=$2 key=$3 name=$4 log=$5
	shift 5
	local err=$out/$key-$size.err note="" cap=unlimited
	# parallax may use at most PARALLAX_MEMCAP_MB of address space.
	[[ $key == peer* ]] || cap=$((${PARALLAX_MEMCAP_MB:-12288} * 1024))
	if ! (ulimit -v $cap && exec /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@") > "$log" 2> "$err"; then
		note="FAILED: $(grep -h -m1 -E 'out of memory|fatal|rror|signal' "$err" "$out/time.txt" | head -1 | cut -c1-90 || true)"
	fi
	local wall user sys rss
	read -r wall user sys rss < <(tail -1 "$out/time.txt")
	awk -v OFS='\t' -v s="$size" -v b="$bytes" -v k="$key" -v n="$name" -v w="$wall" -v u="$user" -v y="$sys" -v r="$rss" -v x="$note" \
		'BEGIN { print s, b, k, n, w, u + y, r / 1024, x }' >> "$results"
	awk -F'\t' 'END { printf "   %-58s %8.1f s wall %8.1f s CPU %7.0f MiB  %s\n", $4, $5, $6, $7, $8 }' "$results"
	# What the run said on standard error, but for the progress line.
	head -3 "$err" | cut -c1-200 | sed 's/^/      stderr: /'
}

# px SIZE BYTES KEY FLAGS-SHOWN LOG COMMAND ARGS...: measure
# `parallax COMMAND ARGS... --group outlet`.
px() {
	local size=$1 bytes=$2 key=$3 shown=$4 log=$5 cmd=$6
	shift 6
	if [ -n "${ONLY:-}" ] && [ "$size" = 1x ] && [[ " $ONLY " != *" $key "* ]]; then
		return 0
	fi
	measure "$size" "$bytes" "$key" "parallax $cmd${shown:+ $shown}" "$log" "$out/parallax" "$cmd" "$@" --group outlet
}

# peers SIZE BYTES FILE: scikit-learn, bench/floor (the least work terms
# must do: the bound of target 1), and NLTK VADER (VADER_PREFIX applies).
peers() {
	local size=$1 bytes=$2 file=$3
	measure "$size" "$bytes" floor "floor: decode, tokenize, count only (bench/floor)" "$out/floor-$size.txt" \
		"$out/floor" -group outlet "$file"
	measure "$size" "$bytes" floor-hand "floor -hand: the same with a hand-written JSON scanner" "$out/floor-hand-$size.txt" \
		"$out/floor" -hand -group outlet "$file"
	measure "$size" "$bytes" peer-sklearn "scikit-learn (bench/peers/sklearn_terms.py)" "$out/sklearn-$size.txt" \
		$py bench/peers/sklearn_terms.py "$file"
	local prefix=()
	if [ -n "${VADER_PREFIX:-}" ] && awk -v b="$bytes" -v p="$VADER_PREFIX" 'BEGIN { exit !(b > p) }'; then
		prefix=(--prefix-bytes "$(awk -v p="$VADER_PREFIX" 'BEGIN { printf "%d", p }')")
	fi
	measure "$size" "$bytes" peer-vader "NLTK VADER (bench/peers/nltk_vader.py)" "$out/vader-$size.txt" \
		$py bench/peers/nltk_vader.py "$file" --lexicon "$out/vader_lexicon.txt" "${prefix[@]}"
	if [ ${#prefix[@]} -gt 0 ]; then
		# "vader: … N of M bytes read": scale wall and CPU by M/N, say so.
		local got total
		read -r got total < <(sed -nE 's/.* ([0-9]+) of ([0-9]+) bytes read.*/\1 \2/p' "$out/peer-vader-$size.err")
		awk -F'\t' -v OFS='\t' -v g="$got" -v t="$total" -v s="$size" \
			'$1 == s && $3 == "peer-vader" { $5 *= t / g; $6 *= t / g; $8 = sprintf("EXTRAPOLATED: timed on the first %.1f MB, times ×%.2f", g / 1e6, t / g) } { print }' \
			"$results" > "$results.tmp" && mv "$results.tmp" "$results"
		echo "   NLTK VADER timed on the first $got of $total bytes; its times are extrapolated linearly"
	fi
}

if [ "$peers" != 0 ]; then
	# NLTK reads the VADER lexicon parallax embeds: nothing is downloaded.
	go run ./bench/vaderlex > "$out/vader_lexicon.txt"
fi

# ---------------------------------------------------------------------------
# ×1: every command that reads a corpus, and the peers.
mb1=$(awk -v b="$bytes1" 'BEGIN { printf "%.0f MB", b / 1e6 }')
echo "== ×1: $corpus ($mb1)"
px 1x "$bytes1" terms "--format csv" "$out/terms-1x.csv" terms "$corpus" --format csv
rm -rf "$out/compare-1x"
px 1x "$bytes1" compare "-o DIR/" "$out/compare-1x.out" compare "$corpus" -o "$out/compare-1x/"
[ "$peers" = 0 ] || peers 1x "$bytes1" "$corpus"
px 1x "$bytes1" top0 "--top 0 --format csv (to /dev/null)" /dev/null terms "$corpus" --top 0 --format csv
px 1x "$bytes1" report "-o FILE" "$out/report-1x.out" report "$corpus" -o "$out/report-1x.html"
px 1x "$bytes1" events "--format csv" "$out/events-1x.csv" events "$corpus" --format csv
px 1x "$bytes1" tone "--format csv" "$out/tone-1x.csv" tone "$corpus" --format csv
px 1x "$bytes1" similarity "--format csv" "$out/similarity-1x.csv" similarity "$corpus" --format csv
px 1x "$bytes1" labels "--labels bench/us-labels.yaml --format csv" "$out/labels-1x.csv" \
	labels "$corpus" --labels bench/us-labels.yaml --format csv
px 1x "$bytes1" quotes "--format csv" "$out/quotes-1x.csv" quotes "$corpus" --format csv
px 1x "$bytes1" actors "--format csv" "$out/actors-1x.csv" actors "$corpus" --format csv
px 1x "$bytes1" lexicon "--lexicon frames --format csv" "$out/lexicon-1x.csv" lexicon "$corpus" --lexicon frames --format csv
px 1x "$bytes1" corpus "--format csv" "$out/corpus-1x.csv" corpus "$corpus" --format csv
px 1x "$bytes1" clean "--format csv" "$out/clean-1x.csv" clean "$corpus" --format csv
px 1x "$bytes1" kwic "'immigra*' --format csv" "$out/kwic-1x.csv" kwic 'immigra*' "$corpus" --format csv

# ---------------------------------------------------------------------------
# ×COPIES: the corpus copied with fresh ids and shifted dates; terms and
# compare with the copy flags at both sizes, the ×1 runs right before.
copyflags=(--keep-duplicates --clean-off repeated-line)
copies=${COPIES:-10}
shift_days=${SHIFT_DAYS:-7}
if [ "${SCALE:-1}" != 0 ]; then
	big=$out/$(basename "${corpus%.gz}" .jsonl)-x$copies-s$shift_days.jsonl
	if ! [ -s "$big" ] || [ "$corpus" -nt "$big" ] || [ bench/replicate/main.go -nt "$big" ]; then
		echo "== writing $big: $copies copies, dates of copy k moved by (k−1)·$shift_days days"
		"$out/replicate" -n "$copies" -shift-days "$shift_days" "$corpus" > "$big.tmp" && mv "$big.tmp" "$big"
	fi
	bytesN=$(stat -c %s "$big")
	echo "== ×1 with the copy flags (${copyflags[*]}), the reference of the ×$copies runs"
	px 1x "$bytes1" terms-cf "--format csv +copy flags" "$out/terms-cf-1x.csv" terms "$corpus" --format csv "${copyflags[@]}"
	rm -rf "$out/compare-cf-1x"
	px 1x "$bytes1" compare-cf "-o DIR/ +copy flags" "$out/compare-cf-1x.out" compare "$corpus" -o "$out/compare-cf-1x/" "${copyflags[@]}"
	echo "== ×$copies: $big ($(awk -v b="$bytesN" 'BEGIN { printf "%.0f MB", b / 1e6 }'), $(wc -l < "$big") articles)"
	px "${copies}x" "$bytesN" terms-cf "--format csv +copy flags" "$out/terms-cf-${copies}x.csv" terms "$big" --format csv "${copyflags[@]}"
	rm -rf "$out/compare-cf-${copies}x"
	px "${copies}x" "$bytesN" compare-cf "-o DIR/ +copy flags" "$out/compare-cf-${copies}x.out" compare "$big" -o "$out/compare-cf-${copies}x/" "${copyflags[@]}"
	if [ "$peers" != 0 ] && [ "${SCALE_PEERS:-1}" != 0 ]; then
		measure "${copies}x" "$bytesN" peer-sklearn "scikit-learn (bench/peers/sklearn_terms.py)" "$out/sklearn-${copies}x.txt" \
			$py bench/peers/sklearn_terms.py "$big"
		if [ "${SCALE_VADER:-0}" != 0 ]; then
			measure "${copies}x" "$bytesN" peer-vader "NLTK VADER (bench/peers/nltk_vader.py)" "$out/vader-${copies}x.txt" \
				$py bench/peers/nltk_vader.py "$big" --lexicon "$out/vader_lexicon.txt"
		else
			# The copies repeat the ×1 texts: NLTK VADER's time is its ×1
			# time scaled by the size; its memory does not grow.
			awk -F'\t' -v OFS='\t' -v s="${copies}x" -v b="$bytesN" '
				$1 == "1x" && $3 == "peer-vader" {
					f = b / $2
					print s, b, $3, $4, $5 * f, $6 * f, $7, sprintf("EXTRAPOLATED from the ×1 row, times ×%.2f (SCALE_VADER=1 times it)", f)
				}' "$results" > "$results.tmp" && cat "$results.tmp" >> "$results"
			echo "   NLTK VADER not run: its ×1 times scaled by the size (SCALE_VADER=1 runs it)"
		fi
	fi
fi

# ---------------------------------------------------------------------------
# Optional: the 859-article sample replicated (the old headline), outside
# the targets.
sample=testdata/allsides-middle-east/articles.jsonl.gz
for n in ${SAMPLE_COPIES:-}; do
	f=$out/allsides-middle-east-x$n-s$shift_days.jsonl
	if ! [ -s "$f" ] || [ bench/replicate/main.go -nt "$f" ]; then
		"$out/replicate" -n "$n" -shift-days "$shift_days" "$sample" > "$f.tmp" && mv "$f.tmp" "$f"
	fi
	b=$(stat -c %s "$f")
	echo "== sample ×$n: $f ($(awk -v b="$b" 'BEGIN { printf "%.0f MB", b / 1e6 }'))"
	px "sample-x$n" "$b" sample-terms "--format csv +copy flags" "$out/terms-sample-x$n.csv" terms "$f" --format csv "${copyflags[@]}"
	rm -rf "$out/compare-sample-x$n"
	px "sample-x$n" "$b" sample-compare "-o DIR/ +copy flags" "$out/compare-sample-x$n.out" compare "$f" -o "$out/compare-sample-x$n/" "${copyflags[@]}"
done

echo "finished: $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
cp "$out/machine.txt" "$out/summary.txt"
awk -f bench/table.awk -v copies="$copies" -v cores="$(nproc)" -v only="${ONLY:-}" "$results" | tee -a "$out/summary.txt"
