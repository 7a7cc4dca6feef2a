/*
 * stress.c — native decisions through libpacta against hand-written C on
 * policies shaped unlike bench/engines' reference (issue 18, target 1):
 *
 *   stress run DIR [quick] [POLICY ...]
 *       For each policy (all five by default), opens DIR/POLICY.so with
 *       pacta_module_open, draws the requests (seed 42), converts each once
 *       to a pacta_request (pacta_request_from_json) and to the policy's C
 *       struct, checks that libpacta and the hand-written C give every
 *       request the same outcome, what decided (clauses, default or the
 *       agreement) and obligations with their values (exit 1, printing
 *       the request, if not), then times both back to back, in cache and out
 *       of cache, and prints ns/decision, the ratio and "met"/"missed"
 *       against 1.3x.  Nothing about timing is asserted.
 *   stress gen POLICY N SEED OUT.jsonl
 *       The policy's first N requests of that seed as JSON Lines.
 *
 * Only the public API (runtime/pacta.h) is used.  When pacta.h declares
 * pacta_decide_batch (PACTA_HAVE_DECIDE_BATCH), it is timed as a row of
 * its own and its decisions are checked too; so is pacta_decide on the
 * elements of libpacta's arrays of requests and decisions out of cache,
 * when it has them (PACTA_HAVE_ARRAYS).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pacta.h"
#include "stress.h"

#define TARGET 1.3
#define SEED 42
#define MAX_DISAGREE 5

static const st_policy *const POLICIES[] = { &st_regional, &st_refusals, &st_exceptions, &st_production,
							&st_deadlines };
#define NPOLICIES (sizeof POLICIES / sizeof *POLICIES)

typedef struct config {
	size_t n_in;       /* requests in cache */
	size_t n_out;      /* requests out of cache */
	long per_pass;     /* decisions per in-cache pass */
	int passes;        /* timed passes; the median is reported */
} config;

static const config FULL = { 2000, 100000, 2000000, 7 };
static const config QUICK = { 2000, 20000, 200000, 3 };

static void die(const char *what)
{
	fprintf(stderr, "stress: %s\n", what);
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* The thread's CPU time: on a machine shared with other jobs, the time
 * the scheduler gives them is not counted (their effect on the caches
 * is). */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t heap_used(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

/* Request i's own stream of draws: any request can be drawn again alone. */
static uint64_t stream(uint64_t seed, size_t i)
{
	uint64_t s = seed ^ ((uint64_t)i * 0xd1b54a32d192ed03ull);
	st_next(&s);
	return s;
}

static const st_policy *policy(const char *name)
{
	for (size_t k = 0; k < NPOLICIES; k++)
		if (!strcmp(POLICIES[k]->name, name))
			return POLICIES[k];
	fprintf(stderr, "stress: no policy '%s' (regional, refusals, exceptions, production, deadlines)\n", name);
	exit(2);
}

/* ---- canonical decisions ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static const char *OUTCOME[] = { "grant", "refer", "refuse" };
static const char *GROUND[] = { "clauses", "default", "agreement" };

static void canon_text(int outcome, int ground, st_canon *c, char *out, size_t cap)
{
	qsort(c->item, (size_t)c->n, sizeof c->item[0], cmp_str);
	size_t len = (size_t)snprintf(out, cap, "%s %s ", outcome >= 0 && outcome < 3 ? OUTCOME[outcome] : "?",
				      ground >= 0 && ground < 3 ? GROUND[ground] : "?");
	if (!c->n && len < cap)
		len += (size_t)snprintf(out + len, cap - len, "-");
	for (int k = 0; k < c->n && len < cap; k++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", k ? "," : "", c->item[k]);
}

static void canon_pacta(const pacta_module *m, const pacta_decision *d, char *out, size_t cap)
{
	st_canon c;
	c.n = 0;
	for (int k = 0; k < pacta_decision_obligation_count(d); k++) {
		int ob = pacta_decision_obligation(d, k);
		const char *name = pacta_obligation_name(m, ob);
		int64_t v = 0;
		if (pacta_obligation_is_flag(m, ob)) {
			stc_flag(&c, name);
		} else if (pacta_obligation_type(m, ob) == PACTA_TYPE_SET) {
			const char *names[64];
			uint64_t mask = 0;
			int n = pacta_obligation_member_count(m, ob);
			for (int i = 0; i < n && i < 64; i++) {
				names[i] = pacta_obligation_member_name(m, ob, i);
				if (pacta_decision_obligation_has(d, ob, i) == 1)
					mask |= 1ull << i;
			}
			stc_set(&c, name, mask, names, n < 64 ? n : 64);
		} else if (pacta_decision_obligation_value(d, ob, &v) == PACTA_OK) {
			stc_int(&c, name, v);
		} else {
			stc_flag(&c, "?");
		}
	}
	canon_text(pacta_decision_outcome(d), pacta_decision_ground(d), &c, out, cap);
}

static void canon_c(const st_policy *P, const void *dec, uint32_t r, char *out, size_t cap)
{
	st_canon c;
	c.n = 0;
	P->canon(dec, r, &c);
	canon_text((int)(r & 0xff), (int)((r >> 8) & 0xff), &c, out, cap);
}

/* ---- timing ---- */

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp_dbl);
	return t[n / 2];
}

