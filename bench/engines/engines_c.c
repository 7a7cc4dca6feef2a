/*
 * engines_c.c — the C side of bench/engines (see bench/README.md):
 *
 *   engines_c gen REF.pacta N SEED OUT.jsonl CONSTS.json
 *       N seeded random requests for the reference policy, as JSON Lines
 *       (the 17 attributes and the submission date; randreq's values around
 *       every constant of the agreement), and the policy's member sets as
 *       JSON for the JavaScript engines.
 *   engines_c run REF.pacta MODULE.so REQUESTS.jsonl OUTDIR PASSES
 *       Decides every request with hand-written C (reference_c.c), Pacta
 *       through libpacta (pacta_module_open, pacta_request_from_json,
 *       pacta_decide) and the reference interpreter; writes each decision
 *       in the canonical form of bench/engines (OUTDIR/ENGINE.canon), checks
 *       the hand-written C against Pacta (exit 1 on any disagreement) and
 *       appends one JSON line of figures per engine to OUTDIR/results.jsonl.
 *   engines_c scale MODULE.so REQUESTS.jsonl PASSES
 *       Module load time and time per decision of a (generated) agreement.
 *
 * Canonical decision: "OUTCOME GROUNDS OBLIGATIONS", grounds as labels in
 * source order joined by ',' (or "default" / "agreement"), obligations as
 * name or name=value sorted by name and joined by ',' ("-" for none).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "pactac.h"
#include "pacta.h"
#include "lookup.h"
#include "randreq.h"
#include "reference_c.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, res = 0;
	if (f) {
		if (fscanf(f, "%ld %ld", &size, &res) != 2)
			res = 0;
		fclose(f);
	}
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static long peak_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void die(const char *what)
{
	fprintf(stderr, "engines_c: %s\n", what);
	exit(2);
}

/* ---- the compiled agreement (for the generator, the interpreter and the
 * hand-written rules' constants) ---- */

static const lw_program *C;

static const lp_field_desc *field(const char *name)
{
	return bench_field(C, name);
}

static int member(const char *en, const char *name)
{
	return bench_member(C, en, name);
}

static const lw_program *compile(compilation *cm, const char *path)
{
	load_opts lo = { 0 };
	lo.stdlib_dir = "stdlib";
	const lw_program *c = compile_file(cm, &lo, path, stderr);
	if (!c)
		die("the reference policy does not compile");
	return c;
}

static void rc_setup(void)
{
	rc.XA = member("country", "XA");
	rc.XB = member("country", "XB");
	rc.XC = member("country", "XC");
	rc.preservation = member("assistance_type", "preservation");
	rc.spontaneous = member("assistance_type", "spontaneous_information");
	rc.service = member("assistance_type", "service_of_documents");
	rc.interception = member("assistance_type", "interception");
	rc.real_time = member("assistance_type", "real_time_traffic");
	rc.search = member("assistance_type", "search_and_seizure");
	rc.content_data = member("assistance_type", "content_data");
	rc.content = member("data_category", "content");
	rc.traffic = member("data_category", "traffic");
	rc.effective = C->scope.effective;
	rc.expires = C->scope.expires;
	for (uint32_t i = 0; i < C->schema.nclauses; i++) {
		const lw_clause *cl = &C->clauses[i];
		if (!strcmp(cl->label, "6.11")) {
			rc.from_611 = cl->from;
			rc.sunset_611 = cl->sunset;
		}
	}
	rc.core = bench_define_word(C, "core_cybercrimes");
	rc.content_related = bench_define_word(C, "content_related");
	rc.serious_crimes = bench_define_word(C, "serious_crimes");
	rc.special = bench_define_word(C, "special_categories");
	rc.real_time_measures = bench_define_word(C, "real_time_measures");
	rc.crim[0] = bench_table_word(C, "criminalises", rc.XA);
	rc.crim[1] = bench_table_word(C, "criminalises", rc.XB);
	rc.crim[2] = bench_table_word(C, "criminalises", rc.XC);
	if (bench_enum(C, "offence")->nmembers > 64 || bench_enum(C, "data_category")->nmembers > 64 ||
	    bench_enum(C, "assistance_type")->nmembers > 64)
		die("the hand-written rules assume enums of at most 64 members");
}

