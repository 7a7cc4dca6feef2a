#!/bin/sh
# bench/eval.sh BUILD [quick] — `pacta eval` in lines a second, whole
# process, file in to file out, on one core (issue 18, target 2: at least
# 1,000,000), on two agreements: bench/eval/nineteen.pacta with requests
# of nineteen fields (bench/eval/gen.sh writes them) and the section 1
# agreement (examples/model-agreement.pacta) with its example requests
# repeated, as bench/section1.sh times it.  Beside each, the physical
# limit: the fastest plain parse of the same file on this machine
# (bench/eval/jsonlimit.cpp on simdjson, or `jq -c .` where simdjson is
# not to be had; the table says which).
#
# No timing is asserted: the machine is shared, so each figure is the best
# of a few runs, and the table says "met" or "missed" for this run only.
# What is asserted is the answers: the timed runs' output must be the
# interpreter's answers to the same lines (`pacta eval` on the source),
# or the script fails.
# Rates are lines per second of the process's own CPU time (user + system,
# what it took of one core, which other work on the machine does not
# inflate); the wall-clock rate of the same best run is beside it.
# EVAL_PACTA=path times another build's pacta on the same files (an
# older commit's, say), with this build's modules.  The CPU rates also go
# to BUILD/eval-figures.txt, where bench/targets.sh reads them.
set -eu
B=$1
quick=${2:-}
D=$B/eval-bench
P=${EVAL_PACTA:-./$B/pacta}
# (Quick mode's files are half the size, so the start-up weighs twice as
# much in its rates: smaller, and start-up alone would decide "met" or
# "missed".  It installs nothing, as `make bench-quick` runs within
# `make test`.)
if [ "$quick" = quick ]; then
	n19=100000 copies19=5 copies1=40000 runs=2
else
	n19=200000 copies19=5 copies1=80000 runs=3
fi
mkdir -p "$D"

echo "== pacta eval, JSON Lines in to out, whole process (bench/eval.sh)"

# The inputs: generated once, then repeated, so that the files are large
# enough for the process's start (some 50 ms of dynamic linking) to weigh
# little.
sh bench/eval/gen.sh "$n19" > "$D/nineteen-once.jsonl"
awk -v c="$copies19" '{ l[NR] = $0 } END { for (i = 0; i < c; i++) for (j = 1; j <= NR; j++) print l[j] }' \
	"$D/nineteen-once.jsonl" > "$D/nineteen.jsonl"
head -13 examples/model-agreement.jsonl > "$D/section1-once.jsonl"
awk -v c="$copies1" '{ l[NR] = $0 } END { for (i = 0; i < c; i++) for (j = 1; j <= NR; j++) print l[j] }' \
	"$D/section1-once.jsonl" > "$D/section1.jsonl"
"./$B/pacta" test bench/eval/nineteen.pacta | tail -n 1
"./$B/pacta" build bench/eval/nineteen.pacta -o "$D/nineteen.so"
"./$B/pacta" build examples/model-agreement.pacta -o "$D/section1.so"
${CC:-cc} -O2 -o "$D/cputime" bench/eval/cputime.c

# What every run must answer: the interpreter's answers to the lines
# generated, repeated as the lines are.
for which in nineteen section1; do
	case $which in nineteen) c=$copies19 src=bench/eval/nineteen.pacta ;; *) c=$copies1 src=examples/model-agreement.pacta ;; esac
	"./$B/pacta" eval "$src" "$D/$which-once.jsonl" > "$D/$which-once.want"
	awk -v c="$c" '{ l[NR] = $0 } END { for (i = 0; i < c; i++) for (j = 1; j <= NR; j++) print l[j] }' \
		"$D/$which-once.want" > "$D/$which.want"
done

# The physical limit's program: simdjson if its header is there or can be
# installed (Debian's libsimdjson-dev), else jq.
limit=""
if [ ! -f /usr/include/simdjson.h ] && [ "$quick" != quick ] && command -v apt-get > /dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
	echo "bench/eval.sh: installing libsimdjson-dev for the physical limit"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		libsimdjson-dev > /dev/null 2>&1 || true
fi
if [ -f /usr/include/simdjson.h ] && command -v c++ > /dev/null 2>&1 &&
   c++ -O2 -std=c++17 -o "$D/jsonlimit" bench/eval/jsonlimit.cpp -lsimdjson 2> "$D/jsonlimit.log"; then
	limit=simdjson
