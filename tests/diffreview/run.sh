#!/bin/sh
# run.sh — `pacta diff` on the amendments of issue 16, from the
# repository root:
#   sh tests/diffreview/run.sh build/pacta
# Each `report NAME OLD NEW [OPTION...]` runs `pacta diff OPTION... OLD NEW`
# and compares its text report with tests/diffreview/NAME.report (but for
# its last line, the solver queries and the time); UPDATE=1 rewrites the
# .report files from what pacta prints (review the diff!).  Then what a
# report cannot pin: exit statuses (--exit-code, --exit-code=labels), the
# --by and --baseline errors, the JSON, the limit on causes, the progress
# line, two runs alike.
pacta=${1:-build/pacta}
dir=tests/diffreview
export PACTA_PATH=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh

# report NAME OLD NEW [OPTION...]
report() {
	name=$1 old=$2 new=$3
	shift 3
	"$pacta" diff "$@" "$dir/$old.pacta" "$dir/$new.pacta" >"$tmp/got" 2>"$tmp/err"
	rc=$?
	sed -i '$d' "$tmp/got"
	[ -n "${UPDATE:-}" ] && cp "$tmp/got" "$dir/$name.report"
	if [ "$rc" -ne 0 ]; then
		bad "$name: pacta diff exit status $rc"
		sed 's/^/  /' "$tmp/err"
	else
		same "$dir/$name.report" "$tmp/got" "$name: the report differs from $dir/$name.report"
	fi
}

# the amendment of the issue: storage 180 -> 120 days (an obligation made
# stricter), a refusal ground removed (a witness of its own), laundering in
# the scope (refuse -> grant): every signature mixed, a witness each way
report amendment base amendment
# a new member in the enum and the scope: a kind of its own
report sextortion base sextortion
# a value from a constant table keyed by a Party: no "(from the request)"
report table-value table-value table-value-amended
# a value read from the request that equals a constant of a clause that did
# not fire: "(from the request)" all the same, in the diff and in --replay
report request-value request-value request-value-amended
report replay-request-value request-value request-value-amended --replay "$dir/request-value.jsonl"
# a renumbering: once in the structure, not a change of meaning
report renumbering base renumbering
# a clause deleted, or inserted, and those after it renumbered into the
# labels it freed, or away from the one it took: the clause removed or
# added, the others renumbered, and the changes of meaning its alone
report deleted-renumbered base deleted-renumbered
report inserted-renumbered base inserted-renumbered
# renumbered under another article: moved too
report renumbered-moved base renumbered-moved
# a clause changed in place while a new one takes its old rules: changed
# and added, not renumbered
report changed-in-place base changed-in-place
# requests from a Party to itself refused: no signature, so a note
report self base self
# two fields renamed, told apart by the clauses that read them, and one
# of those clauses changed: one change of meaning, under the new name
report renamed base renamed
# two causes of one kind, each with its witness
report causes base causes
# the clauses behind an obligation's change in the agreement's order
# (4.1 -> 3.4, 4.1), an added clause among them
report sources base sources
# a field only the new version has
report newfield base newfield
# ... and requires: the old version's requests are not representable in
# the new one without it, and are compared for every value of it; and the
# other way round
report required base required
report unrequired required base
# an obligation's combine changed (min -> max): its values compared all
# the same, a change neither looser nor stricter; a member inserted first
# in the enum of a set obligation: values compared by member name, so only
# the requests whose value gains it change
report combine combine combine-amended
report members combine members-amended
# a field's default changed: said, since what is compared are requests
# that give the field
report default combine default-amended
# ... and a default taken away: such a request is an error for that version
sed 's/  judge: bool = false/  judge: bool/' "$dir/combine.pacta" >"$tmp/judge-required.pacta"
expect_status 0 "diff, a default taken away" "$pacta" diff "$dir/combine.pacta" "$tmp/judge-required.pacta"
contains "$tmp/out" "schema: field judge: its default changed (false -> none): the comparison is of requests that give it; of one that leaves it out, the old version decides it as one with judge = false, the new answers it with an error (it requires the field)" "diff, a default taken away"
# a clause moved to another article under its label: no request changes,
# but explain cites it under the other article
report moved combine moved-amended
# in force later: refused by default before, by the agreement now, is a
# kind of its own (the same outcome on another footing)
report effective combine effective-amended
# Language 2: may refuse is a referral, discretion gained, a reservation
# and a declaration added, naming their Party; and the other way round
report language2 base language2
report withdrawn language2 base
# guarantees: an assert reworded, one withdrawn, one added, listed with the
# declarations; no rule changed, so no request is decided differently
report guarantees guarantees guarantees-amended
# and proven in both versions: a guarantee the amendment breaks and a new
# one that fails, each with the new version's counterexample; the other
# way round, a guarantee that failed and holds
report guarantees-broken guarantees guarantees-broken
report guarantees-repaired guarantees-broken guarantees
# the JSON gives every assert's two verdicts; the broken guarantee's
# counterexample is a request about a journalist that the new version
# grants (pacta eval) and the old one does not
"$pacta" diff --json "$dir/guarantees.pacta" "$dir/guarantees-broken.pacta" >"$tmp/g.json"
python3 - "$tmp/g.json" "$tmp/g-req.jsonl" <<'PY' && ok || bad "diff --json: the guarantees"
import json, sys
g = {x["assert"]: x for x in json.load(open(sys.argv[1]))["guarantees"]}
assert len(g) == 4, g
j = g["journalists are never granted without review"]
assert (j["old"], j["new"]) == ("holds", "fails"), j
assert j["counterexample"]["decision"]["outcome"] == "grant", j
assert j["counterexample"]["request"]["journalist"] is True, j
p = g["preservation is always granted"]
assert (p["old"], p["new"]) == (None, "fails") and p["counterexample"]["decision"]["outcome"] != "grant", p
for name in ("data are never kept longer than 180 days", "political offences are refused"):
    assert (g[name]["old"], g[name]["new"]) == ("holds", "holds") and "counterexample" not in g[name], g[name]
open(sys.argv[2], "w").write(json.dumps(j["counterexample"]["request"]) + "\n")
PY
"$pacta" eval "$dir/guarantees-broken.pacta" "$tmp/g-req.jsonl" >"$tmp/g-new" 2>&1
contains "$tmp/g-new" '"outcome": "grant"' "diff: the broken guarantee's counterexample, decided by the new version"
"$pacta" eval "$dir/guarantees.pacta" "$tmp/g-req.jsonl" >"$tmp/g-old" 2>&1
contains "$tmp/g-old" '"outcome": "refer"' "diff: the broken guarantee's counterexample, decided by the old version"
# a withdrawn guarantee proven in the new version all the same: one the
# new version breaks (its clause deleted), with the counterexample, which
# the new version grants; one it cannot state (its field deleted); and
# (guarantees.report) one the new version still keeps
report guarantees-withdrawn guarantees guarantees-withdrawn
"$pacta" diff --json "$dir/guarantees.pacta" "$dir/guarantees-withdrawn.pacta" >"$tmp/w.json"
python3 - "$tmp/w.json" "$tmp/w-req.jsonl" <<'PY' && ok || bad "diff --json: the withdrawn guarantees"
import json, sys
g = json.load(open(sys.argv[1]))["guarantees"]
assert [x["assert"] for x in g] == ["data are never kept longer than 180 days",
                                    "journalists are never granted without review",
                                    "political offences are refused"], g
