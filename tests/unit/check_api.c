/*
 * check_api.c — the C API calls of issue #17 (runtime/pacta.h): the
 * Parties and dates of the header, field defaults, pacta_decide_json (one
 * JSON line in, the `pacta eval` line out, no allocation after the first
 * call, counted), requests and decisions made many at a time, and
 * pacta_module_open_private (a module replaced at its path while the old
 * one is open); and issue #15's pacta_explain_to through the prover
 * plugin (build/libpacta-prove.so.0, found beside the test program), each
 * request it finds decided again by the native module.
 *
 * Real modules are built from small agreements with emit_module(), as
 * `pacta build` does.
 */
#include <check.h>
#include <stdint.h>
#include <sys/wait.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen.h"
#include "helpers.h"
#include "pacta.h"

static const char agreement[] =
	"agreement \"API\" version \"3\" parties XB, XA\n"
	"  effective 2025-01-01 expires 2035-12-31 default refuse\n"
	"enum country { XA, XB, XC }\n"
	"enum crime { hacking, fraud, defamation }\n"
	"request {\n"
	"  requesting_party: country\n"
	"  requested_party: country\n"
	"  submitted: date = 2026-02-03\n"
	"  offence: crime = fraud\n"
	"  crimes: set of crime = {hacking, defamation}\n"
	"  penalty: years = 2 years\n"
	"  wait: days = 10 days\n"
	"  journalist: bool = true\n"
	"  count: int\n"
	"}\n"
	"obligation keep_for: days combine min\n"
	"article 1 \"Scope\"\n"
	"  clause 1.1 grant when offence in {hacking, fraud}\n"
	"    oblige keep_for 90 days\n"
	"  clause 1.2 \"Press freedom\" refer when journalist and count > 2\n"
	"    because \"a journalist is concerned\"\n";

/* The same agreement deciding otherwise: fraud is out of scope. */
static const char amended[] =
	"agreement \"API\" version \"4\" parties XA, XB default refuse\n"
	"enum country { XA, XB, XC }\n"
	"enum crime { hacking, fraud, defamation }\n"
	"request {\n"
	"  requesting_party: country\n"
	"  requested_party: country\n"
	"  offence: crime\n"
	"}\n"
	"clause 1.1 grant when offence = hacking\n";

static char dir[1024];

