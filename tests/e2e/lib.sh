# lib.sh — what the shell test scripts share (sourced, from the repository
# root, after $tmp is set): counting, and the three checks.  tests/e2e/run.sh,
# tests/e2e/signing.sh and tests/runtests use it.
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# expect_status WANT DESCRIPTION CMD...: runs CMD, output in $tmp/out, $tmp/err
expect_status() {
	want=$1; what=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		bad "$what: exit status $got, expected $want"; sed 's/^/    /' "$tmp/err" | head -20
	fi
}

contains() {  # contains FILE TEXT DESCRIPTION
	if grep -qF -- "$2" "$1"; then ok; else bad "$3: no '$2' in output"; sed 's/^/    /' "$1" | head -20; fi
}

same() {  # same EXPECTED ACTUAL DESCRIPTION
	if diff -u "$1" "$2" >"$tmp/diff"; then ok; else bad "$3"; cat "$tmp/diff"; fi
}