assert "withdrawn" not in g[0], g[0]
j, p = g[1], g[2]
assert j["withdrawn"] is True and (j["old"], j["new"]) == ("holds", None), j
assert j["unstated"] == "unknown name 'journalist'", j
assert p["withdrawn"] is True and (p["old"], p["new"]) == ("holds", "fails"), p
assert p["counterexample"]["request"]["political_offence"] is True, p
open(sys.argv[2], "w").write(json.dumps(p["counterexample"]["request"]) + "\n")
PY
"$pacta" eval "$dir/guarantees-withdrawn.pacta" "$tmp/w-req.jsonl" >"$tmp/w-new" 2>&1
contains "$tmp/w-new" '"outcome": "grant"' "diff: the withdrawn guarantee's counterexample, granted by the new version"
"$pacta" diff --html "$dir/guarantees.pacta" "$dir/guarantees-withdrawn.pacta" >"$tmp/w.html"
contains "$tmp/w.html" 'withdrawn, and cannot be stated in the new version: unknown name' "diff --html: a withdrawn guarantee the new version cannot state"
# an assert reworded (180 -> 90 days) that the same clauses do not keep:
# a promise changed, not broken by the clauses
sed 's/implies retain_at_most <= 180 days/implies retain_at_most <= 90 days/' "$dir/guarantees.pacta" >"$tmp/g-reworded.pacta"
expect_status 0 "diff of an assert reworded" "$pacta" diff "$dir/guarantees.pacta" "$tmp/g-reworded.pacta"
contains "$tmp/out" 'assert "data are never kept longer than 180 days" held as the old version wrote it, and fails as reworded (the promise changed, not only the clauses)' "diff: an assert reworded"
contains "$tmp/out" "semantic diff: no request is decided differently" "diff: an assert reworded changes no decision"
# nothing granted any more: "what is granted is kept 180 days at most"
# still holds, but of no request
sed 's/^    grant when offence in {hacking, fraud, grooming} and serious/    refer when offence in {hacking, fraud, grooming} and serious/' "$dir/guarantees.pacta" >"$tmp/g-vacuous.pacta"
expect_status 0 "diff of an assert made vacuous" "$pacta" diff "$dir/guarantees.pacta" "$tmp/g-vacuous.pacta"
contains "$tmp/out" 'assert "data are never kept longer than 180 days" held, and holds now only because no request meets its premise: it promises nothing in the new version' "diff: an assert made vacuous"
# assert reciprocal broken: its asymmetries, with their pairs of requests
{ cat "$dir/guarantees.pacta"; printf '%s\n' 'assert reciprocal'; } >"$tmp/g-recip.pacta"
{ cat "$dir/guarantees.pacta"; printf '%s\n' 'clause 9' '  refuse when requesting_party = XA and political_offence' 'assert reciprocal'; } >"$tmp/g-recip2.pacta"
"$pacta" diff --json "$tmp/g-recip.pacta" "$tmp/g-recip2.pacta" >"$tmp/gr.json"
python3 - "$tmp/gr.json" <<'PY' && ok || bad "diff --json: assert reciprocal broken, with its asymmetries"
import json, sys
g = {x["assert"]: x for x in json.load(open(sys.argv[1]))["guarantees"]}
r = g["reciprocal"]
assert (r["old"], r["new"]) == ("holds", "fails"), r
assert "swapped:" in r["asymmetries"] and '"requesting_party": "XA"' in r["asymmetries"], r
PY
"$pacta" diff --html "$dir/guarantees.pacta" "$dir/guarantees-broken.pacta" >"$tmp/g.html"
contains "$tmp/g.html" 'id="guarantees"' "diff --html: the guarantees"
contains "$tmp/g.html" 'held in the old version, and fails in the new' "diff --html: a guarantee broken"
# the header changed: every clause compared, and the JSON says why
"$pacta" diff --json "$dir/combine.pacta" "$dir/effective-amended.pacta" >"$tmp/eff.json"
python3 - "$tmp/eff.json" "$tmp/g.json" <<'PY' && ok || bad "diff --json: header_changed"
import json, sys
d = json.load(open(sys.argv[1]))["decisions"]
assert d["header_changed"] == "the date the agreement takes effect changed", d["header_changed"]
assert d["compared"] == d["clauses"][1], d
assert json.load(open(sys.argv[2]))["decisions"]["header_changed"] is None
PY
# witnesses from the defaults and the smallest values: 4 years, not 2^50
report nofixture nofixture nofixture-amended
# the summary by other fields: --by offence; a field named measure
report by-offence base amendment --by offence
report measure measure measure-amended
report by-measure measure measure-amended --by measure
# the summary the new version's header names (`summary by offence`) is
# the one used without --by, and --by overrides it
sed 's/^  default refuse$/  default refuse\n  summary by offence/' "$dir/amendment.pacta" >"$tmp/amendment-sum.pacta"
grep -q "^  summary by offence" "$tmp/amendment-sum.pacta" && ok || bad "summary by: the header not written"
"$pacta" diff "$dir/base.pacta" "$tmp/amendment-sum.pacta" >"$tmp/sum-header" 2>&1
"$pacta" diff --by offence "$dir/base.pacta" "$tmp/amendment-sum.pacta" >"$tmp/sum-by" 2>&1
"$pacta" diff --by assistance "$dir/base.pacta" "$tmp/amendment-sum.pacta" >"$tmp/sum-assistance" 2>&1
sed -i '/solver queries/d' "$tmp/sum-header" "$tmp/sum-by" "$tmp/sum-assistance"   # times
same "$tmp/sum-by" "$tmp/sum-header" "summary by offence in the header: not the summary of --by offence"
cmp -s "$tmp/sum-assistance" "$tmp/sum-header" && bad "summary by offence in the header: still summed up by assistance" || ok
# a header summary by a field the old version lacks: a warning, not a stop
sed 's/^  default refuse$/  default refuse\n  summary by route/; s/^  assistance: measure = subscriber$/&\n  route: measure = subscriber/' "$dir/base.pacta" >"$tmp/route-sum.pacta"
expect_status 0 "diff: summary by a field only the new version has" "$pacta" diff "$dir/base.pacta" "$tmp/route-sum.pacta"
contains "$tmp/err" "pacta: diff: warning: the new version's 'summary by' cannot be used (route: only the new version has that field)" "summary by a new field"
# ... and by a field renamed (measure-amended's assistance is measure): used
sed 's/^  default refuse$/  default refuse\n  summary by measure/' "$dir/measure-amended.pacta" >"$tmp/measure-sum.pacta"
expect_status 0 "diff: summary by a field renamed" "$pacta" diff "$dir/base.pacta" "$tmp/measure-sum.pacta"
contains "$tmp/out" "4 values of measure: 8 signatures" "summary by a field renamed"

