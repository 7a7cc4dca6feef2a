# stdlib-reference.awk — one file of the standard library as a part of the
# reference section of docs/language.md, in Markdown: its enums with their
# members, its request fields, its definitions and its obligations, each
# with the words the file gives it.  tools/stdlib-reference.sh runs it on
# each stdlib/std/*.pacta in turn.
#   awk -f tools/stdlib-reference.awk stdlib/std/FILE.pacta
#
# Where the words come from: a field's or an enum member's trailing
# comment; the comment lines inside a request or an enum, which head the
# group of lines under them; a definition's, an enum's or an obligation's
# comment block right above it (an obligation's description, when it has
# one, wins over the block).

# The code of a line and its comment, split at the first # outside a
# string, into the globals `code` and `note`.
function split_line(s,    i, c, q) {
	q = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" && q) { i++; continue }
		if (c == "\"") q = !q
		if (c == "#" && !q) break
	}
	code = substr(s, 1, i - 1)
	note = i <= length(s) ? substr(s, i + 1) : ""
	sub(/[ \t]+$/, "", code)
	note = clean(note)
}

# A comment line without its decoration ("-- heading -----").
function clean(s) {
	gsub(/^[ \t]+|[ \t]+$/, "", s)
	sub(/^-+ */, "", s)
	sub(/ +-+$/, "", s)
	return s
}

# Comment lines joined into one text; a word cut at a hyphen is joined
# again.
function join(a, b) {
	if (a == "") return b
	return a ~ /[^ -]-$/ ? a b : a " " b
}

# Text for a table cell.  The stdlib's comments still cite design notes
# that are not in the repository; those citations are dropped.
function cell(s) {
	gsub(/ *\([^()]*(DOMAIN|LANGUAGE|LEGAL-REVIEW)\.md[^()]*\)/, "", s)
	gsub(/\|/, "\\|", s)
	return s
}

function code_cell(s) {
	return s == "" ? "" : "`" cell(s) "`"
}

function heading() {
	if (headed) return
	printf "### %s\n\n", module
	if (summary != "") printf "%s\n\n", cell(summary)
	headed = 1
}

# Starts a table of the given kind unless one is open.
function table_of(what) {
	if (table == what) return
	heading()
	end_table()
	table = what
	if (what == "fields")
		printf "Request fields:\n\n| field | type | when absent | what it says |\n|---|---|---|---|\n"
	else if (what == "obligations")
		printf "Obligations:\n\n| obligation | value | goes with | borne by | what it asks |\n|---|---|---|---|---|\n"
	else if (what == "defines")
		printf "Definitions:\n\n| name | value | what it is |\n|---|---|---|\n"
}

function end_table() {
	if (table != "") printf "\n"
	table = ""
}

function unquote(s) {
	s = substr(s, 2, length(s) - 2)
	gsub(/\\"/, "\"", s)
	gsub(/\\\\/, "\\", s)
	return s
}

