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
 * for enums and sets the same member names in the same order).  A field in
 * one agreement only is a free variable of its type.  A field whose type
 * differs is a schema change: each side gets its own variable, fixed to that
 * side's default when it has one, and the field is left out of the semantic
 * comparison (it is listed in smt_diff_result.schema).
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
/* The domain constraints of every variable so far (enum ranges, dates). */
Z3_ast smt_ctx_domain(smt_ctx *x);

/* ---- the semantic diff ---- */

typedef struct smt_diff_options {
	unsigned timeout_ms;        /* per solver query; 0: none */
	unsigned max_values;        /* distinct value changes listed per
	                               valued obligation (default 16) */
	int optimize;               /* 1: minimum witnesses by Z3's MaxSAT
	                               (Z3_optimize, soft "field = default");
	                               0 (default): unsat-core greedy, then every
	                               field tried alone: no single field of the
	                               witness can go back to its default */
	int signatures;             /* compute the signature summary (default 1) */
} smt_diff_options;

void smt_diff_options_default(smt_diff_options *o);

enum smt_change_type {
	SMT_OUTCOME,                /* old outcome -> new outcome */
	SMT_OBLIG_ADDED,            /* both carry obligations; only new imposes it */
	SMT_OBLIG_REMOVED,          /* both carry obligations; only old imposes it */
	SMT_OBLIG_VALUE,            /* both impose it, with different values */
	SMT_GROUND_ADDED,           /* same outcome; a clause becomes a ground */
	SMT_GROUND_REMOVED          /* same outcome; a clause is no longer one */
};

/* One side of a witness, as that agreement's evaluator decided it. */
typedef struct smt_side {
	uint8_t outcome, ground;
	char **grounds;             /* clause labels, source order */
	size_t ngrounds;
	char **fired;               /* clauses with a fired rule, source order */
	size_t nfired;
	char **exempted;            /* clauses exempted */
	size_t nexempted;
	char *request_json;         /* the full request in this side's schema */
	char *decision_json;        /* pacta eval --trace form */
} smt_side;

/* One kind of change, with its witness. */
typedef struct smt_change {
	int type;                   /* enum smt_change_type */
	uint8_t old_outcome, new_outcome;   /* SMT_OUTCOME; SMT_GROUND_*: equal */
	char *clause;               /* SMT_GROUND_*: the clause's label */
	char *oblig;                /* SMT_OBLIG_*: the obligation */
	char *old_value, *new_value;  /* JSON of the value (NULL: absent or flag) */
	char *kind;                 /* "grant -> refuse", "retain_at_most: 180 -> 30 days" */
	char *witness_json;         /* the witness: fields off their defaults, and
	                               those without one (valid on both sides) */
	smt_side old, neu;
	int reproduced;             /* both evaluators confirm the kind */
	char *bug;                  /* when not: what went wrong */
} smt_change;

enum smt_sig_verdict {
	SMT_SIG_EQUIVALENT,         /* no request of the signature differs */
	SMT_SIG_MORE,               /* new grants/refers some old refused, never the reverse */
	SMT_SIG_LESS,               /* the reverse */
	SMT_SIG_INCOMPARABLE,       /* both */
	SMT_SIG_CHANGED,            /* same refusals; grant<->refer, obligations or grounds differ */
	SMT_SIG__COUNT
};
extern const char *const smt_sig_verdict_names[SMT_SIG__COUNT];

typedef struct smt_signature {
	const char *requesting, *requested, *assistance;   /* member names */
	int more, less, changed;    /* what was found (flags) */
	int verdict;                /* enum smt_sig_verdict */
} smt_signature;

typedef struct smt_diff_result {
	smt_change *changes;        /* the kinds of change, one witness each */
	size_t nchanges;            /* = count of distinct kinds found */
	char **schema;              /* schema changes, in words */
	size_t nschema;
	int has_signatures;         /* the fields exist and the summary was made */
	char *signature_note;       /* why not, or what was enumerated */
	smt_signature *sigs;
	size_t nsigs;
	size_t sig_count[SMT_SIG__COUNT];
	size_t bugs;                /* witnesses that did not reproduce */
	int truncated;              /* a value enumeration hit max_values */
	int unknown;                /* some query answered unknown (timeout) */
	unsigned queries;           /* solver checks made */
	double seconds;             /* wall time of smt_diff */
	char error[256];
} smt_diff_result;

/* Compares two lowered agreements; fills r (free with smt_diff_result_free).
 * Returns 0 on success (whether or not they differ), -1 on an error
 * (r->error).  o may be NULL for the defaults. */
int smt_diff(const lw_program *old, const lw_program *neu, const smt_diff_options *o,
             smt_diff_result *r);
void smt_diff_result_free(smt_diff_result *r);

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
	char **notes;               /* schema changes found while encoding */
	size_t nnotes, capnotes;
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
