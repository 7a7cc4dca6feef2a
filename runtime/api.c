/*
 * api.c — requests, decisions and the rest of pacta.h that is not about
 * loading (runtime/module.c) or what a module holds (runtime/info.c):
 * versions, status names, the request builder, pacta_decide, the decision
 * getters, and the JSON and explanation texts.
 *
 * A request is the flat array of 64-bit slots that a module's decide()
 * reads (model.h) plus one bit per field saying it was given a value; a
 * decision is the block decide() writes, carved by lp_decision_layout.
 * Both are allocated once and reused, so deciding allocates nothing.  The
 * texts come from the runtime's one JSON codec and one explanation
 * renderer, the same that `pacta eval` and `pacta test` use, so a host sees
 * exactly what the command line prints.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "libpacta.h"

/* Decisions preallocate their JSON text up to this; beyond, it grows. */
#define MAX_JSON_PREALLOC ((size_t)1 << 20)
/* The longest error line, {"id": ..., "error": ...}: an id of at most
 * sizeof id.text bytes and a message of at most sizeof err.message, each
 * escaped at 6 bytes a byte, and the punctuation.  A decision's text has
 * at least this room, so that pacta_decide_json never allocates. */
#define MAX_ERROR_JSON (6 * (sizeof(((lp_request_id *)0)->text) \
			     + sizeof(((pacta_error *)0)->message)) + 64)

/* The public constants are the model's enumerations under stable names. */
_Static_assert(PACTA_TYPE_BOOL == PK_BOOL && PACTA_TYPE_INT == PK_INT
	       && PACTA_TYPE_DATE == PK_DATE && PACTA_TYPE_DAYS == PK_DAYS
	       && PACTA_TYPE_YEARS == PK_YEARS && PACTA_TYPE_ENUM == PK_ENUM
	       && PACTA_TYPE_SET == PK_SET, "value kinds");
_Static_assert(PACTA_GRANT == PO_GRANT && PACTA_REFER == PO_REFER
	       && PACTA_REFUSE == PO_REFUSE, "outcomes");
_Static_assert(PACTA_GROUND_CLAUSES == PG_CLAUSES
	       && PACTA_GROUND_DEFAULT == PG_DEFAULT
	       && PACTA_GROUND_AGREEMENT == PG_AGREEMENT, "grounds");
_Static_assert(PACTA_ACTION_GRANT == PA_GRANT && PACTA_ACTION_REFER == PA_REFER
	       && PACTA_ACTION_REFUSE == PA_REFUSE
	       && PACTA_ACTION_OBLIGE == PA_OBLIGE
	       && PACTA_ACTION_EXEMPTS == PA_EXEMPTS
	       && PACTA_ACTION_MAY_REFUSE == PA_MAY_REFUSE, "rule actions");
_Static_assert(PACTA_CLAUSE == CK_CLAUSE && PACTA_RESERVATION == CK_RESERVATION
	       && PACTA_DECLARATION == CK_DECLARATION, "clause kinds");
_Static_assert(PACTA_BEARER_UNSAID == PB_UNSAID
	       && PACTA_BEARER_REQUESTING == PB_REQUESTING
	       && PACTA_BEARER_REQUESTED == PB_REQUESTED, "bearers");

/* ---- versions, statuses, dates ---- */

int pacta_version_number(void)
{
	return PACTA_VERSION_NUMBER;
}

const char *pacta_version(void)
{
	return PACTA_VERSION;
}

int pacta_abi_version(void)
{
	return LP_ABI_VERSION;
}

const char *pacta_status_name(int status)
{
	static const char *const names[] = {
		[PACTA_OK] = "PACTA_OK",
		[PACTA_ERROR] = "PACTA_ERROR",
		[PACTA_NOMEM] = "PACTA_NOMEM",
		[PACTA_MISUSE] = "PACTA_MISUSE",
		[PACTA_ABI] = "PACTA_ABI",
		[PACTA_NOTFOUND] = "PACTA_NOTFOUND",
		[PACTA_IO] = "PACTA_IO",
		[PACTA_BADMODULE] = "PACTA_BADMODULE",
		[PACTA_RANGE] = "PACTA_RANGE",
		[PACTA_INPUT] = "PACTA_INPUT",
		[PACTA_SIGNATURE] = "PACTA_SIGNATURE",
	};

	if (status < 0 || (size_t)status >= sizeof names / sizeof names[0]
	    || !names[status])
		return "PACTA_?";
	return names[status];
}

