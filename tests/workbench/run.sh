#!/bin/sh
# run.sh — the drafter's workbench from the command line: diagnostics for
# tools (JSON, SARIF) and in colour, commands and options misspelt,
# binaries refused, and (further down) lint, fmt on standard input, test
# reports, watch mode, the man page and shell completion.
#   sh tests/workbench/run.sh build/pacta
pacta=${1:-build/pacta}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh

# json_check FILE PYTHON-EXPR DESCRIPTION [lines]: the expression, over `d`
# (the parsed JSON, or with `lines` the list of the objects of a JSON Lines
# file), is true
json_check() {
	if python3 - "$1" "$2" "${4:-}" <<'PY' >"$tmp/py" 2>&1; then ok; else bad "$3"; sed 's/^/    /' "$tmp/py" | head -20; fi
import json, sys
text = open(sys.argv[1]).read()
if sys.argv[3] == 'lines':
    d = [json.loads(l) for l in text.splitlines() if l.strip()]
else:
    d = json.loads(text)
assert eval(sys.argv[2].replace('\n', ' ')), text[:2000]
PY
}

# ---- diagnostics ------------------------------------------------------------

g=tests/golden
expect_status 2 "a misspelt command" "$pacta" tset x.pacta
printf "pacta: unknown command 'tset'; did you mean 'pacta test'?\n(pacta --help lists the commands)\n" >"$tmp/want"
same "$tmp/want" "$tmp/err" "pacta tset: the message"
expect_status 2 "a misspelt option" "$pacta" check --diagnostic=json x.pacta
contains "$tmp/err" "pacta: unknown option '--diagnostic'; did you mean '--diagnostics'?" "a misspelt option"
expect_status 2 "--diagnostics with a bad value" "$pacta" check --diagnostics=xml x.pacta
contains "$tmp/err" "pacta: --diagnostics takes text, json or sarif, not 'xml'" "--diagnostics=xml"

expect_status 1 "--diagnostics=json" "$pacta" check --diagnostics=json $g/typo_member.pacta $g/typo_no_when.pacta
json_check "$tmp/err" "len(d) == 2 and d[0]['file'] == '$g/typo_member.pacta' and d[0]['severity'] == 'error'
  and d[0]['range'] == {'start': {'line': 14, 'column': 24}, 'end': {'line': 14, 'column': 29}}
  and d[0]['fixes'] == [] and d[0]['notes'][0]['message'] == \"enum 'offence' declared here\"
  and d[1]['fixes'][0]['replacement'] == 'when '" "--diagnostics=json: one object per diagnostic" lines
expect_status 1 "--diagnostics=sarif" "$pacta" check --diagnostics=sarif $g/typo_becuase.pacta $g/typo_names.pacta
json_check "$tmp/err" "d['version'] == '2.1.0' and len(d['runs'][0]['results']) == 5
  and d['runs'][0]['results'][0]['locations'][0]['physicalLocation']['region']['startLine'] == 15
  and d['runs'][0]['results'][0]['fixes'][0]['artifactChanges'][0]['replacements'][0]['insertedContent']['text'] == 'because'" \
  "--diagnostics=sarif: one log for the run"
expect_status 1 "--diagnostics=json on a binary" "$pacta" check --diagnostics=json $g/binary_junk.pacta
json_check "$tmp/err" "len(d) == 1 and d[0]['range'] is None and d[0]['message'].startswith('not a Pacta source')" \
  "a binary file, as JSON" lines

