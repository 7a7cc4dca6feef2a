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
	char *decision_text;        /* the decision in words (lp_explain), or NULL */
	char *bug;                  /* PROVE_BUG: what went wrong */
	char *note;                 /* PROVE_FAILS: the obligations the property
	                               reads that the counterexample's decision
	                               does not impose, and the value they then
	                               have, in words (lines), or NULL */
	int vacuous;                /* PROVE_PROVEN, `always A implies B`: no
	                               request meets A, so it promises nothing */
	/* reciprocity: each asymmetry with its witness pair (lines indented
	 * by 2), and what the proof leaves aside (lines), or NULL */
	char *asymmetries, *aside;
	double seconds;
} prove_result;

/* Proves every assert of lw (imported files' too) into r[0 ..
 * lw->nasserts), each to be freed with prove_result_free; with
 * `vacuity`, whether a proven `always A implies B` is vacuous too (one
 * query more each: pacta doc's, where `pacta check` has the lint). */
void prove_asserts(const lw_program *lw, prove_result *r, int vacuity);
void prove_result_free(prove_result *r);

/* `pacta check --reciprocity` and `assert reciprocal`: swapping the
 * requesting and the requested Party never changes a decision (outcome,
 * grounds, obligations), each Party's rows of the party-keyed tables going
 * with it, on the requests where no reservation or declaration applies.
 * The agreement must list parties.  PROVE_FAILS with the asymmetries. */
void prove_reciprocity(const lw_program *lw, prove_result *r);
/* `pacta check --reciprocity` on lw, read from `path`: "reciprocal", with
 * what the proof leaves aside, on standard output; or an error at the
 * header in `dg` with each asymmetry. */
void prove_check_reciprocity(const lw_program *lw, diag *dg, const char *path);

/* Proves every assert of the main file; each one that fails is an error at
 * its line in `dg` (counted there), with its counterexample printed under
 * it.  Returns the number that failed or could not be proven. */
int prove_program(const lw_program *lw, diag *dg);

/* What reciprocity compares a request with (and tests/smt/encode_check.c
 * checks smt_encode_swapped against): the request mirrored, its two
 * Parties exchanged in every field that names a Party (`out` of
 * schema.nslots words); and the agreement with members p and q's rows of
 * every party-keyed table exchanged, for the interpreter to decide the
 * mirrored request (free with prove_free_permuted). */
void prove_mirror(const lw_program *lw, const uint64_t *req, uint64_t *out);
lw_program *prove_permuted(const lw_program *lw, uint32_t p, uint32_t q);
void prove_free_permuted(const lw_program *lw, lw_program *c);

/* `pacta explain --to OUTCOME`, as a library call: the request closest to
 * `req` (fewest fields changed, then fewest set members changed, then
 * each number nearest its given value) whose decision has outcome `to`
 * (enum po_outcome), in words on `out`: each change with the clauses it
 * brings about or sets aside, the request as `pacta eval` reads it (the
 * line "request: {...}"), and its decision explained.  Returns
 * PROVE_FAILS when such a request exists (or `req` is already decided
 * so), PROVE_PROVEN when none does (the text says which clauses could
 * decide so and never do), PROVE_UNKNOWN on a timeout, PROVE_BUG when the
 * interpreter does not confirm the request found.  The `nkeep` fields
 * `keep` (schema field indices) are held at their values in `req`, as
 * the date of submission and the Parties are. */
int prove_explain_to(const lw_program *lw, const uint64_t *req, int to, const uint32_t *keep, size_t nkeep,
                     lp_strbuf *out, lp_strbuf *json);

#endif
