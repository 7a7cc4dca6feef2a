/*
 * model.h — the decision model shared by every Pacta backend.
 *
 * This is the runtime's internal view of an agreement once it has been
 * checked: a schema (fields laid out in 64-bit slots, enums, obligations,
 * clauses and rules) and the flat request and decision buffers that an
 * evaluator reads and writes.  The reference interpreter (compiler/eval.c)
 * and the native modules both fill a pacta_decision laid out by this file,
 * so the JSON codec and the explanation renderer below serve both, and a
 * difference between backends can only come from evaluation itself.
 *
 * Nothing here depends on the compiler.  Nothing here is public API: the
 * public header is runtime/pacta.h.
 */
#ifndef PACTA_MODEL_H
#define PACTA_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Value kinds of fields, defines, tables and obligations. */
#define LP_KINDS(X) \
	X(PK_BOOL, "bool") \
	X(PK_INT, "int") \
	X(PK_DATE, "date") \
	X(PK_DAYS, "days") \
	X(PK_YEARS, "years") \
	X(PK_ENUM, "enum") \
	X(PK_SET, "set")

enum pk_kind {
#define X(k, s) k,
	LP_KINDS(X)
#undef X
	PK__COUNT
};

/* Outcomes, weakest first so that "strongest wins" is a max. */
#define LP_OUTCOMES(X) \
	X(PO_GRANT, "grant") \
	X(PO_REFER, "refer") \
	X(PO_REFUSE, "refuse")

enum po_outcome {
#define X(k, s) k,
	LP_OUTCOMES(X)
#undef X
	PO__COUNT
};

/* What decided: clauses whose rules fired, the default, or step 0. */
enum pg_ground { PG_CLAUSES, PG_DEFAULT, PG_AGREEMENT };

/* Rule actions.  The first three coincide with the outcomes.  A fired
 * `may refuse` carries the outcome refer: the requested Party may invoke
 * the ground, and its central authority decides. */
#define LP_ACTIONS(X) \
	X(PA_GRANT, "grant") \
	X(PA_REFER, "refer") \
	X(PA_REFUSE, "refuse") \
	X(PA_OBLIGE, "oblige") \
	X(PA_EXEMPTS, "exempts") \
	X(PA_MAY_REFUSE, "may refuse")

enum pa_action {
#define X(k, s) k,
	LP_ACTIONS(X)
#undef X
	PA__COUNT
};

/* The outcome a rule of this action carries, or -1 (oblige, exempts). */
static inline int lp_action_outcome(int action)
{
	return action <= PA_REFUSE ? action : action == PA_MAY_REFUSE ? PO_REFER : -1;
}

/* What a clause is: an operative clause, or a reservation or declaration
 * that one Party deposited (in force only in that Party's relations). */
#define LP_CLAUSE_KINDS(X) \
	X(CK_CLAUSE, "clause") \
	X(CK_RESERVATION, "reservation") \
	X(CK_DECLARATION, "declaration")

enum ck_kind {
#define X(k, s) k,
	LP_CLAUSE_KINDS(X)
#undef X
	CK__COUNT
};

/* Who bears an obligation, as the agreement says (or nobody said). */
#define LP_BEARERS(X) \
	X(PB_UNSAID, "") \
	X(PB_REQUESTING, "requesting") \
	X(PB_REQUESTED, "requested")

enum pb_bearer {
#define X(k, s) k,
	LP_BEARERS(X)
#undef X
	PB__COUNT
};

/* How a valued obligation combines over the clauses that impose it. */
#define LP_COMBINES(X) \
	X(PC_FLAG, "flag") \
	X(PC_MIN, "min") \
	X(PC_MAX, "max") \
	X(PC_UNION, "union") \
	X(PC_INTERSECT, "intersect")

enum pc_combine {
#define X(k, s) k,
	LP_COMBINES(X)
#undef X
	PC__COUNT
};

extern const char *const lp_kind_names[PK__COUNT];
extern const char *const lp_outcome_names[PO__COUNT];
extern const char *const lp_action_names[PA__COUNT];
extern const char *const lp_combine_names[PC__COUNT];
extern const char *const lp_clause_kind_names[CK__COUNT];
extern const char *const lp_bearer_names[PB__COUNT];

/* Dates are days since 0001-01-01 (proleptic Gregorian), so 0001-01-01 is 0
 * and ordinary integer comparison orders them. */
