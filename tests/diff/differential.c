/*
 * differential.c — the interpreter and a compiled module must decide alike.
 *
 *   differential AGREEMENT.pacta MODULE.so [COUNT] [SEED]
 *
 * Generates COUNT seeded random requests for the agreement's schema, with
 * values chosen around every constant the agreement mentions (each number,
 * duration and date, one below and one above), decides each with the
 * reference evaluator and with the module's decide function, and compares
 * the whole decisions: outcome, ground, grounds, fired rules, exemptions,
 * obligations with their values and sources.  The first difference is
 * printed with the request as JSON; the exit status is 1 on any difference.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "pactac.h"
#include "../runtime/module_abi.h"

typedef struct pool {
	int64_t *v;
	size_t n, cap;
} pool;

static void pool_add(pool *p, int64_t v)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n++] = v;
}

static void pool_around(pool *p, int64_t v)
{
	pool_add(p, pacta_sat_sub(v, 1));
	pool_add(p, v);
	pool_add(p, pacta_sat_add(v, 1));
}

/* constants by kind: PK_INT, PK_DAYS, PK_YEARS, PK_DATE */
static pool pools[PK__COUNT];
/* enum members the agreement names, per enum */
static pool *members;

static void walk(const expr *e)
{
	if (!e)
		return;
	switch (e->kind) {
	case E_INT:
		pool_around(&pools[PK_INT], e->ival);
		break;
	case E_DUR:
		pool_around(&pools[e->ty.kind == PK_YEARS ? PK_YEARS : PK_DAYS], e->ival);
		break;
	case E_DATE:
		pool_around(&pools[PK_DATE], e->ival);
		break;
	case E_NAME:
		if (e->ref == REF_MEMBER)
			pool_add(&members[e->ty.en->index], e->member);
		break;
	default:
		break;
	}
	walk(e->a);
	walk(e->b);
	walk(e->c);
	for (size_t i = 0; i < e->elems.len; i++)
		walk(e->elems.items[i]);
}

static void collect(const checked *c)
{
	members = xcalloc(c->enums.len + 1, sizeof *members);
	if (c->parties)
		for (uint32_t m = 0; m < c->party_words * 64; m++)
			if (pacta_bit(c->parties, m))
				pool_add(&members[c->f_requesting->ty.en->index], m);
	for (size_t i = 0; i < c->defines.len; i++)
		walk(((decl *)c->defines.items[i])->value);
	for (size_t i = 0; i < c->tables.len; i++) {
		const decl *t = c->tables.items[i];
		for (size_t j = 0; j < t->entries.len; j++)
			walk(((binding *)t->entries.items[j])->value);
	}
	for (size_t i = 0; i < c->clauses.len; i++) {
		const decl *cl = c->clauses.items[i];
		if (cl->has_from)
			pool_around(&pools[PK_DATE], cl->from);
		if (cl->has_sunset)
			pool_around(&pools[PK_DATE], cl->sunset);
		for (size_t j = 0; j < cl->rules.len; j++) {
			const rule *r = cl->rules.items[j];
			walk(r->when);
			walk(r->unless);
			walk(r->value);
		}
	}
	if (c->agreement) {
		const header *h = &c->agreement->hdr;
		if (h->has_effective)
			pool_around(&pools[PK_DATE], h->effective);
		if (h->has_expires)
			pool_around(&pools[PK_DATE], h->expires);
		/* and days well inside the agreement's life, several times, so
		 * that most requests get past step 0 */
		int64_t lo = h->has_effective ? h->effective : PACTA_DATE_MIN;
		int64_t hi = h->has_expires ? h->expires : lo + 3650;
		for (int i = 1; i < 16; i++)
			pool_add(&pools[PK_DATE], lo + (hi - lo) * i / 16);
	}
	for (int k = 0; k < PK__COUNT; k++) {
		pool_add(&pools[k], 0);
		pool_add(&pools[k], 1);
	}
	pool_add(&pools[PK_INT], INT64_MAX);
	pool_add(&pools[PK_INT], INT64_MIN);
	pool_add(&pools[PK_DATE], PACTA_DATE_MIN);
	pool_add(&pools[PK_DATE], PACTA_DATE_MAX);
}

static uint64_t rng;

