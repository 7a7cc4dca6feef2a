/*
 * fuzz_diff.c — differential fuzzing: the input drives a generator of
 * agreements over a fixed small request (every field kind, a header with
 * parties and a life, obligations of every combine operator (on various
 * outcomes), may refuse, reservations and declarations, defines,
 * tables, clause windows, exemptions, arithmetic at the 64-bit limits).
 * Each agreement that checks is built into a native module with
 * emit_module() (as `pacta build` does) and decided by the module and by
 * the reference evaluator on seeded random requests (tests/diff/randreq.c);
 * the whole decisions must be identical — outcome, ground, grounds, fired
 * rules, exemptions and who exempted, obligations with values and sources —
 * and so must their JSON.  A difference prints the agreement and the
 * request and aborts.  Slow (a build per input) but exact.
 *
 * While a module is built, a timer interrupts the process every
 * millisecond with a signal whose handler does not restart system calls,
 * as a host's timers would (libFuzzer's own SIGALRM found that the wait for
 * the linker gave up on EINTR: regressions/diff/eintr-linker-wait).
 *
 * FUZZ_DIFF_SHOW=1 prints each generated agreement, and the diagnostics of
 * those that do not check (a generator bug, not a finding).
 */
#include <dlfcn.h>
#include <signal.h>
#include <time.h>

#include "fuzz_common.h"
#include "randreq.h"
#include "../runtime/module_abi.h"

#define REQUESTS 256
#define MAX_DEPTH 4

typedef struct gen {
	const uint8_t *p;
	size_t n, i;
	lp_strbuf out;
	int nclauses;
	int in_define;      /* in `big` or `dv`: they may not name themselves */
	int typed;          /* the context gives `{}` its type */
} gen;

static unsigned take(gen *g, unsigned k)
{
	if (k <= 1)
		return 0;
	unsigned v = g->i < g->n ? g->p[g->i++] : 0;
	return v % k;
}

static void put(gen *g, const char *s)
{
	lp_sb_puts(&g->out, s);
}

enum ty { T_BOOL, T_INT, T_DAYS, T_YEARS, T_DATE, T_KIND, T_SET, T_PARTY, T__COUNT };

static const char *const int_lits[] = {
	"0", "1", "2", "7", "10", "100", "4611686018427387904", "9223372036854775807",
	"(0 - 9223372036854775807)", "(0 - 9223372036854775807 - 1)", "(0 - 1)",
};
static const char *const date_lits[] = {
	"0001-01-01", "9999-12-31", "2020-02-29", "2024-12-31", "2025-01-01", "2026-06-30",
	"2030-01-01", "1970-01-01",
};
static const char *const kinds[] = { "ka", "kb", "kc", "kd", "ke" };
static const char *const parties[] = { "XA", "XB", "XC" };
#define N(a) (sizeof a / sizeof *a)

static void gexpr(gen *g, enum ty t, int depth);

static void bin(gen *g, enum ty a, const char *op, enum ty b, int depth)
{
	put(g, "(");
	gexpr(g, a, depth + 1);
	put(g, op);
	gexpr(g, b, depth + 1);
	put(g, ")");
}

static void leaf(gen *g, enum ty t)
{
	char buf[64];
	switch (t) {
	case T_BOOL: {
		static const char *const b[] = { "f", "g", "true", "false", "big", "f" };
		unsigned k = take(g, N(b));
		put(g, g->in_define && k == 4 ? "g" : b[k]);
		break;
	}
	case T_INT: {
		unsigned k = take(g, N(int_lits) + 3);
		put(g, k < N(int_lits) ? int_lits[k] : k == N(int_lits) && !g->in_define ? "dv" : "n");
		break;
	}
	case T_DAYS: {
		unsigned k = take(g, 6);
		if (k < 2) {
			put(g, "d");
		} else {
			static const char *const u[] = { " days", " day", " weeks", " week" };
			unsigned i = take(g, N(int_lits) - 3);
			snprintf(buf, sizeof buf, "%s%s", int_lits[i], u[take(g, 4)]);
			put(g, buf);
		}
		break;
	}
	case T_YEARS: {
		if (take(g, 3) == 0) {
			put(g, "y");
		} else {
			snprintf(buf, sizeof buf, "%s%s", int_lits[take(g, N(int_lits) - 3)],
			         take(g, 2) ? " years" : " year");
			put(g, buf);
		}
		break;
	}
	case T_DATE:
		put(g, take(g, 3) == 0 ? "submitted" : date_lits[take(g, N(date_lits))]);
		break;
	case T_KIND:
		put(g, take(g, 3) == 0 ? "k" : kinds[take(g, N(kinds))]);
		break;
	case T_SET: {
		unsigned k = take(g, 6);
		if (k == 0) {
			put(g, "ks");
		} else if (k == 1) {
			put(g, g->typed ? "{}" : "(ks - ks)");
		} else if (k == 2) {
			put(g, "{ka, kb, kc, kd, ke}");
		} else {
			put(g, "{");
			unsigned m = 1 + take(g, 3);
			for (unsigned i = 0; i < m; i++) {
				put(g, i ? ", " : "");
				put(g, kinds[take(g, N(kinds))]);
			}
			put(g, "}");
		}
		break;
	}
	case T_PARTY: {
		unsigned k = take(g, 5);
		put(g, k == 0 ? "requesting_party" : k == 1 ? "requested_party" : parties[k - 2]);
		break;
	}
	default:
		abort();
	}
}

