#!/bin/sh
# The page of examples/rights-protective.pacta, rendered in headless
# Chromium (Debian's chromium package, installed when missing): the
# screenshots must exist, be of a real size and not be of one colour.
#   sh tests/doc/screenshot.sh PACTA OUTDIR   (PACTA: build/pacta; the page is `pacta doc`'s)
# Leaves OUTDIR/rights-protective.html, OUTDIR/top.png (the header and the
# first articles) and OUTDIR/graph.png (the exemption graph).
set -eu
pacta=${1:-build/pacta}
outdir=${2:-build/doc-shot}
src=examples/rights-protective.pacta
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

. tests/e2e/shoot.sh

"$pacta" doc "$src" -o "$outdir/rights-protective.html"

# Headless Chromium paints nothing when told to scroll to a fragment, so
# the graph is shot from a page of the head and the graph section alone.
sed -n '1,/<main class="page">/p' "$outdir/rights-protective.html" > "$outdir/graph.html"
sed -n '/<section class="part" id="exemptions">/,/^<\/section>/p' "$outdir/rights-protective.html" >> "$outdir/graph.html"
printf '</main>\n</body>\n</html>\n' >> "$outdir/graph.html"
grep -q '<svg' "$outdir/graph.html" || { echo "screenshot: FAIL: no exemption graph in the page"; exit 1; }
shoot top rights-protective.html 1280 1600
shoot graph graph.html 1280 1000
exit $fail