void pacta_date_split(int64_t date, int *year, int *month, int *day)
{
	int64_t y, m, d;

	lp_date_to_ymd(date, &y, &m, &d);
	if (year)
		*year = (int)y;
	if (month)
		*month = (int)m;
	if (day)
		*day = (int)d;
}

int64_t pacta_date_number(int year, int month, int day)
{
	return lp_date_from_ymd(year, month, day);
}

/* ---- requests ---- */

int pacta_request_new(const pacta_module *mod, pacta_request **out)
{
	pacta_request *r;

	if (!out)
		return PACTA_MISUSE;
	*out = NULL;
	if (!mod)
		return PACTA_MISUSE;
	/* libpacta.h: the words pacta_decide reads, on 64-byte lines of
	 * their own; the id and error text apart */
	size_t bytes = sizeof *r + (mod->field_words + 1 + mod->s->nslots + 1) * sizeof(uint64_t);

	bytes = (bytes + 63) / 64 * 64;
	r = aligned_alloc(64, bytes);
	if (!r)
		return PACTA_NOMEM;
	memset(r, 0, bytes);
	r->cold = calloc(1, sizeof *r->cold);
	if (!r->cold) {
		free(r);
		return PACTA_NOMEM;
	}
	r->mod = mod;
	pacta_request_reset(r);
	*out = r;
	return PACTA_OK;
}

void pacta_request_free(pacta_request *req)
{
	if (!req)
		return;
	lp_sb_free(LP_TEXT(req));
	free(req->cold);
	free(req);
}

/* Defaults back, every field unset; the id is the caller's business. */
static void clear_fields(pacta_request *req)
{
	const lp_schema *s = req->mod->s;

	memcpy(LP_SLOTS(req), req->mod->defaults, s->nslots * sizeof(uint64_t));
	memset(LP_SET(req), 0, LP_BITWORDS(s->nfields) * sizeof(uint64_t));
}

void pacta_request_reset(pacta_request *req)
{
	if (!req)
		return;
	clear_fields(req);
	LP_ID(req)->kind = 0;
	LP_ID(req)->text[0] = '\0';
	LP_ID(req)->len = 0;
	LP_HAS_ID(req) = 0;
	LP_ID(req)->truncated = 0;
}

/*
 * The field a setter is about to write, checked: the request exists, the
 * index is in range and the field has one of the kinds the setter takes
 * (`want` is a mask of 1 << kind; `what` names them for the message).
 */
static const lp_field_desc *target(pacta_request *req, int field,
				      unsigned want, const char *what,
				      pacta_error *err)
{
	const lp_schema *s;
	const lp_field_desc *f;

	if (!req) {
		lp_error(err, PACTA_MISUSE, NULL, "no request");
		return NULL;
	}
	s = req->mod->s;
	if (field < 0 || (uint32_t)field >= s->nfields) {
		lp_error(err, PACTA_MISUSE, NULL, "no field with index %d "
			 "(the module has %u fields)", field, s->nfields);
		return NULL;
	}
	f = &s->fields[field];
	if (!((want >> f->kind) & 1)) {
		lp_error(err, PACTA_MISUSE, f->name, "field '%s' is of type "
			 "'%s', not %s", f->name, req->mod->type_names[field],
			 what);
		return NULL;
	}
	return f;
}

static int store(pacta_request *req, int field, uint64_t v)
{
	LP_SLOTS(req)[req->mod->s->fields[field].slot] = v;
	lp_bit_set(LP_SET(req), (size_t)field);
	return PACTA_OK;
}

int pacta_request_set_bool(pacta_request *req, int field, int value,
			   pacta_error *err)
{
	if (!target(req, field, 1u << PK_BOOL, "bool", err))
		return PACTA_MISUSE;
	return store(req, field, value != 0);
}