# the logged requests of requests.jsonl decided by both versions: by kind,
# by signature, the lines a version cannot read (a new member, a missing
# field, a line without an id)
report replay-amendment base amendment --replay "$dir/requests.jsonl"
report replay-sextortion base sextortion --replay "$dir/requests.jsonl" --examples 2
report replay-renumbering base renumbering --replay "$dir/requests.jsonl"
# a log written for the old version (the old field names): decided by both
report replay-renamed base renamed --replay "$dir/requests.jsonl"
# ... the same through the native modules
PACTA_REPLAY_NATIVE_FROM=1 "$pacta" diff --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/amendment.pacta" >"$tmp/native"
grep -q "decided by the two versions' native modules" "$tmp/native" && ok || bad "--replay: native modules not used"
sed '$d' "$tmp/native" >"$tmp/native.body"
same "$dir/replay-amendment.report" "$tmp/native.body" "--replay: native modules and the interpreter differ"
# ... a field renamed too: the native path reads the old name as well
PACTA_REPLAY_NATIVE_FROM=1 "$pacta" diff --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/renamed.pacta" >"$tmp/native"
sed '$d' "$tmp/native" >"$tmp/native.body"
same "$dir/replay-renamed.report" "$tmp/native.body" "--replay of fields renamed: native modules and the interpreter differ"
# ... and the lines the new version reads only by a field's old name are
# counted, as its module would answer them with an error
"$pacta" diff --json --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/renamed.pacta" >"$tmp/r.json"
python3 - "$tmp/r.json" <<'PY' && ok || bad "diff --replay --json: the lines read by old names"
import json, sys
r = json.load(open(sys.argv[1]))["replay"]
assert r["by_old_names"] == 40 and r["old_name_errors"][0]["what"] == 'field "political_offence": unknown field', r
PY
"$pacta" diff --html --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/renamed.pacta" >"$tmp/r.html"
contains "$tmp/r.html" "Read by the new version only by an old name: its module answers with an error" "diff --replay --html: the lines read by old names"
"$pacta" diff --json --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/amendment.pacta" >"$tmp/r.json"
python3 - "$tmp/r.json" <<'PY' && ok || bad "diff --replay --json: lines read by old names where nothing was renamed"
import json, sys
r = json.load(open(sys.argv[1]))["replay"]
assert r["by_old_names"] == 0 and r["old_name_errors"] == [], r
PY
"$pacta" diff --json --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/sextortion.pacta" >"$tmp/rp.json"
python3 - "$tmp/rp.json" <<'PY' && ok || bad "diff --json --replay"
import json, sys
d = json.load(open(sys.argv[1]))["replay"]
assert d["requests"] == 43 and d["unreadable"] == {"old": 2, "new": 1}, d
e = d["errors"]["old"]
assert any(x["what"].startswith('field "offence": unknown value "sextortion"; the new version: grant') and x["ids"] == ["s1"] for x in e), e
PY
# obligations matched by name whatever became of their declarations
# (obligations.jsonl): a member inserted first in the enum of a set-valued
# obligation changes no decision; values naming a member only one version
# has change, member by member by name; a combine or a type changed: a
# value that differs is a change of value, neither more nor less permissive
report replay-obligations-member obligations obligations-member --replay "$dir/obligations.jsonl"
report replay-obligations-member-value obligations obligations-member-value --replay "$dir/obligations.jsonl"
report replay-obligations-combine obligations obligations-combine --replay "$dir/obligations.jsonl"
report replay-obligations-type obligations obligations-type --replay "$dir/obligations.jsonl"
# and the search on the same pairs: the same changes, found rather than
# replayed (sets by member name, a type changed said in the schema)
report obligations-member-value obligations obligations-member-value
report obligations-type obligations obligations-type
expect_status 0 "diff --replay --exit-code of a member added to an obligation's enum" "$pacta" diff --exit-code --replay "$dir/obligations.jsonl" "$dir/obligations.pacta" "$dir/obligations-member.pacta"
# ... the same through the native modules
for c in member member-value combine type; do
	PACTA_REPLAY_NATIVE_FROM=1 "$pacta" diff --replay "$dir/obligations.jsonl" "$dir/obligations.pacta" "$dir/obligations-$c.pacta" >"$tmp/native"
	grep -q "decided by the two versions' native modules" "$tmp/native" && ok || bad "--replay obligations-$c: native modules not used"
	sed '$d' "$tmp/native" >"$tmp/native.body"
	same "$dir/replay-obligations-$c.report" "$tmp/native.body" "--replay obligations-$c: native modules and the interpreter differ"
done
"$pacta" diff --json --replay "$dir/obligations.jsonl" "$dir/obligations.pacta" "$dir/obligations-combine.pacta" >"$tmp/oc.json"
python3 - "$tmp/oc.json" <<'PY' && ok || bad "diff --json --replay of a combine changed"
import json, sys
d = json.load(open(sys.argv[1]))["replay"]
assert (d["changed"], d["more"], d["less"], d["other_grounds"], d["unordered"]) == (5, 0, 0, 0, 5), d
assert not any("added" in k["what"] or "removed" in k["what"] for k in d["kinds"]), d["kinds"]
assert sorted((s["what"], s["unordered"]) for s in d["signatures"]) == [("XA -> XB", 3), ("XB -> XA", 2)], d["signatures"]
PY
expect_status 1 "diff --replay of a missing file" "$pacta" diff --replay "$tmp/absent.jsonl" "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: --replay $tmp/absent.jsonl: cannot open it" "--replay of a missing file"
expect_status 2 "diff --examples without --replay" "$pacta" diff --examples 3 "$dir/base.pacta" "$dir/amendment.pacta"
expect_status 1 "diff --replay --exit-code of an amendment" "$pacta" diff --exit-code --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/amendment.pacta"
expect_status 0 "diff --replay --exit-code of a renumbering" "$pacta" diff --exit-code --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/renumbering.pacta"
# a field the new version requires: the log's lines, which lack it, are
# answered with an error by it and decided by the old one: a change
expect_status 1 "diff --replay --exit-code of a field made required" "$pacta" diff --exit-code --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/required.pacta"
contains "$tmp/out" "  41 requests read by one version and not the other (answered with an error by one, decided by the other)" "diff --replay of a field made required: the lines read by one version"
"$pacta" diff --json --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/required.pacta" >"$tmp/rq.json"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["replay"]; assert r["read_by_one"] == 41 and r["changed"] == 0, r' "$tmp/rq.json" && ok || bad "diff --json --replay: read_by_one"

# ---- exit statuses ----
expect_status 0 "diff --exit-code of an agreement with itself" "$pacta" diff --exit-code "$dir/base.pacta" "$dir/base.pacta"
expect_status 1 "diff --exit-code of an amendment" "$pacta" diff --exit-code "$dir/base.pacta" "$dir/amendment.pacta"
expect_status 0 "diff --exit-code of a renumbering" "$pacta" diff --exit-code "$dir/base.pacta" "$dir/renumbering.pacta"
expect_status 1 "diff --exit-code of a combine changed" "$pacta" diff --exit-code "$dir/combine.pacta" "$dir/combine-amended.pacta"
expect_status 0 "diff --exit-code=meaning of a renumbering" "$pacta" diff --exit-code=meaning "$dir/base.pacta" "$dir/renumbering.pacta"
expect_status 1 "diff --exit-code=labels of a renumbering" "$pacta" diff --exit-code=labels "$dir/base.pacta" "$dir/renumbering.pacta"
expect_status 0 "diff --exit-code=labels of an agreement with itself" "$pacta" diff --exit-code=labels "$dir/base.pacta" "$dir/base.pacta"
# ... and 2 when the versions could not be compared, so that 1 says only
# "changed" (without --exit-code such errors exit 1, below)
printf 'agreement "Broken"\n  parties XA\n\narticle 1 "A"\n  clause 1.1 "B"\n    grant when\n' >"$tmp/broken.pacta"
expect_status 2 "diff --exit-code of an agreement with an error" "$pacta" diff --exit-code "$dir/base.pacta" "$tmp/broken.pacta"
contains "$tmp/err" "broken.pacta:" "diff --exit-code of an agreement with an error: the error said"
expect_status 1 "diff of an agreement with an error" "$pacta" diff "$dir/base.pacta" "$tmp/broken.pacta"
expect_status 2 "diff --exit-code of a missing file" "$pacta" diff --exit-code "$dir/base.pacta" "$tmp/absent.pacta"
expect_status 2 "diff --exit-code --by a field neither version has" "$pacta" diff --exit-code --by measure "$dir/base.pacta" "$dir/amendment.pacta"
expect_status 2 "diff --exit-code --replay of a missing file" "$pacta" diff --exit-code --replay "$tmp/absent.jsonl" "$dir/base.pacta" "$dir/amendment.pacta"
# a report that could not be written is not an answer (a full disk)
"$pacta" diff --exit-code "$dir/base.pacta" "$dir/amendment.pacta" >/dev/full 2>"$tmp/err"
[ $? -eq 2 ] && ok || bad "diff --exit-code to a full disk: not 2"
contains "$tmp/err" "pacta: cannot write standard output: No space left on device" "diff --exit-code to a full disk: said once"
[ "$(grep -c 'cannot write' "$tmp/err")" -eq 1 ] && ok || bad "diff to a full disk: the failure said more than once"
"$pacta" diff --exit-code --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/amendment.pacta" >/dev/full 2>"$tmp/err"
[ $? -eq 2 ] && ok || bad "diff --exit-code --replay to a full disk: not 2"
"$pacta" diff "$dir/base.pacta" "$dir/amendment.pacta" >/dev/full 2>"$tmp/err"
[ $? -eq 1 ] && ok || bad "diff to a full disk: not 1"

