/*
 * check_json.c — unit tests for the runtime's decision model and codecs:
 * runtime/json.c (request decoder, decision and error encoders),
 * runtime/strbuf.c, runtime/explain.c and the decision layout of
 * runtime/model.c.
 *
 * A small schema is built by hand below: a field of every kind, a set over
 * an enum of 70 members (so sets span two words), obligations of every
 * combine kind, and clauses with and without articles, titles and reasons.
 * Error messages are an interface, so their text and columns are pinned
 * exactly.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "names.h"
#include "suites.h"

/* ---- the schema ---- */

static const char *const offences[] = {
	"illegal_access", "misuse_of_devices", "criminal_defamation",
};

static const char *const places[] = {
	"p00", "p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09",
	"p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19",
	"p20", "p21", "p22", "p23", "p24", "p25", "p26", "p27", "p28", "p29",
	"p30", "p31", "p32", "p33", "p34", "p35", "p36", "p37", "p38", "p39",
	"p40", "p41", "p42", "p43", "p44", "p45", "p46", "p47", "p48", "p49",
	"p50", "p51", "p52", "p53", "p54", "p55", "p56", "p57", "p58", "p59",
	"p60", "p61", "p62", "p63", "p64", "p65", "p66", "p67", "p68", "p69",
};

enum { E_OFFENCE, E_PLACE };

static const lp_enum_desc enums[] = {
	[E_OFFENCE] = { "offence", 3, offences },
	[E_PLACE] = { "place", 70, places },
};

static const uint64_t def_count[] = { 3 };
static const uint64_t def_retention[] = { 30 };
static const uint64_t def_places[] = { 0, 0 };
static const uint64_t def_kinds[] = { 1 };     /* {illegal_access} */
static const uint64_t def_false[] = { 0 };

/* Slots: one word each, except places (two words, 6 and 7). */
#define NSLOTS 10

static const lp_field_desc fields[] = {
	{ "flag", PK_BOOL, 0, 0, 0, 1, NULL },
	{ "count", PK_INT, 1, 0, 1, 1, def_count },
	{ "submitted", PK_DATE, 0, 0, 2, 1, NULL },
	{ "retention", PK_DAYS, 1, 0, 3, 1, def_retention },
	{ "penalty", PK_YEARS, 0, 0, 4, 1, NULL },
	{ "offence", PK_ENUM, 0, E_OFFENCE, 5, 1, NULL },
	{ "places", PK_SET, 1, E_PLACE, 6, 2, def_places },
	{ "kinds", PK_SET, 1, E_OFFENCE, 8, 1, def_kinds },
	{ "emergency", PK_BOOL, 1, 0, 9, 1, def_false },
};

enum {
	O_RETAIN, O_ONWARD, O_REVIEW, O_PLACES, O_KINDS, O_PENALTY, O_COUNT
};

static const lp_oblig_desc obligs[] = {
	[O_RETAIN] = { .name = "retain_at_most", .combine = PC_MIN, .kind = PK_DAYS, .on = LP_ON_DEFAULT, .enum_index = 0, .slot = 0, .nslots = 1 },
	[O_ONWARD] = { .name = "no_onward_transfer", .combine = PC_FLAG, .kind = PK_BOOL, .on = LP_ON_DEFAULT, .enum_index = 0, .slot = 1, .nslots = 0 },
	[O_REVIEW] = { .name = "review_by", .combine = PC_MAX, .kind = PK_DATE, .on = LP_ON_DEFAULT, .enum_index = 0, .slot = 1, .nslots = 1 },
	[O_PLACES] = { .name = "allowed_places", .combine = PC_UNION, .kind = PK_SET, .on = LP_ON_DEFAULT, .enum_index = E_PLACE, .slot = 2, .nslots = 2 },
	[O_KINDS] = { .name = "shared_kinds", .combine = PC_INTERSECT, .kind = PK_SET, .on = LP_ON_DEFAULT, .enum_index = E_OFFENCE, .slot = 4, .nslots = 1 },
	[O_PENALTY] = { .name = "min_penalty", .combine = PC_MAX, .kind = PK_YEARS, .on = LP_ON_DEFAULT, .enum_index = 0, .slot = 5, .nslots = 1 },
	[O_COUNT] = { .name = "max_count", .combine = PC_MIN, .kind = PK_INT, .on = LP_ON_DEFAULT, .enum_index = 0, .slot = 6, .nslots = 1 },
};

enum { C_1_1, C_2_1, C_2_2, C_3_2, C_4_1, C_4_3, C_9 };

static const lp_clause_desc clauses[] = {
	[C_1_1] = { "1.1", "1", "Scope", NULL, "Offences covered", "t.pacta",
		    10, .owner = UINT32_MAX },
	[C_2_1] = { "2.1", "2", "Dual criminality", NULL, NULL, "t.pacta",
		    20, .owner = UINT32_MAX },
	[C_2_2] = { "2.2", "2", "Dual criminality", NULL, "Preservation",
		    "t.pacta", 23, .owner = UINT32_MAX },
	[C_3_2] = { "3.2", "3", NULL, NULL, "Speech offences", "t.pacta",
		    30, .owner = UINT32_MAX },
	[C_4_1] = { "4.1", "4", "Protection of personal data", NULL,
		    "Storage limitation", "t.pacta", 40, .owner = UINT32_MAX },
	[C_4_3] = { "4.3", "4", "Protection of personal data", NULL,
		    "Onward transfer", "t.pacta", 45, .owner = UINT32_MAX },
	[C_9] = { "9", NULL, NULL, NULL, NULL, "t.pacta", 90, .owner = UINT32_MAX },
};

enum { R_GRANT, R_DUAL, R_EXEMPT, R_SPEECH, R_RETAIN, R_ONWARD, R_NINE,
       R_SPEECH_REFER };

static const lp_rule_desc rules[] = {
	[R_GRANT] = { C_1_1, PA_GRANT, 0, "the offence is a core cybercrime "
		      "punishable by at least four years", 11 },
	[R_DUAL] = { C_2_1, PA_REFUSE, 0, "the conduct is not an offence under "
		     "the law of both Parties", 21 },
	[R_EXEMPT] = { C_2_2, PA_EXEMPTS, 0, NULL, 24 },
	[R_SPEECH] = { C_3_2, PA_REFUSE, 0, NULL, 31 },
	[R_RETAIN] = { C_4_1, PA_OBLIGE, O_RETAIN, NULL, 41 },
	[R_ONWARD] = { C_4_3, PA_OBLIGE, O_ONWARD, NULL, 46 },
	[R_NINE] = { C_9, PA_REFER, 0, NULL, 91 },
	[R_SPEECH_REFER] = { C_3_2, PA_REFER, 0, "needs review", 32 },
};

#define COUNT(a) (uint32_t)(sizeof(a) / sizeof((a)[0]))

static const lp_schema schema = {
	.title = "Test Agreement",
	.version = "1",
	.default_outcome = PO_REFUSE,
	.nenums = COUNT(enums),
	.enums = enums,
	.nfields = COUNT(fields),
	.fields = fields,
	.nslots = NSLOTS,
	.noblig = COUNT(obligs),
	.obligs = obligs,
	.noblig_slots = 7,
	.nclauses = COUNT(clauses),
	.clauses = clauses,
	.nrules = COUNT(rules),
	.rules = rules,
};

/* The fields without a default, in a valid line. */
#define REQ "\"flag\": true, \"submitted\": \"2025-03-01\", " \
	    "\"penalty\": 5, \"offence\": \"illegal_access\""

/* ---- decoding helpers ---- */

static uint64_t slots[NSLOTS];
static lp_request_id rid;
static lp_json_error jerr;

/* The schema's name tables (lp_names_new), for the test cases that decode
 * through the fast decoder or encode through the quoted names. */
static lp_names *names;

static void names_setup(void)
{
	names = lp_names_new(&schema);
	ck_assert_ptr_nonnull(names);
}

static void names_teardown(void)
{
	lp_names_free(names);
	names = NULL;
}

/* Two ids are the same as a caller sees them: kind, flag, length and the
 * text up to its NUL. */
static void same_id(const lp_request_id *a, const lp_request_id *b)
{
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_int_eq(a->truncated, b->truncated);
	ck_assert_uint_eq(a->len, b->len);
	ck_assert_uint_lt(a->len, sizeof a->text);
	ck_assert_mem_eq(a->text, b->text, a->len + 1);
}

/*
 * Decodes from an exact-size heap copy without a NUL, so that AddressSanitizer
 * catches any read past the end of the line.  The result is the general
 * decoder's alone (names not used), which the tests pin; the line is decoded
 * again as libpacta does, into the packed request, the fast decoder first
 * (lp_json_decode_packed), and everything a caller can see must be the
 * same: unpacked, the request is the general decoder's.
 */
static int decode_ln(const char *line, size_t n, int lineno)
{
	char *copy = malloc(n ? n : 1);
	uint64_t fslots[NSLOTS], scratch[NSLOTS], packed[NSLOTS + 1];
	lp_request_id fid;
	lp_json_error ferr;
	int r, f;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, line, n);
	memset(slots, 0xa5, sizeof slots);
	memset(&rid, 0x5a, sizeof rid);
	memset(&jerr, 0x5a, sizeof jerr);
	r = lp_json_decode_request(&schema, copy, n, lineno, slots, &rid,
				      &jerr);
	if (names) {
		memset(fslots, 0x3c, sizeof fslots);
		memset(packed, 0x3c, sizeof packed);
		memset(&fid, 0x3c, sizeof fid);
		memset(&ferr, 0x3c, sizeof ferr);
		ck_assert_uint_le(names->data_size, sizeof packed);
		f = lp_json_decode_packed(&schema, names, copy, n, lineno,
					  (uint8_t *)packed, scratch, &fid, &ferr);
		lp_unpack(&schema, names->places, (uint8_t *)packed, fslots);
		ck_assert_int_eq(f, r);
		same_id(&fid, &rid);
		ck_assert_str_eq(ferr.text, jerr.text);
		ck_assert_str_eq(ferr.field, jerr.field);
		ck_assert_int_eq(ferr.line, jerr.line);
		ck_assert_int_eq(ferr.column, jerr.column);
		if (r == 0)
			ck_assert_mem_eq(fslots, slots, sizeof slots);
	}
	free(copy);
	return r;
}

static int decode(const char *line)
{
	return decode_ln(line, strlen(line), 7);
}

static void expect_ok(const char *line)
{
	int r = decode(line);

	ck_assert_msg(r == 0, "decoding <%s> failed: %s", line, jerr.text);
}

/* The line fails with `msg` at byte column `col` (1-based). */
static void expect_error_col(const char *line, int col, const char *msg)
{
	char want[512];

	snprintf(want, sizeof want, "line 7, column %d: %s", col, msg);
	ck_assert_int_eq(decode(line), -1);
	ck_assert_str_eq(jerr.text, want);
	ck_assert_int_eq(jerr.line, 7);
	ck_assert_int_eq(jerr.column, col);
}