#define LP_DATE_MIN 0                 /* 0001-01-01 */
#define LP_DATE_MAX 3652058           /* 9999-12-31 */

typedef struct lp_enum_desc {
	const char *name;
	uint32_t nmembers;
	const char *const *members;
} lp_enum_desc;

/* A request field: `nslots` 64-bit words starting at `slot`; one word for
 * a scalar, ceil(nmembers/64) for a set. */
typedef struct lp_field_desc {
	const char *name;
	uint8_t kind;          /* enum pk_kind */
	uint8_t has_default;
	uint32_t enum_index;   /* PK_ENUM, PK_SET: index into the enums */
	uint32_t slot;
	uint32_t nslots;
	const uint64_t *defval; /* nslots words when has_default */
} lp_field_desc;

/* An obligation: a flag, or a value in `nslots` words at `slot` of the
 * decision's obligation values; reported with the outcomes in `on` (bit
 * 1 << outcome), borne by `bearer`, described by `description`. */
typedef struct lp_oblig_desc {
	const char *name;
	uint8_t combine;       /* enum pc_combine */
	uint8_t kind;          /* value kind; PK_BOOL for flags */
	uint8_t on;            /* outcomes it is reported with */
	uint8_t bearer;        /* enum pb_bearer */
	uint32_t enum_index;
	uint32_t slot;
	uint32_t nslots;
	const char *description;   /* or NULL */
} lp_oblig_desc;

/* The outcomes an obligation goes with when the agreement does not say:
 * grant and refer (a refusal carries none). */
#define LP_ON_DEFAULT ((1u << PO_GRANT) | (1u << PO_REFER))

typedef struct lp_clause_desc {
	const char *label;
	const char *article;       /* label of its article, or NULL */
	const char *article_title; /* or NULL */
	const char *article_text;  /* or NULL; a reservation's or
	                              declaration's own text */
	const char *title;         /* or NULL */
	const char *file;
	uint32_t line;
	uint8_t kind;              /* enum ck_kind */
	uint32_t owner;            /* the depositing Party: a member of the
	                              parties' enum; UINT32_MAX for a clause */
} lp_clause_desc;

typedef struct lp_rule_desc {
	uint32_t clause;     /* index into clauses */
	uint8_t action;      /* enum pa_action */
	uint32_t oblig;      /* PA_OBLIGE: index into obligations */
	const char *reason;  /* `because` text, or NULL */
	uint32_t line;
} lp_rule_desc;

/* The whole shape of an agreement as the runtime sees it. */
typedef struct lp_schema {
	const char *title;
	const char *version;
	const char *text;          /* the header's text (status, disclaimers), or NULL */
	uint8_t default_outcome;   /* enum po_outcome */
	const char *default_reason;   /* the default's `because`, or NULL */
	uint32_t party_enum;       /* the enum of the parties (owners), or
	                              UINT32_MAX when there are no parties */
	uint32_t nparties;         /* the Parties the header lists, */
	const uint32_t *parties;   /* as members of party_enum, in its order */
	uint8_t has_effective;     /* the header gives `effective`, */
	uint8_t has_expires;       /* `expires`: */
	int64_t effective;         /* day numbers */
	int64_t expires;
	uint32_t nenums;
	const lp_enum_desc *enums;
	uint32_t nfields;
	const lp_field_desc *fields;
	uint32_t nslots;           /* request words */
	uint32_t noblig;
	const lp_oblig_desc *obligs;
	uint32_t noblig_slots;     /* obligation value words */
	uint32_t nclauses;
	const lp_clause_desc *clauses;
	uint32_t nrules;
	const lp_rule_desc *rules;
} lp_schema;

#define LP_BITWORDS(n) (((size_t)(n) + 63) / 64)

static inline int lp_bit(const uint64_t *w, size_t i)
{
	return (int)((w[i / 64] >> (i % 64)) & 1);
}

static inline void lp_bit_set(uint64_t *w, size_t i)
{
	w[i / 64] |= (uint64_t)1 << (i % 64);
}