static const char *FIELDS[] = {
	"requesting_party", "requested_party", "assistance", "offence", "max_penalty",
	"specific_investigation", "targets", "data", "retention_requested",
	"onward_transfer_requested", "judicial_authorisation", "emergency",
	"target_is_journalist", "target_is_hrd", "death_penalty_possible",
	"death_penalty_assurance", "political_offence", "submitted",
};
#define NFIELDS (sizeof FIELDS / sizeof *FIELDS)

static void to_rc(const uint64_t *q, rc_request *r)
{
	r->requesting = (int32_t)q[field("requesting_party")->slot];
	r->requested = (int32_t)q[field("requested_party")->slot];
	r->assistance = (int32_t)q[field("assistance")->slot];
	r->offence = (int32_t)q[field("offence")->slot];
	r->max_penalty = (int64_t)q[field("max_penalty")->slot];
	r->targets = (int64_t)q[field("targets")->slot];
	r->retention = (int64_t)q[field("retention_requested")->slot];
	r->submitted = (int64_t)q[field("submitted")->slot];
	r->data = q[field("data")->slot];
	r->specific = (uint8_t)q[field("specific_investigation")->slot];
	r->onward = (uint8_t)q[field("onward_transfer_requested")->slot];
	r->judicial = (uint8_t)q[field("judicial_authorisation")->slot];
	r->emergency = (uint8_t)q[field("emergency")->slot];
	r->journalist = (uint8_t)q[field("target_is_journalist")->slot];
	r->hrd = (uint8_t)q[field("target_is_hrd")->slot];
	r->dp_possible = (uint8_t)q[field("death_penalty_possible")->slot];
	r->dp_assurance = (uint8_t)q[field("death_penalty_assurance")->slot];
	r->political = (uint8_t)q[field("political_offence")->slot];
}

/* ---- gen ---- */

static void json_set(FILE *o, const char *name, uint64_t w)
{
	const lp_enum_desc *e = bench_enum(C, name);
	fputc('[', o);
	int first = 1;
	for (uint32_t m = 0; m < e->nmembers && m < 64; m++)
		if ((w >> m) & 1) {
			fprintf(o, "%s\"%s\"", first ? "" : ", ", e->members[m]);
			first = 0;
		}
	fputc(']', o);
}

