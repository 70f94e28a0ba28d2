#!/bin/sh
# Benchmark: render every example N times (default 20) and print pages per
# second and peak memory.  Timings are printed, never asserted.
cd "$(dirname "$0")/.." || exit 3
N=${N:-20}
FOLIO=${FOLIO:-build/folio}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
command -v /usr/bin/time >/dev/null 2>&1 || { echo "bench: needs GNU time (apt-get install time)"; exit 1; }
printf '%-32s %6s %10s %10s %10s\n' example pages "ms/report" "pages/s" "peak KiB"
for r in examples/*/report.xml; do
	ex=$(basename "$(dirname "$r")")
	pages=$($FOLIO render --dump "$r" | grep -c '^page ')
	start=$(date +%s%N)
	i=0
	while [ $i -lt "$N" ]; do
		$FOLIO render "$r" -o "$T/b.pdf" || exit 1
		i=$((i + 1))
	done
	end=$(date +%s%N)
	/usr/bin/time -f %M -o "$T/mem" $FOLIO render "$r" -o "$T/b.pdf"
	ms=$(( (end - start) / 1000000 ))
	awk -v ex="$ex" -v p="$pages" -v ms="$ms" -v n="$N" -v mem="$(cat "$T/mem")" 'BEGIN {
		printf "%-32s %6d %10.1f %10.0f %10d\n", ex, p, ms / n, p * n * 1000 / (ms > 0 ? ms : 1), mem }'
done