int pacta_request_set_int(pacta_request *req, int field, int64_t value,
			  pacta_error *err)
{
	if (!target(req, field, 1u << PK_INT, "int", err))
		return PACTA_MISUSE;
	return store(req, field, (uint64_t)value);
}

int pacta_request_set_days(pacta_request *req, int field, int64_t days,
			   pacta_error *err)
{
	if (!target(req, field, 1u << PK_DAYS, "days", err))
		return PACTA_MISUSE;
	return store(req, field, (uint64_t)days);
}

int pacta_request_set_years(pacta_request *req, int field, int64_t years,
			    pacta_error *err)
{
	if (!target(req, field, 1u << PK_YEARS, "years", err))
		return PACTA_MISUSE;
	return store(req, field, (uint64_t)years);
}

int pacta_request_set_date(pacta_request *req, int field, int year,
			   int month, int day, pacta_error *err)
{
	const lp_field_desc *f;
	int64_t v;

	f = target(req, field, 1u << PK_DATE, "date", err);
	if (!f)
		return PACTA_MISUSE;
	v = lp_date_from_ymd(year, month, day);
	if (v < 0) {
		lp_error(err, PACTA_RANGE, f->name, "field '%s': invalid date "
			 "%04d-%02d-%02d", f->name, year, month, day);
		return PACTA_RANGE;
	}
	return store(req, field, (uint64_t)v);
}

/* The member index of `name` in the field's enum, or -1 with `err`. */
static int member(const pacta_request *req, const lp_field_desc *f,
		  const char *name, pacta_error *err)
{
	uint32_t i;

	if (name) {
		i = lp_names_member(req->mod->members, f->enum_index, name,
				       strlen(name));
		if (i != UINT32_MAX)
			return (int)i;
	}
	lp_error(err, PACTA_RANGE, f->name, "field '%s': unknown value '%s'",
		 f->name, name ? name : "(null)");
	return -1;
}

static int member_in_range(const pacta_request *req,
			   const lp_field_desc *f, int m, pacta_error *err)
{
	uint32_t n = req->mod->s->enums[f->enum_index].nmembers;

	if (m >= 0 && (uint32_t)m < n)
		return 1;
	lp_error(err, PACTA_RANGE, f->name, "field '%s': no member %d "
		 "(its enum has %u)", f->name, m, n);
	return 0;
}

int pacta_request_set_enum_index(pacta_request *req, int field, int m,
				 pacta_error *err)
{
	const lp_field_desc *f;

	f = target(req, field, 1u << PK_ENUM, "an enum", err);
	if (!f)
		return PACTA_MISUSE;
	if (!member_in_range(req, f, m, err))
		return PACTA_RANGE;
	return store(req, field, (uint64_t)m);
}

int pacta_request_set_enum(pacta_request *req, int field, const char *name,
			   pacta_error *err)
{
	const lp_field_desc *f;
	int m;

	f = target(req, field, 1u << PK_ENUM, "an enum", err);
	if (!f)
		return PACTA_MISUSE;
	m = member(req, f, name, err);
	if (m < 0)
		return PACTA_RANGE;
	return store(req, field, (uint64_t)m);
}

int pacta_request_set_add_index(pacta_request *req, int field, int m,
				pacta_error *err)
{
	const lp_field_desc *f;

	f = target(req, field, 1u << PK_SET, "a set", err);
	if (!f)
		return PACTA_MISUSE;
	if (!member_in_range(req, f, m, err))
		return PACTA_RANGE;
	lp_bit_set(LP_SLOTS(req) + f->slot, (size_t)m);
	lp_bit_set(LP_SET(req), (size_t)field);
	return PACTA_OK;
}

int pacta_request_set_add(pacta_request *req, int field, const char *name,
			  pacta_error *err)
{
	const lp_field_desc *f;
	int m;

	f = target(req, field, 1u << PK_SET, "a set", err);
	if (!f)
		return PACTA_MISUSE;
	m = member(req, f, name, err);
	if (m < 0)
		return PACTA_RANGE;
	lp_bit_set(LP_SLOTS(req) + f->slot, (size_t)m);
	lp_bit_set(LP_SET(req), (size_t)field);
	return PACTA_OK;
}

