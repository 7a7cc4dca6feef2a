#!/bin/sh
# The review page of `pacta diff --html` on the amendment of
# tests/diffreview (and on Language 2 and a replay), rendered in headless
# Chromium as tests/doc/screenshot.sh renders `pacta doc`'s page: each
# screenshot must exist, be of a real size and not be of one colour.
#   sh tests/diffreview/screenshot.sh PACTA OUTDIR
# Leaves OUTDIR/*.html and OUTDIR/top.png (the header, the text changed,
# the first kinds), decisions.png (the kinds with their witnesses),
# summary.png (the signatures and the clause cards of both versions),
# language2.png and replay.png.
set -eu
pacta=${1:-build/pacta}
outdir=${2:-build/diff-shot}
dir=tests/diffreview
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "screenshot: installing Debian's chromium"
	if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
	$sudo apt-get install -y chromium >/dev/null 2>&1 ||
		{ $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y chromium >/dev/null 2>&1; }
	chromium=$(command -v chromium || true)
	[ -n "$chromium" ] || { echo "screenshot: FAIL: cannot install chromium"; exit 1; }
fi

"$pacta" diff --html "$dir/base.pacta" "$dir/amendment.pacta" > "$outdir/amendment.html"
"$pacta" diff --html "$dir/base.pacta" "$dir/language2.pacta" > "$outdir/language2.html"
"$pacta" diff --html --replay "$dir/requests.jsonl" "$dir/base.pacta" "$dir/sextortion.pacta" > "$outdir/replay.html"
# a page of the head and one part (Chromium paints nothing when told to
# scroll to a fragment)
part() { # SRC ID OUT
	sed -n '1,/<main class="page">/p' "$outdir/$1" > "$outdir/$3"
	sed -n "/<section class=\"part\" id=\"$2\">/,\$p" "$outdir/$1" >> "$outdir/$3"
}
part amendment.html decisions decisions.html
part amendment.html signatures summary.html
part language2.html decisions language2-decisions.html
part replay.html replay replay-part.html

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
fail=0
# shoot NAME PAGE WIDTH HEIGHT
shoot() {
	png="$outdir/$1.png"
	rm -f "$png"
	rm -rf "$profile"/*
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$profile" --window-size="$3,$4" \
		--screenshot="$png" "file://$outdir/$2" >"$outdir/$1.log" 2>&1 || true
	if [ ! -s "$png" ]; then
		echo "screenshot $1: FAIL: no PNG (see $outdir/$1.log)"
		fail=1
		return
	fi
	size=$(wc -c < "$png")
	distinct=$(od -An -v -tu1 "$png" | tr -s ' ' '\n' | sed '/^$/d' | sort -un | wc -l)
	if [ "$size" -lt 20000 ] || [ "$distinct" -lt 200 ]; then
		echo "screenshot $1: FAIL: $png looks empty ($size bytes, $distinct distinct byte values)"
		fail=1
		return
	fi
	echo "screenshot $1: ok ($png, $size bytes)"
}
shoot top amendment.html 1280 1400
shoot decisions decisions.html 1280 1800
shoot summary summary.html 1280 1800
shoot language2 language2-decisions.html 1280 1800
shoot replay replay-part.html 1280 1200
exit $fail
