/*
 * lower.c — the checked program as one flat, backend-neutral program.
 *
 * Pipeline: load -> check -> **lower** -> eval | codegen | smt, and doc,
 * diff and the test runner.  Everything the backends share is decided
 * here, once: the runtime schema (request slots, obligations that some
 * rule imposes, clauses, rules), step 0's scope, each clause's window and
 * rule range, each rule's exempted clauses as indices, the exemption
 * order, and every constant folded — field defaults, defines and table
 * rows that read no request field, fixtures and tests as requests.  Rule
 * indexing (which rules a native module decides under a switch on an enum
 * field) is chosen here too, so that it is one decision of the program,
 * not of a backend.
 *
 * Expressions are not lowered: they stay the checker's typed AST, and each
 * backend walks them (C values, LLVM IR, Z3 terms).  The checker left the
 * index of every field, define and table an expression names in
 * expr.index, so a backend finds them in this program's arrays.
 *
 * The folder below evaluates constant expressions the way eval.c
 * evaluates any expression (saturating + and -, dates clamped to the
 * calendar); the differential and conformance suites hold the two
 * together.
 */
#include <stdlib.h>
#include <string.h>

#include "pactac.h"

/* ---- the constant folder ---- */

/* While lowering, defines and tables are folded on first use (they may
 * name each other, never in a cycle); afterwards every constant one has
 * its words. */
typedef struct folder {
	lw_program *lw;
	uint8_t *define_state;      /* 0 not yet, 1 folding, 2 done */
	uint8_t *table_state;
} folder;

static void fold_value(folder *f, const expr *e, uint64_t *out);

static int64_t fold_scalar(folder *f, const expr *e)
{
	uint64_t w;
	fold_value(f, e, &w);
	return (int64_t)w;
}

static const uint64_t *fold_define(folder *f, uint32_t i)
{
	lw_define *d = (lw_define *)&f->lw->defines[i];
	if (f && f->define_state && f->define_state[i] == 0) {
		f->define_state[i] = 1;
		uint64_t *w = arena_alloc(f->lw->ar, type_words(d->ty) * sizeof *w);
		fold_value(f, d->value, w);
		d->folded = w;
		f->define_state[i] = 2;
	}
	if (!d->folded) {
		fputs("pacta: internal error: a define that reads the request folded as a constant\n", stderr);
		abort();
	}
	return d->folded;
}

static const uint64_t *fold_row(folder *f, uint32_t t, int64_t key)
{
	lw_table *tb = (lw_table *)&f->lw->tables[t];
	uint32_t n = type_words(tb->ty);
	if (f->table_state && f->table_state[t] == 0) {
		f->table_state[t] = 1;
		uint64_t *rows = arena_alloc(f->lw->ar, ((size_t)tb->nkeys * n + 1) * sizeof *rows);
		for (uint32_t k = 0; k < tb->nkeys; k++)
			fold_value(f, tb->by_key[k], rows + (size_t)k * n);
		tb->rows = rows;
		f->table_state[t] = 2;
	}
	if (!tb->rows || key < 0 || (uint64_t)key >= tb->nkeys) {
		fputs("pacta: internal error: a table that reads the request folded as a constant\n", stderr);
		abort();
	}
	return tb->rows + (size_t)key * n;
}

static int64_t clamp_date(int64_t r)
{
	return r < LP_DATE_MIN ? LP_DATE_MIN : r > LP_DATE_MAX ? LP_DATE_MAX : r;
}

