# Prints the results of bench/run.sh: one table of every run, then the four
# targets of the issue, each met or MISSED. Reads bench/out/results.tsv,
# tab-separated lines of
#   size  bytes  key  name  wall-s  cpu-s  peak-rss-MiB  note
# where size is 1x (the corpus), <copies>x (the corpus copied) or sample-x<n>,
# and key names the run (terms, compare, top0, terms-cf, compare-cf,
# peer-sklearn, peer-vader, floor, …; -cf: with the copy flags). Set copies (-v
# copies=N) to the number of copies of the scaling part, and cores (-v
# cores=N) to the machine's.
BEGIN { FS = "\t"; if (copies == "") copies = 10; if (cores == "") cores = 2 }
{
	k = $1 SUBSEP $3
	if (!($1 in bytes)) order[++ns] = $1
	bytes[$1] = $2; name[k] = $4; wall[k] = $5; cpu[k] = $6; rss[k] = $7; note[k] = $8
	rows[$1, ++nr[$1]] = $3
}
function mb(b) { return b / 1e6 >= 100 ? sprintf("%.0f", b / 1e6) : sprintf("%.1f", b / 1e6) }
function sizename(s) {
	if (s == "1x") return mb(bytes[s]) " MB (×1)"
	if (s ~ /^sample-x/) return mb(bytes[s]) " MB (sample ×" substr(s, 9) ")"
	return mb(bytes[s]) " MB (×" substr(s, 1, length(s) - 1) ")"
}
# pad is s left-aligned in w columns, also where awk counts bytes and s
# holds a ×.
function pad(s, w,    t) {
	t = s
	if (length("×") > 1) w += gsub(/×/, "×", t) * (length("×") - 1)
	return sprintf("%-" w "s", s)
}
function row(s, n, w, c, m, x) {
	printf "| %s | %s | %8.1f | %8.1f | %8.0f | %s |\n", pad(sizename(s), 20), pad(n, 62), w, c, m, x
}
function has(s, key) { return ((s SUBSEP key) in wall) }
function ok(s, key) { return has(s, key) && note[s, key] !~ /^FAILED/ }
function verdict(good) { return good ? "met" : "MISSED" }
END {
	print ""
	print "== results (MB = 10^6 bytes of JSON Lines; CPU = user + system seconds; peak RSS in MiB)"
	print ""
	printf "| %-20s | %-62s | %8s | %8s | %8s | %s |\n", "input", "run", "wall s", "CPU s", "peak RSS", "note"
	print "|----------------------|----------------------------------------------------------------|----------|----------|----------|------|"
	for (i = 1; i <= ns; i++) {
		s = order[i]
		for (j = 1; j <= nr[s]; j++) {
			k = s SUBSEP rows[s, j]
			row(s, name[k], wall[k], cpu[k], rss[k], note[k])
		}
		if (ok(s, "peer-sklearn") && ok(s, "peer-vader")) {
			a = s SUBSEP "peer-sklearn"; b = s SUBSEP "peer-vader"
			pw[s] = wall[a] + wall[b]; pc[s] = cpu[a] + cpu[b]
			row(s, "scikit-learn + NLTK VADER (times added; RSS: the larger)", pw[s], pc[s], rss[a] > rss[b] ? rss[a] : rss[b], \
				note[b] ~ /EXTRAPOLATED/ ? "VADER extrapolated" : "")
		}
	}
	print ""
	print "(parallax COMMAND FILE --group outlet, plus the flags shown; +copy flags: --keep-duplicates --clean-off repeated-line)"
	print ""
	print "== targets"
	m1 = mb(bytes["1x"]) " MB"

	# 1. terms vs scikit-learn.
	printf "1. parallax terms ≥10× faster than scikit-learn (wall, %s): ", m1
	if (ok("1x", "terms") && ok("1x", "peer-sklearn")) {
		a = "1x" SUBSEP "peer-sklearn"; t = "1x" SUBSEP "terms"
		printf "×%.1f (%.1f s / %.1f s; CPU ×%.1f): %s\n", wall[a] / wall[t], wall[a], wall[t], cpu[a] / cpu[t], verdict(wall[a] >= 10 * wall[t])
		if (ok("1x", "floor")) {
			f = "1x" SUBSEP "floor"
			printf "   the floor (bench/floor: decode, tokenize, count; no cleaning, no statistics) is ×%.1f (%.1f s wall, %.1f CPU s);\n", \
				wall[a] / wall[f], wall[f], cpu[f]
			printf "   with its CPU spread perfectly over %d cores, at most ×%.1f (a bound for standard-library decoding and maps, not for hand-tuned code)\n", \
				cores, wall[a] / (cpu[f] / cores)
		}
		if (ok("1x", "floor-hand")) {
			f = "1x" SUBSEP "floor-hand"
			printf "   the floor with hand-written decoding (bench/floor -hand) is ×%.1f (%.1f s wall, %.1f CPU s), at most ×%.1f on %d cores\n", \
				wall[a] / wall[f], wall[f], cpu[f], wall[a] / (cpu[f] / cores), cores
		}
	} else if (has("1x", "terms") && !ok("1x", "terms"))
		print "parallax terms failed: MISSED"
	else if (has("1x", "peer-sklearn"))
		print "not measured: scikit-learn failed"
	else
		print "not measured (PEERS=0)"

	# 2. compare vs scikit-learn + NLTK VADER.
	printf "2. parallax compare ≥20× faster than scikit-learn + NLTK VADER (wall, %s): ", m1
	if (ok("1x", "compare") && ("1x" in pw)) {
		c = "1x" SUBSEP "compare"
		printf "×%.1f (%.1f s / %.1f s; CPU ×%.1f%s): %s\n", pw["1x"] / wall[c], pw["1x"], wall[c], pc["1x"] / cpu[c], \
			note["1x", "peer-vader"] ~ /EXTRAPOLATED/ ? "; VADER extrapolated" : "", verdict(pw["1x"] >= 20 * wall[c])
	} else if (has("1x", "compare") && !ok("1x", "compare"))
		print "parallax compare failed: MISSED"
	else if (has("1x", "peer-sklearn"))
		print "not measured: a peer failed"
	else
		print "not measured (PEERS=0)"

	# 3. peak RSS at ×1 of every parallax run, and terms --top 0 in 60 s.
	printf "3. peak RSS ≤1024 MiB for every parallax command at %s, terms --top 0 --format csv ≤60 s: ", m1
	top = ""; most = -1; failed = ""
	for (j = 1; j <= nr["1x"]; j++) {
		key = rows["1x", j]
		if (key ~ /^peer/ || key ~ /^floor/) continue
		k = "1x" SUBSEP key
		if (rss[k] > most) { most = rss[k]; top = name[k] }
		if (!ok("1x", key)) failed = failed " " key
	}
	if (most < 0)
		print "not measured"
	else {
		t = "1x" SUBSEP "top0"
		if (only != "")
			printf "(only the rows ONLY=\"%s\" ran) ", only
		printf "largest %.0f MiB (%s); terms --top 0 %s%s: %s\n", most, top, \
			has("1x", "top0") ? sprintf("%.1f s", wall[t]) : "not run", failed != "" ? "; FAILED:" failed : "", \
			only != "" && most <= 1024 && failed == "" ? "not measured for every command (no MISSED among those run)" : \
			verdict(most <= 1024 && ok("1x", "top0") && wall[t] <= 60 && failed == "")
	}

	# 4. ×copies: time ratio of terms and compare with the copy flags, and
	# peak RSS.
	s = copies "x"
	lim = 1.05 * copies
	printf "4. the corpus ×%d: terms and compare ≤%.1f× their ×1 time (wall, same flags), peak RSS ≤1536 MiB: ", copies, lim
	if (!has(s, "terms-cf") && !has(s, "compare-cf"))
		print "not measured (SCALE=0)"
	else {
		good = 1; most = 0; top = ""
		printf "input ×%.2f (%s MB);", bytes[s] / bytes["1x"], mb(bytes[s])
		split("terms-cf compare-cf", keys, " ")
		for (j = 1; j <= 2; j++) {
			key = keys[j]; a = "1x" SUBSEP key; b = s SUBSEP key
			if (ok("1x", key) && ok(s, key)) {
				printf " %s wall ×%.2f (%.1f s / %.1f s; CPU ×%.2f);", key == "terms-cf" ? "terms" : "compare", \
					wall[b] / wall[a], wall[b], wall[a], cpu[b] / cpu[a]
				good = good && wall[b] <= lim * wall[a]
			} else {
				printf " %s failed or not run;", key
				good = 0
			}
			if (has(s, key) && rss[b] > most) { most = rss[b]; top = name[b] }
		}
		printf " largest peak RSS %.0f MiB (%s): %s\n", most, top, verdict(good && most <= 1536)
	}
}
