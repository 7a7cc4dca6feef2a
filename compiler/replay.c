/*
 * replay.c — `pacta diff --replay`: logged requests decided by both
 * versions of an agreement, and what changed for them.
 *
 * Pipeline: lower (both versions) and diff_match -> **replay** (here)
 * -> report.c.  The file is read in large blocks; each block's lines are
 * shared among threads, each decoding a line with the runtime's JSON
 * decoder (once when the two versions read requests alike), deciding it
 * twice and, when the decisions differ, naming the change with the
 * semantic diff's words (smt_classify).  A large file is decided by the
 * two versions' native modules (built as `pacta build` does; their full
 * entry, `trace`, called directly on the request packed as a module reads
 * it: the entry is pure, and the classifier needs the grounds and the
 * rules fired, which the fast entry leaves out), a small one by the
 * reference evaluator (eval.c), which decides alike (tests/diff) without
 * the time a build takes.  Each thread keeps its own tallies, merged at
 * the end, so that the report does not depend on how the lines were
 * shared: the ids kept are always those of the first lines of each kind.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "replay.h"
#include "run.h"
#include "smt.h"
#include "../runtime/libpacta.h"

#define BLOCK (8u << 20)       /* bytes read at a time */
#define MAX_THREADS 8

/* An example: the line it was read from, and its id as JSON. */
typedef struct example {
	size_t line;
	char *id;
} example;

/* A tally: requests of one sort, with the first examples by line. */
typedef struct tally {
	char *what;
	size_t n, more, less, changed, unordered;
	example *ex;
	size_t nex;
} tally;

/* An open-addressing table of tallies by their text. */
typedef struct table {
	tally *t;
	size_t n, cap;
} table;

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 1099511628211u;
	return h;
}

static tally *table_get(table *tb, const char *s, size_t n)
{
	if (2 * (tb->n + 1) > tb->cap) {
		size_t cap = tb->cap ? 2 * tb->cap : 64;
		tally *t = xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < tb->cap; i++)
			if (tb->t[i].what) {
				size_t h = hash(tb->t[i].what, strlen(tb->t[i].what)) & (cap - 1);
				while (t[h].what)
					h = (h + 1) & (cap - 1);
				t[h] = tb->t[i];
			}
		free(tb->t);
		tb->t = t;
		tb->cap = cap;
	}
	size_t h = hash(s, n) & (tb->cap - 1);
	while (tb->t[h].what) {
		if (strlen(tb->t[h].what) == n && memcmp(tb->t[h].what, s, n) == 0)
			return &tb->t[h];
		h = (h + 1) & (tb->cap - 1);
	}
	tb->t[h].what = strndup(s, n);
	tb->n++;
	return &tb->t[h];
}

/* Keeps the `max` examples of the lowest lines. */
static void keep(tally *t, size_t max, size_t line, const char *id)
{
	if (!max)
		return;
	if (t->nex == max && t->ex[max - 1].line < line)
		return;
	if (!t->ex)
		t->ex = xcalloc(max + 1, sizeof *t->ex);
	size_t i = t->nex < max ? t->nex++ : max - 1;
	free(t->ex[i].id);
	while (i > 0 && t->ex[i - 1].line > line) {
		t->ex[i] = t->ex[i - 1];
		i--;
	}
	t->ex[i].line = line;
	t->ex[i].id = strdup(id);
}

static void table_merge(table *into, const table *from, size_t max)
{
	for (size_t i = 0; i < from->cap; i++) {
		const tally *f = &from->t[i];
		if (!f->what)
			continue;
		tally *t = table_get(into, f->what, strlen(f->what));
		t->n += f->n;
		t->more += f->more;
		t->less += f->less;
		t->changed += f->changed;
		t->unordered += f->unordered;
		for (size_t k = 0; k < f->nex; k++)
			keep(t, max, f->ex[k].line, f->ex[k].id);
	}
}

static void table_free(table *tb)
{
	for (size_t i = 0; i < tb->cap; i++) {
		free(tb->t[i].what);
		for (size_t k = 0; k < tb->t[i].nex; k++)
			free(tb->t[i].ex[k].id);
		free(tb->t[i].ex);
	}
	free(tb->t);
	memset(tb, 0, sizeof *tb);
}