static const char *path_of(const char *name)
{
	static char p[2][1200];
	static int k;

	k ^= 1;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static void build(const char *src, const char *out)
{
	emit_options eo = { 0 };
	tc c;

	ck_assert_int_eq(tc_compile(&c, src, 1), 0);
	ck_assert_ptr_nonnull(c.lw);
	eo.kind = EMIT_SO;
	eo.opt_level = 2;
	eo.output = out;
	ck_assert_int_eq(emit_module(c.lw, &eo), 0);
	tc_free(&c);
}

static void suite_setup(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/pacta-api-XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	build(agreement, path_of("a.so"));
	build(amended, path_of("b.so"));
}

static void suite_teardown(void)
{
	unlink(path_of("a.so"));
	unlink(path_of("b.so"));
	unlink(path_of("m.so"));
	rmdir(dir);
}

static pacta_module *open_a(void)
{
	pacta_module *m = NULL;
	pacta_error err;

	ck_assert_int_eq(pacta_module_open(path_of("a.so"), &m, &err),
			 PACTA_OK);
	return m;
}

START_TEST(test_parties_and_dates)
{
	pacta_module *m = open_a();
	int64_t d = -7;
	int y, mo, da;

	ck_assert_int_eq(pacta_module_party_count(m), 2);
	ck_assert_str_eq(pacta_module_party(m, 0), "XB");   /* header order */
	ck_assert_str_eq(pacta_module_party(m, 1), "XA");
	ck_assert_ptr_null(pacta_module_party(m, 2));
	ck_assert_ptr_null(pacta_module_party(m, -1));
	ck_assert_int_eq(pacta_module_effective(m, &d), 1);
	pacta_date_split(d, &y, &mo, &da);
	ck_assert_int_eq(y * 10000 + mo * 100 + da, 20250101);
	ck_assert_int_eq(pacta_module_expires(m, &d), 1);
	ck_assert_int_eq(d, pacta_date_number(2035, 12, 31));
	ck_assert_int_eq(pacta_module_expires(m, NULL), 1);
	pacta_module_close(m);

	ck_assert_int_eq(pacta_module_open(path_of("b.so"), &m, NULL),
			 PACTA_OK);
	d = -7;
	ck_assert_int_eq(pacta_module_effective(m, &d), 0);
	ck_assert_int_eq(pacta_module_expires(m, &d), 0);
	ck_assert_int_eq(d, -7);
	ck_assert_int_eq(pacta_module_party_count(m), 2);
	pacta_module_close(m);

	ck_assert_int_eq(pacta_module_party_count(NULL), 0);
	ck_assert_int_eq(pacta_module_effective(NULL, &d), 0);
}
END_TEST

START_TEST(test_defaults)
{
	pacta_module *m = open_a();
	int64_t v = -1;
	int f;

	f = pacta_field_index(m, "submitted");
	ck_assert_int_eq(pacta_field_default_value(m, f, &v), PACTA_OK);
	ck_assert_int_eq(v, pacta_date_number(2026, 2, 3));
	ck_assert_str_eq(pacta_field_default_json(m, f), "\"2026-02-03\"");
	f = pacta_field_index(m, "offence");
	ck_assert_int_eq(pacta_field_default_value(m, f, &v), PACTA_OK);
	ck_assert_int_eq(v, pacta_field_member_index(m, f, "fraud"));
	ck_assert_str_eq(pacta_field_default_json(m, f), "\"fraud\"");
	f = pacta_field_index(m, "crimes");
	ck_assert_int_eq(pacta_field_default_value(m, f, &v), PACTA_MISUSE);
	ck_assert_int_eq(pacta_field_default_has(m, f, 0), 1);
	ck_assert_int_eq(pacta_field_default_has(m, f, 1), 0);
	ck_assert_int_eq(pacta_field_default_has(m, f, 2), 1);
	ck_assert_int_eq(pacta_field_default_has(m, f, 3), 0);
	ck_assert_str_eq(pacta_field_default_json(m, f),
			 "[\"hacking\", \"defamation\"]");
	f = pacta_field_index(m, "penalty");
	ck_assert_int_eq(pacta_field_default_value(m, f, &v), PACTA_OK);
	ck_assert_int_eq(v, 2);
	ck_assert_str_eq(pacta_field_default_json(m, f), "2");
	f = pacta_field_index(m, "wait");
	ck_assert_int_eq(pacta_field_default_value(m, f, &v), PACTA_OK);
	ck_assert_int_eq(v, 10);
	f = pacta_field_index(m, "journalist");
	ck_assert_int_eq(pacta_field_default_value(m, f, &v), PACTA_OK);
	ck_assert_int_eq(v, 1);
	ck_assert_str_eq(pacta_field_default_json(m, f), "true");
	f = pacta_field_index(m, "count");   /* no default */
	ck_assert_int_eq(pacta_field_has_default(m, f), 0);
	ck_assert_int_eq(pacta_field_default_value(m, f, &v), PACTA_MISUSE);
	ck_assert_ptr_null(pacta_field_default_json(m, f));
	ck_assert_int_eq(pacta_field_default_value(m, 99, &v), PACTA_MISUSE);
	ck_assert_int_eq(pacta_field_default_value(m, 0, NULL), PACTA_MISUSE);
	ck_assert_ptr_null(pacta_field_default_json(m, -1));
	ck_assert_ptr_null(pacta_field_default_json(NULL, 0));
	pacta_module_close(m);
}
END_TEST

/* The same texts as pacta_request_from_json + pacta_decide +
 * pacta_decision_json (or pacta_request_error_json), the path of `pacta
 * eval`. */
static void same_as_three_calls(pacta_module *m, const char *line,
				int lineno, int trace, int want)
{
	pacta_request *req;
	pacta_decision *dec;
	pacta_error err;
	char a[4096], b[4096];
	size_t need = 0;
	int rc;

	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	rc = pacta_decide_json(req, dec, line, strlen(line), lineno, trace, a,
			       sizeof a, &need, &err);
	ck_assert_int_eq(rc, want);
	ck_assert_uint_eq(need, strlen(a) + 1);
	if (pacta_request_from_json(req, line, strlen(line), lineno, &err)
	    == PACTA_OK) {
		ck_assert_int_eq(pacta_decide(m, req, dec, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decision_json(dec, trace, b, sizeof b,
						     NULL), PACTA_OK);
	} else {
		ck_assert_int_eq(pacta_request_error_json(req, &err, b,
							  sizeof b, NULL),
				 PACTA_OK);
	}
	ck_assert_str_eq(a, b);
	pacta_decision_free(dec);
	pacta_request_free(req);
}

START_TEST(test_decide_json)
{
	pacta_module *m = open_a();
	pacta_request *req;
	pacta_decision *dec;
	pacta_error err;
	char buf[4096], tiny[8];
	size_t need = 0;
	static const char ok[] =
		"{\"id\": 7, \"requesting_party\": \"XA\", "
		"\"requested_party\": \"XB\", \"offence\": \"hacking\", "
		"\"count\": 3}";
	static const char bad[] =
		"{\"id\": \"r-9\", \"requesting_party\": \"XA\", "
		"\"requested_party\": \"XB\", \"offence\": \"theft\", "
		"\"count\": 3}";

	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	ck_assert_int_eq(pacta_decide_json(req, dec, ok, strlen(ok), 1, 0, buf,
					   sizeof buf, &need, &err), PACTA_OK);
	ck_assert_str_eq(buf, "{\"id\": 7, \"outcome\": \"refer\", "
			 "\"grounds\": [\"1.2\"], \"obligations\": "
			 "{\"keep_for\": 90}}");
	ck_assert_int_eq(pacta_decision_outcome(dec), PACTA_REFER);

	ck_assert_int_eq(pacta_decide_json(req, dec, bad, strlen(bad), 5, 0,
					   buf, sizeof buf, &need, &err),
			 PACTA_INPUT);
	ck_assert_str_eq(buf, "{\"id\": \"r-9\", \"error\": \"line 5, column "
			 "77: field \\\"offence\\\": unknown value "
			 "\\\"theft\\\"\"}");
	ck_assert_str_eq(err.field, "offence");
	ck_assert_int_eq(err.line, 5);
	ck_assert_int_eq(pacta_decision_outcome(dec), -1);

	/* too small: the size it needs, then the same text */
	ck_assert_int_eq(pacta_decide_json(req, dec, ok, strlen(ok), 1, 1, tiny,
					   sizeof tiny, &need, &err),
			 PACTA_RANGE);
	ck_assert_str_eq(tiny, "");
	ck_assert_uint_gt(need, sizeof tiny);
	ck_assert_int_eq(pacta_decide_json(req, dec, ok, strlen(ok), 1, 1, buf,
					   need, NULL, NULL), PACTA_OK);
	ck_assert_uint_eq(strlen(buf) + 1, need);
	ck_assert_int_eq(pacta_decide_json(req, dec, bad, strlen(bad), 1, 0,
					   NULL, 0, &need, NULL), PACTA_RANGE);
	ck_assert_uint_gt(need, 40);

	ck_assert_int_eq(pacta_decide_json(NULL, dec, ok, strlen(ok), 1, 0, buf,
					   sizeof buf, &need, &err),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_decide_json(req, dec, NULL, 4, 1, 0, buf,
					   sizeof buf, &need, &err),
			 PACTA_MISUSE);

	same_as_three_calls(m, ok, 1, 0, PACTA_OK);
	same_as_three_calls(m, ok, 2, 1, PACTA_OK);
	same_as_three_calls(m, bad, 3, 0, PACTA_INPUT);
	same_as_three_calls(m, "{", 4, 0, PACTA_INPUT);
	same_as_three_calls(m, "", 5, 0, PACTA_INPUT);
	same_as_three_calls(m, "[1, 2]", 6, 0, PACTA_INPUT);
	same_as_three_calls(m, "{\"id\": 1, \"requesting_party\": \"XA\"}", 7,
			    0, PACTA_INPUT);
	pacta_decision_free(dec);
	pacta_request_free(req);
	pacta_module_close(m);
}
END_TEST

/*
 * The allocations libpacta makes, counted: the unit tests are linked with
 * -Wl,--wrap for these (Makefile), so every call from the runtime (and
 * from yajl, which allocates through the decoder's functions) comes here
 * first.
 */
static long allocs;
/* Set, the next allocation fails (once). */
static int fail_next;
void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t a, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_aligned_alloc(size_t a, size_t n);

void *__wrap_malloc(size_t n)
{
	allocs++;
	if (fail_next) {
		fail_next = 0;
		return NULL;
	}
	return __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
	allocs++;
	if (fail_next) {
		fail_next = 0;
		return NULL;
	}
	return __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
	allocs++;
	if (fail_next) {
		fail_next = 0;
		return NULL;
	}
	return __real_realloc(p, n);
}

void *__wrap_aligned_alloc(size_t a, size_t n)
{
	allocs++;
	if (fail_next) {
		fail_next = 0;
		return NULL;
	}
	return __real_aligned_alloc(a, n);
}

/* After its first call on a decision, pacta_decide_json allocates
 * nothing, for a decision, an error line or a trace, and nor does
 * pacta_decide_lines. */
START_TEST(test_decide_json_allocates_nothing)
{
	pacta_module *m = open_a();
	pacta_request *req;
	pacta_decision *dec;
	pacta_error err;
	char buf[8192];
	size_t need, used, wrote;
	long before, after;
	int rcs[16] = { 0 }, lines_rc;
	static const char *lines[] = {
		"{\"id\": 7, \"requesting_party\": \"XA\", "
		"\"requested_party\": \"XB\", \"offence\": \"hacking\", "
		"\"count\": 3, \"crimes\": [\"fraud\", \"hacking\"]}",
		"{\"id\": \"r-9\", \"requesting_party\": \"XA\", "
		"\"requested_party\": \"XB\", \"offence\": \"theft\", "
		"\"count\": 3}",
		"{\"requesting_party\": \"XC\", \"requested_party\": \"XB\", "
		"\"offence\": \"defamation\", \"count\": 9}",
		"{", "",
	};
	static const char text[] =
		"{\"requesting_party\": \"XA\", \"requested_party\": \"XB\", "
		"\"count\": 1}\n{\"count\": }\n"
		"{\"requesting_party\": \"XB\", \"requested_party\": \"XA\", "
		"\"offence\": \"hacking\", \"count\": 4}\n";

	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	ck_assert_int_eq(pacta_decide_json(req, dec, lines[0],
					   strlen(lines[0]), 1, 0, buf,
					   sizeof buf, &need, &err), PACTA_OK);
	/* no ck_assert until the count is taken: check allocates */
	before = allocs;
	for (int round = 0; round < 50; round++)
		for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
			rcs[pacta_decide_json(req, dec, lines[i],
					      strlen(lines[i]), (int)i + 1,
					      round & 1, buf, sizeof buf,
					      &need, &err) & 15]++;
	lines_rc = pacta_decide_lines(req, dec, text, strlen(text), 1, 1, buf,
				      sizeof buf, &used, &wrote, &err);
	after = allocs;
	ck_assert_int_eq(lines_rc, PACTA_OK);
	ck_assert_uint_eq(used, strlen(text));
	ck_assert_int_eq(rcs[PACTA_OK], 100);
	ck_assert_int_eq(rcs[PACTA_INPUT], 150);
	ck_assert_int_eq(after - before, 0);
	/* and the counting works: a new decision allocates */
	pacta_decision_free(dec);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	ck_assert_int_gt(allocs - before, 0);
	pacta_decision_free(dec);
	pacta_request_free(req);
	pacta_module_close(m);
}
END_TEST

/* Requests and decisions made n at a time behave as those made one by
 * one, down to the JSON; misuse and a lack of memory are reported, also
 * for the parts of a decision made when first read. */
START_TEST(test_arrays)
{
	pacta_module *m = open_a();
	pacta_request_array *ra;
	pacta_decision_array *da;
	pacta_request *one, *r;
	pacta_decision *dec, *d;
	pacta_error err;
	char a[1024], b[1024];
	static const char *lines[] = {
		"{\"id\": 7, \"requesting_party\": \"XA\", \"requested_party\": \"XB\", "
		"\"offence\": \"hacking\", \"count\": 3}",
		"{\"requesting_party\": \"XB\", \"requested_party\": \"XA\", "
		"\"offence\": \"defamation\", \"count\": 1}",
		"{\"id\": \"r-3\", \"requesting_party\": \"XA\", \"requested_party\": \"XB\", "
		"\"offence\": \"fraud\", \"journalist\": false, \"count\": 9}",
	};
	enum { N = 3 };

	/* misuse */
	ra = (pacta_request_array *)1;
	ck_assert_int_eq(pacta_request_array_new(m, 0, &ra), PACTA_MISUSE);
	ck_assert_ptr_null(ra);
	ck_assert_int_eq(pacta_request_array_new(NULL, 2, &ra), PACTA_MISUSE);
	ck_assert_int_eq(pacta_request_array_new(m, 2, NULL), PACTA_MISUSE);
	da = (pacta_decision_array *)1;
	ck_assert_int_eq(pacta_decision_array_new(m, 0, &da), PACTA_MISUSE);
	ck_assert_ptr_null(da);
	ck_assert_int_eq(pacta_decision_array_new(NULL, 2, &da), PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_array_new(m, 2, NULL), PACTA_MISUSE);
	ck_assert_int_eq(pacta_request_array_new(m, SIZE_MAX / 2, &ra), PACTA_NOMEM);
	ck_assert_ptr_null(pacta_request_array_get(NULL, 0));
	ck_assert_ptr_null(pacta_decision_array_get(NULL, 0));
	pacta_request_array_free(NULL);
	pacta_decision_array_free(NULL);

	/* out of memory, for the array and for its handle */
	fail_next = 1;
	ck_assert_int_eq(pacta_request_array_new(m, N, &ra), PACTA_NOMEM);
	ck_assert_ptr_null(ra);
	fail_next = 1;
	ck_assert_int_eq(pacta_decision_array_new(m, N, &da), PACTA_NOMEM);
	ck_assert_ptr_null(da);

	ck_assert_int_eq(pacta_request_array_new(m, N, &ra), PACTA_OK);
	ck_assert_int_eq(pacta_decision_array_new(m, N, &da), PACTA_OK);
	ck_assert_ptr_null(pacta_request_array_get(ra, N));
	ck_assert_ptr_null(pacta_decision_array_get(da, N));
	ck_assert_ptr_ne(pacta_request_array_get(ra, 0), pacta_request_array_get(ra, 1));
	ck_assert_int_eq(pacta_request_new(m, &one), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	for (int i = 0; i < N; i++) {
		r = pacta_request_array_get(ra, (size_t)i);
		d = pacta_decision_array_get(da, (size_t)i);
		/* an element freed alone stays its array's */
		pacta_request_free(r);
		pacta_decision_free(d);
		ck_assert_int_eq(pacta_request_from_json(r, lines[i], strlen(lines[i]), i + 1, &err),
				 PACTA_OK);
		ck_assert_int_eq(pacta_request_from_json(one, lines[i], strlen(lines[i]), i + 1, &err),
				 PACTA_OK);
		ck_assert_int_eq(pacta_decide(m, r, d, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decide(m, one, dec, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decision_json(d, 1, a, sizeof a, NULL), PACTA_OK);
		ck_assert_int_eq(pacta_decision_json(dec, 1, b, sizeof b, NULL), PACTA_OK);
		ck_assert_str_eq(a, b);
	}
	/* the elements are distinct objects: each kept its own decision */
	ck_assert_int_eq(pacta_decision_outcome(pacta_decision_array_get(da, 0)), PACTA_REFER);
	ck_assert_int_eq(pacta_decision_outcome(pacta_decision_array_get(da, 1)), PACTA_REFUSE);
	ck_assert_int_eq(pacta_decision_outcome(pacta_decision_array_get(da, 2)), PACTA_GRANT);
	ck_assert_int_eq(pacta_decision_json(pacta_decision_array_get(da, 0), 0, a, sizeof a, NULL),
			 PACTA_OK);
	ck_assert_ptr_nonnull(strstr(a, "\"id\": 7"));
	/* another module's array element is refused */
	{
		pacta_module *m2 = NULL;
		pacta_decision_array *other;

		ck_assert_int_eq(pacta_module_open(path_of("b.so"), &m2, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decision_array_new(m2, 1, &other), PACTA_OK);
		ck_assert_int_eq(pacta_decide(m, pacta_request_array_get(ra, 0),
					      pacta_decision_array_get(other, 0), &err),
				 PACTA_MISUSE);
		ck_assert_int_eq(pacta_decision_outcome(pacta_decision_array_get(other, 0)), -1);
		pacta_decision_array_free(other);
		pacta_module_close(m2);
	}

	/* The trace of a decision is made when first read: without memory
	 * for it the counts are -1 and the texts PACTA_NOMEM, and a later
	 * read that finds memory has it. */
	{
		pacta_decision_array *fresh;
		int g;

		ck_assert_int_eq(pacta_decision_array_new(m, 1, &fresh), PACTA_OK);
		d = pacta_decision_array_get(fresh, 0);
		r = pacta_request_array_get(ra, 2);
		ck_assert_int_eq(pacta_decide(m, r, d, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decision_outcome(d), PACTA_GRANT);
		fail_next = 1;
		g = pacta_decision_ground_count(d);
		ck_assert_int_eq(g, -1);
		fail_next = 1;
		g = pacta_decision_json(d, 0, a, sizeof a, NULL);
		ck_assert_int_eq(g, PACTA_NOMEM);
		fail_next = 1;
		g = pacta_decision_fired_count(d);
		ck_assert_int_eq(g, -1);
		/* the outcome and obligations need no more memory */
		ck_assert_int_eq(pacta_decision_obligation_count(d), 1);
		ck_assert_int_eq(pacta_decision_ground_count(d), 1);
		ck_assert_int_eq(pacta_decision_json(d, 0, a, sizeof a, NULL), PACTA_OK);
		ck_assert_ptr_nonnull(strstr(a, "\"id\": \"r-3\""));
		pacta_decision_array_free(fresh);
	}
	/* an element's fields without default are checked as a request's:
	 * its set bits and count lie apart from it (libpacta.h) */
	{
		pacta_request_array *fresh;
		int f;

		ck_assert_int_eq(pacta_request_array_new(m, 5, &fresh), PACTA_OK);
		r = pacta_request_array_get(fresh, 4);
		ck_assert_int_eq(pacta_decide(m, r, dec, &err), PACTA_MISUSE);
		ck_assert_str_eq(err.field, "requesting_party");
		f = pacta_field_index(m, "requesting_party");
		ck_assert_int_eq(pacta_request_set_enum(r, f, "XA", &err), PACTA_OK);
		f = pacta_field_index(m, "requested_party");
		ck_assert_int_eq(pacta_request_set_enum(r, f, "XB", &err), PACTA_OK);
		ck_assert_int_eq(pacta_decide(m, r, dec, &err), PACTA_MISUSE);
		ck_assert_str_eq(err.field, "count");
		f = pacta_field_index(m, "count");
		ck_assert_int_eq(pacta_request_set_int(r, f, 1, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decide(m, r, dec, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decision_outcome(dec), PACTA_GRANT);
		/* its neighbour is untouched */
		ck_assert_int_eq(pacta_decide(m, pacta_request_array_get(fresh, 3), dec, &err),
				 PACTA_MISUSE);
		pacta_request_reset(r);
		ck_assert_int_eq(pacta_decide(m, r, dec, &err), PACTA_MISUSE);
		pacta_request_array_free(fresh);
	}
	/* and a request given an id keeps it where there is memory for it */
	{
		pacta_request_array *ids;
		int rc;

		ck_assert_int_eq(pacta_request_array_new(m, 1, &ids), PACTA_OK);
		r = pacta_request_array_get(ids, 0);
		fail_next = 1;
		rc = pacta_request_from_json(r, lines[0], strlen(lines[0]), 1, &err);
		ck_assert_int_eq(rc, PACTA_NOMEM);
		/* reset: not decided */
		ck_assert_int_eq(pacta_decide(m, r, dec, &err), PACTA_MISUSE);
		ck_assert_int_eq(pacta_request_from_json(r, lines[0], strlen(lines[0]), 1, &err),
				 PACTA_OK);
		ck_assert_int_eq(pacta_decide(m, r, dec, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decision_json(dec, 0, a, sizeof a, NULL), PACTA_OK);
		ck_assert_ptr_nonnull(strstr(a, "\"id\": 7"));
		/* a line without an id after one with: none */
		ck_assert_int_eq(pacta_request_from_json(r, lines[1], strlen(lines[1]), 2, &err),
				 PACTA_OK);
		ck_assert_int_eq(pacta_decide(m, r, dec, &err), PACTA_OK);
		ck_assert_int_eq(pacta_decision_json(dec, 0, a, sizeof a, NULL), PACTA_OK);
		ck_assert_ptr_null(strstr(a, "\"id\""));
		pacta_request_array_free(ids);
	}
	pacta_request_free(one);
	pacta_decision_free(dec);
	pacta_request_array_free(ra);
	pacta_decision_array_free(da);
	pacta_module_close(m);
}
END_TEST

/* pacta_decide_lines gives the answers of pacta_decide_json line by
 * line, and resumes where a small buffer stopped it. */
START_TEST(test_decide_lines)
{
	pacta_module *m = open_a();
	pacta_request *req;
	pacta_decision *dec;
	pacta_error err;
	static const char text[] =
		"{\"id\": 1, \"requesting_party\": \"XA\", \"requested_party\": \"XB\", \"count\": 1}\n"
		"{\"id\": 2, \"requesting_party\": \"XA\", \"requested_party\": \"XB\", \"count\": 3}\r\n"
		"\n"
		"{\"id\": 3, \"offence\": \"theft\"}\n"
		"{\"id\": 4, \"requesting_party\": \"XC\", \"requested_party\": \"XB\", \"count\": 1}";
	char want[4096], got[4096], small[512];
	size_t w = 0, need, used, wrote, at = 0, out = 0;
	const char *p = text;
	int lineno = 1, rc, rounds = 0;

	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	/* the answers line by line */
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), ln = n;

		if (ln && p[ln - 1] == '\r')
			ln--;
		rc = pacta_decide_json(req, dec, p, ln, lineno++, 1, want + w,
				       sizeof want - w, &need, &err);
		ck_assert(rc == PACTA_OK || rc == PACTA_INPUT);
		w += need - 1;
		want[w++] = '\n';
		p += n + (nl != NULL);
	}
	want[w] = '\0';
	ck_assert_int_eq(lineno, 6);
	/* all at once */
	ck_assert_int_eq(pacta_decide_lines(req, dec, text, strlen(text), 1, 1, got,
					    sizeof got, &used, &wrote, &err),
			 PACTA_OK);
	ck_assert_uint_eq(used, strlen(text));
	ck_assert_uint_eq(wrote, w);
	ck_assert_str_eq(got, want);
	/* through a buffer that holds one or two answers at a time */
	lineno = 1;
	while (at < strlen(text)) {
		size_t before = at;

		rc = pacta_decide_lines(req, dec, text + at, strlen(text) - at,
					lineno, 1, small, sizeof small, &used,
					&wrote, &err);
		ck_assert(rc == PACTA_OK || rc == PACTA_RANGE);
		ck_assert_uint_gt(used, 0);
		memcpy(got + out, small, wrote);
		out += wrote;
		for (size_t i = before; i < before + used; i++)
			lineno += text[i] == '\n';
		at += used;
		ck_assert_int_lt(++rounds, 10);
	}
	got[out] = '\0';
	ck_assert_str_eq(got, want);
	ck_assert_int_gt(rounds, 1);
	/* a byte-order mark before the first line is skipped, and counted
	 * among the bytes consumed */
	ck_assert_int_eq(pacta_decide_lines(req, dec, "\xef\xbb\xbf{}\n", 6, 1, 0, got,
					    sizeof got, &used, &wrote, &err), PACTA_OK);
	ck_assert_uint_eq(used, 6);
	ck_assert_ptr_nonnull(strstr(got, "line 1, column 2: "));
	ck_assert_ptr_null(strstr(got, "malformed JSON"));
	/* a stream past INT_MAX lines: the count stops there, it does not
	 * overflow (UBSan under SANITIZE=1) */
	ck_assert_int_eq(pacta_decide_lines(req, dec, "{}\n{}\n", 6, INT_MAX, 0, got,
					    sizeof got, &used, &wrote, &err), PACTA_OK);
	ck_assert_ptr_nonnull(strstr(got, "line 2147483647, column"));
	ck_assert_ptr_null(strstr(got, "line -"));
	/* no room at all */
	ck_assert_int_eq(pacta_decide_lines(req, dec, text, strlen(text), 1, 0,
					    small, 10, &used, &wrote, &err),
			 PACTA_RANGE);
	ck_assert_uint_eq(used, 0);
	ck_assert_uint_eq(wrote, 0);
	ck_assert_int_eq(pacta_decide_lines(req, dec, "", 0, 1, 0, small,
					    sizeof small, &used, &wrote, &err),
			 PACTA_OK);
	ck_assert_uint_eq(wrote, 0);
	pacta_decision_free(dec);
	pacta_request_free(req);
	pacta_module_close(m);
}
END_TEST

static void copy_file(const char *from, const char *to)
{
	char tmp[1300];
	FILE *in = fopen(from, "rb"), *out;
	char b[4096];
	size_t n;

	snprintf(tmp, sizeof tmp, "%s.tmp", to);
	out = fopen(tmp, "wb");
	ck_assert_ptr_nonnull(in);
	ck_assert_ptr_nonnull(out);
	while ((n = fread(b, 1, sizeof b, in)) > 0)
		ck_assert_uint_eq(fwrite(b, 1, n, out), n);
	fclose(in);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_int_eq(rename(tmp, to), 0);
}

START_TEST(test_open_private)
{
	pacta_module *old, *new, *shared;
	pacta_trust *empty;
	pacta_error err;

	copy_file(path_of("a.so"), path_of("m.so"));
	ck_assert_int_eq(pacta_module_open_private(path_of("m.so"), NULL, &old,
						   &err), PACTA_OK);
	ck_assert_str_eq(pacta_module_version(old), "3");
	/* the file is replaced while the old module is open */
	copy_file(path_of("b.so"), path_of("m.so"));
	ck_assert_int_eq(pacta_module_open_private(path_of("m.so"), NULL, &new,
						   &err), PACTA_OK);
	ck_assert_str_eq(pacta_module_version(new), "4");
	ck_assert_str_eq(pacta_module_version(old), "3");
	ck_assert_int_ne(pacta_field_count(old), pacta_field_count(new));
	/* an ordinary open of the path is the new module too */
	ck_assert_int_eq(pacta_module_open(path_of("m.so"), &shared, &err),
			 PACTA_OK);
	ck_assert_str_eq(pacta_module_version(shared), "4");
	pacta_module_close(shared);
	pacta_module_close(old);
	pacta_module_close(new);

	ck_assert_int_eq(pacta_trust_new(&empty), PACTA_OK);
	ck_assert_int_eq(pacta_module_open_private(path_of("m.so"), empty,
						   &new, &err), PACTA_MISUSE);
	ck_assert_ptr_null(new);
	pacta_trust_free(empty);
	ck_assert_int_eq(pacta_module_open_private(path_of("absent.so"), NULL,
						   &new, &err),
			 PACTA_NOTFOUND);
}
END_TEST

/* Writes `from` over `to` in place (the same file, truncated and
 * written, as `cp` does), or `keep` bytes of garbage when from is NULL. */
static void overwrite(const char *from, const char *to, size_t keep)
{
	FILE *out = fopen(to, "r+b");
	char b[4096];
	size_t n, all = 0;

	ck_assert_ptr_nonnull(out);
	if (from) {
		FILE *in = fopen(from, "rb");

		ck_assert_ptr_nonnull(in);
		while ((n = fread(b, 1, sizeof b, in)) > 0) {
			ck_assert_uint_eq(fwrite(b, 1, n, out), n);
			all += n;
		}
		fclose(in);
	} else {
		memset(b, 'x', sizeof b);
		ck_assert_uint_eq(fwrite(b, 1, keep, out), keep);
		all = keep;
	}
	ck_assert_int_eq(fflush(out), 0);
	ck_assert_int_eq(ftruncate(fileno(out), (off_t)all), 0);
	ck_assert_int_eq(fclose(out), 0);
}

/* The same request decided by m: its outcome. */
static int decide_ok(pacta_module *m)
{
	static const char ok[] =
		"{\"requesting_party\": \"XA\", \"requested_party\": \"XB\", "
		"\"offence\": \"hacking\", \"count\": 3}";
	pacta_request *req;
	pacta_decision *dec;
	char buf[512];
	size_t need;
	pacta_error err;
	int outcome;

	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	ck_assert_int_eq(pacta_decide_json(req, dec, ok, strlen(ok), 1, 1, buf,
					   sizeof buf, &need, &err), PACTA_OK);
	outcome = pacta_decision_outcome(dec);
	pacta_decision_free(dec);
	pacta_request_free(req);
	return outcome;
}

/* An ordinary open while its file is rewritten in place (a deployment's
 * `cp new.so live.so`), then cut to 100 bytes of garbage, then removed:
 * the open module decides as before, from its private copy; the new file
 * opens as a new module beside it. */
START_TEST(test_open_rewritten_in_place)
{
	pacta_module *m, *next;
	pacta_error err;

	copy_file(path_of("a.so"), path_of("live.so"));
	ck_assert_int_eq(pacta_module_open(path_of("live.so"), &m, &err),
			 PACTA_OK);
	ck_assert_int_eq(decide_ok(m), PACTA_REFER);
	overwrite(path_of("b.so"), path_of("live.so"), 0);
	ck_assert_int_eq(decide_ok(m), PACTA_REFER);
	ck_assert_str_eq(pacta_module_version(m), "3");
	ck_assert_int_eq(pacta_module_open(path_of("live.so"), &next, &err),
			 PACTA_OK);
	ck_assert_str_eq(pacta_module_version(next), "4");
	pacta_module_close(next);
	overwrite(NULL, path_of("live.so"), 100);
	ck_assert_int_eq(decide_ok(m), PACTA_REFER);
	ck_assert_int_eq(unlink(path_of("live.so")), 0);
	ck_assert_int_eq(decide_ok(m), PACTA_REFER);
	pacta_module_close(m);
}
END_TEST

/* A module closed before its requests, decisions and arrays are freed:
 * they keep its memory until the last is freed, so that freeing them, and
 * reading the decision made, reads no freed memory (ASan's run of this
 * suite sees it). */
START_TEST(test_close_before_free)
{
	pacta_module *m;
	pacta_request *req;
	pacta_decision *dec;
	pacta_request_array *ra;
	pacta_decision_array *da;
	pacta_error err;
	char buf[512];
	size_t need;
	static const char ok[] =
		"{\"requesting_party\": \"XA\", \"requested_party\": \"XB\", "
		"\"offence\": \"hacking\", \"count\": 3}";

	ck_assert_int_eq(pacta_module_open(path_of("a.so"), &m, &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	ck_assert_int_eq(pacta_request_array_new(m, 3, &ra), PACTA_OK);
	ck_assert_int_eq(pacta_decision_array_new(m, 3, &da), PACTA_OK);
	ck_assert_int_eq(pacta_decide_json(req, dec, ok, strlen(ok), 1, 1, buf,
					   sizeof buf, &need, &err), PACTA_OK);
	pacta_module_close(m);
	ck_assert_int_eq(pacta_decision_outcome(dec), PACTA_REFER);
	ck_assert_int_eq(pacta_decision_ground_count(dec), 1);
	ck_assert_str_eq(pacta_decision_ground_label(dec, 0), "1.2");
	pacta_request_array_free(ra);
	pacta_decision_free(dec);
	pacta_decision_array_free(da);
	pacta_request_free(req);
}
END_TEST

/* ---- pacta_explain_to ---- */

/* The "request" member of an explain_to answer (a flat object: sets are
 * arrays), decided by the module through the C API: its outcome. */
static int decide_found(pacta_module *m, const char *answer)
{
	const char *r = strstr(answer, "\"request\": ");
	const char *e = r ? strstr(r, ", \"decision\": ") : NULL;
	pacta_request *req;
	pacta_decision *dec;
	char buf[4096];
	int outcome;

	ck_assert_msg(r && e, "no request in %s", answer);
	r += strlen("\"request\": ");
	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	ck_assert_int_eq(pacta_decide_json(req, dec, r, (size_t)(e - r), 1, 0,
					   buf, sizeof buf, NULL, NULL), PACTA_OK);
	outcome = pacta_decision_outcome(dec);
	pacta_decision_free(dec);
	pacta_request_free(req);
	return outcome;
}

static char *explain_to(pacta_module *m, const char *line, int to, int want)
{
	pacta_request *req;
	pacta_error err;
	char *json = NULL;
	size_t len = 0;

	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_request_from_json(req, line, strlen(line), 1,
						 &err), PACTA_OK);
	ck_assert_int_eq(pacta_explain_to(m, req, to, &json, &len, &err), want);
	if (want == PACTA_OK) {
		ck_assert_ptr_nonnull(json);
		ck_assert_uint_eq(len, strlen(json));
	} else {
		ck_assert_ptr_null(json);
	}
	pacta_request_free(req);
	return json;
}

START_TEST(test_explain_to)
{
	pacta_module *m = open_a(), *b = NULL;
	static const char refused[] =
		"{\"requesting_party\": \"XA\", \"requested_party\": \"XB\", "
		"\"offence\": \"defamation\", \"count\": 1}";
	char *j;

	/* refused for want of a listed offence: granted if it were one */
	j = explain_to(m, refused, PACTA_GRANT, PACTA_OK);
	ck_assert_msg(strstr(j, "{\"to\": \"grant\", \"answer\": \"found\", "
			     "\"changes\": [{\"field\": \"offence\", \"value\": "),
		      "%s", j);
	ck_assert_msg(strstr(j, "\"given\": \"defamation\", \"clauses\": "
			     "[\"1.1\"]}]"), "%s", j);
	ck_assert_msg(strstr(j, "\"text\": \"granted if\\n  offence were "), "%s", j);
	ck_assert_int_eq(decide_found(m, j), PACTA_GRANT);
	pacta_free(j);

	/* referred: a journalist and more than two counts */
	j = explain_to(m, refused, PACTA_REFER, PACTA_OK);
	ck_assert_msg(strstr(j, "\"answer\": \"found\""), "%s", j);
	ck_assert_msg(strstr(j, "{\"field\": \"count\", \"value\": 3, \"given\": 1, "
			     "\"clauses\": [\"1.2\"]}"), "%s", j);
	ck_assert_int_eq(decide_found(m, j), PACTA_REFER);
	pacta_free(j);

	/* already so */
	j = explain_to(m, refused, PACTA_REFUSE, PACTA_OK);
	ck_assert_msg(strstr(j, "{\"to\": \"refuse\", \"answer\": \"already\", "
			     "\"changes\": [], \"request\": {"), "%s", j);
	ck_assert_int_eq(decide_found(m, j), PACTA_REFUSE);
	pacta_free(j);

	/* the amended agreement never refers: proven, with no clause to name */
	ck_assert_int_eq(pacta_module_open(path_of("b.so"), &b, NULL), PACTA_OK);
	j = explain_to(b, "{\"requesting_party\": \"XA\", \"requested_party\": "
		       "\"XB\", \"offence\": \"fraud\"}", PACTA_REFER, PACTA_OK);
	ck_assert_msg(strstr(j, "{\"to\": \"refer\", \"answer\": \"impossible\", "
			     "\"held\": [], \"forbidden_by\": [], \"scope\": false, \"text\": "
			     "\"no request is referred under this agreement, "
			     "whatever its facts: no clause refers, and the "
			     "default is refuse\\n\"}"), "%s", j);
	pacta_free(j);
	pacta_module_close(b);
	pacta_module_close(m);
}
END_TEST

START_TEST(test_explain_to_misuse)
{
	pacta_module *m = open_a(), *b = NULL;
	pacta_request *req, *other;
	pacta_error err;
	char *j = (char *)"untouched";
	static const char line[] = "{\"requesting_party\": \"XA\", "
		"\"requested_party\": \"XB\", \"count\": 1}";

	ck_assert_int_eq(pacta_module_open(path_of("b.so"), &b, NULL), PACTA_OK);
	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_request_new(b, &other), PACTA_OK);
	/* a field without default unset */
	ck_assert_int_eq(pacta_explain_to(m, req, PACTA_GRANT, &j, NULL, &err),
			 PACTA_MISUSE);
	ck_assert_ptr_null(j);
	ck_assert_str_eq(err.field, "requesting_party");
	ck_assert_int_eq(pacta_request_from_json(req, line, strlen(line), 1,
						 &err), PACTA_OK);
	/* not an outcome */
	ck_assert_int_eq(pacta_explain_to(m, req, 3, &j, NULL, &err),
			 PACTA_MISUSE);
	ck_assert_msg(strstr(err.message, "not PACTA_GRANT"), "%s", err.message);
	ck_assert_int_eq(pacta_explain_to(m, req, -1, &j, NULL, &err),
			 PACTA_MISUSE);
	/* another module's request, no place for the answer */
	ck_assert_int_eq(pacta_explain_to(m, other, PACTA_GRANT, &j, NULL, &err),
			 PACTA_MISUSE);
	ck_assert_msg(strstr(err.message, "another module"), "%s", err.message);
	ck_assert_int_eq(pacta_explain_to(m, req, PACTA_GRANT, NULL, NULL, &err),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_explain_to(NULL, req, PACTA_GRANT, &j, NULL, NULL),
			 PACTA_MISUSE);
	pacta_free(NULL);
	pacta_request_free(other);
	pacta_request_free(req);
	pacta_module_close(b);
	pacta_module_close(m);
}
END_TEST

/* Without the prover: PACTA_UNSUPPORTED, saying where it looked.  The
 * plugin is loaded once a process, so the test runs again in a process of
 * its own (this test case alone, PACTA_PROVE_LIBRARY naming no file),
 * where it takes the first branch. */
#define NO_PROVER "/nonexistent/libpacta-prove.so.0"

START_TEST(test_explain_to_unsupported)
{
	const char *env = getenv("PACTA_PROVE_LIBRARY");

	if (env && !strcmp(env, NO_PROVER)) {
		pacta_module *m = open_a();
		pacta_request *req;
		pacta_error err;
		char *j = NULL;
		static const char line[] = "{\"requesting_party\": \"XA\", "
			"\"requested_party\": \"XB\", \"count\": 1}";

		ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
		ck_assert_int_eq(pacta_request_from_json(req, line, strlen(line),
							 1, NULL), PACTA_OK);
		ck_assert_int_eq(pacta_explain_to(m, req, PACTA_GRANT, &j, NULL,
						  &err), PACTA_UNSUPPORTED);
		ck_assert_ptr_null(j);
		ck_assert_msg(strstr(err.message, "needs the prover, libpacta-"
				     "prove.so.0, which could not be loaded: "
				     NO_PROVER), "%s", err.message);
		ck_assert_str_eq(pacta_status_name(err.status), "PACTA_UNSUPPORTED");
		pacta_request_free(req);
		pacta_module_close(m);
		return;
	}
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	ck_assert_int_gt(n, 0);
	self[n] = 0;
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setenv("PACTA_PROVE_LIBRARY", NO_PROVER, 1);
		setenv("CK_RUN_SUITE", "api", 1);
		setenv("CK_RUN_CASE", "explain-unsupported", 1);
		if (!freopen("/dev/null", "w", stdout))
			_exit(3);
		execl(self, self, (char *)NULL);
		_exit(4);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

Suite *api_suite(void)
{
	Suite *s = suite_create("api");
	TCase *c = tcase_create("api");

	tcase_add_unchecked_fixture(c, suite_setup, suite_teardown);
	tcase_set_timeout(c, 60);
	tcase_add_test(c, test_parties_and_dates);
	tcase_add_test(c, test_defaults);
	tcase_add_test(c, test_decide_json);
	tcase_add_test(c, test_decide_json_allocates_nothing);
	tcase_add_test(c, test_decide_lines);
	tcase_add_test(c, test_arrays);
	tcase_add_test(c, test_open_private);
	tcase_add_test(c, test_open_rewritten_in_place);
	tcase_add_test(c, test_close_before_free);
	tcase_add_test(c, test_explain_to);
	tcase_add_test(c, test_explain_to_misuse);
	suite_add_tcase(s, c);
	c = tcase_create("explain-unsupported");
	tcase_add_unchecked_fixture(c, suite_setup, suite_teardown);
	tcase_add_test(c, test_explain_to_unsupported);
	suite_add_tcase(s, c);
	return s;
}
