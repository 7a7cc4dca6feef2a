#!/bin/sh
# bench/diff.sh BUILD [quick] — the figures of the diff-review issue:
# `pacta diff` of generated agreements (gen-agreement.sh) of 100, 1,000
# and 5,000 clauses against themselves with one clause changed and with
# five (mutate-agreement.sh), and `pacta diff --replay` of 1,000,000
# logged requests (gen-requests.sh) between the model agreement and an
# amendment of it.  Each figure is the best of three runs, whole process;
# they go to BUILD/section1-figures.txt for section1.sh's table of
# targets, and, in a full run, to the part of bench/RESULTS.md between
# "<!-- diff -->" and "<!-- /diff -->".  Nothing is asserted but that each
# diff succeeds and finds its changes.
set -eu
B=$1
quick=${2:-}
sizes="100 1000 5000" requests=1000000 runs=3
if [ "$quick" = quick ]; then
	sizes="100 1000" requests=100000 runs=1
fi
P=./$B/pacta
figures=$B/section1-figures.txt
touch "$figures"
out=$B/diff-bench.md
ms() { date +%s%3N; }
# best PROGRAM ARGS...: the best wall time of $runs runs, in ms (output in $B/diff-bench.out)
best() {
	b=
	i=0
	while [ $i -lt $runs ]; do
		a=$(ms)
		"$@" > "$B/diff-bench.out" 2> "$B/diff-bench.err"
		t=$(($(ms) - a))
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
		i=$((i + 1))
	done
	echo "$b"
}
secs() { awk -v t="$1" 'BEGIN { printf "%.2f", t / 1000 }'; }

{
	echo "| pacta diff | clauses | changed | kinds found | solver queries | s |"
	echo "|---|--:|--:|--:|--:|--:|"
} > "$out"
echo "== pacta diff of generated agreements, one clause and five changed (best of $runs)"
for n in $sizes; do
	sh bench/gen-agreement.sh "$n" > "$B/diff-gen-$n.pacta"
	for k in 1 5; do
		sh bench/mutate-agreement.sh "$B/diff-gen-$n.pacta" $k > "$B/diff-gen-$n-$k.pacta"
		t=$(best "$P" diff "$B/diff-gen-$n.pacta" "$B/diff-gen-$n-$k.pacta")
		kinds=$(sed -n 's/^semantic diff: \([0-9]*\) kinds\{0,1\} of change$/\1/p' "$B/diff-bench.out")
		q=$(sed -n 's/^(\([0-9]*\) solver queries.*/\1/p' "$B/diff-bench.out")
		[ -n "$kinds" ] || { echo "diff of $n clauses, $k changed: no kind of change found"; cat "$B/diff-bench.err"; exit 1; }
		echo "pacta diff, $n clauses, $k changed: $kinds kinds, $q solver queries, $(secs "$t") s"
		echo "diff_${n}_${k}_ms $t" >> "$figures"
		echo "| generated | $n | $k | $kinds | $q | $(secs "$t") |" >> "$out"
	done
done

echo "== pacta diff --replay: $requests requests, the model agreement against an amendment"
sh bench/gen-requests.sh "$requests" > "$B/diff-requests.jsonl"
# the amendment of issue 16: storage 180 -> 120 days, the political-offence
# ground removed, money laundering in the scope
sed -e 's/oblige retain_at_most 180 days/oblige retain_at_most 120 days/' \
    -e '/clause 3.1 "Political offences"/,+1d' -e '/^test "a political offence is refused"/,+2d' \
    -e 's/grant when offence in core_cybercrimes and serious/grant when offence in core_cybercrimes | {money_laundering} and serious/' \
    examples/model-agreement.pacta > "$B/diff-model-amended.pacta"
t=$(best "$P" diff --replay "$B/diff-requests.jsonl" examples/model-agreement.pacta "$B/diff-model-amended.pacta")
changed=$(sed -n 's/^replay of .*, \([0-9,]*\) of them differently.*/\1/p' "$B/diff-bench.out")
[ -n "$changed" ] || { echo "replay: no summary"; cat "$B/diff-bench.err"; exit 1; }
how=$(sed -n 's/.*, decided by the two versions. native modules)$/native modules/p' "$B/diff-bench.out")
echo "pacta diff --replay, $requests requests: $changed decided differently, $(secs "$t") s (${how:-the interpreter})"
echo "replay_ms $t" >> "$figures"
echo "replay_requests $requests" >> "$figures"
{
	echo
	echo "| pacta diff --replay | requests | decided differently | decided by | s |"
	echo "|---|--:|--:|---|--:|"
	echo "| model agreement vs amendment | $requests | $changed | ${how:-the interpreter} | $(secs "$t") |"
} >> "$out"

if [ "$quick" != quick ]; then
	# bench/RESULTS.md: the part between the markers, replaced
	{
		echo "<!-- diff -->"
		echo "## pacta diff and --replay (bench/diff.sh)"
		echo
		echo "Whole process, best of $runs, on the machine above; $(date -u +%Y-%m-%dT%H:%M:%SZ)."
		echo
		cat "$out"
		echo "<!-- /diff -->"
	} > "$B/diff-results.md"
	awk -v f="$B/diff-results.md" '
		/^<!-- diff -->$/ { skip = 1; while ((getline l < f) > 0) print l; done = 1; next }
		/^<!-- \/diff -->$/ { skip = 0; next }
		!skip { print }
		END { if (!done) { print ""; while ((getline l < f) > 0) print l } }' bench/RESULTS.md > "$B/RESULTS.md.new"
	mv "$B/RESULTS.md.new" bench/RESULTS.md
fi
