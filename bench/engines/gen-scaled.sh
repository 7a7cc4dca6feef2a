#!/bin/sh
# gen-scaled.sh N — a generated agreement of N clauses over the standard
# request (std.mla) whose clauses test different fields with different
# constants: offence, assistance, parties, penalty, targets, retention, data
# categories, the flags and the submission date, with every action and
# exemptions.  For the scaling figures of bench/engines.
n=${1:-1000}
cat <<'H'
agreement "Generated, clauses over many fields" parties XA, XB, XC effective 2025-01-01 expires 2035-12-31 default refuse
import std.mla
import std.offences
import std.privacy
H
awk -v n="$n" 'BEGIN {
	no = split("illegal_access illegal_interception data_interference system_interference misuse_of_devices computer_forgery computer_fraud csam child_grooming ncii money_laundering terrorism drug_trafficking human_trafficking corruption homicide extortion criminal_defamation blasphemy sedition", off, " ")
	na = split("preservation subscriber_info traffic_data content_data real_time_traffic interception search_and_seizure spontaneous_information service_of_documents testimony", as, " ")
	nd = split("subscriber traffic content health biometric political_opinion criminal_record genetic", dc, " ")
	nf = split("political_offence emergency judicial_authorisation target_is_journalist target_is_hrd onward_transfer_requested death_penalty_possible death_penalty_assurance persecution_risk essential_interests", fl, " ")
	np = split("XA XB XC", pa, " ")
	split("grant refer refuse", act, " ")
	for (i = 1; i <= n; i++) {
		if (i % 20 == 1) printf "article %d \"Article %d\"\n", int(i / 20) + 1, int(i / 20) + 1
		a = act[(int(i / 9) % 3) + 1]
		o = off[(i * 7) % no + 1]; s = as[(i * 3) % na + 1]; d = dc[(i * 5) % nd + 1]
		f = fl[(i * 11) % nf + 1]; p = pa[i % np + 1]
		k = i % 10
		if (k == 0) printf "  clause c%d %s when offence = %s and max_penalty >= %d years\n", i, a, o, i % 12
		else if (k == 1) printf "  clause c%d %s when assistance = %s and targets > %d\n", i, a, s, i % 40
		else if (k == 2) printf "  clause c%d %s when requesting_party = %s and %s unless %s\n", i, a, p, f, fl[(i * 13) % nf + 1]
		else if (k == 3) printf "  clause c%d oblige retain_at_most %d days when %s in data\n", i, 30 + i % 300, d
		else if (k == 4) printf "  clause c%d %s when retention_requested > %d days and offence in {%s, %s}\n", i, a, 30 + i % 700, o, off[(i * 3) % no + 1]
		else if (k == 5) printf "  clause c%d exempts c%d when assistance = %s\n", i, i - 1, s
		else if (k == 6) printf "  clause c%d %s when submitted >= %d-%02d-01 and %s\n", i, a, 2025 + i % 10, 1 + i % 12, f
		else if (k == 7) printf "  clause c%d %s when data overlaps {%s, %s} and requested_party = %s\n", i, a, d, dc[(i * 3) % nd + 1], p
		else if (k == 8) printf "  clause c%d oblige respond_within %d days when assistance = %s\n", i, 5 + i % 90, s
		else printf "  clause c%d %s when offence = %s and assistance = %s unless %s\n", i, a, o, s, f
	}
}'
