#!/bin/sh
# run.sh — hostile inputs: each must get a correct decision or a clear
# error, never a crash, within the limits of tests/hostile/README.md.
#   sh tests/hostile/run.sh build/pacta        (from the repository's root)
# A case passes when the exit status is 0 or 1 (never a signal, 2 or a
# timeout), an exit status of 1 comes with a message (on stderr, or as the
# {"error": ...} answer `pacta eval` writes for a bad line), and the output
# holds what the case expects.  Big inputs are generated into a temporary
# directory.  HOSTILE_TIMEOUT (seconds, default 300) bounds each command;
# HOSTILE_MEM (KiB of address space, default 8 GiB; 0: no limit, needed
# under ASan) bounds its memory.  The differential tool, when it sits next
# to the pacta binary (make builds $(BUILD)/differential), is run on the
# 10,000-member enum too.
pacta=${1:-build/pacta}
case $pacta in /*) ;; *) pacta=$PWD/$pacta ;; esac
bindir=$(dirname "$pacta")
limit=${HOSTILE_TIMEOUT:-300}
mem=${HOSTILE_MEM:-8388608}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
export PACTA_PATH="$PWD/stdlib"

# run NAME WANT_STATUS CMD... : runs CMD, output in $tmp/out, $tmp/err.
# WANT_STATUS is 0, 1, or "any" (0 or 1).
run() {
	name=$1 want=$2
	shift 2
	start=$(date +%s)
	(
		[ "$mem" != 0 ] && ulimit -v "$mem"
		exec timeout -s KILL "$limit" "$@"
	) >"$tmp/out" 2>"$tmp/err"
	rc=$?
	secs=$(( $(date +%s) - start ))
	why=""
	if [ "$rc" -gt 1 ]; then
		why="exit status $rc"
		[ "$rc" -ge 128 ] && why="$why (signal $((rc - 128)), a crash or the ${limit}s timeout)"
	elif [ "$want" != any ] && [ "$rc" != "$want" ]; then
		why="exit status $rc, expected $want"
	elif [ "$rc" = 1 ] && [ ! -s "$tmp/err" ] && ! grep -q '"error"' "$tmp/out"; then
		why="exit status 1 without a message"
	fi
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "FAIL $name: $why"
		head -c 600 "$tmp/err"; head -c 600 "$tmp/out"; echo
		return 1
	fi
	[ -n "$HOSTILE_VERBOSE" ] && echo "ok   $name (${secs}s)"
	pass=$((pass + 1))
	return 0
}

# expect NAME FILE TEXT: FILE holds TEXT (fixed string)
expect() {
	if grep -qF -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: expected to find: $3"
		head -c 600 "$2"; echo
	fi
}

# same NAME FILE1 FILE2: identical outputs (interpreter and module)
same() {
	if cmp -s "$2" "$3"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: the outputs differ"
		diff "$2" "$3" | head -c 1200; echo
	fi
}

# small NAME FILE BYTES: the output stays short (messages are truncated)
small() {
	if [ "$(wc -c < "$2")" -le "$3" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: output of $(wc -c < "$2") bytes, more than $3"
	fi
}

# repeat N CHAR: CHAR (one byte) N times
repeat() {
	head -c "$1" /dev/zero | tr '\0' "$2"
}

model=examples/model-agreement.pacta
so=$tmp/model.so
run "build the model agreement" 0 "$pacta" build "$model" -o "$so" || exit 1
# a valid request of the model agreement, without its closing brace
R='{"id": 1, "requesting_party": "XB", "requested_party": "XA", "assistance": "subscriber_info", "offence": "illegal_access", "max_penalty": 5, "data": ["subscriber"], "specific_investigation": true, "targets": 1, "submitted": "2026-03-01"'
GRANT='"outcome": "grant", "grounds": ["1.1"]'
printf '%s}\n' "$R" > "$tmp/ok.jsonl"

# eval_both NAME WANT_STATUS REQUESTS: by the interpreter and the module,
# with the same output; the interpreter's output stays in $tmp/both
eval_both() {
	run "$1 (interpreter)" "$2" "$pacta" eval "$model" "$3" && cp "$tmp/out" "$tmp/both"
	run "$1 (module)" "$2" "$pacta" eval "$so" "$3" && same "$1: interpreter = module" "$tmp/both" "$tmp/out"
}

# ---- requests --------------------------------------------------------------

# 100 MB of white space inside a valid request: decided as without it
{ printf '%s' "$R"; repeat 100000000 ' '; printf '}\n'; } > "$tmp/big-ws.jsonl"
eval_both "100 MB line of white space" 0 "$tmp/big-ws.jsonl"
expect "100 MB line of white space" "$tmp/both" "$GRANT"
rm -f "$tmp/big-ws.jsonl"

# a 100 MB string as an enum value: an error naming the field, kept short
{ printf '%s, "offence": "' '{"id": 2'; repeat 100000000 a; printf '"}\n'; cat "$tmp/ok.jsonl"; } > "$tmp/big-str.jsonl"
eval_both "100 MB enum value" 1 "$tmp/big-str.jsonl"
expect "100 MB enum value" "$tmp/both" 'field \"offence\": unknown value'
expect "100 MB enum value, next line decided" "$tmp/both" "$GRANT"
small "100 MB enum value" "$tmp/both" 1000
rm -f "$tmp/big-str.jsonl"

# a 100 MB member name, and a 100 MB number
{ printf '{"'; repeat 100000000 b; printf '": 1}\n'; } > "$tmp/big-name.jsonl"
eval_both "100 MB member name" 1 "$tmp/big-name.jsonl"
expect "100 MB member name" "$tmp/both" '"error"'
small "100 MB member name" "$tmp/both" 1000
{ printf '%s, "targets": ' "$R"; repeat 100000000 9; printf '}\n'; } > "$tmp/big-num.jsonl"
eval_both "100 MB number" 1 "$tmp/big-num.jsonl"
expect "100 MB number" "$tmp/both" 'field \"targets\"'
small "100 MB number" "$tmp/both" 1000
rm -f "$tmp/big-name.jsonl" "$tmp/big-num.jsonl"

# a 100 MB id: an error (a cut id could match another's), answered without
# an id; the next line decided
{ printf '{"id": "'; repeat 100000000 i; printf '"%s}\n' "${R#\{\"id\": 1}"; cat "$tmp/ok.jsonl"; } > "$tmp/big-id.jsonl"
eval_both "100 MB id" 1 "$tmp/big-id.jsonl"
expect "100 MB id" "$tmp/both" '"id\" is longer than 127 bytes'
expect "100 MB id, answered without an id" "$tmp/both" '{"error": "line 1, column 8: \"id\" is longer than 127 bytes'
if grep -q '"id": "iii' "$tmp/both"; then
	fail=$((fail + 1))
	echo "FAIL 100 MB id: answered with a cut id"
else
	pass=$((pass + 1))
fi
expect "100 MB id, next line decided" "$tmp/both" "$GRANT"
small "100 MB id" "$tmp/both" 2000
rm -f "$tmp/big-id.jsonl"

# invalid UTF-8: in a value, in a member name, outside strings, truncated,
# overlong, an encoded surrogate; each line an error, the good line decided
{
	printf '%s, "offence": "\377\376"}\n' '{"id": 1'
	printf '{"id": 2, "\303(": 1}\n'
	printf '{"id": 3, \377}\n'
	printf '%s, "offence": "illegal_\342\202"}\n' '{"id": 4'
	printf '%s, "offence": "\300\257"}\n' '{"id": 5'
	printf '%s, "offence": "\355\240\200"}\n' '{"id": 6'
	printf '\377\376\375\n'
	cat "$tmp/ok.jsonl"
} > "$tmp/utf8.jsonl"
eval_both "invalid UTF-8" 1 "$tmp/utf8.jsonl"
n=$(grep -c '"error"' "$tmp/both")
[ "$n" = 7 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL invalid UTF-8: $n errors, expected 7"; cat "$tmp/both"; }
expect "invalid UTF-8, good line decided" "$tmp/both" "$GRANT"

# deeply nested JSON: 100,000 '[' and 100,000 '{', as a value and as the line
Rnd=$(printf '%s' "$R" | sed 's/"data": \["subscriber"\], //')
{
	printf '%s, "data": ' "$Rnd"; repeat 100000 '['; printf '}\n'
	printf '%s, "data": ' "$Rnd"; repeat 100000 '['; repeat 100000 ']'; printf '}\n'
	printf '%s, "x": ' "$R"; for _ in 1 2 3 4 5 6 7 8 9 10; do repeat 10000 '{' | sed 's/{/{"a":/g'; done; printf '1'; repeat 100000 '}'; printf '}\n'
	repeat 100000 '['; printf '\n'
	cat "$tmp/ok.jsonl"
} > "$tmp/nest.jsonl"
eval_both "deeply nested JSON" 1 "$tmp/nest.jsonl"
n=$(grep -c '"error"' "$tmp/both")
[ "$n" = 4 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL deeply nested JSON: $n errors, expected 4"; head -c 2000 "$tmp/both"; }
expect "deeply nested JSON: data" "$tmp/both" 'field \"data\"'
[ "$(grep -c 'duplicate' "$tmp/both")" = 0 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL deeply nested JSON: a duplicate field"; }
expect "deeply nested JSON, good line decided" "$tmp/both" "$GRANT"

# dates at the limits, and dates past them
{
	printf '%s, "submitted": "0001-01-01"}\n' "${R%, \"submitted\"*}"
	printf '%s, "submitted": "9999-12-31"}\n' "${R%, \"submitted\"*}"
	printf '%s, "submitted": "0000-12-31"}\n' "${R%, \"submitted\"*}"
	printf '%s, "submitted": "10000-01-01"}\n' "${R%, \"submitted\"*}"
	printf '%s, "submitted": "9999-12-32"}\n' "${R%, \"submitted\"*}"
	printf '%s, "submitted": "2023-02-29"}\n' "${R%, \"submitted\"*}"
	printf '%s, "submitted": "-2026-03-01"}\n' "${R%, \"submitted\"*}"
} > "$tmp/dates.jsonl"
eval_both "request dates at the limits" 1 "$tmp/dates.jsonl"
# the model agreement is in force 2025-01-01 .. 2035-12-31
[ "$(grep -c '"outcome": "refuse", "grounds": \["agreement"\]' "$tmp/both")" = 2 ] && [ "$(grep -c '"error"' "$tmp/both")" = 5 ] \
	&& pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL request dates at the limits"; cat "$tmp/both"; }

# integers at the 64-bit limits, and past them (targets: int, max_penalty: years)
Rb=$(printf '%s' "$R" | sed 's/"max_penalty": 5, //; s/"targets": 1, //')
{
	printf '%s, "targets": 9223372036854775807, "max_penalty": 5}\n' "$Rb"
	printf '%s, "targets": -9223372036854775808, "max_penalty": 5}\n' "$Rb"
	printf '%s, "targets": 1, "max_penalty": 9223372036854775807}\n' "$Rb"
	printf '%s, "targets": 1, "max_penalty": -9223372036854775808}\n' "$Rb"
	printf '%s, "max_penalty": 5, "targets": 9223372036854775808}\n' "$Rb"
	printf '%s, "max_penalty": 5, "targets": -9223372036854775809}\n' "$Rb"
	printf '%s, "max_penalty": 5, "targets": 1e3}\n' "$Rb"
	printf '%s, "max_penalty": 5, "targets": 1.0}\n' "$Rb"
	printf '%s, "max_penalty": 5, "targets": 18446744073709551616}\n' "$Rb"
} > "$tmp/ints.jsonl"
eval_both "request integers at the limits" 1 "$tmp/ints.jsonl"
sed -n 1p "$tmp/both" > "$tmp/l1"; sed -n 2p "$tmp/both" > "$tmp/l2"
sed -n 3p "$tmp/both" > "$tmp/l3"; sed -n 4p "$tmp/both" > "$tmp/l4"
expect "targets = INT64_MAX: refused (more than 10 targets)" "$tmp/l1" '"outcome": "refuse", "grounds": ["1.2"]'
expect "targets = INT64_MIN: granted" "$tmp/l2" "$GRANT"
expect "max_penalty = INT64_MAX years: granted" "$tmp/l3" "$GRANT"
expect "max_penalty = INT64_MIN years: not serious" "$tmp/l4" '"outcome": "refuse", "grounds": ["default"]'
[ "$(grep -c '"error"' "$tmp/both")" = 5 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL integers past the limits: expected 5 errors"; cat "$tmp/both"; }

# ---- sources ---------------------------------------------------------------

# the small schema the source cases share
cat > "$tmp/head.pacta" <<'P'
agreement "Hostile" parties XA, XB effective 0001-01-01 expires 9999-12-31 default refuse
enum party { XA, XB }
request {
  requesting_party: party = XA
  requested_party: party = XB
  submitted: date = 2026-01-01
  n: int = 0
  d: days = 0 days
}
obligation last_day: date combine max
obligation cap: int combine max
P

# src_both NAME REQUESTS: check, test, eval by the interpreter and the module
src_both() {
	run "$1: check" 0 "$pacta" check "$tmp/src.pacta" || return
	run "$1: test" 0 "$pacta" test "$tmp/src.pacta" || return
	run "$1: build" 0 "$pacta" build "$tmp/src.pacta" -o "$tmp/src.so" || return
	run "$1: eval (interpreter)" any "$pacta" eval --trace "$tmp/src.pacta" "$2" && cp "$tmp/out" "$tmp/both"
	run "$1: eval (module)" any "$pacta" eval --trace "$tmp/src.so" "$2" && same "$1: interpreter = module" "$tmp/both" "$tmp/out"
}

printf '{"id": 1}\n{"id": 2, "n": 9223372036854775807}\n{"id": 3, "n": -9223372036854775808}\n' > "$tmp/n.jsonl"

# 100,000 nested parentheses: bare parentheses are not operators
{
	cat "$tmp/head.pacta"
	printf 'define deep = '; repeat 100000 '('; printf 'n + 1'; repeat 100000 ')'; printf '\n'
	printf 'clause 1 grant when deep > 1\n'
	printf 'test "deep" given n = 5 expect grant by 1\n'
} > "$tmp/src.pacta"
src_both "100,000 nested parentheses" "$tmp/n.jsonl"
expect "100,000 nested parentheses: saturating n + 1" "$tmp/both" '{"id": 2, "outcome": "grant", "grounds": ["1"]'
# 100,000 nested operators: a clear error (the limit is 1,000)
{
	cat "$tmp/head.pacta"
	printf 'define deep = '; i=0; while [ $i -lt 100 ]; do repeat 1000 '(' | sed 's/(/(1 + /g'; i=$((i + 1)); done
	printf 'n'; repeat 100000 ')'; printf '\nclause 1 grant when deep > 1\n'
} > "$tmp/ops.pacta"
run "100,000 nested operators" 1 "$pacta" check "$tmp/ops.pacta" && expect "100,000 nested operators" "$tmp/err" "nested too deeply"
{
	cat "$tmp/head.pacta"
	printf 'define deep = '; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "not ("; printf "true"; for (i = 0; i < 100000; i++) printf ")" }'
	printf '\nclause 1 grant when deep\n'
} > "$tmp/nots.pacta"
run "100,000 nested 'not'" 1 "$pacta" check "$tmp/nots.pacta" && expect "100,000 nested 'not'" "$tmp/err" "nested too deeply"
# 100,000 unbalanced parentheses: a syntax error
{ cat "$tmp/head.pacta"; printf 'define deep = '; repeat 100000 '('; printf '\n'; } > "$tmp/open.pacta"
run "100,000 unclosed parentheses" 1 "$pacta" check "$tmp/open.pacta" && expect "100,000 unclosed parentheses" "$tmp/err" "error"

# integers and dates at the limits in a source
{
	cat "$tmp/head.pacta"
	cat <<'P'
define big = 9223372036854775807
define small = 0 - 9223372036854775807 - 1
define far = submitted + 9223372036854775807 days
define early = submitted - 9223372036854775807 days
clause 1 "Saturation"
  refer when (n + big = big or n + big = 0 - 1) and small - 1 = small and far = 9999-12-31 and early = 0001-01-01
    and 9223372036854775807 weeks > 9223372036854775806 days and 0001-01-01 - 9999-12-31 = 0 days - 3652058 days
  oblige cap n + big
  oblige last_day 9999-12-31
clause 2 grant
test "saturating at INT64_MAX" given n = 9223372036854775807 expect refer by 1 with cap 9223372036854775807
test "at INT64_MIN" given n = 0 - 9223372036854775807 - 1 expect refer by 1 with cap 0 - 1
test "at 0001-01-01" given submitted = 0001-01-01 expect refer by 1 with last_day 9999-12-31
test "at 9999-12-31" given submitted = 9999-12-31 expect refer by 1
P
} > "$tmp/src.pacta"
printf '{"id": 1, "n": 9223372036854775807, "submitted": "9999-12-31"}\n{"id": 2, "n": -9223372036854775808, "submitted": "0001-01-01"}\n' > "$tmp/lim.jsonl"
src_both "integers and dates at the limits" "$tmp/lim.jsonl"
expect "integers and dates at the limits" "$tmp/both" '{"id": 1, "outcome": "refer", "grounds": ["1"], "obligations": {"last_day": "9999-12-31", "cap": 9223372036854775807}'
expect "integers and dates at the limits" "$tmp/both" '{"id": 2, "outcome": "refer", "grounds": ["1"], "obligations": {"last_day": "9999-12-31", "cap": -1}'
for bad in 9223372036854775808 99999999999999999999999 0000-01-01 10000-01-01 9999-13-01 2023-02-29; do
	{ cat "$tmp/head.pacta"; printf 'clause 1 grant when n = %s or submitted = %s\n' "$bad" "$bad"; } > "$tmp/bad.pacta"
	run "source literal $bad" 1 "$pacta" check "$tmp/bad.pacta" && expect "source literal $bad" "$tmp/err" "error"
done

# a set with every member: every country of std.countries, every data category
countries=$(sed -n '/^enum country/,/}/p' stdlib/std/countries.pacta | sed '1d;$d' | sed 's/#.*//' | tr -s ' \n' ' ' | sed 's/^ //; s/ *$//; s/,$//')
cats=$(sed -n '/^enum data_category/,/}/p' stdlib/std/privacy.pacta | sed '1d;$d' | sed 's/#.*//' | tr -s ' \n' ' ' | sed 's/^ //; s/ *$//; s/,$//')
ncountries=$(echo "$countries" | tr ',' '\n' | grep -c .)
{
	cat <<P
agreement "Every member" parties XA, XB default refuse
import std.mla
define everyone = { $countries }
define every_category = { $cats }
clause 1 refuse unless requesting_party in everyone and everyone within everyone and not (everyone - everyone overlaps everyone)
clause 2 refer when data = every_category
clause 3 grant when data within every_category
  oblige retain_at_most 30 days
test "all categories" given requesting_party = XA, requested_party = XB, assistance = preservation, offence = illegal_access,
  max_penalty = 1 years, specific_investigation = true, submitted = 2026-01-01, data = every_category
  expect refer by 2 with retain_at_most 30 days
P
} > "$tmp/src.pacta"
catsjson=$(echo "$cats" | sed 's/[a-z_0-9]\{1,\}/"&"/g')
base='"requesting_party": "XA", "requested_party": "XB", "assistance": "preservation", "offence": "illegal_access", "max_penalty": 1, "specific_investigation": true, "submitted": "2026-01-01"'
printf '{"id": 1, %s, "data": [%s]}\n{"id": 2, %s, "data": []}\n{"id": 3, %s, "data": [%s, %s]}\n' \
	"$base" "$catsjson" "$base" "$base" "$catsjson" "$catsjson" > "$tmp/all.jsonl"
