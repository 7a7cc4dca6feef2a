# proofs.sh — the requests the prover prints, decided again (sourced by
# tests/e2e/run.sh, after $tmp and $pacta are set): every counterexample of
# a failing assert and every pair of requests of an asymmetry in the golden
# diagnostics, decided by the interpreter and by the native module, gets
# exactly the decision printed under it; every request `explain --to`
# prints gets the outcome it claims, from both.

# decided_as SRC NAME WHAT: the requests $tmp/NAME.req.jsonl, decided by
# the interpreter and by SRC's native module, are exactly the decisions
# $tmp/NAME.dec.jsonl, one a line
decided_as() {
	src=$1 name=$2 what=$3
	[ -s "$tmp/$name.req.jsonl" ] || { bad "$what: no request"; return; }
	[ "$(wc -l <"$tmp/$name.req.jsonl")" -eq "$(wc -l <"$tmp/$name.dec.jsonl")" ] && ok ||
		bad "$what: not one decision per request"
	"$pacta" eval --trace "$src" "$tmp/$name.req.jsonl" >"$tmp/got" 2>"$tmp/err"
	same "$tmp/$name.dec.jsonl" "$tmp/got" "$what: the interpreter decides otherwise"
	if "$pacta" build "$src" -o "$tmp/$name.so" 2>"$tmp/err"; then
		"$pacta" eval --trace "$tmp/$name.so" "$tmp/$name.req.jsonl" >"$tmp/got" 2>"$tmp/err"
		same "$tmp/$name.dec.jsonl" "$tmp/got" "$what: the native module decides otherwise"
	else
		bad "build $src"; cat "$tmp/err"
	fi
}

# reproduce SRC FILE: FILE holds "counterexample: REQ" lines, each followed
# by "decided so:" and the decision in words, indented; each REQ is
# explained in those words by the interpreter and by SRC's native module
reproduce() {
	name=$(basename "$1" .pacta)
	python3 - "$2" "$tmp/$name.ce" <<'PY' || { bad "$2: its counterexamples not read"; return; }
import sys
lines, out, n = open(sys.argv[1]).read().split("\n"), sys.argv[2], 0
for i, l in enumerate(lines):
    if l.startswith("  counterexample: "):
        assert lines[i + 1] == "  decided so:", lines[i + 1]
        words = []
        for w in lines[i + 2:]:
            if not w.startswith("    "):
                break
            words.append(w[4:] + "\n")
        open("%s.%d.json" % (out, n), "w").write(l[len("  counterexample: "):] + "\n")
        open("%s.%d.words" % (out, n), "w").write("".join(words))
        n += 1
assert n, "no counterexample"
PY
	"$pacta" build "$1" -o "$tmp/$name.so" 2>"$tmp/err" || { bad "build $1"; return; }
	for req in "$tmp/$name".ce.*.json; do
		for m in "$1" "$tmp/$name.so"; do
			# without the articles' texts, which explain adds after the grounds
			"$pacta" explain "$m" "$req" 2>&1 | tail -n +2 |
				awk '/^text:$/ { skip = 1; next } skip && /^  / { next } { skip = 0; print }' >"$tmp/got"
			same "${req%.json}.words" "$tmp/got" "$2: counterexample $(cat "$req") explained otherwise by $m"
		done
	done
}

# reproduce_pairs SRC FILE: the witness pairs of asymmetry in FILE (lines
# "request:", "decision:", "swapped:", "decision:"), each request decided
# as printed by both; for agreements whose party-keyed tables do not
# differ between the two Parties of a pair (the prover decides those with
# the rows exchanged, which `pacta eval` does not)
reproduce_pairs() {
	name=$(basename "$1" .pacta)-pairs
	if grep -q 'rows exchanged' "$2"; then bad "$2: a pair needs exchanged rows; pick another agreement"; return; fi
	sed -n 's/^    \(request\|swapped\): //p' "$2" >"$tmp/$name.req.jsonl"
	sed -n 's/^    decision: //p' "$2" >"$tmp/$name.dec.jsonl"
	decided_as "$1" "$name" "$2: its pairs"
}

