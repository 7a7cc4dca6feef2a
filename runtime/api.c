/*
 * api.c — requests, decisions and the rest of pacta.h that is not about
 * loading (runtime/module.c) or what a module holds (runtime/info.c):
 * versions, status names, the request builder, pacta_decide, the decision
 * getters, and the JSON and explanation texts.
 *
 * A request is the packed fields a module's entries read (model.h) plus
 * one bit per field saying it was given a value; a decision is the words
 * the module's fast entry writes, and, made when first read, the whole
 * block its full entry writes, carved by lp_decision_layout (libpacta.h
 * lays both out).  Both are allocated once and reused, so deciding
 * allocates nothing.  pacta_decide calls the module's fast entry, which
 * gives the outcome and its obligations; the grounds and the trace are
 * computed from the same request when first read (traced, below), so a
 * caller that reads only the outcome pays only for it, in time and in
 * memory.  The texts come from the runtime's one JSON codec and one
 * explanation renderer, the same that `pacta eval` and `pacta test` use,
 * so a host sees exactly what the command line prints.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpacta.h"

/* A decision's first JSON text allocates room for its module's longest, up
 * to this; beyond, it grows. */
#define MAX_JSON_PREALLOC ((size_t)1 << 20)
/* The longest error line, {"id": ..., "error": ...}: an id of at most
 * sizeof id.text bytes and a message of at most sizeof err.message, each
 * escaped at 6 bytes a byte, and the punctuation.  A decision's text is
 * made with at least this room, so that pacta_decide_json allocates only
 * on its first call. */
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
		[PACTA_UNSUPPORTED] = "PACTA_UNSUPPORTED",
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

/* Request stamps (libpacta.h): never 0, never reused in the process.  Each
 * thread takes them STAMPS at a time from the shared counter, so that
 * setting a field touches nothing another thread writes. */
enum { STAMPS = 1 << 16 };
static uint64_t stamps_taken;
static _Thread_local uint64_t stamp_next, stamp_end;

static uint64_t new_stamp(void)
{
	if (stamp_next == stamp_end) {
		stamp_next = __atomic_fetch_add(&stamps_taken, STAMPS, __ATOMIC_RELAXED) + 1;
		stamp_end = stamp_next + STAMPS;
	}
	/* 2^57 of them: at a billion changes a second, four years */
	return stamp_next++ & (((uint64_t)1 << LP_STAMP_BITS) - 1);
}

/* The request's fast way open or shut (libpacta.h, ready), and a new
 * stamp: after every change. */
static void changed(pacta_request *req)
{
	const pacta_module *mod = LP_MOD(req);

	req->ready = (uintptr_t)mod | (LP_TAIL(req)->unset != 0 || mod->host != NULL);
	req->stamp = new_stamp() | (req->stamp & ~(((uint64_t)1 << LP_STAMP_BITS) - 1));
}

/* A request at `r` (zeroed, as its side) made new: alone (side_shift 0),
 * or in an array, its side 2^side_shift bytes on (libpacta.h). */
static void request_init(const pacta_module *mod, pacta_request *r, unsigned side_shift)
{
	r->ready = (uintptr_t)mod;
	r->stamp = (uint64_t)side_shift << LP_STAMP_BITS;
	LP_TAIL(r)->in_array = side_shift != 0;
	pacta_request_reset(r);
}

int pacta_request_new(const pacta_module *mod, pacta_request **out)
{
	pacta_request *r;

	if (!out)
		return PACTA_MISUSE;
	*out = NULL;
	if (!mod)
		return PACTA_MISUSE;
	/* One allocation of whole lines: the id, the error text and the
	 * general decoder's slots are made when first needed, so that many
	 * requests lie close together. */
	r = aligned_alloc(64, mod->request_size);
	if (!r)
		return PACTA_NOMEM;
	memset(r, 0, mod->request_size);
	request_init(mod, r, 0);
	lp_module_hold(mod);
	*out = r;
	return PACTA_OK;
}

static void request_free_cold(pacta_request *req)
{
	struct lp_request_cold *c = LP_TAIL(req)->cold;

	if (c) {
		lp_sb_free(&c->text);
		free(c->slots);
		free(c);
	}
}

void pacta_request_free(pacta_request *req)
{
	if (!req || LP_TAIL(req)->in_array)   /* freed with its array */
		return;
	const pacta_module *mod = LP_MOD(req);

	request_free_cold(req);
	free(req);
	lp_module_let_go(mod);
}

/* The request's cold part, made on first need; -1 when out of memory. */
static int request_cold(pacta_request *req)
{
	struct lp_request_tail *t = LP_TAIL(req);

	if (!t->cold)
		t->cold = calloc(1, sizeof *t->cold);
	return t->cold ? 0 : -1;
}

/* Defaults back, every field unset; the id is the caller's business. */
static void clear_fields(pacta_request *req)
{
	const pacta_module *mod = LP_MOD(req);

	memcpy(LP_DATA(req), mod->defaults, mod->data_size);
	memset(LP_SET(req), 0, mod->field_words * sizeof(uint64_t));
	LP_TAIL(req)->unset = mod->nrequired;
	changed(req);
}

