/*
 * run.c — requests through a module: `pacta eval`, `pacta explain` and the
 * decisions of `pacta test`, one loop whichever evaluator decides; and
 * `pacta serve`, which runs the service's own program.
 *
 * Pipeline: lower -> (emit_module -> libpacta's loader | the reference
 * interpreter hosted by libpacta) -> **run** (here).  A session holds a
 * module, one request, one decision and a text buffer.  The module is a
 * native rule module opened by libpacta (with every check it makes, and
 * the signature check with --trust), or the reference interpreter behind
 * the same interface (lp_module_host), so the two print the same lines
 * through the same code; only evaluation differs.
 */
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "prove.h"
#include "run.h"
#include "../runtime/libpacta.h"

/* "pacta: PATH: message", unless the message names the path already (the
 * runtime's do): a file's name is said once. */
static void say(const char *path, const char *msg)
{
	if (strstr(msg, path))
		fprintf(stderr, "pacta: %s\n", msg);
	else
		fprintf(stderr, "pacta: %s: %s\n", path, msg);
}

/* ---- trusted keys (--trust) ---- */

static pacta_trust *trusted;

static void free_trusted(void)
{
	pacta_trust_free(trusted);
	trusted = NULL;
}

int run_trust(const vec *files)
{
	pacta_error err = { .status = PACTA_NOMEM, .message = "out of memory" };
	if (!files->len)
		return 0;
	if (pacta_trust_new(&trusted) != PACTA_OK) {
		fprintf(stderr, "pacta: --trust: %s\n", err.message);
		return -1;
	}
	atexit(free_trusted);
	for (size_t k = 0; k < files->len; k++)
		if (pacta_trust_add_key_file(trusted, files->items[k], &err) != PACTA_OK) {
			fprintf(stderr, "pacta: --trust: %s\n", err.message);
			return -1;
		}
	return 0;
}

int run_open_module(const char *path, pacta_module **mod)
{
	pacta_error err = { .status = PACTA_NOMEM, .message = "out of memory" };
	int rc = trusted ? pacta_module_open_trusted(path, trusted, mod, &err)
	                 : pacta_module_open(path, mod, &err);
	if (rc != PACTA_OK) {
		/* libpacta's messages about the file mostly name it already
		 * ("M.so: ..." or "... 'M.so' ...") */
		size_t n = strlen(path);
		char *quoted = xmalloc(n + 3);
		snprintf(quoted, n + 3, "'%s'", path);
		int named = (strncmp(err.message, path, n) == 0 && strncmp(err.message + n, ": ", 2) == 0)
		            || strstr(err.message, quoted);
		free(quoted);
		if (named)
			fprintf(stderr, "pacta: %s\n", err.message);
		else
			fprintf(stderr, "pacta: %s: %s\n", path, err.message);
		return -1;
	}
	return 0;
}

/* `pacta test --native`: the module is built into a private directory and
 * opened through libpacta, with every check it makes. */
int run_build_native(const lw_program *lw, int opt_level, pacta_module **mod)
{
	char dir[] = "/tmp/pacta-test-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("pacta: test --native");
		return -1;
	}
	char path[64];
	snprintf(path, sizeof path, "%s/m.so", dir);
	emit_options eo = { .kind = EMIT_SO, .opt_level = opt_level, .output = path };
	int rc = emit_module(lw, &eo) == 0 ? run_open_module(path, mod) : -1;
	unlink(path);
	rmdir(dir);
	return rc;
}

/* ---- sessions ---- */

static int session_start(session *ss, const char *what)
{
	if (pacta_request_new(ss->mod, &ss->req) != PACTA_OK ||
	    pacta_decision_new(ss->mod, &ss->dec) != PACTA_OK) {
		fprintf(stderr, "pacta: %s: out of memory\n", what);
		session_close(ss);
		return -1;
	}
	ss->cap = 4096;
	ss->buf = xmalloc(ss->cap);
	return 0;
}

