#!/bin/sh
# run.sh — `pacta serve` end to end (docs/serve.md), on 127.0.0.1 only, every
# server on a port of its own choosing, every loop bounded:
#   the endpoints against `pacta eval`, `explain` and `inspect`; bad input
#   (400, 404, 405, 413, 501); the agreement list and page; /metrics; the
#   decision log, and a stuck one dropping lines and saying so without
#   holding calls up (tests/serve/droplog.py); reload on a change and on
#   SIGHUP (a bad or untrusted module refused, the old one serving);
#   SIGTERM exiting 0; hostile HTTP (tests/serve/hostile.py); what an
#   integrator found (tests/serve/edges.py): X-Request-Id held to an id's
#   rules, UTF-8 JSON whatever is echoed, ?trace and ?to= of one word,
#   %00, a byte-order mark, errors placed by line, keep-alive; and reload
#   under load: wrk running while the module file is replaced 100 times
#   (valid, invalid, signed by an untrusted key), with no non-2xx answer,
#   no socket error, and every logged decision made by a module that was
#   valid.
#   sh tests/serve/run.sh BUILD
B=${1:-build}
pacta=$B/pacta
serve=$B/pacta-serve
tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
. tests/e2e/lib.sh
. tests/serve/listening.sh

# start NAME ARGS...: starts pacta-serve on a free port; $port, $pid, and
# its standard error in $tmp/NAME.err
start() {
	name=$1; shift
	"$serve" --port 0 "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" &
	pid=$!
	pids="$pids $pid"
	if ! url=$(await_url "$tmp/$name.err" "$pid" 100); then
		bad "$name: the service did not start"; cat "$tmp/$name.err"; port=0; return 1
	fi
	port=${url##*:}
}

# stop: SIGTERM, and the exit status must be 0
stop() {
	kill -TERM "$pid"
	wait "$pid"
	st=$?
	[ "$st" -eq 0 ] && ok || bad "SIGTERM: exit status $st, expected 0"
}

url() { echo "http://127.0.0.1:$port$1"; }

# http OUT METHOD PATH [CURL ARGS...]: the status code in $code, the body in OUT
http() {
	out=$1 method=$2 path=$3; shift 3
	code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" "$@" "$(url "$path")")
}

status() {  # status WANT DESCRIPTION
	[ "$code" = "$1" ] && ok || { bad "$2: HTTP $code, expected $1"; head -c 300 "$tmp/body"; echo; }
}

# waits until GET PATH has TEXT, at most 5 s
wait_for() {
	i=0
	while ! curl -s "$(url "$1")" | grep -qF -- "$2"; do
		i=$((i + 1)); [ $i -gt 100 ] && return 1
		sleep 0.05
	done
}

json_ok() {  # json_ok FILE DESCRIPTION: each line is JSON
	python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$1" && ok || bad "$2: not JSON"
}

# ---- modules: two valid versions, a damaged one, signed ones ----
dir=$tmp/modules
mkdir -p "$dir" "$tmp/v"
"$pacta" build examples/model-agreement.pacta -o "$tmp/v/v1.so" || exit 1
sed 's/version "2.1"/version "2.2"/' examples/model-agreement.pacta > "$tmp/v2.pacta"
"$pacta" build "$tmp/v2.pacta" -o "$tmp/v/v2.so" || exit 1
"$pacta" build examples/rights-protective.pacta -o "$dir/rights-protective.so" || exit 1
head -c 3000 "$tmp/v/v1.so" > "$tmp/v/bad.so"
"$pacta" keygen "$tmp/key" > /dev/null && "$pacta" keygen "$tmp/other" > /dev/null || exit 1
"$pacta" build --sign "$tmp/key" examples/model-agreement.pacta -o "$tmp/v/s1.so" &&
"$pacta" build --sign "$tmp/key" "$tmp/v2.pacta" -o "$tmp/v/s2.so" &&
"$pacta" build --sign "$tmp/other" examples/model-agreement.pacta -o "$tmp/v/untrusted.so" || exit 1
h1=$("$pacta" inspect "$tmp/v/v1.so" | sed -n 's/^source *sha256:\([0-9a-f]*\).*/\1/p')
h2=$("$pacta" inspect "$tmp/v/v2.so" | sed -n 's/^source *sha256:\([0-9a-f]*\).*/\1/p')
[ -n "$h1" ] && [ "$h1" != "$h2" ] && ok || bad "the two versions have one source hash"
cp "$tmp/v/v1.so" "$dir/model-agreement.so"
# replace FILE: puts it at the served path atomically, as a deployment does
replace() { cp "$1" "$dir/.next" && mv "$dir/.next" "$dir/model-agreement.so"; }

start main --log "$tmp/decisions.jsonl" "$dir" || exit 1

# ---- the endpoints against the command line ----
http "$tmp/body" GET /health; status 200 "GET /health"
contains "$tmp/body" '"agreements": 2' "GET /health"
for a in model-agreement rights-protective; do
	for trace in "" "?trace=true"; do
		flag=; [ -n "$trace" ] && flag=--trace
		"$pacta" eval $flag "$dir/$a.so" "examples/$a.jsonl" > "$tmp/want" 2>/dev/null
		http "$tmp/got" POST "/v1/agreements/$a/decide$trace" -H 'Content-Type: application/x-ndjson' \
			--data-binary "@examples/$a.jsonl"
		status 200 "NDJSON $a$trace"
		same "$tmp/want" "$tmp/got" "NDJSON $a$trace: not pacta eval's lines"
	done
done
# one connection, calls of every size in turn: a connection keeps its
# answer buffer from call to call, but hands one too big to keep (over
# 16 KiB) over with its answer
for i in 1 2 3 4 5 6; do cat examples/model-agreement.jsonl; done > "$tmp/big.jsonl"
sed -n 1p examples/model-agreement.jsonl > "$tmp/line1"
{ "$pacta" eval "$dir/model-agreement.so" "$tmp/line1"
  "$pacta" eval --trace "$dir/model-agreement.so" "$tmp/big.jsonl"
  "$pacta" eval "$dir/model-agreement.so" "$tmp/line1"
  "$pacta" eval "$dir/model-agreement.so" examples/model-agreement.jsonl; } > "$tmp/want" 2>/dev/null
u=$(url /v1/agreements/model-agreement/decide)
curl -s -w '%{num_connects}\n' -o "$tmp/k1" "$u" --data-binary "@$tmp/line1" \
	--next -s -w '%{num_connects}\n' -o "$tmp/k2" "$u?trace=true" -H 'Content-Type: application/x-ndjson' \
	--data-binary "@$tmp/big.jsonl" \
	--next -s -w '%{num_connects}\n' -o "$tmp/k3" "$u" --data-binary "@$tmp/line1" \
	--next -s -w '%{num_connects}\n' -o "$tmp/k4" "$u" -H 'Content-Type: application/x-ndjson' \
	--data-binary @examples/model-agreement.jsonl > "$tmp/connects"
[ "$(tr '\n' ' ' < "$tmp/connects")" = "1 0 0 0 " ] && ok || bad "keep-alive: not one connection: $(cat "$tmp/connects")"
[ "$(wc -c < "$tmp/k2")" -gt 16384 ] && ok || bad "keep-alive: the traced answer is not over 16 KiB"
cat "$tmp/k1" "$tmp/k2" "$tmp/k3" "$tmp/k4" > "$tmp/got"
same "$tmp/want" "$tmp/got" "keep-alive: small, big and small answers on one connection"
# one request a call: 200 with the decision, 400 with the error line
n=$(wc -l < examples/model-agreement.jsonl)
"$pacta" eval "$dir/model-agreement.so" examples/model-agreement.jsonl > "$tmp/want" 2>/dev/null
: > "$tmp/got"
i=1
while [ $i -le "$n" ]; do
	sed -n "${i}p" examples/model-agreement.jsonl > "$tmp/line"
	http "$tmp/one" POST /v1/agreements/model-agreement/decide --data-binary "@$tmp/line"
	if grep -q '"error"' "$tmp/one"; then [ "$code" = 400 ]; else [ "$code" = 200 ]; fi && ok ||
		bad "decide line $i: HTTP $code"
	# the line number of an error is 1 in a call of its own
	sed "s/\"line 1, /\"line $i, /" "$tmp/one" >> "$tmp/got"
	i=$((i + 1))
done
same "$tmp/want" "$tmp/got" "decide, one request a call: not pacta eval's lines"
# a request object over several lines
printf '{"id": 5,\n "requesting_party": "XB", "requested_party": "XA",\n "submitted": "2026-03-01", "assistance": "subscriber_info", "offence": "illegal_access",\n "max_penalty": 5, "data": ["subscriber"], "specific_investigation": true, "targets": 1}\n' > "$tmp/multi"
http "$tmp/body" POST /v1/agreements/model-agreement/decide --data-binary "@$tmp/multi"
status 200 "decide, an object over several lines"
contains "$tmp/body" '"outcome": "grant"' "decide, an object over several lines"
# explain: pacta explain's text, under the agreement's name
sed -n 5p examples/model-agreement.jsonl > "$tmp/req"
"$pacta" explain "$dir/model-agreement.so" "$tmp/req" | tail -n +2 > "$tmp/want"
http "$tmp/got" POST /v1/agreements/model-agreement/explain --data-binary "@$tmp/req"
status 200 "explain"
head -1 "$tmp/got" | grep -q '^model-agreement: Model Agreement' && ok || bad "explain: heading"
tail -n +2 "$tmp/got" > "$tmp/got2"
same "$tmp/want" "$tmp/got2" "explain: not pacta explain's text"
# explain?to=: what would it take, as `pacta explain --to --json` answers
# it (the prover beside pacta-serve, loaded on the first call)
for to in grant refer refuse; do
	"$pacta" explain --to $to --json "$dir/model-agreement.so" "$tmp/req" > "$tmp/want"
	http "$tmp/body" POST "/v1/agreements/model-agreement/explain?to=$to" --data-binary "@$tmp/req"
	status 200 "explain?to=$to"
	same "$tmp/want" "$tmp/body" "explain?to=$to: not pacta explain --to $to --json's answer"
done
contains "$tmp/body" '"to": "refuse"' "explain?to=refuse"
http "$tmp/body" POST '/v1/agreements/model-agreement/explain?to=maybe' --data-binary "@$tmp/req"
status 400 "explain?to=maybe"
contains "$tmp/body" "explain?to= takes grant, refer or refuse, not 'maybe'" "explain?to=maybe"
http "$tmp/body" POST '/v1/agreements/model-agreement/decide?trace=yes' --data-binary "@$tmp/req"
status 400 "decide?trace=yes"
contains "$tmp/body" "?trace= takes true or false, not 'yes'" "decide?trace=yes"

# ---- bad input ----
http "$tmp/body" POST /v1/agreements/model-agreement/decide --data-binary '{"offence": '
status 400 "malformed JSON"
json_ok "$tmp/body" "malformed JSON's answer"
printf '{"offence": ' | "$pacta" eval "$dir/model-agreement.so" > "$tmp/want" 2>/dev/null
same "$tmp/want" "$tmp/body" "malformed JSON: not pacta eval's error text"
http "$tmp/body" POST /v1/agreements/nothing/decide --data-binary '{}'
status 404 "an unknown agreement"
contains "$tmp/body" 'no agreement named \"nothing\"' "an unknown agreement"
http "$tmp/body" GET /v1/nothing; status 404 "an unknown path"
http "$tmp/body" GET /v1/agreements/model-agreement/decide; status 405 "GET on decide"
http "$tmp/body" POST /health; status 405 "POST on /health"
head -c 17000000 /dev/zero | tr '\0' ' ' > "$tmp/big"
http "$tmp/body" POST /v1/agreements/model-agreement/decide --data-binary "@$tmp/big"
status 413 "a body over the limit (Content-Length)"
http "$tmp/body" POST /v1/agreements/model-agreement/decide -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/big"
status 413 "a body over the limit (chunked)"
http "$tmp/body" POST /v1/agreements/model-agreement/decide -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/multi"
status 200 "a chunked body"

# ---- what the service says about its agreements ----
http "$tmp/body" GET /v1/agreements; status 200 "GET /v1/agreements"
json_ok "$tmp/body" "GET /v1/agreements"
contains "$tmp/body" "\"name\": \"model-agreement\"" "GET /v1/agreements"
contains "$tmp/body" "\"source_hash\": \"$h1\"" "GET /v1/agreements"
http "$tmp/body" GET /v1/agreements/model-agreement; status 200 "GET /v1/agreements/NAME"
json_ok "$tmp/body" "GET /v1/agreements/NAME"
python3 - "$tmp/body" <<'EOF' && ok || bad "GET /v1/agreements/NAME: not what inspect shows"
import json, sys
a = json.load(open(sys.argv[1]))
assert a["title"] == "Model Agreement on Cooperation against Cybercrime", a["title"]
assert a["version"] == "2.1" and a["parties"] == ["XA", "XB"], a
assert a["effective"] == "2025-01-01" and a["expires"] == "2035-12-31", a
f = {x["name"]: x for x in a["fields"]}
assert f["requesting_party"]["required"] and "default" not in f["requesting_party"]
assert any(not x["required"] and "default" in x for x in a["fields"])
assert [c["label"] for c in a["clauses"]][:2] == ["1.1", "1.2"], a["clauses"][:2]
assert a["signer"] is None and len(a["source_hash"]) == 64
EOF
"$pacta" inspect "$dir/model-agreement.so" | awk '/^clauses/ { on = 1; next } on { print $1 }' > "$tmp/want"
python3 -c 'import json,sys
for c in json.load(open(sys.argv[1]))["clauses"]: print(c["label"])' "$tmp/body" > "$tmp/got"
same "$tmp/want" "$tmp/got" "GET /v1/agreements/NAME: the clauses of pacta inspect"

# ---- metrics and the decision log ----
http "$tmp/body" GET /metrics; status 200 "GET /metrics"
grep -qE '^pacta_decisions_total\{agreement="model-agreement",outcome="grant"\} [1-9]' "$tmp/body" && ok ||
	bad "metrics: no grants counted"
grep -qE '^pacta_request_errors_total\{agreement="model-agreement"\} [1-9]' "$tmp/body" && ok ||
	bad "metrics: no refused lines counted"
grep -qE '^pacta_call_seconds_bucket\{le="\+Inf"\} [1-9]' "$tmp/body" && ok || bad "metrics: no latency histogram"
grep -qE '^pacta_http_responses_total\{code="413"\} 2$' "$tmp/body" && ok || bad "metrics: 413s not counted"
decided=$(awk '/^pacta_decisions_total/ { n += $2 } END { print n }' "$tmp/body")
i=0
while [ "$(wc -l < "$tmp/decisions.jsonl")" -lt "$decided" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(wc -l < "$tmp/decisions.jsonl")" -eq "$decided" ] && ok ||
	bad "decision log: $(wc -l < "$tmp/decisions.jsonl") lines for $decided decisions"
json_ok "$tmp/decisions.jsonl" "decision log"
python3 - "$tmp/decisions.jsonl" "$h1" <<'EOF' && ok || bad "decision log: a line lacks what it must say"
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    assert set(d) == {"time", "agreement", "source_hash", "request_id", "request", "decision"}, d
    assert d["decision"]["outcome"] in ("grant", "refer", "refuse")
    if d["agreement"] == "model-agreement":
        assert d["source_hash"] == sys.argv[2]
    assert d["request_id"] == d["request"].get("id"), d
EOF

# ---- reload: a change, a bad module, SIGHUP ----
replace "$tmp/v/v2.so"
wait_for /v1/agreements/model-agreement '"version": "2.2"' && ok || bad "reload: version 2.2 not served"
replace "$tmp/v/bad.so"
sleep 0.3
wait_for /v1/agreements/model-agreement '"version": "2.2"' && ok || bad "a bad module replaced the good one"
contains "$tmp/main.err" "model-agreement: new module refused" "a bad module: said on stderr"
contains "$tmp/main.err" "the module loaded before keeps serving" "a bad module: said on stderr"
http "$tmp/body" POST /v1/agreements/model-agreement/decide --data-binary "@$tmp/req"
status 200 "deciding after a bad module"
# a file written in place, then SIGHUP
cat "$tmp/v/v1.so" > "$dir/model-agreement.so"
kill -HUP "$pid"
wait_for /v1/agreements/model-agreement '"version": "2.1"' && ok || bad "SIGHUP: version 2.1 not served"
http "$tmp/body" GET /metrics
grep -qE '^pacta_module_refused_total\{agreement="model-agreement"\} [1-9]' "$tmp/body" && ok ||
	bad "metrics: refused module not counted"
grep -qE '^pacta_module_reloads_total\{agreement="model-agreement"\} [2-9]' "$tmp/body" && ok ||
	bad "metrics: reloads not counted"
# a new module in the directory is served
cp "$tmp/v/v2.so" "$dir/second.so"
wait_for /v1/agreements '"name": "second"' && ok || bad "a new module in the directory is not served"
# a module removed from the directory is withdrawn (404, out of the list
# and the health count), and served again when its file comes back
rm "$dir/second.so"
i=0
until http "$tmp/body" GET /v1/agreements/second; [ "$code" = 404 ] || [ $i -gt 100 ]; do i=$((i + 1)); sleep 0.05; done
status 404 "a removed module: its agreement"
contains "$tmp/body" 'no agreement named \"second\"' "a removed module: its agreement"
http "$tmp/body" POST /v1/agreements/second/decide --data-binary "@$tmp/req"
status 404 "a removed module: deciding with it"
http "$tmp/body" GET /v1/agreements
grep -q '"name": "second"' "$tmp/body" && bad "a removed module is still listed" || ok
http "$tmp/body" GET /health
contains "$tmp/body" '"agreements": 2' "a removed module: the health count"
contains "$tmp/main.err" "second: withdrawn: $dir/second.so was removed" "a removed module: said on stderr"
cp "$tmp/v/v2.so" "$dir/second.so"
wait_for /v1/agreements '"name": "second"' && ok || bad "a removed module's file back: not served again"
http "$tmp/body" POST /v1/agreements/second/decide --data-binary "@$tmp/req"
status 200 "a removed module's file back: deciding with it"
# a module that never loads (damaged from the start) is not lost from
# sight: listed as unavailable with the reason, /health "degraded" naming
# it, its calls 503 with the reason; until a good file takes its place
cp "$tmp/v/bad.so" "$dir/.third" && mv "$dir/.third" "$dir/third.so"
wait_for /health '"unavailable": ["third"]' && ok || bad "a module that never loads: /health does not name it"
http "$tmp/body" GET /health; status 200 "GET /health with a module that never loads"
contains "$tmp/body" '"status": "degraded"' "a module that never loads: /health"
http "$tmp/body" GET /v1/agreements
contains "$tmp/body" '"unavailable": [{"name": "third", "error": "' "a module that never loads: the list"
contains "$tmp/body" 'file truncated' "a module that never loads: the list's reason"
json_ok "$tmp/body" "the list with a module that never loads"
http "$tmp/body" POST /v1/agreements/third/decide --data-binary "@$tmp/req"
status 503 "a module that never loads: deciding with it"
contains "$tmp/body" 'has no module loaded: ' "a module that never loads: the 503's reason"
cp "$tmp/v/v2.so" "$dir/.third" && mv "$dir/.third" "$dir/third.so"
wait_for /health '"status": "ok"' && ok || bad "a module that never loads, mended: /health still degraded"
http "$tmp/body" GET /v1/agreements
contains "$tmp/body" '"unavailable": []' "a module that never loads, mended: still listed unavailable"
# withdrawn, then put back damaged: unavailable again, not unknown
rm "$dir/third.so"
i=0
until http "$tmp/body" GET /v1/agreements/third; [ "$code" = 404 ] || [ $i -gt 100 ]; do i=$((i + 1)); sleep 0.05; done
cp "$tmp/v/bad.so" "$dir/.third" && mv "$dir/.third" "$dir/third.so"
wait_for /health '"unavailable": ["third"]' && ok || bad "withdrawn, then put back damaged: /health does not name it"
http "$tmp/body" POST /v1/agreements/third/decide --data-binary "@$tmp/req"
status 503 "withdrawn, then put back damaged: deciding with it"
rm "$dir/third.so"

# ---- hostile HTTP ----
python3 tests/serve/hostile.py "$port" "$tmp/req" && ok || bad "hostile HTTP"
http "$tmp/body" GET /health; status 200 "GET /health after hostile HTTP"
stop

# ---- --trust: only modules signed by the key ----
rm -f "$dir/second.so" "$dir/rights-protective.so"
cp "$tmp/v/s1.so" "$dir/model-agreement.so"
start trusted --trust "$tmp/key.pub" "$dir" || exit 1
http "$tmp/body" GET /v1/agreements/model-agreement; status 200 "--trust: a signed module"
contains "$tmp/body" "\"signer\": \"$(cut -d' ' -f2 "$tmp/key.pub")\"" "--trust: the signer"
replace "$tmp/v/untrusted.so"
replace "$tmp/v/v2.so"
sleep 0.3
n=$(grep -c "new module refused" "$tmp/trusted.err")
[ "$n" -ge 2 ] && ok || bad "--trust: untrusted and unsigned modules were not refused ($n)"
wait_for /v1/agreements/model-agreement '"version": "2.1"' && ok || bad "--trust: an untrusted module is served"
stop

# ---- idle and slow clients are timed out; without the prover,
# explain?to= is 501 ----
export PACTA_PROVE_LIBRARY=/nonexistent/libpacta-prove.so.0
start timeout --timeout 1 "$dir" || exit 1
unset PACTA_PROVE_LIBRARY
http "$tmp/body" POST '/v1/agreements/model-agreement/explain?to=grant' --data-binary "@$tmp/req"
status 501 "explain?to=grant without the prover"
contains "$tmp/body" "PACTA_UNSUPPORTED: what would it take needs the prover" "explain?to=grant without the prover"
python3 - "$port" <<'EOF' && ok || bad "--timeout 1: a connection idle or stalled for 3 s is still open"
import socket, sys, time
idle = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
slow = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
slow.sendall(b"POST /v1/agreements/model-agreement/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
time.sleep(3)
for s in (idle, slow):
    s.settimeout(2)
    try:
        data = s.recv(4096)
    except ConnectionResetError:
        data = b""
    assert data == b"" or b"408" in data.split(b"\r\n")[0], data
EOF
http "$tmp/body" GET /health; status 200 "GET /health after timeouts"
stop

# ---- what an integrator sent: X-Request-Id, bytes echoed, ?trace, %00, a
# byte-order mark, a request over lines, keep-alive (tests/serve/edges.py) ----
mkdir -p "$tmp/edges"
cp "$tmp/v/v1.so" "$tmp/edges/model-agreement.so"
start edges --log "$tmp/edges.jsonl" "$tmp/edges" || exit 1
python3 tests/serve/edges.py "$port" "$pacta" "$tmp/edges/model-agreement.so" "$tmp/edges.jsonl" "$tmp" &&
	ok || bad "edges (tests/serve/edges.py)"
stop

# ---- a module named on the command line must load ----
"$serve" --port 0 "$tmp/v/bad.so" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && ok || bad "a bad module named on the command line: exit status not 1"
"$serve" --port 0 --max-body 0 "$dir" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && ok || bad "--max-body 0: exit status not 2"
"$serve" --help > "$tmp/out" && grep -q "usage: pacta serve" "$tmp/out" && ok || bad "--help"
"$pacta" serve --help > "$tmp/out" && grep -q "usage: pacta serve" "$tmp/out" && ok || bad "pacta serve --help"
# --max-questions out of its range: misuse, said
"$serve" --max-questions 0 "$tmp" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 2 ] && ok || bad "--max-questions 0: not exit status 2"
contains "$tmp/err" "--max-questions needs a number from 1 to 1048576, not '0'" "--max-questions 0"

# ---- a stuck decision log: lines dropped and said so, no call held up ----
python3 tests/serve/droplog.py "$serve" "$dir" examples/model-agreement.jsonl && ok || bad "a stuck decision log"

# ---- reload under load: wrk while the module is replaced 100 times ----
cp "$tmp/v/s1.so" "$dir/model-agreement.so"
rm -f "$tmp/decisions.jsonl"
start load --quiet --trust "$tmp/key.pub" --log "$tmp/decisions.jsonl" "$dir" || exit 1
wrk_post "$tmp/post.lua" "$tmp/req"
wrk -t1 -c8 -d9s -s "$tmp/post.lua" "$(url /v1/agreements/model-agreement/decide)" > "$tmp/wrk.out" 2>&1 &
wrk_pid=$!
pids="$pids $wrk_pid"
sleep 0.5
i=0
while [ $i -lt 100 ]; do
	case $((i % 4)) in
	0) replace "$tmp/v/s2.so" ;;
	1) replace "$tmp/v/bad.so" ;;
	2) replace "$tmp/v/untrusted.so" ;;
	3) replace "$tmp/v/s1.so" ;;
	esac
	sleep 0.07
	i=$((i + 1))
