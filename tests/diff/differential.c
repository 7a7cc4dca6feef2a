/*
 * differential.c — the interpreter and a compiled module must decide alike.
 *
 *   differential AGREEMENT.pacta MODULE.so [COUNT] [SEED]
 *
 * Generates COUNT seeded random requests for the agreement's schema, with
 * values chosen around every constant the agreement mentions (each number,
 * duration and date, one below and one above), decides each with the
 * reference evaluator and with the module's decide function, and compares
 * the whole decisions: outcome, ground, grounds, fired rules, exemptions,
 * obligations with their values and sources.  The first difference is
 * printed with the request as JSON; the exit status is 1 on any difference.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "pactac.h"
#include "randreq.h"
#include "../runtime/module_abi.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: differential AGREEMENT.pacta MODULE.so [COUNT] [SEED]\n");
		return 2;
	}
	long count = argc > 3 ? atol(argv[3]) : 100000;
	uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
	compilation cm;
	lw_program *c = randreq_compile(&cm, argv[1]);
	if (!c)
		return 1;
	const lp_schema *s = &c->schema;
	void *h = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "differential: %s\n", dlerror());
		return 1;
	}
	const lp_module_desc *m = dlsym(h, LP_MODULE_SYMBOL);
	if (!m || m->magic != LP_MODULE_MAGIC || m->abi_version != LP_ABI_VERSION ||
	    m->schema.nslots != s->nslots || m->schema.nclauses != s->nclauses ||
	    m->schema.nrules != s->nrules || m->schema.noblig_slots != s->noblig_slots) {
		fprintf(stderr, "differential: %s is not a module of %s\n", argv[2], argv[1]);
		return 1;
	}
	randreq *R = randreq_new(c, seed);
	decision_pair dp;
	decision_pair_init(&dp, s);
	uint64_t *req = xcalloc(s->nslots + 1, sizeof *req);
	evaluator *ev = eval_new(c);
	long diffs = 0, seen[PO__COUNT] = { 0 };
	for (long i = 0; i < count; i++) {
		randreq_fill(R, req);
		int same = decision_pair_decide(&dp, ev, m, req);
		seen[dp.a.outcome]++;
		if (same)
			continue;
		if (diffs++ == 0) {
			fprintf(stderr, "differential: %s: request %ld decided differently\n", argv[1], i);
			randreq_show_request(s, req);
			randreq_show_decision("interpreter", s, &dp.a);
			randreq_show_decision("module     ", s, &dp.b);
			if (dp.fast_differs)
				fprintf(stderr, "(the module's fast entry gave another outcome or other obligations)\n");
		}
	}
	printf("differential %s: %ld requests (grant %ld, refer %ld, refuse %ld), %ld differ\n",
	       argv[1], count, seen[PO_GRANT], seen[PO_REFER], seen[PO_REFUSE], diffs);
	eval_free(ev);
	free(req);
	decision_pair_free(&dp);
	dlclose(h);
	randreq_free(R);
	compilation_free(&cm);
	return diffs ? 1 : 0;
}
