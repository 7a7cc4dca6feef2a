#!/bin/sh
# tsan.sh — `pacta serve` built with ThreadSanitizer, under the load that
# crosses its threads: wrk's calls on four HTTP workers (decisions, and
# each written to the decision log by its writer), the module file
# replaced and SIGHUP sent while they run (the registry swapping modules
# under calls in progress), /metrics read meanwhile (every worker's
# counters summed), explain?to= questions asked meanwhile (solved on the
# prover's thread while their modules are swapped), then SIGTERM with
# questions waiting (the drain).  The service must answer every call 200
# (a question at SIGTERM 200 or 503) and exit 0; ThreadSanitizer, told to halt on its first
# report, would make it exit 66.  127.0.0.1 only, every loop bounded.
#   sh tests/serve/tsan.sh BUILD
B=${1:-build}
pacta=$B/pacta
serve=$B/tsan/pacta-serve
tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
. tests/e2e/lib.sh
. tests/serve/listening.sh

dir=$tmp/modules
mkdir -p "$dir" "$tmp/v"
"$pacta" build examples/model-agreement.pacta -o "$tmp/v/v1.so" || exit 1
sed 's/version "2.1"/version "2.2"/' examples/model-agreement.pacta > "$tmp/v2.pacta"
"$pacta" build "$tmp/v2.pacta" -o "$tmp/v/v2.so" || exit 1
cp "$tmp/v/v1.so" "$dir/model-agreement.so"
sed -n 1p examples/model-agreement.jsonl > "$tmp/req"

# the prover beside the uninstrumented libpacta (the service links its own)
PACTA_PROVE_LIBRARY=$(pwd)/$B/libpacta-prove.so.0 \
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 suppressions=$(pwd)/tests/serve/tsan.supp" \
	"$serve" --port 0 --threads 4 --quiet --log "$tmp/decisions.jsonl" "$dir" \
	> "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
pids="$pids $pid"
if ! url=$(await_url "$tmp/serve.err" "$pid" 200); then
	bad "the service (ThreadSanitizer) did not start"; cat "$tmp/serve.err"
	echo "serve tsan: $pass passed, $fail failed"; exit 1
fi
wrk_post "$tmp/post.lua" "$tmp/req"
wrk -t2 -c8 -d5s -s "$tmp/post.lua" "$url/v1/agreements/model-agreement/decide" > "$tmp/wrk.out" 2>&1 &
wrk_pid=$!
pids="$pids $wrk_pid"
sleep 0.3
i=0
while [ $i -lt 24 ]; do
	# written beside and moved in: the watcher reloads it
	cp "$tmp/v/v$((i % 2 + 1)).so" "$dir/.next" && mv "$dir/.next" "$dir/model-agreement.so"
	[ $((i % 6)) -eq 5 ] && kill -HUP "$pid"
	curl -s -o /dev/null "$url/metrics"
	curl -s -o /dev/null "$url/v1/agreements/model-agreement"
	curl -s -o /dev/null -w '%{http_code}\n' -X POST --data-binary "@$tmp/req" \
		"$url/v1/agreements/model-agreement/explain?to=refuse" >> "$tmp/questions" &
	qpids="${qpids:-} $!"
	sleep 0.15
	i=$((i + 1))
done
wait "$wrk_pid"
# shellcheck disable=SC2086 # the pids, split on purpose
wait $qpids
n=$(grep -c '^200$' "$tmp/questions")
[ "$n" -eq 24 ] && ok || { bad "explain?to= under load: $n of 24 answered 200"; sort "$tmp/questions" | uniq -c; }
grep -q "requests in" "$tmp/wrk.out" && ok || { bad "wrk did not run"; cat "$tmp/wrk.out"; }
grep -q "Non-2xx\|Socket errors" "$tmp/wrk.out" && { bad "calls failed under ThreadSanitizer"; cat "$tmp/wrk.out"; } || ok
: > "$tmp/questions"
qpids=""
for i in 1 2 3 4 5 6; do
	curl -s -o /dev/null -w '%{http_code}\n' -X POST --data-binary "@$tmp/req" \
		"$url/v1/agreements/model-agreement/explain?to=refuse" >> "$tmp/questions" &
	qpids="$qpids $!"
done
sleep 0.2
kill -TERM "$pid"
wait "$pid"
st=$?
# shellcheck disable=SC2086
wait $qpids
grep -qv '^\(200\|503\|000\)$' "$tmp/questions" && { bad "explain?to= at SIGTERM:"; sort "$tmp/questions" | uniq -c; } || ok
pids=""
if [ "$st" -eq 0 ] && ! grep -q "ThreadSanitizer" "$tmp/serve.err"; then
	ok
else
	bad "pacta serve under ThreadSanitizer: exit status $st"; cat "$tmp/serve.err"
fi
[ -s "$tmp/decisions.jsonl" ] && ok || bad "no decision logged"
echo "  $(awk '/requests in/ { print $1 }' "$tmp/wrk.out") calls; $(wc -l < "$tmp/decisions.jsonl") decisions logged"
echo "serve tsan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