/* What both versions share, read-only. */
typedef struct shared {
	const lw_program *c[2];
	const replay_options *o;
	lp_names *names[2];
	lp_names *plain;            /* the new version's names alone, where it
	                               also reads the old names of what it
	                               renamed; else NULL */
	int same_schema;            /* one decoding serves both */
	int sig_field[2][2 + 16];   /* per side: parties, then `by` fields */
	size_t nsig;                /* fields in a signature */
	int has_sig;
	lp_decide_fn trace[2];      /* the native modules' full entry, or NULL */
	const lp_place *places[2];  /* where each field is packed for it */
	uint32_t data_size[2];      /* bytes of a packed request */
} shared;

/* One thread: its lines, evaluators and tallies. */
typedef struct worker {
	const shared *sh;
	const char *text;
	size_t len;
	size_t line0;               /* the line number of its first line */
	evaluator *ev[2];
	lp_decision_buf d[2];
	void *dmem[2];
	uint64_t *req[2];
	uint64_t *scratch;          /* the new version's request read by its own names */
	uint64_t *packed[2];        /* req[] as a native module reads it */
	smt_classifier *k;
	lp_strbuf kinds;
	size_t requests, decided, changed, more, less, neutral, unordered, unreadable[2], one_side, old_names;
	table kt, st, et[2], ot;
} worker;

static void id_text(const lp_request_id *id, size_t line, char *out, size_t n)
{
	if (id->kind == 1) {
		snprintf(out, n, "%s", id->text);
	} else if (id->kind == 2) {
		lp_strbuf b = { 0 };
		lp_sb_json_string(&b, id->text, id->len);
		snprintf(out, n, "%.*s", (int)b.len, b.data ? b.data : "");
		lp_sb_free(&b);
	} else {
		snprintf(out, n, "\"line %zu\"", line);
	}
}

/* "XB -> XA, preservation" from side s's request */
static void signature(const shared *sh, int s, const uint64_t *req, lp_strbuf *b)
{
	const lp_schema *sc = &sh->c[s]->schema;
	for (size_t i = 0; i < sh->nsig; i++) {
		const lp_field_desc *f = &sc->fields[sh->sig_field[s][i]];
		uint64_t v = req[f->slot];
		const lp_enum_desc *en = &sc->enums[f->enum_index];
		lp_sb_puts(b, i == 0 ? "" : i == 1 ? " -> " : ", ");
		lp_sb_puts(b, v < en->nmembers ? en->members[v] : "?");
	}
}

/* the message of a decoding error, without its place */
static const char *error_words(const lp_json_error *e)
{
	const char *t = strstr(e->text, ": ");
	return t && strncmp(e->text, "line ", 5) == 0 ? t + 2 : e->text;
}

static void decide_one(worker *w, int side)
{
	const shared *sh = w->sh;
	if (!sh->trace[side]) {
		eval_request(w->ev[side], w->req[side], &w->d[side]);
		return;
	}
	lp_pack(&sh->c[side]->schema, sh->places[side], w->req[side], (uint8_t *)w->packed[side]);
	uint32_t rv = sh->trace[side](w->packed[side], w->dmem[side]);
	w->d[side].outcome = (uint8_t)(rv & 0xff);
	w->d[side].ground = (uint8_t)(rv >> 8 & 0xff);
}

