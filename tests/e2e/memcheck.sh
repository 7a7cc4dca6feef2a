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
# (the lints' proofs under valgrind take minutes an example: they run on the
# lint tests below, and in tests/lsp's session under valgrind)
for f in examples/*.pacta; do
	# a Party's part is checked and tested through its agreement, which
	# this loop runs too: once is enough under valgrind
	if ! grep -q '^agreement ' "$f"; then
		run "$pacta" build "$f" -o "${TMPDIR:-/tmp}/pacta-vg-part.so"   # refused, naming the agreement
		continue
	fi
	run "$pacta" check --no-lint "$f"
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
# the workbench: lints and their proofs, diagnostics for tools, reports
run "$pacta" lint tests/lint/shadowed.pacta
run "$pacta" lint tests/lint/unused.pacta
run "$pacta" check examples/model-agreement.pacta
run "$pacta" check --diagnostics=sarif tests/golden/typo_names.pacta tests/golden/typo_curly.pacta
run "$pacta" check --diagnostics=json --color=always tests/golden/lookalikes.pacta tests/golden/utf8_identifiers.pacta
run "$pacta" check tests/golden/typo_becuase.pacta tests/golden/typo_dates.pacta tests/golden/binary_junk.pacta
run "$pacta" test --format=junit --coverage examples/model-agreement.pacta
run "$pacta" test --format=json --threshold=90 examples/model-agreement.pacta
run "$pacta" inspect examples/model-agreement.pacta
run "$pacta" fmt tests/workbench/fmt/by_agreement.pacta
$vg "$pacta" fmt - <tests/workbench/fmt/by_agreement.pacta >/dev/null 2>&1
[ $? -eq 99 ] && { echo "FAIL valgrind: pacta fmt -"; fail=$((fail + 1)); }
echo "memcheck: $fail failed"
[ "$fail" -eq 0 ]
