/* lookup.c — see lookup.h. */
#include <stdlib.h>
#include <string.h>

#include "lookup.h"

static void missing(const char *what, const char *name)
{
	fprintf(stderr, "bench: the agreement has no %s %s\n", what, name);
	exit(2);
}

const lp_field_desc *bench_field(const checked *c, const char *name)
{
	for (uint32_t i = 0; i < c->schema.nfields; i++)
		if (!strcmp(c->schema.fields[i].name, name))
			return &c->schema.fields[i];
	missing("field", name);
	return NULL;
}

const lp_enum_desc *bench_enum(const checked *c, const char *name)
{
	for (uint32_t i = 0; i < c->schema.nenums; i++)
		if (!strcmp(c->schema.enums[i].name, name))
			return &c->schema.enums[i];
	missing("enum", name);
	return NULL;
}

int bench_member(const checked *c, const char *enum_name, const char *member)
{
	const lp_enum_desc *e = bench_enum(c, enum_name);
	for (uint32_t j = 0; j < e->nmembers; j++)
		if (!strcmp(e->members[j], member))
			return (int)j;
	missing("enum member", member);
	return -1;
}

uint64_t bench_define_word(const checked *c, const char *name)
{
	for (size_t i = 0; i < c->defines.len; i++) {
		const decl *d = c->defines.items[i];
		if (!strcmp(d->name, name)) {
			uint64_t w[8] = { 0 };
			eval_const(c, d->value, w);
			return w[0];
		}
	}
	missing("define", name);
	return 0;
}

uint64_t bench_table_word(const checked *c, const char *name, int key)
{
	for (size_t i = 0; i < c->tables.len; i++) {
		const decl *t = c->tables.items[i];
		if (!strcmp(t->name, name)) {
			uint64_t w[8] = { 0 };
			eval_const(c, t->table_by_key[key], w);
			return w[0];
		}
	}
	missing("table", name);
	return 0;
}
