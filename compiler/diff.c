/*
 * diff.c — the structural part of `pacta diff`: what was added, removed or
 * changed between two agreements, by name and label, ignoring layout and
 * comments.
 *
 * A declaration's text is its tokens from its keyword to the next
 * top-level keyword, comments left out, joined by single spaces (text
 * blocks by their content): two declarations are the same when these
 * texts are.  The header is compared attribute by attribute, the request
 * schema field by field (type and default).  The semantic part (which
 * requests change decision) is smt.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "parse_state.h"
#include "parser.h"

typedef struct toks {
	const srcfile *f;
	lex_token *t;
	size_t n;
} toks;

/* The text of the declaration starting at byte `start` of `tk`'s file. */
static char *decl_text(arena *a, const toks *tk, uint32_t start)
{
	size_t i = 0;
	while (i < tk->n && tk->t[i].start < start)
		i++;
	lp_strbuf b = { 0 };
	int depth = 0, prev = 0;
	for (size_t j = i; j < tk->n; j++) {
		int k = tk->t[j].kind;
		if (j > i && depth == 0 && fmt_starts_item(k))
			break;
		depth += k == '{' || k == '(' || k == '[';
		depth -= k == '}' || k == ')' || k == ']';
		if (k == COMMENT)
			continue;
		/* spaced as pacta fmt spaces a line */
		int tight = k == ',' || k == ':' || k == ')' || k == ']' || k == '.' || k == '[' ||
		            prev == '(' || prev == '[' || prev == '.';
		if (b.len && !tight)
			lp_sb_put(&b, " ", 1);
		prev = k;
		if (k == TEXTBLOCK) {
			lp_sb_put(&b, "\"\"\"", 3);
			lp_sb_puts(&b, tk->t[j].str ? tk->t[j].str : "");
			lp_sb_put(&b, "\"\"\"", 3);
		} else if (k == NOTIN) {
			lp_sb_puts(&b, "not in");
		} else {
			lp_sb_put(&b, tk->f->text + tk->t[j].start, tk->t[j].end - tk->t[j].start);
		}
	}
	char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	lp_sb_free(&b);
	return s;
}

static const char *what_name(int kind)
{
	switch (kind) {
	case D_ENUM: return "enum";
	case D_DEFINE: return "define";
	case D_TABLE: return "table";
	case D_OBLIGATION: return "obligation";
	case D_ARTICLE: return "article";
	case D_CLAUSE: return "clause";
	case D_FIXTURE: return "fixture";
	case D_TEST: return "test";
	case D_IMPORT: return "import";
	default: return "declaration";
	}
}

static void add(diff_result *r, arena *a, const char *what, const char *name, int op,
                const char *old, const char *neu)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	diff_item *it = &r->items[r->n++];
	it->what = what;
	it->name = arena_strndup(a, name, strlen(name));
	it->op = op;
	it->old = old;
	it->neu = neu;
}

/* The main file's own declarations that have a name or label. */
static int comparable(const lw_item *d)
{
	return d->at.file && d->at.file->id == 0 &&
	       (d->kind == D_ENUM || d->kind == D_DEFINE || d->kind == D_TABLE ||
	        d->kind == D_OBLIGATION || d->kind == D_ARTICLE || d->kind == D_CLAUSE ||
	        d->kind == D_FIXTURE || d->kind == D_TEST || d->kind == D_IMPORT);
}

static const lw_item *find(const lw_program *p, int kind, const char *name)
{
	for (uint32_t i = 0; i < p->nitems; i++) {
		const lw_item *d = &p->items[i];
		if (comparable(d) && d->kind == kind && strcmp(d->name, name) == 0)
			return d;
	}
	return NULL;
}

static char *words_text(arena *a, const lp_schema *s, const lp_field_desc *f)
{
	if (!f->has_default)
		return arena_printf(a, "%s", "(required)");
	lp_strbuf b = { 0 };
	lp_json_encode_value(s, f->kind, f->enum_index, f->defval, &b);
	char *t = arena_strndup(a, b.data ? b.data : "", b.len);
	lp_sb_free(&b);
	return t;
}

static const char *field_type(arena *a, const lp_schema *s, const lp_field_desc *f)
{
	if (f->kind == PK_ENUM)
		return s->enums[f->enum_index].name;
	if (f->kind == PK_SET)
		return arena_printf(a, "set of %s", s->enums[f->enum_index].name);
	return lp_kind_names[f->kind];
}

