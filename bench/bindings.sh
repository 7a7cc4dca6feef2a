#!/bin/sh
# bench/bindings.sh BUILD FIGURES [quick] — the language bindings deciding
# the example requests of the model agreement, repeated: Python's
# decide_many (bindings/python) on JSON lines and on dicts, and Go's
# DecideMany, DecideJSON and Request.Decide (bindings/go).  Appends
# python_many_per_s (lines), python_many_dicts_per_s, go_many_per_s,
# go_json_per_s and go_request_per_s to FIGURES;
# bench/section1.sh puts them in its table.  Nothing is asserted.
set -eu
B=$1
figures=$2
quick=${3:-}
n=400000
[ "$quick" = quick ] && n=50000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"./$B/pacta" build examples/model-agreement.pacta -o "$tmp/m.so"
echo "== Python: Module.decide_many, $n requests (best of 3)"
PACTA_LIBRARY=$B/libpacta.so.0 PYTHONPATH=bindings/python python3 - "$tmp/m.so" $n "$figures" <<'PY'
import json, sys, time
import pacta
m = pacta.Module(sys.argv[1])
n = int(sys.argv[2])
good = [l for l in open("examples/model-agreement.jsonl").read().splitlines() if '"error"' not in l][:13]
lines = (good * (n // len(good) + 1))[:n]
dicts = [json.loads(l) for l in lines]
with open(sys.argv[3], "a") as fig:
    for what, reqs, key in (("JSON lines", lines, "python_many_per_s"), ("dicts", dicts, "python_many_dicts_per_s")):
        best = 0
        for _ in range(3):
            t = time.perf_counter()
            k = sum(1 for _ in m.decide_many(reqs, errors="yield"))
            best = max(best, int(k / (time.perf_counter() - t)))
        print("  decide_many, %s: %d decisions/s" % (what, best))
        fig.write("%s %d\n" % (key, best))
PY

echo "== Go: DecideMany (JSON Lines), DecideJSON (one a call), Request.Decide (field by field), a goroutine a CPU"
bt=2s
[ "$quick" = quick ] && bt=0.5s
(cd bindings/go && PKG_CONFIG_PATH=$PWD/../../$B LD_LIBRARY_PATH=$PWD/../../$B PACTA=$PWD/../../$B/pacta \
	GOPROXY=off GOFLAGS=-mod=mod go test -count=1 -run XXX -bench . -benchtime $bt .) > "$tmp/go.out" 2>&1 ||
	{ cat "$tmp/go.out"; exit 1; }
for b in DecideMany:go_many_per_s DecideJSON:go_json_per_s RequestDecide:go_request_per_s; do
	r=$(awk -v b="Benchmark${b%%:*}-" 'index($1, b) == 1 { for (i = 2; i < NF; i++) if ($(i + 1) == "decisions/s") printf "%d\n", $i }' "$tmp/go.out")
	echo "  ${b%%:*}: $r decisions/s"
	echo "${b#*:} ${r:-0}" >> "$figures"
done
