/*
 * bench_interp.c — how fast the reference evaluator decides requests that
 * are already decoded, and how fast `pacta check` handles a large agreement.
 * Prints figures; asserts nothing (timings are never tests).
 *   bench_interp AGREEMENT.pacta REQUESTS.jsonl [ROUNDS]
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pactac.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_interp AGREEMENT.pacta REQUESTS.jsonl [ROUNDS]\n");
		return 2;
	}
	long rounds = argc > 3 ? atol(argv[3]) : 200000;
	compilation cm;
	load_opts o = { 0 };
	o.stdlib_dir = "stdlib";
	double t0 = now();
	lw_program *c = compile_file(&cm, &o, argv[1], stderr);
	double t1 = now();
	if (!c)
		return 1;
	const lp_schema *s = &c->schema;
	/* decode every good request line once */
	FILE *in = fopen(argv[2], "r");
	if (!in) {
		perror(argv[2]);
		return 1;
	}
	size_t cap = 0, n = 0, maxreq = 1024;
	uint64_t *reqs = xcalloc(maxreq * (s->nslots + 1), sizeof(uint64_t));
	char *line = NULL;
	ssize_t len;
	int lineno = 0;
	while ((len = getline(&line, &cap, in)) > 0 && n < maxreq) {
		lp_request_id id;
		lp_json_error err;
		if (line[len - 1] == '\n')
			len--;
		if (lp_json_decode_request(s, line, (size_t)len, ++lineno,
		                              reqs + n * (s->nslots + 1), &id, &err) == 0)
			n++;
	}
	free(line);
	fclose(in);
	if (!n)
		return 1;
	void *mem = xmalloc(lp_decision_size(s));
	lp_decision_buf d;
	lp_decision_layout(s, &d, mem);
	evaluator *ev = eval_new(c);
	unsigned sink = 0;
	for (long r = 0; r < rounds / 10; r++) {   /* warm-up */
		eval_request(ev, reqs + (size_t)(r % (long)n) * (s->nslots + 1), &d);
		sink += d.outcome;
	}
	double best = 1e9;
	for (int pass = 0; pass < 5; pass++) {
		double a = now();
		for (long r = 0; r < rounds; r++) {
			eval_request(ev, reqs + (size_t)(r % (long)n) * (s->nslots + 1), &d);
			sink += d.outcome;
		}
		double t = now() - a;
		best = t < best ? t : best;
	}
	printf("load+check %-40s %8.1f ms\n", argv[1], (t1 - t0) * 1e3);
	printf("interpreter: %zu distinct requests, %ld decisions/pass, best of 5: %.0f decisions/s (%.0f ns each)  [%u]\n",
	       n, rounds, (double)rounds / best, best / (double)rounds * 1e9, sink % 2);
	eval_free(ev);
	free(mem);
	free(reqs);
	compilation_free(&cm);
	return 0;
}