/*
 * The packed request: what a native module's functions read.  Each field
 * holds its value in as few bytes as it needs — a bool in one bit, an
 * enum in the narrowest unsigned integer its members fit, a date in 32
 * bits (LP_DATE_MAX fits), int, days and years in 64, a set in its 64-bit
 * words — the wide ones first so that each is naturally aligned, the size
 * rounded up to whole words.  The layout is a function of the schema
 * alone: the compiler and the runtime compute it with this same function,
 * so it is not in the descriptor; changing it changes what modules read
 * (module_abi.h: bump LP_ABI_VERSION).  The interpreter, the general
 * JSON decoder and the tests keep the one-word-per-slot form; lp_pack and
 * lp_unpack convert.  The fast JSON decoder (json_fast.c) writes the
 * packed form itself.
 */
typedef struct lp_place {
	uint32_t at;           /* byte offset */
	uint8_t width;         /* bytes: 1, 2, 4 or 8 (sets: 8 per word);
	                          0 for one bit */
	uint8_t bit;           /* width 0: the bit of byte `at` */
	uint8_t is_signed;     /* width 4: a date (sign-extended) */
} lp_place;

static inline uint8_t lp_place_width(const lp_schema *s, const lp_field_desc *f)
{
	uint32_t n;

	switch (f->kind) {
	case PK_BOOL:
		return 0;
	case PK_DATE:
		return 4;
	case PK_ENUM:
		n = s->enums[f->enum_index].nmembers;
		return n <= 256 ? 1 : n <= 65536 ? 2 : 4;
	default:
		return 8;   /* int, days, years; sets per word */
	}
}

/* Places every field (places[nfields]); returns the packed size in bytes,
 * a multiple of 8 and at least 8. */
static inline uint32_t lp_request_places(const lp_schema *s, lp_place *places)
{
	uint32_t at = 0, bits = 0;
	static const uint8_t widths[] = { 8, 4, 2, 1 };

	for (unsigned k = 0; k < sizeof widths; k++)
		for (uint32_t i = 0; i < s->nfields; i++) {
			const lp_field_desc *f = &s->fields[i];

			if (lp_place_width(s, f) != widths[k])
				continue;
			places[i].at = at;
			places[i].width = widths[k];
			places[i].bit = 0;
			places[i].is_signed = f->kind == PK_DATE;
			at += f->kind == PK_SET ? 8 * f->nslots : widths[k];
		}
	for (uint32_t i = 0; i < s->nfields; i++)
		if (lp_place_width(s, &s->fields[i]) == 0) {
			places[i].at = at + bits / 8;
			places[i].width = 0;
			places[i].bit = (uint8_t)(bits % 8);
			places[i].is_signed = 0;
			bits++;
		}
	at += (bits + 7) / 8;
	return at ? (at + 7) / 8 * 8 : 8;
}

/* A scalar's value at its place, as the one-word form holds it. */
static inline uint64_t lp_place_get(const lp_place *p, const uint8_t *data)
{
	const uint8_t *q = data + p->at;

	switch (p->width) {
	case 0:
		return (uint64_t)(*q >> p->bit & 1);
	case 1:
		return *q;
	case 2:
		return *(const uint16_t *)(const void *)q;
	case 4:
		return p->is_signed ? (uint64_t)(int64_t)*(const int32_t *)(const void *)q
		                    : *(const uint32_t *)(const void *)q;
	default:
		return *(const uint64_t *)(const void *)q;
	}
}

/* Stores a scalar's value (in range for its kind: the setters and the
 * decoder check) at its place. */
static inline void lp_place_put(const lp_place *p, uint8_t *data, uint64_t v)
{
	uint8_t *q = data + p->at;

	switch (p->width) {
	case 0:
		*q = (uint8_t)((*q & ~(1u << p->bit)) | (unsigned)(v & 1) << p->bit);
		return;
	case 1:
		*q = (uint8_t)v;
		return;
	case 2:
		*(uint16_t *)(void *)q = (uint16_t)v;
		return;
	case 4:
		*(uint32_t *)(void *)q = (uint32_t)v;
		return;
	default:
		*(uint64_t *)(void *)q = v;
		return;
	}
}

/* One-word form (schema.nslots words) to packed (the size
 * lp_request_places returned) and back. */
void lp_pack(const lp_schema *s, const lp_place *places, const uint64_t *slots, uint8_t *data);
void lp_unpack(const lp_schema *s, const lp_place *places, const uint8_t *data, uint64_t *slots);

/* The index of the request's field `name`, or -1. */
int lp_field_named(const lp_schema *s, const char *name);