int pacta_request_set_clear(pacta_request *req, int field, pacta_error *err)
{
	const lp_field_desc *f;

	f = target(req, field, 1u << PK_SET, "a set", err);
	if (!f)
		return PACTA_MISUSE;
	memset(LP_SLOTS(req) + f->slot, 0, f->nslots * sizeof(uint64_t));
	lp_bit_set(LP_SET(req), (size_t)field);
	return PACTA_OK;
}

int pacta_request_from_json(pacta_request *req, const char *line,
			    size_t len, int lineno, pacta_error *err)
{
	const lp_schema *s;
	lp_json_error jerr;

	if (!req || (!line && len > 0)) {
		lp_error(err, PACTA_MISUSE, NULL, "no request or no line");
		return PACTA_MISUSE;
	}
	s = req->mod->s;
	if (lp_json_decode_request_n(s, req->mod->members,
					line ? line : "", len, lineno,
					LP_SLOTS(req), LP_ID(req), &jerr) != 0) {
		LP_HAS_ID(req) = LP_ID(req)->kind != 0;
		/* Half-decoded slots must not be decided; the id stays for
		 * the error line. */
		clear_fields(req);
		lp_error(err, PACTA_INPUT, jerr.field[0] ? jerr.field : NULL,
			 "%s", jerr.text);
		if (err) {
			err->line = jerr.line;
			err->column = jerr.column;
		}
		return PACTA_INPUT;
	}
	LP_HAS_ID(req) = LP_ID(req)->kind != 0;
	/* The decoder gave every field a value or failed. */
	for (uint32_t i = 0; i < s->nfields; i++)
		lp_bit_set(LP_SET(req), i);
	return PACTA_OK;
}

/*
 * Copies the text built in `sb` out to the caller, snprintf-style: the
 * bytes needed (NUL included) always, the text only when it fits.
 */
static int copy_out(const lp_strbuf *sb, char *buf, size_t cap,
		    size_t *needed)
{
	if (sb->failed)
		return PACTA_NOMEM;
	if (needed)
		*needed = sb->len + 1;
	if (cap < sb->len + 1 || !buf) {
		if (buf && cap > 0)
			buf[0] = '\0';
		return PACTA_RANGE;
	}
	memcpy(buf, sb->data ? sb->data : "", sb->len);
	buf[sb->len] = '\0';
	return PACTA_OK;
}

int pacta_request_error_json(pacta_request *req, const pacta_error *err,
			     char *buf, size_t cap, size_t *needed)
{
	lp_json_error jerr;

	if (!req || !err)
		return PACTA_MISUSE;
	memset(&jerr, 0, sizeof jerr);
	jerr.line = err->line;
	jerr.column = err->column;
	memcpy(jerr.field, err->field, sizeof jerr.field);
	jerr.field[sizeof jerr.field - 1] = '\0';
	_Static_assert(sizeof jerr.text >= sizeof err->message, "message");
	memcpy(jerr.text, err->message, sizeof err->message);
	jerr.text[sizeof err->message - 1] = '\0';
	LP_TEXT(req)->len = 0;
	LP_TEXT(req)->failed = 0;
	lp_json_encode_error(LP_ID(req), &jerr, LP_TEXT(req));
	return copy_out(LP_TEXT(req), buf, cap, needed);
}

/* ---- deciding ---- */

int pacta_decision_new(const pacta_module *mod, pacta_decision **out)
{
	pacta_decision *d;
	size_t cap;

	if (!out)
		return PACTA_MISUSE;
	*out = NULL;
	if (!mod)
		return PACTA_MISUSE;
	d = calloc(1, sizeof *d);
	if (!d)
		return PACTA_NOMEM;
	/* Words, for the block's 8-byte alignment; at least one. */
	d->block = calloc(mod->block_size / 8 + 1, sizeof(uint64_t));
	/* Room for the longest JSON decision now, so that
	 * pacta_decision_json need not allocate later. */
	cap = mod->json_bound < MAX_JSON_PREALLOC ? mod->json_bound
						  : MAX_JSON_PREALLOC;
	if (cap < MAX_ERROR_JSON)
		cap = MAX_ERROR_JSON;
	d->text.data = malloc(cap);
	if (!d->block || !d->text.data) {
		free(d->block);
		free(d->text.data);
		free(d);
		return PACTA_NOMEM;
	}
	d->text.cap = cap;
	d->text.data[0] = '\0';
	d->mod = mod;
	lp_decision_layout(mod->s, &d->buf, d->block);
	*out = d;
	return PACTA_OK;
}

