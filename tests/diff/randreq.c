/*
 * randreq.c — seeded random requests for an agreement, with values chosen
 * around every constant it mentions (each number, duration and date, one
 * below and one above), the members it names, its parties and the days of
 * its life: the requests the differential tests and the benchmarks share.
 */
#include <stdlib.h>
#include <string.h>

#include "randreq.h"

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
	pool_add(p, lp_sat_sub(v, 1));
	pool_add(p, v);
	pool_add(p, lp_sat_add(v, 1));
}


static void walk(randreq *R, const expr *e)
{
	if (!e)
		return;
	switch (e->kind) {
	case E_INT:
		pool_around(&R->pools[PK_INT], e->ival);
		break;
	case E_DUR:
		pool_around(&R->pools[e->ty.kind == PK_YEARS ? PK_YEARS : PK_DAYS], e->ival);
		break;
	case E_DATE:
		pool_around(&R->pools[PK_DATE], e->ival);
		break;
	case E_NAME:
		if (e->ref == REF_MEMBER)
			pool_add(&R->members[type_enum(e->ty)], e->member);
		break;
	default:
		break;
	}
	walk(R, e->a);
	walk(R, e->b);
	walk(R, e->c);
	for (uint32_t i = 0; i < e->nelem; i++)
		walk(R, e->elem[i]);
}

static void collect(randreq *R, const lw_program *c)
{
	const lw_scope *h = &c->scope;
	R->members = xcalloc(c->schema.nenums + 1, sizeof *R->members);
	R->nenums = c->schema.nenums;
	if (h->parties)
		for (uint32_t m = 0; m < h->party_words * 64; m++)
			if (lp_bit(h->parties, m))
				pool_add(&R->members[c->schema.fields[h->f_requesting].enum_index], m);
	for (uint32_t i = 0; i < c->ndefines; i++)
		walk(R, c->defines[i].value);
	for (uint32_t i = 0; i < c->ntables; i++)
		for (uint32_t j = 0; j < c->tables[i].nentries; j++)
			walk(R, c->tables[i].entries[j]);
	for (uint32_t i = 0; i < c->schema.nclauses; i++) {
		const lw_clause *cl = &c->clauses[i];
		if (cl->has_from)
			pool_around(&R->pools[PK_DATE], cl->from);
		if (cl->has_sunset)
			pool_around(&R->pools[PK_DATE], cl->sunset);
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
			const lw_rule *r = &c->rules[j];
			walk(R, r->when);
			walk(R, r->unless);
			walk(R, r->value);
		}
	}
	if (h->has_header) {
		if (h->has_effective)
			pool_around(&R->pools[PK_DATE], h->effective);
		if (h->has_expires)
			pool_around(&R->pools[PK_DATE], h->expires);
		/* and days well inside the agreement's life, several times, so
		 * that most requests get past step 0 */
		int64_t lo = h->has_effective ? h->effective : LP_DATE_MIN;
		int64_t hi = h->has_expires ? h->expires : lo + 3650;
		for (int i = 1; i < 16; i++)
			pool_add(&R->pools[PK_DATE], lo + (hi - lo) * i / 16);
	}
	for (int k = 0; k < PK__COUNT; k++) {
		pool_add(&R->pools[k], 0);
		pool_add(&R->pools[k], 1);
	}
	pool_add(&R->pools[PK_INT], INT64_MAX);
	pool_add(&R->pools[PK_INT], INT64_MIN);
	pool_add(&R->pools[PK_DATE], LP_DATE_MIN);
	pool_add(&R->pools[PK_DATE], LP_DATE_MAX);
}

