/*
 * lsp.c — `pacta lsp`: a Language Server Protocol server on standard input
 * and output, so that an editor shows the drafter what `pacta check` and
 * `pacta lint` would say as they type, and answers about names.
 *
 * A tool above the front end, beside main.c's commands: each open
 * document is compiled as a main file (load -> check -> lower -> lint,
 * compiler/load.c's overlay giving the loader the editor's unsaved
 * buffers), its diagnostics collected through a diag sink, and the checked
 * declarations kept until the next change to answer hover, definition,
 * references, symbols and completion; formatting is fmt.c's.  Messages
 * are JSON-RPC 2.0 with Content-Length headers; JSON is read with yajl's
 * tree parser and written with yajl's generator.  Positions are UTF-16
 * code units, as the protocol says (diag.c converts).
 *
 * Changes are debounced: a document is compiled again once no message has
 * come for DEBOUNCE_MS, so a burst of keystrokes costs one compilation.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "lint.h"
#include "lsp.h"
#include "parser.h"

#define DEBOUNCE_MS 150

/* ---- documents ---- */

typedef struct lsp_diag {
	char *path;                 /* the file it is in */
	uint32_t l0, c0, l1, c1;    /* LSP range (0-based, UTF-16) */
	int severity;               /* 1 error, 2 warning */
	const char *lint;
	char *message;
	struct { uint32_t l0, c0, l1, c1; char *text; } fix[4];
	int nfix;
	char *related_path[2];
	uint32_t rl[2], rc[2];
	char *related_msg[2];
	int nrelated;
} lsp_diag;

/* What a name in a source refers to. */
enum lsp_ref_kind { R_DECL, R_USE, R_MEMBER, R_FILE };

typedef struct ref {
	const srcfile *file;
	uint32_t start, end;
	int kind;                   /* R_DECL: the name where it is declared */
	const decl *target;         /* declaration, or the enum for R_MEMBER */
	uint32_t member;            /* R_MEMBER: the member's index */
	const srcfile *dest;        /* R_FILE: the file an import loads */
} ref;

typedef struct doc {
	char *uri, *path;           /* path: the file's, absolute */
	char *real;                 /* its real path, or NULL (not on disk) */
	char *text;
	size_t len;
	int dirty;
	/* the last analysis */
	compilation cm;
	int compiled;
	lsp_diag *diags;
	size_t ndiags;
	ref *refs;
	size_t nrefs;
} doc;

/* Standard input, read with read(2) so that poll(2) and what is buffered
 * agree on whether a message is waiting. */
typedef struct reader {
	int fd;
	char *buf;
	size_t len, pos, cap;
} reader;

typedef struct server {
	reader rd;
	doc **docs;
	size_t ndocs;
	int shutdown;
	FILE *in, *out;
	load_opts lo;
	doc *analysing;             /* whose diagnostics the sink collects */
	char **published;           /* paths with diagnostics published by
	                               another document's analysis */
	size_t npublished;
} server;

/* ---- URIs ---- */

