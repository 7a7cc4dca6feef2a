#!/bin/sh
# run.sh — runs one libFuzzer target for a time budget and records its
# figures (executions, coverage, corpus, crashes) in FUZZ_DIR/stats.txt.
#   sh tests/fuzz/run.sh TARGET FUZZ_DIR SECONDS
# New inputs go to FUZZ_DIR/work/TARGET (the seeds, committed in
# tests/fuzz/corpus/TARGET and made by make in FUZZ_DIR/seeds/TARGET, are
# only read); crashes to FUZZ_DIR/artifacts/.
t=$1
dir=$2
secs=${3:-60}
bin=$dir/bin/fuzz_$t
work=$dir/work/$t
art=$dir/artifacts/$t
mkdir -p "$work" "$art"
case $t in
source)  opts="-max_len=16384 -timeout=10" ;;
request) opts="-max_len=4096 -timeout=5" ;;
decode)  opts="-max_len=4096 -timeout=5" ;;
module)  opts="-max_len=65536 -timeout=10" ;;
diff)    opts="-max_len=512 -timeout=60" ;;
*)       echo "run.sh: unknown target $t" >&2; exit 2 ;;
esac
seeds=
for d in "tests/fuzz/corpus/$t" "$dir/seeds/$t"; do
	[ -d "$d" ] && seeds="$seeds $d"
done
echo "== fuzz_$t for ${secs}s"
log=$dir/fuzz_$t.log
# shellcheck disable=SC2086
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
"$bin" $opts -rss_limit_mb=2048 -max_total_time="$secs" -print_final_stats=1 \
	-artifact_prefix="$art/" "$work" $seeds >"$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
done_line=$(grep -E '^#[0-9]+' "$log" | tail -1)
cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(echo "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
corp=$(echo "$done_line" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
crashes=$(ls "$art" | wc -l)
line="fuzz_$t: ${secs}s, ${execs:-?} executions, cov ${cov:-?} edges, ft ${ft:-?}, corpus ${corp:-?}, artifacts $crashes, exit $rc"
echo "$line"
grep -v "^fuzz_$t:" "$dir/stats.txt" 2>/dev/null > "$dir/stats.tmp"
echo "$line" >> "$dir/stats.tmp"
mv "$dir/stats.tmp" "$dir/stats.txt"
if [ "$rc" -ne 0 ]; then
	grep -E 'ERROR|SUMMARY|==[0-9]+==|Test unit written|fuzz_' "$log" | head -20
	echo "fuzz_$t found something: see $log and $art/"
	exit 1
fi