/* Writes type_words(e->ty) words of e's value into out. */
static void fold_value(folder *f, const expr *e, uint64_t *out)
{
	uint32_t n = type_words(e->ty);
	uint32_t na = e->a ? type_words(e->a->ty) : 0;
	switch (e->kind) {
	case E_INT:
	case E_DUR:
	case E_DATE:
	case E_BOOL:
		out[0] = (uint64_t)e->ival;
		return;
	case E_NAME:
		if (e->ref == REF_MEMBER) {
			out[0] = e->member;
		} else if (e->ref == REF_DEFINE) {
			memcpy(out, fold_define(f, e->index), n * sizeof *out);
		} else {
			fputs("pacta: internal error: a request field folded as a constant\n", stderr);
			abort();
		}
		return;
	case E_SET:
		memset(out, 0, n * sizeof *out);
		for (uint32_t i = 0; i < e->nelem; i++)
			lp_bit_set(out, (size_t)fold_scalar(f, e->elem[i]));
		return;
	case E_LOOKUP:
		memcpy(out, fold_row(f, e->index, fold_scalar(f, e->a)), n * sizeof *out);
		return;
	case E_NOT:
		out[0] = !fold_scalar(f, e->a);
		return;
	case E_AND:
		out[0] = fold_scalar(f, e->a) && fold_scalar(f, e->b);
		return;
	case E_OR:
		out[0] = fold_scalar(f, e->a) || fold_scalar(f, e->b);
		return;
	case E_IMPLIES:
		out[0] = !fold_scalar(f, e->a) || fold_scalar(f, e->b);
		return;
	case E_IF:
		fold_value(f, fold_scalar(f, e->a) ? e->b : e->c, out);
		return;
	case E_LT:
		out[0] = fold_scalar(f, e->a) < fold_scalar(f, e->b);
		return;
	case E_LE:
		out[0] = fold_scalar(f, e->a) <= fold_scalar(f, e->b);
		return;
	case E_GT:
		out[0] = fold_scalar(f, e->a) > fold_scalar(f, e->b);
		return;
	case E_GE:
		out[0] = fold_scalar(f, e->a) >= fold_scalar(f, e->b);
		return;
	default:
		break;
	}
	/* the operators on sets, and + and - */
	uint64_t *x = xcalloc(2 * (size_t)(na > n ? na : n) + 2, sizeof *x);
	uint64_t *y = x + (na > n ? na : n) + 1;
	switch (e->kind) {
	case E_EQ:
	case E_NE:
	case E_OVERLAPS:
	case E_WITHIN: {
		fold_value(f, e->a, x);
		fold_value(f, e->b, y);
		int eq = 1, any = 0, within = 1;
		for (uint32_t i = 0; i < na; i++) {
			eq &= x[i] == y[i];
			any |= (x[i] & y[i]) != 0;
			within &= (x[i] & ~y[i]) == 0;
		}
		out[0] = (uint64_t)(e->kind == E_EQ ? eq : e->kind == E_NE ? !eq
		                    : e->kind == E_OVERLAPS ? any : within);
		break;
	}
	case E_IN:
	case E_NOTIN: {
		int64_t m = fold_scalar(f, e->a);
		fold_value(f, e->b, y);
		int r = lp_bit(y, (size_t)m);
		out[0] = (uint64_t)(e->kind == E_IN ? r : !r);
		break;
	}
	case E_UNION:
	case E_INTER:
	case E_ADD:
	case E_SUB:
		if (e->ty.kind == PK_SET) {
			fold_value(f, e->a, x);
			fold_value(f, e->b, y);
			for (uint32_t i = 0; i < n; i++)
				out[i] = e->kind == E_UNION ? x[i] | y[i]
				       : e->kind == E_INTER ? x[i] & y[i] : x[i] & ~y[i];
		} else {
			int64_t a = fold_scalar(f, e->a), b = fold_scalar(f, e->b);
			int64_t r = e->kind == E_ADD ? lp_sat_add(a, b) : lp_sat_sub(a, b);
			out[0] = (uint64_t)(e->ty.kind == PK_DATE ? clamp_date(r) : r);
		}
		break;
	default:
		memset(out, 0, n * sizeof *out);
		break;
	}
	free(x);
}

void lower_fold(const lw_program *lw, const expr *e, uint64_t *out)
{
	folder f = { (lw_program *)lw, NULL, NULL };
	fold_value(&f, e, out);
}

/* ---- the schema ---- */