static uint64_t next(void)
{
	/* splitmix64: seeded, the same sequence on every machine */
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void random_request(const pacta_schema *s, uint64_t *req)
{
	for (uint32_t i = 0; i < s->nfields; i++) {
		const pacta_field_desc *f = &s->fields[i];
		uint64_t *w = req + f->slot;
		uint32_t nm = f->kind == PK_ENUM || f->kind == PK_SET ? s->enums[f->enum_index].nmembers : 0;
		if (f->has_default && next() % 4 == 0) {
			memcpy(w, f->defval, f->nslots * sizeof *w);
			continue;
		}
		switch (f->kind) {
		case PK_BOOL:
			w[0] = next() & 1;
			break;
		case PK_ENUM: {
			pool *p = &members[f->enum_index];
			w[0] = p->n && next() % 8 ? (uint64_t)p->v[next() % p->n] : next() % nm;
			break;
		}
		case PK_SET: {
			int mode = (int)(next() % 8);
			memset(w, 0, f->nslots * sizeof *w);
			pool *p = &members[f->enum_index];
			if (mode == 7 || !p->n) {
				for (uint32_t m = 0; m < nm; m++)
					if (mode == 7 || next() % 16 < (uint64_t)mode)
						w[m / 64] |= (uint64_t)1 << (m % 64);
			} else {
				/* a few of the members the agreement names */
				for (int k = 0; k < mode; k++) {
					uint64_t m = (uint64_t)p->v[next() % p->n];
					w[m / 64] |= (uint64_t)1 << (m % 64);
				}
			}
			break;
		}
		default: {
			pool *p = &pools[f->kind];
			int64_t v = (int64_t)p->v[next() % p->n];
			if (f->kind == PK_DATE && (v < PACTA_DATE_MIN || v > PACTA_DATE_MAX))
				v = PACTA_DATE_MIN;
			w[0] = (uint64_t)v;
			break;
		}
		}
	}
}

static void print_request(const pacta_schema *s, const uint64_t *req)
{
	pacta_strbuf b = { 0 };
	pacta_sb_puts(&b, "{");
	for (uint32_t i = 0; i < s->nfields; i++) {
		const pacta_field_desc *f = &s->fields[i];
		pacta_sb_printf(&b, "%s\"%s\": ", i ? ", " : "", f->name);
		pacta_json_encode_value(s, f->kind, f->enum_index, req + f->slot, &b);
	}
	pacta_sb_puts(&b, "}");
	fprintf(stderr, "  request: %.*s\n", (int)b.len, b.data);
	pacta_sb_free(&b);
}

static void print_decision(const char *who, const pacta_schema *s, const pacta_decision_buf *d)
{
	pacta_strbuf b = { 0 };
	pacta_request_id id = { 0 };
	pacta_json_encode_decision(s, d, &id, 1, &b);
	fprintf(stderr, "  %s: %.*s\n", who, (int)b.len, b.data);
	pacta_sb_free(&b);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: differential AGREEMENT.pacta MODULE.so [COUNT] [SEED]\n");
		return 2;
	}
	long count = argc > 3 ? atol(argv[3]) : 100000;
	rng = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
	arena *ar = arena_new();
	diag dg;
	diag_init(&dg, stderr);
	program p = { 0 };
	p.ar = ar;
	p.names = intern_new(ar);
	p.dg = &dg;
	load_opts o = { 0 };
	o.stdlib_dir = getenv("PACTA_STDLIB") ? getenv("PACTA_STDLIB") : "stdlib";
	load_program(&p, &o, argv[1]);
	checked *c = dg.errors ? NULL : check_program(&p);
	if (!c || dg.errors)
		return 1;
	const pacta_schema *s = &c->schema;
	void *h = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "differential: %s\n", dlerror());
		return 1;
	}
	const pacta_module_desc *m = dlsym(h, PACTA_MODULE_SYMBOL);
	if (!m || m->magic != PACTA_MODULE_MAGIC || m->abi_version != PACTA_ABI_VERSION ||
	    m->schema.nslots != s->nslots || m->schema.nclauses != s->nclauses ||
	    m->schema.nrules != s->nrules || m->schema.noblig_slots != s->noblig_slots) {
		fprintf(stderr, "differential: %s is not a module of %s\n", argv[2], argv[1]);
		return 1;
	}
	collect(c);
	size_t size = pacta_decision_size(s);
	void *ma = xcalloc(1, size), *mb = xcalloc(1, size);
	pacta_decision_buf da, db;
	pacta_decision_layout(s, &da, ma);
	pacta_decision_layout(s, &db, mb);
	uint64_t *req = xcalloc(s->nslots + 1, sizeof *req);
	evaluator *ev = eval_new(c);
	long diffs = 0, seen[PO__COUNT] = { 0 };
	for (long i = 0; i < count; i++) {
		random_request(s, req);
		eval_request(ev, req, &da);
		pacta_decision_clear(s, &db);
		uint32_t r = m->decide(req, mb);
		db.outcome = (uint8_t)(r & 0xff);
		db.ground = (uint8_t)(r >> 8);
		seen[da.outcome]++;
		if (da.outcome == db.outcome && da.ground == db.ground && memcmp(ma, mb, size) == 0)
			continue;
		if (diffs++ == 0) {
			fprintf(stderr, "differential: %s: request %ld decided differently\n", argv[1], i);
			print_request(s, req);
			print_decision("interpreter", s, &da);
			print_decision("module     ", s, &db);
		}
	}
	printf("differential %s: %ld requests (grant %ld, refer %ld, refuse %ld), %ld differ\n",
	       argv[1], count, seen[PO_GRANT], seen[PO_REFER], seen[PO_REFUSE], diffs);
	eval_free(ev);
	free(req);
	free(ma);
	free(mb);
	dlclose(h);
	for (int k = 0; k < PK__COUNT; k++)
		free(pools[k].v);
	for (size_t k = 0; k < c->enums.len; k++)
		free(members[k].v);
	free(members);
	program_release(&p);
	intern_free(p.names);
	arena_free(ar);
	return diffs ? 1 : 0;
}