# ---- mistakes, said plainly ----
expect_status 1 "diff --by a field neither version has" "$pacta" diff --by measure "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: --by measure: neither version has that field" "--by a missing field"
expect_status 1 "diff --by a field that is not an enum" "$pacta" diff --by max_penalty "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: --by max_penalty: it is a years field, and a signature is made of enum fields" "--by a years field"
expect_status 1 "diff --by a field one version lacks" "$pacta" diff --by victim_minor "$dir/base.pacta" "$dir/newfield.pacta"
contains "$tmp/err" "pacta: diff: --by victim_minor: only the new version has that field" "--by a new field"
expect_status 1 "diff --by a field named twice" "$pacta" diff --by offence --by offence "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: --by offence: named twice" "--by a field named twice"
expect_status 1 "diff --by a party field" "$pacta" diff --by requested_party "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: --by requested_party: the parties are in every signature" "--by a party field"
# ... the same for the replay, which would otherwise sum up without them
expect_status 1 "diff --replay --by a field neither version has" "$pacta" diff --replay "$dir/requests.jsonl" --by measure "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: --by measure: neither version has that field" "--replay --by a missing field"
expect_status 1 "diff --baseline of no fixture" "$pacta" diff --baseline nosuch "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: --baseline nosuch: neither version has a fixture 'nosuch'" "--baseline of no fixture"
expect_status 2 "diff --json --html" "$pacta" diff --json --html "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: diff: one report at a time, --json or --html" "--json with --html"
expect_status 2 "diff --exit-code=bogus" "$pacta" diff --exit-code=bogus "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "pacta: --exit-code takes meaning or labels, not 'bogus'" "--exit-code=bogus"
expect_status 2 "diff --max-causes 0" "$pacta" diff --max-causes 0 "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/err" "--max-causes needs a number from 1 to 100000" "--max-causes 0"

# ---- the limit on causes is stated ----
expect_status 0 "diff --max-causes 1" "$pacta" diff --max-causes 1 "$dir/base.pacta" "$dir/causes.pacta"
contains "$tmp/out" "note: refuse -> grant: more than 1 cause; the others were left out (--max-causes)" "the limit reached, said"
n=$(grep -c '^  [0-9]*\. refuse by default -> grant' "$tmp/out")
[ "$n" -eq 1 ] && ok || bad "--max-causes 1: $n causes of refuse -> grant listed"

# ---- --baseline: the witnesses read against the fixture named ----
expect_status 0 "diff --baseline ordinary" "$pacta" diff --baseline ordinary "$dir/base.pacta" "$dir/amendment.pacta"
contains "$tmp/out" "baseline of the witnesses: fixture ordinary (new version)" "--baseline named"

# ---- the JSON: every kind with its cause, region and witness ----
"$pacta" diff --json "$dir/base.pacta" "$dir/sextortion.pacta" >"$tmp/d.json"
python3 - "$tmp/d.json" <<'PY' && ok || bad "diff --json of the new member"
import json, sys
d = json.load(open(sys.argv[1]))
k = d["decisions"]["kinds"]
assert len(k) == 1, k
assert k[0]["region"] == "offence = sextortion, which the old version lacks", k[0]["region"]
assert k[0]["cause"] == {"old": [], "new": ["1.1"]}, k[0]["cause"]
assert k[0]["witness"] == {"offence": "sextortion"}, k[0]["witness"]
assert k[0]["old"]["outcome"] == "refuse" and k[0]["new"]["outcome"] == "grant"
assert d["decisions"]["baseline"] == "fixture ordinary (new version)"
PY
"$pacta" diff --json "$dir/base.pacta" "$dir/renumbering.pacta" >"$tmp/r.json"
python3 - "$tmp/r.json" <<'PY' && ok || bad "diff --json of a renumbering"
import json, sys
d = json.load(open(sys.argv[1]))
s = [i for i in d["structure"] if i["change"] == "renumbered"]
assert [(i["name"], i["new_name"]) for i in s] == [("2.1", "2.1.bis"), ("3.3", "3.4")], s
assert d["decisions"]["count"] == 0 and d["decisions"]["renumbered"] == 2
PY
"$pacta" diff --json "$dir/base.pacta" "$dir/deleted-renumbered.pacta" >"$tmp/r.json"
python3 - "$tmp/r.json" <<'PY' && ok || bad "diff --json of a clause deleted and the rest renumbered"
import json, sys
d = json.load(open(sys.argv[1]))
s = [(i["change"], i["name"], i.get("new_name")) for i in d["structure"]]
assert s == [("removed", "3.1", None), ("renumbered", "3.2", "3.1"), ("renumbered", "3.3", "3.2")], s
# every kind of change is the removed ground's: it is a ground on the old side
assert d["decisions"]["kinds"] and all("3.1" in k["cause"]["old"] and not k["cause"]["new"]
                                        for k in d["decisions"]["kinds"]), d["decisions"]["kinds"]
PY

# ---- witnesses reproduced by hand: the baseline with the witness's
# fields, less what the report says each version lacks, decided by each
# version with pacta eval (a field it lacks is an unknown field to it) ----
for pair in "base newfield" "newfield base" "base renamed"; do
	set -- $pair
	"$pacta" diff --json "$dir/$1.pacta" "$dir/$2.pacta" >"$tmp/w.json"
	python3 - "$tmp/w.json" "$pacta" "$dir/$1.pacta" "$dir/$2.pacta" <<'PY' && ok || bad "diff $pair: a witness that pacta eval does not reproduce"
import json, re, subprocess, sys
d = json.load(open(sys.argv[1]))["decisions"]
lacks = {}
for side in ("old", "new"):
    m = re.search("the %s version's request leaves out what it lacks: ([a-z_, ]+)" % side, d["baseline"])
    lacks[side] = m.group(1).split(", ") if m else []
renamed = {i["new_name"]: i["name"] for i in json.load(open(sys.argv[1]))["structure"] if i["change"] == "renamed"}
assert d["kinds"], "no kind to reproduce"
for k in d["kinds"]:
    for side, src in (("old", sys.argv[3]), ("new", sys.argv[4])):
        req = dict(d["baseline_request"], **k["witness"])
        for f in lacks[side]:
            req.pop(f, None)
        if side == "old":   # a renamed field, under the old version's name
            req = {renamed.get(f, f): v for f, v in req.items()}
        out = subprocess.run([sys.argv[2], "eval", src], input=json.dumps(req), capture_output=True, text=True)
        assert out.returncode == 0, (side, out.stdout, out.stderr)
        got = json.loads(out.stdout)["outcome"]
        assert got == k[side]["outcome"], (side, k["kind"], got, k[side]["outcome"])
PY
done

# a reservation given a sunset: withdrawn from then on, not removed
sed 's/^reservation XA 5.R1\(.*\)$/reservation XA 5.R1\1 sunset 2026-06-30/' "$dir/language2.pacta" >"$tmp/sunset.pacta"
expect_status 0 "diff of a reservation given a sunset" "$pacta" diff "$dir/language2.pacta" "$tmp/sunset.pacta"
contains "$tmp/out" "5.R1 (withdrawn: in force until 2026-06-30, may refuse, reservation of XA)" "diff: a reservation given a sunset is withdrawn"