static void lower_schema(lw_program *lw, const checked *c)
{
	lp_schema *s = &lw->schema;
	arena *a = lw->ar;
	const decl *ag = c->agreement;
	s->title = ag ? ag->title : "";
	s->version = ag && ag->hdr.version ? ag->hdr.version : "";
	s->default_outcome = ag ? ag->hdr.default_outcome : PO_REFUSE;
	s->default_reason = ag ? ag->hdr.default_reason : NULL;
	s->text = ag ? ag->hdr.text : NULL;
	s->party_enum = c->parties ? type_enum(c->f_requesting->ty) : UINT32_MAX;
	if (c->parties) {   /* header order: member indices of the parties' enum */
		const decl *en = c->f_requesting->ty.en;
		uint32_t *ps = arena_alloc(a, (ag->hdr.parties.len + 1) * sizeof *ps);
		for (size_t i = 0; i < ag->hdr.parties.len; i++) {
			const char *name = ((const binding *)ag->hdr.parties.items[i])->name;
			for (size_t j = 0; j < en->members.len; j++)
				if (((const binding *)en->members.items[j])->name == name)
					ps[s->nparties++] = (uint32_t)j;
		}
		s->parties = ps;
	}
	if (ag) {
		s->has_effective = (uint8_t)ag->hdr.has_effective;
		s->has_expires = (uint8_t)ag->hdr.has_expires;
		s->effective = ag->hdr.effective;
		s->expires = ag->hdr.expires;
	}

	s->nenums = (uint32_t)c->enums.len;
	lp_enum_desc *ens = arena_alloc(a, (c->enums.len + 1) * sizeof *ens);
	lw_enum *les = arena_alloc(a, (c->enums.len + 1) * sizeof *les);
	for (size_t i = 0; i < c->enums.len; i++) {
		const decl *d = c->enums.items[i];
		const char **names = arena_alloc(a, (d->members.len + 1) * sizeof(char *));
		for (size_t j = 0; j < d->members.len; j++)
			names[j] = ((const binding *)d->members.items[j])->name;
		ens[i].name = d->name;
		ens[i].nmembers = (uint32_t)d->members.len;
		ens[i].members = names;
		les[i].name = d->name;
		les[i].name_at = d->name_at;
		les[i].nmembers = (uint32_t)d->members.len;
	}
	s->enums = ens;
	lw->enums = les;

	s->nfields = (uint32_t)c->fields.len;
	lp_field_desc *fs = arena_alloc(a, (c->fields.len + 1) * sizeof *fs);
	lw_field *lfs = arena_alloc(a, (c->fields.len + 1) * sizeof *lfs);
	uint32_t slot = 0;
	for (size_t i = 0; i < c->fields.len; i++) {
		const decl *d = c->fields.items[i];
		fs[i].name = d->name;
		fs[i].kind = d->ty.kind;
		fs[i].enum_index = d->ty.en ? type_enum(d->ty) : 0;
		fs[i].slot = slot;
		fs[i].nslots = type_words(d->ty);
		slot += fs[i].nslots;
		lfs[i].at = d->at;
		lfs[i].ty = d->ty;
		lfs[i].value = d->value;
	}
	s->fields = fs;
	s->nslots = slot;
	lw->fields = lfs;

	/* Only obligations that some rule can impose enter the decision: the
	 * standard library declares dozens, an agreement imposes a few, and
	 * every one in the schema costs each decision its words.  The others
	 * get no index (a test expecting one finds it missing). */
	uint8_t *used = arena_alloc(a, c->obligs.len + 1);
	for (size_t i = 0; i < c->rules.len; i++) {
		const rule *r = c->rules.items[i];
		if (r->action == PA_OBLIGE && r->oblig_decl)
			used[r->oblig_decl->index] = 1;
	}
	lp_oblig_desc *os = arena_alloc(a, (c->obligs.len + 1) * sizeof *os);
	lw_oblig *los = arena_alloc(a, (c->obligs.len + 1) * sizeof *los);
	uint32_t no = 0;
	slot = 0;
	for (size_t i = 0; i < c->obligs.len; i++) {
		const decl *d = c->obligs.items[i];
		los[i].name = d->name;
		los[i].name_at = d->name_at;
		los[i].ty = d->ty;
		los[i].combine = d->combine;
		los[i].on = d->on_mask;
		los[i].bearer = d->bearer;
		los[i].description = d->description;
		los[i].schema = LW_NONE;
		if (!used[i])
			continue;
		los[i].schema = no;
		os[no].name = d->name;
		os[no].combine = d->combine;
		os[no].on = d->on_mask;
		os[no].bearer = d->bearer;
		os[no].description = d->description;
		os[no].kind = d->ty.kind;
		os[no].enum_index = d->ty.en ? type_enum(d->ty) : 0;
		os[no].slot = slot;
		os[no].nslots = d->combine == PC_FLAG ? 0 : type_words(d->ty);
		slot += os[no].nslots;
		no++;
	}
	s->noblig = no;
	s->obligs = os;
	s->noblig_slots = slot;
	lw->obligs = los;
	lw->nobligs = (uint32_t)c->obligs.len;

	s->nclauses = (uint32_t)c->clauses.len;
	lp_clause_desc *cs = arena_alloc(a, (c->clauses.len + 1) * sizeof *cs);
	for (size_t i = 0; i < c->clauses.len; i++) {
		const decl *d = c->clauses.items[i];
		uint32_t line, col;
		span_linecol(d->at, &line, &col);
		cs[i].label = d->name;
		cs[i].title = d->title;
		cs[i].article = d->article ? d->article->name : NULL;
		cs[i].article_title = d->article ? d->article->title : NULL;
		cs[i].article_text = d->article ? d->article->text : d->text;
		cs[i].kind = d->clause_kind;
		cs[i].owner = d->clause_kind == CK_CLAUSE ? UINT32_MAX : d->owner_index;
		cs[i].file = d->at.file->path;
		cs[i].line = line;
	}
	s->clauses = cs;

	s->nrules = (uint32_t)c->rules.len;
	lp_rule_desc *rs = arena_alloc(a, (c->rules.len + 1) * sizeof *rs);
	for (size_t i = 0; i < c->clauses.len; i++) {
		const decl *d = c->clauses.items[i];
		for (size_t j = 0; j < d->rules.len; j++) {
			const rule *r = d->rules.items[j];
			uint32_t line, col;
			span_linecol(r->at, &line, &col);
			rs[r->index].clause = (uint32_t)i;
			rs[r->index].action = r->action;
			rs[r->index].oblig = r->oblig_decl ? los[r->oblig_decl->index].schema : 0;
			rs[r->index].reason = r->reason;
			rs[r->index].line = line;
		}
	}
	s->rules = rs;
}