# colour: on a terminal or when asked, never with NO_COLOR or when not asked
expect_status 1 "--color=always" "$pacta" check --color=always $g/typo_member.pacta
if grep -q "$(printf '\033')\[1;31merror:" "$tmp/err"; then ok; else bad "--color=always: no red 'error:'"; fi
expect_status 1 "--color=never" "$pacta" check --color=never $g/typo_member.pacta
if grep -q "$(printf '\033')" "$tmp/err"; then bad "--color=never: escapes in the output"; else ok; fi
expect_status 1 "NO_COLOR" env NO_COLOR=1 "$pacta" check --color=auto $g/typo_member.pacta
if grep -q "$(printf '\033')" "$tmp/err"; then bad "NO_COLOR: escapes in the output"; else ok; fi
if command -v script >/dev/null 2>&1; then
	script -qec "$pacta check $g/typo_member.pacta" /dev/null >"$tmp/tty" 2>&1
	if grep -q "$(printf '\033')\[1;31merror:" "$tmp/tty"; then ok; else bad "colour on a terminal"; fi
	NO_COLOR=1 script -qec "$pacta check $g/typo_member.pacta" /dev/null >"$tmp/tty" 2>&1
	if grep -q "$(printf '\033')\[" "$tmp/tty"; then bad "NO_COLOR on a terminal: escapes"; else ok; fi
fi

# a module handed to the commands that take sources: one line each
"$pacta" build examples/model-agreement.pacta -o "$tmp/desa.so" 2>"$tmp/err" || bad "build"
for c in check test doc fmt lint; do
	"$pacta" $c "$tmp/desa.so" >/dev/null 2>"$tmp/err"
	printf '%s\n' "$tmp/desa.so: error: not a Pacta source: looks like an ELF module; did you mean 'pacta inspect'?" >"$tmp/want"
	same "$tmp/want" "$tmp/err" "pacta $c on a module: one line"
done

# ---- lint ---------------------------------------------------------------------

# the shipped examples: nothing to say, but model-agreement.pacta's three
# rules without a reason (the worked example has them)
for f in examples/*.pacta; do
	"$pacta" lint "$f" >/dev/null 2>"$tmp/err"
	n=$(grep -c ': warning: ' "$tmp/err")
	case $f in
	*/model-agreement.pacta) want=3; kind=$(grep -c '\[no-reason\]$' "$tmp/err") ;;
	*) want=0; kind=0 ;;
	esac
	if [ "$n" -eq "$want" ] && [ "$kind" -eq "$want" ]; then ok; else bad "lint $f: $n findings, expected $want"; cat "$tmp/err"; fi
