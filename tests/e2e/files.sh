#!/bin/sh
# files.sh — end-to-end tests of what `pacta` reads and writes, from the
# repository root: output that cannot be written is an error, never a
# success with output missing; files are replaced whole or not at all; what
# is not a regular file is refused rather than waited on.
#   sh tests/e2e/files.sh build/pacta
pacta=${1:-build/pacta}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh
m=examples/model-agreement.pacta

# ---- standard output that cannot be written: exit status 1, and said ----
head -3 examples/model-agreement.jsonl >"$tmp/ok.jsonl"
sed -n 12p examples/model-agreement.jsonl >"$tmp/request.json"
"$pacta" build "$m" -o "$tmp/m.so" || bad "build $m"
# full_stdout DESCRIPTION CMD...: CMD with its standard output on /dev/full
full_stdout() {
	what=$1; shift
	"$@" >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "cannot write standard output" "$tmp/err"; then ok; else
		bad "$what > /dev/full: exit status $rc, expected 1 with 'cannot write standard output'"
		sed 's/^/    /' "$tmp/err" | head -5
	fi
}
full_stdout "eval" "$pacta" eval "$m" "$tmp/ok.jsonl"
full_stdout "eval (module)" "$pacta" eval "$tmp/m.so" "$tmp/ok.jsonl"
full_stdout "inspect" "$pacta" inspect "$tmp/m.so"
full_stdout "explain" "$pacta" explain "$m" "$tmp/request.json"
full_stdout "test" "$pacta" test "$m"
full_stdout "fmt" "$pacta" fmt "$m"
full_stdout "diff --json" "$pacta" diff --json "$m" "$m"
full_stdout "doc" "$pacta" doc "$m"
full_stdout "keygen" "$pacta" keygen "$tmp/full.key"
full_stdout "--help" "$pacta" --help
full_stdout "--version" "$pacta" --version
full_stdout "check --help" "$pacta" check --help

# A reader that goes away: with SIGPIPE ignored (as many services run),
# eval stops at the first failed write and says so, rather than deciding
# the rest of its input for nobody.
awk 'NR <= 3' examples/model-agreement.jsonl >"$tmp/three.jsonl"
i=0; while [ $i -lt 2000 ]; do cat "$tmp/three.jsonl"; i=$((i + 1)); done >"$tmp/many.jsonl"
( trap '' PIPE; { "$pacta" eval "$m" "$tmp/many.jsonl" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | head -1 >"$tmp/out" )
[ "$(cat "$tmp/rc")" = 1 ] && grep -q "cannot write standard output" "$tmp/err" && ok ||
	bad "eval into a closed pipe (SIGPIPE ignored): exit status $(cat "$tmp/rc"), expected 1 with a message"
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || bad "eval into a closed pipe: head saw no line"

echo "files: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