/*
 * A decision, laid out in caller-owned memory by lp_decision_layout().
 * Bitsets are over clauses (grounds, exempted), rules (fired) and, per
 * obligation, clauses (sources).  An evaluator clears and fills it; it never
 * allocates.
 */
typedef struct lp_decision_buf {
	uint8_t outcome;          /* enum po_outcome */
	uint8_t ground;           /* enum pg_ground */
	uint64_t *grounds;        /* nclauses bits */
	uint64_t *discretionary;  /* nclauses bits: grounds every fired rule
	                             of which (carrying the outcome) is a
	                             `may refuse` */
	uint64_t *fired;          /* nrules bits */
	uint64_t *exempted;       /* nclauses bits */
	uint32_t *exempted_by;    /* per clause: the first exempting clause */
	uint64_t *oblig_set;      /* noblig bits: imposed */
	uint64_t *oblig_val;      /* noblig_slots words */
	uint64_t *oblig_src;      /* noblig * BITWORDS(nclauses) words */
} lp_decision_buf;

/* Whether obligation j is reported with the decision: imposed, and one
 * that goes with its outcome (the evaluators leave only those; readers
 * check again, so that a faulty module cannot report others). */
static inline int lp_oblig_reported(const lp_schema *s, const lp_decision_buf *d, uint32_t j)
{
	return lp_bit(d->oblig_set, j) && d->outcome < PO__COUNT && (s->obligs[j].on >> d->outcome & 1);
}

/* Where each part of a decision block starts, in 64-bit words from the
 * block's start (exempted_by: the 32-bit array after the words).  The
 * obligations come first: they are what a module's fast entry writes
 * (words 0 to fast_end), so a decision's hot part is one cache line. */
typedef struct lp_block_layout {
	uint32_t oblig_set, oblig_val, fast_end, grounds, discretionary, fired, exempted, oblig_src,
	         exempted_by;
} lp_block_layout;
void lp_block_offsets(const lp_schema *s, lp_block_layout *l);

/* A fingerprint of where this code puts a schema's request fields
 * (`places` and `data_size`, as lp_request_places gave them) and its
 * decision words (lp_block_offsets): the compiler records it in a
 * module, libpacta recomputes it when it opens one (module.c), and a
 * module whose code reads another layout is refused, not trusted to
 * decide.  Never 0 (0 in a module: not recorded, a module written by
 * hand). */
uint64_t lp_layout_fingerprint(const lp_schema *s, const lp_place *places, uint32_t data_size);

/* Bytes needed for one decision of this schema, and carving them. */
size_t lp_decision_size(const lp_schema *s);
void lp_decision_layout(const lp_schema *s, lp_decision_buf *d,
                           void *mem);
void lp_decision_clear(const lp_schema *s, lp_decision_buf *d);

/* ---- text (runtime/utf8.c) ---- */

/* The length of the well-formed UTF-8 sequence at p (at most avail
 * bytes): 1 for ASCII, 2 to 4, or 0 when it is not UTF-8. */
size_t lp_utf8_len(const char *p, size_t avail);
/* The same, with the sequence's code point in *cp. */
size_t lp_utf8_decode(const char *p, size_t avail, uint32_t *cp);

/* ---- dates ---- */
int lp_date_valid(int64_t y, int64_t m, int64_t d);
int64_t lp_date_from_ymd(int64_t y, int64_t m, int64_t d);
void lp_date_to_ymd(int64_t days, int64_t *y, int64_t *m, int64_t *d);
/* Parses exactly "YYYY-MM-DD"; returns 0 and the day number, or -1. */
int lp_date_parse(const char *s, size_t n, int64_t *out);
/* Why a YYYY-MM-DD date that lp_date_parse refuses is no date, in buf
 * ("there is no month 13", "September has 30 days"); "" when it is not
 * of that shape or is valid. */
void lp_date_why(const char *s, size_t n, char *buf, size_t cap);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL) into buf. */
void lp_date_format(int64_t days, char buf[16]);

/* The names a message lists after the one it is about, as far as they
 * fit, then how many more: `open` before the first ("; so are "), each
 * name between `quote`s, ", " between them; lp_name_list_end adds " and
 * N more" (or `open` and "N more") and `close` when any was listed
 * (runtime/json.c: the fields a request left out). */
