/*
 * prove_plugin.c — libpacta-prove.so.0: `pacta explain --to` for the C API.
 *
 * libpacta holds no compiler and no Z3; pacta_explain_to (runtime/prover.c)
 * loads this library on its first call and hands it the module's embedded
 * sources and the request as JSON (runtime/prove_plugin.h).  Here the
 * source goes through the front end (load -> check -> lower, its imports
 * the files the module carries, never the disk's) and the prover (prove.c) answers exactly as
 * `pacta explain --to OUTCOME --json` does.  The one exported symbol is
 * LP_PROVE_SYMBOL; everything else in the library is local to it.
 *
 * The front end keeps some state of its own (the diagnostics' format, a
 * static stdlib path), so calls are serialised; they take tens to hundreds
 * of milliseconds of solving, which no lock makes worse.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pactac.h"
#include "prove.h"
#include "../runtime/libpacta.h"
#include "../runtime/prove_plugin.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int say(char *msg, size_t cap, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int say(char *msg, size_t cap, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (cap)
		vsnprintf(msg, cap, fmt, ap);
	va_end(ap);
	return status;
}

/* The first error the front end wrote, without its source line and caret. */
static void first_line(char *text, size_t len, char *msg, size_t cap)
{
	size_t n = 0;
	while (n < len && text[n] != '\n')
		n++;
	snprintf(msg, cap, "%.*s", (int)n, text);
}

/* The lowered program of the call's source, or NULL with the reason. */
static lw_program *front_end(compilation *cm, const lp_prove_call *c, char *msg, size_t cap)
{
	load_opts lo = { 0 };
	lo.main_text = c->source;
	lo.main_len = c->source_len;
	lo.carried = c->imports;   /* its imports: the files the module carries */
	char *errs = NULL;
	size_t elen = 0;
	FILE *diags = open_memstream(&errs, &elen);
	if (!diags) {
		say(msg, cap, PACTA_NOMEM, "out of memory");
		return NULL;
	}
	lw_program *lw = compile_file(cm, &lo, c->name, diags);
	fclose(diags);
	if (!lw) {
		char line[400];
		first_line(errs ? errs : "", elen, line, sizeof line);
		say(msg, cap, 0, "the module's source does not compile here: %s", line);
	}
	free(errs);
	return lw;
}

static int explain_to(const lp_prove_call *c, char **out, size_t *out_len, char *msg, size_t cap)
{
	if (c->to < 0 || c->to >= PO__COUNT)
		return say(msg, cap, PACTA_MISUSE, "the outcome sought is not grant, refer or refuse");
	compilation cm;
	lw_program *lw = front_end(&cm, c, msg, cap);
	if (!lw) {
		compilation_free(&cm);
		return PACTA_BADMODULE;
	}
	if (c->source_sha256 && !source_hash_is(lw, c->source_sha256)) {
		compilation_free(&cm);
		return say(msg, cap, PACTA_BADMODULE, "%s: " SOURCES_NOT_BUILT_FROM "; its answer could be "
		           "another agreement's", c->name);
	}
	int rc = PACTA_OK;
	uint64_t *req = xcalloc(lw->schema.nslots + 1, sizeof *req);
	lp_request_id id;
	lp_json_error err;
	if (lp_json_decode_request(&lw->schema, c->request, c->request_len, 1, req, &id, &err) != 0) {
		rc = say(msg, cap, PACTA_INPUT, "the request: %s", err.text);
	} else {
		lp_strbuf b = { 0 }, text = { 0 };
		int st = prove_explain_to(lw, req, c->to, NULL, 0, &text, &b);
		if (st == PROVE_UNKNOWN || st == PROVE_BUG) {
			first_line(text.data ? text.data : "", text.len, msg, cap);
			rc = PACTA_ERROR;
		} else if (b.failed) {
			rc = say(msg, cap, PACTA_NOMEM, "out of memory");
		} else {
			*out = strndup(b.data, b.len);
			*out_len = b.len;
			if (!*out)
				rc = say(msg, cap, PACTA_NOMEM, "out of memory");
		}
		lp_sb_free(&b);
		lp_sb_free(&text);
	}
	free(req);
	compilation_free(&cm);
	return rc;
}

__attribute__((visibility("default")))
int lp_prove_explain_to_v2(const lp_prove_call *c, char **out, size_t *out_len, char *msg, size_t cap)
{
	if (cap)
		msg[0] = 0;
	if (!out || !out_len)
		return say(msg, cap, PACTA_MISUSE, "no place for the answer");
	*out = NULL;
	*out_len = 0;
	if (!c || !c->source || !c->request || !c->name)
		return say(msg, cap, PACTA_MISUSE, "no source, name or request");
	pthread_mutex_lock(&lock);
	int rc = explain_to(c, out, out_len, msg, cap);
	pthread_mutex_unlock(&lock);
	return rc;
}

