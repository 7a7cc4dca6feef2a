/*
 * smt.h — agreements' decisions as Z3 formulas over the request fields
 * (smt_encode.c), and the semantic part of `pacta diff`: a search for the
 * kinds of change between two agreements with minimal, re-evaluated
 * witness requests (smt_diff.c).  report.c prints the result.
 *
 * The encoding follows compiler/eval.c step for step: step 0, in-force windows, exemptions in the checker's order,
 * fired rules, outcome, ground kind, grounds, obligations.  Scalars (int,
 * days, years, date) are 64-bit bit-vectors with eval.c's saturating + and
 * -; bools are Booleans; an enum is a bit-vector just wide enough for its
 * members, constrained to them; a set is one Boolean per member.
 *
 * Two agreements share one smt_ctx: their request fields are the same
 * variables when the fields have the same name and the same type (same kind;
 * for enums and sets the same member names in the same order).  An enum
 * field whose members changed is one variable too, each side reading it
 * through its own numbering (the driver gives each version the other's
 * members first, diff_extend in diff.c, so that the two have the same).  A
 * field in one agreement only is a free variable of its type.  A field
 * whose type differs is a schema change: each side gets its own variable,
 * fixed to that side's default when it has one, and the field is left out
 * of the semantic comparison (it is listed in smt_diff_result.schema).
 */
#ifndef PACTA_SMT_H
#define PACTA_SMT_H

#include <stdio.h>
#include <z3.h>

#include "pactac.h"

/* ---- the encoding ---- */

typedef struct smt_ctx smt_ctx;   /* one Z3 context and the request variables */
typedef struct smt_enc smt_enc;   /* one agreement's decision, encoded */

/* One agreement's decision as Z3 terms; Booleans unless said otherwise. */
typedef struct smt_decision {
	Z3_ast out_of_scope;         /* step 0 refused the request */
	Z3_ast outcome[PO__COUNT];   /* exactly one holds */
	Z3_ast ground[3];            /* PG_CLAUSES, PG_DEFAULT, PG_AGREEMENT */
	Z3_ast *grounds;             /* per clause (clause index) */
	Z3_ast *discretionary;       /* per clause: a discretionary ground */
	Z3_ast *fired;               /* per rule (false under step 0) */
	Z3_ast *exempted;            /* per clause */
	Z3_ast *oblig_set;           /* per schema obligation: reported */
	Z3_ast **oblig_val;          /* per schema obligation: NULL for a flag;
	                                one BV64 for min/max (0 when not set);
	                                nmembers Booleans for union/intersect */
	uint32_t *oblig_n;           /* per schema obligation: terms in oblig_val */
} smt_decision;

smt_ctx *smt_ctx_new(void);
void smt_ctx_free(smt_ctx *x);
Z3_context smt_z3(const smt_ctx *x);

/* Encodes agreement `c` as side 0 (old) or 1 (new) of the context.  The
 * lowered program must outlive the encoding.  Lives as long as the ctx. */
smt_enc *smt_encode(smt_ctx *x, const lw_program *c, int side);
const smt_decision *smt_enc_decision(const smt_enc *e);
/* Reciprocity (prove.c): agreement `c`, already encoded as side 0 of x,
 * encoded again as side 1 over the same variables with the request's two
 * Parties exchanged wherever a field names one (the requesting Party
 * becomes the requested one, a target of the one's nationality becomes
 * the other's), and with them the two Parties' rows of every party-keyed
 * table (smt_party_keyed): a lookup at one of the two reads the other's
 * row.  So side 1 decides the mirrored request as the agreement would if
 * each Party's own law went with it. */
smt_enc *smt_encode_swapped(smt_ctx *x, const lw_program *c);
/* Table t is keyed by the Parties' enum (the agreement lists parties). */
int smt_party_keyed(const lw_program *c, const lw_table *t);
/* An assert's property (a bool expression over the request and the
 * decision's facts) over this encoding (prove.c proves it). */
Z3_ast smt_enc_prop(smt_enc *e, const expr *prop);
/* A model giving the side's request fields the values of `req` (a request
 * of the side's schema).  The caller owns one reference (Z3_model_dec_ref). */
Z3_model smt_enc_model(smt_enc *e, const uint64_t *req);
/* Reads the side's request from a model (completing it with the fields'
 * defaults, or their first value, where the model leaves them free). */
