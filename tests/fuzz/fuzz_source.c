/*
 * fuzz_source.c — source text through the whole front end: load (with the
 * standard library for imports), parse, check, and when it checks, the
 * agreement's own tests, then a few generated requests decided by the
 * reference evaluator, each written as JSON (with the trace) and in words.
 * Crashes, leaks, sanitizer reports and timeouts are findings; errors in
 * the source are not.
 */
#include "fuzz_common.h"
#include "randreq.h"
#include "run.h"

#define REQUESTS 8

static void decide_some(const lw_program *c, uint64_t seed)
{
	const lp_schema *s = &c->schema;
	uint64_t *req = xcalloc(s->nslots + 1, sizeof *req);
	void *mem = xcalloc(1, lp_decision_size(s));
	lp_decision_buf d;
	lp_decision_layout(s, &d, mem);
	evaluator *ev = eval_new(c);
	randreq *R = randreq_new(c, seed);
	lp_strbuf out = { 0 };
	lp_request_id id = { 0 };
	for (int i = 0; i < REQUESTS; i++) {
		randreq_fill(R, req);
		eval_request(ev, req, &d);
		out.len = 0;
		lp_json_encode_decision(s, &d, &id, 1, &out);
		lp_explain(s, &d, &(lp_request_view){ NULL, NULL, req }, 1, &out);
		if (d.outcome >= PO__COUNT)
			abort();
	}
	lp_sb_free(&out);
	randreq_free(R);
	eval_free(ev);
	free(mem);
	free(req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	compilation cm;
	lw_program *c = fz_compile(&cm, "fuzz.pacta", data, size);
	if (c) {
		int passed = 0;
		session ss;
		if (session_open_program(&ss, c) == 0) {
			run_tests(c, ss.mod, fz_null, 1, &passed, 1);
			session_close(&ss);
		}
		decide_some(c, fz_hash(data, size));
	}
	compilation_free(&cm);
	return 0;
}