static uint64_t mix(uint64_t *state)
{
	/* splitmix64, as randreq.c */
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int gen(const char *ref, long n, uint64_t seed, const char *out, const char *consts)
{
	compilation cm;
	C = compile(&cm, ref);
	const lp_schema *s = &C->schema;
	FILE *o = fopen(out, "w");
	if (!o)
		die("cannot write the requests");
	randreq *R = randreq_new(C, seed);
	uint64_t *q = xcalloc(s->nslots + 1, sizeof *q);
	uint64_t rng = seed ^ 0x5eed;
	const lp_field_desc *fspec = field("specific_investigation"), *fsub = field("submitted");
	const lp_field_desc *freq = field("requesting_party"), *freqd = field("requested_party");
	int pty[3] = { member("country", "XA"), member("country", "XB"), member("country", "XC") };
	for (long i = 0; i < n; i++) {
		randreq_fill(R, q);
		/* randreq's values are chosen to reach every branch; make most
		 * requests ordinary ones, so that every outcome is common: the
		 * parties and dates of the agreement, and a flag that triggers a
		 * safeguard only now and then */
		if (mix(&rng) % 8) {
			q[freq->slot] = (uint64_t)pty[mix(&rng) % 3];
			q[freqd->slot] = (uint64_t)pty[mix(&rng) % 3];
		}
		if (mix(&rng) % 8)
			q[fsub->slot] = (uint64_t)(C->scope.effective +
						   (int64_t)(mix(&rng) % (uint64_t)(C->scope.expires -
										    C->scope.effective + 1)));
		for (size_t k = 0; k < NFIELDS; k++) {
			const lp_field_desc *f = field(FIELDS[k]);
			if (f->kind == PK_BOOL && f != fspec && q[f->slot] && mix(&rng) % 4)
				q[f->slot] = 0;
		}
		if (mix(&rng) % 6)
			q[fspec->slot] = 1;
		fprintf(o, "{\"id\": %ld", i + 1);
		for (size_t k = 0; k < NFIELDS; k++) {
			const lp_field_desc *f = field(FIELDS[k]);
			const uint64_t *w = q + f->slot;
			fprintf(o, ", \"%s\": ", f->name);
			switch (f->kind) {
			case PK_BOOL:
				fputs(w[0] ? "true" : "false", o);
				break;
			case PK_ENUM:
				fprintf(o, "\"%s\"", s->enums[f->enum_index].members[w[0]]);
				break;
			case PK_SET:
				json_set(o, s->enums[f->enum_index].name, w[0]);
				break;
			case PK_DATE: {
				char buf[16];
				lp_date_format((int64_t)w[0], buf);
				fprintf(o, "\"%s\"", buf);
				break;
			}
			default: {
				/* requests state plausible magnitudes: the engines
				 * in JavaScript hold numbers as doubles */
				int64_t v = (int64_t)w[0];
				v = v > 1000000 ? 1000000 : v < -1000000 ? -1000000 : v;
				fprintf(o, "%lld", (long long)v);
			}
			}
		}
		fputs("}\n", o);
	}
	fclose(o);
	randreq_free(R);
	free(q);

	o = fopen(consts, "w");
	if (!o)
		die("cannot write the constants");
	static const char *sets[][2] = {
		{ "core_cybercrimes", "offence" }, { "content_related", "offence" },
		{ "serious_crimes", "offence" }, { "special_categories", "data_category" },
		{ "real_time_measures", "assistance_type" },
	};
	fputs("{\n", o);
	for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
		fprintf(o, "  \"%s\": ", sets[i][0]);
		json_set(o, sets[i][1], bench_define_word(C, sets[i][0]));
		fputs(",\n", o);
	}
	fputs("  \"criminalises\": {", o);
	const char *parties[] = { "XA", "XB", "XC" };
	for (int p = 0; p < 3; p++) {
		fprintf(o, "%s\"%s\": ", p ? ", " : "", parties[p]);
		json_set(o, "offence", bench_table_word(C, "criminalises", member("country", parties[p])));
	}
	char e[16], x[16], f611[16], s611[16];
	lp_date_format(C->scope.effective, e);
	lp_date_format(C->scope.expires, x);
	rc_setup();
	lp_date_format(rc.from_611, f611);
	lp_date_format(rc.sunset_611, s611);
	fprintf(o, "},\n  \"effective\": \"%s\", \"expires\": \"%s\", \"from_6_11\": \"%s\", \"sunset_6_11\": \"%s\"\n}\n",
		e, x, f611, s611);
	fclose(o);
	compilation_free(&cm);
	return 0;
}

/* ---- canonical decisions ---- */

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void canon_obligs(char **items, int n, FILE *o)
{
	qsort(items, (size_t)n, sizeof *items, cmpstr);
	if (!n)
		fputc('-', o);
	for (int i = 0; i < n; i++)
		fprintf(o, "%s%s", i ? "," : "", items[i]);
}

static const char *OUTCOME[] = { "grant", "refer", "refuse" };

static void canon_pacta(const pacta_module *m, pacta_decision *d, FILE *o)
{
	fprintf(o, "%s ", pacta_decision_outcome_name(d));
	int g = pacta_decision_ground(d);
	if (g == PACTA_GROUND_DEFAULT)
		fputs("default", o);
	else if (g == PACTA_GROUND_AGREEMENT)
		fputs("agreement", o);
	else
		for (int k = 0; k < pacta_decision_ground_count(d); k++)
			fprintf(o, "%s%s", k ? "," : "", pacta_decision_ground_label(d, k));
	fputc(' ', o);
	char buf[64][64], *items[64];
	int n = pacta_decision_obligation_count(d);
	for (int k = 0; k < n && k < 64; k++) {
		int ob = pacta_decision_obligation(d, k);
		int64_t v;
		if (pacta_obligation_is_flag(m, ob))
			snprintf(buf[k], sizeof buf[k], "%s", pacta_obligation_name(m, ob));
		else if (pacta_decision_obligation_value(d, ob, &v) == PACTA_OK)
			snprintf(buf[k], sizeof buf[k], "%s=%lld", pacta_obligation_name(m, ob), (long long)v);
		else
			snprintf(buf[k], sizeof buf[k], "%s=?", pacta_obligation_name(m, ob));
		items[k] = buf[k];
	}
	canon_obligs(items, n, o);
	fputc('\n', o);
}