/* The words of set field `field` in the packed request. */
static uint64_t *set_words(pacta_request *req, int field)
{
	return (uint64_t *)(void *)(LP_DATA(req) + LP_MOD(req)->places[field].at);
}

/* Field `field` given a value (its slots written by the caller). */
static void mark_set(pacta_request *req, int field)
{
	if (!lp_bit(LP_SET(req), (size_t)field)) {
		lp_bit_set(LP_SET(req), (size_t)field);
		LP_TAIL(req)->unset -= lp_bit(LP_MOD(req)->required, (size_t)field);
	}
	changed(req);
}

void pacta_request_reset(pacta_request *req)
{
	if (!req)
		return;
	clear_fields(req);
	LP_HAS_ID(req) = 0;
	if (LP_TAIL(req)->cold) {
		LP_ID(req)->kind = 0;
		LP_ID(req)->text[0] = '\0';
		LP_ID(req)->len = 0;
		LP_ID(req)->truncated = 0;
	}
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
	s = LP_MOD(req)->s;
	if (field < 0 || (uint32_t)field >= s->nfields) {
		lp_error(err, PACTA_MISUSE, NULL, "no field with index %d "
			 "(the module has %u fields)", field, s->nfields);
		return NULL;
	}
	f = &s->fields[field];
	if (!((want >> f->kind) & 1)) {
		lp_error(err, PACTA_MISUSE, f->name, "field '%s' is of type "
			 "'%s', not %s", f->name, LP_MOD(req)->type_names[field],
			 what);
		return NULL;
	}
	return f;
}

static int store(pacta_request *req, int field, uint64_t v)
{
	lp_place_put(&LP_MOD(req)->places[field], LP_DATA(req), v);
	mark_set(req, field);
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
		char text[16], why[64] = "";

		/* why, as a request's JSON says it, for a date of that shape */
		if (year >= 0 && year <= 9999 && month >= 0 && month <= 99
		    && day >= 0 && day <= 99) {
			snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
			lp_date_why(text, 10, why, sizeof why);
		}
		lp_error(err, PACTA_RANGE, f->name, *why ? "field '%s': invalid date "
			 "%04d-%02d-%02d (%s)" : "field '%s': invalid date %04d-%02d-%02d%s",
			 f->name, year, month, day, why);
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
		i = lp_names_member(LP_MOD(req)->members, f->enum_index, name,
				       strlen(name));
		if (i != UINT32_MAX)
			return (int)i;
	}
	if (name)
		lp_error(err, PACTA_RANGE, f->name, "field '%s': unknown value "
			 "'%s'", f->name, name);
	else
		lp_error(err, PACTA_RANGE, f->name, "field '%s': no member "
			 "name given (NULL)", f->name);
	return -1;
}

static int member_in_range(const pacta_request *req,
			   const lp_field_desc *f, int m, pacta_error *err)
{
	uint32_t n = LP_MOD(req)->s->enums[f->enum_index].nmembers;

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
	lp_bit_set(set_words(req, field), (size_t)m);
	mark_set(req, field);
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
	lp_bit_set(set_words(req, field), (size_t)m);
	mark_set(req, field);
	return PACTA_OK;
}

int pacta_request_set_clear(pacta_request *req, int field, pacta_error *err)
{
	const lp_field_desc *f;

	f = target(req, field, 1u << PK_SET, "a set", err);
	if (!f)
		return PACTA_MISUSE;
	memset(set_words(req, field), 0, f->nslots * sizeof(uint64_t));
	mark_set(req, field);
	return PACTA_OK;
}

/* The general decoder's slots of `req`, made on first need; -1 when out of
 * memory. */
static int request_slots(pacta_request *req)
{
	struct lp_request_cold *c;

	if (request_cold(req) != 0)
		return -1;
	c = LP_TAIL(req)->cold;
	if (!c->slots)
		c->slots = calloc(LP_MOD(req)->s->nslots + 1, sizeof(uint64_t));
	return c->slots ? 0 : -1;
}

/* The id a decoder found (kind 0: none) kept with the request; -1 when out
 * of memory for it.  A request never given an id makes no cold part. */
static int keep_id(pacta_request *req, const lp_request_id *id)
{
	LP_HAS_ID(req) = 0;
	if (id->kind == 0 && !LP_TAIL(req)->cold)
		return 0;
	if (request_cold(req) != 0)
		return -1;
	if (id->kind == 0) {
		LP_ID(req)->kind = 0;
		LP_ID(req)->len = 0;
		LP_ID(req)->truncated = 0;
		LP_ID(req)->text[0] = '\0';
		return 0;
	}
	*LP_ID(req) = *id;
	LP_HAS_ID(req) = 1;
	return 0;
}

