#!/bin/sh
# bench/serve.sh BUILD FIGURES [quick] — `pacta serve` under wrk on
# 127.0.0.1: single decisions over keep-alive HTTP/1.1 (decisions a second
# and p99 latency, at a few connection counts; the figure is the best rate
# whose p99 is under 2 ms, else the best rate), and JSON Lines bodies of
# 10,000 requests (decisions a second).  Each single-decision run is
# followed by the same run against BUILD/serve_ceiling (libmicrohttpd
# alone, started as pacta serve starts it, one fixed answer), the ceiling
# of this machine for that figure: the two are taken back to back, as
# the machine's other load comes and goes, and each run says the server's
# CPU time a call too.  Appends serve_single_per_s, serve_single_p99_us,
# serve_single_conns, serve_single_cpu_us, serve_ceiling_per_s,
# serve_ceiling_p99_us, serve_ceiling_cpu_us (at the same connections) and
# serve_ndjson_per_s to FIGURES; bench/section1.sh puts them in its
# table.  Nothing is asserted.
set -eu
. tests/serve/listening.sh
B=$1
figures=$2
quick=${3:-}
secs=5
[ "$quick" = quick ] && secs=2
tmp=$(mktemp -d)
pid= cpid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$cpid" ] && kill "$cpid" 2>/dev/null; rm -rf "$tmp"' EXIT

mkdir "$tmp/m"
"./$B/pacta" build examples/model-agreement.pacta -o "$tmp/m/model-agreement.so"
"./$B/pacta-serve" --port 0 --quiet "$tmp/m" 2> "$tmp/err" &
pid=$!
url=$(await_url "$tmp/err" "$pid" 100) || { cat "$tmp/err"; exit 1; }
url=$url/v1/agreements/model-agreement/decide

# p99 of wrk --latency in microseconds
p99() {
	awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
	     m = u == "us" ? 1 : u == "ms" ? 1000 : u == "s" ? 1000000 : 0; printf "%d\n", v * m }' "$1"
}
rate() { awk '$1 == "Requests/sec:" { printf "%d\n", $2 }' "$1"; }
# CPU time (user + system, clock ticks) of process $1 so far
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
# one wrk run of $c connections on URL $1 against process $2: the rate r,
# the p99 p and the server's CPU microseconds a call u (which the
# machine's other load moves far less than the rate)
run() {
	t0=$(ticks "$2")
	wrk -t1 -c$c -d${secs}s --latency -s "$tmp/one.lua" "$1" > "$tmp/wrk.out" 2>&1
	t1=$(ticks "$2")
	grep -q "Non-2xx" "$tmp/wrk.out" && { echo "non-2xx answers:"; cat "$tmp/wrk.out"; exit 1; }
	r=$(rate "$tmp/wrk.out") p=$(p99 "$tmp/wrk.out")
	u=$(awk -v t="$((t1 - t0))" -v hz="$hz" '/requests in/ { printf "%.1f\n", t * 1e6 / hz / $1 }' "$tmp/wrk.out")
}

echo "== pacta serve: single decisions over keep-alive HTTP/1.1 (wrk, ${secs}s each)"
sed -n 1p examples/model-agreement.jsonl > "$tmp/one.json"
# the ceiling answers what pacta serve answers this request
ceiling=
if [ -x "$B/serve_ceiling" ]; then
	"./$B/pacta" eval "$tmp/m/model-agreement.so" "$tmp/one.json" > "$tmp/answer.json"
	"./$B/serve_ceiling" "$(nproc)" "$tmp/answer.json" 2> "$tmp/cerr" &
	cpid=$!
	ceiling=$(await_url "$tmp/cerr" "$cpid" 100) || { cat "$tmp/cerr"; exit 1; }
	ceiling=$ceiling/decide
fi
wrk_post "$tmp/one.lua" "$tmp/one.json"
best=0 best_p99=0 best_c=0 any=0 any_p99=0 any_c=0
for c in 2 4 8 16 32; do
	run "$url" "$pid"
	ru=$u
	line="  $c connections: $r decisions/s, p99 $p us, $u us CPU a call"
	cr=none cp=none cu=none
	if [ -n "$ceiling" ]; then
		rr=$r rp=$p
		run "$ceiling" "$cpid"
		cr=$r cp=$p cu=$u r=$rr p=$rp
		line="$line; libmicrohttpd alone $cr/s, p99 $cp us, $cu us CPU a call"
	fi
	echo "$line"
	if [ "$r" -gt "$any" ]; then any=$r any_p99=$p any_c=$c any_u=$ru any_cr=$cr any_cp=$cp any_cu=$cu; fi
	if [ "$p" -lt 2000 ] && [ "$r" -gt "$best" ]; then
		best=$r best_p99=$p best_c=$c best_u=$ru best_cr=$cr best_cp=$cp best_cu=$cu
	fi
done
if [ "$best" -eq 0 ]; then
	best=$any best_p99=$any_p99 best_c=$any_c best_u=$any_u best_cr=$any_cr best_cp=$any_cp best_cu=$any_cu
fi
echo "serve_single_per_s $best" >> "$figures"
echo "serve_single_p99_us $best_p99" >> "$figures"
echo "serve_single_conns $best_c" >> "$figures"
echo "serve_single_cpu_us $best_u" >> "$figures"
echo "serve_ceiling_per_s $best_cr" >> "$figures"
echo "serve_ceiling_p99_us $best_cp" >> "$figures"
echo "serve_ceiling_cpu_us $best_cu" >> "$figures"
if [ -n "$cpid" ]; then kill -TERM "$cpid"; wait "$cpid" || true; cpid=; fi

echo "== pacta serve: JSON Lines, 10,000 requests a body (wrk, ${secs}s each)"
head -13 examples/model-agreement.jsonl > "$tmp/13.jsonl"
: > "$tmp/body.jsonl"
i=0
while [ $i -lt 770 ]; do cat "$tmp/13.jsonl"; i=$((i + 1)); done >> "$tmp/body.jsonl"
head -10000 "$tmp/body.jsonl" > "$tmp/10k.jsonl"
wrk_post "$tmp/nd.lua" "$tmp/10k.jsonl" application/x-ndjson
nd=0
for c in 1 2 4; do
	wrk -t1 -c$c -d${secs}s -s "$tmp/nd.lua" "$url" > "$tmp/wrk.out" 2>&1
	grep -q "Non-2xx" "$tmp/wrk.out" && { echo "non-2xx answers:"; cat "$tmp/wrk.out"; exit 1; }
	r=$(awk '$1 == "Requests/sec:" { printf "%d\n", $2 * 10000 }' "$tmp/wrk.out")
	echo "  $c connections: $r decisions/s"
	[ "$r" -gt "$nd" ] && nd=$r
done
echo "serve_ndjson_per_s $nd" >> "$figures"
kill -TERM "$pid"
wait "$pid" || true
pid=
