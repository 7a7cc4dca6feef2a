/*
 * fmt.c — the one canonical layout of a Pacta file (`pacta fmt`).
 *
 * The formatter re-emits the file's own tokens, comments included, and
 * decides only the white space between them, from the tokens alone:
 * where lines break, how far they are indented, one space or none.  Since
 * the tokens are the same, the program is the same (text blocks, whose
 * content depends on indentation, are re-indented so that their content is
 * unchanged, and tests/fmt checks it); since the white space depends only
 * on the tokens, on which comments ended a source line, and on where the
 * source had blank lines (kept, at most one), formatting is idempotent.
 *
 * The layout: top-level declarations at column 0, a clause inside an
 * article at 2, the header's attributes, an article's text, a test's
 * `given` and `expect` and an assert's `always` or `never` indented under
 * their keyword, one rule per line
 * under its clause, `because` under its rule, one field or table entry per
 * line, an enum's members on one line unless a comment or their number
 * (more than 8) asks for one a line.  A line longer than 80 columns wraps:
 * a list after a comma, under its first item (a set under its first
 * member); a condition before `and`, `or` or `unless`, further in inside
 * parentheses; a long definition after its `=`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "pactac.h"
#include "parse_state.h"
#include "parser.h"

#define ENUM_INLINE_MAX 8
#define MAX_BRACES 256
#define WIDTH 80            /* lines are wrapped after a comma beyond this */

typedef struct fmt {
	const srcfile *f;
	lex_token *t;
	size_t n;
	lp_strbuf out;
	int col;                 /* column of the output's current line */
	size_t *trail;           /* output offsets of trailing comments' "#" */
	size_t ntrail, captrail;
} fmt;

enum brace { BR_SET, BR_BLOCK, BR_ENUM_INLINE, BR_ENUM_LINES };

int fmt_starts_item(int k)
{
	switch (k) {
	case AGREEMENT: case IMPORT: case ENUM: case DEFINE: case TABLE:
	case REQUEST: case OBLIGATION: case ARTICLE: case CLAUSE: case RESERVATION:
	case DECLARATION: case FIXTURE: case TEST: case ASSERT:
		return 1;
	default:
		return 0;
	}
}

static int is_rule(int k)
{
	return k == REFUSE || k == REFER || k == GRANT || k == OBLIGE || k == EXEMPTS || k == MAY;
}

/* A clause, or a reservation or declaration (laid out as a clause). */
static int clause_item(int item)
{
	return item == CLAUSE || item == RESERVATION || item == DECLARATION;
}

/* Whether token i starts a top-level item here: `agreement` after `by`
 * (`expect refuse by agreement`) is a test's ground, not a header. */
static int starts_item_at(const fmt *F, size_t i, int prev)
{
	(void)F;
	return fmt_starts_item(F->t[i].kind) &&
	       !(F->t[i].kind == AGREEMENT && (prev == BY || prev == GROUNDED_BY));
}

/* Was there a blank line in the source between tokens a and b? */
static int blank_between(const fmt *F, size_t a, size_t b)
{
	int nl = 0;
	for (uint32_t i = F->t[a].end; i < F->t[b].start; i++) {
		if (F->f->text[i] == '\n' && ++nl >= 2)
			return 1;
	}
	return 0;
}

/* Did the source put token b on the same line as token a? */
static int same_line(const fmt *F, size_t a, size_t b)
{
	for (uint32_t i = F->t[a].end; i < F->t[b].start; i++)
		if (F->f->text[i] == '\n')
			return 0;
	return 1;
}

static void put(fmt *F, const char *s, size_t n)
{
	lp_sb_put(&F->out, s, n);
	/* columns count characters, not the bytes of UTF-8 */
	for (size_t i = 0; i < n; i++)
		F->col = s[i] == '\n' ? 0 : F->col + (((unsigned char)s[i] & 0xc0) != 0x80);
}

static void newline(fmt *F, int blank, int indent)
{
	/* no trailing white space: drop spaces at the end of the line */
	while (F->out.len && F->out.data[F->out.len - 1] == ' ')
		F->out.len--;
	put(F, blank ? "\n\n" : "\n", blank ? 2 : 1);
	for (int i = 0; i < indent; i++)
		put(F, " ", 1);
}

