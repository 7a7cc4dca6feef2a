/*
 * validate.c — checking the descriptor a rule module exports
 * (module_abi.h), after runtime/module.c has loaded the module and before
 * anything reads the descriptor: its alignment, magic and ABI version, and
 * a schema whose every pointer, count and index is checked once here,
 * against where the module lies in memory, so that the request builder,
 * the getters (runtime/info.c), the JSON codec and the explanation
 * renderer can index the schema's tables without checking again.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "libpacta.h"

/* No compiler makes modules near these; larger means damage. */
#define MAX_COUNT ((uint32_t)1 << 20)     /* fields, clauses, members, ... */
#define MAX_SLOTS ((uint32_t)1 << 24)
#define MAX_BLOCK ((size_t)64 << 20)      /* bytes of a decision block */

/* The loaded module's segments, and where to write a refusal. */
struct vctx {
	const struct lp_span *seg;
	unsigned n;
	char msg[200];
};

static int bad(struct vctx *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad(struct vctx *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof v->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* The segment holding p with all of `flags`, or NULL. */
static const struct lp_span *span_of(const struct vctx *v, const void *p,
				     uint32_t flags)
{
	uintptr_t a = (uintptr_t)p;

	for (unsigned i = 0; i < v->n; i++)
		if (a >= v->seg[i].lo && a < v->seg[i].hi
		    && (v->seg[i].flags & flags) == flags)
			return &v->seg[i];
	return NULL;
}

/* Whether n bytes at p (n may be 0) are readable memory of the module. */
static int readable(const struct vctx *v, const void *p, size_t n)
{
	const struct lp_span *s;

	if (n == 0)
		return 1;
	s = span_of(v, p, PF_R);
	return s && n <= s->hi - (uintptr_t)p;
}

/* An array of n elements of `size` bytes aligned to `align`: NULL is fine
 * when empty.  A misaligned table is as broken as a wild one. */
static int array_ok(const struct vctx *v, const void *p, uint32_t n,
		    size_t size, size_t align)
{
	if (n == 0)
		return 1;
	return p && (uintptr_t)p % align == 0
	       && readable(v, p, (size_t)n * size);
}

/* A string of the module: NULL when `optional`, else NUL-terminated
 * inside one segment, and UTF-8: every name and text reaches JSON, the
 * explanation and the host's own output as it is. */
static int string_ok(const struct vctx *v, const char *s, int optional)
{
	const struct lp_span *sp;
	const char *end;

	if (!s)
		return optional;
	sp = span_of(v, s, PF_R);
	if (!sp || !(end = memchr(s, '\0', sp->hi - (uintptr_t)s)))
		return 0;
	while (s < end) {
		size_t n = lp_utf8_len(s, (size_t)(end - s));

		if (n == 0)
			return 0;
		s += n;
	}
	return 1;
}

/* Words a value of this kind takes in a request or an obligation. */
static uint32_t kind_words(const lp_schema *s, int kind, uint32_t e)
{
	if (kind == PK_SET)
		return (uint32_t)LP_BITWORDS(s->enums[e].nmembers);
	return 1;
}

static int check_enums(struct vctx *v, const lp_schema *s)
{
	if (s->nenums > MAX_COUNT
	    || !array_ok(v, s->enums, s->nenums, sizeof *s->enums,
			  _Alignof(lp_enum_desc)))
		return bad(v, "bad enum table");
	for (uint32_t i = 0; i < s->nenums; i++) {
		const lp_enum_desc *e = &s->enums[i];

		if (!string_ok(v, e->name, 0))
			return bad(v, "enum %u has a bad name", i);
		if (e->nmembers > MAX_COUNT
		    || !array_ok(v, e->members, e->nmembers,
				 sizeof *e->members, _Alignof(const char *)))
			return bad(v, "enum '%s' has a bad member table",
				   e->name);
		for (uint32_t m = 0; m < e->nmembers; m++)
			if (!string_ok(v, e->members[m], 0))
				return bad(v, "enum '%s' has a bad member %u",
					   e->name, m);
	}
	return 0;
}

/* A default value must be one the request could hold. */
static int default_ok(const lp_schema *s, const lp_field_desc *f)
{
	const uint64_t *w = f->defval;
	int64_t v = (int64_t)w[0];

	switch (f->kind) {
	case PK_BOOL:
		return w[0] <= 1;
	case PK_DATE:
		return v >= LP_DATE_MIN && v <= LP_DATE_MAX;
	case PK_ENUM:
		return w[0] < s->enums[f->enum_index].nmembers;
	case PK_SET: {
		uint32_t n = s->enums[f->enum_index].nmembers;

		for (uint32_t i = n; i < f->nslots * 64; i++)
			if (lp_bit(w, i))
				return 0;
		return 1;
	}
	default:
		return 1;
	}
}

static int check_fields(struct vctx *v, const lp_schema *s)
{
	if (s->nslots > MAX_SLOTS)
		return bad(v, "too many request words (%u)", s->nslots);
	if (s->nfields > MAX_COUNT
	    || !array_ok(v, s->fields, s->nfields, sizeof *s->fields,
			  _Alignof(lp_field_desc)))
		return bad(v, "bad field table");
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		if (!string_ok(v, f->name, 0))
			return bad(v, "field %u has a bad name", i);
		if (f->kind >= PK__COUNT)
			return bad(v, "field '%s' has an unknown kind %u",
				   f->name, f->kind);
		if ((f->kind == PK_ENUM || f->kind == PK_SET)
		    && f->enum_index >= s->nenums)
			return bad(v, "field '%s' refers to enum %u of %u",
				   f->name, f->enum_index, s->nenums);
		if (f->nslots != kind_words(s, f->kind, f->enum_index)
		    || f->slot > s->nslots || f->nslots > s->nslots - f->slot)
			return bad(v, "field '%s' lies outside the request",
				   f->name);
		if (!f->has_default)
			continue;
		if (!f->defval
		    || !array_ok(v, f->defval, f->nslots, sizeof(uint64_t),
				 _Alignof(uint64_t)))
			return bad(v, "field '%s' has a bad default", f->name);
		if (f->nslots > 0 && !default_ok(s, f))
			return bad(v, "field '%s' has a default out of range",
				   f->name);
	}
	return 0;
}

static int check_obligs(struct vctx *v, const lp_schema *s)
{
	if (s->noblig_slots > MAX_SLOTS)
		return bad(v, "too many obligation words (%u)",
			   s->noblig_slots);
	if (s->noblig > MAX_COUNT
	    || !array_ok(v, s->obligs, s->noblig, sizeof *s->obligs,
			  _Alignof(lp_oblig_desc)))
		return bad(v, "bad obligation table");
	for (uint32_t i = 0; i < s->noblig; i++) {
		const lp_oblig_desc *o = &s->obligs[i];

		if (!string_ok(v, o->name, 0))
			return bad(v, "obligation %u has a bad name", i);
		if (o->combine >= PC__COUNT || o->kind >= PK__COUNT)
			return bad(v, "obligation '%s' has an unknown kind",
				   o->name);
		if (!o->on || o->on >= 1u << PO__COUNT || o->bearer >= PB__COUNT
		    || !string_ok(v, o->description, 1))
			return bad(v, "obligation '%s' has a bad outcome set, "
				   "bearer or description", o->name);
		if (o->combine == PC_FLAG)
			continue;
		if ((o->kind == PK_ENUM || o->kind == PK_SET)
		    && o->enum_index >= s->nenums)
			return bad(v, "obligation '%s' refers to enum %u of %u",
				   o->name, o->enum_index, s->nenums);
		if (o->nslots != kind_words(s, o->kind, o->enum_index)
		    || o->slot > s->noblig_slots
		    || o->nslots > s->noblig_slots - o->slot)
			return bad(v, "obligation '%s' lies outside the "
				   "decision", o->name);
	}
	return 0;
}

static int check_clauses(struct vctx *v, const lp_schema *s)
{
	if (s->nclauses > MAX_COUNT
	    || !array_ok(v, s->clauses, s->nclauses, sizeof *s->clauses,
			  _Alignof(lp_clause_desc)))
		return bad(v, "bad clause table");
	for (uint32_t i = 0; i < s->nclauses; i++) {
		const lp_clause_desc *c = &s->clauses[i];

		if (!string_ok(v, c->label, 0))
			return bad(v, "clause %u has a bad label", i);
		if (!string_ok(v, c->article, 1)
		    || !string_ok(v, c->article_title, 1)
		    || !string_ok(v, c->article_text, 1)
		    || !string_ok(v, c->title, 1) || !string_ok(v, c->file, 1))
			return bad(v, "clause %s has a bad string", c->label);
		if (c->kind >= CK__COUNT
		    || (c->kind == CK_CLAUSE) != (c->owner == UINT32_MAX)
		    || (c->owner != UINT32_MAX
			&& (s->party_enum >= s->nenums
			    || c->owner >= s->enums[s->party_enum].nmembers)))
			return bad(v, "clause %s has a bad kind or owner",
				   c->label);
	}
	if (s->nrules > MAX_COUNT
	    || !array_ok(v, s->rules, s->nrules, sizeof *s->rules,
			  _Alignof(lp_rule_desc)))
		return bad(v, "bad rule table");
	for (uint32_t i = 0; i < s->nrules; i++) {
		const lp_rule_desc *r = &s->rules[i];

		if (r->clause >= s->nclauses)
			return bad(v, "rule %u refers to clause %u of %u", i,
				   r->clause, s->nclauses);
		if (r->action >= PA__COUNT)
			return bad(v, "rule %u has an unknown action %u", i,
				   r->action);
		if (r->action == PA_OBLIGE && r->oblig >= s->noblig)
			return bad(v, "rule %u refers to obligation %u of %u",
				   i, r->oblig, s->noblig);
		if (!string_ok(v, r->reason, 1))
			return bad(v, "rule %u has a bad reason", i);
	}
	return 0;
}

/* The files the source imports, each named and its text inside the
 * module, and the imports between them, each from a file to a file. */
static int check_imports(struct vctx *v, const lp_imports *im)
{
	if (im->nfiles > MAX_COUNT
	    || !array_ok(v, im->files, im->nfiles, sizeof *im->files,
			 _Alignof(lp_source_file)))
		return bad(v, "bad table of imported files");
	for (uint32_t i = 0; i < im->nfiles; i++) {
		const lp_source_file *f = &im->files[i];

		if (!string_ok(v, f->name, 0) || !*f->name)
			return bad(v, "imported file %u has a bad name", i);
		if (f->len > LP_MAX_FILE_SIZE || !f->text
		    || !readable(v, f->text, (size_t)f->len + 1)
		    || f->text[f->len] != 0)
			return bad(v, "imported file %u (%s) has a bad text", i,
				   f->name);
	}
	if (im->nedges > MAX_COUNT
	    || !array_ok(v, im->edges, im->nedges, sizeof *im->edges,
			 _Alignof(lp_source_import)))
		return bad(v, "bad table of imports");
	for (uint32_t i = 0; i < im->nedges; i++) {
		const lp_source_import *e = &im->edges[i];

		if (!string_ok(v, e->name, 0) || !*e->name)
			return bad(v, "import %u has a bad name", i);
		if (e->from > im->nfiles)
			return bad(v, "import %u (%s) is written in no file the "
				   "module carries", i, e->name);
		if (e->to >= im->nfiles)
			return bad(v, "import %u (%s) reads no file the module "
				   "carries", i, e->name);
	}
	return 0;
}

static int check_desc(struct vctx *v, const lp_module_desc *d)
{
	const lp_schema *s = &d->schema;

	if (!string_ok(v, d->compiler_version, 1)
	    || !string_ok(v, d->source_name, 1))
		return bad(v, "bad compiler version or source name");
	if (d->source_len > LP_MAX_FILE_SIZE
	    || (d->source_len && (!d->source
				  || !readable(v, d->source,
					       (size_t)d->source_len))))
		return bad(v, "bad source text");
	if (check_imports(v, &d->imports))
		return -1;
	if (!d->decide || !span_of(v, (const void *)(uintptr_t)d->decide,
				   PF_X))
		return bad(v, "the decide function is not in the module's "
			   "code");
	if (!d->trace || !span_of(v, (const void *)(uintptr_t)d->trace,
				  PF_X))
		return bad(v, "the trace function is not in the module's "
			   "code");
	if (!string_ok(v, s->title, 1) || !string_ok(v, s->version, 1)
	    || !string_ok(v, s->text, 1) || !string_ok(v, s->default_reason, 1))
		return bad(v, "bad title, version, text or default reason");
	if (s->default_outcome >= PO__COUNT)
		return bad(v, "unknown default outcome %u",
			   s->default_outcome);
	if (check_enums(v, s))
		return -1;
	if (s->party_enum != UINT32_MAX && s->party_enum >= s->nenums)
		return bad(v, "the parties' enum is %u of %u", s->party_enum,
			   s->nenums);
	if (s->nparties && (s->party_enum >= s->nenums
			    || !array_ok(v, s->parties, s->nparties,
					 sizeof *s->parties,
					 _Alignof(uint32_t))))
		return bad(v, "bad parties");
	for (uint32_t i = 0; i < s->nparties; i++)
		if (s->parties[i] >= s->enums[s->party_enum].nmembers)
			return bad(v, "party %u is member %u of %u", i,
				   s->parties[i],
				   s->enums[s->party_enum].nmembers);
	if (s->has_effective > 1 || s->has_expires > 1
	    || (s->has_effective && (s->effective < LP_DATE_MIN
				     || s->effective > LP_DATE_MAX))
	    || (s->has_expires && (s->expires < LP_DATE_MIN
				   || s->expires > LP_DATE_MAX)))
		return bad(v, "bad effective or expiry date");
	if (check_fields(v, s) || check_obligs(v, s) || check_clauses(v, s))
		return -1;
	if (lp_decision_size(s) > MAX_BLOCK)
		return bad(v, "a decision would take %zu bytes",
			   lp_decision_size(s));
	return 0;
}

int lp_desc_version_check(uint32_t magic, uint32_t abi_version,
			  uint64_t sym_size, pacta_error *err)
{
	if (magic != LP_MODULE_MAGIC) {
		lp_error(err, PACTA_BADMODULE, NULL, "not a Pacta module "
			 "(symbol '" LP_MODULE_SYMBOL "' has magic 0x%08x)",
			 magic);
		return PACTA_BADMODULE;
	}
	if (abi_version < LP_ABI_VERSION) {
		lp_error(err, PACTA_ABI, NULL, "built for ABI %u by an older "
			 "pacta; this runtime reads ABI %u: rebuild the module "
			 "with `pacta build`", abi_version, LP_ABI_VERSION);
		return PACTA_ABI;
	}
	if (abi_version != LP_ABI_VERSION) {
		lp_error(err, PACTA_ABI, NULL, "built for ABI %u by a newer "
			 "pacta; this runtime reads ABI %u: use a libpacta as "
			 "new as the compiler", abi_version, LP_ABI_VERSION);
		return PACTA_ABI;
	}
	if (sym_size < sizeof(lp_module_desc)) {
		lp_error(err, PACTA_BADMODULE, NULL, "symbol '"
			 LP_MODULE_SYMBOL "' is too small for ABI %u",
			 LP_ABI_VERSION);
		return PACTA_BADMODULE;
	}
	return PACTA_OK;
}

int lp_desc_check(const void *sym, uint64_t sym_size,
		  const struct lp_mapped *mem, pacta_error *err)
{
	const lp_module_desc *d = sym;
	struct vctx v;
	int rc;

	if ((uintptr_t)sym % _Alignof(lp_module_desc) != 0) {
		lp_error(err, PACTA_BADMODULE, NULL, "symbol '"
			 LP_MODULE_SYMBOL "' is misaligned");
		return PACTA_BADMODULE;
	}
	rc = lp_desc_version_check(d->magic, d->abi_version, sym_size, err);
	if (rc != PACTA_OK)
		return rc;
	v.seg = mem->seg;
	v.n = mem->n;
	if (check_desc(&v, d)) {
		lp_error(err, PACTA_BADMODULE, NULL, "damaged module: %s",
			 v.msg);
		return PACTA_BADMODULE;
	}
	return PACTA_OK;
}
