#!/bin/sh
# run.sh — golden diagnostics: each tests/golden/X.pacta that has an X.err
# beside it must make `pacta check` print exactly X.err and exit 1.
# Run from the repository root so the paths in the messages are stable.
#   sh tests/golden/run.sh build/pacta          check
#   UPDATE=1 sh tests/golden/run.sh build/pacta  rewrite the .err files
pacta=${1:-build/pacta}
pass=0
fail=0
for src in tests/golden/*.pacta; do
	exp=${src%.pacta}.err
	[ -f "$exp" ] || continue          # a helper file, imported by a test
	out=$(mktemp)
	PACTA_PATH= "$pacta" check -I tests/golden/lib "$src" 2>"$out" >/dev/null
	rc=$?
	if [ -n "$UPDATE" ]; then
		cp "$out" "$exp"
	fi
	if [ "$rc" -ne 1 ]; then
		echo "FAIL $src: exit status $rc, expected 1"
		fail=$((fail + 1))
	elif ! diff -u "$exp" "$out"; then
		echo "FAIL $src: diagnostics differ"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -f "$out"
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
