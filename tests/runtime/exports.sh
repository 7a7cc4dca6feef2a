#!/bin/sh
# exports.sh — libpacta.so exports exactly the PACTA_API functions that
# runtime/pacta.h declares: nothing internal leaks (everything is built
# with -fvisibility=hidden) and nothing declared is missing.
#   sh tests/runtime/exports.sh build/libpacta.so.0.1.0 runtime/pacta.h
lib=$1 header=$2
tmp=${TMPDIR:-/tmp}/pacta-exports.$$
sed -n 's/^PACTA_API[^(]*[ *]\(pacta_[a-z0-9_]*\)(.*/\1/p' "$header" | sort > "$tmp.declared"
# Only the library's own defined symbols: sanitizer builds add their own.
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' |
	grep -v -e '^_' -e '^__' | sort > "$tmp.exported"
if diff -u "$tmp.declared" "$tmp.exported"; then
	echo "libpacta exports: $(wc -l < "$tmp.exported") functions, as declared"
	rc=0
else
	echo "FAIL libpacta exports differ from runtime/pacta.h (- declared, + exported)"
	rc=1
fi
rm -f "$tmp.declared" "$tmp.exported"
exit $rc