for err in tests/golden/*.err; do
	grep -q '^  counterexample: ' "$err" && reproduce "${err%.err}.pacta" "$err"
	grep -q '^  asymmetry: ' "$err" && reproduce_pairs "${err%.err}.pacta" "$err"
done

# ---- reciprocity: the models that state it, proven; one that does not
# hold, with pairs that reproduce; an agreement without parties ----
for f in examples/un-convention.pacta examples/budapest.pacta examples/bilateral-mlat.pacta; do
	grep -q '^assert reciprocal' "$f" && ok || bad "$f does not state its reciprocity"
	expect_status 0 "check --reciprocity $f" "$pacta" check --reciprocity "$f"
	contains "$tmp/out" "$f: reciprocal, except through:" "check --reciprocity $f"
	contains "$tmp/out" "each Party's own row goes with it: table criminalises" "check --reciprocity $f"
done
expect_status 1 "check --reciprocity, tiered sharing (XC's requests reviewed)" "$pacta" check --reciprocity examples/tiered-sharing.pacta
contains "$tmp/err" "error: the agreement is not reciprocal" "check --reciprocity, tiered sharing"
contains "$tmp/err" '"grounds": ["9.1"]' "check --reciprocity, tiered sharing: 9.1 is the asymmetry"
cp "$tmp/err" "$tmp/tiered.err"
reproduce_pairs examples/tiered-sharing.pacta "$tmp/tiered.err"
expect_status 1 "check --reciprocity, no parties" "$pacta" check --reciprocity tests/e2e/explain-to/never.pacta
contains "$tmp/err" "lists no 'parties'" "check --reciprocity, no parties"

# an example's guarantee broken on purpose: Budapest's 60 days of
# preservation cut to 30 in clause 29.1; pacta check and pacta test fail at
# the assert, and the counterexample reproduces
sed 's/oblige preserve_for_at_least 60 days when assistance = preservation/oblige preserve_for_at_least 30 days when assistance = preservation/' \
	examples/budapest.pacta >"$tmp/budapest-broken.pacta"
cp examples/budapest-reservations-*.pacta "$tmp/"   # what it imports
expect_status 1 "check, a guarantee broken" "$pacta" check "$tmp/budapest-broken.pacta"
contains "$tmp/err" 'error: assert "granted preservation lasts at least 60 days (Art 29(7))" does not hold' "check, a guarantee broken"
[ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] && ok || bad "check, a guarantee broken: not exactly one error"
contains "$tmp/err" '      preserve_for_at_least = 30 days   (imposed by 29.1)' "the counterexample's decision shows the broken value"
reproduce "$tmp/budapest-broken.pacta" "$tmp/err"
expect_status 1 "test, a guarantee broken" "$pacta" test "$tmp/budapest-broken.pacta"
contains "$tmp/err" 'does not hold' "test, a guarantee broken"

# for tools, the counterexample and the pairs are the error's notes (no
# text around the JSON objects, one SARIF log that parses), and the
# counterexample there is the one the text gives
sed -n 's/^  counterexample: //p' "$tmp/err" >"$tmp/cex.text"
expect_status 1 "check --diagnostics=json, a guarantee broken" "$pacta" check --diagnostics=json "$tmp/budapest-broken.pacta"
if python3 -c '
import json, sys
ds = [json.loads(l) for l in open(sys.argv[1])]
want = open(sys.argv[2]).read().strip()
e = [d for d in ds if d["severity"] == "error"]
assert len(e) == 1 and "does not hold" in e[0]["message"], e
n = [x["message"] for x in e[0]["notes"]]
assert n[0] == "counterexample: " + want and n[1] == "decided so:" and e[0]["notes"][0]["range"] is None, n
# the decision in words, a note a line, indented under "decided so:" as in the text
assert n[2] == "  outcome: grant" and "    preserve_for_at_least = 30 days   (imposed by 29.1)" in n, n
' "$tmp/err" "$tmp/cex.text"; then ok; else bad "check --diagnostics=json: the counterexample is not the error's note"; fi
expect_status 1 "check --diagnostics=sarif, a guarantee broken" "$pacta" check --diagnostics=sarif "$tmp/budapest-broken.pacta"
if python3 -c '
import json, sys
r = [x for x in json.load(open(sys.argv[1]))["runs"][0]["results"] if x["level"] == "error"]
rel = r[0]["relatedLocations"]
assert len(r) == 1 and rel[0]["message"]["text"].startswith("counterexample: {"), r
assert "physicalLocation" not in rel[0], rel[0]
' "$tmp/err"; then ok; else bad "check --diagnostics=sarif: not one log with the counterexample"; fi
expect_status 1 "check --reciprocity --diagnostics=json" "$pacta" check --reciprocity --diagnostics=json examples/tiered-sharing.pacta
if python3 -c '
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
e = [d for d in e if d["severity"] == "error"]
n = [x["message"] for x in e[0]["notes"]]
assert len(e) == 1 and n[0].startswith("asymmetry: ") and any(m.startswith("  swapped: {") for m in n), n  # under its asymmetry
' "$tmp/err"; then ok; else bad "check --reciprocity --diagnostics=json: the pairs are not the error's notes"; fi

# pacta doc: a guarantee that does not hold is marked so, with its
# counterexample (a proven one is pinned by tests/doc/guarantees.html)
expect_status 0 "doc, a guarantee broken" "$pacta" doc "$tmp/budapest-broken.pacta" -o "$tmp/broken.html"
[ "$(grep -c 'badge unproven' "$tmp/broken.html")" -eq 1 ] && ok || bad "doc: not exactly one guarantee marked not proven"
contains "$tmp/broken.html" 'It does not hold: this request breaks it' "doc, a guarantee broken"

# ---- explain --to: the text pinned; every request it prints decided again
# by the interpreter and the native module, with the outcome it claims ----

# claimed WHAT OUTCOME AGREEMENT BASE: the "request:" line of $tmp/out, decided by
# the interpreter on AGREEMENT and the module $tmp/BASE.so, gets OUTCOME
claimed() {
	sed -n 's/^request: //p' "$tmp/out" >"$tmp/wit.json"
	[ "$(wc -l <"$tmp/wit.json")" -eq 1 ] || { bad "$1: no request printed"; return; }
	for m in "$3" "$tmp/$4.so"; do
		"$pacta" eval "$m" "$tmp/wit.json" >"$tmp/wit.out" 2>&1
		contains "$tmp/wit.out" "\"outcome\": \"$2\"" "$1: the request printed, decided by $m"
	done
}

d=tests/e2e/explain-to
"$pacta" build examples/model-agreement.pacta -o "$tmp/model-agreement.so"
for to in grant refer; do
	expect_status 0 "explain --to $to" "$pacta" explain --to $to examples/model-agreement.pacta "$d/bulk-content.json"
	same "$d/bulk-content-$to.expected" "$tmp/out" "explain --to $to differs from $d/bulk-content-$to.expected"
	claimed "explain --to $to" "$to" examples/model-agreement.pacta model-agreement
	# a module answers from its embedded source: the same, but for its name
	expect_status 0 "explain --to $to, module" "$pacta" explain --to $to "$tmp/model-agreement.so" "$d/bulk-content.json"
	tail -n +2 "$tmp/out" >"$tmp/got"
	tail -n +2 "$d/bulk-content-$to.expected" >"$tmp/want"
	same "$tmp/want" "$tmp/got" "explain --to $to: the module answers otherwise than its source"
done
# the Parties are changed only when nothing else will do (the answer was
# once to ask the requesting Party itself instead)
"$pacta" build "$d/parties.pacta" -o "$tmp/parties.so"
expect_status 0 "explain --to grant, the Parties kept" "$pacta" explain --to grant "$d/parties.pacta" "$d/parties.json"
same "$d/parties-grant.expected" "$tmp/out" "explain --to grant, the Parties kept: differs from $d/parties-grant.expected"
claimed "explain --to grant, the Parties kept" grant "$d/parties.pacta" parties
# a request from a State that is not a Party: the Parties are held (the
# question is what the request needs, not which State should ask it), so
# no request from it is granted, and the reason is said
expect_status 0 "explain --to grant, from a State not a Party" "$pacta" explain --to grant "$d/parties.pacta" "$d/parties-xc.json"
same "$d/parties-xc-grant.expected" "$tmp/out" "explain --to grant, from a State not a Party: differs from $d/parties-xc-grant.expected"
contains "$tmp/out" "no request from XC to XB is granted under this agreement: the requesting Party, XC, is not a Party to the agreement; the Parties are XA, XB" "explain --to grant, from a State not a Party: said"
# --json: the same answer as one object (what pacta_explain_to returns):
# its words are the text's, its request gets the outcome from both
# evaluators, its changes are the fields that differ
for to in grant refer; do
	expect_status 0 "explain --to $to --json" "$pacta" explain --to $to --json "$tmp/model-agreement.so" "$d/bulk-content.json"
	if python3 - "$tmp/out" "$d/bulk-content-$to.expected" "$d/bulk-content.json" "$tmp/wit.json" "$to" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read().split("\n", 1)[1]
given = json.load(open(sys.argv[3]))
assert a["to"] == sys.argv[5] and a["answer"] == "found", a
assert a["text"] == text, (a["text"], text)
changed = {c["field"] for c in a["changes"]}
assert changed and all(c["clauses"] for c in a["changes"]), a["changes"]
assert {k for k, v in a["request"].items() if given.get(k) != v} == changed, (a["request"], changed)
assert a["decision"]["outcome"] == sys.argv[5], a["decision"]
# the other answers: as many fields each, their requests as their changes
# say, the Parties and the date of submission kept
with open(sys.argv[4], "w") as w:
    json.dump(a["request"], w)
    w.write("\n")
    for alt in a["alternatives"]:
        ch = {c["field"] for c in alt["changes"]}
        assert len(ch) == len(changed) and ch != changed and all(c["clauses"] for c in alt["changes"]), alt
        r = alt["request"]   # a field at its default is left out of it
        assert {k for k in set(r) | set(given) if r.get(k) != given.get(k)} == ch, (r, ch)
        assert not ch & {"requesting_party", "requested_party", "submitted"}, ch
        json.dump(alt["request"], w)
        w.write("\n")
PY
	then
		ok
		for m in examples/model-agreement.pacta "$tmp/model-agreement.so"; do
			"$pacta" eval "$m" "$tmp/wit.json" >"$tmp/wit.out" 2>&1
			[ "$(grep -c "\"outcome\": \"$to\"" "$tmp/wit.out")" -eq "$(wc -l <"$tmp/wit.json")" ] && ok ||
				bad "explain --to $to --json: its requests (and its alternatives'), decided by $m: $(cat "$tmp/wit.out")"
		done
	else
		bad "explain --to $to --json: not the text's answer"
	fi
done
expect_status 0 "explain --to refer --json, impossible" "$pacta" explain --to refer --json "$d/never.pacta" "$d/never.json"
contains "$tmp/out" '{"to": "refer", "answer": "impossible", "held": [], "forbidden_by": [], "scope": false, "text": "no request is referred' "explain --to refer --json, impossible"
# the date of submission is held: never earlier (backdating), later when
# the agreement is not yet in force; after its term, no answer
for f in late early year; do
	expect_status 0 "explain --to grant, submitted $f" "$pacta" explain --to grant "$d/term.pacta" "$d/term-$f.json"
	same "$d/term-$f-grant.expected" "$tmp/out" "explain --to grant, submitted $f: differs from $d/term-$f-grant.expected"
done
expect_status 0 "explain --to grant --json, after the term" "$pacta" explain --to grant --json "$d/term.pacta" "$d/term-late.json"
contains "$tmp/out" '"answer": "impossible", "held": ["submitted"], "forbidden_by": [], "scope": true' "explain --to grant --json, after the term"
# a Party does not ask itself: with one Party, a non-Party's request has
# no answer
expect_status 0 "explain --to grant, one Party" "$pacta" explain --to grant "$d/self.pacta" "$d/self.json"
same "$d/self-grant.expected" "$tmp/out" "explain --to grant, one Party: differs from $d/self-grant.expected"
expect_status 0 "explain --to grant --json, one Party" "$pacta" explain --to grant --json "$d/self.pacta" "$d/self.json"
contains "$tmp/out" '"answer": "impossible", "held": ["requesting_party", "requested_party"], "forbidden_by": [], "scope": true' "explain --to grant --json, one Party"
# --keep FIELD: held as the Parties are; no answer changes it, and where
# it stands in the way alone, that is said
expect_status 0 "explain --to grant --keep data" "$pacta" explain --to grant --keep data examples/model-agreement.pacta "$d/bulk-content.json"
grep -q "data were" "$tmp/out" && bad "explain --to grant --keep data: an answer changes data" || ok
contains "$tmp/out" "targets were 10 instead of 50 (clause 1.2)" "explain --to grant --keep data: the answer"
expect_status 0 "explain --to grant --keep data --json" "$pacta" explain --to grant --keep data --json examples/model-agreement.pacta "$d/bulk-content.json"
python3 - "$tmp/out" <<'PY' && ok || bad "explain --to grant --keep data --json: an answer changes data"
import json, sys
a = json.load(open(sys.argv[1]))
assert a["answer"] == "found" and a["request"]["data"] == ["content"], a
for alt in [a] + a["alternatives"]:
    assert "data" not in {c["field"] for c in alt["changes"]}, alt["changes"]
PY
expect_status 0 "explain --to grant --keep targets" "$pacta" explain --to grant --keep targets examples/model-agreement.pacta "$d/bulk-content.json"
contains "$tmp/out" "no request with targets = 50 is granted under this agreement: whenever a clause would decide so, clause 1.2 decides otherwise" "explain --to grant --keep targets"
expect_status 0 "explain --to grant --keep targets --json" "$pacta" explain --to grant --keep targets --json examples/model-agreement.pacta "$d/bulk-content.json"
contains "$tmp/out" '"answer": "impossible", "held": ["targets"], "forbidden_by": ["1.2"]' "explain --to grant --keep targets --json"
expect_status 2 "explain --keep, a field misspelt" "$pacta" explain --to grant --keep tragets examples/model-agreement.pacta "$d/bulk-content.json"
contains "$tmp/err" "pacta: explain: --keep tragets: the request has no such field (did you mean 'targets'?)" "explain --keep, a field misspelt"
expect_status 2 "explain --keep without --to" "$pacta" explain --keep targets examples/model-agreement.pacta "$d/bulk-content.json"
contains "$tmp/err" "--keep goes with --to" "explain --keep without --to"
expect_status 2 "explain --json without --to" "$pacta" explain --json "$d/never.pacta" "$d/never.json"
contains "$tmp/err" "--json goes with --to" "explain --json without --to"
expect_status 0 "explain --to grant, impossible" "$pacta" explain --to grant "$d/never.pacta" "$d/never.json"
same "$d/never-grant.expected" "$tmp/out" "explain --to grant differs from $d/never-grant.expected"
expect_status 0 "explain --to refer, impossible" "$pacta" explain --to refer "$d/never.pacta" "$d/never.json"
contains "$tmp/out" "no clause refers, and the default is refuse" "explain --to refer, impossible"
expect_status 2 "explain --to, no outcome" "$pacta" explain --to maybe "$d/never.pacta" "$d/never.json"
expect_status 1 "explain --to, a bad request" "$pacta" explain --to grant "$d/never.pacta" "$d/bulk-content.json"
contains "$tmp/err" "unknown" "explain --to, a bad request"
# a request over several lines: its error names the line and column in the
# file, as explain's does (both read and decode it alike)
printf '{\n  "offence": 3\n}\n' >"$tmp/lines.json"
expect_status 1 "explain, a bad request over lines" "$pacta" explain examples/model-agreement.pacta "$tmp/lines.json"
cp "$tmp/err" "$tmp/explain.err"
contains "$tmp/explain.err" "$tmp/lines.json: line 2, column 14: " "explain, a bad request over lines"
expect_status 1 "explain --to, a bad request over lines" "$pacta" explain --to grant examples/model-agreement.pacta "$tmp/lines.json"
same "$tmp/explain.err" "$tmp/err" "explain --to locates a bad request otherwise than explain"

# a module away from the files its agreement imports by path: it carries
# them, and its source compiles from them alone, in `pacta explain --to`
# and in pacta_explain_to (examples/embed --to)
mkdir -p "$tmp/mods"
"$pacta" build examples/rights-protective.pacta -o "$tmp/mods/rp.so" 2>"$tmp/err" || bad "build rights-protective"
sed -n 2p examples/rights-protective.jsonl >"$tmp/rp2.json"
expect_status 0 "explain --to, a module away from its imports" "$pacta" explain --to grant "$tmp/mods/rp.so" "$tmp/rp2.json"
contains "$tmp/out" "already granted" "explain --to, a module away from its imports"
embed=$(dirname "$pacta")/embed
expect_status 0 "explain_to, a module away from its imports" env LD_LIBRARY_PATH="$(dirname "$pacta")" \
	"$embed" "$tmp/mods/rp.so" --to grant
# the files on disk now are not what it reads: another std.mla first on
# PACTA_PATH and -I, not even a source, and one beside it by path
mkdir -p "$tmp/otherstd/std"
echo "this is not a Pacta source" >"$tmp/otherstd/std/mla.pacta"
echo "this is not a Pacta source" >"$tmp/mods/un-convention-parties.pacta"
expect_status 0 "explain_to, other imports on disk" env PACTA_PATH="$tmp/otherstd" \
	LD_LIBRARY_PATH="$(dirname "$pacta")" "$embed" "$tmp/mods/rp.so" --to grant
expect_status 0 "explain --to, other imports on disk" "$pacta" explain --to grant -I "$tmp/otherstd" "$tmp/mods/rp.so" "$tmp/rp2.json"
contains "$tmp/out" "already granted" "explain --to, other imports on disk"
# a module whose sources do not hash to what it records (written by hand,
# tests/runtime/tiny.h): not compared, not explained
tiny=$(dirname "$pacta")/testmods/tiny.so
echo '{"flag": true}' >"$tmp/tiny.json"
expect_status 1 "explain --to, a module's sources not those it records" "$pacta" explain --to grant "$tiny" "$tmp/tiny.json"
contains "$tmp/err" "$tiny: the sources it carries are not those it was built from" "explain --to, a module's sources not those it records"
expect_status 1 "diff, a module's sources not those it records" "$pacta" diff "$tiny" "$tiny"
contains "$tmp/err" "$tiny: the sources it carries are not those it was built from" "diff, a module's sources not those it records"
if grep -q "no agreement header" "$tmp/err"; then bad "diff of modules: a note on parts of an agreement"; else ok; fi
# a file of the same name as the agreement's, imported by a file found by
# -I: two files, each where its import reads it, also with the sources gone
mkdir -p "$tmp/same/src" "$tmp/same/inc"
printf 'enum kind { a, b }\n' >"$tmp/same/src/helper.pacta"
printf 'import "helper.pacta"\n' >"$tmp/same/inc/lib.pacta"
printf 'enum mode { up, down }\n' >"$tmp/same/inc/helper.pacta"
printf '%s\n' 'agreement "Same names" version "1"' '  default refuse' '' 'import "helper.pacta"' 'import "lib.pacta"' '' \
	'request {' '  k: kind' '  m: mode' '}' '' 'clause 1 "Up"' '  grant when k = a and m = up' >"$tmp/same/src/a.pacta"
"$pacta" build -I "$tmp/same/inc" "$tmp/same/src/a.pacta" -o "$tmp/same.so" || bad "build an agreement with two helper.pacta"
"$pacta" inspect "$tmp/same.so" >"$tmp/inspect"
contains "$tmp/inspect" "  helper.pacta (in lib.pacta)" "inspect names the file an import is written in"
rm -r "$tmp/same"
printf '{"k": "b", "m": "up"}\n' >"$tmp/same.json"
expect_status 0 "explain --to, two imported files of one name" "$pacta" explain --to grant "$tmp/same.so" "$tmp/same.json"
contains "$tmp/out" "k were a instead of b (clause 1)" "explain --to, two imported files of one name"
expect_status 0 "diff, two imported files of one name" "$pacta" diff --exit-code "$tmp/same.so" "$tmp/same.so"

# every example: its first refused requests, made granted and referred
for f in examples/*.pacta; do
	base=$(basename "$f" .pacta)
	[ -f "examples/$base.jsonl" ] || continue   # a file an agreement imports
	[ -f "$tmp/$base.so" ] || "$pacta" build "$f" -o "$tmp/$base.so"
	"$pacta" eval "$f" "examples/$base.jsonl" 2>/dev/null | grep -n '"outcome": "refuse"' | cut -d: -f1 | head -3 >"$tmp/lines"
	while read -r k; do
		sed -n "${k}p" "examples/$base.jsonl" >"$tmp/req.json"
		for to in grant refer; do
			expect_status 0 "explain --to $to $base line $k" "$pacta" explain --to $to "$f" "$tmp/req.json"
			grep -q '^no request is' "$tmp/out" || claimed "explain --to $to $base line $k" $to "$f" "$base"
		done
	done <"$tmp/lines"
done
# a reservation is left aside, and said so: the unequal agreement without
# its unequal clauses
sed '/^clause 2 /d; /^clause 3 /,/^  oblige/d; /^assert/d' tests/golden/reciprocal_fails.pacta >"$tmp/equal.pacta"
expect_status 0 "check --reciprocity, a reservation aside" "$pacta" check --reciprocity "$tmp/equal.pacta"
contains "$tmp/out" "not compared where they apply: reservation XB 9.R" "check --reciprocity, a reservation aside"