src_both "a set with every member ($ncountries countries)" "$tmp/all.jsonl"
expect "every member" "$tmp/both" '{"id": 1, "outcome": "refer", "grounds": ["2"]'
expect "every member" "$tmp/both" '{"id": 2, "outcome": "grant", "grounds": ["3"]'
expect "every member, listed twice (a set)" "$tmp/both" '{"id": 3, "outcome": "refer", "grounds": ["2"]'

# an enum of 10,000 members
awk 'BEGIN {
	printf "agreement \"Ten thousand\" default grant\nenum big {"
	for (i = 0; i < 10000; i++) printf "%s%s m%d", (i ? "," : ""), (i % 20 ? "" : "\n "), i
	printf "\n}\n"
	print "request {\n  x: big = m0\n  s: set of big = {}\n}"
	print "obligation marks: set of big combine union"
	print "obligation keeps: set of big combine intersect"
	print "table w: big -> int { m0: 1, m63: 63, m64: 64, m5000: 5000, m9999: 9999, _: 0 }"
	print "clause 1 refuse when x = m9999 and m9999 in s because \"the last member\""
	print "clause 2 refer when w[x] = 5000 or s overlaps {m64, m9998}"
	print "clause 3 oblige marks s | {x}"
	print "  oblige keeps s when x != m1"
	print "clause 4 exempts 2 when x = m0 and s within {m0, m1, m9999}"
	print "test \"last\" given x = m9999, s = {m9999} expect refuse by 1"
	print "test \"lookup\" given x = m5000 expect refer by 2 with marks {m5000}"
	print "test \"exempt\" given x = m0, s = {m9999} expect grant by default with marks {m0, m9999}, keeps {m9999}"
}' > "$tmp/src.pacta"
awk 'BEGIN {
	printf "{\"id\": 1, \"x\": \"m9999\", \"s\": ["
	for (i = 0; i < 10000; i++) printf "%s\"m%d\"", (i ? ", " : ""), i
	printf "]}\n{\"id\": 2, \"x\": \"m5000\"}\n{\"id\": 3, \"x\": \"m10000\"}\n{\"id\": 4, \"x\": \"m0\", \"s\": [\"m9998\"]}\n"
}' > "$tmp/big.jsonl"
src_both "an enum of 10,000 members" "$tmp/big.jsonl"
expect "10,000 members: every member" "$tmp/both" '{"id": 1, "outcome": "refuse", "grounds": ["1"]'
expect "10,000 members: a lookup" "$tmp/both" '{"id": 2, "outcome": "refer", "grounds": ["2"]'
expect "10,000 members: no m10000" "$tmp/both" '{"id": 3, "error"'
expect "10,000 members: m9998" "$tmp/both" '{"id": 4, "outcome": "refer", "grounds": ["2"]'
if [ -x "$bindir/differential" ]; then
	run "an enum of 10,000 members: differential" 0 env PACTA_STDLIB=stdlib "$bindir/differential" "$tmp/src.pacta" "$tmp/src.so" 20000 7