int session_open_module(session *ss, const char *path)
{
	memset(ss, 0, sizeof *ss);
	if (run_open_module(path, &ss->mod) != 0)
		return -1;
	return session_start(ss, path);
}

/* The interpreter as a module: it decides into the block, laid out as
 * a decision buffer, and returns what a module's decide() returns. */
static uint32_t interpret(void *ctx, const uint64_t *req, uint64_t *block)
{
	session *ss = ctx;
	lp_decision_buf d;
	lp_decision_layout(&ss->lw->schema, &d, block);
	eval_request(ss->ev, req, &d);
	return d.outcome | (uint32_t)d.ground << 8;
}

int session_open_program(session *ss, const lw_program *lw)
{
	memset(ss, 0, sizeof *ss);
	pacta_error err = { .status = PACTA_NOMEM, .message = "out of memory" };
	const srcfile *f = lw->files[0];
	uint8_t sha[32];
	source_hash(lw, sha);
	ss->lw = lw;
	ss->ev = eval_new(lw);
	lp_imports imports;
	source_imports(lw, lw->ar, &imports);
	if (lp_module_host(&lw->schema, PACTAC_VERSION_STRING " (interpreter)", f->text, f->len, sha,
	                   &imports, interpret, ss, &ss->mod, &err) != PACTA_OK) {
		say(f->path, err.message);
		session_close(ss);
		return -1;
	}
	return session_start(ss, f->path);
}

void session_close(session *ss)
{
	free(ss->buf);
	pacta_decision_free(ss->dec);
	pacta_request_free(ss->req);
	pacta_module_close(ss->mod);
	eval_free(ss->ev);
	memset(ss, 0, sizeof *ss);
}

enum { TEXT_DECISION, TEXT_ERROR, TEXT_EXPLAIN };

static int text_once(session *ss, int kind, const pacta_error *err, int trace, size_t *need)
{
	switch (kind) {
	case TEXT_DECISION: return pacta_decision_json(ss->dec, trace, ss->buf, ss->cap, need);
	case TEXT_ERROR: return pacta_request_error_json(ss->req, err, ss->buf, ss->cap, need);
	default: return pacta_decision_explain(ss->dec, ss->buf, ss->cap, need);
	}
}

/* The decision as JSON, the request's error as JSON or the explanation,
 * from libpacta's snprintf-style calls into the session's buffer, grown
 * to fit; NULL when out of memory. */
static const char *text(session *ss, int kind, const pacta_error *err, int trace)
{
	size_t need = 0;
	int rc = text_once(ss, kind, err, trace, &need);
	if (rc == PACTA_RANGE) {
		free(ss->buf);
		ss->cap = need;
		ss->buf = xmalloc(ss->cap);
		rc = text_once(ss, kind, err, trace, &need);
	}
	return rc == PACTA_OK ? ss->buf : NULL;
}

static int decide(session *ss, const char *json, size_t len, int lineno, pacta_error *err)
{
	int rc = pacta_request_from_json(ss->req, json, len, lineno, err);
	return rc != PACTA_OK ? rc : pacta_decide(ss->mod, ss->req, ss->dec, err);
}

/* ---- pacta eval ---- */

/* A request line longer than PACTA_MAX_LINE_MB (default 1024) is answered
 * with an error instead of being decoded; no more of it is kept in
 * memory than the limit and a byte. */
static size_t max_line_bytes(void)
{
	static long max_mb = -1;
	if (max_mb < 0)
		max_mb = env_limit("PACTA_MAX_LINE_MB", 1024, 1, 1 << 20);
	return (size_t)max_mb << 20;
}

/*
 * Lines in and answers out go through large buffers of our own: read(2)
 * of up to a megabyte at a time, lines found with memchr and decoded where
 * they lie, answers written straight into the output block by libpacta's
 * snprintf-style calls and handed to stdio a block at a time.  At a
 * million lines a second, a call and a lock per line would cost more than
 * deciding.  Before waiting for more input the answers so far go out, so
 * that a program feeding `pacta eval` through a pipe, a line at a time,
 * gets each answer before it sends the next line.
 */
