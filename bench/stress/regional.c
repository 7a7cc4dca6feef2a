/*
 * regional.c — bench/stress/regional.pacta by hand in C (stress.h): twelve
 * Parties, the table of criminalised conduct as one 64-bit word per Party,
 * nineteen refusal grounds tested in turn with an exit at the first that
 * holds.  Compiled at -O2 in its own translation unit.
 */
#include "stress.h"

enum { XA, XB, XC, XD, XE, XF, XG, XH, XI, XJ, XL, XM, RG_PARTIES, RG_NOT_PARTY = RG_PARTIES };
static const char *const party_names[RG_PARTIES] = {
	"XA", "XB", "XC", "XD", "XE", "XF", "XG", "XH", "XI", "XJ", "XL", "XM",
};
/* countries the generator names that are not Parties */

enum measure {
	PRESERVATION, SUBSCRIBER_INFO, TRAFFIC_DATA, CONTENT_DATA, REAL_TIME_COLLECTION,
	INTERCEPTION, SEARCH_AND_SEIZURE, TESTIMONY, SERVICE_OF_DOCUMENTS, MEASURES
};
static const char *const measure_names[MEASURES] = {
	"preservation", "subscriber_info", "traffic_data", "content_data", "real_time_collection",
	"interception", "search_and_seizure", "testimony", "service_of_documents",
};

/* the request's booleans */
enum {
	SPECIFIC = 1 << 0, JUDICIAL = 1 << 1, EMERGENCY = 1 << 2, POLITICAL = 1 << 3,
	MILITARY = 1 << 4, PERSECUTION = 1 << 5, DP_POSSIBLE = 1 << 6, DP_ASSURANCE = 1 << 7,
	JOURNALIST = 1 << 8, FINAL_JUDGMENT = 1 << 9,
};
static const st_flag request_flags[] = {
	{ SPECIFIC, 88, "specific_investigation" }, { JUDICIAL, 45, "judicial_authorisation" },
	{ EMERGENCY, 10, "emergency" }, { POLITICAL, 4, "political_offence" },
	{ MILITARY, 3, "military_offence" }, { PERSECUTION, 3, "persecution_risk" },
	{ DP_POSSIBLE, 5, "death_penalty_possible" }, { DP_ASSURANCE, 50, "death_penalty_assurance" },
	{ JOURNALIST, 6, "target_is_journalist" }, { FINAL_JUDGMENT, 3, "final_judgment_in_requested" },
};

typedef struct rg_request {
	int32_t submitted;        /* day number */
	uint16_t retention;       /* days */
	uint16_t targets;
	uint16_t data;            /* bits of enum st_data */
	uint16_t flags;
	uint8_t requesting, requested;   /* party, or RG_NOT_PARTY */
	uint8_t measure, offence;
	uint8_t max_penalty;      /* years */
} rg_request;

/* obligations: retain_at_most and respond_within always come with a grant
 * or a referral, purpose_limited too; encrypt_in_transit is a flag */
enum { ENCRYPT = 1 };
typedef struct rg_decision {
	uint16_t retain;
	uint8_t respond;
	uint8_t flags;
} rg_decision;

static const uint64_t criminalises[RG_PARTIES] = {
	[XA] = ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES,
	[XB] = (ST_CORE_CYBERCRIMES & ~OB(MISUSE_OF_DEVICES)) | ST_SERIOUS_CRIMES,
	[XC] = (ST_CORE_CYBERCRIMES & ~OB(NCII)) | ST_SERIOUS_CRIMES | OB(CRIMINAL_DEFAMATION),
	[XD] = ST_BUDAPEST_OFFENCES | OB(MONEY_LAUNDERING) | OB(TERRORISM) | OB(DRUG_TRAFFICKING),
	[XE] = ST_UN_CONVENTION_OFFENCES | ST_SERIOUS_CRIMES | OB(IDENTITY_THEFT),
	[XF] = (ST_CORE_CYBERCRIMES & ~OB(CHILD_GROOMING)) | OB(TERRORISM) | OB(CORRUPTION) |
	       OB(MONEY_LAUNDERING),
	[XG] = ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES | OB(BLASPHEMY) | OB(INSULTING_OFFICIALS),
	[XH] = ST_BUDAPEST_OFFENCES | ST_SERIOUS_CRIMES | OB(HARASSMENT),
	[XI] = (ST_CORE_CYBERCRIMES & ~(OB(MISUSE_OF_DEVICES) | OB(NCII))) | ST_SERIOUS_CRIMES,
	[XJ] = ST_UN_CONVENTION_OFFENCES | OB(DRUG_TRAFFICKING) | OB(HUMAN_TRAFFICKING),
	[XL] = ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES | OB(IDENTITY_THEFT) | OB(HARASSMENT),
	[XM] = (ST_BUDAPEST_OFFENCES & ~OB(COPYRIGHT_INFRINGEMENT)) | ST_SERIOUS_CRIMES |
	       OB(LESE_MAJESTE),
};