/* ---- scope, declarations, clauses and rules ---- */

static void lower_scope(lw_program *lw, const checked *c)
{
	lw_scope *sc = &lw->scope;
	const decl *ag = c->agreement;
	sc->f_requesting = c->f_requesting ? c->f_requesting->index : LW_NONE;
	sc->f_requested = c->f_requested ? c->f_requested->index : LW_NONE;
	sc->f_submitted = c->f_submitted ? c->f_submitted->index : LW_NONE;
	if (!ag)
		return;
	sc->has_header = 1;
	sc->title = ag->title;
	sc->version = ag->hdr.version;
	sc->text = ag->hdr.text;
	sc->default_reason = ag->hdr.default_reason;
	sc->at = ag->at;
	sc->parties = c->parties;
	sc->party_words = c->party_words;
	const char **names = arena_alloc(lw->ar, (ag->hdr.parties.len + 1) * sizeof *names);
	for (size_t i = 0; i < ag->hdr.parties.len; i++)
		names[i] = ((const binding *)ag->hdr.parties.items[i])->name;
	sc->party_names = names;
	sc->nparty_names = (uint32_t)ag->hdr.parties.len;
	sc->has_effective = ag->hdr.has_effective;
	sc->has_expires = ag->hdr.has_expires;
	sc->has_default = ag->hdr.has_default;
	sc->effective = ag->hdr.effective;
	sc->expires = ag->hdr.expires;
	const char **sum = arena_alloc(lw->ar, (ag->hdr.summary.len + 1) * sizeof *sum);
	for (size_t i = 0; i < ag->hdr.summary.len; i++)
		sum[i] = ((const binding *)ag->hdr.summary.items[i])->name;
	sc->summary = sum;
	sc->nsummary = (uint32_t)ag->hdr.summary.len;
}

