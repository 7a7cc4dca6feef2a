/*
 * threads.c — one module shared by many threads gives exactly the
 * single-threaded decisions (built with -fsanitize=thread by `make tsan`).
 *
 *   threads MODULE.so REQUESTS.jsonl [THREADS [PER_THREAD]]
 *
 * The good lines of REQUESTS.jsonl, each in 64 variants (the int and
 * duration fields set to the variant's number), are decided once on one
 * thread into a table of JSON texts (with the trace).  Then THREADS threads
 * (default 8), each with its own request and decision objects, decide
 * PER_THREAD requests each (default 125,000) on the shared module, walking
 * the table from different places, and compare every JSON text with the
 * table.  Exit status 1 on any difference or error.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacta.h"

#define VARIANTS 64

static pacta_module *mod;
static char **lines;
static size_t *lens;
static int nlines;
static char **expected;          /* nlines * VARIANTS JSON texts */
static long per_thread;

/* Fills `req` from line `l`, variant `v`: every int, days and years field
 * without a default-only meaning gets v (or v - 32, to go negative). */
static int fill(pacta_request *req, int l, int v, pacta_error *err)
{
	if (pacta_request_from_json(req, lines[l], lens[l], l + 1, err) != PACTA_OK)
		return -1;
	for (int f = 0; f < pacta_field_count(mod); f++) {
		int64_t x = (v % 2) ? v : v - 32;
		switch (pacta_field_type(mod, f)) {
		case PACTA_TYPE_INT: pacta_request_set_int(req, f, x, err); break;
		case PACTA_TYPE_DAYS: pacta_request_set_days(req, f, x * 30, err); break;
		case PACTA_TYPE_YEARS: pacta_request_set_years(req, f, v % 9, err); break;
		default: break;
		}
	}
	return 0;
}

static char *decide_json(pacta_request *req, pacta_decision *dec, char *buf, size_t cap, pacta_error *err)
{
	size_t need;
	if (pacta_decide(mod, req, dec, err) != PACTA_OK)
		return NULL;
	if (pacta_decision_json(dec, 1, buf, cap, &need) != PACTA_OK)
		return NULL;
	return buf;
}

static void *worker(void *arg)
{
	long t = (long)(intptr_t)arg, bad = 0;
	pacta_request *req;
	pacta_decision *dec;
	pacta_error err;
	static __thread char buf[1 << 16];
	if (pacta_request_new(mod, &req) != PACTA_OK || pacta_decision_new(mod, &dec) != PACTA_OK)
		return (void *)1;
	size_t total = (size_t)nlines * VARIANTS;
	for (long i = 0; i < per_thread; i++) {
		size_t k = ((size_t)t * 7919 + (size_t)i * (t + 1)) % total;
		int l = (int)(k / VARIANTS), v = (int)(k % VARIANTS);
		const char *got = fill(req, l, v, &err) == 0 ? decide_json(req, dec, buf, sizeof buf, &err) : NULL;
		if (!got || strcmp(got, expected[k]) != 0) {
			if (bad++ < 3)
				fprintf(stderr, "threads: thread %ld, line %d variant %d:\n  got:      %s\n  expected: %s\n",
				        t, l + 1, v, got ? got : err.message, expected[k]);
		}
	}
	pacta_decision_free(dec);
	pacta_request_free(req);
	return (void *)(intptr_t)(bad != 0);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: threads MODULE.so REQUESTS.jsonl [THREADS [PER_THREAD]]\n");
		return 2;
	}
	int nthreads = argc > 3 ? atoi(argv[3]) : 8;
	per_thread = argc > 4 ? atol(argv[4]) : 125000;
	pacta_error err;
	if (pacta_module_open(argv[1], &mod, &err) != PACTA_OK) {
		fprintf(stderr, "threads: %s: %s\n", argv[1], err.message);
		return 1;
	}
	FILE *in = fopen(argv[2], "r");
	if (!in) {
		perror(argv[2]);
		return 1;
	}
	pacta_request *req;
	pacta_decision *dec;
	if (pacta_request_new(mod, &req) != PACTA_OK || pacta_decision_new(mod, &dec) != PACTA_OK)
		return 1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, in)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = 0;
		if (pacta_request_from_json(req, line, (size_t)n, 1, &err) != PACTA_OK ||
		    pacta_decide(mod, req, dec, &err) != PACTA_OK)
			continue;   /* the deliberately bad lines */
		lines = realloc(lines, (size_t)(nlines + 1) * sizeof *lines);
		lens = realloc(lens, (size_t)(nlines + 1) * sizeof *lens);
		lines[nlines] = strdup(line);
		lens[nlines++] = (size_t)n;
	}
	free(line);
	fclose(in);
	if (nlines == 0) {
		fprintf(stderr, "threads: no request of %s can be decided\n", argv[2]);
		return 1;
	}
	expected = calloc((size_t)nlines * VARIANTS, sizeof *expected);
	static char buf[1 << 16];
	long outcomes[3] = { 0 };
	for (int l = 0; l < nlines; l++)
		for (int v = 0; v < VARIANTS; v++) {
			const char *j = fill(req, l, v, &err) == 0 ? decide_json(req, dec, buf, sizeof buf, &err) : NULL;
			if (!j) {
				fprintf(stderr, "threads: line %d variant %d: %s\n", l + 1, v, err.message);
				return 1;
			}
			outcomes[pacta_decision_outcome(dec)]++;
			expected[(size_t)l * VARIANTS + (size_t)v] = strdup(j);
		}
	pacta_decision_free(dec);
	pacta_request_free(req);
	pthread_t *th = calloc((size_t)nthreads, sizeof *th);
	for (long t = 0; t < nthreads; t++)
		if (pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t) != 0) {
			fprintf(stderr, "threads: cannot start thread %ld\n", t);
			return 1;
		}
	int bad = 0;
	for (int t = 0; t < nthreads; t++) {
		void *r;
		pthread_join(th[t], &r);
		bad |= r != NULL;
	}
	printf("threads: %d threads x %ld requests (%d lines x %d variants: grant %ld, refer %ld, refuse %ld): %s\n",
	       nthreads, per_thread, nlines, VARIANTS, outcomes[0], outcomes[1], outcomes[2],
	       bad ? "DIFFERENT decisions" : "identical to the single-threaded decisions");
	for (size_t k = 0; k < (size_t)nlines * VARIANTS; k++)
		free(expected[k]);
	free(expected);
	for (int l = 0; l < nlines; l++)
		free(lines[l]);
	free(lines);
	free(lens);
	free(th);
	pacta_module_close(mod);
	return bad;
}