#define IN_BLOCK ((size_t)1 << 20)
#define OUT_BLOCK ((size_t)1 << 18)

typedef struct writer {
	FILE *out;
	char *buf;
	size_t cap, len;
	int failed;             /* the output could not be written */
} writer;

typedef struct reader {
	int fd;
	writer *answers;        /* flushed before each read */
	char *buf;
	size_t cap;
	size_t start, end;      /* the bytes read and not yet taken */
	size_t scanned;         /* from start: bytes known to hold no '\n' */
	int eof;
	int error;              /* errno of a failed read, or 0 */
	int nomem;              /* no memory to hold the line being read */
	size_t limit;           /* longest line decoded, in bytes */
} reader;

static void flush_out(writer *w)
{
	if (w->len)
		fwrite(w->buf, 1, w->len, w->out);
	w->len = 0;
	if (fflush(w->out) != 0 || ferror(w->out))
		w->failed = 1;
}

/* Room for n more bytes at w->buf + w->len. */
static void out_room(writer *w, size_t n)
{
	if (w->cap - w->len >= n)
		return;
	flush_out(w);
	if (n > w->cap) {
		free(w->buf);
		w->cap = n;
		w->buf = xmalloc(w->cap);
	}
}

/* Reads the next block after the bytes not yet taken, moving those to the
 * front of the buffer, or growing it when they fill it.  0 at the end of
 * the input. */
static size_t fill_in(reader *r)
{
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		/* a long line: no memory for it is an answer, not the end of
		 * the input */
		char *more = realloc(r->buf, r->cap * 2);
		if (!more) {
			r->nomem = 1;
			return 0;
		}
		r->buf = more;
		r->cap *= 2;
	}
	flush_out(r->answers);
	ssize_t got;
	do
		got = read(r->fd, r->buf + r->end, r->cap - r->end);
	while (got < 0 && errno == EINTR);
	if (got <= 0) {
		r->eof = 1;
		r->error = got < 0 ? errno : 0;
		return 0;
	}
	r->end += (size_t)got;
	return (size_t)got;
}

/*
 * Skips the rest of a line known to be too long, without keeping it (a
 * line of any length costs one buffer), and says how many bytes that was.
 * The bytes from r->start on hold no '\n'.
 */
static size_t skip_line(reader *r)
{
	size_t n = 0;
	for (;;) {
		const char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		if (nl) {
			n += (size_t)(nl - r->buf) - r->start;
			r->start = (size_t)(nl - r->buf) + 1;
			return n;
		}
		n += r->end - r->start;
		r->start = r->end = 0;
		if (fill_in(r) == 0)
			return n;
	}
}

/* The next request line of `in`, without its line end, in *line (*len
 * bytes, valid until the next call): 1; 0 when the line was too long
 * (PACTA_MAX_LINE_MB, default 1024: answered with an error instead of being
 * decoded); 2 when there was no memory to hold it (skipped, answered with
 * an error); -1 at the end of the input, or at a read error (r->error: a
 * line cut by it is not decided). */
static int next_line(reader *r, const char **line, size_t *len)
{
	for (;;) {
		char *p = r->buf + r->start;
		size_t have = r->end - r->start;
		char *nl = memchr(p + r->scanned, '\n', have - r->scanned);
		size_t n;
		if (nl) {
			n = (size_t)(nl - p);
			r->start += n + 1;
		} else if (r->eof) {
			if (have == 0 || r->error)
				return -1;
			n = have;       /* the last line, without a '\n' */
			r->start = r->end;
		} else if (have > r->limit + 1) {
			/* too long whatever its end: at most a '\r' comes off */
			r->start = r->end;
			skip_line(r);
			r->scanned = 0;
			return 0;
		} else {
			r->scanned = have;
			fill_in(r);
			if (r->nomem) {   /* *len: the line's length */
				r->nomem = 0;
				*len = skip_line(r);
				r->scanned = 0;
				return 2;
			}
			continue;
		}
		r->scanned = 0;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > r->limit)
			return 0;
		*line = p;
		*len = n;
		return 1;
	}
}