elif command -v jq > /dev/null 2>&1; then
	limit="jq -c ."
fi

# best OUT CMD...: runs CMD `runs` times, its output to OUT; sets cpu and
# wall (nanoseconds) of the run with the least CPU time.
best() {
	cpu=0 wall=0 k=0
	while [ $k -lt $runs ]; do
		took=$("$D/cputime" "$@")
		if [ "$cpu" -eq 0 ] || [ "${took% *}" -lt "$cpu" ]; then
			cpu=${took% *} wall=${took#* }
		fi
		k=$((k + 1))
	done
}

rate() { echo "$1 $2" | awk '{ printf "%.0f", ($2 > 0 ? $1 * 1e9 / $2 : 0) }'; }
commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# What the process costs before its first line: loading libLLVM and Z3,
# which `pacta` links for its other commands, and opening the module.
: > "$D/empty.jsonl"
best "$D/empty.out" "$P" eval "$D/section1.so" "$D/empty.jsonl"
echo "start-up (pacta eval on an empty file): $((cpu / 1000000)) ms CPU, $((wall / 1000000)) ms wall"

rows=""
: > "$D/figures.txt"
for which in nineteen section1; do
	in=$D/$which.jsonl
	lines=$(wc -l < "$in")
	bytes=$(wc -c < "$in")
	best "$D/$which.out" "$P" eval "$D/$which.so" "$in"
	if grep -q '"error"' "$D/$which.out" || ! cmp -s "$D/$which.want" "$D/$which.out"; then
		echo "bench/eval.sh: pacta eval $D/$which.so answered $in otherwise than the interpreter ($D/$which.want)," \
			"or with errors" >&2
		exit 1
	fi
	pcpu=$(rate "$lines" "$cpu") pwall=$(rate "$lines" "$wall")
	lcpu=0 lwall=0
	case $limit in
	simdjson) best "$D/limit.out" "$D/jsonlimit" "$in" ;;
	jq*) best "$D/limit.out" jq -c . "$in" ;;
	esac
	if [ -n "$limit" ]; then
		lcpu=$(rate "$lines" "$cpu") lwall=$(rate "$lines" "$wall")
	fi
	case $which in
	nineteen) what="19 fields (bench/eval/nineteen.pacta)" ;;
	*) what="section 1 (examples/model-agreement.pacta)" ;;
	esac
	echo "$what: $(commas "$lines") lines, $((bytes / lines)) bytes a line"
	echo "  pacta eval $which.so:  $(commas "$pcpu") lines/s CPU ($(commas "$pwall") lines/s wall)"
	if [ -n "$limit" ]; then
		echo "  plain parse ($limit): $(commas "$lcpu") lines/s CPU ($(commas "$lwall") lines/s wall)"
		pct=$(echo "$pcpu $lcpu" | awk '{ printf "%.0f%%", 100 * $1 / $2 }')
		echo "  pacta eval at $pct of the plain parse's rate"
	fi
	verdict=missed
	[ "$pcpu" -ge 1000000 ] && verdict=met
	case $which in nineteen) key=19-field ;; *) key=section1 ;; esac
	echo "eval_lines_per_s_$key $pcpu" >> "$D/figures.txt"
	rows="$rows$what|$(commas "$pcpu") ($(commas "$pwall"))|${limit:+$(commas "$lcpu") ($(commas "$lwall"))}|${limit:+$pct}|$verdict
"
done

echo
echo "== targets (this run): pacta eval >= 1,000,000 lines/s; lines/s of CPU time (of wall-clock time)"
printf '| %-43s | %-23s | %-23s | %-6s | %-6s |\n' "requests" "pacta eval M.so" "plain parse (${limit:-none})" "share" "result"
echo "|---------------------------------------------|-------------------------|-------------------------|--------|--------|"
printf '%s' "$rows" | while IFS='|' read -r what p l pc v; do
	printf '| %-43s | %-23s | %-23s | %-6s | %-6s |\n' "$what" "$p" "${l:-not measured}" "${pc:--}" "$v"
done
# the files are written again by each run: hundreds of megabytes not left
# in BUILD
rm -f "$D"/*.jsonl "$D"/*.want "$D"/*.out
# for bench/targets.sh, the last step of make bench: the CPU rates
mv "$D/figures.txt" "$B/eval-figures.txt"