static void diff_header(diff_result *r, arena *a, const lw_program *x, const lw_program *y)
{
	const lw_scope *hx = &x->scope, *hy = &y->scope;
	const char *tx = hx->has_header ? hx->title : "", *ty = hy->has_header ? hy->title : "";
	if (strcmp(tx, ty))
		add(r, a, "header", "title", DIFF_CHANGED, tx, ty);
	const char *vx = hx->version ? hx->version : "";
	const char *vy = hy->version ? hy->version : "";
	if (strcmp(vx, vy))
		add(r, a, "header", "version", DIFF_CHANGED, vx, vy);
	char dx[16] = "", dy[16] = "";
	if (hx->has_effective)
		lp_date_format(hx->effective, dx);
	if (hy->has_effective)
		lp_date_format(hy->effective, dy);
	if (strcmp(dx, dy))
		add(r, a, "header", "effective", DIFF_CHANGED, arena_printf(a, "%s", dx), arena_printf(a, "%s", dy));
	dx[0] = dy[0] = 0;
	if (hx->has_expires)
		lp_date_format(hx->expires, dx);
	if (hy->has_expires)
		lp_date_format(hy->expires, dy);
	if (strcmp(dx, dy))
		add(r, a, "header", "expires", DIFF_CHANGED, arena_printf(a, "%s", dx), arena_printf(a, "%s", dy));
	if (x->schema.default_outcome != y->schema.default_outcome)
		add(r, a, "header", "default", DIFF_CHANGED, lp_outcome_names[x->schema.default_outcome],
		    lp_outcome_names[y->schema.default_outcome]);
	lp_strbuf px = { 0 }, py = { 0 };
	for (int side = 0; side < 2; side++) {
		const lw_scope *h = side ? hy : hx;
		lp_strbuf *b = side ? &py : &px;
		for (uint32_t i = 0; i < h->nparty_names; i++)
			lp_sb_printf(b, "%s%s", i ? ", " : "", h->party_names[i]);
		lp_sb_put(b, "", 1);
	}
	if (strcmp(px.data, py.data))
		add(r, a, "header", "parties", DIFF_CHANGED, arena_printf(a, "%s", px.data),
		    arena_printf(a, "%s", py.data));
	lp_sb_free(&px);
	lp_sb_free(&py);
}

static void diff_schema(diff_result *r, arena *a, const lw_program *x, const lw_program *y)
{
	const lp_schema *sx = &x->schema, *sy = &y->schema;
	for (uint32_t i = 0; i < sx->nfields; i++) {
		const lp_field_desc *f = &sx->fields[i], *g = NULL;
		for (uint32_t j = 0; j < sy->nfields && !g; j++)
			if (!strcmp(sy->fields[j].name, f->name))
				g = &sy->fields[j];
		const char *tf = field_type(a, sx, f);
		if (!g) {
			add(r, a, "field", f->name, DIFF_REMOVED, arena_printf(a, "%s = %s", tf, words_text(a, sx, f)), NULL);
			continue;
		}
		const char *tg = field_type(a, sy, g);
		const char *df = words_text(a, sx, f), *dg = words_text(a, sy, g);
		if (strcmp(tf, tg) || strcmp(df, dg))
			add(r, a, "field", f->name, DIFF_CHANGED, arena_printf(a, "%s = %s", tf, df),
			    arena_printf(a, "%s = %s", tg, dg));
	}
	for (uint32_t j = 0; j < sy->nfields; j++) {
		const lp_field_desc *g = &sy->fields[j];
		int found = 0;
		for (uint32_t i = 0; i < sx->nfields && !found; i++)
			found = !strcmp(sx->fields[i].name, g->name);
		if (!found)
			add(r, a, "field", g->name, DIFF_ADDED, NULL,
			    arena_printf(a, "%s = %s", field_type(a, sy, g), words_text(a, sy, g)));
	}
}

int diff_structural(program *px, const lw_program *x, program *py, const lw_program *y,
                    diff_result *r)
{
	arena *a = px->ar;
	memset(r, 0, sizeof *r);
	toks tx = { x->files[0], NULL, 0 }, ty = { y->files[0], NULL, 0 };
	tx.n = lex_tokens(px, tx.f, &tx.t);
	ty.n = lex_tokens(py, ty.f, &ty.t);
	diff_header(r, a, x, y);
	for (uint32_t i = 0; i < x->nitems; i++) {
		const lw_item *d = &x->items[i];
		if (!comparable(d))
			continue;
		const lw_item *e = find(y, d->kind, d->name);
		char *old = decl_text(a, &tx, d->at.start);
		if (!e) {
			add(r, a, what_name(d->kind), d->name, DIFF_REMOVED, old, NULL);
			continue;
		}
		char *neu = decl_text(a, &ty, e->at.start);
		if (strcmp(old, neu))
			add(r, a, what_name(d->kind), d->name, DIFF_CHANGED, old, neu);
	}
	for (uint32_t i = 0; i < y->nitems; i++) {
		const lw_item *e = &y->items[i];
		if (comparable(e) && !find(x, e->kind, e->name))
			add(r, a, what_name(e->kind), e->name, DIFF_ADDED, NULL, decl_text(a, &ty, e->at.start));
	}
	diff_schema(r, a, x, y);
	free(tx.t);
	free(ty.t);
	return 0;
}

void diff_result_free(diff_result *r)
{
	free(r->items);
	r->items = NULL;
	r->n = r->cap = 0;
}

