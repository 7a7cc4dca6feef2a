/*
 * tiny.h — a two-field, two-clause module, included by the test modules
 * that each break one rule a module must keep (the other C files here);
 * each defines the macros below before including it.
 *
 *	flag: bool              clause 1 "Flag":   grant when flag
 *	kind: kind = a          clause 2 "Kind b": refuse when kind = b
 */
#ifndef PACTA_TINY_H
#define PACTA_TINY_H

#include "testmod.h"

#ifndef TINY_MAGIC
#define TINY_MAGIC LP_MODULE_MAGIC
#endif
#ifndef TINY_ABI
#define TINY_ABI LP_ABI_VERSION
#endif
/* The layout's fingerprint: 0, not recorded (written by hand). */
#ifndef TINY_LAYOUT
#define TINY_LAYOUT 0
#endif
#ifndef TINY_RULE1_CLAUSE
#define TINY_RULE1_CLAUSE 1
#endif
#ifndef TINY_DECIDE
#define TINY_DECIDE tiny_fast
#endif
#ifndef TINY_TRACE
#define TINY_TRACE tiny_decide
#endif
#ifndef TINY_VISIBILITY
#define TINY_VISIBILITY TM_EXPORT
#endif
/* The files its source imports: none, unless a variant sets
 * TINY_IMPORT_B: then two, TINY_A_NAME and std.b, std.b of TINY_B_LEN
 * bytes, each read by one import, the second written in file
 * TINY_B_FROM, reading file TINY_B_TO, its words TINY_IMPORT_B; the
 * tables' counts say TINY_NFILES files and TINY_NEDGES imports. */
#ifdef TINY_IMPORT_B
#ifndef TINY_A_NAME
#define TINY_A_NAME "std.a"
#endif
#ifndef TINY_NFILES
#define TINY_NFILES 2
#endif
#ifndef TINY_NEDGES
#define TINY_NEDGES 2
#endif
#ifndef TINY_B_LEN
#define TINY_B_LEN 4
#endif
#ifndef TINY_B_FROM
#define TINY_B_FROM 1
#endif
#ifndef TINY_B_TO
#define TINY_B_TO 1
#endif
static const lp_source_file tiny_files[] = {
	{ TINY_A_NAME, "import std.b\n", 13 },
	{ "std.b", "# b\n", TINY_B_LEN },
};
static const lp_source_import tiny_edges[] = {
	{ 0, 0, "std.a" },
	{ TINY_B_FROM, TINY_B_TO, TINY_IMPORT_B },
};
#define TINY_IMPORTS { tiny_files, TINY_NFILES, TINY_NEDGES, tiny_edges }
#else
#define TINY_IMPORTS { 0 }
#endif
/* What decide() returns on top of the decision, to test a module that
 * returns garbage. */
#ifndef TINY_RESULT_EXTRA
#define TINY_RESULT_EXTRA 0
#endif
/* The member b of enum kind, for variants with a bad name. */
#ifndef TINY_KIND_B
#define TINY_KIND_B "b"
#endif
/* What a granting decide() marks as the grounds: clause 1. */
#ifndef TINY_GRANT_GROUNDS
#define TINY_GRANT_GROUNDS(b) tm_set((b).grounds, 0)
#endif
/* A hook for variants whose decide() calls something. */
#ifndef TINY_HOOK
#define TINY_HOOK(req) ((void)(req))
#endif

static const char *const tiny_kinds[] = { "a", TINY_KIND_B };
static const lp_enum_desc tiny_enums[] = { { "kind", 2, tiny_kinds } };
static const uint64_t tiny_kind_a[] = { 0 };
static const lp_field_desc tiny_fields[] = {
	{ "flag", PK_BOOL, 0, 0, 0, 1, 0 },
	{ "kind", PK_ENUM, 1, 0, 1, 1, tiny_kind_a },
};
static const lp_clause_desc tiny_clauses[] = {
	{ "1", 0, 0, 0, "Flag", "tiny.pacta", 3, .owner = UINT32_MAX },
	{ "2", 0, 0, 0, "Kind b", "tiny.pacta", 5, .owner = UINT32_MAX },
};
static const lp_rule_desc tiny_rules[] = {
	{ 0, PA_GRANT, 0, 0, 3 },
	{ TINY_RULE1_CLAUSE, PA_REFUSE, 0, "kind b is refused", 5 },
};

static uint32_t tiny_decide(const uint64_t *req, uint64_t *block)
{
	struct tm_block b = tm_layout(block, 2, 0, 0);

	TINY_HOOK(req);
	if (tm_get(tiny_enums, tiny_fields, 2, req, 1) == 1) {
		tm_set(b.fired, 1);
		tm_set(b.grounds, 1);
		return TM_RESULT(PO_REFUSE, PG_CLAUSES) | TINY_RESULT_EXTRA;
	}
	if (tm_get(tiny_enums, tiny_fields, 2, req, 0)) {
		tm_set(b.fired, 0);
		TINY_GRANT_GROUNDS(b);
		return TM_RESULT(PO_GRANT, PG_CLAUSES) | TINY_RESULT_EXTRA;
	}
	return TM_RESULT(PO_REFUSE, PG_DEFAULT) | TINY_RESULT_EXTRA;
}

/* no obligations: the fast entry writes nothing of the block */
TM_FAST(tiny_fast, tiny_decide, 8, 0)

TINY_VISIBILITY const lp_module_desc pacta_module = {
	.magic = TINY_MAGIC,
	.abi_version = TINY_ABI,
	.compiler_version = "hand-written",
	.source = "agreement \"Tiny\" default refuse\n",
	.source_len = 32,
	.source_name = "tiny.pacta",
	.schema = {
		.title = "Tiny",
		.version = "1",
		.default_outcome = PO_REFUSE,
		.party_enum = UINT32_MAX,
		.nenums = TM_COUNT(tiny_enums),
		.enums = tiny_enums,
		.nfields = TM_COUNT(tiny_fields),
		.fields = tiny_fields,
		.nslots = 2,
		.nclauses = TM_COUNT(tiny_clauses),
		.clauses = tiny_clauses,
		.nrules = TM_COUNT(tiny_rules),
		.rules = tiny_rules,
	},
	.decide = TINY_DECIDE,
	.trace = TINY_TRACE,   /* tiny_decide writes the whole block */
	.layout = TINY_LAYOUT,
	.imports = TINY_IMPORTS,
};

#endif