void smt_enc_read(const smt_enc *e, Z3_model m, uint64_t *req);
/* prove.c: the request of agreement `lw` (encoded as `e` in `x`) that
 * meets `q` nearest the neutral one (the fields at their defaults, the
 * Parties the first two listed), submitted within the agreement's term,
 * as JSON (malloc'd); NULL when none does or none was found in `timeout`
 * ms.  The lints give it as their witness. */
char *prove_nearest(const lw_program *lw, smt_ctx *x, smt_enc *e, Z3_ast q, unsigned timeout);
/* The domain constraints of every variable so far (enum ranges, dates). */
Z3_ast smt_ctx_domain(smt_ctx *x);

/* ---- the semantic diff ---- */

struct diff_match;
struct diff_member;

typedef struct smt_diff_options {
	unsigned timeout_ms;        /* per solver query; 0: none */
	unsigned max_values;        /* distinct value changes listed per
	                               valued obligation (default 16) */
	unsigned max_causes;        /* causes (each with its witness) listed
	                               per kind of change (default 8) */
	unsigned max_regions;       /* new members and one-sided fields
	                               compared one by one (default 32) */
	int optimize;               /* 1 (default): natural witnesses by Z3's
	                               Optimize (fewest fields off the
	                               baseline, then the nearest values);
	                               0: unsat-core greedy (faster, locally
	                               minimal) */
	int signatures;             /* compute the signature summary (default 1) */
	const char *const *by;      /* the enum fields of a signature besides
	                               the parties; NULL: `assistance` when
	                               both versions have it as an enum */
	size_t nby;
	const char *baseline;       /* a fixture's name, or NULL: the first
	                               fixture, else the defaults */
	const struct diff_match *match;   /* diff_match_clauses of the two,
	                               or NULL (made here) */
	const struct diff_member *foreign;   /* members a side's program has
	                               only because the driver added them
	                               (diff_extend): the other version's,
	                               which that one lacks */
	size_t nforeign;
	const char *const *notes;   /* schema notes of the driver's, first */
	size_t nnotes;
	unsigned progress;          /* a progress line on stderr once a diff
	                               has run that many milliseconds (pacta
	                               diff: 2000); 0: none */
	int progress_every;         /* milliseconds between two lines; -1:
	                               0.5 s on a terminal, else 5 s */
} smt_diff_options;

void smt_diff_options_default(smt_diff_options *o);

enum smt_change_type {
	SMT_OUTCOME,                /* old outcome -> new outcome */
	SMT_OBLIG_ADDED,            /* same outcome; only new imposes it */
	SMT_OBLIG_REMOVED,          /* same outcome; only old imposes it */
	SMT_OBLIG_VALUE,            /* both impose it, with different values */
	SMT_GROUND_ADDED,           /* same outcome; a clause becomes a ground */
	SMT_GROUND_REMOVED,         /* same outcome; a clause is no longer one */
	SMT_DISCRETION_GAINED,      /* refer on both; a ground becomes discretionary */
	SMT_DISCRETION_LOST,        /* refer on both; a ground is no longer */
	SMT__TYPES
};
extern const char *const smt_change_type_names[SMT__TYPES];

/* One side of a witness, as that agreement's evaluator decided it. */
typedef struct smt_side {
	uint8_t outcome, ground;
	char **grounds;             /* clause labels, source order */
	size_t ngrounds;
	char **discretionary;       /* the grounds that are `may refuse` */
	size_t ndiscretionary;
	char **fired;               /* clauses with a fired rule, source order */
	size_t nfired;
	char **exempted;            /* clauses exempted */
	size_t nexempted;
	char *request_json;         /* the full request in this side's schema */
	char *decision_json;        /* pacta eval --trace form */
	char *text;                 /* the decision in words: "refuse by 3.1",
	                               "refer by 2.1 (may refuse)" */
} smt_side;

