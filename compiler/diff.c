/*
 * diff.c — the structural part of `pacta diff`: which clause of one
 * version is which of the other, and what was added, removed or changed
 * between two agreements, by name and label, ignoring layout and comments.
 *
 * Clauses are matched by label, then those left over by their rules (a
 * renumbered clause: 3.5.bis removed, 3.6 added with the same rules).  A
 * clause's rules are compared in a canonical form read off the lowered
 * program: actions, conditions and values as expression trees with
 * fields, members, defines and tables by name, obligations by name,
 * exempted clauses through the matching; titles, texts and reasons are
 * its wording, not its rules.  A clause that reads a define, table, field
 * or obligation that changed has changed too.  The cone is what the
 * semantic diff (smt_diff.c) must compare: the clauses that changed and
 * those they exempt, transitively; the others fire alike in both versions.
 *
 * A declaration's text is its tokens from its keyword to the next
 * top-level keyword, comments left out, joined by single spaces (text
 * blocks by their content): two declarations are the same when these
 * texts are.  The header is compared attribute by attribute, the request
 * schema field by field (type and default).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "parse_state.h"
#include "parser.h"

/* ---- which clause is which ---- */

typedef struct matcher {
	const lw_program *lw[2];
	uint8_t *dstate[2];         /* per define: 0 not known, 1 same, 2 changed, 3 being compared */
	uint8_t *tstate[2];         /* per table, the same */
	int *at[2];                 /* per clause: its pair, or -1 */
	int *field_at[2];           /* per field: its pair, or -1 */
	diff_clause *cl;
	size_t n;
} matcher;

static void sig_expr(matcher *M, int s, const expr *e, lp_strbuf *b, int *dep);

