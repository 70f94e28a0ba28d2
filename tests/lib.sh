# Shared helpers for the shell test scripts: check DESC CMD… runs CMD and
# counts it; finish prints the closing "N passed, N failed" line.
pass=0 fail=0
FOLIO=${FOLIO:-build/folio}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1726000000

check() {
	desc=$1; shift
	# a hang is a failure, not a stuck CI run
	if timeout 300 "$@" >"$T/check.out" 2>&1; then
		pass=$((pass + 1)); echo "ok $desc"
	else
		fail=$((fail + 1)); echo "FAIL $desc"; sed 's/^/     /' "$T/check.out" | head -n 15
	fi
}

finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
