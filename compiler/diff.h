/*
 * diff.h — the structural part of `pacta diff` (diff.c): declarations
 * added, removed or changed by name or label, header and schema changes.
 * report.c prints them.
 */
#ifndef PACTA_DIFF_H
#define PACTA_DIFF_H

#include "pactac.h"

enum diff_op { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED };

typedef struct diff_item {
	const char *what;     /* "clause", "article", "define", "field", "header", ... */
	const char *name;     /* label or name */
	int op;               /* enum diff_op */
	const char *old, *neu;  /* the declaration's text on each side, or NULL */
} diff_item;

typedef struct diff_result {
	diff_item *items;
	size_t n, cap;
} diff_result;

/* Compares the main files of two lowered programs (px and py lex their
 * sources).  Texts live in px's arena. */
int diff_structural(program *px, const lw_program *x, program *py, const lw_program *y,
                    diff_result *r);
void diff_result_free(diff_result *r);

#endif
