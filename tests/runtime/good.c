/*
 * good.c — a hand-written rule module: a miniature of
 * examples/model-agreement.pacta (shown in docs/language.md), with the same
 * field, clause and obligation names but small enums, written the way
 * `pacta build` would compile it.  libpacta's unit tests, its threads test
 * and examples/embed run on it until the compiler makes real modules.
 *
 * Its decide() follows docs/language.md's decision steps by hand: step 0 (parties and
 * dates), clause 4.4's window, 2.2 exempting 2.1, the strongest outcome,
 * grounds, obligations combined with their sources, and the trace.
 */
#include "testmod.h"

/* ---- enums ---- */

enum { XA, XB, XC, ZZ };
enum { PRESERVATION, SUBSCRIBER_INFO, TRAFFIC_DATA, CONTENT_DATA };
enum { ILLEGAL_ACCESS, MISUSE_OF_DEVICES, CRIMINAL_DEFAMATION,
       MONEY_LAUNDERING };
enum { SUBSCRIBER, TRAFFIC, CONTENT, HEALTH };

static const char *const countries[] = { "XA", "XB", "XC", "ZZ" };
static const char *const assistance[] = {
	"preservation", "subscriber_info", "traffic_data", "content_data",
};
static const char *const offences[] = {
	"illegal_access", "misuse_of_devices", "criminal_defamation",
	"money_laundering",
};
static const char *const categories[] = {
	"subscriber", "traffic", "content", "health",
};

enum { E_COUNTRY, E_ASSISTANCE, E_OFFENCE, E_DATA };

static const lp_enum_desc enums[] = {
	[E_COUNTRY] = { "country", 4, countries },
	[E_ASSISTANCE] = { "assistance_type", 4, assistance },
	[E_OFFENCE] = { "offence", 4, offences },
	[E_DATA] = { "data_category", 4, categories },
};

/* ---- the request: one slot per field, in this order (packed as model.h
 * lays it out, read with tm_get) ---- */

enum {
	F_REQUESTING, F_REQUESTED, F_SUBMITTED, F_ASSISTANCE, F_OFFENCE,
	F_PENALTY, F_DATA, F_SPECIFIC, F_TARGETS, F_JOURNALIST, F_EMERGENCY,
	F_JUDICIAL, F_POLITICAL, F_COUNT
};

static const uint64_t zero[] = { 0 };
static const uint64_t one[] = { 1 };

static const lp_field_desc fields[] = {
	{ "requesting_party", PK_ENUM, 0, E_COUNTRY, F_REQUESTING, 1, 0 },
	{ "requested_party", PK_ENUM, 0, E_COUNTRY, F_REQUESTED, 1, 0 },
	{ "submitted", PK_DATE, 0, 0, F_SUBMITTED, 1, 0 },
	{ "assistance", PK_ENUM, 0, E_ASSISTANCE, F_ASSISTANCE, 1, 0 },
	{ "offence", PK_ENUM, 0, E_OFFENCE, F_OFFENCE, 1, 0 },
	{ "max_penalty", PK_YEARS, 0, 0, F_PENALTY, 1, 0 },
	{ "data", PK_SET, 1, E_DATA, F_DATA, 1, zero },
	{ "specific_investigation", PK_BOOL, 0, 0, F_SPECIFIC, 1, 0 },
	{ "targets", PK_INT, 1, 0, F_TARGETS, 1, one },
	{ "target_is_journalist", PK_BOOL, 1, 0, F_JOURNALIST, 1, zero },
	{ "emergency", PK_BOOL, 1, 0, F_EMERGENCY, 1, zero },
	{ "judicial_authorisation", PK_BOOL, 1, 0, F_JUDICIAL, 1, zero },
	{ "political_offence", PK_BOOL, 1, 0, F_POLITICAL, 1, zero },
};

/* ---- obligations ---- */

enum { O_RETAIN, O_ONWARD, O_REVIEW, O_COUNT };