# ---- what the text changes besides clauses ----
# a default changed: requests that leave the field out may be decided
# differently, so --exit-code says changed
expect_status 1 "diff --exit-code of a default changed" "$pacta" diff --exit-code "$dir/combine.pacta" "$dir/default-amended.pacta"
# --exit-code=labels counts a renumbering with --replay too
expect_status 1 "diff --replay --exit-code=labels of a renumbering" "$pacta" diff --exit-code=labels --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/renumbering.pacta"
# the header's text and its summary by: listed
sed 's/^  default refuse$/  default refuse\n  summary by assistance\n  text """\n  A model, not a treaty.\n  """/' "$dir/base.pacta" >"$tmp/header-text.pacta"
expect_status 0 "diff of the header's text" "$pacta" diff "$dir/base.pacta" "$tmp/header-text.pacta"
contains "$tmp/out" "header text changed" "diff: the header's text added"
contains "$tmp/out" "header summary by changed" "diff: summary by added"
contains "$tmp/out" "    + assistance" "diff: summary by added, its fields"
# an article retitled: the article changed, its clauses not moved
sed 's/^article 3 "Grounds for refusal"/article 3 "Grounds for refusing assistance"/' "$dir/base.pacta" >"$tmp/retitled.pacta"
expect_status 0 "diff of an article retitled" "$pacta" diff "$dir/base.pacta" "$tmp/retitled.pacta"
contains "$tmp/out" "structure: 1 change" "diff: an article retitled is one change"
contains "$tmp/out" "  article 3 changed" "diff: an article retitled"

# requests left out of the comparison (a member added, which a table
# listing every member and no '_' in the old version cannot be given):
# the headline says so, not "no request"
{ cat "$dir/base.pacta"; printf '%s\n' 'table weight: crime -> int { hacking: 1, fraud: 1, grooming: 2, defamation: 0, laundering: 1 }' \
	'clause 9 refer when weight[offence] > 1 because "weighty"'; } >"$tmp/weight.pacta"
sed 's/laundering }/laundering, extortion }/; s/laundering: 1 }/laundering: 1, extortion: 1 }/' "$tmp/weight.pacta" >"$tmp/weight-added.pacta"
grep -q "extortion: 1 }" "$tmp/weight-added.pacta" && ok || bad "the member added: not written"
expect_status 0 "diff with requests left out" "$pacta" diff "$tmp/weight.pacta" "$tmp/weight-added.pacta"
contains "$tmp/out" "semantic diff: no request among those compared is decided differently; some were left out (see the schema notes above)" "diff with requests left out: the headline"
expect_status 1 "diff --exit-code with requests left out: not passed" "$pacta" diff --exit-code "$tmp/weight.pacta" "$tmp/weight-added.pacta"
"$pacta" diff --html "$tmp/weight.pacta" "$tmp/weight-added.pacta" >"$tmp/left-out.html"
contains "$tmp/left-out.html" "No request among those compared is decided differently; some were left out" "diff --html with requests left out: the headline"
"$pacta" diff --html "$dir/combine.pacta" "$dir/default-amended.pacta" >"$tmp/default.html"
contains "$tmp/default.html" "No request that gives every field is decided differently" "diff --html of a default changed: the headline"

# a member added and a field nothing reads: the member's requests are its
# own, the field blamed for nothing
sed 's/^  journalist: bool = false$/  journalist: bool = false\n  urgent: bool = false/' "$dir/sextortion.pacta" >"$tmp/sext-urgent.pacta"
grep -q "^  urgent: bool = false" "$tmp/sext-urgent.pacta" && ok || bad "the unread field: not written"
expect_status 0 "diff of a member added and a field nothing reads" "$pacta" diff "$dir/base.pacta" "$tmp/sext-urgent.pacta"
grep -q "urgent off its default" "$tmp/out" && bad "diff: a field nothing reads blamed for a member's change" || ok
"$pacta" diff "$dir/base.pacta" "$dir/sextortion.pacta" >"$tmp/sext-only"
[ "$(grep -c '^  [0-9]*\. ' "$tmp/out")" = "$(grep -c '^  [0-9]*\. ' "$tmp/sext-only")" ] && ok || bad "diff: the unread field changed the kinds found"

# ---- renamed members ----
# a member renamed and nothing else: listed once, no change of meaning
report member-renamed base member-renamed
expect_status 0 "diff --exit-code of a member renamed" "$pacta" diff --exit-code "$dir/base.pacta" "$dir/member-renamed.pacta"
expect_status 1 "diff --exit-code=labels of a member renamed" "$pacta" diff --exit-code=labels "$dir/base.pacta" "$dir/member-renamed.pacta"
"$pacta" diff --json "$dir/base.pacta" "$dir/member-renamed.pacta" >"$tmp/mr.json"
python3 - "$tmp/mr.json" <<'PY' && ok || bad "diff --json of a member renamed"
import json, sys
d = json.load(open(sys.argv[1]))
m = [s for s in d["structure"] if s["kind"] == "member"]
assert m == [{"kind": "member", "name": "fraud", "change": "renamed", "new_name": "computer_fraud", "enum": "crime"}], m
c = [s for s in d["structure"] if s["kind"] == "clause"]
assert len(c) == 1 and c[0]["name"] == "1.1" and c[0]["same_rules"], c
assert d["decisions"]["kinds"] == [], d["decisions"]["kinds"]
PY
# the log, written for the old version, decided by both: each reads the
# member under either name (natively too)
report replay-member-renamed base member-renamed --replay "$dir/requests.jsonl"
contains "$dir/replay-member-renamed.report" "41 decided by both versions, 0 of them differently" "replay of a member renamed: the lines naming it decided by both"
PACTA_REPLAY_NATIVE_FROM=1 "$pacta" diff --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/member-renamed.pacta" >"$tmp/native"
sed -i '$d' "$tmp/native"
same "$dir/replay-member-renamed.report" "$tmp/native" "replay of a member renamed, natively"
# a member of an obligation's set renamed: the replay, which decides with
# the versions as written, reads the obligation's value under either name
sed 's/\bstatistics\b/research/g' "$dir/obligations.pacta" >"$tmp/oblig-renamed.pacta"
expect_status 0 "diff --replay --exit-code of an obligation's member renamed" "$pacta" diff --exit-code --replay "$dir/obligations.jsonl" "$dir/obligations.pacta" "$tmp/oblig-renamed.pacta"
contains "$tmp/out" "0 of them differently" "replay of an obligation's member renamed: no change"
contains "$tmp/out" "member renamed statistics -> research" "replay of an obligation's member renamed: listed"
# a title or reason reworded beside the new name: wording, not only the name
sed 's/"Offences covered"/"Offences within the agreement"/; s/\bfraud\b/computer_fraud/g' "$dir/base.pacta" >"$tmp/renamed-retitled.pacta"
expect_status 0 "diff of a member renamed and a clause retitled" "$pacta" diff "$dir/base.pacta" "$tmp/renamed-retitled.pacta"
contains "$tmp/out" "clause 1.1 changed (wording only: the same rules)" "diff of a member renamed and a clause retitled: its wording changed"
# a test added that names the new member: tests decide nothing, so the
# renaming stands
{ sed 's/\bfraud\b/computer_fraud/g' "$dir/base.pacta"; printf '%s\n' 'test "computer fraud is granted"' '  given ordinary, offence = computer_fraud, max_penalty = 6 years' '  expect grant by 1.1 with retain_at_most 180 days'; } >"$tmp/renamed-test.pacta"
expect_status 0 "diff of a member renamed and a test added" "$pacta" diff --exit-code "$dir/base.pacta" "$tmp/renamed-test.pacta"
contains "$tmp/out" "member renamed fraud -> computer_fraud" "diff of a member renamed and a test added: the renaming"
# an enum no request field has (an obligation's values): a member added
# to it and to a table that lists every member leaves no request out
{ cat "$dir/obligations.pacta"; printf '%s\n' 'table purpose_weight: purpose -> int { investigation: 1, prosecution: 2, statistics: 3 }'; } >"$tmp/oblig-table.pacta"
sed 's/statistics }/statistics, intelligence }/; s/statistics: 3 }/statistics: 3, intelligence: 4 }/' "$tmp/oblig-table.pacta" >"$tmp/oblig-table2.pacta"
grep -q "intelligence: 4" "$tmp/oblig-table2.pacta" && ok || bad "the obligation enum's member: not written"
expect_status 0 "diff --exit-code of a member no request can name" "$pacta" diff --exit-code "$tmp/oblig-table.pacta" "$tmp/oblig-table2.pacta"
grep -q "left out" "$tmp/out" && bad "diff: requests left out for a member no request can name" || ok
# the default's reason: shown to every request the default refuses
sed 's/^  default refuse$/  default refuse because "outside the agreement"/' "$dir/base.pacta" >"$tmp/default-reason.pacta"
expect_status 0 "diff of the default's reason" "$pacta" diff "$dir/base.pacta" "$tmp/default-reason.pacta"
contains "$tmp/out" "header default reason changed" "diff: the default's reason added"
# the member named in a Party's reservations file that the agreement
# imports, renamed there too: a renaming, the reservation the same
mkdir -p "$tmp/imp-old" "$tmp/imp-new"
sed 's/^enum country/import "res-XB.pacta"\n\nenum country/' "$dir/base.pacta" >"$tmp/imp-old/agr.pacta"
printf '%s\n' 'reservation XB 5.XB "Fraud"' '  refuse when offence = fraud and max_penalty < 5 years' \
	'  because "XB'"'"'s reservation on dual criminality"' >"$tmp/imp-old/res-XB.pacta"