done
wait "$wrk_pid"
cat "$tmp/wrk.out" | grep -E "requests in|Requests/sec" | sed 's/^ */  wrk: /'
grep -q "requests in" "$tmp/wrk.out" && ok || bad "reload under load: wrk did not run"
grep -q "Non-2xx" "$tmp/wrk.out" && bad "reload under load: non-2xx answers: $(grep Non-2xx "$tmp/wrk.out")" || ok
grep -q "Socket errors" "$tmp/wrk.out" && bad "reload under load: $(grep 'Socket errors' "$tmp/wrk.out")" || ok
http "$tmp/body" GET /metrics
reloads=$(sed -n 's/^pacta_module_reloads_total{agreement="model-agreement"} //p' "$tmp/body")
refused=$(sed -n 's/^pacta_module_refused_total{agreement="model-agreement"} //p' "$tmp/body")
echo "  reload under load: $reloads reloads, $refused modules refused"
[ "${reloads:-0}" -ge 20 ] && [ "${refused:-0}" -ge 20 ] && ok || bad "reload under load: too few reloads or refusals"
# every worker's counts summed: each of wrk's calls was answered 200 and
# timed once (wrk stops with up to one call a connection unread)
answered=$(sed -n 's/^pacta_http_responses_total{code="200"} //p' "$tmp/body")
timed=$(sed -n 's/^pacta_call_seconds_count //p' "$tmp/body")
sent=$(awk '/requests in/ { print $1 }' "$tmp/wrk.out")
[ "${answered:-0}" -eq "${timed:-1}" ] && [ "${answered:-0}" -ge "${sent:-1}" ] &&
	[ "${answered:-0}" -le "$((${sent:-0} + 8))" ] && ok ||
	bad "reload under load: metrics: $answered answered 200 and $timed timed for wrk's $sent"