typedef struct lp_name_list {
	char text[140];
	size_t n, listed, more;
} lp_name_list;
void lp_name_list_add(lp_name_list *l, const char *open, char quote, const char *name);
void lp_name_list_end(lp_name_list *l, const char *open, const char *close);

/* Saturating arithmetic: never undefined, clamps at the int64 limits. */
int64_t lp_sat_add(int64_t a, int64_t b);
int64_t lp_sat_sub(int64_t a, int64_t b);

/* ---- JSON codec (runtime/json.c) ---- */

typedef struct lp_json_error {
	int line;           /* 1-based line of the input, as given by the caller */
	int column;         /* 1-based byte column; 0 when unknown */
	char field[64];     /* the field concerned, or "" */
	char text[256];     /* the whole message: "line L, column C: ..." */
} lp_json_error;

/* The request id copied from the optional "id" member. */
typedef struct lp_request_id {
	int kind;           /* 0: none, 1: number (raw text), 2: string */
	int truncated;
	uint32_t len;       /* of text */
	char text[128];     /* raw number text, or the decoded string */
} lp_request_id;

/* Name tables for fast decoding: built once per schema (NULL when out of
 * memory), shared read-only by any number of threads. */
typedef struct lp_names lp_names;
lp_names *lp_names_new(const lp_schema *s);
void lp_names_free(lp_names *nm);
/* The index of member `s` (n bytes) of enum `en`, or UINT32_MAX. */
uint32_t lp_names_member(const lp_names *nm, uint32_t en, const char *s, size_t n);
/* The index of field `s` (n bytes), or UINT32_MAX. */
uint32_t lp_names_field(const lp_names *nm, const char *s, size_t n);
/* `name` (kept, not copied) read as field `field` too: the general
 * decoder (lp_json_decode_general) then takes either name, not both in
 * one object (pacta diff --replay: a field the new version renamed).
 * Returns 0, or -1 when the name is already taken or out of memory. */
int lp_names_alias(lp_names *nm, uint32_t field, const char *name);
/* `name` (kept) read as member `member` of enum `en` too (pacta diff
 * --replay: a member the new version renamed).  As lp_names_alias. */
int lp_names_alias_member(lp_names *nm, uint32_t en, uint32_t member, const char *name);

/*
 * Decodes one JSON object into `slots` (schema->nslots words): fields not
 * present take their defaults.  Returns 0, or -1 with `err` filled.  The
 * request id, when present, is stored in `id` even if decoding fails, as
 * long as the line is well-formed JSON up to the id.
 */
int lp_json_decode_request(const lp_schema *s, const char *line,
                              size_t len, int lineno, uint64_t *slots,
                              lp_request_id *id, lp_json_error *err);
/*
 * The one libpacta calls: the request packed into `data` (lp_request_places
 * of the schema: the size it returned, 8-byte aligned), names looked up in
 * `names` (lp_names_new of the schema).  An ordinary line goes through the
 * fast decoder, straight into `data`; any other through the general one,
 * into `slots` (schema->nslots words, scratch) and then packed.  Errors,
 * the id and the return are lp_json_decode_request's.  On failure `data`
 * is left half-written.
 */
int lp_json_decode_packed(const lp_schema *s, const lp_names *names,
                          const char *line, size_t len, int lineno,
                          uint8_t *data, uint64_t *slots, lp_request_id *id,
                          lp_json_error *err);
/* Its two halves, apart for the tests that hold them together.  The
 * general decoder (json.c, on yajl) reads any line into slots and words
 * every error; `names` may be NULL.  The fast one (json_fast.c) decodes an
 * ordinary well-formed line into the packed request exactly as the general
 * one followed by lp_pack would and returns 0, or declines any other with
 * -1, leaving data and id unspecified. */
int lp_json_decode_general(const lp_schema *s, const lp_names *names,
                           const char *line, size_t len, int lineno,
                           uint64_t *slots, lp_request_id *id,
                           lp_json_error *err);
int lp_json_decode_fast(const lp_names *names, const char *line, size_t len,
                        uint8_t *data, lp_request_id *id);

/* A growable output buffer: the encoder appends, the caller owns `data`. */
typedef struct lp_strbuf {
	char *data;
	size_t len, cap;
	int failed;          /* an allocation failed; contents incomplete */
} lp_strbuf;

