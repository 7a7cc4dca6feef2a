/*
 * helpers.h — compiling a Pacta source held in a string, for unit tests:
 * the diagnostics are captured in memory so tests can assert on them.
 */
#ifndef PACTA_TEST_HELPERS_H
#define PACTA_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pactac.h"
#include "suites.h"

typedef struct tc {
	arena *ar;
	diag dg;
	program prog;
	checked *chk;
	lw_program *lw;     /* the lowered program, after a clean check */
	char *err;          /* diagnostics text */
	size_t errlen;
	FILE *errf;
} tc;

/* An empty program whose diagnostics go to t->err. */
static inline void tc_init(tc *t)
{
	memset(t, 0, sizeof *t);
	t->ar = arena_new();
	t->errf = open_memstream(&t->err, &t->errlen);
	diag_init(&t->dg, t->errf);
	t->prog.ar = t->ar;
	t->prog.names = intern_new(t->ar);
	t->prog.dg = &t->dg;
}

/* Parses (and, when `check` is set, checks and lowers) `src` as file
 * "t.pacta". */
static inline int tc_compile(tc *t, const char *src, int check)
{
	tc_init(t);
	srcfile *f = arena_alloc(t->ar, sizeof *f);
	f->path = "t.pacta";
	f->len = strlen(src);
	f->text = arena_strndup(t->ar, src, f->len);
	vec_push(t->ar, &t->prog.files, f);
	parse_file(&t->prog, f);
	if (check && !t->dg.errors)
		t->chk = check_program(&t->prog);
	if (t->chk && !t->dg.errors)
		t->lw = lower_program(t->chk);
	fflush(t->errf);
	return t->dg.errors;
}

static inline void tc_free(tc *t)
{
	fclose(t->errf);
	free(t->err);
	program_release(&t->prog);
	intern_free(t->prog.names);
	arena_free(t->ar);
}

/* A small self-contained schema most tests start from. */
#define TC_PRELUDE \
	"enum party { XA, XB, XC }\n" \
	"enum kind { alpha, beta, gamma }\n" \
	"request {\n" \
	"  from_party: party = XA\n" \
	"  k: kind = alpha\n" \
	"  n: int = 0\n" \
	"  d: days = 0 days\n" \
	"  y: years = 0 years\n" \
	"  when_: date = 2025-01-01\n" \
	"  flag: bool = false\n" \
	"  ks: set of kind = {}\n" \
	"}\n"

/* tc_compile, checked and lowered, of TC_PRELUDE followed by `src`. */
static inline int tc_compile_prelude(tc *t, const char *src)
{
	char *full = malloc(strlen(TC_PRELUDE) + strlen(src) + 1);
	strcpy(full, TC_PRELUDE);
	strcat(full, src);
	int n = tc_compile(t, full, 1);
	free(full);
	return n;
}

#endif