stop
requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk.out")
python3 - "$tmp/decisions.jsonl" "$h1" "$h2" "${requests:-0}" <<'EOF' && ok || bad "reload under load: the decision log"
import json, sys
valid = {sys.argv[2], sys.argv[3]}
seen, lines, dropped = set(), 0, 0
for l in open(sys.argv[1]):
    d = json.loads(l)
    if "dropped" in d:
        dropped += d["dropped"]
        continue
    lines += 1
    seen.add(d["source_hash"])
    assert d["source_hash"] in valid, "decided by a module that was never valid: " + d["source_hash"]
assert seen == valid, "not both versions decided: %s" % seen
assert lines + dropped >= int(sys.argv[4]), (lines, dropped, sys.argv[4])
print("  decision log: %d lines, %d dropped, %d modules" % (lines, dropped, len(seen)))
EOF

# ---- explain?to= of an agreement that imports files: they are looked for
# beside the module, as `pacta explain --to M.so` does, not in the
# service's working directory (the prover once read the source as
# "agreement.pacta" in the current directory, and answered 500) ----
mkdir -p "$tmp/imports"
"$pacta" build examples/budapest.pacta -o "$tmp/imports/budapest.so" || exit 1
cp examples/budapest-reservations-*.pacta "$tmp/imports/"
sed -n 1p examples/budapest.jsonl > "$tmp/breq"
"$pacta" explain --to grant --json "$tmp/imports/budapest.so" "$tmp/breq" > "$tmp/want"
start imports "$tmp/imports" || exit 1
http "$tmp/body" POST '/v1/agreements/budapest/explain?to=grant' --data-binary "@$tmp/breq"
status 200 "explain?to=grant of an agreement with imports"
same "$tmp/want" "$tmp/body" "explain?to=grant of an agreement with imports: not pacta explain --to's answer"
stop