int pacta_request_from_json(pacta_request *req, const char *line,
			    size_t len, int lineno, pacta_error *err)
{
	const lp_schema *s;
	lp_json_error jerr;
	lp_request_id id;

	if (!req || (!line && len > 0)) {
		lp_error(err, PACTA_MISUSE, NULL, "no request or no line");
		return PACTA_MISUSE;
	}
	s = LP_MOD(req)->s;
	if (!line)
		line = "";
	/* The fast decoder needs no slots; a line it declines goes through
	 * lp_json_decode_packed, which needs them.  Both write the id, if
	 * any, into `id`, which keep_id copies to the request's cold part. */
	if (lp_json_decode_fast(LP_MOD(req)->members, line, len, LP_DATA(req), &id) != 0) {
		if (request_slots(req) != 0) {
			clear_fields(req);
			lp_error(err, PACTA_NOMEM, NULL, "out of memory");
			return PACTA_NOMEM;
		}
		if (lp_json_decode_packed(s, LP_MOD(req)->members, line, len, lineno,
					  LP_DATA(req), LP_TAIL(req)->cold->slots, &id, &jerr) != 0) {
			/* the cold part is there (request_slots): keep_id
			 * cannot fail */
			(void)keep_id(req, &id);
			/* Half-decoded slots must not be decided; the id
			 * stays for the error line. */
			clear_fields(req);
			lp_error(err, PACTA_INPUT, jerr.field[0] ? jerr.field : NULL,
				 "%s", jerr.text);
			if (err) {
				err->line = jerr.line;
				err->column = jerr.column;
			}
			return PACTA_INPUT;
		}
	}
	if (keep_id(req, &id) != 0) {
		clear_fields(req);
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	/* The decoder gave every field a value or failed: every bit set, a
	 * word at a time (a loop over the fields cost as much as deciding). */
	memset(LP_SET(req), 0xff, s->nfields / 64 * sizeof(uint64_t));
	if (s->nfields % 64)
		LP_SET(req)[s->nfields / 64] |= ((uint64_t)1 << (s->nfields % 64)) - 1;
	LP_TAIL(req)->unset = 0;
	changed(req);
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
	if (request_cold(req) != 0)
		return PACTA_NOMEM;
	if (!LP_HAS_ID(req))
		LP_ID(req)->kind = 0;
	LP_TEXT(req)->len = 0;
	LP_TEXT(req)->failed = 0;
	lp_json_encode_error(LP_ID(req), &jerr, LP_TEXT(req));
	return copy_out(LP_TEXT(req), buf, cap, needed);
}

/* ---- deciding ---- */

/* The decision's cold part (libpacta.h), made on first need; -1 when out
 * of memory. */
static int decision_cold(pacta_decision *dec)
{
	const pacta_module *mod = dec->mod;
	struct lp_decision_cold *c;

	if (dec->cold)
		return 0;
	c = calloc(1, sizeof *c + mod->block_size
			      + (mod->host ? mod->s->nslots + 1 : 0) * sizeof(uint64_t));
	if (!c)
		return -1;
	lp_decision_layout(mod->s, &c->buf, c->block);
	c->slots = c->block + mod->block_size / 8;
	dec->cold = c;
	return 0;
}

/* A decision at `d` (mod->decision_size bytes, zeroed) made new; -1 when
 * out of memory.  A hosted module's is made whole at once, so that
 * deciding never allocates. */
static int decision_init(const pacta_module *mod, pacta_decision *d, int in_array)
{
	d->mod = mod;
	d->in_array = (uint8_t)in_array;
	return mod->host ? decision_cold(d) : 0;
}

static void decision_free_cold(pacta_decision *dec)
{
	if (dec->cold) {
		lp_sb_free(&dec->cold->text);
		free(dec->cold);
		dec->cold = NULL;
	}
}

int pacta_decision_new(const pacta_module *mod, pacta_decision **out)
{
	pacta_decision *d;

	if (!out)
		return PACTA_MISUSE;
	*out = NULL;
	if (!mod)
		return PACTA_MISUSE;
	/* libpacta.h: the header and the block's first words, on whole
	 * lines of their own; the rest when first read */
	d = aligned_alloc(64, mod->decision_size);
	if (!d)
		return PACTA_NOMEM;
	memset(d, 0, mod->decision_size);
	if (decision_init(mod, d, 0) != 0) {
		free(d);
		return PACTA_NOMEM;
	}
	lp_module_hold(mod);
	*out = d;
	return PACTA_OK;
}

void pacta_decision_free(pacta_decision *dec)
{
	if (!dec || dec->in_array)   /* freed with its array */
		return;
	const pacta_module *mod = dec->mod;

	decision_free_cold(dec);
	free(dec);
	lp_module_let_go(mod);
}

/* ---- arrays of requests and decisions ---- */

/* n objects of `size` bytes (a multiple of 64), back to back. */
struct lp_array {
	const pacta_module *mod;
	size_t n, size;
	unsigned char *mem;
};

/* The public handles are the array itself. */
struct pacta_request_array {
	struct lp_array a;
};

struct pacta_decision_array {
	struct lp_array a;
};

/* A new array of n objects of `size` bytes in `bytes` bytes (at least
 * n * size; the caller zeroes what it uses), in *out; PACTA_OK or
 * PACTA_NOMEM. */
static int array_new(const pacta_module *mod, size_t n, size_t size, size_t bytes, struct lp_array **out)
{
	struct lp_array *a = calloc(1, sizeof *a);

	if (!a)
		return PACTA_NOMEM;
	a->mem = aligned_alloc(64, bytes);
	if (!a->mem) {
		free(a);
		return PACTA_NOMEM;
	}
	a->mod = mod;
	a->n = n;
	a->size = size;
	lp_module_hold(mod);
	*out = a;
	return PACTA_OK;
}

static void *array_get(struct lp_array *a, size_t i)
{
	return i < a->n ? a->mem + i * a->size : NULL;
}

/*
 * The requests of an array lie back to back, request_stride bytes apart,
 * and their sides as many bytes apart in a region of their own that
 * starts 2^k bytes on (libpacta.h): the array is made of 2^k + n strides,
 * and the pages between the two regions, never written, cost no memory.
 */
int pacta_request_array_new(const pacta_module *mod, size_t n, pacta_request_array **out)
{
	struct lp_array *a;
	size_t stride, bytes;
	unsigned k = 6;
	int rc;

	if (!out)
		return PACTA_MISUSE;
	*out = NULL;
	if (!mod || n == 0)
		return PACTA_MISUSE;
	stride = mod->request_stride;
	if (n > SIZE_MAX / 4 / stride)
		return PACTA_NOMEM;
	bytes = n * stride;
	while (((size_t)1 << k) < bytes)
		k++;
	rc = array_new(mod, n, stride, ((size_t)1 << k) + bytes, &a);
	if (rc != PACTA_OK)
		return rc;
	memset(a->mem, 0, bytes);
	memset(a->mem + ((size_t)1 << k), 0, bytes);
	for (size_t i = 0; i < n; i++)
		request_init(mod, array_get(a, i), k);
	*out = (pacta_request_array *)a;
	return PACTA_OK;
}

pacta_request *pacta_request_array_get(pacta_request_array *arr, size_t i)
{
	return arr ? array_get(&arr->a, i) : NULL;
}

void pacta_request_array_free(pacta_request_array *arr)
{
	if (!arr)
		return;
	const pacta_module *mod = arr->a.mod;

	for (size_t i = 0; i < arr->a.n; i++)
		request_free_cold(array_get(&arr->a, i));
	free(arr->a.mem);
	free(arr);
	lp_module_let_go(mod);
}

void pacta_decision_array_free(pacta_decision_array *arr)
{
	if (!arr)
		return;
	const pacta_module *mod = arr->a.mod;

	for (size_t i = 0; i < arr->a.n; i++)
		decision_free_cold(array_get(&arr->a, i));
	free(arr->a.mem);
	free(arr);
	lp_module_let_go(mod);
}

int pacta_decision_array_new(const pacta_module *mod, size_t n, pacta_decision_array **out)
{
	struct lp_array *a;
	int rc;

	if (!out)
		return PACTA_MISUSE;
	*out = NULL;
	if (!mod || n == 0)
		return PACTA_MISUSE;
	if (n > SIZE_MAX / mod->decision_size)
		return PACTA_NOMEM;
	rc = array_new(mod, n, mod->decision_size, n * mod->decision_size, &a);
	if (rc != PACTA_OK)
		return rc;
	memset(a->mem, 0, n * mod->decision_size);
	*out = (pacta_decision_array *)a;
	for (size_t i = 0; i < n; i++)
		if (decision_init(mod, array_get(a, i), 1) != 0) {
			pacta_decision_array_free(*out);   /* the cold parts made */
			*out = NULL;
			return PACTA_NOMEM;
		}
	return PACTA_OK;
}

pacta_decision *pacta_decision_array_get(pacta_decision_array *arr, size_t i)
{
	return arr ? array_get(&arr->a, i) : NULL;
}

static int __attribute__((noinline, cold))
impossible(pacta_decision *dec, uint32_t r, pacta_error *err)
{
	dec->decided = LP_UNDECIDED;
	lp_error(err, PACTA_ERROR, NULL, "the module returned an impossible "
		 "decision (0x%x)", r);
	return PACTA_ERROR;
}

/* What an evaluator returned (module_abi.h), into `dec`: `state` says how
 * much of the block it wrote. */
static inline int record(const pacta_request *req, pacta_decision *dec,
			 uint32_t r, int state, pacta_error *err)
{
	if (__builtin_expect((r & 0xff) >= PO__COUNT || (r >> 8) > PG_AGREEMENT, 0))
		return impossible(dec, r, err);
	dec->outcome = (uint8_t)(r & 0xff);
	dec->ground = (uint8_t)(r >> 8);
	dec->decided = (uint8_t)state;
	dec->req = req;
	dec->req_stamp = req->stamp;
	return PACTA_OK;
}

int lp_request_check_set(const pacta_request *req, pacta_error *err)
{
	const pacta_module *mod = LP_MOD(req);

	const char *first = NULL;
	lp_name_list others = { 0 };

	/* Word by word: fields without default that are not set; the error
	 * names the first, and its message the others. */
	for (size_t w = 0; w < mod->field_words; w++) {
		uint64_t missing = mod->required[w] & ~LP_SET(req)[w];

		for (; missing; missing &= missing - 1) {
			const char *name =
				mod->s->fields[w * 64 + (size_t)__builtin_ctzll(missing)]
					.name;

			if (!first)
				first = name;
			else
				lp_name_list_add(&others, " (nor were ", '\'', name);
		}
	}
	if (!first)
		return PACTA_OK;
	lp_name_list_end(&others, " (nor were ", ")");
	lp_error(err, PACTA_MISUSE, first, "field '%s' has no default and was "
		 "not set%s", first, others.text);
	return PACTA_MISUSE;
}

/* What pacta_decide does off its hot path: say what is wrong with the
 * call, or decide with a hosted evaluator (which writes the whole trace
 * at once). */
static int __attribute__((noinline, cold))
decide_cold(const pacta_module *mod, const pacta_request *req,
	    pacta_decision *dec, pacta_error *err)
{
	uint32_t r;

	if (!mod || !req || !dec) {
		lp_error(err, PACTA_MISUSE, NULL, "no module, request or "
			 "decision");
		return PACTA_MISUSE;
	}
	dec->decided = LP_UNDECIDED;
	if (LP_MOD(req) != mod || dec->mod != mod) {
		lp_error(err, PACTA_MISUSE, NULL, "the request or the decision "
			 "was made for another module");
		return PACTA_MISUSE;
	}
	if (lp_request_check_set(req, err) != PACTA_OK)
		return PACTA_MISUSE;
	if (!mod->host || !dec->cold) {
		lp_error(err, PACTA_ERROR, NULL, "internal error: pacta_decide");
		return PACTA_ERROR;
	}
	lp_unpack(mod->s, mod->places, LP_DATA(req), dec->cold->slots);
	r = mod->host(mod->host_ctx, dec->cold->slots, dec->cold->block);
	memcpy(dec->fast, dec->cold->block, mod->fast_words * sizeof(uint64_t));
	dec->cold->buf.outcome = (uint8_t)(r & 0xff);
	dec->cold->buf.ground = (uint8_t)(r >> 8);
	return record(req, dec, r, LP_TRACED, err);
}

_Static_assert(offsetof(struct pacta_decision, fast)
	       == offsetof(struct pacta_decision, head) + sizeof(uint64_t)
	       && offsetof(struct pacta_decision, outcome)
	       == offsetof(struct pacta_decision, head)
	       && offsetof(struct pacta_decision, ground)
	       == offsetof(struct pacta_decision, head) + 1,
	       "the fast entry's head word (module_abi.h, lp_fast_fn)");

/* One test for everything unusual: no request or decision, another
 * module's, a field left unset, a hosted evaluator (the request's `ready`
 * is then not the module: libpacta.h).  A NULL module matches no request
 * or decision. */
static inline int fast_way(const pacta_module *mod, const pacta_request *req,
			   const pacta_decision *dec)
{
	return __builtin_expect(req && dec, 1)
	       && __builtin_expect(!((req->ready != (uintptr_t)mod) | (dec->mod != mod)), 1);
}

/* No lp_decision_clear(): the fast entry writes what it decides, the
 * outcome and the ground too, and returns PACTA_OK (module_abi.h); the
 * trace is written when it is read.  What libpacta records is recorded
 * first, so that the call is the last thing done: a jump, with nothing
 * kept across it.  A module that wrote an impossible outcome or ground is
 * caught by the first reader (decided()). */
static inline int decide_fast(const pacta_module *mod, const pacta_request *req,
			      pacta_decision *dec)
{
	dec->req = req;
	dec->req_stamp = req->stamp;
	dec->decided = LP_OUTCOME;
	return mod->decide(req->words, &dec->head);
}

int pacta_decide(const pacta_module *mod, const pacta_request *req,
		 pacta_decision *dec, pacta_error *err)
{
	if (!fast_way(mod, req, dec))
		return decide_cold(mod, req, dec, err);
	return decide_fast(mod, req, dec);
}

int pacta_decide_batch(const pacta_module *mod,
		       const pacta_request *const *reqs,
		       pacta_decision *const *decs, size_t n, pacta_error *err)
{
	enum { AHEAD = 4 };   /* requests fetched ahead of the one decided */
	int first = PACTA_OK;

	if (!reqs || !decs) {
		if (n == 0)
			return PACTA_OK;
		lp_error(err, PACTA_MISUSE, NULL, "no requests or decisions");
		return PACTA_MISUSE;
	}
	/* the lines pacta_decide reads and writes (libpacta.h): the request's
	 * header and packed fields, the decision's header and obligation
	 * words; a second line only where they run into one */
	int req2 = mod && sizeof(pacta_request) + mod->data_size > 64;
	int dec2 = mod && mod->decision_size > 64;
	for (size_t i = 0; i < n; i++) {
		pacta_error one;
		int rc;

		if (i + AHEAD < n) {
			const char *r = (const char *)reqs[i + AHEAD];
			const char *d = (const char *)decs[i + AHEAD];

			/* a prefetch never faults, even of NULL; r + 64 is
			 * computed only from an object */
			__builtin_prefetch(r);
			__builtin_prefetch(d, 1);
			if (req2 && r)
				__builtin_prefetch(r + 64);
			if (dec2 && d)
				__builtin_prefetch(d + 64, 1);
		}
		if (fast_way(mod, reqs[i], decs[i])) {
			decide_fast(mod, reqs[i], decs[i]);
			continue;
		}
		rc = decide_cold(mod, reqs[i], decs[i], err && first == PACTA_OK ? &one : NULL);
		if (rc != PACTA_OK && first == PACTA_OK) {
			first = rc;
			if (err) {
				lp_error(err, rc, one.field[0] ? one.field : NULL,
					 "request %zu: %.200s", i, one.message);
				/* 1-based, as pacta_error's lines are: 0 says
				 * "no place" (pacta.h) */
				err->line = (int)(i >= INT32_MAX ? INT32_MAX : i + 1);
			}
		}
	}
	return first;
}

void lp_request_set_slots(pacta_request *req, const uint64_t *slots)
{
	const lp_schema *s = LP_MOD(req)->s;

	lp_pack(s, LP_MOD(req)->places, slots, LP_DATA(req));
	for (uint32_t i = 0; i < s->nfields; i++)
		lp_bit_set(LP_SET(req), i);
	LP_HAS_ID(req) = 0;
	LP_TAIL(req)->unset = 0;
	changed(req);
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

/* Whether the module wrote an outcome and a ground that exist: the fast
 * entry writes them into the decision (module_abi.h), unchecked on the
 * way, so every reader checks them here. */
static int possible(const pacta_decision *dec)
{
	return dec->outcome < PO__COUNT && dec->ground <= PG_AGREEMENT;
}

static const lp_schema *decided(const pacta_decision *dec)
{
	return dec && dec->decided && possible(dec) ? dec->mod->s : NULL;
}

/* Whether the request decided is still there as it was decided. */
static int same_request(const pacta_decision *dec)
{
	return dec->req->stamp == dec->req_stamp;
}

/*
 * Makes the decision's whole block there: after the module's fast entry,
 * the trace is computed now from the request decided, if it is still
 * there unchanged (else PACTA_MISUSE).  The full entry must agree with the
 * fast one on the outcome, the ground and the obligations, and name the
 * clauses of a decision by clauses, or the module is at odds with itself
 * (PACTA_ERROR).  The block is a cache of what the
 * request decides, so this writes to a decision the caller may hold as
 * const (a decision belongs to one thread at a time).
 */
int lp_decision_trace(pacta_decision *dec)
{
	uint64_t *block, diff = 0;
	size_t n;
	uint32_t r;

	if (!dec || dec->decided == LP_UNDECIDED)
		return PACTA_MISUSE;
	if (dec->decided == LP_TRACED)
		return PACTA_OK;
	if (dec->decided == LP_AT_ODDS || !possible(dec))
		return PACTA_ERROR;
	if (!same_request(dec))
		return PACTA_MISUSE;
	if (decision_cold(dec) != 0)
		return PACTA_NOMEM;
	/* the whole block in the cold part; the fast entry's words stay
	 * on the hot line, to compare (model.h: the block's first) */
	block = dec->cold->block;
	n = dec->mod->fast_words;
	r = dec->mod->desc->trace(dec->req->words, block);
	for (size_t i = 0; i < n; i++)
		diff |= dec->fast[i] ^ block[i];
	if (r != (uint32_t)(dec->outcome | dec->ground << 8) || diff) {
		dec->decided = LP_AT_ODDS;
		return PACTA_ERROR;
	}
	/* A decision by clauses names them: one without grounds could be
	 * neither explained nor justified. */
	if (dec->ground == PG_CLAUSES
	    && count_bits(dec->cold->buf.grounds, dec->mod->s->nclauses) == 0) {
		dec->decided = LP_AT_ODDS;
		return PACTA_ERROR;
	}
	dec->cold->buf.outcome = dec->outcome;
	dec->cold->buf.ground = dec->ground;
	dec->decided = LP_TRACED;
	return PACTA_OK;
}

/* The schema when the decision's whole block is there, else NULL. */
static const lp_schema *traced(const pacta_decision *dec)
{
	if (lp_decision_trace((pacta_decision *)(uintptr_t)dec) != PACTA_OK)
		return NULL;
	return dec->mod->s;
}

int pacta_decision_outcome(const pacta_decision *dec)
{
	return decided(dec) ? dec->outcome : -1;
}

const char *pacta_decision_outcome_name(const pacta_decision *dec)
{
	return decided(dec) ? lp_outcome_names[dec->outcome] : NULL;
}

int pacta_decision_ground(const pacta_decision *dec)
{
	return decided(dec) ? dec->ground : -1;
}

/* The grounds are part of the trace: -1 when it cannot be had (traced). */
int pacta_decision_ground_count(const pacta_decision *dec)
{
	const lp_schema *s;

	if (!decided(dec) || dec->ground != PG_CLAUSES)
		return 0;
	s = traced(dec);
	return s ? count_bits(dec->cold->buf.grounds, s->nclauses) : -1;
}

int pacta_decision_ground_clause(const pacta_decision *dec, int k)
{
	const lp_schema *s;

	if (!decided(dec) || dec->ground != PG_CLAUSES)
		return -1;
	s = traced(dec);
	return s ? nth_bit(dec->cold->buf.grounds, s->nclauses, k) : -1;
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
		    && lp_action_outcome(rd->action) == dec->outcome
		    && lp_bit(dec->cold->buf.fired, r))
			return rd->reason ? rd->reason : s->clauses[c].title;
	}
	return s->clauses[c].title;
}

