#!/bin/sh
# bench/eval/gen.sh N [SEED] — N requests for bench/eval/nineteen.pacta as
# JSON Lines on standard output: every line an "id" and all nineteen
# fields, in the order a client would write them, from a fixed
# pseudo-random sequence (the same SEED, default 1, gives the same bytes on
# every machine: integer arithmetic only).  Most are refused, as most real
# requests would be: wrong parties, offences one Party does not
# criminalise, bulk requests, refusal grounds.
set -eu
n=$1
seed=${2:-1}
awk -v n="$n" -v seed="$seed" '
function rnd(k) {        # 0 .. k-1, from a 32-bit linear congruential sequence
	x = (x * 69069 + 1) % 4294967296     # exact: below 2^53 in any awk
	return int(x / 65536) % k
}
function pick(list,    a, c) { c = split(list, a, " "); return a[rnd(c) + 1] }
function flag(p) { return rnd(100) < p ? "true" : "false" }
BEGIN {
	x = seed
	parties = "XA XA XA XB XB XB XC XC XC XA XB XC FR US"
	measures = "preservation subscriber_info subscriber_info traffic_data traffic_data content_data real_time_traffic interception search_and_seizure"
	offences = "illegal_access illegal_interception data_interference system_interference misuse_of_devices computer_fraud computer_forgery csam ncii money_laundering terrorism drug_trafficking corruption criminal_defamation blasphemy harassment other_offence"
	cats = "subscriber traffic content domain_registration stored_other political_opinion health criminal_record"
	split(cats, cat, " ")
	for (i = 1; i <= n; i++) {
		data = ""
		k = rnd(4)
		for (j = 0; j < k; j++)
			data = data (j ? ", " : "") "\"" cat[rnd(8) + 1] "\""
		printf "{\"id\": %d, \"requesting_party\": \"%s\", \"requested_party\": \"%s\", ", i, pick(parties), pick(parties)
		printf "\"submitted\": \"%04d-%02d-%02d\", \"assistance\": \"%s\", \"offence\": \"%s\", ", 2024 + rnd(4), 1 + rnd(12), 1 + rnd(28), pick(measures), pick(offences)
		printf "\"max_penalty\": %d, \"data\": [%s], \"specific_investigation\": %s, \"targets\": %d, ", rnd(13), data, flag(90), 1 + rnd(14)
		printf "\"retention_requested\": %d, \"onward_transfer_requested\": %s, \"judicial_authorisation\": %s, ", rnd(400), flag(10), flag(40)
		printf "\"emergency\": %s, \"target_is_journalist\": %s, \"target_is_hrd\": %s, ", flag(5), flag(5), flag(5)
		printf "\"death_penalty_possible\": %s, \"death_penalty_assurance\": %s, \"political_offence\": %s, ", flag(5), flag(50), flag(5)
		printf "\"accepts_conditions\": %s}\n", flag(97)
	}
}'
