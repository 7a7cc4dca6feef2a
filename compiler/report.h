/*
 * report.h — the outputs of `pacta diff` (report.c): the structural part
 * (diff.h), the semantic part (smt.h) and the replay of logged requests
 * (replay.h) as text, JSON or an HTML page.
 */
#ifndef PACTA_REPORT_H
#define PACTA_REPORT_H

#include <stdio.h>

#include "diff.h"
#include "replay.h"
#include "smt.h"

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_HTML };

/* Prints the whole diff of `a` and `b` (their names as given) in one
 * format: the structure, then the semantic diff (r) or the replay (rr),
 * whichever is not NULL.  `pa` and `pb` are the two programs (the HTML
 * page shows their clauses).  Returns 0, or -1 when writing failed. */
int report_diff(FILE *out, int format, const char *a, const char *b, program *pa, const lw_program *la,
                program *pb, const lw_program *lb, const diff_result *sr, const smt_diff_result *r,
                const replay_result *rr);

/* Only the semantic part, as text or JSON (for the test tools). */
int report_semantic(FILE *out, int format, const smt_diff_result *r);

#endif