int pacta_decision_ground_discretionary(const pacta_decision *dec, int k)
{
	int c = pacta_decision_ground_clause(dec, k);

	return c < 0 ? 0 : lp_bit(dec->cold->buf.discretionary, (size_t)c);
}

/* Whether obligation j is reported: imposed and going with the outcome
 * (as lp_oblig_reported, from the decision's hot line). */
static int reported(const pacta_decision *dec, uint32_t j)
{
	return lp_bit(dec->fast, j) && (dec->mod->s->obligs[j].on >> dec->outcome & 1);
}

/* The obligations reported: imposed and going with the outcome
 * (lp_oblig_reported). */
int pacta_decision_obligation_count(const pacta_decision *dec)
{
	const lp_schema *s = decided(dec);
	int n = 0;

	for (uint32_t j = 0; s && j < s->noblig; j++)
		n += reported(dec, j);
	return n;
}

int pacta_decision_obligation(const pacta_decision *dec, int k)
{
	const lp_schema *s = decided(dec);

	for (uint32_t j = 0; s && k >= 0 && j < s->noblig; j++)
		if (reported(dec, j) && k-- == 0)
			return (int)j;
	return -1;
}

int pacta_decision_obligation_imposed(const pacta_decision *dec, int oblig)
{
	const lp_schema *s = decided(dec);

	if (!s || oblig < 0 || (uint32_t)oblig >= s->noblig)
		return 0;
	return reported(dec, (uint32_t)oblig);
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
	*value = (int64_t)dec->fast[dec->mod->oblig_val + o->slot];
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
	return lp_bit(dec->fast + dec->mod->oblig_val + o->slot, (size_t)m);
}

