#!/bin/sh
# run.sh — evaluator semantics tests (LANGUAGE.md sections 4 and 5).
#   sh tests/semantics/run.sh build/pacta        (from the repository root)
#
#  * every tests/semantics/X.pacta: `pacta test X.pacta` must pass all its
#    tests;
#  * every X.xfail: a Pacta file whose tests must ALL fail (`pacta test`
#    exits 1 and reports `0 passed, N failed`, N its number of tests): the
#    expectations a passing test cannot state (exact `by` lists, no
#    obligations on a refusal);
#  * every X.jsonl with an X.expected: `pacta eval [--trace] X.pacta
#    X.jsonl` must print exactly X.expected (--trace when X.trace exists),
#    and exit 1 if X.expected holds an "error" line, 0 otherwise. X.trace is
#    an empty marker file.
#    UPDATE=1 rewrites the .expected files (review the diff!).
# X.pacta.pending files are tests waiting for a fix; they are not run.
pacta=${1:-build/pacta}
dir=tests/semantics
pass=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM

for src in "$dir"/*.pacta; do
	if PACTA_PATH= "$pacta" test "$src" >"$out" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL $src:"
		sed 's/^/  /' "$out"
		fail=$((fail + 1))
	fi
done

for src in "$dir"/*.xfail; do
	[ -f "$src" ] || continue
	n=$(grep -c '^test ' "$src")
	PACTA_PATH= "$pacta" test -v "$src" >"$out" 2>&1
	rc=$?
	last=$(tail -n 1 "$out")
	if [ "$rc" -eq 1 ] && [ "$last" = "0 passed, $n failed" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $src: every one of its $n tests must fail; exit $rc, \"$last\""
		grep -v '^FAIL\|^ ' "$out" | sed 's/^/  /'
		fail=$((fail + 1))
	fi
done

for req in "$dir"/*.jsonl; do
	[ -f "$req" ] || continue
	base=${req%.jsonl}
	exp=$base.expected
	[ -f "$exp" ] || continue
	trace=
	[ -f "$base.trace" ] && trace=--trace
	PACTA_PATH= "$pacta" eval $trace "$base.pacta" "$req" >"$out" 2>/dev/null
	rc=$?
	want=0
	grep -q '"error"' "$exp" && want=1
	if [ -n "$UPDATE" ]; then
		cp "$out" "$exp"
	fi
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL $req: pacta eval exit status $rc, expected $want"
		fail=$((fail + 1))
	elif ! diff -u "$exp" "$out"; then
		echo "FAIL $req: decisions differ from $exp"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done

echo "semantics: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
