/*
 * review.h — `pacta diff` (review.c), for compiler/main.c.
 */
#ifndef PACTA_REVIEW_H
#define PACTA_REVIEW_H

#include "options.h"

/* The agreement of one version: a source, or a module's embedded source
 * (checked again here, with the standard library at hand; *text is then
 * that source, the caller's to free, else NULL).  NULL after printing the
 * errors.  Also the agreement of `explain --to`. */
lw_program *review_version(compilation *cm, const opts *o, const char *path, char **text);

/* `pacta diff OLD NEW` with the options `o`: the exit status. */
int review_run(const opts *o);

#endif