static char *uri_to_path(const char *uri)
{
	const char *p = uri;
	if (!strncmp(p, "file://", 7))
		p += 7;
	char *out = xmalloc(strlen(p) + 1), *o = out;
	for (; *p; p++) {
		if (*p == '%' && p[1] && p[2]) {
			char hex[3] = { p[1], p[2], 0 };
			*o++ = (char)strtol(hex, NULL, 16);
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	return out;
}

static char *path_to_uri(const char *path)
{
	char abs[PATH_MAX];
	if (realpath(path, abs))
		path = abs;
	lp_strbuf b = { 0 };
	lp_sb_puts(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			lp_sb_put(&b, (const char *)p, 1);
		else
			lp_sb_printf(&b, "%%%02X", *p);
	}
	return b.data;
}

/* ---- JSON out ---- */

static void gs(yajl_gen g, const char *s)
{
	if (s)
		yajl_gen_string(g, (const unsigned char *)s, strlen(s));
	else
		yajl_gen_null(g);
}

static void gi(yajl_gen g, long long n)
{
	yajl_gen_integer(g, n);
}

static void send(server *S, yajl_gen g)
{
	const unsigned char *buf;
	size_t len;
	yajl_gen_get_buf(g, &buf, &len);
	fprintf(S->out, "Content-Length: %zu\r\n\r\n", len);
	fwrite(buf, 1, len, S->out);
	fflush(S->out);
	yajl_gen_free(g);
}

static yajl_gen gen_new(void)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	yajl_gen_config(g, yajl_gen_validate_utf8, 0);
	return g;
}

/* {"jsonrpc": "2.0", "id": ID, "<member>": ... — the caller writes the
 * member's value and closes the map. */
static yajl_gen reply(yajl_val id, const char *member)
{
	yajl_gen g = gen_new();
	yajl_gen_map_open(g);
	gs(g, "jsonrpc"), gs(g, "2.0");
	gs(g, "id");
	if (id && YAJL_IS_INTEGER(id))
		gi(g, YAJL_GET_INTEGER(id));
	else if (id && YAJL_IS_STRING(id))
		gs(g, YAJL_GET_STRING(id));
	else
		yajl_gen_null(g);
	gs(g, member);
	return g;
}

static yajl_gen response(yajl_val id)
{
	return reply(id, "result");
}

static void response_end(server *S, yajl_gen g)
{
	yajl_gen_map_close(g);
	send(S, g);
}

static void reply_error(server *S, yajl_val id, int code, const char *msg)
{
	yajl_gen g = reply(id, "error");
	yajl_gen_map_open(g);
	gs(g, "code"), gi(g, code);
	gs(g, "message"), gs(g, msg);
	yajl_gen_map_close(g);
	response_end(S, g);
}

static void gen_pos(yajl_gen g, uint32_t line, uint32_t col)
{
	yajl_gen_map_open(g);
	gs(g, "line"), gi(g, line);
	gs(g, "character"), gi(g, col);
	yajl_gen_map_close(g);
}

static void gen_range(yajl_gen g, uint32_t l0, uint32_t c0, uint32_t l1, uint32_t c1)
{
	yajl_gen_map_open(g);
	gs(g, "start"), gen_pos(g, l0, c0);
	gs(g, "end"), gen_pos(g, l1, c1);
	yajl_gen_map_close(g);
}

/* The LSP range of a span (0-based lines, UTF-16 columns). */
static void span_range(const srcfile *f, uint32_t start, uint32_t end, uint32_t r[4])
{
	src_linecol(f, start, 1, &r[0], &r[1]);
	src_linecol(f, end, 1, &r[2], &r[3]);
	r[0]--, r[1]--, r[2]--, r[3]--;
}

static void gen_span(yajl_gen g, const srcfile *f, uint32_t start, uint32_t end)
{
	uint32_t r[4];
	span_range(f, start, end, r);
	gen_range(g, r[0], r[1], r[2], r[3]);
}

static void gen_location(yajl_gen g, const srcfile *f, uint32_t start, uint32_t end)
{
	char *uri = path_to_uri(f->path);
	yajl_gen_map_open(g);
	gs(g, "uri"), gs(g, uri);
	gs(g, "range"), gen_span(g, f, start, end);
	yajl_gen_map_close(g);
	free(uri);
}

/* ---- JSON in ---- */

static yajl_val get(yajl_val v, const char *a, const char *b, const char *c)
{
	const char *path[4] = { a, b, c, NULL };
	return v ? yajl_tree_get(v, path, yajl_t_any) : NULL;
}

static const char *get_str(yajl_val v, const char *a, const char *b, const char *c)
{
	yajl_val x = get(v, a, b, c);
	return x && YAJL_IS_STRING(x) ? YAJL_GET_STRING(x) : NULL;
}

static long get_int(yajl_val v, const char *a, const char *b, const char *c, long def)
{
	yajl_val x = get(v, a, b, c);
	return x && YAJL_IS_INTEGER(x) ? (long)YAJL_GET_INTEGER(x) : def;
}

/* ---- documents ---- */

static doc *find_doc(server *S, const char *uri)
{
	if (!uri)
		return NULL;
	for (size_t i = 0; i < S->ndocs; i++)
		if (!strcmp(S->docs[i]->uri, uri))
			return S->docs[i];
	return NULL;
}

static void clear_analysis(doc *d)
{
	for (size_t i = 0; i < d->ndiags; i++) {
		lsp_diag *x = &d->diags[i];
		free(x->path);
		free(x->message);
		for (int k = 0; k < x->nfix; k++)
			free(x->fix[k].text);
		for (int k = 0; k < x->nrelated; k++)
			free(x->related_path[k]), free(x->related_msg[k]);
	}
	free(d->diags);
	free(d->refs);
	d->diags = NULL;
	d->refs = NULL;
	d->ndiags = d->nrefs = 0;
	if (d->compiled)
		compilation_free(&d->cm);
	d->compiled = 0;
}

static void doc_free(doc *d)
{
	clear_analysis(d);
	free(d->uri);
	free(d->path);
	free(d->real);
	free(d->text);
	free(d);
}

/* The loader's overlay: an open document's text instead of the disk's. */
static const char *overlay(void *ctx, const char *real, size_t *len)
{
	server *S = ctx;
	for (size_t i = 0; i < S->ndocs; i++)
		if (S->docs[i]->real && !strcmp(S->docs[i]->real, real)) {
			*len = S->docs[i]->len;
			return S->docs[i]->text;
		}
	return NULL;
}

/* The diag sink: each diagnostic of an analysis, in LSP terms. */
static void collect(void *ctx, const diag_item *it)
{
	server *S = ctx;
	doc *d = S->analysing;
	if (!d || it->severity == DIAG_NOTE)
		return;
	d->diags = xrealloc(d->diags, (d->ndiags + 1) * sizeof *d->diags);
	lsp_diag *x = &d->diags[d->ndiags++];
	memset(x, 0, sizeof *x);
	x->severity = it->severity == DIAG_ERROR ? 1 : 2;
	x->lint = it->lint;
	x->message = strdup(it->message);
	if (it->at.file) {
		uint32_t r[4];
		span_range(it->at.file, it->at.start, it->at.end, r);
		x->l0 = r[0], x->c0 = r[1], x->l1 = r[2], x->c1 = r[3];
		x->path = strdup(it->at.file->path);
	} else {
		x->path = strdup(it->path ? it->path : d->path);
	}
	for (size_t i = 0; i < it->nfixes && x->nfix < 4; i++) {
		const diag_fixit *f = &it->fixes[i];
		if (!f->at.file)
			continue;
		uint32_t r[4];
		span_range(f->at.file, f->at.start, f->at.end, r);
		x->fix[x->nfix].l0 = r[0], x->fix[x->nfix].c0 = r[1];
		x->fix[x->nfix].l1 = r[2], x->fix[x->nfix].c1 = r[3];
		x->fix[x->nfix].text = strdup(f->text);
		x->nfix++;
	}
	for (size_t i = 0; i < it->nnotes && x->nrelated < 2; i++) {
		const diag_note_item *n = &it->notes[i];
		if (!n->at.file)
			continue;
		uint32_t l, c;
		src_linecol(n->at.file, n->at.start, 1, &l, &c);
		x->related_path[x->nrelated] = strdup(n->at.file->path);
		x->rl[x->nrelated] = l - 1;
		x->rc[x->nrelated] = c - 1;
		x->related_msg[x->nrelated] = strdup(n->message);
		x->nrelated++;
	}
}

/* A sink for the compilations whose diagnostics nobody reads (the
 * completion's probe, the formatter's parse, a hover's tokens). */
static void drop(void *ctx, const diag_item *it)
{
	(void)ctx;
	(void)it;
}

/* ---- the index of names ---- */

static void add_ref(doc *d, span at, int kind, const decl *target, uint32_t member)
{
	if (!at.file || !target)
		return;
	d->refs = xrealloc(d->refs, (d->nrefs + 1) * sizeof *d->refs);
	ref *r = &d->refs[d->nrefs++];
	r->file = at.file;
	r->start = at.start;
	r->end = at.end;
	r->kind = kind;
	r->target = target;
	r->member = member;
	r->dest = NULL;
}

static void index_expr(doc *d, const expr *e)
{
	if (!e)
		return;
	switch (e->kind) {
	case E_NAME:
		if (e->ref == REF_FIELD || e->ref == REF_DEFINE)
			add_ref(d, e->at, R_USE, e->decl, 0);
		else if (e->ref == REF_MEMBER && e->ty.en)
			add_ref(d, e->at, R_MEMBER, e->ty.en, e->member);
		return;
	case E_LOOKUP: {
		span n = e->at;
		n.end = n.start + (uint32_t)strlen(e->name);
		add_ref(d, n, R_USE, e->decl, 0);
		index_expr(d, e->a);
		return;
	}
	case E_SET:
		for (uint32_t i = 0; i < e->nelem; i++)
			index_expr(d, e->elem[i]);
		return;
	default:
		index_expr(d, e->a);
		index_expr(d, e->b);
		index_expr(d, e->c);
	}
}

static int member_of(const decl *en, const char *name)
{
	if (!en)
		return -1;
	for (size_t i = 0; i < en->members.len; i++)
		if (!strcmp(((const binding *)en->members.items[i])->name, name))
			return (int)i;
	return -1;
}

static const decl *find_decl(const program *p, int kind, const char *name)
{
	for (size_t i = 0; i < p->decls.len; i++) {
		const decl *d = p->decls.items[i];
		if (d->kind == kind && d->name == name)
			return d;
	}
	return NULL;
}

static void index_labels(doc *d, const vec *labels)
{
	for (size_t i = 0; i < labels->len; i++) {
		const label_ref *l = labels->items[i];
		add_ref(d, l->at, R_USE, l->clause, 0);
	}
}

static void index_given(doc *d, const vec *given)
{
	const program *p = &d->cm.prog;
	for (size_t i = 0; i < given->len; i++) {
		const binding *b = given->items[i];
		if (b->value)
			add_ref(d, b->at, R_USE, b->decl, 0);
		else
			add_ref(d, b->at, R_USE, find_decl(p, D_FIXTURE, b->name), 0);
		index_expr(d, b->value);
	}
}

static void index_type(doc *d, const typeref *t, type ty)
{
	if ((t->kind == PK_ENUM || t->kind == PK_SET) && ty.en) {
		span at = t->at;
		if (t->kind == PK_SET)   /* `set of NAME`: the name */
			at.start = at.end - (uint32_t)strlen(t->name);
		add_ref(d, at, R_USE, ty.en, 0);
	}
}

/* The file an import loaded: std.mla is .../std/mla.pacta, "x.pacta" is
 * .../x.pacta. */
static const srcfile *imported(const program *p, const decl *x)
{
	char want[PATH_MAX];
	if (x->import_is_path) {
		const char *slash = strrchr(x->name, '/');
		snprintf(want, sizeof want, "/%s", slash ? slash + 1 : x->name);
	} else {
		snprintf(want, sizeof want, "/%s.pacta", x->name);
		for (char *c = want; *c && strcmp(c, ".pacta"); c++)
			if (*c == '.')
				*c = '/';
	}
	size_t n = strlen(want);
	for (size_t i = 1; i < p->files.len; i++) {
		const srcfile *f = p->files.items[i];
		size_t m = strlen(f->path);
		if (m >= n && !strcmp(f->path + m - n, want))
			return f;
		if (x->import_is_path && m + 1 == n && !strcmp(f->path, want + 1))
			return f;
	}
	return NULL;
}

static void index_program(doc *d)
{
	const program *p = &d->cm.prog;
	for (size_t i = 0; i < p->decls.len; i++) {
		const decl *x = p->decls.items[i];
		switch (x->kind) {
		case D_IMPORT: {
			const srcfile *f = imported(p, x);
			if (f) {
				add_ref(d, x->name_at, R_FILE, x, 0);
				d->refs[d->nrefs - 1].dest = f;
			}
			break;
		}
		case D_ENUM:
			add_ref(d, x->name_at, R_DECL, x, 0);
			for (size_t j = 0; j < x->members.len; j++)
				add_ref(d, ((const binding *)x->members.items[j])->at, R_MEMBER, x, (uint32_t)j);
			break;
		case D_DEFINE:
			add_ref(d, x->name_at, R_DECL, x, 0);
			if (x->has_type)
				index_type(d, &x->tref, x->ty);
			index_expr(d, x->value);
			break;
		case D_TABLE:
			add_ref(d, x->name_at, R_DECL, x, 0);
			index_type(d, &x->key_ref, x->key);
			index_type(d, &x->tref, x->ty);
			for (size_t j = 0; j < x->entries.len; j++) {
				const binding *b = x->entries.items[j];
				int m = member_of(x->key.en, b->name);
				if (m >= 0)
					add_ref(d, b->at, R_MEMBER, x->key.en, (uint32_t)m);
				index_expr(d, b->value);
			}
			break;
		case D_REQUEST:
			for (size_t j = 0; j < x->fields.len; j++) {
				const decl *f = x->fields.items[j];
				add_ref(d, f->at, R_DECL, f, 0);
				index_type(d, &f->tref, f->ty);
				index_expr(d, f->value);
			}
			break;
		case D_OBLIGATION:
			add_ref(d, x->name_at, R_DECL, x, 0);
			if (x->has_type)
				index_type(d, &x->tref, x->ty);
			break;
		case D_ARTICLE:
			add_ref(d, x->name_at, R_DECL, x, 0);
			break;
		case D_CLAUSE:
			add_ref(d, x->name_at, R_DECL, x, 0);
			for (size_t j = 0; j < x->rules.len; j++) {
				const rule *r = x->rules.items[j];
				index_expr(d, r->when);
				index_expr(d, r->unless);
				index_expr(d, r->value);
				if (r->action == PA_OBLIGE)
					add_ref(d, r->oblig_at, R_USE, r->oblig_decl, 0);
				if (r->action == PA_EXEMPTS)
					index_labels(d, &r->labels);
			}
			break;
		case D_FIXTURE:
			add_ref(d, x->name_at, R_DECL, x, 0);
			index_given(d, &x->given);
			break;
		case D_TEST:
			index_given(d, &x->given);
			index_labels(d, &x->by);
			index_labels(d, &x->discretionary);
			for (size_t j = 0; j < x->with.len; j++) {
				const binding *b = x->with.items[j];
				add_ref(d, b->at, R_USE, b->decl, 0);
				index_expr(d, b->value);
			}
			break;
		default:
			break;
		}
	}
}

/* ---- analysis ---- */

static void publish(server *S, const char *path, const lsp_diag *ds, size_t n)
{
	char *uri = path_to_uri(path);
	yajl_gen g = gen_new();
	yajl_gen_map_open(g);
	gs(g, "jsonrpc"), gs(g, "2.0");
	gs(g, "method"), gs(g, "textDocument/publishDiagnostics");
	gs(g, "params");
	yajl_gen_map_open(g);
	gs(g, "uri"), gs(g, uri);
	gs(g, "diagnostics");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < n; i++) {
		const lsp_diag *x = &ds[i];
		if (strcmp(x->path, path))
			continue;
		yajl_gen_map_open(g);
		gs(g, "range"), gen_range(g, x->l0, x->c0, x->l1, x->c1);
		gs(g, "severity"), gi(g, x->severity);
		gs(g, "source"), gs(g, "pacta");
		if (x->lint)
			gs(g, "code"), gs(g, x->lint);
		gs(g, "message"), gs(g, x->message);
		if (x->nrelated) {
			gs(g, "relatedInformation");
			yajl_gen_array_open(g);
			for (int k = 0; k < x->nrelated; k++) {
				char *ru = path_to_uri(x->related_path[k]);
				yajl_gen_map_open(g);
				gs(g, "location");
				yajl_gen_map_open(g);
				gs(g, "uri"), gs(g, ru);
				gs(g, "range"), gen_range(g, x->rl[k], x->rc[k], x->rl[k], x->rc[k]);
				yajl_gen_map_close(g);
				gs(g, "message"), gs(g, x->related_msg[k]);
				yajl_gen_map_close(g);
				free(ru);
			}
			yajl_gen_array_close(g);
		}
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
	send(S, g);
	free(uri);
}

static int is_open(server *S, const char *path)
{
	for (size_t i = 0; i < S->ndocs; i++)
		if (!strcmp(S->docs[i]->path, path))
			return 1;
	return 0;
}

/* Compiles a document as a main file, keeps what it learnt, publishes its
 * diagnostics (and those of imported files that are not open). */
static void analyse(server *S, doc *d)
{
	clear_analysis(d);
	d->dirty = 0;
	compilation *cm = &d->cm;
	compilation_init(cm, stderr);
	d->compiled = 1;
	cm->dg.sink = collect;
	cm->dg.sink_ctx = S;
	cm->dg.max_errors = 0;
	S->analysing = d;
	load_opts lo = S->lo;
	lo.main_text = d->text;
	lo.main_len = d->len;
	lo.overlay = overlay;
	lo.overlay_ctx = S;
	/* a part of an agreement (a Party's reservations) is analysed as
	 * part of the agreement beside it that imports it, its own text
	 * coming through the overlay, as `pacta check` does */
	char *whole = d->text ? importer_of(d->path, d->text) : NULL;
	if (whole) {
		lo.main_text = NULL;
		lo.main_len = 0;
	}
	if (load_program(&cm->prog, &lo, whole ? whole : d->path) == 0 || cm->prog.files.len) {
		cm->chk = check_program(&cm->prog);
		if (!cm->dg.errors) {
			cm->lw = lower_program(cm->chk);
			lint_opts lint = { .timeout_ms = 1000 };
			lint_program(&cm->prog, cm->lw, &lint);
		}
		index_program(d);
	}
	free(whole);
	diag_flush(&cm->dg);
	S->analysing = NULL;
	publish(S, d->path, d->diags, d->ndiags);
	/* errors in imported files that are not open, under their own names */
	for (size_t i = 0; i < d->ndiags; i++) {
		const char *p = d->diags[i].path;
		int seen = !strcmp(p, d->path) || is_open(S, p);
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(d->diags[j].path, p);
		if (seen)
			continue;
		publish(S, p, d->diags, d->ndiags);
		S->published = xrealloc(S->published, (S->npublished + 1) * sizeof *S->published);
		S->published[S->npublished++] = strdup(p);
	}
}

/* ---- finding what is under the cursor ---- */

static const srcfile *doc_file(doc *d)
{
	if (!d->compiled || !d->cm.prog.files.len)
		return NULL;
	/* the document itself: the main file, or the part of the agreement
	 * analysed with it */
	for (size_t i = 0; i < d->cm.prog.files.len; i++) {
		const srcfile *f = d->cm.prog.files.items[i];
		if (!strcmp(f->path, d->path))
			return f;
	}
	return d->cm.prog.files.items[0];
}

static uint32_t doc_offset(doc *d, yajl_val params)
{
	const srcfile *f = doc_file(d);
	long line = get_int(params, "position", "line", NULL, 0);
	long col = get_int(params, "position", "character", NULL, 0);
	if (!f)
		return 0;
	return src_offset(f, (uint32_t)(line < 0 ? 0 : line), (uint32_t)(col < 0 ? 0 : col));
}

static const ref *ref_at(doc *d, uint32_t off)
{
	const srcfile *f = doc_file(d);
	const ref *best = NULL;
	for (size_t i = 0; i < d->nrefs; i++) {
		const ref *r = &d->refs[i];
		if (r->file == f && r->start <= off && off <= r->end &&
		    (!best || r->end - r->start < best->end - best->start))
			best = r;
	}
	return best;
}

/* Two refs name the same thing. */
static int same_target(const ref *a, const ref *b)
{
	if (a->kind == R_FILE || b->kind == R_FILE)
		return a->kind == b->kind && a->dest == b->dest;
	if ((a->kind == R_MEMBER) != (b->kind == R_MEMBER))
		return 0;
	return a->target == b->target && (a->kind != R_MEMBER || a->member == b->member);
}

/* Where a ref's target is declared. */
static span target_span(const ref *r)
{
	if (r->kind == R_FILE) {
		span s = { r->dest, 0, 0 };
		return s;
	}
	if (r->kind == R_MEMBER)
		return ((const binding *)r->target->members.items[r->member])->at;
	if (r->target->kind == D_FIELD)
		return r->target->at;
	return r->target->name_at;
}

/* ---- hover ---- */

/* The comments that document a declaration: those on the lines just above
 * it, and one at the end of its line. */
static void doc_comment(const srcfile *f, uint32_t off, lp_strbuf *b)
{
	uint32_t ls = off;
	while (ls > 0 && f->text[ls - 1] != '\n')
		ls--;
	/* lines above, back to the first that is not a comment */
	uint32_t top = ls;
	while (top > 0) {
		uint32_t p = top - 1, q = p;
		while (q > 0 && f->text[q - 1] != '\n')
			q--;
		uint32_t k = q;
		while (k < p && (f->text[k] == ' ' || f->text[k] == '\t'))
			k++;
		if (k >= p || f->text[k] != '#')
			break;
		top = q;
	}
	for (uint32_t p = top; p < ls;) {
		uint32_t e = p;
		while (e < ls && f->text[e] != '\n')
			e++;
		uint32_t k = p;
		while (k < e && (f->text[k] == ' ' || f->text[k] == '\t'))
			k++;
		k++;   /* the '#' */
		while (k < e && f->text[k] == ' ')
			k++;
		lp_sb_put(b, f->text + k, e - k);
		lp_sb_puts(b, "\n");
		p = e + 1;
	}
	/* a comment at the end of the line, outside strings */
	int in_str = 0;
	for (uint32_t p = off; p < f->len && f->text[p] != '\n'; p++) {
		if (f->text[p] == '"')
			in_str = !in_str;
		if (f->text[p] == '#' && !in_str) {
			uint32_t e = p + 1;
			while (e < f->len && f->text[e] != '\n')
				e++;
			uint32_t k = p + 1;
			while (k < e && f->text[k] == ' ')
				k++;
			lp_sb_put(b, f->text + k, e - k);
			lp_sb_puts(b, "\n");
			break;
		}
	}
}

/* The source of a top-level item that starts at `off`: up to the next
 * item, comments before it left out. */
static void item_source(program *p, const srcfile *f, uint32_t off, lp_strbuf *b, size_t max)
{
	lex_token *t = NULL;
	diag quiet, *saved = p->dg;
	diag_init(&quiet, NULL);
	quiet.sink = drop;
	p->dg = &quiet;
	size_t n = lex_tokens(p, f, &t);
	p->dg = saved;
	uint32_t end = off;
	int prev = 0, started = 0, depth = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].start < off) {
			if (t[i].kind != COMMENT)
				prev = t[i].kind;
			continue;
		}
		int k = t[i].kind;
		if (k == COMMENT)
			continue;
		depth += k == '{' || k == '(';
		depth -= k == '}' || k == ')';
		if (started && depth == 0 && fmt_starts_item(k) && !(k == AGREEMENT && prev == BY))
			break;
		started = 1;
		end = t[i].end;
		prev = k;
	}
	free(t);
	size_t len = end - off;
	if (len > max)
		len = max;
	lp_sb_put(b, f->text + off, len);
	if (len < end - off)
		lp_sb_puts(b, "\n...");
}

