#!/bin/sh
# Benchmark (make bench): render the examples with `folio batch` N times
# (default 5) and print, per report and in total, pages, milliseconds,
# pages per second and peak memory; then a long synthetic text report
# (tests/layout/gen-long.sh) for the steady-state text pages per second on
# one core.  Timings are printed, never asserted: the exit status only says
# whether everything rendered.
#   ms        batch's own wall time for the rendering (parsing, layout, PDF;
#             not process start-up or the hyphenation dictionary, which a
#             batch loads once), median of N runs; best: the fastest run
#   peak KiB  maximum resident set of the whole process (GNU time %M); a
#             report's -j 1 figure is the estimate of one worker's need
# Environment: FOLIO (default build/folio), N (runs, default 5), LONG
# (chapters of the synthetic report, default 60: about 200 pages).
cd "$(dirname "$0")/.." || exit 3
N=${N:-5}
LONG=${LONG:-60}
FOLIO=${FOLIO:-build/folio}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
command -v /usr/bin/time >/dev/null 2>&1 || {
	echo "bench: needs GNU time (apt-get install time)"
	exit 1
}

# run ARGS… of folio batch N times; per run, batch's summary goes to
# $T/runs (one "ok name pages ms" line per report, then the total line) and
# GNU time's peak RSS to $T/mem
runs() {
	: >"$T/runs"
	: >"$T/mem"
	i=0
	while [ $i -lt "$N" ]; do
		/usr/bin/time -f %M -o "$T/m1" "$FOLIO" batch "$@" -o "$T/out" \
			>"$T/sum" 2>"$T/err" || {
			echo "bench: folio batch $* failed:"
			cat "$T/sum" "$T/err"
			exit 1
		}
		cat "$T/sum" >>"$T/runs"
		cat "$T/m1" >>"$T/mem"
		i=$((i + 1))
	done
}

# one output line from the runs: label, pages, median and fastest ms,
# pages per second at the median, peak KiB (largest of the runs); pages and
# median ms also to $T/last
report() {
	awk -v label="$1" -v memfile="$T/mem" -v last="$T/last" '
	/ reports, .* pages in / {
		pages = $5; ms[++n] = $8
	}
	END {
		while ((getline m < memfile) > 0)
			if (m + 0 > mem) mem = m + 0
		for (i = 1; i <= n; i++)
			for (j = i + 1; j <= n; j++)
				if (ms[j] < ms[i]) { t = ms[i]; ms[i] = ms[j]; ms[j] = t }
		med = n % 2 ? ms[(n + 1) / 2] : (ms[n / 2] + ms[n / 2 + 1]) / 2
		printf "%-34s %6d %9.1f %9.1f %9.0f %9d\n", label, pages, med, ms[1],
			(med > 0 ? pages * 1000 / med : 0), mem
		print pages, med >last
	}' "$T/runs"
}

columns() {
	printf '%-34s %6s %9s %9s %9s %9s\n' "$1" pages ms best pages/s "peak KiB"
}

echo "folio bench: $N runs each, $(nproc 2>/dev/null || echo '?') cores, $FOLIO"
echo
columns "report (batch -j 1)"
for r in examples/*/report.xml; do
	runs "$r" -j 1
	report "$(basename "$(dirname "$r")")"
done
echo
columns "all examples"
for j in 1 2; do
	runs examples -j $j
	report "batch -j $j"
done

# the synthetic report, and one half as long: the difference between the
# two is the cost of the extra pages alone, without per-document set-up
# (layout, schema, fonts), that is the steady state
echo
columns "text only (tests/layout/gen-long.sh)"
half=$((LONG / 2))
for n in $half $LONG; do
	mkdir -p "$T/long$n"
	sh tests/layout/gen-long.sh $n >"$T/long$n/report.xml"
	runs "$T/long$n/report.xml" -j 1
	report "gen-long.sh $n, -j 1"
	cp "$T/last" "$T/last$n"
done
cat "$T/last$half" "$T/last$LONG" | awk '{ p[NR] = $1; ms[NR] = $2 }
	END {
		if (NR == 2 && ms[2] > ms[1])
			printf "%-34s %6d %9.1f %9s %9.0f\n", "steady state (the difference)",
				p[2] - p[1], ms[2] - ms[1], "", (p[2] - p[1]) * 1000 / (ms[2] - ms[1])
	}'
