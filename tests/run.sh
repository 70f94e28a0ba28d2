#!/bin/sh
# Run every test: cmocka unit tests (plain and under ASan+UBSan), layout
# tests through the page dump, end-to-end checks of the PDFs, and the CLI
# under valgrind.  Prints one closing line "N passed, N failed".
cd "$(dirname "$0")/.." || exit 3
pass=0 fail=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

for t in build/tests/test_* build/tests/asan_test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	if "$t" >"$log/$name.out" 2>&1; then st=0; else st=$?; fi
	p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log/$name.out" | tail -n 1)
	f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log/$name.out" | tail -n 1)
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
	if [ "$st" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
		fail=$((fail + 1)); echo "FAIL $name (exit $st)"; cat "$log/$name.out"
	elif [ "${f:-0}" -ne 0 ]; then
		echo "FAIL $name"; grep -E "FAILED|Error|error|failure" "$log/$name.out" | head -n 20
	else
		echo "ok   $name (${p:-0} tests)"
	fi
done

for s in tests/layout.sh tests/e2e.sh tests/chart.sh tests/goal.sh tests/table.sh tests/include.sh tests/pdfa.sh; do
	out=$(sh "$s" 2>&1); st=$?
	echo "$out" | grep -v '^ok ' | grep -v '^$' | grep -v '^[0-9]* passed, [0-9]* failed$'
	r=$(echo "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -n 1)
	set -- $r
	pass=$((pass + ${1:-0})); fail=$((fail + ${2:-0}))
	[ -z "$r" ] && { fail=$((fail + 1)); echo "FAIL $s did not finish (exit $st)"; }
	echo "ok   $s (${1:-0} passed, ${2:-0} failed)"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