static const uint64_t *sources(const pacta_decision *dec, int oblig)
{
	size_t cw = LP_BITWORDS(dec->mod->s->nclauses);

	return dec->cold->buf.oblig_src + (size_t)oblig * cw;
}

int pacta_decision_obligation_source_count(const pacta_decision *dec,
					   int oblig)
{
	if (!pacta_decision_obligation_imposed(dec, oblig))
		return 0;
	return traced(dec) ? count_bits(sources(dec, oblig), dec->mod->s->nclauses) : -1;
}

int pacta_decision_obligation_source(const pacta_decision *dec, int oblig,
				     int k)
{
	if (!pacta_decision_obligation_imposed(dec, oblig) || !traced(dec))
		return -1;
	return nth_bit(sources(dec, oblig), dec->mod->s->nclauses, k);
}

int pacta_decision_exempted_count(const pacta_decision *dec)
{
	const lp_schema *s = traced(dec);

	return s ? count_bits(dec->cold->buf.exempted, s->nclauses) : decided(dec) ? -1 : 0;
}

int pacta_decision_exempted(const pacta_decision *dec, int k)
{
	const lp_schema *s = traced(dec);

	return s ? nth_bit(dec->cold->buf.exempted, s->nclauses, k) : -1;
}

int pacta_decision_exempted_by(const pacta_decision *dec, int clause)
{
	const lp_schema *s = traced(dec);
	uint32_t by;

	if (!s || clause < 0 || (uint32_t)clause >= s->nclauses
	    || !lp_bit(dec->cold->buf.exempted, (size_t)clause))
		return -1;
	by = dec->cold->buf.exempted_by[clause];
	return by < s->nclauses ? (int)by : -1;
}

