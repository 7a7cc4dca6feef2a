/*
 * capi.c — the conformance corpus through libpacta's public C API, and the
 * JSON plumbing of tests/conformance/run.sh (with yajl, so that the runner
 * needs nothing the build does not).
 *
 *   capi decide M.so REQUESTS.jsonl   each line: pacta_request_from_json,
 *                                     pacta_decide, pacta_decision_json
 *                                     with the trace (or the error JSON)
 *   capi split CASE.json DIR          DIR/agreement.pacta, DIR/request.jsonl
 *                                     and DIR/expected.json of one case
 *   capi canon FILE                   each line's JSON, compact, in its
 *                                     member order: what run.sh compares
 * Exit status 0, or 1 with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "pacta.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return NULL;
	}
	size_t cap = 4096, n = 0, r;
	char *buf = malloc(cap);
	while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (buf)
		buf[n] = 0;
	*len = n;
	return buf;
}

static int decide(const char *module, const char *requests)
{
	pacta_module *mod;
	pacta_request *req = NULL;
	pacta_decision *dec = NULL;
	pacta_error err;
	if (pacta_module_open(module, &mod, &err) != PACTA_OK) {
		fprintf(stderr, "capi: %s: %s\n", module, err.message);
		return 1;
	}
	if (pacta_request_new(mod, &req) != PACTA_OK || pacta_decision_new(mod, &dec) != PACTA_OK) {
		fprintf(stderr, "capi: out of memory\n");
		return 1;
	}
	size_t len;
	char *text = slurp(requests, &len);
	if (!text)
		return 1;
	int lineno = 0, rc = 0;
	char *buf = NULL;
	size_t cap = 0;
	for (char *line = text; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		lineno++;
		size_t need = 0;
		int st;
		int ok = pacta_request_from_json(req, line, n, lineno, &err) == PACTA_OK &&
		         pacta_decide(mod, req, dec, &err) == PACTA_OK;
		for (;;) {
			st = ok ? pacta_decision_json(dec, 1, buf, cap, &need)
			        : pacta_request_error_json(req, &err, buf, cap, &need);
			if (st != PACTA_RANGE)
				break;
			free(buf);
			buf = malloc(cap = need);
		}
		if (st != PACTA_OK) {
			fprintf(stderr, "capi: line %d: status %d\n", lineno, st);
			rc = 1;
		} else {
			puts(buf);
		}
		if (!ok)
			rc = 1;
		line += n + (nl != NULL);
	}
	free(buf);
	free(text);
	pacta_decision_free(dec);
	pacta_request_free(req);
	pacta_module_close(mod);
	return rc;
}

static void gen_value(yajl_gen g, yajl_val v)
{
	switch (v->type) {
	case yajl_t_string:
		yajl_gen_string(g, (const unsigned char *)v->u.string, strlen(v->u.string));
		break;
	case yajl_t_number:
		yajl_gen_number(g, v->u.number.r, strlen(v->u.number.r));
		break;
	case yajl_t_object:
		yajl_gen_map_open(g);
		for (size_t i = 0; i < v->u.object.len; i++) {
			const char *k = v->u.object.keys[i];
			yajl_gen_string(g, (const unsigned char *)k, strlen(k));
			gen_value(g, v->u.object.values[i]);
		}
		yajl_gen_map_close(g);
		break;
	case yajl_t_array:
		yajl_gen_array_open(g);
		for (size_t i = 0; i < v->u.array.len; i++)
			gen_value(g, v->u.array.values[i]);
		yajl_gen_array_close(g);
		break;
	case yajl_t_true:
		yajl_gen_bool(g, 1);
		break;
	case yajl_t_false:
		yajl_gen_bool(g, 0);
		break;
	default:
		yajl_gen_null(g);
		break;
	}
}

/* The value as one compact line, with a newline. */
static int write_value(FILE *out, yajl_val v)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *s;
	size_t n;
	gen_value(g, v);
	yajl_gen_get_buf(g, &s, &n);
	int rc = fwrite(s, 1, n, out) == n && fputc('\n', out) != EOF ? 0 : 1;
	yajl_gen_free(g);
	return rc;
}

static yajl_val parse(const char *text, const char *where)
{
	char msg[256];
	yajl_val v = yajl_tree_parse(text, msg, sizeof msg);
	if (!v)
		fprintf(stderr, "capi: %s: not JSON: %s\n", where, msg);
	return v;
}

static int canon(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		return 1;
	int rc = 0;
	for (char *line = text; *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		yajl_val v = parse(line, path);
		if (!v || write_value(stdout, v) != 0)
			rc = 1;
		yajl_tree_free(v);
		if (!nl)
			break;
		line = nl + 1;
	}
	free(text);
	return rc;
}

static int split(const char *path, const char *dir)
{
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		return 1;
	yajl_val v = parse(text, path);
	free(text);
	if (!v)
		return 1;
	const char *pa[] = { "agreement", NULL }, *pr[] = { "request", NULL }, *pe[] = { "expected", NULL };
	yajl_val a = yajl_tree_get(v, pa, yajl_t_string);
	yajl_val r = yajl_tree_get(v, pr, yajl_t_object);
	yajl_val e = yajl_tree_get(v, pe, yajl_t_object);
	int rc = 1;
	if (!a || !r || !e) {
		fprintf(stderr, "capi: %s: needs \"agreement\" (a string), \"request\" and \"expected\" (objects)\n", path);
	} else {
		char p[4096];
		FILE *f;
		rc = 0;
		snprintf(p, sizeof p, "%s/agreement.pacta", dir);
		if (!(f = fopen(p, "w")) || fputs(a->u.string, f) == EOF || fclose(f) != 0)
			rc = 1;
		snprintf(p, sizeof p, "%s/request.jsonl", dir);
		if (!(f = fopen(p, "w")) || write_value(f, r) != 0 || fclose(f) != 0)
			rc = 1;
		snprintf(p, sizeof p, "%s/expected.json", dir);
		if (!(f = fopen(p, "w")) || write_value(f, e) != 0 || fclose(f) != 0)
			rc = 1;
		if (rc)
			perror(p);
	}
	yajl_tree_free(v);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "decide"))
		return decide(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "split"))
		return split(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "canon"))
		return canon(argv[2]);
	fprintf(stderr, "usage: capi decide M.so REQUESTS.jsonl | split CASE.json DIR | canon FILE\n");
	return 2;
}