static void hover_decl(program *p, const decl *x, lp_strbuf *b)
{
	const srcfile *f = x->at.file;
	lp_strbuf c = { 0 };
	switch (x->kind) {
	case D_FIELD: {
		lp_sb_printf(b, "```pacta\n%s: %s", x->name, type_name(p->ar, x->ty));
		if (x->value)
			lp_sb_printf(b, " = %.*s", (int)(x->value->at.end - x->value->at.start),
			             f->text + x->value->at.start);
		lp_sb_printf(b, "\n```\nrequest field%s, declared in `%s`\n", x->value ? "" : " (required: no default)",
		             f->path);
		doc_comment(f, x->at.start, &c);
		break;
	}
	case D_ARTICLE:
		lp_sb_printf(b, "**article %s**%s%s%s\n", x->name, x->title ? " \"" : "", x->title ? x->title : "",
		             x->title ? "\"" : "");
		if (x->text)
			lp_sb_printf(b, "\n%s\n", x->text);
		break;
	case D_CLAUSE:
		lp_sb_printf(b, "**%s %s**%s%s%s", lp_clause_kind_names[x->clause_kind], x->name,
		             x->title ? " \"" : "", x->title ? x->title : "", x->title ? "\"" : "");
		if (x->article)
			lp_sb_printf(b, " — article %s%s%s%s", x->article->name, x->article->title ? " \"" : "",
			             x->article->title ? x->article->title : "", x->article->title ? "\"" : "");
		lp_sb_puts(b, "\n\n```pacta\n");
		item_source(p, f, x->at.start, b, 2000);
		lp_sb_puts(b, "\n```\n");
		if (x->article && x->article->text)
			lp_sb_printf(b, "\n%s\n", x->article->text);
		else if (x->text)
			lp_sb_printf(b, "\n%s\n", x->text);
		break;
	default:
		lp_sb_puts(b, "```pacta\n");
		item_source(p, f, x->at.start, b, 1500);
		lp_sb_puts(b, "\n```\n");
		if (x->kind == D_DEFINE || x->kind == D_TABLE)
			lp_sb_printf(b, "%s: `%s`\n", x->kind == D_DEFINE ? "type" : "values",
			             type_name(p->ar, x->ty));
		if (x->at.file->id)
			lp_sb_printf(b, "declared in `%s`\n", f->path);
		doc_comment(f, x->at.start, &c);
		break;
	}
	if (c.len)
		lp_sb_printf(b, "\n%.*s", (int)c.len, c.data);
	lp_sb_free(&c);
}

