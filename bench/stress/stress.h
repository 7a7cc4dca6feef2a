/*
 * stress.h — what the stress benchmark's policies share with its harness
 * (bench/stress/stress.c; bench/README.md, "The stress policies").
 *
 * Each policy is an agreement (bench/stress/NAME.pacta) and, in NAME.c, the
 * same agreement written by hand in C the way a careful programmer would
 * for speed — a plain struct with narrow types, early exit at the first
 * refusal, the outcome and the obligations' values, no grounds, no trace —
 * with a seeded generator that draws a request once and writes it both as
 * that struct and as a JSON line for libpacta.  Only the public API
 * (runtime/pacta.h) is used: the date helpers, here.
 */
#ifndef PACTA_STRESS_H
#define PACTA_STRESS_H

#include <stddef.h>
#include <stdint.h>

#include "pacta.h"

/* The hand-written decide functions are called, never inlined into the
 * timing loops: a call into a policy library, as an embedder makes it. */
#if defined(__GNUC__) && !defined(__clang__)
#define ST_NOINLINE __attribute__((noinline, noclone))
#else
#define ST_NOINLINE __attribute__((noinline))
#endif

/* What a hand-written decide returns: the outcome (PACTA_GRANT, ...) in
 * bits 0-7 and what decided (PACTA_GROUND_*) in bits 8-15. */
#define ST_DECIDED(outcome, ground) ((uint32_t)(outcome) | (uint32_t)(ground) << 8)
#define ST_REFUSED ST_DECIDED(PACTA_REFUSE, PACTA_GROUND_CLAUSES)
#define ST_BY_AGREEMENT ST_DECIDED(PACTA_REFUSE, PACTA_GROUND_AGREEMENT)

#define ST_N(a) (sizeof(a) / sizeof *(a))

/* ---- seeded draws (splitmix64): request i of a run draws from its own
 * stream, so any request can be drawn again alone to print it ---- */

static inline uint64_t st_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* 0 .. n-1 */
static inline uint32_t st_below(uint64_t *s, uint32_t n)
{
	return (uint32_t)((st_next(s) >> 32) * n >> 32);
}

/* true with probability pct / 100 */
static inline int st_pct(uint64_t *s, unsigned pct)
{
	return st_below(s, 100) < pct;
}

/* lo .. hi */
static inline int32_t st_range(uint64_t *s, int32_t lo, int32_t hi)
{
	return lo + (int32_t)st_below(s, (uint32_t)(hi - lo + 1));
}

/* A request's booleans, as bits of one word: each with the probability a
 * random request has it (in percent) and its field's name. */
typedef struct st_flag {
	uint32_t bit;
	uint8_t pct;
	const char *field;
} st_flag;

uint32_t st_draw_flags(uint64_t *s, const st_flag *t, size_t n);

/* A set of enum members (at most 16), each in it with probability pct[k]
 * percent. */
uint16_t st_draw_set(uint64_t *s, const uint8_t *pct, int n);

/* One of n Parties (its index) with probability pct percent, else a
 * country that is none of them (n); returns the name for the JSON. */
const char *st_draw_party(uint64_t *s, unsigned pct, const char *const *names, int n, uint8_t *party);

/* ---- a request as one JSON line ---- */

typedef struct st_json {
	char *p;
	size_t len, cap;
	int first;
} st_json;

void stj_begin(st_json *j);
void stj_end(st_json *j);
void stj_str(st_json *j, const char *field, const char *value);
void stj_bool(st_json *j, const char *field, int value);
void stj_int(st_json *j, const char *field, int64_t value);
/* a day number (days since 0001-01-01, as pacta_date_number) */
void stj_date(st_json *j, const char *field, int32_t day);
/* the members whose bits are set in mask, from names[0..n-1] */
void stj_set(st_json *j, const char *field, uint64_t mask, const char *const *names, int n);
/* the requesting and requested Party and the date submitted, which every
 * policy's request begins with */
void stj_head(st_json *j, const char *requesting, const char *requested, int32_t submitted);
/* each flag of t, true or false */
void stj_flags(st_json *j, uint32_t flags, const st_flag *t, size_t n);

/* ---- a decision in canonical form: outcome, what decided, obligations
 * sorted by name ("grant clauses purpose_limited,retain_at_most=365");
 * sets as name={members sorted} ---- */

typedef struct st_canon {
	char item[64][160];
	int n;
} st_canon;

void stc_flag(st_canon *c, const char *name);
void stc_int(st_canon *c, const char *name, int64_t value);
void stc_set(st_canon *c, const char *name, uint64_t mask, const char *const *names, int n);

/* ---- a policy ---- */

