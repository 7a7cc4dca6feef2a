# match.awk — whether the lines of ACTUAL match those of EXPECTED, where a
# line of EXPECTED that holds only "..." (indented or not) stands for any
# number of lines, none included, and "..." inside a line for any text
# (unless -v lines=1: then only whole lines are left out).  Exits 0 on a
# match, 1 otherwise.  For the blocks that the docs mark as shortened
# (tests/docs/run.sh: "console elided"; "pacta from=...", with lines=1).
#   awk [-v lines=1] -f tests/docs/match.awk EXPECTED ACTUAL
FILENAME == ARGV[1] { e[++ne] = $0; next }
{ a[++na] = $0 }

# One line against a pattern whose "..." match any text: the first piece
# a prefix, the last a suffix, those between found in order (leftmost is
# enough when every wildcard matches anything).
function line_ok(p, s,    parts, k, i, pos, j, last) {
	if (lines || index(p, "...") == 0)
		return p == s
	k = split(p, parts, /\.\.\./)
	if (substr(s, 1, length(parts[1])) != parts[1])
		return 0
	pos = length(parts[1]) + 1
	for (i = 2; i < k; i++) {
		j = index(substr(s, pos), parts[i])
		if (!j)
			return 0
		pos += j - 1 + length(parts[i])
	}
	last = parts[k]
	return length(s) - length(last) + 1 >= pos && substr(s, length(s) - length(last) + 1) == last
}

# m[i, j]: expected lines i.. match actual lines j..
END {
	for (i = ne + 1; i >= 1; i--) {
		for (j = na + 1; j >= 1; j--) {
			if (i > ne)
				m[i, j] = j > na
			else if (e[i] ~ /^[ \t]*\.\.\.$/)
				m[i, j] = m[i + 1, j] || (j <= na && m[i, j + 1])
			else
				m[i, j] = j <= na && line_ok(e[i], a[j]) && m[i + 1, j + 1]
		}
	}
	exit !m[1, 1]
}
