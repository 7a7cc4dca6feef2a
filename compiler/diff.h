/*
 * diff.h — the structural part of `pacta diff` (diff.c): which clause of
 * one version is which of the other (by label, or by their rules when a
 * clause was renumbered), which of them can decide differently (the cone
 * the semantic diff compares), declarations added, removed or changed by
 * name or label, header and schema changes.  smt_diff.c reads the
 * matching; report.c prints the rest.
 */
#ifndef PACTA_DIFF_H
#define PACTA_DIFF_H

#include "pactac.h"

/* ---- which clause is which ---- */

/* A clause of one version or both.  SAME: the same label and the same
 * rules (its wording may differ: title, text, reasons); RENUMBERED: a
 * clause removed and one added with the same rules, under other labels;
 * CHANGED: the same label, other rules (or rules that read a define,
 * table, obligation or field that changed). */
enum diff_clause_state { DC_SAME, DC_RENUMBERED, DC_CHANGED, DC_ADDED, DC_REMOVED };

typedef struct diff_clause {
	int io[2];            /* the clause's index on each side, or -1 */
	uint8_t state;        /* enum diff_clause_state */
	uint8_t cone;         /* it can decide differently: changed, added,
	                         removed, or exempted (perhaps through other
	                         clauses) by one that is */
	uint8_t wording;      /* DC_SAME, DC_RENUMBERED: its text differs */
	uint8_t through;      /* DC_CHANGED: its own rules are the same; a
	                         define, table, field or obligation it reads
	                         changed */
} diff_clause;

typedef struct diff_match {
	diff_clause *clauses; /* the old side's in order, then the new side's
	                         that match none */
	size_t n;
	int *at[2];           /* per side: clause index -> index in clauses */
	int global;           /* the header changed what every request is
	                         decided by (parties, dates, default): every
	                         clause is in the cone */
	char why[160];        /* what changed in the header, when global */
	size_t ncone, nchanged, nrenumbered;
	int *field_at[2];     /* per side: field index -> the other side's field
	                         of the same name, or the one it was renamed
	                         to or from; or -1 */
	size_t nrenamed;      /* fields renamed */
	/* enum members renamed (diff_renamed_members; not owned): the
	 * replay, which decides with the versions as written, reads an
	 * obligation's set under either name */
	const struct diff_renamed_member *members_renamed;
	size_t nmembers_renamed;
} diff_match;

/* Matches the request fields of two lowered agreements, by name, then a
 * field removed with one added as a renaming (diff.c, match_fields); then
 * the clauses: by label, then the
 * clauses left over by their rules, in source order (labels that
 * `exempts` names read through the matching; a renamed field read under
 * its old name).  Fills m (free with
 * diff_match_free); returns 0. */
int diff_match_clauses(const lw_program *a, const lw_program *b, diff_match *m);
void diff_match_free(diff_match *m);
/* A clause's label on side s, or NULL. */
const char *diff_clause_label(const lw_program *const lw[2], const diff_clause *c, int s);

/* ---- members one version lacks ---- */

/* An enum member that side `side` lacks and the other version has. */
typedef struct diff_member {
	int side;
	const char *en, *member;
} diff_member;

/* The members each enum of `self` (side `side`) lacks that the enum of the
 * same name in `other` has, appended to *out (a growing array): of the
 * enums a request field of either names, as only those can be in a
 * request. */
void diff_missing_members(const lw_program *self, const lw_program *other, int side,
                          diff_member **out, size_t *n);

/* Compiles `path` again (load options `o`) with `members` (those of side
 * `side` of the list) appended to their enums, so that the semantic diff
 * can decide a request naming them as this version would a value outside
 * all its member tests.  NULL when the program does not check so (a table
 * without a `_` entry lists every member), with the first diagnostic in
 * `why`; the compilation is then freed. */
lw_program *diff_extend(compilation *cm, const load_opts *o, const char *path, int side,
                        const diff_member *members, size_t n, char *why, size_t whylen);

/* What the semantic diff compares, made from two compiled versions: each
 * compiled again with the members it lacks (when it checks so), the
 * members added, notes on those that could not be, and the matching of
 * their clauses. */
typedef struct diff_inputs {
	compilation ext[2];
	int has_ext[2];
	const lw_program *lw[2];    /* the extended program, or the original */
	diff_member *members;
	size_t nmembers;
	char **notes;
	size_t nnotes;
	diff_match match;
} diff_inputs;

/* `o[s]` loads side s again from `path[s]` (a module's embedded source
 * through o[s]->main_text).  Returns 0. */
int diff_prepare(diff_inputs *in, const load_opts *const o[2], const char *const path[2],
                 const lw_program *const orig[2]);
void diff_inputs_free(diff_inputs *in);

/* The `--by` fields of a signature, checked once for the search and the
 * replay alike: at most 16, each named once, not a party field (the
 * parties are in every signature), an enum field of both versions.
 * Returns 0, or -1 with what is wrong in err ("--by measure: neither
 * version has that field"). */
