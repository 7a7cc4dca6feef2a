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

# ---- explain --to: the text pinned; every request it prints decided again
# by the interpreter and the native module, with the outcome it claims ----

# claimed WHAT OUTCOME AGREEMENT BASE: the "request:" line of $tmp/out, decided by
# the interpreter on AGREEMENT and the module $tmp/BASE.so, gets OUTCOME
claimed() {
	sed -n 's/^request: //p' "$tmp/out" >"$tmp/wit.json"
	[ "$(wc -l <"$tmp/wit.json")" -eq 1 ] || { bad "$1: no request printed"; return; }
	for m in "$3" "$tmp/$4.so"; do
		"$pacta" eval "$m" "$tmp/wit.json" >"$tmp/wit.out" 2>&1
		contains "$tmp/wit.out" "\"outcome\": \"$2\"" "$1: the request printed, decided by $m"
	done
}

d=tests/e2e/explain-to
"$pacta" build examples/model-agreement.pacta -o "$tmp/model-agreement.so"
for to in grant refer; do
	expect_status 0 "explain --to $to" "$pacta" explain --to $to examples/model-agreement.pacta "$d/bulk-content.json"
	same "$d/bulk-content-$to.expected" "$tmp/out" "explain --to $to differs from $d/bulk-content-$to.expected"
	claimed "explain --to $to" "$to" examples/model-agreement.pacta model-agreement
	# a module answers from its embedded source: the same, but for its name
	expect_status 0 "explain --to $to, module" "$pacta" explain --to $to "$tmp/model-agreement.so" "$d/bulk-content.json"
	tail -n +2 "$tmp/out" >"$tmp/got"
	tail -n +2 "$d/bulk-content-$to.expected" >"$tmp/want"
	same "$tmp/want" "$tmp/got" "explain --to $to: the module answers otherwise than its source"
done
expect_status 0 "explain --to grant, impossible" "$pacta" explain --to grant "$d/never.pacta" "$d/never.json"
same "$d/never-grant.expected" "$tmp/out" "explain --to grant differs from $d/never-grant.expected"
expect_status 0 "explain --to refer, impossible" "$pacta" explain --to refer "$d/never.pacta" "$d/never.json"
contains "$tmp/out" "no clause refers, and the default is refuse" "explain --to refer, impossible"
expect_status 2 "explain --to, no outcome" "$pacta" explain --to maybe "$d/never.pacta" "$d/never.json"
expect_status 1 "explain --to, a bad request" "$pacta" explain --to grant "$d/never.pacta" "$d/bulk-content.json"
contains "$tmp/err" "unknown" "explain --to, a bad request"

# every example: its first refused requests, made granted and referred
for f in examples/*.pacta; do
	base=$(basename "$f" .pacta)
	[ -f "$tmp/$base.so" ] || "$pacta" build "$f" -o "$tmp/$base.so"
	"$pacta" eval "$f" "examples/$base.jsonl" 2>/dev/null | grep -n '"outcome": "refuse"' | cut -d: -f1 | head -3 >"$tmp/lines"
	while read -r k; do
		sed -n "${k}p" "examples/$base.jsonl" >"$tmp/req.json"
		for to in grant refer; do
			expect_status 0 "explain --to $to $base line $k" "$pacta" explain --to $to "$f" "$tmp/req.json"
			grep -q '^no request is' "$tmp/out" || claimed "explain --to $to $base line $k" $to "$f" "$base"
		done
	done <"$tmp/lines"
done
