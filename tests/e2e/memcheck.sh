#!/bin/sh
# memcheck.sh — the CLI on the examples under valgrind: any error or leak
# fails.  sh tests/e2e/memcheck.sh build/pacta
pacta=${1:-build/pacta}
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fail=0
run() {
	$vg "$@" >/dev/null 2>"${TMPDIR:-/tmp}/pacta-vg.$$"
	if [ $? -eq 99 ]; then
		echo "FAIL valgrind: $*"; cat "${TMPDIR:-/tmp}/pacta-vg.$$"; fail=$((fail + 1))
	fi
	rm -f "${TMPDIR:-/tmp}/pacta-vg.$$"
}
for f in examples/*.pacta; do
	run "$pacta" check "$f"
	run "$pacta" test "$f"
	j=${f%.pacta}.jsonl
	[ -f "$j" ] && run "$pacta" eval --trace "$f" "$j"
done
run "$pacta" check tests/golden/several_errors.pacta
run "$pacta" check tests/golden/exemption_cycles_disjoint.pacta
run "$pacta" test tests/semantics/obligations.pacta
# pacta diff: the search and the review page on a new member, the replay
run "$pacta" diff --html tests/diffreview/base.pacta tests/diffreview/sextortion.pacta
run "$pacta" diff --json --replay tests/diffreview/requests.jsonl tests/diffreview/base.pacta tests/diffreview/amendment.pacta
echo "memcheck: $fail failed"
[ "$fail" -eq 0 ]