/* One kind of change: a cause, with its witness. */
typedef struct smt_change {
	int type;                   /* enum smt_change_type */
	uint8_t old_outcome, new_outcome;   /* SMT_OUTCOME; others: equal */
	char *clause;               /* SMT_GROUND_*, SMT_DISCRETION_*: the label */
	char *oblig;                /* SMT_OBLIG_*: the obligation */
	char *old_value, *new_value;  /* JSON of the value (NULL: absent or flag) */
	char *region;               /* the requests it was found among, when
	                               they name what one version lacks
	                               ("offence = sextortion, which the old
	                               version lacks"), or NULL */
	char **cause[2];            /* the clauses responsible on each side:
	                               its grounds (or sources) among the
	                               clauses that changed or that those
	                               exempt */
	size_t ncause[2];
	char *kind;                 /* "refuse by 3.1 (removed) -> grant",
	                               "retain_at_most: 180 days -> 120 days (4.1)" */
	char *witness_json;         /* the witness's fields off the baseline,
	                               and any field without a baseline value */
	char **witness_fields;      /* the names of those fields, in that order */
	size_t nwitness_fields;
	smt_side old, neu;
	int reproduced;             /* both evaluators confirm the kind */
	char *bug;                  /* when not: what went wrong */
} smt_change;

enum smt_sig_verdict {
	SMT_SIG_EQUIVALENT,         /* no request of the signature differs */
	SMT_SIG_MORE,               /* some decisions looser, none stricter */
	SMT_SIG_LESS,               /* the reverse */
	SMT_SIG_MIXED,              /* some looser, some stricter */
	SMT_SIG_CHANGED,            /* decisions differ only in their grounds */
	SMT_SIG__COUNT
};
extern const char *const smt_sig_verdict_names[SMT_SIG__COUNT];

typedef struct smt_signature {
	const char *requesting, *requested;   /* member names */
	const char **values;        /* the `by` fields' members, in order */
	int more, less, changed;    /* what was found (flags) */
	int verdict;                /* enum smt_sig_verdict */
	char *witness_more, *witness_less;   /* SMT_SIG_MIXED: a request each
	                                        way (JSON), or NULL */
} smt_signature;

typedef struct smt_diff_result {
	smt_change *changes;        /* the kinds of change, one witness each */
	size_t nchanges;            /* = count of distinct kinds found */
	char **schema;              /* schema changes, in words */
	size_t nschema;
	int partial;                /* some requests were left out of the
	                               comparison (the schema notes say which) */
	char **defaults;            /* the fields whose default changed: a
	                               request that leaves one out is not among
	                               those compared */
	size_t ndefaults;
	char **notes;               /* limits reached, and other caveats */
	size_t nnotes;
	char *baseline;             /* what witnesses are read against:
	                               "fixture ordinary (new version)" */
	char *baseline_json;        /* that request, in full */
	size_t nclauses[2];         /* clauses of each version */
	size_t ncone;               /* clauses compared (the cone) */
	size_t nrenumbered;         /* clauses renumbered (same rules) */
	int global;                 /* every clause compared: the header changed */
	char why[160];              /* what in the header, when global */
	int has_signatures;         /* the fields exist and the summary was made */
	char *signature_note;       /* why not, or what was enumerated */
	char **sig_fields;          /* the `by` fields */
	size_t nsig_fields;
	smt_signature *sigs;
	size_t nsigs;
	size_t sig_count[SMT_SIG__COUNT];
	size_t bugs;                /* witnesses that did not reproduce */
	int truncated;              /* a limit was reached (max_values,
	                               max_causes, max_regions): see notes */
	int unknown;                /* some query answered unknown (timeout) */
	unsigned queries;           /* solver checks made */
	double seconds;             /* wall time of smt_diff */
	char error[256];
} smt_diff_result;

/* Compares two lowered agreements; fills r (free with smt_diff_result_free).
 * Returns 0 on success (whether or not they differ), -1 on an error
 * (r->error: a `by` field that is missing or not an enum, a baseline
 * fixture neither version has).  o may be NULL for the defaults. */
int smt_diff(const lw_program *old, const lw_program *neu, const smt_diff_options *o,
             smt_diff_result *r);
void smt_diff_result_free(smt_diff_result *r);

/* ---- one request's two decisions in the words of the kinds (replay.c) ----
 * The kinds of change between the old and the new version's decisions of
 * one request, named as the semantic diff names them (without the search:
 * no solver is made), and whether the new decision is looser or stricter
 * (docs/diff.md). */

typedef struct smt_classifier smt_classifier;

smt_classifier *smt_classifier_new(const lw_program *old, const lw_program *neu,
                                   const struct diff_match *m);
