/*
 * info.c — what an open rule module says about itself (the rest of the
 * module half of pacta.h): the agreement's title and versions, its source
 * and its signer, and its fields, clauses, rules and obligations by index.
 *
 * runtime/validate.c checked every pointer, count and index of the
 * module's schema when it was opened, so these getters trust the schema
 * and check only what the caller passes: a NULL module or an index out of
 * range gives -1, 0 or NULL, as pacta.h promises, never a wild read.
 */
#include <stdint.h>
#include <string.h>

#include "libpacta.h"

/* ---- metadata ---- */

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

const char *pacta_module_title(const pacta_module *mod)
{
	return mod ? or_empty(mod->s->title) : NULL;
}

const char *pacta_module_version(const pacta_module *mod)
{
	return mod ? or_empty(mod->s->version) : NULL;
}

const char *pacta_module_compiler_version(const pacta_module *mod)
{
	return mod ? or_empty(mod->desc->compiler_version) : NULL;
}

int pacta_module_default_outcome(const pacta_module *mod)
{
	return mod ? mod->s->default_outcome : -1;
}

const char *pacta_module_default_reason(const pacta_module *mod)
{
	return mod ? mod->s->default_reason : NULL;
}

const char *pacta_module_text(const pacta_module *mod)
{
	return mod ? mod->s->text : NULL;
}

const uint8_t *pacta_module_source_sha256(const pacta_module *mod)
{
	return mod ? mod->desc->source_sha256 : NULL;
}

const char *pacta_module_source_hash(const pacta_module *mod)
{
	return mod ? mod->hash_hex : NULL;
}

const char *pacta_module_source(const pacta_module *mod, size_t *len)
{
	if (len)
		*len = mod ? (size_t)mod->desc->source_len : 0;
	if (!mod)
		return NULL;
	return mod->desc->source ? mod->desc->source : "";
}

const char *pacta_module_source_name(const pacta_module *mod)
{
	return mod ? or_empty(mod->desc->source_name) : NULL;
}

int pacta_module_import_count(const pacta_module *mod)
{
	return mod ? (int)mod->desc->imports.nfiles : 0;
}

/* File k of the imports, or NULL when there is none. */
static const lp_source_file *import_at(const pacta_module *mod, int k)
{
	if (!mod || k < 0 || (uint32_t)k >= mod->desc->imports.nfiles)
		return NULL;
	return &mod->desc->imports.files[k];
}

const char *pacta_module_import_name(const pacta_module *mod, int k)
{
	const lp_source_file *f = import_at(mod, k);

	return f ? f->name : NULL;
}

const char *pacta_module_import_source(const pacta_module *mod, int k,
				       size_t *len)
{
	const lp_source_file *f = import_at(mod, k);

	if (len)
		*len = f ? (size_t)f->len : 0;
	return f ? f->text : NULL;
}

const uint8_t *pacta_module_signer_key(const pacta_module *mod)
{
	return mod && mod->is_signed ? mod->signer : NULL;
}

const char *pacta_module_signer(const pacta_module *mod)
{
	if (!mod)
		return NULL;
	return mod->is_signed ? mod->signer_hex : "";
}

/* ---- fields ---- */

static const lp_field_desc *field_at(const pacta_module *mod, int i)
{
	if (!mod || i < 0 || (uint32_t)i >= mod->s->nfields)
		return NULL;
	return &mod->s->fields[i];
}

/* The enum of an enum or set field or obligation, or NULL. */
static const lp_enum_desc *enum_of(const pacta_module *mod, int kind,
				      uint32_t e)
{
	if (kind != PK_ENUM && kind != PK_SET)
		return NULL;
	return &mod->s->enums[e];
}

int pacta_field_count(const pacta_module *mod)
{
	return mod ? (int)mod->s->nfields : 0;
}

int pacta_field_index(const pacta_module *mod, const char *name)
{
	return mod && name ? lp_field_named(mod->s, name) : -1;
}

const char *pacta_field_name(const pacta_module *mod, int field)
{
	const lp_field_desc *f = field_at(mod, field);

	return f ? f->name : NULL;
}

int pacta_field_type(const pacta_module *mod, int field)
{
	const lp_field_desc *f = field_at(mod, field);

	return f ? f->kind : -1;
}

