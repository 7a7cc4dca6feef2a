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

. tests/e2e/shoot.sh

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

shoot top amendment.html 1280 1400
shoot decisions decisions.html 1280 1800
shoot summary summary.html 1280 1800
shoot language2 language2-decisions.html 1280 1800
shoot replay replay-part.html 1280 1200
exit $fail