typedef struct st_policy {
	const char *name;        /* bench/stress/NAME.pacta */
	const char *shape;       /* what it stresses, in a few words */
	size_t req_size;         /* sizeof its request struct */
	size_t dec_size;         /* sizeof its decision struct */
	/* draws one request into req and j (stj_begin .. stj_end) */
	void (*gen)(uint64_t *rng, void *req, st_json *j);
	/* decides one request: ST_DECIDED(...) */
	uint32_t (*decide)(const void *req, void *dec);
	/* the obligations of a decision (r as decide returned it) */
	void (*canon)(const void *dec, uint32_t r, st_canon *c);
	/* timing loops, with decide called directly: n requests of an array,
	 * `rounds` times, into one decision; and n requests each allocated
	 * apart, in the order given, each into its own decision */
	uint64_t (*run_array)(const void *reqs, size_t n, long rounds, void *dec);
	uint64_t (*run_apart)(void *const *reqs, void *const *decs, const uint32_t *order, size_t n);
} st_policy;

/* A policy's st_policy, NAME, from its functions P_gen, P_canon and
 * DECIDE (on REQ and DEC), with its timing loops. */
#define ST_POLICY(NAME, P, FILE, SHAPE, REQ, DEC, DECIDE)                                     \
	static uint32_t P##_decide_any(const void *r, void *d)                               \
	{                                                                                    \
		return DECIDE((const REQ *)r, (DEC *)d);                                     \
	}                                                                                    \
	static uint64_t P##_run_array(const void *reqs, size_t n, long rounds, void *dec)  \
	{                                                                                    \
		const REQ *r = reqs;                                                         \
		uint64_t sink = 0;                                                           \
		for (long k = 0; k < rounds; k++)                                            \
			for (size_t i = 0; i < n; i++)                                       \
				sink += DECIDE(&r[i], (DEC *)dec);                           \
		return sink;                                                                 \
	}                                                                                    \
	static uint64_t P##_run_apart(void *const *reqs, void *const *decs,                \
				      const uint32_t *order, size_t n)                       \
	{                                                                                    \
		uint64_t sink = 0;                                                           \
		for (size_t k = 0; k < n; k++) {                                             \
			uint32_t i = order[k];                                               \
			sink += DECIDE((const REQ *)reqs[i], (DEC *)decs[i]);                \
		}                                                                            \
		return sink;                                                                 \
	}                                                                                    \
	const st_policy NAME = { FILE, SHAPE, sizeof(REQ), sizeof(DEC), P##_gen, P##_decide_any, \
				 P##_canon, P##_run_array, P##_run_apart }

extern const st_policy st_regional, st_refusals, st_exceptions, st_production, st_deadlines;

/* ---- the standard library's enums and sets, copied by hand as a C
 * programmer would (std.offences, std.privacy, std.mla); a slip shows as
 * a disagreement with the module ---- */

enum st_offence {
	OFF_ILLEGAL_ACCESS, OFF_ILLEGAL_INTERCEPTION, OFF_DATA_INTERFERENCE, OFF_SYSTEM_INTERFERENCE,
	OFF_MISUSE_OF_DEVICES, OFF_COMPUTER_FORGERY, OFF_COMPUTER_FRAUD, OFF_CSAM,
	OFF_COPYRIGHT_INFRINGEMENT, OFF_CHILD_GROOMING, OFF_NCII, OFF_MONEY_LAUNDERING,
	OFF_IDENTITY_THEFT, OFF_HARASSMENT, OFF_RACIST_XENOPHOBIC_MATERIAL, OFF_TERRORISM,
	OFF_DRUG_TRAFFICKING, OFF_HUMAN_TRAFFICKING, OFF_MIGRANT_SMUGGLING, OFF_ARMS_TRAFFICKING,
	OFF_ORGANISED_CRIME, OFF_CORRUPTION, OFF_KIDNAPPING, OFF_HOMICIDE, OFF_EXTORTION,
	OFF_COUNTERFEITING, OFF_ILLEGAL_GAMBLING, OFF_TAX_EVASION, OFF_BLASPHEMY, OFF_APOSTASY,
	OFF_LESE_MAJESTE, OFF_CRIMINAL_DEFAMATION, OFF_INSULTING_OFFICIALS, OFF_SEDITION,
	OFF_FALSE_INFORMATION, OFF_EXTREMISM_UNDEFINED, OFF_INCITEMENT_TO_UNREST,
	OFF_DISCREDITING_ARMED_FORCES, OFF_UNDESIRABLE_ORGANISATION, OFF_LGBT_PROPAGANDA,
	OFF_OTHER_OFFENCE, OFF__COUNT
};
extern const char *const st_offence_names[OFF__COUNT];

#define OB(x) (1ull << OFF_##x)
#define ST_CORE_CYBERCRIMES                                                                  \
	(OB(ILLEGAL_ACCESS) | OB(ILLEGAL_INTERCEPTION) | OB(DATA_INTERFERENCE) |             \
	 OB(SYSTEM_INTERFERENCE) | OB(MISUSE_OF_DEVICES) | OB(COMPUTER_FORGERY) |            \
	 OB(COMPUTER_FRAUD) | OB(CSAM) | OB(CHILD_GROOMING) | OB(NCII))
#define ST_BUDAPEST_OFFENCES                                                                 \
	(OB(ILLEGAL_ACCESS) | OB(ILLEGAL_INTERCEPTION) | OB(DATA_INTERFERENCE) |             \
	 OB(SYSTEM_INTERFERENCE) | OB(MISUSE_OF_DEVICES) | OB(COMPUTER_FORGERY) |            \
	 OB(COMPUTER_FRAUD) | OB(CSAM) | OB(COPYRIGHT_INFRINGEMENT))
#define ST_UN_CONVENTION_OFFENCES (ST_CORE_CYBERCRIMES | OB(MONEY_LAUNDERING))
#define ST_CONTENT_RELATED                                                                   \
	(OB(BLASPHEMY) | OB(APOSTASY) | OB(LESE_MAJESTE) | OB(CRIMINAL_DEFAMATION) |         \
	 OB(INSULTING_OFFICIALS) | OB(SEDITION) | OB(FALSE_INFORMATION) |                    \
	 OB(EXTREMISM_UNDEFINED) | OB(INCITEMENT_TO_UNREST) | OB(DISCREDITING_ARMED_FORCES) | \
	 OB(UNDESIRABLE_ORGANISATION) | OB(LGBT_PROPAGANDA))
#define ST_SERIOUS_CRIMES                                                                    \
	(OB(TERRORISM) | OB(DRUG_TRAFFICKING) | OB(HUMAN_TRAFFICKING) | OB(MIGRANT_SMUGGLING) | \
	 OB(ARMS_TRAFFICKING) | OB(ORGANISED_CRIME) | OB(CORRUPTION) | OB(MONEY_LAUNDERING) |  \
	 OB(KIDNAPPING) | OB(HOMICIDE) | OB(EXTORTION))

enum st_data {
	DC_SUBSCRIBER, DC_TRAFFIC, DC_CONTENT, DC_DOMAIN_REGISTRATION, DC_STORED_OTHER,
	DC_RACIAL_ETHNIC, DC_POLITICAL_OPINION, DC_RELIGIOUS_BELIEF, DC_TRADE_UNION, DC_GENETIC,
	DC_BIOMETRIC, DC_HEALTH, DC_SEX_LIFE_ORIENTATION, DC_CRIMINAL_RECORD, DC__COUNT
};
extern const char *const st_data_names[DC__COUNT];

#define DB(x) (1u << DC_##x)
#define ST_SPECIAL_CATEGORIES                                                                \
	(DB(RACIAL_ETHNIC) | DB(POLITICAL_OPINION) | DB(RELIGIOUS_BELIEF) | DB(TRADE_UNION) |  \
	 DB(GENETIC) | DB(BIOMETRIC) | DB(HEALTH) | DB(SEX_LIFE_ORIENTATION) | DB(CRIMINAL_RECORD))

/* std.mla's assistance_type, channel_type and purpose_kind */
enum st_assistance {
	AS_PRESERVATION, AS_PARTIAL_TRAFFIC_DISCLOSURE, AS_SUBSCRIBER_INFO, AS_TRAFFIC_DATA,
	AS_CONTENT_DATA, AS_REAL_TIME_TRAFFIC, AS_INTERCEPTION, AS_SEARCH_AND_SEIZURE,
	AS_DOMAIN_REGISTRATION_INFO, AS_SERVICE_OF_DOCUMENTS, AS_TESTIMONY,
	AS_SPONTANEOUS_INFORMATION, AS_ONWARD_TRANSFER_REQUEST, AS__COUNT
};
extern const char *const st_assistance_names[AS__COUNT];
#define AB(x) (1u << AS_##x)

enum st_channel {
	CH_CENTRAL_AUTHORITY, CH_JUDICIAL_DIRECT, CH_NETWORK_24_7, CH_INTERPOL,
	CH_DIRECT_TO_PROVIDER, CH_DIRECT_TO_REGISTRAR, CH_DIRECT_ACCESS_ORDER, CH__COUNT
};
extern const char *const st_channel_names[CH__COUNT];

enum st_purpose {
	PU_CRIMINAL_INVESTIGATION, PU_PROSECUTION, PU_JUDICIAL_PROCEEDING, PU_INTELLIGENCE,
	PU_ADMINISTRATIVE, PU_SECURITY_VETTING, PU__COUNT
};
extern const char *const st_purpose_names[PU__COUNT];

/* The day number of a date (days since 0001-01-01, as pacta_date_number)
 * as a constant expression, for the hand-written rules' constants; the
 * harness checks it against pacta_date_number. */
#define ST_Y_(y, m) ((y) - ((m) <= 2))
#define ST_DAY(y, m, d)                                                                      \
	((ST_Y_(y, m) / 400) * 146097 + (ST_Y_(y, m) % 400) * 365 + (ST_Y_(y, m) % 400) / 4 - \
	 (ST_Y_(y, m) % 400) / 100 + (153 * ((m) > 2 ? (m) - 3 : (m) + 9) + 2) / 5 + (d) - 1 - 306)

#endif