static const lp_oblig_desc obligs[] = {
	[O_RETAIN] = { .name = "retain_at_most", .combine = PC_MIN, .kind = PK_DAYS,
		       .on = LP_ON_DEFAULT, .slot = 0, .nslots = 1 },
	[O_ONWARD] = { .name = "no_onward_transfer", .combine = PC_FLAG, .kind = PK_BOOL,
		       .on = LP_ON_DEFAULT, .slot = 1 },
	[O_REVIEW] = { .name = "independent_review", .combine = PC_FLAG, .kind = PK_BOOL,
		       .on = LP_ON_DEFAULT, .slot = 1 },
};

/* ---- clauses and rules ---- */

enum { C_1_1, C_1_2, C_2_1, C_2_2, C_3_1, C_3_2, C_3_3, C_4_1, C_4_2, C_4_3,
       C_4_4, C_COUNT };

#define ART1 "1", "Scope", "1. The Parties shall afford each other " \
	"assistance for the purpose of specific criminal investigations or " \
	"proceedings concerning the offences listed in the Annex.\n"
#define ART2 "2", "Dual criminality", 0
#define ART3 "3", "Grounds for refusal", 0
#define ART4 "4", "Protection of personal data", 0

static const lp_clause_desc clauses[] = {
	[C_1_1] = { "1.1", ART1, "Offences covered", "model.pacta", 31, .owner = UINT32_MAX },
	[C_1_2] = { "1.2", ART1, "Specific investigations only", "model.pacta",
		    35, .owner = UINT32_MAX },
	[C_2_1] = { "2.1", ART2, 0, "model.pacta", 40, .owner = UINT32_MAX },
	[C_2_2] = { "2.2", ART2, "Preservation", "model.pacta", 44, .owner = UINT32_MAX },
	[C_3_1] = { "3.1", ART3, "Political offences", "model.pacta", 48, .owner = UINT32_MAX },
	[C_3_2] = { "3.2", ART3, "Speech offences", "model.pacta", 50, .owner = UINT32_MAX },
	[C_3_3] = { "3.3", ART3, "Human-rights defenders and journalists",
		    "model.pacta", 53, .owner = UINT32_MAX },
	[C_4_1] = { "4.1", ART4, "Storage limitation", "model.pacta", 58, .owner = UINT32_MAX },
	[C_4_2] = { "4.2", ART4, "Special categories", "model.pacta", 60, .owner = UINT32_MAX },
	[C_4_3] = { "4.3", ART4, "Onward transfer", "model.pacta", 63, .owner = UINT32_MAX },
	[C_4_4] = { "4.4", ART4, "Content data", "model.pacta", 65, .owner = UINT32_MAX },
};

enum { R_SCOPE, R_SPECIFIC, R_DUAL, R_PRESERVE, R_POLITICAL, R_SPEECH,
       R_JOURNALIST, R_RETAIN, R_SPECIAL, R_REVIEW, R_ONWARD, R_CONTENT,
       R_EMERGENCY, R_COUNT };

/* the files its source imports, one of them twice */
static const lp_source_file import_files[] = {
	{ "std.mla", "# std.mla\n", 10 },
	{ "parts/xa.pacta", "# xa\n", 5 },
};
static const lp_source_import import_edges[] = {
	{ 0, 0, "std.mla" },
	{ 0, 1, "parts/xa.pacta" },
	{ 2, 0, "../std/mla.pacta" },
};