static void lower_items(lw_program *lw, const checked *c)
{
	const program *p = c->p;
	lw_item *it = arena_alloc(lw->ar, (p->decls.len + 1) * sizeof *it);
	for (size_t i = 0; i < p->decls.len; i++) {
		const decl *d = p->decls.items[i];
		it[i].kind = d->kind;
		it[i].name = d->name;
		it[i].title = d->title;
		it[i].at = d->at;
		it[i].name_at = d->name_at;
		it[i].index = LW_NONE;
		switch (d->kind) {
		case D_ENUM: case D_DEFINE: case D_TABLE: case D_CLAUSE: case D_ARTICLE:
			it[i].index = d->index;
			break;
		default:
			break;
		}
	}
	lw->items = it;
	lw->nitems = (uint32_t)p->decls.len;

	lw_define *ds = arena_alloc(lw->ar, (c->defines.len + 1) * sizeof *ds);
	for (size_t i = 0; i < c->defines.len; i++) {
		const decl *d = c->defines.items[i];
		ds[i].name = d->name;
		ds[i].name_at = d->name_at;
		ds[i].file = d->at.file->id;
		ds[i].ty = d->ty;
		ds[i].value = d->value;
		ds[i].uses_fields = d->uses_fields;
	}
	lw->defines = ds;
	lw->ndefines = (uint32_t)c->defines.len;

	lw_table *ts = arena_alloc(lw->ar, (c->tables.len + 1) * sizeof *ts);
	for (size_t i = 0; i < c->tables.len; i++) {
		const decl *d = c->tables.items[i];
		ts[i].name = d->name;
		ts[i].name_at = d->name_at;
		ts[i].file = d->at.file->id;
		ts[i].key = d->key;
		ts[i].ty = d->ty;
		ts[i].nkeys = type_members(d->key);
		ts[i].by_key = (const expr *const *)d->table_by_key;
		const expr **en = arena_alloc(lw->ar, (d->entries.len + 1) * sizeof *en);
		for (size_t j = 0; j < d->entries.len; j++)
			en[j] = ((const binding *)d->entries.items[j])->value;
		ts[i].entries = en;
		ts[i].nentries = (uint32_t)d->entries.len;
		ts[i].uses_fields = d->uses_fields;
	}
	lw->tables = ts;
	lw->ntables = (uint32_t)c->tables.len;

	lw_article *as = arena_alloc(lw->ar, (c->articles.len + 1) * sizeof *as);
	for (size_t i = 0; i < c->articles.len; i++) {
		const decl *d = c->articles.items[i];
		as[i].label = d->name;
		as[i].title = d->title;
		as[i].text = d->text;
		as[i].at = d->at;
		as[i].name_at = d->name_at;
		as[i].file = d->at.file->id;
	}
	lw->articles = as;
	lw->narticles = (uint32_t)c->articles.len;
}

static void lower_clauses(lw_program *lw, const checked *c)
{
	size_t nc = c->clauses.len;
	lw_clause *cl = arena_alloc(lw->ar, (nc + 1) * sizeof *cl);
	lw_rule *rs = arena_alloc(lw->ar, (c->rules.len + 1) * sizeof *rs);
	for (size_t i = 0; i < nc; i++) {
		const decl *d = c->clauses.items[i];
		cl[i].label = d->name;
		cl[i].title = d->title;
		cl[i].at = d->at;
		cl[i].name_at = d->name_at;
		cl[i].file = d->at.file->id;
		cl[i].line = lw->schema.clauses[i].line;
		cl[i].article = d->article ? d->article->index : LW_NONE;
		cl[i].kind = d->clause_kind;
		cl[i].owner = d->clause_kind == CK_CLAUSE ? LW_NONE : d->owner_index;
		cl[i].text = d->clause_kind == CK_CLAUSE ? NULL : d->text;
		cl[i].has_from = d->has_from;
		cl[i].has_sunset = d->has_sunset;
		cl[i].from = d->from;
		cl[i].sunset = d->sunset;
		cl[i].rule0 = d->rules.len ? ((const rule *)d->rules.items[0])->index : 0;
		cl[i].nrules = (uint32_t)d->rules.len;
		for (size_t j = 0; j < d->rules.len; j++) {
			const rule *r = d->rules.items[j];
			lw_rule *lr = &rs[r->index];
			lr->action = r->action;
			lr->clause = (uint32_t)i;
			lr->at = r->at;
			lr->when = r->when;
			lr->unless = r->unless;
			lr->value = r->value;
			lr->oblig = r->action == PA_OBLIGE ? lw->schema.rules[r->index].oblig : LW_NONE;
			lr->oblig_at = r->oblig_at;
			lr->reason = r->reason;
			lr->key_field = LW_NONE;
			if (r->action != PA_EXEMPTS)
				continue;
			uint32_t *t = arena_alloc(lw->ar, (r->labels.len + 1) * sizeof *t);
			span *at = arena_alloc(lw->ar, (r->labels.len + 1) * sizeof *at);
			for (size_t m = 0; m < r->labels.len; m++) {
				const label_ref *l = r->labels.items[m];
				t[m] = l->clause->index;
				at[m] = l->at;
			}
			lr->exempts = t;
			lr->exempts_at = at;
			lr->nexempts = (uint32_t)r->labels.len;
		}
	}
	lw->clauses = cl;
	lw->rules = rs;
	lw->order = c->order;
}