void pacta_decision_free(pacta_decision *dec)
{
	if (!dec)
		return;
	lp_sb_free(&dec->text);
	free(dec->block);
	free(dec);
}

/* What pacta_decide says of a call it cannot serve; off its hot path. */
static int __attribute__((noinline, cold))
decide_misuse(const pacta_module *mod, const pacta_request *req,
	      pacta_decision *dec, pacta_error *err)
{
	if (!mod || !req || !dec) {
		lp_error(err, PACTA_MISUSE, NULL, "no module, request or "
			 "decision");
		return PACTA_MISUSE;
	}
	dec->decided = 0;
	if (req->mod != mod || dec->mod != mod) {
		lp_error(err, PACTA_MISUSE, NULL, "the request or the decision "
			 "was made for another module");
		return PACTA_MISUSE;
	}
	/* Word by word: fields without default that are not set. */
	for (size_t w = 0; w < mod->field_words; w++) {
		uint64_t missing = mod->required[w] & ~LP_SET(req)[w];

		if (missing) {
			const char *name =
				mod->s->fields[w * 64 + (size_t)__builtin_ctzll(missing)]
					.name;

			lp_error(err, PACTA_MISUSE, name, "field '%s' has no "
				 "default and was not set", name);
			return PACTA_MISUSE;
		}
	}
	lp_error(err, PACTA_ERROR, NULL, "internal error: pacta_decide");
	return PACTA_ERROR;
}

int pacta_decide(const pacta_module *mod, const pacta_request *req,
		 pacta_decision *dec, pacta_error *err)
{
	uint32_t r, outcome, ground;
	uint64_t missing;

	/* a NULL module matches no request or decision */
	if (__builtin_expect(!req || !dec, 0)
	    || __builtin_expect((req->mod != mod) | (dec->mod != mod), 0))
		return decide_misuse(mod, req, dec, err);
	/* LP_SET(req) and LP_SLOTS(req), at offsets the module knows (one load
	 * fewer before the module can start); word 0 of both exists even
	 * for a schema without fields */
	missing = mod->required[0] & ~req->words[0];
	for (size_t w = 1; w < mod->field_words; w++)
		missing |= mod->required[w] & ~req->words[w];
	if (__builtin_expect(missing != 0, 0))
		return decide_misuse(mod, req, dec, err);
	/* No lp_decision_clear(): decide() writes every word of the block
	 * (module_abi.h), and clearing would cost as much again on large
	 * agreements. */
	if (__builtin_expect(mod->host != NULL, 0))
		r = mod->host(mod->host_ctx, req->words + mod->field_words + 1, dec->block);
	else
		r = mod->decide(req->words + mod->field_words + 1, dec->block);
	outcome = r & 0xff;
	ground = (r >> 8) & 0xff;
	if (__builtin_expect(outcome >= PO__COUNT || ground > PG_AGREEMENT, 0)) {
		dec->decided = 0;
		lp_error(err, PACTA_ERROR, NULL, "the module returned an "
			 "impossible decision (0x%x)", r);
		return PACTA_ERROR;
	}
	dec->buf.outcome = (uint8_t)outcome;
	dec->buf.ground = (uint8_t)ground;
	/* the id's text up to its end, not all of its buffer */
	if (!LP_HAS_ID(req)) {
		dec->id.kind = 0;
	} else {
		/* kind, truncated, len and the text's first 20 bytes in one
		 * fixed-size copy the compiler inlines; the rest only for a
		 * longer id */
		enum { HEAD = 32 };
		_Static_assert(offsetof(lp_request_id, text) + 20 == HEAD,
			       "lp_request_id layout");
		memcpy(&dec->id, LP_ID(req), HEAD);
		if (LP_ID(req)->len >= 20)
			memcpy(dec->id.text + 20, LP_ID(req)->text + 20,
			       LP_ID(req)->len - 19);
	}
	dec->decided = 1;
	return PACTA_OK;
}