/* The decision or the error as JSON, straight into the output block, and
 * its line end; -1 when out of memory. */
static int answer(session *ss, writer *w, int decided, const pacta_error *err, int trace)
{
	for (int pass = 0; pass < 2; pass++) {
		size_t need = 0, cap = w->cap - w->len;
		char *at = w->buf + w->len;
		int rc = decided ? pacta_decision_json(ss->dec, trace, at, cap, &need)
		                 : pacta_request_error_json(ss->req, err, at, cap, &need);
		if (rc == PACTA_OK) {
			w->len += need - 1;     /* the NUL becomes the '\n' */
			w->buf[w->len++] = '\n';
			return 0;
		}
		if (rc != PACTA_RANGE)
			return -1;
		out_room(w, need);
	}
	return -1;
}

int run_eval(session *ss, FILE *in, const char *in_path, FILE *out, int trace)
{
	writer w = { .out = out, .cap = OUT_BLOCK };
	reader r = { .fd = fileno(in), .answers = &w, .cap = IN_BLOCK, .limit = max_line_bytes() };
	pacta_error err;
	const char *line;
	size_t len;
	int lineno = 0, bad = 0, got, rc = 0;
	r.buf = xmalloc(r.cap);
	w.buf = xmalloc(w.cap);
	while ((got = next_line(&r, &line, &len)) >= 0) {
		/* a byte-order mark before the first line, as some editors save
		 * UTF-8, is no part of the request (JSON allows a reader to
		 * ignore it); columns count from after it, as an editor shows */
		if (lineno < INT_MAX)   /* a 2^31st line and those after say INT_MAX */
			lineno++;
		if (lineno == 1 && got == 1) {
			size_t b = lp_bom(line, len);
			line += b, len -= b;
		}
		if (got != 1) {
			out_room(&w, 160);
			if (got == 0)
				w.len += (size_t)snprintf(w.buf + w.len, w.cap - w.len,
				                          "{\"error\": \"line %d, column 1: line too long (the limit is %zu MiB; "
				                          "see PACTA_MAX_LINE_MB)\"}\n", lineno, r.limit >> 20);
			else
				w.len += (size_t)snprintf(w.buf + w.len, w.cap - w.len,
				                          "{\"error\": \"line %d, column 1: out of memory for a line of %zu bytes\"}\n",
				                          lineno, len);
			bad = 1;
			continue;
		}
		int decided = decide(ss, line, len, lineno, &err) == PACTA_OK;
		bad |= !decided;
		if (answer(ss, &w, decided, &err, trace) != 0) {
			fprintf(stderr, "pacta: out of memory\n");
			rc = 1;
			break;
		}
		if (w.failed) {   /* nobody reads the answers: stop (the caller says why) */
			bad = 1;
			break;
		}
	}
	flush_out(&w);
	if (!rc && r.error) {
		fprintf(stderr, "pacta: %s: %s\n", in_path, strerror(r.error));
		bad = 1;
	}
	free(r.buf);
	free(w.buf);
	return rc ? rc : bad;
}

/* ---- pacta explain ---- */

/* The request of `pacta explain`: a whole file holding one JSON object
 * (line ends between its tokens are white space, as in any JSON), decoded
 * as eval decodes a line. */
