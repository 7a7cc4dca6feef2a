#!/bin/sh
# run.sh — the conformance corpus: each tests/conformance/*.json holds an
# agreement, a request and the decision expected (as `pacta eval --trace`
# writes it), and is run against the reference interpreter (pacta eval
# F.pacta), the native module (pacta build, pacta eval M.so) and the C API
# (capi, linked with libpacta).  Decisions are compared as JSON (compact,
# member order kept).  A case listed in EXCEPTIONS is reported but does not
# fail — and the list itself must stay empty: the run fails if it is not.
#   sh tests/conformance/run.sh build/pacta build/conformance-capi
pacta=${1:-build/pacta}
capi=${2:-build/conformance-capi}
dir=tests/conformance
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PACTA_PATH="$PWD/stdlib"
pass=0
fail=0
excepted=0
n=0
exceptions=$(grep -v '^#' "$dir/EXCEPTIONS" | grep -v '^[[:space:]]*$')
for case in "$dir"/*.json; do
	name=$(basename "$case" .json)
	n=$((n + 1))
	c=$tmp/$name
	mkdir -p "$c"
	if ! "$capi" split "$case" "$c"; then
		echo "FAIL $name: not a conformance case"; fail=$((fail + 1)); continue
	fi
	bad=""
	"$pacta" eval --trace "$c/agreement.pacta" "$c/request.jsonl" > "$c/interp.out" 2> "$c/err" || true
	if ! "$pacta" build "$c/agreement.pacta" -o "$c/m.so" 2>> "$c/err"; then
		bad="$bad build"
	else
		"$pacta" eval --trace "$c/m.so" "$c/request.jsonl" > "$c/module.out" 2>> "$c/err" || true
		"$capi" decide "$c/m.so" "$c/request.jsonl" > "$c/capi.out" 2>> "$c/err" || true
	fi
	for who in interp module capi; do
		[ -f "$c/$who.out" ] || continue
		if ! "$capi" canon "$c/$who.out" > "$c/$who.json" 2>> "$c/err" || ! cmp -s "$c/$who.json" "$c/expected.json"; then
			bad="$bad $who"
		fi
	done
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	elif printf '%s\n' "$exceptions" | grep -qx "$name"; then
		excepted=$((excepted + 1))
		echo "EXCEPTION $name:$bad"
	else
		fail=$((fail + 1))
		echo "FAIL $name:$bad"
		echo "  expected:    $(cat "$c/expected.json")"
		for who in interp module capi; do
			[ -f "$c/$who.json" ] && echo "  $who: $(cat "$c/$who.json")"
		done
		sed 's/^/  /' "$c/err" | head -10
	fi
done
if [ -n "$exceptions" ]; then
	echo "FAIL: tests/conformance/EXCEPTIONS is not empty (it must stay empty):"
	printf '%s\n' "$exceptions" | sed 's/^/  /'
	fail=$((fail + 1))
fi
echo "conformance: $pass passed, $fail failed, $excepted excepted ($n cases x interpreter, module, C API)"
[ "$fail" -eq 0 ]
