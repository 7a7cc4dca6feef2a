/*
 * smt_diff.c — the semantic part of `pacta diff`: which requests two
 * agreements decide differently, why, with a witness for each cause.
 *
 * Pipeline: lower -> diff_match (diff.c: which clause is which, and the
 * cone of the clauses that changed) -> smt_encode -> **smt_diff** (here)
 * -> report.c, which prints the result.
 *
 * One incremental solver holds the variables' domains.  The requests are
 * searched region by region: first those that name only what both
 * versions have, then, one by one, those naming an enum member or a
 * field that one version lacks.  In each region, each family of change
 * is asked for in turn — an outcome pair (refuse -> grant), a clause of
 * the cone gaining or losing its place among the grounds, a ground
 * becoming or ceasing to be discretionary, an obligation added, removed
 * or given another value — and every answer is one cause: the family and
 * the clauses responsible on each side (its grounds or sources among the
 * cone; the other clauses fire alike in both versions).  The cause found
 * is blocked and the family asked again, until no request is left or a
 * limit is reached (the report says so).  Each cause's witness is the
 * request nearest the baseline (a fixture, or the defaults): Z3's
 * Optimize keeps as many fields as it can at the baseline, then takes the
 * nearest values for the others.  Both reference evaluators decide every
 * witness again; one that does not reproduce what the solver predicted is
 * reported as a bug of this file.  Last, the summary per signature: the
 * two parties and the `by` fields, each more or less permissive over the
 * outcome order and the obligations' order (docs/diff.md).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diff.h"
#include "smt.h"

const char *const smt_sig_verdict_names[SMT_SIG__COUNT] = {
	"equivalent", "more permissive", "less permissive", "mixed", "changed (neither looser nor stricter)",
};

const char *const smt_change_type_names[SMT__TYPES] = {
	"outcome", "obligation_added", "obligation_removed", "obligation_value",
	"ground_added", "ground_removed", "discretion_gained", "discretion_lost",
};

/* A set of requests searched on its own: the ordinary ones (text NULL),
 * or those naming what one version lacks. */
typedef struct region {
	Z3_ast cond;
	char *text;
	const char *en, *member;    /* a member one version lacks, or NULL */
	const char *field;          /* a field one version lacks, or NULL */
	uint8_t *named;             /* per cone position: the clause names it */
} region;

/* A cause found among the ordinary requests: blocked in the regions too,
 * unless a clause responsible for it names what the region is about (the
 * member, or the field): then the region has its own. */
typedef struct block {
	Z3_ast b;
	uint8_t *involved;          /* per cone position */
} block;

/* A family of change: the requests that show it (q), and the causes found
 * among the ordinary requests (blocked in the other regions too). */
typedef struct family {
	int type;                   /* enum smt_change_type */
	uint8_t a, b;               /* outcomes: old and new (equal but for SMT_OUTCOME) */
	int pair;                   /* ground, discretion: the clause pair */
	int io[2];                  /* obligations: the index on each side, or -1 */
	const char *name;           /* obligations: the name */
	Z3_ast q;
	block *blocks;
	size_t nblocks, capblocks;
	int done;                   /* ground, discretion: found */
	unsigned found;
} family;

typedef struct differ {
	smt_ctx *x;
	smt_enc *e[2];
	const lw_program *c[2];
	const diff_match *m;
	Z3_solver S;
	const smt_diff_options *o;
	smt_diff_result *r;
	size_t capch;
	evaluator *ev[2];
	lp_decision_buf d[2];
	void *dmem[2];
	uint64_t *req[2];
	uint64_t **base;            /* per variable: the baseline's words, in
	                               the variable's numbering */
	size_t *cone;               /* clause pairs in the cone, in order */
	size_t ncone;
	size_t *order[2];           /* per side: cone positions in that
	                               side's source order (the clauses it
	                               lacks last), for the lists of causes */
	Z3_ast *g[2], *disc[2];     /* per cone position: ground, discretionary */
	Z3_ast *scope;              /* what the solver holds beyond the domain */
	size_t nscope, capscope;
	region *rg;
	size_t nrg;
	family *fam;
	size_t nfam;
	double t0, shown;
	smt_var **by;               /* the signatures' `by` fields */
	size_t nby;
	size_t clauses_done;
	size_t region_at;           /* the region being searched */
	int summing;                /* the signatures being summed up */
	int progress_line;
} differ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void smt_diff_options_default(smt_diff_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_values = 16;
	o->max_causes = 8;
	o->max_regions = 32;
	o->optimize = 1;
	o->signatures = 1;
	o->progress_every = -1;
}