static void hover(server *S, yajl_val id, yajl_val params)
{
	doc *d = find_doc(S, get_str(params, "textDocument", "uri", NULL));
	yajl_gen g = response(id);
	const ref *r = d ? ref_at(d, doc_offset(d, params)) : NULL;
	if (!r) {
		yajl_gen_null(g);
		response_end(S, g);
		return;
	}
	lp_strbuf b = { 0 };
	if (r->kind == R_FILE) {
		lp_sb_printf(&b, "`%s`\n\n", r->dest->path);
		/* the file's opening comment says what it is */
		const char *t = r->dest->text;
		for (size_t i = 0; i < r->dest->len && t[i] == '#';) {
			size_t e = i;
			while (e < r->dest->len && t[e] != '\n')
				e++;
			size_t k = i + 1;
			while (k < e && t[k] == ' ')
				k++;
			lp_sb_put(&b, t + k, e - k);
			lp_sb_puts(&b, "\n");
			i = e + 1;
		}
	} else if (r->kind == R_MEMBER) {
		const decl *en = r->target;
		const binding *m = en->members.items[r->member];
		lp_sb_printf(&b, "```pacta\n%s\n```\nmember of enum `%s`", m->name, en->name);
		if (en->at.file->id)
			lp_sb_printf(&b, ", declared in `%s`", en->at.file->path);
		lp_sb_puts(&b, "\n");
		lp_strbuf c = { 0 };
		doc_comment(m->at.file, m->at.start, &c);
		if (c.len)
			lp_sb_printf(&b, "\n%.*s", (int)c.len, c.data);
		lp_sb_free(&c);
	} else {
		hover_decl(&d->cm.prog, r->target, &b);
	}
	yajl_gen_map_open(g);
	gs(g, "contents");
	yajl_gen_map_open(g);
	gs(g, "kind"), gs(g, "markdown");
	gs(g, "value"), gs(g, b.data ? b.data : "");
	yajl_gen_map_close(g);
	gs(g, "range"), gen_span(g, r->file, r->start, r->end);
	yajl_gen_map_close(g);
	response_end(S, g);
	lp_sb_free(&b);
}