static void put_token(fmt *F, size_t i)
{
	if (F->t[i].kind == NOTIN)   /* one token, however it was spaced */
		put(F, "not in", 6);
	else
		put(F, F->f->text + F->t[i].start, F->t[i].end - F->t[i].start);
}

/* A text block, re-indented: its content is what the lexer decoded. */
static void put_text_block(fmt *F, size_t i, int indent)
{
	const char *s = F->t[i].str ? F->t[i].str : "";
	put(F, "\"\"\"", 3);
	for (const char *p = s; *p || p == s;) {
		const char *q = strchr(p, '\n');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (!*s)
			break;
		newline(F, 0, n ? indent : 0);
		put(F, p, n);
		if (!q)
			break;
		p = q + 1;
	}
	newline(F, 0, indent);
	put(F, "\"\"\"", 3);
}

/* Whether the enum block opening at token i goes one member a line. */
static enum brace enum_layout(const fmt *F, size_t i)
{
	size_t members = 0;
	for (size_t j = i + 1; j < F->n && F->t[j].kind != '}'; j++) {
		if (F->t[j].kind == COMMENT)
			return BR_ENUM_LINES;
		members += F->t[j].kind == IDENT;
	}
	return members > ENUM_INLINE_MAX ? BR_ENUM_LINES : BR_ENUM_INLINE;
}

/* No space between these two tokens on one line. */
static int tight(int prev, int k, enum brace inner)
{
	if (k == ',' || k == ')' || k == ']' || k == ':')
		return 1;
	if (prev == '(' || prev == '[' || k == '[' || k == '.' || prev == '.')
		return 1;
	if (prev == '{' && inner == BR_SET)
		return 1;
	if (k == '}' && inner == BR_SET)
		return 1;
	return 0;
}

/* Trailing comments on consecutive lines line up, two spaces after the
 * longest code among them (as gofmt does). */
static void align_comments(fmt *F)
{
	lp_strbuf b = { 0 };
	const char *s = F->out.data;
	size_t from = 0;
	for (size_t g = 0; g < F->ntrail;) {
		/* the run: trailing comments on lines that follow each other */
		size_t h = g + 1, width = 0;
		for (; h < F->ntrail; h++) {
			size_t nl = 0;
			for (size_t x = F->trail[h - 1]; x < F->trail[h]; x++)
				nl += s[x] == '\n';
			if (nl != 1)
				break;
		}
		for (size_t j = g; j < h; j++) {
			size_t ls = F->trail[j];
			while (ls > 0 && s[ls - 1] != '\n')
				ls--;
			size_t code = F->trail[j] - 2 - ls;
			width = code > width ? code : width;
		}
		for (size_t j = g; j < h; j++) {
			size_t ls = F->trail[j];
			while (ls > 0 && s[ls - 1] != '\n')
				ls--;
			size_t code = F->trail[j] - 2 - ls;
			lp_sb_put(&b, s + from, F->trail[j] - from);
			for (size_t pad = code; pad < width; pad++)
				lp_sb_put(&b, " ", 1);
			from = F->trail[j];
		}
		g = h;
	}
	lp_sb_put(&b, s + from, F->out.len - from);
	lp_sb_free(&F->out);
	F->out = b;
}

/* The width of an operator and its right operand, up to the next operator
 * of its kind or the end of the line's construct (for `unless`, the whole
 * condition it brings). */
static size_t operand_width(const fmt *F, size_t i)
{
	size_t w = F->t[i].end - F->t[i].start;
	int d = 0;
	for (size_t j = i + 1; j < F->n; j++) {
		int k = F->t[j].kind;
		if (k == COMMENT || fmt_starts_item(k) || is_rule(k) || k == BECAUSE || k == UNLESS || k == WHEN)
			break;
		if (d == 0 && (k == ')' || k == ',' ||
		               ((k == AND || k == OR || k == IMPLIES || k == '|') && F->t[i].kind != UNLESS)))
			break;
		d += k == '(' || k == '{' || k == '[';
		d -= k == ')' || k == '}' || k == ']';
		w += F->t[j].end - F->t[j].start + 1;
	}
	return w;
}