static void canon_rc(const pacta_module *m, const rc_decision *d, FILE *o)
{
	fprintf(o, "%s ", OUTCOME[d->outcome]);
	if (d->ground == 1)
		fputs("default", o);
	else if (d->ground == 2)
		fputs("agreement", o);
	else {
		int first = 1;
		for (int i = 0; i < 64; i++)
			if ((d->grounds >> i) & 1) {
				fprintf(o, "%s%s", first ? "" : ",", pacta_clause_label(m, i));
				first = 0;
			}
	}
	fputc(' ', o);
	char buf[16][48], *items[16];
	int n = 0;
	static const char *flags[] = { "no_death_penalty_use", "independent_review", "sensitive_data_safeguards",
				       "no_onward_transfer", "purpose_limited", "audit_log", "encrypt_in_transit" };
	for (int i = 0; i < 7; i++)
		if (d->flags & (1u << i))
			snprintf(buf[n], sizeof buf[n], "%s", flags[i]), items[n] = buf[n], n++;
	if (d->retain != RC_NONE)
		snprintf(buf[n], sizeof buf[n], "retain_at_most=%lld", (long long)d->retain), items[n] = buf[n], n++;
	if (d->notify != RC_NONE)
		snprintf(buf[n], sizeof buf[n], "notify_subject_within=%lld", (long long)d->notify), items[n] = buf[n], n++;
	if (d->respond != RC_NONE)
		snprintf(buf[n], sizeof buf[n], "respond_within=%lld", (long long)d->respond), items[n] = buf[n], n++;
	canon_obligs(items, n, o);
	fputc('\n', o);
}

/* ---- timing ---- */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int64_t timer_overhead(void)
{
	int64_t t[10001];
	for (int i = 0; i < 10001; i++) {
		int64_t a = now_ns();
		t[i] = now_ns() - a;
	}
	qsort(t, 10001, sizeof *t, cmp_i64);
	return t[5000];
}

typedef struct figures {
	double ns, p50, p99;
} figures;

/* The engines, behind one function pointer each. */
static size_t N;
static rc_request *RCQ;
static rc_decision RCD;
static pacta_module *MOD;
static pacta_request **PQ;
static pacta_decision *PD;
static evaluator *EV;
static uint64_t *SLOTS;
static uint32_t W;
static lp_decision_buf DB;
static char **LINES;
static size_t *LENS;
static pacta_request *JREQ;

static volatile uint64_t sink;
static void dec_c(size_t i) { rc_decide(&RCQ[i], &RCD); sink += RCD.outcome; }
static void dec_capi(size_t i) { pacta_decide(MOD, PQ[i], PD, NULL); }
static void dec_json(size_t i)
{
	pacta_request_from_json(JREQ, LINES[i], LENS[i], (int)i + 1, NULL);
	pacta_decide(MOD, JREQ, PD, NULL);
}
static void dec_interp(size_t i) { eval_request(EV, SLOTS + i * W, &DB); sink += DB.outcome; }

static figures measure(void (*fn)(size_t), size_t n, int passes, int64_t ovh)
{
	figures f;
	for (size_t i = 0; i < n; i++)   /* warm-up */
		fn(i);
	double t[32];
	if (passes > 32)
		passes = 32;
	for (int p = 0; p < passes; p++) {
		double a = now();
		for (size_t i = 0; i < n; i++)
			fn(i);
		t[p] = now() - a;
	}
	qsort(t, (size_t)passes, sizeof *t, cmp_dbl);
	f.ns = t[passes / 2] / (double)n * 1e9;
	int64_t *lat = xcalloc(n, sizeof *lat);
	for (size_t i = 0; i < n; i++) {
		int64_t a = now_ns();
		fn(i);
		int64_t d = now_ns() - a - ovh;
		lat[i] = d < 0 ? 0 : d;
	}
	qsort(lat, n, sizeof *lat, cmp_i64);
	f.p50 = (double)lat[n / 2];
	f.p99 = (double)lat[n * 99 / 100];
	free(lat);
	return f;
}

