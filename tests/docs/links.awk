# links.awk — the links of Markdown files lead somewhere: each relative link
# names a file that exists and, after a #, a heading of that file (as
# GitHub makes anchors of headings: lower case, punctuation dropped, spaces
# as hyphens, "-1", "-2"... after repeats).  Prints one line per broken
# link, "FILE:LINE: broken link TARGET", for tests/docs/run.sh.
#   awk -f tests/docs/links.awk FILE.md...
function slug(h,    s) {
	s = tolower(h)
	gsub(/[^a-z0-9 _-]/, "", s)
	gsub(/ /, "-", s)
	return s
}

# The anchors of a file, read once into anchor[file, slug].
function anchors(file,    line, fence, s, n) {
	if (file in read) return read[file]
	read[file] = 0
	while ((getline line < file) > 0) {
		read[file] = 1
		if (line ~ /^```/) fence = !fence
		if (fence || line !~ /^#+ /) continue
		sub(/^#+ +/, "", line)
		s = slug(line)
		n = seen[file, s]++
		anchor[file, n ? s "-" n : s] = 1
	}
	close(file)
	return read[file]
}

FNR == 1 { dir = FILENAME; if (!sub(/\/[^\/]*$/, "/", dir)) dir = ""; fence = 0 }
/^```/ { fence = !fence; next }
fence { next }
{
	rest = $0
	while (match(rest, /\]\([^)]*\)/)) {
		target = substr(rest, RSTART + 2, RLENGTH - 3)
		rest = substr(rest, RSTART + RLENGTH)
		if (target ~ /^[a-z]+:/) continue
		path = target
		frag = ""
		if (index(target, "#")) {
			path = substr(target, 1, index(target, "#") - 1)
			frag = substr(target, index(target, "#") + 1)
		}
		file = path == "" ? FILENAME : dir path
		if (!anchors(file) || (frag != "" && file ~ /\.md$/ && !((file, frag) in anchor)))
			printf "%s:%d: broken link %s\n", FILENAME, FNR, target
	}
}