/* ---- rule indexing ----
 *
 * A large agreement has many rules that can only fire for one or a few
 * values of an enum field (`offence = fraud and ...`, `assistance in
 * {interception, real_time_traffic} and ...`).  Such rules, when they
 * neither exempt nor can be exempted (so that the order they are decided
 * in does not matter), can be decided under a switch on that field: a
 * request pays for the rules its values can fire, not for all of them.
 * A field is chosen when at least PACTA_INDEX_MIN rules (default 16) can
 * be keyed on it; below that the rules stay in line.  The decisions are
 * the same either way (the differential tests run with PACTA_INDEX_MIN=1
 * too). */

/* One conjunct of a rule that keys it: `field` in `members`. */
typedef struct rkey {
	uint32_t field;
	uint64_t *members;          /* bits over the field's enum */
} rkey;

static int member_name(const expr *e)
{
	return e->kind == E_NAME && e->ref == REF_MEMBER;
}

static int enum_field(const expr *e)
{
	return e->kind == E_NAME && e->ref == REF_FIELD && e->ty.kind == PK_ENUM;
}

/* The keying conjuncts of `e` (an `and` tree), appended to keys[*n]. */
static void rule_keys(arena *a, const expr *e, rkey *keys, size_t *n, size_t cap)
{
	if (!e || *n == cap)
		return;
	if (e->kind == E_AND) {
		rule_keys(a, e->a, keys, n, cap);
		rule_keys(a, e->b, keys, n, cap);
		return;
	}
	const expr *f = NULL, *one = NULL, *set = NULL;
	if (e->kind == E_EQ && enum_field(e->a) && member_name(e->b)) {
		f = e->a;
		one = e->b;
	} else if (e->kind == E_EQ && enum_field(e->b) && member_name(e->a)) {
		f = e->b;
		one = e->a;
	} else if (e->kind == E_IN && enum_field(e->a) && e->b->kind == E_SET) {
		for (uint32_t i = 0; i < e->b->nelem; i++)
			if (!member_name(e->b->elem[i]))
				return;
		f = e->a;
		set = e->b;
	}
	if (!f)
		return;
	rkey *k = &keys[(*n)++];
	size_t nw = LP_BITWORDS(type_members(f->ty));
	k->field = f->index;
	k->members = arena_alloc(a, (nw ? nw : 1) * sizeof *k->members);
	if (one)
		lp_bit_set(k->members, one->member);
	for (uint32_t i = 0; set && i < set->nelem; i++)
		lp_bit_set(k->members, set->elem[i]->member);
}

#define MAX_KEYS 8

