#!/bin/sh
# run.sh — the documents hold true: every Pacta example of README.md and
# docs/*.md is checked, every shown command is
# run and its output compared, their links lead somewhere
# (tests/docs/links.awk), and the standard library's section of
# docs/language.md is what tools/stdlib-reference.sh makes of stdlib/std.
#   sh tests/docs/run.sh build/pacta [FILE.md...]     (from the repository root)
#
# A fenced block's info string says what it is and how it is checked:
#   ```pacta                a whole file: `pacta check --no-lint` prints
#                           nothing and `pacta test` passes
#   ```pacta fragment       declarations, checked the same way after a first
#                           line `import std.mla` (the standard library)
#   ```pacta failing        a whole file that checks, with a test that fails
#   ```pacta error          a file that `pacta check` refuses; the very next
#                           block is a ```console block running `pacta check`
#                           on it, which shows the messages
#   ```pacta from=PATH      the repository's file PATH, whole or shortened
#                           (a line "..." for lines left out)
#   ```LANG file=NAME       (any language) the block is the file NAME of the
#                           document's directory; append=NAME adds it to NAME
#                           after a blank line; replace=NAME puts it in place
#                           of what the last append= added to NAME
#   ```console              "$ " lines are commands, run in order in the
#                           document's directory with `pacta` on PATH; the
#                           lines under each are its output (standard output
#                           and error), compared byte for byte
#   ```console elided       the same, "..." standing for lines or text left out
#   ```text keywords        the language's keywords: the words of the
#                           lexer's keyword rules, and none missing from the
#                           keyword block of grammar/parser.y's %token list
# Other blocks are text.  Each document has a directory of its own holding
# build/pacta (as the README names it) and examples/.  Only the time that
# `pacta diff` reports is normalised.  Unknown attributes are failures, so
# that a misspelt one cannot turn a check off.
pacta=${1:-build/pacta}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- README.md docs/*.md
[ -f tests/docs/run.sh ] || { echo "docs: run me from the repository root" >&2; exit 2; }
[ -x "$pacta" ] || { echo "docs: no pacta at $pacta" >&2; exit 2; }
root=$(pwd)
case $pacta in /*) ;; *) pacta=$root/$pacta ;; esac
# The standard library is the tree's own (stdlib/, found from the binary).
PACTA_PATH=
export PACTA_PATH

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh

# What may differ from run to run: the seconds `pacta diff` took, and
# whether it ran long enough to print a progress line (on a busy machine):
# none is printed here.
PACTA_DIFF_PROGRESS_MS=86400000
export PACTA_DIFF_PROGRESS_MS
normalise() {
	sed -E 's/(solver quer(y|ies)), [0-9.]+ s\)$/\1, (time) s)/' "$1"
}

# place MODE NAME BLOCK: writes the block as the document's file NAME.
place() {
	to=$w/$2
	base=$d/state/$(printf '%s' "$2" | tr / _)
	mkdir -p "$(dirname "$to")"
	case $1 in
	file)
		cp "$3" "$to"
		rm -f "$base" ;;
	append)
		[ -f "$to" ] || { bad "$where: append=$2, but there is no $2 yet"; return 1; }
		cp "$to" "$base"
		{ cat "$base"; echo; cat "$3"; } >"$to" ;;
	replace)
		[ -f "$base" ] || { bad "$where: replace=$2, but nothing was appended to $2"; return 1; }
		{ cat "$base"; echo; cat "$3"; } >"$to" ;;
	esac
}

# check_pacta FILE KIND: the checks of a ```pacta block (FILE from $w)
check_pacta() {
	# without the lints: an example shows one thing, and what it leaves
	# unused is no fault of it (console blocks show `pacta check` whole)
	(cd "$w" && "$pacta" check --no-lint "$1") >"$tmp/out" 2>&1
	rc=$?
	if [ "$2" = error ]; then
		[ "$rc" -eq 1 ] && ok || bad "$where: pacta check exits $rc, expected 1 (an error example)"
		return
	fi
	if [ "$rc" -ne 0 ] || [ -s "$tmp/out" ]; then
		bad "$where: pacta check exits $rc:"
		sed 's/^/    /' "$tmp/out" | head -20
		return
	fi
	(cd "$w" && "$pacta" test "$1") >"$tmp/out" 2>&1
	rc=$?
	want=0
	[ "$2" = failing ] && want=1
	if [ "$rc" -eq "$want" ]; then ok; else
		bad "$where: pacta test exits $rc, expected $want:"
		sed 's/^/    /' "$tmp/out" | head -30
	fi
}

pacta_block() {  # BLOCK ATTRIBUTES...
	blk=$1
	shift
	kind=whole from='' mode='' name=''
	for a; do
		case $a in
		fragment|failing|error) kind=$a ;;
		from=?*) from=${a#from=} ;;
		file=?*|append=?*|replace=?*) mode=${a%%=*} name=${a#*=} ;;
		*) bad "$where: unknown attribute '$a' of a pacta block"; return ;;
		esac
	done
	if [ -n "$from" ]; then
		if awk -v lines=1 -f tests/docs/match.awk "$blk" "$from"; then ok; else
			bad "$where: the block is not $from"
			diff -u "$blk" "$from" | head -30
		fi
		return
	fi
	if [ "$kind" = fragment ]; then
		[ -z "$mode" ] || { bad "$where: a fragment is not a file"; return; }
		{ echo "import std.mla"; echo; cat "$blk"; } >"$d/anon/$n.pacta"
		check_pacta "$d/anon/$n.pacta" whole
		return
	fi
	if [ -n "$mode" ]; then
		place "$mode" "$name" "$blk" || return
		check_pacta "$name" "$kind"
	else
		[ "$kind" = error ] && { bad "$where: an error example needs file=NAME, to show its messages"; return; }
		cp "$blk" "$d/anon/$n.pacta"
		check_pacta "$d/anon/$n.pacta" "$kind"
	fi
	[ "$kind" = error ] && pending=$name
}

console_block() {  # BLOCK ATTRIBUTES...
	blk=$1
	shift
	elided=
	for a; do
		case $a in
		elided) elided=1 ;;
		*) bad "$where: unknown attribute '$a' of a console block"; return ;;
		esac
	done
	grep -q '^\$ ' "$blk" || { bad "$where: a console block without a command"; return; }
	: >"$tmp/actual"
	while IFS= read -r l; do
		case $l in
		'$ '*)
			printf '%s\n' "$l" >>"$tmp/actual"
			(cd "$w" && PATH="$w/bin:$PATH" timeout 600 sh -c "${l#\$ }") </dev/null >>"$tmp/actual" 2>&1 ;;
		esac
	done <"$blk"
	normalise "$blk" >"$tmp/want"
	normalise "$tmp/actual" >"$tmp/got"
	if [ -n "$elided" ]; then
		set -- awk -f tests/docs/match.awk
	else
		set -- cmp -s
	fi
	if "$@" "$tmp/want" "$tmp/got"; then ok; else
		bad "$where: the commands print something else (- shown, + printed)"
		diff -u "$tmp/want" "$tmp/got" | tail -n +3 | head -60
	fi
}

# keywords_block BLOCK: its words are the keywords, no more, no fewer.
keywords_block() {
	awk '{ for (i = 1; i <= NF; i++) print $i }' "$1" | sort >"$tmp/kw-doc"
	# "agreement" return AGREEMENT;  "days"|"day" return DAYS;
	sed -n 's/^\(\("[a-z_]*"|\{0,1\}\)\{1,\}\)[[:space:]]\{1,\}return [A-Z_]\{1,\};$/\1/p' grammar/lexer.l |
		tr '|' '\n' | tr -d '"' | sort >"$tmp/kw-lexer"
	# the aliases of the %token block from "agreement" to "years"
	awk '/YEARS "years"/ { last = 1 }
	     inb { while (match($0, /"[a-z_ ]+"/)) { print substr($0, RSTART + 1, RLENGTH - 2); $0 = substr($0, RSTART + RLENGTH) } }
	     last { exit }
	     /The keywords, from/ { inb = 1 }' grammar/parser.y | grep -v ' ' | sort >"$tmp/kw-parser"
	if [ ! -s "$tmp/kw-parser" ] || [ ! -s "$tmp/kw-lexer" ]; then
		bad "$where: the keywords cannot be read from grammar/"
	elif ! cmp -s "$tmp/kw-doc" "$tmp/kw-lexer"; then
		bad "$where: the keywords are not grammar/lexer.l's (- shown, + the lexer's)"
		diff -u "$tmp/kw-doc" "$tmp/kw-lexer" | tail -n +3
	elif [ -n "$(comm -13 "$tmp/kw-doc" "$tmp/kw-parser")" ]; then
		bad "$where: keywords of grammar/parser.y missing: $(comm -13 "$tmp/kw-doc" "$tmp/kw-parser" | tr '\n' ' ')"
	else
		ok
	fi
}

# block BLOCK LANG ATTRIBUTES...: one block, after the one before it
block() {
	blk=$1
	lang=${2:-}
	shift
	[ $# -gt 0 ] && shift
	if [ -n "$pending" ]; then
		if [ "$lang" = console ] && grep -q "^\\\$ .*check .*$pending" "$blk"; then ok; else
			bad "$where: the error example above it is not followed by \`pacta check $pending\` and its messages"
		fi
		pending=
	fi
	case $lang in
	pacta|console) checkable=1 ;;
	esac
	case $lang in
	pacta) pacta_block "$blk" "$@" ;;
	console) console_block "$blk" "$@" ;;
	*)
		for a; do
			case $a in
			file=?*|append=?*|replace=?*) place "${a%%=*}" "${a#*=}" "$blk" ;;
			keywords) keywords_block "$blk" ;;
			*) bad "$where: unknown attribute '$a' of a $lang block" ;;
			esac
		done ;;
	esac
}

for doc in "$@"; do
	d=$tmp/doc.$(basename "$doc" .md)
	w=$d/work
	mkdir -p "$d/blocks" "$d/state" "$d/anon" "$w/bin" "$w/build"
	ln -s "$pacta" "$w/bin/pacta"
	ln -s "$pacta" "$w/build/pacta"
	ln -s "$root/examples" "$w/examples"
	awk -v dir="$d/blocks" -f tests/docs/blocks.awk "$doc" >"$d/manifest"
	checked=$pass pending='' checkable=0
	while IFS='	' read -r n line info <&3; do
		where=$doc:$line
		[ "$n" -eq 0 ] && { bad "$where: a block that is never closed"; continue; }
		blk=$d/blocks/$n
		# shellcheck disable=SC2086 # the info string's words, split on purpose
		block "$blk" $info
	done 3<"$d/manifest"
	[ -z "$pending" ] || bad "$doc: the last error example is not followed by \`pacta check $pending\`"
	# a document with Pacta or console blocks has them checked (one
	# with only text, shell or C excerpts has nothing to check but links)
	[ "$checkable" -eq 0 ] || [ "$pass" -gt "$checked" ] || bad "$doc: nothing in it is checked"
done

# Their links lead to files and headings that exist.
awk -f tests/docs/links.awk "$@" >"$tmp/links"
if [ -s "$tmp/links" ]; then
	while IFS= read -r l; do bad "$l"; done <"$tmp/links"
else
	ok
fi

# The standard library's fields and obligations, as generated.
sh tools/stdlib-reference.sh >"$tmp/stdlib.md" 2>"$tmp/err" || { bad "tools/stdlib-reference.sh failed:"; cat "$tmp/err"; }
awk '/^<!-- stdlib-reference: end/ { inb = 0 } inb { print } /^<!-- stdlib-reference: begin/ { inb = 1 }' \
	docs/language.md >"$tmp/section.md"
same "$tmp/stdlib.md" "$tmp/section.md" \
	"docs/language.md: the standard library's section is not what tools/stdlib-reference.sh makes (run make stdlib-reference)"

echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