static volatile uint64_t sink;

typedef struct row {
	char what[48];
	double c_ns, api_ns, batch_ns;   /* batch_ns < 0: not measured */
	double array_ns;                 /* < 0: not measured */
	double lo[3], hi[3];             /* per kind, the least and the
	                                    greatest ratio of one pass */
} row;

/* What a row's libpacta figure is: pacta_decide on requests and decisions
 * made one by one, pacta_decide_batch, or pacta_decide on the elements of
 * pacta_request_array_new's and pacta_decision_array_new's arrays. */
enum { API, BATCH, ARRAYS };

static void print_row(const char *policy_name, const row *r, int kind)
{
	static const char *const name[] = { "pacta_decide", "pacta_decide_batch", "pacta_decide, arrays" };
	double ns = kind == BATCH ? r->batch_ns : kind == ARRAYS ? r->array_ns : r->api_ns, ratio = ns / r->c_ns;
	printf("| %-11s | %-26s | %-25s | %8.1f | %8.1f | %6.2fx | %-6s | %5.2f-%.2fx |\n", policy_name, r->what,
	       name[kind], r->c_ns, ns, ratio, ratio <= TARGET ? "met" : "missed", r->lo[kind], r->hi[kind]);
}

/* The least and the greatest ratio of the engine's time to the C's in one
 * pass (the two take turns pass by pass): how far the machine's load moved
 * the ratio in this run.  Before median(), which sorts. */
static void spread(const double *t, const double *tc, int passes, row *r, int kind)
{
	r->lo[kind] = r->hi[kind] = -1;
	for (int p = 0; p < passes && t[p] >= 0; p++) {
		double x = t[p] / tc[p];
		if (r->lo[kind] < 0 || x < r->lo[kind])
			r->lo[kind] = x;
		if (x > r->hi[kind])
			r->hi[kind] = x;
	}
}

static void spreads(const double *ta, const double *tb, const double *tr, const double *tc, int passes, row *r)
{
	spread(ta, tc, passes, r, API);
	spread(tb, tc, passes, r, BATCH);
	spread(tr, tc, passes, r, ARRAYS);
}

/* The rows of one policy and set that were measured. */
static void print_rows(const char *policy_name, const row *r)
{
	print_row(policy_name, r, API);
	if (r->batch_ns >= 0)
		print_row(policy_name, r, BATCH);
	if (r->array_ns >= 0)
		print_row(policy_name, r, ARRAYS);
}

static void print_header(void)
{
	printf("| %-11s | %-26s | %-25s | %8s | %8s | %7s | %-6s | %-11s |\n", "policy", "requests", "libpacta",
	       "C ns", "ns", "vs C", "<=1.3x", "passes");
	printf("|-------------|----------------------------|---------------------------|----------|----------|---------|--------"
	       "|-------------|\n");
}