static uint64_t next(randreq *R)
{
	/* splitmix64: seeded, the same sequence on every machine */
	uint64_t z = (R->rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void randreq_fill(randreq *R, uint64_t *req)
{
	const lp_schema *s = R->schema;
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		uint64_t *w = req + f->slot;
		uint32_t nm = f->kind == PK_ENUM || f->kind == PK_SET ? s->enums[f->enum_index].nmembers : 0;
		if (f->has_default && next(R) % 4 == 0) {
			memcpy(w, f->defval, f->nslots * sizeof *w);
			continue;
		}
		switch (f->kind) {
		case PK_BOOL:
			w[0] = next(R) & 1;
			break;
		case PK_ENUM: {
			pool *p = &R->members[f->enum_index];
			w[0] = p->n && next(R) % 8 ? (uint64_t)p->v[next(R) % p->n] : next(R) % nm;
			break;
		}
		case PK_SET: {
			int mode = (int)(next(R) % 8);
			memset(w, 0, f->nslots * sizeof *w);
			pool *p = &R->members[f->enum_index];
			if (mode == 7 || !p->n) {
				for (uint32_t m = 0; m < nm; m++)
					if (mode == 7 || next(R) % 16 < (uint64_t)mode)
						w[m / 64] |= (uint64_t)1 << (m % 64);
			} else {
				/* a few of the members the agreement names */
				for (int k = 0; k < mode; k++) {
					uint64_t m = (uint64_t)p->v[next(R) % p->n];
					w[m / 64] |= (uint64_t)1 << (m % 64);
				}
			}
			break;
		}
		default: {
			pool *p = &R->pools[f->kind];
			int64_t v = (int64_t)p->v[next(R) % p->n];
			if (f->kind == PK_DATE && (v < LP_DATE_MIN || v > LP_DATE_MAX))
				v = LP_DATE_MIN;
			w[0] = (uint64_t)v;
			break;
		}
		}
	}
}

randreq *randreq_new(const lw_program *c, uint64_t seed)
{
	randreq *R = xcalloc(1, sizeof *R);
	R->schema = &c->schema;
	R->rng = seed;
	collect(R, c);
	return R;
}

void randreq_free(randreq *R)
{
	if (!R)
		return;
	for (int k = 0; k < PK__COUNT; k++)
		free(R->pools[k].v);
	for (size_t k = 0; k < R->nenums; k++)
		free(R->members[k].v);
	free(R->members);
	free(R);
}

void randreq_show_request(const lp_schema *s, const uint64_t *req)
{
	lp_strbuf b = { 0 };
	lp_json_encode_request(s, req, &b);
	fprintf(stderr, "  request: %.*s\n", (int)b.len, b.data);
	lp_sb_free(&b);
}

void randreq_show_decision(const char *who, const lp_schema *s, const lp_decision_buf *d)
{
	lp_strbuf b = { 0 };
	lp_request_id id = { 0 };
	lp_json_encode_decision(s, d, &id, 1, &b);
	fprintf(stderr, "  %s: %.*s\n", who, (int)b.len, b.data);
	lp_sb_free(&b);
}

lw_program *randreq_compile(compilation *cm, const char *path)
{
	load_opts o = { 0 };
	o.stdlib_dir = getenv("PACTA_STDLIB") ? getenv("PACTA_STDLIB") : "stdlib";
	return compile_file(cm, &o, path, stderr);
}

void decision_pair_init(decision_pair *p, const lp_schema *s)
{
	p->size = lp_decision_size(s);
	p->ma = xcalloc(1, p->size);
	/* the fast entry's head word, then the block (module_abi.h) */
	p->mh = xcalloc(1, p->size + sizeof(uint64_t));
	p->mb = (uint64_t *)p->mh + 1;
	lp_decision_layout(s, &p->a, p->ma);
	lp_decision_layout(s, &p->b, p->mb);
	lp_block_layout l;
	lp_block_offsets(s, &l);
	p->oblig_from = l.oblig_set * sizeof(uint64_t);
	p->oblig_to = l.fast_end * sizeof(uint64_t);
	p->s = s;
	p->places = xcalloc(s->nfields + 1, sizeof *p->places);
	p->data = xcalloc(lp_request_places(s, p->places) / 8, sizeof *p->data);
}

void decision_pair_free(decision_pair *p)
{
	free(p->ma);
	free(p->mh);
	free(p->places);
	free(p->data);
}

int decision_pair_decide(decision_pair *p, evaluator *ev, const lp_module_desc *m, const uint64_t *req)
{
	eval_request(ev, req, &p->a);
	uint32_t want = p->a.outcome | (uint32_t)p->a.ground << 8;
	lp_pack(p->s, p->places, req, (uint8_t *)p->data);
	memset(p->mh, 0xa5, p->size + sizeof(uint64_t));
	const uint8_t *head = p->mh;
	/* 0 returned, the outcome and ground in the head's first two bytes,
	 * its other six left as they were */
	int32_t ret = m->decide(p->data, p->mh);
	uint32_t r = head[0] | (uint32_t)head[1] << 8;
	p->fast_differs = ret != 0 || r != want || memcmp(head + 2, "\xa5\xa5\xa5\xa5\xa5\xa5", 6) != 0 ||
	                  memcmp((char *)p->ma + p->oblig_from, (char *)p->mb + p->oblig_from,
	                         p->oblig_to - p->oblig_from) != 0;
	memset(p->mb, 0xa5, p->size);
	r = m->trace(p->data, p->mb);
	p->b.outcome = (uint8_t)(r & 0xff);
	p->b.ground = (uint8_t)(r >> 8);
	/* the words, then exempted_by where its clause is exempted (the
	 * only entries a module writes: module_abi.h) */
	int same = !p->fast_differs && r == want &&
	           memcmp(p->ma, p->mb, (size_t)((char *)p->a.exempted_by - (char *)p->ma)) == 0;
	for (uint32_t c = 0; same && c < p->s->nclauses; c++)
		same = !lp_bit(p->a.exempted, c) || p->a.exempted_by[c] == p->b.exempted_by[c];
	return same;
}
