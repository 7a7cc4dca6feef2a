#!/bin/sh
# bench/proofs.sh BUILD [quick] — the figures of the proofs issue: the time
# `pacta check` takes to prove every assert of each example agreement (the
# front end included), and the time `pacta explain --to` takes to find the
# nearest request with another outcome, for each example's refused
# requests.  Best of 3 runs each (1 with quick); the largest per example
# goes to BUILD/proofs-figures.txt for bench/section1.sh's table.  Nothing
# is asserted (these machines are shared).
set -eu
B=$1
passes=3
[ "${2:-}" = quick ] && passes=1
figures=$B/proofs-figures.txt
: > "$figures"
ms() { echo $((($2 - $1) / 1000000)); }

# best_ms CMD...: the best wall time of $passes runs, in ms (output dropped)
best_ms() {
	best=
	i=0
	while [ $i -lt $passes ]; do
		a=$(date +%s%N)
		"$@" > /dev/null 2>&1 || true
		b=$(date +%s%N)
		t=$(ms "$a" "$b")
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		i=$((i + 1))
	done
	echo "$best"
}

echo "== pacta check: every assert proven (best of $passes)"
worst=0
for f in examples/*.pacta; do
	[ -f "${f%.pacta}.jsonl" ] || continue   # a file an agreement imports
	n=$(grep -c '^assert ' "$f" || true)
	t=$(best_ms "./$B/pacta" check "$f")
	echo "$f: $n asserts, $t ms"
	[ "$t" -gt "$worst" ] && worst=$t
done
echo "prove_max_ms $worst" >> "$figures"

echo "== pacta explain --to grant: the refused requests of each example (best of $passes)"
worst=0
for f in examples/*.pacta; do
	j=${f%.pacta}.jsonl
	[ -f "$j" ] || continue
	"./$B/pacta" eval "$f" "$j" 2>/dev/null | grep -n '"outcome": "refuse"' | cut -d: -f1 | head -5 > "$B/proofs-lines.txt" || true
	while read -r k; do
		sed -n "${k}p" "$j" > "$B/proofs-req.json"
		t=$(best_ms "./$B/pacta" explain --to grant "$f" "$B/proofs-req.json")
		echo "$f line $k: $t ms"
		[ "$t" -gt "$worst" ] && worst=$t
	done < "$B/proofs-lines.txt"
done
echo "explain_to_max_ms $worst" >> "$figures"
