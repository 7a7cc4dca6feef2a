#!/bin/sh
# bench/section1.sh BUILD [quick] — the figures of the native-modules issue
# on examples/model-agreement.pacta, measured in one run, then a
# table of them against their targets.  Nothing is asserted: these machines
# are shared, so the figures are ratios taken back to back where they can
# be, and the table says "met" or "missed" for this run only.
set -eu
B=$1
quick=${2:-}
rounds=5000000 eval_reps=15000 interp_rounds=1000000 checks="1000 5000 50000"
if [ "$quick" = quick ]; then
	rounds=200000 eval_reps=6000 interp_rounds=20000 checks="1000 5000"
fi
figures=$B/section1-figures.txt
: > "$figures"

echo "== native module vs hand-written C vs interpreter (decoded requests)"
"./$B/bench_native" examples/model-agreement.pacta examples/model-agreement.jsonl $rounds > "$B/bench-native.out"
grep -v '^figure ' "$B/bench-native.out"
grep '^figure ' "$B/bench-native.out" | sed 's/^figure //' >> "$figures"

echo "== pacta eval on JSON Lines (the example requests, repeated), input to output"
head -13 examples/model-agreement.jsonl > "$B/bench-13.jsonl"
i=0
: > "$B/bench-eval.jsonl"
while [ $i -lt $eval_reps ]; do cat "$B/bench-13.jsonl"; i=$((i + 1)); done >> "$B/bench-eval.jsonl"
lines=$(wc -l < "$B/bench-eval.jsonl")
"./$B/pacta" build examples/model-agreement.pacta -o "$B/bench-model.so"
for m in "$B/bench-model.so" examples/model-agreement.pacta; do
	best=0
	for pass in 1 2 3; do
		a=$(date +%s%N)
		"./$B/pacta" eval "$m" "$B/bench-eval.jsonl" > /dev/null
		b=$(date +%s%N)
		rate=$((lines * 1000000000 / (b - a)))
		[ $rate -gt $best ] && best=$rate
	done
	echo "pacta eval $m: $lines lines, $best decisions/s (best of 3)"
	case $m in *.so) echo "eval_per_s $best" >> "$figures" ;; esac
done

echo "== pacta fmt of a generated 5,000-clause agreement"
sh bench/gen-agreement.sh 5000 > "$B/gen-5000.pacta"
a=$(date +%s%N)
"./$B/pacta" fmt "$B/gen-5000.pacta" > /dev/null
b=$(date +%s%N)
echo "pacta fmt (5,000 clauses): $(((b - a) / 1000000)) ms"

echo "== pacta build of a generated 1,000-clause agreement"
sh bench/gen-agreement.sh 1000 > "$B/gen-1000.pacta"
a=$(date +%s%N)
"./$B/pacta" build "$B/gen-1000.pacta" -o "$B/gen-1000.so"
b=$(date +%s%N)
ms=$(((b - a) / 1000000))
echo "pacta build (1,000 clauses): $ms ms, module $(stat -c %s "$B/gen-1000.so") bytes"
echo "build_1000_ms $ms" >> "$figures"

echo "== interpreter on the section 1 agreement (decoded requests)"
"./$B/bench_interp" examples/model-agreement.pacta examples/model-agreement.jsonl $interp_rounds

echo "== pacta check on generated agreements"
for n in $checks; do
	sh bench/gen-agreement.sh "$n" > "$B/gen-$n.pacta"
	"./$B/bench_interp" "$B/gen-$n.pacta" examples/model-agreement.jsonl 2000 | head -1
done

echo "== proofs: asserts and explain --to on the examples (bench/proofs.sh)"
sh bench/proofs.sh "$B" $quick
cat "$B/proofs-figures.txt" >> "$figures"

# The table: each figure against its target.
fig() { awk -v k="$1" '$1 == k { print $2 }' "$figures"; }
row() { # label target measured verdict
	printf '| %-54s | %-13s | %-14s | %-6s |\n' "$1" "$2" "$3" "$4"
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { if "$@"; then echo met; else echo missed; fi; }
echo
echo "== targets (this run)"
row "figure" "target" "measured" "result"
echo "|--------------------------------------------------------|---------------|----------------|--------|"
for set in examples random; do
	r=$(fig api_vs_c_$set)
	row "native via C API vs hand-written C, $set" "<= 1.5x" "${r}x" "$(verdict le "$r" 1.5)"
done
for set in examples random; do
	r=$(fig api_vs_interp_$set)
	row "native via C API vs interpreter, $set" ">= 20x" "${r}x" "$(verdict le 20 "$r")"
done
r=$(fig eval_per_s)
row "pacta eval A.so, JSON Lines in to out" ">= 500,000/s" "$r/s" "$(verdict le 500000 "$r")"
r=$(fig build_1000_ms)
row "pacta build, 1,000 generated clauses" "< 2,000 ms" "$r ms" "$(verdict le "$r" 1999)"
r=$(fig prove_max_ms)
row "pacta check, every assert of an example proven" "< 2,000 ms" "$r ms" "$(verdict le "$r" 1999)"
r=$(fig explain_to_max_ms)
row "pacta explain --to grant, an example's refusal" "< 1,000 ms" "$r ms" "$(verdict le "$r" 999)"
r=$(fig load_us)
row "module load (pacta_module_open: checks, dlopen)" "< 1,000 us" "$r us" "$(verdict le "$r" 999)"