static void gexpr(gen *g, enum ty t, int depth)
{
	static const char *const cmp[] = { " = ", " != ", " < ", " <= ", " > ", " >= " };
	if (depth >= MAX_DEPTH || take(g, 3) == 0) {
		leaf(g, t);
		return;
	}
	if (take(g, 8) == 0) {
		put(g, "(if ");
		gexpr(g, T_BOOL, depth + 1);
		put(g, " then ");
		gexpr(g, t, depth + 1);
		put(g, " else ");
		gexpr(g, t, depth + 1);
		put(g, ")");
		return;
	}
	switch (t) {
	case T_BOOL:
		switch (take(g, 14)) {
		case 0: put(g, "(not "); gexpr(g, T_BOOL, depth + 1); put(g, ")"); break;
		case 1: bin(g, T_BOOL, " and ", T_BOOL, depth); break;
		case 2: bin(g, T_BOOL, " or ", T_BOOL, depth); break;
		case 3: bin(g, T_INT, cmp[take(g, 6)], T_INT, depth); break;
		case 4: bin(g, T_DAYS, cmp[take(g, 6)], T_DAYS, depth); break;
		case 5: bin(g, T_YEARS, cmp[take(g, 6)], T_YEARS, depth); break;
		case 6: bin(g, T_DATE, cmp[take(g, 6)], T_DATE, depth); break;
		case 7: bin(g, T_KIND, cmp[take(g, 2)], T_KIND, depth); break;
		case 8: bin(g, T_KIND, take(g, 2) ? " in " : " not in ", T_SET, depth); break;
		case 9: bin(g, T_SET, " overlaps ", T_SET, depth); break;
		case 10: bin(g, T_SET, " within ", T_SET, depth); break;
		case 11: bin(g, T_SET, cmp[take(g, 2)], T_SET, depth); break;
		case 12: bin(g, T_PARTY, cmp[take(g, 2)], T_PARTY, depth); break;
		default: bin(g, T_BOOL, cmp[take(g, 2)], T_BOOL, depth); break;
		}
		break;
	case T_INT:
		switch (take(g, 3)) {
		case 0: bin(g, T_INT, " + ", T_INT, depth); break;
		case 1: bin(g, T_INT, " - ", T_INT, depth); break;
		default: put(g, "tk["); gexpr(g, T_KIND, depth + 1); put(g, "]"); break;
		}
		break;
	case T_DAYS:
		switch (take(g, 3)) {
		case 0: bin(g, T_DAYS, " + ", T_DAYS, depth); break;
		case 1: bin(g, T_DAYS, " - ", T_DAYS, depth); break;
		default: bin(g, T_DATE, " - ", T_DATE, depth); break;
		}
		break;
	case T_YEARS:
		bin(g, T_YEARS, take(g, 2) ? " + " : " - ", T_YEARS, depth);
		break;
	case T_DATE:
		switch (take(g, 3)) {
		case 0: bin(g, T_DATE, " + ", T_DAYS, depth); break;
		case 1: bin(g, T_DAYS, " + ", T_DATE, depth); break;
		default: bin(g, T_DATE, " - ", T_DAYS, depth); break;
		}
		break;
	case T_SET:
		switch (take(g, 4)) {
		case 0: bin(g, T_SET, " | ", T_SET, depth); break;
		case 1: bin(g, T_SET, " & ", T_SET, depth); break;
		case 2: bin(g, T_SET, " - ", T_SET, depth); break;
		default: put(g, "ts["); gexpr(g, T_PARTY, depth + 1); put(g, "]"); break;
		}
		break;
	default:
		leaf(g, t);
		break;
	}
}

static void cond(gen *g)
{
	unsigned k = take(g, 4);
	if (k & 1) {
		put(g, " when ");
		gexpr(g, T_BOOL, 0);
	}
	if (k & 2) {
		put(g, " unless ");
		gexpr(g, T_BOOL, 0);
	}
}

static void label(gen *g, int i)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%d.%d", i / 3 + 1, i % 3 + 1);
	put(g, buf);
}