fi

# ---- chains: definitions and imports, with the default stack -----------

# 200,000 definitions, each using the one before (in order), or the one
# after (checked from the first, recursively): a located error each way,
# never a stack overflow in the checker, the interpreter or codegen
awk 'BEGIN {
	print "enum e { a, b }\nrequest { x: e }\ndefine d0 = x = a"
	for (i = 1; i < 200000; i++) printf "define d%d = d%d\n", i, i - 1
	print "clause 1 grant when d199999\ntest \"t\" given x = a expect grant by 1"
}' > "$tmp/chain.pacta"
# $stack8m CMD...: CMD with the usual 8 MiB stack, whatever this shell has
stack8m=$tmp/stack8m
printf '#!/bin/sh\nulimit -s 8192\nexec "$@"\n' > "$stack8m"
chmod +x "$stack8m"
for c in check test "build -o $tmp/chain.so"; do
	# shellcheck disable=SC2086 # $c is a command and its options
	run "200,000 definitions in a chain: $c" 1 "$stack8m" "$pacta" $c "$tmp/chain.pacta" &&
	expect "200,000 definitions in a chain: $c" "$tmp/err" "chain.pacta:1003:16: error: expression nested too deeply through the definitions it uses: 1001 levels"
done
awk 'BEGIN {
	print "enum e { a, b }\nrequest { x: e }\nclause 1 grant when d0"
	for (i = 0; i < 199999; i++) printf "define d%d = d%d\n", i, i + 1
	print "define d199999 = x = a"
}' > "$tmp/rchain.pacta"
run "200,000 definitions in a chain, last first" 1 "$stack8m" "$pacta" check "$tmp/rchain.pacta"
expect "200,000 definitions in a chain, last first" "$tmp/err" "error: definitions nested too deeply: 'd1001' is used inside definitions not yet checked, 1001 levels deep"