static const lp_rule_desc rules[] = {
	[R_SCOPE] = { C_1_1, PA_GRANT, 0, "the offence is a core cybercrime "
		      "punishable by at least four years", 32 },
	[R_SPECIFIC] = { C_1_2, PA_REFUSE, 0, "assistance is limited to "
			 "specific investigations, not bulk requests", 36 },
	[R_DUAL] = { C_2_1, PA_REFUSE, 0, "the conduct is not an offence "
		     "under the law of both Parties", 41 },
	[R_PRESERVE] = { C_2_2, PA_EXEMPTS, 0, 0, 45 },
	[R_POLITICAL] = { C_3_1, PA_REFUSE, 0, 0, 49 },
	[R_SPEECH] = { C_3_2, PA_REFUSE, 0, "the offence criminalises "
		       "expression protected by human-rights law", 51 },
	[R_JOURNALIST] = { C_3_3, PA_REFER, 0, "requests targeting journalists "
			   "or human-rights defenders need review by the "
			   "central authority", 54 },
	[R_RETAIN] = { C_4_1, PA_OBLIGE, O_RETAIN, 0, 59 },
	[R_SPECIAL] = { C_4_2, PA_REFER, 0, 0, 61 },
	[R_REVIEW] = { C_4_2, PA_OBLIGE, O_REVIEW, 0, 62 },
	[R_ONWARD] = { C_4_3, PA_OBLIGE, O_ONWARD, 0, 64 },
	[R_CONTENT] = { C_4_4, PA_REFUSE, 0, 0, 66 },
	[R_EMERGENCY] = { C_4_4, PA_OBLIGE, O_RETAIN, 0, 67 },
};

/* ---- evaluation ---- */

#define EFFECTIVE 739251        /* 2025-01-01 */
#define EXPIRES 743267          /* 2035-12-31 */
#define FROM_4_4 739616         /* 2026-01-01 */
#define SUNSET_4_4 741441       /* 2030-12-31 */

#define BIT(i) ((uint64_t)1 << (i))

/* the header's parties, as members of country */
static const uint32_t parties[] = { XA, XB };

/* table criminalises: country -> set of offence */
static uint64_t criminalises(uint64_t country)
{
	uint64_t core = BIT(ILLEGAL_ACCESS) | BIT(MISUSE_OF_DEVICES);

	if (country == XA)
		return (core & ~BIT(MISUSE_OF_DEVICES)) | BIT(MONEY_LAUNDERING)
		       | BIT(CRIMINAL_DEFAMATION);
	if (country == XB)
		return core | BIT(MONEY_LAUNDERING) | BIT(CRIMINAL_DEFAMATION);
	return 0;
}

static void fire(struct tm_block *b, unsigned rule)
{
	tm_set(b->fired, rule);
}

static void oblige(struct tm_block *b, unsigned rule, unsigned o,
		   unsigned clause, const uint64_t *value)
{
	fire(b, rule);
	if (value) {
		/* combine min */
		if (!tm_has(*b->oblig_set, o) || *value < b->oblig_val[0])
			b->oblig_val[0] = *value;
	}
	tm_set(b->oblig_set, o);
	tm_set(&b->oblig_src[o], clause);
}

/* Field F of the request. */
#define REQ(F) tm_get(enums, fields, F_COUNT, req, F)