static void grule(gen *g, int self)
{
	static const char *const acts[] = { "grant", "refer", "refuse", "may refuse" };
	static const struct { const char *name; enum ty t; } obl[] = {
		{ "keep", T_DAYS }, { "most", T_INT }, { "any_of", T_SET }, { "all_of", T_SET },
		{ "flag1", T__COUNT }, { "last_day", T_DATE }, { "span_", T_YEARS }, { "flag2", T__COUNT },
	};
	unsigned k = take(g, 7);
	put(g, "\n    ");
	if (k == 6) {
		put(g, acts[3]);
		cond(g);
	} else if (k < 3) {
		put(g, acts[k]);
		cond(g);
		if (take(g, 2))
			put(g, " because \"a reason\"");
	} else if (k < 5) {
		unsigned o = take(g, N(obl));
		put(g, "oblige ");
		put(g, obl[o].name);
		if (obl[o].t != T__COUNT) {
			put(g, " ");
			gexpr(g, obl[o].t, 1);
		}
		cond(g);
	} else {
		put(g, "exempts ");
		unsigned m = 1 + take(g, 2);
		for (unsigned i = 0; i < m; i++) {
			int target = (int)take(g, (unsigned)g->nclauses);
			if (target == self)   /* usually acyclic; a cycle just fails to check */
				target = (target + 1) % g->nclauses;
			put(g, i ? ", " : "");
			label(g, target);
		}
		cond(g);
	}
}

static void generate(gen *g)
{
	static const char *const defaults[] = { "refuse", "grant", "refer" };
	static const char *const ons[] = { "", " on refuse", " on grant, refuse", " on refer", " on refuse by requested \"d\"" };
	int header = 0;
	put(g, "# generated by tests/fuzz/fuzz_diff.c\n");
	if ((header = take(g, 4) != 0)) {
		put(g, "agreement \"Fuzz\" version \"1\"\n  parties ");
		put(g, take(g, 2) ? "XA, XB" : "XA, XB, XC");
		if (take(g, 2)) {
			put(g, "\n  effective ");
			put(g, date_lits[take(g, N(date_lits))]);
		}
		if (take(g, 2)) {
			put(g, "\n  expires 9999-12-31");
		}
		put(g, "\n  default ");
		put(g, defaults[take(g, 3)]);
		put(g, "\n");
	}
	put(g, "enum party { XA, XB, XC }\n"
	       "enum kind { ka, kb, kc, kd, ke }\n"
	       "request {\n"
	       "  requesting_party: party\n  requested_party: party\n  submitted: date\n"
	       "  k: kind = ka\n  n: int = 0\n  d: days = 0 days\n  y: years = 1 years\n"
	       "  f: bool = false\n  g: bool\n  ks: set of kind = {}\n}\n");
	/* the obligations, each with the outcomes it goes with */
	static const char *const obls[] = {
		"obligation keep: days combine min", "obligation most: int combine max",
		"obligation any_of: set of kind combine union", "obligation all_of: set of kind combine intersect",
		"obligation last_day: date combine max", "obligation span_: years combine min",
		"obligation flag1", "obligation flag2",
	};
	for (size_t i = 0; i < N(obls); i++) {
		put(g, obls[i]);
		put(g, ons[take(g, N(ons))]);
		put(g, "\n");
	}
	g->in_define = 1;
	put(g, "define big = ");
	gexpr(g, T_BOOL, 2);
	put(g, "\ndefine dv = ");
	gexpr(g, T_INT, 2);
	put(g, "\ntable tk: kind -> int {\n  ka: ");
	leaf(g, T_INT);
	put(g, "\n  kb: 9223372036854775807\n  _: ");
	leaf(g, T_INT);
	put(g, "\n}\ntable ts: party -> set of kind {\n  XA: ");
	g->typed = 1;
	leaf(g, T_SET);
	g->typed = 0;
	put(g, "\n  XB: {kb, kc}\n  XC: {}\n}\n");
	g->in_define = 0;
	g->nclauses = 1 + (int)take(g, 9);
	for (int i = 0; i < g->nclauses; i++) {
		if (i % 3 == 0) {
			char buf[64];
			snprintf(buf, sizeof buf, "article %d \"Article %d\"\n", i / 3 + 1, i / 3 + 1);
			put(g, buf);
		}
		/* a reservation or declaration of a Party, now and then */
		unsigned kind = header ? take(g, 6) : 2;
		if (kind == 0 || kind == 1) {
			put(g, kind ? "reservation " : "declaration ");
			put(g, parties[take(g, 2)]);
			put(g, " ");
		} else {
			put(g, "  clause ");
		}
		label(g, i);
		if (take(g, 2))
			put(g, " \"title\"");
		if (take(g, 4) == 0) {
			put(g, " from ");
			put(g, date_lits[take(g, N(date_lits))]);
		}
		if (take(g, 4) == 0) {
			put(g, " sunset ");
			put(g, date_lits[take(g, N(date_lits))]);
		}
		unsigned m = 1 + take(g, 3);
		for (unsigned r = 0; r < m; r++)
			grule(g, i);
		put(g, "\n");
	}
}