static void result(FILE *o, const char *engine, const char *how, double setup_ms, long setup_kb, figures f,
		   const char *agree)
{
	fprintf(o, "{\"engine\": \"%s\", \"how\": \"%s\", \"requests\": %zu, \"setup_ms\": %.3f, \"setup_kb\": %ld, "
		"\"peak_kb\": %ld, \"ns\": %.2f, \"p50\": %.0f, \"p99\": %.0f, \"agree\": \"%s\"}\n",
		engine, how, N, setup_ms, setup_kb, peak_kb(), f.ns, f.p50, f.p99, agree);
	fprintf(stderr, "   %-34s %10.1f ns/decision\n", engine, f.ns);
}

static size_t read_lines(const char *path, char ***lines, size_t **lens)
{
	FILE *in = fopen(path, "r");
	if (!in)
		die("cannot read the requests");
	size_t cap = 1024, n = 0;
	*lines = xcalloc(cap, sizeof **lines);
	*lens = xcalloc(cap, sizeof **lens);
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	while ((len = getline(&line, &lcap, in)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = 0;
		if (n == cap) {
			cap *= 2;
			*lines = xrealloc(*lines, cap * sizeof **lines);
			*lens = xrealloc(*lens, cap * sizeof **lens);
		}
		(*lines)[n] = strdup(line);
		(*lens)[n] = (size_t)len;
		n++;
	}
	free(line);
	fclose(in);
	return n;
}

static int run(const char *ref, const char *so, const char *reqs, const char *outdir, int passes)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/results.jsonl", outdir);
	FILE *res = fopen(path, "a");
	if (!res)
		die("cannot write results.jsonl");
	N = read_lines(reqs, &LINES, &LENS);
	if (!N)
		die("no requests");
	int64_t ovh = timer_overhead();
	pacta_error err;

	/* Pacta through libpacta: set-up is opening the module */
	long r0 = rss_kb();
	double t0 = now();
	if (pacta_module_open(so, &MOD, &err) != PACTA_OK) {
		fprintf(stderr, "engines_c: %s: %s\n", so, err.message);
		return 2;
	}
	pacta_decision_new(MOD, &PD);
	double open_ms = (now() - t0) * 1e3;
	long open_kb = rss_kb() - r0;
	PQ = xcalloc(N, sizeof *PQ);
	for (size_t i = 0; i < N; i++) {
		pacta_request_new(MOD, &PQ[i]);
		if (pacta_request_from_json(PQ[i], LINES[i], LENS[i], (int)i + 1, &err) != PACTA_OK) {
			fprintf(stderr, "engines_c: %s\n", err.message);
			return 2;
		}
	}
	pacta_request_new(MOD, &JREQ);

	/* the hand-written C and the interpreter start from the compiled source */
	compilation cm;
	r0 = rss_kb();
	t0 = now();
	C = compile(&cm, ref);
	EV = eval_new(C);
	double interp_ms = (now() - t0) * 1e3;
	long interp_kb = rss_kb() - r0;
	void *mem = xcalloc(1, lp_decision_size(&C->schema));
	lp_decision_layout(&C->schema, &DB, mem);
	W = C->schema.nslots + 1;
	SLOTS = xcalloc(N * W, sizeof *SLOTS);
	t0 = now();
	rc_setup();
	double rc_ms = (now() - t0) * 1e3;
	RCQ = xcalloc(N, sizeof *RCQ);
	for (size_t i = 0; i < N; i++) {
		lp_request_id id;
		lp_json_error je;
		if (lp_json_decode_request(&C->schema, LINES[i], LENS[i], (int)i + 1, SLOTS + i * W, &id, &je))
			die("a request does not decode");
		to_rc(SLOTS + i * W, &RCQ[i]);
	}

	/* agreement: hand-written C against Pacta, decision by decision */
	snprintf(path, sizeof path, "%s/pacta-capi.canon", outdir);
	FILE *op = fopen(path, "w");
	snprintf(path, sizeof path, "%s/c.canon", outdir);
	FILE *oc = fopen(path, "w");
	if (!op || !oc)
		die("cannot write the decisions");
	size_t disagree = 0;
	for (size_t i = 0; i < N; i++) {
		char a[1024], b[1024];
		if (pacta_decide(MOD, PQ[i], PD, &err) != PACTA_OK) {
			fprintf(stderr, "engines_c: request %zu: %s\n", i + 1, err.message);
			return 2;
		}
		rc_decide(&RCQ[i], &RCD);
		FILE *m1 = fmemopen(a, sizeof a, "w"), *m2 = fmemopen(b, sizeof b, "w");
		canon_pacta(MOD, PD, m1);
		canon_rc(MOD, &RCD, m2);
		fclose(m1);
		fclose(m2);
		fputs(a, op);
		fputs(b, oc);
		if (strcmp(a, b)) {
			if (disagree++ < 10)
				fprintf(stderr, "DISAGREE hand-written C, request %zu: %s\n  pacta: %s  C:     %s",
					i + 1, LINES[i], a, b);
		}
	}
	fclose(op);
	fclose(oc);
	char agree[64];
	snprintf(agree, sizeof agree, disagree ? "%zu DISAGREE" : "yes", disagree);

	fprintf(stderr, "   (timer overhead %lld ns, subtracted from p50/p99)\n", (long long)ovh);
	result(res, "hand-written C (-O2)", "reference_c.c on a C struct", rc_ms, 0, measure(dec_c, N, passes, ovh), agree);
	result(res, "Pacta native, C API", "pacta_decide on requests filled once", open_ms, open_kb,
	       measure(dec_capi, N, passes, ovh), "reference");
	result(res, "Pacta native, C API + JSON", "pacta_request_from_json + pacta_decide", open_ms, open_kb,
	       measure(dec_json, N, passes, ovh), "reference");
	int ipasses = passes > 3 ? 3 : passes;
	result(res, "Pacta reference interpreter", "eval_request on decoded requests", interp_ms, interp_kb,
	       measure(dec_interp, N, ipasses, ovh), "differential tests");
	fclose(res);
	if (disagree) {
		fprintf(stderr, "engines_c: hand-written C disagrees with Pacta on %zu of %zu requests\n", disagree, N);
		return 1;
	}
	return 0;
}