/* ---- definition, references ---- */

static void definition(server *S, yajl_val id, yajl_val params)
{
	doc *d = find_doc(S, get_str(params, "textDocument", "uri", NULL));
	yajl_gen g = response(id);
	const ref *r = d ? ref_at(d, doc_offset(d, params)) : NULL;
	if (!r) {
		yajl_gen_null(g);
	} else {
		span at = target_span(r);
		gen_location(g, at.file, at.start, at.end);
	}
	response_end(S, g);
}

/* A file's real path, remembered for the last file asked about: the
 * documents' compilations each have their own srcfile for a file they
 * share, so a place is compared by path.  Returns "" when the file is not
 * on disk (an unsaved buffer has no other compilation to be found in). */
typedef struct real_cache { const srcfile *f; char path[PATH_MAX]; } real_cache;

static const char *real_of(real_cache *c, const srcfile *f)
{
	if (c->f != f) {
		c->f = f;
		if (!realpath(f->path, c->path))
			c->path[0] = 0;
	}
	return c->path;
}

/* The references to a name in every open document: each has compiled the
 * files it imports, so the uses of a library's declaration are found in
 * the agreements that import it, whichever file is asked about. */
static void references(server *S, yajl_val id, yajl_val params)
{
	doc *d = find_doc(S, get_str(params, "textDocument", "uri", NULL));
	const ref *r = d ? ref_at(d, doc_offset(d, params)) : NULL;
	yajl_val incl = get(params, "context", "includeDeclaration", NULL);
	int with_decl = !incl || YAJL_IS_TRUE(incl);
	/* what r names: where its target is declared, by path */
	char want[PATH_MAX] = "";
	span want_at = { 0 };
	if (r) {
		real_cache c = { 0 };
		want_at = target_span(r);
		snprintf(want, sizeof want, "%s", real_of(&c, want_at.file));
		for (size_t k = 0; *want && k < S->ndocs; k++)
			if (S->docs[k] != d && S->docs[k]->dirty)
				analyse(S, S->docs[k]);
	}
	/* found: real path and offset, each place once */
	struct found { char *path; const srcfile *f; uint32_t start, end; } *found = NULL;
	size_t nfound = 0;
	real_cache cx = { 0 }, ct = { 0 };
	for (size_t k = 0; r && k < S->ndocs + 1; k++) {
		doc *e = k == 0 ? d : S->docs[k - 1];
		if (k > 0 && (e == d || !*want))
			continue;
		for (size_t i = 0; i < e->nrefs; i++) {
			const ref *x = &e->refs[i];
			span ts = target_span(x);
			if (e == d ? !same_target(r, x)
			           : (x->kind == R_FILE) != (r->kind == R_FILE) || ts.start != want_at.start ||
			             strcmp(real_of(&ct, ts.file), want))
				continue;
			if (x->file == ts.file && x->start == ts.start && !with_decl)
				continue;
			const char *where = real_of(&cx, x->file);
			size_t j = 0;
			while (j < nfound && !(found[j].start == x->start && !strcmp(found[j].path, where) && *where))
				j++;
			if (j < nfound)
				continue;
			found = xrealloc(found, (nfound + 1) * sizeof *found);
			found[nfound++] = (struct found){ strdup(where), x->file, x->start, x->end };
		}
	}
	yajl_gen g = response(id);
	yajl_gen_array_open(g);
	for (size_t j = 0; j < nfound; j++) {
		gen_location(g, found[j].f, found[j].start, found[j].end);
		free(found[j].path);
	}
	free(found);
	yajl_gen_array_close(g);
	response_end(S, g);
}

/* ---- document symbols: articles and their clauses, then the rest ---- */

static void gen_symbol(yajl_gen g, const char *name, const char *detail, int kind, const decl *x, int open_children)
{
	const srcfile *f = x->at.file;
	yajl_gen_map_open(g);
	gs(g, "name"), gs(g, name);
	if (detail)
		gs(g, "detail"), gs(g, detail);
	gs(g, "kind"), gi(g, kind);
	gs(g, "range"), gen_span(g, f, x->at.start, x->name_at.end > x->at.end ? x->name_at.end : x->at.end);
	gs(g, "selectionRange"), gen_span(g, f, x->name_at.start, x->name_at.end);
	if (open_children) {
		gs(g, "children");
		yajl_gen_array_open(g);
	} else {
		yajl_gen_map_close(g);
	}
}