static void choose_index(lw_program *lw)
{
	const lp_schema *s = &lw->schema;
	size_t nr = s->nrules, nc = s->nclauses;
	long min = env_limit("PACTA_INDEX_MIN", 16, 1, 1000000000);
	uint8_t *exemptable = xcalloc(nc + 1, 1);
	for (size_t r = 0; r < nr; r++)
		for (uint32_t m = 0; m < lw->rules[r].nexempts; m++)
			exemptable[lw->rules[r].exempts[m]] = 1;
	rkey *keys = xcalloc(MAX_KEYS * (nr + 1), sizeof *keys);
	size_t *nkeys = xcalloc(nr + 1, sizeof *nkeys);
	uint32_t *count = xcalloc(s->nfields + 1, sizeof *count);
	for (size_t r = 0; r < nr; r++) {
		const lw_rule *ru = &lw->rules[r];
		if (ru->action == PA_EXEMPTS || exemptable[ru->clause])
			continue;
		rule_keys(lw->ar, ru->when, keys + MAX_KEYS * r, &nkeys[r], MAX_KEYS);
		for (size_t k = 0; k < nkeys[r]; k++)
			count[keys[MAX_KEYS * r + k].field]++;
	}
	for (size_t r = 0; r < nr; r++) {
		const rkey *best = NULL;
		for (size_t k = 0; k < nkeys[r]; k++) {
			const rkey *kk = &keys[MAX_KEYS * r + k];
			if (count[kk->field] >= (uint32_t)min &&
			    (!best || count[kk->field] > count[best->field]))
				best = kk;
		}
		if (best) {
			lw_rule *ru = (lw_rule *)&lw->rules[r];
			ru->key_field = best->field;
			ru->key_members = best->members;
		}
	}
	free(count);
	free(nkeys);
	free(keys);
	free(exemptable);
}

/* ---- fixtures and tests ---- */

static const lw_given *lower_given(lw_program *lw, const vec *v)
{
	lw_given *g = arena_alloc(lw->ar, (v->len + 1) * sizeof *g);
	for (size_t i = 0; i < v->len; i++) {
		const binding *b = v->items[i];
		g[i].name = b->name;
		g[i].at = b->at;
		g[i].value = b->value;
	}
	return g;
}

/* Applies a `given` list onto a request: fixtures by name, recursively
 * (the checker refused cycles), then values in the order written. */
static void apply_given(folder *f, const lw_given *g, uint32_t n, uint64_t *req, int depth)
{
	lw_program *lw = f->lw;
	for (uint32_t i = 0; i < n && depth < 64; i++) {
		if (!g[i].value) {
			for (uint32_t j = 0; j < lw->nfixtures; j++)
				if (lw->fixtures[j].name == g[i].name)
					apply_given(f, lw->fixtures[j].given, lw->fixtures[j].ngiven, req, depth + 1);
			continue;
		}
		for (uint32_t k = 0; k < lw->schema.nfields; k++)
			if (lw->schema.fields[k].name == g[i].name) {
				fold_value(f, g[i].value, req + lw->schema.fields[k].slot);
				break;
			}
	}
}