static void one_line(worker *w, const char *s, size_t n, size_t line)
{
	const shared *sh = w->sh;
	const replay_options *o = sh->o;
	lp_request_id id;
	lp_json_error err[2];
	int ok[2];
	char idt[160];
	w->requests++;
	memset(&id, 0, sizeof id);
	for (int side = 0; side < 2; side++) {
		if (side == 1 && sh->same_schema) {
			/* one decoding serves both, and so does its error */
			ok[1] = ok[0];
			err[1] = err[0];
			if (ok[0])
				memcpy(w->req[1], w->req[0], sh->c[0]->schema.nslots * sizeof *w->req[0]);
		} else {
			ok[side] = lp_json_decode_general(&sh->c[side]->schema, sh->names[side], s, n, (int)line,
			                                    w->req[side], &id, &err[side]) == 0;
		}
		if (!ok[side])
			w->unreadable[side]++;
	}
	/* read by the new version only through an old name: its module,
	 * which knows the new names alone, would not read it */
	lp_json_error plain;
	if (ok[1] && sh->plain && lp_json_decode_general(&sh->c[1]->schema, sh->plain, s, n, (int)line,
	                                                 w->scratch, &id, &plain) != 0) {
		w->old_names++;
		id_text(&id, line, idt, sizeof idt);
		tally *t = table_get(&w->ot, error_words(&plain), strlen(error_words(&plain)));
		t->n++;
		keep(t, o->examples, line, idt);
	}
	if (!ok[0] || !ok[1]) {
		w->one_side += ok[0] != ok[1];
		/* by the message, and what the other version decided */
		id_text(&id, line, idt, sizeof idt);
		for (int side = 0; side < 2; side++) {
			if (ok[side])
				continue;
			w->kinds.len = 0;
			lp_sb_puts(&w->kinds, error_words(&err[side]));
			if (ok[!side]) {
				decide_one(w, !side);
				lp_sb_printf(&w->kinds, "; the %s version: ", side ? "old" : "new");
				smt_describe(w->k, !side, &w->d[!side], &w->kinds);
			}
			tally *t = table_get(&w->et[side], w->kinds.data, w->kinds.len);
			t->n++;
			keep(t, o->examples, line, idt);
		}
		return;
	}
	w->decided++;
	decide_one(w, 0);
	decide_one(w, 1);
	w->kinds.len = 0;
	int dir = smt_classify(w->k, &w->d[0], &w->d[1], &w->kinds);
	if (!dir)
		return;
	/* changed only in values no order ranks: neither way */
	int unordered = (dir & SMT_UNORDERED) && !(dir & (SMT_MORE | SMT_LESS));
	w->changed++;
	w->more += (dir & SMT_MORE) != 0;
	w->less += (dir & SMT_LESS) != 0;
	w->neutral += dir == SMT_CHANGED;
	w->unordered += unordered;
	id_text(&id, line, idt, sizeof idt);
	for (size_t i = 0; i < w->kinds.len;) {
		const char *p = w->kinds.data + i, *e = memchr(p, '\n', w->kinds.len - i);
		size_t len = e ? (size_t)(e - p) : w->kinds.len - i;
		tally *t = table_get(&w->kt, p, len);
		t->n++;
		keep(t, o->examples, line, idt);
		i += len + 1;
	}
	if (sh->has_sig) {
		lp_strbuf b = { 0 };
		signature(sh, 1, w->req[1], &b);
		tally *t = table_get(&w->st, b.data ? b.data : "", b.len);
		lp_sb_free(&b);
		t->n++;
		t->more += (dir & SMT_MORE) != 0;
		t->less += (dir & SMT_LESS) != 0;
		t->changed += dir == SMT_CHANGED;
		t->unordered += unordered;
		keep(t, o->examples, line, idt);
	}
}

static void *work(void *arg)
{
	worker *w = arg;
	size_t line = w->line0;
	for (size_t i = 0; i < w->len;) {
		const char *p = w->text + i, *e = memchr(p, '\n', w->len - i);
		size_t n = e ? (size_t)(e - p) : w->len - i;
		size_t k = 0;
		while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
			k++;
		if (k < n)
			one_line(w, p, n, line);
		line++;
		i += n + 1;
	}
	return NULL;
}

static int same_schema(const lp_schema *a, const lp_schema *b)
{
	if (a->nfields != b->nfields || a->nslots != b->nslots)
		return 0;
	for (uint32_t i = 0; i < a->nfields; i++) {
		const lp_field_desc *f = &a->fields[i], *g = &b->fields[i];
		if (strcmp(f->name, g->name) || f->kind != g->kind || f->slot != g->slot || f->nslots != g->nslots ||
		    f->has_default != g->has_default ||
		    (f->has_default && memcmp(f->defval, g->defval, f->nslots * sizeof *f->defval)))
			return 0;
		if (f->kind == PK_ENUM || f->kind == PK_SET) {
			const lp_enum_desc *x = &a->enums[f->enum_index], *y = &b->enums[g->enum_index];
			if (x->nmembers != y->nmembers)
				return 0;
			for (uint32_t m = 0; m < x->nmembers; m++)
				if (strcmp(x->members[m], y->members[m]))
					return 0;
		}
	}
	return 1;
}