/* How the outline shows the declarations that have a name: what they
 * are, and the protocol's symbol kind (10 enum, 14 constant, 23 struct,
 * 13 variable, 12 function). */
static const struct { const char *detail; int kind; } decl_symbols[] = {
	[D_ENUM] = { "enum", 10 }, [D_DEFINE] = { "define", 14 }, [D_TABLE] = { "table", 23 },
	[D_OBLIGATION] = { "obligation", 13 }, [D_FIXTURE] = { "fixture", 13 }, [D_TEST] = { "test", 12 },
};

static void symbols(server *S, yajl_val id, yajl_val params)
{
	doc *d = find_doc(S, get_str(params, "textDocument", "uri", NULL));
	yajl_gen g = response(id);
	yajl_gen_array_open(g);
	const srcfile *f = d ? doc_file(d) : NULL;
	const program *p = d && d->compiled ? &d->cm.prog : NULL;
	/* articles are modules (2), clauses classes (5), fields fields (8) */
	int in_article = 0;
	for (size_t i = 0; f && i < p->decls.len; i++) {
		const decl *x = p->decls.items[i];
		if (x->at.file != f)
			continue;
		if (in_article && (x->kind != D_CLAUSE || x->clause_kind != CK_CLAUSE)) {
			yajl_gen_array_close(g);
			yajl_gen_map_close(g);
			in_article = 0;
		}
		char *name;
		switch (x->kind) {
		case D_ARTICLE:
			name = arena_printf(p->ar, "article %s", x->name);
			gen_symbol(g, name, x->title, 2, x, 1);
			in_article = 1;
			break;
		case D_CLAUSE:
			name = arena_printf(p->ar, "%s %s", lp_clause_kind_names[x->clause_kind], x->name);
			gen_symbol(g, name, x->title, 5, x, 0);
			break;
		case D_AGREEMENT:
			gen_symbol(g, "agreement", x->title, 2, x, 0);
			break;
		case D_ENUM: case D_DEFINE: case D_TABLE: case D_OBLIGATION: case D_FIXTURE: case D_TEST:
			gen_symbol(g, x->name, decl_symbols[x->kind].detail, decl_symbols[x->kind].kind, x, 0);
			break;
		case D_REQUEST:
			for (size_t j = 0; j < x->fields.len; j++) {
				const decl *fd = x->fields.items[j];
				yajl_gen_map_open(g);
				gs(g, "name"), gs(g, fd->name);
				gs(g, "detail"), gs(g, "request field");
				gs(g, "kind"), gi(g, 8);
				gs(g, "range"), gen_span(g, f, fd->at.start, fd->at.end);
				gs(g, "selectionRange"), gen_span(g, f, fd->at.start, fd->at.end);
				yajl_gen_map_close(g);
			}
			break;
		default:
			break;
		}
	}
	if (in_article) {
		yajl_gen_array_close(g);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
	response_end(S, g);
}

/* ---- completion ---- */

static void item(yajl_gen g, const char *label, int kind, const char *detail)
{
	yajl_gen_map_open(g);
	gs(g, "label"), gs(g, label);
	gs(g, "kind"), gi(g, kind);
	if (detail)
		gs(g, "detail"), gs(g, detail);
	yajl_gen_map_close(g);
}

/* The start of the word that ends at `off` (letters of any script,
 * digits, '_', and with `dots` the '.' of a label). */
static uint32_t word_start(const srcfile *f, uint32_t off, int dots)
{
	while (off > 0) {
		unsigned char c = (unsigned char)f->text[off - 1];
		if (!(c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (dots && c == '.')))
			break;
		off--;
	}
	return off;
}

/* The enum of the field or define just before `= ` / `in {` at the cursor:
 * its members are what may come. */
static const decl *expected_enum(doc *d, uint32_t off)
{
	const srcfile *f = doc_file(d);
	uint32_t p = word_start(f, off, 0);   /* back over the word being typed */
	/* then over `, member` items of a set, `{`, `in`, `=`, `!=`, spaces */
	for (int guard = 0; guard < 200 && p > 0; guard++) {
		char c = f->text[p - 1];
		if (c == ' ' || c == '\t' || c == ',' || c == '{' || c == '=' || c == '!') {
			p--;
			continue;
		}
		if (p >= 2 && !strncmp(f->text + p - 2, "in", 2)) {
			p -= 2;
			if (p >= 4 && !strncmp(f->text + p - 4, "not ", 4))
				p -= 4;
			continue;
		}
		break;
	}
	/* the name before: a ref of the last analysis */
	for (size_t i = 0; i < d->nrefs; i++) {
		const ref *r = &d->refs[i];
		if (r->file != f || r->end != p || r->kind == R_MEMBER)
			continue;
		type t = r->target->ty;
		if ((t.kind == PK_ENUM || t.kind == PK_SET) && t.en)
			return t.en;
	}
	/* a set of members being written: the enum of a member already in it */
	return NULL;
}

static void completion(server *S, yajl_val id, yajl_val params)
{
	doc *d = find_doc(S, get_str(params, "textDocument", "uri", NULL));
	yajl_gen g = response(id);
	yajl_gen_map_open(g);
	gs(g, "isIncomplete"), yajl_gen_bool(g, 0);
	gs(g, "items");
	yajl_gen_array_open(g);
	if (!d || !d->compiled || !doc_file(d)) {
		yajl_gen_array_close(g);
		yajl_gen_map_close(g);
		response_end(S, g);
		return;
	}
	uint32_t off = doc_offset(d, params);
	const srcfile *f = doc_file(d);
	/* the word being typed is left out of the probe */
	uint32_t w = word_start(f, off, 1);
	/* what the grammar expects there: the text up to the word, and a
	 * token that cannot follow anything but `text` */
	compilation pc;
	compilation_init(&pc, stderr);
	pc.dg.sink = drop;
	char *probe = xmalloc(w + 16);
	memcpy(probe, f->text, w);
	memcpy(probe + w, " \"\"\"\"\"\"\n", 8);
	srcfile *pf = source_from_text(&pc.prog, "probe", probe, w + 8);
	const char *exp[128];
	size_t nexp = pf ? parse_expected(&pc.prog, pf, w, exp, 128) : 0;
	int want_ident = 0, want_label = 0;
	for (size_t i = 0; i < nexp; i++) {
		if (!strcmp(exp[i], "identifier"))
			want_ident = 1;
		else if (!strcmp(exp[i], "label"))
			want_label = 1;   /* only after article, clause, exempts, by */
		else if ((exp[i][0] >= 'a' && exp[i][0] <= 'z') && strcmp(exp[i], "string") && strcmp(exp[i], "date literal") &&
		         strcmp(exp[i], "text block") && strcmp(exp[i], "end of file") && strcmp(exp[i], "number"))
			item(g, exp[i], 14, "keyword");
	}
	const program *p = &d->cm.prog;
	if (want_label)
		want_ident = 0;   /* a label may be a word, but is a clause's */
	const decl *en = want_ident ? expected_enum(d, w) : NULL;
	if (en) {
		for (size_t i = 0; i < en->members.len; i++)
			item(g, ((const binding *)en->members.items[i])->name, 20, en->name);
	} else if (want_ident) {
		for (size_t i = 0; i < p->decls.len; i++) {
			const decl *x = p->decls.items[i];
			if (x->kind == D_REQUEST)
				for (size_t j = 0; j < x->fields.len; j++) {
					const decl *fd = x->fields.items[j];
					item(g, fd->name, 5, type_name(p->ar, fd->ty));
				}
			else if (x->kind == D_DEFINE)
				item(g, x->name, 21, "define");
			else if (x->kind == D_TABLE)
				item(g, x->name, 21, "table");
			else if (x->kind == D_OBLIGATION)
				item(g, x->name, 6, "obligation");
			else if (x->kind == D_FIXTURE)
				item(g, x->name, 6, "fixture");
		}
	}
	if (want_label)
		for (size_t i = 0; i < p->decls.len; i++) {
			const decl *x = p->decls.items[i];
			if (x->kind == D_CLAUSE)
				item(g, x->name, 18, x->title ? x->title : "clause");
		}
	free(probe);
	compilation_free(&pc);
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);
	response_end(S, g);
}