char *run_read_request(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		fprintf(stderr, "pacta: cannot open '%s': %s\n", path, strerror(errno));
		return NULL;
	}
	/* as a request line of eval: at most PACTA_MAX_LINE_MB, and no
	 * more than that read into memory */
	size_t max = max_line_bytes(), cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t r;
	while (n <= max + 2 && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {   /* + "\r\n" */
		n += r;
		if (n + 1 == cap)
			buf = xrealloc(buf, cap = cap * 2 < max + 4 ? cap * 2 : max + 4);
	}
	int failed = ferror(f), e = errno, over = n > max + 2;
	if (f != stdin)
		fclose(f);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	if (failed || over || n > max) {
		if (failed)
			fprintf(stderr, "pacta: %s: %s\n", path, strerror(e));
		else
			fprintf(stderr, "pacta: %s: request too large (the limit is %zu MiB; see PACTA_MAX_LINE_MB)\n",
			        path, max >> 20);
		free(buf);
		return NULL;
	}
	/* a byte-order mark, as some editors save UTF-8, is no part of the
	 * request (JSON allows a reader to ignore it) */
	size_t bom = lp_bom(buf, n);
	if (n == bom) {
		fprintf(stderr, "pacta: %s: no request: the file is empty (it takes one JSON object)\n", path);
		free(buf);
		return NULL;
	}
	memmove(buf, buf + bom, n - bom);
	n -= bom;
	buf[n] = 0;
	*len = n;
	return buf;
}

void run_request_error(const char *rpath, const char *msg)
{
	fprintf(stderr, "pacta: %s: %s\n", rpath, msg);
}

int run_explain(session *ss, const char *name, const char *rpath, FILE *out)
{
	size_t len;
	char *json = run_read_request(rpath, &len);
	if (!json)
		return 1;
	pacta_error err;
	const char *t = NULL;
	if (decide(ss, json, len, 1, &err) == PACTA_OK) {
		t = text(ss, TEXT_EXPLAIN, &err, 0);
		if (!t)
			snprintf(err.message, sizeof err.message, "out of memory");
	}
	if (!t) {
		run_request_error(rpath, err.message);
		free(json);
		return 1;
	}
	free(json);
	fprintf(out, "%s: %s\n", name, pacta_module_title(ss->mod));
	fputs(t, out);
	return 0;
}

/* ---- pacta inspect ---- */