for f in agr res-XB; do sed 's/\bfraud\b/computer_fraud/g' "$tmp/imp-old/$f.pacta" >"$tmp/imp-new/$f.pacta"; done
grep -q '^import "res-XB.pacta"' "$tmp/imp-old/agr.pacta" && ok || bad "the import not written"
expect_status 0 "diff of a member renamed in an imported file too" "$pacta" diff --exit-code "$tmp/imp-old/agr.pacta" "$tmp/imp-new/agr.pacta"
contains "$tmp/out" "member renamed fraud -> computer_fraud" "diff of a member renamed in an imported file too: the renaming"
contains "$tmp/out" "reservation 5.XB changed (the same, but for the renamed member)" "diff of a member renamed in an imported file too: the reservation"
# a field whose default is the member renamed: the same, but for it
sed 's/^  offence: crime$/  offence: crime = fraud/' "$tmp/imp-old/agr.pacta" >"$tmp/imp-old/agr-default.pacta"
sed 's/\bfraud\b/computer_fraud/g' "$tmp/imp-old/agr-default.pacta" >"$tmp/imp-new/agr-default.pacta"
grep -q '= fraud$' "$tmp/imp-old/agr-default.pacta" && ok || bad "the field's default not written"
expect_status 0 "diff of a member renamed, a field's default" "$pacta" diff --exit-code "$tmp/imp-old/agr-default.pacta" "$tmp/imp-new/agr-default.pacta"
contains "$tmp/out" "field offence changed (the same, but for the renamed member)" "diff of a member renamed, a field's default"
# a table that lists every member, the member renamed in it too: no
# request left out now
sed 's/laundering/money_laundering/g' "$tmp/weight.pacta" >"$tmp/weight-renamed.pacta"
expect_status 0 "diff of a member renamed, in a table" "$pacta" diff "$tmp/weight.pacta" "$tmp/weight-renamed.pacta"
contains "$tmp/out" "member renamed laundering -> money_laundering (of enum crime, in the same place, named by the same provisions: requests give it under its new name)" "diff of a member renamed, in a table"
contains "$tmp/out" "semantic diff: no request is decided differently" "diff of a member renamed, in a table: all compared"
# ... and the table's value for it changed too: the rename, and the
# change of meaning under the new name
sed 's/money_laundering: 1 }/money_laundering: 2 }/' "$tmp/weight-renamed.pacta" >"$tmp/weight-renamed2.pacta"
expect_status 0 "diff of a member renamed and its value changed" "$pacta" diff "$tmp/weight.pacta" "$tmp/weight-renamed2.pacta"
contains "$tmp/out" "member renamed laundering -> money_laundering" "diff of a member renamed and its value changed: the rename"
contains "$tmp/out" 'witness: the baseline with {"offence": "money_laundering"}' "diff of a member renamed and its value changed: the witness"
# two members of one enum renamed, each in its place
sed 's/\bfraud\b/computer_fraud/g; s/\bdefamation\b/slander/g' "$dir/base.pacta" >"$tmp/two-renamed.pacta"
expect_status 0 "diff of two members renamed" "$pacta" diff "$dir/base.pacta" "$tmp/two-renamed.pacta"
contains "$tmp/out" "member renamed fraud -> computer_fraud" "diff of two members renamed: the first"
contains "$tmp/out" "member renamed defamation -> slander" "diff of two members renamed: the second"
contains "$tmp/out" "semantic diff: no request is decided differently" "diff of two members renamed: no change of meaning"
# a member renamed and another added to the enum (at its end, or beside
# the renamed one where no provision names it): the renaming, and the new
# member's requests left out; a member renamed and another removed
sed 's/\bfraud\b/computer_fraud/g; s/laundering }/laundering, sextortion }/' "$dir/base.pacta" >"$tmp/renamed-added.pacta"
sed 's/\bfraud\b/computer_fraud/g; s/enum crime { hacking, computer_fraud,/enum crime { hacking, computer_fraud, extortion,/' "$dir/base.pacta" >"$tmp/renamed-beside.pacta"
sed 's/\bfraud\b/computer_fraud/g; s/, laundering }/ }/' "$dir/base.pacta" >"$tmp/renamed-removed.pacta"
for c in "renamed-added sextortion old" "renamed-beside extortion old" "renamed-removed laundering new"; do
	set -- $c
	grep -q "$2" "$dir/base.pacta" "$tmp/$1.pacta" && ok || bad "$1: not written"
	expect_status 0 "diff of a member renamed, $1" "$pacta" diff "$dir/base.pacta" "$tmp/$1.pacta"
	contains "$tmp/out" "member renamed fraud -> computer_fraud (of enum crime, in the same place" "diff of a member renamed, $1: the renaming"
	contains "$tmp/out" "schema: field offence: the $3 version lacks the member $2;" "diff of a member renamed, $1: the member $2"
	contains "$tmp/out" "semantic diff: no request is decided differently" "diff of a member renamed, $1: no change of meaning"
	grep -q "lacks the member fraud\|lacks the members computer_fraud" "$tmp/out" && bad "diff of a member renamed, $1: taken as removed" || ok
done
# (the old version decides the new member's requests as naming none of its
# own: compared, and decided alike)
expect_status 0 "diff --exit-code of a member renamed and one added" "$pacta" diff --exit-code "$dir/base.pacta" "$tmp/renamed-added.pacta"
PACTA_REPLAY_NATIVE_FROM=1 "$pacta" diff --replay "$dir/requests.jsonl" "$dir/base.pacta" "$tmp/renamed-added.pacta" >"$tmp/native"
contains "$tmp/native" "0 of them differently" "replay of a member renamed and one added: the lines naming it decided by both alike"
# ... but two new members beside it, both in the scope where it was: which
# is the old one cannot be told, so one removed and two added
sed 's/{hacking, computer_fraud, grooming}/{hacking, computer_fraud, extortion, grooming}/' "$tmp/renamed-beside.pacta" >"$tmp/renamed-two.pacta"
expect_status 0 "diff of a member renamed beside another, both in the scope" "$pacta" diff "$dir/base.pacta" "$tmp/renamed-two.pacta"
grep -q "member renamed" "$tmp/out" && bad "diff: a renaming taken where two members may be the old one" || ok
contains "$tmp/out" "offence = fraud, which the new version lacks: grant by 1.1 (changed) -> refuse by default" "diff: a member renamed beside another, both in the scope: the old one removed"
contains "$tmp/out" "    not taken as renamed: fraud -> computer_fraud or extortion (each in its place, named by the same provisions: which is which cannot be told)" "diff: a member renamed beside another, both in the scope: why not"
# two request blocks name the member, one of them no longer: why not, in
# words (the two lists of provisions differ in how often they name it)
printf '%s\n' 'enum country { XA, XB }' 'enum big { a, X, b }' 'request {' '  requesting_party: country' \
	'  requested_party: country' '  k1: big = X' '}' 'request {' '  k2: big = X' '}' 'agreement "Dup"' '  parties XA, XB' \
	'  default grant' '' 'article 1 "One"' '  clause 1.1 "c"' '    refuse when k1 = a and k2 = b' '    because "x"' >"$tmp/dup-old.pacta"
