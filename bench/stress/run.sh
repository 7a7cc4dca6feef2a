#!/bin/sh
# bench/stress/run.sh BUILD full|quick — the stress benchmark of
# bench/README.md ("The stress policies"), run by `make bench-stress`:
# each policy checked and tested (also natively) and built, then
# BUILD/stress decides the same requests with the module through libpacta
# and with the policy's hand-written C, fails if they disagree on any, and
# times them.  No timing is asserted.  The output is kept in
# BUILD/stress-bench/stress.txt (stress-quick.txt for quick).
set -eu
B=$1
mode=${2:-full}
P=$B/pacta
D=$B/stress-bench
POLICIES="regional refusals exceptions production deadlines"
mkdir -p "$D"
for p in $POLICIES; do
	src=bench/stress/$p.pacta
	$P check "$src"
	for how in "" --native; do
		if ! $P test $how "$src" > "$D/test.out" 2>&1; then
			cat "$D/test.out"
			exit 1
		fi
	done
	$P build "$src" -o "$D/$p.so"
	echo "$src: checked, $(tail -1 "$D/test.out") (interpreter and native), built"
done
case $mode in
quick) out=$D/stress-quick.txt; set -- quick ;;
*) out=$D/stress.txt; set -- ;;
esac
# the harness's status, not tee's
status=0
{ "$B/stress" run "$D" "$@" 2>&1 || status=$?; echo "$status" > "$D/status"; } | tee "$out"
exit "$(cat "$D/status")"
