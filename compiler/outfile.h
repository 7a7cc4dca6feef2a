/*
 * outfile.h — writing what `pacta` makes (outfile.c): a file whole or not
 * at all, and a stream's errors found before the exit status is given.
 */
#ifndef PACTA_OUTFILE_H
#define PACTA_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes n bytes to `path`, whole or not at all: into a new file beside it
 * (".NAME.XXXXXX" in the same directory), synced, then renamed over it, so
 * that a failure leaves what was there; a file it replaces keeps its
 * permissions, and a symbolic link keeps pointing where it did.  A path
 * that is not a regular file (a device, a FIFO) is written directly.
 * Returns 0, or -1 with errno set.
 */
int outfile_write(const char *path, const void *data, size_t n);

/* Whether two paths name the same existing file. */
int outfile_same(const char *a, const char *b);

/* Flushes `f` and says whether everything written to it got there: 0, or
 * -1 with "pacta: cannot write NAME: ..." printed (once: a stream already
 * said to have failed is not said again). */
int outfile_finish(FILE *f, const char *name);

#endif
