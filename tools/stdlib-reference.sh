#!/bin/sh
# stdlib-reference.sh — the standard library's section of docs/language.md,
# made from stdlib/std/*.pacta so that it cannot drift from them: per file,
# the request fields, the values of its enums, the named definitions and
# the obligations, each with the comment the file gives it (a field's or
# member's trailing comment, a definition's or obligation's comment block
# above it, an obligation's description when it has one).
#   sh tools/stdlib-reference.sh            print the section
#   sh tools/stdlib-reference.sh -w FILE    put it between FILE's markers
# (`make stdlib-reference`; tests/docs/run.sh fails when the section in
# docs/language.md is not what this prints.)  Run from the repository root.
#
# It reads the files in pacta fmt's canonical layout, which the repository
# keeps them in: one field, member or obligation a line, a continued
# definition indented under its first line, `}` at the start of a line.
set -eu
[ -d stdlib/std ] || { echo "stdlib-reference: run me from the repository root" >&2; exit 2; }

section() {
	for f in stdlib/std/*.pacta; do
		awk -f tools/stdlib-reference.awk "$f"
	done
}

case ${1:-} in
"")
	section ;;
-w)
	file=${2:?usage: stdlib-reference.sh [-w FILE]}
	grep -q '^<!-- stdlib-reference: begin' "$file" && grep -q '^<!-- stdlib-reference: end' "$file" ||
		{ echo "stdlib-reference: $file has no stdlib-reference markers" >&2; exit 1; }
	section >"$file.section"
	awk -v sect="$file.section" '
		/^<!-- stdlib-reference: end/ { while ((getline l < sect) > 0) print l; inb = 0 }
		!inb { print }
		/^<!-- stdlib-reference: begin/ { inb = 1 }' "$file" >"$file.new"
	rm -f "$file.section"
	mv "$file.new" "$file" ;;
*)
	echo "usage: sh tools/stdlib-reference.sh [-w FILE]" >&2
	exit 2 ;;
esac
