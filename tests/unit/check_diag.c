/* check_diag.c — diagnostics (compiler/diag.c): columns in characters,
 * the caret under the character meant, fixes, and the sink tools read. */
#include "helpers.h"

START_TEST(test_columns_count_characters)
{
	tc t;
	/* "é" is two bytes, "الدولة" twelve: the column counts them as six */
	tc_compile(&t, "define réserve = 1\ndefine الدولة = réserve + nope\n", 1);
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:2:27: error: unknown name 'nope'"));
	/* the caret line: 26 spaces, then ^~~~ */
	ck_assert_ptr_nonnull(strstr(t.err, "\n                          ^~~~\n"));
	tc_free(&t);
}
END_TEST

START_TEST(test_utf16_columns)
{
	srcfile f = { 0 };
	f.path = "x";
	f.text = "a\xf0\x9f\x98\x80" "b\n";   /* a, U+1F600, b */
	f.len = strlen(f.text);
	uint32_t line, col;
	src_linecol(&f, 5, 0, &line, &col);   /* before b: the third character */
	ck_assert_uint_eq(col, 3);
	src_linecol(&f, 5, 1, &line, &col);   /* UTF-16: a surrogate pair before it */
	ck_assert_uint_eq(col, 4);
	ck_assert_uint_eq(src_offset(&f, 0, 3), 5);
	ck_assert_uint_eq(src_offset(&f, 0, 99), 6);   /* clamped to the line */
	srcfile_release(&f);
}
END_TEST

START_TEST(test_line_alone)
{
	srcfile f = { 0 };
	f.path = "z";
	f.text = "a\n\nbc\n";
	f.len = strlen(f.text);
	/* the line src_linecol gives, at every offset and past the end */
	for (uint32_t off = 0; off <= f.len + 1; off++) {
		uint32_t line, col;
		src_linecol(&f, off, 0, &line, &col);
		ck_assert_uint_eq(src_line(&f, off), line);
	}
	ck_assert_uint_eq(src_line(&f, 3), 3);   /* b */
	ck_assert_uint_eq(src_line(&f, (uint32_t)f.len), 4);   /* after the last line end */
	srcfile_release(&f);
}
END_TEST

START_TEST(test_fix_printed_under_caret)
{
	tc t;
	tc_compile(&t, "enum k { alpha }\ndefine a: k = alpa\n", 1);
	ck_assert_ptr_nonnull(strstr(t.err, "did you mean 'alpha'?\ndefine a: k = alpa\n              ^~~~\n              alpha\n"));
	tc_free(&t);
}
END_TEST

static int nsink;
static char sunk[256];
static void sink(void *ctx, const diag_item *it)
{
	(void)ctx;
	nsink++;
	snprintf(sunk, sizeof sunk, "%d %s %zu %zu %s", it->severity, it->message, it->nnotes, it->nfixes,
	         it->nfixes ? it->fixes[0].text : "");
}

START_TEST(test_sink_gets_notes_and_fixes)
{
	arena *ar = arena_new();
	diag dg;
	diag_init(&dg, NULL);
	dg.sink = sink;
	srcfile f = { 0 };
	f.path = "y";
	f.text = "abc def\n";
	f.len = 8;
	span a = { &f, 0, 3 }, b = { &f, 4, 7 };
	nsink = 0;
	diag_error(&dg, a, "first %d", 1);
	diag_note(&dg, b, "a note");
	diag_fix(&dg, a, "xyz");
	ck_assert_int_eq(nsink, 0);   /* finished when the next begins */
	diag_warning(&dg, "some-lint", b, "second");
	ck_assert_int_eq(nsink, 1);
	ck_assert_str_eq(sunk, "0 first 1 1 1 xyz");
	diag_flush(&dg);
	ck_assert_int_eq(nsink, 2);
	ck_assert_str_eq(sunk, "1 second 0 0 ");
	ck_assert_int_eq(dg.errors, 1);
	ck_assert_int_eq(dg.warnings, 1);
	srcfile_release(&f);
	arena_free(ar);
}
END_TEST

Suite *diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *c = tcase_create("diag");
	tcase_add_test(c, test_columns_count_characters);
	tcase_add_test(c, test_utf16_columns);
	tcase_add_test(c, test_line_alone);
	tcase_add_test(c, test_fix_printed_under_caret);
	tcase_add_test(c, test_sink_gets_notes_and_fixes);
	suite_add_tcase(s, c);
	return s;
}