/* The timing loops of pacta_decide, as the policies' loops of their
 * hand-written decide (stress.h, ST_POLICY): the results summed in a local
 * and returned, so that no iteration waits on the last one's store. */
static uint64_t api_array(const pacta_module *mod, pacta_request *const *reqs, size_t n, long rounds,
			  pacta_decision *dec)
{
	uint64_t sum = 0;
	for (long k = 0; k < rounds; k++)
		for (size_t i = 0; i < n; i++)
			sum += (uint64_t)pacta_decide(mod, reqs[i], dec, NULL);
	return sum;
}

static uint64_t api_apart(const pacta_module *mod, pacta_request *const *reqs, pacta_decision *const *decs,
			  const uint32_t *order, size_t n)
{
	uint64_t sum = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t i = order[k];
		sum += (uint64_t)pacta_decide(mod, reqs[i], decs[i], NULL);
	}
	return sum;
}

/* ---- one policy ---- */

typedef struct totals {
	size_t grant, refer, refuse, agreement, deflt;
} totals;

static void print_request(const st_policy *P, size_t i)
{
	st_json j = { 0 };
	uint64_t s = stream(SEED, i);
	void *req = xmalloc(P->req_size);
	P->gen(&s, req, &j);
	fprintf(stderr, "  request %zu (seed %d): %s\n", i + 1, SEED, j.p);
	free(req);
	free(j.p);
}