static void add_str(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

static void note(differ *D, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(differ *D, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	add_str(&D->r->notes, &D->r->nnotes, strdup(buf));
}

/* ---- progress ---- */

static void progress(differ *D)
{
	if (!D->o->progress)
		return;
	double t = now();
	int tty = isatty(2);
	double every = D->o->progress_every >= 0 ? D->o->progress_every / 1000.0 : tty ? 0.5 : 5;
	if (t - D->t0 < D->o->progress / 1000.0 || t - D->shown < every)
		return;
	D->shown = t;
	/* the search asks about the outcomes and obligations first, then
	 * each clause of the cone, then the requests naming what one version
	 * lacks; the signatures come last */
	char what[200];
	const char *cl = D->ncone == 1 ? "clause" : "clauses";
	if (D->summing)
		snprintf(what, sizeof what, "the %zu %s in the cone compared (of %zu), summing up by signature",
		         D->ncone, cl, D->r->nclauses[1]);
	else if (D->region_at > 0)
		snprintf(what, sizeof what, "the %zu %s in the cone compared (of %zu), then the requests naming "
		         "what one version lacks: %zu of %zu", D->ncone, cl, D->r->nclauses[1], D->region_at, D->nrg - 1);
	else if (D->clauses_done == 0)
		snprintf(what, sizeof what, "the outcomes and obligations being compared, then the %zu %s in the "
		         "cone (of %zu)", D->ncone, cl, D->r->nclauses[1]);
	else
		snprintf(what, sizeof what, "%zu of %zu clauses in the cone compared (of %zu)", D->clauses_done,
		         D->ncone, D->r->nclauses[1]);
	fprintf(stderr, "%spacta diff: %s, %zu kind%s found, %.1f s%s", tty ? "\r" : "", what, D->r->nchanges,
	        D->r->nchanges == 1 ? "" : "s", t - D->t0, tty ? "\033[K" : "\n");
	fflush(stderr);
	D->progress_line = tty;
}

/* ---- the solver and its scope ---- */

static Z3_lbool check(differ *D)
{
	progress(D);
	D->r->queries++;
	double t = now();
	Z3_lbool v = Z3_solver_check(D->x->z, D->S);
	if (getenv("PACTA_DIFF_TRACE"))
		fprintf(stderr, "check %u: %d in %.3f s\n", D->r->queries, v, now() - t);
	if (v == Z3_L_UNDEF)
		D->r->unknown = 1;
	return v;
}

static Z3_model get_model(differ *D)
{
	Z3_model m = Z3_solver_get_model(D->x->z, D->S);
	Z3_model_inc_ref(D->x->z, m);
	return m;
}

/* Opens a scope; `hold` asserts into the innermost one, `release` closes
 * it.  The scope's assertions are kept for the optimizer, which is a
 * solver of its own. */
static size_t open_scope(differ *D)
{
	Z3_solver_push(D->x->z, D->S);
	return D->nscope;
}

static void hold(differ *D, Z3_ast a)
{
	if (D->nscope == D->capscope) {
		D->capscope = D->capscope ? 2 * D->capscope : 64;
		D->scope = xrealloc(D->scope, D->capscope * sizeof *D->scope);
	}
	D->scope[D->nscope++] = a;
	Z3_solver_assert(D->x->z, D->S, a);
}

static void release(differ *D, size_t mark)
{
	Z3_solver_pop(D->x->z, D->S, 1);
	D->nscope = mark;
}

/* ---- values: a variable's words, in its own numbering and a side's ---- */

static uint32_t var_words(const smt_var *v)
{
	return v->kind == PK_SET ? (uint32_t)LP_BITWORDS(v->nmembers) : 1;
}

/* The variable's enum on side s (which may number its members otherwise). */
static const lp_enum_desc *side_enum(const differ *D, const smt_var *v, int s)
{
	const lp_schema *sc = &D->c[s]->schema;
	return &sc->enums[sc->fields[v->field[s]].enum_index];
}

/* side s's words of field v -> the variable's words */
static void to_var(const differ *D, const smt_var *v, int s, const uint64_t *in, uint64_t *out)
{
	memset(out, 0, var_words(v) * sizeof *out);
	if (v->kind != PK_ENUM && v->kind != PK_SET) {
		out[0] = in[0];
		return;
	}
	const lp_enum_desc *en = side_enum(D, v, s);
	if (v->kind == PK_ENUM) {
		int k = in[0] < en->nmembers ? smt_member_index(v->en, en->members[in[0]]) : -1;
		out[0] = k >= 0 ? (uint64_t)k : 0;
		return;
	}
	for (uint32_t i = 0; i < en->nmembers; i++)
		if (lp_bit(in, i)) {
			int k = smt_member_index(v->en, en->members[i]);
			if (k >= 0)
				lp_bit_set(out, (size_t)k);
		}
}

/* the variable's words -> side s's words of its field (members side s
 * lacks are dropped) */
static void from_var(const differ *D, const smt_var *v, int s, const uint64_t *in, uint64_t *out)
{
	const lp_schema *sc = &D->c[s]->schema;
	const lp_field_desc *f = &sc->fields[v->field[s]];
	memset(out, 0, f->nslots * sizeof *out);
	if (v->kind != PK_ENUM && v->kind != PK_SET) {
		out[0] = in[0];
		return;
	}
	const lp_enum_desc *en = side_enum(D, v, s);
	if (v->kind == PK_ENUM) {
		int k = in[0] < v->nmembers ? smt_member_index(en, v->en->members[in[0]]) : -1;
		out[0] = k >= 0 ? (uint64_t)k : 0;
		return;
	}
	for (uint32_t i = 0; i < v->nmembers; i++)
		if (lp_bit(in, i)) {
			int k = smt_member_index(en, v->en->members[i]);
			if (k >= 0)
				lp_bit_set(out, (size_t)k);
		}
}

static void var_read(differ *D, Z3_model m, const smt_var *v, uint64_t *out)
{
	memset(out, 0, var_words(v) * sizeof *out);
	if (v->kind == PK_SET) {
		for (uint32_t k = 0; k < v->nmembers; k++)
			if (smt_model_bool(D->x, m, v->bits[k]))
				lp_bit_set(out, k);
	} else if (v->kind == PK_BOOL) {
		out[0] = (uint64_t)smt_model_bool(D->x, m, v->s);
	} else {
		out[0] = (uint64_t)smt_model_num(D->x, m, v->s);
	}
}

static int words_eq(const uint64_t *a, const uint64_t *b, uint32_t n)
{
	return memcmp(a, b, n * sizeof *a) == 0;
}

/* A side where the variable is a field (the new one first: it names the
 * members both have after diff_extend, and the newer schema). */
static int var_side(const smt_var *v)
{
	return v->field[1] >= 0 ? 1 : 0;
}

/* ---- the baseline ---- */

static const lw_fixture *fixture_of(const lw_program *lw, const char *name)
{
	for (uint32_t i = 0; i < lw->nfixtures; i++)
		if (strcmp(lw->fixtures[i].name, name) == 0)
			return &lw->fixtures[i];
	return NULL;
}

/* A `given` list onto a request, fixtures by name (lower.c's order);
 * `known` marks the fields it sets. */
static void apply_given(const lw_program *lw, const lw_given *g, uint32_t n, uint64_t *req,
                        uint8_t *known, int depth)
{
	const lp_schema *s = &lw->schema;
	for (uint32_t i = 0; i < n && depth < 64; i++) {
		if (!g[i].value) {
			const lw_fixture *f = fixture_of(lw, g[i].name);
			if (f)
				apply_given(lw, f->given, f->ngiven, req, known, depth + 1);
			continue;
		}
		int k = lp_field_named(s, g[i].name);
		if (k >= 0) {
			lower_fold(lw, g[i].value, req + s->fields[k].slot);
			known[k] = 1;
		}
	}
}

/* The baseline every witness is read against: the fixture named, else
 * the new version's first fixture (the old one's when the new has none),
 * else the defaults; a field neither gives takes the smallest value of
 * its type (the agreement's first day for a date, two different parties
 * for the parties). */
static int baseline(differ *D)
{
	smt_ctx *x = D->x;
	smt_diff_result *r = D->r;
	const char *name = D->o->baseline;
	int fs = -1;
	const lw_fixture *fx[2] = { NULL, NULL };
	if (name) {
		for (int s = 1; s >= 0; s--)
			if ((fx[s] = fixture_of(D->c[s], name)) && fs < 0)
				fs = s;
		if (fs < 0) {
			snprintf(r->error, sizeof r->error, "--baseline %s: neither version has a fixture '%s'", name, name);
			return -1;
		}
	} else {
		for (int s = 1; s >= 0 && fs < 0; s--)
			if (D->c[s]->nfixtures) {
				fs = s;
				name = D->c[s]->fixtures[0].name;
			}
		for (int s = 0; s < 2 && name; s++)
			fx[s] = fixture_of(D->c[s], name);
	}
	uint64_t *req[2];
	uint8_t *known[2];
	for (int s = 0; s < 2; s++) {
		const lp_schema *sc = &D->c[s]->schema;
		req[s] = xcalloc(sc->nslots + 1, sizeof *req[s]);
		known[s] = xcalloc(sc->nfields + 1, 1);
		for (uint32_t k = 0; k < sc->nfields; k++)
			if (sc->fields[k].has_default) {
				memcpy(req[s] + sc->fields[k].slot, sc->fields[k].defval, sc->fields[k].nslots * sizeof **req);
				known[s][k] = 1;
			}
		if (fx[s])
			apply_given(D->c[s], fx[s]->given, fx[s]->ngiven, req[s], known[s], 0);
	}
	const lw_program *hc = D->c[1]->scope.has_header ? D->c[1] : D->c[0];
	const lw_scope *sc = &hc->scope;
	D->base = arena_alloc(x->ar, (x->nvars + 1) * sizeof *D->base);
	int party_taken = -1;
	for (size_t k = 0; k < x->nvars; k++) {
		smt_var *v = x->vars[k];
		uint64_t *w = arena_alloc(x->ar, (var_words(v) + 1) * sizeof *w);
		D->base[k] = w;
		int from = -1;
		int order[2] = { fs >= 0 ? fs : 1, fs >= 0 ? !fs : 0 };
		for (int i = 0; i < 2 && from < 0; i++) {
			int s = order[i];
			if (v->field[s] >= 0 && known[s][v->field[s]])
				from = s;
		}
		if (from >= 0) {
			const lp_field_desc *f = &D->c[from]->schema.fields[v->field[from]];
			to_var(D, v, from, req[from] + f->slot, w);
			continue;
		}
		/* the smallest value */
		if (v->kind == PK_DATE && sc->has_effective)
			w[0] = (uint64_t)sc->effective;
		else if (v->kind == PK_ENUM && !v->priv && sc->nparty_names >= 2 &&
		         (strcmp(v->name, "requesting_party") == 0 || strcmp(v->name, "requested_party") == 0)) {
			/* two different parties, in the order listed */
			for (uint32_t p = 0; p < sc->nparty_names; p++) {
				int m = smt_member_index(v->en, sc->party_names[p]);
				if (m >= 0 && m != party_taken) {
					w[0] = (uint64_t)m;
					break;
				}
			}
			party_taken = (int)w[0];
		}
	}
	/* what the report shows: the baseline as the new version's request */
	const lp_schema *s1 = &D->c[1]->schema;
	uint64_t *rq = xcalloc(s1->nslots + 1, sizeof *rq);
	for (size_t k = 0; k < x->nvars; k++) {
		const smt_var *v = x->vars[k];
		if (v->field[1] >= 0)
			from_var(D, v, 1, D->base[k], rq + s1->fields[v->field[1]].slot);
	}
	lp_strbuf b = { 0 };
	lp_json_encode_request(s1, rq, &b);
	r->baseline_json = strndup(b.data ? b.data : "", b.len);
	lp_sb_free(&b);
	free(rq);
	char buf[256];
	if (fs >= 0)
		snprintf(buf, sizeof buf, "fixture %s (%s version)%s", name,
		         fs ? "new" : "old", fx[!fs] ? "" : "; the other version has no such fixture");
	else
		snprintf(buf, sizeof buf, "the fields' defaults, and the smallest value of its type for a field "
		         "without one (neither version has a fixture)");
	/* shown as the new version's request, and witnesses may name a
	 * field only the old one has: what each version must leave out to
	 * read them (a field it lacks is an unknown field to it) */
	lp_strbuf text = { 0 };
	lp_sb_puts(&text, buf);
	for (int s = 0; s < 2; s++) {
		size_t nl = 0;
		for (size_t k = 0; k < x->nvars; k++) {
			const smt_var *v = x->vars[k];
			if (v->priv || v->field[s] >= 0)
				continue;
			if (!nl++)
				lp_sb_printf(&text, "; the %s version's request leaves out what it lacks: ", s ? "new" : "old");
			else
				lp_sb_puts(&text, ", ");
			lp_sb_puts(&text, D->c[!s]->schema.fields[v->field[!s]].name);
		}
	}
	size_t nr = 0;
	for (size_t k = 0; k < x->nvars; k++) {
		const smt_var *v = x->vars[k];
		if (v->priv || v->field[0] < 0 || v->field[1] < 0)
			continue;
		const char *o = D->c[0]->schema.fields[v->field[0]].name, *n = s1->fields[v->field[1]].name;
		if (strcmp(o, n))
			lp_sb_printf(&text, "%s%s as %s", nr++ ? ", " : "; the old version's request gives ", n, o);
	}
	/* a member renamed: the witnesses name it as the new version does */
	for (size_t k = 0; D->m && k < D->m->nmembers_renamed; k++)
		lp_sb_printf(&text, "%s%s as %s", k ? ", " : "; the old version's request names ",
		             D->m->members_renamed[k].to, D->m->members_renamed[k].from);
	lp_sb_put(&text, "", 1);
	r->baseline = strdup(text.data);
	lp_sb_free(&text);
	for (int s = 0; s < 2; s++) {
		free(req[s]);
		free(known[s]);
	}
	return 0;
}

/* ---- natural witnesses ---- */

static int numeric(const smt_var *v)
{
	return v->kind == PK_INT || v->kind == PK_DAYS || v->kind == PK_YEARS || v->kind == PK_DATE;
}

/* |v - b| as an unsigned 64-bit term */
static Z3_ast distance(smt_ctx *x, Z3_ast v, int64_t b)
{
	Z3_ast k = smt_k64(x, b);
	return Z3_mk_ite(x->z, Z3_mk_bvsge(x->z, v, k), Z3_mk_bvsub(x->z, v, k), Z3_mk_bvsub(x->z, k, v));
}

static Z3_optimize new_optimize(differ *D)
{
	smt_ctx *x = D->x;
	Z3_optimize opt = Z3_mk_optimize(x->z);
	Z3_optimize_inc_ref(x->z, opt);
	if (D->o->timeout_ms) {
		Z3_params pr = Z3_mk_params(x->z);
		Z3_params_inc_ref(x->z, pr);
		Z3_params_set_uint(x->z, pr, Z3_mk_string_symbol(x->z, "timeout"), D->o->timeout_ms);
		Z3_optimize_set_params(x->z, opt, pr);
		Z3_params_dec_ref(x->z, pr);
	}
	Z3_optimize_assert(x->z, opt, smt_ctx_domain(x));
	for (size_t i = 0; i < D->nscope; i++)
		Z3_optimize_assert(x->z, opt, D->scope[i]);
	return opt;
}

/* The request nearest the baseline among those the scope holds: first as
 * few fields off the baseline as possible (a set's members counted too),
 * then, with those fixed, the numbers nearest theirs.  NULL when the
 * optimizer gives up. */
static Z3_model witness_optimize(differ *D)
{
	smt_ctx *x = D->x;
	Z3_optimize opt = new_optimize(D);
	Z3_symbol grp = Z3_mk_string_symbol(x->z, "baseline");
	/* a request between two Parties reads more naturally than one of a
	 * Party to itself: worth more than one field off the baseline */
	const smt_var *pa = NULL, *pb = NULL;
	for (size_t k = 0; k < x->nvars; k++) {
		const smt_var *v = x->vars[k];
		if (!v->priv && v->kind == PK_ENUM && !strcmp(v->name, "requesting_party"))
			pa = v;
		if (!v->priv && v->kind == PK_ENUM && !strcmp(v->name, "requested_party"))
			pb = v;
	}
	if (pa && pb && pa->width == pb->width)
		Z3_optimize_assert_soft(x->z, opt, smt_mk_not(x, Z3_mk_eq(x->z, pa->s, pb->s)), "9", grp);
	for (size_t k = 0; k < x->nvars; k++) {
		smt_var *v = x->vars[k];
		Z3_optimize_assert_soft(x->z, opt, smt_var_eq(x, v, D->base[k]), "8", grp);
		if (v->kind == PK_SET)
			for (uint32_t m = 0; m < v->nmembers; m++)
				Z3_optimize_assert_soft(x->z, opt, lp_bit(D->base[k], m) ? v->bits[m] : smt_mk_not(x, v->bits[m]),
				                        "1", grp);
	}
	D->r->queries++;
	progress(D);
	double t = now();
	Z3_lbool res = Z3_optimize_check(x->z, opt, 0, NULL);
	if (getenv("PACTA_DIFF_TRACE"))
		fprintf(stderr, "optimize %u: %d in %.3f s\n", D->r->queries, res, now() - t);
	Z3_model m = NULL;
	if (res == Z3_L_TRUE) {
		m = Z3_optimize_get_model(x->z, opt);
		Z3_model_inc_ref(x->z, m);
		/* the numbers off the baseline, nearest it; the rest kept */
		uint64_t w[LP_BITWORDS(4096) + 1];
		int any = 0;
		Z3_optimize_push(x->z, opt);
		for (size_t k = 0; k < x->nvars; k++) {
			smt_var *v = x->vars[k];
			if (var_words(v) > sizeof w / sizeof *w)
				continue;
			var_read(D, m, v, w);
			if (words_eq(w, D->base[k], var_words(v))) {
				Z3_optimize_assert(x->z, opt, smt_var_eq(x, v, D->base[k]));
			} else if (numeric(v)) {
				Z3_optimize_minimize(x->z, opt, distance(x, v->s, (int64_t)D->base[k][0]));
				any = 1;
			} else {
				Z3_optimize_assert(x->z, opt, smt_var_eq(x, v, w));
			}
		}
		if (any) {
			D->r->queries++;
			if (Z3_optimize_check(x->z, opt, 0, NULL) == Z3_L_TRUE) {
				Z3_model_dec_ref(x->z, m);
				m = Z3_optimize_get_model(x->z, opt);
				Z3_model_inc_ref(x->z, m);
			}
		}
		Z3_optimize_pop(x->z, opt);
	} else if (res == Z3_L_UNDEF) {
		D->r->unknown = 1;
	}
	Z3_optimize_dec_ref(x->z, opt);
	return m;
}

/* The greedy way: assume every field at the baseline; while that is
 * unsatisfiable, let go of one in the unsat core; then try each let go
 * alone again.  Locally minimal: no single field of the witness can go
 * back to the baseline. */
static Z3_model witness_greedy(differ *D)
{
	smt_ctx *x = D->x;
	size_t n = x->nvars;
	Z3_ast *p = xcalloc(n + 1, sizeof *p);
	Z3_ast *as = xcalloc(n + 1, sizeof *as);
	uint8_t *active = xcalloc(n + 1, 1), *dropped = xcalloc(n + 1, 1);
	size_t mark = open_scope(D);
	for (size_t i = 0; i < n; i++) {
		char name[48];
		snprintf(name, sizeof name, "smt.base%zu", i);
		p[i] = Z3_mk_fresh_const(x->z, name, x->b);
		Z3_solver_assert(x->z, D->S, Z3_mk_implies(x->z, p[i], smt_var_eq(x, x->vars[i], D->base[i])));
		active[i] = 1;
	}
	Z3_lbool v;
	for (;;) {
		size_t na = 0;
		for (size_t i = 0; i < n; i++)
			if (active[i])
				as[na++] = p[i];
		D->r->queries++;
		v = Z3_solver_check_assumptions(x->z, D->S, (unsigned)na, as);
		if (v != Z3_L_FALSE)
			break;
		Z3_ast_vector core = Z3_solver_get_unsat_core(x->z, D->S);
		Z3_ast_vector_inc_ref(x->z, core);
		unsigned cn = Z3_ast_vector_size(x->z, core);
		size_t drop = n;
		for (unsigned k = 0; k < cn; k++) {
			Z3_ast a = Z3_ast_vector_get(x->z, core, k);
			for (size_t i = 0; i < n; i++)
				if (p[i] == a && active[i] && (drop == n || i > drop))
					drop = i;
		}
		Z3_ast_vector_dec_ref(x->z, core);
		if (drop == n)
			break;
		active[drop] = 0;
		dropped[drop] = 1;
	}
	Z3_model m = NULL;
	if (v == Z3_L_TRUE) {
		m = get_model(D);
		for (size_t j = 0; j < n; j++) {
			if (!dropped[j])
				continue;
			size_t na = 0;
			for (size_t i = 0; i < n; i++)
				if (active[i] || i == j)
					as[na++] = p[i];
			D->r->queries++;
			if (Z3_solver_check_assumptions(x->z, D->S, (unsigned)na, as) == Z3_L_TRUE) {
				active[j] = 1;
				Z3_model_dec_ref(x->z, m);
				m = get_model(D);
			}
		}
	} else if (v == Z3_L_UNDEF) {
		D->r->unknown = 1;
	}
	release(D, mark);
	free(p);
	free(as);
	free(active);
	free(dropped);
	return m;
}

/* A witness of what the scope holds (known satisfiable). */
static Z3_model witness(differ *D)
{
	if (D->o->optimize) {
		Z3_model m = witness_optimize(D);
		if (m)
			return m;
	}
	Z3_model m = witness_greedy(D);
	if (!m && check(D) == Z3_L_TRUE)
		m = get_model(D);
	return m;
}

/* ---- what the evaluators say ---- */

static char *sb_take(lp_strbuf *b)
{
	char *s = strndup(b->data ? b->data : "", b->len);
	lp_sb_free(b);
	return s;
}

static void labels(const lp_schema *s, const uint64_t *bits, char ***out, size_t *n)
{
	*n = 0;
	*out = xcalloc(s->nclauses + 1, sizeof **out);
	for (uint32_t i = 0; i < s->nclauses; i++)
		if (lp_bit(bits, i))
			(*out)[(*n)++] = strdup(s->clauses[i].label);
}

/* The clause's label with what a reader needs to know of it: how the
 * amendment touched it, whether it is a `may refuse` ground of this
 * decision, whose reservation or declaration it is. */
static void clause_words(differ *D, lp_strbuf *b, int s, uint32_t i, int disc)
{
	const lw_program *lw = D->c[s];
	const lw_clause *c = &lw->clauses[i];
	const diff_clause *p = &D->m->clauses[D->m->at[s][i]];
	lp_sb_puts(b, c->label);
	const char *w[4] = { NULL, NULL, NULL, NULL };
	int n = 0;
	char ex[160];
	int j = p->io[!s];
	if (j >= 0 && lp_bit(D->d[!s].exempted, (size_t)j)) {
		/* what keeps it from firing in the other version */
		snprintf(ex, sizeof ex, "exempted by %s in the %s version",
		         D->c[!s]->clauses[D->d[!s].exempted_by[j]].label, s ? "old" : "new");
		w[n++] = ex;
	}
	char until[64];
	const lw_clause *c0 = p->io[0] >= 0 ? &D->c[0]->clauses[p->io[0]] : NULL;
	const lw_clause *c1 = p->io[1] >= 0 ? &D->c[1]->clauses[p->io[1]] : NULL;
	if (p->state == DC_CHANGED && c0 && c1 && c1->has_sunset && (!c0->has_sunset || c1->sunset < c0->sunset)) {
		/* given a sunset, or an earlier one: a reservation or
		 * declaration so is withdrawn from then on, not deleted */
		char day[16];
		lp_date_format(c1->sunset, day);
		snprintf(until, sizeof until, "%s: in force until %s", c->owner != LW_NONE ? "withdrawn" : "changed", day);
		w[n++] = until;
	} else if (p->state == DC_CHANGED) {
		w[n++] = p->through ? "what it reads changed" : "changed";
	} else if (p->state == DC_ADDED) {
		w[n++] = "added";
	} else if (p->state == DC_REMOVED) {
		w[n++] = "removed";
	}
	if (disc)
		w[n++] = "may refuse";
	char own[160];
	if (c->owner != LW_NONE && lw->schema.party_enum != UINT32_MAX) {
		snprintf(own, sizeof own, "%s of %s", lp_clause_kind_names[c->kind],
		         lw->schema.enums[lw->schema.party_enum].members[c->owner]);
		w[n++] = own;
	}
	for (int k = 0; k < n; k++)
		lp_sb_printf(b, "%s%s", k ? ", " : " (", w[k]);
	if (n)
		lp_sb_puts(b, ")");
}

/* "refuse by 3.1, 3.2", "refer by 2.1 (may refuse)", "grant by default",
 * "grant by 1.1 with retain_at_most 180 days, notify_subject": the
 * obligations as a test's `expect ... with` writes them, so that a change
 * of an obligation reads in the two decisions and not only in its kind */
static char *decision_words(differ *D, int s)
{
	const lp_decision_buf *d = &D->d[s];
	const lp_schema *sc = &D->c[s]->schema;
	lp_strbuf b = { 0 };
	lp_sb_puts(&b, lp_outcome_names[d->outcome]);
	if (d->ground == PG_DEFAULT) {
		lp_sb_puts(&b, " by default");
	} else if (d->ground == PG_AGREEMENT) {
		lp_sb_puts(&b, " by the agreement (not between its parties, or not in force)");
	} else {
		int first = 1;
		for (uint32_t i = 0; i < sc->nclauses; i++)
			if (lp_bit(d->grounds, i)) {
				lp_sb_puts(&b, first ? " by " : ", ");
				clause_words(D, &b, s, i, lp_bit(d->discretionary, i));
				first = 0;
			}
	}
	const char *sep = " with ";
	for (uint32_t j = 0; j < sc->noblig; j++) {
		if (!lp_oblig_reported(sc, d, j))
			continue;
		const lp_oblig_desc *od = &sc->obligs[j];
		lp_sb_printf(&b, "%s%s", sep, od->name);
		sep = ", ";
		if (od->combine == PC_FLAG)
			continue;
		lp_sb_puts(&b, " ");
		lp_source_value(sc, od->kind, od->enum_index, d->oblig_val + od->slot, &b);
	}
	return sb_take(&b);
}

static void fill_side(differ *D, int s, smt_side *sd)
{
	const lp_schema *sc = &D->c[s]->schema;
	const lp_decision_buf *d = &D->d[s];
	sd->outcome = d->outcome;
	sd->ground = d->ground;
	if (d->ground == PG_CLAUSES) {
		labels(sc, d->grounds, &sd->grounds, &sd->ngrounds);
		labels(sc, d->discretionary, &sd->discretionary, &sd->ndiscretionary);
	} else {
		sd->grounds = xcalloc(1, sizeof *sd->grounds);
		sd->discretionary = xcalloc(1, sizeof *sd->discretionary);
	}
	uint64_t *fc = xcalloc(LP_BITWORDS(sc->nclauses) + 1, sizeof *fc);
	for (uint32_t r = 0; r < sc->nrules; r++)
		if (lp_bit(d->fired, r))
			lp_bit_set(fc, sc->rules[r].clause);
	labels(sc, fc, &sd->fired, &sd->nfired);
	free(fc);
	labels(sc, d->exempted, &sd->exempted, &sd->nexempted);
	lp_strbuf b = { 0 };
	lp_json_encode_request(sc, D->req[s], &b);
	sd->request_json = sb_take(&b);
	lp_request_id id = { 0 };
	lp_json_encode_decision(sc, d, &id, 1, &b);
	sd->decision_json = sb_take(&b);
	sd->text = decision_words(D, s);
}

/* The witness's fields that matter: those off the baseline, and the
 * parties when a Party's reservation or declaration is responsible. */
static void witness_fields(differ *D, Z3_model m, smt_change *ch, int parties)
{
	smt_ctx *x = D->x;
	lp_strbuf b = { 0 };
	uint64_t *w = NULL;
	size_t cap = 0;
	lp_sb_puts(&b, "{");
	ch->witness_fields = xcalloc(x->nvars + 1, sizeof *ch->witness_fields);
	for (size_t k = 0; k < x->nvars; k++) {
		const smt_var *v = x->vars[k];
		uint32_t n = var_words(v);
		if (n + 1 > cap) {
			cap = n + 1;
			w = xrealloc(w, cap * sizeof *w);
		}
		var_read(D, m, v, w);
		int party = parties && !v->priv &&
		            (strcmp(v->name, "requesting_party") == 0 || strcmp(v->name, "requested_party") == 0);
		if (words_eq(w, D->base[k], n) && !party)
			continue;
		int s = var_side(v);
		const lp_schema *sc = &D->c[s]->schema;
		const lp_field_desc *f = &sc->fields[v->field[s]];
		uint64_t *sw = xcalloc(f->nslots + 1, sizeof *sw);
		from_var(D, v, s, w, sw);
		lp_sb_printf(&b, "%s\"%s\": ", ch->nwitness_fields ? ", " : "", f->name);
		lp_json_encode_value(sc, f->kind, f->enum_index, sw, &b);
		free(sw);
		ch->witness_fields[ch->nwitness_fields++] = strdup(f->name);
	}
	lp_sb_puts(&b, "}");
	ch->witness_json = sb_take(&b);
	free(w);
}

static smt_change *new_change(differ *D)
{
	smt_diff_result *r = D->r;
	if (r->nchanges == D->capch) {
		D->capch = D->capch ? D->capch * 2 : 16;
		r->changes = xrealloc(r->changes, D->capch * sizeof *r->changes);
	}
	smt_change *ch = &r->changes[r->nchanges++];
	memset(ch, 0, sizeof *ch);
	return ch;
}

/* Reads the model's request into both sides and decides it with both
 * evaluators. */
static void decide(differ *D, Z3_model m)
{
	for (int s = 0; s < 2; s++) {
		smt_enc_read(D->e[s], m, D->req[s]);
		eval_request(D->ev[s], D->req[s], &D->d[s]);
	}
}

static int ev_ground(differ *D, int s, int io)
{
	return io >= 0 && D->d[s].ground == PG_CLAUSES && lp_bit(D->d[s].grounds, (size_t)io);
}

static int ev_disc(differ *D, int s, int io)
{
	return io >= 0 && D->d[s].ground == PG_CLAUSES && lp_bit(D->d[s].discretionary, (size_t)io);
}

/* Whether clause io of side s fired a rule carrying outcome o. */
static int ev_carries(differ *D, int s, int io, int o)
{
	if (io < 0)
		return 0;
	const lw_clause *c = &D->c[s]->clauses[io];
	for (uint32_t j = c->rule0; j < c->rule0 + c->nrules; j++)
		if (lp_action_outcome(D->c[s]->rules[j].action) == o && lp_bit(D->d[s].fired, j))
			return 1;
	return 0;
}

static Z3_ast carries(differ *D, int s, int io, int o)
{
	smt_ctx *x = D->x;
	if (io < 0)
		return x->f;
	const smt_decision *d = smt_enc_decision(D->e[s]);
	const lw_clause *c = &D->c[s]->clauses[io];
	Z3_ast any = x->f;
	for (uint32_t j = c->rule0; j < c->rule0 + c->nrules; j++)
		if (lp_action_outcome(D->c[s]->rules[j].action) == o)
			any = smt_mk_or(x, any, d->fired[j]);
	return any;
}

/* Cone clause k is responsible on side s: a ground there, and its
 * counterpart did not fire for that outcome on the other side (a ground
 * that fired alike in both versions, outranked in one, is not what
 * changed). */
static int ev_resp(differ *D, int s, size_t k)
{
	const diff_clause *p = &D->m->clauses[D->cone[k]];
	return ev_ground(D, s, p->io[s]) && !ev_carries(D, !s, p->io[!s], D->d[s].outcome);
}

static Z3_ast resp_term(differ *D, int s, size_t k, int o)
{
	const diff_clause *p = &D->m->clauses[D->cone[k]];
	return smt_mk_and(D->x, D->g[s][k], smt_mk_not(D->x, carries(D, !s, p->io[!s], o)));
}

/* D->order: a clause added is matched after those both versions have,
 * but a list of causes reads in the agreement's order: "35.1.d, 36.2" */
static void cone_order(differ *D)
{
	for (int s = 0; s < 2; s++) {
		size_t *o = D->order[s] = xcalloc(D->ncone + 1, sizeof *o);
		for (size_t k = 0; k < D->ncone; k++) {
			/* insertion: few clauses are in a cone */
			unsigned key = (unsigned)D->m->clauses[D->cone[k]].io[s];   /* -1: last */
			size_t j = k;
			while (j > 0 && (unsigned)D->m->clauses[D->cone[o[j - 1]]].io[s] > key) {
				o[j] = o[j - 1];
				j--;
			}
			o[j] = k;
		}
	}
}

/* The clauses responsible on side s. */
static void cause_grounds(differ *D, smt_change *ch, int s)
{
	ch->cause[s] = xcalloc(D->ncone + 1, sizeof *ch->cause[s]);
	for (size_t j = 0; j < D->ncone; j++) {
		size_t k = D->order[s][j];
		if (ev_resp(D, s, k))
			ch->cause[s][ch->ncause[s]++] = strdup(D->c[s]->clauses[D->m->clauses[D->cone[k]].io[s]].label);
	}
}

/* "refuse by 3.1 (removed)", "grant": the outcome, and its grounds in
 * the cone (the others fire alike in both versions) */
static void side_cause(differ *D, lp_strbuf *b, int s)
{
	const lp_decision_buf *d = &D->d[s];
	lp_sb_puts(b, lp_outcome_names[d->outcome]);
	if (d->ground == PG_DEFAULT) {
		lp_sb_puts(b, " by default");
		return;
	}
	if (d->ground == PG_AGREEMENT) {
		lp_sb_puts(b, " by the agreement");
		return;
	}
	int first = 1;
	for (size_t j = 0; j < D->ncone; j++) {
		size_t k = D->order[s][j];
		int io = D->m->clauses[D->cone[k]].io[s];
		if (!ev_resp(D, s, k))
			continue;
		lp_sb_puts(b, first ? " by " : ", ");
		clause_words(D, b, s, (uint32_t)io, ev_disc(D, s, io));
		first = 0;
	}
}

/* What the model predicts of the cause's terms, as one conjunction (the
 * block of this cause), and whether the evaluators agree with it. */
static Z3_ast predicted(differ *D, Z3_model m, int *agree)
{
	smt_ctx *x = D->x;
	Z3_ast blk = x->t;
	for (int s = 0; s < 2; s++) {
		const smt_decision *d = smt_enc_decision(D->e[s]);
		for (int o = 0; o < PO__COUNT; o++)
			if (smt_model_bool(x, m, d->outcome[o])) {
				blk = smt_mk_and(x, blk, d->outcome[o]);
				*agree &= D->d[s].outcome == o;
			}
		for (int g = 0; g < 3; g++) {
			int v = smt_model_bool(x, m, d->ground[g]);
			blk = smt_mk_and(x, blk, v ? d->ground[g] : smt_mk_not(x, d->ground[g]));
			if (v)
				*agree &= D->d[s].ground == g;
		}
		/* the clauses responsible, and any others with them: a cause
		 * in combination with others is the same cause */
		for (size_t k = 0; k < D->ncone; k++) {
			int io = D->m->clauses[D->cone[k]].io[s];
			int vg = smt_model_bool(x, m, D->g[s][k]), vd = smt_model_bool(x, m, D->disc[s][k]);
			*agree &= vg == ev_ground(D, s, io) && vd == ev_disc(D, s, io);
		}
	}
	for (int s = 0; s < 2; s++)
		for (size_t k = 0; k < D->ncone; k++) {
			Z3_ast t = resp_term(D, s, k, D->d[s].outcome);
			if (!smt_model_bool(x, m, t))
				continue;
			blk = smt_mk_and(x, blk, t);
			blk = smt_mk_and(x, blk, smt_model_bool(x, m, D->disc[s][k]) ? D->disc[s][k] : smt_mk_not(x, D->disc[s][k]));
			*agree &= ev_resp(D, s, k);
		}
	return blk;
}

static void record_sides(differ *D, smt_change *ch, Z3_model m, const region *rg)
{
	fill_side(D, 0, &ch->old);
	fill_side(D, 1, &ch->neu);
	int owned = 0;
	for (int s = 0; s < 2; s++)
		for (size_t k = 0; k < D->ncone; k++) {
			int io = D->m->clauses[D->cone[k]].io[s];
			owned |= io >= 0 && D->c[s]->clauses[io].owner != LW_NONE && ev_ground(D, s, io);
		}
	witness_fields(D, m, ch, owned);
	if (rg->text)
		ch->region = strdup(rg->text);
}

static void bug(differ *D, smt_change *ch, const char *why)
{
	ch->reproduced = 0;
	ch->bug = strdup(why);
	D->r->bugs++;
}

/* ---- families of change ---- */

static int ev_source(differ *D, int s, int io, size_t k);

/* Remembers a cause of the ordinary requests: its block, and the clauses
 * responsible (grounds or sources on either side, as the evaluators
 * decided the witness). */
static void fam_block(differ *D, family *f, Z3_ast b)
{
	if (f->nblocks == f->capblocks) {
		f->capblocks = f->capblocks ? 2 * f->capblocks : 8;
		f->blocks = xrealloc(f->blocks, f->capblocks * sizeof *f->blocks);
	}
	block *k = &f->blocks[f->nblocks++];
	k->b = b;
	k->involved = xcalloc(D->ncone + 1, 1);
	for (size_t i = 0; i < D->ncone; i++)
		for (int s = 0; s < 2; s++) {
			int io = D->m->clauses[D->cone[i]].io[s];
			k->involved[i] |= (ev_ground(D, s, io) && ev_resp(D, s, i)) || ev_source(D, s, f->io[s], i);
		}
}

static family *new_family(differ *D, int ty, Z3_ast q)
{
	if (smt_is_false(D->x, q))
		return NULL;
	D->fam = xrealloc(D->fam, (D->nfam + 1) * sizeof *D->fam);
	family *f = &D->fam[D->nfam++];
	memset(f, 0, sizeof *f);
	f->type = ty;
	f->pair = -1;
	f->io[0] = f->io[1] = -1;
	f->q = q;
	return f;
}

static char *prefixed(const region *rg, lp_strbuf *b)
{
	char *body = sb_take(b);
	if (!rg->text)
		return body;
	lp_strbuf t = { 0 };
	lp_sb_printf(&t, "%s: %s", rg->text, body);
	free(body);
	return sb_take(&t);
}

/* One cause of an outcome change, or of a ground or discretion change:
 * its witness recorded, its block returned. */
static Z3_ast cause_decision(differ *D, family *f, const region *rg, Z3_model m)
{
	decide(D, m);
	int agree = 1;
	Z3_ast blk = predicted(D, m, &agree);
	smt_change *ch = new_change(D);
	ch->type = f->type;
	ch->old_outcome = D->d[0].outcome;
	ch->new_outcome = D->d[1].outcome;
	record_sides(D, ch, m, rg);
	cause_grounds(D, ch, 0);
	cause_grounds(D, ch, 1);
	lp_strbuf b = { 0 };
	if (f->type == SMT_OUTCOME) {
		side_cause(D, &b, 0);
		lp_sb_puts(&b, " -> ");
		side_cause(D, &b, 1);
	} else {
		const diff_clause *p = &D->m->clauses[f->pair];
		/* named as the version it is a ground (or discretionary) in */
		int s = f->type == SMT_GROUND_ADDED || f->type == SMT_DISCRETION_GAINED ? 1 : 0;
		if (p->io[s] < 0)
			s = !s;
		ch->clause = strdup(D->c[s]->clauses[p->io[s]].label);
		lp_sb_printf(&b, "%s: ", lp_outcome_names[f->a]);
		clause_words(D, &b, s, (uint32_t)p->io[s], f->type < SMT_DISCRETION_GAINED && ev_disc(D, s, p->io[s]));
		lp_sb_puts(&b, f->type == SMT_GROUND_ADDED ? " becomes a ground"
		             : f->type == SMT_GROUND_REMOVED ? " is no longer a ground"
		             : f->type == SMT_DISCRETION_GAINED ? " becomes discretionary (may refuse)"
		             : " is no longer discretionary (a referral it must make)");
	}
	ch->kind = prefixed(rg, &b);
	ch->reproduced = 1;
	/* the family's own condition, on the evaluators' decisions */
	int ok = agree;
	if (f->type == SMT_OUTCOME) {
		ok &= D->d[0].outcome == f->a && D->d[1].outcome == f->b;
		if (f->a == f->b)   /* the same outcome, by default one side and by the agreement the other */
			ok &= D->d[0].ground != D->d[1].ground && D->d[0].ground != PG_CLAUSES &&
			      D->d[1].ground != PG_CLAUSES;
	} else {
		const diff_clause *p = &D->m->clauses[f->pair];
		int g0 = ev_ground(D, 0, p->io[0]), g1 = ev_ground(D, 1, p->io[1]);
		ok &= D->d[0].outcome == f->a && D->d[1].outcome == f->a;
		if (f->type == SMT_GROUND_ADDED)
			ok &= !g0 && g1;
		else if (f->type == SMT_GROUND_REMOVED)
			ok &= g0 && !g1;
		else
			ok &= g0 && g1 && ev_disc(D, 0, p->io[0]) == (f->type == SMT_DISCRETION_LOST) &&
			      ev_disc(D, 1, p->io[1]) == (f->type == SMT_DISCRETION_GAINED);
	}
	if (!ok) {
		char why[512];
		snprintf(why, sizeof why, "the evaluators decided %s -> %s, not what the solver predicted",
		         ch->old.text, ch->neu.text);
		bug(D, ch, why);
	}
	return blk;
}

/* ---- obligations ---- */

static int oblig_index(const lp_schema *s, const char *name)
{
	for (uint32_t i = 0; i < s->noblig; i++)
		if (strcmp(s->obligs[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* "days", "set of tag", "flag" */
static void oblig_type_words(const lp_schema *s, const lp_oblig_desc *od, lp_strbuf *b)
{
	if (od->combine == PC_FLAG)
		lp_sb_puts(b, "flag");
	else if (od->kind == PK_SET)
		lp_sb_printf(b, "set of %s", s->enums[od->enum_index].name);
	else
		lp_sb_puts(b, lp_kind_names[od->kind]);
}

/* " (combine min -> max)", " (type flag -> days)": why the values of
 * obligation io of the old version and in of the new have no order, after
 * its name in a kind of change; nothing when its declaration kept both. */
static void decl_change_words(const lp_schema *so, int io, const lp_schema *sn, int in, lp_strbuf *b)
{
	const lp_oblig_desc *od = &so->obligs[io], *nd = &sn->obligs[in];
	if (od->kind != nd->kind || (od->combine == PC_FLAG) != (nd->combine == PC_FLAG)) {
		lp_sb_puts(b, " (type ");
		oblig_type_words(so, od, b);
		lp_sb_puts(b, " -> ");
		oblig_type_words(sn, nd, b);
		lp_sb_puts(b, ")");
	} else if (od->combine != nd->combine) {
		lp_sb_printf(b, " (combine %s -> %s)", lp_combine_names[od->combine], lp_combine_names[nd->combine]);
	}
}

/* The same kind and combine: a value of one is looser or stricter than
 * one of the other (a set's members by name). */
static int oblig_same_type(const lp_schema *a, int ia, const lp_schema *b, int ib)
{
	const lp_oblig_desc *x = &a->obligs[ia], *y = &b->obligs[ib];
	return x->combine == y->combine && x->kind == y->kind;
}

/* Obligation io of the old version and in of the new hold values of one
 * kind (their combine may differ): their values can be compared. */
static int oblig_comparable(const lp_schema *a, int ia, const lp_schema *b, int ib)
{
	return a->obligs[ia].kind == b->obligs[ib].kind;
}

/* Whether the two values differ; a set's members matched by name (a
 * member one enum lacks is in no value of it). */
static Z3_ast oval_differ(differ *D, int io, int in)
{
	smt_ctx *x = D->x;
	const smt_decision *a = smt_enc_decision(D->e[0]), *b = smt_enc_decision(D->e[1]);
	const lp_schema *sa = &D->c[0]->schema, *sb = &D->c[1]->schema;
	Z3_ast eq = x->t;
	if (sa->obligs[io].kind != PK_SET) {
		for (uint32_t m = 0; m < a->oblig_n[io]; m++)
			eq = smt_mk_and(x, eq, smt_mk_eq(x, a->oblig_val[io][m], b->oblig_val[in][m]));
		return smt_mk_not(x, eq);
	}
	const lp_enum_desc *ea = &sa->enums[sa->obligs[io].enum_index], *eb = &sb->enums[sb->obligs[in].enum_index];
	for (uint32_t m = 0; m < a->oblig_n[io]; m++) {
		int j = smt_member_index(eb, ea->members[m]);
		Z3_ast other = j >= 0 && (uint32_t)j < b->oblig_n[in] ? b->oblig_val[in][j] : x->f;
		eq = smt_mk_and(x, eq, smt_mk_eq(x, a->oblig_val[io][m], other));
	}
	for (uint32_t m = 0; m < b->oblig_n[in]; m++)
		if (smt_member_index(ea, eb->members[m]) < 0)
			eq = smt_mk_and(x, eq, smt_mk_not(x, b->oblig_val[in][m]));
	return smt_mk_not(x, eq);
}

/* Whether cone clause k (its side-s clause) imposed obligation io. */
static Z3_ast source_term(differ *D, int s, int io, size_t k)
{
	smt_ctx *x = D->x;
	int ci = D->m->clauses[D->cone[k]].io[s];
	if (ci < 0 || io < 0)
		return x->f;
	const smt_decision *d = smt_enc_decision(D->e[s]);
	const lw_clause *c = &D->c[s]->clauses[ci];
	Z3_ast any = x->f;
	for (uint32_t j = c->rule0; j < c->rule0 + c->nrules; j++)
		if (D->c[s]->rules[j].action == PA_OBLIGE && D->c[s]->rules[j].oblig == (uint32_t)io)
			any = smt_mk_or(x, any, d->fired[j]);
	return smt_mk_and(x, d->oblig_set[io], any);
}

static int ev_source(differ *D, int s, int io, size_t k)
{
	int ci = D->m->clauses[D->cone[k]].io[s];
	if (ci < 0 || io < 0 || !lp_oblig_reported(&D->c[s]->schema, &D->d[s], (uint32_t)io))
		return 0;
	size_t cw = LP_BITWORDS(D->c[s]->schema.nclauses);
	return lp_bit(D->d[s].oblig_src + (size_t)io * cw, (size_t)ci);
}

static char *value_text(const lp_schema *s, int io, const uint64_t *w)
{
	const lp_oblig_desc *od = &s->obligs[io];
	lp_strbuf b = { 0 };
	lp_json_encode_value(s, od->kind, od->enum_index, w, &b);
	return sb_take(&b);
}

/* " (4.1)", " (4.1 -> 4.5)": the obligation's sources in the cone */
static void sources_words(differ *D, smt_change *ch, lp_strbuf *b, const int io[2])
{
	for (int s = 0; s < 2; s++) {
		ch->cause[s] = xcalloc(D->ncone + 1, sizeof *ch->cause[s]);
		for (size_t j = 0; j < D->ncone; j++) {
			size_t k = D->order[s][j];
			if (ev_source(D, s, io[s], k))
				ch->cause[s][ch->ncause[s]++] = strdup(D->c[s]->clauses[D->m->clauses[D->cone[k]].io[s]].label);
		}
	}
	int same = ch->ncause[0] == ch->ncause[1];
	for (size_t i = 0; same && i < ch->ncause[0]; i++)
		same = strcmp(ch->cause[0][i], ch->cause[1][i]) == 0;
	/* added: where it comes from; removed: where it came from */
	int from = ch->type == SMT_OBLIG_ADDED ? 1 : 0, to = ch->type == SMT_OBLIG_REMOVED ? 0 : same ? 0 : 1;
	if (ch->type == SMT_OBLIG_ADDED)
		to = 1;
	if (!ch->ncause[from] && !ch->ncause[to])
		return;
	/* a side whose value comes from clauses outside the cone (that
	 * changed in nothing) has no cause to show: "(4.1)", not
	 * "(none -> 4.1)", which would read as if no clause imposed it */
	if (!ch->ncause[from])
		from = to;
	else if (!ch->ncause[to])
		to = from;
	lp_sb_puts(b, " (");
	for (int s = from; s <= to; s++) {
		if (s > from)
			lp_sb_puts(b, " -> ");
		for (size_t i = 0; i < ch->ncause[s]; i++)
			lp_sb_printf(b, "%s%s", i ? ", " : "", ch->cause[s][i]);
	}
	lp_sb_puts(b, ")");
}

/* One cause of an obligation change: values and sources, read from the
 * model; returns the block. */

/* Whether an expression reads the request (a field, or a define or table
 * that does). */
static int reads_request(const lw_program *lw, const expr *e)
{
	if (!e)
		return 0;
	if (e->kind == E_NAME && e->ref == REF_FIELD)
		return 1;
	if (e->kind == E_NAME && e->ref == REF_DEFINE && lw->defines[e->index].uses_fields)
		return 1;
	if (e->kind == E_LOOKUP && lw->tables[e->index].uses_fields)
		return 1;
	for (uint32_t i = 0; i < e->nelem; i++)
		if (reads_request(lw, e->elem[i]))
			return 1;
	return reads_request(lw, e->a) || reads_request(lw, e->b) || reads_request(lw, e->c);
}

/* Whether obligation io's value v in decision d was read from the request:
 * a rule that fired for it reads the request, and none that fired gives v
 * as a constant or as a row of a constant table (whose key the request
 * selects: it chooses the value, it does not give it).  By the rules that
 * fired, not by the value alone: a request can give a value another
 * clause's constant has. */
static int value_read_from_request(const lw_program *lw, const lp_decision_buf *d, uint32_t io, int64_t v)
{
	int read = 0;
	for (uint32_t j = 0; j < lw->schema.nrules; j++) {
		const lw_rule *r = &lw->rules[j];
		if (r->action != PA_OBLIGE || r->oblig != io || !r->value || !lp_bit(d->fired, j))
			continue;
		if (r->value->kind == E_LOOKUP) {
			const lw_table *t = &lw->tables[r->value->index];
			if (!t->uses_fields && t->rows && type_words(t->ty) == 1) {
				for (uint32_t k = 0; k < t->nkeys; k++)
					if ((int64_t)t->rows[k] == v)
						return 0;
				continue;
			}
		}
		if (reads_request(lw, r->value)) {
			read = 1;
			continue;
		}
		uint64_t w[1];
		lower_fold(lw, r->value, w);
		if ((int64_t)w[0] == v)
			return 0;
	}
	return read;
}

static Z3_ast cause_oblig(differ *D, family *f, const region *rg, Z3_model m)
{
	smt_ctx *x = D->x;
	decide(D, m);
	int valued[2], agree = 1;
	uint64_t *w[2] = { NULL, NULL };
	Z3_ast blk = x->t;
	for (int s = 0; s < 2; s++) {
		const smt_decision *d = smt_enc_decision(D->e[s]);
		int io = f->io[s];
		valued[s] = io >= 0 && D->c[s]->schema.obligs[io].combine != PC_FLAG &&
		            (f->type == SMT_OBLIG_VALUE || (f->type == SMT_OBLIG_ADDED) == (s == 1));
		if (io >= 0) {
			int set = smt_model_bool(x, m, d->oblig_set[io]);
			blk = smt_mk_and(x, blk, set ? d->oblig_set[io] : smt_mk_not(x, d->oblig_set[io]));
			agree &= set == lp_oblig_reported(&D->c[s]->schema, &D->d[s], (uint32_t)io);
		}
		for (size_t k = 0; k < D->ncone; k++) {
			Z3_ast t = source_term(D, s, io, k);
			if (smt_is_false(x, t))
				continue;
			int v = smt_model_bool(x, m, t);
			blk = smt_mk_and(x, blk, v ? t : smt_mk_not(x, t));
			agree &= v == ev_source(D, s, io, k);
		}
		if (!valued[s])
			continue;
		const lp_oblig_desc *od = &D->c[s]->schema.obligs[io];
		w[s] = xcalloc(od->nslots + 1, sizeof *w[s]);
		if (od->kind == PK_SET) {
			for (uint32_t k = 0; k < d->oblig_n[io]; k++)
				if (smt_model_bool(x, m, d->oblig_val[io][k]))
					lp_bit_set(w[s], k);
		} else {
			w[s][0] = (uint64_t)smt_model_num(x, m, d->oblig_val[io][0]);
		}
		agree &= words_eq(w[s], D->d[s].oblig_val + od->slot, od->nslots);
		const smt_enc *E = D->e[s];
		if (od->kind != PK_SET && E->ovar[io]) {
			int known = 0;
			for (uint32_t k = 0; k < E->noconst[io]; k++)
				known |= E->oconst[io][k] == (int64_t)w[s][0];
			if (!known) {
				/* computed from the request: one cause for every
				 * value other than the constants */
				Z3_ast other = x->t;
				for (uint32_t k = 0; k < E->noconst[io]; k++)
					other = smt_mk_and(x, other, smt_mk_not(x, smt_mk_eq(x, d->oblig_val[io][0],
					                                            smt_k64(x, E->oconst[io][k]))));
				blk = smt_mk_and(x, blk, other);
				continue;
			}
		}
		Z3_ast eq = x->t;
		if (od->kind == PK_SET)
			for (uint32_t k = 0; k < d->oblig_n[io]; k++)
				eq = smt_mk_and(x, eq, lp_bit(w[s], k) ? d->oblig_val[io][k] : smt_mk_not(x, d->oblig_val[io][k]));
		else
			eq = smt_mk_eq(x, d->oblig_val[io][0], smt_k64(x, (int64_t)w[s][0]));
		blk = smt_mk_and(x, blk, eq);
	}
	smt_change *ch = new_change(D);
	ch->type = f->type;
	ch->old_outcome = D->d[0].outcome;
	ch->new_outcome = D->d[1].outcome;
	ch->oblig = strdup(f->name);
	record_sides(D, ch, m, rg);
	for (int s = 0; s < 2; s++)
		if (w[s])
			(s ? &ch->new_value : &ch->old_value)[0] = value_text(&D->c[s]->schema, f->io[s], w[s]);
	/* the values in words, as a test's `expect ... with` writes them */
	lp_strbuf t[2] = { { 0 }, { 0 } };
	for (int s = 0; s < 2; s++) {
		if (!w[s]) {   /* a flag: it has no value but being imposed */
			if (f->io[s] >= 0)
				lp_sb_puts(&t[s], "imposed");
			continue;
		}
		const lp_oblig_desc *od = &D->c[s]->schema.obligs[f->io[s]];
		lp_source_value(&D->c[s]->schema, od->kind, od->enum_index, w[s], &t[s]);
		if (od->kind != PK_SET && value_read_from_request(D->c[s], &D->d[s], (uint32_t)f->io[s], (int64_t)w[s][0]))
			lp_sb_puts(&t[s], " (from the request)");
	}
	lp_strbuf b = { 0 };
	if (f->type == SMT_OBLIG_ADDED)
		lp_sb_printf(&b, ch->new_value ? "%s: added (%s)" : "%s: added", f->name, t[1].data);
	else if (f->type == SMT_OBLIG_REMOVED)
		lp_sb_printf(&b, ch->old_value ? "%s: removed (was %s)" : "%s: removed", f->name, t[0].data);
	else {
		lp_sb_puts(&b, f->name);
		decl_change_words(&D->c[0]->schema, f->io[0], &D->c[1]->schema, f->io[1], &b);
		lp_sb_printf(&b, ": %s -> %s", t[0].data ? t[0].data : "", t[1].data ? t[1].data : "");
	}
	lp_sb_free(&t[0]);
	lp_sb_free(&t[1]);
	sources_words(D, ch, &b, f->io);
	ch->kind = prefixed(rg, &b);
	ch->reproduced = 1;
	int ok = agree && D->d[0].outcome == D->d[1].outcome;
	for (int s = 0; s < 2 && ok; s++) {
		int want = f->type == SMT_OBLIG_VALUE || (f->type == SMT_OBLIG_ADDED) == (s == 1);
		int set = f->io[s] >= 0 && lp_oblig_reported(&D->c[s]->schema, &D->d[s], (uint32_t)f->io[s]);
		ok = set == want;
	}
	if (!ok) {
		char why[512];
		snprintf(why, sizeof why, "the evaluators do not show the change %s (old: %s; new: %s)",
		         ch->kind, ch->old.text, ch->neu.text);
		bug(D, ch, why);
	}
	free(w[0]);
	free(w[1]);
	return blk;
}

/* ---- the families ---- */

/* Whether some clause of the cone imposes the obligation (the others
 * impose it alike in both versions). */
static int oblig_in_cone(differ *D, const int io[2])
{
	for (int s = 0; s < 2; s++)
		for (size_t k = 0; k < D->ncone; k++)
			if (!smt_is_false(D->x, source_term(D, s, io[s], k)))
				return 1;
	return 0;
}

static Z3_ast same_outcome(differ *D)
{
	smt_ctx *x = D->x;
	const smt_decision *o = smt_enc_decision(D->e[0]), *n = smt_enc_decision(D->e[1]);
	Z3_ast same = x->f;
	for (int a = 0; a < PO__COUNT; a++)
		same = smt_mk_or(x, same, smt_mk_and(x, o->outcome[a], n->outcome[a]));
	return same;
}

static void families(differ *D)
{
	smt_ctx *x = D->x;
	const smt_decision *o = smt_enc_decision(D->e[0]), *n = smt_enc_decision(D->e[1]);
	const lp_schema *so = &D->c[0]->schema, *sn = &D->c[1]->schema;
	for (int a = 0; a < PO__COUNT; a++)
		for (int b = 0; b < PO__COUNT; b++) {
			if (a == b)
				continue;
			family *f = new_family(D, SMT_OUTCOME, smt_mk_and(x, o->outcome[a], n->outcome[b]));
			if (f) {
				f->a = (uint8_t)a;
				f->b = (uint8_t)b;
			}
		}
	/* refused by default, now by the agreement (its dates, its
	 * Parties), or the reverse: the same outcome on another footing,
	 * which no clause's ground explains */
	for (int g = 0; g < 2; g++) {
		Z3_ast from = o->ground[g ? PG_AGREEMENT : PG_DEFAULT], to = n->ground[g ? PG_DEFAULT : PG_AGREEMENT];
		family *f = new_family(D, SMT_OUTCOME,
		                       smt_mk_and(x, smt_mk_and(x, o->outcome[PO_REFUSE], n->outcome[PO_REFUSE]),
		                                  smt_mk_and(x, from, to)));
		if (f)
			f->a = f->b = PO_REFUSE;
	}
	/* obligations some clause of the cone imposes */
	Z3_ast same = same_outcome(D);
	for (int pass = 0; pass < 2; pass++) {
		const lp_schema *s = pass ? sn : so;
		for (uint32_t i = 0; i < s->noblig; i++) {
			const char *name = s->obligs[i].name;
			int io[2] = { oblig_index(so, name), oblig_index(sn, name) };
			if (pass == 1 && io[0] >= 0)
				continue;
			if (!oblig_in_cone(D, io))
				continue;
			Z3_ast set_o = io[0] >= 0 ? o->oblig_set[io[0]] : x->f;
			Z3_ast set_n = io[1] >= 0 ? n->oblig_set[io[1]] : x->f;
			Z3_ast value = x->f;   /* carried by both, with other values */
			if (io[0] >= 0 && io[1] >= 0 && !oblig_comparable(so, io[0], sn, io[1])) {
				/* a flag become a number, days become a set: every
				 * request that carries it in both is a change */
				lp_strbuf b = { 0 };
				lp_sb_printf(&b, "obligation %s", name);
				decl_change_words(so, io[0], sn, io[1], &b);
				lp_sb_puts(&b, ": where both versions impose it, its value is a change");
				add_str(&D->r->schema, &D->r->nschema, sb_take(&b));
				value = smt_mk_and(x, set_o, set_n);
			} else if (io[0] >= 0 && io[1] >= 0 && so->obligs[io[0]].combine != PC_FLAG) {
				value = smt_mk_and(x, smt_mk_and(x, set_o, set_n), oval_differ(D, io[0], io[1]));
			}
			Z3_ast q[3] = { smt_mk_and(x, smt_mk_not(x, set_o), set_n), smt_mk_and(x, set_o, smt_mk_not(x, set_n)),
			                value };
			int types[3] = { SMT_OBLIG_ADDED, SMT_OBLIG_REMOVED, SMT_OBLIG_VALUE };
			for (int t = 0; t < 3; t++) {
				family *f = new_family(D, types[t], smt_mk_and(x, same, q[t]));
				if (f) {
					f->io[0] = io[0];
					f->io[1] = io[1];
					f->name = name;
				}
			}
		}
	}
	/* per clause of the cone: grounds, then discretion */
	for (size_t k = 0; k < D->ncone; k++) {
		for (int a = 0; a < PO__COUNT; a++) {
			Z3_ast both = smt_mk_and(x, o->outcome[a], n->outcome[a]);
			for (int added = 1; added >= 0; added--) {
				Z3_ast q = added ? smt_mk_and(x, smt_mk_not(x, D->g[0][k]), D->g[1][k])
				                 : smt_mk_and(x, D->g[0][k], smt_mk_not(x, D->g[1][k]));
				family *f = new_family(D, added ? SMT_GROUND_ADDED : SMT_GROUND_REMOVED, smt_mk_and(x, both, q));
				if (f) {
					f->a = f->b = (uint8_t)a;
					f->pair = (int)D->cone[k];
				}
			}
		}
		Z3_ast refer = smt_mk_and(x, o->outcome[PO_REFER], n->outcome[PO_REFER]);
		Z3_ast both = smt_mk_and(x, refer, smt_mk_and(x, D->g[0][k], D->g[1][k]));
		for (int gained = 1; gained >= 0; gained--) {
			Z3_ast q = gained ? smt_mk_and(x, smt_mk_not(x, D->disc[0][k]), D->disc[1][k])
			                  : smt_mk_and(x, D->disc[0][k], smt_mk_not(x, D->disc[1][k]));
			family *f = new_family(D, gained ? SMT_DISCRETION_GAINED : SMT_DISCRETION_LOST, smt_mk_and(x, both, q));
			if (f) {
				f->a = f->b = PO_REFER;
				f->pair = (int)D->cone[k];
			}
		}
	}
}

static void change_free(smt_change *c);

static int labels_within(char **a, size_t na, char **b, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		size_t j = 0;
		while (j < nb && strcmp(a[i], b[j]) != 0)
			j++;
		if (j == nb)
			return 0;
	}
	return 1;
}

/* Of the causes of one family found from `first` on, those whose
 * clauses on both sides include another's (found later, as the witness
 * nearest the baseline came first) are that cause in combination. */
static void drop_combinations(differ *D, size_t first)
{
	smt_diff_result *r = D->r;
	size_t n = r->nchanges;
	/* which, against all the others, before any is freed */
	uint8_t *combined = xcalloc(n + 1, 1);
	for (size_t i = first; i < n; i++) {
		const smt_change *c = &r->changes[i];
		for (size_t j = first; j < n && !combined[i] && c->type == SMT_OUTCOME; j++) {
			const smt_change *d = &r->changes[j];
			if (j == i || d->old.ground != c->old.ground || d->neu.ground != c->neu.ground ||
			    (d->ncause[0] == c->ncause[0] && d->ncause[1] == c->ncause[1]))
				continue;
			combined[i] = labels_within(d->cause[0], d->ncause[0], c->cause[0], c->ncause[0]) &&
			              labels_within(d->cause[1], d->ncause[1], c->cause[1], c->ncause[1]);
		}
	}
	size_t k = first;
	for (size_t i = first; i < n; i++) {
		smt_change *c = &r->changes[i];
		if (combined[i]) {
			r->bugs -= c->bug != NULL;
			change_free(c);
			continue;
		}
		if (k != i)
			r->changes[k] = *c;
		k++;
	}
	free(combined);
	r->nchanges = k;
}

/* The families, asked region by region, every cause with its witness. */
static void search(differ *D)
{
	smt_ctx *x = D->x;
	for (size_t ri = 0; ri < D->nrg; ri++) {
		const region *rg = &D->rg[ri];
		D->region_at = ri;
		size_t mr = open_scope(D);
		hold(D, rg->cond);
		if (ri == 0 || check(D) != Z3_L_FALSE) {
			size_t pair_seen = (size_t)-1;
			for (size_t i = 0; i < D->nfam; i++) {
				family *f = &D->fam[i];
				if (f->pair >= 0 && (size_t)f->pair != pair_seen) {
					pair_seen = (size_t)f->pair;
					if (ri == 0)
						D->clauses_done++;
				}
				if (f->done)
					continue;
				int single = f->type >= SMT_GROUND_ADDED;
				unsigned limit = f->type >= SMT_OBLIG_ADDED && f->type <= SMT_OBLIG_VALUE ? D->o->max_values
				               : D->o->max_causes;
				size_t mf = open_scope(D), first = D->r->nchanges;
				if (getenv("PACTA_DIFF_TRACE"))
					fprintf(stderr, "region %zu family %zu: %s %d %d pair %d %s\n", ri, i,
					        smt_change_type_names[f->type], f->a, f->b, f->pair, f->name ? f->name : "");
				hold(D, f->q);
				for (size_t k = 0; ri > 0 && k < f->nblocks; k++) {
					int own = 0;
					for (size_t c = 0; c < D->ncone && !own; c++)
						own = f->blocks[k].involved[c] && rg->named[c];
					if (!own)
						hold(D, smt_mk_not(x, f->blocks[k].b));
				}
				for (;;) {
					if (check(D) != Z3_L_TRUE)
						break;
					if (limit && f->found >= limit) {
						D->r->truncated = 1;
						if (f->type == SMT_OUTCOME)
							note(D, "%s%s%s -> %s: more than %u cause%s; the others were left out "
							     "(--max-causes)", rg->text ? rg->text : "", rg->text ? ": " : "",
							     lp_outcome_names[f->a], lp_outcome_names[f->b], limit,
							     limit == 1 ? "" : "s");
						else
							note(D, "%s%s%s: more than %u value%s; the others were left out",
							     rg->text ? rg->text : "", rg->text ? ": " : "", f->name, limit,
							     limit == 1 ? "" : "s");
						break;
					}
					Z3_model m = witness(D);
					if (!m)
						break;
					Z3_ast blk = f->type >= SMT_OBLIG_ADDED && f->type <= SMT_OBLIG_VALUE
					           ? cause_oblig(D, f, rg, m) : cause_decision(D, f, rg, m);
					Z3_model_dec_ref(x->z, m);
					f->found++;
					if (ri == 0)
						fam_block(D, f, blk);
					if (single) {
						f->done = 1;
						break;
					}
					hold(D, smt_mk_not(x, blk));
				}
				release(D, mf);
				drop_combinations(D, first);
			}
		}
		release(D, mr);
	}
	D->clauses_done = D->ncone;
}

/* ---- regions: what one version lacks ---- */

/* Whether expression e of side s names what region rg is about: its
 * member (or a table's entry for it), or its field; through defines and
 * tables (each looked at once: `seen`). */
static int names(differ *D, int s, const expr *e, const region *rg, uint8_t *seen)
{
	const lw_program *lw = D->c[s];
	if (!e)
		return 0;
	if (e->kind == E_NAME) {
		if (e->ref == REF_MEMBER && rg->en) {
			const lp_enum_desc *en = &lw->schema.enums[type_enum(e->ty)];
			if (strcmp(en->name, rg->en) == 0 && strcmp(en->members[e->member], rg->member) == 0)
				return 1;
		} else if (e->ref == REF_FIELD && rg->field) {
			if (strcmp(lw->schema.fields[e->index].name, rg->field) == 0)
				return 1;
		} else if (e->ref == REF_DEFINE && !seen[e->index]) {
			seen[e->index] = 1;
			if (names(D, s, lw->defines[e->index].value, rg, seen))
				return 1;
		}
	}
	if (e->kind == E_LOOKUP && !seen[lw->ndefines + e->index]) {
		const lw_table *t = &lw->tables[e->index];
		seen[lw->ndefines + e->index] = 1;
		const lp_enum_desc *key = &lw->schema.enums[type_enum(t->key)];
		for (uint32_t k = 0; k < t->nkeys; k++) {
			int shared = 0;   /* the `_` entry serves several keys */
			for (uint32_t j = 0; j < t->nkeys && !shared; j++)
				shared = j != k && t->by_key[j] == t->by_key[k];
			if (rg->en && !shared && strcmp(key->name, rg->en) == 0 && strcmp(key->members[k], rg->member) == 0)
				return 1;
		}
		for (uint32_t k = 0; k < t->nentries; k++)
			if (names(D, s, t->entries[k], rg, seen))
				return 1;
	}
	for (uint32_t i = 0; i < e->nelem; i++)
		if (names(D, s, e->elem[i], rg, seen))
			return 1;
	return names(D, s, e->a, rg, seen) || names(D, s, e->b, rg, seen) || names(D, s, e->c, rg, seen);
}

static void add_region(differ *D, Z3_ast cond, char *text, const char *en, const char *member,
                       const char *field)
{
	D->rg = xrealloc(D->rg, (D->nrg + 1) * sizeof *D->rg);
	region *rg = &D->rg[D->nrg++];
	memset(rg, 0, sizeof *rg);
	rg->cond = cond;
	rg->text = text;
	rg->en = en;
	rg->member = member;
	rg->field = field;
	rg->named = xcalloc(D->ncone + 1, 1);
	if (!en && !field)
		return;
	for (size_t k = 0; k < D->ncone; k++)
		for (int s = 0; s < 2 && !rg->named[k]; s++) {
			int io = D->m->clauses[D->cone[k]].io[s];
			if (io < 0)
				continue;
			const lw_program *lw = D->c[s];
			const lw_clause *c = &lw->clauses[io];
			uint8_t *seen = xcalloc(lw->ndefines + lw->ntables + 1, 1);
			for (uint32_t j = c->rule0; j < c->rule0 + c->nrules && !rg->named[k]; j++)
				rg->named[k] = names(D, s, lw->rules[j].when, rg, seen) ||
				               names(D, s, lw->rules[j].unless, rg, seen) ||
				               names(D, s, lw->rules[j].value, rg, seen);
			free(seen);
		}
}

static int foreign(const differ *D, int side, const char *en, const char *member)
{
	for (size_t i = 0; i < D->o->nforeign; i++) {
		const diff_member *f = &D->o->foreign[i];
		if (f->side == side && strcmp(f->en, en) == 0 && strcmp(f->member, member) == 0)
			return 1;
	}
	return 0;
}

/* The ordinary requests first, then for each enum member a version lacks
 * (named by a field of the other), and each field a version lacks (off
 * its default), the requests naming it and none of those before it: a
 * change the requests naming a member show is that member's, not also
 * that of a field nothing reads. */
static void regions(differ *D)
{
	smt_ctx *x = D->x;
	Z3_ast ordinary = x->t, before = x->f;
	add_region(D, x->t, NULL, NULL, NULL, NULL);
	size_t nr = 0;
	for (size_t k = 0; k < x->nvars; k++) {
		const smt_var *v = x->vars[k];
		if (v->priv)
			continue;
		if ((v->kind == PK_ENUM || v->kind == PK_SET) && v->field[0] >= 0 && v->field[1] >= 0) {
			for (uint32_t i = 0; i < v->nmembers; i++) {
				const char *mem = v->en->members[i];
				int lacks = -1;
				for (int s = 0; s < 2 && lacks < 0; s++)
					if (foreign(D, s, side_enum(D, v, s)->name, mem))
						lacks = s;
				if (lacks < 0)
					continue;
				Z3_ast c = v->kind == PK_SET ? v->bits[i] : smt_var_eq(x, v, (uint64_t[]){ i });
				ordinary = smt_mk_and(x, ordinary, smt_mk_not(x, c));
				Z3_ast own = smt_mk_and(x, c, smt_mk_not(x, before));
				before = smt_mk_or(x, before, c);
				if (++nr > D->o->max_regions)
					continue;
				char *t = arena_printf(x->ar, v->kind == PK_SET ? "%s includes %s, which the %s version lacks"
				                                                : "%s = %s, which the %s version lacks",
				                       v->name, mem, lacks ? "new" : "old");
				add_region(D, own, t, side_enum(D, v, lacks ? 0 : 1)->name, mem, NULL);
			}
			continue;
		}
		if (v->field[0] >= 0 && v->field[1] >= 0)
			continue;
		int s = v->field[0] >= 0 ? 0 : 1;
		const lp_field_desc *f = &D->c[s]->schema.fields[v->field[s]];
		if (!f->has_default)
			continue;
		uint64_t *dv = arena_alloc(x->ar, (var_words(v) + 1) * sizeof *dv);
		to_var(D, v, s, f->defval, dv);
		Z3_ast c = smt_mk_not(x, smt_var_eq(x, v, dv));
		ordinary = smt_mk_and(x, ordinary, smt_mk_not(x, c));
		Z3_ast own = smt_mk_and(x, c, smt_mk_not(x, before));
		before = smt_mk_or(x, before, c);
		if (++nr > D->o->max_regions)
			continue;
		lp_strbuf b = { 0 };
		lp_source_value(&D->c[s]->schema, f->kind, f->enum_index, f->defval, &b);
		add_region(D, own, arena_printf(x->ar, "%s off its default (%.*s), a field only the %s version has", v->name,
		                              (int)b.len, b.data ? b.data : "", s ? "new" : "old"), NULL, NULL, v->name);
		lp_sb_free(&b);
	}
	if (nr > D->o->max_regions) {
		D->r->truncated = 1;
		note(D, "%zu members or fields one version lacks; the requests naming the first %u were searched "
		     "one by one, the others only for causes found among the rest (--max-regions)", nr, D->o->max_regions);
	}
	D->rg[0].cond = ordinary;
}

/* A field's default as a request block writes it, or NULL: none. */
static char *default_text(const lp_schema *s, const lp_field_desc *f)
{
	if (!f->has_default)
		return NULL;
	lp_strbuf b = { 0 };
	lp_source_value(s, f->kind, f->enum_index, f->defval, &b);
	return sb_take(&b);
}

/* A default that changed: the comparison decides requests that give the
 * field, so a request that leaves it out is not what it compared. */
static void default_note(differ *D, const smt_var *v)
{
	char *d[2];
	for (int s = 0; s < 2; s++)
		d[s] = default_text(&D->c[s]->schema, &D->c[s]->schema.fields[v->field[s]]);
	if ((d[0] || d[1]) && !(d[0] && d[1] && !strcmp(d[0], d[1]))) {
		char *t = NULL, *w[2];
		for (int s = 0; s < 2; s++)
			if (!d[s] || asprintf(&w[s], "decides it as one with %s = %s", v->name, d[s]) < 0)
				w[s] = strdup("answers it with an error (it requires the field)");
		if (asprintf(&t, "field %s: its default changed (%s -> %s): the comparison is of requests that "
		             "give it; of one that leaves it out, the old version %s, the new %s (--replay "
		             "decides logged requests as they are)", v->name, d[0] ? d[0] : "none",
		             d[1] ? d[1] : "none", w[0], w[1]) >= 0)
			add_str(&D->r->schema, &D->r->nschema, t);
		add_str(&D->r->defaults, &D->r->ndefaults, strdup(v->name));
		free(w[0]);
		free(w[1]);
	}
	free(d[0]);
	free(d[1]);
}

/* In words, what the comparison made of fields one version lacks. */
static void schema_notes(differ *D)
{
	smt_ctx *x = D->x;
	smt_diff_result *r = D->r;
	for (size_t i = 0; i < D->o->nnotes; i++)
		add_str(&r->schema, &r->nschema, strdup(D->o->notes[i]));
	for (size_t i = 0; i < x->nnotes; i++)
		add_str(&r->schema, &r->nschema, strdup(x->notes[i]));
	/* each of these notes says what requests it left out */
	r->partial = D->o->nnotes > 0 || x->nnotes > 0;
	for (size_t k = 0; k < x->nvars; k++) {
		const smt_var *v = x->vars[k];
		char buf[512];
		if (v->priv)
			continue;
		if (v->field[0] >= 0 && v->field[1] >= 0) {
			default_note(D, v);
			if (v->kind != PK_ENUM && v->kind != PK_SET)
				continue;
			for (int s = 0; s < 2; s++) {
				lp_strbuf b = { 0 };
				int nf = 0;
				for (uint32_t i = 0; i < v->nmembers; i++)
					if (foreign(D, s, side_enum(D, v, s)->name, v->en->members[i]))
						lp_sb_printf(&b, "%s%s", nf++ ? ", " : "", v->en->members[i]);
				if (b.len) {
					snprintf(buf, sizeof buf, "field %s: the %s version lacks %s %.*s; it decides a request "
					         "naming %s as one naming a value outside all its member tests", v->name,
					         s ? "new" : "old", nf > 1 ? "the members" : "the member", (int)b.len, b.data,
					         nf > 1 ? "one" : "it");
					add_str(&r->schema, &r->nschema, strdup(buf));
				}
				lp_sb_free(&b);
			}
			continue;
		}
		int s = v->field[0] >= 0 ? 0 : 1;
		const lp_field_desc *f = &D->c[s]->schema.fields[v->field[s]];
		if (f->has_default) {
			lp_strbuf b = { 0 };
			lp_json_encode_value(&D->c[s]->schema, f->kind, f->enum_index, f->defval, &b);
			snprintf(buf, sizeof buf, "field %s: only in the %s version (default %.*s); the %s version decides "
			         "without it, a request of its own being one with %s = %.*s", v->name, s ? "new" : "old",
			         (int)b.len, b.data, s ? "old" : "new", v->name, (int)b.len, b.data);
			lp_sb_free(&b);
		} else {
			snprintf(buf, sizeof buf, "field %s: only in the %s version, which requires it; a request of the "
			         "%s version is not representable in it without %s, and is compared for every value of it",
			         v->name, s ? "new" : "old", s ? "old" : "new", v->name);
		}
		add_str(&r->schema, &r->nschema, strdup(buf));
	}
}

/* ---- signatures ---- */

static smt_var *shared_var(differ *D, const char *name)
{
	for (size_t k = 0; k < D->x->nvars; k++) {
		smt_var *v = D->x->vars[k];
		if (!v->priv && v->field[0] >= 0 && v->field[1] >= 0 &&
		    (strcmp(v->name, name) == 0 || strcmp(D->c[1]->schema.fields[v->field[1]].name, name) == 0))
			return v;   /* a field renamed, by either name */
	}
	return NULL;
}

static smt_var *any_var(differ *D, const char *name)
{
	smt_var *v = shared_var(D, name);   /* a field renamed, by either name */
	for (size_t k = 0; k < D->x->nvars && !v; k++)
		if (strcmp(D->x->vars[k]->name, name) == 0)
			v = D->x->vars[k];
	return v;
}

/* Obligation io0/io1 looser (dir 0) or stricter (dir 1) in the new
 * version, on requests both decide alike: see docs/diff.md. */
static Z3_ast oblig_dir(differ *D, int io0, int io1, int dir)
{
	smt_ctx *x = D->x;
	const smt_decision *o = smt_enc_decision(D->e[0]), *n = smt_enc_decision(D->e[1]);
	Z3_ast s0 = io0 >= 0 ? o->oblig_set[io0] : x->f, s1 = io1 >= 0 ? n->oblig_set[io1] : x->f;
	/* imposed by one only: stricter there */
	Z3_ast r = dir ? smt_mk_and(x, smt_mk_not(x, s0), s1) : smt_mk_and(x, s0, smt_mk_not(x, s1));
	if (io0 < 0 || io1 < 0)
		return r;
	const lp_oblig_desc *od = &D->c[0]->schema.obligs[io0];
	if (od->combine == PC_FLAG)
		return r;
	Z3_ast both = smt_mk_and(x, s0, s1), t = x->f;
	if (od->kind == PK_SET) {
		/* union: a member more is stricter; intersect: fewer.  Members
		 * by name: one an enum lacks is in no value of it */
		int more_is_stricter = od->combine == PC_UNION;
		const lp_enum_desc *e0 = &D->c[0]->schema.enums[od->enum_index];
		const lp_enum_desc *e1 = &D->c[1]->schema.enums[D->c[1]->schema.obligs[io1].enum_index];
		for (int side = 0; side < 2; side++) {
			const lp_enum_desc *ea = side ? e1 : e0, *eb = side ? e0 : e1;
			for (uint32_t m = 0; m < ea->nmembers; m++) {
				int j = smt_member_index(eb, ea->members[m]);
				if (side && j >= 0)
					continue;   /* both have it: done from the old side */
				Z3_ast v0 = side ? x->f : o->oblig_val[io0][m];
				Z3_ast v1 = side ? n->oblig_val[io1][m] : j >= 0 ? n->oblig_val[io1][j] : x->f;
				Z3_ast added = smt_mk_and(x, smt_mk_not(x, v0), v1);
				Z3_ast gone = smt_mk_and(x, v0, smt_mk_not(x, v1));
				t = smt_mk_or(x, t, (dir == 1) == more_is_stricter ? added : gone);
			}
		}
	} else {
		/* min: a smaller bound is stricter; max: a larger one */
		Z3_ast v0 = o->oblig_val[io0][0], v1 = n->oblig_val[io1][0];
		int smaller_is_stricter = od->combine == PC_MIN;
		t = (dir == 1) == smaller_is_stricter ? Z3_mk_bvslt(x->z, v1, v0) : Z3_mk_bvslt(x->z, v0, v1);
	}
	return smt_mk_or(x, r, smt_mk_and(x, both, t));
}

/* The requests the new version decides more (dir 0) or less (dir 1)
 * permissively, and those it decides alike but on other grounds. */
static void sig_terms(differ *D, Z3_ast q[3])
{
	smt_ctx *x = D->x;
	const smt_decision *o = smt_enc_decision(D->e[0]), *n = smt_enc_decision(D->e[1]);
	static const int rank[PO__COUNT] = { 2, 1, 0 };   /* grant, refer, refuse */
	Z3_ast out[2] = { x->f, x->f };
	for (int a = 0; a < PO__COUNT; a++)
		for (int b = 0; b < PO__COUNT; b++)
			if (rank[b] != rank[a])
				out[rank[b] < rank[a]] = smt_mk_or(x, out[rank[b] < rank[a]], smt_mk_and(x, o->outcome[a], n->outcome[b]));
	Z3_ast same = same_outcome(D);
	const lp_schema *so = &D->c[0]->schema, *sn = &D->c[1]->schema;
	Z3_ast ob[2] = { x->f, x->f }, other = x->f;
	for (int pass = 0; pass < 2; pass++) {
		const lp_schema *s = pass ? sn : so;
		for (uint32_t i = 0; i < s->noblig; i++) {
			int io[2] = { oblig_index(so, s->obligs[i].name), oblig_index(sn, s->obligs[i].name) };
			if ((pass == 1 && io[0] >= 0) || !oblig_in_cone(D, io))
				continue;
			if (io[0] >= 0 && io[1] >= 0 && !oblig_same_type(so, io[0], sn, io[1])) {
				/* its combine or kind changed: imposed by one version
				 * only is stricter there; another value is a change
				 * with no direction */
				Z3_ast s0 = o->oblig_set[io[0]], s1 = n->oblig_set[io[1]];
				ob[0] = smt_mk_or(x, ob[0], smt_mk_and(x, s0, smt_mk_not(x, s1)));
				ob[1] = smt_mk_or(x, ob[1], smt_mk_and(x, smt_mk_not(x, s0), s1));
				Z3_ast both = smt_mk_and(x, s0, s1);
				if (oblig_comparable(so, io[0], sn, io[1]) && so->obligs[io[0]].combine != PC_FLAG)
					both = smt_mk_and(x, both, oval_differ(D, io[0], io[1]));
				else if (so->obligs[io[0]].combine == PC_FLAG && sn->obligs[io[1]].combine == PC_FLAG)
					both = x->f;
				other = smt_mk_or(x, other, both);
				continue;
			}
			for (int dir = 0; dir < 2; dir++)
				ob[dir] = smt_mk_or(x, ob[dir], oblig_dir(D, io[0], io[1], dir));
		}
	}
	for (int dir = 0; dir < 2; dir++)
		q[dir] = smt_mk_or(x, out[dir], smt_mk_and(x, same, ob[dir]));
	/* refused by default one side, by the agreement the other */
	other = smt_mk_or(x, other, smt_mk_and(x, o->ground[PG_DEFAULT], n->ground[PG_AGREEMENT]));
	other = smt_mk_or(x, other, smt_mk_and(x, o->ground[PG_AGREEMENT], n->ground[PG_DEFAULT]));
	for (size_t k = 0; k < D->ncone; k++)
		other = smt_mk_or(x, other, smt_mk_or(x, smt_mk_not(x, smt_mk_eq(x, D->g[0][k], D->g[1][k])),
		                                      smt_mk_not(x, smt_mk_eq(x, D->disc[0][k], D->disc[1][k]))));
	q[2] = smt_mk_and(x, same, other);
}

static char *model_witness(differ *D, Z3_model m)
{
	smt_change tmp;
	memset(&tmp, 0, sizeof tmp);
	witness_fields(D, m, &tmp, 0);
	for (size_t i = 0; i < tmp.nwitness_fields; i++)
		free(tmp.witness_fields[i]);
	free(tmp.witness_fields);
	return tmp.witness_json;
}

/* The `by` fields of the signatures, each an enum field of both versions:
 * 0, or -1 with r->error (before anything is searched). */
static int signature_fields(differ *D)
{
	smt_diff_result *r = D->r;
	static const char *const dflt[1] = { "assistance" };
	const char *const *by = D->o->by;
	size_t nby = D->o->nby;
	if (!by) {
		smt_var *v = shared_var(D, "assistance");
		by = dflt;
		nby = v && v->kind == PK_ENUM ? 1 : 0;
	}
	smt_var **bv = xcalloc(nby + 1, sizeof *bv);
	for (size_t i = 0; i < nby; i++) {
		smt_var *v = any_var(D, by[i]);
		const char *why = NULL;
		char buf[160];
		if (!v || (v->field[0] < 0 && v->field[1] < 0)) {
			why = "neither version has that field";
		} else if (v->field[0] < 0 || v->field[1] < 0) {
			why = v->field[0] < 0 ? "only the new version has that field" : "only the old version has that field";
		} else if (v->priv) {
			why = "its type differs between the versions";
		} else if (v->kind != PK_ENUM) {
			snprintf(buf, sizeof buf, "it is a %s field, and a signature is made of enum fields",
			         v->kind == PK_SET ? "set" : lp_kind_names[v->kind]);
			why = buf;
		}
		if (why) {
			snprintf(r->error, sizeof r->error, "--by %s: %s", by[i], why);
			free(bv);
			return -1;
		}
		bv[i] = v;
		add_str(&r->sig_fields, &r->nsig_fields, strdup(by[i]));
	}
	D->by = bv;
	D->nby = nby;
	return 0;
}

static int signatures(differ *D)
{
	smt_ctx *x = D->x;
	smt_diff_result *r = D->r;
	smt_var **bv = D->by;
	size_t nby = D->nby;
	const char *const *by = (const char *const *)r->sig_fields;
	smt_var *va = any_var(D, "requesting_party"), *vb = any_var(D, "requested_party");
	if (!va || !vb || va->priv || vb->priv || va->field[0] < 0 || va->field[1] < 0 || vb->field[0] < 0 ||
	    vb->field[1] < 0 || va->kind != PK_ENUM || vb->kind != PK_ENUM || va->nmembers != vb->nmembers) {
		r->signature_note = strdup("no summary: requesting_party and requested_party are not enum fields "
		                           "of the same type in both versions");
		return 0;
	}
	/* the parties of either agreement */
	uint32_t *pm = xcalloc(va->nmembers + 1, sizeof *pm);
	size_t np = 0;
	for (uint32_t m = 0; m < va->nmembers; m++) {
		int in = 0;
		for (int s = 0; s < 2; s++) {
			const lw_scope *sc = &D->c[s]->scope;
			int k = smt_member_index(side_enum(D, va, s), va->en->members[m]);
			if (k >= 0 && sc->parties && (uint32_t)k < sc->party_words * 64 && lp_bit(sc->parties, (uint32_t)k))
				in = 1;
		}
		if (in)
			pm[np++] = m;
	}
	if (np < 2) {
		r->signature_note = strdup("no summary: the agreements name fewer than two parties");
		free(pm);
		return 0;
	}
	size_t per = 1;
	for (size_t i = 0; i < nby; i++)
		per *= bv[i]->nmembers;
	size_t total = np * (np - 1) * per;
	if (total > 100000) {
		char buf[200];
		snprintf(buf, sizeof buf, "no summary: %zu signatures (fewer --by fields)", total);
		r->signature_note = strdup(buf);
		free(pm);
		return 0;
	}
	r->nsigs = total;
	r->sigs = xcalloc(r->nsigs + 1, sizeof *r->sigs);
	size_t *at = xcalloc((size_t)va->nmembers * va->nmembers + 1, sizeof *at);
	size_t k = 0;
	for (size_t i = 0; i < np; i++)
		for (size_t j = 0; j < np; j++) {
			if (i == j)
				continue;
			at[(size_t)pm[i] * va->nmembers + pm[j]] = k;
			for (size_t a = 0; a < per; a++, k++) {
				smt_signature *sg = &r->sigs[k];
				sg->requesting = va->en->members[pm[i]];
				sg->requested = va->en->members[pm[j]];
				sg->values = xcalloc(nby + 1, sizeof *sg->values);
				size_t rest = a;
				for (size_t f = nby; f-- > 0;) {
					sg->values[f] = bv[f]->en->members[rest % bv[f]->nmembers];
					rest /= bv[f]->nmembers;
				}
			}
		}
	lp_strbuf nb = { 0 };
	lp_sb_printf(&nb, "%zu parties (of either agreement), requesting != requested", np);
	for (size_t i = 0; i < nby; i++)
		lp_sb_printf(&nb, ", %u values of %s", bv[i]->nmembers, by[i]);
	lp_sb_printf(&nb, ": %zu signatures", r->nsigs);
	r->signature_note = sb_take(&nb);

	Z3_ast q[3];
	sig_terms(D, q);
	Z3_ast ina = x->f, inb = x->f;
	for (size_t i = 0; i < np; i++) {
		ina = smt_mk_or(x, ina, smt_var_eq(x, va, (uint64_t[]){ pm[i] }));
		inb = smt_mk_or(x, inb, smt_var_eq(x, vb, (uint64_t[]){ pm[i] }));
	}
	Z3_ast dom = smt_mk_and(x, smt_mk_and(x, ina, inb), smt_mk_not(x, Z3_mk_eq(x->z, va->s, vb->s)));
	for (int t = 0; t < 3; t++) {
		if (smt_is_false(x, q[t]))
			continue;
		size_t mk = open_scope(D);
		hold(D, smt_mk_and(x, dom, q[t]));
		while (check(D) == Z3_L_TRUE) {
			Z3_model m = get_model(D);
			uint64_t a = (uint64_t)smt_model_num(x, m, va->s), b = (uint64_t)smt_model_num(x, m, vb->s);
			size_t idx = 0;
			Z3_ast blk = smt_mk_and(x, smt_var_eq(x, va, &a), smt_var_eq(x, vb, &b));
			for (size_t f = 0; f < nby; f++) {
				uint64_t w = (uint64_t)smt_model_num(x, m, bv[f]->s);
				idx = idx * bv[f]->nmembers + w;
				blk = smt_mk_and(x, blk, smt_var_eq(x, bv[f], &w));
			}
			Z3_model_dec_ref(x->z, m);
			smt_signature *sg = &r->sigs[at[a * va->nmembers + b] + idx];
			if (t == 0)
				sg->more = 1;
			else if (t == 1)
				sg->less = 1;
			else
				sg->changed = 1;
			hold(D, smt_mk_not(x, blk));
		}
		release(D, mk);
	}
	/* mixed: a witness each way, nearest the baseline (the first few) */
	size_t nmixed = 0;
	for (size_t i = 0; i < r->nsigs; i++) {
		smt_signature *sg = &r->sigs[i];
		sg->verdict = sg->more && sg->less ? SMT_SIG_MIXED : sg->more ? SMT_SIG_MORE
		            : sg->less ? SMT_SIG_LESS : sg->changed ? SMT_SIG_CHANGED : SMT_SIG_EQUIVALENT;
		r->sig_count[sg->verdict]++;
		if (sg->verdict != SMT_SIG_MIXED || nmixed++ >= D->o->max_causes)
			continue;
		Z3_ast fix = smt_mk_and(x, smt_var_eq(x, va, (uint64_t[]){ (uint64_t)smt_member_index(va->en, sg->requesting) }),
		                        smt_var_eq(x, vb, (uint64_t[]){ (uint64_t)smt_member_index(vb->en, sg->requested) }));
		for (size_t f = 0; f < nby; f++)
			fix = smt_mk_and(x, fix, smt_var_eq(x, bv[f], (uint64_t[]){ (uint64_t)smt_member_index(bv[f]->en, sg->values[f]) }));
		for (int dir = 0; dir < 2; dir++) {
			size_t mk = open_scope(D);
			hold(D, smt_mk_and(x, fix, q[dir]));
			Z3_model m = check(D) == Z3_L_TRUE ? witness(D) : NULL;
			if (m) {
				(dir ? &sg->witness_less : &sg->witness_more)[0] = model_witness(D, m);
				Z3_model_dec_ref(x->z, m);
			}
			release(D, mk);
		}
	}
	if (nmixed > D->o->max_causes)
		note(D, "witnesses are given for the first %u mixed signatures of %zu (--max-causes)", D->o->max_causes, nmixed);
	/* a request from a Party to itself passes step 0, but no signature
	 * is one: where such requests are decided otherwise in a way no
	 * signature is, a note says so, with one such request, so that the
	 * summary does not read "equivalent" beside a change */
	Z3_ast self = smt_mk_and(x, smt_mk_and(x, ina, inb), Z3_mk_eq(x->z, va->s, vb->s));
	static const char *const way[3] = { "more permissive", "less permissive", "changed, neither looser nor stricter" };
	int shown[3] = { 0 };
	for (size_t i = 0; i < r->nsigs; i++) {
		shown[0] |= r->sigs[i].more;
		shown[1] |= r->sigs[i].less;
		shown[2] |= r->sigs[i].changed;
	}
	for (int t = 0; t < 3; t++) {
		if (shown[t] || smt_is_false(x, q[t]))
			continue;
		size_t mk = open_scope(D);
		hold(D, smt_mk_and(x, self, q[t]));
		if (check(D) == Z3_L_TRUE) {
			Z3_model m = get_model(D);
			lp_strbuf w = { 0 };
			uint64_t a = (uint64_t)smt_model_num(x, m, va->s);
			lp_sb_printf(&w, "%s -> %s", va->en->members[a], va->en->members[a]);
			for (size_t f = 0; f < nby; f++)
				lp_sb_printf(&w, ", %s", bv[f]->en->members[(uint64_t)smt_model_num(x, m, bv[f]->s)]);
			Z3_model_dec_ref(x->z, m);
			note(D, "requests from a Party to itself, which no signature is, are decided otherwise too: "
			     "some %s, such as %s", way[t], w.data ? w.data : "");
			lp_sb_free(&w);
		}
		release(D, mk);
	}
	r->has_signatures = 1;
	free(pm);
	free(at);
	return 0;
}

/* ---- one request's two decisions (replay.c) ---- */

/* How an old obligation's declaration compares with its namesake's:
 * values of one type and combine are ordered alike on both sides; after a
 * change of combine (min -> max, union -> intersect) the two orders are
 * opposite, after a change of type there is no common one. */
enum { OB_SAME, OB_COMBINE, OB_TYPE };

struct smt_classifier {
	differ D;
	int *oto;                   /* old obligation -> new of its name, or -1 */
	int *ofrom;                 /* new obligation -> old of its name, or -1 */
	uint8_t *orel;              /* per old obligation with a namesake: OB_* */
	uint32_t **omem[2];         /* per side, per set obligation with a set
	                               namesake: member -> the other side's
	                               member of that name, or UINT32_MAX (the
	                               enums may differ: a member added, moved) */
};


smt_classifier *smt_classifier_new(const lw_program *old, const lw_program *neu, const diff_match *m)
{
	smt_classifier *k = xcalloc(1, sizeof *k);
	differ *D = &k->D;
	D->c[0] = old;
	D->c[1] = neu;
	D->m = m;
	D->cone = xcalloc(m->n + 1, sizeof *D->cone);
	for (size_t i = 0; i < m->n; i++)
		if (m->clauses[i].cone)
			D->cone[D->ncone++] = i;
	cone_order(D);
	const lp_schema *so = &old->schema, *sn = &neu->schema;
	/* obligations by name, whatever became of their declarations: a
	 * decision reports them by name */
	k->oto = xcalloc(so->noblig + 1, sizeof *k->oto);
	k->ofrom = xcalloc(sn->noblig + 1, sizeof *k->ofrom);
	k->orel = xcalloc(so->noblig + 1, sizeof *k->orel);
	k->omem[0] = xcalloc(so->noblig + 1, sizeof *k->omem[0]);
	k->omem[1] = xcalloc(sn->noblig + 1, sizeof *k->omem[1]);
	for (uint32_t j = 0; j < sn->noblig; j++)
		k->ofrom[j] = oblig_index(so, sn->obligs[j].name);
	for (uint32_t i = 0; i < so->noblig; i++) {
		int j = k->oto[i] = oblig_index(sn, so->obligs[i].name);
		if (j < 0)
			continue;
		const lp_oblig_desc *x = &so->obligs[i], *y = &sn->obligs[j];
		k->orel[i] = x->kind != y->kind ? OB_TYPE : x->combine != y->combine ? OB_COMBINE : OB_SAME;
		if (x->kind != PK_SET || y->kind != PK_SET)
			continue;
		const lp_enum_desc *e[2] = { &so->enums[x->enum_index], &sn->enums[y->enum_index] };
		uint32_t io[2] = { i, (uint32_t)j };
		for (int s = 0; s < 2; s++) {
			uint32_t *map = k->omem[s][io[s]] = xcalloc(e[s]->nmembers + 1, sizeof *map);
			for (uint32_t a = 0; a < e[s]->nmembers; a++) {
				map[a] = UINT32_MAX;
				for (uint32_t b = 0; b < e[!s]->nmembers; b++)
					if (diff_same_member(m, e[s]->name, s, e[s]->members[a], e[!s]->members[b]))
						map[a] = b;
			}
		}
	}
	return k;
}

void smt_classifier_free(smt_classifier *k)
{
	if (!k)
		return;
	for (int s = 0; s < 2; s++) {
		for (uint32_t o = 0; o < k->D.c[s]->schema.noblig; o++)
			free(k->omem[s][o]);
		free(k->omem[s]);
	}
	free(k->oto);
	free(k->ofrom);
	free(k->orel);
	free(k->D.cone);
	free(k->D.order[0]);
	free(k->D.order[1]);
	free(k);
}

/* the obligation's value on side s in words, and whether it was read
 * from the request */
static void oblig_value_words(smt_classifier *k, int s, int io, lp_strbuf *b)
{
	const differ *D = &k->D;
	const lp_schema *sc = &D->c[s]->schema;
	const lp_oblig_desc *od = &sc->obligs[io];
	const uint64_t *w = D->d[s].oblig_val + od->slot;
	if (od->combine == PC_FLAG) {
		/* a flag compared with a value its namesake has */
		lp_sb_puts(b, "imposed");
		return;
	}
	lp_source_value(sc, od->kind, od->enum_index, w, b);
	if (od->kind != PK_SET && value_read_from_request(D->c[s], &D->d[s], (uint32_t)io, (int64_t)w[0]))
		lp_sb_puts(b, " (from the request)");
}

/* Whether obligation io[0]/io[1], imposed by both versions, has other
 * values: a set's members compared by name (the enum may have gained or
 * moved members), *added when the new value has a member the old lacks
 * (a number: is larger), *gone the reverse.  Values of two types always
 * differ. */
static int oblig_values_differ(smt_classifier *k, const int io[2], int *added, int *gone)
{
	const differ *D = &k->D;
	const lp_oblig_desc *od[2] = { &D->c[0]->schema.obligs[io[0]], &D->c[1]->schema.obligs[io[1]] };
	*added = *gone = 0;
	if (od[0]->kind != od[1]->kind || (od[0]->combine == PC_FLAG) != (od[1]->combine == PC_FLAG))
		return 1;
	if (od[0]->combine == PC_FLAG)
		return 0;
	const uint64_t *v[2] = { D->d[0].oblig_val + od[0]->slot, D->d[1].oblig_val + od[1]->slot };
	if (od[0]->kind != PK_SET) {
		int64_t a = (int64_t)v[0][0], b = (int64_t)v[1][0];
		*added = b > a;
		*gone = b < a;
		return a != b;
	}
	for (int s = 0; s < 2; s++) {
		const uint32_t *map = k->omem[s][io[s]];
		uint32_t nm = D->c[s]->schema.enums[od[s]->enum_index].nmembers;
		for (uint32_t m = 0; m < nm; m++)
			if (lp_bit(v[s], m) && (map[m] == UINT32_MAX || !lp_bit(v[!s], map[m])))
				*(s ? added : gone) = 1;
	}
	return *added || *gone;
}

/* Looser (SMT_MORE) or stricter (SMT_LESS) obligation io[0]/io[1]
 * (either may be -1), reported on side s when set[s] and changed on one
 * request both versions decided alike; SMT_UNORDERED for other values of
 * an obligation whose type or combine changed, which no order the two
 * versions share ranks. */
static int oblig_direction(smt_classifier *k, const int io[2], const int set[2], int added, int gone)
{
	if (set[0] != set[1])
		return set[0] ? SMT_MORE : SMT_LESS;
	if (k->orel[io[0]] != OB_SAME)
		return SMT_UNORDERED;
	int r = 0;
	switch (k->D.c[0]->schema.obligs[io[0]].combine) {
	case PC_UNION:          /* a member more is stricter */
		r |= added ? SMT_LESS : 0;
		r |= gone ? SMT_MORE : 0;
		break;
	case PC_INTERSECT:      /* a member fewer is */
		r |= added ? SMT_MORE : 0;
		r |= gone ? SMT_LESS : 0;
		break;
	case PC_MIN:            /* a smaller bound is */
		r = added ? SMT_MORE : SMT_LESS;
		break;
	case PC_MAX:            /* a larger one is */
		r = added ? SMT_LESS : SMT_MORE;
		break;
	}
	return r;
}

int smt_classify(smt_classifier *k, const lp_decision_buf *old, const lp_decision_buf *neu, lp_strbuf *kinds)
{
	differ *D = &k->D;
	D->d[0] = *old;
	D->d[1] = *neu;
	static const int rank[PO__COUNT] = { 2, 1, 0 };
	if (old->outcome != neu->outcome) {
		side_cause(D, kinds, 0);
		lp_sb_puts(kinds, " -> ");
		side_cause(D, kinds, 1);
		lp_sb_puts(kinds, "\n");
		return rank[neu->outcome] > rank[old->outcome] ? SMT_MORE : SMT_LESS;
	}
	int dir = 0;
	size_t said = kinds->len;
	const char *out = lp_outcome_names[old->outcome];
	/* obligations by name, the old version's order then the new's */
	const lp_schema *so = &D->c[0]->schema, *sn = &D->c[1]->schema;
	for (uint32_t pass = 0; pass < 2; pass++) {
		const lp_schema *sc = pass ? sn : so;
		for (uint32_t i = 0; i < sc->noblig; i++) {
			int io[2] = { pass ? k->ofrom[i] : (int)i, pass ? (int)i : k->oto[i] };
			if (pass && io[0] >= 0)
				continue;   /* compared with its namesake */
			int set[2], added = 0, gone = 0;
			for (int s = 0; s < 2; s++)
				set[s] = io[s] >= 0 && lp_oblig_reported(&D->c[s]->schema, &D->d[s], (uint32_t)io[s]);
			if (set[0] == set[1] && (!set[0] || !oblig_values_differ(k, io, &added, &gone)))
				continue;
			dir |= oblig_direction(k, io, set, added, gone);
			smt_change ch;
			memset(&ch, 0, sizeof ch);
			ch.type = set[0] && set[1] ? SMT_OBLIG_VALUE : set[1] ? SMT_OBLIG_ADDED : SMT_OBLIG_REMOVED;
			lp_sb_puts(kinds, sc->obligs[i].name);
			if (ch.type == SMT_OBLIG_VALUE)   /* why its values have no order */
				decl_change_words(so, io[0], sn, io[1], kinds);
			lp_sb_puts(kinds, ": ");
			if (ch.type == SMT_OBLIG_ADDED) {
				lp_sb_puts(kinds, "added");
				if (sn->obligs[io[1]].combine != PC_FLAG) {
					lp_sb_puts(kinds, " (");
					oblig_value_words(k, 1, io[1], kinds);
					lp_sb_puts(kinds, ")");
				}
			} else if (ch.type == SMT_OBLIG_REMOVED) {
				lp_sb_puts(kinds, "removed");
				if (so->obligs[io[0]].combine != PC_FLAG) {
					lp_sb_puts(kinds, " (was ");
					oblig_value_words(k, 0, io[0], kinds);
					lp_sb_puts(kinds, ")");
				}
			} else {
				oblig_value_words(k, 0, io[0], kinds);
				lp_sb_puts(kinds, " -> ");
				oblig_value_words(k, 1, io[1], kinds);
			}
			sources_words(D, &ch, kinds, io);
			lp_sb_puts(kinds, "\n");
			for (int s = 0; s < 2; s++) {
				for (size_t c = 0; c < ch.ncause[s]; c++)
					free(ch.cause[s][c]);
				free(ch.cause[s]);
			}
		}
	}
	/* grounds and discretion, the clauses of the cone (the others are
	 * grounds alike under the same outcome) */
	for (size_t c = 0; c < D->ncone; c++) {
		const diff_clause *p = &D->m->clauses[D->cone[c]];
		int g0 = ev_ground(D, 0, p->io[0]), g1 = ev_ground(D, 1, p->io[1]);
		int c0 = ev_disc(D, 0, p->io[0]), c1 = ev_disc(D, 1, p->io[1]);
		if (g0 == g1 && c0 == c1)
			continue;
		dir |= SMT_CHANGED;
		int s = g1 && !g0 ? 1 : 0;
		if (g0 == g1)
			s = c1 ? 1 : 0;
		if (p->io[s] < 0)
			s = !s;
		lp_sb_printf(kinds, "%s: ", out);
		clause_words(D, kinds, s, (uint32_t)p->io[s], g0 != g1 && ev_disc(D, s, p->io[s]));
		lp_sb_puts(kinds, g0 != g1 ? (g1 ? " becomes a ground" : " is no longer a ground")
		                  : c1 ? " becomes discretionary (may refuse)"
		                       : " is no longer discretionary (a referral it must make)");
		lp_sb_puts(kinds, "\n");
	}
	if (old->ground != neu->ground && !(dir & (SMT_MORE | SMT_LESS)))
		dir |= SMT_CHANGED;
	if (old->ground != neu->ground && kinds->len == said) {
		/* refused by default, now by the agreement (its dates): the
		 * same outcome on another footing, which no clause explains */
		side_cause(D, kinds, 0);
		lp_sb_puts(kinds, " -> ");
		side_cause(D, kinds, 1);
		lp_sb_puts(kinds, "\n");
	}
	return dir;
}

void smt_describe(smt_classifier *k, int side, const lp_decision_buf *d, lp_strbuf *out)
{
	differ *D = &k->D;
	D->d[side] = *d;
	lp_sb_puts(out, lp_outcome_names[d->outcome]);
	if (d->ground != PG_CLAUSES) {
		lp_sb_puts(out, d->ground == PG_DEFAULT ? " by default" : " by the agreement");
		return;
	}
	int first = 1;
	for (size_t c = 0; c < D->ncone; c++) {
		const diff_clause *p = &D->m->clauses[D->cone[c]];
		int io = p->io[side];
		if (!ev_ground(D, side, io))
			continue;
		lp_sb_puts(out, first ? " by " : ", ");
		lp_sb_puts(out, D->c[side]->clauses[io].label);
		lp_sb_puts(out, p->state == DC_CHANGED ? " (changed)" : p->state == DC_ADDED ? " (added)"
		              : p->state == DC_REMOVED ? " (removed)" : "");
		first = 0;
	}
}

/* ---- the entry point ---- */

int smt_diff(const lw_program *old, const lw_program *neu, const smt_diff_options *opt,
             smt_diff_result *r)
{
	smt_diff_options defaults;
	if (!opt) {
		smt_diff_options_default(&defaults);
		opt = &defaults;
	}
	memset(r, 0, sizeof *r);
	differ D;
	memset(&D, 0, sizeof D);
	D.t0 = now();
	D.o = opt;
	D.r = r;
	D.c[0] = old;
	D.c[1] = neu;
	diff_match own;
	if (opt->match) {
		D.m = opt->match;
	} else {
		diff_match_clauses(old, neu, &own);
		D.m = &own;
	}
	r->nclauses[0] = old->schema.nclauses;
	r->nclauses[1] = neu->schema.nclauses;
	r->global = D.m->global;
	snprintf(r->why, sizeof r->why, "%s", D.m->why);
	r->nrenumbered = D.m->nrenumbered;
	smt_ctx *x = D.x = smt_ctx_new();
	uint8_t *late[2];
	for (int s = 0; s < 2; s++) {
		size_t nc = D.c[s]->schema.nclauses;
		late[s] = xcalloc(nc + 1, 1);
		for (size_t i = 0; i < nc; i++)
			late[s][i] = D.m->clauses[D.m->at[s][i]].cone;
		x->late[s] = late[s];
		x->field_at[s] = D.m->field_at[s];
	}
	D.e[0] = smt_encode(x, old, 0);
	D.e[1] = smt_encode(x, neu, 1);
	x->late[0] = x->late[1] = NULL;
	free(late[0]);
	free(late[1]);
	int rc = 0;
	if (baseline(&D) != 0) {
		rc = -1;
		goto out;
	}
	schema_notes(&D);
	D.cone = xcalloc(D.m->n + 1, sizeof *D.cone);
	for (size_t k = 0; k < D.m->n; k++)
		if (D.m->clauses[k].cone)
			D.cone[D.ncone++] = k;
	cone_order(&D);
	r->ncone = D.ncone;
	for (int s = 0; s < 2; s++) {
		const smt_decision *d = smt_enc_decision(D.e[s]);
		D.g[s] = xcalloc(D.ncone + 1, sizeof *D.g[s]);
		D.disc[s] = xcalloc(D.ncone + 1, sizeof *D.disc[s]);
		for (size_t k = 0; k < D.ncone; k++) {
			int io = D.m->clauses[D.cone[k]].io[s];
			D.g[s][k] = io >= 0 ? d->grounds[io] : x->f;
			D.disc[s][k] = io >= 0 ? d->discretionary[io] : x->f;
		}
	}
	D.S = Z3_mk_solver(x->z);
	Z3_solver_inc_ref(x->z, D.S);
	if (opt->timeout_ms) {
		Z3_params pr = Z3_mk_params(x->z);
		Z3_params_inc_ref(x->z, pr);
		Z3_params_set_uint(x->z, pr, Z3_mk_string_symbol(x->z, "timeout"), opt->timeout_ms);
		Z3_solver_set_params(x->z, D.S, pr);
		Z3_params_dec_ref(x->z, pr);
	}
	Z3_solver_assert(x->z, D.S, smt_ctx_domain(x));
	for (int s = 0; s < 2; s++) {
		const lp_schema *sc = &D.c[s]->schema;
		D.ev[s] = eval_new(D.c[s]);
		D.dmem[s] = xcalloc(1, lp_decision_size(sc));
		lp_decision_layout(sc, &D.d[s], D.dmem[s]);
		D.req[s] = xcalloc(sc->nslots + 1, sizeof *D.req[s]);
	}
	if (opt->signatures && signature_fields(&D) != 0) {
		rc = -1;
	} else {
		regions(&D);
		families(&D);
		search(&D);
		D.summing = 1;
		if (opt->signatures)
			signatures(&D);
	}
	free(D.by);
	for (int s = 0; s < 2; s++) {
		eval_free(D.ev[s]);
		free(D.dmem[s]);
		free(D.req[s]);
		free(D.g[s]);
		free(D.disc[s]);
	}
	for (size_t i = 0; i < D.nfam; i++) {
		for (size_t k = 0; k < D.fam[i].nblocks; k++)
			free(D.fam[i].blocks[k].involved);
		free(D.fam[i].blocks);
	}
	for (size_t i = 0; i < D.nrg; i++)
		free(D.rg[i].named);
	free(D.fam);
	free(D.rg);
	free(D.cone);
	free(D.order[0]);
	free(D.order[1]);
	free(D.scope);
	Z3_solver_dec_ref(x->z, D.S);
out:
	smt_ctx_free(x);
	if (!opt->match)
		diff_match_free(&own);
	if (D.progress_line)
		fputs("\r\033[K", stderr);
	r->seconds = now() - D.t0;
	return rc;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void side_free(smt_side *s)
{
	strv_free(s->grounds, s->ngrounds);
	strv_free(s->discretionary, s->ndiscretionary);
	strv_free(s->fired, s->nfired);
	strv_free(s->exempted, s->nexempted);
	free(s->request_json);
	free(s->decision_json);
	free(s->text);
}

static void change_free(smt_change *c)
{
	free(c->oblig);
	free(c->clause);
	free(c->old_value);
	free(c->new_value);
	free(c->region);
	strv_free(c->cause[0], c->ncause[0]);
	strv_free(c->cause[1], c->ncause[1]);
	free(c->kind);
	free(c->witness_json);
	strv_free(c->witness_fields, c->nwitness_fields);
	free(c->bug);
	side_free(&c->old);
	side_free(&c->neu);
}

void smt_diff_result_free(smt_diff_result *r)
{
	for (size_t i = 0; i < r->nchanges; i++)
		change_free(&r->changes[i]);
	free(r->changes);
	strv_free(r->schema, r->nschema);
	strv_free(r->defaults, r->ndefaults);
	strv_free(r->notes, r->nnotes);
	free(r->baseline);
	free(r->baseline_json);
	free(r->signature_note);
	strv_free(r->sig_fields, r->nsig_fields);
	for (size_t i = 0; i < r->nsigs; i++) {
		free(r->sigs[i].values);
		free(r->sigs[i].witness_more);
		free(r->sigs[i].witness_less);
	}
	free(r->sigs);
	memset(r, 0, sizeof *r);
}