/* The width of the list item that starts at token i, on one line: up to
 * the comma after it, the bracket that closes the list or the keyword
 * that ends it. */
static size_t item_width(const fmt *F, size_t i)
{
	size_t w = 0;
	int d = 0, pk = 0;
	for (size_t j = i; j < F->n; j++) {
		int k = F->t[j].kind;
		if (k == COMMENT || (j > i && (fmt_starts_item(k) || is_rule(k))) || k == BECAUSE || k == UNLESS ||
		    k == WHEN || k == GIVEN || k == EXPECT || k == WITH || k == BY || k == STRING)
			break;
		if (d == 0 && (k == ',' || k == ')' || k == '}' || k == ']'))
			break;
		d += k == '(' || k == '{' || k == '[';
		d -= k == ')' || k == '}' || k == ']';
		/* spaced as put: braces inside an item are sets */
		w += (j > i && !tight(pk, k, BR_SET)) + (F->t[j].end - F->t[j].start);
		pk = k;
	}
	return w;
}

/* The width of tokens i.. to the end of the current declaration, on one
 * line. */
static size_t rest_width(const fmt *F, size_t i)
{
	size_t w = 0;
	for (size_t j = i; j < F->n; j++) {
		if (F->t[j].kind == COMMENT || (j > i && fmt_starts_item(F->t[j].kind)))
			break;
		w += F->t[j].end - F->t[j].start + 1;
	}
	return w;
}