const char *pacta_field_type_name(const pacta_module *mod, int field)
{
	return field_at(mod, field) ? mod->type_names[field] : NULL;
}

int pacta_field_has_default(const pacta_module *mod, int field)
{
	const lp_field_desc *f = field_at(mod, field);

	return f ? f->has_default != 0 : 0;
}

int pacta_field_member_count(const pacta_module *mod, int field)
{
	const lp_field_desc *f = field_at(mod, field);
	const lp_enum_desc *e = f ? enum_of(mod, f->kind, f->enum_index)
				     : NULL;

	return e ? (int)e->nmembers : 0;
}

const char *pacta_field_member_name(const pacta_module *mod, int field,
				    int member)
{
	const lp_field_desc *f = field_at(mod, field);
	const lp_enum_desc *e = f ? enum_of(mod, f->kind, f->enum_index)
				     : NULL;

	if (!e || member < 0 || (uint32_t)member >= e->nmembers)
		return NULL;
	return e->members[member];
}

int pacta_field_member_index(const pacta_module *mod, int field,
			     const char *name)
{
	const lp_field_desc *f = field_at(mod, field);
	const lp_enum_desc *e = f ? enum_of(mod, f->kind, f->enum_index)
				     : NULL;

	uint32_t i;

	if (!e || !name)
		return -1;
	i = lp_names_member(mod->members, f->enum_index, name,
			       strlen(name));
	return i == UINT32_MAX ? -1 : (int)i;
}

/* ---- clauses and rules ---- */

static const lp_clause_desc *clause_at(const pacta_module *mod, int i)
{
	if (!mod || i < 0 || (uint32_t)i >= mod->s->nclauses)
		return NULL;
	return &mod->s->clauses[i];
}

int pacta_clause_count(const pacta_module *mod)
{
	return mod ? (int)mod->s->nclauses : 0;
}

int pacta_clause_index(const pacta_module *mod, const char *label)
{
	if (!mod || !label)
		return -1;
	for (uint32_t i = 0; i < mod->s->nclauses; i++)
		if (strcmp(mod->s->clauses[i].label, label) == 0)
			return (int)i;
	return -1;
}

const char *pacta_clause_label(const pacta_module *mod, int clause)
{
	const lp_clause_desc *c = clause_at(mod, clause);

	return c ? c->label : NULL;
}

int pacta_clause_kind(const pacta_module *mod, int clause)
{
	const lp_clause_desc *c = clause_at(mod, clause);

	return c ? c->kind : -1;
}

const char *pacta_clause_owner(const pacta_module *mod, int clause)
{
	const lp_clause_desc *c = clause_at(mod, clause);
	const lp_schema *s = mod ? mod->s : NULL;

	if (!c || c->owner == UINT32_MAX || s->party_enum >= s->nenums)
		return NULL;
	return s->enums[s->party_enum].members[c->owner];
}

const char *pacta_clause_title(const pacta_module *mod, int clause)
{
	const lp_clause_desc *c = clause_at(mod, clause);

	return c ? c->title : NULL;
}

const char *pacta_clause_article(const pacta_module *mod, int clause)
{
	const lp_clause_desc *c = clause_at(mod, clause);

	return c ? c->article : NULL;
}

const char *pacta_clause_article_title(const pacta_module *mod, int clause)
{
	const lp_clause_desc *c = clause_at(mod, clause);

	return c ? c->article_title : NULL;
}

const char *pacta_clause_article_text(const pacta_module *mod, int clause)
{
	const lp_clause_desc *c = clause_at(mod, clause);

	return c ? c->article_text : NULL;
}

static const lp_rule_desc *rule_at(const pacta_module *mod, int i)
{
	if (!mod || i < 0 || (uint32_t)i >= mod->s->nrules)
		return NULL;
	return &mod->s->rules[i];
}

int pacta_rule_count(const pacta_module *mod)
{
	return mod ? (int)mod->s->nrules : 0;
}

int pacta_rule_clause(const pacta_module *mod, int rule)
{
	const lp_rule_desc *r = rule_at(mod, rule);

	return r ? (int)r->clause : -1;
}

