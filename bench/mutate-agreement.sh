#!/bin/sh
# mutate-agreement.sh FILE K — prints FILE (an agreement of
# gen-agreement.sh) with K of its clauses changed, spread evenly over it:
# a penalty threshold, a count, a retention period, refer made refuse, an
# exemption's condition, in turn.  For the figures of bench/diff.sh.
file=$1
k=${2:-1}
n=$(grep -c '^  clause ' "$file")
awk -v k="$k" -v n="$n" '
/^  clause c[0-9]+ / {
	i++
	step = int(n / (k + 1)); if (step < 1) step = 1
	if (done < k && i % step == 0 && i >= step) {
		if (sub(/max_penalty >= [0-9]+ years/, "max_penalty >= 3 years") ||
		    sub(/targets > [0-9]+/, "targets > 17") ||
		    sub(/oblige retain_at_most [0-9]+ days/, "oblige retain_at_most 45 days") ||
		    sub(/ refer when /, " refuse when ") ||
		    sub(/assistance = preservation/, "assistance = interception"))
			done++
	}
}
{ print }' "$file"
