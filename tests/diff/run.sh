#!/bin/sh
# run.sh — every agreement in the repository that checks (examples, stdlib,
# semantics tests, golden files that check) is built into a native module
# and decided by the module and the interpreter on COUNT seeded random
# requests; any difference fails.  Also: modules are self-contained, and two
# builds from different paths and names are byte-identical.
#   sh tests/diff/run.sh build/pacta build/differential [COUNT]
pacta=${1:-build/pacta}
diffprog=${2:-build/differential}
count=${3:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
n=0
for f in examples/*.pacta stdlib/std/*.pacta stdlib/tests/*.pacta tests/semantics/*.pacta tests/golden/*.pacta tests/diff/*.pacta; do
	out=$("$pacta" check -I tests/golden/lib "$f" 2>&1) || continue
	# a Party's part of an agreement: checked through it, built with it
	case $out in *"as part of"*) continue ;; esac
	n=$((n + 1))
	so="$tmp/m$n.so"
	if ! "$pacta" build -I tests/golden/lib "$f" -o "$so" 2>"$tmp/err"; then
		echo "FAIL build $f"; cat "$tmp/err"; fail=$((fail + 1)); continue
	fi
	# self-contained: no NEEDED, no initialisers, no undefined symbols
	if readelf -d "$so" | grep -Eq '\((NEEDED|INIT|FINI|INIT_ARRAY|FINI_ARRAY|PREINIT_ARRAY)\)'; then
		echo "FAIL $f: module has NEEDED or initialisers"; fail=$((fail + 1))
	elif [ -n "$(nm -D --undefined-only "$so")" ]; then
		echo "FAIL $f: module has undefined symbols"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	if PACTA_STDLIB=stdlib "$diffprog" "$f" "$so" "$count" "$n" >"$tmp/out" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL differential $f"; cat "$tmp/out"; fail=$((fail + 1))
	fi
done
# byte-identical from another path, name and directory
mkdir -p "$tmp/elsewhere/deeper"
cp examples/model-agreement.pacta "$tmp/elsewhere/deeper/renamed.pacta"
"$pacta" build examples/model-agreement.pacta -o "$tmp/a.so"
(cd "$tmp/elsewhere" && "$OLDPWD/$pacta" build -I "$OLDPWD/stdlib" deeper/renamed.pacta -o "$tmp/b.so" 2>&1) >/dev/null
if cmp -s "$tmp/a.so" "$tmp/b.so"; then pass=$((pass + 1)); else
	echo "FAIL: builds from different paths and names differ"; fail=$((fail + 1))
fi
echo "differential: $pass passed, $fail failed ($n agreements, $count requests each)"
[ "$fail" -eq 0 ]
