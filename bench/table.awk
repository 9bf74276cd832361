# Prints the scale table of bench/run.sh from its results file, lines of
#   label  bytes  run  wall-s  cpu-s  peak-rss-MB  note
# (tab-separated), then the speedups against the peers, the targets of the
# issue and how time grows with the input.
BEGIN { FS = "\t" }
{
	key = $1 SUBSEP $3
	if (!($1 in bytes)) { order[++nl] = $1 }
	bytes[$1] = $2; wall[key] = $4; cpu[key] = $5; rss[key] = $6; note[key] = $7
	if (!(($3) in seen)) { seen[$3] = 1; runs[++nr] = $3 }
}
function row(l, r, w, c, m, n) {
	printf "| %-44s | %9.1f | %9.1f | %9.1f | %8.1f | %11.0f | %s |\n", r, bytes[l] / 1e6, w, c, bytes[l] / 1e6 / w, m, n
}
function ratio(a, b) { return b > 0 ? sprintf("%.1f", a / b) : "n/a" }
function check(ok) { return ok ? "met" : "MISSED" }
# failed: whether the run k stopped before its end (its note says FAILED).
function failed(k) { return note[k] ~ /^FAILED/ }
END {
	for (i = 1; i <= nl; i++) {
		l = order[i]
		print ""
		printf "%s (%.1f MB of JSON Lines)\n", l, bytes[l] / 1e6
		printf "| %-44s | %9s | %9s | %9s | %8s | %11s | note |\n", "run", "input MB", "wall s", "CPU s", "MB/s", "peak RSS MB"
		printf "|%s|%s|%s|%s|%s|%s|---|\n", "----------------------------------------------", "-----------", "-----------", "-----------", "----------", "-------------"
		for (j = 1; j <= nr; j++) {
			k = l SUBSEP runs[j]
			if (k in wall) row(l, runs[j], wall[k], cpu[k], rss[k], note[k])
		}
		t = l SUBSEP "parallax terms"; c = l SUBSEP "parallax compare"
		s = l SUBSEP "scikit-learn"; v = l SUBSEP "NLTK VADER"
		if ((s in wall) && (v in wall)) {
			pw = wall[s] + wall[v]; pc = cpu[s] + cpu[v]; pm = rss[s] > rss[v] ? rss[s] : rss[v]
			row(l, "scikit-learn + NLTK VADER (sum; RSS: max)", pw, pc, pm, note[v])
		}
		print ""
		if ((s in wall) && (v in wall)) {
			printf "- speedups (peer / parallax): terms vs scikit-learn ×%s wall, ×%s CPU (target ≥10: %s); ", \
				ratio(wall[s], wall[t]), ratio(cpu[s], cpu[t]), check(wall[s] >= 10 * wall[t])
			if (failed(c))
				printf "compare vs scikit-learn + NLTK VADER: n/a, compare did not finish (target ≥20: MISSED)\n"
			else
				printf "compare vs scikit-learn + NLTK VADER ×%s wall, ×%s CPU (target ≥20: %s)\n", \
					ratio(pw, wall[c]), ratio(pc, cpu[c]), check(pw >= 20 * wall[c])
		}
		lim = bytes[l] < 1e9 ? 1024 : 1536
		printf "- peak RSS of parallax: terms %.0f MB, compare %.0f MB%s (target ≤%d MB at this size: %s)\n", \
			rss[t], rss[c], failed(c) ? " when it stopped" : "", lim, check(rss[t] <= lim && rss[c] <= lim && !failed(c))
	}
	if (nl >= 2) {
		a = order[1]; b = order[nl]; f = bytes[b] / bytes[a]
		print ""
		for (j = 1; j <= nr; j++) {
			if (runs[j] !~ /^parallax/) continue
			ka = a SUBSEP runs[j]; kb = b SUBSEP runs[j]
			if (!(ka in wall) || !(kb in wall)) continue
			if (failed(ka) || failed(kb)) {
				printf "- scaling, %s: n/a, a run did not finish\n", runs[j]
				continue
			}
			g = wall[kb] / wall[ka]
			printf "- scaling, %s: input ×%.2f, wall ×%.2f, CPU ×%.2f; wall per ×input %.3f (target: 10× input ≤10.5× time, i.e. ≤1.05: %s)\n", \
				runs[j], f, g, cpu[kb] / cpu[ka], g / f, check(g / f <= 1.05)
		}
	}
}