# obligation NAME [: TYPE combine OP] [on O, ...] [by requesting|requested] ["description"]
function obligation(s, why,    name, value, op, on, by, desc) {
	sub(/^obligation[ \t]+/, "", s)
	match(s, /^[A-Za-z_][A-Za-z0-9_]*/)
	name = substr(s, 1, RLENGTH)
	s = substr(s, RLENGTH + 1)
	value = "a flag"
	on = "grant, refer"
	by = "—"
	desc = why
	if (match(s, /^[ \t]*:[ \t]*/)) {
		s = substr(s, RLENGTH + 1)
		match(s, /[ \t]+combine[ \t]+[A-Za-z_]+/)
		value = substr(s, 1, RSTART - 1)
		op = substr(s, RSTART, RLENGTH)
		sub(/.*combine[ \t]+/, "", op)
		s = substr(s, RSTART + RLENGTH)
		value = value (op == "min" ? ", the smallest imposed" : op == "max" ? ", the largest imposed" \
		        : op == "union" ? ", all those imposed" : op == "intersect" ? ", what every one imposed has" \
		        : ", combine " op)
	}
	if (match(s, /^[ \t]*on[ \t]/)) {
		# the outcomes run to `by`, the description or the end
		s = substr(s, RLENGTH + 1)
		on = s
		if (match(on, /[ \t]by[ \t]|"/))
			on = substr(on, 1, RSTART - 1)
		s = substr(s, length(on) + 1)
		gsub(/^[ \t]+|[ \t]+$/, "", on)
		gsub(/[ \t]*,[ \t]*/, ", ", on)
	}
	if (match(s, /^[ \t]*by[ \t]+[a-z]+/)) {
		by = substr(s, RSTART, RLENGTH)
		s = substr(s, RLENGTH + 1)
		sub(/^[ \t]*by[ \t]+/, "", by)
		by = "the " by " Party"
	}
	if (match(s, /"([^"\\]|\\.)*"/))
		desc = unquote(substr(s, RSTART, RLENGTH))
	table_of("obligations")
	printf "| `%s` | %s | %s | %s | %s |\n", name, cell(value), on, by, cell(desc)
}

# An enum is printed when it closes, once its size is known: a group's
# heading (kind "g") or a member (kind "m") a row.
function enum_end(    i, members) {
	end_table()
	heading()
	members = 0
	for (i = 1; i <= nrows; i++)
		members += row_kind[i] == "m"
	printf "Enum `%s`.%s", enum_name, enum_why != "" ? " " cell(enum_why) : ""
	if (members > 60) {
		printf " Its %d members are listed in stdlib/std/%s.pacta.\n\n", members, file_base
		return
	}
	printf "\n\n| member | what it is |\n|---|---|\n"
	for (i = 1; i <= nrows; i++) {
		if (row_kind[i] == "g")
			printf "| *%s* | |\n", cell(row_text[i])
		else
			printf "| `%s` | %s |\n", row_name[i], cell(row_text[i])
	}
	printf "\n"
}

function enum_member(name, why) {
	nrows++
	row_kind[nrows] = "m"
	row_name[nrows] = name
	row_text[nrows] = why
}

function enum_group(why) {
	if (nrows && row_kind[nrows] == "g") {
		row_text[nrows] = join(row_text[nrows], why)
		return
	}
	nrows++
	row_kind[nrows] = "g"
	row_text[nrows] = why
}

# define NAME [: TYPE] = VALUE, its continuation lines joined
function define_end(    name, value) {
	name = def
	sub(/^define[ \t]+/, "", name)
	value = name
	sub(/[ \t]*[:=].*/, "", name)
	sub(/^[^=]*=[ \t]*/, "", value)
	gsub(/[ \t]+/, " ", value)
	sub(/\{ /, "{", value)
	sub(/ \}/, "}", value)
	table_of("defines")
	printf "| `%s` | %s | %s |\n", name, code_cell(value), cell(def_why)
	state = "top"
}

FNR == 1 {
	file_base = FILENAME
	sub(/.*\//, "", file_base)
	sub(/\.pacta$/, "", file_base)
	module = "std." file_base
	state = "intro"
}

# The file's opening comment, "std.mla -- what it is. ...": its first
# sentence is the summary.
state == "intro" {
	if (/^#/) {
		split_line($0)
		if (note != "" && summary !~ /\.$/) summary = join(summary, note)
		if (note != "") next
	}
	sub(/^std\.[a-z_]+ *-+ */, "", summary)
	sub(/\. .*/, ".", summary)
	if (summary != "") summary = toupper(substr(summary, 1, 1)) substr(summary, 2)
	state = "top"
	pending = ""
	if (/^#/) next
}

state == "define" {
	if (/^[ \t]/ || /^\}/) { def = def " " $0; next }
	define_end()
}

state == "request" {
	if (/^\}/) { state = "top"; next }
	if (/^[ \t]*$/) { group_open = 0; next }
	split_line($0)
	if (code == "") {
		group = group_open ? join(group, note) : note
		group_open = 1
		next
	}
	group_open = 0
	table_of("fields")
	if (group != "") {
		printf "| *%s* | | | |\n", cell(group)
		group = ""
	}
	field = code
	sub(/^[ \t]+/, "", field)
	name = field
	sub(/[ \t]*:.*/, "", name)
	type = field
	sub(/^[^:]*:[ \t]*/, "", type)
	sub(/[ \t]*=.*/, "", type)
	absent = "required"
	if (field ~ /=/) {
		absent = field
		sub(/^[^=]*=[ \t]*/, "", absent)
		absent = code_cell(absent)
	}
	printf "| `%s` | `%s` | %s | %s |\n", name, type, absent, cell(note)
	next
}

state == "enum" {
	if (/^\}/) { enum_end(); state = "top"; next }
	if (/^[ \t]*$/) next
	split_line($0)
	if (code == "") { enum_group(note); next }
	gsub(/[ \t,]/, "", code)
	enum_member(code, note)
	next
}

/^[ \t]*$/ { pending = ""; next }
/^#/ { split_line($0); pending = join(pending, note); next }

/^request[ \t]*\{/ { state = "request"; group = ""; group_open = 0; pending = ""; next }

/^enum[ \t]/ {
	enum_name = $0
	sub(/^enum[ \t]+/, "", enum_name)
	sub(/[ \t{].*/, "", enum_name)
	enum_why = pending
	pending = ""
	nrows = 0
	if ($0 ~ /\}/) {   # enum name { a, b, c } on one line
		s = $0
		sub(/^[^{]*\{/, "", s)
		sub(/\}.*/, "", s)
		n = split(s, ms, /,/)
		for (i = 1; i <= n; i++) {
			gsub(/[ \t]/, "", ms[i])
			if (ms[i] != "") enum_member(ms[i], "")
		}
		enum_end()
		next
	}
	state = "enum"
	next
}

/^define[ \t]/ { split_line($0); def = code; def_why = pending; pending = ""; state = "define"; next }
/^obligation[ \t]/ { split_line($0); obligation(code, note != "" ? note : pending); pending = ""; next }
{ pending = "" }

END {
	if (state == "define") define_end()
	end_table()
}