void lp_request_set_slots(pacta_request *req, const uint64_t *slots)
{
	const lp_schema *s = req->mod->s;

	memcpy(LP_SLOTS(req), slots, s->nslots * sizeof(uint64_t));
	for (uint32_t i = 0; i < s->nfields; i++)
		lp_bit_set(LP_SET(req), i);
	LP_HAS_ID(req) = 0;
}

/* ---- reading a decision ---- */

/* Bits set among the first n of w. */
static int count_bits(const uint64_t *w, size_t n)
{
	size_t full = n / 64;
	int c = 0;

	for (size_t i = 0; i < full; i++)
		c += __builtin_popcountll(w[i]);
	if (n % 64)
		c += __builtin_popcountll(w[full]
					  & (((uint64_t)1 << (n % 64)) - 1));
	return c;
}

/* The index of the k-th bit set among the first n of w, or -1. */
static int nth_bit(const uint64_t *w, size_t n, int k)
{
	if (k < 0)
		return -1;
	for (size_t i = 0; i * 64 < n; i++) {
		uint64_t word = w[i];
		int c;

		if (n - i * 64 < 64)
			word &= ((uint64_t)1 << (n - i * 64)) - 1;
		c = __builtin_popcountll(word);
		if (k >= c) {
			k -= c;
			continue;
		}
		while (k-- > 0)
			word &= word - 1;       /* drop the lowest bit */
		return (int)(i * 64 + (size_t)__builtin_ctzll(word));
	}
	return -1;
}

static const lp_schema *decided(const pacta_decision *dec)
{
	return dec && dec->decided ? dec->mod->s : NULL;
}

int pacta_decision_outcome(const pacta_decision *dec)
{
	return decided(dec) ? dec->buf.outcome : -1;
}

const char *pacta_decision_outcome_name(const pacta_decision *dec)
{
	return decided(dec) ? lp_outcome_names[dec->buf.outcome] : NULL;
}

int pacta_decision_ground(const pacta_decision *dec)
{
	return decided(dec) ? dec->buf.ground : -1;
}

int pacta_decision_ground_count(const pacta_decision *dec)
{
	const lp_schema *s = decided(dec);

	if (!s || dec->buf.ground != PG_CLAUSES)
		return 0;
	return count_bits(dec->buf.grounds, s->nclauses);
}

int pacta_decision_ground_clause(const pacta_decision *dec, int k)
{
	const lp_schema *s = decided(dec);

	if (!s || dec->buf.ground != PG_CLAUSES)
		return -1;
	return nth_bit(dec->buf.grounds, s->nclauses, k);
}

const char *pacta_decision_ground_label(const pacta_decision *dec, int k)
{
	int c = pacta_decision_ground_clause(dec, k);

	return c < 0 ? NULL : dec->mod->s->clauses[c].label;
}

/* As runtime/explain.c words it: the `because` of the clause's first fired
 * rule carrying the outcome, else the clause's title. */
const char *pacta_decision_ground_reason(const pacta_decision *dec, int k)
{
	int c = pacta_decision_ground_clause(dec, k);
	const lp_schema *s;

	if (c < 0)
		return NULL;
	s = dec->mod->s;
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lp_rule_desc *rd = &s->rules[r];

		if (rd->clause == (uint32_t)c
		    && lp_action_outcome(rd->action) == dec->buf.outcome
		    && lp_bit(dec->buf.fired, r))
			return rd->reason ? rd->reason : s->clauses[c].title;
	}
	return s->clauses[c].title;
}

int pacta_decision_ground_discretionary(const pacta_decision *dec, int k)
{
	int c = pacta_decision_ground_clause(dec, k);

	return c < 0 ? 0 : lp_bit(dec->buf.discretionary, (size_t)c);
}

/* The obligations reported: imposed and going with the outcome
 * (lp_oblig_reported). */
int pacta_decision_obligation_count(const pacta_decision *dec)
{
	const lp_schema *s = decided(dec);
	int n = 0;

	for (uint32_t j = 0; s && j < s->noblig; j++)
		n += lp_oblig_reported(s, &dec->buf, j);
	return n;
}

