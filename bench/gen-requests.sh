#!/bin/sh
# gen-requests.sh N — prints N seeded random requests (JSON Lines) for the
# model agreement (examples/model-agreement.pacta and
# its amendments): the parties and a third state, the measures, offences
# and data categories it names, now and then a political offence or a
# journalist.  For `pacta diff --replay` in bench/diff.sh.
awk -v n="${1:-1000000}" 'BEGIN {
	srand(42)
	split("XA XB XC", p)
	split("illegal_access misuse_of_devices computer_fraud csam money_laundering terrorism criminal_defamation blasphemy", o)
	split("preservation subscriber_info traffic_data content_data interception", m)
	split("subscriber traffic content health", d)
	for (i = 1; i <= n; i++) {
		x = rand()
		printf "{\"id\": %d, \"requesting_party\": \"%s\", \"requested_party\": \"%s\", \"submitted\": \"2026-0%d-1%d\", \"assistance\": \"%s\", \"offence\": \"%s\", \"max_penalty\": %d, \"data\": [\"%s\"], \"specific_investigation\": %s, \"targets\": %d%s}\n",
		       i, p[1 + int(rand() * 2)], p[2 - int(rand() * 2)], 1 + int(rand() * 9), int(rand() * 9),
		       m[1 + int(rand() * 5)], o[1 + int(rand() * 8)], int(rand() * 10), d[1 + int(rand() * 4)],
		       rand() < 0.9 ? "true" : "false", 1 + int(rand() * 12),
		       x < 0.1 ? ", \"political_offence\": true" : x < 0.2 ? ", \"target_is_journalist\": true" : ""
	}
}'
