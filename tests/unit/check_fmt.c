/* check_fmt.c — the formatter keeps every token and comment, re-indents
 * text blocks without changing them, and is a fixed point; also on
 * sources whose white space and comments are scrambled at random.  The
 * one token it drops is a comma between request fields. */
#include "helpers.h"
#include "parse_state.h"
#include "parser.h"

static char *format(const char *src, int *errors)
{
	tc t;
	*errors = tc_compile(&t, src, 0);
	if (*errors) {
		tc_free(&t);
		return NULL;
	}
	lp_strbuf out = { 0 };
	fmt_source(&t.prog, t.prog.files.items[0], &out);
	lp_sb_put(&out, "", 1);
	tc_free(&t);
	return out.data;
}

/* The tokens of two sources are the same, text blocks by content. */
static void same_tokens(const char *a, const char *b)
{
	tc ta, tb;
	tc_compile(&ta, a, 0);
	tc_compile(&tb, b, 0);
	lex_token *x, *y;
	size_t nx = lex_tokens(&ta.prog, ta.prog.files.items[0], &x);
	size_t ny = lex_tokens(&tb.prog, tb.prog.files.items[0], &y);
	ck_assert_uint_eq(nx, ny);
	for (size_t i = 0; i < nx; i++) {
		ck_assert_int_eq(x[i].kind, y[i].kind);
		if (x[i].kind == TEXTBLOCK) {
			ck_assert_str_eq(x[i].str, y[i].str);
			continue;
		}
		size_t la = x[i].end - x[i].start, lb = y[i].end - y[i].start;
		if (x[i].kind == COMMENT) {   /* white space ending a comment is not kept */
			while (la && (a[x[i].start + la - 1] == ' ' || a[x[i].start + la - 1] == '\t'))
				la--;
			while (lb && (b[y[i].start + lb - 1] == ' ' || b[y[i].start + lb - 1] == '\t'))
				lb--;
		}
		ck_assert_msg(la == lb, "token %zu: '%.*s' vs '%.*s'", i, (int)la, a + x[i].start, (int)lb, b + y[i].start);
		ck_assert(memcmp(a + x[i].start, b + y[i].start, la) == 0);
	}
	free(x);
	free(y);
	tc_free(&ta);
	tc_free(&tb);
}

static const char *const SAMPLE =
	"# header comment\n"
	"agreement \"T\" version \"1\"   parties XA,XB   default refuse # trailing\n"
	"enum party {XA,XB,XC}\n"
	"request{ p: party=XA  n:int = 0 # a count\n flag : bool = false }\n"
	"table t : party -> set of party { XA : {XB} _ : {} }\n"
	"define big = n>3 and (flag or p in t[p])\n"
	"article 1 \"Scope\" text \"\"\"\n      First line.\n        Indented.\n\n      Last.\n   \"\"\"\n"
	"clause 1.1 \"One\" from 2025-01-01 grant when big because \"why\"\n"
	"  # between rules\n"
	"  oblige o when flag\n"
	"obligation o\n"
	"test \"x\" given p = XA, n = 4 expect grant by 1.1 with o\n"
	"assert \"a\" always flag implies outcome = grant and grounded_by 1.1 assert reciprocal\n"
	"assert \"b\" never grounded_by agreement   and imposed o\n";

START_TEST(test_fixed_point_and_tokens)
{
	int e;
	char *a = format(SAMPLE, &e);
	ck_assert_int_eq(e, 0);
	char *b = format(a, &e);
	ck_assert_str_eq(a, b);
	same_tokens(SAMPLE, a);
	/* the canonical layout, pinned */
	ck_assert_ptr_nonnull(strstr(a, "agreement \"T\"\n  version \"1\"\n  parties XA, XB\n  default refuse  # trailing\n"));
	ck_assert_ptr_nonnull(strstr(a, "request {\n  p: party = XA\n  n: int = 0  # a count\n  flag: bool = false\n}\n"));
	ck_assert_ptr_nonnull(strstr(a, "  clause 1.1 \"One\" from 2025-01-01\n    grant when big\n    because \"why\"\n    # between rules\n    oblige o when flag\n"));
	ck_assert_ptr_nonnull(strstr(a, "  text \"\"\"\n  First line.\n    Indented.\n\n  Last.\n  \"\"\"\n"));
	ck_assert_ptr_nonnull(strstr(a, "assert \"a\"\n  always flag implies outcome = grant and grounded_by 1.1\nassert reciprocal\n"
	                                "assert \"b\"\n  never grounded_by agreement and imposed o\n"));
	free(a);
	free(b);
}
END_TEST

/* Scrambles the white space between tokens, keeping comments (which end
 * at a new line) and text blocks intact. */
static char *scramble(const char *src, unsigned seed)
{
	tc t;
	tc_compile(&t, src, 0);
	lex_token *x;
	size_t n = lex_tokens(&t.prog, t.prog.files.items[0], &x);
	lp_strbuf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		static const char *const ws[] = { " ", "  ", "\n", "\n\n", "\t", " \n   " };
		const char *w = ws[(seed >> 16) % 6];
		if (i && x[i - 1].kind == COMMENT && !strchr(w, '\n'))
			w = "\n";
		if (i)
			lp_sb_puts(&b, w);
		lp_sb_put(&b, src + x[i].start, x[i].end - x[i].start);
	}
	lp_sb_put(&b, "\n", 2);
	free(x);
	tc_free(&t);
	return b.data;
}

START_TEST(test_scrambled_sources)
{
	for (unsigned seed = 1; seed <= 200; seed++) {
		char *s = scramble(SAMPLE, seed);
		int e;
		char *a = format(s, &e);
		ck_assert_msg(e == 0, "seed %u", seed);
		char *b = format(a, &e);
		ck_assert_msg(strcmp(a, b) == 0, "not a fixed point, seed %u", seed);
		same_tokens(s, a);
		free(a);
		free(b);
		free(s);
	}
}
END_TEST

/* Commas between request fields are left out, a default's set kept
 * whole, a trailing comment kept on its line; the result is a fixed point. */
START_TEST(test_request_commas)
{
	int errors;
	char *out = format("enum x { p, q }\nrequest { a: int, # the a\n"
	                   "  b: bool,\n  c: set of x = {p, q}, }\n", &errors);
	ck_assert_int_eq(errors, 0);
	ck_assert_str_eq(out, "enum x { p, q }\nrequest {\n  a: int  # the a\n  b: bool\n"
	                      "  c: set of x = {p, q}\n}\n");
	char *again = format(out, &errors);
	ck_assert_str_eq(again, out);
	free(again);
	free(out);
}
END_TEST

Suite *fmt_suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *c = tcase_create("layout");
	tcase_add_test(c, test_fixed_point_and_tokens);
	tcase_add_test(c, test_scrambled_sources);
	tcase_add_test(c, test_request_commas);
	suite_add_tcase(s, c);
	return s;
}