static int run_policy(const st_policy *P, const char *dir, const config *cf, row out[2])
{
	char path[4096];
	pacta_module *mod;
	pacta_error err;
	snprintf(path, sizeof path, "%s/%s.so", dir, P->name);
	if (pacta_module_open(path, &mod, &err) != PACTA_OK) {
		fprintf(stderr, "stress: %s: %s\n", path, err.message);
		return 2;
	}
	size_t n = cf->n_out, n_in = cf->n_in < n ? cf->n_in : n;
	printf("\n== %s (%s): %s\n", P->name, pacta_module_title(mod), P->shape);

	/* The draws, once: each request as a C struct (contiguous, for now)
	 * and, from its JSON line, as a pacta_request with its decision, each
	 * allocated apart as an embedder's are. */
	unsigned char *drawn = xmalloc(n * P->req_size);
	pacta_request **preq = xmalloc(n * sizeof *preq);
	pacta_decision **pdec = xmalloc(n * sizeof *pdec);
	st_json j = { 0 };
	size_t h0 = heap_used();
	for (size_t i = 0; i < n; i++) {
		uint64_t s = stream(SEED, i);
		P->gen(&s, drawn + i * P->req_size, &j);
		if (pacta_request_new(mod, &preq[i]) != PACTA_OK || pacta_decision_new(mod, &pdec[i]) != PACTA_OK)
			die("out of memory");
		if (pacta_request_from_json(preq[i], j.p, j.len, (int)i + 1, &err) != PACTA_OK) {
			fprintf(stderr, "stress: %s: the generator wrote a request libpacta rejects: %s\n  %s\n",
				P->name, err.message, j.p);
			return 1;
		}
	}
	size_t pacta_bytes = (heap_used() - h0) / n;

	/* The C side as an embedder keeps it: each request and decision
	 * allocated apart (all after libpacta's, so that neither engine's
	 * objects are spread among the other's). */
	void **creq = xmalloc(n * sizeof *creq), **cdec = xmalloc(n * sizeof *cdec);
	h0 = heap_used();
	for (size_t i = 0; i < n; i++) {
		creq[i] = xmalloc(P->req_size);
		memcpy(creq[i], drawn + i * P->req_size, P->req_size);
		cdec[i] = xmalloc(P->dec_size);
		memset(cdec[i], 0, P->dec_size);
	}
	size_t c_bytes = (heap_used() - h0) / n;
	/* In cache, the first n_in requests again, each engine's together
	 * (not among the decisions' buffers), into one decision: the C structs
	 * as a careful programmer's array, the pacta_requests one after
	 * another. */
	unsigned char *carr = xmalloc(n_in * P->req_size);
	memcpy(carr, drawn, n_in * P->req_size);
	free(drawn);
	void *cone = xmalloc(P->dec_size);
	memset(cone, 0, P->dec_size);
	pacta_request **pin = xmalloc(n_in * sizeof *pin);
	void *scratch = xmalloc(P->req_size);
	for (size_t i = 0; i < n_in; i++) {
		uint64_t s = stream(SEED, i);
		P->gen(&s, scratch, &j);
		if (pacta_request_new(mod, &pin[i]) != PACTA_OK ||
		    pacta_request_from_json(pin[i], j.p, j.len, (int)i + 1, &err) != PACTA_OK)
			die("a request of the in-cache set does not convert");
	}
	free(scratch);
#ifdef PACTA_HAVE_ARRAYS
	/* The same requests as an embedder holding many keeps them: in
	 * libpacta's arrays, with an array of decisions beside, reached
	 * through pointers as the others. */
	pacta_request_array *ra;
	pacta_decision_array *da;
	pacta_request **areq = xmalloc(n * sizeof *areq);
	pacta_decision **adec = xmalloc(n * sizeof *adec);
	h0 = heap_used();
	if (pacta_request_array_new(mod, n, &ra) != PACTA_OK || pacta_decision_array_new(mod, n, &da) != PACTA_OK)
		die("out of memory");
	size_t array_bytes = (heap_used() - h0) / n;
	for (size_t i = 0; i < n; i++) {
		uint64_t s = stream(SEED, i);
		void *scratch1 = xmalloc(P->req_size);
		P->gen(&s, scratch1, &j);
		free(scratch1);
		areq[i] = pacta_request_array_get(ra, i);
		adec[i] = pacta_decision_array_get(da, i);
		if (pacta_request_from_json(areq[i], j.p, j.len, (int)i + 1, &err) != PACTA_OK)
			die("a request of the arrays does not convert");
	}
#endif
	free(j.p);

	/* Agreement, request by request: outcome, what decided, obligations;
	 * and which rules the requests fire, so that a rule none fires (whose
	 * hand-written twin the check would never test) is named. */
	totals t = { 0 };
	int disagree = 0, nrules = pacta_rule_count(mod);
	unsigned char *fired = xmalloc((size_t)nrules + 1);
	memset(fired, 0, (size_t)nrules + 1);
	for (size_t i = 0; i < n; i++) {
		char a[4096], b[4096];
		uint32_t r = P->decide(creq[i], cdec[i]);
		if (pacta_decide(mod, preq[i], pdec[i], &err) != PACTA_OK) {
			fprintf(stderr, "stress: %s: request %zu: %s\n", P->name, i + 1, err.message);
			print_request(P, i);
			return 1;
		}
		canon_pacta(mod, pdec[i], a, sizeof a);
		canon_c(P, cdec[i], r, b, sizeof b);
		if (strcmp(a, b)) {
			if (disagree++ < MAX_DISAGREE) {
				fprintf(stderr, "DISAGREE %s: libpacta and the hand-written C decide differently:\n",
					P->name);
				print_request(P, i);
				fprintf(stderr, "  libpacta: %s\n  C:        %s\n", a, b);
			}
			continue;
		}
#ifdef PACTA_HAVE_ARRAYS
		if (pacta_decide(mod, areq[i], adec[i], &err) != PACTA_OK)
			die("an element of the arrays does not decide");
		canon_pacta(mod, adec[i], a, sizeof a);
		if (strcmp(a, b)) {
			if (disagree++ < MAX_DISAGREE) {
				fprintf(stderr, "DISAGREE %s: libpacta's arrays and the hand-written C:\n", P->name);
				print_request(P, i);
				fprintf(stderr, "  libpacta: %s\n  C:        %s\n", a, b);
			}
			continue;
		}
#endif
		for (int k = 0; k < pacta_decision_fired_count(pdec[i]); k++)
			fired[pacta_decision_fired(pdec[i], k)] = 1;
		int o = pacta_decision_outcome(pdec[i]), g = pacta_decision_ground(pdec[i]);
		t.grant += o == PACTA_GRANT;
		t.refer += o == PACTA_REFER;
		t.refuse += o == PACTA_REFUSE;
		t.agreement += g == PACTA_GROUND_AGREEMENT;
		t.deflt += g == PACTA_GROUND_DEFAULT;
	}
#ifdef PACTA_HAVE_DECIDE_BATCH
	/* and the batch entry point's, against the same C: 64 requests at a
	 * time into decisions new for each batch, which hold no decision
	 * until the batch writes one */
	for (size_t i0 = 0; i0 < n; i0 += 64) {
		pacta_decision *fresh[64];
		size_t m = n - i0 < 64 ? n - i0 : 64;
		for (size_t k = 0; k < m; k++)
			if (pacta_decision_new(mod, &fresh[k]) != PACTA_OK)
				die("out of memory");
		if (pacta_decide_batch(mod, (const pacta_request *const *)preq + i0, fresh, m, &err) != PACTA_OK) {
			fprintf(stderr, "stress: %s: pacta_decide_batch: %s\n", P->name, err.message);
			return 1;
		}
		for (size_t k = 0; k < m; k++) {
			char a[4096], b[4096];
			uint32_t r = P->decide(creq[i0 + k], cdec[i0 + k]);
			canon_pacta(mod, fresh[k], a, sizeof a);
			canon_c(P, cdec[i0 + k], r, b, sizeof b);
			if (strcmp(a, b) && disagree++ < MAX_DISAGREE) {
				fprintf(stderr, "DISAGREE %s: pacta_decide_batch and the hand-written C:\n", P->name);
				print_request(P, i0 + k);
				fprintf(stderr, "  libpacta: %s\n  C:        %s\n", a, b);
			}
			pacta_decision_free(fresh[k]);
		}
	}
#endif
	if (disagree) {
		fprintf(stderr, "stress: %s: libpacta and the hand-written C disagree on %d of %zu requests\n",
			P->name, disagree, n);
		return 1;
	}
	int unfired = 0;
	for (int k = 0; k < nrules; k++)
		if (!fired[k]) {
			if (!unfired++)
				printf("   rules no request fired:");
			printf(" %s", pacta_clause_label(mod, pacta_rule_clause(mod, k)));
		}
	if (unfired)
		printf("\n");
	free(fired);
	double pc = 100.0 / (double)n;
	printf("   %zu requests (seed %d), all agree, %d of %d rules fired: grant %.1f%%, refer %.1f%%, refuse %.1f%% "
	       "(by the agreement %.1f%%, by default %.1f%%)\n",
	       n, SEED, nrules - unfired, nrules, (double)t.grant * pc, (double)t.refer * pc, (double)t.refuse * pc,
	       (double)t.agreement * pc, (double)t.deflt * pc);
	printf("   bytes per request and its decision: hand-written C %zu + %zu (%zu of heap apart), "
	       "libpacta %zu of heap",
	       P->req_size, P->dec_size, c_bytes, pacta_bytes);
#ifdef PACTA_HAVE_ARRAYS
	printf(" (%zu in arrays)", array_bytes);
#endif
	printf("\n");

	/* Out of cache, the requests are decided in one shuffled order (the
	 * same for every engine): objects allocated one after another lie
	 * one after another, and deciding them in that order would let the
	 * hardware prefetcher stream them in ahead of the loop, which tests
	 * bandwidth, not the latency a host pays when its requests are
	 * scattered through memory and arrive in no order. */
	uint32_t *order = xmalloc(n * sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	uint64_t s = SEED * 7919u;
	for (size_t i = n - 1; i > 0; i--) {
		size_t k = st_below(&s, (uint32_t)(i + 1));
		uint32_t x = order[i];
		order[i] = order[k];
		order[k] = x;
	}
#ifdef PACTA_HAVE_DECIDE_BATCH
	const pacta_request **breq = xmalloc(n * sizeof *breq);
	pacta_decision **bdec = xmalloc(n * sizeof *bdec);
	for (size_t k = 0; k < n; k++) {
		breq[k] = preq[order[k]];
		bdec[k] = pdec[order[k]];
	}
	/* in cache, batches of 64 into 64 decisions reused */
	enum { CHUNK = 64 };
	pacta_decision *chunk[CHUNK];
	for (int k = 0; k < CHUNK; k++)
		if (pacta_decision_new(mod, &chunk[k]) != PACTA_OK)
			die("out of memory");
#endif

	long rounds = cf->per_pass / (long)n_in;
	if (rounds < 1)
		rounds = 1;
	double tc[32], ta[32], tb[32], tr[32];
	int passes = cf->passes < 32 ? cf->passes : 32;
	for (int p = 0; p < passes; p++)
		tb[p] = tr[p] = -1;   /* no batch entry point, no arrays */
	pacta_decision *one = pdec[0];
	/* warm-up, untimed */
	sink += P->run_array(carr, n_in, 1, cone);
	sink += api_array(mod, pin, n_in, 1, one);
	for (int p = 0; p < passes; p++) {
		double a = now();
		sink += P->run_array(carr, n_in, rounds, cone);
		tc[p] = now() - a;
		a = now();
		sink += api_array(mod, pin, n_in, rounds, one);
		ta[p] = now() - a;
#ifdef PACTA_HAVE_DECIDE_BATCH
		a = now();
		for (long k = 0; k < rounds; k++)
			for (size_t i = 0; i < n_in; i += CHUNK)
				sink += (uint64_t)pacta_decide_batch(mod, (const pacta_request *const *)pin + i,
								     chunk, n_in - i < CHUNK ? n_in - i : CHUNK,
								     NULL);
		tb[p] = now() - a;
#endif
	}
	double per = 1e9 / ((double)rounds * (double)n_in);
	row *in = &out[0], *ooc = &out[1];
	spreads(ta, tb, tr, tc, passes, in);
	in->c_ns = median(tc, passes) * per;
	in->api_ns = median(ta, passes) * per;
	in->batch_ns = median(tb, passes) * per;
	in->array_ns = -1;

	/* Out of cache, each timed sweep over the whole set follows an
	 * untimed sweep of the same engine: the steady state of a host that
	 * holds that many live requests and decides them again and again,
	 * with the engines still taking turns (pass by pass) so that the
	 * machine's load falls on both alike.  Whatever of an engine's objects
	 * the caches keep from one sweep to the next they keep: structs small
	 * enough to stay in the last-level cache while they overflow L2 are
	 * part of what is measured. */
	for (int p = 0; p < passes; p++) {
		sink += P->run_apart(creq, cdec, order, n);
		double a = now();
		sink += P->run_apart(creq, cdec, order, n);
		tc[p] = now() - a;
		for (int timed = 0; timed < 2; timed++) {
			a = now();
			sink += api_apart(mod, preq, pdec, order, n);
			ta[p] = now() - a;
		}
#ifdef PACTA_HAVE_DECIDE_BATCH
		for (int timed = 0; timed < 2; timed++) {
			a = now();
			sink += (uint64_t)pacta_decide_batch(mod, breq, bdec, n, NULL);
			tb[p] = now() - a;
		}
#endif
#ifdef PACTA_HAVE_ARRAYS
		for (int timed = 0; timed < 2; timed++) {
			a = now();
			sink += api_apart(mod, areq, adec, order, n);
			tr[p] = now() - a;
		}
#endif
	}
	per = 1e9 / (double)n;
	spreads(ta, tb, tr, tc, passes, ooc);
	ooc->c_ns = median(tc, passes) * per;
	ooc->api_ns = median(ta, passes) * per;
	ooc->batch_ns = median(tb, passes) * per;
	ooc->array_ns = median(tr, passes) * per;

	snprintf(in->what, sizeof in->what, "%zu in cache", n_in);
	snprintf(ooc->what, sizeof ooc->what, "%zu out of cache", n);
	printf("\n");
	print_header();
	for (int k = 0; k < 2; k++)
		print_rows(P->name, &out[k]);

	/* freed as an embedder frees them */
#ifdef PACTA_HAVE_DECIDE_BATCH
	for (int k = 0; k < CHUNK; k++)
		pacta_decision_free(chunk[k]);
	free(breq);
	free(bdec);
#endif
	for (size_t i = 0; i < n; i++) {
		pacta_request_free(preq[i]);
		pacta_decision_free(pdec[i]);
		free(creq[i]);
		free(cdec[i]);
	}
	for (size_t i = 0; i < n_in; i++)
		pacta_request_free(pin[i]);
	free(pin);
	free(preq);
	free(pdec);
	free(creq);
	free(cdec);
	free(carr);
	free(cone);
	free(order);
#ifdef PACTA_HAVE_ARRAYS
	pacta_request_array_free(ra);
	pacta_decision_array_free(da);
	free(areq);
	free(adec);
#endif
	pacta_module_close(mod);
	return 0;
}

static int gen(const char *name, long n, uint64_t seed, const char *out)
{
	const st_policy *P = policy(name);
	FILE *o = fopen(out, "w");
	if (!o)
		die("cannot write the requests");
	st_json j = { 0 };
	void *req = xmalloc(P->req_size);
	for (long i = 0; i < n; i++) {
		uint64_t s = stream(seed, (size_t)i);
		P->gen(&s, req, &j);
		fprintf(o, "%s\n", j.p);
	}
	free(req);
	free(j.p);
	return fclose(o) ? 2 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "gen"))
		return gen(argv[2], atol(argv[3]), strtoull(argv[4], NULL, 10), argv[5]);
	if (argc < 3 || strcmp(argv[1], "run")) {
		fprintf(stderr, "usage: stress run DIR [quick] [POLICY ...]\n"
				"       stress gen POLICY N SEED OUT.jsonl\n");
		return 2;
	}
	/* the hand-written rules' date constants are day numbers as libpacta's */
	if (ST_DAY(2024, 7, 1) != pacta_date_number(2024, 7, 1) || ST_DAY(2000, 2, 29) != pacta_date_number(2000, 2, 29) ||
	    ST_DAY(1, 1, 1) != 0 || ST_DAY(2039, 12, 31) != pacta_date_number(2039, 12, 31))
		die("ST_DAY disagrees with pacta_date_number");
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *dir = argv[2];
	int a = 3;
	config cf = FULL;
	if (a < argc && !strcmp(argv[a], "quick")) {
		cf = QUICK;
		a++;
	}
	const st_policy *run[NPOLICIES];
	size_t nrun = 0;
	for (; a < argc && nrun < NPOLICIES; a++)
		run[nrun++] = policy(argv[a]);
	if (!nrun)
		for (; nrun < NPOLICIES; nrun++)
			run[nrun] = POLICIES[nrun];
