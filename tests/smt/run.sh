#!/bin/sh
# run.sh — the Z3 encoding of compiler/smt.c and the semantic diff.
#   sh tests/smt/run.sh BUILD_DIR [COUNT]          (from the repository root)
#
#  * encode_check: every agreement of examples/ and tests/semantics/, COUNT
#    (100,000) seeded random requests each, decided by the encoding (Z3
#    model evaluation) and by the reference evaluator: identical outcome,
#    ground, grounds, fired rules and obligations; and for those that list
#    their Parties, reciprocity's swapped encoding against the evaluator on
#    the mirrored request (with an unequal agreement of the golden tests,
#    where mirroring changes decisions);
#  * diff_check: every one of those agreements against itself has no kind of
#    change and only equivalent signatures; base.pacta against each one-change
#    pair in tests/smt/pairs/ gives exactly the kinds of NAME.expect, every
#    witness reproducing on both evaluators;
#  * the two UN examples against each other (the time is printed, not
#    asserted).
build=${1:-build/smt}
count=${2:-100000}
export PACTA_STDLIB=stdlib PACTA_PATH=
pass=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
# the agreements among the examples (a Party's reservations, or facts two
# models share, are checked through the agreement that imports them)
for f in $(grep -l '^agreement ' examples/*.pacta) tests/semantics/*.pacta tests/golden/reciprocal_fails.pacta; do
	if "$build/smt-encode-check" "$f" "$count" >"$out" 2>&1; then
		pass=$((pass + 1)); cat "$out"
	else
		echo "FAIL encode_check $f"; sed 's/^/  /' "$out"; fail=$((fail + 1))
	fi
	if "$build/smt-diff-check" "$f" "$f" >"$out" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL diff_check $f against itself"; sed 's/^/  /' "$out"; fail=$((fail + 1))
	fi
done
for exp in tests/smt/pairs/*.expect; do
	new=${exp%.expect}.pacta
	if "$build/smt-diff-check" tests/smt/pairs/base.pacta "$new" "$exp" >"$out" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL diff_check base vs $new"; sed 's/^/  /' "$out"; fail=$((fail + 1))
	fi
done
if "$build/smt-diff-check" examples/un-convention.pacta examples/rights-protective.pacta >"$out" 2>&1; then
	pass=$((pass + 1)); tail -n 1 "$out"
else
	echo "FAIL diff_check un-convention vs rights-protective"; sed 's/^/  /' "$out"; fail=$((fail + 1))
fi
echo "smt: $pass passed, $fail failed ($count requests per agreement)"
[ "$fail" -eq 0 ]
