/*
 * review.h — `pacta diff` (review.c), for compiler/main.c.
 */
#ifndef PACTA_REVIEW_H
#define PACTA_REVIEW_H

#include "options.h"
#include "run.h"

/* The agreement of one version: a source, or a module's embedded source
 * with the files it imports as the module carries them (checked again
 * here; *ms then holds them, and *lo reads them, until
 * module_sources_free).  NULL after printing the errors.  Also the
 * agreement of `explain --to`. */
lw_program *review_version(compilation *cm, load_opts *lo, const char *path, module_sources *ms);

/* `pacta diff OLD NEW` with the options `o`: the exit status. */
int review_run(const opts *o);

#endif