static void lower_tests(folder *f, const checked *c)
{
	lw_program *lw = f->lw;
	const lp_schema *s = &lw->schema;
	lw_fixture *fx = arena_alloc(lw->ar, (c->fixtures.len + 1) * sizeof *fx);
	for (size_t i = 0; i < c->fixtures.len; i++) {
		const decl *d = c->fixtures.items[i];
		fx[i].name = d->name;
		fx[i].at = d->at;
		fx[i].name_at = d->name_at;
		fx[i].given = lower_given(lw, &d->given);
		fx[i].ngiven = (uint32_t)d->given.len;
	}
	lw->fixtures = fx;
	lw->nfixtures = (uint32_t)c->fixtures.len;

	lw_test *ts = arena_alloc(lw->ar, (c->tests.len + 1) * sizeof *ts);
	for (size_t i = 0; i < c->tests.len; i++) {
		const decl *d = c->tests.items[i];
		lw_test *t = &ts[i];
		t->name = d->name;
		t->at = d->at;
		t->name_at = d->name_at;
		t->expect_at = d->expect_at;
		t->file = d->at.file->id;
		t->given = lower_given(lw, &d->given);
		t->ngiven = (uint32_t)d->given.len;
		uint64_t *req = arena_alloc(lw->ar, (s->nslots + 1) * sizeof *req);
		for (uint32_t k = 0; k < s->nfields; k++)
			if (s->fields[k].has_default)
				memcpy(req + s->fields[k].slot, s->fields[k].defval,
				       s->fields[k].nslots * sizeof *req);
		apply_given(f, t->given, t->ngiven, req, 0);
		t->request = req;
		t->outcome = d->expect_outcome;
		t->by = d->expect_by;
		uint32_t *gr = arena_alloc(lw->ar, (d->by.len + 1) * sizeof *gr);
		span *gat = arena_alloc(lw->ar, (d->by.len + 1) * sizeof *gat);
		for (size_t j = 0; j < d->by.len; j++) {
			const label_ref *l = d->by.items[j];
			gr[j] = l->clause->index;
			gat[j] = l->at;
		}
		t->grounds = gr;
		t->grounds_at = gat;
		t->ngrounds = (uint32_t)d->by.len;
		t->has_discretionary = d->has_discretionary;
		uint32_t *dr = arena_alloc(lw->ar, (d->discretionary.len + 1) * sizeof *dr);
		span *dat = arena_alloc(lw->ar, (d->discretionary.len + 1) * sizeof *dat);
		for (size_t j = 0; j < d->discretionary.len; j++) {
			const label_ref *l = d->discretionary.items[j];
			dr[j] = l->clause->index;
			dat[j] = l->at;
		}
		t->discretionary = dr;
		t->discretionary_at = dat;
		t->ndiscretionary = (uint32_t)d->discretionary.len;
		lw_with *w = arena_alloc(lw->ar, (d->with.len + 1) * sizeof *w);
		for (size_t j = 0; j < d->with.len; j++) {
			const binding *b = d->with.items[j];
			w[j].name = b->name;
			w[j].at = b->at;
			w[j].value = b->value;
			w[j].oblig = lw->obligs[b->decl->index].schema;
			if (b->value) {
				uint64_t *v = arena_alloc(lw->ar, (type_words(b->value->ty) + 1) * sizeof *v);
				fold_value(f, b->value, v);
				w[j].folded = v;
			}
		}
		t->with = w;
		t->nwith = (uint32_t)d->with.len;
	}
	lw->tests = ts;
	lw->ntests = (uint32_t)c->tests.len;
}

/* ---- asserts ---- */

static void lower_asserts(lw_program *lw, const checked *c)
{
	lw_assert *as = arena_alloc(lw->ar, (c->asserts.len + 1) * sizeof *as);
	for (size_t i = 0; i < c->asserts.len; i++) {
		const decl *d = c->asserts.items[i];
		as[i].name = d->name;
		as[i].at = d->at;
		as[i].name_at = d->name_at;
		as[i].file = d->at.file->id;
		as[i].kind = d->assert_kind;
		as[i].prop = d->value;
	}
	lw->asserts = as;
	lw->nasserts = (uint32_t)c->asserts.len;
}

/* ---- the entry point ---- */

lw_program *lower_program(const checked *c)
{
	arena *a = c->p->ar;
	lw_program *lw = arena_alloc(a, sizeof *lw);
	lw->ar = a;
	lw->files = (const srcfile *const *)c->p->files.items;
	lw->nfiles = (uint32_t)c->p->files.len;
	lower_schema(lw, c);
	lower_scope(lw, c);
	lower_items(lw, c);
	lower_clauses(lw, c);

	/* constants: defines and tables that read no field, then the
	 * fields' defaults, fixtures and tests */
	folder f = { lw, arena_alloc(a, lw->ndefines + 1), arena_alloc(a, lw->ntables + 1) };
	for (uint32_t i = 0; i < lw->ndefines; i++)
		if (!lw->defines[i].uses_fields)
			fold_define(&f, i);
	for (uint32_t i = 0; i < lw->ntables; i++)
		if (!lw->tables[i].uses_fields && lw->tables[i].nkeys)
			fold_row(&f, i, 0);
	lp_field_desc *fs = (lp_field_desc *)lw->schema.fields;
	for (uint32_t i = 0; i < lw->schema.nfields; i++) {
		if (!lw->fields[i].value)
			continue;
		uint64_t *w = arena_alloc(a, fs[i].nslots * sizeof *w);
		fold_value(&f, lw->fields[i].value, w);
		fs[i].defval = w;
		fs[i].has_default = 1;
	}
	lower_tests(&f, c);
	lower_asserts(lw, c);
	choose_index(lw);
	return lw;
}