sed 's/enum big { a, X, b }/enum big { a, Y, b }/; s/k1: big = X/k1: big = Y/; s/k2: big = X/k2: big = a/' "$tmp/dup-old.pacta" >"$tmp/dup-new.pacta"
expect_status 0 "diff of a member named twice by one kind of declaration" "$pacta" diff "$tmp/dup-old.pacta" "$tmp/dup-new.pacta"
contains "$tmp/out" "    not taken as renamed: X -> Y (the declarations that name them differ)" "diff of a member named twice by one kind of declaration: why not"
# an enum of 300 members replaced by 301 in one place: not paired, said
# once (the log empty: the structure alone is asked for)
python3 - "$tmp/many-old.pacta" "$tmp/many-new.pacta" <<'PY'
import sys
def agreement(members, scope):
    return "\n".join(['agreement "P"', '  parties XA, XB', '  default refuse', '', 'enum country { XA, XB }',
                      'enum crime { %s }' % ", ".join(members), 'request {', '  requesting_party: country',
                      '  requested_party: country', '  offence: crime', '}', '', 'article 1 "A"',
                      '  clause 1.1 grant when offence in { %s }' % scope, ''])
open(sys.argv[1], "w").write(agreement(["m%d" % i for i in range(300)], "m0, m1"))
open(sys.argv[2], "w").write(agreement(["n%d" % i for i in range(301)], "n0, n1"))
PY
: >"$tmp/empty.jsonl"
expect_status 0 "diff of an enum replaced whole" "$pacta" diff --replay "$tmp/empty.jsonl" "$tmp/many-old.pacta" "$tmp/many-new.pacta"
contains "$tmp/out" "    not taken as renamed: m0 and the 299 others that went from its place -> the 301 members that came (too many to pair)" "diff of an enum replaced whole: not paired"
[ "$(grep -c 'not taken as renamed' "$tmp/out")" = 1 ] && ok || bad "diff of an enum replaced whole: said once"
# a member only removed, or only added, is not a renaming doubted
grep -q "not taken as renamed" "$dir/sextortion.report" "$dir/members.report" && bad "diff: a renaming doubted where a member was only added" || ok
# not a renaming: the member named by other provisions (dropped from the
# scope as well), so one member removed and one added, as before
sed 's/offence in { *hacking, computer_fraud, grooming *}/offence in {hacking, grooming}/' "$dir/member-renamed.pacta" >"$tmp/renamed-and-dropped.pacta"
expect_status 0 "diff of a member renamed and dropped" "$pacta" diff "$dir/base.pacta" "$tmp/renamed-and-dropped.pacta"
grep -q "member renamed" "$tmp/out" && bad "diff: a member named by other provisions taken as renamed" || ok
contains "$tmp/out" "schema: field offence: the new version lacks the member fraud" "diff of a member renamed and dropped: the member lacking"
contains "$tmp/out" 'witness: the baseline with {"offence": "fraud"}' "diff of a member renamed and dropped: its witness"
contains "$tmp/out" "    not taken as renamed: fraud -> computer_fraud (clause 1.1 names fraud in the old version, and not computer_fraud in the new)" "diff of a member renamed and dropped: why it is not a renaming"
# ... the new name something else too (a field): why not, in the text,
# the JSON and the page
sed 's/\bfraud\b/journalist/g' "$dir/base.pacta" >"$tmp/renamed-field.pacta"
grep -q "offence in {hacking, journalist, grooming}" "$tmp/renamed-field.pacta" && ok || bad "renamed-field: not written"
expect_status 0 "diff of a member renamed to a field's name" "$pacta" diff "$dir/base.pacta" "$tmp/renamed-field.pacta"
contains "$tmp/out" "    not taken as renamed: fraud -> journalist (journalist is also a request field in the new version)" "diff of a member renamed to a field's name: why not"
"$pacta" diff --json "$dir/base.pacta" "$tmp/renamed-field.pacta" >"$tmp/rf.json"
python3 - "$tmp/rf.json" <<'PY' && ok || bad "diff --json: a member not taken as renamed"
import json, sys
e = [i for i in json.load(open(sys.argv[1]))["structure"] if i["kind"] == "enum"]
assert e[0]["not_renamed"] == ["fraud -> journalist (journalist is also a request field in the new version)"], e
PY
"$pacta" diff --html "$dir/base.pacta" "$tmp/renamed-field.pacta" >"$tmp/rf.html"
contains "$tmp/rf.html" "Not taken as renamed: fraud -&gt; journalist (journalist is also a request field in the new version)." "diff --html: a member not taken as renamed"
# a Party is not renamed in passing: XB -> XE is a Party left and one joined
sed 's/\bXB\b/XE/g' "$dir/base.pacta" >"$tmp/party-renamed.pacta"
expect_status 0 "diff of a Party renamed" "$pacta" diff "$dir/base.pacta" "$tmp/party-renamed.pacta"
grep -q "member renamed" "$tmp/out" && bad "diff: a Party taken as renamed" || ok

# ---- renamed fields ----
# a renaming alone: no change of meaning; the labels' exit status counts it
sed 's/journalist/press/g' "$dir/base.pacta" >"$tmp/rename-only.pacta"
expect_status 0 "diff --exit-code of a field renamed" "$pacta" diff --exit-code "$dir/base.pacta" "$tmp/rename-only.pacta"
contains "$tmp/out" "field renamed journalist -> press (the same type and default, read by the same provisions: requests give it under its new name)" "diff of a field renamed"
contains "$tmp/out" "clause 3.3 changed (the same rules, reading the renamed field)" "diff of a field renamed: the clause that reads it"
contains "$tmp/out" "semantic diff: no request is decided differently" "diff of a field renamed: no change of meaning"
expect_status 1 "diff --exit-code=labels of a field renamed" "$pacta" diff --exit-code=labels "$dir/base.pacta" "$tmp/rename-only.pacta"
expect_status 0 "diff --replay --exit-code of a field renamed" "$pacta" diff --exit-code --replay "$dir/requests.jsonl" "$dir/base.pacta" "$tmp/rename-only.pacta"
contains "$tmp/out" "41 decided by both versions, 0 of them differently" "diff --replay of a field renamed: every line read by both"
# renamed, and the clause that reads it renumbered: both found, no change
sed 's/journalist/press/g; s/clause 3.3 "Journalists"/clause 3.4 "Journalists"/' "$dir/base.pacta" >"$tmp/rename-renumber.pacta"
expect_status 0 "diff --exit-code of a field renamed and its clause renumbered" "$pacta" diff --exit-code "$dir/base.pacta" "$tmp/rename-renumber.pacta"
contains "$tmp/out" "field renamed journalist -> press" "diff: a field renamed, its clause renumbered"
contains "$tmp/out" "clause renumbered 3.3 -> 3.4" "diff: a clause renumbered, the field it reads renamed"
# a renamed enum field in the signature, by either name, searched and replayed
sed 's/\bassistance\b/measure_sought/g' "$dir/base.pacta" >"$tmp/by-renamed.pacta"
for by in assistance measure_sought; do
	expect_status 0 "diff --by $by, renamed" "$pacta" diff --by "$by" "$dir/base.pacta" "$tmp/by-renamed.pacta"
	contains "$tmp/out" "4 values of $by: 8 signatures" "diff --by $by, renamed: the signatures"
	expect_status 0 "diff --replay --by $by, renamed" "$pacta" diff --replay "$dir/requests.jsonl" --by "$by" "$dir/base.pacta" "$tmp/by-renamed.pacta"
	contains "$tmp/out" "41 decided by both versions, 0 of them differently" "diff --replay --by $by, renamed"
