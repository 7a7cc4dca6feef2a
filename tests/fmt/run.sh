#!/bin/sh
# run.sh — pacta fmt on every agreement in the repository and on generated
# ones: the output is a fixed point (formatting it again changes nothing),
# and it means the same — the module built from the formatted file is
# byte-identical to the module built from the original (modules are built
# from the canonical form, so any change of meaning would show); and the
# examples and the standard library are in that form already.
#   sh tests/fmt/run.sh build/pacta
pacta=${1:-build/pacta}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
sh bench/gen-agreement.sh 300 >"$tmp/generated.pacta"
for f in examples/*.pacta stdlib/std/*.pacta stdlib/tests/*.pacta tests/semantics/*.pacta \
         tests/golden-ir/*.pacta "$tmp/generated.pacta"; do
	if ! "$pacta" fmt "$f" >"$tmp/a.pacta" 2>"$tmp/err"; then
		echo "FAIL fmt $f"; cat "$tmp/err"; fail=$((fail + 1)); continue
	fi
	"$pacta" fmt "$tmp/a.pacta" >"$tmp/b.pacta" 2>&1
	if cmp -s "$tmp/a.pacta" "$tmp/b.pacta"; then pass=$((pass + 1)); else
		echo "FAIL fmt is not idempotent on $f"; diff -u "$tmp/a.pacta" "$tmp/b.pacta" | head -20; fail=$((fail + 1))
	fi
	out=$("$pacta" check -I stdlib "$f" 2>&1) || continue
	# a Party's part of an agreement is checked through that agreement,
	# but builds nothing of its own
	case $out in *"as part of"*) continue ;; esac
	# the formatted copy beside the original, so relative imports still resolve
	dir=$(dirname "$f")
	copy="$dir/.fmt-$$-$(basename "$f")"
	cp "$tmp/a.pacta" "$copy"
	rm -f "$tmp/x.so" "$tmp/y.so"
	"$pacta" build "$f" -o "$tmp/x.so" 2>/dev/null
	"$pacta" build "$copy" -o "$tmp/y.so" 2>/dev/null
	rm -f "$copy"
	if [ -s "$tmp/x.so" ] && cmp -s "$tmp/x.so" "$tmp/y.so"; then pass=$((pass + 1)); else
		echo "FAIL fmt changes the meaning of $f (modules differ)"; fail=$((fail + 1))
	fi
done
# every example, stdlib file and bench policy is kept in the canonical layout
for f in examples/*.pacta stdlib/std/*.pacta stdlib/tests/*.pacta bench/stress/*.pacta bench/engines/*.pacta bench/eval/*.pacta; do
	if "$pacta" fmt --check "$f" >/dev/null 2>&1; then pass=$((pass + 1)); else
		echo "FAIL $f is not in the canonical layout (run: pacta fmt -w $f)"; fail=$((fail + 1))
	fi
done
# --check and -w (on a copy of the model agreement out of layout)
sed 's/^  version "2.1"/  version   "2.1"/' examples/model-agreement.pacta >"$tmp/m.pacta"
"$pacta" fmt --check "$tmp/m.pacta" >"$tmp/out" 2>&1
[ $? -eq 1 ] && grep -q "not in the canonical layout" "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL fmt --check on an unformatted file"; fail=$((fail + 1)); }
"$pacta" fmt -w "$tmp/m.pacta" && "$pacta" fmt --check "$tmp/m.pacta" && pass=$((pass + 1)) || { echo "FAIL fmt -w"; fail=$((fail + 1)); }
printf 'clause 1 grant when (\n' >"$tmp/bad.pacta"
cp "$tmp/bad.pacta" "$tmp/bad.orig"
"$pacta" fmt -w "$tmp/bad.pacta" 2>"$tmp/err"
[ $? -eq 1 ] && cmp -s "$tmp/bad.pacta" "$tmp/bad.orig" && grep -q "syntax error" "$tmp/err" && pass=$((pass + 1)) || { echo "FAIL fmt on a file that does not parse"; fail=$((fail + 1)); }
# CRLF line ends, in comments and text blocks too: the canonical form and
# the module are those of the same file with LF line ends
f=tests/semantics/language2.pacta
sed 's/$/\r/' "$f" >"$tmp/crlf.pacta"
"$pacta" fmt "$f" >"$tmp/lf.out" && "$pacta" fmt "$tmp/crlf.pacta" >"$tmp/crlf.out" && cmp -s "$tmp/lf.out" "$tmp/crlf.out" \
	&& pass=$((pass + 1)) || { echo "FAIL fmt keeps carriage returns of a CRLF file"; diff "$tmp/lf.out" "$tmp/crlf.out" | cat -A | head -6; fail=$((fail + 1)); }
cp "$f" "$tmp/lf.pacta"
"$pacta" build "$tmp/lf.pacta" -o "$tmp/lf.so" && "$pacta" build "$tmp/crlf.pacta" -o "$tmp/crlf.so" && cmp -s "$tmp/lf.so" "$tmp/crlf.so" \
	&& pass=$((pass + 1)) || { echo "FAIL a CRLF file builds another module than the same file with LF"; fail=$((fail + 1)); }
echo "fmt: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
