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
