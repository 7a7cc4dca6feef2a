#!/bin/sh
# large.sh — `pacta lint` on an agreement whose enum, define and table row
# list 20,000 members, each list on one line: it finishes, and finds what
# it should.  Run by `make lint-test` after tests/runtests:
#   sh tests/lint/large.sh build/pacta
# Two things were quadratic in the members: locating every token of a line
# by its column (the allow comments, compiler/lint.c) and the solver's
# chains of binary 'or' and 'and' over a set's members
# (compiler/smt_encode.c): 39 s and 61 s alone on the machine this was
# written on, 123 s together; the lint takes about a second.  The timeout
# is a bound a quadratic lint does not meet, not a measure of speed.  The
# proofs find nothing here, and would find nothing either if the solver
# gave a query up (after two seconds, on a loaded machine): the one finding
# needs no proof, so what is printed does not depend on the machine.
pacta=${1:-build/pacta}
n=20000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh
PACTA_PATH=
export PACTA_PATH

m=$(awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "%s m%d", i ? "," : "", i }')
f=$tmp/large.pacta
{
	printf '# %s members, each list on one line\n' "$n"
	printf 'enum big {%s }\n' "$m"
	printf 'enum side { left, right }\n'
	printf 'request { x: big, s: set of big }\n'
	printf 'define everything = {%s }\n' "$m"
	printf 'table members_of: side -> set of big { left: {%s }, right: {} }\n' "$m"
	printf 'clause 1\n'
	printf '  grant when x in everything\n'
	printf 'clause 2\n'
	printf '  refuse when s overlaps members_of[left]\n'
} >"$f"

# the refusal has no reason; the grant is not shadowed (s may be empty),
# and either rule can fire
cat >"$tmp/want" <<EOT
$f:10:3: warning: a refusal without 'because': the requesting Party reads no reason, only the label '2' [no-reason]
  refuse when s overlaps members_of[left]
  ^~~~~~
1 warning
EOT
expect_status 1 "pacta lint, $n members" timeout 20 "$pacta" lint "$f"
same "$tmp/want" "$tmp/err" "pacta lint, $n members: the findings"
echo "lint large: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
