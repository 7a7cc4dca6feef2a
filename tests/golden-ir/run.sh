#!/bin/sh
# run.sh — IR golden tests: each tests/golden-ir/X.pacta is compiled at -O0
# for a pinned target and its LLVM IR compared with X.ll (diff -u).
#   sh tests/golden-ir/run.sh build/pacta;  UPDATE=1 ... rewrites the .ll
pacta=${1:-build/pacta}
pass=0
fail=0
out=$(mktemp)
for src in tests/golden-ir/*.pacta; do
	exp=${src%.pacta}.ll
	if ! "$pacta" build -O0 --target x86_64-pc-linux-gnu --emit-llvm "$src" -o "$out"; then
		echo "FAIL $src: build failed"; fail=$((fail + 1)); continue
	fi
	[ -n "$UPDATE" ] && cp "$out" "$exp"
	if diff -u "$exp" "$out"; then pass=$((pass + 1)); else
		echo "FAIL $src: IR differs"; fail=$((fail + 1))
	fi
done
rm -f "$out"
echo "golden IR: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