/* ---- formatting, code actions ---- */

static void formatting(server *S, yajl_val id, yajl_val params)
{
	doc *d = find_doc(S, get_str(params, "textDocument", "uri", NULL));
	yajl_gen g = response(id);
	compilation fc;
	compilation_init(&fc, stderr);
	fc.dg.sink = drop;
	srcfile *f = d ? source_from_text(&fc.prog, d->path, d->text, d->len) : NULL;
	lp_strbuf out = { 0 };
	if (f)
		parse_file(&fc.prog, f);
	if (!f || fc.dg.errors || fmt_source(&fc.prog, f, &out) != 0 || fc.dg.errors) {
		yajl_gen_null(g);   /* a file that does not parse is left alone */
	} else {
		uint32_t r[4];
		span_range(f, 0, (uint32_t)f->len, r);
		yajl_gen_array_open(g);
		if (out.len != f->len || memcmp(out.data, f->text, f->len)) {
			yajl_gen_map_open(g);
			gs(g, "range"), gen_range(g, 0, 0, r[2], r[3]);
			gs(g, "newText");
			yajl_gen_string(g, (const unsigned char *)out.data, out.len);
			yajl_gen_map_close(g);
		}
		yajl_gen_array_close(g);
	}
	lp_sb_free(&out);
	compilation_free(&fc);
	response_end(S, g);
}

/* Every fix of a diagnostic in the range asked about, as a quick fix. */
static void code_actions(server *S, yajl_val id, yajl_val params)
{
	const char *uri = get_str(params, "textDocument", "uri", NULL);
	doc *d = find_doc(S, uri);
	long l0 = get_int(params, "range", "start", "line", 0), l1 = get_int(params, "range", "end", "line", 0);
	yajl_gen g = response(id);
	yajl_gen_array_open(g);
	for (size_t i = 0; d && i < d->ndiags; i++) {
		const lsp_diag *x = &d->diags[i];
		if (strcmp(x->path, d->path) || (long)x->l1 < l0 || (long)x->l0 > l1)
			continue;
		for (int k = 0; k < x->nfix; k++) {
			/* the title names the text as the drafter reads it: an
			 * insertion without the space that keeps it apart */
			const char *t = x->fix[k].text;
			int insert = x->fix[k].l0 == x->fix[k].l1 && x->fix[k].c0 == x->fix[k].c1;
			int n = (int)strlen(t);
			while (insert && n > 0 && t[n - 1] == ' ')
				n--;
			char *title;
			if (!*t)
				title = strdup("delete it");
			else if (asprintf(&title, "%s '%.*s'", insert ? "insert" : "write", n, t) < 0)
				continue;
			yajl_gen_map_open(g);
			gs(g, "title"), gs(g, title);
			gs(g, "kind"), gs(g, "quickfix");
			gs(g, "isPreferred"), yajl_gen_bool(g, k == 0);
			gs(g, "diagnostics");
			yajl_gen_array_open(g);
			yajl_gen_map_open(g);
			gs(g, "range"), gen_range(g, x->l0, x->c0, x->l1, x->c1);
			gs(g, "severity"), gi(g, x->severity);
			gs(g, "message"), gs(g, x->message);
			yajl_gen_map_close(g);
			yajl_gen_array_close(g);
			gs(g, "edit");
			yajl_gen_map_open(g);
			gs(g, "changes");
			yajl_gen_map_open(g);
			gs(g, uri);
			yajl_gen_array_open(g);
			yajl_gen_map_open(g);
			gs(g, "range"), gen_range(g, x->fix[k].l0, x->fix[k].c0, x->fix[k].l1, x->fix[k].c1);
			gs(g, "newText"), gs(g, x->fix[k].text);
			yajl_gen_map_close(g);
			yajl_gen_array_close(g);
			yajl_gen_map_close(g);
			yajl_gen_map_close(g);
			yajl_gen_map_close(g);
			free(title);
		}
	}
	yajl_gen_array_close(g);
	response_end(S, g);
}

/* ---- the protocol ---- */

static void initialize(server *S, yajl_val id)
{
	yajl_gen g = response(id);
	yajl_gen_map_open(g);
	gs(g, "capabilities");
	yajl_gen_map_open(g);
	gs(g, "positionEncoding"), gs(g, "utf-16");
	gs(g, "textDocumentSync");
	yajl_gen_map_open(g);
	gs(g, "openClose"), yajl_gen_bool(g, 1);
	gs(g, "change"), gi(g, 1);   /* the whole text each time */
	gs(g, "save");
	yajl_gen_map_open(g);
	gs(g, "includeText"), yajl_gen_bool(g, 0);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
	gs(g, "hoverProvider"), yajl_gen_bool(g, 1);
	gs(g, "definitionProvider"), yajl_gen_bool(g, 1);
	gs(g, "referencesProvider"), yajl_gen_bool(g, 1);
	gs(g, "documentSymbolProvider"), yajl_gen_bool(g, 1);
	gs(g, "documentFormattingProvider"), yajl_gen_bool(g, 1);
	gs(g, "codeActionProvider");
	yajl_gen_map_open(g);
	gs(g, "codeActionKinds");
	yajl_gen_array_open(g);
	gs(g, "quickfix");
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);
	gs(g, "completionProvider");
	yajl_gen_map_open(g);
	gs(g, "triggerCharacters");
	yajl_gen_array_open(g);
	gs(g, " "), gs(g, "{"), gs(g, ",");
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
	gs(g, "serverInfo");
	yajl_gen_map_open(g);
	gs(g, "name"), gs(g, "pacta");
	gs(g, "version"), gs(g, PACTAC_VERSION_STRING);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
	response_end(S, g);
}

static void set_text(doc *d, const char *text)
{
	free(d->text);
	d->len = strlen(text);
	d->text = xmalloc(d->len + 1);
	memcpy(d->text, text, d->len + 1);
	d->dirty = 1;
}

