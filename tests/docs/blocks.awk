# blocks.awk — the fenced code blocks of a Markdown file, for
# tests/docs/run.sh: block N's lines go to the file DIR/N, and a line per
# block to standard output, "N<tab>LINE<tab>INFO": its number, the line of
# its opening fence, and its info string ("pacta fragment", "console").
#   awk -v dir=DIR -f tests/docs/blocks.awk FILE.md
# A fence is a line that begins with three backquotes; an unterminated
# block is reported as block 0, so that the suite fails.
/^```/ {
	if (!inb) {
		n++
		inb = 1
		start = NR
		info = substr($0, 4)
		gsub(/^[ \t]+|[ \t]+$/, "", info)
		f = dir "/" n
		printf "" > f
		printf "%d\t%d\t%s\n", n, NR, info
	} else {
		inb = 0
		close(f)
	}
	next
}
inb { print > f }
END {
	if (inb)
		printf "0\t%d\tunterminated\n", start
}