int pacta_decision_fired_count(const pacta_decision *dec)
{
	const lp_schema *s = traced(dec);

	return s ? count_bits(dec->cold->buf.fired, s->nrules) : decided(dec) ? -1 : 0;
}

int pacta_decision_fired(const pacta_decision *dec, int k)
{
	const lp_schema *s = traced(dec);

	return s ? nth_bit(dec->cold->buf.fired, s->nrules, k) : -1;
}

/* ---- texts ---- */

/* The id of a request that has none. */
static const lp_request_id no_id;

/* The decision's JSON text, emptied; made on first use with room for the
 * module's longest decision (up to MAX_JSON_PREALLOC) and for any error
 * line, so that pacta_decide_json allocates nothing after its first call. */
static int json_text(pacta_decision *dec)
{
	lp_strbuf *t;

	if (decision_cold(dec) != 0)
		return PACTA_NOMEM;
	t = &dec->cold->text;

	if (!t->data) {
		size_t room = dec->mod->json_bound < MAX_JSON_PREALLOC
			? dec->mod->json_bound : MAX_JSON_PREALLOC;

		if (room < MAX_ERROR_JSON)
			room = MAX_ERROR_JSON;
		t->data = malloc(room);
		if (!t->data)
			return PACTA_NOMEM;
		t->cap = room;
	}
	t->len = 0;
	t->failed = 0;
	return PACTA_OK;
}