#ifdef PACTA_HAVE_DECIDE_BATCH
	const char *batch = "pacta_decide_batch timed";
#else
	const char *batch = "pacta.h has no pacta_decide_batch";
#endif
	printf("stress: %zu policies, %zu requests in cache (median of %d passes of %ld decisions), %zu out of "
	       "cache (shuffled; median of %d passes); %s\n",
	       nrun, cf.n_in, cf.passes, cf.per_pass, cf.n_out, cf.passes, batch);
	row rows[NPOLICIES][2];
	for (size_t k = 0; k < nrun; k++) {
		int rc = run_policy(run[k], dir, &cf, rows[k]);
		if (rc)
			return rc;
	}
	printf("\n== issue 18 target 1: native decision through the C API within 1.3x of hand-written C (this run)\n");
	print_header();
	int met = 0, total = 0, amet = 0, atotal = 0;
	for (int set = 0; set < 2; set++)
		for (size_t k = 0; k < nrun; k++) {
			const row *r = &rows[k][set];
			print_rows(run[k]->name, r);
			met += r->api_ns / r->c_ns <= TARGET;
			total++;
			if (r->array_ns >= 0) {
				amet += r->array_ns / r->c_ns <= TARGET;
				atotal++;
			}
		}
	printf("pacta_decide within 1.3x on %d of %d rows", met, total);
	if (atotal)
		printf("; on libpacta's arrays, %d of %d", amet, atotal);
	printf("\n");
	return 0;
}