#define EFFECTIVE ST_DAY(2024, 7, 1)
#define EXPIRES ST_DAY(2039, 6, 30)
#define SUNSET_7_6 ST_DAY(2026, 12, 31)
#define M(x) (1u << (x))

ST_NOINLINE static uint32_t rg_decide(const rg_request *r, rg_decision *d)
{
	if (r->requesting >= RG_PARTIES || r->requested >= RG_PARTIES || r->submitted < EFFECTIVE ||
	    r->submitted > EXPIRES)
		return ST_BY_AGREEMENT;
	unsigned f = r->flags, m = M(r->measure), data = r->data;
	uint64_t off = 1ull << r->offence;
	int serious = r->max_penalty >= 4;
	int comms = (data & (DB(CONTENT) | DB(TRAFFIC))) != 0;
	int sensitive = (data & ST_SPECIAL_CATEGORIES) != 0;

	if (!(f & SPECIFIC))                                                        /* 4.1 */
		return ST_REFUSED;
	if (r->targets > 25 && !(f & EMERGENCY))                                    /* 4.2 */
		return ST_REFUSED;
	if (!(m & (M(PRESERVATION) | M(SERVICE_OF_DOCUMENTS))) &&                   /* 5.1, 5.2 */
	    !(criminalises[r->requesting] & criminalises[r->requested] & off))
		return ST_REFUSED;
	if (f & (POLITICAL | MILITARY | PERSECUTION | FINAL_JUDGMENT))              /* 6.1-6.3, 6.6 */
		return ST_REFUSED;
	if (off & ST_CONTENT_RELATED)                                               /* 6.4 */
		return ST_REFUSED;
	if ((f & (DP_POSSIBLE | DP_ASSURANCE)) == DP_POSSIBLE)                      /* 6.5 */
		return ST_REFUSED;
	if ((f & (JOURNALIST | JUDICIAL)) == JOURNALIST && comms)                   /* 6.7 */
		return ST_REFUSED;
	if ((m & (M(REAL_TIME_COLLECTION) | M(INTERCEPTION))) &&                    /* 7.1, 7.6 */
	    (!serious || r->submitted <= SUNSET_7_6))
		return ST_REFUSED;
	if ((m & M(INTERCEPTION)) && !(f & JUDICIAL))                               /* 7.2 */
		return ST_REFUSED;
	if ((m & M(SEARCH_AND_SEIZURE)) && !(f & (JUDICIAL | EMERGENCY)))           /* 7.3 */
		return ST_REFUSED;
	if ((m & M(REAL_TIME_COLLECTION)) && r->targets > 5)                        /* 7.4 */
		return ST_REFUSED;
	if (r->retention > 730)                                                     /* 8.1 */
		return ST_REFUSED;
	if (sensitive && !(f & JUDICIAL))                                           /* 8.2 */
		return ST_REFUSED;
	if ((data & (DB(GENETIC) | DB(BIOMETRIC))) && !serious)                     /* 8.3 */
		return ST_REFUSED;
	if (!data && (m & (M(SUBSCRIBER_INFO) | M(TRAFFIC_DATA) | M(CONTENT_DATA))))  /* 8.4 */
		return ST_REFUSED;

	uint32_t outcome;
	if (((m & M(CONTENT_DATA)) && !(f & JUDICIAL)) || r->retention > 365 ||     /* 7.5, 8.5 */
	    (f & (EMERGENCY | JUDICIAL)) == EMERGENCY || (f & JOURNALIST))          /* 9.1, 10.1 */
		outcome = PACTA_REFER;
	else if (((off & (ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES)) && serious) ||  /* 3.1, 3.2 */
		 (m & M(PRESERVATION)))                                             /* 3.3 */
		outcome = PACTA_GRANT;
	else
		return ST_DECIDED(PACTA_REFUSE, PACTA_GROUND_DEFAULT);
	d->retain = sensitive ? 90 : 365;                                           /* 8.6, 8.7 */
	d->respond = (f & EMERGENCY) ? 10 : 60;                                     /* 9.1, 9.2 */
	d->flags = comms || sensitive ? ENCRYPT : 0;                                /* 8.9 */
	return outcome;                                                             /* 8.8 */
}