int diff_check_by(const lw_program *const lw[2], const diff_match *m, const char *const *by, size_t nby,
                  char *err, size_t cap);
/* Field `name` of side `side` (by name, or the one of the other side's of
 * that name was renamed to or from, through m; m may be NULL): its index,
 * or -1. */
int diff_find_field(const lw_program *const lw[2], const diff_match *m, int side, const char *name);

/* ---- enum members renamed ---- */

/* A member of an enum of the main file renamed between the versions:
 * `from` in the old one where `to` is in the new, between the same two
 * members both have (several in one place paired in order when as many
 * went as came, else only where the pair is the one that may be); `from`
 * names nothing else in the old version nor `to` in the
 * new one, neither is written in the other's main file, and the
 * declarations that name them are the same, by kind and name or label.
 * Not a Party: the enum of the parties is left alone. */
typedef struct diff_renamed_member {
	const char *en, *from, *to;
} diff_renamed_member;

/* Whether member a of enum `en` on side s is member b of the enum of that
 * name on the other side: by name, or renamed (m may be NULL). */
int diff_same_member(const diff_match *m, const char *en, int s, const char *a, const char *b);

/* A member the new version lacks where it has one the old lacked, not
 * taken as renamed: "fraud -> computer_fraud (clause 3.2 names ...)". */
typedef struct diff_rename_doubt {
	const char *en;
	char *text;
} diff_rename_doubt;

/* The members renamed from x (whose files px lexes) to y, in *out (free
 * it), and each file of the old version that writes an old name written
 * with the new one (every identifier `from` written `to`) in (*text)[f],
 * f its file id, or NULL (free each, and *text; NULL when none renamed);
 * in *doubts (free each text, and it) those not taken as renamed, and
 * why.  Returns how many renamed. */
size_t diff_renamed_members(program *px, const lw_program *x, program *py, const lw_program *y,
                            diff_renamed_member **out, char ***text, diff_rename_doubt **doubts, size_t *ndoubts);

/* ---- the structure ---- */

enum diff_op { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED, DIFF_RENUMBERED, DIFF_MOVED, DIFF_RENAMED };

typedef struct diff_item {
	const char *what;     /* "clause", "article", "define", "field", "header", ... */
	const char *name;     /* label or name (the old one, when renumbered) */
	const char *name2;    /* DIFF_RENUMBERED: the new label; DIFF_RENAMED:
	                         the field's new name; else NULL */
	int op;               /* enum diff_op */
	int same_rules;       /* a clause whose text changed but not its rules */
	const char *old, *neu;  /* the declaration's text on each side, or NULL */
	const char *of;       /* a member renamed: its enum */
	const struct diff_rename_doubt *doubts;   /* an enum changed: its
	                         members not taken as renamed, and why (of
	                         diff_structural's doubts, not owned) */
	size_t ndoubts;
} diff_item;

/* An assert of the new version's main file, proven in both versions
 * (review.c, as `pacta check` proves it): its verdict in each (enum
 * prove_status; old -1 where the old version's main file has no assert of
 * that name), and the new version's counterexample when it fails there.
 * Or an assert withdrawn (the old version's main file has it, the new
 * one's does not), proven in the new version all the same: neu -1 with
 * `unstated` when it cannot be stated there (a name it reads is gone). */
typedef struct diff_guarantee {
	const char *name;
	int old, neu;
	int reworded;         /* its text differs between the versions */
	int vacuous[2];       /* proven of no request: `always A implies B`
	                         where no request meets A (per version) */
	char *request_json, *decision_json;   /* or NULL */
	char *decision_text;                  /* the decision in words, or NULL */
	char *asymmetries;    /* `assert reciprocal` failing: each asymmetry
	                         with its pair of requests (lines), or NULL */
	int withdrawn;
	char *unstated;       /* withdrawn, neu -1: why, or NULL */
} diff_guarantee;

typedef struct diff_result {
	diff_item *items;
	size_t n, cap;
	diff_guarantee *guar;   /* the new version's asserts, in order, then
	                           those withdrawn, in the old one's order */
	size_t nguar;
	size_t old_asserts;     /* the old version's, of its main file */
	/* two versions of a part of an agreement: the agreement they were
	 * compared in, and the others beside it that import the part too
	 * (each followed by a NUL), or NULL */
	const char *part_of, *others;
	size_t others_len;
} diff_result;

/* Compares the main files of two lowered programs (px and py lex their
 * sources; m is their diff_match_clauses; ren their members renamed, and
 * doubts those not taken as renamed, each told with its enum's change:
 * an enum's are consecutive, as diff_renamed_members gives them).
 * Texts live in px's arena. */
int diff_structural(program *px, const lw_program *x, program *py, const lw_program *y,
                    const diff_match *m, const diff_renamed_member *ren, size_t nren,
                    const diff_rename_doubt *doubts, size_t ndoubts, diff_result *r);

void diff_result_free(diff_result *r);

#endif