# ---- explain?to= does not hold the HTTP threads: with one thread, a
# decision asked while eight questions wait for the prover (each takes
# about a tenth of a second) is answered before most of them (when they
# were solved on that thread, it waited for all but one or two); every
# question is answered, as `pacta explain --to` answers it ----
"$pacta" explain --to refuse --json "$tmp/imports/budapest.so" "$tmp/breq" > "$tmp/want"
# ask K...: explain?to=refuse in the background, its status in $tmp/qK.code,
# its answer in $tmp/qK, the time it came back in $tmp/qK.t; $qpids
ask() {
	qpids=""
	for i; do
		{ curl -s -o "$tmp/q$i" -w '%{http_code}' -X POST \
			"$(url '/v1/agreements/budapest/explain?to=refuse')" \
			--data-binary "@$tmp/breq" > "$tmp/q$i.code"
		  date +%s%N > "$tmp/q$i.t"; } &
		qpids="$qpids $!"
	done
}
start questions --threads 1 "$tmp/imports" || exit 1
ask 1 2 3 4 5 6 7 8
sleep 0.2
http "$tmp/body" POST /v1/agreements/budapest/decide --data-binary "@$tmp/breq"
date +%s%N > "$tmp/d.t"
status 200 "a decision while questions wait"
# shellcheck disable=SC2086 # the pids, split on purpose
wait $qpids
later=0
for i in 1 2 3 4 5 6 7 8; do
	[ "$(cat "$tmp/q$i.code")" = 200 ] && ok || bad "explain?to= $i of 8 at once: HTTP $(cat "$tmp/q$i.code")"
	same "$tmp/want" "$tmp/q$i" "explain?to= $i of 8 at once: not pacta explain --to's answer"
	[ "$(cat "$tmp/q$i.t")" -gt "$(cat "$tmp/d.t")" ] && later=$((later + 1))
