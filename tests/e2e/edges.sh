#!/bin/sh
# edges.sh — end-to-end tests of the edges of the `pacta` command, from
# the repository root: output that cannot be written is an error, never a
# success with output missing; files are replaced whole or not at all; what
# is not a regular file is refused rather than waited on; targets no module
# can be built for are refused before any work.
#   sh tests/e2e/edges.sh build/pacta
pacta=${1:-build/pacta}
case $pacta in /*) ;; *) pacta=$PWD/$pacta ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh
m=examples/model-agreement.pacta
# An ASan build cannot run under a limit on address space (ulimit -v).
asan=0; grep -qa __asan_init "$pacta" && asan=1
# bounded CMD...: CMD with at most 1.5 GB of address space (no limit
# under ASan), so that a case that would read a huge file fails fast
bounded() { ( [ $asan = 1 ] || ulimit -v 1500000; exec "$@" ) >"$tmp/out" 2>"$tmp/err"; }

# ---- standard output that cannot be written: exit status 1, and said ----
head -3 examples/model-agreement.jsonl >"$tmp/ok.jsonl"
sed -n 12p examples/model-agreement.jsonl >"$tmp/request.json"
"$pacta" build "$m" -o "$tmp/m.so" || bad "build $m"
# full_stdout DESCRIPTION CMD...: CMD with its standard output on /dev/full
full_stdout() {
	what=$1; shift
	"$@" >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "cannot write standard output" "$tmp/err"; then ok; else
		bad "$what > /dev/full: exit status $rc, expected 1 with 'cannot write standard output'"
		sed 's/^/    /' "$tmp/err" | head -5
	fi
}
full_stdout "eval" "$pacta" eval "$m" "$tmp/ok.jsonl"
full_stdout "eval (module)" "$pacta" eval "$tmp/m.so" "$tmp/ok.jsonl"
full_stdout "inspect" "$pacta" inspect "$tmp/m.so"
full_stdout "explain" "$pacta" explain "$m" "$tmp/request.json"
full_stdout "test" "$pacta" test "$m"
full_stdout "fmt" "$pacta" fmt "$m"
full_stdout "diff --json" "$pacta" diff --json "$m" "$m"
full_stdout "doc" "$pacta" doc "$m"
full_stdout "keygen" "$pacta" keygen "$tmp/full.key"
full_stdout "--help" "$pacta" --help
full_stdout "--version" "$pacta" --version
full_stdout "check --help" "$pacta" check --help

# A reader that goes away: with SIGPIPE ignored (as many services run),
# eval stops at the first failed write and says so, rather than deciding
# the rest of its input for nobody.
awk 'NR <= 3 { l[NR] = $0 } END { for (i = 0; i < 6000; i++) print l[i % 3 + 1] }' examples/model-agreement.jsonl >"$tmp/many.jsonl"
( trap '' PIPE; { "$pacta" eval "$m" "$tmp/many.jsonl" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | head -1 >"$tmp/out" )
[ "$(cat "$tmp/rc")" = 1 ] && grep -q "cannot write standard output" "$tmp/err" && ok ||
	bad "eval into a closed pipe (SIGPIPE ignored): exit status $(cat "$tmp/rc"), expected 1 with a message"
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || bad "eval into a closed pipe: head saw no line"

# ---- files replaced whole or not at all ----
# limited CMD...: CMD with files limited to 4 KiB (SIGXFSZ ignored, so a
# write past the limit fails with EFBIG as on a full disk)
limited() { ( trap '' XFSZ; ulimit -f 8; exec "$@" ) >"$tmp/out" 2>"$tmp/err"; }

# fmt -w of a file it cannot write whole: the source stays as it was
sed 's/^  clause/      clause/' examples/rights-protective.pacta >"$tmp/messy.pacta"
cp "$tmp/messy.pacta" "$tmp/messy.orig"
limited "$pacta" fmt -w "$tmp/messy.pacta"
[ $? -eq 1 ] && ok || bad "fmt -w past a file size limit: exit status not 1"
cmp -s "$tmp/messy.pacta" "$tmp/messy.orig" && ok || bad "fmt -w past a file size limit cut the source short ($(wc -c <"$tmp/messy.pacta") bytes)"
contains "$tmp/err" "cannot write" "fmt -w past a file size limit"
ls -a "$tmp" | grep -q '^\.messy' && bad "fmt -w left a temporary file" || ok
# and when it can, the file keeps its permissions, and a link its target
chmod 640 "$tmp/messy.pacta"
ln -s messy.pacta "$tmp/link.pacta"
expect_status 0 "fmt -w through a symbolic link" "$pacta" fmt -w "$tmp/link.pacta"
[ -L "$tmp/link.pacta" ] && ok || bad "fmt -w replaced the symbolic link"
[ "$(stat -c %a "$tmp/messy.pacta")" = 640 ] && ok || bad "fmt -w changed the permissions"
"$pacta" fmt examples/rights-protective.pacta >"$tmp/canon.pacta"
same "$tmp/canon.pacta" "$tmp/messy.pacta" "fmt -w did not write the canonical layout"

# build -o over an output, past the limit: the old output stays, whole
# (the object and the IR are written from memory; a module is linked
# first, into a temporary directory, where the limit strikes already)
for k in llvm obj; do
	"$pacta" build --emit-$k "$m" -o "$tmp/out.$k"
	cp "$tmp/out.$k" "$tmp/old.$k"
	limited "$pacta" build --emit-$k examples/rights-protective.pacta -o "$tmp/out.$k"
	[ $? -eq 1 ] && ok || bad "build --emit-$k past a file size limit: exit status not 1"
	cmp -s "$tmp/out.$k" "$tmp/old.$k" && ok || bad "build --emit-$k past a file size limit cut the old output short"
done
cp "$tmp/m.so" "$tmp/old.so"
limited "$pacta" build examples/rights-protective.pacta -o "$tmp/m.so"
[ $? -eq 1 ] && ok || bad "build past a file size limit: exit status not 1"
cmp -s "$tmp/m.so" "$tmp/old.so" && ok || bad "build past a file size limit left a cut module"
"$pacta" keygen "$tmp/k" >/dev/null
limited "$pacta" build --sign "$tmp/k" examples/rights-protective.pacta -o "$tmp/m.so"
cmp -s "$tmp/m.so" "$tmp/old.so" && ok || bad "build --sign past a file size limit: the old module is gone"
expect_status 0 "build --sign" "$pacta" build --sign "$tmp/k" "$m" -o "$tmp/signed.so"
expect_status 0 "a signed module loads with its key" "$pacta" inspect --trust "$tmp/k.pub" "$tmp/signed.so"
contains "$tmp/out" "signer      " "build --sign"
for k in llvm obj; do
	expect_status 1 "build --emit-$k -o /dev/full" "$pacta" build --emit-$k "$m" -o /dev/full
	contains "$tmp/err" "No space left on device" "build --emit-$k -o /dev/full"
done
expect_status 1 "build -o /dev/full" "$pacta" build "$m" -o /dev/full

# -o naming the source is refused: the source stays
cp "$m" "$tmp/self.pacta"
for c in build doc; do
	expect_status 2 "$c -o naming its source" "$pacta" "$c" "$tmp/self.pacta" -o "$tmp/self.pacta"
	cmp -s "$tmp/self.pacta" "$m" && ok || bad "$c -o naming its source overwrote it"
	contains "$tmp/err" "is the source" "$c -o naming its source"
done
mkdir -p "$tmp/lib"
printf 'enum e { a }\n' >"$tmp/lib/part.pacta"
printf 'import "lib/part.pacta"\nrequest { x: e }\nclause 1 grant\n' >"$tmp/whole.pacta"
expect_status 2 "build -o naming an imported file" "$pacta" build "$tmp/whole.pacta" -o "$tmp/lib/part.pacta"
contains "$tmp/lib/part.pacta" "enum e" "build -o naming an imported file overwrote it"

# ---- targets: only those libpacta can load, refused before compiling ----
for t in i386-pc-linux-gnu x86_64-pc-windows-msvc x86_64-apple-darwin x86_64-unknown-linux-gnux32; do
	rm -f "$tmp/t.so"
	expect_status 2 "build --target $t" "$pacta" build --target "$t" "$m" -o "$tmp/t.so"
	contains "$tmp/err" "unsupported target '$t'" "build --target $t"
	[ -e "$tmp/t.so" ] && bad "build --target $t wrote a module" || ok
done
expect_status 0 "build --target x86_64-pc-linux-gnu --emit-llvm" "$pacta" build --target x86_64-pc-linux-gnu --emit-llvm "$m" -o "$tmp/t.ll"
# the other machine libpacta runs on: its object and IR, not a module
case $(uname -m) in
x86_64) other=aarch64-linux-gnu machine=AArch64 ;;
*) other=x86_64-pc-linux-gnu machine="X86-64" ;;
esac
expect_status 0 "build --target $other --emit-obj" "$pacta" build --target "$other" --emit-obj "$m" -o "$tmp/other.o"
readelf -h "$tmp/other.o" | grep -q "Machine:.*$machine" && ok || bad "build --target $other --emit-obj: not $machine code"
expect_status 0 "build --target $other --emit-llvm" "$pacta" build --target "$other" --emit-llvm "$m" -o "$tmp/other.ll"
contains "$tmp/other.ll" "target triple = \"$other\"" "build --target $other --emit-llvm"
rm -f "$tmp/t.so"
expect_status 2 "build --target $other (a module)" "$pacta" build --target "$other" "$m" -o "$tmp/t.so"
contains "$tmp/err" "cannot make a module for ${other%%-*} here" "build --target $other (a module)"
[ -e "$tmp/t.so" ] && bad "build --target $other wrote a module" || ok

# ---- the code generator: pacta links no LLVM, and loads it to make code ----
readelf -d "$pacta" | grep NEEDED >"$tmp/needed"
grep -qi llvm "$tmp/needed" && bad "pacta links LLVM: $(grep -i llvm "$tmp/needed")" || ok
rm -f "$tmp/t.so"
expect_status 1 "build without the code generator" env PACTA_CODEGEN_LIBRARY="$tmp/none.so" "$pacta" build "$m" -o "$tmp/t.so"
contains "$tmp/err" "the code generator, libpacta-codegen.so.0, could not be loaded" "build without the code generator"
contains "$tmp/err" "$tmp/none.so" "build without the code generator"
[ -e "$tmp/t.so" ] && bad "build without the code generator wrote a module" || ok
expect_status 0 "build a module" "$pacta" build "$m" -o "$tmp/some.so"
expect_status 1 "build with another library as the code generator" \
	env PACTA_CODEGEN_LIBRARY="$tmp/some.so" "$pacta" build "$m" -o "$tmp/t.so"
contains "$tmp/err" "not Pacta's code generator" "build with another library as the code generator"
expect_status 0 "check without the code generator" env PACTA_CODEGEN_LIBRARY="$tmp/none.so" "$pacta" check "$m"
expect_status 2 "build --target without the code generator" \
	env PACTA_CODEGEN_LIBRARY="$tmp/none.so" "$pacta" build --target x86_64-pc-linux-gnu "$m" -o "$tmp/t.so"
contains "$tmp/err" "the code generator, libpacta-codegen.so.0, could not be loaded" "build --target without the code generator"
# a code generator of another build: the entry point is there, and says no
printf 'const void *pacta_codegen_v1(const char *build);\nconst void *pacta_codegen_v1(const char *build) { (void)build; return 0; }\n' \
	>"$tmp/other.c"
${CC:-cc} -shared -fPIC -o "$tmp/other-build.so" "$tmp/other.c"
expect_status 1 "build with another build's code generator" \
	env PACTA_CODEGEN_LIBRARY="$tmp/other-build.so" "$pacta" build "$m" -o "$tmp/t.so"
contains "$tmp/err" "$tmp/other-build.so: from another build of Pacta" "build with another build's code generator"

# ---- what is not a regular file is refused, not waited on ----
mkfifo "$tmp/fifo.so" "$tmp/fifo.pub" "$tmp/fifo.key" "$tmp/fifo.pacta"
# (timeout: before the fix, opening a FIFO waited for a writer forever)
expect_status 1 "inspect of a FIFO" timeout 20 "$pacta" inspect "$tmp/fifo.so"
contains "$tmp/err" "is not a regular file" "inspect of a FIFO"
expect_status 1 "eval with a FIFO for a module" timeout 20 "$pacta" eval "$tmp/fifo.so" "$tmp/ok.jsonl"
contains "$tmp/err" "is not a regular file" "eval with a FIFO for a module"
expect_status 1 "diff with a FIFO for a module" timeout 20 "$pacta" diff "$tmp/fifo.so" "$m"
expect_status 1 "--trust with a FIFO" timeout 20 "$pacta" inspect --trust "$tmp/fifo.pub" "$tmp/m.so"
contains "$tmp/err" "is not a regular file" "--trust with a FIFO"
expect_status 1 "--sign with a FIFO" timeout 20 "$pacta" build --sign "$tmp/fifo.key" "$m" -o "$tmp/s.so"
contains "$tmp/err" "is not a regular file" "--sign with a FIFO"
expect_status 1 "check of a FIFO" timeout 20 "$pacta" check "$tmp/fifo.pacta"
# a request stream may come through a FIFO: it is read, as standard input is
( cat "$tmp/ok.jsonl" >"$tmp/fifo.pacta" ) &
expect_status 0 "eval reading requests from a FIFO" timeout 20 "$pacta" eval "$m" "$tmp/fifo.pacta"
[ "$(wc -l <"$tmp/out")" -eq 3 ] && ok || bad "eval reading requests from a FIFO: not three answers"
wait

# ---- the size of a source: exact, and below what the lexer can scan ----
# pad FILE BYTES: a one-clause agreement padded with a comment to BYTES
pad() { { printf 'clause 1 grant\n#'; head -c $(($2 - 17)) /dev/zero | tr '\0' x; printf '\n'; } >"$1"; }
pad "$tmp/1m.pacta" 1048576
pad "$tmp/1m1.pacta" 1048577
pad "$tmp/3m1.pacta" 3145729
[ "$(wc -c <"$tmp/1m.pacta")" -eq 1048576 ] && ok || bad "pad: not 1 MiB"
expect_status 0 "a source of exactly PACTA_MAX_SOURCE_MB" env PACTA_MAX_SOURCE_MB=1 "$pacta" check "$tmp/1m.pacta"
expect_status 1 "a source one byte over PACTA_MAX_SOURCE_MB" env PACTA_MAX_SOURCE_MB=1 "$pacta" check "$tmp/1m1.pacta"
contains "$tmp/err" "file too large (the limit is 1 MiB; see PACTA_MAX_SOURCE_MB)" "a source one byte over the limit"
expect_status 1 "a source one byte over PACTA_MAX_SOURCE_MB=3" env PACTA_MAX_SOURCE_MB=3 "$pacta" check "$tmp/3m1.pacta"
expect_status 0 "PACTA_MAX_SOURCE_MB past what the lexer scans" env PACTA_MAX_SOURCE_MB=4096 "$pacta" check "$tmp/1m.pacta"
contains "$tmp/err" "ignoring PACTA_MAX_SOURCE_MB=4096 (a number from 1 to 2047)" "PACTA_MAX_SOURCE_MB=4096"
# a 2 GiB source (sparse): refused from its size, never read
truncate -s 2G "$tmp/2g.pacta"
bounded env PACTA_MAX_SOURCE_MB=2047 timeout 60 "$pacta" check "$tmp/2g.pacta"
[ $? -eq 1 ] && ok || bad "a 2 GiB source: exit status not 1"
contains "$tmp/err" "file too large (the limit is 2047 MiB" "a 2 GiB source"
rm -f "$tmp/2g.pacta"

# ---- a request line's memory: bounded by PACTA_MAX_LINE_MB, and no
# memory is an answer for that line, not the end of the input ----
R=$(head -1 "$tmp/ok.jsonl" | sed 's/}$//')
# spaced BYTES: a valid request with BYTES of white space inside, then a
# good line, on standard output
spaced() { printf '%s' "$R"; head -c "$1" /dev/zero | tr '\0' ' '; printf '}\n'; head -1 "$tmp/ok.jsonl"; }
# in_little_memory CMD...: CMD with 400 MB of address space (the binary
# maps about 200 MB), or, under ASan, allocations of at most 100 MB
in_little_memory() {
	if [ $asan = 1 ]; then
		ASAN_OPTIONS=allocator_may_return_null=1:max_allocation_size_mb=100 "$@"
	else
		( ulimit -v 400000; exec "$@" )
	fi
}
spaced 300000000 | in_little_memory "$pacta" eval "$m" - >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && ok || bad "eval of a line it has no memory for: exit status not 1"
sed -n 1p "$tmp/out" | grep -q '"error": "line 1, column 1: out of memory for a line of 300000' && ok ||
	bad "eval of a line it has no memory for: not answered in place: $(head -c 300 "$tmp/out")"
sed -n 2p "$tmp/out" | grep -q '"outcome": "grant"' && ok || bad "eval of a line it has no memory for: the next line not decided"
spaced 300000000 | in_little_memory env PACTA_MAX_LINE_MB=1 "$pacta" eval "$m" - >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && ok || bad "a 300 MB line over PACTA_MAX_LINE_MB=1: exit status not 1"
sed -n 1p "$tmp/out" | grep -q '"error": "line 1, column 1: line too long (the limit is 1 MiB' && ok ||
	bad "a 300 MB line over PACTA_MAX_LINE_MB=1 in 400 MB: not answered 'too long': $(head -c 300 "$tmp/out")"
sed -n 2p "$tmp/out" | grep -q '"outcome": "grant"' && ok || bad "a 300 MB line over PACTA_MAX_LINE_MB=1: the next line not decided"
# explain keeps to the same limit
spaced 2000000 | head -1 >"$tmp/big-request.json"
expect_status 1 "explain of a request over PACTA_MAX_LINE_MB" env PACTA_MAX_LINE_MB=1 "$pacta" explain "$m" "$tmp/big-request.json"
contains "$tmp/err" "request too large (the limit is 1 MiB; see PACTA_MAX_LINE_MB)" "explain of a request over the limit"
expect_status 0 "explain of the same request within the limit" env PACTA_MAX_LINE_MB=2 "$pacta" explain "$m" "$tmp/big-request.json"

# ---- a module is known by its bytes, not only by its name; its file is
# named once in a message
cp "$tmp/m.so" "$tmp/m.so.bak"
expect_status 0 "inspect of a module named M.so.bak" "$pacta" inspect "$tmp/m.so.bak"
expect_status 0 "eval on a module named M.so.bak" "$pacta" eval "$tmp/m.so.bak" "$tmp/ok.jsonl"
expect_status 1 "inspect of a missing module" "$pacta" inspect "$tmp/none.so"
[ "$(grep -o "$tmp/none.so" "$tmp/err" | wc -l)" -eq 1 ] && ok || bad "a missing module named more than once: $(cat "$tmp/err")"
head -c 100 "$tmp/m.so" >"$tmp/cut.so"
expect_status 1 "inspect of a truncated module" "$pacta" inspect "$tmp/cut.so"
[ "$(grep -o "$tmp/cut.so" "$tmp/err" | wc -l)" -eq 1 ] && ok || bad "a truncated module named more than once: $(cat "$tmp/err")"

# ---- explain decodes its request as eval decodes a line: what one
# refuses, the other refuses; line ends between tokens are white space
printf '{"requesting_party": "XB",\r\n\t"requested_party": "XA",\n' >"$tmp/multi.json"
sed -n 12p examples/model-agreement.jsonl | sed 's/^{"id": 12, "requesting_party": "XB", "requested_party": "XA",//' >>"$tmp/multi.json"
expect_status 0 "explain of a request over three lines, CRLF and tabs between tokens" "$pacta" explain "$m" "$tmp/multi.json"
"$pacta" explain "$m" "$tmp/request.json" >"$tmp/one.out" 2>&1
same "$tmp/one.out" "$tmp/out" "explain of a request over three lines: not as explain of it on one line"
printf '{"requesting_party": "XB",\n "requested_party": "nowhere"}\n' >"$tmp/multi-bad.json"
expect_status 1 "explain of a request with an unknown value on its line 2" "$pacta" explain "$m" "$tmp/multi-bad.json"
contains "$tmp/err" 'multi-bad.json: line 2, column 21: field "requested_party": unknown value "nowhere"' "explain: the line and column of an error"
sed 's/"content_data"/"content\tdata"/' "$tmp/request.json" >"$tmp/tab.json"
expect_status 1 "explain of a request with a raw tab in a string" "$pacta" explain "$m" "$tmp/tab.json"
contains "$tmp/err" "control character in a string" "explain of a raw tab in a string"
"$pacta" eval "$m" "$tmp/tab.json" >"$tmp/out" 2>&1
contains "$tmp/out" "control character in a string" "eval of a raw tab in a string"

# ---- nesting counts the definitions an expression uses, and the chains
# of definitions and imports the checker and the loader follow ----
cd "$tmp"
printf 'enum e { a, b }\nrequest { x: e }\ndefine d0 = x = a\ndefine d1 = d0\ndefine d2 = d1 and d0\ndefine d3 = d2\nclause 1 grant when d3\n' >fwd.pacta
printf 'enum e { a, b }\nrequest { x: e }\nclause 1 grant when d0\ndefine d0 = d1\ndefine d1 = d2\ndefine d2 = d3\ndefine d3 = x = a\n' >rev.pacta
printf 'define x = 1 + 2 + 3\n' >ops.pacta
cat >want <<'E'
fwd.pacta:5:13: error: expression nested too deeply through the definitions it uses: 4 levels, counting each definition used and what it uses (the limit is 3; see PACTA_MAX_DEPTH)
define d2 = d1 and d0
            ^~~~~~~~~
1 error
rev.pacta:6:13: error: definitions nested too deeply: 'd3' is used inside definitions not yet checked, 4 levels deep with its own (the limit is 3; see PACTA_MAX_DEPTH)
define d2 = d3
            ^~
1 error
ops.pacta:1:12: error: expression nested too deeply (2 operators deep; the limit is 1): split it with defines, or use a set
define x = 1 + 2 + 3
           ^~~~~~~~~
1 error
E
{ PACTA_MAX_DEPTH=3 "$pacta" check fwd.pacta; PACTA_MAX_DEPTH=3 "$pacta" check rev.pacta
  PACTA_MAX_DEPTH=1 "$pacta" check ops.pacta; } >/dev/null 2>got
same want got "nesting through definitions (PACTA_MAX_DEPTH=3), and two operators with the limit at 1"
expect_status 0 "two operators with the limit at 2" env PACTA_MAX_DEPTH=2 "$pacta" check ops.pacta
expect_status 0 "definitions within the limit" env PACTA_MAX_DEPTH=6 "$pacta" check fwd.pacta
cd "$OLDPWD"

echo "edges: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