# 2,000 files, each importing the next
mkdir -p "$tmp/imports"
awk -v d="$tmp/imports" 'BEGIN { for (i = 0; i < 2000; i++) printf "import \"f%d.pacta\"\n", i + 1 > (d "/f" i ".pacta") }'
printf 'clause 1 grant\n' > "$tmp/imports/f2000.pacta"
run "2,000 files importing each other in a chain" 1 "$stack8m" "$pacta" check "$tmp/imports/f0.pacta"
expect "2,000 files importing each other in a chain" "$tmp/err" "f999.pacta:1:8: error: imports nested too deeply: '$tmp/imports/f1000.pacta' would be file 1001"
rm -rf "$tmp/imports"

# a 50,000-clause agreement (bench/gen-agreement.sh) with two tests
big() {
	sh bench/gen-agreement.sh "$1"
	cat <<'P'
fixture plain given requesting_party = XB, requested_party = XA, assistance = subscriber_info, offence = terrorism,
  max_penalty = 9 years, specific_investigation = true, targets = 1, submitted = 2026-01-01
test "granted by the clauses on terrorism" given plain expect grant
test "bulk requests are refused" given plain, targets = 100, specific_investigation = false expect refuse
P
}
big 50000 > "$tmp/src.pacta"
run "50,000 clauses: check" 0 "$pacta" check "$tmp/src.pacta"
run "50,000 clauses: test" 0 "$pacta" test "$tmp/src.pacta" && expect "50,000 clauses: test" "$tmp/out" "2 passed, 0 failed"
printf '{"requesting_party": "XB", "requested_party": "XA", "assistance": "subscriber_info", "offence": "terrorism", "max_penalty": 9, "specific_investigation": true, "submitted": "2026-01-01"}\n' > "$tmp/g.jsonl"
run "50,000 clauses: eval" 0 "$pacta" eval "$tmp/src.pacta" "$tmp/g.jsonl" && expect "50,000 clauses: eval" "$tmp/out" '"outcome": "grant"'
# Building 50,000 clauses takes minutes (LLVM): only with HOSTILE_FULL=1;
# otherwise the build runs on 5,000.
if [ -n "$HOSTILE_FULL" ]; then nb=50000; else nb=5000; big 5000 > "$tmp/src.pacta"; fi
run "$nb clauses: build" 0 "$pacta" build "$tmp/src.pacta" -o "$tmp/big.so" && \
run "$nb clauses: test --native" 0 "$pacta" test --native "$tmp/src.pacta" && \
run "$nb clauses: eval (module)" 0 "$pacta" eval "$tmp/big.so" "$tmp/g.jsonl" && expect "$nb clauses: eval (module)" "$tmp/out" '"outcome": "grant"'

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
