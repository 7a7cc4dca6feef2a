/* lookup.c — see lookup.h. */
#include <stdlib.h>
#include <string.h>

#include "lookup.h"

static void missing(const char *what, const char *name)
{
	fprintf(stderr, "bench: the agreement has no %s %s\n", what, name);
	exit(2);
}

const lp_field_desc *bench_field(const lw_program *c, const char *name)
{
	for (uint32_t i = 0; i < c->schema.nfields; i++)
		if (!strcmp(c->schema.fields[i].name, name))
			return &c->schema.fields[i];
	missing("field", name);
	return NULL;
}

const lp_enum_desc *bench_enum(const lw_program *c, const char *name)
{
	for (uint32_t i = 0; i < c->schema.nenums; i++)
		if (!strcmp(c->schema.enums[i].name, name))
			return &c->schema.enums[i];
	missing("enum", name);
	return NULL;
}

int bench_member(const lw_program *c, const char *enum_name, const char *member)
{
	const lp_enum_desc *e = bench_enum(c, enum_name);
	for (uint32_t j = 0; j < e->nmembers; j++)
		if (!strcmp(e->members[j], member))
			return (int)j;
	missing("enum member", member);
	return -1;
}

uint64_t bench_define_word(const lw_program *c, const char *name)
{
	for (uint32_t i = 0; i < c->ndefines; i++)
		if (!strcmp(c->defines[i].name, name)) {
			if (!c->defines[i].folded)
				missing("constant define", name);
			return c->defines[i].folded[0];
		}
	missing("define", name);
	return 0;
}

uint64_t bench_table_word(const lw_program *c, const char *name, int key)
{
	for (uint32_t i = 0; i < c->ntables; i++) {
		const lw_table *t = &c->tables[i];
		if (!strcmp(t->name, name)) {
			if (!t->rows)
				missing("constant table", name);
			return t->rows[(size_t)key * type_words(t->ty)];
		}
	}
	missing("table", name);
	return 0;
}