int fmt_source(program *p, const srcfile *f, lp_strbuf *out)
{
	fmt F = { 0 };
	F.f = f;
	F.n = lex_tokens(p, f, &F.t);
	/* braces nested deeper than the stack are sets (nothing else
	 * nests), laid out as the deepest one kept */
	enum brace stack[MAX_BRACES];
	int set_col[MAX_BRACES];  /* where each open set's first member went */
	int depth = 0;         /* braces */
	int parens = 0;
	int item = 0;          /* keyword of the current top-level item */
	int in_article = 0;
	int after_expect = 0;  /* outcome words after `expect` / `default` */
	int rule_indent = 0, line_indent = 0;
	int prev = 0;          /* kind of the previous non-comment token */
	int list_indent = 4;   /* where a wrapped list continues */
	int set_depth = 0;     /* inside set literals, which wrap on their own */
	int define_eq = 0;     /* the define's own `=` has been seen */
	int after_comment = 0; /* the previous token was a comment */
	size_t last = 0;       /* index of the previous token */
	for (size_t i = 0; i < F.n; i++) {
		int k = F.t[i].kind;
		int top = depth < MAX_BRACES ? depth : MAX_BRACES;
		enum brace inner = depth > MAX_BRACES ? BR_SET : depth ? stack[depth - 1] : BR_SET;
		int first = i == 0;
		int blank = !first && blank_between(&F, last, i);
		if (k == COMMENT) {
			if (!first && same_line(&F, last, i)) {
				put(&F, "  ", 2);
				if (F.ntrail == F.captrail)
					F.trail = xrealloc(F.trail, (F.captrail = F.captrail ? 2 * F.captrail : 64) * sizeof *F.trail);
				F.trail[F.ntrail++] = F.out.len;
			} else if (!first) {
				/* a comment on its own line takes the indentation
				 * of what follows it */
				int ind = line_indent;
				size_t j = i + 1;
				while (j < F.n && F.t[j].kind == COMMENT)
					j++;
				if (j < F.n && starts_item_at(&F, j, prev) && depth == 0)
					ind = F.t[j].kind == CLAUSE && in_article ? 2 : 0;
				else if (j < F.n && F.t[j].kind == ARTICLE)
					ind = 0;
				else if (j < F.n && is_rule(F.t[j].kind) && clause_item(item) && !after_expect)
					ind = rule_indent;
				else if (j < F.n && F.t[j].kind == '}')
					ind = line_indent - 2 > 0 ? line_indent - 2 : 0;
				newline(&F, blank, ind);
			}
			put_token(&F, i);
			after_comment = 1;
			last = i;
			continue;
		}
		/* a comma between request fields separates nothing the line
		 * break does not: the canonical layout leaves it out */
		if (k == ',' && item == REQUEST && depth == 1 && inner == BR_BLOCK && parens == 0)
			continue;
		/* where this token goes: a new line (and how far in), or on */
		int brk = 0, ind = line_indent;
		if (first) {
			brk = 0;
		} else if (depth == 0 && parens == 0 && starts_item_at(&F, i, prev)) {
			if (k == ARTICLE)
				in_article = 1;
			brk = 1;
			ind = k == CLAUSE && in_article ? 2 : 0;
			if (k == ARTICLE)
				blank = 1;
		} else if (item == AGREEMENT && depth == 0 &&
		           (k == VERSION || k == PARTIES || k == EFFECTIVE || k == EXPIRES || k == DEFAULT ||
		            k == SUMMARY || k == TEXT)) {
			brk = 1;
			ind = 2;
		} else if (item == ARTICLE && k == TEXT) {
			brk = 1;
			ind = 2;
		} else if (clause_item(item) && k == TEXT) {
			brk = 1;
			ind = rule_indent;
		} else if (clause_item(item) && depth == 0 && parens == 0 && is_rule(k) && prev != MAY) {
			brk = 1;
			ind = rule_indent;
		} else if (clause_item(item) && k == BECAUSE) {
			brk = 1;
			ind = rule_indent;
		} else if ((item == TEST || item == FIXTURE) && depth == 0 && (k == GIVEN || k == EXPECT)) {
			brk = 1;
			ind = 2;
		} else if (item == ASSERT && depth == 0 && parens == 0 && k == IDENT && prev == STRING) {
			brk = 1;
			ind = 2;
		} else if (depth && (inner == BR_BLOCK) && k == IDENT && i + 1 < F.n &&
		           F.t[i + 1].kind == ':' ) {
			brk = 1;   /* a field or a table entry */
			ind = 2 * depth;
		} else if (depth && inner == BR_ENUM_LINES && k == IDENT) {
			brk = 1;
			ind = 2;
		} else if (k == '}' && (inner == BR_BLOCK || inner == BR_ENUM_LINES)) {
			brk = 1;
			ind = 2 * (depth - 1);
		} else if (after_comment) {
			brk = 1;   /* a comment ended the line: continue under it */
			ind = line_indent + 4;
			blank = 0;
		}
		if (!brk && prev == ',' && F.col + 1 + (int)item_width(&F, i) > WIDTH &&
		    (set_depth == 0 || inner == BR_SET)) {
			/* a long list: on under its first item (a set's, under
			 * its first member) */
			brk = 2;   /* 2: a wrap, not a new construct */
			blank = 0;
			ind = set_depth ? set_col[top - 1] : list_indent;
		} else if (!brk && prev == '=' && item == DEFINE && !define_eq && depth == 0 &&
		           F.col + 1 + (int)rest_width(&F, i) > WIDTH) {
			brk = 2;   /* a long definition starts on the next line */
			blank = 0;
			ind = 2;
			line_indent = 2;
		} else if (!brk && (k == AND || k == OR || k == IMPLIES || k == '|' || (k == UNLESS && clause_item(item))) &&
		           set_depth == 0 && F.col + 1 + (int)operand_width(&F, i) > WIDTH) {
			brk = 2;   /* a long condition: on before the operator, */
			blank = 0; /* further in inside parentheses, whose operators
			            * bind tighter than those outside */
			ind = line_indent + 4 + 4 * parens;
		}
		if (prev == '=' && item == DEFINE && depth == 0)
			define_eq = 1;
		if (brk) {
			newline(&F, blank && !first, ind);
			if ((!after_comment || ind != line_indent + 4) && brk != 2)
				line_indent = ind;
		} else if (!first && !tight(prev, k, inner)) {
			put(&F, " ", 1);
		}
		/* the token itself */
		if (k == TEXTBLOCK)
			put_text_block(&F, i, line_indent);
		else
			put_token(&F, i);
		/* what it opens or closes */
		if (depth == 0 && parens == 0 && starts_item_at(&F, i, prev)) {
			item = k;
			define_eq = 0;
			after_expect = 0;
			rule_indent = k == CLAUSE ? (in_article ? 4 : 2) : 2;
		}
		if (k == EXPECT || (k == DEFAULT && item == AGREEMENT) || k == BY)
			after_expect = 1;
		else if (k == VERSION || k == PARTIES || k == EFFECTIVE || k == EXPIRES || k == SUMMARY || k == TEXT)
			after_expect = 0;
		if (k == '(' || k == '[')
			parens++;
		else if ((k == ')' || k == ']') && parens > 0)
			parens--;
		else if (k == '{') {
			enum brace b = BR_SET;
			if (depth == 0 && (item == REQUEST || item == TABLE) && parens == 0 &&
			    (prev == REQUEST || prev == IDENT || prev == KW_BOOL || prev == KW_INT ||
			     prev == KW_DATE || prev == DAYS || prev == YEARS) &&
			    (item == REQUEST || prev != ':'))
				b = BR_BLOCK;
			if (depth == 0 && item == ENUM)
				b = enum_layout(&F, i);
			if (depth < MAX_BRACES) {
				stack[depth] = b;
				set_col[depth] = F.col;
			}
			depth++;
			/* a comment before the first field or member goes
			 * where they go */
			if (b == BR_BLOCK || b == BR_ENUM_LINES)
				line_indent = 2 * depth;
		} else if (k == '}' && depth > 0) {
			depth--;
		}
		if (brk && is_rule(k))
			line_indent = rule_indent;
		/* where a wrapped list goes on: under the first item after these */
		if (k == GIVEN || k == PARTIES || k == WITH || k == BY || k == EXEMPTS || k == DISCRETIONARY ||
		    k == ON)
			list_indent = F.col + 1;
		else if (brk == 1)
			list_indent = line_indent + 4;
		set_depth = depth > MAX_BRACES ? depth - MAX_BRACES : 0;
		for (int d = 0; d < depth && d < MAX_BRACES; d++)
			set_depth += stack[d] == BR_SET;
		prev = k;
		after_comment = 0;
		last = i;
	}
	if (F.n)
		newline(&F, 0, 0);
	free(F.t);
	align_comments(&F);
	free(F.trail);
	while (F.out.len >= 2 && F.out.data[F.out.len - 1] == '\n' && F.out.data[F.out.len - 2] == '\n')
		F.out.len--;
	*out = F.out;
	return 0;
}

