#!/bin/sh
# memcheck.sh — pacta-serve under valgrind (make memcheck): every endpoint
# (explain?to= too), tests/serve/edges.py,
# bad input, a reload, a refused module, SIGHUP, the decision log, then
# SIGTERM; valgrind must find no error and no leak, and the exit status
# must be 0.
#   sh tests/serve/memcheck.sh BUILD
B=${1:-build}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh
. tests/serve/listening.sh
mkdir "$tmp/m"
"$B/pacta" build examples/model-agreement.pacta -o "$tmp/m/model-agreement.so" || exit 1
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	"$B/pacta-serve" --port 0 --threads 2 --log "$tmp/log.jsonl" "$tmp/m" > /dev/null 2> "$tmp/err" &
pid=$!
u=$(await_url "$tmp/err" "$pid" 1200) || { cat "$tmp/err"; exit 1; }
d=$u/v1/agreements/model-agreement
# first, while the log holds only its calls: what an integrator sent
# (refusals kept for the body, bytes echoed, errors placed by line)
python3 tests/serve/edges.py "${u##*:}" "$B/pacta" "$tmp/m/model-agreement.so" "$tmp/log.jsonl" "$tmp" &&
	ok || bad "edges (tests/serve/edges.py)"
sed -n 1p examples/model-agreement.jsonl > "$tmp/req"
c() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(c -X POST --data-binary @"$tmp/req" "$d/decide?trace=true")" = 200 ] && ok || bad "decide"
[ "$(c -X POST -H 'Content-Type: application/x-ndjson' --data-binary @examples/model-agreement.jsonl "$d/decide")" = 200 ] && ok || bad "ndjson"
[ "$(c -X POST --data-binary @"$tmp/req" "$d/explain")" = 200 ] && ok || bad "explain"
# a question, solved on the prover's thread while its connection waits
[ "$(c -X POST --data-binary @"$tmp/req" "$d/explain?to=refuse")" = 200 ] && ok || bad "explain?to=refuse"
[ "$(c -X POST --data-binary @"$tmp/req" "$d/explain?to=maybe")" = 400 ] && ok || bad "explain?to=maybe"
# a client that gives up while its question is solved: the answer finds
# the connection gone, and nothing is left behind
c --max-time 0.05 -X POST --data-binary @"$tmp/req" "$d/explain?to=grant" >/dev/null
[ "$(c -X POST --data-binary @"$tmp/req" "$d/explain?to=grant")" = 200 ] && ok || bad "explain?to= after a client gave up"
[ "$(c -X POST --data-binary '{"x' "$d/decide")" = 400 ] && ok || bad "400"
[ "$(c -X POST --data-binary '{}' "$u/v1/agreements/none/decide")" = 404 ] && ok || bad "404"
[ "$(c "$d")" = 200 ] && [ "$(c "$u/v1/agreements")" = 200 ] && [ "$(c "$u/metrics")" = 200 ] &&
	[ "$(c "$u/health")" = 200 ] && ok || bad "GET"
head -c 3000 "$tmp/m/model-agreement.so" > "$tmp/bad.so"
cp "$tmp/m/model-agreement.so" "$tmp/good.so"
mv "$tmp/bad.so" "$tmp/m/model-agreement.so"
cp "$tmp/good.so" "$tmp/m/.n" && mv "$tmp/m/.n" "$tmp/m/model-agreement.so"
kill -HUP "$pid"
sleep 2
[ "$(c -X POST --data-binary @"$tmp/req" "$d/decide")" = 200 ] && ok || bad "decide after reloads"
kill -TERM "$pid"
wait "$pid"
st=$?
pid=
[ "$st" -eq 0 ] && ok || { bad "pacta-serve under valgrind: exit status $st"; cat "$tmp/err"; }
grep -q "new module refused" "$tmp/err" && ok || bad "the bad module was not refused"
echo "serve memcheck: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
