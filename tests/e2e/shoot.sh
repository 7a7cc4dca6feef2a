# shoot.sh — headless Chromium for the page tests (sourced, from the
# repository root, after $outdir is set to an absolute directory):
# Debian's chromium, installed when missing, and `shoot NAME PAGE WIDTH
# HEIGHT`, which renders $outdir/PAGE into $outdir/NAME.png and checks the
# screenshot exists, is of a real size and is not of one colour; $fail is
# 1 when one is not.  tests/doc/screenshot.sh (pacta doc's page) and
# tests/diffreview/screenshot.sh (pacta diff --html's) use it.
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "screenshot: installing Debian's chromium"
	if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
	$sudo apt-get install -y chromium >/dev/null 2>&1 ||
		{ $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y chromium >/dev/null 2>&1; }
	chromium=$(command -v chromium || true)
	[ -n "$chromium" ] || { echo "screenshot: FAIL: cannot install chromium"; exit 1; }
fi

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
	# A rendered page compresses far less than one flat colour: ask for a
	# real size, and for many distinct byte values in the image data.
	distinct=$(od -An -v -tu1 "$png" | tr -s ' ' '\n' | sed '/^$/d' | sort -un | wc -l)
	if [ "$size" -lt 20000 ] || [ "$distinct" -lt 200 ]; then
		echo "screenshot $1: FAIL: $png looks empty ($size bytes, $distinct distinct byte values)"
		fail=1
		return
	fi
	if command -v python3 >/dev/null 2>&1; then
		if ! python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w, h, ctype = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}.get(ctype, 1)
stride = w * bpp + 1
colours = set()
for y in range(0, h, 7):
    row = raw[y * stride + 1:(y + 1) * stride]
    for x in range(0, w * bpp, bpp * 5):
        colours.add(row[x:x + bpp])
# (filtered rows are not undone: enough to tell a page from a flat image)
if len(colours) < 50:
    sys.exit('only %d distinct sampled pixel values' % len(colours))
print('  %dx%d, %d distinct sampled values' % (w, h, len(colours)))
PY
		then
			echo "screenshot $1: FAIL: $png is (nearly) a single colour"
			fail=1
			return
		fi
	fi
	echo "screenshot $1: ok ($png, $size bytes)"
}