int pacta_decision_json(pacta_decision *dec, int with_trace, char *buf,
			size_t cap, size_t *needed)
{
	int rc = lp_decision_trace(dec);

	if (rc != PACTA_OK)
		return rc;
	if (!same_request(dec))   /* the id is read from the request */
		return PACTA_MISUSE;
	if (json_text(dec) != PACTA_OK)
		return PACTA_NOMEM;
	/* traced() saw the request there, unchanged: its id is the one
	 * decided */
	lp_json_encode_decision_n(dec->mod->s, dec->mod->members, &dec->cold->buf,
				  LP_HAS_ID(dec->req) ? LP_ID(dec->req) : &no_id,
				  with_trace != 0, &dec->cold->text);
	return copy_out(&dec->cold->text, buf, cap, needed);
}

int pacta_decision_explain(pacta_decision *dec, char *buf, size_t cap,
			   size_t *needed)
{
	int rc = lp_decision_trace(dec);
	const lp_schema *s = dec ? dec->mod->s : NULL;

	if (rc != PACTA_OK)
		return rc;
	if (!same_request(dec))   /* the words read the request */
		return PACTA_MISUSE;
	dec->cold->text.len = 0;
	dec->cold->text.failed = 0;
	lp_request_view v = { dec->mod->places, LP_DATA(dec->req), NULL };
	lp_explain(s, &dec->cold->buf, &v, 1, &dec->cold->text);
	return copy_out(&dec->cold->text, buf, cap, needed);
}

