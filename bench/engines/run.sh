#!/bin/sh
# run.sh BUILD full|quick — the engines benchmark of bench/README.md, run by
# `make bench` (full) and `make bench-quick` / `make bench QUICK=1` (quick).
# Fails when any engine decides any request differently from Pacta; asserts
# no timing.  Full: writes bench/RESULTS.md; quick: BUILD/engines-bench/RESULTS-quick.md.
set -eu
B=$1
mode=${2:-full}
P=$B/pacta
EC=$B/engines_c
D=$B/engines-bench
JS=bench/engines/js
REF=bench/engines/reference.pacta
mkdir -p "$D"
rm -f "$D/results.jsonl" "$D/scaling.jsonl"
if [ "$mode" = quick ]; then
	N=2000 PASSES=3 SIZES="100 1000" OUT=$D/RESULTS-quick.md
else
	N=100000 PASSES=7 SIZES="100 1000 10000" OUT=bench/RESULTS.md
fi
steps=$((8 + 2 * $(echo $SIZES | wc -w)))
i=0
step() { i=$((i + 1)); echo "[$i/$steps] $*"; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
# the CPU milliseconds (user and system) the shell's children have used so
# far: a build's CPU time is the difference, which other work on a shared
# machine does not inflate as it does the wall clock
# (`times` run here, not in $(...), whose subshell has no children)
cpu_ms() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$D/times"; }

step "the reference policy: pacta check, pacta test, pacta test --native"
$P check $REF
$P test $REF | tail -1
$P test --native $REF | tail -1

step "$N seeded requests (seed 42) -> $D/requests.jsonl; pacta build -> $D/reference.so"
$EC gen $REF $N 42 "$D/requests.jsonl" "$D/consts.json"
$P build $REF -o "$D/reference.so"

step "hand-written C, Pacta through libpacta, the reference interpreter (checks C against Pacta)"
$EC run $REF "$D/reference.so" "$D/requests.jsonl" "$D" $PASSES

step "pacta eval on JSON Lines (module and source), checked against the C API's decisions"
for src in "$D/reference.so" $REF; do
	best=0
	for k in 1 2 3; do
		a=$(date +%s%N)
		$P eval "$src" "$D/requests.jsonl" > "$D/eval.out"
		b=$(date +%s%N)
		t=$((b - a))
		[ $best -eq 0 ] || [ $t -lt $best ] && best=$t
	done
	node $JS/bench.mjs --eval-output "$D/eval.out" "$D/pacta-capi.canon"
	case $src in *.so) what="pacta eval (native module)" ;; *) what="pacta eval (interpreter)" ;; esac
	ns=$(echo "$best $N" | awk '{ printf "%.2f", $1 / $2 }')
	echo "{\"engine\": \"$what\", \"how\": \"JSON Lines in, JSON out, best of 3 runs, whole process\", \"requests\": $N, \"ns\": $ns, \"agree\": \"yes\"}" >> "$D/results.jsonl"
	echo "   $what: $ns ns/decision"
done

for e in plainjs casl cel cedar; do
	step "$e: decide, check against Pacta, time"
	node $JS/bench.mjs $e "$D/requests.jsonl" "$D/consts.json" "$D/pacta-capi.canon" "$D" $PASSES
done

for n in $SIZES; do
	step "scaling: generated agreement of $n clauses: pacta build"
	sh bench/engines/gen-scaled.sh $n > "$D/gen-$n.pacta"
	times > "$D/times"
	c=$(cpu_ms)
	a=$(date +%s%N)
	$P build "$D/gen-$n.pacta" -o "$D/gen-$n.so"
	b=$(date +%s%N)
	times > "$D/times"
	cpu=$(($(cpu_ms) - c))
	size=$(stat -c %s "$D/gen-$n.so")
	echo "   $(ms $a $b) ms ($cpu ms of CPU), $size bytes"
	step "scaling: $n clauses: module load, decisions"
	line=$($EC scale "$D/gen-$n.so" "$D/requests.jsonl" 3)
	echo "$line" | sed "s/^{/{\"n\": $n, \"build_ms\": $(ms $a $b), \"build_cpu_ms\": $cpu, \"size\": $size, /" >> "$D/scaling.jsonl"
	echo "   $line"
done

echo "== results"
node $JS/report.mjs "$D" "$mode" "$OUT" "$B"
