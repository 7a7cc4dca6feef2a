/*
 * prove.h — proofs over every request (prove.c): an agreement's asserts,
 * proven with Z3 over all the requests its types allow, with a
 * counterexample when one fails; and the request closest to a given one
 * that gets another outcome (`pacta explain --to`).
 *
 * Pipeline: lower -> smt_encode -> **prove** -> main.c (check, test,
 * explain --to) and doc.c (the Guarantees section).  Every request the
 * prover prints was decided again by the reference interpreter and does
 * what the prover claims, or the prover says it found a bug of its own.
 */
#ifndef PACTA_PROVE_H
#define PACTA_PROVE_H

#include <stdio.h>

#include "pactac.h"

enum prove_status { PROVE_PROVEN, PROVE_FAILS, PROVE_UNKNOWN, PROVE_BUG };

/* One assert's verdict.  For PROVE_FAILS, a counterexample: the request
 * (the fields off their defaults and those without one, as `pacta eval`
 * reads it) and the interpreter's decision of it with its trace. */
typedef struct prove_result {
	int status;                 /* enum prove_status */
	char *request_json, *decision_json;
	char *bug;                  /* PROVE_BUG: what went wrong */
	double seconds;
} prove_result;

/* Proves every assert of lw (imported files' too) into r[0 ..
 * lw->nasserts), each to be freed with prove_result_free. */
void prove_asserts(const lw_program *lw, prove_result *r);
void prove_result_free(prove_result *r);

/* Proves every assert of the main file; each one that fails is an error at
 * its line in `dg` (counted there), with its counterexample printed under
 * it.  Returns the number that failed or could not be proven. */
int prove_program(const lw_program *lw, diag *dg);

/* `pacta explain --to OUTCOME`: the request closest to `req` (fewest
 * fields changed, then fewest set members, then numbers nearest the given
 * ones) whose decision has outcome `to`, explained on `out` in words;
 * or, when none exists, the proof of it with the clauses that stand in the
 * way.  Returns 0 (either answer), 1 when the solver could not answer. */
int prove_explain_to(const lw_program *lw, const uint64_t *req, int to, FILE *out);

#endif
