/*
 * run.c — requests through a module: `pacta eval`, `pacta explain` and the
 * decisions of `pacta test`, one loop whichever evaluator decides.
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
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "codegen.h"
#include "run.h"
#include "../runtime/libpacta.h"

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
	if (lp_module_host(&lw->schema, PACTAC_VERSION_STRING " (interpreter)", f->text, f->len, sha,
	                   interpret, ss, &ss->mod, &err) != PACTA_OK) {
		fprintf(stderr, "pacta: %s: %s\n", f->path, err.message);
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
 * with an error instead of being decoded. */
static int line_too_long(FILE *out, size_t len, int lineno)
{
	static long max_mb = -1;
	if (max_mb < 0)
		max_mb = env_limit("PACTA_MAX_LINE_MB", 1024, 1, 1 << 20);
	if (len <= (size_t)max_mb << 20)
		return 0;
	fprintf(out, "{\"error\": \"line %d, column 1: line too long (the limit is %ld MiB; see PACTA_MAX_LINE_MB)\"}\n",
	        lineno, max_mb);
	return 1;
}

/* The next request line of `in`, without its line end, in *line (*len
 * bytes): 1, or 0 when the line was too long (already answered), or -1 at
 * the end of the input. */
static int next_line(FILE *in, FILE *out, char **line, size_t *cap, int *lineno, size_t *len)
{
	ssize_t n = getline(line, cap, in);
	if (n < 0)
		return -1;
	++*lineno;
	if (n > 0 && (*line)[n - 1] == '\n')
		n--;
	if (n > 0 && (*line)[n - 1] == '\r')
		n--;
	*len = (size_t)n;
	return line_too_long(out, *len, *lineno) ? 0 : 1;
}

int run_eval(session *ss, FILE *in, const char *in_path, FILE *out, int trace)
{
	pacta_error err;
	size_t lcap = 0, len;
	char *line = NULL;
	int lineno = 0, bad = 0, got;
	while ((got = next_line(in, out, &line, &lcap, &lineno, &len)) >= 0) {
		const char *t;
		if (!got) {
			bad = 1;
			continue;
		}
		if (decide(ss, line, len, lineno, &err) != PACTA_OK) {
			bad = 1;
			t = text(ss, TEXT_ERROR, &err, 0);
		} else {
			t = text(ss, TEXT_DECISION, &err, trace);
		}
		if (!t) {
			fprintf(stderr, "pacta: out of memory\n");
			free(line);
			return 1;
		}
		fputs(t, out);
		fputc('\n', out);
	}
	if (ferror(in)) {
		fprintf(stderr, "pacta: %s: %s\n", in_path, strerror(errno));
		bad = 1;
	}
	free(line);
	return bad;
}

/* ---- pacta explain ---- */

/* The request of `pacta explain`: a whole file holding one JSON object
 * (new lines inside it are white space). */
char *run_read_request(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		fprintf(stderr, "pacta: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (f != stdin)
		fclose(f);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	for (size_t i = 0; i < n; i++)   /* one logical line, for the decoder */
		if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
			buf[i] = ' ';
	buf[n] = 0;
	*len = n;
	return buf;
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
	free(json);
	if (!t) {
		fprintf(stderr, "pacta: %s: %s\n", rpath, err.message);
		return 1;
	}
	fprintf(out, "%s: %s\n", name, pacta_module_title(ss->mod));
	fputs(t, out);
	return 0;
}

/* ---- pacta inspect ---- */

void run_inspect(const pacta_module *mod, const char *path, FILE *out)
{
	size_t srclen = 0;
	pacta_module_source(mod, &srclen);
	fprintf(out, "module      %s\n", path);
	fprintf(out, "agreement   %s\n", pacta_module_title(mod));
	fprintf(out, "version     %s\n", pacta_module_version(mod));
	fprintf(out, "source      sha256:%s (the agreement and its imports; the agreement's %zu bytes embedded)\n",
	       pacta_module_source_hash(mod), srclen);
	fprintf(out, "compiler    pacta %s, module ABI %d\n", pacta_module_compiler_version(mod), pacta_abi_version());
	const char *signer = pacta_module_signer(mod);
	fprintf(out, "signer      %s\n", *signer ? signer : "unsigned");
	int def = pacta_module_default_outcome(mod);
	fprintf(out, "default     %s\n", def == PACTA_GRANT ? "grant" : def == PACTA_REFER ? "refer" : "refuse");
	fprintf(out, "fields      %d\n", pacta_field_count(mod));
	for (int i = 0; i < pacta_field_count(mod); i++)
		fprintf(out, "  %-40s %s%s\n", pacta_field_name(mod, i), pacta_field_type_name(mod, i),
		       pacta_field_has_default(mod, i) ? "" : "  (required)");
	fprintf(out, "obligations %d\n", pacta_obligation_count(mod));
	for (int i = 0; i < pacta_obligation_count(mod); i++) {
		int on = pacta_obligation_outcomes(mod, i), bearer = pacta_obligation_bearer(mod, i);
		const char *desc = pacta_obligation_description(mod, i);
		fprintf(out, "  %s", pacta_obligation_name(mod, i));
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

char *run_module_source(const char *path, size_t *len, uint8_t sha256[32])
{
	pacta_module *mod;
	if (run_open_module(path, &mod) != 0)
		return NULL;
	const char *src = pacta_module_source(mod, len);
	char *text = xmalloc(*len + 1);
	memcpy(text, src, *len);
	text[*len] = 0;
	memcpy(sha256, pacta_module_source_sha256(mod), 32);
	pacta_module_close(mod);
	return text;
}
