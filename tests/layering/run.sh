#!/bin/sh
# tests/layering/run.sh BUILD — the dependency rules of docs/architecture.md,
# read off the objects: which file's functions and data each file uses.
#   1. no two files use each other, directly or through others (no cycle);
#   2. nothing in runtime/ uses compiler/ (nor includes its headers).
# Prints the cycles or the upward uses it finds and fails; "layering: ok"
# otherwise.
set -eu
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the objects of build/pacta and of libpacta (its runtime is in pic/)
objs=$(ls "$build"/compiler/*.o "$build"/pic/runtime/*.o "$build"/gen/parser.o "$build"/gen/lexer.o)
for o in $objs; do
	f=$(echo "$o" | sed "s|^$build/||; s|^pic/||; s|\.o\$||; s|^gen/|grammar/|")
	nm --defined-only -g "$o" | awk -v f="$f" 'NF == 3 { print $3, f }' >> "$tmp/defs"
	nm -u "$o" | awk -v f="$f" '{ print $2, f }' >> "$tmp/uses"
done
sort -k1,1 "$tmp/defs" > "$tmp/defs.s"
sort -k1,1 "$tmp/uses" > "$tmp/uses.s"
# user -> definer, one edge per pair of files
join "$tmp/uses.s" "$tmp/defs.s" | awk '$2 != $3 { print $2, $3 }' | sort -u > "$tmp/edges"

bad=0
if grep -E '^runtime/[^ ]+ (compiler|grammar)/' "$tmp/edges" > "$tmp/up"; then
	echo "layering: runtime/ uses the compiler:"; sed 's/^/  /' "$tmp/up"; bad=1
fi
if grep -lE '#include "(\.\./compiler/|pactac\.h|codegen\.h)' runtime/*.c runtime/*.h 2>/dev/null; then
	echo "layering: runtime/ includes a compiler header (above)"; bad=1
fi
# cycles: tsort reports them
if ! tsort "$tmp/edges" > /dev/null 2> "$tmp/cycles"; then
	echo "layering: files that use each other (a cycle):"
	sed -n "s|^tsort: $tmp/edges: input contains a loop:|  a cycle through:|p; s|^tsort: |    |p" "$tmp/cycles"
	bad=1
fi
[ $bad = 0 ] && echo "layering: ok ($(wc -l < "$tmp/edges") uses between $(echo "$objs" | wc -w) files, no cycle, runtime/ below compiler/)"
exit $bad