static int find_define(const lw_program *lw, const char *name)
{
	for (uint32_t i = 0; i < lw->ndefines; i++)
		if (strcmp(lw->defines[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int find_table(const lw_program *lw, const char *name)
{
	for (uint32_t i = 0; i < lw->ntables; i++)
		if (strcmp(lw->tables[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int find_oblig(const lp_schema *s, const char *name)
{
	for (uint32_t i = 0; i < s->noblig; i++)
		if (strcmp(s->obligs[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const char *enum_name(const lp_schema *s, uint8_t kind, uint32_t en)
{
	return kind == PK_ENUM || kind == PK_SET ? s->enums[en].name : "";
}

/* A field of side s the other side has with the same kind (an enum of
 * the same name; its members may differ), under its name or renamed. */
static int field_same(const matcher *M, int s, uint32_t i)
{
	const lp_schema *a = &M->lw[s]->schema, *b = &M->lw[!s]->schema;
	const lp_field_desc *f = &a->fields[i];
	int j = M->field_at[s][i];
	if (j < 0 || b->fields[j].kind != f->kind)
		return 0;
	return strcmp(enum_name(a, f->kind, f->enum_index), enum_name(b, f->kind, b->fields[j].enum_index)) == 0;
}

/* The name field i of side s is compared under: the old version's. */
static const char *field_key(const matcher *M, int s, uint32_t i)
{
	int j = M->field_at[s][i];
	return s == 1 && j >= 0 ? M->lw[0]->schema.fields[j].name : M->lw[s]->schema.fields[i].name;
}

/* An obligation of side s the other side declares alike (kind, combine,
 * outcomes; its bearer and description are wording). */
static int oblig_same(const matcher *M, int s, uint32_t i)
{
	const lp_schema *a = &M->lw[s]->schema, *b = &M->lw[!s]->schema;
	const lp_oblig_desc *o = &a->obligs[i];
	int j = find_oblig(b, o->name);
	if (j < 0)
		return 0;
	const lp_oblig_desc *p = &b->obligs[j];
	return o->kind == p->kind && o->combine == p->combine && o->on == p->on &&
	       strcmp(enum_name(a, o->kind, o->enum_index), enum_name(b, p->kind, p->enum_index)) == 0;
}

static char *sig_of(matcher *M, int s, const expr *e, int *dep)
{
	lp_strbuf b = { 0 };
	if (e)
		sig_expr(M, s, e, &b, dep);
	lp_sb_put(&b, "", 1);
	return b.data;
}

/* Whether define i of side s differs from the other side's of that name. */
static int define_changed(matcher *M, int s, uint32_t i)
{
	uint8_t *st = &M->dstate[s][i];
	if (*st == 1 || *st == 2)
		return *st == 2;
	if (*st == 3)
		return 1;   /* the checker refuses cycles; be safe */
	*st = 3;
	const lw_define *d = &M->lw[s]->defines[i];
	int j = find_define(M->lw[!s], d->name), dep = 0;
	int changed = j < 0;
	if (!changed) {
		const lw_define *e = &M->lw[!s]->defines[j];
		char *x = sig_of(M, s, d->value, &dep), *y = sig_of(M, !s, e->value, &dep);
		changed = dep || d->ty.kind != e->ty.kind || strcmp(x, y) != 0;
		free(x);
		free(y);
		M->dstate[!s][j] = changed ? 2 : 1;
	}
	*st = changed ? 2 : 1;
	return changed;
}

/* Whether table i of side s differs from the other side's of that name:
 * each key member's entry compared by the member's name (a key member one
 * side lacks makes the table changed). */
static int table_changed(matcher *M, int s, uint32_t i)
{
	uint8_t *st = &M->tstate[s][i];
	if (*st == 1 || *st == 2)
		return *st == 2;
	if (*st == 3)
		return 1;
	*st = 3;
	const lw_program *a = M->lw[s], *b = M->lw[!s];
	const lw_table *t = &a->tables[i];
	int j = find_table(b, t->name);
	int changed = j < 0;
	if (!changed) {
		const lw_table *u = &b->tables[j];
		const lp_enum_desc *ka = &a->schema.enums[type_enum(t->key)];
		const lp_enum_desc *kb = &b->schema.enums[type_enum(u->key)];
		changed = strcmp(ka->name, kb->name) != 0 || t->ty.kind != u->ty.kind || ka->nmembers != kb->nmembers;
		for (uint32_t k = 0; k < t->nkeys && !changed; k++) {
			uint32_t m = 0;
			while (m < u->nkeys && strcmp(kb->members[m], ka->members[k]) != 0)
				m++;
			if (m == u->nkeys) {
				changed = 1;
				break;
			}
			int dep = 0;
			char *x = sig_of(M, s, t->by_key[k], &dep), *y = sig_of(M, !s, u->by_key[m], &dep);
			changed = dep || strcmp(x, y) != 0;
			free(x);
			free(y);
		}
		M->tstate[!s][j] = changed ? 2 : 1;
	}
	*st = changed ? 2 : 1;
	return changed;
}

/* The canonical form of an expression: its tree, names for what it reads.
 * `dep` is set when it reads something that changed. */
static void sig_expr(matcher *M, int s, const expr *e, lp_strbuf *b, int *dep)
{
	const lw_program *lw = M->lw[s];
	lp_sb_printf(b, "(%d", e->kind);
	switch (e->kind) {
	case E_INT:
	case E_DUR:
	case E_DATE:
	case E_BOOL:
		lp_sb_printf(b, " %d %lld", e->ty.kind, (long long)e->ival);
		break;
	case E_NAME:
		if (e->ref == REF_MEMBER) {
			lp_sb_printf(b, " m %s", lw->schema.enums[type_enum(e->ty)].members[e->member]);
		} else if (e->ref == REF_FIELD) {
			lp_sb_printf(b, " f %s", field_key(M, s, e->index));
			if (!field_same(M, s, e->index))
				*dep = 1;
		} else {
			lp_sb_printf(b, " d %s", lw->defines[e->index].name);
			if (define_changed(M, s, e->index))
				*dep = 1;
		}
		break;
	case E_LOOKUP:
		lp_sb_printf(b, " t %s", lw->tables[e->index].name);
		if (table_changed(M, s, e->index))
			*dep = 1;
		break;
	default:
		break;
	}
	for (uint32_t i = 0; i < e->nelem; i++) {
		lp_sb_puts(b, " ");
		sig_expr(M, s, e->elem[i], b, dep);
	}
	const expr *sub[3] = { e->a, e->b, e->c };
	for (int k = 0; k < 3; k++)
		if (sub[k]) {
			lp_sb_puts(b, " ");
			sig_expr(M, s, sub[k], b, dep);
		}
	lp_sb_puts(b, ")");
}

/* The canonical form of clause i of side s: what decides when it is in
 * force and what its rules do, clauses it exempts through the matching. */
static char *sig_clause(matcher *M, int s, uint32_t i, int *dep)
{
	const lw_program *lw = M->lw[s];
	const lw_clause *c = &lw->clauses[i];
	lp_strbuf b = { 0 };
	lp_sb_printf(&b, "%d", c->kind);
	if (c->owner != LW_NONE && lw->schema.party_enum != UINT32_MAX)
		lp_sb_printf(&b, " owner %s", lw->schema.enums[lw->schema.party_enum].members[c->owner]);
	if (c->has_from)
		lp_sb_printf(&b, " from %lld", (long long)c->from);
	if (c->has_sunset)
		lp_sb_printf(&b, " sunset %lld", (long long)c->sunset);
	for (uint32_t j = c->rule0; j < c->rule0 + c->nrules; j++) {
		const lw_rule *r = &lw->rules[j];
		lp_sb_printf(&b, "\n%s", lp_action_names[r->action]);
		if (r->action == PA_OBLIGE) {
			lp_sb_printf(&b, " %s", lw->schema.obligs[r->oblig].name);
			if (!oblig_same(M, s, r->oblig))
				*dep = 1;
		}
		for (uint32_t k = 0; k < r->nexempts; k++) {
			int p = M->at[s][r->exempts[k]];
			if (p >= 0)
				lp_sb_printf(&b, " #%d", p);
			else
				lp_sb_printf(&b, " %d:%s", s, lw->clauses[r->exempts[k]].label);
		}
		const expr *x[3] = { r->when, r->unless, r->value };
		for (int k = 0; k < 3; k++) {
			lp_sb_puts(&b, k == 0 ? " when " : k == 1 ? " unless " : " value ");
			if (x[k])
				sig_expr(M, s, x[k], &b, dep);
		}
	}
	lp_sb_put(&b, "", 1);
	return b.data;
}

/* The clause's wording: title, text and reasons. */
static int same_wording(const lw_program *a, uint32_t i, const lw_program *b, uint32_t j)
{
	const lw_clause *x = &a->clauses[i], *y = &b->clauses[j];
	if (strcmp(x->title ? x->title : "", y->title ? y->title : "") ||
	    strcmp(x->text ? x->text : "", y->text ? y->text : "") || x->nrules != y->nrules)
		return 0;
	for (uint32_t k = 0; k < x->nrules; k++) {
		const char *r = a->rules[x->rule0 + k].reason, *q = b->rules[y->rule0 + k].reason;
		if (strcmp(r ? r : "", q ? q : ""))
			return 0;
	}
	return 1;
}

static const char *const *sorted_labels;
static int label_cmp(const void *x, const void *y)
{
	return strcmp(sorted_labels[*(const uint32_t *)x], sorted_labels[*(const uint32_t *)y]);
}

static int pair_new(matcher *M, int i0, int i1, uint8_t state)
{
	diff_clause *c = &M->cl[M->n];
	c->io[0] = i0;
	c->io[1] = i1;
	c->state = state;
	if (i0 >= 0)
		M->at[0][i0] = (int)M->n;
	if (i1 >= 0)
		M->at[1][i1] = (int)M->n;
	return (int)M->n++;
}

/* Header attributes every request depends on: each that changed, said
 * in m->why ("the default outcome and the parties changed"). */
static void header_changes(const lw_program *a, const lw_program *b, diff_match *m)
{
	const lw_scope *x = &a->scope, *y = &b->scope;
	if (x->has_header != y->has_header) {
		m->global = 1;
		snprintf(m->why, sizeof m->why, "one version has no agreement header");
		return;
	}
	int parties = x->nparty_names != y->nparty_names;
	for (uint32_t i = 0; !parties && i < x->nparty_names; i++) {
		uint32_t j = 0;
		while (j < y->nparty_names && strcmp(x->party_names[i], y->party_names[j]) != 0)
			j++;
		parties = j == y->nparty_names;
	}
	const char *what[4];
	int n = 0;
	if (a->schema.default_outcome != b->schema.default_outcome)
		what[n++] = "the default outcome";
	if (x->has_effective != y->has_effective || (x->has_effective && x->effective != y->effective))
		what[n++] = "the date the agreement takes effect";
	if (x->has_expires != y->has_expires || (x->has_expires && x->expires != y->expires))
		what[n++] = "the date the agreement expires";
	if (parties)
		what[n++] = "the parties";
	if (!n)
		return;
	m->global = 1;
	size_t k = 0;
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(m->why + k, sizeof m->why - k, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " and ",
		                      what[i]);
	snprintf(m->why + k, sizeof m->why - k, " changed");
}

/* ---- which field is which ---- */

/* Whether field i of a and field j of b are declared alike: the same
 * type (an enum of the same name and members, in order) and the same
 * default, or none. */
static int field_decl_same(const lp_schema *a, uint32_t i, const lp_schema *b, uint32_t j)
{
	const lp_field_desc *f = &a->fields[i], *g = &b->fields[j];
	if (f->kind != g->kind || f->has_default != g->has_default || f->nslots != g->nslots)
		return 0;
	if (f->kind == PK_ENUM || f->kind == PK_SET) {
		const lp_enum_desc *x = &a->enums[f->enum_index], *y = &b->enums[g->enum_index];
		if (strcmp(x->name, y->name) || x->nmembers != y->nmembers)
			return 0;
		for (uint32_t k = 0; k < x->nmembers; k++)
			if (strcmp(x->members[k], y->members[k]))
				return 0;
	}
	return !f->has_default || memcmp(f->defval, g->defval, f->nslots * sizeof *f->defval) == 0;
}

static int reads_field(const expr *e, uint32_t f)
{
	if (!e)
		return 0;
	if (e->kind == E_NAME && e->ref == REF_FIELD && e->index == f)
		return 1;
	for (uint32_t i = 0; i < e->nelem; i++)
		if (reads_field(e->elem[i], f))
			return 1;
	return reads_field(e->a, f) || reads_field(e->b, f) || reads_field(e->c, f);
}

static char *reader(char kind, const char *name)
{
	lp_strbuf b = { 0 };
	lp_sb_printf(&b, "%c %s", kind, name);
	lp_sb_put(&b, "", 1);
	return b.data;
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The n strings of `who` (freed, with it) sorted, one a line. */
static char *sorted_lines(char **who, size_t n)
{
	if (n)
		qsort(who, n, sizeof *who, str_cmp);
	lp_strbuf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		lp_sb_printf(&b, "%s\n", who[i]);
		free(who[i]);
	}
	free(who);
	lp_sb_put(&b, "", 1);
	return b.data;
}

/* Whether a rule of clause i of lw reads field f. */
static int clause_reads(const lw_program *lw, uint32_t i, uint32_t f)
{
	const lw_clause *c = &lw->clauses[i];
	for (uint32_t j = c->rule0; j < c->rule0 + c->nrules; j++) {
		const lw_rule *r = &lw->rules[j];
		if (reads_field(r->when, f) || reads_field(r->unless, f) || reads_field(r->value, f))
			return 1;
	}
	return 0;
}

/* What reads field f of side s directly, sorted, one a line: "c LABEL"
 * for a clause, "d NAME" for a define, "t NAME" for a table; or, by
 * `content`, by what each says: its rules, value or entries in their
 * canonical form, a define's or table's name left out, and a clause's
 * label too unless the clause was matched by label (that clause, with
 * its rules). */
static char *field_readers(matcher *M, int s, uint32_t f, int content)
{
	const lw_program *lw = M->lw[s];
	size_t n = 0, cap = lw->schema.nclauses + lw->ndefines + lw->ntables + 1;
	char **who = xcalloc(cap, sizeof *who);
	int dep = 0;
	for (uint32_t i = 0; i < lw->schema.nclauses; i++) {
		if (!clause_reads(lw, i, f))
			continue;
		if (!content) {
			who[n++] = reader('c', lw->clauses[i].label);
			continue;
		}
		int p = M->at[s][i];
		int paired = p >= 0 && M->cl[p].io[0] >= 0 && M->cl[p].io[1] >= 0;
		char *sig = sig_clause(M, s, i, &dep);
		lp_strbuf b = { 0 };
		lp_sb_printf(&b, "%s %s", paired ? lw->clauses[i].label : "?", sig);
		lp_sb_put(&b, "", 1);
		who[n++] = reader('c', b.data);
		lp_sb_free(&b);
		free(sig);
	}
	for (uint32_t i = 0; i < lw->ndefines; i++) {
		if (!reads_field(lw->defines[i].value, f))
			continue;
		char *sig = content ? sig_of(M, s, lw->defines[i].value, &dep) : NULL;
		who[n++] = reader('d', content ? sig : lw->defines[i].name);
		free(sig);
	}
	for (uint32_t i = 0; i < lw->ntables; i++) {
		const lw_table *t = &lw->tables[i];
		int reads = 0;
		lp_strbuf b = { 0 };
		for (uint32_t k = 0; k < t->nentries; k++) {
			reads |= reads_field(t->entries[k], f);
			char *sig = content ? sig_of(M, s, t->entries[k], &dep) : NULL;
			if (sig)
				lp_sb_printf(&b, "%s ", sig);
			free(sig);
		}
		lp_sb_put(&b, "", 1);
		if (reads)
			who[n++] = reader('t', content ? b.data : t->name);
		lp_sb_free(&b);
	}
	return sorted_lines(who, n);
}

/* Whether field i of the old side and j of the new are read alike: by
 * the same clauses (by label), defines and tables (by name); or, the two
 * taken as one, by readers that say the same (the clauses that read a
 * field renamed may be renumbered too). */
static int read_alike(matcher *M, char **rd[2], uint32_t i, uint32_t j)
{
	if (!rd[0][i])
		rd[0][i] = field_readers(M, 0, i, 0);
	if (!rd[1][j])
		rd[1][j] = field_readers(M, 1, j, 0);
	if (strcmp(rd[0][i], rd[1][j]) == 0)
		return 1;
	M->field_at[0][i] = (int)j;
	M->field_at[1][j] = (int)i;
	char *x = field_readers(M, 0, i, 1), *y = field_readers(M, 1, j, 1);
	int same = strcmp(x, y) == 0;
	free(x);
	free(y);
	M->field_at[0][i] = M->field_at[1][j] = -1;
	/* what was compared under the tentative pair is forgotten */
	for (int s = 0; s < 2; s++) {
		memset(M->dstate[s], 0, M->lw[s]->ndefines);
		memset(M->tstate[s], 0, M->lw[s]->ntables);
	}
	return same;
}

/*
 * Fields by name; then a field only the old version has and one only the
 * new one has are one field renamed when they are declared alike (type
 * and default) and read alike (read_alike), and no other field left over
 * on either side is so: a renaming is never guessed between two
 * candidates.  Requests then give the renamed field
 * under its new name to the new version, its old name to the old one,
 * and the comparison reads it as one field.
 */
static size_t match_fields(matcher *M)
{
	const lp_schema *a = &M->lw[0]->schema, *b = &M->lw[1]->schema;
	size_t renamed = 0;
	for (int s = 0; s < 2; s++) {
		uint32_t n = M->lw[s]->schema.nfields;
		M->field_at[s] = xcalloc(n + 1, sizeof *M->field_at[s]);
		for (uint32_t i = 0; i < n; i++)
			M->field_at[s][i] = -1;
	}
	for (uint32_t i = 0; i < a->nfields; i++) {
		int j = lp_field_named(b, a->fields[i].name);
		if (j >= 0) {
			M->field_at[0][i] = j;
			M->field_at[1][j] = (int)i;
		}
	}
	/* the readers of the fields left over, by label, on first need */
	char **rd[2] = { xcalloc(a->nfields + 1, sizeof *rd[0]), xcalloc(b->nfields + 1, sizeof *rd[1]) };
	for (uint32_t i = 0; i < a->nfields; i++) {
		if (M->field_at[0][i] >= 0)
			continue;
		int cand = -1, count = 0;
		for (uint32_t j = 0; j < b->nfields && count < 2; j++)
			if (M->field_at[1][j] < 0 && field_decl_same(a, i, b, j) && read_alike(M, rd, i, j)) {
				cand = (int)j;
				count++;
			}
		if (count != 1)
			continue;
		/* and the new field has no other old one so */
		count = 0;
		for (uint32_t k = 0; k < a->nfields && count < 2; k++)
			if (M->field_at[0][k] < 0 && field_decl_same(a, k, b, (uint32_t)cand) &&
			    read_alike(M, rd, k, (uint32_t)cand))
				count++;
		if (count != 1)
			continue;
		M->field_at[0][i] = cand;
		M->field_at[1][cand] = (int)i;
		renamed++;
	}
	for (int s = 0; s < 2; s++) {
		for (uint32_t i = 0; i < M->lw[s]->schema.nfields; i++)
			free(rd[s][i]);
		free(rd[s]);
	}
	return renamed;
}

/* The rules of every clause of side s (sig_clause), NULL where they read
 * something not yet known to be the same or changed. */
static char **sig_clauses(matcher *M, int s)
{
	uint32_t n = M->lw[s]->schema.nclauses;
	char **sig = xcalloc(n + 1, sizeof *sig);
	for (uint32_t i = 0; i < n; i++) {
		int dep = 0;
		sig[i] = sig_clause(M, s, i, &dep);
		if (dep) {
			free(sig[i]);
			sig[i] = NULL;
		}
	}
	return sig;
}

static void sig_clauses_free(char **sig, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(sig[i]);
	free(sig);
}

int diff_match_clauses(const lw_program *a, const lw_program *b, diff_match *m)
{
	memset(m, 0, sizeof *m);
	matcher M = { { a, b }, { NULL, NULL }, { NULL, NULL }, { NULL, NULL }, { NULL, NULL }, NULL, 0 };
	size_t n0 = a->schema.nclauses, n1 = b->schema.nclauses;
	for (int s = 0; s < 2; s++) {
		const lw_program *lw = M.lw[s];
		M.dstate[s] = xcalloc(lw->ndefines + 1, 1);
		M.tstate[s] = xcalloc(lw->ntables + 1, 1);
		size_t nc = lw->schema.nclauses;
		M.at[s] = xcalloc(nc + 1, sizeof *M.at[s]);
		for (size_t i = 0; i < nc; i++)
			M.at[s][i] = -1;
	}
	M.cl = xcalloc(n0 + n1 + 1, sizeof *M.cl);

	/* 1. by label, the old side's order */
	uint32_t *by1 = xcalloc(n1 + 1, sizeof *by1);
	const char **l1 = xcalloc(n1 + 1, sizeof *l1);
	for (uint32_t i = 0; i < n1; i++) {
		by1[i] = i;
		l1[i] = b->clauses[i].label;
	}
	sorted_labels = l1;
	qsort(by1, n1, sizeof *by1, label_cmp);
	for (uint32_t i = 0; i < n0; i++) {
		size_t lo = 0, hi = n1;
		const char *l = a->clauses[i].label;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int c = strcmp(l1[by1[mid]], l);
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		int j = lo < n1 && strcmp(l1[by1[lo]], l) == 0 ? (int)by1[lo] : -1;
		pair_new(&M, (int)i, j, DC_SAME);
	}
	free(by1);
	free(l1);
	/* the fields: after the labels, so that a renamed field's readers
	 * compare with the clauses they exempt matched */
	m->nrenamed = match_fields(&M);

	/* 2. a clause deleted or inserted and those after it renumbered, the
	 * labels reused (3.1 deleted, 3.2 -> 3.1, 3.3 -> 3.2): a clause whose
	 * label's pair has other rules, or none, is paired with a clause of
	 * the other side with its very rules and wording (title, text,
	 * reasons: a clause renumbered keeps them; a clause changed in place
	 * while another elsewhere takes its old rules does not) whose own
	 * label's pair differs too, or that has none.  Until no more pair, as
	 * below (at most one pass a clause). */
	for (size_t pass = 0, found = 1; found && pass <= n0; pass++) {
		found = 0;
		char **s0 = sig_clauses(&M, 0), **s1 = sig_clauses(&M, 1);
		uint8_t *open0 = xcalloc(n0 + 1, 1), *open1 = xcalloc(n1 + 1, 1);
		for (uint32_t i = 0; i < n0; i++) {
			int j = M.cl[M.at[0][i]].io[1];
			open0[i] = s0[i] && (j < 0 || !s1[j] || strcmp(s0[i], s1[j]) != 0);
		}
		for (uint32_t j = 0; j < n1; j++) {
			int k = M.at[1][j], i = k >= 0 ? M.cl[k].io[0] : -1;
			open1[j] = s1[j] && (i < 0 || !s0[i] || strcmp(s0[i], s1[j]) != 0);
		}
		for (uint32_t i = 0; i < n0; i++) {
			for (uint32_t j = 0; open0[i] && j < n1; j++) {
				if (!open1[j] || strcmp(s0[i], s1[j]) != 0 || !same_wording(a, i, b, j))
					continue;
				int ki = M.at[0][i], kj = M.at[1][j];
				if (M.cl[ki].io[1] >= 0)   /* i's partner by label is left alone */
					M.at[1][M.cl[ki].io[1]] = -1;
				if (kj >= 0)               /* and so is j's */
					M.cl[kj].io[1] = -1;
				M.cl[ki].io[1] = (int)j;
				M.cl[ki].state = DC_RENUMBERED;
				M.at[1][j] = ki;
				open1[j] = 0;   /* each taken once in a pass */
				found = 1;      /* the signatures of what exempts them change */
				break;
			}
		}
		sig_clauses_free(s0, n0);
		sig_clauses_free(s1, n1);
		free(open0);
		free(open1);
	}

	/* 3. the clauses left over on both sides, by their rules, until no
	 * more pair (a pair can make two clauses that exempt it alike) */
	for (int found = 1; found;) {
		found = 0;
		size_t nl0 = 0, nl1 = 0;
		uint32_t *left0 = xcalloc(n0 + 1, sizeof *left0), *left1 = xcalloc(n1 + 1, sizeof *left1);
		for (uint32_t i = 0; i < n0; i++)
			if (M.cl[M.at[0][i]].io[1] < 0)
				left0[nl0++] = i;
		for (uint32_t i = 0; i < n1; i++)
			if (M.at[1][i] < 0)
				left1[nl1++] = i;
		if (nl0 && nl1) {
			char **s1 = xcalloc(nl1 + 1, sizeof *s1);
			for (size_t k = 0; k < nl1; k++) {
				int dep = 0;
				s1[k] = sig_clause(&M, 1, left1[k], &dep);
				if (dep) {
					free(s1[k]);
					s1[k] = NULL;
				}
			}
			for (size_t k = 0; k < nl0; k++) {
				int dep = 0;
				char *s0 = sig_clause(&M, 0, left0[k], &dep);
				for (size_t q = 0; !dep && q < nl1; q++)
					if (s1[q] && M.at[1][left1[q]] < 0 && strcmp(s0, s1[q]) == 0) {
						diff_clause *c = &M.cl[M.at[0][left0[k]]];
						c->io[1] = (int)left1[q];
						c->state = DC_RENUMBERED;
						M.at[1][left1[q]] = M.at[0][left0[k]];
						found = 1;
						break;
					}
				free(s0);
			}
			for (size_t k = 0; k < nl1; k++)
				free(s1[k]);
			free(s1);
		}
		free(left0);
		free(left1);
	}
	for (uint32_t i = 0; i < n1; i++)
		if (M.at[1][i] < 0)
			pair_new(&M, -1, (int)i, DC_ADDED);

	/* 4. what each pair is */
	for (size_t k = 0; k < M.n; k++) {
		diff_clause *c = &M.cl[k];
		if (c->io[1] < 0) {
			c->state = DC_REMOVED;
		} else if (c->io[0] >= 0) {
			int dep = 0;
			char *x = sig_clause(&M, 0, (uint32_t)c->io[0], &dep);
			char *y = sig_clause(&M, 1, (uint32_t)c->io[1], &dep);
			if (dep || strcmp(x, y) != 0) {
				c->state = DC_CHANGED;
				c->through = strcmp(x, y) == 0;
			}
			else
				c->wording = !same_wording(a, (uint32_t)c->io[0], b, (uint32_t)c->io[1]);
			free(x);
			free(y);
		}
	}

	/* 5. the cone: what changed, and what it exempts, transitively */
	header_changes(a, b, m);
	size_t *stack = xcalloc(M.n + 1, sizeof *stack), sp = 0;
	for (size_t k = 0; k < M.n; k++) {
		diff_clause *c = &M.cl[k];
		if (m->global || c->state == DC_CHANGED || c->state == DC_ADDED || c->state == DC_REMOVED) {
			c->cone = 1;
			stack[sp++] = k;
		}
		m->nchanged += c->state == DC_CHANGED || c->state == DC_ADDED || c->state == DC_REMOVED;
		m->nrenumbered += c->state == DC_RENUMBERED;
	}
	while (sp) {
		const diff_clause *c = &M.cl[stack[--sp]];
		for (int s = 0; s < 2; s++) {
			if (c->io[s] < 0)
				continue;
			const lw_program *lw = M.lw[s];
			const lw_clause *cl = &lw->clauses[c->io[s]];
			for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++)
				for (uint32_t t = 0; t < lw->rules[j].nexempts; t++) {
					int p = M.at[s][lw->rules[j].exempts[t]];
					if (p >= 0 && !M.cl[p].cone) {
						M.cl[p].cone = 1;
						stack[sp++] = (size_t)p;
					}
				}
		}
	}
	free(stack);
	for (size_t k = 0; k < M.n; k++)
		m->ncone += M.cl[k].cone;
	m->clauses = M.cl;
	m->n = M.n;
	m->at[0] = M.at[0];
	m->at[1] = M.at[1];
	m->field_at[0] = M.field_at[0];
	m->field_at[1] = M.field_at[1];
	for (int s = 0; s < 2; s++) {
		free(M.dstate[s]);
		free(M.tstate[s]);
	}
	return 0;
}

void diff_match_free(diff_match *m)
{
	free(m->clauses);
	free(m->at[0]);
	free(m->at[1]);
	free(m->field_at[0]);
	free(m->field_at[1]);
	memset(m, 0, sizeof *m);
}

const char *diff_clause_label(const lw_program *const lw[2], const diff_clause *c, int s)
{
	return c->io[s] >= 0 ? lw[s]->clauses[c->io[s]].label : NULL;
}

/* ---- members one version lacks ---- */

/* Whether a request field of s has enum `name` as its type (an enum or
 * a set of it). */
static int request_names(const lp_schema *s, const char *name)
{
	for (uint32_t i = 0; i < s->nfields; i++)
		if ((s->fields[i].kind == PK_ENUM || s->fields[i].kind == PK_SET)
		    && !strcmp(s->enums[s->fields[i].enum_index].name, name))
			return 1;
	return 0;
}

void diff_missing_members(const lw_program *self, const lw_program *other, int side,
                          diff_member **out, size_t *n)
{
	const lp_schema *a = &self->schema, *b = &other->schema;
	for (uint32_t i = 0; i < a->nenums; i++) {
		const lp_enum_desc *e = &a->enums[i], *f = NULL;
		/* a member no request can name (of an obligation's values
		 * alone) leaves no request out */
		if (!request_names(a, e->name) && !request_names(b, e->name))
			continue;
		for (uint32_t j = 0; j < b->nenums && !f; j++)
			if (strcmp(b->enums[j].name, e->name) == 0)
				f = &b->enums[j];
		for (uint32_t k = 0; f && k < f->nmembers; k++) {
			uint32_t m = 0;
			while (m < e->nmembers && strcmp(e->members[m], f->members[k]) != 0)
				m++;
			if (m < e->nmembers)
				continue;
			*out = xrealloc(*out, (*n + 1) * sizeof **out);
			(*out)[(*n)++] = (diff_member){ side, e->name, f->members[k] };
		}
	}
}

lw_program *diff_extend(compilation *cm, const load_opts *o, const char *path, int side,
                        const diff_member *members, size_t n, char *why, size_t whylen)
{
	char *msg = NULL;
	size_t msglen = 0;
	FILE *dg = open_memstream(&msg, &msglen);
	lw_program *lw = NULL;
	compilation_init(cm, dg);
	cm->dg.max_errors = 1;
	if (load_program(&cm->prog, o, path) == 0 && !cm->dg.errors) {
		program *p = &cm->prog;
		for (size_t i = 0; i < p->decls.len; i++) {
			decl *d = p->decls.items[i];
			if (d->kind != D_ENUM)
				continue;
			for (size_t k = 0; k < n; k++)
				if (members[k].side == side && strcmp(members[k].en, d->name) == 0) {
					binding *b = arena_alloc(p->ar, sizeof *b);
					b->name = intern_str(p->names, members[k].member);
					b->at = d->name_at;
					vec_push(p->ar, &d->members, b);
				}
		}
		cm->chk = check_program(p);
		if (!cm->dg.errors)
			lw = cm->lw = lower_program(cm->chk);
	}
	fclose(dg);
	if (!lw) {
		/* the first line of the first diagnostic, without the file name */
		const char *t = msg ? msg : "";
		const char *e = strstr(t, "error: ");
		t = e ? e + 7 : t;
		snprintf(why, whylen, "%.*s", (int)strcspn(t, "\n"), t);
		compilation_free(cm);
	}
	free(msg);
	return lw;
}

int diff_prepare(diff_inputs *in, const load_opts *const o[2], const char *const path[2],
                 const lw_program *const orig[2])
{
	memset(in, 0, sizeof *in);
	diff_member *all = NULL;
	size_t nall = 0;
	for (int s = 0; s < 2; s++)
		diff_missing_members(orig[s], orig[!s], s, &all, &nall);
	for (int s = 0; s < 2; s++) {
		in->lw[s] = orig[s];
		size_t mine = 0;
		for (size_t k = 0; k < nall; k++)
			mine += all[k].side == s;
		if (!mine)
			continue;
		char why[256];
		lw_program *lw = diff_extend(&in->ext[s], o[s], path[s], s, all, nall, why, sizeof why);
		if (lw) {
			in->has_ext[s] = 1;
			in->lw[s] = lw;
			for (size_t k = 0; k < nall; k++)
				if (all[k].side == s) {
					in->members = xrealloc(in->members, (in->nmembers + 1) * sizeof *in->members);
					in->members[in->nmembers++] = all[k];
				}
			continue;
		}
		lp_strbuf b = { 0 };
		lp_sb_printf(&b, "the %s version lacks ", s ? "new" : "old");
		size_t k0 = 0;
		for (size_t k = 0; k < nall; k++)
			if (all[k].side == s)
				lp_sb_printf(&b, "%s%s %s", k0++ ? ", " : "", all[k].en, all[k].member);
		lp_sb_printf(&b, " and cannot be given %s (%s): requests naming %s are left out of the comparison",
		             mine == 1 ? "it" : "them", why, mine == 1 ? "it" : "them");
		in->notes = xrealloc(in->notes, (in->nnotes + 1) * sizeof *in->notes);
		in->notes[in->nnotes++] = strndup(b.data ? b.data : "", b.len);
		lp_sb_free(&b);
	}
	free(all);
	diff_match_clauses(in->lw[0], in->lw[1], &in->match);
	return 0;
}

int diff_find_field(const lw_program *const lw[2], const diff_match *m, int side, const char *name)
{
	int f = lp_field_named(&lw[side]->schema, name);
	if (f < 0 && m) {
		int g = lp_field_named(&lw[!side]->schema, name);
		if (g >= 0)
			f = m->field_at[!side][g];
	}
	return f;
}

int diff_check_by(const lw_program *const lw[2], const diff_match *m, const char *const *by, size_t nby,
                  char *err, size_t cap)
{
	if (nby > 16) {
		snprintf(err, cap, "--by: at most 16 fields, not %zu", nby);
		return -1;
	}
	for (size_t i = 0; i < nby; i++) {
		const char *why = NULL;
		char buf[160];
		int f[2] = { diff_find_field(lw, m, 0, by[i]), diff_find_field(lw, m, 1, by[i]) };
		for (size_t j = 0; j < i && !why; j++)
			if (strcmp(by[j], by[i]) == 0)
				why = "named twice";
		if (why) {
			/* said */
		} else if (strcmp(by[i], "requesting_party") == 0 || strcmp(by[i], "requested_party") == 0) {
			why = "the parties are in every signature";
		} else if (f[0] < 0 && f[1] < 0) {
			why = "neither version has that field";
		} else if (f[0] < 0 || f[1] < 0) {
			why = f[0] < 0 ? "only the new version has that field" : "only the old version has that field";
		} else {
			uint8_t k0 = lw[0]->schema.fields[f[0]].kind, k1 = lw[1]->schema.fields[f[1]].kind;
			if (k0 != k1) {
				why = "its type differs between the versions";
			} else if (k0 != PK_ENUM) {
				snprintf(buf, sizeof buf, "it is a %s field, and a signature is made of enum fields",
				         k0 == PK_SET ? "set" : lp_kind_names[k0]);
				why = buf;
			}
		}
		if (why) {
			snprintf(err, cap, "--by %s: %s", by[i], why);
			return -1;
		}
	}
	return 0;
}

void diff_inputs_free(diff_inputs *in)
{
	for (int s = 0; s < 2; s++)
		if (in->has_ext[s])
			compilation_free(&in->ext[s]);
	for (size_t i = 0; i < in->nnotes; i++)
		free(in->notes[i]);
	free(in->notes);
	free(in->members);
	diff_match_free(&in->match);
	memset(in, 0, sizeof *in);
}

/* ---- the structure ---- */

typedef struct toks {
	const srcfile *f;
	lex_token *t;
	size_t n;
} toks;

/* The text of the declaration starting at byte `start` of `tk`'s file. */
/* The tokens of the declaration starting at byte `start`: [*i0, *i1). */
static void decl_range(const toks *tk, uint32_t start, size_t *i0, size_t *i1)
{
	size_t i = 0, j;
	int depth = 0;
	while (i < tk->n && tk->t[i].start < start)
		i++;
	for (j = i; j < tk->n; j++) {
		int k = tk->t[j].kind;
		if (j > i && depth == 0 && fmt_starts_item(k))
			break;
		depth += k == '{' || k == '(' || k == '[';
		depth -= k == '}' || k == ')' || k == ']';
	}
	*i0 = i;
	*i1 = j;
}

static char *decl_text(arena *a, const toks *tk, uint32_t start)
{
	size_t i, end;
	decl_range(tk, start, &i, &end);
	lp_strbuf b = { 0 };
	int prev = 0;
	for (size_t j = i; j < end; j++) {
		int k = tk->t[j].kind;
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
	case D_ASSERT: return "assert";
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
	it->name2 = NULL;
	it->of = NULL;
	it->doubts = NULL;
	it->ndoubts = 0;
	it->same_rules = 0;
	it->op = op;
	it->old = old;
	it->neu = neu;
}

/* The main file's own declarations that have a name or label. */
/* The declarations compared: those of every file of the agreement, its
 * parts (a Party's reservations) as well as its own. */
static int comparable(const lw_item *d)
{
	return d->at.file &&
	       (d->kind == D_ENUM || d->kind == D_DEFINE || d->kind == D_TABLE ||
	        d->kind == D_OBLIGATION || d->kind == D_ARTICLE || d->kind == D_CLAUSE ||
	        d->kind == D_FIXTURE || d->kind == D_TEST || d->kind == D_IMPORT ||
	        d->kind == D_ASSERT);
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
	lp_source_value(s, f->kind, f->enum_index, f->defval, &b);
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

/* A header attribute that is a list of names, "XA, XB", changed. */
static void header_list(diff_result *r, arena *a, const char *what, const char *const *x, uint32_t nx,
                        const char *const *y, uint32_t ny)
{
	lp_strbuf b[2] = { { 0 }, { 0 } };
	for (int side = 0; side < 2; side++) {
		for (uint32_t i = 0; i < (side ? ny : nx); i++)
			lp_sb_printf(&b[side], "%s%s", i ? ", " : "", (side ? y : x)[i]);
		lp_sb_put(&b[side], "", 1);
	}
	if (strcmp(b[0].data, b[1].data))
		add(r, a, "header", what, DIFF_CHANGED, arena_printf(a, "%s", b[0].data), arena_printf(a, "%s", b[1].data));
	lp_sb_free(&b[0]);
	lp_sb_free(&b[1]);
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
	/* the reason every request the default refuses is given */
	const char *rx = hx->default_reason ? hx->default_reason : "", *ry = hy->default_reason ? hy->default_reason : "";
	if (strcmp(rx, ry))
		add(r, a, "header", "default reason", DIFF_CHANGED, *rx ? rx : NULL, *ry ? ry : NULL);
	header_list(r, a, "parties", hx->party_names, hx->nparty_names, hy->party_names, hy->nparty_names);
	/* the header's text (a model's status, its disclaimers: what `pacta
	 * doc` shows first) and the fields the review sums up by */
	const char *ex = hx->has_header && hx->text ? hx->text : "", *ey = hy->has_header && hy->text ? hy->text : "";
	if (strcmp(ex, ey))
		add(r, a, "header", "text", DIFF_CHANGED, ex, ey);
	header_list(r, a, "summary by", hx->summary, hx->nsummary, hy->summary, hy->nsummary);
}

/* "urgent: bool = false", "submitted: date (required)": the field as the
 * request block declares it, or that it has no default */
static const char *field_text(arena *a, const char *name, const char *ty, const char *dflt)
{
	return strcmp(dflt, "(required)") ? arena_printf(a, "%s: %s = %s", name, ty, dflt)
	                                  : arena_printf(a, "%s: %s %s", name, ty, dflt);
}

static char *renamed_text(arena *a, const char *text, const diff_renamed_member *ren, size_t nren);

/* The request's fields: removed, renamed, changed (a default naming a
 * member renamed, and nothing else: the same, but for the member) or
 * added. */
static void diff_schema(diff_result *r, arena *a, const lw_program *x, const lw_program *y, const diff_match *m,
                        const diff_renamed_member *ren, size_t nren)
{
	const lp_schema *sx = &x->schema, *sy = &y->schema;
	for (uint32_t i = 0; i < sx->nfields; i++) {
		const lp_field_desc *f = &sx->fields[i];
		int j = m->field_at[0][i];
		const char *tf = field_type(a, sx, f);
		if (j < 0) {
			add(r, a, "field", f->name, DIFF_REMOVED, field_text(a, f->name, tf, words_text(a, sx, f)), NULL);
			continue;
		}
		const lp_field_desc *g = &sy->fields[j];
		if (strcmp(f->name, g->name)) {
			/* declared alike (diff.c, match_fields): the name alone */
			add(r, a, "field", f->name, DIFF_RENAMED, NULL, NULL);
			r->items[r->n - 1].name2 = g->name;
			continue;
		}
		const char *tg = field_type(a, sy, g);
		const char *df = words_text(a, sx, f), *dg = words_text(a, sy, g);
		if (strcmp(tf, tg) || strcmp(df, dg)) {
			const char *old = field_text(a, f->name, tf, df), *neu = field_text(a, g->name, tg, dg);
			add(r, a, "field", f->name, DIFF_CHANGED, old, neu);
			if (nren && !strcmp(renamed_text(a, old, ren, nren), neu))
				r->items[r->n - 1].same_rules = 3;
		}
	}
	for (uint32_t j = 0; j < sy->nfields; j++) {
		const lp_field_desc *g = &sy->fields[j];
		if (m->field_at[1][j] < 0)
			add(r, a, "field", g->name, DIFF_ADDED, NULL,
			    field_text(a, g->name, field_type(a, sy, g), words_text(a, sy, g)));
	}
}

/* `text` with the first whole occurrence of label `from` read as `to`. */
static char *relabel(arena *a, const char *text, const char *from, const char *to)
{
	size_t n = strlen(from);
	for (const char *p = strstr(text, from); p; p = strstr(p + 1, from))
		if ((p == text || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
			return arena_printf(a, "%.*s%s%s", (int)(p - text), text, to, p + n);
	return (char *)text;
}

/* The tokens of the file declaration `d` is in, lexed on first need into
 * `all` (one per file of the program). */
static const toks *toks_of(program *p, toks *all, uint32_t nall, const lw_item *d)
{
	static const toks none = { NULL, NULL, 0 };
	uint32_t id = d->at.file->id;
	if (id >= nall)
		return &none;
	if (!all[id].f) {
		all[id].f = d->at.file;
		all[id].n = lex_tokens(p, d->at.file, &all[id].t);
	}
	return &all[id];
}

/* ---- enum members renamed ---- */

/* Whether identifier token j of tk is `name`. */
static int is_ident(const toks *tk, size_t j, const char *name)
{
	size_t n = strlen(name);
	return tk->t[j].kind == IDENT && tk->t[j].end - tk->t[j].start == n
	       && !memcmp(tk->f->text + tk->t[j].start, name, n);
}

/* Whether a file of n (tokens tk) writes `name`. */
static int file_names(const toks *tk, uint32_t n, const char *name)
{
	for (uint32_t f = 0; f < n; f++)
		for (size_t j = 0; j < tk[f].n; j++)
			if (is_ident(&tk[f], j, name))
				return 1;
	return 0;
}

/* Every file of lw lexed, by file id. */
static toks *lex_all(program *p, const lw_program *lw)
{
	toks *tk = xcalloc(lw->nfiles + 1, sizeof *tk);
	for (uint32_t f = 0; f < lw->nfiles; f++) {
		uint32_t id = lw->files[f]->id < lw->nfiles ? lw->files[f]->id : f;
		tk[id].f = lw->files[f];
		tk[id].n = lex_tokens(p, lw->files[f], &tk[id].t);
	}
	return tk;
}

static void free_all(toks *tk, uint32_t n)
{
	for (uint32_t f = 0; f < n; f++)
		free(tk[f].t);
	free(tk);
}

/* The declarations of lw (but enum `en`) that name `name`, as sorted
 * lines "kind name"; tk holds each file's tokens. */
static char *naming(const lw_program *lw, const toks *tk, const char *en, const char *name)
{
	char **who = NULL;
	size_t n = 0;
	for (uint32_t i = 0; i < lw->nitems; i++) {
		const lw_item *d = &lw->items[i];
		size_t i0, i1;
		if (!d->at.file || d->at.file->id >= lw->nfiles || (d->kind == D_ENUM && d->name && !strcmp(d->name, en)))
			continue;
		if (d->kind == D_TEST || d->kind == D_FIXTURE || d->kind == D_ASSERT)
			continue;   /* they decide nothing: a test added names it too */
		decl_range(&tk[d->at.file->id], d->at.start, &i0, &i1);
		for (size_t j = i0; j < i1; j++)
			if (is_ident(&tk[d->at.file->id], j, name)) {
				who = xrealloc(who, (n + 1) * sizeof *who);
				if (asprintf(&who[n], "%d %s", d->kind, d->name ? d->name : "") < 0)
					abort();
				n++;
				break;
			}
	}
	return sorted_lines(who, n);   /* frees who */
}

/* What `name` is in lw other than a member of enum `en` (a member of
 * another enum, a field, a declaration's name), or NULL. */
static const char *named_otherwise(const lw_program *lw, uint32_t en, const char *name)
{
	const lp_schema *s = &lw->schema;
	for (uint32_t e = 0; e < s->nenums; e++)
		for (uint32_t k = 0; e != en && k < s->enums[e].nmembers; k++)
			if (!strcmp(s->enums[e].members[k], name))
				return "a member of another enum";
	if (lp_field_named(s, name) >= 0)
		return "a request field";
	for (uint32_t i = 0; i < lw->nitems; i++)
		if (lw->items[i].name && !strcmp(lw->items[i].name, name))
			return "a declaration's name";
	return NULL;
}

static int enum_in_main(const lw_program *lw, const char *name)
{
	for (uint32_t i = 0; i < lw->nitems; i++)
		if (lw->items[i].kind == D_ENUM && lw->items[i].at.file == lw->files[0] && !strcmp(lw->items[i].name, name))
			return 1;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The members of e, sorted by name (free it). */
static const char **sorted_members(const lp_enum_desc *e)
{
	const char **s = xcalloc(e->nmembers + 1, sizeof *s);
	for (uint32_t k = 0; k < e->nmembers; k++)
		s[k] = e->members[k];
	qsort(s, e->nmembers, sizeof *s, cmp_name);
	return s;
}

static int same_or_null(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The place of each member of e among the members both versions have
 * (`other`, the other version's sorted): the nearest such member before it
 * and after it (NULL at an end); common[k] whether member k is one. */
typedef struct {
	const char **before, **after;
	char *common;
} member_places;

static void places_of(const lp_enum_desc *e, const char **other, uint32_t nother, member_places *pl)
{
	pl->before = xcalloc(e->nmembers + 1, sizeof *pl->before);
	pl->after = xcalloc(e->nmembers + 1, sizeof *pl->after);
	pl->common = xcalloc(e->nmembers + 1, 1);
	for (uint32_t k = 0; k < e->nmembers; k++)
		pl->common[k] = bsearch(&e->members[k], other, nother, sizeof *other, cmp_name) != NULL;
	const char *last = NULL;
	for (uint32_t k = 0; k < e->nmembers; k++) {
		pl->before[k] = last;
		if (pl->common[k])
			last = e->members[k];
	}
	last = NULL;
	for (uint32_t k = e->nmembers; k-- > 0;) {
		pl->after[k] = last;
		if (pl->common[k])
			last = e->members[k];
	}
}

static void places_free(member_places *pl)
{
	free(pl->before);
	free(pl->after);
	free(pl->common);
}

/* Whether member k of place list a and member l of b lie between the same
 * members both versions have. */
static int same_place(const member_places *a, uint32_t k, const member_places *b, uint32_t l)
{
	return !a->common[k] && !b->common[l] && same_or_null(a->before[k], b->before[l])
	       && same_or_null(a->after[k], b->after[l]);
}

/* Of the members of e (place list pa) in the place of member k, how many
 * come before k, and how many there are. */
static uint32_t rank_in_place(const lp_enum_desc *e, const member_places *pa, uint32_t k, uint32_t *count)
{
	uint32_t r = 0, c = 0;
	for (uint32_t j = 0; j < e->nmembers; j++)
		if (same_place(pa, j, pa, k)) {
			r += j < k;
			c++;
		}
	*count = c;
	return r;
}

/* What decides whether a member may be another version's: worked out
 * once per member (an enum of thousands, most of them changed, is
 * compared pair by pair). */
typedef struct member_facts {
	uint8_t done;
	uint8_t written;       /* the other version's files write its name */
	const char *other;     /* what else its name is in its version, or NULL */
	char *naming;          /* the declarations that name it (naming) */
} member_facts;

typedef struct {
	const lw_program *x, *y;
	toks *tx, *ty;         /* their files' tokens, by file id */
	uint32_t i, j;         /* the enum, in each */
	member_facts *f[2];    /* of its members, in each */
} rename_ctx;

static const member_facts *facts_of(rename_ctx *c, int side, uint32_t k)
{
	member_facts *m = &c->f[side][k];
	if (!m->done) {
		const lw_program *p = side ? c->y : c->x, *q = side ? c->x : c->y;
		uint32_t en = side ? c->j : c->i;
		const char *name = p->schema.enums[en].members[k];
		m->other = named_otherwise(p, en, name);
		m->written = (uint8_t)file_names(side ? c->tx : c->ty, q->nfiles, name);
		m->naming = naming(p, side ? c->ty : c->tx, p->schema.enums[en].name, name);
		m->done = 1;
	}
	return m;
}

/* The first line of sorted lines a that b lacks ("kind name"), as words
 * ("clause 1.1"), in buf; 0 when none. */
static int first_missing(const char *a, const char *b, char *buf, size_t n)
{
	for (const char *l = a; *l; l = strchr(l, '\n') + 1) {
		size_t len = strcspn(l, "\n");
		int found = 0;
		for (const char *m = b; *m && !found; m = strchr(m, '\n') + 1)
			found = strcspn(m, "\n") == len && !memcmp(l, m, len);
		if (!found) {
			int kind = atoi(l);
			const char *name = strchr(l, ' ') + 1;
			snprintf(buf, n, "%s %.*s", what_name(kind), (int)(len - (size_t)(name - l)), name);
			return 1;
		}
	}
	return 0;
}

/* Whether old member `from` (of old enum i) may be new member `to` (of new
 * enum j): each name is only that member, written in its own version
 * only, and the same declarations name them (some declaration, when
 * `named`: where the place alone does not pair them, that is what
 * does).  0 when it may; else 1, and why not in why (when why is not
 * NULL). */
static int rename_doubt(rename_ctx *c, uint32_t k, uint32_t l, int named, char *why, size_t wn)
{
	const member_facts *mx = facts_of(c, 0, k), *my = facts_of(c, 1, l);
	const char *from = c->x->schema.enums[c->i].members[k], *to = c->y->schema.enums[c->j].members[l];
	char who[192] = "the declarations that name them differ", d[128];
	int doubt = 1;
	if (mx->other)
		snprintf(who, sizeof who, "%s is also %s in the old version", from, mx->other);
	else if (my->other)
		snprintf(who, sizeof who, "%s is also %s in the new version", to, my->other);
	else if (my->written)
		snprintf(who, sizeof who, "the old version writes %s too", to);
	else if (mx->written)
		snprintf(who, sizeof who, "the new version still writes %s", from);
	else if (!(doubt = strcmp(mx->naming, my->naming) != 0 || (named && !*mx->naming)))
		;
	else if (!*mx->naming && !*my->naming)
		snprintf(who, sizeof who, "no provision names either, and the place does not pair them");
	else if (first_missing(mx->naming, my->naming, d, sizeof d))
		snprintf(who, sizeof who, "%s names %s in the old version, and not %s in the new", d, from, to);
	else if (first_missing(my->naming, mx->naming, d, sizeof d))
		snprintf(who, sizeof who, "%s names %s in the new version, and did not name %s in the old", d, to, from);
	if (doubt && why)
		snprintf(why, wn, "%s", who);
	return doubt;
}

static int may_be_renamed(rename_ctx *c, uint32_t k, uint32_t l, int named)
{
	return !rename_doubt(c, k, l, named, NULL, 0);
}

/* Pairs of members weighed in one place where as many did not come as
 * went: beyond it, none is paired. */
#define MAX_PAIRS 256

/* A member that may have been renamed and is not taken as renamed, and
 * why, appended to *d. */
static void doubt(diff_rename_doubt **d, size_t *n, const char *en, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void doubt(diff_rename_doubt **d, size_t *n, const char *en, const char *fmt, ...)
{
	va_list ap;
	char *text;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	va_end(ap);
	*d = xrealloc(*d, (*n + 1) * sizeof **d);
	(*d)[(*n)++] = (diff_rename_doubt){ en, text };
}

size_t diff_renamed_members(program *px, const lw_program *x, program *py, const lw_program *y,
                            diff_renamed_member **out, char ***text, diff_rename_doubt **doubts, size_t *ndoubts)
{
	const lp_schema *a = &x->schema, *b = &y->schema;
	size_t n = 0;
	*out = NULL;
	*text = NULL;
	*doubts = NULL;
	*ndoubts = 0;
	/* the enums that may hold one: of the same name in both main files,
	 * not the Parties (a State is not renamed in passing), each with a
	 * member the other lacks; the files are lexed only if there are any */
	uint32_t *other = xcalloc(a->nenums + 1, sizeof *other), candidates = 0;
	for (uint32_t i = 0; i < a->nenums; i++) {
		const lp_enum_desc *e = &a->enums[i];
		other[i] = UINT32_MAX;
		for (uint32_t j = 0; j < b->nenums && other[i] == UINT32_MAX; j++)
			if (!strcmp(b->enums[j].name, e->name))
				other[i] = j;
		uint32_t j = other[i];
		if (j == UINT32_MAX || i == a->party_enum || j == b->party_enum || !enum_in_main(x, e->name)
		    || !enum_in_main(y, e->name)) {
			other[i] = UINT32_MAX;
			continue;
		}
		const char **sb = sorted_members(&b->enums[j]);
		int lacks = 0;
		for (uint32_t k = 0; k < e->nmembers && !lacks; k++)
			lacks = !bsearch(&e->members[k], sb, b->enums[j].nmembers, sizeof *sb, cmp_name);
		free(sb);
		if (lacks)
			candidates++;
		else
			other[i] = UINT32_MAX;
	}
	if (!candidates) {
		free(other);
		return 0;
	}
	toks *tx = lex_all(px, x), *ty = lex_all(py, y);
	rename_ctx c = { x, y, tx, ty, 0, 0, { NULL, NULL } };
	for (uint32_t i = 0; i < a->nenums; i++) {
		if (other[i] == UINT32_MAX)
			continue;
		const lp_enum_desc *e = &a->enums[i], *f = &b->enums[other[i]];
		const char **se = sorted_members(e), **sf = sorted_members(f);
		member_places pe, pf;
		places_of(e, sf, f->nmembers, &pe);
		places_of(f, se, e->nmembers, &pf);
		c.i = i;
		c.j = other[i];
		c.f[0] = xcalloc(e->nmembers + 1, sizeof *c.f[0]);
		c.f[1] = xcalloc(f->nmembers + 1, sizeof *c.f[1]);
		uint8_t *taken = xcalloc(f->nmembers + 1, 1);
		/* a member the new version lacks, and one the old lacks, in the
		 * same place among the members both have: paired in order when
		 * as many went from that place as came; otherwise the one new
		 * member that may be it, when it may be no other old one (a
		 * place where many went and others came is not paired: which
		 * is which is a guess) */
		for (uint32_t k = 0; k < e->nmembers; k++) {
			if (pe.common[k])
				continue;
			const char *from = e->members[k];
			uint32_t ne, nf = 0, rk = rank_in_place(e, &pe, k, &ne), pick = UINT32_MAX, picks = 0, last = 0;
			char why[256] = "";
			for (uint32_t l = 0; l < f->nmembers; l++)
				if (same_place(&pe, k, &pf, l)) {
					nf++;
					last = l;
				}
			if (!nf)
				continue;   /* nothing came in its place: removed */
			if (ne != nf && (uint64_t)ne * nf > MAX_PAIRS) {
				if (!rk)
					doubt(doubts, ndoubts, e->name, "%s and the %u others that went from its place -> the %u "
					      "members that came (too many to pair)", from, ne - 1, nf);
				continue;
			}
			for (uint32_t l = 0, r = 0; l < f->nmembers; l++) {
				if (!same_place(&pe, k, &pf, l))
					continue;
				if (ne == nf ? r++ == rk : nf > 1 && !taken[l] && may_be_renamed(&c, k, l, 1)) {
					pick = l;
					picks++;
				}
			}
			if (ne == nf || (nf == 1 && !picks)) {
				uint32_t to = ne == nf ? pick : last;
				if (taken[to] || rename_doubt(&c, k, to, ne != nf, why, sizeof why)) {
					if (!taken[to])
						doubt(doubts, ndoubts, e->name, "%s -> %s (%s)", from, f->members[to], why);
					continue;
				}
				pick = to;
			} else if (picks != 1) {
				/* the members of its place, or those that may be it */
				char list[512] = "", *or = NULL;
				size_t at = 0;
				uint32_t m = 0;
				for (uint32_t l = 0; l < f->nmembers; l++)
					if (same_place(&pe, k, &pf, l) && !taken[l] && (!picks || may_be_renamed(&c, k, l, 1))) {
						if (m++ < 5 && at < sizeof list) {
							or = list + at;
							at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", m > 1 ? ", " : "",
							                       f->members[l]);
						}
					}
				if (!m)
					continue;   /* each came for another that went */
				if (m > 5 && at < sizeof list)
					snprintf(list + at, sizeof list - at, " and %u more", m - 5);
				else if (m > 1 && or)
					*or = 0;   /* "a, b" and the last after "or" */
				doubt(doubts, ndoubts, e->name, picks ? "%s -> %s%s%s (each in its place, named by the same "
				                                        "provisions: which is which cannot be told)"
				                                      : "%s -> %s%s%s (in its place, but no provision ties it "
				                                        "to one of them)",
				      from, list, m > 1 && m <= 5 ? " or " : "", m > 1 && m <= 5 && or ? or + 2 : "");
				continue;
			}
			/* no other old member of the place may be it too */
			uint32_t rival = UINT32_MAX;
			for (uint32_t j = 0; ne != nf && j < e->nmembers && rival == UINT32_MAX; j++)
				if (j != k && same_place(&pe, j, &pe, k) && may_be_renamed(&c, j, pick, 1))
					rival = j;
			if (rival != UINT32_MAX) {
				doubt(doubts, ndoubts, e->name, "%s -> %s (%s may be it too: which is which cannot be told)",
				      from, f->members[pick], e->members[rival]);
				continue;
			}
			taken[pick] = 1;
			*out = xrealloc(*out, (n + 1) * sizeof **out);
			(*out)[n++] = (diff_renamed_member){ e->name, from, f->members[pick] };
		}
		for (int s = 0; s < 2; s++) {
			for (uint32_t k = 0; k < (s ? f : e)->nmembers; k++)
				free(c.f[s][k].naming);
			free(c.f[s]);
		}
		free(taken);
		places_free(&pe);
		places_free(&pf);
		free(se);
		free(sf);
	}
	/* each file that writes an old name, written with the new one */
	if (n)
		*text = xcalloc(x->nfiles + 1, sizeof **text);
	for (uint32_t f = 0; n && f < x->nfiles; f++) {
		const toks *t = &tx[f];
		lp_strbuf w = { 0 };
		uint32_t done = 0;
		for (size_t j = 0; j < t->n; j++)
			for (size_t k = 0; k < n; k++)
				if (is_ident(t, j, (*out)[k].from)) {
					lp_sb_put(&w, t->f->text + done, t->t[j].start - done);
					lp_sb_puts(&w, (*out)[k].to);
					done = t->t[j].end;
					break;
				}
		if (done) {
			lp_sb_put(&w, t->f->text + done, t->f->len - done);
			(*text)[f] = strndup(w.data, w.len);
		}
		lp_sb_free(&w);
	}
	free_all(tx, x->nfiles);
	free_all(ty, y->nfiles);
	free(other);
	return n;
}

int diff_same_member(const diff_match *m, const char *en, int s, const char *a, const char *b)
{
	if (!strcmp(a, b))
		return 1;
	for (size_t k = 0; m && k < m->nmembers_renamed; k++) {
		const diff_renamed_member *r = &m->members_renamed[k];
		if (!strcmp(r->en, en) && !strcmp(a, s ? r->to : r->from) && !strcmp(b, s ? r->from : r->to))
			return 1;
	}
	return 0;
}

/* Whether clause i of the old version x reads a field the new one, y,
 * renamed. */
static int reads_renamed(const lw_program *x, const lw_program *y, uint32_t i, const diff_match *m)
{
	for (uint32_t f = 0; f < x->schema.nfields; f++) {
		int j = m->field_at[0][f];
		if (j < 0 || !strcmp(x->schema.fields[f].name, y->schema.fields[j].name))
			continue;
		if (clause_reads(x, i, f))
			return 1;
	}
	return 0;
}

/* `article 3 "Grounds for refusal"`, or that a clause stands in none. */
static const char *article_words(arena *a, const lw_program *p, uint32_t i)
{
	if (i == LW_NONE || i >= p->narticles)
		return "in no article";
	const lw_article *ar = &p->articles[i];
	return ar->title ? arena_printf(a, "in article %s \"%s\"", ar->label, ar->title)
	                 : arena_printf(a, "in article %s", ar->label);
}

/* A declaration's text with each member renamed written as renamed
 * (whole words, not in strings). */
static char *renamed_text(arena *a, const char *text, const diff_renamed_member *ren, size_t nren)
{
	lp_strbuf b = { 0 };
	for (const char *p = text; *p; ) {
		size_t w = 0;
		if (*p == '"') {   /* a string, as decl_text wrote it */
			for (w = 1; p[w] && p[w] != '"'; w++)
				w += p[w] == '\\' && p[w + 1];
			w += p[w] == '"';
			lp_sb_put(&b, p, w);
			p += w;
			continue;
		}
		while (isalnum((unsigned char)p[w]) || p[w] == '_')
			w++;
		const char *to = NULL;
		for (size_t k = 0; w && k < nren && !to; k++)
			if (strlen(ren[k].from) == w && !memcmp(p, ren[k].from, w))
				to = ren[k].to;
		if (to)
			lp_sb_puts(&b, to);
		else
			lp_sb_put(&b, p, w ? w : 1);
		p += w ? w : 1;
	}
	char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	lp_sb_free(&b);
	return s;
}

/* A clause under an article of another label in the new version (the
 * same label, or renumbered): `pacta explain` cites it there, with that
 * article's text (an article retitled is listed as such, its clauses not
 * moved). */
static void moved(diff_result *r, arena *a, const lw_program *x, uint32_t cx, const lw_program *y, uint32_t cy,
                  const char *what, const char *name)
{
	uint32_t ix = x->clauses[cx].article, iy = y->clauses[cy].article;
	const char *lx = ix < x->narticles ? x->articles[ix].label : "";
	const char *ly = iy < y->narticles ? y->articles[iy].label : "";
	if (strcmp(lx, ly))
		add(r, a, what, name, DIFF_MOVED, article_words(a, x, ix), article_words(a, y, iy));
}

int diff_structural(program *px, const lw_program *x, program *py, const lw_program *y,
                    const diff_match *m, const diff_renamed_member *ren, size_t nren,
                    const diff_rename_doubt *doubts, size_t ndoubts, diff_result *r)
{
	arena *a = px->ar;
	memset(r, 0, sizeof *r);
	uint32_t nx = (uint32_t)px->files.len, ny = (uint32_t)py->files.len;
	toks *tx = xcalloc(nx + 1, sizeof *tx), *ty = xcalloc(ny + 1, sizeof *ty);
	diff_header(r, a, x, y);
	for (uint32_t i = 0; i < x->nitems; i++) {
		const lw_item *d = &x->items[i];
		if (!comparable(d))
			continue;
		char *old = decl_text(a, toks_of(px, tx, nx, d), d->at.start);
		const diff_clause *c = d->kind == D_CLAUSE && d->index != LW_NONE ? &m->clauses[m->at[0][d->index]] : NULL;
		const char *what = c ? lp_clause_kind_names[x->clauses[d->index].kind] : what_name(d->kind);
		if (c && c->state == DC_RENUMBERED) {
			const char *to = y->clauses[c->io[1]].label;
			const lw_item *e = find(y, D_CLAUSE, to);
			char *neu = e ? decl_text(a, toks_of(py, ty, ny, e), e->at.start) : NULL;
			add(r, a, what, d->name, DIFF_RENUMBERED, old, neu);
			diff_item *it = &r->items[r->n - 1];
			it->name2 = arena_strndup(a, to, strlen(to));
			it->same_rules = 1;
			if (neu && strcmp(relabel(a, old, d->name, to), neu) == 0)
				it->old = it->neu = NULL;   /* nothing but the label */
			moved(r, a, x, d->index, y, (uint32_t)c->io[1], what, d->name);
			continue;
		}
		/* a clause whose label the other version gives another one (those
		 * after it renumbered) was removed all the same */
		const lw_item *e = c && c->io[1] < 0 ? NULL : find(y, d->kind, d->name);
		if (!e) {
			add(r, a, what, d->name, DIFF_REMOVED, old, NULL);
			continue;
		}
		char *neu = decl_text(a, toks_of(py, ty, ny, e), e->at.start);
		if (strcmp(old, neu)) {
			add(r, a, what, d->name, DIFF_CHANGED, old, neu);
			int renamed_only = nren && !strcmp(renamed_text(a, old, ren, nren), neu);
			if (c && c->state == DC_SAME)
				r->items[r->n - 1].same_rules = reads_renamed(x, y, d->index, m) ? 2 : renamed_only ? 3 : 1;
			else if (!c && renamed_only)
				r->items[r->n - 1].same_rules = 3;   /* but for the member renamed */
		}
		if (c && e->index != LW_NONE)
			moved(r, a, x, d->index, y, e->index, what, d->name);
	}
	for (uint32_t i = 0; i < y->nitems; i++) {
		const lw_item *e = &y->items[i];
		const diff_clause *c = e->kind == D_CLAUSE && e->index != LW_NONE ? &m->clauses[m->at[1][e->index]] : NULL;
		if (!comparable(e) || (c ? c->io[0] >= 0 : find(x, e->kind, e->name) != NULL))
			continue;   /* a clause paired is reported with its old label */
		add(r, a, e->kind == D_CLAUSE && e->index != LW_NONE ? lp_clause_kind_names[y->clauses[e->index].kind]
		                                                        : what_name(e->kind),
		    e->name, DIFF_ADDED, NULL, decl_text(a, toks_of(py, ty, ny, e), e->at.start));
	}
	/* with each enum's change, its members not taken as renamed */
	for (size_t i = 0; i < r->n && ndoubts; i++) {
		diff_item *it = &r->items[i];
		if (strcmp(it->what, "enum") || it->op != DIFF_CHANGED)
			continue;
		for (size_t k = 0; k < ndoubts; k++)
			if (!strcmp(doubts[k].en, it->name)) {
				it->doubts = it->doubts ? it->doubts : &doubts[k];
				it->ndoubts++;
			}
	}
	for (size_t k = 0; k < nren; k++) {
		add(r, a, "member", ren[k].from, DIFF_RENAMED, NULL, NULL);
		r->items[r->n - 1].name2 = arena_strndup(a, ren[k].to, strlen(ren[k].to));
		r->items[r->n - 1].of = arena_strndup(a, ren[k].en, strlen(ren[k].en));
	}
	diff_schema(r, a, x, y, m, ren, nren);
	for (uint32_t i = 0; i < nx; i++)
		free(tx[i].t);
	for (uint32_t i = 0; i < ny; i++)
		free(ty[i].t);
	free(tx);
	free(ty);
	return 0;
}

void diff_result_free(diff_result *r)
{
	free(r->items);
	r->items = NULL;
	r->n = r->cap = 0;
	for (size_t i = 0; i < r->nguar; i++) {
		free(r->guar[i].request_json);
		free(r->guar[i].decision_json);
		free(r->guar[i].decision_text);
		free(r->guar[i].asymmetries);
		free(r->guar[i].unstated);
	}
	free(r->guar);
	r->guar = NULL;
	r->nguar = 0;
}