/* Decides REQUESTS requests both ways; returns the number that differ. */
static long compare(const lw_program *c, const lp_module_desc *m, const char *src, uint64_t seed)
{
	const lp_schema *s = &c->schema;
	decision_pair dp;
	decision_pair_init(&dp, s);
	uint64_t *req = xcalloc(s->nslots + 1, sizeof *req);
	evaluator *ev = eval_new(c);
	randreq *R = randreq_new(c, seed);
	lp_strbuf ja = { 0 }, jb = { 0 };
	lp_request_id id = { 0 };
	long diffs = 0;
	for (long i = 0; i < REQUESTS; i++) {
		randreq_fill(R, req);
		int same = decision_pair_decide(&dp, ev, m, req);
		if (same) {
			ja.len = jb.len = 0;
			lp_json_encode_decision(s, &dp.a, &id, 1, &ja);
			lp_json_encode_decision(s, &dp.b, &id, 1, &jb);
			same = ja.len == jb.len && memcmp(ja.data, jb.data, ja.len) == 0;
		}
		if (!same && diffs++ == 0) {
			fprintf(stderr, "fuzz_diff: request %ld decided differently\n--- agreement\n%s\n---\n", i, src);
			randreq_show_request(s, req);
			randreq_show_decision("interpreter", s, &dp.a);
			randreq_show_decision("module     ", s, &dp.b);
			if (dp.fast_differs)
				fprintf(stderr, "(the module's fast entry gave another outcome or other obligations)\n");
		}
	}
	lp_sb_free(&ja);
	lp_sb_free(&jb);
	randreq_free(R);
	eval_free(ev);
	free(req);
	decision_pair_free(&dp);
	return diffs;
}

static void on_tick(int sig)
{
	(void)sig;
}

/* Builds with a 1 ms timer interrupting system calls. */
static int build_interrupted(const lw_program *c, const char *path)
{
	static timer_t timer;
	static int have = -1;
	if (have < 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_tick;   /* no SA_RESTART */
		sigemptyset(&sa.sa_mask);
		struct sigevent ev;
		memset(&ev, 0, sizeof ev);
		ev.sigev_notify = SIGEV_SIGNAL;
		ev.sigev_signo = SIGRTMIN;
		have = sigaction(SIGRTMIN, &sa, NULL) == 0 && timer_create(CLOCK_MONOTONIC, &ev, &timer) == 0;
	}
	struct itimerspec on = { { 0, 1000000 }, { 0, 1000000 } }, off = { { 0, 0 }, { 0, 0 } };
	if (have)
		timer_settime(timer, 0, &on, NULL);
	int rc = fz_build(c, path);
	if (have)
		timer_settime(timer, 0, &off, NULL);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned long serial;
	static int show = -1;
	if (show < 0)
		show = getenv("FUZZ_DIFF_SHOW") && *getenv("FUZZ_DIFF_SHOW") == '1';
	gen g = { data, size, 0, { 0 }, 0 };
	generate(&g);
	lp_sb_put(&g.out, "", 1);
	if (g.out.failed)
		abort();
	compilation cm;
	lw_program *c = fz_compile(&cm, "diff.pacta", g.out.data, g.out.len - 1);
	if (show)
		fprintf(stderr, "%s%s\n", g.out.data, c ? "(checks)" : "(does not check)");
	if (!c && show) {
		compilation cm2;
		load_opts o = { 0 };
		char path[512];
		snprintf(path, sizeof path, "%s/show.pacta", fz_dir);
		fz_write(path, g.out.data, g.out.len - 1);
		compile_file(&cm2, &o, path, stderr);
		compilation_free(&cm2);
	}
	if (c) {
		char path[512];
		snprintf(path, sizeof path, "%s/d%lu.so", fz_dir, serial++);
		if (build_interrupted(c, path) != 0) {
			fprintf(stderr, "fuzz_diff: an agreement that checks does not build\n%s\n", g.out.data);
			abort();
		}
		void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		const lp_module_desc *m = h ? dlsym(h, LP_MODULE_SYMBOL) : NULL;
		if (!m || m->magic != LP_MODULE_MAGIC || m->abi_version != LP_ABI_VERSION) {
			fprintf(stderr, "fuzz_diff: cannot load the module: %s\n", h ? "no descriptor" : dlerror());
			abort();
		}
		if (compare(c, m, g.out.data, fz_hash(data, size)) != 0)
			abort();
		dlclose(h);
		unlink(path);
	}
	compilation_free(&cm);
	lp_sb_free(&g.out);
	return 0;
}