/* The line fails with `msg`, reported where `at` first occurs in it. */
static void expect_error_at(const char *line, const char *at, const char *msg)
{
	const char *p = strstr(line, at);

	ck_assert_msg(p != NULL, "marker <%s> is not in <%s>", at, line);
	expect_error_col(line, (int)(p - line) + 1, msg);
}

/* ---- decoding: good lines ---- */

/* A request encoded with every field reads back as the same slots, and
 * the text is pinned. */
START_TEST(test_encode_request_round_trip)
{
	uint64_t first[NSLOTS];
	lp_strbuf b = { 0 };

	expect_ok("{" REQ ", \"places\": [\"p01\", \"p69\"], \"count\": -7}");
	memcpy(first, slots, sizeof first);
	lp_json_encode_request(&schema, first, &b);
	ck_assert_ptr_nonnull(b.data);
	char *text = strndup(b.data, b.len);
	ck_assert_str_eq(text, "{\"flag\": true, \"count\": -7, \"submitted\": \"2025-03-01\", "
			 "\"retention\": 30, \"penalty\": 5, \"offence\": \"illegal_access\", "
			 "\"places\": [\"p01\", \"p69\"], \"kinds\": [\"illegal_access\"], "
			 "\"emergency\": false}");
	expect_ok(text);
	ck_assert_mem_eq(slots, first, sizeof first);
	free(text);
	lp_sb_free(&b);
}
END_TEST

START_TEST(test_decode_defaults)
{
	expect_ok("{" REQ "}");
	ck_assert_uint_eq(slots[0], 1);
	ck_assert_uint_eq(slots[1], 3);
	ck_assert_uint_eq(slots[2], (uint64_t)lp_date_from_ymd(2025, 3, 1));
	ck_assert_uint_eq(slots[3], 30);
	ck_assert_uint_eq(slots[4], 5);
	ck_assert_uint_eq(slots[5], 0);
	ck_assert_uint_eq(slots[6], 0);
	ck_assert_uint_eq(slots[7], 0);
	ck_assert_uint_eq(slots[8], 1);
	ck_assert_uint_eq(slots[9], 0);
	ck_assert_int_eq(rid.kind, 0);
	ck_assert_str_eq(rid.text, "");
	ck_assert_int_eq(rid.truncated, 0);
}
END_TEST

START_TEST(test_decode_every_field)
{
	expect_ok("  {\"emergency\": true, \"kinds\": [], "
		  "\"places\": [\"p00\", \"p63\", \"p64\", \"p69\", \"p64\"], "
		  "\"offence\": \"criminal_defamation\", \"penalty\": -4, "
		  "\"retention\": 0, \"submitted\": \"9999-12-31\", "
		  "\"count\": -9223372036854775808, \"flag\": false, "
		  "\"id\": 12}\t\r\n");
	ck_assert_uint_eq(slots[0], 0);
	ck_assert_uint_eq(slots[1], (uint64_t)INT64_MIN);
	ck_assert_uint_eq(slots[2], 3652058);
	ck_assert_uint_eq(slots[3], 0);
	ck_assert_uint_eq(slots[4], (uint64_t)-4);
	ck_assert_uint_eq(slots[5], 2);
	ck_assert_uint_eq(slots[6], 1 | (uint64_t)1 << 63);
	ck_assert_uint_eq(slots[7], 1 | (uint64_t)1 << 5);
	ck_assert_uint_eq(slots[8], 0);
	ck_assert_uint_eq(slots[9], 1);
	ck_assert_int_eq(rid.kind, 1);
	ck_assert_str_eq(rid.text, "12");
}
END_TEST

START_TEST(test_decode_sets)
{
	/* Duplicates are allowed: a set is a set. */
	expect_ok("{" REQ ", \"kinds\": [\"criminal_defamation\", "
		  "\"illegal_access\", \"criminal_defamation\"]}");
	ck_assert_uint_eq(slots[8], 5);
	expect_ok("{" REQ ", \"places\": [\"p64\"]}");
	ck_assert_uint_eq(slots[6], 0);
	ck_assert_uint_eq(slots[7], 1);
	expect_ok("{" REQ ", \"places\": [ ]}");
	ck_assert_uint_eq(slots[6], 0);
	ck_assert_uint_eq(slots[7], 0);
}
END_TEST

START_TEST(test_decode_dates)
{
	expect_ok("{\"flag\": true, \"submitted\": \"0001-01-01\", "
		  "\"penalty\": 5, \"offence\": \"illegal_access\"}");
	ck_assert_uint_eq(slots[2], 0);
	expect_ok("{\"flag\": true, \"submitted\": \"2024-02-29\", "
		  "\"penalty\": 5, \"offence\": \"illegal_access\"}");
	ck_assert_uint_eq(slots[2], (uint64_t)lp_date_from_ymd(2024, 2, 29));
	expect_ok("{\"flag\": true, \"submitted\": \"2000-02-29\", "
		  "\"penalty\": 5, \"offence\": \"illegal_access\"}");
	ck_assert_uint_eq(slots[2], (uint64_t)lp_date_from_ymd(2000, 2, 29));
}
END_TEST

START_TEST(test_decode_integers)
{
	expect_ok("{\"flag\": true, \"submitted\": \"2025-03-01\", "
		  "\"penalty\": 9223372036854775807, "
		  "\"offence\": \"illegal_access\", \"count\": -0}");
	ck_assert_uint_eq(slots[4], (uint64_t)INT64_MAX);
	ck_assert_uint_eq(slots[1], 0);
	expect_ok("{" REQ ", \"retention\": 180}");
	ck_assert_uint_eq(slots[3], 180);
}
END_TEST

START_TEST(test_decode_escapes)
{
	/* Names are compared after JSON unescaping. */
	expect_ok("{\"fl\\u0061g\": true, \"submitted\": \"2025-03-01\", "
		  "\"penalty\": 5, \"offence\": \"misuse\\u005fof_devices\", "
		  "\"\\u0069d\": \"a\\\"b\\\\c\\n\"}");
	ck_assert_uint_eq(slots[0], 1);
	ck_assert_uint_eq(slots[5], 1);
	ck_assert_int_eq(rid.kind, 2);
	ck_assert_str_eq(rid.text, "a\"b\\c\n");
}
END_TEST