done
[ "$later" -ge 3 ] && ok || bad "a decision waited for explain?to= questions to be solved (one HTTP thread): only $later of 8 answered after it"
stop

# ---- --max-questions: one more is answered 503 at once, the others
# solved; SIGTERM with questions waiting answers them and exits 0 ----
start max-questions --max-questions 1 --drain-timeout 0 "$tmp/imports" || exit 1
ask 1 2 3 4 5 6 7 8
# shellcheck disable=SC2086
wait $qpids
n200=0 n503=0
for i in 1 2 3 4 5 6 7 8; do
	case $(cat "$tmp/q$i.code") in
	200) n200=$((n200 + 1)); same "$tmp/want" "$tmp/q$i" "--max-questions 1: not pacta explain --to's answer" ;;
	503) n503=$((n503 + 1)); contains "$tmp/q$i" '1 explain?to= calls are waiting for the prover already (--max-questions); try again later' "--max-questions 1: the 503 says why" ;;
	*) bad "--max-questions 1: HTTP $(cat "$tmp/q$i.code")" ;;
	esac
done
[ "$n200" -ge 1 ] && [ "$n503" -ge 1 ] && ok || bad "--max-questions 1, eight questions at once: $n200 answered, $n503 refused"
# the queue is free again
http "$tmp/body" POST '/v1/agreements/budapest/explain?to=refuse' --data-binary "@$tmp/breq"
status 200 "--max-questions 1: a question after the others"
stop
start draining --max-questions 64 --drain-timeout 0 "$tmp/imports" || exit 1
ask 1 2 3 4 5 6 7 8
sleep 0.3
stop
# shellcheck disable=SC2086
wait $qpids
for i in 1 2 3 4 5 6 7 8; do
	case $(cat "$tmp/q$i.code") in
	200) same "$tmp/want" "$tmp/q$i" "SIGTERM with questions waiting: not pacta explain --to's answer" ;;
	503) contains "$tmp/q$i" "the service is stopping; the question was not asked" "SIGTERM with questions waiting: the 503 says why" ;;
	000) ok ;;   # not yet accepted when the service stopped
	*) bad "SIGTERM with questions waiting: HTTP $(cat "$tmp/q$i.code")" ;;
	esac
done

echo "serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