int pacta_decision_obligation(const pacta_decision *dec, int k)
{
	const lp_schema *s = decided(dec);

	for (uint32_t j = 0; s && k >= 0 && j < s->noblig; j++)
		if (lp_oblig_reported(s, &dec->buf, j) && k-- == 0)
			return (int)j;
	return -1;
}

int pacta_decision_obligation_imposed(const pacta_decision *dec, int oblig)
{
	const lp_schema *s = decided(dec);

	if (!s || oblig < 0 || (uint32_t)oblig >= s->noblig)
		return 0;
	return lp_oblig_reported(s, &dec->buf, (uint32_t)oblig);
}

int pacta_decision_obligation_value(const pacta_decision *dec, int oblig,
				    int64_t *value)
{
	const lp_oblig_desc *o;

	if (!pacta_decision_obligation_imposed(dec, oblig) || !value)
		return PACTA_MISUSE;
	o = &dec->mod->s->obligs[oblig];
	if (o->combine == PC_FLAG || o->kind == PK_SET)
		return PACTA_MISUSE;
	*value = (int64_t)dec->buf.oblig_val[o->slot];
	return PACTA_OK;
}

int pacta_decision_obligation_has(const pacta_decision *dec, int oblig,
				  int m)
{
	const lp_oblig_desc *o;

	if (!pacta_decision_obligation_imposed(dec, oblig))
		return 0;
	o = &dec->mod->s->obligs[oblig];
	if (o->combine == PC_FLAG || o->kind != PK_SET || m < 0
	    || (uint32_t)m >= dec->mod->s->enums[o->enum_index].nmembers)
		return 0;
	return lp_bit(dec->buf.oblig_val + o->slot, (size_t)m);
}

static const uint64_t *sources(const pacta_decision *dec, int oblig)
{
	size_t cw = LP_BITWORDS(dec->mod->s->nclauses);

	return dec->buf.oblig_src + (size_t)oblig * cw;
}

int pacta_decision_obligation_source_count(const pacta_decision *dec,
					   int oblig)
{
	if (!pacta_decision_obligation_imposed(dec, oblig))
		return 0;
	return count_bits(sources(dec, oblig), dec->mod->s->nclauses);
}

int pacta_decision_obligation_source(const pacta_decision *dec, int oblig,
				     int k)
{
	if (!pacta_decision_obligation_imposed(dec, oblig))
		return -1;
	return nth_bit(sources(dec, oblig), dec->mod->s->nclauses, k);
}

int pacta_decision_exempted_count(const pacta_decision *dec)
{
	const lp_schema *s = decided(dec);

	return s ? count_bits(dec->buf.exempted, s->nclauses) : 0;
}

int pacta_decision_exempted(const pacta_decision *dec, int k)
{
	const lp_schema *s = decided(dec);

	return s ? nth_bit(dec->buf.exempted, s->nclauses, k) : -1;
}

int pacta_decision_exempted_by(const pacta_decision *dec, int clause)
{
	const lp_schema *s = decided(dec);
	uint32_t by;

	if (!s || clause < 0 || (uint32_t)clause >= s->nclauses
	    || !lp_bit(dec->buf.exempted, (size_t)clause))
		return -1;
	by = dec->buf.exempted_by[clause];
	return by < s->nclauses ? (int)by : -1;
}

int pacta_decision_fired_count(const pacta_decision *dec)
{
	const lp_schema *s = decided(dec);

	return s ? count_bits(dec->buf.fired, s->nrules) : 0;
}

int pacta_decision_fired(const pacta_decision *dec, int k)
{
	const lp_schema *s = decided(dec);

	return s ? nth_bit(dec->buf.fired, s->nrules, k) : -1;
}

/* ---- texts ---- */

int pacta_decision_json(pacta_decision *dec, int with_trace, char *buf,
			size_t cap, size_t *needed)
{
	const lp_schema *s = decided(dec);

	if (!s)
		return PACTA_MISUSE;
	dec->text.len = 0;
	dec->text.failed = 0;
	lp_json_encode_decision(s, &dec->buf, &dec->id, with_trace != 0,
				   &dec->text);
	return copy_out(&dec->text, buf, cap, needed);
}