/* "name  word, word, ..." wrapped under itself at 78 columns. */
static void put_wrapped(FILE *out, int indent, const char *const *words, uint32_t n)
{
	int col = indent;
	for (uint32_t i = 0; i < n; i++) {
		int w = (int)strlen(words[i]) + (i + 1 < n);
		if (i && col + 1 + w > 78) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (i) {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%s%s", words[i], i + 1 < n ? "," : "");
		col += w;
	}
	fputc('\n', out);
}

/* A value as a drafter writes it: 180 days, {subscriber}, false. */
static void put_value(const lp_schema *s, int kind, uint32_t en, const uint64_t *w, FILE *out)
{
	lp_strbuf b = { 0 };
	lp_source_value(s, kind, en, w, &b);
	fwrite(b.data ? b.data : "", 1, b.len, out);
	lp_sb_free(&b);
}

void run_inspect(const pacta_module *mod, const char *path, FILE *out)
{
	const lp_schema *s = mod->s;
	size_t srclen = 0;
	pacta_module_source(mod, &srclen);
	fprintf(out, "module      %s\n", path);
	fprintf(out, "agreement   %s\n", pacta_module_title(mod));
	fprintf(out, "version     %s\n", pacta_module_version(mod));
	fprintf(out, "source      sha256:%s (of the agreement's %zu bytes and the files it imports, "
	        "all carried in the module)\n", pacta_module_source_hash(mod), srclen);
	int nimports = pacta_module_import_count(mod);
	if (nimports)
		fprintf(out, "imports     %d\n", nimports);
	else
		fprintf(out, "imports     none\n");
	/* each by the import that first read it, and the file that import
	 * is written in when it is not the agreement's own */
	const lp_imports *im = &mod->desc->imports;
	for (int i = 0; i < nimports; i++) {
		size_t len;
		pacta_module_import_source(mod, i, &len);
		uint32_t e = 0;
		while (e < im->nedges && im->edges[e].to != (uint32_t)i)
			e++;
		uint32_t from = e < im->nedges ? im->edges[e].from : 0;
		lp_strbuf name = { 0 };
		lp_sb_puts(&name, im->files[i].name);
		if (from)
			lp_sb_printf(&name, " (in %s)", im->files[from - 1].name);
		fprintf(out, "  %-40s %zu bytes\n", name.data ? name.data : "", len);
		lp_sb_free(&name);
	}
	fprintf(out, "compiler    pacta %s, module ABI %d\n", pacta_module_compiler_version(mod), pacta_abi_version());
	const char *signer = pacta_module_signer(mod);
	fprintf(out, "signer      %s\n", *signer ? signer : "unsigned");
	int def = pacta_module_default_outcome(mod);
	fprintf(out, "default     %s\n", def == PACTA_GRANT ? "grant" : def == PACTA_REFER ? "refer" : "refuse");
	fprintf(out, "fields      %d\n", pacta_field_count(mod));
	for (int i = 0; i < pacta_field_count(mod); i++) {
		const lp_field_desc *f = &s->fields[i];
		fprintf(out, "  %-40s %s", pacta_field_name(mod, i), pacta_field_type_name(mod, i));
		if (f->has_default) {
			fputs(" = ", out);
			put_value(s, f->kind, f->enum_index, f->defval, out);
		} else {
			fputs("  (required)", out);
		}
		fputc('\n', out);
	}
	fprintf(out, "enums       %u\n", s->nenums);
	for (uint32_t e = 0; e < s->nenums; e++) {
		const lp_enum_desc *en = &s->enums[e];
		fprintf(out, "  %s (%u): ", en->name, en->nmembers);
		put_wrapped(out, 2 + (int)strlen(en->name) + 1 + snprintf(NULL, 0, "(%u): ", en->nmembers),
		            (const char *const *)en->members, en->nmembers);
	}
	fprintf(out, "obligations %d\n", pacta_obligation_count(mod));
	static const char *const ops[] = { "", "min", "max", "union", "intersect" };
	for (int i = 0; i < pacta_obligation_count(mod); i++) {
		const lp_oblig_desc *od = &s->obligs[i];
		int on = pacta_obligation_outcomes(mod, i), bearer = pacta_obligation_bearer(mod, i);
		const char *desc = pacta_obligation_description(mod, i);
		fprintf(out, "  %s", pacta_obligation_name(mod, i));
		if (od->combine != PC_FLAG) {
			if (od->kind == PK_ENUM || od->kind == PK_SET)
				fprintf(out, ": %s%s", od->kind == PK_SET ? "set of " : "", s->enums[od->enum_index].name);
			else
				fprintf(out, ": %s", lp_kind_names[od->kind]);
			fprintf(out, " combine %s", od->combine < sizeof ops / sizeof *ops ? ops[od->combine] : "?");
		}
		if (on != (1 << PACTA_GRANT | 1 << PACTA_REFER))   /* not the default */
			fprintf(out, "  on %s%s%s%s%s", on & 1 << PACTA_GRANT ? "grant" : "",
			        on & 1 << PACTA_GRANT && on & 6 ? ", " : "", on & 1 << PACTA_REFER ? "refer" : "",
			        on & 1 << PACTA_REFER && on & 1 << PACTA_REFUSE ? ", " : "",
			        on & 1 << PACTA_REFUSE ? "refuse" : "");
		if (bearer != PACTA_BEARER_UNSAID)
			fprintf(out, "  by the %s Party", bearer == PACTA_BEARER_REQUESTING ? "requesting" : "requested");
		if (desc)
			fprintf(out, "  \"%s\"", desc);
		fputc('\n', out);
	}
	fprintf(out, "clauses     %d\n", pacta_clause_count(mod));
	for (int i = 0; i < pacta_clause_count(mod); i++) {
		const char *t = pacta_clause_title(mod, i), *a = pacta_clause_article(mod, i);
		fprintf(out, "  %-10s %s", pacta_clause_label(mod, i), t ? t : "");
		if (a)
			fprintf(out, "%s(article %s)", t ? "  " : "", a);
		else if (pacta_clause_kind(mod, i) != PACTA_CLAUSE)
			fprintf(out, "%s(%s of %s)", t ? "  " : "",
			        pacta_clause_kind(mod, i) == PACTA_RESERVATION ? "reservation" : "declaration",
			        pacta_clause_owner(mod, i));
		fputc('\n', out);
	}
}

/* ---- a module's source ---- */

int run_module_sources(const char *path, module_sources *ms)
{
	memset(ms, 0, sizeof *ms);
	if (run_open_module(path, &ms->mod) != 0)
		return -1;
	ms->text = pacta_module_source(ms->mod, &ms->len);
	ms->sha256 = pacta_module_source_sha256(ms->mod);
	ms->imports = &ms->mod->desc->imports;   /* the loader checked it (validate.c) */
	return 0;
}

void module_sources_load(const module_sources *ms, load_opts *lo)
{
	lo->main_text = ms->text;
	lo->main_len = ms->len;
	lo->carried = ms->imports;
}

void module_sources_free(module_sources *ms)
{
	if (ms->mod)
		pacta_module_close(ms->mod);
	memset(ms, 0, sizeof *ms);
}

/* ---- pacta serve ---- */

int run_serve(char **args, int help)
{
	char dir[4096], path[4200], *slash, *usage[] = { path, "--help", NULL };
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n <= 0 || !(dir[n] = 0, slash = strrchr(dir, '/'))) {
		fprintf(stderr, "pacta: serve: cannot find this program's directory\n");
		return 1;
	}
	*slash = 0;
	snprintf(path, sizeof path, "%s/pacta-serve", dir);
	args[0] = path;
	execv(path, help ? usage : args);
	fprintf(stderr, "pacta: serve: cannot run %s: %s\n", path, strerror(errno));
	return 1;
}