static uint32_t decide(const uint64_t *req, uint64_t *block)
{
	struct tm_block b = tm_layout(block, C_COUNT, O_COUNT, 1);
	uint64_t submitted = REQ(F_SUBMITTED), offence = REQ(F_OFFENCE);
	uint64_t data = REQ(F_DATA);
	uint64_t retain180 = 180, retain30 = 30;
	int refuse = 0, refer = 0, grant = 0, dual, in_4_4, exempt_2_1 = 0;
	unsigned outcome, c;

	/* Step 0: the parties and the agreement's dates. */
	if (REQ(F_REQUESTING) > XB || REQ(F_REQUESTED) > XB
	    || submitted < EFFECTIVE || submitted > EXPIRES)
		return TM_RESULT(PO_REFUSE, PG_AGREEMENT);
	in_4_4 = submitted >= FROM_4_4 && submitted <= SUNSET_4_4;
	dual = tm_has(criminalises(REQ(F_REQUESTING)), (unsigned)offence)
	       && tm_has(criminalises(REQ(F_REQUESTED)), (unsigned)offence);

	/* 2.2 exempts 2.1 when assistance = preservation */
	if (REQ(F_ASSISTANCE) == PRESERVATION) {
		fire(&b, R_PRESERVE);
		exempt_2_1 = 1;
		tm_set(b.exempted, C_2_1);
		b.exempted_by[C_2_1] = C_2_2;
	}
	if ((offence == ILLEGAL_ACCESS || offence == MISUSE_OF_DEVICES)
	    && (int64_t)REQ(F_PENALTY) >= 4) {
		fire(&b, R_SCOPE);
		grant = 1;
	}
	if (!(REQ(F_SPECIFIC) && (int64_t)REQ(F_TARGETS) <= 10)) {
		fire(&b, R_SPECIFIC);
		refuse = 1;
	}
	if (!exempt_2_1 && !dual) {
		fire(&b, R_DUAL);
		refuse = 1;
	}
	if (REQ(F_POLITICAL)) {
		fire(&b, R_POLITICAL);
		refuse = 1;
	}
	if (offence == CRIMINAL_DEFAMATION) {
		fire(&b, R_SPEECH);
		refuse = 1;
	}
	if (REQ(F_JOURNALIST)) {
		fire(&b, R_JOURNALIST);
		refer = 1;
	}
	oblige(&b, R_RETAIN, O_RETAIN, C_4_1, &retain180);
	if (tm_has(data, HEALTH)) {
		fire(&b, R_SPECIAL);
		refer = 1;
		oblige(&b, R_REVIEW, O_REVIEW, C_4_2, 0);
	}
	oblige(&b, R_ONWARD, O_ONWARD, C_4_3, 0);
	if (in_4_4 && tm_has(data, CONTENT) && !REQ(F_JUDICIAL)
	    && !REQ(F_EMERGENCY)) {
		fire(&b, R_CONTENT);
		refuse = 1;
	}
	if (in_4_4 && REQ(F_EMERGENCY))
		oblige(&b, R_EMERGENCY, O_RETAIN, C_4_4, &retain30);

	if (refuse)
		outcome = PO_REFUSE;
	else if (refer)
		outcome = PO_REFER;
	else if (grant)
		outcome = PO_GRANT;
	else
		return TM_RESULT(PO_REFUSE, PG_DEFAULT);
	/* The grounds: clauses whose fired rules carry the outcome. */
	for (unsigned r = 0; r < R_COUNT; r++) {
		if (!tm_has(*b.fired, r) || rules[r].action != outcome)
			continue;
		c = rules[r].clause;
		tm_set(b.grounds, c);
	}
	return TM_RESULT(outcome, PG_CLAUSES);
}

/* the obligations: their set word and their one value word */
TM_FAST(decide_fast, decide, 64, 2)

TM_EXPORT const lp_module_desc pacta_module = {
	.magic = LP_MODULE_MAGIC,
	.abi_version = LP_ABI_VERSION,
	.compiler_version = "hand-written",
	.source_sha256 = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	},
	.source = "# a hand-written stand-in for model-agreement.pacta\n",
	.source_len = 52,
	.source_name = "model.pacta",
	.imports = { import_files, TM_COUNT(import_files), TM_COUNT(import_edges), import_edges },
	.schema = {
		.title = "Model Agreement on Cooperation against Cybercrime",
		.version = "2.1",
		.default_outcome = PO_REFUSE,
		.party_enum = E_COUNTRY,
		.nparties = TM_COUNT(parties),
		.parties = parties,
		.has_effective = 1,
		.has_expires = 1,
		.effective = EFFECTIVE,
		.expires = EXPIRES,
		.nenums = TM_COUNT(enums),
		.enums = enums,
		.nfields = TM_COUNT(fields),
		.fields = fields,
		.nslots = F_COUNT,
		.noblig = TM_COUNT(obligs),
		.obligs = obligs,
		.noblig_slots = 1,
		.nclauses = TM_COUNT(clauses),
		.clauses = clauses,
		.nrules = TM_COUNT(rules),
		.rules = rules,
	},
	.decide = decide_fast,
	.trace = decide,   /* decide() writes the whole block */
};
