/*
 * bench_native.c — native modules against hand-written C and against the
 * reference evaluator, in one run, on the same decoded requests:
 *
 *   bench_native AGREEMENT.pacta REQUESTS.jsonl [ROUNDS]
 *
 * The agreement must be the section 1 agreement (the hand-written rules in
 * handwritten.c are its rules).  Prints the time per decision of each —
 * the module through the C API (pacta_decide), and its decide function
 * called directly — the ratios, and the module's build and load (open,
 * checks, dlopen) times.  Asserts nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codegen.h"
#include "handwritten.h"
#include "pactac.h"
#include "lookup.h"
#include "randreq.h"
#include "../runtime/libpacta.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const lw_program *C;

static uint32_t field_slot(const char *name)
{
	return bench_field(C, name)->slot;
}

static int member(const char *en, const char *name)
{
	return bench_member(C, en, name);
}

static void hw_init(void)
{
	hw.XA = member("country", "XA");
	hw.XB = member("country", "XB");
	hw.preservation = member("assistance_type", "preservation");
	hw.content = member("data_category", "content");
	hw.effective = C->scope.effective;
	hw.expires = C->scope.expires;
	for (uint32_t i = 0; i < C->schema.nclauses; i++) {
		const lw_clause *cl = &C->clauses[i];
		if (!strcmp(cl->label, "4.4")) {
			hw.from_44 = cl->from;
			hw.sunset_44 = cl->sunset;
		}
	}
	hw.core = bench_define_word(C, "core_cybercrimes");
	hw.content_related = bench_define_word(C, "content_related");
	hw.special = bench_define_word(C, "special_categories");
	hw.crim_xa = bench_table_word(C, "criminalises", hw.XA);
	hw.crim_xb = bench_table_word(C, "criminalises", hw.XB);
}

static void to_hw(const uint64_t *q, hw_request *r)
{
	r->requesting = (int32_t)q[field_slot("requesting_party")];
	r->requested = (int32_t)q[field_slot("requested_party")];
	r->assistance = (int32_t)q[field_slot("assistance")];
	r->offence = (int32_t)q[field_slot("offence")];
	r->max_penalty = (int64_t)q[field_slot("max_penalty")];
	r->targets = (int64_t)q[field_slot("targets")];
	r->submitted = (int64_t)q[field_slot("submitted")];
	r->data = q[field_slot("data")];
	r->specific = (uint8_t)q[field_slot("specific_investigation")];
	r->political = (uint8_t)q[field_slot("political_offence")];
	r->journalist = (uint8_t)q[field_slot("target_is_journalist")];
	r->hrd = (uint8_t)q[field_slot("target_is_hrd")];
	r->judicial = (uint8_t)q[field_slot("judicial_authorisation")];
	r->emergency = (uint8_t)q[field_slot("emergency")];
}

#define PASSES 7

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_native AGREEMENT.pacta REQUESTS.jsonl [ROUNDS]\n");
		return 2;
	}
	long rounds = argc > 3 ? atol(argv[3]) : 2000000;
	compilation cm;
	load_opts lo = { 0 };
	lo.stdlib_dir = "stdlib";
	lw_program *c = compile_file(&cm, &lo, argv[1], stderr);
	if (!c)
		return 1;
	C = c;
	const lp_schema *s = &c->schema;

	char so[] = "/tmp/pacta-bench-XXXXXX.so";
	int fd = mkstemps(so, 3);
	if (fd < 0)
		return 1;
	close(fd);
	emit_options eo = { .kind = EMIT_SO, .opt_level = 2, .output = so };
	double tb = now();
	if (emit_module(c, &eo) != 0)
		return 1;
	double build_ms = (now() - tb) * 1e3;
	double tl = now();
	pacta_module *pm;
	pacta_error perr;
	if (pacta_module_open(so, &pm, &perr) != PACTA_OK) {
		fprintf(stderr, "bench: %s\n", perr.message);
		return 1;
	}
	double load_us = (now() - tl) * 1e6, best_load_us = load_us;
	/* again, from copies under other names: dlopen of a path already
	 * open would only count a reference */
	for (int i = 0; i < 20; i++) {
		char cp[sizeof so + 16], cmd[3 * sizeof cp];
		pacta_module *again;
		snprintf(cp, sizeof cp, "%.*s-%d.so", (int)(strlen(so) - 3), so, i);
		snprintf(cmd, sizeof cmd, "cp %s %s", so, cp);
		if (system(cmd) != 0)
			return 1;
		tl = now();
		if (pacta_module_open(cp, &again, &perr) != PACTA_OK)
			return 1;
		double t = (now() - tl) * 1e6;
		best_load_us = t < best_load_us ? t : best_load_us;
		pacta_module_close(again);
		unlink(cp);
	}
	unlink(so);
	const lp_module_desc *m = pm->desc;

	/* the requests, decoded once */
	FILE *in = fopen(argv[2], "r");
	if (!in)
		return 1;
	size_t cap = 0, n = 0, maxreq = 4096 + 64;
	uint32_t W = s->nslots + 1;
	uint64_t *reqs = xcalloc(maxreq * W, sizeof(uint64_t));
	hw_request *hreqs = xcalloc(maxreq, sizeof *hreqs);
	char *line = NULL;
	ssize_t len;
	int lineno = 0;
	hw_init();
	while ((len = getline(&line, &cap, in)) > 0 && n < maxreq) {
		lp_request_id id;
		lp_json_error err;
		if (line[len - 1] == '\n')
			len--;
		if (lp_json_decode_request(s, line, (size_t)len, ++lineno, reqs + n * W, &id, &err) == 0) {
			to_hw(reqs + n * W, &hreqs[n]);
			n++;
		}
	}
	free(line);
	fclose(in);
	size_t nexamples = n;
	/* and random requests around the agreement's constants, so that no
	 * branch predictor learns a short cycle */
	randreq *R = randreq_new(c, 42);
	while (n < maxreq) {
		randreq_fill(R, reqs + n * W);
		to_hw(reqs + n * W, &hreqs[n]);
		n++;
	}
	randreq_free(R);

	/* packed, as the module's functions read them */
	lp_place *places = xcalloc(s->nfields + 1, sizeof *places);
	uint32_t P = lp_request_places(s, places) / 8;
	uint64_t *packed = xcalloc(n * P, sizeof *packed);
	for (size_t i = 0; i < n; i++)
		lp_pack(s, places, reqs + i * W, (uint8_t *)(packed + i * P));
	/* the same requests as the C API's requests (filled once, not timed) */
	pacta_request **preq = xcalloc(n, sizeof *preq);
	for (size_t i = 0; i < n; i++) {
		if (pacta_request_new(pm, &preq[i]) != PACTA_OK)
			return 1;
		lp_request_set_slots(preq[i], reqs + i * W);
	}
	pacta_decision *pd;
	if (pacta_decision_new(pm, &pd) != PACTA_OK)
		return 1;

	size_t size = lp_decision_size(s);
	/* the fast entry's head word, then the block (module_abi.h) */
	uint64_t *head = xcalloc(1, size + sizeof(uint64_t));
	void *mem = head + 1;
	lp_decision_buf d;
	lp_decision_layout(s, &d, mem);
	evaluator *ev = eval_new(c);
	hw_decision hd;
	/* the hand-written rules must decide as the agreement does */
	int disagree = 0, api_disagree = 0;
	for (size_t i = 0; i < n; i++) {
		eval_request(ev, reqs + i * W, &d);
		uint32_t r = hw_decide(&hreqs[i], &hd);
		if ((r & 0xff) != d.outcome)
			disagree++;
		if (pacta_decide(pm, preq[i], pd, &perr) != PACTA_OK || pacta_decision_outcome(pd) != d.outcome)
			api_disagree++;
	}
	printf("| %-56s | %10s | %12s | %8s |\n", "decider (section 1 agreement)", "ns/decision", "decisions/s", "vs C");
	printf("|%.58s|%.12s|%.14s|%.10s|\n", "----------------------------------------------------------", "------------",
	       "--------------", "----------");
	for (int set = 0; set < 2; set++) {
		size_t first = set ? nexamples : 0, count = set ? n - nexamples : nexamples;
		const char *what = set ? "random requests" : "example requests";
		double best_hw = 1e9, best_api = 1e9, best_nat = 1e9, best_int = 1e9, best_gr = 1e9, best_tr = 1e9;
		volatile uint32_t sink = 0;
		/* the requests in turn (j), without a division per decision */
		for (int pass = 0; pass < PASSES; pass++) {
			double a = now();
			for (size_t i = 0, j = 0; i < (size_t)rounds; i++, j = j + 1 == count ? 0 : j + 1)
				sink += hw_decide(&hreqs[first + j], &hd);
			double t = now() - a;
			best_hw = t < best_hw ? t : best_hw;
			a = now();
			for (size_t i = 0, j = 0; i < (size_t)rounds; i++, j = j + 1 == count ? 0 : j + 1)
				sink += (uint32_t)pacta_decide(pm, preq[first + j], pd, &perr);
			t = now() - a;
			best_api = t < best_api ? t : best_api;
			a = now();
			for (size_t i = 0, j = 0; i < (size_t)rounds; i++, j = j + 1 == count ? 0 : j + 1)
				sink += (uint32_t)m->decide(packed + (first + j) * P, head);
			t = now() - a;
			best_nat = t < best_nat ? t : best_nat;
			a = now();
			for (size_t i = 0, j = 0; i < (size_t)rounds; i++, j = j + 1 == count ? 0 : j + 1)
				sink += m->trace(packed + (first + j) * P, mem);
			t = now() - a;
			best_tr = t < best_tr ? t : best_tr;
			a = now();
			for (size_t i = 0, j = 0; i < (size_t)rounds; i++, j = j + 1 == count ? 0 : j + 1) {
				sink += (uint32_t)pacta_decide(pm, preq[first + j], pd, &perr);
				sink += (uint32_t)pacta_decision_ground_count(pd);
			}
			t = now() - a;
			best_gr = t < best_gr ? t : best_gr;
			a = now();
			for (size_t i = 0, j = 0; i < (size_t)rounds / 10; i++, j = j + 1 == count ? 0 : j + 1) {
				eval_request(ev, reqs + (first + j) * W, &d);
				sink += d.outcome;
			}
			t = (now() - a) * 10;
			best_int = t < best_int ? t : best_int;
		}
		double ns_hw = best_hw / (double)rounds * 1e9;
		double ns_api = best_api / (double)rounds * 1e9;
		double ns_nat = best_nat / (double)rounds * 1e9;
		double ns_tr = best_tr / (double)rounds * 1e9;
		double ns_gr = best_gr / (double)rounds * 1e9;
		double ns_int = best_int / (double)rounds * 1e9;
		char label[64];
		snprintf(label, sizeof label, "hand-written C (-O2), %s", what);
		printf("| %-56s | %10.1f | %12.0f | %7.2fx |\n", label, ns_hw, 1e9 / ns_hw, 1.0);
		snprintf(label, sizeof label, "native, C API (pacta_decide), %s", what);
		printf("| %-56s | %10.1f | %12.0f | %7.2fx |\n", label, ns_api, 1e9 / ns_api, ns_api / ns_hw);
		snprintf(label, sizeof label, "native, C API, grounds read too, %s", what);
		printf("| %-56s | %10.1f | %12.0f | %7.2fx |\n", label, ns_gr, 1e9 / ns_gr, ns_gr / ns_hw);
		snprintf(label, sizeof label, "native, decide() called directly, %s", what);
		printf("| %-56s | %10.1f | %12.0f | %7.2fx |\n", label, ns_nat, 1e9 / ns_nat, ns_nat / ns_hw);
		snprintf(label, sizeof label, "native, trace() called directly, %s", what);
		printf("| %-56s | %10.1f | %12.0f | %7.2fx |\n", label, ns_tr, 1e9 / ns_tr, ns_tr / ns_hw);
		snprintf(label, sizeof label, "interpreter, %s", what);
		printf("| %-56s | %10.1f | %12.0f | %7.2fx |\n", label, ns_int, 1e9 / ns_int, ns_int / ns_hw);
		printf("(%s: native through the C API is %.1fx faster than the interpreter)\n", what, ns_int / ns_api);
		/* for bench/section1.sh's table of targets */
		printf("figure api_vs_c_%s %.2f\n", set ? "random" : "examples", ns_api / ns_hw);
		printf("figure api_vs_interp_%s %.1f\n", set ? "random" : "examples", ns_int / ns_api);
	}
	printf("%zu example and %zu random requests; %d disagree between the hand-written rules and the agreement, "
	       "%d between the C API and the interpreter\n", nexamples, n - nexamples, disagree, api_disagree);
	printf("module: build %.0f ms (-O2), load (pacta_module_open: checks, dlopen) %.0f us first, %.0f us best of 20\n",
	       build_ms, load_us, best_load_us);
	printf("figure load_us %.0f\n", best_load_us);
	eval_free(ev);
	free(head);
	free(reqs);
	free(packed);
	free(places);
	free(hreqs);
	for (size_t i = 0; i < n; i++)
		pacta_request_free(preq[i]);
	free(preq);
	pacta_decision_free(pd);
	pacta_module_close(pm);
	compilation_free(&cm);
	return 0;
}
