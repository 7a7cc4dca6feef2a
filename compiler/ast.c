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