static void rg_canon(const void *dv, uint32_t r, st_canon *c)
{
	const rg_decision *d = dv;
	if ((r & 0xff) == PACTA_REFUSE)
		return;
	stc_int(c, "retain_at_most", d->retain);
	stc_int(c, "respond_within", d->respond);
	stc_flag(c, "purpose_limited");
	if (d->flags & ENCRYPT)
		stc_flag(c, "encrypt_in_transit");
}

/* Random requests, most of them refused: the Parties and dates of the
 * Convention nearly always, offences that half the time are core
 * cybercrimes, each flag that triggers a ground now and then. */
static void rg_gen(uint64_t *s, void *rv, st_json *j)
{
	rg_request *r = rv;
	static const uint8_t pct[DC__COUNT] = { 50, 30, 25, 5, 10, 3, 3, 3, 3, 3, 3, 3, 3, 3 };
	static const uint8_t core[] = {
		OFF_ILLEGAL_ACCESS, OFF_ILLEGAL_INTERCEPTION, OFF_DATA_INTERFERENCE,
		OFF_SYSTEM_INTERFERENCE, OFF_MISUSE_OF_DEVICES, OFF_COMPUTER_FORGERY,
		OFF_COMPUTER_FRAUD, OFF_CSAM, OFF_CHILD_GROOMING, OFF_NCII,
	};
	const char *a = st_draw_party(s, 98, party_names, RG_PARTIES, &r->requesting);
	const char *b = st_draw_party(s, 98, party_names, RG_PARTIES, &r->requested);
	if (st_pct(s, 98))
		r->submitted = st_range(s, EFFECTIVE, ST_DAY(2031, 12, 31));
	else
		r->submitted = st_pct(s, 50) ? st_range(s, ST_DAY(2023, 1, 1), EFFECTIVE - 1)
					     : st_range(s, EXPIRES + 1, ST_DAY(2041, 12, 31));
	r->measure = (uint8_t)st_below(s, MEASURES);
	unsigned u = st_below(s, 100);
	if (u < 45)
		r->offence = core[st_below(s, sizeof core)];
	else if (u < 70)   /* money laundering to extortion: the serious crimes and a few others */
		r->offence = (uint8_t)(OFF_MONEY_LAUNDERING + st_below(s, OFF_EXTORTION - OFF_MONEY_LAUNDERING + 1));
	else
		r->offence = (uint8_t)st_below(s, OFF__COUNT);
	r->max_penalty = (uint8_t)st_below(s, 16);
	r->data = st_draw_set(s, pct, DC__COUNT);
	u = st_below(s, 100);
	r->targets = (uint16_t)(u < 80 ? st_range(s, 1, 5) : u < 95 ? st_range(s, 6, 25) : st_range(s, 26, 60));
	u = st_below(s, 100);
	r->retention = (uint16_t)(u < 60 ? 0 : u < 85 ? st_range(s, 1, 365) : u < 95 ? st_range(s, 366, 730)
										 : st_range(s, 731, 1000));
	r->flags = (uint16_t)st_draw_flags(s, request_flags, ST_N(request_flags));

	stj_head(j, a, b, r->submitted);
	stj_str(j, "measure", measure_names[r->measure]);
	stj_str(j, "offence", st_offence_names[r->offence]);
	stj_int(j, "max_penalty", r->max_penalty);
	stj_set(j, "data", r->data, st_data_names, DC__COUNT);
	stj_int(j, "targets", r->targets);
	stj_flags(j, r->flags, request_flags, ST_N(request_flags));
	stj_int(j, "retention_requested", r->retention);
	stj_end(j);
}

ST_POLICY(st_regional, rg, "regional",
	  "12-Party table, overlaps, 19 refusal grounds, 19 fields, mostly refused",
	  rg_request, rg_decision, rg_decide);
