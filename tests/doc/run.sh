#!/bin/sh
# Golden test of `pacta doc`: every tests/doc/NAME.pacta must render to
# exactly tests/doc/NAME.html, twice (the output is deterministic), and the
# page must be self-contained (no external resources).
#   sh tests/doc/run.sh DOCGEN   (DOCGEN: build/docgen, or "build/pacta doc")
#   UPDATE=1 sh tests/doc/run.sh DOCGEN   rewrites the expected pages
set -u
docgen=${1:-build/docgen}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for src in tests/doc/*.pacta; do
	name=$(basename "$src" .pacta)
	want=tests/doc/$name.html
	if ! $docgen "$src" -o "$tmp/$name.html" 2>"$tmp/$name.err"; then
		echo "FAIL $name: the driver failed"
		cat "$tmp/$name.err"
		fail=$((fail + 1))
		continue
	fi
	$docgen "$src" -o "$tmp/$name.again.html" 2>/dev/null
	if ! cmp -s "$tmp/$name.html" "$tmp/$name.again.html"; then
		echo "FAIL $name: two runs gave different pages"
		fail=$((fail + 1))
		continue
	fi
	if grep -Eiq '(src|href)="(https?:)?//|@import|url\((["'\'']?)(https?:|//)|<link |<script' "$tmp/$name.html"; then
		echo "FAIL $name: the page refers to an external resource"
		fail=$((fail + 1))
		continue
	fi
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/$name.html" "$want"
		echo "updated $want"
	fi
	if diff -u "$want" "$tmp/$name.html" > "$tmp/$name.diff"; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: the page differs from $want"
		head -60 "$tmp/$name.diff"
		fail=$((fail + 1))
	fi
done
echo "doc: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
