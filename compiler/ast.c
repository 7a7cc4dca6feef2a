/*
 * ast.c — constructors for the syntax tree.  The grammar actions call these
 * and nothing else; every node keeps its source span.
 */
#include "pactac.h"

expr *ast_expr(arena *a, int kind, span at, expr *x, expr *y, expr *z)
{
	expr *e = arena_alloc(a, sizeof *e);
	e->kind = (uint8_t)kind;
	e->at = at;
	e->a = x;
	e->b = y;
	e->c = z;
	uint32_t d = 0;
	if (x && x->depth > d)
		d = x->depth;
	if (y && y->depth > d)
		d = y->depth;
	if (z && z->depth > d)
		d = z->depth;
	e->depth = d + 1;
	e->ty.kind = PK__COUNT;
	return e;
}

/* A set literal: its members as a flat array. */
expr *ast_set(arena *a, span at, const vec *elems)
{
	expr *e = ast_expr(a, E_SET, at, NULL, NULL, NULL);
	if (!elems || !elems->len)
		return e;
	e->nelem = (uint32_t)elems->len;
	e->elem = arena_alloc(a, elems->len * sizeof *e->elem);
	for (size_t i = 0; i < elems->len; i++) {
		expr *x = elems->items[i];
		e->elem[i] = x;
		if (x->depth + 1 > e->depth)
			e->depth = x->depth + 1;
	}
	return e;
}

decl *ast_decl(arena *a, int kind, span at)
{
	decl *d = arena_alloc(a, sizeof *d);
	d->kind = (uint8_t)kind;
	d->at = at;
	d->name_at = at;
	d->ty.kind = PK__COUNT;
	return d;
}

rule *ast_rule(arena *a, int action, span at)
{
	rule *r = arena_alloc(a, sizeof *r);
	r->action = (uint8_t)action;
	r->at = at;
	return r;
}

/* ---- types ---- */

const char *type_name(arena *a, type t)
{
	switch (t.kind) {
	case PK_ENUM:
		return t.en ? t.en->name : "enum";
	case PK_SET:
		return arena_printf(a, "set of %s", t.en ? t.en->name : "?");
	case PK__COUNT:
		return "<error>";
	default:
		return lp_kind_names[t.kind];
	}
}

uint32_t type_words(type t)
{
	if (t.kind == PK_SET)
		return (uint32_t)LP_BITWORDS(t.en ? t.en->members.len : 0);
	return 1;
}

uint32_t type_enum(type t)
{
	return t.en ? t.en->index : 0;
}

uint32_t type_members(type t)
{
	return t.en ? (uint32_t)t.en->members.len : 0;
}