static int enum_field(const lp_schema *s, const char *name)
{
	int i = lp_field_named(s, name);
	return i < 0 || s->fields[i].kind == PK_ENUM ? i : -2;
}

static int cmp_tally(const void *x, const void *y)
{
	const tally *a = x, *b = y;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->what, b->what);
}

static void export(const table *tb, replay_count **out, size_t *n)
{
	tally *all = xcalloc(tb->n + 1, sizeof *all);
	size_t k = 0;
	for (size_t i = 0; i < tb->cap; i++)
		if (tb->t[i].what)
			all[k++] = tb->t[i];
	qsort(all, k, sizeof *all, cmp_tally);
	*out = xcalloc(k + 1, sizeof **out);
	for (size_t i = 0; i < k; i++) {
		replay_count *c = &(*out)[i];
		c->what = strdup(all[i].what);
		c->n = all[i].n;
		c->more = all[i].more;
		c->less = all[i].less;
		c->changed = all[i].changed;
		c->unordered = all[i].unordered;
		c->ids = xcalloc(all[i].nex + 1, sizeof *c->ids);
		for (size_t e = 0; e < all[i].nex; e++)
			c->ids[c->nids++] = strdup(all[i].ex[e].id);
	}
	*n = k;
	free(all);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A field of the signature on side s: an enum field of that name, or
 * the one a field of that name on the other side was renamed to or from. */
static int sig_field(const shared *sh, const diff_match *m, int s, const char *name)
{
	const lw_program *lw[2] = { sh->c[0], sh->c[1] };
	int f = diff_find_field(lw, m, s, name);
	return f >= 0 && lw[s]->schema.fields[f].kind == PK_ENUM ? f : -1;
}

int replay_run(const lw_program *old, const lw_program *neu, const replay_options *o, replay_result *r)
{
	double t0 = now();
	memset(r, 0, sizeof *r);
	r->path = o->path;
	FILE *in = strcmp(o->path, "-") ? fopen(o->path, "rb") : stdin;
	if (!in) {
		snprintf(r->error, sizeof r->error, "--replay %s: cannot open it", o->path);
		return -1;
	}
	shared sh;
	memset(&sh, 0, sizeof sh);
	sh.c[0] = old;
	sh.c[1] = neu;
	sh.o = o;
	sh.same_schema = same_schema(&old->schema, &neu->schema);
	for (int s = 0; s < 2; s++)
		sh.names[s] = lp_names_new(&sh.c[s]->schema);
	/* a field the new version renamed: each version takes it under
	 * either name, so that the log's lines are decided by both */
	int aliased = 0;
	for (int s = 0; s < 2 && o->match; s++)
		for (uint32_t i = 0; sh.names[s] && i < sh.c[s]->schema.nfields; i++) {
			int j = o->match->field_at[s][i];
			const char *mine = sh.c[s]->schema.fields[i].name;
			const char *theirs = j >= 0 ? sh.c[!s]->schema.fields[j].name : mine;
			if (strcmp(mine, theirs) != 0 && lp_names_alias(sh.names[s], i, theirs) == 0 && s)
				aliased = 1;
		}
	/* a member the new version renamed: likewise */
	for (int s = 0; s < 2; s++)
		for (size_t k = 0; sh.names[s] && k < o->nrenamed; k++) {
			const diff_renamed_member *rm = &o->renamed[k];
			const lp_schema *sc = &sh.c[s]->schema;
			for (uint32_t e = 0; e < sc->nenums; e++)
				for (uint32_t i = 0; !strcmp(sc->enums[e].name, rm->en) && i < sc->enums[e].nmembers; i++)
					if (!strcmp(sc->enums[e].members[i], s ? rm->to : rm->from)
					    && lp_names_alias_member(sh.names[s], e, i, s ? rm->from : rm->to) == 0 && s)
						aliased = 1;
		}
	if (aliased)
		sh.plain = lp_names_new(&sh.c[1]->schema);
	/* the signature: the parties and the `by` fields, enums of both */
	const char *dflt = "assistance";
	const char *const *by = o->by;
	size_t nby = o->nby;
	if (!by) {
		by = &dflt;
		nby = enum_field(&old->schema, dflt) >= 0 && enum_field(&neu->schema, dflt) >= 0;
	}
	const char *names[2 + 16] = { "requesting_party", "requested_party" };
	sh.has_sig = nby <= 16;
	for (size_t i = 0; i < nby && i < 16; i++)
		names[2 + i] = by[i];
	sh.nsig = 2 + (nby <= 16 ? nby : 0);
	for (int s = 0; s < 2 && sh.has_sig; s++)
		for (size_t i = 0; i < sh.nsig; i++)
			if ((sh.sig_field[s][i] = sig_field(&sh, o->match, s, names[i])) < 0)
				sh.has_sig = 0;
	if (sh.has_sig)
		for (size_t i = 2; i < sh.nsig; i++) {
			r->sig_fields = xrealloc(r->sig_fields, (r->nsig_fields + 1) * sizeof *r->sig_fields);
			r->sig_fields[r->nsig_fields++] = strdup(names[i]);
		}

	/* a large file: native modules (a small one is decided before two
	 * modules could be built) */
	pacta_module *mod[2] = { NULL, NULL };
	struct stat st;
	if (in != stdin && fstat(fileno(in), &st) == 0 && st.st_size >= (off_t)o->native_from && o->native_from) {
		for (int s = 0; s < 2; s++)
			if (run_build_native(sh.c[s], 2, &mod[s]) == 0 && mod[s]->decide && mod[s]->desc->trace &&
			    lp_decision_size(mod[s]->s) == lp_decision_size(&sh.c[s]->schema)) {
				sh.trace[s] = mod[s]->desc->trace;
				sh.places[s] = mod[s]->places;
				sh.data_size[s] = mod[s]->data_size;
			}
		if (!sh.trace[0] || !sh.trace[1])
			sh.trace[0] = sh.trace[1] = NULL;
	}
	r->native = sh.trace[0] != NULL;
	unsigned nt = o->threads;
	if (!nt) {
		long p = sysconf(_SC_NPROCESSORS_ONLN);
		nt = p < 1 ? 1 : p > MAX_THREADS ? MAX_THREADS : (unsigned)p;
	}
	worker *ws = xcalloc(nt, sizeof *ws);
	for (unsigned t = 0; t < nt; t++) {
		worker *w = &ws[t];
		w->sh = &sh;
		for (int s = 0; s < 2; s++) {
			const lp_schema *sc = &sh.c[s]->schema;
			w->ev[s] = eval_new(sh.c[s]);
			w->dmem[s] = xcalloc(1, lp_decision_size(sc));
			lp_decision_layout(sc, &w->d[s], w->dmem[s]);
			w->req[s] = xcalloc(sc->nslots + 1, sizeof *w->req[s]);
			if (sh.trace[s])
				w->packed[s] = xcalloc(sh.data_size[s] / 8 + 1, sizeof *w->packed[s]);
		}
		if (sh.plain)
			w->scratch = xcalloc(sh.c[1]->schema.nslots + 1, sizeof *w->scratch);
		w->k = smt_classifier_new(old, neu, o->match);
	}

	/* blocks of whole lines, each shared among the threads */
	char *buf = xmalloc(BLOCK + 1);
	size_t have = 0, line = 1;
	int eof = 0, rc = 0;
	while (!eof || have) {
		if (!eof) {
			size_t got = fread(buf + have, 1, BLOCK - have, in);
			have += got;
			if (got == 0) {
				eof = 1;
				if (ferror(in)) {
					snprintf(r->error, sizeof r->error, "--replay %s: cannot read it", o->path);
					rc = -1;
					break;
				}
			}
		}
		size_t end = have;
		if (!eof) {
			while (end > 0 && buf[end - 1] != '\n')
				end--;
			if (end == 0) {
				if (have < BLOCK)
					continue;
				snprintf(r->error, sizeof r->error, "--replay %s: a line longer than %u bytes", o->path, BLOCK);
				rc = -1;
				break;
			}
		}
		/* cut at line ends into nt parts */
		size_t start = 0;
		pthread_t th[MAX_THREADS];
		unsigned used = 0;
		for (unsigned t = 0; t < nt && start < end; t++) {
			size_t stop = t + 1 == nt ? end : start + (end - start) / (nt - t);
			if (stop <= start)
				stop = start + 1;
			while (stop < end && buf[stop - 1] != '\n')
				stop++;
			worker *w = &ws[t];
			w->text = buf + start;
			w->len = stop - start;
			w->line0 = line;
			for (const char *p = buf + start, *e = buf + stop; (p = memchr(p, '\n', (size_t)(e - p))); p++)
				line++;
			start = stop;
			used++;
		}
		for (unsigned t = 1; t < used; t++)
			if (pthread_create(&th[t], NULL, work, &ws[t]) != 0)
				work(&ws[t]), th[t] = 0;
		if (used)
			work(&ws[0]);
		for (unsigned t = 1; t < used; t++)
			if (th[t])
				pthread_join(th[t], NULL);
		memmove(buf, buf + end, have - end);
		have -= end;
	}
	free(buf);
	if (in != stdin)
		fclose(in);

	table kt = { 0 }, stt = { 0 }, et[2] = { { 0 }, { 0 } }, ot = { 0 };
	for (unsigned t = 0; t < nt; t++) {
		worker *w = &ws[t];
		r->requests += w->requests;
		r->decided += w->decided;
		r->changed += w->changed;
		r->more += w->more;
		r->less += w->less;
		r->neutral += w->neutral;
		r->unordered += w->unordered;
		r->one_side += w->one_side;
		r->old_names += w->old_names;
		table_merge(&ot, &w->ot, o->examples);
		table_free(&w->ot);
		free(w->scratch);
		for (int s = 0; s < 2; s++) {
			r->unreadable[s] += w->unreadable[s];
			table_merge(&et[s], &w->et[s], o->examples);
			table_free(&w->et[s]);
			eval_free(w->ev[s]);
			free(w->dmem[s]);
			free(w->req[s]);
			free(w->packed[s]);
		}
		table_merge(&kt, &w->kt, o->examples);
		table_merge(&stt, &w->st, o->examples);
		table_free(&w->kt);
		table_free(&w->st);
		lp_sb_free(&w->kinds);
		smt_classifier_free(w->k);
	}
	free(ws);
	export(&kt, &r->kinds, &r->nkinds);
	export(&stt, &r->sigs, &r->nsigs);
	for (int s = 0; s < 2; s++) {
		export(&et[s], &r->errors[s], &r->nerrors[s]);
		table_free(&et[s]);
		lp_names_free(sh.names[s]);
	}
	export(&ot, &r->old_name_errors, &r->nold_name_errors);
	table_free(&ot);
	lp_names_free(sh.plain);
	table_free(&kt);
	table_free(&stt);
	pacta_module_close(mod[0]);
	pacta_module_close(mod[1]);
	r->seconds = now() - t0;
	return rc;
}

static void counts_free(replay_count *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].what);
		for (size_t k = 0; k < c[i].nids; k++)
			free(c[i].ids[k]);
		free(c[i].ids);
	}
	free(c);
}

void replay_result_free(replay_result *r)
{
	counts_free(r->kinds, r->nkinds);
	counts_free(r->sigs, r->nsigs);
	for (int s = 0; s < 2; s++)
		counts_free(r->errors[s], r->nerrors[s]);
	counts_free(r->old_name_errors, r->nold_name_errors);
	for (size_t i = 0; i < r->nsig_fields; i++)
		free(r->sig_fields[i]);
	free(r->sig_fields);
	memset(r, 0, sizeof *r);
}