int run_explain_to(const lw_program *lw, const char *name, const char *rpath, int to, const char *const *keep,
                   size_t nkeep, int as_json, FILE *out)
{
	const lp_schema *s = &lw->schema;
	uint32_t *kf = xcalloc(nkeep + 1, sizeof *kf);
	for (size_t k = 0; k < nkeep; k++) {
		int f = lp_field_named(s, keep[k]);
		if (f < 0) {
			lp_suggest sg;
			lp_suggest_init(&sg, keep[k]);
			for (uint32_t i = 0; i < s->nfields; i++)
				lp_suggest_add(&sg, s->fields[i].name);
			fprintf(stderr, "pacta: explain: --keep %s: the request has no such field%s%s%s\n", keep[k],
			        sg.best ? " (did you mean '" : "", sg.best ? sg.best : "", sg.best ? "'?)" : "");
			free(kf);
			return 2;
		}
		kf[k] = (uint32_t)f;
	}
	size_t len;
	char *json = run_read_request(rpath, &len);
	if (!json) {
		free(kf);
		return 1;
	}
	int rc = 1;
	uint64_t *req = xcalloc(lw->schema.nslots + 1, sizeof *req);
	lp_request_id id;
	lp_json_error err;
	if (lp_json_decode_request(&lw->schema, json, len, 1, req, &id, &err) != 0) {
		run_request_error(rpath, err.text);
	} else {
		lp_strbuf b = { 0 };
		int st = prove_explain_to(lw, req, to, kf, nkeep, as_json ? NULL : &b, as_json ? &b : NULL);
		if (as_json)
			fprintf(out, "%.*s\n", (int)b.len, b.data ? b.data : "");
		else
			fprintf(out, "%s: %s\n%.*s", name, lw->scope.title ? lw->scope.title : "", (int)b.len,
			        b.data ? b.data : "");
		rc = st == PROVE_FAILS || st == PROVE_PROVEN ? 0 : 1;
		lp_sb_free(&b);
	}
	free(req);
	free(json);
	free(kf);
	return rc;
}
