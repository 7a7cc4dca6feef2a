/*
 * fuzz_request.c — one JSON request line against a fixed schema, the
 * model agreement's (examples/model-agreement.pacta), decoded twice: by
 * libpacta's public API on the compiled module (pacta_request_from_json,
 * pacta_decide, pacta_decision_json, pacta_decision_explain, or
 * pacta_request_error_json), and by the interpreter's path (the JSON codec
 * on the checked schema, the reference evaluator).  Both must accept or
 * reject the line alike and write the same text: any difference aborts.
 */
#include "fuzz_common.h"
#include "pacta.h"

static compilation cm;
static const lw_program *model;
static lp_names *names;
static evaluator *ev;
static uint64_t *slots;
static void *mem;
static lp_decision_buf d;
static pacta_module *mod;
static pacta_request *req;
static pacta_decision *dec;

static void teardown(void)
{
	pacta_decision_free(dec);
	pacta_request_free(req);
	pacta_module_close(mod);
	eval_free(ev);
	lp_names_free(names);
	free(mem);
	free(slots);
	compilation_free(&cm);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	model = fz_model(&cm);
	char path[512];
	snprintf(path, sizeof path, "%s/model.so", fz_dir);
	pacta_error err;
	if (!model || fz_build(model, path) != 0 || pacta_module_open(path, &mod, &err) != PACTA_OK ||
	    pacta_request_new(mod, &req) != PACTA_OK || pacta_decision_new(mod, &dec) != PACTA_OK) {
		fprintf(stderr, "fuzz_request: cannot set up the model agreement's module\n");
		exit(2);
	}
	unlink(path);
	const lp_schema *s = &model->schema;
	names = lp_names_new(s);
	ev = eval_new(model);
	slots = xcalloc(s->nslots + 1, sizeof *slots);
	mem = xcalloc(1, lp_decision_size(s));
	lp_decision_layout(s, &d, mem);
	atexit(teardown);
	return 0;
}

static void mismatch(const char *what, const char *a, const char *b)
{
	fprintf(stderr, "fuzz_request: %s differ\n  module:      %s\n  interpreter: %s\n", what, a, b);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[1 << 16];
	const char *line = (const char *)data;
	const lp_schema *s = &model->schema;
	pacta_error err;
	lp_request_id id;
	lp_json_error jerr;
	lp_strbuf out = { 0 };
	size_t need;

	int a = pacta_request_from_json(req, line, size, 1, &err);
	int b = lp_json_decode_general(s, names, line, size, 1, slots, &id, &jerr);
	if (a == PACTA_OK) {
		if (pacta_decide(mod, req, dec, &err) != PACTA_OK)
			mismatch("decisions", err.message, "(decided)");
		if (pacta_decision_json(dec, 1, buf, sizeof buf, &need) != PACTA_OK)
			abort();
		if (pacta_decision_explain(dec, NULL, 0, &need) != PACTA_RANGE)
			abort();
	} else if (pacta_request_error_json(req, &err, buf, sizeof buf, &need) != PACTA_OK) {
		abort();
	}
	if ((a == PACTA_OK) != (b == 0))
		mismatch("verdicts", a == PACTA_OK ? "accepted" : err.message, b == 0 ? "accepted" : jerr.text);
	if (b == 0) {
		eval_request(ev, slots, &d);
		lp_json_encode_decision(s, &d, &id, 1, &out);
	} else {
		lp_json_encode_error(&id, &jerr, &out);
	}
	lp_sb_put(&out, "", 1);
	if (out.failed || strcmp(buf, out.data) != 0)
		mismatch("texts", buf, out.failed ? "(out of memory)" : out.data);
	lp_sb_free(&out);
	return 0;
}