START_TEST(test_decode_id)
{
	expect_ok("{\"id\": 7, " REQ "}");
	ck_assert_int_eq(rid.kind, 1);
	ck_assert_str_eq(rid.text, "7");
	ck_assert_int_eq(rid.truncated, 0);
	/* Numbers keep their spelling. */
	expect_ok("{" REQ ", \"id\": -1.50e+3}");
	ck_assert_int_eq(rid.kind, 1);
	ck_assert_str_eq(rid.text, "-1.50e+3");
	expect_ok("{" REQ ", \"id\": \"req-7\"}");
	ck_assert_int_eq(rid.kind, 2);
	ck_assert_str_eq(rid.text, "req-7");
	expect_ok("{" REQ ", \"id\": \"\"}");
	ck_assert_int_eq(rid.kind, 2);
	ck_assert_str_eq(rid.text, "");
	/* UTF-8 passes through; a surrogate pair becomes one character. */
	expect_ok("{" REQ ", \"id\": \"\xc3\xa9\xe2\x82\xac\\ud83d\\ude00\"}");
	ck_assert_str_eq(rid.text, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}
END_TEST

START_TEST(test_decode_id_after_error)
{
	/* Semantic errors do not stop the search for the id ... */
	expect_error_at("{\"offence\": \"hacking\", \"id\": \"r1\"}", "\"hacking\"",
			"field \"offence\": unknown value \"hacking\"");
	ck_assert_int_eq(rid.kind, 2);
	ck_assert_str_eq(rid.text, "r1");
	expect_error_at("{\"bogus\": {\"a\": [1, {}]}, \"id\": 44}", "\"bogus\"",
			"field \"bogus\": unknown field");
	ck_assert_int_eq(rid.kind, 1);
	ck_assert_str_eq(rid.text, "44");
	/* ... and the first error is the one reported. */
	expect_error_at("{\"flag\": 1, \"offence\": \"hacking\", \"id\": 3}", "1",
			"field \"flag\": expected true or false");
	ck_assert_str_eq(rid.text, "3");
	/* Malformed JSON keeps an id seen before the fault ... */
	expect_error_at("{\"id\": 5, \"flag\": tru}", "tru",
			"malformed JSON: invalid literal "
			"(expected true, false or null)");
	ck_assert_int_eq(rid.kind, 1);
	ck_assert_str_eq(rid.text, "5");
	/* ... but cannot find one after it. */
	expect_error_at("{\"flag\": tru, \"id\": 5}", "tru",
			"malformed JSON: invalid literal "
			"(expected true, false or null)");
	ck_assert_int_eq(rid.kind, 0);
	/* A missing field is only known at the end, after the id. */
	expect_error_at("{\"id\": \"x\"}", "}",
			"field \"flag\": missing (no default); so are "
			"\"submitted\", \"penalty\", \"offence\"");
	ck_assert_int_eq(rid.kind, 2);
	ck_assert_str_eq(rid.text, "x");
}
END_TEST

START_TEST(test_decode_id_errors)
{
	expect_error_at("{\"id\": true, " REQ "}", "true",
			"\"id\" must be a string or a number");
	ck_assert_int_eq(rid.kind, 0);
	expect_error_at("{" REQ ", \"id\": [1]}", "[1]",
			"\"id\" must be a string or a number");
	expect_error_at("{" REQ ", \"id\": null}", "null",
			"\"id\" must be a string or a number");
	expect_error_at("{\"id\": 1, " REQ ", \"id\": 2}", "\"id\": 2",
			"duplicate \"id\"");
	ck_assert_str_eq(rid.text, "1");
	ck_assert_str_eq(jerr.field, "");
}
END_TEST

#define ID_LONG "\"id\" is longer than 127 bytes, the most an id can hold"

/* An id that would be cut is an error for its line (a cut id could match
 * another request's), answered without an id. */
START_TEST(test_decode_id_truncation)
{
	char line[1024], want[256];

	/* 127 bytes fit exactly. */
	memset(want, 'x', 127);
	want[127] = '\0';
	snprintf(line, sizeof line, "{" REQ ", \"id\": \"%s\"}", want);
	expect_ok(line);
	ck_assert_str_eq(rid.text, want);
	ck_assert_int_eq(rid.truncated, 0);
	ck_assert_uint_eq(rid.len, 127);
	ck_assert_int_eq(rid.kind, 2);
	/* 128 are an error, answered with no id: the first 127 are the
	 * id above, another request's. */
	snprintf(line, sizeof line, "{" REQ ", \"id\": \"%sy\"}", want);
	expect_error_at(line, "\"xxx", ID_LONG);
	ck_assert_int_eq(rid.truncated, 1);
	ck_assert_int_eq(rid.kind, 0);
	ck_assert_uint_eq(rid.len, 0);
	ck_assert_str_eq(rid.text, "");
	/* so is one that would be cut within a UTF-8 character */
	memset(want, 'x', 126);
	want[126] = '\0';
	snprintf(line, sizeof line, "{" REQ ", \"id\": \"%s\xc3\xa9\"}", want);
	expect_error_at(line, "\"xxx", ID_LONG);
	ck_assert_int_eq(rid.kind, 0);
	/* \u0000 cannot be held (the text is NUL-terminated): "ab" could be
	 * another request's id */
	expect_error_at("{" REQ ", \"id\": \"ab\\u0000cd\"}", "\"ab",
			"\"id\" contains \\u0000, which an id cannot hold");
	ck_assert_int_eq(rid.kind, 0);
	ck_assert_str_eq(rid.text, "");
	/* a number too long, whatever its form */
	memset(want, '1', 126);
	want[126] = '\0';
	snprintf(line, sizeof line, "{" REQ ", \"id\": %s.5}", want);
	expect_error_at(line, "111", ID_LONG);
	ck_assert_int_eq(rid.kind, 0);
	memset(want, '0', 126);
	want[0] = '1';
	want[1] = '.';
	snprintf(line, sizeof line, "{" REQ ", \"id\": %se+5}", want);
	expect_error_at(line, "1.00", ID_LONG);
	ck_assert_int_eq(rid.kind, 0);
	ck_assert_str_eq(rid.text, "");
}
END_TEST

/* Long decoded strings and deep nesting outgrow the decoder's stack arena;
 * the fallback to malloc must work and free everything. */
START_TEST(test_decode_large)
{
	size_t n = 0, cap = 16384;
	char *line = malloc(cap);
	char want[128];

	ck_assert_ptr_nonnull(line);
	n += (size_t)sprintf(line + n, "{\"id\": \"");
	for (int i = 0; i < 1500; i++)
		n += (size_t)sprintf(line + n, "\\n");
	for (int i = 0; i < 3000; i++)
		line[n++] = 'a';
	n += (size_t)sprintf(line + n, "\", %s}", REQ);
	ck_assert_int_eq(decode_ln(line, n, 1), -1);
	ck_assert_str_eq(jerr.text, "line 1, column 8: " ID_LONG);
	ck_assert_int_eq(rid.truncated, 1);
	/* the same string as a member's name: quoted in the message, its
	 * first 48 bytes as decoded */
	n = (size_t)sprintf(line, "{\"flag\": true, \"submitted\": \"2025-03-01\", \"penalty\": 5, "
			    "\"offence\": \"");
	for (int i = 0; i < 1500; i++)
		n += (size_t)sprintf(line + n, "\\n");
	for (int i = 0; i < 3000; i++)
		line[n++] = 'a';
	n += (size_t)sprintf(line + n, "\"}");
	ck_assert_int_eq(decode_ln(line, n, 1), -1);
	snprintf(want, sizeof want, "line 1, column 68: field \"offence\": unknown value \"%s...\"",
		 "\\u000a\\u000a\\u000a\\u000a\\u000a\\u000a\\u000a\\u000a");
	ck_assert_str_eq(jerr.text, want);

	n = (size_t)sprintf(line, "{\"flag\": ");
	for (int i = 0; i < 3000; i++)
		line[n++] = '[';
	for (int i = 0; i < 3000; i++)
		line[n++] = ']';
	n += (size_t)sprintf(line + n, ", \"id\": 9}");
	ck_assert_int_eq(decode_ln(line, n, 1), -1);
	ck_assert_str_eq(jerr.text,
			 "line 1, column 10: field \"flag\": "
			 "expected true or false");
	ck_assert_str_eq(rid.text, "9");
	free(line);
}
END_TEST

START_TEST(test_decode_null_outputs)
{
	const char *good = "{" REQ "}", *bad = "{\"flag\": 2}";

	ck_assert_int_eq(lp_json_decode_request(&schema, good, strlen(good),
						   1, slots, NULL, NULL), 0);
	ck_assert_int_eq(lp_json_decode_request(&schema, bad, strlen(bad),
						   1, slots, NULL, NULL), -1);
	/* Only len bytes are read. */
	ck_assert_int_eq(lp_json_decode_request(&schema, "{" REQ "}garbage",
						   strlen(good), 1, slots,
						   &rid, &jerr), 0);
}
END_TEST

/* ---- decoding: errors ---- */

START_TEST(test_error_spec_example)
{
	const char *line = "{\"id\": 10, \"offence\": \"hacking\"}";

	ck_assert_int_eq(decode_ln(line, strlen(line), 10), -1);
	ck_assert_str_eq(jerr.text, "line 10, column 23: field \"offence\": "
			 "unknown value \"hacking\"");
	ck_assert_int_eq(jerr.line, 10);
	ck_assert_int_eq(jerr.column, 23);
	ck_assert_str_eq(jerr.field, "offence");
	ck_assert_str_eq(rid.text, "10");
}
END_TEST

START_TEST(test_error_fields)
{
	const char *line;

	expect_error_at("{\"flag\": true, \"bogus\": 1, \"penalty\": 5}",
			"\"bogus\"", "field \"bogus\": unknown field");
	ck_assert_str_eq(jerr.field, "bogus");
	/* A missing field is reported at the closing brace. */
	expect_error_at("{\"flag\": true, \"submitted\": \"2025-03-01\", "
			"\"penalty\": 5 }", "}",
			"field \"offence\": missing (no default)");
	ck_assert_str_eq(jerr.field, "offence");
	/* the first is the error's field; the message names the others */
	expect_error_col("{}", 2, "field \"flag\": missing (no default); so "
			 "are \"submitted\", \"penalty\", \"offence\"");
	ck_assert_str_eq(jerr.field, "flag");
	expect_error_at("{\"flag\": true, \"flag\": false, " REQ "}",
			"\"flag\": false", "field \"flag\": duplicate field");
	line = "{" REQ ", \"places\": [], \"places\": []}";
	expect_error_col(line, (int)(strstr(line, "[], ") - line) + 5,
			 "field \"places\": duplicate field");
}
END_TEST

START_TEST(test_error_bool)
{
	expect_error_at("{\"flag\": 1}", "1",
			"field \"flag\": expected true or false");
	ck_assert_str_eq(jerr.field, "flag");
	expect_error_at("{\"flag\": \"true\"}", "\"true\"",
			"field \"flag\": expected true or false");
	expect_error_at("{\"flag\": null}", "null",
			"field \"flag\": expected true or false");
	expect_error_at("{\"flag\": {\"x\": 1}, \"id\": 2}", "{\"x\"",
			"field \"flag\": expected true or false");
	ck_assert_str_eq(rid.text, "2");
}
END_TEST

START_TEST(test_error_integers)
{
	expect_error_at("{\"penalty\": 9223372036854775808}", "9",
			"field \"penalty\": integer out of range");
	expect_error_at("{\"penalty\": -9223372036854775809}", "-",
			"field \"penalty\": integer out of range");
	expect_error_at("{\"count\": 123456789012345678901234567890}", "1",
			"field \"count\": integer out of range");
	expect_error_at("{\"penalty\": 1.5}", "1.5",
			"field \"penalty\": expected an integer");
	expect_error_at("{\"penalty\": 5.0}", "5.0",
			"field \"penalty\": expected an integer");
	expect_error_at("{\"retention\": 1e3}", "1e3",
			"field \"retention\": expected an integer");
	expect_error_at("{\"retention\": \"30\"}", "\"30\"",
			"field \"retention\": expected an integer");
	expect_error_at("{\"count\": true}", "true",
			"field \"count\": expected an integer");
	expect_error_at("{\"count\": [5]}", "[5]",
			"field \"count\": expected an integer");
}
END_TEST

START_TEST(test_error_dates)
{
	expect_error_at("{\"submitted\": \"2025-02-30\"}", "\"2025",
			"field \"submitted\": invalid date \"2025-02-30\" (February 2025 has 28 days)");
	expect_error_at("{\"submitted\": \"2025-02-29\"}", "\"2025",
			"field \"submitted\": invalid date \"2025-02-29\" (February 2025 has 28 days: 2025 is not a leap year)");
	expect_error_at("{\"submitted\": \"1900-02-29\"}", "\"1900",
			"field \"submitted\": invalid date \"1900-02-29\" (February 1900 has 28 days: 1900 is not a leap year)");
	expect_error_at("{\"submitted\": \"0000-12-31\"}", "\"0000",
			"field \"submitted\": invalid date \"0000-12-31\" (years run from 0001)");
	expect_error_at("{\"submitted\": \"2025-13-01\"}", "\"2025",
			"field \"submitted\": invalid date \"2025-13-01\" (there is no month 13)");
	expect_error_at("{\"submitted\": \"2025/03/01\"}", "\"2025",
			"field \"submitted\": expected a date \"YYYY-MM-DD\", "
			"got \"2025/03/01\"");
	expect_error_at("{\"submitted\": \"2025-3-1\"}", "\"2025",
			"field \"submitted\": expected a date \"YYYY-MM-DD\", "
			"got \"2025-3-1\"");
	expect_error_at("{\"submitted\": 20250301}", "2025",
			"field \"submitted\": expected a date \"YYYY-MM-DD\", "
			"got 20250301");
	expect_error_at("{\"submitted\": true}", "true",
			"field \"submitted\": expected a date \"YYYY-MM-DD\", "
			"got true");
	expect_error_at("{\"submitted\": null}", "null",
			"field \"submitted\": expected a date \"YYYY-MM-DD\", "
			"got null");
	expect_error_at("{\"submitted\": {}}", "{}",
			"field \"submitted\": expected a date \"YYYY-MM-DD\", "
			"got an object");
	expect_error_at("{\"submitted\": []}", "[]",
			"field \"submitted\": expected a date \"YYYY-MM-DD\", "
			"got an array");
}
END_TEST

START_TEST(test_error_enums_and_sets)
{
	expect_error_at("{\"offence\": 1}", "1",
			"field \"offence\": expected a string naming a value "
			"of offence");
	expect_error_at("{\"offence\": [\"illegal_access\"]}", "[",
			"field \"offence\": expected a string naming a value "
			"of offence");
	expect_error_at("{\"offence\": \"Illegal_access\"}", "\"Ill",
			"field \"offence\": unknown value \"Illegal_access\" "
			"(did you mean \"illegal_access\"?)");
	expect_error_at("{\"places\": \"p01\"}", "\"p01\"",
			"field \"places\": expected an array of strings");
	expect_error_at("{\"places\": {}}", "{}",
			"field \"places\": expected an array of strings");
	expect_error_at("{\"places\": [\"p01\", 1]}", "1]",
			"field \"places\": expected an array of strings");
	expect_error_at("{\"places\": [\"p01\", null]}", "null",
			"field \"places\": expected an array of strings");
	expect_error_at("{\"places\": [\"p01\", [\"p02\"]], \"id\": 1}",
			"[\"p02\"",
			"field \"places\": expected an array of strings");
	ck_assert_str_eq(rid.text, "1");
	expect_error_at("{\"places\": [\"p01\", {\"a\": [1]}]}", "{\"a\"",
			"field \"places\": expected an array of strings");
	expect_error_at("{\"places\": [\"p01\", \"p70\"]}", "\"p70\"",
			"field \"places\": unknown value \"p70\" (did you mean \"p00\"?)");
	expect_error_at("{\"kinds\": [\"p01\"]}", "\"p01\"",
			"field \"kinds\": unknown value \"p01\"");
}
END_TEST

/* User text in messages is escaped and shortened. */
START_TEST(test_error_quoting)
{
	char line[256], want[256];

	expect_error_at("{\"offence\": \"a\\\"b\\\\c\\u0001d\\ne\"}", "\"a",
			"field \"offence\": unknown value "
			"\"a\\\"b\\\\c\\u0001d\\u000ae\"");
	snprintf(line, sizeof line, "{\"offence\": \"%s\"}",
		 "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
	snprintf(want, sizeof want, "field \"offence\": unknown value \"%s...\"",
		 "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
	expect_error_at(line, "\"zzz", want);
	snprintf(line, sizeof line, "{\"%s\": 1}",
		 "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		 "kkkkkkkkkk");
	snprintf(want, sizeof want, "field \"%s...\": unknown field",
		 "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
	expect_error_col(line, 2, want);
	ck_assert_uint_eq(strlen(jerr.field), 63);
}
END_TEST

START_TEST(test_error_not_an_object)
{
	expect_error_col("[1, 2]", 1, "expected a JSON object");
	ck_assert_str_eq(jerr.field, "");
	expect_error_col("  42", 3, "expected a JSON object");
	expect_error_col("\"x\"", 1, "expected a JSON object");
	expect_error_col("null", 1, "expected a JSON object");
	expect_error_col(" true ", 2, "expected a JSON object");
	expect_error_col("", 1, "empty line");
	expect_error_col("  \t \r\n", 1, "empty line");
}
END_TEST

START_TEST(test_error_malformed)
{
	static const char *const eol = "malformed JSON: unexpected end of line";
	const char *line;

	expect_error_at("{" REQ "} x", "x",
			"malformed JSON: unexpected text after the object");
	expect_error_at("{" REQ "} {}", "{}",
			"malformed JSON: unexpected text after the object");
	line = "{" REQ "} 5";
	expect_error_col(line, (int)strlen(line),
			 "malformed JSON: unexpected text after the object");
	line = "{\"flag\": true";
	expect_error_col(line, (int)strlen(line) + 1, eol);
	line = "{\"flag\": true,";
	expect_error_col(line, (int)strlen(line) + 1, eol);
	line = "{\"count\": 12";
	expect_error_col(line, (int)strlen(line) + 1, eol);
	expect_error_col("{", 2, eol);
	expect_error_at("{\"flag\": \"abc", "\"abc",
			"malformed JSON: unterminated string");
	expect_error_at("{\"flag\" true}", "true",
			"malformed JSON: expected ':' after the member name");
	/* A line that is not JSON is told so, whatever was wrong with its
	 * fields before the place it stops being JSON: an unknown field, a
	 * value of the wrong type, fields missing from an object that
	 * something follows. */
	expect_error_at("{\"flga\" true}", "true",
			"malformed JSON: expected ':' after the member name");
	expect_error_at("{\"flag\": 3 \"penalty\": 5}", "\"penalty\"",
			"malformed JSON: expected ',' or '}' after a member");
	expect_error_at("{\"flag\": true} trailing", "trailing",
			"malformed JSON: unexpected text after the object");
	line = "{\"flag\": true}\r{" REQ "}";
	expect_error_col(line, (int)(strchr(line, '\r') - line) + 2,
			 "malformed JSON: unexpected text after the object (a "
			 "carriage return alone ends no line: lines end with LF or CRLF)");
	expect_error_at("{\"flag\": true,}", "}",
			"malformed JSON: expected a member name in double quotes");
	expect_error_at("{1: 2}", "1",
			"malformed JSON: expected a member name in double quotes");
	expect_error_at("{\"flag\": true,, \"penalty\": 5}", ", \"" ,
			"malformed JSON: expected a member name in double quotes");
	expect_error_at("{\"flag\": true \"penalty\": 5}", "\"penalty\"",
			"malformed JSON: expected ',' or '}' after a member");
	expect_error_at("{\"places\": [\"p01\" \"p02\"]}", "\"p02\"",
			"malformed JSON: expected ',' or ']' after an array "
			"element");
	expect_error_at("{\"places\": [,]}", ",",
			"malformed JSON: expected a value");
	expect_error_at("{\"flag\": }", "}",
			"malformed JSON: expected a value");
	expect_error_at("{\"flag\":: true}", ": true",
			"malformed JSON: expected a value");
	expect_error_at("{\"flag\": tru}", "tru",
			"malformed JSON: invalid literal "
			"(expected true, false or null)");
	expect_error_at("{flag: true}", "flag",
			"malformed JSON: invalid literal "
			"(expected true, false or null)");
	expect_error_at("{\"count\": -}", "-", "malformed JSON: malformed number");
	expect_error_at("{\"count\": 1.}", "1.", "malformed JSON: malformed number");
	expect_error_at("{\"count\": 1e}", "1e", "malformed JSON: malformed number");
	expect_error_at("{\"count\": 01}", "1}",
			"malformed JSON: expected ',' or '}' after a member");
	/* inside a field's value the field is named; inside a key not */
	expect_error_at("{\"flag\": \"a\tb\"}", "\t",
			"field \"flag\": malformed JSON: control character in a string");
	ck_assert_str_eq(jerr.field, "flag");
	expect_error_at("{\"places\": [\"p01\", \"p\x01\"]}", "\x01",
			"field \"places\": malformed JSON: control character in a string");
	expect_error_at("{\"flag\": true, \"b\x01\": 1}", "\x01",
			"malformed JSON: control character in a string");
	ck_assert_str_eq(jerr.field, "");
	expect_error_at("{\"flag\": \"\\x\"}", "x",
			"field \"flag\": malformed JSON: invalid escape in a string");
	expect_error_at("{\"flag\": \"a\\\\\\x\"}", "x",
			"field \"flag\": malformed JSON: invalid escape in a string");
	expect_error_at("{\"flag\": \"\\u12G4\"}", "G",
			"field \"flag\": malformed JSON: invalid \\u escape in a string");
	expect_error_at("{/* c */}", "/",
			"malformed JSON: comments are not allowed");
	expect_error_at("{\"flag\": \xff}", "\xff",
			"malformed JSON: unexpected character");
	expect_error_at("{" REQ "}\x01", "\x01",
			"malformed JSON: unexpected text after the object");
	ck_assert_str_eq(jerr.field, "");
	/* two requests on a line a lone CR ends: the CR is named */
	expect_error_col("{" REQ "}\r{" REQ "}", (int)strlen("{" REQ "}\r") + 1,
			 "malformed JSON: unexpected text after the object (a carriage "
			 "return alone ends no line: lines end with LF or CRLF)");
}
END_TEST

START_TEST(test_error_utf8)
{
	static const char *const bad = "invalid UTF-8";

	expect_error_at("{\"id\": \"ab\xff\"}", "\xff", bad);
	ck_assert_int_eq(rid.kind, 0);
	expect_error_at("{\"fl\xc3\x28\": 1}", "\xc3", bad);
	expect_error_at("{\"offence\": \"ill\xe9gal\"}", "\xe9", "field \"offence\": invalid UTF-8");
	ck_assert_str_eq(jerr.field, "offence");
	expect_error_at("{\"places\": [\"p\xc0\x80\"]}", "\xc0", "field \"places\": invalid UTF-8");
	expect_error_at("{\"id\": \"\xe0\x80\x80\"}", "\xe0", bad);
	expect_error_at("{\"id\": \"a\xed\xa0\x80\"}", "\xed", bad);
	expect_error_at("{\"id\": \"a\xf4\x90\x80\x80\"}", "\xf4", bad);
	expect_error_at("{\"id\": \"a\xf5\x80\x80\x80\"}", "\xf5", bad);
	expect_error_at("{\"id\": \"a\xe2\x82\"}", "\xe2", bad);
	expect_error_at("{\"id\": \"a\x80\"}", "\x80", bad);
	expect_error_at("{\"submitted\": \"\xc3\xa9\xc3\"}", "\xc3\"", "field \"submitted\": invalid UTF-8");
	/* Escapes must not smuggle in lone surrogates either. */
	expect_error_at("{\"id\": \"x\\ud800y\"}", "\\ud800",
			"unpaired surrogate in a \\u escape");
	expect_error_at("{\"id\": \"x\\udc00\"}", "\\udc00",
			"unpaired surrogate in a \\u escape");
	expect_error_at("{\"id\": \"x\\ud800\\u0041\"}", "\\ud800",
			"unpaired surrogate in a \\u escape");
	expect_error_at("{\"offence\": \"\\ud800\", \"id\": 1}", "\\ud800",
			"field \"offence\": unpaired surrogate in a \\u escape");
	ck_assert_str_eq(rid.text, "1");
	/* Valid: U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF. */
	expect_ok("{" REQ ", \"id\": \"\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf"
		  "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"}");
	ck_assert_str_eq(rid.text, "\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf"
			 "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf");
}
END_TEST

/* ---- strbuf ---- */

static lp_strbuf sb;

static void sb_teardown(void)
{
	lp_sb_free(&sb);
}

static const char *json_string(const char *s, size_t n)
{
	lp_sb_free(&sb);
	lp_sb_json_string(&sb, s, n);
	ck_assert(!sb.failed);
	return sb.data;
}

START_TEST(test_sb_json_string)
{
	ck_assert_str_eq(json_string("", 0), "\"\"");
	ck_assert_str_eq(json_string("plain text", 10), "\"plain text\"");
	ck_assert_str_eq(json_string("a\"b\\c/d", 7), "\"a\\\"b\\\\c/d\"");
	ck_assert_str_eq(json_string("\n\r\t", 3), "\"\\n\\r\\t\"");
	ck_assert_str_eq(json_string("\b\f\x01\x1f", 4),
			 "\"\\u0008\\u000c\\u0001\\u001f\"");
	ck_assert_str_eq(json_string("a\0b", 3), "\"a\\u0000b\"");
	ck_assert_str_eq(json_string("\x7f \xc3\xa9 \xf0\x9f\x98\x80", 9),
			 "\"\x7f \xc3\xa9 \xf0\x9f\x98\x80\"");
}
END_TEST

START_TEST(test_sb_growth)
{
	char big[1000];

	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	lp_sb_puts(&sb, "x");
	lp_sb_printf(&sb, "[%d|%s|%s]", 42, big, "end");
	lp_sb_put(&sb, "abc", 2);
	lp_sb_put(&sb, NULL, 0);
	ck_assert(!sb.failed);
	ck_assert_uint_eq(sb.len, 1 + 1 + 2 + 1 + 999 + 1 + 3 + 1 + 2);
	ck_assert_uint_eq(strlen(sb.data), sb.len);
	ck_assert(strncmp(sb.data, "x[42|qqq", 8) == 0);
	ck_assert_str_eq(sb.data + sb.len - 7, "|end]ab");
	lp_sb_free(&sb);
	ck_assert_ptr_null(sb.data);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_uint_eq(sb.cap, 0);
	/* A failed buffer ignores further appends. */
	sb.failed = 1;
	lp_sb_puts(&sb, "ignored");
	lp_sb_printf(&sb, "%s", "ignored");
	ck_assert_uint_eq(sb.len, 0);
	lp_sb_free(&sb);
	ck_assert_int_eq(sb.failed, 0);
}
END_TEST

/* ---- decisions ---- */

static uint64_t dmem[256];
static lp_decision_buf dec;

static void new_decision(int outcome, int ground)
{
	ck_assert_uint_le(lp_decision_size(&schema), sizeof dmem);
	memset(dmem, 0xff, sizeof dmem);
	lp_decision_layout(&schema, &dec, dmem);
	lp_decision_clear(&schema, &dec);
	dec.outcome = (uint8_t)outcome;
	dec.ground = (uint8_t)ground;
}

static void impose(uint32_t oblig, uint32_t clause)
{
	lp_bit_set(dec.oblig_set, oblig);
	lp_bit_set(dec.oblig_src
		      + (size_t)oblig * LP_BITWORDS(schema.nclauses),
		      clause);
}

/* The decision as JSON; the same text again from the quoted names. */
static const char *encode(const lp_request_id *id, int trace)
{
	lp_strbuf quoted = { 0 };

	lp_sb_free(&sb);
	lp_json_encode_decision(&schema, &dec, id, trace, &sb);
	ck_assert(!sb.failed);
	if (names) {
		lp_json_encode_decision_n(&schema, names, &dec, id, trace, &quoted);
		ck_assert(!quoted.failed);
		ck_assert_str_eq(quoted.data, sb.data);
		lp_sb_free(&quoted);
	}
	return sb.data;
}

static const char *explain(void)
{
	lp_sb_free(&sb);
	lp_explain(&schema, &dec, NULL, 0, &sb);
	ck_assert(!sb.failed);
	return sb.data;
}

static lp_request_id number_id(const char *text)
{
	lp_request_id id = { 1, 0, 0, "" };

	snprintf(id.text, sizeof id.text, "%s", text);
	return id;
}

START_TEST(test_decision_layout)
{
	size_t cw = LP_BITWORDS(7), words;
	unsigned char *base = (unsigned char *)dmem, *end;

	/* oblig_set 1; oblig_val 7; grounds, discretionary, exempted: 1
	 * word each; fired 1; oblig_src 7 * 1; then 7 uint32.  The
	 * obligations first: what the fast entry writes. */
	words = cw + cw + 1 + cw + 1 + 7 + 7 * cw;
	ck_assert_uint_eq(lp_decision_size(&schema),
			  words * 8 + ((7 * 4 + 7) & ~(size_t)7));
	ck_assert_uint_eq(lp_decision_size(&schema) % 8, 0);
	new_decision(PO_REFER, PG_DEFAULT);
	end = base + lp_decision_size(&schema);
	ck_assert_ptr_eq(dec.oblig_set, dmem);
	ck_assert(dec.oblig_val >= dec.oblig_set + 1);
	ck_assert(dec.grounds >= dec.oblig_val + 7);
	ck_assert(dec.discretionary >= dec.grounds + cw);
	ck_assert(dec.fired >= dec.discretionary + cw);
	ck_assert(dec.exempted >= dec.fired + 1);
	ck_assert(dec.oblig_src >= dec.exempted + cw);
	ck_assert((unsigned char *)dec.exempted_by
		  >= (unsigned char *)(dec.oblig_src + 7 * cw));
	ck_assert((unsigned char *)(dec.exempted_by + 7) <= end);
	/* Cleared: every word zero, every exempted_by "none". */
	for (size_t i = 0; i < words; i++)
		ck_assert_uint_eq(dmem[i], 0);
	for (int c = 0; c < 7; c++)
		ck_assert_uint_eq(dec.exempted_by[c], UINT32_MAX);
	/* Nothing beyond the block was touched. */
	for (unsigned char *p = end; p < base + sizeof dmem; p++)
		ck_assert_uint_eq(*p, 0xff);

	/* Empty schemas need no space and must not crash. */
	{
		lp_schema empty = { 0 };
		lp_decision_buf d0;
		uint64_t one;

		ck_assert_uint_eq(lp_decision_size(&empty), 0);
		lp_decision_layout(&empty, &d0, &one);
		lp_decision_clear(&empty, &d0);
	}
	ck_assert_str_eq(lp_kind_names[PK_SET], "set");
	ck_assert_str_eq(lp_kind_names[PK_BOOL], "bool");
	ck_assert_str_eq(lp_outcome_names[PO_REFER], "refer");
	ck_assert_str_eq(lp_action_names[PA_EXEMPTS], "exempts");
	ck_assert_str_eq(lp_combine_names[PC_INTERSECT], "intersect");
}
END_TEST

/* Decisions as docs/language.md's JSON format writes them: a grant with
 * its obligations, a refusal (none), the default. */
START_TEST(test_encode_spec_examples)
{
	lp_request_id id = number_id("7");

	new_decision(PO_GRANT, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_1_1);
	dec.oblig_val[obligs[O_RETAIN].slot] = 180;
	impose(O_RETAIN, C_4_1);
	impose(O_ONWARD, C_4_3);
	ck_assert_str_eq(encode(&id, 0),
			 "{\"id\": 7, \"outcome\": \"grant\", \"grounds\": "
			 "[\"1.1\"], \"obligations\": {\"retain_at_most\": 180, "
			 "\"no_onward_transfer\": true}}");

	/* A refusal carries no obligations, even if some were imposed. */
	id = number_id("8");
	dec.outcome = PO_REFUSE;
	memset(dec.grounds, 0, 8);
	lp_bit_set(dec.grounds, C_3_2);
	lp_bit_set(dec.grounds, C_2_1);
	ck_assert_str_eq(encode(&id, 0),
			 "{\"id\": 8, \"outcome\": \"refuse\", \"grounds\": "
			 "[\"2.1\", \"3.2\"]}");

	id = number_id("9");
	new_decision(PO_REFUSE, PG_DEFAULT);
	ck_assert_str_eq(encode(&id, 0),
			 "{\"id\": 9, \"outcome\": \"refuse\", \"grounds\": "
			 "[\"default\"]}");
}
END_TEST

START_TEST(test_encode_grounds)
{
	new_decision(PO_REFUSE, PG_AGREEMENT);
	ck_assert_str_eq(encode(NULL, 0),
			 "{\"outcome\": \"refuse\", \"grounds\": [\"agreement\"]}");
	/* The default may grant, and then obligations are reported. */
	new_decision(PO_GRANT, PG_DEFAULT);
	impose(O_ONWARD, C_4_3);
	ck_assert_str_eq(encode(NULL, 0),
			 "{\"outcome\": \"grant\", \"grounds\": [\"default\"], "
			 "\"obligations\": {\"no_onward_transfer\": true}}");
	/* A grant with no obligation says so with an empty object. */
	new_decision(PO_GRANT, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_1_1);
	ck_assert_str_eq(encode(NULL, 0),
			 "{\"outcome\": \"grant\", \"grounds\": [\"1.1\"], "
			 "\"obligations\": {}}");
}
END_TEST

/* Every value kind, and every combine kind, in one refer. */
static void all_obligations(void)
{
	uint64_t *v = dec.oblig_val;

	v[obligs[O_RETAIN].slot] = 30;
	v[obligs[O_REVIEW].slot] = (uint64_t)lp_date_from_ymd(2026, 1, 31);
	lp_bit_set(v + obligs[O_PLACES].slot, 1);
	lp_bit_set(v + obligs[O_PLACES].slot, 64);
	lp_bit_set(v + obligs[O_KINDS].slot, 2);
	lp_bit_set(v + obligs[O_KINDS].slot, 0);
	v[obligs[O_PENALTY].slot] = 4;
	v[obligs[O_COUNT].slot] = (uint64_t)-5;
	for (uint32_t j = 0; j < schema.noblig; j++)
		impose(j, C_4_1);
	impose(O_RETAIN, C_9);
}

START_TEST(test_encode_refer_all_kinds)
{
	lp_request_id id = { 2, 0, 3, "r-1" };

	new_decision(PO_REFER, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_9);
	lp_bit_set(dec.grounds, C_3_2);
	all_obligations();
	ck_assert_str_eq(encode(&id, 0),
			 "{\"id\": \"r-1\", \"outcome\": \"refer\", \"grounds\": "
			 "[\"3.2\", \"9\"], \"obligations\": {"
			 "\"retain_at_most\": 30, \"no_onward_transfer\": true, "
			 "\"review_by\": \"2026-01-31\", "
			 "\"allowed_places\": [\"p01\", \"p64\"], "
			 "\"shared_kinds\": [\"illegal_access\", "
			 "\"criminal_defamation\"], \"min_penalty\": 4, "
			 "\"max_count\": -5}}");
}
END_TEST

START_TEST(test_encode_trace)
{
	lp_request_id id = number_id("7");

	new_decision(PO_GRANT, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_1_1);
	dec.oblig_val[obligs[O_RETAIN].slot] = 180;
	impose(O_RETAIN, C_4_1);
	impose(O_ONWARD, C_4_3);
	lp_bit_set(dec.fired, R_ONWARD);
	lp_bit_set(dec.fired, R_GRANT);
	lp_bit_set(dec.fired, R_EXEMPT);
	lp_bit_set(dec.fired, R_RETAIN);
	lp_bit_set(dec.exempted, C_2_1);
	dec.exempted_by[C_2_1] = C_2_2;
	ck_assert_str_eq(encode(&id, 1),
			 "{\"id\": 7, \"outcome\": \"grant\", \"grounds\": "
			 "[\"1.1\"], \"obligations\": {\"retain_at_most\": 180, "
			 "\"no_onward_transfer\": true}, \"trace\": {\"fired\": "
			 "[{\"clause\": \"1.1\", \"action\": \"grant\"}, "
			 "{\"clause\": \"2.2\", \"action\": \"exempts\"}, "
			 "{\"clause\": \"4.1\", \"action\": \"oblige\", "
			 "\"obligation\": \"retain_at_most\"}, "
			 "{\"clause\": \"4.3\", \"action\": \"oblige\", "
			 "\"obligation\": \"no_onward_transfer\"}], "
			 "\"exempted\": [{\"clause\": \"2.1\", \"by\": \"2.2\"}]}}");

	new_decision(PO_REFUSE, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_2_1);
	lp_bit_set(dec.fired, R_DUAL);
	ck_assert_str_eq(encode(NULL, 1),
			 "{\"outcome\": \"refuse\", \"grounds\": [\"2.1\"], "
			 "\"trace\": {\"fired\": [{\"clause\": \"2.1\", "
			 "\"action\": \"refuse\"}], \"exempted\": []}}");

	new_decision(PO_REFUSE, PG_AGREEMENT);
	ck_assert_str_eq(encode(NULL, 1),
			 "{\"outcome\": \"refuse\", \"grounds\": [\"agreement\"], "
			 "\"trace\": {\"fired\": [], \"exempted\": []}}");
}
END_TEST

START_TEST(test_encode_ids_and_errors)
{
	lp_request_id id = { 2, 0, 8, "a\"b\\c\n\xc3\xa9" };
	lp_json_error err;
	const char *line = "{\"id\": 10, \"offence\": \"hacking\"}";

	new_decision(PO_REFUSE, PG_DEFAULT);
	ck_assert_str_eq(encode(&id, 0),
			 "{\"id\": \"a\\\"b\\\\c\\n\xc3\xa9\", \"outcome\": "
			 "\"refuse\", \"grounds\": [\"default\"]}");
	/* kind 0: no id member at all. */
	id.kind = 0;
	ck_assert_str_eq(encode(&id, 0),
			 "{\"outcome\": \"refuse\", \"grounds\": [\"default\"]}");

	ck_assert_int_eq(lp_json_decode_request(&schema, line, strlen(line),
						   10, slots, &id, &err), -1);
	lp_sb_free(&sb);
	lp_json_encode_error(&id, &err, &sb);
	ck_assert_str_eq(sb.data,
			 "{\"id\": 10, \"error\": \"line 10, column 23: field "
			 "\\\"offence\\\": unknown value \\\"hacking\\\"\"}");
	lp_sb_free(&sb);
	line = "{\"flag\": 3, \"id\": \"q\\\"1\"}";
	ck_assert_int_eq(lp_json_decode_request(&schema, line, strlen(line),
						   2, slots, &id, &err), -1);
	lp_json_encode_error(&id, &err, &sb);
	ck_assert_str_eq(sb.data,
			 "{\"id\": \"q\\\"1\", \"error\": \"line 2, column 10: "
			 "field \\\"flag\\\": expected true or false\"}");
	lp_sb_free(&sb);
	line = "nope";
	ck_assert_int_eq(lp_json_decode_request(&schema, line, strlen(line),
						   3, slots, &id, &err), -1);
	lp_json_encode_error(&id, &err, &sb);
	ck_assert_str_eq(sb.data,
			 "{\"error\": \"line 3, column 1: malformed JSON: "
			 "invalid literal (expected true, false or null)\"}");
}
END_TEST

START_TEST(test_encode_value)
{
	uint64_t w[2] = { 0, 0 };

	lp_json_encode_value(&schema, PK_BOOL, 0, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = 1;
	lp_json_encode_value(&schema, PK_BOOL, 0, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = (uint64_t)INT64_MIN;
	lp_json_encode_value(&schema, PK_INT, 0, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = (uint64_t)INT64_MAX;
	lp_json_encode_value(&schema, PK_YEARS, 0, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = 0;
	lp_json_encode_value(&schema, PK_DATE, 0, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = 1;
	lp_json_encode_value(&schema, PK_ENUM, E_OFFENCE, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = 3;       /* no such member */
	lp_json_encode_value(&schema, PK_ENUM, E_OFFENCE, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = (uint64_t)1 << 63;
	w[1] = (uint64_t)1 << 5 | 1;
	lp_json_encode_value(&schema, PK_SET, E_PLACE, w, &sb);
	lp_sb_puts(&sb, " ");
	w[0] = w[1] = 0;
	lp_json_encode_value(&schema, PK_SET, E_PLACE, w, &sb);
	ck_assert(!sb.failed);
	ck_assert_str_eq(sb.data,
			 "false true -9223372036854775808 9223372036854775807 "
			 "\"0001-01-01\" \"misuse_of_devices\" null "
			 "[\"p63\", \"p64\", \"p69\"] []");
}
END_TEST

/* ---- explanations ---- */

START_TEST(test_explain_grant)
{
	new_decision(PO_GRANT, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_1_1);
	dec.oblig_val[obligs[O_RETAIN].slot] = 180;
	impose(O_RETAIN, C_4_1);
	impose(O_ONWARD, C_4_3);
	lp_bit_set(dec.fired, R_GRANT);
	lp_bit_set(dec.fired, R_EXEMPT);
	lp_bit_set(dec.fired, R_RETAIN);
	lp_bit_set(dec.fired, R_ONWARD);
	lp_bit_set(dec.exempted, C_2_1);
	dec.exempted_by[C_2_1] = C_2_2;
	ck_assert_str_eq(explain(),
			 "outcome: grant\n"
			 "grounds:\n"
			 "  1.1 (article 1 \"Scope\"): the offence is a core "
			 "cybercrime punishable by at least four years\n"
			 "obligations:\n"
			 "  retain_at_most = 180 days   (imposed by 4.1)\n"
			 "  no_onward_transfer          (imposed by 4.3)\n"
			 "trace:\n"
			 "  fired 1.1 grant\n"
			 "  fired 2.2 exempts\n"
			 "  fired 4.1 oblige retain_at_most\n"
			 "  fired 4.3 oblige no_onward_transfer\n"
			 "  exempted 2.1 by 2.2\n");
}
END_TEST

START_TEST(test_explain_refuse)
{
	new_decision(PO_REFUSE, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_2_1);
	lp_bit_set(dec.grounds, C_3_2);
	lp_bit_set(dec.fired, R_DUAL);
	lp_bit_set(dec.fired, R_SPEECH);
	lp_bit_set(dec.fired, R_ONWARD);
	impose(O_ONWARD, C_4_3);
	/* No reason on 3.2's refuse rule: its title stands in. */
	ck_assert_str_eq(explain(),
			 "outcome: refuse\n"
			 "grounds:\n"
			 "  2.1 (article 2 \"Dual criminality\"): the conduct is "
			 "not an offence under the law of both Parties\n"
			 "  3.2 (article 3): Speech offences\n"
			 "trace:\n"
			 "  fired 2.1 refuse\n"
			 "  fired 3.2 refuse\n"
			 "  fired 4.3 oblige no_onward_transfer\n");
}
END_TEST

START_TEST(test_explain_refer)
{
	const char *out;

	new_decision(PO_REFER, PG_CLAUSES);
	lp_bit_set(dec.grounds, C_3_2);
	lp_bit_set(dec.grounds, C_9);
	lp_bit_set(dec.fired, R_SPEECH_REFER);
	lp_bit_set(dec.fired, R_NINE);
	/* 3.2's refer rule has a reason; 9 has no reason, title or article.
	 * The trace is in rule order, and 3.2's refer rule comes last. */
	ck_assert_str_eq(explain(),
			 "outcome: refer\n"
			 "grounds:\n"
			 "  3.2 (article 3): needs review\n"
			 "  9\n"
			 "obligations: none\n"
			 "trace:\n"
			 "  fired 9 refer\n"
			 "  fired 3.2 refer\n");

	all_obligations();
	dec.oblig_val[obligs[O_RETAIN].slot] = 1;
	dec.oblig_val[obligs[O_PENALTY].slot] = 1;
	out = explain();
	/* The widest left column is the shared_kinds line (52 bytes). */
	ck_assert_ptr_nonnull(strstr(out,
		"obligations:\n"
		"  retain_at_most = 1 day                                 "
		"(imposed by 4.1, 9)\n"
		"  no_onward_transfer                                     "
		"(imposed by 4.1)\n"
		"  review_by = 2026-01-31                                 "
		"(imposed by 4.1)\n"
		"  allowed_places = {p01, p64}                            "
		"(imposed by 4.1)\n"
		"  shared_kinds = {illegal_access, criminal_defamation}   "
		"(imposed by 4.1)\n"
		"  min_penalty = 1 year                                   "
		"(imposed by 4.1)\n"
		"  max_count = -5                                         "
		"(imposed by 4.1)\n"
		"trace:\n"));
	dec.oblig_val[obligs[O_RETAIN].slot] = 180;
	dec.oblig_val[obligs[O_PENALTY].slot] = 4;
	out = explain();
	ck_assert_ptr_nonnull(strstr(out, "  retain_at_most = 180 days   "));
	ck_assert_ptr_nonnull(strstr(out, "  min_penalty = 4 years   "));
}
END_TEST

START_TEST(test_explain_pseudo_grounds)
{
	new_decision(PO_REFUSE, PG_DEFAULT);
	ck_assert_str_eq(explain(),
			 "outcome: refuse\n"
			 "grounds:\n"
			 "  default (no clause decided; the agreement's default "
			 "applies)\n"
			 "trace:\n"
			 "  nothing fired\n");
	new_decision(PO_REFUSE, PG_AGREEMENT);
	ck_assert_str_eq(explain(),
			 "outcome: refuse\n"
			 "grounds:\n"
			 "  agreement (the agreement is not in force for this "
			 "request)\n"
			 "trace:\n"
			 "  nothing fired\n");
}
END_TEST

/* ---- the fast decoder (runtime/json_fast.c) ---- */

/*
 * One line through the fast decoder and the general one, each from its
 * own exact-size copy: when the fast one takes the line, the general one
 * must take it too, with the same id and, packed over the defaults as
 * libpacta packs it, the same bytes.  Returns whether the fast decoder
 * took it.
 */
static int cross(const lp_schema *sc, const lp_names *nm, const char *line, size_t n)
{
	char *copy = malloc(n ? n : 1);
	uint64_t fp[NSLOTS + 1], gs[NSLOTS + 1], gp[NSLOTS + 1];
	lp_request_id fid, gid;
	lp_json_error gerr;
	int f, g;

	ck_assert_ptr_nonnull(copy);
	ck_assert_uint_le(sc->nslots, NSLOTS);
	ck_assert_uint_le(nm->data_size, sizeof fp);
	memcpy(copy, line, n);
	memset(fp, 0x11, sizeof fp);
	memset(gs, 0x22, sizeof gs);
	memset(&fid, 0x33, sizeof fid);
	memset(&gid, 0x44, sizeof gid);
	f = lp_json_decode_fast(nm, copy, n, (uint8_t *)fp, &fid);
	g = lp_json_decode_general(sc, nm, copy, n, 3, gs, &gid, &gerr);
	if (f == 0) {
		ck_assert_msg(g == 0, "fast took <%.*s>, general said: %s", (int)n, line, gerr.text);
		memcpy(gp, nm->defaults, nm->data_size);
		lp_pack(sc, nm->places, gs, (uint8_t *)gp);
		ck_assert_msg(memcmp(fp, gp, nm->data_size) == 0,
			      "packed requests differ on <%.*s>", (int)n, line);
		same_id(&fid, &gid);
	} else {
		ck_assert_int_eq(f, -1);
	}
	free(copy);
	return f == 0;
}

/* The ordinary lines: the fast decoder takes them, as the general one
 * decodes them. */
START_TEST(test_fast_takes)
{
	static const char *const lines[] = {
		"{" REQ "}",
		"{\"id\": 1, " REQ "}",
		"{\"id\": \"req-2/a b\", " REQ "}",
		"{" REQ ", \"id\": -0.5e+3}",
		"{" REQ ", \"id\": 0}",
		"{\"flag\":false,\"submitted\":\"0001-01-01\",\"penalty\":-9223372036854775808,"
		"\"offence\":\"criminal_defamation\"}",
		"\t{ \"flag\" : true ,\r\"submitted\" :\"9999-12-31\", \"penalty\": 9223372036854775807,"
		" \"offence\": \"misuse_of_devices\" }\t \r",
		"{" REQ ", \"places\": [\"p00\", \"p63\", \"p64\", \"p69\", \"p64\"], "
		"\"kinds\": [], \"count\": -7, \"retention\": 0, \"emergency\": true}",
		"{" REQ ", \"places\": [ ], \"kinds\": [ \"criminal_defamation\" , \"illegal_access\" ]}",
		"{\"flag\": false, \"count\": 2, \"submitted\": \"2025-03-01\", \"retention\": 7, "
		"\"penalty\": 5, \"offence\": \"illegal_access\", \"places\": [\"p00\"], "
		"\"kinds\": [], \"emergency\": true}",
		"{\"id\": \"" "0123456789012345678901234567890123456789012345678901234567890123"
		"456789012345678901234567890123456789012345678901234567890123456\", " REQ "}",
	};
	uint64_t want[NSLOTS], packed[NSLOTS + 1], w;
	uint8_t *data = (uint8_t *)packed;

	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		ck_assert_msg(cross(&schema, names, lines[i], strlen(lines[i])),
			      "the fast decoder declined <%s>", lines[i]);
		expect_ok(lines[i]);
	}
	/* and it writes what the tests above pin, unpacked */
	expect_ok(lines[7]);
	memcpy(want, slots, sizeof want);
	memset(packed, 0xee, sizeof packed);
	ck_assert_int_eq(lp_json_decode_fast(names, lines[7], strlen(lines[7]), data, &rid), 0);
	lp_unpack(&schema, names->places, data, slots);
	ck_assert_mem_eq(slots, want, sizeof want);
	ck_assert_uint_eq(slots[6], 1 | (uint64_t)1 << 63);
	ck_assert_uint_eq(slots[7], 1 | (uint64_t)1 << 5);
	ck_assert_uint_eq(slots[1], (uint64_t)-7);
	ck_assert_int_eq(rid.kind, 0);
	/* where a module reads them: the 8-byte fields first (count,
	 * retention, penalty, then the sets' words), the date, the enum in
	 * a byte, the two bools in the bits of the last */
	ck_assert_uint_eq(names->data_size, 56);
	memcpy(&w, data + 0, 8);
	ck_assert_uint_eq(w, (uint64_t)-7);
	memcpy(&w, data + 24, 8);
	ck_assert_uint_eq(w, 1 | (uint64_t)1 << 63);
	memcpy(&w, data + 32, 8);
	ck_assert_uint_eq(w, 1 | (uint64_t)1 << 5);
	memcpy(&w, data + 40, 8);
	ck_assert_uint_eq(w, 0);
	ck_assert_uint_eq(data[52], slots[5]);
	ck_assert_uint_eq(data[53], 3);       /* flag, emergency */
	ck_assert_uint_eq(data[54], 0);
	ck_assert_uint_eq(data[55], 0);
}
END_TEST

/* Everything else it declines, and the general decoder answers: valid
 * lines it does not handle (escapes, non-ASCII, other white space) as
 * well as every kind of error. */
START_TEST(test_fast_declines)
{
	char longid[300];
	static const char *const lines[] = {
		"", "   ", "[1]", "{}", "null", "{\"flag\": true}",
		"{" REQ ", \"flag\": true}",
		"{" REQ ", \"nope\": 1}",
		"{\"fl\\u0061g\": true, \"submitted\": \"2025-03-01\", \"penalty\": 5, "
		"\"offence\": \"illegal_access\"}",
		"{" REQ ", \"offence\": \"misuse\\u005fof_devices\"}",
		"{" REQ ", \"id\": \"a\\\"b\"}",
		"{" REQ ", \"id\": \"caf\xc3\xa9\"}",
		"{" REQ ", \"id\": \"tab\there\"}",
		"{" REQ ", \"id\": \"del\x7f\"}",
		"{" REQ ", \"id\": null}",
		"{" REQ ", \"id\": true}",
		"{" REQ ", \"id\": {}}",
		"{" REQ ", \"id\": 1, \"id\": 2}",
		"{" REQ ", \"id\": 01}",
		"{" REQ ", \"id\": 1.}",
		"{" REQ ", \"id\": 1e}",
		"{" REQ ", \"id\": -}",
		"\v{" REQ "}",
		"{" REQ "}\f",
		"{" REQ "}x",
		"{" REQ "} {}",
		"{" REQ ",}",
		"{" REQ " \"count\": 1}",
		"{" REQ ",, \"count\": 1}",
		"{" REQ ", \"count\" 1}",
		"{" REQ ", \"count\":: 1}",
		"{" REQ ", \"count\": 01}",
		"{" REQ ", \"count\": 1.0}",
		"{" REQ ", \"count\": 1e3}",
		"{" REQ ", \"count\": -}",
		"{" REQ ", \"count\": 9223372036854775808}",
		"{" REQ ", \"count\": -9223372036854775809}",
		"{" REQ ", \"count\": 99999999999999999999}",
		"{" REQ ", \"count\": 12345678901234567890123}",
		"{" REQ ", \"count\": \"1\"}",
		"{" REQ ", \"count\": 1x}",
		"{" REQ ", \"emergency\": \"true\"}",
		"{" REQ ", \"emergency\": tru}",
		"{" REQ ", \"emergency\": True}",
		"{" REQ ", \"emergency\": truex}",
		"{" REQ ", \"emergency\": 1}",
		"{" REQ ", \"emergency\": null}",
		"{\"flag\": true, \"submitted\": \"2025-02-29\", \"penalty\": 5, \"offence\": \"illegal_access\"}",
		"{\"flag\": true, \"submitted\": \"2025-3-01\", \"penalty\": 5, \"offence\": \"illegal_access\"}",
		"{\"flag\": true, \"submitted\": \"2025-03-01 \", \"penalty\": 5, \"offence\": \"illegal_access\"}",
		"{\"flag\": true, \"submitted\": \"2025-03-0\", \"penalty\": 5, \"offence\": \"illegal_access\"}",
		"{\"flag\": true, \"submitted\": 20250301, \"penalty\": 5, \"offence\": \"illegal_access\"}",
		"{\"flag\": true, \"submitted\": \"2025\\u002d03-01\", \"penalty\": 5, \"offence\": \"illegal_access\"}",
		"{" REQ ", \"offence\": \"Illegal_access\"}",
		"{" REQ ", \"offence\": \"illegal\taccess\"}",
		"{" REQ ", \"offence\": 3}",
		"{" REQ ", \"places\": [\"p70\"]}",
		"{" REQ ", \"places\": [\"p01\",]}",
		"{" REQ ", \"places\": [,\"p01\"]}",
		"{" REQ ", \"places\": [\"p01\" \"p02\"]}",
		"{" REQ ", \"places\": \"p01\"}",
		"{" REQ ", \"places\": [[\"p01\"]]}",
		"{" REQ ", \"places\": [1]}",
		"{" REQ ", \"places\": [\"p\\u0030\"]}",
		"{" REQ ", \"places\": [\"p01\"}",
		"{/* c */" REQ "}",
		"{" REQ,
		"{" REQ ", \"count\": 1",
		"{" REQ ", \"kinds\": [\"illegal_access\"",
		"{" REQ ", \"offence\": \"illegal_acc",
		"{\"id\"",
		"{\"",
		"{",
	};

	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		ck_assert_msg(!cross(&schema, names, lines[i], strlen(lines[i])),
			      "the fast decoder took <%s>", lines[i]);
		decode(lines[i]);       /* and through libpacta's path, the same */
	}
	/* an id that would be cut: 128 bytes, a string or a number */
	snprintf(longid, sizeof longid, "{" REQ ", \"id\": \"%0128d\"}", 7);
	ck_assert(!cross(&schema, names, longid, strlen(longid)));
	snprintf(longid, sizeof longid, "{" REQ ", \"id\": 1%0127d}", 0);
	ck_assert(!cross(&schema, names, longid, strlen(longid)));
	snprintf(longid, sizeof longid, "{" REQ ", \"id\": 1%0126d}", 0);
	ck_assert(cross(&schema, names, longid, strlen(longid)));
	/* a NUL anywhere */
	ck_assert(!cross(&schema, names, "{" REQ "}\0", sizeof("{" REQ "}")));
	ck_assert(!cross(&schema, names, "{\"id\": \"a\0b\", " REQ "}", sizeof("{\"id\": \"a\0b\", " REQ "}") - 1));
}
END_TEST

/*
 * The differential fuzzer in small: every line below, and every line one
 * edit away from it (a byte deleted, replaced, doubled or inserted, a
 * piece of JSON inserted, the line cut), through both decoders.  Whatever
 * the fast decoder takes must be taken alike by the general one; and it
 * must still take a fair share of them (white space, other values), or
 * the comparison would prove nothing.
 */
START_TEST(test_fast_mutations)
{
	static const char *const seeds[] = {
		"{\"id\": 7, " REQ ", \"places\": [\"p01\", \"p64\"], \"count\": -12, "
		"\"kinds\": [\"misuse_of_devices\"], \"retention\": 90, \"emergency\": false}",
		"{\"penalty\":10,\"offence\":\"criminal_defamation\",\"submitted\":\"2024-02-29\","
		"\"flag\":false,\"id\":\"x-1\"}",
		"{ \"id\" : 1.5e3 , \"flag\" : true , \"submitted\" : \"2025-03-01\" , "
		"\"penalty\" : 0 , \"offence\" : \"illegal_access\" , \"places\" : [ ] }",
		/* every field in the schema's order, where the decoder
		 * guesses each key from the one before */
		"{\"flag\": true, \"count\": 1, \"submitted\": \"2025-03-01\", \"retention\": 7, "
		"\"penalty\": 5, \"offence\": \"illegal_access\", \"places\": [\"p00\"], "
		"\"kinds\": [], \"emergency\": true, \"id\": \"k\"}",
	};
	static const char bytes[] = " \t\v\f\r\"\\,:{}[]01-+.eExtu\0\x7f\x80\xc3\xff";
	static const char *const pieces[] = {
		"\"id\": 1, ", "\"flag\": true, ", "\"count\": 5, ", ", \"count\": 5",
		"\\u0061", "\\\"", "null", "-0", "1e5", "\"p02\", ", "[]", "{}", "\xc3\xa9",
	};
	char buf[512];
	long tried = 0, taken = 0;

	for (size_t k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
		const char *seed = seeds[k];
		size_t n = strlen(seed);

		ck_assert(cross(&schema, names, seed, n));
		for (size_t i = 0; i <= n; i++) {
			/* cut */
			taken += cross(&schema, names, seed, i);
			tried++;
			if (i < n) {
				/* deleted, doubled */
				memcpy(buf, seed, i);
				memcpy(buf + i, seed + i + 1, n - i - 1);
				taken += cross(&schema, names, buf, n - 1);
				memcpy(buf, seed, i + 1);
				memcpy(buf + i + 1, seed + i, n - i);
				taken += cross(&schema, names, buf, n + 1);
				tried += 2;
			}
			for (size_t b = 0; b < sizeof bytes - 1; b++) {
				/* replaced */
				if (i < n) {
					memcpy(buf, seed, n);
					buf[i] = bytes[b];
					taken += cross(&schema, names, buf, n);
					tried++;
				}
				/* inserted */
				memcpy(buf, seed, i);
				buf[i] = bytes[b];
				memcpy(buf + i + 1, seed + i, n - i);
				taken += cross(&schema, names, buf, n + 1);
				tried++;
			}
			for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
				size_t m = strlen(pieces[p]);

				memcpy(buf, seed, i);
				memcpy(buf + i, pieces[p], m);
				memcpy(buf + i + m, seed + i, n - i);
				taken += cross(&schema, names, buf, n + m);
				tried++;
			}
		}
	}
	ck_assert_msg(taken * 50 > tried, "the fast decoder took %ld of %ld lines", taken, tried);
	ck_assert_msg(taken * 2 < tried, "the fast decoder took %ld of %ld lines", taken, tried);
}
END_TEST

/* Schemas the fast decoder does not take are decoded by the general one
 * alone: fields sharing words (a module's descriptor may say so), names
 * that a JSON string could only match through an escape. */
START_TEST(test_fast_schemas)
{
	static const char *const odd_members[] = { "a\\b", "plain" };
	static const lp_enum_desc odd_enums[] = { { "odd", 2, odd_members } };
	static const lp_field_desc odd_fields[] = {
		{ "v", PK_ENUM, 0, 0, 0, 1, NULL },
	};
	static const lp_field_desc shared_fields[] = {
		{ "flag", PK_BOOL, 0, 0, 0, 1, NULL },
		{ "count", PK_INT, 0, 0, 0, 1, NULL },
	};
	static const lp_field_desc gap_fields[] = {
		{ "flag", PK_BOOL, 0, 0, 1, 1, NULL },
	};
	lp_schema odd = { .nenums = 1, .enums = odd_enums, .nfields = 1,
			  .fields = odd_fields, .nslots = 1 };
	lp_schema shared = { .nfields = 2, .fields = shared_fields, .nslots = 1 };
	lp_schema gap = { .nfields = 1, .fields = gap_fields, .nslots = 2 };
	lp_schema *all[] = { &odd, &shared, &gap };
	static const char *const lines[] = {
		"{\"v\": \"plain\"}", "{\"flag\": true, \"count\": 2}", "{\"flag\": true}",
	};

	for (size_t i = 0; i < 3; i++) {
		lp_names *nm = lp_names_new(all[i]);
		uint64_t w[2] = { 9, 9 }, packed[2];
		lp_request_id id;
		lp_json_error err;

		ck_assert_ptr_nonnull(nm);
		ck_assert_int_eq(nm->fast, 0);
		ck_assert_uint_le(nm->data_size, sizeof packed);
		ck_assert_int_eq(lp_json_decode_fast(nm, lines[i], strlen(lines[i]),
						     (uint8_t *)packed, &id), -1);
		ck_assert_int_eq(lp_json_decode_packed(all[i], nm, lines[i], strlen(lines[i]), 1,
						       (uint8_t *)packed, w, &id, &err), 0);
		lp_names_free(nm);
	}
	/* and the test schema is one it takes */
	ck_assert_int_eq(names->fast, 1);
}
END_TEST

/* ---- the encoder from quoted names ---- */

static uint64_t next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Random decisions, outcomes and grounds out of range included, with and
 * without a trace and an id: the same text from the quoted names as from
 * the schema (encode() compares them). */
START_TEST(test_encode_quoted_random)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	lp_request_id ids[3] = { { 0, 0, 0, "" }, number_id("-1.5e3"), { 2, 0, 7, "a\"b\\c\x01" } };

	for (int i = 0; i < 3000; i++) {
		new_decision((int)(next_random(&x) % 4), (int)(next_random(&x) % 3));
		dec.grounds[0] = next_random(&x);
		dec.discretionary[0] = next_random(&x) & next_random(&x);
		dec.fired[0] = next_random(&x);
		dec.exempted[0] = next_random(&x);
		dec.oblig_set[0] = next_random(&x);
		for (uint32_t c = 0; c < schema.nclauses; c++)
			dec.exempted_by[c] = (uint32_t)(next_random(&x) % (schema.nclauses + 2));
		for (uint32_t j = 0; j < schema.noblig_slots; j++)
			dec.oblig_val[j] = next_random(&x);
		/* dates inside the calendar and just outside it */
		dec.oblig_val[obligs[O_REVIEW].slot] = next_random(&x) % (LP_DATE_MAX + 3);
		encode(&ids[i % 3], i % 2);
	}
}
END_TEST

/* A field read under a second name (pacta diff --replay, a field
 * renamed): either name decodes to it, not both in one line; the table
 * grows as aliases fill it, every name still found. */
START_TEST(test_names_alias)
{
	uint64_t a[NSLOTS], b[NSLOTS];
	lp_json_error e;
	static char more[40][16];

	ck_assert_int_eq(lp_names_alias(names, 8, "urgent"), 0);
	ck_assert_uint_eq(lp_names_field(names, "urgent", 6), 8);
	ck_assert_uint_eq(lp_names_field(names, "emergency", 9), 8);
	/* a name taken, a field out of range */
	ck_assert_int_eq(lp_names_alias(names, 0, "count"), -1);
	ck_assert_int_eq(lp_names_alias(names, COUNT(fields), "nine"), -1);
	ck_assert_uint_eq(lp_names_field(names, "nine", 4), UINT32_MAX);

	const char *old = "{" REQ ", \"emergency\": true}", *neu = "{" REQ ", \"urgent\": true}";
	ck_assert_int_eq(lp_json_decode_general(&schema, names, old, strlen(old), 1, a, NULL, &e), 0);
	ck_assert_int_eq(lp_json_decode_general(&schema, names, neu, strlen(neu), 1, b, NULL, &e), 0);
	ck_assert_mem_eq(a, b, sizeof a);
	ck_assert_uint_eq(b[9], 1);
	const char *both = "{" REQ ", \"emergency\": true, \"urgent\": false}";
	ck_assert_int_eq(lp_json_decode_general(&schema, names, both, strlen(both), 1, a, NULL, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.text, "duplicate field"));

	/* 9 fields in 32 slots: 40 names more grow the table twice */
	for (int i = 0; i < 40; i++) {
		snprintf(more[i], sizeof more[i], "alias_%d", i);
		ck_assert_int_eq(lp_names_alias(names, (uint32_t)i % COUNT(fields), more[i]), 0);
	}
	for (int i = 0; i < 40; i++)
		ck_assert_uint_eq(lp_names_field(names, more[i], strlen(more[i])), (uint32_t)i % COUNT(fields));
	for (uint32_t f = 0; f < COUNT(fields); f++)
		ck_assert_uint_eq(lp_names_field(names, fields[f].name, strlen(fields[f].name)), f);
	ck_assert_uint_eq(lp_names_field(names, "urgent", 6), 8);
}
END_TEST

/* A member read under a second name (pacta diff --replay, a member
 * renamed): either name decodes to it, as a value and in a set; a name
 * the enum has, or a member out of range, is refused. */
START_TEST(test_names_alias_member)
{
	uint64_t a[NSLOTS], b[NSLOTS];
	lp_json_error e;

	ck_assert_int_eq(lp_names_alias_member(names, E_OFFENCE, 1, "hacking"), 0);
	ck_assert_uint_eq(lp_names_member(names, E_OFFENCE, "hacking", 7), 1);
	ck_assert_uint_eq(lp_names_member(names, E_OFFENCE, offences[1], strlen(offences[1])), 1);
	ck_assert_int_eq(lp_names_alias_member(names, E_OFFENCE, 0, offences[2]), -1);
	ck_assert_int_eq(lp_names_alias_member(names, E_OFFENCE, 3, "nine"), -1);
	ck_assert_int_eq(lp_names_alias_member(names, COUNT(enums), 0, "nine"), -1);

	char old[256], neu[256];
	snprintf(old, sizeof old, "{" REQ ", \"kinds\": [\"%s\"]}", offences[1]);
	snprintf(neu, sizeof neu, "{" REQ ", \"kinds\": [\"hacking\"]}");
	ck_assert_int_eq(lp_json_decode_general(&schema, names, old, strlen(old), 1, a, NULL, &e), 0);
	ck_assert_int_eq(lp_json_decode_general(&schema, names, neu, strlen(neu), 1, b, NULL, &e), 0);
	ck_assert_mem_eq(a, b, sizeof a);
	ck_assert_uint_eq(b[8], 1u << 1);
	/* the other members keep their names */
	ck_assert_uint_eq(lp_names_member(names, E_OFFENCE, offences[0], strlen(offences[0])), 0);
	ck_assert_uint_eq(lp_names_member(names, E_OFFENCE, offences[2], strlen(offences[2])), 2);
}
END_TEST

Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc;

	tc = tcase_create("decode");
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	tcase_add_test(tc, test_decode_defaults);
	tcase_add_test(tc, test_encode_request_round_trip);
	tcase_add_test(tc, test_decode_every_field);
	tcase_add_test(tc, test_decode_sets);
	tcase_add_test(tc, test_decode_dates);
	tcase_add_test(tc, test_decode_integers);
	tcase_add_test(tc, test_decode_escapes);
	tcase_add_test(tc, test_decode_id);
	tcase_add_test(tc, test_decode_id_after_error);
	tcase_add_test(tc, test_decode_id_errors);
	tcase_add_test(tc, test_decode_id_truncation);
	tcase_add_test(tc, test_decode_large);
	tcase_add_test(tc, test_decode_null_outputs);
	tcase_add_test(tc, test_names_alias);
	tcase_add_test(tc, test_names_alias_member);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode errors");
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	tcase_add_test(tc, test_error_spec_example);
	tcase_add_test(tc, test_error_fields);
	tcase_add_test(tc, test_error_bool);
	tcase_add_test(tc, test_error_integers);
	tcase_add_test(tc, test_error_dates);
	tcase_add_test(tc, test_error_enums_and_sets);
	tcase_add_test(tc, test_error_quoting);
	tcase_add_test(tc, test_error_not_an_object);
	tcase_add_test(tc, test_error_malformed);
	tcase_add_test(tc, test_error_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("fast decoder");
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	tcase_add_test(tc, test_fast_takes);
	tcase_add_test(tc, test_fast_declines);
	tcase_add_test(tc, test_fast_mutations);
	tcase_add_test(tc, test_fast_schemas);
	suite_add_tcase(s, tc);

	tc = tcase_create("strbuf");
	tcase_add_checked_fixture(tc, NULL, sb_teardown);
	tcase_add_test(tc, test_sb_json_string);
	tcase_add_test(tc, test_sb_growth);
	suite_add_tcase(s, tc);

	tc = tcase_create("encode");
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	tcase_add_checked_fixture(tc, NULL, sb_teardown);
	tcase_add_test(tc, test_decision_layout);
	tcase_add_test(tc, test_encode_spec_examples);
	tcase_add_test(tc, test_encode_grounds);
	tcase_add_test(tc, test_encode_refer_all_kinds);
	tcase_add_test(tc, test_encode_trace);
	tcase_add_test(tc, test_encode_ids_and_errors);
	tcase_add_test(tc, test_encode_value);
	tcase_add_test(tc, test_encode_quoted_random);
	suite_add_tcase(s, tc);

	tc = tcase_create("explain");
	tcase_add_checked_fixture(tc, NULL, sb_teardown);
	tcase_add_test(tc, test_explain_grant);
	tcase_add_test(tc, test_explain_refuse);
	tcase_add_test(tc, test_explain_refer);
	tcase_add_test(tc, test_explain_pseudo_grounds);
	suite_add_tcase(s, tc);
	return s;
}
