/*
 * doc.h — `pacta doc`: an agreement as one self-contained HTML page.
 *
 * The page is what a lawyer reads: the header, each article's text beside
 * its clauses (their source, verbatim), clause labels as citations with
 * links both ways along `exempts`, the tests as worked examples, the
 * fixtures, the definitions of the main file and a diagram of the
 * exemption graph (inline SVG).  No external resources and no JavaScript;
 * the same checked program always gives the same bytes.
 */
#ifndef PACTA_DOC_H
#define PACTA_DOC_H

#include <stdio.h>

#include "pactac.h"

/* Writes the page for `lw` to `out` (`p` is its program, whose sources
 * are lexed again for highlighting).  Returns 0, or -1 when writing failed
 * (the caller reports it; nothing is printed to stderr). */
int doc_render(program *p, const lw_program *lw, FILE *out);
/* The page written to `path`, which it replaces whole (a failure leaves
 * what was there); 0, or 1 with the reason printed. */
int doc_to_file(program *p, const lw_program *lw, const char *path);

/* The page's style sheet, as lines (NULL-terminated): the typography the
 * review page of `pacta diff` shares (report.c). */
extern const char *const doc_css[];

#endif
