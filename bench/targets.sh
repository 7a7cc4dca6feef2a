#!/bin/sh
# bench/targets.sh BUILD [quick] — the last step of `make bench`: the five
# speed targets of "speed at the limits" (bench/README.md) against the
# figures this run wrote, each "met" or "missed" for this run only.  It
# reads what the earlier steps left in BUILD: section1-figures.txt
# (bench/section1.sh), engines-bench/results.jsonl and scaling.jsonl
# (bench/engines/run.sh), stress-bench/stress*.txt (bench/stress/run.sh)
# and eval-figures.txt (bench/eval.sh).  A figure a step did not produce
# (a quick run has no 10,000-clause agreement) is "not run", never a guess.
# The table goes to standard output and BUILD/targets.md; a full run also
# puts it into bench/RESULTS.md between its targets markers.
set -eu
B=$1
quick=${2:-}
out=$B/targets.md
case $quick in
quick) stress=$B/stress-bench/stress-quick.txt ;;
*) stress=$B/stress-bench/stress.txt ;;
esac

fig() { [ -f "$1" ] || return 0; awk -v k="$2" '$1 == k { v = $2 } END { if (v != "") print v }' "$1"; }
# a figure of the line of scaling.jsonl for n clauses
scaling() {
	f=$B/engines-bench/scaling.jsonl
	[ -f "$f" ] || return 0
	node -e '
		const [f, n, k] = process.argv.slice(1);
		for (const l of require("fs").readFileSync(f, "utf8").split("\n").filter(Boolean)) {
			const r = JSON.parse(l);
			if (r.n === Number(n) && r[k] !== undefined) console.log(r[k]);
		}' "$f" "$1" "$2"
}
# the largest ratio to hand-written C of the stress rows for an entry point
# and a cache state ("in cache" or "out of cache")
stress_worst() {
	[ -f "$stress" ] || return 0
	awk -F'|' -v api="$1" -v where="$2" '
		{ for (i = 2; i <= 8; i++) gsub(/^ +| +$/, "", $i) }
		$4 == api && (where == "in cache" ? $3 ~ /[0-9] in cache/ : $3 ~ /out of cache/) {
			r = $7; sub(/x$/, "", r)
			if (r + 0 > worst + 0) { worst = r; who = $2 }
		}
		END { if (worst != "") printf "%s %s\n", worst, who }' "$stress"
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { if [ -z "$2" ]; then echo "not run"; elif le "$2" "$3"; then echo met; else echo missed; fi; }
ge_verdict() { if [ -z "$2" ]; then echo "not run"; elif le "$3" "$2"; then echo met; else echo missed; fi; }
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }

{
	echo "| target | goal | this run | result |"
	echo "|---|---|---|---|"
	# 1. the C API against hand-written C
	for set in examples random; do
		r=$(fig "$B/section1-figures.txt" "api_vs_c_$set")
		row "1. pacta_decide vs hand-written C: section 1 agreement, $set requests" "<= 1.3x" "${r:+${r}x}" "$(verdict x "$r" 1.3)"
	done
	r=$(node -e '
		const l = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
		const c = l.find((r) => r.engine.startsWith("hand-written C")), p = l.find((r) => r.engine === "Pacta native, C API");
		if (c && p) console.log((p.ns / c.ns).toFixed(2), p.requests);' "$B/engines-bench/results.jsonl" 2>/dev/null || true)
	row "1. pacta_decide vs hand-written C: reference policy, ${r#* } requests (its C works out every ground, pacta_decide only the outcome)" "<= 1.3x" "${r:+${r%% *}x}" "$(verdict x "${r%% *}" 1.3)"
	for api in pacta_decide pacta_decide_batch; do
		for where in "in cache" "out of cache"; do
			w=$(stress_worst "$api" "$where" || true)
			r=${w%% *}
			row "1. $api vs hand-written C: stress policies, $where (worst: ${w#* })" "<= 1.3x" "${r:+${r}x}" "$(verdict x "$r" 1.3)"
		done
	done
	# 2. pacta eval
	for what in 19-field section1; do
		r=$(fig "$B/eval-figures.txt" "eval_lines_per_s_$what")
		row "2. pacta eval, JSON Lines file to file, $what requests (lines/s of CPU time)" ">= 1,000,000" "$r" "$(ge_verdict x "$r" 1000000)"
	done
	# 3. and 4. the generated agreements
	r=$(scaling 10000 build_cpu_ms || true)
	w=$(scaling 10000 build_ms || true)
	row "3. pacta build, 10,000 generated clauses (CPU ms; wall ms ${w:-?})" "< 5,000" "$r" "$(verdict x "$r" 4999)"
	r=$(scaling 1000 build_cpu_ms || true)
	w=$(scaling 1000 build_ms || true)
	row "3. pacta build, 1,000 generated clauses (CPU ms; wall ms ${w:-?})" "reported" "$r" "${r:+reported}"
	for n in 100 1000 10000; do
		r=$(scaling $n ns || true)
		row "4. a decision, $n generated clauses (ns)" "< 1,000" "$r" "$(verdict x "$r" 999)"
	done
	# 5. memory
	for n in 100 1000 10000; do
		s=$(scaling $n size || true)
		l=$(scaling $n load_kb || true)
		k=$(scaling $n rss_kb || true)
		if [ -n "$s" ]; then v=reported; else v="not run"; fi
		row "5. module of $n clauses: bytes on disk, RSS KiB after load, after decisions" "reported" "${s:+$s B, $l KiB, $k KiB}" "$v"
	done
} > "$out"
echo "== the targets of speed at the limits (this run)"
cat "$out"

if [ "$quick" != quick ] && grep -q '^<!-- targets -->' bench/RESULTS.md; then
	awk -v t="$out" '
		/^<!-- targets -->/ { print; while ((getline l < t) > 0) print l; skip = 1; next }
		/^<!-- \/targets -->/ { skip = 0 }
		!skip' bench/RESULTS.md > bench/RESULTS.md.new && mv bench/RESULTS.md.new bench/RESULTS.md
	echo "written to bench/RESULTS.md"
fi