/* ---- scale ---- */

static int scale(const char *so, const char *reqs, int passes)
{
	N = read_lines(reqs, &LINES, &LENS);
	pacta_error err;
	long r0 = rss_kb();
	double t0 = now();
	if (pacta_module_open(so, &MOD, &err) != PACTA_OK) {
		fprintf(stderr, "engines_c: %s: %s\n", so, err.message);
		return 2;
	}
	double load_ms = (now() - t0) * 1e3;
	long load_kb = rss_kb() - r0;
	pacta_decision_new(MOD, &PD);
	PQ = xcalloc(N, sizeof *PQ);
	for (size_t i = 0; i < N; i++) {
		pacta_request_new(MOD, &PQ[i]);
		if (pacta_request_from_json(PQ[i], LINES[i], LENS[i], (int)i + 1, &err) != PACTA_OK)
			die(err.message);
	}
	long req_kb = rss_kb() - r0 - load_kb;
	figures f = measure(dec_capi, N, passes, timer_overhead());
	/* the module's pages a run of decisions touched, beyond those the
	 * load did: what an embedder pays per loaded module, the requests
	 * apart */
	long run_kb = rss_kb() - r0 - req_kb;
	printf("{\"load_ms\": %.3f, \"load_kb\": %ld, \"rss_kb\": %ld, \"ns\": %.2f, \"p50\": %.0f, \"p99\": %.0f, "
	       "\"clauses\": %d}\n",
	       load_ms, load_kb, run_kb, f.ns, f.p50, f.p99, pacta_clause_count(MOD));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 7 && !strcmp(argv[1], "gen"))
		return gen(argv[2], atol(argv[3]), strtoull(argv[4], NULL, 10), argv[5], argv[6]);
	if (argc >= 7 && !strcmp(argv[1], "run"))
		return run(argv[2], argv[3], argv[4], argv[5], atoi(argv[6]));
	if (argc >= 5 && !strcmp(argv[1], "scale"))
		return scale(argv[2], argv[3], atoi(argv[4]));
	fprintf(stderr, "usage: engines_c gen REF.pacta N SEED OUT.jsonl CONSTS.json\n"
			"       engines_c run REF.pacta MODULE.so REQUESTS.jsonl OUTDIR PASSES\n"
			"       engines_c scale MODULE.so REQUESTS.jsonl PASSES\n");
	return 2;
}
