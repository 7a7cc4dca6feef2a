#!/bin/sh
# gen-agreement.sh N — prints a generated agreement of N clauses over the
# standard request, for compile-time and scaling benchmarks.
n=${1:-5000}
cat <<'H'
agreement "Generated" parties XA, XB effective 2025-01-01 default refuse
import std.mla
import std.offences
import std.privacy
H
awk -v n="$n" 'BEGIN {
	split("illegal_access misuse_of_devices computer_fraud csam money_laundering terrorism criminal_defamation blasphemy", off, " ")
	for (i = 1; i <= n; i++) {
		if (i % 25 == 1) printf "article %d \"Article %d\"\n", int(i / 25) + 1, int(i / 25) + 1
		o = off[(i % 8) + 1]
		k = i % 5
		if (k == 0) printf "  clause c%d grant when offence = %s and max_penalty >= %d years\n", i, o, i % 10
		else if (k == 1) printf "  clause c%d refuse when targets > %d and not specific_investigation\n", i, i % 50
		else if (k == 2) printf "  clause c%d refer when target_is_journalist and offence in content_related unless emergency\n", i
		else if (k == 3) printf "  clause c%d oblige retain_at_most %d days when data overlaps special_categories\n", i, 30 + i % 300
		else printf "  clause c%d exempts c%d when assistance = preservation\n", i, i - 1
	}
}'
