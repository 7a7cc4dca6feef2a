#!/bin/sh
# run.sh — end-to-end tests of the `pacta` command, from the repository
# root: the examples' and stdlib's own tests, eval on JSON Lines against
# expected output, the command line's exit statuses and hostile input.
# (The examples and commands of the docs are tests/docs/run.sh's.)
#   sh tests/e2e/run.sh build/pacta
pacta=${1:-build/pacta}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh

# The agreements among the examples: the files with an agreement header.
# The others (a Party's reservations and declarations, facts two models
# share) are imported by an agreement and tested through it.
agreements=$(grep -l '^agreement ' examples/*.pacta)

# ---- the agreements' own tests ----
for f in $agreements stdlib/std/*.pacta stdlib/tests/*.pacta; do
	expect_status 0 "pacta test $f" "$pacta" test "$f"
	contains "$tmp/out" " passed, 0 failed" "pacta test $f"
done

# ... and the same tests through the compiled native module
for f in $agreements stdlib/tests/*.pacta tests/semantics/*.pacta; do
	expect_status 0 "pacta test --native $f" "$pacta" test --native "$f"
	contains "$tmp/out" " passed, 0 failed" "pacta test --native $f"
done

# ---- eval: every line answered, in order, errors located ----
for j in examples/*.jsonl; do
	base=$(basename "$j" .jsonl)
	exp=tests/e2e/$base.expected
	[ -f "$exp" ] || { bad "no $exp for $j"; continue; }
	"$pacta" eval "examples/$base.pacta" "$j" >"$tmp/got" 2>"$tmp/err"
	rc=$?
	grep -q '"error"' "$exp" && want=1 || want=0
	[ "$rc" -eq "$want" ] && ok || bad "eval $j: exit status $rc, expected $want"
	same "$exp" "$tmp/got" "eval $j differs from $exp"
	[ "$(wc -l <"$j")" -eq "$(wc -l <"$tmp/got")" ] && ok || bad "eval $j: not one answer per line"
	# the same from standard input, and the same again (deterministic)
	"$pacta" eval "examples/$base.pacta" - <"$j" >"$tmp/got2" 2>/dev/null
	same "$tmp/got" "$tmp/got2" "eval $j from stdin"
done

# ... and through a native module, loaded by libpacta: the same lines
for j in examples/*.jsonl; do
	base=$(basename "$j" .jsonl)
	"$pacta" build "examples/$base.pacta" -o "$tmp/$base.so" 2>"$tmp/err" || { bad "build $base"; cat "$tmp/err"; continue; }
	"$pacta" eval "$tmp/$base.so" "$j" >"$tmp/got" 2>"$tmp/err"
	same "tests/e2e/$base.expected" "$tmp/got" "eval $tmp/$base.so differs from the interpreter's expected output"
	"$pacta" eval --trace "$tmp/$base.so" "$j" >"$tmp/got" 2>/dev/null
	"$pacta" eval --trace "examples/$base.pacta" "$j" >"$tmp/want" 2>/dev/null
	same "$tmp/want" "$tmp/got" "eval --trace: module and interpreter differ on $j"
done

# explain and inspect, pinned
sed -n 12p examples/model-agreement.jsonl >"$tmp/request.json"
cp "$tmp/model-agreement.so" "$tmp/model.so"
(cd "$tmp" && "$OLDPWD/$pacta" explain model.so request.json) >"$tmp/got" 2>&1
same tests/e2e/explain-model.expected "$tmp/got" "pacta explain model.so"
"$pacta" explain examples/model-agreement.pacta "$tmp/request.json" | tail -n +2 >"$tmp/got"
tail -n +2 tests/e2e/explain-model.expected >"$tmp/want"
same "$tmp/want" "$tmp/got" "pacta explain: the interpreter explains differently"
(cd "$tmp" && "$OLDPWD/$pacta" inspect model.so) >"$tmp/got" 2>&1
same tests/e2e/inspect-model.expected "$tmp/got" "pacta inspect model.so"
printf 'not an ELF file\n' >"$tmp/fake.so"
expect_status 1 "eval of a file that is not a module" "$pacta" eval "$tmp/fake.so" "$tmp/request.json"
contains "$tmp/err" "not an ELF file" "a bad module is refused with the reason"
expect_status 1 "inspect of a missing module" "$pacta" inspect "$tmp/absent.so"
expect_status 1 "explain with a bad request" "$pacta" explain "$tmp/model.so" "$tmp/fake.so"
contains "$tmp/err" "malformed JSON" "explain names the bad request"
# a byte-order mark, as Notepad saves UTF-8, is not the request's;
# an empty file and a missing one are said as such
{ printf '\357\273\277'; cat "$tmp/request.json"; } >"$tmp/bom.json"
expect_status 0 "explain, a request with a byte-order mark" "$pacta" explain "$tmp/model.so" "$tmp/bom.json"
(cd "$tmp" && "$OLDPWD/$pacta" explain model.so bom.json) >"$tmp/got" 2>&1
same tests/e2e/explain-model.expected "$tmp/got" "pacta explain, a request with a byte-order mark"
{ printf '\357\273\277'; cat "$tmp/request.json" "$tmp/request.json"; } >"$tmp/bom.jsonl"
expect_status 0 "eval, a byte-order mark before the first line" "$pacta" eval "$tmp/model.so" "$tmp/bom.jsonl"
"$pacta" eval "$tmp/model.so" "$tmp/request.json" >"$tmp/one"
cat "$tmp/one" "$tmp/one" >"$tmp/want"
same "$tmp/want" "$tmp/out" "eval, a byte-order mark before the first line"
: >"$tmp/empty.json"
expect_status 1 "explain, an empty request file" "$pacta" explain "$tmp/model.so" "$tmp/empty.json"
contains "$tmp/err" "empty.json: no request: the file is empty (it takes one JSON object)" "explain, an empty request file"
for c in eval explain; do
	expect_status 1 "$c, a missing request file" "$pacta" $c "$tmp/model.so" "$tmp/absent.json"
	contains "$tmp/err" "pacta: cannot open '$tmp/absent.json': No such file or directory" "$c, a missing request file"
done

# a line of every kind of trouble, each answered in place
m=examples/model-agreement.pacta
printf '%s\n' \
	'{"id": 1, "requesting_party": "XB", "requested_party": "XA", "assistance": "subscriber_info", "offence": "illegal_access", "max_penalty": 5, "data": ["subscriber"], "specific_investigation": true, "submitted": "2026-03-01"}' \
	'not json' \
	'' \
	'{"id": "x", "bogus": 1}' \
	'[1, 2]' \
	'{"id": 5, "requesting_party": "XB", "requested_party": "XA", "assistance": "subscriber_info", "offence": "illegal_access", "max_penalty": 5, "specific_investigation": true, "submitted": "2026-02-30"}' \
	>"$tmp/mixed.jsonl"
expect_status 1 "eval with bad lines" "$pacta" eval "$m" "$tmp/mixed.jsonl"
[ "$(wc -l <"$tmp/out")" -eq 6 ] && ok || bad "eval mixed: expected 6 answers, got $(wc -l <"$tmp/out")"
sed -n 1p "$tmp/out" | grep -q '"outcome": "grant"' && ok || bad "eval mixed: line 1 not granted"
sed -n 2p "$tmp/out" | grep -q '"error": "line 2, column 1: ' && ok || bad "eval mixed: line 2 error not located"
sed -n 3p "$tmp/out" | grep -q '"error": "line 3' && ok || bad "eval mixed: empty line 3 not answered"
sed -n 4p "$tmp/out" | grep -q '{"id": "x", "error": "line 4, column 13: field \\"bogus\\": unknown field"}' && ok || bad "eval mixed: line 4: $(sed -n 4p "$tmp/out")"
sed -n 6p "$tmp/out" | grep -q 'invalid date' && ok || bad "eval mixed: line 6: $(sed -n 6p "$tmp/out")"
# a misspelt field or value: the one meant, named
printf '%s\n' '{"id": 1, "specific_investigaton": true}' '{"id": 2, "offence": "ilegal_access"}' \
	'{"id": 3, "data": ["subscribr"]}' >"$tmp/typos.jsonl"
expect_status 1 "eval with misspelt names" "$pacta" eval "$m" "$tmp/typos.jsonl"
contains "$tmp/out" 'field \"specific_investigaton\": unknown field (did you mean \"specific_investigation\"?)' "eval: a misspelt field"
contains "$tmp/out" 'field \"offence\": unknown value \"ilegal_access\" (did you mean \"illegal_access\"?)' "eval: a misspelt value"
contains "$tmp/out" 'field \"data\": unknown value \"subscribr\" (did you mean \"subscriber\"?)' "eval: a misspelt member of a set"

# --trace adds the trace member
"$pacta" eval --trace "$m" examples/model-agreement.jsonl >"$tmp/tr" 2>/dev/null
head -1 "$tmp/tr" | grep -q '"trace": {"fired": \[' && ok || bad "eval --trace: no trace"

# ---- a failing test shows expected, actual and the trace ----
cat >"$tmp/failing.pacta" <<'P'
enum e { a, b }
request { x: e }
clause 1 "One" grant when x = a because "a is fine"
test "passes" given x = a expect grant by 1
test "fails" given x = a expect refuse by 1
P
expect_status 1 "pacta test with a failing test" "$pacta" test "$tmp/failing.pacta"
contains "$tmp/out" '"fails": the outcome differs' "failing test"
contains "$tmp/out" "expected: refuse by 1" "failing test"
contains "$tmp/out" "actual:   grant by 1" "failing test"
contains "$tmp/out" "fired 1 grant" "failing test trace"
contains "$tmp/out" "1 passed, 1 failed" "failing test summary"

# the actual decision is written as a test writes it: pasted into the
# test, it passes
cat >"$tmp/actual.pacta" <<'P'
enum e { a, b, c }
request { x: e }
obligation uses: set of e combine union "use the data for these only"
obligation keep: days combine min "keep it no longer"
clause 1 "One"
  grant when x = a because "a is fine"
  oblige uses {a, c}
  oblige keep 1 day
test "fails" given x = a expect grant by 1 with uses {a}
P
expect_status 1 "pacta test, obligations of a set and days" "$pacta" test "$tmp/actual.pacta"
contains "$tmp/out" "actual:   grant by 1 with uses {a, c}, keep 1 day" "the actual decision as a test writes it"
actual=$(sed -n 's/^  actual:   //p' "$tmp/out")
sed "s/expect grant by 1 with uses {a}/expect $actual/" "$tmp/actual.pacta" >"$tmp/pasted.pacta"
expect_status 0 "pacta test, the actual line pasted into the test" "$pacta" test "$tmp/pasted.pacta"
contains "$tmp/out" "1 passed, 0 failed" "the actual line pasted into the test"

# an assert that does not hold: the lints that need no proof still speak,
# as they may say why (an 'and' read before an 'or')
cat >"$tmp/andor.pacta" <<'P'
request { a: bool = false, b: bool = false, c: bool = false }
clause 1 "X"
  refuse when a or b and c because "x"
assert "a refusal needs c" always outcome = refuse implies c
P
expect_status 1 "check, an assert that does not hold" "$pacta" check "$tmp/andor.pacta"
contains "$tmp/err" "does not hold" "check, an assert that does not hold"
contains "$tmp/err" "[and-or]" "check, an assert that does not hold: the and-or lint still said"

# an expected obligation that a rule imposed, but whose 'on' leaves out the
# outcome: the failure says so, not only that it is missing
cat >"$tmp/unreported.pacta" <<'P'
request { urgent: bool = false }
obligation retain: days combine min
clause 1 "Scope"
  grant because "x"
  oblige retain 90 days
clause 2 "Urgency"
  refuse when urgent because "y"
test "refusal" given urgent = true expect refuse by 2 with retain 90 days
P
expect_status 1 "pacta test, an obligation its 'on' leaves out" "$pacta" test "$tmp/unreported.pacta"
contains "$tmp/out" "an expected obligation is missing: clause 1 imposed retain, but it goes only with grant or refer (its 'on'), not with refuse" "pacta test, an obligation its 'on' leaves out"

# fmt of an empty or blank source: an empty layout (a NULL buffer once
# reached fwrite and memcmp: caught under SANITIZE=1)
: >"$tmp/empty.pacta"
printf '\n\n' >"$tmp/blank.pacta"
for f in "$tmp/empty.pacta" "$tmp/blank.pacta"; do
	expect_status 0 "fmt of $(basename "$f")" "$pacta" fmt "$f"
	[ -s "$tmp/out" ] && bad "fmt of $(basename "$f"): printed something" || ok
	expect_status 0 "fmt -w of $(basename "$f")" "$pacta" fmt -w "$f"
	expect_status 0 "fmt --check after -w, $(basename "$f")" "$pacta" fmt --check "$f"
done
expect_status 0 "fmt - of nothing" sh -c "\"$pacta\" fmt - </dev/null"

# tests not run are not "0 failed" alone
printf 'clause 1 "One" grant when nope because "x"\ntest "t" given expect grant\n' >"$tmp/unrun.pacta"
expect_status 1 "pacta test, a file that does not compile" "$pacta" test "$tmp/unrun.pacta" "$tmp/failing.pacta"
contains "$tmp/out" "1 passed, 1 failed; 1 file not tested: fix the errors above first" "tests not run are said"

# ---- coverage: clauses no test fired or found decisive ----
# (on the model agreement with its first test only)
awk '/^test / { n++ } n < 2' examples/model-agreement.pacta >"$tmp/cov.pacta"
expect_status 0 "pacta test --coverage" "$pacta" test --coverage "$tmp/cov.pacta"
contains "$tmp/out" "coverage $tmp/cov.pacta: 11 clauses, 3 fired (27%), 3 decisive (27%)" "coverage"
contains "$tmp/out" "never fired: 1.2 2.1 2.2 3.1 3.2 3.3 4.2 4.4" "coverage"
# every agreement among the examples: every clause fired and decisive
for f in $agreements; do
	"$pacta" test --coverage "$f" >"$tmp/cov" 2>&1
	grep -q "fired (100%), .* decisive (100%)" "$tmp/cov" && ok || { bad "coverage of $f below 100%"; grep -A2 '^coverage' "$tmp/cov"; }
done
# Coverage counts every clause of the agreement, those of the Parties'
# reservation files too, each named with its file
sed '/^test /,$d' examples/budapest.pacta >examples/.cov-untested.pacta
"$pacta" test --coverage examples/.cov-untested.pacta >"$tmp/cov" 2>&1
rm -f examples/.cov-untested.pacta
contains "$tmp/cov" "38 clauses, 0 fired (0%)" "coverage of the reservation files"
contains "$tmp/cov" '    2.XD "Illegal access: infringement of security measures required (Art 2)" (budapest-reservations-XD.pacta line 10)' "coverage of the reservation files"
# and every reservation and declaration of the files it imports must be a
# ground of one of its tests (a test's expected grounds are its actual
# grounds, or it fails).
for f in examples/*.pacta; do
	grep -q '^agreement ' "$f" && continue
	importers=$(grep -l "^import \"$(basename "$f")\"" $agreements)
	[ -n "$importers" ] && ok || { bad "$f is imported by no agreement"; continue; }
	for label in $(sed -n 's/^\(reservation\|declaration\) [A-Z][A-Z] \([0-9][0-9A-Za-z.]*\).*/\2/p' "$f"); do
		grep -h '^ *expect ' $importers | grep -Fqw -- "$label" && ok ||
			bad "$label ($f) is a ground of no test of $(echo $importers)"
	done
done

# ---- pacta diff ----
sed 's/oblige retain_at_most 180 days/oblige retain_at_most 90 days/' examples/model-agreement.pacta >"$tmp/m90.pacta"
expect_status 0 "diff of identical agreements" "$pacta" diff --exit-code examples/model-agreement.pacta examples/model-agreement.pacta
contains "$tmp/out" "no request is decided differently" "diff of identical agreements"
contains "$tmp/out" "structure: no changes" "diff of identical agreements"
expect_status 1 "diff of a one-clause change" "$pacta" diff --exit-code examples/model-agreement.pacta "$tmp/m90.pacta"
contains "$tmp/out" "clause 4.1 changed" "diff: the changed clause"
contains "$tmp/out" "1. retain_at_most: 180 days -> 90 days (4.1)" "diff: the one kind of change"
contains "$tmp/out" "semantic diff: 1 kind of change" "diff: exactly one kind"
expect_status 0 "diff without --exit-code" "$pacta" diff examples/model-agreement.pacta "$tmp/m90.pacta"
# two modules: the same report as their sources (but for the names)
"$pacta" build "$tmp/m90.pacta" -o "$tmp/m90.so" 2>/dev/null
"$pacta" diff examples/model-agreement.pacta "$tmp/m90.pacta" | tail -n +2 >"$tmp/want"
"$pacta" diff "$tmp/model.so" "$tmp/m90.so" | tail -n +2 | sed "s/ solver queries, .*//" >"$tmp/got"
sed -i "s/ solver queries, .*//" "$tmp/want"
same "$tmp/want" "$tmp/got" "diff of two modules differs from the diff of their sources"
# a module carries the files its agreement imports, and its side of a
# diff is read from them, whatever the disk holds now: another std.privacy
# first (-I) that is not even a source does not reach it
expect_status 0 "diff of a module against its source" "$pacta" diff "$tmp/model.so" examples/model-agreement.pacta
if grep -q "warning" "$tmp/err"; then bad "diff of a module: a warning with the same imports"; else ok; fi
mkdir -p "$tmp/brokenlib/std"
echo "this is not a Pacta source" >"$tmp/brokenlib/std/privacy.pacta"
expect_status 0 "diff of two modules, other imports on disk" "$pacta" diff -I "$tmp/brokenlib" "$tmp/model.so" "$tmp/m90.so"
contains "$tmp/out" "1. retain_at_most: 180 days -> 90 days (4.1)" "diff of two modules, other imports on disk"
"$pacta" inspect "$tmp/model.so" >"$tmp/inspect"
contains "$tmp/inspect" "imports     4" "inspect lists the files a module carries"
contains "$tmp/inspect" "  std.privacy                              8917 bytes" "inspect lists the files a module carries"
# two versions of an agreement whose Party's reservation changed, built
# into modules and the sources then removed: the diff of the modules
# names the reservation's clause
for v in 1 2; do
	mkdir -p "$tmp/bp$v"
	cp examples/budapest.pacta examples/budapest-reservations-X?.pacta "$tmp/bp$v/"
done
sed -i 's/^      unless access_code_trafficking$//' "$tmp/bp2/budapest-reservations-XA.pacta"
cmp -s examples/budapest-reservations-XA.pacta "$tmp/bp2/budapest-reservations-XA.pacta" && bad "the reservation was not edited"
"$pacta" build "$tmp/bp1/budapest.pacta" -o "$tmp/bp1.so" && "$pacta" build "$tmp/bp2/budapest.pacta" -o "$tmp/bp2.so" ||
	bad "build the two Budapest versions"
rm -r "$tmp/bp1" "$tmp/bp2"
expect_status 1 "diff of two modules, a reservation changed" "$pacta" diff --exit-code "$tmp/bp1.so" "$tmp/bp2.so"
contains "$tmp/out" "reservation 6.3.XA changed" "diff of two modules, a reservation changed"
contains "$tmp/out" "1. grant -> refuse by 6.3.XA (changed, reservation of XA)" "diff of two modules, a reservation changed"
mkdir -p "$tmp/otherlib/std"
{ cat stdlib/std/privacy.pacta; echo "# an edit after the module was built"; } >"$tmp/otherlib/std/privacy.pacta"
"$pacta" build -I "$tmp/otherlib" examples/model-agreement.pacta -o "$tmp/model-other.so"
"$pacta" inspect "$tmp/model.so" | grep '^source' >"$tmp/h1"
"$pacta" inspect "$tmp/model-other.so" | grep '^source' >"$tmp/h2"
if cmp -s "$tmp/h1" "$tmp/h2"; then bad "an imported file's edit does not change the module's hash"; else ok; fi
"$pacta" diff --json examples/model-agreement.pacta "$tmp/m90.pacta" >"$tmp/d.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["structure"][0]["name"] == "4.1"' "$tmp/d.json" && ok || bad "diff --json is not the expected JSON"
"$pacta" diff --html examples/model-agreement.pacta "$tmp/m90.pacta" >"$tmp/d.html"
grep -q '<!DOCTYPE html>' "$tmp/d.html" && grep -q 'retain_at_most: 180 days &#8594; 90 days (4.1)' "$tmp/d.html" && ok || bad "diff --html"
# civil society's amendments only ever restrict: on every signature the
# rights-protective model is less permissive than the adopted text
"$pacta" diff examples/un-convention.pacta examples/rights-protective.pacta >"$tmp/rp.diff" 2>&1
grep -q '^  26 less permissive$' "$tmp/rp.diff" && ! grep -q 'incomparable\|more permissive' "$tmp/rp.diff" && ok ||
	{ bad "the rights-protective model is more permissive than the adopted text somewhere"; sed -n '/^signatures/,/^  [0-9]/p' "$tmp/rp.diff"; }

# ---- an agreement without request fields, through the module: ids of
# every sort, and none after one (the request's words start with its
# has-id word when there are no set words) ----
printf 'clause 1 "Always" grant\n' >"$tmp/nofields.pacta"
"$pacta" build "$tmp/nofields.pacta" -o "$tmp/nofields.so"
printf '{"id": "abc-0123456789-0123456789-xyz"}\n{}\n{"id": 5}\n' >"$tmp/nofields.jsonl"
expect_status 0 "eval without request fields" "$pacta" eval "$tmp/nofields.so" "$tmp/nofields.jsonl"
printf '%s\n' '{"id": "abc-0123456789-0123456789-xyz", "outcome": "grant", "grounds": ["1"], "obligations": {}}' \
	'{"outcome": "grant", "grounds": ["1"], "obligations": {}}' \
	'{"id": 5, "outcome": "grant", "grounds": ["1"], "obligations": {}}' >"$tmp/want"
same "$tmp/want" "$tmp/out" "eval without request fields: ids copied, none after one"

# ---- defaults and missing fields a word of fields at a time: 64 and 65
# fields, the last one required ----
for n in 64 65; do
	{ echo "request {"; i=1; while [ $i -lt $n ]; do echo "  f$i: int = $i"; i=$((i + 1)); done
	  echo "  f$n: bool"; echo "}"; echo 'clause 1 grant when f1 = 1 and f63 = 63 and f'$n; } >"$tmp/wide$n.pacta"
	printf '{"id": 1}\n{"id": 2, "f%s": true}\n{"id": 3, "f63": 0, "f%s": true}\n' $n $n >"$tmp/wide.jsonl"
	for m in "$tmp/wide$n.pacta" so; do
		[ "$m" = so ] && { "$pacta" build "$tmp/wide$n.pacta" -o "$tmp/wide$n.so"; m="$tmp/wide$n.so"; }
		expect_status 1 "eval of $n fields ($m)" "$pacta" eval "$m" "$tmp/wide.jsonl"
		contains "$tmp/out" "field \\\"f$n\\\": missing (no default)" "$n fields: the last, required, missing"
		contains "$tmp/out" '{"id": 2, "outcome": "grant"' "$n fields: defaults for the 63 or 64 left out"
		contains "$tmp/out" '{"id": 3, "outcome": "refuse"' "$n fields: a given value over its default"
	done
done
# every required field missing: the answer names the first as its field,
# and the others in its message, as many as fit, across words of fields
{ echo "request {"; i=1; while [ $i -le 70 ]; do echo "  required_field_$i: bool"; i=$((i + 1)); done
  echo "}"; echo 'clause 1 grant when required_field_1'; } >"$tmp/required.pacta"
printf '{"id": 1, "required_field_2": true}
' >"$tmp/required.jsonl"
"$pacta" build "$tmp/required.pacta" -o "$tmp/required.so"
for m in "$tmp/required.pacta" "$tmp/required.so"; do
	expect_status 1 "eval, 69 required fields missing ($m)" "$pacta" eval "$m" "$tmp/required.jsonl"
	contains "$tmp/out" 'field \"required_field_1\": missing (no default); so are \"required_field_3\", \"required_field_4\", ' \
		"69 required fields missing: the first is the error's field, the others named ($m)"
	if grep -q 'required_field_2\\"' "$tmp/out"; then bad "69 required fields missing: names one given ($m)"; else ok; fi
	grep -Eq '\\"required_field_[0-9]+\\" and [0-9]+ more"' "$tmp/out" && ok ||
		bad "69 required fields missing: the rest counted ($m): $(cat "$tmp/out")"
done

# enums whose members changed: compared by name (the parties' enum
# renumbered, the summary by party still right), or, with no member in
# common, each version given the other's: the requests naming them are
# kinds of their own
sed 's/enum country { XA, XB, XC }/enum country { XC, XB, XA }/; s/clause 1.1 grant when offence in {hacking, fraud}/clause 1.1 grant when offence in {hacking, fraud} and requesting_party = XB/' \
	tests/smt/pairs/base.pacta >"$tmp/renumbered.pacta"
expect_status 0 "diff, parties renumbered" "$pacta" diff tests/smt/pairs/base.pacta "$tmp/renumbered.pacta"
if grep -q "^schema:" "$tmp/out"; then bad "diff, parties renumbered: a schema note for members renumbered only"; else ok; fi
contains "$tmp/out" "semantic diff: 1 kind of change" "diff, parties renumbered: one kind"
contains "$tmp/out" "1. grant by 1.1 (changed) -> refuse by default" "diff, parties renumbered: the one change"
contains "$tmp/out" "XA -> XB, production: less permissive" "diff, parties renumbered: the summary maps parties by name"
if grep -q "XB -> XA, .*less permissive" "$tmp/out"; then bad "diff, parties renumbered: XB taken for XA"; else ok; fi
sed 's/enum crime { hacking, fraud, defamation }/enum crime { a, b }/; s/clause 1.1 grant when offence in {hacking, fraud}/clause 1.1 grant when offence = a/' \
	tests/smt/pairs/base.pacta >"$tmp/disjoint.pacta"
expect_status 0 "diff, no member in common" "$pacta" diff tests/smt/pairs/base.pacta "$tmp/disjoint.pacta"
contains "$tmp/out" "field offence: the new version lacks the members hacking, fraud, defamation" "diff notes the members one version lacks"
contains "$tmp/out" "offence = hacking, which the new version lacks: grant by 1.1 (changed) -> refuse by default" "diff: a member only the old version has"
contains "$tmp/out" "offence = a, which the old version lacks: refuse by default -> grant by 1.1 (changed)" "diff: a member only the new version has"

# ---- pacta doc ----
expect_status 0 "pacta doc" "$pacta" doc examples/model-agreement.pacta -o "$tmp/m.html"
grep -q '<svg' "$tmp/m.html" && grep -q 'Dual criminality' "$tmp/m.html" && ok || bad "pacta doc: no graph or article"

# ---- the command line ----
expect_status 2 "no command" "$pacta"
expect_status 2 "unknown command" "$pacta" frobnicate
expect_status 2 "check without files" "$pacta" check
expect_status 2 "unknown option" "$pacta" check --bogus "$m"
expect_status 2 "eval with too many arguments" "$pacta" eval "$m" a b
expect_status 0 "--help" "$pacta" --help
contains "$tmp/out" "usage: pacta COMMAND" "--help"
for c in check test eval build explain inspect fmt diff doc keygen; do
	expect_status 0 "$c --help" "$pacta" "$c" --help
	contains "$tmp/out" "usage: pacta $c" "$c --help"
done
expect_status 0 "--version" "$pacta" --version
contains "$tmp/out" "pacta " "--version"
expect_status 1 "missing file" "$pacta" check "$tmp/absent.pacta"
contains "$tmp/err" "cannot open" "missing file"
expect_status 1 "missing requests file" "$pacta" eval "$m" "$tmp/absent.jsonl"

# ---- the agreement from standard input (-): read once, named <stdin>,
# its imports by name found from the current directory ----
expect_status 0 "check -" sh -c "cd examples && '$PWD/$pacta' check - < budapest.pacta"
printf 'agreement "x" version "1"\nclause 1 grant when nope\n' >"$tmp/typo.pacta"
expect_status 1 "check -, an error" sh -c "'$pacta' check - < '$tmp/typo.pacta'"
contains "$tmp/err" "<stdin>:2:21: error: unknown name 'nope'" "check -, an error"
"$pacta" eval examples/model-agreement.pacta examples/model-agreement.jsonl >"$tmp/want" 2>/dev/null
expect_status 1 "eval - REQUESTS" sh -c "'$pacta' eval - examples/model-agreement.jsonl < examples/model-agreement.pacta"
same "$tmp/want" "$tmp/out" "eval - REQUESTS: not the file's decisions"
expect_status 0 "build - -o" sh -c "'$pacta' build - -o '$tmp/stdin.so' < examples/model-agreement.pacta"
"$pacta" eval "$tmp/stdin.so" examples/model-agreement.jsonl >"$tmp/got" 2>/dev/null
same "$tmp/want" "$tmp/got" "build - -o: the module decides otherwise than the file"
"$pacta" build examples/model-agreement.pacta -o "$tmp/file.so"
# the same source, the same module, wherever it was read from
cmp -s "$tmp/stdin.so" "$tmp/file.so" && ok || bad "build -: not the module the file builds"
expect_status 0 "test -" sh -c "'$pacta' test - < examples/model-agreement.pacta"
expect_status 2 "eval -, requests on stdin too" "$pacta" eval - </dev/null
contains "$tmp/err" "the agreement and the requests cannot both come from standard input" "eval -"
expect_status 2 "build - without -o" "$pacta" build - </dev/null
contains "$tmp/err" "needs -o FILE" "build - without -o"
expect_status 2 "check --watch -" "$pacta" check --watch - </dev/null
expect_status 2 "diff - -" "$pacta" diff - - </dev/null
contains "$tmp/err" "the two versions cannot both come from standard input" "diff - -"

# ---- a part of an agreement (no header of its own, imported by an
# agreement beside it) is checked as part of that agreement; a library
# (the standard library) alone, without "unused" findings ----
expect_status 0 "check a Party's reservations" "$pacta" check examples/budapest-reservations-XA.pacta
contains "$tmp/err" "note: examples/budapest-reservations-XA.pacta has no agreement header: it is checked as part of examples/budapest.pacta, which imports it" "check a part"
mkdir -p "$tmp/part"
cp examples/budapest.pacta examples/budapest-reservations-XD.pacta "$tmp/part/"
sed 's/coercive$/coercive and nope/' examples/budapest-reservations-XA.pacta >"$tmp/part/budapest-reservations-XA.pacta"
expect_status 1 "check a part with an error" "$pacta" check "$tmp/part/budapest-reservations-XA.pacta"
contains "$tmp/err" "budapest-reservations-XA.pacta:29:85: error: unknown name 'nope'" "check a part with an error"
[ "$(grep -c error: "$tmp/err")" -eq 1 ] && ok || bad "check a part with an error: not one error"
# a part whose text says "agreement ..." and "import ..." at the start of a
# line, and an agreement that says it imports the part only in a comment:
# what a file is, is read from its tokens, not its lines
mkdir -p "$tmp/said"
cp examples/budapest.pacta examples/budapest-reservations-XD.pacta "$tmp/said/"
awk '{ print } /^  In accordance with Article 6, paragraph 3/ { print "  agreement \"x\" and"; print "  import \"budapest.pacta\"" }' \
	examples/budapest-reservations-XA.pacta >"$tmp/said/budapest-reservations-XA.pacta"
grep -q '^  agreement "x" and$' "$tmp/said/budapest-reservations-XA.pacta" && ok || bad "the part's text block was not edited"
printf '# import "budapest-reservations-XA.pacta"\nagreement "Other" default refuse\nrequest { x: bool }\nclause 1 grant when x\n' \
	>"$tmp/said/a-other.pacta"
expect_status 0 "check a part whose text says agreement" "$pacta" check "$tmp/said/budapest-reservations-XA.pacta"
contains "$tmp/err" "has no agreement header: it is checked as part of $tmp/said/budapest.pacta, which imports it" \
	"check a part whose text says agreement"
# two versions of a Party's part: compared as the agreement that imports
# the newer, once with each (the older may lie anywhere, under any name);
# the same report as the two agreements' but for the names it gives
mkdir -p "$tmp/pv/new" "$tmp/pv/old" "$tmp/pv/whole-old"
cp examples/budapest.pacta examples/budapest-reservations-XA.pacta examples/budapest-reservations-XD.pacta "$tmp/pv/new/"
sed 's/offence = misuse_of_devices and coercive$/offence = misuse_of_devices/' examples/budapest-reservations-XA.pacta \
	>"$tmp/pv/old/XA-2024.pacta"
cmp -s "$tmp/pv/old/XA-2024.pacta" examples/budapest-reservations-XA.pacta && bad "the old XA was not edited" || ok
cp examples/budapest.pacta examples/budapest-reservations-XD.pacta "$tmp/pv/whole-old/"
cp "$tmp/pv/old/XA-2024.pacta" "$tmp/pv/whole-old/budapest-reservations-XA.pacta"
# another agreement beside it imports the part too: named in the report
printf 'agreement "Another" version "1" default refuse\nimport "budapest-reservations-XA.pacta"\n' >"$tmp/pv/new/zz-another.pacta"
expect_status 0 "diff two versions of a part" "$pacta" diff "$tmp/pv/old/XA-2024.pacta" "$tmp/pv/new/budapest-reservations-XA.pacta"
contains "$tmp/err" "have no agreement header: they are compared as parts of $tmp/pv/new/budapest.pacta" "diff two versions of a part"
contains "$tmp/out" "parts: compared as parts of $tmp/pv/new/budapest.pacta, which imports them; also imported by $tmp/pv/new/zz-another.pacta, whose decisions this report does not show" "diff two versions of a part: the report names the agreements"
contains "$tmp/out" "reservation 6.3.XA changed" "diff two versions of a part: the structure"
contains "$tmp/out" "refuse by 6.3.XA (changed, reservation of XA) -> grant" "diff two versions of a part: the semantics"
"$pacta" diff --json "$tmp/pv/old/XA-2024.pacta" "$tmp/pv/new/budapest-reservations-XA.pacta" 2>/dev/null >"$tmp/pv/parts.json"
python3 - "$tmp/pv/parts.json" "$tmp/pv/new" <<'PY' && ok || bad "diff --json of two versions of a part: the agreements"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["part_of"] == sys.argv[2] + "/budapest.pacta" and d["also_imported_by"] == [sys.argv[2] + "/zz-another.pacta"], d
PY
grep -v '^pacta diff \|^parts: \|solver queries' "$tmp/out" >"$tmp/pv/parts.out"
expect_status 0 "diff the two agreements" "$pacta" diff "$tmp/pv/whole-old/budapest.pacta" "$tmp/pv/new/budapest.pacta"
grep -v '^pacta diff \|solver queries' "$tmp/out" >"$tmp/pv/whole.out"
same "$tmp/pv/whole.out" "$tmp/pv/parts.out" "diff two versions of a part: not the agreements' report"
# an error in the older part is shown in its own file, not the newer's
sed 's/offence = misuse_of_devices$/ofence = misuse_of_devices/' "$tmp/pv/old/XA-2024.pacta" >"$tmp/pv/old/XA-broken.pacta"
grep -q "ofence = misuse_of_devices" "$tmp/pv/old/XA-broken.pacta" && ok || bad "the broken XA was not written"
expect_status 1 "diff two versions of a part, the older broken" "$pacta" diff "$tmp/pv/old/XA-broken.pacta" "$tmp/pv/new/budapest-reservations-XA.pacta"
grep -q "^$tmp/pv/old/XA-broken.pacta:[0-9]*:[0-9]*: error: unknown name 'ofence'" "$tmp/err" && ok || bad "diff two versions of a part, the older broken: the error in its file"
grep -q "^$tmp/pv/new/budapest-reservations-XA.pacta:" "$tmp/err" && bad "diff two versions of a part, the older broken: the error shown in the newer" || ok
"$pacta" diff --diagnostics=json "$tmp/pv/old/XA-broken.pacta" "$tmp/pv/new/budapest-reservations-XA.pacta" 2>"$tmp/pv/err.json" >/dev/null
contains "$tmp/pv/err.json" "\"file\":\"$tmp/pv/old/XA-broken.pacta\"" "diff two versions of a part, the older broken: the JSON diagnostic's file"
expect_status 1 "diff two parts no agreement imports" "$pacta" diff "$tmp/pv/old/XA-2024.pacta" "$tmp/pv/old/XA-2024.pacta"
contains "$tmp/err" "no agreement beside them imports either: diff the agreements that import them" \
	"diff two parts no agreement imports"
expect_status 0 "lint a part" "$pacta" lint examples/budapest-reservations-XD.pacta
contains "$tmp/err" "linted as part of examples/budapest.pacta" "lint a part"
# --only, repeated or with commas: the lints named, each
for only in "--only rule-layout --only obligation-outcome" "--only rule-layout,obligation-outcome"; do
	# shellcheck disable=SC2086
	expect_status 1 "lint $only" "$pacta" lint $only tests/lint/rule_layout.pacta tests/lint/obligation_outcome.pacta
	contains "$tmp/err" "[rule-layout]" "lint $only"
	contains "$tmp/err" "[obligation-outcome]" "lint $only"
	if grep -q "\[unreported-obligation\]" "$tmp/err"; then bad "lint $only: a lint not named"; else ok; fi
done
expect_status 2 "lint --only, a name of no lint" "$pacta" lint --only rule-layout,nope tests/lint/rule_layout.pacta
contains "$tmp/err" "no lint is named 'nope'" "lint --only, a name of no lint"
expect_status 0 "test a part" "$pacta" test examples/budapest-reservations-XA.pacta
contains "$tmp/err" "tested as part of examples/budapest.pacta" "test a part"
"$pacta" test examples/budapest.pacta >"$tmp/want" 2>/dev/null
same "$tmp/want" "$tmp/out" "test a part: not the agreement's tests"
for c in build eval doc inspect; do
	expect_status 1 "$c a part" "$pacta" $c examples/budapest-reservations-XA.pacta </dev/null
	contains "$tmp/err" "pacta: $c: examples/budapest-reservations-XA.pacta has no agreement header: it is part of examples/budapest.pacta, which imports it; give that instead" "$c a part"
done
expect_status 0 "check the standard library" "$pacta" check stdlib/std/mla.pacta stdlib/std/offences.pacta
[ -s "$tmp/err" ] && bad "check the standard library: $(head -1 "$tmp/err")" || ok

# ---- hostile sources: a diagnostic and exit 1, never a crash ----
head -c 4096 /dev/urandom >"$tmp/junk.pacta"
expect_status 1 "binary junk" "$pacta" check "$tmp/junk.pacta"
awk 'BEGIN { printf "define x = "; for (i = 0; i < 10000; i++) printf "("; printf "1"; for (i = 0; i < 10000; i++) printf ")"; print "" }' >"$tmp/parens.pacta"
expect_status 0 "10,000 nested parentheses around a literal" "$pacta" check "$tmp/parens.pacta"
awk 'BEGIN { printf "define x = "; for (i = 0; i < 10000; i++) printf "(1 + "; printf "1"; for (i = 0; i < 10000; i++) printf ")"; print "" }' >"$tmp/deep.pacta"
expect_status 1 "10,000 nested additions" "$pacta" check "$tmp/deep.pacta"
contains "$tmp/err" "expression nested too deeply" "deep nesting"
awk 'BEGIN { printf "define x = 1"; for (i = 0; i < 1000000; i++) printf " + 1 $"; print "" }' >"$tmp/long.pacta"
expect_status 1 "a 10 MB line" "$pacta" check "$tmp/long.pacta"
contains "$tmp/err" "too many errors" "a 10 MB line"
# "too many errors" only when an error goes unshown
printf 'define x = y\ndefine z = w\n' >"$tmp/two.pacta"
expect_status 1 "two errors, two shown" env PACTA_MAX_ERRORS=2 "$pacta" check "$tmp/two.pacta"
grep -q "too many errors" "$tmp/err" && bad "two errors, two shown: 'too many errors' said" || ok
expect_status 1 "two errors, one shown" env PACTA_MAX_ERRORS=1 "$pacta" check "$tmp/two.pacta"
contains "$tmp/err" "too many errors" "two errors, one shown"

# ---- limits set in the environment ----
printf 'define x = 1 + 2 + 3 + 4\n' >"$tmp/depth.pacta"
expect_status 0 "depth within the default limit" "$pacta" check "$tmp/depth.pacta"
PACTA_MAX_DEPTH=2 "$pacta" check "$tmp/depth.pacta" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "the limit is 2" "$tmp/err" && ok || bad "PACTA_MAX_DEPTH"
PACTA_MAX_ERRORS=1 "$pacta" check tests/golden/several_errors.pacta >"$tmp/out" 2>"$tmp/err"
[ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] && grep -q "8 errors" "$tmp/err" && ok || bad "PACTA_MAX_ERRORS"
awk 'BEGIN { printf "{\"id\": 1, \"x\": \""; for (i = 0; i < 1200000; i++) printf "x"; print "\"}"; print "{\"id\": 2}" }' >"$tmp/long.jsonl"
PACTA_MAX_LINE_MB=1 "$pacta" eval examples/model-agreement.pacta "$tmp/long.jsonl" >"$tmp/out" 2>&1
sed -n 1p "$tmp/out" | grep -q "line too long" && [ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || bad "PACTA_MAX_LINE_MB"
# at the limit exactly: a line of 1 MiB (then "\r\n") is decoded, one of a
# byte more is not, and the last line needs no line end
awk 'BEGIN { r = "{\"id\": 1, \"requesting_party\": \"XB\", \"requested_party\": \"XA\", \"submitted\": \"2026-03-01\", \"assistance\": \"preservation\", \"offence\": \"illegal_access\", \"max_penalty\": 5, \"specific_investigation\": true"
	for (n = 1048576; n <= 1048577; n++) { printf "%s", r; for (i = length(r) + 1; i < n; i++) printf " "; printf "}\r\n" }
	printf "%s}", r }' >"$tmp/edge.jsonl"
PACTA_MAX_LINE_MB=1 "$pacta" eval examples/model-agreement.pacta "$tmp/edge.jsonl" >"$tmp/out" 2>&1
[ "$(sed -n 2p "$tmp/out")" = '{"error": "line 2, column 1: line too long (the limit is 1 MiB; see PACTA_MAX_LINE_MB)"}' ] &&
	[ "$(grep -c '"outcome": "grant"' "$tmp/out")" -eq 2 ] && [ "$(wc -l <"$tmp/out")" -eq 3 ] && ok ||
	bad "PACTA_MAX_LINE_MB: a line of the limit exactly, and one byte more"
# through a pipe, a line at a time: each answer comes out before the next
# line is sent (a program can keep pacta eval running and ask it)
mkfifo "$tmp/fifo"
"$pacta" eval examples/model-agreement.pacta - <"$tmp/fifo" >"$tmp/pipe.out" 2>&1 &
pid=$!
exec 3>"$tmp/fifo"
for k in 1 2; do
	sed -n "${k}p" examples/model-agreement.jsonl >&3
	n=0
	while [ "$(wc -l <"$tmp/pipe.out")" -lt $k ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
	[ "$(wc -l <"$tmp/pipe.out")" -eq $k ] && ok || bad "eval through a pipe: no answer to line $k before the next"
done
exec 3>&-
wait $pid
head -2 tests/e2e/model-agreement.expected >"$tmp/pipe.exp"
same "$tmp/pipe.exp" "$tmp/pipe.out" "eval through a pipe: the answers"
# PACTA_INDEX_MIN: out of range, ignored with a warning (the module as by
# default); 1 indexes the rules the default leaves in line
"$pacta" build examples/model-agreement.pacta -o "$tmp/idx-default.so"
PACTA_INDEX_MIN=0 "$pacta" build examples/model-agreement.pacta -o "$tmp/idx-bad.so" 2>"$tmp/err"
contains "$tmp/err" "ignoring PACTA_INDEX_MIN=0" "PACTA_INDEX_MIN out of range"
cmp -s "$tmp/idx-default.so" "$tmp/idx-bad.so" && ok || bad "PACTA_INDEX_MIN out of range: not the default module"
# the trace's indexed rules are a part of their own per key field
# (pacta_trace.indexN), kept apart at -O0 where nothing is inlined
"$pacta" build -O0 --emit-llvm examples/budapest.pacta -o "$tmp/idx16.ll"
PACTA_INDEX_MIN=1 "$pacta" build -O0 --emit-llvm examples/budapest.pacta -o "$tmp/idx1.ll"
if grep -q "@pacta_trace.index" "$tmp/idx16.ll"; then bad "budapest indexed at the default"; else ok; fi
grep -q "@pacta_trace.index" "$tmp/idx1.ll" && ok || bad "PACTA_INDEX_MIN=1: no indexed part"
# PACTA_CHUNK_RULES: the rules in parts of at most that many; the same
# decisions (the differential checks that), more functions
n16=$(grep -c "^define" "$tmp/idx16.ll")
PACTA_CHUNK_RULES=1 "$pacta" build -O0 --emit-llvm examples/budapest.pacta -o "$tmp/chunk1.ll"
[ "$(grep -c "^define" "$tmp/chunk1.ll")" -gt "$n16" ] && ok || bad "PACTA_CHUNK_RULES=1: no more parts"
# PACTA_TRACE_OPT_RULES: a trace larger than that is left unoptimised
"$pacta" build --emit-llvm examples/budapest.pacta -o "$tmp/opt.ll"
PACTA_TRACE_OPT_RULES=0 "$pacta" build --emit-llvm examples/budapest.pacta -o "$tmp/noopt.ll"
if grep -q "optnone" "$tmp/opt.ll"; then bad "a small trace unoptimised"; else ok; fi
grep -q "optnone" "$tmp/noopt.ll" && ok || bad "PACTA_TRACE_OPT_RULES=0: the trace optimised"

# ---- proofs: asserts' counterexamples and explain --to, decided again ----
. tests/e2e/proofs.sh

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