void smt_classifier_free(smt_classifier *k);

/* SMT_UNORDERED: an obligation both decisions report with other values,
 * whose type or combine changed between the versions, so that no order
 * they share says which value is the stricter. */
enum { SMT_MORE = 1, SMT_LESS = 2, SMT_CHANGED = 4, SMT_UNORDERED = 8 };

/* Appends each kind of change, one per line, to `kinds`; returns the
 * directions found (SMT_MORE | SMT_LESS | SMT_CHANGED | SMT_UNORDERED), 0
 * when the two decide alike (renumbered clauses read as the same;
 * obligations matched by name, a set's members by name). */
int smt_classify(smt_classifier *k, const lp_decision_buf *old, const lp_decision_buf *neu,
                 lp_strbuf *kinds);
/* One version's decision (side 0 old, 1 new) in those words: its outcome,
 * and its grounds among the clauses that changed ("grant by 1.1
 * (changed)"), for a request the other version could not read. */
void smt_describe(smt_classifier *k, int side, const lp_decision_buf *d, lp_strbuf *out);

/* ---- between smt_encode.c and smt_diff.c ----
 * The variables and the encoding's state, and the term constructors both
 * use; not for other files. */

typedef struct smt_var {
	const char *name;
	uint8_t kind;               /* enum pk_kind */
	uint32_t nmembers;          /* enum, set */
	const lp_enum_desc *en;  /* of the side that made it */
	uint32_t width;             /* enum bit-vector width */
	Z3_ast s;                   /* the variable (not for sets) */
	Z3_ast *bits;               /* set: one Boolean per member */
	int priv;                   /* private to one side: its type changed */
	int field[2];               /* schema field index on each side, or -1 */
} smt_var;

struct smt_ctx {
	Z3_context z;
	arena *ar;
	smt_var **vars;
	size_t nvars, cap;
	Z3_sort b, bv64;
	Z3_ast t, f;
	Z3_ast *dom;                /* domain constraints */
	size_t ndom, capdom;
	smt_enc *enc[2];
	const uint8_t *late[2];     /* per side, or NULL: clauses whose fired
	                               actions and obligations are gathered
	                               last (set before smt_encode; the
	                               semantic diff puts its cone there) */
	char **notes;               /* schema changes found while encoding */
	size_t nnotes, capnotes;
	const int *field_at[2];     /* per side, or NULL: per field, the other
	                               side's it was renamed from or to (the
	                               diff's matching), read as one variable
	                               under the old version's name */
};

typedef struct val {
	Z3_ast s;
	Z3_ast *bits;
} val;

typedef struct entry_cache {
	const expr *key;
	val v;
} entry_cache;

struct smt_enc {
	smt_ctx *x;
	const lw_program *c;
	int side;
	int swapped;                /* smt_encode_swapped */
	smt_var **fv;               /* per schema field */
	val *defs;
	uint8_t *def_done;
	entry_cache *ec;            /* table entries by expr, open addressing */
	size_t ecap;
	smt_decision d;
	/* per min/max obligation: the values of its oblige rules when every
	 * one is a constant (the combined value is then one of them) */
	int64_t **oconst;
	uint32_t *noconst;
	uint8_t *ovar;              /* some oblige value reads the request */
};


int smt_is_false(smt_ctx *x, Z3_ast a);
/* A 64-bit bit-vector constant. */
Z3_ast smt_k64(smt_ctx *x, int64_t v);
Z3_ast smt_mk_not(smt_ctx *x, Z3_ast a);
Z3_ast smt_mk_and(smt_ctx *x, Z3_ast a, Z3_ast b);
Z3_ast smt_mk_or(smt_ctx *x, Z3_ast a, Z3_ast b);
Z3_ast smt_mk_eq(smt_ctx *x, Z3_ast a, Z3_ast b);
/* v = the value in words w (as a request of v's side holds it) */
Z3_ast smt_var_eq(smt_ctx *x, const smt_var *v, const uint64_t *w);
/* The index of member `name` of `en`, or -1. */
int smt_member_index(const lp_enum_desc *en, const char *name);
int64_t smt_model_num(smt_ctx *x, Z3_model m, Z3_ast a);
int smt_model_bool(smt_ctx *x, Z3_model m, Z3_ast a);

#endif