/*
 * One JSON line in, its decision's JSON (or its error line) out, as one
 * line of `pacta eval`: decoding, deciding and encoding through the same
 * calls as the request, decide and decision functions above.  The error
 * line is built in the decision's text buffer, which json_text made with
 * room for it, so nothing is allocated after the first call.
 */
int pacta_decide_json(pacta_request *req, pacta_decision *dec,
		      const char *line, size_t len, int lineno,
		      int with_trace, char *buf, size_t cap, size_t *needed,
		      pacta_error *err)
{
	pacta_error local;
	lp_json_error jerr;
	int rc;

	if (!req || !dec || LP_MOD(req) != dec->mod) {
		lp_error(err, PACTA_MISUSE, NULL, "no request or decision, or "
			 "they were made for different modules");
		return PACTA_MISUSE;
	}
	if (!err)
		err = &local;
	/* pacta.h: nothing allocated after the first call, whatever the
	 * lines that follow */
	if (request_slots(req) != 0 || json_text(dec) != PACTA_OK) {
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	rc = pacta_request_from_json(req, line, len, lineno, err);
	if (rc == PACTA_OK)
		rc = pacta_decide(LP_MOD(req), req, dec, err);
	if (rc == PACTA_OK) {
		rc = pacta_decision_json(dec, with_trace, buf, cap, needed);
		if (rc == PACTA_ERROR && !possible(dec))
			impossible(dec, (uint32_t)(dec->outcome | dec->ground << 8), err);
		else if (rc != PACTA_OK)
			lp_error(err, rc, NULL, "%s", rc == PACTA_RANGE
				 ? "the buffer is too small for the decision"
				 : rc == PACTA_NOMEM ? "out of memory"
				 : "the module's two entries disagree on the "
				   "decision");
		return rc;
	}
	if (rc != PACTA_INPUT)
		return rc;      /* misuse: no line to write */
	memset(&jerr, 0, sizeof jerr);
	_Static_assert(sizeof jerr.text >= sizeof err->message, "message");
	memcpy(jerr.text, err->message, sizeof err->message);
	jerr.text[sizeof err->message - 1] = '\0';
	dec->decided = LP_UNDECIDED;
	if (json_text(dec) != PACTA_OK) {
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	lp_json_encode_error(LP_HAS_ID(req) ? LP_ID(req) : &no_id, &jerr, &dec->cold->text);
	if (copy_out(&dec->cold->text, buf, cap, needed) == PACTA_RANGE) {
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
	/* a byte-order mark before the stream's first line, as some editors
	 * save UTF-8, is no part of the request (as pacta eval) */
	if (lineno == 1)
		in = lp_bom(text, len);
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
			if (lineno < INT_MAX)   /* past it, lines are said to be INT_MAX */
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