void lp_sb_put(lp_strbuf *b, const char *s, size_t n);
void lp_sb_puts(lp_strbuf *b, const char *s);
void lp_sb_printf(lp_strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void lp_sb_json_string(lp_strbuf *b, const char *s, size_t n);
void lp_sb_free(lp_strbuf *b);

/* Appends one decision as a single JSON line (no newline). */
void lp_json_encode_decision(const lp_schema *s,
                                const lp_decision_buf *d,
                                const lp_request_id *id, int with_trace,
                                lp_strbuf *out);
/* The same, copying labels, obligation names and members from `names`
 * (lp_names_new of the schema, or NULL) instead of quoting them again. */
void lp_json_encode_decision_n(const lp_schema *s, const lp_names *names,
                               const lp_decision_buf *d,
                               const lp_request_id *id, int with_trace,
                               lp_strbuf *out);
/* Appends {"id": ..., "error": "..."} for a line that could not be decoded. */
void lp_json_encode_error(const lp_request_id *id,
                             const lp_json_error *err, lp_strbuf *out);

/* ---- did you mean (suggest.c): the compiler's names, eval's fields ---- */

/* The candidate nearest `word` by edit distance, counting a match of a
 * whole part of a name (`fraud` in `computer_fraud`, `politcal` in
 * `political_offence`); NULL when none is near enough.  Case is ignored
 * in the comparison. */
typedef struct lp_suggest {
	const char *word;
	const char *best;
	unsigned score;
	unsigned ties;          /* candidates as near as best, best counted */
	const char *tied[3];    /* the first of them in order (tied[0] is
	                           best), min(ties, 3) of them */
} lp_suggest;
void lp_suggest_init(lp_suggest *s, const char *word);
void lp_suggest_add(lp_suggest *s, const char *candidate);
/* Whether best is what was meant beyond doubt, so that a tool may write
 * it (a diagnostic's fix): the only candidate that near, and the same
 * name but for case (LP_SURE_CASE) or for one letter added, dropped or
 * swapped with its neighbour (LP_SURE_SLIP).  One letter for another
 * (6.1 for 1.1, xa for xb), a part of a name (fraud for computer_fraud)
 * or a tie is a guess (LP_GUESS): said as "did you mean", not written. */
enum { LP_GUESS, LP_SURE_SLIP, LP_SURE_CASE };
int lp_suggest_certain(const lp_suggest *s);
/* Levenshtein distance of a and b (bytes, case-folded ASCII). */
unsigned lp_edit_distance(const char *a, size_t na, const char *b, size_t nb);

/* A value as the language writes it: 180 days, 1 year, 2025-07-01, a
 * member's name, {a, b}, true (explain.c): what a test's `given` and
 * `expect ... with` take. */
void lp_source_value(const lp_schema *s, int kind, uint32_t enum_index,
		     const uint64_t *w, lp_strbuf *out);
/* Appends a value of a field or obligation in its JSON form. */
void lp_json_encode_value(const lp_schema *s, int kind,
                             uint32_t enum_index, const uint64_t *words,
                             lp_strbuf *out);
/* Appends a request (schema->nslots words) as one JSON object with every
 * field, in schema order, as the decoder reads it back. */
void lp_json_encode_request(const lp_schema *s, const uint64_t *slots,
                               lp_strbuf *out);

/* The request a decision was made for, as lp_explain reads it: packed
 * (data at the module's places, as libpacta holds it) or one word per
 * slot (slots, as the compiler's evaluator does). */
typedef struct lp_request_view {
	const lp_place *places;
	const uint8_t *data;
	const uint64_t *slots;
} lp_request_view;

/* Appends the decision in words (for `pacta test` failures and explain);
 * with `with_text`, also the text of the articles that hold the grounds.
 * With the request (req, or NULL), a request the agreement is not in
 * force for says why: which Party is none of its Parties, or how the date
 * it was submitted falls outside its term. */
void lp_explain(const lp_schema *s, const lp_decision_buf *d, const lp_request_view *req,
                   int with_text, lp_strbuf *out);
/* "the requesting Party, XC, is not a Party to the agreement; the Parties
 * are XA, XB": the first of the request's Parties that is none of the
 * agreement's, appended; 0 when said, -1 when both are Parties. */
int lp_explain_not_party(const lp_schema *s, const lp_request_view *v, lp_strbuf *out);

#endif