done
# not a renaming: read by another clause too ...
sed 's/journalist/press/g; s/^article 4 "Data protection"/  clause 3.4 "Press" refuse when press and offence = hacking\n\n&/' \
	"$dir/base.pacta" >"$tmp/rename-read.pacta"
expect_status 0 "diff of a field removed and one added, read by other clauses" "$pacta" diff "$dir/base.pacta" "$tmp/rename-read.pacta"
contains "$tmp/out" "field journalist removed" "diff: a field read by other clauses is no renaming"
contains "$tmp/out" "field press added" "diff: a field read by other clauses is no renaming (added)"
# ... declared with another default ...
sed 's/journalist: bool = false/press: bool = true/; s/when journalist/when press/' "$dir/base.pacta" >"$tmp/rename-default.pacta"
expect_status 0 "diff of a field removed and one added with another default" "$pacta" diff "$dir/base.pacta" "$tmp/rename-default.pacta"
contains "$tmp/out" "field journalist removed" "diff: a field with another default is no renaming"
# ... or two candidates: two unused fields of one type removed, two added
sed 's/^  data: set of category = {}/&\n  spare_a: bool = false\n  spare_b: bool = false/' "$dir/base.pacta" >"$tmp/spare-old.pacta"
sed 's/^  data: set of category = {}/&\n  spare_c: bool = false\n  spare_d: bool = false/' "$dir/base.pacta" >"$tmp/spare-new.pacta"
expect_status 0 "diff of two unused fields removed and two added" "$pacta" diff "$tmp/spare-old.pacta" "$tmp/spare-new.pacta"
for f in "spare_a removed" "spare_b removed" "spare_c added" "spare_d added"; do
	contains "$tmp/out" "field $f" "diff: no renaming guessed between two candidates"
done
grep -q "renamed" "$tmp/out" && bad "diff: a renaming guessed between two candidates" || ok
"$pacta" diff --json "$dir/base.pacta" "$dir/renamed.pacta" >"$tmp/rn.json"
python3 - "$tmp/rn.json" <<'PY' && ok || bad "diff --json of fields renamed"
import json, sys
d = json.load(open(sys.argv[1]))
s = [(i["kind"], i["name"], i["new_name"]) for i in d["structure"] if i["change"] == "renamed"]
assert s == [("field", "political_offence", "political"), ("field", "journalist", "target_is_journalist")], s
k = d["decisions"]["kinds"][0]
assert k["witness"] == {"target_is_journalist": True}, k["witness"]
assert k["old"]["request"]["journalist"] is True and "target_is_journalist" not in k["old"]["request"]
assert k["new"]["request"]["target_is_journalist"] is True and "journalist" not in k["new"]["request"]
PY
"$pacta" diff --html "$dir/base.pacta" "$dir/renamed.pacta" >"$tmp/renamed.html"
grep -q 'class="badge renamed"' "$tmp/renamed.html" && ok || bad "diff --html: no renaming shown"

# ---- a progress line for a long diff (here: from the start) ----
PACTA_DIFF_PROGRESS_MS=1 "$pacta" diff "$dir/base.pacta" "$dir/amendment.pacta" >/dev/null 2>"$tmp/err"
grep -q "^pacta diff: the outcomes and obligations being compared, then the 3 clauses in the cone (of 7), 0 kinds found, [0-9.]* s$" "$tmp/err" && ok ||
	bad "no progress line: $(cat "$tmp/err")"
# ... and at every question, each phase in its words
PACTA_DIFF_PROGRESS_MS=1 PACTA_DIFF_PROGRESS_EVERY_MS=0 "$pacta" diff "$dir/base.pacta" "$dir/sextortion.pacta" >/dev/null 2>"$tmp/err"
for line in "the outcomes and obligations being compared, then the 1 clause in the cone (of 8)" \
	"1 of 1 clauses in the cone compared (of 8)" \
	"the 1 clause in the cone compared (of 8), then the requests naming what one version lacks: 1 of 1" \
	"the 1 clause in the cone compared (of 8), summing up by signature"; do
	grep -q "^pacta diff: $line, [0-9]* kinds* found, [0-9.]* s$" "$tmp/err" && ok || bad "no progress line \"$line\""
done
grep -v -q "^pacta diff: " "$tmp/err" && bad "progress: a line of another form: $(grep -v "^pacta diff: " "$tmp/err" | head -1)" || ok
PACTA_DIFF_PROGRESS_MS=3600000 "$pacta" diff "$dir/base.pacta" "$dir/amendment.pacta" >/dev/null 2>"$tmp/err"
[ -s "$tmp/err" ] && bad "a diff shorter than the threshold printed on stderr: $(cat "$tmp/err")" || ok

# ---- the review page: self-contained, every link to a card resolved, the
# words struck out and put in, the notes on what one version lacks ----
for c in amendment sextortion language2 causes renumbering required; do
	"$pacta" diff --html "$dir/base.pacta" "$dir/$c.pacta" >"$tmp/$c.html"
	"$pacta" diff --html "$dir/base.pacta" "$dir/$c.pacta" >"$tmp/$c.again"
	cmp -s "$tmp/$c.html" "$tmp/$c.again" && ok || bad "diff --html $c: two runs differ"
	if grep -Eiq '(src|href)="(https?:)?//|@import|url\((["'\'']?)(https?:|//)|<link |<script' "$tmp/$c.html"; then
		bad "diff --html $c: an external resource"
	else
		ok
	fi
	missing=$(grep -o 'href="#[^"]*"' "$tmp/$c.html" | sed 's/href="#\(.*\)"/\1/' | sort -u |
		while read -r id; do grep -q "id=\"$id\"" "$tmp/$c.html" || echo "$id"; done)
	[ -z "$missing" ] && ok || bad "diff --html $c: links to no anchor: $missing"
done
grep -q 'retain_at_most <del>180</del> <ins>120</ins> days' "$tmp/amendment.html" && ok || bad "diff --html: no word diff"
grep -q 'class="badge mixed">mixed' "$tmp/amendment.html" && ok || bad "diff --html: no mixed signature"
grep -q 'grant by 1.1 (changed) with retain_at_most 180 days</div>' "$tmp/amendment.html" &&
	grep -q 'grant by 1.1 (changed) with retain_at_most 120 days</div>' "$tmp/amendment.html" && ok ||
	bad "diff --html: the decisions without their obligations"
grep -q 'the old version lacks the member sextortion' "$tmp/sextortion.html" && ok || bad "diff --html: the schema note dropped"
grep -q 'id="new-c-5.R1"' "$tmp/language2.html" && grep -q 'href="#new-c-5.R1"' "$tmp/language2.html" && ok ||
	bad "diff --html: no card for the reservation"
grep -q '(may refuse)' "$tmp/language2.html" && ok || bad "diff --html: may refuse not said"
grep -q 'not representable in it without victim_minor' "$tmp/required.html" && ok || bad "diff --html: the note on a required field dropped"
grep -q 'class="badge renumbered"' "$tmp/renumbering.html" && ok || bad "diff --html: no renumbering shown"

# ---- two runs alike ----
"$pacta" diff "$dir/base.pacta" "$dir/language2.pacta" | sed '$d' >"$tmp/one"
"$pacta" diff "$dir/base.pacta" "$dir/language2.pacta" | sed '$d' >"$tmp/two"
same "$tmp/one" "$tmp/two" "two runs of pacta diff differ"

echo "diffreview: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