int pacta_decision_explain(pacta_decision *dec, char *buf, size_t cap,
			   size_t *needed)
{
	const lp_schema *s = decided(dec);

	if (!s)
		return PACTA_MISUSE;
	dec->text.len = 0;
	dec->text.failed = 0;
	lp_explain(s, &dec->buf, 1, &dec->text);
	return copy_out(&dec->text, buf, cap, needed);
}

/*
 * One JSON line in, its decision's JSON (or its error line) out, as one
 * line of `pacta eval`: decoding, deciding and encoding through the same
 * calls as the request, decide and decision functions above.  The error
 * line is built in the decision's text buffer, which pacta_decision_new
 * sized for it, so nothing is allocated.
 */
int pacta_decide_json(pacta_request *req, pacta_decision *dec,
		      const char *line, size_t len, int lineno,
		      int with_trace, char *buf, size_t cap, size_t *needed,
		      pacta_error *err)
{
	pacta_error local;
	lp_json_error jerr;
	int rc;

	if (!req || !dec || req->mod != dec->mod) {
		lp_error(err, PACTA_MISUSE, NULL, "no request or decision, or "
			 "they were made for different modules");
		return PACTA_MISUSE;
	}
	if (!err)
		err = &local;
	rc = pacta_request_from_json(req, line, len, lineno, err);
	if (rc == PACTA_OK)
		rc = pacta_decide(req->mod, req, dec, err);
	if (rc == PACTA_OK) {
		rc = pacta_decision_json(dec, with_trace, buf, cap, needed);
		if (rc != PACTA_OK)
			lp_error(err, rc, NULL, rc == PACTA_RANGE
				 ? "the buffer is too small for the decision"
				 : "out of memory");
		return rc;
	}
	if (rc != PACTA_INPUT)
		return rc;      /* misuse: no line to write */
	memset(&jerr, 0, sizeof jerr);
	_Static_assert(sizeof jerr.text >= sizeof err->message, "message");
	memcpy(jerr.text, err->message, sizeof err->message);
	jerr.text[sizeof err->message - 1] = '\0';
	dec->decided = 0;
	dec->text.len = 0;
	dec->text.failed = 0;
	lp_json_encode_error(LP_ID(req), &jerr, &dec->text);
	if (copy_out(&dec->text, buf, cap, needed) == PACTA_RANGE) {
		lp_error(err, PACTA_RANGE, NULL, "the buffer is too small for "
			 "the error line");
		return PACTA_RANGE;
	}
	return PACTA_INPUT;
}

/*
 * JSON Lines in and out, as `pacta eval` reads and answers them: each line
 * through pacta_decide_json, its answer and a newline appended to buf,
 * until the text ends or the next answer does not fit.
 */
int pacta_decide_lines(pacta_request *req, pacta_decision *dec,
		       const char *text, size_t len, int lineno,
		       int with_trace, char *buf, size_t cap,
		       size_t *consumed, size_t *written, pacta_error *err)
{
	size_t in = 0, out = 0, need;
	int rc = PACTA_OK;

	if (consumed)
		*consumed = 0;
	if (written)
		*written = 0;
	if (!text && len > 0) {
		lp_error(err, PACTA_MISUSE, NULL, "no text");
		return PACTA_MISUSE;
	}
	while (in < len) {
		const char *line = text + in;
		const char *nl = memchr(line, '\n', len - in);
		size_t n = nl ? (size_t)(nl - line) : len - in, ln = n;

		if (ln > 0 && line[ln - 1] == '\r')
			ln--;
		need = 0;
		rc = pacta_decide_json(req, dec, line, ln, lineno, with_trace,
				       buf ? buf + out : NULL,
				       cap > out ? cap - out : 0, &need, err);
		if (rc == PACTA_OK || rc == PACTA_INPUT) {
			if (out + need >= cap) {    /* no room for the newline */
				rc = PACTA_RANGE;
				break;
			}
			out += need - 1;
			buf[out++] = '\n';
			in += n + (nl != NULL);
			lineno++;
			rc = PACTA_OK;
			continue;
		}
		break;          /* PACTA_RANGE, or misuse or error */
	}
	if (buf && out < cap)
		buf[out] = '\0';
	if (consumed)
		*consumed = in;
	if (written)
		*written = out;
	return rc;
}