static void did_open(server *S, yajl_val params)
{
	const char *uri = get_str(params, "textDocument", "uri", NULL);
	const char *text = get_str(params, "textDocument", "text", NULL);
	if (!uri || !text)
		return;
	doc *d = find_doc(S, uri);
	if (!d) {
		d = xcalloc(1, sizeof *d);
		d->uri = strdup(uri);
		d->path = uri_to_path(uri);
		char real[PATH_MAX];
		d->real = realpath(d->path, real) ? strdup(real) : NULL;
		S->docs = xrealloc(S->docs, (S->ndocs + 1) * sizeof *S->docs);
		S->docs[S->ndocs++] = d;
	}
	set_text(d, text);
	analyse(S, d);   /* at once: the drafter has just opened it */
}

static void did_change(server *S, yajl_val params)
{
	doc *d = find_doc(S, get_str(params, "textDocument", "uri", NULL));
	yajl_val changes = get(params, "contentChanges", NULL, NULL);
	if (!d || !changes || !YAJL_IS_ARRAY(changes) || !changes->u.array.len)
		return;
	yajl_val last = changes->u.array.values[changes->u.array.len - 1];
	const char *text = get_str(last, "text", NULL, NULL);
	if (text)
		set_text(d, text);
	/* the documents that import it see the change too */
	for (size_t i = 0; i < S->ndocs; i++)
		if (S->docs[i] != d)
			S->docs[i]->dirty = 1;
}

static void did_close(server *S, yajl_val params)
{
	const char *uri = get_str(params, "textDocument", "uri", NULL);
	for (size_t i = 0; uri && i < S->ndocs; i++) {
		if (strcmp(S->docs[i]->uri, uri))
			continue;
		char *path = strdup(S->docs[i]->path);
		doc_free(S->docs[i]);
		S->docs[i] = S->docs[--S->ndocs];
		publish(S, path, NULL, 0);   /* what it said goes with it */
		free(path);
		return;
	}
}

/* One message: requests are answered, notifications acted on.  Returns 1
 * after `exit`. */
static int handle(server *S, yajl_val msg)
{
	const char *method = get_str(msg, "method", NULL, NULL);
	yajl_val id = get(msg, "id", NULL, NULL);
	yajl_val params = get(msg, "params", NULL, NULL);
	if (!method)
		return 0;   /* a response to us: we send no requests */
	/* what reads the analysis sees the latest text */
	doc *d = params ? find_doc(S, get_str(params, "textDocument", "uri", NULL)) : NULL;
	if (d && d->dirty && id)
		analyse(S, d);
	if (!strcmp(method, "initialize"))
		initialize(S, id);
	else if (!strcmp(method, "initialized"))
		;
	else if (!strcmp(method, "shutdown")) {
		S->shutdown = 1;
		yajl_gen g = response(id);
		yajl_gen_null(g);
		response_end(S, g);
	} else if (!strcmp(method, "exit"))
		return 1;
	else if (!strcmp(method, "textDocument/didOpen"))
		did_open(S, params);
	else if (!strcmp(method, "textDocument/didChange"))
		did_change(S, params);
	else if (!strcmp(method, "textDocument/didSave")) {
		if (d)
			d->dirty = 1;
	} else if (!strcmp(method, "textDocument/didClose"))
		did_close(S, params);
	else if (!strcmp(method, "textDocument/hover"))
		hover(S, id, params);
	else if (!strcmp(method, "textDocument/definition"))
		definition(S, id, params);
	else if (!strcmp(method, "textDocument/references"))
		references(S, id, params);
	else if (!strcmp(method, "textDocument/documentSymbol"))
		symbols(S, id, params);
	else if (!strcmp(method, "textDocument/completion"))
		completion(S, id, params);
	else if (!strcmp(method, "textDocument/formatting"))
		formatting(S, id, params);
	else if (!strcmp(method, "textDocument/codeAction"))
		code_actions(S, id, params);
	else if (id)
		reply_error(S, id, -32601, "method not found");
	return 0;
}

/* Makes `need` bytes available at rd->pos; 0, or -1 at the end of input. */
static int fill(reader *rd, size_t need)
{
	if (rd->pos && rd->len - rd->pos < need) {
		memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
		rd->len -= rd->pos;
		rd->pos = 0;
	}
	while (rd->len - rd->pos < need) {
		if (rd->len == rd->cap)
			rd->buf = xrealloc(rd->buf, rd->cap = rd->cap ? 2 * rd->cap : 65536);
		ssize_t n = read(rd->fd, rd->buf + rd->len, rd->cap - rd->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		rd->len += (size_t)n;
	}
	return 0;
}

/* Reads one message: its headers, then Content-Length bytes.  NULL at the
 * end of the input; the text is malloc'd. */
static char *read_message(reader *rd)
{
	long len = -1;
	for (;;) {
		/* one header line */
		size_t k = 0;
		for (;;) {
			if (fill(rd, k + 1) != 0)
				return NULL;
			if (rd->buf[rd->pos + k] == '\n')
				break;
			k++;
			if (k > 4096)
				return NULL;
		}
		const char *line = rd->buf + rd->pos;
		size_t n = k;
		if (n && line[n - 1] == '\r')
			n--;
		if (n > 15 && !strncasecmp(line, "Content-Length:", 15))
			len = strtol(line + 15, NULL, 10);
		rd->pos += k + 1;
		if (n == 0)
			break;
	}
	if (len < 0 || len > (64L << 20))
		return strdup("");
	if (fill(rd, (size_t)len) != 0)
		return NULL;
	char *buf = xmalloc((size_t)len + 1);
	memcpy(buf, rd->buf + rd->pos, (size_t)len);
	buf[len] = 0;
	rd->pos += (size_t)len;
	return buf;
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

int lsp_serve(const load_opts *lo, FILE *in, FILE *out)
{
	server S = { 0 };
	S.in = in;
	S.out = out;
	S.rd.fd = fileno(in);
	S.lo = *lo;
	int done = 0;
	long last = now_ms();
	while (!done) {
		/* nothing buffered and nothing to read for DEBOUNCE_MS: the
		 * changed documents are compiled again */
		int buffered = S.rd.pos < S.rd.len;
		if (!buffered) {
			struct pollfd pf = { fileno(in), POLLIN, 0 };
			long wait = DEBOUNCE_MS - (now_ms() - last);
			int any_dirty = 0;
			for (size_t i = 0; i < S.ndocs; i++)
				any_dirty |= S.docs[i]->dirty;
			int r = poll(&pf, 1, any_dirty ? (wait > 0 ? (int)wait : 0) : -1);
			if (r == 0) {
				for (size_t i = 0; i < S.ndocs; i++)
					if (S.docs[i]->dirty)
						analyse(&S, S.docs[i]);
				continue;
			}
			if (r < 0 && errno == EINTR)
				continue;
		}
		char *text = read_message(&S.rd);
		if (!text)
			break;
		last = now_ms();
		char err[256];
		yajl_val msg = yajl_tree_parse(text, err, sizeof err);
		if (!msg)
			reply_error(&S, NULL, -32700, "parse error");
		else
			done = handle(&S, msg);
		yajl_tree_free(msg);
		free(text);
	}
	for (size_t i = 0; i < S.ndocs; i++)
		doc_free(S.docs[i]);
	free(S.docs);
	for (size_t i = 0; i < S.npublished; i++)
		free(S.published[i]);
	free(S.published);
	free(S.rd.buf);
	return S.shutdown ? 0 : 1;
}