done
# the standard library's files are libraries, not agreements without
# clauses: nothing to say of them, linted or checked by themselves
for f in stdlib/std/*.pacta; do
	expect_status 0 "lint $f" "$pacta" lint "$f"
	[ -s "$tmp/err" ] && { bad "lint $f: findings in a library"; cat "$tmp/err"; } || ok
	expect_status 0 "check $f" "$pacta" check "$f"
	[ -s "$tmp/err" ] && { bad "check $f: warnings in a library"; cat "$tmp/err"; } || ok
done
# an agreement without clauses: check and build warn, and succeed (the
# tutorial starts from an empty file); check --no-lint does not
: >"$tmp/empty.pacta"
cat >"$tmp/want" <<EOT
$tmp/empty.pacta:1:1: warning: the agreement has no clauses: every request is decided by its default (refuse) [no-clauses]
1 warning
EOT
expect_status 0 "check of an empty file" "$pacta" check "$tmp/empty.pacta"
same "$tmp/want" "$tmp/err" "check of an empty file: the warning"
expect_status 0 "check --no-lint of an empty file" "$pacta" check --no-lint "$tmp/empty.pacta"
[ -s "$tmp/err" ] && bad "check --no-lint of an empty file: '$(cat "$tmp/err")'" || ok
# (build: LLVM's leak report under ASan may follow the warning)
expect_status 0 "build of an empty file" "$pacta" build "$tmp/empty.pacta" -o "$tmp/empty.so"
head -n 2 "$tmp/err" >"$tmp/got"
same "$tmp/want" "$tmp/got" "build of an empty file: the warning"
[ -f "$tmp/empty.so" ] && ok || bad "build of an empty file: no module"
expect_status 0 "build of an agreement with clauses" "$pacta" build examples/model-agreement.pacta -o "$tmp/model.so"
grep -q ': warning: ' "$tmp/err" && bad "build of model-agreement.pacta: $(cat "$tmp/err")" || ok
# above PACTA_LINT_MAX_RULES rules the proofs are left out, said, and the
# other lints still run
PACTA_LINT_MAX_RULES=0 "$pacta" lint tests/lint/vacuous_assert.pacta >"$tmp/out" 2>&1
contains "$tmp/out" "pacta: lint: 2 rules: the proofs (refuses-all, never-fires, shadowed, redundant, unreported-obligation, may-refuse-unscoped, vacuous-assert) are left out above 0 rules (PACTA_LINT_MAX_RULES)" "lint above PACTA_LINT_MAX_RULES: said"
contains "$tmp/out" "[never-implies]" "lint above PACTA_LINT_MAX_RULES: the other lints run"
grep -q "\[vacuous-assert\]" "$tmp/out" && bad "lint above PACTA_LINT_MAX_RULES: a proof ran" || ok
expect_status 0 "lint --list" "$pacta" lint --list
contains "$tmp/out" "never-fires" "lint --list names the lints"
expect_status 2 "lint --only with an unknown name" "$pacta" lint --only nope examples/model-agreement.pacta
expect_status 0 "lint --only another lint" "$pacta" lint --only unused examples/model-agreement.pacta
expect_status 0 "check: warnings do not fail it" "$pacta" check examples/model-agreement.pacta
contains "$tmp/err" "3 warnings" "check prints the lints' findings"
expect_status 0 "check --no-lint" "$pacta" check --no-lint examples/model-agreement.pacta
[ -s "$tmp/err" ] && bad "check --no-lint printed warnings" || ok
expect_status 1 "lint, as SARIF" "$pacta" lint --diagnostics=sarif tests/lint/redundant.pacta
json_check "$tmp/err" "[r['ruleId'] for r in d['runs'][0]['results']] == ['redundant'] * 4
  and d['runs'][0]['tool']['driver']['rules'] == [{'id': 'redundant'}]
  and d['runs'][0]['results'][0]['level'] == 'warning'" "lint findings in SARIF carry their rule"

# ---- fmt ----------------------------------------------------------------------

# golden layouts: X.pacta formats to X.fmt, which is a fixed point, and
# the same through standard input
for f in tests/workbench/fmt/*.pacta; do
	"$pacta" fmt "$f" >"$tmp/got" 2>"$tmp/err" || bad "fmt $f failed"
	same "${f%.pacta}.fmt" "$tmp/got" "fmt $f"
	"$pacta" fmt - <"${f%.pacta}.fmt" >"$tmp/again" 2>"$tmp/err" || bad "fmt - on ${f%.pacta}.fmt failed"
	same "${f%.pacta}.fmt" "$tmp/again" "fmt - is idempotent on ${f%.pacta}.fmt"
	"$pacta" test "${f%.pacta}.fmt" >/dev/null 2>&1 || "$pacta" test "$f" >/dev/null 2>&1 || continue
done
expect_status 0 "fmt - on a canonical file" "$pacta" fmt --check - <tests/workbench/fmt/by_agreement.fmt
expect_status 1 "fmt --check - on another layout" "$pacta" fmt --check - <tests/workbench/fmt/by_agreement.pacta
contains "$tmp/out" "<stdin>: not in the canonical layout" "fmt --check - names standard input"
printf 'enum k {a,b\n' >"$tmp/bad"
expect_status 1 "fmt - on a file that does not parse" "$pacta" fmt - <"$tmp/bad"
contains "$tmp/err" "<stdin>:1:12: error: syntax error: unexpected end of file, expected ',' or '}'" "fmt -: errors name <stdin>"
expect_status 2 "fmt -w -" "$pacta" fmt -w -

# ---- test reports, coverage threshold ------------------------------------------

# an agreement whose one test leaves a clause unfired
c=tests/lsp/fixtures/clean.pacta
m=examples/model-agreement.pacta
expect_status 0 "test --format=json" "$pacta" test --format=json $c
json_check "$tmp/out" "d['passed'] == 1 and d['failed'] == 0 and d['files'][0]['file'] == '$c'
  and d['files'][0]['tests'][0]['status'] == 'passed' and d['files'][0]['tests'][0]['line'] == 27
  and d['files'][0]['coverage']['fired_percent'] == 66
  and [c['label'] for c in d['files'][0]['coverage']['clauses'] if not c['fired']] == ['2.1']
  and d['files'][0]['coverage']['clauses'][0]['title'] == 'Offences covered'" "test --format=json"
# a failing test, and a file that does not compile, in JUnit XML
sed 's/expect refuse by 3.2/expect grant/' $m >"$tmp/fails.pacta"
expect_status 1 "test --format=junit" "$pacta" test --format=junit "$tmp/fails.pacta" tests/golden/typo_member.pacta
python3 - "$tmp/out" <<'PY' >"$tmp/py" 2>&1 && ok || { bad "test --format=junit"; cat "$tmp/py"; }
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'testsuites' and root.get('tests') == '11' and root.get('failures') == '2', root.attrib
suites = root.findall('testsuite')
fails = [c for c in suites[0].findall('testcase') if c.find('failure') is not None]
assert len(fails) == 1 and fails[0].get('name').startswith('defamation is refused')
assert fails[0].find('failure').get('message') == 'the outcome differs'
assert 'actual:   refuse by 3.2' in fails[0].find('failure').text
assert suites[1].find('testcase').find('failure') is not None
PY
expect_status 0 "test --coverage" "$pacta" test --coverage $c
contains "$tmp/out" '    2.1 "Political offences" (line 20)' "coverage lists clause titles and lines"
expect_status 1 "test --threshold=80 below" "$pacta" test --threshold=80 $c
contains "$tmp/err" "pacta: $c: coverage below 80%: 66% of the clauses fired, 66% decisive" "the threshold's message"
expect_status 0 "test --threshold=60 above" "$pacta" test --threshold=60 $c
expect_status 0 "test --threshold=100 on a fully covered agreement" "$pacta" test --threshold=100 $m
expect_status 2 "test --threshold=120" "$pacta" test --threshold=120 $m

# ---- watch: run again on save ---------------------------------------------------

# wait_for FILE TEXT: up to 10 s for TEXT to appear in FILE
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
w="$tmp/watch"
mkdir -p "$w"
cp tests/workbench/fmt/by_agreement.fmt "$w/a.pacta"
"$pacta" test --watch "$w/a.pacta" >"$w/test.out" 2>&1 &
tpid=$!
"$pacta" check --watch "$w/a.pacta" >"$w/check.out" 2>&1 &
cpid=$!
wait_for "$w/test.out" "-- watching 1 file" && ok || bad "test --watch: no first run"
wait_for "$w/check.out" "-- watching 1 file" && ok || bad "check --watch: no first run"
contains "$w/test.out" "3 passed, 0 failed" "test --watch: the first run"
# an edit written in place
sed 's/expect refuse by agreement/expect grant/' tests/workbench/fmt/by_agreement.fmt >"$w/edited"
cat "$w/edited" >"$w/a.pacta"
wait_for "$w/test.out" "1 passed, 2 failed" && ok || { bad "test --watch: no run after an edit"; cat "$w/test.out"; }
contains "$w/test.out" "-- $w/a.pacta changed" "test --watch names the file"
# an editor's save: a new file renamed over the old one, with an error
sed 's/^  grant when/  grnt when/' "$w/edited" >"$w/new" && mv "$w/new" "$w/a.pacta"
wait_for "$w/check.out" "did you mean 'grant'?" && ok || { bad "check --watch: no run after a rename"; cat "$w/check.out"; }
kill $tpid $cpid 2>/dev/null
wait $tpid $cpid 2>/dev/null

# ---- explain, inspect, messages ------------------------------------------------

# step 0 in words, through the interpreter and through a module
r='{"requesting_party": "XC", "requested_party": "XA", "submitted": "2026-01-01", "assistance": "preservation", "offence": "illegal_access", "max_penalty": 5, "specific_investigation": true}'
"$pacta" build $m -o "$tmp/model.so" 2>/dev/null
for side in $m "$tmp/model.so"; do
	echo "$r" >"$tmp/r.json"
	expect_status 0 "explain: requesting Party not a Party ($side)" "$pacta" explain $side "$tmp/r.json"
	contains "$tmp/out" "  agreement (the requesting Party, XC, is not a Party to the agreement; the Parties are XA, XB)" "explain names the requesting Party"
	echo "$r" | sed 's/"XC"/"XB"/; s/"XA"/"XZ"/' >"$tmp/r.json"
	"$pacta" explain $side "$tmp/r.json" >"$tmp/out" 2>&1
	contains "$tmp/out" "  agreement (the requested Party, XZ, is not a Party to the agreement; the Parties are XA, XB)" "explain names the requested Party"
	echo "$r" | sed 's/"XC"/"XB"/; s/2026-01-01/2024-12-31/' >"$tmp/r.json"
	"$pacta" explain $side "$tmp/r.json" >"$tmp/out" 2>&1
	contains "$tmp/out" "  agreement (the request was submitted on 2024-12-31, before the agreement takes effect (2025-01-01))" "explain: before it takes effect"
	echo "$r" | sed 's/"XC"/"XB"/; s/2026-01-01/2036-01-01/' >"$tmp/r.json"
	"$pacta" explain $side "$tmp/r.json" >"$tmp/out" 2>&1
	contains "$tmp/out" "  agreement (the request was submitted on 2036-01-01, after the agreement expires (2035-12-31))" "explain: after it expires"
	# the JSON is unchanged
	"$pacta" eval $side "$tmp/r.json" >"$tmp/out" 2>&1
	contains "$tmp/out" '{"outcome": "refuse", "grounds": ["agreement"]}' "eval: the decision's JSON is unchanged"
done

# a file's name is said once
cp $m "$tmp/desa.so"
expect_status 1 "eval of a source named .so" "$pacta" eval "$tmp/desa.so" "$tmp/r.json"
n=$(grep -o "desa.so" "$tmp/err" | wc -l)
[ "$n" -eq 1 ] && ok || { bad "the module's name said $n times"; cat "$tmp/err"; }
expect_status 1 "eval of a missing module" "$pacta" eval "$tmp/absent.so" "$tmp/r.json"
n=$(grep -o "absent.so" "$tmp/err" | wc -l)
[ "$n" -eq 1 ] && ok || { bad "the missing module's name said $n times"; cat "$tmp/err"; }

# inspect: a source as well as a module; members, defaults, obligation types
expect_status 0 "inspect a source" "$pacta" inspect $m
contains "$tmp/out" "  assistance_type (13): preservation, partial_traffic_disclosure," "inspect shows enum members"
contains "$tmp/out" "  targets                                  int = 1" "inspect shows field defaults"
contains "$tmp/out" "  data                                     set of data_category = {}" "inspect shows a set's default"
contains "$tmp/out" "  retain_at_most: days combine min" "inspect shows an obligation's type and unit"
"$pacta" inspect "$tmp/model.so" | tail -n +2 >"$tmp/mod"
"$pacta" inspect $m | tail -n +2 | sed 's/pacta 0.1.0 (interpreter)/pacta 0.1.0/' >"$tmp/src"
grep -v '^source' "$tmp/mod" >"$tmp/mod2"; grep -v '^source' "$tmp/src" >"$tmp/src2"
same "$tmp/mod2" "$tmp/src2" "inspect: a source and its module are described alike"

# ---- help, man page, completion -------------------------------------------------

# the commands `pacta --help` lists, each with its help, in the man page,
# in the completion; each option a command's help names is one it takes
MANWIDTH=200 man -l man/pacta.1 >"$tmp/man" 2>"$tmp/manerr" && ok || { bad "man -l man/pacta.1"; cat "$tmp/manerr"; }
[ -s "$tmp/manerr" ] && { bad "man -l: warnings"; cat "$tmp/manerr"; } || ok
groff -man -ww -z man/pacta.1 2>"$tmp/groff" && [ ! -s "$tmp/groff" ] && ok || { bad "groff -ww: man/pacta.1"; cat "$tmp/groff"; }
"$pacta" --help >"$tmp/help"
cmds=$(sed -n '/^commands:/,/^$/p' "$tmp/help" | awk 'NF && $1 != "commands:" { print $1 }')
[ "$(echo $cmds)" = "check lint test eval build explain inspect fmt diff doc keygen lsp serve" ] && ok || bad "--help lists: $cmds"
for c in $cmds; do
	"$pacta" help $c >"$tmp/chelp" 2>&1 && ok || bad "pacta help $c"
	grep -q "^usage: pacta $c" "$tmp/chelp" && ok || bad "pacta help $c: no usage line"
	grep -q "^       pacta $c" "$tmp/man" && ok || bad "man page: no synopsis of $c"
	grep -q "_pacta\|$c" completion/pacta.bash && grep -qw "$c" completion/pacta.bash && ok || bad "bash completion: no $c"
	grep -q "'$c:" completion/_pacta && ok || bad "zsh completion: no $c"
	sed -n '/^usage:/,/^$/p' "$tmp/chelp" >"$tmp/usage"
	for opt in $(grep -o -- ' \[\?-[-a-zA-Z0-9]*=\?' "$tmp/usage" | tr -d ' [' | sort -u); do
		case $opt in -h | --help | --version | -) continue ;; esac
		case $opt in
		*=) opt=${opt%=} ;;   # --format=F: its values are tested above
		--threshold) "$pacta" $c $opt 50 x --help >/dev/null 2>&1 && ok || bad "pacta $c $opt" ;;
		*) "$pacta" $c $opt x --help >/dev/null 2>&1 && ok || bad "pacta $c: its help names $opt, which it does not take" ;;
		esac
		grep -q -- "$opt" "$tmp/man" && ok || bad "man page: no $opt (pacta $c)"
		grep -q -- " $opt" completion/pacta.bash && ok || bad "bash completion: no $opt for $c"
	done
done

# completion: source it and complete
root=$(pwd)
export root
complete_words() {  # complete_words WORD...: what bash completes for the last
	PATH="$root/$(dirname "$pacta"):$PATH" bash -c '. "$root/completion/pacta.bash"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pacta; printf "%s\n" "${COMPREPLY[@]}"' x "$@" 2>/dev/null | sort | tr '\n' ' '
}
[ "$(complete_words pacta te)" = "test " ] && ok || bad "completion: pacta te -> '$(complete_words pacta te)'"
[ "$(complete_words pacta test --fo)" = "--format= " ] && ok || bad "completion: pacta test --fo"
[ "$(complete_words pacta test --format=j)" = "--format=json --format=junit " ] && ok || bad "completion: --format=j -> '$(complete_words pacta test --format=j)'"
[ "$(complete_words pacta lint --only never)" = "never-fires never-implies never-in-force " ] && ok || bad "completion: lint --only never -> '$(complete_words pacta lint --only never)'"
[ "$(complete_words pacta check --diagnostics=s)" = "--diagnostics=sarif " ] && ok || bad "completion: --diagnostics=s"
mkdir -p "$tmp/c/sub" && : >"$tmp/c/a.pacta" && : >"$tmp/c/b.so" && : >"$tmp/c/c.txt"
[ "$(cd "$tmp/c" && complete_words pacta check '')" = "a.pacta sub/ " ] && ok || bad "completion: check takes .pacta files -> '$(cd "$tmp/c" && complete_words pacta check '')'"
[ "$(cd "$tmp/c" && complete_words pacta eval '')" = "a.pacta b.so sub/ " ] && ok || bad "completion: eval takes modules too"
# an option's value is not the agreement: after --to grant, still the agreement
[ "$(cd "$tmp/c" && complete_words pacta explain --to grant --keep data '')" = "a.pacta b.so sub/ " ] && ok ||
	bad "completion: explain --to grant --keep data -> '$(cd "$tmp/c" && complete_words pacta explain --to grant --keep data '')'"
if command -v zsh >/dev/null 2>&1; then zsh -n completion/_pacta && ok || bad "zsh -n completion/_pacta"; fi

echo "workbench: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