int pacta_rule_action(const pacta_module *mod, int rule)
{
	const lp_rule_desc *r = rule_at(mod, rule);

	return r ? r->action : -1;
}

const char *pacta_rule_reason(const pacta_module *mod, int rule)
{
	const lp_rule_desc *r = rule_at(mod, rule);

	return r ? r->reason : NULL;
}

int pacta_rule_obligation(const pacta_module *mod, int rule)
{
	const lp_rule_desc *r = rule_at(mod, rule);

	return r && r->action == PA_OBLIGE ? (int)r->oblig : -1;
}

/* ---- obligations ---- */

static const lp_oblig_desc *oblig_at(const pacta_module *mod, int i)
{
	if (!mod || i < 0 || (uint32_t)i >= mod->s->noblig)
		return NULL;
	return &mod->s->obligs[i];
}

int pacta_obligation_count(const pacta_module *mod)
{
	return mod ? (int)mod->s->noblig : 0;
}

const char *pacta_obligation_name(const pacta_module *mod, int oblig)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);

	return o ? o->name : NULL;
}

int pacta_obligation_outcomes(const pacta_module *mod, int oblig)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);

	return o ? o->on : 0;
}

int pacta_obligation_bearer(const pacta_module *mod, int oblig)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);

	return o ? o->bearer : -1;
}

const char *pacta_obligation_description(const pacta_module *mod, int oblig)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);

	return o ? o->description : NULL;
}

int pacta_obligation_is_flag(const pacta_module *mod, int oblig)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);

	return o ? o->combine == PC_FLAG : 0;
}

int pacta_obligation_type(const pacta_module *mod, int oblig)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);

	if (!o)
		return -1;
	return o->combine == PC_FLAG ? PK_BOOL : o->kind;
}

int pacta_obligation_member_count(const pacta_module *mod, int oblig)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);
	const lp_enum_desc *e = o && o->combine != PC_FLAG
				   ? enum_of(mod, o->kind, o->enum_index)
				   : NULL;

	return e ? (int)e->nmembers : 0;
}

const char *pacta_obligation_member_name(const pacta_module *mod, int oblig,
					 int member)
{
	const lp_oblig_desc *o = oblig_at(mod, oblig);
	const lp_enum_desc *e = o && o->combine != PC_FLAG
				   ? enum_of(mod, o->kind, o->enum_index)
				   : NULL;

	if (!e || member < 0 || (uint32_t)member >= e->nmembers)
		return NULL;
	return e->members[member];
}

/* ---- the header: Parties and dates; field defaults ---- */

int pacta_module_party_count(const pacta_module *mod)
{
	return mod ? (int)mod->s->nparties : 0;
}

const char *pacta_module_party(const pacta_module *mod, int k)
{
	const lp_schema *s = mod ? mod->s : NULL;

	if (!s || k < 0 || (uint32_t)k >= s->nparties)
		return NULL;
	return s->enums[s->party_enum].members[s->parties[k]];
}

int pacta_module_effective(const pacta_module *mod, int64_t *date)
{
	if (!mod || !mod->s->has_effective)
		return 0;
	if (date)
		*date = mod->s->effective;
	return 1;
}

int pacta_module_expires(const pacta_module *mod, int64_t *date)
{
	if (!mod || !mod->s->has_expires)
		return 0;
	if (date)
		*date = mod->s->expires;
	return 1;
}

int pacta_field_default_value(const pacta_module *mod, int field,
			      int64_t *value)
{
	const lp_field_desc *f = field_at(mod, field);

	if (!f || !f->has_default || f->kind == PK_SET || !value)
		return PACTA_MISUSE;
	*value = (int64_t)f->defval[0];
	return PACTA_OK;
}

int pacta_field_default_has(const pacta_module *mod, int field, int member)
{
	const lp_field_desc *f = field_at(mod, field);

	if (!f || !f->has_default || f->kind != PK_SET || member < 0
	    || (uint32_t)member >= mod->s->enums[f->enum_index].nmembers)
		return 0;
	return lp_bit(f->defval, (size_t)member);
}

const char *pacta_field_default_json(const pacta_module *mod, int field)
{
	return field_at(mod, field) ? mod->default_json[field] : NULL;
}