/* Standard input, whole, as a source named "<stdin>". */
static srcfile *read_stdin(program *p)
{
	size_t len;
	char *text = read_stdin_text(&len);
	if (!text) {
		diag_plain(p->dg, "cannot read standard input");
		return NULL;
	}
	srcfile *f = source_from_text(p, STDIN_NAME, text, len);
	free(text);
	return f;
}

int fmt_file(const char *path, int mode, FILE *out)
{
	compilation cm;
	compilation_init(&cm, stderr);
	int in = !strcmp(path, "-");
	srcfile *f = in ? read_stdin(&cm.prog) : read_source(&cm.prog, path);
	if (in && mode == FMT_WRITE)
		mode = FMT_PRINT;   /* refused by the command line; print all the same */
	lp_strbuf b = { 0 };
	int rc = 0;
	if (f)
		parse_file(&cm.prog, f);
	if (!f || cm.dg.errors || fmt_source(&cm.prog, f, &b) != 0 || cm.dg.errors) {
		if (cm.dg.errors && f && cm.dg.format == DIAG_TEXT)
			fprintf(stderr, "%d error%s\n", cm.dg.errors, cm.dg.errors == 1 ? "" : "s");
		rc = -1;
	} else if (mode == FMT_CHECK) {
		if (b.len != f->len || (b.len && memcmp(b.data, f->text, f->len) != 0)) {
			fprintf(out, "%s: not in the canonical layout\n", in ? STDIN_NAME : path);
			rc = -1;
		}
	} else if (mode == FMT_WRITE) {
		if (b.len != f->len || (b.len && memcmp(b.data, f->text, f->len) != 0)) {
			/* whole or not at all: a full disk must not cut the
			 * source short */
			if (outfile_write(path, b.data, b.len) != 0) {
				fprintf(stderr, "pacta: fmt: cannot write %s: %s\n", path, strerror(errno));
				rc = -1;
			}
		}
	} else if (b.len) {   /* an empty source is an empty layout */
		fwrite(b.data, 1, b.len, out);
	}
	lp_sb_free(&b);
	compilation_free(&cm);
	return rc;
}
