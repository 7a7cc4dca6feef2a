# proofs.sh — the requests the prover prints, decided again (sourced by
# tests/e2e/run.sh, after $tmp and $pacta are set): every counterexample of
# a failing assert in the golden diagnostics, decided by the interpreter
# and by the native module, gets exactly the decision printed under it.

# reproduce SRC FILE: FILE holds "counterexample: REQ" lines, each followed
# by "decision: DECISION"; each REQ is decided as DECISION by both
reproduce() {
	src=$1 file=$2 name=$(basename "$1" .pacta)
	sed -n 's/^  counterexample: //p' "$file" >"$tmp/$name.req.jsonl"
	sed -n 's/^  decision: //p' "$file" >"$tmp/$name.dec.jsonl"
	[ -s "$tmp/$name.req.jsonl" ] || { bad "$file: no counterexample"; return; }
	[ "$(wc -l <"$tmp/$name.req.jsonl")" -eq "$(wc -l <"$tmp/$name.dec.jsonl")" ] && ok ||
		bad "$file: not one decision per counterexample"
	"$pacta" eval --trace "$src" "$tmp/$name.req.jsonl" >"$tmp/got" 2>"$tmp/err"
	same "$tmp/$name.dec.jsonl" "$tmp/got" "$file: the interpreter decides its counterexamples otherwise"
	if "$pacta" build "$src" -o "$tmp/$name.so" 2>"$tmp/err"; then
		"$pacta" eval --trace "$tmp/$name.so" "$tmp/$name.req.jsonl" >"$tmp/got" 2>"$tmp/err"
		same "$tmp/$name.dec.jsonl" "$tmp/got" "$file: the native module decides its counterexamples otherwise"
	else
		bad "build $src"; cat "$tmp/err"
	fi
}

for err in tests/golden/*.err; do
	grep -q '^  counterexample: ' "$err" || continue
	reproduce "${err%.err}.pacta" "$err"
done

# an example's guarantee broken on purpose: Budapest's 60 days of
# preservation cut to 30 in clause 29.1; pacta check and pacta test fail at
# the assert, and the counterexample reproduces
sed 's/oblige preserve_for_at_least 60 days when assistance = preservation/oblige preserve_for_at_least 30 days when assistance = preservation/' \
	examples/budapest.pacta >"$tmp/budapest-broken.pacta"
expect_status 1 "check, a guarantee broken" "$pacta" check "$tmp/budapest-broken.pacta"
contains "$tmp/err" 'error: assert "granted preservation lasts at least 60 days (Art 29(7))" does not hold' "check, a guarantee broken"
[ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] && ok || bad "check, a guarantee broken: not exactly one error"
contains "$tmp/err" '"preserve_for_at_least": 30' "the counterexample's decision shows the broken value"
reproduce "$tmp/budapest-broken.pacta" "$tmp/err"
expect_status 1 "test, a guarantee broken" "$pacta" test "$tmp/budapest-broken.pacta"
contains "$tmp/err" 'does not hold' "test, a guarantee broken"

# pacta doc: a guarantee that does not hold is marked so, with its
# counterexample (a proven one is pinned by tests/doc/guarantees.html)
expect_status 0 "doc, a guarantee broken" "$pacta" doc "$tmp/budapest-broken.pacta" -o "$tmp/broken.html"
[ "$(grep -c 'badge unproven' "$tmp/broken.html")" -eq 1 ] && ok || bad "doc: not exactly one guarantee marked not proven"
contains "$tmp/broken.html" 'It does not hold: this request breaks it' "doc, a guarantee broken"
